"""Real inputs from real users in the library (issue 16): read them right or refuse them.

Rules under test, each quoting the input of the issue that showed it:

* a processing time given as text is accepted wherever a ``Duration`` is, and read with
  ``Duration.parse`` (one text for a whole column too);
* item 1: text receipts are read day first (``dd/mm/yyyy``, seconds allowed) as the command
  line reads them, ISO text with an offset is read with that offset, an explicit ``format=`` is
  accepted, and a column written month first is refused rather than guessed;
* item 4: a list of aware datetimes gives aware datetimes back, in Vietnam time, not naive UTC;
* item 5: a dossier table exported with ``dd/mm/yyyy`` timestamps is read, not marked invalid.

Expected instants are counted by hand on the 2026 schedule (Saturday 10 January 2026 worked,
Công văn 12729/VPCP-KGVX): a Friday 16:30 receipt plus 5 working days is Thursday 15 January
2026 at 16:30, and a Thursday 5 February 09:00 receipt is Thursday 12 February 09:00.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tthc.deadlines import VN_TZ, compute_deadline
from tthc.durations import Duration
from tthc.errors import DurationParseError, InvalidValueError


def vn(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class TestDurationAsText:
    """A processing time as published ('5 ngày làm việc') is read where a Duration is taken."""

    def test_compute_deadline_reads_the_text(self) -> None:
        answer = compute_deadline(vn(9, 1, 16, 30), "5 ngày làm việc")
        assert answer.due_at == vn(15, 1, 16, 30)
        assert answer.duration == Duration.working_days(5)

    def test_bad_text_says_what_is_expected(self) -> None:
        with pytest.raises(DurationParseError, match=r"'5 ngayy'"):
            compute_deadline(vn(9, 1, 16, 30), "5 ngayy")

    def test_other_types_are_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"a tthc.Duration or its text") as info:
            compute_deadline(vn(9, 1, 16, 30), 5)  # type: ignore[arg-type]
        assert info.value.field == "compute_deadline(duration)"


pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from tthc.analytics.synthetic import synthetic_dossiers  # noqa: E402
from tthc.analytics.timeliness import classify_timeliness  # noqa: E402
from tthc.cli import main  # noqa: E402
from tthc.deadlines import compute_deadlines  # noqa: E402

FIVE = Duration.parse("5 ngày làm việc")


def wall(values: object) -> list[str]:
    """Due instants as Vietnam wall-clock text, whatever kind of column they come in."""
    return [
        pd.Timestamp(v).tz_convert("Asia/Ho_Chi_Minh").strftime("%d/%m/%Y %H:%M:%S")
        for v in values
    ]


class TestTextReceipts:
    """Issue 16 item 1: '09/01/2026 16:30' is 9 January, wherever it is given."""

    def test_the_issue_input_is_read_day_first(self) -> None:
        """The issue's input: due Thu 15/01/2026 16:30 and Thu 12/02/2026 09:00, not September/May."""
        due = compute_deadlines(
            pd.Series(["09/01/2026 16:30", "05/02/2026 09:00"]), FIVE, tz="Asia/Ho_Chi_Minh"
        )
        assert wall(due) == ["15/01/2026 16:30:00", "12/02/2026 09:00:00"]

    @pytest.mark.parametrize(
        "column",
        [
            pytest.param(["09/01/2026 16:30:45"], id="list"),
            pytest.param(np.array(["09/01/2026 16:30:45"]), id="numpy-str"),
            pytest.param(pd.Series(["09/01/2026 16:30:45"]), id="pandas"),
            pytest.param(pd.Series(["9/1/2026 16:30:45"]), id="one-digit-day-and-month"),
        ],
    )
    def test_seconds_and_every_kind_of_column(self, column: object) -> None:
        due = compute_deadlines(column, FIVE, tz="Asia/Ho_Chi_Minh")
        assert wall(due) == ["15/01/2026 16:30:45"]

    @pytest.mark.parametrize(
        "text", ["2026-01-09T16:30+07:00", "2026-01-09T16:30:00+0700", "2026-01-09T09:30Z"]
    )
    def test_iso_with_an_offset_needs_no_tz(self, text: str) -> None:
        """Text with an offset says its instant: read with it (it was refused as naive)."""
        assert wall(compute_deadlines(pd.Series([text]), FIVE)) == ["15/01/2026 16:30:00"]
        assert wall(compute_deadlines([text], FIVE)) == ["15/01/2026 16:30:00"]

    def test_an_explicit_format(self) -> None:
        due = compute_deadlines(
            pd.Series(["01/09/2026 16:30"]), FIVE, tz="Asia/Ho_Chi_Minh", format="%m/%d/%Y %H:%M"
        )
        assert wall(due) == ["15/01/2026 16:30:00"]

    def test_a_column_written_month_first_is_refused(self) -> None:
        """'01/31/2026' has no month 31: the column is month first (or mixed), never guessed."""
        column = pd.Series(["02/01/2026 09:00", "01/31/2026 09:00"])
        with pytest.raises(InvalidValueError, match=r"format='%m/%d/%Y %H:%M'") as info:
            compute_deadlines(column, FIVE, tz="Asia/Ho_Chi_Minh")
        assert info.value.field == "compute_deadlines(received_at) at rows [1]"
        assert info.value.value == "01/31/2026 09:00"

    def test_text_that_is_no_instant_names_its_rows(self) -> None:
        with pytest.raises(InvalidValueError, match=r"dd/mm/yyyy") as info:
            compute_deadlines(["09/01/2026 16:30", "31/02/2026 09:00", "hôm qua"], FIVE, tz="UTC")
        assert info.value.field == "compute_deadlines(received_at) at rows [1, 2]"

    def test_naive_text_still_needs_tz(self) -> None:
        with pytest.raises(InvalidValueError, match=re.escape("compute_deadlines(tz)")):
            compute_deadlines(pd.Series(["09/01/2026 16:30"]), FIVE)


class TestAwareDatetimesKeepTheirZone:
    """Issue 16 item 4: a list of aware datetimes gives aware datetimes, not naive UTC."""

    def test_a_list_of_aware_datetimes(self) -> None:
        received = [vn(9, 1, 16, 30), dt.datetime(2026, 2, 5, 2, 0, tzinfo=dt.UTC)]
        due = compute_deadlines(received, FIVE)
        assert isinstance(due, list)
        # The same answers as the scalar calculator, as aware instants in Vietnam time.
        assert due == [compute_deadline(r, FIVE).due_at for r in received]
        assert [(d.hour, d.minute, d.utcoffset()) for d in due] == [
            (16, 30, dt.timedelta(hours=7)),
            (9, 0, dt.timedelta(hours=7)),
        ]

    def test_a_missing_receipt_gives_none(self) -> None:
        due = compute_deadlines([vn(9, 1, 16, 30), None], FIVE, missing="propagate")
        assert due == [vn(15, 1, 16, 30), None]


class TestDurationTextForAColumn:
    """One processing-time text for a whole column (it was a raw pandas TypeError)."""

    def test_one_text_for_every_row(self) -> None:
        received = pd.Series(
            pd.to_datetime(["2026-01-09 16:30", "2026-02-05 09:00"])
        ).dt.tz_localize("Asia/Ho_Chi_Minh")
        due = compute_deadlines(received, "5 ngày làm việc")
        assert wall(due) == ["15/01/2026 16:30:00", "12/02/2026 09:00:00"]

    def test_a_column_of_texts(self) -> None:
        due = compute_deadlines(
            ["09/01/2026 16:30", "09/01/2026 16:30"],
            pd.Series(["5 ngày làm việc", "1 ngày làm việc"]),
            tz="Asia/Ho_Chi_Minh",
        )
        assert wall(due) == ["15/01/2026 16:30:00", "10/01/2026 16:30:00"]


@pytest.fixture(name="exports")
def fixture_exports(tmp_path):
    """The same synthetic dossiers written twice: ISO with offsets, and dd/mm/yyyy (no offset)."""
    frame = synthetic_dossiers(300, seed=16, year=2023)
    iso = tmp_path / "iso.csv"
    frame.to_csv(iso, index=False)
    vn_frame = frame.copy()
    for name in vn_frame.columns:
        if str(vn_frame[name].dtype).startswith("datetime64"):
            vn_frame[name] = vn_frame[name].dt.strftime("%d/%m/%Y %H:%M:%S")
    exported = tmp_path / "export-ddmmyyyy.csv"
    vn_frame.to_csv(exported, index=False)
    return iso, exported


class TestDayFirstExports:
    """Issue 16 item 5: a CSV exported with dd/mm/yyyy timestamps is read, not marked invalid."""

    AS_OF = dt.datetime(2024, 1, 1, tzinfo=VN_TZ)

    def test_classified_as_the_iso_export(self, exports) -> None:
        iso, exported = exports
        expected = classify_timeliness(pd.read_csv(iso), as_of=self.AS_OF, invalid="mark")
        got = classify_timeliness(
            pd.read_csv(exported), as_of=self.AS_OF, invalid="mark", tz="Asia/Ho_Chi_Minh"
        )
        assert (got.astype(str) == "invalid").sum() == 0
        assert got.astype(str).tolist() == expected.astype(str).tolist()

    def test_the_report_command_reads_it(self, capsys, exports) -> None:
        _, exported = exports
        code = main(
            [
                "report",
                str(exported),
                "--as-of",
                "31/12/2023",
                "--tz",
                "Asia/Ho_Chi_Minh",
                "--quiet",
                "--json",
            ]
        )
        out, err = capsys.readouterr()
        assert code == 0, err
        import json  # noqa: PLC0415

        assert json.loads(out)["invalid"]["count"] == 0

    def test_without_tz_the_command_names_it(self, capsys, exports) -> None:
        _, exported = exports
        code = main(["report", str(exported), "--as-of", "31/12/2023", "--quiet", "--lang", "en"])
        _, err = capsys.readouterr()
        assert code == 2
        assert "--tz Asia/Ho_Chi_Minh" in err
        assert "classify_timeliness" not in err

    def test_a_month_first_export_names_time_format(self, capsys, tmp_path) -> None:
        path = tmp_path / "us.csv"
        path.write_text(
            "agency,procedure_code,status,received_at,due_at,finished_at\n"
            "A,1.000001,9,01/31/2023 09:00,02/07/2023 09:00,02/03/2023 09:00\n",
            encoding="utf-8",
        )
        argv = [
            "report",
            str(path),
            "--as-of",
            "31/12/2023",
            "--tz",
            "Asia/Ho_Chi_Minh",
            "--quiet",
        ]
        code = main([*argv, "--lang", "en"])
        _, err = capsys.readouterr()
        assert code == 2
        assert "--time-format '%m/%d/%Y %H:%M'" in err
        code = main([*argv, "--time-format", "%m/%d/%Y %H:%M", "--json"])
        out, _ = capsys.readouterr()
        assert code == 0
        import json  # noqa: PLC0415

        assert json.loads(out)["overall"]["early"] == 1

    def test_the_report_names_the_last_day_of_the_period(self, capsys, exports) -> None:
        """--as-of 31/12/2023 is printed as the end of 31/12/2023, not as 01/01/2024 00:00."""
        iso, _ = exports
        code = main(["report", str(iso), "--as-of", "31/12/2023", "--quiet", "--by", "month"])
        out, _ = capsys.readouterr()
        assert code == 0
        assert "Tính đến: 31/12/2023 24:00 (hết ngày)" in out.splitlines()
        assert "01/01/2024" not in out
