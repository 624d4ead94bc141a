"""``tthc sample``: sample files to run the tutorials' commands on, without writing Python.

Writes into a folder (``tthc-sample`` by default):

* ``dossiers-2023.csv``: a synthetic year of dossiers
  ([`synthetic_dossiers`][tthc.analytics.synthetic.synthetic_dossiers], seed 2023; needs pandas),
  for ``tthc report``;
* ``procedures.json``: a catalogue of the eight synthetic procedures (codes ``9.00000x``, which
  belong to no real procedure) with illustrative online levels, for ``tthc report --catalogue``;
* ``review.json`` and ``review.csv``: the worked simplification review of the how-to
  (example figures, not real ones), for ``tthc cost``.

Every figure in them is made up to show the method; none is an official figure.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from tthc.cli._messages import UsageError, say
from tthc.errors import MissingExtraError
from tthc.io import dump_procedures
from tthc.procedures import Procedure, ProcedureCase
from tthc.procedures.service_levels import OnlineServiceLevel

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output
    from tthc.cli._messages import Lang

__all__ = ["run"]

# Illustrative online levels of the eight synthetic procedures (as in the on-time tutorial).
_LEVELS = (
    None,
    OnlineServiceLevel.FULL,
    OnlineServiceLevel.FULL,
    OnlineServiceLevel.FULL,
    OnlineServiceLevel.PARTIAL,
    OnlineServiceLevel.PARTIAL,
    OnlineServiceLevel.PARTIAL,
    OnlineServiceLevel.FULL,
)

_FILES = ("dossiers-2023.csv", "procedures.json", "review.json", "review.csv")


def _catalogue() -> list[Procedure]:
    """The synthetic procedures as a catalogue, with example levels."""
    return [
        Procedure(
            code=f"9.00000{k + 1}",
            name=f"Thủ tục {k + 1} (ví dụ)",
            cases=[ProcedureCase()],
            online_level=level,
            eligible_for_full_online=k > 0,
        )
        for k, level in enumerate(_LEVELS)
    ]


def _dossiers(path: Path, rows: int) -> bool:
    """Write the synthetic dossiers; ``False`` when pandas (the ``tthc[pandas]`` extra) is missing."""
    try:
        from tthc.analytics.synthetic import synthetic_dossiers  # noqa: PLC0415 - needs pandas
    except (ModuleNotFoundError, MissingExtraError):
        return False
    synthetic_dossiers(rows, seed=2023, year=2023).to_csv(path, index=False)
    return True


def run(args: argparse.Namespace) -> Output:
    """Write the sample files; say what was written and what to try."""
    lang: Lang = args.lang
    folder = Path(args.folder)
    if not folder.parent.is_dir():
        raise UsageError(say(lang, "no_folder", folder=str(folder.parent)))
    if args.rows < 1:
        raise UsageError(say(lang, "rows_expected", value=args.rows))
    paths = [folder / name for name in _FILES]
    if not args.force:
        for path in paths:
            if path.exists():
                raise UsageError(say(lang, "file_exists", path=str(path)))
    folder.mkdir(exist_ok=True)
    dossiers, procedures, review_json, review_csv = paths
    dump_procedures(_catalogue(), procedures)
    shipped = resources.files("tthc.cli") / "samples"
    for path in (review_json, review_csv):
        path.write_bytes((shipped / path.name).read_bytes())
    if not _dossiers(dossiers, args.rows):
        paths.remove(dossiers)
    tries = [
        (
            f"tthc report {dossiers} --as-of 31/12/2023 --catalogue {procedures} "
            f"-o {folder / 'report-2023'}"
        ),
        f"tthc cost {review_json} --target 20 --explain",
        (
            f"tthc cost {review_csv} --wage 5280000 --wage-year 2024 "
            '--wage-source "giá trị ví dụ" --wage-certainty example --reviewed 4'
        ),
    ]
    if dossiers not in paths:
        tries = tries[1:]
    lines = [
        say(lang, "sample_written", folder=str(folder)),
        *(f"  {p.name}" for p in paths),
    ]
    if dossiers not in paths:
        lines.append(say(lang, "sample_needs_pandas", name=dossiers.name))
    lines += ["", say(lang, "sample_next"), *(f"  {t}" for t in tries)]
    text = "\n".join(lines)
    data = {"folder": str(folder), "files": [str(p) for p in paths], "rows": args.rows}
    return data, text
