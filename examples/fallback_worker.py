"""A worker that names an explicit fallback for one key (the reference harness never does: it fails fast).

    hpconf exec --allow-incomplete -- python examples/fallback_worker.py

It logs event=training_started and resolves CVN_HPO_XGB_5M_LEARNING_RATE with a fallback; when the key is
missing from the store, the SDK logs event=hpo_fallback_applied, which `hpconf coverage --logs` counts.
"""
import os
import sys

from hpconf import Resolver
from hpconf.events import event_line

r = Resolver()
sys.stderr.write(event_line("training_started", {"run_id": "fallback-demo", "model": "XGB", "timeframe": "5M", "token": "UNI",
                                                  "store_revision": os.environ.get("HPCONF_REVISION", "none"), "n_trials": 1, "rows_train": 0}) + "\n")  # hpconf: ignore[HP001] a log field, not a setting
lr = r.resolve("xgb", "5m", "LEARNING_RATE", fallback=0.1)  # the demo of an explicit, logged fallback
print(f"learning_rate={lr} source={r.ledger()[-1].source}")
