import { PP_ROLES, PpRoleKey, isPpRoleKey } from '@internal/plugin-pp-common';

/** The title of a role ("Infrastructure Engineer"), or the raw key for one we do not know. */
export function roleTitle(role: PpRoleKey | string): string {
  return isPpRoleKey(role) ? PP_ROLES[role].title : role;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "in 5 days", "just now"; `fallback` when there is no time. */
export function formatRelative(
  iso: string | null | undefined,
  fallback = 'Never',
  now: number = Date.now(),
): string {
  if (!iso) return fallback;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/**
 * The time left on a time-bound role: "expires in 3 h", "expires in 25 min", "expires in 2 d",
 * "expired" once past.
 */
export function formatCountdown(iso: string, now: number = Date.now()): string {
  const left = Date.parse(iso) - now;
  if (Number.isNaN(left)) return `expires ${iso}`;
  if (left <= 0) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `expires in ${minutes} min`;
  const hours = Math.round(left / 3600_000);
  if (hours < 48) return `expires in ${hours} h`;
  return `expires in ${Math.round(left / (24 * 3600_000))} d`;
}

/** A full local date and time, for tooltips and logs. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}

/**
 * What a role change does to the person's sign-in (contract `role_rules`: a role change ends
 * every session of that user at once), said wherever roles are changed.
 */
export function sessionsEndNotice(whose: string | { count: number }): string {
  if (typeof whose === 'string') {
    return `Changing roles signs ${whose} out everywhere at once: their sessions end and they sign in again to use the new roles.`;
  }
  return whose.count === 1
    ? 'Changing roles signs this person out everywhere at once: their sessions end and they sign in again to use the new roles.'
    : `Changing roles signs these ${whose.count} people out everywhere at once: their sessions end and they sign in again to use the new roles.`;
}
