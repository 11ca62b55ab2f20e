"""Copies the data both SDKs share (the catalog, the error registry, the events) from the repository
root into the package before a build, so the sdist and the wheel carry them; a build from an sdist
finds them already there. The repository keeps one copy of each file."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Dict

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHARED = ["catalog/catalog.json", "catalog/catalog.schema.json", "catalog/baseline.json", "catalog/baseline.schema.json",
          "spec/errors.json", "spec/events.json"]


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: Dict[str, Any]) -> None:
        here = Path(self.root)
        repo = here.parent
        target = here / "src" / "hpconf" / "_data"
        if not (repo / "spec" / "errors.json").exists():
            missing = [n for n in SHARED if not (target / Path(n).name).exists()]
            if missing:
                raise RuntimeError(f"hpconf data files missing and no repository to copy them from: {missing}")
            return
        target.mkdir(exist_ok=True)
        for name in SHARED:
            shutil.copyfile(repo / name, target / Path(name).name)
