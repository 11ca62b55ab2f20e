"""Values from a Console for long-lived processes, with ETag revalidation and a long poll.

    from hpconf.console import ConsoleValues
    cv = ConsoleValues("http://hpconf:8080", token)   # environment="production" reads that one
    snap = cv.refresh()                 # GET /api/v1/values; later calls send If-None-Match (304: nothing resent)
    lr = cv.resolver().resolve_float("xgb", "5m", "LEARNING_RATE")
    for snap in cv.changes(wait_seconds=30):   # a new snapshot as soon as the store moves
        ...

Mirrors src/resolver/console-values.ts. urllib is imported here only, never by `import hpconf`.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterator, NamedTuple, Optional

from .errors import HpconfError, _registry
from .resolver import Resolver


class ValuesSnapshot(NamedTuple):
    revision: int
    etag: str
    values: Dict[str, str]


def _error(url: str, status: int, body: bytes) -> HpconfError:
    """The Console's error with its stable code (as the TypeScript client's remoteError)."""
    try:
        err = json.loads(body.decode("utf-8")).get("error") or {}
    except (ValueError, AttributeError):
        err = {}
    code, message = err.get("code"), str(err.get("message", ""))
    if not isinstance(code, str):
        return HpconfError("HPC_STORE_UNREACHABLE", {"details": f"{url}: HTTP {status}"})
    e = HpconfError(code if code in _registry() else "HPC_USAGE", {"details": message}, err.get("detail"))
    e.message = message
    e.args = (message,)
    return e


class ConsoleValues:
    def __init__(self, url: str, token: str, timeout: float = 10.0, environment: Optional[str] = None, layered: bool = False) -> None:
        """`environment`: the one to read (the Console's `default` when not given); an unknown one is refused
        at the first read with HPC_ENVIRONMENT_UNKNOWN and a suggestion."""
        self.url = url.rstrip("/") + "/api/v1/values"
        self.environment = environment
        #: Every address (base, overrides, group definitions), for ``resolver(segment=...)``.
        self.layered = layered
        self.token = token
        self.timeout = timeout
        self.current: Optional[ValuesSnapshot] = None
        #: Requests made and how many were answered 304 (nothing sent again).
        self.requests = 0
        self.not_modified = 0

    def _request(self, wait_seconds: int, revision: Optional[int] = None) -> ValuesSnapshot:
        params = {"environment": self.environment} if self.environment else {}
        if self.layered:
            params["layered"] = "1"
        if revision is not None:
            params["revision"] = str(int(revision))
        elif wait_seconds > 0 and self.current:
            params["wait"] = str(wait_seconds)
        url = f"{self.url}?{urllib.parse.urlencode(params)}" if params else self.url
        headers = {"authorization": f"Bearer {self.token}", "accept": "application/json"}
        if self.current is not None and revision is None:
            headers["if-none-match"] = self.current.etag
        req = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout + wait_seconds) as res:
                status, body, etag = res.status, res.read(), res.headers.get("etag", "")
        except urllib.error.HTTPError as e:  # urllib raises for 304 as for errors
            status, body, etag = e.code, e.read(), e.headers.get("etag", "")
        except OSError as e:
            raise HpconfError("HPC_STORE_UNREACHABLE", {"details": f"{self.url}: {e}"}) from e
        self.requests += 1
        if status == 304 and self.current is not None:
            self.not_modified += 1
            return self.current
        if status != 200:
            raise _error(self.url, status, body)
        doc: Dict[str, Any] = json.loads(body.decode("utf-8"))
        snap = ValuesSnapshot(int(doc["revision"]), etag, dict(doc["values"]))
        if revision is None:
            self.current = snap
        return snap

    def at(self, revision: int) -> ValuesSnapshot:
        """The values as they stood at `revision` (a run pinned to one revision: every task reads the same)."""
        return self._request(0, revision)

    def refresh(self) -> ValuesSnapshot:
        """The values now: a conditional request once something was read (the same object back when unchanged)."""
        return self._request(0)

    def changes(self, wait_seconds: int = 30) -> Iterator[ValuesSnapshot]:
        """Every new snapshot, the first one at once; each long poll waits up to `wait_seconds` (max 60)."""
        wait = min(60, max(1, wait_seconds))
        last: Optional[ValuesSnapshot] = None
        while True:
            s = self._request(wait) if last is not None else (self.current or self._request(0))
            if s is not last:
                last = s
                yield s

    def resolver(self, **kwargs: Any) -> Resolver:
        """A resolver over the current snapshot (read it first): the same strict semantics as over the environment."""
        if self.current is None:
            raise HpconfError("HPC_USAGE", {"details": "read the values first: refresh()"})
        if kwargs.get("segment") is not None and not self.layered:
            raise HpconfError("HPC_USAGE", {"details": "a segment resolves over every address: ConsoleValues(..., layered=True)"})
        return Resolver(env=self.current.values, **kwargs)
