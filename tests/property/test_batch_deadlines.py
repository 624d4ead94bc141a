"""The fused path of `compute_deadlines` gives what its general path and the scalar call give.

`compute_deadlines` answers the usual batch (one group of positive whole working days, or working
hours, office hours the same every weekday, no rounding, no missing receipt) with a fused pass
over a few int64 buffers; everything else takes the general path. Here the same rows are
computed both ways (the fused path switched off with a patch) and by the scalar calculator.
"""

from __future__ import annotations

import datetime as dt
import warnings
from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.deadlines import batch
from tthc.errors import ProvisionalCalendarWarning, TthcError

VN = tthc.VN_TZ
CAL = tthc.vietnam_calendar()
HOURS = [
    tthc.OfficeHours(),
    tthc.OfficeHours.parse("07:00-11:30,13:30-17:00"),
    tthc.OfficeHours.parse("07:30-16:30"),
    tthc.OfficeHours.parse("07:00-09:00,09:30-11:30,13:00-16:15"),
]

instants = st.builds(
    lambda day, us: dt.datetime.combine(day, dt.time(), VN) + dt.timedelta(microseconds=us),
    st.dates(dt.date(2013, 1, 1), dt.date(2029, 6, 30)),
    st.integers(0, 86_400_000_000 - 1) | st.integers(0, 1439).map(lambda m: m * 60_000_000),
)


def outcome(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
        except TthcError as exc:
            value = type(exc)
    return value, any(issubclass(w.category, ProvisionalCalendarWarning) for w in caught)


def column(received: list[dt.datetime]) -> np.ndarray:
    utc = [r.astimezone(dt.UTC).replace(tzinfo=None) for r in received]
    return np.array(utc, dtype="datetime64[us]")


@pytest.mark.parametrize("unit", [tthc.DurationUnit.WORKING_DAYS, tthc.DurationUnit.WORKING_HOURS])
@given(
    received=st.lists(instants, min_size=1, max_size=40),
    data=st.data(),
    hours=st.sampled_from(HOURS),
)
def test_fused_equals_general_and_scalar(unit, received, data, hours):
    values = data.draw(
        st.lists(st.integers(1, 400), min_size=len(received), max_size=len(received))
    )
    policy = tthc.DeadlinePolicy.working_time(office_hours=hours)
    stamps = column(received)
    ints = np.array(values, dtype=np.int64)

    def run():
        out = batch.compute_deadlines(
            stamps, ints, unit=unit, tz="UTC", calendar=CAL, policy=policy
        )
        return out.tolist()

    fused = outcome(run)
    with mock.patch.object(batch, "_uniform_lengths", return_value=None):
        general = outcome(run)
    assert fused == general
    if not isinstance(fused[0], type):
        label = "ngày làm việc" if unit is tthc.DurationUnit.WORKING_DAYS else "giờ làm việc"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ProvisionalCalendarWarning)
            scalar = [
                tthc.compute_deadline(
                    r, tthc.Duration.parse(f"{v} {label}"), calendar=CAL, policy=policy
                )
                .due_at.astimezone(dt.UTC)
                .replace(tzinfo=None)
                for r, v in zip(received, values, strict=True)
            ]
        assert fused[0] == scalar


@given(received=st.lists(instants, min_size=1, max_size=40), n=st.integers(1, 60))
def test_fused_with_one_duration(received, n):
    stamps = column(received)
    duration = tthc.Duration.working_days(n)

    def run():
        return batch.compute_deadlines(stamps, duration, tz="UTC", calendar=CAL).tolist()

    fused = outcome(run)
    with mock.patch.object(batch, "_uniform_lengths", return_value=None):
        assert outcome(run) == fused
