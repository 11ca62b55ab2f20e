"""Where the shared data files are: inside an installed wheel, or at the repository root in a checkout."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

_PACKAGED = Path(__file__).parent / "_data"
_REPO = Path(__file__).resolve().parents[3]


def data_path(name: str) -> Path:
    """`name` is the file's path relative to the repository root (catalog/catalog.json, spec/errors.json)."""
    packaged = _PACKAGED / Path(name).name
    if packaged.exists():
        return packaged
    repo = _REPO / name
    if repo.exists():
        return repo
    raise FileNotFoundError(f"hpconf data file {name} is neither packaged nor in a checkout")


def catalog_path() -> Path:
    override = os.environ.get("HPCONF_CATALOG")
    return Path(override) if override else data_path("catalog/catalog.json")


@lru_cache(maxsize=None)
def read_json(path: str) -> object:
    with open(path, encoding="utf-8") as f:
        return json.load(f)
