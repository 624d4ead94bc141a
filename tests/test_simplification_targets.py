"""Resolution 66/NQ-CP targets: processing time, business conditions and compliance cost.

The targets (secondary: a news report of the resolution, and Politburo Resolution 68-NQ/TW):
2025, at least 30 % off processing time, business conditions and compliance cost by 31/12/2025;
2026, processing time and compliance cost cut by 50 % against 2024. Expected values are worked
out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tthc import Certainty, Duration, InvalidValueError
from tthc.simplification import (
    RESOLUTION_66,
    Action,
    CostModel,
    FigureCertainty,
    Measure,
    Plan,
    ProgrammeTarget,
    Savings,
    TargetKind,
    Task,
    WageRate,
    check_plan_targets,
    check_targets,
)
from tthc.simplification.targets import RESOLUTION_66_2025, RESOLUTION_66_2026


def test_targets_as_data() -> None:
    assert [(t.kind.value, t.percent, t.by) for t in RESOLUTION_66] == [
        ("processing_time", Decimal(30), dt.date(2025, 12, 31)),
        ("business_conditions", Decimal(30), dt.date(2025, 12, 31)),
        ("compliance_cost", Decimal(30), dt.date(2025, 12, 31)),
        ("processing_time", Decimal(50), dt.date(2026, 12, 31)),
        ("compliance_cost", Decimal(50), dt.date(2026, 12, 31)),
    ]
    assert {t.certainty for t in RESOLUTION_66} == {Certainty.CONFIRMED_SECONDARY}
    assert {t.baseline for t in RESOLUTION_66_2026} == {"2024"}


@pytest.mark.parametrize(
    ("before", "after", "achieved", "met"),
    [
        pytest.param(10, 7, Decimal("30.00"), True, id="10 -> 7 days: exactly 30 %"),
        pytest.param(10, 8, Decimal("20.00"), False, id="10 -> 8 days: 20 %"),
        pytest.param(3, 2, Decimal("33.33"), True, id="3 -> 2: 33.33 %"),
    ],
)
def test_processing_time(before: int, after: int, achieved: Decimal, met: bool) -> None:
    [check] = [
        c
        for c in check_targets(
            RESOLUTION_66_2025,
            processing_time=(Duration.working_days(before), Duration.working_days(after)),
        )
        if c.target.kind is TargetKind.PROCESSING_TIME
    ]
    assert (check.achieved, check.met) == (achieved, met)


def test_conditions_and_cost() -> None:
    # 20 conditions -> 14: 30 %, met; cost 1,000 -> 750: 25 %, not met; time not given.
    checks = check_targets(
        RESOLUTION_66_2025, conditions=(20, 14), cost=Savings(Decimal(1000), Decimal(750))
    )
    assert [(c.target.kind.value, c.achieved, c.met) for c in checks] == [
        ("processing_time", None, None),
        ("business_conditions", Decimal("30.00"), True),
        ("compliance_cost", Decimal("25.00"), False),
    ]
    assert str(checks[0]) == (
        "processing_time: cut at least 30 % by 31/12/2025 -> not checked (no figures)"
    )


def test_exact_comparison() -> None:
    # 29.996 % prints as 30.00 but does not meet 30 %: 100,000 -> 70,004.
    [check] = check_targets(RESOLUTION_66_2025[1:2], conditions=(100_000, 70_004))
    assert (check.achieved, check.met) == (Decimal("30.00"), False)


def test_nothing_to_cut() -> None:
    [check] = check_targets(RESOLUTION_66_2025[1:2], conditions=(0, 0))
    assert (check.achieved, check.met) == (None, False)


def test_bad_figures() -> None:
    with pytest.raises(InvalidValueError, match="same unit"):
        check_targets(
            RESOLUTION_66_2025,
            processing_time=(Duration.working_days(10), Duration.calendar_days(7)),
        )
    with pytest.raises(InvalidValueError, match="non-negative"):
        check_targets(RESOLUTION_66_2025, conditions=(-1, 0))
    with pytest.raises(InvalidValueError, match="ProgrammeTarget"):
        check_targets(["30 %"])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match="percentage"):
        ProgrammeTarget(
            kind=TargetKind.COMPLIANCE_COST,
            percent=Decimal(130),
            by=dt.date(2026, 1, 1),
            document="x",
            certainty=Certainty.UNCERTAIN,
            source="x",
        )


def test_plan() -> None:
    # 10 hours at 30,000 VND = 300,000 a compliance, 100 a year: 30,000,000. Removing a 4-hour
    # task saves 40 %; the processing time goes from 10 to 6 working days: 40 %.
    wage = WageRate(
        amount=Decimal(5_280_000),
        year=2024,
        certainty=FigureCertainty.EXAMPLE,
        source="example value for illustration, not an official figure",
    )
    model = CostModel(
        code="1.000000",
        name="Ví dụ",
        times_per_year=1,
        subjects_per_year=100,
        processing_time=Duration.working_days(10),
        tasks=[Task(name="A", hours=6), Task(name="B", hours=4)],
    )
    plan = Plan(
        model=model,
        measures=[
            Measure.remove_tasks(Action.AMEND, "B"),
            Measure.shorten_time(Duration.working_days(6)),
        ],
    )
    checks = check_plan_targets(plan, wage, conditions=(5, 4))
    # Conditions 5 -> 4: 20 %, not met.
    assert [(c.target.kind.value, c.achieved, c.met) for c in checks] == [
        ("processing_time", Decimal("40.00"), True),
        ("business_conditions", Decimal("20.00"), False),
        ("compliance_cost", Decimal("40.00"), True),
    ]
    # Against the 2026 targets (50 %), neither time nor cost is enough.
    assert [c.met for c in check_plan_targets(plan, wage, targets=RESOLUTION_66_2026)] == [
        False,
        False,
    ]
