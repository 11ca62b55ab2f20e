"""The fine-tune probe `hpconf bisect GOOD_RUN BAD_RUN` runs on each mixed state: for every model and token of the
runs, the stored defaults trained once (trial 0, the same seeds) on the runs' data, scored by the runs' objective
on validation; prints the mean as its last line. The values come from the environment: every address (base keys,
overrides KEY@TOKEN, group definitions), each token's study resolving its own segment as `ftf run` does.

    python -m hpconf_training.probe --models XGB,LGB --tokens UNI,CRV --timeframe 5m --data-dir DIR [--quote USDT]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path
from typing import List, Optional

from hpconf import Resolver
from hpconf.errors import HpconfError

from . import data as data_mod
from . import dataset, storage, study


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hpconf_training.probe", description=__doc__)
    ap.add_argument("--models", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--timeframe", required=True)
    ap.add_argument("--data-dir", required=True, type=Path)
    ap.add_argument("--quote", default="USDT")
    a = ap.parse_args(argv)
    # One trial per study, whatever the store says: the probe measures the defaults, not a search.
    env = dict(os.environ, CVN_HPO_N_TRIALS="1")
    log = lambda line: print(line, file=sys.stderr)  # noqa: E731
    threads = int(os.environ.get("HPCONF_WORKER_THREADS", "1"))
    values = []
    try:
        for token in [t.strip().upper() for t in a.tokens.split(",") if t.strip()]:
            r = Resolver(env=env, log=log, segment=token)
            g = r.resolve_all(a.models.split(",")[0], a.timeframe)["globals"]
            df, source = data_mod.load(a.data_dir, token, a.quote, a.timeframe)
            d = dataset.prepare(df, data_mod.interval_ms(a.timeframe), dataset.Settings.from_globals(g), source)
            for model in [m.strip().upper() for m in a.models.split(",") if m.strip()]:
                out = study.run(r, model, a.timeframe, token, d, threads, backend=storage.open_backend("memory"), run_id="probe")
                assert out is not None
                values.append(out.best_value)
                print(f"{model} {token}: {out.best_value:.6f}", file=sys.stderr)
    except HpconfError as e:
        print(f"error[{e.code}]: {e.message}", file=sys.stderr)
        return 2
    print(f"{statistics.fmean(values):.9f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
