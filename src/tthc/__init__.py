"""tthc: Vietnamese administrative procedures (*thủ tục hành chính*) as a Python library.

The working-day calendar of Vietnamese state agencies, with the official schedules and their
sources, and day arithmetic on it:

    >>> import datetime as dt
    >>> import tthc
    >>> cal = tthc.vietnam_calendar()
    >>> cal.add_working_days(dt.date(2025, 12, 31), 3)
    datetime.date(2026, 1, 7)
"""

from tthc.calendar import (
    Basis,
    CalendarEntry,
    Certainty,
    EntryKind,
    WorkingCalendar,
    YearSchedule,
    load_schedule,
    vietnam_calendar,
)
from tthc.errors import (
    CalendarDataError,
    CalendarError,
    DurationParseError,
    InvalidTransitionError,
    InvalidValueError,
    LoadError,
    OutOfCalendarRangeError,
    ProvisionalCalendarWarning,
    TthcError,
    TthcWarning,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "Basis",
    "CalendarDataError",
    "CalendarEntry",
    "CalendarError",
    "Certainty",
    "DurationParseError",
    "EntryKind",
    "InvalidTransitionError",
    "InvalidValueError",
    "LoadError",
    "OutOfCalendarRangeError",
    "ProvisionalCalendarWarning",
    "TthcError",
    "TthcWarning",
    "WorkingCalendar",
    "YearSchedule",
    "__version__",
    "load_schedule",
    "vietnam_calendar",
]
