#!/usr/bin/env bash
# Knowledge benches (issue #17). `bench/knowledge/run.sh [search|ingestion]` (default: search).
#
# search: knowledge search at scale: 100 k synthetic chunks per industry × 3 industries in one
# process, embedded with the local HashingEmbedder and loaded into pp-knowledge's KnowledgeIndex;
# p50/p95 of exact, vector, keyword, hybrid and filtered searches and recall@10 against exact, in the
# same run. No database, no network.
# Knobs: PP_BENCH_CHUNKS (100000 per industry), PP_BENCH_INDUSTRIES (marketing,education,sales),
#        PP_BENCH_QUERIES (300 a query set).
#
# ingestion: ingestion throughput (chunks/s) through pp-knowledge's command layer (runSource →
# normalise → chunk → HashingEmbedder → one store transaction) on SQLite (a temporary file) and on a
# throwaway PostgreSQL database: a first ingestion of ~20 k chunks, then a run with 10 % of the
# records changed; in-memory chunk+embed and a plain bulk insert of the same rows as baselines.
# Needs PostgreSQL for `pg` (PP_BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432).
# Knobs: PP_BENCH_CHUNKS (20000), PP_BENCH_CHANGED (0.1), PP_BENCH_DATABASES (sqlite,pg).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
case "${1:-search}" in
  search)
    exec node --expose-gc --max-old-space-size=4096 --require @backstage/cli/config/nodeTransform.cjs bench/knowledge/knowledgeSearch.bench.ts
    ;;
  ingestion)
    export NODE_ENV=production
    exec node --max-old-space-size=4096 --require @backstage/cli/config/nodeTransform.cjs bench/knowledge/knowledgeIngestion.bench.ts
    ;;
  *)
    echo "usage: $0 [search|ingestion]" >&2
    exit 2
    ;;
esac
