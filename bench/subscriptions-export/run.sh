#!/usr/bin/env bash
# Run export benchmark: 1 M agent runs of one subscription in a throwaway PostgreSQL CP database,
# exported as CSV through the real code (RunExports → CustomerPortalStore.runBatches →
# csv-stringify → file). Prints rows/s and the RSS growth. Needs PostgreSQL (PP_BENCH_PG_URL,
# default postgresql://postgres@127.0.0.1:5432). Knobs: PP_BENCH_RUNS (1000000).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh >/dev/null
export NODE_ENV=production
exec node --expose-gc --require @backstage/cli/config/nodeTransform.cjs bench/subscriptions-export/exportCsv.bench.ts
