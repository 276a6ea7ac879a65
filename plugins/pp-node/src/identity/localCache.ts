/**
 * A small in-process cache of short-lived entries, for the gate every PP request passes: each entry
 * lives until its own deadline (never longer than `ttlMs`), at most `max` entries are kept (the
 * least recently used go first), and entries are grouped (by user id) so that one access change
 * drops every entry of that user at once: `invalidate(group)`, called locally and on every other
 * instance through the identity service's Redis channel.
 *
 * A value read from the source of truth while an invalidation happens must not be stored: take a
 * `ticket()` before the read and pass it to `set`, which drops the value when anything was
 * invalidated meanwhile (invalidations are rare, so a dropped value costs nothing).
 *
 * @public
 */
export class PpLocalCache<V> {
  readonly #entries = new Map<
    string,
    { value: V; until: number; group: string }
  >();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  #generation = 0;

  constructor(options: { ttlMs: number; max: number; now?: () => number }) {
    if (!(options.max >= 1)) throw new Error('PpLocalCache needs max >= 1');
    this.#ttlMs = options.ttlMs;
    this.#max = options.max;
    this.#now = options.now ?? Date.now;
  }

  /** The live value of `key`, or undefined (unknown, expired or invalidated). */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    // most recently used last: the bound evicts from the front
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Taken before reading a value to store: see {@link PpLocalCache.set}. */
  ticket(): number {
    return this.#generation;
  }

  /**
   * Stores `value` until `min(now + ttlMs, until)`, unless an invalidation happened since
   * `ticket` was taken (then the value may be stale and is not stored). Returns whether it was.
   */
  set(
    key: string,
    group: string,
    value: V,
    options: { ticket: number; until?: number },
  ): boolean {
    if (options.ticket !== this.#generation) return false;
    const now = this.#now();
    const until = Math.min(now + this.#ttlMs, options.until ?? Infinity);
    if (until <= now) return false;
    this.#entries.delete(key);
    this.#entries.set(key, { value, until, group });
    while (this.#entries.size > this.#max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return true;
  }

  /** Drops every entry of `group` (e.g. a user whose access or sessions changed). */
  invalidate(group: string): void {
    this.#generation += 1;
    for (const [key, entry] of this.#entries) {
      if (entry.group === group) this.#entries.delete(key);
    }
  }

  /** Drops everything (e.g. after invalidation messages may have been lost). */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
