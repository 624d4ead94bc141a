"""The appointment date (*ngày hẹn trả kết quả*): when a dossier's result is due.

[`compute_deadline`][tthc.deadlines.compute_deadline] takes the moment a dossier was received, the
procedure's processing time ([`Duration`][tthc.durations.Duration]) and a
[`DeadlinePolicy`][tthc.deadlines.DeadlinePolicy], and returns a
[`Deadline`][tthc.deadlines.Deadline]: the due instant and why.

Two policies, both in real use:

* **working time** (the default; what one-stop systems do): office time is counted from the
  receipt (or from the next opening when the receipt falls outside office hours); N working days
  are N times the office time of a working day; the dossier is due at the earliest instant at
  which that much office time has passed. Received Monday 08:00 with 1 working day: due Monday
  17:00.
* **Civil Code** (Arts. 147–148): the day of receipt is not counted; a limit in days ends at the
  end of its last day; a last day that is a day off moves to the end of the next working day;
  months end on the corresponding day of the last month (or its last day).

Calendar-day, month and same-day limits are counted in days under both policies (Civil Code
Arts. 147–148); clock hours (*giờ*) run from the receipt instant; working hours count office time.

Instants are timezone-aware. Vietnam time is UTC+07:00 all year ([`VN_TZ`][tthc.deadlines.VN_TZ]);
a naive datetime is refused rather than guessed.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import enum
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

import attrs

from tthc import _validators as _v
from tthc.calendar._core import WorkingCalendar
from tthc.calendar._office import US_PER_DAY, US_PER_MINUTE, OfficeHours, OfficeIndex
from tthc.calendar.vietnam import vietnam_calendar
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, OutOfCalendarRangeError

if TYPE_CHECKING:
    from collections.abc import Iterable

    # Only named in annotations, which attrs leaves as text here; importing it at run time
    # would be circular (rules imports this module).
    from tthc.deadlines.rules import RuleSet  # noqa: TC004

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

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Vietnam's time zone (*giờ Việt Nam*): UTC+07:00 all year, no daylight saving time since 1975."""
_OFFSET_US = 7 * 3600 * 1_000_000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


class PolicyKind(enum.Enum):
    """How working-day limits are counted."""

    WORKING_TIME = "working_time"
    """Office time from the receipt instant (one-stop practice)."""

    CIVIL_CODE = "civil_code"
    """Whole days, receipt day not counted, ending at the end of the last day (Arts. 147–148)."""


class EndOfDay(enum.Enum):
    """When "the end of a day" is."""

    OFFICE_CLOSE = "office_close"
    """The closing time of the day's last office period (17:00 by default)."""

    MIDNIGHT = "midnight"
    """24:00, i.e. 00:00 of the next day (Civil Code Art. 148(2))."""


def _check_round(instance: object, attribute: Any, value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 60 or 60 % value):  # noqa: PLR2004
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a divisor of 60 minutes (5, 10, 15, 30, …)"
        )


@attrs.frozen(kw_only=True, cache_hash=True)
class DeadlinePolicy:
    """How a processing time is counted into a due instant (*cách tính thời hạn*).

    Build one with [`working_time`][tthc.deadlines.DeadlinePolicy.working_time] (the default) or
    [`civil_code`][tthc.deadlines.DeadlinePolicy.civil_code].

    Attributes:
        kind: Working time or Civil Code.
        office_hours: The agency's office hours (also "the end of the day" for ``OFFICE_CLOSE``).
        end_of_day: When a limit counted in days ends on its last day.
        round_up_minutes: Round the due time up to a multiple of this many minutes (OpenCPS rounds
            to the quarter hour: 15); ``None`` keeps it exact.
        calendar_days_skip_days_off: Whether limits in calendar days (*ngày*) leave official days
            off (holidays, not weekends) out of the count, as some one-stop systems can be set to.

    Examples:
        >>> DeadlinePolicy.working_time(office_hours=OfficeHours.parse("07:00-11:30,13:30-17:00"))
        DeadlinePolicy(kind=<PolicyKind.WORKING_TIME: 'working_time'>, ...)
        >>> DeadlinePolicy.civil_code().end_of_day
        <EndOfDay.MIDNIGHT: 'midnight'>

    References:
        Civil Code 2015 (91/2015/QH13), Arts. 147–148. Production practice (same clock time N
        working days later; 8 office hours per working day; quarter-hour rounding): research notes
        ``vn_legal.md`` §1.2–1.3.
    """

    kind: PolicyKind = attrs.field(
        default=PolicyKind.WORKING_TIME, validator=_v.member_of(PolicyKind)
    )
    office_hours: OfficeHours = attrs.field(factory=OfficeHours)
    end_of_day: EndOfDay = attrs.field(
        default=EndOfDay.OFFICE_CLOSE, validator=_v.member_of(EndOfDay)
    )
    round_up_minutes: int | None = attrs.field(default=None, validator=_check_round)
    calendar_days_skip_days_off: bool = False

    @office_hours.validator
    def _check_hours(self, attribute: Any, value: OfficeHours) -> None:
        if not isinstance(value, OfficeHours):
            raise InvalidValueError.for_attribute(self, attribute, value, "an OfficeHours")

    @classmethod
    def working_time(cls, **options: Any) -> Self:
        """Return the working-time policy (the default), with ``options`` as attributes."""
        return cls(kind=PolicyKind.WORKING_TIME, **options)

    @classmethod
    def civil_code(cls, **options: Any) -> Self:
        """Return the Civil Code policy; the end of a day defaults to midnight (Art. 148)."""
        options.setdefault("end_of_day", EndOfDay.MIDNIGHT)
        return cls(kind=PolicyKind.CIVIL_CODE, **options)


_DEFAULT_POLICY = DeadlinePolicy()


@functools.cache
def _default_calendar() -> WorkingCalendar:
    return vietnam_calendar()


def _check_aware(field: str, value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InvalidValueError(field, value, "an aware datetime.datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            field,
            value,
            "an aware datetime (e.g. tzinfo=tthc.VN_TZ); a naive one is refused because its "
            "offset would be a guess",
        )
    return value


def _aware(instance: object, attribute: Any, value: dt.datetime) -> None:
    _check_aware(f"{type(instance).__name__}.{attribute.name}", value)


@attrs.frozen(kw_only=True)
class Pause:
    """A pause of the clock (*tạm dừng*), e.g. waiting for a requested supplement (*bổ sung*).

    Time inside a pause does not count towards the processing time.

    Attributes:
        start_at: When the clock stopped (the supplement request).
        end_at: When it restarted (the supplement received).
        reason: Free text.

    References:
        Decision 766/QĐ-TTg technical formula document, indicator 2.1: supplement time is
        subtracted (research notes ``vn_legal.md`` §1.9). The legal due date after a supplement
        requested after appraisal is not a pause under Decree 118/2025/NĐ-CP Art. 19(5): the
        time restarts from the complete dossier
        ([`legal_deadline`][tthc.deadlines.rules.legal_deadline]).
    """

    start_at: dt.datetime = attrs.field(validator=_aware)
    end_at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(default="", converter=_v.nfc)

    @end_at.validator
    def _check_order(self, attribute: Any, value: dt.datetime) -> None:
        if value < self.start_at:
            raise InvalidValueError.for_attribute(
                self,
                attribute,
                value,
                f"an instant on or after start_at ({self.start_at.isoformat()})",
            )


@attrs.frozen(kw_only=True)
class Reschedule:
    """A new appointment after an apology slip (*Phiếu xin lỗi và hẹn lại ngày trả kết quả*).

    The original due instant stays the one timeliness is judged against.

    Attributes:
        issued_at: When the apology slip was issued.
        new_due_at: The new appointment.
        reason: The reason given for the delay.

    References:
        Circular 01/2018/TT-VPCP, form No. 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
        (the 2018 rule set, dossiers received before 1/7/2025); Circular 03/2025/TT-VPCP,
        form No. 04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" (the 2025 rule
        set; confirmed_secondary). Decree 118/2025/NĐ-CP Art. 19(6): at most one new
        appointment (see [`tthc.deadlines.rules`][tthc.deadlines.rules]).
    """

    issued_at: dt.datetime = attrs.field(validator=_aware)
    new_due_at: dt.datetime = attrs.field(validator=_aware)
    reason: str = attrs.field(default="", converter=_v.nfc)


@attrs.frozen
class SkippedDay:
    """A day inside the counting window that was not counted, and why."""

    day: dt.date
    reason: str


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Deadline:
    """The answer of [`compute_deadline`][tthc.deadlines.compute_deadline]: when and why.

    Attributes:
        received_at: The receipt instant, in Vietnam time.
        due_at: The due instant (*thời hạn trả kết quả*), in Vietnam time.
        duration: The processing time counted.
        policy: The policy used.
        calendar: The working calendar used.
        pauses: Pauses taken into account.
        reschedules: New appointments given (the last one is ``appointment_at``).
        ruleset: The one-stop rule set the caller counted under, when one was named
            ([`RuleSet`][tthc.deadlines.rules.RuleSet]), else ``None``.
    """

    received_at: dt.datetime
    due_at: dt.datetime
    # (ordinal, time of day), or an office-time position resolved on demand (see start_at).
    _start: tuple[int, int] | int = attrs.field(alias="_start", repr=False)
    # (duration, policy, calendar, pauses, reschedules, ruleset): the inputs, kept as one field
    # because compute_deadline builds millions of these and each frozen field costs a setattr.
    _inputs: tuple[
        Duration,
        DeadlinePolicy,
        WorkingCalendar,
        tuple[Pause, ...],
        tuple[Reschedule, ...],
        RuleSet | None,
    ] = attrs.field(alias="_inputs", repr=False, eq=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        mine, theirs = self._inputs, other._inputs
        # The calendar is compared by identity: equal definitions are the same cached object.
        return (
            self.received_at == other.received_at
            and self.due_at == other.due_at
            and mine[:2] == theirs[:2]
            and mine[2] is theirs[2]
            and mine[3:] == theirs[3:]
        )

    def __hash__(self) -> int:
        return hash((self.received_at, self.due_at, self._inputs[:2]))

    @property
    def duration(self) -> Duration:
        """The processing time counted."""
        return self._inputs[0]

    @property
    def policy(self) -> DeadlinePolicy:
        """The policy used."""
        return self._inputs[1]

    @property
    def calendar(self) -> WorkingCalendar:
        """The working calendar used."""
        return self._inputs[2]

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """Pauses taken into account."""
        return self._inputs[3]

    @property
    def reschedules(self) -> tuple[Reschedule, ...]:
        """New appointments given (the last one is ``appointment_at``)."""
        return self._inputs[4]

    @property
    def ruleset(self) -> RuleSet | None:
        """The one-stop rule set named by the caller (``compute_deadline(ruleset=...)``), or ``None``."""
        return self._inputs[5]

    def __repr__(self) -> str:
        return (
            f"<Deadline {self.duration} received={self.received_at.isoformat()} "
            f"due={self.due_at.isoformat()} policy={self.policy.kind.value}>"
        )

    @property
    def due_on(self) -> dt.date:
        """The due day: the day of ``due_at``, or the day before when it is 24:00 (00:00)."""
        due = self.due_at
        if due.hour == 0 and due.minute == 0 and due.second == 0 and due.microsecond == 0:
            return (due - dt.timedelta(days=1)).date()
        return due.date()

    @property
    def start_at(self) -> dt.datetime:
        """When counting started (the next opening for a receipt outside office hours)."""
        start = self._start
        if isinstance(start, int):
            start = _office_index(self.calendar, self.policy.office_hours).start(start)
        return _instant(*start)

    @property
    def appointment_at(self) -> dt.datetime:
        """The appointment to tell the applicant: the last reschedule's, else ``due_at``."""
        return self.reschedules[-1].new_due_at if self.reschedules else self.due_at

    @property
    def is_provisional(self) -> bool:
        """Whether a year without an official schedule lies between receipt and due day."""
        return self.calendar.touches_provisional(self.received_at.date(), self.due_on)

    @functools.cached_property
    def skipped_days(self) -> tuple[SkippedDay, ...]:
        """The days between the start and the due day that were not counted, with the reason."""
        out = []
        day = self.start_at.date()
        while day < self.due_on:
            reason = self.calendar.off_reason(day)
            if reason is not None:
                out.append(SkippedDay(day, reason))
            day += dt.timedelta(days=1)
        return tuple(out)

    def explain(self) -> str:
        """Return a few lines saying how the due instant was reached.

        Examples:
            >>> import tthc, datetime as dt
            >>> d = tthc.compute_deadline(dt.datetime(2025, 12, 31, 16, 0, tzinfo=tthc.VN_TZ),
            ...                           tthc.Duration.working_days(2))
            >>> print(d.explain())
            Received: Wed 31/12/2025 16:00 (+07:00)
            Processing time: 2 ngày làm việc (working time, office hours 08:00-12:00, 13:00-17:00)
            Counting from: Wed 31/12/2025 16:00
            Not counted: 01/01/2026 Tết Dương lịch (Thông báo 9441/TB-BNV (16/10/2025))
            Not counted: 02/01/2026 Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026) (Công văn 12729/VPCP-KGVX (25/12/2025))
            Not counted: 03/01/2026 weekly rest day (Saturday)
            Not counted: 04/01/2026 weekly rest day (Sunday)
            Due: Tue 06/01/2026 16:00
        """
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.policy.office_hours.periods)
        lines = [
            f"Received: {self.received_at:%a %d/%m/%Y %H:%M} (+07:00)",
            (
                f"Processing time: {self.duration} ({self.policy.kind.value.replace('_', ' ')}, "
                f"office hours {hours})"
            ),
            f"Counting from: {self.start_at:%a %d/%m/%Y %H:%M}",
        ]
        if self.ruleset is not None:
            lines.insert(2, f"Rule set: {self.ruleset.title} ({self.ruleset.name})")
        lines += [
            f"Pause: {p.start_at:%d/%m/%Y %H:%M} - {p.end_at:%d/%m/%Y %H:%M}" for p in self.pauses
        ]
        lines += [f"Not counted: {s.day:%d/%m/%Y} {s.reason}" for s in self.skipped_days]
        lines.append(f"Due: {self.due_at:%a %d/%m/%Y %H:%M}")
        if self.reschedules:
            lines.append(f"New appointment: {self.appointment_at:%a %d/%m/%Y %H:%M}")
        if self.is_provisional:
            lines.append("Provisional: a year on the way has no official schedule loaded.")
        return "\n".join(lines)


# --- the computation ---------------------------------------------------------------------------


def _office_index(calendar: WorkingCalendar, hours: OfficeHours) -> OfficeIndex:
    cache = calendar._state.office  # noqa: SLF001 - the calendar's private cache, by design
    found = cache.get(hours)
    if found is None:
        found = OfficeIndex(calendar._index(), hours)  # noqa: SLF001
        cache[hours] = found
    return found


def _local_us(instant: dt.datetime) -> int:
    """Microseconds since 1970-01-01 00:00 *Vietnam time* (a local wall-clock count)."""
    if instant.tzinfo is VN_TZ:  # the wall clock is already Vietnam time
        return (
            (instant.toordinal() - _EPOCH_ORDINAL) * US_PER_DAY
            + ((instant.hour * 60 + instant.minute) * 60 + instant.second) * 1_000_000
            + instant.microsecond
        )
    delta = instant - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds + _OFFSET_US


_LOCAL_EPOCH = dt.datetime(1970, 1, 1, tzinfo=VN_TZ)


def _instant(ordinal: int, tod_us: int) -> dt.datetime:
    """The Vietnam-time instant at ``tod_us`` microseconds into the day ``ordinal``."""
    return _LOCAL_EPOCH + dt.timedelta(0, 0, (ordinal - _EPOCH_ORDINAL) * US_PER_DAY + tod_us)


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
        return _instant(ordinal + 1, 0)
    index = calendar._index()  # noqa: SLF001
    office = _office_index(calendar, policy.office_hours)
    k = index.rank[ordinal - index.first] - 1
    return _instant(ordinal, office.closing_us(k))


def _add_months(day: dt.date, months: int) -> dt.date:
    # Civil Code Art. 148(1)(c): the corresponding day of the last month, or its last day.
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = _stdcal.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _merge_pauses(pauses: Iterable[Pause], start_us: int) -> list[tuple[int, int]]:
    spans = sorted((max(_local_us(p.start_at), start_us), _local_us(p.end_at)) for p in pauses)
    merged: list[list[int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def compute_deadline(  # noqa: PLR0915 - one flat hot path, kept inline for speed
    received_at: dt.datetime,
    duration: Duration,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    pauses: Iterable[Pause] = (),
    reschedules: Iterable[Reschedule] = (),
    ruleset: RuleSet | None = None,
) -> Deadline:
    """Compute when a dossier received at ``received_at`` is due (*ngày hẹn trả kết quả*).

    Args:
        received_at: The official receipt instant (*thời điểm tiếp nhận*), timezone-aware.
        duration: The processing time, e.g. ``Duration.parse("5 ngày làm việc")``.
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
    if type(received_at) is dt.datetime and received_at.tzinfo is VN_TZ:
        received = received_at  # the common case, already checked
    else:
        received = _check_aware("compute_deadline(received_at)", received_at)
    if type(duration) is not Duration and not isinstance(duration, Duration):
        raise InvalidValueError("compute_deadline(duration)", duration, "a tthc.Duration")
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

    index = cal._state.index or cal._index()  # noqa: SLF001
    if received.tzinfo is not VN_TZ:
        received = received.astimezone(VN_TZ)
    local = _local_us(received)
    day_number, tod = divmod(local, US_PER_DAY)
    ordinal = day_number + _EPOCH_ORDINAL
    i = ordinal - index.first
    if not 0 <= i < index.size:
        raise cal._out_of_range(ordinal)  # noqa: SLF001
    unit = duration.unit
    start: tuple[int, int] | int
    try:
        # Zero working days means "within the day" (the same-day rule), like "0 ngày".
        if unit is DurationUnit.WORKING_HOURS or (
            unit is DurationUnit.WORKING_DAYS
            and pol.kind is PolicyKind.WORKING_TIME
            and duration.value != 0
        ):
            office = cal._state.office.get(pol.office_hours)  # noqa: SLF001 - hot path
            if office is None:
                office = _office_index(cal, pol.office_hours)
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
            due_at = _instant(due_ordinal, due_tod)
        elif unit is DurationUnit.HOURS:
            start = (ordinal, tod)
            due_at = received + dt.timedelta(microseconds=_duration_us(duration, 0))
            for a, b in _merge_pauses(pause_list, local):
                if a < _local_us(due_at):
                    due_at += dt.timedelta(microseconds=b - a)
            due_ordinal = due_at.toordinal()
        else:
            start, due_on = _day_count(
                cal, pol, duration, ordinal=ordinal, tod=tod, pauses=pause_list
            )
            due_ordinal = due_on.toordinal()
            due_at = _end_of_day(pol, cal, due_ordinal)
    except IndexError:
        raise OutOfCalendarRangeError(
            cal.last_day + dt.timedelta(days=1), cal.first_year, cal.last_year
        ) from None
    state = cal._state  # noqa: SLF001
    if not (state.safe_first <= ordinal and due_ordinal <= state.safe_last):
        cal._touch(min(ordinal, due_ordinal), max(ordinal, due_ordinal))  # noqa: SLF001
    return Deadline(
        received_at=received,
        due_at=due_at,
        _start=start,
        _inputs=(duration, pol, cal, pause_list, resched, ruleset),
    )


def _check_ruleset(ruleset: object) -> None:
    from tthc.deadlines.rules import RuleSet  # noqa: PLC0415 - rules imports this module

    if not isinstance(ruleset, RuleSet):
        raise InvalidValueError("compute_deadline(ruleset)", ruleset, "a tthc.deadlines.RuleSet")


def _position(office: OfficeIndex, index: Any, local_us: int) -> int:
    day_number, tod = divmod(local_us, US_PER_DAY)
    i = day_number + _EPOCH_ORDINAL - index.first
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
    pauses: tuple[Pause, ...],
) -> tuple[tuple[int, int], dt.date]:
    """Limits counted in whole days: (counting start, due day)."""
    index = cal._index()  # noqa: SLF001
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
            dt.date.fromordinal(a // US_PER_DAY + _EPOCH_ORDINAL),
            dt.date.fromordinal(b // US_PER_DAY + _EPOCH_ORDINAL),
        )
        for a, b in _merge_pauses(pauses, (ordinal - _EPOCH_ORDINAL) * US_PER_DAY + tod)
    ]

    def ends_after(at_us: int, due: dt.date) -> bool:
        # The due day runs until its end (office close or 24:00): a pause requested before then
        # moves the limit; one requested later is after the deadline.
        return at_us < _local_us(_end_of_day(pol, cal, due.toordinal()))

    # Civil Code Art. 147(2): the first day (the day of receipt) is not counted.
    start = (ordinal + 1, 0)
    # A limit of zero days means "within the day": the same-day rule, without a cut-off.
    if unit is DurationUnit.SAME_DAY or value == 0:
        office = _office_index(cal, pol.office_hours)
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
    # Civil Code Art. 148(2): a last day that is a day off moves to the next working day.
    due = cal.roll_forward(last)
    for at, a, b in paused:
        if ends_after(at, due):  # moves the limit by the calendar days the pause lasted
            last += b - a
            due = cal.roll_forward(last)
    return start, due


def _skip_days_off(cal: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th day after ``day`` that is not an official day off (weekends still count)."""
    from tthc.calendar._core import EntryKind  # noqa: PLC0415 - avoid a wider import at top

    while n > 0:
        day += dt.timedelta(days=1)
        entry = cal.entry(day)
        if entry is None or entry.kind is not EntryKind.DAY_OFF:
            n -= 1
    return day
