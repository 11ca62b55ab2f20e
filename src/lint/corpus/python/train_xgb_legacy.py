"""Legacy XGBoost trainer, as it looked before the store existed.

The docstring mentions max_depth=6 and learning_rate=0.1, which must not be flagged.
"""
import numpy as np
import optuna
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

MAX_DEPTH = 6  # EXPECT HP001 MAX_DEPTH
LEARNING_RATE = 0.1  # EXPECT HP001 LEARNING_RATE
TEST_SIZE = 0.2
N_JOBS = 4
LOG_EVERY = 100

GRID_DEFAULT_HP = {
    "5m": {"max_depth": 6, "learning_rate": 0.07, "n_estimators": 1000},  # EXPECT HP001 max_depth; HP001 learning_rate; HP001 n_estimators
    "1h": {"max_depth": 5, "eta": 0.1},  # EXPECT HP001 max_depth; HP001 eta
}
DESCRIPTION = "set max_depth = 8 to overfit"  # a string, not a binding
# max_depth = 12 was tried in March; see the notebook


def load(path, axis=1, skiprows=0):
    data = np.loadtxt(path, delimiter=",", skiprows=skiprows)
    return data[:, :-1], data[:, -1].astype(int)


def objective(trial, X, y):
    params = {
        "max_depth": trial.suggest_int("max_depth", 5, 12),  # EXPECT HP002 max_depth
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),  # EXPECT HP002 learning_rate
        "subsample": trial.suggest_float("subsample", low=0.5, high=1.0),  # EXPECT HP002 subsample
        "gamma": trial.suggest_categorical("gamma", [0, 0.1, 1]),  # EXPECT HP002 gamma
        "colsample_bytree": trial.suggest_float("colsample_bytree", lo, hi),
        "tree_method": "hist",
    }
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=TEST_SIZE, shuffle=False)
    model = XGBClassifier(**params, n_estimators=500, reg_lambda=1.0, n_jobs=N_JOBS)  # EXPECT HP001 n_estimators; HP001 reg_lambda
    model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=LOG_EVERY)
    proba = model.predict_proba(X_va)[:, 1]
    return float(np.mean((proba > 0.5) == y_va))


def train(X, y, cfg, min_child_weight=1.0, seed=42):  # EXPECT HP001 min_child_weight; HP001 seed
    depth = cfg.get("max_depth", 6)  # EXPECT HP001 max_depth
    rate = cfg.get("learning_rate")
    rounds = cfg.get("num_boost_round", 300)  # EXPECT HP001 num_boost_round
    timeout = cfg.get("timeout", 60)
    model = XGBClassifier(max_depth=depth, learning_rate=rate, random_state=seed, min_child_weight=min_child_weight)
    study = optuna.create_study(direction="maximize")
    study.optimize(lambda t: objective(t, X, y), n_trials=50, timeout=timeout)  # EXPECT HP001 n_trials
    return model.fit(X, y), rounds


class TrainerConfig:
    reg_alpha = 0.0  # EXPECT HP001 reg_alpha
    name = "xgb"
    verbose = 1

    def __init__(self):
        self.gamma = 0.5  # EXPECT HP001 gamma
        self.retries = 3
