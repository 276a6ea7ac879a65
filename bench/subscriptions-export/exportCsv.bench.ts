/*
 * Run export benchmark (issue #14: "a 1 M-row CSV export streams in constant memory"). Fills a
 * throwaway PostgreSQL database with CP's agent_runs (1 M runs of one subscription, one
 * generate_series INSERT, with the customer core data columns PP must never read), then:
 *
 * - baseline: the connector's keyset batches read alone (no CSV, no file);
 * - export: a CSV export through the real code (RunExports on PP's tables in a second throwaway
 *   database: claim, count, batches of 1 000, csv-stringify, the file, progress every batch).
 *
 * RSS is sampled every 20 ms and compared with the RSS just before each row (after a GC).
 * Databases `pp_bench_<random>_*` are dropped at the end.
 *
 * Run: bench/subscriptions-export/run.sh   (see bench/README.md)
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { dbUrl } from '../lib';
import { DatabaseCustomerPortalStore } from '../../plugins/pp-subscriptions-backend/src/database/DatabaseCustomerPortalStore';
import { DatabaseExportStore } from '../../plugins/pp-subscriptions-backend/src/database/DatabaseExportStore';
import { DatabaseSubscriptionStore } from '../../plugins/pp-subscriptions-backend/src/database/DatabaseSubscriptionStore';
import { RunExports } from '../../plugins/pp-subscriptions-backend/src/service/RunExports';
import { SubscriptionQueries } from '../../plugins/pp-subscriptions-backend/src/service/SubscriptionQueries';

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const RUNS = Number(process.env.PP_BENCH_RUNS ?? 1_000_000);
const MB = 1024 * 1024;

const CP_SQL = `
create table agents (id varchar(64) primary key, name text not null, industry text, system_prompt text);
create table subscriptions (
  id varchar(64) primary key, customer_id varchar(64) not null, customer_name text not null,
  agent_id varchar(64) not null, plan text, status text not null, expected_runs_per_day real,
  started_at timestamptz, canceled_at timestamptz, industry_data text, strategic_plans text);
create table agent_runs (
  id varchar(64) primary key, subscription_id varchar(64) not null, agent_id varchar(64) not null,
  status text not null, inputs json, outputs json, actions json, error_message text,
  created_at timestamptz not null, started_at timestamptz, finished_at timestamptz,
  industry_data text, strategic_plans text, some_column_cp_added_later text);
insert into agents values ('bench-agent', 'Bench Agent', 'marketing', 'SECRET PROMPT');
insert into subscriptions values ('bench-sub', 'bench-customer', 'Bench Customer', 'bench-agent',
  'pro', 'active', 48, now() - interval '2 years', null, 'SECRET INDUSTRY DATA', 'SECRET PLAN');
`;

const SEED_SQL = `
insert into agent_runs
select 'run-' || lpad(g::text, 8, '0'), 'bench-sub', 'bench-agent',
  case when g % 17 = 0 then 'failed' else 'succeeded' end,
  json_build_object('prompt', 'Write post #' || g || ', "tone": friendly', 'n', g),
  json_build_object('ok', g % 17 <> 0, 'words', g % 900),
  json_build_array(json_build_object('type', 'post', 'channel', 'linkedin')),
  case when g % 17 = 0 then 'Upstream timeout after 30 s' end,
  timestamptz '2025-01-01' + g * interval '30 seconds',
  timestamptz '2025-01-01' + g * interval '30 seconds' + interval '1 second',
  timestamptz '2025-01-01' + g * interval '30 seconds' + interval '9 seconds',
  'SECRET INDUSTRY DATA', 'SECRET PLAN', 'SECRET NEW'
from generate_series(1, ?::int) g
`;

const logger: LoggerService = {
  info: m => console.log(`  [info] ${m}`),
  warn: m => console.log(`  [warn] ${m}`),
  error: m => console.log(`  [error] ${m}`),
  debug: () => {},
  child: () => logger,
};

/** Samples RSS until stopped; the peak growth over `base`. */
function rssSampler() {
  (global as any).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  return {
    base,
    stop() {
      clearInterval(timer);
      const m = process.memoryUsage();
      return {
        base,
        peak: Math.max(peak, m.rss),
        peakHeap: Math.max(peakHeap, m.heapUsed),
      };
    },
  };
}

async function main() {
  const prefix = `pp_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  const admin = knexFactory({ client: 'pg', connection: PG });
  const names = { cp: `${prefix}cp`, pp: `${prefix}pp` };
  await admin.raw(`create database ${names.cp}`);
  await admin.raw(`create database ${names.pp}`);
  const cpDb: Knex = knexFactory({
    client: 'pg',
    connection: dbUrl(PG, names.cp),
    pool: { min: 0, max: 5 },
  });
  const ppDb: Knex = knexFactory({
    client: 'pg',
    connection: dbUrl(PG, names.pp),
    pool: { min: 0, max: 5 },
  });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-exports-'));
  try {
    let t0 = Date.now();
    await cpDb.raw(CP_SQL);
    await cpDb.raw(SEED_SQL, [RUNS]);
    // CP's index for a subscription's runs in time order
    await cpDb.raw(
      'create index agent_runs_subscription_created on agent_runs (subscription_id, created_at, id)',
    );
    await cpDb.raw('vacuum analyze agent_runs');
    console.log(`Inserted ${RUNS} runs in ${Date.now() - t0} ms (${names.cp})`);

    const cp = new DatabaseCustomerPortalStore(cpDb);
    const settings = {
      defaultExpectedRunsPerDay: 1,
      scoreJobMinutes: 60,
      scoreJobInitialDelaySeconds: 30,
      exports: {
        directory,
        expiryHours: 1,
        pdfMaxRuns: 2000,
        maxConcurrent: 1,
      },
    };
    const database = { getClient: async () => ppDb };
    const subscriptions = await DatabaseSubscriptionStore.create({ database });
    const store = await DatabaseExportStore.create({ database });
    const exports = new RunExports({
      cp,
      exports: store,
      queries: new SubscriptionQueries(cp, subscriptions, settings),
      settings: settings.exports,
      logger,
    });

    // baseline: the connector's batches alone
    let sampler = rssSampler();
    t0 = Date.now();
    let read = 0;
    for await (const batch of cp.runBatches('bench-sub', {}, 1000)) {
      read += batch.length;
    }
    const readMs = Date.now() - t0;
    const readMem = sampler.stop();

    // the export through the real code
    sampler = rssSampler();
    t0 = Date.now();
    const requested = await exports.request(
      { ref: 'user:pp/bench', name: 'Bench', roles: ['subscription_manager'] },
      'bench-sub',
      { format: 'csv', reason: 'Benchmark of a 1 M-run export' },
    );
    const progress: number[] = [];
    const poll = setInterval(() => {
      store
        .getExport(requested.id)
        .then(r => r && progress.push(r.rows_written));
    }, 1000);
    await exports.idle();
    clearInterval(poll);
    const exportMs = Date.now() - t0;
    const exportMem = sampler.stop();
    const done = (await store.getExport(requested.id))!;
    if (done.status !== 'succeeded' || done.rows_written !== RUNS) {
      throw new Error(
        `export ended ${done.status}: ${done.error} (${done.rows_written} rows)`,
      );
    }
    const file = path.join(directory, done.storage_key!);
    const head = fs.readFileSync(file, 'utf8').slice(0, 400).split('\n');
    const lines = await new Promise<number>(resolve => {
      let n = 0;
      fs.createReadStream(file)
        .on('data', (c: string | Buffer) => {
          for (const b of c as Buffer) if (b === 10) n += 1;
        })
        .on('end', () => resolve(n));
    });
    const secret = await new Promise<boolean>(resolve => {
      let found = false;
      fs.createReadStream(file, 'utf8')
        .on('data', (c: string | Buffer) => {
          if (String(c).includes('SECRET')) found = true;
        })
        .on('end', () => resolve(found));
    });

    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    console.log(`\nCSV header: ${head[0]}`);
    console.log(`first row:  ${head[1]}`);
    console.log(
      `file: ${done.file_name}, ${mb(done.size_bytes!)}, ${
        lines - 1
      } data rows, customer core data in it: ${secret ? 'YES (bug)' : 'no'}`,
    );
    const rising = progress.every((v, k) => k === 0 || v >= progress[k - 1]);
    console.log(
      `progress (rows_written polled every 1 s): ${progress.length} samples, ${
        rising ? 'never falling' : 'FELL (bug)'
      }: ${progress.slice(0, 3).join(', ')} … ${progress
        .slice(-2)
        .join(', ')}\n`,
    );
    console.log(
      '| row                        | rows      | seconds | rows/s  | RSS before | RSS peak  | RSS growth | heap peak |',
    );
    console.log(
      '| -------------------------- | --------- | ------- | ------- | ---------- | --------- | ---------- | --------- |',
    );
    const line = (
      name: string,
      rows: number,
      ms: number,
      m: ReturnType<ReturnType<typeof rssSampler>['stop']>,
    ) =>
      console.log(
        `| ${name.padEnd(26)} | ${String(rows).padEnd(9)} | ${(ms / 1000)
          .toFixed(1)
          .padEnd(7)} | ${String(Math.round(rows / (ms / 1000))).padEnd(
          7,
        )} | ${mb(m.base).padEnd(10)} | ${mb(m.peak).padEnd(9)} | ${mb(
          m.peak - m.base,
        ).padEnd(10)} | ${mb(m.peakHeap).padEnd(9)} |`,
      );
    line('baseline: batches read', read, readMs, readMem);
    line('CSV export (RunExports)', done.rows_written, exportMs, exportMem);
    console.log(
      `\nload average: ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cpDb.destroy();
    await ppDb.destroy();
    await admin.raw(`drop database if exists ${names.cp}`);
    await admin.raw(`drop database if exists ${names.pp}`);
    await admin.destroy();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
