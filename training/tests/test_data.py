import gzip
import shutil

import numpy as np
import pandas as pd
import pytest

from harness_fixtures import FIXTURES
from hpconf import HpconfError
from hpconf_training import data

STEP = 5 * 60_000


def test_reads_the_gzip_fixture_and_plain_csv(tmp_path):
    df = data.read_candles(FIXTURES / "UNI_USDT-5m.csv.gz", STEP)
    assert len(df) == 3000 and list(df.columns) == data.COLUMNS
    plain = tmp_path / "UNI_USDT-5m.csv"
    with gzip.open(FIXTURES / "UNI_USDT-5m.csv.gz") as src, open(plain, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert data.read_candles(plain, STEP).equals(df)
    loaded, source = data.load(tmp_path, "UNI", "USDT", "5m")
    assert source.endswith("UNI_USDT-5m.csv") and len(loaded) == 3000


def test_30m_is_resampled_from_5m():
    df, source = data.load(FIXTURES, "AAVE", "USDT", "30m")
    assert "resampled to 30m" in source
    five = data.read_candles(FIXTURES / "AAVE_USDT-5m.csv.gz", STEP)
    first = five[five["timestamp_ms"] >= df["timestamp_ms"].iat[0]].iloc[:6]
    row = df.iloc[0]
    assert row["open"] == first["open"].iat[0] and row["close"] == first["close"].iat[-1]
    assert row["high"] == first["high"].max() and row["low"] == first["low"].min()
    assert row["volume"] == pytest.approx(first["volume"].sum())
    assert (np.diff(df["timestamp_ms"]) == 30 * 60_000).all()
    assert (df["timestamp_ms"] % (30 * 60_000) == 0).all()


def write(tmp_path, df, name="BAD_USDT-5m.csv"):
    p = tmp_path / name
    df.to_csv(p, index=False)
    return p


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.drop(columns="volume"), "header is timestamp_ms,date_utc,open,high,low,close; expected"),
    (lambda d: pd.concat([d.iloc[:50], d.iloc[49:50].assign(close=d["close"].iat[49] * 1.01), d.iloc[50:]]), "two different candles open at"),
    (lambda d: d.iloc[::-1], "rows out of order: data row 2"),
    (lambda d: d.assign(close=d["close"].astype(object).where(d.index != 10, "x")), "column close has a missing or non-numeric value at data row 11"),
    (lambda d: d.assign(high=d["high"].where(d.index != 7, d["low"] / 2)), "data row 8"),
    (lambda d: d.iloc[:0], "no rows"),
])
def test_a_bad_file_says_what_is_wrong(tmp_path, mutate, message):
    good = data.read_candles(FIXTURES / "MKR_USDT-5m.csv.gz", STEP)
    p = write(tmp_path, mutate(good))
    with pytest.raises(HpconfError) as e:
        data.read_candles(p, STEP)
    assert e.value.code == "HPC_DATA_INVALID"
    assert str(p) in e.value.message and message in e.value.message, e.value.message


def test_a_gap_is_not_a_file_error_and_30m_bars_cut_by_a_gap_are_missing_not_partial(tmp_path):
    """Gaps are the gap policy's business (test_gaps.py); resampling never builds a bar from part of its candles."""
    good = data.read_candles(FIXTURES / "MKR_USDT-5m.csv.gz", STEP)
    p = write(tmp_path, good.drop(index=range(100, 103)), "MKR_USDT-5m.csv")
    assert len(data.read_candles(p, STEP)) == len(good) - 3
    thirty, _ = data.load(tmp_path, "MKR", "USDT", "30m")
    lost = good["timestamp_ms"].iloc[100:103] // (30 * 60_000) * (30 * 60_000)
    assert not set(lost) & set(thirty["timestamp_ms"])  # the bar(s) that lost candles are absent
    whole, _ = data.load(FIXTURES, "MKR", "USDT", "30m")
    assert 1 <= len(whole) - len(thirty) <= 2


def test_exact_copies_of_rows_are_dropped_and_counted(tmp_path):
    good = data.read_candles(FIXTURES / "MKR_USDT-5m.csv.gz", STEP)
    p = write(tmp_path, pd.concat([good.iloc[:50], good.iloc[49:52], good.iloc[50:]]), "MKR_USDT-5m.csv")
    df = data.read_candles(p, STEP)
    assert df.equals(good) and df.attrs["duplicates_dropped"] == 3


def test_missing_file_is_named(tmp_path):
    with pytest.raises(HpconfError, match="NOPE_USDT-5m.csv.gz: no such file"):
        data.load(tmp_path, "NOPE", "USDT", "5m")
