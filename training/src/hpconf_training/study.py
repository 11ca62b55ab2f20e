"""One Optuna study per run, model, timeframe and token, shared by however many workers join it.

The space comes from the resolved ranges; the stored defaults are enqueued as trial 0 exactly once (under the
storage's lock); each worker runs its share of the trials with its own sampler seed derived from the stored
RANDOM_STATE; the last worker to finish reads the best trial from the storage, refits it if it did not train it
itself, and records the result in the study, so `hpconf ftf collect` finds it wherever the workers ran.
"""
from __future__ import annotations

import hashlib
import os
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

import optuna

from hpconf import Resolver
from hpconf.errors import HpconfError

from . import calibration, metrics, warm
from .storage import Backend
from .trainers import TRAINERS, Extras, best_iteration

RESULT_ATTR = "hpconf_manifest"
SETUP_ATTR = "hpconf_setup"


def space_hash(space_json: Dict[str, Any]) -> str:
    """A change of range, scale or type gives a new study name: Optuna cannot mix them in one study."""
    return hashlib.sha256(json.dumps(space_json, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def study_name(run_id: str, model: str, timeframe: str, token: str, h: str) -> str:
    return f"hpconf-{run_id}-{model.upper()}-{timeframe.upper()}-{token}-{h[:12]}"


def worker_seed(random_state: int, index: int, done_before: int) -> int:
    """Distinct per worker, and per restart of one worker (a restart must not replay the samples it drew)."""
    d = hashlib.sha256(f"{random_state}:{index}:{done_before}".encode()).digest()
    return int.from_bytes(d[:4], "big") & 0x7FFFFFFF


def share(n_trials: int, workers: int, index: int) -> int:
    """Worker `index` of `workers` runs this many trials; the shares add up to n_trials exactly."""
    return n_trials // workers + (1 if index < n_trials % workers else 0)


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
    defaults_value: Optional[float]
    best_params: Dict[str, Any]
    native: Dict[str, Any]
    threshold: float
    best_iteration: Optional[int]
    refit: bool
    storage: str
    workers: int
    model: Any = field(repr=False)
    trials: List[Dict[str, Any]] = field(default_factory=list)
    harness: Dict[str, Any] = field(default_factory=dict)  # focal loss and calibration of the best trial (harness_params)
    calibrate: calibration.Calibrator = field(default=lambda p: p, repr=False)  # fitted on validation only
    threshold_detail: Dict[str, Any] = field(default_factory=dict)  # how the threshold was chosen (grid, cap)
    #: the stored defaults (trial 0) fitted the same way (model, threshold, calibrate): the best trial is measured against it
    defaults_fit: Optional[Dict[str, Any]] = field(default=None, repr=False)
    defaults_trial: Optional[int] = None
    #: what the warm start imported (from which study, how many trials, how many out of bounds), or None when cold
    warm_start: Optional[Dict[str, Any]] = None
    storage_spec: Optional[str] = None  # how to open the study's storage again (journal:PATH, store, a URL without password)
    manifest: Optional[Dict[str, Any]] = None  # what `finalize` made of it, as stored in the study


STALE_ATTR = "hpconf_stale"


def recover_stale_trials(st: optuna.Study, worker_index: Optional[int], defaults: Dict[str, Any], *, alone: bool) -> int:
    """Fail the RUNNING trials of a dead worker (of `worker_index`, or of every worker when None), marked stale; if the
    defaults trial was among them (or never completed and none waits), queue it again. Returns how many were failed.
    Called under the study's lock, by a worker that holds `worker_index` alone (one process per index).

    A trial is tagged with its worker as the first thing it does, but Optuna creates it RUNNING a moment before; under
    a busy storage that moment is long enough for another worker's recovery to see it untagged. So an untagged trial
    is failed only by a worker that is `alone` (one worker per study, or every share done: see `run`)."""
    storage = st._storage
    trials = st.get_trials(deepcopy=False)
    stale = [t for t in trials if t.state == optuna.trial.TrialState.RUNNING
             and (worker_index is None or t.user_attrs.get("hpconf_worker") == worker_index
                  or (alone and t.user_attrs.get("hpconf_worker") is None))]
    for t in stale:
        storage.set_trial_user_attr(t._trial_id, STALE_ATTR, True)
        storage.set_trial_state_values(t._trial_id, optuna.trial.TrialState.FAIL)
    after = st.get_trials(deepcopy=False)
    has_defaults = any(t.user_attrs.get("hpconf_defaults") and t.state in (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.WAITING,
                                                                          optuna.trial.TrialState.RUNNING) for t in after)
    if not has_defaults:
        st.enqueue_trial(defaults, user_attrs={"hpconf_defaults": True})
    return len(stale)


def _defaults_done(st: optuna.Study) -> bool:
    return any(t.user_attrs.get("hpconf_defaults") and t.state == optuna.trial.TrialState.COMPLETE for t in _finished(st))


def _finished(st: optuna.Study) -> List[optuna.trial.FrozenTrial]:
    """The trials this study ran (imported ones, from a warm start, are not: they count towards no worker's share)."""
    return [t for t in st.get_trials(deepcopy=False) if t.state.is_finished() and not warm.imported(t)]


def _all_finished(st: optuna.Study) -> List[optuna.trial.FrozenTrial]:
    return [t for t in st.get_trials(deepcopy=False) if t.state.is_finished()]


def _trial_record(t: optuna.trial.FrozenTrial) -> Dict[str, Any]:
    return {"number": t.number, "state": t.state.name, "value": t.value, "params": t.params,
            "best_iteration": t.user_attrs.get("best_iteration"), "worker": t.user_attrs.get("hpconf_worker"),
            "seconds": t.user_attrs.get("seconds"), "defaults": bool(t.user_attrs.get("hpconf_defaults")),
            **({"imported_from": t.user_attrs[warm.IMPORTED_ATTR]} if warm.imported(t) else {}),
            **({"previous_best": True} if t.user_attrs.get("hpconf_previous_best") else {})}


def run(resolver: Resolver, model: str, timeframe: str, token: str, data: Dict[str, Any], threads: int, *,
        backend: Backend, run_id: str, worker_index: int = 0, workers: int = 1,
        on_trial: Optional[Callable[[Dict[str, Any]], None]] = None,
        finalize: Optional[Callable[[Outcome], Dict[str, Any]]] = None,
        finalize_only: bool = False, warm_from: Optional[Dict[str, Any]] = None) -> Optional[Outcome]:
    """Run this worker's share of the study; the worker that completes the study finalizes it.

    Returns the outcome (with what `finalize` made of it) if this worker finalized, else None."""
    if not 0 <= worker_index < workers:
        raise HpconfError("HPC_USAGE", {"details": f"--worker-index {worker_index} is not in 0..{workers - 1}"})
    library = resolver.catalog.file["models"][model.upper()]["library"]  # type: ignore[index]
    trainer = TRAINERS[library]
    resolved = resolver.resolve_all(model, timeframe)  # once: every key checked together
    g = resolved["globals"]
    objective = str(g["CVN_HPO_OBJECTIVE"])
    thresholds = metrics.ThresholdSettings.from_globals(g)
    esr, n_trials = int(g["CVN_EARLY_STOPPING_ROUNDS"]), int(g["CVN_HPO_N_TRIALS"])
    space_json = resolver.hpo_space_json(model, timeframe)
    space = resolver.hpo_space(model, timeframe)
    defaults = resolved["defaults"]
    seed = int(defaults["RANDOM_STATE"])
    h = space_hash(space_json)
    name = study_name(run_id, model, timeframe, token, h)
    direction = metrics.DIRECTION[objective]
    Xtr, ytr, Xva, yva = data["X_train"], data["y_train"], data["X_valid"], data["y_valid"]
    train_pos = float(ytr.mean())
    setup = {"n_trials": n_trials, "space_hash": h, "objective": objective, "direction": direction, "workers": workers,
             "run_id": run_id, "model": model.upper(), "timeframe": timeframe.upper(), "token": token,
             # What the whole run expects (set by hpconf ftf run and the emitted Jobs): collect names what never finalized.
             "run_models": [m for m in os.environ.get("HPCONF_RUN_MODELS", "").split(",") if m],
             "run_tokens": [t for t in os.environ.get("HPCONF_RUN_TOKENS", "").split(",") if t]}
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    with backend.lock(name):
        st = optuna.create_study(storage=backend.storage, study_name=name, direction=direction,  # type: ignore[arg-type]  # "maximize" or "minimize"
                                 load_if_exists=True)
        known = st.user_attrs.get(SETUP_ATTR)
        if known is None:
            st.enqueue_trial({p: defaults[p] for p in space}, user_attrs={"hpconf_defaults": True})
            if warm_from:
                # Once, as the study is created: every worker of it then sees the imported trials. A source that cannot
                # be read (moved, deleted) leaves the study cold and says why; it never fails the run.
                try:
                    setup["warm_start"] = warm.import_into(st, space, warm_from, {p: defaults[p] for p in space})
                except Exception as e:  # noqa: BLE001 - any storage error means: start cold
                    setup["warm_start"] = {"from": warm_from.get("study"), "error": f"{type(e).__name__}: {e}", "imported": 0, "skipped": 0}
            st.set_user_attr(SETUP_ATTR, setup)
        else:
            differ = [k for k in ("n_trials", "objective", "workers") if known.get(k) != setup[k]]
            if differ:
                raise HpconfError("HPC_USAGE", {"details": f"study {name} was started with " +
                                                ", ".join(f"{k}={known.get(k)}" for k in differ) + "; this worker has " +
                                                ", ".join(f"{k}={setup[k]}" for k in differ) + " (one run, one setting)"})
            # Recovery: trials left RUNNING by a dead worker are failed (this index's own, or every one when
            # finalizing, since then no worker runs), and a lost defaults trial is queued again.
            recover_stale_trials(st, None if finalize_only else worker_index, {p: defaults[p] for p in space},
                                 alone=finalize_only or workers == 1)

    # A trial failed on recovery is done again by its worker's next incarnation (it never ran to the end).
    mine_done = sum(1 for t in _finished(st) if t.user_attrs.get("hpconf_worker") == worker_index and not t.user_attrs.get(STALE_ATTR))
    todo = 0 if finalize_only else max(0, share(n_trials, workers, worker_index) - mine_done)
    if finalize_only and not _defaults_done(st):
        todo = 1  # the report's trial 0 is the stored defaults: a finalizer runs it if no worker did
    sampler = optuna.samplers.TPESampler(seed=worker_seed(seed, worker_index, mine_done))
    study = optuna.load_study(study_name=name, storage=backend.storage, sampler=sampler)
    local: Dict[str, Any] = {}  # the best model this worker trained, so the finalizer need not refit it

    def fit(values: Dict[str, Any]) -> Dict[str, Any]:
        native = resolver.native_params(model, timeframe, values)
        harness = resolver.harness_params(model, timeframe, values)
        extras = Extras((float(harness["focal_gamma"]), float(harness["focal_alpha"])), data.get("w_train"))
        m = trainer.fit(native, esr, threads, Xtr, ytr, Xva, yva, extras)
        # Calibration and threshold are fitted on validation only; the objective reads the calibrated probabilities.
        cal = calibration.fit(str(harness["calibration"]), yva, trainer.predict(m, Xva))
        p = cal(trainer.predict(m, Xva))
        thr = metrics.choose(thresholds, yva, p, train_pos)
        return {"model": m, "threshold": thr["value"], "detail": thr, "value": metrics.objective_value(objective, yva, p, thr["value"]),
                "native": native, "harness": harness, "calibrate": cal}

    def run_trial(trial: optuna.Trial) -> float:
        t0 = time.time()
        trial.set_user_attr("hpconf_worker", worker_index)
        values = {p: suggest(trial, p, d) for p, d in space.items()}
        f = fit(values)
        value = f["value"]
        better = not local or (value > local["value"] if direction == "maximize" else value < local["value"])
        if better:
            local.update(f, number=trial.number)
        seconds = round(time.time() - t0, 2)
        trial.set_user_attr("best_iteration", best_iteration(f["model"]))
        trial.set_user_attr("threshold", f["threshold"])
        trial.set_user_attr("seconds", seconds)
        if on_trial:
            done = [t.value for t in _finished(study) if t.value is not None] + [value]
            best = max(done) if direction == "maximize" else min(done)
            on_trial({"number": trial.number, "n_trials": n_trials, "value": value, "best": best, "seconds": seconds,
                      "defaults": bool(trial.user_attrs.get("hpconf_defaults"))})
        return value

    if todo:
        study.optimize(run_trial, n_trials=todo)

    with backend.lock(name):
        if RESULT_ATTR in study.user_attrs:
            return None  # another worker finalized first
        # Trials failed on recovery were done again, so they do not count towards the study's trials.
        if sum(1 for t in _finished(study) if not t.user_attrs.get(STALE_ATTR)) < n_trials and not finalize_only:
            return None  # others are still running: the last one to finish finalizes
        # Every share is done, so no worker is inside a trial: one still RUNNING belongs to a worker killed before it
        # tagged the trial. Fail it; if it was the defaults trial, run that here (the report's trial 0 is the defaults).
        recover_stale_trials(study, None, {p: defaults[p] for p in space}, alone=True)
        if not _defaults_done(study):
            study.optimize(run_trial, n_trials=1)  # hpconf: ignore[HP001] one trial: the stored defaults, the report's trial 0
        finished = _all_finished(study)
        complete = [t for t in finished if t.state == optuna.trial.TrialState.COMPLETE]
        if not complete:
            raise HpconfError("HPC_DATA_INVALID", {"path": name, "details": "no trial of the study completed"})
        best = study.best_trial
        params = {p: best.params[p] for p in space}
        if local and local["number"] == best.number:
            f, refit = local, False
        else:
            f, refit = fit(params), True
        chosen = params if not best.user_attrs.get("hpconf_defaults") else {}
        native = resolver.native_params(model, timeframe, chosen)
        defaults_trial = next((t for t in finished if t.user_attrs.get("hpconf_defaults")), None)
        # The defaults refitted (deterministic: the same seeds), so test can say what the search added over them.
        dfit = f if best.user_attrs.get("hpconf_defaults") else fit({p: defaults[p] for p in space})
        outcome = Outcome(name, h, direction, n_trials, best.number, float(best.values[0]), defaults_trial.value if defaults_trial else None,
                          params, native, f["threshold"], best_iteration(f["model"]), refit, backend.describe, workers, f["model"],
                          [_trial_record(t) for t in sorted(finished, key=lambda t: t.number)],
                          harness=resolver.harness_params(model, timeframe, chosen), calibrate=f["calibrate"], threshold_detail=f["detail"],
                          defaults_fit=dfit, defaults_trial=defaults_trial.number if defaults_trial else None,
                          warm_start=(study.user_attrs.get(SETUP_ATTR) or {}).get("warm_start"), storage_spec=backend.spec)
        outcome.manifest = finalize(outcome) if finalize else {"study": name, "best_trial": best.number}
        study.set_user_attr(RESULT_ATTR, outcome.manifest)
        return outcome


def collect(backend: Backend, run_id: str) -> List[Dict[str, Any]]:
    """What the workers of a run recorded in the storage: one entry per study, finalized or not."""
    out = []
    for s in optuna.get_all_study_summaries(backend.storage, include_best_trial=False):
        if not s.study_name.startswith(f"hpconf-{run_id}-"):
            continue
        setup = s.user_attrs.get(SETUP_ATTR, {})
        entry: Dict[str, Any] = {"study": s.study_name, "model": setup.get("model"), "token": setup.get("token"),
                                 "n_trials": setup.get("n_trials"), "finished": None, "manifest": s.user_attrs.get(RESULT_ATTR),
                                 "run_models": setup.get("run_models") or [], "run_tokens": setup.get("run_tokens") or []}
        if entry["manifest"] is None:
            st = optuna.load_study(study_name=s.study_name, storage=backend.storage)
            entry["finished"] = len(_finished(st))
        out.append(entry)
    return out
