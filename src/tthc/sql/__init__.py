"""The working calendar inside a database (*lịch làm việc trong cơ sở dữ liệu*): tables and SQL.

One-stop systems keep their dossiers in a relational database and report with SQL ("how many
dossiers are overdue today, per agency"). This module exports the calendar where that data lives,
computed from the same data as the Python API:

* [`calendar_table`][tthc.sql.calendar_table] builds a
  [`CalendarTable`][tthc.sql.CalendarTable]: one row per day with whether it is worked, its
  working-day rank and the office minutes before it (prefix counts), its office hours, the name
  and source of each day off and extra working day, and a provisional flag;
* the table writes itself as CSV, Parquet, or a SQL script for PostgreSQL or SQLite that creates
  the tables and upserts the days in one transaction (loading a newer year is the same script);
* for PostgreSQL the script also creates ``<prefix>_add_working_days``,
  ``<prefix>_working_days_between`` and ``<prefix>_due_at`` (see
  [`postgresql_functions`][tthc.sql.postgresql_functions]); for SQLite,
  [`sqlite_query`][tthc.sql.sqlite_query] gives the same answers as queries.

Units: the table counts office time in **minutes** (office periods are on whole minutes, so the
counts are exact); the functions work in microseconds (PostgreSQL) or milliseconds (SQLite)
inside. Instants are Vietnam time, UTC+07:00.

The room sits at the edge of the house and imports only the calendar and the errors: the rows
(``_rows``), the SQL text written from them (``_scripts``) and the table that builds and writes
them (``_table``) import each other in that one direction.

Examples:
    >>> import sqlite3, tthc, tthc.sql
    >>> table = tthc.sql.calendar_table(tthc.vietnam_calendar(), 2025, 2026)
    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.executescript(table.sql_script("sqlite"))
    >>> db.execute(tthc.sql.sqlite_query("working_days_between"),
    ...            {"start_day": "2025-12-31", "end_day": "2026-01-07"}).fetchone()
    ('2025-12-31', '2026-01-07', 3)
"""

from tthc.sql._rows import COLUMNS, CalendarDay, DayKind, OfficePeriod
from tthc.sql._scripts import postgresql_functions, sqlite_query
from tthc.sql._table import CalendarTable, calendar_table

__all__ = [
    "COLUMNS",
    "CalendarDay",
    "CalendarTable",
    "DayKind",
    "OfficePeriod",
    "calendar_table",
    "postgresql_functions",
    "sqlite_query",
]
