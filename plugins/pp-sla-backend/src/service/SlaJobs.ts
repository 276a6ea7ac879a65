import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpTransactionalNotifier } from '@internal/plugin-pp-node';
import {
  PP_SLA_METRIC_LABELS,
  PpSlaMetric,
  ppAgentNameFromId,
} from '@internal/plugin-pp-common';
import { randomUUID } from 'node:crypto';
import {
  CreditStep,
  DAY,
  DayFigures,
  MINUTE,
  breachSeverity,
  coveredMinutes,
  creditAmount,
  creditPercent,
  dayChecks,
  dayKey,
  detectBreaches,
  downMinutesOutside,
  previousMonth,
  round4,
  statusOf,
  uptimePercent,
  utcDay,
} from '../domain/compliance';
import { definitionAt } from '../domain/definitions';
import { olaClock, OLA_EVENT_SUBJECT } from '../domain/ola';
import { BreachRow, SlaStore, StoredDay } from '../database/SlaStore';
import { customerBreachNotices } from './customerNotices';
import { PagerDutyClient } from './pagerDuty';
import { SlaSources } from './sources';
import { complianceSummary, complianceWindow, mergeDays } from './summary';

const HOUR = 60 * MINUTE;

/** An agent's customer contacts as read from the subscriptions plugin; undefined: not read. */
type ReadContacts = Awaited<ReturnType<SlaSources['customerContacts']>>;

/** How long the customer emails of a running breach are tried again when contacts cannot be read. */
const CUSTOMER_RETRY_MS = 24 * HOUR;

/**
 * The scheduled jobs: daily compliance rows and SLA breaches, the month-end credits, the OLA
 * clocks, the customer emails that could not go out. Each agent / OLA is isolated: one that
 * fails is logged and the others go on.
 */
export class SlaJobs {
  constructor(
    private readonly deps: {
      store: SlaStore;
      sources: SlaSources;
      notifier: PpTransactionalNotifier;
      logger: LoggerService;
      creditTable: CreditStep[];
      pagerDuty?: PagerDutyClient;
      now?: () => Date;
      /** days recomputed each run, today included (default 2: today and yesterday) */
      recomputeDays?: number;
      /** agents the daily job computes at once (default 4) */
      concurrency?: number;
      /** `pp.sla.customerEmails.enabled`: email the agent's customer contacts when a breach starts */
      customerEmails?: boolean;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Computes today's (and the previous days') rows of every agent with an SLA, then breaches;
   * `concurrency` agents at a time (an agent mostly waits on its HTTP reads and database round
   * trips).
   */
  async runDaily(opts: { days?: number } = {}) {
    const defs = await this.deps.store.currentDefinitions();
    // the agents' catalog titles for the breach titles: one catalog read for the whole run
    const names = await this.deps.sources.agentNames(defs.map(d => d.agent_id));
    let computed = 0;
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < defs.length) {
        const current = defs[next++];
        try {
          await this.computeAgent(current.agent_id, opts.days, names);
          computed++;
        } catch (error) {
          failed++;
          this.deps.logger.warn(
            `SLA compliance of ${current.agent_id} not computed: ${error}`,
          );
        }
      }
    };
    const workers = Math.max(1, this.deps.concurrency ?? 4);
    await Promise.all(Array.from({ length: workers }, worker));
    return { computed, failed };
  }

  /**
   * One agent: its last `days` daily rows, then its breaches over the 30-day window. `names`: the
   * catalog titles the run read (else the agent's title is read when a breach starts).
   */
  async computeAgent(
    agentId: string,
    days?: number,
    names?: ReadonlyMap<string, string>,
  ) {
    const { store, sources } = this.deps;
    const now = this.now();
    const today = utcDay(now);
    const n = days ?? this.deps.recomputeDays ?? 2;
    const first = new Date(today.getTime() - (n - 1) * DAY);
    const versions = await store.definitions(agentId);
    if (!versions.length) return;
    const latest = versions[versions.length - 1];
    // the four reads at once; the maintenance windows of the days and of now (breach alerts); the
    // window's stored days (the agent's dashboard row is written with its days)
    const window = complianceWindow(now);
    const [health, tickets, windows, stored] = await Promise.all([
      sources.healthDays(latest.service_id, dayKey(first), dayKey(today)),
      sources.tickets({ entityRef: latest.entity_ref, since: first }),
      store.maintenance({
        serviceId: latest.service_id,
        agentId,
        from: first,
        to: new Date(today.getTime() + DAY),
      }),
      store.days(agentId, window.fromKey, window.toKey),
    ]);
    const intervals = windows.map(w => ({
      start: w.starts_at,
      end: w.ends_at,
    }));

    const computedDays: StoredDay[] = [];
    for (let d = first.getTime(); d <= today.getTime(); d += DAY) {
      const dayStart = new Date(d);
      const dayEnd = new Date(Math.min(d + DAY, now.getTime()));
      // the version in force at the end of the day (its last minute for a past day)
      const def = definitionAt(versions, new Date(dayEnd.getTime() - 1));
      if (!def) continue;
      if (health === undefined || tickets === undefined) {
        // a source could not be read: leave the stored day as it was
        continue;
      }
      const h = health.find(x => x.day === dayKey(dayStart));
      const totalMinutes = (dayEnd.getTime() - dayStart.getTime()) / MINUTE;
      const maintenance = coveredMinutes(dayStart, dayEnd, intervals);
      const buckets = (h?.down_buckets ?? []).map(b => ({
        start: new Date(b.start),
        minutes: b.minutes,
      }));
      const outside = buckets
        .map(b => ({ b, down: downMinutesOutside([b], intervals) }))
        .filter(x => x.down > 0);
      const dayTickets = tickets.filter(
        t => t.created_at >= dayStart && t.created_at < dayEnd,
      );
      const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR;
      const maxOr = (v: number[]) =>
        v.length ? Math.round(Math.max(...v) * 100) / 100 : null;
      const figures: DayFigures = {
        day: dayStart,
        total_minutes: totalMinutes,
        maintenance_minutes: maintenance,
        down_minutes: outside.reduce((a, x) => a + x.down, 0),
        has_health: !!h && h.checks > 0,
        p95_response_ms: h?.p95_response_ms ?? null,
        error_rate_percent:
          h && h.checks ? (h.error_rate_sum / h.checks) * 100 : null,
        checks: h?.checks ?? 0,
        error_rate_sum: h?.error_rate_sum ?? 0,
        support_response_hours: maxOr(
          dayTickets.map(t => hours(t.created_at, t.first_response_at ?? now)),
        ),
        critical_resolution_hours: maxOr(
          dayTickets
            .filter(t => t.priority === 'critical')
            .map(t => hours(t.created_at, t.resolved_at ?? now)),
        ),
        first_down_at: outside.length ? outside[0].b.start : null,
        last_down_end: outside.length
          ? new Date(outside[outside.length - 1].b.start.getTime() + 5 * MINUTE)
          : null,
      };
      computedDays.push({
        ...figures,
        agent_id: agentId,
        targets: def.targets,
        definition_version: def.version,
        status: statusOf(Object.values(dayChecks(figures, def.targets))),
        computed_at: now,
      });
    }
    // the agent's days and its dashboard row in one unit of work
    if (computedDays.length) {
      const windowDays = mergeDays(
        stored,
        computedDays.filter(r => r.day >= window.from),
      );
      await store.transaction(async uow => {
        for (const row of computedDays) await uow.upsertDay(row);
        await uow.upsertSummary(complianceSummary(latest, windowDays, now));
      });
    }
    const inMaintenance = windows.some(
      w => w.starts_at <= now && w.ends_at > now,
    );
    await this.recordBreaches(agentId, today, inMaintenance, names);
  }

  /**
   * The agent's breaches over the 30-day window of its stored days: a new run is inserted (and
   * told), an open one is updated when it changed or ended, one already recorded as ended stays
   * as it is (no write at all for the runs that did not change).
   */
  private async recordBreaches(
    agentId: string,
    today: Date,
    inMaintenance: boolean,
    names?: ReadonlyMap<string, string>,
  ) {
    const { store } = this.deps;
    let agentTitle = names?.get(agentId);
    // several metrics may start breaching together: the contacts are read once
    const contactsOf = this.contactsOnce();
    const now = this.now();
    const from = new Date(today.getTime() - 30 * DAY);
    const [rows, known] = await Promise.all([
      store.days(agentId, dayKey(from), dayKey(today)),
      // what the window can detect again: the open breaches and those ended in it
      store.breaches({
        agentId,
        kind: 'sla',
        since: from,
        limit: 500,
        offset: 0,
      }),
    ]);
    const detected = detectBreaches(rows, today);
    const triggered: BreachRow[] = [];
    const resolved: BreachRow[] = [];
    for (const b of detected) {
      const metric = b.metric as PpSlaMetric;
      const existing = known.items.find(
        o =>
          o.subject === agentId &&
          o.metric === metric &&
          o.started_at.getTime() === b.started_at.getTime(),
      );
      const severity = breachSeverity(metric, b.value, b.target);
      if (existing) {
        if (existing.ended_at !== null) continue;
        if (
          b.ended_at !== null ||
          existing.value !== b.value ||
          existing.severity !== severity
        ) {
          await store.transaction(uow =>
            uow.updateBreach(existing.id, {
              ended_at: b.ended_at,
              value: b.value,
              severity,
            }),
          );
        }
        if (b.ended_at) resolved.push(existing);
        continue;
      }
      const row: BreachRow = {
        id: randomUUID(),
        kind: 'sla',
        agent_id: agentId,
        ola_id: null,
        subject: agentId,
        metric,
        title: `${PP_SLA_METRIC_LABELS[metric]} of ${(agentTitle ??=
          await this.agentName(agentId, names))} missed its target`,
        target: b.target,
        value: round4(b.value),
        started_at: b.started_at,
        ended_at: b.ended_at,
        severity,
        root_cause: null,
        ticket_id: null,
        alerted: this.alertChannel(b.ended_at !== null, inMaintenance),
        created_at: now,
        customers_pending_since: null,
      };
      // read before the transaction (HTTP), written with the breach (outbox); contacts that
      // cannot be read now are read again by the customer notices task
      const customers = await this.customerNotices(row, contactsOf);
      if (customers === undefined) row.customers_pending_since = now;
      const inserted = await store.transaction(async uow => {
        const ok = await uow.insertBreach(row);
        if (ok && row.alerted === 'portal') {
          await this.deps.notifier.enqueue(uow.tx, breachNotice(row));
        }
        if (ok && customers?.length) {
          await this.deps.notifier.enqueue(uow.tx, customers);
        }
        return ok;
      });
      if (inserted && row.alerted === 'pagerduty') triggered.push(row);
    }
    await this.page(triggered, resolved);
    this.deps.notifier.flush?.();
  }

  /**
   * With `customerEmails`, a breach that starts (not one found already over) is emailed to the
   * contacts of the agent's live subscriptions, read from the subscriptions plugin. Undefined when
   * they cannot be read (logged): the breach is recorded all the same, marked for
   * `retryCustomerNotices`.
   */
  private async customerNotices(
    row: BreachRow,
    contactsOf: (agentId: string) => Promise<ReadContacts>,
  ) {
    // ended already, or silenced by a maintenance window: nobody is told, customers neither
    if (!this.deps.customerEmails || row.alerted === 'none') return [];
    if (row.alerted === 'silenced' || !row.agent_id) return [];
    const contacts = await contactsOf(row.agent_id);
    if (contacts) return customerBreachNotices(row, contacts);
    this.deps.logger.warn(
      `SLA breach of ${row.agent_id} (${row.metric}) started: its customers are not emailed yet, their contacts could not be read from the subscriptions plugin; tried again every few minutes while it runs`,
    );
    return undefined;
  }

  private async readContacts(agentId: string): Promise<ReadContacts> {
    try {
      return await this.deps.sources.customerContacts(agentId);
    } catch (error) {
      this.deps.logger.warn(`SLA: customer contacts not read: ${error}`);
      return undefined;
    }
  }

  /** A reader of the agents' customer contacts for one run: each agent's read at most once. */
  private contactsOnce() {
    const read = new Map<string, Promise<ReadContacts>>();
    return (agentId: string) => {
      let contacts = read.get(agentId);
      if (!contacts) read.set(agentId, (contacts = this.readContacts(agentId)));
      return contacts;
    };
  }

  /**
   * The customer emails of breaches whose contacts could not be read when they started: read
   * again, and written to the outbox with the mark cleared in one transaction (so each goes out
   * once, whichever run gets there). A breach that has ended meanwhile, or has waited 24 hours,
   * is dropped with a log line: customers are told of a breach that is running, as when it starts.
   */
  async retryCustomerNotices(): Promise<{ sent: number; dropped: number }> {
    const { store, logger } = this.deps;
    let sent = 0;
    let dropped = 0;
    if (!this.deps.customerEmails) return { sent, dropped };
    const now = this.now();
    // an agent's breaches of several metrics wait together: its contacts are read once
    const contactsOf = this.contactsOnce();
    for (const b of await store.customersPending(50)) {
      const waited = now.getTime() - b.customers_pending_since!.getTime();
      const over = b.ended_at !== null || waited > CUSTOMER_RETRY_MS;
      const contacts =
        over || !b.agent_id ? undefined : await contactsOf(b.agent_id);
      if (!over && !contacts) continue;
      const cleared = await store.transaction(async uow => {
        if (!(await uow.clearCustomersPending(b.id))) return false;
        if (contacts) {
          const notices = customerBreachNotices(b, contacts);
          if (notices.length) await this.deps.notifier.enqueue(uow.tx, notices);
        }
        return true;
      });
      if (!cleared) continue;
      if (contacts) {
        sent += 1;
      } else {
        dropped += 1;
        logger.warn(
          `SLA breach of ${b.agent_id} (${
            b.metric
          }): its customers were not emailed, ${
            b.ended_at
              ? 'the breach ended before their contacts could be read'
              : 'their contacts could not be read for 24 hours'
          }`,
        );
      }
    }
    if (sent) this.deps.notifier.flush?.();
    return { sent, dropped };
  }

  /**
   * An agent's catalog title, else its id in words: from the run's `names` when it read them,
   * else one catalog read.
   */
  private async agentName(
    agentId: string,
    names?: ReadonlyMap<string, string>,
  ) {
    const title =
      names?.get(agentId) ??
      (names
        ? undefined
        : (await this.deps.sources.agentNames([agentId])).get(agentId));
    return title ?? ppAgentNameFromId(agentId);
  }

  /** How a new breach is told: not at all once ended, silenced in maintenance, else paged. */
  private alertChannel(ended: boolean, inMaintenance: boolean) {
    if (ended) return 'none' as const;
    if (inMaintenance) return 'silenced' as const;
    return this.deps.pagerDuty ? ('pagerduty' as const) : ('portal' as const);
  }

  /** PagerDuty trigger/resolve after the commit; a refused event falls back to a portal notice. */
  private async page(triggered: BreachRow[], resolved: BreachRow[]) {
    const pd = this.deps.pagerDuty;
    if (!pd) return;
    for (const b of triggered) {
      try {
        await pd.send({
          action: 'trigger',
          dedupKey: b.id,
          summary: b.title,
          source: b.subject,
          severity: b.severity === 'critical' ? 'critical' : 'error',
          details: {
            metric: b.metric,
            target: b.target,
            value: b.value,
            started_at: b.started_at.toISOString(),
          },
        });
      } catch (error) {
        this.deps.logger.warn(
          `SLA breach ${b.id} not paged (${error}); told in the portal instead`,
        );
        await this.deps.notifier.notify(breachNotice(b));
      }
    }
    for (const b of resolved) {
      if (b.alerted !== 'pagerduty') continue;
      await pd
        .send({
          action: 'resolve',
          dedupKey: b.id,
          summary: b.title,
          source: b.subject,
          severity: 'info',
        })
        .catch(e =>
          this.deps.logger.warn(
            `SLA breach ${b.id} not resolved in PagerDuty: ${e}`,
          ),
        );
    }
  }

  /**
   * The month-end credits: for the month before now, every agent whose monthly uptime is below its
   * SLA's uptime target gets a credit from the credit table (once per agent and month).
   */
  async runCredits() {
    const { store } = this.deps;
    const now = this.now();
    const month = previousMonth(now);
    let created = 0;
    for (const current of await store.currentDefinitions()) {
      const versions = await store.definitions(current.agent_id);
      const def = definitionAt(versions, new Date(month.end.getTime() - 1));
      if (!def) continue;
      const rows = (
        await store.days(
          current.agent_id,
          dayKey(month.start),
          dayKey(new Date(month.end.getTime() - DAY)),
        )
      ).filter(r => r.has_health);
      if (!rows.length) continue;
      const uptime = uptimePercent(
        rows.reduce((a, r) => a + r.total_minutes, 0),
        rows.reduce((a, r) => a + r.maintenance_minutes, 0),
        rows.reduce((a, r) => a + r.down_minutes, 0),
      );
      if (uptime === null || uptime >= def.targets.uptime_percent) continue;
      const percent = creditPercent(uptime, this.deps.creditTable);
      if (!percent) continue;
      const row = {
        id: randomUUID(),
        agent_id: current.agent_id,
        month: month.key,
        definition_id: def.id,
        uptime_percent: round4(uptime),
        credit_percent: percent,
        amount: creditAmount(def.credit_base_amount, percent),
        currency: def.currency,
        created_at: now,
      };
      const ok = await store.transaction(async uow => {
        const inserted = await uow.insertCredit(row);
        if (inserted) {
          await this.deps.notifier.enqueue(uow.tx, {
            topic: 'sla.credit.created',
            title: `SLA credit for ${await this.agentName(row.agent_id)}, ${
              row.month
            }`,
            description: `Uptime was ${row.uptime_percent} % against ${
              def.targets.uptime_percent
            } %: a credit of ${percent} %${
              row.amount !== null
                ? ` (${row.amount} ${row.currency ?? ''})`
                : ''
            }.`,
            link: '/pp/sla',
            severity: 'normal',
            to: { roles: ['admin'] },
            reference: `sla-credit:${row.id}`,
          });
        }
        return inserted;
      });
      if (ok) created++;
    }
    this.deps.notifier.flush?.();
    return { created, month: month.key };
  }

  /** The OLA clocks: every OLA against the handoffs or tickets its events name. */
  async runOla() {
    const { store, sources } = this.deps;
    const now = this.now();
    const olas = await store.olas();
    const newBreaches: string[] = [];
    let handoffs: Awaited<ReturnType<SlaSources['handoffs']>> | null = null;
    let handoffAgents = new Map<string, string>();
    for (const ola of olas) {
      try {
        const subjects: Array<{
          subject: string;
          title: string;
          start: Date;
          stop: Date | null;
        }> = [];
        if (OLA_EVENT_SUBJECT[ola.start_event] === 'handoff') {
          if (handoffs === null) {
            handoffs = await sources.handoffs();
            handoffAgents = await sources.agentNames(
              (handoffs ?? []).map(h => h.agent_id),
            );
          }
          if (!handoffs) continue;
          for (const h of handoffs) {
            subjects.push({
              subject: `handoff:${h.id}`,
              title: `Handoff of ${
                handoffAgents.get(h.agent_id) ?? ppAgentNameFromId(h.agent_id)
              }`,
              start: h.submitted_at,
              stop: h.status === 'accepted' ? h.decided_at : null,
            });
          }
        } else {
          const tickets = await sources.tickets({
            priority: ola.ticket_priority ?? undefined,
            since: new Date(now.getTime() - 30 * DAY),
          });
          if (!tickets) continue;
          for (const t of tickets) {
            subjects.push({
              subject: `ticket:${t.key}`,
              title: `${t.key}: ${t.title}`,
              start: t.created_at,
              stop: t.first_response_at,
            });
          }
        }
        for (const s of subjects) {
          const view = olaClock(s.start, s.stop, ola.commitment_minutes, now);
          const openBefore = s.stop
            ? (await store.openBreaches('ola', s.subject)).filter(
                x => x.ola_id === ola.id,
              )
            : [];
          await store.transaction(async uow => {
            await uow.upsertClock({
              id: randomUUID(),
              ola_id: ola.id,
              subject: s.subject,
              subject_title: s.title,
              started_at: s.start,
              stopped_at: s.stop,
              deadline: view.deadline,
              state: view.state,
              updated_at: now,
            });
            if (!view.breached_at) return;
            const row: BreachRow = {
              id: randomUUID(),
              kind: 'ola',
              agent_id: null,
              ola_id: ola.id,
              subject: s.subject,
              metric: 'ola',
              title: `${ola.name}: ${s.title} missed its ${formatMinutes(
                ola.commitment_minutes,
              )} commitment`,
              target: ola.commitment_minutes,
              value: view.elapsed_minutes,
              started_at: view.breached_at,
              ended_at: s.stop,
              severity: 'major',
              root_cause: null,
              ticket_id: null,
              alerted: 'portal',
              created_at: now,
              customers_pending_since: null,
            };
            if (await uow.insertBreach(row)) {
              newBreaches.push(row.id);
              await this.deps.notifier.enqueue(uow.tx, {
                ...breachNotice(row),
                topic: 'sla.ola.breached',
                description: `${row.title}. Escalation: ${
                  ola.escalation_path.join(' → ') || ola.provider_team
                }.`,
              });
            } else if (s.stop) {
              for (const o of openBefore) {
                await uow.updateBreach(o.id, {
                  ended_at: s.stop,
                  value: view.elapsed_minutes,
                });
              }
            }
          });
        }
      } catch (error) {
        this.deps.logger.warn(`OLA ${ola.name} clocks not updated: ${error}`);
      }
    }
    this.deps.notifier.flush?.();
    return { olas: olas.length, breached: newBreaches.length };
  }
}

export function formatMinutes(m: number): string {
  if (m % 1440 === 0) return `${m / 1440} d`;
  if (m % 60 === 0) return `${m / 60} h`;
  return `${m} min`;
}

function breachNotice(b: BreachRow) {
  return {
    topic: 'sla.breach.started',
    title: b.title,
    description: `Started ${b.started_at.toISOString()}; severity ${
      b.severity
    }. Record its root cause on the SLA page.`,
    link: b.agent_id ? `/pp/sla/agents/${b.agent_id}` : '/pp/sla',
    severity:
      b.severity === 'critical' ? ('critical' as const) : ('high' as const),
    to: { roles: ['infrastructure_engineer' as const] },
    reference: `sla-breach:${b.id}`,
  };
}
