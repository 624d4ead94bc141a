"""`WorkingCalendar` and the entries it is made of.

Why one module of this length: `WorkingCalendar`'s public methods, its index grown year by year under a lock and the date-keyed fast paths share private state; keeping them in one file keeps that state private to it.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, Self

import attrs

from tthc import _validators as _v
from tthc.calendar._index import Index, year_mask
from tthc.errors import (
    InvalidValueError,
    MissingExtraError,
    OutOfCalendarRangeError,
    ProvisionalCalendarWarning,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["Basis", "CalendarEntry", "Certainty", "EntryKind", "WorkingCalendar"]

_DAYS_IN_WEEK = 7
_LAST_YEAR = 9998  # date.max is in 9999; keep a year of margin for arithmetic
# The public name of the entries field (stored as ``_given``, see WorkingCalendar.entries).
_ENTRIES = "WorkingCalendar.entries"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class EntryKind(enum.Enum):
    """Whether a calendar entry takes a day off the week or adds one to it."""

    DAY_OFF = "day_off"
    """A day the week mask makes working but which is not (*ngày nghỉ*, *nghỉ bù*)."""

    EXTRA_WORKING_DAY = "extra_working_day"
    """A day the week mask makes free but which is worked (*ngày làm bù*, a swapped Saturday)."""


class Basis(enum.Enum):
    """Where a calendar entry comes from."""

    OFFICIAL = "official"
    """From a published schedule (a Government notice or dispatch, cited in ``source``)."""

    STATUTORY = "statutory"
    """Derived from the statutory rules (Labour Code) for a year with no official schedule."""

    LOCAL = "local"
    """Added by an agency on top of the national calendar."""


class Certainty(enum.Enum):
    """How well a fact is established, with the research notes' labels."""

    CONFIRMED = "confirmed"
    """Seen in an official text, or in two or more independent sources."""

    CONFIRMED_SECONDARY = "confirmed_secondary"
    """Reported by several secondary sources; the primary text was not read."""

    UNCERTAIN = "uncertain"
    """Weaker evidence, or a rule whose legal reach is disputed; check before relying on it."""

    PREDICTED = "predicted"
    """Computed from the statutory rules for a year whose official schedule is not known."""


# Vietnam time (UTC+07:00, without daylight saving since 1975): the deadlines room's VN_TZ, which
# this room cannot import. Batches take instants as days in this time.
VIETNAM_TIME: Final = dt.timezone(dt.timedelta(hours=7))


def vietnam_day(value: object) -> object:
    """The day of one value in Vietnam time: an aware instant is converted first.

    A naive ``datetime`` gives the date it reads; text is read as ISO 8601 (with or without
    an offset); anything else is left for numpy to read (or refuse).
    """
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.utcoffset() is not None:
            try:
                value = value.astimezone(VIETNAM_TIME)
            except OverflowError:  # after 9999-12-31 in Vietnam time
                return dt.date.max if value.year == dt.MAXYEAR else dt.date.min
        return value.date()
    return value


def _to_date(value: dt.date | str) -> dt.date:
    # Accept ISO text for convenience in hand-written data; anything else is validated below.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return value  # type: ignore[return-value]  # the validator reports non-dates


def _is_date(instance: object, attribute: Any, value: dt.date) -> None:
    if type(value) is not dt.date:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a date (YYYY-MM-DD)")


@attrs.frozen(kw_only=True)
class CalendarEntry:
    """One exception to the working week: a day off (*ngày nghỉ*) or an extra working day (*làm bù*).

    Attributes:
        day: The day.
        kind: Day off, or extra working day.
        name: What the day is, in Vietnamese as published (``"Tết Nguyên Đán"``).
        source: The document or rule that makes it so (``"Công văn 12729/VPCP-KGVX (25/12/2025)"``).
        basis: Official schedule, statutory rule, or a local (agency) addition.
        certainty: How well the fact is established.
        note: Anything a reader should know (a disputed rule, a swap's counterpart).

    Examples:
        >>> import datetime as dt
        >>> e = CalendarEntry(day=dt.date(2026, 1, 10), kind=EntryKind.EXTRA_WORKING_DAY,
        ...                   name="Làm bù cho ngày 02/01/2026", source="Công văn 12729/VPCP-KGVX")
        >>> e.basis, e.certainty
        (<Basis.OFFICIAL: 'official'>, <Certainty.CONFIRMED: 'confirmed'>)
    """

    day: dt.date = attrs.field(converter=_to_date, validator=_is_date)
    kind: EntryKind = attrs.field(validator=_v.member_of(EntryKind))
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    source: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    basis: Basis = attrs.field(default=Basis.OFFICIAL, validator=_v.member_of(Basis))
    certainty: Certainty = attrs.field(
        default=Certainty.CONFIRMED, validator=_v.member_of(Certainty)
    )
    note: str = attrs.field(default="", converter=_v.nfc)


def _check_weekmask(instance: object, attribute: Any, value: str) -> None:
    if not (type(value) is str and len(value) == _DAYS_IN_WEEK and set(value) <= {"0", "1"}):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "seven '0'/'1' characters, Monday first, e.g. '1111100'"
        )


def _check_year(instance: object, attribute: Any, value: int) -> None:
    if type(value) is not int or not 1 <= value <= _LAST_YEAR:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a year from 1 to 9998")


def _sorted_entries(value: Iterable[CalendarEntry]) -> tuple[CalendarEntry, ...]:
    entries = tuple(value)
    if all(isinstance(e, CalendarEntry) for e in entries):
        return tuple(sorted(entries, key=lambda e: e.day))
    return entries  # the validator reports the stranger


def _check_entry(field: str, entry: CalendarEntry, weekmask: str) -> None:
    """Refuse a day off on a weekly rest day, or a non-local extra working day on a weekday."""
    day = entry.day
    weekly_working = weekmask[day.weekday()] == "1"
    if entry.kind is EntryKind.DAY_OFF and not weekly_working:
        raise InvalidValueError(
            field,
            entry,
            f"days off on days the week makes working ({day} is a {_WEEKDAY_NAMES[day.weekday()]})",
        )
    # A weekday "extra working day" is a typo in national data, but an agency may use one
    # (Basis.LOCAL) to work on a day the national calendar takes off.
    if (
        entry.kind is EntryKind.EXTRA_WORKING_DAY
        and weekly_working
        and entry.basis is not Basis.LOCAL
    ):
        raise InvalidValueError(
            field,
            entry,
            f"extra working days on days the week makes free ({day} is a {_WEEKDAY_NAMES[day.weekday()]})",
        )


# The index of a calendar before its first call: no days, so every lookup misses.
_NO_INDEX = Index(0, b"", safe_first=0, safe_last=-1, complete=False)


class _State:
    """Mutable per-calendar caches, filled a year at a time as calls reach the years.

    ``index`` covers the years built so far (see ``WorkingCalendar._cover``); it is replaced by a
    wider one, never changed, so a reader that took it keeps a consistent view. ``lock`` guards
    the building; the dictionaries are only ever added to.
    """

    __slots__ = (
        "all_entries",
        "by_year",
        "derived",
        "entries",
        "index",
        "lock",
        "masks",
        "safe_first",
        "safe_last",
    )

    def __init__(self) -> None:
        self.index: Index = _NO_INDEX
        self.lock = threading.RLock()
        self.masks: dict[int, bytes] = {}  # year -> one byte per day, 1 when working
        self.derived: dict[int, tuple[CalendarEntry, ...]] = {}  # provisional year -> its entries
        self.by_year: dict[int, list[CalendarEntry]] | None = None  # given entries by year
        self.entries: dict[int, CalendarEntry] | None = None  # given entries by ordinal
        self.all_entries: tuple[CalendarEntry, ...] | None = None
        # The longest run of official years, as ordinals (empty until the first index).
        self.safe_first = 0
        self.safe_last = -1


@attrs.frozen(kw_only=True, eq=False)
class WorkingCalendar:
    """A working calendar (*lịch làm việc*): which days of a range of years are working days.

    A day is a working day when its weekday is marked working in ``weekmask`` and it is not a
    day off, or when it is an extra working day (a Saturday made working, *làm bù*).

    The calendar answers only for the years ``first_year`` to ``last_year``; outside them every
    method raises [`OutOfCalendarRangeError`][tthc.errors.OutOfCalendarRangeError]. Years listed in
    ``provisional_years`` have no official schedule: answers that touch them warn
    [`ProvisionalCalendarWarning`][tthc.errors.ProvisionalCalendarWarning] (or raise, when
    ``allow_provisional`` is false).

    Day arithmetic follows one convention (the one workalendar uses), see
    [`add_working_days`][tthc.calendar.WorkingCalendar.add_working_days] and
    [`working_days_between`][tthc.calendar.WorkingCalendar.working_days_between].

    Calendars are immutable; [`with_entries`][tthc.calendar.WorkingCalendar.with_entries] returns
    a new one (an agency's calendar on top of the national one). Two calendars are equal when
    they have the same name, range, week, entries and provisional years.

    Attributes:
        name: A short name, shown in explanations.
        first_year: First year covered.
        last_year: Last year covered.
        weekmask: Seven ``'0'``/``'1'`` characters, Monday first (``"1111100"``: Monday–Friday).
        entries: The days off and extra working days, sorted by day.
        provisional_years: Covered years whose entries come from statutory rules only.
        allow_provisional: When false, touching a provisional year raises instead of warning.

    Examples:
        >>> import datetime as dt
        >>> cal = WorkingCalendar(name="demo", first_year=2026, last_year=2026, entries=[
        ...     CalendarEntry(day=dt.date(2026, 1, 1), kind=EntryKind.DAY_OFF,
        ...                   name="Tết Dương lịch", source="Bộ luật Lao động 2019, Điều 112")])
        >>> cal.add_working_days(dt.date(2025, 12, 31), 1)
        Traceback (most recent call last):
        ...
        tthc.errors.OutOfCalendarRangeError: 2025-12-31 is outside the calendar's data (2026–2026); ...
        >>> cal.add_working_days(dt.date(2026, 1, 1), 0)
        datetime.date(2026, 1, 2)
        >>> cal.working_days_between(dt.date(2026, 1, 1), dt.date(2026, 1, 9))
        6
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    first_year: int = attrs.field(validator=_check_year)
    last_year: int = attrs.field(validator=_check_year)
    weekmask: str = attrs.field(default="1111100", validator=_check_weekmask)
    _given: tuple[CalendarEntry, ...] = attrs.field(
        default=(), converter=_sorted_entries, alias="entries"
    )
    provisional_years: frozenset[int] = attrs.field(
        default=frozenset(), converter=_v.int_frozenset
    )
    allow_provisional: bool = attrs.field(default=True)
    # The rule that predicts a provisional year's entries (the Labour Code's, for the Vietnamese
    # calendar), run for a year only when a call reaches it; entries given for a day win.
    _rules: Callable[[int], Iterable[object]] | None = attrs.field(
        default=None, alias="_rules", repr=False
    )
    _state: _State = attrs.field(init=False, factory=_State, repr=False, alias="_state")

    @_given.validator
    def _check_entries(self, _attribute: Any, value: tuple[object, ...]) -> None:
        if self.last_year < self.first_year:
            raise InvalidValueError(
                "WorkingCalendar.last_year", self.last_year, f">= first_year ({self.first_year})"
            )
        seen: dict[dt.date, CalendarEntry] = {}
        for entry in value:
            if not isinstance(entry, CalendarEntry):
                raise InvalidValueError(_ENTRIES, entry, "CalendarEntry items")
            day = entry.day
            if not self.first_year <= day.year <= self.last_year:
                raise InvalidValueError(
                    _ENTRIES,
                    entry,
                    f"entries dated within {self.first_year}\N{EN DASH}{self.last_year}",
                )
            if day in seen:
                raise InvalidValueError(
                    _ENTRIES,
                    entry,
                    f"one entry per day ({day} is already {seen[day].name!r})",
                )
            seen[day] = entry
            _check_entry(_ENTRIES, entry, self.weekmask)

    @provisional_years.validator
    def _check_provisional(self, attribute: Any, value: frozenset[object]) -> None:
        for year in value:
            if type(year) is not int or not self.first_year <= year <= self.last_year:
                raise InvalidValueError.for_attribute(
                    self,
                    attribute,
                    year,
                    f"years within {self.first_year}\N{EN DASH}{self.last_year}",
                )

    # --- identity -------------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[CalendarEntry, ...]:
        """The days off and extra working days, sorted by day.

        These are the entries given to the calendar and, for its provisional years, the ones its
        statutory rules predict (computed for every year on first access; the day arithmetic
        computes a year only when a call reaches it).
        """
        found = self._state.all_entries
        if found is None:
            if self._rules is None or not self.provisional_years:
                found = self._given
            else:
                by_day = {
                    e.day: e for y in sorted(self.provisional_years) for e in self._derived(y)
                }
                by_day.update((e.day, e) for e in self._given)
                found = tuple(sorted(by_day.values(), key=lambda e: e.day))
            self._state.all_entries = found
        return found

    def _key(self) -> tuple[object, ...]:
        return (
            self.name,
            self.first_year,
            self.last_year,
            self.weekmask,
            self.entries,
            self.provisional_years,
            self.allow_provisional,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self) -> int:
        # Without the entries, so that hashing does not compute every provisional year; equal
        # calendars still hash alike.
        return hash(
            (
                self.name,
                self.first_year,
                self.last_year,
                self.weekmask,
                self.provisional_years,
                self.allow_provisional,
            )
        )

    def __repr__(self) -> str:
        prov = (
            f" provisional={min(self.provisional_years)}..{max(self.provisional_years)}"
            if self.provisional_years
            else ""
        )
        return (
            f"<WorkingCalendar {self.name!r} {self.first_year}\N{EN DASH}{self.last_year} "
            f"week={self.weekmask} entries={len(self.entries)}{prov}>"
        )

    def __getstate__(self) -> dict[str, object]:
        # Ship the definition, not the caches: a worker rebuilds the index once on first use.
        return {f.name: getattr(self, f.name) for f in attrs.fields(type(self)) if f.init}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_state", _State())

    # --- the index ------------------------------------------------------------------------------

    @property
    def first_day(self) -> dt.date:
        """The first day the calendar answers for (1 January of ``first_year``)."""
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the calendar answers for (31 December of ``last_year``)."""
        return dt.date(self.last_year, 12, 31)

    @property
    def official_years(self) -> frozenset[int]:
        """Covered years that are not provisional."""
        return frozenset(range(self.first_year, self.last_year + 1)) - self.provisional_years

    def _derived(self, year: int) -> tuple[CalendarEntry, ...]:
        """The entries the rules predict for the provisional ``year`` (computed once)."""
        if self._rules is None or year not in self.provisional_years:
            return ()
        state = self._state
        found = state.derived.get(year)
        if found is None:
            where = f"{_ENTRIES} (predicted for {year})"
            entries: list[CalendarEntry] = []
            for entry in self._rules(year):
                if not isinstance(entry, CalendarEntry) or entry.day.year != year:
                    raise InvalidValueError(where, entry, f"CalendarEntry items dated in {year}")
                _check_entry(where, entry, self.weekmask)
                entries.append(entry)
            found = tuple(sorted(entries, key=lambda e: e.day))
            state.derived[year] = found
        return found

    def _given_by_year(self) -> dict[int, list[CalendarEntry]]:
        state = self._state
        found = state.by_year
        if found is None:
            found = {}
            for entry in self._given:
                found.setdefault(entry.day.year, []).append(entry)
            state.by_year = found
        return found

    def _year_mask(self, year: int) -> bytes:
        """One byte per day of ``year``, 1 for a working day (built once per year)."""
        state = self._state
        mask = state.masks.get(year)
        if mask is None:
            changes = {
                e.day.toordinal(): e.kind is EntryKind.EXTRA_WORKING_DAY
                for e in (*self._derived(year), *self._given_by_year().get(year, ()))
            }
            mask = state.masks[year] = year_mask(year, self.weekmask, changes)
        return mask

    def _cover(self, low: int, high: int) -> Index:
        """An index whose days include the ordinals ``low..high`` (both within the calendar).

        The index grows to the whole years between what it covered and the days asked for; the
        years in between are built too, so the index stays one run of days.
        """
        state = self._state
        index = state.index
        if index.first <= low and high <= index.last:
            return index
        with state.lock:
            index = state.index
            if index.first <= low and high <= index.last:
                return index
            first_year = dt.date.fromordinal(low).year
            last_year = dt.date.fromordinal(high).year
            if not index.size:
                official = _longest_official_run(self)
                if official[0] <= official[1]:
                    state.safe_first = dt.date(official[0], 1, 1).toordinal()
                    state.safe_last = dt.date(official[1], 12, 31).toordinal()
            else:
                first_year = min(first_year, dt.date.fromordinal(index.first).year)
                last_year = max(last_year, dt.date.fromordinal(index.last).year)
            mask = b"".join(self._year_mask(y) for y in range(first_year, last_year + 1))
            index = Index(
                dt.date(first_year, 1, 1).toordinal(),
                mask,
                safe_first=state.safe_first,
                safe_last=state.safe_last,
                complete=first_year == self.first_year and last_year == self.last_year,
            )
            state.index = index
        return index

    def _index(self) -> Index:
        """The index of every year of the calendar (built on first use)."""
        index = self._state.index
        if index.complete:
            return index
        return self._cover(self.first_day.toordinal(), self.last_day.toordinal())

    def _out_of_range(self, ordinal: int) -> OutOfCalendarRangeError:
        try:
            day = dt.date.fromordinal(ordinal)
        except ValueError:
            day = dt.date.max if ordinal > 0 else dt.date.min
        return OutOfCalendarRangeError(day, self.first_year, self.last_year)

    def _ordinal(self, field: str, day: object) -> int:
        """The ordinal of ``day``, checked to be a date within the calendar's years."""
        ordinal = _v.check_date(field, day).toordinal()
        if not self.first_day.toordinal() <= ordinal <= self.last_day.toordinal():
            raise self._out_of_range(ordinal)
        return ordinal

    def _touch(self, low: int, high: int) -> None:
        """Warn (or raise) when the ordinals ``[low, high]`` reach a provisional year."""
        state = self._state
        if state.safe_first <= low and high <= state.safe_last:
            return
        first_year = dt.date.fromordinal(low).year
        last_year = dt.date.fromordinal(high).year
        years = sorted(y for y in range(first_year, last_year + 1) if y in self.provisional_years)
        if not years:
            return
        if not self.allow_provisional:
            # Name the first provisional day reached, and the run of official years next to it
            # (the one before it when there is one), so the range shown never contains the day.
            start = dt.date.fromordinal(low)
            day = start if start.year == years[0] else dt.date(years[0], 1, 1)
            runs = _official_runs(self)
            before = [r for r in runs if r[1] < day.year]
            lo, hi = before[-1] if before else (runs[0] if runs else (day.year, day.year))
            raise OutOfCalendarRangeError(
                day,
                lo,
                hi,
                f"no official schedule is loaded for {day.year}; load that year's official "
                "schedule or pass allow_provisional=True to use the statutory rules",
            )
        shown = ", ".join(str(y) for y in years)
        warnings.warn(
            ProvisionalCalendarWarning(
                f"{self.name}: no official schedule is loaded for {shown}; the answer uses the "
                "statutory rules and may change when the schedule is published"
            ),
            stacklevel=3,
        )

    def touches_provisional(self, start: dt.date, end: dt.date) -> bool:
        """Say whether any day between ``start`` and ``end`` (either order) is in a provisional year.

        Raises:
            InvalidValueError: An argument is not a date.
        """
        a = _v.check_date("touches_provisional(start)", start).year
        b = _v.check_date("touches_provisional(end)", end).year
        return any(y in self.provisional_years for y in range(min(a, b), max(a, b) + 1))

    # --- single days ----------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Say whether ``day`` is a working day.

        Raises:
            InvalidValueError: ``day`` is not a date.
            OutOfCalendarRangeError: ``day`` is outside the calendar's years.

        Examples:
            >>> import tthc, datetime as dt
            >>> cal = tthc.vietnam_calendar()
            >>> cal.is_working_day(dt.date(2026, 1, 10))   # a Saturday worked for 2 January
            True
        """
        o = self._ordinal("is_working_day(day)", day)
        index = self._cover(o, o)
        self._touch(o, o)
        return bool(index.mask[o - index.first])

    def entry(self, day: dt.date) -> CalendarEntry | None:
        """Return the entry that makes ``day`` differ from the week, or ``None``.

        Raises:
            InvalidValueError: ``day`` is not a date.
            OutOfCalendarRangeError: ``day`` is outside the calendar's years.
        """
        o = self._ordinal("entry(day)", day)
        entries = self._state.entries
        if entries is None:
            entries = {e.day.toordinal(): e for e in self._given}
            self._state.entries = entries
        found = entries.get(o)
        if found is None and self._rules is not None:
            year = day.year
            if year in self.provisional_years:
                found = next((e for e in self._derived(year) if e.day == day), None)
        return found

    def off_reason(self, day: dt.date) -> str | None:
        """Say why ``day`` is not a working day (``None`` when it is one).

        Returns:
            The entry's name and source for a day off, or ``"weekly rest day (Saturday)"``.

        Raises:
            InvalidValueError: ``day`` is not a date.
            OutOfCalendarRangeError: ``day`` is outside the calendar's years.
        """
        if self.is_working_day(day):
            return None
        entry = self.entry(day)
        if entry is not None:
            return f"{entry.name} ({entry.source})"
        return f"weekly rest day ({_WEEKDAY_NAMES[day.weekday()]})"

    # --- arithmetic -----------------------------------------------------------------------------

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """Move ``n`` working days from ``day``.

        * ``n >= 1``: the n-th working day strictly after ``day`` (``day`` itself never counts);
        * ``n <= -1``: the |n|-th working day strictly before ``day``;
        * ``n == 0``: ``day`` if it is a working day, else the next working day.

        Args:
            day: The starting day.
            n: How many working days to move; the sign gives the direction.

        Returns:
            The working day reached.

        Raises:
            InvalidValueError: ``day`` is not a date, or ``n`` is not an int.
            OutOfCalendarRangeError: ``day`` or the result is outside the calendar's years,
                or (with ``allow_provisional=False``) in a provisional year.

        Warns:
            ProvisionalCalendarWarning: The days between ``day`` and the result reach a year
                with no official schedule.

        Examples:
            >>> import tthc, datetime as dt
            >>> cal = tthc.vietnam_calendar()
            >>> cal.add_working_days(dt.date(2025, 12, 31), 3)   # 1-2 Jan 2026 off
            datetime.date(2026, 1, 7)
            >>> cal.add_working_days(dt.date(2026, 1, 9), 1)     # Saturday 10 Jan is worked
            datetime.date(2026, 1, 10)
            >>> cal.add_working_days(dt.date(2026, 1, 12), -1)
            datetime.date(2026, 1, 10)
        """
        if type(n) is int:
            # The hot path: a day of the official span already built (see _index.Index).
            index = self._state.index
            try:
                k = (index.after if n > 0 else index.before)[day] + n
            except (KeyError, TypeError):
                pass  # a day outside the span built so far, or not a date: the checks below
            else:
                if index.k_low <= k <= index.k_high:
                    return index.dates[k]
        return self._add_working_days(day, n)

    def _add_working_days(self, day: dt.date, n: int) -> dt.date:
        """`add_working_days` with every check, building the years it reaches."""
        start = self._ordinal("add_working_days(day)", day)
        if type(n) is not int:
            n = _v.check_int("add_working_days(n)", n)
        index = self._cover(start, start)
        while True:
            i = start - index.first
            k = index.rank[i] + n - 1 if n > 0 else index.rank[i] - index.mask[i] + n
            count = len(index.working)
            if 0 <= k < count:
                break
            # The answer lies in years not built yet: about 200 working days a year at least.
            if k >= count:
                if index.last >= self.last_day.toordinal():
                    raise self._out_of_range(index.last + 1)
                year = dt.date.fromordinal(index.last).year + (k - count) // 200 + 1
                index = self._cover(start, dt.date(min(year, self.last_year), 12, 31).toordinal())
            else:
                if index.first <= self.first_day.toordinal():
                    raise self._out_of_range(index.first - 1)
                year = dt.date.fromordinal(index.first).year - (-k - 1) // 200 - 1
                index = self._cover(dt.date(max(year, self.first_year), 1, 1).toordinal(), start)
        result = index.working[k]
        state = self._state
        if not (
            state.safe_first <= start <= state.safe_last
            and state.safe_first <= result <= state.safe_last
        ):
            self._touch(min(start, result), max(start, result))
        return index.dates[k]

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count working days from ``start`` to ``end``, signed.

        When ``end >= start`` this is the number of working days in ``(start, end]``; when
        ``end < start`` it is minus the number in ``[end, start)``. Unlike workalendar's unsigned
        delta, the sign tells the direction, and
        ``add_working_days(start, working_days_between(start, end)) == end`` whenever ``end`` is a
        working day.

        Raises:
            InvalidValueError: An argument is not a date.
            OutOfCalendarRangeError: An argument is outside the calendar's years.

        Warns:
            ProvisionalCalendarWarning: The days counted reach a year with no official schedule.

        Examples:
            >>> import tthc, datetime as dt
            >>> cal = tthc.vietnam_calendar()
            >>> cal.working_days_between(dt.date(2025, 12, 31), dt.date(2026, 1, 7))
            3
            >>> cal.working_days_between(dt.date(2026, 1, 7), dt.date(2025, 12, 31))
            -3
        """
        a = self._ordinal("working_days_between(start)", start)
        b = self._ordinal("working_days_between(end)", end)
        index = self._cover(min(a, b), max(a, b))
        self._touch(min(a, b), max(a, b))
        i, j = a - index.first, b - index.first
        rank, mask = index.rank, index.mask
        if j >= i:
            return rank[j] - rank[i]
        return -((rank[i] - mask[i]) - (rank[j] - mask[j]))

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return the first working day strictly after ``day`` (``add_working_days(day, 1)``)."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """Return the last working day strictly before ``day`` (``add_working_days(day, -1)``)."""
        return self.add_working_days(day, -1)

    def roll_forward(self, day: dt.date) -> dt.date:
        """Return ``day`` if it is a working day, else the next one (``add_working_days(day, 0)``)."""
        return self.add_working_days(day, 0)

    def working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Iterate over the working days in ``[start, end]``, in order.

        Raises:
            InvalidValueError: An argument is not a date, or ``end < start``.
            OutOfCalendarRangeError: An argument is outside the calendar's years.

        Examples:
            >>> import tthc, datetime as dt
            >>> cal = tthc.vietnam_calendar()
            >>> [d.day for d in cal.working_days(dt.date(2026, 1, 1), dt.date(2026, 1, 10))]
            [5, 6, 7, 8, 9, 10]
        """
        a = self._ordinal("working_days(start)", start)
        b = self._ordinal("working_days(end)", end)
        if b < a:
            raise InvalidValueError("working_days(end)", end, f"a day on or after start ({start})")
        index = self._cover(a, b)
        self._touch(a, b)
        i, j = a - index.first, b - index.first
        lo = index.rank[i] - index.mask[i]
        hi = index.rank[j]
        return (dt.date.fromordinal(o) for o in index.working[lo:hi])

    def entries_in(self, year: int) -> tuple[CalendarEntry, ...]:
        """Return the days off and extra working days dated in ``year``.

        Raises:
            InvalidValueError: ``year`` is not an int.
        """
        year = _v.check_int("entries_in(year)", year)
        given = self._given_by_year().get(year, [])
        derived = self._derived(year) if self._rules is not None else ()
        if not derived:
            return tuple(given)
        by_day = {e.day: e for e in derived}
        by_day.update((e.day, e) for e in given)
        return tuple(sorted(by_day.values(), key=lambda e: e.day))

    # --- batches --------------------------------------------------------------------------------

    def add_working_days_many(self, days: Any, ns: Any) -> Any:
        """Apply [`add_working_days`][tthc.calendar.WorkingCalendar.add_working_days] element-wise.

        With numpy installed, ``days`` may be anything ``numpy.asarray(..., "datetime64[D]")``
        accepts (an array of days, a pandas column, a list of dates) and ``ns`` an integer array
        or a single int (broadcast); the result is a ``datetime64[D]`` array, computed with two
        array lookups per element and no Python loop. Without numpy, ``days`` and ``ns`` must be
        sequences of the same length (or ``ns`` an int) and a list of dates is returned.

        Instants are taken as days **in Vietnam time**, as the deadline functions take them: an
        aware value (a tz-aware pandas or polars column, aware ``datetime`` objects, ISO text
        with an offset) gives its date in Vietnam time (UTC+07:00), so Tuesday 05:00+07:00 is a
        Tuesday and not the Monday of its UTC date; a naive value gives the date it reads.

        Raises:
            InvalidValueError: Missing values (NaT), non-integer ``ns``, or shapes that do not
                broadcast; the message gives the first bad position.
            OutOfCalendarRangeError: A day or a result is outside the calendar's years.

        Warns:
            ProvisionalCalendarWarning: Some element reaches a year with no official schedule
                (checked on the batch's overall span).

        Examples:
            >>> import tthc, datetime as dt, numpy as np
            >>> cal = tthc.vietnam_calendar()
            >>> days = np.array(["2025-12-31", "2026-01-09"], dtype="datetime64[D]")
            >>> cal.add_working_days_many(days, np.array([3, 1]))
            array(['2026-01-07', '2026-01-10'], dtype='datetime64[D]')
        """
        try:
            from tthc.calendar import _batch  # noqa: PLC0415 - numpy, loaded on the first batch
        except MissingExtraError:  # pragma: no cover - exercised only without numpy
            return self._add_many_python(days, ns)
        return _batch.add_working_days_many(self, days, ns)

    def _add_many_python(self, days: Sequence[dt.date], ns: Sequence[int] | int) -> list[dt.date]:
        local: list[Any] = [vietnam_day(d) for d in days]
        if isinstance(ns, int):
            return [self.add_working_days(d, ns) for d in local]
        if len(local) != len(ns):
            raise InvalidValueError(
                "add_working_days_many(ns)", len(ns), f"as many values as days ({len(local)})"
            )
        return [self.add_working_days(d, n) for d, n in zip(local, ns, strict=True)]

    # --- composition ----------------------------------------------------------------------------

    def with_entries(
        self,
        entries: Iterable[CalendarEntry],
        *,
        name: str | None = None,
        replace: bool = True,
    ) -> Self:
        """Return a new calendar with ``entries`` added (an agency's local days).

        The calendar itself is not changed. An added entry replaces an existing one on the same
        day when ``replace`` is true (the default), so an agency may take a local day off, or
        work on a national day off with an ``EXTRA_WORKING_DAY`` entry whose basis is
        ``Basis.LOCAL``; when ``replace`` is false such a clash is an error. An added day off on a
        day the week already makes free is refused, as is a non-local extra working day on a
        weekday.

        Args:
            entries: The entries to add.
            name: Name of the new calendar (default: this name + " + local").
            replace: Whether an added entry may replace an existing one on the same day.

        Returns:
            The new calendar.

        Raises:
            InvalidValueError: An entry is invalid, outside the years, or clashes.

        Examples:
            >>> import tthc, datetime as dt
            >>> from tthc.calendar import CalendarEntry, EntryKind, Basis
            >>> local = tthc.vietnam_calendar().with_entries([CalendarEntry(
            ...     day=dt.date(2026, 3, 9), kind=EntryKind.DAY_OFF, name="Ngày nghỉ của cơ quan",
            ...     source="Quyết định của cơ quan (ví dụ)", basis=Basis.LOCAL)], name="Sở X")
            >>> local.is_working_day(dt.date(2026, 3, 9)), tthc.vietnam_calendar().is_working_day(dt.date(2026, 3, 9))
            (False, True)
        """
        added = tuple(entries)
        # The given entries only: a provisional year's predicted ones stay to its rules (an
        # added entry wins over them on its day, as given entries do).
        by_day: dict[dt.date, CalendarEntry] = {e.day: e for e in self._given}
        for entry in added:
            if not isinstance(entry, CalendarEntry):
                raise InvalidValueError("with_entries(entries)", entry, "CalendarEntry items")
            if replace:
                continue
            existing = by_day.get(entry.day)
            year = entry.day.year
            if existing is None and self._rules is not None and year in self.provisional_years:
                existing = next((e for e in self._derived(year) if e.day == entry.day), None)
            if existing is not None:
                raise InvalidValueError(
                    "with_entries(entries)",
                    entry,
                    f"a day without an entry ({entry.day} is {existing.name!r}; "
                    "pass replace=True to override it)",
                )
        for entry in added:
            by_day[entry.day] = entry
        return attrs.evolve(
            self,
            name=name if name is not None else f"{self.name} + local",
            entries=tuple(by_day.values()),
        )


def _official_runs(cal: WorkingCalendar) -> list[tuple[int, int]]:
    """The runs of consecutive official years, in order."""
    runs: list[tuple[int, int]] = []
    for year in range(cal.first_year, cal.last_year + 1):
        if year in cal.provisional_years:
            continue
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _longest_official_run(cal: WorkingCalendar) -> tuple[int, int]:
    """The longest run of official years (``(0, -1)`` when there is none)."""
    return max(_official_runs(cal), key=lambda r: r[1] - r[0], default=(0, -1))
