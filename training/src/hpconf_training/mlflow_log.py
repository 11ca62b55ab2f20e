"""Optional MLflow logging (`hpconf ftf run --mlflow URI`, the `mlflow` extra): each finalized study becomes one MLflow
run with the values it resolved as params, the store revision, environment and run as tags, and the gates' figures as
metrics. A worker checks the client is there before it trains (a missing extra fails fast, not after the study)."""
from __future__ import annotations

import os
from typing import Any, Dict, Optional

from hpconf.errors import HpconfError

EXPERIMENT = "hpconf"


def uri(env: Optional[Dict[str, str]] = None) -> Optional[str]:
    return (env if env is not None else os.environ).get("HPCONF_MLFLOW_URI") or None


def check() -> None:
    try:
        import mlflow  # noqa: F401
    except ImportError as e:
        raise HpconfError("HPC_TRAINING_EXTRA_MISSING", {"feature": "ftf run --mlflow", "extra": "mlflow", "module": "mlflow"}) from e


def metrics_of(m: Dict[str, Any]) -> Dict[str, float]:
    val, test = m["metrics"]["validation"], m["metrics"]["test"]
    k = test.get("skill") or {}
    out: Dict[str, float] = {"val_f1_buy": val["f1_buy"], "test_f1_buy": test["f1_buy"], "test_pr_auc": test["pr_auc"],
                             "test_always_buy_f1": test["always_buy_f1"], "test_predicted_buy_rate": test["predicted_positive_rate"],
                             "best_trial": float(m["study"]["best_trial"]), "best_value": float(m["study"]["best_value"])}
    for name, ci in (("skill_f1_margin", k.get("f1_margin")), ("skill_pr_auc_margin", k.get("pr_auc_margin")),
                     ("vs_defaults_f1", (m.get("versus_defaults") or {}).get("f1")), ("vs_defaults_pr_auc", (m.get("versus_defaults") or {}).get("pr_auc"))):
        if ci:
            out.update({name: ci["value"], f"{name}_lo": ci["lo"], f"{name}_hi": ci["hi"]})
    if k:
        out["has_skill"] = 1.0 if k.get("has_skill") else 0.0
    return out


def log(m: Dict[str, Any], tracking_uri: str) -> str:
    """One MLflow run for a finalized study's manifest; returns its run id."""
    import mlflow

    client = mlflow.tracking.MlflowClient(tracking_uri=tracking_uri)
    exp = client.get_experiment_by_name(EXPERIMENT)
    exp_id = exp.experiment_id if exp else client.create_experiment(EXPERIMENT)
    tags = {"hpconf.run_id": m["run_id"], "hpconf.store_revision": str(m.get("store_revision")), "hpconf.environment": m.get("store_environment") or "default",
            "hpconf.model": m["model"], "hpconf.timeframe": m["timeframe"], "hpconf.token": m["token"], "hpconf.study": m["study"]["name"],
            "mlflow.runName": f"{m['run_id']} {m['model']} {m['timeframe']} {m['token']}"}
    run = client.create_run(exp_id, tags=tags)
    params = [mlflow.entities.Param(r["key"], str(r["value"])) for r in m["resolved"]]
    metrics = [mlflow.entities.Metric(k, float(v), 0, 0) for k, v in metrics_of(m).items()]
    for i in range(0, max(len(params), len(metrics)), 100):  # MLflow takes at most 100 params and 1000 metrics per batch
        client.log_batch(run.info.run_id, params=params[i:i + 100], metrics=metrics[i:i + 100] if i < len(metrics) else [])
    client.set_terminated(run.info.run_id)
    return str(run.info.run_id)
