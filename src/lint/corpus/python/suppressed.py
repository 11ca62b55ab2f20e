from xgboost import XGBClassifier

# A vendored reference implementation we do not own; kept as it is.
REFERENCE = XGBClassifier(max_depth=4, n_estimators=50)  # hpconf: ignore[HP001] frozen reference model from the 2023 paper, compared against, never trained
SMOKE = {"max_depth": 2}  # hpconf: ignore[HP001] smoke test fixture for CI only
# EXPECT-NEXT HP001 learning_rate; HP004 (a suppression without a reason does not apply)
QUICK = {"learning_rate": 0.5}  # hpconf: ignore[HP001]
OTHER = {"subsample": 0.5}  # hpconf: ignore[HP002] wrong rule named, so HP001 stays, and the suppression is unused  # EXPECT HP001 subsample; HP006
# EXPECT-NEXT HP005 (a typo in the rule id suppresses nothing, and the literal stays flagged); HP001 reg_lambda
LAMBDA_DEFAULT = {"reg_lambda": 0.1}  # hpconf: ignore[HP01] typo in the id
# A suppression where nothing is flagged any more (the value now comes from the store) is stale:
DEPTH_FROM_STORE = {"max_depth": r.resolve_int("xgb", "5m", "MAX_DEPTH")}  # hpconf: ignore[HP001] was a literal once  # EXPECT HP006
