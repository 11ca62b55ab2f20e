"""The shared vectors (spec/vectors/*.json): the TypeScript suite runs the same files."""
import math

import pytest

from sdk_vectors import vectors
from hpconf import HpconfError, Resolver
from hpconf.catalog import baseline_values
from hpconf.grammar import format_value, parse_value
from hpconf.logfmt import logfmt

GRAMMAR = vectors("value-grammar.json")
LOGFMT = vectors("logfmt.json")
RESOLVER = vectors("resolver.json")


@pytest.mark.parametrize("case", GRAMMAR, ids=lambda c: f"{c['type']}:{c['input']!r}")
def test_value_grammar(case):
    p = parse_value(case["input"], case["type"], case.get("values"))
    kind, got = p.kind, p.value
    exp = case["expect"]
    if exp.get("missing"):
        assert kind == "missing"
    elif "error" in exp:
        assert (kind, p.code) == ("error", exp["error"])
    else:
        assert kind == "ok"
        assert got == exp["value"]
        assert type(got) is {"int": int, "float": float, "enum": str}[case["type"]]
        assert format_value(got) == exp["format"]


def test_canonical_text_round_trips():
    for x in [0.1, 1e-8, 5e-5, 123.456, 1e21, -2.5e-7, 42.0, 1 / 3, 2.5e300, 1e-6, 1e-7, 123456789012345680000.0]:
        p = parse_value(format_value(x), "float")
        assert p.kind == "ok" and p.value == x and isinstance(p.value, float) and math.copysign(1, p.value) == math.copysign(1, x)


@pytest.mark.parametrize("case", LOGFMT, ids=lambda c: c["line"][:30])
def test_logfmt(case):
    assert logfmt([tuple(f) for f in case["fields"]]) == case["line"]


def build_env(spec):
    env = dict(baseline_values()) if spec["from"] == "baseline" else {}
    env.update(spec.get("set", {}))
    for k in spec.get("unset", []):
        env.pop(k, None)
    return env


def call(r: Resolver, c):
    fn, args = c["fn"], c["args"]
    if fn == "resolve":
        return r.resolve(*args, fallback=c.get("fallback"))
    if fn == "resolve_key":
        return r.resolve_key(*args, fallback=c.get("fallback"))
    if fn == "resolve_hpo_range":
        return r.resolve_hpo_range(*args)._asdict()
    if fn == "resolve_all":
        out = r.resolve_all(*args)
        return {**out, "ranges": {p: v._asdict() for p, v in out["ranges"].items()}}
    if fn == "native_params":
        return r.native_params(*args, overrides=c.get("overrides"))
    if fn == "harness_params":
        return r.harness_params(*args, overrides=c.get("overrides"))
    if fn == "hpo_space":
        return r.hpo_space_json(*args)
    raise AssertionError(fn)


@pytest.mark.parametrize("case", RESOLVER, ids=lambda c: c["name"])
def test_resolver(case):
    logs = []
    r = Resolver(env=build_env(case["env"]), log=logs.append)
    exp = case["expect"]
    if "error" in exp:
        with pytest.raises(HpconfError) as info:
            call(r, case["call"])
        assert info.value.code == exp["error"]["code"]
        if "message" in exp["error"]:
            assert info.value.message == exp["error"]["message"]
        if "message_prefix" in exp["error"]:
            assert info.value.message.startswith(exp["error"]["message_prefix"])
    else:
        assert call(r, case["call"]) == exp["value"]
        ledger = {x.key: x.source for x in r.ledger()}
        for k, src in exp.get("sources", {}).items():
            assert ledger[k] == src, k
    assert logs == exp["logs"]


EVENTS = __import__("json").loads((__import__("sdk_vectors").VECTORS / "events.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EVENTS["cases"], ids=lambda c: c["event"])
def test_events(case):
    from hpconf.events import event_line

    assert event_line(case["event"], case["fields"], case.get("level")) == case["line"]


@pytest.mark.parametrize("case", EVENTS["errors"], ids=lambda c: c["event"])
def test_event_errors(case):
    from hpconf.events import event_line

    with pytest.raises(ValueError):
        event_line(case["event"], case["fields"])
