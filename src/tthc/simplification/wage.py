"""The wage rate (*thu nhập bình quân*) that values the hours a subject spends on a procedure.

Circular 02/2017/TT-VPCP Art. 27 values the time spent on a procedure's tasks; in practice the
average income per person is turned into an hourly rate with 22 working days a month and
8 hours a day. The figure and both conventions are parameters with their source and certainty
([`FigureCertainty`][tthc.simplification.FigureCertainty]); no official income figure ships
with `tthc`.

References:
    Circular 02/2017/TT-VPCP Art. 27(4) (UNCERTAIN: the clause was not read in full); research
    notes ``vn_legal.md`` §5.2.
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.simplification._checks import check_year, to_decimal
from tthc.simplification._money import (
    MAX_WAGE,
    check_places,
    check_rounding,
    exact_product,
    plain,
    quantity,
    quantity_problem,
    round_ratio,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tthc.indicators import RoundingMode

__all__ = [
    "COMMON_DAYS_PER_MONTH",
    "COMMON_HOURS_PER_DAY",
    "CONVERSION_CERTAINTY",
    "FigureCertainty",
    "WagePeriod",
    "WageRate",
]


class FigureCertainty(enum.Enum):
    """How well a figure used in a costing is established (*mức độ tin cậy của số liệu*).

    The labels follow the research notes: a figure is confirmed when it was read in the
    published source, uncertain when it is an estimate, a secondary report or common practice,
    and an example when it was made up to illustrate the method.

    Examples:
        >>> FigureCertainty("example").label
        'example (illustration only, not a real figure)'
    """

    #: Read in the published source (an official statistic, a decree's fee table).
    CONFIRMED = "confirmed"
    #: An estimate, a survey, a secondary report or common practice: check before relying on it.
    UNCERTAIN = "uncertain"
    #: Made up to illustrate the method; never use it in a real review.
    EXAMPLE = "example"

    @property
    def label(self) -> str:
        """A short English description, as printed in tables."""
        return _CERTAINTY_LABELS[self]


_CERTAINTY_LABELS: Final = {
    FigureCertainty.CONFIRMED: "confirmed",
    FigureCertainty.UNCERTAIN: "UNCERTAIN",
    FigureCertainty.EXAMPLE: "example (illustration only, not a real figure)",
}


class WagePeriod(enum.Enum):
    """The period a wage amount is given for: per month or per year (*tháng / năm*)."""

    #: An amount per month (*thu nhập bình quân tháng*).
    MONTH = "month"
    #: An amount per year (*thu nhập bình quân năm*); 12 months make a year.
    YEAR = "year"

    @property
    def months(self) -> int:
        """Months in the period (1 or 12)."""
        return 1 if self is WagePeriod.MONTH else 12


COMMON_DAYS_PER_MONTH: Final = Decimal(22)
"""Working days per month commonly used to turn a monthly income into a daily one.

Common practice, UNCERTAIN: Circular 02/2017/TT-VPCP Art. 27(4) was not read in full (research
notes ``vn_legal.md`` §5.2). It is only the default of ``WageRate.days_per_month``.
"""

COMMON_HOURS_PER_DAY: Final = Decimal(8)
"""Working hours per day commonly used to turn a daily income into an hourly one.

The Labour Code 2019 Art. 105 allows at most 8 normal hours a day; its use here is common
practice, UNCERTAIN. It is only the default of ``WageRate.hours_per_day``.
"""

CONVERSION_CERTAINTY: Final = FigureCertainty.UNCERTAIN
"""The certainty of the two conventions above."""


def _at_most(top: int, unit: str) -> Callable[[object, Any, Any], None]:
    """Validator factory: a ``Decimal`` above 0 and at most ``top`` (days in a month, …)."""
    limit = Decimal(top + 1)

    def check(instance: object, attribute: Any, value: Any) -> None:
        problem = quantity_problem(value, limit, unit, positive=True)
        if problem is None and value > top:
            problem = f"a decimal.Decimal from above 0 to {top}"
        if problem is not None:
            raise InvalidValueError.for_attribute(instance, attribute, value, problem)

    return check


_check_days: Final = _at_most(31, "days")  # days in a month
_check_hours_per_day: Final = _at_most(24, "hours")  # hours in a day


@attrs.frozen(kw_only=True)
class WageRate:
    """The income used to value the time a subject spends (*thu nhập bình quân*).

    In practice the average income per person published by the General Statistics Office
    (*Tổng cục Thống kê*) is used, turned into a daily and an hourly rate with 22 working days a
    month and 8 hours a day. Neither the figure nor the two conventions were confirmed in the
    texts read (Art. 27(4) was cut off), so all of them are parameters: the amount with its year,
    source and certainty, and the days and hours with their common values as defaults. No
    official income figure ships with `tthc`.

    Attributes:
        amount: The income in VND per ``period``, a ``Decimal`` > 0 (an ``int`` is accepted).
        period: Per month (default) or per year.
        year: The year the figure is for.
        source: Where the figure comes from (table, publication, date).
        certainty: How well the figure is established; ``EXAMPLE`` for made-up figures.
        days_per_month: Working days a month; default
            [`COMMON_DAYS_PER_MONTH`][tthc.simplification.COMMON_DAYS_PER_MONTH] (22, common
            practice, UNCERTAIN).
        hours_per_day: Working hours a day; default
            [`COMMON_HOURS_PER_DAY`][tthc.simplification.COMMON_HOURS_PER_DAY] (8, common
            practice, UNCERTAIN).

    Raises:
        InvalidValueError: A field of the wrong type or out of range (a float amount included).

    Examples:
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example value",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> w.per_day(), w.per_hour()
        (Decimal('240000.00'), Decimal('30000.00'))
        >>> WageRate(amount=63_360_000, period=WagePeriod.YEAR, year=2024, source="example",
        ...          certainty=FigureCertainty.EXAMPLE).per_hour()
        Decimal('30000.00')
        >>> WageRate(amount=5280000.0, year=2024, source="x", certainty=FigureCertainty.EXAMPLE)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: WageRate.amount: expected a decimal.Decimal > 0 and below 1,000,000,000,000 (VND per period) with at most 6 decimal places; a float is inexact: write Decimal('5280000.0'), got 5280000.0

    References:
        Circular 02/2017/TT-VPCP Art. 27(4) (UNCERTAIN: the clause was not read in full);
        research notes ``vn_legal.md`` §5.2 ("Clause 4 as implemented in practice").
    """

    amount: Decimal = attrs.field(
        converter=to_decimal, validator=quantity(MAX_WAGE, "VND per period", positive=True)
    )
    period: WagePeriod = attrs.field(default=WagePeriod.MONTH, validator=_v.member_of(WagePeriod))
    year: int = attrs.field(validator=check_year)
    source: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    certainty: FigureCertainty = attrs.field(validator=_v.member_of(FigureCertainty))
    days_per_month: Decimal = attrs.field(
        default=COMMON_DAYS_PER_MONTH, converter=to_decimal, validator=_check_days
    )
    hours_per_day: Decimal = attrs.field(
        default=COMMON_HOURS_PER_DAY, converter=to_decimal, validator=_check_hours_per_day
    )

    @property
    def hours_per_period(self) -> Decimal:
        """Working hours in one ``period``: months × days per month × hours per day."""
        return exact_product(Decimal(self.period.months), self.days_per_month, self.hours_per_day)

    def per_day(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """The daily rate, rounded for display (costs use the exact rate)."""
        days = exact_product(Decimal(self.period.months), self.days_per_month)
        return round_ratio(
            self.amount,
            days,
            check_places("WageRate.per_day(places)", places),
            check_rounding("WageRate.per_day(rounding)", rounding),
        )

    def per_hour(
        self, places: int = 2, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> Decimal:
        """The hourly rate, rounded for display (costs use the exact rate).

        Args:
            places: Decimals to keep.
            rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant.

        Returns:
            ``amount / (months × days_per_month × hours_per_day)``, rounded.
        """
        return round_ratio(
            self.amount,
            self.hours_per_period,
            check_places("WageRate.per_hour(places)", places),
            check_rounding("WageRate.per_hour(rounding)", rounding),
        )

    def explain(self) -> str:
        """Each part of the rate with its source and certainty, in one line.

        Examples:
            >>> print(WageRate(amount=Decimal("5280000"), year=2024, source="example value",
            ...                certainty=FigureCertainty.EXAMPLE).explain())
            5,280,000 VND per month (2024; example value; example (illustration only, not a real figure)) / 22 days per month / 8 hours per day (common practice, UNCERTAIN) = 30,000 VND per hour
        """
        conventions = (
            "common practice, UNCERTAIN"
            if self.days_per_month == COMMON_DAYS_PER_MONTH
            and self.hours_per_day == COMMON_HOURS_PER_DAY
            else "given"
        )
        per = "year / 12 months" if self.period is WagePeriod.YEAR else "month"
        return (
            f"{plain(self.amount)} VND per {per} ({self.year}; {self.source}; "
            f"{self.certainty.label}) / {plain(self.days_per_month)} days per month / "
            f"{plain(self.hours_per_day)} hours per day ({conventions}) = "
            f"{plain(self.per_hour())} VND per hour"
        )


def _costing_arguments(
    owner: str, wage_rate: object, places: object, rounding: object
) -> tuple[WageRate, int, str]:
    """The arguments of a costing method (``owner``: ``"Plan.evaluate"``), checked in order."""
    if not isinstance(wage_rate, WageRate):
        raise InvalidValueError(f"{owner}(wage_rate)", wage_rate, "a WageRate")
    return (
        wage_rate,
        check_places(f"{owner}(places)", places),
        check_rounding(f"{owner}(rounding)", rounding),
    )
