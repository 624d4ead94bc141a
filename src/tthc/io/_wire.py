"""What the national wire formats share (private): wire classes and keys, their converter, reading.

The national procedure package (``tthc.io.national``) and the DVCQG dossier sync
(``tthc.io.dossiers``) are JSON objects with Vietnamese keys whose values are all text. Each
format declares private attrs classes shaped like its wire objects and registers their keys with
a ``WireFormat``; its converter renames the attributes to the keys. A ``WireReader`` turns
the wire objects into records, recording every problem with its path, and raises one
[`LoadError`][tthc.errors.LoadError] that lists them all.

Real senders differ in how they write keys (``MaTTHC``, ``MATTHC``, ``maTTHC``) and add keys of
their own. Before an object is structured, ``WireFormat.canonical`` gives every key the spelling
that is written: by default (liberal) a key is recognised in any casing and an unknown key is
set aside for the reader to warn about (``UnknownFieldWarning``); with ``strict`` only the
documented spellings are keys and anything else is a problem.
"""

from __future__ import annotations

import typing
import warnings
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar, get_args, get_origin

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from tthc.errors import InferredValueWarning, LoadError, TthcError, UnknownFieldWarning
from tthc.io._converter import (
    is_homogeneous_sequence,
    make_converter,
    nullable_sequence_hook,
    object_hook,
    problems_of,
    structure_wire_text,
)

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "BAD",
    "Bad",
    "Unknown",
    "WireFormat",
    "WireReader",
    "envelope",
    "envelope_value",
    "items_at",
    "wire_objects",
]

T = TypeVar("T")
W = TypeVar("W")
R = TypeVar("R")


@attrs.frozen
class Unknown:
    """The keys of one wire object that are not keys of its class, with their values."""

    path: str
    cls: type
    keys: dict[str, Any]


class WireFormat:
    """The wire classes of one national format, with the key of each attribute on the wire."""

    def __init__(self, name: str) -> None:
        #: The format's name in messages ("the DongBoHoSoMC payload").
        self.name = name
        #: For each wire class, its attributes and the key each is written with, in the order
        #: of registration.
        self.keys: dict[type, dict[str, str]] = {}
        #: For each wire class, every documented spelling of a key and its attribute.
        self.spellings: dict[type, dict[str, str]] = {}
        #: For each wire class, every key in case-folded form and its attribute.
        self.folded: dict[type, dict[str, str]] = {}
        #: For each wire class, its attributes that are lists of another wire class.
        self.children: dict[type, dict[str, type]] = {}

    def wire(self, **keys: str | tuple[str, ...]) -> Callable[[type[T]], type[T]]:
        """Register the keys of a wire class (every attribute must have one); leaves first.

        A key is one spelling, or a tuple of the documented spellings (real senders differ),
        the first of which is written.

        Raises:
            TypeError: An attribute has no key, a key names no attribute, or two keys are the
                same in another casing.
        """

        def register(cls: type[T]) -> type[T]:
            names = {a.name for a in attrs.fields(cls)}  # type: ignore[arg-type]
            if names != set(keys):
                msg = f"{cls.__name__}: keys for {sorted(names ^ set(keys))}"
                raise TypeError(msg)
            spellings = {
                name: (key,) if isinstance(key, str) else key for name, key in keys.items()
            }
            self.keys[cls] = {name: spelled[0] for name, spelled in spellings.items()}
            self.spellings[cls] = {k: name for name, spelled in spellings.items() for k in spelled}
            folded: dict[str, str] = {}
            for key, name in self.spellings[cls].items():
                if folded.setdefault(key.casefold(), name) != name:
                    msg = f"{cls.__name__}: the keys of two attributes differ only in casing"
                    raise TypeError(msg)
            self.folded[cls] = folded
            hints = typing.get_type_hints(cls)
            self.children[cls] = {}
            for name in names:
                hint = hints.get(name)
                if is_homogeneous_sequence(hint) and get_origin(hint) is tuple:
                    [item, _] = get_args(hint)
                    if item in self.keys:
                        self.children[cls][name] = item
            return cls

        return register

    def key_of(self, cls: type, attribute: str) -> str:
        """The key of ``attribute`` of ``cls`` on the wire (the name itself if it has none)."""
        return self.keys.get(cls, {}).get(attribute, attribute)

    def attribute_of(self, cls: type, key: object, *, strict: bool) -> str | None:
        """The attribute that ``key`` names: a documented spelling, or (not strict) any casing."""
        if not isinstance(key, str):
            return None
        found = self.spellings[cls].get(key)
        if found is None and not strict:
            found = self.folded[cls].get(key.casefold())
        return found

    def canonical(
        self,
        raw: Any,
        cls: type,
        path: str,
        *,
        strict: bool,
        unknown: list[Unknown],
        problems: list[str],
    ) -> Any:
        """``raw`` with every key of ``cls`` (and of its lists' items) in its written spelling.

        Keys that are not keys of their object are left out and added to ``unknown`` (the
        enclosing object before the objects inside it). A key given twice in different spellings
        is read once when both values are equal, and is a problem otherwise. Anything that is
        not a JSON object is returned as it is, for the converter to refuse.
        """
        if not isinstance(raw, Mapping):
            return raw
        slot = len(unknown)
        out: dict[str, Any] = {}
        sent_as: dict[str, object] = {}
        extra: dict[str, Any] = {}
        for key, value in raw.items():
            attribute = self.attribute_of(cls, key, strict=strict)
            if attribute is None:
                extra[str(key)] = value
                continue
            written = self.keys[cls][attribute]
            if written in sent_as:
                if out[written] != value:
                    problems.append(
                        f"{path}: {sent_as[written]!r} and {key!r} are the same key "
                        f"({written!r}, in two casings) with different values"
                    )
                continue
            child = self.children[cls].get(attribute)
            if child is not None and isinstance(value, list):
                value = [  # noqa: PLW2901 - the list with its items' keys made canonical
                    self.canonical(
                        item,
                        child,
                        f"{path}.{written}[{i}]",
                        strict=strict,
                        unknown=unknown,
                        problems=problems,
                    )
                    for i, item in enumerate(value)
                ]
            out[written] = value
            sent_as[written] = key
        if extra:
            unknown.insert(slot, Unknown(path, cls, extra))
        return out

    def unknown_problem(self, found: Unknown) -> str:
        """The problem line of unknown keys, for a strict reader."""
        names = ", ".join(repr(k) for k in found.keys)
        problem = f"{found.path}: unknown keys {names} (not keys of {self.name}"
        other = [
            f"{k!r} is {self.keys[found.cls][self.folded[found.cls][k.casefold()]]!r}"
            for k in found.keys
            if k.casefold() in self.folded[found.cls]
        ]
        if other:
            problem += f"; in another casing {', '.join(other)}: read with strict=False"
        return problem + ")"

    def make_converter(
        self, written: Mapping[type, Collection[str]] | None = None
    ) -> cattrs.Converter:
        """Return [`make_converter`][tthc.io.make_converter] set up for these wire classes.

        Strict (unknown keys refused), with the keys as renames of the attributes, texts that
        may also be written as whole numbers or ``null``, lists that may be ``null``, and every
        key written (no default left out). The readers give it objects made canonical first
        (``canonical``), so it only sees the written spellings.

        Args:
            written: For a class listed here, only these attributes are written; the others
                are read and dropped.
        """
        c = make_converter()
        c.register_structure_hook(str, structure_wire_text)
        c.register_structure_hook_factory(is_homogeneous_sequence, nullable_sequence_hook)
        # Leaves first, so that the generated code of a class picks up its items' renamed hooks.
        for cls, keys in self.keys.items():
            renames: dict[str, Any] = {name: override(rename=key) for name, key in keys.items()}
            structure: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, c, **renames)
            c.register_structure_hook(cls, object_hook(structure, cls))
            kept = None if written is None else written.get(cls)
            out = (
                renames
                if kept is None
                else {
                    name: override(rename=key) if name in kept else override(omit=True)
                    for name, key in keys.items()
                }
            )
            unstructure: Callable[[Any], Any] = make_dict_unstructure_fn(
                cls, c, _cattrs_omit_if_default=False, **out
            )
            c.register_unstructure_hook(cls, unstructure)
        return c


class Bad:
    """Marks a value that could not be read (its problem is already recorded)."""


BAD: Final = Bad()


def wire_objects(data: Any, source: str, what: str) -> tuple[list[Any], list[str]]:
    """The wire objects of a document that is one object or an array of them, with their paths.

    Raises:
        LoadError: ``data`` is neither (``what`` names the object, as "a dossier payload").
    """
    if isinstance(data, Mapping):
        return [data], ["$"]
    if not isinstance(data, list):
        raise LoadError(
            source, [f"$: expected {what} (JSON object) or an array of them, got {data!r}"]
        )
    return data, [f"$[{i}]" for i in range(len(data))]


def envelope(data: object, items_key: str, others: Collection[str]) -> tuple[str, Any] | None:
    """The key (as written) and value of the items of an envelope, if ``data`` is one.

    An envelope is a JSON object whose keys, in any casing, are ``items_key`` and some of
    ``others`` (the senders' wrappers: ``{"service": …, "data": [...]}``,
    ``{"error_code": 0, "result": [...]}``).
    """
    if not isinstance(data, Mapping) or not all(isinstance(k, str) for k in data):
        return None
    folded = {k.casefold(): k for k in data}
    wanted = items_key.casefold()
    if len(folded) != len(data) or wanted not in folded:
        return None
    if not set(folded) <= {wanted, *(o.casefold() for o in others)}:
        return None
    return folded[wanted], data[folded[wanted]]


def envelope_value(data: Mapping[str, Any], key: str) -> Any:
    """The value of ``key`` (in any casing) in an envelope, or ``None``."""
    for k, value in data.items():
        if k.casefold() == key.casefold():
            return value
    return None


def items_at(value: Any, path: str) -> tuple[list[Any], list[str]] | None:
    """An object as one item, or an array's items, with their paths; ``None`` for anything else."""
    if isinstance(value, Mapping):
        return [value], [path]
    if isinstance(value, list):
        return value, [f"{path}[{i}]" for i in range(len(value))]
    return None


class WireReader(Generic[W, R]):
    """Reads wire objects (class ``W``) into records (``R``), recording every problem with its path.

    A format's reader names its ``wire_format``, ``converter`` and ``wire_class`` and defines
    ``record``; ``read_all`` does the rest. Liberal by default: keys are read in any casing,
    unknown keys are set aside (``unknown``, for a warning) and ``record`` may fill in what is
    missing by a stated rule (``infer``, for a warning); with ``strict`` the unknown keys are
    problems and ``record`` refuses what it would otherwise fill in.
    """

    wire_format: ClassVar[WireFormat]
    converter: ClassVar[cattrs.Converter]
    wire_class: ClassVar[type]

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.problems: list[str] = []
        #: The unknown keys set aside, by object (liberal reading).
        self.unknown: list[Unknown] = []
        #: The values filled in, one line each with its path.
        self.inferred: list[str] = []
        #: The unknown keys of the object being read (its own, not its items').
        self.extra: dict[str, Any] = {}

    def fail(self, path: str, message: str) -> Bad:
        """Record a problem at ``path``; return the ``BAD`` marker."""
        self.problems.append(f"{path}: {message}")
        return BAD

    def infer(self, path: str, message: str) -> None:
        """Record a value filled in at ``path`` (for the ``InferredValueWarning``)."""
        self.inferred.append(f"{path}: {message}")

    def prepare(self, path: str, raw: Any) -> Any:
        """The wire object to structure: ``raw`` with its keys made canonical.

        Unknown keys are problems when strict, and set aside otherwise; the object's own are
        also in ``extra`` while it is read.
        """
        found: list[Unknown] = []
        value = self.wire_format.canonical(
            raw,
            self.wire_class,
            path,
            strict=self.strict,
            unknown=found,
            problems=self.problems,
        )
        self.extra = found[0].keys if found and found[0].path == path else {}
        if self.strict:
            for item in found:
                self.problems.append(self.wire_format.unknown_problem(item))
        else:
            self.unknown += found
        return value

    def record(self, path: str, wire: W) -> R | Bad:
        """The record of one structured wire object (its problems recorded)."""
        raise NotImplementedError

    def unknown_line(self, found: Unknown) -> str:
        """The warning line of an object's unknown keys (where they were kept, if anywhere)."""
        return f"{found.path}: {', '.join(repr(k) for k in found.keys)}"

    def read_all(self, items: list[Any], paths: list[str], source: str) -> list[R]:
        """The records of ``items``, each read at its path.

        Raises:
            LoadError: Some items have problems; ``.problems`` lists every one, in order.
        """
        out: list[R] = []
        for raw, path in zip(items, paths, strict=True):
            prepared = self.prepare(path, raw)
            try:
                wire: W = self.converter.structure(prepared, self.wire_class)
            except (ClassValidationError, IterableValidationError, TthcError) as exc:
                self.problems += problems_of(exc, path, self.wire_format.key_of)
                continue
            record = self.record(path, wire)
            if not isinstance(record, Bad):
                out.append(record)
        if self.problems:
            raise LoadError(source, self.problems)
        return out

    def warn(self, source: str, *, stacklevel: int) -> None:
        """Warn about the unknown keys set aside and the values filled in, if any.

        Args:
            source: The input's name, as in a ``LoadError``.
            stacklevel: As for ``warnings.warn``, counted from the caller of ``warn``.
        """
        if self.unknown:
            lines = [self.unknown_line(found) for found in self.unknown]
            warnings.warn(UnknownFieldWarning(source, lines), stacklevel=stacklevel + 1)
        if self.inferred:
            warnings.warn(InferredValueWarning(source, self.inferred), stacklevel=stacklevel + 1)
