"""Gap policies on real candles with exchange-style outages: no feature window and no label horizon reads across
a gap, nothing is invented, and what the policy did is counted."""
import numpy as np
import pandas as pd
import pytest

from harness_fixtures import FIXTURES, GAP_FIXTURES, STEP_5M, settings
from hpconf import HpconfError
from hpconf_training import data, dataset, features, gaps, labels
from hpconf_training.preflight import check

H = 12


@pytest.fixture(scope="module")
def whole():
    return data.read_candles(FIXTURES / "UNI_USDT-5m.csv.gz", STEP_5M)


@pytest.fixture(scope="module")
def holed():
    return data.read_candles(GAP_FIXTURES / "UNI_USDT-5m.csv.gz", STEP_5M)


def test_gaps_are_found_with_where_and_how_long(holed):
    found = gaps.find(holed, STEP_5M)
    assert [g["missing_candles"] for g in found] == [1, 12, 56, 3]
    longest = found[2]
    assert longest["minutes"] == 57 * 5 and longest["after"] < longest["resumes"]
    assert pd.Timestamp(longest["resumes"]) - pd.Timestamp(longest["after"]) == pd.Timedelta(minutes=285)


def test_refuse_lists_every_gap_and_a_gap_beyond_the_limit_is_refused_by_any_policy(holed):
    with pytest.raises(HpconfError) as e:
        dataset.prepare(holed, STEP_5M, settings(gap_policy="refuse"), "UNI file")
    assert e.value.code == "HPC_DATA_INVALID" and "4 gap problem(s)" in e.value.message and "UNI file" in e.value.message
    for policy in ("segment", "flat_fill"):
        with pytest.raises(HpconfError) as e:
            dataset.prepare(holed, STEP_5M, settings(gap_policy=policy, max_gap_minutes=120))
        assert "1 gap problem(s): gap longer than CVN_DATA_MAX_GAP_MINUTES=120: 56 candle(s) missing after" in e.value.message
        assert "285 minutes" in e.value.message


def _ok_windows(rows_ts, present, back, ahead):
    """For each row time, are all candles from back candles before to ahead candles after it present?"""
    have = set(present.tolist())
    return [all(t + k * STEP_5M in have for k in range(-back, ahead + 1)) for t in rows_ts]


@pytest.mark.parametrize("policy", ["segment", "flat_fill"])
@pytest.mark.parametrize("method", ["fixed", "vol_scaled"])
def test_no_kept_row_reads_across_a_gap(holed, policy, method):
    s = settings(gap_policy=policy, label_method=method, vol_window=48)
    X, y, frame, summary = dataset.rows(holed, STEP_5M, s)
    back = max(features.LOOKBACK["ohlcv_v1"], labels.label_lookback(method, H, 48))
    assert all(_ok_windows(frame["timestamp_ms"].to_numpy(), holed["timestamp_ms"].to_numpy(), back, H))
    assert set(frame["timestamp_ms"]) <= set(holed["timestamp_ms"])  # no filled candle is ever a row
    assert summary["policy"] == policy and summary["gaps"] == 4 and summary["missing_candles"] == 72
    assert summary["longest_minutes"] == 285 and summary["rows_lost_to_gaps"] > 0


@pytest.mark.parametrize("policy", ["segment", "flat_fill"])
def test_poison_on_one_side_of_a_gap_never_reaches_the_other(holed, policy):
    """Scramble every candle before the 56-candle gap: rows after it keep their features and labels, and rows
    before it keep theirs when everything after is scrambled. Nothing is learnt across the outage."""
    s = settings(gap_policy=policy)
    X, y, frame, _ = dataset.rows(holed, STEP_5M, s)
    cut = gaps.find(holed, STEP_5M)[2]["row"]  # first candle after the gap
    rng = np.random.default_rng(7)

    def scramble(mask):
        bad = holed.copy()
        f = rng.uniform(0.3, 3.0, mask.sum())
        for col in ("open", "high", "low", "close"):
            bad.loc[mask, col] = bad.loc[mask, col] * f
        bad.loc[mask, "volume"] = bad.loc[mask, "volume"] * rng.uniform(0, 5, mask.sum())
        return bad

    before = holed.index < cut
    for poisoned, clean_side in ((scramble(before), lambda ts: ts >= holed["timestamp_ms"].iat[cut]),
                                 (scramble(~before), lambda ts: ts < holed["timestamp_ms"].iat[cut])):
        X2, y2, frame2, _ = dataset.rows(poisoned, STEP_5M, s)
        keep = clean_side(frame["timestamp_ms"]).to_numpy()
        keep2 = clean_side(frame2["timestamp_ms"]).to_numpy()
        assert keep.sum() > 100
        assert frame["timestamp_ms"][keep].tolist() == frame2["timestamp_ms"][keep2].tolist()
        pd.testing.assert_frame_equal(X[keep].reset_index(drop=True), X2[keep2].reset_index(drop=True))
        assert y[keep].tolist() == y2[keep2].tolist()


def test_flat_fill_is_freqtrades_fill(holed):
    filled_df, filled = gaps.flat_fill(holed, STEP_5M)
    assert filled.sum() == 72 and len(filled_df) == len(holed) + 72
    assert (np.diff(filled_df["timestamp_ms"]) == STEP_5M).all()
    f = filled_df[filled]
    assert (f["volume"] == 0).all() and (f["open"] == f["close"]).all() and (f["high"] == f["low"]).all()
    first = np.flatnonzero(filled)[0]
    assert filled_df["close"].iat[first] == filled_df["close"].iat[first - 1]  # the previous close carried


def test_without_gaps_every_policy_gives_the_rows_of_the_whole_series(whole):
    a = dataset.rows(whole, STEP_5M, settings(gap_policy="segment"))
    b = dataset.rows(whole, STEP_5M, settings(gap_policy="refuse"))
    c = dataset.rows(whole, STEP_5M, settings(gap_policy="flat_fill"))
    for other in (b, c):
        pd.testing.assert_frame_equal(a[0], other[0])
    assert a[3]["gaps"] == 0 and a[3]["rows_lost_to_gaps"] == 0


def test_lookback_is_the_first_complete_row_of_each_feature_set(whole):
    for name, build in features.FEATURE_SETS.items():
        complete = build(whole).notna().all(axis=1).to_numpy()
        assert int(np.argmax(complete)) == features.LOOKBACK[name], name


def test_vol_scaled_label_uses_past_volatility_only(whole):
    c = whole["close"].astype(float)
    y = labels.vol_scaled_label(c, H, 0.5, 48)
    t = 1000
    past = (c / c.shift(H) - 1).iloc[t - 47: t + 1]
    assert y.iat[t] == float(c.iat[t + H] / c.iat[t] - 1 > 0.5 * past.std())
    assert y.iloc[: 48 + H - 1].isna().all() and y.iloc[-H:].isna().all()
    moved = c.copy()
    moved.iloc[t + 1: t + H] *= 2  # inside the horizon (not its end) and nothing of the past
    assert labels.vol_scaled_label(moved, H, 0.5, 48).iat[t] == y.iat[t]
    assert 0.2 < y.mean() < 0.45  # k = 0.5 sigma: a buy is a move half a typical move up


def test_preflight_reads_every_file_and_reports_every_problem_at_once(tmp_path):
    ok = check(GAP_FIXTURES, ["UNI", "AAVE", "LINK", "MKR", "CRV"], "USDT", "5m", settings())
    assert [r["token"] for r in ok] == ["UNI", "AAVE", "LINK", "MKR", "CRV"]
    assert all(r["gaps"]["gaps"] == 4 and r["gaps"]["longest_minutes"] == 285 for r in ok)
    with pytest.raises(HpconfError) as e:
        check(GAP_FIXTURES, ["UNI", "NOPE", "AAVE"], "USDT", "5m", settings(max_gap_minutes=60))
    msg = e.value.message
    assert "3 of 3 token(s) cannot be trained on" in msg
    assert "UNI: " in msg and "NOPE: " in msg and "no such file" in msg and "AAVE: " in msg and "CVN_DATA_MAX_GAP_MINUTES=60" in msg
