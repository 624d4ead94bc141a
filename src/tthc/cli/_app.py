"""The ``tthc`` command.

Dates are accepted as ISO (``2025-12-31``) or the Vietnamese ``dd/mm/yyyy`` (``31/12/2025``);
receipt times as ``"dd/mm/yyyy HH:MM"`` or ISO, in Vietnam time (UTC+7) unless an offset is given.
Every subcommand takes ``--json`` for scripts. Exit codes: 0 success, 2 bad input (a message on
standard error), 3 a question the calendar cannot answer (outside its years).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import json
import os
import re
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tthc.calendar import OfficeHours, vietnam_calendar
from tthc.deadlines import VN_TZ, DeadlinePolicy, compute_deadline
from tthc.durations import Duration
from tthc.errors import CalendarError, InvalidValueError, ProvisionalCalendarWarning, TthcError
from tthc.io.plans import load_plans_csv, load_portfolio
from tthc.simplification import FigureCertainty, Portfolio, WagePeriod, WageRate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tthc.calendar import WorkingCalendar

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CALENDAR = 3

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_VN_DATETIME = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})[ T,]+(\d{1,2})[:hg](\d{2})\s*$")
_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

_EPILOG = """examples:
  tthc deadline "09/01/2026 16:30" "5 ngày làm việc"     appointment date on the receipt
  tthc deadline "31/12/2025 16:00" "30 ngày" --policy civil-code
  tthc deadline 2026-01-09T16:30 "trong ngày; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo"
  tthc calendar add 31/12/2025 3        3 working days after 31/12/2025 -> 07/01/2026
  tthc calendar between 2026-02-13 2026-02-27
  tthc calendar year 2026               days off and working Saturdays with their sources
  tthc calendar view 2026 1             an ISO-week calendar of January 2026
  tthc calendar year 2026 --json
  tthc schema dossiers > dossiers.schema.json  JSON Schema of a tthc file format
  tthc calendar export --format postgresql -o calendar.sql    the calendar as SQL tables + functions
  tthc calendar export --format csv --from 2020 --to 2027 > calendar.csv
"""


def _date(text: str) -> dt.date:
    match = _VN_DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        msg = f"expected a date as dd/mm/yyyy or yyyy-mm-dd, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _instant(text: str) -> dt.datetime:
    match = _VN_DATETIME.match(text)
    try:
        if match:
            day, month, year, hour, minute = (int(g) for g in match.groups())
            return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        msg = f"expected a receipt time as 'dd/mm/yyyy HH:MM' or ISO, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    # The command line is for people in Vietnam: a time without offset is Vietnam time (--help).
    return value if value.tzinfo is not None else value.replace(tzinfo=VN_TZ)


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1 <= year <= 9998:  # noqa: PLR2004 - the years a date can hold, with a margin
        msg = f"expected a year such as 2026, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return year


def _vn(day: dt.date) -> str:
    return f"{_WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


_COST_EPILOG = """examples:
  tthc cost review.json --target 20                  a review saved with dump_portfolio
  tthc cost review.json --unit "billion VND" --explain
  tthc cost sheet.csv --wage 5280000 --wage-year 2024 --wage-source "..." --wage-certainty confirmed --reviewed 706
"""
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _amount(text: str) -> Decimal:
    if not _AMOUNT.fullmatch(text.strip()):
        msg = f"expected a plain number such as 5280000 or 0.5 (no separators), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return Decimal(text.strip())


def _cost_wage(args: argparse.Namespace, base: WageRate | None) -> WageRate:
    """The wage rate from --wage and its options, else ``base``; then --days/--hours-per-..."""
    conventions: dict[str, Any] = {}
    if args.days_per_month is not None:
        conventions["days_per_month"] = args.days_per_month
    if args.hours_per_day is not None:
        conventions["hours_per_day"] = args.hours_per_day
    if args.wage is None:
        if base is None:
            raise InvalidValueError(
                "tthc cost --wage",
                None,
                "the income figure for a sheet: --wage, --wage-year, --wage-source and "
                "--wage-certainty",
            )
        return attrs.evolve(base, **conventions)
    missing = [
        flag
        for flag, value in (
            ("--wage-year", args.wage_year),
            ("--wage-source", args.wage_source),
            ("--wage-certainty", args.wage_certainty),
        )
        if value is None
    ]
    if missing:
        raise InvalidValueError(
            "tthc cost --wage",
            str(args.wage),
            f"{', '.join(missing)} as well (an income figure says its year, source and certainty)",
        )
    return WageRate(
        amount=args.wage,
        period=WagePeriod(args.wage_per),
        year=args.wage_year,
        source=args.wage_source,
        certainty=FigureCertainty(args.wage_certainty),
        **conventions,
    )


def _run_cost(args: argparse.Namespace) -> tuple[object, str]:
    """``tthc cost``: (JSON-able result, human text) for a review or a sheet of plans."""
    if args.csv or str(args.plans).lower().endswith(".csv"):
        review = Portfolio(
            name=args.name or Path(args.plans).stem,
            wage_rate=_cost_wage(args, None),
            plans=load_plans_csv(args.plans),
            reviewed=args.reviewed,
        )
    else:
        review = load_portfolio(args.plans)
        review = attrs.evolve(
            review,
            name=args.name or review.name,
            wage_rate=_cost_wage(args, review.wage_rate),
            reviewed=review.reviewed if args.reviewed is None else args.reviewed,
        )
    result = review.evaluate()
    percent = result.savings.percent()
    share = result.share_with_plan
    w = result.wage_rate
    data: dict[str, object] = {
        "name": result.name,
        "wage_rate": {
            "amount": str(w.amount),
            "period": w.period.value,
            "year": w.year,
            "source": w.source,
            "certainty": w.certainty.value,
            "days_per_month": str(w.days_per_month),
            "hours_per_day": str(w.hours_per_day),
            "per_hour": str(w.per_hour()),
        },
        "reviewed": result.reviewed,
        "with_plan": 0 if share is None else share.numerator,
        "share_with_plan_percent": None if share is None else str(share.percent()),
        "before": str(result.before),
        "after": str(result.after),
        "saving": str(result.saving),
        "saving_percent": None if percent is None else str(percent),
        "procedures": [
            {
                "code": r.code,
                "name": r.name,
                "actions": [a.value for a in r.actions],
                "abolished": r.abolished,
                "per_compliance_before": str(r.before.per_compliance),
                "per_compliance_after": str(r.after.per_compliance),
                "before": str(r.before.annual_total),
                "after": str(r.after.annual_total),
                "saving": str(r.saving),
                "saving_percent": None
                if r.savings.percent() is None
                else str(r.savings.percent()),
            }
            for r in result.results
        ],
        "savings": [
            {
                "code": line.code,
                "measure": line.measure,
                "action": line.action.value,
                "change": None if line.change is None else line.change.kind,
                "item": line.item,
                "detail": line.detail,
                "saving_per_compliance": str(line.saving_per_compliance),
                "saving": str(line.saving),
            }
            for line in result.lines
        ],
    }
    if args.target is not None:
        check = result.savings.check_target(args.target)
        data["target"] = {
            "percent": str(check.target),
            "met": check.met,
            "shortfall": str(check.shortfall),
        }
    text = result.to_table(unit=args.unit, target=args.target)
    if args.explain:
        text += "\n\n" + result.explain()
    return data, text


_REPORT_EPILOG = """examples:
  tthc report dossiers-2023.parquet --as-of 31/12/2023        tables per month, agency, procedure
  tthc report dossiers.csv --as-of 31/12/2023 --catalogue procedures.json -o report-2023/
  tthc report dossiers.parquet --as-of "31/12/2023 17:00" --by agency --max-rows 20
  tthc report export.csv --as-of 2023-12-31 --column status=TrangThaiHoSo --tz Asia/Ho_Chi_Minh
  tthc report dossiers.parquet --as-of 31/12/2023 --json --quiet > report.json
"""
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _as_of(text: str) -> dt.datetime:
    """End of the reporting period: a date means the end of that day (24:00 Vietnam time)."""
    if _VN_DATE.match(text) or _ISO_DATE.match(text):
        day = _date(text)
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
    return _instant(text)


def _role_column(text: str) -> tuple[str, str]:
    role, sep, name = text.partition("=")
    if not sep or not role.strip() or not name.strip():
        msg = f"expected ROLE=COLUMN such as status=TrangThaiHoSo, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return role.strip(), name.strip()


def _optional_column(text: str) -> str | None:
    return None if text.strip().lower() in {"", "-", "none"} else text.strip()


def _run_report(args: argparse.Namespace) -> tuple[object, str]:
    """``tthc report``: (JSON-able report, the tables as text); charts and HTML with -o."""
    from tthc.analytics.reports import report  # noqa: PLC0415 - numpy, pandas, matplotlib on demand
    from tthc.io import load_procedures  # noqa: PLC0415 - loaded only for this command

    started = time.perf_counter()

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.2f} s] {message}", file=sys.stderr)

    catalogue = None
    if args.catalogue is not None:
        progress(f"reading {args.catalogue}")
        catalogue = load_procedures(args.catalogue)
    result = report(
        args.dossiers,
        as_of=args.as_of,
        catalogue=catalogue,
        agency=args.agency_column,
        procedure=args.procedure_column,
        channel=args.channel_column,
        granularity=args.granularity,
        tz=args.tz,
        columns=dict(args.column) if args.column else None,
        levels=args.levels,
        language=args.lang,
        title=args.title,
        progress=progress,
    )
    written: list[Path] = []
    if args.output_dir is not None:
        formats = {"both": ("png", "svg"), "none": ()}.get(args.format, (args.format,))
        written = result.save(
            args.output_dir, formats=formats, html=not args.no_html, progress=progress
        )
    progress("done")
    data = result.to_dict()
    data["files"] = [str(p) for p in written]
    text = result.to_text(max_rows=args.max_rows, tables=args.by)
    if written:
        text += "\n\n" + "\n".join(f"written: {p}" for p in written)
    return data, text


# The file formats `tthc schema` prints.
_SCHEMA_FORMATS = ("procedures", "dossiers", "plans", "portfolio", "processes")


def _schema(args: argparse.Namespace) -> tuple[object, str]:
    """``tthc schema``: the JSON Schema (draft 2020-12) of one of the library's file formats."""
    from tthc.io._converter import write_text  # noqa: PLC0415 - loaded only for this command
    from tthc.io.dossiers import dossiers_schema  # noqa: PLC0415
    from tthc.io.plans import plans_schema, portfolio_schema  # noqa: PLC0415
    from tthc.io.processes import processes_schema  # noqa: PLC0415
    from tthc.io.schema import procedures_schema  # noqa: PLC0415

    makers = {
        "procedures": procedures_schema,
        "dossiers": dossiers_schema,
        "plans": plans_schema,
        "portfolio": portfolio_schema,
        "processes": processes_schema,
    }
    schema = makers[args.format]()
    text = json.dumps(schema, ensure_ascii=False, indent=2)
    if args.output is None:
        return schema, text
    write_text(args.output, text + "\n")
    data = {"format": args.format, "output": args.output}
    return data, f"JSON Schema of the {args.format} format written to {args.output}"


def _add_report_parser(sub: Any) -> None:
    """The ``tthc report`` subcommand's arguments."""
    rep = sub.add_parser(
        "report",
        help="on-time report (Decision 766, indicator 2.1) from a dossier table: tables, "
        "charts, HTML",
        epilog=_REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rep.add_argument(
        "dossiers",
        help="the dossier table, .csv or .parquet (see tthc.analytics.frames.DOSSIER_COLUMNS)",
    )
    rep.add_argument(
        "--as-of",
        type=_as_of,
        required=True,
        help="end of the reporting period: a date (its end, 24:00 Vietnam time) or an instant",
    )
    rep.add_argument(
        "--catalogue", help="procedure catalogue as JSON (load_procedures): coverage by level"
    )
    rep.add_argument(
        "--levels",
        choices=["declared", "derived"],
        default="declared",
        help="online levels as published or derived from the steps (default: %(default)s)",
    )
    rep.add_argument(
        "-o", "--output-dir", help="write the charts and report.html (self-contained) there"
    )
    rep.add_argument(
        "--format",
        choices=["png", "svg", "both", "none"],
        default="both",
        help="chart files written with -o (default: %(default)s)",
    )
    rep.add_argument("--no-html", action="store_true", help="do not write report.html")
    rep.add_argument(
        "--by",
        action="append",
        choices=["month", "agency", "procedure"],
        help="tables to print (repeat; default: all)",
    )
    rep.add_argument("--max-rows", type=int, help="print at most this many groups per table")
    rep.add_argument(
        "--agency-column",
        type=_optional_column,
        default="agency",
        help="agency column, or 'none' (default: %(default)s)",
    )
    rep.add_argument(
        "--procedure-column",
        type=_optional_column,
        default="procedure_code",
        help="procedure code column, or 'none' (default: %(default)s)",
    )
    rep.add_argument(
        "--channel-column",
        type=_optional_column,
        default="channel",
        help="channel code column, or 'none' (default: %(default)s)",
    )
    rep.add_argument(
        "--column",
        action="append",
        type=_role_column,
        metavar="ROLE=COLUMN",
        help="a dossier column under another name, e.g. status=TrangThaiHoSo (repeat)",
    )
    rep.add_argument(
        "--tz",
        choices=["UTC", "Asia/Ho_Chi_Minh"],
        help="what instants without an offset mean (never guessed)",
    )
    rep.add_argument(
        "--granularity",
        choices=["date", "instant"],
        default="date",
        help="compare the end with the due date by day or by instant (default: %(default)s)",
    )
    rep.add_argument("--lang", choices=["vi", "en"], default="vi", help="labels (default: vi)")
    rep.add_argument("--title", help="the report's title")
    rep.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    rep.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_view_parser(cal_sub: Any) -> argparse.ArgumentParser:
    """The ``tthc calendar view`` subcommand's arguments."""
    view: argparse.ArgumentParser = cal_sub.add_parser(
        "view", help="an ISO-week calendar of a year or a month: days off and working Saturdays"
    )
    view.add_argument("year", type=_year)
    view.add_argument("month", nargs="?", type=int, choices=range(1, 13), metavar="MONTH")
    return view


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tthc",
        description="Vietnamese administrative procedures: working days on the official calendar.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    deadline = sub.add_parser(
        "deadline",
        help="the appointment date (ngày hẹn trả kết quả) for a receipt",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    deadline.add_argument(
        "received", type=_instant, help="receipt time, 'dd/mm/yyyy HH:MM' or ISO (Vietnam time)"
    )
    deadline.add_argument("duration", help="processing time as published, e.g. '5 ngày làm việc'")
    deadline.add_argument(
        "--policy",
        choices=["working-time", "civil-code"],
        default="working-time",
        help="how to count (default: working-time, as one-stop systems do)",
    )
    deadline.add_argument(
        "--office-hours",
        default="08:00-12:00,13:00-17:00",
        help="the agency's office hours (default: %(default)s)",
    )
    deadline.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="MINUTES",
        help="round the due time up (e.g. 15)",
    )
    deadline.add_argument("--json", action="store_true", help="print JSON for scripts")
    cal = sub.add_parser(
        "calendar",
        help="working days on the public-sector calendar",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cal_sub = cal.add_subparsers(dest="action", required=True)
    add = cal_sub.add_parser("add", help="move N working days from a date")
    add.add_argument("date", type=_date, help="start date (dd/mm/yyyy or yyyy-mm-dd)")
    add.add_argument("n", type=int, help="working days; negative moves back")
    between = cal_sub.add_parser("between", help="signed count of working days from A to B")
    between.add_argument("start", type=_date)
    between.add_argument("end", type=_date)
    year = cal_sub.add_parser("year", help="a year's days off and working weekend days")
    year.add_argument("year", type=_year)
    view = _add_view_parser(cal_sub)
    export = cal_sub.add_parser(
        "export",
        help="the calendar as a table (one row per day): CSV, Parquet or SQL",
    )
    export.add_argument(
        "--format",
        choices=["csv", "parquet", "postgresql", "sqlite"],
        default="csv",
        help="csv, parquet (needs pyarrow), or a SQL script for postgresql or sqlite "
        "(default: %(default)s)",
    )
    export.add_argument(
        "--from", dest="first_year", type=_year, default=None, help="first year (default: 2013)"
    )
    export.add_argument(
        "--to",
        dest="last_year",
        type=_year,
        default=None,
        help="last year (default: the last year with an official schedule)",
    )
    export.add_argument(
        "--office-hours",
        default="08:00-12:00,13:00-17:00",
        help="the agency's office hours, counted in the office-minute columns (default: %(default)s)",
    )
    export.add_argument(
        "--prefix",
        default="tthc",
        help="name prefix of the SQL tables and functions (default: %(default)s)",
    )
    export.add_argument(
        "-o", "--output", default=None, help="file to write (default: standard output)"
    )
    export.set_defaults(json=False)
    for p in (add, between, year, view):
        p.add_argument("--json", action="store_true", help="print JSON for scripts")
    cost = sub.add_parser(
        "cost",
        help="compliance cost saved by simplification plans (chi phí tuân thủ, Circular 02/2017)",
        epilog=_COST_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cost.add_argument(
        "plans", help="a review as JSON (tthc.io.plans.load_portfolio) or a CSV sheet of plans"
    )
    cost.add_argument("--csv", action="store_true", help="read a CSV sheet whatever the name")
    cost.add_argument("--name", help="the review's name (default: the file name for a sheet)")
    cost.add_argument(
        "--wage",
        type=_amount,
        metavar="VND",
        help="income per month (per year with --wage-per year); required for a sheet, "
        "replaces a JSON review's",
    )
    cost.add_argument("--wage-per", choices=["month", "year"], default="month")
    cost.add_argument("--wage-year", type=_year, help="the year of the income figure")
    cost.add_argument("--wage-source", help="where the income figure comes from")
    cost.add_argument("--wage-certainty", choices=["confirmed", "uncertain", "example"])
    cost.add_argument(
        "--days-per-month", type=_amount, help="working days a month (default 22, uncertain)"
    )
    cost.add_argument(
        "--hours-per-day", type=_amount, help="working hours a day (default 8, uncertain)"
    )
    cost.add_argument(
        "--reviewed", type=int, help="procedures reviewed in all (default: the number of plans)"
    )
    cost.add_argument(
        "--target", type=_amount, metavar="PERCENT", help="check a target: cut at least PERCENT %%"
    )
    cost.add_argument(
        "--unit",
        choices=["VND", "million VND", "billion VND"],
        default="VND",
        help="annual figures in",
    )
    cost.add_argument("--explain", action="store_true", help="list every saving")
    cost.add_argument("--json", action="store_true", help="print JSON for scripts")
    _add_report_parser(sub)
    schema = sub.add_parser(
        "schema",
        help="the JSON Schema (draft 2020-12) of a tthc file format",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument(
        "format",
        nargs="?",
        choices=_SCHEMA_FORMATS,
        default="procedures",
        help="the file format (default: %(default)s)",
    )
    schema.add_argument(
        "-o", "--output", default=None, help="file to write (default: standard output)"
    )
    schema.set_defaults(json=False)
    return parser


def _run(args: argparse.Namespace) -> tuple[object, str]:
    """Return (JSON-able result, human text)."""
    runners = {"cost": _run_cost, "report": _run_report, "schema": _schema}
    if args.command in runners:
        return runners[args.command](args)
    cal = vietnam_calendar()
    if args.command == "deadline":
        duration = Duration.parse(args.duration)
        hours = OfficeHours.parse(args.office_hours)
        make = (
            DeadlinePolicy.civil_code
            if args.policy == "civil-code"
            else DeadlinePolicy.working_time
        )
        policy = make(office_hours=hours, round_up_minutes=args.round)
        answer = compute_deadline(args.received, duration, calendar=cal, policy=policy)
        deadline_data: dict[str, object] = {
            "received_at": answer.received_at.isoformat(),
            "duration": str(duration),
            "policy": policy.kind.value,
            "due_at": answer.due_at.isoformat(),
            "due_on": answer.due_on.isoformat(),
            "skipped_days": [
                {"date": s.day.isoformat(), "reason": s.reason} for s in answer.skipped_days
            ],
            "provisional": answer.is_provisional,
        }
        due = answer.due_at
        text = (
            f"Ngày hẹn trả kết quả: {_WEEKDAYS_VI[due.weekday()]} {due:%d/%m/%Y %H:%M}\n"
            + answer.explain()
        )
        return deadline_data, text
    if args.action == "add":
        result = cal.add_working_days(args.date, args.n)
        data = {"start": args.date.isoformat(), "n": args.n, "result": result.isoformat()}
        return data, f"{_vn(args.date)} + {args.n} ngày làm việc = {_vn(result)}"
    if args.action in {"export", "view"}:
        return _export(args, cal) if args.action == "export" else _view(cal, args.year, args.month)
    if args.action == "between":
        count = cal.working_days_between(args.start, args.end)
        data = {
            "start": args.start.isoformat(),
            "end": args.end.isoformat(),
            "working_days": count,
        }
        return data, f"{count} ngày làm việc từ {_vn(args.start)} đến {_vn(args.end)}"
    entries = cal.entries_in(args.year)
    cal.is_working_day(dt.date(args.year, 1, 1))  # range and provisional check for the year
    status = "provisional" if args.year in cal.provisional_years else "official"
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
    lines = [f"{args.year} ({status}): {len(rows)} entries"]
    lines += [
        f"  {_vn(e.day)}  {'nghỉ' if e.kind.value == 'day_off' else 'làm bù'}  {e.name}  [{e.source}]"
        for e in entries
    ]
    return {"year": args.year, "status": status, "entries": rows}, "\n".join(lines)


def _export(args: argparse.Namespace, cal: WorkingCalendar) -> tuple[object, str]:
    """``tthc calendar export``: the calendar as a table (see ``tthc.sql``)."""
    from tthc.sql import calendar_table  # noqa: PLC0415 - loaded only for this command

    first = cal.first_year if args.first_year is None else args.first_year
    last = max(cal.official_years) if args.last_year is None else args.last_year
    hours = OfficeHours.parse(args.office_hours)
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
    return (
        data,
        f"{len(table.rows)} days ({first}-{last}) written to {args.output} ({args.format})",
    )


def _view(cal: WorkingCalendar, year: int, month: int | None) -> tuple[object, str]:
    """``tthc calendar view``: ISO weeks, Monday first; '*' a day off, '+' a worked weekend day."""
    months = [month] if month is not None else list(range(1, 13))
    lines: list[str] = []
    days: list[dict[str, object]] = []
    for m in months:
        first = dt.date(year, m, 1)
        last = first.replace(day=calendar.monthrange(year, m)[1])
        lines += [f"{first:%m/%Y}", "Tuần   T2  T3  T4  T5  T6  T7  CN"]
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
    lines.append(
        "* ngày nghỉ (day off)   + làm bù (weekend day worked); sources: tthc calendar year"
    )
    return {"year": year, "month": month, "days": days}, "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``tthc`` command with ``argv`` (default: the process arguments).

    Returns:
        The exit code: 0 success, 2 bad input, 3 outside the calendar's data.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and usage errors (2)
        return int(exc.code or 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        try:
            data, text = _run(args)
        except CalendarError as exc:
            print(f"tthc: {exc}", file=sys.stderr)
            return EXIT_CALENDAR
        except TthcError as exc:
            print(f"tthc: {exc}", file=sys.stderr)
            return EXIT_USAGE
    notes = sorted({str(w.message) for w in caught})
    try:
        if args.json:
            if isinstance(data, dict):
                data["provisional_warnings"] = notes
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(text)
            for note in notes:
                print(f"warning: {note}", file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK
