"""Shared test configuration: hypothesis profiles and fixtures."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import tthc

# "dev" is quick for local runs; "ci" explores more (chosen by .ci/run via HYPOTHESIS_PROFILE).
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(name="cal", scope="session")
def fixture_cal() -> tthc.WorkingCalendar:
    """The shipped Vietnamese public-sector calendar."""
    return tthc.vietnam_calendar()
