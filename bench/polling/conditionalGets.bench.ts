/*
 * Cheap polling (issue #13): for each versioned read — the health overview, the tickets queue and
 * the people list — the same GET answered 200 (no If-None-Match) and 304 (If-None-Match with the
 * current ETag), through the production backend composition on throwaway PostgreSQL databases,
 * at each concurrency, in one run. A 304 is answered from the family's change mark without the
 * read (see versioned reads in docs/architecture.md); the target is a 304 costing at most 1/5 of
 * a 200.
 *
 * Data: the repository's catalog (13 monitored services) with 24 h of checks every 5 minutes per
 * service, PP_BENCH_TICKETS generated tickets, PP_BENCH_USERS people added through the API.
 *
 * Run: bench/polling/run.sh   (see bench/README.md)
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import knexFactory from 'knex';
import { DatabaseHealthStore } from '../../plugins/pp-health-backend/src/database/DatabaseHealthStore';
import { repoRoot } from '../../packages/backend/src/__testUtils__/catalogFiles';
import {
  dbUrl,
  LoadFigures,
  ppBenchProductionSettings,
  startLoadClient,
} from '../lib';
import { startPpTestBackend } from '../../packages/backend/src/__testUtils__/ppTestBackend';
import { SEED_SQL } from '../helpdesk/seed';

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const TICKETS = Number(process.env.PP_BENCH_TICKETS ?? 20_000);
const USERS = Number(process.env.PP_BENCH_USERS ?? 300);
const REQUESTS = Number(process.env.PP_BENCH_REQUESTS ?? 1_000);
const CONCURRENCY = (process.env.PP_BENCH_CONCURRENCY ?? '1,8')
  .split(',')
  .map(Number);

async function main() {
  const prefix = `pp_poll_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  console.log(`Booting the backend on PostgreSQL (databases ${prefix}*) ...`);
  const pp = await startPpTestBackend({
    database: 'POSTGRES_15',
    config: {
      backend: { database: { client: 'pg', connection: PG, prefix } },
      auth: { providers: { 'pp-dev': { enabled: false }, 'pp-test': {} } },
      catalog: {
        rules: [{ allow: ['Component', 'System', 'Group', 'Location'] }],
        locations: [
          { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
        ],
      },
      pp: {
        ...ppBenchProductionSettings(),
        // one check round at start (the services are unreachable here), none while measuring
        health: { demo: { enabled: false }, checkIntervalSeconds: 3600 },
        helpdesk: { slaCheckSeconds: 3600 },
      },
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const client = startLoadClient();
  const healthDb = knexFactory({
    client: 'pg',
    connection: dbUrl(PG, `${prefix}pp-health`),
  });
  const helpdeskDb = knexFactory({
    client: 'pg',
    connection: dbUrl(PG, `${prefix}pp-helpdesk`),
  });
  try {
    const founder = await pp.bearer('founder@waooaw.com');
    const ines = await pp.bearer('ines.infra@waooaw.com');
    const hari = await pp.bearer('hari.helpdesk@waooaw.com');

    const call = (
      method: string,
      url: string,
      authorization: string,
      opts: { body?: unknown; etag?: string } = {},
    ) =>
      new Promise<{ status: number; etag?: string; body: string }>(
        (resolve, reject) => {
          const req = http.request(
            new URL(url, pp.baseUrl),
            {
              method,
              agent,
              headers: {
                authorization,
                accept: 'application/json',
                ...(opts.body ? { 'content-type': 'application/json' } : {}),
                ...(opts.etag ? { 'if-none-match': opts.etag } : {}),
              },
            },
            res => {
              let body = '';
              res.on('data', c => (body += c));
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  etag: res.headers.etag as string | undefined,
                  body,
                }),
              );
            },
          );
          req.on('error', reject);
          req.end(opts.body ? JSON.stringify(opts.body) : undefined);
        },
      );

    // the catalog's services monitored (the first check round has run)
    let services: string[] = [];
    for (let i = 0; i < 300 && services.length < 13; i++) {
      const res = await call('GET', '/pp/v1/health/microservices', ines);
      services =
        res.status === 200
          ? JSON.parse(res.body).items.map((s: any) => s.service_id)
          : [];
      if (services.length < 13) await new Promise(r => setTimeout(r, 500));
    }
    console.log(`${services.length} monitored services`);
    // 24 h of history, one check every 5 minutes per service, through the plugin's own store
    const store = await DatabaseHealthStore.create({
      database: { getClient: async () => healthDb, migrations: { skip: true } },
    });
    const now = Date.now();
    let t0 = Date.now();
    for (let k = 288; k >= 1; k--) {
      await Promise.all(
        services.map((service_id, i) =>
          store.record({
            service_id,
            source: 'check',
            status: (k + i) % 97 === 0 ? 'down' : 'up',
            response_time_ms: 40 + ((k * 7 + i * 13) % 300),
            http_status: 200,
            error_rate: ((k + i) % 40) / 1000,
            at: new Date(now - k * 300_000),
          }),
        ),
      );
    }
    console.log(
      `Recorded ${288 * services.length} health checks in ${
        Date.now() - t0
      } ms`,
    );
    t0 = Date.now();
    await helpdeskDb.raw(SEED_SQL.replace('$1::int', '?::int'), [TICKETS]);
    await helpdeskDb.raw('vacuum analyze pp_tickets');
    console.log(`Inserted ${TICKETS} tickets in ${Date.now() - t0} ms`);
    t0 = Date.now();
    for (let i = 0; i < USERS; i++) {
      const res = await call('POST', '/pp/v1/users', founder, {
        body: {
          email: `bench.person.${i}@waooaw.com`,
          name: `Bench Person ${String(i).padStart(4, '0')}`,
          roles: [i % 3 ? 'viewer' : 'helpdesk_agent'],
        },
      });
      if (res.status !== 201) throw new Error(`POST /pp/v1/users: ${res.body}`);
    }
    console.log(`Added ${USERS} people in ${Date.now() - t0} ms`);

    const reads = [
      { name: 'health overview', url: '/pp/v1/health/overview', who: ines },
      { name: 'tickets queue', url: '/pp/v1/tickets?limit=50', who: hari },
      { name: 'people list', url: '/pp/v1/users?limit=50', who: founder },
    ];
    console.log(
      `\n${REQUESTS} requests per row after 100 warm-up requests; load average at start ${require('node:os')
        .loadavg()
        .map((l: number) => l.toFixed(2))
        .join(' ')}\n`,
    );
    console.log(
      'concurrency | read            | answer |  p50 ms |  p95 ms |   req/s | backend CPU ms/answer',
    );
    console.log(
      '------------|-----------------|--------|---------|---------|---------|----------------------',
    );
    const verdicts: string[] = [];
    for (const c of CONCURRENCY) {
      for (const read of reads) {
        const first = await call('GET', read.url, read.who);
        if (first.status !== 200 || !first.etag) {
          throw new Error(`GET ${read.url}: ${first.status} ${first.body}`);
        }
        const job = {
          url: new URL(read.url, pp.baseUrl).toString(),
          headers: { authorization: read.who, accept: 'application/json' },
          concurrency: c,
        };
        const checked = (f: LoadFigures, answer: string) => {
          const other = Object.keys(f.statuses).filter(
            s => s !== answer && !(answer === '304' && s === '200'),
          );
          if (other.length) {
            throw new Error(
              `${read.url}: answers ${JSON.stringify(f.statuses)}`,
            );
          }
          return f;
        };
        // The data may change meanwhile (e.g. the caller's last_active_at, written once a
        // minute, is part of the people list): such a 200 is counted in the 304 row, as a
        // poller would pay it, and the new ETag is used from then on (by the load client).
        // the 200 a 304 saves: the answer made anew (Cache-Control: no-cache; without it the
        // backend gives the answer it kept under the same ETag, the "kept" row)
        const made = {
          ...job,
          headers: { ...job.headers, 'cache-control': 'no-cache' },
        };
        await client.get({ ...made, requests: 100 });
        const f200 = checked(
          await client.get({ ...made, requests: REQUESTS }),
          '200',
        );
        await client.get({ ...job, requests: 100 });
        const fKept = checked(
          await client.get({ ...job, requests: REQUESTS }),
          '200',
        );
        const warm = await client.get({
          ...job,
          requests: 100,
          etag: first.etag,
        });
        const f304 = checked(
          await client.get({
            ...job,
            requests: REQUESTS,
            etag: warm.etag ?? first.etag,
          }),
          '304',
        );
        for (const [answer, f] of [
          ['200', f200],
          ['kept', fKept],
          ['304', f304],
        ] as const) {
          console.log(
            `${String(c).padStart(11)} | ${read.name.padEnd(
              15,
            )} | ${answer.padEnd(6)} | ${f.p50.toFixed(2).padStart(7)} | ${f.p95
              .toFixed(2)
              .padStart(7)} | ${f.rps.toFixed(0).padStart(7)} | ${f.cpuMs
              .toFixed(3)
              .padStart(6)}`,
          );
        }
        if (f304.changed) {
          console.log(
            `  (${read.name}: ${f304.changed} of the 304 row's answers were 200)`,
          );
        }
        // the cost of an answer: the time the server spends per request, 1 / throughput (the
        // issue's measure), and the backend process's own CPU per answer
        const cost = f200.rps / f304.rps;
        const cpuCost = f304.cpuMs / f200.cpuMs;
        verdicts.push(
          `concurrency ${c}, ${read.name}: a 304 costs ${cost.toFixed(
            2,
          )} of a 200 by throughput (req/s ${f304.rps.toFixed(
            0,
          )} vs ${f200.rps.toFixed(0)}; p50 ${f304.p50.toFixed(
            2,
          )} vs ${f200.p50.toFixed(2)} ms; target <= 0.2: ${
            cost <= 0.2 ? 'met' : 'NOT met'
          }), ${cpuCost.toFixed(2)} by backend CPU (${f304.cpuMs.toFixed(
            3,
          )} vs ${f200.cpuMs.toFixed(3)} ms)`,
        );
      }
    }
    console.log(`\n${verdicts.join('\n')}`);
  } finally {
    client.stop();
    agent.destroy();
    await healthDb.destroy();
    await helpdeskDb.destroy();
    // drops the databases of the bench's prefix too
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
