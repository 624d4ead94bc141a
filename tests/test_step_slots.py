"""Tests of the slot tables behind step_times (tthc.analytics._step_slots).

The office time between two instants and the instant at which an office time has passed are
checked against a naive oracle written here (day by day, period by period, on the calendar's
``is_working_day``), for several office hours; the fast path of ``step_times`` is checked to give
the same rows as its careful path, also when the tables grow or cannot be built.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.analytics import _step_slots, steps
from tthc.analytics._step_slots import SlotTables, slot_length, slot_tables
from tthc.analytics.steps import step_times
from tthc.calendar import OfficeHours, vietnam_calendar
from tthc.deadlines import VN_TZ, DeadlinePolicy
from tthc.errors import ProvisionalCalendarWarning

CAL = vietnam_calendar()
HOURS = [
    OfficeHours(),
    OfficeHours.parse("07:30-11:30,13:30-17:00"),
    OfficeHours.parse("07:00-11:15,13:45-17:00"),
    OfficeHours(by_weekday={4: [("07:30", "11:30"), ("13:30", "16:00")]}),
    OfficeHours.parse("08:00-17:00"),
]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def us(instant: dt.datetime) -> int:
    return (instant - EPOCH) // dt.timedelta(microseconds=1)


def oracle_office_time(hours: OfficeHours, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Office time between a <= b, day by day: the naive count."""
    a, b = a.astimezone(VN_TZ), b.astimezone(VN_TZ)
    total = dt.timedelta()
    day = a.date()
    while day <= b.date():
        if CAL.is_working_day(day):
            for open_, close in hours.periods_on(day.weekday()):
                lo = max(a, dt.datetime.combine(day, open_, tzinfo=VN_TZ))
                hi = min(b, dt.datetime.combine(day, close, tzinfo=VN_TZ))
                if hi > lo:
                    total += hi - lo
        day += dt.timedelta(days=1)
    return total


instants = st.datetimes(
    min_value=dt.datetime(2024, 12, 20), max_value=dt.datetime(2027, 1, 10)
).map(lambda t: t.replace(second=0, microsecond=0, tzinfo=VN_TZ))


def test_slot_length_is_the_common_divisor_of_the_bounds() -> None:
    assert slot_length(OfficeHours()) == 3_600_000_000  # 1 hour
    assert slot_length(HOURS[1]) == 1_800_000_000  # 30 minutes
    assert slot_length(HOURS[2]) == 900_000_000  # 15 minutes


@pytest.mark.parametrize("hours", HOURS, ids=str)
@given(a=instants, gap=st.integers(min_value=0, max_value=20 * 24 * 60))
def test_office_time_between_instants_equals_the_oracle(
    hours: OfficeHours, a: dt.datetime, gap: int
) -> None:
    b = a + dt.timedelta(minutes=gap)
    tables = slot_tables(CAL, hours)
    first = CAL._index().first
    lo, hi = (t.date().toordinal() - first for t in (a, b))
    if not tables.range.covers(lo, hi + 1):
        tables.grow(lo, hi + 1)
    got = tables.position(np.array([us(b)])) - tables.position(np.array([us(a)]))
    assert int(got[0]) == oracle_office_time(hours, a, b) // dt.timedelta(microseconds=1)


@pytest.mark.parametrize("hours", HOURS, ids=str)
@given(a=instants, minutes=st.integers(min_value=1, max_value=5 * 8 * 60))
def test_earliest_instant_equals_the_oracle(
    hours: OfficeHours, a: dt.datetime, minutes: int
) -> None:
    tables = SlotTables(CAL, slot_tables(CAL, hours).office, hours)  # a fresh one: grows here
    first = CAL._index().first
    day = a.date().toordinal() - first
    tables.grow(day, day + 30)
    start = tables.position(np.array([us(a)]))
    due_us = int(tables.earliest(start + minutes * 60_000_000)[0])
    due = EPOCH + dt.timedelta(microseconds=due_us)
    need = dt.timedelta(minutes=minutes)
    assert oracle_office_time(hours, a, due) == need
    # The earliest such instant: a moment before, less office time had passed.
    assert oracle_office_time(hours, a, due - dt.timedelta(microseconds=1)) < need


@st.composite
def step_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, dt.datetime]:
    n = draw(st.integers(min_value=1, max_value=40))
    starts = draw(st.lists(instants, min_size=n, max_size=n))
    finishes = []
    for s in starts:
        minutes = draw(st.one_of(st.none(), st.integers(0, 30 * 24 * 60)))
        finishes.append(None if minutes is None else s + dt.timedelta(minutes=minutes))
    table = pd.DataFrame(
        {
            "agency": draw(st.lists(st.sampled_from(["A", "B", "C"]), min_size=n, max_size=n)),
            "started_at": pd.to_datetime(starts, utc=True),
            "finished_at": pd.to_datetime(finishes, utc=True),
            "budget": draw(
                st.lists(
                    st.sampled_from(
                        [
                            "0,25 ngày làm việc",
                            "1 ngày làm việc",
                            "4 giờ làm việc",
                            "7 ngày làm việc",
                            # steps whose time is not counted, as published tables write them
                            "Không tính thời gian",
                            "Giờ hành chính",
                        ]
                    ),
                    min_size=n,
                    max_size=n,
                )
            ),
        }
    )
    return table, draw(instants)


def careful(monkeypatch: pytest.MonkeyPatch, *args: object, **kwargs: object) -> pd.DataFrame:
    with monkeypatch.context() as m:
        m.setattr(steps, "_fast", lambda *_a, **_k: None)
        return step_times(*args, **kwargs)


AGENCY_HOURS = {"B": HOURS[1], "C": HOURS[3]}


@given(case=step_tables())
def test_fast_path_equals_careful_path(case: tuple[pd.DataFrame, dt.datetime]) -> None:
    table, as_of = case
    with pytest.MonkeyPatch.context() as mp:
        slow = careful(mp, table, as_of=as_of, office_hours=AGENCY_HOURS)
    fast = step_times(table, as_of=as_of, office_hours=AGENCY_HOURS)
    pd.testing.assert_frame_equal(fast, slow)


def test_tables_grow_to_later_and_earlier_years(monkeypatch: pytest.MonkeyPatch) -> None:
    hours = OfficeHours.parse("07:15-11:45,13:15-16:45")  # a fresh key: tables built here
    table = pd.DataFrame(
        {
            "started_at": pd.to_datetime(
                ["2026-03-02 09:10", "2040-06-04 16:20", "2014-01-06 07:00", "2026-12-31 16:00"]
            ).tz_localize(VN_TZ),
            "finished_at": pd.to_datetime(
                ["2026-03-05 10:00", None, "2014-02-20 08:00", None]
            ).tz_localize(VN_TZ),
            "budget": [
                "2 ngày làm việc",
                "30 ngày làm việc",
                "3 giờ làm việc",
                "60 ngày làm việc",
            ],
        }
    )
    as_of = dt.datetime(2041, 1, 1, tzinfo=VN_TZ)
    policy = DeadlinePolicy(office_hours=hours)
    with pytest.warns(ProvisionalCalendarWarning):  # 2040 and 2041 are provisional years
        got = step_times(table, as_of=as_of, policy=policy)
    with pytest.warns(ProvisionalCalendarWarning):
        want = careful(monkeypatch, table, as_of=as_of, policy=policy)
    pd.testing.assert_frame_equal(got, want)
    # The due instants read off the calendar by hand: 2 working days from Mon 02/03/2026 09:10
    # under 07:15-11:45, 13:15-16:45 (8 hours a day) is Wed 04/03/2026 09:10.
    assert got["due_at"].iloc[0] == pd.Timestamp("2026-03-04 09:10", tz=VN_TZ)


def test_without_room_for_the_tables_the_careful_path_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hours = OfficeHours.parse("07:01-11:59,13:01-17:00")  # one-minute slots
    policy = DeadlinePolicy(office_hours=hours)
    monkeypatch.setattr(_step_slots, "MAX_SLOTS", 1440 * 10)  # ten days of one-minute slots
    monkeypatch.setattr(_step_slots, "_CACHE", {})
    table = pd.DataFrame(
        {
            "started_at": pd.to_datetime(["2026-03-02 09:10", "2026-05-04 16:20"]).tz_localize(
                VN_TZ
            ),
            "finished_at": pd.to_datetime(["2026-03-05 10:00", "2026-05-05 08:00"]).tz_localize(
                VN_TZ
            ),
            "budget": ["2 ngày làm việc", "1 giờ làm việc"],
        }
    )
    got = step_times(table, policy=policy)
    want = careful(monkeypatch, table, policy=policy)
    pd.testing.assert_frame_equal(got, want)
    # 1 working hour from Mon 04/05/2026 16:20: 40 minutes that day, 20 the next morning.
    assert got["due_at"].iloc[1] == pd.Timestamp("2026-05-05 07:21", tz=VN_TZ)


def test_the_callers_instants_are_read_not_copied_and_never_written() -> None:
    start = np.array(["2026-03-02T02:00", "2026-03-03T02:00"], dtype="datetime64[us]")
    finish = np.array(["2026-03-02T05:00", "NaT"], dtype="datetime64[us]")
    before = (start.copy(), finish.copy())
    out = step_times(
        {"started_at": start, "finished_at": finish, "budget": ["1 ngày làm việc"] * 2},
        as_of=dt.datetime(2026, 3, 3, 12, tzinfo=VN_TZ),
        tz="UTC",
    )
    np.testing.assert_array_equal(start, before[0])
    np.testing.assert_array_equal(finish, before[1])
    assert start.flags.writeable  # the caller's own array keeps its flags
    # 09:00 to 12:00 Vietnam time on Mon 02/03/2026 = 3 hours; the second: 09:00 to 12:00 too.
    assert out["used"].astype("timedelta64[m]").astype(int).tolist() == [180, 180]


def test_threads_growing_the_same_tables_get_the_careful_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Threads of one process share the tables; each answer still equals the careful path."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    monkeypatch.setattr(_step_slots, "_CACHE", {})
    tables = []
    for year in range(2014, 2027, 2):  # official years: no provisional warning
        starts = pd.date_range(f"{year}-01-05 08:30", periods=2_000, freq="37min", tz=VN_TZ)
        tables.append(
            pd.DataFrame(
                {
                    "started_at": starts,
                    "finished_at": starts + pd.Timedelta(hours=30),
                    "budget": ["1 ngày làm việc", "4 giờ làm việc"] * 1_000,
                }
            )
        )
    wants = [careful(monkeypatch, t) for t in tables]
    with ThreadPoolExecutor(max_workers=4) as pool:
        gots = list(pool.map(step_times, tables))
    for got, want in zip(gots, wants, strict=True):
        pd.testing.assert_frame_equal(got, want)
