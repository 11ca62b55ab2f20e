"""One Optuna study per model, timeframe and token: the space from the resolved ranges, the defaults first."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import optuna

from hpconf import Resolver

from . import metrics
from .trainers import TRAINERS, best_iteration


def space_hash(space_json: Dict[str, Any]) -> str:
    """A change of range, scale or type gives a new study name: Optuna cannot mix them in one study."""
    return hashlib.sha256(json.dumps(space_json, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def suggest(trial: optuna.Trial, name: str, d: optuna.distributions.BaseDistribution) -> Any:
    if isinstance(d, optuna.distributions.IntDistribution):
        return trial.suggest_int(name, d.low, d.high, step=d.step, log=d.log)
    if isinstance(d, optuna.distributions.FloatDistribution):
        return trial.suggest_float(name, d.low, d.high, step=d.step, log=d.log)
    raise TypeError(f"unsupported distribution {d!r}")


@dataclass
class Outcome:
    study_name: str
    space_hash: str
    direction: str
    n_trials: int
    best_trial: int
    best_value: float
    defaults_value: float
    best_params: Dict[str, Any]
    native: Dict[str, Any]
    threshold: float
    best_iteration: Optional[int]
    model: Any = field(repr=False)
    trials: List[Dict[str, Any]] = field(default_factory=list)


def run(resolver: Resolver, model: str, timeframe: str, token: str, data: Dict[str, Any], threads: int,
        on_trial: Optional[Callable[[Dict[str, Any]], None]] = None) -> Outcome:
    """HPO on (train, valid); the resolved defaults are trial 0, so the best is never worse than them."""
    library = resolver.catalog.file["models"][model.upper()]["library"]  # type: ignore[index]
    trainer = TRAINERS[library]
    resolved = resolver.resolve_all(model, timeframe)  # once: every key checked together
    g = resolved["globals"]
    objective, method = g["CVN_HPO_OBJECTIVE"], g["CVN_THRESHOLD_METHOD"]
    esr, n_trials = g["CVN_EARLY_STOPPING_ROUNDS"], g["CVN_HPO_N_TRIALS"]
    space_json = resolver.hpo_space_json(model, timeframe)
    space = resolver.hpo_space(model, timeframe)
    defaults = resolved["defaults"]
    seed = defaults["RANDOM_STATE"]
    h = space_hash(space_json)
    name = f"hpconf-{model.upper()}-{timeframe.upper()}-{token}-{h[:12]}"
    direction = metrics.DIRECTION[objective]
    Xtr, ytr, Xva, yva = data["X_train"], data["y_train"], data["X_valid"], data["y_valid"]
    train_pos = float(ytr.mean())
    best: Dict[str, Any] = {}
    history: List[Dict[str, Any]] = []

    def run_trial(trial: optuna.Trial) -> float:
        values = {p: suggest(trial, p, d) for p, d in space.items()}
        native = resolver.native_params(model, timeframe, values)
        m = trainer.fit(native, esr, threads, Xtr, ytr, Xva, yva)
        p = trainer.predict(m, Xva)
        thr = metrics.choose_threshold(method, yva, p, train_pos)
        value = metrics.objective_value(objective, yva, p, thr)
        better = not best or (value > best["value"] if direction == "maximize" else value < best["value"])
        if better:
            best.update(value=value, model=m, threshold=thr, native=native, params=values, trial=trial.number)
        rec = {"number": trial.number, "value": value, "params": values, "best_iteration": best_iteration(m)}
        history.append(rec)
        if on_trial:
            on_trial(rec)
        return value

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(study_name=name, direction=direction, sampler=optuna.samplers.TPESampler(seed=seed))
    study.enqueue_trial({p: defaults[p] for p in space})
    study.optimize(run_trial, n_trials=n_trials)
    # Record the winner's values as the ones trained with: source "hpo" when the search found them,
    # "env" (the stored defaults) when the defaults' trial won.
    native = resolver.native_params(model, timeframe, best["params"] if best["trial"] != 0 else {})
    return Outcome(name, h, direction, n_trials, best["trial"], best["value"], history[0]["value"], best["params"],
                   native, best["threshold"], best_iteration(best["model"]), best["model"], history)
