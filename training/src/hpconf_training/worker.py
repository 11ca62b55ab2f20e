"""One training worker: a model type on one token. `hpconf ftf run` starts one per (model, token), with every
stored key in its environment; run by hand: hpconf exec -- python -m hpconf_training.worker --model XGB ...

Exit codes: 0 trained; the hpconf error code's status otherwise (3: a key missing or invalid, before any training)."""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import uuid
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, List, Optional

import numpy as np

from hpconf import HpconfError, Resolver
from hpconf.events import event_line

from . import data as data_mod
from . import features, labels, metrics, study


def log(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _versions() -> Dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("hpconf", "xgboost-cpu", "lightgbm", "catboost", "optuna", "numpy", "pandas", "scikit-learn"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def prepare(df, feature_set: str, horizon: int, threshold: float, valid_fraction: float, test_fraction: float) -> Dict[str, Any]:
    """Features (past only), labels (future, horizon bars), and the gapped time split, as arrays."""
    X = features.build(feature_set, df)
    y = labels.buy_label(df["close"].astype(float), horizon, threshold)
    # Warm-up: the first row where every feature is defined (the longest window has filled).
    complete = X.notna().all(axis=1).to_numpy()
    start = int(np.argmax(complete)) if complete.any() else len(df)
    stop = len(df) - horizon  # the last `horizon` rows have no label yet
    X, y, frame = X.iloc[start:stop], y.iloc[start:stop], df.iloc[start:stop]
    sp = labels.time_split(len(X), valid_fraction, test_fraction, gap=horizon)
    out: Dict[str, Any] = {"columns": list(X.columns), "split": sp, "ranges": {}}
    for part, r in sp.as_dict().items():
        out[f"X_{part}"] = X.iloc[r.start:r.stop].to_numpy(dtype=np.float32)
        out[f"y_{part}"] = y.iloc[r.start:r.stop].to_numpy(dtype=np.int32)
        out["ranges"][part] = {"rows": len(r), "start": frame["date_utc"].iat[r.start], "end": frame["date_utc"].iat[r.stop - 1],
                               "positive_rate": float(out[f"y_{part}"].mean())}
    out["ranges"]["gap_bars"] = horizon
    return out


def train(model: str, timeframe: str, token: str, data_dir: Path, quote: str, run_id: str,
          resolver: Optional[Resolver] = None, threads: Optional[int] = None) -> Dict[str, Any]:
    r = resolver or Resolver()
    t0 = time.time()
    everything = r.resolve_all(model, timeframe)  # fails fast, listing every missing or invalid key
    configured: List[Dict[str, Any]] = [{"key": x.key, "value": x.value, "source": x.source} for x in r.ledger()]
    g = everything["globals"]
    m, tf = model.upper(), timeframe.upper()
    library = r.catalog.file["models"][m]["library"]  # type: ignore[index]
    threads = threads or int(os.environ.get("HPCONF_WORKER_THREADS", "1"))
    revision = os.environ.get("HPCONF_REVISION")
    df, source = data_mod.load(data_dir, token, quote, timeframe)
    d = prepare(df, g["CVN_FEATURE_SET"], g["CVN_LABEL_HORIZON_BARS"], g["CVN_LABEL_THRESHOLD"],
                g["CVN_SPLIT_VALID_FRACTION"], g["CVN_SPLIT_TEST_FRACTION"])
    log(event_line("training_started", {"run_id": run_id, "model": m, "timeframe": tf, "token": token, "store_revision": revision or "none",
                                        "n_trials": g["CVN_HPO_N_TRIALS"], "rows_train": d["ranges"]["train"]["rows"]}))
    out = study.run(r, m, tf, token, d, threads)
    trainer = study.TRAINERS[library]
    p_valid = trainer.predict(out.model, d["X_valid"])
    p_test = trainer.predict(out.model, d["X_test"])
    val = metrics.report(d["y_valid"], p_valid, out.threshold)
    test = metrics.report(d["y_test"], p_test, out.threshold)
    ledger = {x.key: x for x in r.ledger()}
    trained_with = []
    for param, spec in r.catalog.params(m).items():
        key = r.catalog.param_key(m, tf, param, "default")
        trained_with.append({"param": param, "native": spec["native"], "key": key, "value": out.native[spec["native"]],
                             "source": ledger[key].source})
    manifest = {
        "kind": "hpconf/training-manifest", "version": 1, "run_id": run_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": m, "library": library, "timeframe": tf, "token": token, "quote": quote,
        "store_revision": int(revision) if revision and revision.isdigit() else None,
        "catalog_version": r.catalog.file["version"],
        "resolved": configured,
        "trained_with": trained_with,
        "early_stopping_rounds": g["CVN_EARLY_STOPPING_ROUNDS"],
        "study": {"name": out.study_name, "space_hash": out.space_hash, "direction": out.direction, "objective": g["CVN_HPO_OBJECTIVE"],
                  "n_trials": out.n_trials, "best_trial": out.best_trial, "best_value": out.best_value,
                  "defaults_value": out.defaults_value, "best_iteration": out.best_iteration, "trials": out.trials},
        "threshold": {"method": g["CVN_THRESHOLD_METHOD"], "value": out.threshold},
        "label": {"definition": "buy = close[t + horizon] / close[t] - 1 > threshold",
                  "horizon_bars": g["CVN_LABEL_HORIZON_BARS"], "threshold": g["CVN_LABEL_THRESHOLD"]},
        "data": {"source": source, "feature_set": g["CVN_FEATURE_SET"], "features": d["columns"], "splits": d["ranges"]},
        "metrics": {"validation": val, "test": test},
        "versions": _versions(), "threads": threads,
        "duration_s": round(time.time() - t0, 2),
    }
    log(event_line("training_finished", {"run_id": run_id, "model": m, "timeframe": tf, "token": token, "store_revision": revision or "none",
                                         "best_trial": out.best_trial, "val_f1": f"{val['f1_buy']:.4f}", "test_f1": f"{test['f1_buy']:.4f}",
                                         "test_always_buy_f1": f"{test['always_buy_f1']:.4f}", "beats_always_buy": test["beats_always_buy"],
                                         "duration_s": manifest["duration_s"]}))
    return manifest


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hpconf_training.worker", description=__doc__)
    ap.add_argument("--model", required=True)
    ap.add_argument("--timeframe", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--data-dir", required=True, type=Path)
    ap.add_argument("--quote", default="USDT")
    ap.add_argument("--out", required=True, type=Path, help="where to write the run manifest (JSON)")
    ap.add_argument("--run-id", default=None)
    a = ap.parse_args(argv)
    try:
        manifest = train(a.model, a.timeframe, a.token, a.data_dir, a.quote, a.run_id or uuid.uuid4().hex[:12])
    except HpconfError as e:
        log(f"error[{e.code}]: {e.message}")
        return e.exit_code
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = a.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    tmp.replace(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
