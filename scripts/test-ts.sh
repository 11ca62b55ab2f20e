#!/usr/bin/env bash
# TypeScript suite: type check, then every *.test.ts beside the code it tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit -p .
# The CLI binary the tests spawn runs the compiled dist/, never the sources.
node scripts/build.mjs
mapfile -t files < <(find src bench -name '*.test.ts' 2>/dev/null | sort)
# A failing test that leaves a database handle open must fail the run, not hang it.
node --import tsx --test --test-concurrency=2 --test-force-exit --test-timeout=900000 "${files[@]}"
