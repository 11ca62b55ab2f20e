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
# --smoke: every benchmark at a small size (CI runs it, so none can rot); the figures mean nothing then.
small=()
if [ "${1:-}" = "--smoke" ]; then
  export BENCH_SMOKE=1 BENCH_RUNS=2 BENCH_EDITS=3 BENCH_SECONDS=1 BENCH_WRITES=2
  small=(resolver=2000 py=2000 seed=1 lint=20 warmseeds=1 warmtrials=6)
fi
arg() { for kv in "${small[@]}"; do [ "${kv%%=*}" = "$1" ] && echo "${kv#*=}"; done; }
[ -n "${BENCH_SMOKE:-}" ] || node scripts/build.mjs
echo "== CLI start-up"; node --import tsx bench/cli.bench.ts
echo "== resolver, TypeScript"; node --import tsx bench/resolver.bench.ts $(arg resolver)
echo "== resolver, Python"; .venv/bin/python bench/resolver_bench.py $(arg py)
echo "== seeding"; node --import tsx bench/seed.bench.ts $(arg seed)
echo "== read path beside Unleash Edge"; node --import tsx bench/read.bench.ts
echo "== edit to effect"; node --import tsx bench/effect.bench.ts
echo "== writes at the shipped catalog (615 keys) and 100,000 keys (smoke: 615 and 640)"; node --import tsx bench/writes.bench.ts
echo "== console"; node --import tsx bench/console.bench.ts
echo "== lint gate vs ruff"; node --import tsx bench/lint.bench.ts $(arg lint)
echo "== warm start vs cold after a range edit (one study, the shipped 2024 candles)"; .venv/bin/python bench/warm_start_bench.py $(arg warmseeds) $(arg warmtrials)
echo "bench: every benchmark ran"

