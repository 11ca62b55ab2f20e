"""Warm starts: a new study begins with what the latest compatible study of an earlier run learned.

Compatible means the trials' values measure the same thing: the same model, timeframe and token (segment), the same
HPO objective, the same label (its definition: method, horizon, threshold, volatility settings), the same feature set,
and the same data window (the train and validation splits start and end at the same candles). The search space may
differ: a trial whose values all lie inside the new space is imported as a completed trial (its value kept, marked
with where it came from); one outside (a narrowed range, a parameter added) is skipped and counted. The previous best
is enqueued after the stored defaults, when it lies inside. `hpconf ftf run` passes the candidates it found among the
runs recorded in the store (newest first, HPCONF_WARM_CANDIDATES); this module picks the first compatible one.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Tuple

import optuna

from hpconf import optuna as hpo

from . import storage

IMPORTED_ATTR = hpo.IMPORTED_ATTR


def signature(objective: str, label: str, feature_set: str, splits: Dict[str, Any]) -> Dict[str, Any]:
    """What two studies must share for one's trial values to stand for the other's."""
    return {"objective": objective, "label": label, "feature_set": feature_set,
            "train": [splits["train"]["start"], splits["train"]["end"]], "valid": [splits["valid"]["start"], splits["valid"]["end"]]}


def candidates(env: Optional[Dict[str, str]] = None) -> List[Dict[str, Any]]:
    raw = (env if env is not None else os.environ).get("HPCONF_WARM_CANDIDATES")
    if not raw:
        return []
    try:
        xs = json.loads(raw)
    except json.JSONDecodeError:
        return []
    return [x for x in xs if isinstance(x, dict) and {"study", "storage", "signature"} <= set(x)]


def choose(cands: List[Dict[str, Any]], sig: Dict[str, Any]) -> Tuple[Optional[Dict[str, Any]], List[str]]:
    """The first compatible candidate, and why each one before it was not."""
    why: List[str] = []
    for c in cands:
        other = c["signature"] or {}
        differ = [k for k in sig if other.get(k) != sig[k]]
        if not differ:
            return c, why
        why.append(f"{c['study']}: different {', '.join(differ)}")
    return None, why


def classify(old: Optional[optuna.distributions.BaseDistribution], new: Optional[optuna.distributions.BaseDistribution]) -> str:
    """How one parameter's search range changed: same, widened, narrowed, moved, scale changed, type changed, added, removed."""
    if old is None:
        return "added"
    if new is None:
        return "removed"
    if type(old) is not type(new):
        return "type changed"
    lo0, hi0, lo1, hi1 = old.low, old.high, new.low, new.high  # type: ignore[attr-defined]
    if bool(getattr(old, "log", False)) != bool(getattr(new, "log", False)):
        return "scale changed"
    if (lo0, hi0) == (lo1, hi1):
        return "same"
    if lo1 <= lo0 and hi1 >= hi0:
        return "widened"
    if lo1 >= lo0 and hi1 <= hi0:
        return "narrowed"
    return "moved"


def import_into(st: optuna.Study, space: Dict[str, optuna.distributions.BaseDistribution], source: Dict[str, Any],
                defaults: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Copy the source study's completed, in-bounds trials into `st` (called once, when `st` is created) and enqueue
    its best when inside (and not the stored defaults, already trial 0). Returns what the manifest and the report say."""
    spec = str(source["storage"])
    if spec.startswith("journal:") and not os.path.isfile(spec[len("journal:"):]):
        raise FileNotFoundError(f"{spec}: no such journal (the run folder moved or was deleted)")
    src = optuna.load_study(study_name=source["study"], storage=storage.open_backend(spec).storage)
    old_space: Dict[str, optuna.distributions.BaseDistribution] = {}
    for t in src.get_trials(deepcopy=False):
        if t.state == optuna.trial.TrialState.COMPLETE:
            old_space.update(t.distributions)
    changes = {p: classify(old_space.get(p), space.get(p)) for p in sorted(set(old_space) | set(space))}
    out = hpo.import_trials(st, space, src, skip_best=defaults)
    return {**out, "run": source.get("run"), "storage": spec, "space_changes": {p: c for p, c in changes.items() if c != "same"}}


def imported(t: optuna.trial.FrozenTrial) -> bool:
    return IMPORTED_ATTR in t.user_attrs
