import {
  PpAuditOutcome,
  PpAuditRecord,
  PpAuditVerification,
} from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/util';
import { AUDIT_GENESIS_HASH, auditHash, AuditHashInput } from './auditHash';

/** What a caller records; the store adds time and the chain. @public */
export interface PpAuditEntry {
  principal: string;
  action: string;
  resource?: string | null;
  outcome: PpAuditOutcome;
  reason?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
}

// Any constant: serialises appends on PostgreSQL so two writers never link to the same row.
const AUDIT_LOCK_KEY = 7_305_001;

function hashInput(row: Record<string, any>): AuditHashInput {
  return {
    principal: row.principal,
    action: row.action,
    resource: row.resource ?? null,
    outcome: row.outcome,
    reason: row.reason ?? null,
    request_id: row.request_id ?? null,
    details: row.details ?? null,
    created_at: row.created_at,
  };
}

function recordFromRow(row: Record<string, any>): PpAuditRecord {
  const content = hashInput(row);
  return {
    ...content,
    id: Number(row.id),
    outcome: content.outcome as PpAuditOutcome,
    details: content.details ? JSON.parse(content.details) : null,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The append-only, hash-chained `pp_audit_logs` and the `pp_permission_checks` decision log.
 *
 * @public
 */
export class DatabaseAuditStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async append(entry: PpAuditEntry): Promise<PpAuditRecord> {
    return this.db.transaction(async tx => {
      if (isPostgres(tx)) {
        await tx.raw('select pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]);
      }
      const last = await tx('pp_audit_logs')
        .orderBy('id', 'desc')
        .first('hash');
      const row = {
        principal: entry.principal,
        action: entry.action,
        resource: entry.resource ?? null,
        outcome: entry.outcome,
        reason: entry.reason ?? null,
        request_id: entry.requestId ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
        created_at: this.clock().toISOString(),
      };
      const prev_hash = last?.hash ?? AUDIT_GENESIS_HASH;
      const hash = auditHash(prev_hash, row);
      const [inserted] = await tx('pp_audit_logs')
        .insert({ ...row, prev_hash, hash })
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      return recordFromRow({ ...row, id, prev_hash, hash });
    });
  }

  async list(query: {
    limit?: number;
    beforeId?: number;
  }): Promise<PpAuditRecord[]> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const q = this.db('pp_audit_logs').orderBy('id', 'desc').limit(limit);
    if (query.beforeId) q.where('id', '<', query.beforeId);
    return (await q).map(recordFromRow);
  }

  /** Walks the chain in order; names the first row whose link or content hash is wrong. */
  async verify(batchSize = 1000): Promise<PpAuditVerification> {
    let prev = AUDIT_GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const rows = await this.db('pp_audit_logs')
        .where('id', '>', lastId)
        .orderBy('id', 'asc')
        .limit(batchSize);
      if (!rows.length) break;
      for (const row of rows) {
        checked += 1;
        if (
          row.prev_hash !== prev ||
          auditHash(prev, hashInput(row)) !== row.hash
        ) {
          return { ok: false, checked, first_broken_id: Number(row.id) };
        }
        prev = row.hash;
        lastId = Number(row.id);
      }
    }
    return { ok: true, checked, first_broken_id: null };
  }

  async recordPermissionChecks(
    rows: Array<{
      principal: string;
      permission: string;
      allowed: boolean;
      checkedAt: Date;
    }>,
  ): Promise<void> {
    if (!rows.length) return;
    await this.db.batchInsert(
      'pp_permission_checks',
      rows.map(r => ({
        principal: r.principal,
        permission: r.permission,
        allowed: r.allowed,
        checked_at: r.checkedAt,
      })),
      200,
    );
  }
}
