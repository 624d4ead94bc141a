"""Processing times as ``xsd:duration`` and back (private; see ``tthc.io.cpsv``)."""

from __future__ import annotations

import fractions
import re
from decimal import Decimal
from typing import Final

from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError

__all__ = ["from_xsd_duration", "number_text", "xsd_duration"]


def number_text(value: fractions.Fraction) -> str | None:
    """The exact decimal text of ``value`` (no exponent), or None if it does not terminate."""
    numerator, denominator = value.numerator, value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = numerator * 10**places // value.denominator
    # Through Decimal: no limit on the number of digits (int's str() has one).
    return format(Decimal(scaled).scaleb(-places), "f")


def _time_part(hours: fractions.Fraction) -> str:
    for unit, factor in (("H", 1), ("M", 60)):
        amount = hours * factor
        if amount.denominator == 1:
            return f"PT{number_text(amount)}{unit}"
    seconds = number_text(hours * 3600)
    if seconds is None:  # pragma: no cover - a Duration value is a terminating decimal
        msg = f"no exact xsd:duration for {hours} hours"
        raise AssertionError(msg)
    return f"PT{seconds}S"


# The longest elapsed time written as an xsd:duration, in days: common RDF tools read durations
# into Python's timedelta (rdflib does), which stops there. Longer limits (2.7 million years;
# only generated test data has them) keep the text, unit and value.
_MAX_XSD_DAYS: Final = 999_999_999
_DAYS_PER: Final = {
    DurationUnit.CALENDAR_DAYS: fractions.Fraction(1),
    DurationUnit.HOURS: fractions.Fraction(1, 24),
    DurationUnit.MONTHS: fractions.Fraction(31),
}


def xsd_duration(duration: Duration) -> str | None:
    """The ``xsd:duration`` of an elapsed-time limit; ``None`` for working time and same day."""
    value = fractions.Fraction(duration.value)
    days_per = _DAYS_PER.get(duration.unit)
    if days_per is None or value * days_per > _MAX_XSD_DAYS:
        return None
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        if value.denominator == 1:
            return f"P{number_text(value)}D"
        return _time_part(value * 24)
    if duration.unit is DurationUnit.HOURS:
        return _time_part(value)
    return f"P{number_text(value)}M"


_XSD_DURATION: Final = re.compile(
    r"P(?!$)(?:(?P<Y>[0-9]+)Y)?(?:(?P<MO>[0-9]+)M)?(?:(?P<D>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<H>[0-9]+)H)?(?:(?P<MI>[0-9]+)M)?(?:(?P<S>[0-9]+(?:\.[0-9]+)?)S)?)?"
)


def from_xsd_duration(text: str) -> Duration:
    """A ``Duration`` from an ``xsd:duration``: days, months, or else hours; exact or refused."""
    match = _XSD_DURATION.fullmatch(text)
    if match is None:
        raise InvalidValueError("cv:processingTime", text, "an xsd:duration such as 'P30D'")
    parts = {k: fractions.Fraction(Decimal(v)) for k, v in match.groupdict().items() if v}
    months = parts.pop("Y", fractions.Fraction(0)) * 12 + parts.pop("MO", fractions.Fraction(0))
    if months and parts:
        raise InvalidValueError(
            "cv:processingTime", text, "a duration in months alone, or in days and hours"
        )
    if months:
        return Duration.months(int(months))
    if set(parts) <= {"D"}:
        return Duration.calendar_days(int(parts.get("D", 0)))
    zero = fractions.Fraction(0)
    hours = (
        parts.get("D", zero) * 24
        + parts.get("H", zero)
        + parts.get("MI", zero) / 60
        + parts.get("S", zero) / 3600
    )
    exact = number_text(hours)
    if exact is None:
        raise InvalidValueError(
            "cv:processingTime", text, "a duration that is an exact decimal number of hours"
        )
    return Duration.hours(Decimal(exact))
