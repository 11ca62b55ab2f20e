"""The CatBoost trainer before hpconf."""

CB_GRID_DEFAULT_HP = {
    "1m": {"depth": 6, "learning_rate": 0.05, "iterations": 1000, "l2_leaf_reg": 3, "random_seed": 42},
    "5m": {"depth": 6, "learning_rate": 0.05, "iterations": 1000, "l2_leaf_reg": 3, "random_seed": 42},
    "15m": {"depth": 6, "learning_rate": 0.05, "iterations": 1000, "l2_leaf_reg": 3, "random_seed": 42},
    "30m": {"depth": 6, "learning_rate": 0.05, "iterations": 1000, "l2_leaf_reg": 3, "random_seed": 42},
    "1h": {"depth": 6, "learning_rate": 0.05, "iterations": 1000, "l2_leaf_reg": 3, "random_seed": 42},
}


class CBTuner:
    def objective(self, trial):
        return {
            "depth": trial.suggest_int("depth", low=4, high=10),
            "learning_rate": trial.suggest_float("learning_rate", low=0.01, high=0.3, log=True),
            "iterations": trial.suggest_int("iterations", low=200, high=3000, log=True),
            "l2_leaf_reg": trial.suggest_float("l2_leaf_reg", low=1, high=10, log=True),
        }
