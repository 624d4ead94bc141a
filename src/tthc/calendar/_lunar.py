"""The Vietnamese lunisolar calendar (*âm lịch*), computed astronomically at UTC+7 (private).

Vietnam's lunar calendar follows the same rules as the Chinese one but is reckoned on the
meridian 105° E (UTC+7) instead of 120° E (UTC+8). The two agree on most days and can differ
when a new moon or a solar term falls between 23:00 and midnight Hanoi time: Tết 1985 is a month
earlier in Vietnam, Tết 2007, 2030 and 2053 a day earlier. The North adopted UTC+7 in 1967 and
the South after 1975 (hence two Tết Mậu Thân in 1968); like the published tables, this module
applies UTC+7 to every year.

The rules, as published by Hồ Ngọc Đức:

1. A lunar month begins on the (local) day that contains the astronomical new moon (*điểm Sóc*).
2. The month that contains the December solstice (*Đông chí*) is month 11.
3. If there are 13 months from one month 11 to the next (a *năm nhuận*), the first of them that
   contains no major solar term (*Trung khí*: a multiple of 30° of the Sun's longitude) is the
   leap month (*tháng nhuận*) and takes the number of the month before it.

New moons come from Meeus' series for the lunar phases (chapter 49, a few seconds), the Sun's
longitude from his low-precision solar theory (chapter 25, 0.01°, a few minutes in the time of a
solar term), and ΔT from Espenak & Meeus' polynomials. Checked against the JPL DE421 ephemeris,
every new-moon day from 1899 to 2053 agrees (the closest call: 1967-07-07 23:59:59 in Hanoi), and
the few solar terms placed on the wrong side of a midnight change no month: the calendar of lunar
years 1900-2051 is identical. Later years rest on forecasts of ΔT, so a month whose new moon is
within 90 seconds of midnight (those starting 2054-05-08, 2072-12-09, 2077-11-15 and 2085-10-18)
could in the end begin a day earlier or later; Tết and Giỗ Tổ are not among them.

Examples:
    >>> import datetime as dt
    >>> lunar_new_year(2030)  # UTC+8 would give 3 February
    datetime.date(2030, 2, 2)
    >>> hung_kings_day(2025)
    datetime.date(2025, 4, 7)
    >>> solar_to_lunar(dt.date(2025, 7, 25))  # 2025 has a leap 6th month
    LunarDate(year=2025, month=6, day=1, is_leap_month=True)
    >>> lunar_to_solar(2025, 6, 1, leap=True)
    datetime.date(2025, 7, 25)

References:
    Hồ Ngọc Đức, *Thuật toán tính âm lịch* (how the Vietnamese lunar calendar is computed),
    https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html

    Jean Meeus, *Astronomical Algorithms*, 2nd ed., Willmann-Bell, 1998: chapters 7 (Julian day),
    10 (dynamical time), 25 (solar coordinates) and 49 (phases of the Moon).

    Fred Espenak and Jean Meeus, *Five Millennium Canon of Solar Eclipses*, NASA/TP-2006-214141,
    "Polynomial expressions for Delta T".
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math

import attrs

from tthc._validators import check_date, check_int
from tthc.errors import InvalidValueError

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "LunarDate",
    "hung_kings_day",
    "lunar_new_year",
    "lunar_new_years_eve",
    "lunar_to_solar",
    "solar_to_lunar",
]

FIRST_YEAR = 1900
"""First lunar year (*năm âm lịch*) supported: the one whose Tết falls in 1900."""

LAST_YEAR = 2100
"""Last lunar year (*năm âm lịch*) supported: the one whose Tết falls in 2100."""

# Vietnam's legal time, and the meridian of the calendar: 105° E = UTC+7.
_UTC_OFFSET_DAYS = 7 / 24

# ``ordinal + _JD_OF_ORDINAL_0`` is the Julian date of 00:00 UT starting the day with that
# proleptic Gregorian ordinal (date.toordinal(); 0001-01-01 is ordinal 1, JD 1721425.5).
_JD_OF_ORDINAL_0 = 1721424.5

# Meeus (49.1): the mean new moon of 2000-01-06 (k = 0), and the mean synodic month.
_NEW_MOON_EPOCH = 2451550.09766
_SYNODIC_MONTH = 29.530588861

_DEG = math.pi / 180

_MONTHS = 12  # months of a common lunar year, numbered 1-12
_LONGEST_MONTH = 30  # days; a lunar month has 29 or 30
_SECTOR_BEFORE_SOLSTICE = 8  # 240°-270° of solar longitude, Tiểu tuyết to Đông chí

# Argument names, as InvalidValueError.field reports them.
_TO_SOLAR = "lunar_to_solar({})"
_TO_LUNAR_DAY = "solar_to_lunar(day)"


def _delta_t_days(year: float) -> float:
    """Return ΔT = TT - UT in days at a (decimal) year, from Espenak & Meeus' polynomials.

    Only the pieces for 1860-2150 are kept: the supported range needs 1899-2101.
    """
    if year < 1900:  # noqa: PLR2004 - the polynomials' own break points
        t = year - 1860
        seconds = (
            7.62
            + 0.5737 * t
            - 0.251754 * t**2
            + 0.01680668 * t**3
            - 0.0004473624 * t**4
            + t**5 / 233174
        )
    elif year < 1920:  # noqa: PLR2004
        t = year - 1900
        seconds = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif year < 1941:  # noqa: PLR2004
        t = year - 1920
        seconds = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif year < 1961:  # noqa: PLR2004
        t = year - 1950
        seconds = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif year < 1986:  # noqa: PLR2004
        t = year - 1975
        seconds = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif year < 2005:  # noqa: PLR2004
        t = year - 2000
        seconds = (
            63.86
            + 0.3345 * t
            - 0.060374 * t**2
            + 0.0017275 * t**3
            + 0.000651814 * t**4
            + 0.00002373599 * t**5
        )
    elif year < 2050:  # noqa: PLR2004
        t = year - 2000
        seconds = 62.92 + 0.32217 * t + 0.005589 * t**2
    else:
        seconds = -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
    return seconds / 86400


def _decimal_year(jd: float) -> float:
    # Precise enough for ΔT, which changes by about a second a year.
    return 2000 + (jd - 2451545.0) / 365.25


# Periodic terms of Meeus (49.*) for a new moon: (coefficient, power of E, multiples of
# M (Sun's mean anomaly), M' (Moon's mean anomaly), F (Moon's argument of latitude)).
_NEW_MOON_TERMS: tuple[tuple[float, int, int, int, int], ...] = (
    (-0.40720, 0, 0, 1, 0),
    (0.17241, 1, 1, 0, 0),
    (0.01608, 0, 0, 2, 0),
    (0.01039, 0, 0, 0, 2),
    (0.00739, 1, -1, 1, 0),
    (-0.00514, 1, 1, 1, 0),
    (0.00208, 2, 2, 0, 0),
    (-0.00111, 0, 0, 1, -2),
    (-0.00057, 0, 0, 1, 2),
    (0.00056, 1, 1, 2, 0),
    (-0.00042, 0, 0, 3, 0),
    (0.00042, 1, 1, 0, 2),
    (0.00038, 1, 1, 0, -2),
    (-0.00024, 1, -1, 2, 0),
    (-0.00007, 0, 2, 1, 0),
    (0.00004, 0, 0, 2, -2),
    (0.00004, 0, 3, 0, 0),
    (0.00003, 0, 1, 1, -2),
    (0.00003, 0, 0, 2, 2),
    (-0.00003, 0, 1, 1, 2),
    (0.00003, 0, -1, 1, 2),
    (-0.00002, 0, -1, 1, -2),
    (-0.00002, 0, 1, 3, 0),
    (0.00002, 0, 0, 4, 0),
)

# Meeus' additional corrections for all phases (planetary arguments A1..A14):
# (coefficient, constant, rate per lunation); A1 also has a T² term, handled apart.
_PLANETARY_TERMS: tuple[tuple[float, float, float], ...] = (
    (0.000165, 251.88, 0.016321),
    (0.000164, 251.83, 26.651886),
    (0.000126, 349.42, 36.412478),
    (0.000110, 84.66, 18.206239),
    (0.000062, 141.74, 53.303771),
    (0.000060, 207.14, 2.453732),
    (0.000056, 154.84, 7.306860),
    (0.000047, 34.52, 27.261239),
    (0.000042, 207.19, 0.121824),
    (0.000040, 291.34, 1.844379),
    (0.000037, 161.72, 24.198154),
    (0.000035, 239.56, 25.513099),
    (0.000023, 331.55, 3.592518),
)


def _new_moon_jd(k: int) -> float:
    """Return the Julian date (UT) of new moon number ``k`` (k = 0: 2000-01-06), Meeus ch. 49."""
    t = k / 1236.85  # Julian centuries from J2000.0
    t2, t3, t4 = t * t, t * t * t, t * t * t * t
    jde = (
        _NEW_MOON_EPOCH
        + _SYNODIC_MONTH * k
        + 0.00015437 * t2
        - 0.000000150 * t3
        + 0.00000000073 * t4
    )
    # E corrects the terms in M for the decreasing eccentricity of the Earth's orbit.
    e = 1 - 0.002516 * t - 0.0000074 * t2
    m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * _DEG
    m_moon = (
        201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4
    ) * _DEG
    f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * _DEG
    omega = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * _DEG

    correction = -0.00017 * math.sin(omega)
    for coefficient, e_power, i_m, i_m_moon, i_f in _NEW_MOON_TERMS:
        correction += coefficient * e**e_power * math.sin(i_m * m + i_m_moon * m_moon + i_f * f)
    correction += 0.000325 * math.sin((299.77 + 0.107408 * k - 0.009173 * t2) * _DEG)
    for coefficient, constant, rate in _PLANETARY_TERMS:
        correction += coefficient * math.sin((constant + rate * k) * _DEG)

    jde += correction
    # Meeus' result is in Terrestrial (dynamical) Time; the calendar runs on civil time.
    return jde - _delta_t_days(_decimal_year(jde))


def _new_moon_day(k: int) -> int:
    """Return the proleptic ordinal of the local (UTC+7) day on which new moon ``k`` falls."""
    return math.floor(_new_moon_jd(k) + _UTC_OFFSET_DAYS - _JD_OF_ORDINAL_0)


def _sun_longitude(jd_ut: float) -> float:
    """Return the Sun's apparent longitude, in degrees in [0, 360), at a Julian date (UT).

    Meeus ch. 25, low precision (0.01°): the Sun moves about 1° a day, so a solar term is
    placed within minutes (at most 3.5 minutes off DE421 over 1900-2053).
    """
    jde = jd_ut + _delta_t_days(_decimal_year(jd_ut))
    t = (jde - 2451545.0) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * _DEG
    center = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
        + (0.019993 - 0.000101 * t) * math.sin(2 * m)
        + 0.000289 * math.sin(3 * m)
    )
    omega = (125.04 - 1934.136 * t) * _DEG
    # Aberration (-0.00569°) and nutation in longitude give the apparent longitude.
    apparent = mean_longitude + center - 0.00569 - 0.00478 * math.sin(omega)
    return apparent % 360


def _major_term_index(day: int) -> int:
    """Return the 30° sector (0-11) of the Sun's longitude at the local midnight starting ``day``.

    A month ``[start, next_start)`` contains a major solar term exactly when the index at its
    first midnight differs from the index at the next month's first midnight.
    """
    return math.floor(_sun_longitude(day + _JD_OF_ORDINAL_0 - _UTC_OFFSET_DAYS) / 30)


def _new_moon_number_before(day: int) -> int:
    """Return the number ``k`` of the last new moon that begins a month on or before ``day``."""
    jd = day + _JD_OF_ORDINAL_0
    k = math.floor((jd - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    # The true new moon wanders up to ~14 h from the mean one: step to the exact neighbour.
    while _new_moon_day(k + 1) <= day:
        k += 1
    while _new_moon_day(k) > day:
        k -= 1
    return k


@functools.cache
def _month_11(year: int) -> int:
    """Return ``k`` of the new moon that begins month 11: the month with the December solstice."""
    # The solstice day is the local day during which the Sun's longitude reaches 270°, i.e. the
    # last day that starts in sector 8 (240°-270°). It is always between 20 and 23 December.
    day = dt.date(year, 12, 19).toordinal()
    while _major_term_index(day + 1) == _SECTOR_BEFORE_SOLSTICE:
        day += 1
    return _new_moon_number_before(day)


@attrs.frozen
class _Month:
    """One month of a lunar year: its number, whether it is the leap one, its first day."""

    number: int
    leap: bool
    first: int  # proleptic ordinal


@functools.cache
def _sui_months(year: int) -> tuple[_Month, ...]:
    """Return the months from month 11 of ``year - 1`` up to month 11 of ``year`` (excluded).

    This run between two winter solstices (a *tuế*) is where the leap-month rule applies.
    """
    first_k = _month_11(year - 1)
    count = _month_11(year) - first_k  # 12, or 13 in a leap year
    starts = [_new_moon_day(first_k + i) for i in range(count + 1)]
    leap_offset = None
    if count > _MONTHS:  # thirteen months: one of them is leap
        sectors = [_major_term_index(day) for day in starts]
        # Month 11 always holds the solstice; the first later month whose start and end lie in
        # the same 30° sector holds no major term and is the leap month.
        leap_offset = next(i for i in range(1, count) if sectors[i] == sectors[i + 1])
    months = []
    number = 10  # month 11 of the previous year comes first
    for offset in range(count):
        leap = offset == leap_offset
        if not leap:
            number = number % _MONTHS + 1
        months.append(_Month(number, leap, starts[offset]))
    return tuple(months)


@attrs.frozen
class _Year:
    """The months of a lunar year, from Tết, and the first day of the next year."""

    months: tuple[_Month, ...]
    firsts: tuple[int, ...]  # the months' first days, for bisection
    end: int  # proleptic ordinal of next year's Tết


def _index_of_month_1(months: tuple[_Month, ...]) -> int:
    # The first month numbered 1 (tháng Giêng) is the regular one: a leap month comes after
    # the month whose number it repeats.
    return next(i for i, month in enumerate(months) if month.number == 1 and not month.leap)


@functools.cache
def _year(year: int) -> _Year:
    """Return the months of lunar ``year``: months 1-10 from its tuế, 11 and 12 from the next."""
    this, following = _sui_months(year), _sui_months(year + 1)
    start, end = _index_of_month_1(this), _index_of_month_1(following)
    months = this[start:] + following[:end]
    return _Year(months, tuple(month.first for month in months), following[end].first)


def _check_year(field: str, value: object) -> int:
    year = check_int(field, value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValueError(
            field, value, f"a lunar year from {FIRST_YEAR} to {LAST_YEAR} (inclusive)"
        )
    return year


def _month_range(year: int, month: int, *, leap: bool) -> tuple[int, int] | None:
    """Return the first day and the day after the last of a month, or None if there is none."""
    months = _year(year).months
    for i, candidate in enumerate(months):
        if candidate.number == month and candidate.leap == leap:
            end = months[i + 1].first if i + 1 < len(months) else _year(year).end
            return candidate.first, end
    return None


@attrs.frozen
class LunarDate:
    """A day of the *âm lịch* (Vietnamese lunisolar calendar).

    Attributes:
        year: The lunar year, numbered as the Gregorian year in which its Tết falls (the days
            of months 11 and 12 that fall in January still belong to the previous year).
        month: The month number, 1 (*tháng Giêng*) to 12 (*tháng Chạp*).
        day: The day of the month, 1 (*mùng 1*) to 29 or 30.
        is_leap_month: Whether the month is the leap month (*tháng nhuận*), which repeats the
            number of the month before it.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html

    Examples:
        >>> import datetime as dt
        >>> solar_to_lunar(dt.date(2024, 2, 9))  # the eve of Tết 2024
        LunarDate(year=2023, month=12, day=30, is_leap_month=False)
    """

    year: int
    month: int
    day: int
    is_leap_month: bool = False


def lunar_to_solar(year: int, month: int, day: int, *, leap: bool = False) -> dt.date:
    """Return the solar (Gregorian) date of a day of the *âm lịch* (Vietnamese lunar calendar).

    Args:
        year: The lunar year: the Gregorian year in which that lunar year's Tết falls, from
            ``FIRST_YEAR`` to ``LAST_YEAR``.
        month: The lunar month, 1 to 12.
        day: The day of the month, 1 to 29 or 30 (the month's own length).
        leap: Whether the day is in the leap month (*tháng nhuận*) numbered ``month``.

    Returns:
        The solar date.

    Raises:
        InvalidValueError: An argument has the wrong type, the year is out of range, the month
            is not 1-12, the month has no such day, or ``leap`` is true but ``month`` is not
            that year's leap month.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html; Jean Meeus,
        *Astronomical Algorithms*, 2nd ed., 1998, chapters 25 and 49.

    Examples:
        >>> lunar_to_solar(2025, 1, 1)
        datetime.date(2025, 1, 29)
        >>> lunar_to_solar(2025, 6, 1, leap=True)  # tháng 6 nhuận
        datetime.date(2025, 7, 25)
    """
    lunar_year = _check_year(_TO_SOLAR.format("year"), year)
    lunar_month = check_int(_TO_SOLAR.format("month"), month)
    if not 1 <= lunar_month <= _MONTHS:
        raise InvalidValueError(_TO_SOLAR.format("month"), month, "a lunar month from 1 to 12")
    lunar_day = check_int(_TO_SOLAR.format("day"), day)
    if not 1 <= lunar_day <= _LONGEST_MONTH:
        raise InvalidValueError(_TO_SOLAR.format("day"), day, "a day of a lunar month, 1 to 30")
    if not isinstance(leap, bool):
        raise InvalidValueError(_TO_SOLAR.format("leap"), leap, "True or False")
    span = _month_range(lunar_year, lunar_month, leap=leap)
    if span is None:
        leap_months = [m.number for m in _year(lunar_year).months if m.leap]
        has = f"is month {leap_months[0]}" if leap_months else "does not exist"
        raise InvalidValueError(
            _TO_SOLAR.format("leap"),
            leap,
            f"False: the leap month of lunar year {lunar_year} {has}",
        )
    first, end = span
    if lunar_day > end - first:
        name = f"leap lunar month {lunar_month}" if leap else f"lunar month {lunar_month}"
        raise InvalidValueError(
            _TO_SOLAR.format("day"),
            day,
            f"a day of {name}/{lunar_year}, which has {end - first} days",
        )
    return dt.date.fromordinal(first + lunar_day - 1)


def solar_to_lunar(day: dt.date) -> LunarDate:
    """Return the *âm lịch* (Vietnamese lunar calendar) date of a solar (Gregorian) day.

    Args:
        day: A ``datetime.date`` (not a ``datetime``: the lunar day depends on the time zone)
            from Tết of ``FIRST_YEAR`` to the eve of the Tết after ``LAST_YEAR``.

    Returns:
        The lunar date, reckoned at UTC+7.

    Raises:
        InvalidValueError: ``day`` is not a date, or is outside the supported range.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html; Jean Meeus,
        *Astronomical Algorithms*, 2nd ed., 1998, chapters 25 and 49.

    Examples:
        >>> import datetime as dt
        >>> solar_to_lunar(dt.date(2025, 4, 7))
        LunarDate(year=2025, month=3, day=10, is_leap_month=False)
    """
    solar = check_date(_TO_LUNAR_DAY, day)
    ordinal = solar.toordinal()
    first, end = _year(FIRST_YEAR).months[0].first, _year(LAST_YEAR).end
    if not first <= ordinal < end:
        raise InvalidValueError(
            _TO_LUNAR_DAY,
            day,
            f"a date from {dt.date.fromordinal(first).isoformat()} "
            f"to {dt.date.fromordinal(end - 1).isoformat()} "
            f"(lunar years {FIRST_YEAR}-{LAST_YEAR})",
        )
    # Days of January (and early February) before Tết belong to the previous lunar year.
    year = solar.year
    if year > LAST_YEAR or ordinal < _year(year).firsts[0]:
        year -= 1
    lunar_year = _year(year)
    index = bisect.bisect_right(lunar_year.firsts, ordinal) - 1
    month = lunar_year.months[index]
    return LunarDate(year, month.number, ordinal - month.first + 1, month.leap)


def lunar_new_year(year: int) -> dt.date:
    """Return the first day of *Tết Nguyên Đán* (mùng 1 tháng Giêng) of a lunar year.

    Args:
        year: The Gregorian year in which that Tết falls, from ``FIRST_YEAR`` to ``LAST_YEAR``.

    Returns:
        The solar date of the first day of the first lunar month.

    Raises:
        InvalidValueError: ``year`` is not an integer or is out of range.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html; Jean Meeus,
        *Astronomical Algorithms*, 2nd ed., 1998, chapters 25 and 49.

    Examples:
        >>> lunar_new_year(2030)  # China, on UTC+8, has 3 February
        datetime.date(2030, 2, 2)
        >>> lunar_new_year(2026)
        datetime.date(2026, 2, 17)
    """
    return dt.date.fromordinal(_year(_check_year("lunar_new_year(year)", year)).firsts[0])


def lunar_new_years_eve(year: int) -> dt.date:
    """Return the last day of the lunar year before *Tết Nguyên Đán* (*ngày tất niên*).

    That is the 29th or 30th of the 12th month (*tháng Chạp*) of the previous lunar year, the
    day before ``lunar_new_year(year)``.

    Args:
        year: The Gregorian year of the Tết that follows, from ``FIRST_YEAR`` to ``LAST_YEAR``.

    Returns:
        The solar date of the eve of Tết.

    Raises:
        InvalidValueError: ``year`` is not an integer or is out of range.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html; Jean Meeus,
        *Astronomical Algorithms*, 2nd ed., 1998, chapters 25 and 49.

    Examples:
        >>> lunar_new_years_eve(2024)  # 30 tháng Chạp
        datetime.date(2024, 2, 9)
        >>> lunar_new_years_eve(2025)  # 29 tháng Chạp: that month had 29 days
        datetime.date(2025, 1, 28)
    """
    first = _year(_check_year("lunar_new_years_eve(year)", year)).firsts[0]
    return dt.date.fromordinal(first - 1)


def hung_kings_day(year: int) -> dt.date:
    """Return *Giỗ Tổ Hùng Vương*, the 10th day of the 3rd lunar month, in a lunar year.

    When the year has a leap 3rd month (*tháng 3 nhuận*), the day is kept in the regular 3rd
    month, which comes first.

    Args:
        year: The lunar year (the Gregorian year of its Tết, which is also the Gregorian year
            of its Giỗ Tổ), from ``FIRST_YEAR`` to ``LAST_YEAR``.

    Returns:
        The solar date of 10 tháng 3 âm lịch.

    Raises:
        InvalidValueError: ``year`` is not an integer or is out of range.

    References:
        Hồ Ngọc Đức, *Thuật toán tính âm lịch*,
        https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html; Jean Meeus,
        *Astronomical Algorithms*, 2nd ed., 1998, chapters 25 and 49.

    Examples:
        >>> hung_kings_day(2026)
        datetime.date(2026, 4, 26)
    """
    span = _month_range(_check_year("hung_kings_day(year)", year), 3, leap=False)
    if span is None:  # pragma: no cover - every lunar year has a regular 3rd month
        msg = f"lunar year {year} has no 3rd month"
        raise AssertionError(msg)
    return dt.date.fromordinal(span[0] + 9)
