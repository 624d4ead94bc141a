"""Tests of tthc.procedures.process: internal processes, their steps and budgets.

The processes are EXAMPLES invented for the tests (no published step table could be read in
full); the rules come from Decree 118/2025/NĐ-CP Art. 12(3) (the time of each step, within the
processing time) and Art. 20(2) (each agency's deadline).
"""

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
    HOURS_PER_WORKING_DAY,
    HandlingUnit,
    InternalProcess,
    Phase,
    ProcessStep,
    StepRole,
)
from tthc.procedures.process import budget_hours, hours_duration, parse_budget

DESK = HandlingUnit(agency="VD.TT", department="Bộ phận Một cửa")
DEPT = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
OTHER = HandlingUnit(agency="VD.SK", department="Phòng Z")


def step(name: str, budget: str, unit: HandlingUnit = DEPT) -> ProcessStep:
    return ProcessStep(name=name, unit=unit, budget=Duration.parse(budget))


def process(*phases: Phase, limit: str = "5 ngày làm việc", **kw: object) -> InternalProcess:
    values: dict[str, object] = {
        "procedure_code": "0.000001",
        "processing_time": Duration.parse(limit),
        "receiving_unit": DESK,
        "lead_agency": "VD.SO",
        "phases": phases,
    }
    values.update(kw)
    return InternalProcess(**values)  # type: ignore[arg-type]


class TestBudgets:
    """Budgets are working time; 1 working day = 8 working hours (the one-stop systems' count)."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("0,5 ngày làm việc", Decimal(4)),
            ("0,25 ngày làm việc", Decimal(2)),
            ("4 giờ làm việc", Decimal(4)),
            ("12 ngày làm việc", Decimal(96)),
        ],
    )
    def test_hours(self, text: str, expected: Decimal) -> None:
        assert budget_hours(Duration.parse(text)) == expected

    def test_eight_hours(self) -> None:
        assert HOURS_PER_WORKING_DAY == 8

    @pytest.mark.parametrize(
        ("hours", "text"),
        [
            (Decimal(16), "2 ngày làm việc"),
            (Decimal("4.0"), "4 giờ làm việc"),
            (Decimal(0), "0 ngày làm việc"),
        ],
    )
    def test_as_duration(self, hours: Decimal, text: str) -> None:
        assert str(hours_duration(hours)) == text

    @pytest.mark.parametrize(
        "budget",
        [
            Duration.calendar_days(2),
            Duration.months(1),
            Duration.same_day(),
            Duration.hours(4),
            Duration.working_days(0),
            "4 giờ làm việc",
        ],
    )
    def test_other_budgets_are_refused(self, budget: object) -> None:
        with pytest.raises(InvalidValueError) as info:
            ProcessStep(name="A", unit=DEPT, budget=budget)  # type: ignore[arg-type]
        assert info.value.field == "ProcessStep.budget"


class TestValidation:
    """Budgets that exceed the processing time are refused naming the steps; short is allowed."""

    def test_over_budget_names_the_steps(self) -> None:
        """5.5 days of steps in a 5-day procedure."""
        with pytest.raises(InvalidValueError) as info:
            process(
                Phase(steps=[step("Tiếp nhận", "0,5 ngày làm việc", DESK)]),
                Phase(steps=[step("Thẩm định", "4 ngày làm việc")]),
                Phase(steps=[step("Ký", "1 ngày làm việc")]),
            )
        assert info.value.field == "InternalProcess.phases"
        assert info.value.value == (
            "'Tiếp nhận' 0,5 ngày làm việc + 'Thẩm định' 4 ngày làm việc + 'Ký' 1 ngày làm việc"
            " = 44 giờ làm việc"
        )
        assert "at most the processing time, 5 ngày làm việc" in str(info.value)

    def test_parallel_steps_count_once(self) -> None:
        """Steps side by side take as long as the longest: 1 + max(3, 2) + 1 = 5 days."""
        p = process(
            Phase(steps=[step("A", "1 ngày làm việc")]),
            Phase(steps=[step("B1", "3 ngày làm việc"), step("B2", "16 giờ làm việc", OTHER)]),
            Phase(steps=[step("C", "1 ngày làm việc")]),
        )
        assert str(p.planned_time) == "5 ngày làm việc"
        assert p.phases[1].is_parallel
        assert not p.is_short

    def test_parallel_over_budget_is_named(self) -> None:
        with pytest.raises(InvalidValueError, match=re.escape("max('B1' 5 ngày làm việc, 'B2'")):
            process(
                Phase(steps=[step("A", "1 ngày làm việc")]),
                Phase(steps=[step("B1", "5 ngày làm việc"), step("B2", "2 giờ làm việc")]),
            )

    def test_short_budgets_are_a_finding(self) -> None:
        p = process(Phase(steps=[step("A", "3,5 ngày làm việc")]))
        assert p.is_short
        assert str(p.slack) == "12 giờ làm việc"
        assert p.findings == (
            (
                "the step budgets add up to 28 giờ làm việc, 12 giờ làm việc less than the "
                "processing time 5 ngày làm việc"
            ),
        )

    def test_processing_time_in_hours(self) -> None:
        p = process(Phase(steps=[step("A", "0,5 ngày làm việc")]), limit="4 giờ làm việc")
        assert not p.is_short

    @pytest.mark.parametrize("limit", ["30 ngày", "3 tháng", "trong ngày", "24 giờ"])
    def test_limit_not_in_working_time(self, limit: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            process(Phase(steps=[step("A", "1 ngày làm việc")]), limit=limit)
        assert info.value.field == "InternalProcess.processing_time"

    def test_repeated_step_names(self) -> None:
        with pytest.raises(InvalidValueError, match="distinct names") as info:
            process(
                Phase(steps=[step("A", "1 giờ làm việc")]),
                Phase(steps=[step("A", "1 giờ làm việc")]),
            )
        assert info.value.value == ["A"]

    def test_lead_agency_must_hold_a_step(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            process(Phase(steps=[step("A", "1 giờ làm việc")]), lead_agency="VD.KHAC")
        assert info.value.field == "InternalProcess.lead_agency"

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("procedure_code", "1.1193"),
            ("phases", ()),
            ("receiving_unit", "VD.TT"),
            ("name", " "),
        ],
    )
    def test_bad_fields(self, field: str, value: object) -> None:
        with pytest.raises(InvalidValueError) as info:
            process(Phase(steps=[step("A", "1 giờ làm việc")]), **{field: value})
        assert info.value.field == f"InternalProcess.{field}"

    def test_phase_needs_steps(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            Phase(steps=[])
        assert info.value.field == "Phase.steps"

    def test_units(self) -> None:
        assert str(DEPT) == "VD.SO/Phòng chuyên môn"
        with pytest.raises(InvalidValueError) as info:
            HandlingUnit(agency=" ")
        assert info.value.field == "HandlingUnit.agency"
        # NFD text is stored as NFC, so the same unit compares equal however it was typed.
        assert (
            HandlingUnit(
                agency="VD.SO", department=unicodedata.normalize("NFD", "Phòng chuyên môn")
            )
            == DEPT
        )


class TestLookups:
    """Steps by name, agencies and their shares."""

    P = process(
        Phase(steps=[step("Tiếp nhận", "4 giờ làm việc", DESK)]),
        Phase(
            steps=[step("Thẩm định", "2 ngày làm việc"), step("Ý kiến", "1 ngày làm việc", OTHER)]
        ),
        Phase(steps=[step("Ký", "1 ngày làm việc")]),
    )

    def test_step_and_phase(self) -> None:
        assert self.P.step("Ký").budget == Duration.working_days(1)
        assert self.P.phase_of("Ý kiến") == 1
        with pytest.raises(InvalidValueError, match="one of 'Tiếp nhận'"):
            self.P.step("Không có")

    def test_agencies(self) -> None:
        assert self.P.agencies == ("VD.TT", "VD.SO", "VD.SK")
        assert self.P.participating_agencies == ("VD.SK",)
        assert self.P.is_inter_agency
        shares = [(s.agency, str(s.budget), s.steps) for s in self.P.agency_shares()]
        assert shares == [
            ("VD.TT", "4 giờ làm việc", ("Tiếp nhận",)),
            ("VD.SO", "3 ngày làm việc", ("Thẩm định", "Ký")),
            ("VD.SK", "1 ngày làm việc", ("Ý kiến",)),
        ]

    def test_schedule_of_parallel_steps(self) -> None:
        """The next phase starts when the longest parallel step is due."""
        received = dt.datetime(2026, 3, 2, 8, tzinfo=VN_TZ)  # Monday
        planned = self.P.schedule(received)
        assert [(p.step.name, p.due_at.day, p.due_at.hour) for p in planned] == [
            ("Tiếp nhận", 2, 12),
            ("Thẩm định", 4, 12),
            ("Ý kiến", 3, 12),
            ("Ký", 5, 12),
        ]

    def test_schedule_refuses_civil_code(self) -> None:
        received = dt.datetime(2026, 3, 2, 8, tzinfo=VN_TZ)
        with pytest.raises(InvalidValueError, match="working-time policy"):
            self.P.schedule(received, policy=DeadlinePolicy.civil_code())

    def test_records_are_values(self) -> None:
        assert pickle.loads(pickle.dumps(self.P)) == self.P  # noqa: S301 - our own data
        renamed = attrs.evolve(self.P, name="Quy trình (ví dụ)")
        assert renamed.name == "Quy trình (ví dụ)"
        assert StepRole.RETURN.label == "Trả kết quả"


class TestNotCounted:
    """Steps whose time is not counted (*không tính thời gian*) take no share of the time."""

    def not_counted(self, name: str, unit: HandlingUnit = DESK) -> ProcessStep:
        return ProcessStep(name=name, unit=unit, role=StepRole.RETURN, budget=None)

    @pytest.mark.parametrize(
        "text", ["Không tính thời gian", "KHÔNG TÍNH THỜI GIAN", " giờ  hành chính ",
                 unicodedata.normalize("NFD", "Không tính thời gian")]
    )  # fmt: skip
    def test_parse_budget_reads_the_published_texts(self, text: str) -> None:
        assert parse_budget(text) is None

    def test_parse_budget_reads_durations(self) -> None:
        assert parse_budget("07 ngày làm việc") == Duration.working_days(7)
        with pytest.raises(InvalidValueError):
            parse_budget(None)  # type: ignore[arg-type]

    def test_budgets_sum_and_schedule_without_it(self) -> None:
        """3 days of budgets for 3 days; the return starts at the end, with no due instant."""
        process = InternalProcess(
            procedure_code="0.000001",
            processing_time=Duration.working_days(3),
            receiving_unit=DESK,
            lead_agency="VD.SO",
            phases=[
                Phase(steps=[step("Xử lý", "3 ngày làm việc")]),
                Phase(steps=[self.not_counted("Trả kết quả")]),
            ],
        )
        assert str(process.planned_time) == "3 ngày làm việc"
        assert not process.is_short
        assert [str(s.budget) for s in process.agency_shares()] == [
            "3 ngày làm việc",
            "0 ngày làm việc",
        ]
        # Mon 02/03/2026 08:00 + 3 working days: Wed 04/03 17:00.
        planned = process.schedule(dt.datetime(2026, 3, 2, 8, tzinfo=VN_TZ))
        assert [p.due_at for p in planned] == [dt.datetime(2026, 3, 4, 17, tzinfo=VN_TZ), None]
        assert planned[1].start_at == dt.datetime(2026, 3, 4, 17, tzinfo=VN_TZ)

    def test_over_budget_message_leaves_it_out(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            InternalProcess(
                procedure_code="0.000001",
                processing_time=Duration.working_days(1),
                receiving_unit=DESK,
                lead_agency="VD.SO",
                phases=[
                    Phase(steps=[step("Xử lý", "2 ngày làm việc"), self.not_counted("Ý kiến")]),
                    Phase(steps=[self.not_counted("Trả kết quả")]),
                ],
            )
        assert info.value.value == "'Xử lý' 2 ngày làm việc = 2 ngày làm việc"

    def test_parallel_with_a_counted_step(self) -> None:
        """A phase's length is its longest counted budget; the next phase starts at its due."""
        process = InternalProcess(
            procedure_code="0.000001",
            processing_time=Duration.working_days(2),
            receiving_unit=DESK,
            lead_agency="VD.SO",
            phases=[
                Phase(
                    steps=[self.not_counted("Ghi nhận", OTHER), step("Xử lý", "4 giờ làm việc")]
                ),
                Phase(steps=[step("Ký", "1 ngày làm việc")]),
            ],
        )
        assert process.phases[0].hours == 4
        planned = process.schedule(dt.datetime(2026, 3, 2, 8, tzinfo=VN_TZ))
        assert [p.due_at for p in planned] == [
            None,
            dt.datetime(2026, 3, 2, 12, tzinfo=VN_TZ),
            dt.datetime(2026, 3, 3, 12, tzinfo=VN_TZ),  # 8 h from Mon 12:00
        ]
