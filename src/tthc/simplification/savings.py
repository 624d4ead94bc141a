"""Savings (*chi phí tiết kiệm*): cost before and after simplification, the rate, a target check.

The benefit of a simplification is the current compliance cost minus the cost after it
(Circular 02/2017/TT-VPCP Art. 27(1)(c)); reviews also report it as a rate,
``(before − after) / before``, and check it against a target such as "cut at least 20 %".
[`Savings`][tthc.simplification.Savings] holds the two totals and computes both, exactly;
[`TargetCheck`][tthc.simplification.TargetCheck] is the result of a target check.

References:
    Circular 02/2017/TT-VPCP Art. 27(1)(c) (CONFIRMED): research notes ``vn_legal.md`` §5.2,
    §5.3 (published reductions).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from tthc.errors import InvalidValueError
from tthc.simplification._checks import to_decimal
from tthc.simplification._money import (
    HUNDRED,
    MAX_MONEY,
    MAX_PLACES,
    MAX_SUBJECTS,
    MAX_TIMES,
    ZERO,
    check_places,
    check_rounding,
    decimal_places,
    exact_difference,
    exact_product,
    plain,
    quantity,
    round_ratio,
)

if TYPE_CHECKING:
    from tthc.indicators import RoundingMode

__all__ = ["Savings", "TargetCheck"]


@attrs.frozen(kw_only=True)
class TargetCheck:
    """Whether a savings rate meets a target such as "cut at least 20 %" (*chỉ tiêu cắt giảm*).

    Attributes:
        target: The target, in percent.
        achieved: The savings rate in percent, rounded (``None`` when the cost before is 0).
        met: Whether saving / before >= target / 100, compared exactly (not after rounding).
        shortfall: What is still to be saved per year to meet the target, exactly, in the unit
            of the totals (0 when met).
    """

    target: Decimal
    achieved: Decimal | None
    met: bool
    shortfall: Decimal

    def __str__(self) -> str:
        achieved = "N/A" if self.achieved is None else f"{self.achieved} %"
        if self.met:
            return f"target: cut at least {plain(self.target)} % -> met ({achieved})"
        return (
            f"target: cut at least {plain(self.target)} % -> NOT met ({achieved}; "
            f"{plain(self.shortfall)} per year short)"
        )


def _check_target(field: str, target: object) -> Decimal:
    value = to_decimal(target)
    if (
        not isinstance(value, Decimal)
        or not value.is_finite()
        or not 0 <= value <= HUNDRED
        or decimal_places(value) > MAX_PLACES
    ):
        raise InvalidValueError(
            field,
            target,
            f"a percentage from 0 to 100 as a Decimal or int (at most {MAX_PLACES} decimals)",
        )
    return value


# The largest annual total: the largest amount × times per year × subjects per year.
_annual: Final = quantity(MAX_MONEY * MAX_SUBJECTS * MAX_TIMES, "VND per year")


@attrs.frozen
class Savings:
    """Annual compliance cost before and after simplification, and what was saved.

    The saving is ``before − after`` (Art. 27(1)(c)); the savings rate is
    ``(before − after) / before`` as a percentage, rounded explicitly.

    Attributes:
        before: Annual cost before, VND (any unit works for the rate: billions too).
        after: Annual cost after, in the same unit.

    Examples:
        Hà Nội's restructuring of 293 procedures, about 2,306 → 654 billion VND a year:

        >>> s = Savings(Decimal("2306"), Decimal("654"))
        >>> s.saving, s.percent()
        (Decimal('1652'), Decimal('71.64'))
        >>> print(s.check_target(20))
        target: cut at least 20 % -> met (71.64 %)

    References:
        dantri.com.vn (25/12/2025), Hà Nội: 2,306 → 654 billion VND/year, "71.64 %"
        (research notes ``vn_legal.md`` §5.3).
    """

    before: Decimal = attrs.field(converter=to_decimal, validator=_annual)
    after: Decimal = attrs.field(converter=to_decimal, validator=_annual)

    @property
    def saving(self) -> Decimal:
        """``before − after`` (negative when the cost rose)."""
        return exact_difference(self.before, self.after)

    def percent(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal | None:
        """The savings rate ``(before − after) / before × 100``, or ``None`` when before is 0.

        Args:
            places: Decimals to keep (2 by default, as reports print).
            rounding: Half-up by default; ``decimal.ROUND_DOWN`` truncates.

        Returns:
            The percentage, rounded exactly; ``None`` (N/A) when there was no cost to cut.
        """
        p = check_places("Savings.percent(places)", places)
        r = check_rounding("Savings.percent(rounding)", rounding)
        if self.before == 0:
            return None
        return round_ratio(exact_product(self.saving, HUNDRED), self.before, p, r)

    def check_target(
        self,
        target: Decimal | int,
        *,
        places: int = 2,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> TargetCheck:
        """Check a target such as "cut at least 20 %" (``target=20``).

        The comparison is exact: 19.996 % does not meet 20 % even though it prints as 20.00.
        With no cost before, only a target of 0 is met.

        Args:
            target: The target in percent, 0 to 100.
            places: Decimals of the achieved rate shown.
            rounding: Rounding of the achieved rate shown.

        Returns:
            The check.

        Raises:
            InvalidValueError: ``target`` is not a percentage.
        """
        goal = _check_target("Savings.check_target(target)", target)
        achieved = self.percent(places, rounding)
        # needed = target / 100 × before, exactly (a division by 100 only moves the point).
        short = exact_difference(exact_product(goal, self.before).scaleb(-2), self.saving)
        # With nothing to cut the rate is N/A: a positive target is not met (not vacuously).
        met = short <= 0 and (self.before > 0 or goal == 0)
        return TargetCheck(
            target=goal, achieved=achieved, met=met, shortfall=ZERO if met else short
        )
