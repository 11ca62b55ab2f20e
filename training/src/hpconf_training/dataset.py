"""From candles to (X, y) arrays: features (past only), labels (future, `horizon` candles), the gap policy, and the
time-ordered split with purge gaps, so no label or feature sees across a split boundary or a gap in the data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict

import numpy as np
import pandas as pd

from hpconf.errors import HpconfError

from . import features, gaps, labels, regime


@dataclass(frozen=True)
class Settings:
    feature_set: str
    horizon: int
    label_method: str
    threshold: float
    vol_k: float
    vol_window: int
    valid_fraction: float
    test_fraction: float
    gap_policy: str
    max_gap_minutes: int
    regime_alpha: float = 0.0
    regime_window: int = 288

    @staticmethod
    def from_globals(g: Dict[str, Any]) -> "Settings":
        return Settings(g["CVN_FEATURE_SET"], g["CVN_LABEL_HORIZON_BARS"], g["CVN_LABEL_METHOD"], g["CVN_LABEL_THRESHOLD"],
                        g["CVN_LABEL_VOL_K"], g["CVN_LABEL_VOL_WINDOW"], g["CVN_SPLIT_VALID_FRACTION"], g["CVN_SPLIT_TEST_FRACTION"],
                        g["CVN_DATA_GAP_POLICY"], g["CVN_DATA_MAX_GAP_MINUTES"], g["CVN_REGIME_WEIGHT_ALPHA"], g["CVN_REGIME_WEIGHT_WINDOW"])


def _frame(df: pd.DataFrame, s: Settings) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    X = features.build(s.feature_set, df)
    y = labels.make_label(s.label_method, df["close"].astype(float), s.horizon, s.threshold, s.vol_k, s.vol_window)
    return X, y, regime.weights(df["close"], s.regime_alpha, s.regime_window)


def _usable(X: pd.DataFrame, y: pd.Series) -> np.ndarray:
    """Rows from the first one with every feature defined (warm-up) on, whose label is defined."""
    complete = X.notna().all(axis=1).to_numpy()
    ok = np.zeros(len(X), dtype=bool)
    if complete.any():
        ok[int(np.argmax(complete)):] = True
    return ok & y.notna().to_numpy()


def rows(df: pd.DataFrame, step_ms: int, s: Settings, where: str = "(data)") -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, Dict[str, Any]]:
    """Usable rows under the gap policy: (features, labels, their candles with each row's regime weight, what the policy did)."""
    found = gaps.find(df, step_ms)
    bad = gaps.problems(found, s.gap_policy, s.max_gap_minutes)
    if bad:
        raise HpconfError("HPC_DATA_INVALID", {"path": where, "details": f"{len(bad)} gap problem(s): " + "; ".join(bad)})
    X, y, w = _frame(df, s)  # as if there were no gap: the baseline of what is lost to gaps
    kept_if_whole = int(_usable(X, y).sum())
    if not found:
        keep = _usable(X, y)
        return X[keep], y[keep], df[keep].assign(regime_weight=w[keep].to_numpy()), gaps.summary(s.gap_policy, found, 0, df.attrs.get("duplicates_dropped", 0))
    if s.gap_policy == "segment":
        seg = gaps.segment_ids(df, step_ms)
        parts = []
        for sid in np.unique(seg):
            part = df[seg == sid]
            Xs, ys, ws = _frame(part, s)  # the regime's volatility, like every feature, restarts after a gap
            keep = _usable(Xs, ys)
            parts.append((Xs[keep], ys[keep], part[keep].assign(regime_weight=ws[keep].to_numpy())))
        X, y, frame = (pd.concat([p[i] for p in parts]) for i in range(3))
    else:  # flat_fill
        filled_df, filled = gaps.flat_fill(df, step_ms)
        Xf, yf, wf = _frame(filled_df, s)
        back = max(features.LOOKBACK[s.feature_set], labels.label_lookback(s.label_method, s.horizon, s.vol_window),
                   s.regime_window if s.regime_alpha else 0)
        keep = _usable(Xf, yf) & ~gaps.touches(filled, back, s.horizon)
        X, y, frame = Xf[keep], yf[keep], filled_df[keep].assign(regime_weight=wf[keep].to_numpy())
    return X, y, frame, gaps.summary(s.gap_policy, found, max(0, kept_if_whole - len(X)), df.attrs.get("duplicates_dropped", 0))


def prepare(df: pd.DataFrame, step_ms: int, s: Settings, where: str = "(data)") -> Dict[str, Any]:
    """Features, labels and the gapped time split, as arrays, with what each part holds."""
    X, y, frame, gap_summary = rows(df, step_ms, s, where)
    sp = labels.time_split(len(X), s.valid_fraction, s.test_fraction, gap=s.horizon)
    out: Dict[str, Any] = {"columns": list(X.columns), "split": sp, "ranges": {}, "gaps": gap_summary}
    for part, r in sp.as_dict().items():
        out[f"X_{part}"] = X.iloc[r.start:r.stop].to_numpy(dtype=np.float32)
        out[f"y_{part}"] = y.iloc[r.start:r.stop].to_numpy(dtype=np.int32)
        if part == "train":  # regime weights weigh training rows only; None when off (every row weighs 1)
            out["w_train"] = frame["regime_weight"].iloc[r.start:r.stop].to_numpy(dtype=np.float64) if s.regime_alpha else None
        out["ranges"][part] = {"rows": len(r), "start": frame["date_utc"].iat[r.start], "end": frame["date_utc"].iat[r.stop - 1],
                               "positive_rate": float(out[f"y_{part}"].mean())}
    out["ranges"]["gap_bars"] = s.horizon
    return out
