"""Rates (*tỷ lệ*) and the figures that public-service reports publish, checked exactly.

A [`Rate`][tthc.indicators.Rate] is a numerator over a denominator, both whole counts, turned
into a percentage with an explicit rounding: half-up by default, truncation or half-even on
request. The reports that administrative-reform bodies publish round their figures in different
ways, so [`check_claim`][tthc.indicators.check_claim] and
[`check_figures`][tthc.indicators.check_figures] say which rounding (if any) reproduces a
published figure, and what counts it would take when a count is missing or approximate.
[`hanoi_2023`][tthc.indicators.hanoi_2023] ships the figures of a Hà Nội 2023 report as an
example data set.

The coverage, timeliness and digitisation counts below take plain inputs (counts, or iterables of
small records), so that procedure catalogues and dossier tables can feed them.

Examples:
    >>> import decimal
    >>> from tthc.indicators import Rate, check_claim
    >>> Rate(211, 706).percent()
    Decimal('29.89')
    >>> Rate(211, 706).percent(places=1, rounding=decimal.ROUND_DOWN)
    Decimal('29.8')
    >>> check = check_claim(211, 706, "29,8 %")
    >>> check.verdict.value, [m.label for m in check.matching_modes]
    ('consistent', ['truncation'])

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document ("Mô tả công thức tính chỉ số
    766"): percentages rounded to 2 decimals; a zero denominator is shown as 0 or N/A
    (research notes ``vn_legal.md`` §6.2, CONFIRMED (secondary)).
"""

from __future__ import annotations

import decimal
import enum
import fractions
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Self, SupportsIndex

import attrs

from tthc import _validators as _v
from tthc._files import read_json
from tthc.errors import InvalidValueError, LoadError

if TYPE_CHECKING:
    import os
    from importlib.resources.abc import Traversable

__all__ = [
    "DEFAULT_MODES",
    "DigitisationCounts",
    "FigureCheck",
    "FigureSet",
    "FigureSetCheck",
    "ModeOutcome",
    "OnlineCoverage",
    "ProcedureOnline",
    "PublishedFigure",
    "Rate",
    "RoundingMode",
    "TimelinessCounts",
    "Verdict",
    "check_claim",
    "check_figure",
    "check_figures",
    "digitisation_counts",
    "format_percent",
    "hanoi_2023",
    "load_figures",
    "online_coverage",
    "parse_percent",
    "timeliness_counts",
]

#: Most decimal places a percentage may be rounded to (far beyond any published figure).
MAX_PLACES: Final = 100
#: Most decimal places a published figure may carry (the checks scan denominators up to
#: 10 ** (places + 2), so this bounds their cost).
MAX_PUBLISHED_PLACES: Final = 4
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

#: The roundings a published figure is checked against by default: half-up, half-even,
#: truncation and ceiling.
DEFAULT_MODES: Final[tuple[RoundingMode, ...]] = (
    RoundingMode.HALF_UP,
    RoundingMode.HALF_EVEN,
    RoundingMode.DOWN,
    RoundingMode.CEILING,
)


# --- exact rounding ----------------------------------------------------------------------------


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


def _to_int(value: SupportsIndex) -> int:
    """Converter: numpy and other integer types to ``int`` (lossless); others unchanged."""
    if type(value) is int or isinstance(value, bool):
        return value
    index = getattr(type(value), "__index__", None)
    if index is None:
        return value  # type: ignore[return-value]  # the validator refuses it
    try:
        return int(index(value))
    except TypeError:  # numpy.bool_ has __index__ but refuses it
        return value  # type: ignore[return-value]  # the validator refuses it


def _grouped(n: int) -> str:
    return f"{n:,}"


# --- Rate --------------------------------------------------------------------------------------


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

    numerator: int = attrs.field(converter=_to_int, validator=_check_numerator)
    denominator: int = attrs.field(converter=_to_int, validator=_check_denominator)

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
        den = _to_int(denominator)
        if type(den) is int and den == 0:
            num = _to_int(numerator)
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


# --- published figures -------------------------------------------------------------------------

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


def _decimals_of(value: object) -> int:
    if not isinstance(value, Decimal):  # the validator of ``published`` reports it
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _check_published(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= _HUNDRED:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a decimal.Decimal percentage from 0 to 100"
        )


def _check_figure_places(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if type(value) is not int or not 0 <= value <= MAX_PUBLISHED_PLACES:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"a whole number of decimals from 0 to {MAX_PUBLISHED_PLACES}",
        )
    if _decimals_of(instance.published) > value:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"at least the {_decimals_of(instance.published)} decimals of {instance.published}",
        )


def _check_optional_count(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a whole number >= 0"
        )


def _check_figure_denominator(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not int or value <= 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None (not published) or a whole number > 0"
        )
    if instance.numerator is not None and instance.numerator > value:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"a whole number >= the numerator {instance.numerator}"
        )


def _check_bound(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not int or value <= 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a whole number > 0"
        )
    if instance.denominator is not None:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None when the denominator is published exactly"
        )
    low = instance.denominator_min
    if attribute.name == "denominator_max" and low is not None and value < low:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"a whole number >= denominator_min {low}"
        )


def _parts_tuple(
    value: Iterable[tuple[str, int]] | Mapping[str, int],
) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((_v.nfc(k), _to_int(n)) for k, n in items)


def _check_parts(instance: object, attribute: Any, value: tuple[tuple[str, int], ...]) -> None:
    for label, count in value:
        if type(label) is not str or not label.strip() or type(count) is not int or count < 0:
            raise InvalidValueError.for_attribute(
                instance, attribute, (label, count), "(label, count) pairs with counts >= 0"
            )


@attrs.frozen(kw_only=True)
class PublishedFigure:
    """A percentage as a report published it (*số liệu công bố*), with the counts it gives.

    A count the report does not give is ``None``. A denominator known only roughly ("over
    4 million dossiers") is ``None`` with ``denominator_min`` and/or ``denominator_max``.

    Attributes:
        key: A short identifier, unique in its [`FigureSet`][tthc.indicators.FigureSet].
        label: What the figure measures, in words.
        published: The percentage as published (``Decimal('29.8')`` for "29,8 %").
        places: Decimals the figure was published with; by default those of ``published``.
        numerator: The count published for the numerator, if any.
        denominator: The count published for the denominator, if any.
        denominator_min: Lowest possible denominator when it is not published exactly.
        denominator_max: Highest possible denominator when it is not published exactly.
        parts: Published parts that add up to the numerator, as ``(label, count)`` pairs.
        source: Where the figure was published.
        notes: Remarks (what is uncertain, what the figure may refer to).

    Examples:
        >>> PublishedFigure(key="plans", label="Procedures with a plan", published=Decimal("29.8"),
        ...                 numerator=211, denominator=706).places
        1
    """

    key: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    label: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    published: Decimal = attrs.field(validator=_check_published)
    places: int = attrs.field(
        default=attrs.Factory(lambda self: _decimals_of(self.published), takes_self=True),
        validator=_check_figure_places,
    )
    numerator: int | None = attrs.field(default=None, validator=_check_optional_count)
    denominator: int | None = attrs.field(default=None, validator=_check_figure_denominator)
    denominator_min: int | None = attrs.field(default=None, validator=_check_bound)
    denominator_max: int | None = attrs.field(default=None, validator=_check_bound)
    parts: tuple[tuple[str, int], ...] = attrs.field(
        default=(), converter=_parts_tuple, validator=_check_parts
    )
    source: str = attrs.field(default="", converter=_v.nfc)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    @property
    def value(self) -> Decimal:
        """The published percentage with exactly ``places`` decimals."""
        return self.published.quantize(Decimal(1).scaleb(-self.places))

    @property
    def text(self) -> str:
        """The figure as text, such as ``'29.8 %'``."""
        return f"{self.value} %"


class Verdict(enum.Enum):
    """Whether a published figure agrees with its counts."""

    #: Both counts are published and some rounding of them gives the figure.
    CONSISTENT = "consistent"
    #: No rounding of the published counts gives the figure (or its parts do not add up).
    INCONSISTENT = "inconsistent"
    #: A count is missing or approximate: the figure cannot be confirmed, but some counts within
    #: what was published give it (they are listed in the check).
    UNVERIFIABLE = "unverifiable"


_Interval = tuple[int, int | None]


@attrs.frozen(kw_only=True)
class ModeOutcome:
    """What one rounding mode says about a published figure.

    Attributes:
        mode: The rounding mode.
        matches: Whether this rounding can give the published figure from the published counts
            (for a missing count: from some count within its published bounds).
        rounded: The published counts' percentage under this rounding, when both are known.
        numerators: The numerators that give the figure over the reference denominator
            (``FigureCheck.reference_denominator``), as an inclusive ``(low, high)``; ``None``
            when none does or there is no reference denominator.
        denominators: The denominators (within the published bounds) that give the figure with
            the published numerator, as ``(low, high)``, ``high`` being ``None`` when there is
            no upper limit; ``None`` when none does or the numerator is not published.
    """

    mode: RoundingMode
    matches: bool
    rounded: Decimal | None = None
    numerators: tuple[int, int] | None = None
    denominators: tuple[int, int | None] | None = None


# A band of exact percentages that round to a published value: (low, low included, high,
# high included).
_Band = tuple[fractions.Fraction, bool, fractions.Fraction, bool]


def _band(value: Decimal, places: int, mode: RoundingMode) -> _Band:
    p = fractions.Fraction(value)
    unit = fractions.Fraction(1, 10**places)
    half = unit / 2
    if mode is RoundingMode.DOWN:
        return p, True, p + unit, False
    if mode is RoundingMode.CEILING:
        return p - unit, False, p, True
    if mode is RoundingMode.HALF_UP:
        return p - half, True, p + half, False
    if mode is RoundingMode.HALF_DOWN:
        return p - half, False, p + half, True
    # HALF_EVEN: a tie goes to the even last digit, so both ends belong to an even value.
    even = int(p * 10**places) % 2 == 0
    return p - half, even, p + half, even


def _numerators(band: _Band, den: int) -> tuple[int, int] | None:
    low, low_in, high, high_in = band
    a = low * den / _HUNDRED
    b = high * den / _HUNDRED
    n_min = max(math.ceil(a) if low_in else math.floor(a) + 1, 0)
    n_max = min(math.floor(b) if high_in else math.ceil(b) - 1, den)
    return (n_min, n_max) if n_min <= n_max else None


def _denominators(band: _Band, num: int, d_min: int, d_max: int | None) -> _Interval | None:
    low, low_in, high, high_in = band
    d_min = max(d_min, num, 1)
    if num == 0:  # the percentage is 0 whatever the denominator
        zero_in = (low < 0 or (low == 0 and low_in)) and (high > 0 or (high == 0 and high_in))
        return (d_min, d_max) if zero_in and (d_max is None or d_min <= d_max) else None
    if high <= 0:
        return None
    c = _HUNDRED * num / high
    lo = math.ceil(c) if high_in else math.floor(c) + 1
    hi: int | None
    if low <= 0:
        hi = None
    else:
        e = _HUNDRED * num / low
        hi = math.floor(e) if low_in else math.ceil(e) - 1
    lo = max(lo, d_min)
    if d_max is not None:
        hi = d_max if hi is None else min(hi, d_max)
    return (lo, hi) if hi is None or lo <= hi else None


def _some_denominator(band: _Band, d_min: int, d_max: int | None, places: int) -> bool:
    # From 10 ** (places + 2) on, the band is at least one numerator wide, so it holds one.
    enough = 10 ** (places + 2) + 1
    d = d_min
    while d_max is None or d <= d_max:
        if d >= enough or _numerators(band, d) is not None:
            return True
        d += 1
    return False


def _interval_text(interval: _Interval) -> str:
    low, high = interval
    if high is None:
        return f"{_grouped(low)} or more"
    if low == high:
        return _grouped(low)
    return f"{_grouped(low)}\N{EN DASH}{_grouped(high)}"


def _by_interval(outcomes: Iterable[tuple[RoundingMode, _Interval | None]], total: int) -> str:
    groups: dict[str, list[str]] = {}
    for mode, interval in outcomes:
        if interval is not None:
            groups.setdefault(_interval_text(interval), []).append(mode.label)
    if len(groups) == 1 and len(next(iter(groups.values()))) == total:
        return f"{next(iter(groups))} (every rounding checked)"
    return "; ".join(f"{text} ({', '.join(modes)})" for text, modes in groups.items())


@attrs.frozen(kw_only=True)
class FigureCheck:
    """The result of checking one [`PublishedFigure`][tthc.indicators.PublishedFigure].

    Attributes:
        figure: The figure checked.
        verdict: Consistent, inconsistent or unverifiable.
        outcomes: One outcome per rounding mode checked, in the order given.
        reference_denominator: The denominator that ``numerators`` refer to: the published
            one, else the lowest possible one (``denominator_min``), else ``None``.
        problems: Each inconsistency found, in words (empty unless the verdict is
            ``INCONSISTENT``).
    """

    figure: PublishedFigure
    verdict: Verdict
    outcomes: tuple[ModeOutcome, ...]
    reference_denominator: int | None
    problems: tuple[str, ...] = ()

    @property
    def is_consistent(self) -> bool:
        """Whether the verdict is ``CONSISTENT`` (published counts reproduce the figure)."""
        return self.verdict is Verdict.CONSISTENT

    @property
    def matching_modes(self) -> tuple[RoundingMode, ...]:
        """The roundings that give the published figure (from some counts, if one is missing)."""
        return tuple(o.mode for o in self.outcomes if o.matches)

    @property
    def exact_percent(self) -> fractions.Fraction | None:
        """The exact percentage of the published counts, when both are published."""
        f = self.figure
        if f.numerator is None or f.denominator is None:
            return None
        return fractions.Fraction(_HUNDRED * f.numerator, f.denominator)

    def explain(self) -> str:
        """Return a few lines saying what was checked and what was found.

        Examples:
            >>> print(check_claim(211, 706, "29.8 %").explain())
            CONSISTENT claim: 29.8 % published
              counts: 211/706
              211/706 = 29.887 %; to 1 decimal: 29.9 half-up, 29.9 half-even, 29.8 truncation, 29.9 ceiling
              29.8 % is reproduced by truncation; not by half-up, half-even, ceiling
        """
        f = self.figure
        head = f"{self.verdict.name} {f.key}: {f.text} published"
        lines = [head if f.label == f.key else f"{head} \N{EM DASH} {f.label}"]
        lines += self._counts_lines()
        lines += self._rounding_lines()
        if self.verdict is not Verdict.CONSISTENT or self.exact_percent is None:
            lines += self._range_lines()
        lines += [f"  problem: {p}" for p in self.problems]
        lines += [f"  note: {n}" for n in f.notes]
        return "\n".join(lines)

    def _counts_lines(self) -> list[str]:
        f = self.figure
        num = "?" if f.numerator is None else _grouped(f.numerator)
        den = "?" if f.denominator is None else _grouped(f.denominator)
        counts = f"  counts: {num}/{den}"
        if f.denominator is None and (f.denominator_min or f.denominator_max):
            counts += f" (denominator {_bounds_text(f.denominator_min, f.denominator_max)})"
        lines = [counts]
        if f.parts:
            total_parts = sum(n for _, n in f.parts)
            sums = " + ".join(f"{_grouped(n)} {label}" for label, n in f.parts)
            ok = "matches" if total_parts == f.numerator else "does NOT match"
            lines.append(f"  parts: {sums} = {_grouped(total_parts)} ({ok} the numerator)")
        return lines

    def _rounding_lines(self) -> list[str]:
        f = self.figure
        modes = [o.mode for o in self.outcomes]
        exact = self.exact_percent
        if exact is None:
            lines = []
            if f.numerator is None:
                lines.append("  the numerator is not published")
            if f.denominator is None:
                lines.append("  the denominator is not published exactly")
            floor = 10 ** (f.places + 2)
            if f.numerator is None and f.denominator is None and (f.denominator_min or 1) > floor:
                lines.append(
                    f"  every denominator above {_grouped(floor)} admits a numerator that "
                    f"gives {f.text}, so these counts cannot refute it"
                )
            return lines
        shown = _round_ratio(exact.numerator, exact.denominator, f.places + 2, "ROUND_HALF_UP")
        rounded = ", ".join(f"{o.rounded} {o.mode.label}" for o in self.outcomes)
        decimals = "decimal" if f.places == 1 else "decimals"
        counts = f"{_grouped(f.numerator or 0)}/{_grouped(f.denominator or 0)}"
        lines = [f"  {counts} = {shown} %; to {f.places} {decimals}: {rounded}"]
        matching = self.matching_modes
        if not matching:
            lines.append(f"  no rounding checked gives {f.text}")
        elif len(matching) == len(modes):
            lines.append(f"  {f.text} is reproduced by every rounding checked")
        else:
            names = ", ".join(m.label for m in matching)
            others = ", ".join(m.label for m in modes if m not in matching)
            lines.append(f"  {f.text} is reproduced by {names}; not by {others}")
        return lines

    def _range_lines(self) -> list[str]:
        f = self.figure
        total = len(self.outcomes)
        lines = []
        ref = self.reference_denominator
        nums = [(o.mode, o.numerators) for o in self.outcomes]
        if ref is not None and any(i is not None for _, i in nums):
            text = _by_interval(((m, (i[0], i[1])) for m, i in nums if i), total)
            word = "over" if f.denominator is not None else "over the lowest denominator"
            lines.append(f"  numerators giving {f.text} {word} {_grouped(ref)}: {text}")
        dens = [(o.mode, o.denominators) for o in self.outcomes]
        if f.numerator is not None and any(i is not None for _, i in dens):
            text = _by_interval(dens, total)
            lines.append(f"  denominators giving {f.text} with {_grouped(f.numerator)}: {text}")
        return lines


def _bounds_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"between {_grouped(low)} and {_grouped(high)}"
    if low is not None:
        return f"{_grouped(low)} or more"
    return f"at most {_grouped(high or 0)}"


def _check_modes(modes: Iterable[RoundingMode]) -> tuple[RoundingMode, ...]:
    out = tuple(modes)
    if not out or not all(isinstance(m, RoundingMode) for m in out):
        raise InvalidValueError("modes", out, "one or more RoundingMode members")
    return out


def check_figure(
    figure: PublishedFigure, modes: Iterable[RoundingMode] = DEFAULT_MODES
) -> FigureCheck:
    """Check one published figure against its counts under each rounding mode.

    * Both counts published: the figure is consistent when some rounding of them gives it.
      The check also lists, for an inconsistent figure, the numerators over the published
      denominator and the denominators for the published numerator that would give it.
    * A count missing or approximate: the figure is unverifiable when some count within the
      published bounds gives it (the check lists which), inconsistent when none does.
    * Parts that do not add up to the numerator make the figure inconsistent too.

    Args:
        figure: The figure to check.
        modes: The roundings to try (default: half-up, half-even, truncation, ceiling).

    Returns:
        The check, which explains itself with ``explain()``.

    Raises:
        InvalidValueError: ``modes`` is empty or holds something else than a RoundingMode.

    Examples:
        >>> f = PublishedFigure(key="x", label="x", published=Decimal("74.2"),
        ...                     numerator=892, denominator=1191)
        >>> check_figure(f).verdict
        <Verdict.INCONSISTENT: 'inconsistent'>
    """
    modes = _check_modes(modes)
    f = figure
    num, den = f.numerator, f.denominator
    d_low = f.denominator_min or 1
    d_high = f.denominator_max
    reference = den if den is not None else f.denominator_min
    outcomes = []
    for mode in modes:
        band = _band(f.value, f.places, mode)
        numerators = _numerators(band, reference) if reference is not None else None
        if num is not None and den is not None:
            rounded = _round_ratio(_HUNDRED * num, den, f.places, mode.value)
            denominators = _denominators(band, num, 1, None)
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=rounded == f.value,
                    rounded=rounded,
                    numerators=numerators,
                    denominators=denominators,
                )
            )
        elif num is not None:
            denominators = _denominators(band, num, d_low, d_high)
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=denominators is not None,
                    numerators=numerators,
                    denominators=denominators,
                )
            )
        elif den is not None:
            outcomes.append(
                ModeOutcome(mode=mode, matches=numerators is not None, numerators=numerators)
            )
        else:
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=_some_denominator(band, d_low, d_high, f.places),
                    numerators=numerators,
                )
            )
    problems = []
    if f.parts and num is not None and sum(n for _, n in f.parts) != num:
        parts = " + ".join(_grouped(n) for _, n in f.parts)
        problems.append(
            f"the parts {parts} add up to {_grouped(sum(n for _, n in f.parts))}, "
            f"not to the numerator {_grouped(num)}"
        )
    matched = [o.mode.label for o in outcomes if o.matches]
    if not matched:
        tried = ", ".join(m.label for m in modes)
        if num is not None and den is not None:
            exact = _round_ratio(_HUNDRED * num, den, f.places + 2, "ROUND_HALF_UP")
            problems.append(
                f"{f.text} is not {_grouped(num)}/{_grouped(den)} = {exact} % under any "
                f"rounding checked ({tried})"
            )
        else:
            problems.append(
                f"no counts within those published give {f.text} under any rounding "
                f"checked ({tried})"
            )
    if problems:
        verdict = Verdict.INCONSISTENT
    elif num is not None and den is not None:
        verdict = Verdict.CONSISTENT
    else:
        verdict = Verdict.UNVERIFIABLE
    return FigureCheck(
        figure=f,
        verdict=verdict,
        outcomes=tuple(outcomes),
        reference_denominator=reference,
        problems=tuple(problems),
    )


def check_claim(
    numerator: int | None,
    denominator: int | None,
    published: str | Decimal,
    *,
    places: int | None = None,
    modes: Iterable[RoundingMode] = DEFAULT_MODES,
) -> FigureCheck:
    """Check a claim "numerator / denominator = published %": is it consistent, and how rounded?

    Args:
        numerator: The published numerator, or ``None`` if not published.
        denominator: The published denominator, or ``None`` if not published.
        published: The percentage as printed (``"29,8 %"``) or as a `Decimal`.
        places: Decimals it was published with; by default those written in ``published``
            (``"74.20 %"`` has two).
        modes: The roundings to try (default: half-up, half-even, truncation, ceiling).

    Returns:
        The check; ``verdict``, ``matching_modes`` and ``explain()`` say what was found.

    Raises:
        InvalidValueError: A count or the percentage is not valid.

    Examples:
        >>> check_claim(211, 706, "29.8 %").matching_modes
        (<RoundingMode.DOWN: 'ROUND_DOWN'>,)
        >>> check_claim(892, 1191, "74.2 %").verdict.value
        'inconsistent'
        >>> check_claim(28, 124, "22.6 %").matching_modes
        (<RoundingMode.HALF_UP: 'ROUND_HALF_UP'>, <RoundingMode.HALF_EVEN: 'ROUND_HALF_EVEN'>, <RoundingMode.CEILING: 'ROUND_CEILING'>)
    """
    value = parse_percent(published)
    options: dict[str, Any] = {}
    if places is not None:
        options["places"] = places
    figure = PublishedFigure(
        key="claim",
        label="claim",
        published=value,
        numerator=numerator,
        denominator=denominator,
        **options,
    )
    return check_figure(figure, modes)


# --- figure sets -------------------------------------------------------------------------------


def _figures_tuple(value: Iterable[PublishedFigure]) -> tuple[PublishedFigure, ...]:
    return tuple(value)


def _check_figures(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, PublishedFigure):
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "PublishedFigure items"
            )
        if item.key in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, item.key, "figures with distinct keys"
            )
        seen.add(item.key)


@attrs.frozen(kw_only=True)
class FigureSet:
    """The figures one report published (*số liệu báo cáo*), with the report's citation.

    Attributes:
        title: What the set is (the report, as far as it is known).
        source: The citation: where the figures were read. Unknown parts are said to be
            unknown, never guessed.
        figures: The figures.
        notes: Remarks on the set as a whole.
    """

    title: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    source: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    figures: tuple[PublishedFigure, ...] = attrs.field(
        converter=_figures_tuple, validator=_check_figures
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    def figure(self, key: str) -> PublishedFigure:
        """Return the figure with this key.

        Raises:
            InvalidValueError: No figure has that key.
        """
        for f in self.figures:
            if f.key == key:
                return f
        keys = ", ".join(repr(f.key) for f in self.figures)
        raise InvalidValueError("FigureSet.figure(key)", key, f"one of {keys}")

    def check(self, modes: Iterable[RoundingMode] = DEFAULT_MODES) -> FigureSetCheck:
        """Check every figure: see [`check_figures`][tthc.indicators.check_figures]."""
        return check_figures(self, modes)


@attrs.frozen(kw_only=True)
class FigureSetCheck:
    """Every figure of a set checked, and the inconsistencies found.

    Attributes:
        title: The set's title.
        source: The set's citation.
        checks: One check per figure, in the set's order.
    """

    title: str
    source: str
    checks: tuple[FigureCheck, ...]

    @property
    def inconsistent(self) -> tuple[FigureCheck, ...]:
        """The checks whose verdict is ``INCONSISTENT``."""
        return tuple(c for c in self.checks if c.verdict is Verdict.INCONSISTENT)

    @property
    def unverifiable(self) -> tuple[FigureCheck, ...]:
        """The checks whose verdict is ``UNVERIFIABLE``."""
        return tuple(c for c in self.checks if c.verdict is Verdict.UNVERIFIABLE)

    @property
    def common_modes(self) -> tuple[RoundingMode, ...]:
        """The roundings that reproduce every consistent figure (with both counts published).

        Empty when the consistent figures need different roundings: the report then did not
        round all its figures the same way (or one of them is a typo).
        """
        consistent = [c for c in self.checks if c.verdict is Verdict.CONSISTENT]
        if not consistent:
            return ()
        first = consistent[0].matching_modes
        return tuple(m for m in first if all(m in c.matching_modes for c in consistent))

    @property
    def problems(self) -> tuple[str, ...]:
        """Every inconsistency found, one line each, figure by figure then across figures."""
        out = [f"{c.figure.key}: {p}" for c in self.checks for p in c.problems]
        consistent = [c for c in self.checks if c.verdict is Verdict.CONSISTENT]
        if len(consistent) > 1 and not self.common_modes:
            needs = "; ".join(
                f"{c.figure.key} ({c.figure.text}) is reproduced only by "
                f"{', '.join(m.label for m in c.matching_modes)}"
                for c in consistent
            )
            out.append(f"across figures: no single rounding reproduces every figure: {needs}")
        return tuple(out)

    @property
    def is_consistent(self) -> bool:
        """Whether no inconsistency was found (unverifiable figures do not count as one)."""
        return not self.problems

    def explain(self) -> str:
        """Return the full report: a summary, every figure's check, then every problem."""
        counts = {v: sum(c.verdict is v for c in self.checks) for v in Verdict}
        lines = [
            self.title,
            f"Source: {self.source}",
            (
                f"{len(self.checks)} figures: {counts[Verdict.CONSISTENT]} consistent, "
                f"{counts[Verdict.INCONSISTENT]} inconsistent, "
                f"{counts[Verdict.UNVERIFIABLE]} unverifiable"
            ),
            "",
        ]
        for check in self.checks:
            lines += [check.explain(), ""]
        if self.problems:
            lines.append("Inconsistencies:")
            lines += [f"- {p}" for p in self.problems]
        else:
            lines.append("No inconsistency found.")
        return "\n".join(lines)


def check_figures(
    figures: FigureSet | Iterable[PublishedFigure],
    modes: Iterable[RoundingMode] = DEFAULT_MODES,
) -> FigureSetCheck:
    """Check every figure of a data set and report every inconsistency.

    Each figure is checked with [`check_figure`][tthc.indicators.check_figure]. Across figures,
    the check also says when no single rounding reproduces every consistent figure.

    Args:
        figures: A [`FigureSet`][tthc.indicators.FigureSet] or any iterable of figures.
        modes: The roundings to try.

    Returns:
        The checks, with ``problems`` listing every inconsistency.

    Examples:
        >>> report = check_figures(hanoi_2023())
        >>> [c.figure.key for c in report.inconsistent]
        ['online-services']
        >>> report.common_modes
        ()
    """
    if isinstance(figures, FigureSet):
        title, source, items = figures.title, figures.source, figures.figures
    else:
        title, source, items = "Published figures", "not given", tuple(figures)
    modes = _check_modes(modes)
    return FigureSetCheck(
        title=title, source=source, checks=tuple(check_figure(f, modes) for f in items)
    )


_SET_KEYS: Final = {"format", "title", "source", "notes", "figures"}
_FIGURE_KEYS: Final = {
    "key",
    "label",
    "published",
    "numerator",
    "denominator",
    "denominator_min",
    "denominator_max",
    "parts",
    "source",
    "notes",
}
FIGURES_FORMAT: Final = "tthc.figures/1"


def _figure_set_from(data: object, source: str) -> FigureSet:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise LoadError(source, ["$: expected a JSON object"])
    if data.get("format") != FIGURES_FORMAT:
        problems.append(f"$.format: expected {FIGURES_FORMAT!r}, got {data.get('format')!r}")
    problems += [f"$.{k}: unknown key" for k in sorted(set(data) - _SET_KEYS)]
    figures = []
    raw = data.get("figures")
    if not isinstance(raw, list):
        problems.append("$.figures: expected a list of figures")
        raw = []
    for i, item in enumerate(raw):
        where = f"$.figures[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object")
            continue
        unknown = sorted(set(item) - _FIGURE_KEYS)
        problems += [f"{where}.{k}: unknown key" for k in unknown]
        try:
            options = {k: v for k, v in item.items() if k in _FIGURE_KEYS}
            options["published"] = parse_percent(item.get("published", ""))
            options["parts"] = options.get("parts") or {}
            options["notes"] = options.get("notes") or ()
            figures.append(PublishedFigure(**options))
        except (InvalidValueError, TypeError) as exc:
            problems.append(f"{where}: {exc}")
    try:
        result = FigureSet(
            title=data.get("title", ""),
            source=data.get("source", ""),
            figures=figures,
            notes=data.get("notes") or (),
        )
    except InvalidValueError as exc:
        problems.append(f"$: {exc}")
    if problems:
        raise LoadError(source, problems)
    return result


def load_figures(path: str | os.PathLike[str] | Traversable) -> FigureSet:
    """Load a set of published figures from a JSON file (format ``tthc.figures/1``).

    The file holds ``title``, ``source``, optional ``notes`` and ``figures``: a list of objects
    with the fields of [`PublishedFigure`][tthc.indicators.PublishedFigure], ``published``
    written as printed (``"29,8 %"``) and ``parts`` as an object of label → count. The shipped
    ``data/hanoi_2023_figures.json`` is an example.

    Args:
        path: The file.

    Returns:
        The figure set.

    Raises:
        LoadError: The file is not valid; every problem is listed at once.
    """
    data = read_json(path)
    return _figure_set_from(data, str(path))


@functools.cache
def hanoi_2023() -> FigureSet:
    """The figures of the Hà Nội 2023 administrative-reform report, as an example data set.

    The figures are those quoted in the project brief from its source article (a Hà Nội 2023
    report on administrative reform); the arithmetic is in the research notes ``vn_legal.md``
    §0. The report's title, date, issuing document and address are not known to the project:
    the data file says so rather than guess them.

    Returns:
        The five published figures, with their counts.

    Examples:
        >>> s = hanoi_2023()
        >>> [f.text for f in s.figures]
        ['74.2 %', '29.8 %', '22.6 %', '99.74 %', '15.51 %']
        >>> s.figure("simplification-plans").numerator
        211
    """
    path = resources.files("tthc").joinpath("data/hanoi_2023_figures.json")
    return load_figures(path)


# --- coverage, timeliness and digitisation counts ----------------------------------------------

# Names accepted for the two online service levels (Decree 42/2022/NĐ-CP), in English and in
# Vietnamese: "toàn trình" (full, end to end) and "một phần" (partial).
_FULL_NAMES: Final = frozenset({"full", "toàn trình", "toan_trinh"})
_PARTIAL_NAMES: Final = frozenset({"partial", "một phần", "mot_phan"})


def _level_name(level: object) -> str | None:
    """Return "full" or "partial" for a level given as text or as an enum member."""
    candidates = [level]
    if isinstance(level, enum.Enum):
        candidates = [level.name, level.value]
    for c in candidates:
        if isinstance(c, str):
            text = unicodedata.normalize("NFC", c).strip().lower()
            if text in _FULL_NAMES:
                return "full"
            if text in _PARTIAL_NAMES:
                return "partial"
    return None


def _levels(value: Iterable[object] | str | enum.Enum) -> frozenset[str]:
    if isinstance(value, (str, enum.Enum)):
        value = (value,)
    out = set()
    for level in value:
        name = _level_name(level)
        out.add(name if name is not None else level)
    return frozenset(out)  # type: ignore[arg-type]  # the validator refuses non-names


def _check_levels(instance: object, attribute: Any, value: frozenset[object]) -> None:
    for level in value:
        if level not in {"full", "partial"}:
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                level,
                "'full' (toàn trình) or 'partial' (một phần), as text or as an enum member "
                "named FULL or PARTIAL",
            )


def _check_bool(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not bool:
        raise InvalidValueError.for_attribute(instance, attribute, value, "True or False")


@attrs.frozen
class ProcedureOnline:
    """The online public services (*dịch vụ công trực tuyến*) one procedure offers.

    Attributes:
        levels: The levels of its online services: ``"full"`` (*toàn trình*) and/or
            ``"partial"`` (*một phần*); empty when it has none. Enum members named ``FULL`` or
            ``PARTIAL`` are accepted too. A procedure with both is counted at the highest.
        eligible_for_full: Whether the national procedure database flags it as eligible for a
            full online service (*đủ điều kiện cung cấp DVCTT toàn trình*).

    Examples:
        >>> ProcedureOnline({"partial", "full"}, eligible_for_full=True).highest
        'full'
    """

    levels: frozenset[str] = attrs.field(converter=_levels, validator=_check_levels)
    eligible_for_full: bool = attrs.field(default=False, validator=_check_bool)

    @property
    def highest(self) -> str | None:
        """The highest level offered ("full" before "partial"), or ``None``."""
        if "full" in self.levels:
            return "full"
        if "partial" in self.levels:
            return "partial"
        return None


def _check_count(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a whole number >= 0")


def _check_at_most(instance: object, attribute: Any, value: int, limit: int, what: str) -> None:
    if value > limit:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"at most {what} ({limit})"
        )


@attrs.frozen(kw_only=True)
class OnlineCoverage:
    """Online public-service coverage of a procedure catalogue (*tỷ lệ TTHC cung cấp DVCTT*).

    Each procedure counts once, at the highest level it offers (Decision 766, indicator 3.1:
    a procedure with both a partial and a full service counts as full).

    Attributes:
        procedures: Procedures in the catalogue.
        full: Procedures whose highest online level is full (*toàn trình*).
        partial: Procedures whose highest online level is partial (*một phần*).
        eligible: Procedures flagged eligible for a full online service.
        full_eligible: Eligible procedures that do offer a full online service.

    Examples:
        >>> c = OnlineCoverage(procedures=10, full=3, partial=5, eligible=4, full_eligible=3)
        >>> str(c.online), str(c.full_of_eligible)
        ('8/10 (80.00 %)', '3/4 (75.00 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
        ``vn_legal.md`` §3.1 and §6.2, CONFIRMED (secondary)).
    """

    procedures: int = attrs.field(converter=_to_int, validator=_check_count)
    full: int = attrs.field(converter=_to_int, validator=_check_count)
    partial: int = attrs.field(converter=_to_int, validator=_check_count)
    eligible: int = attrs.field(converter=_to_int, validator=_check_count)
    full_eligible: int = attrs.field(converter=_to_int, validator=_check_count)

    @partial.validator
    def _partial_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.procedures - self.full, "procedures - full")

    @eligible.validator
    def _eligible_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.procedures, "procedures")

    @full_eligible.validator
    def _full_eligible_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(
            self, attribute, value, min(self.full, self.eligible), "min(full, eligible)"
        )

    @property
    def online(self) -> Rate | None:
        """Procedures with any online service over all procedures (``None`` if there are none)."""
        return Rate.or_none(self.full + self.partial, self.procedures)

    @property
    def full_share(self) -> Rate | None:
        """Procedures with a full online service over all procedures."""
        return Rate.or_none(self.full, self.procedures)

    @property
    def partial_share(self) -> Rate | None:
        """Procedures whose highest level is partial over all procedures."""
        return Rate.or_none(self.partial, self.procedures)

    @property
    def full_of_eligible(self) -> Rate | None:
        """Full online coverage: eligible procedures offered in full over eligible procedures."""
        return Rate.or_none(self.full_eligible, self.eligible)


def online_coverage(procedures: Iterable[ProcedureOnline]) -> OnlineCoverage:
    """Count a catalogue's online services, each procedure at its highest level.

    Args:
        procedures: One record per procedure.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An item is not a ProcedureOnline.

    Examples:
        >>> c = online_coverage([
        ...     ProcedureOnline({"full", "partial"}, eligible_for_full=True),
        ...     ProcedureOnline({"partial"}, eligible_for_full=True),
        ...     ProcedureOnline(()),
        ... ])
        >>> c.full, c.partial, str(c.full_of_eligible)
        (1, 1, '1/2 (50.00 %)')
    """
    total = full = partial = eligible = full_eligible = 0
    for p in procedures:
        if not isinstance(p, ProcedureOnline):
            raise InvalidValueError("online_coverage(procedures)", p, "ProcedureOnline items")
        total += 1
        highest = p.highest
        full += highest == "full"
        partial += highest == "partial"
        eligible += p.eligible_for_full
        full_eligible += p.eligible_for_full and highest == "full"
    return OnlineCoverage(
        procedures=total,
        full=full,
        partial=partial,
        eligible=eligible,
        full_eligible=full_eligible,
    )


@attrs.frozen(kw_only=True)
class TimelinessCounts:
    """Dossiers by timeliness (*hồ sơ trước hạn, đúng hạn, quá hạn*) in a reporting period.

    Finished dossiers are early, on time or late; dossiers not finished at the end of the period
    are within time or overdue.

    Attributes:
        early: Finished before the due date (*trước hạn*).
        on_time: Finished on the due date (*đúng hạn*).
        late: Finished after the due date (*quá hạn*).
        within_time: Not finished, due date not passed at the end of the period (*trong hạn*).
        overdue: Not finished, due date passed (*quá hạn*, in progress).

    Examples:
        >>> t = TimelinessCounts(early=90, on_time=8, late=2, within_time=5, overdue=1)
        >>> str(t.finished_on_time_rate), str(t.on_time_rate)
        ('98/100 (98.00 %)', '103/106 (97.17 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 2.1 (research notes
        ``vn_legal.md`` §2.3, CONFIRMED (secondary)).
    """

    early: int = attrs.field(default=0, converter=_to_int, validator=_check_count)
    on_time: int = attrs.field(default=0, converter=_to_int, validator=_check_count)
    late: int = attrs.field(default=0, converter=_to_int, validator=_check_count)
    within_time: int = attrs.field(default=0, converter=_to_int, validator=_check_count)
    overdue: int = attrs.field(default=0, converter=_to_int, validator=_check_count)

    @property
    def finished(self) -> int:
        """Dossiers finished in the period."""
        return self.early + self.on_time + self.late

    @property
    def unfinished(self) -> int:
        """Dossiers not finished at the end of the period."""
        return self.within_time + self.overdue

    @property
    def total(self) -> int:
        """All dossiers received or handled in the period."""
        return self.finished + self.unfinished

    @property
    def finished_on_time_rate(self) -> Rate | None:
        """Finished early or on time over finished: "resolved early or on time" figures."""
        return Rate.or_none(self.early + self.on_time, self.finished)

    @property
    def on_time_rate(self) -> Rate | None:
        """Decision 766 indicator 2.1: early, on time or within time, over all dossiers."""
        return Rate.or_none(self.early + self.on_time + self.within_time, self.total)

    def __add__(self, other: object) -> TimelinessCounts:
        if not isinstance(other, TimelinessCounts):
            return NotImplemented
        return TimelinessCounts(
            early=self.early + other.early,
            on_time=self.on_time + other.on_time,
            late=self.late + other.late,
            within_time=self.within_time + other.within_time,
            overdue=self.overdue + other.overdue,
        )


# Names accepted for each timeliness class, as text or as an enum member's name or value.
_TIMELINESS_NAMES: Final[dict[str, str]] = {
    "early": "early",
    # "before the deadline"
    "trước hạn": "early",
    "on_time": "on_time",
    "on time": "on_time",
    # "on the deadline"
    "đúng hạn": "on_time",
    "late": "late",
    "within_time": "within_time",
    "within time": "within_time",
    # "within the time limit" (not finished yet)
    "trong hạn": "within_time",
    "overdue": "overdue",
}


def _timeliness_name(value: object) -> str | None:
    candidates = [value.name, value.value] if isinstance(value, enum.Enum) else [value]
    for c in candidates:
        if isinstance(c, str):
            name = _TIMELINESS_NAMES.get(unicodedata.normalize("NFC", c).strip().lower())
            if name is not None:
                return name
    return None


def timeliness_counts(outcomes: Iterable[object]) -> TimelinessCounts:
    """Count dossiers by timeliness, one outcome per dossier.

    Args:
        outcomes: Each dossier's timeliness: ``"early"``, ``"on_time"``, ``"late"``,
            ``"within_time"`` or ``"overdue"`` (also "trước hạn", "đúng hạn", "trong hạn"), as
            text or as an enum member with one of those names or values (case ignored).
            "quá hạn" is refused because it means both late and overdue.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An outcome is not one of those names.

    Examples:
        >>> t = timeliness_counts(["early", "on_time", "late", "đúng hạn", "within_time"])
        >>> str(t.finished_on_time_rate), str(t.on_time_rate)
        ('3/4 (75.00 %)', '4/5 (80.00 %)')
    """
    counts = dict.fromkeys(("early", "on_time", "late", "within_time", "overdue"), 0)
    for outcome in outcomes:
        name = _timeliness_name(outcome)
        if name is None:
            raise InvalidValueError(
                "timeliness_counts(outcomes)",
                outcome,
                "'early', 'on_time', 'late', 'within_time' or 'overdue'",
            )
        counts[name] += 1
    return TimelinessCounts(**counts)


@attrs.frozen(kw_only=True)
class DigitisationCounts:
    """Dossiers digitised (*số hóa*) and reusing digitised data (*tái sử dụng*) in a period.

    Attributes:
        received: Dossiers received in the period (the denominator of both rates).
        digitised: Dossiers whose components were digitised and whose result was issued
            electronically (Decision 766 indicator 4.2).
        reused: Dossiers with at least one component reusing digitised data (indicator 4.3).

    Examples:
        >>> d = DigitisationCounts(received=200, digitised=150, reused=31)
        >>> str(d.digitisation_rate), str(d.reuse_rate)
        ('150/200 (75.00 %)', '31/200 (15.50 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicators 4.2 and 4.3 (research
        notes ``vn_legal.md`` §6.2, CONFIRMED (secondary)).
    """

    received: int = attrs.field(converter=_to_int, validator=_check_count)
    digitised: int = attrs.field(default=0, converter=_to_int, validator=_check_count)
    reused: int = attrs.field(default=0, converter=_to_int, validator=_check_count)

    @digitised.validator
    def _digitised_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.received, "received")

    @reused.validator
    def _reused_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.received, "received")

    @property
    def digitisation_rate(self) -> Rate | None:
        """Digitised over received (indicator 4.2), ``None`` when nothing was received."""
        return Rate.or_none(self.digitised, self.received)

    @property
    def reuse_rate(self) -> Rate | None:
        """Reusing digitised data over received (indicator 4.3), ``None`` if none received."""
        return Rate.or_none(self.reused, self.received)


def digitisation_counts(dossiers: Iterable[tuple[bool, bool]]) -> DigitisationCounts:
    """Count dossiers from ``(digitised, reused)`` flags, one pair per dossier received.

    Args:
        dossiers: For each dossier received: whether it was digitised (components and
            electronic result) and whether it reused digitised data.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An item is not a pair of booleans.

    Examples:
        >>> str(digitisation_counts([(True, False), (True, True), (False, False)]).reuse_rate)
        '1/3 (33.33 %)'
    """
    received = digitised = reused = 0
    for pair in dossiers:
        item: Any = pair
        if (
            not isinstance(item, tuple)
            or len(item) != 2  # noqa: PLR2004 - a pair
            or not all(type(flag) is bool for flag in item)
        ):
            raise InvalidValueError(
                "digitisation_counts(dossiers)", item, "(digitised, reused) pairs of booleans"
            )
        received += 1
        digitised += item[0]
        reused += item[1]
    return DigitisationCounts(received=received, digitised=digitised, reused=reused)
