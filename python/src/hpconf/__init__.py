"""hpconf resolver SDK: every hyperparameter from the store (through the environment), never from code.

    from hpconf import resolve_float, resolve_int, resolve_hpo_range, native_params, hpo_space
    lr = resolve_float("xgb", "5m", "LEARNING_RATE")              # fails fast when the key is missing
    lr = resolve_float("xgb", "5m", "LEARNING_RATE", fallback=0.1)  # WARN event=hpo_fallback_applied
    depth = resolve_int("xgb", "5m", "MAX_DEPTH")                  # typed: no cast needed

Events go to the `hpconf` logger when the application configured logging, else one logfmt line to stderr.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from .catalog import Catalog, load_catalog
from .errors import HpconfError
from .grammar import Value, format_value, parse_value
from .resolver import HpoRange, Resolution, ResolvedSet, Resolver

__version__ = "0.1.0"

if TYPE_CHECKING:
    import logging

    from .audit import Coverage, audit_console_coverage, coverage

    logger: logging.Logger


def __getattr__(name: str) -> Any:
    # hpconf.audit is loaded on first use, so `python -m hpconf.audit` (the deploy gate) runs it fresh.
    if name in ("Coverage", "audit_console_coverage", "coverage"):
        from . import audit

        return getattr(audit, name)
    if name == "logger":
        from . import resolver

        return resolver.logger
    raise AttributeError(f"module 'hpconf' has no attribute {name!r}")

__all__ = [
    "Catalog", "Coverage", "HpconfError", "HpoRange", "Resolution", "ResolvedSet", "Resolver", "Value", "__version__",
    "audit_console_coverage", "coverage", "format_value", "hpo_space", "hpo_space_json", "load_catalog", "logger",
    "native_params", "parse_value", "resolve", "resolve_all", "resolve_float", "resolve_hpo_range", "resolve_int",
    "resolve_key", "resolve_key_float", "resolve_key_int", "resolve_key_str",
]


_default: Optional[Resolver] = None


def _r() -> Resolver:
    """One shared resolver over os.environ (read at every call, so injected values are always current)."""
    global _default
    if _default is None:
        _default = Resolver()
    return _default


def resolve(model: str, timeframe: str, param: str, fallback: Optional[Value] = None) -> Value:
    return _r().resolve(model, timeframe, param, fallback)


def resolve_float(model: str, timeframe: str, param: str, fallback: Optional[float] = None) -> float:
    return _r().resolve_float(model, timeframe, param, fallback)


def resolve_int(model: str, timeframe: str, param: str, fallback: Optional[int] = None) -> int:
    return _r().resolve_int(model, timeframe, param, fallback)


def resolve_key(key: str, fallback: Optional[Value] = None) -> Value:
    return _r().resolve_key(key, fallback)


def resolve_key_float(key: str, fallback: Optional[float] = None) -> float:
    return _r().resolve_key_float(key, fallback)


def resolve_key_int(key: str, fallback: Optional[int] = None) -> int:
    return _r().resolve_key_int(key, fallback)


def resolve_key_str(key: str, fallback: Optional[str] = None) -> str:
    return _r().resolve_key_str(key, fallback)


def resolve_hpo_range(model: str, timeframe: str, param: str) -> HpoRange:
    return _r().resolve_hpo_range(model, timeframe, param)


def resolve_all(model: str, timeframe: str) -> ResolvedSet:
    return _r().resolve_all(model, timeframe)


def native_params(model: str, timeframe: str, overrides: Optional[Mapping[str, Value]] = None) -> Dict[str, Value]:
    return _r().native_params(model, timeframe, overrides)


def hpo_space(model: str, timeframe: str) -> Dict[str, Any]:
    return _r().hpo_space(model, timeframe)


def hpo_space_json(model: str, timeframe: str) -> Dict[str, Dict[str, Any]]:
    return _r().hpo_space_json(model, timeframe)
