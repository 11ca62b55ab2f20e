"""The XGBoost trainer before hpconf: defaults per timeframe, the search space in code."""
import optuna

XGB_GRID_DEFAULT_HP = {
    "1m": {"max_depth": 6, "eta": 0.1, "num_boost_round": 1500, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 10, "gamma": 0, "reg_alpha": 0.001, "reg_lambda": 1, "seed": 42},
    "5m": {"max_depth": 6, "eta": 0.07, "num_boost_round": 1000, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 5, "gamma": 0, "reg_alpha": 0.001, "reg_lambda": 1, "seed": 42},
    "15m": {"max_depth": 6, "eta": 0.1, "num_boost_round": 800, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 3, "gamma": 0, "reg_alpha": 0.001, "reg_lambda": 1, "seed": 42},
    "30m": {"max_depth": 6, "eta": 0.1, "num_boost_round": 600, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 2, "gamma": 0, "reg_alpha": 0.001, "reg_lambda": 1, "seed": 42},
    "1h": {"max_depth": 6, "eta": 0.1, "num_boost_round": 500, "subsample": 0.8, "colsample_bytree": 0.8, "min_child_weight": 1, "gamma": 0, "reg_alpha": 0.001, "reg_lambda": 1, "seed": 42},
}

XGB_SEARCH_SPACE = {
    "1m": {"num_boost_round": (300, 3000, "log"), "min_child_weight": (1, 100, "log")},
    "5m": {"num_boost_round": (200, 2000, "log"), "min_child_weight": (1, 50, "log")},
    "15m": {"num_boost_round": (150, 1500, "log"), "min_child_weight": (0.5, 30, "log")},
    "30m": {"num_boost_round": (100, 1200, "log"), "min_child_weight": (0.5, 20, "log")},
    "1h": {"num_boost_round": (100, 1000, "log"), "min_child_weight": (0.5, 10, "log")},
}


def xgb_objective(trial: optuna.Trial, timeframe: str):
    params = {}
    params["max_depth"] = trial.suggest_int("max_depth", 5, 12)
    if timeframe == "5m":
        params["eta"] = trial.suggest_float("eta", 0.05, 0.15)
    else:
        params["eta"] = trial.suggest_float("eta", 0.01, 0.3, log=True)
    params["subsample"] = trial.suggest_float("subsample", 0.5, 1)
    params["colsample_bytree"] = trial.suggest_float("colsample_bytree", 0.5, 1)
    params["gamma"] = trial.suggest_float("gamma", 0, 5)
    params["reg_alpha"] = trial.suggest_float("reg_alpha", 1e-08, 10, log=True)
    params["reg_lambda"] = trial.suggest_float("reg_lambda", 0.001, 10, log=True)
    return params
