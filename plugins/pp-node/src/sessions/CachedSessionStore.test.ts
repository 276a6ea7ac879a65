import { PpLocalCache } from '../identity/localCache';
import { CachedSessionStore } from './CachedSessionStore';
import { MemorySessionStore } from './MemorySessionStore';
import { PpSession, PpSessionStore } from './types';

/** A store that counts the reads reaching it (the Redis round trips the cache saves). */
function counting(inner: PpSessionStore) {
  const counted = Object.create(inner) as PpSessionStore & { gets: number };
  counted.gets = 0;
  counted.get = async (userId, sessionId) => {
    counted.gets += 1;
    return inner.get(userId, sessionId);
  };
  return counted;
}

function setup(options: { live?: () => boolean } = {}) {
  let now = 1_000_000;
  const clock = () => now;
  const shared = new MemorySessionStore({
    maxPerUser: 2,
    lifetimeMs: 60_000,
    clock,
  });
  const published: string[] = [];
  const caches: PpLocalCache<PpSession>[] = [];
  // two instances over one shared store, each with its own cache and the same channel
  const instance = () => {
    const inner = counting(shared);
    const cache = new PpLocalCache<PpSession>({
      ttlMs: 5_000,
      max: 100,
      now: clock,
    });
    caches.push(cache);
    const store = new CachedSessionStore(inner, {
      cache,
      live: options.live ?? (() => true),
      onEnded: async userId => {
        published.push(userId);
        caches.forEach(c => c.invalidate(userId));
      },
    });
    return { store, inner, cache };
  };
  return {
    a: instance(),
    b: instance(),
    shared,
    published,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CachedSessionStore', () => {
  it('answers repeated checks of a live session from the cache for at most 5 s', async () => {
    const { a, advance } = setup();
    await a.store.start('u1', 's1');
    expect(await a.store.get('u1', 's1')).toMatchObject({ id: 's1' });
    expect(await a.store.get('u1', 's1')).toMatchObject({ id: 's1' });
    expect(a.inner.gets).toBe(1);
    advance(5_000);
    expect(await a.store.get('u1', 's1')).toMatchObject({ id: 's1' });
    expect(a.inner.gets).toBe(2);
  });

  it('never caches an unknown or ended session', async () => {
    const { a } = setup();
    expect(await a.store.get('u1', 'nope')).toBeUndefined();
    expect(await a.store.get('u1', 'nope')).toBeUndefined();
    expect(a.inner.gets).toBe(2);
  });

  it('never answers a session past its expiry', async () => {
    const { a, shared, advance } = setup();
    await shared.start('u1', 's1');
    advance(58_000);
    expect(await a.store.get('u1', 's1')).toBeTruthy();
    advance(2_000); // the session's 60 s are over, the cache's 5 s are not
    expect(await a.store.get('u1', 's1')).toBeUndefined();
  });

  it('refuses at once, on every instance, a session ended, all sessions ended, or one evicted by a new sign-in', async () => {
    const { a, b, published } = setup();
    await a.store.start('u1', 's1');
    await a.store.start('u1', 's2');
    expect(await b.store.get('u1', 's1')).toBeTruthy();
    expect(await b.store.get('u1', 's2')).toBeTruthy();

    await a.store.end('u1', 's1');
    expect(await b.store.get('u1', 's1')).toBeUndefined();
    expect(await a.store.get('u1', 's1')).toBeUndefined();
    expect(await b.store.get('u1', 's2')).toBeTruthy();

    // a third sign-in beyond maxPerUser (2) ends the oldest live one
    await a.store.start('u1', 's3');
    await a.store.start('u1', 's4');
    expect(await b.store.get('u1', 's2')).toBeUndefined();

    await b.store.endAll('u1');
    expect(await a.store.get('u1', 's3')).toBeUndefined();
    expect(await a.store.get('u1', 's4')).toBeUndefined();
    expect(published).toEqual(['u1', 'u1', 'u1']);
  });

  it('goes to the store on every check while the invalidation channel is down', async () => {
    let live = true;
    const { a, b } = setup({ live: () => live });
    await a.store.start('u1', 's1');
    expect(await b.store.get('u1', 's1')).toBeTruthy();
    live = false;
    const before = b.inner.gets;
    expect(await b.store.get('u1', 's1')).toBeTruthy();
    expect(await b.store.get('u1', 's1')).toBeTruthy();
    expect(b.inner.gets).toBe(before + 2);
  });

  it('drops this instance’s entries when ending fails midway', async () => {
    const { a } = setup();
    await a.store.start('u1', 's1');
    expect(await a.store.get('u1', 's1')).toBeTruthy();
    const broken = new CachedSessionStore(
      Object.assign(Object.create(a.inner), {
        endAll: async () => {
          throw new Error('redis down');
        },
      }),
      { cache: a.cache, live: () => true, onEnded: async () => {} },
    );
    await expect(broken.endAll('u1')).rejects.toThrow('redis down');
    const before = a.inner.gets;
    await a.store.get('u1', 's1');
    expect(a.inner.gets).toBe(before + 1);
  });
});
