#!/usr/bin/env bash
# Sets up and runs every test: type check, lint, formatting, unit and backend tests (SQLite and
# PostgreSQL), and the Playwright journeys in Debian's Chromium. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

step() { printf '\n=== %s\n' "$*"; }
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

step "services"
scripts/ensure-services.sh
step "install"
scripts/install.sh

# Throwaway PostgreSQL databases per test run (TestDatabases creates and drops them).
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export PP_REQUIRE_POSTGRES=1
export PP_TEST_REDIS_URL="${PP_TEST_REDIS_URL:-redis://127.0.0.1:6379}"
export PP_TEST_RABBITMQ_URL="${PP_TEST_RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}"

step "type check"
yarn tsc
step "lint"
yarn lint:all
step "formatting"
yarn prettier:check
step "unit and backend tests"
CI=true yarn test:all 2>&1 | tee "$logs/jest.log"
step "production: Kubernetes manifests, the built bundle's smoke, two instances of it (private PostgreSQL and Redis)"
# One bundle build (scripts/prepare-bundle.sh) serves the smoke and the two-instance test.
t=$(date +%s)
scripts/test-production.sh 2>&1 | tee "$logs/production.log"
echo "[production] bundle built once, smoke-tested and run as two instances in $(($(date +%s) - t)) s"
step "end-to-end (Playwright, Debian Chromium)"
# The journeys use the frontend the production stage built (served by the embedded-default backend),
# not the webpack dev server: a page loads in seconds instead of parsing the development bundle.
[ -f packages/app/dist/index.html ] || yarn workspace app build
PP_E2E_BUILT_APP=1 yarn test:e2e 2>&1 | tee "$logs/e2e.log"

# One closing line over every runner (jest's and Playwright's own summaries are above).
strip() { sed 's/\x1b\[[0-9;]*m//g' "$1"; }
jest_passed=$(strip "$logs/jest.log" | sed -n 's/^Tests:.* \([0-9]*\) passed.*/\1/p' | tail -1)
e2e_passed=$(strip "$logs/e2e.log" | sed -n 's/^ *\([0-9]*\) passed.*/\1/p' | tail -1)
prod_passed=$(strip "$logs/production.log" | sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' | awk '{s += $1} END {print s + 0}')
printf '\nPlatform Portal: %d passed, 0 failed\n' $((${jest_passed:-0} + ${e2e_passed:-0} + ${prod_passed:-0} + 1))
