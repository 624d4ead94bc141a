"""The calendar as a table: one row per day (private; re-exported by `tthc.sql`)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import os
from typing import IO, TYPE_CHECKING, Any, cast

import attrs

from tthc._files import csv_cell, replacing, write_atomic
from tthc.calendar import EntryKind, OfficeHours, WorkingCalendar
from tthc.errors import InvalidValueError
from tthc.sql._rows import COLUMN_DOCS, COLUMNS, CalendarDay, DayKind, OfficePeriod
from tthc.sql._scripts import load_statements

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["CalendarTable", "calendar_table"]

_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _hhmm(t: dt.time) -> str:
    return f"{t:%H:%M}"


def _periods_text(periods: tuple[tuple[dt.time, dt.time], ...]) -> str:
    return ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in periods)


def office_hours_text(hours: OfficeHours) -> str:
    """Write office hours canonically: ``"08:00-12:00,13:00-17:00"`` plus ``";fri=..."`` overrides."""
    text = _periods_text(hours.periods)
    for weekday, periods in hours.by_weekday:
        text += f";{_WEEKDAY_KEYS[weekday]}={_periods_text(periods)}"
    return text


@attrs.frozen(kw_only=True)
class CalendarTable:
    """The working calendar as a table (*bảng lịch làm việc*), one row per day, ready to export.

    Build it with [`calendar_table`][tthc.sql.calendar_table]. The rows are computed once from
    the calendar, so every format (CSV, Parquet, SQL) carries the same answers as the Python API.
    Loading the SQL of a table into a database *upserts* its days (see
    [`sql_script`][tthc.sql.CalendarTable.sql_script]): exporting one updated year and loading it
    updates that year and recomputes the counts after it.

    Attributes:
        calendar_name: Name of the calendar the rows come from.
        weekmask: The calendar's week (``"1111100"``).
        first_year: First year of the rows.
        last_year: Last year of the rows.
        office_hours: The office hours the office-minute columns count.
        rows: One [`CalendarDay`][tthc.sql.CalendarDay] per day, in order.

    Examples:
        >>> import tthc, tthc.sql
        >>> table = tthc.sql.calendar_table(tthc.vietnam_calendar(), 2026, 2026)
        >>> len(table.rows), table.day_minutes
        (365, 480)
        >>> table.rows[1].kind, table.rows[1].name
        (<DayKind.DAY_OFF: 'day_off'>, 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)')
    """

    calendar_name: str
    weekmask: str
    first_year: int
    last_year: int
    office_hours: OfficeHours
    rows: tuple[CalendarDay, ...] = attrs.field(repr=False)

    @property
    def first_day(self) -> dt.date:
        """The first day of the rows (1 January of ``first_year``)."""
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The last day of the rows (31 December of ``last_year``)."""
        return dt.date(self.last_year, 12, 31)

    @property
    def day_minutes(self) -> int:
        """Office minutes of "1 working day" (*1 ngày làm việc*): the length of the main periods."""
        return int(self.office_hours.day_length.total_seconds()) // 60

    @property
    def office_hours_text(self) -> str:
        """The office hours as text, as stored in the SQL info table."""
        return office_hours_text(self.office_hours)

    def office_periods(self) -> tuple[OfficePeriod, ...]:
        """Return the office periods of every weekday (the ``<prefix>_office_hours`` rows)."""
        out = []
        for weekday in range(7):
            before = 0
            for no, (a, b) in enumerate(self.office_hours.periods_on(weekday), start=1):
                out.append(
                    OfficePeriod(
                        iso_weekday=weekday + 1,
                        period_no=no,
                        opening_time=a,
                        closing_time=b,
                        minutes_before=before,
                    )
                )
                before += _minutes(b) - _minutes(a)
        return tuple(out)

    # --- files ----------------------------------------------------------------------------------

    def write_csv(self, target: str | os.PathLike[str] | IO[str]) -> None:
        r"""Write the rows as CSV (UTF-8, a header line, ``true``/``false``, empty for none).

        The columns are [`COLUMNS`][tthc.sql.COLUMNS], in the order of the SQL table, so the
        file loads with PostgreSQL's ``\copy tthc_calendar FROM 'calendar.csv' CSV HEADER``.
        A path is replaced atomically (a temporary file beside it, then a rename): a failed
        write leaves the previous file whole. A text cell that a spreadsheet would run as a
        formula (a name from a schedule file starting with ``=``, ``+``, ``-`` or ``@``) is
        written with a leading apostrophe, as OWASP recommends against CSV injection.

        Args:
            target: A path, or a text file opened with ``newline=""``.

        Examples:
            >>> import io, tthc, tthc.sql
            >>> out = io.StringIO()
            >>> tthc.sql.calendar_table(tthc.vietnam_calendar(), 2026, 2026).write_csv(out)
            >>> print(out.getvalue().splitlines()[2])
            2026-01-02,5,false,0,0,0,,,,day_off,Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026),Công văn 12729/VPCP-KGVX (25/12/2025),official,confirmed,false
        """
        if isinstance(target, (str, os.PathLike)):
            with replacing(target) as temp, temp.open("w", encoding="utf-8", newline="") as fh:
                self._write_csv(fh)
        else:
            self._write_csv(target)

    def _write_csv(self, fh: IO[str]) -> None:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in self.rows:
            writer.writerow(_csv_value(v) for v in row.values())

    def csv_text(self) -> str:
        """Return the CSV of [`write_csv`][tthc.sql.CalendarTable.write_csv] as a string."""
        out = io.StringIO()
        self._write_csv(out)
        return out.getvalue()

    def to_arrow(self) -> Any:
        """Return the rows as a ``pyarrow.Table`` (needs the ``tthc[parquet]`` extra: pyarrow).

        Days are ``date32``, times ``time32[ms]`` (what Parquet stores), counts integers; the calendar name, office
        hours and day length are in the schema metadata (keys ``tthc.*``).

        Raises:
            InvalidValueError: pyarrow is not installed.
        """
        try:
            # Through importlib: pyarrow ships no type information (and may be absent).
            pa = importlib.import_module("pyarrow")
        except ImportError:
            raise InvalidValueError(
                "CalendarTable.to_arrow",
                "pyarrow",
                "pyarrow installed (pip install 'tthc[parquet]')",
            ) from None
        types = {
            "day": pa.date32(),
            "iso_weekday": pa.int8(),
            "is_working_day": pa.bool_(),
            "working_day_rank": pa.int32(),
            "office_minutes_before": pa.int64(),
            "office_minutes": pa.int32(),
            "opening_time": pa.time32("ms"),
            "closing_time": pa.time32("ms"),
        }
        columns = list(zip(*(row.values() for row in self.rows), strict=True))
        if not columns:  # pragma: no cover - a table always has at least one year of days
            columns = [() for _ in COLUMNS]
        metadata = {
            "tthc.calendar_name": self.calendar_name,
            "tthc.weekmask": self.weekmask,
            "tthc.office_hours": self.office_hours_text,
            "tthc.day_minutes": str(self.day_minutes),
        }
        schema = pa.schema(
            [
                pa.field(
                    name,
                    types.get(name, pa.bool_() if name == "is_provisional" else pa.string()),
                    nullable=name in _NULLABLE,
                    metadata={"description": COLUMN_DOCS[name]},
                )
                for name in COLUMNS
            ],
            metadata=metadata,
        )
        return pa.Table.from_arrays(
            [pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)],
            schema=schema,
        )

    def write_parquet(self, target: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the rows as a Parquet file (needs the ``tthc[parquet]`` extra: pyarrow).

        A path is replaced atomically (a temporary file beside it, then a rename).

        Args:
            target: A path, or a binary file.

        Raises:
            InvalidValueError: pyarrow is not installed.
        """
        table = self.to_arrow()
        write_table = importlib.import_module("pyarrow.parquet").write_table
        if isinstance(target, (str, os.PathLike)):
            with replacing(target) as temp:
                write_table(table, temp)
        else:
            write_table(table, target)

    # --- SQL ------------------------------------------------------------------------------------

    def sql_statements(
        self, dialect: str = "postgresql", *, prefix: str = "tthc", functions: bool = True
    ) -> list[str]:
        """Return the statements of [`sql_script`][tthc.sql.CalendarTable.sql_script], without ``BEGIN``/``COMMIT``.

        Run them in one transaction of your own (a driver's ``transaction()`` block).

        Args:
            dialect: ``"postgresql"`` or ``"sqlite"``.
            prefix: Name prefix of the tables and functions (``tthc`` gives ``tthc_calendar``).
            functions: Whether to (re)create the PostgreSQL functions.

        Returns:
            The SQL statements, in order, each without a trailing semicolon.

        Raises:
            InvalidValueError: An unknown dialect or a prefix that is not a plain identifier.
        """
        return load_statements(self, dialect, prefix=prefix, functions=functions)

    def sql_script(
        self, dialect: str = "postgresql", *, prefix: str = "tthc", functions: bool = True
    ) -> str:
        """Return a SQL script that creates the tables if needed and upserts these rows, in one transaction.

        The script is idempotent and is also how a year is updated: it creates the tables
        (``<prefix>_calendar``, ``<prefix>_office_hours``, ``<prefix>_calendar_info``) when they
        do not exist, inserts or replaces the days of this table, recomputes
        ``working_day_rank`` and ``office_minutes_before`` from this table's first day to the end
        of the database table, then checks that the database table has no gap and was built for
        the same office hours. For PostgreSQL it also (re)creates the functions
        ``<prefix>_add_working_days``, ``<prefix>_working_days_between`` and ``<prefix>_due_at``.
        Everything is inside ``BEGIN`` … ``COMMIT``: a failure anywhere leaves the database
        unchanged (in SQLite every write says ``OR ROLLBACK`` and tables of another layout are
        refused first; after any other error, roll back rather than commit). Text is written so
        that it stays data under any server setting (PostgreSQL's
        ``standard_conforming_strings`` on or off). Run it with ``psql -v ON_ERROR_STOP=1 -f`` (PostgreSQL) or ``sqlite3 -bail``
        or Python's ``sqlite3.Connection.executescript`` (SQLite), which stop at the first error.

        Args:
            dialect: ``"postgresql"`` or ``"sqlite"``.
            prefix: Name prefix of the tables and functions (``tthc`` gives ``tthc_calendar``);
                use one prefix per set of office hours.
            functions: Whether to (re)create the PostgreSQL functions.

        Returns:
            The script, UTF-8 text.

        Raises:
            InvalidValueError: An unknown dialect or a prefix that is not a plain identifier.

        Examples:
            >>> import sqlite3, tthc, tthc.sql
            >>> table = tthc.sql.calendar_table(tthc.vietnam_calendar(), 2025, 2026)
            >>> db = sqlite3.connect(":memory:")
            >>> db.executescript(table.sql_script("sqlite"))  # doctest: +ELLIPSIS
            <sqlite3.Cursor object at ...>
            >>> db.execute("SELECT count(*), sum(is_working_day) FROM tthc_calendar").fetchone()
            (730, 499)
        """
        body = ";\n\n".join(self.sql_statements(dialect, prefix=prefix, functions=functions))
        name = " ".join(self.calendar_name.split())  # one line: it sits in a comment
        return (
            f"-- The working calendar {name!r}, {self.first_year}-{self.last_year}, "
            f"office hours {self.office_hours_text}.\n"
            "-- Generated by tthc (tthc.sql); an idempotent upsert in one transaction.\n"
            f"BEGIN;\n\n{body};\n\nCOMMIT;\n"
        )

    def write(
        self,
        target: str | os.PathLike[str] | IO[str] | IO[bytes],
        format: str,  # noqa: A002 - the natural name, as in the CLI's --format
        *,
        prefix: str = "tthc",
    ) -> None:
        """Write the table in one of the export formats (what ``tthc calendar export`` does).

        Args:
            target: A path or an open file (binary for Parquet, text for the others).
            format: ``"csv"``, ``"parquet"``, ``"postgresql"`` or ``"sqlite"``.
            prefix: Name prefix of the SQL tables and functions.

        A path is replaced atomically, whatever the format.

        Raises:
            InvalidValueError: An unknown format, or Parquet without pyarrow.
        """
        if format == "csv":
            self.write_csv(target)  # type: ignore[arg-type]
        elif format == "parquet":
            self.write_parquet(target)  # type: ignore[arg-type]
        elif format in ("postgresql", "sqlite"):
            text = self.sql_script(format, prefix=prefix)
            if isinstance(target, (str, os.PathLike)):
                write_atomic(target, text)
            else:
                cast("IO[str]", target).write(text)
        else:
            raise InvalidValueError(
                "CalendarTable.write(format)",
                format,
                "one of 'csv', 'parquet', 'postgresql', 'sqlite'",
            )


_NULLABLE = frozenset(
    {"opening_time", "closing_time", "office_periods", "name", "source", "basis", "certainty"}
)


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.time):
        return _hhmm(value)
    if isinstance(value, str):
        return csv_cell(value)
    return value


def _check_year(field: str, value: object, cal: WorkingCalendar) -> int:
    if type(value) is not int or not cal.first_year <= value <= cal.last_year:
        raise InvalidValueError(
            f"calendar_table({field})",
            value,
            f"a year the calendar covers ({cal.first_year}\N{EN DASH}{cal.last_year})",
        )
    return value


def calendar_table(
    calendar: WorkingCalendar,
    first_year: int | None = None,
    last_year: int | None = None,
    *,
    office_hours: OfficeHours | None = None,
) -> CalendarTable:
    """Build the calendar table (*bảng lịch làm việc*) of ``calendar`` for a range of years.

    One row per day, with whether it is worked, the working-day rank and office minutes before
    it (prefix counts, from ``first_year``'s 1 January), the day's office hours, and the name,
    source, basis and certainty of each day off and extra working day. Days of years without an
    official schedule have ``is_provisional`` set.

    Args:
        calendar: The working calendar, e.g. [`vietnam_calendar()`][tthc.calendar.vietnam_calendar].
        first_year: First year of the table (default: the calendar's first year).
        last_year: Last year of the table (default: the calendar's last year).
        office_hours: The agency's office hours (default: 08:00–12:00 and 13:00–17:00).

    Returns:
        The [`CalendarTable`][tthc.sql.CalendarTable].

    Raises:
        InvalidValueError: A year outside the calendar, ``last_year < first_year``, or office
            hours that are not an [`OfficeHours`][tthc.calendar.OfficeHours].
        OutOfCalendarRangeError: The range reaches a provisional year of a calendar built with
            ``allow_provisional=False``.

    Warns:
        ProvisionalCalendarWarning: The range reaches a year with no official schedule (the rows
            of those years also say so in ``is_provisional``).

    Examples:
        >>> import datetime as dt, tthc, tthc.sql
        >>> table = tthc.sql.calendar_table(tthc.vietnam_calendar(), 2026, 2026)
        >>> row = table.rows[9]                   # Saturday 10 January 2026, worked for 2 January
        >>> row.day, row.kind.value, row.working_day_rank, row.office_minutes_before
        (datetime.date(2026, 1, 10), 'extra_working_day', 6, 2400)
        >>> row.opening_time, row.closing_time, row.office_periods
        (datetime.time(8, 0), datetime.time(17, 0), '08:00-12:00,13:00-17:00')
    """
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidValueError("calendar_table(calendar)", calendar, "a WorkingCalendar")
    hours = OfficeHours() if office_hours is None else office_hours
    if not isinstance(hours, OfficeHours):
        raise InvalidValueError("calendar_table(office_hours)", hours, "an OfficeHours")
    first = _check_year(
        "first_year", calendar.first_year if first_year is None else first_year, calendar
    )
    last = _check_year(
        "last_year", calendar.last_year if last_year is None else last_year, calendar
    )
    if last < first:
        raise InvalidValueError("calendar_table(last_year)", last, f">= first_year ({first})")
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    # One call over the whole range: it warns (or raises) once for provisional years.
    working = set(calendar.working_days(start, end))
    return CalendarTable(
        calendar_name=calendar.name,
        weekmask=calendar.weekmask,
        first_year=first,
        last_year=last,
        office_hours=hours,
        rows=tuple(_rows(calendar, hours, start, end, working)),
    )


def _rows(
    calendar: WorkingCalendar,
    hours: OfficeHours,
    start: dt.date,
    end: dt.date,
    working: set[dt.date],
) -> Iterator[CalendarDay]:
    weekly = [hours.periods_on(w) for w in range(7)]
    weekly_minutes = [sum(_minutes(b) - _minutes(a) for a, b in p) for p in weekly]
    weekly_text = [_periods_text(p) for p in weekly]
    provisional = calendar.provisional_years
    rank = 0
    minutes_before = 0
    one = dt.timedelta(days=1)
    day = start
    while day <= end:
        weekday = day.weekday()
        is_working = day in working
        entry = calendar.entry(day)
        if entry is None:
            kind = DayKind.WORKING_DAY if is_working else DayKind.WEEKLY_REST_DAY
        else:
            kind = (
                DayKind.DAY_OFF if entry.kind is EntryKind.DAY_OFF else DayKind.EXTRA_WORKING_DAY
            )
        periods = weekly[weekday] if is_working else ()
        minutes = weekly_minutes[weekday] if is_working else 0
        rank += is_working
        yield CalendarDay(
            day=day,
            iso_weekday=weekday + 1,
            is_working_day=is_working,
            working_day_rank=rank,
            office_minutes_before=minutes_before,
            office_minutes=minutes,
            opening_time=periods[0][0] if periods else None,
            closing_time=periods[-1][1] if periods else None,
            office_periods=weekly_text[weekday] if is_working else None,
            kind=kind,
            name=None if entry is None else entry.name,
            source=None if entry is None else entry.source,
            basis=None if entry is None else entry.basis.value,
            certainty=None if entry is None else entry.certainty.value,
            is_provisional=day.year in provisional,
        )
        minutes_before += minutes
        day += one
