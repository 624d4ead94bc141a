"""The ``tthc`` command (``tthc.cli``).

Rule under test (module docstring): dates are read as ISO or dd/mm/yyyy; every subcommand takes
``--json``; exit codes are 0 success, 2 bad input (a message on standard error), 3 a question the
calendar cannot answer (outside its years). Expected days come from the research table of
``tests/calendar/test_vn_official.py``.
"""

from __future__ import annotations

import json

import pytest

from tthc.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestAdd:
    """tthc calendar add DATE N."""

    @pytest.mark.parametrize("start", ["31/12/2025", "2025-12-31", " 31/12/2025 "])
    def test_add_over_new_year(self, capsys: pytest.CaptureFixture[str], start: str) -> None:
        """31/12/2025 + 3 working days is 07/01/2026 (1-2 January 2026 off), in either date form."""
        code, out, err = run(capsys, "calendar", "add", start, "3")
        assert code == 0
        assert err == ""
        # The answer is the day after "=", printed dd/mm/yyyy.
        assert out.strip().split("=")[-1].strip().endswith("07/01/2026")
        assert "31/12/2025" in out

    def test_add_negative(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A negative N moves back: Mon 12/1/2026 - 1 is the working Saturday 10/01/2026."""
        code, out, _ = run(capsys, "calendar", "add", "2026-01-12", "-1")
        assert code == 0
        assert out.strip().endswith("10/01/2026")

    def test_add_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints a parseable object with start, n and the ISO result."""
        code, out, err = run(capsys, "calendar", "add", "31/12/2025", "3", "--json")
        assert code == 0
        assert err == ""
        data = json.loads(out)
        assert data["start"] == "2025-12-31"
        assert data["n"] == 3
        assert data["result"] == "2026-01-07"
        assert data["provisional_warnings"] == []

    def test_add_into_provisional_year_warns_on_stderr(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A result in 2028 (no official schedule) still exits 0 with a warning on stderr."""
        code, out, err = run(capsys, "calendar", "add", "31/12/2027", "1")
        assert code == 0
        assert out.strip()
        assert err.startswith("cảnh báo: ")
        assert "2028" in err


class TestBetween:
    """tthc calendar between A B."""

    def test_between_over_tet_2026(self, capsys: pytest.CaptureFixture[str]) -> None:
        """From Fri 13/2/2026 to Fri 27/2/2026 there are 5 working days (Tết 16-20/2 off)."""
        # (13/2, 27/2]: Mon 23 - Fri 27 = 5; Sat/Sun 14, 15, 21, 22 rest; 16-20 Tết.
        code, out, _ = run(capsys, "calendar", "between", "2026-02-13", "27/02/2026")
        assert code == 0
        assert out.strip().startswith("5 ")

    def test_between_backwards_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Backwards the count is negative: -[13/2, 27/2) = -(Fri 13 + Mon 23 - Thu 26) = -5."""
        code, out, _ = run(capsys, "calendar", "between", "2026-02-27", "2026-02-13", "--json")
        assert code == 0
        data = json.loads(out)
        assert data == {
            "start": "2026-02-27",
            "end": "2026-02-13",
            "working_days": -5,
            "provisional_warnings": [],
        }


class TestYear:
    """tthc calendar year YEAR."""

    def test_year_2026_lists_days_with_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """2026 is official and its listing shows 02/01/2026 with its dispatch."""
        code, out, err = run(capsys, "calendar", "year", "2026")
        assert code == 0
        assert err == ""
        assert out.startswith("2026 (chính thức)")
        # Its own line starts with the day (Friday); the 10/01 line mentions it in its name.
        (line,) = [ln for ln in out.splitlines() if ln.strip().startswith("Thứ Sáu 02/01/2026")]
        # Research table: 2026-01-02 off by 12729/VPCP-KGVX; Sat 10/1 worked for it.
        assert "12729/VPCP-KGVX" in line
        assert any("10/01/2026" in ln and "làm bù" in ln for ln in out.splitlines())

    def test_year_2026_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json lists every 2026 entry; the days off are the research table's 13."""
        code, out, _ = run(capsys, "calendar", "year", "2026", "--json")
        assert code == 0
        data = json.loads(out)
        assert data["year"] == 2026
        assert data["status"] == "official"
        off = {e["date"] for e in data["entries"] if e["kind"] == "day_off"}
        on = {e["date"] for e in data["entries"] if e["kind"] == "extra_working_day"}
        assert off == {
            "2026-01-01",
            "2026-01-02",
            "2026-02-16",
            "2026-02-17",
            "2026-02-18",
            "2026-02-19",
            "2026-02-20",
            "2026-04-27",
            "2026-04-30",
            "2026-05-01",
            "2026-08-31",
            "2026-09-01",
            "2026-09-02",
            "2026-11-24",
        }
        assert on == {"2026-01-10", "2026-08-22"}
        (jan2,) = [e for e in data["entries"] if e["date"] == "2026-01-02"]
        assert "12729/VPCP-KGVX" in jan2["source"]
        assert jan2["basis"] == "official"

    def test_year_2030_is_provisional_with_a_warning(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """2030 has no official schedule: exit 0, status provisional, a warning line on stderr."""
        code, out, err = run(capsys, "calendar", "year", "2030", "--lang", "en")
        assert code == 0
        assert out.startswith("2030 (provisional)")
        warning_lines = [ln for ln in err.splitlines() if ln.startswith("warning: ")]
        assert len(warning_lines) == 1
        assert "2030" in warning_lines[0]

    def test_year_2030_json_carries_the_warning(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --json the warning goes into provisional_warnings."""
        code, out, err = run(capsys, "calendar", "year", "2030", "--json")
        assert code == 0
        assert err == ""
        data = json.loads(out)
        assert data["status"] == "provisional"
        assert len(data["provisional_warnings"]) == 1
        assert "2030" in data["provisional_warnings"][0]


class TestErrors:
    """Bad input exits 2, questions outside the calendar exit 3, each with a message."""

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(("calendar", "add", "32/12/2025", "3"), id="day-32"),
            pytest.param(("calendar", "add", "2025-02-30", "3"), id="feb-30"),
            pytest.param(("calendar", "add", "tomorrow", "3"), id="word"),
            pytest.param(("calendar", "between", "2025-12-31", "31-12-2025"), id="dashes"),
        ],
    )
    def test_bad_date_exits_2(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        """A date that is neither dd/mm/yyyy nor ISO, or does not exist, exits 2 and quotes it."""
        bad = next(a for a in argv if a not in {"calendar", "add", "between", "3", "2025-12-31"})
        code, out, err = run(capsys, *argv, "--lang", "en")
        assert code == 2
        assert out == ""
        assert (
            "expected a date as dd/mm/yyyy or yyyy-mm-dd" in err or f"{bad!r} is not a date" in err
        )
        assert repr(bad) in err

    def test_bad_n_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A non-integer N exits 2."""
        code, _, err = run(capsys, "calendar", "add", "2025-12-31", "1.5")
        assert code == 2
        assert "'1.5'" in err

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(("calendar", "year", "2200"), id="year-2200"),
            pytest.param(("calendar", "add", "2200-01-01", "1"), id="add-2200"),
            pytest.param(("calendar", "between", "2025-01-01", "2200-01-01"), id="between-2200"),
            pytest.param(("calendar", "add", "2012-06-01", "1"), id="add-2012"),
        ],
    )
    def test_outside_the_calendar_exits_3(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        """A day outside the calendar's years (2013-2100) exits 3 with the error on stderr."""
        code, out, err = run(capsys, *argv, "--lang", "en")
        assert code == 3
        assert out == ""
        assert err.startswith("tthc calendar: ")
        assert "outside the calendar's data (2013\N{EN DASH}2100)" in err

    def test_result_outside_the_calendar_exits_3(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A move whose result passes 2100 exits 3."""
        code, _, err = run(capsys, "calendar", "add", "2100-12-29", "30")
        assert code == 3
        assert "01/01/2101" in err

    @pytest.mark.parametrize("year", ["0", "10000", "abc"])
    def test_year_without_dates_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], year: str
    ) -> None:
        """A year no date can have is bad input: exit 2 with a message naming it."""
        code, _, err = run(capsys, "calendar", "year", year, "--lang", "en")
        assert code == 2
        assert f"expected a year such as 2026, got {year!r}" in err

    def test_missing_subcommand_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No subcommand is a usage error."""
        code, _, err = run(capsys)
        assert code == 2
        assert "usage:" in err


class TestHelp:
    """--help."""

    @pytest.mark.parametrize(
        "argv", [("--help",), ("calendar", "--help"), ("calendar", "add", "--help")]
    )
    def test_help_exits_0(self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
        """--help prints usage on stdout and exits 0."""
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert out.startswith("usage: tthc")


class TestExport:
    """tthc calendar export: the calendar as a table (tthc.sql)."""

    def test_csv_to_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV of one year goes to standard output, header first, one row per day."""
        code, out, _ = run(capsys, "calendar", "export", "--from", "2026", "--to", "2026")
        assert code == 0
        lines = out.strip().splitlines()
        assert lines[0].startswith("day,")
        assert len(lines) == 1 + 365
        assert any(
            line.startswith("2026-01-10,") and ",extra_working_day," in line for line in lines
        )

    def test_parquet_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Parquet without -o is a usage error naming the option."""
        code, _, err = run(capsys, "calendar", "export", "--format", "parquet")
        assert code == 2
        assert "--output" in err


class TestCost:
    """tthc cost: a simplification review evaluated on the command line."""

    def test_review_against_a_target(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The worked example review (850,000,000 -> 440,000,000 VND) saves 48.24 %."""
        code, out, _ = run(
            capsys, "cost", "tests/fixtures/plans/worked_example.json", "--target", "20"
        )
        assert code == 0
        assert "48,24 %" in out

    def test_csv_sheet_needs_a_wage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV sheet has no wage rate in it: without --wage it is a usage error."""
        code, _, err = run(capsys, "cost", "tests/fixtures/plans/worked_example.csv", "--csv")
        assert code == 2
        assert "wage" in err.lower()


class TestView:
    """tthc calendar view: an ISO-week calendar with days off and working Saturdays marked."""

    def test_january_2026(self, capsys: pytest.CaptureFixture[str]) -> None:
        """1-2/1/2026 are marked off, Saturday 10/1 marked worked, in ISO weeks 1 and 2."""
        code, out, _ = run(capsys, "calendar", "view", "2026", "1")
        assert code == 0
        lines = out.splitlines()
        week1 = next(line for line in lines if line.startswith("W01"))
        week2 = next(line for line in lines if line.startswith("W02"))
        assert "1*" in week1
        assert "2*" in week1
        assert "10+" in week2
        assert "3*" not in week1  # Saturday 3/1 is an ordinary weekend day

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json lists every day of the month with its ISO week and reason."""
        code, out, _ = run(capsys, "calendar", "view", "2026", "1", "--json")
        assert code == 0
        days = json.loads(out)["days"]
        assert len(days) == 31
        second = next(d for d in days if d["date"] == "2026-01-02")
        assert second["working"] is False
        assert second["iso_week"] == 1
        assert "10/01/2026" in second["reason"]

    def test_bad_month(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A month outside 1-12 is a usage error."""
        code, _, _ = run(capsys, "calendar", "view", "2026", "13")
        assert code == 2


class TestEntryPoint:
    """The installed ``tthc`` command (the console script), run as a user would."""

    def test_console_script_prints_the_appointment_date(self) -> None:
        """``tthc deadline`` through the console script prints the due date and exits 0."""
        import shutil  # noqa: PLC0415
        import subprocess  # noqa: PLC0415
        import sys  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        script = shutil.which("tthc") or str(Path(sys.executable).parent / "tthc")
        if not Path(script).exists():
            pytest.skip("the tthc console script is not installed in this environment")
        done = subprocess.run(  # noqa: S603 - our own installed script, fixed arguments
            [script, "deadline", "09/01/2026 16:30", "5 ngày làm việc", "--json"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["due_at"] == "2026-01-15T16:30:00+07:00"

    def test_module_usage_error_exit_code(self) -> None:
        """A bad date through ``python -m tthc.cli`` exits 2 with a message on stderr."""
        import subprocess  # noqa: PLC0415
        import sys  # noqa: PLC0415

        done = subprocess.run(
            [sys.executable, "-m", "tthc.cli", "calendar", "add", "31/02/2026", "1"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 2
        assert "31/02/2026" in done.stderr


class TestLazyCommands:
    """Each subcommand's module, and the rooms it needs, load only when that subcommand runs."""

    def test_deadline_loads_no_other_command(self) -> None:
        """``tthc deadline`` imports neither the report, cost or schema commands nor io or sql."""
        import subprocess  # noqa: PLC0415
        import sys  # noqa: PLC0415

        code = (
            "import sys\n"
            "from tthc.cli import main\n"
            "code = main(['deadline', '09/01/2026 16:30', '5 ngày làm việc', '--json'])\n"
            "print(code, *sorted(m for m in sys.modules if m.startswith('tthc')))\n"
        )
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed program
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        exit_code, *loaded = done.stdout.splitlines()[-1].split()
        assert exit_code == "0"
        assert "tthc.cli.deadline" in loaded
        unwanted = ("tthc.cli.report", "tthc.cli.cost", "tthc.cli.schema", "tthc.cli.calendar")
        assert [m for m in loaded if m in unwanted] == []
        rooms = ("tthc.io", "tthc.sql", "tthc.analytics", "tthc.simplification")
        assert [m for m in loaded if m.startswith(rooms)] == []
