"""A dossier-sync payload as it was sent, typed (private; see ``tthc.io.dossiers``).

[`SyncPayload`][tthc.io.dossiers.SyncPayload] holds what one ``DongBoHoSoMC`` payload says
and nothing more: blank values are ``None``, nothing is filled in, and the keys the format does
not define are kept aside in ``extra``. Making a [`Dossier`][tthc.dossiers.Dossier] of it
(``to_dossier``) is where the rules and, when the payload lacks something, the inferences are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from tthc import _validators as _v
from tthc._validators import nfc
from tthc.dossiers import DossierStatus
from tthc.errors import InvalidValueError
from tthc.procedures import ApplicantType, Channel

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy
    from tthc.dossiers import Dossier

__all__ = ["SyncPayload", "SyncSupplement"]


def _optional_nfc(value: str | None) -> str | None:
    # Typed for optional text (the shared ``nfc`` passes None through, typed for text only).
    return None if value is None else nfc(value)


def _extra(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


def _check_extra(instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a mapping from keys (text) to JSON values"
        )


@attrs.frozen(kw_only=True)
class SyncSupplement:
    """One supplement request of a sync payload (*yêu cầu bổ sung hồ sơ*, in ``DanhSachHoSoBoSung``).

    Attributes:
        requested_at: When the supplement was requested (``NgayBoSung``), or ``None``.
        supplied_at: When the supplement was received (``NgayTiepNhanBoSung``), or ``None``
            while it is awaited.
        note: What was asked for (``NoiDungBoSung``), or ``None``.
        actor: Who asked (``NguoiYeuCauBoSung``), or ``None``.

    References:
        DVCQG ``DongBoHoSoMC``, ``DanhSachHoSoBoSung`` (research notes ``vn_legal.md`` §2.2).
    """

    requested_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    supplied_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    note: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_v.optional_text
    )
    actor: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_v.optional_text
    )


@attrs.frozen(kw_only=True)
class SyncPayload:
    """A DVCQG dossier-sync payload (*gói tin đồng bộ hồ sơ*, ``DongBoHoSoMC``) as it was sent.

    What the payload says, typed, and nothing more: a blank or missing value is ``None`` and
    is not filled in; codes are the national enums; instants are aware. Read payloads with
    [`read_dossier_sync`][tthc.io.dossiers.read_dossier_sync] and write them with
    [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync]; a
    [`Dossier`][tthc.dossiers.Dossier] is made with [`to_dossier`][tthc.io.dossiers.SyncPayload.to_dossier].

    The personal data of the payload (the owner's name, identity numbers, e-mail and phone)
    and its files, fees and flags are not kept. Keys that the format does not define are
    kept, as they were sent, in ``extra``; they are not written back.

    Attributes:
        code: The dossier code (*mã hồ sơ*, ``MaHoSo``), as sent.
        procedure_code: The procedure code (``MaTTHC``) as sent (some senders send the code of
            the online service, the procedure code followed by the agency's), or ``None``.
        receipt_number: The receipt number (*số biên nhận*, ``SoBienNhan``), or ``None``.
        channel: How it was submitted (``KenhThucHien``), or ``None`` when not sent.
        applicant_type: The kind of applicant (``LoaiDoiTuong``), or ``None``.
        agency: The handling unit (``DonViXuLy``), or ``None``.
        status: The national status (``TrangThaiHoSo``), or ``None`` when not sent.
        submitted_at: ``NgayNopHoSo``, or ``None``.
        received_at: ``NgayTiepNhan``, or ``None``.
        due_at: ``NgayHenTra``, or ``None``.
        finished_at: ``NgayKetThucXuLy``, or ``None``.
        returned_at: ``NgayTra``, or ``None``.
        refused_at: ``NgayTuChoi``, or ``None``.
        supplements: The supplement requests (``DanhSachHoSoBoSung``), in order.
        extra: The keys the format does not define, with their values as sent.

    References:
        DVCQG ``DongBoHoSoMC`` fields (research notes ``vn_legal.md`` §2.2); ``SoBienNhan``
        as sent by a public relay of the national portal (always blank there), and declared
        but not sent by OpenCPS (``tests/fixtures/payloads/INDEX.md``).
    """

    code: str = attrs.field(converter=nfc, validator=_v.non_blank)
    procedure_code: str | None = attrs.field(default=None, validator=_v.optional_text)
    receipt_number: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_v.optional_text
    )
    channel: Channel | None = attrs.field(default=None, validator=_v.optional_member(Channel))
    applicant_type: ApplicantType | None = attrs.field(
        default=None, validator=_v.optional_member(ApplicantType)
    )
    agency: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_v.optional_text
    )
    status: DossierStatus | None = attrs.field(
        default=None, validator=_v.optional_member(DossierStatus)
    )
    submitted_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    received_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    due_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    finished_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    returned_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    refused_at: dt.datetime | None = attrs.field(default=None, validator=_v.optional_aware)
    supplements: tuple[SyncSupplement, ...] = attrs.field(
        default=(),
        converter=_v.to_tuple,
        validator=_v.tuple_of(SyncSupplement, "SyncSupplement records"),
    )
    # Not hashed: the values are JSON (lists, objects). Compared like the other fields.
    extra: dict[str, Any] = attrs.field(
        factory=dict, converter=_extra, validator=_check_extra, hash=False, repr=False
    )

    @classmethod
    def from_dossier(cls, dossier: Dossier) -> SyncPayload:
        """The payload that describes ``dossier`` (what ``dump_dossier_sync`` writes for it).

        ``NgayHenTra`` is the dossier's ``due_at``; the end of processing is its
        ``finished_at`` (or, withdrawn before receipt, the instant of the withdrawal); the
        supplement requests come from its events.

        Raises:
            InvalidValueError: ``dossier`` is not a ``Dossier``.
            OutOfCalendarRangeError: Its due instant cannot be computed in the calendar's years.
        """
        from tthc.io.dossiers._sync import payload_of  # noqa: PLC0415 - one module each way

        return payload_of(dossier)

    def to_dossier(
        self,
        *,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        strict: bool = False,
    ) -> Dossier:
        """Make the [`Dossier`][tthc.dossiers.Dossier] this payload describes.

        The rules are those of [`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync],
        which says what is filled in when the payload lacks it (each time with an
        [`InferredValueWarning`][tthc.errors.InferredValueWarning]) and what ``strict``
        refuses instead.

        Raises:
            LoadError: No dossier can be made of it; ``.problems`` lists why, by key.
        """
        from tthc.io.dossiers._sync import dossier_of  # noqa: PLC0415 - one module each way

        return dossier_of(self, calendar=calendar, policy=policy, strict=strict)
