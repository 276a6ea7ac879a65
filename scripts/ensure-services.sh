#!/usr/bin/env bash
# Starts the local services the tests use when they are not running, and installs Debian's
# Chromium for Playwright when it is missing. Commands are the ones these machines document.
set -uo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "[services] starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "[services] PostgreSQL is not available on 127.0.0.1:5432" >&2; exit 1; }

# The backend suites run in parallel and each full test backend keeps a pool per plugin database:
# at peaks the run needs more than PostgreSQL's default 100 connections ("too many clients").
pg_want=300
pg_have=$(psql -h 127.0.0.1 -U postgres -Atc 'show max_connections' 2>/dev/null || echo 0)
if [ "${pg_have:-0}" -lt "$pg_want" ]; then
  echo "[services] PostgreSQL max_connections ${pg_have} -> ${pg_want} (restart)"
  psql -h 127.0.0.1 -U postgres -qc "alter system set max_connections = ${pg_want}" &&
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "[services] PostgreSQL did not come back" >&2; exit 1; }
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "[services] starting Redis"
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { echo "[services] Redis is not available on 127.0.0.1:6379" >&2; exit 1; }

rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! rabbit_up; then
  echo "[services] starting RabbitMQ"
  as_root rabbitmq-server -detached || true
  for _ in $(seq 1 60); do rabbit_up && break; sleep 1; done
fi
rabbit_up || { echo "[services] RabbitMQ is not available on 127.0.0.1:5672" >&2; exit 1; }

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "[services] installing Debian's chromium for the browser tests"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || { echo "[services] chromium is missing" >&2; exit 1; }
echo "[services] PostgreSQL, Redis, RabbitMQ and Chromium are ready"
