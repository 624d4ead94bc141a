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
    "Closed",
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

    After the receipt, it is the request after appraisal of Decree 118/2025/NĐ-CP Art. 19(5):
    the legal processing time restarts once the complete dossier comes back
    ([`Dossier.legal_due_at`][tthc.dossiers.Dossier.legal_due_at]), and a supplement may be
    requested only once (Art. 11(2)(c)); a second request is recorded and reported as a breach
    ([`check_dossier`][tthc.dossiers.obligations.check_dossier]).

    References:
        Form No. 02 "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" of Circular 03/2025/TT-VPCP
        (dossiers received from 1/7/2025) or of Circular 01/2018/TT-VPCP (before);
        Decision 766/QĐ-TTg technical formula document, indicator 2.1 (research notes
        ``vn_legal.md`` §1.9–1.10).
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

    Decree 118/2025/NĐ-CP Art. 19(6): at the latest 1 day before the due date, and a new
    appointment at most once; a late or second letter is recorded and reported as a breach
    ([`check_dossier`][tthc.dossiers.obligations.check_dossier]).

    References:
        Form No. 04 of Circular 03/2025/TT-VPCP, "Văn bản xin lỗi và đề nghị gia hạn thời gian
        giải quyết" (dossiers received from 1/7/2025, confirmed_secondary), or of Circular
        01/2018/TT-VPCP, "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (before; research notes
        ``vn_legal.md`` §1.10, CONFIRMED).
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
        Form No. 03 of Circular 03/2025/TT-VPCP, "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        (dossiers received from 1/7/2025, confirmed_secondary), or of Circular 01/2018/TT-VPCP,
        "Phiếu từ chối tiếp nhận, giải quyết hồ sơ" (before; research notes ``vn_legal.md``
        §1.10).
    """

    kind: ClassVar[str] = "refused"


@attrs.frozen(kw_only=True)
class Withdrawn(DossierEvent):
    """The applicant withdraws the dossier (*công dân yêu cầu rút hồ sơ*)."""

    kind: ClassVar[str] = "withdrawn"


@attrs.frozen(kw_only=True)
class Stopped(DossierEvent):
    """Processing is stopped (*dừng xử lý*): the dossier cannot be resolved.

    References:
        For dossiers received from 1/7/2025, the notice is form No. 05 of Circular
        03/2025/TT-VPCP, "Thông báo dừng giải quyết hồ sơ" (confirmed_secondary; that it goes
        with this status is the library's reading). Decree 118/2025/NĐ-CP Art. 21 (a stop at the
        applicant's request; the system keeps the stop status).
    """

    kind: ClassVar[str] = "stopped"


@attrs.frozen(kw_only=True)
class Closed(DossierEvent):
    """The desk closes a dossier whose supplement has not come (*đóng hồ sơ*): processing ends.

    Decree 118/2025/NĐ-CP Art. 19(5): "Sau 15 ngày kể từ khi thông báo …, nếu tổ chức, cá nhân
    không hoàn thành việc hoàn thiện hồ sơ, … thực hiện đóng hồ sơ trên Hệ thống thông tin giải
    quyết thủ tục hành chính" (confirmed_secondary). It follows an open supplement request
    only, and ends in status 8, STOPPED (*dừng xử lý*): the national status codes have no code
    of their own for it, so the DVCQG sync carries it as 8 with the closing instant as the end
    of processing (the library's mapping; one provincial system records the same situation as a
    refusal, "không tiếp nhận quá hạn bổ sung"). The dossier tells it from a stop by this event
    ([`Dossier.closed_at`][tthc.dossiers.Dossier.closed_at]); the notice is form No. 05 of
    Circular 03/2025/TT-VPCP, "Thông báo dừng giải quyết hồ sơ".

    A close before the 15 days have run is recorded, and reported as a breach by
    [`check_dossier`][tthc.dossiers.obligations.check_dossier].
    """

    kind: ClassVar[str] = "closed"
