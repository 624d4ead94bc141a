"""One pass through a step (`StepRecord`) and the clerk's countdown text (private).

Public names are re-exported by [`tthc.dossiers.steps`][tthc.dossiers.steps].
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Final

import attrs

from tthc import _validators as _v
from tthc.calendar._office import US_PER_DAY
from tthc.deadlines import Pause, compute_deadline
from tthc.deadlines._clock import EPOCH_ORDINAL, local_us, office_index
from tthc.dossiers._steps_events import (
    _US_PER_MINUTE,
    _to_us,
    _whole_minutes,
)
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError
from tthc.procedures.process import HandlingUnit, StepRole

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy

_US_PER_HOUR: Final = 3_600_000_000
_EIGHT_HOURS: Final = dt.timedelta(hours=8)


# --- the clerk's text ----------------------------------------------------------------------------


def countdown_text(remaining: dt.timedelta, *, day: dt.timedelta = _EIGHT_HOURS) -> str:
    """Write office time left or overdue as a clerk reads it: "còn 1 ngày 3 giờ", "quá 2 giờ".

    Days are working days of ``day`` office hours (8 by default, as the one-stop systems count);
    zero parts are left out; minutes are shown when there are any. Time left is rounded down to
    the minute and time overdue rounded up, so that a step a few seconds late never reads "quá 0
    phút"; nothing left at all reads "còn 0 giờ".

    Args:
        remaining: Office time left (negative: overdue).
        day: The office time of one working day.

    Returns:
        ``"còn …"`` (left) or ``"quá …"`` (overdue).

    Raises:
        InvalidValueError: ``remaining`` is not a timedelta, or ``day`` is not a positive whole
            number of minutes.

    Examples:
        >>> import datetime as dt
        >>> countdown_text(dt.timedelta(hours=11))
        'còn 1 ngày 3 giờ'
        >>> countdown_text(-dt.timedelta(hours=2))
        'quá 2 giờ'
        >>> countdown_text(-dt.timedelta(hours=17, minutes=30))
        'quá 2 ngày 1 giờ 30 phút'
        >>> countdown_text(dt.timedelta(0))
        'còn 0 giờ'

    References:
        OpenCPS issue #1252: "Quá … ngày … giờ" / "Còn … ngày … giờ", days in working days and
        8 working hours to the day (SECONDARY, research notes ``process/NOTES.md`` §2b).
    """
    if not isinstance(remaining, dt.timedelta):
        raise InvalidValueError("countdown_text(remaining)", remaining, "a datetime.timedelta")
    day_us = _whole_minutes("countdown_text(day)", day)
    us = _to_us(remaining)
    if us >= 0:
        prefix, minutes = "còn", us // _US_PER_MINUTE
    else:
        prefix, minutes = "quá", -(us // _US_PER_MINUTE)  # rounded up in magnitude
    days, rest = divmod(minutes, day_us // _US_PER_MINUTE)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    # "day", "hour", "minute"; nothing left at all: "0 hours"
    return f"{prefix} {' '.join(parts) or '0 giờ'}"


class StepOutcome(enum.Enum):
    """How one pass through a step ended, or that it has not (*trạng thái của bước*)."""

    OPEN = "open"
    """Still held (*đang xử lý*)."""

    FINISHED = "finished"
    """Done and passed on (*đã hoàn thành*)."""

    RETURNED = "returned"
    """Sent back to an earlier step (*trả lại bước trước*)."""


class _Clock:
    """Office time of one agency on one calendar, in microseconds (private)."""

    __slots__ = ("calendar", "day_us", "index", "office", "policy")

    def __init__(self, calendar: WorkingCalendar, policy: DeadlinePolicy) -> None:
        self.calendar = calendar
        self.policy = policy
        self.office = office_index(calendar, policy.office_hours)
        self.index = calendar._index()  # noqa: SLF001 - the calendar's own index, by design
        self.day_us = self.office.day

    def position(self, instant: dt.datetime) -> int:
        """Office time from the start of the calendar's index up to ``instant``."""
        day_number, tod = divmod(local_us(instant), US_PER_DAY)
        ordinal = day_number + EPOCH_ORDINAL
        i = ordinal - self.index.first
        if not 0 <= i < self.index.size:
            raise self.calendar._out_of_range(ordinal)  # noqa: SLF001
        return self.office.position(i, tod)

    def allowed_us(self, budget: Duration) -> int:
        """A working-time budget in office microseconds (a working day is the office day)."""
        per_unit = self.day_us if budget.unit is DurationUnit.WORKING_DAYS else _US_PER_HOUR
        return int(budget.value * per_unit)

    def paused_us(self, start: dt.datetime, end: dt.datetime, spans: _Spans) -> int:
        """Office time of ``[start, end]`` inside the pauses (an open one runs on past ``end``)."""
        if not spans or end <= start:
            return 0
        total = 0
        for a, b, _ in spans:
            lo = max(a, start)
            hi = end if b is None else min(b, end)
            if hi > lo:
                total += self.position(hi) - self.position(lo)
        return total


_Span = tuple[dt.datetime, "dt.datetime | None", str]
_Spans = tuple[_Span, ...]
"""The pauses of a dossier: (paused at, resumed at or ``None`` while paused, reason)."""


def pauses_as_of(spans: _Spans, as_of: dt.datetime | None) -> list[Pause]:
    """The pauses that move a due instant, seen at ``as_of``.

    A completed pause counts whole; a pause still open counts up to ``as_of`` (the due instant
    if the dossier resumed then), or not at all without a reporting instant.
    """
    out = []
    for a, b, reason in spans:
        end = b if b is not None else as_of
        if end is not None and end > a:
            out.append(Pause(start_at=a, end_at=end, reason=reason))
    return out


def due_with_pauses(
    start: dt.datetime, budget: Duration, clock: _Clock, pauses: list[Pause]
) -> dt.datetime:
    """The earliest instant at which the counted office time since ``start`` reaches ``budget``.

    Counted office time is the office time since ``start`` less the office time paused within
    it: each pause that starts before the budget is reached moves the due instant by its office
    time (the working-time rule of [`compute_deadline`][tthc.deadlines.compute_deadline]).
    """
    return compute_deadline(
        start, budget, calendar=clock.calendar, policy=clock.policy, pauses=pauses
    ).due_at


@attrs.frozen(kw_only=True, repr=False)
class StepRecord:
    """One pass of a dossier through one step (*một lượt xử lý*): who, when, allowed and used.

    A step done twice (returned to) has two records, ``occurrence`` 1 and 2, each with its own
    budget from its own start. A pass through a step whose time is not counted (*không tính
    thời gian*, ``budget`` ``None``) has no due instant and no time allowed, is never late, and
    still reports the office time it used.

    While the dossier waits for the applicant ([`StepsPaused`][tthc.dossiers.steps.StepsPaused]
    to [`StepsResumed`][tthc.dossiers.steps.StepsResumed]), the pass's clock stops: the office
    time paused is not used, and the due instant is the earliest instant at which the office
    time used (since the start, less the time paused) reaches the budget (Decision 766/QĐ-TTg
    technical formula document, indicator 2.1: supplement time is not counted; SECONDARY).

    Attributes:
        dossier_code: The dossier's code.
        step: The step's name.
        phase: The index of the step's phase in the process.
        occurrence: 1 for the first pass through the step, 2 after a return, and so on.
        unit: The unit that held it.
        role: The step's role.
        budget: The time allowed, or ``None`` for a step whose time is not counted.
        started_at: When its clock started.
        due_at: When its budget of office time runs out, on its agency's office hours, moved by
            the completed pauses (see [`due`][tthc.dossiers.steps.StepRecord.due] for a pause
            still open); ``None`` for a step whose time is not counted.
        finished_at: When it ended (finished or returned), or ``None`` while open.
        outcome: Open, finished or returned.
        returned_to: The step it returned the dossier to, for a returned pass.
        requested_by: The step that asked for the opinion, for a consultation.
    """

    dossier_code: str
    step: str
    phase: int
    occurrence: int
    unit: HandlingUnit
    role: StepRole
    budget: Duration | None
    started_at: dt.datetime
    due_at: dt.datetime | None
    finished_at: dt.datetime | None
    outcome: StepOutcome
    returned_to: str | None = None
    requested_by: str | None = None
    _clock: _Clock = attrs.field(alias="_clock", eq=False)
    _pauses: _Spans = attrs.field(default=(), alias="_pauses", eq=False)

    def __repr__(self) -> str:
        end = "open" if self.finished_at is None else self.finished_at.isoformat()
        return (
            f"<StepRecord {self.dossier_code} {self.step!r}#{self.occurrence} {self.unit} "
            f"{self.started_at.isoformat()}..{end}>"
        )

    @property
    def is_counted(self) -> bool:
        """Whether the step's time counts (``False``: *không tính thời gian*)."""
        return self.budget is not None

    @property
    def allowed(self) -> dt.timedelta | None:
        """The office time allowed (the budget; a working day is the agency's office day).

        ``None`` for a step whose time is not counted.
        """
        if self.budget is None:
            return None
        return dt.timedelta(microseconds=self._clock.allowed_us(self.budget))

    def _end(self, as_of: dt.datetime | None) -> dt.datetime:
        if as_of is None:
            if self.finished_at is None:
                raise InvalidValueError(
                    "StepRecord(as_of)",
                    None,
                    f"a reporting instant: step {self.step!r} of {self.dossier_code} is open",
                )
            return self.finished_at
        instant = _v.check_aware("as_of", as_of)
        if self.finished_at is not None and self.finished_at <= instant:
            return self.finished_at
        return max(instant, self.started_at)

    def used(self, as_of: dt.datetime | None = None) -> dt.timedelta:
        """The office time the step used, up to its end or up to ``as_of`` if earlier.

        Args:
            as_of: The reporting instant; ``None`` for a step that has ended.

        Raises:
            InvalidValueError: ``as_of`` is ``None`` for an open step, or not an aware datetime.
        """
        clock = self._clock
        end = self._end(as_of)
        used = clock.position(end) - clock.position(self.started_at)
        used -= clock.paused_us(self.started_at, end, self._pauses)
        return dt.timedelta(microseconds=used)

    def paused(self, as_of: dt.datetime | None = None) -> dt.timedelta:
        """The office time the dossier waited for the applicant during the pass (not used).

        Up to the pass's end, or up to ``as_of`` if earlier.

        Raises:
            InvalidValueError: ``as_of`` is ``None`` for an open step, or not an aware datetime.
        """
        end = self._end(as_of)
        return dt.timedelta(microseconds=self._clock.paused_us(self.started_at, end, self._pauses))

    def due(self, as_of: dt.datetime | None = None) -> dt.datetime | None:
        """The due instant seen at ``as_of``: a pause still open counts up to ``as_of``.

        It is the instant the budget runs out if the dossier resumed at ``as_of``; without
        ``as_of`` (or with no pause open), ``due_at``.
        ``None`` for a step whose time is not counted.
        """
        if self.budget is None:
            return None
        if as_of is None or not any(b is None for _, b, _ in self._pauses):
            return self.due_at
        instant = _v.check_aware("as_of", as_of)
        return due_with_pauses(
            self.started_at, self.budget, self._clock, pauses_as_of(self._pauses, instant)
        )

    def pause_at(self, instant: dt.datetime) -> str | None:
        """The reason of the pause in effect at ``instant`` ("chờ bổ sung"), or ``None``."""
        for a, b, reason in self._pauses:
            if a <= instant and (b is None or instant < b):
                return reason
        return None

    def remaining(self, as_of: dt.datetime | None = None) -> dt.timedelta | None:
        """Office time left (negative: overdue), at its end or at ``as_of`` if earlier.

        ``None`` for a step whose time is not counted (nothing is allowed, nothing is overdue).
        """
        allowed = self.allowed
        used = self.used(as_of)
        return None if allowed is None else allowed - used

    def is_open(self, as_of: dt.datetime) -> bool:
        """Whether the step was held at ``as_of`` (started, not yet ended)."""
        instant = _v.check_aware("as_of", as_of)
        return self.started_at <= instant and (
            self.finished_at is None or instant < self.finished_at
        )

    def is_late(self, as_of: dt.datetime | None = None) -> bool:
        """Whether the step used more office time than its budget (by its end or by ``as_of``).

        Never for a step whose time is not counted.
        """
        remaining = self.remaining(as_of)
        return remaining is not None and remaining < dt.timedelta(0)

    @property
    def late_by(self) -> dt.timedelta:
        """The office time over budget of an ended step (zero when it was on time).

        Raises:
            InvalidValueError: The step is still open (use ``remaining(as_of)``).
        """
        remaining = self.remaining()
        return dt.timedelta(0) if remaining is None else max(dt.timedelta(0), -remaining)

    def state_text(self, as_of: dt.datetime | None = None) -> str:
        """The step's state for a clerk: "còn 1 ngày 3 giờ" / "quá 2 giờ", ended or not.

        An ended step reads "xong, đúng hạn" (done, on time) or "xong, quá 2 giờ" (done, 2 hours
        late); a returned one "trả lại, …". A step whose time is not counted reads "không tính
        thời gian" (not counted), "xong, không tính thời gian" once ended. While the dossier
        waits for the applicant at ``as_of``, an open step reads "tạm dừng (chờ bổ sung), còn 4
        giờ" (paused, and what is left).
        """
        remaining = self.remaining(as_of)
        if remaining is None:
            # Vietnamese for "not counted", as the published tables write it.
            text = "không tính thời gian"
        else:
            text = countdown_text(remaining, day=self._clock_day())
        ended = self.finished_at is not None and (as_of is None or self.finished_at <= as_of)
        if not ended:
            reason = None if as_of is None else self.pause_at(as_of)
            # Vietnamese for "paused (waiting for ...)".
            return text if reason is None else f"tạm dừng ({reason}), {text}"
        # Vietnamese for "returned" / "done".
        prefix = "trả lại" if self.outcome is StepOutcome.RETURNED else "xong"
        # Vietnamese for "on time".
        return f"{prefix}, {'đúng hạn' if text.startswith('còn') else text}"

    def _clock_day(self) -> dt.timedelta:
        return dt.timedelta(microseconds=self._clock.day_us)


# --- the track -----------------------------------------------------------------------------------
