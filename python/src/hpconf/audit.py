"""The deploy-time gate inside a worker: every required key present and valid in this environment."""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from typing import List, Mapping, Optional, TextIO

from .catalog import Catalog, Problem, check_state, load_catalog
from .errors import HpconfError
from .events import event_line


@dataclass
class Coverage:
    required: int
    valid: int
    missing: List[str]
    invalid: List[str]
    errors: List[Problem]
    warnings: List[Problem]
    percent: float  # floored to two decimals, so 99.999 % never prints as 100
    complete: bool
    scope: str = "the whole catalog"


def model_id(c: Catalog, given: str) -> str:
    """A model as people name it: the catalog id in any case (xgb) or its library (xgboost)."""
    up = given.strip().upper()
    if up in c.models:
        return up
    for m in c.models:
        if str(c.file["models"][m].get("library", "")).upper() == up:
            return m
    raise HpconfError("HPC_MODEL_UNKNOWN", {"model": given, "known": ", ".join(c.models)})


def timeframe_id(c: Catalog, given: str) -> str:
    up = given.strip().upper()
    if up in c.timeframes:
        return up
    raise HpconfError("HPC_TIMEFRAME_UNKNOWN", {"timeframe": given, "known": ", ".join(c.timeframes)})


def scope_label(model: Optional[str], timeframe: Optional[str]) -> str:
    parts = [p for p in (model, timeframe) if p]
    return f"{' '.join(parts)} and the cross-cutting keys" if parts else "the whole catalog"


def coverage(c: Catalog, env: Mapping[str, str], model: Optional[str] = None, timeframe: Optional[str] = None) -> Coverage:
    """Coverage of the whole catalog, or of one worker's model and timeframe plus the cross-cutting keys."""
    m = model_id(c, model) if model else None
    t = timeframe_id(c, timeframe) if timeframe else None
    r = check_state(c, env.get, m, t)
    bad = set(r.missing) | set(r.invalid)
    valid = len(r.required) - len(bad)
    percent = math.floor(valid * 10000 / len(r.required)) / 100
    return Coverage(len(r.required), valid, r.missing, r.invalid, r.errors, r.warnings, percent, not bad, scope_label(m, t))


def coverage_error(cov: Coverage) -> HpconfError:
    """HPC_COVERAGE_INCOMPLETE naming the keys (up to 20), as the CLI's refusal does."""
    bad = list(cov.missing) + list(cov.invalid)
    keys = ", ".join(bad[:20]) + (f", ... and {len(bad) - 20} more" if len(bad) > 20 else "")
    return HpconfError("HPC_COVERAGE_INCOMPLETE", {"percent": f"{cov.percent:.2f}", "missing": len(cov.missing), "invalid": len(cov.invalid),
                                                   "required": cov.required, "scope": cov.scope, "keys": keys}, cov)


def audit_console_coverage(env: Optional[Mapping[str, str]] = None, catalog: Optional[Catalog] = None,
                           out: Optional[TextIO] = None, model: Optional[str] = None, timeframe: Optional[str] = None) -> Coverage:
    """Check this process's environment against the catalog (or one worker's model and timeframe plus the
    cross-cutting keys), print what is missing or invalid and one `event=coverage_audit` line, and return
    the result (`.complete` is the gate)."""
    cov = coverage(catalog or load_catalog(), os.environ if env is None else env, model, timeframe)
    out = out or sys.stderr
    for k in cov.missing:
        out.write(f"missing  {k}\n")
    for p in cov.errors:
        if p.code != "HPC_KEY_MISSING":
            out.write(f"invalid  {p.key}: {p.message}\n")
    tag = cov.scope.split(" and ")[0].replace(" ", "_") if cov.scope != "the whole catalog" else "all"
    out.write(event_line("coverage_audit", {"source": "env", "scope": tag, "required": cov.required, "valid": cov.valid, "missing": len(cov.missing),
                                            "invalid": len(cov.invalid), "coverage_pct": f"{cov.percent:.2f}"},
                         level="INFO" if cov.complete else "ERROR") + "\n")
    return cov


def main(argv: Optional[List[str]] = None) -> None:
    """`python -m hpconf.audit [--model M] [--timeframe TF]`: exit 0 at 100 %, 7 (HPC_COVERAGE_INCOMPLETE) below."""
    import argparse  # only here: importing hpconf stays light

    ap = argparse.ArgumentParser(prog="python -m hpconf.audit", description="coverage of this process environment")
    ap.add_argument("--model", help="the worker's model (xgb, lgb, cb or the library's name)")
    ap.add_argument("--timeframe", help="the worker's timeframe, e.g. 5m")
    a = ap.parse_args(argv)
    try:
        cov = audit_console_coverage(model=a.model, timeframe=a.timeframe)
    except HpconfError as e:
        sys.stderr.write(f"error[{e.code}]: {e}\n")
        sys.exit(e.exit_code)
    if not cov.complete:
        sys.stderr.write(f"error[HPC_COVERAGE_INCOMPLETE]: {coverage_error(cov)}\n")
    sys.exit(0 if cov.complete else 7)


if __name__ == "__main__":
    main()
