"""The catalog as data (catalog/catalog.json), expanded into keys and checked by its rules.

Mirrors src/catalog/*.ts; the shared vectors keep the two identical.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import jsonschema

from ._data import catalog_path, data_path, read_json
from .errors import HpconfError, format_message
from .grammar import Value, format_value, parse_value, trim_value

REDACTED = "[redacted]"


@dataclass(frozen=True)
class KeySpec:
    key: str
    kind: str  # default | min | max | scale | global
    type: str
    model: Optional[str] = None
    timeframe: Optional[str] = None
    param: Optional[str] = None
    domain: Optional[Mapping[str, object]] = None
    values: Optional[Tuple[str, ...]] = None
    secret: bool = False


@dataclass
class Problem:
    severity: str
    code: str
    keys: List[str]
    params: Dict[str, object]
    message: str
    rule: Optional[str] = None

    @property
    def key(self) -> str:
        return self.keys[0]

    def error(self) -> HpconfError:
        return HpconfError(self.code, self.params, [self])


def _problem(severity: str, code: str, keys: List[str], params: Dict[str, object], rule: Optional[str] = None) -> Problem:
    return Problem(severity, code, keys, params, format_message(code, params), rule)


@dataclass
class Catalog:
    file: Mapping[str, object]
    path: str
    models: List[str]
    timeframes: List[str]
    keys: List[KeySpec]
    by_key: Dict[str, KeySpec] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.file["prefix"]  # type: ignore[return-value]

    def params(self, model: str) -> Mapping[str, Mapping[str, object]]:
        return self.file["models"][model]["params"]  # type: ignore[index]

    @property
    def rules(self) -> List[Mapping[str, object]]:
        return self.file["rules"]  # type: ignore[return-value]

    def param_key(self, model: str, timeframe: str, param: str, part: str) -> str:
        base = f"{self.prefix}_{model}_{timeframe}_{param}"
        return base if part == "default" else f"{base}_{self.file['range'][part]}"  # type: ignore[index]


def expand_keys(f: Mapping[str, object]) -> List[KeySpec]:
    keys: List[KeySpec] = []
    prefix, rng = f["prefix"], f["range"]
    for model, m in f["models"].items():  # type: ignore[union-attr]
        for tf in f["timeframes"]:  # type: ignore[union-attr]
            t = tf["id"]
            for param, p in m["params"].items():
                base = f"{prefix}_{model}_{t}_{param}"
                common = dict(model=model, timeframe=t, param=param, secret=bool(p.get("secret", False)))
                keys.append(KeySpec(base, "default", p["type"], domain=p["domain"], **common))
                if not p["search"]:
                    continue
                keys.append(KeySpec(f"{base}_{rng['min']}", "min", p["type"], domain=p["domain"], **common))
                keys.append(KeySpec(f"{base}_{rng['max']}", "max", p["type"], domain=p["domain"], **common))
                keys.append(KeySpec(f"{base}_{rng['scale']}", "scale", "enum", values=tuple(rng["scales"]), **common))
    for key, g in f["globals"].items():  # type: ignore[union-attr]
        vals = tuple(g["values"]) if "values" in g else None
        keys.append(KeySpec(key, "global", g["type"], domain=g.get("domain"), values=vals, secret=bool(g.get("secret", False))))
    return keys


def catalog_from_file(f: Mapping[str, object], path: str) -> Catalog:
    schema = read_json(str(data_path("catalog/catalog.schema.json")))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(f), key=lambda e: list(e.path))
    if errors:
        details = "; ".join(f"/{'/'.join(map(str, e.path))} {e.message}" for e in errors)
        raise HpconfError("HPC_CATALOG_INVALID", {"path": path, "details": details})
    keys = expand_keys(f)
    return Catalog(f, path, list(f["models"]), [t["id"] for t in f["timeframes"]], keys, {k.key: k for k in keys})  # type: ignore


@lru_cache(maxsize=None)
def _load(path: str) -> Catalog:
    return catalog_from_file(read_json(path), path)  # type: ignore[arg-type]


def load_catalog(path: Optional[str] = None) -> Catalog:
    """The catalog (HPCONF_CATALOG overrides the packaged one), loaded once per path."""
    return _load(str(path or catalog_path()))


# -- domains -----------------------------------------------------------------------------------

def in_continuous(v: float, d: Mapping[str, object]) -> bool:
    lo, hi = d.get("min"), d.get("max")
    if lo is not None and (v <= lo if d.get("minExclusive") else v < lo):  # type: ignore[operator]
        return False
    if hi is not None and (v >= hi if d.get("maxExclusive") else v > hi):  # type: ignore[operator]
        return False
    return True


def in_domain(v: float, d: Mapping[str, object]) -> bool:
    return in_continuous(v, d) or v in (d.get("extra") or [])  # type: ignore[operator]


def format_domain(d: Mapping[str, object], with_extra: bool = True) -> str:
    lo = "(-inf" if d.get("min") is None else f"{'(' if d.get('minExclusive') else '['}{format_value(d['min'])}"
    hi = "+inf)" if d.get("max") is None else f"{format_value(d['max'])}{')' if d.get('maxExclusive') else ']'}"
    extra = d.get("extra") or []
    tail = (" or " + " or ".join(format_value(x) for x in extra)) if with_extra and extra else ""  # type: ignore[union-attr]
    return f"{lo}, {hi}{tail}"


# -- checks ------------------------------------------------------------------------------------

Lookup = Callable[[str], Optional[Value]]


def check_value(spec: KeySpec, raw: Optional[str]) -> Tuple[str, object]:
    """("missing", None) | ("ok", value) | ("error", Problem): grammar and hard domain of one key."""
    kind, got = parse_value(raw, spec.type, spec.values)
    if kind == "missing":
        return ("missing", None)
    if kind == "error":
        params = {"key": spec.key, "raw": REDACTED if spec.secret else trim_value(raw or ""), "allowed": ", ".join(spec.values or ())}
        return ("error", _problem("error", got, [spec.key], params))  # type: ignore[arg-type]
    if isinstance(got, (int, float)) and spec.domain is not None:
        is_range = spec.kind in ("min", "max")
        ok = in_continuous(got, spec.domain) if is_range else in_domain(got, spec.domain)
        if not ok:
            code = "HPC_RANGE_OUT_OF_DOMAIN" if is_range else "HPC_VALUE_OUT_OF_DOMAIN"
            params = {"key": spec.key, "value": REDACTED if spec.secret else format_value(got), "domain": format_domain(spec.domain, not is_range)}
            return ("error", _problem("error", code, [spec.key], params))
    return ("ok", got)


_SLOW = object()


def fast_checker(spec: KeySpec) -> Callable[[Optional[str]], object]:
    """check_value's happy path as one closure per key (the resolver's hot path): the valid value, or
    `_SLOW` for anything else, which check_value then explains with the exact same problem."""
    from .grammar import MAX_SAFE_INT, _FLOAT, _INT, _WS

    d = spec.domain or {}
    lo, hi = d.get("min"), d.get("max")
    lo_x, hi_x = bool(d.get("minExclusive")), bool(d.get("maxExclusive"))
    extra = set() if spec.kind in ("min", "max") else set(d.get("extra") or [])  # type: ignore[arg-type]
    ty, values = spec.type, spec.values

    def ok_domain(v: float) -> bool:
        if lo is not None and (v <= lo if lo_x else v < lo):  # type: ignore[operator]
            return v in extra
        if hi is not None and (v >= hi if hi_x else v > hi):  # type: ignore[operator]
            return v in extra
        return True

    def check(raw: Optional[str]) -> object:
        if raw is None:
            return _SLOW
        s = raw.strip(_WS)
        if ty == "float":
            if not _FLOAT.fullmatch(s):
                return _SLOW
            f = float(s)
            return (0.0 if f == 0 else f) if f - f == 0 and ok_domain(f) else _SLOW
        if ty == "int":
            if not _INT.fullmatch(s):
                return _SLOW
            n = int(s)
            return n if -MAX_SAFE_INT <= n <= MAX_SAFE_INT and ok_domain(n) else _SLOW
        return s if values is not None and s in values else _SLOW

    return check


def missing_problem(key: str) -> Problem:
    return _problem("error", "HPC_KEY_MISSING", [key], {"key": key})


def check_range(c: Catalog, model: str, tf: str, param: str, get: Lookup) -> List[Problem]:
    d = c.params(model)[param]
    k_min, k_max, k_scale = (c.param_key(model, tf, param, p) for p in ("min", "max", "scale"))
    lo, hi, scale = get(k_min), get(k_max), get(k_scale)
    out: List[Problem] = []
    if lo is not None and hi is not None and lo > hi:  # type: ignore[operator]
        out.append(_problem("error", "HPC_RANGE_MIN_GT_MAX", [k_min, k_max], {"key": k_min, "min": format_value(lo), "max": format_value(hi)}))
    if scale == "log":
        if not d["logAllowed"]:
            out.append(_problem("error", "HPC_RANGE_LOG_NOT_ALLOWED", [k_scale], {"key": k_scale, "model": model, "param": param}))
        elif lo is not None and (lo < 1 if d["type"] == "int" else lo <= 0):  # type: ignore[operator]
            need = ">= 1" if d["type"] == "int" else "> 0"
            out.append(_problem("error", "HPC_RANGE_LOG_MIN", [k_min, k_scale], {"key": k_min, "need": need, "min": format_value(lo)}))
    return out


def default_outside_range(c: Catalog, model: str, tf: str, param: str, get: Lookup) -> List[Problem]:
    k_def = c.param_key(model, tf, param, "default")
    v, lo, hi = get(k_def), get(c.param_key(model, tf, param, "min")), get(c.param_key(model, tf, param, "max"))
    if v is None or lo is None or hi is None or lo > hi or lo <= v <= hi:  # type: ignore[operator]
        return []
    params = {"key": k_def, "value": format_value(v), "min": format_value(lo), "max": format_value(hi)}
    keys = [k_def, c.param_key(model, tf, param, "min"), c.param_key(model, tf, param, "max")]  # every key involved
    return [_problem("warning", "HPC_WARN_DEFAULT_OUTSIDE_RANGE", keys, params)]


_OPS: Dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _is_num(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _part_values(c: Catalog, model: str, tf: str, cond: Mapping[str, object], get: Lookup) -> List[Tuple[str, float]]:
    out = []
    for part in cond["parts"]:  # type: ignore[union-attr]
        key = c.param_key(model, tf, cond["param"], part)  # type: ignore[arg-type]
        v = get(key)
        if _is_num(v):
            out.append((key, v))
    return out  # type: ignore[return-value]


def _right_side(c: Catalog, model: str, tf: str, cond: Mapping[str, object], get: Lookup) -> Optional[Tuple[float, Optional[str]]]:
    if "value" in cond:
        return (cond["value"], None)  # type: ignore[return-value]
    key = c.param_key(model, tf, cond["pow2Of"], "default")  # type: ignore[arg-type]
    v = get(key)
    return (2 ** v, key) if _is_num(v) else None  # type: ignore[operator]


def check_rule(c: Catalog, rule: Mapping[str, object], tf: str, get: Lookup) -> List[Problem]:
    model = rule["model"]
    if_rhs = _right_side(c, model, tf, rule["if"], get)  # type: ignore[arg-type]
    then_rhs = _right_side(c, model, tf, rule["then"], get)  # type: ignore[arg-type]
    if if_rhs is None or then_rhs is None:
        return []
    fired = [(k, v) for k, v in _part_values(c, model, tf, rule["if"], get) if _OPS[rule["if"]["op"]](v, if_rhs[0])]  # type: ignore
    if not fired:
        return []
    broken = [(k, v) for k, v in _part_values(c, model, tf, rule["then"], get) if not _OPS[rule["then"]["op"]](v, then_rhs[0])]  # type: ignore
    if not broken:
        return []
    keys: List[str] = []
    for k in [k for k, _ in broken] + [k for k, _ in fired] + [x for x in (if_rhs[1], then_rhs[1]) if x]:
        if k not in keys:
            keys.append(k)
    code = "HPC_RULE_VIOLATED" if rule["severity"] == "error" else "HPC_WARN_RULE"
    params = {"model": model, "timeframe": tf, "rule": rule["id"], "text": rule["message"]}
    return [_problem(rule["severity"], code, keys, params, rule["id"])]  # type: ignore[arg-type]


@dataclass
class StateReport:
    values: Dict[str, Value]
    errors: List[Problem]
    warnings: List[Problem]
    missing: List[str]
    invalid: List[str]
    required: List[KeySpec]


def check_state(c: Catalog, raw: Callable[[str], Optional[str]], model: Optional[str] = None, timeframe: Optional[str] = None) -> StateReport:
    """Every rule of the catalog over raw values: grammar, domains, ranges, cross-field rules, warnings."""
    def in_scope(k: KeySpec) -> bool:
        if k.kind == "global":
            return True
        return (model is None or k.model == model) and (timeframe is None or k.timeframe == timeframe)

    required = [k for k in c.keys if in_scope(k)]
    values: Dict[str, Value] = {}
    errors: List[Problem] = []
    missing: List[str] = []
    invalid = set()
    for spec in required:
        kind, got = check_value(spec, raw(spec.key))
        if kind == "ok":
            values[spec.key] = got  # type: ignore[assignment]
        elif kind == "missing":
            missing.append(spec.key)
            errors.append(missing_problem(spec.key))
        else:
            invalid.add(spec.key)
            errors.append(got)  # type: ignore[arg-type]
    get = values.get
    warnings: List[Problem] = []
    for m in c.models:
        if model is not None and m != model:
            continue
        for tf in c.timeframes:
            if timeframe is not None and tf != timeframe:
                continue
            for param, d in c.params(m).items():
                if not d["search"]:
                    continue
                errors.extend(check_range(c, m, tf, param, get))
                warnings.extend(default_outside_range(c, m, tf, param, get))
            for rule in c.rules:
                if rule["model"] != m:
                    continue
                ps = check_rule(c, rule, tf, get)
                (errors if rule["severity"] == "error" else warnings).extend(ps)
    for p in errors:
        if p.code != "HPC_KEY_MISSING":
            invalid.update(p.keys)
    return StateReport(values, errors, warnings, missing, [k.key for k in required if k.key in invalid], required)


# -- "did you mean" ----------------------------------------------------------------------------

def distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if a[i - 1] == b[j - 1] else 1))
        prev = cur
    return prev[len(b)]


def did_you_mean(given: str, candidates: Iterable[str]) -> str:
    best, best_d = None, None
    for cand in candidates:
        d = distance(given.upper(), cand.upper())
        if best_d is None or d < best_d:
            best, best_d = cand, d
    if best is not None and best_d is not None and best_d <= max(2, len(best) // 3):
        return f"; did you mean {best}?"
    return ""


# -- bundles -----------------------------------------------------------------------------------

def expand_bundle(c: Catalog, b: Mapping[str, object], path: str = "bundle") -> Dict[str, str]:
    """A complete value bundle (catalog/baseline.json) as key -> canonical text, in catalog order."""
    schema = read_json(str(data_path("catalog/baseline.schema.json")))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(b))
    if errors:
        raise HpconfError("HPC_FILE_INVALID", {"path": path, "details": "; ".join(e.message for e in errors)})
    out: Dict[str, str] = {}

    def pick(per: Mapping[str, object], tf: str) -> object:
        for k in (tf, "ALL", "TODO_PER_TF"):
            if k in per:
                return per[k]
        raise HpconfError("HPC_FILE_INVALID", {"path": path, "details": f"no value for {tf}"})

    for key, g in b["globals"].items():  # type: ignore[union-attr]
        out[key] = format_value(g["value"])
    for model, params in b["models"].items():  # type: ignore[union-attr]
        for param, entry in params.items():
            for tf in c.timeframes:
                out[c.param_key(model, tf, param, "default")] = format_value(pick(entry["default"], tf))
                if "range" in entry:
                    r = pick(entry["range"], tf)
                    for part in ("min", "max", "scale"):
                        out[c.param_key(model, tf, param, part)] = format_value(r[part])  # type: ignore[index]
    return {k.key: out[k.key] for k in c.keys if k.key in out}


def baseline_values(c: Optional[Catalog] = None) -> Dict[str, str]:
    c = c or load_catalog()
    return expand_bundle(c, read_json(str(data_path("catalog/baseline.json"))), "baseline.json")  # type: ignore[arg-type]
