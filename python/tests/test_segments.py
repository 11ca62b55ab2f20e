"""Segment resolution against the shared vectors (spec/vectors/segments.json), as the TypeScript suite checks them."""
import pytest

from hpconf import HpconfError
from hpconf.catalog import baseline_values
from hpconf.resolver import Resolver
from hpconf.segments import groups_of, layers_of, parse_address, parse_group, resolve_in
from sdk_vectors import vectors

CASES = vectors("segments.json")


def test_the_vectors_hold_200_or_more_queries():
    assert sum(len(c["queries"]) for c in CASES) >= 200


@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_every_query_resolves_to_its_value_and_layer(case):
    state = case["state"]
    g = groups_of(state)
    for q in case["queries"]:
        r = resolve_in(state, g, q["segment"], q["key"])
        assert (r.value if r else None, r.layer if r else None) == (q["value"], q["layer"]), (q, state)
    res = Resolver(env=state, segment=case["flat"]["segment"], log=lambda _l: None)
    for k, layer in case["flat"]["layers"].items():
        assert res.layer(k) == layer
        assert res.env[k] == case["flat"]["values"][k]


def test_addresses_groups_and_priority_order():
    assert parse_address("CVN_X@UNI") == ("CVN_X", "UNI")
    assert parse_address("CVN_X@group:defi_top5") == ("CVN_X", "group:defi_top5")
    for bad in ["CVN_X@uni", "CVN_X@group:Bad", "CVN_X@"]:
        with pytest.raises(HpconfError) as e:
            parse_address(bad)
        assert e.value.code == "HPC_SEGMENT_INVALID"
    assert parse_group("group:a", " uni ,AAVE, uni ; priority = 3") == (("UNI", "AAVE"), 3)
    g = groups_of({"group:b": "UNI", "group:a": "UNI", "group:c": "UNI;priority=1", "group:d": "UNI;priority=-2"})
    assert layers_of("UNI", g) == ["UNI", "group:c", "group:d", "group:a", "group:b", "base"]


def test_resolver_with_a_segment_over_a_layered_snapshot():
    env = dict(baseline_values())
    env.update({"group:defi_top5": "UNI,AAVE", "CVN_HPO_XGB_5M_LEARNING_RATE@UNI": "0.09", "CVN_HPO_XGB_5M_MAX_DEPTH@group:defi_top5": "7"})
    uni = Resolver(env=env, segment="UNI", log=lambda _l: None)
    assert uni.resolve_float("xgb", "5m", "LEARNING_RATE") == 0.09
    assert uni.resolve_int("xgb", "5m", "MAX_DEPTH") == 7
    assert [uni.layer(k) for k in ("CVN_HPO_XGB_5M_LEARNING_RATE", "CVN_HPO_XGB_5M_MAX_DEPTH", "CVN_HPO_XGB_5M_GAMMA")] == ["UNI", "group:defi_top5", "base"]
    assert Resolver(env=env, segment="SOL", log=lambda _l: None).resolve_float("xgb", "5m", "LEARNING_RATE") == 0.07
    assert Resolver(env=env, log=lambda _l: None).resolve_float("xgb", "5m", "LEARNING_RATE") == 0.07
    with pytest.raises(HpconfError):
        Resolver(env=env, segment="uni")
