"""Where a study lives, and a lock that every worker of a study shares.

- `memory`: one process (tests, a quick look);
- `journal:PATH`: Optuna's journal file, for the workers of one machine (or a shared volume);
- `store`: the store's own PostgreSQL (DATABASE_URL), in a schema `optuna` beside hpconf's tables;
- a postgresql:// URL: an Optuna RDB storage on that server, as given (Optuna's own tables, default schema).

The lock covers the few steps that Optuna does not make atomic for us: creating the tables, creating the study
and enqueueing the defaults as trial 0 once, and the final step (one worker refits the best trial and records the
result). On PostgreSQL it is an advisory lock (released if the holder dies: its connection closes); on a file, an
flock beside the journal (released by the kernel when the holder dies).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urlsplit, urlunsplit

import optuna

from hpconf.errors import HpconfError


def _libpq(url: str) -> str:
    """postgresql+psycopg://... -> postgresql://... (what psycopg.connect takes)."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql",) + tuple(parts)[1:])


def _sqlalchemy(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgresql+psycopg",) + tuple(parts)[1:])


def dashboard_url(url: str) -> str:
    """The store's `optuna` schema as optuna-dashboard (or any SQLAlchemy client) opens it:
    ``optuna-dashboard "$(python -c 'from hpconf_training.storage import dashboard_url; print(dashboard_url(URL))')"``."""
    parts = urlsplit(_sqlalchemy(url))
    query = "&".join(q for q in (parts.query, "options=-csearch_path%3Doptuna") if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit((parts.scheme, netloc) + tuple(parts)[2:])
    return url


class Backend:
    def __init__(self, storage: optuna.storages.BaseStorage, describe: str, pg: Optional[str] = None, lock_path: Optional[Path] = None,
                 spec: Optional[str] = None):
        self.storage = storage
        self.describe = describe
        #: how a later process opens this storage again (a warm start reads its studies); None for memory
        self.spec = spec
        self._pg = pg
        self._lock_path = lock_path
        self._conn: Any = None

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        if self._pg is not None:
            if self._conn is None:
                import psycopg
                self._conn = psycopg.connect(self._pg, autocommit=True)
            self._conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (name,))
            try:
                yield
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (name,))
        elif self._lock_path is not None:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # closing releases the flock
        else:
            yield


def _pg_backend(url: str, schema: Optional[str], describe: str) -> Backend:
    import psycopg
    conninfo = _libpq(url)
    b = Backend(optuna.storages.InMemoryStorage(), describe, pg=conninfo)
    engine_kwargs: dict[str, Any] = {"pool_pre_ping": True}
    with b.lock("hpconf-optuna-setup"):  # concurrent CREATE TABLE IF NOT EXISTS races in PostgreSQL
        if schema:
            with psycopg.connect(conninfo, autocommit=True) as c:
                c.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            engine_kwargs["connect_args"] = {"options": f"-c search_path={schema}"}
        b.storage = optuna.storages.RDBStorage(_sqlalchemy(url), engine_kwargs=engine_kwargs)
    return b


def open_backend(spec: Optional[str], env: Optional[dict[str, str]] = None) -> Backend:
    env = dict(os.environ) if env is None else env
    spec = (spec or "memory").strip()
    if spec == "memory":
        return Backend(optuna.storages.InMemoryStorage(), "memory (this process only)")
    if spec == "store":
        url = env.get("DATABASE_URL")
        if not url:
            raise HpconfError("HPC_USAGE", {"details": "--study-storage store needs DATABASE_URL (the store's PostgreSQL server)"})
        b = _pg_backend(url, "optuna", f"the store's PostgreSQL {redact(url)}, schema optuna")
        b.spec = "store"
        return b
    if spec.startswith("journal:"):
        path = Path(spec[len("journal:"):]).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        from optuna.storages.journal import JournalFileBackend, JournalStorage
        storage = JournalStorage(JournalFileBackend(str(path)))
        return Backend(storage, f"journal file {path}", lock_path=path.with_name(path.name + ".hpconf-lock"), spec=f"journal:{path}")
    scheme = urlsplit(spec).scheme
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        b = _pg_backend(spec, None, f"PostgreSQL {redact(spec)}")
        b.spec = redact(spec)  # never the password: a reader supplies its own (PGPASSWORD, .pgpass) or hpconf ftf run does
        return b
    raise HpconfError("HPC_USAGE", {"details": f"--study-storage {redact(spec)!r}: use memory, store, journal:PATH, "
                                               "or a postgresql:// URL"})
