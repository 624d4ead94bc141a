"""The enumerations of a procedure record (*thủ tục hành chính*), with their Vietnamese labels.

Channels (*cách thức thực hiện*), scope (external or internal, *TTHC nội bộ*), the national
procedure type (``LOAITTHC``), applicant types (``LoaiDoiTuong``), fee kinds (*phí* or *lệ phí*)
and the declared online service level (Decree 42/2022/NĐ-CP). National codes are ``IntEnum``
members whose unknown codes raise [`InvalidValueError`][tthc.errors.InvalidValueError]; the
Vietnamese text of each member is its ``label``.

The authority level (*cấp thực hiện*) lives with the agencies, in ``tthc.procedures.agency``;
the mapping of old service levels and the derivation of a procedure's level, in
[`tthc.procedures.service_levels`][tthc.procedures.service_levels].
"""

from __future__ import annotations

import enum
from typing import Final

from tthc import _validators as _v

__all__ = [
    "ApplicantType",
    "Channel",
    "FeeKind",
    "OnlineServiceLevel",
    "ProcedureScope",
    "ProcedureType",
]


class Channel(enum.IntEnum):
    """A channel for carrying out a procedure (*cách thức thực hiện*), with its national code.

    The codes are those of the national database and the dossier sync (``KENH``,
    ``KenhThucHien``).

    Examples:
        >>> Channel(2)
        <Channel.ONLINE: 2>
        >>> Channel.POSTAL.label
        'Qua dịch vụ bưu chính công ích'

    References:
        CSDLQG procedure package ``KENH`` and DVCQG ``KenhThucHien``: 1 in person, 2 online,
        3 public postal service (CONFIRMED, research notes ``vn_legal.md`` §2.2, §4.2).
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: *Trực tiếp*: at the agency's reception desk.
    IN_PERSON = 1
    #: *Trực tuyến*: through the national or a provincial public service portal.
    ONLINE = 2
    #: *Qua dịch vụ bưu chính công ích*: through the public postal service.
    POSTAL = 3

    @property
    def label(self) -> str:
        """The Vietnamese name of the channel."""
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS: Final = {
    # "in person"
    Channel.IN_PERSON: "Trực tiếp",
    # "online"
    Channel.ONLINE: "Trực tuyến",
    # "through the public postal service"
    Channel.POSTAL: "Qua dịch vụ bưu chính công ích",
}


class ProcedureScope(enum.Enum):
    """Whom a procedure serves: citizens and businesses, or the state itself (*TTHC nội bộ*).

    Examples:
        >>> ProcedureScope.INTERNAL.label
        'Thủ tục hành chính nội bộ'

    References:
        Decision 1085/QĐ-TTg (15/09/2022) on internal procedures within the state administrative
        system (CONFIRMED (secondary), research notes ``vn_legal.md`` §4.5).
    """

    #: *Thủ tục hành chính*: for individuals and organisations.
    EXTERNAL = "external"
    #: *Thủ tục hành chính nội bộ*: between state agencies and officials.
    INTERNAL = "internal"

    @property
    def label(self) -> str:
        """The Vietnamese name of the scope."""
        return _SCOPE_LABELS[self]


_SCOPE_LABELS: Final = {
    # "administrative procedure"
    ProcedureScope.EXTERNAL: "Thủ tục hành chính",
    # "internal administrative procedure"
    ProcedureScope.INTERNAL: "Thủ tục hành chính nội bộ",
}


class ProcedureType(enum.IntEnum):
    """The kind of a procedure in the national database (*loại TTHC*, ``LOAITTHC``).

    Examples:
        >>> ProcedureType(3).label
        'Loại khác'

    References:
        CSDLQG package ``LOAITTHC`` (CONFIRMED, research notes ``vn_legal.md`` §4.2).
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: The law does not let local authorities regulate it or detail it.
    NOT_DELEGATED = 1
    #: The law lets the authority detail it.
    DELEGATED_DETAIL = 2
    #: Any other kind.
    OTHER = 3

    @property
    def label(self) -> str:
        """The Vietnamese description used by the national database."""
        return _TYPE_LABELS[self]


_TYPE_LABELS: Final = {
    # "procedure the law does not delegate to local authorities to regulate or detail"
    ProcedureType.NOT_DELEGATED: (
        "TTHC không được luật giao cho địa phương quy định hoặc quy định chi tiết"
    ),
    # "procedure the law delegates to be detailed"
    ProcedureType.DELEGATED_DETAIL: "TTHC được luật giao quy định chi tiết",
    # "other kind"
    ProcedureType.OTHER: "Loại khác",
}


class ApplicantType(enum.IntEnum):
    """The kind of applicant (*loại đối tượng*) of the national dossier sync (``LoaiDoiTuong``).

    Examples:
        >>> ApplicantType(2).label
        'Doanh nghiệp'

    References:
        DVCQG ``LoaiDoiTuong`` (CONFIRMED from one production system, research notes
        ``vn_legal.md`` §2.2).
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        # A code that is not in the national list: a tthc error (still a ValueError).
        raise _v.missing_code(cls, value)

    #: *Cá nhân / công dân*: an individual.
    INDIVIDUAL = 1
    #: *Doanh nghiệp*: an enterprise.
    ENTERPRISE = 2
    #: *Cơ quan nhà nước*: a state agency.
    STATE_AGENCY = 3
    #: *Tổ chức*: another organisation.
    ORGANISATION = 4

    @property
    def label(self) -> str:
        """The Vietnamese name of the applicant type."""
        return _APPLICANT_LABELS[self]


_APPLICANT_LABELS: Final = {
    # "individual"
    ApplicantType.INDIVIDUAL: "Cá nhân",
    # "enterprise"
    ApplicantType.ENTERPRISE: "Doanh nghiệp",
    # "state agency"
    ApplicantType.STATE_AGENCY: "Cơ quan nhà nước",
    # "organisation"
    ApplicantType.ORGANISATION: "Tổ chức",
}


class FeeKind(enum.Enum):
    """Whether an amount is a fee (*phí*) or a charge (*lệ phí*).

    Examples:
        >>> FeeKind.CHARGE.label
        'Lệ phí'

    References:
        Law on Fees and Charges 2015 (97/2015/QH13), Art. 3: *phí* recovers the cost of a public
        service, *lệ phí* is collected for an administrative service (research notes
        ``vn_legal.md`` §8.1).
    """

    #: *Phí*: a fee for a public service.
    FEE = "fee"
    #: *Lệ phí*: a charge for an administrative service.
    CHARGE = "charge"

    @property
    def label(self) -> str:
        """The Vietnamese word."""
        # "fee" / "charge"
        return "Phí" if self is FeeKind.FEE else "Lệ phí"


class OnlineServiceLevel(enum.Enum):
    """Level of an online public service (*mức độ dịch vụ công trực tuyến*), Decree 42/2022.

    Information-only is not a level: where there is no online public service, `tthc` uses
    ``None`` instead of a member.

    Examples:
        >>> OnlineServiceLevel("full").label
        'toàn trình'
        >>> OnlineServiceLevel.FULL > OnlineServiceLevel.PARTIAL
        True

    References:
        Decree 42/2022/NĐ-CP on online public services (CONFIRMED (secondary), research notes
        ``vn_legal.md`` §3.1), amended by Decree 118/2025/NĐ-CP Art. 40(7) and ceased on
        1/7/2026 (Decree 224/2026/NĐ-CP Art. 90(2), secondary); the levels as used in Decree
        118/2025 Arts. 36(2), 38(1)(c) (research notes ``law2026.md`` §D).
    """

    #: *Dịch vụ công trực tuyến một phần*: any online service that is not full.
    PARTIAL = "partial"
    #: *Dịch vụ công trực tuyến toàn trình*: entirely online; the result online or by post.
    FULL = "full"

    @property
    def label(self) -> str:
        """The Vietnamese name of the level, as used after "dịch vụ công trực tuyến"."""
        return _ONLINE_LEVEL_LABELS[self]

    @property
    def rank(self) -> int:
        """1 for partial, 2 for full: the order used to pick the highest level."""
        return 2 if self is OnlineServiceLevel.FULL else 1

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, OnlineServiceLevel):
            return NotImplemented
        return self.rank < other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, OnlineServiceLevel):
            return NotImplemented
        return self.rank > other.rank


_ONLINE_LEVEL_LABELS: Final = {
    # "partial"
    OnlineServiceLevel.PARTIAL: "một phần",
    # "end to end", that is full
    OnlineServiceLevel.FULL: "toàn trình",
}
