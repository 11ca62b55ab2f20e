"""Property: every layered state the store's checks accept is trainable for every segment. Random overrides (of
defaults and of range bounds) for random tokens and groups over the baseline, one model and timeframe at a time;
where each segment's effective state passes the catalog's checks (what the store runs on write, per segment),
each segment's search space builds and trial 0 replays that segment's defaults inside it, with no Optuna warning.

The number of cases is HPCONF_SEGMENT_CASES (10,000 by default: a run of this file); the checks are cheap, the
Optuna part runs where a state is accepted."""
import os
import random
import warnings

import optuna
import pytest

from hpconf import Resolver
from hpconf.catalog import baseline_values, check_state, load_catalog
from hpconf.segments import flatten, groups_of
from hpconf_training import study

CATALOG = load_catalog()
BASE = dict(baseline_values())
PAIRS = [(m, t) for m in CATALOG.models for t in CATALOG.timeframes]
TOKENS = ["UNI", "AAVE", "LINK", "MKR", "CRV"]
CASES = int(os.environ.get("HPCONF_SEGMENT_CASES", "10000"))
optuna.logging.set_verbosity(optuna.logging.ERROR)


def perturb(rnd, spec, base_text):
    """A value near the base one: inside the domain mostly, sometimes far out (the checks must refuse those)."""
    v = float(base_text)
    span = max(abs(v), 1.0)
    x = v + rnd.uniform(-1, 1) * span * rnd.choice([0.1, 0.5, 2.0])
    return str(int(round(x))) if spec["type"] == "int" else repr(x)


def a_state(rnd):
    model, tf = rnd.choice(PAIRS)
    state = dict(BASE)
    groups = {"group:defi_top5": ",".join(TOKENS) + ";priority=10", "group:large": "UNI,LINK;priority=20"}
    state.update(groups)
    params = [(p, s) for p, s in CATALOG.params(model).items() if s["type"] in ("int", "float")]
    for _ in range(rnd.randint(1, 6)):
        p, spec = rnd.choice(params)
        parts = ["default", "min", "max"] if spec.get("search") else ["default"]
        part = rnd.choice(parts)
        key = CATALOG.param_key(model, tf, p, part)
        seg = rnd.choice(TOKENS + list(groups))
        state[f"{key}@{seg}"] = perturb(rnd, spec, BASE[key])
    return model, tf, state


def accepted(model, tf, state):
    """The store's per-segment checks: each segment's flattened state passes the catalog's rules."""
    # Only what the checks of this model and timeframe read: its keys and the cross-cutting ones.
    keys = [k.key for k in CATALOG.keys if k.kind == "global" or (k.model == model and k.timeframe == tf)]
    flats = {}
    groups = groups_of(state)
    for seg in TOKENS + list(groups):
        flat = {k: r.value for k, r in flatten(state, seg, keys, groups).items()}
        if check_state(CATALOG, flat.get, model, tf).errors:
            return None
        flats[seg] = flat
    return flats


@pytest.mark.parametrize("chunk", range(10))
def test_every_accepted_layered_state_builds_a_space_and_trial_0_for_every_segment(chunk):
    rnd = random.Random(20261202 + chunk)
    n_accepted = n_refused = 0
    for _ in range(CASES // 10):
        model, tf, state = a_state(rnd)
        flats = accepted(model, tf, state)
        if flats is None:
            n_refused += 1
            continue
        n_accepted += 1
        for seg, flat in flats.items():
            r = Resolver(env=state, segment=seg, log=lambda _l: None)
            assert {k: r.env[k] for k in flat} == flat  # the resolver reads what the checks checked
            space = r.hpo_space(model, tf)
            defaults = r.resolve_all(model, tf)["defaults"]
            s = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
            s.enqueue_trial({p: defaults[p] for p in space})
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                t = s.ask()
                values = {p: study.suggest(t, p, d) for p, d in space.items()}
            assert values == {p: defaults[p] for p in space}, (seg, state)
            for p, d in space.items():
                assert d._contains(d.to_internal_repr(values[p])), (seg, p, values[p], d)
    # Both kinds occur: the generator reaches states the checks refuse and states they accept.
    assert n_accepted > 0 and n_refused > 0, (n_accepted, n_refused)
