import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpAuditEntry,
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { escalateTicket } from '../domain/lifecycle';
import { escalatedNotice, slaNotice, TicketNotice } from '../domain/notices';
import { SlaEvent, dueSlaEvents } from '../domain/sla';
import { TicketStore } from '../database/TicketStore';
import { PreconditionFailedError, TicketCommands } from './TicketCommands';

/** The SLA job acts as this principal in history and audit. */
export const SYSTEM: PpPrincipal = {
  kind: 'bootstrap',
  id: 'pp-helpdesk-sla',
  ref: 'plugin:pp-helpdesk/sla',
  name: 'SLA monitor',
  email: null,
  status: 'active',
  roles: [],
  entityRef: null,
};

export interface SlaRun {
  warned: number;
  breached: number;
  escalated: number;
  /** Tickets the run could not process (reported, left for a later run). */
  failed: number;
}

/** A ticket that failed is looked at again after this long, so it never blocks the head of the queue. */
const RETRY_FAILED_MS = 5 * 60_000;

/**
 * The SLA job: flags breach-imminent (≥ 80 % of a target's time used; tells the assignee), marks
 * breaches (100 %; email) and escalates breached tickets along their path. Each warning and breach
 * is an event recorded for its deadline (pp_ticket_sla_events): a deadline already told about is
 * never told about again, whatever re-planning happened in between. One ticket that fails is
 * reported (log and audit) and the run goes on with the others.
 */
export class SlaMonitor {
  constructor(
    private readonly deps: {
      store: TicketStore;
      commands: TicketCommands;
      notifier: PpTransactionalNotifier;
      teamLeads: string[];
      logger: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now: () => Date;
    },
  ) {}

  async run(): Promise<SlaRun> {
    const now = this.deps.now();
    const result: SlaRun = { warned: 0, breached: 0, escalated: 0, failed: 0 };
    const due = await this.deps.store.dueForSlaCheck(now, 500);
    for (const id of due) {
      try {
        await this.checkOne(id, result);
      } catch (error) {
        if (error instanceof PreconditionFailedError) continue; // changed meanwhile: next run
        result.failed += 1;
        this.deps.logger.error(
          `Helpdesk SLA check of ticket ${id} failed; the other tickets go on`,
          error as Error,
        );
        await this.deps.store
          .deferSlaCheck(id, new Date(now.getTime() + RETRY_FAILED_MS))
          .catch(() => undefined);
        await this.deps
          .audit?.({
            principal: SYSTEM.ref,
            action: 'pp.tickets.sla.check',
            resource: `ticket:${id}`,
            outcome: 'failure',
            reason: String((error as Error)?.message ?? error).slice(0, 500),
          })
          .catch(() => undefined);
      }
    }
    return result;
  }

  private async checkOne(id: string, result: SlaRun) {
    let events: SlaEvent[] = [];
    let escalated = false;
    const ticket = await this.deps.commands.change(
      id,
      SYSTEM,
      'system',
      (t, at) => {
        const found = dueSlaEvents(t, at);
        events = found.events;
        escalated = false;
        Object.assign(t, found.changes);
        const notices: Array<{ event: SlaEvent; notice: TicketNotice }> =
          events.map(event => ({
            event,
            notice: slaNotice(
              t,
              event,
              this.dueAt(t, event),
              this.deps.teamLeads,
            ),
          }));
        const breach = events.find(e => e.kind === 'breached');
        let escalation: TicketNotice | undefined;
        if (breach) {
          const reason = `SLA ${breach.target} target breached`;
          if (escalateTicket(t, reason, at)) {
            escalated = true;
            escalation = escalatedNotice(
              t,
              SYSTEM,
              reason,
              this.deps.teamLeads,
            );
          }
        }
        return {
          notices: [],
          // Each event is recorded for its deadline; only a new one is told about.
          after: async (uow, current) => {
            const told: TicketNotice[] = [];
            for (const { event, notice } of notices) {
              if (
                await uow.recordSlaEvent(
                  current,
                  event,
                  this.dueAt(current, event),
                  at,
                )
              ) {
                told.push(notice);
              }
            }
            if (escalation) told.push(escalation);
            await this.deps.notifier.enqueue(uow.tx, told);
          },
        };
      },
    );
    for (const event of events) {
      if (event.kind === 'breach_imminent') result.warned += 1;
      else result.breached += 1;
      await this.deps.audit?.({
        principal: SYSTEM.ref,
        action: `pp.tickets.sla.${event.kind}`,
        resource: `ticket:${ticket.key}`,
        outcome: 'success',
        details: { ticket_id: ticket.id, target: event.target },
      });
    }
    if (escalated) {
      result.escalated += 1;
      await this.deps.audit?.({
        principal: SYSTEM.ref,
        action: 'pp.tickets.escalate',
        resource: `ticket:${ticket.key}`,
        outcome: 'success',
        reason: ticket.escalation_reason,
        details: {
          ticket_id: ticket.id,
          escalated_to: ticket.escalated_to,
          level: ticket.escalation_level,
        },
      });
    }
  }

  private dueAt(
    t: { response_due_at: Date; resolution_due_at: Date },
    event: SlaEvent,
  ) {
    return event.target === 'response'
      ? t.response_due_at
      : t.resolution_due_at;
  }
}
