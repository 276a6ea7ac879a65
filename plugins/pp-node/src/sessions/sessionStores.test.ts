import Redis from 'ioredis';
import { ppTestRedisUrl } from '../testUtils';
import { MemorySessionStore } from './MemorySessionStore';
import { RedisSessionStore } from './RedisSessionStore';
import { CachedSessionStore } from './CachedSessionStore';
import { PpLocalCache } from '../identity/localCache';
import { PpSessionOptions, PpSessionStore } from './types';

const redisUrl = ppTestRedisUrl();
const DAY = 24 * 3600 * 1000;
const clients: Redis[] = [];

/** Makes a store; `instances` more stores on the same data, as other backend instances would. */
type Factory = (
  options: PpSessionOptions,
  instances?: number,
) => PpSessionStore[];
const factories: Array<[string, Factory]> = [
  // One process: the memory store is per instance by design.
  ['memory', options => [new MemorySessionStore(options)]],
  // The cache in front of a store keeps all of its behaviour.
  [
    'cached memory',
    options => [
      new CachedSessionStore(new MemorySessionStore(options), {
        cache: new PpLocalCache({ ttlMs: 5_000, max: 100, now: options.clock }),
        live: () => true,
        onEnded: async () => {},
      }),
    ],
  ],
];
if (redisUrl) {
  factories.push([
    'redis',
    (options, instances = 0) => {
      const keyPrefix = `pp-test:${process.pid}:${Math.random()
        .toString(36)
        .slice(2)}`;
      return Array.from({ length: instances + 1 }, () => {
        const redis = new Redis(redisUrl);
        clients.push(redis);
        return new RedisSessionStore(redis, { ...options, keyPrefix });
      });
    },
  ]);
  // Each instance with its own cache; ends reach every instance (as the Redis channel does).
  factories.push([
    'cached redis',
    (options, instances = 0) => {
      const keyPrefix = `pp-test:${process.pid}:${Math.random()
        .toString(36)
        .slice(2)}`;
      const caches: PpLocalCache<any>[] = [];
      return Array.from({ length: instances + 1 }, () => {
        const redis = new Redis(redisUrl);
        clients.push(redis);
        const cache = new PpLocalCache<any>({
          ttlMs: 5_000,
          max: 100,
          now: options.clock,
        });
        caches.push(cache);
        return new CachedSessionStore(
          new RedisSessionStore(redis, { ...options, keyPrefix }),
          {
            cache,
            live: () => true,
            onEnded: async userId => caches.forEach(c => c.invalidate(userId)),
          },
        );
      });
    },
  ]);
}

afterAll(async () => {
  await Promise.all(clients.map(c => c.quit()));
});

describe.each(factories)('%s session store', (_name, create) => {
  let now: number;
  let store: PpSessionStore;
  beforeEach(() => {
    now = Date.UTC(2026, 10, 25);
    [store] = create({
      maxPerUser: 5,
      lifetimeMs: 15 * DAY,
      clock: () => now,
    });
  });

  it('never has more than 5 live sessions, even with parallel sign-ins on several instances', async () => {
    const stores = create(
      { maxPerUser: 5, lifetimeMs: 15 * DAY, clock: () => now },
      3,
    );
    const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
    let most = 0;
    let running = true;
    const watch = (async () => {
      while (running) {
        most = Math.max(most, (await stores[0].list('u1')).length);
      }
    })();
    const results = await Promise.all(
      ids.map((id, i) => stores[i % stores.length].start('u1', id)),
    );
    running = false;
    await watch;
    most = Math.max(most, (await stores[0].list('u1')).length);

    const live = (await stores[0].list('u1')).map(s => s.id);
    const ended = results.flatMap(r => r.ended);
    expect(most).toBeLessThanOrEqual(5);
    expect(live).toHaveLength(5);
    // Every session beyond the cap was ended exactly once, by one sign-in, and is gone.
    expect(ended).toHaveLength(ids.length - 5);
    expect(new Set([...ended, ...live])).toEqual(new Set(ids));
    for (const id of ended)
      expect(await stores[1 % stores.length].get('u1', id)).toBeUndefined();
  });

  it('ends the oldest session when a sixth starts', async () => {
    for (let i = 1; i <= 5; i++) {
      now += 1000;
      const { ended } = await store.start('u1', `s${i}`);
      expect(ended).toEqual([]);
    }
    now += 1000;
    const { ended } = await store.start('u1', 's6');
    expect(ended).toEqual(['s1']);
    expect(await store.get('u1', 's1')).toBeUndefined();
    expect((await store.list('u1')).map(s => s.id)).toEqual([
      's2',
      's3',
      's4',
      's5',
      's6',
    ]);
    expect(await store.list('u2')).toEqual([]);
  });

  it('expires a session after 15 days unless extended', async () => {
    await store.start('u1', 'a');
    await store.start('u1', 'b');
    now += 14 * DAY;
    expect(await store.extend('u1', 'b')).toMatchObject({
      expiresAt: now + 15 * DAY,
    });
    now += 1 * DAY + 1;
    expect(await store.get('u1', 'a')).toBeUndefined();
    expect(await store.get('u1', 'b')).toBeDefined();
    expect(await store.extend('u1', 'a')).toBeUndefined();
  });

  it('ends one session, or all of them at once', async () => {
    await store.start('u1', 'a');
    await store.start('u1', 'b');
    await store.start('u1', 'c');
    expect(await store.end('u1', 'a')).toBe(true);
    expect(await store.end('u1', 'a')).toBe(false);
    expect(await store.get('u1', 'b')).toBeDefined();
    expect(await store.endAll('u1')).toBe(2);
    expect(await store.get('u1', 'b')).toBeUndefined();
    expect(await store.get('u1', 'c')).toBeUndefined();
  });
});
