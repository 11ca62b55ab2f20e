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
"""
from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional

from .errors import HpconfError
from .resolver import Resolver

#: the study attribute ``tag`` writes: where the values came from
STUDY_ATTR = "hpconf"
IMPORTED_ATTR = "hpconf_imported_from"

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
    return import_trials(study, space(model, timeframe, resolver=r), source, skip_best=defaults(model, timeframe, resolver=r))
