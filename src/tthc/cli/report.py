"""``tthc report``: the on-time report (Decision 766/QĐ-TTg, indicator 2.1) from a dossier table.

Tables as text or JSON, charts and a self-contained HTML page with ``-o``. Loads the analytics
room (numpy, pandas, matplotlib) when it runs, and only then.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from tthc.agencies import RollUp, load_units, province_registry
from tthc.analytics.reporting import report
from tthc.io import load_procedures

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from tthc.cli._common import Output

__all__ = ["run"]


def run(args: argparse.Namespace) -> Output:
    """Build the report: (JSON-able report, the tables as text); charts and HTML with -o."""
    started = time.perf_counter()

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.2f} s] {message}", file=sys.stderr)

    levels = [k for k in ("province", "commune") if args.by and k in args.by]
    units = None
    if levels:
        registry = province_registry()
        if args.units is not None:
            progress(f"reading {args.units}")
            registry = load_units(args.units, base=registry)
        units = RollUp(registry=registry, column=args.unit_column)
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
        units=units,
        unit_levels=levels or ("province",),
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
