import { Knex } from 'knex';
import { boundText } from './bounds';
import { ppClampLimit } from '../paging/paging';

/** The principal audit records name when nobody was identified. @public */
export const PP_ANONYMOUS_PRINCIPAL = 'anonymous';

/** One counter row of `pp_audit_anonymous_denials`. @public */
export interface PpAnonymousDenialCount {
  /** The minute, `YYYY-MM-DDTHH:MMZ`. */
  bucket: string;
  action: string;
  reason: string;
  path_prefix: string;
  count: number;
  first_at: string;
  last_at: string;
}

/** Distinct (action, reason, path prefix) keys one process counts per minute before folding. */
const DEFAULT_MAX_KEYS_PER_MINUTE = 100;
/** The key everything beyond the per-minute limit is counted under. */
const OVERFLOW = '(other)';

interface Pending {
  bucket: string;
  action: string;
  reason: string;
  path_prefix: string;
  count: number;
  first_at: string;
  last_at: string;
}

/**
 * `/api/pp-users/users/3f2a…/roles?x` → `/api/pp-users/users/:id`: the first three path segments,
 * ids folded, so the key says where the flood went without letting it choose unbounded keys.
 */
export function denialPathPrefix(resource: string | null | undefined): string {
  const path = (resource ?? '').split('?')[0];
  if (!path.startsWith('/')) return boundText(path, 64) ?? '';
  const segments = path
    .split('/')
    .filter(Boolean)
    .slice(0, 3)
    .map(s =>
      /^\d+$/.test(s) || /^[0-9a-f-]{16,}$/i.test(s) || s.length > 40
        ? ':id'
        : s,
    );
  return boundText(`/${segments.join('/')}`, 128) ?? '/';
}

function minuteOf(iso: string): string {
  return `${iso.slice(0, 16)}Z`;
}

/**
 * Counts requests refused before anybody was identified (no token, a bad token, an unknown or
 * inactive principal) per minute × action × reason × path prefix, instead of appending a chained
 * audit row each: a flood of N requests adds at most a bounded number of rows per minute and never
 * takes the audit chain's lock. Increments arriving while a write is in flight are merged into
 * the next write (one write in flight per process), so a flood also costs few database writes.
 */
export class AnonymousDenialCounter {
  private open:
    | { counters: Map<string, Pending>; done: Promise<void> }
    | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Keys seen per minute by this process, to fold a flood of distinct keys into one. */
  private keysSeen = { bucket: '', keys: new Set<string>() };

  constructor(
    private readonly db: Knex,
    private readonly clock: () => Date,
    private readonly maxKeysPerMinute = DEFAULT_MAX_KEYS_PER_MINUTE,
  ) {}

  /** Counts one denial; resolves once the count is in the database. */
  count(entry: {
    action: string;
    reason?: string | null;
    resource?: string | null;
  }): Promise<void> {
    const at = this.clock().toISOString();
    const bucket = minuteOf(at);
    let action = boundText(entry.action, 256) ?? '';
    let reason = boundText(entry.reason ?? '', 256) ?? '';
    let pathPrefix = denialPathPrefix(entry.resource);
    let key = JSON.stringify([bucket, action, reason, pathPrefix]);

    if (this.keysSeen.bucket !== bucket) {
      this.keysSeen = { bucket, keys: new Set() };
    }
    if (!this.keysSeen.keys.has(key)) {
      if (this.keysSeen.keys.size >= this.maxKeysPerMinute) {
        action = OVERFLOW;
        reason = OVERFLOW;
        pathPrefix = OVERFLOW;
        key = JSON.stringify([bucket, action, reason, pathPrefix]);
      } else {
        this.keysSeen.keys.add(key);
      }
    }

    if (!this.open) {
      const batch = {
        counters: new Map<string, Pending>(),
        done: Promise.resolve(),
      };
      batch.done = this.writing.then(() => {
        // From here on new denials go to the next batch.
        if (this.open === batch) this.open = undefined;
        return this.write([...batch.counters.values()]);
      });
      this.writing = batch.done.catch(() => {});
      this.open = batch;
    }
    const counters = this.open.counters;
    const pending = counters.get(key);
    if (pending) {
      pending.count += 1;
      pending.last_at = at;
    } else {
      counters.set(key, {
        bucket,
        action,
        reason,
        path_prefix: pathPrefix,
        count: 1,
        first_at: at,
        last_at: at,
      });
    }
    return this.open.done;
  }

  private async write(rows: Pending[]): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction(async tx => {
      for (const row of rows) {
        await tx('pp_audit_anonymous_denials')
          .insert(row)
          .onConflict(['bucket', 'action', 'reason', 'path_prefix'])
          .merge({
            count: tx.raw('pp_audit_anonymous_denials.count + ?', [row.count]),
            last_at: row.last_at,
          });
      }
    });
  }

  /** The counters, newest minute first. */
  async list(
    query: { since?: Date; limit?: number } = {},
  ): Promise<PpAnonymousDenialCount[]> {
    const limit = ppClampLimit(query.limit, { fallback: 100, max: 1000 });
    const q = this.db('pp_audit_anonymous_denials')
      .orderBy([
        { column: 'bucket', order: 'desc' },
        { column: 'count', order: 'desc' },
      ])
      .limit(limit);
    if (query.since)
      q.where('bucket', '>=', minuteOf(query.since.toISOString()));
    return (await q).map(row => ({
      bucket: row.bucket,
      action: row.action,
      reason: row.reason,
      path_prefix: row.path_prefix,
      count: Number(row.count),
      first_at: row.first_at,
      last_at: row.last_at,
    }));
  }
}
