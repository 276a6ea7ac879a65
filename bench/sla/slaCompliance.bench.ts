/*
 * SLA compliance at scale (issue #16): with 500 agents, 180 days of their services' 5-minute health
 * rollups (25.9 M rows), 100 k helpdesk tickets about them and 180 days of daily compliance rows
 * (90 000) in PostgreSQL, through the production backend composition (features.ts: /pp/v1 mount,
 * Backstage auth with a signed-in infrastructure engineer, the PP permission policy, the guard):
 *
 * 1. the daily compliance job (`SlaJobs.runDaily`) over every agent, wall time: it reads the health
 *    plugin's daily read model and the helpdesk's tickets over HTTP with pp-sla's service
 *    credentials, as the scheduled task does (the bench builds the job from the pp-sla plugin's own
 *    services through a module, and keeps the scheduled runs away with
 *    `pp.sla.jobsInitialDelaySeconds`);
 * 2. `GET /pp/v1/agents/{id}/sla-compliance` (a random agent each time) p50/p95;
 * 3. `GET /pp/v1/sla/compliance?limit=50` and `?limit=200` (the dashboard list) p50/p95.
 *
 * Every `pp_bench_<random>_*` database is dropped at the end.
 *
 * Run: bench/sla/run.sh   (see bench/README.md)
 */
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ppNotifierServiceRef } from '@internal/plugin-pp-node';
import {
  dbUrl,
  Figures,
  jsonGetter,
  measure,
  ppBenchProductionSettings,
} from '../lib';
import { bulkLoad } from '../health/util';
import { startPpTestBackend } from '../../packages/backend/src/__testUtils__/ppTestBackend';
import { DatabaseSlaStore } from '../../plugins/pp-sla-backend/src/database/DatabaseSlaStore';
import { DEFAULT_CREDIT_TABLE } from '../../plugins/pp-sla-backend/src/domain/compliance';
import { DEFAULT_TEMPLATES } from '../../plugins/pp-sla-backend/src/domain/definitions';
import { SlaJobs } from '../../plugins/pp-sla-backend/src/service/SlaJobs';
import { HttpSlaSources } from '../../plugins/pp-sla-backend/src/service/sources';
import {
  BREACHES_SQL,
  DAILY_SQL,
  MAINTENANCE_SQL,
  ROLLUPS_SQL,
  agentId,
  ticketsSql,
} from './seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Pool } = require('pg');

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
/** 1 = the issue's scale; 0.02 = 10 agents, 2 000 tickets (development). */
const SCALE = Number(process.env.PP_BENCH_SCALE ?? 1);
const AGENTS = Math.max(2, Math.round(500 * SCALE));
const TICKETS = Math.max(100, Math.round(100_000 * SCALE));
const DAYS = Number(process.env.PP_BENCH_DAYS ?? 180);
const REQUESTS = Number(process.env.PP_BENCH_REQUESTS ?? 400);
/** requests per dashboard row; fewer when one request takes long (LIST_SECONDS per row at most) */
const LIST_REQUESTS = Number(process.env.PP_BENCH_LIST_REQUESTS ?? 200);
const LIST_SECONDS = Number(process.env.PP_BENCH_LIST_SECONDS ?? 60);
const CONCURRENCY = (process.env.PP_BENCH_CONCURRENCY ?? '1,8')
  .split(',')
  .map(Number);
const JOB_RUNS = Number(process.env.PP_BENCH_JOB_RUNS ?? 2);

const load = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
const secs = (ms: number) => (ms / 1000).toFixed(1);

/** The pp-sla plugin's own services, captured for the bench's job run. */
let slaDeps: any;
const captureSla = createBackendModule({
  pluginId: 'pp-sla',
  moduleId: 'bench-capture',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        notifier: ppNotifierServiceRef,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        slaDeps = deps;
      },
    });
  },
});

async function main() {
  const prefix = `pp_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  console.log(
    `SLA bench: ${AGENTS} agents, ${DAYS} days, ${TICKETS} tickets; booting the backend on PostgreSQL (databases ${prefix}*); load average ${load()}`,
  );
  const pp = await startPpTestBackend({
    database: 'POSTGRES_15',
    features: [captureSla],
    config: {
      backend: { database: { client: 'pg', connection: PG, prefix } },
      // NODE_ENV=production refuses the dev sign-in; the bench signs in through pp-test
      auth: { providers: { 'pp-dev': { enabled: false }, 'pp-test': {} } },
      pp: {
        ...ppBenchProductionSettings(),
        helpdesk: { slaCheckSeconds: 3600 },
        // the generators and demo definitions refuse NODE_ENV=production
        health: { demo: { enabled: false } },
        // the bench runs the compliance job itself; the scheduled runs wait a day
        sla: { demo: { enabled: false }, jobsInitialDelaySeconds: 86_400 },
      },
    },
  });
  const pools: any[] = [];
  const pool = (plugin: string) => {
    const p = new Pool({
      connectionString: dbUrl(PG, `${prefix}${plugin}`),
      max: 4,
    });
    pools.push(p);
    return p;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const health = pool('pp-health');
    const helpdesk = pool('pp-helpdesk');
    const sla = pool('pp-sla');
    const slaKnex = await slaDeps.database.getClient();
    const store = await DatabaseSlaStore.create({
      database: { getClient: async () => slaKnex },
      skipMigrations: true,
    });

    // 1. data: rollups, tickets, SLA definitions, daily rows, breaches, maintenance windows
    const now = new Date();
    const lastBucket = Math.floor(now.getTime() / 300_000) * 300;
    const rollups = AGENTS * DAYS * 288;
    const took = await bulkLoad(health, 'pp_health_rollups', async () => {
      const chunk = 2_000_000;
      const chunks: Array<[number, number]> = [];
      for (let from = 0; from < rollups; from += chunk) {
        chunks.push([from, Math.min(from + chunk, rollups) - 1]);
      }
      // two at a time (2 cores)
      await Promise.all(
        [0, 1].map(async k => {
          for (let i = k; i < chunks.length; i += 2) {
            await health.query(ROLLUPS_SQL, [
              chunks[i][0],
              chunks[i][1],
              AGENTS,
              lastBucket,
            ]);
          }
        }),
      );
    });
    const size = await health.query(
      "select pg_size_pretty(pg_total_relation_size('pp_health_rollups')) as s",
    );
    console.log(
      `pp_health_rollups: ${rollups.toLocaleString('en-US')} rows (${
        size.rows[0].s
      }): insert ${took.insertS} s, indexes ${took.indexS} s, vacuum analyze ${
        took.analyzeS
      } s`,
    );
    let t0 = Date.now();
    await helpdesk.query(ticketsSql(), [TICKETS, AGENTS]);
    await helpdesk.query('vacuum analyze pp_tickets');
    console.log(
      `pp_tickets: ${TICKETS.toLocaleString(
        'en-US',
      )} tickets over ${AGENTS} agents and 180 days in ${secs(
        Date.now() - t0,
      )} s`,
    );
    t0 = Date.now();
    const defFrom = new Date(now.getTime() - (DAYS + 10) * 86_400_000);
    await store.transaction(async uow => {
      for (let n = 1; n <= AGENTS; n++) {
        const id = agentId(n);
        const type = n % 5 === 0 ? 'premium' : 'standard';
        await uow.insertDefinition({
          id: randomUUID(),
          agent_id: id,
          version: 1,
          service_id: `bench-svc-${String(n).padStart(3, '0')}`,
          entity_ref: `component:default/${id}`,
          type,
          targets: DEFAULT_TEMPLATES[type],
          effective_from: defFrom,
          effective_to: null,
          credit_base_amount: 1000,
          currency: 'EUR',
          created_by: 'Bench',
          created_at: defFrom,
        });
      }
    });
    await sla.query(DAILY_SQL, [
      AGENTS,
      DAYS,
      now.toISOString().slice(0, 10),
      JSON.stringify(DEFAULT_TEMPLATES.standard),
    ]);
    await sla.query(BREACHES_SQL, [AGENTS]);
    await sla.query(MAINTENANCE_SQL, [AGENTS]);
    for (const t of [
      'pp_sla_definitions',
      'pp_sla_daily',
      'pp_sla_breaches',
      'pp_sla_maintenance_windows',
    ]) {
      await sla.query(`vacuum analyze ${t}`);
    }
    const counts = await sla.query(
      `select (select count(*) from pp_sla_daily)::int as days, (select count(*) from pp_sla_breaches)::int as breaches`,
    );
    console.log(
      `pp-sla: ${AGENTS} definitions, ${counts.rows[0].days} daily rows, ${
        counts.rows[0].breaches
      } breaches in ${secs(Date.now() - t0)} s; load average ${load()}`,
    );

    // 2. the daily compliance job over every agent, as the scheduled task runs it
    // PP_BENCH_PROFILE=1: the job's time per store and source method (awaited time, summed)
    const spent = new Map<string, { ms: number; calls: number }>();
    const timed = <T extends object>(name: string, target: T): T =>
      process.env.PP_BENCH_PROFILE
        ? new Proxy(target, {
            get(o, key, receiver) {
              const v = Reflect.get(o, key, receiver);
              if (typeof v !== 'function') return v;
              return (...args: unknown[]) => {
                const t = process.hrtime.bigint();
                const out = v.apply(o, args);
                const done = () => {
                  const e = spent.get(`${name}.${String(key)}`) ?? {
                    ms: 0,
                    calls: 0,
                  };
                  e.ms += Number(process.hrtime.bigint() - t) / 1e6;
                  e.calls++;
                  spent.set(`${name}.${String(key)}`, e);
                };
                if (out && typeof out.then === 'function') {
                  return out.finally(done);
                }
                done();
                return out;
              };
            },
          })
        : target;
    const jobs = new SlaJobs({
      store: timed('store', store),
      sources: timed(
        'sources',
        new HttpSlaSources({
          discovery: slaDeps.discovery,
          auth: slaDeps.auth,
          logger: slaDeps.logger,
          catalog: slaDeps.catalog,
        }),
      ),
      notifier: slaDeps.notifier,
      logger: slaDeps.logger,
      creditTable: DEFAULT_CREDIT_TABLE,
    });
    const jobRuns: Array<{ ms: number; computed: number; failed: number }> = [];
    for (let i = 0; i < JOB_RUNS; i++) {
      t0 = Date.now();
      const run = await jobs.runDaily();
      jobRuns.push({ ms: Date.now() - t0, ...run });
      console.log(
        `Daily compliance job, run ${i + 1}: ${run.computed} agents computed, ${
          run.failed
        } failed in ${secs(jobRuns[i].ms)} s (target <= 60 s: ${
          jobRuns[i].ms <= 60_000 ? 'met' : 'MISSED'
        }); load average ${load()}`,
      );
    }
    for (const [name, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(
        `  ${name}: ${e.calls} calls, ${secs(e.ms)} s, ${(
          e.ms / e.calls
        ).toFixed(2)} ms each`,
      );
    }
    const today = await sla.query(
      `select count(*)::int as n, count(*) filter (where has_health)::int as h,
         count(*) filter (where support_response_hours is not null)::int as s
       from pp_sla_daily where day = $1`,
      [now.toISOString().slice(0, 10)],
    );
    console.log(
      `  today's rows: ${today.rows[0].n} (with health ${today.rows[0].h}, with tickets ${today.rows[0].s})`,
    );
    if (today.rows[0].n !== AGENTS || today.rows[0].h !== AGENTS) {
      throw new Error('the job did not compute every agent from its health');
    }

    // 3. the reads through the full stack
    const authorization = await pp.bearer('ines.infra@waooaw.com');
    const getJson = jsonGetter(pp.baseUrl, authorization, agent);
    const one = await getJson(
      `/pp/v1/agents/${agentId(AGENTS)}/sla-compliance`,
    );
    console.log(
      `${agentId(AGENTS)}: ${one.status}, ${one.days.length} days, ${
        one.open_breaches.length
      } open and ${one.recent_breaches.length} recent breaches`,
    );
    let k = 0;
    const compliance = () => {
      k = (k * 7919 + 17) % AGENTS;
      return getJson(`/pp/v1/agents/${agentId(k + 1)}/sla-compliance`).then(
        () => undefined,
      );
    };
    const rows: Array<{ name: string; c: number; n: number; f: Figures }> = [];
    for (const c of CONCURRENCY) {
      await measure(Math.min(100, REQUESTS), c, compliance);
      const f = await measure(REQUESTS, c, compliance);
      rows.push({ name: 'agent sla-compliance', c, n: REQUESTS, f });
    }
    for (const limit of [50, 200]) {
      const path = `/pp/v1/sla/compliance?limit=${limit}`;
      const first = await getJson(path);
      if (first.items.length !== Math.min(limit, AGENTS)) {
        throw new Error(`${path}: ${first.items.length} items`);
      }
      const t = Date.now();
      await getJson(path);
      const oneMs = Math.max(1, Date.now() - t);
      const n = Math.max(
        20,
        Math.min(LIST_REQUESTS, Math.floor((LIST_SECONDS * 1000) / oneMs)),
      );
      console.log(
        `${path}: total_count ${first.total_count}, one request ${oneMs} ms: ${n} requests per row`,
      );
      const list = () => getJson(path).then(() => undefined);
      for (const c of CONCURRENCY) {
        await measure(Math.min(10, n), c, list);
        const f = await measure(n, c, list);
        rows.push({ name: `dashboard limit=${limit}`, c, n, f });
      }
    }

    if (process.env.PP_BENCH_PROFILE) {
      // the dashboard's parts: the 30 days of every agent it read before (SQL alone), its page now
      const to = now.toISOString().slice(0, 10);
      const from = new Date(Date.parse(to) - 30 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const part = async (name: string, f: () => Promise<unknown>) => {
        await f();
        const t = Date.now();
        for (let i = 0; i < 10; i++) await f();
        console.log(`  dashboard part, ${name}: ${(Date.now() - t) / 10} ms`);
      };
      await part('30 days of every agent, SQL alone', () =>
        sla.query(
          'select * from pp_sla_daily where day >= $1 and day <= $2 order by agent_id, day',
          [from, to],
        ),
      );
      // what the dashboard reads since the agents' rows (pp_sla_summaries): a count and a page
      await part(
        'a page of 50 rows by status, through DatabaseSlaStore.summaries',
        () =>
          store.summaries({
            sort: 'status',
            order: 'asc',
            limit: 50,
            offset: 0,
          }),
      );
    }
    console.log(
      `\nReads through the full stack (infrastructure engineer's bearer token)\n`,
    );
    console.log(
      '| read                  | c | requests | p50 ms  | p95 ms  | req/s | target          |',
    );
    console.log(
      '| --------------------- | - | -------- | ------- | ------- | ----- | --------------- |',
    );
    for (const r of rows) {
      const target = r.name.startsWith('agent') ? 30 : 50;
      console.log(
        `| ${r.name.padEnd(21)} | ${r.c} | ${String(r.n).padStart(
          8,
        )} | ${r.f.p50.toFixed(2).padStart(7)} | ${r.f.p95
          .toFixed(2)
          .padStart(7)} | ${r.f.rps
          .toFixed(0)
          .padStart(5)} | p95 ≤ ${target} ms: ${
          r.f.p95 <= target ? 'met' : '**missed**'
        } |`,
      );
    }
    console.log(
      `\nDaily compliance job: ${jobRuns
        .map(r => `${secs(r.ms)} s`)
        .join(', ')} for ${AGENTS} agents (target ≤ 60 s)`,
    );
    console.log(`load average at the end: ${load()}`);
  } finally {
    agent.destroy();
    for (const p of pools) await p.end();
    // stop() drops every database of the prefix
    await pp.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
