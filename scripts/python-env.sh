#!/usr/bin/env bash
# Create or refresh .venv: pinned dependencies from python/requirements.lock, then the hpconf package itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.requirements.sha
want=$(sha256sum python/requirements.lock | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r python/requirements.lock
  echo "$want" > "$stamp"
fi
# A real (non-editable) install, so the tests see the wheel a user gets, with its packaged data.
.venv/bin/pip install -q --disable-pip-version-check --no-deps --force-reinstall ./python ./training
