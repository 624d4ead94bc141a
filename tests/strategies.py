"""Hypothesis strategies for `tthc` values, shared by the test modules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from tthc.durations import MAX_TEXT_CHARS, Duration, DurationUnit

# Units whose value may be a fraction ("0,5 ngày làm việc").
_FRACTIONAL_UNITS = (
    DurationUnit.WORKING_DAYS,
    DurationUnit.CALENDAR_DAYS,
    DurationUnit.WORKING_HOURS,
    DurationUnit.HOURS,
)


def cutoffs() -> st.SearchStrategy[dt.time]:
    """Naive times of day on a whole minute, as a same-day cut-off (15:00 for certification)."""
    return st.builds(dt.time, hour=st.integers(0, 23), minute=st.integers(0, 59))


def _fractions() -> st.SearchStrategy[Decimal]:
    """Exact non-negative decimals, fractional or not, with odd exponents ("0.50", "1E+1")."""
    scaled = st.builds(
        lambda n, places: Decimal(f"{n}e-{places}"),
        st.integers(0, 10**12),
        st.integers(0, 8),
    )
    anything = st.decimals(min_value=0, allow_nan=False, allow_infinity=False)
    return scaled | anything


def durations() -> st.SearchStrategy[Duration]:
    """Every kind of valid `Duration`: whole and fractional values, same day with a cut-off.

    Only durations whose canonical text ``Duration.parse`` reads back (at most
    ``MAX_TEXT_CHARS`` characters: any value below about 10**990).
    """
    whole = st.integers(min_value=0, max_value=10**6) | st.integers(min_value=0)
    any_duration = st.one_of(
        st.builds(
            lambda value, unit: Duration(value=value, unit=unit),
            whole | _fractions(),
            st.sampled_from(_FRACTIONAL_UNITS),
        ),
        st.builds(Duration.months, st.integers(min_value=1, max_value=1200)),
        st.builds(Duration.same_day, cutoff=st.none() | cutoffs()),
    )
    return any_duration.filter(lambda d: len(str(d)) <= MAX_TEXT_CHARS)
