import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { isPostgres, readPpChangeMark, toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { ACTIVE_RETUNING_STATUSES } from './domain/lifecycle';
import {
  postChecksFromJson,
  postChecksToJson,
  rolloutFromJson,
  rolloutToJson,
} from './domain/postChecks';
import type {
  EvaluationRow,
  GenesisState,
  RetuningFilter,
  RetuningRow,
  RetuningStore,
  RetuningTransaction,
} from './RetuningStore';

/** The knowledge plugin's migrations (the same directory and table as the plugin core's store). */
export const retuningMigrationConfig = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-knowledge-backend',
    'migrations',
  ),
  tableName: 'pp_knowledge_knex_migrations',
};

const T = 'pp_knowledge_retunings';
const E = 'pp_knowledge_retuning_evaluations';

type Db = Knex | Knex.Transaction;

const date = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};
const json = <T>(v: unknown): T =>
  (typeof v === 'string' ? JSON.parse(v) : v) as T;
const isUnique = (e: any) =>
  e?.code === '23505' ||
  /SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint/.test(
    String(e?.code ?? e?.message),
  );

function fromDb(r: any): RetuningRow {
  const g = json<any>(r.genesis);
  const genesis: GenesisState = { ...g, decided_at: date(g.decided_at) };
  const decision = r.decision ? json<any>(r.decision) : null;
  return {
    id: r.id,
    agent_id: r.agent_id,
    agent_name: r.agent_name,
    industry: r.industry,
    knowledge_version_id: r.knowledge_version_id,
    knowledge_version: r.knowledge_version,
    previous_knowledge_version: r.previous_knowledge_version ?? null,
    reason: r.reason,
    strategy: r.strategy,
    status: r.status,
    genesis,
    decision: decision ? { ...decision, at: date(decision.at)! } : null,
    rollout: r.rollout ? rolloutFromJson(r.rollout) : null,
    post_checks: postChecksFromJson(r.post_checks),
    rollbacks: json<any[]>(r.rollbacks ?? '[]').map(b => ({
      at: date(b.at)!,
      reason: b.reason,
    })),
    next_check_at: date(r.next_check_at),
    created_by: r.created_by,
    created_by_name: r.created_by_name ?? null,
    created_at: date(r.created_at)!,
    updated_at: date(r.updated_at)!,
    version: Number(r.version),
  };
}

function toDb(r: RetuningRow) {
  return {
    id: r.id,
    agent_id: r.agent_id,
    agent_name: r.agent_name,
    industry: r.industry,
    knowledge_version_id: r.knowledge_version_id,
    knowledge_version: r.knowledge_version,
    previous_knowledge_version: r.previous_knowledge_version,
    reason: r.reason,
    strategy: r.strategy,
    status: r.status,
    genesis_verdict: r.genesis.verdict,
    genesis: JSON.stringify(r.genesis),
    decision: r.decision ? JSON.stringify(r.decision) : null,
    rollout: r.rollout ? rolloutToJson(r.rollout) : null,
    post_checks: postChecksToJson(r.post_checks),
    rollbacks: JSON.stringify(r.rollbacks),
    next_check_at: r.next_check_at,
    active_agent_id: ACTIVE_RETUNING_STATUSES.includes(r.status)
      ? r.agent_id
      : null,
    created_by: r.created_by,
    created_by_name: r.created_by_name,
    created_at: r.created_at,
    updated_at: r.updated_at,
    version: r.version,
  };
}

function evaluationFromDb(r: any): EvaluationRow {
  return {
    retuning_id: r.retuning_id,
    side: r.side,
    accuracy: Number(r.accuracy),
    samples: Number(r.samples),
    evaluated_at: date(r.evaluated_at)!,
    reported_by: r.reported_by,
    created_at: date(r.created_at)!,
  };
}

/** Retunings in the knowledge plugin's database (knex; SQLite and PostgreSQL). */
export class DatabaseRetuningStore implements RetuningStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseRetuningStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await db.migrate.latest(retuningMigrationConfig);
    }
    return new DatabaseRetuningStore(db);
  }

  private constructor(readonly db: Knex) {}

  async transaction<T>(
    work: (uow: RetuningTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      const uow: RetuningTransaction = {
        tx,
        insert: async row => {
          try {
            await tx(T).insert(toDb(row));
          } catch (e) {
            if (isUnique(e)) {
              throw new ConflictError(
                `${row.agent_name} already has a retuning in progress; wait for it to end or have it declined`,
              );
            }
            throw e;
          }
        },
        update: async (row, expectedVersion) => {
          const n = await tx(T)
            .where({ id: row.id, version: expectedVersion })
            .update({ ...toDb(row), version: expectedVersion + 1 });
          if (n) row.version = expectedVersion + 1;
          return n > 0;
        },
        getForUpdate: async id => {
          let q = tx(T).where({ id });
          if (isPostgres(tx as unknown as Knex)) q = q.forUpdate();
          const r = await q.first();
          return r ? fromDb(r) : undefined;
        },
        addEvaluation: async row => {
          await tx(E).insert(row);
        },
      };
      return work(uow);
    });
  }

  private async one(db: Db, q: (b: Knex.QueryBuilder) => Knex.QueryBuilder) {
    const r = await q(db(T)).first();
    return r ? fromDb(r) : undefined;
  }

  get(id: string) {
    return this.one(this.db, b => b.where({ id }));
  }

  changeMark(): Promise<string> {
    return readPpChangeMark(this.db, 'retuning');
  }

  async list(filter: RetuningFilter) {
    const where = (b: Knex.QueryBuilder) => {
      if (filter.agent_id) b.where('agent_id', filter.agent_id);
      if (filter.status) b.where('status', filter.status);
      if (filter.industry) b.where('industry', filter.industry);
      return b;
    };
    const [{ n }] = await where(this.db(T)).count({ n: '*' });
    const rows = await where(this.db(T))
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(fromDb), total: Number(n) };
  }

  activeFor(agentId: string) {
    return this.one(this.db, b => b.where({ active_agent_id: agentId }));
  }

  rejectedFor(agentId: string, knowledgeVersionId: string) {
    return this.one(this.db, b =>
      b
        .where({
          agent_id: agentId,
          knowledge_version_id: knowledgeVersionId,
          genesis_verdict: 'rejected',
        })
        .orderBy('created_at', 'desc'),
    );
  }

  lastCompleted(agentId: string) {
    return this.one(this.db, b =>
      b
        .where({ agent_id: agentId, status: 'completed' })
        .orderBy('updated_at', 'desc'),
    );
  }

  async due(now: Date, limit: number) {
    const rows = await this.db(T)
      .whereIn('status', ['validating', 'deploying', 'monitoring'])
      .where(b =>
        b.whereNull('next_check_at').orWhere('next_check_at', '<=', now),
      )
      .orderBy([
        { column: 'next_check_at', order: 'asc' },
        { column: 'created_at', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(fromDb);
  }

  async latestEvaluation(retuningId: string, side: 'blue' | 'green') {
    const r = await this.db(E)
      .where({ retuning_id: retuningId, side })
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return r ? evaluationFromDb(r) : undefined;
  }
}
