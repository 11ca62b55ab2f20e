#!/usr/bin/env bash
# Create or refresh .venv: pinned dependencies from python/requirements.lock, then hpconf and
# hpconf-training built as an sdist and a wheel each (python -m build) and installed from the sdists,
# so the tests see what a user installs, with its packaged data.
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
rm -rf .build/py
.venv/bin/python -m build -q --no-isolation --sdist --wheel --outdir .build/py python >/dev/null 2>&1 || .venv/bin/python -m build --no-isolation --sdist --wheel --outdir .build/py python
.venv/bin/python -m build -q --no-isolation --sdist --wheel --outdir .build/py training >/dev/null 2>&1 || .venv/bin/python -m build --no-isolation --sdist --wheel --outdir .build/py training
.venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .build/py/hpconf-*.tar.gz .build/py/hpconf_training-*.tar.gz
