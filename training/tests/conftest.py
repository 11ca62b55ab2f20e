import os

import pytest

@pytest.fixture
def baseline_env():
    from hpconf.catalog import baseline_values

    return dict(baseline_values())


@pytest.fixture
def clean_os_env(monkeypatch):
    """No CVN_* key leaks in from the developer's shell."""
    for k in list(os.environ):
        if k.startswith("CVN_"):
            monkeypatch.delenv(k)
