"""Warm start vs cold start after a range edit: one study (XGBoost, 5m, UNI) on the shipped 2024 candles.

For each seed: a previous study P runs 40 trials on the baseline's space; then the space is edited (the learning
rate's range widened, max_depth's narrowed); a cold study C runs 40 trials on the new space; a warm study W imports
P's in-bounds trials (as `hpconf ftf run` does) and runs 20 trials of its own. Figure: how many of its own trials W
needs to reach C's 40-trial best validation objective (the imported trials' values do not count: W must find it
itself, though it may start from P's best). Aim: at most 20, median of 5 seeds.

    .venv/bin/python bench/warm_start_bench.py [SEEDS] [TRIALS]     (defaults 5 and 40; the warm study runs TRIALS / 2)
"""
import statistics
import sys
import tempfile
from pathlib import Path

from hpconf import Resolver
from hpconf.catalog import baseline_values

from hpconf_training import data, dataset, storage, study

ROOT = Path(__file__).resolve().parents[1]
SEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
TRIALS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
EDIT = {"CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX": "0.2", "CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_MAX": "10"}


def run(env, run_id, trials, where, warm_from=None):
    r = Resolver(env=dict(env, CVN_HPO_N_TRIALS=str(trials)), log=lambda _: None)
    g = r.resolve_all("XGB", "5m")["globals"]
    df, _ = data.load(ROOT / "training" / "fixtures" / "ohlcv", "UNI", "USDT", "5m")
    d = dataset.prepare(df, data.interval_ms("5m"), dataset.Settings.from_globals(g))
    values = []
    spec = f"journal:{where / (run_id + '.journal')}"
    out = study.run(r, "XGB", "5m", "UNI", d, 1, backend=storage.open_backend(spec), run_id=run_id,
                    on_trial=lambda t: values.append(t["value"]), warm_from=warm_from)
    return out, values, spec


def first_reach(values, target):
    best = float("-inf")
    for i, v in enumerate(values, 1):
        best = max(best, v)
        if best >= target - 1e-12:
            return i
    return None


def main():
    base = dict(baseline_values())
    needed, rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        for seed in range(1, SEEDS + 1):
            env = dict(base, CVN_HPO_XGB_5M_RANDOM_STATE=str(seed))
            p, _, p_spec = run(env, f"p{seed}", TRIALS, where)
            edited = dict(env, **EDIT)
            c, c_values, _ = run(edited, f"c{seed}", TRIALS, where)
            target = max(c_values)
            w, w_values, _ = run(edited, f"w{seed}", max(1, TRIALS // 2), where,
                                 warm_from={"study": p.study_name, "storage": p_spec, "run": f"p{seed}"})
            k = first_reach(w_values, target)
            imported_best = max((t["value"] for t in w.trials if t.get("imported_from")), default=float("-inf"))
            ws = w.warm_start or {}
            needed.append(k if k is not None else float("inf"))
            rows.append(f"seed {seed}: cold best after {TRIALS} {target:.4f}; warm imported {ws.get('imported')} "
                        f"({ws.get('skipped')} out of bounds), its best own after {len(w_values)} {max(w_values):.4f}, "
                        f"reached the cold best at own trial {k if k is not None else f'- (missed by {target - max(w_values):.4f})'}; "
                        f"best imported value {imported_best:.4f}")
    for line in rows:
        print(line)
    med = statistics.median(needed)
    shown = "not within the warm study's trials" if med == float("inf") else f"{med:g}"
    print(f"warm start reaches the cold {TRIALS}-trial best in a median of {shown} of its own trials over {SEEDS} seeds (aim: <= {TRIALS // 2})")


if __name__ == "__main__":
    main()
