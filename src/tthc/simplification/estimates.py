"""Differing sources (*số liệu khác nhau*): estimates of a quantity and the lower average.

Circular 02/2017/TT-VPCP Art. 27(2)(a): where sources give different figures for a quantity
(hours of a task, subjects per year, an amount), the lower average is taken. The text read does
not define "lower average", so the reading is a parameter
([`LowerAverageRule`][tthc.simplification.LowerAverageRule]);
[`lower_average`][tthc.simplification.lower_average] takes it from
[`Estimate`][tthc.simplification.Estimate]s and says which ones it used.

References:
    Circular 02/2017/TT-VPCP Art. 27(2)(a) (CONFIRMED that the rule exists; its exact meaning
    UNCERTAIN): research notes ``vn_legal.md`` §5.2.
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.simplification._checks import to_decimal, to_tuple
from tthc.simplification._money import (
    MAX_SUBJECTS,
    check_places,
    check_rounding,
    exact_product,
    exact_sum,
    plain,
    quantity,
    round_ratio,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.indicators import RoundingMode

__all__ = ["Estimate", "LowerAverage", "LowerAverageRule", "lower_average"]


class LowerAverageRule(enum.Enum):
    """How "the lower average" (*số liệu trung bình thấp*) of differing estimates is read.

    Circular 02/2017/TT-VPCP Art. 27(2)(a) says that where sources give different figures the
    lower average is taken; the text read does not define it, so the reading is a parameter
    (UNCERTAIN). All three readings give the lower figure of two estimates and the figure
    itself when the estimates agree; they differ from three estimates on.

    Examples:
        >>> LowerAverageRule.BELOW_MEAN.label
        'the mean of the estimates at or below the mean of all'
    """

    #: The mean of the estimates at or below the mean of all of them (the default reading:
    #: an average, taken over the lower figures).
    BELOW_MEAN = "below_mean"
    #: The mean of the lower half of the estimates, sorted (the lower ⌈n/2⌉; with an odd
    #: count the middle one is included).
    LOWER_HALF = "lower_half"
    #: The lowest estimate (the most cautious reading).
    LOWEST = "lowest"

    @property
    def label(self) -> str:
        """What the rule takes, in words."""
        return _RULE_LABELS[self]


_RULE_LABELS: Final = {
    LowerAverageRule.BELOW_MEAN: "the mean of the estimates at or below the mean of all",
    LowerAverageRule.LOWER_HALF: "the mean of the lower half of the estimates",
    LowerAverageRule.LOWEST: "the lowest estimate",
}


@attrs.frozen(kw_only=True)
class Estimate:
    """One source's figure for a quantity (*số liệu*): hours, an amount, subjects per year.

    Attributes:
        value: The figure (a ``Decimal`` >= 0; an ``int`` is accepted).
        source: Where it comes from (survey, agency report, statistics).
    """

    value: Decimal = attrs.field(
        converter=to_decimal, validator=quantity(MAX_SUBJECTS, "the quantity's unit")
    )
    source: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)


@attrs.frozen(kw_only=True)
class LowerAverage:
    """The figure taken from differing estimates under the lower-average rule, and why.

    Attributes:
        value: The figure taken, rounded.
        rule: The reading of "lower average" used.
        estimates: All the estimates, as given.
        used: The estimates the figure was averaged from.
    """

    value: Decimal
    rule: LowerAverageRule
    estimates: tuple[Estimate, ...]
    used: tuple[Estimate, ...]

    def explain(self) -> str:
        """The rule, the estimates used and the figure, in one line."""
        used = ", ".join(f"{plain(e.value)} ({e.source})" for e in self.used)
        return (
            f"{plain(self.value)}: {self.rule.label} ({len(self.used)} of "
            f"{len(self.estimates)} estimates: {used}); Circular 02/2017/TT-VPCP Art. 27(2)(a), "
            "reading UNCERTAIN"
        )


def lower_average(
    estimates: Iterable[Estimate | Decimal | int],
    *,
    rule: LowerAverageRule = LowerAverageRule.BELOW_MEAN,
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
) -> LowerAverage:
    """Take the lower average of differing estimates (*lấy số liệu trung bình thấp*).

    Art. 27(2)(a) of Circular 02/2017/TT-VPCP: where sources give different figures, the lower
    average is taken. The text does not define it; the default reading,
    ``LowerAverageRule.BELOW_MEAN``, averages the estimates at or below the mean of all
    (UNCERTAIN; see [`LowerAverageRule`][tthc.simplification.LowerAverageRule] for the others).
    Apply it to each quantity (hours of a task, subjects per year, an amount) before building
    the cost model.

    Args:
        estimates: The figures, as [`Estimate`][tthc.simplification.Estimate]s with their
            sources or as plain numbers (named "estimate 1", "estimate 2", …).
        rule: The reading of "lower average".
        places: Decimals of the figure taken (2 by default).
        rounding: Its rounding (half-up by default).

    Returns:
        The figure with the estimates it came from.

    Raises:
        InvalidValueError: No estimates, or an estimate that is not a number >= 0.

    Examples:
        >>> r = lower_average([Estimate(value=4, source="survey"),
        ...                    Estimate(value=2, source="agency"), Estimate(value=3, source="FAQ")])
        >>> r.value, [e.source for e in r.used]
        (Decimal('2.50'), ['agency', 'FAQ'])
        >>> lower_average([4, 2, 3], rule=LowerAverageRule.LOWEST).value
        Decimal('2.00')
        >>> lower_average([10, 20]).value
        Decimal('10.00')

    References:
        Circular 02/2017/TT-VPCP Art. 27(2)(a) (CONFIRMED that the rule exists; its exact
        meaning UNCERTAIN), research notes ``vn_legal.md`` §5.2.
    """
    given: list[Estimate] = []
    items = to_tuple(estimates)
    if not isinstance(items, tuple):
        raise InvalidValueError(
            "lower_average(estimates)", estimates, "an iterable of Estimate, Decimal or int"
        )
    for index, item in enumerate(items):
        if isinstance(item, Estimate):
            given.append(item)
        elif isinstance(item, (Decimal, int)) and not isinstance(item, bool):
            given.append(Estimate(value=item, source=f"estimate {index + 1}"))
        else:
            raise InvalidValueError(
                f"lower_average(estimates)[{index}]", item, "an Estimate, a Decimal or an int"
            )
    if not given:
        raise InvalidValueError("lower_average(estimates)", estimates, "at least one estimate")
    if not isinstance(rule, LowerAverageRule):
        raise InvalidValueError(
            "lower_average(rule)", rule, "a LowerAverageRule (BELOW_MEAN, LOWER_HALF, LOWEST)"
        )
    p = check_places("lower_average(places)", places)
    r = check_rounding("lower_average(rounding)", rounding)
    ordered = sorted(given, key=lambda e: e.value)
    if rule is LowerAverageRule.LOWEST:
        used = ordered[:1]
    elif rule is LowerAverageRule.LOWER_HALF:
        used = ordered[: (len(ordered) + 1) // 2]
    else:
        total = exact_sum(e.value for e in given)
        # value <= total / n  <=>  value × n <= total: compared exactly.
        used = [e for e in ordered if exact_product(e.value, Decimal(len(given))) <= total]
    value = round_ratio(exact_sum(e.value for e in used), Decimal(len(used)), p, r)
    return LowerAverage(value=value, rule=rule, estimates=tuple(given), used=tuple(used))
