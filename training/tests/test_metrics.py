import numpy as np
import pytest

from hpconf.catalog import load_catalog
from hpconf_training import metrics


def test_always_buy_f1_is_2p_over_1_plus_p():
    y = np.array([1, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    r = metrics.report(y, np.ones(10), 0.5)
    assert r["f1_buy"] == pytest.approx(metrics.always_buy_f1(0.2)) == pytest.approx(2 * 0.2 / 1.2)
    assert r["beats_always_buy"] is False and r["recall"] == 1.0


def test_max_f1_threshold_matches_brute_force():
    rng = np.random.default_rng(3)
    for _ in range(20):
        y = rng.integers(0, 2, 300)
        p = np.round(rng.uniform(size=300) * 0.5 + y * rng.uniform(size=300) * 0.4, 2)
        thr = metrics.max_f1_threshold(y, p)
        best = max(metrics.f1_precision_recall(y, (p >= t).astype(int))[0] for t in np.unique(p))
        assert metrics.f1_precision_recall(y, (p >= thr).astype(int))[0] == pytest.approx(best)


def test_every_catalog_objective_and_threshold_method_is_implemented():
    g = load_catalog().file["globals"]
    assert set(g["CVN_HPO_OBJECTIVE"]["values"]) == set(metrics.DIRECTION)
    y, p = np.array([0, 1, 0, 1]), np.array([0.1, 0.8, 0.3, 0.6])
    for method in g["CVN_THRESHOLD_METHOD"]["values"]:
        assert 0 <= metrics.choose_threshold(method, y, p, 0.5) <= 1
    for objective in g["CVN_HPO_OBJECTIVE"]["values"]:
        assert np.isfinite(metrics.objective_value(objective, y, p, 0.5))


def test_skill_needs_both_lower_bounds_above_zero_and_is_reproducible():
    import numpy as np
    from hpconf_training.metrics import block_length, skill

    rng = np.random.default_rng(3)
    n = 6000
    # Buys come in clusters (as they do when volatility clusters): a block bootstrap must keep them together.
    regime = np.repeat(rng.random(n // 60) < 0.35, 60)
    y = (rng.random(n) < np.where(regime, 0.7, 0.15)).astype(int)
    informed = np.clip(0.35 * y + 0.65 * rng.random(n), 0, 1)
    noise = rng.random(n)
    rs = 42  # the bootstrap's seed
    good = skill(y, informed, 0.5, 12, seed=rs)
    bad = skill(y, noise, 0.5, 12, seed=rs)
    assert good["has_skill"] and good["f1_margin"]["lo"] > 0 and good["pr_auc_margin"]["lo"] > 0
    assert not bad["has_skill"] and bad["pr_auc_margin"]["lo"] < 0 < bad["pr_auc_margin"]["hi"]
    assert good == skill(y, informed, 0.5, 12, seed=rs)  # fixed seed: the same interval every time
    assert good["block"] == block_length(n, 12) >= 12 and block_length(100, 288) == 100
    for k in ("f1_margin", "pr_auc_margin"):
        assert good[k]["lo"] <= good[k]["value"] <= good[k]["hi"]
    # Predicting buy everywhere is exactly the baseline: a margin of 0, never skill.
    always = skill(y, np.ones(n), 0.5, 12, seed=rs + 1)
    assert abs(always["f1_margin"]["value"]) < 1e-12 and not always["has_skill"]


def test_the_sdks_average_precision_is_scikit_learns_so_own_code_and_the_harness_score_alike():
    import numpy as np
    from sklearn.metrics import average_precision_score
    from hpconf import evidence
    rng = np.random.default_rng(3)
    for n in (5, 50, 2000):
        y = (rng.random(n) < 0.3).astype(int)
        y[0], y[1] = 0, 1
        for p in (rng.random(n), np.round(rng.random(n), 1)):  # with and without ties
            assert abs(evidence.average_precision(y, p) - average_precision_score(y, p)) < 1e-12
    assert evidence.average_precision(np.zeros(4, dtype=int), rng.random(4)) == 0.0
    y = (rng.random(800) < 0.3).astype(int)
    p, q = rng.random(800), rng.random(800)
    own = evidence.versus(y, p, 0.5, q, 0.4, 12, seed=1, resamples_=200)
    harness = metrics.versus(y, p, 0.5, q, 0.4, 12, seed=1, resamples=200)
    for k in ("f1", "pr_auc"):
        for b in ("value", "lo", "hi"):
            assert abs(own[k][b] - harness[k][b]) < 1e-12
