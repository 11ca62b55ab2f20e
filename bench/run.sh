#!/usr/bin/env bash
# Every benchmark, with a throwaway PostgreSQL server. Figures vary on shared 2-core machines: quote ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/python-env.sh
if [ -z "${HPCONF_TEST_DATABASE_URL:-}" ]; then
  eval "$(bash scripts/pg-throwaway.sh start)"
  trap 'bash scripts/pg-throwaway.sh stop "$HPCONF_PG_DIR"' EXIT
fi
node scripts/build.mjs
echo "== CLI start-up"; node --import tsx bench/cli.bench.ts
echo "== resolver, TypeScript"; node --import tsx bench/resolver.bench.ts
echo "== resolver, Python"; .venv/bin/python bench/resolver_bench.py
echo "== seeding"; node --import tsx bench/seed.bench.ts
echo "== read path beside Unleash Edge"; node --import tsx bench/read.bench.ts
echo "== edit to effect"; node --import tsx bench/effect.bench.ts
echo "== writes at 469 and 100,000 keys"; node --import tsx bench/writes.bench.ts
echo "== console"; node --import tsx bench/console.bench.ts
echo "== lint gate vs grep"; node --import tsx bench/lint.bench.ts
