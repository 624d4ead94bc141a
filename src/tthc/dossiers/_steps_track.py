"""The per-dossier `StepTrack`, each agency's progress and the apology duties it owes (private).

Public names are re-exported by [`tthc.dossiers.steps`][tthc.dossiers.steps].
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from tthc import _validators as _v
from tthc.calendar import OfficeHours, WorkingCalendar
from tthc.deadlines import DeadlinePolicy, Pause
from tthc.deadlines.compute import _default_calendar
from tthc.dossiers._steps_events import (
    StepAssigned,
    StepConsulted,
    StepEvent,
    StepFinished,
    StepReturned,
    StepsPaused,
    StepsResumed,
    StepStarted,
    TrackEvent,
    _aware,
    _check_unit,
    _to_vn,
)
from tthc.dossiers._steps_records import (
    StepOutcome,
    StepRecord,
    _Clock,
    _Spans,
    countdown_text,
    due_with_pauses,
    pauses_as_of,
)
from tthc.dossiers.dossier import DOSSIER_CODE_PATTERN
from tthc.dossiers.obligations import Obligation, apology_obligation
from tthc.errors import InvalidValueError
from tthc.procedures.process import HandlingUnit, InternalProcess, budget_text, step_policy


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


def _event_tuple(value: Iterable[TrackEvent]) -> Any:
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
        if not isinstance(item, (StepEvent, StepsPaused, StepsResumed)) or type(item) is StepEvent:
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                item,
                "StepAssigned, StepStarted, StepFinished, StepReturned, StepConsulted, "
                "StepsPaused or StepsResumed items",
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
        events: The step events, in time order, none before the receipt; with the dossier's
            waits for the applicant ([`StepsPaused`][tthc.dossiers.steps.StepsPaused],
            [`StepsResumed`][tthc.dossiers.steps.StepsResumed]), which stop every open pass's
            clock and move the due instants (Decision 766 timeliness pauses).

    Raises:
        InvalidValueError: A bad field, or an event that does not fit: an unknown step, an event
            before the receipt or out of time order, finishing or returning a step that is not
            open, assigning an open step to another unit, returning to a step that is not
            earlier, pausing while paused, resuming while not paused. ``.field`` names the
            event: ``"StepTrack.events[3]"``.

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
    events: tuple[TrackEvent, ...] = attrs.field(
        default=(), converter=_event_tuple, validator=_check_events
    )

    def __repr__(self) -> str:
        return (
            f"<StepTrack {self.dossier_code} steps={len(self.records)} events={len(self.events)}>"
        )

    def apply(self, event: TrackEvent) -> StepTrack:
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
    def _spans(self) -> _Spans:
        return _pause_spans(self.events)

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """The completed waits for the applicant, each from the pause to the resumption.

        As [`Dossier.pauses`][tthc.dossiers.Dossier.pauses]: their office time is not counted
        (Decision 766/QĐ-TTg technical formula document, indicator 2.1; SECONDARY). A wait still
        open is [`paused_since`][tthc.dossiers.steps.StepTrack.paused_since].
        """
        return tuple(
            Pause(start_at=a, end_at=b, reason=reason)
            for a, b, reason in self._spans
            if b is not None
        )

    @property
    def paused_since(self) -> StepsPaused | None:
        """The pause still open at the last event (the dossier waits for the applicant), if any."""
        for event in reversed(self.events):
            if isinstance(event, StepsResumed):
                return None
            if isinstance(event, StepsPaused):
                return event
        return None

    @functools.cached_property
    def due_at(self) -> dt.datetime:
        """The dossier's due instant: the processing time from the receipt, on the desk's hours.

        Moved by the completed pauses, as [`Dossier.timeliness_due_at`][tthc.dossiers.Dossier.timeliness_due_at]
        is (a wait still open moves [`due`][tthc.dossiers.steps.StepTrack.due] instead).
        """
        clock = self._clock(self.desk.agency)
        return due_with_pauses(
            self.received_at, self.process.processing_time, clock, list(self.pauses)
        )

    def due(self, as_of: dt.datetime | None = None) -> dt.datetime:
        """The dossier's due instant seen at ``as_of``: a pause still open counts up to ``as_of``.

        The earliest instant at which the office time since the receipt, less the office time
        paused, reaches the processing time (Decision 766/QĐ-TTg technical formula document,
        indicator 2.1: supplement time is not counted; SECONDARY). Without ``as_of``, or with no
        pause open, [`due_at`][tthc.dossiers.steps.StepTrack.due_at].
        """
        instant = None if as_of is None else _v.check_aware("as_of", as_of)
        if instant is None or not self._spans or self._spans[-1][1] is not None:
            return self.due_at
        clock = self._clock(self.desk.agency)
        return due_with_pauses(
            self.received_at,
            self.process.processing_time,
            clock,
            pauses_as_of(self._spans, instant),
        )

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

    @property
    def work_finished_at(self) -> dt.datetime | None:
        """When the steps whose time counts have all finished, else ``None``.

        The dossier's processing time is measured up to this instant: a step whose time is not
        counted (*không tính thời gian*, the return of the result in the published tables) does
        not make the dossier late, however long it takes. It is
        [`finished_at`][tthc.dossiers.steps.StepTrack.finished_at] when every step counts;
        otherwise the last finish of a counted pass, once no counted pass is open and the
        counted steps of the last phase that has any have finished.
        """
        counted = [r for r in self.records if r.is_counted]
        phases = [
            i for i, ph in enumerate(self.process.phases) if any(s.is_counted for s in ph.steps)
        ]
        if len(counted) == len(self.records) or not phases:
            return self.finished_at
        if not counted or any(r.finished_at is None for r in counted):
            return None
        last = phases[-1]
        finished = {
            r.step for r in counted if r.outcome is StepOutcome.FINISHED and r.phase == last
        }
        wanted = {s.name for s in self.process.phases[last].steps if s.is_counted}
        if finished != wanted:
            return None
        return max(r.finished_at for r in counted if r.finished_at is not None)

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
        The dossier's time ends at [`work_finished_at`][tthc.dossiers.steps.StepTrack.work_finished_at]:
        steps whose time is not counted do not count.
        """
        return self._late_by(as_of) > 0

    def _late_by(self, as_of: dt.datetime) -> int:
        """Office µs past the due instant at ``as_of`` (or at the finish), on the desk's hours.

        Office time paused after the due instant is not counted either: a dossier already late
        when it starts waiting for the applicant is no later when the wait ends.
        """
        instant = _v.check_aware("as_of", as_of)
        finished = self.work_finished_at
        end = instant if finished is None or finished > instant else finished
        clock = self._clock(self.desk.agency)
        due = self.due(instant)
        late = clock.position(end) - clock.position(due)
        if late > 0:
            late -= clock.paused_us(due, end, self._spans)
        return late

    def responsible_units(self, as_of: dt.datetime | None = None) -> tuple[HandlingUnit, ...]:
        """The units that held the dossier when its time ran out (at ``due(as_of)``).

        Where several steps were open then (parallel steps), those already over their own budget
        at that instant; if none was, all of them. Steps whose time is not counted are left
        aside.

        Args:
            as_of: The reporting instant, for a pause still open (see
                [`due`][tthc.dossiers.steps.StepTrack.due]); ``None``: ``due_at``.
        """
        due = self.due(as_of)
        held = tuple(r for r in self.open_at(due) if r.is_counted)
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
        due = self.due(as_of)
        return tuple(
            ApologyDuty(
                dossier_code=self.dossier_code,
                unit=unit,
                due_at=due,
                late_by=over,
                text=countdown_text(-over, day=dt.timedelta(microseconds=desk_clock.day_us)),
            )
            for unit in self.responsible_units(as_of)
        )

    def agency_progress(self, as_of: dt.datetime) -> tuple[AgencyProgress, ...]:
        """Each agency's time used against its share of the process (Art. 20(2)), at ``as_of``.

        An agency's share is [`InternalProcess.agency_shares`][tthc.procedures.InternalProcess.agency_shares];
        the time it used is the office time (on its own hours) during which it held at least one
        step of the dossier whose time counts, so steps it holds in parallel count once (and a
        step not counted, which takes no share, takes none of its time either), less the office
        time the dossier was paused meanwhile (waiting for the applicant).

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
            held = sorted(
                (r.started_at, r._end(instant))  # noqa: SLF001
                for r in self.records
                if r.unit.agency == share.agency and r.started_at <= instant and r.is_counted
            )
            joined: list[list[dt.datetime]] = []
            for a, b in held:
                if joined and a <= joined[-1][1]:
                    joined[-1][1] = max(joined[-1][1], b)
                else:
                    joined.append([a, b])
            used = sum(
                clock.position(b) - clock.position(a) - clock.paused_us(a, b, self._spans)
                for a, b in joined
            )
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
        ``due_at`` (seen at ``as_of``, [`StepRecord.due`][tthc.dossiers.steps.StepRecord.due]),
        ``used``, ``paused`` and ``allowed`` (office time, ``timedelta``; ``paused`` is the office
        time the dossier waited for the applicant during the pass, not in ``used``), ``late``. A
        step whose time is not counted has the budget "Không tính thời gian", ``due_at`` and
        ``allowed`` ``None`` and ``late`` false; its ``used`` is measured as for any step.

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
                    "budget": budget_text(r.budget),
                    "due_at": r.due(as_of),
                    "used": r.used(as_of),
                    "paused": r.paused(as_of),
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
            when = r.due(as_of)
            due = "--/-- --:--" if when is None else f"{when:%d/%m %H:%M}"
            lines.append(f"{name:<24} {r.unit!s:<32} {due}  {r.state_text(as_of)}")
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

    def fail(index: int, event: TrackEvent, expected: str) -> InvalidValueError:
        return InvalidValueError(f"StepTrack.events[{index}]", event, expected)

    def open_step(name: str, unit: HandlingUnit, at: dt.datetime, by: str | None) -> None:
        counts[name] = counts.get(name, 0) + 1
        opened[name] = _Open(name, unit, at, counts[name], by)
        last_unit[name] = unit

    paused = False
    for index, event in enumerate(track.events):
        if not isinstance(event, (StepsPaused, StepsResumed)) and event.step not in names:
            raise fail(index, event, f"a step of the process ({', '.join(map(repr, names))})")
        if event.at < previous:
            raise fail(
                index,
                event,
                f"an instant on or after {previous.isoformat()} (events in time order, none "
                "before the receipt)",
            )
        previous = event.at
        if isinstance(event, (StepsPaused, StepsResumed)):
            if isinstance(event, StepsPaused) == paused:
                expected = (
                    "StepsResumed before another StepsPaused (the dossier is paused)"
                    if paused
                    else "StepsPaused before StepsResumed (the dossier is not paused)"
                )
                raise fail(index, event, expected)
            paused = not paused
            continue
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
    spans = _pause_spans(track.events)
    completed = [Pause(start_at=a, end_at=b, reason=r) for a, b, r in spans if b is not None]
    records = []
    for item, end, outcome, returned_to in passes:
        step = names[item.step]
        agency = item.unit.agency
        clock = clocks.get(agency)
        if clock is None:
            clock = clocks[agency] = _clock_for(track, agency)
        due = None
        if step.budget is not None:
            due = due_with_pauses(item.start, step.budget, clock, completed)
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
                _pauses=spans,
            )
        )
    return tuple(records)


def _pause_spans(events: tuple[TrackEvent, ...]) -> _Spans:
    """(paused at, resumed at or ``None``, reason) of each wait, in order (events checked)."""
    out: list[tuple[dt.datetime, dt.datetime | None, str]] = []
    start: StepsPaused | None = None
    for event in events:
        if isinstance(event, StepsPaused):
            start = event
        elif isinstance(event, StepsResumed) and start is not None:
            out.append((start.at, event.at, start.reason))
            start = None
    if start is not None:
        out.append((start.at, None, start.reason))
    return tuple(out)


# --- the processing history as the national sync reports it ------------------------------------
