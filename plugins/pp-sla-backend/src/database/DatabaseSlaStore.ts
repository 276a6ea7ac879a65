import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import {
  BreachRow,
  ClockRow,
  CreditRow,
  DefinitionRow,
  MaintenanceRow,
  OlaRow,
  SlaStore,
  SlaTransaction,
  StoredDay,
  SummaryRow,
  SummarySort,
} from './SlaStore';

const MIGRATIONS = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-sla-backend',
    'migrations',
  ),
  tableName: 'pp_sla_knex_migrations',
};

/** Runs the plugin's migrations (its own tables only). */
export async function migrateSla(db: Knex) {
  await db.migrate.latest(MIGRATIONS);
}

/** @internal the migration config, for the migrations test */
export const slaMigrationConfig = MIGRATIONS;

type Db = Knex | Knex.Transaction;

const date = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};
const json = <T>(v: unknown): T =>
  (typeof v === 'string' ? JSON.parse(v) : v) as T;
const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
const isUnique = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

const toDefinition = (r: any): DefinitionRow => ({
  id: String(r.id),
  agent_id: String(r.agent_id),
  version: Number(r.version),
  service_id: String(r.service_id),
  entity_ref: String(r.entity_ref),
  type: r.type,
  targets: json(r.targets),
  effective_from: date(r.effective_from)!,
  effective_to: date(r.effective_to),
  credit_base_amount: num(r.credit_base_amount),
  currency: r.currency ?? null,
  created_by: String(r.created_by),
  created_at: date(r.created_at)!,
});

const toDay = (r: any): StoredDay => ({
  agent_id: String(r.agent_id),
  day: new Date(`${r.day}T00:00:00Z`),
  definition_version: Number(r.definition_version),
  targets: json(r.targets),
  status: r.status,
  total_minutes: Number(r.total_minutes),
  maintenance_minutes: Number(r.maintenance_minutes),
  down_minutes: Number(r.down_minutes),
  has_health: Boolean(r.has_health),
  p95_response_ms: num(r.p95_response_ms),
  error_rate_percent: num(r.error_rate_percent),
  checks: Number(r.checks),
  error_rate_sum: Number(r.error_rate_sum),
  support_response_hours: num(r.support_response_hours),
  critical_resolution_hours: num(r.critical_resolution_hours),
  first_down_at: date(r.first_down_at),
  last_down_end: date(r.last_down_end),
  computed_at: date(r.computed_at)!,
});

const toBreach = (r: any): BreachRow => ({
  id: String(r.id),
  kind: r.kind,
  agent_id: r.agent_id ?? null,
  ola_id: r.ola_id ?? null,
  subject: String(r.subject),
  metric: String(r.metric),
  title: String(r.title),
  target: num(r.target),
  value: num(r.value),
  started_at: date(r.started_at)!,
  ended_at: date(r.ended_at),
  severity: r.severity,
  root_cause: r.root_cause ?? null,
  ticket_id: r.ticket_id ?? null,
  alerted: r.alerted,
  created_at: date(r.created_at)!,
  customers_pending_since: date(r.customers_pending_since),
});

const toCredit = (r: any): CreditRow => ({
  id: String(r.id),
  agent_id: String(r.agent_id),
  month: String(r.month),
  definition_id: String(r.definition_id),
  uptime_percent: Number(r.uptime_percent),
  credit_percent: Number(r.credit_percent),
  amount: num(r.amount),
  currency: r.currency ?? null,
  created_at: date(r.created_at)!,
});

const toOla = (r: any): OlaRow => ({
  id: String(r.id),
  name: String(r.name),
  provider_team: String(r.provider_team),
  consumer_team: String(r.consumer_team),
  commitment_minutes: Number(r.commitment_minutes),
  start_event: r.start_event,
  stop_event: r.stop_event,
  ticket_priority: r.ticket_priority ?? null,
  escalation_path: json(r.escalation_path),
  created_by: String(r.created_by),
  created_at: date(r.created_at)!,
});

const toClock = (r: any): ClockRow => ({
  id: String(r.id),
  ola_id: String(r.ola_id),
  subject: String(r.subject),
  subject_title: String(r.subject_title),
  started_at: date(r.started_at)!,
  stopped_at: date(r.stopped_at),
  deadline: date(r.deadline)!,
  state: r.state,
  updated_at: date(r.updated_at)!,
});

const toMaintenance = (r: any): MaintenanceRow => ({
  id: String(r.id),
  service_id: r.service_id ?? null,
  agent_id: r.agent_id ?? null,
  starts_at: date(r.starts_at)!,
  ends_at: date(r.ends_at)!,
  reason: String(r.reason),
  created_by: String(r.created_by),
  created_at: date(r.created_at)!,
  health_silence_id: r.health_silence_id ?? null,
});

const toSummary = (r: any): SummaryRow => ({
  agent_id: String(r.agent_id),
  type: r.type,
  definition_version: Number(r.definition_version),
  status: r.status,
  status_rank: Number(r.status_rank),
  overall_compliance_percent: num(r.overall_compliance_percent),
  uptime_percent: num(r.uptime_percent),
  open_breaches: Number(r.open_breaches),
  window_to: r.window_to ?? null,
  computed_at: date(r.computed_at),
  trend: json(r.trend),
  updated_at: date(r.updated_at)!,
});

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** The open SLA breaches of the summary row's agent, as a correlated subquery. */
const OPEN_BREACHES_OF_ROW = `(select count(*) from pp_sla_breaches b where b.kind = 'sla' and b.ended_at is null and b.agent_id = pp_sla_summaries.agent_id)`;

/** Recounts the open breaches of the agents' dashboard rows (after a breach write). */
const recountOpen = (tx: Db, agents: string | Knex.QueryBuilder) =>
  tx('pp_sla_summaries')
    .where(b =>
      typeof agents === 'string'
        ? b.where('agent_id', agents)
        : b.whereIn('agent_id', agents),
    )
    .update({ open_breaches: tx.raw(OPEN_BREACHES_OF_ROW) });

/** The SLA/OLA tables in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSlaStore implements SlaStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseSlaStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateSla(db);
    }
    return new DatabaseSlaStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async transaction<T>(work: (uow: SlaTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async tx => {
      const uow: SlaTransaction = {
        tx,
        insertDefinition: async row => {
          await tx('pp_sla_definitions').insert({
            ...row,
            targets: JSON.stringify(row.targets),
          });
        },
        closeDefinition: async (id, effectiveTo) => {
          await tx('pp_sla_definitions')
            .where({ id })
            .update({ effective_to: effectiveTo });
        },
        upsertDay: async d => {
          const row = {
            agent_id: d.agent_id,
            day: dayKey(d.day),
            definition_version: d.definition_version,
            targets: JSON.stringify(d.targets),
            status: d.status,
            total_minutes: d.total_minutes,
            maintenance_minutes: d.maintenance_minutes,
            down_minutes: d.down_minutes,
            has_health: d.has_health,
            p95_response_ms: d.p95_response_ms,
            error_rate_percent: d.error_rate_percent,
            checks: d.checks,
            error_rate_sum: d.error_rate_sum,
            support_response_hours: d.support_response_hours,
            critical_resolution_hours: d.critical_resolution_hours,
            first_down_at: d.first_down_at,
            last_down_end: d.last_down_end,
            computed_at: d.computed_at,
          };
          await tx('pp_sla_daily')
            .insert(row)
            .onConflict(['agent_id', 'day'])
            .merge();
        },
        upsertSummary: async row => {
          await tx('pp_sla_summaries')
            .insert({
              ...row,
              trend: JSON.stringify(row.trend),
              open_breaches: tx('pp_sla_breaches')
                .where({ kind: 'sla', agent_id: row.agent_id })
                .whereNull('ended_at')
                .count('*'),
            })
            .onConflict('agent_id')
            .merge();
        },
        insertBreach: async row => {
          try {
            await tx.transaction(async sp => {
              await sp('pp_sla_breaches').insert(row);
            });
            if (row.kind === 'sla' && row.agent_id && !row.ended_at) {
              await recountOpen(tx, row.agent_id);
            }
            return true;
          } catch (e) {
            if (isUnique(e)) return false;
            throw e;
          }
        },
        updateBreach: async (id, change) => {
          await tx('pp_sla_breaches').where({ id }).update(change);
          if (change.ended_at !== undefined) {
            await recountOpen(
              tx,
              tx('pp_sla_breaches')
                .where({ id, kind: 'sla' })
                .whereNotNull('agent_id')
                .select('agent_id'),
            );
          }
        },
        clearCustomersPending: async id =>
          (await tx('pp_sla_breaches')
            .where({ id })
            .whereNotNull('customers_pending_since')
            .update({ customers_pending_since: null })) > 0,
        insertCredit: async row => {
          try {
            await tx.transaction(async sp => {
              await sp('pp_sla_credits').insert(row);
            });
            return true;
          } catch (e) {
            if (isUnique(e)) return false;
            throw e;
          }
        },
        insertOla: async row => {
          await tx('pp_ola_definitions').insert({
            ...row,
            escalation_path: JSON.stringify(row.escalation_path),
          });
        },
        upsertClock: async row => {
          await tx('pp_ola_clocks')
            .insert(row)
            .onConflict(['ola_id', 'subject'])
            .merge(['stopped_at', 'state', 'updated_at', 'subject_title']);
        },
        insertMaintenance: async row => {
          await tx('pp_sla_maintenance_windows').insert(row);
        },
      };
      return work(uow);
    });
  }

  async definitions(agentId: string) {
    const rows = await this.db('pp_sla_definitions')
      .where({ agent_id: agentId })
      .orderBy('version');
    return rows.map(toDefinition);
  }

  async currentDefinitions(filter: { agentId?: string; type?: string } = {}) {
    const q = this.db('pp_sla_definitions as d').whereNotExists(
      this.db('pp_sla_definitions as n')
        .whereRaw('?? = ??', ['n.agent_id', 'd.agent_id'])
        .andWhereRaw('?? > ??', ['n.version', 'd.version']),
    );
    if (filter.agentId) q.andWhere('d.agent_id', filter.agentId);
    if (filter.type) q.andWhere('d.type', filter.type);
    const rows = await q.select('d.*').orderBy('d.agent_id');
    return rows.map(toDefinition);
  }

  async days(agentId: string, from: string, to: string) {
    const rows = await this.db('pp_sla_daily')
      .where({ agent_id: agentId })
      .andWhere('day', '>=', from)
      .andWhere('day', '<=', to)
      .orderBy('day');
    return rows.map(toDay);
  }

  async summaries(filter: {
    status?: string;
    type?: string;
    q?: string;
    sort: SummarySort;
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
  }) {
    const q = this.db('pp_sla_summaries');
    if (filter.status) q.where('status', filter.status);
    if (filter.type) q.where('type', filter.type);
    if (filter.q) {
      const needle = filter.q.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`);
      q.whereRaw(`lower(agent_id) like ? escape '\\'`, [`%${needle}%`]);
    }
    const dir = filter.order === 'desc' ? 'desc' : 'asc';
    // agent ids in code-point order on both engines (PostgreSQL's default collation is the locale's)
    const pg = /^(pg|postgres)/.test(String(this.db.client.config.client));
    const id = pg ? 'agent_id collate "C"' : 'agent_id';
    let order: string;
    if (filter.sort === 'agent_id') order = `${id} ${dir}`;
    else if (filter.sort === 'status') {
      order = `status_rank ${dir}, ${id} asc`;
    } else {
      // no figure (null) sorts after every figure ascending, before them descending
      const col =
        filter.sort === 'uptime_percent'
          ? 'uptime_percent'
          : 'overall_compliance_percent';
      order = `(case when ${col} is null then 1 else 0 end) ${dir}, ${col} ${dir}, ${id} asc`;
    }
    const [[{ count }], rows] = await Promise.all([
      q.clone().count({ count: '*' }),
      q
        .clone()
        .select('*')
        .orderByRaw(order)
        .limit(filter.limit)
        .offset(filter.offset),
    ]);
    return { items: rows.map(toSummary), total: Number(count) };
  }

  async breaches(filter: {
    agentId?: string;
    kind?: 'sla' | 'ola';
    open?: boolean;
    since?: Date;
    limit: number;
    offset: number;
  }) {
    const q = this.db('pp_sla_breaches');
    if (filter.agentId) q.where('agent_id', filter.agentId);
    if (filter.kind) q.where('kind', filter.kind);
    if (filter.open === true) q.whereNull('ended_at');
    if (filter.open === false) q.whereNotNull('ended_at');
    if (filter.since)
      q.where(b =>
        b.where('ended_at', '>=', filter.since!).orWhereNull('ended_at'),
      );
    const [{ count }] = await q.clone().count({ count: '*' });
    const rows = await q
      .clone()
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toBreach), total: Number(count) };
  }

  async breach(id: string) {
    const r = await this.db('pp_sla_breaches').where({ id }).first();
    return r ? toBreach(r) : undefined;
  }

  async openBreaches(kind: 'sla' | 'ola', subject: string) {
    const rows = await this.db('pp_sla_breaches')
      .where({ kind, subject })
      .whereNull('ended_at');
    return rows.map(toBreach);
  }

  async customersPending(limit: number) {
    const rows = await this.db('pp_sla_breaches')
      .whereNotNull('customers_pending_since')
      .orderBy([{ column: 'customers_pending_since' }, { column: 'id' }])
      .limit(limit);
    return rows.map(toBreach);
  }

  async credits(filter: { limit: number; offset: number }) {
    const [{ count }] = await this.db('pp_sla_credits').count({ count: '*' });
    const rows = await this.db('pp_sla_credits')
      .orderBy([
        { column: 'month', order: 'desc' },
        { column: 'agent_id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toCredit), total: Number(count) };
  }

  async olas() {
    const rows = await this.db('pp_ola_definitions').orderBy('name');
    return rows.map(toOla);
  }

  async clocks(filter: { state?: string; limit: number; offset: number }) {
    const q = this.db('pp_ola_clocks');
    if (filter.state) q.where('state', filter.state);
    const [{ count }] = await q.clone().count({ count: '*' });
    const rows = await q
      .clone()
      .orderBy([
        { column: 'deadline', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toClock), total: Number(count) };
  }

  async maintenance(filter: {
    serviceId?: string;
    agentId?: string;
    from?: Date;
    to?: Date;
  }) {
    const q = this.db('pp_sla_maintenance_windows');
    if (filter.serviceId || filter.agentId) {
      q.where(b => {
        if (filter.serviceId) b.orWhere('service_id', filter.serviceId);
        if (filter.agentId) b.orWhere('agent_id', filter.agentId);
      });
    }
    if (filter.from) q.where('ends_at', '>', filter.from);
    if (filter.to) q.where('starts_at', '<', filter.to);
    const rows = await q.orderBy('starts_at', 'desc').limit(500);
    return rows.map(toMaintenance);
  }
}

/** For jobs that read rows outside a unit of work. */
export type { Db };
