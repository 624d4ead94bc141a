"""Pauses of a step table (private): while a dossier waits for the applicant, no step's clock runs.

The columnar form of [`StepsPaused`][tthc.dossiers.steps.StepsPaused] /
[`StepsResumed`][tthc.dossiers.steps.StepsResumed]: a table of ``(dossier_code, paused_at,
resumed_at)`` rows (``resumed_at`` empty: still paused at the reporting instant), joined to the
step rows by ``dossier_code``. For every pair of a step row and a pause of its dossier, the
office positions of the ends (on the row's office hours, through the tables of
[`tthc.deadlines.batch`][tthc.deadlines.batch]) give the office time paused during the row, summed
per row with ``np.bincount``; the due instant is the least fixed point of "the budget plus the
office time of the pauses that start before the due position", reached by iterating over all the
rows at once (each round adds at least one pause to some row, so there are at most as many rounds
as a dossier has pauses, plus one).

References:
    Decision 766/QĐ-TTg technical formula document, indicator 2.1: supplement time is not counted
    (research notes ``vn_legal.md`` §1.9, SECONDARY).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from tthc.analytics._columns import (
    arrow,
    column,
    columns_of,
    frame_kind,
    instant_column,
    problem_lines,
)
from tthc.deadlines._instants import EPOCH_ORDINAL, NAT, OFFSET_US, US_PER_DAY
from tthc.errors import InvalidValueError, LoadError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.deadlines._instants import Micros

SOURCE: Final = "<pauses>"
"""The source that a pause table's LoadError names."""
PAUSE_COLUMNS: Final = ("dossier_code", "paused_at", "resumed_at")
"""The columns of a pause table: the dossier, when its clock stopped, when it ran again."""

_NEVER: Final = np.iinfo(np.int64).max
_Out = tuple["Micros", "Micros", "Micros"]
_SHOWN_ROWS: Final = 10


class Pauses:
    """A pause table, read and checked (private).

    Attributes:
        codes: The dossier code of each pause (object array), sorted by code then start.
        start: When each stopped (UTC µs).
        end: When each ran again (UTC µs; ``NAT`` while still paused).
    """

    def __init__(self, table: Any, tz: str | None, bounds: tuple[int, int], years: str) -> None:
        kind = frame_kind(table)
        if not kind:
            raise InvalidValueError(
                "step_times(pauses)",
                table,
                "a pandas or polars DataFrame, a pyarrow Table or a mapping of column name to "
                "array, with the columns dossier_code, paused_at, resumed_at",
            )
        present = set(columns_of(table, kind))
        missing = [c for c in PAUSE_COLUMNS if c not in present]
        if missing:
            raise LoadError(SOURCE, [f"$: missing column {c!r}" for c in missing])
        codes = column(table, kind, "dossier_code")
        if kind in {"arrow", "polars"}:
            codes = codes.to_pandas()
        code_values = np.asarray(codes, dtype=object)
        start, start_unread = instant_column(
            column(table, kind, "paused_at"), kind, "paused_at", tz
        )
        end, end_unread = instant_column(column(table, kind, "resumed_at"), kind, "resumed_at", tz)
        low, high = bounds
        no_code = pd.isna(code_values)
        problems = {
            "dossier_code: missing": no_code,
            "paused_at: not an instant": start_unread,
            "paused_at: missing": (start == NAT) & ~start_unread,
            "resumed_at: not an instant": end_unread,
            "resumed_at: before paused_at": (end != NAT) & (start != NAT) & (end < start),
            f"paused_at: outside the calendar's years ({years})": (start != NAT)
            & ((start < low) | (start >= high)),
            f"resumed_at: outside the calendar's years ({years})": (end != NAT)
            & ((end < low) | (end >= high)),
        }
        bad = np.zeros(len(start), dtype=bool)
        for mask in problems.values():
            bad |= mask
        # Overlapping pauses of one dossier (among the rows otherwise good): sorted by dossier
        # then start, some pause overlaps another exactly when one overlaps the next.
        good = np.flatnonzero(~bad)
        key, _ = pd.factorize(code_values[good])
        step = np.lexsort((start[good], key))
        order = good[step]
        key = key[step]
        ends = np.where(end[order] == NAT, _NEVER, end[order])
        overlap = np.zeros(len(start), dtype=bool)
        if order.size > 1:
            same = key[1:] == key[:-1]
            overlap[order[1:]] = same & (ends[:-1] > start[order][1:])
        problems["overlaps an earlier pause of the same dossier"] = overlap
        lines = problem_lines(problems, _SHOWN_ROWS)
        if lines:
            raise LoadError(SOURCE, lines)
        self.codes = code_values[order]
        self.start: Micros = start[order]
        self.end: Micros = end[order]


def _positions(kinds: pd.Index, row_codes: Any) -> NDArray[np.intp]:
    """The position of each row's dossier code among ``kinds`` (-1: a dossier with no pause).

    Whole-number codes in a numpy column are searched in the sorted codes; text goes through
    Arrow's hash lookup when pyarrow is there and reads the column (text columns of pandas 3
    are Arrow already: no Python object per row); anything else through pandas.
    """
    dtype = getattr(row_codes, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        try:
            keys = np.asarray(kinds.to_numpy(), dtype=np.int64)
        except (TypeError, ValueError, OverflowError):
            keys = None  # codes of the pauses that are not whole numbers: compared by pandas
        if keys is not None:
            values = np.asarray(row_codes)
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            at = np.minimum(np.searchsorted(ordered, values), max(ordered.size - 1, 0))
            found = ordered[at] == values if ordered.size else np.zeros(values.shape, dtype=bool)
            return np.where(found, order[at], -1).astype(np.intp)
    try:
        pa, pc = arrow(), arrow("compute")  # optional: the faster lookup
    except ImportError:
        return np.asarray(kinds.get_indexer(pd.Index(row_codes)), dtype=np.intp)
    try:
        values = pa.array(row_codes)
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            raise TypeError  # noqa: TRY301 - codes of another type: pandas compares them
        hit = pc.index_in(values, value_set=pa.array(kinds.to_numpy(), type=values.type))
    except (pa.ArrowException, TypeError, ValueError):
        return np.asarray(kinds.get_indexer(pd.Index(row_codes)), dtype=np.intp)
    return np.asarray(hit.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.intp)


def _pairs(pauses: Pauses, row_codes: Any) -> tuple[NDArray[np.intp], NDArray[np.intp]] | None:
    """(row, pause) for every pause of every row's dossier; None when no row has one."""
    # The pauses of each row's dossier are one run of the sorted table.
    kinds = pd.Index(pauses.codes)
    if not kinds.is_unique:
        kinds = kinds.unique()
    row_key = _positions(kinds, row_codes)
    hits = np.flatnonzero(row_key >= 0)  # the rows of dossiers that paused: usually few
    if not hits.size:
        return None
    pause_key = kinds.get_indexer(pauses.codes)  # sorted: the codes came sorted
    lo = np.searchsorted(pause_key, row_key[hits], side="left")
    counts = np.searchsorted(pause_key, row_key[hits], side="right") - lo
    where = np.repeat(np.arange(hits.size), counts)
    first_pair = np.cumsum(counts) - counts
    pause_of = lo[where] + (np.arange(where.size) - first_pair[where])
    return hits[where], pause_of


def apply_pauses(  # noqa: PLR0917 - the arrays of one table
    pauses: Pauses,
    row_codes: Any,
    plan: list[tuple[Any, NDArray[np.intp] | None]],
    start: Micros,
    finish: Micros,
    as_of_us: int | None,
    out: _Out,
) -> tuple[Micros, tuple[int, int] | None]:
    """Take the paused office time out of ``used`` and move ``due``, in place.

    Args:
        pauses: The checked pause table.
        row_codes: The step table's ``dossier_code`` column (object array).
        plan: The rows of each office hours, as ``step_times`` groups them.
        start: The rows' starts (UTC µs).
        finish: The rows' finishes (UTC µs, ``NAT`` while open).
        as_of_us: The reporting instant (UTC µs), or None.
        out: ``due``, ``used`` and ``allowed`` (the budget's office µs) of every row.

    Returns:
        The office time paused during each row (µs), and the first and last day (ordinals) the
        moved due instants reach (None when none moved).
    """
    used = out[1]
    n = len(start)
    paused = np.zeros(n, dtype=np.int64)
    if not n or not pauses.codes.size:
        return paused, None
    found = _pairs(pauses, row_codes)
    if found is None:
        return paused, None
    row_of, pause_of = found
    total = row_of.size
    group = None
    if len(plan) > 1:
        group = np.zeros(n, dtype=np.intp)
        for g, (_, rows) in enumerate(plan):
            if rows is not None:
                group[rows] = g
    first_day: int | None = None
    last_day: int | None = None
    for g, (clock, _) in enumerate(plan):
        pairs = np.arange(total) if group is None else np.flatnonzero(group[row_of] == g)
        if not pairs.size:
            continue
        rows = row_of[pairs]
        ps = pauses.start[pause_of[pairs]]
        pe = pauses.end[pause_of[pairs]]
        st = start[rows]
        a = np.maximum(ps, st)
        # The end up to which each row counts (as for ``used``).
        row_end = finish[rows]
        if as_of_us is not None:
            row_end = np.where(row_end == NAT, _NEVER, row_end)
            row_end = np.minimum(row_end, np.maximum(st, np.int64(as_of_us)))
        # Paused during the row: [max(pause, start), min(resume or never, end)].
        b = np.minimum(np.where(pe == NAT, _NEVER, pe), row_end)
        inside = b > a
        gap = np.zeros(pairs.size, dtype=np.int64)
        if inside.any():
            gap[inside] = _position(clock, b[inside]) - _position(clock, a[inside])
        paused += np.bincount(rows, weights=gap, minlength=n).astype(np.int64)
        # The due instant: an open pause counts up to as_of (left out without one).
        pe_due = pe if as_of_us is None else np.where(pe == NAT, np.int64(as_of_us), pe)
        moving = (pe_due != NAT) & (pe_due > a)
        if moving.any():
            days = _move_due(clock, rows[moving], a[moving], pe_due[moving], start, out)
            first_day = days[0] if first_day is None else min(first_day, days[0])
            last_day = days[1] if last_day is None else max(last_day, days[1])
    used -= paused
    reach = None if first_day is None or last_day is None else (first_day, last_day)
    return paused, reach


def _move_due(  # noqa: PLR0917 - the arrays of one group
    clock: Any, rows: NDArray[np.intp], a: Micros, b: Micros, start: Micros, out: _Out
) -> tuple[int, int]:
    """Move the due instants of ``rows`` by their pauses ``[a, b]``; the days reached.

    The due position is the least fixed point of ``start + budget + (office time of the pauses
    that start before it)``, found for every row at once: each round adds the pauses now
    reached, until no row changes.
    """
    due, _, allowed = out
    pa = _position(clock, a)
    length = _position(clock, b) - pa
    affected = np.unique(rows)
    local = np.searchsorted(affected, rows)
    base = _position(clock, start[affected]) + allowed[affected]
    target = base.copy()
    while True:
        grown = base + np.bincount(
            local, weights=np.where(pa < target[local], length, 0), minlength=affected.size
        ).astype(np.int64)
        if np.array_equal(grown, target):
            break
        target = grown
    ordinal, tod = clock.tables.locate(target, np.zeros(affected.size, dtype=bool), None)
    due[affected] = (ordinal - EPOCH_ORDINAL) * US_PER_DAY + tod - OFFSET_US
    return int(ordinal.min()), int(ordinal.max())


def _position(clock: Any, utc: Micros) -> Micros:
    """Office µs of UTC instants on a clock's tables."""
    i, tod = clock.day_positions(utc)
    out: Micros = clock.tables.position(i, tod)
    return out
