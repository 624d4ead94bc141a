"""``tthc report``: the on-time report (Decision 766/QĐ-TTg, indicator 2.1) from a dossier table.

Tables as text or JSON, charts and a self-contained HTML page with ``-o``. Loads the analytics
room (numpy, pandas, matplotlib) when it runs, and only then.

A table whose invalid rows exceed ``--max-invalid`` (1 % by default) makes the command fail
(exit code 2) after printing the report: a report of N/A rates from a file whose timestamps
were not read is not a report. The message says which instant layouts are read and how to pass
``--tz``, ``--time-format`` and ``--column``.
"""

from __future__ import annotations

import re
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tthc._numbers import number, percent
from tthc.agencies import RollUp, load_units, province_registry
from tthc.analytics.reporting import report
from tthc.cli._common import write_target
from tthc.cli._messages import OutputThenFail, UsageError, say
from tthc.errors import InvalidValueError
from tthc.io import load_procedures

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from tthc.analytics.reporting import Report
    from tthc.cli._common import Output
    from tthc.cli._messages import Lang

__all__ = ["run"]


def run(args: argparse.Namespace) -> Output:
    """Build the report: (JSON-able report, the tables as text); charts and HTML with -o."""
    started = time.perf_counter()
    lang: Lang = args.lang

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.2f} s] {message}", file=sys.stderr)

    if args.output_dir is not None:
        # The folder is created, but not a whole missing path (a typo would go unnoticed).
        write_target(Path(args.output_dir), lang)
    levels = [k for k in ("province", "commune") if args.by and k in args.by]
    units = None
    if levels:
        registry = province_registry()
        if args.units is not None:
            progress(say(lang, "progress_reading", path=args.units))
            registry = load_units(args.units, base=registry)
        units = RollUp(registry=registry, column=args.unit_column)
    catalogue = None
    if args.catalogue is not None:
        progress(say(lang, "progress_reading", path=args.catalogue))
        catalogue = load_procedures(args.catalogue)
    try:
        result = _report(args, catalogue, progress, units, levels)
    except InvalidValueError as exc:
        raise _in_user_terms(exc, lang) from None
    written: list[Path] = []
    if args.output_dir is not None:
        formats = {"both": ("png", "svg"), "none": ()}.get(args.format, (args.format,))
        written = result.save(
            args.output_dir, formats=formats, html=not args.no_html, progress=progress
        )
    progress(say(lang, "progress_done"))
    data = result.to_dict()
    data["files"] = [str(p) for p in written]
    text = result.to_text(max_rows=args.max_rows, tables=args.by)
    if written:
        text += "\n\n" + "\n".join(f"{say(lang, 'written')}: {p}" for p in written)
    invalid, rows = result.invalid.count, result.rows
    limit: Decimal = args.max_invalid
    if rows and Decimal(invalid) * 100 > limit * rows:
        share = percent(Decimal(invalid) * 100 / rows, lang)
        message = say(
            lang,
            "too_many_invalid",
            invalid=number(invalid, lang),
            rows=number(rows, lang),
            share=share,
            limit=percent(limit, lang, places=_places(limit)),
        )
        raise OutputThenFail(data, text, f"{message}\n{say(lang, 'invalid_help')}")
    return data, text


def _report(
    args: argparse.Namespace,
    catalogue: Any,
    progress: Callable[[str], None],
    units: RollUp | None,
    levels: list[str],
) -> Report:
    """The report of ``args.dossiers``, as the options say."""
    return report(
        args.dossiers,
        as_of=args.as_of,
        catalogue=catalogue,
        agency=args.agency_column,
        procedure=args.procedure_column,
        channel=args.channel_column,
        granularity=args.granularity,
        tz=args.tz,
        columns=dict(args.column) if args.column else None,
        time_format=args.time_format,
        levels=args.levels,
        language=args.lang,
        title=args.title,
        progress=progress,
        steps=args.steps,
        units=units,
        unit_levels=tuple(levels) or ("province",),
    )


# The column named in the errors of the dossier-table readers ("... for column 'received_at'").
_COLUMN = re.compile(r"column '([^']*)'")
_ROWS = re.compile(r"at rows (\[[0-9, ]*\])")


def _in_user_terms(exc: InvalidValueError, lang: Lang) -> Exception:
    """The readers' errors about instants, said with the command's options (--tz, --time-format)."""
    column = _COLUMN.search(exc.field)
    if column is None:
        return exc
    if exc.field.startswith("classify_timeliness(tz)") and exc.value is None:
        return UsageError(say(lang, "naive_needs_tz", column=column[1]))
    rows = _ROWS.search(exc.field)
    if "day first" in exc.expected and rows is not None:
        return UsageError(
            say(lang, "month_first", column=column[1], value=exc.value, rows=rows[1])
        )
    return exc


def _places(value: Decimal) -> int:
    """Decimals of a value as given (a limit of 1 is written 1 %, not 1,00 %)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
