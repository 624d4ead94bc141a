"""Rates (*tỷ lệ*) as exact counts, turned into percentages with an explicit rounding.

A [`Rate`][tthc.indicators.Rate] is a numerator over a denominator, both whole counts, turned
into a percentage with an explicit rounding ([`RoundingMode`][tthc.indicators.RoundingMode]):
half-up by default, truncation or half-even on request. The rounding is exact for any counts.
[`format_percent`][tthc.indicators.format_percent] shows a rate (or "N/A" for a zero
denominator) and [`parse_percent`][tthc.indicators.parse_percent] reads a printed one.

Examples:
    >>> rate = Rate(211, 706)
    >>> rate.percent(), rate.percent(places=1, rounding=RoundingMode.DOWN)
    (Decimal('29.89'), Decimal('29.8'))

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document ("Mô tả công thức tính chỉ số
    766"): percentages rounded to 2 decimals; a zero denominator is shown as 0 or N/A
    (research notes ``vn_legal.md`` §6.2, CONFIRMED (secondary)).
"""

from __future__ import annotations

import decimal
import enum
import fractions
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Self, SupportsIndex

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Rate", "RoundingMode", "format_percent", "parse_percent"]

#: Most decimal places a percentage may be rounded to (far beyond any published figure).
MAX_PLACES: Final = 100
_HUNDRED: Final = 100
_ALL_DECIMAL_MODES: Final = frozenset(
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


class RoundingMode(enum.Enum):
    """A way of rounding a percentage to the published number of decimals (*làm tròn*).

    The values are the `decimal` module's constants, so ``mode.value`` can be passed wherever
    `decimal` expects a rounding. Percentages are never negative here, so ``ROUND_FLOOR`` and
    ``ROUND_UP`` would repeat ``DOWN`` and ``CEILING`` and are left out.

    Examples:
        >>> RoundingMode.DOWN.label
        'truncation'
        >>> RoundingMode("ROUND_HALF_UP") is RoundingMode.HALF_UP
        True
    """

    #: Half-up: 29.85 → 29.9 (what people learn at school; the default of `Rate.percent`).
    HALF_UP = decimal.ROUND_HALF_UP
    #: Half-even (banker's rounding): 29.85 → 29.8, 29.95 → 30.0.
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    #: Half-down: 29.85 → 29.8.
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    #: Truncation: digits beyond the last published one are dropped (29.887 → 29.8).
    DOWN = decimal.ROUND_DOWN
    #: Ceiling: any remainder rounds up (29.801 → 29.9).
    CEILING = decimal.ROUND_CEILING

    @property
    def label(self) -> str:
        """A short English name, as used in explanations ("half-up", "truncation")."""
        return _MODE_LABELS[self]


_MODE_LABELS: Final[dict[RoundingMode, str]] = {
    RoundingMode.HALF_UP: "half-up",
    RoundingMode.HALF_EVEN: "half-even",
    RoundingMode.HALF_DOWN: "half-down",
    RoundingMode.DOWN: "truncation",
    RoundingMode.CEILING: "ceiling",
}


def _rounding(field: str, rounding: object) -> str:
    if isinstance(rounding, RoundingMode):
        return rounding.value
    if isinstance(rounding, str) and rounding in _ALL_DECIMAL_MODES:
        return rounding
    raise InvalidValueError(
        field,
        rounding,
        "a RoundingMode or a decimal rounding constant such as decimal.ROUND_HALF_UP",
    )


def _places(field: str, places: object, limit: int = MAX_PLACES) -> int:
    if type(places) is not int or not 0 <= places <= limit:
        raise InvalidValueError(
            field, places, f"a whole number of decimal places from 0 to {limit}"
        )
    return places


def _round_ratio(num: int, den: int, places: int, rounding: str) -> Decimal:
    """Return ``num / den`` (both >= 0, den > 0) rounded to ``places`` decimals, exactly.

    Every `decimal` rounding depends only on the truncated digits and on whether the remainder
    is zero, below, at or above one half. So the remainder is replaced by a quarter that keeps
    that comparison (0, 1/4, 1/2 or 3/4), and `decimal` rounds that exact value: no division is
    ever done at a limited precision.
    """
    quotient, remainder = divmod(num * 10**places, den)
    twice = 2 * remainder
    if remainder == 0:
        quarter = 0
    elif twice < den:
        quarter = 1
    elif twice == den:
        quarter = 2
    else:
        quarter = 3
    with decimal.localcontext() as ctx:
        ctx.prec = len(str(quotient)) + 8
        exact = (Decimal(4 * quotient + quarter) / 4).scaleb(-places)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _check_numerator(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a whole number >= 0 (an int, not a bool or a float)"
        )


def _check_denominator(instance: Rate, attribute: Any, value: Any) -> None:
    # Last field: the check across both counts lives here.
    if type(value) is not int or value <= 0:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a whole number > 0 (an int); for a possibly empty denominator use "
            "Rate.or_none(), which gives None (N/A) when it is 0",
        )
    if instance.numerator > value:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"a whole number >= the numerator {instance.numerator}"
        )


@attrs.frozen
class Rate:
    """A rate (*tỷ lệ*): a count over a count, such as dossiers on time over dossiers finished.

    Both counts are whole numbers with ``0 <= numerator <= denominator`` and
    ``denominator > 0``. A rate whose denominator may be zero (no dossier in the period) is
    "not applicable" rather than a rate: build it with [`Rate.or_none`][tthc.indicators.Rate.or_none],
    which returns ``None`` then, and show it with
    [`format_percent`][tthc.indicators.format_percent] ("N/A").

    ``==`` compares the counts (211/706 and 422/1412 are different reports), while ``<``,
    ``<=``, ``>`` and ``>=`` compare the values. ``+`` pools two rates by adding their counts.

    Attributes:
        numerator: The counted items (*tử số*).
        denominator: The items counted over (*mẫu số*).

    Examples:
        >>> import decimal
        >>> r = Rate(211, 706)
        >>> str(r)
        '211/706 (29.89 %)'
        >>> r.percent(places=1), r.percent(places=1, rounding=decimal.ROUND_DOWN)
        (Decimal('29.9'), Decimal('29.8'))
        >>> r.fraction
        Fraction(211, 706)
        >>> Rate(1, 4) + Rate(3, 4)
        Rate(numerator=4, denominator=8)
        >>> Rate(1, 3) < Rate(1, 2), Rate(1, 2) == Rate(2, 4)
        (True, False)
        >>> Rate(3, 2)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Rate.denominator: expected a whole number >= the numerator 3, got 2

    References:
        Decision 766/QĐ-TTg, technical formula document: rates as percentages rounded to
        2 decimals; "if the denominator is 0, show 0 or N/A" (research notes ``vn_legal.md``
        §6.2).
    """

    numerator: int = attrs.field(converter=_v.to_int, validator=_check_numerator)
    denominator: int = attrs.field(converter=_v.to_int, validator=_check_denominator)

    @classmethod
    def or_none(cls, numerator: SupportsIndex, denominator: SupportsIndex) -> Self | None:
        """Return the rate, or ``None`` (not applicable, N/A) when the denominator is 0.

        Args:
            numerator: The counted items; must be 0 when the denominator is 0.
            denominator: The items counted over, possibly 0.

        Returns:
            The rate, or ``None`` when there is nothing to count over.

        Raises:
            InvalidValueError: A count is not a whole number, or the numerator is not 0 over a
                zero denominator.

        Examples:
            >>> Rate.or_none(0, 0) is None
            True
            >>> Rate.or_none(3, 4)
            Rate(numerator=3, denominator=4)
        """
        den = _v.to_int(denominator)
        if type(den) is int and den == 0:
            num = _v.to_int(numerator)
            if type(num) is not int or num != 0:
                raise InvalidValueError("Rate.numerator", numerator, "0 when the denominator is 0")
            return None
        return cls(numerator, denominator)

    @classmethod
    def pooled(cls, rates: Iterable[Rate]) -> Self | None:
        """Pool rates by adding their counts (the rate of the union), ``None`` if there are none.

        Examples:
            >>> Rate.pooled([Rate(1, 2), Rate(2, 3)])
            Rate(numerator=3, denominator=5)
            >>> Rate.pooled([]) is None
            True
        """
        num = den = 0
        for rate in rates:
            if not isinstance(rate, Rate):
                raise InvalidValueError("Rate.pooled(rates)", rate, "an iterable of Rate")
            num += rate.numerator
            den += rate.denominator
        return cls(num, den) if den else None

    @property
    def fraction(self) -> fractions.Fraction:
        """The exact value as a fraction in lowest terms (between 0 and 1)."""
        return fractions.Fraction(self.numerator, self.denominator)

    @property
    def complement(self) -> Rate:
        """The rate of the items not counted: ``(denominator - numerator) / denominator``."""
        return Rate(self.denominator - self.numerator, self.denominator)

    def as_decimal(
        self, places: int = 4, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """Return the value between 0 and 1, rounded to ``places`` decimals.

        Args:
            places: Decimals to keep (0 to 100).
            rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant.

        Raises:
            InvalidValueError: ``places`` or ``rounding`` is not valid.

        Examples:
            >>> Rate(211, 706).as_decimal()
            Decimal('0.2989')
        """
        return _round_ratio(
            self.numerator,
            self.denominator,
            _places("Rate.as_decimal(places)", places),
            _rounding("Rate.as_decimal(rounding)", rounding),
        )

    def percent(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """Return the percentage, rounded to ``places`` decimals (half-up by default).

        The rounding is exact for any counts: the value is never divided at a limited precision
        first, so truncation cannot be fooled by a long run of nines.

        Args:
            places: Decimals to keep (0 to 100); published figures use 1 or 2.
            rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant
                (``decimal.ROUND_DOWN`` truncates, as some reports do).

        Returns:
            The percentage, with exactly ``places`` decimals.

        Raises:
            InvalidValueError: ``places`` or ``rounding`` is not valid.

        Examples:
            >>> import decimal
            >>> Rate(211, 706).percent()
            Decimal('29.89')
            >>> Rate(211, 706).percent(places=1, rounding=decimal.ROUND_DOWN)
            Decimal('29.8')
            >>> Rate(1, 8).percent(places=1, rounding=RoundingMode.HALF_EVEN)
            Decimal('12.5')
            >>> Rate(1, 8).percent(places=0, rounding=RoundingMode.HALF_EVEN)
            Decimal('12')
        """
        return _round_ratio(
            _HUNDRED * self.numerator,
            self.denominator,
            _places("Rate.percent(places)", places),
            _rounding("Rate.percent(rounding)", rounding),
        )

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} ({self.percent()} %)"

    def __add__(self, other: object) -> Rate:
        if not isinstance(other, Rate):
            return NotImplemented
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)

    def _cross(self, other: Rate) -> tuple[int, int]:
        return self.numerator * other.denominator, other.numerator * self.denominator

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        a, b = self._cross(other)
        return a < b

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        a, b = self._cross(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        a, b = self._cross(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Rate):
            return NotImplemented
        a, b = self._cross(other)
        return a >= b


def format_percent(
    rate: Rate | None,
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    *,
    not_applicable: str = "N/A",
) -> str:
    """Show a rate as a percentage ("29.89 %"), or ``not_applicable`` when it is ``None``.

    Args:
        rate: The rate, or ``None`` for a zero denominator (see
            [`Rate.or_none`][tthc.indicators.Rate.or_none]).
        places: Decimals to keep.
        rounding: How to round.
        not_applicable: The text for ``None``: "N/A" by default; Decision 766 reports may
            show "0" instead.

    Examples:
        >>> format_percent(Rate(211, 706)), format_percent(Rate.or_none(0, 0))
        ('29.89 %', 'N/A')
    """
    if rate is None:
        return not_applicable
    return f"{rate.percent(places, rounding)} %"


_PERCENT_RE: Final = re.compile(r"\s*(\d{1,3})(?:[.,](\d+))?\s*%?\s*")


def parse_percent(text: str | Decimal) -> Decimal:
    """Read a published percentage, keeping its precision: ``"29,8 %"`` → ``Decimal('29.8')``.

    A comma or a dot may separate the decimals (Vietnamese texts use the comma); the percent
    sign and spaces are optional. Trailing zeros are kept, because they say how precise the
    figure is (``"74.20 %"`` has two decimals).

    Args:
        text: The figure as printed, or a `Decimal` (returned as it is once checked).

    Returns:
        The percentage, between 0 and 100.

    Raises:
        InvalidValueError: The text is not a percentage between 0 and 100.

    Examples:
        >>> parse_percent("29,8 %"), parse_percent("74.20%"), parse_percent(Decimal("15.51"))
        (Decimal('29.8'), Decimal('74.20'), Decimal('15.51'))
    """
    expected = "a percentage from 0 to 100 such as '29.8 %', '29,8%' or Decimal('29.8')"
    if isinstance(text, Decimal):
        if not text.is_finite() or not 0 <= text <= _HUNDRED:
            raise InvalidValueError("parse_percent(text)", text, expected)
        return text
    if not isinstance(text, str):
        raise InvalidValueError("parse_percent(text)", text, expected)
    match = _PERCENT_RE.fullmatch(unicodedata.normalize("NFC", text))
    if match is None:
        raise InvalidValueError("parse_percent(text)", text, expected)
    whole, decimals = match.groups()
    value = Decimal(f"{whole}.{decimals}" if decimals else whole)
    if value > _HUNDRED:
        raise InvalidValueError("parse_percent(text)", text, expected)
    return value
