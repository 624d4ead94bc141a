"""SQL text that loads a calendar table into PostgreSQL or SQLite: tables, upsert, checks (private).

Building SQL text is this module's job (ruff's S608 would flag every statement): identifiers come
only from a prefix checked against a plain-identifier pattern, and every value is written by
``_literal``/``_text`` (module ``_quoting``, which explains the PostgreSQL escape strings). The
PL/pgSQL functions live in ``_functions`` and the SQLite queries in ``_queries``; this module
re-exports them for the old import path.

SQLite runs a script statement by statement and, on an error, leaves the transaction open (a
later ``commit()`` would keep what was done): every statement that writes says ``OR ROLLBACK``,
so that a failed constraint undoes the whole load, and the script first checks that existing
tables have the columns it writes, rolling back if not.
"""
# ruff: noqa: S608

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Final, Protocol

from tthc.sql._functions import _pg_functions, postgresql_functions
from tthc.sql._queries import sqlite_query
from tthc.sql._quoting import _check_dialect, _check_prefix, _day, _insert, _literal, _text
from tthc.sql._rows import COLUMN_DOCS, COLUMNS

if TYPE_CHECKING:
    import datetime as dt

    from tthc.sql._rows import CalendarDay, OfficePeriod

__all__ = ["load_statements", "postgresql_functions", "sqlite_query"]

_CHUNK = 500  # rows per INSERT statement
_OFFICE_HOURS_COLUMNS: Final = (
    "iso_weekday",
    "period_no",
    "opening_time",
    "closing_time",
    "opening_minute",
    "closing_minute",
    "minutes_before",
)
_INFO_COLUMNS: Final = (
    "id",
    "calendar_name",
    "weekmask",
    "office_hours",
    "day_minutes",
    "first_day",
    "last_day",
    "generated_by",
)


class Table(Protocol):
    """What the SQL of a calendar table is written from (``tthc.sql.CalendarTable`` has it).

    A protocol rather than the class, so that this module does not import the table's module,
    which imports this one.
    """

    @property
    def calendar_name(self) -> str: ...
    @property
    def weekmask(self) -> str: ...
    @property
    def office_hours_text(self) -> str: ...
    @property
    def day_minutes(self) -> int: ...
    @property
    def first_day(self) -> dt.date: ...
    @property
    def last_day(self) -> dt.date: ...
    @property
    def rows(self) -> tuple[CalendarDay, ...]: ...
    def office_periods(self) -> tuple[OfficePeriod, ...]: ...


def _version() -> str:
    try:
        return f"tthc {metadata.version('tthc')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "tthc"


# --- tables ------------------------------------------------------------------------------------


def _ddl(prefix: str, dialect: str) -> list[str]:
    pg = dialect == "postgresql"
    boolean = "boolean" if pg else "INTEGER"
    date = "date" if pg else "TEXT"
    time = "time" if pg else "TEXT"
    text = "text" if pg else "TEXT"
    small = "smallint" if pg else "INTEGER"
    integer = "integer" if pg else "INTEGER"
    big = "bigint" if pg else "INTEGER"

    def flag(column: str) -> str:
        return "" if pg else f" CHECK ({column} IN (0, 1))"

    kinds = ", ".join(
        f"'{k}'" for k in ("working_day", "weekly_rest_day", "day_off", "extra_working_day")
    )
    working = "is_working_day" if pg else "is_working_day = 1"
    statements = [
        f"""CREATE TABLE IF NOT EXISTS {prefix}_calendar (
    day                   {date} PRIMARY KEY,
    iso_weekday           {small} NOT NULL CHECK (iso_weekday BETWEEN 1 AND 7),
    is_working_day        {boolean} NOT NULL{flag("is_working_day")},
    working_day_rank      {integer} NOT NULL,
    office_minutes_before {big} NOT NULL,
    office_minutes        {integer} NOT NULL CHECK (office_minutes >= 0),
    opening_time          {time},
    closing_time          {time},
    office_periods        {text},
    kind                  {text} NOT NULL CHECK (kind IN ({kinds})),
    name                  {text},
    source                {text},
    basis                 {text},
    certainty             {text},
    is_provisional        {boolean} NOT NULL{flag("is_provisional")}
)""",
        f"""CREATE TABLE IF NOT EXISTS {prefix}_office_hours (
    iso_weekday    {small} NOT NULL CHECK (iso_weekday BETWEEN 1 AND 7),
    period_no      {small} NOT NULL CHECK (period_no >= 1),
    opening_time   {time} NOT NULL,
    closing_time   {time} NOT NULL,
    opening_minute {integer} NOT NULL,
    closing_minute {integer} NOT NULL CHECK (closing_minute > opening_minute),
    minutes_before {integer} NOT NULL,
    PRIMARY KEY (iso_weekday, period_no)
)""",
        f"""CREATE TABLE IF NOT EXISTS {prefix}_calendar_info (
    id             {integer} PRIMARY KEY CHECK (id = 1),
    calendar_name  {text} NOT NULL,
    weekmask       {text} NOT NULL,
    office_hours   {text} NOT NULL,
    day_minutes    {integer} NOT NULL CHECK (day_minutes > 0),
    first_day      {date} NOT NULL,
    last_day       {date} NOT NULL,
    generated_by   {text} NOT NULL
)""",
    ]
    if not pg:  # before the indexes, which name columns an older table may lack
        statements += _sqlite_layout_check(prefix)
    statements += [
        # Not unique: the upsert shifts ranks row by row, which a unique index would refuse.
        (
            f"CREATE INDEX IF NOT EXISTS {prefix}_calendar_rank "
            f"ON {prefix}_calendar (working_day_rank) WHERE {working}"
        ),
        (
            f"CREATE INDEX IF NOT EXISTS {prefix}_calendar_office "
            f"ON {prefix}_calendar (office_minutes_before) WHERE {working}"
        ),
    ]
    if pg:
        statements.append(
            f"COMMENT ON TABLE {prefix}_calendar IS "
            + _text(
                "The working calendar (lịch làm việc), one row per day, generated by tthc. "
                f"Functions: {prefix}_add_working_days, {prefix}_working_days_between, "
                f"{prefix}_due_at.",
                "postgresql",
            )
        )
        statements += [
            f"COMMENT ON COLUMN {prefix}_calendar.{name} IS {_text(COLUMN_DOCS[name], dialect)}"
            for name in COLUMNS
        ]
        statements += [
            f"COMMENT ON TABLE {prefix}_office_hours IS "
            + _text(
                "Office periods of each weekday; minutes_before = office minutes of the day's "
                "earlier periods.",
                dialect,
            ),
            f"COMMENT ON TABLE {prefix}_calendar_info IS "
            + _text(
                f"One row: what {prefix}_calendar was built from; day_minutes = office minutes "
                "of one working day.",
                dialect,
            ),
        ]
    return statements


def _insert_days(prefix: str, dialect: str, rows: tuple[CalendarDay, ...]) -> list[str]:
    columns = ", ".join(COLUMNS)
    updates = ",\n    ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "day")
    out = []
    for i in range(0, len(rows), _CHUNK):
        values = ",\n".join(
            "(" + ", ".join(_literal(v, dialect) for v in row.values()) + ")"
            for row in rows[i : i + _CHUNK]
        )
        out.append(
            f"{_insert(dialect)} {prefix}_calendar ({columns}) VALUES\n{values}\n"
            f"ON CONFLICT (day) DO UPDATE SET\n    {updates}"
        )
    return out


def _office_hours_rows(prefix: str, dialect: str, table: Table) -> str:
    values = ",\n".join(
        "("
        + ", ".join(
            _literal(v, dialect)
            for v in (
                p.iso_weekday,
                p.period_no,
                p.opening_time,
                p.closing_time,
                p.opening_time.hour * 60 + p.opening_time.minute,
                p.closing_time.hour * 60 + p.closing_time.minute,
                p.minutes_before,
            )
        )
        + ")"
        for p in table.office_periods()
    )
    # A table built for other office hours is refused by the check at the end of the script.
    return (
        f"{_insert(dialect)} {prefix}_office_hours ({', '.join(_OFFICE_HOURS_COLUMNS)}) "
        f"VALUES\n{values}\nON CONFLICT (iso_weekday, period_no) DO NOTHING"
    )


def _info_row(prefix: str, dialect: str, table: Table) -> str:
    # office_hours and day_minutes are not overwritten: the check at the end compares them.
    return (
        f"{_insert(dialect)} {prefix}_calendar_info ({', '.join(_INFO_COLUMNS)}) "
        f"VALUES (1, {_text(table.calendar_name, dialect)}, {_text(table.weekmask, dialect)}, "
        f"{_text(table.office_hours_text, dialect)}, {table.day_minutes}, "
        f"{_day(table.first_day, dialect)}, {_day(table.last_day, dialect)}, "
        f"{_text(_version(), dialect)})\n"
        "ON CONFLICT (id) DO UPDATE SET calendar_name = excluded.calendar_name, "
        "weekmask = excluded.weekmask, generated_by = excluded.generated_by"
    )


def _recompute(prefix: str, dialect: str, start: dt.date) -> list[str]:
    """Recompute the prefix counts from ``start`` to the end of the table, then the info range."""
    t = f"{prefix}_calendar"
    one = "is_working_day::integer" if dialect == "postgresql" else "is_working_day"
    since = _day(start, dialect)
    ne = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    update = "UPDATE" if dialect == "postgresql" else "UPDATE OR ROLLBACK"
    return [
        f"""WITH base AS (
    SELECT coalesce((SELECT b.working_day_rank FROM {t} AS b
                     WHERE b.day < {since} ORDER BY b.day DESC LIMIT 1), 0) AS rank_before,
           coalesce((SELECT b.office_minutes_before + b.office_minutes FROM {t} AS b
                     WHERE b.day < {since} ORDER BY b.day DESC LIMIT 1), 0) AS minutes_before
),
fresh AS (
    SELECT c.day,
           base.rank_before + sum({one}) OVER (ORDER BY c.day) AS working_day_rank,
           base.minutes_before + sum(c.office_minutes) OVER (ORDER BY c.day) - c.office_minutes
               AS office_minutes_before
    FROM {t} AS c, base
    WHERE c.day >= {since}
)
{update} {t}
SET working_day_rank = fresh.working_day_rank,
    office_minutes_before = fresh.office_minutes_before
FROM fresh
WHERE {t}.day = fresh.day
  AND ({t}.working_day_rank {ne} fresh.working_day_rank
       OR {t}.office_minutes_before {ne} fresh.office_minutes_before)""",
        (
            f"{update} {prefix}_calendar_info SET first_day = (SELECT min(day) FROM {t}), "
            f"last_day = (SELECT max(day) FROM {t})"
        ),
    ]


def _checks(prefix: str, dialect: str, table: Table) -> list[str]:
    t = f"{prefix}_calendar"
    hours = _text(table.office_hours_text, dialect)
    if dialect == "postgresql":
        return [
            f"""DO $check$
BEGIN
    IF EXISTS (SELECT 1 FROM {prefix}_calendar_info
               WHERE office_hours <> {hours} OR day_minutes <> {table.day_minutes}) THEN
        RAISE EXCEPTION '{t} was built for office hours %, this script is for {table.office_hours_text}: use another prefix, or drop the tables and load again',
            (SELECT office_hours FROM {prefix}_calendar_info);
    END IF;
    IF (SELECT count(*) FROM {t}) <> (SELECT max(day) - min(day) + 1 FROM {t}) THEN
        RAISE EXCEPTION '{t} would have a gap between % and %: load the years in between too',
            (SELECT min(day) FROM {t}), (SELECT max(day) FROM {t});
    END IF;
END
$check$"""
        ]
    # SQLite has no RAISE outside triggers: a failed CHECK with OR ROLLBACK undoes the whole
    # transaction, so even a shell that goes on after the error has nothing left to commit.
    guard = f"temp.{prefix}_load_check"
    return [
        f"""CREATE TABLE IF NOT EXISTS {guard} (
    same_office_hours INTEGER CONSTRAINT "{t} was built for other office hours: use another prefix, or drop the tables and load again" CHECK (same_office_hours),
    no_gap INTEGER CONSTRAINT "{t} would have a gap: load the years in between too" CHECK (no_gap)
)""",
        f"""INSERT OR ROLLBACK INTO {guard} (same_office_hours, no_gap)
SELECT NOT EXISTS (SELECT 1 FROM {prefix}_calendar_info
                   WHERE office_hours <> {hours} OR day_minutes <> {table.day_minutes}),
       (SELECT count(*) = CAST(julianday(max(day)) - julianday(min(day)) AS INTEGER) + 1 FROM {t})""",
        f"DROP TABLE {guard}",
    ]


def _sqlite_layout_check(prefix: str) -> list[str]:
    """Statements that roll the load back if existing tables lack a column the script writes.

    Otherwise an INSERT naming a missing column fails before it runs, which SQLite does not roll
    back: the transaction would stay open with the tables the script created.
    """
    guard = f"temp.{prefix}_load_layout"
    tables = {
        f"{prefix}_calendar": COLUMNS,
        f"{prefix}_office_hours": _OFFICE_HOURS_COLUMNS,
        f"{prefix}_calendar_info": _INFO_COLUMNS,
    }
    same = "\n   AND ".join(
        f"(SELECT count(*) FROM pragma_table_info({_text(name, 'sqlite')}) "
        f"WHERE name IN ({', '.join(_text(c, 'sqlite') for c in columns)})) = {len(columns)}"
        for name, columns in tables.items()
    )
    return [
        f"""CREATE TABLE IF NOT EXISTS {guard} (
    same_columns INTEGER CONSTRAINT "{", ".join(tables)} have other columns than this script writes: use another prefix, or drop the tables and load again" CHECK (same_columns)
)""",
        f"INSERT OR ROLLBACK INTO {guard} (same_columns)\nSELECT {same}",
        f"DROP TABLE {guard}",
    ]


def load_statements(table: Table, dialect: str, *, prefix: str, functions: bool) -> list[str]:
    """Statements that create the tables if needed and upsert ``table``'s rows."""
    dialect = _check_dialect(dialect)
    prefix = _check_prefix(prefix)
    statements = []
    if dialect == "postgresql":
        # Quiet the "already exists, skipping" notices of a second load (until COMMIT only).
        statements.append("SET LOCAL client_min_messages = warning")
    statements += _ddl(prefix, dialect)
    statements.append(_office_hours_rows(prefix, dialect, table))
    statements.append(_info_row(prefix, dialect, table))
    statements += _insert_days(prefix, dialect, table.rows)
    statements += _recompute(prefix, dialect, table.first_day)
    statements += _checks(prefix, dialect, table)
    if functions and dialect == "postgresql":
        statements += _pg_functions(prefix)
    return statements
