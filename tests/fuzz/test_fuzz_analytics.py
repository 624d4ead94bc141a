"""Fuzz targets: dossier tables read from CSV files, classified, counted and reported (issue 17).

Rule under test: a CSV of dossiers with any cells (codes or text, instants in any form or none,
names with control characters or matplotlib math, repeated columns, ragged rows) gives a
classification, a count frame and a report, or a ``TthcError``; never a bare ``KeyError``,
``ValueError`` or ``AttributeError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from typing import TYPE_CHECKING

import pytest
from fuzzing import fuzz, hostile_texts, outcome
from hypothesis import given
from hypothesis import strategies as st

from tthc.deadlines import VN_TZ
from tthc.errors import ProvisionalCalendarWarning, TthcError

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pandas")

from tthc.analytics.frames import classify_timeliness
from tthc.analytics.reports import report, timeliness_count_frame

AS_OF = dt.datetime(2023, 12, 31, tzinfo=VN_TZ)
COLUMNS = ["status", "received_at", "due_at", "finished_at", "agency", "procedure_code", "channel"]
_INSTANTS = st.sampled_from(
    [
        "20230301080000",
        "20230303170000",
        "2023-03-01T08:00:00+07:00",
        "2023-03-01T01:00:00Z",
        "2023-03-01T08:00:00",
        "99991231235959",
        "00000000000000",
        "2023-02-30T08:00:00+07:00",
        "",
    ]
)
_CELLS = {
    "status": st.sampled_from(["9", "4", "1", "10", "11", "0", "-1", "9.0", "", "x"]),
    "received_at": _INSTANTS,
    "due_at": _INSTANTS,
    "finished_at": _INSTANTS,
    "agency": st.sampled_from(["Sở A", "$x^2$", "$\\bad{$", "A\nB", ""]),
    "procedure_code": st.sampled_from(["1.000001", "1.000010", ""]),
    "channel": st.sampled_from(["1", "2", "3", "Trực tuyến", "DVC", "qua Zalo", ""]),
}


@st.composite
def _tables(draw: st.DrawFn) -> str:
    header = draw(st.permutations(COLUMNS).map(list))
    if draw(st.booleans()):  # a repeated or a stray column now and then
        header.append(draw(st.sampled_from([*COLUMNS, "extra"])))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [
            draw(_CELLS.get(name, hostile_texts(8)) | hostile_texts(10))
            if draw(st.integers(0, 9)) == 0
            else draw(_CELLS.get(name, hostile_texts(8)))
            for name in header
        ]
        if draw(st.integers(0, 9)) == 0:  # a ragged row
            row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def _run(call: object) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return outcome(call)  # type: ignore[arg-type]


class TestCsvTables:
    """A CSV file of dossiers with hostile cells."""

    @fuzz(scale=1)
    @given(_tables(), st.sampled_from(["raise", "mark"]), st.sampled_from([None, "UTC"]))
    def test_classify(
        self, tmp_path_factory: pytest.TempPathFactory, text: str, invalid: str, tz: str | None
    ) -> None:
        """classify_timeliness on the file."""
        path: Path = tmp_path_factory.getbasetemp() / "dossiers.csv"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = _run(lambda: classify_timeliness(path, as_of=AS_OF, invalid=invalid, tz=tz))
        assert result is not None

    @fuzz(scale=1)
    @given(_tables())
    def test_count_and_report(self, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
        """timeliness_count_frame by agency, and the report's text."""
        path: Path = tmp_path_factory.getbasetemp() / "dossiers.csv"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        counts = _run(lambda: timeliness_count_frame(path, by="agency", as_of=AS_OF))
        assert counts is not None
        result = _run(lambda: report(path, as_of=AS_OF))
        if not isinstance(result, TthcError):
            assert "\x1b" not in result.to_text()  # type: ignore[attr-defined]
