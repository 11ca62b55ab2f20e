"""One trainer per library. Hyperparameters arrive only as `native` (from the resolver's native_params) and
`early_stopping_rounds` (from CVN_EARLY_STOPPING_ROUNDS); the only other arguments are RUNTIME settings
(threads, verbosity, file output), which change how a model is computed, not what it learns."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping

import numpy as np


@dataclass(frozen=True)
class Trainer:
    fit: Callable[..., Any]
    predict: Callable[[Any, np.ndarray], np.ndarray]
    #: argument names that are runtime settings, not hyperparameters (checked by the tests)
    runtime: frozenset


def _xgb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva):
    from xgboost import XGBClassifier

    m = XGBClassifier(**native, early_stopping_rounds=esr, n_jobs=threads, verbosity=0)
    m.fit(Xtr, ytr, eval_set=[(Xva, yva)], verbose=False)
    return m


def _lgb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva):
    import lightgbm as lgb

    m = lgb.LGBMClassifier(**native, n_jobs=threads, verbose=-1)
    # LightGBM 4.7 renamed eval_set to eval_X / eval_y; take whichever this version has.
    evals = {"eval_X": (Xva,), "eval_y": (yva,)} if "eval_X" in inspect.signature(m.fit).parameters else {"eval_set": [(Xva, yva)]}
    m.fit(Xtr, ytr, **evals, callbacks=[lgb.early_stopping(esr, verbose=False)])
    return m


def _cb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva):
    from catboost import CatBoostClassifier

    m = CatBoostClassifier(**native, thread_count=threads, verbose=False, allow_writing_files=False)
    m.fit(Xtr, ytr, eval_set=(Xva, yva), early_stopping_rounds=esr)
    return m


def _proba(m: Any, X: np.ndarray) -> np.ndarray:
    return m.predict_proba(X)[:, 1]


TRAINERS: Dict[str, Trainer] = {
    "xgboost": Trainer(_xgb_fit, _proba, frozenset({"n_jobs", "verbosity"})),
    "lightgbm": Trainer(_lgb_fit, _proba, frozenset({"n_jobs", "verbose"})),
    "catboost": Trainer(_cb_fit, _proba, frozenset({"thread_count", "verbose", "allow_writing_files"})),
}


def best_iteration(m: Any) -> int | None:
    for attr in ("best_iteration", "best_iteration_"):
        v = getattr(m, attr, None)
        if isinstance(v, (int, np.integer)):
            return int(v)
    get = getattr(m, "get_best_iteration", None)
    return int(get()) if callable(get) and get() is not None else None
