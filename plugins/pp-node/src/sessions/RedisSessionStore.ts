import type { Redis } from 'ioredis';
import { PpSession, PpSessionOptions, PpSessionStore } from './types';

/*
 * Layout: `<prefix>:u:<userId>` is a sorted set of session ids scored by start time;
 * `<prefix>:s:<userId>:<sessionId>` holds the session JSON and expires with it (PX).
 * A set member whose key has expired is pruned on the next read.
 */

/** Sessions in Redis through ioredis, shared by every backend instance. @public */
export class RedisSessionStore implements PpSessionStore {
  private readonly clock: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: PpSessionOptions & { keyPrefix?: string },
  ) {
    this.clock = options.clock ?? Date.now;
  }

  private get prefix() {
    return this.options.keyPrefix ?? 'pp:sessions';
  }
  private userKey(userId: string) {
    return `${this.prefix}:u:${userId}`;
  }
  private sessionKey(userId: string, sessionId: string) {
    return `${this.prefix}:s:${userId}:${sessionId}`;
  }

  private async write(session: PpSession) {
    const ttl = Math.max(session.expiresAt - this.clock(), 1);
    await this.redis
      .multi()
      .set(
        this.sessionKey(session.userId, session.id),
        JSON.stringify(session),
        'PX',
        ttl,
      )
      .zadd(this.userKey(session.userId), session.createdAt, session.id)
      .pexpire(this.userKey(session.userId), this.options.lifetimeMs * 2)
      .exec();
  }

  async list(userId: string): Promise<PpSession[]> {
    const ids = await this.redis.zrange(this.userKey(userId), 0, -1);
    if (!ids.length) return [];
    const values = await this.redis.mget(
      ids.map(id => this.sessionKey(userId, id)),
    );
    const now = this.clock();
    const live: PpSession[] = [];
    const gone: string[] = [];
    values.forEach((v, i) => {
      const session = v ? (JSON.parse(v) as PpSession) : undefined;
      if (session && session.expiresAt > now) live.push(session);
      else gone.push(ids[i]);
    });
    if (gone.length) await this.redis.zrem(this.userKey(userId), ...gone);
    return live.sort((a, b) => a.createdAt - b.createdAt);
  }

  async start(userId: string, sessionId: string) {
    const now = this.clock();
    const session: PpSession = {
      id: sessionId,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.options.lifetimeMs,
    };
    await this.write(session);
    const sessions = await this.list(userId);
    const excess = sessions.length - this.options.maxPerUser;
    const ended = excess > 0 ? sessions.slice(0, excess).map(s => s.id) : [];
    for (const id of ended) await this.end(userId, id);
    return { session, ended };
  }

  async get(userId: string, sessionId: string) {
    const value = await this.redis.get(this.sessionKey(userId, sessionId));
    const session = value ? (JSON.parse(value) as PpSession) : undefined;
    // Redis expires the key on wall-clock time; the clock check keeps tests with a fake clock honest.
    return session && session.expiresAt > this.clock() ? session : undefined;
  }

  async extend(userId: string, sessionId: string) {
    const session = await this.get(userId, sessionId);
    if (!session) return undefined;
    const now = this.clock();
    const extended = {
      ...session,
      lastSeenAt: now,
      expiresAt: now + this.options.lifetimeMs,
    };
    await this.write(extended);
    return extended;
  }

  async end(userId: string, sessionId: string) {
    const [[, removed]] = (await this.redis
      .multi()
      .del(this.sessionKey(userId, sessionId))
      .zrem(this.userKey(userId), sessionId)
      .exec()) as Array<[Error | null, number]>;
    return removed > 0;
  }

  async endAll(userId: string) {
    const ids = await this.redis.zrange(this.userKey(userId), 0, -1);
    const multi = this.redis.multi();
    for (const id of ids) multi.del(this.sessionKey(userId, id));
    multi.del(this.userKey(userId));
    const results = (await multi.exec()) as Array<[Error | null, number]>;
    return results.slice(0, ids.length).filter(([, n]) => n > 0).length;
  }
}
