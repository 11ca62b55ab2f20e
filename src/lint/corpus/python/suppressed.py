from xgboost import XGBClassifier

# A vendored reference implementation we do not own; kept as it is.
REFERENCE = XGBClassifier(max_depth=4, n_estimators=50)  # hpconf: ignore[HP001] frozen reference model from the 2023 paper, compared against, never trained
SMOKE = {"max_depth": 2}  # hpconf: ignore[HP001] smoke test fixture for CI only
# EXPECT-NEXT HP001 learning_rate; HP004 (a suppression without a reason does not apply)
QUICK = {"learning_rate": 0.5}  # hpconf: ignore[HP001]
OTHER = {"subsample": 0.5}  # hpconf: ignore[HP002] wrong rule named, so HP001 stays  # EXPECT HP001 subsample
