"""Step budgets (private): working time, 8 hours to the day, and steps whose time is not counted.

Public names are re-exported by [`tthc.procedures.process`][tthc.procedures.process].
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from tthc import _validators as _v
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError

HOURS_PER_WORKING_DAY: Final = 8
"""Working hours in one working day when budgets are compared and written (*1 ngày = 8 giờ*).

The one-stop systems store step budgets in hours and count 8 hours to a working day (research
notes ``process/NOTES.md`` §2, CONFIRMED from the source code of two systems); OpenCPS users asked
for countdowns in those units (its issue #1252).
"""

_US_PER_HOUR: Final = 3_600_000_000


def budget_hours(budget: Duration) -> Decimal:
    """A budget in working days or working hours as working hours, 8 to the day, exactly.

    Args:
        budget: A duration in working days or working hours.

    Returns:
        The working hours.

    Examples:
        >>> budget_hours(Duration.parse("0,5 ngày làm việc"))
        Decimal('4.0')
    """
    if budget.unit is DurationUnit.WORKING_DAYS:
        return Decimal(budget.value) * HOURS_PER_WORKING_DAY
    return Decimal(budget.value)


NOT_COUNTED: Final = "Không tính thời gian"
"""How a step whose time is not counted is written (*không tính thời gian*), ``budget=None``.

Published tables end with the return of the result written "Không tính thời gian" (Cao Bằng
2022/QĐ-UBND, Nghệ An 3854/QĐ-UBND) or "Giờ hành chính" (Nghệ An 3760/QĐ-UBND): the step takes
no share of the processing time. [`parse_budget`][tthc.procedures.process.parse_budget] reads
both texts; this one is written back.
"""

# The texts of a step whose time is not counted, as the published tables write them, compared
# NFC, case-folded and with runs of spaces made one: "not counted" and "office hours".
_NOT_COUNTED_TEXTS: Final = frozenset({"không tính thời gian", "giờ hành chính"})


def parse_budget(text: str) -> Duration | None:
    """Read a step's time as a published table writes it: a duration, or ``None`` (not counted).

    "Không tính thời gian" (*not counted*) and "Giờ hành chính" (*office hours*, written for the
    return of the result) give ``None``, in any case and spacing; every other text is read by
    [`Duration.parse`][tthc.durations.Duration.parse] ("0,5 ngày làm việc", "04 giờ làm việc").

    Args:
        text: The cell of the table's time column (*thời gian thực hiện*).

    Returns:
        The budget, or ``None`` for a step whose time is not counted.

    Raises:
        DurationParseError: Any other text that is not a duration.
        InvalidValueError: ``text`` is not a text.

    Examples:
        >>> parse_budget("0,5 ngày làm việc")
        Duration(value=Decimal('0.5'), unit=<DurationUnit.WORKING_DAYS: 'working_days'>, cutoff=None)
        >>> parse_budget("Không tính thời gian") is None, parse_budget("Giờ hành chính") is None
        (True, True)

    References:
        Cao Bằng 2022/QĐ-UBND (27/11/2025) Phụ lục 2; Nghệ An 3854/QĐ-UBND (26/11/2025)
        Phụ lục II; Nghệ An 3760/QĐ-UBND (19/11/2025): return steps written "Không tính thời
        gian" / "Giờ hành chính" (SECONDARY: ThuVienPhapLuat text in a public repository).
    """
    if type(text) is not str:
        raise InvalidValueError("parse_budget(text)", text, "a text")
    if " ".join(_v.nfc(text).split()).casefold() in _NOT_COUNTED_TEXTS:
        return None
    return Duration.parse(text)


def budget_text(budget: Duration | None) -> str:
    """A step's budget as text: the duration's (``"4 giờ làm việc"``), or ``NOT_COUNTED``.

    Examples:
        >>> budget_text(None), budget_text(Duration.working_hours(4))
        ('Không tính thời gian', '4 giờ làm việc')
    """
    return NOT_COUNTED if budget is None else str(budget)


def _check_budget(instance: object, attribute: Any, value: Any) -> None:
    if value is None:
        return  # a step whose time is not counted
    if not isinstance(value, Duration) or value.unit not in (
        DurationUnit.WORKING_DAYS,
        DurationUnit.WORKING_HOURS,
    ):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a Duration in working days or working hours, such as "
            "Duration.parse('0,5 ngày làm việc') or Duration.parse('4 giờ làm việc'), or None "
            "for a step whose time is not counted",
        )
    hours = budget_hours(value)
    if hours <= 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a budget longer than zero"
        )
    if hours * _US_PER_HOUR != (hours * _US_PER_HOUR).to_integral_value():
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a budget that is a whole number of microseconds"
        )


def hours_duration(hours: Decimal) -> Duration:
    """Working hours as a duration: whole working days when 8 divides them, else working hours.

    Args:
        hours: Working hours, ``>= 0``.

    Returns:
        The duration, as a published process would write it.

    Examples:
        >>> str(hours_duration(Decimal(16))), str(hours_duration(Decimal("4.5")))
        ('2 ngày làm việc', '4,5 giờ làm việc')
    """
    days, rest = divmod(hours, HOURS_PER_WORKING_DAY)
    if rest == 0:
        return Duration.working_days(int(days))
    return Duration.working_hours(hours)
