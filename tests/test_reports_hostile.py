"""The on-time report under hostile data (issue 17).

Rules under test: a CSV's instant, key and channel columns are read as text, always (a column
of ``yyyyMMddHHmmss`` instants with one blank cell became floats, and valid rows were counted
as invalid: rate 2.1 came out 0 % instead of 50 %); the channel as people write it is read and
any other text is not counted as in person; names are drawn as text, never matplotlib math;
text for the terminal has its control characters escaped; ``Report.save`` leaves no
half-written folder.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from typing import TYPE_CHECKING

import pytest

from tthc._files import terminal_text

pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from tthc.analytics.reports import report, timeliness_count_frame
from tthc.deadlines import VN_TZ

if TYPE_CHECKING:
    from pathlib import Path

AS_OF = dt.datetime(2023, 12, 31, tzinfo=VN_TZ)
HEADER = "status,received_at,due_at,finished_at,agency,procedure_code,channel\n"


def _csv(tmp_path: Path, rows: list[str], name: str = "dossiers.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


class TestCompactInstants:
    """yyyyMMddHHmmss instants with a blank cell are read as instants, not floats."""

    def test_rate_with_one_blank_cell(self, tmp_path: Path) -> None:
        """One on time, one still open within time: rate 2.1 is 100 %, no invalid row.

        The blank finished_at of the open dossier made the column floats, and the finished
        dossier's "20230302100000.0" was not an instant: the row was invalid and the rate 0 %.
        """
        path = _csv(
            tmp_path,
            [
                "9,20230301080000,20230303170000,20230302100000,Sở A,1.000001,2",
                "4,20231229080000,20240105170000,,Sở A,1.000001,2",
            ],
        )
        counts = timeliness_count_frame(path, by=(), as_of=AS_OF)
        assert counts[["received", "early", "within_time", "invalid"]].iloc[0].tolist() == [
            2,
            1,
            1,
            0,
        ]

    def test_codes_stay_text(self, tmp_path: Path) -> None:
        """A procedure code "1.000010" stays text (not the number 1.00001)."""
        path = _csv(tmp_path, ["9,20230301080000,20230303170000,20230302100000,Sở A,1.000010,2"])
        counts = timeliness_count_frame(path, by="procedure_code", as_of=AS_OF)
        assert counts.index.tolist() == ["1.000010"]


class TestChannels:
    """Channel spellings are read; other text is not in person; only a missing one defaults."""

    @pytest.mark.parametrize(
        ("written", "column"),
        [
            ("2", "online"),
            ("Trực tuyến", "online"),
            ("truc tuyen", "online"),
            ("online", "online"),
            ("DVC", "online"),
            ("1", "in_person"),
            ("Trực tiếp", "in_person"),
            ("", "in_person"),
            ("3", "postal"),
            ("Bưu chính", "postal"),
            ("4", "other_channel"),
        ],
        ids=repr,
    )
    def test_spelling(self, tmp_path: Path, written: str, column: str) -> None:
        """The channel as written counts in its column."""
        path = _csv(
            tmp_path, [f"9,20230301080000,20230303170000,20230302100000,Sở A,1.000001,{written}"]
        )
        counts = timeliness_count_frame(path, by=(), as_of=AS_OF)
        assert counts[column].iloc[0] == 1
        assert counts["invalid"].iloc[0] == 0

    def test_unknown_text_is_invalid(self, tmp_path: Path) -> None:
        """A channel that is no code and no known spelling makes the row invalid."""
        path = _csv(
            tmp_path, ["9,20230301080000,20230303170000,20230302100000,Sở A,1.000001,qua Zalo"]
        )
        counts = timeliness_count_frame(path, by=(), as_of=AS_OF)
        assert counts[["received", "invalid", "in_person"]].iloc[0].tolist() == [0, 1, 0]


NAMES = ["$\\notacommand{x}$", "Sở $x^2$ \\ %", "Sở A\n  Tổng  999\x1b[2J"]


class TestNames:
    """Agency names from the data are text: in charts, and on the terminal."""

    def test_charts_draw_names_as_written(self, tmp_path: Path) -> None:
        """Names with $...$ are drawn as they are written, and every file is saved."""
        rows = [f'9,20230301080000,20230303170000,20230302100000,"{n}",1.000001,2' for n in NAMES]
        result = report(_csv(tmp_path, rows), as_of=AS_OF)
        figure = result.figures()["timeliness_by_agency"]
        labels = {t.get_text() for t in figure.axes[0].get_yticklabels()}
        assert labels == {terminal_text(n) for n in NAMES}
        written = result.save(tmp_path / "out")
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
            p.name for p in written
        )

    def test_terminal_text_escapes_controls(self, tmp_path: Path) -> None:
        """A name with a new line and an escape sequence does not fake a row or reach the terminal."""
        rows = [f'9,20230301080000,20230303170000,20230302100000,"{n}",1.000001,2' for n in NAMES]
        text = report(_csv(tmp_path, rows), as_of=AS_OF, title="T\x1b]0;owned\x07").to_text()
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "Sở A\\n  Tổng  999\\x1b[2J" in text
        assert not any(line.startswith("  Tổng") for line in text.splitlines())


def test_save_on_a_full_disk_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up while saving leaves the files of the previous report whole."""
    path = _csv(tmp_path, ["9,20230301080000,20230303170000,20230302100000,Sở A,1.000001,2"])
    out = tmp_path / "out"
    report(path, as_of=AS_OF).save(out, formats=("svg",))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        report(path, as_of=AS_OF, title="Mới").save(out, formats=("svg",))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
