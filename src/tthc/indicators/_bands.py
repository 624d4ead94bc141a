"""Exact bands of percentages that round to a published figure, and the counts inside (private).

A published figure rounded to ``places`` decimals under a rounding mode stands for a band of
exact percentages; a count pair reproduces the figure when its exact percentage falls in the band.
The arithmetic is on fractions: nothing is divided at a limited precision.
"""

from __future__ import annotations

import fractions
import math
from typing import TYPE_CHECKING

from tthc.indicators.rates import RoundingMode

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["Band", "Interval", "band", "denominators", "numerators", "some_denominator"]

_HUNDRED = 100

#: An inclusive range of counts ``(low, high)``; ``high`` is ``None`` when there is no upper limit.
Interval = tuple[int, int | None]

#: A band of exact percentages that round to a published value: (low, low included, high,
#: high included).
Band = tuple[fractions.Fraction, bool, fractions.Fraction, bool]


def band(value: Decimal, places: int, mode: RoundingMode) -> Band:
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


def numerators(band: Band, den: int) -> tuple[int, int] | None:
    low, low_in, high, high_in = band
    a = low * den / _HUNDRED
    b = high * den / _HUNDRED
    n_min = max(math.ceil(a) if low_in else math.floor(a) + 1, 0)
    n_max = min(math.floor(b) if high_in else math.ceil(b) - 1, den)
    return (n_min, n_max) if n_min <= n_max else None


def denominators(band: Band, num: int, d_min: int, d_max: int | None) -> Interval | None:
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


def some_denominator(band: Band, d_min: int, d_max: int | None, places: int) -> bool:
    # From 10 ** (places + 2) on, the band is at least one numerator wide, so it holds one.
    enough = 10 ** (places + 2) + 1
    d = d_min
    while d_max is None or d <= d_max:
        if d >= enough or numerators(band, d) is not None:
            return True
        d += 1
    return False
