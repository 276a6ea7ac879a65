/*
 * Knowledge ingestion throughput (issue #17: "bench/ shows ingestion throughput (chunks/s)").
 *
 * Drives pp-knowledge's own ingestion path — `createKnowledgeCore` (as plugin.ts wires it) →
 * `KnowledgeCommands.runSource(id, 'schedule')` → `Ingestion.run`: normalise (the api source's
 * `recordsOfJson` + `toRecord`) → plan against the stored documents → chunk (`chunkText`) → embed
 * (the default `HashingEmbedder`, 64 texts a call) → keywords, vectors and the version in ONE
 * transaction of `DatabaseKnowledgeStore` — on SQLite (better-sqlite3 on a temporary file, the
 * embedded default) and on PostgreSQL (throwaway databases `pp_bench_<random>_*`, dropped at the end).
 * The only stand-in is the HTTP transport: the source's `fetchSource` port hands an in-memory JSON
 * answer (HTML paragraphs) to the real api parser and normaliser instead of a socket.
 *
 * The corpus: ~PP_BENCH_CHUNKS (20 000) chunks of synthetic English (`syntheticCorpus`, 800–1 100
 * characters a paragraph) in documents of 6–14 paragraphs (a paragraph is one chunk).
 *   run 1: the first ingestion of every record;
 *   run 2: PP_BENCH_CHANGED (10 %) of the records changed (two paragraphs rewritten, every third
 *          also one appended), 1 % removed and 1 % new (full mode: the fetch is the whole source).
 *
 * Baselines measured in the same process, on the same records and rows:
 *   - in memory: normalise, chunk, hash, embed (`embedOne`), keywords + vector encoding, each timed
 *     alone; "chunk + embed" is the CPU floor of an ingestion;
 *   - plain bulk insert: the same document and chunk rows (precomputed) inserted into a fresh,
 *     migrated database of the same kind with knex, 400 (SQLite: knex's compound-select insert
 *     allows 500) or 1 000 (PostgreSQL) rows a statement, one transaction: the write floor.
 * Where a run's time goes comes from wrapping (not changing) the store, the embedder and the fetch
 * port: each unit of work and each of its calls is timed; the rest of the run is planning, chunking
 * and hashing (plus the run's bookkeeping reads).
 *
 * Run: bench/knowledge/run.sh ingestion   (see bench/README.md)
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpKnowledgeIndustry,
  ppKnowledgeSourceCreateSchema,
} from '@internal/plugin-pp-common';
import type { PpTransactionalNotifier } from '@internal/plugin-pp-node';
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbUrl } from '../lib';
import {
  DatabaseKnowledgeStore,
  migrateKnowledge,
} from '../../plugins/pp-knowledge-backend/src/database/DatabaseKnowledgeStore';
import type {
  KnowledgeStore,
  KnowledgeTransaction,
} from '../../plugins/pp-knowledge-backend/src/database/KnowledgeStore';
import {
  recordHash,
  sha256,
} from '../../plugins/pp-knowledge-backend/src/domain/ingestPlan';
import { recordsOfJson } from '../../plugins/pp-knowledge-backend/src/ingest/api';
import { CredentialVault } from '../../plugins/pp-knowledge-backend/src/ingest/credentials';
import type { FetchedRecord } from '../../plugins/pp-knowledge-backend/src/ingest/types';
import { chunkText } from '../../plugins/pp-knowledge-backend/src/search/chunk';
import {
  Embedder,
  HashingEmbedder,
} from '../../plugins/pp-knowledge-backend/src/search/Embedder';
import { chunkKeywords } from '../../plugins/pp-knowledge-backend/src/search/topics';
import { encodeVector } from '../../plugins/pp-knowledge-backend/src/search/vectorCodec';
import { syntheticCorpus } from '../../plugins/pp-knowledge-backend/src/search/__testUtils__/syntheticCorpus';
import { createKnowledgeCore } from '../../plugins/pp-knowledge-backend/src/service/KnowledgeCore';
import type { KnowledgeIngestPorts } from '../../plugins/pp-knowledge-backend/src/service/ports';

const PG =
  process.env.PP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const CHUNKS = Number(process.env.PP_BENCH_CHUNKS ?? 20_000);
const CHANGED = Number(process.env.PP_BENCH_CHANGED ?? 0.1);
const DATABASES = (process.env.PP_BENCH_DATABASES ?? 'sqlite,pg').split(',');
const INDUSTRY: PpKnowledgeIndustry = 'marketing';
/** Rows a statement in the plain bulk insert (knex's SQLite insert is a compound select: ≤ 500). */
const BULK_ROWS = { sqlite: 400, pg: 1000 };
const FEED_URL = 'https://knowledge-bench.example/items';

const now = () => process.hrtime.bigint();
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
const rate = (n: number, msTaken: number) =>
  msTaken > 0 ? Math.round((n / msTaken) * 1000) : 0;

// ---------------------------------------------------------------------------------------------
// The corpus: raw API items (HTML paragraphs), as a source answers

interface RawItem {
  id: string;
  title: string;
  body: string;
  url: string;
  published_at: string;
}

function makeCorpus() {
  const pool = syntheticCorpus({
    industry: INDUSTRY,
    count: Math.ceil(CHUNKS * 1.35),
    queryCount: 0,
    seed: 17,
  }).chunks.map(c => c.text);
  let next = 0;
  const paragraph = () => pool[next++ % pool.length];
  const item = (i: number, paragraphs: string[]): RawItem => ({
    id: `doc-${i}`,
    title: `Marketing note ${i}: ${paragraphs[0].slice(0, 40)}`,
    body: paragraphs.map(p => `<p>${p}</p>`).join('\n'),
    url: `https://knowledge-bench.example/docs/${i}`,
    published_at: new Date(Date.UTC(2026, 0, 1 + (i % 300))).toISOString(),
  });
  const docs: string[][] = [];
  let total = 0;
  for (let i = 0; total < CHUNKS; i++) {
    const n = Math.min(6 + ((i * 7) % 9), CHUNKS - total); // 6–14, mean 10
    docs.push(Array.from({ length: n }, paragraph));
    total += n;
  }
  const first = docs.map((d, i) => item(i, d));

  // run 2: CHANGED of the records edited, 1 % removed, 1 % new
  const step = Math.max(1, Math.round(1 / CHANGED));
  const second: RawItem[] = [];
  let changed = 0;
  let removed = 0;
  docs.forEach((d, i) => {
    if (i % 100 === 55) {
      removed += 1;
      return;
    }
    if (i % step === 0) {
      changed += 1;
      const edited = [...d];
      edited[Math.floor(edited.length / 3)] = paragraph();
      edited[Math.floor((2 * edited.length) / 3)] = paragraph();
      if (changed % 3 === 0) edited.push(paragraph());
      second.push(item(i, edited));
    } else second.push(first[i]);
  });
  const added = Math.max(1, Math.round(docs.length / 100));
  for (let j = 0; j < added; j++) {
    second.push(item(docs.length + j, Array.from({ length: 10 }, paragraph)));
  }
  return {
    first,
    second,
    chunks: total,
    run2: { changed, removed, added },
  };
}

// ---------------------------------------------------------------------------------------------
// Instrumentation: wrappers around the plugin's own objects (nothing of the plugin is replaced)

class Timings {
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();
  add(name: string, t: number) {
    this.ms.set(name, (this.ms.get(name) ?? 0) + t);
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  get(name: string) {
    return this.ms.get(name) ?? 0;
  }
  reset() {
    this.ms.clear();
    this.calls.clear();
  }
}

/** The embedder with the time of its calls counted. */
class TimedEmbedder implements Embedder {
  constructor(private readonly inner: Embedder, private readonly t: Timings) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dimension() {
    return this.inner.dimension;
  }
  async embed(texts: string[]) {
    const t0 = now();
    const out = await this.inner.embed(texts);
    this.t.add('embed', ms(t0));
    this.t.add('embedded texts', texts.length); // a count, not a time
    return out;
  }
}

/** One unit of work as the run made it: its calls, in order, and its total time. */
interface TxRecord {
  calls: string[];
  total: number;
  inCalls: number;
  perCall: Timings;
}

/** The store with every unit of work and every call of it timed. */
function timedStore(
  store: DatabaseKnowledgeStore,
  txs: TxRecord[],
  t: Timings,
) {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'transaction') {
        return async (
          work: (uow: KnowledgeTransaction) => Promise<unknown>,
        ) => {
          const rec: TxRecord = {
            calls: [],
            total: 0,
            inCalls: 0,
            perCall: new Timings(),
          };
          const t0 = now();
          try {
            return await target.transaction(uow =>
              work(
                new Proxy(uow, {
                  get(u, p, r) {
                    const fn = Reflect.get(u, p, r);
                    if (typeof fn !== 'function') return fn;
                    return async (...args: unknown[]) => {
                      const c0 = now();
                      try {
                        return await fn.apply(u, args);
                      } finally {
                        const d = ms(c0);
                        rec.inCalls += d;
                        rec.perCall.add(String(p), d);
                        if (!rec.calls.includes(String(p))) {
                          rec.calls.push(String(p));
                        }
                      }
                    };
                  },
                }),
              ),
            );
          } finally {
            rec.total = ms(t0);
            txs.push(rec);
          }
        };
      }
      return async (...args: unknown[]) => {
        const t0 = now();
        try {
          return await value.apply(target, args);
        } finally {
          t.add(`store.${String(prop)}`, ms(t0));
        }
      };
    },
  }) as KnowledgeStore;
}

const logger: LoggerService = {
  error: m => console.error(m),
  warn: m => console.warn(m),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

// a successful run never notifies (only a third failure in a row does)
const notifier = {
  enqueue: async () => {
    throw new Error('the bench expects no notice');
  },
  flush: () => {},
  send: async () => {},
} as unknown as PpTransactionalNotifier;

// ---------------------------------------------------------------------------------------------
// Databases

interface Db {
  kind: 'sqlite' | 'pg';
  knex: Knex;
  drop(): Promise<void>;
}

async function openDb(kind: 'sqlite' | 'pg', name: string): Promise<Db> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-knowledge-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, `${name}.sqlite`) },
      useNullAsDefault: true,
    });
    return {
      kind,
      knex,
      drop: async () => {
        await knex.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = knexFactory({ client: 'pg', connection: PG });
  await admin.raw(`create database "${name}"`);
  const knex = knexFactory({ client: 'pg', connection: dbUrl(PG, name) });
  return {
    kind,
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`drop database if exists "${name}"`);
      await admin.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Baselines

interface CpuBaseline {
  records: FetchedRecord[];
  normalise: number;
  chunk: number;
  hash: number;
  embed: number;
  keywordsAndEncode: number;
  chunkTexts: string[];
  docRows: Record<string, unknown>[];
  chunkRows: Record<string, unknown>[];
}

function cpuBaseline(items: RawItem[], embedder: HashingEmbedder): CpuBaseline {
  let t0 = now();
  const records = recordsOfJson({ items }, { fields: {} }, FEED_URL);
  const normalise = ms(t0);

  t0 = now();
  const perDoc = records.map(r => chunkText(r.content));
  const chunk = ms(t0);

  t0 = now();
  for (const r of records) recordHash(r);
  const hashes = perDoc.map(texts => texts.map(x => sha256(x)));
  const hash = ms(t0);

  const chunkTexts = perDoc.flat();
  t0 = now();
  const vectors = chunkTexts.map(x => embedder.embedOne(x));
  const embed = ms(t0);

  t0 = now();
  const keywords = chunkTexts.map(x => chunkKeywords(x));
  const blobs = vectors.map(v => encodeVector(v));
  const keywordsAndEncode = ms(t0);

  const sourceId = randomUUID();
  const docRows: Record<string, unknown>[] = [];
  const chunkRows: Record<string, unknown>[] = [];
  let k = 0;
  records.forEach((r, i) => {
    const id = randomUUID();
    docRows.push({
      id,
      source_id: sourceId,
      industry: INDUSTRY,
      external_id: r.external_id,
      title: r.title,
      url: r.url,
      published_at: r.published_at ? new Date(r.published_at) : null,
      content_hash: recordHash(r),
      removed_in: null,
      updated_at: new Date(),
    });
    perDoc[i].forEach((text, position) => {
      chunkRows.push({
        id: randomUUID(),
        industry: INDUSTRY,
        source_id: sourceId,
        document_id: id,
        position,
        text,
        content_hash: hashes[i][position],
        keywords: JSON.stringify(keywords[k]),
        embedding: blobs[k],
        model_id: embedder.modelId,
        version_from: 1,
        version_to: null,
      });
      k += 1;
    });
  });
  return {
    records,
    normalise,
    chunk,
    hash,
    embed,
    keywordsAndEncode,
    chunkTexts,
    docRows,
    chunkRows,
  };
}

/** The same rows in one transaction, 400 (SQLite) or 1 000 (PostgreSQL) a statement, into a fresh migrated database. */
async function bulkInsert(db: Db, base: CpuBaseline) {
  await migrateKnowledge(db.knex);
  const size = BULK_ROWS[db.kind];
  const t0 = now();
  await db.knex.transaction(async tx => {
    for (let i = 0; i < base.docRows.length; i += size) {
      await tx('pp_knowledge_documents').insert(
        base.docRows.slice(i, i + size),
      );
    }
    for (let i = 0; i < base.chunkRows.length; i += size) {
      await tx('pp_knowledge_chunks').insert(base.chunkRows.slice(i, i + size));
    }
  });
  return ms(t0);
}

// ---------------------------------------------------------------------------------------------
// One ingestion run through the command layer, measured

interface RunFigures {
  label: string;
  status: string;
  total: number;
  records: number;
  embedded: number;
  added: number;
  modified: number;
  removed: number;
  currentChunks: number;
  parts: Array<[string, number]>;
  storeCalls: Array<[string, number, number]>;
}

async function ingestOnce(
  label: string,
  core: ReturnType<typeof createKnowledgeCore>,
  store: DatabaseKnowledgeStore,
  sourceId: string,
  feed: { items: RawItem[] },
  txs: TxRecord[],
  t: Timings,
): Promise<RunFigures> {
  txs.length = 0;
  t.reset();
  const t0 = now();
  const run = await core.commands.runSource(sourceId, 'schedule');
  const total = ms(t0);
  if (run.status !== 'succeeded') {
    throw new Error(`${label} failed: ${JSON.stringify(run)}`);
  }
  const storeTx = txs.find(x => x.calls.includes('updateRun'))!;
  const readTx = txs.find(x => x.calls.includes('currentDocuments'))!;
  const startTx = txs.find(x => x.calls.includes('insertRun'))!;
  const normalise = t.get('normalise');
  const embed = t.get('embed');
  const storeCalls = [...storeTx.perCall.ms.entries()]
    .map(([name, v]) => [name, v, storeTx.perCall.calls.get(name) ?? 0])
    .sort((a, b) => (b[1] as number) - (a[1] as number)) as Array<
    [string, number, number]
  >;
  const bookkeeping =
    startTx.total +
    [...t.ms.entries()]
      .filter(([k]) => k.startsWith('store.'))
      .reduce((sum, [, v]) => sum + v, 0);
  const inTxCpu = storeTx.total - storeTx.inCalls;
  const rest =
    total - normalise - readTx.total - embed - storeTx.total - bookkeeping;
  const version = await store.latestVersion(INDUSTRY);
  return {
    label,
    status: run.status,
    total,
    records: feed.items.length,
    embedded: t.get('embedded texts'),
    added: version?.added ?? 0,
    modified: version?.modified ?? 0,
    removed: version?.removed ?? 0,
    currentChunks: version?.chunks ?? 0,
    parts: [
      ['normalise (api parser + toRecord)', normalise],
      ['read stored documents and chunks', readTx.total],
      ['plan, chunk and hash (the rest)', rest],
      ['embed (HashingEmbedder)', embed],
      ['store: database calls', storeTx.inCalls],
      ['store: keywords, vectors, topics (CPU in the transaction)', inTxCpu],
      ['run record, source and report reads', bookkeeping],
    ],
    storeCalls,
  };
}

async function benchDatabase(
  kind: 'sqlite' | 'pg',
  corpus: ReturnType<typeof makeCorpus>,
  base: CpuBaseline,
) {
  const prefix = `pp_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}_`;
  const bulkDb = await openDb(kind, `${prefix}bulk`);
  let bulkMs: number;
  try {
    bulkMs = await bulkInsert(bulkDb, base);
  } finally {
    await bulkDb.drop();
  }

  const db = await openDb(kind, `${prefix}knowledge`);
  try {
    const raw = await DatabaseKnowledgeStore.create({
      database: { getClient: async () => db.knex },
    });
    const txs: TxRecord[] = [];
    const t = new Timings();
    const store = timedStore(raw, txs, t);
    const feed = { items: corpus.first };
    const ingest: KnowledgeIngestPorts = {
      vault: new CredentialVault(Buffer.alloc(32, 7)),
      fetchOptions: {
        timeoutMs: 15_000,
        maxBytes: 100 * 1024 * 1024,
        allowPrivateNetworks: false,
      },
      // the HTTP answer, parsed and normalised by the api source's own code
      fetchSource: async source => {
        const t0 = now();
        const records = recordsOfJson(
          { items: feed.items },
          source.connection,
          source.connection.url ?? FEED_URL,
        );
        t.add('normalise', ms(t0));
        return records;
      },
      parseUpload: async () => [],
      testConnection: async () => {
        throw new Error('not in the bench');
      },
    };
    const core = createKnowledgeCore({
      store,
      embedder: new TimedEmbedder(new HashingEmbedder(), t),
      notifier,
      logger,
      ingest,
    });
    const { source } = await core.commands.createSource(
      ppKnowledgeSourceCreateSchema.parse({
        industry: INDUSTRY,
        name: 'Bench feed',
        type: 'api',
        connection: { url: FEED_URL, auth_type: 'none' },
        frequency: 'daily',
        time: '02:00',
        time_zone: 'UTC',
      }),
      { id: 'user:default/bench', name: 'Bench' },
    );
    const run1 = await ingestOnce(
      'run 1 (first ingestion)',
      core,
      raw,
      source.id,
      feed,
      txs,
      t,
    );
    feed.items = corpus.second;
    const run2 = await ingestOnce(
      `run 2 (${Math.round(CHANGED * 100)} % changed)`,
      core,
      raw,
      source.id,
      feed,
      txs,
      t,
    );
    return { kind, bulkMs, runs: [run1, run2] };
  } finally {
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  console.log(
    `knowledge ingestion bench: ~${CHUNKS} chunks, run 2 with ${Math.round(
      CHANGED * 100,
    )} % of the records changed; databases ${DATABASES.join(', ')}; ${
      os.cpus().length
    } CPUs, load average ${os.loadavg()[0].toFixed(2)}, node ${
      process.version
    }`,
  );
  let t0 = now();
  const corpus = makeCorpus();
  console.log(
    `corpus: ${corpus.first.length} records, ${corpus.chunks} paragraphs (${s(
      ms(t0),
    )}); run 2: ${corpus.run2.changed} changed, ${
      corpus.run2.removed
    } removed, ${corpus.run2.added} new records`,
  );

  const embedder = new HashingEmbedder();
  // warm-up (JIT) on a tenth of the records, then the measured pass over all of them
  cpuBaseline(
    corpus.first.slice(0, Math.ceil(corpus.first.length / 10)),
    embedder,
  );
  const base = cpuBaseline(corpus.first, embedder);
  const n = base.chunkTexts.length;
  const chunkEmbed = base.chunk + base.embed;
  console.log(`\nin-memory baseline (run 1's records, ${n} chunks):`);
  console.log('| step | time | per chunk | chunks/s |');
  console.log('| --- | --- | --- | --- |');
  const cpuRows: Array<[string, number]> = [
    ['normalise (recordsOfJson)', base.normalise],
    ['chunk (chunkText)', base.chunk],
    ['hash (record + chunk sha256)', base.hash],
    ['embed (embedOne)', base.embed],
    ['keywords + vector encoding', base.keywordsAndEncode],
    ['**chunk + embed**', chunkEmbed],
    [
      'all of the above',
      base.normalise +
        base.chunk +
        base.hash +
        base.embed +
        base.keywordsAndEncode,
    ],
  ];
  for (const [name, v] of cpuRows) {
    console.log(
      `| ${name} | ${s(v)} | ${((v / n) * 1000).toFixed(0)} µs | ${rate(
        n,
        v,
      )} |`,
    );
  }

  const results = [];
  for (const kind of DATABASES as Array<'sqlite' | 'pg'>) {
    console.log(`\n${kind}: bulk insert baseline, then the two runs ...`);
    const r = await benchDatabase(kind, corpus, base);
    results.push(r);
    console.log(
      `${kind}: plain bulk insert of the same ${
        base.docRows.length
      } documents + ${n} chunk rows: ${s(r.bulkMs)} (${rate(
        n,
        r.bulkMs,
      )} chunk rows/s)`,
    );
    for (const run of r.runs) {
      console.log(
        `\n${kind} ${run.label}: ${s(run.total)} for ${run.records} records, ${
          run.embedded
        } chunks embedded and stored → ${rate(
          run.embedded,
          run.total,
        )} chunks/s (${rate(run.records, run.total)} records/s); version: ${
          run.added
        } added, ${run.modified} modified, ${run.removed} removed, ${
          run.currentChunks
        } current`,
      );
      console.log('| part | time | share |');
      console.log('| --- | --- | --- |');
      for (const [name, v] of run.parts) {
        console.log(
          `| ${name} | ${s(v)} | ${((v / run.total) * 100).toFixed(0)} % |`,
        );
      }
      console.log('store transaction, by call (time, calls):');
      console.log(
        run.storeCalls
          .map(([name, v, c]) => `${name} ${v.toFixed(0)} ms ×${c}`)
          .join(', '),
      );
    }
  }

  console.log('\nsummary (chunks/s; ratio = the run against the baseline):');
  console.log(
    '| database | run | chunks stored | wall time | chunks/s | × chunk+embed in memory | × chunk+embed then bulk insert |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    // the floor of a run: the CPU work of its chunks in memory, then the plain insert of its rows
    const perChunkCpu = chunkEmbed / n;
    const perChunkBulk = r.bulkMs / n;
    for (const run of r.runs) {
      const cpu = perChunkCpu * run.embedded;
      const floor = cpu + perChunkBulk * run.embedded;
      console.log(
        `| ${r.kind} | ${run.label} | ${run.embedded} | ${s(
          run.total,
        )} | ${rate(run.embedded, run.total)} | ${(run.total / cpu).toFixed(
          2,
        )}× | ${(run.total / floor).toFixed(2)}× |`,
      );
    }
  }
  console.log(
    `\nbaselines: chunk+embed in memory ${rate(
      n,
      chunkEmbed,
    )} chunks/s; ${results
      .map(r => `${r.kind} bulk insert ${rate(n, r.bulkMs)} rows/s`)
      .join(', ')}; load average at the end ${os.loadavg()[0].toFixed(2)}`,
  );
}

main().catch(e => {
  // a failed statement's message holds its SQL with every row: the start is enough
  console.error(String(e?.stack ?? e).slice(0, 2000));
  process.exit(1);
});
