#!/usr/bin/env bash
# Installs the project's dependencies exactly as locked. Cheap when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
stamp=node_modules/.pp-install-stamp
want="$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha1sum | cut -d' ' -f1) $(node --version)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[install] dependencies up to date"
  exit 0
fi
echo "[install] yarn install --immutable (a few minutes on a fresh machine)"
yarn install --immutable
echo "$want" > "$stamp"
