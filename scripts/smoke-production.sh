#!/usr/bin/env bash
# Boots the backend on app-config.production.yaml against the local PostgreSQL and Redis, on a
# throwaway database prefix, and checks that it is healthy, serves the catalog from PostgreSQL,
# redirects Google sign-in and answers /pp/v1. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

prefix="pp_smoke_$$_"
port=8015
log="$(mktemp)"
export PP_BASE_URL="http://localhost:$port" BACKEND_SECRET="smoke-$(head -c 24 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export PP_AUDIT_SECRET="smoke-audit-$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
export REDIS_URL=redis://127.0.0.1:6379
export AUTH_GOOGLE_CLIENT_ID=smoke-test-client AUTH_GOOGLE_CLIENT_SECRET=smoke-test-secret
export APP_CONFIG_backend_database_prefix="$prefix"

cleanup() {
  [ -n "${pid:-}" ] && kill -- -"$pid" 2>/dev/null
  wait "${pid:-}" 2>/dev/null || true
  for db in $(psql -h 127.0.0.1 -U postgres -Atc "select datname from pg_database where datname like '${prefix}%'"); do
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists \"$db\"" >/dev/null || true
  done
  rm -f "$log"
}
trap cleanup EXIT

if curl -s -o /dev/null "localhost:$port"; then
  echo "[smoke] port $port is busy; stop the running portal first" >&2
  exit 1
fi
setsid yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.production.yaml >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 90); do
  curl -sf "localhost:$port/.backstage/health/v1/readiness" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "[smoke] backend died" >&2; exit 1; }
  sleep 1
done
curl -sf "localhost:$port/.backstage/health/v1/readiness" >/dev/null || { tail -50 "$log"; exit 1; }

fail() { echo "[smoke] FAIL: $*" >&2; tail -40 "$log" >&2; exit 1; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

[ "$(code "localhost:$port/api/catalog/entities")" = 401 ] || fail "catalog must require a token"
[ "$(code "localhost:$port/api/auth/google/start?env=production")" = 302 ] || fail "Google sign-in must redirect"
body="$(curl -s "localhost:$port/pp/v1/unknown")"
echo "$body" | grep -q '"NotFoundError"' || fail "/pp/v1 must answer JSON 404, got: $body"
psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname='${prefix}catalog'" | grep -q 1 ||
  fail "catalog database ${prefix}catalog was not created in PostgreSQL"
grep -q "redis" "$log" && grep -qi "error.*redis" "$log" && fail "Redis errors in the log"
echo "[smoke] production config: healthy on PostgreSQL (${prefix}*) and Redis; Google redirects; /pp/v1 JSON 404"
