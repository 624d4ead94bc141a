"""Administrative procedures (*thủ tục hành chính*) as published records, and their parts.

A [`Procedure`][tthc.procedures.Procedure] holds what Decree 63/2010/NĐ-CP Art. 8(2) requires of
every procedure (name, steps, channels, dossier, processing time, subjects, implementing agency,
result; where applicable forms, requirements and fees) in the shape of the national procedure
database (CSDLQG): one or more **cases** (*trường hợp*), each with its own dossier components
and, **per channel** (in person, online, public postal service), its processing time and fees.

Records are immutable (``attrs`` frozen, keyword-only) and validated when built: a bad value
raises [`InvalidValueError`][tthc.errors.InvalidValueError] naming ``Owner.field``. Change a record
with ``attrs.evolve``. Reading and writing JSON (the library's own format and the national
package) is [`tthc.io`][tthc.io].

Examples:
    >>> import datetime as dt
    >>> from tthc.durations import Duration
    >>> from tthc.deadlines import VN_TZ
    >>> case = ProcedureCase(channels=[
    ...     ChannelOption(channel=Channel.IN_PERSON, processing_time=Duration.working_days(5)),
    ...     ChannelOption(channel=Channel.ONLINE, processing_time=Duration.working_days(3)),
    ... ])
    >>> p = Procedure(code="1.000000", name="Thủ tục mẫu (ví dụ)", cases=[case])
    >>> p
    <Procedure 1.000000 'Thủ tục mẫu (ví dụ)' cases=1>
    >>> str(p.processing_time(Channel.ONLINE))
    '3 ngày làm việc'
    >>> received = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ)      # a Monday
    >>> p.compute_deadline(received, channel=Channel.ONLINE).due_at.isoformat()
    '2026-03-04T17:00:00+07:00'
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.deadlines import compute_deadline as _compute_deadline
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures.service_levels import OnlineServiceLevel

if TYPE_CHECKING:
    from collections.abc import Callable

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import Deadline, DeadlinePolicy, Pause, Reschedule

__all__ = [
    "CODE_PATTERN",
    "DISTRICT_ABOLISHED_ON",
    "Agency",
    "ApplicantType",
    "Attachment",
    "AuthorityLevel",
    "Channel",
    "ChannelOption",
    "Component",
    "Fee",
    "FeeKind",
    "LegalDocument",
    "Procedure",
    "ProcedureCase",
    "ProcedureScope",
    "ProcedureType",
    "Result",
    "Sector",
    "Step",
    "Subject",
]

CODE_PATTERN: Final = re.compile(r"[0-9]\.[0-9]{6}")
"""The format of a procedure code (*mã thủ tục hành chính*, ``MaTTHC``), such as ``1.001193``.

One digit, a dot, six digits, ASCII only. The code is otherwise opaque: the meaning of the
leading digit is not confirmed (research notes ``vn_legal.md`` §4.3).
"""

# --- enumerations --------------------------------------------------------------------------------


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

DISTRICT_ABOLISHED_ON: Final = dt.date(2025, 7, 1)
"""The first day of the two-level local government (*chính quyền địa phương hai cấp*): no districts.
"""


class AuthorityLevel(enum.Enum):
    """The level of government that carries a procedure out (*cấp thực hiện*).

    The district level (*cấp huyện*) was abolished on 1 July 2025 (two-level local government);
    it stays for historical records: ``is_historical`` says so and ``exists_on(day)`` answers for
    a given day.

    Examples:
        >>> AuthorityLevel.DISTRICT.is_historical
        True
        >>> import datetime as dt
        >>> AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 6, 30))
        True
        >>> AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 7, 1))
        False

    References:
        CSDLQG package ``CAPTHUCHIEN``; the two-level local government from 01/07/2025
        (CONFIRMED (secondary), research notes ``vn_legal.md`` §4.4). The national codes of the
        levels are not confirmed, so the members carry none.
    """

    #: *Cấp Bộ / trung ương*: a ministry or central agency.
    CENTRAL = "central"
    #: *Cấp tỉnh*: a province or centrally-run city.
    PROVINCE = "province"
    #: *Cấp huyện*: a district (abolished 1 July 2025; historical records only).
    DISTRICT = "district"
    #: *Cấp xã*: a commune, ward or special zone.
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        """The Vietnamese name of the level, as the national database shows it ("Cấp Tỉnh")."""
        return _LEVEL_LABELS[self]

    @property
    def is_historical(self) -> bool:
        """Whether the level no longer exists (the district level, since 1 July 2025)."""
        return self is AuthorityLevel.DISTRICT

    @property
    def abolished_on(self) -> dt.date | None:
        """The first day without this level, or ``None`` if it still exists."""
        return DISTRICT_ABOLISHED_ON if self is AuthorityLevel.DISTRICT else None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the level existed on ``day``.

        Raises:
            InvalidValueError: ``day`` is not a ``datetime.date``.
        """
        day = _v.check_date("AuthorityLevel.exists_on(day)", day)
        end = self.abolished_on
        return end is None or day < end


_LEVEL_LABELS: Final = {
    # "ministry level"
    AuthorityLevel.CENTRAL: "Cấp Bộ",
    # "province level"
    AuthorityLevel.PROVINCE: "Cấp Tỉnh",
    # "district level"
    AuthorityLevel.DISTRICT: "Cấp Huyện",
    # "commune level"
    AuthorityLevel.COMMUNE: "Cấp Xã",
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


# --- converters and validators (private) ---------------------------------------------------------


def _to_tuple(value: Iterable[Any]) -> Any:
    """Converter: any iterable but text, bytes and mappings to a tuple (others kept to refuse)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value  # the validator refuses it
    return tuple(value)


def _text_tuple(value: Iterable[str]) -> Any:
    """Converter: like ``_to_tuple``, with every text item in NFC."""
    items = _to_tuple(value)
    if not isinstance(items, tuple):
        return items
    return tuple(_v.nfc(item) for item in items)


def _sorted_channels(value: Iterable[Channel]) -> Any:
    """Converter: a set of channels as a sorted tuple without repeats (when all are Channels)."""
    items = _to_tuple(value)
    if isinstance(items, tuple) and all(isinstance(c, Channel) for c in items):
        return tuple(sorted(set(items)))
    return items


def _options_by_channel(value: Iterable[ChannelOption]) -> Any:
    """Converter: options in channel order, keeping the order of options of the same channel."""
    items = _to_tuple(value)
    if isinstance(items, tuple) and all(
        isinstance(o, ChannelOption) and isinstance(o.channel, Channel) for o in items
    ):
        return tuple(sorted(items, key=lambda o: o.channel))
    return items


def _to_decimal(value: Decimal | int | None) -> Decimal | int | None:
    """Converter: an int amount as the equal Decimal (lossless); anything else unchanged."""
    if type(value) is int:
        return Decimal(value)
    return value


def _tuple_of(
    item_type: type | tuple[type, ...], expected: str, *, non_empty: bool = False
) -> Callable[[object, Any, Any], None]:
    """Validator factory: a tuple whose items are all ``item_type`` instances."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"a list or tuple of {expected}"
            )
        for item in value:
            if not isinstance(item, item_type) or isinstance(item, bool):
                raise InvalidValueError.for_attribute(
                    instance, attribute, item, f"items that are {expected}"
                )
        if non_empty and not value:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"at least one of {expected}"
            )

    return check


def _texts(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a tuple of non-blank texts."""
    _tuple_of(str, "texts")(instance, attribute, value)
    for item in value:
        if not item.strip():
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "non-blank texts in the list"
            )


def _optional_text(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``None`` or a non-blank text."""
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def _optional_member(enum_cls: type[enum.Enum]) -> Callable[[object, Any, Any], None]:
    """Validator factory: ``None`` or a member of ``enum_cls``."""
    member = _v.member_of(enum_cls)

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is not None:
            member(instance, attribute, value)

    return check


def _optional_instance(cls: type, expected: str) -> Callable[[object, Any, Any], None]:
    """Validator factory: ``None`` or an instance of ``cls``."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is not None and not isinstance(value, cls):
            raise InvalidValueError.for_attribute(instance, attribute, value, expected)

    return check


def _optional_date(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``None`` or a ``datetime.date`` that is not a ``datetime``."""
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a datetime.date (not a datetime)"
        )


def _count(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a whole number >= 0 (not a bool)."""
    if type(value) is not int or value < 0:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a whole number >= 0")


def _flag(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``True`` or ``False``."""
    if type(value) is not bool:
        raise InvalidValueError.for_attribute(instance, attribute, value, "True or False")


def _not_before(start_field: str) -> Callable[[object, Any, dt.date | None], None]:
    """Validator factory for the later of two optional dates (checked on the later field)."""

    def check(instance: object, attribute: Any, value: dt.date | None) -> None:
        _optional_date(instance, attribute, value)
        start = getattr(instance, start_field)
        if value is not None and start is not None and value < start:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"a date on or after {start_field} ({start})"
            )

    return check


class _FrozenDict(Mapping[str, Any]):
    """A read-only, hashable, picklable mapping: how ``Procedure.extensions`` holds JSON objects."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))


def _freeze_json(value: Any) -> Any:
    """Converter: JSON data as immutable data (objects read-only and hashable, arrays as tuples)."""
    if isinstance(value, _FrozenDict):
        return value
    if isinstance(value, Mapping):
        return _FrozenDict({k: _freeze_json(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze_json(v) for v in value)
    return value


def _freeze_extensions(value: Any) -> Any:
    """Converter: a mapping of JSON data, frozen; anything else unchanged for the validator."""
    return _freeze_json(value) if isinstance(value, Mapping) else value


def _json_problem(value: object) -> object | None:
    """The first part of ``value`` found that is not JSON data, or ``None`` if all of it is."""
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (bool, int, str)):
            continue
        if isinstance(item, float) and math.isfinite(item):
            continue
        if isinstance(item, Mapping):
            keys: list[object] = list(item)
            for key in keys:
                if type(key) is not str:
                    return key
            stack.extend(item.values())
        elif isinstance(item, tuple):
            stack.extend(item)
        else:
            return item
    return None


def _check_extensions(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a mapping from text keys to JSON data."""
    if not isinstance(value, Mapping):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a mapping of names to JSON data"
        )
    bad = _json_problem(value)
    if bad is not None:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            bad,
            "JSON data only (texts as keys; None, bool, int, finite float, str, lists, mappings)",
        )


def _empty_extensions() -> Mapping[str, Any]:
    return _FrozenDict({})


# --- records -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Agency:
    """An agency (*cơ quan*, *đơn vị*) named in a procedure: implementing, competent, ….

    Attributes:
        name: The agency's name (``TENDONVI``).
        code: Its code in the national agency list (``MADONVI``), if published.

    Examples:
        >>> Agency(name="Ủy ban nhân dân cấp xã")
        Agency(name='Ủy ban nhân dân cấp xã', code=None)

    References:
        CSDLQG package ``COQUANTHUCHIEN``, ``COQUANCOTHAMQUYEN``, ``COQUANDUOCUYQUYEN``,
        ``COQUANPHOIHOP`` ``{MADONVI, TENDONVI}`` (research notes ``vn_legal.md`` §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Sector:
    """A field of state management (*lĩnh vực*) a procedure belongs to, such as civil status.

    Attributes:
        name: The field's name (``TENLINHVUC``).
        code: Its code in the national list (``MALINHVUC``), if published.

    References:
        CSDLQG package ``LINHVUCTHUCHIEN`` ``{MALINHVUC, TENLINHVUC}`` (research notes
        ``vn_legal.md`` §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Subject:
    """A kind of applicant a procedure is for (*đối tượng thực hiện*).

    Attributes:
        name: The published name (``TENDOITUONG``), e.g. "Công dân Việt Nam".
        code: Its code in the national list (``MADOITUONG``), if published.
        applicant_type: The dossier-sync applicant type it corresponds to, if known. The national
            package does not state it.

    References:
        CSDLQG package ``DOITUONGTHUCHIEN`` ``{MADOITUONG, TENDOITUONG}``; ``LoaiDoiTuong``
        (research notes ``vn_legal.md`` §2.2, §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    applicant_type: ApplicantType | None = attrs.field(
        default=None, validator=_optional_member(ApplicantType)
    )


@attrs.frozen(kw_only=True)
class Attachment:
    """A file published with a procedure record (*tệp đính kèm*): a form, a template, a table.

    Attributes:
        name: The file's or the form's name (``TENMAUDON``, ``TENTEP``).
        url: Where it can be downloaded (``URL``), if published.

    Examples:
        >>> Attachment(name="Tờ khai (ví dụ).docx").url is None
        True
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    url: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class LegalDocument:
    """A legal document a procedure is based on (*căn cứ pháp lý*).

    Attributes:
        number: The document's number and symbol (*số, ký hiệu*), e.g. "63/2010/NĐ-CP".
        title: Its title (*trích yếu*).
        issuer: The issuing body (*cơ quan ban hành*).
        issued_on: The date of issue (*ngày ban hành*).
        effective_from: The date it takes effect (*ngày hiệu lực*).
        effective_to: The last date it is in force, if it has ended.
        url: Where it can be read (``DIACHITRUYCAP``).
        article: The article or clause relied on ("Điều 8, khoản 2"), if stated.

    Raises:
        InvalidValueError: ``effective_to`` is before ``effective_from``, or a field has the
            wrong type.

    References:
        CSDLQG package ``CANCUPHAPLY`` ``{SOVANBAN, TENVANBAN, NGAYBANHANH, NGAYHIEULUC,
        COQUANBANHANH, DIACHITRUYCAP}`` (research notes ``vn_legal.md`` §4.2).
    """

    number: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    title: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    issuer: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    issued_on: dt.date | None = attrs.field(default=None, validator=_optional_date)
    effective_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    effective_to: dt.date | None = attrs.field(
        default=None, validator=_not_before("effective_from")
    )
    url: str | None = attrs.field(default=None, validator=_optional_text)
    article: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)


def _check_amount(instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        expected = "None or a finite decimal.Decimal >= 0 (VND)"
        if isinstance(value, float):
            expected += "; a float is inexact: write Decimal('8000')"
        raise InvalidValueError.for_attribute(instance, attribute, value, expected)


@attrs.frozen(kw_only=True)
class Fee:
    """An amount to pay for a procedure: a fee (*phí*) or a charge (*lệ phí*), in VND.

    Attributes:
        kind: Fee or charge; ``None`` when the source does not say (national packages do not
            always).
        amount: The amount in Vietnamese đồng as an exact ``Decimal`` (an ``int`` is accepted and
            stored as a ``Decimal``); ``None`` when the record gives no number.
        description: The published text (``MOTA``), e.g. "Lệ phí đăng ký khai sinh".
        exemptions: Who is exempt or pays less (*miễn, giảm*), one text each.
        code: The fee's code in the national package (``MAPHILEPHI``), if any.
        attachment: A published fee table, if any (``TENTEP``, ``URL``).

    Raises:
        InvalidValueError: A negative, non-finite or float amount, or a field of the wrong type.

    Examples:
        >>> Fee(kind=FeeKind.CHARGE, amount=8000).amount
        Decimal('8000')
        >>> Fee(kind=FeeKind.CHARGE, amount=-1)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Fee.amount: expected None or a finite decimal.Decimal >= 0 (VND), got Decimal('-1')

    References:
        CSDLQG package ``PHILEPHI`` ``{MAPHILEPHI, MOTA, SOTIEN, DONVI, TENTEP, URL}`` per channel
        and processing time (research notes ``vn_legal.md`` §4.2); Decree 63/2010 Art. 8(2)(i).
    """

    kind: FeeKind | None = attrs.field(default=None, validator=_optional_member(FeeKind))
    amount: Decimal | None = attrs.field(
        default=None, converter=_to_decimal, validator=_check_amount
    )
    description: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    exemptions: tuple[str, ...] = attrs.field(default=(), converter=_text_tuple, validator=_texts)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    attachment: Attachment | None = attrs.field(
        default=None, validator=_optional_instance(Attachment, "None or an Attachment")
    )


def _check_duration(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "None or a tthc.Duration (e.g. Duration.parse('5 ngày làm việc'))",
        )


@attrs.frozen(kw_only=True)
class ChannelOption:
    """How a case is carried out through one channel (*cách thức thực hiện*): time and fees.

    Attributes:
        channel: The [`Channel`][tthc.procedures.Channel].
        processing_time: The processing time (*thời hạn giải quyết*) through this channel, or
            ``None`` when the record states none that can be counted (unit "Khác").
        fees: Fees and charges through this channel (often lower online).
        description: The published description (``MOTA``).

    Raises:
        InvalidValueError: A field of the wrong type.

    Examples:
        >>> ChannelOption(channel=Channel.ONLINE, processing_time=Duration.parse("03 ngày làm việc"))
        ChannelOption(channel=<Channel.ONLINE: 2>, processing_time=Duration(value=3, ...), fees=(), description=None)

    References:
        CSDLQG package ``CACHTHUCTHUCHIEN[] {KENH, THOIGIAN[] {THOIGIANGIAIQUYET, DONVITINH, MOTA,
        PHILEPHI[]}}`` (CONFIRMED, research notes ``vn_legal.md`` §1.2, §4.2).
    """

    channel: Channel = attrs.field(validator=_v.member_of(Channel))
    processing_time: Duration | None = attrs.field(validator=_check_duration)
    fees: tuple[Fee, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Fee, "Fee records")
    )
    description: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Component:
    """A dossier component (*thành phần hồ sơ*): one paper the applicant hands in.

    Attributes:
        name: The paper's name (``TENGIAYTO``).
        code: Its code (``MAGIAYTO``), if published.
        originals: Number of originals (*bản chính*, ``SOBANCHINH``).
        copies: Number of copies (*bản sao*, ``SOBANSAO``).
        form: The form or declaration template to fill in (*mẫu đơn, tờ khai*), if any.
        replaceable_by_result_code: The code of an earlier procedure result that can replace the
            paper (``MA_KQ_THAYTHE``: data reuse).
        mandatory: Whether the paper is always required (``False``: only in some situations).

    Raises:
        InvalidValueError: A negative count, or a field of the wrong type.

    References:
        CSDLQG package ``THANHPHANHOSO[] {TRUONGHOP, GIAYTO[] {MAGIAYTO, TENGIAYTO, SOBANCHINH,
        SOBANSAO, TENMAUDON, URL, MA_KQ_THAYTHE}}`` (research notes ``vn_legal.md`` §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    originals: int = attrs.field(default=1, validator=_count)
    copies: int = attrs.field(default=0, validator=_count)
    form: Attachment | None = attrs.field(
        default=None, validator=_optional_instance(Attachment, "None or an Attachment")
    )
    replaceable_by_result_code: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    mandatory: bool = attrs.field(default=True, validator=_flag)


@attrs.frozen(kw_only=True)
class Step:
    """One step (*bước*) of a procedure's sequence (*trình tự thực hiện*), and how it is done.

    What a step needs is what decides the online service level
    ([`derive_level`][tthc.procedures.service_levels.derive_level]): ``channels`` says through which
    channels the applicant can do it (``Channel.IN_PERSON`` alone means the applicant must be
    present), and ``internal`` marks a step the agency does alone.

    Attributes:
        description: The published text of the step (``TENTRINHTU``).
        channels: The channels through which the applicant can do the step, sorted, each once;
            empty when the record does not say (national packages never do).
        internal: Whether the agency does the step alone, without the applicant (checking the
            dossier, deciding); such a step never needs presence.

    Raises:
        InvalidValueError: A field of the wrong type, or an internal step with channels.

    Examples:
        >>> s = Step(description="Nộp hồ sơ", channels=[Channel.ONLINE, Channel.IN_PERSON])
        >>> s.channels, s.needs_presence, s.can_be_done_online
        ((<Channel.IN_PERSON: 1>, <Channel.ONLINE: 2>), False, True)
        >>> Step(description="Lấy dấu vân tay", channels=[Channel.IN_PERSON]).needs_presence
        True

    References:
        Decree 63/2010/NĐ-CP Art. 8(2)(b); CSDLQG package ``TRINHTUTHUCHIEN[] {TRUONGHOP,
        TRINHTU[] {TENTRINHTU}}`` (research notes ``vn_legal.md`` §4.1–4.2).
    """

    description: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    channels: tuple[Channel, ...] = attrs.field(
        default=(),
        converter=_sorted_channels,
        validator=_tuple_of(Channel, "Channel members (Channel.ONLINE, …)"),
    )
    internal: bool = attrs.field(default=False, validator=_flag)

    @internal.validator
    def _check_internal(self, attribute: Any, value: bool) -> None:  # noqa: FBT001 - a validator
        _flag(self, attribute, value)
        if value and self.channels:
            raise InvalidValueError.for_attribute(
                self, attribute, value, "False for a step with channels (the applicant takes part)"
            )

    @property
    def is_stated(self) -> bool:
        """Whether the record says how the step is done (channels given, or internal)."""
        return self.internal or bool(self.channels)

    @property
    def needs_presence(self) -> bool:
        """Whether the applicant must be present: the only channel stated is in person."""
        return self.channels == (Channel.IN_PERSON,)

    @property
    def can_be_done_online(self) -> bool:
        """Whether the step can be done without leaving the online channel (or is internal)."""
        return self.internal or Channel.ONLINE in self.channels


@attrs.frozen(kw_only=True)
class Result:
    """The result of a procedure (*kết quả thực hiện*): a licence, a certificate, an extract.

    Attributes:
        name: The result's name (``TENKETQUA``).
        code: Its code (``MAKETQUA``), which a later dossier component may point to.
        template: The result's template (*mẫu kết quả*), if published.

    References:
        Decree 63/2010/NĐ-CP Art. 8(2)(h); CSDLQG ``KETQUATHUCHIEN[] {MAKETQUA, TENKETQUA,
        TENTEP, URL}`` (research notes ``vn_legal.md`` §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    template: Attachment | None = attrs.field(
        default=None, validator=_optional_instance(Attachment, "None or an Attachment")
    )


def _optional_case_name(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None (the general case) or a non-blank case name"
        )


@attrs.frozen(kw_only=True)
class ProcedureCase:
    """One case (*trường hợp*) of a procedure, with its own dossier and per-channel options.

    Attributes:
        name: The case as published ("Trường hợp …"), or ``None`` for the general case (the
            procedure's only case, or the part common to all).
        components: The dossier components (*thành phần hồ sơ*) of this case.
        channels: One or more [`ChannelOption`][tthc.procedures.ChannelOption] per channel, in
            channel order (several options for one channel differ by their description).
        steps: Steps that replace the procedure's steps in this case; empty when the
            procedure's steps apply. The general case has none of its own.

    Raises:
        InvalidValueError: A blank name, steps on the general case, or a field of the wrong
            type.

    Examples:
        >>> case = ProcedureCase(name="Trường hợp A (ví dụ)", channels=[
        ...     ChannelOption(channel=Channel.ONLINE, processing_time=Duration.working_days(2)),
        ...     ChannelOption(channel=Channel.IN_PERSON, processing_time=Duration.working_days(3)),
        ... ])
        >>> [o.channel.name for o in case.channels]
        ['IN_PERSON', 'ONLINE']
        >>> str(case.option(Channel.ONLINE).processing_time)
        '2 ngày làm việc'

    References:
        Decree 63/2010/NĐ-CP Art. 8(2)(d)–(đ); CSDLQG ``TRUONGHOP`` in ``THANHPHANHOSO`` and
        ``TRINHTUTHUCHIEN`` (research notes ``vn_legal.md`` §4.2–4.3).
    """

    name: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_case_name)
    components: tuple[Component, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Component, "Component records")
    )
    channels: tuple[ChannelOption, ...] = attrs.field(
        default=(),
        converter=_options_by_channel,
        validator=_tuple_of(ChannelOption, "ChannelOption records"),
    )
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Step, "Step records")
    )

    @steps.validator
    def _check_general_steps(self, attribute: Any, value: tuple[Step, ...]) -> None:
        if value and self.name is None:
            raise InvalidValueError.for_attribute(
                self,
                attribute,
                value,
                "no steps on the general case (name None): put them in Procedure.steps",
            )

    def options(self, channel: Channel) -> tuple[ChannelOption, ...]:
        """Every option of this case through ``channel`` (usually one, possibly none).

        Raises:
            InvalidValueError: ``channel`` is not a ``Channel``.
        """
        if not isinstance(channel, Channel):
            raise InvalidValueError("ProcedureCase.options(channel)", channel, "a Channel")
        return tuple(o for o in self.channels if o.channel is channel)

    def option(self, channel: Channel) -> ChannelOption:
        """The one option of this case through ``channel``.

        Raises:
            InvalidValueError: ``channel`` is not a ``Channel``, the case does not offer it, or
                offers it several times (then pick one from ``options(channel)``).
        """
        found = self.options(channel)
        if len(found) == 1:
            return found[0]
        where = f"case {self.name!r}" if self.name is not None else "the general case"
        if not found:
            offered = ", ".join(sorted({o.channel.name for o in self.channels})) or "none"
            expected = f"a channel {where} offers ({offered})"
        else:
            expected = (
                f"a channel {where} offers once ({channel.name} has {len(found)} options: pick "
                "one from ProcedureCase.options(channel))"
            )
        raise InvalidValueError("ProcedureCase.option(channel)", channel, expected)


def _check_code(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or CODE_PATTERN.fullmatch(value) is None:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a procedure code like '1.001193' (one digit, a dot, six digits)",
        )


def _check_cases(instance: object, attribute: Any, value: Any) -> None:
    _tuple_of(ProcedureCase, "ProcedureCase records", non_empty=True)(instance, attribute, value)
    seen: set[str | None] = set()
    for case in value:
        if case.name in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, case.name, "cases with distinct names (one general case)"
            )
        seen.add(case.name)


def _distinct_levels(instance: object, attribute: Any, value: Any) -> None:
    _tuple_of(AuthorityLevel, "AuthorityLevel members")(instance, attribute, value)
    if len(set(value)) != len(value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "each authority level once"
        )


@attrs.frozen(kw_only=True, repr=False)
class Procedure:
    """An administrative procedure (*thủ tục hành chính*, TTHC) as published.

    The fields follow Decree 63/2010/NĐ-CP Art. 8(2) and the national procedure package
    (``GoiTinThuTucQG``). Processing time and fees live in the cases, per channel: use
    [`processing_time`][tthc.procedures.Procedure.processing_time],
    [`fees`][tthc.procedures.Procedure.fees] and
    [`compute_deadline`][tthc.procedures.Procedure.compute_deadline] rather than walking them.

    To add data of your own, put JSON data in ``extensions`` (kept, validated and written as
    is) or subclass: see the how-to "Extend procedures".

    Attributes:
        code: The procedure code (*mã TTHC*), e.g. "1.001193"; opaque text checked against
            [`CODE_PATTERN`][tthc.procedures.CODE_PATTERN].
        name: The procedure's name (*tên thủ tục*).
        cases: The cases (*trường hợp*), at least one, with distinct names; ``None`` names the
            general case.
        scope: External (citizens, businesses) or internal (*TTHC nội bộ*).
        procedure_type: The national ``LOAITTHC``, if known.
        authority_levels: The levels that carry it out (*cấp thực hiện*), each once.
        sectors: Fields of state management (*lĩnh vực*).
        implementing_agencies: Agencies that carry it out (*cơ quan thực hiện*).
        competent_agencies: Agencies with the power to decide (*cơ quan có thẩm quyền*).
        delegated_agencies: Agencies it is delegated to (*cơ quan được ủy quyền*).
        coordinating_agencies: Agencies that cooperate (*cơ quan phối hợp*).
        subjects: Who may apply (*đối tượng thực hiện*).
        steps: The sequence of steps (*trình tự thực hiện*) common to the cases.
        requirements: Requirements and conditions (*yêu cầu, điều kiện*), one text each.
        results: What the applicant gets (*kết quả thực hiện*).
        result_channels: How the result can be returned (*cách thức trả kết quả*): in person,
            online, by post; empty when not stated.
        legal_basis: The legal documents it rests on (*căn cứ pháp lý*).
        online_level: The declared online service level; ``None`` means no online public
            service (see [`tthc.procedures.service_levels`][tthc.procedures.service_levels]).
        eligible_for_full_online: Whether the national database flags it as eligible for a full
            online service (*đủ điều kiện DVCTT toàn trình*): the denominator of coverage rates.
        description: The published description (``MOTA``).
        reception_address: Where dossiers are received (*địa chỉ tiếp nhận*).
        subjects_text: The published description of the subjects.
        implementing_agencies_text: The published description of the implementing agencies.
        competent_agencies_text: The published description of the competent agencies.
        keywords: Search keywords as published (*từ khóa*).
        publication_decision: The number of the decision that published the procedure
            (*quyết định công bố*).
        publishing_agency_code: The code of the publishing agency (``MACOQUANCONGBO``).
        related_procedures: Related procedures (*TTHC liên quan*), as published.
        interconnected_procedures: Procedures carried out together with it (*TTHC liên thông*).
        valid_from: First day the record applies, if known.
        valid_to: Last day the record applies, if it has ended (for records of district-level
            procedures before 1 July 2025, for instance).
        extensions: Extra data of other teams or formats: a mapping from names to JSON data,
            stored read-only. Use a namespaced key ("province.hn") per owner.

    Raises:
        InvalidValueError: A value breaks the rules above; ``.field`` names it
            (``"Procedure.code"``, ``"ChannelOption.processing_time"``, …).

    Examples:
        >>> Procedure(code="1.1193", name="Sai mã (ví dụ)", cases=[ProcedureCase()])
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'
        >>> import attrs
        >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])
        >>> attrs.evolve(p, authority_levels=[AuthorityLevel.COMMUNE]).authority_levels
        (<AuthorityLevel.COMMUNE: 'commune'>,)

    References:
        - Decree 63/2010/NĐ-CP, Art. 8(2), as amended: the components of a procedure
          (CONFIRMED, research notes ``vn_legal.md`` §4.1).
        - CSDLQG procedure package ``GoiTinThuTucQG`` (from ``LayThuTuc``) (CONFIRMED, §4.2).
        - Decree 42/2022/NĐ-CP and Decision 766/QĐ-TTg indicator 3.1: the "eligible for full
          online" flag (§3.1).
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    scope: ProcedureScope = attrs.field(
        default=ProcedureScope.EXTERNAL, validator=_v.member_of(ProcedureScope)
    )
    procedure_type: ProcedureType | None = attrs.field(
        default=None, validator=_optional_member(ProcedureType)
    )
    authority_levels: tuple[AuthorityLevel, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_distinct_levels
    )
    sectors: tuple[Sector, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Sector, "Sector records")
    )
    implementing_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Agency, "Agency records")
    )
    competent_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Agency, "Agency records")
    )
    delegated_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Agency, "Agency records")
    )
    coordinating_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Agency, "Agency records")
    )
    subjects: tuple[Subject, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Subject, "Subject records")
    )
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Step, "Step records")
    )
    requirements: tuple[str, ...] = attrs.field(
        default=(), converter=_text_tuple, validator=_texts
    )
    cases: tuple[ProcedureCase, ...] = attrs.field(converter=_to_tuple, validator=_check_cases)
    results: tuple[Result, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Result, "Result records")
    )
    result_channels: tuple[Channel, ...] = attrs.field(
        default=(),
        converter=_sorted_channels,
        validator=_tuple_of(Channel, "Channel members (Channel.POSTAL, …)"),
    )
    legal_basis: tuple[LegalDocument, ...] = attrs.field(
        default=(),
        converter=_to_tuple,
        validator=_tuple_of(LegalDocument, "LegalDocument records"),
    )
    online_level: OnlineServiceLevel | None = attrs.field(
        default=None, validator=_optional_member(OnlineServiceLevel)
    )
    eligible_for_full_online: bool = attrs.field(default=False, validator=_flag)
    description: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    reception_address: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    subjects_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    implementing_agencies_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    competent_agencies_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    keywords: str | None = attrs.field(default=None, converter=_v.nfc, validator=_optional_text)
    publication_decision: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    publishing_agency_code: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_optional_text
    )
    related_procedures: tuple[str, ...] = attrs.field(
        default=(), converter=_text_tuple, validator=_texts
    )
    interconnected_procedures: tuple[str, ...] = attrs.field(
        default=(), converter=_text_tuple, validator=_texts
    )
    valid_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    valid_to: dt.date | None = attrs.field(default=None, validator=_not_before("valid_from"))
    extensions: Mapping[str, Any] = attrs.field(
        factory=_empty_extensions, converter=_freeze_extensions, validator=_check_extensions
    )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name!r} cases={len(self.cases)}>"

    # --- lookups -----------------------------------------------------------------------------

    def case(self, name: str | None = None) -> ProcedureCase:
        """The case called ``name``; without a name, the only case or else the general one.

        Args:
            name: The case's name as published (compared after NFC normalisation), or ``None``.

        Returns:
            The case.

        Raises:
            InvalidValueError: No case has that name, or ``name`` is ``None`` and the procedure
                has several named cases and no general one.

        Examples:
            >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[
            ...     ProcedureCase(name="Trường hợp A"), ProcedureCase(name="Trường hợp B")])
            >>> p.case("Trường hợp B").name
            'Trường hợp B'
            >>> p.case()
            Traceback (most recent call last):
            ...
            tthc.errors.InvalidValueError: Procedure.case(name): expected one of the case names 'Trường hợp A', 'Trường hợp B' (the procedure has no general case), got None
        """
        if name is None and len(self.cases) == 1:
            return self.cases[0]
        wanted = _v.nfc(name) if isinstance(name, str) else name
        for case in self.cases:
            if case.name == wanted:
                return case
        names = ", ".join(repr(c.name) for c in self.cases)
        hint = " (the procedure has no general case)" if name is None else ""
        raise InvalidValueError(
            "Procedure.case(name)", name, f"one of the case names {names}{hint}"
        )

    def channel_option(self, channel: Channel, case: str | None = None) -> ChannelOption:
        """The option of a case (see [`case`][tthc.procedures.Procedure.case]) for ``channel``.

        Raises:
            InvalidValueError: No such case, the case does not offer ``channel``, or offers it
                several times.
        """
        return self.case(case).option(channel)

    def processing_time(self, channel: Channel, case: str | None = None) -> Duration:
        """The processing time (*thời hạn giải quyết*) of a case through ``channel``.

        Args:
            channel: The channel the dossier came through.
            case: The case's name; ``None`` for the only (or the general) case.

        Returns:
            The processing time.

        Raises:
            InvalidValueError: No such case or channel, or the record states no processing time
                that can be counted for it.

        Examples:
            >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase(
            ...     channels=[ChannelOption(channel=Channel.POSTAL,
            ...                             processing_time=Duration.calendar_days(10))])])
            >>> str(p.processing_time(Channel.POSTAL))
            '10 ngày'
            >>> p.processing_time(Channel.ONLINE)
            Traceback (most recent call last):
            ...
            tthc.errors.InvalidValueError: ProcedureCase.option(channel): expected a channel the general case offers (POSTAL), got <Channel.ONLINE: 2>
        """
        option = self.channel_option(channel, case)
        if option.processing_time is None:
            raise InvalidValueError(
                "Procedure.processing_time(channel)",
                channel,
                "a channel whose processing time the record states as a number and a unit "
                f"(this one says {option.description!r})",
            )
        return option.processing_time

    def fees(self, channel: Channel, case: str | None = None) -> tuple[Fee, ...]:
        """The fees and charges of a case through ``channel``.

        Raises:
            InvalidValueError: No such case or channel.
        """
        return self.channel_option(channel, case).fees

    def compute_deadline(
        self,
        received_at: dt.datetime,
        *,
        channel: Channel,
        case: str | None = None,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        pauses: Iterable[Pause] = (),
        reschedules: Iterable[Reschedule] = (),
    ) -> Deadline:
        """When a dossier of this procedure received at ``received_at`` is due (*ngày hẹn trả*).

        Looks up the processing time of ``case`` through ``channel`` and hands it to
        [`tthc.deadlines.compute_deadline`][tthc.deadlines.compute_deadline].

        Args:
            received_at: The official receipt instant, timezone-aware.
            channel: The channel the dossier came through.
            case: The case's name; ``None`` for the only (or the general) case.
            calendar: The working calendar (default: ``vietnam_calendar()``).
            policy: How to count (default: the working-time policy).
            pauses: Clock pauses (supplement waiting).
            reschedules: New appointments given on apology slips.

        Returns:
            The [`Deadline`][tthc.deadlines.Deadline].

        Raises:
            InvalidValueError: No such case or channel, no countable processing time, or a bad
                argument for ``compute_deadline``.
            OutOfCalendarRangeError: The dates are outside the calendar's years.
        """
        duration = self.processing_time(channel, case)
        return _compute_deadline(
            received_at,
            duration,
            calendar=calendar,
            policy=policy,
            pauses=pauses,
            reschedules=reschedules,
        )

    # --- derived values ----------------------------------------------------------------------

    @property
    def channels(self) -> tuple[Channel, ...]:
        """Every channel some case offers, in channel order."""
        return tuple(sorted({o.channel for case in self.cases for o in case.channels}))

    @property
    def forms(self) -> tuple[Attachment, ...]:
        """The forms and declarations (*mẫu đơn, tờ khai*) of every case, each once, in order."""
        seen: dict[Attachment, None] = {}
        for case in self.cases:
            for component in case.components:
                if component.form is not None:
                    seen.setdefault(component.form, None)
        return tuple(seen)

    @property
    def all_steps(self) -> tuple[Step, ...]:
        """The procedure's steps followed by every case's own steps."""
        return self.steps + tuple(step for case in self.cases for step in case.steps)

    @property
    def accepts_online_submission(self) -> bool:
        """Whether some case can be submitted through the online channel."""
        return Channel.ONLINE in self.channels

    @property
    def returns_result_remotely(self) -> bool:
        """Whether the result can be returned online or by post (``result_channels``)."""
        return Channel.ONLINE in self.result_channels or Channel.POSTAL in self.result_channels

    @property
    def is_historical(self) -> bool:
        """Whether the record names an authority level that no longer exists (district)."""
        return any(level.is_historical for level in self.authority_levels)
