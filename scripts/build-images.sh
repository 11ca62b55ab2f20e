#!/usr/bin/env bash
# Build the Console and worker images with podman (or docker: CONTAINER=docker).
#   bash scripts/build-images.sh
# Where the registry holding the pinned base images is out of reach, point the build at local
# stand-ins of the same versions: NODE_IMAGE=localhost/node:20.20.2-bookworm-slim PYTHON_IMAGE=...
# Isolation chroot (ISOLATION=chroot) builds where containers cannot be started (no cgroups).
set -euo pipefail
cd "$(dirname "$0")/.."
C=${CONTAINER:-podman}
version=$(node -p "require('./package.json').version")
args=(--format docker)
[ -n "${ISOLATION:-}" ] && args+=(--isolation "$ISOLATION")
[ -n "${NODE_IMAGE:-}" ] && args+=(--build-arg "NODE_IMAGE=$NODE_IMAGE")
[ -n "${PYTHON_IMAGE:-}" ] && args+=(--build-arg "PYTHON_IMAGE=$PYTHON_IMAGE")
"$C" build "${args[@]}" -f docker/console.Dockerfile -t "hpconf-console:$version" .
"$C" build "${args[@]}" -f docker/worker.Dockerfile -t "hpconf-training:$version" .
echo "built hpconf-console:$version and hpconf-training:$version"
