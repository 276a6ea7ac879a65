/** One area of the portal and what a person may do there, for the My access page. */
export interface PermissionGroup {
  /** "Tickets", "Users". */
  area: string;
  /** "create", "role request create", sorted. */
  actions: string[];
}

function words(part: string): string {
  return part.replace(/[-_]/g, ' ');
}

/**
 * Groups PP permission names (`pp.<area>.<what>[.<more>]`) by area with readable actions:
 * `pp.tickets.create` → Tickets: create. Names outside that shape are kept whole under "Other".
 */
export function groupPermissions(names: readonly string[]): PermissionGroup[] {
  const groups = new Map<string, Set<string>>();
  for (const name of names) {
    const parts = name.split('.');
    let area = 'Other';
    let action = name;
    if (parts[0] === 'pp' && parts.length >= 3) {
      area = words(parts[1]);
      // Short areas are acronyms (sla → SLA, api → API).
      area =
        area.length <= 3
          ? area.toLocaleUpperCase('en-US')
          : area.charAt(0).toLocaleUpperCase('en-US') + area.slice(1);
      action = parts.slice(2).map(words).join(' ');
    }
    if (!groups.has(area)) groups.set(area, new Set());
    groups.get(area)!.add(action);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([area, actions]) => ({ area, actions: [...actions].sort() }));
}
