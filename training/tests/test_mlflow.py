"""ftf run --mlflow: each finalized study an MLflow run in a real local tracking store (sqlite), with the resolved
values as params, the store state as tags and the gates' figures as metrics."""
import json
import os
import subprocess
import sys

import pytest

from harness_fixtures import FIXTURES

mlflow = pytest.importorskip("mlflow")


def test_a_finalized_study_is_one_mlflow_run_with_values_tags_and_figures(baseline_env, tmp_path):
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    out = tmp_path / "m.json"
    p = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", "LGB", "--timeframe", "5m", "--token", "UNI",
                        "--data-dir", str(FIXTURES), "--out", str(out), "--run-id", "mlf1"],
                       env={**base, **baseline_env, "CVN_HPO_N_TRIALS": "2", "HPCONF_REVISION": "616", "HPCONF_ENVIRONMENT": "research", "HPCONF_MLFLOW_URI": uri},
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    m = json.loads(out.read_text())
    client = mlflow.tracking.MlflowClient(tracking_uri=uri)
    run = client.get_run(m["mlflow"]["run_id"])
    assert run.data.tags["hpconf.store_revision"] == "616" and run.data.tags["hpconf.environment"] == "research"
    assert (run.data.tags["hpconf.model"], run.data.tags["hpconf.token"], run.data.tags["hpconf.study"]) == ("LGB", "UNI", m["study"]["name"])
    assert run.data.params["CVN_HPO_LGB_5M_LEARNING_RATE"] == str(next(r["value"] for r in m["resolved"] if r["key"] == "CVN_HPO_LGB_5M_LEARNING_RATE"))
    assert len(run.data.params) == len(m["resolved"])
    assert run.data.metrics["test_f1_buy"] == m["metrics"]["test"]["f1_buy"]
    assert run.data.metrics["skill_f1_margin_lo"] == m["metrics"]["test"]["skill"]["f1_margin"]["lo"]
    assert run.data.metrics["vs_defaults_f1"] == m["versus_defaults"]["f1"]["value"]
    assert run.info.status == "FINISHED"


def test_without_the_extra_the_worker_fails_before_training(baseline_env, tmp_path):
    # A Python that cannot import mlflow (a sitecustomize that hides it), as an install without the extra is.
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['mlflow'] = None\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    p = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", "LGB", "--timeframe", "5m", "--token", "UNI",
                        "--data-dir", str(FIXTURES), "--out", str(tmp_path / "m.json"), "--run-id", "mlf2"],
                       env={**base, **baseline_env, "HPCONF_MLFLOW_URI": "sqlite:///x.db", "PYTHONPATH": os.pathsep.join(filter(None, [str(hide), os.environ.get("PYTHONPATH")]))},
                       capture_output=True, text=True)
    assert p.returncode != 0
    assert "error[HPC_TRAINING_EXTRA_MISSING]: ftf run --mlflow needs the optional dependency mlflow: pip install 'hpconf-training[mlflow]'" in p.stderr
    assert "training_started" not in p.stderr
