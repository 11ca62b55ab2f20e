import pytest


@pytest.fixture
def baseline_env():
    from hpconf.catalog import baseline_values

    return dict(baseline_values())
