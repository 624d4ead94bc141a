"""Converters and validators shared by the records of `tthc.simplification` (private).

Converters only normalise, without loss (an ``int`` to the equal ``Decimal``, an iterable to a
tuple, text to NFC); validators raise [`InvalidValueError`][tthc.errors.InvalidValueError]
naming the field, the value and what was expected. The checks of quantities and money live
in ``_money``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "check_duration",
    "check_year",
    "instance_of",
    "one_of",
    "optional_decimal",
    "optional_nfc",
    "optional_text",
    "to_decimal",
    "to_tuple",
    "tuple_of",
    "unique_names",
]


def to_decimal(value: Any) -> Any:
    """Converter: an ``int`` as the equal ``Decimal`` (lossless); anything else unchanged."""
    if type(value) is int:
        return Decimal(value)
    return value


def optional_decimal(value: Any) -> Any:
    """Converter: ``None`` kept, anything else as by ``to_decimal``."""
    return None if value is None else to_decimal(value)


def to_tuple(value: Any) -> Any:
    """Converter: any iterable but text, bytes and mappings to a tuple; others kept to refuse."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def optional_nfc(value: Any) -> Any:
    """Converter: ``None`` kept, text NFC-normalised."""
    return None if value is None else _v.nfc(value)


def optional_text(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``None`` or a non-blank text."""
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def instance_of(cls: type, expected: str) -> Callable[[object, Any, Any], None]:
    """Validator factory: an instance of ``cls``, described as ``expected`` (``"a Task"``)."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, cls):
            raise InvalidValueError.for_attribute(instance, attribute, value, expected)

    return check


def tuple_of(
    item_type: type | tuple[type, ...], expected: str
) -> Callable[[object, Any, Any], None]:
    """Validator factory: a tuple (as left by ``to_tuple``) whose items are ``item_type``."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"an iterable of {expected}"
            )
        for item in value:
            if not isinstance(item, item_type):
                raise InvalidValueError.for_attribute(
                    instance, attribute, item, f"only {expected} as items"
                )

    return check


def unique_names(what: str) -> Callable[[object, Any, Any], None]:
    """Validator factory: records whose ``name`` appears once (``what``: "tasks")."""

    def check(instance: object, attribute: Any, value: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for item in value:
            if item.name in seen:
                raise InvalidValueError.for_attribute(
                    instance, attribute, item.name, f"{what} with distinct names (a name once)"
                )
            seen.add(item.name)

    return check


def check_duration(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``None`` or a [`Duration`][tthc.durations.Duration]."""
    if value is not None and not isinstance(value, Duration):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "None or a tthc.Duration (e.g. Duration.parse('5 ngày làm việc'))",
        )


def check_year(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a plausible year, an ``int`` from 1900 to 2200."""
    if type(value) is not int or not 1900 <= value <= 2200:  # noqa: PLR2004 - plausible years
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a year such as 2024 (an int from 1900 to 2200)"
        )


def one_of(what: str, items: tuple[Any, ...]) -> str:
    """What a name must be, listing the ``name`` of each record: ``"a task (one of 'A', 'B')"``."""
    if not items:
        return f"{what} (it has none)"
    return f"{what} (one of {', '.join(repr(i.name) for i in items)})"
