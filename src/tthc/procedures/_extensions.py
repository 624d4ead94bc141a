"""The frozen JSON data behind ``Procedure.extensions`` (private).

Extensions hold other teams' or formats' data as JSON, stored read-only: objects become a
read-only, hashable, picklable mapping and arrays become tuples, so a frozen record stays
immutable and hashable all the way down.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from tthc.errors import InvalidValueError

__all__ = ["check_extensions", "empty_extensions", "freeze_extensions"]


class _FrozenDict(Mapping[str, Any]):
    """A read-only, hashable, picklable mapping: how ``Procedure.extensions`` holds JSON objects."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))


def _freeze_json(value: Any) -> Any:
    """Converter: JSON data as immutable data (objects read-only and hashable, arrays as tuples)."""
    if isinstance(value, _FrozenDict):
        return value
    if isinstance(value, Mapping):
        return _FrozenDict({k: _freeze_json(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze_json(v) for v in value)
    return value


def freeze_extensions(value: Any) -> Any:
    """Converter: a mapping of JSON data, frozen; anything else unchanged for the validator."""
    return _freeze_json(value) if isinstance(value, Mapping) else value


def _json_problem(value: object) -> object | None:
    """The first part of ``value`` found that is not JSON data, or ``None`` if all of it is."""
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (bool, int, str)):
            continue
        if isinstance(item, float) and math.isfinite(item):
            continue
        if isinstance(item, Mapping):
            keys: list[object] = list(item)
            for key in keys:
                if type(key) is not str:
                    return key
            stack.extend(item.values())
        elif isinstance(item, tuple):
            stack.extend(item)
        else:
            return item
    return None


def check_extensions(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a mapping from text keys to JSON data."""
    if not isinstance(value, Mapping):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a mapping of names to JSON data"
        )
    bad = _json_problem(value)
    if bad is not None:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            bad,
            "JSON data only (texts as keys; None, bool, int, finite float, str, lists, mappings)",
        )


def empty_extensions() -> Mapping[str, Any]:
    """Factory: an empty, read-only mapping."""
    return _FrozenDict({})
