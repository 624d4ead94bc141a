"""The ``tthc`` command: the argument parser, and dispatch to one module per subcommand.

Dates are accepted as ISO (``2025-12-31``) or the Vietnamese ``dd/mm/yyyy`` (``31/12/2025``);
receipt times as ``"dd/mm/yyyy HH:MM"`` or ISO, in Vietnam time (UTC+7) unless an offset is given.
Every subcommand takes ``--json`` for scripts and ``--lang vi|en`` for people (Vietnamese by
default: one language per output, numbers written the Vietnamese way). Exit codes: 0 success,
2 bad input (a message on standard error, in the user's terms, naming the fix), 3 a question the
calendar cannot answer (outside its years).

The parser knows every subcommand, but a subcommand's module (``tthc.cli.deadline``,
``tthc.cli.calendar``, ``tthc.cli.cost``, ``tthc.cli.report``, ``tthc.cli.schema``,
``tthc.cli.unit``) and the rooms
it needs are imported only when that subcommand runs: ``tthc deadline`` does not load the report,
cost, SQL or file-format modules.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from tthc.cli import _common
from tthc.cli._messages import LANGUAGES, Lang, OutputThenFail, UsageError, say
from tthc.errors import (
    CalendarError,
    InvalidValueError,
    OutOfCalendarRangeError,
    ProvisionalCalendarWarning,
    TthcError,
)

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
  tthc sample                           sample files to try tthc report and tthc cost on
  tthc deadline "09/01/2026 16:30" "5 ngày làm việc" --lang en     the answer in English
"""

_COST_EPILOG = """examples:
  tthc sample && tthc cost tthc-sample/review.json --target 20 --explain
  tthc cost review.json --target 20                  a review saved with dump_portfolio
  tthc cost review.json --unit "billion VND" --explain
  tthc cost sheet.csv --wage 5280000 --wage-year 2024 --wage-source "..." --wage-certainty confirmed --reviewed 706
"""

_REPORT_EPILOG = """examples:
  tthc sample && tthc report tthc-sample/dossiers-2023.csv --as-of 31/12/2023
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
_SCHEMA_FORMATS = ("procedures", "dossiers", "plans", "portfolio", "processes")

_OFFICE_HOURS = "08:00-12:00,13:00-17:00"


def _terminal_columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` reads it.

    ``COLUMNS``, else the terminal, else 80; without importing shutil (and with it bz2, lzma
    and zlib).
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help kept as written, as wide as the terminal.

    argparse makes a formatter for every argument it adds (to check its metavar), and the stock
    one asks shutil for the terminal's width each time: shutil would load with every command.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors speak the user's language (``--lang``)."""

    lang: Lang = "vi"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Print the problem and where to read the help, then exit with code 2."""
        if self.lang == "vi":
            message = message.replace("argument ", f"{say('vi', 'argument')} ", 1)
        self.print_usage(sys.stderr)
        hint = say(self.lang, "see_help", prog=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n{hint}\n")


def _common_flags(parser: argparse.ArgumentParser, *, json: bool = True) -> None:
    """``--lang`` (every command) and ``--json`` (where there is a result for scripts)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="vi",
        help="the language of the text, the numbers and the messages: vi (default) or en",
    )
    if json:
        parser.add_argument(
            "--json",
            action="store_true",
            help="print JSON for scripts (ISO dates, plain numbers) instead of text",
        )
    else:
        parser.set_defaults(json=False)


def _with_epilog(sub: Any, name: str, help_: str, epilog: str = _EPILOG, **kw: Any) -> Any:
    """A subcommand parser with examples after its help, kept as written."""
    return sub.add_parser(
        name,
        help=help_,
        description=kw.pop("description", help_),
        epilog=epilog,
        formatter_class=_Formatter,
        **kw,
    )


def _add_deadline_parser(sub: Any, read: _common.Readers) -> None:
    """The ``tthc deadline`` subcommand's arguments."""
    deadline = _with_epilog(
        sub, "deadline", "the appointment date (ngày hẹn trả kết quả) for a receipt"
    )
    deadline.add_argument(
        "received",
        type=read.day_or_instant,
        help="when the dossier was received: 'dd/mm/yyyy HH:MM' (seconds allowed), or ISO "
        "'2026-01-09T16:30'; Vietnam time unless an offset is given; a date alone "
        "('12/01/2026') with --policy civil-code, which does not count the receipt day",
    )
    deadline.add_argument(
        "duration",
        help="the processing time as published: '5 ngày làm việc' (working days), '30 ngày' "
        "(calendar days), '4 giờ làm việc', '3 tháng', '0,5 ngày làm việc', 'trong ngày'",
    )
    deadline.add_argument(
        "--policy",
        choices=["working-time", "civil-code"],
        default="working-time",
        help="working-time (default): office time from the receipt, as one-stop systems count; "
        "civil-code: whole days from the day after the receipt, ending at 24:00 of the last "
        "day (Civil Code 2015 Arts. 147-148)",
    )
    deadline.add_argument(
        "--office-hours",
        default=_OFFICE_HOURS,
        help="the agency's office hours, periods separated by commas (default: %(default)s)",
    )
    deadline.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="MINUTES",
        help="round the due time up to a multiple of MINUTES, a divisor of 60 (e.g. 15)",
    )
    _common_flags(deadline)


def _add_calendar_parser(sub: Any, read: _common.Readers) -> None:
    """The ``tthc calendar`` subcommand's actions and their arguments."""
    cal = _with_epilog(sub, "calendar", "working days on the public-sector calendar")
    cal_sub = cal.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = cal_sub.add_parser(
        "add",
        help="move N working days from a date",
        description="The N-th working day after DATE (DATE itself never counts); N <= -1 "
        "moves back; N = 0 gives DATE if it is a working day, else the next one.",
    )
    add.add_argument("date", type=read.date, help="start date, dd/mm/yyyy or yyyy-mm-dd")
    add.add_argument("n", type=int, help="working days to move; negative moves back")
    between = cal_sub.add_parser(
        "between",
        help="signed count of working days from START to END",
        description="The working days after START up to and including END: the start day "
        "is not counted, the end day is. When END is before START the count is negative "
        "(minus the working days from END up to, not including, START).",
    )
    between.add_argument(
        "start", type=read.date, help="first date, dd/mm/yyyy or yyyy-mm-dd (not counted)"
    )
    between.add_argument(
        "end", type=read.date, help="last date, dd/mm/yyyy or yyyy-mm-dd (counted)"
    )
    year = cal_sub.add_parser(
        "year", help="a year's days off and working weekend days, with their sources"
    )
    year.add_argument("year", type=read.year, help="the year, e.g. 2026")
    view = cal_sub.add_parser(
        "view", help="an ISO-week calendar of a year or a month: days off and working Saturdays"
    )
    view.add_argument("year", type=read.year, help="the year, e.g. 2026")
    view.add_argument(
        "month",
        nargs="?",
        type=int,
        choices=range(1, 13),
        metavar="MONTH",
        help="a month, 1-12 (default: the whole year)",
    )
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
        type=read.year,
        default=None,
        help="first year (default: 2013)",
    )
    export.add_argument(
        "--to",
        dest="last_year",
        type=read.year,
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
    _common_flags(export, json=False)
    for p in (add, between, year, view):
        _common_flags(p)


def _add_cost_parser(sub: Any, read: _common.Readers) -> None:
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
        type=read.amount,
        metavar="VND",
        help="income per month (per year with --wage-per year); required for a sheet, "
        "replaces a JSON review's",
    )
    cost.add_argument(
        "--wage-per",
        choices=["month", "year"],
        default="month",
        help="whether --wage is per month (default) or per year",
    )
    cost.add_argument("--wage-year", type=read.year, help="the year of the income figure")
    cost.add_argument("--wage-source", help="where the income figure comes from")
    cost.add_argument(
        "--wage-certainty",
        choices=["confirmed", "uncertain", "example"],
        help="confirmed (read in the published source), uncertain (an estimate) or example",
    )
    cost.add_argument(
        "--days-per-month",
        type=read.amount,
        help="working days a month (default 22, uncertain)",
    )
    cost.add_argument(
        "--hours-per-day", type=read.amount, help="working hours a day (default 8, uncertain)"
    )
    cost.add_argument(
        "--reviewed", type=int, help="procedures reviewed in all (default: the number of plans)"
    )
    cost.add_argument(
        "--target",
        type=read.amount,
        metavar="PERCENT",
        help="check a target: cut at least PERCENT %%",
    )
    cost.add_argument(
        "--unit",
        choices=["VND", "million VND", "billion VND"],
        default="VND",
        help="annual figures in đồng, millions or billions (default: %(default)s)",
    )
    cost.add_argument("--explain", action="store_true", help="list every saving")
    _common_flags(cost)


def _add_report_parser(sub: Any, read: _common.Readers) -> None:
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
        type=read.as_of,
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
        "-o",
        "--output-dir",
        help="write the charts and report.html (self-contained) into this folder, which is "
        "created if missing (its parent must exist)",
    )
    rep.add_argument(
        "--format",
        choices=["png", "svg", "both", "none"],
        default="both",
        help="chart files written with -o (default: %(default)s)",
    )
    rep.add_argument("--no-html", action="store_true", help="do not write report.html")
    rep.add_argument(
        "--steps",
        help="a step table, .csv or .parquet (see tthc.analytics.steps.STEP_COLUMNS): adds "
        "the section 'where the time goes'",
    )
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
        type=read.role_column,
        metavar="ROLE=COLUMN",
        help="a dossier column under another name, e.g. status=TrangThaiHoSo (repeat)",
    )
    rep.add_argument(
        "--tz",
        choices=["UTC", "Asia/Ho_Chi_Minh"],
        help="what instants without an offset mean (never guessed)",
    )
    rep.add_argument(
        "--time-format",
        metavar="FORMAT",
        help="the layout of instants written as text, as a strftime pattern such as "
        "'%%d-%%m-%%Y %%H:%%M' (default: ISO 8601, 'dd/mm/yyyy HH:MM[:SS]' day first, "
        "or yyyyMMddHHmmss)",
    )
    rep.add_argument(
        "--granularity",
        choices=["date", "instant"],
        default="date",
        help="compare the end with the due date by day or by instant (default: %(default)s)",
    )
    rep.add_argument(
        "--max-invalid",
        type=read.percent,
        default=Decimal(1),
        metavar="PERCENT",
        help="fail (exit code 2) when more than PERCENT %% of the rows are invalid, after "
        "printing the report and the reasons (default: %(default)s; 100 never fails)",
    )
    rep.add_argument("--title", help="the report's title")
    rep.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    _common_flags(rep)


def _add_unit_parser(sub: Any, read: _common.Readers) -> None:
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
        "--on", type=read.date, help="the day the code was used (dd/mm/yyyy or yyyy-mm-dd)"
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
        _common_flags(p)


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
    _common_flags(schema, json=False)


def _add_sample_parser(sub: Any) -> None:
    """The ``tthc sample`` subcommand's arguments."""
    sample = _with_epilog(
        sub,
        "sample",
        "write sample files (dossiers, a catalogue, a simplification review) to try the "
        "tutorials' commands on",
        "examples:\n  tthc sample\n  tthc sample my-folder --rows 20000\n",
    )
    sample.add_argument(
        "folder",
        nargs="?",
        default="tthc-sample",
        help="the folder to write to, created if missing (default: %(default)s)",
    )
    sample.add_argument(
        "--rows",
        type=int,
        default=2000,
        help="synthetic dossiers of 2023 to write (default: %(default)s; needs pandas)",
    )
    sample.add_argument("--force", action="store_true", help="overwrite files already there")
    _common_flags(sample)


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, looked up only when asked.

    ``importlib.metadata`` costs more to import than the rest of a ``tthc deadline`` command, so
    it is not imported to build the parser (and ``tthc.__version__`` would import the package's
    top level).
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 - argparse's Action interface
        values: object,  # noqa: ARG002
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        import importlib.metadata  # noqa: PLC0415 - only for --version

        version = importlib.metadata.version("tthc")
        sys.stdout.write(f"tthc {version}\n")
        parser.exit()


def _parser(lang: Lang = "vi") -> _Parser:
    parser = _Parser(
        prog="tthc",
        description="Vietnamese administrative procedures: working days on the official calendar.",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    read = _common.Readers(lang)
    _add_deadline_parser(sub, read)
    _add_calendar_parser(sub, read)
    _add_cost_parser(sub, read)
    _add_report_parser(sub, read)
    _add_schema_parser(sub)
    _add_sample_parser(sub)
    _add_unit_parser(sub, read)
    _Parser.lang = lang
    return parser


def _language(argv: Sequence[str]) -> Lang:
    """``--lang`` read before the rest, so that the readers' messages use it."""
    early = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    early.add_argument("--lang", choices=LANGUAGES, default="vi")
    known, _ = early.parse_known_args(argv)
    return "en" if known.lang == "en" else "vi"


def _run(args: argparse.Namespace) -> _common.Output:
    """Import the subcommand's module (``tthc.cli.<command>``) and run it."""
    module = importlib.import_module(f"tthc.cli.{args.command}")
    run: Callable[[argparse.Namespace], _common.Output] = module.run
    return run(args)


# A field named the way Python code names it: "Duration.parse(text)", "compute_deadline(x)",
# "OfficeHours.start". The command line shows the message without it: the user typed no Python.
_PYTHON_FIELD = re.compile(r"^[\w.]+(\(\w*\))?$")


def _message(exc: TthcError, lang: Lang) -> str:
    """The error's message in the user's terms: without a Python call as its subject."""
    if isinstance(exc, OutOfCalendarRangeError) and lang == "vi":
        return (
            f"ngày {exc.day:%d/%m/%Y} nằm ngoài dữ liệu lịch ({exc.first_year}\N{EN DASH}"
            f"{exc.last_year}): lịch chưa có năm đó"
        )
    if isinstance(exc, InvalidValueError) and _PYTHON_FIELD.match(exc.field):
        return f"expected {exc.expected}, got {exc.value!r}"
    return str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``tthc`` command with ``argv`` (default: the process arguments).

    Returns:
        The exit code: 0 success, 2 bad input, 3 outside the calendar's data.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _language(argv)
    parser = _parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version (0) and usage errors (2)
        return int(exc.code or 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        try:
            data, text = _run(args)
        except TthcError as exc:
            code = EXIT_CALENDAR if isinstance(exc, CalendarError) else EXIT_USAGE
            return _fail(args, _message(exc, lang), code)
        except UsageError as exc:
            return _fail(args, str(exc))
        except OutputThenFail as exc:  # the output is printed, then the command fails
            _common.emit(exc.data, exc.text, [], as_json=args.json, lang=lang)
            return _fail(args, exc.message)
        except OSError as exc:  # a file that cannot be written (or read) where the command did
            where = str(exc.filename) if exc.filename is not None else "?"
            reason = exc.strerror or str(exc)
            return _fail(args, say(lang, "file_problem", path=where, reason=reason))
    notes = sorted({str(w.message) for w in caught})
    _common.emit(data, text, notes, as_json=args.json, lang=lang)
    return EXIT_OK


def _fail(args: argparse.Namespace, message: str, code: int = EXIT_USAGE) -> int:
    """Print ``tthc COMMAND: message`` on standard error; return the exit code."""
    print(_common.terminal_lines(f"tthc {args.command}: {message}"), file=sys.stderr)
    return code
