import lightgbm as lgb
import pandas as pd

BASE_PARAMS = dict(objective="binary", num_leaves=31, bagging_fraction=0.8, bagging_freq=1, verbose=-1)  # EXPECT HP001 num_leaves; HP001 bagging_fraction; HP001 bagging_freq


def make_params(overrides):
    params = {"lambda_l1": 0.0, "lambda_l2": 1.0, "metric": "auc"}  # EXPECT HP001 lambda_l1; HP001 lambda_l2
    params["feature_fraction"] = 0.9  # EXPECT HP001 feature_fraction
    params["min_data_in_leaf"] = overrides.get("min_data_in_leaf", 20)  # EXPECT HP001 min_data_in_leaf
    params.update(overrides)
    return params


def fit(train: pd.DataFrame, valid: pd.DataFrame, label: str, early_stopping_rounds: int = 150):  # EXPECT HP001 early_stopping_rounds
    dtrain = lgb.Dataset(train.drop(columns=[label]), train[label])
    dvalid = lgb.Dataset(valid.drop(columns=[label]), valid[label])
    params = make_params({})
    booster = lgb.train(params, dtrain, num_boost_round=2000, valid_sets=[dvalid],  # EXPECT HP001 num_boost_round
                        callbacks=[lgb.early_stopping(early_stopping_rounds), lgb.log_evaluation(100)])
    importance = booster.feature_importance(importance_type="gain")
    top = pd.Series(importance).nlargest(10)
    print(f"num_leaves={params['num_leaves']} best={booster.best_iteration}")
    return booster, top.round(3)


def objective(trial):
    return {
        "num_leaves": trial.suggest_int("num_leaves", 15, 255, log=True),  # EXPECT HP002 num_leaves
        "min_child_samples": trial.suggest_int("min_child_samples", 10, 300),  # EXPECT HP002 min_child_samples
        "max_depth": trial.suggest_int("max_depth", -1, 12),  # EXPECT HP002 max_depth
        "learning_rate": trial.suggest_loguniform("learning_rate", 1e-3, 0.3),  # EXPECT HP002 learning_rate
        "window": trial.suggest_int("window", 5, 50),
    }
