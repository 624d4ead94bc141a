"""A calendar that builds its years as calls reach them answers exactly like one built whole.

`vietnam_calendar()` builds nothing when it is made: the first call builds the year it touches,
later calls widen the index, and a provisional year's statutory days are computed when a call
first reaches that year. The reference here is a copy of the same calendar whose every year was
built before the first question (``_index()``); the lazy copy starts empty for every example, so
each random sequence of calls grows it in its own order, across year boundaries, forwards and
backwards. Answers, errors (type and message) and warnings must be the same.

The entries are also compared with a calendar built the eager way, written out here: the
official entries plus, for every provisional year, the statutory prediction of that year.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import threading
import warnings
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.calendar import Basis, CalendarEntry, EntryKind, WorkingCalendar
from tthc.calendar._statutory import statutory_entries
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

VN = tthc.VN_TZ


def _fresh(cal: WorkingCalendar) -> WorkingCalendar:
    """A copy of ``cal`` with empty caches (nothing built yet)."""
    fresh = copy.copy(cal)
    assert fresh is not cal
    assert fresh._state.index.size == 0
    return fresh


def _full(cal: WorkingCalendar) -> WorkingCalendar:
    """A copy of ``cal`` with every year built before the first question."""
    full = _fresh(cal)
    assert full._index().complete
    return full


SHIPPED = tthc.vietnam_calendar()
STRICT = tthc.vietnam_calendar(allow_provisional=False)
REFERENCE = {"shipped": _full(SHIPPED), "strict": _full(STRICT)}


def outcome(call: Callable[[], object]) -> tuple[object, ...]:
    """What a call gives: its value or its error, and the warnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value: object = call()
        except (tthc.errors.TthcError, ValueError, LookupError) as exc:
            value = ("raised", type(exc).__name__, str(exc))
    return value, [(type(w.message).__name__, str(w.message)) for w in caught]


# Days anywhere in the calendar's range and just outside it, and many next to a new year.
near_new_year = st.builds(
    lambda year, k: dt.date(year, 1, 1) + dt.timedelta(days=k),
    st.integers(2013, 2101),
    st.integers(-12, 12),
)
days = near_new_year | st.dates(dt.date(2012, 12, 1), dt.date(2101, 1, 31))
steps = st.integers(-40, 40) | st.integers(-700, 700) | st.sampled_from([-30_000, 30_000])

durations = st.one_of(
    st.integers(0, 60).map(tthc.Duration.working_days),
    st.integers(1, 400).map(lambda h: tthc.Duration.parse(f"{h} giờ làm việc")),
    st.integers(0, 90).map(lambda d: tthc.Duration.parse(f"{d} ngày")),
    st.integers(1, 13).map(lambda m: tthc.Duration.parse(f"{m} tháng")),
)
policies = st.sampled_from(
    [
        tthc.DeadlinePolicy.working_time(),
        tthc.DeadlinePolicy.civil_code(),
        tthc.DeadlinePolicy.working_time(
            office_hours=tthc.OfficeHours(by_weekday={4: [("07:30", "11:30")]})
        ),
    ]
)
instants = st.builds(
    lambda day, minute: dt.datetime.combine(day, dt.time(minute // 60, minute % 60), VN),
    days,
    st.integers(0, 24 * 60 - 1),
)


def _deadline(cal: WorkingCalendar, at: dt.datetime, duration: Any, policy: Any) -> object:
    d = tthc.compute_deadline(at, duration, calendar=cal, policy=policy)
    return (d.due_at, d.start_at, d.due_on, d.is_provisional, d.skipped_days, d.explain())


def _window(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    """``a`` and a day at most 60 days after it (iteration stays short)."""
    return a, min(b, a + dt.timedelta(days=60)) if b >= a else a


calls = st.one_of(
    st.tuples(st.just("add_working_days"), days, steps),
    st.tuples(st.just("working_days_between"), days, days),
    st.tuples(st.just("is_working_day"), days),
    st.tuples(st.just("entry"), days),
    st.tuples(st.just("off_reason"), days),
    st.tuples(st.just("working_days"), days, days),
    st.tuples(st.just("entries_in"), st.integers(2012, 2101)),
    st.tuples(st.just("deadline"), instants, durations, policies),
)


def _ask(cal: WorkingCalendar, call: tuple[Any, ...]) -> object:
    name, *args = call
    if name == "deadline":
        return outcome(lambda: _deadline(cal, *args))
    if name == "working_days":
        a, b = _window(*args)
        return outcome(lambda: list(cal.working_days(a, b)))
    return outcome(lambda: getattr(cal, name)(*args))


@pytest.mark.parametrize("kind", ["shipped", "strict"])
@given(sequence=st.lists(calls, min_size=1, max_size=12))
def test_lazy_calendar_answers_like_the_whole_one(kind: str, sequence: list[tuple[Any, ...]]):
    reference = REFERENCE[kind]
    lazy = _fresh(SHIPPED if kind == "shipped" else STRICT)
    for call in sequence:
        assert _ask(lazy, call) == _ask(reference, call), call


@given(day=days, n=steps)
def test_scalar_fast_path_equals_the_checked_path(day: dt.date, n: int):
    """The date-keyed tables give what the index arithmetic gives (positive and negative n)."""
    cal = REFERENCE["shipped"]
    fast = outcome(lambda: cal.add_working_days(day, n))
    checked = outcome(lambda: cal._add_working_days(day, n))
    assert fast == checked


@given(first=days, n=st.integers(-800, 800))
def test_growing_backwards_then_forwards(first: dt.date, n: int):
    """A call far before the years built, then one far after, rebuild one consistent index."""
    lazy = _fresh(SHIPPED)
    reference = REFERENCE["shipped"]
    for day, k in ((first, n), (first, -n), (dt.date(2100, 12, 31), -n), (first, 0)):
        assert outcome(lambda d=day, k=k: lazy.add_working_days(d, k)) == outcome(
            lambda d=day, k=k: reference.add_working_days(d, k)
        )
    index = lazy._state.index
    assert index.rank[-1] == len(index.working)
    assert index.working == [
        o for o in range(index.first, index.last + 1) if index.mask[o - index.first]
    ]


def test_one_call_builds_only_the_years_it_reaches():
    lazy = _fresh(SHIPPED)
    # Saturday 10/1/2026 was worked (Công văn 12729/VPCP-KGVX): 10, 12, 13, 14, 15 January.
    assert lazy.add_working_days(dt.date(2026, 1, 9), 5) == dt.date(2026, 1, 15)
    index = lazy._state.index
    assert (dt.date.fromordinal(index.first), dt.date.fromordinal(index.last)) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    # No provisional year reached: no statutory prediction was computed.
    assert lazy._state.derived == {}
    # Crossing into 2027 widens the index to it, and only to it.
    lazy.add_working_days(dt.date(2026, 12, 30), 3)
    assert dt.date.fromordinal(lazy._state.index.last) == dt.date(2027, 12, 31)
    assert lazy._state.derived == {}
    # A provisional year is predicted when reached (with its warning), and only that year.
    with pytest.warns(tthc.errors.ProvisionalCalendarWarning):
        lazy.add_working_days(dt.date(2027, 12, 31), 1)
    assert set(lazy._state.derived) == {2028}


def _eager(first: int, last: int) -> WorkingCalendar:
    """The Vietnamese calendar built the eager way: official entries, then every prediction."""
    official = {s.year: s for s in tthc.calendar.official_schedules()}
    by_day: dict[dt.date, CalendarEntry] = {}
    provisional = [y for y in range(first, last + 1) if y not in official]
    for year in provisional:
        for entry in statutory_entries(year):
            by_day[entry.day] = entry
    for schedule in official.values():
        for entry in schedule.entries:
            if first <= entry.day.year <= last:
                by_day[entry.day] = entry
    return WorkingCalendar(
        name=SHIPPED.name,
        first_year=first,
        last_year=last,
        entries=list(by_day.values()),
        provisional_years=provisional,
    )


@pytest.mark.parametrize(("first", "last"), [(2013, 2100), (2020, 2035), (2030, 2031)])
def test_entries_equal_the_eager_build(first: int, last: int):
    lazy = _fresh(tthc.vietnam_calendar(first_year=first, last_year=last))
    eager = _eager(first, last)
    assert lazy.entries == eager.entries
    assert lazy == eager
    assert hash(lazy) == hash(eager)
    for year in range(first - 1, last + 2):
        assert lazy.entries_in(year) == eager.entries_in(year)


def test_predicted_entry_answers_entry_and_off_reason():
    lazy = _fresh(SHIPPED)
    # 1 January 2030 is a Tuesday: the statutory New Year day off.
    entry = lazy.entry(dt.date(2030, 1, 1))
    assert entry is not None
    assert (entry.basis, entry.kind) == (Basis.STATUTORY, EntryKind.DAY_OFF)
    with pytest.warns(tthc.errors.ProvisionalCalendarWarning, match="2030"):
        reason = lazy.off_reason(dt.date(2030, 1, 1))
    assert reason == f"{entry.name} ({entry.source})"


def test_with_entries_keeps_the_rules_and_lets_given_days_win():
    new_year = dt.date(2030, 1, 1)
    local = CalendarEntry(
        day=new_year,
        kind=EntryKind.EXTRA_WORKING_DAY,
        name="Làm việc (thử)",
        source="test",
        basis=Basis.LOCAL,
    )
    with pytest.raises(InvalidValueError, match="a day without an entry"):
        SHIPPED.with_entries([local], replace=False)
    agency = SHIPPED.with_entries([local])
    assert agency.entry(new_year) == local
    with pytest.warns(tthc.errors.ProvisionalCalendarWarning):
        assert agency.is_working_day(new_year)
    # Every other predicted day is still there.
    assert [e for e in agency.entries if e.day != new_year] == [
        e for e in SHIPPED.entries if e.day != new_year
    ]


def test_pickled_calendar_starts_empty_and_answers_alike():
    built = _full(SHIPPED)
    again = pickle.loads(pickle.dumps(built))  # noqa: S301 - our own object
    assert again._state.index.size == 0
    assert again == built
    day = dt.date(2040, 3, 1)
    with pytest.warns(tthc.errors.ProvisionalCalendarWarning):
        assert again.add_working_days(day, -17) == built.add_working_days(day, -17)


def test_threads_building_different_years_agree_with_the_whole_calendar():
    lazy = _fresh(SHIPPED)
    reference = REFERENCE["shipped"]
    starts = [dt.date(year, 6, 1) for year in range(2015, 2099, 7)]
    results: dict[tuple[dt.date, int], object] = {}
    barrier = threading.Barrier(4)

    def work(offset: int) -> None:
        barrier.wait()
        for day in starts[offset::4]:
            for n in (-300, -1, 0, 1, 300):
                results[day, n] = lazy.add_working_days(day, n)

    # The warning filters are process-wide: set once, around all the threads.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tthc.errors.ProvisionalCalendarWarning)
        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        expected = {key: reference.add_working_days(*key) for key in results}
    assert len(results) == 5 * len(starts)
    assert results == expected
