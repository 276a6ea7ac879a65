import {
  FINAL_ROLLOUT_PHASES,
  Rollout,
  RolloutHistoryEntry,
  RolloutPhase,
  toIso,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { migrateOrchestration } from './DatabaseCreationStore';
import {
  ActiveRolloutError,
  RolloutRow,
  RolloutStore,
  RolloutTransaction,
} from './RolloutStore';

type Db = Knex | Knex.Transaction;

const toDate = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

const isUniqueViolation = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

/** Dates in the stored state come back as Date objects. */
function reviveState(state: any): Omit<Rollout, 'history'> {
  const d = (v: unknown) => (v ? new Date(String(v)) : null);
  return {
    ...state,
    phase_since: d(state.phase_since)!,
    watch_until: d(state.watch_until),
    completed_at: d(state.completed_at),
    standby_until: d(state.standby_until),
  };
}

function stateOf(r: Rollout) {
  const { history: _history, ...state } = r;
  return JSON.stringify(state);
}

const final = (phase: RolloutPhase) => FINAL_ROLLOUT_PHASES.includes(phase);

function columns(row: RolloutRow) {
  const r = row.rollout;
  return {
    phase: r.phase,
    state: stateOf(r),
    next_action: row.next_action ? JSON.stringify(row.next_action) : null,
    active_agent_id: final(r.phase) ? null : row.agent_id,
    completed_at: final(r.phase) ? r.completed_at ?? row.updated_at : null,
    updated_at: row.updated_at,
  };
}

async function insertSteps(
  db: Db,
  id: string,
  entries: readonly RolloutHistoryEntry[],
  firstSeq: number,
  actor?: string,
) {
  if (!entries.length) return;
  await db('pp_agent_rollout_steps').insert(
    entries.map((e, i) => ({
      rollout_id: id,
      seq: firstSeq + i,
      from_phase: e.from,
      to_phase: e.to,
      action: e.action,
      note: e.note ?? null,
      actor: actor ?? null,
      at: e.at,
    })),
  );
}

async function readMany(db: Db, rows: any[]): Promise<RolloutRow[]> {
  if (!rows.length) return [];
  const steps = await db('pp_agent_rollout_steps')
    .whereIn(
      'rollout_id',
      rows.map(r => r.id),
    )
    .orderBy(['rollout_id', 'seq']);
  const byId = new Map<string, RolloutHistoryEntry[]>();
  for (const s of steps) {
    const list = byId.get(String(s.rollout_id)) ?? [];
    list.push({
      at: toDate(s.at)!,
      from: s.from_phase,
      to: s.to_phase,
      action: s.action,
      ...(s.note ? { note: String(s.note) } : {}),
      // who caused the step (a person's ref); the job's steps have none
      ...(s.actor ? { actor: String(s.actor) } : {}),
    } as RolloutHistoryEntry);
    byId.set(String(s.rollout_id), list);
  }
  return rows.map(r => {
    const state = typeof r.state === 'string' ? JSON.parse(r.state) : r.state;
    const nextAction =
      typeof r.next_action === 'string'
        ? JSON.parse(r.next_action)
        : r.next_action ?? null;
    if (nextAction?.until) nextAction.until = new Date(nextAction.until);
    return {
      id: String(r.id),
      agent_id: String(r.agent_id),
      agent_name: String(r.agent_name),
      target_kind: String(r.target_kind),
      rollout: {
        ...reviveState(state),
        history: byId.get(String(r.id)) ?? [],
      },
      next_action: nextAction,
      reason: r.reason ?? null,
      version: Number(r.version),
      started_by: String(r.started_by),
      started_by_id: r.started_by_id ?? null,
      started_at: toDate(r.started_at)!,
      updated_at: toDate(r.updated_at)!,
    };
  });
}

const readOne = async (db: Db, id: string) =>
  (await readMany(db, await db('pp_agent_rollouts').where({ id })))[0];

/** `RolloutStore` on the plugin's database (SQLite, PostgreSQL). */
export class DatabaseRolloutStore implements RolloutStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: {
      getClient(): Promise<Knex>;
      migrations?: { skip?: boolean };
    };
    skipMigrations?: boolean;
  }): Promise<DatabaseRolloutStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrateOrchestration(db);
    }
    return new DatabaseRolloutStore(db);
  }

  async transaction<T>(
    work: (uow: RolloutTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx =>
      work({
        tx,
        insert: async row => {
          try {
            await tx('pp_agent_rollouts').insert({
              id: row.id,
              agent_id: row.agent_id,
              agent_name: row.agent_name,
              kind: row.rollout.change.kind,
              target_kind: row.target_kind,
              target_ref: row.rollout.change.target_ref,
              from_version: row.rollout.change.from_version,
              to_version: row.rollout.change.to_version,
              reason: row.reason,
              version: row.version,
              started_by: row.started_by,
              started_by_id: row.started_by_id,
              started_at: row.started_at,
              ...columns(row),
            });
          } catch (error) {
            if (isUniqueViolation(error)) {
              throw new ActiveRolloutError(row.agent_id);
            }
            throw error;
          }
          await insertSteps(tx, row.id, row.rollout.history, 1);
        },
        update: async (row, expectedVersion, actor) => {
          const stored = await tx('pp_agent_rollout_steps')
            .where({ rollout_id: row.id })
            .max({ seq: 'seq' })
            .first();
          const known = Number(stored?.seq ?? 0);
          const n = await tx('pp_agent_rollouts')
            .where({ id: row.id, version: expectedVersion })
            .update({ ...columns(row), version: expectedVersion + 1 });
          if (n !== 1) return false;
          await insertSteps(
            tx,
            row.id,
            row.rollout.history.slice(known),
            known + 1,
            actor,
          );
          row.version = expectedVersion + 1;
          return true;
        },
        get: id => readOne(tx, id),
      }),
    );
  }

  get(id: string) {
    return readOne(this.db, id);
  }

  async listByAgent(agentId: string, limit: number) {
    return readMany(
      this.db,
      await this.db('pp_agent_rollouts')
        .where({ agent_id: agentId })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit),
    );
  }

  async listActive(limit: number) {
    return readMany(
      this.db,
      await this.db('pp_agent_rollouts')
        .whereNotNull('active_agent_id')
        .orderBy([
          { column: 'started_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(limit),
    );
  }

  async lastCompleted(agentId: string) {
    const r = await this.db('pp_agent_rollouts')
      .where({ agent_id: agentId, phase: 'completed' })
      .orderBy('completed_at', 'desc')
      .first();
    return r ? (await readMany(this.db, [r]))[0] : undefined;
  }
}
