"""The one value grammar (src/resolver/grammar.ts mirrors it; spec/vectors/value-grammar.json holds both)."""
from __future__ import annotations

import math
import re
from typing import Optional, Sequence, Union

Value = Union[int, float, str]

_WS = " \t\n\r\f\v"  # ASCII only: str.strip() and JS trim() disagree on Unicode spaces
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_SAFE_INT = 2**53 - 1  # what a JavaScript number holds exactly: both SDKs refuse beyond it



class Parsed:
    """What one raw text is: `kind` "missing", "ok" (with `value`) or "error" (with the error `code`)."""

    __slots__ = ("kind", "value", "code")  # a plain class: dataclasses cost every `import hpconf` 8 ms

    def __init__(self, kind: str, value: Optional[Value] = None, code: Optional[str] = None) -> None:
        self.kind = kind
        self.value = value
        self.code = code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Parsed) and (self.kind, self.value, self.code) == (other.kind, other.value, other.code)

    def __hash__(self) -> int:
        return hash((self.kind, self.value, self.code))

    def __repr__(self) -> str:
        return f"Parsed(kind={self.kind!r}, value={self.value!r}, code={self.code!r})"


MISSING = Parsed("missing")


def trim_value(raw: str) -> str:
    return raw.strip(_WS)


def parse_value(raw: Optional[str], type_: str, values: Optional[Sequence[str]] = None) -> Parsed:
    """Missing, a typed value, or the error code: the one grammar both SDKs share."""
    if raw is None:
        return MISSING
    s = trim_value(raw)
    if s == "":
        return MISSING
    if type_ == "int":
        if not _INT.fullmatch(s):
            return Parsed("error", code="HPC_VALUE_NOT_INT")
        n = int(s)
        if abs(n) > MAX_SAFE_INT:
            return Parsed("error", code="HPC_VALUE_INT_TOO_LARGE")
        return Parsed("ok", n)
    if type_ == "float":
        if not _FLOAT.fullmatch(s):
            return Parsed("error", code="HPC_VALUE_NOT_FLOAT")
        f = float(s)
        if not math.isfinite(f):
            return Parsed("error", code="HPC_VALUE_NOT_FLOAT")
        if f == 0 and re.search(r"[1-9]", re.split(r"[eE]", s)[0]):
            return Parsed("error", code="HPC_VALUE_FLOAT_UNDERFLOW")  # "1e-400" is not zero
        return Parsed("ok", 0.0 if f == 0 else f)
    if type_ == "enum":
        return Parsed("ok", s) if values is not None and s in values else Parsed("error", code="HPC_VALUE_NOT_ENUM")
    raise ValueError(f"unknown type {type_}")


def _format_float(x: float) -> str:
    """ECMAScript Number#toString, so both SDKs print the same text for the same double."""
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    # repr is the shortest round-trip form, as in JS: split it into its digits and exponent.
    m, _, e10 = repr(abs(x)).partition("e")
    whole, _, frac = m.partition(".")
    digits = (whole + frac).lstrip("0") or "0"
    exp = int(e10 or 0) - len(frac)
    stripped = digits.rstrip("0")
    exp += len(digits) - len(stripped)
    digits = stripped or "0"
    k = len(digits)
    n = exp + k
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mant = digits if k == 1 else digits[0] + "." + digits[1:]
        body = f"{mant}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + body


def format_value(v: object) -> str:
    """Canonical text of a value: what the store holds and what log lines print."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _format_float(v)
    return str(v)
