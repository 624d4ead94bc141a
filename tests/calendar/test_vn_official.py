"""The official public-sector days off and working weekend days, 2013-2027.

Rule under test: a day is a working day when it is a Monday-Friday and not a day off, or when it
is a weekend day made working (*làm bù*) by the year's official notice.

The table below is transcribed from the team's research notes (shared/research/vn_calendar.json
and vn_calendar.md §5 for 2019-2026; the 2013-2018 and 2027 research of November 2026), not from
tthc's data file; each row's id is the document that sets the day (2027: Công văn
10065/VPCP-KGVX as reported by secondary sources). The yearly working-day totals are the research
notes' own counts.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

import tthc

OFFICIAL_DAYS_OFF = [
    ("2013-01-01", "9570-VPCP-KGVX"),
    ("2013-02-11", "9570-VPCP-KGVX"),
    ("2013-02-12", "9570-VPCP-KGVX"),
    ("2013-02-13", "9570-VPCP-KGVX"),
    ("2013-02-14", "9570-VPCP-KGVX"),
    ("2013-02-15", "9570-VPCP-KGVX"),
    ("2013-04-19", "9570-VPCP-KGVX"),
    ("2013-04-29", "9570-VPCP-KGVX"),
    ("2013-04-30", "9570-VPCP-KGVX"),
    ("2013-05-01", "9570-VPCP-KGVX"),
    ("2013-09-02", "9570-VPCP-KGVX"),
    ("2014-01-01", "10525-VPCP-KGVX"),
    ("2014-01-28", "10525-VPCP-KGVX"),
    ("2014-01-29", "10525-VPCP-KGVX"),
    ("2014-01-30", "10525-VPCP-KGVX"),
    ("2014-01-31", "10525-VPCP-KGVX"),
    ("2014-02-03", "10525-VPCP-KGVX"),
    ("2014-02-04", "10525-VPCP-KGVX"),
    ("2014-02-05", "10525-VPCP-KGVX"),
    ("2014-04-09", "10525-VPCP-KGVX"),
    ("2014-04-30", "10525-VPCP-KGVX"),
    ("2014-05-01", "10525-VPCP-KGVX"),
    ("2014-05-02", "10525-VPCP-KGVX"),
    ("2014-09-01", "10525-VPCP-KGVX"),
    ("2014-09-02", "10525-VPCP-KGVX"),
    ("2015-01-01", "press-2015"),
    ("2015-01-02", "press-2015"),
    ("2015-02-16", "press-2015"),
    ("2015-02-17", "press-2015"),
    ("2015-02-18", "press-2015"),
    ("2015-02-19", "press-2015"),
    ("2015-02-20", "press-2015"),
    ("2015-02-23", "press-2015"),
    ("2015-04-28", "press-2015"),
    ("2015-04-29", "press-2015"),
    ("2015-04-30", "press-2015"),
    ("2015-05-01", "press-2015"),
    ("2015-09-02", "press-2015"),
    ("2016-01-01", "4659-TB-LDTBXH"),
    ("2016-02-08", "4659-TB-LDTBXH"),
    ("2016-02-09", "4659-TB-LDTBXH"),
    ("2016-02-10", "4659-TB-LDTBXH"),
    ("2016-02-11", "4659-TB-LDTBXH"),
    ("2016-02-12", "4659-TB-LDTBXH"),
    ("2016-04-18", "4659-TB-LDTBXH"),
    ("2016-05-02", "4659-TB-LDTBXH"),
    ("2016-05-03", "4659-TB-LDTBXH"),
    ("2016-09-02", "4659-TB-LDTBXH"),
    ("2017-01-02", "9794-VPCP-KGVX"),
    ("2017-01-26", "9794-VPCP-KGVX"),
    ("2017-01-27", "9794-VPCP-KGVX"),
    ("2017-01-30", "9794-VPCP-KGVX"),
    ("2017-01-31", "9794-VPCP-KGVX"),
    ("2017-02-01", "9794-VPCP-KGVX"),
    ("2017-04-06", "9794-VPCP-KGVX"),
    ("2017-05-01", "9794-VPCP-KGVX"),
    ("2017-05-02", "9794-VPCP-KGVX"),
    ("2017-09-04", "9794-VPCP-KGVX"),
    ("2018-01-01", "573-TB-VPCP"),
    ("2018-02-14", "573-TB-VPCP"),
    ("2018-02-15", "573-TB-VPCP"),
    ("2018-02-16", "573-TB-VPCP"),
    ("2018-02-19", "573-TB-VPCP"),
    ("2018-02-20", "573-TB-VPCP"),
    ("2018-04-25", "573-TB-VPCP"),
    ("2018-04-30", "573-TB-VPCP"),
    ("2018-05-01", "573-TB-VPCP"),
    ("2018-09-03", "573-TB-VPCP"),
    ("2018-12-31", "6519-VPCP-KGVX"),
    ("2019-01-01", "6519-VPCP-KGVX"),
    ("2019-02-04", "6519-VPCP-KGVX"),
    ("2019-02-05", "6519-VPCP-KGVX"),
    ("2019-02-06", "6519-VPCP-KGVX"),
    ("2019-02-07", "6519-VPCP-KGVX"),
    ("2019-02-08", "6519-VPCP-KGVX"),
    ("2019-04-15", "6519-VPCP-KGVX"),
    ("2019-04-29", "6519-VPCP-KGVX"),
    ("2019-04-30", "6519-VPCP-KGVX"),
    ("2019-05-01", "6519-VPCP-KGVX"),
    ("2019-09-02", "6519-VPCP-KGVX"),
    ("2020-01-01", "LC2012-Art115+press"),
    ("2020-01-23", "LC2012-Art115+press"),
    ("2020-01-24", "LC2012-Art115+press"),
    ("2020-01-27", "LC2012-Art115+press"),
    ("2020-01-28", "LC2012-Art115+press"),
    ("2020-01-29", "LC2012-Art115+press"),
    ("2020-04-02", "LC2012-Art115+press"),
    ("2020-04-30", "LC2012-Art115+press"),
    ("2020-05-01", "LC2012-Art115+press"),
    ("2020-09-02", "LC2012-Art115+press"),
    ("2021-01-01", "4875-TB-LDTBXH"),
    ("2021-02-10", "4875-TB-LDTBXH"),
    ("2021-02-11", "4875-TB-LDTBXH"),
    ("2021-02-12", "4875-TB-LDTBXH"),
    ("2021-02-15", "4875-TB-LDTBXH"),
    ("2021-02-16", "4875-TB-LDTBXH"),
    ("2021-04-21", "4875-TB-LDTBXH"),
    ("2021-04-30", "4875-TB-LDTBXH"),
    ("2021-05-03", "4875-TB-LDTBXH"),
    ("2021-09-02", "4875-TB-LDTBXH"),
    ("2021-09-03", "4875-TB-LDTBXH"),
    ("2022-01-03", "119-TB-LDTBXH"),
    ("2022-01-31", "119-TB-LDTBXH"),
    ("2022-02-01", "119-TB-LDTBXH"),
    ("2022-02-02", "119-TB-LDTBXH"),
    ("2022-02-03", "119-TB-LDTBXH"),
    ("2022-02-04", "119-TB-LDTBXH"),
    ("2022-04-11", "119-TB-LDTBXH"),
    ("2022-05-02", "119-TB-LDTBXH"),
    ("2022-05-03", "119-TB-LDTBXH"),
    ("2022-09-01", "119-TB-LDTBXH"),
    ("2022-09-02", "119-TB-LDTBXH"),
    ("2023-01-02", "5034-TB-LDTBXH"),
    ("2023-01-20", "5034-TB-LDTBXH"),
    ("2023-01-23", "5034-TB-LDTBXH"),
    ("2023-01-24", "5034-TB-LDTBXH"),
    ("2023-01-25", "5034-TB-LDTBXH"),
    ("2023-01-26", "5034-TB-LDTBXH"),
    ("2023-05-01", "5034-TB-LDTBXH"),
    ("2023-05-02", "5034-TB-LDTBXH"),
    ("2023-05-03", "5034-TB-LDTBXH"),
    ("2023-09-01", "5034-TB-LDTBXH"),
    ("2023-09-04", "5034-TB-LDTBXH"),
    ("2024-01-01", "5015-TB-LDTBXH"),
    ("2024-02-08", "5015-TB-LDTBXH"),
    ("2024-02-09", "5015-TB-LDTBXH"),
    ("2024-02-12", "5015-TB-LDTBXH"),
    ("2024-02-13", "5015-TB-LDTBXH"),
    ("2024-02-14", "5015-TB-LDTBXH"),
    ("2024-04-18", "5015-TB-LDTBXH"),
    ("2024-04-29", "5015-TB-LDTBXH"),
    ("2024-04-30", "5015-TB-LDTBXH"),
    ("2024-05-01", "5015-TB-LDTBXH"),
    ("2024-09-02", "5015-TB-LDTBXH"),
    ("2024-09-03", "5015-TB-LDTBXH"),
    ("2025-01-01", "6150-TB-BLDTBXH"),
    ("2025-01-27", "6150-TB-BLDTBXH"),
    ("2025-01-28", "6150-TB-BLDTBXH"),
    ("2025-01-29", "6150-TB-BLDTBXH"),
    ("2025-01-30", "6150-TB-BLDTBXH"),
    ("2025-01-31", "6150-TB-BLDTBXH"),
    ("2025-04-07", "6150-TB-BLDTBXH"),
    ("2025-04-30", "6150-TB-BLDTBXH"),
    ("2025-05-01", "6150-TB-BLDTBXH"),
    ("2025-05-02", "6150-TB-BLDTBXH"),
    ("2025-09-01", "6150-TB-BLDTBXH"),
    ("2025-09-02", "6150-TB-BLDTBXH"),
    ("2026-01-01", "9441-TB-BNV"),
    ("2026-01-02", "12729-VPCP-KGVX"),
    ("2026-02-16", "9441-TB-BNV"),
    ("2026-02-17", "9441-TB-BNV"),
    ("2026-02-18", "9441-TB-BNV"),
    ("2026-02-19", "9441-TB-BNV"),
    ("2026-02-20", "9441-TB-BNV"),
    ("2026-04-27", "9441-TB-BNV"),
    ("2026-04-30", "9441-TB-BNV"),
    ("2026-05-01", "9441-TB-BNV"),
    ("2026-08-31", "9441-TB-BNV"),
    ("2026-09-01", "9441-TB-BNV"),
    ("2026-09-02", "9441-TB-BNV"),
    ("2026-11-24", "NQ28-2026-QH16"),
    ("2027-01-01", "10065-VPCP-KGVX-secondary"),
    ("2027-02-04", "10065-VPCP-KGVX-secondary"),
    ("2027-02-05", "10065-VPCP-KGVX-secondary"),
    ("2027-02-08", "10065-VPCP-KGVX-secondary"),
    ("2027-02-09", "10065-VPCP-KGVX-secondary"),
    ("2027-02-10", "10065-VPCP-KGVX-secondary"),
    ("2027-04-16", "10065-VPCP-KGVX-secondary"),
    ("2027-04-30", "10065-VPCP-KGVX-secondary"),
    ("2027-05-03", "10065-VPCP-KGVX-secondary"),
    ("2027-09-02", "10065-VPCP-KGVX-secondary"),
    ("2027-09-03", "10065-VPCP-KGVX-secondary"),
    ("2027-11-24", "10065-VPCP-KGVX-secondary"),
]

WORKING_WEEKEND_DAYS = [
    ("2013-01-05", "9570-VPCP-KGVX"),
    ("2013-02-23", "9570-VPCP-KGVX"),
    ("2013-05-04", "9570-VPCP-KGVX"),
    ("2014-01-25", "10525-VPCP-KGVX"),
    ("2014-02-08", "10525-VPCP-KGVX"),
    ("2014-04-26", "10525-VPCP-KGVX"),
    ("2014-09-06", "10525-VPCP-KGVX"),
    ("2014-12-27", "press-2015"),
    ("2015-02-14", "press-2015"),
    ("2015-04-25", "press-2015"),
    ("2019-01-05", "6519-VPCP-KGVX"),
    ("2019-05-04", "6519-VPCP-KGVX"),
    ("2024-05-04", "2450-VPCP-KGVX"),
    ("2025-04-26", "6150-TB-BLDTBXH"),
    ("2026-01-10", "12729-VPCP-KGVX"),
    ("2026-08-22", "9441-TB-BNV"),
]

# Yearly totals from vn_calendar.json ("working_days_in_year.official").
WORKING_DAYS_PER_YEAR = {
    2019: 252,
    2020: 252,
    2021: 250,
    2022: 249,
    2023: 249,
    2024: 251,
    2025: 250,
    2026: 249,
}


@pytest.mark.parametrize(
    "day", [pytest.param(dt.date.fromisoformat(d), id=f"{d}-{s}") for d, s in OFFICIAL_DAYS_OFF]
)
def test_official_day_off_is_not_a_working_day(cal: tthc.WorkingCalendar, day: dt.date) -> None:
    """Every weekday off in an official notice is not a working day."""
    assert day.weekday() < 5
    # 31/12/2018 sits in a year that may have no official schedule loaded; say so explicitly.
    provisional = day.year in cal.provisional_years
    with (
        pytest.warns(tthc.ProvisionalCalendarWarning) if provisional else contextlib.nullcontext()
    ):
        assert cal.is_working_day(day) is False
    entry = cal.entry(day)
    assert entry is not None
    assert entry.basis is tthc.Basis.OFFICIAL
    assert entry.kind is tthc.EntryKind.DAY_OFF


@pytest.mark.parametrize(
    "day", [pytest.param(dt.date.fromisoformat(d), id=f"{d}-{s}") for d, s in WORKING_WEEKEND_DAYS]
)
def test_swapped_weekend_day_is_a_working_day(cal: tthc.WorkingCalendar, day: dt.date) -> None:
    """Every Saturday made working (làm bù) by an official notice is a working day."""
    assert day.weekday() == 5
    assert cal.is_working_day(day) is True
    entry = cal.entry(day)
    assert entry is not None
    assert entry.kind is tthc.EntryKind.EXTRA_WORKING_DAY


@pytest.mark.parametrize("year", range(2013, 2028))
def test_no_other_exceptions_in_official_years(cal: tthc.WorkingCalendar, year: int) -> None:
    """Apart from the listed days, every weekday works and every weekend day rests."""
    listed_off = {dt.date.fromisoformat(d) for d, _ in OFFICIAL_DAYS_OFF}
    listed_on = {dt.date.fromisoformat(d) for d, _ in WORKING_WEEKEND_DAYS}
    day = dt.date(year, 1, 1)
    working = 0
    while day.year == year:
        expected = (day.weekday() < 5 and day not in listed_off) or day in listed_on
        assert cal.is_working_day(day) is expected, day
        working += expected
        day += dt.timedelta(days=1)
    if year in WORKING_DAYS_PER_YEAR:
        assert working == WORKING_DAYS_PER_YEAR[year]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # vn_calendar.md §1: 1-2 Jan 2026 off (12729/VPCP-KGVX): Mon 5 is the 1st, Wed 7 the 3rd.
        pytest.param(
            dt.date(2025, 12, 31), 3, dt.date(2026, 1, 7), id="31-12-2025+3-over-new-year"
        ),
        # Sat 10/1/2026 worked for Fri 2/1: the next working day after Fri 9/1 is Sat 10/1.
        pytest.param(
            dt.date(2026, 1, 9), 1, dt.date(2026, 1, 10), id="9-1-2026+1-working-saturday"
        ),
        # Tết Bính Ngọ: 16-20/2/2026 off (9441/TB-BNV): Fri 13 + 1 -> Mon 23.
        pytest.param(dt.date(2026, 2, 13), 1, dt.date(2026, 2, 23), id="tet-2026"),
        # 2025: Sat 26/4 worked, 30/4-2/5 off (6150/TB-BLĐTBXH): Fri 25/4 + 1 -> Sat 26/4,
        # + 2 -> Mon 28/4, + 4 -> Mon 5/5.
        pytest.param(dt.date(2025, 4, 25), 1, dt.date(2025, 4, 26), id="26-4-2025-saturday"),
        pytest.param(dt.date(2025, 4, 25), 4, dt.date(2025, 5, 5), id="30-4-2025-break"),
        # Tết Ất Tỵ: 27-31/1/2025 off: Fri 24/1 + 1 -> Mon 3/2.
        pytest.param(dt.date(2025, 1, 24), 1, dt.date(2025, 2, 3), id="tet-2025"),
        # Backwards over the 2024 swap: Mon 6/5/2024 - 1 -> Sat 4/5 (2450/VPCP-KGVX).
        pytest.param(dt.date(2024, 5, 6), -1, dt.date(2024, 5, 4), id="6-5-2024-minus-1"),
    ],
)
def test_add_working_days_over_official_breaks(
    cal: tthc.WorkingCalendar, start: dt.date, n: int, expected: dt.date
) -> None:
    """Hand-worked moves across the official breaks land on the hand-worked day."""
    assert cal.add_working_days(start, n) == expected
