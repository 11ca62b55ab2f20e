"""Example Airflow DAG: inject the stored hyperparameters into the worker, refuse below 100 %, then train.

Copy into your DAGs folder; set the connection string in the HPCONF_DATABASE_URL Airflow Variable (or env).
The training task reads every value through the hpconf resolver, so a missing key stops it before training.
"""
from datetime import datetime

from airflow import DAG
from airflow.models import Variable
from airflow.operators.python import PythonOperator


def validate_and_train(model: str, timeframe: str, token: str, data_dir: str, run_id: str) -> None:
    from hpconf.inject import validate_params
    from hpconf_training.worker import train

    validate_params(Variable.get("HPCONF_DATABASE_URL"))  # os.environ now holds every key, or this raised
    train(model, timeframe, token, data_dir=__import__("pathlib").Path(data_dir), quote="USDT", run_id=run_id)


with DAG(dag_id="cvntrade_ftf_defi_top5_5m", start_date=datetime(2026, 11, 1), schedule=None, catchup=False, tags=["hpconf"]) as dag:
    for model in ("XGB", "LGB", "CB"):
        for token in ("UNI", "AAVE", "LINK", "MKR", "CRV"):
            PythonOperator(
                task_id=f"train_{model.lower()}_{token.lower()}",
                python_callable=validate_and_train,
                op_kwargs={"model": model, "timeframe": "5m", "token": token, "data_dir": "/data/ohlcv/binance-2024", "run_id": "{{ run_id }}"},
            )
