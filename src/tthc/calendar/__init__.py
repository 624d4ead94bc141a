"""Working calendars: which days are working days, and day arithmetic on them.

[`vietnam_calendar`][tthc.calendar.vietnam_calendar] is the public-sector calendar of Vietnam;
[`WorkingCalendar`][tthc.calendar.WorkingCalendar] is the general class, for agencies that add
their own days.
"""

from tthc.calendar._core import Basis, CalendarEntry, Certainty, EntryKind, WorkingCalendar
from tthc.calendar._office import OfficeHours
from tthc.calendar.vietnam import (
    FIRST_SUPPORTED_YEAR,
    LAST_SUPPORTED_YEAR,
    YearSchedule,
    load_schedule,
    official_schedules,
    vietnam_calendar,
)

__all__ = [
    "FIRST_SUPPORTED_YEAR",
    "LAST_SUPPORTED_YEAR",
    "Basis",
    "CalendarEntry",
    "Certainty",
    "EntryKind",
    "OfficeHours",
    "WorkingCalendar",
    "YearSchedule",
    "load_schedule",
    "official_schedules",
    "vietnam_calendar",
]
