#!/usr/bin/env bash
# Sets up and starts the Platform Portal on its embedded default: SQLite files under ./data,
# in-memory cache, dev sign-in and demo data. Frontend http://localhost:3000, backend :8015.
# Extra arguments go to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
scripts/install.sh
mkdir -p data/sqlite
exec yarn start "$@"
