"""Tests of an agency's office hours (tthc.OfficeHours).

Rule under test (DESIGN.md, "Working days and deadlines"; research notes ``vn_legal.md`` §1.3 and
§1.7): office hours are set per agency (default 08:00-12:00 and 13:00-17:00; 07:00-11:30 and
13:30-17:00 is common), optionally per weekday; "1 working day" is the office time of the main
periods. Periods are naive times on a whole minute, in order of the day, not overlapping.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tthc import OfficeHours
from tthc.errors import InvalidValueError

T = dt.time
DEFAULT = ((T(8), T(12)), (T(13), T(17)))
COMMON = ((T(7), T(11, 30)), (T(13, 30), T(17)))


class TestDefaults:
    """No legal text fixes one national schedule: 08:00-12:00 and 13:00-17:00 by default."""

    def test_default_periods(self) -> None:
        """The default office hours are 08:00-12:00 and 13:00-17:00 on every weekday."""
        hours = OfficeHours()
        assert hours.periods == DEFAULT
        assert hours.by_weekday == ()

    def test_default_day_length(self) -> None:
        """A default working day is 8 hours of office time (4 h + 4 h)."""
        assert OfficeHours().day_length == dt.timedelta(hours=8)

    @pytest.mark.parametrize("weekday", range(7))
    def test_default_periods_on_every_weekday(self, weekday: int) -> None:
        """Without overrides every weekday, Saturday and Sunday included, has the main periods."""
        assert OfficeHours().periods_on(weekday) == DEFAULT
        assert OfficeHours().closing(weekday) == T(17)


class TestParse:
    """The OpenCPS work-time form: ``"07:30-11:30,13:30-17:00"``."""

    @pytest.mark.parametrize(
        ("text", "periods"),
        [
            pytest.param("07:00-11:30,13:30-17:00", COMMON, id="common-agency-hours"),
            pytest.param("08:00-12:00,13:00-17:00", DEFAULT, id="default-hours"),
            pytest.param(" 7:00 - 11:30 , 13:30 - 17:00 ", COMMON, id="spaces-one-digit-hour"),
            pytest.param("07:00–11:30,13:30–17:00", COMMON, id="en-dash"),
            pytest.param("08:00-17:00", ((T(8), T(17)),), id="one-period"),
            pytest.param(
                "07:30-11:30,13:30-16:30,17:00-18:00",
                ((T(7, 30), T(11, 30)), (T(13, 30), T(16, 30)), (T(17), T(18))),
                id="three-periods",
            ),
        ],
    )
    def test_parse(self, text: str, periods: tuple[tuple[dt.time, dt.time], ...]) -> None:
        """A comma-separated list of HH:MM-HH:MM reads as those periods, in order."""
        assert OfficeHours.parse(text).periods == periods

    def test_parse_equals_constructor(self) -> None:
        """Parsed hours equal the same hours built from time pairs (same hash too)."""
        parsed = OfficeHours.parse("07:00-11:30,13:30-17:00")
        built = OfficeHours(periods=COMMON)
        assert parsed == built
        assert hash(parsed) == hash(built)

    @pytest.mark.parametrize(
        "text",
        [
            pytest.param("", id="empty"),
            pytest.param("8-12", id="no-minutes"),
            pytest.param("08:00-12:00;13:00-17:00", id="semicolon"),
            pytest.param("08:00 to 12:00", id="words"),
            pytest.param("08:00-12:00,", id="trailing-comma"),
            pytest.param("08h00-12h00", id="h-separator"),
        ],
    )
    def test_parse_malformed(self, text: str) -> None:
        """Text that is not HH:MM-HH:MM pairs is refused, quoting the whole text."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(text))) as info:
            OfficeHours.parse(text)
        assert info.value.field == "OfficeHours.parse(text)"

    @pytest.mark.parametrize("text", ["25:00-26:00", "08:60-12:00", "08:00-24:00"])
    def test_parse_impossible_time(self, text: str) -> None:
        """A time of day that does not exist (hour 24+, minute 60) is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(text))) as info:
            OfficeHours.parse(text)
        assert info.value.field == "OfficeHours.parse(text)"

    @pytest.mark.parametrize("bad", [None, 8, b"08:00-12:00"])
    def test_parse_not_text(self, bad: object) -> None:
        """Only a str is parsed."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            OfficeHours.parse(bad)  # type: ignore[arg-type]
        assert info.value.field == "OfficeHours.parse(text)"

    def test_parse_reversed_period_is_checked(self) -> None:
        """Parsed periods go through the same checks: a reversed period is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr((T(17), T(8))))) as info:
            OfficeHours.parse("17:00-08:00")
        assert info.value.field == "OfficeHours.periods"


class TestPeriods:
    """Periods are (opening, closing) pairs of naive whole-minute times, in order, disjoint."""

    def test_text_pairs_are_converted(self) -> None:
        """Pairs of ISO texts are read as times."""
        hours = OfficeHours(periods=[("07:00", "11:30"), ("13:30", "17:00")])
        assert hours.periods == COMMON

    def test_touching_periods_allowed(self) -> None:
        """A period may open exactly when the previous one closes (no overlap)."""
        hours = OfficeHours(periods=[("08:00", "12:00"), ("12:00", "17:00")])
        assert hours.day_length == dt.timedelta(hours=9)

    @pytest.mark.parametrize(
        ("periods", "bad", "why"),
        [
            pytest.param(
                ((T(12), T(8)),), (T(12), T(8)), "a closing time after", id="reversed"
            ),
            pytest.param(
                ((T(8), T(8)),), (T(8), T(8)), "a closing time after", id="empty-period"
            ),
            pytest.param(
                ((T(8), T(12)), (T(11), T(17))),
                (T(11), T(17)),
                "do not overlap",
                id="overlapping",
            ),
            pytest.param(
                ((T(13), T(17)), (T(8), T(12))),
                (T(8), T(12)),
                "in order of the day",
                id="out-of-order",
            ),
            pytest.param(
                ((T(8), T(12)), (T(9), T(10))),
                (T(9), T(10)),
                "do not overlap",
                id="nested",
            ),
            pytest.param(
                ((T(8, 0, 30), T(12)),), (T(8, 0, 30), T(12)), "whole minute", id="seconds"
            ),
            pytest.param(
                ((T(8), T(12, 0, 0, 1)),),
                (T(8), T(12, 0, 0, 1)),
                "whole minute",
                id="microseconds",
            ),
            pytest.param(
                ((T(8, tzinfo=dt.UTC), T(12, tzinfo=dt.UTC)),),
                (T(8, tzinfo=dt.UTC), T(12, tzinfo=dt.UTC)),
                "naive times",
                id="tz-aware",
            ),
            pytest.param(
                ((8, 12),), (8, 12), "pair of datetime.time", id="ints-not-times"
            ),
            pytest.param(
                ((dt.datetime(2025, 1, 6, 8), dt.datetime(2025, 1, 6, 12)),),
                (dt.datetime(2025, 1, 6, 8), dt.datetime(2025, 1, 6, 12)),
                "pair of datetime.time",
                id="datetimes-not-times",
            ),
            pytest.param(("08:00-12:00",), "08:00-12:00", "pair", id="text-not-pair"),
            pytest.param(
                ((T(8), T(10), T(12)),), (T(8), T(10), T(12)), "pair", id="triple"
            ),
            pytest.param((), (), "at least one", id="no-period"),
        ],
    )  # fmt: skip
    def test_bad_periods(self, periods: object, bad: object, why: str) -> None:
        """A bad period is refused with InvalidValueError naming the field and quoting it."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            OfficeHours(periods=periods)  # type: ignore[arg-type]
        assert info.value.field == "OfficeHours.periods"
        assert info.value.value == bad
        assert why in info.value.expected

    @pytest.mark.parametrize(
        ("periods", "bad"),
        [
            pytest.param([("8h", "12:00")], ("8h", T(12)), id="unreadable-text"),
            pytest.param([("08:00", "25:00")], (T(8), "25:00"), id="hour-25"),
            pytest.param("08:00-12:00", "08:00-12:00", id="one-text"),
            pytest.param(None, None, id="none"),
            pytest.param(5, 5, id="int"),
        ],
    )
    def test_unreadable(self, periods: object, bad: object) -> None:
        """Text that is not a time, or periods that are not pairs, are refused as invalid values."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            OfficeHours(periods=periods)  # type: ignore[arg-type]
        assert info.value.field == "OfficeHours.periods"


class TestByWeekday:
    """``by_weekday`` overrides the periods of given weekdays (0 = Monday ... 6 = Sunday)."""

    def test_friday_override(self) -> None:
        """A Friday override applies to Fridays only; other weekdays keep the main periods."""
        hours = OfficeHours(periods=COMMON, by_weekday={4: [("07:00", "11:30")]})
        assert hours.periods_on(4) == ((T(7), T(11, 30)),)
        assert hours.closing(4) == T(11, 30)
        for weekday in (0, 1, 2, 3, 5, 6):
            assert hours.periods_on(weekday) == COMMON
            assert hours.closing(weekday) == T(17)

    def test_day_length_ignores_overrides(self) -> None:
        """One working day is the length of the main periods, whatever a weekday override says."""
        hours = OfficeHours(periods=COMMON, by_weekday={4: [("07:00", "11:30")]})
        assert hours.day_length == dt.timedelta(hours=8)  # 4 h 30 + 3 h 30
        assert OfficeHours.parse("07:30-11:30,13:30-17:00").day_length == dt.timedelta(
            hours=7, minutes=30
        )

    def test_mapping_and_pairs_are_equal(self) -> None:
        """A mapping and a list of pairs in any order give the same sorted overrides."""
        sat = [(T(8), T(11))]
        fri = [(T(7), T(11, 30))]
        a = OfficeHours(by_weekday={5: sat, 4: fri})
        b = OfficeHours(by_weekday=[(4, fri), (5, sat)])
        assert a == b
        assert hash(a) == hash(b)
        assert a.by_weekday == ((4, ((T(7), T(11, 30)),)), (5, ((T(8), T(11)),)))

    @pytest.mark.parametrize("weekday", [7, -1, 10])
    def test_weekday_out_of_range(self, weekday: int) -> None:
        """A weekday outside 0-6 is refused, quoting it."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(weekday))) as info:
            OfficeHours(by_weekday={weekday: DEFAULT})
        assert info.value.field == "OfficeHours.by_weekday"
        assert info.value.value == weekday

    @pytest.mark.parametrize("weekday", [True, 4.0])
    def test_weekday_not_int(self, weekday: object) -> None:
        """A weekday must be a plain int (a bool or a float is refused)."""
        with pytest.raises(InvalidValueError) as info:
            OfficeHours(by_weekday={weekday: DEFAULT})  # type: ignore[dict-item]
        assert info.value.field == "OfficeHours.by_weekday"
        assert info.value.value is weekday

    def test_weekday_not_sortable(self) -> None:
        """Weekday keys that cannot be sorted are refused, not crashed on."""
        bad = {4: DEFAULT, "fri": DEFAULT}
        with pytest.raises(InvalidValueError) as info:
            OfficeHours(by_weekday=bad)  # type: ignore[dict-item]
        assert info.value.field == "OfficeHours.by_weekday"

    def test_not_a_mapping(self) -> None:
        """Something that is neither a mapping nor pairs is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(5))) as info:
            OfficeHours(by_weekday=5)  # type: ignore[arg-type]
        assert info.value.field == "OfficeHours.by_weekday"

    def test_bad_override_periods(self) -> None:
        """An override's periods are checked like the main ones, naming the weekday."""
        with pytest.raises(InvalidValueError, match=re.escape(repr((T(11), T(7))))) as info:
            OfficeHours(by_weekday={4: [("11:00", "07:00")]})
        assert info.value.field == "OfficeHours.by_weekday[4]"

    def test_empty_override(self) -> None:
        """An override needs at least one period (a closed weekday is a calendar matter)."""
        with pytest.raises(InvalidValueError) as info:
            OfficeHours(by_weekday={5: []})
        assert info.value.field == "OfficeHours.by_weekday[5]"
