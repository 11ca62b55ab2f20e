"""One trainer per library. Hyperparameters arrive only as `native` (from the resolver's native_params),
`early_stopping_rounds` (from CVN_EARLY_STOPPING_ROUNDS) and `extras` (the focal loss from harness_params, the regime
weights from CVN_REGIME_WEIGHT_*); the only other arguments are RUNTIME settings (threads, verbosity, file output),
which change how a model is computed, not what it learns."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

import numpy as np

from . import focal


@dataclass(frozen=True)
class Trainer:
    fit: Callable[..., Any]
    predict: Callable[[Any, np.ndarray], np.ndarray]
    #: argument names that are runtime settings, not hyperparameters (checked by the tests)
    runtime: frozenset


@dataclass(frozen=True)
class Extras:
    """What the harness adds to the library's own parameters: the focal loss (harness_params) and sample weights."""
    focal: Optional[Tuple[float, float]] = None  # (gamma, alpha) as resolved; None = the library's own log loss
    weight: Optional[np.ndarray] = None  # per training row (regime weights); None = every row weighs 1

    @property
    def plain(self) -> bool:
        return self.focal is None or focal.is_plain(*self.focal)


def _xgb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva, extras: Extras = Extras()):
    from xgboost import XGBClassifier

    # A callable objective keeps the classifier's logistic link (predict_proba stays a probability) and its
    # default eval metric (log loss on validation) for early stopping; base_score 0.5 = a zero starting margin.
    loss = {} if extras.plain else {"objective": focal.xgb_objective(*extras.focal), "base_score": 0.5}
    m = XGBClassifier(**native, **loss, early_stopping_rounds=esr, n_jobs=threads, verbosity=0)
    m.fit(Xtr, ytr, sample_weight=extras.weight, eval_set=[(Xva, yva)], verbose=False)
    return m


def _lgb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva, extras: Extras = Extras()):
    import lightgbm as lgb

    custom = not extras.plain
    loss = {"objective": focal.lgb_objective(*extras.focal), "metric": "None"} if custom else {}
    m = lgb.LGBMClassifier(**native, **loss, n_jobs=threads, verbose=-1)
    # LightGBM 4.7 renamed eval_set to eval_X / eval_y; take whichever this version has.
    evals = {"eval_X": (Xva,), "eval_y": (yva,)} if "eval_X" in inspect.signature(m.fit).parameters else {"eval_set": [(Xva, yva)]}
    if custom:  # LightGBM's own metrics would read raw scores: early stopping on the probabilities' log loss
        evals["eval_metric"] = focal.lgb_logloss_metric
    m.fit(Xtr, ytr, sample_weight=extras.weight, **evals, callbacks=[lgb.early_stopping(esr, verbose=False)])
    m._hpconf_raw_scores = custom  # a custom objective predicts raw scores: predict() applies the sigmoid
    return m


def _cb_fit(native: Mapping[str, Any], esr: int, threads: int, Xtr, ytr, Xva, yva, extras: Extras = Extras()):
    from catboost import CatBoostClassifier

    loss = {} if extras.plain else focal.catboost_params(*extras.focal)
    m = CatBoostClassifier(**native, **loss, thread_count=threads, verbose=False, allow_writing_files=False)
    m.fit(Xtr, ytr, sample_weight=extras.weight, eval_set=(Xva, yva), early_stopping_rounds=esr)
    return m


def _proba(m: Any, X: np.ndarray) -> np.ndarray:
    if getattr(m, "_hpconf_raw_scores", False):
        raw = m.predict(X, raw_score=True)
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -50, 50)))
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
