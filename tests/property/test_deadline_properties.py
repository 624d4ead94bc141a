"""Properties of compute_deadline, checked against obvious oracles written here.

Rules under test (DESIGN.md, "Working days and deadlines"; STYLE.md §7, "Deadline properties"):

* ``due_at >= received_at``; a longer limit never gives an earlier due; converting the receipt
  to another time zone changes nothing;
* working time: the due instant is the earliest one at which N x (a working day's office time)
  has passed since the receipt, counting only office minutes of working days; a pause of k whole
  working days moves it by exactly k working days;
* Civil Code (Arts. 147-148): the receipt day is not counted; N working days end with the N-th
  working day after it; calendar days and months end on (receipt date + N), moved to the next
  working day when that day is off; a pause of k working days moves the due day by k.

The oracles know only the raw calendar data (``vn_public_sector.json``: the week mask, days off
and worked weekend days, read here with ``json``) and plain office periods: a minute-by-minute walk
for working time, a day-by-day walk for the Civil Code. Receipts stay between 2013-02-01 and
2027-10-31 (official schedules, no provisional year reached).
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import assume, example, given, note
from hypothesis import strategies as st

from strategies import cutoffs
from tthc import (
    VN_TZ,
    DeadlinePolicy,
    Duration,
    EndOfDay,
    OfficeHours,
    Pause,
    compute_deadline,
)

ONE_DAY = dt.timedelta(days=1)
ONE_MINUTE = dt.timedelta(minutes=1)

# --- the raw calendar data, read without tthc ----------------------------------------------------


def _load_raw_calendar() -> tuple[str, frozenset[dt.date], frozenset[dt.date]]:
    """The week mask, the days off and the worked weekend days of the shipped data file."""
    path = resources.files("tthc.calendar").joinpath("data", "vn_public_sector.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    for year in data["years"].values():
        for entry in year["entries"]:
            day = dt.date.fromisoformat(entry["date"])
            {"day_off": off, "extra_working_day": on}[entry["kind"]].add(day)
    return data["weekmask"], frozenset(off), frozenset(on)


WEEKMASK, DAYS_OFF, WORKED_WEEKEND_DAYS = _load_raw_calendar()


def is_working(day: dt.date) -> bool:
    """Whether ``day`` is a working day, from the raw data only."""
    if day in DAYS_OFF:
        return False
    return day in WORKED_WEEKEND_DAYS or WEEKMASK[day.weekday()] == "1"


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day strictly after ``day`` (n >= 1), walking day by day."""
    while n:
        day += ONE_DAY
        n -= is_working(day)
    return day


def roll_forward(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next one."""
    while not is_working(day):
        day += ONE_DAY
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (Art. 148)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, stdcal.monthrange(year, month)[1]))


def local(day: dt.date, minute: int = 0) -> dt.datetime:
    """The Vietnam-time instant ``minute`` minutes after the start of ``day``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ) + dt.timedelta(minutes=minute)


# --- office hours as plain data --------------------------------------------------------------

Periods = list[tuple[str, str]]


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class Office:
    """Office periods written as text, turned into a tthc OfficeHours and into minute tables."""

    def __init__(self, name: str, periods: Periods, by_weekday: dict[int, Periods]) -> None:
        self.name = name
        self.hours = OfficeHours(periods=periods, by_weekday=by_weekday)
        self.policy = DeadlinePolicy.working_time(office_hours=self.hours)
        self.day_minutes = sum(_minutes(b) - _minutes(a) for a, b in periods)
        # is_open[weekday][minute of day]: the minute [m, m+1) lies inside an office period.
        self.is_open = []
        for weekday in range(7):
            spans = [(_minutes(a), _minutes(b)) for a, b in by_weekday.get(weekday, periods)]
            self.is_open.append([any(a <= m < b for a, b in spans) for m in range(1440)])
        self.closing = {
            weekday: _minutes(by_weekday.get(weekday, periods)[-1][1]) for weekday in range(7)
        }

    def __repr__(self) -> str:
        return self.name

    def due(self, received: dt.datetime, minutes: int) -> dt.datetime:
        """Walk minute by minute from the receipt; due at the end of the ``minutes``-th office one."""
        assert minutes > 0
        day = received.date()
        minute = received.hour * 60 + received.minute
        count = 0
        while True:
            if is_working(day):
                is_open = self.is_open[day.weekday()]
                while minute < 1440:
                    if is_open[minute]:
                        count += 1
                        if count == minutes:
                            return local(day, minute + 1)
                    minute += 1
            day += ONE_DAY
            minute = 0


DEFAULT_OFFICE = Office("08-12,13-17", [("08:00", "12:00"), ("13:00", "17:00")], {})
AGENCY_OFFICE = Office(
    "07-11:30,13:30-17,Fri-07-11:30",
    [("07:00", "11:30"), ("13:30", "17:00")],
    {4: [("07:00", "11:30")]},
)
SATURDAY_OFFICE = Office(
    "07:30-11:30,13:30-17:30,Sat-08-11",
    [("07:30", "11:30"), ("13:30", "17:30")],
    {5: [("08:00", "11:00")]},
)
OFFICES = [DEFAULT_OFFICE, AGENCY_OFFICE, SATURDAY_OFFICE]

CIVIL = DeadlinePolicy.civil_code()
CIVIL_CLOSE = DeadlinePolicy.civil_code(end_of_day=EndOfDay.OFFICE_CLOSE)
WORKING_TIME = DeadlinePolicy.working_time()
POLICIES = [WORKING_TIME, CIVIL, CIVIL_CLOSE, AGENCY_OFFICE.policy]

# --- strategies -------------------------------------------------------------------------------

FIRST = dt.date(2013, 2, 1)
LAST = dt.date(2027, 10, 31)
LAST_FOR_MONTHS = dt.date(2027, 6, 30)  # + 6 months stays in 2027

# Minutes around openings, closings, lunch and cut-offs of the office hours above.
_EDGE_TIMES = ("00:00", "07:00", "07:30", "08:00", "11:30", "12:00", "13:00", "13:30", "15:00",
               "17:00", "17:30", "23:59")  # fmt: skip
_EDGES = sorted(
    {_minutes(t) + d for t in _EDGE_TIMES for d in (-1, 0, 1) if 0 <= _minutes(t) + d < 1440}
)


def receipts(first: dt.date = FIRST, last: dt.date = LAST) -> st.SearchStrategy[dt.datetime]:
    """Aware Vietnam-time instants on a whole minute, often on an office-hours edge."""
    minutes = st.sampled_from(_EDGES) | st.integers(0, 1439)
    return st.builds(local, st.dates(min_value=first, max_value=last), minutes)


def day_limits() -> st.SearchStrategy[tuple[dt.datetime, Duration]]:
    """A receipt and a limit of any unit, within the ranges that stay in official years."""
    return st.one_of(
        st.tuples(receipts(), st.integers(0, 30).map(Duration.working_days)),
        st.tuples(receipts(), st.integers(0, 40).map(Duration.working_hours)),
        st.tuples(receipts(), st.integers(0, 60).map(Duration.calendar_days)),
        st.tuples(receipts(last=LAST_FOR_MONTHS), st.integers(1, 6).map(Duration.months)),
        st.tuples(receipts(), st.integers(0, 72).map(Duration.hours)),
        st.tuples(receipts(), st.builds(Duration.same_day, cutoff=st.none() | cutoffs())),
    )


# unit: (constructor, smallest, largest value, last receipt day)
BUILDERS = {
    "working_days": (Duration.working_days, 0, 30, LAST),
    "working_hours": (Duration.working_hours, 0, 40, LAST),
    "calendar_days": (Duration.calendar_days, 0, 60, LAST),
    "months": (Duration.months, 1, 6, LAST_FOR_MONTHS),
    "hours": (Duration.hours, 0, 72, LAST),
}

# --- properties -------------------------------------------------------------------------------


class TestBasicProperties:
    """The due instant never precedes the receipt, grows with the limit, ignores the time zone."""

    @given(case=day_limits(), policy=st.sampled_from(POLICIES))
    @example(case=(local(dt.date(2025, 3, 10), 17 * 60 + 30), Duration.working_days(0)),
             policy=WORKING_TIME)  # fmt: skip
    @example(case=(local(dt.date(2025, 3, 9), 600), Duration.working_days(0)),
             policy=WORKING_TIME)  # fmt: skip
    @example(case=(local(dt.date(2025, 3, 10), 18 * 60), Duration.calendar_days(0)),
             policy=CIVIL_CLOSE)  # fmt: skip
    def test_due_not_before_receipt(
        self, case: tuple[dt.datetime, Duration], policy: DeadlinePolicy
    ) -> None:
        """Every limit, zero and same-day included, is due at or after the receipt."""
        received, duration = case
        deadline = compute_deadline(received, duration, policy=policy)
        note(repr(deadline))
        assert deadline.due_at >= received
        assert deadline.due_at.utcoffset() == dt.timedelta(hours=7)
        assert deadline.is_provisional is False

    @given(
        unit=st.sampled_from(sorted(BUILDERS)),
        data=st.data(),
        policy=st.sampled_from(POLICIES),
    )
    def test_longer_never_earlier(
        self, unit: str, data: st.DataObject, policy: DeadlinePolicy
    ) -> None:
        """A longer limit in the same unit is never due earlier than a shorter one."""
        build, least, most, last = BUILDERS[unit]
        received = data.draw(receipts(last=last), label="received")
        n1 = data.draw(st.integers(least, most), label="n1")
        n2 = data.draw(st.integers(n1, most), label="n2")
        short = compute_deadline(received, build(n1), policy=policy)
        long = compute_deadline(received, build(n2), policy=policy)
        assert short.due_at <= long.due_at

    @given(
        case=day_limits(),
        policy=st.sampled_from(POLICIES),
        offset=st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timedelta(minutes=m)),
    )
    def test_other_time_zone_same_due(
        self, case: tuple[dt.datetime, Duration], policy: DeadlinePolicy, offset: dt.timedelta
    ) -> None:
        """The same instant written in UTC or any other offset gives the same due instant."""
        received, duration = case
        expected = compute_deadline(received, duration, policy=policy)
        in_utc = compute_deadline(received.astimezone(dt.UTC), duration, policy=policy)
        elsewhere = compute_deadline(
            received.astimezone(dt.timezone(offset)), duration, policy=policy
        )
        for other in (in_utc, elsewhere):
            assert other.due_at == expected.due_at
            assert other.due_on == expected.due_on
            assert other.received_at == received
            assert other.due_at.utcoffset() == dt.timedelta(hours=7)


class TestWorkingTimeOracle:
    """Working time agrees with a minute-by-minute walk over the office minutes of working days."""

    @pytest.mark.parametrize("office", OFFICES, ids=repr)
    @given(
        received=receipts(),
        duration=st.one_of(
            st.integers(1, 3).map(Duration.working_days),
            st.integers(1, 48).map(lambda n: Duration.working_days(Decimal(n) / 16)),
            st.integers(1, 16).map(Duration.working_hours),
            st.integers(1, 64).map(lambda n: Duration.working_hours(Decimal(n) / 4)),
        ),
    )
    @example(received=local(dt.date(2025, 1, 24), 600), duration=Duration.working_days(1))
    @example(received=local(dt.date(2025, 4, 25), 960), duration=Duration.working_days(1))
    @example(received=local(dt.date(2026, 1, 9), 1050), duration=Duration.working_days(2))
    @example(received=local(dt.date(2026, 2, 12), 900), duration=Duration.working_days(3))
    @example(received=local(dt.date(2026, 11, 23), 780), duration=Duration.working_days(1))
    def test_minute_walk(self, office: Office, received: dt.datetime, duration: Duration) -> None:
        """The due instant is the end of the minute at which N x day length of office time is reached."""
        if duration.unit.value == "working_days":
            minutes = Decimal(duration.value) * office.day_minutes
        else:
            minutes = Decimal(duration.value) * 60
        assert minutes == int(minutes)
        expected = office.due(received, int(minutes))
        deadline = compute_deadline(received, duration, policy=office.policy)
        note(f"{deadline!r}, expected {expected.isoformat()}")
        assert deadline.due_at == expected

    @given(received=receipts())
    def test_start_at_is_next_office_minute(self, received: dt.datetime) -> None:
        """Counting starts at the receipt, or at the first office minute after it."""
        day, minute = received.date(), received.hour * 60 + received.minute
        while not (is_working(day) and DEFAULT_OFFICE.is_open[day.weekday()][minute]):
            minute += 1
            if minute == 1440:
                day, minute = day + ONE_DAY, 0
        start = compute_deadline(received, Duration.working_days(1)).start_at
        assert start == local(day, minute)


class TestPauseProperties:
    """A pause of k whole working days moves the due by exactly k working days."""

    @given(received=receipts(), n=st.integers(1, 30), k=st.integers(1, 5), data=st.data())
    def test_working_time(
        self, received: dt.datetime, n: int, k: int, data: st.DataObject
    ) -> None:
        """A pause from the opening of working day X to the opening k working days later shifts
        the working-time due instant to the same time k working days later.
        """
        due = compute_deadline(received, Duration.working_days(n)).due_at
        j = data.draw(st.integers(0, n), label="j")
        # X: the j-th working day on or after the receipt day; its 08:00 opening inside the count.
        x = add_working_days(received.date() - ONE_DAY, j + 1)
        pause_start = local(x, 8 * 60)
        assume(received <= pause_start < due)
        pause_end = local(add_working_days(x, k), 8 * 60)
        paused = compute_deadline(
            received,
            Duration.working_days(n),
            pauses=[Pause(start_at=pause_start, end_at=pause_end)],
        )
        expected = dt.datetime.combine(add_working_days(due.date(), k), due.timetz())
        note(f"pause {pause_start.isoformat()} - {pause_end.isoformat()}, due {due.isoformat()}")
        assert paused.due_at == expected

    @given(
        received=receipts(),
        n=st.integers(1, 30),
        k=st.integers(1, 5),
        policy=st.sampled_from([CIVIL, CIVIL_CLOSE]),
        data=st.data(),
    )
    def test_civil_code(
        self, received: dt.datetime, n: int, k: int, policy: DeadlinePolicy, data: st.DataObject
    ) -> None:
        """A pause from working day X before the due day to k working days later moves it by k."""
        # X runs from the receipt day to the day before the due day; a pause starting on the due
        # day itself is test_deadlines.py::TestPauseOnTheLastDay.
        due_on = compute_deadline(received, Duration.working_days(n), policy=policy).due_on
        j = data.draw(st.integers(0, n - 1), label="j")
        pause_minute = data.draw(st.integers(0, 1439), label="pause_minute")
        x = add_working_days(received.date() - ONE_DAY, j + 1)
        pause_start = max(local(x, pause_minute), received)
        assume(x < due_on)
        pause_end = local(add_working_days(x, k), pause_minute)
        paused = compute_deadline(
            received,
            Duration.working_days(n),
            policy=policy,
            pauses=[Pause(start_at=pause_start, end_at=pause_end)],
        )
        assert paused.due_on == add_working_days(due_on, k)

    @given(received=receipts(), n=st.integers(1, 30), data=st.data())
    def test_pause_outside_window_changes_nothing(
        self, received: dt.datetime, n: int, data: st.DataObject
    ) -> None:
        """A pause that ends before the receipt or starts at or after the due changes nothing."""
        due = compute_deadline(received, Duration.working_days(n)).due_at
        length = data.draw(st.integers(0, 10 * 1440), label="length") * ONE_MINUTE
        gap = data.draw(st.integers(0, 10 * 1440), label="gap") * ONE_MINUTE
        before = Pause(start_at=received - gap - length, end_at=received - gap)
        after = Pause(start_at=due + gap, end_at=due + gap + length)
        paused = compute_deadline(received, Duration.working_days(n), pauses=[before, after])
        assert paused.due_at == due


class TestCivilCodeOracle:
    """The Civil Code policy agrees with a day-by-day walk over the raw calendar data."""

    @given(received=receipts(), n=st.integers(1, 30), policy=st.sampled_from([CIVIL, CIVIL_CLOSE]))
    def test_working_days(self, received: dt.datetime, n: int, policy: DeadlinePolicy) -> None:
        """N working days end with the N-th working day after the receipt date."""
        due_on = add_working_days(received.date(), n)
        deadline = compute_deadline(received, Duration.working_days(n), policy=policy)
        assert deadline.due_on == due_on
        if policy.end_of_day is EndOfDay.MIDNIGHT:
            assert deadline.due_at == local(due_on + ONE_DAY)
        else:
            assert deadline.due_at == local(due_on, DEFAULT_OFFICE.closing[due_on.weekday()])
        assert deadline.start_at == local(received.date() + ONE_DAY)
        assert all(not is_working(s.day) for s in deadline.skipped_days)
        assert {s.day for s in deadline.skipped_days} == {
            received.date() + ONE_DAY * i
            for i in range(1, (due_on - received.date()).days)
            if not is_working(received.date() + ONE_DAY * i)
        }

    @given(received=receipts(), n=st.integers(1, 60), policy=st.sampled_from(POLICIES))
    def test_calendar_days(self, received: dt.datetime, n: int, policy: DeadlinePolicy) -> None:
        """N calendar days end on receipt date + N, or the next working day when that is off."""
        due_on = roll_forward(received.date() + n * ONE_DAY)
        assert (
            compute_deadline(received, Duration.calendar_days(n), policy=policy).due_on == due_on
        )

    @given(
        received=receipts(last=LAST_FOR_MONTHS),
        n=st.integers(1, 6),
        policy=st.sampled_from(POLICIES),
    )
    def test_months(self, received: dt.datetime, n: int, policy: DeadlinePolicy) -> None:
        """N months end on the corresponding (or last) day of the month, rolled to a working day."""
        due_on = roll_forward(add_months(received.date(), n))
        assert compute_deadline(received, Duration.months(n), policy=policy).due_on == due_on

    @given(
        received=receipts(),
        cutoff=st.none() | cutoffs(),
        policy=st.sampled_from([WORKING_TIME, CIVIL, CIVIL_CLOSE]),
    )
    def test_same_day(
        self, received: dt.datetime, cutoff: dt.time | None, policy: DeadlinePolicy
    ) -> None:
        """Same day: the receipt's working day if before the cut-off and the close, else the next."""
        day = received.date()
        minute = received.hour * 60 + received.minute
        in_time = (cutoff is None or minute <= cutoff.hour * 60 + cutoff.minute) and minute < (
            DEFAULT_OFFICE.closing[day.weekday()]
        )
        due_on = day if is_working(day) and in_time else add_working_days(day, 1)
        deadline = compute_deadline(received, Duration.same_day(cutoff=cutoff), policy=policy)
        assert deadline.due_on == due_on
        if policy.end_of_day is EndOfDay.OFFICE_CLOSE:
            assert deadline.due_at == local(due_on, 17 * 60)
