"""Changes: what a simplification measure does to a cost model, and how each one applies.

A [`Measure`][tthc.simplification.Measure] is made of small changes, applied in order:
remove, lower or add a task ([`RemoveTask`][tthc.simplification.RemoveTask],
[`ChangeTask`][tthc.simplification.ChangeTask], [`AddTask`][tthc.simplification.AddTask]);
remove, lower or add a prescribed cost ([`RemoveCost`][tthc.simplification.RemoveCost],
[`ChangeCost`][tthc.simplification.ChangeCost], [`AddCost`][tthc.simplification.AddCost]);
lower the volume ([`ChangeVolume`][tthc.simplification.ChangeVolume]); abolish the procedure
([`Abolish`][tthc.simplification.Abolish]); or change the time limit
([`ChangeProcessingTime`][tthc.simplification.ChangeProcessingTime]), which saves nothing by
itself. A change only lowers a value: new work is an addition, so a plan without additions
never raises the cost.

Applying a change gives the new cost model and says, in words, which item it touched and what
it did; a change that does not apply to the model (a task that is not there, a value raised)
is refused with the reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeAlias

import attrs

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.simplification._checks import (
    check_duration,
    instance_of,
    one_of,
    optional_decimal,
    to_decimal,
)
from tthc.simplification._money import (
    MAX_HOURS,
    MAX_SUBJECTS,
    MAX_TIMES,
    money,
    optional_money,
    plain,
    quantity,
)
from tthc.simplification.cost import CostModel, ExpenseKind, PrescribedCost, Task

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "Abolish",
    "AddCost",
    "AddTask",
    "Change",
    "ChangeCost",
    "ChangeProcessingTime",
    "ChangeTask",
    "ChangeVolume",
    "RemoveCost",
    "RemoveTask",
]

_EXPENSE_KINDS: Final = tuple(ExpenseKind)


@attrs.frozen
class RemoveTask:
    """A change that removes a task (its hours and out-of-pocket costs).

    Attributes:
        task: The name of the task.
    """

    kind: ClassVar[str] = "remove_task"
    task: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


def _at_least_one(check: Callable[[object, Any, Any], None]) -> Callable[[object, Any, Any], None]:
    """Validator factory for the last optional value of a change.

    It runs ``check``, then requires at least one value given (a check across every optional
    value of the change, so it belongs to the last field).
    """

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        check(instance, attribute, value)
        names = [a.name for a in attrs.fields(type(instance)) if a.name not in ("task", "cost")]
        if all(getattr(instance, n) is None for n in names):
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                value,
                f"a new value for at least one of {', '.join(names)} (this change changes "
                "nothing)",
            )

    return validate


@attrs.frozen(kw_only=True)
class ChangeTask:
    """A change that lowers a task's hours or out-of-pocket costs (``None``: unchanged).

    A change only lowers: new work is an [`AddTask`][tthc.simplification.AddTask], so a plan
    without additions never raises the cost.

    Attributes:
        task: The name of the task.
        hours: The new hours, at most the current ones.
        copies: The new copying cost, at most the current one.
        certification: The new certification cost, at most the current one.
        travel: The new travel cost, at most the current one.
        hired_services: The new cost of hired services, at most the current one.
        other_expenses: The new other out-of-pocket cost, at most the current one.
    """

    kind: ClassVar[str] = "change_task"
    task: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    hours: Decimal | None = attrs.field(
        default=None,
        converter=optional_decimal,
        validator=quantity(MAX_HOURS, "hours", optional=True),
    )
    copies: Decimal | None = attrs.field(
        default=None, converter=optional_decimal, validator=optional_money
    )
    certification: Decimal | None = attrs.field(
        default=None, converter=optional_decimal, validator=optional_money
    )
    travel: Decimal | None = attrs.field(
        default=None, converter=optional_decimal, validator=optional_money
    )
    hired_services: Decimal | None = attrs.field(
        default=None, converter=optional_decimal, validator=optional_money
    )
    other_expenses: Decimal | None = attrs.field(
        default=None, converter=optional_decimal, validator=_at_least_one(optional_money)
    )


@attrs.frozen
class AddTask:
    """A change that adds a task (new work the measure brings, such as scanning papers).

    Attributes:
        task: The new task; no task of the procedure may have its name.
    """

    kind: ClassVar[str] = "add_task"
    task: Task = attrs.field(validator=instance_of(Task, "a Task"))


@attrs.frozen
class RemoveCost:
    """A change that removes a fee, charge or other prescribed cost.

    Attributes:
        cost: The name of the prescribed cost.
    """

    kind: ClassVar[str] = "remove_cost"
    cost: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class ChangeCost:
    """A change that lowers a fee, charge or other prescribed cost.

    Attributes:
        cost: The name of the prescribed cost.
        amount: The new amount, at most the current one (0 keeps the item at zero).
    """

    kind: ClassVar[str] = "change_cost"
    cost: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    amount: Decimal = attrs.field(converter=to_decimal, validator=money)


@attrs.frozen
class AddCost:
    """A change that adds a prescribed cost.

    Attributes:
        cost: The new prescribed cost; none of the procedure may have its name.
    """

    kind: ClassVar[str] = "add_cost"
    cost: PrescribedCost = attrs.field(validator=instance_of(PrescribedCost, "a PrescribedCost"))


@attrs.frozen(kw_only=True)
class ChangeVolume:
    """A change that lowers the prescribed times per year or the subjects per year.

    Attributes:
        times_per_year: The new times per year (``None``: unchanged), at most the current.
        subjects_per_year: The new subjects per year (``None``: unchanged), at most the current.
    """

    kind: ClassVar[str] = "change_volume"
    times_per_year: Decimal | None = attrs.field(
        default=None,
        converter=optional_decimal,
        validator=quantity(MAX_TIMES, "times per year", optional=True),
    )
    subjects_per_year: Decimal | None = attrs.field(
        default=None,
        converter=optional_decimal,
        validator=_at_least_one(quantity(MAX_SUBJECTS, "subjects per year", optional=True)),
    )


@attrs.frozen
class Abolish:
    """A change that removes every task and prescribed cost: the procedure is abolished."""

    kind: ClassVar[str] = "abolish"


@attrs.frozen
class ChangeProcessingTime:
    """A change of the time limit (*thời hạn giải quyết*), which saves nothing by itself.

    Opportunity cost is not counted (Art. 27(2)(b)): a shorter time limit saves only through the
    tasks it changes, given as other changes of the measure.

    Attributes:
        processing_time: The new time limit.
    """

    kind: ClassVar[str] = "change_processing_time"
    processing_time: Duration = attrs.field(validator=check_duration)


#: Any change a measure can make.
Change: TypeAlias = (
    RemoveTask
    | ChangeTask
    | AddTask
    | RemoveCost
    | ChangeCost
    | AddCost
    | ChangeVolume
    | Abolish
    | ChangeProcessingTime
)


# --- applying a change to a cost model -----------------------------------------------------------


def _replace(record: Any, **changes: Any) -> Any:
    """``attrs.evolve`` without running the validators again (private).

    Only for applying a change: every value comes from a validated record or a validated
    change, and the checks that need the model (the task exists, the value is lower) are made
    by the change functions themselves. A plan walks a new state per change, so this keeps
    evaluation fast.
    """
    new = object.__new__(type(record))
    for field in attrs.fields(type(record)):
        object.__setattr__(new, field.name, changes.get(field.name, getattr(record, field.name)))
    return new


class _RefusedError(Exception):
    """A change that does not apply to the model (private; becomes an InvalidValueError)."""

    def __init__(self, attribute: str, value: object, expected: str) -> None:
        super().__init__(expected)
        self.attribute = attribute
        self.value = value
        self.expected = expected


def _find(items: tuple[Any, ...], name: str) -> int:
    for index, item in enumerate(items):
        if item.name == name:
            return index
    return -1


def _lower_only(attribute: str, new: Decimal, old: Decimal, what: str, unit: str) -> None:
    if new > old:
        raise _RefusedError(
            attribute,
            new,
            f"at most the current {plain(old)} {unit} of {what} (a change only lowers a value; "
            "add a task or a cost for new work)",
        )


def _task_index(model: CostModel, name: str) -> int:
    index = _find(model.tasks, name)
    if index < 0:
        raise _RefusedError("task", name, one_of(f"a task of procedure {model.code}", model.tasks))
    return index


def _cost_index(model: CostModel, name: str) -> int:
    index = _find(model.prescribed_costs, name)
    if index < 0:
        raise _RefusedError(
            "cost",
            name,
            one_of(f"a prescribed cost of procedure {model.code}", model.prescribed_costs),
        )
    return index


def _cost_item(cost: PrescribedCost) -> str:
    return f"{cost.kind.value.replace('_', ' ')} {cost.name!r}"


def _remove_task(model: CostModel, change: RemoveTask) -> tuple[CostModel, str, str]:
    index = _task_index(model, change.task)
    task = model.tasks[index]
    tasks = model.tasks[:index] + model.tasks[index + 1 :]
    return _replace(model, tasks=tasks), f"task {task.name!r}", f"removed ({task.describe()})"


def _change_task(model: CostModel, change: ChangeTask) -> tuple[CostModel, str, str]:
    index = _task_index(model, change.task)
    task = model.tasks[index]
    updates: dict[str, Any] = {}
    words: list[str] = []
    if change.hours is not None:
        _lower_only("hours", change.hours, task.hours, f"task {task.name!r}", "h")
        updates["hours"] = change.hours
        words.append(f"hours {plain(task.hours)} → {plain(change.hours)}")
    for kind in _EXPENSE_KINDS:
        new = getattr(change, kind.value)
        if new is not None:
            old = task.expense(kind)
            _lower_only(kind.value, new, old, f"task {task.name!r}", f"VND of {kind.words}")
            updates[kind.value] = new
            words.append(f"{kind.words} {plain(old)} → {plain(new)} VND")
    tasks = (*model.tasks[:index], _replace(task, **updates), *model.tasks[index + 1 :])
    return _replace(model, tasks=tasks), f"task {task.name!r}", ", ".join(words)


def _add_task(model: CostModel, change: AddTask) -> tuple[CostModel, str, str]:
    if _find(model.tasks, change.task.name) >= 0:
        raise _RefusedError(
            "task.name",
            change.task.name,
            f"a name no task of procedure {model.code} has (change that task instead)",
        )
    return (
        _replace(model, tasks=(*model.tasks, change.task)),
        f"task {change.task.name!r}",
        f"added ({change.task.describe()})",
    )


def _remove_cost(model: CostModel, change: RemoveCost) -> tuple[CostModel, str, str]:
    index = _cost_index(model, change.cost)
    cost = model.prescribed_costs[index]
    costs = model.prescribed_costs[:index] + model.prescribed_costs[index + 1 :]
    return (
        _replace(model, prescribed_costs=costs),
        _cost_item(cost),
        f"removed ({plain(cost.amount)} VND)",
    )


def _change_cost(model: CostModel, change: ChangeCost) -> tuple[CostModel, str, str]:
    index = _cost_index(model, change.cost)
    cost = model.prescribed_costs[index]
    _lower_only("amount", change.amount, cost.amount, f"{cost.name!r}", "VND")
    costs = (
        *model.prescribed_costs[:index],
        _replace(cost, amount=change.amount),
        *model.prescribed_costs[index + 1 :],
    )
    return (
        _replace(model, prescribed_costs=costs),
        _cost_item(cost),
        f"{plain(cost.amount)} → {plain(change.amount)} VND",
    )


def _add_cost(model: CostModel, change: AddCost) -> tuple[CostModel, str, str]:
    if _find(model.prescribed_costs, change.cost.name) >= 0:
        raise _RefusedError(
            "cost.name",
            change.cost.name,
            f"a name no prescribed cost of procedure {model.code} has",
        )
    return (
        _replace(model, prescribed_costs=(*model.prescribed_costs, change.cost)),
        _cost_item(change.cost),
        f"added ({plain(change.cost.amount)} VND)",
    )


def _change_volume(model: CostModel, change: ChangeVolume) -> tuple[CostModel, str, str]:
    volume: dict[str, Any] = {}
    words = []
    for attribute, unit in (
        ("times_per_year", "times per year"),
        ("subjects_per_year", "subjects per year"),
    ):
        new = getattr(change, attribute)
        if new is not None:
            old = getattr(model, attribute)
            _lower_only(attribute, new, old, f"procedure {model.code}", unit)
            volume[attribute] = new
            words.append(f"{unit} {plain(old)} → {plain(new)}")
    return _replace(model, **volume), "volume", ", ".join(words)


def _abolish(model: CostModel, _: Abolish) -> tuple[CostModel, str, str]:
    return (
        _replace(model, tasks=(), prescribed_costs=()),
        "procedure",
        "abolished: every task and prescribed cost removed",
    )


def _change_time(model: CostModel, change: ChangeProcessingTime) -> tuple[CostModel, str, str]:
    old = "none stated" if model.processing_time is None else str(model.processing_time)
    return (
        _replace(model, processing_time=change.processing_time),
        "processing time",
        (
            f"{old} → {change.processing_time} (no cost effect by itself: opportunity cost is "
            "not counted, Art. 27(2)(b))"
        ),
    )


_APPLY: Final[dict[type, Callable[[CostModel, Any], tuple[CostModel, str, str]]]] = {
    RemoveTask: _remove_task,
    ChangeTask: _change_task,
    AddTask: _add_task,
    RemoveCost: _remove_cost,
    ChangeCost: _change_cost,
    AddCost: _add_cost,
    ChangeVolume: _change_volume,
    Abolish: _abolish,
    ChangeProcessingTime: _change_time,
}


def _apply(model: CostModel, change: Change) -> tuple[CostModel, str, str]:
    """Apply one change: (new model, the item it touched, what it did in words)."""
    return _APPLY[type(change)](model, change)
