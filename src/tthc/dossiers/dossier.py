"""Dossiers (*hồ sơ*): their statuses, their history of events, and whether they were on time.

A [`Dossier`][tthc.dossiers.Dossier] is one application for one procedure, tracked the way
one-stop systems and the national public service portal (DVCQG) track it: a status with its
national code ([`DossierStatus`][tthc.dossiers.DossierStatus]), the submission and the official
receipt (two different instants), the due instant computed with
[`compute_deadline`][tthc.deadlines.compute_deadline], and the events that happened to it since
(supplement requested and supplied, payment requested and paid, an apology slip with a new
appointment, resolved, returned, refused, withdrawn, stopped).

Dossiers are immutable. [`Dossier.apply`][tthc.dossiers.Dossier.apply] returns a new dossier with
one more event, or raises [`InvalidTransitionError`][tthc.errors.InvalidTransitionError] and
leaves the old one as it was. Which event may follow which status is data:
[`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS] (and the status graph
[`TRANSITIONS`][tthc.dossiers.TRANSITIONS] derived from it).

[`classify`][tthc.dossiers.classify] says whether a dossier was early, on time or late
([`Timeliness`][tthc.dossiers.Timeliness]), by the rules of Decision 766/QĐ-TTg, indicator 2.1.

This module holds the dossier and ``classify``; the statuses and the lifecycle table are in
``tthc.dossiers.statuses``, the events in ``tthc.dossiers.events`` and the classes of timeliness
with the rule between them in ``tthc.dossiers.timeliness`` (all re-exported by
[`tthc.dossiers`][tthc.dossiers]). It stays whole past 800 lines because two thirds of it is the
one `Dossier` class (its lifecycle, deadlines and rules read off one event list), which has no
seam to cut along; what could leave it already has.

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> from tthc.durations import Duration
    >>> from tthc.dossiers.events import Resolved
    >>> from tthc.procedures import Channel
    >>> def at(day, hour):
    ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
    >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
    ...             channel=Channel.IN_PERSON, submitted_at=at(2, 9), received_at=at(2, 9),
    ...             processing_time=Duration.working_days(3))
    >>> d
    <Dossier 000.00.10.H26-260302-00001 status=RECEIVED events=0>
    >>> d.due_at.isoformat()
    '2026-03-05T09:00:00+07:00'
    >>> done = d.apply(Resolved(at=at(4, 15))).apply(Returned(at=at(5, 8)))
    >>> done, done.finished_at.isoformat()
    (<Dossier 000.00.10.H26-260302-00001 status=RETURNED events=2>, '2026-03-04T15:00:00+07:00')
    >>> classify(done)
    <Timeliness.EARLY: 'early'>
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.calendar._core import WorkingCalendar
from tthc.deadlines import VN_TZ, Deadline, DeadlinePolicy, Pause, Reschedule, compute_deadline
from tthc.deadlines.rules import Form, RuleSet, Supplement, legal_deadline, ruleset_for
from tthc.dossiers.events import (
    Closed,
    DossierEvent,
    Received,
    Refused,
    Rescheduled,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
)
from tthc.dossiers.statuses import END_OF_PROCESSING, EVENT_TRANSITIONS, DossierStatus
from tthc.dossiers.timeliness import Granularity, Timeliness, _judge
from tthc.durations import Duration
from tthc.errors import InvalidTransitionError, InvalidValueError, TthcError
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["DOSSIER_CODE_PATTERN", "FORM_ROLES", "Dossier", "classify"]

FORM_ROLES: Final[Mapping[type[DossierEvent], str]] = types.MappingProxyType(
    {
        Received: "receipt",
        SupplementRequested: "supplement_request",
        Refused: "refusal",
        Rescheduled: "apology",
        Stopped: "stop_notice",
        Closed: "stop_notice",
    }
)
"""The form (*biểu mẫu*) that goes with each event, by its role in a rule set's forms
([`RuleSet.form`][tthc.deadlines.rules.RuleSet.form]): the receipt and appointment slip, the
supplement request, the refusal, the apology letter, the stop notice. Which circular's form
that is depends on the rule set in force ([`Dossier.form_for`][tthc.dossiers.Dossier.form_for]);
that a stop or a close goes with form No. 05 of Circular 03/2025/TT-VPCP is the library's
reading of its title, "Thông báo dừng giải quyết hồ sơ".
"""

_S = DossierStatus


def _moves_of(event: DossierEvent) -> Mapping[DossierStatus, DossierStatus]:
    for cls in type(event).__mro__:
        moves = EVENT_TRANSITIONS.get(cls)
        if moves is not None:
            return moves
    raise InvalidValueError(
        "Dossier.apply(event)",
        event,
        "one of the events " + ", ".join(c.__name__ for c in EVENT_TRANSITIONS),
    )


def _refusal(current: DossierStatus, event: DossierEvent) -> InvalidTransitionError:
    moves = _moves_of(event)
    targets = set(moves.values())
    requested = targets.pop() if len(targets) == 1 else current
    error = InvalidTransitionError(current, requested)
    allowed = ", ".join(s.name for s in moves)
    error.add_note(f"{type(event).__name__} is allowed only in status {allowed}")
    return error


# --- the dossier --------------------------------------------------------------------------------

DOSSIER_CODE_PATTERN: Final = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*-[0-9]{6}-[0-9]{4,6}")
"""The format of a dossier code (*mã hồ sơ*): the receiving agency's identifier code, the day as
``yyMMdd`` and a sequence number, such as ``000.00.10.H26-240101-00001``. The TH-repo writes
five digits; four to six are accepted, since counters differ between one-stop systems
(inferred). The code is otherwise opaque (research notes ``vn_legal.md`` §2.2).
"""


def _check_code(instance: object, attribute: Any, value: str) -> None:
    if type(value) is not str or not DOSSIER_CODE_PATTERN.fullmatch(value):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a dossier code like '000.00.10.H26-240101-00001' (agency code-yyMMdd-number)",
        )


def _check_procedure_code(instance: object, attribute: Any, value: str) -> None:
    if type(value) is not str or not CODE_PATTERN.fullmatch(value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a procedure code like '1.001193'"
        )


_check_calendar = _v.optional_instance(
    WorkingCalendar, "a WorkingCalendar or None (the Vietnamese calendar)"
)
_check_duration = _v.optional_instance(Duration, "a Duration or None")


def _check_policy(instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, DeadlinePolicy):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a DeadlinePolicy")


def _event_tuple(values: Iterable[DossierEvent]) -> tuple[DossierEvent, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class Dossier:
    """A dossier (*hồ sơ thủ tục hành chính*) for one procedure, with its history of events.

    A dossier starts **submitted** (status 1) when ``received_at`` is ``None``, or **received**
    (status 2) when it is given; every event after that is in ``events``, in time order, and
    its status is where those events lead ([`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS]).
    A submitted dossier is received by applying [`Received`][tthc.dossiers.Received].

    The due instant ([`due_at`][tthc.dossiers.Dossier.due_at]) is computed from the receipt and
    the processing time with ``calendar`` and ``policy``, the time waiting for supplements left
    out: the instant Decision 766 indicator 2.1 judges against (also
    [`timeliness_due_at`][tthc.dossiers.Dossier.timeliness_due_at]). A dossier read from the
    national sync, whose processing time is not in the payload, carries the due instant the
    agency's system recorded instead (``stated_due_at``).

    The one-stop rules are those in force on the receipt day
    ([`rules`][tthc.dossiers.Dossier.rules]: Decree 61/2018 before 1/7/2025, Decree 118/2025 from
    then on), unless ``ruleset`` pins a set. Under Decree 118/2025 a supplement requested after
    appraisal restarts the legal clock: [`legal_due_at`][tthc.dossiers.Dossier.legal_due_at] is
    the legal due instant, beside the paused one above. Events that break a one-stop rule (a
    second supplement request, a late or second apology) are recorded like any other, and
    [`check_dossier`][tthc.dossiers.obligations.check_dossier] reports them as findings with the
    rule and its article; only an event the status does not allow is refused.

    Attributes:
        code: The dossier code (*mã hồ sơ*), checked against
            [`DOSSIER_CODE_PATTERN`][tthc.dossiers.DOSSIER_CODE_PATTERN], otherwise opaque.
        procedure_code: The procedure's code (*mã thủ tục*), such as ``1.001193``.
        case: The procedure's case (*trường hợp*) the dossier falls under, or ``None``.
        channel: How it was submitted (in person, online, public postal service).
        applicant_type: The kind of applicant (``LoaiDoiTuong``), or ``None`` when not known.
        agency: The handling unit (*đơn vị xử lý*), as text, or ``None``.
        submitted_at: When the applicant submitted it (*ngày nộp hồ sơ*, ``NgayNopHoSo``).
        received_at: When it was officially received (*ngày tiếp nhận*, ``NgayTiepNhan``), or
            ``None`` while it is only submitted.
        processing_time: The time limit of the procedure for this case and channel.
        stated_due_at: A due instant recorded by the agency's system (``NgayHenTra``), used
            as it is instead of computing one; it is taken to include supplement waiting
            already, as one-stop systems move it when a supplement comes in (TH-repo,
            ``vn_legal.md`` §1.9).
        calendar: The working calendar (``None``: the Vietnamese public-sector calendar).
        policy: How the processing time is counted (default: working time).
        events: What happened since the submission or the receipt, in time order.
        ruleset: A one-stop rule set to apply instead of the one in force on the receipt day
            (not data: like ``calendar`` and ``policy``, not written by the file formats).

    Raises:
        InvalidValueError: A bad field; a receipt before the submission; a received dossier
            with neither ``processing_time`` nor ``stated_due_at``; events out of time order,
            or an event that may not follow the status reached before it (``field`` names the
            event: ``Dossier.events[3]``).

    References:
        DVCQG dossier sync ``DongBoHoSoMC`` (research notes ``vn_legal.md`` §2.2) and the
        lifecycle of §2.1; the model sketch of §8.2.
    """

    code: str = attrs.field(validator=_check_code)
    procedure_code: str = attrs.field(validator=_check_procedure_code)
    case: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional(_v.non_blank)
    )
    channel: Channel = attrs.field(validator=_v.member_of(Channel))
    applicant_type: ApplicantType | None = attrs.field(
        default=None, validator=_v.optional_member(ApplicantType)
    )
    agency: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional(_v.non_blank)
    )
    submitted_at: dt.datetime = attrs.field(validator=_v.aware)
    received_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    processing_time: Duration | None = attrs.field(default=None, validator=_check_duration)
    stated_due_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    calendar: WorkingCalendar | None = attrs.field(
        default=None, eq=False, validator=_check_calendar
    )
    policy: DeadlinePolicy = attrs.field(factory=DeadlinePolicy, validator=_check_policy)
    events: tuple[DossierEvent, ...] = attrs.field(default=(), converter=_event_tuple)
    ruleset: RuleSet | None = attrs.field(
        default=None, validator=_v.optional_instance(RuleSet, "a tthc.deadlines.RuleSet or None")
    )

    @events.validator
    def _check_events(self, _attribute: Any, value: tuple[DossierEvent, ...]) -> None:
        received = self.received_at
        if received is not None and received < self.submitted_at:
            raise InvalidValueError(
                "Dossier.received_at",
                received,
                f"an instant on or after submitted_at ({self.submitted_at.isoformat()})",
            )
        if received is not None and self.processing_time is None and self.stated_due_at is None:
            raise InvalidValueError(
                "Dossier.processing_time",
                None,
                "a Duration (or a stated_due_at) for a received dossier",
            )
        receipts = [e for e in value if isinstance(e, Received)]
        if receipts and receipts[0].at != received:
            raise InvalidValueError(
                "Dossier.received_at",
                received,
                f"the instant of the Received event ({receipts[0].at.isoformat()})",
            )
        status = DossierStatus.SUBMITTED if received is None or receipts else _S.RECEIVED
        last = self.submitted_at if status is _S.SUBMITTED else received
        for i, event in enumerate(value):
            where = f"Dossier.events[{i}]"
            if not isinstance(event, DossierEvent):
                raise InvalidValueError(where, event, "a dossier event (Received, Resolved, …)")
            nxt = _moves_of(event).get(status)
            if nxt is None:
                allowed = ", ".join(type(e).__name__ for e in _allowed_after(status)) or "none"
                raise InvalidValueError(
                    where, event, f"an event allowed in status {status.name} ({allowed})"
                )
            if last is not None and event.at < last:
                raise InvalidValueError(
                    where, event, f"an event at or after {last.isoformat()} (events in time order)"
                )
            status, last = nxt, event.at

    def __repr__(self) -> str:
        return f"<Dossier {self.code} status={self.status.name} events={len(self.events)}>"

    # --- the lifecycle --------------------------------------------------------------------------

    def apply(self, event: DossierEvent) -> Dossier:
        """Return the dossier with ``event`` appended; ``self`` is never changed.

        Args:
            event: What happened, no earlier than the dossier's last event.

        Returns:
            A new dossier (applying [`Received`][tthc.dossiers.Received] also sets
            ``received_at``).

        Raises:
            InvalidTransitionError: The event may not follow the current status
                (``.current`` and ``.requested`` name both statuses; a note says where the
                event is allowed).
            InvalidValueError: Not an event, or an event earlier than the last one.

        Examples:
            >>> import datetime as dt
            >>> from tthc.deadlines import VN_TZ
            >>> from tthc.durations import Duration
            >>> from tthc.procedures import Channel
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
            >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
            ...             channel=Channel.ONLINE, submitted_at=t, received_at=t,
            ...             processing_time=Duration.working_days(3))
            >>> try:
            ...     d.apply(SupplementSupplied(at=t))
            ... except InvalidTransitionError as err:
            ...     print(err)
            ...     print(*err.__notes__)
            a dossier in status <DossierStatus.RECEIVED: 2> cannot move to <DossierStatus.PROCESSING: 4>
            SupplementSupplied is allowed only in status SUPPLEMENT_REQUESTED
            >>> d.status
            <DossierStatus.RECEIVED: 2>
        """
        return self.apply_all((event,))

    def apply_all(self, events: Iterable[DossierEvent]) -> Dossier:
        """Apply several events in order; nothing is kept if one of them is refused.

        Each event is checked against the status and the instant the ones before it lead to,
        then the new dossier is built once: the time taken grows with the number of events
        (applying them one by one rebuilt and checked the whole history each time).

        Raises:
            InvalidTransitionError: As [`apply`][tthc.dossiers.Dossier.apply].
            InvalidValueError: As [`apply`][tthc.dossiers.Dossier.apply].
        """
        status, last, received = self.status, self.last_event_at, self.received_at
        added: list[DossierEvent] = []
        for event in events:
            if not isinstance(event, DossierEvent):
                raise InvalidValueError(
                    "Dossier.apply(event)", event, "a dossier event (Received, Resolved, …)"
                )
            nxt = _moves_of(event).get(status)
            if nxt is None:
                raise _refusal(status, event)
            if event.at < last:
                raise InvalidValueError(
                    "Dossier.apply(event)",
                    event,
                    f"an event at or after the dossier's last event ({last.isoformat()})",
                )
            if isinstance(event, Received):
                received = event.at
            added.append(event)
            status, last = nxt, event.at
        if not added:
            return self
        return attrs.evolve(self, received_at=received, events=(*self.events, *added))

    def as_of(self, instant: dt.datetime) -> Dossier:
        """Return the dossier as it was at ``instant``: later events (and a later receipt) left out.

        Raises:
            InvalidValueError: ``instant`` is naive, or before the submission.
        """
        instant = _v.check_aware("Dossier.as_of(instant)", instant)
        if instant < self.submitted_at:
            raise InvalidValueError(
                "Dossier.as_of(instant)",
                instant,
                f"an instant on or after submitted_at ({self.submitted_at.isoformat()})",
            )
        events = tuple(e for e in self.events if e.at <= instant)
        received = self.received_at
        if received is not None and received > instant:
            received = None
        if received == self.received_at and len(events) == len(self.events):
            return self
        return attrs.evolve(self, received_at=received, events=events)

    @functools.cached_property
    def _statuses(self) -> tuple[DossierStatus, ...]:
        """The status at creation, then after each event."""
        received = self.received_at
        has_receipt_event = any(isinstance(e, Received) for e in self.events)
        status = _S.SUBMITTED if received is None or has_receipt_event else _S.RECEIVED
        out = [status]
        for event in self.events:
            status = _moves_of(event)[status]
            out.append(status)
        return tuple(out)

    @property
    def status(self) -> DossierStatus:
        """The current status (*trạng thái hồ sơ*), where the events lead."""
        return self._statuses[-1]

    @property
    def is_received(self) -> bool:
        """Whether the dossier was officially received."""
        return self.received_at is not None

    @property
    def last_event_at(self) -> dt.datetime:
        """The instant of the last event (or of the receipt, or of the submission)."""
        if self.events:
            return self.events[-1].at
        return self.received_at if self.received_at is not None else self.submitted_at

    @property
    def finished_at(self) -> dt.datetime | None:
        """The end of processing (*ngày kết thúc xử lý*, ``NgayKetThucXuLy``), or ``None``.

        It is the instant of the first status that ends processing (refused, withdrawn,
        stopped, resolved, returned); since a result is returned only after it is resolved,
        "resolved" wins over "returned". A dossier that was never received has none: it was
        never processed.

        References:
            Decision 766/QĐ-TTg technical formula document, indicator 2.1 (research notes
            ``vn_legal.md`` §2.3, CONFIRMED (secondary)).
        """
        if self.received_at is None:
            return None
        for event, status in zip(self.events, self._statuses[1:], strict=True):
            if status in END_OF_PROCESSING:
                return event.at
        return None

    @property
    def is_finished(self) -> bool:
        """Whether processing has ended (see [`finished_at`][tthc.dossiers.Dossier.finished_at])."""
        return self.finished_at is not None

    @property
    def returned_at(self) -> dt.datetime | None:
        """When the result was handed over (*ngày trả kết quả*, ``NgayTra``), or ``None``."""
        for event in self.events:
            if isinstance(event, Returned):
                return event.at
        return None

    # --- the clock ------------------------------------------------------------------------------

    @property
    def supplement_requests(self) -> int:
        """How many times a supplement was requested (Decision 766: more than one is late)."""
        return sum(isinstance(e, SupplementRequested) for e in self.events)

    @functools.cached_property
    def pauses(self) -> tuple[Pause, ...]:
        """The completed supplement waits, each from the request to the supplement.

        Their time is not counted (Decision 766/QĐ-TTg technical formula document, indicator
        2.1). A request still open is [`waiting_since`][tthc.dossiers.Dossier.waiting_since].
        """
        out = []
        start: SupplementRequested | None = None
        for event in self.events:
            if isinstance(event, SupplementRequested):
                start = event
            elif isinstance(event, SupplementSupplied) and start is not None:
                out.append(Pause(start_at=start.at, end_at=event.at, reason=start.note or ""))
                start = None
        return tuple(out)

    @property
    def waiting_since(self) -> dt.datetime | None:
        """When the open supplement request was made, while the status is SUPPLEMENT_REQUESTED."""
        if self.status is not _S.SUPPLEMENT_REQUESTED:
            return None
        for event in reversed(self.events):
            if isinstance(event, SupplementRequested):
                return event.at
        return None  # pragma: no cover - status 5 always follows a request

    @functools.cached_property
    def reschedules(self) -> tuple[Reschedule, ...]:
        """The new appointments given on apology slips, in order."""
        return tuple(
            Reschedule(issued_at=e.at, new_due_at=e.new_due_at, reason=e.reason)
            for e in self.events
            if isinstance(e, Rescheduled)
        )

    @functools.cached_property
    def deadline(self) -> Deadline | None:
        """The computed [`Deadline`][tthc.deadlines.Deadline] (with pauses), or ``None``.

        ``None`` when the dossier is not received or has no ``processing_time``.

        Raises:
            OutOfCalendarRangeError: The dates are outside the calendar's years.
        """
        if self.received_at is None or self.processing_time is None:
            return None
        return compute_deadline(
            self.received_at,
            self.processing_time,
            calendar=self.calendar,
            policy=self.policy,
            pauses=self.pauses,
            reschedules=self.reschedules,
        )

    @property
    def due_at(self) -> dt.datetime | None:
        """The due instant timeliness is judged against (*hạn giải quyết*), or ``None``.

        It is ``stated_due_at`` when given, else computed from the receipt and the processing
        time, moved by the completed supplement waits. An apology slip does not move it
        (its new appointment is [`appointment_at`][tthc.dossiers.Dossier.appointment_at]).
        ``None`` while the dossier is not received.
        """
        if self.received_at is None:
            return None
        if self.stated_due_at is not None:
            return self.stated_due_at
        deadline = self.deadline
        return None if deadline is None else deadline.due_at

    @property
    def timeliness_due_at(self) -> dt.datetime | None:
        """The instant Decision 766 indicator 2.1 judges the dossier against: ``due_at``.

        The supplement waits are paused, not restarted; compare
        [`legal_due_at`][tthc.dossiers.Dossier.legal_due_at].
        """
        return self.due_at

    @functools.cached_property
    def rules(self) -> RuleSet | None:
        """The one-stop rule set applied: ``ruleset`` if pinned, else the one in force.

        The set in force on the receipt day (the submission day while not received), chosen by
        [`ruleset_for`][tthc.deadlines.rules.ruleset_for]; ``None`` for a day no shipped set
        covers (before 23/4/2018).
        """
        if self.ruleset is not None:
            return self.ruleset
        try:
            return ruleset_for(self.received_at or self.submitted_at)
        except TthcError:
            return None

    @functools.cached_property
    def supplements(self) -> tuple[Supplement, ...]:
        """The supplement requests with their answers, in order (the last may be awaited).

        Every [`SupplementRequested`][tthc.dossiers.SupplementRequested] of a received dossier
        is read as a request after appraisal (Decree 118/2025 Art. 19(5)).
        """
        out: list[Supplement] = []
        open_at: dt.datetime | None = None
        for event in self.events:
            if isinstance(event, SupplementRequested) and open_at is None:
                open_at = event.at
            elif isinstance(event, SupplementSupplied) and open_at is not None:
                out.append(Supplement(requested_at=open_at, supplied_at=event.at))
                open_at = None
        if open_at is not None:
            out.append(Supplement(requested_at=open_at))
        return tuple(out)

    @functools.cached_property
    def legal_deadline(self) -> Deadline | None:
        """The legal [`Deadline`][tthc.deadlines.Deadline] under the dossier's rule set, naming it.

        [`legal_deadline`][tthc.deadlines.rules.legal_deadline] with the receipt, the processing
        time and the supplements. ``None`` when the dossier is not received, has no
        ``processing_time``, no rule set covers its receipt day, or a supplement is awaited.

        Raises:
            OutOfCalendarRangeError: The dates are outside the calendar's years.
        """
        rules = self.rules
        if self.received_at is None or self.processing_time is None or rules is None:
            return None
        return legal_deadline(
            self.received_at,
            self.processing_time,
            supplements=self.supplements,
            ruleset=rules,
            calendar=self.calendar,
            policy=self.policy,
            reschedules=self.reschedules,
        )

    @property
    def legal_due_at(self) -> dt.datetime | None:
        """The legal due instant (*thời hạn giải quyết theo quy định*), or ``None``.

        Under Decree 118/2025 Art. 19(5) the processing time counts again from the start once
        the complete dossier is received after a supplement request: this instant is then
        later than [`timeliness_due_at`][tthc.dossiers.Dossier.timeliness_due_at], which pauses.
        Without a supplement both agree. A dossier with only a ``stated_due_at`` has that
        instant while no supplement was requested. ``None`` while not received, while a
        supplement is awaited, or when no rule set covers the receipt day.

        Examples:
            >>> import datetime as dt
            >>> from tthc.deadlines import VN_TZ
            >>> from tthc.durations import Duration
            >>> from tthc.dossiers.events import SupplementRequested, SupplementSupplied
            >>> from tthc.procedures import Channel
            >>> def at(day, hour):
            ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
            >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
            ...             channel=Channel.ONLINE, submitted_at=at(2, 9), received_at=at(2, 9),
            ...             processing_time=Duration.working_days(5))
            >>> d = d.apply_all([SupplementRequested(at=at(3, 9)), SupplementSupplied(at=at(5, 9))])
            >>> d.rules.name, d.legal_due_at.isoformat(), d.timeliness_due_at.isoformat()
            ('nd118_2025', '2026-03-12T09:00:00+07:00', '2026-03-11T09:00:00+07:00')
        """
        if self.received_at is None:
            return None
        if self.processing_time is None:
            return None if self.supplement_requests else self.stated_due_at
        found = self.legal_deadline
        return None if found is None else found.due_at

    @property
    def closed_at(self) -> dt.datetime | None:
        """When the desk closed the dossier for a missing supplement ([`Closed`][tthc.dossiers.Closed]), or ``None``."""
        for event in self.events:
            if isinstance(event, Closed):
                return event.at
        return None

    def form_for(self, event: DossierEvent) -> Form | None:
        """Return the form that goes with ``event`` under the dossier's rule set, or ``None``.

        The apology letter is form No. 04 of Circular 03/2025/TT-VPCP for a dossier received
        from 1/7/2025, of Circular 01/2018/TT-VPCP before; the stop notice (form No. 05) exists
        only in the 2025 set. See [`FORM_ROLES`][tthc.dossiers.dossier.FORM_ROLES].

        Examples:
            >>> import datetime as dt
            >>> from tthc.deadlines import VN_TZ
            >>> from tthc.durations import Duration
            >>> from tthc.dossiers.events import Rescheduled
            >>> from tthc.procedures import Channel
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
            >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
            ...             channel=Channel.ONLINE, submitted_at=t, received_at=t,
            ...             processing_time=Duration.working_days(5))
            >>> slip = Rescheduled(at=t, new_due_at=t + dt.timedelta(days=9), reason="x")
            >>> d.form_for(slip).citation
            'Thông tư 03/2025/TT-VPCP, mẫu số 04'
        """
        role = next((r for cls, r in FORM_ROLES.items() if isinstance(event, cls)), None)
        rules = self.rules
        if role is None or rules is None:
            return None
        return next((f for f in rules.forms if f.role == role), None)

    @property
    def original_due_at(self) -> dt.datetime | None:
        """The due instant before any new appointment: the same as ``due_at``.

        Named for the contrast with [`appointment_at`][tthc.dossiers.Dossier.appointment_at]:
        a rescheduled dossier is judged against this one.
        """
        return self.due_at

    @property
    def appointment_at(self) -> dt.datetime | None:
        """The appointment to tell the applicant: the last apology slip's, else ``due_at``."""
        reschedules = self.reschedules
        return reschedules[-1].new_due_at if reschedules else self.due_at

    def classify(
        self, as_of: dt.datetime | None = None, *, granularity: Granularity = "date"
    ) -> Timeliness | None:
        """Return [`classify(self, as_of, granularity=...)`][tthc.dossiers.classify]."""
        return classify(self, as_of, granularity=granularity)

    def timeline(self) -> str:
        """Return the history as lines: the instant (Vietnam time), the event and the status.

        Examples:
            >>> import datetime as dt
            >>> from tthc.deadlines import VN_TZ
            >>> from tthc.durations import Duration
            >>> from tthc.procedures import Channel
            >>> t = dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
            >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
            ...             channel=Channel.ONLINE, submitted_at=t,
            ...             processing_time=Duration.working_days(3))
            >>> print(d.apply(Received(at=t + dt.timedelta(hours=1))).timeline())
            02/03/2026 09:00  submitted             -> SUBMITTED
            02/03/2026 10:00  received              -> RECEIVED
        """
        lines = [f"{_vn(self.submitted_at):%d/%m/%Y %H:%M}  {'submitted':<20}  -> SUBMITTED"]
        statuses = self._statuses
        if self.received_at is not None and statuses[0] is _S.RECEIVED:
            lines.append(f"{_vn(self.received_at):%d/%m/%Y %H:%M}  {'received':<20}  -> RECEIVED")
        for event, status in zip(self.events, statuses[1:], strict=True):
            text = f"{_vn(event.at):%d/%m/%Y %H:%M}  {event.kind:<20}  -> {status.name}"
            if isinstance(event, Rescheduled):
                text += f" (new appointment {_vn(event.new_due_at):%d/%m/%Y %H:%M})"
            if event.note:
                text += f": {event.note}"
            lines.append(text)
        return "\n".join(lines)


def _vn(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(VN_TZ)


@functools.cache
def _allowed_after(status: DossierStatus) -> tuple[type[DossierEvent], ...]:
    return tuple(cls for cls, moves in EVENT_TRANSITIONS.items() if status in moves)


def classify(
    dossier: Dossier, as_of: dt.datetime | None = None, *, granularity: Granularity = "date"
) -> Timeliness | None:
    """Classify a dossier as early, on time, late, within time or overdue (*đánh giá tiến độ*).

    The rules (Decision 766/QĐ-TTg technical formula document, indicator 2.1):

    1. The end of processing is the first status that ends it
       ([`Dossier.finished_at`][tthc.dossiers.Dossier.finished_at]); it is compared with the due
       date: before it is **early**, on it **on time**, after it **late**.
    2. The time waiting for a supplement does not count: the due instant is moved by every
       completed wait ([`Dossier.due_at`][tthc.dossiers.Dossier.due_at] is computed with the
       pauses).
    3. A dossier whose supplement was requested **more than once** is late (overdue while
       unfinished), whatever the dates: "yêu cầu bổ sung hơn 01 lần thì tính quá hạn"
       (CONFIRMED (secondary): the formula document as transcribed in a public repository).
    4. A rescheduled dossier (apology slip) is judged against its original due instant, not the
       new appointment.
    5. A dossier not finished at ``as_of`` is **within time** if ``as_of`` is on or before the
       due date, else **overdue**; while it waits for a supplement, the request instant stands
       for ``as_of`` ("the time of the supplement request counts as the end of processing").

    A dossier never received (still submitted, refused at reception, withdrawn before receipt),
    or received after ``as_of``, is **not classified**: ``None``. Decision 766 counts dossiers
    "received or handled in the period", and these were neither.

    Args:
        dossier: The dossier.
        as_of: The reporting instant (the end of the period). The dossier is first taken as it
            was then ([`Dossier.as_of`][tthc.dossiers.Dossier.as_of]): a dossier finished later
            is unfinished at ``as_of``. Required when the dossier is not finished.
        granularity: ``"date"`` (the default, as the national reports: days in Vietnam time; a
            due instant at 24:00 belongs to the day before) or ``"instant"``.

    Returns:
        The class, or ``None`` for a dossier that is not classified.

    Raises:
        InvalidValueError: ``as_of`` is missing for an unfinished dossier, or naive; a bad
            ``granularity``; ``dossier`` is not a Dossier.
        OutOfCalendarRangeError: The due instant cannot be computed in the calendar's years.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> from tthc.durations import Duration
        >>> from tthc.dossiers.events import Resolved
        >>> from tthc.procedures import Channel
        >>> def at(day, hour):
        ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
        >>> d = Dossier(code="000.00.10.H26-260302-00001", procedure_code="1.000000",
        ...             channel=Channel.ONLINE, submitted_at=at(2, 9), received_at=at(2, 9),
        ...             processing_time=Duration.working_days(2))      # due Wed 4/3 09:00
        >>> classify(d.apply(Resolved(at=at(4, 16))))
        <Timeliness.ON_TIME: 'on_time'>
        >>> classify(d.apply(Resolved(at=at(4, 16))), granularity="instant")
        <Timeliness.LATE: 'late'>
        >>> classify(d, as_of=at(5, 8))
        <Timeliness.OVERDUE: 'overdue'>

    References:
        Research notes ``vn_legal.md`` §1.9 (supplement time, more than one request),
        §1.10 (apology slips), §2.3 (end of processing, date granularity, unfinished
        dossiers).
    """
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("classify(dossier)", dossier, "a Dossier")
    if granularity not in {"date", "instant"}:
        raise InvalidValueError("classify(granularity)", granularity, "'date' or 'instant'")
    if as_of is not None:
        as_of = _v.check_aware("classify(as_of)", as_of)
        if as_of < dossier.submitted_at:
            return None
        dossier = dossier.as_of(as_of)
    if dossier.received_at is None:
        return None
    due = dossier.due_at
    if due is None:  # pragma: no cover - the validator requires a way to the due instant
        raise InvalidValueError("classify(dossier)", dossier, "a dossier with a due instant")
    end = dossier.finished_at
    finished = end is not None
    if end is None:
        if as_of is None:
            raise InvalidValueError(
                "classify(as_of)",
                None,
                f"a reporting instant (aware datetime): {dossier.code} is not finished",
            )
        end = dossier.waiting_since or as_of
    return _judge(
        end,
        due,
        finished=finished,
        supplement_requests=dossier.supplement_requests,
        granularity=granularity,
    )
