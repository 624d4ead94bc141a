"""JSON Schema (*lược đồ JSON*) of the library's own procedure format, generated from the classes.

[`procedures_schema`][tthc.io.schema.procedures_schema] walks the attrs fields of
[`Procedure`][tthc.procedures.Procedure] (or of a subclass) and of every record it holds, and
writes a JSON Schema (draft 2020-12) of what
[`dump_procedures`][tthc.io.dump_procedures] writes and
[`load_procedures`][tthc.io.load_procedures] reads: one ``$defs`` entry per record and enum,
descriptions taken from the docstrings, fields without a default required, no other keys.

The schema checks shapes and formats (a code like ``1.001193``, dates ``YYYY-MM-DD``,
amounts as decimal strings); the loader checks more (a processing time must parse, an end date
must not precede its start date, case names must differ). A copy is shipped as
``tthc/io/procedures.schema.json`` ([`shipped_schema`][tthc.io.schema.shipped_schema]); the
tests check that it is the one the classes give.

Examples:
    >>> schema = procedures_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["Procedure"]["required"]
    ['code', 'name', 'cases']
    >>> schema["$defs"]["Channel"]["enum"]
    [1, 2, 3]
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from typing import Any, Final, Union, get_args, get_origin

import attrs

from tthc.durations import Duration
from tthc.io._converter import make_converter
from tthc.procedures import CODE_PATTERN, Component, Fee, Procedure, ProcedureCase

__all__ = ["DIALECT", "procedures_schema", "schema_text", "shipped_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the generated schema (draft 2020-12)."""

# Constraints the types alone do not say, by (class, field); subclasses inherit them.
_EXTRA: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (Procedure, "code"): {"pattern": f"^{CODE_PATTERN.pattern}$"},
    (Procedure, "cases"): {"minItems": 1},
    (Component, "originals"): {"minimum": 0},
    (Component, "copies"): {"minimum": 0},
    (Fee, "amount"): {"pattern": r"^[0-9]+(\.[0-9]+)?$"},
    (ProcedureCase, "name"): {},
}

_NON_BLANK: Final = {"type": "string", "pattern": r"\S"}


def _attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of the docstrings of ``cls`` and its bases, by name."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = inspect.cleandoc(klass.__dict__.get("__doc__") or "")
        name: str | None = None
        inside = False
        for line in doc.splitlines():
            if line.strip() == "Attributes:":
                inside = True
                continue
            if not inside:
                continue
            if line and not line.startswith(" "):
                break  # the next section
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if indent == 4 and ":" in stripped:  # noqa: PLR2004 - "    name: text"
                name, _, text = stripped.partition(":")
                docs[name] = text.strip()
            elif name is not None and stripped:
                docs[name] += " " + stripped
    return docs


_CROSS_REFERENCE: Final = re.compile(r"\[`([^`]+)`\]\[[^\]]+\]")


def _plain(text: str) -> str:
    """Docstring markup as plain text: cross-references and double backticks removed."""
    return _CROSS_REFERENCE.sub(r"\1", text).replace("``", "")


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return _plain(doc.split("\n\n", 1)[0].replace("\n", " "))


def _extra(cls: type, name: str) -> dict[str, Any]:
    for klass in cls.__mro__:
        found = _EXTRA.get((klass, name))
        if found is not None:
            return found
    return {}


class _Builder:
    def __init__(
        self,
        *,
        tags: Mapping[type, tuple[str, str]] | None = None,
        unions: Mapping[type, Sequence[type]] | None = None,
        omit: Iterable[tuple[type, str]] = (),
    ) -> None:
        self.defs: dict[str, Any] = {}
        self.converter = make_converter()
        self.tags = dict(tags or {})
        self.unions = dict(unions or {})
        self.omit = set(omit)

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def of(self, t: Any) -> dict[str, Any]:  # noqa: PLR0911 - one branch per kind of type
        if t in self.unions:  # a tagged union: one of its members, told apart by their tag
            return {"anyOf": [self.of(member) for member in self.unions[t]]}
        origin = get_origin(t)
        if origin in (Union, types.UnionType):
            options = [self.of(a) for a in get_args(t) if a is not type(None)]
            nullable = type(None) in get_args(t)
            return {"anyOf": [*options, {"type": "null"}] if nullable else options}
        if origin in (tuple, list):
            return {"type": "array", "items": self.of(get_args(t)[0])}
        if origin is Mapping:
            return {"type": "object"}
        if t is str:
            return dict(_NON_BLANK)
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is Decimal:
            return {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
        if t is dt.datetime:
            return {"type": "string", "format": "date-time"}
        if t is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
        if isinstance(t, type) and issubclass(t, Duration):
            return {
                "type": "string",
                "pattern": r"\S",
                "description": "A processing time as text, read by Duration.parse: "
                "'5 ngày làm việc', '30 ngày', '4 giờ làm việc', '3 tháng', 'trong ngày'.",
            }
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return self.enum(t)
        if isinstance(t, type) and attrs.has(t):
            return self.record(t)
        msg = f"no JSON Schema for {t!r}"
        raise TypeError(msg)

    def enum(self, t: type[enum.Enum]) -> dict[str, Any]:
        if t.__name__ not in self.defs:
            members = list(t.__members__.values())
            labels = ", ".join(f"{m.value!r} = {m.name}" for m in members)
            self.defs[t.__name__] = {
                "description": f"{_summary(t)} ({labels})",
                "enum": [m.value for m in members],
            }
        return self.ref(t.__name__)

    def record(self, cls: type) -> dict[str, Any]:
        if cls.__name__ in self.defs:
            return self.ref(cls.__name__)
        entry: dict[str, Any] = {"type": "object", "description": _summary(cls)}
        self.defs[cls.__name__] = entry  # before the fields: records may refer to themselves
        hints = typing.get_type_hints(cls)
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if cls in self.tags:  # the member of a tagged union says which it is
            key, value = self.tags[cls]
            properties[key] = {"const": value}
            required.append(key)
        for field in attrs.fields(cls):
            if not field.init or any(
                issubclass(cls, owner) and field.name == name for owner, name in self.omit
            ):
                continue
            schema = {**self.of(hints[field.name]), **_extra(cls, field.name)}
            if field.name in docs:
                schema = {"description": _plain(docs[field.name]), **schema}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default: Any = field.default
                factory = getattr(default, "factory", None)  # an attrs.Factory
                if factory is not None:
                    default = factory()
                schema["default"] = json.loads(
                    json.dumps(self.converter.unstructure(default), ensure_ascii=False)
                )
            properties[field.name] = schema
        entry["properties"] = properties
        entry["required"] = required
        entry["additionalProperties"] = False
        return self.ref(cls.__name__)


def schema_for(
    item: type,
    *,
    title: str,
    description: str,
    array: bool = True,
    tags: Mapping[type, tuple[str, str]] | None = None,
    unions: Mapping[type, Sequence[type]] | None = None,
    omit: Iterable[tuple[type, str]] = (),
) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of ``item`` records (or of one record).

    The generator behind every format's schema: ``tthc.io.dossiers.dossiers_schema`` and
    ``tthc.io.plans.plans_schema`` call it with their tagged unions.

    Args:
        item: An attrs class.
        title: The schema's title.
        description: What the file holds.
        array: Whether the file is an array of records (else one record).
        tags: For each member of a tagged union, its ``(key, value)`` tag.
        unions: For each union base class, its members (rendered as ``anyOf``).
        omit: ``(class, field)`` pairs the format does not write (skipped with subclasses).

    Returns:
        The schema, as a dict ready for ``json.dumps``.

    Raises:
        TypeError: A field has a type the generator does not know.
    """
    builder = _Builder(tags=tags, unions=unions, omit=omit)
    body = builder.of(item)
    shape: dict[str, Any] = {"type": "array", "items": body} if array else dict(body)
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        **shape,
        "$defs": dict(sorted(builder.defs.items())),
    }


def procedures_schema(cls: type[Procedure] = Procedure) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of procedures (*thủ tục hành chính*).

    Args:
        cls: ``Procedure`` or a subclass of it (its extra fields are included).

    Returns:
        The schema, as a dict ready for ``json.dumps``: an array of ``cls`` records.

    Raises:
        TypeError: A field has a type the generator does not know (a subclass's own type).
    """
    return schema_for(
        cls,
        title="tthc procedures",
        description="Administrative procedures (thủ tục hành chính) in the JSON format of "
        "tthc.io.load_procedures / dump_procedures.",
    )


def schema_text(cls: type[Procedure] = Procedure) -> str:
    """The schema as the JSON text of the shipped file ``tthc/io/procedures.schema.json``.

    Regenerate the shipped file after changing a record class, from the repository root::

        python -c "from tthc.io.schema import schema_text; print(schema_text(), end='')" > src/tthc/io/procedures.schema.json
    """
    return json.dumps(procedures_schema(cls), ensure_ascii=False, indent=2) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema shipped with the package (``tthc/io/procedures.schema.json``)."""
    text = resources.files("tthc.io").joinpath("procedures.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
