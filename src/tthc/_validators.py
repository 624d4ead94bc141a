"""Reusable checks that raise `tthc` errors (private)."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from typing import TYPE_CHECKING, Any, TypeVar

from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

E = TypeVar("E", bound=enum.Enum)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form (pasted Vietnamese is often NFD).

    Anything that is not a ``str`` is returned unchanged, for the validator to report.
    """
    if type(text) is str:
        return unicodedata.normalize("NFC", text)
    return text


def str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    """Converter: any iterable of texts to a tuple of NFC texts (other items kept as they are)."""
    return tuple(nfc(v) for v in values)


def int_frozenset(values: Iterable[int]) -> frozenset[int]:
    """Converter: any iterable to a frozenset."""
    return frozenset(values)


def non_blank(instance: object, attribute: Any, value: str) -> None:
    """Attrs validator: a non-blank ``str``."""
    if type(value) is not str or not value.strip():
        raise InvalidValueError.for_attribute(instance, attribute, value, "a non-blank text")


def member_of(enum_cls: type[E]) -> Callable[[object, Any, E], None]:
    """Attrs validator factory: a member of ``enum_cls`` (not its value)."""

    def check(instance: object, attribute: Any, value: E) -> None:
        if not isinstance(value, enum_cls):
            names = ", ".join(f"{enum_cls.__name__}.{m.name}" for m in enum_cls)
            raise InvalidValueError.for_attribute(instance, attribute, value, f"one of {names}")

    return check


def check_date(field: str, value: object) -> dt.date:
    """Return ``value`` if it is a ``date`` (not a ``datetime``), else raise.

    Args:
        field: Name of the argument, for the error message.
        value: The value to check.

    Returns:
        The value, typed as a date.

    Raises:
        InvalidValueError: ``value`` is not a ``datetime.date`` or is a ``datetime``.
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise InvalidValueError(field, value, "a datetime.date, not a datetime (use .date())")
    if isinstance(value, dt.date):  # a date subclass (e.g. pandas' own) is fine
        return value
    raise InvalidValueError(field, value, "a datetime.date")


def check_int(field: str, value: object) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``), else raise.

    Raises:
        InvalidValueError: ``value`` is not an integer.
    """
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        # numpy integers are accepted through __index__; bools and floats are not.
        index = getattr(type(value), "__index__", None)
        if index is None or isinstance(value, bool):
            raise InvalidValueError(field, value, "a whole number (int)")
        return int(index(value))
    return int(value)


def missing_code(enum_cls: type[enum.Enum], value: object) -> InvalidValueError:
    """The error for a national code an enum does not have (for ``Enum._missing_``)."""
    codes = ", ".join(f"{m.value} ({m.name})" for m in enum_cls)
    return InvalidValueError(f"{enum_cls.__name__}(code)", value, f"one of {codes}")
