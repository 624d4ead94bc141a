"""The parts of a procedure record (*thủ tục hành chính*): who, what, how, through which channel.

Sectors (*lĩnh vực*), subjects (*đối tượng thực hiện*), attached files and forms, the legal
basis (*căn cứ pháp lý*), fees and charges (*phí, lệ phí*), the per-channel options of a case
(processing time and fees), dossier components (*thành phần hồ sơ*), steps (*trình tự thực
hiện*) and results (*kết quả thực hiện*). Each is a frozen, keyword-only record validated when
built; the procedure and its cases that hold them are in ``tthc.procedures.record``.

References:
    Decree 63/2010/NĐ-CP, Art. 8(2), as amended; the national procedure package
    ``GoiTinThuTucQG`` (research notes ``vn_legal.md`` §4.1–4.2).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures.enums import ApplicantType, Channel, FeeKind

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Attachment",
    "ChannelOption",
    "Component",
    "Fee",
    "LegalDocument",
    "Result",
    "Sector",
    "Step",
    "Subject",
]


def _sorted_channels(value: Iterable[Channel]) -> Any:
    """Converter: a set of channels as a sorted tuple without repeats (when all are Channels)."""
    items = _v.to_tuple(value)
    if isinstance(items, tuple) and all(isinstance(c, Channel) for c in items):
        return tuple(sorted(set(items)))
    return items


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
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)


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
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    applicant_type: ApplicantType | None = attrs.field(
        default=None, validator=_v.optional_member(ApplicantType)
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
    url: str | None = attrs.field(default=None, validator=_v.optional_text)


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
    title: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    issuer: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    issued_on: dt.date | None = attrs.field(default=None, validator=_v.optional_date)
    effective_from: dt.date | None = attrs.field(default=None, validator=_v.optional_date)
    effective_to: dt.date | None = attrs.field(
        default=None, validator=_v.date_not_before("effective_from")
    )
    url: str | None = attrs.field(default=None, validator=_v.optional_text)
    article: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)


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

    kind: FeeKind | None = attrs.field(default=None, validator=_v.optional_member(FeeKind))
    amount: Decimal | None = attrs.field(
        default=None, converter=_v.to_decimal, validator=_check_amount
    )
    description: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    exemptions: tuple[str, ...] = attrs.field(
        default=(), converter=_v.text_tuple, validator=_v.texts
    )
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    attachment: Attachment | None = attrs.field(
        default=None, validator=_v.optional_instance(Attachment, "None or an Attachment")
    )


_check_duration = _v.optional_instance(
    Duration, "None or a tthc.Duration (e.g. Duration.parse('5 ngày làm việc'))"
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
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Fee, "Fee records")
    )
    description: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )


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
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    originals: int = attrs.field(default=1, validator=_v.count)
    copies: int = attrs.field(default=0, validator=_v.count)
    form: Attachment | None = attrs.field(
        default=None, validator=_v.optional_instance(Attachment, "None or an Attachment")
    )
    replaceable_by_result_code: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    mandatory: bool = attrs.field(default=True, validator=_v.flag)


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
        validator=_v.tuple_of(Channel, "Channel members (Channel.ONLINE, …)"),
    )
    internal: bool = attrs.field(default=False, validator=_v.flag)

    @internal.validator
    def _check_internal(self, attribute: Any, value: bool) -> None:  # noqa: FBT001 - a validator
        _v.flag(self, attribute, value)
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
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    template: Attachment | None = attrs.field(
        default=None, validator=_v.optional_instance(Attachment, "None or an Attachment")
    )
