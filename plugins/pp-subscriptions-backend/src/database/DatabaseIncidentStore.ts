import type { PpSubscriptionIncidentTrigger } from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import { IncidentRow, IncidentStore } from './IncidentStore';
import { migrateSubscriptions } from './DatabaseSubscriptionStore';

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

function toRow(r: any): IncidentRow {
  return {
    id: String(r.id),
    subscription_id: String(r.subscription_id),
    kind: r.kind as PpSubscriptionIncidentTrigger,
    ticket_id: r.ticket_id ?? null,
    ticket_number: r.ticket_number ?? null,
    open: Boolean(r.open),
    detail: String(r.detail),
    last_error: r.last_error ?? null,
    created_at: iso(r.created_at)!,
    closed_at: iso(r.closed_at),
  };
}

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(String((error as Error)?.message ?? error));

const dayMinus = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateSubscriptions(db);
    }
    return new DatabaseIncidentStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async claim(input: {
    id: string;
    subscription_id: string;
    kind: PpSubscriptionIncidentTrigger;
    detail: string;
    now: Date;
  }): Promise<IncidentRow | undefined> {
    const row = {
      id: input.id,
      subscription_id: input.subscription_id,
      kind: input.kind,
      ticket_id: null,
      ticket_number: null,
      open: true,
      detail: input.detail,
      last_error: null,
      created_at: input.now,
      closed_at: null,
    };
    try {
      await this.db('pp_subscription_incidents').insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    return toRow(row);
  }

  async setTicket(id: string, ticket: { id: string; number: string | null }) {
    await this.db('pp_subscription_incidents').where({ id }).update({
      ticket_id: ticket.id,
      ticket_number: ticket.number,
      last_error: null,
    });
  }

  async setError(id: string, error: string) {
    await this.db('pp_subscription_incidents')
      .where({ id })
      .update({ last_error: error.slice(0, 2000) });
  }

  async close(id: string, now: Date) {
    await this.db('pp_subscription_incidents')
      .where({ id, open: true })
      .update({ open: false, closed_at: now });
  }

  async listOpen(): Promise<IncidentRow[]> {
    const rows = await this.db('pp_subscription_incidents')
      .where({ open: true })
      .orderBy('created_at');
    return rows.map(toRow);
  }

  async latestByTrigger(
    subscriptionIds: string[],
    kind: PpSubscriptionIncidentTrigger,
  ): Promise<Map<string, IncidentRow>> {
    const out = new Map<string, IncidentRow>();
    for (let i = 0; i < subscriptionIds.length; i += 500) {
      const rows = await this.db('pp_subscription_incidents')
        .whereIn('subscription_id', subscriptionIds.slice(i, i + 500))
        .where({ kind })
        .orderBy('created_at', 'asc');
      for (const r of rows) out.set(String(r.subscription_id), toRow(r));
    }
    return out;
  }

  async listFor(subscriptionId: string, limit: number) {
    const rows = await this.db('pp_subscription_incidents')
      .where({ subscription_id: subscriptionId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toRow);
  }

  async lowScoreCandidates(options: {
    latestDay: string;
    days: number;
    below: number;
  }) {
    const first = dayMinus(options.latestDay, options.days - 1);
    // every day of the window scored and below: one grouped scan of the window's rows
    const ids = this.db('pp_subscription_scores')
      .where('day', '>=', first)
      .where('day', '<=', options.latestDay)
      .where('score', '<', options.below)
      .groupBy('subscription_id')
      .havingRaw('count(*) = ?', [options.days])
      .select('subscription_id');
    const rows = await this.db('pp_subscription_scores')
      .whereIn('subscription_id', ids)
      .where('day', '>=', first)
      .where('day', '<=', options.latestDay)
      .orderBy([
        { column: 'subscription_id' },
        { column: 'day', order: 'desc' },
      ])
      .select('subscription_id', 'day', 'score');
    const out = new Map<string, Array<{ day: string; score: number }>>();
    for (const r of rows) {
      const id = String(r.subscription_id);
      if (!out.has(id)) out.set(id, []);
      out.get(id)!.push({ day: String(r.day), score: Number(r.score) });
    }
    return out;
  }

  async latestScoredDay(): Promise<string | undefined> {
    const row = await this.db('pp_subscription_scores')
      .max('day as day')
      .first();
    return row?.day ? String(row.day) : undefined;
  }

  async getMark(name: string) {
    const row = await this.db('pp_subscription_monitor_marks')
      .where({ name })
      .first('value');
    return row ? String(row.value) : undefined;
  }

  async setMark(name: string, value: string) {
    await this.db('pp_subscription_monitor_marks')
      .insert({ name, value })
      .onConflict('name')
      .merge();
  }
}
