"""The guards on text that leaves the library where it could act (issue 17).

Rules under test: a CSV cell is never a spreadsheet formula (OWASP "CSV Injection": a cell
starting with =, +, -, @, tab or carriage return gets a leading apostrophe), numbers are left as
they are, and the reader gives back exactly the text written; text printed on a terminal has no
control or format character left (no escape sequence, no new line that fakes a row).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc._files import csv_cell, csv_cell_read, terminal_text

_STARTS = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "''", "'=", "''+", "-5", " "])


class TestCsvCell:
    """csv_cell and csv_cell_read."""

    @pytest.mark.parametrize(
        ("text", "cell"),
        [
            ("=1+1", "'=1+1"),
            ("+1 (đường dây nóng)", "'+1 (đường dây nóng)"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("-5", "-5"),
            ("+0,5", "+0,5"),
            ("-1.5e3", "-1.5e3"),
            ("Tết Nguyên Đán", "Tết Nguyên Đán"),
            ("a=b", "a=b"),
            ("", ""),
        ],
        ids=repr,
    )
    def test_cells(self, text: str, cell: str) -> None:
        """Formula starts get an apostrophe; numbers and other text are unchanged."""
        assert csv_cell(text) == cell

    @given(st.tuples(_STARTS, st.text(max_size=20)).map("".join))
    def test_read_gives_back_the_text(self, text: str) -> None:
        """csv_cell_read(csv_cell(t)) == t, and the cell never starts like a formula."""
        cell = csv_cell(text)
        assert csv_cell_read(cell) == text
        if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
            assert cell.lstrip("+-")[:1].isdigit()


class TestTerminalText:
    """terminal_text."""

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("Sở A\n  tổng 1000", "Sở A\\n  tổng 1000"),
            ("\x1b[2J\x1b[31mđỏ", "\\x1b[2J\\x1b[31mđỏ"),
            ("a\rb", "a\\rb"),
            ("\u202eevil", "\\u202eevil"),
            ("x\u2028y", "x\\u2028y"),
            ("\ud800", "\\ud800"),
            ("Tết Nguyên Đán 2026", "Tết Nguyên Đán 2026"),
        ],
        ids=repr,
    )
    def test_examples(self, text: str, shown: str) -> None:
        """Controls, separators, bidi overrides and lone surrogates are escaped; the rest stays."""
        assert terminal_text(text) == shown

    @given(st.text())
    def test_nothing_active_is_left(self, text: str) -> None:
        """No control, format or separator character, nor a lone surrogate, is left."""
        shown = terminal_text(text)
        assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for c in shown)
        shown.encode("utf-8")
