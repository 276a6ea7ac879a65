/*
 * The gate alone (issue #13): what a gated GET costs when the handler does next to nothing, through
 * the production backend composition on throwaway PostgreSQL databases (sessions in Redis when
 * PP_TEST_REDIS_URL is set). Rows: a 304 of the tickets queue (the change mark read + the gate) and
 * `GET /pp/v1/tickets/sla-policy` (the gate + a constant body), for a signed-in person, an API
 * token and PP_ADMIN_TOKEN. Meant to be run under `node --cpu-prof` to see where a request goes.
 *
 * Run: bench/polling/gate.sh   (knobs: PP_BENCH_REQUESTS (2000), PP_BENCH_CONCURRENCY (1,8))
 */
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { ppBenchProductionSettings, startLoadClient } from '../lib';
import { startPpTestBackend } from '../../packages/backend/src/__testUtils__/ppTestBackend';

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const REQUESTS = Number(process.env.PP_BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = (process.env.PP_BENCH_CONCURRENCY ?? '1,8')
  .split(',')
  .map(Number);

async function main() {
  const prefix = `pp_gate_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  const pp = await startPpTestBackend({
    database: 'POSTGRES_15',
    config: {
      backend: {
        database: {
          client: 'pg',
          connection: PG,
          prefix,
          // the machine's PostgreSQL is shared: few idle connections per plugin
          knexConfig: { pool: { min: 0, max: 4 } },
        },
      },
      auth: { providers: { 'pp-dev': { enabled: false }, 'pp-test': {} } },
      pp: {
        ...ppBenchProductionSettings(),
        health: { demo: { enabled: false }, checkIntervalSeconds: 3600 },
        helpdesk: { slaCheckSeconds: 3600 },
      },
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // the rows come from a load client in a process of its own: a profile holds the server only
  const client = startLoadClient();
  const call = (url: string, authorization: string, etag?: string) =>
    new Promise<{ status: number; etag?: string; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          new URL(url, pp.baseUrl),
          {
            method: 'GET',
            agent,
            headers: {
              authorization,
              accept: 'application/json',
              ...(etag ? { 'if-none-match': etag } : {}),
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
        req.end();
      },
    );
  try {
    const hari = await pp.bearer('hari.helpdesk@waooaw.com');
    const bot = await pp
      .http()
      .post('/pp/v1/users')
      .set('authorization', pp.admin)
      .send({
        kind: 'agent',
        name: 'Gate bench bot',
        roles: ['helpdesk_agent'],
      });
    const made = bot.body?.id
      ? await pp
          .http()
          .post(`/pp/v1/users/${bot.body.id}/api-tokens`)
          .set('authorization', pp.admin)
          .send({ name: 'gate bench', expires_in_days: 1 })
      : undefined;
    const apiToken = made?.body?.token
      ? `Bearer ${made.body.token}`
      : undefined;
    if (!apiToken) console.log(`no API token: ${JSON.stringify(bot.body)}`);
    const callers: Array<[string, string]> = [
      ['person', hari],
      ['admin token', pp.admin],
    ];
    if (apiToken) callers.push(['api token', apiToken]);
    console.log(
      `${REQUESTS} requests per row after 200 warm-up; load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('c | caller      | row            | p50 ms | p95 ms | req/s');
    for (const c of CONCURRENCY) {
      for (const [who, auth] of callers) {
        const first = await call('/pp/v1/tickets?limit=50', auth);
        if (first.status !== 200 || !first.etag) {
          throw new Error(`${who}: ${first.status} ${first.body}`);
        }
        const job = {
          headers: { authorization: auth, accept: 'application/json' },
          concurrency: c,
        };
        const rows: Array<[string, (requests: number) => Promise<any>]> = [
          [
            'tickets 304',
            // the first SLA round may still change a demo ticket: the client takes its new tag
            requests =>
              client.get({
                ...job,
                url: new URL('/pp/v1/tickets?limit=50', pp.baseUrl).toString(),
                etag: first.etag,
                requests,
              }),
          ],
          [
            'sla-policy 200',
            requests =>
              client.get({
                ...job,
                url: new URL(
                  '/pp/v1/tickets/sla-policy',
                  pp.baseUrl,
                ).toString(),
                requests,
              }),
          ],
        ];
        for (const [row, run] of rows) {
          await run(200);
          const f = await run(REQUESTS);
          const odd = Object.keys(f.statuses).filter(
            status => status !== '200' && status !== '304',
          );
          if (odd.length)
            throw new Error(`${row}: ${JSON.stringify(f.statuses)}`);
          console.log(
            `${c} | ${who.padEnd(11)} | ${row.padEnd(14)} | ${f.p50.toFixed(
              2,
            )} | ${f.p95.toFixed(2)} | ${f.rps.toFixed(0)}`,
          );
        }
      }
    }
    console.log(
      `load average at the end ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    client.stop();
    agent.destroy();
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
