"""A user's typed training script: mypy --strict must accept it with no cast (see test_packaging.py)."""
from __future__ import annotations

from typing import Dict

import hpconf
from hpconf import HpoRange, resolve_float, resolve_hpo_range, resolve_int, resolve_key_int, resolve_key_str


def params() -> Dict[str, float]:
    lr: float = resolve_float("xgb", "5m", "LEARNING_RATE", fallback=0.1)
    depth: int = resolve_int("xgb", "5m", "MAX_DEPTH")
    rounds: int = resolve_key_int("CVN_EARLY_STOPPING_ROUNDS")
    objective: str = resolve_key_str("CVN_HPO_OBJECTIVE")
    rng: HpoRange = resolve_hpo_range("xgb", "5m", "LEARNING_RATE")
    width: float = rng.max - rng.min
    version: str = hpconf.__version__
    return {"lr": lr * 2, "depth": depth + 1, "rounds": rounds, "width": width, "objective_len": len(objective), "v": len(version)}
