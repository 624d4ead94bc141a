"""The Decision 766/QĐ-TTg service-quality index (*Bộ chỉ số phục vụ người dân, doanh nghiệp*).

Decision 766/QĐ-TTg (23/06/2022) scores how well a ministry or a province serves citizens and
businesses in administrative procedures, in real time, on 100 points: five groups (transparency
18, timeliness 20, online services 22, digitisation 22, satisfaction 18), each made of
indicators that are mostly rates. An indicator with a threshold earns its maximum at or above
the threshold, and ``rate × maximum / threshold`` below it; one without a threshold earns
``rate × maximum``.

The index is shipped as versioned data with a source and a certainty label for every fact.
**Version 1** (``data/index766.json``, the default) is Decision 766 as published in 2022.
**Version 2** (``data/index766_v2.json``, ``index766("2")``) is the index as the national public
service portal scores it in 2026: six groups (transparency 18, progress 20, online service 12,
digitisation 22, satisfaction 18, online payment 10), province and commune scope, and the
portal's observed handling of zero denominators; every figure of it is confirmed_secondary (a
third party's copy of the portal's scoring sheet and formulas fitted to its answers).

In version 1,  The groups and their maxima are confirmed; titles, formulas and thresholds
are confirmed by a secondary source; **every per-indicator maximum is uncertain** (one news
summary and one provincial implementation, no official table), so scores computed with them are
estimates, never official figures. Indicators whose maximum is not known are listed but not
scored.

    >>> [(g.id, g.max_points) for g in index766("2").groups]
    [('1', 18), ('2', 20), ('3', 12), ('4', 22), ('5', 18), ('6', 10)]

Examples:
    >>> from tthc.indicators.rates import Rate, _round_ratio
    >>> from tthc.indicators.decision766 import index766
    >>> idx = index766()
    >>> [(g.id, g.max_points) for g in idx.groups]
    [('1', 18), ('2', 20), ('3', 22), ('4', 22), ('5', 18)]
    >>> idx.indicator("3.1").points(Rate(60, 100))  # 60 % < 80 %: 60 × 2 / 80
    Decimal('1.50')
    >>> idx.indicator("3.1").max_points_certainty
    <Certainty.UNCERTAIN: 'uncertain'>

References:
    Decision 766/QĐ-TTg of 23/06/2022 (research notes ``vn_legal.md`` §6): groups and maxima
    CONFIRMED (sonoivu.namdinh.gov.vn, baocaotaichinh.vn, vietjack.me, thuviennhadat.vn);
    indicators, formulas and thresholds CONFIRMED (secondary) (the technical document "Mô tả
    công thức tính chỉ số 766"); per-indicator points UNCERTAIN. Version 2: the portal's scoring
    sheet "Công thức 766" (sheet METRICS) as published in the public repository
    ``ChippedTopaz/qd766`` with formulas fitted to the portal's answers of 26/9/2026
    (research notes ``law2026.md`` §C), CONFIRMED (secondary).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import fractions
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc._files import read_json
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError, shown
from tthc.indicators.rates import Rate, _round_ratio

if TYPE_CHECKING:
    import os
    from importlib.resources.abc import Traversable

__all__ = [
    "GroupScore",
    "Index766",
    "Indicator",
    "IndicatorGroup",
    "IndicatorKind",
    "IndicatorScore",
    "NotApplicablePolicy",
    "Score",
    "ScoreStatus",
    "index766",
    "load_index766",
]

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


class ScoreStatus(enum.Enum):
    """What happened to one indicator when an index was scored."""

    #: Scored from the value given.
    SCORED = "scored"
    #: The value was ``None`` (zero denominator): excluded, or 0, by the N/A policy.
    NOT_APPLICABLE = "not_applicable"
    #: A value was given but the indicator's maximum is not known: not scored.
    NO_WEIGHT = "no_weight"
    #: No value was given: not scored.
    NOT_GIVEN = "not_given"
    #: The indicator is an average (2.2), not a rate: not scored.
    NOT_A_RATE = "not_a_rate"
    #: The indicator does not apply to the kind of unit scored (a province-only row for a
    #: commune): not scored.
    OUT_OF_SCOPE = "out_of_scope"


@attrs.frozen(kw_only=True)
class IndicatorScore:
    """One indicator's part of a [`Score`][tthc.indicators.decision766.Score].

    Attributes:
        indicator: The indicator.
        status: Whether and how it was scored.
        value: The value given (a rate, a percentage, or ``None`` for N/A).
        points: The points earned, ``None`` when not scored or excluded.
        counted_max: The maximum counted against it (0 when it does not count).
    """

    indicator: Indicator
    status: ScoreStatus
    value: Rate | Decimal | None = None
    points: Decimal | None = None
    counted_max: Decimal = Decimal(0)

    @property
    def percent(self) -> Decimal | None:
        """The value as a percentage with 2 decimals (half-up), when one was given."""
        if isinstance(self.value, Rate):
            return self.value.percent(PLACES)
        if isinstance(self.value, Decimal):
            return self.value.quantize(_QUANTUM, rounding=decimal.ROUND_HALF_UP)
        return None

    def explain(self) -> str:
        """Return one line saying how the points were reached."""
        i = self.indicator
        return f"{i.id} {i.name_en}: {self._reason()}"

    def _reason(self) -> str:  # noqa: PLR0911 - one answer per status, flat
        i = self.indicator
        pct = self.percent
        top = _points_text(i.max_points) if i.max_points is not None else "?"
        certainty = i.max_points_certainty
        label = (
            f" (maximum {certainty.value.upper()})"
            if certainty is not None and certainty is not Certainty.CONFIRMED
            else ""
        )
        reasons = {
            ScoreStatus.NOT_A_RATE: f"an {i.measure.value}, not a rate: not scored",
            ScoreStatus.NOT_GIVEN: "no value given: not scored",
            ScoreStatus.NO_WEIGHT: f"{pct} %: not scored, no maximum known",
            ScoreStatus.OUT_OF_SCOPE: "does not apply to this kind of unit: not scored",
        }
        if self.status in reasons:
            return reasons[self.status]
        if self.status is ScoreStatus.NOT_APPLICABLE:
            if self.points is None:
                return "N/A (zero denominator): excluded, its maximum not counted"
            if self.points:
                return f"N/A (zero denominator): counted as full, {self.points} of {top} points{label}"
            return f"N/A (zero denominator): counted as 0 of {top} points{label}"
        if self.counted_max != i.max_points:
            return (
                f"{pct} %, its group's N/A maximum shared out: {self.points} of "
                f"{_points_text(self.counted_max)} points{label}"
            )
        got = f"{self.points} of {top} points{label}"
        if i.threshold is None:
            return f"{pct} % × {top} = {got}"
        t = _points_text(i.threshold)
        if self.value is not None and _fraction_of("value", self.value) * _HUNDRED >= i.threshold:
            return f"{pct} % ≥ {t} % → {got}"
        return f"{pct} % < {t} % → {pct} % × {top} / {t} % = {got}"


def _points_text(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value}"


@attrs.frozen(kw_only=True)
class GroupScore:
    """One group's part of a [`Score`][tthc.indicators.decision766.Score].

    Attributes:
        group: The group.
        indicators: One entry per indicator of the group, in order.
    """

    group: IndicatorGroup
    indicators: tuple[IndicatorScore, ...]

    @property
    def points(self) -> Decimal:
        """Points earned: the sum of the indicators' rounded points, at most the group's maximum.

        The cap matters only where the indicators' maxima add up to more than the group's
        (version 2's online payment: 6 + 2 + 2.5 out of 10).
        """
        total = sum((s.points for s in self.indicators if s.points is not None), _ZERO_POINTS)
        return min(total, Decimal(self.group.max_points).quantize(_QUANTUM))

    @property
    def counted_max(self) -> Decimal:
        """The maximum counted: the sum of the counted maxima, at most the group's maximum."""
        return min(
            sum((s.counted_max for s in self.indicators), Decimal(0)),
            Decimal(self.group.max_points),
        )


@attrs.frozen(kw_only=True)
class Score:
    """A Decision 766 score computed from indicator values, with how each part was reached.

    The total is the sum of the points earned, out of ``counted_max``: the maxima of the
    indicators that were scored (and of N/A ones under ``NotApplicablePolicy.ZERO``). Indicators
    without a known maximum, without a value, or not applicable under the default policy do not
    count, so ``counted_max`` is usually below the index's 100 points: the score is then
    partial, and ``explain()`` says so. Every per-indicator maximum of version 1 is uncertain,
    so no score computed with it is an official figure.

    Attributes:
        version: The version of the index data used.
        groups: One entry per group.
        not_applicable: The policy used for N/A indicators.
    """

    version: str
    groups: tuple[GroupScore, ...]
    not_applicable: NotApplicablePolicy

    @property
    def points(self) -> Decimal:
        """All points earned."""
        return sum((g.points for g in self.groups), _ZERO_POINTS)

    @property
    def counted_max(self) -> Decimal:
        """The maximum the points are out of (the indicators that counted)."""
        return sum((g.counted_max for g in self.groups), Decimal(0))

    @property
    def max_points(self) -> int:
        """The index's maximum (100: the sum of the groups' confirmed maxima)."""
        return sum(g.group.max_points for g in self.groups)

    @property
    def is_complete(self) -> bool:
        """Whether the points counted cover the whole index (``counted_max == max_points``)."""
        return self.counted_max == self.max_points

    @property
    def is_estimate(self) -> bool:
        """Whether any maximum used is not confirmed (true for every score of version 1)."""
        return any(
            s.indicator.max_points_certainty is not Certainty.CONFIRMED
            for g in self.groups
            for s in g.indicators
            if s.counted_max
        )

    def explain(self) -> str:
        """Return the score group by group, indicator by indicator, with the caveats.

        Examples:
            >>> from tthc.indicators.rates import Rate, _round_ratio
            >>> s = index766().score({"3.1": Rate(60, 100), "4.3": None})
            >>> print(s.explain())  # doctest: +ELLIPSIS
            Decision 766/QĐ-TTg index, data version 1: 1.50 of 2 points counted (index maximum 100)
            ESTIMATE: the per-indicator maxima used are not confirmed; this is not an official score.
            PARTIAL: indicators without a value, a known maximum or an applicable denominator are not counted.
            Group 1 Công khai, minh bạch (Transparency): 0.00 of 0 points counted (group maximum 18)
              1.1 Procedures published on time: no value given: not scored
            ...
            Group 3 Cung cấp dịch vụ trực tuyến (Online services): 1.50 of 2 points counted (group maximum 22)
              3.1 Procedures offering an online public service: 60.00 % < 80 % → 60.00 % × 2 / 80 % = 1.50 of 2 points (maximum UNCERTAIN)
            ...
              4.3 Dossiers reusing digitised data: N/A (zero denominator): excluded, its maximum not counted
            ...
        """
        lines = [
            (
                f"Decision 766/QĐ-TTg index, data version {self.version}: "
                f"{self.points} of {_points_text(self.counted_max)} points counted "
                f"(index maximum {self.max_points})"
            )
        ]
        if self.is_estimate:
            lines.append(
                "ESTIMATE: the per-indicator maxima used are not confirmed; "
                "this is not an official score."
            )
        if not self.is_complete:
            lines.append(
                "PARTIAL: indicators without a value, a known maximum or an applicable "
                "denominator are not counted."
            )
        for g in self.groups:
            lines.append(
                f"Group {g.group.id} {g.group.name} ({g.group.name_en}): "
                f"{g.points} of {_points_text(g.counted_max)} points counted "
                f"(group maximum {g.group.max_points})"
            )
            lines += [f"  {s.explain()}" for s in g.indicators]
        return "\n".join(lines)


def _groups_tuple(value: Iterable[IndicatorGroup]) -> tuple[IndicatorGroup, ...]:
    return tuple(value)


def _check_groups(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, IndicatorGroup):
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "IndicatorGroup items"
            )
        for indicator in item.indicators:
            if indicator.id in seen:
                raise InvalidValueError.for_attribute(
                    instance, attribute, indicator.id, "indicators with distinct ids"
                )
            seen.add(indicator.id)


@attrs.frozen(kw_only=True)
class Index766:
    """The Decision 766/QĐ-TTg index as data: groups, indicators, formulas, weights, sources.

    Attributes:
        version: The data version ("1").
        document: The decision's number.
        signed_on: The day it was signed.
        title: Its Vietnamese title.
        groups: The five groups, in order.
        sources: The sources, by key.
        notes: Remarks on the data as a whole (what is certain, what is not).
    """

    version: str = attrs.field(validator=_v.non_blank)
    document: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    signed_on: dt.date
    title: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    groups: tuple[IndicatorGroup, ...] = attrs.field(
        converter=_groups_tuple, validator=_check_groups
    )
    sources: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, group by group."""
        return tuple(i for g in self.groups for i in g.indicators)

    @property
    def max_points(self) -> int:
        """The index's maximum: the sum of the groups' maxima (100)."""
        return sum(g.max_points for g in self.groups)

    def indicator(self, indicator_id: str) -> Indicator:
        """Return the indicator with this id ("3.1").

        Raises:
            InvalidValueError: No indicator has that id.
        """
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        ids = ", ".join(i.id for i in self.indicators)
        raise InvalidValueError("Index766.indicator(id)", indicator_id, f"one of {ids}")

    def group(self, group_id: str) -> IndicatorGroup:
        """Return the group with this id ("1" to "5").

        Raises:
            InvalidValueError: No group has that id.
        """
        for g in self.groups:
            if g.id == group_id:
                return g
        ids = ", ".join(g.id for g in self.groups)
        raise InvalidValueError("Index766.group(id)", group_id, f"one of {ids}")

    def score(
        self,
        values: Mapping[str, Rate | Decimal | None],
        *,
        not_applicable: NotApplicablePolicy = NotApplicablePolicy.EXCLUDE,
        scope: str | None = None,
    ) -> Score:
        """Score the index from indicator values.

        Args:
            values: Indicator id → its rate, its percentage as a `Decimal` (0 to 100, for
                composite indicators such as 5.4), or ``None`` when it is not applicable (zero
                denominator; see [`Rate.or_none`][tthc.indicators.Rate.or_none]). Indicators
                left out are reported as not given.
            not_applicable: How ``None`` values are scored: left out (default), counted as 0,
                counted as full, shared out over the group, or as observed on the portal
                ([`NotApplicablePolicy`][tthc.indicators.decision766.NotApplicablePolicy]).
            scope: The kind of unit scored ("province", "commune", "ministry"), or ``None`` for
                no restriction; indicators that do not apply to it are not scored
                (``ScoreStatus.OUT_OF_SCOPE``) and their maxima are not counted.

        Returns:
            The score, group by group, with ``explain()``.

        Raises:
            InvalidValueError: An id is unknown, a value is given for an average (2.2), or a
                value is not a rate, a percentage or ``None``.

        Examples:
            >>> from tthc.indicators.rates import Rate, _round_ratio
            >>> idx = index766()
            >>> s = idx.score({"2.1": Rate(9974, 10000), "4.3": Rate(1551, 10000)})
            >>> s.points, s.counted_max  # 99.74 % × 20 = 19.948; 15.51 % × 2 / 80 % = 0.38775
            (Decimal('20.34'), Decimal('22'))
            >>> v2 = index766("2")   # no feedback in the period: full points, as the portal does
            >>> v2.score({"5.2": None, "5.3": None}, not_applicable=NotApplicablePolicy.OBSERVED).points
            Decimal('12.00')
        """
        if not isinstance(not_applicable, NotApplicablePolicy):
            raise InvalidValueError(
                "Index766.score(not_applicable)", not_applicable, "a NotApplicablePolicy"
            )
        if scope is not None and scope not in SCOPES:
            raise InvalidValueError(
                "Index766.score(scope)", scope, "None, 'province', 'commune' or 'ministry'"
            )
        if not isinstance(values, Mapping):
            raise InvalidValueError(
                "Index766.score(values)", values, "a mapping of indicator id to value"
            )
        known = {i.id: i for i in self.indicators}
        for key, value in values.items():
            indicator = known.get(key)
            field = f"Index766.score(values[{key!r}])"
            if indicator is None:
                raise InvalidValueError(
                    "Index766.score(values)", key, f"indicator ids among {', '.join(known)}"
                )
            if value is not None:
                _fraction_of(field, value)
                if indicator.measure is not IndicatorKind.RATE:
                    raise InvalidValueError(
                        field,
                        value,
                        f"no value: {key} is an {indicator.measure.value}, not scored",
                    )
        groups = tuple(
            GroupScore(
                group=g,
                indicators=_score_group(g, values, not_applicable, scope),
            )
            for g in self.groups
        )
        return Score(version=self.version, groups=groups, not_applicable=not_applicable)


def _score_group(
    group: IndicatorGroup,
    values: Mapping[str, Rate | Decimal | None],
    policy: NotApplicablePolicy,
    scope: str | None,
) -> tuple[IndicatorScore, ...]:
    out = []
    for i in group.indicators:
        if not i.applies_to(scope):
            out.append(IndicatorScore(indicator=i, status=ScoreStatus.OUT_OF_SCOPE))
            continue
        own = policy
        if policy is NotApplicablePolicy.OBSERVED:
            own = i.not_applicable or NotApplicablePolicy.EXCLUDE
        out.append(_score_one(i, i.id in values, values.get(i.id), own))
    if policy is not NotApplicablePolicy.REDISTRIBUTE:
        return tuple(out)
    # The N/A maxima are shared out over the scored indicators, in proportion to their maxima.
    shared = sum(
        (
            s.indicator.max_points
            for s in out
            if s.status is ScoreStatus.NOT_APPLICABLE and s.indicator.max_points is not None
        ),
        Decimal(0),
    )
    scored = sum((s.counted_max for s in out if s.status is ScoreStatus.SCORED), Decimal(0))
    if not shared or not scored:
        return tuple(out)
    factor = fractions.Fraction(scored + shared) / fractions.Fraction(scored)
    return tuple(
        attrs.evolve(
            s,
            points=_round_points(s.indicator.points_exact(s.value) * factor),
            counted_max=s.counted_max * (scored + shared) / scored,
        )
        if s.status is ScoreStatus.SCORED and s.value is not None
        else s
        for s in out
    )


def _score_one(
    indicator: Indicator,
    given: bool,  # noqa: FBT001 - private helper
    value: Rate | Decimal | None,
    policy: NotApplicablePolicy,
) -> IndicatorScore:
    if indicator.measure is not IndicatorKind.RATE:
        return IndicatorScore(indicator=indicator, status=ScoreStatus.NOT_A_RATE)
    if not given:
        return IndicatorScore(indicator=indicator, status=ScoreStatus.NOT_GIVEN)
    if indicator.max_points is None:
        status = ScoreStatus.NOT_APPLICABLE if value is None else ScoreStatus.NO_WEIGHT
        return IndicatorScore(indicator=indicator, status=status, value=value)
    if value is None:
        if policy in {NotApplicablePolicy.ZERO, NotApplicablePolicy.FULL}:
            full = policy is NotApplicablePolicy.FULL
            return IndicatorScore(
                indicator=indicator,
                status=ScoreStatus.NOT_APPLICABLE,
                points=indicator.max_points.quantize(_QUANTUM) if full else Decimal("0.00"),
                counted_max=indicator.max_points,
            )
        return IndicatorScore(indicator=indicator, status=ScoreStatus.NOT_APPLICABLE)
    return IndicatorScore(
        indicator=indicator,
        status=ScoreStatus.SCORED,
        value=value,
        points=indicator.points(value),
        counted_max=indicator.max_points,
    )


# --- loading -----------------------------------------------------------------------------------

_TOP_KEYS: Final = {
    "format",
    "version",
    "document",
    "signed_on",
    "title",
    "notes",
    "sources",
    "groups",
}
_GROUP_KEYS: Final = {
    "id",
    "name",
    "name_en",
    "max_points",
    "certainty",
    "sources",
    "notes",
    "indicators",
}
_INDICATOR_KEYS: Final = {
    "id",
    "name",
    "name_en",
    "formula",
    "measure",
    "certainty",
    "sources",
    "threshold",
    "threshold_certainty",
    "max_points",
    "max_points_certainty",
    "max_points_sources",
    "notes",
    "scope",
    "not_applicable",
}


def _resolve(
    keys: object, sources: Mapping[str, str], where: str, problems: list[str]
) -> tuple[str, ...]:
    if not isinstance(keys, list):
        problems.append(f"{where}: expected a list of source keys")
        return ()
    out = []
    for key in keys:
        if not isinstance(key, str) or key not in sources:
            problems.append(f"{where}: unknown source {shown(key)}")
        else:
            out.append(sources[key])
    return tuple(out)


def _build(cls: type[Any], options: dict[str, Any], where: str, problems: list[str]) -> Any:
    try:
        return cls(**options)
    except (InvalidValueError, TypeError, ValueError) as exc:
        problems.append(f"{where}: {exc}")
        return None


def _list_at(owner: dict[str, Any], key: str, where: str, problems: list[str]) -> list[Any]:
    """The JSON array under ``key`` (empty when absent); anything else is one problem."""
    value = owner.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(f"{where}.{key}: expected a list, got {shown(value)}")
    return []


def _index_from(data: object, source: str) -> Index766:
    if not isinstance(data, dict):
        raise LoadError(source, ["$: expected a JSON object"])
    problems: list[str] = []
    if not isinstance(data.get("format"), str) or data.get("format") not in FORMATS:
        formats = " or ".join(repr(f) for f in sorted(FORMATS))
        problems.append(f"$.format: expected {formats}, got {shown(data.get('format'))}")
    problems += [f"$.{k}: unknown key" for k in sorted(set(data) - _TOP_KEYS)]
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        problems.append("$.sources: expected an object of key → citation")
        sources = {}
    groups = []
    for gi, g in enumerate(_list_at(data, "groups", "$", problems)):
        where = f"$.groups[{gi}]"
        if not isinstance(g, dict):
            problems.append(f"{where}: expected an object")
            continue
        problems += [f"{where}.{k}: unknown key" for k in sorted(set(g) - _GROUP_KEYS)]
        indicators = []
        for ii, raw in enumerate(_list_at(g, "indicators", where, problems)):
            iwhere = f"{where}.indicators[{ii}]"
            if not isinstance(raw, dict):
                problems.append(f"{iwhere}: expected an object")
                continue
            problems += [f"{iwhere}.{k}: unknown key" for k in sorted(set(raw) - _INDICATOR_KEYS)]
            options = {k: v for k, v in raw.items() if k in _INDICATOR_KEYS}
            options["sources"] = _resolve(raw.get("sources", []), sources, iwhere, problems)
            options["max_points_sources"] = _resolve(
                raw.get("max_points_sources", []), sources, iwhere, problems
            )
            indicator = _build(Indicator, options, iwhere, problems)
            if indicator is not None:
                indicators.append(indicator)
        options = {k: v for k, v in g.items() if k in _GROUP_KEYS}
        options["sources"] = _resolve(g.get("sources", []), sources, where, problems)
        options["indicators"] = indicators
        group = _build(IndicatorGroup, options, where, problems)
        if group is not None:
            groups.append(group)
    try:
        signed_on = dt.date.fromisoformat(str(data.get("signed_on")))
    except ValueError:
        problems.append(
            f"$.signed_on: expected a date (YYYY-MM-DD), got {data.get('signed_on')!r}"
        )
        signed_on = dt.date.min
    index = _build(
        Index766,
        {
            "version": data.get("version"),
            "document": data.get("document"),
            "signed_on": signed_on,
            "title": data.get("title"),
            "groups": groups,
            "sources": dict(sources),
            "notes": data.get("notes", ()),
        },
        "$",
        problems,
    )
    if problems:
        raise LoadError(source, problems)
    return index  # type: ignore[no-any-return]  # _build returned an Index766


def load_index766(path: str | os.PathLike[str] | Traversable) -> Index766:
    """Load the index from a JSON file in the ``tthc.index766/1`` or ``/2`` format.

    Use it for a newer version of the weights (when official per-indicator points are found);
    the shipped data is [`index766`][tthc.indicators.decision766.index766].

    Args:
        path: The file.

    Returns:
        The index.

    Raises:
        LoadError: The file is not valid; every problem is listed at once.
    """
    data = read_json(path)
    return _index_from(data, str(path))


@functools.cache
def index766(version: str = "1") -> Index766:
    """Return the shipped Decision 766 index data: version 1 (the default) or version 2.

    Version 1 is the decision of 2022 (five groups, per-indicator points uncertain); version 2
    is the index as the national portal scores it in 2026 (six groups, confirmed_secondary).

    Args:
        version: "1" or "2".

    Raises:
        InvalidValueError: Another version.

    Examples:
        >>> idx = index766()
        >>> idx.document, idx.signed_on.isoformat(), idx.max_points
        ('766/QĐ-TTg', '2022-06-23', 100)
        >>> {i.max_points_certainty for i in idx.indicators if i.max_points is not None}
        {<Certainty.UNCERTAIN: 'uncertain'>}
    """
    path = _DATA_FILES.get(version)
    if path is None:
        raise InvalidValueError("index766(version)", version, "'1' or '2'")
    return load_index766(resources.files("tthc").joinpath(path))
