"""PL/pgSQL functions on the calendar table (private; ``tthc.sql`` re-exports them).

Building SQL text is this module's job (ruff's S608 would flag every statement): see
``_quoting`` for how identifiers and values are written.
"""
# ruff: noqa: S608

from __future__ import annotations

from tthc.sql._quoting import _check_prefix, _text

__all__ = ["postgresql_functions"]


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
