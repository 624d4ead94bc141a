"""tthc.analytics tables, charts and report: count frames, indicator tables, charts, the HTML report.

Rules under test: Decision 766/QĐ-TTg technical formula document, indicator 2.1 (research notes
vn_legal.md §2.3): the on-time rate is (early + on time + within time) over the dossiers
received or handled in the period; §6.2: rates shown with 2 decimals, N/A when the denominator
is 0; indicator 3.3: a missing channel counts as in person. Every expected count and percentage
below is worked out by hand from the rows of ``HAND`` (each row says what it is and why), never
from tthc.
"""

from __future__ import annotations

import datetime as dt
import decimal
import html.parser
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import attrs
import pytest

from tthc import VN_TZ, Duration, InvalidValueError, LoadError
from tthc.analytics.charts import plot_coverage, plot_on_time_by_month, plot_timeliness_shares
from tthc.analytics.coverage import catalogue_coverage
from tthc.analytics.reporting import InvalidRow, report
from tthc.analytics.tables import (
    CHANNEL_COLUMNS,
    COUNT_COLUMNS,
    MISSING_KEY,
    RATE_COLUMNS,
    finalize_indicator_table,
    format_indicator_table,
    indicator_table,
    timeliness_count_frame,
)
from tthc.indicators import OnlineCoverage
from tthc.procedures import Channel, ChannelOption, Procedure, ProcedureCase, Step
from tthc.procedures.service_levels import OnlineServiceLevel

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
pytest.importorskip("matplotlib")

# The end of March 2023 (24:00 Vietnam time): the reporting instant of HAND.
AS_OF = dt.datetime(2023, 4, 1, tzinfo=VN_TZ)

COLUMNS = (
    "agency",
    "procedure_code",
    "channel",
    "status",
    "received_at",
    "due_at",
    "finished_at",
    "supplement_requests",
)
# One row per dossier; the comment says its class (at AS_OF, date granularity) and its month of
# receipt in Vietnam time.
HAND = [
    # 0: finished 12/01 before the due day 13/01: early, January
    ("A", "1.000101", 2, 10, "2023-01-10T09:00+07:00", "2023-01-13T17:00+07:00", "2023-01-12T10:00+07:00", 0),
    # 1: finished 03/02 17:30, due 03/02 16:00, same day: on time (late by instant), January
    ("A", "1.000101", 1, 9, "2023-01-31T16:00+07:00", "2023-02-03T16:00+07:00", "2023-02-03T17:30+07:00", 0),
    # 2: finished 07/02 after the due day 06/02: late, February
    ("A", "1.000102", 3, 10, "2023-02-01T08:00+07:00", "2023-02-06T08:00+07:00", "2023-02-07T09:00+07:00", 0),
    # 3: open, due 05/04 after AS_OF: within time, March
    ("A", "1.000102", 2, 4, "2023-03-20T09:00+07:00", "2023-04-05T09:00+07:00", None, 0),
    # 4: open, due 20/02 before AS_OF: overdue, February
    ("B", "1.000101", 1, 4, "2023-02-10T09:00+07:00", "2023-02-20T09:00+07:00", None, 0),
    # 5: received 31/01 18:30 UTC = 01/02 01:30 in Vietnam: February; early; channel missing
    ("B", "1.000101", None, 10, "2023-01-31T18:30Z", "2023-02-08T17:00+07:00", "2023-02-02T10:00+07:00", 0),
    # 6: submitted, never received: not classified, no month
    ("B", "1.000102", 2, 1, None, None, None, 0),
    # 7: status 12 is not a code: invalid, March
    ("B", "1.000102", 2, 12, "2023-03-01T09:00+07:00", "2023-03-06T09:00+07:00", None, 0),
    # 8: finished before its receipt: invalid, March
    ("B", "1.000101", 2, 10, "2023-03-02T09:00+07:00", "2023-03-05T09:00+07:00", "2023-03-01T09:00+07:00", 0),
    # 9: received in May, after AS_OF: not classified, May
    ("A", "1.000101", 1, 10, "2023-05-02T09:00+07:00", "2023-05-05T09:00+07:00", "2023-05-03T09:00+07:00", 0),
    # 10: finished early by date but a supplement was asked twice: late, March
    ("A", "1.000102", 2, 10, "2023-03-01T09:00+07:00", "2023-03-10T09:00+07:00", "2023-03-03T09:00+07:00", 2),
]  # fmt: skip

# Hand counts: received, finished, early, on_time, late, within_time, overdue, unclassified,
# invalid; then online, in_person, postal, other_channel (among the received).
BY_AGENCY = {
    # rows 0 1 2 3 10 received (0 early, 1 on time, 2 and 10 late, 3 within); 9 unclassified;
    # channels 2 1 3 2 2
    "A": (5, 4, 1, 1, 2, 1, 0, 1, 0, 3, 1, 1, 0),
    # rows 4 (overdue) and 5 (early) received; 6 unclassified; 7 and 8 invalid; channels 1, none
    "B": (2, 1, 1, 0, 0, 0, 1, 1, 2, 0, 2, 0, 0),
}
BY_MONTH = {
    MISSING_KEY: (0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),  # row 6
    "2023-01": (2, 2, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0),  # rows 0, 1
    "2023-02": (3, 2, 1, 0, 1, 0, 1, 0, 0, 0, 2, 1, 0),  # rows 2, 4, 5
    "2023-03": (2, 1, 0, 0, 1, 1, 0, 0, 2, 2, 0, 0, 0),  # rows 3, 10; 7 and 8 invalid
    "2023-05": (0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),  # row 9
}
OVERALL = (7, 5, 2, 1, 2, 1, 1, 2, 2, 3, 3, 1, 0)
ALL_COUNTS = (*COUNT_COLUMNS, *CHANNEL_COLUMNS)


def hand_frame() -> pd.DataFrame:
    frame = pd.DataFrame(HAND, columns=list(COLUMNS))
    frame["channel"] = frame["channel"].astype("Int64")
    return frame


def as_tuples(frame: pd.DataFrame) -> dict[object, tuple[int, ...]]:
    return {
        k: tuple(int(v) for v in row)
        for k, row in zip(frame.index, frame[list(ALL_COUNTS)].to_numpy(), strict=True)
    }


class TestCountFrame:
    """timeliness_count_frame: whole counts per group, every row in exactly one group."""

    def test_by_agency(self) -> None:
        """The counts per agency are the hand counts."""
        counts = timeliness_count_frame(hand_frame(), by="agency", as_of=AS_OF)
        assert list(counts.columns) == list(ALL_COUNTS)
        assert counts.index.name == "agency"
        assert as_tuples(counts) == BY_AGENCY
        assert all(str(t) == "int64" for t in counts.dtypes)

    def test_by_month_in_vietnam_time(self) -> None:
        """Months come from the receipt instant in Vietnam time; no receipt is MISSING_KEY."""
        counts = timeliness_count_frame(hand_frame(), by="month", as_of=AS_OF)
        assert as_tuples(counts) == BY_MONTH

    def test_default_by_agency_and_month(self) -> None:
        """The default groups are (agency, month); agency A in March is rows 3 and 10."""
        counts = timeliness_count_frame(hand_frame(), as_of=AS_OF)
        assert list(counts.index.names) == ["agency", "month"]
        assert as_tuples(counts)[("A", "2023-03")] == (2, 1, 0, 0, 1, 1, 0, 0, 0, 2, 0, 0, 0)
        assert as_tuples(counts)[("B", "2023-03")] == (0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0)
        assert len(counts) == 7  # A: 01 02 03 05; B: (none) 02 03

    def test_whole_table(self) -> None:
        """by=() gives one row; its counts add up to the 11 rows."""
        counts = timeliness_count_frame(hand_frame(), by=(), as_of=AS_OF)
        assert len(counts) == 1
        assert tuple(int(v) for v in counts[list(ALL_COUNTS)].iloc[0]) == OVERALL
        row = counts.iloc[0]
        assert row["received"] + row["unclassified"] + row["invalid"] == len(HAND)

    def test_quarter_and_year(self) -> None:
        """Quarters and years are derived like months."""
        quarter = timeliness_count_frame(hand_frame(), by="quarter", as_of=AS_OF)
        assert list(quarter.index) == [MISSING_KEY, "2023-Q1", "2023-Q2"]
        assert quarter.loc["2023-Q1", "received"] == 7
        assert quarter.loc["2023-Q2", "unclassified"] == 1
        year = timeliness_count_frame(hand_frame(), by="year", as_of=AS_OF)
        assert year.loc["2023", "invalid"] == 2

    def test_instant_granularity(self) -> None:
        """By instant, row 1 (finished 17:30, due 16:00) is late instead of on time."""
        counts = timeliness_count_frame(
            hand_frame(), by="agency", as_of=AS_OF, granularity="instant"
        )
        assert counts.loc["A", "on_time"] == 0
        assert counts.loc["A", "late"] == 3

    def test_partitions_add_up(self) -> None:
        """Count frames of partitions (one empty), concatenated and summed by the keys, equal
        the frame of the whole table, index types included."""
        frame = hand_frame()
        parts = [frame.iloc[0:4], frame.iloc[4:4], frame.iloc[4:5], frame.iloc[5:11]]
        by = ["agency", "month"]
        summed = pd.concat([timeliness_count_frame(p, by=by, as_of=AS_OF) for p in parts])
        summed = summed.groupby(by).sum()
        whole = timeliness_count_frame(frame, by=by, as_of=AS_OF)
        pd.testing.assert_frame_equal(summed, whole)
        # And the rates of the summed counts are those of the whole table.
        pd.testing.assert_frame_equal(
            finalize_indicator_table(summed), finalize_indicator_table(whole)
        )
        alone = [timeliness_count_frame(p, by=(), as_of=AS_OF) for p in parts]
        pd.testing.assert_frame_equal(
            pd.concat(alone).groupby(level=0).sum(),
            timeliness_count_frame(frame, by=(), as_of=AS_OF),
        )

    def test_without_channel(self) -> None:
        """channel=None, or a table without the column, gives no channel counts."""
        frame = hand_frame()
        assert list(
            timeliness_count_frame(frame, by="agency", as_of=AS_OF, channel=None).columns
        ) == list(COUNT_COLUMNS)
        no_column = frame.drop(columns="channel")
        assert list(timeliness_count_frame(no_column, by="agency", as_of=AS_OF).columns) == list(
            COUNT_COLUMNS
        )

    def test_renamed_columns(self) -> None:
        """columns= maps roles to other names; the month follows the renamed receipt column."""
        frame = hand_frame().rename(
            columns={"status": "TrangThaiHoSo", "received_at": "NgayTiepNhan"}
        )
        counts = timeliness_count_frame(
            frame,
            by="month",
            as_of=AS_OF,
            columns={"status": "TrangThaiHoSo", "received_at": "NgayTiepNhan"},
        )
        assert as_tuples(counts) == BY_MONTH

    def test_empty_table(self) -> None:
        """An empty table gives no groups, or one row of zeros for by=()."""
        frame = hand_frame().iloc[:0]
        assert len(timeliness_count_frame(frame, as_of=AS_OF)) == 0
        whole = timeliness_count_frame(frame, by=(), as_of=AS_OF)
        assert whole[list(ALL_COUNTS)].to_numpy().tolist() == [[0] * len(ALL_COUNTS)]

    def test_many_groups(self) -> None:
        """More groups than the dense limit (70,000 distinct keys) are counted one by one."""
        n = 70_000
        frame = pd.DataFrame(
            {
                "code": [f"X{i:06d}" for i in range(n)],
                "agency": ["A", "B"] * (n // 2),
                "status": 10,
                "received_at": pd.Timestamp("2023-03-01 09:00", tz="Asia/Ho_Chi_Minh"),
                "due_at": pd.Timestamp("2023-03-06 09:00", tz="Asia/Ho_Chi_Minh"),
                "finished_at": pd.Timestamp("2023-03-02 09:00", tz="Asia/Ho_Chi_Minh"),
            }
        )
        counts = timeliness_count_frame(frame, by=("code", "agency"), as_of=AS_OF)
        assert len(counts) == n
        assert (counts["early"] == 1).all()
        assert counts.index[1] == ("X000001", "B")

    def test_missing_key_values_are_kept(self) -> None:
        """Rows whose key is missing are counted under MISSING_KEY, not dropped."""
        frame = hand_frame()
        frame.loc[[0, 6], "agency"] = None
        counts = timeliness_count_frame(frame, by="agency", as_of=AS_OF)
        assert counts.loc[MISSING_KEY, "early"] == 1  # row 0
        assert counts.loc[MISSING_KEY, "unclassified"] == 1  # row 6
        assert int(counts[["received", "unclassified", "invalid"]].to_numpy().sum()) == len(HAND)

    def test_missing_key_column(self) -> None:
        """A key column that is not in the table is a LoadError naming it."""
        with pytest.raises(LoadError, match="'office'"):
            timeliness_count_frame(hand_frame(), by="office", as_of=AS_OF)

    @pytest.mark.parametrize(
        "by", [("agency", "agency"), ("",), (3,)], ids=["twice", "blank", "int"]
    )
    def test_bad_by(self, by: tuple[object, ...]) -> None:
        """Keys must be distinct, non-blank names."""
        with pytest.raises(InvalidValueError, match=re.escape("timeliness_count_frame(by)")):
            timeliness_count_frame(hand_frame(), by=by, as_of=AS_OF)  # type: ignore[arg-type]

    def test_bad_table(self) -> None:
        """A table of an unknown kind is refused."""
        with pytest.raises(InvalidValueError, match="timeliness_count_frame"):
            timeliness_count_frame([1, 2, 3], as_of=AS_OF)


class TestInputs:
    """The same counts from every kind of table the library reads."""

    def expected(self) -> dict[object, tuple[int, ...]]:
        return BY_AGENCY

    def test_polars(self) -> None:
        pl = pytest.importorskip("polars")
        frame = pl.from_pandas(hand_frame())
        assert as_tuples(timeliness_count_frame(frame, by="agency", as_of=AS_OF)) == BY_AGENCY

    def test_arrow(self) -> None:
        pa = pytest.importorskip("pyarrow")
        table = pa.Table.from_pandas(hand_frame())
        assert as_tuples(timeliness_count_frame(table, by="agency", as_of=AS_OF)) == BY_AGENCY

    def test_mapping_of_arrays(self) -> None:
        frame = hand_frame()
        columns = {c: frame[c].to_numpy(dtype=object) for c in frame.columns}
        columns["channel"] = frame["channel"].to_numpy(dtype=float, na_value=np.nan)
        assert as_tuples(timeliness_count_frame(columns, by="month", as_of=AS_OF)) == BY_MONTH

    @pytest.mark.parametrize("suffix", [".csv", ".parquet"])
    def test_files(self, tmp_path, suffix: str) -> None:
        """CSV and Parquet files; key columns of a CSV stay text (codes are not numbers)."""
        pytest.importorskip("pyarrow")
        frame = hand_frame()
        frame["procedure_code"] = ["1.001190", "1.001190", "2.000100", *["1.001190"] * 8]
        frame["agency"] = ["000.00.10.H26"] * 11
        path = tmp_path / f"dossiers{suffix}"
        if suffix == ".csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path)
        counts = timeliness_count_frame(path, by=("agency", "procedure_code"), as_of=AS_OF)
        assert list(counts.index) == [("000.00.10.H26", "1.001190"), ("000.00.10.H26", "2.000100")]
        assert counts.loc[("000.00.10.H26", "2.000100"), "late"] == 1  # row 2
        assert int(counts["received"].sum()) == 7

    def test_unreadable_file(self, tmp_path) -> None:
        pytest.importorskip("pyarrow")
        path = tmp_path / "broken.parquet"
        path.write_bytes(b"not parquet")
        with pytest.raises(LoadError, match="cannot read"):
            timeliness_count_frame(path, as_of=AS_OF)

    def test_other_suffix(self, tmp_path) -> None:
        with pytest.raises(InvalidValueError, match=r"\.csv or \.parquet"):
            timeliness_count_frame(tmp_path / "dossiers.xlsx", as_of=AS_OF)


class TestFinalize:
    """finalize_indicator_table: exact percentages, 2 places half-up, N/A for a zero denominator."""

    def test_rates_by_agency(self) -> None:
        """Agency A: 2.1 = 3/5, finished on time 2/4, shares 1/4 1/4 2/4, overdue 0/1, online 3/5.
        Agency B: 2.1 = 1/2, finished on time 1/1, early 1/1, overdue 1/1, online 0/2."""
        table = indicator_table(hand_frame(), by="agency", as_of=AS_OF)
        assert list(table.columns) == [*ALL_COUNTS, *RATE_COLUMNS]
        expected = {
            "A": ["60.00", "50.00", "25.00", "25.00", "50.00", "0.00", "60.00"],
            "B": ["50.00", "100.00", "100.00", "0.00", "0.00", "100.00", "0.00"],
        }
        for agency, values in expected.items():
            assert table.loc[agency, list(RATE_COLUMNS)].tolist() == [Decimal(v) for v in values]

    def test_not_applicable(self) -> None:
        """A month with nothing received has every rate None (N/A); 2.1 of the whole is 4/7."""
        table = indicator_table(hand_frame(), by="month", as_of=AS_OF)
        assert table.loc["2023-05", list(RATE_COLUMNS)].tolist() == [None] * len(RATE_COLUMNS)
        # March: 2.1 = (0 + 0 + 1)/2; finished on time 0/1; overdue 0/1.
        assert table.loc["2023-03", "on_time_rate"] == Decimal("50.00")
        whole = indicator_table(hand_frame(), by=(), as_of=AS_OF)
        assert whole["on_time_rate"].iloc[0] == Decimal("57.14")  # 4/7 = 57.142...

    def test_published_example_and_half_up(self) -> None:
        """211/706 = 29.887 % is 29.89 (vn_legal.md §0); 1/160 = 0.625 % is 0.63 half-up,
        0.62 half-even, where a float would round to 0.62."""
        counts = pd.DataFrame(
            {
                "received": [706, 160],
                "finished": [706, 160],
                "early": [200, 1],
                "on_time": [11, 0],
                "late": [495, 159],
                "within_time": [0, 0],
                "overdue": [0, 0],
                "unclassified": [0, 0],
                "invalid": [0, 0],
            },
            index=pd.Index(["report", "half"], name="case"),
        )
        table = finalize_indicator_table(counts)
        assert table.loc["report", "on_time_rate"] == Decimal("29.89")
        assert table.loc["half", "early_share"] == Decimal("0.63")
        even = finalize_indicator_table(counts, rounding=decimal.ROUND_HALF_EVEN)
        assert even.loc["half", "early_share"] == Decimal("0.62")
        one = finalize_indicator_table(counts, places=1, rounding=decimal.ROUND_DOWN)
        assert one.loc["report", "on_time_rate"] == Decimal("29.8")  # the published "29.8 %"
        assert "online_share" not in table.columns
        assert table.index.name == "case"

    def test_does_not_change_its_input(self) -> None:
        counts = timeliness_count_frame(hand_frame(), by="agency", as_of=AS_OF)
        before = counts.copy()
        finalize_indicator_table(counts)
        pd.testing.assert_frame_equal(counts, before)

    def test_inconsistent_counts(self) -> None:
        """received must be finished + within + overdue, finished early + on time + late."""
        counts = timeliness_count_frame(hand_frame(), by="agency", as_of=AS_OF)
        counts.loc["B", "received"] = 3
        with pytest.raises(InvalidValueError, match="received = finished"):
            finalize_indicator_table(counts)

    def test_missing_column(self) -> None:
        counts = timeliness_count_frame(hand_frame(), by="agency", as_of=AS_OF).drop(
            columns="late"
        )
        with pytest.raises(InvalidValueError, match="late"):
            finalize_indicator_table(counts)

    @pytest.mark.parametrize("value", [-1, 0.5], ids=["negative", "float"])
    def test_counts_must_be_whole_and_positive(self, value: float) -> None:
        counts = timeliness_count_frame(hand_frame(), by="agency", as_of=AS_OF)
        counts["invalid"] = counts["invalid"].astype(type(value))
        counts.loc["A", "invalid"] = value
        with pytest.raises(InvalidValueError, match=re.escape("counts['invalid']")):
            finalize_indicator_table(counts)

    def test_not_a_frame(self) -> None:
        with pytest.raises(InvalidValueError, match="a pandas DataFrame"):
            finalize_indicator_table({"received": [1]})  # type: ignore[arg-type]


class TestText:
    """format_indicator_table: aligned plain text."""

    def test_table_with_total(self) -> None:
        table = indicator_table(hand_frame(), by="agency", as_of=AS_OF, channel=None)
        total = indicator_table(hand_frame(), by=(), as_of=AS_OF, channel=None)
        text = format_indicator_table(table, language="en", total=total)
        lines = text.splitlines()
        assert lines[0].split()[:3] == ["Agency", "Received", "Finished"]
        assert lines[1].split() == [
            "A",
            "5",
            "4",
            "1",
            "1",
            "2",
            "1",
            "0",
            "60.00",
            "50.00",
            "0",
            "1",
        ]
        assert lines[-1].split() == [
            "Total",
            "7",
            "5",
            "2",
            "1",
            "2",
            "1",
            "1",
            "57.14",
            "60.00",
            "2",
            "2",
        ]
        assert len({len(line) for line in lines}) == 1  # aligned: every line as wide

    def test_vietnamese_headers_and_na(self) -> None:
        table = indicator_table(hand_frame(), by="month", as_of=AS_OF)
        text = format_indicator_table(table, max_rows=2)
        assert text.splitlines()[0].startswith("Tháng")
        assert "Tỷ lệ 2.1 (%)" in text
        # Rows without a month are "(không có)" in Vietnamese text ("(none)" in the frame).
        assert text.splitlines()[1].split()[:3] == ["(không", "có)", "0"]
        assert table.index[0] == MISSING_KEY
        assert "N/A" in text.splitlines()[1]
        assert text.splitlines()[-1] == "… và 3 nhóm khác"

    def test_vietnamese_numbers(self) -> None:
        """Vietnamese text writes rates with a decimal comma (57,14); English with a point."""
        table = indicator_table(hand_frame(), by="agency", as_of=AS_OF)
        total = indicator_table(hand_frame(), by=(), as_of=AS_OF)
        vi = format_indicator_table(table, total=total)
        en = format_indicator_table(table, total=total, language="en")
        assert "57,14" in vi.splitlines()[-1].split()
        assert "57.14" in en.splitlines()[-1].split()

    def test_bad_language(self) -> None:
        table = indicator_table(hand_frame(), by="month", as_of=AS_OF)
        with pytest.raises(InvalidValueError, match="'vi' or 'en'"):
            format_indicator_table(table, language="fr")


def procedure(code: str, **changes: object) -> Procedure:
    return attrs.evolve(
        Procedure(code=code, name=f"Thủ tục {code}", cases=[ProcedureCase()]), **changes
    )


class TestCoverage:
    """catalogue_coverage: each procedure once, at its level; the eligible flag as denominator."""

    def test_declared_levels(self) -> None:
        """2 full (1 eligible), 1 partial (eligible), 1 none: online 3/4, full of eligible 1/2."""
        catalogue = [
            procedure(
                "1.000001", online_level=OnlineServiceLevel.FULL, eligible_for_full_online=True
            ),
            procedure("1.000002", online_level=OnlineServiceLevel.FULL),
            procedure(
                "1.000003", online_level=OnlineServiceLevel.PARTIAL, eligible_for_full_online=True
            ),
            procedure("1.000004"),
        ]
        c = catalogue_coverage(catalogue)
        assert (c.procedures, c.full, c.partial, c.eligible, c.full_eligible) == (4, 2, 1, 2, 1)
        assert str(c.online) == "3/4 (75.00 %)"

    def test_derived_levels(self) -> None:
        """Derived: online submission, every step online and the result by post is full."""
        online = ChannelOption(channel=Channel.ONLINE, processing_time=Duration.working_days(3))
        full = procedure(
            "1.000005",
            cases=[ProcedureCase(channels=[online])],
            steps=[Step(description="Nộp hồ sơ", channels=[Channel.ONLINE])],
            result_channels=[Channel.POSTAL],
            online_level=None,
        )
        c = catalogue_coverage([full], levels="derived")
        assert (c.full, c.partial) == (1, 0)
        assert catalogue_coverage([full]).full == 0

    def test_bad_items(self) -> None:
        with pytest.raises(InvalidValueError, match="Procedure items"):
            catalogue_coverage(["1.000001"])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="'declared' or 'derived'"):
            catalogue_coverage([], levels="official")


class TestCharts:
    """The data each chart is drawn from; the figures themselves are matplotlib's."""

    def test_on_time_by_month(self) -> None:
        """Lines: 2.1 per month (100, 33.33, 50, N/A in May) and finished on time (100, 50, 0)."""
        table = indicator_table(hand_frame(), by="month", as_of=AS_OF)
        fig = plot_on_time_by_month(table)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "2023-01",
            "2023-02",
            "2023-03",
            "2023-05",
        ]
        rate, finished = (line.get_ydata() for line in ax.get_lines())
        np.testing.assert_array_equal(rate, [100.0, 33.33, 50.0, np.nan])
        np.testing.assert_array_equal(finished, [100.0, 50.0, 0.0, np.nan])

    def test_shares_by_agency(self) -> None:
        """Bars: A is 1/4 early, 1/4 on time, 2/4 late; B is all early."""
        table = indicator_table(hand_frame(), by="agency", as_of=AS_OF)
        fig = plot_timeliness_shares(table)
        early, on_time, late = fig.axes[0].containers
        assert [p.get_width() for p in early] == [25.0, 100.0]
        assert [p.get_width() for p in on_time] == [25.0, 0.0]
        assert [p.get_width() for p in late] == [50.0, 0.0]
        assert [p.get_x() for p in late] == [50.0, 100.0]  # stacked after early and on time

    def test_shares_vertical_and_limited(self) -> None:
        """Vertical bars; with max_bars=1 only the group with most received dossiers (A)."""
        table = indicator_table(hand_frame(), by="agency", as_of=AS_OF)
        fig = plot_timeliness_shares(table, horizontal=False, max_bars=1)
        early = fig.axes[0].containers[0]
        assert [p.get_height() for p in early] == [25.0]
        assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["A"]

    def test_coverage(self) -> None:
        """Bars: all procedures 2 full, 2 partial, 1 none; eligible 2 full, 1 not full."""
        coverage = OnlineCoverage(procedures=5, full=2, partial=2, eligible=3, full_eligible=2)
        fig = plot_coverage(coverage, language="en")
        full, partial, none, not_full = fig.axes[0].containers
        assert [p.get_width() for p in full] == [2, 2]
        assert [(p.get_x(), p.get_width()) for p in partial] == [(2, 2)]
        assert [(p.get_x(), p.get_width()) for p in none] == [(4, 1)]
        assert [(p.get_x(), p.get_width()) for p in not_full] == [(2, 1)]
        assert [t.get_text() for t in fig.legends[0].get_texts()] == [
            "Full",
            "Partial",
            "No online service",
            "Not full",
        ]
        with pytest.raises(InvalidValueError, match="OnlineCoverage"):
            plot_coverage(None)  # type: ignore[arg-type]

    def test_two_keys_refused(self) -> None:
        table = indicator_table(hand_frame(), as_of=AS_OF)
        with pytest.raises(InvalidValueError, match="grouped by one key"):
            plot_on_time_by_month(table)

    def test_no_data(self) -> None:
        """An empty table still gives a chart (saying there is no data)."""
        table = indicator_table(hand_frame().iloc[:0], by="month", as_of=AS_OF)
        fig = plot_on_time_by_month(table)
        assert [t.get_text() for t in fig.axes[0].texts] == ["Không có dữ liệu"]


class HTMLCheck(html.parser.HTMLParser):
    """Collects tags, attributes and text of a page, and checks that tags close."""

    VOID = frozenset({"meta", "img", "br", "link", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def catalogue() -> list[Procedure]:
    return [
        procedure("1.000101", online_level=OnlineServiceLevel.FULL, eligible_for_full_online=True),
        procedure(
            "1.000102", online_level=OnlineServiceLevel.PARTIAL, eligible_for_full_online=True
        ),
        procedure("1.000103"),
    ]


class TestReport:
    """report(): the tables, bad rows, text, HTML and files of a dossier table."""

    def test_tables(self) -> None:
        r = report(hand_frame(), as_of=AS_OF)
        assert r.rows == len(HAND)
        assert as_tuples(r.by_agency) == BY_AGENCY
        assert as_tuples(r.by_month) == BY_MONTH
        assert r.by_procedure is not None
        assert r.by_procedure.index.name == "procedure"
        # 1.000101: rows 0 (early), 1 (on time), 4 (overdue), 5 (early); 8 invalid; 9 unclassified
        assert as_tuples(r.by_procedure)["1.000101"] == (4, 3, 2, 1, 0, 0, 1, 1, 1, 1, 3, 0, 0)
        assert str(r.timeliness.on_time_rate) == "4/7 (57.14 %)"
        assert r.coverage is None

    def test_invalid_rows_listed(self) -> None:
        """Bad rows are counted and listed with their problems, in table order."""
        r = report(hand_frame(), as_of=AS_OF)
        assert r.invalid.count == 2
        assert r.invalid.first == (
            InvalidRow(row=7, problems=("status: not a dossier status code (1-10)",)),
            InvalidRow(row=8, problems=("finished_at: before received_at",)),
        )
        assert dict(r.invalid.by_problem) == {
            "status: not a dossier status code (1-10)": 1,
            "finished_at: before received_at": 1,
        }
        text = r.to_text()
        assert "Dòng không hợp lệ: 2" in text
        # The problems in the report's language (the JSON and the attributes keep English).
        assert "Dòng 8: finished_at: trước received_at" in text
        assert "Dòng 7: status: không phải mã trạng thái hồ sơ (1-10)" in text
        en = report(hand_frame(), as_of=AS_OF, language="en").to_text()
        assert "Row 8: finished_at: before received_at" in en

    def test_invalid_rows_of_other_tables(self) -> None:
        """The same rows are found in polars and pyarrow tables."""
        pl = pytest.importorskip("polars")
        pa = pytest.importorskip("pyarrow")
        for table in (pl.from_pandas(hand_frame()), pa.Table.from_pandas(hand_frame())):
            assert [row.row for row in report(table, as_of=AS_OF).invalid.first] == [7, 8]

    def test_catalogue(self) -> None:
        """A catalogue gives coverage by level and the procedures' names."""
        r = report(hand_frame(), as_of=AS_OF, catalogue=catalogue())
        assert r.coverage is not None
        assert (r.coverage.full, r.coverage.partial, r.coverage.eligible) == (1, 1, 2)
        assert r.by_procedure is not None
        assert r.by_procedure["name"].tolist() == ["Thủ tục 1.000101", "Thủ tục 1.000102"]
        text = r.to_text()
        assert "Toàn trình / đủ điều kiện" in text
        assert "1/2  50,00 %" in text

    def test_without_agency_or_procedure(self) -> None:
        r = report(hand_frame(), as_of=AS_OF, agency=None, procedure=None)
        assert r.by_agency is None
        assert r.by_procedure is None
        assert "timeliness_by_agency" not in r.figures()

    def test_progress(self) -> None:
        lines: list[str] = []
        report(hand_frame(), as_of=AS_OF, progress=lines.append, language="en")
        assert lines[0] == "classifying 11 dossiers"
        assert "counting by month" in lines
        assert lines[-1] == "listing the invalid rows"
        lines.clear()
        report(hand_frame(), as_of=AS_OF, progress=lines.append)
        assert lines[0] == "phân loại 11 hồ sơ"
        assert "đếm theo tháng" in lines
        assert lines[-1] == "liệt kê các dòng không hợp lệ"

    def test_text_sections(self) -> None:
        text = report(hand_frame(), as_of=AS_OF, language="en").to_text(tables=["month"])
        assert "As of: 31/03/2023 24:00 (end of day)" in text
        assert "By month:" in text
        assert "By agency:" not in text
        with pytest.raises(InvalidValueError, match="names among"):
            report(hand_frame(), as_of=AS_OF).to_text(tables=["office"])

    def test_to_dict_is_json(self) -> None:
        data = report(hand_frame(), as_of=AS_OF, catalogue=catalogue()).to_dict()
        again = json.loads(json.dumps(data))
        assert again["overall"]["on_time_rate"] == "57.14"
        month = {row["month"]: row for row in again["by_month"]}
        assert month["2023-05"]["on_time_rate"] is None
        assert month["2023-02"]["overdue"] == 1
        assert again["invalid"]["first"][0] == {
            "row": 7,
            "problems": ["status: not a dossier status code (1-10)"],
        }
        assert again["coverage"]["full_of_eligible_percent"] == "50.00"

    def test_html_is_self_contained_and_escaped(self) -> None:
        """One page: no script, no external reference, data images, text escaped."""
        frame = hand_frame()
        frame.loc[frame["agency"] == "B", "agency"] = "<script>alert('x')</script> & co"
        page = report(frame, as_of=AS_OF, catalogue=catalogue()).to_html(image_format="png")
        check = HTMLCheck()
        check.feed(page)
        check.close()
        assert check.open == []
        assert all(tag != "script" for tag, _ in check.tags)
        images = [a["src"] for tag, a in check.tags if tag == "img"]
        assert len(images) == 4
        assert all(src is not None and src.startswith("data:image/png;base64,") for src in images)
        assert not [a for _, attrs_ in check.tags for a in attrs_.values() if a and "://" in a]
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
        assert "<script>alert" not in page

    def test_save(self, tmp_path) -> None:
        """Every chart in PNG and SVG, and report.html; files are valid and reproducible."""
        r = report(hand_frame(), as_of=AS_OF, catalogue=catalogue(), output_dir=tmp_path)
        names = sorted(p.name for p in tmp_path.iterdir())
        charts = ["coverage", "on_time_by_month", "timeliness_by_agency", "timeliness_by_month"]
        assert names == sorted(
            [*(f"{c}.{f}" for c in charts for f in ("png", "svg")), "report.html"]
        )
        for chart in charts:
            png = (tmp_path / f"{chart}.png").read_bytes()
            assert png.startswith(b"\x89PNG\r\n\x1a\n")
            assert len(png) > 1000
            root = ET.fromstring((tmp_path / f"{chart}.svg").read_bytes())  # noqa: S314 - ours
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert page.count("data:image/svg+xml;base64,") == 4
        again = r.save(tmp_path / "again", formats=["svg"], html=False)
        assert [p.name for p in again] == [
            f"{c}.svg" for c in [charts[1], charts[2], charts[3], charts[0]]
        ]
        assert (tmp_path / "again" / "coverage.svg").read_bytes() == (
            tmp_path / "coverage.svg"
        ).read_bytes()

    def test_save_html_only(self, tmp_path) -> None:
        written = report(hand_frame(), as_of=AS_OF).save(tmp_path, formats=())
        assert [p.name for p in written] == ["report.html"]
        with pytest.raises(InvalidValueError, match="'png' and/or 'svg'"):
            report(hand_frame(), as_of=AS_OF).save(tmp_path, formats=["pdf"])

    def test_html_without_charts(self) -> None:
        page = report(hand_frame(), as_of=AS_OF).to_html(charts=False, max_rows=1)
        assert "<img" not in page
        assert "… và 4 nhóm khác" in page
        with pytest.raises(InvalidValueError, match="'svg' or 'png'"):
            report(hand_frame(), as_of=AS_OF).to_html(image_format="gif")

    def test_synthetic_year(self) -> None:
        """On a synthetic year every row is counted once, per month as per agency."""
        from tthc.analytics.synthetic import synthetic_dossiers  # noqa: PLC0415

        r = report(synthetic_dossiers(3_000, seed=11), as_of=dt.datetime(2024, 1, 1, tzinfo=VN_TZ))
        for table in (r.by_month, r.by_agency, r.by_procedure):
            assert table is not None
            sums = table[["received", "unclassified", "invalid"]].to_numpy().sum()
            assert int(sums) == 3_000
        assert r.invalid.count == 0


class TestNames:
    """The report names keep their meaning whichever modules are loaded."""

    def test_analytics_report_is_the_function(self) -> None:
        """tthc.analytics.report is the function, after every reporting module is imported."""
        import tthc.analytics  # noqa: PLC0415
        import tthc.analytics.reporting  # noqa: PLC0415
        import tthc.analytics.reports  # noqa: PLC0415

        assert tthc.analytics.report is tthc.analytics.reporting.report
        assert tthc.analytics.reports.report is report
        assert tthc.analytics.reports.plot_coverage is plot_coverage

    def test_old_module_has_every_old_name(self) -> None:
        """tthc.analytics.reports and .frames still give every name they gave."""
        import tthc.analytics.frames  # noqa: PLC0415
        import tthc.analytics.reports  # noqa: PLC0415

        for module in (tthc.analytics.frames, tthc.analytics.reports):
            for name in module.__all__:
                assert getattr(module, name) is getattr(tthc.analytics, name), name
