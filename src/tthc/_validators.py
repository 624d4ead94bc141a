"""Reusable converters and attrs validators that raise `tthc` errors (private).

The one home of the small checks that records repeat. Converters only normalise shape, without
loss, and hand anything else on unchanged for the validator to refuse; validators raise
[`InvalidValueError`][tthc.errors.InvalidValueError] naming ``Owner.field``.

Converters: ``nfc`` (also for optional text: ``None`` passes through),
``str_tuple``, ``text_tuple``, ``to_tuple``, ``int_frozenset``, ``to_decimal``, ``to_int``.

Validators: ``non_blank``, ``optional_text``, ``texts``, ``member_of``, ``optional_member``,
``optional_instance``, ``tuple_of``, ``count``, ``flag``, ``optional_date``, ``date_not_before``,
``aware``, ``optional_aware`` and the combinator ``optional``.

Argument checks (a field name and a value, the value returned): ``check_date``, ``check_int``,
``check_aware``; and ``missing_code`` for national-code enums.

This module sits at the bottom of the house, beside ``tthc.errors``: it imports nothing else of
`tthc`.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, SupportsIndex, TypeVar

import attrs

from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

E = TypeVar("E", bound=enum.Enum)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form (pasted Vietnamese is often NFD).

    Anything that is not a ``str`` (``None`` included) is returned unchanged, for the validator
    to report or accept: the converter of optional texts too.
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


def to_tuple(value: Iterable[Any]) -> Any:
    """Converter: any iterable but text, bytes and mappings to a tuple (others kept to refuse)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value  # the validator refuses it
    return tuple(value)


def text_tuple(value: Iterable[str]) -> Any:
    """Converter: like ``to_tuple``, with every text item in NFC.

    Unlike ``str_tuple``, a lone text is not split into its letters: it is kept for the
    validator (``texts``) to refuse.
    """
    items = to_tuple(value)
    if not isinstance(items, tuple):
        return items
    return tuple(nfc(item) for item in items)


def to_decimal(value: Decimal | int | None) -> Decimal | int | None:
    """Converter: an ``int`` as the equal ``Decimal`` (lossless); anything else unchanged."""
    if type(value) is int:
        return Decimal(value)
    return value


def to_int(value: SupportsIndex) -> int:
    """Converter: numpy and other integer types to ``int`` (lossless); others unchanged.

    ``bool`` stays a ``bool`` (and ``numpy.bool_`` unchanged), for the validator to refuse.
    """
    if type(value) is int or isinstance(value, bool):
        return value
    index = getattr(type(value), "__index__", None)
    if index is None:
        return value  # type: ignore[return-value]  # the validator refuses it
    try:
        return int(index(value))
    except TypeError:  # numpy.bool_ has __index__ but refuses it
        return value  # type: ignore[return-value]  # the validator refuses it


def non_blank(instance: object, attribute: Any, value: str) -> None:
    """Attrs validator: a non-blank ``str``."""
    if type(value) is not str or not value.strip():
        raise InvalidValueError.for_attribute(instance, attribute, value, "a non-blank text")


def optional_text(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: ``None`` or a non-blank ``str`` ("None or a non-blank text")."""
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def texts(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: a tuple of non-blank texts (pair it with ``text_tuple``)."""
    tuple_of(str, "texts")(instance, attribute, value)
    for item in value:
        if not item.strip():
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "non-blank texts in the list"
            )


def optional(validator: Callable[[object, Any, Any], None]) -> Callable[[object, Any, Any], None]:
    """Attrs validator factory: ``None``, or a value ``validator`` accepts (its message as is)."""
    return attrs.validators.optional(validator)


def member_of(enum_cls: type[E]) -> Callable[[object, Any, E], None]:
    """Attrs validator factory: a member of ``enum_cls`` (not its value)."""

    def check(instance: object, attribute: Any, value: E) -> None:
        if not isinstance(value, enum_cls):
            names = ", ".join(f"{enum_cls.__name__}.{m.name}" for m in enum_cls)
            raise InvalidValueError.for_attribute(instance, attribute, value, f"one of {names}")

    return check


def optional_member(enum_cls: type[enum.Enum]) -> Callable[[object, Any, Any], None]:
    """Attrs validator factory: ``None`` or a member of ``enum_cls``."""
    return attrs.validators.optional(member_of(enum_cls))


def optional_instance(cls: type, expected: str) -> Callable[[object, Any, Any], None]:
    """Attrs validator factory: ``None`` or an instance of ``cls``; ``expected`` says so."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is not None and not isinstance(value, cls):
            raise InvalidValueError.for_attribute(instance, attribute, value, expected)

    return check


def tuple_of(
    item_type: type | tuple[type, ...], expected: str, *, non_empty: bool = False
) -> Callable[[object, Any, Any], None]:
    """Attrs validator factory: a tuple whose items are all ``item_type`` (never a ``bool``).

    Pair it with the converter ``to_tuple``.

    Args:
        item_type: The type (or types) of the items.
        expected: The items in words, plural ("Fee records").
        non_empty: Whether at least one item is required.
    """

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"a list or tuple of {expected}"
            )
        for item in value:
            if not isinstance(item, item_type) or isinstance(item, bool):
                raise InvalidValueError.for_attribute(
                    instance, attribute, item, f"items that are {expected}"
                )
        if non_empty and not value:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"at least one of {expected}"
            )

    return check


def count(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: a whole number >= 0 (an ``int``, not a ``bool``)."""
    if type(value) is not int or value < 0:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a whole number >= 0")


def flag(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: ``True`` or ``False``."""
    if type(value) is not bool:
        raise InvalidValueError.for_attribute(instance, attribute, value, "True or False")


def optional_date(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: ``None`` or a ``datetime.date`` that is not a ``datetime``."""
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a datetime.date (not a datetime)"
        )


def date_not_before(start_field: str) -> Callable[[object, Any, dt.date | None], None]:
    """Attrs validator factory for the later of two optional dates (put it on the later field).

    The value is checked as ``optional_date``, then against the
    field ``start_field`` when both are given.
    """

    def check(instance: object, attribute: Any, value: dt.date | None) -> None:
        optional_date(instance, attribute, value)
        start = getattr(instance, start_field)
        if value is not None and start is not None and value < start:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"a date on or after {start_field} ({start})"
            )

    return check


def aware(instance: object, attribute: Any, value: Any) -> None:
    """Attrs validator: an aware ``datetime`` (see ``check_aware``)."""
    check_aware(f"{type(instance).__name__}.{attribute.name}", value)


#: Attrs validator: ``None`` or an aware ``datetime``.
optional_aware: Final = attrs.validators.optional(aware)


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


def check_aware(field: str, value: object) -> dt.datetime:
    """Return ``value`` if it is a timezone-aware ``datetime``, else raise.

    Args:
        field: Name of the argument or attribute, for the error message.
        value: The value to check.

    Returns:
        The value, typed as a datetime.

    Raises:
        InvalidValueError: ``value`` is not a ``datetime``, or is naive.
    """
    if not isinstance(value, dt.datetime):
        raise InvalidValueError(field, value, "an aware datetime.datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            field,
            value,
            "an aware datetime (e.g. tzinfo=tthc.VN_TZ); a naive one is refused because its "
            "offset would be a guess",
        )
    return value


def missing_code(enum_cls: type[enum.Enum], value: object) -> InvalidValueError:
    """The error for a national code an enum does not have (for ``Enum._missing_``)."""
    codes = ", ".join(f"{m.value} ({m.name})" for m in enum_cls)
    return InvalidValueError(f"{enum_cls.__name__}(code)", value, f"one of {codes}")
