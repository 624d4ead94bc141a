"""The answer of the calculator (*ngày hẹn trả kết quả*), and what moves it: pauses, new appointments.

A [`Deadline`][tthc.deadlines.Deadline] says when a dossier is due and why: the receipt, the due
instant, the days not counted with their reasons, and whether a year on the way is provisional.
[`Pause`][tthc.deadlines.Pause] (supplement waiting) and [`Reschedule`][tthc.deadlines.Reschedule]
(an apology slip with a new appointment) are the inputs that stop the clock or give a new
appointment; [`compute_deadline`][tthc.deadlines.compute_deadline] builds the answer.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Protocol, runtime_checkable

import attrs

from tthc import _validators as _v
from tthc.calendar._core import EntryKind, WorkingCalendar
from tthc.calendar._office import OfficeIndex
from tthc.deadlines._clock import office_index, vn_instant
from tthc.deadlines._explain import explain
from tthc.deadlines.policy import DeadlinePolicy
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError

__all__ = ["Deadline", "Pause", "Reschedule", "SkippedDay", "make_deadline"]

# Units in which every day of the limit counts: nothing inside it is skipped.
_EVERY_DAY_COUNTS = frozenset(
    {DurationUnit.CALENDAR_DAYS, DurationUnit.MONTHS, DurationUnit.HOURS}
)


@runtime_checkable
class _NamedRules(Protocol):
    """What a Deadline keeps of a one-stop rule set (a `tthc.deadlines.rules.RuleSet`).

    The rule sets sit above this module (they use the calculator), so it names them by shape.
    """

    @property
    def name(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def title(self) -> str: ...  # pragma: no cover - a protocol


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

    start_at: dt.datetime = attrs.field(validator=_v.aware)
    end_at: dt.datetime = attrs.field(validator=_v.aware)
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

    issued_at: dt.datetime = attrs.field(validator=_v.aware)
    new_due_at: dt.datetime = attrs.field(validator=_v.aware)
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

    # (received_at, due_at, start, duration, policy, calendar, pauses, reschedules, office,
    # ruleset): one field, because compute_deadline builds millions of these and each frozen
    # field costs a slot write. ``start`` is (ordinal, time of day), or an office-time position
    # resolved on demand by ``office``, the office-time index it was counted on (see start_at);
    # a limit in calendar days or months adds the ordinal of its last counted day (moved_over).
    _data: tuple[
        dt.datetime,
        dt.datetime,
        tuple[int, int] | tuple[int, int, int] | int,
        Duration,
        DeadlinePolicy,
        WorkingCalendar,
        tuple[Pause, ...],
        tuple[Reschedule, ...],
        OfficeIndex | None,
        _NamedRules | None,
    ] = attrs.field(alias="_data", repr=False, eq=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        mine, theirs = self._data, other._data
        # The calendar is compared by identity: equal definitions are the same cached object.
        return (
            mine[:2] == theirs[:2]
            and mine[3:5] == theirs[3:5]
            and mine[5] is theirs[5]
            and mine[6:8] == theirs[6:8]
            and mine[9] == theirs[9]
        )

    def __hash__(self) -> int:
        return hash(self._data[:2] + self._data[3:5])

    @property
    def received_at(self) -> dt.datetime:
        """The receipt instant, in Vietnam time."""
        return self._data[0]

    @property
    def due_at(self) -> dt.datetime:
        """The due instant (*thời hạn trả kết quả*), in Vietnam time."""
        return self._data[1]

    @property
    def duration(self) -> Duration:
        """The processing time counted."""
        return self._data[3]

    @property
    def policy(self) -> DeadlinePolicy:
        """The policy used."""
        return self._data[4]

    @property
    def calendar(self) -> WorkingCalendar:
        """The working calendar used."""
        return self._data[5]

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """Pauses taken into account."""
        return self._data[6]

    @property
    def reschedules(self) -> tuple[Reschedule, ...]:
        """New appointments given (the last one is ``appointment_at``)."""
        return self._data[7]

    @property
    def ruleset(self) -> _NamedRules | None:
        """The one-stop rule set named by the caller (a `RuleSet`, from ``compute_deadline(ruleset=...)``), or ``None``."""
        return self._data[9]

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
        start = self._data[2]
        if isinstance(start, int):
            office = self._data[8]
            if office is None:  # pragma: no cover - compute_deadline always gives it
                office = office_index(self.calendar, self.policy.office_hours)
            return vn_instant(*office.start(start))
        return vn_instant(start[0], start[1])

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
        """The days inside the limit that were not counted (*ngày không tính*), with the reason.

        What counts depends on the unit of the processing time:

        * working days and working hours: the days off between the start and the due day are
          not counted;
        * same day (*trong ngày*): the days off before the working day the result is due;
        * calendar days (*ngày*), months and clock hours (*giờ*): every day counts, so none
          are listed; with ``calendar_days_skip_days_off`` the official days off inside a
          calendar-day limit are not counted (weekends still count).

        Days off after the last day of a limit in days, over which its end moved to the next
        working day, were not counted either, but they lie outside the limit: they are in
        [`moved_over`][tthc.deadlines.Deadline.moved_over].
        """
        unit = self.duration.unit
        if unit in _EVERY_DAY_COUNTS:
            if unit is DurationUnit.CALENDAR_DAYS and self.policy.calendar_days_skip_days_off:
                return self._official_days_off()
            return ()
        out = []
        day = self.start_at.date()
        while day < self.due_on:
            reason = self.calendar.off_reason(day)
            if reason is not None:
                out.append(SkippedDay(day, reason))
            day += dt.timedelta(days=1)
        return tuple(out)

    def _official_days_off(self) -> tuple[SkippedDay, ...]:
        """The official days off from the start to the last counted day (skip_days_off)."""
        start = self._data[2]
        if isinstance(start, int) or len(start) < 3:  # noqa: PLR2004 - (ordinal, tod, last)
            return ()
        out = []
        day = dt.date.fromordinal(start[0])
        last = dt.date.fromordinal(start[2])
        while day <= last:
            entry = self.calendar.entry(day)
            if entry is not None and entry.kind is EntryKind.DAY_OFF:
                out.append(SkippedDay(day, f"{entry.name} ({entry.source})"))
            day += dt.timedelta(days=1)
        return tuple(out)

    @functools.cached_property
    def moved_over(self) -> tuple[SkippedDay, ...]:
        """Days off at the end of a limit in calendar days or months, over which it moved.

        When the last day of such a limit is a day off, the limit ends at the end of the next
        working day (Civil Code 2015 Art. 148); the days off from that last day up to the due
        day are listed here, with the reason. Empty for the other units, and when the last
        day is a working day.

        Examples:
            >>> import tthc, datetime as dt
            >>> at = dt.datetime(2026, 1, 10, 9, tzinfo=tthc.VN_TZ)   # Saturday (worked)
            >>> d = tthc.compute_deadline(at, tthc.Duration.calendar_days(15))
            >>> [s.day.isoformat() for s in d.moved_over], d.due_on.isoformat()
            (['2026-01-25'], '2026-01-26')
        """
        start = self._data[2]
        if isinstance(start, int) or len(start) < 3:  # noqa: PLR2004 - (ordinal, tod, last)
            return ()
        out = []
        day = dt.date.fromordinal(start[2])
        while day < self.due_on:
            reason = self.calendar.off_reason(day)
            if reason is not None:
                out.append(SkippedDay(day, reason))
            day += dt.timedelta(days=1)
        return tuple(out)

    def explain(self, language: str = "en") -> str:
        """Return a few lines saying how the due instant was reached.

        The lines give the receipt, the processing time and the policy, when counting started,
        the pauses, the days not counted and why (see
        [`skipped_days`][tthc.deadlines.Deadline.skipped_days]), the days off over which the
        end of a limit in days moved, and the due instant. A due instant at 00:00 is written as
        24:00 of the day before, the due day.

        Args:
            language: ``"en"`` (default) or ``"vi"`` (*tiếng Việt*, as ``tthc deadline``
                prints it).

        Returns:
            The lines, joined with newlines.

        Raises:
            InvalidValueError: ``language`` is neither ``"en"`` nor ``"vi"``.

        Examples:
            >>> import tthc, datetime as dt
            >>> d = tthc.compute_deadline(dt.datetime(2025, 12, 31, 16, 0, tzinfo=tthc.VN_TZ),
            ...                           tthc.Duration.working_days(2))
            >>> print(d.explain())
            Received: Wed 31/12/2025 16:00 (Vietnam time, +07:00)
            Processing time: 2 ngày làm việc (working time, office hours 08:00-12:00, 13:00-17:00)
            Counting from: Wed 31/12/2025 16:00
            Not counted: Thu 01/01/2026 - Tết Dương lịch (Thông báo 9441/TB-BNV (16/10/2025))
            Not counted: Fri 02/01/2026 - Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026) (Công văn 12729/VPCP-KGVX (25/12/2025))
            Not counted: Sat 03/01/2026 - weekly rest day
            Not counted: Sun 04/01/2026 - weekly rest day
            Due: Tue 06/01/2026 16:00
            >>> print(d.explain("vi").splitlines()[-1])
            Hạn: Thứ Ba 06/01/2026 16:00
        """
        return explain(self, language)


_set_data = Deadline.__dict__["_data"].__set__
_new = object.__new__


def make_deadline(
    received_at: dt.datetime,
    due_at: dt.datetime,
    start: tuple[int, int] | tuple[int, int, int] | int,
    inputs: tuple[
        Duration,
        DeadlinePolicy,
        WorkingCalendar,
        tuple[Pause, ...],
        tuple[Reschedule, ...],
        OfficeIndex | None,
        _NamedRules | None,
    ],
) -> Deadline:
    """Build a `Deadline` from the receipt, the due instant, the counting start and the inputs.

    ``inputs`` is ``(duration, policy, calendar, pauses, reschedules, office, ruleset)``,
    ``office`` the office-time index an int ``start`` was counted on. ``Deadline`` has no
    validators or converters: its one slot is written directly (the calculator builds millions
    of answers).
    """
    deadline = _new(Deadline)
    _set_data(deadline, (received_at, due_at, start, *inputs))
    return deadline
