#!/usr/bin/env bash
# Cheap polling benchmark (issue #13): what a 304 costs next to a 200 on the three versioned reads
# (health overview, tickets queue, people list), through the full production backend on PostgreSQL.
# Needs PostgreSQL (PP_BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432); PP_TEST_REDIS_URL
# optional. Knobs: PP_BENCH_TICKETS (20000), PP_BENCH_USERS (300), PP_BENCH_REQUESTS (1000),
# PP_BENCH_CONCURRENCY (1,8). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${PP_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
export NODE_ENV=production
exec node --require @backstage/cli/config/nodeTransform.cjs bench/polling/conditionalGets.bench.ts
