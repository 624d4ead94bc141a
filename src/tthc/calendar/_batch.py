"""The calendar's numpy batch (private): `add_working_days` over whole arrays.

[`WorkingCalendar.add_working_days_many`][tthc.calendar.WorkingCalendar.add_working_days_many]
loads this module on its first call. It needs numpy (the ``tthc[numpy]`` extra); without numpy,
importing it raises `MissingExtraError` and the calendar answers with a Python loop instead.

The index's prefix counts become one int64 table, built once per calendar and kept on its index:
``table[2*i]`` is the working-day position to add a negative or zero ``n`` to, and
``table[2*i + 1]`` the one to add a positive ``n`` to, so one gather serves both signs and a
second gather reads the day (two array lookups per element, no Python loop).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Final

from tthc.errors import InvalidValueError, MissingExtraError

try:
    import numpy as np
except ModuleNotFoundError as exc:  # the tthc[numpy] extra
    raise MissingExtraError("numpy", "numpy", __name__) from exc

from tthc.calendar._core import vietnam_day
from tthc.calendar._index import EPOCH_ORDINAL

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.calendar._core import WorkingCalendar
    from tthc.calendar._index import Index


class BatchTables:
    """The index as int64 arrays for the batch path (built once per calendar)."""

    __slots__ = ("after", "before", "table", "working")

    def __init__(self, index: Index) -> None:
        rank = np.asarray(index.rank, dtype=np.int64)
        mask = np.frombuffer(index.mask, dtype=np.uint8).astype(np.int64)
        before = rank - mask  # working days strictly before each day
        table = np.empty(2 * index.size, dtype=np.int64)
        table[0::2] = before  # n <= 0: working[before + n]
        table[1::2] = before + mask - 1  # n >= 1: working[rank - 1 + n]
        self.table: NDArray[np.int64] = table
        # The same positions as int32, one table per sign: a batch whose counts all have one
        # sign reads one narrow table (half the bytes of every pass over the positions).
        self.before: NDArray[np.int32] = table[0::2].astype(np.int32)
        self.after: NDArray[np.int32] = table[1::2].astype(np.int32)
        # The working days as days since 1970-01-01 (datetime64[D] values).
        self.working: NDArray[np.int64] = np.asarray(index.working, dtype=np.int64) - EPOCH_ORDINAL


def tables(index: Index) -> BatchTables:
    """The batch tables of ``index``, built on first use and kept on the index."""
    found = index.batch
    if found is None:
        found = index.batch = BatchTables(index)
    return found


_US_OFFSET: Final = np.timedelta64(7, "h")  # Vietnam time minus UTC (UTC+07:00)


def as_days(days: Any) -> NDArray[np.datetime64]:
    """``days`` as ``datetime64[D]``, instants taken as days in Vietnam time.

    An aware column (pandas, polars) or aware values (``datetime`` objects, ISO text with an
    offset) give their date in Vietnam time, not in UTC as numpy would take them; naive
    values give the date they read.

    Raises:
        InvalidValueError: ``days`` cannot be read as days.
    """
    module = type(days).__module__.split(".")[0]
    dtype = getattr(days, "dtype", None)
    try:
        if module == "pandas" and getattr(dtype, "tz", None) is not None:
            import pandas as pd  # noqa: PLC0415 - the column is a pandas one, so pandas is there

            naive = pd.DatetimeIndex(days).tz_convert("UTC").tz_localize(None)
            local = np.asarray(naive.to_numpy("datetime64[us]")) + _US_OFFSET
            return local.astype("datetime64[D]")
        if module == "polars" and getattr(dtype, "time_zone", None):
            naive = days.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            local = np.asarray(naive.to_numpy(), dtype="datetime64[us]") + _US_OFFSET
            return local.astype("datetime64[D]")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = np.asarray(days, dtype="datetime64[D]")
        if not caught:
            return found
        # numpy warns that it took aware values in UTC: read them one by one instead.
        values = np.asarray(days, dtype=object)
        flat = [vietnam_day(v) for v in values.ravel()]
        return np.asarray(flat, dtype="datetime64[D]").reshape(values.shape)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidValueError(
            "add_working_days_many(days)", type(days).__name__, "days (datetime64[D]-compatible)"
        ) from exc


def add_working_days_many(  # noqa: PLR0915 - the checks and both paths, kept together
    cal: WorkingCalendar, days: Any, ns: Any
) -> NDArray[np.datetime64]:
    """`add_working_days` element-wise over arrays (see ``WorkingCalendar.add_working_days_many``).

    Args:
        cal: The calendar.
        days: Anything ``numpy.asarray(..., "datetime64[D]")`` accepts (user input).
        ns: An integer array or a single int (broadcast).

    Returns:
        A ``datetime64[D]`` array of the broadcast shape.

    Raises:
        InvalidValueError: Missing values (NaT), non-integer ``ns``, or shapes that do not
            broadcast; the message gives the first bad position.
        OutOfCalendarRangeError: A day or a result is outside the calendar's years.
    """
    index = cal._index()  # noqa: SLF001 - the calendar's own index
    batch = tables(index)
    table, working = batch.table, batch.working
    d = as_days(days)
    raw = np.asarray(ns)
    if raw.size and raw.dtype.kind not in "iu":
        raise InvalidValueError(
            "add_working_days_many(ns)", str(raw.dtype), "an integer array or int"
        )
    if raw.dtype.kind == "u" and raw.size and int(raw.max()) > np.iinfo(np.int64).max:
        raise InvalidValueError(
            "add_working_days_many(ns)", int(raw.max()), "counts that fit in int64"
        )
    n: NDArray[np.int64] = raw.astype(np.int64, copy=False)
    try:
        d, n = np.broadcast_arrays(d, n)
    except ValueError:
        raise InvalidValueError(
            "add_working_days_many(ns)", n.shape, f"a shape that broadcasts with days {d.shape}"
        ) from None
    if d.size == 0:
        return d.copy()
    # The span of the days, on the int64 day numbers (NaT is the most negative int64), and of
    # the counts: four quick reductions, then every check is made on the bounds.
    days64 = d.view(np.int64)
    offset = index.first - EPOCH_ORDINAL
    lo, hi = int(days64.min()) - offset, int(days64.max()) - offset
    if lo < 0 or hi >= index.size:
        nat = np.isnat(d)  # look for NaT only on this path
        if nat.any():
            pos = int(np.flatnonzero(nat.ravel())[0])
            raise InvalidValueError(
                f"add_working_days_many(days)[{pos}]",
                "NaT",
                "a day (missing values are not allowed)",
            )
        raise cal._out_of_range((lo if lo < 0 else hi) + index.first)  # noqa: SLF001
    n_lo, n_hi = int(n.min()), int(n.max())
    count = len(working)
    if n_lo > 0 or n_hi <= 0:
        # One sign (the usual batch): the positions are monotone in the day, so the answers'
        # positions lie within [base[lo] + n_lo, base[hi] + n_hi], checked before any pass.
        base = batch.after if n_lo > 0 else batch.before
        k_lo, k_hi = int(base[lo]) + n_lo, int(base[hi]) + n_hi
        if k_lo < 0 or k_hi >= count:
            # Out of the calendar somewhere: find which end, exactly (one more pass).
            k64 = base[days64 - offset] + n
            k_lo, k_hi = int(k64.min()), int(k64.max())
            if k_lo < 0 or k_hi >= count:
                raise cal._out_of_range(index.last + 1 if k_hi >= count else index.first - 1)  # noqa: SLF001
        # int32 positions (the index has fewer than 2**31 days, and the bounds above keep
        # base + n inside the working days). Every index is known to be in range, so the
        # gathers skip numpy's per-element bounds check (mode="clip" never clips here).
        i = np.empty(d.shape, dtype=np.int32)
        np.subtract(days64, offset, out=i, casting="unsafe")
        k = np.take(base, i, mode="clip")
        np.add(k, n, out=k, casting="unsafe")
        out = np.take(working, k, mode="clip")
        # The bounds are the answers' span when they stay in the official years (no warning);
        # otherwise the exact span decides.
        low = lo + index.first
        high = hi + index.first
        state = cal._state  # noqa: SLF001
        first_answer = int(working[k_lo]) + EPOCH_ORDINAL
        last_answer = int(working[k_hi]) + EPOCH_ORDINAL
        if not (
            state.safe_first <= min(low, first_answer)
            and max(high, last_answer) <= state.safe_last
        ):
            k_lo, k_hi = int(k.min()), int(k.max())
            first_answer = int(working[k_lo]) + EPOCH_ORDINAL
            last_answer = int(working[k_hi]) + EPOCH_ORDINAL
        cal._touch(min(low, first_answer), max(high, last_answer))  # noqa: SLF001
        return out.view("datetime64[D]")
    # Mixed signs: one gather in the interleaved table picks the base position for each sign.
    j = days64 - offset
    j *= 2
    j += n > 0
    k64 = table[j]
    k64 += n
    kmin, kmax = int(k64.min()), int(k64.max())
    if kmin < 0 or kmax >= count:
        raise cal._out_of_range(index.last + 1 if kmax >= count else index.first - 1)  # noqa: SLF001
    out = working[k64]
    # Working days are in order, so the results' span is that of kmin..kmax: no extra pass.
    low = min(lo + index.first, int(working[kmin]) + EPOCH_ORDINAL)
    high = max(hi + index.first, int(working[kmax]) + EPOCH_ORDINAL)
    cal._touch(low, high)  # noqa: SLF001
    return out.view("datetime64[D]")
