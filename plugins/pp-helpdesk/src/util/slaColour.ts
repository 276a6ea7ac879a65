/** How a running SLA target looks right now. */
export type SlaColour = 'green' | 'amber' | 'red' | 'paused';

function toMs(value: string | number | Date): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value : Date.parse(value);
}

/**
 * The colour of an SLA countdown: `paused` while the clock is stopped (on_hold), `red` once the
 * due time has passed, `amber` when half or less of the target's time is left, `green` otherwise.
 * Pure: the caller passes the clock (`now`).
 */
export function slaColour(
  dueAt: string | number | Date,
  startedAt: string | number | Date,
  now: string | number | Date,
  paused: boolean,
): SlaColour {
  if (paused) return 'paused';
  const due = toMs(dueAt);
  const at = toMs(now);
  if (at >= due) return 'red';
  const total = due - toMs(startedAt);
  if (total <= 0) return 'red';
  return (due - at) / total > 0.5 ? 'green' : 'amber';
}
