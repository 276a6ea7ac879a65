import type { Redis } from 'ioredis';
import { PpSession, PpSessionOptions, PpSessionStore } from './types';

/*
 * Layout: `<prefix>:u:<userId>` is a sorted set of session ids scored by start time;
 * `<prefix>:s:<userId>:<sessionId>` holds the session JSON and expires with it (PX).
 * A set member whose key has expired is pruned on the next read.
 *
 * Starting a session (add, prune the dead, end the oldest beyond the cap) is one Lua script, so it
 * runs atomically on the Redis server: parallel sign-ins, on one instance or many, never leave more
 * than `maxPerUser` live sessions, not even for a moment, and each ended session is reported by
 * exactly one sign-in. Extending is a script too, so a session ended meanwhile is not resurrected.
 * (The session keys are derived inside the scripts; on Redis Cluster the prefix would need a hash
 * tag per user. PP runs a single Redis.)
 */

/** KEYS: user set, new session key. ARGV: id, JSON, ttl ms, created at, set ttl ms, now, max, session key prefix. */
const START_SCRIPT = `
local userKey = KEYS[1]
local id = ARGV[1]
local now = tonumber(ARGV[6])
local max = tonumber(ARGV[7])
local prefix = ARGV[8]
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', userKey, ARGV[4], id)
redis.call('PEXPIRE', userKey, ARGV[5])
local others = {}
for _, other in ipairs(redis.call('ZRANGE', userKey, 0, -1)) do
  if other ~= id then
    local value = redis.call('GET', prefix .. other)
    local live = false
    if value then
      local ok, session = pcall(cjson.decode, value)
      live = ok and type(session) == 'table' and tonumber(session.expiresAt) ~= nil
        and tonumber(session.expiresAt) > now
    end
    if live then
      table.insert(others, other)
    else
      redis.call('DEL', prefix .. other)
      redis.call('ZREM', userKey, other)
    end
  end
end
local ended = {}
local excess = #others + 1 - max
for i = 1, excess do
  redis.call('DEL', prefix .. others[i])
  redis.call('ZREM', userKey, others[i])
  table.insert(ended, others[i])
end
return ended
`;

/** KEYS: user set, session key. ARGV: id, JSON, ttl ms, set ttl ms. 1 when extended, 0 when gone. */
const EXTEND_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS: user set. ARGV: session key prefix. Ends every session; returns how many were live. */
const END_ALL_SCRIPT = `
local ended = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  ended = ended + redis.call('DEL', ARGV[1] .. id)
end
redis.call('DEL', KEYS[1])
return ended
`;

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
  private ttl(session: PpSession) {
    return Math.max(session.expiresAt - this.clock(), 1);
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
    const ended = (await this.redis.eval(
      START_SCRIPT,
      2,
      this.userKey(userId),
      this.sessionKey(userId, sessionId),
      sessionId,
      JSON.stringify(session),
      this.ttl(session),
      now,
      this.options.lifetimeMs * 2,
      now,
      this.options.maxPerUser,
      this.sessionKey(userId, ''),
    )) as string[];
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
    const done = await this.redis.eval(
      EXTEND_SCRIPT,
      2,
      this.userKey(userId),
      this.sessionKey(userId, sessionId),
      sessionId,
      JSON.stringify(extended),
      this.ttl(extended),
      this.options.lifetimeMs * 2,
    );
    return done === 1 ? extended : undefined;
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
    // One script: a sign-in racing a deactivation cannot slip a session in between.
    return (await this.redis.eval(
      END_ALL_SCRIPT,
      1,
      this.userKey(userId),
      this.sessionKey(userId, ''),
    )) as number;
  }
}
