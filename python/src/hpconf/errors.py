"""Errors with stable codes, rendered from the registry both SDKs share (spec/errors.json)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ._data import data_path, read_json


def _registry() -> Mapping[str, Mapping[str, Any]]:
    doc = read_json(str(data_path("spec/errors.json")))
    assert isinstance(doc, dict)
    reg: Mapping[str, Mapping[str, Any]] = doc["errors"]
    return reg


def render(template: str, params: Mapping[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), template)


def format_message(code: str, params: Mapping[str, Any]) -> str:
    reg = _registry()
    if code not in reg:
        raise KeyError(f"unregistered error code {code}")
    return render(reg[code]["message"], params)


class HpconfError(Exception):
    """Every failure the SDK reports carries a stable `code` from the registry."""

    def __init__(self, code: str, params: Mapping[str, Any] | None = None, detail: Any = None):
        self.code = code
        self.params = dict(params or {})
        self.detail = detail
        self.message = format_message(code, self.params)
        self.exit_code = int(_registry()[code]["exit"])
        super().__init__(self.message)
