"""Nothing from the future reaches a feature, a label reaches only its horizon, and splits are gapped."""
import numpy as np
import pandas as pd
import pytest

from harness_fixtures import FIXTURES, STEP_5M, settings
from hpconf_training import data, features, labels
from hpconf_training.dataset import prepare

STEP = 5 * 60_000


@pytest.fixture(scope="module")
def candles():
    return data.read_candles(FIXTURES / "LINK_USDT-5m.csv.gz", STEP)


@pytest.mark.parametrize("cut", [400, 1500, 2999])
def test_features_use_past_candles_only(candles, cut):
    """Scramble every candle after `cut`: no feature at or before `cut` may change."""
    base = features.build("ohlcv_v1", candles)
    future = candles.copy()
    rng = np.random.default_rng(cut)
    later = future.index > cut
    for col in ("open", "high", "low", "close", "volume"):
        future.loc[later, col] = future.loc[later, col] * rng.uniform(0.5, 1.5, later.sum())
    after = features.build("ohlcv_v1", future)
    pd.testing.assert_frame_equal(base.iloc[: cut + 1], after.iloc[: cut + 1])


def test_label_reads_exactly_its_horizon(candles):
    h, thr = 12, 0.004
    y = labels.buy_label(candles["close"], h, thr)
    assert y.iloc[-h:].isna().all() and y.iloc[:-h].notna().all()
    t = 1000
    expected = float(candles["close"].iat[t + h] / candles["close"].iat[t] - 1 > thr)
    assert y.iat[t] == expected
    moved = candles["close"].copy()
    moved.iloc[t + h + 1:] *= 3  # beyond the horizon of row t
    moved.iloc[t + 1: t + h] *= 3  # inside the horizon, but not its end point
    assert labels.buy_label(moved, h, thr).iat[t] == expected


@pytest.mark.parametrize("n, gap", [(3000, 12), (10_000, 48), (500, 1)])
def test_split_is_time_ordered_with_a_gap_of_the_horizon(n, gap):
    s = labels.time_split(n, 0.15, 0.15, gap)
    assert s.train.start == 0 and s.test.stop <= n
    assert s.valid.start - (s.train.stop - 1) > gap  # the last train label reads close[train_end + gap] < valid start
    assert s.test.start - (s.valid.stop - 1) > gap
    assert len(s.valid) == len(s.test) and len(s.train) > len(s.valid)


def test_prepared_splits_never_see_across_a_boundary(candles):
    h = 12
    d = prepare(candles, STEP_5M, settings(horizon=h))
    r = d["ranges"]
    ts = pd.to_datetime(candles["date_utc"])
    step = pd.Timedelta(minutes=5)
    # The newest price a training label reads is before the first validation candle; likewise validation vs test.
    assert pd.Timestamp(r["train"]["end"]) + h * step < pd.Timestamp(r["valid"]["start"])
    assert pd.Timestamp(r["valid"]["end"]) + h * step < pd.Timestamp(r["test"]["start"])
    # No row of the last `h` (unlabelled) or of the warm-up reaches any split.
    assert pd.Timestamp(r["test"]["end"]) <= ts.iat[-1 - h]
    assert d["X_train"].shape[1] == len(d["columns"]) and not np.isnan(d["X_train"]).all(axis=0).any()


def test_too_little_data_is_a_clear_error():
    from hpconf import HpconfError

    with pytest.raises(HpconfError, match="too few to split"):
        labels.time_split(200, 0.15, 0.15, 12)
