"""Shared test vectors (spec/vectors), read by the Python suite."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "spec" / "vectors"


def vectors(name: str):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
