"""OHLCV candles as freqtrade downloads them: `timestamp_ms,date_utc,open,high,low,close,volume`, gzip or plain."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from hpconf.errors import HpconfError

COLUMNS = ["timestamp_ms", "date_utc", "open", "high", "low", "close", "volume"]


def interval_ms(timeframe: str) -> int:
    m = re.fullmatch(r"([0-9]+)([mhd])", timeframe.lower())
    if not m:
        raise HpconfError("HPC_USAGE", {"details": f"timeframe {timeframe!r} is not like 5m, 1h or 1d"})
    return int(m.group(1)) * {"m": 60_000, "h": 3_600_000, "d": 86_400_000}[m.group(2)]


def _bad(path: Path, details: str) -> HpconfError:
    return HpconfError("HPC_DATA_INVALID", {"path": str(path), "details": details})


def read_candles(path: Path, step_ms: int) -> pd.DataFrame:
    """Read and check one file: header, numbers, strict time order, aligned open times, consistent high/low.

    Gaps are allowed here; what to do about them is the gap policy's business (gaps.py)."""
    try:
        df = pd.read_csv(path, compression="infer")
    except Exception as e:  # noqa: BLE001 - any parse failure is a bad file, said plainly
        raise _bad(path, f"cannot read as CSV: {e}") from e
    if list(df.columns) != COLUMNS:
        raise _bad(path, f"header is {','.join(map(str, df.columns))}; expected {','.join(COLUMNS)}")
    if df.empty:
        raise _bad(path, "no rows")
    for col in ["timestamp_ms", "open", "high", "low", "close", "volume"]:
        if not pd.api.types.is_numeric_dtype(df[col]) or df[col].isna().any():
            bad_row = int(pd.to_numeric(df[col], errors="coerce").isna().to_numpy().argmax())
            raise _bad(path, f"column {col} has a missing or non-numeric value at data row {bad_row + 1}")
    # An exact copy of a row (a download appended twice) is dropped and counted, as freqtrade does; two different
    # candles for one open time, or rows out of order, are errors: which one is right cannot be known.
    dup = df.duplicated(keep="first").to_numpy()
    dropped = int(dup.sum())
    if dropped:
        df = df[~dup].reset_index(drop=True)
    ts = df["timestamp_ms"].to_numpy(dtype=np.int64)
    d = np.diff(ts)
    if (d == 0).any():
        i = int(np.argmax(d == 0))
        raise _bad(path, f"two different candles open at {df['date_utc'].iat[i]} (data rows {i + 1} and {i + 2} after dropping {dropped} exact copies)")
    if (d < 0).any():
        i = int(np.argmax(d < 0))
        raise _bad(path, f"rows out of order: data row {i + 2} ({df['date_utc'].iat[i + 1]}) is not after row {i + 1} ({df['date_utc'].iat[i]})")
    if (ts % step_ms != 0).any():
        raise _bad(path, f"candle open times are not aligned to {step_ms // 60000} minutes")
    prices = df[["open", "high", "low", "close"]].to_numpy()
    if (prices <= 0).any() or (df["volume"].to_numpy() < 0).any():
        raise _bad(path, "non-positive price or negative volume")
    bad = (df["high"] < df[["open", "close"]].max(axis=1)) | (df["low"] > df[["open", "close"]].min(axis=1))
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise _bad(path, f"data row {i + 1} ({df['date_utc'].iat[i]}): high/low do not bracket open/close")
    out = df.reset_index(drop=True)
    out.attrs["duplicates_dropped"] = dropped
    return out


def resample(df: pd.DataFrame, src_step: int, step_ms: int) -> pd.DataFrame:
    """Aggregate to a coarser interval: first open, max high, min low, last close, summed volume; only complete
    groups, so a bar that a gap cut short is itself missing (a gap in the coarser series), never a partial bar."""
    per = step_ms // src_step
    key = df["timestamp_ms"] // step_ms * step_ms
    g = df.groupby(key, sort=True)
    out = pd.DataFrame({
        "timestamp_ms": g["timestamp_ms"].first().index.astype(np.int64),
        "open": g["open"].first().to_numpy(), "high": g["high"].max().to_numpy(), "low": g["low"].min().to_numpy(),
        "close": g["close"].last().to_numpy(), "volume": g["volume"].sum().to_numpy(), "n": g.size().to_numpy(),
    })
    out = out[out["n"] == per].drop(columns="n").reset_index(drop=True)
    out.insert(1, "date_utc", pd.to_datetime(out["timestamp_ms"], unit="ms", utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return out


def find_file(data_dir: Path, token: str, quote: str, timeframe: str) -> Optional[Path]:
    for ext in (".csv.gz", ".csv"):
        p = data_dir / f"{token}_{quote}-{timeframe.lower()}{ext}"
        if p.exists():
            return p
    return None


def load(data_dir: Path, token: str, quote: str, timeframe: str) -> tuple[pd.DataFrame, str]:
    """Candles for a token and timeframe; 30m (or any multiple) is built from 5m when its own file is absent."""
    step = interval_ms(timeframe)
    p = find_file(data_dir, token, quote, timeframe)
    if p is not None:
        return read_candles(p, step), str(p)
    for base in ("5m", "1m"):
        src = find_file(data_dir, token, quote, base)
        if src is not None and step % interval_ms(base) == 0:
            return resample(read_candles(src, interval_ms(base)), interval_ms(base), step), f"{src} resampled to {timeframe.lower()}"
    raise HpconfError("HPC_DATA_INVALID", {"path": str(data_dir / f"{token}_{quote}-{timeframe.lower()}.csv.gz"),
                                           "details": "no such file (nor a finer series to resample)"})
