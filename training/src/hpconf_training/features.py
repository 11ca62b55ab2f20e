"""Feature sets, versioned by name (catalog key CVN_FEATURE_SET). Every feature at row t uses candles <= t only.

The windows below define the feature set itself: changing one is a new version (ohlcv_v2), not an edit,
so a run's manifest names exactly what the model saw.
"""
from __future__ import annotations

from typing import Callable, Dict

import numpy as np
import pandas as pd


def ohlcv_v1(df: pd.DataFrame) -> pd.DataFrame:
    c, o, h, lo, v = (df[k].astype(float) for k in ("close", "open", "high", "low", "volume"))
    logc = np.log(c)
    r1 = logc.diff()
    f: Dict[str, pd.Series] = {}
    for w in (1, 3, 6, 12, 24, 48, 96):
        f[f"ret_{w}"] = logc.diff(w)
    for w in (12, 48, 288):
        f[f"vol_{w}"] = r1.rolling(w).std()
        f[f"dist_sma_{w}"] = c / c.rolling(w).mean() - 1
    f["range_hl"] = (h - lo) / c
    f["body"] = (c - o) / o
    f["upper_wick"] = (h - np.maximum(o, c)) / c
    f["lower_wick"] = (np.minimum(o, c) - lo) / c
    logv = np.log1p(v)
    f["vol_z_48"] = (logv - logv.rolling(48).mean()) / logv.rolling(48).std()
    f["vol_chg_12"] = logv.diff(12)
    up = r1.clip(lower=0).rolling(14).sum()
    f["up_share_14"] = up / r1.abs().rolling(14).sum()
    f["pos_in_range_48"] = (c - lo.rolling(48).min()) / (h.rolling(48).max() - lo.rolling(48).min())
    minutes = (df["timestamp_ms"] // 60_000) % 1440
    f["tod_sin"] = np.sin(2 * np.pi * minutes / 1440)
    f["tod_cos"] = np.cos(2 * np.pi * minutes / 1440)
    out = pd.DataFrame(f).replace([np.inf, -np.inf], np.nan)
    return out


FEATURE_SETS: Dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {"ohlcv_v1": ohlcv_v1}
# How many candles before t a feature at t reads (its longest window); the gap policies need it, and a test
# checks it against the first complete row of each set.
LOOKBACK: Dict[str, int] = {"ohlcv_v1": 288}


def build(name: str, df: pd.DataFrame) -> pd.DataFrame:
    return FEATURE_SETS[name](df)
