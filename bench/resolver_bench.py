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
