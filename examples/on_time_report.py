"""An on-time report (Decision 766, indicator 2.1) from a synthetic year of dossiers.

Run: python examples/on_time_report.py                 (writes the report to a temporary folder)
     python examples/on_time_report.py --out report/   (keeps it: charts, report.html)
     python examples/on_time_report.py --docs-assets   (the PNG charts of the tutorial, into
                                                        docs/assets/)

Needs numpy, pandas and matplotlib: pip install 'tthc[pandas,charts]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import tthc
from tthc.analytics import report
from tthc.analytics.synthetic import DEFAULT_MIX, synthetic_dossiers
from tthc.procedures import Procedure, ProcedureCase
from tthc.procedures.service_levels import OnlineServiceLevel

# The end of 2023 (24:00 on 31 December, Vietnam time): the reporting instant.
END_OF_2023 = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
DOCS_ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets"


def catalogue() -> list[Procedure]:
    """The synthetic procedures as a catalogue, with illustrative online levels (not real)."""
    levels = {
        "9.000001": None,  # certification of copies: at the desk
        "9.000002": OnlineServiceLevel.FULL,
        "9.000003": OnlineServiceLevel.FULL,
        "9.000004": OnlineServiceLevel.FULL,
        "9.000005": OnlineServiceLevel.PARTIAL,
        "9.000006": OnlineServiceLevel.PARTIAL,
        "9.000007": OnlineServiceLevel.PARTIAL,
        "9.000008": OnlineServiceLevel.FULL,
    }
    return [
        Procedure(
            code=p.code,
            name=f"{p.sector} (ví dụ)",
            cases=[ProcedureCase()],
            online_level=levels[p.code],
            eligible_for_full_online=p.code != "9.000001",
        )
        for p in DEFAULT_MIX
    ]


def main() -> None:
    """Build the report, print it, and write its files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, help="folder for the charts and report.html")
    parser.add_argument(
        "--docs-assets", action="store_true", help="write the tutorial's PNG charts"
    )
    args = parser.parse_args()
    dossiers = synthetic_dossiers(100_000, seed=2023, year=2023)
    result = report(
        dossiers,
        as_of=END_OF_2023,
        catalogue=catalogue(),
        progress=lambda line: print(f"… {line}", file=sys.stderr),
    )
    print(result.to_text(tables=["month", "agency"]))
    if args.docs_assets:
        written = result.save(DOCS_ASSETS, formats=["png"], html=False)
    elif args.out is not None:
        written = result.save(args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            written = result.save(folder)
            sizes = {p.name: p.stat().st_size for p in written}
        print(f"\n{len(written)} files written (then removed): {sorted(sizes)}")
        return
    print("\n" + "\n".join(f"written: {p}" for p in written))


if __name__ == "__main__":
    main()
