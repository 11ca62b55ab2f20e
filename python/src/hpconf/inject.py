"""The `validate_params` path for schedulers such as Airflow: read the legacy row `ftf_config.base_env` from
PostgreSQL, check it against the catalog, and inject it into `os.environ` for the worker.

    from hpconf.inject import validate_params
    validate_params("postgresql://...")   # raises HpconfError HPC_COVERAGE_INCOMPLETE below 100 %
"""
from __future__ import annotations

import os
from typing import Dict, MutableMapping, Optional

from .audit import Coverage, coverage, coverage_error
from .catalog import load_catalog
from .errors import HpconfError


def read_base_env(dsn: str) -> Dict[str, str]:
    """The row every legacy reader uses (hpconf keeps it exactly in step with the store)."""
    try:
        import psycopg
    except ImportError as e:  # an optional extra: say what to install
        raise HpconfError("HPC_EXTRA_MISSING", {"feature": "validate_params", "extra": "postgres", "module": "psycopg"}) from e

    try:
        with psycopg.connect(dsn, connect_timeout=10) as conn:
            row = conn.execute("SELECT base_env FROM ftf_config WHERE id = 1").fetchone()
    except psycopg.Error as e:
        raise HpconfError("HPC_STORE_UNREACHABLE", {"details": str(e).strip().splitlines()[0]}) from e
    if row is None:
        raise HpconfError("HPC_STORE_UNREACHABLE", {"details": "ftf_config has no row with id 1 (run hpconf migrate and hpconf seed)"})
    return {str(k): str(v) for k, v in (row[0] or {}).items()}


def validate_params(dsn: Optional[str] = None, env: Optional[MutableMapping[str, str]] = None,
                    require_complete: bool = True, model: Optional[str] = None, timeframe: Optional[str] = None) -> Coverage:
    """Inject every catalog key of `ftf_config.base_env` into `env` (os.environ by default) and check coverage.

    Keys the catalog does not know are left out; the store wins over values already in the environment.
    Below 100 % (missing or invalid keys) it raises HPC_COVERAGE_INCOMPLETE, unless require_complete=False.
    """
    dsn = dsn or os.environ.get("DATABASE_URL")
    if not dsn:
        raise HpconfError("HPC_USAGE", {"details": "validate_params needs a DSN or DATABASE_URL"})
    target = os.environ if env is None else env
    catalog = load_catalog()
    base = read_base_env(dsn)
    for key, value in base.items():
        if key in catalog.by_key:
            target[key] = value
    # With model (and timeframe): one worker's gate, its keys and the cross-cutting ones.
    cov = coverage(catalog, base, model, timeframe)
    if require_complete and not cov.complete:
        raise coverage_error(cov)
    return cov
