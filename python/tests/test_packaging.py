"""What users install: the package as built (python -m build, installed from its sdist), typed, versioned."""
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hpconf
from hpconf import HpconfError, Resolver

ROOT = Path(__file__).resolve().parents[2]


def test_the_tests_run_against_the_installed_package_not_the_sources():
    assert "site-packages" in hpconf.__file__, hpconf.__file__
    data = Path(hpconf.__file__).parent / "_data"
    assert sorted(p.name for p in data.glob("*.json")) == [
        "baseline.json", "baseline.schema.json", "catalog.json", "catalog.schema.json", "errors.json", "events.json"]
    assert (data / "errors.json").read_text() == (ROOT / "spec" / "errors.json").read_text(), "the packaged copy is current"
    assert (Path(hpconf.__file__).parent / "py.typed").exists()


def test_one_version_everywhere():
    npm = json.loads((ROOT / "package.json").read_text())["version"]
    assert hpconf.__version__ == importlib.metadata.version("hpconf") == importlib.metadata.version("hpconf-training") == npm


def test_mypy_strict_on_the_package_and_on_a_typed_user_script():
    for target in (["-p", "hpconf"], [str(Path(__file__).parent / "typed_user.py")]):
        p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *target], capture_output=True, text=True, cwd=Path(__file__).parent)
        assert p.returncode == 0, p.stdout + p.stderr
        assert "Success: no issues found" in p.stdout


def test_typed_accessors(baseline_env):
    r = Resolver(env=baseline_env, log=lambda _: None)
    assert r.resolve_float("xgb", "5m", "LEARNING_RATE") == 0.07
    depth = r.resolve_float("xgb", "5m", "MAX_DEPTH")
    assert depth == 6.0 and isinstance(depth, float), "an integer parameter widens to float"
    assert r.resolve_int("xgb", "5m", "MAX_DEPTH") == 6
    assert r.resolve_key_str("CVN_HPO_OBJECTIVE") == "f1_buy"
    assert r.resolve_key_int("CVN_EARLY_STOPPING_ROUNDS") == 150
    with pytest.raises(HpconfError) as e:
        r.resolve_int("xgb", "5m", "LEARNING_RATE")
    assert e.value.code == "HPC_VALUE_WRONG_TYPE" and "CVN_HPO_XGB_5M_LEARNING_RATE holds a float; it cannot be read as int" in e.value.message
    with pytest.raises(HpconfError):
        r.resolve_key_str("CVN_EARLY_STOPPING_ROUNDS")


def test_a_missing_optional_extra_says_what_to_install():
    code = ("import sys; sys.modules['optuna'] = None\n"
            "from hpconf import Resolver, HpconfError\nfrom hpconf.catalog import baseline_values\n"
            "try:\n    Resolver(env=baseline_values()).hpo_space('xgb', '5m')\nexcept HpconfError as e:\n    print(e.code, e.message)\n"
            "sys.modules['psycopg'] = None\nfrom hpconf.inject import validate_params\n"
            "try:\n    validate_params('postgresql://x')\nexcept HpconfError as e:\n    print(e.code, e.message)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.stdout.splitlines() == [
        "HPC_EXTRA_MISSING hpo_space needs the optional dependency optuna: pip install 'hpconf[optuna]'",
        "HPC_EXTRA_MISSING validate_params needs the optional dependency psycopg: pip install 'hpconf[postgres]'",
    ], p.stderr


def test_import_hpconf_loads_neither_jsonschema_nor_urllib():
    code = "import sys, hpconf; hpconf.resolve_key('CVN_EARLY_STOPPING_ROUNDS', fallback=1); print(sorted(m for m in ('jsonschema', 'urllib.request') if m in sys.modules))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVN_")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert p.stdout.strip() == "[]", p.stderr
