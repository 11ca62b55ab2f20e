"""Legacy harness settings (before hpconf), written for the parity test of `hpconf baseline extract`."""

EARLY_STOPPING_ROUNDS = 150
HPO_OBJECTIVE = 'f1_buy'
THRESHOLD_METHOD = 'max_f1'
N_TRIALS = 20
LABEL_HORIZON_BARS = 12
LABEL_THRESHOLD = 0.004
SPLIT_VALID_FRACTION = 0.15
SPLIT_TEST_FRACTION = 0.15
FEATURE_SET = 'ohlcv_v1'
