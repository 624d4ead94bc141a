"""Step tables (*bảng các bước xử lý*): per-step due instants, office time used and late flags.

[`step_times`][tthc.analytics.steps.step_times] is the columnar form of
[`StepTrack`][tthc.dossiers.steps.StepTrack]: one row per pass of a dossier through a step
(``dossier_code``, ``step``, ``agency``, ``started_at``, ``finished_at``, ``budget``), vectorised
with numpy, giving for every row what the per-dossier path gives for its pass (tested on generated
dossiers): the due instant (the budget of office time from the start, on the calendar and
office-time index of [`tthc.deadlines.batch`][tthc.deadlines.batch], read from tables of the
day's slots, see ``tthc.analytics._step_slots``), the office time used (up to the
finish, or up to the reporting instant while open), the office time allowed, and whether the step
was late (used more than allowed). [`where_time_goes`][tthc.analytics.steps.where_time_goes] sums
such a table up per unit and step: the share of late steps, and the median and 90th percentile of
the time used against the budget.

Bad rows are never dropped: a start that is missing or not an instant, a finish before the start,
a budget that is not working time, an instant outside the calendar's years. They raise one
[`LoadError`][tthc.errors.LoadError] listing every problem with its rows (counted from 0);
[`invalid_step_rows`][tthc.analytics.steps.invalid_step_rows] gives the same report as data.

Reading the table (columns, budgets, bad rows) lives in ``tthc.analytics._step_input``, the slot
tables in ``tthc.analytics._step_slots`` and the pauses in ``tthc.analytics._step_pauses``.

This module needs numpy and pandas (the ``tthc[pandas]`` extra) and imports them at its top.

Examples:
    >>> import pandas as pd, tthc
    >>> table = pd.DataFrame({
    ...     "dossier_code": ["VD.SO-260302-0001"] * 2,
    ...     "step": ["Thẩm định", "Phê duyệt"],
    ...     "agency": ["VD.SO"] * 2,
    ...     "started_at": pd.to_datetime(["2026-03-02 08:00", "2026-03-04 10:00"]).tz_localize("Asia/Ho_Chi_Minh"),
    ...     "finished_at": pd.to_datetime(["2026-03-04 10:00", None]).tz_localize("Asia/Ho_Chi_Minh"),
    ...     "budget": ["2 ngày làm việc", "4 giờ làm việc"],
    ... })
    >>> as_of = pd.Timestamp("2026-03-04 16:00", tz="Asia/Ho_Chi_Minh").to_pydatetime()
    >>> out = step_times(table, as_of=as_of)
    >>> out[["due_at", "late"]]
                         due_at  late
    0 2026-03-03 17:00:00+07:00  True
    1 2026-03-04 15:00:00+07:00  True
    >>> out["used"].tolist()
    [Timedelta('0 days 18:00:00'), Timedelta('0 days 05:00:00')]

References:
    Decree 118/2025/NĐ-CP Art. 12(3): the time of each step (SECONDARY, research notes
    ``law2026.md`` §A); one-stop systems count step budgets in office hours, 8 to the working day
    (CONFIRMED from source code, research notes ``process/NOTES.md`` §2).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, cast

from tthc import _validators as _v
from tthc.errors import InvalidValueError, LoadError, MissingExtraError, OutOfCalendarRangeError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra
    raise MissingExtraError(exc.name or "pandas", "pandas", __name__) from exc

from tthc.analytics._columns import column
from tthc.analytics._step_input import _check_policy, _Clock, _Reader
from tthc.analytics._step_pauses import Pauses, apply_pauses
from tthc.analytics._step_slots import SlotTables, slot_tables
from tthc.deadlines._clock import local_us
from tthc.deadlines._instants import EPOCH_ORDINAL, NAT, OFFSET_US, US_PER_DAY, US_PER_HOUR, Micros
from tthc.deadlines.compute import _default_calendar
from tthc.procedures.process import step_policy

if TYPE_CHECKING:
    from collections.abc import Mapping

    from numpy.typing import NDArray

    from tthc.calendar._core import WorkingCalendar
    from tthc.calendar._office import OfficeHours
    from tthc.deadlines.policy import DeadlinePolicy

__all__ = [
    "STEP_COLUMNS",
    "format_time_table",
    "invalid_step_rows",
    "section_labels",
    "step_times",
    "time_table_html",
    "where_time_goes",
]

STEP_COLUMNS: Final = {
    "dossier_code": "dossier_code",
    "step": "step",
    "agency": "agency",
    "department": "department",
    "started_at": "started_at",
    "finished_at": "finished_at",
    "budget": "budget",
}
"""The roles of a step table and their default column names (rename with ``columns=``).

``started_at`` and ``budget`` are required; ``finished_at`` (empty while open) too; ``agency`` when
``office_hours=`` is given; ``dossier_code``, ``step`` and ``department`` are carried for the
summaries.
"""

_CHUNK: Final = 1 << 18  # rows per pass of the careful path, to keep the temporaries small
_FAST_CHUNK: Final = 1 << 15  # rows per pass of the slot tables: the buffers stay in cache


def invalid_step_rows(
    table: Any,
    *,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    calendar: WorkingCalendar | None = None,
) -> dict[str, NDArray[np.intp]]:
    """The bad rows of a step table, by problem (the report behind ``step_times``'s LoadError).

    Args:
        table: As for [`step_times`][tthc.analytics.steps.step_times].
        tz: As for ``step_times``.
        columns: As for ``step_times``.
        calendar: As for ``step_times``.

    Returns:
        For each problem found, the positions of its rows (counted from 0); empty when every row
        is valid.

    Raises:
        LoadError: A required column is missing, or the file cannot be read.

    Examples:
        >>> import pandas as pd
        >>> invalid_step_rows(pd.DataFrame({
        ...     "started_at": ["2026-03-02T08:00+07:00", None],
        ...     "finished_at": ["2026-03-01T08:00+07:00", None],
        ...     "budget": ["1 ngày làm việc", "30 ngày"]}))
        {'started_at: missing': array([1]), 'finished_at: before started_at': array([0]), 'budget: not in working days or working hours': array([1])}
    """
    reader = _Reader(table, columns, tz, agency=False, defaults=STEP_COLUMNS)
    clock = _Clock(_default_calendar() if calendar is None else calendar, _check_policy(None))
    reader.check(clock)
    return {m: np.flatnonzero(mask) for m, mask in reader.problems.items() if mask.any()}


def step_times(
    table: Any,
    *,
    as_of: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    office_hours: Mapping[str, OfficeHours] | None = None,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    pauses: Any = None,
) -> Any:
    """Due instant, office time used and allowed, and late flag of every row of a step table.

    The per-pass rules of [`StepRecord`][tthc.dossiers.steps.StepRecord], vectorised: a step is
    due when its budget of office time has passed since it started, on the office hours of its
    agency; it used the office time from its start to its finish (to ``as_of`` while open, or if
    it finished later; nothing if it started after ``as_of``); it is late when it used more than
    its budget. Budgets are working days (of the agency's office day) or working hours, written
    as text (``"0,5 ngày làm việc"``) or given as ``Duration`` objects; a categorical column is read
    through its categories, so each distinct budget is read once. A step whose time is not
    counted is written "Không tính thời gian" (or "Giờ hành chính"): its row has no due instant
    and nothing allowed (``NaT``) and is never late; its office time used is counted as for any
    row.

    With ``pauses``, the dossiers' waits for the applicant (*tạm dừng*, e.g. *chờ bổ sung*)
    stop the clock of every row of their dossier, as
    [`StepsPaused`][tthc.dossiers.steps.StepsPaused] does on a track: the office time paused
    during a row is not used (it is the ``paused`` column), and the row's due instant is the
    earliest instant at which its office time since the start, less the time paused, reaches its
    budget (Decision 766/QĐ-TTg technical formula document, indicator 2.1: supplement time is
    not counted; SECONDARY). A pause still open (no ``resumed_at``) runs up to ``as_of``.

    Args:
        table: A pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name to
            array, or the path of a ``.csv`` or ``.parquet`` file, with the columns of
            [`STEP_COLUMNS`][tthc.analytics.steps.STEP_COLUMNS].
        as_of: The reporting instant (aware); required when some row is open.
        calendar: The working calendar (default: the Vietnamese one).
        policy: The working-time policy (default: office hours 08:00–12:00, 13:00–17:00).
        office_hours: Office hours of agencies that keep their own, by the ``agency`` column's
            value.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role to column name.
        pauses: The dossiers' pauses, a table (pandas or polars ``DataFrame``, pyarrow
            ``Table``, mapping of column name to array) with the columns ``dossier_code``,
            ``paused_at`` and ``resumed_at`` (empty while still paused), joined to the rows by
            the step table's ``dossier_code`` (then required); pauses of dossiers not in the
            table are not used. ``None``: no pause (and no ``paused`` column).

    Returns:
        For a pandas table, a ``DataFrame`` with the table's index and the columns ``due_at``
        (aware, Vietnam time), ``used`` and ``allowed`` (``timedelta64``), ``late`` (bool), and
        ``paused`` (``timedelta64``) with ``pauses``; otherwise a dict of numpy arrays
        (``due_at`` as UTC ``datetime64[us]``).

    Raises:
        LoadError: Bad rows (every problem with its rows), a missing column, an unreadable file;
            bad pause rows (a missing or unreadable instant, a resumption before its pause,
            overlapping pauses of one dossier), in one LoadError of their own.
        InvalidValueError: ``as_of`` missing while some row is open, naive instants without
            ``tz``, a policy other than exact working time, or a bad argument.

    Warns:
        ProvisionalCalendarWarning: Some rows reach a year with no official schedule.
    """
    pol = _check_policy(policy)
    cal = _default_calendar() if calendar is None else calendar
    as_of_us: int | None = None
    if as_of is not None:
        as_of_us = local_us(_v.check_aware("step_times(as_of)", as_of)) - OFFSET_US
    hours = dict(office_hours or {})
    reader = _Reader(table, columns, tz, agency=bool(hours), defaults=STEP_COLUMNS)
    base = _Clock(cal, pol)
    waits = None if pauses is None else _read_pauses(pauses, reader, base, tz)
    n = reader.n
    due = np.empty(n, dtype=np.int64)
    used = np.empty(n, dtype=np.int64)
    allowed = np.empty(n, dtype=np.int64)
    plan = _groups(cal, pol, hours, reader, base)
    reach = _fast(cal, plan, reader, as_of_us, (due, used, allowed))
    if reach is None:
        reach = _careful(cal, plan, reader, as_of_us, base, (due, used, allowed))
    if reach is not None:
        cal._touch(*reach)  # noqa: SLF001 - warns once for provisional years, as the batch does
    paused = None
    if waits is not None:
        paused = _paused(waits, reader, plan, as_of_us, (due, used, allowed), cal)
    late = used > allowed
    if reader.not_counted:
        # Steps whose time is not counted: no due instant, nothing allowed, never late.
        uncounted = np.isin(reader.budget_codes, reader.not_counted)
        due[uncounted] = NAT
        allowed[uncounted] = NAT
        late &= ~uncounted
    due_utc = due.view("datetime64[us]")
    used_td = used.view("timedelta64[us]")
    allowed_td = allowed.view("timedelta64[us]")
    if reader.kind == "pandas":
        frame = pd.DataFrame(
            {
                "due_at": pd.Series(due_utc, index=reader.index)
                .dt.tz_localize("UTC")
                .dt.tz_convert("Asia/Ho_Chi_Minh"),
                "used": pd.Series(used_td, index=reader.index),
                "allowed": pd.Series(allowed_td, index=reader.index),
                "late": pd.Series(late, index=reader.index),
            }
        )
        if paused is not None:
            frame["paused"] = pd.Series(paused.view("timedelta64[us]"), index=reader.index)
        return frame
    result = {"due_at": due_utc, "used": used_td, "allowed": allowed_td, "late": late}
    if paused is not None:
        result["paused"] = paused.view("timedelta64[us]")
    return result


def _read_pauses(pauses: Any, reader: _Reader, base: _Clock, tz: str | None) -> Pauses:
    """The pause table, checked (its bad rows in one LoadError); the step table needs codes."""
    code = reader.roles["dossier_code"]
    if code not in reader.present:
        raise LoadError(reader.source, [f"$: missing column {code!r} (needed to join the pauses)"])
    cal = base.calendar
    return Pauses(pauses, tz, base.bounds(), f"{cal.first_year}-{cal.last_year}")


def _paused(  # noqa: PLR0917 - the arrays of one table
    waits: Pauses,
    reader: _Reader,
    plan: _Plan,
    as_of_us: int | None,
    out: _Out,
    cal: WorkingCalendar,
) -> Micros:
    """Take the pauses into the rows (``tthc.analytics._step_pauses``); the time paused."""
    codes = column(reader.table, reader.kind, reader.roles["dossier_code"])
    if reader.kind in {"arrow", "polars"}:
        codes = codes.to_pandas()
    try:
        paused, moved = apply_pauses(
            waits, codes, plan, reader.start, reader.finish, as_of_us, out
        )
    except IndexError:
        raise OutOfCalendarRangeError(
            cal.last_day + dt.timedelta(days=1), cal.first_year, cal.last_year
        ) from None
    if moved is not None:
        cal._touch(*moved)  # noqa: SLF001 - warns once for provisional years
    return paused


_Plan = list[tuple["_Clock", "NDArray[np.intp] | None"]]
_Out = tuple[Micros, Micros, Micros]


def _groups(
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    hours: Mapping[str, OfficeHours],
    reader: _Reader,
    base: _Clock,
) -> _Plan:
    """The rows of each office hours: agencies with their own, then the rest (None: all rows)."""
    if not hours or reader.agency_codes is None:
        return [(base, None)]
    groups: _Plan = []
    special = np.zeros(reader.n, dtype=bool)
    for code, agency in enumerate(reader.agencies):
        if hours.get(str(agency)) is None:
            continue
        members = np.flatnonzero(reader.agency_codes == code)
        special[members] = True
        groups.append((_Clock(cal, step_policy(str(agency), pol, hours)), members))
    groups.append((base, np.flatnonzero(~special)))
    return groups


def _fast(
    cal: WorkingCalendar, plan: _Plan, reader: _Reader, as_of_us: int | None, out: _Out
) -> tuple[int, int] | None:
    """Every row through the slot tables; None when some row needs the careful path.

    Returns the first and last day (ordinals) the rows reach. Rows that are bad, open without
    ``as_of``, or beyond what the tables can hold are left to the careful path, which reports
    them (the outputs may then be partly written: it writes every row again).
    """
    if reader.start_unread.any() or reader.finish_unread.any():
        return None
    codes = reader.budget_codes
    if codes.size and int(codes.min()) < 0:
        return None
    first_us: int | None = None
    last_us: int | None = None
    for clock, rows in plan:
        slots = slot_tables(cal, clock.hours)
        lengths = clock.lengths(reader.budgets, reader.not_counted)
        if rows is None:
            reach = _fast_rows(
                slots, (reader.start, reader.finish, codes), lengths, as_of_us, clock, out
            )
        else:
            part = (
                np.empty(rows.size, np.int64),
                np.empty(rows.size, np.int64),
                np.empty(rows.size, np.int64),
            )
            given = (reader.start[rows], reader.finish[rows], codes[rows])
            reach = _fast_rows(slots, given, lengths, as_of_us, clock, part)
            if reach is not None:
                for whole, piece in zip(out, part, strict=True):
                    whole[rows] = piece
        if reach is None:
            return None
        if reach[0] <= reach[1]:
            first_us = reach[0] if first_us is None else min(first_us, reach[0])
            last_us = reach[1] if last_us is None else max(last_us, reach[1])
    if first_us is None or last_us is None:
        return None  # no row: nothing to gain
    return _ordinal(first_us), _ordinal(last_us)


def _ordinal(utc: int) -> int:
    """The Vietnam-time day (ordinal) of a UTC µs instant."""
    return (utc + OFFSET_US) // US_PER_DAY + EPOCH_ORDINAL


def _ends(
    st: Micros, fi: Micros, bounds: tuple[int, int], as_of_us: int | None, buf: Micros
) -> Micros | None:
    """The instants up to which a chunk's rows count (in ``buf``), or None for a bad chunk.

    Bad: a start or a finish outside the calendar, a finish before its start, an open row
    without ``as_of``; found with reductions, the rows themselves by the careful path.
    """
    low, high = bounds
    if int(st.min()) < low or int(st.max()) >= high or int(fi.max()) >= high:
        return None
    # Unsigned, a missing finish (the least int64) is above every instant: never "before".
    if np.less(fi.view(np.uint64), st.view(np.uint64)).any():
        return None
    if as_of_us is None:
        return None if int(fi.min()) == NAT else fi
    # Finished by as_of: the finish; else as_of, not before the start.
    np.maximum(st, np.int64(as_of_us), out=buf)
    np.minimum(fi.view(np.uint64), buf.view(np.uint64), out=buf.view(np.uint64))
    return buf


def _fast_rows(  # noqa: PLR0917 - the arrays of one pass, kept in buffers
    slots: SlotTables,
    given: tuple[Micros, Micros, NDArray[np.integer[Any]]],
    lengths: Micros,
    as_of_us: int | None,
    clock: _Clock,
    out: _Out,
) -> tuple[int, int] | None:
    """Due, used and allowed of some rows in chunks, in place; (first, last) UTC µs reached.

    Each chunk is checked with reductions first (starts and finishes within the calendar, no
    finish before its start, budgets longer than zero, no open row without ``as_of``); a chunk
    that fails returns None. The tables grow when a chunk reaches days they do not hold.
    """
    start, finish, codes = given
    due, used, allowed = out
    low, high = clock.bounds()
    first_index = clock.first
    n = len(start)
    size = min(_FAST_CHUNK, n)
    t1, t2, t3, t4, t5 = (np.empty(size, dtype=np.int64) for _ in range(5))
    first_us, last_us = high, low
    s0 = 0
    while s0 < n:
        e0 = min(s0 + _FAST_CHUNK, n)
        m = e0 - s0
        st = start[s0:e0]
        en = _ends(st, finish[s0:e0], (low, high), as_of_us, t2[:m])
        al = allowed[s0:e0]
        np.take(lengths, codes[s0:e0], out=al, mode="clip")  # codes >= 0, checked
        if en is None or int(al.min()) <= 0:
            return None
        smin = int(st.min())
        emax = int(en.max())
        day_lo = (smin + OFFSET_US) // US_PER_DAY + EPOCH_ORDINAL - first_index
        day_hi = (emax + OFFSET_US) // US_PER_DAY + EPOCH_ORDINAL - first_index + 1
        held = slots.range  # one snapshot per chunk: another thread may grow the tables
        if not held.covers(day_lo, day_hi):
            if not slots.fits(day_lo, day_hi):
                return None
            slots.grow(day_lo, day_hi)
            continue  # the chunk again, on the grown tables
        begin = slots.position_into(held, st, t3[:m], (t1[:m], t4[:m]))
        at_end = slots.position_into(held, en, t5[:m], (t1[:m], t4[:m]))
        np.subtract(at_end, begin, out=used[s0:e0])
        begin += al  # the office time at which the step is due
        d = due[s0:e0]
        if not slots.earliest_into(held, begin, d, t1[:m]):
            try:
                ordinal, _ = slots.office.earliest(int(begin.max()))
            except IndexError:
                return None  # past the calendar: the careful path says so
            reach = ordinal - first_index + 1
            if not slots.fits(min(day_lo, held.day_from), reach):
                return None
            slots.grow(day_lo, reach)
            continue  # the chunk again, on the grown tables
        first_us = min(first_us, smin)
        last_us = max(last_us, emax, int(d.max()))
        s0 = e0
    return first_us, last_us


def _careful(  # noqa: PLR0917 - the arrays of one pass
    cal: WorkingCalendar,
    plan: _Plan,
    reader: _Reader,
    as_of_us: int | None,
    base: _Clock,
    out: _Out,
) -> tuple[int, int] | None:
    """Every row the general way, after checking each: the bad rows' report, or the results."""
    reader.check(base)
    if reader.problems:
        raise LoadError(reader.source, reader.problem_lines())
    open_rows = reader.open_rows
    if as_of_us is None and open_rows.any():
        where = np.flatnonzero(open_rows)
        raise InvalidValueError(
            "step_times(as_of)",
            None,
            f"a reporting instant (aware datetime): {where.size:,} rows are open (first: row "
            f"{int(where[0])})",
        )
    lo: int | None = None
    hi: int | None = None
    try:
        for clock, rows in plan:
            lengths = clock.lengths(reader.budgets, reader.not_counted)
            total = reader.n if rows is None else rows.size
            for s in range(0, total, _CHUNK):
                sel: Any = slice(s, s + _CHUNK) if rows is None else rows[s : s + _CHUNK]
                bounds = _chunk(clock, reader, lengths, sel, as_of_us, out)
                lo = bounds[0] if lo is None else min(lo, bounds[0])
                hi = bounds[1] if hi is None else max(hi, bounds[1])
    except IndexError:
        raise OutOfCalendarRangeError(
            cal.last_day + dt.timedelta(days=1), cal.first_year, cal.last_year
        ) from None
    return None if lo is None or hi is None else (lo, hi)


def _chunk(  # noqa: PLR0917 - the arrays of one pass
    clock: _Clock,
    reader: _Reader,
    lengths: Micros,
    sel: Any,
    as_of_us: int | None,
    out: tuple[Micros, Micros, Micros],
) -> tuple[int, int]:
    """One pass over some rows: their due instants, office time used and allowed."""
    due, used, allowed = out
    tables = clock.tables
    start = reader.start[sel]
    finish = reader.finish[sel]
    length = lengths[reader.budget_codes[sel]]
    i, tod = clock.day_positions(start)
    begin = tables.position(i, tod)
    # Budgets are longer than zero: the earliest instant at which they have passed.
    due_ordinal, due_tod = tables.locate(begin + length, np.zeros(len(length), dtype=bool), None)
    first = int(i.min(initial=0)) + clock.first
    last = int(due_ordinal.max(initial=first))
    due_ordinal -= EPOCH_ORDINAL
    due_ordinal *= US_PER_DAY
    due_tod -= OFFSET_US
    due_tod += due_ordinal
    due[sel] = due_tod  # UTC µs
    if as_of_us is None:
        end = finish
    else:
        # Finished by as_of: the finish; else as_of (not before the start). An open row's
        # NAT finish is taken as "never".
        end = np.where(finish == NAT, np.iinfo(np.int64).max, finish)
        np.minimum(end, np.maximum(start, np.int64(as_of_us)), out=end)
    j, tod_end = clock.day_positions(end)
    last = max(last, int(j.max(initial=0)) + clock.first)
    spent = tables.position(j, tod_end)
    spent -= begin
    used[sel] = spent
    allowed[sel] = length
    return first, last


def where_time_goes(
    steps: pd.DataFrame,
    times: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("agency", "department", "step"),
) -> pd.DataFrame:
    """Where the time goes: per unit and step, the share of late steps and the time used.

    Args:
        steps: The step table (pandas), with the ``by`` columns (``department`` may be absent).
        times: What [`step_times`][tthc.analytics.steps.step_times] gave for it (same index).
        by: The grouping columns present in ``steps``, in order.

    Returns:
        One row per group, the groups with the largest share of late steps first: ``steps``,
        ``late``, ``late_share`` (0–1), ``median_used_h`` and ``p90_used_h`` (working hours
        used), ``median_ratio`` and ``p90_ratio`` (time used over budget, 1.0 = the whole budget;
        steps whose time is not counted have no budget and are left out of these two, which are
        NaN for a group of such steps only).

    Raises:
        InvalidValueError: No grouping column is in ``steps``, or the tables differ in length.

    Examples:
        >>> import pandas as pd
        >>> steps = pd.DataFrame({"agency": ["A", "A", "B"], "step": ["x", "x", "y"]})
        >>> times = pd.DataFrame({"used": pd.to_timedelta([4, 10, 2], unit="h"),
        ...                       "allowed": pd.to_timedelta([8, 8, 4], unit="h"),
        ...                       "late": [False, True, False]})
        >>> where_time_goes(steps, times)[["steps", "late", "late_share", "median_ratio"]]
                 steps  late  late_share  median_ratio
        agency step
        A      x         2     1         0.5           0.875
        B      y         1     0         0.0           0.500
    """
    keys = [c for c in by if c in steps.columns]
    if not keys:
        raise InvalidValueError("where_time_goes(by)", by, "columns of the step table")
    if len(steps) != len(times):
        raise InvalidValueError(
            "where_time_goes(times)", len(times), f"a table of {len(steps):,} rows, as steps"
        )
    hours = times["used"].to_numpy().astype("timedelta64[us]").astype(np.int64) / US_PER_HOUR
    allowed = times["allowed"].to_numpy().astype("timedelta64[us]").astype(np.int64)
    ratio = hours / (allowed / US_PER_HOUR)
    ratio[allowed == NAT] = np.nan  # a step whose time is not counted has no budget to compare
    frame = pd.DataFrame(
        {
            **{k: steps[k].to_numpy() for k in keys},
            "late": times["late"].to_numpy(dtype=bool),
            "hours": hours,
            "ratio": ratio,
        }
    )
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    out = pd.DataFrame(
        {
            "steps": grouped.size(),
            "late": grouped["late"].sum().astype(np.int64),
            "median_used_h": grouped["hours"].median(),
            "p90_used_h": grouped["hours"].quantile(0.9),
            "median_ratio": grouped["ratio"].median(),
            "p90_ratio": grouped["ratio"].quantile(0.9),
        }
    )
    out.insert(2, "late_share", out["late"] / out["steps"])
    return out.sort_values("late_share", ascending=False, kind="stable")


# --- the report section ---------------------------------------------------------------------------

# The section's words, in Vietnamese and English (the "en" table translates the "vi" one).
_SECTION_LABELS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        # Vietnamese for: where the time goes, by unit and step.
        "title": "Thời gian xử lý theo đơn vị và bước",
        "agency": "Cơ quan",
        "department": "Đơn vị",
        "step": "Bước",
        "steps": "Số lượt",
        "late": "Quá hạn",
        "late_share": "Tỷ lệ quá hạn (%)",
        "median_used_h": "Trung vị (giờ)",
        "p90_used_h": "P90 (giờ)",
        "median_ratio": "Trung vị / hạn",
        "p90_ratio": "P90 / hạn",
        # Vietnamese for: time used against the step's budget, 1.00 = the whole budget.
        "note": "Thời gian đã dùng so với thời gian cho phép của bước: 1,00 = đúng bằng thời gian cho phép; giờ làm việc, 8 giờ một ngày.",
    },
    "en": {
        "title": "Where the time goes: by unit and step",
        "agency": "Agency",
        "department": "Department",
        "step": "Step",
        "steps": "Steps",
        "late": "Late",
        "late_share": "Late (%)",
        "median_used_h": "Median (h)",
        "p90_used_h": "P90 (h)",
        "median_ratio": "Median / budget",
        "p90_ratio": "P90 / budget",
        "note": "Time used against the step's budget: 1.00 = the whole budget; working hours, 8 to the day.",
    },
}


def section_labels(language: str) -> dict[str, str]:
    """The words of the "where the time goes" section in ``language`` (``"vi"`` or ``"en"``).

    Raises:
        InvalidValueError: Another language.
    """
    if language not in _SECTION_LABELS:
        raise InvalidValueError("tthc.analytics.steps(language)", language, "'vi' or 'en'")
    return _SECTION_LABELS[language]


def _ratio_text(value: float) -> str:
    """A ratio to two decimals; a dash for none (steps whose time is not counted)."""
    return "—" if np.isnan(value) else f"{value:.2f}"


def _cells(table: pd.DataFrame, max_rows: int | None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a where-the-time-goes table as texts (numbers formatted)."""
    shown = table if max_rows is None else table.head(max_rows)
    keys = [str(n) for n in shown.index.names]
    header = [*keys, *(str(c) for c in shown.columns)]
    rows = []
    records = cast("list[dict[str, Any]]", shown.to_dict("records"))
    for key, values in zip(shown.index, records, strict=True):
        parts = [str(k) for k in (key if isinstance(key, tuple) else (key,))]
        parts += [
            f"{values['steps']:,}",
            f"{values['late']:,}",
            f"{100 * values['late_share']:.2f}",
            f"{values['median_used_h']:.1f}",
            f"{values['p90_used_h']:.1f}",
            _ratio_text(values["median_ratio"]),
            _ratio_text(values["p90_ratio"]),
        ]
        rows.append(parts)
    return header, rows


def format_time_table(
    table: pd.DataFrame, *, language: str = "vi", max_rows: int | None = None
) -> str:
    """A [`where_time_goes`][tthc.analytics.steps.where_time_goes] table as aligned text.

    Args:
        table: The table.
        language: ``"vi"`` (default) or ``"en"``.
        max_rows: Show at most this many groups (the latest first: the table is sorted).

    Raises:
        InvalidValueError: Another language.
    """
    labels = section_labels(language)
    header, rows = _cells(table, max_rows)
    header = [labels.get(h, h) for h in header]
    nkeys = len(table.index.names)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < nkeys else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def time_table_html(
    table: pd.DataFrame, *, language: str = "vi", max_rows: int | None = None
) -> str:
    """A [`where_time_goes`][tthc.analytics.steps.where_time_goes] table as HTML (escaped)."""
    import html  # noqa: PLC0415 - only for the page

    labels = section_labels(language)
    header, rows = _cells(table, max_rows)
    nkeys = len(table.index.names)
    esc = html.escape
    out = [
        "<table>",
        "<tr>" + "".join(f"<th>{esc(labels.get(h, h))}</th>" for h in header) + "</tr>",
    ]
    for row in rows:
        cells = "".join(
            f"<td>{esc(c)}</td>" if i < nkeys else f'<td class="n">{esc(c)}</td>'
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)
