# Sourced by the run scripts here: from the project root, DATA_DIR and OUT_DIR from the arguments, a throwaway
# embedded store, and hp() for the CLI on it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[1]}")/../.."
data=${1:?the OHLCV directory, e.g. ../shared/data/ohlcv/binance-2024}
out=${2:-docs/runs}
db=$(mktemp -d)/db
hp() { node bin/hpconf.js --data-dir "$db" "$@"; }
