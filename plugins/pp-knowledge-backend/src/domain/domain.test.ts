import {
  isFromUpload,
  planChunks,
  planIngest,
  recordHash,
  uploadExternalId,
} from './ingestPlan';
import { afterRun, sourceProblems, SourceShape } from './sources';
import { changePercent, nextVersionLabel } from './versions';

const shape = (over: Partial<SourceShape>): SourceShape => ({
  type: 'api',
  connection: { url: 'https://example.com/items', auth_type: 'none' },
  hasCredential: false,
  time_zone: 'Asia/Kolkata',
  ...over,
});

describe('source rules', () => {
  it.each<[string, Partial<SourceShape>, RegExp | null]>([
    ['api with a url', {}, null],
    [
      'api without a url',
      { connection: { auth_type: 'none' } },
      /needs connection.url/,
    ],
    [
      'rss without a url',
      { type: 'rss', connection: { auth_type: 'none' } },
      /needs connection.url/,
    ],
    [
      'webhook without a url',
      { type: 'webhook', connection: { auth_type: 'none' } },
      null,
    ],
    ['upload with a url', { type: 'upload' }, /not read from a URL/],
    [
      'bearer without a credential',
      { connection: { url: 'https://x.io', auth_type: 'bearer' } },
      /needs a credential/,
    ],
    [
      'bearer with a credential',
      {
        connection: { url: 'https://x.io', auth_type: 'bearer' },
        hasCredential: true,
      },
      null,
    ],
    [
      'api_key_header without header_name',
      {
        connection: { url: 'https://x.io', auth_type: 'api_key_header' },
        hasCredential: true,
      },
      /header_name/,
    ],
    [
      'basic without a colon',
      {
        connection: { url: 'https://x.io', auth_type: 'basic' },
        hasCredential: true,
        credential: 'token',
      },
      /user:password/,
    ],
    [
      'basic as a secret reference',
      {
        connection: { url: 'https://x.io', auth_type: 'basic' },
        hasCredential: true,
        credential: 'secret:FEED_LOGIN',
      },
      null,
    ],
    [
      'json_path on rss',
      {
        type: 'rss',
        connection: {
          url: 'https://x.io',
          auth_type: 'none',
          json_path: '$.a',
        },
      },
      /api sources only/,
    ],
    ['unknown time zone', { time_zone: 'Mars/Olympus' }, /not a time zone/],
  ])('%s', (_name, over, problem) => {
    const problems = sourceProblems(shape(over)).join(' ');
    expect(problems).toMatch(problem ?? /^$/);
  });

  it.each([
    [{ paused: false, consecutive_failures: 0 }, false, 'failing', 1, false],
    [{ paused: false, consecutive_failures: 1 }, false, 'failing', 2, false],
    [{ paused: false, consecutive_failures: 2 }, false, 'failing', 3, true],
    [{ paused: false, consecutive_failures: 3 }, false, 'failing', 4, false],
    [{ paused: false, consecutive_failures: 5 }, true, 'active', 0, false],
    [{ paused: true, consecutive_failures: 2 }, false, 'paused', 3, true],
  ] as const)('after a run %#', (before, ok, status, failures, alert) => {
    expect(afterRun(before, ok)).toEqual({
      status,
      consecutive_failures: failures,
      alert,
    });
  });
});

describe('version labels', () => {
  const day = new Date('2026-12-04T23:59:00Z');
  it.each([
    [[], 'v2026-12-04'],
    [['v2026-12-04'], 'v2026-12-04-2'],
    [['v2026-12-04', 'v2026-12-04-2'], 'v2026-12-04-3'],
    [['v2026-12-04-7', 'v2026-12-04'], 'v2026-12-04-8'],
    [['v2026-12-03', 'v2026-12-03-2'], 'v2026-12-04'],
  ])('%j → %s', (labels, label) => {
    expect(nextVersionLabel(day, labels)).toBe(label);
  });
  it.each([
    [{ added: 1, modified: 0, removed: 0 }, 0, 100],
    [{ added: 0, modified: 0, removed: 0 }, 0, 0],
    [{ added: 1, modified: 1, removed: 1 }, 3, 100],
    [{ added: 1, modified: 0, removed: 0 }, 3, 33.3],
  ])('change %j of %i → %d %', (counts, from, pct) => {
    expect(changePercent(counts, from)).toBe(pct);
  });
});

describe('ingestion plan', () => {
  const rec = (external_id: string, content: string) => ({
    external_id,
    title: external_id,
    content,
  });
  const stored = (external_id: string, content: string) => ({
    external_id,
    content_hash: recordHash(rec(external_id, content)),
  });
  const ids = (p: ReturnType<typeof planIngest<any, any>>) => ({
    added: p.added.map(a => a.record.external_id),
    changed: p.changed.map(a => a.record.external_id),
    unchanged: p.unchanged,
    removed: p.removed.map((d: any) => d.external_id),
  });

  it.each<[string, any[], any[], any, any]>([
    [
      'full: new, changed, same and gone',
      [stored('a', '1'), stored('b', '1'), stored('c', '1')],
      [rec('a', '1'), rec('b', '2'), rec('d', '1')],
      { kind: 'full' },
      { added: ['d'], changed: ['b'], unchanged: 1, removed: ['c'] },
    ],
    [
      'push: nothing removed',
      [stored('a', '1'), stored('c', '1')],
      [rec('a', '2')],
      { kind: 'push' },
      { added: [], changed: ['a'], unchanged: 0, removed: [] },
    ],
    [
      'push: an upload replaces its own file',
      [
        stored(uploadExternalId('a.md', '1'), 'x'),
        stored(uploadExternalId('a.md', '2'), 'x'),
        stored(uploadExternalId('b.md', '1'), 'x'),
      ],
      [rec(uploadExternalId('a.md', '1'), 'x')],
      { kind: 'push', replaces: (id: string) => isFromUpload('A.md', id) },
      {
        added: [],
        changed: [],
        unchanged: 1,
        removed: [uploadExternalId('a.md', '2')],
      },
    ],
    [
      'duplicates in one delivery: the last wins',
      [],
      [rec('a', '1'), rec('a', '2')],
      { kind: 'full' },
      { added: ['a'], changed: [], unchanged: 0, removed: [] },
    ],
  ])('%s', (_name, before, records, mode, expected) => {
    expect(ids(planIngest(before, records, mode))).toEqual(expected);
  });

  it('chunks: kept, modified, added and removed by position', () => {
    const old = [
      { id: 'c0', position: 0, content_hash: 'h0' },
      { id: 'c1', position: 1, content_hash: 'h1' },
      { id: 'c2', position: 2, content_hash: 'h2' },
    ];
    expect(planChunks(old, ['h0', 'x1'])).toEqual({
      keep: ['c0'],
      end: ['c1', 'c2'],
      insert: [{ position: 1, replaces: true }],
      added: 0,
      modified: 1,
      removed: 1,
    });
    expect(planChunks(old.slice(0, 1), ['h0', 'n1', 'n2'])).toMatchObject({
      keep: ['c0'],
      end: [],
      added: 2,
      modified: 0,
      removed: 0,
    });
    expect(planChunks(old, [])).toMatchObject({
      end: ['c0', 'c1', 'c2'],
      removed: 3,
    });
  });
});
