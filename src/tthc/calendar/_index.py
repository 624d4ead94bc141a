"""The precomputed working-day index behind `WorkingCalendar` (private).

A calendar covering a range of years is turned, once, into:

* ``mask``: one byte per day of the range, 1 when the day is a working day;
* ``rank``: for each day, the number of working days from the first day of the range up to and
  including that day (a prefix count);
* ``working``: the proleptic ordinals of the working days, in order.

With those, "the n-th working day after d" is ``working[rank[d] + n - 1]`` and "working days in
(a, b]" is ``rank[b] - rank[a]``: two list lookups, whatever n is. The batch path keeps its numpy
copies in ``batch`` (built by `tthc.calendar._batch` on the first batch call).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

    from tthc.calendar._batch import BatchTables

# Days from 0001-01-01 (proleptic ordinal 1) to 1970-01-01, numpy's datetime64[D] epoch.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


class Index:
    """Working-day ordinals and prefix counts over ``[first, last]`` (inclusive)."""

    __slots__ = ("batch", "dates", "first", "last", "mask", "rank", "size", "working")

    def __init__(
        self,
        first: dt.date,
        last: dt.date,
        weekmask: str,
        days_off: Collection[dt.date],
        extra_working_days: Collection[dt.date],
    ) -> None:
        self.first = first.toordinal()
        self.last = last.toordinal()
        self.size = self.last - self.first + 1
        off = {d.toordinal() for d in days_off}
        extra = {d.toordinal() for d in extra_working_days}
        week = [c == "1" for c in weekmask]
        mask = bytearray(self.size)
        rank: list[int] = [0] * self.size
        working: list[int] = []
        count = 0
        # 0001-01-01 (ordinal 1) was a Monday, so (ordinal - 1) % 7 is the ISO weekday - 1.
        for i in range(self.size):
            ordinal = self.first + i
            if ordinal in extra or (week[(ordinal - 1) % 7] and ordinal not in off):
                mask[i] = 1
                count += 1
                working.append(ordinal)
            rank[i] = count
        self.mask = bytes(mask)
        self.rank = rank
        self.working = working
        # The working days as date objects, built once: answers share them (dates are immutable)
        # instead of building a new date per call.
        self.dates = [dt.date.fromordinal(o) for o in working]
        self.batch: BatchTables | None = None  # numpy tables, built on the first batch call
