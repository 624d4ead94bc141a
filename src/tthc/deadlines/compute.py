"""The calculator of the appointment date (*ngày hẹn trả kết quả*): when a dossier's result is due.

[`compute_deadline`][tthc.deadlines.compute_deadline] takes the moment a dossier was received, the
procedure's processing time ([`Duration`][tthc.durations.Duration]) and a
[`DeadlinePolicy`][tthc.deadlines.DeadlinePolicy], and returns a
[`Deadline`][tthc.deadlines.Deadline]: the due instant and why.

The two policies (working time, the Civil Code) are described in ``tthc.deadlines.policy``.
Working days under the working-time policy, and working hours under both, count office time;
calendar-day, month and same-day limits, and working days under the Civil Code, are counted in
days (Civil Code Arts. 147–148); clock hours (*giờ*) run from the receipt instant.

Instants are timezone-aware. Vietnam time is UTC+07:00 all year ([`VN_TZ`][tthc.deadlines.VN_TZ]);
a naive datetime is refused rather than guessed. The arithmetic runs on integer microseconds of
Vietnam wall-clock time (``tthc.deadlines._clock``), inline in one flat function for speed.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tthc._validators import check_aware
from tthc.calendar._core import EntryKind, WorkingCalendar
from tthc.calendar._office import US_PER_DAY, US_PER_MINUTE, OfficeIndex
from tthc.calendar.vietnam import vietnam_calendar
from tthc.deadlines._clock import EPOCH_ORDINAL, local_us, office_for, vn_instant
from tthc.deadlines.deadline import (
    Deadline,
    Pause,
    Reschedule,
    SkippedDay,
    _NamedRules,
    make_deadline,
)
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy, EndOfDay, PolicyKind
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.calendar._index import Index

# compute_deadline is defined here; the other names are re-exported for code written before the
# room was split into policy, deadline and compute.
__all__ = [
    "VN_TZ",
    "Deadline",
    "DeadlinePolicy",
    "EndOfDay",
    "Pause",
    "PolicyKind",
    "Reschedule",
    "SkippedDay",
    "compute_deadline",
]

_DEFAULT_POLICY = DeadlinePolicy()


@functools.cache
def _default_calendar() -> WorkingCalendar:
    return vietnam_calendar()


def _duration_us(duration: Duration, day_us: int) -> int:
    value = duration.value
    if type(value) is int:
        return value * (day_us if duration.unit is DurationUnit.WORKING_DAYS else 3_600_000_000)
    per_unit = day_us if duration.unit is DurationUnit.WORKING_DAYS else 3_600_000_000
    if isinstance(value, Decimal):
        exact = value * per_unit
        if exact != exact.to_integral_value():
            raise InvalidValueError(
                "compute_deadline(duration)",
                duration,
                "a length that is a whole number of microseconds",
            )
        return int(exact)
    return value * per_unit


def _round_up(tod_us: int, minutes: int | None) -> int:
    if not minutes:
        return tod_us
    step = minutes * US_PER_MINUTE
    return -(-tod_us // step) * step


def _end_of_day(policy: DeadlinePolicy, calendar: WorkingCalendar, ordinal: int) -> dt.datetime:
    if policy.end_of_day is EndOfDay.MIDNIGHT:
        return vn_instant(ordinal + 1, 0)
    index = calendar._cover(ordinal, ordinal)  # noqa: SLF001
    office = office_for(index, policy.office_hours)
    k = index.rank[ordinal - index.first] - 1
    return vn_instant(ordinal, office.closing_us(k))


def check_reach(cal: WorkingCalendar, duration: Duration) -> None:
    """Refuse a limit longer than the calendar itself: it cannot end inside it.

    Such a limit (10**11 hours) would otherwise overflow Python's dates before the calendar's
    range is checked, or count day by day for ever.
    """
    value, unit = duration.value, duration.unit
    days = cal.last_day.toordinal() - cal.first_day.toordinal() + 1
    reach = {
        DurationUnit.MONTHS: (cal.last_year - cal.first_year + 1) * 12,
        DurationUnit.HOURS: days * 24,
        DurationUnit.WORKING_HOURS: days * 24,
    }.get(unit, days)
    if value > reach:
        raise cal._out_of_range(cal.last_day.toordinal() + 1)  # noqa: SLF001


def _add_months(day: dt.date, months: int) -> dt.date:
    # Civil Code Art. 148(1)(c): the corresponding day of the last month, or its last day.
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    # The month's length: the day before the first of the next month (no stdlib calendar, which
    # would load locale data with every deadline).
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day  # noqa: PLR2004
    return dt.date(year, month, min(day.day, last))


def _merge_pauses(pauses: Iterable[Pause], start_us: int) -> list[tuple[int, int]]:
    spans = sorted((max(local_us(p.start_at), start_us), local_us(p.end_at)) for p in pauses)
    merged: list[list[int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def compute_deadline(
    received_at: dt.datetime,
    duration: Duration | str,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    pauses: Iterable[Pause] = (),
    reschedules: Iterable[Reschedule] = (),
    ruleset: _NamedRules | None = None,
) -> Deadline:
    """Compute when a dossier received at ``received_at`` is due (*ngày hẹn trả kết quả*).

    Args:
        received_at: The official receipt instant (*thời điểm tiếp nhận*), timezone-aware.
        duration: The processing time, e.g. ``Duration.parse("5 ngày làm việc")``, or its text
            as published (``"5 ngày làm việc"``), read with ``Duration.parse``.
        calendar: The working calendar (default: ``vietnam_calendar()``).
        policy: How to count (default: ``DeadlinePolicy.working_time()``).
        pauses: Clock pauses (supplement waiting); their time is not counted.
        reschedules: New appointments given on apology slips; ``due_at`` does not change.
        ruleset: The one-stop rule set the limit is counted under, named in the explanation
            (``Deadline.ruleset``); it changes nothing in the arithmetic. To have the set in
            force chosen by the receipt date and its supplement rule applied, use
            [`legal_deadline`][tthc.deadlines.rules.legal_deadline].

    Returns:
        The [`Deadline`][tthc.deadlines.Deadline], with ``due_at`` and the explanation.

    Raises:
        InvalidValueError: A naive or non-datetime instant, a non-Duration, a fractional limit the
            policy cannot count (fractional days under the Civil Code), bad pauses.
        DurationParseError: ``duration`` is text that is not a processing time.
        OutOfCalendarRangeError: The receipt or the due day is outside the calendar's years.

    Warns:
        ProvisionalCalendarWarning: The count reaches a year with no official schedule.

    Examples:
        >>> import tthc, datetime as dt
        >>> at = dt.datetime(2026, 1, 9, 16, 30, tzinfo=tthc.VN_TZ)   # Friday afternoon
        >>> tthc.compute_deadline(at, tthc.Duration.working_days(1)).due_at   # Sat 10/1 is worked
        datetime.datetime(2026, 1, 10, 16, 30, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200), 'ICT'))
        >>> tthc.compute_deadline(at, tthc.Duration.working_days(1),
        ...                       policy=tthc.DeadlinePolicy.civil_code()).due_on
        datetime.date(2026, 1, 10)
    """
    # The common case, inline: a whole number of working days or hours under a working-time
    # policy already seen on this calendar index (``index.hot``: no rounding, office hours the
    # same every weekday), without pauses, between official years already built. It takes the
    # steps of OfficeIndex.position and OfficeIndex.earliest with cum[k] == k * day; anything
    # else, or any doubt, goes to the checked path (_compute), which gives the same answer.
    if (
        type(received_at) is dt.datetime
        and received_at.tzinfo is VN_TZ
        and pauses is _EMPTY
        and reschedules is _EMPTY
        and ruleset is None
        and type(duration) is Duration
    ):
        cal = _default_calendar() if calendar is None else calendar
        if type(cal) is WorkingCalendar:
            index = cal._state.index  # noqa: SLF001 - the calendar's caches
            hot_policy, office, day, elapsed_at, open_at, times, midnights = index.hot
            if (_DEFAULT_POLICY if policy is None else policy) is hot_policy:
                value = duration.value
                i = received_at.toordinal() - index.first
                # i_safe: the receipt is on a day of the official span (so is the due day when
                # k <= k_high below): no warning can arise.
                if type(value) is int and value > 0 and index.i_safe <= i < index.size:
                    # b: the working days before the receipt's counting starts; x: the office
                    # time already gone in its day (0 on a day off, or before the opening).
                    if index.mask[i]:
                        minute = received_at.hour * 60 + received_at.minute
                        x = elapsed_at[minute]
                        if open_at[minute]:
                            x += received_at.second * 1_000_000 + received_at.microsecond
                        b = index.rank[i] - 1
                    else:
                        x = 0
                        b = index.rank[i]
                    t0 = b * day + x
                    unit = duration.unit
                    if unit is _WORKING_DAYS:
                        # Whole days, no division: the same time into the day `value` working
                        # days on, or, with no time gone (x = 0), the closing of the day before.
                        k, rest = (b + value, x) if x else (b + value - 1, day)
                    elif unit is _WORKING_HOURS:
                        k, rest = divmod(t0 + value * _US_PER_HOUR - 1, day)
                        rest += 1
                    else:
                        k = -1
                    if 0 <= k <= index.k_high:
                        deadline = _new(Deadline)
                        _set_data(
                            deadline,
                            (
                                received_at,
                                midnights[k] + (times.get(rest) or office.time_at(rest)),
                                t0,
                                duration,
                                hot_policy,
                                cal,
                                (),
                                (),
                                office,
                                None,
                            ),
                        )
                        return deadline
    return _compute(
        received_at,
        duration,
        calendar=calendar,
        policy=policy,
        pauses=pauses,
        reschedules=reschedules,
        ruleset=ruleset,
    )


_EMPTY = ()  # the empty tuple (one object in CPython): the default of pauses and reschedules
_WORKING_DAYS = DurationUnit.WORKING_DAYS
_WORKING_HOURS = DurationUnit.WORKING_HOURS
_US_PER_HOUR = 3_600_000_000
_combine = dt.datetime.combine
_MIDNIGHT = dt.time()
_new = object.__new__
# The one slot of a Deadline, written directly (it has no validators or converters; see
# tthc.deadlines.deadline.make_deadline, which the checked path uses).
_set_data = Deadline.__dict__["_data"].__set__


def _compute(  # noqa: PLR0915 - one flat path, kept inline
    received_at: dt.datetime,
    duration: Duration | str,
    *,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
    pauses: Iterable[Pause],
    reschedules: Iterable[Reschedule],
    ruleset: _NamedRules | None = None,
) -> Deadline:
    """`compute_deadline` with every check and every policy."""
    if type(received_at) is dt.datetime and received_at.tzinfo is VN_TZ:
        received = received_at  # the common case, already checked
    else:
        received = check_aware("compute_deadline(received_at)", received_at)
    if type(duration) is not Duration and not isinstance(duration, Duration):
        if not isinstance(duration, str):
            raise InvalidValueError(
                "compute_deadline(duration)",
                duration,
                "a tthc.Duration or its text, such as '5 ngày làm việc'",
            )
        duration = Duration.parse(duration)  # the text as published: "5 ngày làm việc"
    if calendar is None:
        cal = _default_calendar()
    elif isinstance(calendar, WorkingCalendar):
        cal = calendar
    else:
        raise InvalidValueError("compute_deadline(calendar)", calendar, "a WorkingCalendar")
    if policy is None:
        pol = _DEFAULT_POLICY
    elif isinstance(policy, DeadlinePolicy):
        pol = policy
    else:
        raise InvalidValueError("compute_deadline(policy)", policy, "a DeadlinePolicy")
    pause_list = pauses if pauses == () else tuple(pauses)
    for p in pause_list:
        if not isinstance(p, Pause):
            raise InvalidValueError("compute_deadline(pauses)", p, "Pause items")
    resched = reschedules if reschedules == () else tuple(reschedules)
    for r in resched:
        if not isinstance(r, Reschedule):
            raise InvalidValueError("compute_deadline(reschedules)", r, "Reschedule items")
    if ruleset is not None:
        _check_ruleset(ruleset)

    if received.tzinfo is not VN_TZ:
        try:
            received = received.astimezone(VN_TZ)
        except OverflowError:  # before year 1 or after 9999 in Vietnam time
            raise cal._out_of_range(received.toordinal()) from None  # noqa: SLF001
    check_reach(cal, duration)
    for p in pause_list:
        # A pause that ends after the calendar's last day cannot be counted (its end may not
        # even be a date Python can hold in Vietnam time).
        end = local_us(p.end_at) // US_PER_DAY + EPOCH_ORDINAL
        if end > cal.last_day.toordinal():
            raise cal._out_of_range(end)  # noqa: SLF001
    local = local_us(received)
    day_number, tod = divmod(local, US_PER_DAY)
    ordinal = day_number + EPOCH_ORDINAL
    index = cal._state.index  # noqa: SLF001 - the years built so far
    if not index.first <= ordinal <= index.last:
        if not cal.first_day.toordinal() <= ordinal <= cal.last_day.toordinal():
            raise cal._out_of_range(ordinal)  # noqa: SLF001
        index = cal._cover(ordinal, ordinal)  # noqa: SLF001
    i = ordinal - index.first
    unit = duration.unit
    start: tuple[int, int] | tuple[int, int, int] | int
    office: OfficeIndex | None = None
    # A count that runs past the years built so far raises IndexError: build more, count again.
    ahead = 1
    while True:
        try:
            # Zero working days means "within the day" (the same-day rule), like "0 ngày".
            if unit is DurationUnit.WORKING_HOURS or (
                unit is DurationUnit.WORKING_DAYS
                and pol.kind is PolicyKind.WORKING_TIME
                and duration.value != 0
            ):
                office = index.office.get(pol.office_hours)
                if office is None:
                    office = office_for(index, pol.office_hours)
                if (
                    office.uniform
                    and pol.kind is PolicyKind.WORKING_TIME
                    and pol.round_up_minutes is None
                ):
                    office.minute_tables()
                    if not index.midnights:
                        index.midnights = [_combine(d, _MIDNIGHT, VN_TZ) for d in index.dates]
                    # The next such call takes the inline path.
                    index.hot = (
                        pol,
                        office,
                        office.day,
                        office.elapsed_at,
                        office.open_at,
                        office.times,
                        index.midnights,
                    )
                t0 = office.position(i, tod)
                value = duration.value
                if type(value) is int and unit is DurationUnit.WORKING_DAYS:
                    target = t0 + value * office.day  # the common case, inline
                else:
                    target = t0 + _duration_us(duration, office.day)
                if pause_list:
                    for a, b in _merge_pauses(pause_list, local):
                        pa = _position(office, index, a)
                        if pa < target:
                            target += _position(office, index, b) - pa
                start = t0
                # A zero-length limit is due when counting starts (the earliest instant with no
                # office time elapsed would be the previous closing, before the receipt).
                due_ordinal, due_tod = office.earliest(target) if target > t0 else office.start(t0)
                if pol.round_up_minutes:
                    due_tod = _round_up(due_tod, pol.round_up_minutes)
                due_at = vn_instant(due_ordinal, due_tod)
            elif unit is DurationUnit.HOURS:
                start = (ordinal, tod)
                due_at = received + dt.timedelta(microseconds=_duration_us(duration, 0))
                for a, b in _merge_pauses(pause_list, local):
                    if a < local_us(due_at):
                        due_at += dt.timedelta(microseconds=b - a)
                due_ordinal = due_at.toordinal()
            else:
                start, due_on = _day_count(
                    cal, pol, duration, index=index, ordinal=ordinal, tod=tod, pauses=pause_list
                )
                due_ordinal = due_on.toordinal()
                due_at = _end_of_day(pol, cal, due_ordinal)
            break
        except (IndexError, OverflowError):  # a count, or a pause, past the years built
            if index.last >= cal.last_day.toordinal():
                raise cal._out_of_range(index.last + 1) from None  # noqa: SLF001
            year = min(dt.date.fromordinal(index.last).year + ahead, cal.last_year)
            index = cal._cover(index.first, dt.date(year, 12, 31).toordinal())  # noqa: SLF001
            i = ordinal - index.first
            ahead *= 2
    state = cal._state  # noqa: SLF001
    if not (state.safe_first <= ordinal and due_ordinal <= state.safe_last):
        cal._touch(min(ordinal, due_ordinal), max(ordinal, due_ordinal))  # noqa: SLF001
    return make_deadline(
        received, due_at, start, (duration, pol, cal, pause_list, resched, office, ruleset)
    )


def _check_ruleset(ruleset: object) -> None:
    # The rule sets sit above the calculator: checked by shape (a name and a title).
    if not isinstance(ruleset, _NamedRules):
        raise InvalidValueError("compute_deadline(ruleset)", ruleset, "a tthc.deadlines.RuleSet")


def _position(office: OfficeIndex, index: Any, at_us: int) -> int:
    day_number, tod = divmod(at_us, US_PER_DAY)
    i = day_number + EPOCH_ORDINAL - index.first
    if not 0 <= i < index.size:
        raise IndexError(i)
    return office.position(i, tod)


def _day_count(
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    duration: Duration,
    *,
    ordinal: int,
    tod: int,
    index: Index,
    pauses: tuple[Pause, ...],
) -> tuple[tuple[int, int] | tuple[int, int, int], dt.date]:
    """Limits counted in whole days: (counting start, due day); ``index`` covers the receipt.

    The start of a limit in calendar days or months carries a third item: the ordinal of its
    last counted day, before a day off at the end moved it (Civil Code 2015 Art. 148).
    """
    unit = duration.unit
    value = duration.value
    received_day = dt.date.fromordinal(ordinal)
    if isinstance(value, Decimal) or unit is DurationUnit.WORKING_HOURS:
        raise InvalidValueError(
            "compute_deadline(duration)",
            duration,
            "a whole number of days under this policy (fractional days need the working-time "
            "policy, or give the limit in hours)",
        )
    # Pauses, in whole days: the days from the request (exclusive) to the supply (inclusive),
    # with the request instant (local µs) to compare with the due instant.
    paused = [
        (
            a,
            dt.date.fromordinal(a // US_PER_DAY + EPOCH_ORDINAL),
            dt.date.fromordinal(b // US_PER_DAY + EPOCH_ORDINAL),
        )
        for a, b in _merge_pauses(pauses, (ordinal - EPOCH_ORDINAL) * US_PER_DAY + tod)
    ]

    def ends_after(at_us: int, due: dt.date) -> bool:
        # The due day runs until its end (office close or 24:00): a pause requested before then
        # moves the limit; one requested later is after the deadline.
        return at_us < local_us(_end_of_day(pol, cal, due.toordinal()))

    # Civil Code Art. 147(2): the first day (the day of receipt) is not counted.
    start = (ordinal + 1, 0)
    # A limit of zero days means "within the day": the same-day rule, without a cut-off.
    if unit is DurationUnit.SAME_DAY or value == 0:
        office = office_for(index, pol.office_hours)
        i = ordinal - index.first
        k = index.rank[i] - index.mask[i]  # first working day on or after the receipt day
        if index.mask[i]:
            closing = office.closing_us(k)
            late = (
                duration.cutoff is not None
                and tod > (duration.cutoff.hour * 60 + duration.cutoff.minute) * US_PER_MINUTE
            )
            if late or tod >= closing:
                k += 1
        due = dt.date.fromordinal(index.working[k])
        for at, a, b in paused:
            if ends_after(at, due):
                due = cal.add_working_days(due, cal.working_days_between(a, b))
        return (ordinal, tod), due
    if unit is DurationUnit.WORKING_DAYS:  # Civil Code policy
        due = cal.add_working_days(received_day, value)
        for at, a, b in paused:
            if ends_after(at, due):
                due = cal.add_working_days(due, cal.working_days_between(a, b))
        return start, due
    if unit is DurationUnit.MONTHS:
        last = _add_months(received_day, value)
    elif pol.calendar_days_skip_days_off:  # CALENDAR_DAYS, official days off left out
        last = _skip_days_off(cal, received_day, value)
    else:  # CALENDAR_DAYS
        last = received_day + dt.timedelta(days=value)
    # Civil Code 2015 Art. 148: a last day that is a day off moves to the next working day.
    due = cal.roll_forward(last)
    for at, a, b in paused:
        if ends_after(at, due):  # moves the limit by the calendar days the pause lasted
            last += b - a
            due = cal.roll_forward(last)
    # The last counted day goes with the start, for the explanation (Deadline.moved_over).
    return (ordinal + 1, 0, last.toordinal()), due


def _skip_days_off(cal: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th day after ``day`` that is not an official day off (weekends still count)."""
    while n > 0:
        day += dt.timedelta(days=1)
        entry = cal.entry(day)
        if entry is None or entry.kind is not EntryKind.DAY_OFF:
            n -= 1
    return day
