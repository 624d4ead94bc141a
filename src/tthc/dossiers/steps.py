"""Step tracking (*theo dõi tiến độ xử lý từng bước*): where a dossier's time goes, and who is late.

A [`StepTrack`][tthc.dossiers.steps.StepTrack] follows one dossier through an
[`InternalProcess`][tthc.procedures.InternalProcess]: from its code and receipt instant, and the
step events a one-stop system records (a step assigned to a unit, started, finished, returned to an
earlier step, an opinion asked of another unit), it gives each step its due instant on the working
calendar, the office time it used against the time it was allowed, its state at any reporting
instant written for a clerk ("còn 1 ngày 3 giờ", "quá 2 giờ"), and, when the dossier runs out of
time, the unit that held it then and owes the apology.

Counting rules (each a choice; the reasons are in the docstrings):

* a step's clock starts when it is assigned (or, without an assignment, when it is started or an
  opinion is asked) and runs in the office hours of the agency holding it
  ([`compute_deadline`][tthc.deadlines.compute_deadline], working-time policy);
* a step returned to and done again gets its whole budget again from the return, as the one-stop
  systems reviewed set a handler's due time on every transfer;
* a step is late when it used more office time than its budget (an action recorded after closing
  time on the due day is not late; one at 08:01 the next working day is, by one minute);
* the dossier's lateness is attributed to the unit that held it when its time ran out.

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> from tthc.durations import Duration
    >>> from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep
    >>> desk = HandlingUnit(agency="VD.SO", department="Bộ phận Một cửa")
    >>> dept = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
    >>> process = InternalProcess(procedure_code="0.000001", receiving_unit=desk,
    ...     lead_agency="VD.SO", processing_time=Duration.working_days(2),
    ...     source="EXAMPLE: invented for this docstring", phases=[
    ...         Phase(steps=[ProcessStep(name="Thẩm định", unit=dept,
    ...                                  budget=Duration.working_days(1))]),
    ...         Phase(steps=[ProcessStep(name="Trả kết quả", unit=desk,
    ...                                  budget=Duration.working_days(1))])])
    >>> def at(day, hour):
    ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
    >>> track = StepTrack(dossier_code="VD.SO-260302-0001", received_at=at(2, 8),
    ...                   process=process, events=[StepAssigned(step="Thẩm định", unit=dept, at=at(2, 8))])
    >>> [r.state_text(at(3, 10)) for r in track.records]
    ['quá 2 giờ']
    >>> track = track.apply(StepFinished(step="Thẩm định", unit=dept, at=at(3, 11)))
    >>> track.records[0].late_by
    datetime.timedelta(seconds=10800)

References:
    - Decree 118/2025/NĐ-CP Art. 12(3) (the time of each step), Art. 12(4) (officials check the
      progress of each dossier in the software), Art. 12(5) (the unit that delays a dossier
      notifies the desk in writing with the reason and an apology), Art. 19(4) (opinions asked
      with a deadline), Art. 19(6) (an expected delay is notified at the latest one day before
      the due date, with an apology and a proposed new date, once), Art. 20(2) (each agency's
      deadline), Art. 28 (one dossier code, also for inter-agency dossiers). Read in one
      full-text copy (CONFIRMED for the copy, SECONDARY for the law; ``law2026.md`` §A).
    - One-stop systems: per-step time limit and due date, 8 working hours to the day, a step's
      due time set on each transfer (CONFIRMED from source code); OpenCPS users asking for "Quá /
      Còn x ngày y giờ" (issue #1252, SECONDARY); research notes ``process/NOTES.md`` §2.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Final

import attrs

from tthc import _validators as _v
from tthc.calendar import OfficeHours, WorkingCalendar
from tthc.calendar._office import US_PER_DAY
from tthc.deadlines import VN_TZ, DeadlinePolicy, compute_deadline
from tthc.deadlines._clock import EPOCH_ORDINAL, local_us, office_index
from tthc.deadlines.compute import _default_calendar
from tthc.dossiers.dossier import DOSSIER_CODE_PATTERN
from tthc.dossiers.obligations import Obligation, apology_obligation
from tthc.dossiers.statuses import DossierStatus
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError
from tthc.procedures.process import HandlingUnit, InternalProcess, StepRole, step_policy

__all__ = [
    "AgencyProgress",
    "ApologyDuty",
    "HistoryEntry",
    "StepAssigned",
    "StepConsulted",
    "StepEvent",
    "StepFinished",
    "StepOutcome",
    "StepRecord",
    "StepReturned",
    "StepStarted",
    "StepTrack",
    "UnitLateness",
    "countdown_text",
    "history_of",
    "lateness_by_unit",
    "merge_tracks",
]

_US_PER_MINUTE: Final = 60_000_000
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


def _to_us(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _whole_minutes(field: str, value: object) -> int:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValueError(field, value, "a positive datetime.timedelta")
    us = _to_us(value)
    if us % _US_PER_MINUTE:
        raise InvalidValueError(field, value, "a whole number of minutes")
    return us


# --- events --------------------------------------------------------------------------------------


def _aware(instance: object, attribute: Any, value: Any) -> None:
    _v.check_aware(f"{type(instance).__name__}.{attribute.name}", value)


def _to_vn(value: object) -> object:
    # Aware instants are kept in Vietnam time (the wall clock the clerk reads); others are left
    # for the validator to refuse.
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return value.astimezone(VN_TZ)
    return value


def _optional_text(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def _optional_nfc(value: str | None) -> str | None:
    """Converter: NFC text, ``None`` kept (other values kept for the validator to refuse)."""
    return None if value is None else _v.nfc(value)


def _check_unit(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, HandlingUnit):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a HandlingUnit")


@attrs.frozen(kw_only=True)
class StepEvent:
    """Something that happened to one step of a dossier (*một thao tác xử lý*), at an instant.

    Attributes:
        step: The name of the process step (see
            [`ProcessStep.name`][tthc.procedures.ProcessStep]).
        unit: The unit that did it, or to which the step was given.
        at: When it happened (timezone-aware; kept in Vietnam time).
        note: Free text from the system (*nội dung xử lý*), if any.
    """

    kind: ClassVar[str] = "event"

    step: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    unit: HandlingUnit = attrs.field(validator=_check_unit)
    at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    note: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)


@attrs.frozen(kw_only=True)
class StepAssigned(StepEvent):
    """The dossier is handed to a unit for a step (*chuyển xử lý*): the step's clock starts.

    Assigning a step that is already open to the same unit (another official of the department,
    say) changes nothing; to another unit, it is refused: finish or return the step first.
    """

    kind: ClassVar[str] = "assigned"


@attrs.frozen(kw_only=True)
class StepStarted(StepEvent):
    """An official starts work on a step (*bắt đầu xử lý*).

    It starts the step's clock only when the step was not assigned before (some systems record
    no assignment); on an assigned step it is recorded and changes nothing.
    """

    kind: ClassVar[str] = "started"


@attrs.frozen(kw_only=True)
class StepFinished(StepEvent):
    """A step is done (*hoàn thành bước*) and the dossier goes on to the next step."""

    kind: ClassVar[str] = "finished"


@attrs.frozen(kw_only=True)
class StepReturned(StepEvent):
    """A step sends the dossier back to an earlier step (*trả lại bước trước*) to be done again.

    The returning step ends; the earlier step opens again at once, held by the unit that held it
    last, with its whole budget from now.

    Attributes:
        to_step: The name of the earlier step (of an earlier phase).
    """

    kind: ClassVar[str] = "returned"

    to_step: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class StepConsulted(StepEvent):
    """A step asks another unit for its opinion (*lấy ý kiến*): the consultation step opens.

    ``step`` is the consultation step of the process (usually of role ``CONSULT``) and ``unit``
    the unit asked; it answers by finishing that step, and its budget is the deadline stated in
    the request (Decree 118/2025 Art. 19(4)(b)–(c): the request states the deadline; a body that
    does not answer in time is reported to the desk).

    Attributes:
        requested_by: The name of the step that asks.
    """

    kind: ClassVar[str] = "consulted"

    requested_by: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


# --- records -------------------------------------------------------------------------------------


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


@attrs.frozen(kw_only=True, repr=False)
class StepRecord:
    """One pass of a dossier through one step (*một lượt xử lý*): who, when, allowed and used.

    A step done twice (returned to) has two records, ``occurrence`` 1 and 2, each with its own
    budget from its own start.

    Attributes:
        dossier_code: The dossier's code.
        step: The step's name.
        phase: The index of the step's phase in the process.
        occurrence: 1 for the first pass through the step, 2 after a return, and so on.
        unit: The unit that held it.
        role: The step's role.
        budget: The time allowed.
        started_at: When its clock started.
        due_at: When its budget of office time runs out, on its agency's office hours.
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
    budget: Duration
    started_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    outcome: StepOutcome
    returned_to: str | None = None
    requested_by: str | None = None
    _clock: _Clock = attrs.field(alias="_clock", eq=False)

    def __repr__(self) -> str:
        end = "open" if self.finished_at is None else self.finished_at.isoformat()
        return (
            f"<StepRecord {self.dossier_code} {self.step!r}#{self.occurrence} {self.unit} "
            f"{self.started_at.isoformat()}..{end}>"
        )

    @property
    def allowed(self) -> dt.timedelta:
        """The office time allowed (the budget; a working day is the agency's office day)."""
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
        used = clock.position(self._end(as_of)) - clock.position(self.started_at)
        return dt.timedelta(microseconds=used)

    def remaining(self, as_of: dt.datetime | None = None) -> dt.timedelta:
        """Office time left (negative: overdue), at its end or at ``as_of`` if earlier."""
        return self.allowed - self.used(as_of)

    def is_open(self, as_of: dt.datetime) -> bool:
        """Whether the step was held at ``as_of`` (started, not yet ended)."""
        instant = _v.check_aware("as_of", as_of)
        return self.started_at <= instant and (
            self.finished_at is None or instant < self.finished_at
        )

    def is_late(self, as_of: dt.datetime | None = None) -> bool:
        """Whether the step used more office time than its budget (by its end or by ``as_of``)."""
        return self.used(as_of) > self.allowed

    @property
    def late_by(self) -> dt.timedelta:
        """The office time over budget of an ended step (zero when it was on time).

        Raises:
            InvalidValueError: The step is still open (use ``remaining(as_of)``).
        """
        return max(dt.timedelta(0), -self.remaining())

    def state_text(self, as_of: dt.datetime | None = None) -> str:
        """The step's state for a clerk: "còn 1 ngày 3 giờ" / "quá 2 giờ", ended or not.

        An ended step reads "xong, đúng hạn" (done, on time) or "xong, quá 2 giờ" (done, 2 hours
        late); a returned one "trả lại, …".
        """
        text = countdown_text(self.remaining(as_of), day=self._clock_day())
        ended = self.finished_at is not None and (as_of is None or self.finished_at <= as_of)
        if not ended:
            return text
        # Vietnamese for "returned" / "done".
        prefix = "trả lại" if self.outcome is StepOutcome.RETURNED else "xong"
        # Vietnamese for "on time".
        return f"{prefix}, {'đúng hạn' if text.startswith('còn') else text}"

    def _clock_day(self) -> dt.timedelta:
        return dt.timedelta(microseconds=self._clock.day_us)


# --- the track -----------------------------------------------------------------------------------


def _check_code(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or not DOSSIER_CODE_PATTERN.fullmatch(value):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a dossier code like '000.00.10.H26-240101-00001' (agency code-yyMMdd-number)",
        )


def _check_process(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, InternalProcess):
        raise InvalidValueError.for_attribute(instance, attribute, value, "an InternalProcess")


def _optional_unit(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _check_unit(instance, attribute, value)


def _check_calendar(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, WorkingCalendar):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a WorkingCalendar or None (the Vietnamese calendar)"
        )


def _check_policy(instance: object, attribute: Any, value: Any) -> None:
    try:
        step_policy("", value, None)
    except InvalidValueError:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "the working-time DeadlinePolicy without round_up_minutes (step budgets are office "
            "time, counted exactly)",
        ) from None


def _hours_pairs(value: Any) -> Any:
    """Converter: a mapping (or pairs) of agency code to office hours, as sorted pairs."""
    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        return value
    try:
        pairs = [(_v.nfc(k), v) for k, v in items]
        return tuple(sorted(pairs, key=lambda kv: str(kv[0])))
    except (TypeError, ValueError):
        return value


def _check_hours(instance: object, attribute: Any, value: Any) -> None:
    expected = "a mapping of agency code to OfficeHours"
    if not isinstance(value, tuple):
        raise InvalidValueError.for_attribute(instance, attribute, value, expected)
    for item in value:
        if not (
            isinstance(item, tuple)
            and len(item) == 2  # noqa: PLR2004 - a pair
            and type(item[0]) is str
            and isinstance(item[1], OfficeHours)
        ):
            raise InvalidValueError.for_attribute(instance, attribute, item, expected)


def _event_tuple(value: Iterable[StepEvent]) -> Any:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _check_events(instance: StepTrack, attribute: Any, value: Any) -> None:
    # The last field: building the records checks every event against the process.
    if not isinstance(value, tuple):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a list of StepEvent items"
        )
    for item in value:
        if not isinstance(item, StepEvent) or type(item) is StepEvent:
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                item,
                "StepAssigned, StepStarted, StepFinished, StepReturned or StepConsulted items",
            )
    _build(instance)


@attrs.frozen(kw_only=True, repr=False)
class StepTrack:
    """The steps of one dossier (*quá trình xử lý hồ sơ*) along its internal process.

    Build it from the dossier's code and official receipt instant, its process and its step
    events in time order; [`apply`][tthc.dossiers.steps.StepTrack.apply] returns a new track with
    one more event. The dossier has one code wherever it goes (Decree 118/2025 Art. 28): an
    inter-agency dossier is one track, whose steps are held by several agencies.

    Attributes:
        dossier_code: The dossier's code (*mã hồ sơ*).
        received_at: The official receipt instant: the dossier's clock starts there (Decree
            118/2025 Art. 17(3)).
        process: The [`InternalProcess`][tthc.procedures.InternalProcess] it follows.
        receiving_unit: The desk that received it, when not the process's own (receipt
            regardless of administrative boundary); ``None``: the process's.
        calendar: The working calendar (``None``: the Vietnamese one).
        policy: The working-time policy: office hours of agencies not in ``office_hours``.
        office_hours: Office hours by agency code, for agencies that keep their own.
        events: The step events, in time order, none before the receipt.

    Raises:
        InvalidValueError: A bad field, or an event that does not fit: an unknown step, an event
            before the receipt or out of time order, finishing or returning a step that is not
            open, assigning an open step to another unit, returning to a step that is not
            earlier. ``.field`` names the event: ``"StepTrack.events[3]"``.

    References:
        Decree 118/2025/NĐ-CP Arts. 12(4)–(5), 17(3), 19(4), 19(6), 20(2), 28 (SECONDARY; see
        the module).
    """

    dossier_code: str = attrs.field(validator=_check_code)
    received_at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    process: InternalProcess = attrs.field(validator=_check_process)
    receiving_unit: HandlingUnit | None = attrs.field(default=None, validator=_optional_unit)
    calendar: WorkingCalendar | None = attrs.field(default=None, validator=_check_calendar)
    policy: DeadlinePolicy = attrs.field(factory=DeadlinePolicy, validator=_check_policy)
    office_hours: tuple[tuple[str, OfficeHours], ...] = attrs.field(
        default=(), converter=_hours_pairs, validator=_check_hours
    )
    events: tuple[StepEvent, ...] = attrs.field(
        default=(), converter=_event_tuple, validator=_check_events
    )

    def __repr__(self) -> str:
        return (
            f"<StepTrack {self.dossier_code} steps={len(self.records)} events={len(self.events)}>"
        )

    def apply(self, event: StepEvent) -> StepTrack:
        """Return a new track with ``event`` added at the end (this one is left unchanged).

        Raises:
            InvalidValueError: The event does not fit (see the class).
        """
        return attrs.evolve(self, events=(*self.events, event))

    @functools.cached_property
    def records(self) -> tuple[StepRecord, ...]:
        """Every pass through a step, in the order the passes started."""
        return _build(self)

    @property
    def desk(self) -> HandlingUnit:
        """The desk that received the dossier."""
        return self.process.receiving_unit if self.receiving_unit is None else self.receiving_unit

    def _clock(self, agency: str) -> _Clock:
        return _clock_for(self, agency)

    @functools.cached_property
    def due_at(self) -> dt.datetime:
        """The dossier's due instant: the processing time from the receipt, on the desk's hours."""
        policy = step_policy(self.desk.agency, self.policy, dict(self.office_hours))
        return compute_deadline(
            self.received_at, self.process.processing_time, calendar=self.calendar, policy=policy
        ).due_at

    @property
    def finished_at(self) -> dt.datetime | None:
        """When the last phase's steps have all finished and nothing is open, else ``None``."""
        records = self.records
        if not records or any(r.finished_at is None for r in records):
            return None
        last = len(self.process.phases) - 1
        finished = {
            r.step for r in records if r.outcome is StepOutcome.FINISHED and r.phase == last
        }
        if finished != {s.name for s in self.process.phases[last].steps}:
            return None
        return max(r.finished_at for r in records if r.finished_at is not None)

    def open_at(self, instant: dt.datetime) -> tuple[StepRecord, ...]:
        """The passes held at ``instant`` (several when steps run in parallel)."""
        return tuple(r for r in self.records if r.is_open(instant))

    def holders_at(self, instant: dt.datetime) -> tuple[HandlingUnit, ...]:
        """The units holding the dossier at ``instant``, each once, in step order.

        When no step is open at that instant (between a step's end and the next step's
        assignment), the unit that ended a step last before it: it had the dossier last.
        Before the first step, the desk.
        """
        instant = _v.check_aware("holders_at(instant)", instant)
        held = self.open_at(instant)
        if held:
            return tuple(dict.fromkeys(r.unit for r in held))
        ended = [r for r in self.records if r.finished_at is not None and r.finished_at <= instant]
        if ended:
            last = max(r.finished_at for r in ended if r.finished_at is not None)
            return tuple(dict.fromkeys(r.unit for r in ended if r.finished_at == last))
        return (self.desk,)

    def is_late(self, as_of: dt.datetime) -> bool:
        """Whether the dossier used more than its processing time, seen at ``as_of``.

        Office time is compared, on the desk's hours, as for the steps: a dossier finished after
        closing time on its due day is not late; one still open at 08:01 the next working day is.
        """
        return self._late_by(as_of) > 0

    def _late_by(self, as_of: dt.datetime) -> int:
        """Office µs past the due instant at ``as_of`` (or at the finish), on the desk's hours."""
        instant = _v.check_aware("as_of", as_of)
        finished = self.finished_at
        end = instant if finished is None or finished > instant else finished
        clock = self._clock(self.desk.agency)
        return clock.position(end) - clock.position(self.due_at)

    def responsible_units(self) -> tuple[HandlingUnit, ...]:
        """The units that held the dossier when its time ran out (at ``due_at``).

        Where several steps were open then (parallel steps), those already over their own budget
        at that instant; if none was, all of them.
        """
        due = self.due_at
        held = self.open_at(due)
        if held:
            over = [r for r in held if r.is_late(due)]
            return tuple(dict.fromkeys(r.unit for r in (over or held)))
        return self.holders_at(due)

    def apology_duties(self, as_of: dt.datetime) -> tuple[ApologyDuty, ...]:
        """Who owes the applicant an apology for this dossier, seen at ``as_of`` (Art. 12(5)).

        Empty while the dossier is not late. Otherwise one duty per unit that held it when its
        time ran out ([`responsible_units`][tthc.dossiers.steps.StepTrack.responsible_units]),
        with the office time it is late by at ``as_of`` (or at its finish).

        Args:
            as_of: The reporting instant.

        Returns:
            The duties, in step order.

        References:
            Decree 118/2025/NĐ-CP Art. 12(5): the agency notifies the desk in writing of the
            reason for the delay, with a letter of apology to the applicant and a new
            appointment; Art. 19(6): an expected delay is notified at the latest one day before
            the due date, and a new appointment is given at most once (SECONDARY).
        """
        late_by = self._late_by(as_of)
        if late_by <= 0:
            return ()
        desk_clock = self._clock(self.desk.agency)
        over = dt.timedelta(microseconds=late_by)
        return tuple(
            ApologyDuty(
                dossier_code=self.dossier_code,
                unit=unit,
                due_at=self.due_at,
                late_by=over,
                text=countdown_text(-over, day=dt.timedelta(microseconds=desk_clock.day_us)),
            )
            for unit in self.responsible_units()
        )

    def agency_progress(self, as_of: dt.datetime) -> tuple[AgencyProgress, ...]:
        """Each agency's time used against its share of the process (Art. 20(2)), at ``as_of``.

        An agency's share is [`InternalProcess.agency_shares`][tthc.procedures.InternalProcess.agency_shares];
        the time it used is the office time (on its own hours) during which it held at least one
        step of the dossier, so steps it holds in parallel count once.

        Args:
            as_of: The reporting instant.

        Returns:
            One row per agency of the process, in the order of their first step.

        References:
            Decree 118/2025/NĐ-CP Art. 20(2): each agency's task and deadline are stated on the
            routing slip (SECONDARY).
        """
        instant = _v.check_aware("as_of", as_of)
        rows = []
        for share in self.process.agency_shares():
            clock = self._clock(share.agency)
            spans = sorted(
                (clock.position(r.started_at), clock.position(r._end(instant)))  # noqa: SLF001
                for r in self.records
                if r.unit.agency == share.agency and r.started_at <= instant
            )
            used = 0
            reach = None
            for a, b in spans:
                if reach is None or a > reach:
                    used += b - a
                    reach = b
                elif b > reach:
                    used += b - reach
                    reach = b
            allowed = clock.allowed_us(share.budget)
            rows.append(
                AgencyProgress(
                    agency=share.agency,
                    is_lead=share.is_lead,
                    allowed=dt.timedelta(microseconds=allowed),
                    used=dt.timedelta(microseconds=used),
                    text=countdown_text(
                        dt.timedelta(microseconds=allowed - used),
                        day=dt.timedelta(microseconds=clock.day_us),
                    ),
                )
            )
        return tuple(rows)

    def rows(self, as_of: dt.datetime | None = None) -> list[dict[str, Any]]:
        """The passes as plain rows: the step table an analyst loads (one row per pass).

        Columns: ``dossier_code``, ``step``, ``occurrence``, ``agency``, ``department``,
        ``started_at``, ``finished_at`` (``None`` while open), ``budget`` (its text),
        ``due_at``, ``used`` and ``allowed`` (office time, ``timedelta``), ``late``.

        Args:
            as_of: The reporting instant for passes still open; ``None`` when all have ended.
                Passes that start after it are left out.

        Raises:
            InvalidValueError: A pass is open and ``as_of`` is ``None``.
        """
        out = []
        for r in self.records:
            if as_of is not None and r.started_at > as_of:
                continue
            out.append(
                {
                    "dossier_code": r.dossier_code,
                    "step": r.step,
                    "occurrence": r.occurrence,
                    "agency": r.unit.agency,
                    "department": r.unit.department,
                    "started_at": r.started_at,
                    "finished_at": r.finished_at,
                    "budget": str(r.budget),
                    "due_at": r.due_at,
                    "used": r.used(as_of),
                    "allowed": r.allowed,
                    "late": r.is_late(as_of),
                }
            )
        return out

    def table(self, as_of: dt.datetime | None = None) -> str:
        """The steps as a small text table for a clerk: step, unit, due, state.

        Args:
            as_of: The reporting instant; ``None`` when every step has ended.
        """
        lines = []
        for r in self.records:
            name = r.step if r.occurrence == 1 else f"{r.step} (lần {r.occurrence})"
            lines.append(
                f"{name:<24} {r.unit!s:<32} {r.due_at:%d/%m %H:%M}  {r.state_text(as_of)}"
            )
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class AgencyProgress:
    """One agency's use of its share of an inter-agency dossier (*tiến độ của từng cơ quan*).

    Attributes:
        agency: The agency.
        is_lead: Whether it leads the process (*cơ quan chủ trì*).
        allowed: Its share of the process, in office time.
        used: Office time during which it held a step of the dossier.
        text: What is left or overdue, for a clerk ("còn 4 giờ", "quá 2 ngày 2 giờ").
    """

    agency: str
    is_lead: bool
    allowed: dt.timedelta
    used: dt.timedelta
    text: str

    @property
    def is_late(self) -> bool:
        """Whether it used more than its share."""
        return self.used > self.allowed


@attrs.frozen(kw_only=True)
class ApologyDuty:
    """A duty to apologise for a late dossier (*văn bản xin lỗi*), and who owes it.

    Attributes:
        dossier_code: The dossier.
        unit: The unit that held it when its time ran out; its agency writes to the desk.
        due_at: When its time ran out.
        late_by: Office time late by, at the reporting instant or at its finish.
        text: The same for a clerk ("quá 2 giờ").

    References:
        Decree 118/2025/NĐ-CP Art. 12(5), Art. 19(6); Circular 03/2025/TT-VPCP form 04 "Văn bản
        xin lỗi và đề nghị gia hạn thời gian giải quyết" (SECONDARY, ``law2026.md`` §A).
    """

    dossier_code: str
    unit: HandlingUnit
    due_at: dt.datetime
    late_by: dt.timedelta
    text: str

    def notice(self, *, sent_at: dt.datetime | None = None) -> Obligation:
        """The obligation to send the apology ahead of time (Decree 118/2025 Art. 19(6)).

        An expected delay is notified, with the apology and a proposed new date, at the latest
        one day before the due date: [`apology_obligation`][tthc.dossiers.obligations.apology_obligation]
        for this dossier's due instant.

        Args:
            sent_at: When the apology was sent, if it was.

        Returns:
            The obligation, with its due instant and whether it was met.
        """
        return apology_obligation(self.due_at, sent_at=sent_at)


def _clock_for(track: StepTrack, agency: str) -> _Clock:
    calendar = _default_calendar() if track.calendar is None else track.calendar
    return _Clock(calendar, step_policy(agency, track.policy, dict(track.office_hours)))


class _Open:
    """A pass being built (private)."""

    __slots__ = ("occurrence", "requested_by", "start", "step", "unit")

    def __init__(
        self, step: str, unit: HandlingUnit, start: dt.datetime, occurrence: int, by: str | None
    ) -> None:
        self.step = step
        self.unit = unit
        self.start = start
        self.occurrence = occurrence
        self.requested_by = by


def _build(track: StepTrack) -> tuple[StepRecord, ...]:  # noqa: PLR0915 - one pass, a branch per kind
    """Replay the events into passes, refusing any that does not fit."""
    process = track.process
    names = {step.name: step for step in process.steps}
    phase_of = {step.name: i for i, phase in enumerate(process.phases) for step in phase.steps}
    opened: dict[str, _Open] = {}
    last_unit: dict[str, HandlingUnit] = {}
    counts: dict[str, int] = {}
    done: list[tuple[_Open, dt.datetime, StepOutcome, str | None]] = []
    previous = track.received_at

    def fail(index: int, event: StepEvent, expected: str) -> InvalidValueError:
        return InvalidValueError(f"StepTrack.events[{index}]", event, expected)

    def open_step(name: str, unit: HandlingUnit, at: dt.datetime, by: str | None) -> None:
        counts[name] = counts.get(name, 0) + 1
        opened[name] = _Open(name, unit, at, counts[name], by)
        last_unit[name] = unit

    for index, event in enumerate(track.events):
        if event.step not in names:
            raise fail(index, event, f"a step of the process ({', '.join(map(repr, names))})")
        if event.at < previous:
            raise fail(
                index,
                event,
                f"an instant on or after {previous.isoformat()} (events in time order, none "
                "before the receipt)",
            )
        previous = event.at
        current = opened.get(event.step)
        if isinstance(event, (StepAssigned, StepConsulted, StepStarted)):
            if isinstance(event, StepConsulted) and event.requested_by not in names:
                raise fail(index, event, "requested_by naming a step of the process")
            if current is None:
                by = event.requested_by if isinstance(event, StepConsulted) else None
                open_step(event.step, event.unit, event.at, by)
            elif current.unit != event.unit:
                raise fail(
                    index,
                    event,
                    f"the unit holding the open step ({current.unit}); finish or return the "
                    "step before giving it to another unit",
                )
        elif isinstance(event, (StepFinished, StepReturned)):
            if current is None:
                raise fail(index, event, f"an event on an open step ({event.step!r} is not open)")
            if isinstance(event, StepReturned):
                if event.to_step not in names or phase_of[event.to_step] >= phase_of[event.step]:
                    raise fail(index, event, "to_step naming a step of an earlier phase")
                if event.to_step in opened:
                    raise fail(index, event, f"to_step not open already ({event.to_step!r} is)")
                del opened[event.step]
                done.append((current, event.at, StepOutcome.RETURNED, event.to_step))
                target_unit = last_unit.get(event.to_step, names[event.to_step].unit)
                open_step(event.to_step, target_unit, event.at, None)
            else:
                del opened[event.step]
                done.append((current, event.at, StepOutcome.FINISHED, None))
        else:  # pragma: no cover - the validator admits only the kinds above
            raise fail(index, event, "a known kind of step event")
    passes = [*done, *((o, None, StepOutcome.OPEN, None) for o in opened.values())]
    passes.sort(key=lambda p: (p[0].start, phase_of[p[0].step], p[0].occurrence))
    clocks: dict[str, _Clock] = {}
    records = []
    for item, end, outcome, returned_to in passes:
        step = names[item.step]
        agency = item.unit.agency
        clock = clocks.get(agency)
        if clock is None:
            clock = clocks[agency] = _clock_for(track, agency)
        due = compute_deadline(
            item.start, step.budget, calendar=clock.calendar, policy=clock.policy
        ).due_at
        records.append(
            StepRecord(
                dossier_code=track.dossier_code,
                step=item.step,
                phase=phase_of[item.step],
                occurrence=item.occurrence,
                unit=item.unit,
                role=step.role,
                budget=step.budget,
                started_at=item.start,
                due_at=due,
                finished_at=end,
                outcome=outcome,
                returned_to=returned_to,
                requested_by=item.requested_by,
                _clock=clock,
            )
        )
    return tuple(records)


# --- the processing history as the national sync reports it ------------------------------------


def _optional_aware(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _aware(instance, attribute, value)


def _optional_status(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, DossierStatus):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a DossierStatus"
        )


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One entry of a dossier's processing history (*quá trình xử lý*), as systems report it.

    The national dossier sync carries the history step by step: who acted, when, in which
    department, what was done, the status after it, and the step's due time. It names no step
    of an internal process (its content is free text), so it is kept as reported; a
    [`StepTrack`][tthc.dossiers.steps.StepTrack] writes its passes as entries with
    [`history_of`][tthc.dossiers.steps.history_of].

    Attributes:
        dossier_code: The dossier's code.
        at: When the action happened (*thời điểm xử lý*): for a step, when it ended.
        actor: Who acted (*người xử lý*), if reported.
        title: Their title (*chức danh*), if reported.
        department: The department (*phòng ban xử lý*), if reported.
        content: What was done (*nội dung xử lý*), if reported.
        status: The dossier's status after the action, if reported.
        started_at: When the step started (*ngày bắt đầu*), if reported.
        due_at: When the step was due (*ngày kết thúc theo quy định*), if reported.

    Raises:
        InvalidValueError: A bad dossier code, a naive instant, a blank text.

    References:
        DVCQG processing history ``QuaTrinhXuLy``: ``MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy,
        PhongBanXuLy, NoiDungXuLy, TrangThai, NgayBatDau, NgayKetThucTheoQuyDinh`` (CONFIRMED
        from one client's code; research notes ``process/NOTES.md`` §2a, ``payloads/SHAPES.md``).
    """

    dossier_code: str = attrs.field(validator=_check_code)
    at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    actor: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    title: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    department: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    content: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    status: DossierStatus | None = attrs.field(default=None, validator=_optional_status)
    started_at: dt.datetime | None = attrs.field(
        default=None, converter=_to_vn, validator=_optional_aware
    )
    due_at: dt.datetime | None = attrs.field(
        default=None, converter=_to_vn, validator=_optional_aware
    )

    @property
    def is_late(self) -> bool | None:
        """Whether the action came after the step's reported due time (``None`` without one).

        The history states instants, not budgets or office hours, so this compares instants
        (as the one-stop system reviewed tags its steps "Quá hạn xử lý" / "Đúng hạn").
        """
        return None if self.due_at is None else self.at > self.due_at


def history_of(track: StepTrack) -> list[HistoryEntry]:
    """The passes of a track as processing-history entries (one per pass, in order).

    Each entry is the end of a pass (``at`` its finish; an open pass is left out), in the
    department of its unit (``"agency/department"``), its step's name as the content, the pass's
    start and due instant, and the status 4 (processing).

    Args:
        track: The dossier's track.

    Returns:
        The entries, in the order the passes started.

    Raises:
        InvalidValueError: ``track`` is not a ``StepTrack``.
    """
    if not isinstance(track, StepTrack):
        raise InvalidValueError("history_of(track)", track, "a StepTrack")
    return [
        HistoryEntry(
            dossier_code=r.dossier_code,
            at=r.finished_at,
            department=str(r.unit),
            content=r.step if r.outcome is StepOutcome.FINISHED else f"{r.step} (trả lại)",
            status=DossierStatus.PROCESSING,
            started_at=r.started_at,
            due_at=r.due_at,
        )
        for r in track.records
        if r.finished_at is not None
    ]


# --- across dossiers -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UnitLateness:
    """How one unit kept its step budgets over a set of dossiers (*tình hình xử lý của đơn vị*).

    Attributes:
        unit: The unit.
        steps: Passes through its steps (ended, or open at the reporting instant).
        late_steps: Those over budget (by their end, or by the reporting instant if open).
        dossiers: Dossiers it held a step of, each counted once.
        late_dossiers: Late dossiers it held when their time ran out, each counted once.
        used: Office time its steps used, in total.
        allowed: Office time its steps were allowed, in total.
    """

    unit: HandlingUnit
    steps: int
    late_steps: int
    dossiers: int
    late_dossiers: int
    used: dt.timedelta
    allowed: dt.timedelta

    @property
    def late_share(self) -> float:
        """The share of its steps that were late (0.0 when it had none)."""
        return self.late_steps / self.steps if self.steps else 0.0


def merge_tracks(tracks: Iterable[StepTrack]) -> list[StepTrack]:
    """One track per dossier code: the tracks of the same dossier merged into one.

    A dossier keeps one code across agencies (Decree 118/2025 Art. 28); when several systems
    report parts of the same dossier (each agency its own steps), their events are merged in time
    order (an event reported twice is kept once) and replayed as one track, so that the dossier
    is counted once and its passes fit together.

    Args:
        tracks: The tracks, in any order.

    Returns:
        One track per dossier code, in the order the codes first appear.

    Raises:
        InvalidValueError: An item is not a StepTrack; tracks of the same code disagree about the
            receipt, the process or the counting; or their merged events do not fit (the error
            names the dossier's events).

    Examples:
        >>> merge_tracks([])
        []
    """
    by_code: dict[str, list[StepTrack]] = {}
    for index, track in enumerate(tracks):
        if not isinstance(track, StepTrack):
            raise InvalidValueError(f"merge_tracks(tracks)[{index}]", track, "a StepTrack")
        by_code.setdefault(track.dossier_code, []).append(track)
    merged = []
    for code, group in by_code.items():
        first = group[0]
        if len(group) == 1:
            merged.append(first)
            continue
        for other in group[1:]:
            if attrs.evolve(other, events=()) != attrs.evolve(first, events=()):
                raise InvalidValueError(
                    "merge_tracks(tracks)",
                    code,
                    "tracks of one dossier code with the same receipt, process, desk, calendar, "
                    "policy and office hours",
                )
        events = list(dict.fromkeys(e for t in group for e in t.events))
        events.sort(key=lambda e: e.at)  # stable: same-instant events keep their report order
        merged.append(attrs.evolve(first, events=events))
    return merged


def lateness_by_unit(tracks: Iterable[StepTrack], as_of: dt.datetime) -> list[UnitLateness]:
    """Late steps and late dossiers per unit, over many dossiers, each dossier counted once.

    The tracks are first merged by dossier code ([`merge_tracks`][tthc.dossiers.steps.merge_tracks]):
    a dossier reported by several systems (each agency its part of an inter-agency dossier) counts
    once per unit and once in every total.

    Args:
        tracks: The dossiers' tracks.
        as_of: The reporting instant; passes that start after it are left out.

    Returns:
        One row per unit, the units with the largest share of late steps first (then by name).

    Raises:
        InvalidValueError: An item is not a StepTrack, or the tracks of one dossier do not fit
            together.

    Examples:
        >>> lateness_by_unit([], dt.datetime(2026, 1, 5, tzinfo=VN_TZ))
        []
    """
    instant = _v.check_aware("lateness_by_unit(as_of)", as_of)
    passes: list[StepRecord] = []
    responsible: dict[str, tuple[HandlingUnit, ...]] = {}
    for track in merge_tracks(tracks):
        passes += [r for r in track.records if r.started_at <= instant]
        if track.is_late(instant):
            responsible[track.dossier_code] = track.responsible_units()
    rows: dict[HandlingUnit, dict[str, Any]] = {}
    for record in passes:
        row = rows.setdefault(
            record.unit,
            {
                "steps": 0,
                "late": 0,
                "dossiers": set(),
                "used": dt.timedelta(0),
                "allowed": dt.timedelta(0),
            },
        )
        row["steps"] += 1
        row["late"] += record.is_late(instant)
        row["dossiers"].add(record.dossier_code)
        row["used"] += record.used(instant)
        row["allowed"] += record.allowed
    out = [
        UnitLateness(
            unit=unit,
            steps=row["steps"],
            late_steps=row["late"],
            dossiers=len(row["dossiers"]),
            late_dossiers=sum(unit in units for units in responsible.values()),
            used=row["used"],
            allowed=row["allowed"],
        )
        for unit, row in rows.items()
    ]
    out.sort(key=lambda u: (-u.late_share, str(u.unit)))
    return out
