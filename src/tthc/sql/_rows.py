"""The rows of the calendar table and its columns (private; re-exported by `tthc.sql`).

The row types know nothing of files or SQL: ``_table`` builds them and writes files,
``_scripts`` turns them into SQL text.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final

import attrs

__all__ = ["COLUMNS", "COLUMN_DOCS", "CalendarDay", "DayKind", "OfficePeriod"]


class DayKind(enum.Enum):
    """The kind of a day (*loại ngày*) in the calendar table: its ``kind`` column."""

    WORKING_DAY = "working_day"
    """A day the week makes working, with no entry."""

    WEEKLY_REST_DAY = "weekly_rest_day"
    """A day the week makes free (Saturday, Sunday), with no entry."""

    DAY_OFF = "day_off"
    """A day the week makes working that is not: a holiday, *nghỉ bù*, a swapped day."""

    EXTRA_WORKING_DAY = "extra_working_day"
    """A day the week makes free that is worked (*làm bù*)."""


COLUMNS: Final = (
    "day",
    "iso_weekday",
    "is_working_day",
    "working_day_rank",
    "office_minutes_before",
    "office_minutes",
    "opening_time",
    "closing_time",
    "office_periods",
    "kind",
    "name",
    "source",
    "basis",
    "certainty",
    "is_provisional",
)
"""The calendar table's columns (*các cột của bảng lịch*), in order: CSV header, Parquet, SQL."""

#: What each column holds; used for the SQL comments and the reference page.
COLUMN_DOCS: Final = {
    "day": "The day (primary key).",
    "iso_weekday": "ISO weekday: 1 = Monday ... 7 = Sunday.",
    "is_working_day": "Whether the day is a working day.",
    "working_day_rank": "Working days from the table's first day up to and including this day "
    "(a prefix count: the n-th working day has rank n).",
    "office_minutes_before": "Office minutes of all working days before this day, since the "
    "table's first day.",
    "office_minutes": "Office minutes of this day (0 on a day that is not worked).",
    "opening_time": "Opening of the day's first office period (empty when not worked).",
    "closing_time": "Closing of the day's last office period (empty when not worked).",
    "office_periods": "The day's office periods as 'HH:MM-HH:MM,...' (empty when not worked).",
    "kind": "working_day, weekly_rest_day, day_off or extra_working_day.",
    "name": "For a day off or an extra working day: its name as published.",
    "source": "For a day off or an extra working day: the document or rule that sets it.",
    "basis": "For a day off or an extra working day: official, statutory or local.",
    "certainty": "For a day off or an extra working day: confirmed, confirmed_secondary, "
    "uncertain or predicted.",
    "is_provisional": "Whether the day's year has no official schedule (statutory rules only).",
}


@attrs.frozen(kw_only=True)
class CalendarDay:
    """One row of the calendar table (*bảng lịch làm việc*): a day and everything SQL needs about it.

    Attributes:
        day: The day.
        iso_weekday: 1 = Monday … 7 = Sunday.
        is_working_day: Whether the day is a working day.
        working_day_rank: Working days from the table's first day up to and including this day.
        office_minutes_before: Office minutes of the working days before this day, counted from
            the table's first day.
        office_minutes: Office minutes of this day (0 when it is not worked).
        opening_time: Opening of the first office period, ``None`` when not worked.
        closing_time: Closing of the last office period, ``None`` when not worked.
        office_periods: ``"08:00-12:00,13:00-17:00"``, ``None`` when not worked.
        kind: Working day, weekly rest day, day off or extra working day.
        name: The entry's name (a day off or an extra working day), else ``None``.
        source: The entry's source, else ``None``.
        basis: The entry's basis (``"official"``, ``"statutory"``, ``"local"``), else ``None``.
        certainty: The entry's certainty, else ``None``.
        is_provisional: Whether the year has no official schedule.
    """

    day: dt.date
    iso_weekday: int
    is_working_day: bool
    working_day_rank: int
    office_minutes_before: int
    office_minutes: int
    opening_time: dt.time | None
    closing_time: dt.time | None
    office_periods: str | None
    kind: DayKind
    name: str | None
    source: str | None
    basis: str | None
    certainty: str | None
    is_provisional: bool

    def values(self) -> tuple[Any, ...]:
        """Return the row's values in [`COLUMNS`][tthc.sql.COLUMNS] order (``kind`` as text)."""
        return (
            self.day,
            self.iso_weekday,
            self.is_working_day,
            self.working_day_rank,
            self.office_minutes_before,
            self.office_minutes,
            self.opening_time,
            self.closing_time,
            self.office_periods,
            self.kind.value,
            self.name,
            self.source,
            self.basis,
            self.certainty,
            self.is_provisional,
        )


@attrs.frozen(kw_only=True)
class OfficePeriod:
    """One office period (*buổi làm việc*) of a weekday: a row of the ``<prefix>_office_hours`` table.

    Attributes:
        iso_weekday: 1 = Monday … 7 = Sunday.
        period_no: 1 for the day's first period, 2 for the next…
        opening_time: Opening time.
        closing_time: Closing time.
        minutes_before: Office minutes of the day's earlier periods.
    """

    iso_weekday: int
    period_no: int
    opening_time: dt.time
    closing_time: dt.time
    minutes_before: int
