import type { Knex } from 'knex';
import { toIso } from '@internal/plugin-pp-node';
import type { PipelineState } from '../domain/pipeline';

/** One stage (or the pipeline itself, `stage` null) changing status, as stored. */
export interface PipelineChange {
  run_id: number;
  run_attempt: number;
  stage: string | null;
  from_status: string | null;
  to_status: string;
  log_url: string | null;
  at: Date;
}

/** A creation's pipeline as stored: the reducer's state and its optimistic-concurrency version. */
export interface StoredPipeline {
  creation_id: string;
  repository: string;
  state: PipelineState;
  version: number;
  updated_at: Date;
}

type Db = Knex | Knex.Transaction;

const parse = (v: unknown) =>
  (typeof v === 'string' ? JSON.parse(v) : v) as PipelineState;

/**
 * The pipelines (`pp_agent_pipelines`) and their stage changes (`pp_agent_pipeline_changes`).
 * Every function takes the knex or the transaction to run in, so a pipeline write and the
 * creation's move commit together.
 */
export const pipelineStore = {
  async get(db: Db, creationId: string): Promise<StoredPipeline | undefined> {
    const r = await db('pp_agent_pipelines')
      .where({ creation_id: creationId })
      .first();
    if (!r) return undefined;
    return {
      creation_id: String(r.creation_id),
      repository: String(r.repository),
      state: parse(r.state),
      version: Number(r.version),
      updated_at: new Date(toIso(r.updated_at)!),
    };
  },

  /**
   * Writes the new state when the row is still at `expectedVersion` (0: no row yet); false when
   * another delivery got there first (nothing written).
   */
  async save(
    db: Db,
    row: {
      creation_id: string;
      repository: string;
      state: PipelineState;
      at: Date;
    },
    expectedVersion: number,
    changes: readonly PipelineChange[],
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      try {
        // a savepoint: on PostgreSQL a refused insert would abort the whole transaction
        await db.transaction(async sp => {
          await sp('pp_agent_pipelines').insert({
            creation_id: row.creation_id,
            repository: row.repository,
            state: JSON.stringify(row.state),
            version: 1,
            updated_at: row.at,
          });
        });
      } catch (e: any) {
        if (
          e?.code === '23505' ||
          String(e?.code).startsWith('SQLITE_CONSTRAINT')
        ) {
          return false;
        }
        throw e;
      }
    } else {
      const updated = await db('pp_agent_pipelines')
        .where({ creation_id: row.creation_id, version: expectedVersion })
        .update({
          state: JSON.stringify(row.state),
          version: expectedVersion + 1,
          updated_at: row.at,
        });
      if (!updated) return false;
    }
    if (changes.length) {
      await db('pp_agent_pipeline_changes').insert(
        changes.map(c => ({ creation_id: row.creation_id, ...c })),
      );
    }
    return true;
  },

  async changes(db: Db, creationId: string): Promise<PipelineChange[]> {
    const rows = await db('pp_agent_pipeline_changes')
      .where({ creation_id: creationId })
      .orderBy('id');
    return rows.map(r => ({
      run_id: Number(r.run_id),
      run_attempt: Number(r.run_attempt),
      stage: r.stage ?? null,
      from_status: r.from_status ?? null,
      to_status: String(r.to_status),
      log_url: r.log_url ?? null,
      at: new Date(toIso(r.at)!),
    }));
  },
};

/** The stage (and pipeline) status changes between two states, for the change log. */
export function pipelineChanges(
  before: PipelineState,
  after: PipelineState,
  at: Date,
): PipelineChange[] {
  if (after.run_id === null) return [];
  const sameRun =
    before.run_id === after.run_id && before.run_attempt === after.run_attempt;
  const base = { run_id: after.run_id, run_attempt: after.run_attempt ?? 1 };
  const out: PipelineChange[] = [];
  if (!sameRun || before.status !== after.status) {
    out.push({
      ...base,
      stage: null,
      from_status: sameRun ? before.status : null,
      to_status: after.status,
      log_url: after.run_url,
      at,
    });
  }
  after.stages.forEach((s, i) => {
    const prev = before.stages[i];
    if (sameRun && prev.status === s.status) return;
    if (!sameRun && s.status === 'pending') return;
    out.push({
      ...base,
      stage: s.key,
      from_status: sameRun ? prev.status : null,
      to_status: s.status,
      log_url: s.log_url,
      at,
    });
  });
  return out;
}
