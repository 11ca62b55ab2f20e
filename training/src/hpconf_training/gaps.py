"""Missing candles (exchange maintenance, outages) and what a gap policy does about them.

Policies (catalog key CVN_DATA_GAP_POLICY):
- segment (default): the series is cut at every gap; features, labels and warm-up are computed per
  gap-free segment, so no feature window and no label horizon reads across a gap, and nothing is invented;
- flat_fill: freqtrade's fill (missing candles become flat candles at the previous close, volume 0); every row
  whose feature window or label horizon touches a filled candle is excluded, and filled rows are never rows;
- refuse: any gap is an error.
Whatever the policy, a gap longer than CVN_DATA_MAX_GAP_MINUTES is refused (a delisting or a broken download
is not maintenance).
"""
from __future__ import annotations

from typing import Any, Dict, List

import numpy as np
import pandas as pd

POLICIES = ("segment", "flat_fill", "refuse")


def find(df: pd.DataFrame, step_ms: int) -> List[Dict[str, Any]]:
    """Every gap: the last candle before it, the first after it, its length in minutes and in missing candles."""
    ts = df["timestamp_ms"].to_numpy(dtype=np.int64)
    d = np.diff(ts)
    out = []
    for i in np.flatnonzero(d != step_ms):
        out.append({"after": str(df["date_utc"].iat[i]), "resumes": str(df["date_utc"].iat[i + 1]),
                    "minutes": int(d[i] // 60_000), "missing_candles": int(d[i] // step_ms - 1), "row": int(i + 1)})
    return out


def describe(g: Dict[str, Any]) -> str:
    return f"{g['missing_candles']} candle(s) missing after {g['after']} (resumes {g['resumes']}, {g['minutes']} minutes)"


def problems(gaps: List[Dict[str, Any]], policy: str, max_gap_minutes: int) -> List[str]:
    """What the policy refuses, one line per gap, so a user sees every gap of a file at once."""
    if policy not in POLICIES:
        return [f"unknown gap policy {policy!r}; known: {', '.join(POLICIES)}"]
    if policy == "refuse":
        return [f"gap policy refuse: {describe(g)}" for g in gaps]
    return [f"gap longer than CVN_DATA_MAX_GAP_MINUTES={max_gap_minutes}: {describe(g)}" for g in gaps if g["minutes"] > max_gap_minutes]


def segment_ids(df: pd.DataFrame, step_ms: int) -> np.ndarray:
    """0 for the rows before the first gap, 1 after it, and so on."""
    d = np.diff(df["timestamp_ms"].to_numpy(dtype=np.int64))
    return np.r_[0, np.cumsum(d != step_ms)].astype(np.int64)


def flat_fill(df: pd.DataFrame, step_ms: int) -> tuple[pd.DataFrame, np.ndarray]:
    """freqtrade's fill: every missing candle is open = high = low = close = the previous close, volume 0.

    Returns the filled frame and a mask of the rows that were filled."""
    ts = df["timestamp_ms"].to_numpy(dtype=np.int64)
    grid = np.arange(ts[0], ts[-1] + step_ms, step_ms, dtype=np.int64)
    out = df.set_index("timestamp_ms").reindex(grid)
    filled = out["close"].isna().to_numpy()
    close = out["close"].ffill()
    for col in ("open", "high", "low"):
        out[col] = out[col].fillna(close)
    out["close"] = close
    out["volume"] = out["volume"].fillna(0.0)
    out.index.name = "timestamp_ms"
    out = out.reset_index()
    out["date_utc"] = pd.to_datetime(out["timestamp_ms"], unit="ms", utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out[df.columns], filled


def touches(filled: np.ndarray, back: int, ahead: int) -> np.ndarray:
    """True for row t when any filled row lies in [t - back, t + ahead]."""
    c = np.r_[0, np.cumsum(filled.astype(np.int64))]
    n = len(filled)
    idx = np.arange(n)
    lo = np.clip(idx - back, 0, n)
    hi = np.clip(idx + ahead + 1, 0, n)
    return (c[hi] - c[lo]) > 0


def summary(policy: str, gaps: List[Dict[str, Any]], rows_lost: int, duplicates_dropped: int = 0) -> Dict[str, Any]:
    longest = max(gaps, key=lambda g: g["minutes"]) if gaps else None
    return {
        "policy": policy, "gaps": len(gaps), "missing_candles": sum(g["missing_candles"] for g in gaps),
        "longest_minutes": longest["minutes"] if longest else 0, "longest_after": longest["after"] if longest else None,
        "rows_lost_to_gaps": int(rows_lost), "duplicates_dropped": int(duplicates_dropped),
        "list": [{k: g[k] for k in ("after", "resumes", "minutes", "missing_candles")} for g in gaps[:50]],
    }
