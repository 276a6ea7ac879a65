import { InputError, NotFoundError } from '@backstage/errors';
import { ppAgentNameFromId } from '@internal/plugin-pp-common';
import type {
  PpCustomerSla,
  PpOlaClock,
  PpOlaDefinition,
  PpOlaDefinitionCreate,
  PpSlaBreach,
  PpSlaCompliance,
  PpSlaComplianceListItem,
  PpSlaCredit,
  PpSlaDefinition,
  PpSlaDefinitionCreate,
  PpSlaMaintenanceWindow,
  PpSlaMetric,
} from '@internal/plugin-pp-common';
import type {
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import {
  DAY,
  dayKey,
  statusReason,
  windowCompliance,
} from '../domain/compliance';
import {
  SlaTemplates,
  assertEffectiveFrom,
  resolveTargets,
} from '../domain/definitions';
import { assertOlaEvents, olaClock } from '../domain/ola';
import {
  BreachRow,
  ClockRow,
  CreditRow,
  DefinitionRow,
  MaintenanceRow,
  OlaRow,
  SlaStore,
  SummarySort,
} from '../database/SlaStore';
import { SlaSources } from './sources';
import {
  WINDOW_DAYS,
  complianceSummary,
  complianceWindow,
  lastComputed,
  toApiDay,
} from './summary';

export { WINDOW_DAYS };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiDefinition(r: DefinitionRow): PpSlaDefinition {
  return {
    id: r.id,
    agent_id: r.agent_id,
    service_id: r.service_id,
    entity_ref: r.entity_ref,
    type: r.type,
    version: r.version,
    targets: r.targets,
    effective_from: r.effective_from.toISOString(),
    effective_to: iso(r.effective_to),
    credit_base_amount: r.credit_base_amount,
    currency: r.currency,
    created_by: r.created_by,
    created_at: r.created_at.toISOString(),
  };
}

export function toApiBreach(r: BreachRow): PpSlaBreach {
  return {
    id: r.id,
    kind: r.kind,
    agent_id: r.agent_id,
    ola_id: r.ola_id,
    metric: r.metric,
    title: r.title,
    target: r.target,
    value: r.value,
    started_at: r.started_at.toISOString(),
    ended_at: iso(r.ended_at),
    duration_minutes: r.ended_at
      ? Math.round((r.ended_at.getTime() - r.started_at.getTime()) / 60_000)
      : null,
    severity: r.severity,
    root_cause: r.root_cause,
    ticket_id: r.ticket_id,
    alerted: r.alerted,
  };
}

const toApiMaintenance = (r: MaintenanceRow): PpSlaMaintenanceWindow => ({
  id: r.id,
  service_id: r.service_id,
  agent_id: r.agent_id,
  starts_at: r.starts_at.toISOString(),
  ends_at: r.ends_at.toISOString(),
  reason: r.reason,
  created_by: r.created_by,
  created_at: r.created_at.toISOString(),
  health_silence_id: r.health_silence_id,
});

const toApiOla = (r: OlaRow): PpOlaDefinition => ({
  ...r,
  created_at: r.created_at.toISOString(),
});

const toApiCredit = (r: CreditRow): PpSlaCredit => ({
  ...r,
  created_at: r.created_at.toISOString(),
});

/**
 * The SLA/OLA reads and writes, once: the routes and the MCP actions both call these (through
 * `slaApi.ts`, which adds permission, validation and audit).
 */
export class SlaService {
  constructor(
    private readonly deps: {
      store: SlaStore;
      sources: SlaSources;
      notifier: PpTransactionalNotifier;
      templates: SlaTemplates;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  // --- definitions

  async createDefinition(
    input: PpSlaDefinitionCreate,
    principal: PpPrincipal,
  ): Promise<PpSlaDefinition> {
    const { store, templates } = this.deps;
    const now = this.now();
    const targets = resolveTargets(input.type, input.targets, templates);
    const effectiveFrom = input.effective_from
      ? new Date(input.effective_from)
      : now;
    const window = complianceWindow(now);
    // the window's days too: the dashboard row is judged against the new version's targets
    const [versions, windowDays] = await Promise.all([
      store.definitions(input.agent_id),
      store.days(input.agent_id, window.fromKey, window.toKey),
    ]);
    const current = versions[versions.length - 1];
    assertEffectiveFrom(current, effectiveFrom);
    const row: DefinitionRow = {
      id: randomUUID(),
      agent_id: input.agent_id,
      version: (current?.version ?? 0) + 1,
      service_id: input.service_id ?? current?.service_id ?? input.agent_id,
      entity_ref:
        input.entity_ref ??
        current?.entity_ref ??
        `component:default/${input.agent_id}`,
      type: input.type,
      targets,
      effective_from: effectiveFrom,
      effective_to: null,
      credit_base_amount:
        input.credit_base_amount ?? current?.credit_base_amount ?? null,
      currency: input.currency ?? current?.currency ?? null,
      created_by: principal.name,
      created_at: now,
    };
    const agent =
      (await this.deps.sources.agentNames([row.agent_id])).get(row.agent_id) ??
      ppAgentNameFromId(row.agent_id);
    await store.transaction(async uow => {
      if (current) await uow.closeDefinition(current.id, effectiveFrom);
      await uow.insertDefinition(row);
      // the agent's dashboard row (no_data until the daily job computes a first day)
      await uow.upsertSummary(complianceSummary(row, windowDays, now));
      await this.deps.notifier.enqueue(uow.tx, {
        topic: 'sla.definition.created',
        title: `${
          row.type.charAt(0).toUpperCase() + row.type.slice(1)
        } SLA of ${agent}, version ${row.version}`,
        description: `Uptime ≥ ${targets.uptime_percent} %, p95 < ${
          targets.response_time_p95_ms
        } ms, error rate < ${
          targets.error_rate_percent
        } %, support response < ${
          targets.support_response_hours
        } h, critical resolution < ${
          targets.critical_resolution_hours
        } h, from ${effectiveFrom.toISOString()}.`,
        link: `/pp/sla/agents/${row.agent_id}`,
        severity: 'low',
        to: { roles: ['agent_orchestrator', 'infrastructure_engineer'] },
        reference: `sla-definition:${row.id}`,
      });
    });
    this.deps.notifier.flush();
    return toApiDefinition(row);
  }

  async listDefinitions(q: {
    agent_id?: string;
    limit: number;
    offset: number;
  }) {
    const rows = q.agent_id
      ? await this.deps.store.definitions(q.agent_id)
      : await this.deps.store.currentDefinitions();
    return {
      items: rows.slice(q.offset, q.offset + q.limit).map(toApiDefinition),
      total_count: rows.length,
      limit: q.limit,
      offset: q.offset,
    };
  }

  // --- compliance

  async compliance(agentId: string): Promise<PpSlaCompliance> {
    const { store } = this.deps;
    const [current] = await store.currentDefinitions({ agentId });
    if (!current) {
      throw new NotFoundError(`Agent ${agentId} has no SLA definition`);
    }
    // the last 30 complete UTC days and today so far
    const { today, from } = complianceWindow(this.now());
    // the four reads at once (the page waits for the slowest, not for their sum)
    const [rows, open, recent, windows] = await Promise.all([
      store.days(agentId, dayKey(from), dayKey(today)),
      store.breaches({
        agentId,
        kind: 'sla',
        open: true,
        limit: 50,
        offset: 0,
      }),
      store.breaches({
        agentId,
        kind: 'sla',
        since: from,
        limit: 50,
        offset: 0,
      }),
      store.maintenance({
        serviceId: current.service_id,
        agentId,
        from,
      }),
    ]);
    const w = windowCompliance(rows, current.targets);
    return {
      agent_id: agentId,
      definition: toApiDefinition(current),
      window_days: WINDOW_DAYS,
      from: dayKey(from),
      to: dayKey(today),
      status: w.status,
      status_reason: statusReason(w.status, w.metrics),
      overall_compliance_percent: w.overall,
      metrics: w.metrics,
      days: rows.map(toApiDay),
      open_breaches: open.items.map(toApiBreach),
      recent_breaches: recent.items.map(toApiBreach),
      maintenance_windows: windows.map(toApiMaintenance),
      computed_at: lastComputed(rows),
    };
  }

  /**
   * The compliance dashboard: each agent's row the daily job wrote (pp_sla_summaries, the
   * figures of `compliance` when it ran, kept up to date by definition and breach writes),
   * filtered, sorted and paged in SQL — a count and a page, whatever the number of agents.
   */
  async dashboard(q: {
    status?: PpSlaComplianceListItem['status'];
    type?: PpSlaDefinition['type'];
    q?: string;
    sort: string;
    order?: 'asc' | 'desc';
    limit: number;
    offset: number;
  }) {
    const page = await this.deps.store.summaries({
      status: q.status,
      type: q.type,
      q: q.q || undefined,
      sort: q.sort as SummarySort,
      order: q.order ?? 'asc',
      limit: q.limit,
      offset: q.offset,
    });
    return {
      items: page.items.map(
        (r): PpSlaComplianceListItem => ({
          agent_id: r.agent_id,
          type: r.type,
          status: r.status,
          overall_compliance_percent: r.overall_compliance_percent,
          uptime_percent: r.uptime_percent,
          open_breaches: r.open_breaches,
          computed_at: iso(r.computed_at),
          trend: r.trend,
        }),
      ),
      total_count: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  // --- breaches

  async breaches(q: {
    agent_id?: string;
    kind?: 'sla' | 'ola';
    open?: boolean;
    limit: number;
    offset: number;
  }) {
    const page = await this.deps.store.breaches({
      agentId: q.agent_id,
      kind: q.kind,
      open: q.open,
      limit: q.limit,
      offset: q.offset,
    });
    return {
      items: page.items.map(toApiBreach),
      total_count: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async updateBreach(
    id: string,
    change: { root_cause?: string | null; ticket_id?: string | null },
  ) {
    const before = await this.deps.store.breach(id);
    if (!before) throw new NotFoundError(`No breach ${id}`);
    if (change.root_cause === undefined && change.ticket_id === undefined) {
      throw new InputError('Send root_cause, ticket_id or both');
    }
    await this.deps.store.transaction(uow => uow.updateBreach(id, change));
    return toApiBreach((await this.deps.store.breach(id))!);
  }

  // --- OLA

  async createOla(
    input: PpOlaDefinitionCreate,
    principal: PpPrincipal,
  ): Promise<PpOlaDefinition> {
    assertOlaEvents(input.start_event, input.stop_event);
    if (input.ticket_priority && !input.start_event.startsWith('ticket_')) {
      throw new InputError('ticket_priority applies to ticket clocks only');
    }
    const row: OlaRow = {
      id: randomUUID(),
      name: input.name,
      provider_team: input.provider_team,
      consumer_team: input.consumer_team,
      commitment_minutes: input.commitment_minutes,
      start_event: input.start_event,
      stop_event: input.stop_event,
      ticket_priority: input.ticket_priority ?? null,
      escalation_path: input.escalation_path ?? [],
      created_by: principal.name,
      created_at: this.now(),
    };
    await this.deps.store.transaction(uow => uow.insertOla(row));
    return toApiOla(row);
  }

  async listOlas(q: { limit: number; offset: number }) {
    const rows = await this.deps.store.olas();
    return {
      items: rows.slice(q.offset, q.offset + q.limit).map(toApiOla),
      total_count: rows.length,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async clocks(q: {
    state?: ClockRow['state'];
    limit: number;
    offset: number;
  }) {
    const olas = new Map((await this.deps.store.olas()).map(o => [o.id, o]));
    const page = await this.deps.store.clocks(q);
    const now = this.now();
    return {
      items: page.items.map((c): PpOlaClock => {
        const ola = olas.get(c.ola_id);
        const view = olaClock(
          c.started_at,
          c.stopped_at,
          ola?.commitment_minutes ??
            (c.deadline.getTime() - c.started_at.getTime()) / 60_000,
          now,
        );
        return {
          id: c.id,
          ola_id: c.ola_id,
          ola_name: ola?.name ?? c.ola_id,
          subject: c.subject,
          subject_title: c.subject_title,
          started_at: c.started_at.toISOString(),
          stopped_at: iso(c.stopped_at),
          deadline: c.deadline.toISOString(),
          state: view.state,
          elapsed_minutes: view.elapsed_minutes,
        };
      }),
      total_count: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  // --- maintenance windows

  async createMaintenance(
    input: {
      service_id?: string;
      agent_id?: string;
      starts_at: string;
      ends_at: string;
      reason: string;
    },
    principal: PpPrincipal,
  ) {
    if (!input.service_id === !input.agent_id) {
      throw new InputError('Name either a service_id or an agent_id');
    }
    const starts = new Date(input.starts_at);
    const ends = new Date(input.ends_at);
    if (ends <= starts) throw new InputError('ends_at must be after starts_at');
    if (ends.getTime() - starts.getTime() > 7 * DAY) {
      throw new InputError('A maintenance window lasts at most 7 days');
    }
    let serviceId = input.service_id ?? null;
    if (input.agent_id) {
      const [def] = await this.deps.store.currentDefinitions({
        agentId: input.agent_id,
      });
      serviceId = def?.service_id ?? input.agent_id;
    }
    // the health plugin's maintenance silence mutes its alerts for the window
    const silenceId = await this.deps.sources.createMaintenanceSilence({
      service_id: serviceId!,
      starts_at: starts.toISOString(),
      ends_at: ends.toISOString(),
      reason: input.reason,
    });
    const row: MaintenanceRow = {
      id: randomUUID(),
      service_id: input.service_id ?? null,
      agent_id: input.agent_id ?? null,
      starts_at: starts,
      ends_at: ends,
      reason: input.reason,
      created_by: principal.name,
      created_at: this.now(),
      health_silence_id: silenceId ?? null,
    };
    await this.deps.store.transaction(uow => uow.insertMaintenance(row));
    return toApiMaintenance(row);
  }

  async listMaintenance(q: {
    service_id?: string;
    agent_id?: string;
    limit: number;
    offset: number;
  }) {
    const rows = await this.deps.store.maintenance({
      serviceId: q.service_id,
      agentId: q.agent_id,
    });
    return {
      items: rows.slice(q.offset, q.offset + q.limit).map(toApiMaintenance),
      total_count: rows.length,
      limit: q.limit,
      offset: q.offset,
    };
  }

  // --- credits

  async credits(q: { limit: number; offset: number }) {
    const page = await this.deps.store.credits(q);
    return {
      items: page.items.map(toApiCredit),
      total_count: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async creditsCsv(): Promise<string> {
    const page = await this.deps.store.credits({ limit: 100_000, offset: 0 });
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const header = [
      'month',
      'agent_id',
      'uptime_percent',
      'credit_percent',
      'amount',
      'currency',
      'created_at',
    ];
    const lines = page.items.map(c =>
      [
        c.month,
        c.agent_id,
        c.uptime_percent,
        c.credit_percent,
        c.amount,
        c.currency,
        c.created_at.toISOString(),
      ]
        .map(cell)
        .join(','),
    );
    return `${[header.join(','), ...lines].join('\n')}\n`;
  }

  // --- the Customer Portal's read

  async customerSla(subscriptionId: string): Promise<PpCustomerSla> {
    const agentId = await this.deps.sources.subscriptionAgent(subscriptionId);
    if (!agentId) {
      throw new NotFoundError(`No subscription ${subscriptionId}`);
    }
    const c = await this.compliance(agentId);
    return {
      subscription_id: subscriptionId,
      agent_id: agentId,
      type: c.definition.type,
      targets: c.definition.targets,
      window_days: c.window_days,
      status: c.status,
      overall_compliance_percent: c.overall_compliance_percent,
      metrics: c.metrics.map(m => ({
        metric: m.metric,
        label: m.label,
        target: m.target,
        value: m.value,
        compliance_percent: m.compliance_percent,
      })),
      // only what the customer may see: no root cause, ticket, alerting, OLA
      breaches: c.recent_breaches.map(b => ({
        metric: b.metric as PpSlaMetric,
        title: b.title,
        started_at: b.started_at,
        ended_at: b.ended_at,
        duration_minutes: b.duration_minutes,
        severity: b.severity,
      })),
    };
  }
}
