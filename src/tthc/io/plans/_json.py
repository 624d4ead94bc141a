"""Plans and reviews as JSON: the cattrs hooks, the loaders and writers, the JSON Schemas.

The keys are the attribute names of the records; amounts are decimal strings or JSON integers,
never JSON floats; a change is tagged by its ``"change"`` key
([`CHANGE_TAG`][tthc.io.plans.CHANGE_TAG]). Every loader reports all the problems of its input
in one [`LoadError`][tthc.errors.LoadError], with JSON paths such as
``$.plans[2].measures[0].changes[1].task``. Private to `tthc.io.plans`, which re-exports its
public names.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from tthc.errors import InvalidValueError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    WIRE,
    dump_json,
    make_converter,
    object_hook,
    read_json,
    structure_all,
)
from tthc.simplification import (
    Change,
    CostModel,
    Measure,
    Plan,
    Portfolio,
    PrescribedCost,
    Task,
    plan_problems,
)

if TYPE_CHECKING:
    import os

    import cattrs

__all__ = [
    "CHANGE_TAG",
    "configure_plan_hooks",
    "dump_plans",
    "dump_portfolio",
    "load_plans",
    "load_portfolio",
    "make_plan_converter",
    "plans_schema",
    "portfolio_schema",
]

CHANGE_TAG: Final = "change"
"""The key that names the kind of a change in JSON: ``{"change": "remove_task", "task": …}``."""

_CHANGE_CLASSES: Final[tuple[type[Any], ...]] = typing.get_args(Change)
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
        >>> from tthc.simplification import Abolish, Action, Measure
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


# --- loading and writing --------------------------------------------------------------------------


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


# --- JSON Schema -----------------------------------------------------------------------------------


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
