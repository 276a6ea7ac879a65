/**
 * A date-time (ISO 8601) in the reader's locale; `—` for none, the text itself when it is not a
 * date.
 *
 * @public
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString();
}
