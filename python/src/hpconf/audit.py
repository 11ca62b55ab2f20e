"""The deploy-time gate inside a worker: every required key present and valid in this environment."""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from typing import List, Mapping, Optional, TextIO

from .catalog import Catalog, Problem, check_state, load_catalog
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


def coverage(c: Catalog, env: Mapping[str, str]) -> Coverage:
    r = check_state(c, env.get)
    bad = set(r.missing) | set(r.invalid)
    valid = len(r.required) - len(bad)
    percent = math.floor(valid * 10000 / len(r.required)) / 100
    return Coverage(len(r.required), valid, r.missing, r.invalid, r.errors, r.warnings, percent, not bad)


def audit_console_coverage(env: Optional[Mapping[str, str]] = None, catalog: Optional[Catalog] = None,
                           out: Optional[TextIO] = None) -> Coverage:
    """Check this process's environment against the catalog, print what is missing or invalid and one
    `event=coverage_audit` line, and return the result (`.complete` is the gate)."""
    cov = coverage(catalog or load_catalog(), os.environ if env is None else env)
    out = out or sys.stderr
    for k in cov.missing:
        out.write(f"missing  {k}\n")
    for p in cov.errors:
        if p.code != "HPC_KEY_MISSING":
            out.write(f"invalid  {p.key}: {p.message}\n")
    out.write(event_line("coverage_audit", {"source": "env", "required": cov.required, "valid": cov.valid, "missing": len(cov.missing),
                                            "invalid": len(cov.invalid), "coverage_pct": f"{cov.percent:.2f}"},
                         level="INFO" if cov.complete else "ERROR") + "\n")
    return cov


def main() -> None:
    """`python -m hpconf.audit`: exit 0 at 100 %, 7 (HPC_COVERAGE_INCOMPLETE) below."""
    sys.exit(0 if audit_console_coverage().complete else 7)


if __name__ == "__main__":
    main()
