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


from hpconf import HpconfError, Resolver
from hpconf.events import event_line

from . import data as data_mod
from . import calibration, dataset, focal, labels, metrics, mlflow_log, storage, study, warm


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


def train(model: str, timeframe: str, token: str, data_dir: Path, quote: str, run_id: str,
          resolver: Optional[Resolver] = None, threads: Optional[int] = None, *, study_storage: Optional[str] = None,
          worker_index: int = 0, workers: int = 1, finalize_only: bool = False) -> Optional[Dict[str, Any]]:
    """This worker's share of the study; the manifest if this worker finalized the study, else None."""
    r = resolver or Resolver()
    t0 = time.time()
    tracking = mlflow_log.uri()
    if tracking:
        mlflow_log.check()  # before any training: a missing extra fails the worker at once
    everything = r.resolve_all(model, timeframe)  # fails fast, listing every missing or invalid key
    configured: List[Dict[str, Any]] = [{"key": x.key, "value": x.value, "source": x.source} for x in r.ledger()]
    g = everything["globals"]
    m, tf = model.upper(), timeframe.upper()
    library = r.catalog.file["models"][m]["library"]  # type: ignore[index]
    threads = threads or int(os.environ.get("HPCONF_WORKER_THREADS", "1"))
    revision = os.environ.get("HPCONF_REVISION")
    environment = os.environ.get("HPCONF_ENVIRONMENT") or "default"
    settings = dataset.Settings.from_globals(g)
    backend = storage.open_backend(study_storage or os.environ.get("HPCONF_STUDY_STORAGE"))
    df, source = data_mod.load(data_dir, token, quote, timeframe)
    d = dataset.prepare(df, data_mod.interval_ms(timeframe), settings, source)
    ev = {"run_id": run_id, "model": m, "timeframe": tf, "token": token}
    # A warm start from the newest compatible study `hpconf ftf run` found (none with --cold): see warm.py.
    sig = warm.signature(str(g["CVN_HPO_OBJECTIVE"]), labels.definition(settings.label_method, settings.horizon, settings.threshold, settings.vol_k, settings.vol_window),
                         str(g["CVN_FEATURE_SET"]), d["ranges"])
    source, passed_over = warm.choose(warm.candidates(), sig)
    log(event_line("training_started", {**ev, "store_revision": revision or "none", "worker": f"{worker_index + 1}/{workers}",
                                        "n_trials": g["CVN_HPO_N_TRIALS"], "rows_train": d["ranges"]["train"]["rows"],
                                        "gaps": d["gaps"]["gaps"], "rows_lost_to_gaps": d["gaps"]["rows_lost_to_gaps"], "store_environment": environment}))

    def on_trial(t: Dict[str, Any]) -> None:
        log(event_line("trial", {**ev, "trial": t["number"], "of": t["n_trials"], "value": f"{t['value']:.4f}",
                                 "best": f"{t['best']:.4f}", "seconds": t["seconds"], "defaults": t["defaults"],
                                 "worker": f"{worker_index + 1}/{workers}"}))

    def finalize(out: study.Outcome) -> Dict[str, Any]:
        trainer = study.TRAINERS[library]
        raw_valid, raw_test = trainer.predict(out.model, d["X_valid"]), trainer.predict(out.model, d["X_test"])
        # The calibrator was fitted on validation (in the study); test is only measured with it.
        p_valid, p_test = out.calibrate(raw_valid), out.calibrate(raw_test)
        val = metrics.report(d["y_valid"], p_valid, out.threshold)
        test = metrics.report(d["y_test"], p_test, out.threshold)
        # The threshold was chosen on validation; test is only measured, here and in the bootstrap.
        test["skill"] = metrics.skill(d["y_test"], p_test, out.threshold, settings.horizon, seed=int(everything["defaults"]["RANDOM_STATE"]))
        # The stored defaults on the same rows: what the search added over them, paired on the same resamples.
        seed = int(everything["defaults"]["RANDOM_STATE"])
        dm = out.defaults_fit
        assert dm is not None
        pd_valid, pd_test = dm["calibrate"](trainer.predict(dm["model"], d["X_valid"])), dm["calibrate"](trainer.predict(dm["model"], d["X_test"]))
        d_test = metrics.report(d["y_test"], pd_test, dm["threshold"])
        d_test["skill"] = metrics.skill(d["y_test"], pd_test, dm["threshold"], settings.horizon, seed=seed)
        defaults = {"trial": out.defaults_trial, "threshold": dm["threshold"], "validation_value": dm["value"],
                    "metrics": {"validation": metrics.report(d["y_valid"], pd_valid, dm["threshold"]), "test": d_test}}
        vs = metrics.versus(d["y_test"], p_test, out.threshold, pd_test, dm["threshold"], settings.horizon, seed=seed)
        ledger = {x.key: x for x in r.ledger()}
        trained_with = []
        for param, spec in r.catalog.params(m).items():
            key = r.catalog.param_key(m, tf, param, "default")
            harness = bool(spec.get("harness", False))
            trained_with.append({"param": param, "native": spec["native"], "key": key, "source": ledger[key].source,
                                 "value": (out.harness if harness else out.native)[spec["native"]], **({"harness": True} if harness else {})})
        gamma, alpha = float(out.harness["focal_gamma"]), float(out.harness["focal_alpha"])
        w = d.get("w_train")
        return {
            "kind": "hpconf/training-manifest", "version": 2, "run_id": run_id,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "model": m, "library": library, "timeframe": tf, "token": token, "quote": quote,
            "store_revision": int(revision) if revision and revision.isdigit() else None,
            "store_environment": environment,
            "catalog_version": r.catalog.file["version"],
            "resolved": configured,
            "trained_with": trained_with,
            "early_stopping_rounds": g["CVN_EARLY_STOPPING_ROUNDS"],
            "study": {"name": out.study_name, "storage": out.storage, "storage_spec": out.storage_spec, "workers": out.workers, "finalized_by": worker_index,
                      "refit": out.refit, "space_hash": out.space_hash, "direction": out.direction, "objective": g["CVN_HPO_OBJECTIVE"],
                      "n_trials": out.n_trials, "best_trial": out.best_trial, "best_value": out.best_value,
                      "defaults_value": out.defaults_value, "best_iteration": out.best_iteration, "trials": out.trials,
                      "signature": sig, "warm_start": out.warm_start, **({"warm_start_passed_over": passed_over} if passed_over else {})},
            "threshold": {"method": g["CVN_THRESHOLD_METHOD"], **out.threshold_detail, "value": out.threshold,
                          "test_buy_rate": test["predicted_positive_rate"]},
            "calibration": {"method": out.harness["calibration"], "fitted_on": "validation",
                            "brier_valid": {"before": calibration.brier(d["y_valid"], raw_valid), "after": calibration.brier(d["y_valid"], p_valid)},
                            "brier_test": {"before": calibration.brier(d["y_test"], raw_test), "after": calibration.brier(d["y_test"], p_test)}},
            "loss": {"focal_gamma": gamma, "focal_alpha": alpha,
                     "objective": "log loss (the library's own)" if focal.is_plain(gamma, alpha) else
                     ("CatBoost " + str(focal.catboost_params(gamma, alpha)["loss_function"]) if library == "catboost" else "focal (custom gradient and hessian)")},
            "regime_weights": {"alpha": settings.regime_alpha, "window": settings.regime_window,
                               **({"train_min": float(w.min()), "train_mean": float(w.mean()), "train_max": float(w.max())} if w is not None else {})},
            "label": {"method": settings.label_method,
                      "definition": labels.definition(settings.label_method, settings.horizon, settings.threshold, settings.vol_k, settings.vol_window),
                      "horizon_bars": settings.horizon, "threshold": settings.threshold, "vol_k": settings.vol_k, "vol_window": settings.vol_window},
            "data": {"source": source, "feature_set": g["CVN_FEATURE_SET"], "features": d["columns"], "splits": d["ranges"], "gaps": d["gaps"]},
            "metrics": {"validation": val, "test": test},
            "defaults": defaults,
            "versus_defaults": {"split": "test", **vs},
            "versions": _versions(), "threads": threads,
            "duration_s": round(time.time() - t0, 2),
        }

    outcome = study.run(r, m, tf, token, d, threads, backend=backend, run_id=run_id, worker_index=worker_index, workers=workers,
                        on_trial=on_trial, finalize=finalize, finalize_only=finalize_only, warm_from=source)
    manifest = outcome.manifest if outcome else None
    if manifest is None:
        log(event_line("worker_finished", {**ev, "worker": f"{worker_index + 1}/{workers}", "finalized": False,
                                           "duration_s": round(time.time() - t0, 2)}))
        return None
    if tracking:
        manifest["mlflow"] = {"tracking_uri": tracking, "run_id": mlflow_log.log(manifest, tracking)}
    test = manifest["metrics"]["test"]
    log(event_line("training_finished", {**ev, "store_revision": revision or "none", "worker": f"{worker_index + 1}/{workers}",
                                         "best_trial": manifest["study"]["best_trial"], "val_f1": f"{manifest['metrics']['validation']['f1_buy']:.4f}",
                                         "test_f1": f"{test['f1_buy']:.4f}", "test_always_buy_f1": f"{test['always_buy_f1']:.4f}",
                                         "beats_always_buy": test["beats_always_buy"], "skill": test["skill"]["has_skill"], "duration_s": manifest["duration_s"]}))
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
    ap.add_argument("--study-storage", default=None,
                    help="memory, store (DATABASE_URL, schema optuna), journal:PATH or a postgresql:// URL (default: $HPCONF_STUDY_STORAGE, else memory)")
    ap.add_argument("--workers", type=int, default=1, help="how many workers share the study")
    ap.add_argument("--worker-index", type=int, default=None, help="this worker's index, 0-based (default: $JOB_COMPLETION_INDEX, else 0)")
    ap.add_argument("--finalize-only", action="store_true", help="run no trial; finalize the study with the trials it has")
    a = ap.parse_args(argv)
    index = a.worker_index if a.worker_index is not None else int(os.environ.get("JOB_COMPLETION_INDEX", "0"))
    if a.workers > 1 and a.study_storage in (None, "memory") and not os.environ.get("HPCONF_STUDY_STORAGE"):
        log("error[HPC_USAGE]: --workers > 1 needs a shared --study-storage (store, journal:PATH or a postgresql:// URL)")
        return 2
    try:
        manifest = train(a.model, a.timeframe, a.token, a.data_dir, a.quote, a.run_id or uuid.uuid4().hex[:12],
                         study_storage=a.study_storage, worker_index=index, workers=a.workers, finalize_only=a.finalize_only)
    except HpconfError as e:
        log(f"error[{e.code}]: {e.message}")
        return e.exit_code
    if manifest is None:
        return 0  # this worker's share is done; the study's last worker writes the manifest
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = a.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    tmp.replace(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
