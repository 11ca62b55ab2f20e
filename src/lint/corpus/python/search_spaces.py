"""Search spaces outside Optuna, early stopping as callbacks, positional rounds, generic names in and out of
a model's context: forms a real training repository uses (labels: EXPECT comments)."""
import lightgbm as lgb
import xgboost as xgb
from catboost import CatBoostClassifier
from hyperopt import hp
from optuna.samplers import TPESampler
from scipy.stats import loguniform, randint
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=2)  # a split, not a model
sampler = TPESampler(seed=1)  # the search's own sampler, not a model
plt.plot(losses, alpha=0.5)  # a plot
gamma = 0.99  # an RL discount at module level
style = {"alpha": 0.3}

grid = GridSearchCV(
    xgb.XGBClassifier(),
    param_grid={
        "max_depth": [3, 5, 7],  # EXPECT HP002 max_depth
        "learning_rate": [0.01, 0.1],  # EXPECT HP002 learning_rate
        "gamma": [0, 1],  # EXPECT HP002 gamma
    },
)
search = RandomizedSearchCV(
    lgb.LGBMClassifier(),
    param_distributions={"num_leaves": randint(16, 128), "reg_alpha": loguniform(1e-3, 10)},  # EXPECT HP002 num_leaves; HP002 reg_alpha
    n_iter=20,
)
space = {
    "eta": hp.loguniform("eta", -5, 0),  # EXPECT HP002 eta
    "max_depth": hp.choice("max_depth", [3, 5, 7]),  # EXPECT HP002 max_depth
}
model = CatBoostClassifier(depth=6, random_seed=7, iterations=500)  # EXPECT HP001 depth; HP001 random_seed; HP001 iterations
tuned = CatBoostClassifier(colsample_bylevel=0.8, border_count=254, od_wait=50)  # EXPECT HP001 colsample_bylevel; HP001 border_count; HP001 od_wait
model.grid_search({"depth": [4, 6, 8], "l2_leaf_reg": [1, 3]}, X_train, y_train)  # EXPECT HP002 depth; HP002 l2_leaf_reg

params = {"objective": "binary", "seed": 42, "alpha": 0.1}  # EXPECT HP001 seed; HP001 alpha
booster = lgb.train(params, lgb.Dataset(X_train, y_train), 2000,  # EXPECT HP001 num_boost_round
                    callbacks=[lgb.early_stopping(100), lgb.log_evaluation(50)])  # EXPECT HP001 early_stopping_rounds
cv = lgb.cv(params, lgb.Dataset(X_train, y_train), 500, callbacks=[lgb.early_stopping(stopping_rounds=5)])  # EXPECT HP001 num_boost_round; HP001 early_stopping_rounds
opts = {"seed": 3, "eval_metric": "auc"}  # EXPECT HP001 seed (a plain name, but it reaches xgb.train below)
bst = xgb.train(opts, dtrain, num_boost_round=300)  # EXPECT HP001 num_boost_round


def objective(trial):
    depth = trial.suggest_int(name="max_depth", low=3, high=9)  # EXPECT HP002 max_depth
    lr = trial.suggest_float(  # EXPECT HP002 learning_rate
        # a comment before the first argument used to hide the call
        "learning_rate", 0.01, 0.3, log=True)
    return depth, lr


def train(X, y, seed=42):  # EXPECT HP001 seed
    return xgb.XGBClassifier(random_state=seed).fit(X, y)


def plot(history, alpha=0.4):  # a plotting helper's alpha
    return history
