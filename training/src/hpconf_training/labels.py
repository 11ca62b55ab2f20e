"""The 'buy' label and the time-ordered split with gaps, so no label or feature sees across a boundary."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

import numpy as np
import pandas as pd

from hpconf.errors import HpconfError


def buy_label(close: pd.Series, horizon: int, threshold: float) -> pd.Series:
    """1 when close[t + horizon] / close[t] - 1 > threshold; NaN for the last `horizon` rows (no future yet)."""
    fwd = close.shift(-horizon) / close - 1
    return (fwd > threshold).astype(float).where(fwd.notna())


def vol_scaled_label(close: pd.Series, horizon: int, k: float, window: int) -> pd.Series:
    """1 when the forward return beats k x the rolling standard deviation of past horizon returns.

    sigma[t] is the std of close[s] / close[s - horizon] - 1 for s in (t - window, t]: past candles only, so
    the threshold at t is known at t. NaN where sigma is not yet defined or the future is not yet known.
    """
    fwd = close.shift(-horizon) / close - 1
    past = close / close.shift(horizon) - 1
    sigma = past.rolling(window).std()
    return (fwd > k * sigma).astype(float).where(fwd.notna() & sigma.notna())


def label_lookback(method: str, horizon: int, window: int) -> int:
    """How many candles before t a label at t reads (0 for the fixed threshold)."""
    return window + horizon - 1 if method == "vol_scaled" else 0


def make_label(method: str, close: pd.Series, horizon: int, threshold: float, k: float, window: int) -> pd.Series:
    if method == "fixed":
        return buy_label(close, horizon, threshold)
    if method == "vol_scaled":
        return vol_scaled_label(close, horizon, k, window)
    raise HpconfError("HPC_USAGE", {"details": f"unknown label method {method!r}; known: fixed, vol_scaled"})


def definition(method: str, horizon: int, threshold: float, k: float, window: int) -> str:
    if method == "vol_scaled":
        return (f"buy = close[t + {horizon}] / close[t] - 1 > {k} x std over the last {window} candles of "
                f"close[s] / close[s - {horizon}] - 1 (past only)")
    return f"buy = close[t + {horizon}] / close[t] - 1 > {threshold}"


@dataclass(frozen=True)
class Split:
    """Row index ranges [start, end) of the usable rows, each part separated from the next by `gap` rows."""
    train: range
    valid: range
    test: range
    gap: int

    def as_dict(self) -> Dict[str, range]:
        return {"train": self.train, "valid": self.valid, "test": self.test}


def time_split(n: int, valid_fraction: float, test_fraction: float, gap: int) -> Split:
    """Oldest rows train, then validation, then test (the latest); `gap` rows dropped between parts.

    With gap >= label horizon, a train label (which reads close[t + horizon]) never reads a price
    inside the validation period, and likewise validation vs test.
    """
    usable = n - 2 * gap
    n_test = int(usable * test_fraction)
    n_valid = int(usable * valid_fraction)
    n_train = usable - n_test - n_valid
    if min(n_train, n_valid, n_test) < 50:
        raise HpconfError("HPC_DATA_INVALID", {"path": "(split)", "details": f"{n} labelled rows are too few to split "
                                                f"{1 - valid_fraction - test_fraction:.2f}/{valid_fraction}/{test_fraction} with gaps of {gap}"})
    train = range(0, n_train)
    valid = range(n_train + gap, n_train + gap + n_valid)
    test = range(valid.stop + gap, valid.stop + gap + n_test)
    return Split(train, valid, test, gap)
