"""Generated SQL under hostile data (issue 17): no injection, nothing half-applied.

Rules under test: a calendar entry's name from a schedule file is data in the generated scripts,
whatever PostgreSQL's ``standard_conforming_strings`` is (with it off, a backslash escaped the
closing quote of a plain literal and the rest of the name ran as SQL); the SQLite script is all
or nothing, as the PostgreSQL one is (a failed statement left the rows already upserted, and a
later ``commit()`` kept them).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import uuid
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
import tthc.sql
from tthc.calendar import Basis, CalendarEntry, EntryKind
from tthc.sql._quoting import _literal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

# A name that closes a plain literal when backslashes escape (standard_conforming_strings=off).
HOSTILE = "Nghỉ \\'); CREATE TABLE pwned (x integer); --"
HOSTILE_SOURCE = "QĐ 1\\"
DAY = dt.date(2026, 3, 9)
# Texts around quotes and backslashes.
TRICKY = ["\\", "\\'", "'\\", "\\\\'", "''", "\\n", "E'x'", "$$", "$tag$", "\\x41", "\\u0041"]


def _table(
    name: str = HOSTILE, source: str = HOSTILE_SOURCE, last_year: int = 2026
) -> tthc.sql.CalendarTable:
    cal = tthc.vietnam_calendar(first_year=2026, last_year=last_year).with_entries(
        [
            CalendarEntry(
                day=DAY, kind=EntryKind.DAY_OFF, name=name, source=source, basis=Basis.LOCAL
            )
        ]
    )
    return tthc.sql.calendar_table(cal)


@pytest.fixture(name="pg_dsn", scope="module")
def fixture_pg_dsn() -> str:
    """The server's DSN; in CI (CI=true) a missing server is a failure, never a skip."""
    dsn = os.environ.get("TTHC_PG_DSN", "")
    if not dsn:
        msg = 'TTHC_PG_DSN is not set: start a server with eval "$(.ci/postgres start)"'
        if os.environ.get("CI") == "true":
            pytest.fail(f"{msg} (CI=true: the PostgreSQL tests must run, not skip)")
        pytest.skip(msg)
    return dsn


@pytest.fixture(name="pg")
def fixture_pg(pg_dsn: str) -> Iterator[Callable[[str], Any]]:
    """Connections into a fresh schema, with standard_conforming_strings as asked."""
    psycopg = pytest.importorskip("psycopg")
    schema = f"tthc_hostile_{uuid.uuid4().hex[:12]}"
    opened: list[Any] = []

    def connect(setting: str) -> Any:
        conn = psycopg.connect(pg_dsn, autocommit=True)
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        conn.execute(f"SET search_path = {schema}")
        conn.execute(f"SET standard_conforming_strings = {setting}")
        opened.append(conn)
        return conn

    yield connect
    for conn in opened:
        conn.close()
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.mark.parametrize("setting", ["on", "off"])
class TestPostgreSQLInjection:
    """The hostile name is stored as it is, under either setting, and nothing else runs."""

    def test_script_in_one_message(self, pg: Callable[[str], Any], setting: str) -> None:
        """The whole script sent at once (parsed before any statement runs)."""
        conn = pg(setting)
        conn.execute(_table().sql_script("postgresql", prefix="t"))
        assert conn.execute(
            "SELECT name, source FROM t_calendar WHERE day = %s", (DAY,)
        ).fetchone() == (
            HOSTILE,
            HOSTILE_SOURCE,
        )
        assert conn.execute("SELECT to_regclass('pwned')").fetchone() == (None,)

    def test_statements_one_by_one(self, pg: Callable[[str], Any], setting: str) -> None:
        """The statements sent one by one, in a transaction (what psql does with a file)."""
        conn = pg(setting)
        with conn.transaction():
            for statement in _table().sql_statements("postgresql", prefix="t"):
                conn.execute(statement)
        assert conn.execute("SELECT name FROM t_calendar WHERE day = %s", (DAY,)).fetchone() == (
            HOSTILE,
        )
        assert conn.execute("SELECT to_regclass('pwned')").fetchone() == (None,)

    def test_any_text_reads_back(self, pg: Callable[[str], Any], setting: str) -> None:
        """Any text (PostgreSQL refuses NUL) reads back exactly from its literal."""
        conn = pg(setting)

        @settings(max_examples=100, deadline=None)
        @given(
            st.text(st.characters(exclude_characters="\x00", codec="utf-8"))
            | st.sampled_from(TRICKY)
        )
        def reads_back(text: str) -> None:
            assert conn.execute(f"SELECT {_literal(text, 'postgresql')}").fetchone() == (text,)

        reads_back()


class TestSQLite:
    """SQLite: the hostile name is data, and a failed load leaves nothing behind."""

    def test_hostile_name(self) -> None:
        """The name and source are stored as they are."""
        db = sqlite3.connect(":memory:")
        db.executescript(_table().sql_script("sqlite", prefix="t"))
        assert db.execute(
            "SELECT name, source FROM t_calendar WHERE day = ?", (DAY.isoformat(),)
        ).fetchone() == (
            HOSTILE,
            HOSTILE_SOURCE,
        )

    def test_failed_load_then_commit_keeps_nothing(self) -> None:
        """A load that fails after its first 500 rows, then commit(): the table is unchanged.

        The table exists with a stricter check of its own (a day from June 2027 fails), so the
        second batch of rows (from 16 May 2027) fails; before, the first 500 rows stayed in the
        open transaction and a later commit() kept them, without their working-day ranks.
        """
        table = _table(last_year=2027)
        db = sqlite3.connect(":memory:")
        db.executescript(table.sql_script("sqlite", prefix="t"))
        db.execute("DELETE FROM t_calendar")
        db.commit()
        schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 't_calendar'").fetchone()[
            0
        ]
        stricter = schema[: schema.rindex(")")] + ", CHECK (day < '2027-06-01'))"
        db.executescript(f"DROP TABLE t_calendar; {stricter};")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.executescript(table.sql_script("sqlite", prefix="t"))
        db.commit()
        assert db.execute("SELECT count(*) FROM t_calendar").fetchone() == (0,)
        assert not db.in_transaction

    def test_other_columns_are_refused_before_any_change(self) -> None:
        """Tables of another layout fail at the start, and the transaction is rolled back."""
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t_calendar (day TEXT PRIMARY KEY, note TEXT)")
        db.execute("INSERT INTO t_calendar VALUES ('2026-01-01', 'kept')")
        db.commit()
        with pytest.raises(sqlite3.IntegrityError, match="other columns"):
            db.executescript(_table().sql_script("sqlite", prefix="t"))
        db.commit()
        assert db.execute("SELECT * FROM t_calendar").fetchall() == [("2026-01-01", "kept")]
        assert db.execute("SELECT name FROM sqlite_master WHERE name LIKE 't_%'").fetchall() == [
            ("t_calendar",)
        ]


class TestFiles:
    """Exports replace their file atomically; text cells are never spreadsheet formulas."""

    def test_formula_names_are_neutralised_in_csv(self) -> None:
        """A day-off name starting with '=' is written with a leading apostrophe (OWASP)."""
        text = _table(name='=HYPERLINK("http://x","Tết")', source="-QĐ 1").csv_text()
        [line] = [line for line in text.splitlines() if line.startswith(DAY.isoformat())]
        assert ',"\'=HYPERLINK(""http://x"",""Tết"")",\'-QĐ 1,' in line

    def test_numbers_and_names_stay_as_they_are(self) -> None:
        """Ordinary names, numbers and dates are written unchanged."""
        text = _table(name="Nghỉ của cơ quan", source="QĐ 1").csv_text()
        [line] = [line for line in text.splitlines() if line.startswith(DAY.isoformat())]
        assert line.startswith("2026-03-09,1,false,")
        assert ",Nghỉ của cơ quan,QĐ 1," in line

    @pytest.mark.parametrize("fmt", ["csv", "postgresql", "sqlite", "parquet"])
    def test_failed_export_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
    ) -> None:
        """A disk that fills up during an export leaves the previous file whole."""
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        target = tmp_path / f"calendar.{fmt}"
        target.write_bytes(b"previous export")

        def full_disk(_fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full_disk)
        with pytest.raises(OSError, match="No space left"):
            _table().write(target, fmt)
        assert target.read_bytes() == b"previous export"
        assert [p.name for p in tmp_path.iterdir()] == [target.name]
