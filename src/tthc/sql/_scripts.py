"""SQL text for PostgreSQL and SQLite: tables, the upsert, functions and queries (private).

Building SQL text is this module's job (ruff's S608 would flag every statement): identifiers come
only from a prefix checked against a plain-identifier pattern, and every value is written by
``_literal``/``_text``, which double single quotes. For PostgreSQL a text with a backslash is
written as an escape string (``E'...'``, backslashes doubled): a plain literal means the same
thing only while the server's ``standard_conforming_strings`` is on, and with it off a backslash
before a quote would end the literal early. An ``E''`` string reads the same under either setting.

SQLite runs a script statement by statement and, on an error, leaves the transaction open (a
later ``commit()`` would keep what was done): every statement that writes says ``OR ROLLBACK``,
so that a failed constraint undoes the whole load, and the script first checks that existing
tables have the columns it writes, rolling back if not.
"""
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import re
from importlib import metadata
from typing import TYPE_CHECKING, Final, Protocol

from tthc.errors import InvalidValueError
from tthc.sql._rows import COLUMN_DOCS, COLUMNS

if TYPE_CHECKING:
    from tthc.sql._rows import CalendarDay, OfficePeriod

__all__ = ["load_statements", "postgresql_functions", "sqlite_query"]

DIALECTS: Final = ("postgresql", "sqlite")
QUERIES: Final = ("add_working_days", "working_days_between", "due_at")
_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,39}")
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
_MINUTES_PER_HOUR = 60


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


def _check_dialect(dialect: object) -> str:
    if dialect not in DIALECTS:
        raise InvalidValueError("dialect", dialect, "'postgresql' or 'sqlite'")
    return str(dialect)


def _check_prefix(prefix: object) -> str:
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise InvalidValueError(
            "prefix",
            prefix,
            "a plain lower-case SQL identifier of at most 40 characters (e.g. 'tthc')",
        )
    return prefix


def _version() -> str:
    try:
        return f"tthc {metadata.version('tthc')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "tthc"


# --- literals ----------------------------------------------------------------------------------


def _text(value: str | None, dialect: str) -> str:
    if value is None:
        return "NULL"
    quoted = "'" + value.replace("'", "''") + "'"
    if dialect == "postgresql" and "\\" in value:
        # E'' strings read backslash escapes whatever standard_conforming_strings is.
        return "E" + quoted.replace("\\", "\\\\")
    return quoted


def _literal(value: object, dialect: str) -> str:
    if isinstance(value, bool):
        # SQLite has no boolean type: 1 and 0, as its own TRUE and FALSE keywords mean.
        text = ("TRUE" if value else "FALSE") if dialect == "postgresql" else str(int(value))
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, dt.time):
        text = f"'{value:%H:%M}'"
    elif isinstance(value, dt.date):
        text = f"'{value.isoformat()}'"
    else:
        text = _text(None if value is None else str(value), dialect)
    return text


def _insert(dialect: str) -> str:
    # SQLite: a failed constraint rolls the whole transaction back (see the module docstring).
    return "INSERT INTO" if dialect == "postgresql" else "INSERT OR ROLLBACK INTO"


def _day(value: dt.date, dialect: str) -> str:
    return f"DATE '{value.isoformat()}'" if dialect == "postgresql" else f"'{value.isoformat()}'"


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


# --- PostgreSQL functions ----------------------------------------------------------------------


def _pg_functions(prefix: str) -> list[str]:
    t = f"{prefix}_calendar"
    info = f"{prefix}_calendar_info"
    hours = f"{prefix}_office_hours"
    out_of_range = (
        "RAISE EXCEPTION USING ERRCODE = '22008', MESSAGE = format("
        "'%s is outside the calendar table {t} (%s to %s); load a calendar that covers it', "
        "{what}, (SELECT i.first_day FROM {info} AS i), (SELECT i.last_day FROM {info} AS i))"
    )

    def oor(what: str) -> str:
        return out_of_range.format(t=t, info=info, what=what)

    add = f"""CREATE OR REPLACE FUNCTION {prefix}_add_working_days(start_day date, n integer)
RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $function$
-- n >= 1: the n-th working day strictly after start_day; n <= -1: the |n|-th working day
-- strictly before it; n = 0: start_day if it is a working day, else the next one.
DECLARE
    target integer;
    found_day date;
BEGIN
    SELECT c.working_day_rank
           + CASE WHEN n > 0 THEN n ELSE n + 1 - c.is_working_day::integer END
      INTO target
      FROM {t} AS c
     WHERE c.day = start_day;
    IF NOT FOUND THEN
        {oor("start_day")};
    END IF;
    SELECT w.day INTO found_day
      FROM {t} AS w
     WHERE w.is_working_day AND w.working_day_rank = target;
    IF NOT FOUND THEN
        {oor("format('%s %s %s working day(s)', start_day, CASE WHEN n < 0 THEN '-' ELSE '+' END, abs(n))")};
    END IF;
    RETURN found_day;
END
$function$"""
    between = f"""CREATE OR REPLACE FUNCTION {prefix}_working_days_between(start_day date, end_day date)
RETURNS integer
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $function$
-- Signed: the working days in (start_day, end_day] when end_day >= start_day, else minus the
-- working days in [end_day, start_day).
DECLARE
    s {t}%ROWTYPE;
    e {t}%ROWTYPE;
BEGIN
    SELECT * INTO s FROM {t} AS c WHERE c.day = start_day;
    IF NOT FOUND THEN
        {oor("start_day")};
    END IF;
    SELECT * INTO e FROM {t} AS c WHERE c.day = end_day;
    IF NOT FOUND THEN
        {oor("end_day")};
    END IF;
    IF end_day >= start_day THEN
        RETURN e.working_day_rank - s.working_day_rank;
    END IF;
    RETURN (e.working_day_rank - e.is_working_day::integer)
         - (s.working_day_rank - s.is_working_day::integer);
END
$function$"""
    receipt_row = f"""    local_at := received_at AT TIME ZONE INTERVAL '+07:00';
    SELECT * INTO receipt FROM {t} AS c WHERE c.day = local_at::date;
    IF NOT FOUND THEN
        {oor("local_at::date")};
    END IF;
    tod := (EXTRACT(EPOCH FROM local_at - local_at::date::timestamp) * 1000000)::bigint;"""
    same_day = f"""CREATE OR REPLACE FUNCTION {prefix}_due_same_day(
    received_at timestamptz,
    cutoff time DEFAULT NULL
)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $function$
-- "Trong ngày" (within the day), as tthc.Duration.same_day(cutoff) under the working-time
-- policy: the closing time of the receipt day when it is a working day and the receipt is before
-- its closing (and not after the cut-off), else the closing time of the next working day.
DECLARE
    us_per_minute CONSTANT bigint := 60000000;
    local_at timestamp;
    receipt {t}%ROWTYPE;
    due {t}%ROWTYPE;
    tod bigint;
    target integer;
BEGIN
    IF received_at IS NULL THEN
        RETURN NULL;
    END IF;
    -- The wall clock in Vietnam (an interval keeps the ISO sign: east of Greenwich is +).
{receipt_row}
    target := receipt.working_day_rank - receipt.is_working_day::integer + 1;
    IF receipt.is_working_day AND (
        tod >= (SELECT max(h.closing_minute) FROM {hours} AS h
                 WHERE h.iso_weekday = receipt.iso_weekday) * us_per_minute
        OR tod > (EXTRACT(HOUR FROM cutoff) * 60 + EXTRACT(MINUTE FROM cutoff)) * us_per_minute
    ) THEN
        target := target + 1;
    END IF;
    SELECT * INTO due FROM {t} AS w WHERE w.is_working_day AND w.working_day_rank = target;
    IF NOT FOUND THEN
        {oor("format('the working day after %s', local_at::date)")};
    END IF;
    RETURN (due.day + (SELECT max(h.closing_minute) FROM {hours} AS h
                        WHERE h.iso_weekday = due.iso_weekday) * INTERVAL '1 minute')
           AT TIME ZONE INTERVAL '+07:00';
END
$function$"""
    due = f"""CREATE OR REPLACE FUNCTION {prefix}_due_at(
    received_at timestamptz,
    working_days numeric DEFAULT 0,
    working_hours numeric DEFAULT 0,
    round_up_minutes integer DEFAULT NULL
)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path FROM CURRENT
AS $function$
-- The working-time policy of tthc.compute_deadline: office time is counted from the receipt
-- (from the next opening outside office hours); working_days x the office time of one working
-- day plus working_hours of office time must pass; the due instant is the earliest instant at
-- which it has. A zero length is "0 ngày làm việc": the same-day rule ({prefix}_due_same_day).
-- Vietnam time is UTC+07:00.
DECLARE
    us_per_minute CONSTANT bigint := 60000000;
    span numeric;
    local_at timestamp;
    receipt {t}%ROWTYPE;
    due {t}%ROWTYPE;
    tod bigint;
    target bigint;
    rest bigint;
    due_tod bigint;
    step bigint;
BEGIN
    IF received_at IS NULL OR working_days IS NULL OR working_hours IS NULL THEN
        RETURN NULL;
    END IF;
    IF working_days < 0 OR working_hours < 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('{prefix}_due_at: expected a length >= 0, got %s working day(s) and %s working hour(s)', working_days, working_hours);
    END IF;
    IF round_up_minutes IS NOT NULL AND (round_up_minutes NOT BETWEEN 1 AND 60 OR 60 % round_up_minutes <> 0) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('{prefix}_due_at(round_up_minutes): expected NULL or a divisor of 60 minutes (5, 10, 15, 30, ...), got %s', round_up_minutes);
    END IF;
    span := working_days * (SELECT i.day_minutes FROM {info} AS i) * us_per_minute
            + working_hours * 3600000000;
    IF span <> trunc(span) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('{prefix}_due_at: expected a length that is a whole number of microseconds, got %s working day(s) and %s working hour(s)', working_days, working_hours);
    END IF;
    IF span = 0 THEN
        RETURN {prefix}_due_same_day(received_at);
    END IF;
    -- The wall clock in Vietnam (an interval keeps the ISO sign: east of Greenwich is +).
{receipt_row}
    -- Office time (microseconds) from the table's first day to the receipt, plus the length.
    target := receipt.office_minutes_before * us_per_minute + span::bigint;
    IF receipt.is_working_day THEN
        target := target + coalesce((
            SELECT sum(least(greatest(tod - h.opening_minute * us_per_minute, 0),
                             (h.closing_minute - h.opening_minute) * us_per_minute))
              FROM {hours} AS h
             WHERE h.iso_weekday = receipt.iso_weekday), 0);
    END IF;
    -- The working day in which that much office time has passed: the last one that starts
    -- before target; then the period of that day, the same way.
    SELECT * INTO due
      FROM {t} AS w
     WHERE w.is_working_day AND w.office_minutes_before <= (target - 1) / us_per_minute
     ORDER BY w.office_minutes_before DESC
     LIMIT 1;
    rest := target - due.office_minutes_before * us_per_minute;
    IF NOT FOUND OR rest > due.office_minutes * us_per_minute THEN
        {oor("format('the due day of %s + %s working day(s) + %s working hour(s)', received_at, working_days, working_hours)")};
    END IF;
    SELECT h.opening_minute * us_per_minute + rest - h.minutes_before * us_per_minute
      INTO due_tod
      FROM {hours} AS h
     WHERE h.iso_weekday = due.iso_weekday AND h.minutes_before * us_per_minute < rest
     ORDER BY h.minutes_before DESC
     LIMIT 1;
    IF round_up_minutes IS NOT NULL THEN
        step := round_up_minutes * us_per_minute;
        due_tod := (due_tod + step - 1) / step * step;
    END IF;
    RETURN (due.day + due_tod * INTERVAL '1 microsecond') AT TIME ZONE INTERVAL '+07:00';
END
$function$"""
    comments = [
        f"COMMENT ON FUNCTION {prefix}_add_working_days(date, integer) IS "
        + _text(
            "tthc WorkingCalendar.add_working_days: n >= 1 the n-th working day strictly after, "
            "n <= -1 strictly before, n = 0 the day itself if worked else the next working day.",
            "postgresql",
        ),
        f"COMMENT ON FUNCTION {prefix}_working_days_between(date, date) IS "
        + _text(
            "tthc WorkingCalendar.working_days_between: working days in (a, b] when b >= a, "
            "minus those in [b, a) when b < a.",
            "postgresql",
        ),
        f"COMMENT ON FUNCTION {prefix}_due_at(timestamptz, numeric, numeric, integer) IS "
        + _text(
            "tthc compute_deadline(...).due_at under the working-time policy "
            "(ngày hẹn trả kết quả), without pauses; a zero length is the same-day rule.",
            "postgresql",
        ),
        f"COMMENT ON FUNCTION {prefix}_due_same_day(timestamptz, time) IS "
        + _text(
            "tthc compute_deadline(..., Duration.same_day(cutoff)).due_at under the working-time "
            "policy (trong ngày).",
            "postgresql",
        ),
    ]
    return [add, between, same_day, due, *comments]


def postgresql_functions(prefix: str = "tthc") -> str:
    """Return the PL/pgSQL functions on the calendar table (*hàm tính hạn trong PostgreSQL*).

    [`CalendarTable.sql_script`][tthc.sql.CalendarTable.sql_script] already includes them; use
    this to (re)create them alone. Each raises SQLSTATE ``22008`` when a day falls outside the
    table (where the Python API raises
    [`OutOfCalendarRangeError`][tthc.errors.OutOfCalendarRangeError]) and returns ``NULL`` for
    ``NULL`` arguments.

    * ``<prefix>_add_working_days(start_day date, n integer) → date``: as
      [`WorkingCalendar.add_working_days`][tthc.calendar.WorkingCalendar.add_working_days];
    * ``<prefix>_working_days_between(start_day date, end_day date) → integer``: signed, as
      [`WorkingCalendar.working_days_between`][tthc.calendar.WorkingCalendar.working_days_between];
    * ``<prefix>_due_at(received_at timestamptz, working_days numeric DEFAULT 0,
      working_hours numeric DEFAULT 0, round_up_minutes integer DEFAULT NULL) → timestamptz``:
      ``compute_deadline(...).due_at`` under the working-time policy with the table's office
      hours: give the processing time in working days (``Duration.working_days``) or in
      working hours (``Duration.working_hours``); a zero length is "0 ngày làm việc", the
      same-day rule; pauses are not taken into account;
    * ``<prefix>_due_same_day(received_at timestamptz, cutoff time DEFAULT NULL) →
      timestamptz``: "trong ngày" (``Duration.same_day(cutoff)``): the closing time of the
      receipt day, or of the next working day when the receipt is on a day off, at or after
      closing, or after the cut-off.

    The functions are created with ``SET search_path FROM CURRENT``, so they find their tables
    whatever the caller's ``search_path`` is.

    Args:
        prefix: Name prefix of the tables and functions.

    Returns:
        The ``CREATE OR REPLACE FUNCTION`` statements, separated by semicolons.

    Raises:
        InvalidValueError: A prefix that is not a plain identifier.

    Examples:
        >>> import tthc.sql
        >>> print(tthc.sql.postgresql_functions().splitlines()[0])
        CREATE OR REPLACE FUNCTION tthc_add_working_days(start_day date, n integer)
    """
    return ";\n\n".join(_pg_functions(_check_prefix(prefix))) + ";\n"


# --- SQLite queries ----------------------------------------------------------------------------

_DEFAULT_REQUESTS: Final = {
    "add_working_days": "SELECT :day AS day, :n AS n",
    "working_days_between": "SELECT :start_day AS start_day, :end_day AS end_day",
    "due_at": "SELECT 1 AS id, :received_at AS received_at, "
    ":working_days AS working_days, :working_hours AS working_hours",
}


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else line for line in text.splitlines())


def sqlite_query(
    name: str,
    *,
    prefix: str = "tthc",
    requests: str | None = None,
    round_up_minutes: int | None = None,
) -> str:
    """Return a documented SQLite query on the calendar table (*truy vấn tính hạn trong SQLite*).

    SQLite has no stored functions, so the day arithmetic is a query over a relation of
    requests (your dossiers table, or by default one row of named parameters). Each query returns
    every column of the requests plus the answer; the answer is ``NULL`` where the Python API
    raises [`OutOfCalendarRangeError`][tthc.errors.OutOfCalendarRangeError] or for ``NULL``
    inputs. Days are ``'YYYY-MM-DD'`` text.

    * ``"add_working_days"``: requests with ``day`` and ``n``; adds ``result_day``.
    * ``"working_days_between"``: requests with ``start_day`` and ``end_day``; adds the signed
      ``working_days``.
    * ``"due_at"``: requests with a unique ``id``, ``received_at`` (ISO text with its offset,
      e.g. ``'2026-01-09T16:30:00+07:00'``; text without an offset is read as UTC, as SQLite
      does), ``working_days`` and ``working_hours``; adds ``due_at`` as
      ``'YYYY-MM-DDTHH:MM:SS.SSS+07:00'``: ``compute_deadline(...).due_at`` under the
      working-time policy, to the millisecond (SQLite's clock resolution); a zero length is
      "0 ngày làm việc", the same-day rule.

    Args:
        name: ``"add_working_days"``, ``"working_days_between"`` or ``"due_at"``.
        prefix: Name prefix of the tables.
        requests: A ``SELECT`` giving the request columns (default: named parameters
            ``:day, :n`` / ``:start_day, :end_day`` / ``:received_at, :working_days,
            :working_hours``).
        round_up_minutes: For ``due_at``: round the due time up to a multiple of this many
            minutes (a divisor of 60), as ``DeadlinePolicy.round_up_minutes``.

    Returns:
        The query text.

    Raises:
        InvalidValueError: An unknown query name, a bad prefix or ``round_up_minutes``.

    Examples:
        >>> import sqlite3, tthc, tthc.sql
        >>> db = sqlite3.connect(":memory:")
        >>> _ = db.executescript(tthc.sql.calendar_table(tthc.vietnam_calendar(), 2025, 2026)
        ...                      .sql_script("sqlite"))
        >>> db.execute(tthc.sql.sqlite_query("add_working_days"),
        ...            {"day": "2025-12-31", "n": 3}).fetchone()
        ('2025-12-31', 3, '2026-01-07')
        >>> db.execute(tthc.sql.sqlite_query("due_at"),
        ...            {"received_at": "2026-01-09T16:30:00+07:00", "working_days": 1,
        ...             "working_hours": 0}).fetchone()
        (1, '2026-01-09T16:30:00+07:00', 1, 0, '2026-01-10T16:30:00.000+07:00')
    """
    if name not in QUERIES:
        raise InvalidValueError(
            "sqlite_query(name)", name, "'add_working_days', 'working_days_between' or 'due_at'"
        )
    prefix = _check_prefix(prefix)
    if round_up_minutes is not None and (
        type(round_up_minutes) is not int
        or not 1 <= round_up_minutes <= _MINUTES_PER_HOUR
        or _MINUTES_PER_HOUR % round_up_minutes
    ):
        raise InvalidValueError(
            "sqlite_query(round_up_minutes)",
            round_up_minutes,
            "None or a divisor of 60 minutes (5, 10, 15, 30, ...)",
        )
    source = _indent((requests or _DEFAULT_REQUESTS[name]).strip().rstrip(";"), 4)
    t = f"{prefix}_calendar"
    if name == "add_working_days":
        return f"""WITH request AS (
{source}
)
SELECT r.*, w.day AS result_day
FROM request AS r
LEFT JOIN {t} AS c ON c.day = r.day
LEFT JOIN {t} AS w
       ON w.is_working_day = 1
      AND w.working_day_rank = c.working_day_rank
          + CASE WHEN r.n > 0 THEN r.n ELSE r.n + 1 - c.is_working_day END"""
    if name == "working_days_between":
        return f"""WITH request AS (
{source}
)
SELECT r.*,
       CASE WHEN e.day >= s.day THEN e.working_day_rank - s.working_day_rank
            ELSE (e.working_day_rank - e.is_working_day) - (s.working_day_rank - s.is_working_day)
       END AS working_days
FROM request AS r
LEFT JOIN {t} AS s ON s.day = r.start_day
LEFT JOIN {t} AS e ON e.day = r.end_day"""
    hours = f"{prefix}_office_hours"
    tod = "d.opening_minute * 60000 + d.rest - d.minutes_before * 60000"
    if round_up_minutes:
        step = round_up_minutes * 60000
        tod = f"({tod} + {step - 1}) / {step} * {step}"
    return f"""WITH request AS (
{source}
),
-- The receipt on Vietnam's wall clock (UTC+07:00), to the millisecond, and the length.
receipt AS (
    SELECT r.id,
           strftime('%Y-%m-%d %H:%M:%f', r.received_at, '+7 hours') AS local_at,
           CAST(round((r.working_days * i.day_minutes + r.working_hours * 60) * 60000) AS INTEGER)
               AS span
    FROM request AS r CROSS JOIN {prefix}_calendar_info AS i
    WHERE r.working_days >= 0 AND r.working_hours >= 0
),
start AS (
    SELECT e.id, e.span, c.day, c.iso_weekday, c.is_working_day, c.working_day_rank,
           c.office_minutes_before,
           CAST(substr(e.local_at, 12, 2) AS INTEGER) * 3600000
           + CAST(substr(e.local_at, 15, 2) AS INTEGER) * 60000
           + CAST(round(CAST(substr(e.local_at, 18) AS REAL) * 1000) AS INTEGER) AS tod
    FROM receipt AS e
    JOIN {t} AS c ON c.day = substr(e.local_at, 1, 10)
),
-- Office time in milliseconds from the table's first day to the receipt, plus the length.
target AS (
    SELECT s.id,
           s.office_minutes_before * 60000 + s.span
           + CASE WHEN s.is_working_day = 1 THEN coalesce((
                 SELECT sum(max(0, min(s.tod - h.opening_minute * 60000,
                                       (h.closing_minute - h.opening_minute) * 60000)))
                 FROM {hours} AS h
                 WHERE h.iso_weekday = s.iso_weekday), 0) ELSE 0 END AS t
    FROM start AS s
    WHERE s.span > 0
),
-- The working day in which that much office time has passed, then the period of that day.
due_day AS (
    SELECT g.id, w.day, w.iso_weekday, g.t - w.office_minutes_before * 60000 AS rest
    FROM target AS g
    JOIN {t} AS w
      ON w.is_working_day = 1
     AND w.office_minutes_before = (
         SELECT max(x.office_minutes_before) FROM {t} AS x
         WHERE x.is_working_day = 1 AND x.office_minutes_before <= (g.t - 1) / 60000)
    WHERE g.t - w.office_minutes_before * 60000 <= w.office_minutes * 60000
),
due_period AS (
    SELECT d.id, d.day, d.rest, h.opening_minute, h.minutes_before
    FROM due_day AS d
    JOIN {hours} AS h
      ON h.iso_weekday = d.iso_weekday
     AND h.minutes_before = (
         SELECT max(p.minutes_before) FROM {hours} AS p
         WHERE p.iso_weekday = d.iso_weekday AND p.minutes_before * 60000 < d.rest)
),
-- A zero length ("0 ngày làm việc"): the closing time of the receipt day, or of the next
-- working day when the receipt is not on a working day before its closing.
same_day AS (
    SELECT s.id, w.day,
           (SELECT max(h.closing_minute) FROM {hours} AS h WHERE h.iso_weekday = w.iso_weekday)
           * 60000 AS tod
    FROM start AS s
    JOIN {t} AS w
      ON w.is_working_day = 1
     AND w.working_day_rank = s.working_day_rank - s.is_working_day + 1
         + CASE WHEN s.is_working_day = 1 AND s.tod >= (
                    SELECT max(h.closing_minute) FROM {hours} AS h
                    WHERE h.iso_weekday = s.iso_weekday) * 60000
                THEN 1 ELSE 0 END
    WHERE s.span = 0
),
due AS (
    SELECT d.id, d.day, {tod} AS tod FROM due_period AS d
    UNION ALL
    SELECT id, day, tod FROM same_day
)
SELECT r.*,
       strftime('%Y-%m-%dT%H:%M:%f', u.day, printf('%d.%03d seconds', u.tod / 1000, u.tod % 1000))
       || '+07:00' AS due_at
FROM request AS r
LEFT JOIN due AS u ON u.id = r.id"""
