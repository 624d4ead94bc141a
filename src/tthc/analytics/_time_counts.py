"""Mergeable partials of the "where the time goes" table (private; numpy and pandas only).

[`where_time_goes`][tthc.analytics.steps.where_time_goes] needs, per group, the number of steps,
the number of late ones, and the median and 90th percentile of the hours used and of the ratio
used / allowed. Counts add up, but quantiles do not; they are exact again when every partial
keeps, per group, how many steps had each distinct ``(used µs, allowed µs, late)``: the multiset
of what the table is computed from. Merging partials adds their counts; the quantiles are then
read off the merged counts with the arithmetic pandas uses for ``groupby(...).median()`` and
``groupby(...).quantile(0.9)`` (linear interpolation, NaN left out), on the float64 values
``where_time_goes`` computes, by the same operations, so the table equals the one pandas computes
on all the rows, to the bit. The late flag is counted as ``step_times`` gave it (a step whose
time is not counted has no ``allowed`` and is never late).

The cost is memory: a partial grows with the number of distinct ``(used, allowed)`` pairs in each
group (at most its number of rows). Instants recorded to the minute keep that small (a few
thousand pairs per group for a year of synthetic steps); instants to the microsecond may make
every row distinct.

A count frame has the group key columns, then ``used`` and ``allowed`` (int64 µs, as
``where_time_goes`` reads the ``timedelta64`` columns: a missing ``allowed`` is the int64
minimum), ``late`` (bool) and ``count`` (int64), one row per distinct (key, used, allowed, late),
no index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from tthc.deadlines._instants import NAT, US_PER_HOUR

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

VALUES: Final = ("used", "allowed", "late", "count")
"""The columns after the keys of a count frame."""

_LIMIT: Final = 1 << 62  # mixed-radix codes stay below this (int64)
_P90: Final = 0.9


def micros(column: Any) -> NDArray[np.int64]:
    """A ``timedelta64`` column as int64 µs, as ``where_time_goes`` reads it."""
    return np.asarray(column.to_numpy().astype("timedelta64[us]").astype(np.int64))


def _first_rows(codes: NDArray[np.intp], size: int) -> NDArray[np.intp]:
    """Row of the first appearance of each of ``size`` codes (every code appears)."""
    if not codes.size:
        return np.zeros(0, dtype=np.intp)
    # pandas numbers codes in order of appearance: then a code is new where it passes the
    # running maximum, one pass with no sort.
    seen = np.maximum.accumulate(codes)
    new = np.empty(codes.size, dtype=bool)
    new[0] = True
    np.greater(codes[1:], seen[:-1], out=new[1:])
    first = np.flatnonzero(new)
    if first.size == size and (codes[first] == np.arange(size)).all():
        return first
    first = np.full(size, codes.size, dtype=np.intp)  # another numbering: the general way
    np.minimum.at(first, codes, np.arange(codes.size, dtype=np.intp))
    return first


def _codes(column: Any, room: int) -> tuple[NDArray[np.int64], int]:
    """(codes from 0, how many codes) of a column: missing values get a code of their own.

    Categories, and whole numbers spanning fewer than ``room`` values, are their own codes (no
    hashing); other columns are factorized.
    """
    dtype = getattr(column, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.asarray(column.cat.codes.to_numpy(), dtype=np.int64) + 1  # -1 (missing) -> 0
        return codes, len(dtype.categories) + 1
    if isinstance(dtype, np.dtype) and dtype.kind in "biu" and len(column):
        values = np.asarray(column)
        low, high = int(values.min()), int(values.max())
        if high - low < room:
            return values.astype(np.int64) - low, high - low + 1
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return codes.astype(np.int64, copy=False), len(uniques)


def count_frame(steps: Any, keys: Sequence[str], times: Any) -> pd.DataFrame:
    """The count frame of a step table (its ``keys`` columns) and its ``step_times`` result.

    A missing key (NaN, None) is a group of its own, as ``groupby(dropna=False)`` makes it; the
    key values are those ``Series.to_numpy()`` gives, as ``where_time_goes`` reads them.
    """
    used = micros(times["used"])
    allowed = micros(times["allowed"])
    late = np.asarray(times["late"].to_numpy(dtype=bool))
    n = len(used)
    combined = np.zeros(n, dtype=np.int64)
    size = 1
    # The columns with few values first, so that the office time used (many values, a wide
    # range) can usually be taken as it is, with no hashing before the last factorize.
    for column, room in [
        *((steps[k], 4 * n + 1024) for k in keys),
        (late, 2),
        (allowed, 4 * n + 1024),
        (used, _LIMIT),
    ]:
        codes, width = _codes(column, min(room, _LIMIT // size))
        width = max(width, 1)
        if size * width >= _LIMIT:  # renumber what is combined so far: fewer codes than rows
            combined, found = pd.factorize(combined)
            size = max(len(found), 1)
        combined *= width
        combined += codes
        size *= width
    group, found = pd.factorize(combined)
    first = _first_rows(group, len(found))
    out: dict[str, Any] = {k: steps[k].iloc[first].to_numpy() for k in keys}
    out["used"] = used[first]
    out["allowed"] = allowed[first]
    out["late"] = late[first]
    out["count"] = np.bincount(group, minlength=len(found)).astype(np.int64)
    return pd.DataFrame(out)


def add_count_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The sum of count frames with the same keys: one row per distinct (key, used, allowed, late)."""
    kept = [f for f in frames if len(f)] or list(frames[:1])  # pandas warns on empty pieces
    if len(kept) == 1:
        return kept[0]
    both = pd.concat(kept, ignore_index=True)
    grouped = both.groupby(list(both.columns[:-1]), sort=False, dropna=False, observed=True)
    return grouped["count"].sum().reset_index()


def _quantiles(
    values: NDArray[np.float64], counts: NDArray[np.int64], group: NDArray[np.intp], ngroups: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(median, 90th percentile) per group of the values repeated ``counts`` times.

    The arithmetic of pandas' grouped ``median`` (the mean of the two middle values when the
    count is even) and ``quantile(0.9)`` (linear interpolation: the value at position
    ``floor(0.9 (n - 1))`` plus the fraction of the gap to the next one), NaN left out; NaN for
    a group with no other value.
    """
    keep = ~np.isnan(values)
    values, counts, group = values[keep], counts[keep], group[keep]
    order = np.lexsort((values, group))
    ordered = values[order]
    ends = np.cumsum(counts[order])  # running count over the groups in order
    sizes = np.bincount(group, weights=counts, minlength=ngroups).astype(np.int64)
    starts = np.cumsum(sizes) - sizes
    last = max(ordered.size - 1, 0)

    def at(position: NDArray[np.int64]) -> NDArray[np.float64]:
        """The value at ``position`` (0-based, clipped to the group) in each group's order."""
        inside = np.clip(position, 0, np.maximum(sizes - 1, 0))
        found = np.searchsorted(ends, starts + inside, side="right")
        return ordered[np.minimum(found, last)] if ordered.size else np.full(ngroups, np.nan)

    half = sizes // 2
    where = _P90 * (sizes - 1).astype(np.float64)
    low = where.astype(np.int64)
    frac = where % 1
    # inf - inf in a branch np.where does not take must not warn: pandas computes no such value.
    with np.errstate(invalid="ignore", over="ignore"):
        upper = at(half)
        median = np.where(sizes % 2 == 1, upper, (upper + at(half - 1)) / 2)
        below = at(low)
        p90 = np.where(frac == 0.0, below, below + (at(low + 1) - below) * frac)
    empty = sizes == 0
    median[empty] = np.nan
    p90[empty] = np.nan
    return median, p90


def finalize(counts: pd.DataFrame) -> pd.DataFrame:
    """The "where the time goes" table of a count frame (see ``where_time_goes``)."""
    keys = list(counts.columns[: -len(VALUES)])
    grouped = counts.groupby(keys, sort=True, dropna=False, observed=True)
    group: NDArray[np.intp] = np.asarray(grouped.ngroup().to_numpy(), dtype=np.intp)
    ngroups = int(grouped.ngroups)
    used = counts["used"].to_numpy(dtype=np.int64)
    allowed = counts["allowed"].to_numpy(dtype=np.int64)
    number = counts["count"].to_numpy(dtype=np.int64)
    # The float64 values where_time_goes computes, by the same operations.
    hours = used / US_PER_HOUR
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = hours / (allowed / US_PER_HOUR)
    ratio[allowed == NAT] = np.nan  # not counted: no budget, left out of the ratio's quantiles
    steps = grouped["count"].sum()
    late = (
        pd.Series(np.where(counts["late"].to_numpy(dtype=bool), number, 0), index=counts.index)
        .groupby(group)
        .sum()
        .to_numpy(dtype=np.int64)
    )
    median_h, p90_h = _quantiles(hours, number, group, ngroups)
    median_r, p90_r = _quantiles(ratio, number, group, ngroups)
    out = pd.DataFrame(
        {
            "steps": steps.to_numpy(dtype=np.int64),
            "late": late,
            "median_used_h": median_h,
            "p90_used_h": p90_h,
            "median_ratio": median_r,
            "p90_ratio": p90_r,
        },
        index=steps.index,
    )
    out.insert(2, "late_share", out["late"] / out["steps"])
    return out.sort_values("late_share", ascending=False, kind="stable")
