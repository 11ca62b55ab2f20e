"""The LightGBM trainer before hpconf."""

LGB_DEFAULTS = {
    "1m": {"num_leaves": 31, "max_depth": 8, "learning_rate": 0.05, "n_estimators": 1000, "min_data_in_leaf": 50, "bagging_fraction": 0.8, "feature_fraction": 0.8, "lambda_l1": 0.001, "lambda_l2": 1, "bagging_freq": 1, "random_state": 42},
    "5m": {"num_leaves": 31, "max_depth": 8, "learning_rate": 0.05, "n_estimators": 1000, "min_data_in_leaf": 50, "bagging_fraction": 0.8, "feature_fraction": 0.8, "lambda_l1": 0.001, "lambda_l2": 1, "bagging_freq": 1, "random_state": 42},
    "15m": {"num_leaves": 31, "max_depth": 8, "learning_rate": 0.05, "n_estimators": 1000, "min_data_in_leaf": 50, "bagging_fraction": 0.8, "feature_fraction": 0.8, "lambda_l1": 0.001, "lambda_l2": 1, "bagging_freq": 1, "random_state": 42},
    "30m": {"num_leaves": 31, "max_depth": 8, "learning_rate": 0.05, "n_estimators": 1000, "min_data_in_leaf": 50, "bagging_fraction": 0.8, "feature_fraction": 0.8, "lambda_l1": 0.001, "lambda_l2": 1, "bagging_freq": 1, "random_state": 42},
    "1h": {"num_leaves": 31, "max_depth": 8, "learning_rate": 0.05, "n_estimators": 1000, "min_data_in_leaf": 50, "bagging_fraction": 0.8, "feature_fraction": 0.8, "lambda_l1": 0.001, "lambda_l2": 1, "bagging_freq": 1, "random_state": 42},
}


def lgb_objective(trial):
    return {
        "num_leaves": trial.suggest_int("num_leaves", 15, 255, log=True),
        "max_depth": trial.suggest_int("max_depth", 3, 12),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "n_estimators": trial.suggest_int("n_estimators", 200, 3000, log=True),
        "min_data_in_leaf": trial.suggest_int("min_data_in_leaf", 10, 300, log=True),
        "bagging_fraction": trial.suggest_float("bagging_fraction", 0.5, 1),
        "feature_fraction": trial.suggest_float("feature_fraction", 0.5, 1),
        "lambda_l1": trial.suggest_float("lambda_l1", 1e-08, 10, log=True),
        "lambda_l2": trial.suggest_float("lambda_l2", 0.001, 10, log=True),
    }
