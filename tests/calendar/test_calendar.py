"""Unit behaviour of `WorkingCalendar`: single days, arithmetic, errors, construction, identity.

Rule under test (DESIGN.md, "Working days and deadlines"): a day is a working day when its weekday
is in the week mask and it is not a day off, or when it is an extra working day. For n >= 1,
``add_working_days(d, n)`` is the n-th working day strictly after d; for n <= -1 the |n|-th
strictly before; for n = 0, d if working, else the next working day. ``working_days_between(a, b)``
is the number of working days in (a, b] when b >= a, and minus the number in [b, a) when b < a.

Most tests use DEMO, a hand-built Monday-Friday calendar for 2024-2025 whose January 2024 reads:

    Mon 1  Tue 2  Wed 3  Thu 4  Fri 5  Sat 6  Sun 7  Mon 8
    work   OFF    work   work   work   WORK   rest   work
"""

from __future__ import annotations

import datetime as dt
import pickle
import re

import numpy as np
import pytest

import tthc
from tthc.calendar import Basis, CalendarEntry, Certainty, EntryKind, WorkingCalendar
from tthc.errors import InvalidValueError, OutOfCalendarRangeError, ProvisionalCalendarWarning

D = dt.date

OFF_2024_01_02 = CalendarEntry(
    day=D(2024, 1, 2),
    kind=EntryKind.DAY_OFF,
    name="Nghỉ hoán đổi (thử)",
    source="Quyết định 1/QĐ-THU",
)
EXTRA_2024_01_06 = CalendarEntry(
    day=D(2024, 1, 6),
    kind=EntryKind.EXTRA_WORKING_DAY,
    name="Làm bù cho ngày 02/01/2024 (thử)",
    source="Quyết định 1/QĐ-THU",
)
OFF_2025_01_01 = CalendarEntry(
    day=D(2025, 1, 1),
    kind=EntryKind.DAY_OFF,
    name="Tết Dương lịch",
    source="Bộ luật Lao động 2019, Điều 112",
)
DEMO_ENTRIES = (OFF_2024_01_02, EXTRA_2024_01_06, OFF_2025_01_01)


def make_demo(**changes: object) -> WorkingCalendar:
    """DEMO with some constructor arguments changed."""
    kwargs: dict[str, object] = {
        "name": "demo",
        "first_year": 2024,
        "last_year": 2025,
        "entries": DEMO_ENTRIES,
    }
    kwargs.update(changes)
    return WorkingCalendar(**kwargs)  # type: ignore[arg-type]


DEMO = make_demo()


def entry(day: D, kind: EntryKind = EntryKind.DAY_OFF, name: str = "x") -> CalendarEntry:
    """A minimal entry for construction tests."""
    return CalendarEntry(day=day, kind=kind, name=name, source="test")


class TestSingleDays:
    """is_working_day, entry and off_reason on DEMO and on the shipped calendar."""

    @pytest.mark.parametrize(
        ("day", "working"),
        [
            pytest.param(D(2024, 1, 1), True, id="mon-no-entry"),
            pytest.param(D(2024, 1, 2), False, id="tue-day-off"),
            pytest.param(D(2024, 1, 6), True, id="sat-extra-working"),
            pytest.param(D(2024, 1, 7), False, id="sun-weekly-rest"),
            pytest.param(D(2024, 1, 13), False, id="sat-weekly-rest"),
            pytest.param(D(2025, 1, 1), False, id="2025-new-year"),
        ],
    )
    def test_is_working_day(self, day: D, working: bool) -> None:
        """A day works by the week mask unless an entry says otherwise."""
        assert DEMO.is_working_day(day) is working

    def test_entry_returns_the_entry_of_the_day(self) -> None:
        """entry() gives the entry on its day and None on an ordinary day."""
        assert DEMO.entry(D(2024, 1, 2)) == OFF_2024_01_02
        assert DEMO.entry(D(2024, 1, 6)) == EXTRA_2024_01_06
        assert DEMO.entry(D(2024, 1, 3)) is None
        assert DEMO.entry(D(2024, 1, 7)) is None

    def test_off_reason_names_entry_and_source(self) -> None:
        """off_reason of a day off shows the entry's name and its source."""
        assert DEMO.off_reason(D(2024, 1, 2)) == "Nghỉ hoán đổi (thử) (Quyết định 1/QĐ-THU)"

    @pytest.mark.parametrize(
        ("day", "reason"),
        [
            pytest.param(D(2024, 1, 13), "weekly rest day (Saturday)", id="saturday"),
            pytest.param(D(2024, 1, 7), "weekly rest day (Sunday)", id="sunday"),
        ],
    )
    def test_off_reason_of_weekly_rest_day(self, day: D, reason: str) -> None:
        """off_reason of a free weekend day names the weekday."""
        assert DEMO.off_reason(day) == reason

    @pytest.mark.parametrize("day", [D(2024, 1, 3), D(2024, 1, 6)], ids=["weekday", "extra-sat"])
    def test_off_reason_of_working_day_is_none(self, day: D) -> None:
        """off_reason of a working day (ordinary or extra) is None."""
        assert DEMO.off_reason(day) is None

    def test_off_reason_on_the_shipped_calendar_cites_the_notice(
        self, cal: tthc.WorkingCalendar
    ) -> None:
        """The shipped calendar explains 2 January 2026 with the dispatch that gave it off."""
        # Research table (test_vn_official.py): 2026-01-02 is set by 12729/VPCP-KGVX.
        reason = cal.off_reason(D(2026, 1, 2))
        assert reason is not None
        assert "12729/VPCP-KGVX" in reason
        # Research table: Sat 2026-01-10 is the make-up working day, so nothing to explain.
        assert cal.off_reason(D(2026, 1, 10)) is None
        assert cal.off_reason(D(2026, 1, 11)) == "weekly rest day (Sunday)"

    def test_entries_in_filters_by_year(self) -> None:
        """entries_in(year) gives that year's entries only, in day order."""
        assert DEMO.entries_in(2024) == (OFF_2024_01_02, EXTRA_2024_01_06)
        assert DEMO.entries_in(2025) == (OFF_2025_01_01,)
        assert DEMO.entries_in(2023) == ()


class TestArithmetic:
    """add_working_days, next/previous_working_day, roll_forward, working_days and the count."""

    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            # On a day off (Tue 2): n = 0 and n = 1 both give Wed 3; n = -1 gives Mon 1.
            pytest.param(D(2024, 1, 2), 0, D(2024, 1, 3), id="off+0"),
            pytest.param(D(2024, 1, 2), 1, D(2024, 1, 3), id="off+1"),
            pytest.param(D(2024, 1, 2), -1, D(2024, 1, 1), id="off-1"),
            # On a working day (Wed 3): n = 0 is itself, +1 Thu 4, -1 skips Tue 2 to Mon 1.
            pytest.param(D(2024, 1, 3), 0, D(2024, 1, 3), id="work+0"),
            pytest.param(D(2024, 1, 3), 1, D(2024, 1, 4), id="work+1"),
            pytest.param(D(2024, 1, 3), -1, D(2024, 1, 1), id="work-1"),
            # The extra working Saturday counts both ways.
            pytest.param(D(2024, 1, 5), 1, D(2024, 1, 6), id="fri+1-extra-sat"),
            pytest.param(D(2024, 1, 8), -1, D(2024, 1, 6), id="mon-1-extra-sat"),
            pytest.param(D(2024, 1, 6), 0, D(2024, 1, 6), id="extra-sat+0"),
            # Sun 7 is free: n = 0 rolls to Mon 8; +2 is Tue 9; -2 is Fri 5.
            pytest.param(D(2024, 1, 7), 0, D(2024, 1, 8), id="sun+0"),
            pytest.param(D(2024, 1, 7), 2, D(2024, 1, 9), id="sun+2"),
            pytest.param(D(2024, 1, 7), -2, D(2024, 1, 5), id="sun-2"),
            # Mon 1 + 5: Wed 3, Thu 4, Fri 5, Sat 6, Mon 8.
            pytest.param(D(2024, 1, 1), 5, D(2024, 1, 8), id="mon+5"),
            # Over the year end: Tue 31/12/2024 + 1 skips 1/1/2025 off to Thu 2/1/2025.
            pytest.param(D(2024, 12, 31), 1, D(2025, 1, 2), id="year-end+1"),
        ],
    )
    def test_add_working_days(self, start: D, n: int, expected: D) -> None:
        """Hand-worked moves on DEMO land on the hand-worked day."""
        assert DEMO.add_working_days(start, n) == expected

    def test_next_previous_and_roll_forward(self) -> None:
        """next/previous_working_day are strict; roll_forward keeps a working day."""
        assert DEMO.next_working_day(D(2024, 1, 1)) == D(2024, 1, 3)
        assert DEMO.next_working_day(D(2024, 1, 5)) == D(2024, 1, 6)
        assert DEMO.previous_working_day(D(2024, 1, 3)) == D(2024, 1, 1)
        assert DEMO.previous_working_day(D(2024, 1, 7)) == D(2024, 1, 6)
        assert DEMO.roll_forward(D(2024, 1, 2)) == D(2024, 1, 3)
        assert DEMO.roll_forward(D(2024, 1, 13)) == D(2024, 1, 15)
        assert DEMO.roll_forward(D(2024, 1, 4)) == D(2024, 1, 4)

    def test_working_days_iterates_inclusive_range(self) -> None:
        """working_days(start, end) yields the working days of [start, end] in order."""
        got = list(DEMO.working_days(D(2024, 1, 1), D(2024, 1, 8)))
        assert got == [D(2024, 1, d) for d in (1, 3, 4, 5, 6, 8)]
        assert list(DEMO.working_days(D(2024, 1, 7), D(2024, 1, 7))) == []
        assert list(DEMO.working_days(D(2024, 1, 6), D(2024, 1, 6))) == [D(2024, 1, 6)]

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            # (Mon 1, Mon 8] = Wed 3, Thu 4, Fri 5, Sat 6, Mon 8 = 5.
            pytest.param(D(2024, 1, 1), D(2024, 1, 8), 5, id="forward"),
            # -[Mon 1, Mon 8) = -(Mon 1, Wed 3, Thu 4, Fri 5, Sat 6) = -5.
            pytest.param(D(2024, 1, 8), D(2024, 1, 1), -5, id="backward"),
            # (Tue 2, Sun 7] = Wed 3, Thu 4, Fri 5, Sat 6 = 4; -[Tue 2, Sun 7) = -4 too.
            pytest.param(D(2024, 1, 2), D(2024, 1, 7), 4, id="off-to-sun"),
            pytest.param(D(2024, 1, 7), D(2024, 1, 2), -4, id="sun-to-off"),
            # (Mon 1, Wed 3] = Wed 3 = 1; -[Mon 1, Wed 3) = -(Mon 1) = -1.
            pytest.param(D(2024, 1, 1), D(2024, 1, 3), 1, id="forward-short"),
            pytest.param(D(2024, 1, 3), D(2024, 1, 1), -1, id="backward-short"),
            pytest.param(D(2024, 1, 2), D(2024, 1, 2), 0, id="same-day"),
        ],
    )
    def test_working_days_between(self, a: D, b: D, expected: int) -> None:
        """The signed count follows (a, b] forwards and -[b, a) backwards."""
        assert DEMO.working_days_between(a, b) == expected

    def test_design_example_both_directions(self, cal: tthc.WorkingCalendar) -> None:
        """DESIGN's example: a = Sun 2024-09-01, b = Tue 2024-01-02 round-trips backwards."""
        a, b = D(2024, 9, 1), D(2024, 1, 2)
        # By hand, 2024 (leap year, 1 Jan a Monday): 1 Jan - 31 Aug = 244 days = 34 weeks + 6
        # days (Mon 26 - Sat 31 Aug), so 34*5 + 5 = 175 weekdays; without Mon 1 Jan, 174 in
        # [2 Jan, 31 Aug]. Weekdays off there (5015/TB-LĐTBXH): Tết 8, 9, 12, 13, 14/2; Giỗ Tổ
        # 18/4; 29/4, 30/4, 1/5 = 9. Working Sat 4/5 (2450/VPCP-KGVX) = +1.
        # [b, a) = [2 Jan, 31 Aug] (1 Sep is a Sunday) = 174 - 9 + 1 = 166.
        assert cal.working_days_between(a, b) == -166
        assert cal.add_working_days(a, -166) == b
        # The other convention, (b, a] = 165, would land on Wed 2024-01-03 (DESIGN.md).
        assert cal.add_working_days(a, -165) == D(2024, 1, 3)
        # Forwards, (b, a] = [3 Jan, 31 Aug] = 166 - 1 (Tue 2 Jan works) = 165; a is a Sunday,
        # so moving 165 from b lands on the last working day before it, Fri 30 Aug.
        assert cal.working_days_between(b, a) == 165
        assert cal.add_working_days(b, 165) == D(2024, 8, 30)


class TestRange:
    """Days and results outside the calendar's years raise OutOfCalendarRangeError."""

    @pytest.mark.parametrize(
        ("call", "day"),
        [
            pytest.param(lambda: DEMO.is_working_day(D(2026, 1, 1)), D(2026, 1, 1), id="is-after"),
            pytest.param(lambda: DEMO.is_working_day(D(2023, 12, 31)), D(2023, 12, 31), id="is-before"),
            pytest.param(lambda: DEMO.add_working_days(D(2023, 6, 1), 1), D(2023, 6, 1), id="add-start"),
            pytest.param(lambda: DEMO.entry(D(2026, 3, 1)), D(2026, 3, 1), id="entry"),
            pytest.param(lambda: DEMO.off_reason(D(2026, 3, 1)), D(2026, 3, 1), id="off-reason"),
            pytest.param(
                lambda: DEMO.working_days_between(D(2024, 1, 1), D(2026, 1, 1)),
                D(2026, 1, 1),
                id="between-end",
            ),
            pytest.param(
                lambda: list(DEMO.working_days(D(2023, 12, 1), D(2024, 1, 5))),
                D(2023, 12, 1),
                id="working-days-start",
            ),
            # Results: Mon 1/1/2024 - 1 would be in 2023, Wed 31/12/2025 + 1 in 2026; the error
            # names the first day past the edge the walk would cross.
            pytest.param(lambda: DEMO.add_working_days(D(2024, 1, 1), -1), D(2023, 12, 31), id="result-before"),
            pytest.param(lambda: DEMO.add_working_days(D(2025, 12, 31), 1), D(2026, 1, 1), id="result-after"),
        ],
    )  # fmt: skip
    def test_out_of_range_raises_with_day_and_years(self, call, day: D) -> None:
        """The error names the day and the calendar's years, and says how to extend it."""
        with pytest.raises(OutOfCalendarRangeError, match=re.escape(day.isoformat())) as info:
            call()
        err = info.value
        assert (err.day, err.first_year, err.last_year) == (day, 2024, 2025)
        assert "2024\N{EN DASH}2025" in str(err)
        assert "build a calendar that covers that year or load its official schedule" in str(err)
        assert isinstance(err, LookupError)

    def test_batch_out_of_range(self) -> None:
        """A batch with a day outside the years raises OutOfCalendarRangeError naming it."""
        days = np.array(["2024-03-01", "2026-02-01"], dtype="datetime64[D]")
        with pytest.raises(OutOfCalendarRangeError, match="2026-02-01") as info:
            DEMO.add_working_days_many(days, 1)
        assert info.value.day == D(2026, 2, 1)

    def test_batch_result_out_of_range(self) -> None:
        """A batch whose result leaves the years raises OutOfCalendarRangeError."""
        days = np.array(["2024-03-01", "2025-12-31"], dtype="datetime64[D]")
        with pytest.raises(OutOfCalendarRangeError) as info:
            DEMO.add_working_days_many(days, np.array([1, 1]))
        assert info.value.day == D(2026, 1, 1)


class TestProvisional:
    """Years without an official schedule warn, or raise with allow_provisional=False."""

    def test_vietnam_2030_warns(self, cal: tthc.WorkingCalendar) -> None:
        """A 2030 question on the shipped calendar warns that the year is provisional."""
        with pytest.warns(ProvisionalCalendarWarning, match="2030"):
            cal.is_working_day(D(2030, 1, 2))
        with pytest.warns(ProvisionalCalendarWarning, match="2030"):
            cal.add_working_days(D(2030, 3, 1), 5)

    def test_crossing_into_a_provisional_year_warns(self, cal: tthc.WorkingCalendar) -> None:
        """A move from an official year into a provisional one warns about the latter."""
        with pytest.warns(ProvisionalCalendarWarning, match="2028"):
            cal.add_working_days(D(2027, 12, 31), 1)
        with pytest.warns(ProvisionalCalendarWarning, match="2028"):
            cal.working_days_between(D(2028, 1, 5), D(2027, 12, 1))

    def test_official_years_do_not_warn(self, cal: tthc.WorkingCalendar) -> None:
        """Questions inside 2013-2027 emit no warning (warnings are errors in this suite)."""
        assert cal.add_working_days(D(2027, 12, 1), 5) == D(2027, 12, 8)
        assert cal.working_days_between(D(2013, 1, 2), D(2027, 12, 31)) > 0

    def test_not_allowed_raises_and_says_the_fix(self) -> None:
        """With allow_provisional=False a 2030 question raises, mentioning allow_provisional=True."""
        strict = tthc.vietnam_calendar(allow_provisional=False)
        with pytest.raises(
            OutOfCalendarRangeError, match=re.escape("allow_provisional=True")
        ) as info:
            strict.is_working_day(D(2030, 1, 2))
        err = info.value
        # The shipped official data covers 2013-2027 (research table of test_vn_official.py).
        assert (err.day, err.first_year, err.last_year) == (D(2030, 1, 2), 2013, 2027)

    def test_not_allowed_result_in_provisional_year_raises(self) -> None:
        """With allow_provisional=False a move whose result is in 2028 raises."""
        strict = tthc.vietnam_calendar(allow_provisional=False)
        # Fri 31/12/2027 + 1: Sat 1 and Sun 2 January follow, so the answer lies in 2028.
        with pytest.raises(OutOfCalendarRangeError, match=re.escape("allow_provisional=True")):
            strict.add_working_days(D(2027, 12, 31), 1)
        assert strict.add_working_days(D(2027, 12, 30), 1) == D(2027, 12, 31)

    def test_hand_built_provisional_year(self) -> None:
        """A hand-built calendar warns only when an answer reaches its provisional year."""
        cal = make_demo(provisional_years=[2025])
        assert cal.add_working_days(D(2024, 12, 2), 3) == D(2024, 12, 5)
        with pytest.warns(ProvisionalCalendarWarning, match="2025"):
            assert cal.add_working_days(D(2024, 12, 31), 1) == D(2025, 1, 2)

    def test_touches_provisional(self, cal: tthc.WorkingCalendar) -> None:
        """touches_provisional says whether the span, in either order, reaches 2028 or later."""
        assert cal.touches_provisional(D(2027, 12, 1), D(2028, 1, 3)) is True
        assert cal.touches_provisional(D(2028, 1, 3), D(2027, 12, 1)) is True
        assert cal.touches_provisional(D(2013, 1, 1), D(2027, 12, 31)) is False
        assert DEMO.touches_provisional(D(2024, 1, 1), D(2025, 12, 31)) is False


class TestBadInputs:
    """Arguments of the wrong type raise InvalidValueError naming the argument."""

    @pytest.mark.parametrize(
        ("call", "bad", "field"),
        [
            pytest.param(DEMO.is_working_day, dt.datetime(2024, 1, 2, 9, 0), "is_working_day(day)", id="is-datetime"),
            pytest.param(DEMO.is_working_day, "2024-01-02", "is_working_day(day)", id="is-str"),
            pytest.param(DEMO.entry, "2024-01-02", "entry(day)", id="entry-str"),
            pytest.param(lambda d: DEMO.add_working_days(d, 1), dt.datetime(2024, 1, 2, 9, 0), "add_working_days(day)", id="add-datetime"),
            pytest.param(lambda d: DEMO.add_working_days(d, 1), "2024-01-02", "add_working_days(day)", id="add-str"),
            pytest.param(lambda n: DEMO.add_working_days(D(2024, 1, 3), n), 1.0, "add_working_days(n)", id="n-float"),
            pytest.param(lambda n: DEMO.add_working_days(D(2024, 1, 3), n), True, "add_working_days(n)", id="n-bool"),
            pytest.param(lambda n: DEMO.add_working_days(D(2024, 1, 3), n), "1", "add_working_days(n)", id="n-str"),
            pytest.param(lambda d: DEMO.working_days_between(d, D(2024, 1, 3)), dt.datetime(2024, 1, 2), "working_days_between(start)", id="between-start"),
            pytest.param(lambda d: DEMO.working_days_between(D(2024, 1, 3), d), "2024-01-02", "working_days_between(end)", id="between-end"),
            pytest.param(lambda d: DEMO.working_days(D(2024, 1, 3), d), D(2024, 1, 2), "working_days(end)", id="working-days-end-before-start"),
            pytest.param(DEMO.entries_in, "2024", "entries_in(year)", id="entries-in-str"),
            pytest.param(lambda d: DEMO.touches_provisional(d, D(2024, 1, 3)), "2024-01-02", "touches_provisional(start)", id="touches-str"),
        ],
    )  # fmt: skip
    def test_invalid_value(self, call, bad: object, field: str) -> None:
        """The error quotes the refused value and names the argument."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            call(bad)
        assert info.value.field == field
        assert info.value.value == bad
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize("n", [np.int64(2), np.int32(2), np.uint8(2)], ids=repr)
    def test_numpy_integer_n_is_accepted(self, n: object) -> None:
        """A numpy integer n works like the same int."""
        # Wed 3 + 2: Thu 4, Fri 5.
        assert DEMO.add_working_days(D(2024, 1, 3), n) == D(2024, 1, 5)  # type: ignore[arg-type]


def days64(*isodays: str) -> np.ndarray:
    """A datetime64[D] array of the given ISO days (``"NaT"`` for a missing one)."""
    return np.array(isodays, dtype="datetime64[D]")


class TestBatch:
    """add_working_days_many: results, empty input and its documented errors."""

    def test_batch_results(self) -> None:
        """Arrays in, the hand-worked days out, as datetime64[D]."""
        # Mon 1 + 5 = Mon 8; Sun 7 + 0 = Mon 8; Mon 8 - 1 = Sat 6 (extra working day).
        got = DEMO.add_working_days_many(
            days64("2024-01-01", "2024-01-07", "2024-01-08"), np.array([5, 0, -1])
        )
        assert got.dtype == np.dtype("datetime64[D]")
        assert got.tolist() == [D(2024, 1, 8), D(2024, 1, 8), D(2024, 1, 6)]

    def test_batch_broadcasts_scalar_n_and_accepts_date_lists(self) -> None:
        """A single int n is broadcast; a list of dates is accepted as days."""
        got = DEMO.add_working_days_many([D(2024, 1, 1), D(2024, 1, 5)], 1)
        assert got.tolist() == [D(2024, 1, 3), D(2024, 1, 6)]

    def test_empty_batch_returns_empty_array(self) -> None:
        """An empty batch gives an empty datetime64[D] array."""
        got = DEMO.add_working_days_many(
            np.array([], dtype="datetime64[D]"), np.array([], dtype=np.int64)
        )
        assert got.shape == (0,)
        assert got.dtype == np.dtype("datetime64[D]")
        got = DEMO.add_working_days_many(np.array([], dtype="datetime64[D]"), 3)
        assert got.shape == (0,)

    def test_nat_is_refused_with_its_position(self) -> None:
        """A missing day (NaT) raises InvalidValueError naming its position."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("NaT"))) as info:
            DEMO.add_working_days_many(days64("2024-01-03", "NaT", "NaT"), 1)
        assert info.value.field == "add_working_days_many(days)[1]"

    @pytest.mark.parametrize(
        ("ns", "dtype"),
        [
            pytest.param(np.array([1.0, 2.0]), "float64", id="float"),
            pytest.param(np.array([True, False]), "bool", id="bool"),
            pytest.param(1.5, "float64", id="float-scalar"),
        ],
    )
    def test_non_integer_ns_is_refused(self, ns: object, dtype: str) -> None:
        """Non-integer ns raise InvalidValueError quoting their dtype."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(dtype))) as info:
            DEMO.add_working_days_many(days64("2024-01-03", "2024-01-04"), ns)
        assert info.value.field == "add_working_days_many(ns)"

    def test_non_broadcastable_shapes_are_refused(self) -> None:
        """ns whose shape does not broadcast with days raise InvalidValueError quoting the shape."""
        with pytest.raises(InvalidValueError, match=re.escape(repr((3,)))) as info:
            DEMO.add_working_days_many(days64("2024-01-03", "2024-01-04"), np.array([1, 2, 3]))
        assert info.value.field == "add_working_days_many(ns)"

    def test_unparseable_days_are_refused(self) -> None:
        """Days that are not dates at all raise InvalidValueError."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("list"))) as info:
            DEMO.add_working_days_many(["not a day"], 1)
        assert info.value.field == "add_working_days_many(days)"

    def test_unsigned_integer_ns_are_accepted(self) -> None:
        """An unsigned integer array of ns (an 'integer array') gives the same days as int64."""
        # Wed 3 + 1 = Thu 4; Thu 4 + 2 = Sat 6 (extra working day).
        got = DEMO.add_working_days_many(
            days64("2024-01-03", "2024-01-04"), np.array([1, 2], dtype=np.uint64)
        )
        assert got.tolist() == [D(2024, 1, 4), D(2024, 1, 6)]

    def test_small_unsigned_integer_ns_are_accepted(self) -> None:
        """uint8/uint32 ns arrays work like int64 ones."""
        for dtype in (np.uint8, np.uint32):
            got = DEMO.add_working_days_many(
                days64("2024-01-03", "2024-01-04"), np.array([1, 2], dtype=dtype)
            )
            assert got.tolist() == [D(2024, 1, 4), D(2024, 1, 6)]


class TestConstruction:
    """Constructor validation: every bad definition raises InvalidValueError naming the field."""

    @pytest.mark.parametrize(
        ("changes", "bad", "field"),
        [
            pytest.param({"weekmask": "111110"}, "111110", "WorkingCalendar.weekmask", id="weekmask-short"),
            pytest.param({"weekmask": "1111102"}, "1111102", "WorkingCalendar.weekmask", id="weekmask-digit"),
            pytest.param({"weekmask": 1111100}, 1111100, "WorkingCalendar.weekmask", id="weekmask-int"),
            pytest.param({"name": "  "}, "  ", "WorkingCalendar.name", id="blank-name"),
            pytest.param({"first_year": 0}, 0, "WorkingCalendar.first_year", id="year-0"),
            pytest.param({"first_year": 2024.0}, 2024.0, "WorkingCalendar.first_year", id="year-float"),
            pytest.param({"first_year": 2026}, 2025, "WorkingCalendar.last_year", id="last-before-first"),
            pytest.param({"provisional_years": [2026]}, 2026, "WorkingCalendar.provisional_years", id="provisional-outside"),
        ],
    )  # fmt: skip
    def test_bad_scalar_field(self, changes: dict[str, object], bad: object, field: str) -> None:
        """A bad weekmask, name, year or provisional year is refused, quoting the value."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            make_demo(**changes)
        assert info.value.field == field

    @pytest.mark.parametrize(
        ("bad", "entries"),
        [
            # Sat 2024-01-13 is already free.
            pytest.param(entry(D(2024, 1, 13)), [entry(D(2024, 1, 13))], id="day-off-on-saturday"),
            # Fri 2024-01-12 already works.
            pytest.param(
                entry(D(2024, 1, 12), EntryKind.EXTRA_WORKING_DAY),
                [entry(D(2024, 1, 12), EntryKind.EXTRA_WORKING_DAY)],
                id="extra-on-friday",
            ),
            pytest.param(
                entry(D(2024, 3, 4), name="second"),
                [entry(D(2024, 3, 4), name="first"), entry(D(2024, 3, 4), name="second")],
                id="duplicate-day",
            ),
            pytest.param(entry(D(2026, 3, 4)), [entry(D(2026, 3, 4))], id="outside-years"),
            pytest.param("2024-03-04", ["2024-03-04"], id="not-an-entry"),
        ],
    )
    def test_bad_entries(self, bad: object, entries: list[object]) -> None:
        """Entries that contradict the week, repeat a day, leave the years or are not entries are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            make_demo(entries=entries)
        assert info.value.field == "WorkingCalendar.entries"

    def test_weekend_day_off_allowed_when_the_week_makes_it_working(self) -> None:
        """With a six-day week, a Saturday may be a day off and a Sunday an extra working day."""
        cal = make_demo(
            weekmask="1111110",
            entries=[entry(D(2024, 1, 13)), entry(D(2024, 1, 14), EntryKind.EXTRA_WORKING_DAY)],
        )
        assert cal.is_working_day(D(2024, 1, 13)) is False
        assert cal.is_working_day(D(2024, 1, 14)) is True
        assert cal.is_working_day(D(2024, 1, 20)) is True  # an ordinary Saturday works
        assert cal.is_working_day(D(2024, 1, 21)) is False

    def test_entries_are_sorted(self) -> None:
        """Entries given out of order are kept sorted by day."""
        cal = make_demo(entries=reversed(DEMO_ENTRIES))
        assert [e.day for e in cal.entries] == [D(2024, 1, 2), D(2024, 1, 6), D(2025, 1, 1)]

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            pytest.param("day", dt.datetime(2024, 1, 2, 0, 0), id="datetime"),
            pytest.param("day", "2024-13-01", id="bad-iso"),
            pytest.param("kind", "day_off", id="kind-value-not-member"),
            pytest.param("name", "", id="blank-name"),
            pytest.param("source", " ", id="blank-source"),
            pytest.param("basis", "official", id="basis-str"),
            pytest.param("certainty", "confirmed", id="certainty-str"),
        ],
    )
    def test_bad_calendar_entry(self, field: str, bad: object) -> None:
        """CalendarEntry refuses bad fields with InvalidValueError naming CalendarEntry.<field>."""
        kwargs: dict[str, object] = {
            "day": D(2024, 1, 2),
            "kind": EntryKind.DAY_OFF,
            "name": "x",
            "source": "s",
        }
        kwargs[field] = bad
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            CalendarEntry(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == f"CalendarEntry.{field}"

    def test_calendar_entry_defaults_and_iso_text(self) -> None:
        """A CalendarEntry defaults to official and confirmed, and reads ISO text as its day."""
        e = CalendarEntry(day="2024-01-02", kind=EntryKind.DAY_OFF, name="x", source="s")  # type: ignore[arg-type]
        assert e.day == D(2024, 1, 2)
        assert (e.basis, e.certainty, e.note) == (Basis.OFFICIAL, Certainty.CONFIRMED, "")


class TestWithEntries:
    """with_entries: a new calendar with local days, the original unchanged."""

    LOCAL = CalendarEntry(
        day=D(2024, 3, 4),
        kind=EntryKind.DAY_OFF,
        name="Ngày nghỉ của cơ quan",
        source="Quyết định của cơ quan",
        basis=Basis.LOCAL,
    )

    def test_returns_new_calendar_original_unchanged(self) -> None:
        """The new calendar has the local day off; DEMO still works that day."""
        local = DEMO.with_entries([self.LOCAL], name="Sở X")
        assert local is not DEMO
        assert local.name == "Sở X"
        assert local.is_working_day(D(2024, 3, 4)) is False
        assert DEMO.is_working_day(D(2024, 3, 4)) is True
        assert DEMO.entries == DEMO_ENTRIES
        assert local.entries == (OFF_2024_01_02, EXTRA_2024_01_06, self.LOCAL, OFF_2025_01_01)
        # Fri 1/3 + 1 skips the local Monday off to Tue 5/3.
        assert local.add_working_days(D(2024, 3, 1), 1) == D(2024, 3, 5)

    def test_default_name(self) -> None:
        """Without a name, the new calendar is called '<name> + local'."""
        assert DEMO.with_entries([self.LOCAL]).name == "demo + local"

    def test_replace_overrides_same_day_entry(self) -> None:
        """With replace=True (the default) an added entry replaces the one on its day."""
        renamed = CalendarEntry(
            day=D(2024, 1, 2), kind=EntryKind.DAY_OFF, name="Nghỉ của cơ quan", source="QĐ 2"
        )
        local = DEMO.with_entries([renamed])
        assert local.entry(D(2024, 1, 2)) == renamed
        assert len(local.entries) == len(DEMO_ENTRIES)

    def test_replace_false_refuses_a_clash(self) -> None:
        """With replace=False an entry on a day that already has one is refused."""
        clash = CalendarEntry(
            day=D(2024, 1, 2), kind=EntryKind.DAY_OFF, name="Nghỉ của cơ quan", source="QĐ 2"
        )
        with pytest.raises(InvalidValueError, match=re.escape(repr(clash))) as info:
            DEMO.with_entries([clash], replace=False)
        assert info.value.field == "with_entries(entries)"
        assert "replace=True" in str(info.value)

    def test_non_entry_is_refused(self) -> None:
        """A non-CalendarEntry item is refused naming with_entries(entries)."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("2024-03-04"))) as info:
            DEMO.with_entries(["2024-03-04"])  # type: ignore[list-item]
        assert info.value.field == "with_entries(entries)"

    def test_day_off_on_a_free_day_is_refused(self) -> None:
        """An added day off on a Saturday (already free) is refused."""
        bad = entry(D(2024, 3, 9))
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            DEMO.with_entries([bad])

    def test_agency_may_work_on_a_national_day_off(self, cal: tthc.WorkingCalendar) -> None:
        """with_entries lets an agency work on a national weekday off (its docstring says so)."""
        # Research table: Fri 2026-01-02 is off nationally (12729/VPCP-KGVX).
        work = CalendarEntry(
            day=D(2026, 1, 2),
            kind=EntryKind.EXTRA_WORKING_DAY,
            name="Cơ quan làm việc",
            source="Quyết định của cơ quan (ví dụ)",
            basis=Basis.LOCAL,
        )
        local = cal.with_entries([work], name="Sở X")
        assert local.is_working_day(D(2026, 1, 2)) is True


class TestIdentity:
    """Equality, hashing, pickling and repr."""

    def test_same_definition_is_equal(self) -> None:
        """Two calendars built from the same definition (entries in any order) are equal."""
        other = make_demo(entries=list(reversed(DEMO_ENTRIES)))
        assert other == DEMO
        assert hash(other) == hash(DEMO)
        assert len({DEMO, other}) == 1

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"entries": DEMO_ENTRIES[:2]}, id="entries"),
            pytest.param({"name": "other"}, id="name"),
            pytest.param({"last_year": 2026}, id="years"),
            pytest.param({"weekmask": "1111110", "entries": ()}, id="weekmask"),
            pytest.param({"provisional_years": [2025]}, id="provisional"),
            pytest.param({"allow_provisional": False}, id="allow-provisional"),
        ],
    )
    def test_different_definition_is_not_equal(self, changes: dict[str, object]) -> None:
        """A calendar that differs in any part of its definition is not equal."""
        assert make_demo(**changes) != DEMO

    def test_not_equal_to_other_types(self) -> None:
        """A calendar is not equal to a non-calendar."""
        assert DEMO != "demo"

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickle_round_trip(self, protocol: int) -> None:
        """An unpickled calendar equals the original and gives the same answers."""
        DEMO.add_working_days(D(2024, 1, 1), 1)  # build the index before pickling
        back = pickle.loads(pickle.dumps(DEMO, protocol=protocol))  # noqa: S301 - our own bytes
        assert back == DEMO
        assert hash(back) == hash(DEMO)
        assert back.add_working_days(D(2024, 1, 1), 5) == D(2024, 1, 8)
        assert back.working_days_between(D(2024, 1, 8), D(2024, 1, 1)) == -5
        assert back.entry(D(2024, 1, 2)) == OFF_2024_01_02

    def test_pickle_shipped_calendar(self, cal: tthc.WorkingCalendar) -> None:
        """The shipped calendar survives pickling and answers as before."""
        back = pickle.loads(pickle.dumps(cal))  # noqa: S301 - our own bytes
        assert back == cal
        # test_vn_official.py: 31/12/2025 + 3 -> 7/1/2026; Fri 9/1/2026 + 1 -> Sat 10/1.
        assert back.add_working_days(D(2025, 12, 31), 3) == D(2026, 1, 7)
        assert back.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
        with pytest.warns(ProvisionalCalendarWarning):
            back.is_working_day(D(2030, 1, 2))

    def test_repr_mentions_name_and_years(self) -> None:
        """repr shows the name and the years."""
        text = repr(DEMO)
        assert "'demo'" in text
        assert "2024\N{EN DASH}2025" in text

    def test_repr_mentions_provisional_years(self, cal: tthc.WorkingCalendar) -> None:
        """The shipped calendar's repr shows its years and the provisional span."""
        text = repr(cal)
        assert "2013\N{EN DASH}2100" in text
        assert "provisional=2028..2100" in text
