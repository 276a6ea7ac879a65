#!/usr/bin/env bash
# The production stage of scripts/test.sh: the Kubernetes manifests, the built bundle laid out as
# the image has it (scripts/prepare-bundle.sh, built once here), the production smoke on it
# (scripts/smoke-production.sh, on the machine's PostgreSQL and Redis under a throwaway prefix), then
# two instances of it (scripts/production/scaleout.test.mjs) on a PRIVATE PostgreSQL and Redis that
# the test starts on free ports, restarts under the instances and removes at the end (the machine's
# shared servers are never stopped): sessions and roles across instances, scheduled jobs once per
# interval, If-Match updates spread over both, both dependencies restarted, SIGKILL and SIGTERM.
# Prints `[figure]` lines (README "Deploy" quotes them) and one `[production]` line per part.
# Usage: scripts/test-production.sh [bundle folder]   (given: reuse that bundle, do not build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

stage_started=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
lap() { echo "[production] $1: $(($(date +%s) - $2)) s"; }

t=$(date +%s)
node --test --test-reporter=spec scripts/production/manifests.test.mjs
lap "Kubernetes manifests" "$t"

bundle="${1:-}"
if [ -z "$bundle" ]; then
  t=$(date +%s)
  bundle="$work/bundle"
  scripts/prepare-bundle.sh "$bundle" >/dev/null
  lap "bundle built and installed as in the image" "$t"
fi

t=$(date +%s)
scripts/smoke-production.sh "$bundle"
lap "production smoke" "$t"

t=$(date +%s)
PP_BUNDLE_DIR="$bundle" node --test --test-concurrency=1 --test-timeout=600000 --test-reporter=spec \
  scripts/production/scaleout.test.mjs
lap "two instances, dependency faults, shutdown" "$t"

lap "production stage" "$stage_started"
