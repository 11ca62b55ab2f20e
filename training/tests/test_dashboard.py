"""optuna-dashboard reads the studies a run keeps in the store's PostgreSQL (schema optuna): a real dashboard
process on the tests' server lists the run's study through its API."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from harness_fixtures import FIXTURES
from hpconf_training.storage import dashboard_url

URL = os.environ.get("HPCONF_TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL server (CI always provides one)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_optuna_dashboard_lists_a_runs_study_from_the_stores_optuna_schema(baseline_env, tmp_path):
    run_id = "dash" + uuid.uuid4().hex[:8]
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    p = subprocess.run([sys.executable, "-m", "hpconf_training.worker", "--model", "XGB", "--timeframe", "5m", "--token", "UNI",
                        "--data-dir", str(FIXTURES), "--out", str(tmp_path / "m.json"), "--run-id", run_id, "--study-storage", "store"],
                       env={**base, **baseline_env, "CVN_HPO_N_TRIALS": "2", "DATABASE_URL": URL}, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    name = json.loads((tmp_path / "m.json").read_text())["study"]["name"]
    port = free_port()
    dash = subprocess.Popen([str(Path(sys.executable).with_name("optuna-dashboard")), dashboard_url(URL), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/studies", timeout=5) as r:
                    studies = json.loads(r.read())["study_summaries"]
                break
            except OSError:
                if time.time() > deadline or dash.poll() is not None:
                    raise AssertionError(f"optuna-dashboard did not answer: {dash.stderr.read() if dash.poll() is not None else 'timeout'}")
                time.sleep(0.5)
        mine = [s for s in studies if s["study_name"] == name]
        assert len(mine) == 1, [s["study_name"] for s in studies]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/studies/{mine[0]['study_id']}", timeout=10) as r:
            detail = json.loads(r.read())
        assert len(detail["trials"]) == 2 and detail["trials"][0]["user_attrs"] and any(a["key"] == "hpconf_defaults" for a in detail["trials"][0]["user_attrs"])
    finally:
        dash.terminate()
        dash.wait(timeout=10)
