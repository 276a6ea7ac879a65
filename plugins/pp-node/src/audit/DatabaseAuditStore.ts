import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpAuditCheckpoint,
  PpAuditOutcome,
  PpAuditRecord,
  PpAuditVerification,
} from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import { isPostgres } from '../database/util';
import {
  AnonymousDenialCounter,
  PP_ANONYMOUS_PRINCIPAL,
  PpAnonymousDenialCount,
} from './anonymousDenials';
import {
  AUDIT_GENESIS_HASH,
  AUDIT_HASH_HMAC,
  AUDIT_HASH_LEGACY,
  auditCheckpointHmac,
  AuditHashInput,
  auditHmac,
  auditRowHash,
} from './auditHash';
import { AUDIT_FIELD_LIMITS, boundText } from './bounds';
import { ppClampLimit } from '../paging/paging';

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

/** @public */
export interface DatabaseAuditStoreOptions {
  /** The HMAC key of the chain and its checkpoints (`readAuditSecret`). */
  secret: string;
  clock?: () => Date;
  logger?: LoggerService;
  /** A checkpoint of the chain head after this many appends (default 100). */
  checkpointEvery?: number;
  /**
   * Also checkpoint the head on a timer when it moved, every this many ms (0: no timer, the
   * default; the identity service runs it every 60 s). Stop it with `close()`.
   */
  checkpointIntervalMs?: number;
}

// Any constant: serialises appends on PostgreSQL so two writers never link to the same row.
const AUDIT_LOCK_KEY = 7_305_001;
const DEFAULT_CHECKPOINT_EVERY = 100;

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

function checkpointFromRow(row: Record<string, any>): PpAuditCheckpoint {
  return {
    id: Number(row.id),
    head_id: Number(row.head_id),
    head_hash: row.head_hash,
    row_count: Number(row.row_count),
    created_at: row.created_at,
  };
}

/**
 * The append-only, HMAC-chained `pp_audit_logs`, its signed checkpoints, the counters of
 * anonymous denials and the `pp_permission_checks` decision log.
 *
 * Every row's `hash` is HMAC-SHA256 (keyed with `pp.audit.secret`) over the previous row's hash
 * and the row's content, so changing, inserting or deleting a row breaks every later link and
 * nobody without the key can recompute the chain. Every `checkpointEvery` appends, and on a timer
 * when the head moved, a checkpoint signs (head id, head hash, row count): deleting the newest rows
 * leaves a checkpoint that names rows the chain no longer has, which `verify` reports.
 *
 * @public
 */
export class DatabaseAuditStore {
  private readonly secret: string;
  private readonly clock: () => Date;
  private readonly logger?: LoggerService;
  private readonly checkpointEvery: number;
  private readonly anonymous: AnonymousDenialCounter;
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly db: Knex, options: DatabaseAuditStoreOptions) {
    if (!options?.secret) {
      throw new Error('DatabaseAuditStore needs the audit secret');
    }
    this.secret = options.secret;
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger;
    this.checkpointEvery = Math.max(
      1,
      options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    );
    this.anonymous = new AnonymousDenialCounter(db, this.clock);
    if (options.checkpointIntervalMs && options.checkpointIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.checkpoint().catch(error =>
          this.logger?.error('Audit checkpoint failed', error as Error),
        );
      }, options.checkpointIntervalMs);
      this.timer.unref?.();
    }
  }

  /** Stops the checkpoint timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Records an event: a denial of an unidentified caller is counted (`anonymousDenials`), every
   * other event is appended to the chain.
   */
  async record(entry: PpAuditEntry): Promise<void> {
    if (
      entry.principal === PP_ANONYMOUS_PRINCIPAL &&
      entry.outcome === 'denied'
    ) {
      await this.anonymous.count(entry);
      return;
    }
    await this.append(entry);
  }

  /** The per-minute counters of anonymous denials, newest first. */
  async anonymousDenials(
    query: { since?: Date; limit?: number } = {},
  ): Promise<PpAnonymousDenialCount[]> {
    return this.anonymous.list(query);
  }

  private async lock(tx: Knex.Transaction) {
    if (isPostgres(tx)) {
      await tx.raw('select pg_advisory_xact_lock(?)', [AUDIT_LOCK_KEY]);
    }
  }

  async append(entry: PpAuditEntry): Promise<PpAuditRecord> {
    const row = {
      principal: boundText(entry.principal, AUDIT_FIELD_LIMITS.principal) ?? '',
      action: boundText(entry.action, AUDIT_FIELD_LIMITS.action) ?? '',
      resource: boundText(entry.resource, AUDIT_FIELD_LIMITS.resource),
      outcome: entry.outcome,
      reason: boundText(entry.reason, AUDIT_FIELD_LIMITS.reason),
      request_id: boundText(entry.requestId, AUDIT_FIELD_LIMITS.request_id),
      details: entry.details ? JSON.stringify(entry.details) : null,
      created_at: this.clock().toISOString(),
    };
    const { record, checkpoint } = await this.db.transaction(async tx => {
      await this.lock(tx);
      const last = await tx('pp_audit_logs')
        .orderBy('id', 'desc')
        .first('hash');
      const prev_hash = last?.hash ?? AUDIT_GENESIS_HASH;
      const hash = auditHmac(this.secret, prev_hash, row);
      const [inserted] = await tx('pp_audit_logs')
        .insert({ ...row, prev_hash, hash, hash_version: AUDIT_HASH_HMAC })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      const lastCheckpoint = await this.lastCheckpoint(tx);
      const written =
        id - (lastCheckpoint?.head_id ?? 0) >= this.checkpointEvery
          ? await this.writeCheckpoint(tx, { id, hash }, lastCheckpoint)
          : undefined;
      return {
        record: recordFromRow({ ...row, id, prev_hash, hash }),
        checkpoint: written,
      };
    });
    if (checkpoint) this.logCheckpoint(checkpoint);
    return record;
  }

  /**
   * Signs the current chain head, unless the newest checkpoint already covers it. Runs on the
   * timer; callable any time (e.g. before a backup).
   */
  async checkpoint(): Promise<PpAuditCheckpoint | undefined> {
    const written = await this.db.transaction(async tx => {
      await this.lock(tx);
      const head = await tx('pp_audit_logs')
        .orderBy('id', 'desc')
        .first('id', 'hash');
      if (!head) return undefined;
      const lastCheckpoint = await this.lastCheckpoint(tx);
      if (lastCheckpoint && lastCheckpoint.head_id >= Number(head.id)) {
        return undefined;
      }
      return this.writeCheckpoint(
        tx,
        { id: Number(head.id), hash: head.hash },
        lastCheckpoint,
      );
    });
    if (written) this.logCheckpoint(written);
    return written;
  }

  /** The newest checkpoint or the migration boundary: where counting rows can start. */
  private async lastCheckpoint(
    tx: Knex.Transaction,
  ): Promise<PpAuditCheckpoint | undefined> {
    const row = await tx('pp_audit_checkpoints')
      .orderBy('head_id', 'desc')
      .orderBy('id', 'desc')
      .first();
    return row ? checkpointFromRow(row) : undefined;
  }

  private async writeCheckpoint(
    tx: Knex.Transaction,
    head: { id: number; hash: string },
    previous: PpAuditCheckpoint | undefined,
  ): Promise<PpAuditCheckpoint> {
    const from = previous?.head_id ?? 0;
    const [{ count }] = await tx('pp_audit_logs')
      .where('id', '>', from)
      .andWhere('id', '<=', head.id)
      .count({ count: '*' });
    const content = {
      head_id: head.id,
      head_hash: head.hash,
      row_count: (previous?.row_count ?? 0) + Number(count),
      created_at: this.clock().toISOString(),
    };
    const [inserted] = await tx('pp_audit_checkpoints')
      .insert({
        kind: 'checkpoint',
        ...content,
        hmac: auditCheckpointHmac(this.secret, content),
      })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    return { id, ...content };
  }

  private logCheckpoint(checkpoint: PpAuditCheckpoint) {
    // The log pipeline keeps a copy outside the database: the last line it holds tells how far the
    // chain went even if someone deletes rows and checkpoints together.
    this.logger?.info(
      `Audit checkpoint ${checkpoint.id}: head ${checkpoint.head_id} hash ${checkpoint.head_hash} rows ${checkpoint.row_count}`,
      {
        auditCheckpoint: checkpoint.id,
        headId: checkpoint.head_id,
        headHash: checkpoint.head_hash,
        rowCount: checkpoint.row_count,
      },
    );
  }

  async list(query: {
    limit?: number;
    beforeId?: number;
  }): Promise<PpAuditRecord[]> {
    const limit = ppClampLimit(query.limit, { fallback: 50, max: 500 });
    const q = this.db('pp_audit_logs').orderBy('id', 'desc').limit(limit);
    if (query.beforeId) q.where('id', '<', query.beforeId);
    return (await q).map(recordFromRow);
  }

  /**
   * Walks the chain in order and names the first row whose link or hash is wrong; checks every
   * checkpoint's HMAC and that the chain has the row, hash and row count it vouches for; and
   * reports a missing tail when a checkpoint names rows beyond the chain's end.
   */
  async verify(batchSize = 1000): Promise<PpAuditVerification> {
    const cpRows = await this.db('pp_audit_checkpoints')
      .orderBy('head_id', 'asc')
      .orderBy('id', 'asc');
    const legacyBoundary = cpRows.find(r => r.kind === 'legacy');
    const legacyMaxId = legacyBoundary ? Number(legacyBoundary.head_id) : 0;
    const checkpoints: PpAuditCheckpoint[] = [];
    let brokenCheckpoint: PpAuditCheckpoint | undefined;
    for (const row of cpRows) {
      if (row.kind !== 'checkpoint') continue;
      const cp = checkpointFromRow(row);
      if (
        !brokenCheckpoint &&
        auditCheckpointHmac(this.secret, cp) !== row.hmac
      ) {
        brokenCheckpoint = cp;
      }
      checkpoints.push(cp);
    }

    let prev = AUDIT_GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    let legacyRows = 0;
    let seenHmac = false;
    let next = 0; // the next checkpoint to meet on the walk
    let latest: PpAuditCheckpoint | null = null;
    const result = (
      ok: boolean,
      fields: Partial<PpAuditVerification>,
    ): PpAuditVerification => ({
      ok,
      checked,
      first_broken_id: null,
      head_id: lastId || null,
      problem: null,
      checkpoints: {
        checked: next,
        latest,
        first_broken_id: brokenCheckpoint?.id ?? null,
      },
      missing_tail: null,
      legacy_rows: legacyRows,
      ...fields,
    });
    if (brokenCheckpoint) {
      return result(false, {
        head_id: null,
        problem: `Checkpoint ${brokenCheckpoint.id} does not carry a valid HMAC: it was forged or altered, or the audit secret changed`,
      });
    }

    for (;;) {
      const rows = await this.db('pp_audit_logs')
        .where('id', '>', lastId)
        .orderBy('id', 'asc')
        .limit(batchSize);
      if (!rows.length) break;
      for (const row of rows) {
        const id = Number(row.id);
        // A checkpoint whose head row was skipped over: that row is gone (or never was).
        if (next < checkpoints.length && checkpoints[next].head_id < id) {
          const cp = checkpoints[next];
          return result(false, {
            first_broken_id: id,
            head_id: null,
            checkpoints: {
              checked: next,
              latest,
              first_broken_id: cp.id,
            },
            problem: `Checkpoint ${cp.id} names row ${cp.head_id}, which is not in the chain`,
          });
        }
        checked += 1;
        const version = Number(row.hash_version ?? AUDIT_HASH_LEGACY);
        let problem: string | undefined;
        if (version === AUDIT_HASH_LEGACY) {
          legacyRows += 1;
          if (seenHmac || id > legacyMaxId) {
            problem = `Row ${id} uses the unkeyed hash although it was written after the HMAC migration`;
          }
        } else {
          seenHmac = true;
        }
        if (!problem && row.prev_hash !== prev) {
          problem = `Row ${id} does not link to the row before it (a row was deleted, inserted or changed)`;
        }
        if (
          !problem &&
          auditRowHash(version, this.secret, prev, hashInput(row)) !== row.hash
        ) {
          problem = `Row ${id} does not match its hash (its content was changed)`;
        }
        if (problem) {
          return result(false, {
            first_broken_id: id,
            head_id: null,
            problem,
          });
        }
        prev = row.hash;
        lastId = id;
        while (next < checkpoints.length && checkpoints[next].head_id === id) {
          const cp = checkpoints[next];
          if (cp.head_hash !== row.hash || cp.row_count !== checked) {
            return result(false, {
              first_broken_id: id,
              head_id: null,
              checkpoints: { checked: next, latest, first_broken_id: cp.id },
              problem: `Checkpoint ${cp.id} vouches for ${cp.row_count} rows up to row ${cp.head_id}; the chain has ${checked} with another hash`,
            });
          }
          latest = cp;
          next += 1;
        }
      }
    }

    if (next < checkpoints.length) {
      const cp = checkpoints[checkpoints.length - 1];
      return result(false, {
        missing_tail: {
          checkpoint: cp,
          last_present_id: lastId || null,
          missing_rows: cp.row_count - checked,
        },
        problem: `The chain ends at row ${
          lastId || 'none'
        } (${checked} rows) but checkpoint ${cp.id} of ${
          cp.created_at
        } vouches for ${cp.row_count} rows up to row ${cp.head_id}: ${
          cp.row_count - checked
        } of the newest rows are missing`,
      });
    }
    return result(true, {});
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
