"""Test configuration: Hypothesis example counts and shared fixtures.

``TOKKIT_MAX_EXAMPLES`` raises (or lowers) the number of Hypothesis examples
per property; the default keeps the whole suite under a few minutes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"

settings.register_profile(
    "tokkit",
    max_examples=int(os.environ.get("TOKKIT_MAX_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("TOKKIT_HYPOTHESIS_RANDOM") is None,
)
settings.load_profile("tokkit")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
