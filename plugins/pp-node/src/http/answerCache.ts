import type { Config } from '@backstage/config';
import { gzipSync } from 'node:zlib';
import type { PpPrincipal } from '../identity/PpIdentityService';

/** Default budget of the answer cache, shared by every PP plugin of an instance. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** No one answer may take more than this share of the budget (a huge page would evict the rest). */
const MAX_SHARE = 8;
/** Smaller answers are sent as they are (compression's own threshold). */
const GZIP_FROM_BYTES = 1024;

interface KeptAnswer {
  body: Buffer;
  /** The body gzipped, made the first time a caller that accepts gzip is given it. */
  gzip?: Buffer;
}

/** A kept answer as it is sent: its bytes and their `Content-Encoding`, if any. @internal */
export interface PpKeptAnswer {
  bytes: Buffer;
  encoding?: 'gzip';
}

const size = (a: KeptAnswer) => a.body.length + (a.gzip?.length ?? 0);

/**
 * The serialized bodies of versioned reads (`PpCommand.version`), by their strong ETag and the
 * caller's roles and status: the answer a 304 would stand for, kept for callers that do not hold
 * it yet (another browser tab, another agent's poller with the same view, a reload). An entry is
 * exactly as fresh as a 304 with the same tag: the ETag names the change mark, the caller and the
 * input, and the command's output depends on nothing else (the `version` contract). The roles and
 * status are in the key on top of the tag, so a caller whose roles changed never gets a body made
 * for their old roles. Least recently used entries go first; bodies are held as bytes, so the
 * budget is what the memory holds. Callers that accept gzip get the body gzipped once, kept beside
 * it: the bytes on the wire shrink about sevenfold and no answer is compressed twice.
 */
class AnswerCache {
  private readonly entries = new Map<string, KeptAnswer>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private maxBytes: number) {}

  configure(maxBytes: number) {
    this.maxBytes = Math.max(0, Math.floor(maxBytes));
    this.evict(0);
  }

  get(key: string, gzip: boolean): PpKeptAnswer | undefined {
    const kept = this.entries.get(key);
    if (kept === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // the most recently used last
    this.entries.delete(key);
    if (!gzip || kept.body.length < GZIP_FROM_BYTES) {
      this.entries.set(key, kept);
      return { bytes: kept.body };
    }
    if (!kept.gzip) {
      kept.gzip = gzipSync(kept.body);
      this.bytes += kept.gzip.length;
      this.evict(0);
    }
    this.entries.set(key, kept);
    return { bytes: kept.gzip, encoding: 'gzip' };
  }

  set(key: string, body: Buffer) {
    if (body.length > this.maxBytes / MAX_SHARE) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= size(old);
    }
    this.evict(body.length);
    this.entries.set(key, { body });
    this.bytes += body.length;
  }

  /** Oldest first, until `room` more bytes fit (the newest entry is kept if it alone fits). */
  private evict(room: number) {
    for (const [key, kept] of this.entries) {
      if (this.bytes + room <= this.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= size(kept);
    }
  }

  stats() {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
  }
}

const answers = new AnswerCache(DEFAULT_MAX_BYTES);

/** Scopes get ids of their own, so no two routes (or two test apps in a process) share a key. */
let scopes = 0;

/**
 * The kept answers of one route (one `ppRoute` handler): a command's ETag names its validator,
 * the caller and the input, not the command, and two routes may share a validator (a family's
 * change mark) and an input shape, so each route keeps its answers under keys of its own. The
 * budget is shared by all of them.
 *
 * @internal
 */
export interface PpAnswerScope {
  /**
   * The body kept for this versioned read, gzipped when the caller accepts it, or undefined. A
   * request with `Cache-Control: no-cache` asks for a fresh answer and gets one (the caller does
   * not look here for it).
   */
  get(
    etag: string,
    principal: PpPrincipal,
    opts?: { gzip?: boolean },
  ): PpKeptAnswer | undefined;
  /** Keeps the serialized body of a versioned read under its ETag and the caller's view. */
  keep(etag: string, principal: PpPrincipal, body: Buffer): void;
}

/** A scope of kept answers for one route. @internal */
export function ppAnswerScope(): PpAnswerScope {
  scopes += 1;
  const scope = `s${scopes}`;
  const keyOf = (etag: string, principal: PpPrincipal) =>
    `${scope}\n${etag}\n${principal.status}\n${[...principal.roles]
      .sort()
      .join(',')}`;
  return {
    get: (etag, principal, opts = {}) =>
      answers.get(keyOf(etag, principal), Boolean(opts.gzip)),
    keep: (etag, principal, body) => answers.set(keyOf(etag, principal), body),
  };
}

/**
 * Sets the budget of this instance's answer cache from `pp.api.answerCache.maxMegabytes`
 * (default 32; 0 turns it off). Called once by the root HTTP router, which mounts `/pp/v1`.
 *
 * @public
 */
export function ppConfigureAnswerCache(config: Config) {
  const megabytes = config.getOptionalNumber('pp.api.answerCache.maxMegabytes');
  if (megabytes !== undefined && !(megabytes >= 0)) {
    throw new Error(
      `pp.api.answerCache.maxMegabytes must be 0 or more, got ${megabytes}`,
    );
  }
  answers.configure(
    megabytes === undefined ? DEFAULT_MAX_BYTES : megabytes * 1024 * 1024,
  );
}

/** What the answer cache holds and how it served (tests, benches). @public */
export function ppAnswerCacheStats() {
  return answers.stats();
}

/** Empties the answer cache and its counters (tests). @internal */
export function ppClearAnswerCache() {
  answers.clear();
}
