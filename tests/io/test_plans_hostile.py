"""Plans in CSV under hostile input (issue 17).

Rules under test: a row cut short (fewer cells than the header) is refused by row, not read with
its last values blank (it lost its cost and measure); a header of thousands of stray columns
gives a bounded list of problems (a 2 MB header made a 443 MB message); a cell that a
spreadsheet would run as a formula is written with a leading apostrophe (OWASP) and read back
to the same text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc.errors import LoadError
from tthc.io.plans import dump_plans_csv, load_plans_csv

SHEET = (
    Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "worked_example.csv"
).read_text(encoding="utf-8")


def _problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_plans_csv(text)
    return info.value.problems


class TestTruncatedRow:
    """A row with fewer cells than the header is refused, by row."""

    def test_cut_short_row(self) -> None:
        """The row of the removed copy, cut after its task cells, is one problem at row 5."""
        lines = SHEET.splitlines()
        assert lines[4].endswith(
            ",reuse_data,Khai thác Cơ sở dữ liệu quốc gia về dân cư thay cho bản sao sổ hộ khẩu,remove,,,"
        )
        cut = ",".join(lines[4].split(",")[:8])
        problems = _problems("\n".join([*lines[:4], cut, *lines[5:]]) + "\n")
        assert problems == [
            "row 5: expected 18 cells (the header's), got 8: a row cut short (write empty cells as ,,)"
        ]

    def test_full_rows_still_load(self) -> None:
        """The sheet itself, every row whole, loads."""
        assert [plan.code for plan in load_plans_csv(SHEET)] == [
            "1.000000",
            "1.000001",
            "1.000002",
        ]


class TestHeader:
    """Stray columns give a bounded number of problems."""

    def test_many_unknown_columns(self) -> None:
        """300,000 unknown columns (2.3 MB): ten problem lines and one that counts the rest."""
        header = SHEET.splitlines()[0] + "," + ",".join(f"c{i}" for i in range(300_000))
        problems = _problems(header + "\n")
        assert len(problems) == 11
        assert problems[0].startswith("row 1: unknown column 'c0' (the columns are code, item,")
        assert problems[-1] == "row 1: 299,990 more columns unknown or repeated"
        assert len("\n".join(problems)) < 10_000

    def test_repeated_columns(self) -> None:
        """Repeated columns count among the same ten."""
        header = SHEET.splitlines()[0] + ",name" * 50
        problems = _problems(header + "\n")
        assert problems[0] == "row 1: column 'name' appears twice"
        assert problems[-1] == "row 1: 40 more columns unknown or repeated"


class TestFormulaCells:
    """Names that start like a formula are neutralised on writing and read back as they were."""

    @pytest.mark.parametrize(
        ("cell", "written"),
        [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+HYPERLINK(1)", "'+HYPERLINK(1)"),
            ("-HYPERLINK(1)", "'-HYPERLINK(1)"),
            ("@HYPERLINK(1)", "'@HYPERLINK(1)"),
            # A sheet's own apostrophe before a formula is taken off when read, and put back.
            ("'=HYPERLINK(1)", "'=HYPERLINK(1)"),
            # Two apostrophes are the text "'=...", written with one more.
            ("''=HYPERLINK(1)", "''=HYPERLINK(1)"),
        ],
    )
    def test_round_trip(self, cell: str, written: str) -> None:
        """A task named like a formula is written with an apostrophe and reads back the same."""
        plans = load_plans_csv(SHEET.replace("Tìm hiểu thủ tục", cell))
        text = dump_plans_csv(plans)
        assert f",{written}," in text
        assert load_plans_csv(text) == plans

    def test_numbers_are_written_as_they_are(self) -> None:
        """Hours, amounts and counts keep their text: no apostrophe before a number."""
        assert "'" not in dump_plans_csv(load_plans_csv(SHEET))
