#!/usr/bin/env bash
# SLA compliance at scale (issue #16): 500 agents, 180 days of health rollups (25.9 M rows), 100 k
# tickets and 90 000 daily compliance rows in throwaway PostgreSQL databases; the daily compliance
# job over every agent (wall time), an agent's compliance and the dashboard list through the full
# backend (p50/p95). Needs PostgreSQL (PP_BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432);
# PP_TEST_REDIS_URL optional (sessions in Redis as in production).
# Knobs: PP_BENCH_SCALE (1; 0.02 = 10 agents and 2 000 tickets for development), PP_BENCH_DAYS (180),
#        PP_BENCH_REQUESTS (400), PP_BENCH_LIST_REQUESTS (200), PP_BENCH_LIST_SECONDS (60),
#        PP_BENCH_CONCURRENCY (1,8), PP_BENCH_JOB_RUNS (2).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${PP_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
export NODE_ENV=production
exec node --require @backstage/cli/config/nodeTransform.cjs bench/sla/slaCompliance.bench.ts
