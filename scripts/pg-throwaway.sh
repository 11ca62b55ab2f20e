#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server from Debian's packages, for tests and benchmarks.
#   eval "$(bash scripts/pg-throwaway.sh start)"   # exports HPCONF_TEST_DATABASE_URL and HPCONF_PG_DIR
#   bash scripts/pg-throwaway.sh restart "$HPCONF_PG_DIR" 2   # down 2 s, then up (reconnect tests)
#   bash scripts/pg-throwaway.sh stop "$HPCONF_PG_DIR"
set -euo pipefail
cmd=${1:-start}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pgbin" ] || { echo "no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  dir=$(mktemp -d /tmp/hpconf-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$pgbin/initdb" -D "$dir/data" -A trust -U hpconf -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # Tests and most benchmarks run without fsync (a throwaway server); HPCONF_PG_DURABLE=1 keeps PostgreSQL's durable defaults.
  fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${HPCONF_PG_DURABLE:-}" = 1 ] && fast=""
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $fast -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "export HPCONF_TEST_DATABASE_URL=postgres://hpconf@127.0.0.1:$port/postgres"
  echo "export HPCONF_PG_DIR=$dir"
  ;;
restart)
  # Down for DOWN seconds (default 2), then up again with the same options: clients must reconnect.
  dir=${2:?usage: restart DIR [DOWN]}
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  sleep "${3:-2}"
  opts=$(sed -e 's/^[^ ]* //' "$dir/data/postmaster.opts" | sed -e 's/"-D" "[^"]*" *//')
  eval "set -- $opts"
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$*" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  dir=${2:?usage: stop DIR}
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start | restart DIR [DOWN] | stop DIR" >&2; exit 2 ;;
esac
