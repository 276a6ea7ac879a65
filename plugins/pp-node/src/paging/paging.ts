import { InputError } from '@backstage/errors';

/**
 * A page size from a caller: at least 1, at most `max`, `fallback` when absent. Every PP listing
 * (HTTP, actions, stores) clamps through this.
 *
 * @public
 */
export function ppClampLimit(
  limit: number | undefined,
  bounds: { fallback: number; max: number },
): number {
  const n = Number.isFinite(limit) ? Math.trunc(limit!) : bounds.fallback;
  return Math.min(Math.max(n, 1), bounds.max);
}

/** Paging bounds of offset-paged PP listings. @public */
export function clampPage(
  limit: number | undefined,
  offset: number | undefined,
  defaults = { limit: 25, max: 200 },
) {
  return {
    limit: ppClampLimit(limit, { fallback: defaults.limit, max: defaults.max }),
    offset: Math.max(Math.trunc(offset ?? 0) || 0, 0),
  };
}

/**
 * Keyset cursors: opaque base64url JSON of the last row's sort key. `ppDecodeCursor` checks the
 * shape with `check` and answers anything else with a 400 naming the listing.
 *
 * @public
 */
export function ppEncodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** @public */
export function ppDecodeCursor<T>(
  cursor: string,
  check: (value: unknown) => value is T,
  what = 'cursor',
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !check(parsed)) {
    throw new InputError(
      `Invalid ${what}: not a cursor from a previous page; use next_cursor of the previous page`,
    );
  }
  return parsed;
}
