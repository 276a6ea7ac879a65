import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  PpSubscriptionIncident,
  PpSubscriptionIncidentTrigger,
} from '@internal/plugin-pp-common';
import { randomUUID } from 'node:crypto';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import type { IncidentRow, IncidentStore } from '../database/IncidentStore';
import {
  IncidentRules,
  failureStreak,
  incidentDetail,
  incidentTicket,
  lowScoreStreak,
} from '../domain/incidents';
import type { IncidentDesk } from './IncidentDesk';

/** The watermark of the failed-run scan: the newest failed run already looked at. */
const FAILED_RUNS_MARK = 'failed-runs-after';
/** Subscriptions with new failures looked at per run (the rest wait for the next run). */
const FAILURE_SCAN_LIMIT = 5000;

export function incidentView(
  row: IncidentRow,
): PpSubscriptionIncident | undefined {
  // an incident still waiting for its ticket is not shown as one yet
  if (!row.ticket_id) return undefined;
  return {
    trigger: row.kind,
    ticket_id: row.ticket_id,
    ticket_number: row.ticket_number,
    open: row.open,
    detail: row.detail,
    created_at: row.created_at,
  };
}

export interface IncidentRunSummary {
  opened: number;
  closed: number;
  failed: number;
}

/**
 * Opens helpdesk incidents for subscriptions (spec Stage 5): a health score below 60 three days
 * running, more than 5 failed runs in a row, or a customer complaint from the Customer Portal.
 * One open incident per subscription and trigger (the store's unique slot); each subscription is
 * handled on its own, so one that fails (the helpdesk refuses, the CP row is gone) is logged and
 * retried at the next run while the others go on.
 */
export class IncidentMonitor {
  constructor(
    private readonly deps: {
      cp: CustomerPortalStore;
      incidents: IncidentStore;
      desk: IncidentDesk;
      rules: IncidentRules;
      /** The portal's address, for the ticket's link back to the subscription. */
      portalUrl: string;
      /** The catalog ref of the AI agent with this CP agent id, if the catalog has it. */
      agentEntityRef?: (agentId: string) => Promise<string | undefined>;
      logger: LoggerService;
      clock?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.clock ?? (() => new Date()))();
  }

  /** One run of the monitor's job. */
  async run(): Promise<IncidentRunSummary> {
    const summary: IncidentRunSummary = { opened: 0, closed: 0, failed: 0 };
    await this.refreshOpen(summary);
    await this.checkLowScores(summary);
    await this.checkFailures(summary);
    return summary;
  }

  /**
   * Raises an incident unless one of this trigger is open for the subscription. Returns the
   * incident, or undefined when one was open already.
   */
  async raise(
    subscriptionId: string,
    trigger: PpSubscriptionIncidentTrigger,
    detail: string,
  ): Promise<IncidentRow | undefined> {
    const row = await this.deps.incidents.claim({
      id: randomUUID(),
      subscription_id: subscriptionId,
      kind: trigger,
      detail,
      now: this.now(),
    });
    if (!row) return undefined;
    return this.openTicket(row);
  }

  /** Asks the helpdesk for the incident's ticket; on failure the row waits for the next run. */
  private async openTicket(row: IncidentRow): Promise<IncidentRow> {
    try {
      const sub = await this.deps.cp.getSubscription(row.subscription_id);
      if (!sub) {
        throw new Error(
          `Subscription ${row.subscription_id} is not in the Customer Portal`,
        );
      }
      const entityRef = await this.deps.agentEntityRef?.(sub.agent_id);
      const ticket = await this.deps.desk.open({
        ...incidentTicket({
          trigger: row.kind,
          subscription: sub,
          detail: row.detail,
          portalUrl: this.deps.portalUrl,
        }),
        ...(entityRef ? { entity_ref: entityRef } : {}),
      });
      await this.deps.incidents.setTicket(row.id, ticket);
      this.deps.logger.info(
        `Opened incident ${ticket.number} for subscription ${row.subscription_id} (${row.kind})`,
      );
      return { ...row, ticket_id: ticket.id, ticket_number: ticket.number };
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      await this.deps.incidents.setError(row.id, message);
      this.deps.logger.warn(
        `Incident for subscription ${row.subscription_id} (${row.kind}) not opened yet: ${message}`,
      );
      throw error;
    }
  }

  /** Open incidents: retry those without a ticket, free the slot of those whose ticket is done. */
  private async refreshOpen(summary: IncidentRunSummary) {
    for (const row of await this.deps.incidents.listOpen()) {
      try {
        if (!row.ticket_id) {
          await this.openTicket(row);
          summary.opened += 1;
          continue;
        }
        const open = await this.deps.desk.isOpen(row.ticket_id);
        if (open === false || open === undefined) {
          await this.deps.incidents.close(row.id, this.now());
          summary.closed += 1;
        }
      } catch {
        summary.failed += 1;
      }
    }
  }

  private async tryRaise(
    summary: IncidentRunSummary,
    subscriptionId: string,
    trigger: PpSubscriptionIncidentTrigger,
    detail: string,
  ) {
    try {
      if (await this.raise(subscriptionId, trigger, detail))
        summary.opened += 1;
    } catch {
      summary.failed += 1;
    }
  }

  private async checkLowScores(summary: IncidentRunSummary) {
    const { rules, incidents } = this.deps;
    const latestDay = await incidents.latestScoredDay();
    if (!latestDay) return;
    const candidates = await incidents.lowScoreCandidates({
      latestDay,
      days: rules.lowScoreDays,
      below: rules.lowScoreBelow,
    });
    const previous = await incidents.latestByTrigger(
      [...candidates.keys()],
      'low_score',
    );
    for (const [id, scores] of candidates) {
      const before = previous.get(id);
      if (before?.open) continue;
      const streak = lowScoreStreak(
        scores,
        rules,
        before?.created_at.slice(0, 10),
      );
      if (streak) {
        await this.tryRaise(
          summary,
          id,
          'low_score',
          incidentDetail.lowScore(streak),
        );
      }
    }
  }

  private async checkFailures(summary: IncidentRunSummary) {
    const { cp, incidents, rules } = this.deps;
    const after =
      (await incidents.getMark(FAILED_RUNS_MARK)) ??
      new Date(this.now().getTime() - 24 * 60 * 60 * 1000).toISOString();
    const changed = await cp.failedRunsAfter(after, FAILURE_SCAN_LIMIT);
    if (!changed.length) return;
    const previous = await incidents.latestByTrigger(
      changed.map(c => c.subscription_id),
      'consecutive_failures',
    );
    for (const { subscription_id: id } of changed) {
      const before = previous.get(id);
      if (before?.open) continue;
      try {
        const runs = await cp.latestFinishedRuns(
          id,
          rules.maxConsecutiveFailures + 1,
        );
        const length = failureStreak(runs, rules, before?.created_at);
        if (length) {
          await this.tryRaise(
            summary,
            id,
            'consecutive_failures',
            incidentDetail.failures(length),
          );
        }
      } catch (error) {
        summary.failed += 1;
        this.deps.logger.warn(
          `Failed runs of subscription ${id} not checked: ${error}`,
        );
      }
    }
    // the scan is ordered by each subscription's newest failure: resume after the last one seen
    await incidents.setMark(
      FAILED_RUNS_MARK,
      changed[changed.length - 1].last_failed_at,
    );
  }
}
