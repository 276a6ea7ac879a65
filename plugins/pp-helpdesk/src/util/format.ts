/** `in_progress` → `In progress`. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A date-time in the reader's locale; `—` for none (shared by the PP plugins). */
export { formatDateTime } from '@internal/plugin-pp-react';

/** `component:default/payment-service` → `payment-service`. */
export function entityName(ref: string | null | undefined): string {
  if (!ref) return '—';
  const slash = ref.lastIndexOf('/');
  return slash >= 0 ? ref.slice(slash + 1) : ref;
}
