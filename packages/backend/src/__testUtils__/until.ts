/**
 * A poller for full-stack tests: `until(fn, what)` calls `fn` until it returns something truthy and
 * returns that, waiting `intervalMs` between tries; after `tries` tries (or the call's own count)
 * it throws `timed out waiting for <what>`.
 */
export function ppUntil(options: { intervalMs: number; tries: number }) {
  return async function until<T>(
    fn: () => Promise<T | undefined | false>,
    what: string,
    tries = options.tries,
  ) {
    for (let i = 0; i < tries; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise(r => setTimeout(r, options.intervalMs));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
}
