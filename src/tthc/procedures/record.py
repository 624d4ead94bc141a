"""Administrative procedures (*thủ tục hành chính*) as published records, and their parts.

A [`Procedure`][tthc.procedures.Procedure] holds what Decree 63/2010/NĐ-CP Art. 8(2) requires of
every procedure (name, steps, channels, dossier, processing time, subjects, implementing agency,
result; where applicable forms, requirements and fees) in the shape of the national procedure
database (CSDLQG): one or more **cases** (*trường hợp*), each with its own dossier components
and, **per channel** (in person, online, public postal service), its processing time and fees.

This module holds the procedure and its cases; the parts they are made of are in
``tthc.procedures.parts``, the enumerations in ``tthc.procedures.enums`` and the agencies in
``tthc.procedures.agency`` (all re-exported by [`tthc.procedures`][tthc.procedures]).

Records are immutable (``attrs`` frozen, keyword-only) and validated when built: a bad value
raises [`InvalidValueError`][tthc.errors.InvalidValueError] naming ``Owner.field``. Change a record
with ``attrs.evolve``. Reading and writing JSON (the library's own format and the national
package) is [`tthc.io`][tthc.io].

Examples:
    >>> import datetime as dt
    >>> from tthc.durations import Duration  # noqa: TC001 - the doctests below use it
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
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.deadlines import compute_deadline as _compute_deadline
from tthc.durations import Duration  # noqa: TC001 - the doctests below use it
from tthc.errors import InvalidValueError
from tthc.procedures._extensions import check_extensions, empty_extensions, freeze_extensions
from tthc.procedures.agency import Agency, AuthorityLevel
from tthc.procedures.enums import Channel, OnlineServiceLevel, ProcedureScope, ProcedureType
from tthc.procedures.parts import (
    Attachment,
    ChannelOption,
    Component,
    Fee,
    LegalDocument,
    Result,
    Sector,
    Step,
    Subject,
    _sorted_channels,
)

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import Deadline, DeadlinePolicy, Pause, Reschedule

__all__ = ["CODE_PATTERN", "Procedure", "ProcedureCase"]

CODE_PATTERN: Final = re.compile(r"[0-9]\.[0-9]{6}")
"""The format of a procedure code (*mã thủ tục hành chính*, ``MaTTHC``), such as ``1.001193``.

One digit, a dot, six digits, ASCII only. The code is otherwise opaque: the meaning of the
leading digit is not confirmed (research notes ``vn_legal.md`` §4.3).
"""


def _options_by_channel(value: Iterable[ChannelOption]) -> Any:
    """Converter: options in channel order, keeping the order of options of the same channel."""
    items = _v.to_tuple(value)
    if isinstance(items, tuple) and all(
        isinstance(o, ChannelOption) and isinstance(o.channel, Channel) for o in items
    ):
        return tuple(sorted(items, key=lambda o: o.channel))
    return items


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
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Component, "Component records")
    )
    channels: tuple[ChannelOption, ...] = attrs.field(
        default=(),
        converter=_options_by_channel,
        validator=_v.tuple_of(ChannelOption, "ChannelOption records"),
    )
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Step, "Step records")
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
    _v.tuple_of(ProcedureCase, "ProcedureCase records", non_empty=True)(instance, attribute, value)
    seen: set[str | None] = set()
    for case in value:
        if case.name in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, case.name, "cases with distinct names (one general case)"
            )
        seen.add(case.name)


def _distinct_levels(instance: object, attribute: Any, value: Any) -> None:
    _v.tuple_of(AuthorityLevel, "AuthorityLevel members")(instance, attribute, value)
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
        default=None, validator=_v.optional_member(ProcedureType)
    )
    authority_levels: tuple[AuthorityLevel, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_distinct_levels
    )
    sectors: tuple[Sector, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Sector, "Sector records")
    )
    implementing_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Agency, "Agency records")
    )
    competent_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Agency, "Agency records")
    )
    delegated_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Agency, "Agency records")
    )
    coordinating_agencies: tuple[Agency, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Agency, "Agency records")
    )
    subjects: tuple[Subject, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Subject, "Subject records")
    )
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Step, "Step records")
    )
    requirements: tuple[str, ...] = attrs.field(
        default=(), converter=_v.text_tuple, validator=_v.texts
    )
    cases: tuple[ProcedureCase, ...] = attrs.field(converter=_v.to_tuple, validator=_check_cases)
    results: tuple[Result, ...] = attrs.field(
        default=(), converter=_v.to_tuple, validator=_v.tuple_of(Result, "Result records")
    )
    result_channels: tuple[Channel, ...] = attrs.field(
        default=(),
        converter=_sorted_channels,
        validator=_v.tuple_of(Channel, "Channel members (Channel.POSTAL, …)"),
    )
    legal_basis: tuple[LegalDocument, ...] = attrs.field(
        default=(),
        converter=_v.to_tuple,
        validator=_v.tuple_of(LegalDocument, "LegalDocument records"),
    )
    online_level: OnlineServiceLevel | None = attrs.field(
        default=None, validator=_v.optional_member(OnlineServiceLevel)
    )
    eligible_for_full_online: bool = attrs.field(default=False, validator=_v.flag)
    description: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    reception_address: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    subjects_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    implementing_agencies_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    competent_agencies_text: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    keywords: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
    publication_decision: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    publishing_agency_code: str | None = attrs.field(
        default=None, converter=_v.nfc, validator=_v.optional_text
    )
    related_procedures: tuple[str, ...] = attrs.field(
        default=(), converter=_v.text_tuple, validator=_v.texts
    )
    interconnected_procedures: tuple[str, ...] = attrs.field(
        default=(), converter=_v.text_tuple, validator=_v.texts
    )
    valid_from: dt.date | None = attrs.field(default=None, validator=_v.optional_date)
    valid_to: dt.date | None = attrs.field(
        default=None, validator=_v.date_not_before("valid_from")
    )
    extensions: Mapping[str, Any] = attrs.field(
        factory=empty_extensions, converter=freeze_extensions, validator=check_extensions
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
