#!/usr/bin/env bash
# The plan's incident replayed (issue 20): a run at a good revision; a "refactor" moves 18 stored values in one
# change-set, one of them planted to be clearly harmful (the threshold grid starting at 0.5, where a model that
# ranks buys weakly predicts almost none); a run at the bad revision; then `hpconf bisect GOOD_RUN BAD_RUN`.
# The runs train the defaults only (one trial per study), on UNI and CRV, every model type.
# Usage: bash docs/runs/incident.sh DATA_DIR [OUT_DIR]   (e.g. ../shared/data/ohlcv/binance-2024 docs/runs)
source "$(dirname "$0")/common.sh"
run() { hp ftf run --factor model_type --tokens UNI,CRV --timeframe 5m --data-dir "$data" --trials 1 --cold --out "$out/$1" || [ $? -eq 9 ]; }

hp up --once >/dev/null
run 2024-incident-good
moved=()
for m in XGB LGB CB; do for tf in 1M 5M 15M 30M 1H; do moved+=("CVN_HPO_${m}_${tf}_RANDOM_STATE=7"); done; done
moved+=(CVN_HPO_XGB_5M_SUBSAMPLE=0.9 CVN_HPO_CB_5M_L2_LEAF_REG=4 CVN_THRESHOLD_SWEEP_MIN=0.5)
hp set "${moved[@]}" --reason 'harness refactor'
run 2024-incident-bad
good=$(node -e "console.log(require('./$out/2024-incident-good/run.json').run_id)")
bad=$(node -e "console.log(require('./$out/2024-incident-bad/run.json').run_id)")
echo "\$ hpconf bisect $good $bad --json"
start=$(date +%s)
hp bisect "$good" "$bad" --json > "$out/2024-incident-bisect.json" 2> "$out/2024-incident-bisect.log"
echo "bisect took $(( $(date +%s) - start )) s" >> "$out/2024-incident-bisect.log"
node -e "const j = require('./$out/2024-incident-bisect.json'); console.log(j.status, j.culprits, j.probes, 'probes;', j.keys.length, 'keys; metric', j.good.metric, '->', j.bad.metric)"
