import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { createProductionLikeCp } from './__testUtils__/productionLikeCp';
import {
  CP_ALLOWED_COLUMNS,
  DatabaseCustomerPortalStore,
} from './DatabaseCustomerPortalStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const SECRETS = [
  'SECRET-INDUSTRY-DATA',
  'SECRET-STRATEGIC-PLAN',
  'SECRET-NEW-COLUMN',
  'SECRET-PROMPT',
];

const iso = (s: string) => new Date(s).toISOString();

describe.each(databases.eachSupportedId())('CP connector (%s)', id => {
  let db: Knex;
  let cp: DatabaseCustomerPortalStore;

  beforeAll(async () => {
    db = await databases.init(id);
    await createProductionLikeCp(db);
    const engineTime = (s: string) =>
      db.client.config.client === 'pg' ? new Date(s) : iso(s);
    await db('agents').insert({
      id: 'ag1',
      name: 'Agent One',
      industry: 'marketing',
      system_prompt: 'SECRET-PROMPT',
    });
    await db('subscriptions').insert({
      id: 's1',
      customer_id: 'c1',
      customer_name: 'Customer One',
      agent_id: 'ag1',
      plan: 'pro',
      status: 'churned',
      expected_runs_per_day: 2,
      started_at: engineTime('2026-10-01T00:00:00Z'),
      contact_email: 'ops@customer-one.example',
      industry_data: 'SECRET-INDUSTRY-DATA',
      strategic_plans: 'SECRET-STRATEGIC-PLAN',
      some_column_cp_added_later: 'SECRET-NEW-COLUMN',
    });
    const runs = Array.from({ length: 5 }, (_, i) => ({
      id: `r${i + 1}`,
      subscription_id: 's1',
      agent_id: 'ag1',
      status: i % 2 ? 'failed' : 'succeeded',
      inputs: JSON.stringify({ prompt: `task ${i + 1}` }),
      outputs: JSON.stringify({ ok: i % 2 === 0 }),
      actions: JSON.stringify([{ type: 'email' }]),
      error_message: i % 2 ? `boom ${i + 1}` : null,
      created_at: engineTime(`2026-11-2${i + 1}T10:00:00Z`),
      started_at: engineTime(`2026-11-2${i + 1}T10:00:01Z`),
      finished_at: engineTime(`2026-11-2${i + 1}T10:00:30Z`),
      industry_data: 'SECRET-INDUSTRY-DATA',
      strategic_plans: 'SECRET-STRATEGIC-PLAN',
      some_column_cp_added_later: 'SECRET-NEW-COLUMN',
    }));
    await db('agent_runs').insert(runs);
    cp = new DatabaseCustomerPortalStore(db);
  });

  const noSecrets = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const s of SECRETS) expect(text).not.toContain(s);
  };

  it('selects only the allow-listed columns, whatever else CP tables hold', async () => {
    const queries: string[] = [];
    const onQuery = (q: { sql: string }) => queries.push(q.sql);
    db.on('query', onQuery);
    try {
      const sub = await cp.getSubscription('s1');
      expect(sub).toEqual({
        id: 's1',
        customer_id: 'c1',
        customer_name: 'Customer One',
        agent_id: 'ag1',
        agent_name: 'Agent One',
        industry: 'marketing',
        plan: 'pro',
        status: 'churned',
        expected_runs_per_day: 2,
        started_at: '2026-10-01T00:00:00.000Z',
        canceled_at: null,
      });
      noSecrets(sub);
      noSecrets(await cp.listSubscriptions({ limit: 10 }));
      const runs = await cp.listRuns('s1', { limit: 10 });
      expect(runs).toHaveLength(5);
      expect(Object.keys(runs[0]).sort()).toEqual(
        [
          'id',
          'agent_id',
          'status',
          'inputs',
          'outputs',
          'actions',
          'error_message',
          'created_at',
          'started_at',
          'finished_at',
          'position', // the keyset position (created_at at CP's precision), not an API field
        ].sort(),
      );
      expect(runs[0]).toMatchObject({
        id: 'r5',
        inputs: { prompt: 'task 5' },
        actions: [{ type: 'email' }],
        created_at: '2026-11-25T10:00:00.000Z',
        finished_at: '2026-11-25T10:00:30.000Z',
      });
      noSecrets(runs);
      noSecrets(await cp.recentErrors('s1', 10));
      const batches: string[][] = [];
      for await (const batch of cp.runBatches('s1', {}, 2)) {
        noSecrets(batch);
        expect(Object.keys(batch[0]).sort()).toEqual(
          Object.keys(runs[0]).sort(),
        );
        batches.push(batch.map(r => r.id));
      }
      expect(batches).toEqual([['r1', 'r2'], ['r3', 'r4'], ['r5']]);
      expect(await cp.countRuns('s1', {})).toBe(5);
      noSecrets(
        await cp.runMarks('s1', {
          start: new Date('2026-11-01T00:00:00Z'),
          end: new Date('2026-12-01T00:00:00Z'),
        }),
      );
    } finally {
      db.removeListener('query', onQuery);
    }
    expect(queries.length).toBeGreaterThan(0);
    for (const sql of queries) {
      expect(sql).not.toMatch(/\*\s+from|select\s+\*|\.\*/i);
      expect(sql).not.toMatch(/industry_data|strategic_plans|later|prompt/);
    }
  });

  it('reads contacts of live subscriptions only, and never as part of a subscription', async () => {
    await db('subscriptions').insert([
      {
        id: 's3',
        customer_id: 'c3',
        customer_name: 'Customer Three',
        agent_id: 'ag1',
        status: 'active',
        contact_email: ' ops@customer-three.example ',
        industry_data: 'SECRET-INDUSTRY-DATA',
      },
      {
        id: 's4',
        customer_id: 'c4',
        customer_name: 'Customer Four',
        agent_id: 'ag1',
        status: 'trial',
        contact_email: null,
      },
    ]);
    const queries: string[] = [];
    const onQuery = (q: { sql: string }) => queries.push(q.sql);
    db.on('query', onQuery);
    try {
      // s1 is churned; s4 has no address
      expect(await cp.liveContacts('ag1')).toEqual({
        agent_name: 'Agent One',
        items: [
          {
            subscription_id: 's3',
            customer_name: 'Customer Three',
            contact_email: 'ops@customer-three.example',
          },
        ],
      });
      expect(await cp.liveContacts('nope')).toEqual({
        agent_name: null,
        items: [],
      });
      const sub = await cp.getSubscription('s3');
      expect(sub).not.toHaveProperty('contact_email');
      expect(
        JSON.stringify(await cp.listSubscriptions({ limit: 10 })),
      ).not.toContain('customer-three');
    } finally {
      db.removeListener('query', onQuery);
      await db('subscriptions').whereIn('id', ['s3', 's4']).delete();
    }
    for (const sql of queries) {
      expect(sql).not.toMatch(/\*\s+from|select\s+\*|\.\*/i);
      expect(sql).not.toMatch(/industry_data|strategic_plans|later|prompt/);
    }
  });

  it('declares no sensitive column in its allow-list', () => {
    const all: string[] = Object.values(CP_ALLOWED_COLUMNS).flat();
    expect(all).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/industry_data|strateg/)]),
    );
  });

  it('pages runs newest first by keyset and filters them', async () => {
    const first = await cp.listRuns('s1', { limit: 2 });
    expect(first.map(r => r.id)).toEqual(['r5', 'r4']);
    const next = await cp.listRuns('s1', {
      limit: 2,
      before: { created_at: first[1].created_at, id: first[1].id },
    });
    expect(next.map(r => r.id)).toEqual(['r3', 'r2']);
    const failed = await cp.listRuns('s1', { limit: 10, status: ['failed'] });
    expect(failed.map(r => r.id)).toEqual(['r4', 'r2']);
    const windowed = await cp.listRuns('s1', {
      limit: 10,
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
    });
    expect(windowed.map(r => r.id)).toEqual(['r3', 'r2']);
  });

  it('pages runs apart that CP stored within one millisecond (PostgreSQL keeps microseconds)', async () => {
    await db('agent_runs').insert(
      ['.123456', '.123400', '.123000'].map((us, i) => ({
        id: `m${i + 1}`,
        subscription_id: 's2',
        agent_id: 'ag1',
        status: 'succeeded',
        created_at: `2026-11-30T10:00:00${us}Z`,
      })),
    );
    const seen: string[] = [];
    let before: { created_at: string; id: string } | undefined;
    for (;;) {
      const page = await cp.listRuns('s2', { limit: 1, before });
      if (!page.length) break;
      seen.push(page[0].id);
      before = { created_at: page[0].position, id: page[0].id };
    }
    expect(seen).toEqual(['m1', 'm2', 'm3']);
  });

  it('reads an export’s runs oldest first in keyset batches, filtered, and counts them', async () => {
    const ids = async (filter: object, size: number) => {
      const out: string[][] = [];
      for await (const b of cp.runBatches('s1', filter, size)) {
        out.push(b.map(r => r.id));
      }
      return out;
    };
    // a full last batch ends with one more (empty) query, no empty batch
    expect(await ids({}, 5)).toEqual([['r1', 'r2', 'r3', 'r4', 'r5']]);
    expect(await ids({ status: ['failed'] }, 1)).toEqual([['r2'], ['r4']]);
    const window = {
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
    };
    expect(await ids(window, 10)).toEqual([['r2', 'r3']]);
    expect(await cp.countRuns('s1', window)).toBe(2);
    expect(await cp.countRuns('s1', { status: ['failed'] })).toBe(2);
    expect(await cp.countRuns('nope', {})).toBe(0);
    // runs CP stored within one millisecond come apart (PostgreSQL keeps microseconds; the
    // runs of s2 are inserted by the test above)
    const s2: string[] = [];
    for await (const b of cp.runBatches('s2', {}, 1)) s2.push(b[0].id);
    expect(s2).toEqual(['m3', 'm2', 'm1']);
  });

  it('counts runs per subscription in a window', async () => {
    const counts = await cp.runCounts(['s1', 'nope'], {
      start: new Date('2026-11-22T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
    });
    expect(counts.get('s1')).toEqual({ total: 4, succeeded: 2, failed: 2 });
    expect(counts.has('nope')).toBe(false);
    expect(await cp.recentErrors('s1', 1)).toEqual([
      {
        id: 'r4',
        created_at: '2026-11-24T10:00:00.000Z',
        error_message: 'boom 4',
      },
    ]);
  });
});
