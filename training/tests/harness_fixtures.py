"""Where the harness tests find the fixture candles."""
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ohlcv"
GAP_FIXTURES = FIXTURES.parent / "ohlcv-gaps"
STEP_5M = 5 * 60_000


def settings(**over):
    """Dataset settings as the baseline stores them, with overrides."""
    from hpconf_training.dataset import Settings

    base = dict(feature_set="ohlcv_v1", horizon=12, label_method="fixed", threshold=0.004, vol_k=0.5, vol_window=288,
                valid_fraction=0.15, test_fraction=0.15, gap_policy="segment", max_gap_minutes=1440)
    base.update(over)
    return Settings(**base)
