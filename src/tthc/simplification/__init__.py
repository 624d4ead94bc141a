"""Compliance cost (*chi phí tuân thủ*) of procedures, simplification plans and their savings.

Circular 02/2017/TT-VPCP Art. 27 measures the benefit of simplifying an administrative
procedure as compliance cost saved:

* cost of one compliance = cost of the required tasks + fees, charges and other prescribed
  costs (Art. 27(3)(a));
* annual total = cost of one compliance × prescribed times per year × subjects per year
  (Art. 27(3)(b));
* benefit = current cost − cost after simplification (Art. 27(1)(c)); opportunity cost is not
  counted and, where sources differ, the lower average is taken (Art. 27(2)).

A task costs its hours × an hourly wage rate plus its out-of-pocket costs (copies,
certification, travel, hired services, other). The wage rate is a parameter with its amount,
year, source and certainty ([`WageRate`][tthc.simplification.WageRate]); so are the working
days per month and hours per day used to derive an hourly rate from it. Money is an exact
``Decimal`` in Vietnamese đồng everywhere; floats are refused.

A [`CostModel`][tthc.simplification.CostModel] describes one procedure; a
[`Plan`][tthc.simplification.Plan] applies [`Measure`][tthc.simplification.Measure]s to it
(abolish, reduce dossier components, lower a fee, reuse digitised data, decentralise, …), each
made of small changes (remove a task, lower its hours, lower a fee, …); a
[`Portfolio`][tthc.simplification.Portfolio] is a province's or a ministry's review: totals,
savings, the savings rate, a target check and the share of reviewed procedures with a plan.
Every saving is explained: which measure changed which task or fee, and how much it saved.

What this room holds, one idea per module:

* `wage`: the wage rate that values the hours ([`WageRate`][tthc.simplification.WageRate]) and
  the certainty of a figure ([`FigureCertainty`][tthc.simplification.FigureCertainty]);
* `cost`: the cost model of one procedure (tasks, prescribed costs) and its compliance cost;
* `changes`: the changes a measure makes to a cost model, and how each applies;
* `measures`: the measures of a plan and their actions;
* `plans`: a plan for one procedure, its evaluation and every saving explained;
* `savings`: the savings, their rate and a target check;
* `targets`: programme targets (Resolution 66/NQ-CP: processing time, business conditions,
  compliance cost) and the checks of figures and plans against them;
* `portfolio`: a review of many procedures, its totals, tables and (with pandas) frames;
* `estimates`: differing sources and the lower-average rule;
* private helpers: `_money` (exact ``Decimal`` arithmetic, rounding, display), `_checks`
  (converters and validators), `_frames` (the pandas frames, loaded only when asked for).

It may import: `tthc.indicators`, `tthc.procedures`, `tthc.durations`, `tthc.errors` and the
shared helpers.

Examples:
    The worked example of the docs, by hand: 5,280,000 VND a month ÷ 22 days ÷ 8 hours =
    30,000 VND an hour; 10 hours of tasks = 300,000; out-of-pocket 130,000; a charge of
    100,000; so 530,000 VND per compliance, × 1 time × 1,000 subjects = 530,000,000 VND a year.

    >>> from decimal import Decimal
    >>> wage = WageRate(amount=Decimal("5280000"), year=2024, certainty=FigureCertainty.EXAMPLE,
    ...                 source="example value for illustration, not an official figure")
    >>> wage.per_hour()
    Decimal('30000.00')
    >>> model = CostModel(code="1.000000", name="Cấp giấy phép (ví dụ)",
    ...     times_per_year=1, subjects_per_year=1000,
    ...     tasks=[Task(name="Tìm hiểu thủ tục", hours=1),
    ...            Task(name="Điền tờ khai", hours=2, copies=10000),
    ...            Task(name="Chứng thực bản sao", hours=1, certification=20000,
    ...                 component="Bản sao sổ hộ khẩu"),
    ...            Task(name="Nộp hồ sơ", hours=3, travel=50000),
    ...            Task(name="Nhận kết quả", hours=3, travel=50000)],
    ...     prescribed_costs=[PrescribedCost(kind=PrescribedCostKind.CHARGE,
    ...                                      name="Lệ phí (ví dụ)", amount=100000)])
    >>> cost = model.cost(wage)
    >>> cost.per_compliance, cost.annual_total
    (Decimal('530000'), Decimal('530000000'))
    >>> plan = Plan(model=model, measures=[
    ...     Measure.drop_components(model, "Bản sao sổ hộ khẩu", action=Action.REUSE_DATA),
    ...     Measure.lower_fee("Lệ phí (ví dụ)", 50000),
    ...     Measure(action=Action.DECENTRALISE,
    ...             changes=[ChangeTask(task="Nộp hồ sơ", hours=1, travel=20000)])])
    >>> result = plan.evaluate(wage)
    >>> result.after.annual_total, result.saving, result.savings.percent()
    (Decimal('340000000'), Decimal('190000000'), Decimal('35.85'))
    >>> print(result.lines[0])
    1.000000 measure 1 (reuse_data): task 'Chứng thực bản sao' removed (1 h, certification 20,000 VND): saves 50,000 VND per compliance, 50,000,000 VND per year

References:
    Circular 02/2017/TT-VPCP (31/10/2017), Art. 27 clauses 1–3 (CONFIRMED; clause 4, the kinds of
    cost and the wage-rate practice, UNCERTAIN): research notes ``vn_legal.md`` §5.2;
    https://hethongphapluat.com/thong-tu-02-2017-tt-vpcp-huong-dan-ve-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-do-van-phong-chinh-phu-ban-hanh/dieu-27
"""

from tthc.simplification._money import format_vnd
from tthc.simplification.changes import (
    Abolish,
    AddCost,
    AddTask,
    Change,
    ChangeCost,
    ChangeProcessingTime,
    ChangeTask,
    ChangeVolume,
    RemoveCost,
    RemoveTask,
)
from tthc.simplification.cost import (
    ComplianceCost,
    CostModel,
    ExpenseKind,
    PrescribedCost,
    PrescribedCostKind,
    Task,
)
from tthc.simplification.estimates import Estimate, LowerAverage, LowerAverageRule, lower_average
from tthc.simplification.measures import Action, Measure
from tthc.simplification.plans import Plan, PlanResult, SavingLine, plan_problems
from tthc.simplification.portfolio import Portfolio, PortfolioResult
from tthc.simplification.savings import Savings, TargetCheck
from tthc.simplification.targets import (
    RESOLUTION_66,
    ProgrammeTarget,
    ReductionCheck,
    TargetKind,
    check_plan_targets,
    check_targets,
)
from tthc.simplification.wage import (
    COMMON_DAYS_PER_MONTH,
    COMMON_HOURS_PER_DAY,
    CONVERSION_CERTAINTY,
    FigureCertainty,
    WagePeriod,
    WageRate,
)

__all__ = [
    "COMMON_DAYS_PER_MONTH",
    "COMMON_HOURS_PER_DAY",
    "CONVERSION_CERTAINTY",
    "RESOLUTION_66",
    "Abolish",
    "Action",
    "AddCost",
    "AddTask",
    "Change",
    "ChangeCost",
    "ChangeProcessingTime",
    "ChangeTask",
    "ChangeVolume",
    "ComplianceCost",
    "CostModel",
    "Estimate",
    "ExpenseKind",
    "FigureCertainty",
    "LowerAverage",
    "LowerAverageRule",
    "Measure",
    "Plan",
    "PlanResult",
    "Portfolio",
    "PortfolioResult",
    "PrescribedCost",
    "PrescribedCostKind",
    "ProgrammeTarget",
    "ReductionCheck",
    "RemoveCost",
    "RemoveTask",
    "SavingLine",
    "Savings",
    "TargetCheck",
    "TargetKind",
    "Task",
    "WagePeriod",
    "WageRate",
    "check_plan_targets",
    "check_targets",
    "format_vnd",
    "lower_average",
    "plan_problems",
]
