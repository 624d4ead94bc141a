"""Tests of the calendar inside a database (tthc.sql): tables, exports, SQL functions and queries.

Rule under test (DESIGN.md, "Working days and deadlines"): ``add_working_days(d, n)`` is the n-th
working day strictly after ``d`` (n >= 1), strictly before it (n <= -1), ``d`` or the next working
day (n = 0); ``working_days_between(a, b)`` counts (a, b] when b >= a and minus [b, a) when b < a;
under the working-time policy the due instant is the earliest instant at which N x (office time of
a working day) has passed since the receipt (or the next opening). The SQL answers must be exactly
the Python answers, on a real SQLite file and on a real PostgreSQL server (``TTHC_PG_DSN``, started
by ``.ci/postgres``; with ``CI=true`` a missing server fails instead of skipping).
"""

# Random here is a seeded source of test cases, and the tests build SQL text on purpose.
# ruff: noqa: S311, S608
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import os
import random
import re
import sqlite3
import sys
import uuid
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import tthc
import tthc.sql
from tthc.calendar import Basis, CalendarEntry, EntryKind, OfficeHours
from tthc.deadlines._clock import office_index as _office_index
from tthc.errors import InvalidValueError, OutOfCalendarRangeError, ProvisionalCalendarWarning
from tthc.sql import COLUMNS, DayKind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

VN = tthc.VN_TZ
FIRST, LAST = 2013, 2027
HOWTO = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "deadlines-in-sql.md"
SEED = 20260109
CASES = 300

# An agency with a long Friday lunch and Saturday mornings, so days do not all look alike.
ODD_HOURS = OfficeHours(
    periods=[("07:00", "11:30"), ("13:30", "17:00")],
    by_weekday={4: [("07:30", "11:30"), ("13:00", "16:00")], 5: [("08:00", "11:00")]},
)
HOURS = {"default": OfficeHours(), "odd": ODD_HOURS}


@pytest.fixture(name="cal", scope="module")
def fixture_cal() -> tthc.WorkingCalendar:
    """The official years only, so no answer is provisional."""
    return tthc.vietnam_calendar(first_year=FIRST, last_year=LAST)


@pytest.fixture(name="table", scope="module")
def fixture_table(cal: tthc.WorkingCalendar) -> tthc.sql.CalendarTable:
    return tthc.sql.calendar_table(cal)


def _local_calendar(cal: tthc.WorkingCalendar) -> tthc.WorkingCalendar:
    """The calendar with an agency's own day off (a Monday in 2020), same name."""
    entry = CalendarEntry(
        day=dt.date(2020, 6, 15),
        kind=EntryKind.DAY_OFF,
        name="Ngày nghỉ của cơ quan (ví dụ)",
        source="Quyết định của cơ quan (ví dụ)",
        basis=Basis.LOCAL,
    )
    return cal.with_entries([entry], name=cal.name)


# --- oracles -----------------------------------------------------------------------------------


def _py_add(cal: tthc.WorkingCalendar, day: dt.date, n: int) -> dt.date | None:
    try:
        return cal.add_working_days(day, n)
    except OutOfCalendarRangeError:
        return None


def _py_due(
    cal: tthc.WorkingCalendar,
    /,
    received_at: dt.datetime,
    days: int | Decimal,
    hours: int | Decimal,
    *,
    office: OfficeHours,
    round_up: int | None,
) -> dt.datetime | None:
    duration = tthc.Duration.working_hours(hours) if hours else tthc.Duration.working_days(days)
    policy = tthc.DeadlinePolicy.working_time(office_hours=office, round_up_minutes=round_up)
    try:
        return tthc.compute_deadline(received_at, duration, calendar=cal, policy=policy).due_at
    except OutOfCalendarRangeError:
        return None


def _random_days(rng: random.Random, count: int) -> list[dt.date]:
    first, last = dt.date(FIRST, 1, 1).toordinal(), dt.date(LAST, 12, 31).toordinal()
    days = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(count)]
    # The edges of the table, where answers run out of range.
    return [dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31), dt.date(LAST, 12, 30), *days]


def _add_cases(rng: random.Random) -> list[tuple[dt.date, int]]:
    cases = [(d, rng.choice([0, 1, -1, rng.randint(-60, 60)])) for d in _random_days(rng, CASES)]
    return [
        *cases,
        (dt.date(FIRST, 1, 1), -1),
        (dt.date(LAST, 12, 31), 1),
        (dt.date(LAST, 12, 31), 0),
    ]


def _between_cases(rng: random.Random) -> list[tuple[dt.date, dt.date]]:
    days = _random_days(rng, CASES)
    out = []
    for a in days:
        b = a + dt.timedelta(days=rng.randint(-30, 30)) if rng.random() < 0.7 else rng.choice(days)
        out.append((a, min(max(b, dt.date(FIRST, 1, 1)), dt.date(LAST, 12, 31))))
    return out


def _due_cases(
    rng: random.Random, *, ms: bool
) -> list[tuple[dt.datetime, int | Decimal, int | Decimal]]:
    """Receipts (aware, some in UTC) and lengths in working days or working hours."""
    boundaries = [
        dt.time(h, m)
        for h, m in (
            (7, 0),
            (8, 0),
            (11, 30),
            (12, 0),
            (13, 0),
            (13, 30),
            (16, 0),
            (17, 0),
            (0, 0),
        )
    ]
    out: list[tuple[dt.datetime, int | Decimal, int | Decimal]] = []
    for day in _random_days(rng, CASES):
        if rng.random() < 0.3:
            clock = rng.choice(boundaries)
        else:
            micro = rng.randrange(0, 1_000_000, 1000 if ms else 1)
            clock = dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60), micro)
        at = dt.datetime.combine(day, clock, tzinfo=VN)
        if rng.random() < 0.2:
            at = at.astimezone(dt.UTC)
        pick = rng.random()
        if pick < 0.6:
            days: int | Decimal = rng.choice([0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45])
            out.append((at, days, 0))
        elif pick < 0.75:
            out.append((at, rng.choice([Decimal("0.5"), Decimal("1.5"), Decimal("2.25")]), 0))
        else:
            out.append((at, 0, rng.choice([1, 2, 4, 8, 12, 40, Decimal("0.5")])))
    return out


# --- the table ---------------------------------------------------------------------------------


class TestTable:
    """One row per day, computed from the same calendar as the Python API."""

    def test_one_row_per_day(self, table: tthc.sql.CalendarTable) -> None:
        """The rows are every day of the range, in order."""
        days = [r.day for r in table.rows]
        assert days[0] == dt.date(FIRST, 1, 1)
        assert days[-1] == dt.date(LAST, 12, 31)
        assert (
            len(days) == dt.date(LAST, 12, 31).toordinal() - dt.date(FIRST, 1, 1).toordinal() + 1
        )
        assert all(b - a == dt.timedelta(days=1) for a, b in itertools.pairwise(days))

    def test_working_days_and_ranks(
        self, cal: tthc.WorkingCalendar, table: tthc.sql.CalendarTable
    ) -> None:
        """is_working_day is the calendar's; the rank counts working days from the first day."""
        first = table.rows[0]
        assert first.working_day_rank == int(first.is_working_day)
        for row in table.rows:
            assert row.is_working_day == cal.is_working_day(row.day)
            assert row.iso_weekday == row.day.isoweekday()
            assert row.working_day_rank - first.working_day_rank == cal.working_days_between(
                first.day, row.day
            )

    @pytest.mark.parametrize("hours", HOURS.values(), ids=HOURS.keys())
    def test_office_minutes(self, cal: tthc.WorkingCalendar, hours: OfficeHours) -> None:
        """Office minutes before a day are the deadline engine's cumulative office time."""
        table = tthc.sql.calendar_table(cal, office_hours=hours)
        cum = _office_index(cal, hours).cum
        for row in table.rows:
            k = row.working_day_rank - row.is_working_day
            assert row.office_minutes_before * 60_000_000 == cum[k]
            if row.is_working_day:
                periods = hours.periods_on(row.day.weekday())
                assert row.office_minutes * 60_000_000 == cum[k + 1] - cum[k]
                assert (row.opening_time, row.closing_time) == (periods[0][0], periods[-1][1])
                assert OfficeHours.parse(row.office_periods or "").periods == periods
            else:
                assert (
                    row.office_minutes,
                    row.opening_time,
                    row.closing_time,
                    row.office_periods,
                ) == (
                    0,
                    None,
                    None,
                    None,
                )

    def test_entries_with_reason_and_source(
        self, cal: tthc.WorkingCalendar, table: tthc.sql.CalendarTable
    ) -> None:
        """Each day off and extra working day carries its entry's name, source and basis."""
        by_day = {r.day: r for r in table.rows}
        entries = [e for e in cal.entries if FIRST <= e.day.year <= LAST]
        assert entries
        for entry in entries:
            row = by_day[entry.day]
            expected = (
                DayKind.DAY_OFF if entry.kind is EntryKind.DAY_OFF else DayKind.EXTRA_WORKING_DAY
            )
            assert (row.kind, row.name, row.source, row.basis, row.certainty) == (
                expected,
                entry.name,
                entry.source,
                entry.basis.value,
                entry.certainty.value,
            )
        plain = [r for r in table.rows if r.day not in {e.day for e in entries}]
        assert {r.kind for r in plain} == {DayKind.WORKING_DAY, DayKind.WEEKLY_REST_DAY}
        assert all(r.name is r.source is r.basis is r.certainty is None for r in plain)

    def test_official_facts(self, table: tthc.sql.CalendarTable) -> None:
        """Công văn 12729/VPCP-KGVX: Fri 2/1/2026 off, swapped with Sat 10/1/2026 worked."""
        by_day = {r.day: r for r in table.rows}
        assert by_day[dt.date(2026, 1, 2)].kind is DayKind.DAY_OFF
        assert "12729/VPCP-KGVX" in (by_day[dt.date(2026, 1, 2)].source or "")
        saturday = by_day[dt.date(2026, 1, 10)]
        assert (saturday.kind, saturday.is_working_day, saturday.office_minutes) == (
            DayKind.EXTRA_WORKING_DAY,
            True,
            480,
        )

    def test_provisional_years_flagged(self) -> None:
        """A year without an official schedule warns and is flagged in is_provisional."""
        cal = tthc.vietnam_calendar(first_year=2027, last_year=2028)
        with pytest.warns(ProvisionalCalendarWarning, match="2028"):
            table = tthc.sql.calendar_table(cal)
        flags = {r.day.year: r.is_provisional for r in table.rows}
        assert flags == {2027: False, 2028: True}

    def test_provisional_refused(self) -> None:
        """A calendar that refuses provisional years refuses to export them too."""
        cal = tthc.vietnam_calendar(first_year=2027, last_year=2028, allow_provisional=False)
        with pytest.raises(OutOfCalendarRangeError, match="allow_provisional"):
            tthc.sql.calendar_table(cal)
        assert len(tthc.sql.calendar_table(cal, 2027, 2027).rows) == 365

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"first_year": 2012}, "calendar_table(first_year)"),
            ({"last_year": 2028}, "calendar_table(last_year)"),
            ({"first_year": 2020, "last_year": 2019}, "calendar_table(last_year)"),
            ({"first_year": "2020"}, "calendar_table(first_year)"),
            ({"office_hours": "08:00-17:00"}, "calendar_table(office_hours)"),
        ],
    )
    def test_bad_arguments(
        self, cal: tthc.WorkingCalendar, kwargs: dict[str, Any], field: str
    ) -> None:
        """Bad years and office hours are refused with the argument named."""
        with pytest.raises(InvalidValueError) as info:
            tthc.sql.calendar_table(cal, **kwargs)
        assert info.value.field == field

    def test_not_a_calendar(self) -> None:
        """Only a WorkingCalendar is accepted."""
        with pytest.raises(InvalidValueError, match=re.escape("'cal'")):
            tthc.sql.calendar_table("cal")  # type: ignore[arg-type]

    def test_office_periods_rows(self) -> None:
        """The office-hours rows give each weekday's periods and the minutes before each."""
        table = tthc.sql.calendar_table(
            tthc.vietnam_calendar(first_year=2026, last_year=2026), office_hours=ODD_HOURS
        )
        friday = [p for p in table.office_periods() if p.iso_weekday == 5]
        assert [
            (p.period_no, p.opening_time, p.closing_time, p.minutes_before) for p in friday
        ] == [
            (1, dt.time(7, 30), dt.time(11, 30), 0),
            (2, dt.time(13, 0), dt.time(16, 0), 240),
        ]
        assert table.day_minutes == 480
        assert (
            table.office_hours_text
            == "07:00-11:30,13:30-17:00;fri=07:30-11:30,13:00-16:00;sat=08:00-11:00"
        )


class TestFiles:
    """CSV and Parquet carry the same rows, in the SQL table's column order."""

    def test_csv(self, tmp_path: Path, table: tthc.sql.CalendarTable) -> None:
        """The CSV has a header, true/false, HH:MM times and empty cells for none."""
        path = tmp_path / "calendar.csv"
        table.write_csv(path)
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            lines = list(reader)
        assert tuple(header) == COLUMNS
        assert len(lines) == len(table.rows)
        saturday = dict(
            zip(header, lines[(dt.date(2026, 1, 10) - dt.date(FIRST, 1, 1)).days], strict=True)
        )
        assert saturday["day"] == "2026-01-10"
        assert saturday["is_working_day"] == "true"
        assert saturday["opening_time"] == "08:00"
        assert saturday["kind"] == "extra_working_day"
        assert saturday["is_provisional"] == "false"
        assert path.read_text(encoding="utf-8") == table.csv_text()

    def test_csv_to_open_file(self, table: tthc.sql.CalendarTable) -> None:
        """An open text file is written to as it is."""
        out = io.StringIO()
        table.write_csv(out)
        assert out.getvalue() == table.csv_text()

    def test_parquet(self, tmp_path: Path, table: tthc.sql.CalendarTable) -> None:
        """The Parquet file has typed columns and the office hours in its metadata."""
        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "calendar.parquet"
        table.write_parquet(path)
        read = pq.read_table(path)
        assert tuple(read.column_names) == COLUMNS
        assert str(read.schema.field("day").type) == "date32[day]"
        assert str(read.schema.field("opening_time").type) == "time32[ms]"
        assert read.schema.metadata[b"tthc.office_hours"] == b"08:00-12:00,13:00-17:00"
        rows = read.to_pylist()
        assert [tuple(r.values()) for r in rows] == [row.values() for row in table.rows]

    def test_parquet_needs_pyarrow(
        self, monkeypatch: pytest.MonkeyPatch, table: tthc.sql.CalendarTable
    ) -> None:
        """Without pyarrow the error says which extra to install."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(InvalidValueError, match=re.escape("tthc[parquet]")):
            table.write_parquet(io.BytesIO())

    @pytest.mark.parametrize("fmt", ["csv", "parquet", "postgresql", "sqlite"])
    def test_write_formats(self, tmp_path: Path, fmt: str) -> None:
        """write() dispatches on the format, to a path or an open file."""
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        table = tthc.sql.calendar_table(tthc.vietnam_calendar(first_year=2026, last_year=2026))
        path = tmp_path / f"calendar.{fmt}"
        table.write(path, fmt)
        assert path.stat().st_size > 0
        if fmt in ("postgresql", "sqlite"):
            out = io.StringIO()
            table.write(out, fmt, prefix="agency")
            assert "CREATE TABLE IF NOT EXISTS agency_calendar" in out.getvalue()
            assert path.read_text(encoding="utf-8") == table.sql_script(fmt)

    def test_write_unknown_format(self, table: tthc.sql.CalendarTable) -> None:
        """An unknown format is refused."""
        with pytest.raises(InvalidValueError, match="'xlsx'"):
            table.write(io.StringIO(), "xlsx")


class TestScriptText:
    """The generated SQL text is well-formed for each dialect."""

    @pytest.mark.parametrize("dialect", ["mysql", "", None])
    def test_unknown_dialect(self, table: tthc.sql.CalendarTable, dialect: Any) -> None:
        with pytest.raises(InvalidValueError) as info:
            table.sql_script(dialect)
        assert info.value.field == "dialect"

    @pytest.mark.parametrize("prefix", ["Tthc", "1x", "a-b", "x; DROP TABLE y", "a" * 41, 7])
    def test_bad_prefix(self, table: tthc.sql.CalendarTable, prefix: Any) -> None:
        with pytest.raises(InvalidValueError) as info:
            table.sql_script("sqlite", prefix=prefix)
        assert info.value.field == "prefix"
        with pytest.raises(InvalidValueError):
            tthc.sql.postgresql_functions(prefix)
        with pytest.raises(InvalidValueError):
            tthc.sql.sqlite_query("due_at", prefix=prefix)

    def test_quotes_in_text_are_escaped(self) -> None:
        """A name with a quote is stored as it is."""
        cal = tthc.vietnam_calendar(first_year=2026, last_year=2026).with_entries(
            [
                CalendarEntry(
                    day=dt.date(2026, 3, 9),
                    kind=EntryKind.DAY_OFF,
                    name="Ngày 'đặc biệt'",
                    source="x'); DROP TABLE t; --",
                    basis=Basis.LOCAL,
                )
            ]
        )
        db = sqlite3.connect(":memory:")
        db.executescript(tthc.sql.calendar_table(cal).sql_script("sqlite"))
        assert db.execute(
            "SELECT name, source FROM tthc_calendar WHERE day = '2026-03-09'"
        ).fetchone() == (
            "Ngày 'đặc biệt'",
            "x'); DROP TABLE t; --",
        )

    def test_script_is_one_transaction(self, table: tthc.sql.CalendarTable) -> None:
        """The script starts with BEGIN and ends with COMMIT; the statements have neither."""
        for dialect in ("postgresql", "sqlite"):
            script = table.sql_script(dialect)
            body = [line for line in script.splitlines() if line and not line.startswith("--")]
            assert body[0] == "BEGIN;"
            assert body[-1] == "COMMIT;"
            statements = table.sql_statements(dialect)
            assert not any(s.strip().upper() in {"BEGIN", "COMMIT"} for s in statements)

    def test_sqlite_has_no_functions(self, table: tthc.sql.CalendarTable) -> None:
        assert "FUNCTION" not in table.sql_script("sqlite")
        assert "CREATE OR REPLACE FUNCTION" not in table.sql_script("postgresql", functions=False)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"name": "next_working_day"}, "sqlite_query(name)"),
            ({"name": "due_at", "round_up_minutes": 7}, "sqlite_query(round_up_minutes)"),
            ({"name": "due_at", "round_up_minutes": 0}, "sqlite_query(round_up_minutes)"),
            ({"name": "due_at", "round_up_minutes": True}, "sqlite_query(round_up_minutes)"),
        ],
    )
    def test_bad_query(self, kwargs: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            tthc.sql.sqlite_query(**kwargs)
        assert info.value.field == field


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite(path: Path) -> sqlite3.Connection:
    # isolation_level=None: the scripts carry their own BEGIN/COMMIT.
    return sqlite3.connect(path, isolation_level=None)


def _sqlite_load(db: sqlite3.Connection, script: str) -> None:
    """Run a script as the docs say: stop at the first error and roll back."""
    try:
        db.executescript(script)
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _sqlite_dump(db: sqlite3.Connection, prefix: str = "tthc") -> list[tuple[Any, ...]]:
    return [
        *db.execute(f"SELECT * FROM {prefix}_calendar ORDER BY day"),
        *db.execute(f"SELECT * FROM {prefix}_office_hours ORDER BY iso_weekday, period_no"),
        *db.execute(f"SELECT * FROM {prefix}_calendar_info"),
    ]


def _values(rows: list[tuple[Any, ...]]) -> str:
    def lit(v: Any) -> str:
        return "NULL" if v is None else (f"'{v}'" if isinstance(v, str) else str(v))

    return "VALUES " + ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


@pytest.fixture(name="sqlite_db", scope="module")
def fixture_sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """A real SQLite file with the 2013-2027 table, under two prefixes for two office hours."""
    path = tmp_path_factory.mktemp("sqlite") / "calendar.sqlite3"
    db = _sqlite(path)
    cal = tthc.vietnam_calendar(first_year=FIRST, last_year=LAST)
    for name, hours in HOURS.items():
        _sqlite_load(
            db,
            tthc.sql.calendar_table(cal, office_hours=hours).sql_script(
                "sqlite", prefix=f"t_{name}"
            ),
        )
    yield db
    db.close()


class TestSQLiteAnswers:
    """The documented SQLite queries give exactly the Python answers on a real file."""

    def test_add_working_days(
        self, cal: tthc.WorkingCalendar, sqlite_db: sqlite3.Connection
    ) -> None:
        cases = _add_cases(random.Random(SEED))
        query = tthc.sql.sqlite_query(
            "add_working_days",
            prefix="t_default",
            requests="SELECT column1 AS id, column2 AS day, column3 AS n FROM ("
            + _values([(i, d.isoformat(), n) for i, (d, n) in enumerate(cases)])
            + ")",
        )
        got = {row[0]: row[-1] for row in sqlite_db.execute(query)}
        expected = {i: _py_add(cal, d, n) for i, (d, n) in enumerate(cases)}
        assert got == {i: e and e.isoformat() for i, e in expected.items()}
        assert None in got.values()  # the edges were reached

    def test_add_working_days_parameters(self, sqlite_db: sqlite3.Connection) -> None:
        """The default query reads :day and :n."""
        query = tthc.sql.sqlite_query("add_working_days", prefix="t_default")
        assert sqlite_db.execute(query, {"day": "2026-01-09", "n": 1}).fetchone() == (
            "2026-01-09",
            1,
            "2026-01-10",
        )
        assert (
            sqlite_db.execute(query, {"day": "2026-01-03", "n": 0}).fetchone()[-1] == "2026-01-05"
        )
        assert sqlite_db.execute(query, {"day": "2012-12-31", "n": 1}).fetchone()[-1] is None

    def test_working_days_between(
        self, cal: tthc.WorkingCalendar, sqlite_db: sqlite3.Connection
    ) -> None:
        cases = _between_cases(random.Random(SEED + 1))
        query = tthc.sql.sqlite_query(
            "working_days_between",
            prefix="t_default",
            requests="SELECT column1 AS id, column2 AS start_day, column3 AS end_day FROM ("
            + _values([(i, a.isoformat(), b.isoformat()) for i, (a, b) in enumerate(cases)])
            + ")",
        )
        got = {row[0]: row[-1] for row in sqlite_db.execute(query)}
        assert got == {i: cal.working_days_between(a, b) for i, (a, b) in enumerate(cases)}

    def test_round_trip(self, sqlite_db: sqlite3.Connection) -> None:
        """add(a, between(a, b)) == b for a working day b, in both directions (DESIGN.md)."""
        between = tthc.sql.sqlite_query("working_days_between", prefix="t_default")
        add = tthc.sql.sqlite_query("add_working_days", prefix="t_default")
        a, b = "2024-09-01", "2024-01-02"
        n = sqlite_db.execute(between, {"start_day": a, "end_day": b}).fetchone()[-1]
        assert sqlite_db.execute(add, {"day": a, "n": n}).fetchone()[-1] == b

    @pytest.mark.parametrize(
        ("name", "round_up"), [("default", None), ("odd", None), ("default", 15)]
    )
    def test_due_at(
        self,
        cal: tthc.WorkingCalendar,
        sqlite_db: sqlite3.Connection,
        name: str,
        round_up: int | None,
    ) -> None:
        cases = _due_cases(random.Random(SEED + 2), ms=True)
        query = tthc.sql.sqlite_query(
            "due_at",
            prefix=f"t_{name}",
            round_up_minutes=round_up,
            requests="SELECT column1 AS id, column2 AS received_at, column3 AS working_days, column4 AS working_hours FROM ("
            + _values([(i, at.isoformat(), str(d), str(h)) for i, (at, d, h) in enumerate(cases)])
            + ")",
        )
        got = {row[0]: row[-1] for row in sqlite_db.execute(query)}
        expected = {
            i: _py_due(cal, at, d, h, office=HOURS[name], round_up=round_up)
            for i, (at, d, h) in enumerate(cases)
        }
        assert {i: g and dt.datetime.fromisoformat(g) for i, g in got.items()} == expected
        assert None in expected.values()

    def test_due_at_parameters(self, sqlite_db: sqlite3.Connection) -> None:
        """Received Monday 08:00 with 1 working day: due Monday 17:00 (DESIGN.md)."""
        query = tthc.sql.sqlite_query("due_at", prefix="t_default")
        row = sqlite_db.execute(
            query,
            {"received_at": "2026-01-05T08:00:00+07:00", "working_days": 1, "working_hours": 0},
        ).fetchone()
        assert row[-1] == "2026-01-05T17:00:00.000+07:00"
        nulls = sqlite_db.execute(
            query, {"received_at": None, "working_days": 1, "working_hours": 0}
        ).fetchone()
        assert nulls[-1] is None
        negative = sqlite_db.execute(
            query,
            {"received_at": "2026-01-05T08:00:00+07:00", "working_days": -1, "working_hours": 0},
        ).fetchone()
        assert negative[-1] is None


class TestSQLiteUpsert:
    """Loading is an idempotent upsert; a failure leaves the file unchanged."""

    def test_twice_is_once(self, tmp_path: Path, table: tthc.sql.CalendarTable) -> None:
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, table.sql_script("sqlite"))
        once = _sqlite_dump(db)
        _sqlite_load(db, table.sql_script("sqlite"))
        assert _sqlite_dump(db) == once

    def test_update_a_year(
        self, tmp_path: Path, cal: tthc.WorkingCalendar, table: tthc.sql.CalendarTable
    ) -> None:
        """Upserting one changed year gives the table a fresh export of the new calendar gives."""
        local = _local_calendar(cal)
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, table.sql_script("sqlite"))
        _sqlite_load(db, tthc.sql.calendar_table(local, 2020, 2020).sql_script("sqlite"))
        fresh = _sqlite(tmp_path / "fresh.sqlite3")
        _sqlite_load(fresh, tthc.sql.calendar_table(local).sql_script("sqlite"))
        assert _sqlite_dump(db) == _sqlite_dump(fresh)
        assert db.execute(
            "SELECT kind FROM tthc_calendar WHERE day = '2020-06-15'"
        ).fetchone() == ("day_off",)

    @pytest.mark.parametrize(
        ("base", "added"), [((2013, 2026), (2027, 2027)), ((2020, 2027), (2013, 2019))]
    )
    def test_extend(
        self,
        tmp_path: Path,
        cal: tthc.WorkingCalendar,
        table: tthc.sql.CalendarTable,
        base: tuple[int, int],
        added: tuple[int, int],
    ) -> None:
        """Adding the years before or after gives the table of the whole range."""
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, tthc.sql.calendar_table(cal, *base).sql_script("sqlite"))
        _sqlite_load(db, tthc.sql.calendar_table(cal, *added).sql_script("sqlite"))
        fresh = _sqlite(tmp_path / "fresh.sqlite3")
        _sqlite_load(fresh, table.sql_script("sqlite"))
        assert _sqlite_dump(db) == _sqlite_dump(fresh)

    def test_failure_half_way(
        self, tmp_path: Path, cal: tthc.WorkingCalendar, table: tthc.sql.CalendarTable
    ) -> None:
        """A statement failing after the new rows are in (before the recount) changes nothing."""
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, table.sql_script("sqlite"))
        before = _sqlite_dump(db)
        statements = tthc.sql.calendar_table(_local_calendar(cal), 2020, 2020).sql_statements(
            "sqlite"
        )
        cut = next(i for i, s in enumerate(statements) if s.startswith("WITH base"))
        broken = [*statements[:cut], "SELECT no_such_column FROM tthc_calendar", *statements[cut:]]
        with pytest.raises(sqlite3.OperationalError, match="no_such_column"):
            _sqlite_load(db, "BEGIN;\n" + ";\n".join(broken) + ";\nCOMMIT;")
        assert _sqlite_dump(db) == before

    def test_gap_is_refused(self, tmp_path: Path, cal: tthc.WorkingCalendar) -> None:
        """Loading a year that leaves a gap is rolled back with a message saying so."""
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, tthc.sql.calendar_table(cal, 2013, 2020).sql_script("sqlite"))
        before = _sqlite_dump(db)
        with pytest.raises(sqlite3.IntegrityError, match="gap"):
            _sqlite_load(db, tthc.sql.calendar_table(cal, 2025, 2025).sql_script("sqlite"))
        assert not db.in_transaction
        assert _sqlite_dump(db) == before

    def test_other_office_hours_refused(self, tmp_path: Path, cal: tthc.WorkingCalendar) -> None:
        """A table built for other office hours is not mixed with new ones."""
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, tthc.sql.calendar_table(cal, 2020, 2021).sql_script("sqlite"))
        before = _sqlite_dump(db)
        with pytest.raises(sqlite3.IntegrityError, match="other office hours"):
            _sqlite_load(
                db,
                tthc.sql.calendar_table(cal, 2021, 2021, office_hours=ODD_HOURS).sql_script(
                    "sqlite"
                ),
            )
        assert _sqlite_dump(db) == before

    def test_shell_that_goes_on_after_an_error(
        self, tmp_path: Path, cal: tthc.WorkingCalendar
    ) -> None:
        """Even run statement by statement ignoring errors (sqlite3 without -bail), a refused load commits nothing."""
        db = _sqlite(tmp_path / "c.sqlite3")
        _sqlite_load(db, tthc.sql.calendar_table(cal, 2013, 2020).sql_script("sqlite"))
        before = _sqlite_dump(db)
        errors = []
        for statement in [
            "BEGIN",
            *tthc.sql.calendar_table(cal, 2025, 2025).sql_statements("sqlite"),
            "COMMIT",
        ]:
            try:
                db.execute(statement)
            except sqlite3.Error as exc:
                errors.append(str(exc))
        assert any("gap" in e for e in errors)
        assert _sqlite_dump(db) == before


# --- PostgreSQL --------------------------------------------------------------------------------


def _psycopg() -> Any:
    try:
        import psycopg  # noqa: PLC0415 - the tests group's driver, needed only here
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI") == "true":
            pytest.fail("psycopg is not installed (add 'psycopg[binary]' to the tests group)")
        pytest.skip("psycopg is not installed")
    return psycopg


@pytest.fixture(name="pg_dsn", scope="session")
def fixture_pg_dsn() -> str:
    """The server's DSN; in CI (CI=true) a missing server is a failure, never a skip."""
    dsn = os.environ.get("TTHC_PG_DSN", "")
    if not dsn:
        msg = 'TTHC_PG_DSN is not set: start a server with eval "$(.ci/postgres start)"'
        if os.environ.get("CI") == "true":
            pytest.fail(f"{msg} (CI=true: the PostgreSQL tests must run, not skip)")
        pytest.skip(msg)
    return dsn


@pytest.fixture(name="pg_connect")
def fixture_pg_connect(pg_dsn: str) -> Iterator[Callable[[], Any]]:
    """Connections into a fresh schema, dropped afterwards."""
    psycopg = _psycopg()
    schema = f"tthc_test_{uuid.uuid4().hex[:12]}"
    opened: list[Any] = []

    def connect() -> Any:
        conn = psycopg.connect(pg_dsn, autocommit=True)
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        conn.execute(f"SET search_path = {schema}")
        opened.append(conn)
        return conn

    yield connect
    for conn in opened:
        conn.close()
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(name="pg", scope="module")
def fixture_pg(pg_dsn: str) -> Iterator[Any]:
    """One schema with the 2013-2027 table and functions, under two prefixes."""
    psycopg = _psycopg()
    schema = f"tthc_test_{uuid.uuid4().hex[:12]}"
    conn = psycopg.connect(pg_dsn, autocommit=True)
    conn.execute(f"CREATE SCHEMA {schema}")
    conn.execute(f"SET search_path = {schema}")
    cal = tthc.vietnam_calendar(first_year=FIRST, last_year=LAST)
    for name, hours in HOURS.items():
        conn.execute(
            tthc.sql.calendar_table(cal, office_hours=hours).sql_script(
                "postgresql", prefix=f"t_{name}"
            )
        )
    yield conn
    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    conn.close()


def _pg_dump(conn: Any, prefix: str = "tthc") -> list[tuple[Any, ...]]:
    return [
        *conn.execute(f"SELECT * FROM {prefix}_calendar ORDER BY day").fetchall(),
        *conn.execute(
            f"SELECT * FROM {prefix}_office_hours ORDER BY iso_weekday, period_no"
        ).fetchall(),
        *conn.execute(f"SELECT * FROM {prefix}_calendar_info").fetchall(),
    ]


class TestPostgreSQLAnswers:
    """The generated PL/pgSQL functions give exactly the Python answers on a real server."""

    def test_add_working_days(self, cal: tthc.WorkingCalendar, pg: Any) -> None:
        cases = [
            (d, n) for d, n in _add_cases(random.Random(SEED)) if _py_add(cal, d, n) is not None
        ]
        got = pg.execute(
            "SELECT t_default_add_working_days(d, n) FROM unnest(%s::date[], %s::integer[]) AS t(d, n)",
            ([d for d, _ in cases], [n for _, n in cases]),
        ).fetchall()
        assert [g for (g,) in got] == [cal.add_working_days(d, n) for d, n in cases]

    @pytest.mark.parametrize(
        ("day", "n"),
        [
            (dt.date(2013, 1, 1), -1),
            (dt.date(2027, 12, 31), 1),
            (dt.date(2012, 12, 31), 1),
            (dt.date(2028, 1, 1), -1),
        ],
    )
    def test_add_out_of_range(
        self, cal: tthc.WorkingCalendar, pg: Any, day: dt.date, n: int
    ) -> None:
        """Where Python raises OutOfCalendarRangeError, SQL raises SQLSTATE 22008."""
        psycopg = _psycopg()
        if FIRST <= day.year <= LAST:
            with pytest.raises(OutOfCalendarRangeError):
                cal.add_working_days(day, n)
        with pytest.raises(
            psycopg.errors.DatetimeFieldOverflow, match="outside the calendar table"
        ):
            pg.execute("SELECT t_default_add_working_days(%s, %s)", (day, n))

    def test_nulls(self, pg: Any) -> None:
        """NULL in, NULL out (an unfinished dossier in a report)."""
        assert pg.execute(
            "SELECT t_default_add_working_days(NULL, 1), t_default_working_days_between('2026-01-01', NULL),"
            " t_default_due_at(NULL, 5), t_default_due_at('2026-01-05 08:00+07', NULL)"
        ).fetchone() == (None, None, None, None)

    def test_working_days_between(self, cal: tthc.WorkingCalendar, pg: Any) -> None:
        cases = _between_cases(random.Random(SEED + 1))
        got = pg.execute(
            "SELECT t_default_working_days_between(a, b) FROM unnest(%s::date[], %s::date[]) AS t(a, b)",
            ([a for a, _ in cases], [b for _, b in cases]),
        ).fetchall()
        assert [g for (g,) in got] == [cal.working_days_between(a, b) for a, b in cases]

    def test_between_out_of_range(self, pg: Any) -> None:
        psycopg = _psycopg()
        with pytest.raises(psycopg.errors.DatetimeFieldOverflow, match="2028-01-01 is outside"):
            pg.execute("SELECT t_default_working_days_between('2027-01-01', '2028-01-01')")

    @pytest.mark.parametrize(
        ("name", "round_up"), [("default", None), ("odd", None), ("default", 15), ("odd", 5)]
    )
    def test_due_at(
        self, cal: tthc.WorkingCalendar, pg: Any, name: str, round_up: int | None
    ) -> None:
        cases = _due_cases(random.Random(SEED + 2), ms=False)
        expected = [
            _py_due(cal, at, d, h, office=HOURS[name], round_up=round_up) for at, d, h in cases
        ]
        inside = [(c, e) for c, e in zip(cases, expected, strict=True) if e is not None]
        assert len(inside) > len(cases) * 0.9
        got = pg.execute(
            f"SELECT t_{name}_due_at(r, d, h, %s) FROM unnest(%s::timestamptz[], %s::numeric[], %s::numeric[]) AS t(r, d, h)",
            (
                round_up,
                [c[0] for c, _ in inside],
                [Decimal(c[1]) for c, _ in inside],
                [Decimal(c[2]) for c, _ in inside],
            ),
        ).fetchall()
        assert [g for (g,) in got] == [e for _, e in inside]

    @pytest.mark.parametrize("name", HOURS)
    @pytest.mark.parametrize("cutoff", [None, dt.time(15), dt.time(11, 30)])
    def test_due_same_day(
        self, cal: tthc.WorkingCalendar, pg: Any, name: str, cutoff: dt.time | None
    ) -> None:
        """ "Trong ngày" (with or without a cut-off) is Duration.same_day under the working-time policy."""
        receipts = [at for at, _, _ in _due_cases(random.Random(SEED + 3), ms=False)]
        policy = tthc.DeadlinePolicy.working_time(office_hours=HOURS[name])
        expected = []
        for at in receipts:
            try:
                expected.append(
                    tthc.compute_deadline(
                        at, tthc.Duration.same_day(cutoff=cutoff), calendar=cal, policy=policy
                    ).due_at
                )
            except OutOfCalendarRangeError:
                expected.append(None)
        inside = [(at, e) for at, e in zip(receipts, expected, strict=True) if e is not None]
        got = pg.execute(
            f"SELECT t_{name}_due_same_day(r, %s) FROM unnest(%s::timestamptz[]) AS t(r)",
            (cutoff, [at for at, _ in inside]),
        ).fetchall()
        assert [g for (g,) in got] == [e for _, e in inside]

    def test_due_at_out_of_range(self, cal: tthc.WorkingCalendar, pg: Any) -> None:
        psycopg = _psycopg()
        at = dt.datetime(2027, 12, 31, 10, tzinfo=VN)
        assert _py_due(cal, at, 1, 0, office=OfficeHours(), round_up=None) is None
        with pytest.raises(psycopg.errors.DatetimeFieldOverflow, match="the due day of"):
            pg.execute("SELECT t_default_due_at(%s, 1)", (at,))

    def test_due_at_examples(self, pg: Any) -> None:
        """DESIGN.md: received Monday 08:00, 1 working day: due Monday 17:00; a Saturday worked.

        "0 ngày làm việc" after Friday's closing is due at the closing of the next working day.
        """
        row = pg.execute(
            "SELECT t_default_due_at('2026-01-05 08:00+07', 1), t_default_due_at('2026-01-09 16:30+07', 1),"
            " t_default_due_at('2026-01-09 16:30+07', working_hours => 4),"
            " t_default_due_at('2026-01-09 17:30+07', 0)"
        ).fetchone()
        assert row == (
            dt.datetime(2026, 1, 5, 17, tzinfo=VN),
            dt.datetime(2026, 1, 10, 16, 30, tzinfo=VN),
            dt.datetime(2026, 1, 10, 11, 30, tzinfo=VN),
            dt.datetime(2026, 1, 10, 17, tzinfo=VN),
        )

    @pytest.mark.parametrize(
        ("args", "match"),
        [
            ("-1, 0", "a length >= 0"),
            ("0.0000000001, 0", "whole number of microseconds"),
            ("1, 0, 7", "divisor of 60"),
        ],
    )
    def test_due_at_bad_arguments(self, pg: Any, args: str, match: str) -> None:
        psycopg = _psycopg()
        with pytest.raises(psycopg.errors.InvalidParameterValue, match=match):
            pg.execute(f"SELECT t_default_due_at('2026-01-05 08:00+07', {args})")

    def test_functions_work_from_another_schema(self, pg: Any, pg_dsn: str) -> None:
        """The functions find their tables whatever the caller's search_path."""
        schema = pg.execute("SELECT current_schema()").fetchone()[0]
        with _psycopg().connect(pg_dsn, autocommit=True) as other:
            other.execute("SET search_path = public")
            got = other.execute(
                f"SELECT {schema}.t_default_add_working_days('2025-12-31', 3)"
            ).fetchone()
        assert got == (dt.date(2026, 1, 7),)

    def test_csv_loads_with_copy(
        self, pg_connect: Callable[[], Any], table: tthc.sql.CalendarTable
    ) -> None:
        """The CSV file loads with COPY into the table the script creates, with the same rows."""
        conn = pg_connect()
        conn.execute(table.sql_script("postgresql"))
        conn.execute("CREATE TABLE from_csv (LIKE tthc_calendar)")
        with conn.cursor().copy("COPY from_csv FROM STDIN (FORMAT csv, HEADER true)") as copy:
            copy.write(table.csv_text().encode())
        assert (
            conn.execute("SELECT * FROM from_csv ORDER BY day").fetchall()
            == conn.execute("SELECT * FROM tthc_calendar ORDER BY day").fetchall()
        )


class TestPostgreSQLUpsert:
    """Loading is an idempotent upsert in one transaction; a failure leaves the table unchanged."""

    def test_twice_is_once(
        self, pg_connect: Callable[[], Any], table: tthc.sql.CalendarTable
    ) -> None:
        conn = pg_connect()
        conn.execute(table.sql_script("postgresql"))
        once = _pg_dump(conn)
        conn.execute(table.sql_script("postgresql"))
        assert _pg_dump(conn) == once

    def test_update_a_year(
        self,
        pg_connect: Callable[[], Any],
        cal: tthc.WorkingCalendar,
        table: tthc.sql.CalendarTable,
    ) -> None:
        local = _local_calendar(cal)
        conn = pg_connect()
        conn.execute(table.sql_script("postgresql"))
        conn.execute(tthc.sql.calendar_table(local, 2020, 2020).sql_script("postgresql"))
        updated = _pg_dump(conn)
        conn.execute("DROP TABLE tthc_calendar, tthc_office_hours, tthc_calendar_info CASCADE")
        conn.execute(tthc.sql.calendar_table(local).sql_script("postgresql"))
        assert updated == _pg_dump(conn)
        assert conn.execute("SELECT tthc_add_working_days('2020-06-12', 1)").fetchone() == (
            dt.date(2020, 6, 16),
        )

    @pytest.mark.parametrize(
        ("base", "added"), [((2013, 2026), (2027, 2027)), ((2020, 2027), (2013, 2019))]
    )
    def test_extend(
        self,
        pg_connect: Callable[[], Any],
        cal: tthc.WorkingCalendar,
        table: tthc.sql.CalendarTable,
        base: tuple[int, int],
        added: tuple[int, int],
    ) -> None:
        conn = pg_connect()
        conn.execute(tthc.sql.calendar_table(cal, *base).sql_script("postgresql"))
        conn.execute(tthc.sql.calendar_table(cal, *added).sql_script("postgresql"))
        extended = _pg_dump(conn)
        conn.execute("DROP TABLE tthc_calendar, tthc_office_hours, tthc_calendar_info CASCADE")
        conn.execute(table.sql_script("postgresql"))
        assert extended == _pg_dump(conn)

    def test_failure_in_the_driver_transaction(
        self,
        pg_connect: Callable[[], Any],
        cal: tthc.WorkingCalendar,
        table: tthc.sql.CalendarTable,
    ) -> None:
        """Statements run in a driver transaction that fails half-way leave the table as it was."""
        conn = pg_connect()
        conn.execute(table.sql_script("postgresql"))
        before = _pg_dump(conn)
        statements = tthc.sql.calendar_table(_local_calendar(cal), 2020, 2020).sql_statements(
            "postgresql"
        )
        cut = next(i for i, s in enumerate(statements) if s.startswith("WITH base"))

        def killed_half_way() -> None:
            with conn.transaction():
                for statement in statements[:cut]:
                    conn.execute(statement)
                changed = conn.execute("SELECT kind FROM tthc_calendar WHERE day = '2020-06-15'")
                assert changed.fetchone() == ("day_off",)
                msg = "killed half-way"
                raise RuntimeError(msg)

        with pytest.raises(RuntimeError, match="half-way"):
            killed_half_way()
        assert _pg_dump(conn) == before

    def test_failure_inside_the_script(
        self,
        pg_connect: Callable[[], Any],
        cal: tthc.WorkingCalendar,
        table: tthc.sql.CalendarTable,
    ) -> None:
        """A script that fails after its upserts (as psql would run it) commits nothing."""
        psycopg = _psycopg()
        conn = pg_connect()
        conn.execute(table.sql_script("postgresql"))
        before = _pg_dump(conn)
        script = tthc.sql.calendar_table(_local_calendar(cal), 2020, 2020).sql_script("postgresql")
        broken = script.replace("WITH base AS", "SELECT 1 / 0;\n\nWITH base AS", 1)
        failing = pg_connect()
        with pytest.raises(psycopg.errors.DivisionByZero):
            failing.execute(broken)
        failing.close()
        assert _pg_dump(conn) == before

    def test_gap_is_refused(
        self, pg_connect: Callable[[], Any], cal: tthc.WorkingCalendar
    ) -> None:
        psycopg = _psycopg()
        conn = pg_connect()
        conn.execute(tthc.sql.calendar_table(cal, 2013, 2020).sql_script("postgresql"))
        before = _pg_dump(conn)
        failing = pg_connect()
        with pytest.raises(
            psycopg.errors.RaiseException, match="gap between 2013-01-01 and 2025-12-31"
        ):
            failing.execute(tthc.sql.calendar_table(cal, 2025, 2025).sql_script("postgresql"))
        failing.close()
        assert _pg_dump(conn) == before

    def test_other_office_hours_refused(
        self, pg_connect: Callable[[], Any], cal: tthc.WorkingCalendar
    ) -> None:
        psycopg = _psycopg()
        conn = pg_connect()
        conn.execute(tthc.sql.calendar_table(cal, 2020, 2021).sql_script("postgresql"))
        before = _pg_dump(conn)
        failing = pg_connect()
        with pytest.raises(
            psycopg.errors.RaiseException, match="built for office hours 08:00-12:00,13:00-17:00"
        ):
            failing.execute(
                tthc.sql.calendar_table(cal, 2021, 2021, office_hours=ODD_HOURS).sql_script(
                    "postgresql"
                )
            )
        failing.close()
        assert _pg_dump(conn) == before


# --- the how-to's report query -----------------------------------------------------------------


def _howto_sql(marker: str) -> str:
    blocks = re.findall(r"```sql\n(.*?)```", HOWTO.read_text(encoding="utf-8"), flags=re.DOTALL)
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, marker
    return found[0]


class TestHowTo:
    """The how-to's SQL runs and gives the answer its text says."""

    def test_try_the_functions(self, pg_connect: Callable[[], Any]) -> None:
        """Each example call gives the value in its comment."""
        conn = pg_connect()
        conn.execute(
            tthc.sql.calendar_table(
                tthc.vietnam_calendar(first_year=2025, last_year=2026)
            ).sql_script("postgresql")
        )
        lines = [
            line
            for line in _howto_sql("-- Try the functions").splitlines()
            if line.startswith("SELECT")
        ]
        assert len(lines) == 5
        for line in lines:
            query, comment = line.split("--")
            expected = comment.split("(")[0].strip()
            (value,) = conn.execute(query).fetchone()
            shown = (
                value.astimezone(VN).strftime("%Y-%m-%d %H:%M+07")
                if isinstance(value, dt.datetime)
                else str(value)
            )
            assert shown == expected, line

    def test_overdue_per_agency(self, pg_connect: Callable[[], Any]) -> None:
        conn = pg_connect()
        conn.execute(
            tthc.sql.calendar_table(
                tthc.vietnam_calendar(first_year=2025, last_year=2026)
            ).sql_script("postgresql")
        )
        conn.execute(_howto_sql("CREATE TABLE dossier"))
        conn.execute(_howto_sql("INSERT INTO dossier"))
        report = _howto_sql("overdue per agency").replace(
            "now()", "TIMESTAMPTZ '2026-01-12 09:00+07'"
        )
        assert conn.execute(report).fetchall() == [("Sở Tư pháp", 2), ("UBND xã A", 1)]
