"""Dossier events (*sự kiện trong quá trình giải quyết hồ sơ*): what happens to a dossier, and when.

Each event is a frozen record with its instant (aware), an optional note and actor; the concrete
events ([`Received`][tthc.dossiers.Received], [`SupplementRequested`][tthc.dossiers.SupplementRequested],
[`Resolved`][tthc.dossiers.Resolved], …) carry a ``kind`` tag for the library's JSON format. Which
status each event may follow, and where it leads, is the table
[`EVENT_TRANSITIONS`][tthc.dossiers.EVENT_TRANSITIONS] (``tthc.dossiers.statuses``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError

__all__ = [
    "DossierEvent",
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
    "Withdrawn",
]


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

    at: dt.datetime = attrs.field(validator=_v.aware)
    note: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional(_v.non_blank)
    )
    actor: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional(_v.non_blank)
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
    _v.aware(instance, attribute, value)
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
