"""Binary focal loss on the raw margin x (p = sigmoid(x)), catalog keys ..._FOCAL_GAMMA and ..._FOCAL_ALPHA.

    loss = -w_y * (1 - p_t)^gamma * log(p_t),   p_t = p for a buy row, 1 - p otherwise,
    w_1 = 2 alpha, w_0 = 2 (1 - alpha)

so gamma = 0 with alpha = 0.5 is plain log loss (the factor 2 keeps the scale, and with it the meaning of the
regularisation keys, the same as log loss). The gradient and hessian are analytic (checked against finite
differences by the tests); XGBoost and LightGBM take them as a custom objective. CatBoost has its own Focal loss.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

import numpy as np

#: XGBoost and LightGBM need a positive hessian; focal loss is not convex everywhere for gamma > 0.
MIN_HESSIAN = 1e-6
_EPS = 1e-12


def is_plain(gamma: float, alpha: float) -> bool:
    """Plain log loss: the library's own objective is used, so a run with the levers off is the run before them."""
    return gamma == 0 and alpha == 0.5


def _parts(y: np.ndarray, x: np.ndarray, alpha: float) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    p = 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))
    pos = y > 0.5
    pt = np.clip(np.where(pos, p, 1.0 - p), _EPS, 1.0 - _EPS)
    w = np.where(pos, 2.0 * alpha, 2.0 * (1.0 - alpha))
    s = np.where(pos, 1.0, -1.0)  # d p_t / d x = s * p_t * (1 - p_t)
    return pt, w, s


def loss(y: np.ndarray, x: np.ndarray, gamma: float, alpha: float) -> np.ndarray:
    pt, w, _ = _parts(y, x, alpha)
    return -w * (1.0 - pt) ** gamma * np.log(pt)


def grad_hess(y: np.ndarray, x: np.ndarray, gamma: float, alpha: float, *, clip: bool = True) -> Tuple[np.ndarray, np.ndarray]:
    """First and second derivative of `loss` in x; the hessian floored at MIN_HESSIAN unless clip is False."""
    pt, w, s = _parts(y, x, alpha)
    u = 1.0 - pt
    lp = np.log(pt)
    # d loss / d x = s w [gamma u^gamma p_t log p_t - u^(gamma+1)]
    g = s * w * (gamma * u ** gamma * pt * lp - u ** (gamma + 1.0))
    # d^2 loss / d x^2 = w p_t [gamma u^(gamma+1) (log p_t + 1) - gamma^2 u^gamma p_t log p_t + (gamma+1) u^(gamma+1)]
    h = w * pt * (gamma * u ** (gamma + 1.0) * (lp + 1.0) - gamma ** 2 * u ** gamma * pt * lp + (gamma + 1.0) * u ** (gamma + 1.0))
    return g, (np.maximum(h, MIN_HESSIAN) if clip else h)


def xgb_objective(gamma: float, alpha: float) -> Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]]:
    """XGBClassifier(objective=...): (labels, margins) -> (grad, hess); the classifier keeps the logistic link."""
    def objective(y_true: np.ndarray, margin: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        return grad_hess(np.asarray(y_true, dtype=float), np.asarray(margin, dtype=float), gamma, alpha)
    return objective


def lgb_objective(gamma: float, alpha: float) -> Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]]:
    """LGBMClassifier(objective=...): LightGBM passes raw scores and then predicts raw scores (see trainers)."""
    return xgb_objective(gamma, alpha)


def lgb_logloss_metric(y_true: np.ndarray, raw: np.ndarray) -> Tuple[str, float, bool]:
    """Early stopping on validation log loss of the probabilities (LightGBM's own metric would read raw scores)."""
    p = np.clip(1.0 / (1.0 + np.exp(-np.clip(raw, -50, 50))), 1e-7, 1 - 1e-7)
    y = np.asarray(y_true, dtype=float)
    return "binary_logloss", float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), False


def catboost_params(gamma: float, alpha: float) -> Dict[str, Any]:
    """CatBoost's own focal loss, which needs gamma > 0; at gamma 0 the same weighted log loss by class weights.
    CatBoost's Focal weighs buy rows alpha and the others 1 - alpha (half of the scale above)."""
    if is_plain(gamma, alpha):
        return {}
    if gamma > 0:
        return {"loss_function": f"Focal:focal_alpha={alpha!r};focal_gamma={gamma!r}", "eval_metric": "Logloss"}
    return {"loss_function": "Logloss", "class_weights": [2.0 * (1.0 - alpha), 2.0 * alpha]}
