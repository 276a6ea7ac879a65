/*
 * Knowledge search at scale (issue #17): 100 k chunks per industry, three industries in one process,
 * through pp-knowledge's own search code (plugins/pp-knowledge-backend/src/search): the default
 * local HashingEmbedder (256 dimensions) and the in-memory KnowledgeIndex (a dimension-major flat
 * vector index with query-dimension pruning and exact re-ranking, BM25, hybrid by reciprocal rank
 * fusion; see the header of KnowledgeIndex.ts for why this index).
 *
 * Per industry: a synthetic corpus (`syntheticCorpus`: realistic English sentences over ~300
 * topics with Zipf-like popularity, 8 sources, versions 1–4), embedded and loaded; then, after a
 * warm-up, for every query of the set, in the same run:
 *   - exact: `exactSearch` (every dimension of every row; the baseline and the recall reference),
 *   - vector / keyword / hybrid: `search` in that mode, limit 10,
 *   - vector filtered: 2 of the 8 sources and version seq 2, against the filtered exact search,
 * p50/p95 of the search call alone (the query's embedding is timed separately) and recall@10 of
 * the vector rows against exact. Two query sets: short (a topic and 1–3 words of a chunk, as
 * people type) and long (400 characters of a chunk: dense query vectors, the worst case).
 * Finally a version landing: 1 000 rows added and 500 retired, timed.
 *
 * Run: bench/knowledge/run.sh   (see bench/README.md)
 */
import os from 'node:os';
import { HashingEmbedder } from '../../plugins/pp-knowledge-backend/src/search/Embedder';
import {
  KnowledgeIndex,
  KnowledgeIndexHit,
  KnowledgeIndexQuery,
} from '../../plugins/pp-knowledge-backend/src/search/KnowledgeIndex';
import { syntheticCorpus } from '../../plugins/pp-knowledge-backend/src/search/__testUtils__/syntheticCorpus';

const CHUNKS = Number(process.env.PP_BENCH_CHUNKS ?? 100_000);
const INDUSTRIES = (
  process.env.PP_BENCH_INDUSTRIES ?? 'marketing,education,sales'
).split(',');
const QUERIES = Number(process.env.PP_BENCH_QUERIES ?? 300);
const LIMIT = 10;

const embedder = new HashingEmbedder();
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function pct(times: number[], q: number) {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function recall(got: KnowledgeIndexHit[], exact: KnowledgeIndexHit[]) {
  if (!exact.length) return 1;
  const ids = new Set(got.map(h => h.id));
  return exact.filter(h => ids.has(h.id)).length / exact.length;
}

interface Row {
  industry: string;
  set: string;
  path: string;
  p50: number;
  p95: number;
  recall?: number;
}

function measureSet(
  industry: string,
  set: string,
  index: KnowledgeIndex,
  queries: string[],
): Row[] {
  const vectors = queries.map(q => embedder.embedOne(q));
  const embedTimes = queries.map(q => {
    const t0 = process.hrtime.bigint();
    embedder.embedOne(q);
    return ms(t0);
  });
  const filters = {
    sourceIds: [`${industry}-source-1`, `${industry}-source-2`],
    versionSeq: 2,
  };
  const paths: {
    path: string;
    run: (i: number) => KnowledgeIndexHit[];
    exact?: (i: number) => KnowledgeIndexHit[];
  }[] = [
    {
      path: 'exact (baseline)',
      run: i => index.exactSearch(vectors[i], { limit: LIMIT }),
    },
    {
      path: 'vector',
      run: i => index.search(q(i, 'vector')),
      exact: i => index.exactSearch(vectors[i], { limit: LIMIT }),
    },
    { path: 'keyword (BM25)', run: i => index.search(q(i, 'keyword')) },
    { path: 'hybrid (RRF)', run: i => index.search(q(i, 'hybrid')) },
    {
      path: 'exact filtered',
      run: i => index.exactSearch(vectors[i], { limit: LIMIT, ...filters }),
    },
    {
      path: 'vector filtered',
      run: i => index.search({ ...q(i, 'vector'), ...filters }),
      exact: i => index.exactSearch(vectors[i], { limit: LIMIT, ...filters }),
    },
  ];
  function q(
    i: number,
    mode: KnowledgeIndexQuery['mode'],
  ): KnowledgeIndexQuery {
    return { query: queries[i], queryVector: vectors[i], limit: LIMIT, mode };
  }

  const rows: Row[] = [
    {
      industry,
      set,
      path: 'query embedding',
      p50: pct(embedTimes, 0.5),
      p95: pct(embedTimes, 0.95),
    },
  ];
  for (const p of paths) {
    for (let i = 0; i < Math.min(20, queries.length); i++) p.run(i); // warm-up
    const times: number[] = [];
    let r = 0;
    for (let i = 0; i < queries.length; i++) {
      const t0 = process.hrtime.bigint();
      const got = p.run(i);
      times.push(ms(t0));
      if (p.exact) r += recall(got, p.exact(i));
    }
    rows.push({
      industry,
      set,
      path: p.path,
      p50: pct(times, 0.5),
      p95: pct(times, 0.95),
      recall: p.exact ? r / queries.length : undefined,
    });
  }
  return rows;
}

async function main() {
  console.log(
    `knowledge search bench: ${CHUNKS} chunks × ${INDUSTRIES.join(
      ', ',
    )}, ${QUERIES} queries a set, ` +
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()[0]
        .toFixed(2)}, node ${process.version}`,
  );
  const indexes = new Map<string, KnowledgeIndex>();
  const querySets = new Map<string, { short: string[]; long: string[] }>();
  const before = process.memoryUsage();
  for (const industry of INDUSTRIES) {
    let t0 = process.hrtime.bigint();
    const corpus = syntheticCorpus({
      industry,
      count: CHUNKS,
      queryCount: QUERIES,
      seed: 7 + industry.length,
    });
    const genMs = ms(t0);
    t0 = process.hrtime.bigint();
    const rows = corpus.chunks.map((c, i) => ({
      id: c.id,
      source_id: c.source_id,
      version_from: 1 + (i % 4),
      version_to: null,
      text: c.text,
      vector: embedder.embedOne(c.text),
    }));
    const embedMs = ms(t0);
    t0 = process.hrtime.bigint();
    const index = await KnowledgeIndex.build(rows, { dimension: 256 });
    const buildMs = ms(t0);
    indexes.set(industry, index);
    querySets.set(industry, {
      short: corpus.queries,
      long: corpus.chunks
        .filter((_, i) => i % Math.floor(CHUNKS / QUERIES) === 3)
        .slice(0, QUERIES)
        .map(c => c.text.slice(0, 400)),
    });
    const s = index.stats();
    console.log(
      `${industry}: corpus ${genMs.toFixed(0)} ms, embedding ${(
        embedMs / 1000
      ).toFixed(1)} s ` +
        `(${((embedMs / CHUNKS) * 1000).toFixed(0)} µs a chunk), index load ${(
          buildMs / 1000
        ).toFixed(1)} s; ` +
        `${s.rows} rows, ${s.terms} terms, vectors ${mb(
          s.vectorBytes,
        )}, postings ${mb(s.postingBytes)}`,
    );
  }
  (global as any).gc?.();
  const after = process.memoryUsage();
  console.log(
    `memory of the ${
      INDUSTRIES.length
    } indexes (process, after loading, corpora released${
      (global as any).gc ? ', after gc' : ''
    }): rss ${mb(after.rss)}, heap used ${mb(after.heapUsed)} (+${mb(
      after.heapUsed - before.heapUsed,
    )}), array buffers ${mb(after.arrayBuffers)}`,
  );

  const rows: Row[] = [];
  for (const industry of INDUSTRIES) {
    const index = indexes.get(industry)!;
    const sets = querySets.get(industry)!;
    rows.push(...measureSet(industry, 'short', index, sets.short));
    rows.push(...measureSet(industry, 'long', index, sets.long));
  }

  console.log(
    '\n| industry | queries | path | p50 ms | p95 ms | recall@10 vs exact |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.industry} | ${r.set} | ${r.path} | ${r.p50.toFixed(
        2,
      )} | ${r.p95.toFixed(2)} | ${
        r.recall === undefined ? '' : r.recall.toFixed(3)
      } |`,
    );
  }

  // a version landing on the first industry: 1 000 new rows, 500 retired
  const first = INDUSTRIES[0];
  const index = indexes.get(first)!;
  const fresh = syntheticCorpus({
    industry: first,
    count: 1000,
    queryCount: 0,
    seed: 99,
  });
  const newRows = fresh.chunks.map(c => ({
    id: `${c.id}-v5`,
    source_id: c.source_id,
    version_from: 5,
    version_to: null,
    text: c.text,
    vector: embedder.embedOne(c.text),
  }));
  let t0 = process.hrtime.bigint();
  await index.add(newRows);
  const addMs = ms(t0);
  t0 = process.hrtime.bigint();
  index.retire(
    Array.from({ length: 500 }, (_, i) => `${first}-chunk-${i * 7}`),
    5,
  );
  const retireMs = ms(t0);
  console.log(
    `\nversion landing (${first}): add 1 000 rows ${addMs.toFixed(
      0,
    )} ms, retire 500 rows ${retireMs.toFixed(2)} ms`,
  );

  const verdict = rows.filter(
    r => r.path === 'vector' || r.path === 'vector filtered',
  );
  const minRecall = Math.min(...verdict.map(r => r.recall!));
  const searchRows = rows.filter(r =>
    ['vector', 'keyword (BM25)', 'hybrid (RRF)', 'vector filtered'].includes(
      r.path,
    ),
  );
  const maxP95 = Math.max(...searchRows.map(r => r.p95));
  const maxShortP95 = Math.max(
    ...searchRows.filter(r => r.set === 'short').map(r => r.p95),
  );
  console.log(
    `\ntargets: recall@10 ≥ 0.95 vs exact: lowest ${minRecall.toFixed(3)} → ${
      minRecall >= 0.95 ? 'met' : 'MISSED'
    }; p95 ≤ 50 ms: highest ${maxP95.toFixed(
      2,
    )} ms (short queries ${maxShortP95.toFixed(2)} ms) → ${
      maxP95 <= 50
        ? 'met'
        : maxShortP95 <= 50
        ? 'met for short queries only'
        : 'MISSED'
    }; load average at the end ${os.loadavg()[0].toFixed(2)}`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
