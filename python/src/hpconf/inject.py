"""The `validate_params` path for schedulers such as Airflow: read the legacy row `ftf_config.base_env` from
PostgreSQL, check it against the catalog, and inject it into `os.environ` for the worker.

    from hpconf.inject import validate_params
    validate_params("postgresql://...")   # raises HpconfError HPC_COVERAGE_INCOMPLETE below 100 %
    validate_params("postgresql://...", environment="production")   # one named environment of the store
"""
from __future__ import annotations

import os
import difflib
import re
from typing import Any, Dict, MutableMapping, Optional, Tuple

from .audit import Coverage, coverage, coverage_error
from .catalog import load_catalog
from .errors import HpconfError


ENVIRONMENT_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def _connect(dsn: str, feature: str) -> Tuple[Any, Any]:
    """psycopg (an optional extra) and a connection, or the error that says what to install or what failed."""
    try:
        import psycopg
    except ImportError as e:  # an optional extra: say what to install
        raise HpconfError("HPC_EXTRA_MISSING", {"feature": feature, "extra": "postgres", "module": "psycopg"}) from e
    try:
        return psycopg, psycopg.connect(dsn, connect_timeout=10)
    except psycopg.Error as e:
        raise HpconfError("HPC_STORE_UNREACHABLE", {"details": str(e).strip().splitlines()[0]}) from e


def read_environment(dsn: str, environment: str) -> Dict[str, str]:
    """One environment's values, read from the store's value table (the legacy row mirrors only one environment).

    An unknown name is refused as the CLI refuses it (HPC_ENVIRONMENT_UNKNOWN, with a suggestion)."""
    if not isinstance(environment, str) or not ENVIRONMENT_NAME.match(environment):
        raise HpconfError("HPC_USAGE", {"details": f"environment {environment!r}: lower-case letters, digits, - and _, starting with a letter"})
    psycopg, conn = _connect(dsn, "validate_params")
    try:
        with conn:
            known = [str(r[0]) for r in conn.execute("SELECT name FROM hp_environment ORDER BY name").fetchall()]
            if environment not in known:
                close = difflib.get_close_matches(environment, known, n=1)
                raise HpconfError("HPC_ENVIRONMENT_UNKNOWN", {"environment": environment, "hint": f"; did you mean {close[0]}?" if close else "", "known": ", ".join(known)})
            rows = conn.execute("SELECT key, value FROM hp_value WHERE environment = %s", (environment,)).fetchall()
    except psycopg.Error as e:
        raise HpconfError("HPC_STORE_UNREACHABLE", {"details": str(e).strip().splitlines()[0]}) from e
    return {str(k): str(v) for k, v in rows}


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
                    require_complete: bool = True, model: Optional[str] = None, timeframe: Optional[str] = None,
                    environment: Optional[str] = None) -> Coverage:
    """Inject every catalog key of `ftf_config.base_env` into `env` (os.environ by default) and check coverage.

    With `environment`, that environment of the store is read instead of the legacy row (which mirrors the one
    environment the store's settings name, `default` unless changed); the worker sees HPCONF_ENVIRONMENT too.

    Keys the catalog does not know are left out; the store wins over values already in the environment.
    Below 100 % (missing or invalid keys) it raises HPC_COVERAGE_INCOMPLETE, unless require_complete=False.
    """
    dsn = dsn or os.environ.get("DATABASE_URL")
    if not dsn:
        raise HpconfError("HPC_USAGE", {"details": "validate_params needs a DSN or DATABASE_URL"})
    target = os.environ if env is None else env
    catalog = load_catalog()
    base = read_base_env(dsn) if environment is None else read_environment(dsn, environment)
    for key, value in base.items():
        if key in catalog.by_key:
            target[key] = value
    if environment is not None:
        target["HPCONF_ENVIRONMENT"] = environment
    # With model (and timeframe): one worker's gate, its keys and the cross-cutting ones.
    cov = coverage(catalog, base, model, timeframe)
    if require_complete and not cov.complete:
        raise coverage_error(cov)
    return cov
