"""``tthc calendar``: working days on the public-sector calendar (add, between, year, view, export).

``export`` loads ``tthc.sql`` when it runs; the other actions need only the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from typing import TYPE_CHECKING

from tthc._numbers import number
from tthc.calendar import OfficeHours, vietnam_calendar
from tthc.cli._common import vn_day, write_target
from tthc.cli._messages import UsageError, say
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    import argparse

    from tthc.calendar import WorkingCalendar
    from tthc.cli._common import Output
    from tthc.cli._messages import Lang

__all__ = ["run"]


def run(args: argparse.Namespace) -> Output:
    """Answer ``tthc calendar ACTION`` on the Vietnamese calendar."""
    cal = vietnam_calendar()
    lang: Lang = args.lang
    if args.action == "add":
        return _add(cal, args.date, args.n, lang)
    if args.action == "between":
        return _between(cal, args.start, args.end, lang)
    if args.action == "view":
        return _view(cal, args.year, args.month, lang)
    if args.action == "export":
        return _export(args, cal, lang)
    return _year(cal, args.year, lang)


def _add(cal: WorkingCalendar, start: dt.date, n: int, lang: Lang) -> Output:
    """``tthc calendar add``: move ``n`` working days from ``start``."""
    result = cal.add_working_days(start, n)
    data = {"start": start.isoformat(), "n": n, "result": result.isoformat()}
    words = say(lang, "working_days_word")
    return data, f"{vn_day(start, lang)} + {n} {words} = {vn_day(result, lang)}"


def _between(cal: WorkingCalendar, start: dt.date, end: dt.date, lang: Lang) -> Output:
    """``tthc calendar between``: the signed count of working days from ``start`` to ``end``."""
    count = cal.working_days_between(start, end)
    data = {"start": start.isoformat(), "end": end.isoformat(), "working_days": count}
    return data, say(
        lang, "between", count=count, start=vn_day(start, lang), end=vn_day(end, lang)
    )


def _year(cal: WorkingCalendar, year: int, lang: Lang) -> Output:
    """``tthc calendar year``: a year's days off and working weekend days, with their sources."""
    entries = cal.entries_in(year)
    cal.is_working_day(dt.date(year, 1, 1))  # range and provisional check for the year
    status = "provisional" if year in cal.provisional_years else "official"
    shown = say(lang, f"year_status_{status}")
    rows = [
        {
            "date": e.day.isoformat(),
            "kind": e.kind.value,
            "name": e.name,
            "source": e.source,
            "basis": e.basis.value,
            "certainty": e.certainty.value,
        }
        for e in entries
    ]
    lines = [f"{year} ({shown}): {say(lang, 'entries', count=len(rows))}"]
    lines += [
        f"  {vn_day(e.day, lang)}  "
        f"{say(lang, 'day_off' if e.kind.value == 'day_off' else 'worked_day')}  "
        f"{e.name}  [{e.source}]"
        for e in entries
    ]
    return {"year": year, "status": status, "entries": rows}, "\n".join(lines)


def _export(args: argparse.Namespace, cal: WorkingCalendar, lang: Lang) -> Output:
    """``tthc calendar export``: the calendar as a table (see ``tthc.sql``)."""
    from tthc.sql import calendar_table  # noqa: PLC0415 - loaded only for this action

    first = cal.first_year if args.first_year is None else args.first_year
    last = max(cal.official_years) if args.last_year is None else args.last_year
    try:
        hours = OfficeHours.parse(args.office_hours)
    except InvalidValueError:
        raise UsageError(say(lang, "office_hours_expected", text=args.office_hours)) from None
    if args.output is not None:
        write_target(args.output, lang)
    table = calendar_table(cal, first, last, office_hours=hours)
    data = {
        "format": args.format,
        "first_year": first,
        "last_year": last,
        "days": len(table.rows),
        "output": args.output,
    }
    if args.output is None:
        if args.format == "parquet":
            raise InvalidValueError(
                "tthc calendar export --output", None, "a file for Parquet (-o calendar.parquet)"
            )
        out = io.StringIO()
        table.write(out, args.format, prefix=args.prefix)
        return data, out.getvalue().rstrip("\n")
    table.write(args.output, args.format, prefix=args.prefix)
    days = number(len(table.rows), lang)
    text = say(
        lang,
        "calendar_written",
        days=days,
        first=first,
        last=last,
        path=args.output,
        format=args.format,
    )
    return data, text


def _view(cal: WorkingCalendar, year: int, month: int | None, lang: Lang) -> Output:
    """``tthc calendar view``: ISO weeks, Monday first; '*' a day off, '+' a worked weekend day."""
    months = [month] if month is not None else list(range(1, 13))
    lines: list[str] = []
    days: list[dict[str, object]] = []
    for m in months:
        first = dt.date(year, m, 1)
        last = first.replace(day=calendar.monthrange(year, m)[1])
        lines += [f"{first:%m/%Y}", f"{say(lang, 'week'):<6} {say(lang, 'weekdays_short')}"]
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            cells = []
            for offset in range(7):
                d = day + dt.timedelta(days=offset)
                if d.month != m:
                    cells.append("    ")
                    continue
                working = cal.is_working_day(d)
                weekend = d.weekday() >= 5  # noqa: PLR2004 - Saturday, Sunday
                mark = "*" if not working and not weekend else "+" if working and weekend else " "
                cells.append(f"{d.day:3d}{mark}")
                entry = cal.entry(d)
                days.append(
                    {
                        "date": d.isoformat(),
                        "iso_week": d.isocalendar().week,
                        "working": working,
                        "reason": None if entry is None else entry.name,
                    }
                )
            lines.append(f"W{day.isocalendar().week:02d}  " + "".join(cells))
            day += dt.timedelta(days=7)
        lines.append("")
    lines.append(say(lang, "view_legend"))
    return {"year": year, "month": month, "days": days}, "\n".join(lines)
