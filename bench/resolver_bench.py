"""Python resolver cost per call against a raw environment read plus parse. Aim: under 2x.

    .venv/bin/python bench/resolver_bench.py [N]
"""
import os
import sys
import time

from hpconf import Resolver
from hpconf.catalog import baseline_values

os.environ.update(baseline_values())
r = Resolver(log=lambda _: None)
calls = [(m, "5M", p) for m in ("XGB", "LGB", "CB") for p, d in r.catalog.params(m).items() if d["search"]]
keys = [f"CVN_HPO_{m}_{t}_{p}" for m, t, p in calls]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
n = len(calls)


def run(label, fn):
    for i in range(10_000):
        fn(i)
    t0 = time.perf_counter_ns()
    total = 0.0
    for i in range(N):
        total += fn(i)
    ns = (time.perf_counter_ns() - t0) / N
    print(f"{label:<48} {ns:7.0f} ns/call  (checksum {total:.0f})")
    return ns


env = os.environ
raw = run("raw: float(os.environ[key].strip())", lambda i: float(env[keys[i % n]].strip()))
res = run("Resolver().resolve(model, tf, param)", lambda i: r.resolve(*calls[i % n]))
print(f"ratio resolver/raw: {res / raw:.2f}x; {n} keys rotated, N={N}")

# A worker's whole set: every key of one model and timeframe with the globals (resolve_all), against
# reading and parsing the same keys raw; cold (a new resolver each time) and warm (memoised).
set_keys = [k for k in r.catalog.keys if k.kind == "global" or (k.model == "XGB" and k.timeframe == "5M")]


def parse_raw(k):
    s = env[k.key].strip()
    return len(s) if k.type == "enum" else float(s)


def run_set(label, fn, iters):
    for _ in range(100):
        fn()
    t0 = time.perf_counter_ns()
    total = 0.0
    for _ in range(iters):
        total += fn()
    us = (time.perf_counter_ns() - t0) / iters / 1000
    print(f"{label:<48} {us:8.1f} us/set  (checksum {total:.0f})")
    return us


M = max(1000, N // 100)
raw_set = run_set(f"raw: {len(set_keys)} keys of XGB 5m read and parsed", lambda: sum(parse_raw(k) for k in set_keys), M)
warm = run_set("resolve_all(xgb, 5m), warm (memoised)", lambda: len(r.resolve_all("XGB", "5M")["defaults"]), M)
cold = run_set("resolve_all(xgb, 5m), cold (a new Resolver)", lambda: len(Resolver(log=lambda _: None).resolve_all("XGB", "5M")["defaults"]), max(50, M // 20))
all_keys = r.catalog.keys
sets = [(m, t) for m in r.catalog.models for t in r.catalog.timeframes]
raw_all = run_set(f"raw: all {len(all_keys)} keys read and parsed", lambda: sum(parse_raw(k) for k in all_keys), max(100, M // 5))
warm_all = run_set(f"resolve_all for all {len(sets)} sets, warm", lambda: sum(len(r.resolve_all(m, t)["defaults"]) for m, t in sets), max(100, M // 5))
print(f"worker's full set: warm {warm / raw_set:.2f}x raw, cold {cold / raw_set:.1f}x raw (once per process); all {len(all_keys)} keys warm {warm_all / raw_all:.2f}x raw (aim: within 2x warm)")

# The same set for a segment over a layered snapshot (UNI: its overrides, its group's, then the base).
layered = {k.key: os.environ[k.key] for k in all_keys}
layered["group:defi_top5"] = "UNI,AAVE,LINK,MKR,CRV;priority=10"
for i, k in enumerate(set_keys):
    if i % 4 == 0 and k.kind == "default":
        layered[f"{k.key}@{'UNI' if i % 8 == 0 else 'group:defi_top5'}"] = os.environ[k.key]
seg = Resolver(env=layered, segment="UNI", log=lambda _: None)
warm_seg = run_set("resolve_all(xgb, 5m) for segment UNI, warm", lambda: len(seg.resolve_all("XGB", "5M")["defaults"]), M)
cold_seg = run_set("the same, cold (a new Resolver, flattening)", lambda: len(Resolver(env=layered, segment="UNI", log=lambda _: None).resolve_all("XGB", "5M")["defaults"]), max(50, M // 20))
snap = {k.key: os.environ[k.key] for k in all_keys}
plain_obj = Resolver(env=snap, log=lambda _: None)
warm_obj = run_set("resolve_all(xgb, 5m), warm, over a snapshot", lambda: len(plain_obj.resolve_all("XGB", "5M")["defaults"]), M)
print(f"segment UNI: warm {warm_seg / warm_obj:.2f}x the plain warm set over the same kind of snapshot (aim: within 1.5x; {warm_seg / warm:.2f}x the one over os.environ), cold {cold_seg / cold:.2f}x the plain cold one")

import subprocess  # noqa: E402 - the import-time comparison runs fresh interpreters


def import_ms(stmt, runs=15):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", stmt], check=True)
        out.append((time.perf_counter() - t0) * 1000)
    return sorted(out)[runs // 2]


base = import_ms("import os")
imp = import_ms("import os, hpconf")
print(f"python -c 'import hpconf': {imp:.0f} ms beside 'import os' {base:.0f} ms: {imp / base:.2f}x (aim: within 3x)")
