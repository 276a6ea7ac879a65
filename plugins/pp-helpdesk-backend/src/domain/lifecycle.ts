import { ConflictError, InputError } from '@backstage/errors';
import {
  PP_TICKET_TRANSITIONS,
  PpTicketStatus,
  ppIsTicketTransitionAllowed,
} from '@internal/plugin-pp-common';
import { applyStatusClock } from './sla';
import { HistoryField, TicketState, changedFields, ticketKey } from './ticket';

/** Who does something to a ticket, as the rules need it. */
export interface TicketActor {
  id: string;
  name: string;
}

/** What a lifecycle step produced besides the changed ticket. */
export type LifecycleEvent =
  | { kind: 'status'; from: PpTicketStatus; to: PpTicketStatus }
  | { kind: 'escalated'; reason: string };

/**
 * Moves a ticket (a draft copy) to `to` along PP_TICKET_TRANSITIONS: 409 naming the allowed moves
 * for an illegal one; escalating needs a reason of 10+ characters, closing needs resolution notes.
 * Keeps the SLA clock (on hold pauses it), the first response and the resolved/closed times.
 */
export function transitionTicket(
  t: TicketState,
  to: PpTicketStatus,
  now: Date,
  opts: { reason?: string } = {},
): LifecycleEvent | undefined {
  const from = t.status;
  if (!ppIsTicketTransitionAllowed(from, to)) {
    const allowed = PP_TICKET_TRANSITIONS[from];
    // for agents, the same as fields of the error body: {error: {..., status, allowed_transitions}}
    throw Object.assign(
      new ConflictError(
        `${ticketKey(t.seq)} cannot move from ${from} to ${to}; allowed: ${
          allowed.length ? allowed.join(', ') : 'none (closed is final)'
        }`,
      ),
      { status: from, allowed_transitions: [...allowed] },
    );
  }
  if (to === 'escalated') {
    const reason = opts.reason?.trim() ?? '';
    if (reason.length < 10) {
      throw new InputError(
        'Escalating needs a reason of at least 10 characters',
      );
    }
    return escalateTicket(t, reason, now);
  }
  if (to === 'closed' && !t.resolution_notes?.trim()) {
    throw new InputError('Closing a ticket requires resolution notes');
  }
  Object.assign(t, applyStatusClock(t, from, to, now));
  t.status = to;
  if (to === 'in_progress' && !t.first_response_at) t.first_response_at = now;
  if (to === 'resolved') t.resolved_at = now;
  if (to === 'closed') t.closed_at = now;
  if (from === 'resolved' && to === 'in_progress') t.resolved_at = null;
  return { kind: 'status', from, to };
}

/**
 * Moves the ticket to escalated (or raises the level when it already is) along its SLA's
 * escalation path. A ticket that may not move to escalated (resolved, closed) is left alone.
 */
export function escalateTicket(
  t: TicketState,
  reason: string,
  now: Date,
): LifecycleEvent | undefined {
  if (t.status !== 'escalated') {
    if (!ppIsTicketTransitionAllowed(t.status, 'escalated')) return undefined;
    Object.assign(t, applyStatusClock(t, t.status, 'escalated', now));
    t.status = 'escalated';
  }
  t.escalation_level += 1;
  t.escalated_to = t.sla_escalation_path;
  t.escalation_reason = reason;
  t.escalated_at = now;
  return { kind: 'escalated', reason };
}

/** Staff other than the reporter answering (comment, assignment) is the first response. */
export function noteResponse(t: TicketState, actor: TicketActor, now: Date) {
  if (actor.id !== t.reporter_id && !t.first_response_at) {
    t.first_response_at = now;
  }
}

/**
 * Closed is final for the whole ticket, not only its status: once closed, no field changes
 * (title, priority, notes, assignee, labels, attachments). Comments are the one thing still
 * added. Checked on every write, against the state read in the write's transaction.
 */
export function assertChangeAllowed(
  before: TicketState,
  after: TicketState,
  adds: { attachment?: boolean } = {},
): HistoryField[] {
  const changed = changedFields(before, after);
  if (before.status === 'closed' && (changed.length || adds.attachment)) {
    throw Object.assign(
      new ConflictError(
        `${ticketKey(before.seq)} is closed and can no longer be changed${
          changed.length ? ` (${changed.join(', ')})` : ''
        }; only comments can be added`,
      ),
      { status: before.status, allowed_transitions: [], fields: changed },
    );
  }
  return changed;
}
