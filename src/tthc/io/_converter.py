"""The cattrs converter of `tthc`: every hook is registered here, in one function (private).

[`configure_converter`][tthc.io.configure_converter] is the only place where hooks are
registered; [`make_converter`][tthc.io.make_converter] returns a fresh converter with them.
``cattrs.global_converter`` is never touched. This module also reads JSON safely (size limit,
no code executed) and turns cattrs' error tree into a [`LoadError`][tthc.errors.LoadError].
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.v import format_exception

from tthc._files import DEFAULT_MAX_BYTES, parse_json, read_json_file, too_big, write_atomic
from tthc.deadlines import VN_TZ
from tthc.durations import Duration
from tthc.errors import MAX_PROBLEMS, InvalidValueError, LoadError, TthcError, shown
from tthc.procedures.process import ProcessStep, budget_text, parse_budget

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_JSON_DEPTH",
    "WIRE",
    "check_fields",
    "configure_converter",
    "dump_json",
    "is_homogeneous_sequence",
    "json_data_problem",
    "make_converter",
    "nullable_sequence_hook",
    "object_hook",
    "parse_duration",
    "problems_of",
    "read_json",
    "sequence_hook",
    "structure_all",
    "structure_wire_text",
    "write_text",
]


WIRE: Final = "JSON value"
"""The ``field`` of the errors the hooks raise about the shape of a JSON value.

Problem lines leave it out, because the path already says where the value is.
"""

MAX_JSON_DEPTH: Final = 100
"""How deeply JSON data read into ``Procedure.extensions`` may nest (objects and arrays).

Deeper data would load but could not be pickled, hashed or printed (Python's recursion limit);
real extension data nests a few levels.
"""

# Python refuses to print an integer of more than 4,300 digits (sys.get_int_max_str_digits()):
# such a number could be read but never written back as JSON.
_TOO_LONG_INT: Final = 10**4300

_DECIMAL_TEXT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE_TEXT: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_TEXT: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)


def _wire_error(value: object, expected: str) -> InvalidValueError:
    return InvalidValueError(WIRE, value, expected)


# --- primitive hooks: JSON types only, nothing coerced ---------------------------------------------


def _structure_str(value: object, t: Any) -> Any:
    if t is not str and _is_enum(t):  # a str-valued enum that subclasses str (StrEnum)
        return _enum_hook(t)(value, t)
    if type(value) is not str:
        raise _wire_error(value, "a text (JSON string)")
    return value


def _structure_int(value: object, t: Any) -> Any:
    # Registered for int, so cattrs also sends IntEnum subclasses (national codes) here.
    if t is not int and _is_enum(t):
        return _enum_hook(t)(value, t)
    if type(value) is not int:
        raise _wire_error(value, "a whole number (JSON integer)")
    if abs(value) >= _TOO_LONG_INT:
        raise _wire_error(value, "a whole number of at most 4,300 digits")
    return value


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        raise _wire_error(value, "true or false")
    return value


def _structure_float(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wire_error(value, "a number")
    try:
        return float(value)
    except OverflowError:  # an integer beyond the largest float
        raise _wire_error(value, "a number within the range of a float") from None


def _structure_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if type(value) is int and abs(value) < _TOO_LONG_INT:
        return Decimal(value)
    if type(value) is str and _DECIMAL_TEXT.fullmatch(value):
        return Decimal(value)
    expected = 'an exact decimal number written as a JSON string, such as "8000" or "0.5"'
    if isinstance(value, float):
        expected += " (a JSON float is inexact)"
    raise _wire_error(value, expected)


def _unstructure_decimal(value: Decimal) -> str:
    # Fixed-point text: no exponent ("8000", not "8E+3"); the value is exactly the same.
    return format(value, "f")


def _structure_date(value: object, _: object) -> dt.date:
    if type(value) is dt.date:
        return value
    if type(value) is str and _DATE_TEXT.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _wire_error(value, "a date written YYYY-MM-DD (ISO 8601)")


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def _structure_datetime(value: object, _: object) -> dt.datetime:
    try:
        if isinstance(value, dt.datetime) and value.utcoffset() is not None:
            return value.astimezone(VN_TZ)
        if type(value) is str and _DATETIME_TEXT.fullmatch(value):
            return dt.datetime.fromisoformat(value).astimezone(VN_TZ)
    except ValueError:  # not a real date or time ("2026-02-30")
        pass
    except OverflowError:  # in Vietnam time, before year 1 or after year 9999
        raise _wire_error(value, "an instant between years 1 and 9999 in Vietnam time") from None
    raise _wire_error(
        value, 'an instant with its offset, such as "2026-01-05T08:00:00+07:00" (ISO 8601)'
    )


def _unstructure_datetime(value: dt.datetime) -> str:
    return value.astimezone(VN_TZ).isoformat()


# A Duration is immutable and files repeat the same few texts ("5 ngày làm việc"): parsing each
# distinct text once makes loading faster.
parse_duration: Final = functools.lru_cache(maxsize=4096)(Duration.parse)


def _structure_duration(value: object, _: object) -> Duration:
    if isinstance(value, Duration):
        return value
    if type(value) is not str:
        raise _wire_error(value, 'a processing time written as text, such as "5 ngày làm việc"')
    return parse_duration(value)


def _unstructure_duration(value: Duration) -> str:
    return str(value)


# A step's budget: a duration, or a step whose time is not counted ("Không tính thời gian").
_parse_budget: Final = functools.lru_cache(maxsize=4096)(parse_budget)


def _structure_budget(value: object, _: object) -> Duration | None:
    if value is None or isinstance(value, Duration):
        return value
    if type(value) is not str:
        raise _wire_error(
            value,
            'a step\'s time written as text, such as "0,5 ngày làm việc", or "Không tính thời '
            'gian" for a step whose time is not counted',
        )
    return _parse_budget(value)


# Fields read with their own hook, by class: what the field's type alone cannot say.
_FIELD_HOOKS: Final[dict[type, dict[str, Callable[[object, object], Any]]]] = {
    ProcessStep: {"budget": _structure_budget},
}


# --- enums: by their code or value, of the exact JSON type ---------------------------------------


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


@functools.cache
def _enum_hook(t: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value: dict[tuple[type, object], enum.Enum] = {
        (type(m.value), m.value): m for m in t.__members__.values()
    }
    if issubclass(t, int):  # IntEnum: national codes, written as JSON integers
        by_value = {(int, int(m.value)): m for m in t.__members__.values()}
    choices = ", ".join(f"{m.value!r} ({m.name})" for m in t.__members__.values())
    expected = f"one of {choices} ({t.__name__})"

    def hook(value: object, _: object) -> enum.Enum:
        if isinstance(value, t):
            return value
        try:
            found = by_value.get((type(value), value))
        except TypeError:  # unhashable: a list or an object is no code
            found = None
        if found is None:
            raise _wire_error(value, expected)
        return found

    return hook


# --- arrays: JSON arrays only, every bad item reported --------------------------------------------


def is_homogeneous_sequence(t: Any) -> bool:
    origin = get_origin(t)
    if origin is list:
        return True
    if origin is tuple:
        args = get_args(t)
        return len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004 - tuple[X, ...]
    return False


def sequence_hook(t: Any, c: cattrs.Converter) -> Callable[[object, object], Any]:
    item_type = get_args(t)[0]
    make = list if get_origin(t) is list else tuple
    item_hook = c.get_structure_hook(item_type)

    def hook(value: object, _: object) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise _wire_error(value, "a list (JSON array)")
        try:  # the fast path; on any error, go again item by item to report every one
            return make([item_hook(item, item_type) for item in value])
        except Exception:  # noqa: BLE001, S110 - reported below
            pass
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected, re-raised as a group below
                note = IterableValidationNote(f"Structuring {t} @ index {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return make(items)

    return hook


# --- records: JSON objects only -----------------------------------------------------------------


def object_hook(fn: Callable[[Any, Any], Any], cl: type) -> Callable[[object, object], Any]:
    """Wrap a generated structuring function so that a non-object is one clear problem."""
    expected = f"an object (JSON object) for {cl.__name__}"

    def hook(value: object, t: object) -> Any:
        if not isinstance(value, Mapping):
            raise _wire_error(value, expected)
        return fn(value, t)

    return hook


def _is_record(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t)


def check_fields(
    t: type, values: Mapping[str, Any], failed: Iterable[str] = ()
) -> list[tuple[str, TthcError]]:
    """Check each field of a record on its own: the errors its validators raise, by field.

    A record's constructor stops at the first value it refuses, and a record whose nested value
    failed is not built at all; so a bad nested value would hide the record's own bad values (a
    bad ``code`` beside a bad ``cases[0]``), and a bad ``code`` would hide a blank ``name``.
    On those failure paths only, each field is converted and validated on its own, in field
    order, on a blank instance that holds the fields before it: fields in ``failed`` are left
    unset (a check that needs one is skipped), fields missing from ``values`` take their
    default.

    Args:
        t: The attrs class.
        values: Field values, already structured.
        failed: Fields whose value could not be read.

    Returns:
        ``(field name, error)`` pairs, in field order.
    """
    blank: Any = object.__new__(t)
    skip = set(failed)
    found: list[tuple[str, TthcError]] = []
    for field in attrs.fields(t):
        if field.name in skip or not field.init:
            continue
        given = field.name in values
        try:
            if given:
                item = values[field.name]
                if callable(field.converter):
                    item = field.converter(item)
            else:
                factory = getattr(field.default, "factory", None)  # an attrs.Factory
                item = factory() if factory is not None else field.default
            object.__setattr__(blank, field.name, item)
            if given and field.validator is not None:
                field.validator(blank, field, item)
        except TthcError as problem:
            found.append((field.name, problem))
        except Exception:  # noqa: BLE001, S112 - a check needing a field that failed: skip it
            continue
    return found


# A class's type hints never change, and reading them evaluates every annotation: once per class,
# not once per bad record (a file of bad records was 20 times slower to load than a good one).
_type_hints: Final = functools.cache(typing.get_type_hints)


def _field_problems(
    t: type, c: cattrs.Converter, value: Mapping[str, Any], failed: set[str]
) -> list[Exception]:
    """``check_fields`` of a record being structured, each error noted with its field."""
    hints = _type_hints(t)
    values: dict[str, Any] = {}
    unread = set(failed)
    for field in attrs.fields(t):
        if field.name in failed or not field.init or field.name not in value:
            continue
        try:
            hook = _FIELD_HOOKS.get(t, {}).get(field.name)
            item = value[field.name]
            values[field.name] = (
                hook(item, None) if hook is not None else c.structure(item, hints[field.name])
            )
        except Exception:  # noqa: BLE001 - already reported by cattrs
            unread.add(field.name)
    found: list[Exception] = []
    for name, problem in check_fields(t, values, unread):
        note = AttributeValidationNote(
            f"Checking class {t.__qualname__} @ attribute {name}", name, t
        )
        problem.__notes__ = [*getattr(problem, "__notes__", []), note]
        found.append(problem)
    return found


def _record_hook(t: type, c: cattrs.Converter) -> Callable[[object, object], Any]:
    overrides: dict[str, Any] = {
        name: override(struct_hook=hook) for name, hook in _FIELD_HOOKS.get(t, {}).items()
    }
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(t, c, **overrides)

    def structure(value: Mapping[str, Any], target: object) -> Any:
        try:
            return generated(value, target)
        except ClassValidationError as exc:
            failed = {note.name for _, note in exc.group_exceptions()[0]}
            more = _field_problems(t, c, value, failed)
            if not more:
                raise
            # Without a failed field, the only error is the constructor's first refusal: the
            # checks one by one find it again, with the others.
            known = list(exc.exceptions) if failed else []
            # Report in field order (the file's order), unknown keys last.
            order = {field.name: i for i, field in enumerate(attrs.fields(t))}

            def place(problem: Exception) -> int:
                for note in getattr(problem, "__notes__", []):
                    if isinstance(note, AttributeValidationNote):
                        return order.get(note.name, len(order))
                return len(order)

            ordered = sorted([*known, *more], key=place)
            raise ClassValidationError(exc.message, ordered, t) from None

    return object_hook(structure, t)


# --- JSON objects (Procedure.extensions) ----------------------------------------------------------


def _is_json_object(t: Any) -> bool:
    return get_origin(t) is Mapping and get_args(t) == (str, Any)


def _structure_json_object(value: object, _: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or not all(type(k) is str for k in value):
        raise _wire_error(value, "an object with text keys (JSON object)")
    problem = json_data_problem(value)
    if problem is not None:
        raise _wire_error(*problem)
    return value


def json_data_problem(value: object) -> tuple[object, str] | None:
    """The first part of ``value`` that could not be written back, and why; None if none.

    Objects and arrays may nest at most ``MAX_JSON_DEPTH`` levels (a structure that contains
    itself nests without end); whole numbers may have at most 4,300 digits. No recursion.
    """
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Iterable[object] = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        elif type(item) is int and abs(item) >= _TOO_LONG_INT:
            return item, "whole numbers of at most 4,300 digits"
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return value, f"JSON data nested at most {MAX_JSON_DEPTH} levels deep"
        stack.extend((child, depth + 1) for child in children)
    return None


def _thaw(value: Any) -> Any:
    """Frozen JSON data (read-only mappings, tuples) back to plain dicts and lists."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_thaw(v) for v in value]
    return value


# --- the converter -------------------------------------------------------------------------------


def configure_converter(c: cattrs.Converter) -> None:
    """Register on ``c`` every hook `tthc` needs to read and write its records as JSON.

    The hooks, in the order registered:

    * **texts, whole numbers, booleans, numbers:** only the JSON type itself is accepted (no
      ``"3"`` for ``3``, no ``1`` for ``true``, no ``5`` for ``"5"``): cattrs' defaults would
      coerce them;
    * **``decimal.Decimal``** (fee amounts): written as a JSON string in fixed-point notation
      (``"8000"``, ``"0.5"``), read from such a string or a JSON integer; JSON floats are
      refused because they are inexact;
    * **``datetime.date``**: ISO 8601 ``"YYYY-MM-DD"`` both ways;
    * **``datetime.datetime``**: aware instants only, written in Vietnam time with their offset
      (``"2026-01-05T08:00:00+07:00"``), read from ISO 8601 text with an offset (naive text is
      refused) and converted to Vietnam time;
    * **[`Duration`][tthc.durations.Duration]**: its canonical text (``str(d)``, such as
      ``"5 ngày làm việc"``), read back with [`Duration.parse`][tthc.durations.Duration.parse];
      a process step's budget also reads "Không tính thời gian" / "Giờ hành chính" (or ``null``)
      as a step whose time is not counted, written back "Không tính thời gian"
      ([`parse_budget`][tthc.procedures.process.parse_budget]);
    * **enums**: by code or value, of the exact JSON type: national codes (``Channel``,
      ``ProcedureType``, ``ApplicantType``, …: ``IntEnum``) as JSON integers, the others
      (``AuthorityLevel``, ``FeeKind``, ``OnlineServiceLevel``, …) as their English text values;
    * **records** (attrs classes): cattrs' generated functions, behind a check that the value
      is a JSON object; unknown keys are refused when the converter forbids extra keys;
    * **``list[X]`` and ``tuple[X, ...]``**: JSON arrays only (a text is not a list of
      characters), every bad item reported with its index;
    * **``Mapping[str, Any]``** (``Procedure.extensions``): a JSON object nested at most
      ``MAX_JSON_DEPTH`` (100) levels deep, written back as plain objects and arrays;
      whole numbers are read up to 4,300 digits (Python's limit for writing them back).

    [`make_converter`][tthc.io.make_converter] adds: unknown keys refused, fields equal to their
    default left out when writing.

    Args:
        c: The converter to configure (``cattrs.Converter``, not the global one).

    Examples:
        >>> import cattrs
        >>> from tthc.durations import Duration
        >>> c = cattrs.Converter()
        >>> configure_converter(c)
        >>> c.unstructure(Duration.working_days(5))
        '5 ngày làm việc'
    """
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook(float, _structure_float)
    c.register_structure_hook(Decimal, _structure_decimal)
    c.register_unstructure_hook(Decimal, _unstructure_decimal)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_unstructure_hook(dt.date, _unstructure_date)
    c.register_structure_hook(dt.datetime, _structure_datetime)
    c.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    c.register_structure_hook(Duration, _structure_duration)
    c.register_unstructure_hook(Duration, _unstructure_duration)
    c.register_structure_hook_factory(_is_enum, _enum_hook)
    c.register_structure_hook_factory(_is_record, _record_hook)
    c.register_structure_hook_factory(is_homogeneous_sequence, sequence_hook)
    c.register_structure_hook_func(_is_json_object, _structure_json_object)
    c.register_unstructure_hook_func(_is_json_object, _thaw)
    c.register_unstructure_hook(
        ProcessStep,
        make_dict_unstructure_fn(
            ProcessStep,
            c,
            _cattrs_omit_if_default=c.omit_if_default,
            budget=override(unstruct_hook=budget_text),
        ),
    )


def make_converter() -> cattrs.Converter:
    """Return a new converter for `tthc` records: strict, unknown keys refused.

    It is ``cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)`` with
    [`configure_converter`][tthc.io.configure_converter] applied. Build your own on top of it
    to add hooks for your own classes (see the how-to "Extend procedures").

    Returns:
        The converter.

    Examples:
        >>> from tthc.procedures import Channel, ChannelOption
        >>> c = make_converter()
        >>> c.structure({"channel": 2, "processing_time": "3 ngày làm việc"}, ChannelOption)
        ChannelOption(channel=<Channel.ONLINE: 2>, processing_time=Duration(value=3, ...), fees=(), description=None)
    """
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    configure_converter(c)
    return c


# --- errors: cattrs' tree to one line per problem -------------------------------------------------


def _describe(exc: BaseException, owner: type | None) -> str:
    """One problem's text: ours as we wrote it, cattrs' in plain words."""
    if isinstance(exc, InvalidValueError) and exc.field == WIRE:
        return f"expected {exc.expected}, got {shown(exc.value)}"
    if isinstance(exc, TthcError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(map(shown, exc.extra_fields)))
        where = f" of {owner.__name__}" if owner is not None else ""
        return f"unknown keys {keys} (not fields{where})"
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return format_exception(exc, owner)


def problems_of(
    exc: BaseException,
    path: str = "$",
    key_of: Callable[[type, str], str] | None = None,
) -> list[str]:
    """Turn a cattrs structuring error into one ``"<path>: <problem>"`` line per problem.

    It walks the error tree the way ``cattrs.transform_error`` does (``.field`` for attributes,
    ``[i]`` for items) but puts the path first, as the other `tthc` loaders do, names keys as
    they are written in the file (``key_of`` maps an attribute to its key in a renamed format),
    and gives an attrs validator's error the path of the field it names.

    Args:
        exc: The error cattrs raised (``ClassValidationError`` or ``IterableValidationError``
            with ``detailed_validation``), or any other exception.
        path: The path of the value that was structured.
        key_of: ``key_of(cls, attribute)`` gives the key of ``attribute`` of ``cls`` in the
            file; by default the attribute's name.

    Returns:
        The problem lines, in document order.
    """
    key = key_of or (lambda _cls, name: name)
    lines: list[str] = []
    if isinstance(exc, IterableValidationError):
        items, loose = exc.group_exceptions()
        for inner, item_note in items:
            lines.extend(problems_of(inner, f"{path}[{item_note.index!r}]", key_of))
        lines.extend(f"{path}: {_describe(inner, None)}" for inner in loose)
    elif isinstance(exc, ClassValidationError):
        cls = exc.cl
        fields, unplaced = exc.group_exceptions()
        for inner, field_note in fields:
            lines.extend(problems_of(inner, f"{path}.{key(cls, field_note.name)}", key_of))
        for inner in unplaced:
            # An attrs validator of this class names the field it refused: "Procedure.code".
            owner, _, attribute = (
                inner.field.partition(".")
                if isinstance(inner, InvalidValueError)
                else ("", "", "")
            )
            here = path
            if attribute and owner == cls.__name__ and attribute.isidentifier():
                here = f"{path}.{key(cls, attribute)}"
            lines.append(f"{here}: {_describe(inner, cls)}")
    else:
        lines.append(f"{path}: {_describe(exc, None)}")
    return lines


# --- reading JSON safely --------------------------------------------------------------------------


def _looks_like_json(text: str | bytes) -> bool:
    start = text.lstrip()[:1]
    return start in ("[", "{", b"[", b"{")


def read_json(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Any, str]:
    """Read JSON data from a path, from JSON text, or take already parsed records.

    Nothing in the input is executed: text is parsed by the standard ``json`` module, with
    ``NaN`` and ``Infinity`` refused. A file larger than ``max_bytes`` is refused before it is
    read; so is longer text.

    Args:
        source: A path (``str`` or ``os.PathLike``); JSON text (a ``str`` or ``bytes`` starting
            with ``[`` or ``{`` after blanks); or an iterable of parsed records (dicts).
        max_bytes: The largest file, in bytes (or text, in characters), to read.

    Returns:
        The parsed data and a name of the source for error messages.

    Raises:
        LoadError: The file cannot be read, is too large, or is not UTF-8 JSON.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    if type(max_bytes) is not int or max_bytes < 0:
        raise InvalidValueError("max_bytes", max_bytes, "a whole number of bytes >= 0")
    if isinstance(source, (str, bytes)) and _looks_like_json(source):
        name = "<JSON text>"
        if len(source) > max_bytes:
            raise too_big(
                name, len(source), max_bytes, "characters" if isinstance(source, str) else "bytes"
            )
        return parse_json(source, name), name
    if isinstance(source, (str, os.PathLike)):
        return read_json_file(os.fspath(source), max_bytes), os.fspath(source)
    if isinstance(source, (bytes, Mapping)) or not isinstance(source, Iterable):
        raise InvalidValueError(
            "source",
            source,
            "a path, JSON text starting with '[' or '{', or an iterable of records (dicts)",
        )
    return list(source), "<records>"


def structure_all(
    c: cattrs.Converter,
    data: Any,
    cl: Any,
    source: str,
    key_of: Callable[[type, str], str] | None = None,
) -> Any:
    """``c.structure(data, cl)``, with every problem reported in one ``LoadError``.

    A list of records (``list[X]``, ``tuple[X, ...]``) is read record by record, and a bad
    record's problems are turned into lines at once: memory stays bounded however many records
    are bad (only the errors of the records listed are kept, as the ``__cause__``).

    Raises:
        LoadError: Some values are not valid; ``.problems`` lists each with its path (the first
            ``MAX_PROBLEMS``; ``.more_problems`` counts the others).
    """
    if is_homogeneous_sequence(cl) and type(data) in (list, tuple):
        return _structure_items(c, data, cl, source, key_of)
    try:
        return c.structure(data, cl)
    except (ClassValidationError, IterableValidationError, TthcError) as exc:
        raise LoadError(source, problems_of(exc, "$", key_of)) from exc


def _structure_items(
    c: cattrs.Converter,
    data: list[Any] | tuple[Any, ...],
    cl: Any,
    source: str,
    key_of: Callable[[type, str], str] | None,
) -> Any:
    item_type = get_args(cl)[0]
    hook = c.get_structure_hook(item_type)
    items: list[Any] = []
    problems: list[str] = []
    more = 0
    kept: list[Exception] = []
    for index, item in enumerate(data):
        try:
            items.append(hook(item, item_type))
        except Exception as exc:  # noqa: BLE001 - every failure is a problem of this record
            lines = problems_of(exc, f"$[{index}]", key_of)
            room = max(0, MAX_PROBLEMS - len(problems))
            problems += lines[:room]
            more += len(lines) - len(lines[:room])
            if room:
                note = IterableValidationNote(
                    f"Structuring {cl} @ index {index}", index, item_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                kept.append(exc)
    if problems:
        cause = IterableValidationError(f"While structuring {cl!r}", kept, cl)
        raise LoadError(source, problems, more) from cause
    return (list if get_origin(cl) is list else tuple)(items)


def structure_wire_text(value: object, _: object) -> str:
    """Hook for the national formats' text values: text, or a whole number or null as text.

    The national systems write every value as text, but numbers and nulls occur in exports.

    Raises:
        InvalidValueError: Any other JSON value.
    """
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) is int:
        if abs(value) >= _TOO_LONG_INT:
            raise InvalidValueError(WIRE, value, "a whole number of at most 4,300 digits")
        return str(value)
    raise InvalidValueError(WIRE, value, "a text (JSON string), a whole number or null")


def nullable_sequence_hook(t: Any, c: cattrs.Converter) -> Callable[[object, object], Any]:
    """Hook factory for a list that the national formats may write as ``null`` (read as empty)."""
    hook = sequence_hook(t, c)

    def structure(value: object, target: object) -> Any:
        return () if value is None else hook(value, target)

    return structure


def dump_json(document: Any, path: str | os.PathLike[str] | None, *, indent: int | None) -> str:
    """Serialise ``document`` as JSON text (UTF-8, no NaN), also written to ``path`` if given.

    Every ``dump_*`` function of ``tthc.io`` ends here.

    Raises:
        OSError: The file cannot be written.
    """
    text = json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False)
    if path is not None:
        write_text(path, text + "\n")
    return text


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` in UTF-8, atomically: ``tthc._files.write_atomic``.

    Raises:
        OSError: The file cannot be written; ``path`` is then unchanged.
    """
    write_atomic(path, text)
