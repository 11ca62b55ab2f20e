"""logfmt as Loki reads it; byte-identical to src/resolver/logfmt.ts (spec/vectors/logfmt.json)."""
from __future__ import annotations

import re
from typing import Iterable, Tuple, Union

from .grammar import format_value

FieldValue = Union[str, int, float, bool]

# Spelled out, not \s: JavaScript's and Python's \s differ (U+0085, U+FEFF).
_NEEDS_QUOTE = re.compile('[\x00-\x20"=\\\\\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]')
_ESCAPE = re.compile(r'[\\"\n\r\t]|[\x00-\x1f\x7f]')
_SIMPLE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def logfmt_value(v: FieldValue) -> str:
    s = format_value(v)
    if s != "" and not _NEEDS_QUOTE.search(s):
        return s
    return '"' + _ESCAPE.sub(lambda m: _SIMPLE.get(m.group(0), "\\u%04x" % ord(m.group(0))), s) + '"'


def logfmt(fields: Iterable[Tuple[str, FieldValue]]) -> str:
    return " ".join(f"{k}={logfmt_value(v)}" for k, v in fields)
