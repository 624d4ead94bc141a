"""The Labour Code rules that predict a year's days off (``tthc.calendar._statutory``).

Rules under test: Labour Code 2012 Art. 115 / Labour Code 2019 Art. 112 give New Year (1/1),
Tết (five days: lunar New Year's Eve and mùng 1-4), Hùng Kings (10/3 lunar), 30/4, 1/5 and
National Day (2/9, plus from 2021 one adjacent day); a holiday on a weekly rest day is made up on
the next working day (2012 Art. 115(3), 2019 Art. 111(3)). Resolution 28/2026/QH16 adds Vietnam
Culture Day (24/11) from 2026. For Tết, the module documents its rule: a Tết day on a Saturday
moves to the nearest free weekday before the break, one on a Sunday to the nearest free weekday
after it.

The oracle for 2014-2027 is the research table of ``test_vn_official.py``; the hand cases below
are worked out in comments from the rules above.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from tthc.calendar import Basis, Certainty, EntryKind
from tthc.calendar._statutory import statutory_entries

D = dt.date


def _load_official_table() -> object:
    """Import the research table of test_vn_official.py by path (tests/ is not a package)."""
    path = Path(__file__).resolve().parent / "test_vn_official.py"
    spec = importlib.util.spec_from_file_location("_vn_official_table_for_statutory", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TABLE = _load_official_table()
OFFICIAL_OFF = frozenset(D.fromisoformat(d) for d, _ in _TABLE.OFFICIAL_DAYS_OFF)  # type: ignore[attr-defined]

# Official days off that are swaps (a bridge weekday given off against a working Saturday) or,
# for 31/12/2018, a day given by the next year's notice: no statutory rule produces them.
SWAPPED = frozenset(
    D.fromisoformat(d)
    for d in (
        "2015-01-02",
        "2015-02-16",
        "2015-04-29",
        "2018-12-31",
        "2019-04-29",
        "2024-04-29",
        "2025-05-02",
        "2026-01-02",
        "2026-08-31",
    )
)


def rule_days(year: int) -> set[D]:
    """The days off the statutory rules predict for ``year``."""
    return {e.day for e in statutory_entries(year)}


def official_days(year: int) -> set[D]:
    """The official weekdays off dated in ``year``, from the research table."""
    return {d for d in OFFICIAL_OFF if d.year == year}


def in_span(days: set[D], first: D, last: D) -> set[D]:
    """The days of ``days`` within [first, last]."""
    return {d for d in days if first <= d <= last}


class TestAgainstOfficialSchedules:
    """The rules reproduce every official non-swapped weekday off of 2014-2027."""

    @pytest.mark.parametrize("year", range(2015, 2028))
    def test_rules_match_official_days_except_swaps(self, year: int) -> None:
        """Statutory days off of the year == official days off minus the swapped days."""
        assert rule_days(year) == official_days(year) - SWAPPED

    def test_2014_matches_except_swaps_and_tet_make_up(self) -> None:
        """2014 matches once the swaps and the Tết make-up placement are set aside."""
        # 10525/VPCP-KGVX: Tue 28/1 and Wed 29/1 swapped for Sat 25/1 and Sat 8/2; Fri 2/5 for
        # Sat 26/4; Mon 1/9 for Sat 6/9.
        swaps_2014 = {D(2014, 1, 28), D(2014, 1, 29), D(2014, 5, 2), D(2014, 9, 1)}
        # Tết Giáp Ngọ: eve Thu 30/1, mùng 1 Fri 31/1, Sat 1/2, Sun 2/2, Mon 3/2. The notice made
        # up both weekend days after the break (Tue 4/2, Wed 5/2); the rule makes up Saturday's
        # before it (Wed 29/1) and Sunday's after it (Tue 4/2).
        official_make_up, rule_make_up = D(2014, 2, 5), D(2014, 1, 29)
        assert rule_days(2014) - {rule_make_up} == official_days(2014) - swaps_2014 - {
            official_make_up
        }

    def test_2014_tet_difference_is_the_documented_one(self) -> None:
        """In 2014 the rule puts Saturday 1/2's Tết day on Wed 29/1, the notice on Wed 5/2."""
        by_day = {e.day: e for e in statutory_entries(2014)}
        assert D(2014, 2, 5) in OFFICIAL_OFF
        assert D(2014, 2, 5) not in by_day
        moved = by_day[D(2014, 1, 29)]
        assert moved.name == "Tết Nguyên Đán"
        assert "01/02" in moved.note  # made up for Saturday 1 February
        # The five Tết weekdays by the rule: 29, 30, 31/1, 3, 4/2.
        assert in_span(set(by_day), D(2014, 1, 20), D(2014, 2, 20)) == {
            D(2014, 1, 29),
            D(2014, 1, 30),
            D(2014, 1, 31),
            D(2014, 2, 3),
            D(2014, 2, 4),
        }


class TestEntries:
    """What a predicted entry says about itself."""

    @pytest.mark.parametrize("year", range(2014, 2041))
    def test_entries_are_statutory_weekdays_off_of_the_year(self, year: int) -> None:
        """Every entry is a STATUTORY day off on a weekday of its year, with a source, sorted."""
        entries = statutory_entries(year)
        assert [e.day for e in entries] == sorted({e.day for e in entries})
        for e in entries:
            assert e.basis is Basis.STATUTORY
            assert e.kind is EntryKind.DAY_OFF
            assert e.day.year == year
            assert e.day.weekday() < 5
            assert e.source.strip()

    @pytest.mark.parametrize("year", range(2028, 2041))
    def test_certainty_is_predicted_except_culture_day_make_up(self, year: int) -> None:
        """Entries are PREDICTED; the make-up of a weekend 24/11 (disputed) is UNCERTAIN."""
        culture = D(year, 11, 24)
        # Art. 111(3) would put the make-up on the following Monday (no other holiday nearby).
        uncertain = (
            {culture + dt.timedelta(days=7 - culture.weekday())}
            if culture.weekday() >= 5
            else set()
        )
        got = {e.day for e in statutory_entries(year) if e.certainty is Certainty.UNCERTAIN}
        assert got == uncertain
        others = {e.certainty for e in statutory_entries(year) if e.day not in uncertain}
        assert others == {Certainty.PREDICTED}

    @pytest.mark.parametrize(
        ("year", "make_up"),
        [
            # 24/11/2029 is a Saturday: made up on Mon 26/11.
            pytest.param(2029, D(2029, 11, 26), id="2029-saturday"),
            # 24/11/2030 is a Sunday: made up on Mon 25/11.
            pytest.param(2030, D(2030, 11, 25), id="2030-sunday"),
        ],
    )
    def test_culture_day_weekend_make_up_is_uncertain(self, year: int, make_up: D) -> None:
        """The make-up of Vietnam Culture Day on a weekend is UNCERTAIN, not PREDICTED."""
        assert D(year, 11, 24).weekday() >= 5
        by_day = {e.day: e for e in statutory_entries(year)}
        assert by_day[make_up].certainty is Certainty.UNCERTAIN
        assert in_span(set(by_day), D(year, 11, 1), D(year, 11, 30)) == {make_up}


class TestHandCases:
    """Years worked out by hand from the rules."""

    def test_national_day_on_sunday_2029(self) -> None:
        """2/9/2029 is a Sunday: Mon 3/9 and Tue 4/9 are off, nothing else around it."""
        assert D(2029, 9, 2).weekday() == 6
        # Art. 112(1)(e): 2/9 and one adjacent day. Take Mon 3/9 as the adjacent day: Sunday's
        # make-up (Art. 111(3)) is the next working day, Tue 4/9. Take Sat 1/9 instead: both
        # weekend days are made up, on Mon 3/9 and Tue 4/9. Either choice gives Mon 3 + Tue 4.
        days = in_span(rule_days(2029), D(2029, 8, 20), D(2029, 9, 30))
        assert days == {D(2029, 9, 3), D(2029, 9, 4)}

    def test_30_april_saturday_and_1_may_sunday_2033(self) -> None:
        """In 2033, 30/4 is a Saturday and 1/5 a Sunday: Mon 2/5 and Tue 3/5 are off."""
        # 1/1/2033 is a Saturday; 30/4 is day 120 of the year, 119 days later = 17 weeks: Saturday.
        assert D(2033, 4, 30).weekday() == 5
        assert D(2033, 5, 1).weekday() == 6
        # Art. 111(3): 30/4 made up on Mon 2/5, then 1/5 on the next free day, Tue 3/5. Giỗ Tổ
        # 2033 (10/3 lunar) is Sat 9/4, made up on Mon 11/4, well before; Fri 29/4 stays working.
        days = in_span(rule_days(2033), D(2033, 4, 20), D(2033, 5, 31))
        assert days == {D(2033, 5, 2), D(2033, 5, 3)}

    def test_tet_2030(self) -> None:
        """Tết 2030 (mùng 1 on Sat 2/2): the five weekdays are 31/1, 1/2, 4/2, 5/2 and 6/2."""
        assert D(2030, 2, 2).weekday() == 5
        # The five Tết days: eve Fri 1/2, mùng 1 Sat 2/2, mùng 2 Sun 3/2, mùng 3 Mon 4/2,
        # mùng 4 Tue 5/2. Weekdays among them: 1/2, 4/2, 5/2. Saturday's day moves to the nearest
        # free weekday before the break: Thu 31/1. Sunday's to the nearest free weekday after:
        # Wed 6/2.
        days = in_span(rule_days(2030), D(2030, 1, 15), D(2030, 2, 28))
        assert days == {D(2030, 1, 31), D(2030, 2, 1), D(2030, 2, 4), D(2030, 2, 5), D(2030, 2, 6)}

    def test_national_day_only_one_day_before_2021(self) -> None:
        """Under the 2012 Code (before 2021) National Day is one day: Sat 2/9/2017 gives Mon 4/9 only."""
        assert D(2017, 9, 2).weekday() == 5
        days = in_span(rule_days(2017), D(2017, 8, 25), D(2017, 9, 10))
        assert days == {D(2017, 9, 4)}

    def test_new_year_on_saturday_2033(self) -> None:
        """1/1/2033 is a Saturday: it is made up on Monday 3/1."""
        assert D(2033, 1, 1).weekday() == 5
        assert in_span(rule_days(2033), D(2033, 1, 1), D(2033, 1, 10)) == {D(2033, 1, 3)}


class TestCrossCheckWithHolidays:
    """Cross-check with the independent `holidays` package for years with no official data."""

    @pytest.mark.parametrize("year", range(2028, 2041))
    def test_weekday_holidays_agree_with_holidays_package(self, year: int) -> None:
        """holidays.VN's weekday holidays equal the statutory prediction, 2028-2040."""
        holidays = pytest.importorskip("holidays")
        # Checked with holidays 0.109 only: its future years are heuristics of its own, so a
        # different version is not evidence either way.
        if holidays.__version__ != "0.109":
            pytest.skip(f"cross-check recorded for holidays 0.109, found {holidays.__version__}")
        theirs = {d for d in holidays.VN(years=year) if d.weekday() < 5 and d.year == year}
        assert rule_days(year) == theirs
