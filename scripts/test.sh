#!/usr/bin/env bash
# Sets up and runs every test: type check, lint, formatting, unit and backend tests (SQLite and
# PostgreSQL), and the Playwright journeys in Debian's Chromium. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

step() { printf '\n=== %s\n' "$*"; }

step "services"
scripts/ensure-services.sh
step "install"
scripts/install.sh

# Throwaway PostgreSQL databases per test run (TestDatabases creates and drops them).
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export PP_REQUIRE_POSTGRES=1
export PP_TEST_REDIS_URL="${PP_TEST_REDIS_URL:-redis://127.0.0.1:6379}"

step "type check"
yarn tsc
step "lint"
yarn lint:all
step "formatting"
yarn prettier:check
step "unit and backend tests"
CI=true yarn test:all
step "production configuration smoke (PostgreSQL, Redis, Google)"
scripts/smoke-production.sh
step "end-to-end (Playwright, Debian Chromium)"
yarn test:e2e
