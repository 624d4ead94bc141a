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
from typing import Any

import attrs

from tthc import _validators as _v
from tthc.calendar._core import WorkingCalendar
from tthc.deadlines._clock import office_index, vn_instant
from tthc.deadlines.policy import DeadlinePolicy
from tthc.durations import Duration
from tthc.errors import InvalidValueError

__all__ = ["Deadline", "Pause", "Reschedule", "SkippedDay"]


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
        subtracted (research notes ``vn_legal.md`` §1.9).
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
        Circular 01/2018/TT-VPCP, form No. 04 (research notes ``vn_legal.md`` §1.10).
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
    """

    received_at: dt.datetime
    due_at: dt.datetime
    # (ordinal, time of day), or an office-time position resolved on demand (see start_at).
    _start: tuple[int, int] | int = attrs.field(alias="_start", repr=False)
    # (duration, policy, calendar, pauses, reschedules): the inputs, kept as one field because
    # compute_deadline builds millions of these and each frozen field costs a setattr.
    _inputs: tuple[
        Duration, DeadlinePolicy, WorkingCalendar, tuple[Pause, ...], tuple[Reschedule, ...]
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
            start = office_index(self.calendar, self.policy.office_hours).start(start)
        return vn_instant(*start)

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
