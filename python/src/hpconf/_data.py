"""Where the shared data files are: inside an installed wheel, or at the repository root in a checkout."""
from __future__ import annotations

import json
import os
from functools import lru_cache

# os.path, not pathlib: pathlib (and the urllib.parse it imports) would cost every `import hpconf` 4 ms.
_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGED = os.path.join(_HERE, "_data")
_REPO = os.path.realpath(os.path.join(_HERE, "..", "..", ".."))  # python/src/hpconf -> the checkout


def data_path(name: str) -> str:
    """`name` is the file's path relative to the repository root (catalog/catalog.json, spec/errors.json)."""
    packaged = os.path.join(_PACKAGED, os.path.basename(name))
    if os.path.exists(packaged):
        return packaged
    repo = os.path.join(_REPO, *name.split("/"))
    if os.path.exists(repo):
        return repo
    raise FileNotFoundError(f"hpconf data file {name} is neither packaged nor in a checkout")


def catalog_path() -> str:
    override = os.environ.get("HPCONF_CATALOG")
    return override if override else data_path("catalog/catalog.json")


@lru_cache(maxsize=None)
def read_json(path: str) -> object:
    with open(path, encoding="utf-8") as f:
        return json.load(f)
