"""Example Airflow DAG: one run pinned to one store revision, a coverage gate per model and timeframe, then train.

Copy into your DAGs folder. Set the Airflow Variables HPCONF_CONSOLE_URL (the Console, e.g. http://hpconf:8080)
and HPCONF_TOKEN (an API token, read scope is enough), and HPCONF_ENVIRONMENT (the store's environment to train
from, e.g. production; `default` when unset). Values are read through the Console's API, never with a database
connection from the workers:

1. `pin_revision` reads the store's revision once; every other task reads the values *at that revision*
   (`GET /api/v1/values?revision=N`), so an edit made while the run is going cannot mix two states.
2. `gate_<model>_<timeframe>` checks that model's keys and the cross-cutting ones: one missing XGB key stops
   the XGB tasks, not LightGBM's (the refusal names every missing key).
3. `train_<model>_<token>` puts the pinned values into its environment (as `hpconf exec` would, with
   HPCONF_REVISION and HPCONF_ENVIRONMENT) and trains; the resolver reads every value from there.

The task functions below need no Airflow, so they can be run and tested on their own.
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Mapping, Optional

MODELS = ("XGB", "LGB", "CB")
TIMEFRAME = "5m"
TOKENS = ("UNI", "AAVE", "LINK", "MKR", "CRV")


def _console(conf: Mapping[str, str]):
    from hpconf.console import ConsoleValues

    return ConsoleValues(conf["HPCONF_CONSOLE_URL"], conf["HPCONF_TOKEN"], environment=conf.get("HPCONF_ENVIRONMENT") or None)


def pin_revision(conf: Mapping[str, str]) -> int:
    """The store revision this run uses everywhere (pushed to XCom as the task's return value)."""
    return _console(conf).refresh().revision


def gate(conf: Mapping[str, str], revision: int, model: str, timeframe: str) -> float:
    """Refuse (HPC_COVERAGE_INCOMPLETE, naming the keys) unless this model and timeframe are complete at the pinned revision."""
    from hpconf.audit import coverage, coverage_error
    from hpconf.catalog import load_catalog

    cov = coverage(load_catalog(), _console(conf).at(revision).values, model, timeframe)
    if not cov.complete:
        raise coverage_error(cov)
    return cov.percent


def pinned_environment(conf: Mapping[str, str], revision: int, env: Optional[dict] = None) -> dict:
    """The pinned values in a worker's environment (the store wins), with HPCONF_REVISION (and HPCONF_ENVIRONMENT) for the manifest."""
    target = os.environ if env is None else env
    target.update(_console(conf).at(revision).values)
    target["HPCONF_REVISION"] = str(revision)
    if conf.get("HPCONF_ENVIRONMENT"):
        target["HPCONF_ENVIRONMENT"] = conf["HPCONF_ENVIRONMENT"]
    return target


def train_task(conf: Mapping[str, str], revision: int, model: str, timeframe: str, token: str, data_dir: str, run_id: str) -> None:
    from hpconf_training.worker import train

    pinned_environment(conf, revision)
    train(model, timeframe, token, data_dir=Path(data_dir), quote="USDT", run_id=run_id)


try:  # the DAG itself, where Airflow is installed
    from airflow import DAG
    from airflow.models import Variable
    from airflow.operators.python import PythonOperator
except ImportError:  # pragma: no cover - imported for its task functions (tests, other schedulers)
    DAG = None

if DAG is not None:
    def _conf() -> dict:
        return {"HPCONF_CONSOLE_URL": Variable.get("HPCONF_CONSOLE_URL"), "HPCONF_TOKEN": Variable.get("HPCONF_TOKEN"),
                "HPCONF_ENVIRONMENT": Variable.get("HPCONF_ENVIRONMENT", default_var="")}

    PINNED = "{{ ti.xcom_pull(task_ids='pin_revision') }}"

    with DAG(dag_id="cvntrade_ftf_defi_top5_5m", start_date=datetime(2026, 11, 1), schedule=None, catchup=False, tags=["hpconf"]) as dag:
        pin = PythonOperator(task_id="pin_revision", python_callable=lambda: pin_revision(_conf()))
        for model in MODELS:
            g = PythonOperator(task_id=f"gate_{model.lower()}_{TIMEFRAME}", python_callable=lambda revision, model: gate(_conf(), int(revision), model, TIMEFRAME),
                               op_kwargs={"revision": PINNED, "model": model})
            pin >> g
            for token in TOKENS:
                g >> PythonOperator(
                    task_id=f"train_{model.lower()}_{token.lower()}",
                    python_callable=lambda revision, **kw: train_task(_conf(), int(revision), **kw),
                    op_kwargs={"revision": PINNED, "model": model, "timeframe": TIMEFRAME, "token": token,
                               "data_dir": "/data/ohlcv/binance-2024", "run_id": "{{ run_id }}"},
                )
