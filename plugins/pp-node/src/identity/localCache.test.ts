import { PpLocalCache } from './localCache';

function cacheAt(options: { ttlMs?: number; max?: number } = {}) {
  let now = 1_000_000;
  const cache = new PpLocalCache<string>({
    ttlMs: options.ttlMs ?? 5_000,
    max: options.max ?? 10,
    now: () => now,
  });
  return {
    cache,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('PpLocalCache', () => {
  it('answers a stored value until its TTL, then forgets it', () => {
    const { cache, advance } = cacheAt({ ttlMs: 5_000 });
    expect(cache.get('k')).toBeUndefined();
    expect(cache.set('k', 'u1', 'v', { ticket: cache.ticket() })).toBe(true);
    expect(cache.get('k')).toBe('v');
    advance(4_999);
    expect(cache.get('k')).toBe('v');
    advance(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never keeps an entry past its own deadline, nor one already past it', () => {
    const { cache, advance, now } = cacheAt({ ttlMs: 5_000 });
    cache.set('k', 'u1', 'v', { ticket: cache.ticket(), until: now() + 1_000 });
    advance(999);
    expect(cache.get('k')).toBe('v');
    advance(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.set('gone', 'u1', 'v', { ticket: 0, until: now() })).toBe(
      false,
    );
    expect(cache.get('gone')).toBeUndefined();
  });

  it('drops every entry of a group at once, and only those', () => {
    const { cache } = cacheAt();
    const ticket = cache.ticket();
    cache.set('a1', 'a', '1', { ticket });
    cache.set('a2', 'a', '2', { ticket });
    cache.set('b1', 'b', '3', { ticket });
    cache.invalidate('a');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')).toBe('3');
    cache.clear();
    expect(cache.get('b1')).toBeUndefined();
  });

  it('does not store a value read before an invalidation that happened during the read', () => {
    const { cache } = cacheAt();
    const before = cache.ticket();
    cache.invalidate('someone');
    expect(cache.set('k', 'u1', 'stale?', { ticket: before })).toBe(false);
    expect(cache.get('k')).toBeUndefined();
    const cleared = cache.ticket();
    cache.clear();
    expect(cache.set('k', 'u1', 'stale?', { ticket: cleared })).toBe(false);
    expect(cache.set('k', 'u1', 'fresh', { ticket: cache.ticket() })).toBe(
      true,
    );
    expect(cache.get('k')).toBe('fresh');
  });

  it('keeps at most max entries, evicting the least recently used', () => {
    const { cache } = cacheAt({ max: 3 });
    for (const k of ['a', 'b', 'c']) {
      cache.set(k, k, k, { ticket: cache.ticket() });
    }
    expect(cache.get('a')).toBe('a'); // a is now the most recently used
    cache.set('d', 'd', 'd', { ticket: cache.ticket() });
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('a');
    expect(cache.get('c')).toBe('c');
    expect(cache.get('d')).toBe('d');
    expect(() => new PpLocalCache({ ttlMs: 1, max: 0 })).toThrow();
  });
});
