"""Properties of working-day arithmetic, checked on two calendars.

Rule under test (DESIGN.md, "Working days and deadlines"): ``add_working_days(d, n)`` is the n-th
working day strictly after ``d`` for n >= 1, the |n|-th strictly before it for n <= -1, and ``d``
itself (or the next working day) for n = 0; ``working_days_between(a, b)`` counts the working days
in ``(a, b]`` when b >= a and minus those in ``[b, a)`` when b < a.

The calendars are the shipped Vietnamese one (checked against the research table of
``tests/calendar/test_vn_official.py``, 2013-2027, so no provisional year is touched) and small
hand-built ``WorkingCalendar``s with random days off and random working weekend days over
2020-2022. The expected values come from a day-by-day oracle written here, which only knows an
``is_working(day)`` predicate built from the raw data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

import tthc
from tthc.calendar import CalendarEntry, EntryKind, WorkingCalendar
from tthc.errors import OutOfCalendarRangeError

if TYPE_CHECKING:
    from collections.abc import Callable

ONE_DAY = dt.timedelta(days=1)


def _load_official_table() -> object:
    """Import the research table of test_vn_official.py by path (tests/ is not a package)."""
    path = Path(__file__).resolve().parents[1] / "calendar" / "test_vn_official.py"
    spec = importlib.util.spec_from_file_location("_vn_official_table_for_properties", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TABLE = _load_official_table()
VN_OFF = frozenset(dt.date.fromisoformat(d) for d, _ in _TABLE.OFFICIAL_DAYS_OFF)  # type: ignore[attr-defined]
VN_ON = frozenset(dt.date.fromisoformat(d) for d, _ in _TABLE.WORKING_WEEKEND_DAYS)  # type: ignore[attr-defined]


@dataclasses.dataclass(frozen=True)
class Case:
    """A calendar under test with the oracle that knows its raw data."""

    cal: WorkingCalendar = dataclasses.field(repr=True)
    is_working: Callable[[dt.date], bool] = dataclasses.field(repr=False)
    first: dt.date  # the oracle knows days from `first` to `last`
    last: dt.date
    days: st.SearchStrategy[dt.date] = dataclasses.field(repr=False)
    max_n: int

    # --- the oracle: obvious day-by-day loops, no index ------------------------------------------

    def add(self, day: dt.date, n: int) -> dt.date | None:
        """The working day n steps from `day`, or None when the walk leaves the known days."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        left = abs(n)
        if n == 0:  # day itself if working, else walk forward to the first working day
            left, day = 1, day - ONE_DAY
        while left:
            day += step
            if not self.first <= day <= self.last:
                return None
            left -= self.is_working(day)
        return day

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b] when b >= a, minus those in [b, a) when b < a."""
        if b >= a:
            return sum(self.is_working(a + k * ONE_DAY) for k in range(1, (b - a).days + 1))
        return -sum(self.is_working(b + k * ONE_DAY) for k in range((a - b).days))

    def working_days(self, a: dt.date, b: dt.date) -> list[dt.date]:
        """The working days in [a, b], in order."""
        return [
            a + k * ONE_DAY for k in range((b - a).days + 1) if self.is_working(a + k * ONE_DAY)
        ]


def _vn_is_working(day: dt.date) -> bool:
    return (day.weekday() < 5 and day not in VN_OFF) or day in VN_ON


VN_CASE = Case(
    cal=tthc.vietnam_calendar(),
    is_working=_vn_is_working,
    # The research table covers 2013-2027 completely; later years are provisional.
    first=dt.date(2013, 1, 1),
    last=dt.date(2027, 12, 31),
    days=st.dates(min_value=dt.date(2013, 1, 20), max_value=dt.date(2027, 12, 10)),
    max_n=40,
)

RANDOM_FIRST = dt.date(2020, 1, 1)
RANDOM_LAST = dt.date(2022, 12, 31)
_MONDAY_BEFORE = dt.date(2019, 12, 30)  # a Monday; weeks are counted from it
_WEEKS = 157  # enough to reach past 2022-12-31


def _days_on(weekdays: list[int]) -> st.SearchStrategy[dt.date]:
    """Days of 2020-2022 whose weekday (0 = Monday) is one of ``weekdays``."""
    return st.builds(
        lambda week, weekday: _MONDAY_BEFORE + dt.timedelta(weeks=week, days=weekday),
        st.integers(0, _WEEKS),
        st.sampled_from(weekdays),
    ).filter(lambda d: RANDOM_FIRST <= d <= RANDOM_LAST)


@st.composite
def random_cases(draw: st.DrawFn) -> Case:
    """A hand-built calendar over 2020-2022 with random days off and working weekend days."""
    masks = st.lists(st.sampled_from("01"), min_size=7, max_size=7).map("".join)
    weekmask = draw(
        st.just("1111100") | masks.filter(lambda m: m.count("1") >= 3), label="weekmask"
    )
    working_weekdays = [i for i, c in enumerate(weekmask) if c == "1"]
    free_weekdays = [i for i, c in enumerate(weekmask) if c == "0"]
    off = draw(st.sets(_days_on(working_weekdays), max_size=80), label="days off")
    extra = (
        draw(st.sets(_days_on(free_weekdays), max_size=40), label="extra working days")
        if free_weekdays
        else set()
    )
    entries = [
        CalendarEntry(day=d, kind=EntryKind.DAY_OFF, name="Nghỉ (thử)", source="test") for d in off
    ] + [
        CalendarEntry(day=d, kind=EntryKind.EXTRA_WORKING_DAY, name="Làm bù (thử)", source="test")
        for d in extra
    ]
    cal = WorkingCalendar(
        name="random", first_year=2020, last_year=2022, weekmask=weekmask, entries=entries
    )
    note(f"weekmask={weekmask} off={sorted(off)} extra={sorted(extra)}")

    # The oracle's predicate is built from the raw sets, not from the calendar.
    def is_working(day: dt.date) -> bool:
        return (weekmask[day.weekday()] == "1" and day not in off) or day in extra

    return Case(
        cal=cal,
        is_working=is_working,
        first=RANDOM_FIRST,
        last=RANDOM_LAST,
        days=st.dates(min_value=dt.date(2020, 1, 20), max_value=dt.date(2022, 12, 10)),
        max_n=25,
    )


CASES = {"vietnam": st.just(VN_CASE), "random": random_cases()}
both_calendars = pytest.mark.parametrize("kind", list(CASES))


def _draw_case(data: st.DataObject, kind: str) -> Case:
    return data.draw(CASES[kind], label="case")


def _steps(case: Case, n: st.SearchStrategy[int] | None = None) -> st.SearchStrategy:
    """(day, n) pairs whose oracle result stays inside the oracle's known days."""
    ns = st.integers(-case.max_n, case.max_n) if n is None else n
    return st.tuples(case.days, ns).filter(lambda p: case.add(*p) is not None)


# --- add_working_days ---------------------------------------------------------------------------


@both_calendars
@given(data=st.data())
def test_result_is_a_working_day_on_the_right_side(kind: str, data: st.DataObject) -> None:
    """add_working_days lands on a working day, after d for n >= 1 and before it for n <= -1."""
    case = _draw_case(data, kind)
    day, n = data.draw(_steps(case), label="(day, n)")
    result = case.cal.add_working_days(day, n)
    assert case.cal.is_working_day(result)
    if n >= 1:
        assert result > day
    elif n <= -1:
        assert result < day
    else:
        assert result >= day


@both_calendars
@given(data=st.data())
def test_zero_steps_is_the_day_or_the_next_working_day(kind: str, data: st.DataObject) -> None:
    """n = 0 gives d when d is a working day, else the first working day after d."""
    case = _draw_case(data, kind)
    day = data.draw(case.days, label="day")
    assume(case.add(day, 0) is not None)
    expected = day if case.cal.is_working_day(day) else case.cal.next_working_day(day)
    assert case.cal.add_working_days(day, 0) == expected
    assert case.cal.roll_forward(day) == expected


@both_calendars
@given(data=st.data())
def test_same_sign_steps_add_up(kind: str, data: st.DataObject) -> None:
    """add(add(d, m), n) == add(d, m + n) when m and n have the same sign."""
    case = _draw_case(data, kind)
    half = case.max_n // 2
    sign = data.draw(st.sampled_from([1, -1]), label="sign")
    m = sign * data.draw(st.integers(1, half), label="|m|")
    n = sign * data.draw(st.integers(1, half), label="|n|")
    day = data.draw(case.days, label="day")
    assume(case.add(day, m + n) is not None)
    cal = case.cal
    assert cal.add_working_days(cal.add_working_days(day, m), n) == cal.add_working_days(
        day, m + n
    )


@both_calendars
@given(data=st.data())
def test_add_working_days_is_monotone(kind: str, data: st.DataObject) -> None:
    """d1 <= d2 implies add(d1, n) <= add(d2, n)."""
    case = _draw_case(data, kind)
    n = data.draw(st.integers(-case.max_n, case.max_n), label="n")
    d1 = data.draw(case.days, label="d1")
    d2 = data.draw(
        st.integers(0, 20).map(lambda k: d1 + dt.timedelta(days=k)) | case.days, label="d2"
    )
    d1, d2 = min(d1, d2), max(d1, d2)
    assume(case.add(d1, n) is not None)
    assume(case.add(d2, n) is not None)
    assert case.cal.add_working_days(d1, n) <= case.cal.add_working_days(d2, n)


# --- working_days_between -----------------------------------------------------------------------


def _other_day(case: Case, a: dt.date) -> st.SearchStrategy[dt.date]:
    near = st.integers(-400, 400).map(lambda k: a + dt.timedelta(days=k))
    return (near | case.days).filter(lambda b: case.first <= b <= case.last)


@both_calendars
@given(data=st.data())
def test_between_round_trips_to_a_working_day(kind: str, data: st.DataObject) -> None:
    """add_working_days(a, working_days_between(a, b)) == b for a working day b, before or after a."""
    case = _draw_case(data, kind)
    a = data.draw(case.days, label="a")
    raw = data.draw(_other_day(case, a), label="b (before rolling)")
    b = case.add(raw, 0)  # the oracle's working day on or after raw
    assume(b is not None)
    count = case.cal.working_days_between(a, b)
    assert case.cal.add_working_days(a, count) == b


@both_calendars
@given(data=st.data())
def test_between_sign_follows_direction(kind: str, data: st.DataObject) -> None:
    """working_days_between(a, b) is >= 0 when b >= a and <= 0 when b < a, and 0 when b == a."""
    case = _draw_case(data, kind)
    a = data.draw(case.days, label="a")
    b = data.draw(_other_day(case, a), label="b")
    count = case.cal.working_days_between(a, b)
    assert case.cal.working_days_between(a, a) == 0
    if b > a:
        assert count >= 0
    elif b < a:
        assert count <= 0
    else:
        assert count == 0
    # When b is itself a working day distinct from a, the count cannot be zero.
    if b != a and case.is_working(b):
        assert count != 0


# --- the batch call -----------------------------------------------------------------------------


def _as_days64(days: list[dt.date]) -> np.ndarray:
    return np.array(days, dtype="datetime64[D]")


@both_calendars
@given(data=st.data())
def test_batch_equals_scalar(kind: str, data: st.DataObject) -> None:
    """add_working_days_many over arrays equals add_working_days element by element."""
    case = _draw_case(data, kind)
    steps = data.draw(st.lists(_steps(case), max_size=25), label="steps")
    days = _as_days64([d for d, _ in steps])
    ns = np.array([n for _, n in steps], dtype=np.int64)
    result = case.cal.add_working_days_many(days, ns)
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.shape == (len(steps),)
    expected = [case.cal.add_working_days(d, n) for d, n in steps]
    assert [r.astype(dt.date) for r in result] == expected


@both_calendars
@given(data=st.data())
def test_batch_with_a_scalar_n_equals_scalar(kind: str, data: st.DataObject) -> None:
    """A single int n is broadcast over the days, with the scalar call's answers."""
    case = _draw_case(data, kind)
    n = data.draw(st.integers(-case.max_n, case.max_n), label="n")
    steps = data.draw(st.lists(_steps(case, st.just(n)), min_size=1, max_size=25), label="steps")
    days = [d for d, _ in steps]
    result = case.cal.add_working_days_many(_as_days64(days), n)
    assert [r.astype(dt.date) for r in result] == [case.cal.add_working_days(d, n) for d in days]


# --- agreement with the day-by-day oracle -------------------------------------------------------


@both_calendars
@given(data=st.data())
def test_add_working_days_agrees_with_the_oracle(kind: str, data: st.DataObject) -> None:
    """add_working_days gives the day the day-by-day walk over the raw data reaches."""
    case = _draw_case(data, kind)
    day, n = data.draw(_steps(case), label="(day, n)")
    assert case.cal.add_working_days(day, n) == case.add(day, n)


@both_calendars
@given(data=st.data())
def test_is_working_day_agrees_with_the_raw_data(kind: str, data: st.DataObject) -> None:
    """is_working_day says what the raw data (week mask, days off, extra working days) says."""
    case = _draw_case(data, kind)
    day = data.draw(st.dates(case.first, case.last), label="day")
    assert case.cal.is_working_day(day) is case.is_working(day)


@both_calendars
@given(data=st.data())
def test_between_agrees_with_the_oracle(kind: str, data: st.DataObject) -> None:
    """working_days_between counts what the day-by-day loop counts, in both directions."""
    case = _draw_case(data, kind)
    a = data.draw(case.days, label="a")
    b = data.draw(_other_day(case, a), label="b")
    assert case.cal.working_days_between(a, b) == case.between(a, b)


@both_calendars
@given(data=st.data())
def test_working_days_iteration_agrees_with_the_oracle(kind: str, data: st.DataObject) -> None:
    """working_days(start, end) yields exactly the oracle's working days of [start, end], in order."""
    case = _draw_case(data, kind)
    start = data.draw(st.dates(case.first, case.last), label="start")
    span = data.draw(st.integers(0, 400), label="span")
    end = min(start + dt.timedelta(days=span), case.last)
    assert list(case.cal.working_days(start, end)) == case.working_days(start, end)


@given(data=st.data())
def test_random_calendar_refuses_to_walk_off_its_years(data: st.DataObject) -> None:
    """A move whose day-by-day walk leaves 2020-2022 raises OutOfCalendarRangeError, else agrees."""
    case = data.draw(random_cases(), label="case")
    # Days near either end, so that some walks leave the range.
    day = data.draw(
        st.dates(RANDOM_FIRST, RANDOM_FIRST + dt.timedelta(days=30))
        | st.dates(RANDOM_LAST - dt.timedelta(days=30), RANDOM_LAST),
        label="day",
    )
    n = data.draw(st.integers(-case.max_n, case.max_n), label="n")
    expected = case.add(day, n)
    if expected is None:
        with pytest.raises(OutOfCalendarRangeError) as info:
            case.cal.add_working_days(day, n)
        assert (info.value.first_year, info.value.last_year) == (2020, 2022)
        assert not RANDOM_FIRST <= info.value.day <= RANDOM_LAST
    else:
        assert case.cal.add_working_days(day, n) == expected
