/** Marks text the audit store shortened to fit its column. */
export const TRUNCATION_MARK = '…[truncated]';

/**
 * Text that fits a column of `max` characters on every engine: NUL characters (PostgreSQL text
 * cannot hold them) become U+FFFD, lone surrogate halves are not left at the cut, and text longer
 * than `max` is cut and marked. Null stays null.
 */
export function boundText(
  value: string | null | undefined,
  max: number,
): string | null {
  if (value === null || value === undefined) return null;
  let text = String(value).split('\u0000').join('\uFFFD');
  if (text.length <= max) return text;
  let cut = max - TRUNCATION_MARK.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  text = text.slice(0, cut) + TRUNCATION_MARK;
  return text;
}

/** The column sizes of `pp_audit_logs` (varchar lengths; reason is text, bounded all the same). */
export const AUDIT_FIELD_LIMITS = {
  principal: 512,
  action: 256,
  resource: 512,
  reason: 4000,
  request_id: 64,
} as const;
