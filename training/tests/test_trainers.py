"""Every hyperparameter a library receives was produced by the resolver; nothing else is set but runtime settings."""
import numpy as np
import pytest

from harness_fixtures import FIXTURES, STEP_5M, settings
from hpconf import HpconfError, Resolver
from hpconf_training import data, storage, study
from hpconf_training.trainers import TRAINERS
from hpconf_training.dataset import prepare

# Values no library uses by default, so a value that did not come from the resolver shows.
UNUSUAL = {
    "XGB": {"MAX_DEPTH": "3", "LEARNING_RATE": "0.123", "N_ESTIMATORS": "37", "SUBSAMPLE": "0.77", "COLSAMPLE_BYTREE": "0.66",
            "MIN_CHILD_WEIGHT": "2.5", "GAMMA": "0.25", "REG_ALPHA": "0.03", "REG_LAMBDA": "1.7", "RANDOM_STATE": "1234"},
    "LGB": {"NUM_LEAVES": "17", "MAX_DEPTH": "5", "LEARNING_RATE": "0.0789", "N_ESTIMATORS": "41", "MIN_CHILD_SAMPLES": "33",
            "SUBSAMPLE": "0.71", "COLSAMPLE_BYTREE": "0.62", "REG_ALPHA": "0.02", "REG_LAMBDA": "0.9", "BAGGING_FREQ": "3", "RANDOM_STATE": "4321"},
    "CB": {"DEPTH": "4", "LEARNING_RATE": "0.0912", "ITERATIONS": "29", "L2_LEAF_REG": "4.5", "RANDOM_STATE": "777"},
}


def env_with(baseline_env, model):
    """The baseline with UNUSUAL defaults, each range widened (in text, keeping its type) to hold its default."""
    env = dict(baseline_env, CVN_HPO_N_TRIALS="1", CVN_EARLY_STOPPING_ROUNDS="9")
    for p, v in UNUSUAL[model].items():
        env[f"CVN_HPO_{model}_5M_{p}"] = v
        lo, hi = f"CVN_HPO_{model}_5M_{p}_RANGE_MIN", f"CVN_HPO_{model}_5M_{p}_RANGE_MAX"
        if lo in env:
            env[lo] = min(env[lo], v, key=float)
            env[hi] = max(env[hi], v, key=float)
    return env


@pytest.fixture(scope="module")
def prepared():
    df = data.read_candles(FIXTURES / "CRV_USDT-5m.csv.gz", 5 * 60_000)
    return prepare(df, STEP_5M, settings())


def library_class(model):
    if model == "XGB":
        from xgboost import XGBClassifier
        return XGBClassifier
    if model == "LGB":
        from lightgbm import LGBMClassifier
        return LGBMClassifier
    from catboost import CatBoostClassifier
    return CatBoostClassifier


@pytest.mark.parametrize("model", ["XGB", "LGB", "CB"])
def test_every_value_reaching_the_library_came_from_the_resolver(model, baseline_env, prepared, monkeypatch):
    r = Resolver(env=env_with(baseline_env, model), log=lambda _: None)
    library = r.catalog.file["models"][model]["library"]
    fitted = []
    real = TRAINERS[library]
    monkeypatch.setitem(TRAINERS, library, real.__class__(lambda *a, **k: fitted.append(real.fit(*a, **k)) or fitted[-1], real.predict, real.runtime))
    out = study.run(r, model, "5m", "CRV", prepared, threads=1, backend=storage.open_backend("memory"), run_id="t")
    assert out.best_trial == 0 and len(fitted) == 1  # one trial: the stored defaults
    params = fitted[0].get_params()
    ledger = {x.key: x for x in r.ledger()}
    natives = {d["native"]: p for p, d in r.catalog.params(model).items() if not d.get("harness")}
    # 1. Every catalog parameter reached the library with the resolver's value.
    for native, p in natives.items():
        res = ledger[f"CVN_HPO_{model}_5M_{p}"]
        assert res.source == "env"
        assert params[native] == pytest.approx(res.value), native
        assert params[native] == pytest.approx(float(UNUSUAL[model][p])), native
    # 2. Nothing else was set, except runtime settings and the early-stopping key.
    defaults = library_class(model)().get_params()
    changed = {k for k, v in params.items() if k not in defaults or not _same(defaults[k], v)}
    allowed = set(natives) | set(real.runtime) | {"early_stopping_rounds"}
    assert changed <= allowed, changed - allowed
    if "early_stopping_rounds" in params:
        assert params["early_stopping_rounds"] == 9


def _same(a, b):
    try:
        return a == b or (a != a and b != b)
    except Exception:  # noqa: BLE001 - arrays and objects compare by identity here
        return a is b


def test_the_defaults_are_the_first_trial_and_the_search_space_comes_from_the_ranges(baseline_env, prepared):
    env = dict(baseline_env, CVN_HPO_N_TRIALS="4", CVN_HPO_LGB_5M_N_ESTIMATORS_RANGE_MAX="300",
               CVN_HPO_LGB_5M_N_ESTIMATORS="250", CVN_HPO_LGB_5M_LEARNING_RATE_RANGE_MIN="0.02", CVN_HPO_LGB_5M_LEARNING_RATE_RANGE_MAX="0.03",
               CVN_HPO_LGB_5M_LEARNING_RATE="0.025")
    r = Resolver(env=env, log=lambda _: None)
    seen = []
    out = study.run(r, "LGB", "5m", "CRV", prepared, threads=1, on_trial=seen.append, backend=storage.open_backend("memory"), run_id="t")
    defaults = r.resolve_all("LGB", "5m")["defaults"]
    assert [e["number"] for e in seen] == [0, 1, 2, 3] and [e["defaults"] for e in seen] == [True, False, False, False]
    assert out.trials[0]["params"] == {p: defaults[p] for p in r.hpo_space_json("LGB", "5m")} and out.trials[0]["defaults"]
    assert all(0.02 <= t["params"]["LEARNING_RATE"] <= 0.03 and 200 <= t["params"]["N_ESTIMATORS"] <= 300 for t in out.trials)
    assert out.best_value >= out.defaults_value  # maximised: never worse than the defaults it was given
    assert out.study_name.startswith("hpconf-t-LGB-5M-CRV-") and out.study_name.endswith(out.space_hash[:12])
    # A change of range is a new study.
    env2 = dict(env, CVN_HPO_LGB_5M_LEARNING_RATE_RANGE_MAX="0.04")
    assert study.space_hash(Resolver(env=env2).hpo_space_json("LGB", "5m")) != out.space_hash


def test_a_missing_key_stops_before_training(baseline_env, prepared, monkeypatch):
    env = dict(baseline_env)
    del env["CVN_HPO_CB_5M_DEPTH"]
    calls = []
    real = TRAINERS["catboost"]
    monkeypatch.setitem(TRAINERS, "catboost", real.__class__(lambda *a, **k: calls.append(1), real.predict, real.runtime))
    with pytest.raises(HpconfError) as e:
        study.run(Resolver(env=env, log=lambda _: None), "CB", "5m", "CRV", prepared, threads=1, backend=storage.open_backend("memory"), run_id="t")
    assert e.value.code == "HPC_KEY_MISSING" and "CVN_HPO_CB_5M_DEPTH is not set" in e.value.message
    assert calls == []
