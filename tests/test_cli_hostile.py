"""The ``tthc`` command under hostile input (issue 17).

Rules under test: bad input exits with code 2 and one message on standard error, never a
traceback (an end of period at 31/12/9999, an output into a missing folder); an export replaces
its file atomically; names from the data reach the terminal with their control characters
escaped.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tthc.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestUsageErrors:
    """Exit code 2 and a message."""

    @pytest.mark.parametrize("as_of", ["31/12/9999", "9999-12-31"])
    def test_as_of_at_the_end_of_time(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, as_of: str
    ) -> None:
        """An end of period on 31/12/9999 (24:00 is after the last date) is a usage error."""
        pytest.importorskip("pandas")
        table = tmp_path / "d.csv"
        table.write_text("status,received_at,due_at,finished_at\n", encoding="utf-8")
        code, out, err = run(capsys, "report", str(table), "--as-of", as_of, "--lang", "en")
        assert code == 2
        assert out == ""
        assert "expected a date before 31/12/9999" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        "argv",
        [
            ("calendar", "export", "--from", "2026", "--to", "2026", "-o"),
            ("schema", "dossiers", "-o"),
        ],
        ids=["calendar-export", "schema"],
    )
    def test_output_into_a_missing_folder(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
    ) -> None:
        """An output file in a folder that does not exist: exit 2, the path and the reason."""
        target = tmp_path / "missing" / "out.txt"
        code, out, err = run(capsys, *argv, str(target), "--lang", "en")
        assert code == 2
        assert out == ""
        assert err.startswith(f"tthc {argv[0]}: ")
        assert f"the folder {str(tmp_path / 'missing')!r} does not exist" in err
        assert "Traceback" not in err


def test_export_on_a_full_disk_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tthc calendar export -o on a full disk: exit 2, and the previous export is whole."""
    target = tmp_path / "calendar.sql"
    assert (
        run(
            capsys,
            "calendar",
            "export",
            "--format",
            "sqlite",
            "--from",
            "2026",
            "--to",
            "2026",
            "-o",
            str(target),
        )[0]
        == 0
    )
    before = target.read_bytes()

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = run(
        capsys,
        "calendar",
        "export",
        "--format",
        "csv",
        "--from",
        "2025",
        "--to",
        "2026",
        "-o",
        str(target),
    )
    assert code == 2
    assert "No space left on device" in err
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.sql"]


def test_names_reach_the_terminal_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review and a procedure named with escape sequences and new lines: printed escaped."""
    review = json.loads((FIXTURES / "plans" / "worked_example.json").read_text("utf-8"))
    review["name"] = "Rà soát\x1b]0;owned\x07"
    review["plans"][0]["model"]["name"] = "Cấp phép\n1.999999  Giả  0  0"
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "cost", str(path), "--explain")
    assert code == 0, err
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "Rà soát\\x1b]0;owned\\x07" in out
    assert not any(line.startswith("1.999999") for line in out.splitlines())
