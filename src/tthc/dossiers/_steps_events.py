"""Step events of an internal process: assigned, started, finished, returned, consulted, paused (private).

Public names are re-exported by [`tthc.dossiers.steps`][tthc.dossiers.steps].
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Final

import attrs

from tthc import _validators as _v
from tthc.deadlines import VN_TZ
from tthc.errors import InvalidValueError
from tthc.procedures.process import HandlingUnit

_US_PER_MINUTE: Final = 60_000_000


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


# --- waits for the applicant ---------------------------------------------------------------------

SUPPLEMENT_WAIT: Final = "chờ bổ sung"
"""The usual reason of a pause: waiting for a requested supplement (Vietnamese)."""


def _reason_text(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or not value.strip():
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a non-blank text (e.g. 'chờ bổ sung')"
        )


@attrs.frozen(kw_only=True)
class StepsPaused:
    """The dossier waits for the applicant (*tạm dừng*): every open step's clock stops.

    A dossier-level event, not a step's: a supplement request (*chờ bổ sung*), or another wait
    the agency does not control (a fee to be paid, an on-site check the applicant postpones).
    The office time until [`StepsResumed`][tthc.dossiers.steps.StepsResumed] is used by no pass,
    and every due instant (each pass's, the dossier's) moves by the office time paused before it
    was reached, as Decision 766 indicator 2.1 pauses a dossier's clock for a supplement
    ([`Dossier.timeliness_due_at`][tthc.dossiers.Dossier.timeliness_due_at]).

    Attributes:
        at: When the clock stopped (timezone-aware; kept in Vietnam time).
        reason: Why, as a clerk writes it (default ``"chờ bổ sung"``, waiting for a
            supplement); shown in the state text ("tạm dừng (chờ bổ sung)").

    References:
        Decision 766/QĐ-TTg technical formula document, indicator 2.1: supplement time is not
        counted (research notes ``vn_legal.md`` §1.9, SECONDARY). Under Decree 118/2025/NĐ-CP
        Art. 19(5) the legal due date restarts instead
        ([`Dossier.legal_due_at`][tthc.dossiers.Dossier.legal_due_at]); the step clocks here
        follow the timeliness pause.
    """

    kind: ClassVar[str] = "paused"

    at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    reason: str = attrs.field(default=SUPPLEMENT_WAIT, converter=_v.nfc, validator=_reason_text)


@attrs.frozen(kw_only=True)
class StepsResumed:
    """The applicant's wait is over (*tiếp tục xử lý*): the open steps' clocks run again.

    Attributes:
        at: When the clock restarted (the supplement received, the fee paid).
        note: Free text from the system, if any.
    """

    kind: ClassVar[str] = "resumed"

    at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    note: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)


TrackEvent = StepEvent | StepsPaused | StepsResumed
"""Any event of a [`StepTrack`][tthc.dossiers.steps.StepTrack]."""


# --- records -------------------------------------------------------------------------------------
