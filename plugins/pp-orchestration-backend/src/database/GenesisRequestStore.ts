import { toIso } from '@internal/plugin-pp-node';
import type { Knex } from 'knex';

/** A creation waiting to be handed to the external Genesis (`pp_agent_genesis_requests`). */
export interface GenesisRequestRow {
  creation_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const toRow = (r: any): GenesisRequestRow => ({
  creation_id: String(r.creation_id),
  status: r.status,
  attempts: Number(r.attempts),
  next_attempt_at: toIso(r.next_attempt_at),
  last_error: r.last_error ?? null,
  created_at: toIso(r.created_at)!,
  sent_at: toIso(r.sent_at),
});

/**
 * The outbox of requests to the external Genesis, in the plugin's database: `enqueue` runs in the
 * creation's transaction; `claimDue` leases due rows (moves their `next_attempt_at` past the
 * lease, conditionally, so two instances never send the same row at once).
 */
export class GenesisRequestStore {
  constructor(private readonly db: Knex) {}

  async enqueue(tx: Knex.Transaction, creationId: string, now: Date) {
    await tx('pp_agent_genesis_requests').insert({
      creation_id: creationId,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    });
  }

  async claimDue(
    now: Date,
    leaseUntil: Date,
    limit = 50,
  ): Promise<GenesisRequestRow[]> {
    const due = await this.db('pp_agent_genesis_requests')
      .where({ status: 'pending' })
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit);
    const claimed: GenesisRequestRow[] = [];
    for (const r of due) {
      const won = await this.db('pp_agent_genesis_requests')
        .where({
          creation_id: r.creation_id,
          status: 'pending',
          attempts: r.attempts,
        })
        .where('next_attempt_at', '<=', now)
        .update({ next_attempt_at: leaseUntil });
      if (won) claimed.push(toRow(r));
    }
    return claimed;
  }

  async markSent(creationId: string, now: Date, attempts: number) {
    await this.db('pp_agent_genesis_requests')
      .where({ creation_id: creationId })
      .update({
        status: 'sent',
        attempts,
        sent_at: now,
        next_attempt_at: null,
        last_error: null,
      });
  }

  async markFailed(
    creationId: string,
    attempts: number,
    error: string,
    next: Date | null,
  ) {
    await this.db('pp_agent_genesis_requests')
      .where({ creation_id: creationId })
      .update({
        status: next ? 'pending' : 'failed',
        attempts,
        last_error: error.slice(0, 2000),
        next_attempt_at: next,
      });
  }

  async get(creationId: string): Promise<GenesisRequestRow | undefined> {
    const r = await this.db('pp_agent_genesis_requests')
      .where({ creation_id: creationId })
      .first();
    return r ? toRow(r) : undefined;
  }
}
