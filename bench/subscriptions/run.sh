#!/usr/bin/env bash
# Subscriptions at scale (issue #14): 100 k subscriptions and 10 M agent runs in a throwaway
# PostgreSQL CP database; the daily score job timed next to the raw 30-day aggregation, and the
# filtered subscription list through the full backend next to its raw SQL on pp_subscription_list.
# Needs PostgreSQL (PP_BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432); PP_TEST_REDIS_URL
# optional (sessions in Redis as in production).
# Knobs: PP_BENCH_SUBSCRIPTIONS (100000), PP_BENCH_RUNS (10000000), PP_BENCH_REQUESTS (400),
#        PP_BENCH_CONCURRENCY (1,8).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${PP_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
export NODE_ENV=production
exec node --require @backstage/cli/config/nodeTransform.cjs bench/subscriptions/subscriptions.bench.ts
