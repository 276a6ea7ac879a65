/*
 * Subscriptions at scale (issue #14): with 100 k subscriptions and 10 M agent runs in a PostgreSQL
 * Customer Portal (CP) database,
 *
 * 1. the daily score job (`runScoreJob`: CP read in id-ordered batches, 30-day run counts per
 *    batch, scores + list index written to PP's database) over all subscriptions, timed next to the
 *    raw SQL aggregation of the same 30-day counts over all subscriptions in one statement;
 * 2. the filtered subscription list `GET /pp/v1/subscriptions?…` through the full stack (the
 *    production backend composition, the demo subscription manager signed in) next to the same
 *    page's raw SQL on `pp_subscription_list` (the page and the band counts the route sends), p50/p95
 *    at each concurrency, all in the same run.
 *
 * The CP database `pp_bench_<random>_cp` has the production-like shape (timestamptz, json,
 * customer core data columns PP never reads) and is filled with `generate_series` INSERTs. Every
 * `pp_bench_<random>_*` database is dropped at the end.
 *
 * Run: bench/subscriptions/run.sh   (see bench/README.md)
 */
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import knexFactory from 'knex';
import {
  dbUrl,
  Figures,
  jsonGetter,
  measure,
  ppBenchProductionSettings,
} from '../lib';
import { startPpTestBackend } from '../../packages/backend/src/__testUtils__/ppTestBackend';
import { DatabaseCustomerPortalStore } from '../../plugins/pp-subscriptions-backend/src/database/DatabaseCustomerPortalStore';
import { DatabaseSubscriptionStore } from '../../plugins/pp-subscriptions-backend/src/database/DatabaseSubscriptionStore';
import { createProductionLikeCp } from '../../plugins/pp-subscriptions-backend/src/database/__testUtils__/productionLikeCp';
import { runScoreJob } from '../../plugins/pp-subscriptions-backend/src/service/ScoreJob';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Pool, Client } = require('pg');

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const SUBS = Number(process.env.PP_BENCH_SUBSCRIPTIONS ?? 100_000);
const RUNS = Number(process.env.PP_BENCH_RUNS ?? 10_000_000);
const REQUESTS = Number(process.env.PP_BENCH_REQUESTS ?? 400);
const CONCURRENCY = (process.env.PP_BENCH_CONCURRENCY ?? '1,8')
  .split(',')
  .map(Number);
const WARMUP = Math.min(100, REQUESTS);
// CP's index on agent_runs: `covering` = (subscription_id, created_at, id) include (status), what the
// read replica needs for index-only counts; `plain` = (subscription_id, created_at) only.
const CP_INDEX = process.env.PP_BENCH_CP_INDEX ?? 'covering';

const COMPANIES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Vandelay', 'Pied Piper', 'Aperture', 'Monarch', 'Oscorp', 'Dunder', 'Gringotts', 'Nakatomi', 'Massive',
]; // prettier-ignore
const INDUSTRIES = ['marketing', 'education', 'sales'];

// CP's rows. 20 agents over three industries; subscriptions spread over SUBS/5 customers, with
// 85 % active, 5 % churned, 4 % paused, 3 % canceled, 3 % trial, cadence 1–5 runs a day.
const FILL_SUBSCRIPTIONS = `
insert into agents (id, name, industry, system_prompt)
select 'agent-' || lpad(a::text, 2, '0'), 'Agent ' || a, (array['${INDUSTRIES.join(
  "','",
)}'])[1 + a % 3], 'SECRET PROMPT'
from generate_series(1, 20) a;
insert into subscriptions (id, customer_id, customer_name, agent_id, plan, status,
  expected_runs_per_day, started_at, canceled_at, industry_data, strategic_plans, some_column_cp_added_later)
select 'sub-' || lpad(g::text, 7, '0'),
  'cust-' || lpad((g % greatest(1, $1::int / 5))::text, 6, '0'),
  (array['${COMPANIES.join(
    "','",
  )}'])[1 + g % 20] || ' ' || (g % greatest(1, $1::int / 5)),
  'agent-' || lpad((1 + (g * 7) % 20)::text, 2, '0'),
  (array['trial', 'starter', 'standard', 'pro'])[1 + g % 4],
  case when g % 100 < 5 then 'churned' when g % 100 < 9 then 'paused'
       when g % 100 < 12 then 'canceled' when g % 100 < 15 then 'trial' else 'active' end,
  1 + g % 5,
  now() - interval '400 days' + (g % 300) * interval '1 day',
  case when g % 100 between 9 and 11 then now() - (g % 20) * interval '1 day' end,
  'SECRET INDUSTRY DATA', 'SECRET PLAN', 'SECRET NEW'
from generate_series(1, $1::int) g`;

// CP's runs over the last 30 days, ~RUNS/SUBS per subscription on average, skewed (a subscription
// picked with probability rising towards low ids: random()^2), mostly succeeded; the failure rate
// depends on the subscription (0–36 %), so every band is populated.
const FILL_RUNS = `
insert into agent_runs (id, subscription_id, agent_id, status, inputs, outputs, actions, error_message,
  created_at, started_at, finished_at, industry_data, strategic_plans)
select 'run-' || lpad(g::text, 9, '0'), 'sub-' || lpad(s::text, 7, '0'),
  'agent-' || lpad((1 + (s * 7) % 20)::text, 2, '0'),
  case when fail then 'failed' else 'succeeded' end,
  '{"prompt":"Write a post"}'::json, case when fail then null else '{"ok":true}'::json end, null,
  case when fail then 'Upstream timeout after 30 s' end,
  at, at + interval '1 second', at + interval '9 seconds', 'SECRET', 'SECRET'
from (
  select g, s, now() - random() * interval '30 days' as at,
    random() < (s % 10) * 0.04 as fail
  from (
    select g, 1 + floor($2::int * power(random(), 1.5))::int as s
    from generate_series($1::int, $3::int) g
  ) x
) y`;

// The raw aggregation baseline: the score job's 30-day run counts, all subscriptions, one statement.
const RAW_COUNTS = `
select subscription_id, count(*) as total,
  sum(case when status = 'succeeded' then 1 else 0 end) as succeeded,
  sum(case when status = 'failed' then 1 else 0 end) as failed
from agent_runs where created_at >= $1 and created_at < $2 group by subscription_id`;

/** A filtered list and the raw statements that answer it (page + band counts, as the route does). */
interface Case {
  name: string;
  query: string;
  where: string;
  params: unknown[];
  order: string;
  /** the keyset condition of the deep page, filled from the API's next_cursor */
  deep?: boolean;
}

async function main() {
  const prefix = `pp_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  const cpName = `${prefix}cp`;
  const admin = new Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`create database ${cpName}`);
  const cpKnex = knexFactory({
    client: 'pg',
    connection: dbUrl(PG, cpName),
    pool: { min: 0, max: 5 },
  });
  let pp: Awaited<ReturnType<typeof startPpTestBackend>> | undefined;
  let listPool: any;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    // 1. CP: production-like tables, filled, indexed, analyzed
    await createProductionLikeCp(cpKnex);
    const cpPool = new Pool({ connectionString: dbUrl(PG, cpName), max: 4 });
    let t0 = Date.now();
    await cpPool.query(FILL_SUBSCRIPTIONS.split(';')[0]);
    await cpPool.query(FILL_SUBSCRIPTIONS.split(';')[1], [SUBS]);
    const subsMs = Date.now() - t0;
    t0 = Date.now();
    // in chunks of 1 M, two at a time (2 cores)
    const chunk = 1_000_000;
    const chunks: Array<[number, number]> = [];
    for (let from = 1; from <= RUNS; from += chunk) {
      chunks.push([from, Math.min(RUNS, from + chunk - 1)]);
    }
    await Promise.all(
      [0, 1].map(async k => {
        for (let i = k; i < chunks.length; i += 2) {
          await cpPool.query(FILL_RUNS, [chunks[i][0], SUBS, chunks[i][1]]);
        }
      }),
    );
    const runsMs = Date.now() - t0;
    t0 = Date.now();
    // CP's index for a subscription's runs in time order (the export's and the forensic reads');
    // the score job's counts read (subscription_id, created_at) ranges and the status
    await cpPool.query(
      CP_INDEX === 'plain'
        ? 'create index agent_runs_subscription_created on agent_runs (subscription_id, created_at)'
        : 'create index agent_runs_subscription_created on agent_runs (subscription_id, created_at, id) include (status)',
    );
    const indexMs = Date.now() - t0;
    t0 = Date.now();
    await cpPool.query('vacuum analyze agents');
    await cpPool.query('vacuum analyze subscriptions');
    await cpPool.query('vacuum analyze agent_runs');
    const vacuumMs = Date.now() - t0;
    const size = await cpPool.query(
      "select pg_size_pretty(pg_total_relation_size('agent_runs')) as s",
    );
    console.log(
      `CP filled (${cpName}): ${SUBS} subscriptions in ${(
        subsMs / 1000
      ).toFixed(1)} s, ${RUNS} runs in ${(runsMs / 1000).toFixed(
        1,
      )} s, ${CP_INDEX} index ${(indexMs / 1000).toFixed(
        1,
      )} s, vacuum analyze ${(vacuumMs / 1000).toFixed(1)} s (agent_runs ${
        size.rows[0].s
      }); load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );

    // 2. the backend, reading the bench CP; the scheduled score job far away (the bench runs it)
    console.log(`Booting the backend on PostgreSQL (databases ${prefix}*) ...`);
    pp = await startPpTestBackend({
      database: 'POSTGRES_15',
      config: {
        backend: { database: { client: 'pg', connection: PG, prefix } },
        auth: { providers: { 'pp-dev': { enabled: false }, 'pp-test': {} } },
        pp: {
          ...ppBenchProductionSettings(),
          // demo stays on: the demo people (the subscription manager) sign in
          demo: { enabled: true },
          customerPortal: {
            database: { client: 'pg', connection: dbUrl(PG, cpName) },
          },
          subscriptions: {
            scoreJob: { initialDelaySeconds: 24 * 3600 },
            incidents: { enabled: false },
          },
          helpdesk: { slaCheckSeconds: 3600 },
          health: { demo: { enabled: false } },
        },
      },
    });
    const ppSubsDb = `${prefix}pp-subscriptions`;
    const ppKnex = knexFactory({
      client: 'pg',
      connection: dbUrl(PG, ppSubsDb),
      pool: { min: 0, max: 5 },
    });
    listPool = new Pool({ connectionString: dbUrl(PG, ppSubsDb), max: 10 });

    // 3. the score job, timed, next to the raw aggregation
    const now = new Date();
    const start = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
    t0 = Date.now();
    const agg = await cpPool.query(RAW_COUNTS, [start, now]);
    const rawMs = Date.now() - t0;
    const cp = new DatabaseCustomerPortalStore(cpKnex);
    const store = await DatabaseSubscriptionStore.create({
      database: { getClient: async () => ppKnex },
      skipMigrations: true,
    });
    const settings = {
      defaultExpectedRunsPerDay: 1,
      scoreJobMinutes: 60,
      scoreJobInitialDelaySeconds: 30,
    } as any;
    t0 = Date.now();
    const run = await runScoreJob({ cp, store, settings, now });
    const jobMs = Date.now() - t0;
    await listPool.query('vacuum analyze pp_subscription_list');
    await listPool.query('vacuum analyze pp_subscription_scores');
    const bands = await listPool.query(
      'select band, count(*)::int as n from pp_subscription_list group by band order by band',
    );
    console.log(
      `\nScore job: ${run.scored} scored, ${
        run.failedBatches
      } failed batches, ${run.pruned} pruned in ${(jobMs / 1000).toFixed(
        1,
      )} s (target <= 60 s: ${
        jobMs <= 60_000 ? 'met' : 'NOT met'
      }); raw SQL 30-day counts of all subscriptions in one statement: ${(
        rawMs / 1000
      ).toFixed(1)} s (${agg.rowCount} subscriptions with runs); ratio ${(
        jobMs / rawMs
      ).toFixed(2)}x; bands ${bands.rows
        .map((r: any) => `${r.band}=${r.n}`)
        .join(' ')}`,
    );
    await cpPool.end();

    // 4. the list through the stack vs its raw SQL
    const authorization = await pp.bearer('sam.subscriptions@waooaw.com');
    const getJson = jsonGetter(pp!.baseUrl, authorization, agent);
    const prefixName = `${COMPANIES[0].toLowerCase()} 12`;
    const cols = 'select * from pp_subscription_list';
    const bySCore = 'order by score asc, id asc';
    const byErrorsDesc = 'order by runs_failed_30d desc, id desc';
    const cases: Case[] = [
      {
        name: 'band=red',
        query: 'band=red',
        where: "band in ('red')",
        params: [],
        order: bySCore,
      },
      {
        name: 'score_lt=60&sort=-errors',
        query: 'score_lt=60&sort=-errors',
        where: 'score < 60 and score >= 0',
        params: [],
        order: byErrorsDesc,
      },
      {
        name: 'status=churned',
        query: 'status=churned',
        where: "status in ('churned')",
        params: [],
        order: bySCore,
      },
      {
        name: `customer=${prefixName}`,
        query: `customer=${encodeURIComponent(prefixName)}`,
        where: "(customer_id = $1 or customer_name_lower like $2 escape '\\')",
        params: [prefixName, `${prefixName}%`],
        order: bySCore,
      },
      {
        name: 'industry=sales',
        query: 'industry=sales',
        where: "industry = 'sales'",
        params: [],
        order: bySCore,
      },
      {
        name: 'score_lt=60&sort=-errors p2',
        query: 'score_lt=60&sort=-errors',
        where: 'score < 60 and score >= 0',
        params: [],
        order: byErrorsDesc,
        deep: true,
      },
    ];
    const rows: Array<{
      name: string;
      c: number;
      stack: Figures;
      sql: Figures;
      page: Figures;
    }> = [];
    for (const k of cases) {
      let path = `/pp/v1/subscriptions?${k.query}&limit=50`;
      let pageWhere = k.where;
      let pageParams = k.params;
      const first = await getJson(path);
      if (k.deep) {
        const [value, id] = JSON.parse(
          Buffer.from(first.next_cursor, 'base64url').toString('utf8'),
        );
        path += `&cursor=${encodeURIComponent(first.next_cursor)}`;
        const n = k.params.length;
        pageWhere = `${k.where} and (runs_failed_30d < $${
          n + 1
        } or (runs_failed_30d = $${n + 1} and id < $${n + 2}))`;
        pageParams = [...k.params, value, id];
      }
      const pageSql = `${cols} where ${pageWhere} ${k.order} limit 51`;
      const countsSql = `select band, count(*) as n from pp_subscription_list where ${k.where} group by band`;
      const countsWhere = k.where.startsWith('band') ? 'true' : k.where;
      // filtered by status/industry/agent or not at all, the store sums the trigger-kept counters
      // (migration 20261217100000); otherwise it counts the matching rows
      const countsSqlNoBand = /score|customer/.test(k.where)
        ? countsSql.replace(k.where, countsWhere)
        : `select band, sum(n) as n from pp_subscription_band_counts where ${countsWhere} group by band`;
      // sanity: the API's page is the raw page
      const api = await getJson(path);
      const raw = await listPool.query(pageSql, pageParams);
      if (
        api.items.length !== Math.min(50, raw.rows.length) ||
        (raw.rows.length && api.items[0].id !== raw.rows[0].id)
      ) {
        throw new Error(`${k.name}: API and raw SQL disagree`);
      }
      console.log(
        `${k.name}: ${api.items.length} items, band_counts ${JSON.stringify(
          api.band_counts,
        )}`,
      );
      const viaStack = () => getJson(path).then(() => undefined);
      const pageOnly = async () => {
        await listPool.query(pageSql, pageParams);
      };
      const viaSql = async () => {
        await Promise.all([
          listPool.query(pageSql, pageParams),
          listPool.query(countsSqlNoBand, k.params),
        ]);
      };
      for (const c of CONCURRENCY) {
        await measure(WARMUP, c, viaStack);
        const stack = await measure(REQUESTS, c, viaStack);
        await measure(WARMUP, c, viaSql);
        const sql = await measure(REQUESTS, c, viaSql);
        const page = await measure(REQUESTS, c, pageOnly);
        rows.push({ name: k.name, c, stack, sql, page });
      }
    }
    console.log(
      `\nGET /pp/v1/subscriptions?…&limit=50 (${REQUESTS} requests per row after ${WARMUP} warm-up; raw SQL = the page and the band counts in parallel, page SQL = the page alone)\n`,
    );
    console.log(
      '| filter                       | c | stack p50 | stack p95 | stack req/s | raw SQL p50 | raw SQL p95 | page SQL p50 | page SQL p95 | p95 stack/raw | p95 ≤ 50 ms |',
    );
    console.log(
      '| ---------------------------- | - | --------- | --------- | ----------- | ----------- | ----------- | ------------ | ------------ | ------------- | ----------- |',
    );
    for (const c of CONCURRENCY) {
      for (const r of rows.filter(x => x.c === c)) {
        const f = (n: number) => n.toFixed(2);
        console.log(
          `| ${r.name.padEnd(28)} | ${c} | ${f(r.stack.p50).padStart(9)} | ${f(
            r.stack.p95,
          ).padStart(9)} | ${r.stack.rps.toFixed(0).padStart(11)} | ${f(
            r.sql.p50,
          ).padStart(11)} | ${f(r.sql.p95).padStart(11)} | ${f(
            r.page.p50,
          ).padStart(12)} | ${f(r.page.p95).padStart(12)} | ${(
            r.stack.p95 / r.sql.p95
          )
            .toFixed(1)
            .padStart(12)}x | ${
            r.stack.p95 <= 50 ? 'met' : '**missed**'
          }${' '.repeat(r.stack.p95 <= 50 ? 8 : 1)} |`,
        );
      }
    }
    console.log(
      `\nload average at the end: ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
    await ppKnex.destroy();
  } finally {
    agent.destroy();
    await listPool?.end();
    await cpKnex.destroy();
    await pp?.stop();
    const { rows } = await admin.query(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
