"""Deadlines and working days in batches, under hostile input (issue 17).

Rules under test: an aware instant is a day in Vietnam time in every batch function (Tuesday
05:00+07:00 is a Tuesday, not the Monday of its UTC date); text instants with an offset use it;
a limit longer than the calendar (10**11 hours) or a receipt at the end of time is an
``OutOfCalendarRangeError``, never a bare ``OverflowError`` or ``ValueError``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import tthc
from tthc.deadlines import DeadlinePolicy, compute_deadline, compute_deadlines
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, OutOfCalendarRangeError

VN = dt.timezone(dt.timedelta(hours=7))
TUESDAY_5AM = "2026-03-03T05:00:00+07:00"  # Monday 22:00 in UTC
CAL = tthc.vietnam_calendar(first_year=2026, last_year=2027)


class TestAwareInstantsAsDays:
    """add_working_days_many takes aware instants as days in Vietnam time."""

    @pytest.mark.parametrize(
        "days",
        [
            pd.Series(pd.to_datetime([TUESDAY_5AM])),
            pd.DatetimeIndex(pd.to_datetime([TUESDAY_5AM])),
            pd.Series(pd.to_datetime([TUESDAY_5AM])).dt.tz_convert("UTC"),
            [dt.datetime(2026, 3, 3, 5, tzinfo=VN)],
            np.array([dt.datetime(2026, 3, 2, 22, tzinfo=dt.UTC)], dtype=object),
            [TUESDAY_5AM],
        ],
        ids=["series", "index", "series-in-utc", "datetimes", "object-array-utc", "text"],
    )
    def test_tuesday_stays_tuesday(self, days: object) -> None:
        """Day 0 of Tuesday 05:00+07:00 is Tuesday 3 March 2026 (a working day)."""
        assert CAL.add_working_days_many(days, 0).tolist() == [dt.date(2026, 3, 3)]

    def test_one_working_day_after(self) -> None:
        """One working day after Tuesday 05:00+07:00 is Wednesday, not Tuesday."""
        days = pd.Series(pd.to_datetime([TUESDAY_5AM]))
        assert CAL.add_working_days_many(days, 1).tolist() == [dt.date(2026, 3, 4)]

    def test_polars(self) -> None:
        """An aware polars column is read in Vietnam time too."""
        pl = pytest.importorskip("polars")
        days = pl.Series([TUESDAY_5AM]).str.to_datetime(time_zone="UTC")
        assert CAL.add_working_days_many(days, 0).tolist() == [dt.date(2026, 3, 3)]

    def test_naive_values_give_the_date_they_read(self) -> None:
        """Naive datetimes (how pandas holds dates) give their own date, as before."""
        days = pd.Series(pd.to_datetime(["2026-03-03 05:00", "2026-03-03"], format="ISO8601"))
        assert CAL.add_working_days_many(days, 0).tolist() == [dt.date(2026, 3, 3)] * 2

    def test_python_path_agrees(self) -> None:
        """The loop used without numpy reads aware datetimes the same way."""
        assert CAL._add_many_python([dt.datetime(2026, 3, 3, 5, tzinfo=VN)], 0) == [
            dt.date(2026, 3, 3)
        ]


class TestTextInstantsWithOffsets:
    """compute_deadlines reads text instants with their offset."""

    @pytest.mark.parametrize("tz", [None, "UTC", "Asia/Ho_Chi_Minh"])
    @pytest.mark.parametrize(
        "text", ["2026-03-02T08:00:00+07:00", "2026-03-02T01:00:00+00:00", "2026-03-02T01:00:00Z"]
    )
    def test_offset_is_used(self, text: str, tz: str | None) -> None:
        """08:00+07:00 and 01:00Z are the same receipt: due Monday 17:00, whatever tz= says."""
        due = compute_deadlines(pd.Series([text]), Duration.working_days(1), calendar=CAL, tz=tz)
        assert [t.isoformat() for t in due] == ["2026-03-02T17:00:00+07:00"]

    def test_mixed_offsets_each_used(self) -> None:
        """Text with different offsets in one column: each row read at its own offset."""
        received = pd.Series(["2026-03-02T08:00:00+07:00", "2026-03-02T01:00:00+00:00"])
        due = compute_deadlines(received, Duration.working_days(1), calendar=CAL)
        assert [t.isoformat() for t in due] == ["2026-03-02T17:00:00+07:00"] * 2

    def test_period_column_is_refused(self) -> None:
        """A pandas Period column is an InvalidValueError naming the argument."""
        received = pd.Series(pd.period_range("2026-03-02", periods=2, freq="h"))
        with pytest.raises(InvalidValueError) as info:
            compute_deadlines(received, Duration.working_days(1), calendar=CAL)
        assert info.value.field == "compute_deadlines(received_at)"


LIMITS = [
    Duration.hours(10**11),
    Duration.working_hours(10**11),
    Duration.calendar_days(10**11),
    Duration.working_days(10**11),
    Duration.months(10**6),
    Duration.calendar_days(10**30),
]


class TestBeyondTheCalendar:
    """Limits longer than the calendar, and receipts at the end of time."""

    @pytest.mark.parametrize(
        "policy",
        [DeadlinePolicy.working_time(), DeadlinePolicy.civil_code()],
        ids=["working-time", "civil-code"],
    )
    @pytest.mark.parametrize("duration", LIMITS, ids=str)
    def test_scalar(self, duration: Duration, policy: DeadlinePolicy) -> None:
        """compute_deadline: an OutOfCalendarRangeError for the day after the calendar."""
        at = dt.datetime(2026, 3, 2, 8, tzinfo=VN)
        with pytest.raises(OutOfCalendarRangeError) as info:
            compute_deadline(at, duration, calendar=CAL, policy=policy)
        assert info.value.day == dt.date(2028, 1, 1)

    @pytest.mark.parametrize("duration", LIMITS, ids=str)
    def test_batch(self, duration: Duration) -> None:
        """compute_deadlines: the same error (10**11 hours did not fit its int64 arrays)."""
        received = pd.Series(pd.to_datetime(["2026-03-02T08:00:00+07:00"]))
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadlines(received, duration, calendar=CAL)

    def test_batch_numbers_with_a_unit(self) -> None:
        """Whole numbers with unit= past the calendar (even past int64) are out of range."""
        received = pd.Series(pd.to_datetime(["2026-03-02T08:00:00+07:00"]))
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadlines(
                received,
                np.array([2**63 + 5], dtype=np.uint64),
                unit=DurationUnit.HOURS,
                calendar=CAL,
            )

    def test_skipping_days_off_does_not_count_for_ever(self) -> None:
        """Calendar days that skip days off, 10**11 of them: refused at once (no day-by-day loop)."""
        policy = DeadlinePolicy.civil_code(calendar_days_skip_days_off=True)
        at = dt.datetime(2026, 3, 2, 8, tzinfo=VN)
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadline(at, Duration.calendar_days(10**11), calendar=CAL, policy=policy)

    @pytest.mark.parametrize(
        "received",
        [
            dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=VN),
            dt.datetime(1, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        ],
        ids=["after-9999-in-vietnam", "last-minute", "before-year-1-in-vietnam"],
    )
    def test_receipt_at_the_end_of_time(self, received: dt.datetime) -> None:
        """A receipt outside every calendar (even outside Python's dates in Vietnam time)."""
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadline(received, Duration.working_days(1), calendar=CAL)


def test_pause_to_the_end_of_time() -> None:
    """A pause that ends in year 9999 (UTC) cannot be counted: out of range, not a ValueError."""
    at = dt.datetime(2026, 3, 2, 8, tzinfo=VN)
    pause = tthc.deadlines.Pause(
        start_at=at, end_at=dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)
    )
    with pytest.raises(OutOfCalendarRangeError):
        compute_deadline(at, Duration.months(1), calendar=CAL, pauses=[pause])
