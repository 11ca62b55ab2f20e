"""Metrics for the buy class, and the decision threshold (catalog keys CVN_THRESHOLD_METHOD, CVN_THRESHOLD_SWEEP_*,
CVN_THRESHOLD_MAX_BUY_RATE)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Dict

import numpy as np
from hpconf import evidence
from sklearn.metrics import average_precision_score, log_loss


def f1_precision_recall(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum((pred == 1) & (y == 1)))
    fp = float(np.sum((pred == 1) & (y == 0)))
    fn = float(np.sum((pred == 0) & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def always_buy_f1(positive_rate: float) -> float:
    """F1 of predicting buy everywhere: precision p, recall 1, so 2p / (1 + p)."""
    return 2 * positive_rate / (1 + positive_rate) if positive_rate > 0 else 0.0


def max_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability cut that maximises F1 on (y, p): predict buy for p >= threshold."""
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    last = np.r_[ps[1:] != ps[:-1], True]  # only cut between distinct probabilities
    f1 = np.where(last, 2 * tp / (k + ys.sum()), -1.0)
    return float(ps[int(np.argmax(f1))])


@dataclass(frozen=True)
class ThresholdSettings:
    """CVN_THRESHOLD_METHOD with its sweep grid (CVN_THRESHOLD_SWEEP_*) and buy-rate cap (CVN_THRESHOLD_MAX_BUY_RATE)."""
    method: str
    sweep_min: float = 0.01
    sweep_max: float = 0.99
    sweep_step: float = 0.005
    max_buy_rate: float = 1.0

    @staticmethod
    def from_globals(g: Dict[str, Any]) -> "ThresholdSettings":
        return ThresholdSettings(str(g["CVN_THRESHOLD_METHOD"]), float(g["CVN_THRESHOLD_SWEEP_MIN"]), float(g["CVN_THRESHOLD_SWEEP_MAX"]),
                                 float(g["CVN_THRESHOLD_SWEEP_STEP"]), float(g["CVN_THRESHOLD_MAX_BUY_RATE"]))

    def grid(self) -> np.ndarray:
        """MIN, MIN + STEP, ... up to MAX; never empty (the catalog's domains keep MIN <= 0.5 <= MAX)."""
        n = int(math.floor((self.sweep_max - self.sweep_min) / self.sweep_step + 1e-9))
        return np.round(self.sweep_min + self.sweep_step * np.arange(n + 1), 10)


def grid_f1(y: np.ndarray, p: np.ndarray, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """F1 on buy and the predicted buy rate at each threshold of `grid` (buy when p >= threshold), in one pass."""
    order = np.argsort(p, kind="stable")
    ps, ys = p[order], y[order].astype(float)
    below_pos = np.r_[0.0, np.cumsum(ys)]  # buys among the k lowest probabilities
    k = np.searchsorted(ps, grid, side="left")  # rows below each threshold
    predicted = len(ps) - k
    tp = below_pos[-1] - below_pos[k]
    denom = predicted + below_pos[-1]
    f1 = np.divide(2 * tp, denom, out=np.zeros(len(grid)), where=denom > 0)
    return f1, predicted / max(1, len(ps))


def choose(t: ThresholdSettings, y_valid: np.ndarray, p_valid: np.ndarray, train_positive_rate: float) -> Dict[str, Any]:
    """The decision threshold, chosen on validation only, with what the manifest records about the choice."""
    if t.method in ("max_f1", "max_f1_capped"):
        grid = t.grid()
        f1, rate = grid_f1(y_valid, p_valid, grid)
        out: Dict[str, Any] = {"grid": {"min": t.sweep_min, "max": t.sweep_max, "step": t.sweep_step, "points": int(len(grid))}}
        if t.method == "max_f1_capped":
            ok = rate <= t.max_buy_rate
            out["max_buy_rate"] = t.max_buy_rate
            out["cap_met"] = bool(ok.any())
            # Within the cap, the best F1; when no point is low enough, the point with the lowest buy rate (the highest
            # such threshold when several tie).
            i = int(np.argmax(np.where(ok, f1, -1.0))) if ok.any() else len(rate) - 1 - int(np.argmin(rate[::-1]))
        else:
            i = int(np.argmax(f1))
        out.update(value=float(grid[i]), valid_f1=float(f1[i]), valid_buy_rate=float(rate[i]))
        return out
    if t.method == "prior":  # predict buy as often as buys occurred in training
        v = float(np.quantile(p_valid, 1 - train_positive_rate))
    elif t.method == "half":
        v = 0.5
    else:
        raise ValueError(f"unknown threshold method {t.method}")
    return {"value": v, "valid_buy_rate": float(np.mean(p_valid >= v))}


def choose_threshold(method: str, y_valid: np.ndarray, p_valid: np.ndarray, train_positive_rate: float) -> float:
    """The threshold alone, with the baseline's sweep grid and no cap."""
    return float(choose(ThresholdSettings(method), y_valid, p_valid, train_positive_rate)["value"])


def report(y: np.ndarray, p: np.ndarray, threshold: float) -> Dict[str, Any]:
    pred = (p >= threshold).astype(int)
    f1, precision, recall = f1_precision_recall(y, pred)
    pos = float(y.mean())
    return {
        "rows": int(len(y)), "f1_buy": f1, "precision": precision, "recall": recall,
        "pr_auc": float(average_precision_score(y, p)) if 0 < pos < 1 else 0.0,
        "positive_rate": pos, "predicted_positive_rate": float(pred.mean()),
        "always_buy_f1": always_buy_f1(pos), "beats_always_buy": bool(f1 > always_buy_f1(pos)),
        "logloss": float(log_loss(y, np.clip(p, 1e-7, 1 - 1e-7), labels=[0, 1])),
    }


def objective_value(objective: str, y: np.ndarray, p: np.ndarray, threshold: float) -> float:
    if objective == "f1_buy":
        return report(y, p, threshold)["f1_buy"]
    if objective == "pr_auc":
        return float(average_precision_score(y, p))
    if objective == "logloss":
        return float(log_loss(y, np.clip(p, 1e-7, 1 - 1e-7), labels=[0, 1]))
    raise ValueError(f"unknown objective {objective}")


DIRECTION = {"f1_buy": "maximize", "pr_auc": "maximize", "logloss": "minimize"}


def _ap(y: np.ndarray, p: np.ndarray) -> float:
    return float(average_precision_score(y, p)) if 0 < y.sum() < len(y) else 0.0


# The bootstrap is the SDK's (hpconf.evidence), so a team's own Optuna code scores its studies the same way; the
# harness passes scikit-learn's average precision.
block_length = evidence.block_length


def skill(y: np.ndarray, p: np.ndarray, threshold: float, horizon: int, *, seed: int, resamples: int = 1000) -> Dict[str, Any]:
    """Test F1 minus the always-buy F1, and PR-AUC minus the positive rate, with 95 % intervals (hpconf.evidence.skill)."""
    return evidence.skill(y, p, threshold, horizon, seed=seed, resamples_=resamples, ap=_ap)


def versus(y: np.ndarray, p: np.ndarray, threshold: float, p_ref: np.ndarray, threshold_ref: float, horizon: int, *,
           seed: int, resamples: int = 1000) -> Dict[str, Any]:
    """Best minus defaults on test, paired, with 95 % intervals (hpconf.evidence.versus)."""
    return evidence.versus(y, p, threshold, p_ref, threshold_ref, horizon, seed=seed, resamples_=resamples, ap=_ap)
