"""Compliance cost (Circular 02/2017/TT-VPCP Art. 27), measures, plans and portfolios.

Expected values are worked by hand from the formula (in the comments) or taken from the
published figures cited in each class docstring; none comes from tthc itself.
"""

from __future__ import annotations

import decimal
import pickle
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal

import attrs
import pytest

from tthc.durations import Duration
from tthc.errors import InvalidValueError, MissingExtraError
from tthc.indicators import Rate
from tthc.procedures import (
    Channel,
    ChannelOption,
    Fee,
    FeeKind,
    Procedure,
    ProcedureCase,
)
from tthc.simplification import (
    COMMON_DAYS_PER_MONTH,
    COMMON_HOURS_PER_DAY,
    CONVERSION_CERTAINTY,
    Abolish,
    Action,
    AddCost,
    AddTask,
    ChangeCost,
    ChangeProcessingTime,
    ChangeTask,
    ChangeVolume,
    CostModel,
    Estimate,
    ExpenseKind,
    FigureCertainty,
    LowerAverageRule,
    Measure,
    Plan,
    Portfolio,
    PrescribedCost,
    PrescribedCostKind,
    RemoveCost,
    RemoveTask,
    Savings,
    Task,
    WagePeriod,
    WageRate,
    format_vnd,
    lower_average,
    plan_problems,
)

# An example wage, not an official figure: 5,280,000 / 22 / 8 = 30,000 VND an hour exactly.
WAGE = WageRate(
    amount=Decimal(5280000),
    year=2024,
    source="example value for the tests, not an official income figure",
    certainty=FigureCertainty.EXAMPLE,
)


def worked_model() -> CostModel:
    """The single-procedure example of the docs (docs/explanation/compliance-cost.md)."""
    return CostModel(
        code="1.000000",
        name="Cấp giấy phép (ví dụ)",
        times_per_year=1,
        subjects_per_year=1000,
        processing_time=Duration.working_days(5),
        tasks=[
            Task(name="Tìm hiểu thủ tục", hours=1),
            Task(name="Điền tờ khai", hours=2, copies=10000),
            Task(
                name="Chứng thực bản sao",
                hours=1,
                certification=20000,
                component="Bản sao sổ hộ khẩu",
            ),
            Task(name="Nộp hồ sơ", hours=3, travel=50000),
            Task(name="Nhận kết quả", hours=3, travel=50000),
        ],
        prescribed_costs=[
            PrescribedCost(kind=PrescribedCostKind.CHARGE, name="Lệ phí (ví dụ)", amount=100000)
        ],
    )


def worked_plan() -> Plan:
    model = worked_model()
    return Plan(
        model=model,
        measures=[
            Measure.drop_components(model, "Bản sao sổ hộ khẩu", action=Action.REUSE_DATA),
            Measure.lower_fee("Lệ phí (ví dụ)", 50000),
            Measure(
                action=Action.DECENTRALISE,
                changes=[ChangeTask(task="Nộp hồ sơ", hours=1, travel=20000)],
            ),
        ],
    )


class TestWageRate:
    """Art. 27(4) as practised (UNCERTAIN): income per month / 22 days / 8 hours."""

    def test_hourly_rate_by_hand(self):
        """5,280,000 VND a month / 22 / 8 = 240,000 a day = 30,000 an hour."""
        assert WAGE.per_day() == Decimal("240000.00")
        assert WAGE.per_hour() == Decimal("30000.00")
        assert WAGE.per_hour(places=0) == Decimal(30000)

    def test_yearly_amount(self):
        """63,360,000 a year / 12 months is the same 5,280,000 a month."""
        yearly = WageRate(
            amount=63_360_000,
            period=WagePeriod.YEAR,
            year=2024,
            source="example",
            certainty=FigureCertainty.EXAMPLE,
        )
        assert yearly.per_hour() == Decimal("30000.00")
        assert yearly.hours_per_period == Decimal(12 * 22 * 8)

    def test_days_and_hours_are_parameters(self):
        """5,200,000 / 26 days / 8 hours = 25,000 an hour; / 22 / 10 = 23,636.36."""
        w = WageRate(
            amount=5_200_000,
            year=2024,
            source="example",
            certainty=FigureCertainty.EXAMPLE,
            days_per_month=26,
        )
        assert w.per_hour() == Decimal("25000.00")
        w = WageRate(
            amount=5_200_000,
            year=2024,
            source="example",
            certainty=FigureCertainty.EXAMPLE,
            hours_per_day=10,
        )
        assert w.per_hour() == Decimal("23636.36")

    def test_common_values_are_labelled(self):
        """22 days and 8 hours are the defaults, labelled UNCERTAIN, and the text says so."""
        assert WAGE.days_per_month == COMMON_DAYS_PER_MONTH == 22
        assert WAGE.hours_per_day == COMMON_HOURS_PER_DAY == 8
        assert CONVERSION_CERTAINTY is FigureCertainty.UNCERTAIN
        text = WAGE.explain()
        assert "UNCERTAIN" in text
        assert "example (illustration only" in text
        assert "2024" in text
        assert text.endswith("= 30,000 VND per hour")

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            ("amount", 5280000.0),
            ("amount", Decimal(0)),
            ("amount", Decimal(-1)),
            ("amount", Decimal("NaN")),
            ("year", "2024"),
            ("year", 1800),
            ("source", " "),
            ("certainty", "example"),
            ("days_per_month", Decimal(0)),
            ("days_per_month", Decimal(32)),
            ("hours_per_day", Decimal(25)),
            ("period", "month"),
        ],
    )
    def test_bad_values_are_refused(self, field, bad):
        """Each bad value is refused with the field's name and the value in the message."""
        args = {
            "amount": Decimal(5280000),
            "year": 2024,
            "source": "example",
            "certainty": FigureCertainty.EXAMPLE,
        }
        args[field] = bad
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            WageRate(**args)
        assert info.value.field == f"WageRate.{field}"

    def test_float_hint(self):
        """A float amount is refused with a hint to write a Decimal."""
        with pytest.raises(InvalidValueError, match=r"a float is inexact: write Decimal\('"):
            WageRate(amount=5.5, year=2024, source="x", certainty=FigureCertainty.EXAMPLE)


class TestRecords:
    """Tasks, prescribed costs and cost models are validated when built."""

    def test_ints_become_decimals(self):
        """An int amount is stored as the equal Decimal (lossless)."""
        t = Task(name="A", hours=2, travel=50000)
        assert type(t.hours) is Decimal
        assert type(t.travel) is Decimal
        assert t.expense(ExpenseKind.TRAVEL) == 50000
        assert t.out_of_pocket == 50000

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            ("hours", -1),
            ("hours", 1.5),
            ("hours", Decimal("1.1234567")),
            ("travel", Decimal("1e15")),
            ("copies", True),
            ("name", ""),
            ("component", " "),
        ],
    )
    def test_task_refuses(self, field, bad):
        """A negative, float, too precise or too large amount, or a blank text, is refused."""
        args: dict[str, object] = {"name": "A", "hours": Decimal(1)}
        args[field] = bad
        with pytest.raises(InvalidValueError) as info:
            Task(**args)
        assert info.value.field == f"Task.{field}"

    def test_duplicate_task_names(self):
        """Two tasks of one procedure may not share a name (changes name their task)."""
        with pytest.raises(InvalidValueError, match="distinct names") as info:
            CostModel(
                code="1.000000",
                name="X",
                times_per_year=1,
                subjects_per_year=1,
                tasks=[Task(name="A", hours=1), Task(name="A", hours=2)],
            )
        assert info.value.field == "CostModel.tasks"
        assert info.value.value == "A"

    def test_lookup_errors_list_the_names(self):
        """Looking up an unknown task or cost names the ones there are."""
        m = worked_model()
        assert m.task("Nộp hồ sơ").hours == 3
        with pytest.raises(InvalidValueError, match="one of 'Tìm hiểu thủ tục'"):
            m.task("Không có")
        with pytest.raises(InvalidValueError, match=r"one of 'Lệ phí \(ví dụ\)'"):
            m.prescribed_cost("Phí")
        assert [t.name for t in m.tasks_of_component("Bản sao sổ hộ khẩu")] == [
            "Chứng thực bản sao"
        ]

    def test_nfc(self):
        """Names pasted in NFD are stored in NFC, so changes find their task."""
        nfc = "Nộp hồ sơ"
        t = Task(name=unicodedata.normalize("NFD", nfc), hours=1)
        assert t.name == nfc
        assert RemoveTask(unicodedata.normalize("NFD", nfc)).task == nfc

    def test_errors_pickle(self):
        """A refusal survives pickling with its attributes (multiprocessing)."""
        with pytest.raises(InvalidValueError) as info:
            Task(name="A", hours=-1)
        back = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
        assert (back.field, back.value, back.expected) == (
            info.value.field,
            info.value.value,
            info.value.expected,
        )


class TestArticle27Formula:
    """Art. 27(3): cost of one compliance = tasks + fees, charges and other prescribed costs;
    annual total = that × prescribed times per year × subjects per year."""

    def test_worked_example_by_hand(self):
        """The docs' single-procedure example, worked by hand.

        Hours: 1 + 2 + 1 + 3 + 3 = 10 h × 30,000 = 300,000.
        Out of pocket: copies 10,000 + certification 20,000 + travel 50,000 + 50,000 = 130,000.
        Charge: 100,000.  Per compliance: 300,000 + 130,000 + 100,000 = 530,000.
        Annual: 530,000 × 1 time × 1,000 subjects = 530,000,000.
        """
        cost = worked_model().cost(WAGE)
        assert cost.hours == 10
        assert cost.time_cost == 300_000
        assert cost.out_of_pocket == 130_000
        assert cost.prescribed == 100_000
        assert cost.per_compliance == 530_000
        assert cost.annual_total == 530_000_000

    def test_fractional_rate_rounded_once_half_up(self):
        """5,000,000 / 176 = 28,409.0909… an hour; 3 h = 85,227.27 → 85,227 (whole đồng).

        Every five years (0.2 a year) for 1,234 subjects: 85,227 × 0.2 × 1,234 = 85,227 × 246.8
        = 21,034,023.6 → 21,034,024 (half-up).
        """
        wage = WageRate(
            amount=5_000_000, year=2024, source="example", certainty=FigureCertainty.EXAMPLE
        )
        model = CostModel(
            code="1.000000",
            name="X",
            times_per_year=Decimal("0.2"),
            subjects_per_year=1234,
            tasks=[Task(name="A", hours=3)],
        )
        cost = model.cost(wage)
        assert cost.per_compliance == Decimal(85227)
        assert cost.annual_total == Decimal(21034024)
        cents = model.cost(wage, places=2)
        assert cents.per_compliance == Decimal("85227.27")
        # 85,227.27 × 246.8 = 21,034,090.236 → 21,034,090.24
        assert cents.annual_total == Decimal("21034090.24")

    def test_half_rounding_is_explicit(self):
        """88 VND a month / 176 = 0.5 VND an hour: half-up gives 1, half-even gives 0."""
        wage = WageRate(amount=88, year=2024, source="example", certainty=FigureCertainty.EXAMPLE)
        model = CostModel(
            code="1.000000",
            name="X",
            times_per_year=1,
            subjects_per_year=1,
            tasks=[Task(name="A", hours=1)],
        )
        assert model.cost(wage).per_compliance == 1
        assert model.cost(wage, rounding=decimal.ROUND_HALF_EVEN).per_compliance == 0

    def test_no_tasks_no_cost(self):
        """A procedure with nothing to do and nothing to pay costs 0."""
        model = CostModel(code="1.000000", name="X", times_per_year=1, subjects_per_year=10)
        assert model.cost(WAGE).annual_total == 0

    @pytest.mark.parametrize("bad", [0.5, "whole", -1])
    def test_bad_places(self, bad):
        """The rounding arguments are checked."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            worked_model().cost(WAGE, places=bad)

    def test_bad_rounding(self):
        with pytest.raises(InvalidValueError, match="decimal rounding constant"):
            worked_model().cost(WAGE, rounding="up")

    def test_wage_must_be_a_wage_rate(self):
        with pytest.raises(InvalidValueError, match="a WageRate"):
            worked_model().cost(Decimal(30000))  # type: ignore[arg-type]


class TestWorkedPlan:
    """Art. 27(1)(c): benefit = current cost − cost after simplification."""

    def test_cost_after_by_hand(self):
        """Reuse data: −(1 h × 30,000 + 20,000) = −50,000; lower the charge 100,000 → 50,000:
        −50,000; decentralise: submission (3 h, 50,000) = 140,000 → (1 h, 20,000) = 50,000:
        −90,000.  After: 530,000 − 190,000 = 340,000 per compliance, 340,000,000 a year.
        Saving 190,000,000; rate 190/530 = 35.849…% → 35.85 %.
        """
        result = worked_plan().evaluate(WAGE)
        assert result.before.annual_total == 530_000_000
        assert result.after.per_compliance == 340_000
        assert result.after.annual_total == 340_000_000
        assert result.saving == 190_000_000
        assert result.savings.percent() == Decimal("35.85")
        assert result.actions == (Action.REUSE_DATA, Action.REDUCE_FEE, Action.DECENTRALISE)
        assert result.has_plan
        assert not result.abolished

    def test_every_saving_is_explained(self):
        """One line per change, each with its own saving; the lines add up to the saving."""
        lines = worked_plan().evaluate(WAGE).lines
        assert [(x.measure, x.action, x.item, x.saving) for x in lines] == [
            (1, Action.REUSE_DATA, "task 'Chứng thực bản sao'", 50_000_000),
            (2, Action.REDUCE_FEE, "charge 'Lệ phí (ví dụ)'", 50_000_000),
            (3, Action.DECENTRALISE, "task 'Nộp hồ sơ'", 90_000_000),
        ]
        assert [x.saving_per_compliance for x in lines] == [50_000, 50_000, 90_000]
        assert sum(x.saving for x in lines) == 190_000_000
        assert str(lines[2]) == (
            "1.000000 measure 3 (decentralise): task 'Nộp hồ sơ' hours 3 → 1, travel 50,000 → "
            "20,000 VND: saves 90,000 VND per compliance, 90,000,000 VND per year"
        )
        assert lines[0].detail == "removed (1 h, certification 20,000 VND)"

    def test_model_after(self):
        after = worked_plan().model_after
        assert [t.name for t in after.tasks] == [
            "Tìm hiểu thủ tục",
            "Điền tờ khai",
            "Nộp hồ sơ",
            "Nhận kết quả",
        ]
        assert after.task("Nộp hồ sơ").travel == 20000
        assert after.prescribed_cost("Lệ phí (ví dụ)").amount == 50000

    def test_abolish(self):
        """Abolishing saves the whole cost: 2 h + (4 h, 40,000) = 60,000 + 160,000 = 220,000
        per compliance × 2 times × 500 subjects = 220,000,000 a year, 100 %."""
        model = CostModel(
            code="1.000001",
            name="Xác nhận (ví dụ)",
            times_per_year=2,
            subjects_per_year=500,
            tasks=[
                Task(name="Chuẩn bị hồ sơ", hours=2),
                Task(name="Nộp và nhận kết quả", hours=4, travel=40000),
            ],
        )
        result = Plan(model=model, measures=[Measure.abolish()]).evaluate(WAGE)
        assert result.before.annual_total == 220_000_000
        assert result.after.annual_total == 0
        assert result.savings.percent() == Decimal("100.00")
        assert result.abolished
        assert result.lines[0].detail == "abolished: every task and prescribed cost removed"

    def test_shorter_time_limit_saves_nothing_by_itself(self):
        """Art. 27(2)(b): opportunity cost is not counted, so a shorter time limit saves 0."""
        model = worked_model()
        plan = Plan(model=model, measures=[Measure.shorten_time(Duration.working_days(3))])
        result = plan.evaluate(WAGE)
        assert result.saving == 0
        assert "opportunity cost is not counted" in result.lines[0].detail
        assert "5 ngày làm việc → 3 ngày làm việc" in result.lines[0].detail
        assert plan.model_after.processing_time == Duration.working_days(3)

    def test_measure_without_changes(self):
        """An amendment with no stated cost effect is listed and saves 0."""
        result = Plan(
            model=worked_model(),
            measures=[Measure(action=Action.AMEND, description="Sửa mẫu tờ khai")],
        ).evaluate(WAGE)
        assert result.saving == 0
        assert result.has_plan
        [line] = result.lines
        assert line.change is None
        assert line.item == "cost model"

    def test_a_reviewed_procedure_without_plan(self):
        result = Plan(model=worked_model()).evaluate(WAGE)
        assert not result.has_plan
        assert result.saving == 0
        assert result.lines == ()

    def test_added_task_adds_cost(self):
        """Online submission: the trip (3 h, 50,000 = 140,000) goes, scanning (0.5 h = 15,000)
        comes: −140,000 + 15,000 = −125,000 per compliance."""
        result = Plan(
            model=worked_model(),
            measures=[
                Measure(
                    action=Action.ONLINE_SERVICE,
                    changes=[
                        RemoveTask("Nộp hồ sơ"),
                        AddTask(Task(name="Quét và nộp trực tuyến", hours=Decimal("0.5"))),
                    ],
                )
            ],
        ).evaluate(WAGE)
        assert [x.saving_per_compliance for x in result.lines] == [140_000, -15_000]
        assert result.saving == 125_000_000
        assert "adds 15,000 VND per compliance" in str(result.lines[1])

    def test_cost_changes(self):
        """Removing the charge saves 100,000; adding an inspection (ví dụ) of 30,000 costs it."""
        result = Plan(
            model=worked_model(),
            measures=[
                Measure(
                    action=Action.REPLACE,
                    changes=[
                        RemoveCost("Lệ phí (ví dụ)"),
                        AddCost(
                            PrescribedCost(
                                kind=PrescribedCostKind.OTHER, name="Kiểm định", amount=30000
                            )
                        ),
                    ],
                )
            ],
        ).evaluate(WAGE)
        assert [x.saving_per_compliance for x in result.lines] == [100_000, -30_000]
        assert result.lines[1].item == "other cost 'Kiểm định'"

    def test_volume_change(self):
        """Once every two years instead of yearly: 530,000 × 0.5 × 1,000 = 265,000,000 a year."""
        result = Plan(
            model=worked_model(),
            measures=[
                Measure(action=Action.AMEND, changes=[ChangeVolume(times_per_year=Decimal("0.5"))])
            ],
        ).evaluate(WAGE)
        assert result.after.annual_total == 265_000_000
        assert result.lines[0].saving_per_compliance == 0
        assert result.lines[0].detail == "times per year 1 → 0.5"


class TestPlanChecks:
    """A change must apply to the model as the earlier changes left it, and only lower values."""

    def test_unknown_task(self):
        with pytest.raises(InvalidValueError, match=re.escape("'Không có'")) as info:
            Plan(model=worked_model(), measures=[Measure.remove_tasks(Action.AMEND, "Không có")])
        assert info.value.field == "Plan.measures[0].changes[0].task"

    @pytest.mark.parametrize(
        ("change", "field", "bad"),
        [
            (ChangeTask(task="Nộp hồ sơ", hours=4), "hours", Decimal(4)),
            (ChangeTask(task="Nộp hồ sơ", travel=60000), "travel", Decimal(60000)),
            (ChangeTask(task="Nộp hồ sơ", copies=1), "copies", Decimal(1)),
            (ChangeCost(cost="Lệ phí (ví dụ)", amount=200000), "amount", Decimal(200000)),
            (ChangeVolume(subjects_per_year=2000), "subjects_per_year", Decimal(2000)),
        ],
    )
    def test_a_change_only_lowers(self, change, field, bad):
        """Raising a value is refused: new work is an added task, so nothing else raises cost."""
        with pytest.raises(InvalidValueError, match="a change only lowers a value") as info:
            Plan(model=worked_model(), measures=[Measure(action=Action.AMEND, changes=[change])])
        assert info.value.field == f"Plan.measures[0].changes[0].{field}"
        assert info.value.value == bad

    def test_add_existing_name(self):
        with pytest.raises(InvalidValueError, match="a name no task") as info:
            Plan(
                model=worked_model(),
                measures=[
                    Measure(
                        action=Action.AMEND, changes=[AddTask(Task(name="Nộp hồ sơ", hours=1))]
                    )
                ],
            )
        assert info.value.field == "Plan.measures[0].changes[0].task.name"

    def test_removed_task_cannot_be_changed_later(self):
        """Order matters: a task removed by measure 1 is gone for measure 2."""
        with pytest.raises(InvalidValueError) as info:
            Plan(
                model=worked_model(),
                measures=[
                    Measure.remove_tasks(Action.REUSE_DATA, "Nộp hồ sơ"),
                    Measure(
                        action=Action.DECENTRALISE,
                        changes=[ChangeTask(task="Nộp hồ sơ", hours=1)],
                    ),
                ],
            )
        assert info.value.field == "Plan.measures[1].changes[0].task"

    def test_all_problems_at_once(self):
        """plan_problems goes on after a refused change and reports every one."""
        problems = plan_problems(
            worked_model(),
            [
                Measure(action=Action.AMEND, changes=[ChangeTask(task="Nộp hồ sơ", hours=9)]),
                Measure(action=Action.AMEND, changes=[RemoveTask("X"), RemoveCost("Y")]),
            ],
        )
        assert [(i, j, e.field) for i, j, e in problems] == [
            (0, 0, "Plan.measures[0].changes[0].hours"),
            (1, 0, "Plan.measures[1].changes[0].task"),
            (1, 1, "Plan.measures[1].changes[1].cost"),
        ]

    def test_change_that_changes_nothing(self):
        with pytest.raises(InvalidValueError, match="at least one of") as info:
            ChangeTask(task="A")
        assert info.value.field == "ChangeTask.other_expenses"
        with pytest.raises(InvalidValueError, match="at least one of"):
            ChangeVolume()

    def test_drop_unknown_component(self):
        with pytest.raises(InvalidValueError, match="'Bản sao sổ hộ khẩu'") as info:
            Measure.drop_components(worked_model(), "Giấy khai sinh")
        assert info.value.value == "Giấy khai sinh"

    def test_measure_checks_its_changes(self):
        with pytest.raises(InvalidValueError, match="only changes"):
            Measure(action=Action.AMEND, changes=["remove everything"])
        with pytest.raises(InvalidValueError, match=re.escape("Action.ABOLISH")):
            Measure(action="abolish")  # type: ignore[arg-type]

    def test_processing_time_change_needs_a_duration(self):
        with pytest.raises(InvalidValueError, match="Duration"):
            ChangeProcessingTime("3 ngày làm việc")  # type: ignore[arg-type]

    def test_abolish_is_a_change(self):
        assert Measure.abolish().changes == (Abolish(),)


class TestOrderOfMeasures:
    """Measures apply in plan order; each change is valued against the state just before it.

    Remove the submission (140,000 per compliance) and halve the subjects (1,000 → 500):
    * task first: 140,000 × 1,000 = 140,000,000, then (530,000 − 140,000) × 500 = 195,000,000;
    * volume first: 530,000 × 500 = 265,000,000, then 140,000 × 500 = 70,000,000.
    Either way 335,000,000 is saved and 390,000 × 500 = 195,000,000 remains.
    """

    def plan(self, *, volume_first: bool) -> Plan:
        task = Measure.remove_tasks(Action.ONLINE_SERVICE, "Nộp hồ sơ")
        volume = Measure(action=Action.DECENTRALISE, changes=[ChangeVolume(subjects_per_year=500)])
        return Plan(
            model=worked_model(),
            measures=[volume, task] if volume_first else [task, volume],
        )

    def test_task_first(self):
        result = self.plan(volume_first=False).evaluate(WAGE)
        assert [x.saving for x in result.lines] == [140_000_000, 195_000_000]
        assert result.after.annual_total == 195_000_000

    def test_volume_first(self):
        result = self.plan(volume_first=True).evaluate(WAGE)
        assert [x.saving for x in result.lines] == [265_000_000, 70_000_000]
        assert result.after.annual_total == 195_000_000


class TestPublishedFigures:
    """Reported results: reduction = (before − after) / before (research notes §5.3)."""

    def test_hanoi(self):
        """Hà Nội, 293 procedures (dantri.com.vn, 25/12/2025): about 2,306 → 654 billion VND a
        year, "equivalent to a 71.64 % reduction"; saving 1,652 billion (published: "more
        than 1,652")."""
        s = Savings(Decimal(2306), Decimal(654))
        assert s.saving == Decimal(1652)
        assert s.percent() == Decimal("71.64")
        assert s.check_target(20).met

    def test_hanoi_in_dong(self):
        """The same figures in đồng give the same rate."""
        s = Savings(Decimal("2306e9"), Decimal("654e9"))
        assert s.percent() == Decimal("71.64")
        assert format_vnd(s.saving, "billion VND") == "1,652.00"

    def test_ministry_of_construction(self):
        """Ministry of Construction, 137 procedures (baomoi.com): 393.4 → 201 billion VND a year,
        "saving 192 billion".

        By hand: 393.4 − 201 = 192.4 (192 as published, rounded); 192.4 / 393.4:
        393.4 × 0.489 = 192.3726, remainder 0.0274 / 393.4 = 0.0000696…, so 0.4890696… →
        48.91 % half-up, 48.90 % truncated.
        """
        s = Savings(Decimal("393.4"), Decimal(201))
        assert s.saving == Decimal("192.4")
        assert round(s.saving) == 192
        assert s.percent() == Decimal("48.91")
        assert s.percent(rounding=decimal.ROUND_DOWN) == Decimal("48.90")
        assert s.percent(places=1) == Decimal("48.9")

    def test_construction_target(self):
        """A 50 % target is missed by 0.5 × 393.4 − 192.4 = 196.7 − 192.4 = 4.3 billion."""
        check = Savings(Decimal("393.4"), Decimal(201)).check_target(50)
        assert not check.met
        assert check.shortfall == Decimal("4.3")
        assert check.achieved == Decimal("48.91")
        assert str(check) == "target: cut at least 50 % -> NOT met (48.91 %; 4.3 per year short)"

    def test_share_with_plan(self):
        """211 of 706 reviewed procedures had a plan: 29.89 % half-up, 29.8 % as published
        (truncated; research notes §0)."""
        model = CostModel(code="1.000000", name="X", times_per_year=1, subjects_per_year=1)
        plans = [
            Plan(
                model=attrs_evolve(model, code=f"1.{n:06d}"),
                measures=[Measure(action=Action.AMEND)],
            )
            for n in range(211)
        ]
        plans.append(Plan(model=attrs_evolve(model, code="2.000000")))
        portfolio = Portfolio(name="Rà soát (ví dụ)", wage_rate=WAGE, plans=plans, reviewed=706)
        share = portfolio.share_with_plan
        assert share == Rate(211, 706)
        assert share is not None
        assert share.percent() == Decimal("29.89")
        assert share.percent(places=1, rounding=decimal.ROUND_DOWN) == Decimal("29.8")
        assert portfolio.evaluate().share_with_plan == Rate(211, 706)


def attrs_evolve(model: CostModel, **changes: object) -> CostModel:
    return attrs.evolve(model, **changes)  # type: ignore[misc]


class TestSavingsAndTargets:
    """The savings rate and the target check are exact, with rounding only for display."""

    def test_target_compared_exactly(self):
        """19.996 % prints as 20.00 % but does not meet 20 %: 0.4 is still to be saved."""
        check = Savings(Decimal(10000), Decimal("8000.4")).check_target(20)
        assert check.achieved == Decimal("20.00")
        assert not check.met
        assert check.shortfall == Decimal("0.4")

    def test_target_met_exactly(self):
        check = Savings(Decimal(10000), Decimal(8000)).check_target(20)
        assert check.met
        assert check.shortfall == 0

    def test_nothing_to_cut(self):
        """With no cost before the rate is N/A; only a 0 % target is met."""
        s = Savings(Decimal(0), Decimal(0))
        assert s.percent() is None
        assert not s.check_target(20).met
        assert s.check_target(0).met
        assert "N/A" in str(s.check_target(20))

    def test_cost_rose(self):
        s = Savings(Decimal(100), Decimal(110))
        assert s.saving == -10
        assert s.percent() == Decimal("-10.00")

    @pytest.mark.parametrize("bad", [101, -1, "20 %", 20.0])
    def test_bad_target(self, bad):
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            Savings(Decimal(1), Decimal(0)).check_target(bad)

    def test_negative_totals_refused(self):
        with pytest.raises(InvalidValueError) as info:
            Savings(Decimal(-1), Decimal(0))
        assert info.value.field == "Savings.before"


def example_portfolio() -> Portfolio:
    """The fixture portfolio, built in code (tests/fixtures/plans/worked_example.json)."""
    abolished = CostModel(
        code="1.000001",
        name="Xác nhận (ví dụ)",
        times_per_year=2,
        subjects_per_year=500,
        tasks=[
            Task(name="Chuẩn bị hồ sơ", hours=2),
            Task(name="Nộp và nhận kết quả", hours=4, travel=40000),
        ],
    )
    kept = CostModel(
        code="1.000002",
        name="Đăng ký (ví dụ)",
        times_per_year=1,
        subjects_per_year=2000,
        tasks=[Task(name="Khai báo", hours=1)],
        prescribed_costs=[
            PrescribedCost(kind=PrescribedCostKind.FEE, name="Phí (ví dụ)", amount=20000)
        ],
    )
    return Portfolio(
        name="Ví dụ (không phải số liệu thật)",
        wage_rate=WAGE,
        reviewed=4,
        plans=[
            worked_plan(),
            Plan(model=abolished, measures=[Measure.abolish()]),
            Plan(model=kept),
        ],
    )


class TestPortfolio:
    """A review: totals, savings, target and the share of reviewed procedures with a plan.

    By hand: 530,000,000 + 220,000,000 + 50,000 × 2,000 = 100,000,000 → 850,000,000 before;
    340,000,000 + 0 + 100,000,000 = 440,000,000 after; saving 410,000,000;
    410/850 = 0.48235… → 48.24 %; 2 of 4 reviewed procedures have a plan.
    """

    def test_totals(self):
        result = example_portfolio().evaluate()
        assert result.before == 850_000_000
        assert result.after == 440_000_000
        assert result.saving == 410_000_000
        assert result.savings.percent() == Decimal("48.24")
        assert result.share_with_plan == Rate(2, 4)
        assert result.savings.check_target(20).met
        assert sum(x.saving for x in result.lines) == result.saving

    def test_table(self):
        table = example_portfolio().evaluate().to_table(target=20)
        assert "Compliance cost (chi phí tuân thủ): Ví dụ (không phải số liệu thật)" in table
        assert "30,000 VND per hour" in table
        assert re.search(r"1\.000001 +Xác nhận \(ví dụ\) +abolish +220,000 +0 +220,000,000", table)
        assert re.search(
            r"total +3 procedures +850,000,000 +440,000,000 +410,000,000 +48\.24", table
        )
        assert "procedures with a plan: 2/4 (50.00 %) of those reviewed" in table
        assert table.endswith("target: cut at least 20 % -> met (48.24 %)")

    def test_table_in_billions(self):
        table = example_portfolio().evaluate().to_table(unit="billion VND")
        assert "per year (billion VND): before" in table
        assert re.search(r"total .* 0\.85 +0\.44 +0\.41 +48\.24", table)
        with pytest.raises(InvalidValueError, match="'billion VND'"):
            example_portfolio().evaluate().to_table(unit="tỷ")

    def test_explain(self):
        text = example_portfolio().evaluate().explain()
        assert text.splitlines()[-1] == (
            "total: 850,000,000 -> 440,000,000 VND per year, saving 410,000,000 VND (48.24 %)"
        )
        assert "1.000001 measure 1 (abolish): procedure abolished" in text

    def test_frame(self):
        frame = example_portfolio().evaluate().to_frame()
        assert list(frame["code"]) == ["1.000000", "1.000001", "1.000002"]
        assert list(frame["annual_before"]) == [530_000_000, 220_000_000, 100_000_000]
        assert list(frame["saving_percent"]) == [
            Decimal("35.85"),
            Decimal("100.00"),
            Decimal("0.00"),
        ]
        assert type(frame["saving"].iloc[0]) is Decimal
        assert list(frame["actions"]) == ["reuse_data,reduce_fee,decentralise", "abolish", ""]
        assert list(frame["has_plan"]) == [True, True, False]

    def test_lines_frame(self):
        lines = example_portfolio().evaluate().lines_frame()
        assert list(lines["change"]) == ["remove_task", "change_cost", "change_task", "abolish"]
        assert sum(lines["saving"]) == 410_000_000

    @pytest.mark.parametrize("method", ["to_frame", "lines_frame"])
    def test_frame_without_pandas(self, method, monkeypatch):
        """Without pandas, asking for a frame raises MissingExtraError naming the extra."""
        result = example_portfolio().evaluate()
        monkeypatch.setitem(sys.modules, "pandas", None)
        monkeypatch.delitem(sys.modules, "tthc.simplification._frames", raising=False)
        with pytest.raises(
            MissingExtraError, match=re.escape("pip install 'tthc[pandas]'")
        ) as info:
            getattr(result, method)()
        assert (info.value.package, info.value.extra) == ("pandas", "pandas")
        assert info.value.feature == f"PortfolioResult.{method}"

    def test_evaluating_never_imports_pandas(self):
        """A review is evaluated, tabled and explained without importing pandas."""
        code = (
            "import sys\n"
            "from tthc.simplification import *\n"
            "w = WageRate(amount=1, year=2024, source='x', certainty=FigureCertainty.EXAMPLE)\n"
            "m = CostModel(code='1', name='x', times_per_year=1, subjects_per_year=1,\n"
            "              tasks=[Task(name='A', hours=1)])\n"
            "plan = Plan(model=m, measures=[Measure.remove_tasks(Action.AMEND, 'A')])\n"
            "result = Portfolio(name='x', wage_rate=w, plans=[plan]).evaluate()\n"
            "result.to_table(), result.explain()\n"
            "assert 'pandas' not in sys.modules, 'pandas imported'\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter

    def test_duplicate_codes_refused(self):
        with pytest.raises(InvalidValueError, match="distinct procedures") as info:
            Portfolio(name="x", wage_rate=WAGE, plans=[worked_plan(), worked_plan()])
        assert info.value.value == "1.000000"

    def test_reviewed_covers_the_plans(self):
        with pytest.raises(InvalidValueError, match=r">= the number of plans \(1\)") as info:
            Portfolio(name="x", wage_rate=WAGE, plans=[worked_plan()], reviewed=0)
        assert info.value.field == "Portfolio.reviewed"

    def test_empty(self):
        """An empty review has no rate and no share."""
        result = Portfolio(name="x", wage_rate=WAGE).evaluate()
        assert result.before == 0
        assert result.savings.percent() is None
        assert result.share_with_plan is None
        assert "procedures with a plan: N/A (none reviewed)" in result.to_table()

    def test_repr(self):
        assert repr(example_portfolio()) == (
            "<Portfolio 'Ví dụ (không phải số liệu thật)' plans=3 reviewed=4>"
        )


class TestFromProcedure:
    """A cost model starts from a procedure record: code, name, time limit and fees."""

    def procedure(self, fees: list[Fee]) -> Procedure:
        return Procedure(
            code="1.000000",
            name="Thủ tục (ví dụ)",
            cases=[
                ProcedureCase(
                    channels=[
                        ChannelOption(
                            channel=Channel.IN_PERSON,
                            processing_time=Duration.working_days(5),
                            fees=fees,
                        )
                    ]
                )
            ],
        )

    def test_fees_become_prescribed_costs(self):
        p = self.procedure(
            [
                Fee(kind=FeeKind.FEE, amount=20000, description="Phí thẩm định"),
                Fee(kind=FeeKind.CHARGE, amount=50000, description="Lệ phí"),
                Fee(amount=10000, description="Lệ phí"),
            ]
        )
        m = CostModel.from_procedure(
            p,
            channel=Channel.IN_PERSON,
            times_per_year=1,
            subjects_per_year=10,
            tasks=[Task(name="Nộp hồ sơ", hours=1)],
        )
        assert [(c.kind, c.name, c.amount) for c in m.prescribed_costs] == [
            (PrescribedCostKind.FEE, "Phí thẩm định", 20000),
            (PrescribedCostKind.CHARGE, "Lệ phí", 50000),
            (PrescribedCostKind.OTHER, "Lệ phí (2)", 10000),
        ]
        assert m.processing_time == Duration.working_days(5)
        # 1 h × 30,000 + 80,000 = 110,000 × 10 = 1,100,000
        assert m.cost(WAGE).annual_total == 1_100_000

    def test_fee_without_amount(self):
        with pytest.raises(InvalidValueError, match="a fee with an amount"):
            CostModel.from_procedure(
                self.procedure([Fee(kind=FeeKind.CHARGE)]),
                channel=Channel.IN_PERSON,
                times_per_year=1,
                subjects_per_year=1,
            )

    def test_unknown_channel(self):
        with pytest.raises(InvalidValueError, match="ONLINE"):
            CostModel.from_procedure(
                self.procedure([]), channel=Channel.ONLINE, times_per_year=1, subjects_per_year=1
            )


class TestLowerAverage:
    """Art. 27(2)(a): where sources differ, the lower average is taken (reading UNCERTAIN)."""

    @pytest.mark.parametrize(
        ("rule", "values", "expected"),
        [
            # mean 3; at or below it: 2, 3 → 2.5
            (LowerAverageRule.BELOW_MEAN, [4, 2, 3], "2.50"),
            # mean 4; at or below it: 1, 2, 3 → 2
            (LowerAverageRule.BELOW_MEAN, [1, 2, 3, 10], "2.00"),
            # lower ⌈4/2⌉ = 2: 1, 2 → 1.5
            (LowerAverageRule.LOWER_HALF, [1, 2, 3, 10], "1.50"),
            # lower ⌈3/2⌉ = 2: 2, 3 → 2.5
            (LowerAverageRule.LOWER_HALF, [4, 2, 3], "2.50"),
            (LowerAverageRule.LOWEST, [1, 2, 3, 10], "1.00"),
        ],
    )
    def test_readings(self, rule, values, expected):
        assert lower_average(values, rule=rule).value == Decimal(expected)

    @pytest.mark.parametrize("rule", list(LowerAverageRule))
    def test_two_estimates_give_the_lower(self, rule):
        assert lower_average([Decimal(20), Decimal(10)], rule=rule).value == 10

    @pytest.mark.parametrize("rule", list(LowerAverageRule))
    def test_agreeing_estimates(self, rule):
        assert lower_average([7, 7, 7], rule=rule).value == 7

    def test_sources_are_kept(self):
        r = lower_average(
            [
                Estimate(value=Decimal("1.5"), source="khảo sát"),
                Estimate(value=Decimal(3), source="báo cáo của sở"),
            ]
        )
        assert [e.source for e in r.used] == ["khảo sát"]
        assert len(r.estimates) == 2
        assert r.explain().startswith("1.5: the mean of the estimates at or below the mean of all")
        assert "UNCERTAIN" in r.explain()

    def test_explicit_rounding(self):
        """(1 + 2) / 2 ... with 1, 2, 2, 10: mean 3.75; at or below: 1, 2, 2 → 5/3 = 1.666…"""
        assert lower_average([1, 2, 2, 10]).value == Decimal("1.67")
        assert lower_average([1, 2, 2, 10], places=0).value == Decimal(2)
        assert lower_average([1, 2, 2, 10], rounding=decimal.ROUND_DOWN).value == Decimal("1.66")

    @pytest.mark.parametrize("bad", [[], [1.5], ["2"], [-1]])
    def test_bad_estimates(self, bad):
        with pytest.raises(InvalidValueError):
            lower_average(bad)

    def test_bad_rule(self):
        with pytest.raises(InvalidValueError, match="LowerAverageRule"):
            lower_average([1], rule="lowest")  # type: ignore[arg-type]


class TestFormatVnd:
    @pytest.mark.parametrize(
        ("amount", "unit", "expected"),
        [
            (Decimal(530000000), "VND", "530,000,000"),
            (Decimal("1234.5"), "VND", "1,234.5"),
            (Decimal("393.4e9"), "billion VND", "393.40"),
            (Decimal(192400000), "million VND", "192.40"),
            (Decimal(-5), "VND", "-5"),
        ],
    )
    def test_formats(self, amount, unit, expected):
        assert format_vnd(amount, unit) == expected

    def test_refuses_floats(self):
        with pytest.raises(InvalidValueError, match="Decimal"):
            format_vnd(1.5)  # type: ignore[arg-type]


class TestLabels:
    """Every enum carries its Vietnamese label."""

    def test_labels(self):
        assert all(a.label for a in Action)
        assert Action.ABOLISH.label == "Bãi bỏ"
        assert Action.REUSE_DATA.label == "Tái sử dụng dữ liệu đã số hóa"
        assert all(k.label for k in ExpenseKind)
        assert PrescribedCostKind.FEE.label == "Phí"
        assert all(r.label for r in LowerAverageRule)
        assert WagePeriod.YEAR.months == 12
