"""validate_params against a real PostgreSQL (the suite's throwaway server), seeded by the hpconf CLI."""
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from hpconf import HpconfError
from hpconf.inject import validate_params

URL = os.environ.get("HPCONF_TEST_DATABASE_URL")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not URL, reason="HPCONF_TEST_DATABASE_URL is not set (CI always sets it)")


@pytest.fixture
def seeded_db():
    import psycopg

    name = f"hpconf_py_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(URL, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    dsn = URL.rsplit("/", 1)[0] + "/" + name
    cli = ["node", str(ROOT / "bin" / "hpconf.js"), "--database-url", dsn]
    subprocess.run([*cli, "up", "--once"], check=True, capture_output=True)
    yield dsn, cli
    with psycopg.connect(URL, autocommit=True) as c:
        c.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_validate_params_injects_the_store_into_the_environment(seeded_db):
    dsn, cli = seeded_db
    env = {"CVN_HPO_XGB_5M_LEARNING_RATE": "0.5", "PATH": "/bin"}
    cov = validate_params(dsn, env=env)
    assert cov.complete and cov.required == 615
    assert env["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.07"  # the store wins
    assert env["PATH"] == "/bin" and len([k for k in env if k.startswith("CVN_")]) == 615


def test_validate_params_refuses_below_100_percent(seeded_db):
    dsn, cli = seeded_db
    subprocess.run([*cli, "unset", "CVN_HPO_CB_5M_DEPTH", "--force"], check=True, capture_output=True)
    env = {}
    with pytest.raises(HpconfError) as e:
        validate_params(dsn, env=env)
    assert e.value.code == "HPC_COVERAGE_INCOMPLETE" and e.value.exit_code == 7
    assert "99.83 % of the whole catalog: 1 missing, 0 invalid of 615 required keys: CVN_HPO_CB_5M_DEPTH" in e.value.message
    assert validate_params(dsn, env=env, require_complete=False).missing == ["CVN_HPO_CB_5M_DEPTH"]
    # One worker's gate: another model's missing key does not stop it; its own does, named.
    assert validate_params(dsn, env={}, model="lgb", timeframe="5m").complete
    with pytest.raises(HpconfError) as own:
        validate_params(dsn, env={}, model="catboost", timeframe="5m")
    assert re.search(r"% of CB 5M and the cross-cutting keys: 1 missing, 0 invalid of \d+ required keys: CVN_HPO_CB_5M_DEPTH$", own.value.message), own.value.message


def test_validate_params_says_when_it_cannot_reach_the_database():
    with pytest.raises(HpconfError) as e:
        validate_params("postgresql://nobody@127.0.0.1:1/x", env={})
    assert e.value.code == "HPC_STORE_UNREACHABLE"


def test_validate_params_reads_one_named_environment(seeded_db):
    dsn, cli = seeded_db
    subprocess.run([*cli, "environment", "create", "staging", "--reason", "py test"], check=True, capture_output=True)
    subprocess.run([*cli, "--environment", "staging", "set", "CVN_HPO_XGB_5M_LEARNING_RATE=0.11", "--reason", "py test"], check=True, capture_output=True)
    env = {}
    cov = validate_params(dsn, env=env, environment="staging")
    assert cov.complete and env["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.11" and env["HPCONF_ENVIRONMENT"] == "staging"
    legacy = {}
    validate_params(dsn, env=legacy)  # the legacy row mirrors default
    assert legacy["CVN_HPO_XGB_5M_LEARNING_RATE"] == "0.07" and "HPCONF_ENVIRONMENT" not in legacy
    with pytest.raises(HpconfError) as e:
        validate_params(dsn, env={}, environment="stagin")
    assert e.value.code == "HPC_ENVIRONMENT_UNKNOWN" and "did you mean staging" in e.value.message and e.value.exit_code == 2
    with pytest.raises(HpconfError) as e:
        validate_params(dsn, env={}, environment="Staging; DROP TABLE hp_value")
    assert e.value.code == "HPC_USAGE"
    # Below 100 % in that environment only: refused there, the default still complete.
    subprocess.run([*cli, "--environment", "staging", "unset", "CVN_HPO_CB_5M_DEPTH", "--force", "--reason", "py test"], check=True, capture_output=True)
    with pytest.raises(HpconfError) as e:
        validate_params(dsn, env={}, environment="staging")
    assert e.value.code == "HPC_COVERAGE_INCOMPLETE" and "CVN_HPO_CB_5M_DEPTH" in e.value.message
    assert validate_params(dsn, env={}).complete
