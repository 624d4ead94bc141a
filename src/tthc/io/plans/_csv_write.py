"""Plans to the spreadsheet-style CSV that [`load_plans_csv`][tthc.io.plans.load_plans_csv] reads.

One row per task, fee and procedure, each with the change the plan makes to it; a plan is
written only when its rows read back to the same cost model and the same cost after it.
Private to `tthc.io.plans`, which re-exports [`dump_plans_csv`][tthc.io.plans.dump_plans_csv].
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import attrs

from tthc._files import csv_cell
from tthc.errors import InvalidValueError, LoadError
from tthc.io._converter import write_text
from tthc.io.plans._csv_read import CSV_COLUMNS, EXPENSE_COLUMNS, load_plans_csv
from tthc.simplification import (
    Abolish,
    AddCost,
    AddTask,
    Change,
    ChangeCost,
    ChangeProcessingTime,
    ChangeTask,
    ChangeVolume,
    CostModel,
    ExpenseKind,
    Measure,
    Plan,
    RemoveCost,
    RemoveTask,
    Task,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable
    from decimal import Decimal

__all__ = ["dump_plans_csv"]


def _dec(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _plan_cells_out(measure: Measure, change: Change | None) -> dict[str, str]:
    cells = {
        "action": measure.action.value,
        "measure": measure.description or "",
        "legal_basis": measure.legal_basis or "",
    }
    if isinstance(change, (RemoveTask, RemoveCost, Abolish)):
        cells["change"] = "remove"
    elif isinstance(change, (AddTask, AddCost)):
        cells["change"] = "add"
    elif isinstance(change, ChangeTask):
        cells["change"] = "change"
        cells["hours_after"] = _dec(change.hours)
        for column in EXPENSE_COLUMNS:
            cells[f"{column}_after"] = _dec(getattr(change, column))
    elif isinstance(change, ChangeCost):
        cells["change"] = "change"
        cells["amount_after"] = _dec(change.amount)
    elif isinstance(change, ChangeVolume):
        cells["change"] = "change"
        cells["times_per_year_after"] = _dec(change.times_per_year)
        cells["subjects_per_year_after"] = _dec(change.subjects_per_year)
    elif isinstance(change, ChangeProcessingTime):
        cells["change"] = "change"
        cells["processing_time_after"] = str(change.processing_time)
    return cells


def _task_cells(task: Task) -> dict[str, str]:
    cells = {"item": "task", "name": task.name, "hours": _dec(task.hours)}
    cells["component"] = task.component or ""
    for kind in ExpenseKind:
        amount = task.expense(kind)
        cells[kind.value] = _dec(amount) if amount else ""
    return cells


def _plan_rows(plan: Plan, index: int) -> list[dict[str, str]]:
    model = plan.model
    head = {
        "item": "procedure",
        "name": model.name,
        "times_per_year": _dec(model.times_per_year),
        "subjects_per_year": _dec(model.subjects_per_year),
        "processing_time": "" if model.processing_time is None else str(model.processing_time),
        "decision": plan.decision or "",
    }
    procedure_rows: list[dict[str, str]] = []
    task_plan: dict[str, dict[str, str]] = {}
    cost_plan: dict[str, dict[str, str]] = {}
    added_tasks: list[dict[str, str]] = []
    added_costs: list[dict[str, str]] = []

    def once(table: dict[str, dict[str, str]], key: str, cells: dict[str, str]) -> None:
        if key in table:
            raise InvalidValueError(
                f"dump_plans_csv(plans)[{index}]",
                model.code,
                f"a plan that changes {key!r} at most once and never an item it added (a sheet "
                "row holds one change; write JSON with dump_plans for such plans)",
            )
        table[key] = cells

    for measure in plan.measures:
        if not measure.changes:
            procedure_rows.append(_plan_cells_out(measure, None))
        for change in measure.changes:
            cells = _plan_cells_out(measure, change)
            if isinstance(change, (Abolish, ChangeVolume, ChangeProcessingTime)):
                procedure_rows.append(cells)
            elif isinstance(change, (RemoveTask, ChangeTask)):
                once(task_plan, change.task, cells)
            elif isinstance(change, (RemoveCost, ChangeCost)):
                once(cost_plan, change.cost, cells)
            elif isinstance(change, AddTask):
                once(task_plan, change.task.name, {})
                added_tasks.append(_task_cells(change.task) | cells)
            elif isinstance(change, AddCost):
                once(cost_plan, change.cost.name, {})
                added_costs.append(
                    {
                        "item": change.cost.kind.value,
                        "name": change.cost.name,
                        "amount": _dec(change.cost.amount),
                    }
                    | cells
                )
    rows = [head | (procedure_rows[0] if procedure_rows else {})]
    rows += [{"item": "procedure", "name": model.name} | cells for cells in procedure_rows[1:]]
    rows += [_task_cells(t) | task_plan.get(t.name, {}) for t in model.tasks]
    rows += added_tasks
    rows += [
        {"item": c.kind.value, "name": c.name, "amount": _dec(c.amount)}
        | cost_plan.get(c.name, {})
        for c in model.prescribed_costs
    ]
    rows += added_costs
    return [{"code": model.code} | row for row in rows]


def _write(rows: Iterable[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    # A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP); the reader
    # takes it off again, so the sheet reads back to the same plans.
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _check_sheet(plan: Plan, rows: list[dict[str, str]], index: int) -> None:
    """The plan's rows read back to the same cost model and the same cost model after."""
    field = f"dump_plans_csv(plans)[{index}]"
    expected = (
        "a plan whose changes still apply in the sheet's order (procedure rows, then tasks, then "
        "costs); write it as JSON with dump_plans"
    )
    try:
        [back] = load_plans_csv(_write(rows))
    except LoadError as exc:
        raise InvalidValueError(
            field, plan.code, f"{expected} ({'; '.join(exc.problems)})"
        ) from None
    if back.model != plan.model or _sorted(back.model_after) != _sorted(plan.model_after):
        raise InvalidValueError(field, plan.code, expected)


def _sorted(model: CostModel) -> CostModel:
    """The model with its tasks and costs in name order.

    Added items may come back in another order when the sheet regroups the changes, which
    changes no cost.
    """
    return attrs.evolve(
        model,
        tasks=sorted(model.tasks, key=lambda t: t.name),
        prescribed_costs=sorted(model.prescribed_costs, key=lambda c: c.name),
    )


def dump_plans_csv(plans: Iterable[Plan], path: str | os.PathLike[str] | None = None) -> str:
    """Write plans as the spreadsheet-style CSV that ``load_plans_csv`` reads.

    Rows come per plan: the procedure row (with its first procedure-level change), more
    procedure rows for more such changes, the model's tasks (each with its change), added
    tasks, prescribed costs, added costs. Reading the text back gives plans with the same cost
    model and the same cost after them. The changes are regrouped in sheet order (one measure
    per action, wording and legal basis), so added items may come in another order and the
    split of the saving among the changes may differ where a volume change comes earlier in
    the sheet than in the plan; write JSON ([`dump_plans`][tthc.io.plans.dump_plans]) to keep a
    plan exactly.

    A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``
    or ``@``: a name such as ``=HYPERLINK(...)``) is written with a leading apostrophe, as
    OWASP recommends against CSV injection, and ``load_plans_csv`` takes it off again; numbers
    such as ``-5`` are written as they are.

    Args:
        plans: The plans.
        path: If given, the file to write (UTF-8, replaced atomically).

    Returns:
        The CSV text.

    Raises:
        InvalidValueError: An item is not a ``Plan``, or a plan changes one item twice (a row
            holds one change), or its changes do not apply in the sheet's order.
        OSError: The file cannot be written.
    """
    rows: list[dict[str, str]] = []
    for index, plan in enumerate(plans):
        if not isinstance(plan, Plan):
            raise InvalidValueError(f"dump_plans_csv(plans)[{index}]", plan, "a Plan")
        plan_rows = _plan_rows(plan, index)
        _check_sheet(plan, plan_rows, index)
        rows += plan_rows
    text = _write(rows)
    if path is not None:
        write_text(path, text)
    return text
