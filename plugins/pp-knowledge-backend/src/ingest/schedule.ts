import { InputError } from '@backstage/errors';
import type { ScheduleSpec } from './types';

/*
 * When a knowledge source runs next: `nextRunAt(spec, after)` is the first instant strictly after
 * `after` whose wall-clock time in `spec.time_zone` matches the schedule. Pure: no clock, no
 * state; the core stores the answer as `next_run_at` and a scheduler tick runs the sources due.
 *
 * Wall-clock times are turned into instants with `Intl.DateTimeFormat` (the runtime's IANA
 * database), never with fixed offsets, so daylight saving time is honoured. Decided here:
 * - A daily/weekly time that does not exist on a day (it falls in the spring-forward gap) runs
 *   at the same distance after the gap's start, i.e. shifted forward by the gap (02:30 in New
 *   York on the spring-forward day runs at 03:30 EDT) — the run is late, never skipped.
 * - A daily/weekly time that exists twice (the fall-back overlap) runs once, at the first.
 * - Hourly runs at minute MM of every real hour, including both copies of a repeated hour; in a
 *   zone whose offset is not whole hours (IST, +05:30) the minute is the local one (02:00 IST
 *   hourly is at :30 UTC).
 * - Weekly without a weekday is Monday (the contract's default).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InputError(
        `${JSON.stringify(
          timeZone,
        )} is not a time zone this server knows; use an IANA name such as Asia/Kolkata or Europe/Berlin`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA time zone the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time of `instant` in `timeZone` (seconds dropped). */
function wallTimeOf(timeZone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
  };
}

const wallAsUtc = (w: WallTime) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The zone's offset (local − UTC) at `instant`, in ms, to the minute. */
function offsetAt(timeZone: string, instant: number): number {
  const floored = Math.floor(instant / MINUTE) * MINUTE;
  return wallAsUtc(wallTimeOf(timeZone, floored)) - floored;
}

/**
 * The instant a wall-clock time happens in `timeZone`: the first one when it happens twice, and
 * shifted forward by the gap when it does not happen at all.
 */
export function zonedTimeToInstant(timeZone: string, wall: WallTime): Date {
  const guess = wallAsUtc(wall);
  const before = offsetAt(timeZone, guess - DAY);
  const after = offsetAt(timeZone, guess + DAY);
  // the larger offset gives the earlier instant: try it first
  const offsets =
    before === after ? [before] : [before, after].sort((a, b) => b - a);
  for (const offset of offsets) {
    const instant = guess - offset;
    if (wallAsUtc(wallTimeOf(timeZone, instant)) === guess) {
      return new Date(instant);
    }
  }
  // in the spring-forward gap: the offset before the transition moves it forward by the gap
  return new Date(guess - before);
}

function parseTime(time: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) {
    throw new InputError(
      `${JSON.stringify(
        time,
      )} is not a time of day; write HH:MM (24 h), e.g. 02:00`,
    );
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The calendar day `days` after a wall date (calendar arithmetic in UTC, no zone involved). */
function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return {
    ...w,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}

const weekdayOf = (w: WallTime) =>
  new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();

/** The first instant strictly after `after` when a source with this schedule runs. */
export function nextRunAt(spec: ScheduleSpec, after: Date): Date {
  const { hour, minute } = parseTime(spec.time);
  const tz = spec.time_zone;
  formatterFor(tz); // a clear error for an unknown zone
  const from = after.getTime();
  if (!Number.isFinite(from)) {
    throw new InputError('nextRunAt needs a valid date to start from');
  }

  if (spec.frequency === 'hourly') {
    // every real hour, each at the local minute `minute`
    const hourStart = Math.floor(from / HOUR) * HOUR;
    for (let k = 0; k < 4; k++) {
      const base = hourStart + k * HOUR;
      const localMinute = (((offsetAt(tz, base) / MINUTE) % 60) + 60) % 60;
      const candidate =
        base + ((((minute - localMinute) % 60) + 60) % 60) * MINUTE;
      if (candidate > from && wallTimeOf(tz, candidate).minute === minute) {
        return new Date(candidate);
      }
    }
    throw new Error(
      `No hourly run found after ${after.toISOString()} in ${tz}`,
    );
  }

  let weekday: number | undefined;
  if (spec.frequency === 'weekly') {
    weekday = spec.weekday ?? 1;
    if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
      throw new InputError(
        `The weekday must be 0 (Sunday) to 6 (Saturday), not ${weekday}`,
      );
    }
  } else if (spec.frequency !== 'daily') {
    throw new InputError(
      `The frequency must be hourly, daily or weekly, not ${JSON.stringify(
        spec.frequency,
      )}`,
    );
  }

  const today = wallTimeOf(tz, from);
  // from yesterday (a zone behind UTC) to 8 days on: covers every weekday and DST shift
  for (let d = -1; d <= 8; d++) {
    const day = addDays({ ...today, hour, minute }, d);
    if (weekday !== undefined && weekdayOf(day) !== weekday) continue;
    const instant = zonedTimeToInstant(tz, day);
    if (instant.getTime() > from) return instant;
  }
  throw new Error(
    `No ${spec.frequency} run found after ${after.toISOString()} in ${tz}`,
  );
}
