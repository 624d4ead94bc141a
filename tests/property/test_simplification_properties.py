"""Properties of compliance-cost evaluation (Circular 02/2017/TT-VPCP Art. 27).

* the cost is the formula of Art. 27(3), checked against exact fractions written here;
* a measure never raises the cost unless it adds a task or a cost;
* the explained savings add up to the saving; totals add up over portfolios;
* the order of measures changes the split of the saving, never the cost after;
* JSON and the CSV sheet read back what was written.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tthc.io.plans import dump_plans_csv, load_plans_csv, make_plan_converter
from tthc.simplification import (
    Abolish,
    Action,
    AddCost,
    AddTask,
    Change,
    ChangeCost,
    ChangeTask,
    ChangeVolume,
    CostModel,
    FigureCertainty,
    LowerAverageRule,
    Measure,
    Plan,
    Portfolio,
    PrescribedCost,
    PrescribedCostKind,
    RemoveCost,
    RemoveTask,
    Task,
    WagePeriod,
    WageRate,
    lower_average,
)

CONVERTER = make_plan_converter()
EXPENSES = ("copies", "certification", "travel", "hired_services", "other_expenses")

# --- strategies (local: tests/strategies.py belongs to the shared suite) ---------------------------

hours = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)
money = st.integers(0, 5_000_000).map(Decimal) | st.decimals(
    min_value=0, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)
wages = st.builds(
    lambda amount, period, days, per_day: WageRate(
        amount=amount,
        period=period,
        year=2024,
        source="generated",
        certainty=FigureCertainty.EXAMPLE,
        days_per_month=days,
        hours_per_day=per_day,
    ),
    st.integers(1, 200_000_000).map(Decimal),
    st.sampled_from(WagePeriod),
    st.sampled_from([Decimal(22), Decimal(20), Decimal(26), Decimal("21.5")]),
    st.sampled_from([Decimal(8), Decimal("7.5"), Decimal(4)]),
)


@st.composite
def tasks(draw: st.DrawFn, name: str) -> Task:
    expenses = {e: draw(money) for e in EXPENSES if draw(st.booleans())}
    return Task(name=name, hours=draw(hours), **expenses)


@st.composite
def models(draw: st.DrawFn, code: str = "1.000000") -> CostModel:
    n_tasks = draw(st.integers(0, 5))
    n_costs = draw(st.integers(0, 3))
    return CostModel(
        code=code,
        name=f"Thủ tục {code}",
        times_per_year=draw(
            st.decimals(min_value=0, max_value=12, places=1, allow_nan=False, allow_infinity=False)
        ),
        subjects_per_year=Decimal(draw(st.integers(0, 2_000_000))),
        tasks=[draw(tasks(f"task {i}")) for i in range(n_tasks)],
        prescribed_costs=[
            PrescribedCost(
                kind=draw(st.sampled_from(PrescribedCostKind)),
                name=f"cost {i}",
                amount=draw(money),
            )
            for i in range(n_costs)
        ],
    )


def lower(draw: st.DrawFn, value: Decimal) -> Decimal:
    """A value between 0 and ``value`` with at most 6 decimals."""
    percent = draw(st.integers(0, 100))
    return (value * percent / 100).quantize(Decimal("0.000001"), rounding=ROUND_DOWN)


@st.composite
def reductions(draw: st.DrawFn, model: CostModel) -> list[Change]:
    """Changes that only remove or lower, each touching a different item, in random order."""
    changes: list[Change] = []
    for task in model.tasks:
        choice = draw(st.sampled_from(["keep", "remove", "change"]))
        if choice == "remove":
            changes.append(RemoveTask(task.name))
        elif choice == "change":
            new = {e: lower(draw, getattr(task, e)) for e in EXPENSES if draw(st.booleans())}
            changes.append(ChangeTask(task=task.name, hours=lower(draw, task.hours), **new))
    for cost in model.prescribed_costs:
        choice = draw(st.sampled_from(["keep", "remove", "change"]))
        if choice == "remove":
            changes.append(RemoveCost(cost.name))
        elif choice == "change":
            changes.append(ChangeCost(cost=cost.name, amount=lower(draw, cost.amount)))
    if draw(st.booleans()):
        changes.append(
            ChangeVolume(
                times_per_year=lower(draw, model.times_per_year),
                subjects_per_year=lower(draw, model.subjects_per_year),
            )
        )
    return draw(st.permutations(changes))


@st.composite
def additions(draw: st.DrawFn) -> list[Change]:
    added: list[Change] = [
        AddTask(draw(tasks(f"new task {i}"))) for i in range(draw(st.integers(0, 2)))
    ]
    if draw(st.booleans()):
        added.append(
            AddCost(
                PrescribedCost(kind=PrescribedCostKind.OTHER, name="new cost", amount=draw(money))
            )
        )
    return added


@st.composite
def measures_of(draw: st.DrawFn, changes: list[Change]) -> list[Measure]:
    """The changes cut into measures at random points, each with a random action."""
    measures: list[Measure] = []
    rest = list(changes)
    while rest:
        size = draw(st.integers(1, len(rest)))
        measures.append(Measure(action=draw(st.sampled_from(Action)), changes=rest[:size]))
        rest = rest[size:]
    return measures


@st.composite
def plans(draw: st.DrawFn, code: str = "1.000000", *, add: bool = False) -> Plan:
    model = draw(models(code))
    if draw(st.integers(0, 9)) == 0:
        return Plan(model=model, measures=[Measure.abolish()])
    changes = draw(reductions(model))
    if add:
        changes += draw(additions())
        changes = draw(st.permutations(changes))
    return Plan(model=model, measures=draw(measures_of(changes)))


@st.composite
def plan_lists(draw: st.DrawFn, first: int = 0) -> list[Plan]:
    n = draw(st.integers(0, 4))
    return [draw(plans(f"1.{first + i:06d}", add=draw(st.booleans()))) for i in range(n)]


# --- the formula, with exact fractions -----------------------------------------------------------


def half_up(x: Fraction) -> Decimal:
    """Round a non-negative fraction to a whole number, half up."""
    return Decimal(math.floor(x + Fraction(1, 2)))


def oracle(model: CostModel, wage: WageRate) -> tuple[Decimal, Decimal]:
    """Art. 27(3)(a)(b), written out: (cost of one compliance, annual total), whole đồng."""
    months = 1 if wage.period is WagePeriod.MONTH else 12
    hourly = Fraction(wage.amount) / (
        months * Fraction(wage.days_per_month) * Fraction(wage.hours_per_day)
    )
    tasks_cost = sum(
        (
            Fraction(t.hours) * hourly + sum(Fraction(getattr(t, e)) for e in EXPENSES)
            for t in model.tasks
        ),
        Fraction(0),
    )
    prescribed = sum((Fraction(c.amount) for c in model.prescribed_costs), Fraction(0))
    per_compliance = half_up(tasks_cost + prescribed)
    annual = half_up(
        Fraction(per_compliance)
        * Fraction(model.times_per_year)
        * Fraction(model.subjects_per_year)
    )
    return per_compliance, annual


@given(models(), wages)
def test_cost_is_the_formula(model: CostModel, wage: WageRate) -> None:
    """The cost equals Art. 27(3) computed with exact fractions and rounded half-up once."""
    cost = model.cost(wage)
    assert (cost.per_compliance, cost.annual_total) == oracle(model, wage)


@given(st.data(), wages)
def test_reductions_never_raise_the_cost(data: st.DataObject, wage: WageRate) -> None:
    """A plan that only removes or lowers never raises the cost, change by change."""
    plan = data.draw(plans())
    result = plan.evaluate(wage)
    for line in result.lines:
        assert line.after.per_compliance <= line.before.per_compliance
        assert line.after.annual_total <= line.before.annual_total
        assert line.saving >= 0
    assert result.after.annual_total <= result.before.annual_total
    percent = result.savings.percent()
    assert percent is None or Decimal(0) <= percent <= Decimal(100)


@given(st.data(), wages)
def test_only_additions_raise_the_cost(data: st.DataObject, wage: WageRate) -> None:
    """With additions, a change that raises the cost is an addition, and every addition
    raises it or leaves it."""
    result = data.draw(plans(add=True)).evaluate(wage)
    for line in result.lines:
        if isinstance(line.change, (AddTask, AddCost)):
            assert line.saving <= 0
        else:
            assert line.saving >= 0


@given(st.data(), wages)
def test_explanations_add_up(data: st.DataObject, wage: WageRate) -> None:
    """The savings of the lines add up exactly to the plan's saving, per year and per
    compliance, and the lines chain: each starts where the previous one ended."""
    result = data.draw(plans(add=True)).evaluate(wage)
    assert sum((x.saving for x in result.lines), Decimal(0)) == result.saving
    assert (
        sum((x.saving_per_compliance for x in result.lines), Decimal(0))
        == result.before.per_compliance - result.after.per_compliance
    )
    states = [result.before] + [x.after for x in result.lines]
    assert [x.before for x in result.lines] == states[:-1]
    assert states[-1] == result.after


@given(st.data(), wages)
def test_cost_after_is_the_cost_of_the_model_after(data: st.DataObject, wage: WageRate) -> None:
    plan = data.draw(plans(add=True))
    assert plan.evaluate(wage).after == plan.model_after.cost(wage)


@given(st.data(), wages)
def test_totals_are_additive(data: st.DataObject, wage: WageRate) -> None:
    """A portfolio's totals are the sums of the totals of any split of it."""
    first = data.draw(plan_lists(0))
    second = data.draw(plan_lists(100))
    both = Portfolio(name="A+B", wage_rate=wage, plans=first + second).evaluate()
    a = Portfolio(name="A", wage_rate=wage, plans=first).evaluate()
    b = Portfolio(name="B", wage_rate=wage, plans=second).evaluate()
    assert both.before == a.before + b.before
    assert both.after == a.after + b.after
    assert both.saving == a.saving + b.saving
    assert both.before == sum((r.before.annual_total for r in both.results), Decimal(0))


@given(st.data(), wages)
def test_order_of_measures_keeps_the_cost_after(data: st.DataObject, wage: WageRate) -> None:
    """Measures on different items apply in any order; the cost after is the same, and only
    the split of the saving among the lines may differ."""
    plan = data.draw(plans(add=True))
    if any(isinstance(c, Abolish) for m in plan.measures for c in m.changes):
        return
    shuffled = Plan(model=plan.model, measures=data.draw(st.permutations(plan.measures)))
    original, other = plan.evaluate(wage), shuffled.evaluate(wage)
    assert other.after == original.after
    assert other.saving == original.saving
    assert sorted(line.item for line in other.lines) == sorted(
        line.item for line in original.lines
    )


@given(st.data())
def test_json_round_trip(data: st.DataObject) -> None:
    """converter.structure(converter.unstructure(plan)) == plan."""
    plan = data.draw(plans(add=True))
    assert CONVERTER.structure(CONVERTER.unstructure(plan), Plan) == plan


@given(st.data(), wages)
def test_csv_round_trip(data: st.DataObject, wage: WageRate) -> None:
    """The sheet reads back the same cost model and the same cost after (the changes may be
    regrouped by action, in sheet order: procedure rows, tasks, costs)."""
    plan = data.draw(plans(add=True))
    [back] = load_plans_csv(dump_plans_csv([plan]))
    assert back.model == plan.model
    assert by_name(back.model_after) == by_name(plan.model_after)
    assert back.evaluate(wage).after == plan.evaluate(wage).after


def by_name(model: CostModel) -> tuple[object, ...]:
    """The model's content, its tasks and costs in name order (added ones may be regrouped)."""
    return (
        model.times_per_year,
        model.subjects_per_year,
        model.processing_time,
        sorted(model.tasks, key=lambda t: t.name),
        sorted(model.prescribed_costs, key=lambda c: c.name),
    )


@given(
    st.lists(
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(LowerAverageRule),
)
def test_lower_average_lies_between_the_lowest_and_the_mean(
    values: list[Decimal], rule: LowerAverageRule
) -> None:
    """Every reading gives a figure from the lowest estimate up to the mean of all."""
    result = lower_average(values, rule=rule, places=6)
    mean = Fraction(sum(values, Decimal(0))) / len(values)
    slack = Fraction(1, 2 * 10**6)  # half a unit of the sixth decimal
    assert Fraction(min(values)) - slack <= Fraction(result.value) <= mean + slack
    if len(set(values)) == 1:
        assert result.value == values[0]
