"""Tests of tthc.procedures: enums with national codes, validated records, lookups, deadlines."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import unicodedata
from decimal import Decimal

import attrs
import pytest

from tthc.deadlines import VN_TZ, DeadlinePolicy
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import (
    CODE_PATTERN,
    Agency,
    ApplicantType,
    Attachment,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    ProcedureScope,
    ProcedureType,
    Result,
    Sector,
    Step,
    Subject,
)
from tthc.procedures.service_levels import OnlineServiceLevel

FIVE_DAYS = Duration.working_days(5)
THREE_DAYS = Duration.working_days(3)


def option(channel: Channel, duration: Duration | None = FIVE_DAYS, **kw) -> ChannelOption:
    return ChannelOption(channel=channel, processing_time=duration, **kw)


def procedure(**kw) -> Procedure:
    values = {
        "code": "0.000001",
        "name": "Thủ tục (ví dụ)",
        "cases": [
            ProcedureCase(channels=[option(Channel.IN_PERSON), option(Channel.ONLINE, THREE_DAYS)])
        ],
    }
    values.update(kw)
    return Procedure(**values)


TWO_CASES = procedure(
    cases=[
        ProcedureCase(
            name="Trường hợp A",
            components=[
                Component(name="Đơn (ví dụ)", form=Attachment(name="Mẫu 01.docx")),
                Component(name="Bản sao (ví dụ)", originals=0, copies=2),
            ],
            channels=[
                option(
                    Channel.IN_PERSON, FIVE_DAYS, fees=[Fee(kind=FeeKind.CHARGE, amount=50000)]
                ),
                option(Channel.ONLINE, THREE_DAYS, fees=[Fee(kind=FeeKind.CHARGE, amount=25000)]),
            ],
        ),
        ProcedureCase(
            name="Trường hợp B",
            components=[Component(name="Đơn (ví dụ)", form=Attachment(name="Mẫu 01.docx"))],
            channels=[
                option(Channel.POSTAL, Duration.calendar_days(10)),
                option(Channel.ONLINE, None, description="Theo thỏa thuận"),
            ],
            steps=[Step(description="Kiểm tra thực địa", channels=[Channel.IN_PERSON])],
        ),
    ],
    steps=[Step(description="Nộp hồ sơ", channels=[Channel.ONLINE, Channel.IN_PERSON])],
)


class TestEnums:
    """National codes are IntEnums (KENH, LOAITTHC, LoaiDoiTuong); labels are Vietnamese."""

    @pytest.mark.parametrize(
        ("code", "member", "label"),
        [
            (1, Channel.IN_PERSON, "Trực tiếp"),
            (2, Channel.ONLINE, "Trực tuyến"),
            (3, Channel.POSTAL, "Qua dịch vụ bưu chính công ích"),
        ],
    )
    def test_channel_codes(self, code, member, label):
        """KENH: 1 in person, 2 online, 3 public postal service (research notes §4.2)."""
        assert Channel(code) is member
        assert member.label == label

    def test_procedure_type_codes(self):
        """LOAITTHC: 1, 2, 3 with the national database's descriptions."""
        assert ProcedureType(1).label.startswith("TTHC không được luật giao")
        assert ProcedureType(2).label == "TTHC được luật giao quy định chi tiết"
        assert ProcedureType(3).label == "Loại khác"

    def test_applicant_type_codes(self):
        """LoaiDoiTuong: 1 individual, 2 enterprise, 3 state agency, 4 organisation."""
        assert [a.name for a in ApplicantType] == [
            "INDIVIDUAL",
            "ENTERPRISE",
            "STATE_AGENCY",
            "ORGANISATION",
        ]
        assert [int(a) for a in ApplicantType] == [1, 2, 3, 4]

    def test_fee_kinds(self):
        """Phí is a fee and lệ phí a charge."""
        assert FeeKind.FEE.label == "Phí"
        assert FeeKind.CHARGE.label == "Lệ phí"

    def test_scope_labels(self):
        """Internal procedures are TTHC nội bộ."""
        assert ProcedureScope.INTERNAL.label == "Thủ tục hành chính nội bộ"
        assert ProcedureScope.EXTERNAL.label == "Thủ tục hành chính"

    def test_district_level_is_historical_from_1_july_2025(self):
        """The district level was abolished on 1 July 2025; the others still exist."""
        assert AuthorityLevel.DISTRICT.abolished_on == dt.date(2025, 7, 1)
        assert AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 6, 30))
        assert not AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 7, 1))
        for level in (AuthorityLevel.CENTRAL, AuthorityLevel.PROVINCE, AuthorityLevel.COMMUNE):
            assert not level.is_historical
            assert level.exists_on(dt.date(2030, 1, 1))

    def test_exists_on_refuses_a_datetime(self):
        """exists_on takes a date, not a datetime."""
        bad = dt.datetime(2025, 7, 1, tzinfo=VN_TZ)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            AuthorityLevel.DISTRICT.exists_on(bad)
        assert info.value.field == "AuthorityLevel.exists_on(day)"


class TestProcedureCode:
    """The code is opaque text with a format check: one digit, a dot, six ASCII digits."""

    @pytest.mark.parametrize("code", ["1.001193", "2.000635", "3.000331", "0.000001"])
    def test_valid_codes(self, code):
        """Codes of the published shape are accepted as they are."""
        assert procedure(code=code).code == code

    @pytest.mark.parametrize(
        "bad",
        [
            "1.1193",
            "1.0011930",
            "11.001193",
            " 1.001193",
            "1.001193 ",
            "1,001193",
            "1.001193.000.00.00.H35",
            "١.٠٠١١٩٣",  # Arabic-Indic digits: \d would match them
            "",
            1.001193,
            None,
        ],
    )
    def test_invalid_codes_are_refused(self, bad):
        """Anything else raises InvalidValueError on Procedure.code."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            procedure(code=bad)
        assert info.value.field == "Procedure.code"

    def test_pattern_is_exported(self):
        """CODE_PATTERN is the check the record applies."""
        assert CODE_PATTERN.fullmatch("1.001193")


class TestValidation:
    """Records are validated on construction; errors name Owner.field, the value and the rule."""

    @pytest.mark.parametrize(
        ("build", "bad", "field"),
        [
            (lambda v: Agency(name=v), "  ", "Agency.name"),
            (lambda v: Agency(name="x", code=v), "", "Agency.code"),
            (lambda v: Sector(name=v), 5, "Sector.name"),
            (lambda v: Subject(name="x", applicant_type=v), 1, "Subject.applicant_type"),
            (lambda v: Attachment(name="x", url=v), " ", "Attachment.url"),
            (lambda v: Fee(amount=v), Decimal(-1), "Fee.amount"),
            (lambda v: Fee(amount=v), 0.5, "Fee.amount"),
            (lambda v: Fee(amount=v), Decimal("NaN"), "Fee.amount"),
            (lambda v: Fee(kind=v), "charge", "Fee.kind"),
            (lambda v: Fee(exemptions=v), "người cao tuổi", "Fee.exemptions"),
            (lambda v: Fee(exemptions=["a", v]), " ", "Fee.exemptions"),
            (lambda v: ChannelOption(channel=v, processing_time=None), 2, "ChannelOption.channel"),
            (
                lambda v: ChannelOption(channel=Channel.ONLINE, processing_time=v),
                "5 ngày làm việc",
                "ChannelOption.processing_time",
            ),
            (lambda v: Component(name="x", originals=v), -1, "Component.originals"),
            (lambda v: Component(name="x", copies=v), True, "Component.copies"),
            (lambda v: Component(name="x", mandatory=v), 1, "Component.mandatory"),
            (lambda v: Step(description="x", channels=[v]), 1, "Step.channels"),
            (lambda v: Result(name="x", template=v), "mẫu.docx", "Result.template"),
            (lambda v: ProcedureCase(name=v), "", "ProcedureCase.name"),
            (
                lambda v: ProcedureCase(components=[v]),
                Agency(name="x"),
                "ProcedureCase.components",
            ),
            (lambda v: procedure(name=v), "", "Procedure.name"),
            (lambda v: procedure(scope=v), "internal", "Procedure.scope"),
            (lambda v: procedure(cases=v), (), "Procedure.cases"),
            (
                lambda v: procedure(eligible_for_full_online=v),
                "yes",
                "Procedure.eligible_for_full_online",
            ),
            (lambda v: procedure(online_level=v), "full", "Procedure.online_level"),
            (lambda v: procedure(valid_from=v), dt.datetime(2025, 1, 1), "Procedure.valid_from"),
            (lambda v: procedure(requirements=v), "một yêu cầu", "Procedure.requirements"),
            (lambda v: procedure(extensions=v), ["not", "a", "mapping"], "Procedure.extensions"),
        ],
        ids=lambda x: x if isinstance(x, str) else None,
    )
    def test_bad_values_are_refused(self, build, bad, field):
        """Each bad value raises InvalidValueError naming the field and quoting the value."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            build(bad)
        assert info.value.field == field

    def test_extension_values_must_be_json(self):
        """Extension data that JSON cannot hold (a set, a NaN, a non-text key) is refused."""
        for bad, shown in [({1, 2}, {1, 2}), (float("nan"), float("nan")), ({1: "x"}, 1)]:
            with pytest.raises(InvalidValueError, match=re.escape(repr(shown))) as info:
                procedure(extensions={"team": bad})
            assert info.value.field == "Procedure.extensions"

    def test_effective_to_before_effective_from_is_refused(self):
        """A legal document cannot end before it takes effect."""
        bad = dt.date(2020, 1, 1)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            LegalDocument(
                number="01/2099/NĐ-VD", effective_from=dt.date(2021, 1, 1), effective_to=bad
            )
        assert info.value.field == "LegalDocument.effective_to"

    def test_valid_to_before_valid_from_is_refused(self):
        """A procedure record cannot stop applying before it starts."""
        bad = dt.date(2024, 12, 31)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            procedure(valid_from=dt.date(2025, 1, 1), valid_to=bad)
        assert info.value.field == "Procedure.valid_to"

    def test_duplicate_case_names_are_refused(self):
        """Two cases with one name would make lookups ambiguous."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("A"))) as info:
            procedure(cases=[ProcedureCase(name="A"), ProcedureCase(name="A")])
        assert info.value.field == "Procedure.cases"

    def test_two_general_cases_are_refused(self):
        """There is at most one general (unnamed) case."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(None))) as info:
            procedure(cases=[ProcedureCase(), ProcedureCase()])
        assert info.value.field == "Procedure.cases"

    def test_duplicate_authority_levels_are_refused(self):
        """Each authority level appears once."""
        bad = (AuthorityLevel.COMMUNE, AuthorityLevel.COMMUNE)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            procedure(authority_levels=bad)
        assert info.value.field == "Procedure.authority_levels"

    def test_general_case_has_no_own_steps(self):
        """The general case's steps are the procedure's steps."""
        steps = (Step(description="Bước"),)
        with pytest.raises(InvalidValueError, match=re.escape(repr(steps))) as info:
            ProcedureCase(steps=steps)
        assert info.value.field == "ProcedureCase.steps"

    def test_internal_step_has_no_channels(self):
        """A step done by the agency alone has no channel for the applicant."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(True))) as info:
            Step(description="Thẩm định", channels=[Channel.ONLINE], internal=True)
        assert info.value.field == "Step.internal"

    def test_errors_pickle(self):
        """A validation error survives pickling with its attributes."""
        with pytest.raises(InvalidValueError) as info:
            procedure(code="bad")
        again = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own bytes
        assert (again.field, again.value, str(again)) == ("Procedure.code", "bad", str(info.value))


class TestShapeNormalisation:
    """Converters only normalise shape: lists to tuples, NFC text, ints to Decimal, sorted channel sets."""

    def test_lists_become_tuples(self):
        """Sequences given as lists are stored as tuples."""
        p = procedure(authority_levels=[AuthorityLevel.PROVINCE], requirements=["a", "b"])
        assert p.authority_levels == (AuthorityLevel.PROVINCE,)
        assert p.requirements == ("a", "b")

    def test_text_is_nfc(self):
        """Decomposed Vietnamese (NFD, common in pasted text) is stored in NFC."""
        nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
        assert nfd != "Đăng ký khai sinh"
        assert procedure(name=nfd).name == "Đăng ký khai sinh"
        assert ProcedureCase(name=nfd).name == "Đăng ký khai sinh"
        assert procedure(requirements=[nfd]).requirements == ("Đăng ký khai sinh",)

    def test_int_amount_becomes_decimal(self):
        """An int amount is stored as the equal Decimal."""
        fee = Fee(kind=FeeKind.CHARGE, amount=8000)
        assert type(fee.amount) is Decimal
        assert fee.amount == Decimal(8000)

    def test_step_channels_are_a_sorted_set(self):
        """Step channels are sorted and each kept once."""
        step = Step(description="x", channels=[Channel.POSTAL, Channel.ONLINE, Channel.POSTAL])
        assert step.channels == (Channel.ONLINE, Channel.POSTAL)

    def test_options_are_in_channel_order(self):
        """A case's options are sorted by channel, keeping the order within one channel."""
        first = option(Channel.ONLINE, description="một")
        second = option(Channel.ONLINE, description="hai")
        case = ProcedureCase(channels=[first, option(Channel.IN_PERSON), second])
        assert [o.channel for o in case.channels] == [
            Channel.IN_PERSON,
            Channel.ONLINE,
            Channel.ONLINE,
        ]
        assert case.options(Channel.ONLINE) == (first, second)

    def test_a_text_is_not_a_list_of_characters(self):
        """A text given for a list is refused rather than split into characters."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("abc"))):
            procedure(related_procedures="abc")


class TestImmutability:
    """Records are frozen; attrs.evolve makes validated changed copies."""

    def test_records_are_frozen(self):
        """Assigning to a field raises attrs' FrozenInstanceError."""
        p = procedure()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            p.name = "khác"  # type: ignore[misc]

    def test_extensions_are_read_only(self):
        """Extension data cannot be changed in place, at any depth."""
        p = procedure(extensions={"team": {"list": [1, 2]}})
        with pytest.raises(TypeError):
            p.extensions["x"] = 1  # type: ignore[index]
        assert p.extensions["team"]["list"] == (1, 2)

    def test_evolve_validates(self):
        """evolve runs the validators, so a bad change raises and the original is untouched."""
        p = procedure()
        with pytest.raises(InvalidValueError, match=re.escape(repr("x"))):
            attrs.evolve(p, code="x")
        assert p.code == "0.000001"
        assert (
            attrs.evolve(p, online_level=OnlineServiceLevel.PARTIAL).online_level
            is OnlineServiceLevel.PARTIAL
        )

    def test_records_are_hashable_and_pickle(self):
        """A whole procedure hashes, compares by value and survives pickling."""
        p = attrs.evolve(TWO_CASES, extensions={"team": {"a": [1, None, 2.5]}})
        again = pickle.loads(pickle.dumps(p))  # noqa: S301 - our own bytes
        assert again == p
        assert hash(again) == hash(p)
        assert len({p, again}) == 1

    def test_repr_is_short(self):
        """A procedure's repr names its code, name and number of cases."""
        assert repr(TWO_CASES) == "<Procedure 0.000001 'Thủ tục (ví dụ)' cases=2>"


class TestLookups:
    """A case by name, its option per channel, processing time and fees."""

    def test_only_case_without_a_name(self):
        """Without a name, the only case is returned."""
        p = procedure()
        assert p.case() is p.cases[0]

    def test_general_case_without_a_name(self):
        """Without a name and with several cases, the general case is returned."""
        general = ProcedureCase(channels=[option(Channel.IN_PERSON)])
        p = procedure(cases=[ProcedureCase(name="A"), general])
        assert p.case() is general

    def test_case_by_name_is_nfc_insensitive(self):
        """A case is found by its name in NFC or NFD."""
        name = TWO_CASES.cases[1].name
        assert TWO_CASES.case(unicodedata.normalize("NFD", name)) is TWO_CASES.cases[1]

    def test_unknown_case_is_refused(self):
        """An unknown name raises InvalidValueError listing the names."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("C"))) as info:
            TWO_CASES.case("C")
        assert info.value.field == "Procedure.case(name)"
        assert "'Trường hợp A', 'Trường hợp B'" in str(info.value)

    def test_no_general_case_is_refused(self):
        """Without a name, several named cases and no general one is an error."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(None))) as info:
            TWO_CASES.case()
        assert "no general case" in str(info.value)

    def test_processing_time_per_channel_and_case(self):
        """Processing time depends on the case and on the channel."""
        assert TWO_CASES.processing_time(Channel.IN_PERSON, "Trường hợp A") == FIVE_DAYS
        assert TWO_CASES.processing_time(Channel.ONLINE, "Trường hợp A") == THREE_DAYS
        assert TWO_CASES.processing_time(Channel.POSTAL, "Trường hợp B") == Duration.calendar_days(
            10
        )

    def test_channel_not_offered_is_refused(self):
        """A channel the case does not offer raises InvalidValueError naming the offered ones."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(Channel.POSTAL))) as info:
            TWO_CASES.processing_time(Channel.POSTAL, "Trường hợp A")
        assert info.value.field == "ProcedureCase.option(channel)"
        assert "(IN_PERSON, ONLINE)" in str(info.value)

    def test_uncountable_time_is_refused(self):
        """An option whose time is not stated as a number (unit "Khác") has no processing time."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(Channel.ONLINE))) as info:
            TWO_CASES.processing_time(Channel.ONLINE, "Trường hợp B")
        assert info.value.field == "Procedure.processing_time(channel)"
        assert "Theo thỏa thuận" in str(info.value)

    def test_several_options_for_one_channel_are_ambiguous(self):
        """Two options through one channel must be told apart with options(channel)."""
        case = ProcedureCase(channels=[option(Channel.ONLINE), option(Channel.ONLINE, THREE_DAYS)])
        with pytest.raises(InvalidValueError, match=re.escape(repr(Channel.ONLINE))) as info:
            procedure(cases=[case]).processing_time(Channel.ONLINE)
        assert "2 options" in str(info.value)
        assert len(case.options(Channel.ONLINE)) == 2

    def test_options_refuses_a_code(self):
        """Channels are looked up by member, not by national code."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(2))) as info:
            TWO_CASES.cases[0].options(2)  # type: ignore[arg-type]
        assert info.value.field == "ProcedureCase.options(channel)"

    def test_fees(self):
        """Fees are per case and channel."""
        assert TWO_CASES.fees(Channel.ONLINE, "Trường hợp A") == (
            Fee(kind=FeeKind.CHARGE, amount=25000),
        )
        assert TWO_CASES.fees(Channel.POSTAL, "Trường hợp B") == ()

    def test_derived_values(self):
        """Channels, forms and steps are gathered from every case, each once."""
        assert TWO_CASES.channels == (Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL)
        assert TWO_CASES.forms == (Attachment(name="Mẫu 01.docx"),)
        assert [s.description for s in TWO_CASES.all_steps] == ["Nộp hồ sơ", "Kiểm tra thực địa"]
        assert TWO_CASES.accepts_online_submission
        assert not TWO_CASES.returns_result_remotely
        assert not TWO_CASES.is_historical
        assert procedure(authority_levels=[AuthorityLevel.DISTRICT]).is_historical

    def test_step_predicates(self):
        """A step needs presence only when in person is its only channel."""
        assert Step(description="x", channels=[Channel.IN_PERSON]).needs_presence
        assert not Step(
            description="x", channels=[Channel.IN_PERSON, Channel.ONLINE]
        ).needs_presence
        assert not Step(description="x").needs_presence
        assert not Step(description="x").is_stated
        assert Step(description="x", internal=True).can_be_done_online


class TestComputeDeadline:
    """compute_deadline looks up the case and channel's processing time and counts it."""

    # Monday 2 March 2026 08:00; no day off that week. Office hours 08:00-12:00, 13:00-17:00.
    RECEIVED = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ)

    def test_online_three_working_days(self):
        """3 working days from Monday 08:00 is 24 office hours later: Wednesday 17:00."""
        deadline = TWO_CASES.compute_deadline(
            self.RECEIVED, channel=Channel.ONLINE, case="Trường hợp A"
        )
        assert deadline.due_at == dt.datetime(2026, 3, 4, 17, 0, tzinfo=VN_TZ)
        assert deadline.duration == THREE_DAYS

    def test_in_person_five_working_days(self):
        """5 working days from Monday 08:00 ends on Friday 17:00."""
        deadline = TWO_CASES.compute_deadline(
            self.RECEIVED, channel=Channel.IN_PERSON, case="Trường hợp A"
        )
        assert deadline.due_at == dt.datetime(2026, 3, 6, 17, 0, tzinfo=VN_TZ)

    def test_policy_is_passed_on(self):
        """The Civil Code policy ends a limit at the end of its last day (24:00)."""
        deadline = TWO_CASES.compute_deadline(
            self.RECEIVED,
            channel=Channel.POSTAL,
            case="Trường hợp B",
            policy=DeadlinePolicy.civil_code(),
        )
        # Received 2 March; 10 calendar days not counting the day of receipt end on 12 March.
        assert deadline.due_on == dt.date(2026, 3, 12)

    def test_naive_receipt_is_refused(self):
        """A naive receipt instant is refused by the deadline computation."""
        naive = dt.datetime(2026, 3, 2, 8, 0)
        with pytest.raises(InvalidValueError, match=re.escape(repr(naive))):
            TWO_CASES.compute_deadline(naive, channel=Channel.ONLINE, case="Trường hợp A")
