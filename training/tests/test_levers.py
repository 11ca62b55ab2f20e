"""The training levers of the catalog: focal loss, calibration, regime weights, the threshold sweep and its buy-rate cap."""
import numpy as np
import pandas as pd
import pytest

from harness_fixtures import FIXTURES, STEP_5M, settings
from hpconf import Resolver
from hpconf_training import calibration, data, focal, metrics, regime, storage, study
from hpconf_training.dataset import prepare
from hpconf_training.trainers import TRAINERS, Extras


# --- focal loss -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 3.5])
@pytest.mark.parametrize("alpha", [0.25, 0.5, 0.8])
def test_focal_gradient_and_hessian_match_finite_differences(gamma, alpha):
    x = np.linspace(-8, 8, 161)
    for y in (np.zeros_like(x), np.ones_like(x)):
        g, h = focal.grad_hess(y, x, gamma, alpha, clip=False)
        eps = 1e-5
        fd_g = (focal.loss(y, x + eps, gamma, alpha) - focal.loss(y, x - eps, gamma, alpha)) / (2 * eps)
        fd_h = (focal.grad_hess(y, x + eps, gamma, alpha, clip=False)[0] - focal.grad_hess(y, x - eps, gamma, alpha, clip=False)[0]) / (2 * eps)
        np.testing.assert_allclose(g, fd_g, rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(h, fd_h, rtol=1e-4, atol=1e-7)
        _, hc = focal.grad_hess(y, x, gamma, alpha)
        assert (hc >= focal.MIN_HESSIAN).all() and np.array_equal(hc, np.maximum(h, focal.MIN_HESSIAN))


def test_focal_at_gamma_0_and_alpha_half_is_log_loss():
    x = np.linspace(-6, 6, 50)
    p = 1 / (1 + np.exp(-x))
    for y in (np.zeros_like(x), np.ones_like(x)):
        g, h = focal.grad_hess(y, x, 0.0, 0.5)
        np.testing.assert_allclose(g, p - y, atol=1e-12)
        np.testing.assert_allclose(h, np.maximum(p * (1 - p), focal.MIN_HESSIAN), atol=1e-12)
        np.testing.assert_allclose(focal.loss(y, x, 0.0, 0.5), -(y * np.log(p) + (1 - y) * np.log(1 - p)), atol=1e-9)
    assert focal.is_plain(0, 0.5) and not focal.is_plain(0.1, 0.5) and focal.catboost_params(0, 0.5) == {}


@pytest.fixture(scope="module")
def prepared():
    df = data.read_candles(FIXTURES / "CRV_USDT-5m.csv.gz", 5 * 60_000)
    return prepare(df, STEP_5M, settings())


@pytest.mark.parametrize("library", ["xgboost", "lightgbm", "catboost"])
def test_each_library_trains_on_the_focal_loss_and_predicts_probabilities(library, prepared):
    d = prepared
    native = {"xgboost": {"n_estimators": 30, "max_depth": 3}, "lightgbm": {"n_estimators": 30, "num_leaves": 7},  # hpconf: ignore[HP001] small fixed models keep the test fast; it checks the loss, not the values
              "catboost": {"iterations": 30, "depth": 3}}[library]
    tr = TRAINERS[library]
    plain = tr.fit(native, 5, 1, d["X_train"], d["y_train"], d["X_valid"], d["y_valid"])
    foc = tr.fit(native, 5, 1, d["X_train"], d["y_train"], d["X_valid"], d["y_valid"], Extras((2.0, 0.25)))
    p0, p1 = tr.predict(plain, d["X_valid"]), tr.predict(foc, d["X_valid"])
    assert ((p1 > 0) & (p1 < 1)).all() and not np.allclose(p0, p1)
    if library == "catboost":
        assert foc.get_params()["loss_function"] == "Focal:focal_alpha=0.25;focal_gamma=2.0"
    else:
        assert callable(foc.get_params()["objective"])


def test_focal_values_reach_the_library_only_from_the_resolver(baseline_env, prepared, monkeypatch):
    env = dict(baseline_env, CVN_HPO_N_TRIALS="1", CVN_HPO_CB_5M_FOCAL_GAMMA="1.5", CVN_HPO_CB_5M_FOCAL_GAMMA_RANGE_MAX="3",
               CVN_HPO_CB_5M_FOCAL_ALPHA="0.4", CVN_HPO_CB_5M_FOCAL_ALPHA_RANGE_MIN="0.25", CVN_HPO_CB_5M_ITERATIONS="30")
    env["CVN_HPO_CB_5M_ITERATIONS_RANGE_MIN"] = "30"
    seen = []
    real = TRAINERS["catboost"]
    monkeypatch.setitem(TRAINERS, "catboost", real.__class__(lambda *a, **k: seen.append(real.fit(*a, **k)) or seen[-1], real.predict, real.runtime))
    r = Resolver(env=env, log=lambda _: None)
    out = study.run(r, "CB", "5m", "CRV", prepared, threads=1, backend=storage.open_backend("memory"), run_id="t")
    assert seen[0].get_params()["loss_function"] == "Focal:focal_alpha=0.4;focal_gamma=1.5"
    assert out.harness == {"calibration": "none", "focal_gamma": 1.5, "focal_alpha": 0.4}  # hpconf: ignore[HP001] the test sets these through the resolver on purpose: they must reach the library


# --- calibration ------------------------------------------------------------------------------------------------

def test_calibration_is_fitted_on_validation_only_test_labels_change_nothing_but_the_test_figures(baseline_env, tmp_path, monkeypatch):
    from hpconf_training import dataset, worker

    env = dict(baseline_env, CVN_HPO_N_TRIALS="1", CVN_HPO_XGB_5M_CALIBRATION="isotonic", CVN_HPO_XGB_5M_N_ESTIMATORS="200",
               CVN_HPO_XGB_5M_N_ESTIMATORS_RANGE_MIN="200")
    real = dataset.prepare
    manifests = {}
    for flip in (False, True):
        def prepare_flipped(*a, **k):
            d = real(*a, **k)
            if flip:  # the future the model is judged on, replaced: a leak would move the calibrator or the threshold
                d["y_test"] = np.random.default_rng(0).permutation(1 - d["y_test"])
                d["X_test"] = d["X_test"][::-1].copy()
            return d
        monkeypatch.setattr(dataset, "prepare", prepare_flipped)
        manifests[flip] = worker.train("XGB", "5m", "CRV", FIXTURES, "USDT", "t", Resolver(env=env, log=lambda _: None))
    a, b = manifests[False], manifests[True]
    assert a["calibration"]["method"] == "isotonic" and a["calibration"]["fitted_on"] == "validation"
    assert a["threshold"]["value"] == b["threshold"]["value"]
    assert a["calibration"]["brier_valid"] == b["calibration"]["brier_valid"]
    assert a["metrics"]["validation"] == b["metrics"]["validation"]
    assert a["calibration"]["brier_test"] != b["calibration"]["brier_test"]
    # Isotonic on validation lowers the validation Brier score (in-sample) and reports both.
    assert a["calibration"]["brier_valid"]["after"] <= a["calibration"]["brier_valid"]["before"]


@pytest.mark.parametrize("method", ["sigmoid", "isotonic"])
def test_calibrators_fix_a_miscalibrated_model_out_of_sample(method):
    rng = np.random.default_rng(5)
    true_p = rng.uniform(0.05, 0.6, 8000)
    y = (rng.uniform(size=8000) < true_p).astype(int)
    skewed = true_p ** 0.5  # overconfident about buys
    cal = calibration.fit(method, y[:4000], skewed[:4000])
    before, after = calibration.brier(y[4000:], skewed[4000:]), calibration.brier(y[4000:], cal(skewed[4000:]))
    assert after < before
    assert np.all(np.diff(cal(np.sort(skewed[4000:]))) >= -1e-12)  # monotone: the ranking (PR-AUC) is kept
    assert np.array_equal(calibration.fit("none", y, skewed)(skewed), skewed)


# --- regime weights ---------------------------------------------------------------------------------------------

def test_regime_weights_use_the_past_only_shuffling_the_future_changes_no_weight():
    df = data.read_candles(FIXTURES / "UNI_USDT-5m.csv.gz", 5 * 60_000)
    close = df["close"].astype(float).reset_index(drop=True)
    w = regime.weights(close, 1.0, 48)
    rng = np.random.default_rng(1)
    for cut in (100, 1000, len(close) // 2, len(close) - 10):
        shuffled = close.copy()
        shuffled.iloc[cut + 1:] = rng.permutation(close.iloc[cut + 1:].to_numpy()) * rng.uniform(0.5, 2.0)
        w2 = regime.weights(shuffled, 1.0, 48)
        pd.testing.assert_series_equal(w.iloc[:cut + 1], w2.iloc[:cut + 1])
        assert not w.iloc[cut + 1:].equals(w2.iloc[cut + 1:])
    assert w.between(*regime.CLIP).all() and (w.iloc[:48] == 1.0).all() and w.std() > 0
    assert (regime.weights(close, 0.0, 48) == 1.0).all()
    # Higher volatility, higher weight (alpha > 0).
    sigma = np.log(close).diff().rolling(48).std()
    assert np.corrcoef(sigma.iloc[500:], w.iloc[500:])[0, 1] > 0.5


def test_regime_weights_reach_the_training_rows_only_and_are_off_at_the_baseline():
    df = data.read_candles(FIXTURES / "UNI_USDT-5m.csv.gz", 5 * 60_000)
    assert prepare(df, STEP_5M, settings())["w_train"] is None
    d = prepare(df, STEP_5M, settings(regime_alpha=1.0, regime_window=48))
    assert d["w_train"].shape == d["y_train"].shape and d["w_train"].std() > 0


def test_regime_weights_change_the_model(prepared):
    d = dict(prepared)
    tr = TRAINERS["xgboost"]
    native = {"n_estimators": 20, "max_depth": 3, "random_state": 1}  # hpconf: ignore[HP001] a small fixed model: the test compares weighted and unweighted fits of it
    w = np.where(np.arange(len(d["y_train"])) % 2 == 0, 3.0, 0.3)
    a = tr.predict(tr.fit(native, 5, 1, d["X_train"], d["y_train"], d["X_valid"], d["y_valid"]), d["X_valid"])
    b = tr.predict(tr.fit(native, 5, 1, d["X_train"], d["y_train"], d["X_valid"], d["y_valid"], Extras(weight=w)), d["X_valid"])
    assert not np.allclose(a, b)


# --- threshold sweep and cap ------------------------------------------------------------------------------------

def test_grid_f1_matches_brute_force_and_the_grid_holds_its_ends():
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 500)
    p = np.round(rng.uniform(size=500) * 0.6 + y * 0.3, 3)
    t = metrics.ThresholdSettings("max_f1", 0.05, 0.95, 0.01)
    grid = t.grid()
    assert grid[0] == 0.05 and grid[-1] == 0.95 and len(grid) == 91
    f1, rate = metrics.grid_f1(y, p, grid)
    for i in (0, 17, 50, 90):
        pred = (p >= grid[i]).astype(int)
        assert f1[i] == pytest.approx(metrics.f1_precision_recall(y, pred)[0]) and rate[i] == pytest.approx(pred.mean())
    best = metrics.choose(t, y, p, 0.5)
    assert best["value"] == grid[int(np.argmax(f1))] and best["grid"]["points"] == 91
    assert metrics.ThresholdSettings("max_f1", 0.5, 0.5, 0.3).grid().tolist() == [0.5]


def test_max_f1_capped_keeps_the_buy_rate_under_the_cap_and_says_when_it_cannot():
    rng = np.random.default_rng(2)
    y = (rng.uniform(size=4000) < 0.3).astype(int)
    p = np.clip(0.25 + 0.01 * y + rng.normal(0, 0.05, 4000), 0, 1)  # a weak ranker: max F1 leans to buy-everywhere
    free = metrics.choose(metrics.ThresholdSettings("max_f1"), y, p, 0.3)
    assert free["valid_buy_rate"] > 0.8
    capped = metrics.choose(metrics.ThresholdSettings("max_f1_capped", max_buy_rate=0.4), y, p, 0.3)
    assert capped["cap_met"] is True and capped["valid_buy_rate"] <= 0.4 and capped["value"] > free["value"]
    f1, rate = metrics.grid_f1(y, p, metrics.ThresholdSettings("max_f1").grid())
    assert capped["valid_f1"] == pytest.approx(max(f for f, r in zip(f1, rate) if r <= 0.4))
    # No grid point is high enough: the point with the lowest buy rate, and the manifest says the cap was not met.
    high = np.full(100, 0.999)
    out = metrics.choose(metrics.ThresholdSettings("max_f1_capped", 0.01, 0.99, 0.01, 0.1), np.r_[np.ones(50), np.zeros(50)].astype(int), high, 0.5)
    assert out["cap_met"] is False and out["value"] == 0.99 and out["valid_buy_rate"] == 1.0
