import type {
  PpOlaClock,
  PpOlaDefinition,
  PpOlaEvent,
} from '@internal/plugin-pp-common';
import { formatMinutes } from './labels';

/** How people read the events that start and stop an OLA clock. */
export const OLA_EVENT_LABELS: Record<PpOlaEvent, string> = {
  handoff_submitted: 'Handoff submitted',
  handoff_accepted: 'Handoff accepted',
  ticket_created: 'Ticket created',
  ticket_first_response: 'First response to the ticket',
};

/** What the provider team commits to do by the stop event, as the start of a sentence. */
const COMMITMENT_VERBS: Record<PpOlaEvent, string> = {
  handoff_submitted: 'Submit the handoff',
  handoff_accepted: 'Accept the handoff',
  ticket_created: 'Open a ticket',
  ticket_first_response: 'Respond to the ticket',
};

/** The pairs of events an OLA may time (the backend refuses the others, see its `domain/ola.ts`). */
export const OLA_TIMINGS = [
  {
    key: 'handoff',
    start: 'handoff_submitted',
    stop: 'handoff_accepted',
    label: 'A handoff, from submitted to accepted',
  },
  {
    key: 'ticket',
    start: 'ticket_created',
    stop: 'ticket_first_response',
    label: 'A ticket, from created to its first response',
  },
] as const satisfies ReadonlyArray<{
  key: string;
  start: PpOlaEvent;
  stop: PpOlaEvent;
  label: string;
}>;

export type OlaClockState = PpOlaClock['state'];

export const OLA_CLOCK_STATE_LABELS: Record<OlaClockState, string> = {
  running: 'Running',
  met: 'Met',
  met_late: 'Met late',
  breached: 'Breached',
};

export const TICKET_PRIORITY_LABELS: Record<string, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const DAY_MINUTES = 24 * 60;

/**
 * A length of time in minutes as people say it: `15 min`, `4 h`, `2 h 30 min`, `24 h`, `14 days`
 * (whole days from two days on; a day and a half stays `36 h`), `less than 1 min` under a minute.
 */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 1) return 'less than 1 min';
  if (m >= 2 * DAY_MINUTES && m % DAY_MINUTES === 0) {
    return `${m / DAY_MINUTES} days`;
  }
  return formatMinutes(m);
}

/** The commitment in words: "Accept the handoff within 24 h". */
export function commitmentText(
  ola: Pick<PpOlaDefinition, 'stop_event' | 'commitment_minutes'>,
): string {
  return `${COMMITMENT_VERBS[ola.stop_event]} within ${formatDuration(
    ola.commitment_minutes,
  )}`;
}

/** The start and stop events as one sentence: "Handoff submitted → handoff accepted". */
export function eventsText(
  ola: Pick<PpOlaDefinition, 'start_event' | 'stop_event'>,
): string {
  const stop = OLA_EVENT_LABELS[ola.stop_event];
  return `${OLA_EVENT_LABELS[ola.start_event]} → ${
    stop.charAt(0).toLowerCase() + stop.slice(1)
  }`;
}

/** Which tickets a ticket OLA times; undefined for a handoff OLA. */
export function ticketScopeText(
  ola: Pick<PpOlaDefinition, 'start_event' | 'ticket_priority'>,
): string | undefined {
  if (!ola.start_event.startsWith('ticket_')) return undefined;
  if (!ola.ticket_priority) return 'Tickets of every priority';
  const label =
    TICKET_PRIORITY_LABELS[ola.ticket_priority] ?? ola.ticket_priority;
  return `${label}-priority tickets only`;
}

/** Who is called, in order, when the OLA is breached. */
export function escalationText(
  ola: Pick<PpOlaDefinition, 'escalation_path' | 'provider_team'>,
): string {
  return ola.escalation_path.length
    ? ola.escalation_path.join(' → ')
    : `The on-call engineers of ${ola.provider_team}`;
}

/** Whole minutes gone by, for a countdown: "less than 1 min" under a minute. */
const countdown = (ms: number) => formatDuration(Math.floor(ms / 60_000));

/**
 * Where a clock stands at `now`, in words. A clock still running counts down to its deadline
 * ("2 h 14 min left") and up after it ("overdue by 12 min"); a stopped one says how long it took.
 */
export function clockTimeText(
  clock: Pick<PpOlaClock, 'deadline' | 'stopped_at' | 'elapsed_minutes'>,
  now: number,
): string {
  const deadline = Date.parse(clock.deadline);
  if (clock.stopped_at) {
    const took = `Took ${formatDuration(clock.elapsed_minutes)}`;
    const late = Date.parse(clock.stopped_at) - deadline;
    return late > 0 ? `${took}, ${countdown(late)} late` : took;
  }
  const left = deadline - now;
  return left > 0
    ? `${countdown(left)} left`
    : `overdue by ${countdown(-left)}`;
}

/**
 * A clock's state at `now`: the server's, except that a running clock whose deadline passed
 * since the server answered is breached (a clock is breached from its deadline on).
 */
export function liveClockState(
  clock: Pick<PpOlaClock, 'state' | 'deadline' | 'stopped_at'>,
  now: number,
): OlaClockState {
  if (
    clock.state === 'running' &&
    !clock.stopped_at &&
    Date.parse(clock.deadline) <= now
  ) {
    return 'breached';
  }
  return clock.state;
}
