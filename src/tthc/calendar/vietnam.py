"""The Vietnamese public-sector calendar: official schedules, statutory rules, and their loader.

[`vietnam_calendar`][tthc.calendar.vietnam_calendar] is the calendar of state agencies (*cán bộ,
công chức, viên chức*) on a Monday–Friday week. Each covered year is either

* **official**: its weekdays off and swapped working Saturdays come from the published schedule
  (Government Office dispatches, ministry notices), shipped in ``data/vn_public_sector.json`` with
  a source for every day; or
* **provisional**: no schedule is loaded, so the days off are predicted from the Labour Code's
  rules; answers that touch such a year warn
  [`ProvisionalCalendarWarning`][tthc.errors.ProvisionalCalendarWarning].

A newer year's schedule can be loaded from a file in the same format with
[`load_schedule`][tthc.calendar.load_schedule] (see the how-to "Add next year's calendar").
Private employers set their own Tết days and need not follow the public-sector swaps.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from tthc import _validators as _v
from tthc._files import parse_json, read_json
from tthc.calendar._core import Basis, CalendarEntry, Certainty, EntryKind, WorkingCalendar
from tthc.calendar._statutory import FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR, statutory_entries
from tthc.errors import CalendarDataError, InvalidValueError, shown

__all__ = [
    "FIRST_SUPPORTED_YEAR",
    "LAST_SUPPORTED_YEAR",
    "YearSchedule",
    "load_schedule",
    "official_schedules",
    "vietnam_calendar",
]

FORMAT = "tthc.calendar/1"
WEEKMASK = "1111100"
NAME = "Việt Nam — cơ quan hành chính nhà nước"
"""Calendar name shown in explanations."""


def _entries_tuple(value: Iterable[CalendarEntry]) -> tuple[CalendarEntry, ...]:
    return tuple(sorted(value, key=lambda e: e.day))


@attrs.frozen(kw_only=True)
class YearSchedule:
    """A year's official schedule of days off (*lịch nghỉ lễ, tết*) for the public sector.

    The entries list **every** weekday off of the year (holidays, Tết days, make-up days
    *nghỉ bù*, swapped days) and every weekend day made working (*làm bù*). An entry may be dated in
    a neighbouring year when the notice says so (31/12/2018 was given off by the 2019 New Year
    notice).

    Attributes:
        year: The year the schedule is for.
        entries: Days off and extra working days, each with its name and source.
        sources: The documents and pages the schedule comes from.
        notes: Remarks (uncertain points, swaps under discussion).
    """

    year: int
    entries: tuple[CalendarEntry, ...] = attrs.field(converter=_entries_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)


_YEAR_KEYS = {"status", "sources", "notes", "entries"}
_ENTRY_KEYS = {"date", "kind", "name", "source", "certainty", "note"}
_TOP_KEYS = {"format", "calendar", "weekmask", "years", "notes"}
# ASCII digits only: str.isdigit() also accepts "²⁰²⁷", which int() refuses.
_YEAR_KEY = re.compile(r"[0-9]{4}")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _key_path(path: str, key: object) -> str:
    """The path of ``key`` under ``path``: ``$.years.2027``, or quoted when it is not plain text."""
    if isinstance(key, str) and key.isprintable() and 0 < len(key) <= 64:  # noqa: PLR2004
        return f"{path}.{key}"
    return f"{path}[{shown(key)}]"


def _unknown_keys(path: str, mapping: Mapping[Any, Any], known: set[str]) -> list[str]:
    """One problem per key of ``mapping`` not in ``known``, in the document's order."""
    return [f"{_key_path(path, key)}: unknown key" for key in mapping if key not in known]


def _member(value: object, members: Mapping[str, Any]) -> Any:
    """The member named by ``value``, or None (also for values of another type)."""
    return members.get(value) if isinstance(value, str) else None


def _parse_schedule(data: object, source: str) -> tuple[YearSchedule, ...]:
    """Validate a parsed schedule document, collecting every problem before raising."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise CalendarDataError(source, [f"$: expected a JSON object, got {type(data).__name__}"])
    problems.extend(_unknown_keys("$", data, _TOP_KEYS))
    if not (isinstance(data.get("format"), str) and data.get("format") == FORMAT):
        problems.append(f"$.format: expected {FORMAT!r}, got {shown(data.get('format'))}")
    weekmask = data.get("weekmask", WEEKMASK)
    if not (isinstance(weekmask, str) and weekmask == WEEKMASK):
        problems.append(f"$.weekmask: expected {WEEKMASK!r}, got {shown(weekmask)}")
    years = data.get("years")
    if not isinstance(years, Mapping) or not years:
        problems.append('$.years: expected an object of years, e.g. {"2027": {...}}')
        raise CalendarDataError(source, problems)
    schedules: list[YearSchedule] = []
    for key, block in years.items():
        if not (isinstance(key, str) and _YEAR_KEY.fullmatch(key)):
            problems.append(
                f"{_key_path('$.years', key)}: expected a four-digit year (ASCII digits) as the "
                f"key, got {shown(key)}"
            )
            continue
        schedule = _parse_year(block, f"$.years.{key}", int(key), problems)
        if schedule is not None:
            schedules.append(schedule)
    if problems:
        raise CalendarDataError(source, problems)
    return tuple(sorted(schedules, key=lambda s: s.year))


def _parse_year(block: object, path: str, year: int, problems: list[str]) -> YearSchedule | None:
    if not isinstance(block, Mapping):
        problems.append(
            f"{path}: expected an object with 'entries' and 'sources', got {shown(block)}"
        )
        return None
    problems.extend(_unknown_keys(path, block, _YEAR_KEYS))
    status = block.get("status", "official")
    if not (isinstance(status, str) and status == "official"):
        problems.append(f"{path}.status: expected 'official', got {shown(status)}")
    sources = block.get("sources", [])
    if not (
        isinstance(sources, list)
        and sources
        and all(isinstance(s, str) and s.strip() for s in sources)
    ):
        problems.append(
            f"{path}.sources: expected a non-empty list of texts naming the notices, "
            f"got {shown(sources)}"
        )
    notes = block.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(s, str) for s in notes)):
        problems.append(f"{path}.notes: expected a list of texts, got {shown(notes)}")
        notes = []
    raw_entries = block.get("entries")
    if not isinstance(raw_entries, list):
        problems.append(f"{path}.entries: expected a list of days, got {shown(raw_entries)}")
        return None
    entries: list[CalendarEntry] = []
    seen: dict[dt.date, int] = {}
    for i, raw in enumerate(raw_entries):
        entry = _parse_entry(raw, f"{path}.entries[{i}]", year, problems)
        if entry is None:
            continue
        if entry.day in seen:
            problems.append(
                f"{path}.entries[{i}].date: {entry.day} is listed twice "
                f"(also entries[{seen[entry.day]}])"
            )
            continue
        seen[entry.day] = i
        entries.append(entry)
    if not isinstance(sources, list):
        return None
    return YearSchedule(
        year=year,
        entries=entries,
        sources=[s for s in sources if isinstance(s, str)],
        notes=notes,
    )


def _parse_entry(raw: object, path: str, year: int, problems: list[str]) -> CalendarEntry | None:
    if not isinstance(raw, Mapping):
        problems.append(
            f"{path}: expected an object with date, kind, name and source, got {shown(raw)}"
        )
        return None
    before = len(problems)
    problems.extend(_unknown_keys(path, raw, _ENTRY_KEYS))
    day: dt.date | None = None
    text = raw.get("date")
    try:
        day = (
            dt.date.fromisoformat(text)
            if isinstance(text, str) and _DATE_TEXT.fullmatch(text)
            else None
        )
    except ValueError:
        day = None
    if day is None:
        problems.append(f"{path}.date: expected an ISO date (YYYY-MM-DD), got {shown(text)}")
    elif abs(day.year - year) > 1:
        problems.append(f"{path}.date: expected a day in {year} or next to it, got {shown(text)}")
    kinds = {k.value: k for k in EntryKind}
    kind = _member(raw.get("kind"), kinds)
    if kind is None:
        problems.append(
            f"{path}.kind: expected one of {sorted(kinds)}, got {shown(raw.get('kind'))}"
        )
    elif day is not None:
        weekend = day.weekday() >= 5  # noqa: PLR2004 - Saturday and Sunday
        if kind is EntryKind.DAY_OFF and weekend:
            problems.append(
                f"{path}: {day} is a {day:%A}; list only weekdays as days off "
                "(weekends are already free)"
            )
        if kind is EntryKind.EXTRA_WORKING_DAY and not weekend:
            problems.append(
                f"{path}: {day} is a {day:%A}; an extra working day must be a Saturday or Sunday"
            )
    for field in ("name", "source"):
        value = raw.get(field)
        if type(value) is not str or not value.strip():
            problems.append(f"{path}.{field}: expected a non-blank text, got {shown(value)}")
    certainties = {c.value: c for c in Certainty if c is not Certainty.PREDICTED}
    certainty = _member(raw.get("certainty", "confirmed"), certainties)
    if certainty is None:
        problems.append(
            f"{path}.certainty: expected one of {sorted(certainties)}, "
            f"got {shown(raw.get('certainty'))}"
        )
    note = raw.get("note", "")
    if type(note) is not str:
        problems.append(f"{path}.note: expected a text, got {shown(note)}")
    if len(problems) > before:
        return None
    if day is None or kind is None or certainty is None:  # pragma: no cover - reported above
        return None
    try:
        return CalendarEntry(
            day=day,
            kind=kind,
            name=raw["name"],
            source=raw["source"],
            basis=Basis.OFFICIAL,
            certainty=certainty,
            note=note,
        )
    except InvalidValueError as exc:  # pragma: no cover - every field is checked above
        problems.append(f"{path}: {exc}")
        return None


def load_schedule(source: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[YearSchedule, ...]:
    """Load official schedules from a JSON file (or an already parsed mapping), validated.

    The format is the one of the package's own data file (``"format": "tthc.calendar/1"``): see
    the how-to "Add next year's calendar". Every problem in the file is reported at once, each
    with its path in the document; nothing is returned from a bad file.

    Args:
        source: A path to a JSON file, or the parsed document.

    Returns:
        One [`YearSchedule`][tthc.calendar.YearSchedule] per year in the document, by year.

    Raises:
        CalendarDataError: The file cannot be read or parsed, or has invalid entries
            (``.problems`` lists them all).

    Examples:
        >>> doc = {"format": "tthc.calendar/1", "years": {"2027": {
        ...     "sources": ["Thông báo (ví dụ)"],
        ...     "entries": [{"date": "2027-01-01", "kind": "day_off",
        ...                  "name": "Tết Dương lịch", "source": "ví dụ"},
        ...                 {"date": "2027-01-09", "kind": "day_off",
        ...                  "name": "Sai: thứ Bảy", "source": "ví dụ"}]}}}
        >>> load_schedule(doc)
        Traceback (most recent call last):
        ...
        tthc.errors.CalendarDataError: could not load <mapping>:
          - $.years.2027.entries[1]: 2027-01-09 is a Saturday; list only weekdays as days off (weekends are already free)
    """
    if isinstance(source, Mapping):
        return _parse_schedule(source, "<mapping>")
    if not isinstance(source, (str, os.PathLike)):
        raise InvalidValueError("load_schedule(source)", source, "a path or a mapping")
    name = os.fspath(source)
    data = read_json(name, error=CalendarDataError)
    return _parse_schedule(data, name)


@functools.cache
def official_schedules() -> tuple[YearSchedule, ...]:
    """Return the official schedules shipped with `tthc`, by year.

    Examples:
        >>> [s.year for s in official_schedules()][:1], official_schedules()[-1].year >= 2027
        ([2013], True)
    """
    name = "tthc/calendar/data/vn_public_sector.json"
    return _parse_schedule(parse_json(_shipped_bytes(), name, error=CalendarDataError), name)


def _shipped_bytes() -> bytes:
    """The bytes of the shipped data file, through this package's own loader.

    The loader reads a file beside this module, or a member of the zip the package was imported
    from (what ``importlib.resources`` would do, without importing it: that import alone costs
    more than the rest of a ``tthc deadline`` command).
    """
    # os.path, not pathlib: this runs at start-up, and pathlib is one more import.
    path = os.path.join(os.path.dirname(__file__), "data", "vn_public_sector.json")  # noqa: PTH118, PTH120
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is not None:
        try:
            data: bytes = get_data(path)
        except OSError:
            pass
        else:
            return data
    from importlib import resources  # noqa: PLC0415 - only for a loader without get_data

    return resources.files("tthc.calendar").joinpath("data/vn_public_sector.json").read_bytes()


FIRST_SUPPORTED_YEAR = 2013
"""First year ``vietnam_calendar`` can cover: the first year of the shipped official data.

The statutory rules start in 2014, the first full year under the Labour Code 2012.
"""
LAST_SUPPORTED_YEAR = LAST_STATUTORY_YEAR
"""Last year ``vietnam_calendar`` can cover (statutory rules beyond the official data)."""


def vietnam_calendar(
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    schedules: Iterable[YearSchedule] = (),
    allow_provisional: bool = True,
) -> WorkingCalendar:
    """Return the working calendar of Vietnamese state agencies (Monday–Friday week).

    Years with an official schedule (shipped, or given in ``schedules``, which win over the
    shipped ones) use it; the other years use the Labour Code's rules and are provisional.
    Calendars are cached: the same arguments return the same (immutable) object, and its index is
    built once.

    Args:
        first_year: First year to cover (default: ``FIRST_SUPPORTED_YEAR``).
        last_year: Last year to cover (default: ``LAST_SUPPORTED_YEAR``).
        schedules: Official schedules to use on top of the shipped ones
            (from [`load_schedule`][tthc.calendar.load_schedule]).
        allow_provisional: When false, touching a year without an official schedule raises
            [`OutOfCalendarRangeError`][tthc.errors.OutOfCalendarRangeError] instead of warning.

    Returns:
        The calendar.

    Raises:
        InvalidValueError: A year outside ``FIRST_SUPPORTED_YEAR``–``LAST_SUPPORTED_YEAR`` or
            ``last_year < first_year``.

    Examples:
        >>> import datetime as dt
        >>> cal = vietnam_calendar()
        >>> cal.is_working_day(dt.date(2026, 1, 2)), cal.is_working_day(dt.date(2026, 1, 10))
        (False, True)
        >>> cal.off_reason(dt.date(2026, 2, 17))
        'Tết Nguyên Đán (Thông báo 9441/TB-BNV (16/10/2025))'
    """
    first = FIRST_SUPPORTED_YEAR if first_year is None else first_year
    last = LAST_SUPPORTED_YEAR if last_year is None else last_year
    for field, year in (("first_year", first), ("last_year", last)):
        if type(year) is not int or not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
            raise InvalidValueError(
                f"vietnam_calendar({field})",
                year,
                f"a year from {FIRST_SUPPORTED_YEAR} to {LAST_SUPPORTED_YEAR}",
            )
    if last < first:
        raise InvalidValueError("vietnam_calendar(last_year)", last, f">= first_year ({first})")
    extra = tuple(schedules)
    for item in extra:
        if not isinstance(item, YearSchedule):
            raise InvalidValueError(
                "vietnam_calendar(schedules)", item, "YearSchedule items (from load_schedule)"
            )
    return _build(first, last, extra, allow_provisional=bool(allow_provisional))


@functools.lru_cache(maxsize=32)
def _build(
    first: int, last: int, extra: tuple[YearSchedule, ...], *, allow_provisional: bool
) -> WorkingCalendar:
    official = {s.year: s for s in official_schedules()}
    official.update({s.year: s for s in extra})
    provisional = set()
    for year in range(first, last + 1):
        if year not in official:
            if year < FIRST_STATUTORY_YEAR:  # pragma: no cover - 2013 is shipped
                raise InvalidValueError(
                    "vietnam_calendar(first_year)", year, "a year with an official schedule"
                )
            provisional.add(year)
    # Official entries, including the ones a notice dates in a neighbour year; a provisional
    # year's days off come from the statutory rules when a call first reaches that year, and an
    # official entry wins on its day.
    by_day: dict[dt.date, CalendarEntry] = {}
    for schedule in sorted(official.values(), key=lambda s: s.year):
        for entry in schedule.entries:
            if first <= entry.day.year <= last:
                by_day[entry.day] = entry
    return WorkingCalendar(
        name=_v.nfc(NAME),
        first_year=first,
        last_year=last,
        weekmask=WEEKMASK,
        entries=tuple(by_day.values()),
        provisional_years=frozenset(provisional),
        allow_provisional=allow_provisional,
        _rules=statutory_entries,
    )
