"""The index as data, and how it scores a unit's values (private).

See [`tthc.indicators.decision766`][tthc.indicators.decision766] for the index itself.
"""

from __future__ import annotations

import datetime as dt
import fractions
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.indicators.decision766._model import (
    _QUANTUM,
    SCOPES,
    Indicator,
    IndicatorGroup,
    IndicatorKind,
    NotApplicablePolicy,
    _fraction_of,
    _round_points,
)
from tthc.indicators.decision766._scores import GroupScore, IndicatorScore, Score, ScoreStatus

if TYPE_CHECKING:
    from tthc.indicators.rates import Rate


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
            >>> from tthc.indicators.decision766 import index766
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
