"""Real inputs from real users on the command line (issue 16): never a silently wrong date.

Rules under test, each quoting the input of the issue that showed it:

* the appointment line names the due day: a limit that ends at 24:00 is written
  ``Thứ Năm 15/01/2026 24:00 (hết ngày)``, never as 00:00 of the next day (Civil Code 2015
  Art. 148(2): a limit in days ends at the end of its last day);
* one language per output (``--lang vi|en`` on every command, Vietnamese by default), numbers
  written the language's way (19.906; 98,71 % in Vietnamese);
* errors in the user's terms: no Python call as the subject, a date that does not exist called
  that, the fix named, a missing output folder a message (exit 2) and not a traceback;
* consistent inputs: a date alone where the day is all that counts, seconds in instants;
* ``tthc --version``, help on every argument, sample files for the tutorials' commands;
* a report whose invalid rows exceed ``--max-invalid`` fails (exit 2) and says how to read the
  instants (``--tz``, ``--time-format``, ``--column``).

Expected days are counted by hand on the 2026 schedule of ``tests/calendar/test_vn_official.py``
(1-2 January 2026 off, Saturday 10 January 2026 worked: Công văn 12729/VPCP-KGVX).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tthc import __version__
from tthc.cli import main

REPO = Path(__file__).resolve().parents[1]
WORKED_REVIEW = str(REPO / "tests" / "fixtures" / "plans" / "worked_example.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestDueDayIsNamed:
    """Issue 16 item 2: the line a clerk copies onto the receipt names the due day."""

    def test_civil_code_five_working_days(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'09/01/2026 16:30' + '5 ngày làm việc', Civil Code: 10, 12, 13, 14, 15/01 -> end of 15/01."""
        code, out, err = run(
            capsys, "deadline", "09/01/2026 16:30", "5 ngày làm việc", "--policy", "civil-code"
        )
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert lines[0] == "Ngày hẹn trả kết quả: Thứ Năm 15/01/2026 24:00 (hết ngày)"
        assert lines[-1] == "Hạn: Thứ Năm 15/01/2026 24:00 (hết ngày)"
        assert "16/01/2026" not in out

    def test_civil_code_in_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same in English: 'Thu 15/01/2026 24:00 (end of day)'."""
        code, out, _ = run(
            capsys,
            "deadline",
            "09/01/2026 16:30",
            "5 ngày làm việc",
            "--policy",
            "civil-code",
            "--lang",
            "en",
        )
        assert code == 0
        assert out.splitlines()[0] == "Appointment date: Thu 15/01/2026 24:00 (end of day)"

    def test_json_keeps_the_instant_and_the_day(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives both: the instant (00:00 of the 16th) and the due day (the 15th)."""
        code, out, _ = run(
            capsys,
            "deadline",
            "09/01/2026 16:30",
            "5 ngày làm việc",
            "--policy",
            "civil-code",
            "--json",
        )
        assert code == 0
        data = json.loads(out)
        assert (data["due_at"], data["due_on"]) == ("2026-01-16T00:00:00+07:00", "2026-01-15")

    def test_working_time_keeps_its_clock_time(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Working time: Fri 16:30 + 5 working days (Sat 10/01 worked) = Thu 15/01 16:30."""
        code, out, _ = run(capsys, "deadline", "09/01/2026 16:30", "5 ngày làm việc")
        assert code == 0
        assert out.splitlines()[0] == "Ngày hẹn trả kết quả: Thứ Năm 15/01/2026 16:30"


class TestOneLanguage:
    """Every command takes --lang; the text of one output is in one language."""

    ENGLISH = ("Received", "Not counted", "Due:", "weekly rest day", "Processing time")
    VIETNAMESE = ("Tiếp nhận", "Không tính", "Hạn:", "nghỉ hằng tuần", "Thời hạn giải quyết")

    def test_deadline_in_vietnamese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'31/12/2025 16:00' + '5 ngày làm việc': the explanation is Vietnamese throughout."""
        code, out, _ = run(capsys, "deadline", "31/12/2025 16:00", "5 ngày làm việc")
        assert code == 0
        assert [w for w in self.ENGLISH if w in out] == []
        assert all(w in out for w in self.VIETNAMESE)
        # 1/1 (Tết Dương lịch), 2/1 (swapped), 3-4/1 (weekend): due Fri 09/01/2026 16:00.
        assert "Không tính: Thứ Bảy 03/01/2026 - nghỉ hằng tuần" in out.splitlines()
        assert out.splitlines()[0].endswith("Thứ Sáu 09/01/2026 16:00")

    def test_deadline_in_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "deadline", "31/12/2025 16:00", "5 ngày làm việc", "--lang", "en"
        )
        assert code == 0
        assert [w for w in self.VIETNAMESE if w in out] == []
        assert "Not counted: Sat 03/01/2026 - weekly rest day" in out.splitlines()

    @pytest.mark.parametrize(
        "argv",
        [
            ("deadline", "09/01/2026 16:30", "5 ngày làm việc"),
            ("calendar", "add", "31/12/2025", "3"),
            ("calendar", "between", "13/02/2026", "27/02/2026"),
            ("calendar", "year", "2026"),
            ("calendar", "view", "2026", "1"),
            ("calendar", "export", "--from", "2026", "--to", "2026"),
            ("cost", WORKED_REVIEW),
            ("schema", "dossiers"),
            ("unit", "show", "27", "--on", "01/01/2025"),
            ("unit", "succession"),
        ],
        ids=lambda argv: " ".join(argv[:2]),
    )
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_every_command_takes_lang(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], lang: str
    ) -> None:
        code, out, _ = run(capsys, *argv, "--lang", lang)
        assert code == 0
        assert out

    def test_between_says_the_start_day_is_not_counted(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "calendar", "between", "13/02/2026", "27/02/2026")
        assert code == 0
        assert out.startswith("5 ngày làm việc từ Thứ Sáu 13/02/2026 đến Thứ Sáu 27/02/2026")
        assert "không tính ngày đầu" in out

    def test_calendar_view_in_english_has_english_weekdays(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "calendar", "view", "2026", "1", "--lang", "en")
        assert code == 0
        assert "Mo  Tu  We  Th  Fr  Sa  Su" in out
        assert "ngày nghỉ" not in out

    def test_cost_in_vietnamese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The worked review, 850,000,000 -> 440,000,000 VND a year (48.24 %), in Vietnamese."""
        code, out, _ = run(capsys, "cost", WORKED_REVIEW, "--target", "20", "--explain")
        assert code == 0
        for english in ("procedures with a plan", "total", "measure", "saves", "per year"):
            assert english not in out
        assert "Tổng: 850.000.000 → 440.000.000 đồng mỗi năm" in out
        assert "tiết kiệm 410.000.000 đồng (48,24 %)" in out
        assert "Thủ tục có phương án: 2/4 (50,00 %)" in out
        assert "Mục tiêu: cắt giảm ít nhất 20 % → đạt (48,24 %)" in out
        assert "Tái sử dụng dữ liệu đã số hóa" in out  # the action's Vietnamese label

    def test_cost_in_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "cost", WORKED_REVIEW, "--explain", "--lang", "en")
        assert code == 0
        assert "total: 850,000,000 -> 440,000,000 VND per year" in out
        assert "48.24 %" in out
        assert "Tổng" not in out

    def test_provisional_warning_in_vietnamese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Years without an official schedule (2029, 2030) are said in Vietnamese on stderr."""
        code, _, err = run(capsys, "calendar", "add", "31/12/2029", "1")
        assert code == 0
        assert err.startswith("cảnh báo: ")
        assert "chưa có lịch nghỉ chính thức của năm 2029, 2030" in err
        assert "no official schedule" not in err

    def test_every_message_has_both_languages(self) -> None:
        from tthc.cli._messages import _TEXT  # noqa: PLC0415

        assert set(_TEXT["vi"]) == set(_TEXT["en"])


class TestErrorsInTheUsersTerms:
    """Errors name the input and the fix, never a Python call, and never end in a traceback."""

    def test_a_date_that_does_not_exist(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(
            capsys, "deadline", "31/02/2026 09:00", "5 ngày làm việc", "--lang", "en"
        )
        assert (code, out) == (2, "")
        assert "'31/02/2026 09:00' is not a date" in err

    def test_a_date_that_does_not_exist_in_vietnamese(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = run(capsys, "calendar", "add", "31/02/2026", "1")
        assert code == 2
        assert "'31/02/2026' không phải là một ngày có thật" in err

    def test_duration_without_python_prefix(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "deadline", "12/01/2026 09:00", "5 ngayy", "--lang", "en")
        assert code == 2
        assert "Duration.parse" not in err
        assert "'5 ngayy'" in err
        assert "'5 ngày làm việc'" in err

    def test_half_a_calendar_day_names_the_fix(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'0,5 ngày' is half a calendar day: the message proposes '0,5 ngày làm việc'."""
        code, _, err = run(capsys, "deadline", "12/01/2026 09:00", "0,5 ngày")
        assert code == 2
        assert "compute_deadline" not in err
        assert "Duration(" not in err
        assert "'0,5 ngày làm việc'" in err
        assert "'12 giờ'" in err

    def test_office_hours_without_python_prefix(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(
            capsys, "deadline", "12/01/2026 09:00", "5 ngày làm việc", "--office-hours", "8-17"
        )
        assert code == 2
        assert "OfficeHours.parse" not in err
        assert "'08:00-12:00,13:00-17:00'" in err

    @pytest.mark.parametrize(
        "argv",
        [
            ("schema", "dossiers", "-o", "{missing}/dossiers.schema.json"),
            ("calendar", "export", "--from", "2026", "--to", "2026", "-o", "{missing}/c.csv"),
        ],
        ids=["schema", "calendar-export"],
    )
    def test_missing_output_folder(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
    ) -> None:
        """A file in a folder that does not exist: exit 2 and a message naming the folder."""
        missing = tmp_path / "no-such-folder"
        code, out, err = run(capsys, *(a.format(missing=missing) for a in argv), "--lang", "en")
        assert (code, out) == (2, "")
        assert f"the folder '{missing}' does not exist" in err
        assert "Traceback" not in err

    def test_outside_the_calendar_in_vietnamese(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "calendar", "add", "01/06/2012", "1")
        assert code == 3
        assert "ngày 01/06/2012 nằm ngoài dữ liệu lịch (2013\N{EN DASH}2100)" in err


class TestConsistentInputs:
    """A date alone where the day is all that counts; seconds in instants."""

    def test_date_alone_under_the_civil_code(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'12/01/2026' + '15 ngày', Civil Code: 13/01 .. 27/01 (15 days) -> end of Tue 27/01."""
        code, out, _ = run(capsys, "deadline", "12/01/2026", "15 ngày", "--policy", "civil-code")
        assert code == 0
        assert out.splitlines()[0] == "Ngày hẹn trả kết quả: Thứ Ba 27/01/2026 24:00 (hết ngày)"

    def test_date_alone_under_working_time_names_the_fix(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "deadline", "12/01/2026", "5 ngày làm việc", "--lang", "en")
        assert (code, out) == (2, "")
        assert "'12/01/2026 09:00'" in err
        assert "--policy civil-code" in err

    def test_date_alone_with_hours_needs_the_time(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = run(
            capsys, "deadline", "12/01/2026", "4 giờ", "--policy", "civil-code", "--lang", "en"
        )
        assert code == 2
        assert "needs the receipt time" in err

    def test_seconds_in_the_receipt(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'09/01/2026 16:30:45' + 5 working days: the same clock time on Thu 15/01."""
        code, out, _ = run(capsys, "deadline", "09/01/2026 16:30:45", "5 ngày làm việc", "--json")
        assert code == 0
        assert json.loads(out)["due_at"] == "2026-01-15T16:30:45+07:00"


class TestHelpAndVersion:
    """tthc --version; every argument of every command says what it is."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "--version")
        assert code == 0
        assert out.strip() == f"tthc {__version__}"

    def test_every_argument_has_help(self) -> None:
        from tthc.cli._app import _parser  # noqa: PLC0415

        missing: list[str] = []
        pending: list[argparse.ArgumentParser] = [_parser()]
        while pending:
            parser = pending.pop()
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    pending.extend(action.choices.values())
                elif not action.help:
                    missing.append(f"{parser.prog} {action.dest}")
        assert missing == []

    def test_between_help_says_the_start_day_is_excluded(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "calendar", "between", "--help")
        assert code == 0
        assert "start day is not counted" in " ".join(out.split())


class TestSample:
    """tthc sample writes files the tutorials' commands run on."""

    def test_sample_then_the_tutorials_commands(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        pytest.importorskip("pandas")
        pytest.importorskip("matplotlib")
        folder = tmp_path / "tthc-sample"
        code, out, _ = run(capsys, "sample", str(folder), "--rows", "300")
        assert code == 0
        assert sorted(p.name for p in folder.iterdir()) == [
            "dossiers-2023.csv",
            "procedures.json",
            "review.csv",
            "review.json",
        ]
        assert "tthc report" in out
        code, out, err = run(
            capsys,
            "report",
            str(folder / "dossiers-2023.csv"),
            "--as-of",
            "31/12/2023",
            "--catalogue",
            str(folder / "procedures.json"),
            "-o",
            str(folder / "report-2023"),
            "--format",
            "none",
        )
        assert code == 0, err
        assert (folder / "report-2023" / "report.html").exists()
        code, out, _ = run(capsys, "cost", str(folder / "review.json"), "--target", "20")
        assert code == 0
        assert "48,24 %" in out
        code, _, _ = run(
            capsys,
            "cost",
            str(folder / "review.csv"),
            "--wage",
            "5280000",
            "--wage-year",
            "2024",
            "--wage-source",
            "giá trị ví dụ",
            "--wage-certainty",
            "example",
            "--reviewed",
            "4",
        )
        assert code == 0

    def test_sample_does_not_overwrite(self, capsys: pytest.CaptureFixture[str], tmp_path: Path):
        pytest.importorskip("pandas")
        folder = tmp_path / "s"
        assert run(capsys, "sample", str(folder), "--rows", "10")[0] == 0
        code, _, err = run(capsys, "sample", str(folder), "--rows", "10", "--lang", "en")
        assert code == 2
        assert "--force" in err


class TestTooManyInvalidRows:
    """Issue 16 item 5: a report whose instants were not read fails instead of printing N/A."""

    @pytest.fixture(name="unreadable")
    def fixture_unreadable(self, tmp_path: Path) -> Path:
        """Synthetic dossiers whose instants are written '09-01-2023 16h30', a layout never guessed."""
        pytest.importorskip("pandas")
        pytest.importorskip("matplotlib")
        from tthc.analytics.synthetic import synthetic_dossiers  # noqa: PLC0415

        frame = synthetic_dossiers(200, seed=16, year=2023)
        for column in frame.columns:
            if str(frame[column].dtype).startswith("datetime64"):
                frame[column] = frame[column].dt.strftime("%d-%m-%Y %Hh%M")
        path = tmp_path / "export.csv"
        frame.to_csv(path, index=False)
        return path

    def test_fails_and_names_the_fixes(self, capsys: pytest.CaptureFixture[str], unreadable: Path):
        code, out, err = run(
            capsys, "report", str(unreadable), "--as-of", "31/12/2023", "--quiet", "--lang", "en"
        )
        assert code == 2
        assert "N/A" in out  # the report is printed, with its invalid rows, then it fails
        assert "of 200 rows" in err
        assert "more than the limit of 1 %" in err
        for fix in ("--tz", "--time-format", "--column", "dd/mm/yyyy HH:MM"):
            assert fix in err

    def test_the_vietnamese_report_has_no_english(
        self, capsys: pytest.CaptureFixture[str], unreadable: Path
    ) -> None:
        """Row reasons, the key of rows without a month and progress lines are Vietnamese."""
        code, out, err = run(capsys, "report", str(unreadable), "--as-of", "31/12/2023")
        assert code == 2
        for english in ("not an instant", "(none)", "reading", "classifying", "counting", "Row "):
            assert english not in out + err
        assert "received_at: không đọc được là thời điểm" in out
        assert "(không có)" in out
        assert "phân loại 200 hồ sơ" in err
        assert "200 dòng (100,00 %) không hợp lệ" in err

    def test_a_higher_limit_lets_it_pass(
        self, capsys: pytest.CaptureFixture[str], unreadable: Path
    ) -> None:
        code, _, _ = run(
            capsys,
            "report",
            str(unreadable),
            "--as-of",
            "31/12/2023",
            "--quiet",
            "--max-invalid",
            "100",
        )
        assert code == 0


class TestWhatLoads:
    """Babel is loaded only by the commands that write numbers."""

    def test_import_and_deadline_do_not_load_babel(self) -> None:
        script = (
            "import sys\n"
            "import tthc\n"
            "before = 'babel' in sys.modules\n"
            "from tthc.cli import main\n"
            "code = main(['deadline', '09/01/2026 16:30', '5 ngày làm việc', '--json'])\n"
            "print(before, 'babel' in sys.modules, code, file=sys.stderr)\n"
        )
        done = subprocess.run(  # noqa: S603 - the test's own interpreter and script
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.split() == ["False", "False", "0"]
