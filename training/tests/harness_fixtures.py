"""Where the harness tests find the fixture candles."""
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ohlcv"
