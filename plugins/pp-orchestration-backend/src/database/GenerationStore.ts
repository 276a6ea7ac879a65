import type { Knex } from 'knex';
import { toIso } from '@internal/plugin-pp-node';
import type { PpAgentGenerationStatus } from '@internal/plugin-pp-common';

/** An agent's SLA targets, as its creation request stored them. */
export interface GenerationSlaTargets {
  response_time_p95_ms: number;
  uptime_percent: number;
  error_rate_percent: number;
}

/** Where a generated repository is published. */
export type GenerationPublisher = 'github' | 'local-git';

/** One attempt at generating an agent's repository (`pp_agent_generations`). */
export interface GenerationRow {
  id: number;
  creation_id: string;
  attempt: number;
  status: PpAgentGenerationStatus;
  publisher: GenerationPublisher;
  task_id: string | null;
  repository_url: string | null;
  reason: string | null;
  started_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A creation whose repository was generated, as the catalog's agent entity is made of it. */
export interface GeneratedCreation {
  creation_id: string;
  agent_id: string;
  agent_name: string;
  industry: string;
  specialty: string;
  status: string;
  sla_targets: GenerationSlaTargets;
  repository_url: string;
  created_by: string;
}

type Db = Knex | Knex.Transaction;

const date = (v: unknown) => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

function toRow(r: any): GenerationRow {
  return {
    id: Number(r.id),
    creation_id: String(r.creation_id),
    attempt: Number(r.attempt),
    status: r.status,
    publisher: r.publisher,
    task_id: r.task_id ?? null,
    repository_url: r.repository_url ?? null,
    reason: r.reason ?? null,
    started_by: String(r.started_by),
    created_at: date(r.created_at)!,
    started_at: date(r.started_at),
    finished_at: date(r.finished_at),
  };
}

/**
 * The code generation attempts. Every function takes the knex or the transaction to run in, so an
 * attempt's change and the creation's move commit together.
 */
export const generationStore = {
  /** The creation's latest attempt. */
  async latest(db: Db, creationId: string): Promise<GenerationRow | undefined> {
    const r = await db('pp_agent_generations')
      .where({ creation_id: creationId })
      .orderBy('attempt', 'desc')
      .first();
    return r ? toRow(r) : undefined;
  },

  /** Whether some attempt of the creation published its repository. */
  async everSucceeded(db: Db, creationId: string): Promise<boolean> {
    const r = await db('pp_agent_generations')
      .where({ creation_id: creationId, status: 'succeeded' })
      .first('id');
    return !!r;
  },

  async get(db: Db, id: number): Promise<GenerationRow | undefined> {
    const r = await db('pp_agent_generations').where({ id }).first();
    return r ? toRow(r) : undefined;
  },

  /** A new attempt, `pending` until the job starts its scaffolder task. */
  async insertPending(
    tx: Db,
    row: {
      creation_id: string;
      publisher: GenerationPublisher;
      started_by: string;
      at: Date;
    },
  ): Promise<GenerationRow> {
    const last = await tx('pp_agent_generations')
      .where({ creation_id: row.creation_id })
      .max({ attempt: 'attempt' })
      .first();
    const attempt = Number(last?.attempt ?? 0) + 1;
    await tx('pp_agent_generations').insert({
      creation_id: row.creation_id,
      attempt,
      status: 'pending',
      publisher: row.publisher,
      started_by: row.started_by,
      created_at: row.at,
    });
    return toRow(
      await tx('pp_agent_generations')
        .where({ creation_id: row.creation_id, attempt })
        .first(),
    );
  },

  /**
   * Claims the pending and running attempts no one holds (or whose lease ran out) until
   * `leaseUntil`: one runner per attempt across instances.
   */
  async claimOpen(db: Knex, now: Date, leaseUntil: Date, limit = 20) {
    const candidates = await db('pp_agent_generations')
      .whereIn('status', ['pending', 'running'])
      .andWhere(q =>
        q.whereNull('lease_until').orWhere('lease_until', '<', now),
      )
      .orderBy('id')
      .limit(limit);
    const claimed: GenerationRow[] = [];
    for (const c of candidates) {
      const n = await db('pp_agent_generations')
        .where({ id: c.id })
        .whereIn('status', ['pending', 'running'])
        .andWhere(q =>
          q.whereNull('lease_until').orWhere('lease_until', '<', now),
        )
        .update({ lease_until: leaseUntil });
      if (n) claimed.push(toRow(c));
    }
    return claimed;
  },

  async release(db: Db, id: number) {
    await db('pp_agent_generations')
      .where({ id })
      .update({ lease_until: null });
  },

  /** A pending attempt whose task could not be started: why, and when to try again. */
  async retryLater(db: Db, id: number, reason: string, at: Date) {
    await db('pp_agent_generations')
      .where({ id, status: 'pending' })
      .update({ reason, lease_until: at });
  },

  async markRunning(db: Db, id: number, taskId: string, at: Date) {
    await db('pp_agent_generations').where({ id, status: 'pending' }).update({
      status: 'running',
      task_id: taskId,
      reason: null,
      started_at: at,
      lease_until: null,
    });
  },

  async markSucceeded(db: Db, id: number, repositoryUrl: string, at: Date) {
    return db('pp_agent_generations')
      .where({ id })
      .whereIn('status', ['pending', 'running'])
      .update({
        status: 'succeeded',
        repository_url: repositoryUrl,
        finished_at: at,
        lease_until: null,
      });
  },

  async markFailed(db: Db, id: number, reason: string, at: Date) {
    return db('pp_agent_generations')
      .where({ id })
      .whereIn('status', ['pending', 'running'])
      .update({
        status: 'failed',
        reason,
        finished_at: at,
        lease_until: null,
      });
  },

  /** Approved creations no generation was ever started for (a start lost between commit and call). */
  async approvedNeverGenerated(db: Knex, limit = 20): Promise<string[]> {
    const rows = await db('pp_agent_creations as c')
      .where('c.status', 'genesis_approved')
      .whereNotExists(
        db('pp_agent_generations as g')
          .select(db.raw('1'))
          .whereRaw('g.creation_id = c.id'),
      )
      .orderBy('c.created_at')
      .limit(limit)
      .select('c.agent_id');
    return rows.map(r => String(r.agent_id));
  },

  /** Every creation whose latest successful attempt published a repository. */
  async generated(db: Knex): Promise<GeneratedCreation[]> {
    const rows = await db('pp_agent_creations as c')
      .join('pp_agent_generations as g', 'g.creation_id', 'c.id')
      .where('g.status', 'succeeded')
      .whereNotExists(
        db('pp_agent_generations as g2')
          .select(db.raw('1'))
          .whereRaw('g2.creation_id = g.creation_id')
          .where('g2.status', 'succeeded')
          .whereRaw('g2.attempt > g.attempt'),
      )
      .orderBy('c.agent_id')
      .select(
        'c.id',
        'c.agent_id',
        'c.agent_name',
        'c.industry',
        'c.specialty',
        'c.status',
        'c.request',
        'c.created_by',
        'g.repository_url',
      );
    return rows.map(r => {
      const request =
        typeof r.request === 'string' ? JSON.parse(r.request) : r.request;
      return {
        creation_id: String(r.id),
        agent_id: String(r.agent_id),
        agent_name: String(r.agent_name),
        industry: String(r.industry),
        specialty: String(r.specialty),
        status: String(r.status),
        sla_targets: request?.sla_targets ?? {
          response_time_p95_ms: 2000,
          uptime_percent: 99.9,
          error_rate_percent: 1,
        },
        repository_url: String(r.repository_url),
        created_by: String(r.created_by),
      };
    });
  },
};
