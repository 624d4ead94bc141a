"""Exact money arithmetic for compliance costs: bounds, sums and products, rounding, display.

Money is an exact ``Decimal`` in Vietnamese đồng everywhere. Every sum and product is done in
``EXACT``, a context whose traps make any inexact step an error rather than a silent rounding;
a figure is rounded only where a result is shown or stored, by ``round_to`` and
``round_ratio``, which are exact whatever the size of the figure. The bounds keep every
computation exact: they are far above any real figure.

This module is private to `tthc.simplification`; [`format_vnd`][tthc.simplification.format_vnd]
is public through the room.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from tthc.errors import InvalidValueError
from tthc.indicators import RoundingMode

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "EXACT",
    "HUNDRED",
    "MAX_HOURS",
    "MAX_MONEY",
    "MAX_PLACES",
    "MAX_SUBJECTS",
    "MAX_TIMES",
    "MAX_WAGE",
    "ZERO",
    "check_places",
    "check_rounding",
    "decimal_places",
    "exact_difference",
    "exact_product",
    "exact_sum",
    "format_vnd",
    "money",
    "optional_money",
    "plain",
    "quantity",
    "quantity_problem",
    "round_ratio",
    "round_to",
]

# Bounds that keep every computation exact (see EXACT): far above any real figure.
MAX_MONEY: Final = Decimal(10) ** 15  # VND: a million billion
MAX_HOURS: Final = Decimal(10) ** 6
MAX_TIMES: Final = Decimal(10) ** 6
MAX_SUBJECTS: Final = Decimal(10) ** 12
MAX_WAGE: Final = Decimal(10) ** 12
MAX_PLACES: Final = 6
_MAX_ROUND_PLACES: Final = 12
HUNDRED: Final = Decimal(100)
ZERO: Final = Decimal(0)

# Every sum and product is done in this context: with the bounds above no result needs more
# than about 60 digits, and a trap makes any inexact step an error rather than a silent rounding.
EXACT: Final = decimal.Context(
    prec=200,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.Inexact, decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero],
)
_QUANTIZE: Final = decimal.Context(prec=400, Emax=999_999, Emin=-999_999)
_QUARTERS: Final = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
_ROUNDINGS: Final = frozenset(
    {
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
        decimal.ROUND_05UP,
    }
)
_UNITS: Final = {"VND": 0, "million VND": 6, "billion VND": 9}


# --- exact arithmetic ------------------------------------------------------------------------------


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of ``values``, exactly (an inexact step raises)."""
    total = ZERO
    add = EXACT.add
    for value in values:
        total = add(total, value)
    return total


def exact_product(*values: Decimal) -> Decimal:
    """The product of ``values``, exactly (an inexact step raises)."""
    product = Decimal(1)
    for value in values:
        product = EXACT.multiply(product, value)
    return product


def exact_difference(a: Decimal, b: Decimal) -> Decimal:
    """``a − b``, exactly (an inexact step raises)."""
    return EXACT.subtract(a, b)


# --- rounding --------------------------------------------------------------------------------------


def check_rounding(field: str, rounding: object) -> str:
    """``rounding`` as a `decimal` rounding constant, or an error naming ``field``."""
    if isinstance(rounding, RoundingMode):
        return rounding.value
    if isinstance(rounding, str) and rounding in _ROUNDINGS:
        return rounding
    raise InvalidValueError(
        field,
        rounding,
        "a tthc.indicators.RoundingMode or a decimal rounding constant such as "
        "decimal.ROUND_HALF_UP",
    )


def check_places(field: str, places: object) -> int:
    """``places`` as a number of decimals to keep, or an error naming ``field``."""
    if type(places) is not int or not 0 <= places <= _MAX_ROUND_PLACES:
        raise InvalidValueError(
            field, places, f"a whole number of decimal places from 0 to {_MAX_ROUND_PLACES}"
        )
    return places


@functools.cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_to(value: Decimal, places: int, rounding: str) -> Decimal:
    """``value`` rounded to ``places`` decimals: exact, whatever its size."""
    return value.quantize(_quantum(places), rounding=rounding, context=_QUANTIZE)


def round_ratio(num: Decimal, den: Decimal, places: int, rounding: str) -> Decimal:
    """``num / den`` (``den > 0``) rounded to ``places`` decimals, exactly.

    Any rounding depends only on the sign, the digits kept and whether the remainder is zero,
    below, at or above one half of the last digit kept; so the remainder is replaced by 0, 1/4,
    1/2 or 3/4 of it, which keeps that comparison, and the resulting exact decimal is rounded.
    No division is done at a limited precision.

    Examples:
        >>> round_ratio(Decimal(2), Decimal(3), 2, decimal.ROUND_HALF_UP)
        Decimal('0.67')
        >>> round_ratio(Decimal(-1), Decimal(8), 2, decimal.ROUND_HALF_EVEN)
        Decimal('-0.12')
    """
    n1, d1 = num.as_integer_ratio()
    n2, d2 = den.as_integer_ratio()
    top, bottom = n1 * d2, d1 * n2
    negative = top < 0
    quotient, remainder = divmod(abs(top) * 10**places, bottom)
    twice = 2 * remainder
    if remainder == 0:
        quarter = 0
    elif twice < bottom:
        quarter = 1
    elif twice == bottom:
        quarter = 2
    else:
        quarter = 3
    exact = _QUANTIZE.add(Decimal(quotient), _QUARTERS[quarter]).scaleb(-places)
    return round_to(-exact if negative else exact, places, rounding)


# --- display ---------------------------------------------------------------------------------------


def decimal_places(value: Decimal) -> int:
    """The decimals ``value`` is written with (0 for a whole number or an exponent >= 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_vnd(amount: Decimal, unit: str = "VND", places: int | None = None) -> str:
    """Show an amount of đồng with thousands separators, optionally in millions or billions.

    Args:
        amount: The amount in VND.
        unit: ``"VND"`` (*đồng*), ``"million VND"`` (*triệu đồng*) or ``"billion VND"``
            (*tỷ đồng*).
        places: Decimals to show (rounded half-up); by default 0 for VND and 2 for millions
            and billions, or the amount's own decimals when it has more in VND.

    Returns:
        The text, without the unit.

    Raises:
        InvalidValueError: ``amount`` is not a ``Decimal`` or ``unit`` is unknown.

    Examples:
        >>> format_vnd(Decimal("530000000")), format_vnd(Decimal("2306e9"), "billion VND")
        ('530,000,000', '2,306.00')
        >>> format_vnd(Decimal("-192400000000"), "billion VND", places=1)
        '-192.4'
    """
    given: object = amount
    if not isinstance(given, Decimal) or not given.is_finite():
        raise InvalidValueError("format_vnd(amount)", amount, "a finite decimal.Decimal")
    scale = _UNITS.get(unit)
    if scale is None:
        raise InvalidValueError("format_vnd(unit)", unit, f"one of {', '.join(map(repr, _UNITS))}")
    if places is None:
        places = decimal_places(amount) if scale == 0 else 2
    value = round_to(
        amount.scaleb(-scale), check_places("format_vnd(places)", places), "ROUND_HALF_UP"
    )
    return f"{value:,}"


def plain(value: Decimal) -> str:
    """A quantity as people write it: thousands separators, no exponent, no trailing zeros.

    Examples:
        >>> plain(Decimal("5280000.00")), plain(Decimal("2.50")), plain(Decimal("1E+3"))
        ('5,280,000', '2.5', '1,000')
    """
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- quantity checks (attrs validators) -----------------------------------------------------------


def quantity_problem(
    value: object, limit: Decimal, unit: str, *, positive: bool = False
) -> str | None:
    """What is wrong with ``value`` as a quantity, or ``None`` when it is fine."""
    bound = "> 0" if positive else ">= 0"
    expected = (
        f"a decimal.Decimal {bound} and below {limit:,} ({unit}) with at most {MAX_PLACES} "
        "decimal places"
    )
    if isinstance(value, float):
        return expected + f"; a float is inexact: write Decimal('{value!r}')"
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return expected
    if not value.is_finite() or value < 0 or (positive and value == 0) or value >= limit:
        return expected
    if decimal_places(value) > MAX_PLACES:
        return expected
    return None


def quantity(
    limit: Decimal, unit: str, *, positive: bool = False, optional: bool = False
) -> Callable[[object, Any, Any], None]:
    """A validator of a quantity below ``limit`` (in ``unit``), >= 0 or > 0, maybe ``None``."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if optional and value is None:
            return
        problem = quantity_problem(value, limit, unit, positive=positive)
        if problem is not None:
            if optional:
                problem = "None or " + problem
            raise InvalidValueError.for_attribute(instance, attribute, value, problem)

    return check


#: Validator of an amount of money in VND.
money: Final = quantity(MAX_MONEY, "VND")
#: Validator of an amount of money in VND, or ``None``.
optional_money: Final = quantity(MAX_MONEY, "VND", optional=True)
