import { Knex } from 'knex';
import type { PpSubscriptionStatus } from '@internal/plugin-pp-common';
import { PP_SUBSCRIPTION_STATUSES } from '@internal/plugin-pp-common';
import type { RunCounts } from '../domain/score';
import {
  CpAgentRun,
  CpRunExportFilter,
  CpRunFilter,
  CpRunMark,
  CpSubscription,
  CustomerPortalStore,
} from './CustomerPortalStore';

/**
 * The columns PP reads from CP, by table. Nothing else is ever selected (no `select *`): a column
 * CP adds (or customer core data such as industry_data, strategic_plans) stays in CP.
 */
export const CP_ALLOWED_COLUMNS = {
  agents: ['id', 'name', 'industry'],
  subscriptions: [
    'id',
    'customer_id',
    'customer_name',
    'agent_id',
    'plan',
    'status',
    'expected_runs_per_day',
    'started_at',
    'canceled_at',
    // the customer's contact for operational notices: read only by `liveContacts`, for other PP
    // plugins (never part of a subscription as the portal shows it)
    'contact_email',
  ],
  agent_runs: [
    'id',
    'subscription_id',
    'agent_id',
    'status',
    'created_at',
    'started_at',
    'finished_at',
    'error_message',
    'inputs',
    'outputs',
    'actions',
  ],
} as const;

const SUBSCRIPTION_COLUMNS = [
  ...CP_ALLOWED_COLUMNS.subscriptions
    .filter(c => c !== 'contact_email')
    .map(c => `s.${c} as ${c}`),
  'a.name as agent_name',
  'a.industry as industry',
];
/** The fields of a run PP reads, in the allow-list's order (exports use it as their columns). */
export const CP_RUN_FIELDS = CP_ALLOWED_COLUMNS.agent_runs.filter(
  (c): c is Exclude<typeof c, 'subscription_id'> => c !== 'subscription_id',
);
const RUN_COLUMNS = CP_RUN_FIELDS;

/** The statuses of a subscription the customer still has (the agent works, or will again, for it). */
export const CP_LIVE_STATUSES: PpSubscriptionStatus[] = [
  'active',
  'trial',
  'paused',
];

/** Times as ISO strings, whatever the engine returns (Date on PostgreSQL, text or number on SQLite). */
export function cpTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const d =
    value instanceof Date
      ? value
      : new Date(
          typeof value === 'string' && /^\d{4}-\d\d-\d\d \d/.test(value)
            ? `${value.replace(' ', 'T')}${
                /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'
              }`
            : (value as string | number),
        );
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function cpJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function cpStatus(value: unknown): PpSubscriptionStatus {
  const s = String(value ?? '').toLowerCase();
  return (PP_SUBSCRIPTION_STATUSES as readonly string[]).includes(s)
    ? (s as PpSubscriptionStatus)
    : 'active';
}

function toSubscription(row: any): CpSubscription {
  const cadence =
    row.expected_runs_per_day === null ||
    row.expected_runs_per_day === undefined
      ? null
      : Number(row.expected_runs_per_day);
  return {
    id: String(row.id),
    customer_id: String(row.customer_id),
    customer_name: String(row.customer_name ?? row.customer_id),
    agent_id: String(row.agent_id),
    agent_name: row.agent_name ?? null,
    industry: row.industry ?? null,
    plan: row.plan ?? null,
    status: cpStatus(row.status),
    expected_runs_per_day: Number.isFinite(cadence) ? cadence : null,
    started_at: cpTime(row.started_at),
    canceled_at: cpTime(row.canceled_at),
  };
}

function toRun(row: any): CpAgentRun {
  return {
    id: String(row.id),
    agent_id: String(row.agent_id),
    status: String(row.status),
    inputs: cpJson(row.inputs),
    outputs: cpJson(row.outputs),
    actions: cpJson(row.actions),
    error_message: row.error_message ?? null,
    created_at: cpTime(row.created_at)!,
    started_at: cpTime(row.started_at),
    finished_at: cpTime(row.finished_at),
    position: String(row.position ?? row.created_at),
  };
}

/**
 * The CP connector on knex: its own connection (PostgreSQL in production, with a read-only role;
 * SQLite for the demo CP). Reads only.
 */
export class DatabaseCustomerPortalStore implements CustomerPortalStore {
  constructor(
    private readonly db: Knex,
    private readonly options: { destroyOnClose?: boolean } = {},
  ) {}

  private subscriptions() {
    return this.db({ s: 'subscriptions' })
      .leftJoin({ a: 'agents' }, 'a.id', 's.agent_id')
      .select(SUBSCRIPTION_COLUMNS);
  }

  async listSubscriptions(opts: {
    afterId?: string;
    limit: number;
  }): Promise<CpSubscription[]> {
    const q = this.subscriptions().orderBy('s.id').limit(opts.limit);
    if (opts.afterId !== undefined) q.where('s.id', '>', opts.afterId);
    return (await q).map(toSubscription);
  }

  async getSubscription(id: string): Promise<CpSubscription | undefined> {
    const row = await this.subscriptions().where('s.id', id).first();
    return row ? toSubscription(row) : undefined;
  }

  async liveContacts(agentId: string) {
    const rows = await this.db({ s: 'subscriptions' })
      .leftJoin({ a: 'agents' }, 'a.id', 's.agent_id')
      .where('s.agent_id', agentId)
      .whereIn('s.status', CP_LIVE_STATUSES)
      .whereNotNull('s.contact_email')
      .orderBy('s.id')
      .select(
        's.id as id',
        's.customer_id as customer_id',
        's.customer_name as customer_name',
        's.contact_email as contact_email',
        'a.name as agent_name',
      );
    const items = (rows as any[])
      .map(r => ({
        subscription_id: String(r.id),
        customer_name: String(r.customer_name ?? r.customer_id),
        contact_email: String(r.contact_email ?? '').trim(),
      }))
      .filter(r => r.contact_email.includes('@'));
    let agentName: string | null = rows[0]?.agent_name ?? null;
    if (!rows.length) {
      const agent = await this.db('agents').where('id', agentId).first('name');
      agentName = agent?.name ?? null;
    }
    return { agent_name: agentName, items };
  }

  async runCounts(
    subscriptionIds: string[],
    window: { start: Date; end: Date },
  ): Promise<Map<string, RunCounts>> {
    const out = new Map<string, RunCounts>();
    if (!subscriptionIds.length) return out;
    const rows = await this.db('agent_runs')
      .whereIn('subscription_id', subscriptionIds)
      .where('created_at', '>=', window.start.toISOString())
      .where('created_at', '<', window.end.toISOString())
      .groupBy('subscription_id')
      .select(
        'subscription_id',
        this.db.raw('count(*) as total'),
        this.db.raw(
          "sum(case when status = 'succeeded' then 1 else 0 end) as succeeded",
        ),
        this.db.raw(
          "sum(case when status = 'failed' then 1 else 0 end) as failed",
        ),
      );
    for (const r of rows as any[]) {
      out.set(String(r.subscription_id), {
        total: Number(r.total),
        succeeded: Number(r.succeeded ?? 0),
        failed: Number(r.failed ?? 0),
      });
    }
    return out;
  }

  async runMarks(
    subscriptionId: string,
    window: { start: Date; end: Date },
  ): Promise<CpRunMark[]> {
    const rows = await this.db('agent_runs')
      .where('subscription_id', subscriptionId)
      .where('created_at', '>=', window.start.toISOString())
      .where('created_at', '<', window.end.toISOString())
      .select('created_at', 'status');
    return rows.map((r: any) => ({
      created_at: cpTime(r.created_at)!,
      status: String(r.status),
    }));
  }

  async recentErrors(subscriptionId: string, limit: number) {
    const rows = await this.db('agent_runs')
      .where({ subscription_id: subscriptionId, status: 'failed' })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('id', 'created_at', 'error_message');
    return rows.map((r: any) => ({
      id: String(r.id),
      created_at: cpTime(r.created_at)!,
      error_message: r.error_message ?? null,
    }));
  }

  async failedRunsAfter(after: string, limit: number) {
    const rows = await this.db('agent_runs')
      .where('status', 'failed')
      .where('created_at', '>', after)
      .groupBy('subscription_id')
      .select('subscription_id')
      .max('created_at as last_failed_at')
      .orderBy('last_failed_at')
      .limit(limit);
    return rows.map((r: any) => ({
      subscription_id: String(r.subscription_id),
      last_failed_at: cpTime(r.last_failed_at)!,
    }));
  }

  async latestFinishedRuns(subscriptionId: string, limit: number) {
    const rows = await this.db('agent_runs')
      .where('subscription_id', subscriptionId)
      .whereIn('status', ['succeeded', 'failed'])
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('status', 'created_at');
    return rows.map((r: any) => ({
      status: String(r.status),
      created_at: cpTime(r.created_at)!,
    }));
  }

  /** The allow-listed run columns and the keyset position of a subscription's runs, filtered. */
  private runs(subscriptionId: string, filter: CpRunExportFilter) {
    // the keyset position at CP's precision: microseconds on PostgreSQL, the stored text on SQLite
    const position =
      this.db.client.config.client === 'pg'
        ? this.db.raw(
            `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`,
          )
        : this.db.raw('created_at as position');
    return this.filteredRuns(subscriptionId, filter).select([
      ...RUN_COLUMNS,
      position,
    ]);
  }

  private filteredRuns(subscriptionId: string, filter: CpRunExportFilter) {
    const q = this.db('agent_runs').where('subscription_id', subscriptionId);
    if (filter.status?.length) q.whereIn('status', filter.status);
    if (filter.from) q.where('created_at', '>=', filter.from);
    if (filter.to) q.where('created_at', '<', filter.to);
    return q;
  }

  async listRuns(
    subscriptionId: string,
    filter: CpRunFilter,
  ): Promise<CpAgentRun[]> {
    const q = this.runs(subscriptionId, filter)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.before) {
      const { created_at, id } = filter.before;
      // the bound first (an index range), then the tie on id
      q.where('created_at', '<=', created_at).where(w =>
        w.where('created_at', '<', created_at).orWhere('id', '<', id),
      );
    }
    return (await q).map(toRun);
  }

  async countRuns(
    subscriptionId: string,
    filter: CpRunExportFilter,
  ): Promise<number> {
    const row = await this.filteredRuns(subscriptionId, filter)
      .count({ n: '*' })
      .first();
    return Number((row as { n?: unknown } | undefined)?.n ?? 0);
  }

  async *runBatches(
    subscriptionId: string,
    filter: CpRunExportFilter,
    batchSize: number,
  ): AsyncIterable<CpAgentRun[]> {
    let after: { created_at: string; id: string } | undefined;
    for (;;) {
      const q = this.runs(subscriptionId, filter)
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(batchSize);
      if (after) {
        const { created_at, id } = after;
        // the bound first, so each batch is an index range from the last run on (an `or`
        // alone makes PostgreSQL scan the subscription's runs from the start, every batch)
        q.where('created_at', '>=', created_at).where(w =>
          w.where('created_at', '>', created_at).orWhere('id', '>', id),
        );
      }
      const batch = (await q).map(toRun);
      if (batch.length) yield batch;
      if (batch.length < batchSize) return;
      const last = batch[batch.length - 1];
      after = { created_at: last.position, id: last.id };
    }
  }

  async close(): Promise<void> {
    if (this.options.destroyOnClose) await this.db.destroy();
  }
}
