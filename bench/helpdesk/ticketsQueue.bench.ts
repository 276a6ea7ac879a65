/*
 * Helpdesk queue benchmark (issue #6): with 100 k tickets in PostgreSQL, GET /pp/v1/tickets?limit=50
 * through the full stack (the production backend composition: /pp/v1 mount, Backstage auth with a
 * signed-in helpdesk agent, the PP permission policy, the guard, the query, JSON + ETag) against the
 * page's own SQL through `pg`, plus text search through the stack, and the old statements (page +
 * count(*), substring search) as baselines, all in the same run.
 *
 * Run: bench/helpdesk/run.sh   (see bench/README.md)
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  dbUrl,
  Figures,
  measure,
  ppBenchProductionSettings,
  startLoadClient,
} from '../lib';
import { startPpTestBackend } from '../../packages/backend/src/__testUtils__/ppTestBackend';
import { ppAnswerCacheStats } from '@internal/plugin-pp-node';
import { SEED_SQL } from './seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Pool } = require('pg');

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const TICKETS = Number(process.env.PP_BENCH_TICKETS ?? 100_000);
const REQUESTS = Number(process.env.PP_BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = (process.env.PP_BENCH_CONCURRENCY ?? '1,8')
  .split(',')
  .map(Number);

// The old list's statements for `?limit=50` (no filter): one page ordered by SLA due + count(*).
const PAGE_SQL = `select "seq", "id", "type", "priority", "status", "title", "reporter_id", "reporter_name",
  "reporter_email", "assignee_id", "assignee_name", "assignee_email", "entity_ref", "labels", "version",
  "escalation_level", "sla_response_minutes", "sla_resolution_minutes", "sla_escalation_path",
  "response_due_at", "resolution_due_at", "first_response_at", "paused_seconds", "paused_since",
  "response_warned_at", "response_breached_at", "resolution_warned_at", "resolution_breached_at",
  "queue_due_at", "resolved_at", "closed_at", "created_at", "updated_at"
  from "pp_tickets" order by "queue_due_at" asc, "id" asc limit $1`;
const COUNT_SQL = `select count(*) as "count" from "pp_tickets"`;
// What the store runs now for the total of an unfiltered page: the maintained counters.
const COUNTERS_SQL = `select sum("n") as "n" from "pp_ticket_counts"`;
// A text search as the store sends it (PostgreSQL full text, word-prefix), first page.
const SEARCH_SQL = PAGE_SQL.replace(
  'from "pp_tickets" order by',
  `from "pp_tickets" where (search @@ to_tsquery('simple', $2)) order by`,
);
// The old text search (before the search index): substring match on title and description,
// page and count(*) in parallel.
const OLD_Q_WHERE = `where lower(title) like $1 escape '\\' or lower(description) like $1 escape '\\'`;
const OLD_Q_PAGE_SQL = PAGE_SQL.replace(
  'from "pp_tickets" order by',
  `from "pp_tickets" ${OLD_Q_WHERE} order by`,
).replace('limit $1', 'limit $2');
const OLD_Q_COUNT_SQL = `select count(*) from "pp_tickets" ${OLD_Q_WHERE}`;

async function main() {
  const prefix = `pp_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  console.log(`Booting the backend on PostgreSQL (databases ${prefix}*) ...`);
  const pp = await startPpTestBackend({
    database: 'POSTGRES_15',
    config: {
      backend: { database: { client: 'pg', connection: PG, prefix } },
      // NODE_ENV=production refuses the dev sign-in; the bench signs in through pp-test
      auth: { providers: { 'pp-dev': { enabled: false }, 'pp-test': {} } },
      pp: {
        ...ppBenchProductionSettings(),
        helpdesk: { slaCheckSeconds: 3600 },
        // the health demo generator refuses NODE_ENV=production (and would load the CPU)
        health: { demo: { enabled: false } },
        // production mode needs the audit chain's key; a throwaway one per run
      },
    },
  });
  const helpdeskDb = `${prefix}pp-helpdesk`;
  const pool = new Pool({ connectionString: dbUrl(PG, helpdeskDb), max: 10 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // the HTTP rows come from a load client in a process of its own (bench/loadClient.js)
  const client = startLoadClient();
  try {
    const t0 = Date.now();
    await pool.query(SEED_SQL, [TICKETS]);
    // as autovacuum leaves a loaded table (the visibility map set); this server runs without it
    await pool.query('vacuum analyze pp_tickets');
    const { rows } = await pool.query(COUNT_SQL);
    console.log(
      `Inserted ${TICKETS} tickets in ${Date.now() - t0} ms (table has ${
        rows[0].count
      }).`,
    );

    const authorization = await pp.bearer('hari.helpdesk@waooaw.com');
    const url = new URL(`${pp.baseUrl}/pp/v1/tickets?limit=50`);
    // The page's own SQL only (no count): the figure the target compares with.
    const pageOnly = async () => {
      const page = await pool.query(PAGE_SQL, [51]);
      if (page.rows.length !== 51)
        throw new Error('raw query returned too few rows');
    };
    const searchSql = async () => {
      await pool.query(SEARCH_SQL, [51, 'incident:*']);
    };
    let oldWord = 0;
    const oldSearch = (word: () => string) => async () => {
      const pattern = `%${word()}%`;
      await Promise.all([
        pool.query(OLD_Q_PAGE_SQL, [pattern, 51]),
        pool.query(OLD_Q_COUNT_SQL, [pattern]),
      ]);
    };
    const oldRare = oldSearch(() => {
      oldWord = (oldWord % TICKETS) + 1;
      return String(oldWord * 7);
    });
    const oldCommon = oldSearch(() => 'incident');
    const viaPg = async () => {
      const [page] = await Promise.all([
        pool.query(PAGE_SQL, [51]),
        pool.query(COUNT_SQL),
      ]);
      if (page.rows.length !== 51)
        throw new Error('raw query returned too few rows');
    };

    // sanity: the API answers what the SQL answers
    let etag = '';
    const first = await new Promise<any>((resolve, reject) =>
      http
        .get(url, { agent, headers: { authorization } }, res => {
          etag = String(res.headers.etag);
          let body = '';
          res.on('data', c => (body += c));
          res.on('end', () => resolve(JSON.parse(body)));
        })
        .on('error', reject),
    );
    const raw = await pool.query(PAGE_SQL, [51]);
    if (first.items[0].id !== raw.rows[0].id || first.items.length !== 50) {
      throw new Error('API and raw SQL disagree on the first page');
    }
    console.log(`total_count via API: ${first.total_count}`);
    // as browsers and HTTP libraries ask: gzip accepted
    const headers = {
      authorization,
      accept: 'application/json',
      'accept-encoding': 'gzip',
    };
    let changedIn304 = 0;
    const ticketsMark = async () =>
      (
        await pool.query(
          `select generation from pp_change_marks where family = 'tickets'`,
        )
      ).rows[0].generation;
    // a caller who asks for the answer made anew (Cache-Control: no-cache): no kept answer
    const fresh = { ...headers, 'cache-control': 'no-cache' };
    const overHttp =
      (
        target: { url?: string; urls?: string[] },
        answer: '200' | '304',
        ifNoneMatch?: () => string,
        rowHeaders: Record<string, string> = headers,
      ) =>
      async (requests: number, concurrency: number): Promise<Figures> => {
        const f = await client.get({
          ...target,
          headers: rowHeaders,
          requests,
          concurrency,
          etag: ifNoneMatch?.(),
        });
        // a 304 row may meet a change of the queue (a 200, counted, its tag used from then on)
        const allowed = answer === '304' ? ['304', '200'] : [answer];
        if (Object.keys(f.statuses).some(s => !allowed.includes(s))) {
          throw new Error(
            `${target.url ?? target.urls?.[0]}: ${JSON.stringify(f.statuses)}`,
          );
        }
        if (answer === '304' && f.etag) {
          etag = f.etag;
          changedIn304 += f.changed;
        }
        return f;
      };
    // the queue as clients ask for it: after the first, the answer kept under its ETag
    const stackRow = overHttp({ url: url.toString() }, '200');
    // the queue made anew for every request: the page and its counters read, mapped, serialised
    const freshRow = overHttp({ url: url.toString() }, '200', undefined, fresh);
    // the same queue revalidated: If-None-Match with its ETag, answered 304 from the change mark
    const stack304Row = overHttp({ url: url.toString() }, '304', () => etag);
    // the same gate (auth, session, permission, guard, ETag) without the query: where the rest goes
    const gateRow = overHttp(
      { url: `${pp.baseUrl}/pp/v1/tickets/sla-policy` },
      '200',
    );
    // a rare word: one ticket's number (7, 14, 21, ...), a different one per request
    const rareRow = overHttp(
      {
        urls: Array.from(
          { length: Math.min(REQUESTS, TICKETS) },
          (_, k) => `${pp.baseUrl}/pp/v1/tickets?limit=50&q=${(k + 1) * 7}`,
        ),
      },
      '200',
      undefined,
      fresh,
    );
    // the search rows are made anew (no-cache): they measure the search, not the kept answer
    const commonRow = overHttp(
      { url: `${pp.baseUrl}/pp/v1/tickets?limit=50&q=incident` },
      '200',
      undefined,
      fresh,
    );

    console.log(
      `\nGET /pp/v1/tickets?limit=50, ${REQUESTS} requests per run, after ${Math.min(
        200,
        REQUESTS,
      )} warm-up requests each\n`,
    );
    console.log(
      '(every request accepts gzip, as browsers and HTTP libraries do;\n full stack = the queue as a client without its ETag asks for it: the answer kept under the\n ETag after the first; made anew = the same with Cache-Control: no-cache, the page read every time;\n gate only = GET /pp/v1/tickets/sla-policy: auth + permission + guard + ETag, no query;\n 304 (stack) = the queue with If-None-Match: the tickets change mark read, no page;\n q rare / q common: text search, made anew)\n',
    );
    console.log('concurrency | path         |  p50 ms |  p95 ms |   req/s');
    console.log('------------|--------------|---------|---------|--------');
    const results: Array<{
      c: number;
      stack: Figures;
      made: Figures;
      stack304: Figures;
      pg: Figures;
      page: Figures;
      gate: Figures;
    }> = [];
    for (const c of CONCURRENCY) {
      const markBefore = await ticketsMark();
      const warm = Math.min(200, REQUESTS);
      await stackRow(warm, c);
      await measure(warm, c, viaPg);
      const pg = await measure(REQUESTS, c, viaPg);
      await measure(warm, c, pageOnly);
      const page = await measure(REQUESTS, c, pageOnly);
      const stack = await stackRow(REQUESTS, c);
      await freshRow(warm, c);
      const made = await freshRow(REQUESTS, c);
      await stack304Row(warm, c);
      const stack304 = await stack304Row(REQUESTS, c);
      await gateRow(warm, c);
      const gate = await gateRow(REQUESTS, c);
      await rareRow(Math.min(100, REQUESTS), c);
      const rare = await rareRow(REQUESTS, c);
      const common = await commonRow(REQUESTS, c);
      const sql = await measure(REQUESTS, c, searchSql);
      // the old search reads the whole table twice per request: fewer runs
      const oldRuns = Math.min(100, REQUESTS);
      const oldQRare = await measure(oldRuns, c, oldRare);
      const oldQCommon = await measure(oldRuns, c, oldCommon);
      results.push({ c, stack, made, stack304, pg, page, gate });
      const markAfter = await ticketsMark();
      if (markAfter !== markBefore || changedIn304) {
        console.log(
          `(concurrency ${c}: the tickets changed meanwhile, mark ${markBefore} -> ${markAfter}; ${changedIn304} answers of the 304 rows were 200)`,
        );
      }
      changedIn304 = 0;
      const row = (name: string, f: Figures) =>
        console.log(
          `${String(c).padStart(11)} | ${name.padEnd(12)} | ${f.p50
            .toFixed(2)
            .padStart(7)} | ${f.p95.toFixed(2).padStart(7)} | ${f.rps
            .toFixed(0)
            .padStart(7)}`,
        );
      row('old SQL', pg);
      row('page SQL', page);
      row('full stack', stack);
      row('made anew', made);
      row('304 (stack)', stack304);
      row('gate only', gate);
      row('q rare', rare);
      row('q common', common);
      row('q SQL', sql);
      row('old q rare', oldQRare);
      row('old q common', oldQCommon);
    }
    console.log('');
    for (const { c, stack, made, stack304, page } of results) {
      const ratio = stack.p50 / page.p50;
      // what a 304 saves is the page being made: compared with the 200 made anew
      console.log(
        `concurrency ${c}: a 304 costs ${(made.rps / stack304.rps).toFixed(
          2,
        )} of a 200 made anew in throughput (req/s ${stack304.rps.toFixed(
          0,
        )} vs ${made.rps.toFixed(0)}; target <= 0.2: ${
          made.rps / stack304.rps <= 0.2 ? 'met' : 'NOT met'
        }), p50 ${stack304.p50.toFixed(2)} vs ${made.p50.toFixed(2)} ms`,
      );
      console.log(
        `concurrency ${c}: page SQL p50 ${page.p50.toFixed(
          2,
        )} ms (target <= 3 ms: ${
          page.p50 <= 3 ? 'met' : 'NOT met'
        }); p50 full stack / page SQL = ${ratio.toFixed(2)}x (target <= 2x: ${
          ratio <= 2 ? 'met' : 'NOT met'
        }); full stack ${stack.rps.toFixed(0)} req/s${
          c >= 8
            ? ` (target >= 300 at 8: ${stack.rps >= 300 ? 'met' : 'NOT met'})`
            : ''
        }; made anew p50 ${made.p50.toFixed(2)} ms = ${(
          made.p50 / page.p50
        ).toFixed(2)}x the page SQL, ${made.rps.toFixed(0)} req/s`,
      );
    }
    const kept = ppAnswerCacheStats();
    console.log(
      `answer cache: ${kept.entries} answers kept (${(
        kept.bytes / 1024
      ).toFixed(0)} KiB), ${kept.hits} given again, ${kept.misses} made`,
    );
    const counters = await pool.query(COUNTERS_SQL);
    console.log(
      `counters total: ${counters.rows[0].n} (count(*) ${rows[0].count})`,
    );
  } finally {
    client.stop();
    agent.destroy();
    await pool.end();
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
