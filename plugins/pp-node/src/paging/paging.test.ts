import { InputError } from '@backstage/errors';
import {
  clampPage,
  ppClampLimit,
  ppDecodeCursor,
  ppEncodeCursor,
} from './paging';

describe('ppClampLimit', () => {
  it.each([
    [undefined, 50],
    [0, 1],
    [-5, 1],
    [1, 1],
    [75, 75],
    [200, 200],
    [201, 200],
    [10_000, 200],
    [12.7, 12],
    [Number.NaN, 50],
  ])('limit %p → %p', (limit, expected) => {
    expect(ppClampLimit(limit, { fallback: 50, max: 200 })).toBe(expected);
  });

  it('clampPage keeps offsets at 0 or above', () => {
    expect(clampPage(undefined, -3)).toEqual({ limit: 25, offset: 0 });
    expect(clampPage(500, 40)).toEqual({ limit: 200, offset: 40 });
  });
});

describe('ppEncodeCursor / ppDecodeCursor', () => {
  const isPair = (v: unknown): v is [number, string] =>
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'string';

  it('round-trips a key', () => {
    const cursor = ppEncodeCursor([1700000000000, 'abc']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ppDecodeCursor(cursor, isPair)).toEqual([1700000000000, 'abc']);
  });

  it.each([
    '',
    'not-base64-json',
    ppEncodeCursor({ t: 1 }),
    ppEncodeCursor([1]),
  ])('refuses %p with a 400', bad => {
    expect(() => ppDecodeCursor(bad, isPair, 'ticket cursor')).toThrow(
      InputError,
    );
    expect(() => ppDecodeCursor(bad, isPair, 'ticket cursor')).toThrow(
      /Invalid ticket cursor/,
    );
  });
});
