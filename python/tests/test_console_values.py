"""hpconf.console.ConsoleValues against a real Console (`hpconf serve` on an embedded store), reached with the
secret the Console leaves in its data directory, as a worker on the same machine would."""
import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest

from hpconf import HpconfError
from hpconf.console import ConsoleValues

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "bin" / "hpconf.js"


def _serve(tmp_path, *setup):
    env = {**os.environ, "HPCONF_DATA_DIR": str(tmp_path), "DATABASE_URL": "", "HPCONF_ADMIN_PASSWORD": "py-console-test-1"}
    subprocess.run(["node", str(BIN), "seed", "--apply"], env=env, check=True, capture_output=True)
    for args in setup:  # on the data directory, before the Console holds it
        subprocess.run(["node", str(BIN), *args], env=env, check=True, capture_output=True)
    p = subprocess.Popen(["node", str(BIN), "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    for line in p.stdout:
        if re.search(r"hpconf Console on http://", line):
            break
    access = json.loads((tmp_path / "hpconf-console.json").read_text())
    yield access["url"], access["secret"], env
    p.terminate()
    p.wait(timeout=30)


@pytest.fixture
def console(tmp_path):
    yield from _serve(tmp_path)


@pytest.fixture
def console_research(tmp_path):
    yield from _serve(tmp_path, ["environment", "create", "research", "--reason", "py test"])


def test_etag_revalidation_long_poll_and_resolver(console):
    url, secret, env = console
    cv = ConsoleValues(url, secret)
    first = cv.refresh()
    assert first.revision == 615 and re.match(r'^"r615-[0-9a-z]+"$', first.etag)
    assert cv.resolver().resolve_float("xgb", "5m", "LEARNING_RATE") == 0.07
    assert cv.refresh() is first  # 304: nothing resent
    assert (cv.requests, cv.not_modified) == (2, 1)

    it = cv.changes(wait_seconds=30)
    assert next(it) is first
    got = {}

    def poll():
        got["snap"] = next(it)
        got["at"] = time.perf_counter()

    t = threading.Thread(target=poll)
    t.start()
    time.sleep(0.3)
    start = time.perf_counter()
    subprocess.run(["node", str(BIN), "set", "CVN_HPO_XGB_5M_LEARNING_RATE=0.05", "--reason", "py test"], env=env, check=True, capture_output=True)
    t.join(timeout=30)
    assert got["snap"].revision == 616
    assert got["snap"].values["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.05"
    assert got["at"] - start < 10, "the long poll answers when the store moves, not at the end of its wait"
    assert cv.resolver().resolve_float("xgb", "5m", "LEARNING_RATE") == 0.05


def test_errors_carry_codes(console):
    url, _, _ = console
    with pytest.raises(HpconfError) as e:
        ConsoleValues(url, "hpc_not_a_token").refresh()
    assert e.value.code == "HPC_AUTH_REQUIRED"
    with pytest.raises(HpconfError) as e:
        ConsoleValues("http://127.0.0.1:9", "x", timeout=2).refresh()
    assert e.value.code == "HPC_STORE_UNREACHABLE"


def test_import_hpconf_does_not_import_urllib_or_logging():
    import sys

    code = "import hpconf, sys; print(sorted(m for m in ('urllib.request', 'urllib.parse', 'logging', 'dataclasses', 'pathlib', 'decimal', 'jsonschema') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_the_airflow_example_pins_one_revision_and_gates_per_model(console):
    """examples/airflow_dag.py's tasks, run as Airflow would run them (without Airflow), against a live Console."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("airflow_dag", ROOT / "examples" / "airflow_dag.py")
    assert spec and spec.loader
    dag = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dag)
    url, secret, env = console
    conf = {"HPCONF_CONSOLE_URL": url, "HPCONF_TOKEN": secret}
    pinned = dag.pin_revision(conf)
    # Edits while the run goes on: a value changed and a CatBoost key removed.
    subprocess.run(["node", str(BIN), "set", "CVN_HPO_XGB_5M_LEARNING_RATE=0.09", "--reason", "mid-run edit"], env=env, check=True, capture_output=True)
    subprocess.run(["node", str(BIN), "unset", "CVN_HPO_CB_5M_DEPTH", "--force", "--reason", "mid-run edit"], env=env, check=True, capture_output=True)
    # Every task of the pinned run still sees the state it started from.
    for model in dag.MODELS:
        assert dag.gate(conf, pinned, model, "5m") == 100.0
    worker_env = dag.pinned_environment(conf, pinned, env={})
    assert worker_env["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.07" and worker_env["CVN_HPO_CB_5M_DEPTH"] == "6"
    assert worker_env["HPCONF_REVISION"] == str(pinned)
    # The next run pins the new state: only CatBoost's gate stops, naming the key.
    again = dag.pin_revision(conf)
    assert again == pinned + 2
    assert dag.gate(conf, again, "XGB", "5m") == 100.0 and dag.gate(conf, again, "LGB", "5m") == 100.0
    with pytest.raises(HpconfError) as e:
        dag.gate(conf, again, "CB", "5m")
    assert e.value.code == "HPC_COVERAGE_INCOMPLETE" and e.value.message.endswith(": CVN_HPO_CB_5M_DEPTH")
    assert dag.pinned_environment(conf, again, env={})["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.09"
    with pytest.raises(HpconfError) as unknown:
        ConsoleValues(url, secret).at(again + 100)
    assert unknown.value.code == "HPC_REVISION_UNKNOWN"


def test_one_environment_is_read_and_an_unknown_one_is_refused_with_a_suggestion(console_research):
    url, secret, env = console_research
    subprocess.run(["node", str(BIN), "--environment", "research", "set", "CVN_HPO_XGB_5M_LEARNING_RATE=0.09", "--reason", "py env test"],
                   env=env, check=True, capture_output=True)
    research = ConsoleValues(url, secret, environment="research")
    snap = research.refresh()
    assert snap.values["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.09"
    assert research.resolver().resolve_float("xgb", "5m", "LEARNING_RATE") == 0.09
    assert research.refresh() is snap  # 304 per environment too
    assert research.at(snap.revision).values["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.09"
    assert ConsoleValues(url, secret).refresh().values["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.07"  # default untouched
    with pytest.raises(HpconfError) as e:
        ConsoleValues(url, secret, environment="reserch").refresh()
    assert e.value.code == "HPC_ENVIRONMENT_UNKNOWN" and "did you mean research" in e.value.message
    # The Airflow example with HPCONF_ENVIRONMENT: pinned to a revision of that environment, HPCONF_ENVIRONMENT for the worker.
    import importlib.util

    spec = importlib.util.spec_from_file_location("airflow_dag", ROOT / "examples" / "airflow_dag.py")
    assert spec and spec.loader
    dag = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dag)
    conf = {"HPCONF_CONSOLE_URL": url, "HPCONF_TOKEN": secret, "HPCONF_ENVIRONMENT": "research"}
    pinned = dag.pin_revision(conf)
    subprocess.run(["node", str(BIN), "--environment", "research", "set", "CVN_HPO_XGB_5M_LEARNING_RATE=0.1", "--reason", "mid-run edit"], env=env, check=True, capture_output=True)
    assert dag.gate(conf, pinned, "XGB", "5m") == 100.0
    worker = dag.pinned_environment(conf, pinned, env={})
    assert worker["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.09" and worker["HPCONF_ENVIRONMENT"] == "research"
    assert dag.pinned_environment(conf, dag.pin_revision(conf), env={})["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.1"
