import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import type {
  PpSubscriptionBand,
  PpSubscriptionScore,
  PpSubscriptionStatus,
} from '@internal/plugin-pp-common';
import { toIso } from '@internal/plugin-pp-node';
import {
  ActionRow,
  DuplicateActionError,
  ListFilter,
  ListPageRequest,
  ListRow,
  ScoreRow,
  SubscriptionStore,
  SubscriptionTransaction,
} from './SubscriptionStore';

/** Runs the plugin's migrations (PP's own tables only). */
export async function migrateSubscriptions(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-subscriptions-backend',
      'migrations',
    ),
    tableName: 'pp_subscriptions_knex_migrations',
  });
}

const UNSCORED = -1;

function toScore(r: any): PpSubscriptionScore {
  return {
    day: String(r.day),
    score: Number(r.score),
    band: r.band as PpSubscriptionBand,
    success_rate: Number(r.success_rate),
    error_rate: Number(r.error_rate),
    activity_score: Number(r.activity_score),
    expected_runs_per_day: Number(r.expected_runs_per_day),
    runs_total: Number(r.runs_total),
    runs_succeeded: Number(r.runs_succeeded),
    runs_failed: Number(r.runs_failed),
  };
}

function toListRow(r: any): ListRow {
  const score = Number(r.score);
  return {
    id: String(r.id),
    customer_id: String(r.customer_id),
    customer_name: String(r.customer_name),
    agent_id: String(r.agent_id),
    agent_name: r.agent_name ?? null,
    industry: r.industry ?? null,
    plan: r.plan ?? null,
    status: r.status as PpSubscriptionStatus,
    score: score < 0 ? null : score,
    band: (r.band as PpSubscriptionBand) ?? null,
    runs_failed_30d: Number(r.runs_failed_30d),
    scored_day: r.scored_day ?? null,
  };
}

const toDate = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

function toActionRow(r: any): ActionRow {
  return {
    id: String(r.id),
    subscription_id: String(r.subscription_id),
    subscription_name: String(r.subscription_name),
    kind: r.kind,
    status: r.status,
    reason: String(r.reason),
    refund: r.refund,
    refund_amount:
      r.refund_amount === null || r.refund_amount === undefined
        ? null
        : Number(r.refund_amount),
    idempotency_key: String(r.idempotency_key),
    request_hash: String(r.request_hash),
    attempts: Number(r.attempts),
    last_error: r.last_error ?? null,
    next_attempt_at: toDate(r.next_attempt_at),
    requested_by: String(r.requested_by),
    requested_by_name: r.requested_by_name ?? null,
    created_at: toDate(r.created_at)!,
    completed_at: toDate(r.completed_at),
  };
}

/** A unique index refused the write (PostgreSQL 23505, SQLite's constraint codes). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

const ACTIONS = 'pp_subscription_actions';

/** Escapes LIKE wildcards (the default `\` escape on both engines is set explicitly). */
function likePrefix(text: string) {
  return `${text.toLowerCase().replace(/[\\%_]/g, m => `\\${m}`)}%`;
}

export class DatabaseSubscriptionStore implements SubscriptionStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseSubscriptionStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateSubscriptions(db);
    }
    return new DatabaseSubscriptionStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async saveScores(
    scores: ScoreRow[],
    list: ListRow[],
    syncedAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < scores.length; i += 200) {
        const chunk = scores.slice(i, i + 200).map(s => ({
          ...s,
          computed_at: syncedAt,
        }));
        await tx('pp_subscription_scores')
          .insert(chunk)
          .onConflict(['subscription_id', 'day'])
          .merge();
      }
      for (let i = 0; i < list.length; i += 200) {
        const chunk = list.slice(i, i + 200).map(r => ({
          ...r,
          customer_name_lower: r.customer_name.toLowerCase(),
          score: r.score ?? UNSCORED,
          synced_at: syncedAt,
        }));
        await tx('pp_subscription_list').insert(chunk).onConflict('id').merge();
      }
    });
  }

  async pruneList(syncedBefore: Date): Promise<number> {
    return this.db('pp_subscription_list')
      .where('synced_at', '<', syncedBefore)
      .delete();
  }

  async latestScore(
    subscriptionId: string,
  ): Promise<PpSubscriptionScore | undefined> {
    const row = await this.db('pp_subscription_scores')
      .where({ subscription_id: subscriptionId })
      .orderBy('day', 'desc')
      .first();
    return row ? toScore(row) : undefined;
  }

  async scoreHistory(
    subscriptionId: string,
    sinceDay: string,
  ): Promise<PpSubscriptionScore[]> {
    const rows = await this.db('pp_subscription_scores')
      .where({ subscription_id: subscriptionId })
      .where('day', '>=', sinceDay)
      .orderBy('day', 'asc');
    return rows.map(toScore);
  }

  private filtered(filter: ListFilter, withBand: boolean) {
    const q = this.db('pp_subscription_list');
    if (filter.status?.length) q.whereIn('status', filter.status);
    if (withBand && filter.band?.length) q.whereIn('band', filter.band);
    if (filter.scoreLt !== undefined) {
      q.where('score', '<', filter.scoreLt).where('score', '>=', 0);
    }
    if (filter.errorsGt !== undefined) {
      q.where('runs_failed_30d', '>', filter.errorsGt);
    }
    if (filter.customer) {
      const c = filter.customer;
      q.where(w =>
        w
          .where('customer_id', c)
          .orWhereRaw("customer_name_lower like ? escape '\\'", [
            likePrefix(c),
          ]),
      );
    }
    if (filter.agent) q.where('agent_id', filter.agent);
    if (filter.industry) q.where('industry', filter.industry);
    return q;
  }

  async list(request: ListPageRequest): Promise<ListRow[]> {
    const { field, desc } = request.sort;
    const dir = desc ? 'desc' : 'asc';
    const q = this.filtered(request.filter, true)
      .select('*')
      .orderBy([
        { column: field, order: dir },
        { column: 'id', order: dir },
      ])
      .limit(request.limit);
    if (request.after) {
      const [value, id] = request.after;
      const op = desc ? '<' : '>';
      q.where(w =>
        w
          .where(field, op, value)
          .orWhere(w2 => w2.where(field, '=', value).where('id', op, id)),
      );
    }
    return (await q).map(toListRow);
  }

  async bandCounts(filter: ListFilter) {
    // filtered by status, industry and agent only (the band itself does not count here): the
    // trigger-kept counters answer
    const counters =
      filter.scoreLt === undefined &&
      filter.errorsGt === undefined &&
      !filter.customer;
    let rows: any[];
    if (counters) {
      const q = this.db('pp_subscription_band_counts')
        .groupBy('band')
        .select('band', this.db.raw('sum(n) as n'));
      if (filter.status?.length) q.whereIn('status', filter.status);
      if (filter.agent) q.where('agent_id', filter.agent);
      if (filter.industry) q.where('industry', filter.industry);
      rows = await q;
    } else {
      rows = await this.filtered(filter, false)
        .groupBy('band')
        .select('band', this.db.raw('count(*) as n'));
    }
    const out = { green: 0, amber: 0, red: 0, unscored: 0 };
    for (const r of rows) {
      const key = (r.band || 'unscored') as keyof typeof out;
      if (key in out) out[key] += Number(r.n);
    }
    return out;
  }

  async transaction<T>(
    work: (uow: SubscriptionTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      const uow: SubscriptionTransaction = {
        tx,
        actionByKey: async (requestedBy, key) => {
          const row = await tx(ACTIONS)
            .where({ requested_by: requestedBy, idempotency_key: key })
            .first();
          return row ? toActionRow(row) : undefined;
        },
        openAction: async (subscriptionId, kind) => {
          const row = await tx(ACTIONS)
            .where({ subscription_id: subscriptionId, kind })
            .whereIn('status', ['pending', 'completed'])
            // pending first, then the latest completed
            .orderByRaw("case when status = 'pending' then 0 else 1 end")
            .orderBy('created_at', 'desc')
            .first();
          return row ? toActionRow(row) : undefined;
        },
        insertAction: async row => {
          try {
            // a savepoint: on PostgreSQL a refused insert would abort the whole transaction
            await tx.transaction(async sp => {
              await sp(ACTIONS).insert(row);
            });
          } catch (error) {
            if (isUniqueViolation(error)) throw new DuplicateActionError();
            throw error;
          }
        },
        updateAction: async (id, patch) =>
          (await tx(ACTIONS).where({ id, status: 'pending' }).update(patch)) >
          0,
        markListCanceled: async subscriptionId => {
          await tx('pp_subscription_list')
            .where({ id: subscriptionId })
            .update({ status: 'canceled' });
        },
      };
      return work(uow);
    });
  }

  async getAction(id: string): Promise<ActionRow | undefined> {
    const row = await this.db(ACTIONS).where({ id }).first();
    return row ? toActionRow(row) : undefined;
  }

  async actionByKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<ActionRow | undefined> {
    const row = await this.db(ACTIONS)
      .where({ requested_by: requestedBy, idempotency_key: idempotencyKey })
      .first();
    return row ? toActionRow(row) : undefined;
  }

  async listActions(subscriptionId: string, limit: number) {
    const rows = await this.db(ACTIONS)
      .where({ subscription_id: subscriptionId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toActionRow);
  }

  async dueActions(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db(ACTIONS)
      .where({ status: 'pending' })
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at', 'asc')
      .limit(limit)
      .select('id');
    return rows.map(r => String(r.id));
  }

  async claimAction(
    id: string,
    now: Date,
    claimUntil: Date,
  ): Promise<ActionRow | undefined> {
    const claimed = await this.db(ACTIONS)
      .where({ id, status: 'pending' })
      .where('next_attempt_at', '<=', now)
      .update({
        next_attempt_at: claimUntil,
        attempts: this.db.raw('attempts + 1'),
      });
    return claimed ? this.getAction(id) : undefined;
  }
}
