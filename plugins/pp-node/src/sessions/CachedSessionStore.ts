import { PpLocalCache } from '../identity/localCache';
import { PpSession, PpSessionStore } from './types';

/**
 * A shared session store (Redis) with the answer of `get` — the check every PP request makes —
 * kept in the process for a few seconds, so a polling client does not pay a Redis round trip per
 * request. Only live sessions are kept, never longer than the session itself.
 *
 * Ending sessions stays immediate where it matters:
 * - on this instance, `end`, `endAll` and a `start` that ends the oldest sessions drop the user's
 *   cached sessions before they return;
 * - on the other instances, `onEnded(userId)` (the identity service's Redis channel) has them drop
 *   theirs; a lost message is bounded by the cache's TTL (5 s), and while the channel is down
 *   (`live()` false) nothing is cached or answered from the cache, so every check goes to Redis.
 *
 * @public
 */
export class CachedSessionStore implements PpSessionStore {
  constructor(
    private readonly inner: PpSessionStore,
    private readonly options: {
      cache: PpLocalCache<PpSession>;
      /** Tells the other instances (and this one) that sessions of the user ended. */
      onEnded(userId: string): Promise<void>;
      /** Whether invalidations from other instances arrive (their channel is connected). */
      live(): boolean;
    },
  ) {}

  private key(userId: string, sessionId: string) {
    return `${userId}\u0000${sessionId}`;
  }

  private async ended(userId: string) {
    this.options.cache.invalidate(userId);
    await this.options.onEnded(userId);
  }

  async get(userId: string, sessionId: string) {
    const { cache, live } = this.options;
    if (!live()) return this.inner.get(userId, sessionId);
    const key = this.key(userId, sessionId);
    // the cache's clock is the sessions' clock: an entry never outlives its session
    const cached = cache.get(key);
    if (cached) return cached;
    const ticket = cache.ticket();
    const session = await this.inner.get(userId, sessionId);
    if (session && live()) {
      cache.set(key, userId, session, { ticket, until: session.expiresAt });
    }
    return session;
  }

  async start(userId: string, sessionId: string) {
    const result = await this.inner.start(userId, sessionId);
    if (result.ended.length) await this.ended(userId);
    return result;
  }

  extend(userId: string, sessionId: string) {
    return this.inner.extend(userId, sessionId);
  }

  async end(userId: string, sessionId: string) {
    const ended = await this.ending(userId, () =>
      this.inner.end(userId, sessionId),
    );
    await this.ended(userId);
    return ended;
  }

  async endAll(userId: string) {
    const ended = await this.ending(userId, () => this.inner.endAll(userId));
    await this.ended(userId);
    return ended;
  }

  /** A failed end may still have ended something: this instance re-reads the store. */
  private async ending<T>(userId: string, end: () => Promise<T>): Promise<T> {
    try {
      return await end();
    } catch (error) {
      this.options.cache.invalidate(userId);
      throw error;
    }
  }

  list(userId: string) {
    return this.inner.list(userId);
  }

  async close() {
    await this.inner.close?.();
  }
}
