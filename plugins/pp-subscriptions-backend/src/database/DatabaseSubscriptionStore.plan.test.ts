import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import type { Knex } from 'knex';
import { DatabaseSubscriptionStore } from './DatabaseSubscriptionStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

/** The statements the store sends while `work` runs, with their bindings. */
async function captured(db: Knex, work: () => Promise<unknown>) {
  const seen: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) =>
    seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.removeListener('query', listener);
  }
  return seen;
}

/** The plan of one captured statement, as text (the planner told not to scan the table). */
async function plan(
  db: Knex,
  id: string,
  q: { sql: string; bindings: readonly unknown[] },
) {
  if (id.startsWith('POSTGRES')) {
    return db.transaction(async tx => {
      await tx.raw('set local enable_seqscan = off');
      // knex reports PostgreSQL's positional form ($1); raw takes `?`
      const sql = q.sql.replace(/\$\d+/g, '?');
      const r = await tx.raw(`explain ${sql}`, q.bindings as any);
      return r.rows.map((x: any) => x['QUERY PLAN']).join('\n');
    });
  }
  const rows = await db.raw(`explain query plan ${q.sql}`, q.bindings as any);
  return rows.map((x: any) => x.detail).join('\n');
}

const bandOf = (score: number) => {
  if (score >= 80) return 'green' as const;
  return score >= 60 ? ('amber' as const) : ('red' as const);
};

describe.each(databases.eachSupportedId())(
  'subscription list plans (%s)',
  id => {
    it('serves the red list by errors and its band counts from the red indexes', async () => {
      const db = await databases.init(id);
      const store = await DatabaseSubscriptionStore.create({
        database: { getClient: async () => db },
      });
      const row = (n: number) => ({
        id: `sub-${String(n).padStart(4, '0')}`,
        customer_id: `c${n % 50}`,
        customer_name: `Customer ${n % 50}`,
        agent_id: `agent-${n % 7}`,
        agent_name: `Agent ${n % 7}`,
        industry: 'sales',
        plan: 'pro',
        status: 'active' as const,
        score: n % 100,
        band: bandOf(n % 100),
        runs_failed_30d: n % 17,
        scored_day: '2026-12-02',
      });
      await store.saveScores(
        [],
        Array.from({ length: 400 }, (_, n) => row(n)),
        new Date('2026-12-02T12:00:00Z'),
      );
      // (vacuum: the visibility map lets PostgreSQL answer from the index alone)
      if (id.startsWith('POSTGRES'))
        await db.raw('vacuum analyze pp_subscription_list');
      else await db.raw('analyze');

      const filter = { scoreLt: 60 };
      const [page] = await captured(db, () =>
        store.list({
          filter,
          sort: { field: 'runs_failed_30d', desc: true },
          limit: 50,
          after: [10, 'sub-0300'],
        }),
      );
      expect(await plan(db, id, page)).toMatch(
        /pp_subscription_list_red_errors_index/,
      );
      const [counts] = await captured(db, () => store.bandCounts(filter));
      expect(await plan(db, id, counts)).toMatch(
        id.startsWith('POSTGRES')
          ? /Index Only Scan using pp_subscription_list_score_band_index/
          : /COVERING INDEX/, // SQLite: any index holding score and band
      );
    });
  },
);
