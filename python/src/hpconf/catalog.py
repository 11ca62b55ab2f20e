"""The catalog as data (catalog/catalog.json), expanded into keys and checked by its rules.

Mirrors src/catalog/*.ts; the shared vectors keep the two identical.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple, Union, cast

from ._data import catalog_path, data_path, read_json
from .errors import HpconfError, format_message
from .grammar import Value, format_value, parse_value, trim_value

REDACTED = "[redacted]"


# -- the file's shape (catalog/catalog.schema.json) ----------------------------------------------
# Types only: defining TypedDicts at import would cost every `import hpconf` for nothing at run time.
if TYPE_CHECKING:
    from typing import TypedDict

    class Domain(TypedDict, total=False):
        min: float
        max: float
        minExclusive: bool
        maxExclusive: bool
        extra: List[float]


    class _ParamRequired(TypedDict):
        type: str
        logAllowed: bool
        search: bool
        native: str
        aliases: List[str]
        doc: str


    class ParamDef(_ParamRequired, total=False):
        domain: Domain  # absent only for an enum parameter
        values: List[str]  # an enum parameter's allowed values
        harness: bool  # read by the training harness (loss, calibration), never passed to the library
        secret: bool


    class ModelDef(TypedDict):
        library: str
        params: Dict[str, ParamDef]


    class _GlobalRequired(TypedDict):
        type: str
        doc: str


    class GlobalDef(_GlobalRequired, total=False):
        domain: Domain
        values: List[str]
        secret: bool


    class _ConditionRequired(TypedDict):
        param: str
        parts: List[str]
        op: str


    class Condition(_ConditionRequired, total=False):
        value: float
        pow2Of: str


    RuleDef = TypedDict("RuleDef", {"id": str, "severity": str, "model": str, "if": Condition, "then": Condition, "message": str})


    class RangeDef(TypedDict):
        min: str
        max: str
        scale: str
        scales: List[str]


    class TimeframeDef(TypedDict):
        id: str
        minutes: int


    class CatalogFile(TypedDict):
        version: int
        prefix: str
        range: RangeDef
        timeframes: List[TimeframeDef]
        models: Dict[str, ModelDef]
        globals: Dict[str, GlobalDef]
        rules: List[RuleDef]


class KeySpec:
    """One key of the catalog. Plain classes here, not dataclasses: importing those costs 8 ms."""

    __slots__ = ("key", "kind", "type", "model", "timeframe", "param", "domain", "values", "secret")

    def __init__(self, key: str, kind: str, type: str, model: Optional[str] = None, timeframe: Optional[str] = None,
                 param: Optional[str] = None, domain: Optional[Domain] = None, values: Optional[Tuple[str, ...]] = None,
                 secret: bool = False) -> None:
        self.key = key
        self.kind = kind  # default | min | max | scale | global
        self.type = type
        self.model = model
        self.timeframe = timeframe
        self.param = param
        self.domain = domain
        self.values = values
        self.secret = secret

    def __repr__(self) -> str:
        return f"KeySpec({self.key!r}, {self.kind!r}, {self.type!r})"


class Problem:
    __slots__ = ("severity", "code", "keys", "params", "message", "rule")

    def __init__(self, severity: str, code: str, keys: List[str], params: Dict[str, object], message: str,
                 rule: Optional[str] = None) -> None:
        self.severity = severity
        self.code = code
        self.keys = keys
        self.params = params
        self.message = message
        self.rule = rule

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and all(getattr(self, a) == getattr(other, a) for a in Problem.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Problem({self.severity!r}, {self.code!r}, {self.keys!r}, {self.message!r})"

    @property
    def key(self) -> str:
        return self.keys[0]

    def error(self) -> HpconfError:
        return HpconfError(self.code, self.params, [self])


def _problem(severity: str, code: str, keys: List[str], params: Mapping[str, object], rule: Optional[str] = None) -> Problem:
    return Problem(severity, code, keys, dict(params), format_message(code, params), rule)


class Catalog:
    def __init__(self, file: CatalogFile, path: str, models: List[str], timeframes: List[str], keys: List[KeySpec],
                 by_key: Optional[Dict[str, KeySpec]] = None) -> None:
        self.file = file
        self.path = path
        self.models = models
        self.timeframes = timeframes
        self.keys = keys
        self.by_key: Dict[str, KeySpec] = by_key if by_key is not None else {}

    @property
    def prefix(self) -> str:
        return self.file["prefix"]

    def params(self, model: str) -> Dict[str, ParamDef]:
        return self.file["models"][model]["params"]

    @property
    def rules(self) -> List[RuleDef]:
        return self.file["rules"]

    def param_key(self, model: str, timeframe: str, param: str, part: str) -> str:
        base = f"{self.prefix}_{model}_{timeframe}_{param}"
        if part == "default":
            return base
        rng = self.file["range"]
        return f"{base}_{rng['min'] if part == 'min' else rng['max'] if part == 'max' else rng['scale']}"


def expand_keys(f: CatalogFile) -> List[KeySpec]:
    keys: List[KeySpec] = []
    prefix, rng = f["prefix"], f["range"]
    for model, m in f["models"].items():
        for tf in f["timeframes"]:
            t = tf["id"]
            for param, p in m["params"].items():
                base = f"{prefix}_{model}_{t}_{param}"
                secret = bool(p.get("secret", False))
                vals = tuple(p["values"]) if "values" in p else None
                keys.append(KeySpec(base, "default", p["type"], model, t, param, domain=p.get("domain"), values=vals, secret=secret))
                if not p["search"]:
                    continue
                keys.append(KeySpec(f"{base}_{rng['min']}", "min", p["type"], model, t, param, domain=p.get("domain"), secret=secret))
                keys.append(KeySpec(f"{base}_{rng['max']}", "max", p["type"], model, t, param, domain=p.get("domain"), secret=secret))
                keys.append(KeySpec(f"{base}_{rng['scale']}", "scale", "enum", model, t, param, values=tuple(rng["scales"]), secret=secret))
    for key, g in f["globals"].items():
        vals = tuple(g["values"]) if "values" in g else None
        keys.append(KeySpec(key, "global", g["type"], domain=g.get("domain"), values=vals, secret=bool(g.get("secret", False))))
    return keys


def _schema_errors(schema_file: str, doc: object) -> List[Tuple[str, str]]:
    """(path, message) of every JSON Schema violation; jsonschema is imported only when a file is checked."""
    import jsonschema

    schema = read_json(str(data_path(schema_file)))
    assert isinstance(schema, dict)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: [str(x) for x in e.path])
    return [("/" + "/".join(map(str, e.path)), e.message) for e in errors]


def catalog_from_file(f: object, path: str, trusted: bool = False) -> Catalog:
    """A catalog from its parsed file; `trusted` (the packaged file, which the tests check) skips the schema."""
    if not trusted:
        errors = _schema_errors("catalog/catalog.schema.json", f)
        if errors:
            raise HpconfError("HPC_CATALOG_INVALID", {"path": path, "details": "; ".join(f"{p} {m}" for p, m in errors)})
    cf = cast("CatalogFile", f)
    keys = expand_keys(cf)
    return Catalog(cf, path, list(cf["models"]), [t["id"] for t in cf["timeframes"]], keys, {k.key: k for k in keys})


@lru_cache(maxsize=None)
def _load(path: str) -> Catalog:
    return catalog_from_file(read_json(path), path, trusted=path == str(data_path("catalog/catalog.json")))


def load_catalog(path: Optional[str] = None) -> Catalog:
    """The catalog (HPCONF_CATALOG overrides the packaged one), loaded once per path."""
    return _load(str(path or catalog_path()))


# -- domains -----------------------------------------------------------------------------------

def in_continuous(v: float, d: Domain) -> bool:
    lo, hi = d.get("min"), d.get("max")
    if lo is not None and (v <= lo if d.get("minExclusive") else v < lo):
        return False
    if hi is not None and (v >= hi if d.get("maxExclusive") else v > hi):
        return False
    return True


def in_domain(v: float, d: Domain) -> bool:
    return in_continuous(v, d) or v in d.get("extra", [])


def format_domain(d: Domain, with_extra: bool = True) -> str:
    lo_v, hi_v = d.get("min"), d.get("max")
    lo = "(-inf" if lo_v is None else f"{'(' if d.get('minExclusive') else '['}{format_value(lo_v)}"
    hi = "+inf)" if hi_v is None else f"{format_value(hi_v)}{')' if d.get('maxExclusive') else ']'}"
    extra = d.get("extra", [])
    tail = (" or " + " or ".join(format_value(x) for x in extra)) if with_extra and extra else ""
    return f"{lo}, {hi}{tail}"


# -- checks ------------------------------------------------------------------------------------

Lookup = Callable[[str], Optional[Value]]


class Checked(NamedTuple):
    """One key's raw text checked: `kind` "missing", "ok" (with `value`) or "error" (with `problem`)."""
    kind: str
    value: Optional[Value] = None
    problem: Optional[Problem] = None


def check_value(spec: KeySpec, raw: Optional[str]) -> Checked:
    """Grammar and hard domain of one key."""
    p = parse_value(raw, spec.type, spec.values)
    if p.kind == "missing":
        return Checked("missing")
    if p.kind == "error" or p.value is None:
        params = {"key": spec.key, "raw": REDACTED if spec.secret else trim_value(raw or ""), "allowed": ", ".join(spec.values or ())}
        return Checked("error", problem=_problem("error", p.code or "HPC_USAGE", [spec.key], params))
    got = p.value
    if not isinstance(got, str) and spec.domain is not None:
        is_range = spec.kind in ("min", "max")
        ok = in_continuous(got, spec.domain) if is_range else in_domain(got, spec.domain)
        if not ok:
            code = "HPC_RANGE_OUT_OF_DOMAIN" if is_range else "HPC_VALUE_OUT_OF_DOMAIN"
            params = {"key": spec.key, "value": REDACTED if spec.secret else format_value(got), "domain": format_domain(spec.domain, not is_range)}
            return Checked("error", problem=_problem("error", code, [spec.key], params))
    return Checked("ok", got)


class _Slow:
    """The fast path's "not sure": missing or invalid, for check_value to explain."""


_SLOW = _Slow()


def fast_checker(spec: KeySpec) -> Callable[[Optional[str]], Union[Value, _Slow]]:
    """check_value's happy path as one closure per key (the resolver's hot path): the valid value, or
    `_SLOW` for anything else, which check_value then explains with the exact same problem."""
    from .grammar import MAX_SAFE_INT, _FLOAT, _INT, _WS

    d: Domain = spec.domain or {}
    lo, hi = d.get("min"), d.get("max")
    lo_x, hi_x = bool(d.get("minExclusive")), bool(d.get("maxExclusive"))
    extra = set() if spec.kind in ("min", "max") else set(d.get("extra", []))
    ty, values = spec.type, spec.values

    def ok_domain(v: float) -> bool:
        if lo is not None and (v <= lo if lo_x else v < lo):
            return v in extra
        if hi is not None and (v >= hi if hi_x else v > hi):
            return v in extra
        return True

    def check(raw: Optional[str]) -> Union[Value, _Slow]:
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
    lo, hi, scale = _num(get(k_min)), _num(get(k_max)), get(k_scale)
    out: List[Problem] = []
    if lo is not None and hi is not None and lo > hi:
        out.append(_problem("error", "HPC_RANGE_MIN_GT_MAX", [k_min, k_max], {"key": k_min, "min": format_value(lo), "max": format_value(hi)}))
    if scale == "log":
        if not d["logAllowed"]:
            out.append(_problem("error", "HPC_RANGE_LOG_NOT_ALLOWED", [k_scale], {"key": k_scale, "model": model, "param": param}))
        elif lo is not None and (lo < 1 if d["type"] == "int" else lo <= 0):
            need = ">= 1" if d["type"] == "int" else "> 0"
            out.append(_problem("error", "HPC_RANGE_LOG_MIN", [k_min, k_scale], {"key": k_min, "need": need, "min": format_value(lo)}))
    return out


def default_outside_range(c: Catalog, model: str, tf: str, param: str, get: Lookup) -> List[Problem]:
    k_def = c.param_key(model, tf, param, "default")
    v, lo, hi = _num(get(k_def)), _num(get(c.param_key(model, tf, param, "min"))), _num(get(c.param_key(model, tf, param, "max")))
    if v is None or lo is None or hi is None or lo > hi or lo <= v <= hi:
        return []
    params = {"key": k_def, "value": format_value(v), "min": format_value(lo), "max": format_value(hi)}
    keys = [k_def, c.param_key(model, tf, param, "min"), c.param_key(model, tf, param, "max")]  # every key involved
    return [_problem("error", "HPC_DEFAULT_OUTSIDE_RANGE", keys, params)]  # the first trial replays the default


_OPS: Dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _num(v: object) -> Optional[float]:
    """The value as a number, or None (missing, text, or a bool)."""
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _part_values(c: Catalog, model: str, tf: str, cond: Condition, get: Lookup) -> List[Tuple[str, float]]:
    out: List[Tuple[str, float]] = []
    for part in cond["parts"]:
        key = c.param_key(model, tf, cond["param"], part)
        v = _num(get(key))
        if v is not None:
            out.append((key, v))
    return out


def _right_side(c: Catalog, model: str, tf: str, cond: Condition, get: Lookup) -> Optional[Tuple[float, Optional[str]]]:
    if "value" in cond:
        return (cond["value"], None)
    key = c.param_key(model, tf, cond["pow2Of"], "default")
    v = _num(get(key))
    return (2 ** v, key) if v is not None else None


def check_rule(c: Catalog, rule: RuleDef, tf: str, get: Lookup) -> List[Problem]:
    model = rule["model"]
    if_rhs = _right_side(c, model, tf, rule["if"], get)
    then_rhs = _right_side(c, model, tf, rule["then"], get)
    if if_rhs is None or then_rhs is None:
        return []
    fired = [(k, v) for k, v in _part_values(c, model, tf, rule["if"], get) if _OPS[rule["if"]["op"]](v, if_rhs[0])]
    if not fired:
        return []
    broken = [(k, v) for k, v in _part_values(c, model, tf, rule["then"], get) if not _OPS[rule["then"]["op"]](v, then_rhs[0])]
    if not broken:
        return []
    keys: List[str] = []
    for k in [k for k, _ in broken] + [k for k, _ in fired] + [x for x in (if_rhs[1], then_rhs[1]) if x]:
        if k not in keys:
            keys.append(k)
    code = "HPC_RULE_VIOLATED" if rule["severity"] == "error" else "HPC_WARN_RULE"
    params = {"model": model, "timeframe": tf, "rule": rule["id"], "text": rule["message"]}
    return [_problem(rule["severity"], code, keys, params, rule["id"])]


class StateReport:
    def __init__(self, values: Dict[str, Value], errors: List[Problem], warnings: List[Problem], missing: List[str],
                 invalid: List[str], required: List[KeySpec]) -> None:
        self.values = values
        self.errors = errors
        self.warnings = warnings
        self.missing = missing
        self.invalid = invalid
        self.required = required


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
    invalid: set[str] = set()
    for spec in required:
        r = check_value(spec, raw(spec.key))
        if r.kind == "ok" and r.value is not None:
            values[spec.key] = r.value
        elif r.kind == "missing":
            missing.append(spec.key)
            errors.append(missing_problem(spec.key))
        elif r.problem is not None:
            invalid.add(spec.key)
            errors.append(r.problem)
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
                errors.extend(default_outside_range(c, m, tf, param, get))
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
    """Edit distance with adjacent transpositions (optimal string alignment), as src/catalog/suggest.ts."""
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if a[i - 1] == b[j - 1] else 1))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2 = prev
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

def expand_bundle(c: Catalog, b: Mapping[str, Any], path: str = "bundle") -> Dict[str, str]:
    """A complete value bundle (catalog/baseline.json) as key -> canonical text, in catalog order."""
    errors = _schema_errors("catalog/baseline.schema.json", b)
    if errors:
        raise HpconfError("HPC_FILE_INVALID", {"path": path, "details": "; ".join(m for _, m in errors)})
    out: Dict[str, str] = {}

    def pick(per: Mapping[str, Any], tf: str) -> Any:
        for k in (tf, "ALL", "TODO_PER_TF"):
            if k in per:
                return per[k]
        raise HpconfError("HPC_FILE_INVALID", {"path": path, "details": f"no value for {tf}"})

    for key, g in b["globals"].items():
        out[key] = format_value(g["value"])
    for model, params in b["models"].items():
        for param, entry in params.items():
            for tf in c.timeframes:
                out[c.param_key(model, tf, param, "default")] = format_value(pick(entry["default"], tf))
                if "range" in entry:
                    r = pick(entry["range"], tf)
                    for part in ("min", "max", "scale"):
                        out[c.param_key(model, tf, param, part)] = format_value(r[part])
    return {k.key: out[k.key] for k in c.keys if k.key in out}


def baseline_values(c: Optional[Catalog] = None) -> Dict[str, str]:
    c = c or load_catalog()
    doc = read_json(str(data_path("catalog/baseline.json")))
    assert isinstance(doc, dict)
    return expand_bundle(c, doc, "baseline.json")
