#!/usr/bin/env bash
# Production smoke: boots the BUILT bundle exactly as the image's CMD does (plain node, NODE_ENV=
# production, app-config.yaml + app-config.production.yaml) against the local PostgreSQL and Redis
# on a throwaway database prefix and Redis namespace, and checks what production promises: ready on
# PostgreSQL and Redis, the frontend served by the backend, compact JSON, error answers without
# stack traces, absolute paths or echoed request bodies, Google sign-in redirecting, the dev sign-in
# refused (and the backend refusing to start with it switched on).
# Usage: scripts/smoke-production.sh [bundle folder]   (without one, scripts/prepare-bundle.sh builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

bundle="${1:-}"
if [ -z "$bundle" ]; then
  bundle="$(mktemp -d)/bundle"
  scripts/prepare-bundle.sh "$bundle" >/dev/null
fi
bundle="$(cd "$bundle" && pwd)"

prefix="pp_smoke_$$_"
port="${PP_SMOKE_PORT:-18415}"
log="$(mktemp)"
admin="smoke-admin-$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export PP_BASE_URL="http://localhost:$port" BACKEND_SECRET="smoke-$(head -c 24 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export PP_AUDIT_SECRET="smoke-audit-$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
export REDIS_URL=redis://127.0.0.1:6379
export AUTH_GOOGLE_CLIENT_ID=smoke-test-client AUTH_GOOGLE_CLIENT_SECRET=smoke-test-secret
export PP_ADMIN_TOKEN="$admin"
export APP_CONFIG_backend_listen=":$port" APP_CONFIG_backend_database_prefix="$prefix"
export APP_CONFIG_pp_redis_keyPrefix="${prefix}sessions" APP_CONFIG_backend_cache_redis_client_namespace="$prefix"
# What the image sets.
export NODE_ENV=production NODE_OPTIONS=--no-node-snapshot
CMD=(node packages/backend --config app-config.yaml --config app-config.production.yaml)

cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait "${pid:-}" 2>/dev/null || true
  for db in $(psql -h 127.0.0.1 -U postgres -Atc "select datname from pg_database where datname like '${prefix}%'"); do
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists \"$db\" with (force)" >/dev/null || true
  done
  rm -f "$log" "$log.body" "$log.big"
}
trap cleanup EXIT

fail() { echo "[smoke] FAIL: $*" >&2; tail -40 "$log" >&2; exit 1; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

if curl -s -o /dev/null "localhost:$port"; then
  echo "[smoke] port $port is busy (set PP_SMOKE_PORT)" >&2
  exit 1
fi

# 1. With the dev sign-in switched on, a production backend refuses to start.
started=$(date +%s)
if (cd "$bundle" && env 'APP_CONFIG_auth_providers_pp-dev_enabled=true' timeout 120 "${CMD[@]}") >"$log" 2>&1; then
  fail "the backend started with NODE_ENV=production and the dev sign-in on"
fi
grep -q "dev sign-in.*NODE_ENV is production" "$log" || fail "no clear refusal of the dev sign-in in the log"
echo "[smoke] dev sign-in switched on: the production backend refused to start ($(($(date +%s) - started)) s)"

# 2. The production configuration, as the image runs it.
started=$(date +%s)
(cd "$bundle" && exec "${CMD[@]}") >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/.backstage/health/v1/readiness" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "backend died"
  sleep 1
done
curl -sf "localhost:$port/.backstage/health/v1/readiness" >/dev/null || fail "not ready after 120 s"
echo "[smoke] bundle ready in $(($(date +%s) - started)) s on PostgreSQL (${prefix}*) and Redis"

psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname='${prefix}catalog'" | grep -q 1 ||
  fail "catalog database ${prefix}catalog was not created in PostgreSQL"
redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG || fail "Redis is not answering"

# The frontend, served by the backend's app plugin from packages/app/dist.
page="$(curl -s "localhost:$port/")"
echo "$page" | grep -q '<div id="root">' || fail "the frontend is not served at /: ${page:0:200}"
asset="$(echo "$page" | grep -o '/static/[^"]*\.js' | head -1)"
[ -n "$asset" ] && [ "$(code "localhost:$port$asset")" = 200 ] || fail "frontend asset $asset not served"
[ "$(code "localhost:$port/catalog")" = 200 ] || fail "the frontend's routes must fall back to index.html"

# Sign-in: Google redirects to Google, the dev sign-in does not exist.
location="$(curl -s -o /dev/null -w '%{redirect_url}' "localhost:$port/api/auth/google/start?env=production")"
[[ "$location" == https://accounts.google.com/* ]] || fail "Google sign-in must redirect to Google, got '$location'"
dev="$(curl -s -w ' %{http_code}' -H 'X-Requested-With: XMLHttpRequest' -H 'x-pp-dev-user: founder@waooaw.com' \
  -H 'x-pp-dev-session: 00000000-0000-4000-8000-000000000000' -H 'x-pp-dev-fresh: 1' "localhost:$port/api/auth/pp-dev/refresh")"
case "${dev##* }" in 404 | 401 | 403) ;; *) fail "dev sign-in must be refused, got $dev" ;; esac
echo "$dev" | grep -q backstageIdentity && fail "dev sign-in handed out a token"

# Compact JSON (development pretty-prints).
json="$(curl -s -H "Authorization: Bearer $admin" "localhost:$port/pp/v1/roles")"
echo "$json" | grep -q '"admin"' || fail "/pp/v1/roles: $json"
[ "$(printf '%s' "$json" | wc -l)" = 0 ] || fail "JSON answers must be compact in production"

# Error answers: no stack, no absolute path, no echo of the request body, compact.
marker="SMOKE-SECRET-$$-$RANDOM"
check_error() {
  local what="$1" want="$2"
  shift 2
  local got
  got="$(curl -s -o "$log.body" -w '%{http_code}' "$@")"
  [ "$got" = "$want" ] || fail "$what: status $got, expected $want: $(head -c 300 "$log.body")"
  grep -q '"error"' "$log.body" || fail "$what: not a JSON error: $(head -c 300 "$log.body")"
  grep -q '"stack"' "$log.body" && fail "$what: stack trace in the answer"
  grep -Eq "$bundle|/work/|/app/|node_modules|\.(ts|js):[0-9]+|    at " "$log.body" && fail "$what: path in the answer: $(head -c 400 "$log.body")"
  grep -q "$marker" "$log.body" && fail "$what: the request body is echoed: $(head -c 400 "$log.body")"
  [ "$(wc -l <"$log.body")" = 0 ] || fail "$what: error JSON is not compact"
  return 0
}
auth=(-H "Authorization: Bearer $admin")
check_error "unknown /pp/v1 path" 404 "localhost:$port/pp/v1/unknown"
check_error "catalog without a token" 401 "localhost:$port/api/catalog/entities"
check_error "bad token" 401 -H "Authorization: Bearer $marker" "localhost:$port/pp/v1/tickets"
check_error "malformed JSON" 400 "${auth[@]}" -H 'content-type: application/json' \
  --data "{\"title\": \"$marker\", " "localhost:$port/pp/v1/tickets"
check_error "invalid ticket" 400 "${auth[@]}" -H 'content-type: application/json' \
  --data "{\"type\":\"$marker\",\"priority\":\"$marker\",\"title\":\"$marker\",\"description\":\"$marker\"}" \
  "localhost:$port/pp/v1/tickets"
check_error "unknown ticket" 404 "${auth[@]}" "localhost:$port/pp/v1/tickets/00000000-0000-4000-8000-000000000000"
printf '{"title":"%s%s"}' "$marker" "$(head -c 200000 /dev/zero | tr '\0' x)" >"$log.big"
check_error "body over the limit" 413 "${auth[@]}" -H 'content-type: application/json' \
  --data-binary @"$log.big" "localhost:$port/pp/v1/tickets"
check_error "catalog entity not found" 404 "${auth[@]}" "localhost:$port/api/catalog/entities/by-name/component/default/no-such-smoke-entity"
grep -qi "error.*redis\|redis.*error" "$log" && fail "Redis errors in the log"

echo "[smoke] production bundle: ready on PostgreSQL and Redis; frontend served; Google redirects; dev sign-in refused; compact JSON; errors without stack, paths or echoed bodies"
