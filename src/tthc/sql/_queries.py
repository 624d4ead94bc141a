"""SQLite queries on the calendar table (private; ``tthc.sql`` re-exports them).

Building SQL text is this module's job (ruff's S608 would flag every statement): see
``_quoting`` for how identifiers and values are written.
"""
# ruff: noqa: S608

from __future__ import annotations

from typing import Final

from tthc.errors import InvalidValueError
from tthc.sql._quoting import _check_prefix

__all__ = ["sqlite_query"]

QUERIES: Final = ("add_working_days", "working_days_between", "due_at")
_MINUTES_PER_HOUR = 60

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
