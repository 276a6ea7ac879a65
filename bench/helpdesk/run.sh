#!/usr/bin/env bash
# Helpdesk queue benchmark: 100 k tickets in a throwaway PostgreSQL database, GET /pp/v1/tickets?limit=50
# through the full backend vs the same SQL through `pg`. Needs PostgreSQL (PP_BENCH_PG_URL, default
# postgresql://postgres@127.0.0.1:5432); PP_TEST_REDIS_URL optional (sessions in Redis as in production).
# Knobs: PP_BENCH_TICKETS (100000), PP_BENCH_REQUESTS (2000), PP_BENCH_CONCURRENCY (1,8).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${PP_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
export NODE_ENV=production
exec node --require @backstage/cli/config/nodeTransform.cjs bench/helpdesk/ticketsQueue.bench.ts
