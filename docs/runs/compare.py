"""Side-by-side tables of run folders for docs/runs/README.md, read from each folder's manifests (MODEL_TOKEN.json).

Usage: python docs/runs/compare.py FOLDER... (each folder a run's --out). Prints markdown: both gates per run, then per
model and token the test figures of every run. Nothing here chooses anything: it only lays out what the runs measured.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MODELS = ["XGB", "LGB", "CB"]
GATE_TOKENS = 4
GATE_F1 = 0.40


def load(folder: Path) -> dict:
    out = {}
    for f in sorted(folder.glob("*_*.json")):
        m = json.loads(f.read_text())
        if m.get("kind") == "hpconf.training_manifest" or "metrics" in m:
            out[(m["model"], m["token"])] = m
    return out


def ci(x: dict) -> str:
    return f"{x['value']:+.4f} [{x['lo']:+.4f}, {x['hi']:+.4f}]"


def gates(runs: dict) -> list[str]:
    rows = ["| run | skill gate (tokens with skill, need 4 of 5) | plan's gate (val F1 >= 0.40, need 4 of 5) | wall time |",
            "| --- | --- | --- | --- |"]
    for name, (folder, ms) in runs.items():
        skill, plan = [], []
        ok_skill = ok_plan = True
        for model in MODELS:
            mine = [m for (mo, _), m in ms.items() if mo == model]
            s = sum(m["metrics"]["test"]["skill"]["has_skill"] for m in mine)
            p = sum(m["metrics"]["validation"]["f1_buy"] >= GATE_F1 for m in mine)
            ok_skill &= s >= GATE_TOKENS
            ok_plan &= p >= GATE_TOKENS
            skill.append(f"{model} {s}/{len(mine)}")
            plan.append(f"{model} {p}/{len(mine)}")
        run = json.loads((folder / "run.json").read_text())
        wall = run.get("wall_seconds")
        rows.append(f"| {name} | {'PASS' if ok_skill else '**FAIL**'}: {', '.join(skill)} | {'PASS' if ok_plan else 'FAIL'}: {', '.join(plan)} | "
                    f"{f'{wall:.0f} s' if isinstance(wall, (int, float)) else '?'} |")
    return rows


def per_token(runs: dict) -> list[str]:
    names = list(runs)
    head = ["model", "token", "positive rate (test)"]
    for n in names:
        head += [f"{n}: F1 - always-buy F1", f"{n}: PR-AUC - positive rate", f"{n}: buy rate (test)", f"{n}: skill"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    keys = [k for k in next(iter(runs.values()))[1]]
    keys.sort(key=lambda k: (MODELS.index(k[0]), k[1]))
    for k in keys:
        first = next(iter(runs.values()))[1][k]
        row = [k[0], k[1], f"{first['metrics']['test']['positive_rate']:.3f}"]
        for n in names:
            m = runs[n][1].get(k)
            if m is None:
                row += ["-"] * 4
                continue
            t = m["metrics"]["test"]
            row += [ci(t["skill"]["f1_margin"]), ci(t["skill"]["pr_auc_margin"]), f"{t['predicted_positive_rate']:.3f}",
                    "**yes**" if t["skill"]["has_skill"] else "no"]
        rows.append("| " + " | ".join(row) + " |")
    return rows


def calibration(runs: dict) -> list[str]:
    rows = ["| run | model | token | threshold (validation) | Brier (test) before -> after |", "| --- | --- | --- | --- | --- |"]
    for name, (_, ms) in runs.items():
        for (model, token), m in sorted(ms.items(), key=lambda kv: (MODELS.index(kv[0][0]), kv[0][1])):
            th = m.get("threshold") or {}
            cal = m.get("calibration") or {}
            b = cal.get("brier_test") or {}
            cap = "" if th.get("cap_met", True) else " (cap not met)"
            rows.append(f"| {name} | {model} | {token} | {th.get('value', float('nan')):.3f}{cap} | "
                        f"{b.get('before', float('nan')):.4f} -> {b.get('after', float('nan')):.4f} ({cal.get('method', 'none')}) |")
    return rows


def main(argv: list[str]) -> None:
    runs = {}
    for a in argv:
        folder = Path(a)
        runs[folder.name.replace("2024-defi_top5-5m-", "")] = (folder, load(folder))
    print("\n".join(gates(runs)))
    print()
    print("\n".join(per_token(runs)))
    print()
    print("\n".join(calibration(runs)))


if __name__ == "__main__":
    main(sys.argv[1:])
