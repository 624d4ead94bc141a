"""`add_working_days_many` gives, element by element, what `add_working_days` gives.

The batch has two paths: counts of one sign read one narrow table and check the answers' span
from its bounds; mixed signs read the interleaved table. Both are compared here with the scalar
call on random arrays over the whole calendar (official and provisional years, the edges of the
range), including which error is raised and whether a provisional year warns.
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.errors import ProvisionalCalendarWarning, TthcError

CAL = tthc.vietnam_calendar()

days = st.dates(dt.date(2013, 1, 1), dt.date(2100, 12, 31)) | st.dates(
    dt.date(2019, 1, 1), dt.date(2027, 12, 31)
)
SIGNS = {
    "positive": st.integers(1, 400),
    "non-positive": st.integers(-400, 0),
    "mixed": st.integers(-400, 400),
}


def scalar(day_list: list[dt.date], n_list: list[int]) -> tuple[object, bool]:
    """The scalar answers (or the first error), and whether any call warned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value: object = [
                CAL.add_working_days(d, n) for d, n in zip(day_list, n_list, strict=True)
            ]
        except TthcError as exc:
            value = type(exc)
    return value, any(issubclass(w.category, ProvisionalCalendarWarning) for w in caught)


def batch(day_list: list[dt.date], ns: object) -> tuple[object, bool]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = CAL.add_working_days_many(np.array(day_list, dtype="datetime64[D]"), ns)
            value: object = [d.astype(dt.date) for d in out]
        except TthcError as exc:
            value = type(exc)
    return value, any(issubclass(w.category, ProvisionalCalendarWarning) for w in caught)


@pytest.mark.parametrize("sign", list(SIGNS))
@given(data=st.data())
def test_batch_equals_scalar(sign: str, data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 30), label="size")
    day_list = data.draw(st.lists(days, min_size=size, max_size=size), label="days")
    n_list = data.draw(st.lists(SIGNS[sign], min_size=size, max_size=size), label="ns")
    want_value, want_warned = scalar(day_list, n_list)
    got_value, got_warned = batch(day_list, np.array(n_list, dtype=np.int64))
    if isinstance(want_value, type):
        # The batch checks the whole span first: it raises the same kind of error.
        assert got_value is want_value
    else:
        assert got_value == want_value
        assert got_warned == want_warned


@given(day_list=st.lists(days, min_size=1, max_size=30), n=st.integers(-60, 60))
def test_batch_with_one_count_equals_scalar(day_list: list[dt.date], n: int) -> None:
    want_value, want_warned = scalar(day_list, [n] * len(day_list))
    got_value, got_warned = batch(day_list, n)
    if isinstance(want_value, type):
        assert got_value is want_value
    else:
        assert (got_value, got_warned) == (want_value, want_warned)


def test_huge_counts_are_out_of_range_not_wrapped() -> None:
    """Counts far beyond the calendar raise; they never wrap around in the narrow positions."""
    day = np.array(["2026-01-09"], dtype="datetime64[D]")
    for n in (2**31, 2**40, -(2**31), -(2**40)):
        with pytest.raises(tthc.errors.OutOfCalendarRangeError):
            CAL.add_working_days_many(day, np.array([n]))
