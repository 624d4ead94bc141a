"""What the national wire formats share (private): wire classes and keys, their converter, reading.

The national procedure package (``tthc.io.national``) and the DVCQG dossier sync
(``tthc.io.dossiers``) are JSON objects with Vietnamese keys whose values are all text. Each
format declares private attrs classes shaped like its wire objects and registers their keys with
a ``WireFormat``; its converter renames the attributes to the keys. A ``WireReader`` turns
the wire objects into records, recording every problem with its path, and raises one
[`LoadError`][tthc.errors.LoadError] that lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from tthc.errors import LoadError, TthcError
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

__all__ = ["BAD", "Bad", "WireFormat", "WireReader", "wire_objects"]

T = TypeVar("T")
W = TypeVar("W")
R = TypeVar("R")


class WireFormat:
    """The wire classes of one national format, with the key of each attribute on the wire."""

    def __init__(self) -> None:
        #: For each wire class, its attributes and their keys, in the order of registration.
        self.keys: dict[type, dict[str, str]] = {}

    def wire(self, **keys: str) -> Callable[[type[T]], type[T]]:
        """Register the keys of a wire class (every attribute must have one); leaves first.

        Raises:
            TypeError: An attribute has no key, or a key names no attribute.
        """

        def register(cls: type[T]) -> type[T]:
            names = {a.name for a in attrs.fields(cls)}  # type: ignore[arg-type]
            if names != set(keys):
                msg = f"{cls.__name__}: keys for {sorted(names ^ set(keys))}"
                raise TypeError(msg)
            self.keys[cls] = keys
            return cls

        return register

    def key_of(self, cls: type, attribute: str) -> str:
        """The key of ``attribute`` of ``cls`` on the wire (the name itself if it has none)."""
        return self.keys.get(cls, {}).get(attribute, attribute)

    def make_converter(
        self, written: Mapping[type, Collection[str]] | None = None
    ) -> cattrs.Converter:
        """Return [`make_converter`][tthc.io.make_converter] set up for these wire classes.

        Strict (unknown keys refused), with the keys as renames of the attributes, texts that
        may also be written as whole numbers or ``null``, lists that may be ``null``, and every
        key written (no default left out).

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


class WireReader(Generic[W, R]):
    """Reads wire objects (class ``W``) into records (``R``), recording every problem with its path.

    A format's reader names its ``wire_format``, ``converter`` and ``wire_class`` and defines
    ``record``; ``read_all`` does the rest.
    """

    wire_format: ClassVar[WireFormat]
    converter: ClassVar[cattrs.Converter]
    wire_class: ClassVar[type]

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> Bad:
        """Record a problem at ``path``; return the ``BAD`` marker."""
        self.problems.append(f"{path}: {message}")
        return BAD

    def prepare(self, path: str, raw: Any) -> Any:  # noqa: ARG002 - a hook for the formats
        """The wire object to structure: ``raw`` itself, unless the format looks at it first."""
        return raw

    def record(self, path: str, wire: W) -> R | Bad:
        """The record of one structured wire object (its problems recorded)."""
        raise NotImplementedError

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
