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
    OfficeHours,
    WorkingCalendar,
    YearSchedule,
    load_schedule,
    vietnam_calendar,
)
from tthc.deadlines import (
    VN_TZ,
    Deadline,
    DeadlinePolicy,
    EndOfDay,
    Pause,
    PolicyKind,
    Reschedule,
    SkippedDay,
    compute_deadline,
)
from tthc.durations import Duration, DurationUnit
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
from tthc.frames import compute_deadlines

__version__ = "0.1.0.dev0"

__all__ = [
    "VN_TZ",
    "Basis",
    "CalendarDataError",
    "CalendarEntry",
    "CalendarError",
    "Certainty",
    "Deadline",
    "DeadlinePolicy",
    "Duration",
    "DurationParseError",
    "DurationUnit",
    "EndOfDay",
    "EntryKind",
    "InvalidTransitionError",
    "InvalidValueError",
    "LoadError",
    "OfficeHours",
    "OutOfCalendarRangeError",
    "Pause",
    "PolicyKind",
    "ProvisionalCalendarWarning",
    "Reschedule",
    "SkippedDay",
    "TthcError",
    "TthcWarning",
    "WorkingCalendar",
    "YearSchedule",
    "__version__",
    "compute_deadline",
    "compute_deadlines",
    "load_schedule",
    "vietnam_calendar",
]
