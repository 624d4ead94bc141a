"""The ``tthc`` command: the argument parser, and dispatch to one module per subcommand.

Dates are accepted as ISO (``2025-12-31``) or the Vietnamese ``dd/mm/yyyy`` (``31/12/2025``);
receipt times as ``"dd/mm/yyyy HH:MM"`` or ISO, in Vietnam time (UTC+7) unless an offset is given.
Every subcommand takes ``--json`` for scripts. Exit codes: 0 success, 2 bad input (a message on
standard error), 3 a question the calendar cannot answer (outside its years).

The parser knows every subcommand, but a subcommand's module (``tthc.cli.deadline``,
``tthc.cli.calendar``, ``tthc.cli.cost``, ``tthc.cli.report``, ``tthc.cli.schema``,
``tthc.cli.unit``) and the rooms
it needs are imported only when that subcommand runs: ``tthc deadline`` does not load the report,
cost, SQL or file-format modules.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from typing import TYPE_CHECKING, Any

from tthc.cli import _common
from tthc.errors import CalendarError, ProvisionalCalendarWarning, TthcError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_CALENDAR = 3

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

_COST_EPILOG = """examples:
  tthc cost review.json --target 20                  a review saved with dump_portfolio
  tthc cost review.json --unit "billion VND" --explain
  tthc cost sheet.csv --wage 5280000 --wage-year 2024 --wage-source "..." --wage-certainty confirmed --reviewed 706
"""

_REPORT_EPILOG = """examples:
  tthc report dossiers-2023.parquet --as-of 31/12/2023        tables per month, agency, procedure
  tthc report dossiers.csv --as-of 31/12/2023 --catalogue procedures.json -o report-2023/
  tthc report dossiers.parquet --as-of "31/12/2023 17:00" --by agency --max-rows 20
  tthc report export.csv --as-of 2023-12-31 --column status=TrangThaiHoSo --tz Asia/Ho_Chi_Minh
  tthc report dossiers.parquet --as-of 31/12/2023 --json --quiet > report.json
  tthc report dossiers-2025.parquet --as-of 31/12/2025 --by province   the 34 provinces of today
"""

_UNIT_EPILOG = """examples:
  tthc unit show 27                    every unit that had the code 27, and what it became
  tthc unit show 27 --on 30/06/2025    the unit of that day, and the unit of today
  tthc unit succession                 63 provinces -> 34 (Resolution 202/2025/QH15)
  tthc unit succession --level commune --units communes.json --json
"""

# The file formats `tthc schema` prints (tthc.cli.schema makes them).
_SCHEMA_FORMATS = ("procedures", "dossiers", "plans", "portfolio")

_OFFICE_HOURS = "08:00-12:00,13:00-17:00"


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _with_epilog(sub: Any, name: str, help_: str, epilog: str = _EPILOG) -> Any:
    """A subcommand parser with examples after its help, kept as written."""
    return sub.add_parser(
        name, help=help_, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def _add_deadline_parser(sub: Any) -> None:
    """The ``tthc deadline`` subcommand's arguments."""
    deadline = _with_epilog(
        sub, "deadline", "the appointment date (ngày hẹn trả kết quả) for a receipt"
    )
    deadline.add_argument(
        "received",
        type=_common.instant,
        help="receipt time, 'dd/mm/yyyy HH:MM' or ISO (Vietnam time)",
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
        default=_OFFICE_HOURS,
        help="the agency's office hours (default: %(default)s)",
    )
    deadline.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="MINUTES",
        help="round the due time up (e.g. 15)",
    )
    _json_flag(deadline)


def _add_calendar_parser(sub: Any) -> None:
    """The ``tthc calendar`` subcommand's actions and their arguments."""
    cal = _with_epilog(sub, "calendar", "working days on the public-sector calendar")
    cal_sub = cal.add_subparsers(dest="action", required=True)
    add = cal_sub.add_parser("add", help="move N working days from a date")
    add.add_argument("date", type=_common.date, help="start date (dd/mm/yyyy or yyyy-mm-dd)")
    add.add_argument("n", type=int, help="working days; negative moves back")
    between = cal_sub.add_parser("between", help="signed count of working days from A to B")
    between.add_argument("start", type=_common.date)
    between.add_argument("end", type=_common.date)
    year = cal_sub.add_parser("year", help="a year's days off and working weekend days")
    year.add_argument("year", type=_common.year)
    view = cal_sub.add_parser(
        "view", help="an ISO-week calendar of a year or a month: days off and working Saturdays"
    )
    view.add_argument("year", type=_common.year)
    view.add_argument("month", nargs="?", type=int, choices=range(1, 13), metavar="MONTH")
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
        "--from",
        dest="first_year",
        type=_common.year,
        default=None,
        help="first year (default: 2013)",
    )
    export.add_argument(
        "--to",
        dest="last_year",
        type=_common.year,
        default=None,
        help="last year (default: the last year with an official schedule)",
    )
    export.add_argument(
        "--office-hours",
        default=_OFFICE_HOURS,
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
        _json_flag(p)


def _add_cost_parser(sub: Any) -> None:
    """The ``tthc cost`` subcommand's arguments."""
    cost = _with_epilog(
        sub,
        "cost",
        "compliance cost saved by simplification plans (chi phí tuân thủ, Circular 02/2017)",
        _COST_EPILOG,
    )
    cost.add_argument(
        "plans", help="a review as JSON (tthc.io.plans.load_portfolio) or a CSV sheet of plans"
    )
    cost.add_argument("--csv", action="store_true", help="read a CSV sheet whatever the name")
    cost.add_argument("--name", help="the review's name (default: the file name for a sheet)")
    cost.add_argument(
        "--wage",
        type=_common.amount,
        metavar="VND",
        help="income per month (per year with --wage-per year); required for a sheet, "
        "replaces a JSON review's",
    )
    cost.add_argument("--wage-per", choices=["month", "year"], default="month")
    cost.add_argument("--wage-year", type=_common.year, help="the year of the income figure")
    cost.add_argument("--wage-source", help="where the income figure comes from")
    cost.add_argument("--wage-certainty", choices=["confirmed", "uncertain", "example"])
    cost.add_argument(
        "--days-per-month",
        type=_common.amount,
        help="working days a month (default 22, uncertain)",
    )
    cost.add_argument(
        "--hours-per-day", type=_common.amount, help="working hours a day (default 8, uncertain)"
    )
    cost.add_argument(
        "--reviewed", type=int, help="procedures reviewed in all (default: the number of plans)"
    )
    cost.add_argument(
        "--target",
        type=_common.amount,
        metavar="PERCENT",
        help="check a target: cut at least PERCENT %%",
    )
    cost.add_argument(
        "--unit",
        choices=["VND", "million VND", "billion VND"],
        default="VND",
        help="annual figures in",
    )
    cost.add_argument("--explain", action="store_true", help="list every saving")
    _json_flag(cost)


def _add_report_parser(sub: Any) -> None:
    """The ``tthc report`` subcommand's arguments."""
    rep = _with_epilog(
        sub,
        "report",
        "on-time report (Decision 766, indicator 2.1) from a dossier table: tables, charts, HTML",
        _REPORT_EPILOG,
    )
    rep.add_argument(
        "dossiers",
        help="the dossier table, .csv or .parquet (see tthc.analytics.frames.DOSSIER_COLUMNS)",
    )
    rep.add_argument(
        "--as-of",
        type=_common.as_of,
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
        choices=["month", "agency", "procedure", "province", "commune"],
        help="tables to print (repeat; default: all); province and commune are the units of "
        "today, rolled up from --unit-column on each dossier's day of receipt",
    )
    rep.add_argument(
        "--unit-column",
        default="province",
        help="the column of unit codes (province or commune, old or new) for --by province "
        "or commune (default: %(default)s)",
    )
    rep.add_argument(
        "--units",
        metavar="FILE",
        help="more units (tthc.units/1 JSON, e.g. communes) on top of the shipped provinces",
    )
    rep.add_argument("--max-rows", type=int, help="print at most this many groups per table")
    for flag, default, what in (
        ("--agency-column", "agency", "agency column"),
        ("--procedure-column", "procedure_code", "procedure code column"),
        ("--channel-column", "channel", "channel code column"),
    ):
        rep.add_argument(
            flag,
            type=_common.optional_column,
            default=default,
            help=f"{what}, or 'none' (default: %(default)s)",
        )
    rep.add_argument(
        "--column",
        action="append",
        type=_common.role_column,
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
    _json_flag(rep)


def _add_unit_parser(sub: Any) -> None:
    """The ``tthc unit`` subcommand's actions and their arguments."""
    unit = _with_epilog(
        sub,
        "unit",
        "administrative units (đơn vị hành chính) and their succession across 1/7/2025",
        _UNIT_EPILOG,
    )
    actions = unit.add_subparsers(dest="action", required=True)
    show = actions.add_parser("show", help="every unit that has had a code, or the one of a day")
    show.add_argument("code", help="the unit's code (2 digits for a province, 5 for a commune)")
    show.add_argument(
        "--on", type=_common.date, help="the day the code was used (dd/mm/yyyy or yyyy-mm-dd)"
    )
    succession = actions.add_parser("succession", help="which unit became which, and by what act")
    succession.add_argument(
        "--level",
        choices=["province", "district", "commune"],
        default="province",
        help="the level of the units that ended (default: %(default)s)",
    )
    for p in (show, succession):
        p.add_argument(
            "--units", metavar="FILE", help="more units (tthc.units/1 JSON, e.g. communes)"
        )
        _json_flag(p)


def _add_schema_parser(sub: Any) -> None:
    """The ``tthc schema`` subcommand's arguments."""
    schema = _with_epilog(sub, "schema", "the JSON Schema (draft 2020-12) of a tthc file format")
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tthc",
        description="Vietnamese administrative procedures: working days on the official calendar.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_deadline_parser(sub)
    _add_calendar_parser(sub)
    _add_cost_parser(sub)
    _add_report_parser(sub)
    _add_schema_parser(sub)
    _add_unit_parser(sub)
    return parser


def _run(args: argparse.Namespace) -> _common.Output:
    """Import the subcommand's module (``tthc.cli.<command>``) and run it."""
    module = importlib.import_module(f"tthc.cli.{args.command}")
    run: Callable[[argparse.Namespace], _common.Output] = module.run
    return run(args)


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
            print(_common.terminal_lines(f"tthc: {exc}"), file=sys.stderr)
            return EXIT_CALENDAR
        except TthcError as exc:
            print(_common.terminal_lines(f"tthc: {exc}"), file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:  # a file that cannot be read or written (a missing folder)
            where = "" if exc.filename is None else f"{exc.filename}: "
            print(_common.terminal_lines(f"tthc: {where}{exc.strerror or exc}"), file=sys.stderr)
            return EXIT_USAGE
    notes = sorted({str(w.message) for w in caught})
    _common.emit(data, text, notes, as_json=args.json)
    return EXIT_OK
