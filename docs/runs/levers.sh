#!/usr/bin/env bash
# The lever runs of docs/runs/README.md: the full 2024 5m run with every new lever at its baseline (off), then one
# shorter run per lever (8 trials per study) beside a control of the same length with the levers off, the same
# seeds. Each lever lives in its own environment of one store: `hpconf environment diff default lever-...` shows
# exactly what a run changed. A run folder that already holds a report is kept (delete it to run it again).
# Every configuration was fixed before the runs; none was chosen by looking at the test split.
# Usage: bash docs/runs/levers.sh DATA_DIR [OUT_DIR]   (e.g. ../shared/data/ohlcv/binance-2024 docs/runs)
source "$(dirname "$0")/common.sh"
run() { # NAME TRIALS [ENVIRONMENT]
  local env=${3:-default}
  [ -f "$out/$1/report.md" ] && { echo "kept: $out/$1"; return; }
  # Exit 9 is the skill gate failing: a result to record, not an error of the script.
  hp --environment "$env" ftf run --factor model_type --crypto-group defi_top5 --timeframe 5m --data-dir "$data" \
    --trials "$2" --parallel 2 --out "$out/$1" || [ $? -eq 9 ]
}
lever() { # ENVIRONMENT REASON KEY=VALUE...
  local env=$1 reason=$2; shift 2
  hp environment create "$env" --reason "$reason"
  hp --environment "$env" set "$@" --reason "$reason"
}

hp up --once
run 2024-defi_top5-5m-levers-off 20

lever lever-calibration 'isotonic calibration on validation, every model' \
  CVN_HPO_XGB_5M_CALIBRATION=isotonic CVN_HPO_LGB_5M_CALIBRATION=isotonic CVN_HPO_CB_5M_CALIBRATION=isotonic
lever lever-focal 'focal loss searched: gamma 0..3, alpha 0.25..0.75 (trial 0 stays plain log loss)' \
  $(for m in XGB LGB CB; do echo CVN_HPO_${m}_5M_FOCAL_GAMMA_RANGE_MAX=3 CVN_HPO_${m}_5M_FOCAL_ALPHA_RANGE_MIN=0.25 CVN_HPO_${m}_5M_FOCAL_ALPHA_RANGE_MAX=0.75; done)
lever lever-regime 'regime weights: (one-day volatility / its past median) ^ 1' CVN_REGIME_WEIGHT_ALPHA=1
lever lever-cap 'threshold capped at a predicted buy rate of 0.5 on validation' \
  CVN_THRESHOLD_METHOD=max_f1_capped CVN_THRESHOLD_MAX_BUY_RATE=0.5

run 2024-defi_top5-5m-short-control 8
for l in calibration focal regime cap; do run "2024-defi_top5-5m-short-$l" 8 "lever-$l"; done
# What each lever's environment changed (exit 1 means "they differ", which is the point).
for l in calibration focal regime cap; do hp environment diff default "lever-$l" || [ $? -eq 1 ]; done
