"""Volatility-regime sample weights (catalog keys CVN_REGIME_WEIGHT_ALPHA, CVN_REGIME_WEIGHT_WINDOW).

weight[t] = (sigma[t] / median(sigma[..t])) ^ alpha, clipped to [0.1, 10]; sigma[t] is the standard deviation of
the 1-candle log returns over the last `window` candles up to t. Every input is at or before t, so the weight of a
row is known when the row is (a test shuffles the future and checks no weight moves). Where sigma is not yet
defined (the first `window` candles) the weight is 1. alpha = 0: every weight is exactly 1.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

CLIP = (0.1, 10.0)


def weights(close: pd.Series, alpha: float, window: int) -> pd.Series:
    if alpha == 0:
        return pd.Series(1.0, index=close.index)
    r1 = np.log(close.astype(float)).diff()
    sigma = r1.rolling(window).std()
    ref = sigma.expanding().median()  # the median of every sigma so far: past only, no global normalisation
    w = (sigma / ref) ** alpha
    return w.clip(*CLIP).where(sigma.notna() & (ref > 0), 1.0).fillna(1.0)
