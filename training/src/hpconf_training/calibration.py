"""Probability calibration (catalog key ..._CALIBRATION), fitted on the validation split only.

The caller hands in validation labels and probabilities and gets a function for any probabilities; nothing
here can see the test split, and the tests check that changing the test labels changes no calibrated value.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

Calibrator = Callable[[np.ndarray], np.ndarray]
METHODS = ("none", "sigmoid", "isotonic")


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-7, 1 - 1e-7)
    return np.log(q / (1 - q))


def fit(method: str, y_valid: np.ndarray, p_valid: np.ndarray) -> Calibrator:
    if method == "none":
        return lambda p: np.asarray(p, dtype=float)
    if len(np.unique(y_valid)) < 2:  # one class only: nothing to calibrate against
        return lambda p: np.asarray(p, dtype=float)
    if method == "sigmoid":  # Platt scaling on the margin: p' = sigmoid(a logit(p) + b)
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(p_valid).reshape(-1, 1), y_valid)
        return lambda p: lr.predict_proba(_logit(np.asarray(p, dtype=float)).reshape(-1, 1))[:, 1]
    if method == "isotonic":
        from sklearn.isotonic import IsotonicRegression

        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p_valid, y_valid)
        return lambda p: np.asarray(iso.predict(np.asarray(p, dtype=float)), dtype=float)
    raise ValueError(f"unknown calibration {method}")


def brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, dtype=float) - y) ** 2))
