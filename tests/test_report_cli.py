"""The ``tthc report`` command (``tthc.cli.report``).

Rules under test: the command reads a dossier table (CSV or Parquet) and optionally a procedure
catalogue, prints the indicator tables (Decision 766/QĐ-TTg indicator 2.1), writes charts and a
self-contained HTML page with ``-o``, shows progress on standard error unless ``--quiet``, and
follows the exit codes of ``tthc`` (0 success, 2 bad input with a message on standard error).
The expected figures are the hand counts of ``tests/test_reports.py``.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("matplotlib")

# The hand-counted dossiers and catalogue of the Python API's tests.
from test_reports import catalogue, hand_frame
from tthc.cli._app import _parser, main
from tthc.io import dump_procedures

# The end of March 2023, the reporting instant of the hand-counted table.
AS_OF_TEXT = "31/03/2023"


def has_report_command() -> bool:
    with contextlib.redirect_stderr(io.StringIO()):  # argparse's usage message
        try:
            _parser().parse_args(["report", "x.csv", "--as-of", AS_OF_TEXT])
        except SystemExit:
            return False
    return True


pytestmark = pytest.mark.skipif(
    not has_report_command(), reason="`tthc report` is not wired into tthc.cli yet"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return (exit code, stdout, stderr).

    The hand-counted table has 2 invalid rows of 11 on purpose; ``--max-invalid 100`` keeps the
    command from failing on them, unless a test gives its own limit.
    """
    args = list(argv)
    if args[:1] == ["report"] and "--max-invalid" not in args:
        args += ["--max-invalid", "100"]
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(name="csv_path")
def fixture_csv_path(tmp_path):
    path = tmp_path / "dossiers.csv"
    hand_frame().to_csv(path, index=False)
    return path


class TestReportCommand:
    """tthc report DOSSIERS --as-of DATE."""

    def test_tables(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        """Agency A: 5 received, 2.1 = 3/5 = 60.00 %; the whole: 4/7 = 57.14 %."""
        code, out, err = run(capsys, "report", str(csv_path), "--as-of", AS_OF_TEXT)
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "Báo cáo tiến độ giải quyết hồ sơ"
        assert "Tính đến: 31/03/2023 24:00 (hết ngày)" in lines
        row_a = next(line for line in lines if line.startswith("A "))
        assert row_a.split()[:3] == ["A", "5", "4"]
        assert "60,00" in row_a.split()
        totals = [line for line in lines if line.startswith("Tổng")]
        assert len(totals) == 3  # one per table: month, agency, procedure
        assert all("57,14" in line.split() for line in totals)
        assert "Dòng không hợp lệ: 2" in out
        assert "phân loại 11 hồ sơ" in err
        assert "written:" not in out

    def test_quiet_json(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        code, out, err = run(
            capsys, "report", str(csv_path), "--as-of", AS_OF_TEXT, "--json", "--quiet"
        )
        assert code == 0
        assert err == ""
        data = json.loads(out)
        assert data["rows"] == 11
        assert data["overall"]["received"] == 7
        assert data["overall"]["on_time_rate"] == "57.14"
        assert data["as_of"] == "2023-04-01T00:00:00+07:00"
        assert data["files"] == []
        assert [r["row"] for r in data["invalid"]["first"]] == [7, 8]

    def test_output_dir_and_catalogue(self, capsys: pytest.CaptureFixture[str], tmp_path) -> None:
        """Charts in both formats, report.html, and the coverage of the catalogue."""
        path = tmp_path / "dossiers.parquet"
        hand_frame().to_parquet(path)
        catalogue_path = tmp_path / "procedures.json"
        dump_procedures(catalogue(), catalogue_path)
        out_dir = tmp_path / "out"
        code, out, _ = run(
            capsys,
            "report",
            str(path),
            "--as-of",
            "2023-03-31",
            "--catalogue",
            str(catalogue_path),
            "-o",
            str(out_dir),
            "--lang",
            "en",
            "--by",
            "procedure",
        )
        assert code == 0
        assert sorted(p.name for p in out_dir.iterdir()) == sorted(
            [
                *(
                    f"{c}.{f}"
                    for c in (
                        "coverage",
                        "on_time_by_month",
                        "timeliness_by_agency",
                        "timeliness_by_month",
                    )
                    for f in ("png", "svg")
                ),
                "report.html",
            ]
        )
        assert "By procedure:" in out
        assert "By agency:" not in out
        assert "Full / eligible" in out
        assert f"written: {out_dir / 'report.html'}" in out

    def test_png_only_without_html(self, capsys: pytest.CaptureFixture[str], csv_path, tmp_path):
        out_dir = tmp_path / "png"
        code, _, _ = run(
            capsys,
            "report",
            str(csv_path),
            "--as-of",
            AS_OF_TEXT,
            "-o",
            str(out_dir),
            "--format",
            "png",
            "--no-html",
            "--quiet",
        )
        assert code == 0
        assert {p.suffix for p in out_dir.iterdir()} == {".png"}

    def test_renamed_columns(self, capsys: pytest.CaptureFixture[str], tmp_path) -> None:
        """--column maps a role; --agency-column none drops the agency table."""
        path = tmp_path / "export.csv"
        hand_frame().rename(columns={"status": "TrangThaiHoSo"}).to_csv(path, index=False)
        code, out, _ = run(
            capsys,
            "report",
            str(path),
            "--as-of",
            AS_OF_TEXT,
            "--column",
            "status=TrangThaiHoSo",
            "--agency-column",
            "none",
            "--json",
            "--quiet",
        )
        assert code == 0
        data = json.loads(out)
        assert data["by_agency"] is None
        assert data["overall"]["invalid"] == 2

    def test_instant_granularity(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        """By instant row 1 is late: agency A has 0 on time and 3 late."""
        code, out, _ = run(
            capsys,
            "report",
            str(csv_path),
            "--as-of",
            "01/04/2023 00:00",
            "--granularity",
            "instant",
            "--json",
            "--quiet",
        )
        assert code == 0
        agency = {row["agency"]: row for row in json.loads(out)["by_agency"]}
        assert (agency["A"]["on_time"], agency["A"]["late"]) == (0, 3)


class TestReportErrors:
    """Bad input exits with 2 and a message on standard error."""

    def test_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path) -> None:
        code, out, err = run(
            capsys, "report", str(tmp_path / "none.parquet"), "--as-of", AS_OF_TEXT, "--quiet"
        )
        assert code == 2
        assert out == ""
        assert err.startswith("tthc report: could not load")

    def test_missing_key_column(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        code, _, err = run(
            capsys,
            "report",
            str(csv_path),
            "--as-of",
            AS_OF_TEXT,
            "--agency-column",
            "office",
            "--quiet",
        )
        assert code == 2
        assert "missing column 'office'" in err

    def test_as_of_required(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        code, _, err = run(capsys, "report", str(csv_path))
        assert code == 2
        assert "--as-of" in err

    def test_bad_column_mapping(self, capsys: pytest.CaptureFixture[str], csv_path) -> None:
        code, _, err = run(
            capsys, "report", str(csv_path), "--as-of", AS_OF_TEXT, "--column", "status"
        )
        assert code == 2
        assert "ROLE=COLUMN" in err
