"""Strict resolution of hyperparameters from the process environment (mirrors src/resolver/resolver.ts)."""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, TypedDict, Union

from .catalog import (
    _SLOW, REDACTED, Catalog, KeySpec, Lookup, Problem, check_range, check_rule, check_state, check_value, did_you_mean,
    fast_checker, load_catalog, missing_problem,
)
from .errors import HpconfError
from .events import event_line
from .grammar import Value, format_value

if TYPE_CHECKING:
    import threading

_LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}  # logging's levels, without importing it


def __getattr__(name: str) -> Any:
    # `logger` (the `hpconf` logger, where events go when the application configured logging) is made on
    # first use: importing logging would cost every `import hpconf` 4 ms.
    if name == "logger":
        import logging

        return logging.getLogger("hpconf")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class HpoRange(NamedTuple):
    min: float
    max: float
    scale: str


class Resolution(NamedTuple):
    key: str
    value: Value
    source: str  # env | fallback | hpo


class ResolvedSet(TypedDict):
    """Every key of one model and timeframe with the globals: defaults and ranges by parameter, globals by key."""
    defaults: Dict[str, Value]
    ranges: Dict[str, HpoRange]
    globals: Dict[str, Value]


def _raise(problems: Sequence[Problem], scope: str) -> None:
    """One problem raises its own error; several raise one error listing them all."""
    if len(problems) == 1:
        raise problems[0].error()
    details = "\n".join(f" - {p.message}" for p in problems)
    raise HpconfError("HPC_RESOLVE_FAILED", {"count": len(problems), "scope": scope, "details": details}, list(problems))


def _report_fallback(report: Mapping[str, str], key: str, fallback: str) -> threading.Thread:
    """Fire-and-forget on a daemon thread: a Console that is down or slow never holds up or fails a training."""
    def send() -> None:
        try:
            import json
            import socket
            import urllib.request  # only when a fallback is reported: importing it costs every worker 15 ms

            req = urllib.request.Request(report["url"].rstrip("/") + "/api/v1/fallbacks", method="POST",
                                         data=json.dumps({"key": key, "fallback": fallback, "host": socket.gethostname()}).encode(),
                                         headers={"authorization": f"Bearer {report['token']}", "content-type": "application/json"})
            urllib.request.urlopen(req, timeout=2).close()
        except Exception:  # noqa: BLE001 - best effort by design
            pass
    import threading

    t = threading.Thread(target=send, daemon=True)
    t.start()
    return t


def emit(line: str) -> None:
    """An event line: through the `hpconf` logger when the application configured logging (so it joins the
    application's log pipeline once), else straight to stderr, so a worker that configures nothing still shows it."""
    logging = sys.modules.get("logging")  # an application that configured logging has imported it
    if logging is not None and logging.getLogger("hpconf").hasHandlers():
        logging.getLogger("hpconf").log(_LEVELS.get(line[6:line.find(" ")], 20), line)
    else:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _typed(spec_key: str, v: Value, want: str) -> Union[int, float, str]:
    """The value as the type the caller asked for: an int widens to float; anything else is the caller's mistake."""
    if want == "float" and isinstance(v, (int, float)):
        return float(v)
    if want == "int" and isinstance(v, int):
        return v
    if want == "str" and isinstance(v, str):
        return v
    have = "text" if isinstance(v, str) else "an integer" if isinstance(v, int) else "a float"
    raise HpconfError("HPC_VALUE_WRONG_TYPE", {"key": spec_key, "have": have, "want": want})


Plan = Tuple[KeySpec, Optional[Callable[[Lookup], List[Problem]]], Callable[[Optional[str]], Any], List[str], List[Any]]


class Resolver:
    """Reads keys from `env` (os.environ by default), checks them by the catalog, records every source.

    Every answer is memoised on the raw texts it was computed from (the key's own and those its rules read),
    so a repeated read costs the environment lookups and a comparison, and a changed text is seen at once.
    """

    def __init__(self, env: Optional[Mapping[str, str]] = None, catalog: Optional[Catalog] = None,
                 log: Optional[Callable[[str], None]] = None, report: Optional[Mapping[str, str]] = None,
                 segment: Optional[str] = None):
        """`segment` (a token, ``UNI``, or ``group:NAME``): resolve over a layered snapshot (base keys, overrides
        ``KEY@SEGMENT`` and group definitions, as ``ConsoleValues(layered=True)`` reads), token first, then its groups
        by priority, then the base; ``layer(key)`` says which gave a value."""
        self.catalog = catalog or load_catalog()
        self.segment = segment
        self._layers: Dict[str, str] = {}
        if segment is None:
            self.env: Mapping[str, str] = os.environ if env is None else env
        else:
            from .segments import flatten, is_segment  # only where segments are used

            if not is_segment(segment):
                raise HpconfError("HPC_SEGMENT_INVALID", {"segment": segment, "address": f"segment {segment}"})
            flat = flatten(os.environ if env is None else env, segment, (k.key for k in self.catalog.keys))
            self.env = {k: r.value for k, r in flat.items()}
            self._layers = {k: r.layer for k, r in flat.items()}
        # Also report each fallback to a Console (best effort), by default HPCONF_REPORT_URL with HPCONF_TOKEN.
        if report is None and self.env.get("HPCONF_REPORT_URL") and self.env.get("HPCONF_TOKEN"):
            report = {"url": self.env["HPCONF_REPORT_URL"], "token": self.env["HPCONF_TOKEN"]}
        self._report = report
        self._log = log or emit
        self._ledger: Dict[str, Resolution] = {}
        self._plans: Dict[Tuple[str, str, str], Plan] = {}
        # (model, timeframe) -> the keys it reads, in catalog order; and memos of whole-set answers.
        self._set_keys: Dict[Tuple[str, str], List[str]] = {}
        self._memo: Dict[Tuple[str, ...], Tuple[Tuple[Optional[str], ...], Any, List[Resolution]]] = {}

    # -- names -----------------------------------------------------------------------------
    def _model(self, model: str) -> str:
        m = model.upper()
        if m not in self.catalog.models:
            raise HpconfError("HPC_MODEL_UNKNOWN", {"model": model, "known": ", ".join(self.catalog.models)})
        return m

    def _timeframe(self, tf: str) -> str:
        t = tf.upper()
        if t not in self.catalog.timeframes:
            raise HpconfError("HPC_TIMEFRAME_UNKNOWN", {"timeframe": tf, "known": ", ".join(self.catalog.timeframes)})
        return t

    def _param(self, m: str, param: str) -> str:
        p = param.upper()
        params = self.catalog.params(m)
        if p not in params:
            raise HpconfError("HPC_PARAM_UNKNOWN", {"param": param, "model": m, "hint": did_you_mean(p, params)})
        return p

    def _record(self, key: str, value: Value, source: str) -> Value:
        self._ledger[key] = Resolution(key, value, source)
        return value

    def _env_lookup(self, key: str) -> Optional[Value]:
        spec = self.catalog.by_key.get(key)
        if spec is None:
            return None
        r = check_value(spec, self.env.get(key))
        return r.value if r.kind == "ok" else None

    def _involved_rules(self, m: str, p: str) -> bool:
        return any(r["model"] == m and r["severity"] == "error" and p in (
            r["if"]["param"], r["then"]["param"], r["if"].get("pow2Of"), r["then"].get("pow2Of")) for r in self.catalog.rules)

    def _error_rules_for(self, m: str, t: str, p: str, get: Lookup) -> List[Problem]:
        out: List[Problem] = []
        for rule in self.catalog.rules:
            if rule["model"] != m or rule["severity"] != "error":
                continue
            if p not in (rule["if"]["param"], rule["then"]["param"], rule["if"].get("pow2Of"), rule["then"].get("pow2Of")):
                continue
            out.extend(check_rule(self.catalog, rule, t, get))
        return out

    def _rule_deps(self, m: str, t: str) -> List[str]:
        """Every key an error rule of this model and timeframe reads."""
        return sorted({self.catalog.param_key(m, t, c["param"] if f == "param" else c.get("pow2Of", ""), part)
                       for r in self.catalog.rules if r["model"] == m and r["severity"] == "error"
                       for c in (r["if"], r["then"]) for f in ("param", "pow2Of") if f == "param" or c.get("pow2Of")
                       for part in (c["parts"] if f == "param" else ["default"])})

    def _fallback_line(self, spec: KeySpec, value: Value) -> str:
        return event_line("hpo_fallback_applied", {"model": spec.model, "timeframe": spec.timeframe, "param": spec.param, "key": spec.key,
                                                   "fallback": REDACTED if spec.secret else format_value(value), "reason": "env_key_missing"})

    def _resolve_spec(self, spec: KeySpec, fallback: Optional[Value], rules: Callable[[Lookup], List[Problem]]) -> Value:
        r = check_value(spec, self.env.get(spec.key))
        if r.problem is not None:
            _raise([r.problem], spec.key)
        source = "env"
        if r.kind == "ok" and r.value is not None:
            value: Value = r.value
        else:
            if fallback is None:
                _raise([missing_problem(spec.key)], spec.key)
                raise AssertionError("unreachable")
            f = check_value(spec, format_value(fallback))
            if f.kind != "ok" or f.value is None:
                reason = f.problem.message if f.problem is not None else "empty"
                raise HpconfError("HPC_FALLBACK_INVALID", {"key": spec.key, "reason": reason})
            value, source = f.value, "fallback"
        broken = rules(lambda k: value if k == spec.key else self._env_lookup(k))
        if broken:
            _raise(broken, spec.key)
        if source == "fallback":
            self._log(self._fallback_line(spec, value))
            if self._report:
                _report_fallback(self._report, spec.key, REDACTED if spec.secret else format_value(value))
        return self._record(spec.key, value, source)

    # -- one parameter -----------------------------------------------------------------------
    def _plan(self, model: str, timeframe: str, param: str) -> Plan:
        """The key's spec and its rule check for (model, timeframe, param) as the caller spells them, built once."""
        m, t = self._model(model), self._timeframe(timeframe)
        p = self._param(m, param)
        involved = self._involved_rules(m, p)
        rules: Optional[Callable[[Lookup], List[Problem]]] = (lambda get: self._error_rules_for(m, t, p, get)) if involved else None
        spec = self.catalog.by_key[self.catalog.param_key(m, t, p, "default")]
        deps = [k for k in self._rule_deps(m, t) if k != spec.key] if involved else []
        return spec, rules, fast_checker(spec), deps, [None, None]

    def resolve(self, model: str, timeframe: str, param: str, fallback: Optional[Value] = None) -> Value:
        """The typed default of one parameter; the fallback only when the key is missing (with a WARN line)."""
        plan = self._plans.get((model, timeframe, param))
        if plan is None:
            plan = self._plans[(model, timeframe, param)] = self._plan(model, timeframe, param)
        spec, rules, fast, deps, memo = plan
        env = self.env
        raw = env.get(spec.key)
        texts = (raw, *[env.get(k) for k in deps]) if deps else raw
        if raw is not None and texts == memo[0]:  # the same texts as last time: the same answer
            res: Resolution = memo[1]
            self._ledger[spec.key] = res
            return res.value
        if rules is None:
            got = fast(raw)
            if got is _SLOW:  # missing or invalid: the full path explains it
                return self._resolve_spec(spec, fallback, lambda get: [])
            v: Value = got
        else:
            v = self._resolve_spec(spec, fallback, rules)
            if self._ledger[spec.key].source != "env":
                return v
        memo[0], memo[1] = texts, Resolution(spec.key, v, "env")
        self._ledger[spec.key] = memo[1]
        return v

    def resolve_float(self, model: str, timeframe: str, param: str, fallback: Optional[float] = None) -> float:
        """resolve() for a number read as a float (an integer parameter widens)."""
        v = _typed(self.catalog.param_key(self._model(model), self._timeframe(timeframe), param.upper(), "default"), self.resolve(model, timeframe, param, fallback), "float")
        assert isinstance(v, float)
        return v

    def resolve_int(self, model: str, timeframe: str, param: str, fallback: Optional[int] = None) -> int:
        """resolve() for an integer parameter; a float parameter is HPC_VALUE_WRONG_TYPE."""
        v = _typed(self.catalog.param_key(self._model(model), self._timeframe(timeframe), param.upper(), "default"), self.resolve(model, timeframe, param, fallback), "int")
        assert isinstance(v, int)
        return v

    def resolve_key(self, key: str, fallback: Optional[Value] = None) -> Value:
        """A cross-cutting key (CVN_EARLY_STOPPING_ROUNDS...) or any catalog key by name, memoised on its texts."""
        spec = self.catalog.by_key.get(key)
        if spec is None:
            raise HpconfError("HPC_KEY_UNKNOWN", {"key": key, "hint": did_you_mean(key, self.catalog.by_key)})
        deps = self._rule_deps(spec.model, spec.timeframe or "") if spec.model and self._involved_rules(spec.model, spec.param or "") else []
        memo_key = ("key", key)
        texts = tuple(self.env.get(k) for k in [key, *deps])
        hit = self._memo.get(memo_key)
        if texts[0] is not None and hit is not None and hit[0] == texts:
            self._ledger.update((x.key, x) for x in hit[2])
            return hit[1]  # type: ignore[no-any-return]
        if spec.model and spec.timeframe and spec.param:
            m, t, p = spec.model, spec.timeframe, spec.param
            v = self._resolve_spec(spec, fallback, lambda get: self._error_rules_for(m, t, p, get))
        else:
            v = self._resolve_spec(spec, fallback, lambda get: [])
        if self._ledger[key].source == "env":
            self._memo[memo_key] = (texts, v, [self._ledger[key]])
        return v

    def resolve_key_int(self, key: str, fallback: Optional[int] = None) -> int:
        v = _typed(key, self.resolve_key(key, fallback), "int")
        assert isinstance(v, int)
        return v

    def resolve_key_float(self, key: str, fallback: Optional[float] = None) -> float:
        v = _typed(key, self.resolve_key(key, fallback), "float")
        assert isinstance(v, float)
        return v

    def resolve_key_str(self, key: str, fallback: Optional[str] = None) -> str:
        v = _typed(key, self.resolve_key(key, fallback), "str")
        assert isinstance(v, str)
        return v

    def resolve_hpo_range(self, model: str, timeframe: str, param: str) -> HpoRange:
        """(min, max, scale): all three keys required, no fallback; memoised on the texts it reads."""
        m, t = self._model(model), self._timeframe(timeframe)
        p = self._param(m, param)
        if not self.catalog.params(m)[p]["search"]:
            raise HpconfError("HPC_PARAM_NOT_SEARCHABLE", {"model": m, "param": p})
        parts = [self.catalog.param_key(m, t, p, part) for part in ("min", "max", "scale")]
        read = parts + [k for k in self._rule_deps(m, t) if k not in parts] if self._involved_rules(m, p) else parts
        memo_key = ("range", m, t, p)
        texts = tuple(self.env.get(k) for k in read)
        hit = self._memo.get(memo_key)
        if hit is not None and hit[0] == texts:
            self._ledger.update((x.key, x) for x in hit[2])
            return hit[1]  # type: ignore[no-any-return]
        problems: List[Problem] = []
        got: Dict[str, Value] = {}
        for key in parts:
            r = check_value(self.catalog.by_key[key], self.env.get(key))
            if r.kind == "ok" and r.value is not None:
                got[key] = r.value
            else:
                problems.append(r.problem if r.problem is not None else missing_problem(key))
        lookup: Lookup = lambda k: got[k] if k in got else self._env_lookup(k)
        problems += check_range(self.catalog, m, t, p, lookup) + self._error_rules_for(m, t, p, lookup)
        if problems:
            _raise(problems, f"{m} {t} {p} range")
        for k, v in got.items():
            self._record(k, v, "env")
        lo, hi, scale = (got[k] for k in parts)
        assert not isinstance(lo, str) and not isinstance(hi, str) and isinstance(scale, str)
        out = HpoRange(lo, hi, scale)
        self._memo[memo_key] = (texts, out, [self._ledger[k] for k in parts])
        return out

    # -- a whole model and timeframe -----------------------------------------------------------
    def _keys_of(self, m: str, t: str) -> List[str]:
        keys = self._set_keys.get((m, t))
        if keys is None:
            keys = self._set_keys[(m, t)] = [k.key for k in self.catalog.keys if k.kind == "global" or (k.model == m and k.timeframe == t)]
        return keys

    def resolve_all(self, model: str, timeframe: str) -> ResolvedSet:
        """Every key of a model and timeframe plus the globals, checked together: one error lists every problem."""
        m, t = self._model(model), self._timeframe(timeframe)
        keys = self._keys_of(m, t)
        env = self.env
        texts = tuple(env.get(k) for k in keys)
        memo_key = ("all", m, t)
        hit = self._memo.get(memo_key)
        if hit is not None and hit[0] == texts:
            self._ledger.update((x.key, x) for x in hit[2])
            cached: ResolvedSet = hit[1]
            return {"defaults": dict(cached["defaults"]), "ranges": dict(cached["ranges"]), "globals": dict(cached["globals"])}
        report = check_state(self.catalog, env.get, m, t)
        if report.errors:
            _raise(report.errors, f"{m} {t}")
        out: ResolvedSet = {"defaults": {}, "ranges": {}, "globals": {}}
        parts: Dict[str, Dict[str, Value]] = {}
        for spec in report.required:
            v = self._record(spec.key, report.values[spec.key], "env")
            if spec.kind == "global":
                out["globals"][spec.key] = v
            elif spec.kind == "default" and spec.param:
                out["defaults"][spec.param] = v
            elif spec.param:
                parts.setdefault(spec.param, {})[spec.kind] = v
        for p, r in parts.items():
            lo, hi, scale = r["min"], r["max"], r["scale"]
            assert not isinstance(lo, str) and not isinstance(hi, str) and isinstance(scale, str)
            out["ranges"][p] = HpoRange(lo, hi, scale)
        self._memo[memo_key] = (texts, out, [self._ledger[k] for k in keys])
        return {"defaults": dict(out["defaults"]), "ranges": dict(out["ranges"]), "globals": dict(out["globals"])}

    def _trial_params(self, model: str, timeframe: str, overrides: Optional[Mapping[str, Value]]) -> Tuple[str, Dict[str, Value]]:
        """Every parameter with `overrides` (HPO trial values by catalog parameter name) applied: each must be
        searchable and inside the resolved range; the rules hold for the result."""
        m, t = self._model(model), self._timeframe(timeframe)
        overrides = dict(overrides or {})
        resolved = self.resolve_all(m, t)
        params = self.catalog.params(m)
        final: Dict[str, Value] = dict(resolved["defaults"])
        problems: List[Problem] = []
        used: List[str] = []
        for name, v in overrides.items():
            p = self._param(m, name)
            if not params[p]["search"]:
                raise HpconfError("HPC_PARAM_NOT_SEARCHABLE", {"model": m, "param": p})
            key = self.catalog.param_key(m, t, p, "default")
            r = check_value(self.catalog.by_key[key], format_value(v))
            rng = resolved["ranges"][p]
            if r.problem is not None:
                problems.append(r.problem)
                continue
            got = r.value
            if r.kind != "ok" or got is None or isinstance(got, str) or not (rng.min <= got <= rng.max):
                raise HpconfError("HPC_OVERRIDE_INVALID", {"key": key, "value": format_value(v),
                                                           "min": format_value(rng.min), "max": format_value(rng.max)})
            final[p] = got
            used.append(p)

        def final_lookup(k: str) -> Optional[Value]:
            spec = self.catalog.by_key.get(k)
            if spec is not None and spec.kind == "default" and spec.model == m and spec.timeframe == t and spec.param:
                return final.get(spec.param)
            return None

        for rule in self.catalog.rules:
            if rule["model"] == m and rule["severity"] == "error":
                problems += check_rule(self.catalog, rule, t, final_lookup)
        if problems:
            _raise(problems, f"{m} {t} native params")
        for p in params:
            if p in used:
                self._record(self.catalog.param_key(m, t, p, "default"), final[p], "hpo")
        return m, final

    def _pick(self, model: str, timeframe: str, overrides: Optional[Mapping[str, Value]], harness: bool) -> Dict[str, Value]:
        m, final = self._trial_params(model, timeframe, overrides)
        return {d["native"]: final[p] for p, d in self.catalog.params(m).items() if bool(d.get("harness", False)) == harness}

    def native_params(self, model: str, timeframe: str, overrides: Optional[Mapping[str, Value]] = None) -> Dict[str, Value]:
        """The dict the model's library takes (one canonical native name per parameter), built only from
        resolved values; `overrides` (HPO trial values by catalog parameter name) must lie in the resolved range.
        Harness parameters (loss, calibration) are left out: see harness_params."""
        return self._pick(model, timeframe, overrides, False)

    def harness_params(self, model: str, timeframe: str, overrides: Optional[Mapping[str, Value]] = None) -> Dict[str, Value]:
        """The harness parameters (focal loss, calibration) under their native names, with the same overrides and checks."""
        return self._pick(model, timeframe, overrides, True)

    def hpo_space_json(self, model: str, timeframe: str) -> Dict[str, Dict[str, Any]]:
        """The search space in Optuna's JSON distribution form, keyed by catalog parameter name."""
        m, t = self._model(model), self._timeframe(timeframe)
        resolved = self.resolve_all(m, t)
        out: Dict[str, Dict[str, Any]] = {}
        for p, d in self.catalog.params(m).items():
            if not d["search"]:
                continue
            r = resolved["ranges"][p]
            log = r.scale == "log"
            if d["type"] == "int":
                out[p] = {"name": "IntDistribution", "attributes": {"low": int(r.min), "high": int(r.max), "log": log, "step": 1}}
            else:
                out[p] = {"name": "FloatDistribution", "attributes": {"low": float(r.min), "high": float(r.max), "log": log, "step": None}}
        return out

    def hpo_space(self, model: str, timeframe: str) -> Dict[str, Any]:
        """The search space as Optuna distributions, built only from resolved ranges (needs hpconf[optuna])."""
        import json

        try:
            from optuna.distributions import json_to_distribution
        except ImportError as e:  # an optional extra: say what to install
            raise HpconfError("HPC_EXTRA_MISSING", {"feature": "hpo_space", "extra": "optuna", "module": "optuna"}) from e
        return {p: json_to_distribution(json.dumps(d)) for p, d in self.hpo_space_json(model, timeframe).items()}

    def layer(self, key: str) -> Optional[str]:
        """With a segment: the layer that gave a key's value (the token, ``group:NAME`` or ``base``); else ``base``."""
        if self.segment is None:
            return "base" if key in self.env else None
        return self._layers.get(key)

    def ledger(self) -> List[Resolution]:
        """Every value resolved so far with its source: what a run manifest records."""
        return list(self._ledger.values())
