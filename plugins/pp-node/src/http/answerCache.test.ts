import { ConfigReader } from '@backstage/config';
import { gunzipSync } from 'node:zlib';
import type { PpPrincipal } from '../identity/PpIdentityService';
import {
  PpAnswerScope,
  ppAnswerCacheStats,
  ppAnswerScope,
  ppClearAnswerCache,
  ppConfigureAnswerCache,
} from './answerCache';

const ann = {
  id: 'ann',
  status: 'active',
  roles: ['helpdesk_agent', 'viewer'],
} as unknown as PpPrincipal;

const budget = (maxMegabytes?: number) =>
  ppConfigureAnswerCache(
    new ConfigReader(
      maxMegabytes === undefined
        ? {}
        : { pp: { api: { answerCache: { maxMegabytes } } } },
    ),
  );

describe('the answer cache', () => {
  let a: PpAnswerScope;
  beforeEach(() => {
    ppClearAnswerCache();
    budget();
    a = ppAnswerScope();
  });
  afterAll(() => budget());

  it('gives a kept body back for the same tag and view only', () => {
    const body = Buffer.from('{"items":[]}');
    a.keep('"v1"', ann, body);
    expect(a.get('"v1"', ann)?.bytes).toBe(body);
    // the same person with other roles (or another status) does not get it
    expect(a.get('"v1"', { ...ann, roles: ['viewer'] })).toBeUndefined();
    expect(a.get('"v1"', { ...ann, status: 'inactive' })).toBeUndefined();
    // the roles' order does not matter
    expect(
      a.get('"v1"', { ...ann, roles: ['viewer', 'helpdesk_agent'] })?.bytes,
    ).toBe(body);
    expect(a.get('"v2"', ann)).toBeUndefined();
    expect(ppAnswerCacheStats()).toMatchObject({
      entries: 1,
      bytes: body.length,
      hits: 2,
      misses: 3,
    });
  });

  it("keeps each route's answers apart, though their tags are the same", () => {
    const other = ppAnswerScope();
    a.keep('"v1"', ann, Buffer.from('{"route":"a"}'));
    expect(other.get('"v1"', ann)).toBeUndefined();
    other.keep('"v1"', ann, Buffer.from('{"route":"other"}'));
    expect(String(a.get('"v1"', ann)?.bytes)).toBe('{"route":"a"}');
    expect(String(other.get('"v1"', ann)?.bytes)).toBe('{"route":"other"}');
  });

  it('lets the least recently used answers go when the budget is full', () => {
    budget(1 / 1024); // 1 024 bytes; one answer may take 128
    const body = (n: number) => Buffer.alloc(100, n);
    for (let n = 0; n < 10; n++) a.keep(`"t${n}"`, ann, body(n));
    expect(ppAnswerCacheStats()).toMatchObject({ entries: 10, bytes: 1000 });
    // t0 read again: t1 is now the oldest
    expect(a.get('"t0"', ann)).toBeDefined();
    a.keep('"t10"', ann, body(10));
    expect(a.get('"t1"', ann)).toBeUndefined();
    expect(a.get('"t0"', ann)).toBeDefined();
    expect(a.get('"t10"', ann)).toBeDefined();
    expect(ppAnswerCacheStats().bytes).toBe(1000);
    // an answer over an eighth of the budget is not kept, and evicts nothing
    a.keep('"big"', ann, Buffer.alloc(129));
    expect(a.get('"big"', ann)).toBeUndefined();
    expect(ppAnswerCacheStats().entries).toBe(10);
    // keeping a tag again replaces its body
    a.keep('"t10"', ann, Buffer.alloc(50));
    expect(a.get('"t10"', ann)?.bytes.length).toBe(50);
    expect(ppAnswerCacheStats().bytes).toBe(950);
  });

  it('is off with a budget of 0, and shrinks to a smaller budget at once', () => {
    for (let n = 0; n < 4; n++) a.keep(`"t${n}"`, ann, Buffer.alloc(100));
    budget(0.25 / 1024); // 256 bytes
    expect(ppAnswerCacheStats()).toMatchObject({ entries: 2, bytes: 200 });
    expect(a.get('"t3"', ann)).toBeDefined();
    budget(0);
    expect(ppAnswerCacheStats().entries).toBe(0);
    a.keep('"t"', ann, Buffer.from('{}'));
    expect(a.get('"t"', ann)).toBeUndefined();
  });

  it('gzips a kept answer once for callers that accept it, and counts it in the budget', () => {
    const body = Buffer.from(
      JSON.stringify({
        items: Array.from({ length: 80 }, (_, i) => ({ id: i, t: 'ticket' })),
      }),
    );
    a.keep('"g"', ann, body);
    const plain = a.get('"g"', ann);
    expect(plain).toEqual({ bytes: body });
    const zipped = a.get('"g"', ann, { gzip: true });
    expect(zipped?.encoding).toBe('gzip');
    expect(gunzipSync(zipped!.bytes).equals(body)).toBe(true);
    expect(zipped!.bytes.length).toBeLessThan(body.length / 3);
    expect(ppAnswerCacheStats().bytes).toBe(body.length + zipped!.bytes.length);
    // made once
    expect(a.get('"g"', ann, { gzip: true })?.bytes).toBe(zipped!.bytes);
    // a small answer goes as it is
    a.keep('"s"', ann, Buffer.from('{"items":[]}'));
    expect(a.get('"s"', ann, { gzip: true })?.encoding).toBeUndefined();
    // kept again: the old gzip goes with the old body
    a.keep('"g"', ann, Buffer.from('{}'));
    expect(ppAnswerCacheStats().bytes).toBe(2 + 12);
  });

  it('refuses a budget below 0', () => {
    expect(() => budget(-1)).toThrow(
      'pp.api.answerCache.maxMegabytes must be 0 or more, got -1',
    );
  });
});
