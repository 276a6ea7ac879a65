import { InputError, ConflictError } from '@backstage/errors';
import {
  PpAlertType,
  PpSilenceCreate,
  PpSilenceKind,
  PpSilenceState,
} from '@internal/plugin-pp-common';

const DAY_MS = 86_400_000;
/** A silence may start this far in the past (clocks differ a little). */
export const SILENCE_PAST_TOLERANCE_MS = 5 * 60_000;
/** Longest silence or maintenance window. */
export const SILENCE_MAX_DAYS = 90;
/** Latest start of a planned window. */
export const SILENCE_MAX_LEAD_DAYS = 365;

/** What the rules need of a silence. */
export interface SilenceWindow {
  id: string;
  service_id: string | null;
  alert_type: PpAlertType | null;
  starts_at: Date;
  ends_at: Date;
}

/** What an alert is matched on. */
export interface SilenceTarget {
  service_id: string;
  alert_type: PpAlertType;
}

/** active: covers alerts now; scheduled: starts later; expired: ended (or was ended early). */
export function silenceState(s: SilenceWindow, now: Date): PpSilenceState {
  if (s.ends_at.getTime() <= now.getTime()) return 'expired';
  if (s.starts_at.getTime() > now.getTime()) return 'scheduled';
  return 'active';
}

/** Does `s` cover an alert of `target` at `at`? A matcher left out (null) matches anything. */
export function silenceCovers(
  s: SilenceWindow,
  target: SilenceTarget,
  at: Date,
): boolean {
  return (
    silenceState(s, at) === 'active' &&
    (s.service_id === null || s.service_id === target.service_id) &&
    (s.alert_type === null || s.alert_type === target.alert_type)
  );
}

/** The silence covering `target` at `at` (the one lasting longest), if any. */
export function coveringSilence<S extends SilenceWindow>(
  silences: readonly S[],
  target: SilenceTarget,
  at: Date,
): S | undefined {
  return silences
    .filter(s => silenceCovers(s, target, at))
    .sort((a, b) => b.ends_at.getTime() - a.ends_at.getTime())[0];
}

/** A silence as asked for (`POST /health/silences`), validated already as to its shape. */
export type SilenceRequest = PpSilenceCreate;

/** A silence to store. */
export interface PlannedSilence {
  kind: PpSilenceKind;
  service_id: string | null;
  alert_type: PpAlertType | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
}

/**
 * The window of a new silence, or a 400 saying what is wrong: it covers a service (one of
 * `targets`: monitored services and queue systems) and/or a rule, ends after it starts and after
 * `now`, starts at most 5 minutes in the past and within a year, and lasts at most 90 days.
 */
export function planSilence(
  request: SilenceRequest,
  now: Date,
  targets: ReadonlySet<string>,
): PlannedSilence {
  const bad = (message: string) =>
    new InputError(`Invalid request body: ${message}`);
  if (!request.service_id && !request.alert_type) {
    throw bad('give service_id, alert_type or both (what the silence covers)');
  }
  if (request.service_id && !targets.has(request.service_id)) {
    throw bad(
      `service_id: ${request.service_id} is not a monitored service or queue system`,
    );
  }
  const starts = request.starts_at ? new Date(request.starts_at) : now;
  const ends = new Date(request.ends_at);
  if (starts.getTime() < now.getTime() - SILENCE_PAST_TOLERANCE_MS) {
    throw bad('starts_at: must not be in the past');
  }
  if (starts.getTime() > now.getTime() + SILENCE_MAX_LEAD_DAYS * DAY_MS) {
    throw bad(
      `starts_at: must be within ${SILENCE_MAX_LEAD_DAYS} days from now`,
    );
  }
  if (ends.getTime() <= Math.max(starts.getTime(), now.getTime())) {
    throw bad('ends_at: must be after starts_at and in the future');
  }
  if (ends.getTime() - starts.getTime() > SILENCE_MAX_DAYS * DAY_MS) {
    throw bad(`ends_at: a silence lasts at most ${SILENCE_MAX_DAYS} days`);
  }
  return {
    kind: request.kind ?? 'silence',
    service_id: request.service_id ?? null,
    alert_type: request.alert_type ?? null,
    starts_at: starts,
    ends_at: ends,
    reason: request.reason,
  };
}

/** The new end of a silence ended at `now` (409 when it has ended already). */
export function endOfEndedSilence(s: SilenceWindow, now: Date): Date {
  if (silenceState(s, now) === 'expired') {
    throw new ConflictError(`Silence ${s.id} has already ended`);
  }
  return now;
}

/** A silence as the API shows it at `now`. */
export function silenceView<S extends SilenceWindow & { created_at: Date }>(
  s: S,
  now: Date,
) {
  return {
    ...s,
    starts_at: s.starts_at.toISOString(),
    ends_at: s.ends_at.toISOString(),
    created_at: s.created_at.toISOString(),
    state: silenceState(s, now),
  };
}
