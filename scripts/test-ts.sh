#!/usr/bin/env bash
# TypeScript suite: type check, then every *.test.ts beside the code it tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit -p .
# The CLI binary the tests spawn runs the compiled dist/, never the sources.
node scripts/build.mjs
mapfile -t files < <(find src bench -name '*.test.ts' 2>/dev/null | sort)
# A failing test that leaves a database handle open must fail the run, not hang it.
# Test files run side by side and spawn the CLI from dist/: none may rebuild or change it.
fingerprint() { find dist -type f -printf '%P %s %T@\n' | sort | sha256sum; }
before=$(fingerprint)
status=0
node --import tsx --test --test-concurrency="${HPCONF_TEST_CONCURRENCY:-2}" --test-force-exit --test-timeout=900000 "${files[@]}" || status=$?
if [ "$(fingerprint)" != "$before" ]; then
  echo "a test changed dist/ while others were using it (build once, before the suite)" >&2
  status=1
fi
exit $status
