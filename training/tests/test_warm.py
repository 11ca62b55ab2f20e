"""Warm starts: a study imports the in-bounds trials of the newest compatible study, enqueues its best, and says so."""
import json
import os
import subprocess
import sys

import optuna
import pytest

from harness_fixtures import FIXTURES
from hpconf_training import warm


def run(env, out, run_id, storage, model="XGB"):
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_") and k != "HPCONF_WARM_CANDIDATES"}
    p = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", model, "--timeframe", "5m", "--token", "UNI",
                        "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", run_id, "--study-storage", storage],
                       env={**base, **env, "HPCONF_REVISION": "77"}, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return json.loads(out.read_text())


def candidate(m, run_id):
    return {"run": run_id, "study": m["study"]["name"], "storage": m["study"]["storage_spec"], "signature": m["study"]["signature"]}


@pytest.fixture(scope="module")
def first(tmp_path_factory, baseline_env_module):
    d = tmp_path_factory.mktemp("warm")
    storage = f"journal:{d / 'a.journal'}"
    return run(dict(baseline_env_module, CVN_HPO_N_TRIALS="4"), d / "a.json", "runa", storage), d


@pytest.fixture(scope="module")
def baseline_env_module():
    from hpconf.catalog import baseline_values
    return dict(baseline_values())


def test_a_compatible_study_is_imported_in_bounds_its_best_enqueued_and_the_manifest_says_so(first, baseline_env_module):
    a, d = first
    assert a["study"]["warm_start"] is None, "no candidates: cold"
    env = dict(baseline_env_module, CVN_HPO_N_TRIALS="3", HPCONF_WARM_CANDIDATES=json.dumps([candidate(a, "runa")]))
    b = run(env, d / "b.json", "runb", f"journal:{d / 'b.journal'}")
    w = b["study"]["warm_start"]
    assert "error" not in w, w
    a_best = max((t for t in a["study"]["trials"]), key=lambda t: t["value"])
    # The previous best is enqueued after the defaults, unless it is the defaults (trial 0 already).
    assert (w["from"], w["imported"], w["skipped"], w["previous_best_enqueued"]) == (a["study"]["name"], 4, 0, not a_best["defaults"])
    trials = b["study"]["trials"]
    own = [t for t in trials if "imported_from" not in t]
    assert len(own) == 3, "imported trials count towards no share: the study still runs its own N"
    assert [t["defaults"] for t in own].count(True) == 1
    assert [t.get("previous_best", False) for t in own].count(True) == (0 if a_best["defaults"] else 1)
    prev = next((t for t in own if t.get("previous_best")), next(t for t in own if t["defaults"]))
    assert prev["params"] == a_best["params"] and abs(prev["value"] - a_best["value"]) < 1e-9, "same data window: the best refits to its value"
    imported = sorted((t for t in trials if "imported_from" in t), key=lambda t: t["value"])
    assert sorted(t["value"] for t in a["study"]["trials"]) == [t["value"] for t in imported]
    assert w["space_changes"] == {}


def test_a_narrowed_range_skips_the_trials_outside_and_names_the_change(first, baseline_env_module):
    a, d = first
    depths = sorted(t["params"]["MAX_DEPTH"] for t in a["study"]["trials"])
    cut = depths[len(depths) // 2]
    env = dict(baseline_env_module, CVN_HPO_N_TRIALS="1", CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_MAX=str(max(cut, 6)),
               HPCONF_WARM_CANDIDATES=json.dumps([candidate(a, "runa")]))
    c = run(env, d / "c.json", "runc", f"journal:{d / 'c.journal'}")
    w = c["study"]["warm_start"]
    outside = sum(1 for x in depths if x > max(cut, 6))
    assert (w["imported"], w["skipped"]) == (4 - outside, outside)
    assert w["space_changes"] == ({"MAX_DEPTH": "narrowed"} if max(cut, 6) < 12 else {})


def test_an_incompatible_study_is_passed_over_with_the_reason_and_a_missing_one_leaves_the_study_cold(first, baseline_env_module):
    a, d = first
    other = dict(candidate(a, "runa"), signature=dict(a["study"]["signature"], label="something else"))
    gone = dict(candidate(a, "runa"), storage=f"journal:{d / 'gone' / 'x.journal'}", study="hpconf-gone")
    env = dict(baseline_env_module, CVN_HPO_N_TRIALS="1", HPCONF_WARM_CANDIDATES=json.dumps([other, gone]))
    e = run(env, d / "e.json", "rune", f"journal:{d / 'e.journal'}")
    assert e["study"]["warm_start_passed_over"] == [f"{a['study']['name']}: different label"]
    assert e["study"]["warm_start"]["imported"] == 0 and "error" in e["study"]["warm_start"]
    assert len(e["study"]["trials"]) == 1 and e["study"]["trials"][0]["defaults"]


def test_range_changes_are_classed():
    I, F = optuna.distributions.IntDistribution, optuna.distributions.FloatDistribution
    assert warm.classify(I(3, 8), I(3, 8)) == "same"
    assert warm.classify(I(3, 8), I(2, 9)) == "widened"
    assert warm.classify(I(3, 8), I(4, 8)) == "narrowed"
    assert warm.classify(I(3, 8), I(5, 10)) == "moved"
    assert warm.classify(F(0.01, 0.3), F(0.01, 0.3, log=True)) == "scale changed"
    assert warm.classify(I(1, 10), F(1.0, 10.0)) == "type changed"
    assert warm.classify(None, I(1, 2)) == "added" and warm.classify(I(1, 2), None) == "removed"
