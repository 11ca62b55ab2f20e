"""Property: every state the store accepts is trainable. For random values of one model and timeframe's keys,
whenever the catalog's checks (the store's, the same rules in both SDKs) report no error, the worker's search
space builds, trial 0 replays the stored defaults inside that space with no Optuna warning, and the resolver turns
trial 0 and a sampled trial into native parameters."""
import math
import warnings

import optuna
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hpconf import Resolver
from hpconf.catalog import baseline_values, check_state, load_catalog
from hpconf_training import study

CATALOG = load_catalog()
BASE = dict(baseline_values())
PAIRS = [(m, t) for m in CATALOG.models for t in CATALOG.timeframes]


def number(draw, spec, wild=False):
    """A value inside the hard domain most of the time; anything nearby when `wild` (the store must refuse those)."""
    dom = spec["domain"]
    lo, hi = dom.get("min", -1e6), dom.get("max", dom.get("min", 0) + 10 ** draw(st.integers(0, 6)))
    if wild:
        lo, hi = lo - 2, hi + 2
    if spec["type"] == "int":
        lo_i = int(math.floor(lo)) + (1 if dom.get("minExclusive") and not wild else 0)
        return draw(st.integers(lo_i, max(lo_i, int(math.floor(hi)))))
    tiny = lo + (hi - lo) * 1e-9
    v = draw(st.one_of(st.sampled_from([lo, hi, tiny, 1e-8]), st.floats(lo, hi, allow_nan=False, allow_infinity=False)))
    if dom.get("minExclusive") and v <= lo and not wild:
        v = tiny
    return v


def text(v):
    return str(v) if isinstance(v, int) else repr(float(v))


@st.composite
def states(draw):
    model, tf = draw(st.sampled_from(PAIRS))
    env = dict(BASE)
    for p, spec in CATALOG.params(model).items():
        key = lambda part: CATALOG.param_key(model, tf, p, part)  # noqa: E731
        if spec["type"] == "enum":  # one of its values, or (one in twenty) a near miss the checks must refuse
            wild = draw(st.integers(0, 19)) == 0
            env[key("default")] = draw(st.sampled_from(spec["values"])) if not wild else draw(st.sampled_from(["", "Isotonic", "platt"]))
            continue
        if not spec.get("search"):
            env[key("default")] = text(number(draw, spec, draw(st.integers(0, 19)) == 0))
            continue
        wild = draw(st.integers(0, 19)) == 0  # one value in twenty from outside the domain
        a, b = number(draw, spec, wild), number(draw, spec)
        lo, hi = min(a, b), max(a, b)
        inside = lo + (hi - lo) * draw(st.floats(0, 1))
        default = draw(st.one_of(st.just(inside), st.just(lo), st.just(hi), st.just(number(draw, spec, wild))))
        if spec["type"] == "int":
            default = int(round(default))
        env[key("min")], env[key("max")], env[key("default")] = text(lo), text(hi), text(default)
        log_ok = spec.get("logAllowed") and (lo >= 1 if spec["type"] == "int" else lo > 0)
        env[key("scale")] = draw(st.sampled_from(["linear", "log"] if log_ok or wild else ["linear"]))
    return model, tf, env


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(states())
def test_every_accepted_state_builds_a_space_and_a_trial_0(case):
    model, tf, env = case
    report = check_state(CATALOG, env.get, model, tf)
    assume(not report.errors)  # the store would refuse this state: nothing to prove
    r = Resolver(env=env, log=lambda _: None)
    space = r.hpo_space(model, tf)
    defaults = r.resolve_all(model, tf)["defaults"]
    s = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1))
    s.enqueue_trial({p: defaults[p] for p in space})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Optuna warns (and carries on) when an enqueued value is out of range
        for n in range(2):
            t = s.ask()
            values = {p: study.suggest(t, p, d) for p, d in space.items()}
            for p, d in space.items():
                assert d._contains(d.to_internal_repr(values[p])), (p, values[p], d)
            if n == 0:
                assert values == {p: defaults[p] for p in space}
            native = r.native_params(model, tf, values if n else {})
            harness = r.harness_params(model, tf, values if n else {})
            assert set(native) == {spec["native"] for spec in CATALOG.params(model).values() if not spec.get("harness")}
            assert set(harness) == {spec["native"] for spec in CATALOG.params(model).values() if spec.get("harness")}
            s.tell(t, 0.5)
