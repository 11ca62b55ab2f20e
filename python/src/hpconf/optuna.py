"""Optuna on the stored search space, for a team's own training code (needs ``hpconf[optuna]``).

Every name here is the library's own (``max_depth``, ``learning_rate``): the trial's parameters, what ``suggest``
returns, the defaults ``enqueue_defaults`` queues and what ``warm_start`` imports. A plain objective::

    from hpconf import Resolver, optuna as hpo
    r = Resolver()                                   # or Resolver(segment="UNI") over a layered snapshot
    study = optuna.create_study(direction="maximize")
    hpo.tag(study, "xgb", "5m", resolver=r)          # the store revision and environment the study ran on
    hpo.enqueue_defaults(study, "xgb", "5m", resolver=r)   # trial 0 = the stored defaults
    hpo.warm_start(study, previous, "xgb", "5m", resolver=r)  # the previous study's in-bounds trials, its best next
    study.optimize(lambda t: score(XGBClassifier(**hpo.suggest(t, "xgb", "5m", resolver=r))), n_trials=20)
    rec = hpo.record(study, "xgb", "5m", token="UNI", valid=(y_va, p_va_defaults, p_va_best),
                     test=(y_te, p_te_defaults, p_te_best), resolver=r)   # then: hpconf runs record, ftf promote
"""
from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from .errors import HpconfError
from .resolver import Resolver

#: the study attribute ``tag`` writes: where the values came from
STUDY_ATTR = "hpconf"
IMPORTED_ATTR = "hpconf_imported_from"
WARM_ATTR = "hpconf_warm_start"

try:
    import optuna as _optuna
except ImportError:  # an optional extra: every function says what to install
    _optuna = None  # type: ignore[assignment]


def _need() -> Any:
    if _optuna is None:
        raise HpconfError("HPC_EXTRA_MISSING", {"feature": "hpconf.optuna", "extra": "optuna", "module": "optuna"})
    return _optuna


def _resolver(resolver: Optional[Resolver], segment: Optional[str]) -> Resolver:
    if resolver is not None:
        if segment is not None and resolver.segment != segment:
            raise HpconfError("HPC_USAGE", {"details": f"segment {segment} given with a resolver for {resolver.segment or 'the base'}: give one of them"})
        return resolver
    return Resolver(segment=segment) if segment else Resolver()


def _native(r: Resolver, model: str) -> Dict[str, str]:
    """Catalog name -> the library's name, for the library's own parameters (the harness's levers, focal loss and
    calibration, are hpconf_training's: ``harness_params()`` reads them, and no library takes them)."""
    return {p: str(d["native"]) for p, d in r.catalog.params(model.upper()).items() if not d.get("harness")}


def space(model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """The stored search space as Optuna distributions, by the library's parameter names."""
    _need()
    r = _resolver(resolver, segment)
    names = _native(r, model)
    return {names[p]: d for p, d in r.hpo_space(model, timeframe).items() if p in names}


def defaults(model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """The stored defaults of the searched parameters, by the library's names: what trial 0 runs."""
    r = _resolver(resolver, segment)
    native = r.native_params(model, timeframe)
    return {n: native[n] for n in space(model, timeframe, resolver=r)}


def suggest(trial: Any, model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """Suggest every searched parameter from its stored range and scale; returns the whole set the library takes
    (the searched values and every other stored default, e.g. ``random_state``), ready for ``XGBClassifier(**...)``."""
    r = _resolver(resolver, segment)
    names = _native(r, model)
    by_native = {v: k for k, v in names.items()}
    picked: Dict[str, Any] = {}
    for n, d in space(model, timeframe, resolver=r).items():
        o = _need()
        if isinstance(d, o.distributions.IntDistribution):
            picked[by_native[n]] = trial.suggest_int(n, d.low, d.high, step=d.step, log=d.log)
        else:
            picked[by_native[n]] = trial.suggest_float(n, d.low, d.high, step=d.step, log=d.log)
    return r.native_params(model, timeframe, picked)


def tag(study: Any, model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None,
        env: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """Record on the study what it searched and on which store state (HPCONF_REVISION and HPCONF_ENVIRONMENT, as
    ``hpconf exec`` sets them), so a study found later says which values it started from."""
    r = _resolver(resolver, segment)
    e = os.environ if env is None else env
    rev = e.get("HPCONF_REVISION")
    info = {"model": model.upper(), "timeframe": timeframe.upper(), "segment": r.segment, "environment": e.get("HPCONF_ENVIRONMENT") or "default",
            "revision": int(rev) if rev and rev.isdigit() else None, "catalog_version": r.catalog.file["version"],
            "space": {_native(r, model)[p]: d for p, d in r.hpo_space_json(model, timeframe).items() if p in _native(r, model)}}
    study.set_user_attr(STUDY_ATTR, info)
    return info


def enqueue_defaults(study: Any, model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """Queue the stored defaults as the study's next trial (trial 0 of a new study), once: a study that already has
    them queued or run is left alone. Returns the defaults."""
    _need()
    d = defaults(model, timeframe, segment, resolver=resolver)
    if not any(t.user_attrs.get("hpconf_defaults") for t in study.get_trials(deepcopy=False)):
        study.enqueue_trial(d, user_attrs={"hpconf_defaults": True})
    return d


def inside(space_: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    """Every parameter of the space given, and each value inside its distribution."""
    if set(params) != set(space_):
        return False
    for p, d in space_.items():
        try:
            if not d._contains(d.to_internal_repr(params[p])):
                return False
        except (ValueError, TypeError):
            return False
    return True


def import_trials(study: Any, space_: Mapping[str, Any], source: Any, skip_best: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Copy `source`'s completed trials whose values lie inside `space_` into `study` (values kept, marked with where
    they came from), then queue `source`'s best when inside (unless it equals `skip_best`, e.g. the defaults already
    queued). The harness's warm start uses the same function."""
    o = _need()
    done = [t for t in source.get_trials(deepcopy=False) if t.state == o.trial.TrialState.COMPLETE and t.value is not None]
    imported = skipped = 0
    for t in done:
        if not inside(space_, t.params):
            skipped += 1
            continue
        study.add_trial(o.trial.create_trial(params=dict(t.params), distributions=dict(space_), value=t.value,
                                             user_attrs={IMPORTED_ATTR: source.study_name, "hpconf_imported_trial": t.number}))
        imported += 1
    maximize = source.direction == o.study.StudyDirection.MAXIMIZE
    best = max(done, key=lambda t: t.value if maximize else -t.value) if done else None
    enqueued = bool(best and inside(space_, best.params) and dict(best.params) != dict(skip_best or {}))
    if best and enqueued:
        study.enqueue_trial(dict(best.params), user_attrs={"hpconf_previous_best": source.study_name})
    return {"from": source.study_name, "imported": imported, "skipped": skipped, "previous_best_enqueued": enqueued}


def warm_start(study: Any, source: Any, model: str, timeframe: str, segment: Optional[str] = None, *, resolver: Optional[Resolver] = None) -> Dict[str, Any]:
    """Start `study` from `source` (an earlier study of the same model and timeframe, by these same names): its
    trials inside today's stored space imported, its best queued next. Compatibility (the same data window, label and
    objective) is the caller's to know; ``hpconf ftf run`` checks it for its own studies."""
    r = _resolver(resolver, segment)
    out = import_trials(study, space(model, timeframe, resolver=r), source, skip_best=defaults(model, timeframe, resolver=r))
    study.set_user_attr(WARM_ATTR, out)  # what record() reports as the study's start
    return out


Split = Tuple[Sequence[int], Sequence[float], Sequence[float]]
OBJECTIVES = ("f1_buy", "pr_auc", "logloss")


def _figures(trial: int, y_va: Any, p_va: Any, y_te: Any, p_te: Any, threshold: float, objective: Optional[float],
             horizon: int, seed: int, resamples: int) -> Dict[str, Any]:
    from . import evidence as ev
    import numpy as np

    def f1(y: Any, p: Any) -> float:
        return float(ev.f1_rows(y[None, :], (p >= threshold).astype(np.int8)[None, :])[0])

    k = ev.skill(y_te, p_te, threshold, horizon, seed=seed, resamples_=resamples)
    pos = float(y_te.mean())
    return {"trial": trial, "validation": {"f1": f1(y_va, p_va), "prAuc": ev.average_precision(y_va, p_va), "objective": objective},
            "test": {"f1": f1(y_te, p_te), "prAuc": ev.average_precision(y_te, p_te), "alwaysBuyF1": 2 * pos / (1 + pos) if pos > 0 else 0.0,
                     "positiveRate": pos, "predictedBuyRate": float((p_te >= threshold).mean()),
                     "f1Margin": k["f1_margin"], "prAucMargin": k["pr_auc_margin"], "skill": k["has_skill"]}}


def record(study: Any, model: str, timeframe: str, *, token: Optional[str] = None, valid: Split, test: Split,
           thresholds: Tuple[float, float] = (0.5, 0.5), horizon: int = 1, objective: str = "f1_buy", seed: int = 0,
           resamples: int = 1000, resolver: Optional[Resolver] = None, run_id: Optional[str] = None, storage: Optional[str] = None,
           data: str = "", label: Optional[str] = None, path: Optional[str] = None) -> Dict[str, Any]:
    """A run record of a team's own study, in the form ``hpconf ftf run`` records (``hpconf runs record FILE`` stores
    it; ``hpconf ftf promote ID`` then proposes its best trial as a reviewed change request).

    The study must have been tagged (``tag``, under ``hpconf exec``: the store revision and environment) and have run
    the stored defaults (``enqueue_defaults``): the evidence is the best trial against them. `valid` and `test` are
    (labels, defaults' probabilities, best trial's probabilities) on held-out rows the search never scored on test;
    `thresholds` are the defaults' and the best's buy cuts, chosen on validation. On test, each gets its skill (F1 over
    always-buy, PR-AUC over the positive rate) and the best its paired margin over the defaults, all with 95 %
    intervals from a moving-block bootstrap of `horizon`-row blocks (hpconf.evidence). `path` also writes it as JSON."""
    o = _need()
    import numpy as np

    info = study.user_attrs.get(STUDY_ATTR)
    if not info or info.get("revision") is None:
        raise HpconfError("HPC_USAGE", {"details": "the study has no store revision: call hpconf.optuna.tag(study, ...) in a process started by hpconf exec"})
    if objective not in OBJECTIVES:
        raise HpconfError("HPC_USAGE", {"details": f"objective {objective}: one of {', '.join(OBJECTIVES)}"})
    r = _resolver(resolver, None)
    m, tf = model.upper(), timeframe.upper()
    if info["model"] != m or info["timeframe"] != tf:
        raise HpconfError("HPC_USAGE", {"details": f"the study was tagged for {info['model']} {info['timeframe']}, not {m} {tf}"})
    tok = (token or r.segment or "").upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,14}", tok):
        raise HpconfError("HPC_USAGE", {"details": "name the token the study trained on (token='UNI'): its best values are proposed for that token's segment"})
    done = [t for t in study.get_trials(deepcopy=False) if t.state == o.trial.TrialState.COMPLETE and t.value is not None]
    d_trial = next((t for t in done if t.user_attrs.get("hpconf_defaults")), None)
    if d_trial is None:
        raise HpconfError("HPC_USAGE", {"details": "the study never ran the stored defaults: call hpconf.optuna.enqueue_defaults(study, ...) before optimize"})
    best = study.best_trial
    arrays = []
    for name, split in (("valid", valid), ("test", test)):
        y, pd_, pb = (np.asarray(x) for x in split)
        if not (len(y) == len(pd_) == len(pb)) or len(y) < 2:
            raise HpconfError("HPC_USAGE", {"details": f"{name}: labels and both probability arrays must have one equal length (at least 2)"})
        if not set(np.unique(y).tolist()) <= {0, 1}:
            raise HpconfError("HPC_USAGE", {"details": f"{name}: labels must be 0 or 1 (buy)"})
        arrays.append((y.astype(np.int8), pd_.astype(float), pb.astype(float)))
    (yv, pvd, pvb), (yt, ptd, ptb) = arrays
    td, tb = thresholds
    from . import evidence as ev
    vs = ev.versus(yt, ptb, tb, ptd, td, horizon, seed=seed, resamples_=resamples)
    native = {n: p for p, n in _native(r, m).items()}
    params = {native[k]: v for k, v in best.params.items() if k in native}
    keys = [k.key for k in r.catalog.keys if k.kind == "global" or (k.model == m and k.timeframe == tf)]
    configured = {k: r.env[k] for k in keys if k in r.env and r.layer(k) == "base"}
    overrides = {k: r.env[k] for k in keys if k in r.env and r.layer(k) not in (None, "base")}
    layers = {tok: {k: str(r.layer(k)) for k in overrides}} if overrides else {}
    w = study.user_attrs.get(WARM_ATTR)
    warm = f"warm start: {w['imported']} trials imported from {w['from']}, {w['skipped']} out of bounds skipped" if w else "cold start"
    starts = [t.datetime_start for t in done if t.datetime_start] or [datetime.now(timezone.utc)]
    ends = [t.datetime_complete for t in done if t.datetime_complete] or starts
    seconds = max(0.0, (max(ends) - min(starts)).total_seconds())
    d_fig = _figures(d_trial.number, yv, pvd, yt, ptd, td, d_trial.value, horizon, seed, resamples)
    b_fig = _figures(best.number, yv, pvb, yt, ptb, tb, best.value, horizon, seed, resamples)
    now = datetime.now(timezone.utc)
    rid = run_id or f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    study_rec = {"model": m, "token": tok, "ok": True, "error": None, "study": study.study_name, "storage": storage, "manifest": "",
                 "spaceHash": None, "objective": objective, "nTrials": len(done), "storageSpec": storage,
                 "signature": {"objective": objective, "label": label, "data": data, "source": "hpconf.optuna"},
                 "warmStart": warm, "defaults": d_fig, "best": b_fig, "params": params,
                 "versusDefaults": {"f1": vs["f1"], "prAuc": vs["pr_auc"]}, "overrides": overrides or None, "seconds": seconds}
    skill_ok = bool(b_fig["test"]["skill"])
    per = {m: {"passing": int(skill_ok), "of": 1, "pass": skill_ok}}
    rec = {"id": rid, "environment": info["environment"], "revision": int(info["revision"]), "createdAt": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
           "wallSeconds": seconds, "timeframe": tf, "models": [m], "tokens": [tok], "dir": os.getcwd(), "studyStorage": storage or "",
           "dataDir": data, "label": label,
           # One study: the gates are its own (skill on test; the plan's F1 gate at the validation F1 it reached).
           "gates": {"deciding": "skill", "skill": {"pass": skill_ok, "minTokens": 1, "perModel": per},
                     "f1": {"pass": True, "minF1": 0.0, "minTokens": 1, "perModel": {m: {"passing": 1, "of": 1, "pass": True}}}},
           "layers": layers, "configured": configured, "studies": [study_rec]}
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(rec, f, indent=2)
    return rec
