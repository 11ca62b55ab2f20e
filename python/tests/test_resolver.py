import io
import json
import os
import subprocess
import sys

import optuna
import pytest

from hpconf import HpconfError, Resolver, audit_console_coverage, resolve
from hpconf.catalog import baseline_values, load_catalog


def test_module_functions_read_os_environ(monkeypatch):
    monkeypatch.setenv("CVN_HPO_CB_5M_DEPTH", " 7 ")
    assert resolve("cb", "5m", "DEPTH") == 7
    monkeypatch.delenv("CVN_HPO_CB_5M_DEPTH")
    with pytest.raises(HpconfError) as e:
        resolve("cb", "5m", "DEPTH")
    assert e.value.code == "HPC_KEY_MISSING" and e.value.exit_code == 3


FALLBACK_LINE = ("level=WARN event=hpo_fallback_applied model=XGB timeframe=5M param=LEARNING_RATE "
                 "key=CVN_HPO_XGB_5M_LEARNING_RATE fallback=0.1 reason=env_key_missing")


def test_fallback_warn_goes_to_stderr_in_logfmt_when_logging_is_not_configured():
    code = "from hpconf import resolve_float; print(resolve_float('xgb', '5m', 'LEARNING_RATE', fallback=0.1))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert (p.returncode, p.stdout, p.stderr) == (0, "0.1\n", FALLBACK_LINE + "\n")


def test_fallback_warn_goes_through_the_hpconf_logger_when_logging_is_configured(monkeypatch, capsys, caplog):
    monkeypatch.delenv("CVN_HPO_XGB_5M_LEARNING_RATE", raising=False)
    with caplog.at_level("INFO", logger="hpconf"):
        assert resolve("xgb", "5m", "LEARNING_RATE", fallback=0.1) == 0.1
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [("hpconf", "WARNING", FALLBACK_LINE)]
    assert capsys.readouterr().err == "", "once: not also on stderr"


def test_hpo_space_gives_real_optuna_distributions(baseline_env):
    r = Resolver(env=baseline_env, log=lambda _: None)
    space = r.hpo_space("xgb", "5m")
    assert space["LEARNING_RATE"] == optuna.distributions.FloatDistribution(0.05, 0.15, log=False)
    assert space["MAX_DEPTH"] == optuna.distributions.IntDistribution(5, 12)
    assert space["REG_ALPHA"] == optuna.distributions.FloatDistribution(1e-8, 10.0, log=True)
    for name, d in r.hpo_space_json("lgb", "1h").items():
        assert json.loads(optuna.distributions.distribution_to_json(r.hpo_space("lgb", "1h")[name])) == d


def test_defaults_enqueued_as_the_first_trial_and_native_params_from_trial_values(baseline_env):
    r = Resolver(env=baseline_env, log=lambda _: None)
    space = r.hpo_space("lgb", "5m")
    defaults = r.resolve_all("lgb", "5m")["defaults"]
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1))
    study.enqueue_trial({p: defaults[p] for p in space})
    seen = []

    def objective(trial):
        values = {p: trial._suggest(p, d) for p, d in space.items()}
        native = r.native_params("lgb", "5m", values)
        seen.append(native)
        return native["learning_rate"]

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study.optimize(objective, n_trials=3)  # hpconf: ignore[HP001] a test of Optuna itself, not a training
    assert seen[0]["learning_rate"] == 0.05 and seen[0]["num_leaves"] == 31 and seen[0]["subsample_freq"] == 1
    assert all(0.01 <= s["learning_rate"] <= 0.3 for s in seen)
    assert {x.source for x in r.ledger() if x.key == "CVN_HPO_LGB_5M_LEARNING_RATE"} == {"hpo"}


def test_audit_console_coverage(baseline_env):
    out = io.StringIO()
    cov = audit_console_coverage(env=baseline_env, out=out)
    assert cov.complete and cov.percent == 100 and cov.required == 615
    assert out.getvalue() == ("level=INFO event=coverage_audit source=env required=615 valid=615 missing=0 "
                              "invalid=0 coverage_pct=100.00 scope=all\n")
    env = dict(baseline_env, CVN_HPO_CB_5M_DEPTH="17")
    del env["CVN_EARLY_STOPPING_ROUNDS"]
    out = io.StringIO()
    cov = audit_console_coverage(env=env, out=out)
    assert not cov.complete and cov.percent == 99.67 and cov.missing == ["CVN_EARLY_STOPPING_ROUNDS"]
    assert "invalid  CVN_HPO_CB_5M_DEPTH: CVN_HPO_CB_5M_DEPTH: 17 is outside the allowed domain [1, 16]" in out.getvalue()


def test_audit_module_exit_codes(baseline_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    ok = subprocess.run([sys.executable, "-m", "hpconf.audit"], env={**env, **baseline_env}, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    missing = dict(baseline_env)
    missing.pop("CVN_HPO_XGB_1M_GAMMA")
    bad = subprocess.run([sys.executable, "-m", "hpconf.audit"], env={**env, **missing}, capture_output=True, text=True)
    assert bad.returncode == 7
    assert "missing  CVN_HPO_XGB_1M_GAMMA" in bad.stderr
    assert bad.stderr.rstrip().endswith(": CVN_HPO_XGB_1M_GAMMA"), bad.stderr
    # A worker's own gate: another model's gap does not stop it; its own model's does.
    lgb = subprocess.run([sys.executable, "-m", "hpconf.audit", "--model", "lightgbm", "--timeframe", "5m"], env={**env, **missing}, capture_output=True, text=True)
    assert lgb.returncode == 0, lgb.stderr
    assert "scope=LGB_5M" in lgb.stderr
    xgb = subprocess.run([sys.executable, "-m", "hpconf.audit", "--model", "xgb"], env={**env, **missing}, capture_output=True, text=True)
    assert xgb.returncode == 7 and "of XGB and the cross-cutting keys" in xgb.stderr
    assert subprocess.run([sys.executable, "-m", "hpconf.audit", "--model", "xgbost"], env={**env, **missing}, capture_output=True, text=True).returncode == 2


def test_packaged_catalog_matches_the_repository():
    """The wheel carries copies of the shared data; they must be the files at the repository root."""
    from pathlib import Path

    import hpconf

    packaged = Path(hpconf.__file__).parent / "_data"
    root = Path(__file__).resolve().parents[2]
    if not packaged.exists():
        pytest.skip("running from a checkout, not an installed wheel")
    for src in ["catalog/catalog.json", "catalog/catalog.schema.json", "catalog/baseline.json", "spec/errors.json"]:
        assert (packaged / Path(src).name).read_bytes() == (root / src).read_bytes(), src
    assert load_catalog().path.startswith(str(packaged))


def test_catalog_loaded_and_validated():
    c = load_catalog()
    assert len(c.keys) == 615
    bad = json.loads(Path_read(c.path))
    bad["models"]["XGB"]["params"]["GAMMA"]["type"] = "double"
    from hpconf.catalog import catalog_from_file

    with pytest.raises(HpconfError) as e:
        catalog_from_file(bad, "bad.json")
    assert e.value.code == "HPC_CATALOG_INVALID" and "GAMMA/type" in e.value.message


def Path_read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def test_changed_values_and_rule_inputs_are_seen_on_the_next_call(baseline_env):
    env = dict(baseline_env)
    logs = []
    r = Resolver(env=env, log=logs.append)
    assert r.resolve("lgb", "5m", "SUBSAMPLE") == 0.8
    assert r.resolve("lgb", "5m", "SUBSAMPLE") == 0.8
    env["CVN_HPO_LGB_5M_SUBSAMPLE"] = "0.7"
    assert r.resolve("lgb", "5m", "SUBSAMPLE") == 0.7
    env["CVN_HPO_LGB_5M_BAGGING_FREQ"] = "0"
    with pytest.raises(HpconfError) as e:
        r.resolve("lgb", "5m", "SUBSAMPLE")
    assert e.value.code == "HPC_RULE_VIOLATED"
    env["CVN_HPO_LGB_5M_BAGGING_FREQ"] = "2"
    assert r.resolve("lgb", "5m", "SUBSAMPLE") == 0.7
    del env["CVN_HPO_LGB_5M_SUBSAMPLE"]
    assert r.resolve("lgb", "5m", "SUBSAMPLE", fallback=0.9) == 0.9
    assert {x.key: x.source for x in r.ledger()}["CVN_HPO_LGB_5M_SUBSAMPLE"] == "fallback"
    env["CVN_HPO_LGB_5M_SUBSAMPLE"] = "0.7"
    assert r.resolve("lgb", "5m", "SUBSAMPLE", fallback=0.9) == 0.7
    assert {x.key: x.source for x in r.ledger()}["CVN_HPO_LGB_5M_SUBSAMPLE"] == "env"
    assert r.resolve("xgb", "5m", "MAX_DEPTH") == 6
    env["CVN_HPO_XGB_5M_MAX_DEPTH"] = "x"
    with pytest.raises(HpconfError, match="not an integer"):
        r.resolve("xgb", "5m", "MAX_DEPTH")
    assert len(logs) == 1


def test_fallbacks_are_reported_best_effort(baseline_env):
    import http.server
    import threading
    import time

    got = []

    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            got.append((self.path, self.headers["authorization"], json.loads(self.rfile.read(int(self.headers["content-length"])))))
            self.send_response(202)
            self.end_headers()

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.handle_request, daemon=True).start()
    env = dict(baseline_env, HPCONF_REPORT_URL=f"http://127.0.0.1:{srv.server_port}", HPCONF_TOKEN="hpc_x")
    del env["CVN_HPO_LGB_1H_NUM_LEAVES"]
    assert Resolver(env=env, log=lambda _: None).resolve("lgb", "1h", "NUM_LEAVES", fallback=63) == 63
    for _ in range(100):
        if got:
            break
        time.sleep(0.02)
    path, auth, body = got[0]
    assert (path, auth, body["key"], body["fallback"]) == ("/api/v1/fallbacks", "Bearer hpc_x", "CVN_HPO_LGB_1H_NUM_LEAVES", "63")
    srv.server_close()
    # Unreachable: no error, no wait.
    down = dict(env, HPCONF_REPORT_URL="http://127.0.0.1:1")
    t = time.perf_counter()
    assert Resolver(env=down, log=lambda _: None).resolve("lgb", "1h", "NUM_LEAVES", fallback=63) == 63
    assert time.perf_counter() - t < 0.05


def test_the_documented_deploy_gate_commands_work(baseline_env):
    """ops/k8s/deploy-gate.yaml: the init container's module and the Job's one-liner, run as written."""
    import yaml

    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    docs = list(yaml.safe_load_all((root / "ops" / "k8s" / "deploy-gate.yaml").read_text()))
    init = docs[0]["spec"]["template"]["spec"]["initContainers"][0]["command"]
    one_liner = docs[1]["spec"]["template"]["spec"]["containers"][0]["command"]
    base = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    for cmd in (init, one_liner):
        cmd = [sys.executable, *cmd[1:]]
        assert subprocess.run(cmd, env={**base, **baseline_env}, capture_output=True).returncode == 0
        partial = {k: v for k, v in baseline_env.items() if k != "CVN_HPO_LGB_5M_SUBSAMPLE"}
        assert subprocess.run(cmd, env={**base, **partial}, capture_output=True).returncode == 7


def test_memoised_answers_follow_every_change_of_the_texts_they_read(baseline_env):
    env = dict(baseline_env)
    r = Resolver(env=env, log=lambda _: None)
    assert r.resolve_all("lgb", "5m")["defaults"]["SUBSAMPLE"] == 0.8
    env["CVN_HPO_LGB_5M_SUBSAMPLE"] = "0.7"
    assert r.resolve_all("lgb", "5m")["defaults"]["SUBSAMPLE"] == 0.7
    env["CVN_EARLY_STOPPING_ROUNDS"] = "99"
    assert r.resolve_all("lgb", "5m")["globals"]["CVN_EARLY_STOPPING_ROUNDS"] == 99
    assert r.resolve_key("CVN_EARLY_STOPPING_ROUNDS") == 99
    env["CVN_EARLY_STOPPING_ROUNDS"] = "98"
    assert r.resolve_key("CVN_EARLY_STOPPING_ROUNDS") == 98
    assert r.resolve_hpo_range("lgb", "5m", "SUBSAMPLE") == (0.5, 1, "linear")
    env["CVN_HPO_LGB_5M_SUBSAMPLE_RANGE_MIN"] = "0.6"
    assert r.resolve_hpo_range("lgb", "5m", "SUBSAMPLE") == (0.6, 1, "linear")
    env["CVN_HPO_LGB_5M_BAGGING_FREQ"] = "0"
    with pytest.raises(HpconfError, match="lgb_subsample_needs_bagging"):
        r.resolve_hpo_range("lgb", "5m", "SUBSAMPLE")
    with pytest.raises(HpconfError, match="lgb_subsample_needs_bagging"):
        r.resolve_all("lgb", "5m")
    env["CVN_HPO_LGB_5M_BAGGING_FREQ"] = "1"
    mine = r.resolve_all("lgb", "5m")
    mine["defaults"]["SUBSAMPLE"] = 0.1  # hpconf: ignore[HP001] a caller's copy changed on purpose: the memo must not follow
    assert r.resolve_all("lgb", "5m")["defaults"]["SUBSAMPLE"] == 0.7
    assert any(x.key == "CVN_HPO_LGB_5M_SUBSAMPLE" and x.value == 0.7 and x.source == "env" for x in r.ledger())
