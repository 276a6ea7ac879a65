import { Knex } from 'knex';
import { toIso } from '@internal/plugin-pp-node';
import type { CpRunExportFilter } from './CustomerPortalStore';
import { migrateSubscriptions } from './DatabaseSubscriptionStore';
import {
  ExportFormat,
  ExportOutcome,
  ExportRow,
  ExportStatus,
  ExportStore,
  NewExport,
} from './ExportStore';

const TABLE = 'pp_subscription_exports';

const date = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

function parseFilters(value: unknown): CpRunExportFilter {
  if (value && typeof value === 'object') return value as CpRunExportFilter;
  try {
    return JSON.parse(String(value ?? '{}'));
  } catch {
    return {};
  }
}

function toRow(r: any): ExportRow {
  const num = (v: unknown) =>
    v === null || v === undefined ? null : Number(v);
  return {
    id: String(r.id),
    subscription_id: String(r.subscription_id),
    format: r.format as ExportFormat,
    filters: parseFilters(r.filters),
    reason: String(r.reason),
    status: r.status as ExportStatus,
    rows_total: num(r.rows_total),
    rows_written: Number(r.rows_written ?? 0),
    size_bytes: num(r.size_bytes),
    storage_key: r.storage_key ?? null,
    file_name: r.file_name ?? null,
    error: r.error ?? null,
    requested_by: String(r.requested_by),
    requested_by_name: r.requested_by_name ?? null,
    attempts: Number(r.attempts ?? 0),
    created_at: date(r.created_at)!,
    started_at: date(r.started_at),
    finished_at: date(r.finished_at),
    expires_at: date(r.expires_at),
    lease_owner: r.lease_owner ?? null,
    lease_until: date(r.lease_until),
  };
}

/** The exports of `pp_subscription_exports` on knex (SQLite and PostgreSQL). */
export class DatabaseExportStore implements ExportStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseExportStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateSubscriptions(db);
    }
    return new DatabaseExportStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async createExport(row: NewExport): Promise<ExportRow> {
    await this.db(TABLE).insert({
      ...row,
      filters: JSON.stringify(row.filters),
      status: 'queued',
      rows_written: 0,
      attempts: 0,
    });
    return (await this.getExport(row.id))!;
  }

  async getExport(id: string): Promise<ExportRow | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row ? toRow(row) : undefined;
  }

  async listExports(
    subscriptionId: string,
    opts: { requestedBy?: string; limit: number },
  ): Promise<ExportRow[]> {
    const q = this.db(TABLE)
      .where({ subscription_id: subscriptionId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(opts.limit);
    if (opts.requestedBy) q.where({ requested_by: opts.requestedBy });
    return (await q).map(toRow);
  }

  /** Queued (and not held), or running with its lease run out. */
  private claimable(q: Knex.QueryBuilder, now: Date) {
    return q.where(w =>
      w
        .where(w2 =>
          w2
            .where('status', 'queued')
            .where(w3 =>
              w3.whereNull('lease_until').orWhere('lease_until', '<', now),
            ),
        )
        .orWhere(w2 =>
          w2.where('status', 'running').where('lease_until', '<', now),
        ),
    );
  }

  async claimExport(opts: {
    id?: string;
    owner: string;
    now: Date;
    leaseUntil: Date;
  }): Promise<ExportRow | undefined> {
    const candidates = opts.id
      ? [opts.id]
      : (
          await this.claimable(this.db(TABLE), opts.now)
            .orderBy('created_at', 'asc')
            .limit(5)
            .select('id')
        ).map((r: any) => String(r.id));
    for (const id of candidates) {
      // the condition is checked again in the update: of two workers, one wins
      const taken = await this.claimable(
        this.db(TABLE).where({ id }),
        opts.now,
      ).update({
        attempts: this.db.raw('attempts + 1'),
        status: 'running',
        lease_owner: opts.owner,
        lease_until: opts.leaseUntil,
        started_at: opts.now,
        rows_written: 0,
        error: null,
      });
      if (taken) return this.getExport(id);
    }
    return undefined;
  }

  async reportProgress(
    id: string,
    owner: string,
    progress: { rows_written: number; rows_total?: number },
    leaseUntil: Date,
  ): Promise<boolean> {
    const n = await this.db(TABLE)
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ ...progress, lease_until: leaseUntil });
    return n > 0;
  }

  async finishExport(
    id: string,
    owner: string,
    outcome: ExportOutcome,
  ): Promise<boolean> {
    const n = await this.db(TABLE)
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ ...outcome, lease_owner: null, lease_until: null });
    return n > 0;
  }

  async releaseExport(id: string, owner: string): Promise<void> {
    await this.db(TABLE)
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ status: 'queued', lease_owner: null, lease_until: null });
  }

  async dueForExpiry(now: Date, limit: number): Promise<ExportRow[]> {
    const rows = await this.db(TABLE)
      .where('status', 'succeeded')
      .where('expires_at', '<=', now)
      .orderBy('expires_at', 'asc')
      .limit(limit);
    return rows.map(toRow);
  }

  async markExpired(id: string, now: Date): Promise<boolean> {
    const n = await this.db(TABLE)
      .where({ id, status: 'succeeded' })
      .where('expires_at', '<=', now)
      .update({ status: 'expired', storage_key: null });
    return n > 0;
  }
}
