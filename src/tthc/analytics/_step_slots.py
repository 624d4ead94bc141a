"""Office time by slots of the day: the fast kernel behind ``step_times`` (private).

A step row needs three office-time conversions: the office time at its start, the instant at
which its budget has passed, and the office time at its end. The general way
(``tthc.deadlines.batch._Tables``) splits each instant into a day and a time of day and adds up
the opening periods; this module turns each conversion into a table lookup instead.

The day is cut into *slots* of ``H`` microseconds, ``H`` the greatest common divisor of the day,
the UTC offset and every opening and closing time of the office hours (one hour for
08:00–12:00, 13:00–17:00; half an hour for 07:30–11:30, 13:30–17:00). Every slot is then either
wholly open or wholly closed, so for an instant ``t`` (UTC µs) in slot ``s``:

* the office time up to ``t`` is ``min(Q[s] + t, Z[s])``: it runs with the clock in an open slot
  and stands still in a closed one (``Q`` is the office time at the slot's start minus the
  slot's start, ``Z`` the office time at its end);
* office time ``p > 0`` has passed at the instant ``E[m] + p`` with ``m = (p - 1) // H`` the
  open slot it ends in (``E[m]`` is that slot's start minus ``m * H``).

Both are equal, instant by instant, to the calculator's own ``position``/``locate`` (tested
against it). The tables are built for the days that calls reach, grown when a later call reaches
further, and kept beside the office index they were counted on.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Final, NamedTuple

import numpy as np

from tthc.deadlines._clock import office_index
from tthc.deadlines._instants import EPOCH_ORDINAL, OFFSET_US, US_PER_DAY
from tthc.deadlines.batch import _Tables

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.calendar._core import WorkingCalendar
    from tthc.calendar._office import OfficeHours, OfficeIndex

__all__ = ["SlotRange", "SlotTables", "slot_tables"]

_US_PER_MINUTE: Final = 60_000_000
MAX_SLOTS: Final = 1 << 22
"""The most slots a table may hold (64 MiB for the two forward tables); beyond, no tables."""
_PAD_DAYS: Final = 366  # a table grows by at least a year on each side


def slot_length(hours: OfficeHours) -> int:
    """The slot length ``H`` (µs) of ``hours``: the gcd of the day, the offset and every bound."""
    minutes = [1440, OFFSET_US // _US_PER_MINUTE]
    for weekday in range(7):
        for a, b in hours.periods_on(weekday):
            minutes += [a.hour * 60 + a.minute, b.hour * 60 + b.minute]
    return math.gcd(*minutes) * _US_PER_MINUTE


class SlotRange(NamedTuple):
    """The tables over index days ``[day_from, day_to)``: one value, replaced whole on growth.

    A slot ``s`` of an instant ``t`` is ``t // h - base``; an open slot ``m`` of office time
    ``p`` is ``(p - 1) // h - m0``.
    """

    day_from: int
    day_to: int
    base: int
    m0: int
    q: NDArray[np.int64]
    z: NDArray[np.int64]
    e: NDArray[np.int64]

    def covers(self, day_from: int, day_to: int) -> bool:
        """Whether these tables hold the index's days ``[day_from, day_to)``."""
        return self.day_from <= day_from and day_to <= self.day_to


_EMPTY: Final = np.zeros(0, dtype=np.int64)


class SlotTables:
    """The slot tables of one calendar index and office hours, over a range of its days.

    ``range`` is replaced whole when the tables grow, so a reader that takes it once sees
    tables that agree with each other (threads of a Dask worker may share these tables).
    """

    __slots__ = ("_lock", "h", "office", "range", "tables")

    def __init__(self, calendar: WorkingCalendar, office: OfficeIndex, hours: OfficeHours) -> None:
        self.office = office
        self.tables = _Tables(calendar, office, hours)
        self.h = slot_length(hours)
        self.range = SlotRange(0, 0, 0, 0, _EMPTY, _EMPTY, _EMPTY)  # nothing yet
        self._lock = threading.Lock()

    @property
    def slots_per_day(self) -> int:
        """How many slots a day has."""
        return US_PER_DAY // self.h

    def fits(self, day_from: int, day_to: int) -> bool:
        """Whether tables for days ``[day_from, day_to)`` stay within ``MAX_SLOTS``."""
        return (day_to - day_from) * self.slots_per_day <= MAX_SLOTS

    def grow(self, day_from: int, day_to: int) -> None:
        """Build the tables again to hold days ``[day_from, day_to)`` too (index positions).

        The range is widened by up to a year on each side, within the index and ``MAX_SLOTS``.
        One thread at a time: each growth starts from the range the last one left.
        """
        with self._lock:
            self._grow(day_from, day_to)

    def _grow(self, day_from: int, day_to: int) -> None:
        size = len(self.tables.mask)
        held = self.range
        lo = min(day_from, held.day_from) if held.day_to else day_from
        hi = max(day_to, held.day_to) if held.day_to else day_to
        lo, hi = max(lo, 0), min(hi, size)
        pad_lo, pad_hi = max(lo - _PAD_DAYS, 0), min(hi + _PAD_DAYS, size)
        if self.fits(pad_lo, pad_hi):
            lo, hi = pad_lo, pad_hi
        per_day = self.slots_per_day
        h = self.h
        days = np.arange(lo, hi, dtype=np.int64)
        i = np.repeat(days, per_day)
        tod = np.tile(np.arange(per_day, dtype=np.int64) * h, hi - lo)
        at_start = self.tables.position(i, tod)
        at_end = self.tables.position(i, tod + h)
        is_open = (at_end - at_start) == h
        # Every slot is wholly open or wholly closed, by the choice of h.
        if not np.all(is_open | (at_end == at_start)):  # pragma: no cover - guarded by slot_length
            msg = "office hours not aligned on the slot length"
            raise AssertionError(msg)
        start_utc = (i + (self.tables.first - EPOCH_ORDINAL)) * US_PER_DAY + tod - OFFSET_US
        opened = np.flatnonzero(is_open)
        self.range = SlotRange(
            day_from=lo,
            day_to=hi,
            base=int(start_utc[0] // h),
            m0=int(at_start[opened[0]] // h) if opened.size else 0,
            q=at_start - start_utc,
            z=at_start + is_open * h,
            e=start_utc[opened] - at_start[opened],
        )

    def position_into(
        self,
        held: SlotRange,
        utc: NDArray[np.int64],
        out: NDArray[np.int64],
        buffers: tuple[NDArray[np.int64], NDArray[np.int64]],
    ) -> NDArray[np.int64]:
        """Office time up to each instant, written in ``out`` (two scratch buffers given).

        The instants must lie in the days ``held`` covers (not checked here).
        """
        slot, cap = buffers
        np.floor_divide(utc, self.h, out=slot)
        slot -= held.base
        np.take(held.q, slot, out=out, mode="clip")  # within the tables: no bounds check
        out += utc
        np.take(held.z, slot, out=cap, mode="clip")
        np.minimum(out, cap, out=out)
        return out

    def earliest_into(
        self,
        held: SlotRange,
        office_time: NDArray[np.int64],
        out: NDArray[np.int64],
        buffer: NDArray[np.int64],
    ) -> bool:
        """The earliest instants at which each office time (> 0) has passed, written in ``out``.

        Returns False, writing nothing, when some of them lie past the days ``held`` covers.
        The office times must not lie before them (they are positions of instants inside).
        """
        np.subtract(office_time, 1, out=buffer)
        np.floor_divide(buffer, self.h, out=buffer)
        buffer -= held.m0
        if int(buffer.max(initial=0)) >= len(held.e):
            return False
        np.take(held.e, buffer, out=out, mode="clip")
        out += office_time
        return True

    def position(self, utc: NDArray[np.int64]) -> NDArray[np.int64]:
        """Office time up to each instant (UTC µs) in the tables' days (``position_into``)."""
        out = np.empty_like(utc)
        return self.position_into(self.range, utc, out, (np.empty_like(utc), np.empty_like(utc)))

    def earliest(self, office_time: NDArray[np.int64]) -> NDArray[np.int64]:
        """The earliest instant (UTC µs) at which each office time (> 0) has passed.

        Raises:
            IndexError: Some instant lies past the days the tables hold.
        """
        out = np.empty_like(office_time)
        if not self.earliest_into(self.range, office_time, out, np.empty_like(office_time)):
            raise IndexError(int(office_time.max()))
        return out


_CACHE: dict[int, tuple[OfficeIndex, SlotTables]] = {}
_CACHE_SIZE: Final = 8


def slot_tables(calendar: WorkingCalendar, hours: OfficeHours) -> SlotTables:
    """The slot tables of ``calendar``'s current index under ``hours`` (kept and reused).

    Tables are kept per office index (a calendar's index, with its office hours); the few most
    recent are kept.
    """
    office = office_index(calendar, hours)
    found = _CACHE.get(id(office))
    if found is not None and found[0] is office:
        return found[1]
    tables = SlotTables(calendar, office, hours)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(office)] = (office, tables)
    return tables
