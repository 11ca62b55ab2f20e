import json
import os
import subprocess
import sys

from harness_fixtures import FIXTURES


def run_worker(env, tmp_path, model="XGB"):
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    out = tmp_path / "m.json"
    p = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", model, "--timeframe", "5m", "--token", "UNI",
                        "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", "t1"],
                       env={**base, **env, "HPCONF_REVISION": "77"}, capture_output=True, text=True)
    return p, out


def test_a_missing_key_stops_the_worker_with_the_canonical_error(baseline_env, tmp_path):
    env = dict(baseline_env)
    del env["CVN_HPO_XGB_5M_GAMMA"]
    p, out = run_worker(env, tmp_path)
    assert p.returncode == 3
    assert p.stderr.strip() == ("error[HPC_KEY_MISSING]: CVN_HPO_XGB_5M_GAMMA is not set. Set it in the hpconf Console or with: "
                                "hpconf set CVN_HPO_XGB_5M_GAMMA=<value>")
    assert "training_started" not in p.stderr and not out.exists()


def test_several_bad_keys_are_reported_together(baseline_env, tmp_path):
    env = dict(baseline_env, CVN_HPO_XGB_5M_MAX_DEPTH="deep")
    del env["CVN_LABEL_THRESHOLD"]
    p, _ = run_worker(env, tmp_path)
    assert p.returncode == 3
    assert p.stderr.startswith("error[HPC_RESOLVE_FAILED]: 2 problem(s) resolving XGB 5M:")
    assert "CVN_HPO_XGB_5M_MAX_DEPTH" in p.stderr and "CVN_LABEL_THRESHOLD is not set" in p.stderr


def test_a_run_writes_a_manifest_and_logs_started_and_finished(baseline_env, tmp_path):
    p, out = run_worker(dict(baseline_env, CVN_HPO_N_TRIALS="2"), tmp_path, model="LGB")
    assert p.returncode == 0, p.stderr
    lines = p.stderr.strip().splitlines()
    assert lines[0].startswith("level=INFO event=training_started run_id=t1 model=LGB timeframe=5M token=UNI store_revision=77 n_trials=2 ")
    assert lines[-1].startswith("level=INFO event=training_finished run_id=t1 model=LGB timeframe=5M token=UNI store_revision=77 ")
    m = json.loads(out.read_text())
    assert m["store_revision"] == 77 and m["study"]["n_trials"] == 2 and len(m["study"]["trials"]) == 2
    assert {r["key"] for r in m["resolved"]} >= {"CVN_HPO_LGB_5M_LEARNING_RATE", "CVN_HPO_LGB_5M_LEARNING_RATE_RANGE_MIN", "CVN_LABEL_THRESHOLD"}
    assert all(r["source"] == "env" for r in m["resolved"])
    assert {t["native"] for t in m["trained_with"] if not t.get("harness")} == {
        "num_leaves", "max_depth", "learning_rate", "n_estimators", "min_child_samples", "subsample", "colsample_bytree", "reg_alpha",
        "reg_lambda", "subsample_freq", "random_state"}
    # The harness levers at their baseline: off, and the manifest says so (calibration, loss, regime weights, threshold grid).
    assert {t["native"]: t["value"] for t in m["trained_with"] if t.get("harness")} == {"calibration": "none", "focal_gamma": 0, "focal_alpha": 0.5}  # hpconf: ignore[HP001] the baseline values the manifest must report
    assert m["loss"]["objective"] == "log loss (the library's own)" and m["regime_weights"] == {"alpha": 0, "window": 288}
    assert m["calibration"]["brier_test"]["before"] == m["calibration"]["brier_test"]["after"]
    assert m["threshold"]["grid"] == {"min": 0.01, "max": 0.99, "step": 0.005, "points": 197}
    assert m["threshold"]["test_buy_rate"] == m["metrics"]["test"]["predicted_positive_rate"]
    # The stored defaults (trial 0) measured on the same rows, and the best trial against them, paired.
    best, dflt = m["study"]["trials"][m["study"]["best_trial"]], m["defaults"]
    assert dflt["trial"] == 0 and abs(dflt["validation_value"] - m["study"]["defaults_value"]) < 1e-12, "the refit reproduces trial 0"
    assert set(dflt["metrics"]["test"]["skill"]) >= {"f1_margin", "pr_auc_margin", "has_skill"}
    vs = m["versus_defaults"]
    for f in ("f1", "pr_auc"):
        assert vs[f]["lo"] <= vs[f]["value"] <= vs[f]["hi"]
    assert abs(vs["f1"]["value"] - (m["metrics"]["test"]["f1_buy"] - dflt["metrics"]["test"]["f1_buy"])) < 1e-12
    assert abs(vs["pr_auc"]["value"] - (m["metrics"]["test"]["pr_auc"] - dflt["metrics"]["test"]["pr_auc"])) < 1e-9
    if m["study"]["best_trial"] == 0:
        assert vs["f1"] == {"value": 0.0, "lo": 0.0, "hi": 0.0}
    assert best["number"] == m["study"]["best_trial"]
    for part in ("validation", "test"):
        met = m["metrics"][part]
        assert set(met) >= {"f1_buy", "precision", "recall", "pr_auc", "positive_rate", "always_buy_f1", "beats_always_buy"}
        assert abs(met["always_buy_f1"] - 2 * met["positive_rate"] / (1 + met["positive_rate"])) < 1e-12
    sp = m["data"]["splits"]
    assert sp["gap_bars"] == 12 and sp["train"]["end"] < sp["valid"]["start"] < sp["test"]["start"]


def test_a_refit_of_a_trials_values_as_the_stored_defaults_reproduces_its_validation_value(baseline_env, tmp_path):
    """What ftf promote relies on: a trial's values, written back as the stored defaults (as text, the way the CLI
    writes them), make the next study's trial 0 score exactly what that trial scored on validation (same data, seeds)."""
    p, out = run_worker(dict(baseline_env, CVN_HPO_N_TRIALS="3"), tmp_path, model="LGB")
    assert p.returncode == 0, p.stderr
    m = json.loads(out.read_text())
    trial = max((t for t in m["study"]["trials"] if not t["defaults"] and t["value"] is not None), key=lambda t: t["value"])
    promoted = {f"CVN_HPO_LGB_5M_{k}": repr(v) if isinstance(v, float) else str(v) for k, v in trial["params"].items()}
    env = dict(baseline_env, CVN_HPO_N_TRIALS="1", **promoted)
    again = tmp_path / "again"
    again.mkdir()
    p2, out2 = run_worker(env, again, model="LGB")
    assert p2.returncode == 0, p2.stderr
    m2 = json.loads(out2.read_text())
    assert m2["study"]["trials"][0]["defaults"] and abs(m2["study"]["trials"][0]["value"] - trial["value"]) < 1e-9
    assert m2["study"]["trials"][0]["params"] == trial["params"]
