/*
 * Health data benchmark (issue #5). In a throwaway PostgreSQL database:
 * - health checks: 6.7 M rows (13 services × one check every 30 s × 180 days) with the rollups and
 *   latest state the plugin keeps, then the overview and service-detail reads through the plugin's
 *   own code (see checks.ts);
 * - logs: 10 M lines spread over 180 days (the spec's retention), then log queries through
 *   `DatabaseLogStore.query` (the code behind POST /pp/v1/health/logs/query).
 * Each read is timed next to the equivalent raw SQL sent through `pg` in the same run.
 * Targets: overview p95 ≤ 50 ms, log query p95 ≤ 200 ms.
 *
 * Run: bench/health/run.sh [--scale 0.05] [--iterations 200] [--only logs|checks] [--keep]
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { PP_LOG_LEVELS, PpLogQuery } from '@internal/plugin-pp-common';
import { DatabaseLogStore } from '../../plugins/pp-health-backend/src/logs/DatabaseLogStore';
// The spec's 13 monitored services.
import { PP_DEMO_LOG_SERVICES as SERVICES } from '../../plugins/pp-health-backend/src/logs/demoLogs';
import { benchChecks } from './checks';
import {
  Comparison,
  bulkLoad,
  compare,
  formatComparisons,
  progress,
} from './util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Pool, Client } = require('pg');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const next = process.argv[i + 1];
  return next && !next.startsWith('--') ? next : 'true';
}

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const SCALE = Number(arg('scale') ?? process.env.PP_BENCH_SCALE ?? 1);
const ITERATIONS = Number(arg('iterations') ?? 200);
const ONLY = arg('only');
const KEEP = arg('keep') === 'true';
const LOG_ROWS = Math.round(10_000_000 * SCALE);
const DAY_MS = 86_400_000;
// Whole seconds, so generated timestamps are millisecond-exact like ingested ones.
const END_MS = Math.floor(Date.now() / 1000) * 1000;

function dbUrl(name: string) {
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

const sqlList = (values: string[]) => values.map(v => `'${v}'`).join(',');

// 20 message templates with their levels: ~10 % mention "timeout", 5 % "declined".
const TEMPLATES: Array<[string, string]> = [
  ['info', 'GET /api/v1/health 200 in {n} ms'],
  ['info', 'POST /api/v1/subscriptions 201 in {n} ms for customer cus_{c}'],
  ['info', 'GET /api/v1/agents/{n} 200 in 12 ms'],
  ['info', 'processed {n} events from queue agent-events'],
  ['info', 'user signed in with google (customer cus_{c})'],
  ['info', 'Temporal workflow agent-run-{c} completed in {n} ms'],
  ['info', 'invoice inv_{c} generated for customer cus_{c}'],
  ['info', 'webhook delivered to customer endpoint in {n} ms'],
  ['info', 'trial started for customer cus_{c} (7 days)'],
  ['info', 'cache refreshed: {n} entries'],
  ['info', 'scheduled job scraping finished, {n} records ingested'],
  ['info', 'agent hired by customer cus_{c}'],
  ['debug', 'cache hit for key subscription:{c} (ttl 300s)'],
  ['debug', 'sql select took {n} ms rows=12'],
  ['debug', 'feature flag evaluation: new-pricing=false'],
  ['warn', 'slow query on subscriptions took {n} ms (threshold 500 ms)'],
  [
    'warn',
    'retrying call to orchestration-service after timeout (attempt 2 of 3)',
  ],
  ['warn', 'rate limit at 85% for tenant cus_{c} (100 calls/min)'],
  [
    'error',
    'upstream timeout after {n} ms calling payment gateway for cus_{c}',
  ],
  ['error', 'card declined for customer cus_{c}: insufficient funds'],
];

const LOG_INSERT = `
insert into pp_logs (service_id, level, message, ts, trace_id, attributes, received_at)
select
  (array[${sqlList(SERVICES)}])[1 + (g % 13)],
  case when g % 5000 = 0 then 'fatal' else (array[${sqlList(
    TEMPLATES.map(t => t[0]),
  )}])[1 + t] end,
  case when g % 5000 = 0 then 'out of memory in worker ' || (g % 7) || '; restarting'
       else replace(replace((array[${sqlList(
         TEMPLATES.map(t => t[1].replace(/'/g, "''")),
       )}])[1 + t],
         '{n}', ((g * 31) % 2999 + 3)::text), '{c}', (g % 100003)::text) end,
  ts, case when g % 5 = 0 then md5(g::text) end, '{"bench":true}', ts
from (
  select g, ((g * 7919) % 20)::int as t,
    timestamptz 'epoch' + ((:end::bigint - g * :step::bigint) * interval '1 millisecond') as ts
  from generate_series(:from::bigint, :to::bigint) g
) s`;

async function loadLogs(knex: Knex, admin: any) {
  const step = Math.floor((180 * DAY_MS) / LOG_ROWS);
  const chunk = 500_000;
  const took = await bulkLoad(admin, 'pp_logs', async () => {
    for (let from = 0; from < LOG_ROWS; from += chunk) {
      const to = Math.min(from + chunk, LOG_ROWS) - 1;
      await knex.raw(LOG_INSERT, { end: END_MS, step, from, to });
      progress(
        `  pp_logs: ${(to + 1).toLocaleString(
          'en-US',
        )} / ${LOG_ROWS.toLocaleString('en-US')}`,
      );
    }
  });
  console.log(
    `\n  loaded ${LOG_ROWS.toLocaleString('en-US')} log lines: insert ${
      took.insertS
    } s, indexes ${took.indexS} s, analyze ${took.analyzeS} s`,
  );
}

/** The SQL `DatabaseLogStore.query` runs for a query (first page: page + capped count), by hand. */
function rawLogSql(q: PpLogQuery, cursor?: { t: string; i: string }) {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.service) where.push(`service_id = ${p(q.service)}`);
  if (q.levels?.length) where.push(`level in (${q.levels.map(p).join(', ')})`);
  if (q.from) where.push(`ts >= ${p(new Date(q.from))}`);
  if (q.to) where.push(`ts < ${p(new Date(q.to))}`);
  if (q.text)
    where.push(`search @@ websearch_to_tsquery('simple', ${p(q.text)})`);
  const countWhere = where.length ? `where ${where.join(' and ')}` : '';
  const countParams = [...params];
  if (cursor)
    where.push(`(ts, id) < (${p(new Date(cursor.t))}, ${p(cursor.i)})`);
  const pageWhere = where.length ? `where ${where.join(' and ')}` : '';
  return {
    page: {
      text: `select id, service_id, level, message, ts, trace_id, attributes from pp_logs ${pageWhere} order by ts desc, id desc limit ${
        (q.limit ?? 100) + 1
      }`,
      values: params,
    },
    count: cursor
      ? undefined
      : {
          text: `select count(*) as n from (select 1 from pp_logs ${countWhere} limit 10001) capped`,
          values: countParams,
        },
  };
}

/**
 * The rare-text statements of the store, by hand: one `union all` arm per level asked for (all when
 * none), each `level = '…' and search @@ …` so it reads that level's partial GIN index.
 */
function rawTextArms(q: PpLogQuery, select: string, armLimit?: number) {
  const { page } = rawLogSql({ ...q, text: undefined, levels: undefined });
  const where = page.text
    .replace(/^select .*? from pp_logs ?/, '')
    .replace(/ ?order by ts desc, id desc limit \d+$/, '');
  const n = page.values.length;
  const levels = PP_LOG_LEVELS.filter(
    l => !q.levels?.length || q.levels.includes(l),
  );
  const arms = levels.map(
    l =>
      `(select ${select} from pp_logs ${
        where ? `${where} and` : 'where'
      } level = '${l}' and search @@ websearch_to_tsquery('simple', $${n + 1})${
        armLimit ? ` limit ${armLimit}` : ''
      })`,
  );
  return { text: arms.join(' union all '), values: [...page.values, q.text] };
}

/**
 * The PostgreSQL text-search SQL the store sends first (see DatabaseLogStore.probeRecent): the
 * newest 20 000 candidates in btree order, tested against the text.
 */
function rawProbeSql(q: PpLogQuery) {
  const { page } = rawLogSql({ ...q, text: undefined });
  const candidates = page.text
    .replace(
      'select id, service_id, level, message, ts, trace_id, attributes from',
      'select id, service_id, level, message, ts, trace_id, attributes, search from',
    )
    .replace(/limit \d+$/, 'limit 20000');
  const n = page.values.length;
  return {
    text: `with c as materialized (${candidates})
      select k.n as probe_candidates, m.* from (select count(*) as n from c) k
      left join lateral (
        select id, service_id, level, message, ts, trace_id, attributes, count(*) over () as probe_matches from c
        where search @@ websearch_to_tsquery('simple', $${n + 1})
        order by ts desc, id desc limit $${n + 2}
      ) m on true`,
    values: [...page.values, q.text, (q.limit ?? 100) + 1],
  };
}

async function benchLogs(knex: Knex, pool: any): Promise<Comparison[]> {
  const store = new DatabaseLogStore(knex);
  const iso = (ms: number) => new Date(ms).toISOString();
  const cases: Array<[string, PpLogQuery]> = [
    ['latest 100, no filter', { limit: 100 }],
    [
      'one service, last 24 h',
      { service: 'payment-service', from: iso(END_MS - DAY_MS), limit: 100 },
    ],
    [
      'one service, error+fatal, 7 days',
      {
        service: 'payment-service',
        levels: ['error', 'fatal'],
        from: iso(END_MS - 7 * DAY_MS),
        limit: 100,
      },
    ],
    ['text "timeout" (10 % of lines), all', { text: 'timeout', limit: 100 }],
    [
      'text "card declined" + service, 30 days',
      {
        text: 'card declined',
        service: 'payment-service',
        from: iso(END_MS - 30 * DAY_MS),
        limit: 100,
      },
    ],
    ['rare token "cus_4242", all 6 months', { text: 'cus_4242', limit: 100 }],
    ['error level only, all 6 months', { levels: ['error'], limit: 100 }],
    // worst case: a common word that never occurs under the other filter
    [
      'text "timeout" at debug level (no match)',
      { text: 'timeout', levels: ['debug'], limit: 100 },
    ],
  ];
  const results: Comparison[] = [];
  for (const [name, q] of cases) {
    const raw = rawLogSql(q);
    // correctness: the store returns the rows the raw SQL returns
    const [viaStore, viaRaw] = await Promise.all([
      store.query(q),
      pool.query(raw.page),
    ]);
    const rawIds = viaRaw.rows
      .slice(0, q.limit ?? 100)
      .map((r: any) => String(r.id));
    if (
      JSON.stringify(viaStore.items.map(i => i.id)) !== JSON.stringify(rawIds)
    ) {
      throw new Error(`${name}: store and raw SQL disagree`);
    }
    // text: the store first probes the newest lines (one statement); the raw baseline sends the same
    // statement and, when the probe does not settle it (rare text), the GIN page + count after it
    const probe = q.text ? rawProbeSql(q) : undefined;
    const rawPath = async () => {
      if (probe) {
        const { rows } = await pool.query(probe);
        const scanned = Number(rows[0]?.probe_candidates ?? 0);
        const matched = rows.filter((r: any) => r.id !== null).length;
        if (scanned < 20000 || matched > (q.limit ?? 100)) return rows;
      }
      if (probe) {
        // rare text: in a transaction with bitmap scans only, the capped count through the GIN
        // index, then (some matches, at most 10 000) all matches collected and sorted
        const client = await pool.connect();
        let settled: unknown;
        try {
          await client.query('begin');
          await client.query(
            "set local enable_seqscan = off; set local enable_indexscan = off; set local work_mem = '32MB'",
          );
          const ones = rawTextArms(q, '1', 10001);
          const counted = Number(
            (
              await client.query({
                text: `select count(*) as n from (select 1 from (${ones.text}) u limit 10001) capped`,
                values: ones.values,
              })
            ).rows[0].n,
          );
          const matches = rawTextArms(
            q,
            'id, service_id, level, message, ts, trace_id, attributes',
          );
          const pageLimit = (q.limit ?? 100) + 1;
          if (counted === 0) settled = [];
          else if (counted <= 10000) {
            settled = await client.query({
              text: `with m as materialized (${matches.text}) select * from m order by ts desc, id desc limit ${pageLimit}`,
              values: matches.values,
            });
          } else {
            settled = await client.query({
              text: `select * from (${matches.text}) m order by ts desc, id desc limit ${pageLimit}`,
              values: matches.values,
            });
          }
          await client.query('commit');
        } finally {
          client.release();
        }
        return settled;
      }
      return Promise.all([
        pool.query(raw.page),
        raw.count ? pool.query(raw.count) : undefined,
      ]);
    };
    results.push(
      await compare(
        `log query: ${name} (${viaStore.items.length} rows, total ${
          viaStore.total_estimate
        }${viaStore.total_is_lower_bound ? '+' : ''})`,
        () => store.query(q),
        rawPath,
        ITERATIONS,
        200,
      ),
    );
  }
  // a deep page: the 5th page of a service's errors, through the cursor
  const q: PpLogQuery = {
    service: 'webhook-service',
    levels: ['error'],
    limit: 100,
  };
  let page = await store.query(q);
  for (let i = 0; i < 3 && page.next_cursor; i++)
    page = await store.query({ ...q, cursor: page.next_cursor });
  const cursor = page.next_cursor;
  if (!cursor) {
    console.log(
      '  too few lines for a 5th page at this scale: cursor row skipped',
    );
    return results;
  }
  const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const raw = rawLogSql(q, decoded);
  results.push(
    await compare(
      'log query: 5th page (cursor), one service errors',
      () => store.query({ ...q, cursor }),
      () => pool.query(raw.page),
      ITERATIONS,
      200,
    ),
  );
  return results;
}

async function main() {
  // --db NAME reuses a database kept by an earlier run (--keep): its data is not loaded again
  const reuse = arg('db');
  const name = reuse ?? `pp_bench_health_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG });
  await admin.connect();
  if (!reuse) await admin.query(`create database ${name}`);
  console.log(
    `Health data benchmark: scale ${SCALE} (${LOG_ROWS.toLocaleString(
      'en-US',
    )} log lines, ${Math.round(6_739_200 * SCALE).toLocaleString(
      'en-US',
    )} health checks), ${ITERATIONS} timed runs per read, database ${name}`,
  );
  const knex = knexFactory({
    client: 'pg',
    connection: dbUrl(name),
    pool: { min: 2, max: 4 },
  });
  const pool = new Pool({ connectionString: dbUrl(name), max: 4 });
  const dbAdmin = new Client({ connectionString: dbUrl(name) });
  await dbAdmin.connect();
  const results: Comparison[] = [];
  try {
    await knex.migrate.latest({
      directory: path.resolve(
        __dirname,
        '../../plugins/pp-health-backend/migrations',
      ),
      tableName: 'pp_health_bench_migrations',
    });
    if (ONLY !== 'checks') {
      const [{ n }] = await knex('pp_logs').count({ n: '*' });
      if (Number(n) === 0) await loadLogs(knex, dbAdmin);
      else
        console.log(
          `  pp_logs already holds ${Number(n).toLocaleString('en-US')} lines`,
        );
      results.push(...(await benchLogs(knex, pool)));
    }
    if (ONLY !== 'logs') {
      results.push(
        ...(await benchChecks({
          knex,
          pool,
          admin: dbAdmin,
          scale: SCALE,
          endMs: END_MS,
          iterations: ITERATIONS,
        })),
      );
    }
    console.log(`\n${formatComparisons(results)}`);
  } finally {
    await knex.destroy();
    await pool.end();
    await dbAdmin.end();
    if (!KEEP && !reuse)
      await admin.query(`drop database ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
