"""The index's data model: indicators, groups, their kinds and the N/A policy (private).

See [`tthc.indicators.decision766`][tthc.indicators.decision766] for the index itself.
"""

from __future__ import annotations

import decimal
import enum
import fractions
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError
from tthc.indicators.rates import Rate, _round_ratio

if TYPE_CHECKING:
    from collections.abc import Iterable

FORMAT: Final = "tthc.index766/1"
#: The formats the loader reads: version 2 adds ``scope`` and ``not_applicable`` to indicators.
FORMATS: Final = frozenset({"tthc.index766/1", "tthc.index766/2"})
#: The kinds of unit an indicator can apply to (*phạm vi đánh giá*).
SCOPES: Final = frozenset({"ministry", "province", "commune"})
_DATA_FILES: Final = {"1": "data/index766.json", "2": "data/index766_v2.json"}
_HUNDRED: Final = 100
#: Decimals of the points shown (the formula document's display rule: 2 decimals).
PLACES: Final = 2
_QUANTUM: Final = Decimal(1).scaleb(-PLACES)
_ZERO_POINTS: Final = Decimal("0.00")


class IndicatorKind(enum.Enum):
    """What an indicator measures: a rate (scored) or an average (listed, not scored)."""

    #: A share, in percent: scored with the rate-and-threshold formula.
    RATE = "rate"
    #: An average (indicator 2.2, processing time): not a rate, not scored here.
    AVERAGE = "average"


def _certainty(value: Certainty | str) -> Certainty:
    return Certainty(value) if isinstance(value, str) else value


def _optional_certainty(value: Certainty | str | None) -> Certainty | None:
    return None if value is None else _certainty(value)


def _optional_decimal(value: Decimal | int | str | None) -> Decimal | None:
    # Lossless: ints and decimal text from the data file become Decimal; floats are refused by
    # the validator.
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value  # type: ignore[return-value]  # the validator refuses a bool
    if isinstance(value, (int, str)):
        try:
            return Decimal(value)
        except decimal.InvalidOperation:
            pass
    return value  # type: ignore[return-value]  # the validator refuses it


def _check_certainty(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Certainty):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a Certainty (confirmed, confirmed_secondary, uncertain)"
        )


def _check_threshold(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (
        not isinstance(value, Decimal) or not value.is_finite() or not 0 < value <= _HUNDRED
    ):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a percentage above 0 and at most 100"
        )


def _check_max(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (
        not isinstance(value, Decimal) or not value.is_finite() or value <= 0
    ):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None (not known) or a number of points above 0"
        )


def _check_label_for(what: str) -> Any:
    """Validator factory: a certainty is given exactly when the value ``what`` is given."""

    def check(instance: Indicator, attribute: Any, value: Any) -> None:
        given = getattr(instance, what) is not None
        if given and not isinstance(value, Certainty):
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"a Certainty, since {what} is given"
            )
        if not given and value is not None:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, f"None, since {what} is not given"
            )

    return check


class NotApplicablePolicy(enum.Enum):
    """How an indicator that is not applicable (a zero denominator, N/A) is scored.

    The formula document shows such an indicator as "0 or N/A" and says no more; the two
    readings are offered, and the default never turns a missing figure into a silent zero.
    """

    #: Leave it out: no points, and its maximum is not counted either (the default).
    EXCLUDE = "exclude"
    #: Count it as 0 points out of its maximum.
    ZERO = "zero"
    #: Count it as its full maximum (the portal in 2026: no feedback earns the feedback
    #: indicators' 6 points each).
    FULL = "full"
    #: Share its maximum among the indicators of its group that were scored, in proportion to
    #: their maxima (the reading of the portal's sheet text: "the points are split"); excluded
    #: when nothing else in its group was scored.
    REDISTRIBUTE = "redistribute"
    #: Apply each indicator's handling observed on the portal (data version 2's
    #: ``not_applicable``), and ``EXCLUDE`` where none was recorded.
    OBSERVED = "observed"


_OBSERVABLE: Final = frozenset(
    {NotApplicablePolicy.EXCLUDE, NotApplicablePolicy.ZERO, NotApplicablePolicy.FULL}
)


def _check_scope(instance: object, attribute: Any, value: frozenset[object]) -> None:
    for item in value:
        if item not in SCOPES:
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "'province', 'commune' or 'ministry'"
            )


def _check_observed(instance: object, attribute: Any, value: object) -> None:
    if value is not None and value not in _OBSERVABLE:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or one of 'exclude', 'zero', 'full'"
        )


def _na_policy(value: NotApplicablePolicy | str | None) -> NotApplicablePolicy | None:
    # Text from the data file becomes a member; anything else is left to the validator.
    return NotApplicablePolicy(value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Indicator:
    """One indicator (*chỉ số*) of the Decision 766 index, with its formula and its weight.

    Attributes:
        id: The indicator's number ("3.1").
        name: Its Vietnamese title, as in the technical formula document.
        name_en: An English name.
        formula: The formula, in English words.
        measure: A rate (scored) or an average (not scored).
        certainty: How well the title and formula are established.
        sources: Where the title and formula come from.
        threshold: The percentage at or above which the maximum is earned, if any.
        threshold_certainty: How well the threshold is established.
        max_points: The indicator's maximum points, ``None`` when not known.
        max_points_certainty: How well the maximum is established (uncertain for all of
            version 1).
        max_points_sources: Where the maximum comes from.
        notes: Remarks (conflicting sources, what is inferred).
        scope: The kinds of unit it applies to ("province", "commune", "ministry"); empty when
            the data does not restrict it.
        not_applicable: How the portal was observed to score it with a zero denominator, or
            ``None`` (used by ``NotApplicablePolicy.OBSERVED``).
    """

    id: str = attrs.field(validator=_v.non_blank)
    name: str = attrs.field(validator=_v.non_blank, converter=_v.nfc, repr=False)
    name_en: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    formula: str = attrs.field(validator=_v.non_blank, converter=_v.nfc, repr=False)
    measure: IndicatorKind = attrs.field(
        default=IndicatorKind.RATE, converter=IndicatorKind, validator=_v.member_of(IndicatorKind)
    )
    certainty: Certainty = attrs.field(converter=_certainty, validator=_check_certainty)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)
    threshold: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_check_threshold
    )
    threshold_certainty: Certainty | None = attrs.field(
        default=None, converter=_optional_certainty, validator=_check_label_for("threshold")
    )
    max_points: Decimal | None = attrs.field(
        default=None, converter=_optional_decimal, validator=_check_max
    )
    max_points_certainty: Certainty | None = attrs.field(
        default=None, converter=_optional_certainty, validator=_check_label_for("max_points")
    )
    max_points_sources: tuple[str, ...] = attrs.field(
        default=(), converter=_v.str_tuple, repr=False
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)
    scope: frozenset[str] = attrs.field(
        default=frozenset(), converter=frozenset, validator=_check_scope
    )
    not_applicable: NotApplicablePolicy | None = attrs.field(
        default=None,
        converter=_na_policy,
        validator=_check_observed,
    )

    def applies_to(self, scope: str | None) -> bool:
        """Whether the indicator applies to a kind of unit (``None``: to any)."""
        return scope is None or not self.scope or scope in self.scope

    @property
    def is_scored(self) -> bool:
        """Whether the indicator can be scored: a rate with a known maximum."""
        return self.measure is IndicatorKind.RATE and self.max_points is not None

    def points_exact(self, value: Rate | Decimal) -> fractions.Fraction:
        """Return the exact points for a rate (or a percentage), before rounding.

        Raises:
            InvalidValueError: The indicator is not scored, or the value is not a rate or a
                percentage from 0 to 100.
        """
        if self.measure is not IndicatorKind.RATE:
            raise InvalidValueError(
                f"Indicator({self.id}).points(value)",
                value,
                f"nothing: {self.id} is an {self.measure.value}, not a rate, and is not scored",
            )
        if self.max_points is None:
            raise InvalidValueError(
                f"Indicator({self.id}).points(value)",
                value,
                f"nothing: the maximum points of {self.id} are not known",
            )
        rate = _fraction_of(f"Indicator({self.id}).points(value)", value)
        top = fractions.Fraction(self.max_points)
        if self.threshold is None:
            return rate * top
        threshold = fractions.Fraction(self.threshold) / _HUNDRED
        return top if rate >= threshold else rate * top / threshold

    def points(self, value: Rate | Decimal) -> Decimal:
        """Return the points for a rate (or a percentage from 0 to 100), to 2 decimals half-up.

        ``max_points`` at or above the threshold, ``rate × max_points / threshold`` below it,
        and ``rate × max_points`` when there is no threshold. The rate is compared exactly, not
        after rounding: 79.996 % is below an 80 % threshold.

        Args:
            value: The indicator's rate, or its percentage as a `Decimal`.

        Returns:
            The points, with 2 decimals.

        Raises:
            InvalidValueError: The indicator is not scored (an average, or no known maximum),
                or the value is not a rate or a percentage from 0 to 100.

        Examples:
            >>> from tthc.indicators.rates import Rate, _round_ratio
            >>> from tthc.indicators.decision766 import index766
            >>> i = index766().indicator("4.3")
            >>> i.points(Rate(1551, 10000)), i.points(Decimal("85"))
            (Decimal('0.39'), Decimal('2.00'))
        """
        return _round_points(self.points_exact(value))


def _round_points(value: fractions.Fraction) -> Decimal:
    # Exact half-up rounding of a fraction (no division at a limited precision).
    return _round_ratio(value.numerator, value.denominator, PLACES, decimal.ROUND_HALF_UP)


def _fraction_of(field: str, value: object) -> fractions.Fraction:
    if isinstance(value, Rate):
        return value.fraction
    if isinstance(value, Decimal) and value.is_finite() and 0 <= value <= _HUNDRED:
        return fractions.Fraction(value) / _HUNDRED
    raise InvalidValueError(
        field, value, "a Rate, or a percentage as a decimal.Decimal from 0 to 100"
    )


def _indicators_tuple(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _check_indicators(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    for item in value:
        if not isinstance(item, Indicator):
            raise InvalidValueError.for_attribute(instance, attribute, item, "Indicator items")


@attrs.frozen(kw_only=True)
class IndicatorGroup:
    """A group (*nhóm chỉ số*) of the Decision 766 index and its maximum points.

    Attributes:
        id: The group's number ("1" to "5").
        name: Its Vietnamese name.
        name_en: An English name.
        max_points: The group's maximum (confirmed: 18, 20, 22, 22, 18).
        certainty: How well the maximum is established.
        sources: Where the group and its maximum come from.
        indicators: The group's indicators.
        notes: Remarks.
    """

    id: str = attrs.field(validator=_v.non_blank)
    name: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    name_en: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    max_points: int = attrs.field()
    certainty: Certainty = attrs.field(converter=_certainty, validator=_check_certainty)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicators_tuple, validator=_check_indicators
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    @max_points.validator
    def _check_group_max(self, attribute: Any, value: Any) -> None:
        if type(value) is not int or value <= 0:
            raise InvalidValueError.for_attribute(self, attribute, value, "a whole number > 0")

    @property
    def weighted_points(self) -> Decimal:
        """The sum of the known per-indicator maxima (may fall short of ``max_points``)."""
        known = [i.max_points for i in self.indicators if i.measure is IndicatorKind.RATE]
        return sum((m for m in known if m is not None), Decimal(0))
