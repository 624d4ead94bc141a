"""Simplification plans and cost models in and out: JSON and a spreadsheet-style CSV.

* [`load_portfolio`][tthc.io.plans.load_portfolio] and
  [`dump_portfolio`][tthc.io.plans.dump_portfolio]: a whole review (name, wage rate, plans) as
  one JSON object, exact in both directions;
* [`load_plans`][tthc.io.plans.load_plans] and [`dump_plans`][tthc.io.plans.dump_plans]: plans
  (each a cost model and its measures) as a JSON array, exact in both directions;
* [`load_plans_csv`][tthc.io.plans.load_plans_csv] and
  [`dump_plans_csv`][tthc.io.plans.dump_plans_csv]: the same plans as a sheet with one row per
  task (and per fee, and per procedure), the columns in
  [`CSV_COLUMNS`][tthc.io.plans.CSV_COLUMNS];
* [`configure_plan_hooks`][tthc.io.plans.configure_plan_hooks] and
  [`make_plan_converter`][tthc.io.plans.make_plan_converter]: the cattrs hooks behind the JSON
  format, on top of [`make_converter`][tthc.io.make_converter].

Every loader reports **all** the problems of its input at once in one
[`LoadError`][tthc.errors.LoadError] (JSON paths such as ``$.plans[2].measures[0].changes[1]
.task``, or CSV row numbers and columns), and returns nothing from a bad input.

Examples:
    >>> text = '''code,item,name,hours,travel,amount,times_per_year,subjects_per_year,action,change,hours_after
    ... 1.000000,procedure,Thủ tục (ví dụ),,,,1,1000,,,
    ... 1.000000,task,Nộp hồ sơ,3,50000,,,,decentralise,change,1
    ... 1.000000,charge,Lệ phí,,,100000,,,,,
    ... '''
    >>> [plan] = load_plans_csv(text)
    >>> plan.measures[0].changes
    (ChangeTask(task='Nộp hồ sơ', hours=Decimal('1'), copies=None, certification=None, travel=None, hired_services=None, other_expenses=None),)
    >>> load_plans_csv(text.replace("3,50000", "x,50000").replace("charge", "fine"))
    Traceback (most recent call last):
    ...
    tthc.errors.LoadError: could not load <CSV text>:
      - row 3, hours: expected a number >= 0 written like 50000 or 0.5 (no thousands separators, no sign), got 'x'
      - row 4, item: expected one of 'procedure', 'task', 'fee', 'charge', 'other_cost', got 'fine'
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    WIRE,
    dump_json,
    make_converter,
    object_hook,
    read_json,
    structure_all,
    write_text,
)
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
    Portfolio,
    PrescribedCost,
    PrescribedCostKind,
    RemoveCost,
    RemoveTask,
    Task,
    plan_problems,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

__all__ = [
    "CHANGE_TAG",
    "CSV_COLUMNS",
    "configure_plan_hooks",
    "dump_plans",
    "dump_plans_csv",
    "dump_portfolio",
    "load_plans",
    "load_plans_csv",
    "load_portfolio",
    "make_plan_converter",
    "plans_schema",
    "portfolio_schema",
]

CHANGE_TAG: Final = "change"
"""The key that names the kind of a change in JSON: ``{"change": "remove_task", "task": …}``."""

_CHANGE_CLASSES: Final[tuple[type[Any], ...]] = (
    RemoveTask,
    ChangeTask,
    AddTask,
    RemoveCost,
    ChangeCost,
    AddCost,
    ChangeVolume,
    Abolish,
    ChangeProcessingTime,
)
_BY_TAG: Final[dict[str, type[Any]]] = {cls.kind: cls for cls in _CHANGE_CLASSES}


# --- JSON: the cattrs hooks -----------------------------------------------------------------------


def _is_change_union(t: Any) -> bool:
    return bool(t == Change)


def _nest(error: Exception, path: list[tuple[type, str | int]]) -> Exception:
    """Put ``error`` under ``path`` (outermost first) in cattrs' error tree.

    Each step notes where the inner error is (an attribute or an index) and wraps it in the
    error of its owner, except the outermost step, whose owner (``Plan``) the caller wraps
    around all the problems at once. ``problems_of`` then prints the whole path:
    ``.measures[0].changes[1].task``.
    """
    inner = error
    for depth, (owner, step) in reversed(list(enumerate(path))):
        if isinstance(step, int):
            inner.__notes__ = [IterableValidationNote(f"@ index {step}", step, owner)]
            if depth:
                inner = IterableValidationError(f"While structuring {owner!r}", [inner], owner)
        else:
            inner.__notes__ = [AttributeValidationNote(f"Structuring {step}", step, owner)]
            if depth:
                inner = ClassValidationError(f"While structuring {owner.__name__}", [inner], owner)
    return inner


def _plan_errors(model: CostModel, measures: tuple[Measure, ...]) -> list[Exception]:
    """Every plan problem as a cattrs error tree under ``Plan`` (for ``problems_of``)."""
    errors: list[Exception] = []
    for i, j, error in plan_problems(model, measures):
        change = measures[i].changes[j]
        attribute = error.field.rsplit("]", 1)[1].lstrip(".")
        path: list[tuple[type, str | int]] = [
            (Plan, "measures"),
            (tuple, i),
            (Measure, "changes"),
            (tuple, j),
        ]
        owner: type = type(change)
        parts = attribute.split(".")
        for part in parts[:-1]:  # AddTask.task.name: the record inside the change
            path.append((owner, part))
            owner = Task if part == "task" else PrescribedCost
        leaf = InvalidValueError(WIRE, error.value, error.expected)
        leaf.__notes__ = [AttributeValidationNote(f"Structuring {parts[-1]}", parts[-1], owner)]
        errors.append(
            _nest(ClassValidationError(f"While structuring {owner.__name__}", [leaf], owner), path)
        )
    return errors


def configure_plan_hooks(converter: cattrs.Converter) -> None:
    """Register on ``converter`` the hooks that read and write plans as JSON.

    Build on a converter configured by [`configure_converter`][tthc.io.configure_converter]
    (``Decimal`` as a string, ``Duration`` as its text, enums by value, arrays and objects
    checked). This adds:

    * **changes** (the ``Change`` union): a JSON object whose ``"change"`` key
      ([`CHANGE_TAG`][tthc.io.plans.CHANGE_TAG]) names the kind (``"remove_task"``,
      ``"change_task"``, ``"add_task"``, ``"remove_cost"``, ``"change_cost"``,
      ``"add_cost"``, ``"change_volume"``, ``"abolish"``, ``"change_processing_time"``) and
      whose other keys are the change's fields; an unknown or missing kind is one problem
      naming the kinds;
    * **``Plan``**: when some changes do not apply to the cost model, every such change is
      reported with its path (``$.measures[0].changes[1].task``), not only the first.

    Args:
        converter: The converter to configure (never ``cattrs.global_converter``).

    Examples:
        >>> c = make_converter()
        >>> configure_plan_hooks(c)
        >>> c.unstructure(Measure(action=Action.ABOLISH, changes=[Abolish()]))
        {'action': 'abolish', 'changes': [{'change': 'abolish'}]}
    """
    c = converter
    kinds = ", ".join(repr(tag) for tag in _BY_TAG)

    def structure_change(value: object, _: object) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValueError(WIRE, value, f"an object (JSON object) for a change: {kinds}")
        tag = value.get(CHANGE_TAG)
        cls = _BY_TAG.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise InvalidValueError(
                WIRE, value, f'an object whose "{CHANGE_TAG}" key is one of {kinds}'
            )
        fields = {k: v for k, v in value.items() if k != CHANGE_TAG}
        return c.structure(fields, cls)

    def unstructure_change(value: Any) -> dict[str, Any]:
        return {CHANGE_TAG: value.kind, **c.unstructure(value, unstructure_as=type(value))}

    c.register_structure_hook_func(_is_change_union, structure_change)
    c.register_unstructure_hook_func(_is_change_union, unstructure_change)

    generated = object_hook(make_dict_structure_fn(Plan, c), Plan)

    def structure_plan(value: object, t: object) -> Plan:
        try:
            plan: Plan = generated(value, t)
        except (InvalidValueError, ClassValidationError) as exc:
            # cattrs wraps the error of Plan's own check (measures that do not apply to the
            # model) in a ClassValidationError, with no note: the fields themselves were fine.
            inner = exc.exceptions if isinstance(exc, ClassValidationError) else (exc,)
            if not (
                len(inner) == 1
                and isinstance(inner[0], InvalidValueError)
                and inner[0].field.startswith("Plan.measures[")
            ):
                raise
            # Every field was structured: structure them again to find every problem.
            assert isinstance(value, Mapping)  # noqa: S101 - the generated hook checked it
            model = c.structure(value["model"], CostModel)
            measures = c.structure(value.get("measures", []), tuple[Measure, ...])
            raise ClassValidationError(
                "While structuring Plan", _plan_errors(model, measures), Plan
            ) from exc
        return plan

    c.register_structure_hook(Plan, structure_plan)


def make_plan_converter() -> cattrs.Converter:
    """Return a new converter for plans: [`make_converter`][tthc.io.make_converter] + plan hooks.

    Returns:
        The converter (unknown keys refused, fields at their default left out when writing).
    """
    c = make_converter()
    configure_plan_hooks(c)
    return c


_CONVERTER = make_plan_converter()


def load_portfolio(
    source: str | bytes | os.PathLike[str],
    *,
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Portfolio:
    """Load a review (*rà soát*): name, wage rate and plans, from one JSON object.

    The keys are the attribute names of [`Portfolio`][tthc.simplification.Portfolio] and of
    the records inside it; amounts are decimal strings (``"50000"``) or JSON integers, never
    JSON floats; changes are tagged by their ``"change"`` key.

    Args:
        source: A path, or JSON text (a ``str`` or ``bytes`` starting with ``{``).
        converter: The converter (default: [`make_plan_converter`][tthc.io.plans.make_plan_converter]).
        max_bytes: Larger inputs are refused before being read (default 100 MB).

    Returns:
        The portfolio.

    Raises:
        LoadError: The input cannot be read or has invalid values; ``.problems`` lists every
            problem with its path. Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Examples:
        >>> p = load_portfolio('''{"name": "Ví dụ", "reviewed": 3, "wage_rate": {
        ...   "amount": "5280000", "year": 2024, "source": "example value",
        ...   "certainty": "example"}, "plans": []}''')
        >>> p
        <Portfolio 'Ví dụ' plans=0 reviewed=3>
    """
    data, name = read_json(source, max_bytes=max_bytes)
    c = _CONVERTER if converter is None else converter
    result: Portfolio = structure_all(c, data, Portfolio, name)
    return result


def dump_portfolio(
    portfolio: Portfolio,
    path: str | os.PathLike[str] | None = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = 2,
) -> str:
    """Write a review as JSON; [`load_portfolio`][tthc.io.plans.load_portfolio] reads it back equal.

    Args:
        portfolio: The portfolio.
        path: If given, the file to write (replaced atomically).
        converter: The converter (default: ``make_plan_converter()``).
        indent: Indentation; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: ``portfolio`` is not a ``Portfolio``.
        OSError: The file cannot be written.
    """
    if not isinstance(portfolio, Portfolio):
        raise InvalidValueError("dump_portfolio(portfolio)", portfolio, "a Portfolio")
    c = _CONVERTER if converter is None else converter
    return dump_json(c.unstructure(portfolio), path, indent=indent)


def load_plans(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Plan]:
    """Load plans (each a cost model and its measures) from a JSON array.

    Args:
        source: A path, JSON text starting with ``[``, or already parsed records (dicts).
        converter: The converter (default: ``make_plan_converter()``).
        max_bytes: Larger inputs are refused before being read (default 100 MB).

    Returns:
        The plans, in order.

    Raises:
        LoadError: The input cannot be read or has invalid values; ``.problems`` lists every
            problem with its path (``$[2].measures[0].changes[1].task: …``).
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Examples:
        >>> load_plans('''[{"model": {"code": "1.000000", "name": "Ví dụ", "times_per_year": 1,
        ...   "subjects_per_year": 10, "tasks": [{"name": "A", "hours": "2"}]},
        ...   "measures": [{"action": "amend", "changes": [
        ...     {"change": "change_task", "task": "A", "hours": "3"},
        ...     {"change": "remove_task", "task": "B"}, {"change": "drop"}]}]}]''')
        Traceback (most recent call last):
        ...
        tthc.errors.LoadError: could not load <JSON text>:
          - $[0].measures[0].changes[2]: expected an object whose "change" key is one of 'remove_task', 'change_task', 'add_task', 'remove_cost', 'change_cost', 'add_cost', 'change_volume', 'abolish', 'change_processing_time', got {'change': 'drop'}
    """
    data, name = read_json(source, max_bytes=max_bytes)
    c = _CONVERTER if converter is None else converter
    result: list[Plan] = structure_all(c, data, list[Plan], name)
    return result


def dump_plans(
    plans: Iterable[Plan],
    path: str | os.PathLike[str] | None = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = 2,
) -> str:
    """Write plans as a JSON array; [`load_plans`][tthc.io.plans.load_plans] reads them back equal.

    Raises:
        InvalidValueError: An item is not a ``Plan``.
        OSError: The file cannot be written.
    """
    c = _CONVERTER if converter is None else converter
    data = []
    for index, plan in enumerate(plans):
        if not isinstance(plan, Plan):
            raise InvalidValueError(f"dump_plans(plans)[{index}]", plan, "a Plan")
        data.append(c.unstructure(plan))
    return dump_json(data, path, indent=indent)


# --- CSV: one row per task ---------------------------------------------------------------------

_EXPENSE_COLUMNS: Final = tuple(kind.value for kind in ExpenseKind)

CSV_COLUMNS: Final = (
    "code",
    "item",
    "name",
    "component",
    "hours",
    *_EXPENSE_COLUMNS,
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
    *(f"{c}_after" for c in _EXPENSE_COLUMNS),
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
            *_EXPENSE_COLUMNS,
            "hours_after",
            *(f"{c}_after" for c in _EXPENSE_COLUMNS),
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


def _header(header: list[str], problems: list[str]) -> list[str]:
    columns = [_v.nfc(h.strip()) for h in header]
    seen: set[str] = set()
    for column in columns:
        if column not in CSV_COLUMNS:
            problems.append(
                f"row 1: unknown column {column!r} (the columns are {', '.join(CSV_COLUMNS)})"
            )
        elif column in seen:
            problems.append(f"row 1: column {column!r} appears twice")
        seen.add(column)
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
        cells = {
            column: _v.nfc(cell.strip())
            for column, cell in zip(columns, record, strict=False)
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
    c: c for c in _EXPENSE_COLUMNS
}
_CHANGE_TASK_COLUMNS: Final = {"task": "name", "hours": "hours_after"} | {
    c: f"{c}_after" for c in _EXPENSE_COLUMNS
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
    after = {c: row.number_of(f"{c}_after") for c in ("hours", *_EXPENSE_COLUMNS)}
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
    values = {c: row.number_of(c) for c in _EXPENSE_COLUMNS}
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


# --- CSV out -------------------------------------------------------------------------------------


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
        for column in _EXPENSE_COLUMNS:
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
    writer.writerows(rows)
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


def _plan_tags() -> dict[type, tuple[str, str]]:
    return {cls: (CHANGE_TAG, cls.kind) for cls in _CHANGE_CLASSES}


def plans_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of simplification plans (*phương án*).

    The format is the one of [`dump_plans`][tthc.io.plans.dump_plans]: an array of plans whose
    changes are told apart by their ``"change"`` key.

    Examples:
        >>> plans_schema()["items"]["$ref"]
        '#/$defs/Plan'
    """
    from tthc.io.schema import schema_for  # noqa: PLC0415 - the generator imports io modules

    return schema_for(
        Plan,
        title="tthc simplification plans",
        description="Simplification plans in the JSON format of tthc.io.plans.load_plans / "
        "dump_plans.",
        tags=_plan_tags(),
    )


def portfolio_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a review file (*rà soát*: a portfolio of plans).

    The format is the one of [`dump_portfolio`][tthc.io.plans.dump_portfolio]: one object.

    Examples:
        >>> portfolio_schema()["$ref"]
        '#/$defs/Portfolio'
    """
    from tthc.io.schema import schema_for  # noqa: PLC0415 - the generator imports io modules

    return schema_for(
        Portfolio,
        title="tthc review (portfolio of simplification plans)",
        description="A review in the JSON format of tthc.io.plans.load_portfolio / "
        "dump_portfolio.",
        array=False,
        tags=_plan_tags(),
    )
