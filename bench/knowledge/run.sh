#!/usr/bin/env bash
# Knowledge search at scale (issue #17): 100 k synthetic chunks per industry × 3 industries in one
# process, embedded with the local HashingEmbedder and loaded into pp-knowledge's KnowledgeIndex;
# p50/p95 of exact, vector, keyword, hybrid and filtered searches and recall@10 against exact, in the
# same run. No database, no network.
# Knobs: PP_BENCH_CHUNKS (100000 per industry), PP_BENCH_INDUSTRIES (marketing,education,sales),
#        PP_BENCH_QUERIES (300 a query set).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
exec node --expose-gc --max-old-space-size=4096 --require @backstage/cli/config/nodeTransform.cjs bench/knowledge/knowledgeSearch.bench.ts
