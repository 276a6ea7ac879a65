import Redis from 'ioredis';
import { ppTestRedisUrl } from '../testUtils';
import { MemorySessionStore } from './MemorySessionStore';
import { RedisSessionStore } from './RedisSessionStore';
import { PpSessionOptions, PpSessionStore } from './types';

const redisUrl = ppTestRedisUrl();
const DAY = 24 * 3600 * 1000;
const clients: Redis[] = [];

type Factory = (options: PpSessionOptions) => PpSessionStore;
const factories: Array<[string, Factory]> = [
  ['memory', options => new MemorySessionStore(options)],
];
if (redisUrl) {
  factories.push([
    'redis',
    options => {
      const redis = new Redis(redisUrl);
      clients.push(redis);
      return new RedisSessionStore(redis, {
        ...options,
        keyPrefix: `pp-test:${process.pid}:${Math.random()
          .toString(36)
          .slice(2)}`,
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
    store = create({ maxPerUser: 5, lifetimeMs: 15 * DAY, clock: () => now });
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
