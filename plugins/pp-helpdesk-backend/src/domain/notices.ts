import {
  PpRoleKey,
  PpTicketEscalationPath,
  PpTicketStatus,
} from '@internal/plugin-pp-common';
import type { PpNotificationMessage } from '@internal/plugin-pp-node';
import { SlaEvent } from './sla';
import { TicketActor } from './lifecycle';
import { TicketState, severityOf, ticketKey } from './ticket';

/**
 * What the helpdesk tells people, as pure functions of the ticket: the unit of work writes them
 * to the outbox in the transaction of the change; recipients given by role or email address are
 * resolved when the notifier delivers them.
 */
export type TicketNotice = PpNotificationMessage;

const words = (s: PpTicketStatus) => s.replace('_', ' ');

function aboutTicket(t: TicketState, notice: Omit<TicketNotice, 'reference'>) {
  return {
    ...notice,
    link: `/pp/helpdesk/tickets/${ticketKey(t.seq)}`,
    reference: `ticket:${ticketKey(t.seq)}`,
  };
}

/** Who a ticket's escalation goes to: infrastructure engineers, or the team leads (admins if none). */
export function escalationAudience(
  path: PpTicketEscalationPath,
  teamLeads: string[],
): { roles: PpRoleKey[]; emails: string[] } {
  if (path === 'infrastructure_engineer') {
    return { roles: ['infrastructure_engineer'], emails: [] };
  }
  if (!teamLeads.length) return { roles: ['admin'], emails: [] };
  return { roles: [], emails: [...teamLeads] };
}

/** The people working on a ticket, except the one acting. */
function involved(t: TicketState, actor: TicketActor) {
  return [t.reporter_id, t.assignee_id].filter(
    (x): x is string => !!x && x !== actor.id,
  );
}

export function createdNotice(
  t: TicketState,
  actor: TicketActor,
): TicketNotice {
  const key = ticketKey(t.seq);
  return aboutTicket(t, {
    topic: 'helpdesk.ticket.created',
    title: `${key} ${t.priority} ${t.type.replace('_', ' ')}: ${t.title}`,
    description: `${
      actor.name
    } opened ${key}. Response due ${t.response_due_at.toISOString()}.`,
    severity: severityOf(t.priority),
    to: {
      userIds:
        t.assignee_id && t.assignee_id !== actor.id ? [t.assignee_id] : [],
    },
    slackChannel: 'helpdesk',
  });
}

export function statusNotice(
  t: TicketState,
  actor: TicketActor,
  from: PpTicketStatus,
  to: PpTicketStatus,
): TicketNotice | undefined {
  const people = involved(t, actor);
  if (!people.length) return undefined;
  const key = ticketKey(t.seq);
  return aboutTicket(t, {
    topic: `helpdesk.ticket.${to}`,
    title: `${key} is ${words(to)}: ${t.title}`,
    description: `${actor.name} moved ${key} from ${words(from)} to ${words(
      to,
    )}.`,
    to: { userIds: people },
  });
}

export function escalatedNotice(
  t: TicketState,
  actor: TicketActor,
  reason: string,
  teamLeads: string[],
): TicketNotice {
  const audience = escalationAudience(t.escalated_to!, teamLeads);
  return aboutTicket(t, {
    topic: 'helpdesk.ticket.escalated',
    title: `${ticketKey(t.seq)} escalated to ${
      t.escalated_to === 'infrastructure_engineer'
        ? 'infrastructure engineers'
        : 'team leads'
    } (level ${t.escalation_level}): ${t.title}`,
    description: `${actor.name}: ${reason}`,
    severity: severityOf(t.priority),
    slackChannel: 'helpdesk',
    to: {
      userIds: t.assignee_id ? [t.assignee_id] : [],
      roles: audience.roles,
      emails: audience.emails,
    },
  });
}

export function assignedNotice(
  t: TicketState,
  actor: TicketActor,
): TicketNotice | undefined {
  if (!t.assignee_id || t.assignee_id === actor.id) return undefined;
  const key = ticketKey(t.seq);
  return aboutTicket(t, {
    topic: 'helpdesk.ticket.assigned',
    title: `${key} assigned to you: ${t.title}`,
    description: `${actor.name} assigned ${key} (${t.priority}) to you.`,
    severity: severityOf(t.priority),
    to: { userIds: [t.assignee_id] },
  });
}

export function commentedNotice(
  t: TicketState,
  actor: TicketActor,
  body: string,
): TicketNotice | undefined {
  const people = involved(t, actor);
  if (!people.length) return undefined;
  return aboutTicket(t, {
    topic: 'helpdesk.ticket.commented',
    title: `New comment on ${ticketKey(t.seq)}: ${t.title}`,
    description: `${actor.name}: ${body.slice(0, 300)}`,
    to: { userIds: people },
  });
}

/** The assignee; nobody assigned yet: the helpdesk agents. */
const workers = (t: TicketState) =>
  t.assignee_id
    ? { userIds: [t.assignee_id], roles: [] as PpRoleKey[] }
    : { userIds: [] as string[], roles: ['helpdesk_agent'] as PpRoleKey[] };

export function slaNotice(
  t: TicketState,
  event: SlaEvent,
  dueAt: Date,
  teamLeads: string[],
): TicketNotice {
  const key = ticketKey(t.seq);
  if (event.kind === 'breach_imminent') {
    return aboutTicket(t, {
      topic: 'helpdesk.sla.breach_imminent',
      title: `${key} ${event.target} SLA breach imminent: ${t.title}`,
      description: `80 % of the ${t.priority} ${
        event.target
      } time is used; due ${dueAt.toISOString()}.`,
      severity: 'high',
      to: workers(t),
    });
  }
  const audience = escalationAudience(t.sla_escalation_path, teamLeads);
  const to = workers(t);
  return aboutTicket(t, {
    topic: 'helpdesk.sla.breached',
    title: `${key} breached its ${event.target} SLA: ${t.title}`,
    description: `The ${t.priority} ${
      event.target
    } target (due ${dueAt.toISOString()}) has passed.`,
    severity: 'critical',
    to: {
      userIds: to.userIds,
      roles: [...new Set([...to.roles, ...audience.roles])],
      emails: audience.emails,
    },
    email: true,
  });
}
