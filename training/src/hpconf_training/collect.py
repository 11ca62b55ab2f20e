"""What the workers of a run recorded in a study storage, as JSON on stdout: `hpconf ftf collect --study-storage`
calls this to build the report and apply the gates wherever the workers ran.

    python -m hpconf_training.collect --study-storage store --run-id 20261126-101500-ab12
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from hpconf import HpconfError

from . import storage, study


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hpconf_training.collect", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--study-storage", required=True)
    ap.add_argument("--run-id", required=True)
    a = ap.parse_args(argv)
    try:
        entries = study.collect(storage.open_backend(a.study_storage), a.run_id)
    except HpconfError as e:
        sys.stderr.write(f"error[{e.code}]: {e.message}\n")
        return e.exit_code
    sys.stdout.write(json.dumps(entries) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
