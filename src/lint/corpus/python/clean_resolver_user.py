"""The harness after the migration: every value from the store, through the resolver."""
import optuna
from xgboost import XGBClassifier

from hpconf import Resolver

r = Resolver()
space = r.hpo_space("xgb", "5m")
defaults = r.resolve_all("xgb", "5m")["defaults"]
study = optuna.create_study(direction="maximize")
study.enqueue_trial({p: defaults[p] for p in space})


def objective(trial, X, y, X_va, y_va):
    values = {p: trial.suggest_int(p, d.low, d.high) if hasattr(d, "step") and d.step == 1 else trial.suggest_float(p, d.low, d.high, log=d.log)
              for p, d in space.items()}
    native = r.native_params("xgb", "5m", values)
    model = XGBClassifier(**native, n_jobs=1, verbosity=0)
    model.fit(X, y, eval_set=[(X_va, y_va)], verbose=False)
    return model.score(X_va, y_va)


def summary(model, digits=4, axis=1, top_k=10):
    max_depth = model.get_params()["max_depth"]
    learning_rate = r.resolve("xgb", "5m", "LEARNING_RATE")
    return f"max_depth={max_depth} learning_rate={learning_rate:.{digits}f}"
