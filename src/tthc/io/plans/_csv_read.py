"""Plans from the spreadsheet-style CSV: one row per task, fee and procedure (the reader).

The columns are [`CSV_COLUMNS`][tthc.io.plans.CSV_COLUMNS];
[`load_plans_csv`][tthc.io.plans.load_plans_csv] says what each row and column holds. The
reader goes through every row even after a problem and reports all of them at once, by row
and column, in one [`LoadError`][tthc.errors.LoadError]. Private to `tthc.io.plans`, which
re-exports its public names.
"""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc._files import csv_cell_read
from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError
from tthc.io._converter import DEFAULT_MAX_BYTES
from tthc.simplification import (
    Abolish,
    Action,
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
    PrescribedCost,
    PrescribedCostKind,
    RemoveCost,
    RemoveTask,
    Task,
    plan_problems,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["CSV_COLUMNS", "EXPENSE_COLUMNS", "load_plans_csv"]

EXPENSE_COLUMNS: Final = tuple(kind.value for kind in ExpenseKind)

CSV_COLUMNS: Final = (
    "code",
    "item",
    "name",
    "component",
    "hours",
    *EXPENSE_COLUMNS,
    "amount",
    "times_per_year",
    "subjects_per_year",
    "processing_time",
    "decision",
    "action",
    "measure",
    "legal_basis",
    "change",
    "hours_after",
    *(f"{c}_after" for c in EXPENSE_COLUMNS),
    "amount_after",
    "times_per_year_after",
    "subjects_per_year_after",
    "processing_time_after",
)
"""The columns of the spreadsheet format, in the order written.

Only ``code``, ``item`` and ``name`` are required in a header; a missing column reads as blank.
"""
_REQUIRED: Final = ("code", "item", "name")
_ITEMS: Final = ("procedure", "task", *(k.value for k in PrescribedCostKind))
_CHANGES: Final = ("remove", "change", "add")
_PLAN_COLUMNS: Final = ("action", "measure", "legal_basis", "change")
_OWN_COLUMNS: Final[dict[str, frozenset[str]]] = {
    "procedure": frozenset(
        {
            "times_per_year",
            "subjects_per_year",
            "processing_time",
            "decision",
            "times_per_year_after",
            "subjects_per_year_after",
            "processing_time_after",
        }
    ),
    "task": frozenset(
        {
            "component",
            "hours",
            *EXPENSE_COLUMNS,
            "hours_after",
            *(f"{c}_after" for c in EXPENSE_COLUMNS),
        }
    ),
    "cost": frozenset({"amount", "amount_after"}),
}
_AFTER_COLUMNS: Final = frozenset(c for c in CSV_COLUMNS if c.endswith("_after"))
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NUMBER_EXPECTED: Final = (
    "a number >= 0 written like 50000 or 0.5 (no thousands separators, no sign)"
)


class _Row:
    """One data row of the sheet with its number, read cell by cell (private)."""

    def __init__(self, number: int, cells: dict[str, str], problems: list[str]) -> None:
        self.number = number
        self.cells = cells
        self.problems = problems
        self.bad = False

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str | None, expected: str, value: object) -> None:
        where = f"row {self.number}" if column is None else f"row {self.number}, {column}"
        self.bad = True
        self.problems.append(f"{where}: expected {expected}, got {value!r}")

    def number_of(self, column: str, *, required: bool = False) -> Decimal | None:
        text = self.text(column)
        if not text:
            if required:
                self.problem(column, _NUMBER_EXPECTED, text)
            return None
        if _NUMBER.fullmatch(text) is None:
            self.problem(column, _NUMBER_EXPECTED, text)
            return None
        return Decimal(text)

    def duration_of(self, column: str) -> Duration | None:
        text = self.text(column)
        if not text:
            return None
        try:
            return Duration.parse(text)
        except InvalidValueError as exc:
            self.problem(column, exc.expected, text)
            return None

    def build(self, make: Callable[[], Any], columns: Mapping[str, str]) -> Any:
        """``make()``, with an error of the record reported under the column it names."""
        try:
            return make()
        except InvalidValueError as exc:
            attribute = exc.field.rpartition(".")[2]
            self.problem(columns.get(attribute), exc.expected, exc.value)
            return None


@attrs.define
class _Procedure:
    """What the rows say about one procedure (private builder)."""

    code: str
    first_row: int
    row: _Row | None = None
    name: str | None = None
    times: Decimal | None = None
    subjects: Decimal | None = None
    processing_time: Duration | None = None
    decision: str | None = None
    tasks: list[Task] = attrs.field(factory=list)
    costs: list[PrescribedCost] = attrs.field(factory=list)
    # (row, action, measure text, legal basis, change or None, column of each attribute)
    changes: list[tuple[_Row, Action, str | None, str | None, Change | None, dict[str, str]]] = (
        attrs.field(factory=list)
    )
    names: dict[tuple[str, str], int] = attrs.field(factory=dict)
    # Names of tasks and costs whose rows have problems: changes to them are not checked.
    bad_names: set[str] = attrs.field(factory=set)


def _read_csv_text(source: Any, max_bytes: int) -> tuple[str, str]:
    if type(max_bytes) is not int or max_bytes < 0:
        raise InvalidValueError("max_bytes", max_bytes, "a whole number of bytes >= 0")
    if hasattr(source, "read"):
        text = source.read(max_bytes + 1)
        name = str(getattr(source, "name", "<CSV stream>"))
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="strict")
    elif isinstance(source, str) and ("\n" in source or "\r" in source):
        text, name = source, "<CSV text>"
    elif isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            with open(name, "rb") as fh:  # noqa: PTH123 - accepts any PathLike
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise LoadError(name, [f"cannot read the file: {exc.strerror or exc}"]) from exc
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(
                name, [f"not UTF-8 text: {exc.reason} at byte {exc.start} (save it as CSV UTF-8)"]
            ) from exc
    else:
        raise InvalidValueError(
            "source", source, "a path, CSV text (with a line break) or a text file object"
        )
    if not isinstance(text, str):
        raise InvalidValueError("source", source, "a text file object (read() returns str)")
    if len(text) > max_bytes:
        raise LoadError(
            name,
            [
                (
                    f"the input has more than {max_bytes:,} characters (max_bytes); split it, "
                    "or pass a larger max_bytes if you trust its source"
                )
            ],
        )
    return text.removeprefix("\ufeff"), name


# A header of thousands of stray columns gives this many problem lines, then one that counts the
# rest (each line lists the known columns: a 2 MB header once made a 443 MB message).
_HEADER_PROBLEMS = 10


def _header(header: list[str], problems: list[str]) -> list[str]:
    columns = [_v.nfc(h.strip()) for h in header]
    seen: set[str] = set()
    found: list[str] = []
    for column in columns:
        if column not in CSV_COLUMNS:
            found.append(
                f"row 1: unknown column {column!r} (the columns are {', '.join(CSV_COLUMNS)})"
            )
        elif column in seen:
            found.append(f"row 1: column {column!r} appears twice")
        seen.add(column)
    problems.extend(found[:_HEADER_PROBLEMS])
    if len(found) > _HEADER_PROBLEMS:
        problems.append(
            f"row 1: {len(found) - _HEADER_PROBLEMS:,} more columns unknown or repeated"
        )
    problems.extend(
        f"row 1: required column {column!r} missing" for column in _REQUIRED if column not in seen
    )
    return columns


def _rows(text: str, problems: list[str]) -> list[_Row]:
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        problems.append(f"not readable as CSV: {exc}")
        return []
    if not records:
        problems.append("row 1: expected a header row naming the columns, got an empty input")
        return []
    columns = _header(records[0], problems)
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets leave blank rows
        if len(record) > len(columns):
            problems.append(
                f"row {index}: expected at most {len(columns)} cells (the header's), "
                f"got {len(record)}"
            )
            continue
        if len(record) < len(columns):
            # A row cut short would lose its last values (a cost, a measure) without a word.
            problems.append(
                f"row {index}: expected {len(columns)} cells (the header's), got {len(record)}: "
                "a row cut short (write empty cells as ,,)"
            )
            continue
        cells = {
            column: _v.nfc(csv_cell_read(cell.strip()))
            for column, cell in zip(columns, record, strict=True)
            if column in CSV_COLUMNS
        }
        rows.append(_Row(index, cells, problems))
    return rows


def _check_cells(row: _Row, item: str) -> None:
    """Cells that do not belong to the row's item, or to its change, must be blank."""
    group = "procedure" if item == "procedure" else "task" if item == "task" else "cost"
    change = row.text("change")
    for column in CSV_COLUMNS:
        if column in (*_REQUIRED, *_PLAN_COLUMNS) or not row.text(column):
            continue
        if column not in _OWN_COLUMNS[group]:
            owners = [k for k, v in _OWN_COLUMNS.items() if column in v]
            row.problem(
                column,
                f"blank on a {item} row ({column} is for {owners[0]} rows)",
                row.text(column),
            )
        elif column in _AFTER_COLUMNS and change != "change":
            row.problem(column, "blank unless change is 'change'", row.text(column))


def _same(row: _Row, column: str, first: object, value: object) -> None:
    if value is not None and first is not None and value != first:
        row.problem(
            column, f"blank or {first!s} (as on the procedure's first row)", row.text(column)
        )


def _procedure_row(row: _Row, proc: _Procedure) -> None:
    times = row.number_of("times_per_year")
    subjects = row.number_of("subjects_per_year")
    duration = row.duration_of("processing_time")
    decision = row.text("decision") or None
    if proc.row is None:
        proc.row = row
        proc.name = row.text("name") or None
        proc.times, proc.subjects = times, subjects
        proc.processing_time, proc.decision = duration, decision
        if proc.name is None:
            row.problem("name", "the procedure's name", "")
        if times is None and not row.text("times_per_year"):
            row.problem("times_per_year", _NUMBER_EXPECTED, "")
        if subjects is None and not row.text("subjects_per_year"):
            row.problem("subjects_per_year", _NUMBER_EXPECTED, "")
    else:
        _same(row, "name", proc.name, row.text("name") or None)
        _same(row, "times_per_year", proc.times, times)
        _same(row, "subjects_per_year", proc.subjects, subjects)
        _same(row, "processing_time", proc.processing_time, duration)
        _same(row, "decision", proc.decision, decision)


def _plan_cells(row: _Row) -> tuple[Action | None, str | None, str | None, str]:
    text = row.text("action")
    action = None
    if text:
        try:
            action = Action(text)
        except ValueError:
            row.problem("action", "one of " + ", ".join(repr(a.value) for a in Action), text)
    change = row.text("change")
    if change and change not in _CHANGES:
        row.problem("change", "blank or one of 'remove', 'change', 'add'", change)
    if change in _CHANGES and not text:
        row.problem("action", "the measure's action when change is set", "")
    measure = row.text("measure") or None
    basis = row.text("legal_basis") or None
    if (measure or basis) and not text:
        row.problem("action", "the measure's action when measure or legal_basis is set", "")
    return action, measure, basis, change


_TASK_COLUMNS: Final = {"name": "name", "hours": "hours", "component": "component"} | {
    c: c for c in EXPENSE_COLUMNS
}
_CHANGE_TASK_COLUMNS: Final = {"task": "name", "hours": "hours_after"} | {
    c: f"{c}_after" for c in EXPENSE_COLUMNS
}


def _claim(row: _Row, proc: _Procedure, what: str, name: str) -> bool:
    """Record ``name`` as a task (cost) of the model; ``False`` if a row already has it."""
    key = (what, name)
    if key in proc.names:
        row.problem("name", f"a {what} name not used before (row {proc.names[key]} has it)", name)
        return False
    proc.names[key] = row.number
    return True


def _task_change(row: _Row, name: str) -> tuple[Change | None, dict[str, str]]:
    after = {c: row.number_of(f"{c}_after") for c in ("hours", *EXPENSE_COLUMNS)}
    given = {c: v for c, v in after.items() if v is not None}
    if not given:
        if not any(row.text(f"{c}_after") for c in after):  # else already reported
            row.problem(
                "change",
                "a new value in hours_after or a *_after cost column for 'change' on a task row",
                "change",
            )
        return None, {}
    return row.build(lambda: ChangeTask(task=name, **given), _CHANGE_TASK_COLUMNS), dict(
        _CHANGE_TASK_COLUMNS
    )


def _task_row(row: _Row, proc: _Procedure, change: str) -> tuple[Change | None, dict[str, str]]:
    name = row.text("name")
    values = {c: row.number_of(c) for c in EXPENSE_COLUMNS}
    hours = row.number_of("hours", required=True)
    if not name or (change != "add" and not _claim(row, proc, "task", name)):
        return None, {}  # already reported
    expenses = {c: v for c, v in values.items() if v is not None}

    def make_task() -> Task:
        return Task(
            name=name,
            hours=hours if hours is not None else Decimal(0),
            component=row.text("component") or None,
            **expenses,
        )

    task = row.build(make_task, _TASK_COLUMNS)
    if change == "add":
        return (AddTask(task) if task is not None else None), {"task.name": "name"}
    if task is not None:
        proc.tasks.append(task)
    if change == "remove":
        return RemoveTask(name), {"task": "name"}
    if change == "change":
        return _task_change(row, name)
    return None, {}


def _cost_change(row: _Row, name: str) -> tuple[Change | None, dict[str, str]]:
    columns = {"cost": "name", "amount": "amount_after"}
    after = row.number_of("amount_after", required=True)
    if after is None:
        return None, {}
    return row.build(lambda: ChangeCost(cost=name, amount=after), columns), columns


def _cost_row(
    row: _Row, proc: _Procedure, item: str, change: str
) -> tuple[Change | None, dict[str, str]]:
    name = row.text("name")
    amount = row.number_of("amount", required=True)
    if not name or (change != "add" and not _claim(row, proc, "cost", name)):
        return None, {}  # already reported
    cost = None
    if amount is not None:
        kind = PrescribedCostKind(item)
        cost = row.build(
            lambda: PrescribedCost(kind=kind, name=name, amount=amount),
            {"name": "name", "amount": "amount"},
        )
    if change == "add":
        return (AddCost(cost) if cost is not None else None), {"cost.name": "name"}
    if cost is not None:
        proc.costs.append(cost)
    if change == "remove":
        return RemoveCost(name), {"cost": "name"}
    if change == "change":
        return _cost_change(row, name)
    return None, {}


_VOLUME_COLUMNS: Final = {
    "times_per_year": "times_per_year_after",
    "subjects_per_year": "subjects_per_year_after",
}


def _procedure_changes(row: _Row, change: str) -> list[tuple[Change, dict[str, str]]]:
    if change == "remove":
        return [(Abolish(), {})]
    if change == "add":
        row.problem("change", "'remove' (abolish) or 'change' on a procedure row", change)
        return []
    if change != "change":
        return []
    made: list[tuple[Change, dict[str, str]]] = []
    times = row.number_of("times_per_year_after")
    subjects = row.number_of("subjects_per_year_after")
    if times is not None or subjects is not None:
        volume = row.build(
            lambda: ChangeVolume(times_per_year=times, subjects_per_year=subjects),
            _VOLUME_COLUMNS,
        )
        if volume is not None:
            made.append((volume, _VOLUME_COLUMNS))
    duration = row.duration_of("processing_time_after")
    if duration is not None:
        made.append((ChangeProcessingTime(duration), {}))
    if (
        not made
        and not any(row.text(c) for c in _VOLUME_COLUMNS.values())
        and not row.text("processing_time_after")
    ):
        row.problem(
            "change",
            "a new value in times_per_year_after, subjects_per_year_after or "
            "processing_time_after for 'change' on a procedure row",
            change,
        )
    return made


def _read_row(row: _Row, procedures: dict[str, _Procedure]) -> None:
    code = row.text("code")
    item = row.text("item")
    if not code:
        row.problem("code", "the procedure's code", code)
    if item not in _ITEMS:
        row.problem("item", "one of " + ", ".join(map(repr, _ITEMS)), item)
        return
    if not row.text("name") and item != "procedure":
        row.problem("name", f"the {item}'s name", "")
    _check_cells(row, item)
    action, measure, basis, change = _plan_cells(row)
    if not code:
        return
    proc = procedures.setdefault(code, _Procedure(code=code, first_row=row.number))
    made: list[tuple[Change | None, dict[str, str]]]
    if item == "procedure":
        _procedure_row(row, proc)
        made = list(_procedure_changes(row, change))
        if action is not None and not change:
            made = [(None, {})]  # a measure without changes to the cost model
    elif item == "task":
        made = [_task_row(row, proc, change)]
    else:
        made = [_cost_row(row, proc, item, change)]
    if row.bad and item != "procedure":
        proc.bad_names.add(row.text("name"))
    if action is None:
        return
    for change_made, columns in made:
        if change_made is not None or not change:
            proc.changes.append((row, action, measure, basis, change_made, columns))


def _assemble(proc: _Procedure, problems: list[str]) -> Plan | None:
    if proc.row is None:
        problems.append(
            f"row {proc.first_row}: expected a 'procedure' row for {proc.code} (its name, "
            "times_per_year and subjects_per_year), got none"
        )
        return None
    row = proc.row
    model = row.build(
        lambda: CostModel(
            code=proc.code,
            name=proc.name or "?",  # a missing name is already reported
            times_per_year=proc.times if proc.times is not None else Decimal(0),
            subjects_per_year=proc.subjects if proc.subjects is not None else Decimal(0),
            tasks=proc.tasks,
            prescribed_costs=proc.costs,
            processing_time=proc.processing_time,
        ),
        {
            "name": "name",
            "times_per_year": "times_per_year",
            "subjects_per_year": "subjects_per_year",
        },
    )
    # Measures: one per (action, measure text, legal basis), in order of first appearance.
    keys: dict[
        tuple[Action, str | None, str | None], list[tuple[_Row, Change | None, dict[str, str]]]
    ] = {}
    for change_row, action, text, basis, change, columns in proc.changes:
        keys.setdefault((action, text, basis), []).append((change_row, change, columns))
    measures = []
    where: dict[tuple[int, int], tuple[_Row, dict[str, str]]] = {}
    for i, ((action, text, basis), items) in enumerate(keys.items()):
        changes = [change for _, change, _ in items if change is not None]
        for j, (change_row, _, columns) in enumerate(x for x in items if x[1] is not None):
            where[i, j] = (change_row, columns)
        measures.append(
            Measure(action=action, changes=changes, description=text, legal_basis=basis)
        )
    if model is None:
        return None
    found = plan_problems(model, measures)
    # A problem that follows from a cell already reported (a task whose hours could not be read
    # counts 0 hours) would only repeat it.
    repeats = {
        (i, j)
        for (i, j), (change_row, _) in where.items()
        if change_row.bad
        or change_row.text("name") in proc.bad_names
        or (row.bad and isinstance(measures[i].changes[j], ChangeVolume))
    }
    for i, j, error in found:
        change_row, columns = where[i, j]
        if (i, j) in repeats:
            continue
        attribute = error.field.rsplit("]", 1)[1].lstrip(".")
        column = columns.get(attribute, "name")
        change_row.problem(column, error.expected, change_row.text(column) or error.value)
    if found:
        return None
    return Plan(model=model, measures=measures, decision=proc.decision)


def load_plans_csv(
    source: str | os.PathLike[str] | Any, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Plan]:
    r"""Load plans from a spreadsheet-style CSV: one row per task, fee and procedure.

    The first row names the columns ([`CSV_COLUMNS`][tthc.io.plans.CSV_COLUMNS], any order;
    ``code``, ``item`` and ``name`` required; a missing column reads as blank). Each row has
    an ``item``:

    * ``procedure``: the procedure's ``name``, ``times_per_year``, ``subjects_per_year`` and
      optionally ``processing_time`` (``5 ngày làm việc``) and ``decision``; one such row per
      code is required (more may follow for more procedure-level changes);
    * ``task``: a task's ``name``, ``hours``, optional ``component`` and out-of-pocket
      ``copies``, ``certification``, ``travel``, ``hired_services``, ``other_expenses``
      (blank = 0);
    * ``fee``, ``charge``, ``other_cost``: a prescribed cost's ``name`` and ``amount``.

    The plan is written on the same rows: ``action`` (an [`Action`][tthc.simplification.Action]
    value such as ``reuse_data``), optional ``measure`` (its wording) and ``legal_basis``, and
    ``change``:

    * ``remove``: the task or cost goes (on a procedure row: the procedure is abolished);
    * ``change``: the ``*_after`` columns hold the new, lower values (blank: unchanged); on a
      procedure row ``times_per_year_after``, ``subjects_per_year_after``,
      ``processing_time_after``;
    * ``add``: the row is a new task or cost the measure brings (not part of the cost model);
    * blank: unchanged (a procedure row with an ``action`` and no change is a measure that
      does not change the cost).

    Rows with the same action, measure and legal basis form one measure, in order of first
    appearance; changes apply in row order. Numbers are plain decimals (``50000``, ``0.5``): no
    thousands separators, which differ between locales. Blank rows are skipped; cells are
    trimmed; a UTF-8 byte order mark is skipped.

    Args:
        source: A path; CSV text (a ``str`` with a line break); or a text file object.
        max_bytes: Larger inputs are refused (default 100 MB).

    Returns:
        The plans, one per code, in order of first appearance.

    Raises:
        LoadError: The input has problems; ``.problems`` lists every one with its row (the
            header is row 1) and column. Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    text, name = _read_csv_text(source, max_bytes)
    problems: list[str] = []
    rows = _rows(text, problems)
    procedures: dict[str, _Procedure] = {}
    for row in rows:
        _read_row(row, procedures)
    # Every procedure is assembled even after a problem, to report everything at once.
    plans = [_assemble(proc, problems) for proc in procedures.values()]
    if problems:
        raise LoadError(name, _by_row(problems))
    return [plan for plan in plans if plan is not None]


def _by_row(problems: list[str]) -> list[str]:
    """Problems sorted by row number (stable), as a person reads the sheet."""

    def key(problem: str) -> int:
        match = re.match(r"row ([0-9]+)", problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=key)
