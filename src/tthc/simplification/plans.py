"""A simplification plan (*phương án đơn giản hóa*) for one procedure, and its evaluation.

A [`Plan`][tthc.simplification.Plan] applies [`Measure`][tthc.simplification.Measure]s to a
[`CostModel`][tthc.simplification.CostModel], in order; evaluating it with a wage rate gives a
[`PlanResult`][tthc.simplification.PlanResult]: the cost before and after, and one
[`SavingLine`][tthc.simplification.SavingLine] per change saying which measure changed which
task or fee and how much that saved. The benefit is the current cost minus the cost after
simplification (Circular 02/2017/TT-VPCP Art. 27(1)(c)).
[`plan_problems`][tthc.simplification.plan_problems] lists every change that does not apply.

References:
    Circular 02/2017/TT-VPCP Art. 27(1)(c), (2)(b) (CONFIRMED): research notes ``vn_legal.md``
    §5.2.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc.errors import InvalidValueError
from tthc.simplification._checks import (
    instance_of,
    optional_nfc,
    optional_text,
    to_tuple,
    tuple_of,
)
from tthc.simplification._money import exact_difference, format_vnd
from tthc.simplification.changes import Abolish, Change, _apply, _RefusedError
from tthc.simplification.cost import ComplianceCost, CostModel, _cost
from tthc.simplification.measures import Action, Measure
from tthc.simplification.savings import Savings
from tthc.simplification.wage import WageRate, _costing_arguments

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from decimal import Decimal

    from tthc.indicators import RoundingMode

__all__ = ["Plan", "PlanResult", "SavingLine", "plan_problems"]


@attrs.frozen
class _Step:
    """One step of a plan walk (private)."""

    measure: int
    change_index: int
    change: Change | None
    state: CostModel
    item: str = ""
    detail: str = ""
    refused: _RefusedError | None = None


def _steps(model: CostModel, measures: tuple[Measure, ...]) -> Iterator[_Step]:
    """Walk the plan: per change, the state after it (or why it does not apply).

    A change that does not apply is skipped and the walk goes on from the state before it, so
    that every problem of a plan is found at once.
    """
    state = model
    for i, measure in enumerate(measures):
        if not measure.changes:
            yield _Step(
                i, -1, None, state, "cost model", "unchanged (the measure states no change)"
            )
        for j, change in enumerate(measure.changes):
            try:
                new, item, detail = _apply(state, change)
            except _RefusedError as refused:
                yield _Step(i, j, change, state, refused=refused)
                continue
            state = new
            yield _Step(i, j, change, state, item, detail)


def plan_problems(
    model: CostModel, measures: Iterable[Measure]
) -> list[tuple[int, int, InvalidValueError]]:
    """Every change of ``measures`` that does not apply to ``model``, in order.

    Changes are applied in order; one that does not apply (a task that is not there, a value
    raised rather than lowered) is reported and skipped, and the check goes on.

    Args:
        model: The cost model as it stands.
        measures: The plan's measures.

    Returns:
        ``(measure index, change index, error)`` for each problem (indexes from 0); the error's
        ``field`` is ``Plan.measures[i].changes[j].<attribute>``.

    Examples:
        >>> from tthc.simplification import ChangeTask, RemoveTask, Task
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=1, tasks=[Task(name="A", hours=2)])
        >>> [(i, j, str(e)) for i, j, e in plan_problems(m, [Measure(action=Action.AMEND,
        ...     changes=[ChangeTask(task="A", hours=3), RemoveTask("B")])])]
        [(0, 0, "Plan.measures[0].changes[0].hours: expected at most the current 2 h of task 'A' (a change only lowers a value; add a task or a cost for new work), got Decimal('3')"), (0, 1, "Plan.measures[0].changes[1].task: expected a task of procedure 1.000000 (one of 'A'), got 'B'")]
    """
    problems: list[tuple[int, int, InvalidValueError]] = []
    for step in _steps(model, tuple(measures)):
        refused = step.refused
        if refused is not None:
            i, j = step.measure, step.change_index
            field = f"Plan.measures[{i}].changes[{j}].{refused.attribute}"
            problems.append((i, j, InvalidValueError(field, refused.value, refused.expected)))
    return problems


_measures_of: Final = tuple_of(Measure, "Measure records")


def _check_measures(instance: Plan, attribute: Any, value: Any) -> None:
    # Last field involved: the measures must apply to the model, in order.
    _measures_of(instance, attribute, value)
    if isinstance(instance.model, CostModel):
        problems = plan_problems(instance.model, value)
        if problems:
            raise problems[0][2]


@attrs.frozen(kw_only=True)
class SavingLine:
    """One change of a plan and what it saved (*giải trình chi phí tiết kiệm*).

    The saving of a change is the cost just before it minus the cost just after it, with the
    changes applied in plan order; the lines of a plan add up to its saving exactly.

    Attributes:
        code: The procedure's code.
        measure: The measure's position in the plan, from 1.
        action: The measure's action.
        change: The change, or ``None`` for a measure without changes.
        item: What the change touched: ``"task 'Nộp hồ sơ'"``, ``"charge 'Lệ phí'"``,
            ``"volume"``, ``"procedure"``, ``"processing time"``.
        detail: What it did, in words.
        before: The procedure's cost just before the change.
        after: The procedure's cost just after it.
    """

    code: str
    measure: int
    action: Action
    change: Change | None
    item: str
    detail: str
    before: ComplianceCost = attrs.field(repr=False)
    after: ComplianceCost = attrs.field(repr=False)

    @property
    def saving(self) -> Decimal:
        """Annual saving of this change, VND (negative when it adds cost)."""
        return exact_difference(self.before.annual_total, self.after.annual_total)

    @property
    def saving_per_compliance(self) -> Decimal:
        """Saving per compliance of this change, VND."""
        return exact_difference(self.before.per_compliance, self.after.per_compliance)

    def __str__(self) -> str:
        verb = "saves" if self.saving >= 0 else "adds"
        return (
            f"{self.code} measure {self.measure} ({self.action.value}): {self.item} "
            f"{self.detail}: {verb} {format_vnd(abs(self.saving_per_compliance))} VND per "
            f"compliance, {format_vnd(abs(self.saving))} VND per year"
        )


@attrs.frozen(kw_only=True)
class PlanResult:
    """The evaluated plan of one procedure: cost before and after, and every saving explained.

    Attributes:
        code: The procedure's code.
        name: The procedure's name.
        before: The cost as it stands.
        after: The cost after every measure.
        lines: One line per change (and per measure without changes), in plan order.
        actions: The actions of the plan's measures, in order, without repeats.
        abolished: Whether the plan abolishes the procedure.
        has_plan: Whether the procedure has at least one measure.
    """

    code: str
    name: str
    before: ComplianceCost
    after: ComplianceCost
    lines: tuple[SavingLine, ...] = attrs.field(repr=False)
    actions: tuple[Action, ...]
    abolished: bool
    has_plan: bool

    @property
    def saving(self) -> Decimal:
        """Annual saving, VND."""
        return exact_difference(self.before.annual_total, self.after.annual_total)

    @property
    def savings(self) -> Savings:
        """Annual totals before and after, with the rate."""
        return Savings(self.before.annual_total, self.after.annual_total)


@attrs.frozen(kw_only=True)
class Plan:
    """A simplification plan (*phương án đơn giản hóa*) for one procedure: its measures.

    The measures apply in order, and within a measure its changes apply in order; a change
    must apply to the model as the earlier ones left it (a task removed by one measure cannot be
    changed by a later one). The cost after the plan does not depend on the order among changes
    that all apply in either order; the split of the saving among them does, since each change
    is valued against the state just before it (lowering the subjects per year first makes
    every later change save less).

    Attributes:
        model: The procedure's cost model as it stands.
        measures: The measures; none means the procedure was reviewed without a plan.
        decision: The decision that approves the plan (*quyết định phê duyệt*), if any.

    Raises:
        InvalidValueError: A change does not apply (see
            [`plan_problems`][tthc.simplification.plan_problems] for all of them at once).

    Examples:
        >>> from tthc.simplification import Task
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=1, tasks=[Task(name="A", hours=2)])
        >>> Plan(model=m, measures=[Measure.remove_tasks(Action.AMEND, "B")])
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Plan.measures[0].changes[0].task: expected a task of procedure 1.000000 (one of 'A'), got 'B'
    """

    model: CostModel = attrs.field(validator=instance_of(CostModel, "a CostModel"))
    measures: tuple[Measure, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_measures
    )
    decision: str | None = attrs.field(
        default=None, converter=optional_nfc, validator=optional_text
    )

    @property
    def code(self) -> str:
        """The procedure's code."""
        return self.model.code

    @property
    def has_plan(self) -> bool:
        """Whether the plan has at least one measure."""
        return bool(self.measures)

    @property
    def model_after(self) -> CostModel:
        """The cost model after every measure."""
        state = self.model
        for measure in self.measures:
            for change in measure.changes:
                state = _apply(state, change)[0]
        return state

    def evaluate(
        self,
        wage_rate: WageRate,
        *,
        places: int = 0,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> PlanResult:
        """Cost before and after, and one explained saving per change.

        Args:
            wage_rate: The wage rate that values the hours.
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round money (half-up by default).

        Returns:
            The result.

        Raises:
            InvalidValueError: ``wage_rate``, ``places`` or ``rounding`` is not valid.
        """
        return _evaluate(self, *_costing_arguments("Plan.evaluate", wage_rate, places, rounding))


def _evaluate(plan: Plan, wage: WageRate, places: int, rounding: str) -> PlanResult:
    model = plan.model
    before = current = _cost(model, wage, places, rounding)
    lines: list[SavingLine] = []
    state = model
    abolished = False
    # The plan was checked when it was built: no step is refused.
    for step in _steps(model, plan.measures):
        if step.state is not state:
            state = step.state
            after = _cost(state, wage, places, rounding)
        else:
            after = current
        abolished = abolished or isinstance(step.change, Abolish)
        lines.append(
            SavingLine(
                code=model.code,
                measure=step.measure + 1,
                action=plan.measures[step.measure].action,
                change=step.change,
                item=step.item,
                detail=step.detail,
                before=current,
                after=after,
            )
        )
        current = after
    return PlanResult(
        code=model.code,
        name=model.name,
        before=before,
        after=current,
        lines=tuple(lines),
        actions=tuple(dict.fromkeys(m.action for m in plan.measures)),
        abolished=abolished,
        has_plan=plan.has_plan,
    )
