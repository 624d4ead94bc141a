"""Tests of the Vietnamese lunisolar calendar (tthc.calendar._lunar)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.calendar import _lunar
from tthc.calendar._lunar import (
    FIRST_YEAR,
    LAST_YEAR,
    LunarDate,
    hung_kings_day,
    lunar_new_year,
    lunar_new_years_eve,
    lunar_to_solar,
    solar_to_lunar,
)
from tthc.errors import InvalidValueError

# The supported solar range: Tết of FIRST_YEAR to the eve of the Tết after LAST_YEAR.
FIRST_DAY = dt.date(1900, 1, 31)
LAST_DAY = dt.date(2101, 1, 28)

years = st.integers(FIRST_YEAR, LAST_YEAR)
solar_days = st.dates(FIRST_DAY, LAST_DAY)


# --- the independent oracle: holidays' precomputed Vietnamese tables --------------------------


@pytest.fixture(scope="module")
def vietnamese_lunisolar():
    chinese = pytest.importorskip("holidays.calendars.chinese")
    # Private API of holidays, pinned to holidays 0.109:
    # _ChineseLunisolar(VIETNAMESE_CALENDAR).lunar_new_year_date(year) and .hung_kings_date(year)
    # return (date, is_estimated) from tables computed at UTC+7 for 1901-2100.
    return chinese._ChineseLunisolar(calendar=chinese.VIETNAMESE_CALENDAR)


def test_tet_matches_holidays_1901_2100(vietnamese_lunisolar):
    mismatches = [
        (year, lunar_new_year(year), vietnamese_lunisolar.lunar_new_year_date(year)[0])
        for year in range(1901, 2101)
        if lunar_new_year(year) != vietnamese_lunisolar.lunar_new_year_date(year)[0]
    ]
    assert mismatches == []


def test_hung_kings_day_matches_holidays_1901_2100(vietnamese_lunisolar):
    mismatches = [
        (year, hung_kings_day(year), vietnamese_lunisolar.hung_kings_date(year)[0])
        for year in range(1901, 2101)
        if hung_kings_day(year) != vietnamese_lunisolar.hung_kings_date(year)[0]
    ]
    assert mismatches == []


# --- published facts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1985, dt.date(1985, 1, 21)),  # China (UTC+8): 20 February, a month later
        (2007, dt.date(2007, 2, 17)),  # China: 18 February
        (2025, dt.date(2025, 1, 29)),
        (2026, dt.date(2026, 2, 17)),
        (2030, dt.date(2030, 2, 2)),  # China: 3 February
    ],
)
def test_tet(year, expected):
    assert lunar_new_year(year) == expected
    assert solar_to_lunar(expected) == LunarDate(year, 1, 1, is_leap_month=False)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, dt.date(2023, 4, 29)),
        (2024, dt.date(2024, 4, 18)),
        (2025, dt.date(2025, 4, 7)),
        (2026, dt.date(2026, 4, 26)),
    ],
)
def test_hung_kings_day(year, expected):
    assert hung_kings_day(year) == expected
    assert lunar_to_solar(year, 3, 10) == expected


@pytest.mark.parametrize(
    ("year", "expected", "lunar_day"),
    [
        (2024, dt.date(2024, 2, 9), 30),  # month 12 of Quý Mão had 30 days
        (2025, dt.date(2025, 1, 28), 29),  # month 12 of Giáp Thìn had 29 days
    ],
)
def test_lunar_new_years_eve(year, expected, lunar_day):
    assert lunar_new_years_eve(year) == expected
    assert solar_to_lunar(expected) == LunarDate(year - 1, 12, lunar_day)


@pytest.mark.parametrize(
    ("year", "month", "first_day"),
    [
        (2020, 4, dt.date(2020, 5, 23)),
        (2023, 2, dt.date(2023, 3, 22)),
        (2025, 6, dt.date(2025, 7, 25)),
        (2033, 11, dt.date(2033, 12, 22)),  # the "2033 problem": leap 11, after the solstice
    ],
)
def test_leap_months(year, month, first_day):
    assert lunar_to_solar(year, month, 1, leap=True) == first_day
    assert solar_to_lunar(first_day) == LunarDate(year, month, 1, is_leap_month=True)
    # The regular month of the same number comes first.
    assert lunar_to_solar(year, month, 1) < first_day


@pytest.mark.parametrize("year", [1917, 1936, 1955, 1966, 1993, 2031, 2050, 2061, 2080])
def test_hung_kings_day_ignores_a_leap_third_month(year):
    regular, leap = lunar_to_solar(year, 3, 10), lunar_to_solar(year, 3, 10, leap=True)
    assert hung_kings_day(year) == regular
    assert 29 <= (leap - regular).days <= 30


def test_range_edges():
    assert lunar_new_year(FIRST_YEAR) == FIRST_DAY
    assert solar_to_lunar(FIRST_DAY) == LunarDate(FIRST_YEAR, 1, 1)
    last = solar_to_lunar(LAST_DAY)
    assert (last.year, last.month, last.is_leap_month) == (LAST_YEAR, 12, False)
    assert lunar_new_years_eve(FIRST_YEAR) == FIRST_DAY - dt.timedelta(days=1)


def test_numpy_integers_are_accepted():
    np = pytest.importorskip("numpy")
    assert lunar_new_year(np.int64(2025)) == dt.date(2025, 1, 29)
    assert lunar_to_solar(np.int32(2025), np.int8(3), np.int16(10)) == dt.date(2025, 4, 7)


def test_whole_range_is_fast():
    # Builds every year from scratch; the caller asks for ~90 years at import of a calendar.
    for cached in (_lunar._month_11, _lunar._sui_months, _lunar._year):
        cached.cache_clear()
    for year in range(1901, 2101):
        lunar_new_year(year)
        hung_kings_day(year)
    assert _lunar._year.cache_info().currsize == 200


# --- properties ---------------------------------------------------------------------------------


@st.composite
def lunar_dates(draw):
    """Any valid (year, month, day, leap), leap months and 30th days included."""
    year = draw(years)
    months = _lunar._year(year).months
    index = draw(st.integers(0, len(months) - 1))
    end = months[index + 1].first if index + 1 < len(months) else _lunar._year(year).end
    day = draw(st.integers(1, end - months[index].first))
    return year, months[index].number, day, months[index].leap


@given(lunar_dates())
def test_lunar_to_solar_round_trips(date):
    year, month, day, leap = date
    assert solar_to_lunar(lunar_to_solar(year, month, day, leap=leap)) == LunarDate(
        year, month, day, is_leap_month=leap
    )


@given(solar_days)
def test_solar_to_lunar_round_trips(day):
    lunar = solar_to_lunar(day)
    assert lunar_to_solar(lunar.year, lunar.month, lunar.day, leap=lunar.is_leap_month) == day


@given(st.dates(FIRST_DAY, LAST_DAY - dt.timedelta(days=1)))
def test_consecutive_days(day):
    today, tomorrow = solar_to_lunar(day), solar_to_lunar(day + dt.timedelta(days=1))
    if tomorrow.day != 1:
        assert tomorrow == LunarDate(today.year, today.month, today.day + 1, today.is_leap_month)
        return
    # A new month: the previous one ended on its 29th or 30th.
    assert today.day in {29, 30}
    if tomorrow.is_leap_month:  # a leap month repeats the number of the month before it
        assert (tomorrow.year, tomorrow.month) == (today.year, today.month)
        assert not today.is_leap_month
    elif today.month == 12:
        assert (tomorrow.year, tomorrow.month) == (today.year + 1, 1)
    else:
        assert (tomorrow.year, tomorrow.month) == (today.year, today.month + 1)


@given(years)
def test_months_and_years_have_valid_lengths(year):
    first = lunar_new_year(year)
    end = lunar_new_years_eve(year + 1) if year < LAST_YEAR else LAST_DAY
    lengths: Counter[tuple[int, bool]] = Counter()
    day = first
    while day <= end:
        lunar = solar_to_lunar(day)
        assert lunar.year == year
        lengths[lunar.month, lunar.is_leap_month] += 1
        day += dt.timedelta(days=1)
    assert set(lengths.values()) <= {29, 30}
    assert len(lengths) in {12, 13}
    leap_months = [month for month, leap in lengths if leap]
    assert len(leap_months) == len(lengths) - 12
    assert {month for month, _ in lengths} == set(range(1, 13))
    assert (end - first).days + 1 in ({353, 354, 355} if len(lengths) == 12 else {383, 384, 385})


@given(years)
def test_tet_falls_between_21_january_and_20_february(year):
    # Tết is the second new moon after the December solstice (the third after a leap 11 or 12).
    assert dt.date(year, 1, 21) <= lunar_new_year(year) <= dt.date(year, 2, 20)
    assert lunar_new_years_eve(year) == lunar_new_year(year) - dt.timedelta(days=1)


# --- bad input ----------------------------------------------------------------------------------


BAD_INPUT = [
    # (id, function, args, keyword args, expected .field, message pattern)
    ("month-13", lunar_to_solar, (2025, 13, 1), {}, "lunar_to_solar(month)", "from 1 to 12"),
    ("month-0", lunar_to_solar, (2025, 0, 1), {}, "lunar_to_solar(month)", "from 1 to 12"),
    ("day-0", lunar_to_solar, (2025, 1, 0), {}, "lunar_to_solar(day)", "1 to 30"),
    ("day-31", lunar_to_solar, (2025, 1, 31), {}, "lunar_to_solar(day)", "1 to 30"),
    (
        "day-30-of-a-29-day-month",
        lunar_to_solar,
        (2025, 2, 30),
        {},
        "lunar_to_solar(day)",
        r"a day of lunar month 2/2025, which has 29 days",
    ),
    (
        "day-30-of-a-29-day-leap-month",
        lunar_to_solar,
        (2025, 6, 30),
        {"leap": True},
        "lunar_to_solar(day)",
        r"a day of leap lunar month 6/2025, which has 29 days",
    ),
    (
        "leap-not-the-leap-month",
        lunar_to_solar,
        (2025, 5, 1),
        {"leap": True},
        "lunar_to_solar(leap)",
        "leap month of lunar year 2025 is month 6",
    ),
    (
        "leap-in-a-common-year",
        lunar_to_solar,
        (2024, 1, 1),
        {"leap": True},
        "lunar_to_solar(leap)",
        "leap month of lunar year 2024 does not exist",
    ),
    ("leap-int", lunar_to_solar, (2025, 1, 1), {"leap": 1}, "lunar_to_solar(leap)", "True or"),
    ("year-1899", lunar_to_solar, (1899, 1, 1), {}, "lunar_to_solar(year)", "from 1900 to 2100"),
    ("year-2101", lunar_to_solar, (2101, 1, 1), {}, "lunar_to_solar(year)", "from 1900 to 2100"),
    ("year-bool", lunar_to_solar, (True, 1, 1), {}, "lunar_to_solar(year)", "whole number"),
    ("year-float", lunar_to_solar, (2025.0, 1, 1), {}, "lunar_to_solar(year)", "whole number"),
    ("month-float", lunar_to_solar, (2025, 1.0, 1), {}, "lunar_to_solar(month)", "whole number"),
    ("day-str", lunar_to_solar, (2025, 1, "1"), {}, "lunar_to_solar(day)", "whole number"),
    ("tet-1899", lunar_new_year, (1899,), {}, "lunar_new_year(year)", "from 1900 to 2100"),
    ("tet-bool", lunar_new_year, (False,), {}, "lunar_new_year(year)", "whole number"),
    ("eve-2101", lunar_new_years_eve, (2101,), {}, "lunar_new_years_eve(year)", "from 1900"),
    ("eve-float", lunar_new_years_eve, (2025.5,), {}, "lunar_new_years_eve(year)", "whole"),
    ("gio-to-2101", hung_kings_day, (2101,), {}, "hung_kings_day(year)", "from 1900 to 2100"),
    ("gio-to-str", hung_kings_day, ("2025",), {}, "hung_kings_day(year)", "whole number"),
    (
        "datetime",
        solar_to_lunar,
        (dt.datetime(2025, 1, 29, 12),),
        {},
        "solar_to_lunar(day)",
        "not a datetime",
    ),
    ("str-date", solar_to_lunar, ("2025-01-29",), {}, "solar_to_lunar(day)", "datetime.date"),
    (
        "before-range",
        solar_to_lunar,
        (FIRST_DAY - dt.timedelta(days=1),),
        {},
        "solar_to_lunar(day)",
        "from 1900-01-31 to 2101-01-28",
    ),
    (
        "after-range",
        solar_to_lunar,
        (LAST_DAY + dt.timedelta(days=1),),
        {},
        "solar_to_lunar(day)",
        "from 1900-01-31 to 2101-01-28",
    ),
]


@pytest.mark.parametrize(
    ("function", "args", "kwargs", "field", "match"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUT],
)
def test_bad_input(function, args, kwargs, field, match):
    with pytest.raises(InvalidValueError, match=match) as caught:
        function(*args, **kwargs)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_error_keeps_the_refused_value():
    with pytest.raises(InvalidValueError) as caught:
        lunar_to_solar(2025, 2, 30)
    assert (caught.value.value, caught.value.expected) == (
        30,
        "a day of lunar month 2/2025, which has 29 days",
    )
