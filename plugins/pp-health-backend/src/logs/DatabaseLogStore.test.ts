import { InputError } from '@backstage/errors';
import { PpLogQuery } from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { migrateHealthData } from './__testUtils__/healthDataDb';
import { DatabaseLogStore } from './DatabaseLogStore';
import { encodeLogCursor } from './cursor';
import { LogLine } from './types';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const T0 = Date.parse('2026-11-20T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** 60 lines, one a minute, over three services; four pairs share a timestamp. */
function fixture(): LogLine[] {
  const services = ['payment-service', 'webhook-service', 'auth-service'];
  const messages = [
    'card declined for customer cus_42: insufficient funds',
    'upstream timeout after 3000 ms calling payment gateway',
    'GET /api/v1/health 200 in 12 ms',
    'Temporal workflow agent-run-7 completed in 900 ms',
    'retrying call after timeout (attempt 2 of 3)',
  ];
  const levels = ['error', 'error', 'info', 'info', 'warn'] as const;
  return Array.from({ length: 60 }, (_, i) => ({
    service_id: services[i % 3],
    level: levels[i % 5],
    message: messages[i % 5],
    // lines 10/11, 20/21, 30/31, 40/41 share their minute: the cursor must break ties by id
    timestamp: at([11, 21, 31, 41].includes(i) ? i - 1 : i),
    trace_id: i % 4 === 0 ? `trace-${i}` : null,
    attributes: { n: i, nested: { ok: true } },
  }));
}

describe.each(databases.eachSupportedId())('DatabaseLogStore (%s)', id => {
  let knex: Knex;
  let store: DatabaseLogStore;
  let stored = 0;
  const lines = fixture();

  beforeAll(async () => {
    knex = await databases.init(id);
    await migrateHealthData(knex);
    store = new DatabaseLogStore(knex);
    stored = await store.ingest(lines);
  });

  it('stores a batch and says how many', () => {
    expect(stored).toBe(60);
  });

  /** Every page through the cursor. */
  async function all(q: PpLogQuery, s = store) {
    const ids: string[] = [];
    let page = await s.query(q);
    const first = page;
    ids.push(...page.items.map(i => i.id));
    while (page.next_cursor) {
      page = await s.query({ ...q, cursor: page.next_cursor });
      expect(page.total_estimate).toBeNull();
      ids.push(...page.items.map(i => i.id));
    }
    return { first, ids };
  }

  it('answers newest first with the stored fields and the backend', async () => {
    const page = await store.query({ limit: 2 });
    expect(page.backend).toBe(
      id.startsWith('POSTGRES') ? 'postgres' : 'sqlite',
    );
    expect(page.limit).toBe(2);
    expect(page.total_estimate).toBe(60);
    expect(page.total_is_lower_bound).toBe(false);
    expect(page.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      service_id: 'auth-service',
      level: 'warn',
      message: 'retrying call after timeout (attempt 2 of 3)',
      timestamp: '2026-11-20T00:59:00.000Z',
      trace_id: null,
      attributes: { n: 59, nested: { ok: true } },
      data_source: 'live',
    });
    expect(page.items[1].timestamp).toBe('2026-11-20T00:58:00.000Z');
    expect(page.next_cursor).toEqual(expect.any(String));
  });

  it('pages through ties without losing or repeating a line', async () => {
    const { first, ids } = await all({ limit: 7 });
    expect(first.items).toHaveLength(7);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const times = await knex('pp_logs').whereIn('id', ids).select('id', 'ts');
    const byId = new Map(
      times.map(t => [String(t.id), new Date(t.ts).getTime()]),
    );
    const seq = ids.map(i => byId.get(i)!);
    expect([...seq].sort((a, b) => b - a)).toEqual(seq);
  });

  it('combines service, levels, time range and trace id', async () => {
    const { first, ids } = await all({
      service: 'payment-service',
      levels: ['error', 'warn'],
      from: at(10).toISOString(),
      to: at(40).toISOString(),
      limit: 2,
    });
    const expected = lines
      .map((l, i) => ({ l, i }))
      .filter(
        ({ l }) =>
          l.service_id === 'payment-service' &&
          ['error', 'warn'].includes(l.level) &&
          l.timestamp >= at(10) &&
          l.timestamp < at(40),
      );
    expect(expected.length).toBeGreaterThan(2);
    expect(first.total_estimate).toBe(expected.length);
    expect(ids).toHaveLength(expected.length);

    const traced = await store.query({ trace_id: 'trace-8' });
    expect(traced.items.map(i => i.attributes.n)).toEqual([8]);
    expect(traced.items[0].trace_id).toBe('trace-8');
  });

  it('searches text: words, a phrase, or, an exclusion, with highlights', async () => {
    const timeout = await store.query({ text: 'timeout', limit: 100 });
    expect(timeout.total_estimate).toBe(24);
    expect(timeout.items).toHaveLength(24);
    const upstream = timeout.items.find(i => i.message.startsWith('upstream'))!;
    expect(upstream.highlights).toEqual([{ start: 9, end: 16 }]);

    const phrase = await store.query({ text: '"card declined" cus_42' });
    expect(phrase.total_estimate).toBe(12);
    expect(phrase.items[0].highlights).toEqual([
      { start: 0, end: 13 },
      { start: 27, end: 33 },
    ]);

    const either = await store.query({ text: 'declined or completed' });
    expect(either.total_estimate).toBe(24);

    const without = await store.query({ text: 'timeout -retrying' });
    expect(without.total_estimate).toBe(12);
    expect(without.items.every(i => i.message.startsWith('upstream'))).toBe(
      true,
    );

    const none = await store.query({ text: 'nothing-like-this' });
    expect(none).toMatchObject({
      items: [],
      next_cursor: null,
      total_estimate: 0,
    });
  });

  it('refuses text without words and a cursor that is not ours', async () => {
    await expect(store.query({ text: '"" - !!' })).rejects.toThrow(InputError);
    await expect(store.query({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(
      /cursor/,
    );
    await expect(
      store.query({ cursor: encodeLogCursor({ t: 'yesterday', i: '1' }) }),
    ).rejects.toThrow(InputError);
  });

  it('caps the count and says it is a lower bound', async () => {
    const capped = new DatabaseLogStore(knex, { countCap: 10 });
    const page = await capped.query({ limit: 5 });
    expect(page.total_estimate).toBe(10);
    expect(page.total_is_lower_bound).toBe(true);
    const text = await capped.query({ text: 'timeout', limit: 5 });
    expect(text.total_estimate).toBe(10);
    expect(text.total_is_lower_bound).toBe(true);
  });

  if (id.startsWith('POSTGRES')) {
    it('gives the same pages through the probe and through the index', async () => {
      const queries: PpLogQuery[] = [
        { text: 'timeout', limit: 5 }, // common: settled by the probe
        { text: 'completed', service: 'payment-service', limit: 3 },
        { text: '"card declined"', levels: ['error'], limit: 4 },
        { text: 'cus_42 -declined', limit: 5 }, // no match at all
        { text: 'timeout', levels: ['warn', 'error'], limit: 4 }, // two level arms
        { text: 'timeout', levels: ['info'], limit: 5 }, // the word, never at that level
      ];
      for (const q of queries) {
        const reference = await all(q);
        // a tiny probe: most queries go through the counted (rare text) path
        const small = await all(
          q,
          new DatabaseLogStore(knex, { probeSize: 3 }),
        );
        expect(small.ids).toEqual(reference.ids);
        // the counted path is exact
        expect(small.first.total_is_lower_bound).toBe(false);
        expect(small.first.total_estimate).toBe(
          reference.first.items.length === 0 ? 0 : small.ids.length,
        );
        // more matches than the count cap: the ordinary page query
        const capped = await all(
          q,
          new DatabaseLogStore(knex, { probeSize: 3, countCap: 2 }),
        );
        expect(capped.ids).toEqual(reference.ids);
      }
    });
  }

  if (id.startsWith('POSTGRES')) {
    it('searches text through one partial GIN index per level', async () => {
      const { rows } = await knex.raw(
        `select indexname from pg_indexes where tablename = 'pp_logs' and indexdef like '%gin%' order by indexname`,
      );
      expect(rows.map((r: { indexname: string }) => r.indexname)).toEqual([
        'pp_logs_search_debug_idx',
        'pp_logs_search_error_idx',
        'pp_logs_search_fatal_idx',
        'pp_logs_search_info_idx',
        'pp_logs_search_warn_idx',
      ]);
      // the store's per-level arms are what lets the planner pick those indexes: explain the count
      let count: { sql: string; bindings: unknown[] } | undefined;
      const spy = (q: { sql: string; bindings: unknown[] }) => {
        if (q.sql.includes('capped')) count = q;
      };
      knex.on('query', spy);
      try {
        await new DatabaseLogStore(knex, { probeSize: 1 }).query({
          text: 'timeout',
          levels: ['debug', 'warn'],
          limit: 5,
        });
      } finally {
        knex.removeListener('query', spy);
      }
      expect(count).toBeDefined();
      // on 60 rows the level btree is as cheap as anything: hide it (rolled back) to see what the
      // text arms can use
      const tx = await knex.transaction();
      let plan: string;
      try {
        await tx.raw('set local enable_seqscan = off');
        await tx.raw('set local enable_indexscan = off');
        await tx.raw('drop index pp_logs_level_ts_idx');
        const out = await tx.raw(
          `explain ${count!.sql.replace(/\$\d+/g, '?')}`,
          count!.bindings as Knex.RawBinding[],
        );
        plan = out.rows
          .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
          .join('\n');
      } finally {
        await tx.rollback();
      }
      // one arm per level asked for, each through its level's index
      expect(plan).toContain('pp_logs_search_debug_idx');
      expect(plan).toContain('pp_logs_search_warn_idx');
      expect(plan).not.toMatch(/info|error|fatal/);
    });
  }

  it('prunes lines older than the cutoff in batches', async () => {
    const pruner = new DatabaseLogStore(knex, { pruneBatch: 7 });
    expect(await pruner.prune(at(20))).toBe(20); // lines 0..19 (minutes 0..19)
    const left = await store.query({ limit: 500 });
    expect(left.total_estimate).toBe(40);
    expect(
      left.items.every(i => Date.parse(i.timestamp) >= at(20).getTime()),
    ).toBe(true);
    expect(await pruner.prune(at(20))).toBe(0);
  });
});
