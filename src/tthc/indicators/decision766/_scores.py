"""What scoring an index returns: the score, per group and per indicator (private).

See [`tthc.indicators.decision766`][tthc.indicators.decision766] for the index itself.
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal

import attrs

from tthc.calendar import Certainty
from tthc.indicators.decision766._model import (
    _HUNDRED,
    _QUANTUM,
    _ZERO_POINTS,
    PLACES,
    Indicator,
    IndicatorGroup,
    NotApplicablePolicy,
    _fraction_of,
)
from tthc.indicators.rates import Rate


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
            >>> from tthc.indicators.decision766 import index766
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
