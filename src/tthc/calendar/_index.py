"""The precomputed working-day index behind `WorkingCalendar` (private).

A calendar covering a range of years is turned, a year at a time as calls reach them, into:

* ``mask``: one byte per day of the years built so far, 1 when the day is a working day;
* ``rank``: for each day, the number of working days from the first day built up to and
  including that day (a prefix count);
* ``working``: the proleptic ordinals of the working days, in order.

With those, "the n-th working day after d" is ``working[rank[d] + n - 1]`` and "working days in
(a, b]" is ``rank[b] - rank[a]``: two list lookups, whatever n is. The batch path keeps its numpy
copies in ``batch`` (built by `tthc.calendar._batch` on the first batch call).

For the scalar hot path the index also keeps two date-keyed tables over the days of its
*official* span (the days on which no answer can warn): ``before[d]`` is the position to add a
zero or negative ``n`` to, ``after[d]`` the one to add a positive ``n`` to. A lookup in them is
the type check as well (a ``datetime`` or anything else is not a key), so a call costs one dict
lookup, one addition and one list read.

An index never changes once built: a calendar that needs more years builds a new, wider index
from its cached year masks and swaps it in, so a thread that holds the old one keeps a
consistent view.
"""

from __future__ import annotations

import datetime as dt
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tthc.calendar._batch import BatchTables

# Days from 0001-01-01 (proleptic ordinal 1) to 1970-01-01, numpy's datetime64[D] epoch.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def year_mask(year: int, weekmask: str, changes: dict[int, bool]) -> bytes:
    """One byte per day of ``year``: 1 for a working day.

    Args:
        year: The year.
        weekmask: Seven ``'0'``/``'1'`` characters, Monday first.
        changes: Ordinal -> working (True) or not (False), for the days that differ from the week.
    """
    first = dt.date(year, 1, 1)
    size = dt.date(year, 12, 31).toordinal() - first.toordinal() + 1
    week = bytes(c == "1" for c in weekmask)
    start = first.weekday()
    mask = bytearray((week[start:] + week[:start]) * 53)[:size]
    base = first.toordinal()
    for ordinal, working in changes.items():
        mask[ordinal - base] = working
    return bytes(mask)


class Index:
    """Working-day ordinals and prefix counts over ``[first, last]`` (inclusive).

    Args:
        first: Proleptic ordinal of the first day.
        mask: One byte per day from ``first``, 1 for a working day.
        safe_first: First ordinal of the official span (no warning can arise inside it).
        safe_last: Last ordinal of the official span (less than ``safe_first`` when empty).
        complete: Whether the index covers every year of its calendar.
    """

    __slots__ = (
        "after",
        "batch",
        "before",
        "complete",
        "dates",
        "first",
        "hot",
        "i_safe",
        "k_high",
        "k_low",
        "last",
        "mask",
        "midnights",
        "office",
        "rank",
        "size",
        "working",
    )

    def __init__(
        self, first: int, mask: bytes, *, safe_first: int, safe_last: int, complete: bool
    ) -> None:
        self.first = first
        self.size = len(mask)
        self.last = first + self.size - 1
        self.complete = complete
        self.mask = mask
        self.rank: list[int] = list(accumulate(mask))
        self.working: list[int] = list(compress(range(first, self.last + 1), mask))
        # The working days as date objects, built once: answers share them (dates are immutable)
        # instead of building a new date per call.
        fromordinal = dt.date.fromordinal
        self.dates = [fromordinal(o) for o in self.working]
        # The date-keyed tables of the official span inside this index.
        lo = max(first, safe_first)
        hi = min(self.last, safe_last)
        self.after: dict[dt.date, int] = {}
        self.before: dict[dt.date, int] = {}
        self.k_low, self.k_high = 0, -1
        self.i_safe = self.size  # first day position inside the span (size: none)
        if lo <= hi:
            days = [fromordinal(o) for o in range(lo, hi + 1)]
            rank = self.rank[lo - first : hi - first + 1]
            befores = [r - m for r, m in zip(rank, mask[lo - first : hi - first + 1], strict=True)]
            self.before = dict(zip(days, befores, strict=True))
            self.after = dict(zip(days, [r - 1 for r in rank], strict=True))
            # Working-day positions whose day is inside the span.
            self.k_low = befores[0]
            self.i_safe = lo - first
            self.k_high = rank[-1] - 1
        # Office-time indexes per OfficeHours, built on first use (tthc.deadlines).
        self.office: dict[Any, Any] = {}
        # (policy, office index) of the working-time policy the deadline calculator answers
        # inline on this index (set by tthc.deadlines.compute).
        # (policy, office index, day length, elapsed_at, open_at, times, midnights): the inline
        # path of the deadline calculator (see tthc.deadlines.compute and OfficeIndex).
        self.hot: tuple[Any, ...] = (None,) * 7
        # The working days as aware datetimes at midnight (filled by tthc.deadlines.compute).
        self.midnights: list[Any] = []
        self.batch: BatchTables | None = None  # numpy tables, built on the first batch call
