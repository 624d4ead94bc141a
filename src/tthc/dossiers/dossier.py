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

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> from tthc.durations import Duration
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
import enum
import functools
import re
import types
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

import attrs

from tthc import _validators as _v
from tthc.calendar._core import WorkingCalendar
from tthc.deadlines.compute import (
    VN_TZ,
    Deadline,
    DeadlinePolicy,
    Pause,
    Reschedule,
    _check_aware,
    _local_us,
    compute_deadline,
)
from tthc.durations import Duration
from tthc.errors import InvalidTransitionError, InvalidValueError
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "DOSSIER_CODE_PATTERN",
    "END_OF_PROCESSING",
    "EVENT_TRANSITIONS",
    "TRANSITIONS",
    "Dossier",
    "DossierEvent",
    "DossierStatus",
    "Granularity",
    "Paid",
    "PaymentRequested",
    "ProcessingStarted",
    "Received",
    "Refused",
    "Rescheduled",
    "Resolved",
    "Returned",
    "Stopped",
    "SupplementRequested",
    "SupplementSupplied",
    "Timeliness",
    "Withdrawn",
    "classify",
]

_US_PER_DAY: Final = 86_400_000_000

# --- statuses ----------------------------------------------------------------------------------


class DossierStatus(enum.IntEnum):
    """The status of a dossier (*trạng thái hồ sơ*), with its national code (``TrangThaiHoSo``).

    The codes are those the national public service portal (DVCQG) receives in the dossier sync
    (``DongBoHoSoMC``). The Vietnamese text is [`label`][tthc.dossiers.DossierStatus.label].

    Examples:
        >>> DossierStatus(4)
        <DossierStatus.PROCESSING: 4>
        >>> DossierStatus.SUPPLEMENT_REQUESTED.label
        'Yêu cầu bổ sung giấy tờ'
        >>> DossierStatus.RESOLVED.ends_processing, DossierStatus.RESOLVED.is_final
        (True, False)

    References:
        DVCQG numeric status ``TrangThaiHoSo`` 1–10 (CONFIRMED from two production systems and
        the DVCQG string-code mapping; research notes ``vn_legal.md`` §2.1).
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: *Mới đăng ký / chờ tiếp nhận*: submitted, not received yet (DVCQG ``receiving``).
    SUBMITTED = 1
    #: *Được tiếp nhận*: officially received (``new``).
    RECEIVED = 2
    #: *Không được tiếp nhận*: refused (``denied``).
    REFUSED = 3
    #: *Đang xử lý*: being processed (``processing``).
    PROCESSING = 4
    #: *Yêu cầu bổ sung giấy tờ*: a supplement was requested; the clock is paused (``waiting``).
    SUPPLEMENT_REQUESTED = 5
    #: *Yêu cầu thực hiện nghĩa vụ tài chính*: the applicant must pay (``paying``).
    PAYMENT_REQUESTED = 6
    #: *Công dân yêu cầu rút hồ sơ*: withdrawn at the applicant's request (``cancelled``).
    WITHDRAWN = 7
    #: *Dừng xử lý*: processing stopped, the dossier cannot be resolved (``unresolved``).
    STOPPED = 8
    #: *Đã xử lý xong*: resolved, the result is ready (``releasing``).
    RESOLVED = 9
    #: *Đã trả kết quả*: the result was handed over (``done``).
    RETURNED = 10

    @property
    def label(self) -> str:
        """The Vietnamese name of the status, as one-stop systems show it."""
        return _STATUS_LABELS[self]

    @property
    def ends_processing(self) -> bool:
        """Whether reaching this status ends processing (refused, withdrawn, stopped, resolved, returned).

        The first such status of a received dossier is its end of processing
        (*ngày kết thúc xử lý*, ``NgayKetThucXuLy``); see
        [`Dossier.finished_at`][tthc.dossiers.Dossier.finished_at].
        """
        return self in END_OF_PROCESSING

    @property
    def is_final(self) -> bool:
        """Whether no event can follow this status (every end of processing but RESOLVED)."""
        return not TRANSITIONS[self]


_STATUS_LABELS: Final = {
    # "newly registered / awaiting receipt"
    DossierStatus.SUBMITTED: "Mới đăng ký",
    # "received"
    DossierStatus.RECEIVED: "Được tiếp nhận",
    # "not received": refused
    DossierStatus.REFUSED: "Không được tiếp nhận",
    # "being processed"
    DossierStatus.PROCESSING: "Đang xử lý",
    # "supplement of documents requested"
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    # "financial obligations requested"
    DossierStatus.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    # "the citizen asks to withdraw the dossier"
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    # "processing stopped"
    DossierStatus.STOPPED: "Dừng xử lý",
    # "processing finished"
    DossierStatus.RESOLVED: "Đã xử lý xong",
    # result returned (to the applicant)
    DossierStatus.RETURNED: "Đã trả kết quả",
}

END_OF_PROCESSING: Final = frozenset(
    {
        DossierStatus.REFUSED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RESOLVED,
        DossierStatus.RETURNED,
    }
)
"""The statuses that end processing (Decision 766 technical formula document, indicator 2.1:
"the time of the first terminal status: refused, stopped, resolved, result returned or
withdrawn"; research notes ``vn_legal.md`` §2.3, CONFIRMED (secondary)).
"""

# --- events ------------------------------------------------------------------------------------


def _aware(instance: object, attribute: Any, value: Any) -> None:
    _check_aware(f"{type(instance).__name__}.{attribute.name}", value)


def _optional_text(instance: object, attribute: Any, value: str | None) -> None:
    if value is not None:
        _v.non_blank(instance, attribute, value)


def _optional_nfc(value: str | None) -> str | None:
    return None if value is None else _v.nfc(value)


@attrs.frozen(kw_only=True)
class DossierEvent:
    """Something that happened to a dossier (*sự kiện trong quá trình giải quyết hồ sơ*).

    The base of every event; use the concrete events ([`Received`][tthc.dossiers.Received],
    [`SupplementRequested`][tthc.dossiers.SupplementRequested], …). Which status each event may
    follow, and the status it leads to, is in
    [`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS].

    Attributes:
        at: When it happened (an aware datetime; naive ones are refused).
        note: Free text (the content of a supplement request, a reason), or ``None``.
        actor: Who did it (an official, a unit), or ``None``.
    """

    #: The tag of the event in `tthc`'s JSON format.
    kind: ClassVar[str] = "event"

    at: dt.datetime = attrs.field(validator=_aware)
    note: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)
    actor: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )


@attrs.frozen(kw_only=True)
class Received(DossierEvent):
    """The official receipt (*tiếp nhận hồ sơ*) of a submitted dossier: the clock starts.

    Applying it to a dossier that was only submitted sets the dossier's ``received_at``.
    """

    kind: ClassVar[str] = "received"


@attrs.frozen(kw_only=True)
class ProcessingStarted(DossierEvent):
    """The dossier is handed to the processing unit (*chuyển xử lý*): status PROCESSING."""

    kind: ClassVar[str] = "processing_started"


@attrs.frozen(kw_only=True)
class SupplementRequested(DossierEvent):
    """A request to supplement the dossier (*yêu cầu bổ sung, hoàn thiện hồ sơ*): the clock stops.

    References:
        Circular 01/2018/TT-VPCP, form No. 02; Decision 766/QĐ-TTg technical formula document,
        indicator 2.1 (research notes ``vn_legal.md`` §1.9–1.10).
    """

    kind: ClassVar[str] = "supplement_requested"


@attrs.frozen(kw_only=True)
class SupplementSupplied(DossierEvent):
    """The requested supplement is received (*hoàn thành bổ sung*): the clock restarts."""

    kind: ClassVar[str] = "supplement_supplied"


@attrs.frozen(kw_only=True)
class PaymentRequested(DossierEvent):
    """The applicant is asked to pay (*yêu cầu thực hiện nghĩa vụ tài chính*).

    The clock is **not** paused: Decision 766's formula subtracts only supplement time.
    """

    kind: ClassVar[str] = "payment_requested"


@attrs.frozen(kw_only=True)
class Paid(DossierEvent):
    """The financial obligation is met (*đã thực hiện nghĩa vụ tài chính*): processing goes on."""

    kind: ClassVar[str] = "paid"


def _check_new_due(instance: Rescheduled, attribute: Any, value: dt.datetime) -> None:
    _aware(instance, attribute, value)
    if value < instance.at:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"an instant on or after at ({instance.at.isoformat()})"
        )


@attrs.frozen(kw_only=True)
class Rescheduled(DossierEvent):
    """An apology slip with a new appointment (*Phiếu xin lỗi và hẹn lại ngày trả kết quả*).

    The status does not change, and neither does the due instant timeliness is judged against
    ([`Dossier.due_at`][tthc.dossiers.Dossier.due_at]): the new appointment is
    [`Dossier.appointment_at`][tthc.dossiers.Dossier.appointment_at].

    Attributes:
        new_due_at: The new appointment written on the slip.
        reason: The reason for the delay, which the slip must state.

    References:
        Circular 01/2018/TT-VPCP, form No. 04 (research notes ``vn_legal.md`` §1.10, CONFIRMED).
    """

    kind: ClassVar[str] = "rescheduled"

    new_due_at: dt.datetime = attrs.field(validator=_check_new_due)
    reason: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class Resolved(DossierEvent):
    """The dossier is resolved and the result is ready (*đã xử lý xong*): processing ends."""

    kind: ClassVar[str] = "resolved"


@attrs.frozen(kw_only=True)
class Returned(DossierEvent):
    """The result is handed to the applicant (*trả kết quả*)."""

    kind: ClassVar[str] = "returned"


@attrs.frozen(kw_only=True)
class Refused(DossierEvent):
    """The dossier is refused (*từ chối tiếp nhận, giải quyết hồ sơ*), with the reason in ``note``.

    References:
        Circular 01/2018/TT-VPCP, form No. 03 "Phiếu từ chối tiếp nhận, giải quyết hồ sơ"
        (research notes ``vn_legal.md`` §1.10).
    """

    kind: ClassVar[str] = "refused"


@attrs.frozen(kw_only=True)
class Withdrawn(DossierEvent):
    """The applicant withdraws the dossier (*công dân yêu cầu rút hồ sơ*)."""

    kind: ClassVar[str] = "withdrawn"


@attrs.frozen(kw_only=True)
class Stopped(DossierEvent):
    """Processing is stopped (*dừng xử lý*): the dossier cannot be resolved."""

    kind: ClassVar[str] = "stopped"


_S = DossierStatus
_OPEN = (_S.RECEIVED, _S.PROCESSING)

EVENT_TRANSITIONS: Final[Mapping[type[DossierEvent], Mapping[DossierStatus, DossierStatus]]] = (
    types.MappingProxyType(
        {
            Received: types.MappingProxyType({_S.SUBMITTED: _S.RECEIVED}),
            ProcessingStarted: types.MappingProxyType({_S.RECEIVED: _S.PROCESSING}),
            SupplementRequested: types.MappingProxyType(
                dict.fromkeys(_OPEN, _S.SUPPLEMENT_REQUESTED)
            ),
            SupplementSupplied: types.MappingProxyType({_S.SUPPLEMENT_REQUESTED: _S.PROCESSING}),
            PaymentRequested: types.MappingProxyType(dict.fromkeys(_OPEN, _S.PAYMENT_REQUESTED)),
            Paid: types.MappingProxyType({_S.PAYMENT_REQUESTED: _S.PROCESSING}),
            Rescheduled: types.MappingProxyType({s: s for s in (*_OPEN, _S.PAYMENT_REQUESTED)}),
            Resolved: types.MappingProxyType(dict.fromkeys(_OPEN, _S.RESOLVED)),
            Returned: types.MappingProxyType({_S.RESOLVED: _S.RETURNED}),
            Refused: types.MappingProxyType(
                dict.fromkeys((_S.SUBMITTED, *_OPEN, _S.SUPPLEMENT_REQUESTED), _S.REFUSED)
            ),
            Withdrawn: types.MappingProxyType(
                dict.fromkeys(
                    (_S.SUBMITTED, *_OPEN, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED),
                    _S.WITHDRAWN,
                )
            ),
            Stopped: types.MappingProxyType(
                dict.fromkeys((*_OPEN, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED), _S.STOPPED)
            ),
        }
    )
)
"""For each event, the statuses it may follow and the status it leads to. This table is the
lifecycle; [`Dossier.apply`][tthc.dossiers.Dossier.apply] and the validation of
``Dossier.events`` read it and nothing else. Sources, by row:

* ``Received``: 1 → 2 (DVCQG codes, §2.1).
* ``ProcessingStarted``: 2 → 4 (§2.1; the event name is ours: the sync has no event, only the
  status).
* ``SupplementRequested``: 2 or 4 → 5; ``SupplementSupplied``: 5 → 4 (§1.9, §2.1 supplement
  sub-states). A request before receipt is not a status change here: the desk guides the
  applicant and the dossier is not received yet (inferred).
* ``PaymentRequested``: 2 or 4 → 6; ``Paid``: 6 → 4 (§2.1, DVCQG ``paying``; that payment
  leads back to processing is inferred).
* ``Rescheduled``: 2, 4 or 6, status unchanged (§1.10: the slip is issued while the result is
  not ready; not while waiting for a supplement, when the clock is stopped anyway: inferred).
* ``Resolved``: 2 or 4 → 9; ``Returned``: 9 → 10 (§2.1, §2.3 "resolved before returned").
* ``Refused``: 1 → 3 (refused at reception, §2.1) and 2, 4 or 5 → 3 (form No. 03 refuses
  "receipt or resolution"; a dossier whose supplement deadline passed may be refused, TH-repo
  ``KhongTiepNhanQuaHanBoSung``, §1.9: inferred as a status change).
* ``Withdrawn``: 1, 2, 4, 5 or 6 → 7 (§2.1; not after resolution: inferred).
* ``Stopped``: 2, 4, 5 or 6 → 8 (§2.1; inferred from "stopped / unresolvable").
"""


def _status_graph() -> Mapping[DossierStatus, frozenset[DossierStatus]]:
    graph: dict[DossierStatus, set[DossierStatus]] = {s: set() for s in DossierStatus}
    for moves in EVENT_TRANSITIONS.values():
        for before, after in moves.items():
            if before is not after:
                graph[before].add(after)
    return types.MappingProxyType({s: frozenset(t) for s, t in graph.items()})


TRANSITIONS: Final[Mapping[DossierStatus, frozenset[DossierStatus]]] = _status_graph()
"""The status graph: for each status, the statuses a dossier may move to next (derived from
[`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS]; an apology slip does not change the
status, so it adds no edge).
"""


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


def _optional_aware(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _aware(instance, attribute, value)


def _check_calendar(instance: object, attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, WorkingCalendar):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a WorkingCalendar or None (the Vietnamese calendar)"
        )


def _check_policy(instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, DeadlinePolicy):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a DeadlinePolicy")


def _check_duration(instance: object, attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a Duration or None")


def _optional_member(enum_cls: type[enum.Enum]) -> Any:
    check = _v.member_of(enum_cls)

    def optional(instance: object, attribute: Any, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


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
    out. A dossier read from the national sync, whose processing time is not in the payload,
    carries the due instant the agency's system recorded instead (``stated_due_at``).

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
    case: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)
    channel: Channel = attrs.field(validator=_v.member_of(Channel))
    applicant_type: ApplicantType | None = attrs.field(
        default=None, validator=_optional_member(ApplicantType)
    )
    agency: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    submitted_at: dt.datetime = attrs.field(validator=_aware)
    received_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    processing_time: Duration | None = attrs.field(default=None, validator=_check_duration)
    stated_due_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    calendar: WorkingCalendar | None = attrs.field(
        default=None, eq=False, validator=_check_calendar
    )
    policy: DeadlinePolicy = attrs.field(factory=DeadlinePolicy, validator=_check_policy)
    events: tuple[DossierEvent, ...] = attrs.field(default=(), converter=_event_tuple)

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
        if not isinstance(event, DossierEvent):
            raise InvalidValueError(
                "Dossier.apply(event)", event, "a dossier event (Received, Resolved, …)"
            )
        current = self.status
        if _moves_of(event).get(current) is None:
            raise _refusal(current, event)
        last = self.last_event_at
        if event.at < last:
            raise InvalidValueError(
                "Dossier.apply(event)",
                event,
                f"an event at or after the dossier's last event ({last.isoformat()})",
            )
        if isinstance(event, Received):
            return attrs.evolve(self, received_at=event.at, events=(*self.events, event))
        return attrs.evolve(self, events=(*self.events, event))

    def apply_all(self, events: Iterable[DossierEvent]) -> Dossier:
        """Apply several events in order; nothing is kept if one of them is refused.

        Raises:
            InvalidTransitionError: As [`apply`][tthc.dossiers.Dossier.apply].
            InvalidValueError: As [`apply`][tthc.dossiers.Dossier.apply].
        """
        dossier = self
        for event in events:
            dossier = dossier.apply(event)
        return dossier

    def as_of(self, instant: dt.datetime) -> Dossier:
        """Return the dossier as it was at ``instant``: later events (and a later receipt) left out.

        Raises:
            InvalidValueError: ``instant`` is naive, or before the submission.
        """
        instant = _check_aware("Dossier.as_of(instant)", instant)
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


# --- timeliness ----------------------------------------------------------------------------------


class Timeliness(enum.Enum):
    """Whether a dossier was dealt with on time (*tiến độ giải quyết hồ sơ*), per Decision 766.

    A finished dossier is early, on time or late; one not finished at the reporting instant is
    within time or overdue. The values are the names
    [`timeliness_counts`][tthc.indicators.timeliness_counts] reads.

    Examples:
        >>> Timeliness.ON_TIME.label
        'Đúng hạn'
        >>> [t.name for t in Timeliness if t.counts_as_on_time]
        ['EARLY', 'ON_TIME', 'WITHIN_TIME']

    References:
        Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1; the
        early / on time / late classes of the TH-repo and OpenCPS statistics (research notes
        ``vn_legal.md`` §2.3).
    """

    #: *Trước hạn*: finished before the due date.
    EARLY = "early"
    #: *Đúng hạn*: finished on the due date.
    ON_TIME = "on_time"
    #: *Quá hạn*: finished after the due date (or after more than one supplement request).
    LATE = "late"
    #: *Trong hạn*: not finished at the reporting instant, due date not passed.
    WITHIN_TIME = "within_time"
    #: *Quá hạn* (in progress): not finished at the reporting instant, due date passed.
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        """The Vietnamese name, as reports print it."""
        return _TIMELINESS_LABELS[self]

    @property
    def is_finished(self) -> bool:
        """Whether the class is one of finished dossiers (early, on time, late)."""
        return self in {Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE}

    @property
    def counts_as_on_time(self) -> bool:
        """Whether Decision 766 indicator 2.1 counts it in its numerator (early, on time, within)."""
        return self in {Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.WITHIN_TIME}


_TIMELINESS_LABELS: Final = {
    # "before the deadline"
    Timeliness.EARLY: "Trước hạn",
    # "on the deadline"
    Timeliness.ON_TIME: "Đúng hạn",
    # "past the deadline"
    Timeliness.LATE: "Quá hạn",
    # "within the time limit"
    Timeliness.WITHIN_TIME: "Trong hạn",
    # "past the deadline, being processed"
    Timeliness.OVERDUE: "Quá hạn (đang giải quyết)",
}

Granularity = Literal["date", "instant"]
"""How finely the end of processing is compared with the due instant: by day in Vietnam time
(``"date"``, what the national reports do) or by the instant itself (``"instant"``).
"""


def _local_day(instant: dt.datetime) -> int:
    return _local_us(instant) // _US_PER_DAY


def _due_day(due: dt.datetime) -> int:
    # A due instant at 24:00 (00:00 of the next day) is on the day before, as Deadline.due_on.
    return (_local_us(due) - 1) // _US_PER_DAY


def _compare(end: dt.datetime, due: dt.datetime, granularity: Granularity) -> int:
    """-1 before the due date (or instant), 0 on it, 1 after it."""
    if granularity == "date":
        a, b = _local_day(end), _due_day(due)
    else:
        a, b = _local_us(end), _local_us(due)
    return (a > b) - (a < b)


_FINISHED = (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE)


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
        as_of = _check_aware("classify(as_of)", as_of)
        if as_of < dossier.submitted_at:
            return None
        dossier = dossier.as_of(as_of)
    if dossier.received_at is None:
        return None
    due = dossier.due_at
    if due is None:  # pragma: no cover - the validator requires a way to the due instant
        raise InvalidValueError("classify(dossier)", dossier, "a dossier with a due instant")
    too_many = dossier.supplement_requests > 1
    end = dossier.finished_at
    if end is not None:
        return Timeliness.LATE if too_many else _FINISHED[_compare(end, due, granularity) + 1]
    if as_of is None:
        raise InvalidValueError(
            "classify(as_of)",
            None,
            f"a reporting instant (aware datetime): {dossier.code} is not finished",
        )
    if too_many:
        return Timeliness.OVERDUE
    end = dossier.waiting_since or as_of
    return Timeliness.OVERDUE if _compare(end, due, granularity) > 0 else Timeliness.WITHIN_TIME
