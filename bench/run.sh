#!/usr/bin/env bash
# Every benchmark, with a throwaway PostgreSQL server, twice: on the machine as it is (run it quiet), then beside a
# CPU hog this script starts (one busy process the scheduler moves between cores). Figures vary on shared 2-core
# machines: quote the ratios, each measured within one run. Output: docs/bench/run-DATE-quiet.txt and -load.txt.
#   bash bench/run.sh            both passes
#   bash bench/run.sh --smoke    every benchmark at a small size, and one under the hog (CI: so none can rot)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/python-env.sh
if [ -z "${HPCONF_TEST_DATABASE_URL:-}" ]; then
  eval "$(bash scripts/pg-throwaway.sh start)"
  trap 'bash scripts/pg-throwaway.sh stop "$HPCONF_PG_DIR"' EXIT
fi
small=()
smoke=
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  export BENCH_SMOKE=1 BENCH_RUNS=2 BENCH_EDITS=3 BENCH_SECONDS=1 BENCH_WRITES=2 BENCH_FLEET=50
  small=(resolver=2000 py=2000 seed=1 lint=20 warmseeds=1 warmtrials=6)
fi
arg() { for kv in "${small[@]}"; do [ "${kv%%=*}" = "$1" ] && echo "${kv#*=}"; done; }
[ -n "$smoke" ] || node scripts/build.mjs

suite() {
  echo "== CLI start-up"; node --import tsx bench/cli.bench.ts
  echo "== resolver, TypeScript"; node --import tsx bench/resolver.bench.ts $(arg resolver)
  echo "== resolver, Python"; .venv/bin/python bench/resolver_bench.py $(arg py)
  echo "== seeding"; node --import tsx bench/seed.bench.ts $(arg seed)
  echo "== read path beside Unleash Edge"; node --import tsx bench/read.bench.ts
  echo "== fleet start"; node --import tsx bench/fleet.bench.ts
  echo "== edit to effect"; node --import tsx bench/effect.bench.ts
  echo "== writes at the shipped catalog (615 keys) and 100,000 keys (smoke: 615 and 640)"; node --import tsx bench/writes.bench.ts
  echo "== console"; node --import tsx bench/console.bench.ts
  echo "== lint gate vs ruff"; node --import tsx bench/lint.bench.ts $(arg lint)
}

hog_pid=
start_hog() { node -e 'for (;;) {}' & hog_pid=$!; echo "(a CPU hog runs beside every benchmark of this pass: pid $hog_pid)"; }
stop_hog() { [ -z "$hog_pid" ] || { kill "$hog_pid" 2>/dev/null || true; wait "$hog_pid" 2>/dev/null || true; hog_pid=; }; }
trap 'stop_hog' INT TERM

if [ -n "$smoke" ]; then
  suite
  echo "== warm start vs cold after a range edit"; .venv/bin/python bench/warm_start_bench.py $(arg warmseeds) $(arg warmtrials)
  echo "== the load pass's hog, on one benchmark"; start_hog; node --import tsx bench/fleet.bench.ts; stop_hog
  echo "bench: every benchmark ran"
  exit 0
fi

day=$(date -u +%Y-%m-%d)
mkdir -p docs/bench
header() { echo "bench/run.sh, $1 pass, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none), $(nproc) cores, node $(node --version)"; }
# The warm-start bench (minutes of training) runs alone: .venv/bin/python bench/warm_start_bench.py > docs/bench/warm-start-DATE.txt
{ header quiet; suite; } 2>&1 | tee "docs/bench/run-$day-quiet.txt"
start_hog
{ header "under load"; suite; } 2>&1 | tee "docs/bench/run-$day-load.txt"
stop_hog
echo "== the aims, quiet then under load"
grep -h -i "aim" "docs/bench/run-$day-quiet.txt" "docs/bench/run-$day-load.txt" || true
echo "bench: every benchmark ran"
