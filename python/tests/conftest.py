import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "spec" / "vectors"


def vectors(name: str):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]


@pytest.fixture
def baseline_env():
    from hpconf.catalog import baseline_values

    return dict(baseline_values())
