import { ConfigReader } from '@backstage/config';
import { gunzipSync } from 'node:zlib';
import type { PpPrincipal } from '../identity/PpIdentityService';
import {
  ppAnswerCacheStats,
  ppCachedAnswer,
  ppClearAnswerCache,
  ppConfigureAnswerCache,
  ppKeepAnswer,
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
  beforeEach(() => {
    ppClearAnswerCache();
    budget();
  });
  afterAll(() => budget());

  it('gives a kept body back for the same tag and view only', () => {
    const body = Buffer.from('{"items":[]}');
    ppKeepAnswer('"v1"', ann, body);
    expect(ppCachedAnswer('"v1"', ann)?.bytes).toBe(body);
    // the same person with other roles (or another status) does not get it
    expect(
      ppCachedAnswer('"v1"', { ...ann, roles: ['viewer'] }),
    ).toBeUndefined();
    expect(
      ppCachedAnswer('"v1"', { ...ann, status: 'inactive' }),
    ).toBeUndefined();
    // the roles' order does not matter
    expect(
      ppCachedAnswer('"v1"', { ...ann, roles: ['viewer', 'helpdesk_agent'] })
        ?.bytes,
    ).toBe(body);
    expect(ppCachedAnswer('"v2"', ann)).toBeUndefined();
    expect(ppAnswerCacheStats()).toMatchObject({
      entries: 1,
      bytes: body.length,
      hits: 2,
      misses: 3,
    });
  });

  it('lets the least recently used answers go when the budget is full', () => {
    budget(1 / 1024); // 1 024 bytes; one answer may take 128
    const body = (n: number) => Buffer.alloc(100, n);
    for (let n = 0; n < 10; n++) ppKeepAnswer(`"t${n}"`, ann, body(n));
    expect(ppAnswerCacheStats()).toMatchObject({ entries: 10, bytes: 1000 });
    // t0 read again: t1 is now the oldest
    expect(ppCachedAnswer('"t0"', ann)).toBeDefined();
    ppKeepAnswer('"t10"', ann, body(10));
    expect(ppCachedAnswer('"t1"', ann)).toBeUndefined();
    expect(ppCachedAnswer('"t0"', ann)).toBeDefined();
    expect(ppCachedAnswer('"t10"', ann)).toBeDefined();
    expect(ppAnswerCacheStats().bytes).toBe(1000);
    // an answer over an eighth of the budget is not kept, and evicts nothing
    ppKeepAnswer('"big"', ann, Buffer.alloc(129));
    expect(ppCachedAnswer('"big"', ann)).toBeUndefined();
    expect(ppAnswerCacheStats().entries).toBe(10);
    // keeping a tag again replaces its body
    ppKeepAnswer('"t10"', ann, Buffer.alloc(50));
    expect(ppCachedAnswer('"t10"', ann)?.bytes.length).toBe(50);
    expect(ppAnswerCacheStats().bytes).toBe(950);
  });

  it('is off with a budget of 0, and shrinks to a smaller budget at once', () => {
    for (let n = 0; n < 4; n++) ppKeepAnswer(`"t${n}"`, ann, Buffer.alloc(100));
    budget(0.25 / 1024); // 256 bytes
    expect(ppAnswerCacheStats()).toMatchObject({ entries: 2, bytes: 200 });
    expect(ppCachedAnswer('"t3"', ann)).toBeDefined();
    budget(0);
    expect(ppAnswerCacheStats().entries).toBe(0);
    ppKeepAnswer('"t"', ann, Buffer.from('{}'));
    expect(ppCachedAnswer('"t"', ann)).toBeUndefined();
  });

  it('gzips a kept answer once for callers that accept it, and counts it in the budget', () => {
    const body = Buffer.from(
      JSON.stringify({
        items: Array.from({ length: 80 }, (_, i) => ({ id: i, t: 'ticket' })),
      }),
    );
    ppKeepAnswer('"g"', ann, body);
    const plain = ppCachedAnswer('"g"', ann);
    expect(plain).toEqual({ bytes: body });
    const zipped = ppCachedAnswer('"g"', ann, { gzip: true });
    expect(zipped?.encoding).toBe('gzip');
    expect(gunzipSync(zipped!.bytes).equals(body)).toBe(true);
    expect(zipped!.bytes.length).toBeLessThan(body.length / 3);
    expect(ppAnswerCacheStats().bytes).toBe(body.length + zipped!.bytes.length);
    // made once
    expect(ppCachedAnswer('"g"', ann, { gzip: true })?.bytes).toBe(
      zipped!.bytes,
    );
    // a small answer goes as it is
    ppKeepAnswer('"s"', ann, Buffer.from('{"items":[]}'));
    expect(
      ppCachedAnswer('"s"', ann, { gzip: true })?.encoding,
    ).toBeUndefined();
    // kept again: the old gzip goes with the old body
    ppKeepAnswer('"g"', ann, Buffer.from('{}'));
    expect(ppAnswerCacheStats().bytes).toBe(2 + 12);
  });

  it('refuses a budget below 0', () => {
    expect(() => budget(-1)).toThrow(
      'pp.api.answerCache.maxMegabytes must be 0 or more, got -1',
    );
  });
});
