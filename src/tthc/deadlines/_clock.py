"""Instants as integer microseconds of Vietnam wall-clock time, and office-time indexes (private).

The calculator works on integers: an instant is the count of microseconds since 1970-01-01 00:00
*Vietnam time*, so a day is ``US_PER_DAY`` of them and a time of day is the remainder. The office
index of a calendar index and office hours (cumulative office time per working day) is built once
and kept on that index: a calendar builds its years as calls reach them, and an office-time
position means something only with the index it was counted on.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tthc.calendar._index import EPOCH_ORDINAL
from tthc.calendar._office import US_PER_DAY, OfficeIndex
from tthc.deadlines.policy import VN_TZ

if TYPE_CHECKING:
    from tthc.calendar._core import WorkingCalendar
    from tthc.calendar._index import Index
    from tthc.calendar._office import OfficeHours

__all__ = ["EPOCH_ORDINAL", "local_us", "office_for", "office_index", "vn_instant"]

_OFFSET_US = 7 * 3600 * 1_000_000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_LOCAL_EPOCH = dt.datetime(1970, 1, 1, tzinfo=VN_TZ)


def office_for(index: Index, hours: OfficeHours) -> OfficeIndex:
    """The office-time index of a calendar ``index`` under ``hours``, built once and kept on it."""
    found = index.office.get(hours)
    if found is None:
        found = index.office[hours] = OfficeIndex(index, hours)
    return found


def office_index(calendar: WorkingCalendar, hours: OfficeHours) -> OfficeIndex:
    """The office-time index of every year of ``calendar`` under ``hours`` (built once)."""
    return office_for(calendar._index(), hours)  # noqa: SLF001 - the calendar's own index


def local_us(instant: dt.datetime) -> int:
    """Microseconds since 1970-01-01 00:00 *Vietnam time* (a local wall-clock count)."""
    if instant.tzinfo is VN_TZ:  # the wall clock is already Vietnam time
        return (
            (instant.toordinal() - EPOCH_ORDINAL) * US_PER_DAY
            + ((instant.hour * 60 + instant.minute) * 60 + instant.second) * 1_000_000
            + instant.microsecond
        )
    delta = instant - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds + _OFFSET_US


def vn_instant(ordinal: int, tod_us: int) -> dt.datetime:
    """The Vietnam-time instant at ``tod_us`` microseconds into the day ``ordinal``."""
    return _LOCAL_EPOCH + dt.timedelta(0, 0, (ordinal - EPOCH_ORDINAL) * US_PER_DAY + tod_us)
