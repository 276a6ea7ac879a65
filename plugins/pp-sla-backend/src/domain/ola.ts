import type { PpOlaEvent } from '@internal/plugin-pp-common';
import { InputError } from '@backstage/errors';
import { MINUTE } from './compliance';

/**
 * OLA clocks, pure: a clock starts at its start event, stops at its stop event, and is breached
 * when it runs past `start + commitment`, stopped or not.
 */

/** Which events belong together: a clock starts and stops on events of the same subject kind. */
export const OLA_EVENT_SUBJECT: Record<PpOlaEvent, 'handoff' | 'ticket'> = {
  handoff_submitted: 'handoff',
  handoff_accepted: 'handoff',
  ticket_created: 'ticket',
  ticket_first_response: 'ticket',
};

const ORDER: Record<PpOlaEvent, number> = {
  handoff_submitted: 0,
  handoff_accepted: 1,
  ticket_created: 0,
  ticket_first_response: 1,
};

/** Refuses a start/stop pair that cannot time anything. */
export function assertOlaEvents(start: PpOlaEvent, stop: PpOlaEvent) {
  if (OLA_EVENT_SUBJECT[start] !== OLA_EVENT_SUBJECT[stop]) {
    throw new InputError(
      'The start and stop events must be of the same thing: both handoff events or both ticket events',
    );
  }
  if (ORDER[start] >= ORDER[stop]) {
    throw new InputError('The stop event must come after the start event');
  }
}

export type OlaClockState = 'running' | 'met' | 'breached' | 'met_late';

export interface OlaClockView {
  deadline: Date;
  state: OlaClockState;
  elapsed_minutes: number;
  /** when it breached (the deadline), when it did */
  breached_at: Date | null;
}

/**
 * Where a clock stands at `now`: running until stopped; stopped by the deadline is met, after it
 * met_late; still running after the deadline is breached. Breached from the deadline on.
 */
export function olaClock(
  startedAt: Date,
  stoppedAt: Date | null,
  commitmentMinutes: number,
  now: Date,
): OlaClockView {
  const deadline = new Date(startedAt.getTime() + commitmentMinutes * MINUTE);
  const end = stoppedAt ?? now;
  const elapsed = Math.max(0, (end.getTime() - startedAt.getTime()) / MINUTE);
  const late = end.getTime() > deadline.getTime();
  let state: OlaClockState;
  if (stoppedAt) state = late ? 'met_late' : 'met';
  else state = late ? 'breached' : 'running';
  return {
    deadline,
    state,
    elapsed_minutes: Math.round(elapsed * 100) / 100,
    breached_at: late ? deadline : null,
  };
}
