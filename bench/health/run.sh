#!/usr/bin/env bash
# Health data benchmark: health checks (6.7 M rows = 13 services every 30 s for 6 months) and log
# lines (10 M) in a throwaway PostgreSQL database; overview / service detail / log queries through the
# plugin's own code vs the equivalent raw SQL through `pg`, in the same run. See bench/README.md.
# Usage: bench/health/run.sh [--scale 0.05] [--iterations 200] [--only logs|checks] [--keep]
# Env: PP_BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export NODE_ENV=production
exec node --max-old-space-size=4096 --require @backstage/cli/config/nodeTransform.cjs bench/health/healthData.bench.ts "$@"
