"""Official schedules: ``load_schedule``, the shipped data, and ``vietnam_calendar``'s options.

Rule under test (DESIGN.md, "Working days and deadlines"): official data wins where it exists,
with its source; years without it use the statutory rules and are provisional. A schedule file
lists every weekday off and every weekend day made working of its year; a bad file is refused
with all its problems at once (STYLE.md §4).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

import pytest

import tthc
from tthc.calendar import (
    FIRST_SUPPORTED_YEAR,
    LAST_SUPPORTED_YEAR,
    Basis,
    CalendarEntry,
    Certainty,
    EntryKind,
    YearSchedule,
    load_schedule,
    official_schedules,
    vietnam_calendar,
)
from tthc.errors import CalendarDataError, CalendarError, InvalidValueError, LoadError

D = dt.date


def _load_official_table() -> object:
    """Import the research table of test_vn_official.py by path (tests/ is not a package)."""
    path = Path(__file__).resolve().parent / "test_vn_official.py"
    spec = importlib.util.spec_from_file_location("_vn_official_table_for_schedule", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TABLE = _load_official_table()


def entry(date: str, kind: str = "day_off", **extra: object) -> dict[str, object]:
    """One raw schedule entry."""
    return {
        "date": date,
        "kind": kind,
        "name": "Ngày nghỉ (thử)",
        "source": "Thông báo thử",
    } | extra


def document(year: str, entries: list[object], **block: object) -> dict[str, object]:
    """A one-year schedule document in the tthc.calendar/1 format."""
    return {
        "format": "tthc.calendar/1",
        "years": {year: {"sources": ["Thông báo thử 1/TB-THU"], "entries": entries} | block},
    }


# A plausible 2030 schedule (not a real one): New Year Tue 1/1, Tết Mon 4/2 - Fri 8/2, a swap
# Fri 3/5 <-> Sat 11/5, and nothing else, so the statutory Tết days 31/1 and 1/2 are working.
DOC_2030 = document(
    "2030",
    [
        entry("2030-01-01", name="Tết Dương lịch"),
        *(entry(f"2030-02-0{d}", name="Tết Nguyên Đán") for d in (4, 5, 6, 7, 8)),
        entry("2030-05-03", name="Nghỉ hoán đổi", certainty="confirmed_secondary"),
        entry("2030-05-11", "extra_working_day", name="Làm bù cho 03/05/2030", note="swap"),
    ],
    notes=["example"],
)


class TestLoadSchedule:
    """Reading a valid schedule from a file or a mapping."""

    def test_from_mapping(self) -> None:
        """A valid mapping gives one YearSchedule with official, typed entries."""
        (schedule,) = load_schedule(DOC_2030)
        assert schedule.year == 2030
        assert schedule.sources == ("Thông báo thử 1/TB-THU",)
        assert schedule.notes == ("example",)
        assert [e.day for e in schedule.entries] == [
            D(2030, 1, 1),
            D(2030, 2, 4),
            D(2030, 2, 5),
            D(2030, 2, 6),
            D(2030, 2, 7),
            D(2030, 2, 8),
            D(2030, 5, 3),
            D(2030, 5, 11),
        ]
        assert all(e.basis is Basis.OFFICIAL for e in schedule.entries)
        first, swap, saturday = schedule.entries[0], schedule.entries[-2], schedule.entries[-1]
        assert first == CalendarEntry(
            day=D(2030, 1, 1),
            kind=EntryKind.DAY_OFF,
            name="Tết Dương lịch",
            source="Thông báo thử",
            basis=Basis.OFFICIAL,
            certainty=Certainty.CONFIRMED,
        )
        assert swap.certainty is Certainty.CONFIRMED_SECONDARY
        assert saturday.kind is EntryKind.EXTRA_WORKING_DAY
        assert saturday.note == "swap"

    @pytest.mark.parametrize("as_path", [True, False], ids=["Path", "str"])
    def test_from_file(self, tmp_path: Path, as_path: bool) -> None:
        """A UTF-8 JSON file (path or str) loads to the same schedules as the mapping."""
        path = tmp_path / "lich-2030.json"
        path.write_text(json.dumps(DOC_2030, ensure_ascii=False), encoding="utf-8")
        assert load_schedule(path if as_path else str(path)) == load_schedule(DOC_2030)

    def test_several_years_sorted(self) -> None:
        """A document with several years gives one schedule per year, by year."""
        doc = {
            "format": "tthc.calendar/1",
            "years": {
                "2031": {"sources": ["b"], "entries": [entry("2031-01-01")]},
                "2030": {"sources": ["a"], "entries": [entry("2030-01-01")]},
            },
        }
        assert [s.year for s in load_schedule(doc)] == [2030, 2031]

    def test_shipped_file_loads_like_official_schedules(self) -> None:
        """load_schedule on the package's own data file equals official_schedules()."""
        ref = resources.files("tthc.calendar").joinpath("data/vn_public_sector.json")
        with resources.as_file(ref) as path:
            assert load_schedule(path) == official_schedules()

    def test_not_a_path_or_mapping(self) -> None:
        """A source that is neither a path nor a mapping raises InvalidValueError."""
        bad = 2030
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            load_schedule(bad)  # type: ignore[arg-type]
        assert info.value.field == "load_schedule(source)"


class TestProblems:
    """Every problem of a bad document is reported at once, each with its path."""

    def test_all_problems_at_once(self) -> None:
        """One CalendarDataError lists every bad entry and key, each with its JSON path."""
        doc = {
            "format": "tthc.calendar/2",
            "colour": "red",
            "years": {
                "2030": {
                    "bogus": 1,
                    "entries": [
                        entry("2030-13-01"),
                        entry("2030-01-02", extra_key=1),
                        entry("2030-01-05"),
                        entry("2030-01-04", "extra_working_day"),
                        entry("2030-01-07"),
                        entry("2030-01-07"),
                        entry("2030-01-08", certainty="sure"),
                        "not an object",
                        entry("2030-01-09", name=" "),
                        entry("2030-01-10", certainty="predicted"),
                    ],
                },
                "30": {"sources": ["x"], "entries": []},
                "2031": ["not", "an", "object"],
                "2032": {"status": "provisional", "sources": ["x"], "entries": []},
            },
        }
        with pytest.raises(CalendarDataError) as info:
            load_schedule(doc)
        problems = info.value.problems
        expected_starts = [
            "$.colour: unknown key",
            "$.format: expected 'tthc.calendar/1', got 'tthc.calendar/2'",
            "$.years.2030.bogus: unknown key",
            # No "sources" key: the schedule's notices are missing.
            "$.years.2030.sources:",
            "$.years.2030.entries[0].date:",  # month 13
            "$.years.2030.entries[1].extra_key: unknown key",
            "$.years.2030.entries[2]: 2030-01-05 is a Saturday",  # weekend day off
            "$.years.2030.entries[3]: 2030-01-04 is a Friday",  # weekday extra working day
            "$.years.2030.entries[5].date: 2030-01-07 is listed twice",
            "$.years.2030.entries[6].certainty:",
            "$.years.2030.entries[7]:",  # not an object
            "$.years.2030.entries[8].name:",
            # "predicted" is for statutory rules, not for an official file.
            "$.years.2030.entries[9].certainty:",
            "$.years.30:",  # not a four-digit year
            "$.years.2031:",  # not an object
            "$.years.2032.status:",
        ]
        assert len(problems) == len(expected_starts)
        for problem, start in zip(problems, expected_starts, strict=True):
            assert problem.startswith(start), (problem, start)
        assert "'2030-13-01'" in problems[4]
        assert "'sure'" in problems[9]
        assert "'predicted'" in problems[12]
        assert "'provisional'" in problems[15]
        # The message repeats every problem on its own line.
        message = str(info.value)
        assert message.startswith("could not load <mapping>:\n")
        assert all(f"  - {p}" in message for p in problems)
        assert info.value.source == "<mapping>"

    @pytest.mark.parametrize(
        ("raw", "path", "bad"),
        [
            pytest.param(entry("2030-02-30"), "$.years.2030.entries[0].date", "2030-02-30", id="bad-date"),
            pytest.param(entry("30/01/2030"), "$.years.2030.entries[0].date", "30/01/2030", id="vn-date"),
            pytest.param(entry("2032-01-01"), "$.years.2030.entries[0].date", "2032-01-01", id="far-year"),
            pytest.param(entry("2030-01-01", "holiday"), "$.years.2030.entries[0].kind", "holiday", id="bad-kind"),
            pytest.param(entry("2030-01-01", source=""), "$.years.2030.entries[0].source", "", id="blank-source"),
            pytest.param(entry("2030-01-01", certainty="sure"), "$.years.2030.entries[0].certainty", "sure", id="bad-certainty"),
            pytest.param(entry("2030-01-01", note=3), "$.years.2030.entries[0].note", 3, id="bad-note"),
        ],
    )  # fmt: skip
    def test_single_problem_names_path_and_value(
        self, raw: object, path: str, bad: object
    ) -> None:
        """A single bad field is reported with its JSON path and the refused value."""
        with pytest.raises(CalendarDataError, match=re.escape(repr(bad))) as info:
            load_schedule(document("2030", [raw]))
        (problem,) = info.value.problems
        assert problem.startswith(f"{path}:")

    def test_missing_sources(self) -> None:
        """A year without its sources is refused: every schedule must name its notices."""
        doc = {"format": "tthc.calendar/1", "years": {"2030": {"entries": [entry("2030-01-01")]}}}
        with pytest.raises(CalendarDataError) as info:
            load_schedule(doc)
        assert [p.split(":")[0] for p in info.value.problems] == ["$.years.2030.sources"]

    @pytest.mark.parametrize(
        ("doc", "start"),
        [
            pytest.param({"years": {"2030": {}}}, "$.format:", id="missing-format"),
            pytest.param({"format": "tthc.calendar/1"}, "$.years:", id="missing-years"),
            pytest.param({"format": "tthc.calendar/1", "years": {}}, "$.years:", id="empty-years"),
            pytest.param(
                {"format": "tthc.calendar/1", "weekmask": "1111110", "years": {"2030": {"sources": ["x"], "entries": []}}},
                "$.weekmask:",
                id="weekmask",
            ),
        ],
    )  # fmt: skip
    def test_document_level_problems(self, doc: dict[str, object], start: str) -> None:
        """Problems of the document itself are reported with their path."""
        with pytest.raises(CalendarDataError) as info:
            load_schedule(doc)
        assert any(p.startswith(start) for p in info.value.problems), info.value.problems

    def test_json_that_is_not_an_object(self, tmp_path: Path) -> None:
        """A file whose JSON is a list is refused at path $."""
        path = tmp_path / "list.json"
        path.write_text("[1, 2]", encoding="utf-8")
        with pytest.raises(CalendarDataError, match=re.escape(str(path))) as info:
            load_schedule(path)
        assert info.value.problems == ["$: expected a JSON object, got list"]


class TestUnreadableFiles:
    """Files that cannot be read or parsed raise CalendarDataError naming the file."""

    @pytest.mark.parametrize(
        ("content", "what"),
        [
            pytest.param(None, "$: cannot read the file", id="missing"),
            pytest.param(b'{"format": ', "$: not valid JSON", id="invalid-json"),
            pytest.param(b'{"format": "tthc.calendar/1", "x": "\xff\xfe"}', "$: not UTF-8 text", id="not-utf8"),
        ],
    )  # fmt: skip
    def test_unreadable(self, tmp_path: Path, content: bytes | None, what: str) -> None:
        """The error is a CalendarDataError (so a LoadError and a CalendarError) with one problem."""
        path = tmp_path / "schedule.json"
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(CalendarDataError, match=re.escape(str(path))) as info:
            load_schedule(path)
        err = info.value
        assert isinstance(err, LoadError)
        assert isinstance(err, CalendarError)
        assert err.source == str(path)
        (problem,) = err.problems
        assert problem.startswith(what)

    def test_directory(self, tmp_path: Path) -> None:
        """A directory instead of a file is a CalendarDataError too."""
        with pytest.raises(CalendarDataError) as info:
            load_schedule(tmp_path)
        assert info.value.problems[0].startswith("$: cannot read the file")


class TestShippedSchedules:
    """The schedules shipped with tthc."""

    def test_years_and_sources(self) -> None:
        """The shipped years are 2013-2027, each with notices, every entry with a source."""
        schedules = official_schedules()
        assert [s.year for s in schedules] == list(range(2013, 2028))
        for schedule in schedules:
            assert schedule.sources
            assert all(s.strip() for s in schedule.sources)
            for e in schedule.entries:
                assert e.source.strip(), e
                assert e.name.strip(), e
                assert e.basis is Basis.OFFICIAL

    def test_shipped_entries_match_the_research_table(self) -> None:
        """The shipped days off and working Saturdays of 2013-2027 are the research table's."""
        shipped = [
            e for s in official_schedules() for e in s.entries if 2013 <= e.day.year <= 2027
        ]
        off = {e.day for e in shipped if e.kind is EntryKind.DAY_OFF}
        on = {e.day for e in shipped if e.kind is EntryKind.EXTRA_WORKING_DAY}
        assert off == {D.fromisoformat(d) for d, _ in _TABLE.OFFICIAL_DAYS_OFF}  # type: ignore[attr-defined]
        assert on == {D.fromisoformat(d) for d, _ in _TABLE.WORKING_WEEKEND_DAYS}  # type: ignore[attr-defined]

    def test_cached(self) -> None:
        """official_schedules() is parsed once."""
        assert official_schedules() is official_schedules()


class TestVietnamCalendarWithSchedules:
    """vietnam_calendar(schedules=...) uses the given schedules as official data."""

    def test_given_year_becomes_official(self) -> None:
        """A loaded 2030 schedule makes 2030 official: no warning, only its entries count."""
        cal = vietnam_calendar(first_year=2029, last_year=2031, schedules=load_schedule(DOC_2030))
        assert 2030 not in cal.provisional_years
        assert cal.provisional_years == {2029, 2031}
        # No ProvisionalCalendarWarning for 2030 questions (warnings are errors here).
        assert cal.is_working_day(D(2030, 5, 3)) is False
        assert cal.is_working_day(D(2030, 5, 11)) is True  # the working Saturday
        # The statutory rule would give Thu 31/1 and Fri 1/2 off for Tết (see test_statutory.py);
        # the schedule does not list them, so they are working days.
        assert cal.is_working_day(D(2030, 1, 31)) is True
        assert cal.is_working_day(D(2030, 2, 1)) is True
        assert cal.is_working_day(D(2030, 2, 8)) is False
        assert cal.touches_provisional(D(2030, 1, 1), D(2030, 12, 31)) is False
        e = cal.entry(D(2030, 2, 8))
        assert e is not None
        assert (e.basis, e.source) == (Basis.OFFICIAL, "Thông báo thử")
        # Fri 1/2 + 1: Mon 4 - Fri 8/2 off, so Mon 11/2.
        assert cal.add_working_days(D(2030, 2, 1), 1) == D(2030, 2, 11)

    def test_given_schedule_wins_over_the_shipped_one(self) -> None:
        """A given 2026 schedule replaces the shipped 2026 days."""
        doc = document("2026", [entry("2026-01-05", name="Nghỉ (thử)")])
        cal = vietnam_calendar(first_year=2025, last_year=2027, schedules=load_schedule(doc))
        # Shipped (research table): Thu 1/1 and Fri 2/1/2026 off, Sat 10/1 worked. The given
        # schedule lists only Mon 5/1.
        assert cal.is_working_day(D(2026, 1, 1)) is True
        assert cal.is_working_day(D(2026, 1, 2)) is True
        assert cal.is_working_day(D(2026, 1, 5)) is False
        assert cal.is_working_day(D(2026, 1, 10)) is False
        # The neighbouring years keep the shipped data: Fri 2/5/2025 is off (6150/TB-BLĐTBXH).
        assert cal.is_working_day(D(2025, 5, 2)) is False
        assert tthc.vietnam_calendar().is_working_day(D(2026, 1, 2)) is False

    def test_schedules_as_list_and_tuple_give_the_same_calendar(self) -> None:
        """The same schedules as a list or a tuple return the same cached calendar."""
        schedules = load_schedule(DOC_2030)
        a = vietnam_calendar(first_year=2029, last_year=2031, schedules=list(schedules))
        b = vietnam_calendar(first_year=2029, last_year=2031, schedules=tuple(schedules))
        assert a is b

    def test_refusal_in_a_gap_year_does_not_contradict_itself(self) -> None:
        """A refused provisional day is never reported as outside a range that contains it."""
        cal = vietnam_calendar(schedules=load_schedule(DOC_2030), allow_provisional=False)
        # 2028 and 2029 stay provisional (no schedule), between official 2027 and 2030.
        assert cal.provisional_years >= {2028, 2029}
        with pytest.raises(tthc.OutOfCalendarRangeError, match="allow_provisional=True") as info:
            cal.is_working_day(D(2029, 3, 1))
        err = info.value
        assert err.day == D(2029, 3, 1)
        assert not err.first_year <= err.day.year <= err.last_year

    def test_non_schedule_item_is_refused(self) -> None:
        """An item that is not a YearSchedule raises InvalidValueError naming schedules."""
        bad = DOC_2030
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            vietnam_calendar(schedules=[bad])  # type: ignore[list-item]
        assert info.value.field == "vietnam_calendar(schedules)"


class TestVietnamCalendarBounds:
    """vietnam_calendar(first_year=..., last_year=...) and caching."""

    def test_supported_years(self) -> None:
        """The supported years are 2013 (first shipped year) to 2100 (statutory rules)."""
        assert (FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR) == (2013, 2100)

    def test_default_bounds(self, cal: tthc.WorkingCalendar) -> None:
        """The default calendar covers 2013-2100 with 2028-2100 provisional."""
        assert (cal.first_year, cal.last_year) == (2013, 2100)
        assert cal.provisional_years == frozenset(range(2028, 2101))

    def test_narrow_bounds(self) -> None:
        """A 2020-2022 calendar answers inside those years and refuses outside them."""
        cal = vietnam_calendar(first_year=2020, last_year=2022)
        assert (cal.first_year, cal.last_year) == (2020, 2022)
        assert cal.provisional_years == frozenset()
        # Research table: 2021-09-02/03 off; Wed 1/9 + 1 = Mon 6/9.
        assert cal.add_working_days(D(2021, 9, 1), 1) == D(2021, 9, 6)
        with pytest.raises(tthc.OutOfCalendarRangeError) as info:
            cal.is_working_day(D(2023, 1, 3))
        assert (info.value.first_year, info.value.last_year) == (2020, 2022)

    def test_statutory_years_only(self) -> None:
        """A calendar of 2040 alone is all provisional."""
        cal = vietnam_calendar(first_year=2040, last_year=2040)
        assert cal.provisional_years == {2040}
        with pytest.warns(tthc.ProvisionalCalendarWarning, match="2040"):
            # 1/1/2040 is a Sunday, made up on Mon 2/1 (Art. 111(3)): rolling it forward gives Tue 3/1.
            assert cal.add_working_days(D(2040, 1, 1), 0) == D(2040, 1, 3)

    @pytest.mark.parametrize(
        ("kwargs", "field", "bad"),
        [
            pytest.param({"first_year": 2012}, "vietnam_calendar(first_year)", 2012, id="first-too-early"),
            pytest.param({"last_year": 2101}, "vietnam_calendar(last_year)", 2101, id="last-too-late"),
            pytest.param({"first_year": 2101, "last_year": 2101}, "vietnam_calendar(first_year)", 2101, id="first-too-late"),
            pytest.param({"first_year": "2020"}, "vietnam_calendar(first_year)", "2020", id="first-str"),
            pytest.param({"last_year": True}, "vietnam_calendar(last_year)", True, id="last-bool"),
            pytest.param({"first_year": 2025, "last_year": 2024}, "vietnam_calendar(last_year)", 2024, id="last-before-first"),
        ],
    )  # fmt: skip
    def test_bad_bounds(self, kwargs: dict[str, object], field: str, bad: object) -> None:
        """Years outside 2013-2100, non-int years and last < first raise InvalidValueError."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            vietnam_calendar(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_cached_same_object(self) -> None:
        """The same arguments return the same calendar object; different ones do not."""
        assert vietnam_calendar() is vietnam_calendar()
        a = vietnam_calendar(first_year=2020, last_year=2022)
        assert vietnam_calendar(first_year=2020, last_year=2022) is a
        assert vietnam_calendar(first_year=2020, last_year=2023) is not a
        assert vietnam_calendar(first_year=2020, last_year=2022, allow_provisional=False) is not a

    def test_year_schedule_is_a_value(self) -> None:
        """YearSchedule compares by value and sorts its entries."""
        e1 = CalendarEntry(day=D(2030, 1, 2), kind=EntryKind.DAY_OFF, name="a", source="s")
        e2 = CalendarEntry(day=D(2030, 1, 1), kind=EntryKind.DAY_OFF, name="b", source="s")
        s = YearSchedule(year=2030, entries=[e1, e2], sources=["x"])
        assert s.entries == (e2, e1)
        assert s == YearSchedule(year=2030, entries=(e2, e1), sources=("x",))
