#!/usr/bin/env bash
# The gate alone (issue #13): a 304 and a constant GET per caller kind, through the production
# backend on PostgreSQL (Redis sessions with PP_TEST_REDIS_URL). Knobs: PP_BENCH_PG_URL,
# PP_BENCH_REQUESTS (2000), PP_BENCH_CONCURRENCY (1,8); extra node flags in PP_BENCH_NODE_FLAGS
# (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${PP_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
export NODE_ENV=production
# shellcheck disable=SC2086
exec node ${PP_BENCH_NODE_FLAGS:-} --require @backstage/cli/config/nodeTransform.cjs bench/polling/gate.bench.ts
