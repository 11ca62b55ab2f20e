#!/usr/bin/env bash
# The whole test suite: TypeScript and Python, the store suite against PGlite and a real PostgreSQL.
# Starts a throwaway PostgreSQL (Debian's packages) unless HPCONF_TEST_DATABASE_URL is already set.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/python-env.sh

if [ -z "${HPCONF_TEST_DATABASE_URL:-}" ]; then
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    eval "$(bash scripts/pg-throwaway.sh start)"
    trap 'bash scripts/pg-throwaway.sh stop "$HPCONF_PG_DIR"' EXIT
    echo "throwaway PostgreSQL: $HPCONF_TEST_DATABASE_URL"
  else
    echo "no PostgreSQL installed: the store suite runs against PGlite only (apt-get install postgresql for both)"
  fi
fi

status=0
bash scripts/test-ts.sh || status=1
HPCONF_TEST_DATABASE_URL=${HPCONF_TEST_DATABASE_URL:-} .venv/bin/python -m pytest -q python/tests training/tests || status=1
exit $status
