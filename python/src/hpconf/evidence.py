"""The evidence ``hpconf ftf promote`` weighs, for any trained classifier of buy: test F1 and PR-AUC margins with 95 %
intervals from a moving-block bootstrap over the test rows (needs numpy, which ``hpconf[optuna]`` brings).

``skill`` measures a model against trivial baselines (always buy; the positive rate); ``versus`` measures the best
trial against the stored defaults, paired: both scored on the same resampled rows. The training harness scores its
own studies with these same functions, so a team's own Optuna code and ``hpconf ftf run`` give comparable figures.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Dict, Iterator, List

from .errors import HpconfError

try:
    import numpy as np
except ImportError as e:  # numpy comes with the optuna extra: say so, not a bare ImportError
    raise HpconfError("HPC_EXTRA_MISSING", {"feature": "hpconf.evidence", "extra": "optuna", "module": "numpy"}) from e

AveragePrecision = Callable[[np.ndarray, np.ndarray], float]


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the precision-recall curve as scikit-learn's average_precision_score computes it (a step function
    over the distinct scores, highest first); 0 when y holds one class only."""
    y = np.asarray(y)
    pos = int(y.sum())
    if pos == 0 or pos == len(y):
        return 0.0
    order = np.argsort(-np.asarray(p), kind="mergesort")
    ps, ys = np.asarray(p)[order], y[order]
    cut = np.r_[np.flatnonzero(np.diff(ps)), len(ps) - 1]  # the last row of each distinct score
    tps = np.cumsum(ys)[cut].astype(float)
    precision = tps / (cut + 1)
    recall = tps / pos
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def block_length(n: int, horizon: int) -> int:
    """Moving-block length: at least the label horizon (labels of neighbouring rows share future candles), and at
    least sqrt(n), because volatility, and with it the buy rate, clusters for far longer than one horizon."""
    return int(min(n, max(horizon, math.ceil(math.sqrt(n)))))


def resamples(n: int, horizon: int, seed: int, count: int) -> Iterator[np.ndarray]:
    """Moving-block bootstrap index matrices over n rows, in chunks of 100 resamples (a small matrix on long splits)."""
    b = block_length(n, horizon)
    rng = np.random.default_rng(seed)
    nblocks = math.ceil(n / b)
    for lo in range(0, count, 100):
        k = min(100, count - lo)
        starts = rng.integers(0, n - b + 1, size=(k, nblocks))
        yield (starts[:, :, None] + np.arange(b)).reshape(k, -1)[:, :n]


def f1_rows(yb: np.ndarray, pb: np.ndarray) -> np.ndarray:
    """F1 on buy of each row of (labels, predictions) matrices."""
    tp = (yb & pb).sum(axis=-1).astype(float)
    fp = ((1 - yb) & pb).sum(axis=-1)
    fn = (yb & (1 - pb)).sum(axis=-1)
    denom = 2 * tp + fp + fn
    out: np.ndarray = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    return out


def interval(point: float, xs: np.ndarray) -> Dict[str, float]:
    return {"value": point, "lo": float(np.quantile(xs, 0.025)), "hi": float(np.quantile(xs, 0.975))}


def skill(y: np.ndarray, p: np.ndarray, threshold: float, horizon: int, *, seed: int, resamples_: int = 1000,
          ap: AveragePrecision = average_precision) -> Dict[str, Any]:
    """Test F1 minus the always-buy F1, and PR-AUC minus the positive rate, each with a 95 % interval from a
    moving-block bootstrap over the test rows (the threshold stays the one chosen on validation).

    A model has skill when both lower bounds are above 0: it beats predicting buy everywhere, and ranks buys above
    non-buys better than chance, and neither is an accident of which days fell in the test split."""
    pred = (p >= threshold).astype(np.int8)
    y8 = np.asarray(y).astype(np.int8)

    def f1_margin(yb: np.ndarray, pb: np.ndarray) -> np.ndarray:
        pos = yb.mean(axis=-1)
        m: np.ndarray = f1_rows(yb, pb) - 2 * pos / (1 + pos)
        return m

    f1s: List[np.ndarray] = []
    aps: List[float] = []
    for idx in resamples(len(y8), horizon, seed, resamples_):
        f1s.append(f1_margin(y8[idx], pred[idx]))
        aps.extend(ap(y8[i], p[i]) - float(y8[i].mean()) for i in idx)
    f1m = interval(float(f1_margin(y8[None, :], pred[None, :])[0]), np.concatenate(f1s))
    apm = interval(ap(y8, p) - float(y8.mean()), np.asarray(aps))
    return {"method": "moving-block bootstrap", "block": block_length(len(y8), horizon), "resamples": resamples_, "seed": seed,
            "f1_margin": f1m, "pr_auc_margin": apm, "has_skill": bool(f1m["lo"] > 0 and apm["lo"] > 0)}


def versus(y: np.ndarray, p: np.ndarray, threshold: float, p_ref: np.ndarray, threshold_ref: float, horizon: int, *,
           seed: int, resamples_: int = 1000, ap: AveragePrecision = average_precision) -> Dict[str, Any]:
    """One model's test F1 and PR-AUC minus a reference model's (the best trial vs the stored defaults), each with a
    95 % interval from a paired moving-block bootstrap: both models are scored on the same resampled rows, so the
    interval is of the difference itself, not of two separate figures. Each keeps its own validation threshold."""
    y8 = np.asarray(y).astype(np.int8)
    a, b = (p >= threshold).astype(np.int8), (p_ref >= threshold_ref).astype(np.int8)
    f1s: List[np.ndarray] = []
    aps: List[float] = []
    for idx in resamples(len(y8), horizon, seed, resamples_):
        f1s.append(f1_rows(y8[idx], a[idx]) - f1_rows(y8[idx], b[idx]))
        aps.extend(ap(y8[i], p[i]) - ap(y8[i], p_ref[i]) for i in idx)
    f1 = interval(float(f1_rows(y8[None, :], a[None, :])[0] - f1_rows(y8[None, :], b[None, :])[0]), np.concatenate(f1s))
    apv = interval(ap(y8, p) - ap(y8, p_ref), np.asarray(aps))
    return {"method": "paired moving-block bootstrap", "block": block_length(len(y8), horizon), "resamples": resamples_, "seed": seed,
            "f1": f1, "pr_auc": apv}
