/*
 * Version labels: `v<YYYY-MM-DD>` of the UTC day a version is made; the second of a day is
 * `v<day>-2`, then `-3` … (the next free number after the highest taken, so labels never repeat).
 */

/** The label prefix of the UTC day of `at`, e.g. `v2026-12-04`. */
export function dayLabel(at: Date): string {
  return `v${at.toISOString().slice(0, 10)}`;
}

/** The next label of the day of `at`, given the industry's labels of that day. */
export function nextVersionLabel(at: Date, labelsOfDay: string[]): string {
  const day = dayLabel(at);
  let highest = 0;
  for (const label of labelsOfDay) {
    if (label === day) highest = Math.max(highest, 1);
    else if (label.startsWith(`${day}-`)) {
      const n = Number(label.slice(day.length + 1));
      if (Number.isInteger(n) && n > 0) highest = Math.max(highest, n);
    }
  }
  return highest === 0 ? day : `${day}-${highest + 1}`;
}

/** `(added + modified + removed) / from × 100`, one decimal; 100 when `from` is empty. */
export function changePercent(
  counts: { added: number; modified: number; removed: number },
  totalFrom: number,
): number {
  const changed = counts.added + counts.modified + counts.removed;
  if (totalFrom <= 0) return changed > 0 ? 100 : 0;
  return Math.round((changed / totalFrom) * 1000) / 10;
}
