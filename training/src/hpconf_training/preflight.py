"""Read and check every data file of a run once, before any worker starts: `hpconf ftf run` calls this.

Prints one JSON line per token (rows, range, what the gap policy will do) on stdout. On any problem: one
error naming every bad file and every refused gap, exit status of HPC_DATA_INVALID, and no worker starts.

    hpconf exec -- python -m hpconf_training.preflight --data-dir DIR --timeframe 5m --tokens UNI,AAVE
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from hpconf import HpconfError, Resolver

from . import data as data_mod
from . import dataset


def check(data_dir: Path, tokens: List[str], quote: str, timeframe: str, settings: dataset.Settings) -> List[Dict[str, Any]]:
    step = data_mod.interval_ms(timeframe)
    out: List[Dict[str, Any]] = []
    problems: List[str] = []
    for token in tokens:
        try:
            df, source = data_mod.load(data_dir, token, quote, timeframe)
            d = dataset.prepare(df, step, settings, source)  # also proves the split has enough rows
            out.append({"token": token, "source": source, "candles": len(df), "first": str(df["date_utc"].iat[0]),
                        "last": str(df["date_utc"].iat[-1]), "rows": {k: d["ranges"][k]["rows"] for k in ("train", "valid", "test")},
                        "positive_rate_train": d["ranges"]["train"]["positive_rate"], "gaps": {k: v for k, v in d["gaps"].items() if k != "list"}})
        except HpconfError as e:
            problems.append(f"{token}: {e.message}")
    if problems:
        raise HpconfError("HPC_DATA_INVALID", {"path": str(data_dir), "details":
                          f"{len(problems)} of {len(tokens)} token(s) cannot be trained on:\n  " + "\n  ".join(problems)})
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hpconf_training.preflight", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", required=True, type=Path)
    ap.add_argument("--timeframe", required=True)
    ap.add_argument("--tokens", required=True, help="comma-separated")
    ap.add_argument("--quote", default="USDT")
    a = ap.parse_args(argv)
    try:
        r = Resolver()
        first_model = next(iter(r.catalog.file["models"]))  # the globals come with any model's set, checked together
        g = r.resolve_all(str(first_model), a.timeframe)["globals"]
        for line in check(a.data_dir, [t for t in a.tokens.split(",") if t], a.quote, a.timeframe, dataset.Settings.from_globals(g)):
            sys.stdout.write(json.dumps(line) + "\n")
    except HpconfError as e:
        sys.stderr.write(f"error[{e.code}]: {e.message}\n")
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
