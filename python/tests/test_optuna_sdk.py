"""hpconf.optuna from a team's own script: a plain Optuna study outside the harness gets the stored space by the
library's names, trial 0 = the stored defaults, the store state as a study attribute, and a warm start."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent('''
    import json, sys
    import numpy as np
    import optuna
    from xgboost import XGBClassifier
    from hpconf import Resolver, optuna as hpo

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5)); y = (X[:, 0] + rng.normal(scale=0.5, size=400) > 0).astype(int)
    r = Resolver()
    seen = []

    def objective(trial):
        params = hpo.suggest(trial, "xgb", "5m", resolver=r)
        seen.append(params)
        m = XGBClassifier(**params, n_jobs=1, verbosity=0).fit(X[:300], y[:300])
        return float((m.predict(X[300:]) == y[300:]).mean())

    storage = optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(sys.argv[1]))
    first = optuna.create_study(study_name="mine-1", storage=storage, direction="maximize")
    hpo.tag(first, "xgb", "5m", resolver=r)
    hpo.enqueue_defaults(first, "xgb", "5m", resolver=r)
    hpo.enqueue_defaults(first, "xgb", "5m", resolver=r)  # once only
    first.optimize(objective, n_trials=3)
    second = optuna.create_study(study_name="mine-2", storage=storage, direction="maximize")
    hpo.enqueue_defaults(second, "xgb", "5m", resolver=r)
    w = hpo.warm_start(second, first, "xgb", "5m", resolver=r)
    second.optimize(objective, n_trials=2)
    print(json.dumps({"tag": first.user_attrs["hpconf"], "trial0": first.trials[0].params, "seen0": seen[0], "warm": w,
                      "second": [[t.params, t.user_attrs] for t in second.trials], "space": sorted(hpo.space("xgb", "5m", resolver=r)),
                      "best1": first.best_trial.params, "n1": len(first.trials)}))
''')


def test_a_plain_optuna_script_gets_the_stored_space_defaults_as_trial_0_its_store_state_and_a_warm_start(baseline_env, tmp_path):
    script = tmp_path / "mine.py"
    script.write_text(SCRIPT)
    env = {**baseline_env, "HPCONF_REVISION": "616", "HPCONF_ENVIRONMENT": "research", "PATH": "/usr/bin:/bin",
           **{k: os.environ[k] for k in ("PYTHONPATH", "HOME") if k in os.environ}}
    p = subprocess.run([sys.executable, str(script), str(tmp_path / "j.log")], env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    natives = ["colsample_bytree", "gamma", "learning_rate", "max_depth", "min_child_weight", "n_estimators", "reg_alpha", "reg_lambda", "subsample"]
    assert out["space"] == natives, "one naming: the library's"
    from hpconf import Resolver
    stored = Resolver(env=baseline_env).native_params("xgb", "5m")
    assert out["trial0"] == {n: stored[n] for n in natives}, "trial 0 is the stored defaults"
    assert out["seen0"]["random_state"] == 42 and out["seen0"]["max_depth"] == 6, "suggest returns the whole native set, unsearched defaults too"
    assert "focal_gamma" not in out["seen0"], "harness levers are not the library's parameters"
    assert out["n1"] == 3, "the defaults were queued once"
    t = out["tag"]
    assert (t["revision"], t["environment"], t["model"], t["timeframe"], t["segment"]) == (616, "research", "XGB", "5M", None)
    assert t["space"]["learning_rate"]["attributes"] == {"low": 0.05, "high": 0.15, "log": False, "step": None}
    assert out["warm"] == {"from": "mine-1", "imported": 3, "skipped": 0, "previous_best_enqueued": out["best1"] != out["trial0"]}
    imported = [a for _, a in out["second"] if a.get("hpconf_imported_from") == "mine-1"]
    assert len(imported) == 3


def test_a_segment_and_a_resolver_for_another_are_refused(baseline_env):
    from hpconf import Resolver, optuna as hpo
    from hpconf.errors import HpconfError

    with pytest.raises(HpconfError) as e:
        hpo.defaults("xgb", "5m", "UNI", resolver=Resolver(env=baseline_env))
    assert e.value.code == "HPC_USAGE"
    assert hpo.defaults("xgb", "5m", resolver=Resolver(env=baseline_env))["max_depth"] == 6


def test_record_refuses_a_study_it_cannot_vouch_for(baseline_env):
    """No store revision (not run under hpconf exec), no defaults trial, another model, no token, bad labels: each an
    HPC_USAGE naming what to do, before any figure is computed."""
    import numpy as np
    import optuna
    from hpconf import Resolver, optuna as hpo
    from hpconf.errors import HpconfError

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    r = Resolver(env=baseline_env)
    split = (np.array([0, 1, 0, 1]), np.array([0.2, 0.6, 0.4, 0.7]), np.array([0.1, 0.9, 0.3, 0.8]))

    def refused(study, match, **kw):
        with pytest.raises(HpconfError) as e:
            hpo.record(study, kw.pop("model", "xgb"), "5m", resolver=r, **{"token": "UNI", "valid": split, "test": split, **kw})
        assert e.value.code == "HPC_USAGE" and match in str(e.value), str(e.value)

    s = optuna.create_study(direction="maximize")
    refused(s, "hpconf.optuna.tag")
    hpo.tag(s, "xgb", "5m", resolver=r, env={})
    refused(s, "hpconf exec")  # tagged without HPCONF_REVISION
    hpo.tag(s, "xgb", "5m", resolver=r, env={"HPCONF_REVISION": "12"})
    s.optimize(lambda t: hpo.suggest(t, "xgb", "5m", resolver=r)["max_depth"] / 10, n_trials=2)  # hpconf: ignore[HP001] a toy study to record
    refused(s, "enqueue_defaults")
    hpo.enqueue_defaults(s, "xgb", "5m", resolver=r)
    s.optimize(lambda t: hpo.suggest(t, "xgb", "5m", resolver=r)["max_depth"] / 10, n_trials=1)  # hpconf: ignore[HP001] a toy study to record
    refused(s, "tagged for XGB 5M", model="lgb")
    refused(s, "name the token", token=None)
    refused(s, "one equal length", valid=(split[0][:3], split[1], split[2]))
    refused(s, "0 or 1", test=(np.array([0, 2, 0, 1]), split[1], split[2]))
    rec = hpo.record(s, "xgb", "5m", token="uni", valid=split, test=split, resolver=r, resamples=50)
    assert rec["revision"] == 12 and rec["tokens"] == ["UNI"] and rec["studies"][0]["defaults"]["trial"] == 2
    assert set(rec["studies"][0]["params"]) <= set(r.catalog.params("XGB")), "catalog names, as ftf run records"
