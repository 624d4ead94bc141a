"""tthc.analytics.timeliness.classify_timeliness: the per-dossier rules over whole tables, and bad rows.

Rules under test (Decision 766/QĐ-TTg technical formula document, indicator 2.1; research notes
vn_legal.md §1.9, §2.3): end date before / on / after the due date is early / on time / late;
more than one supplement request is late (overdue while unfinished); an unfinished dossier is
within time or overdue at the reporting instant, the open supplement request standing for it
while waiting; dossiers never received are not classified. Expected classes are worked out by
hand from the instants in each row.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from tthc import VN_TZ, InvalidValueError, LoadError
from tthc.analytics.synthetic import dossiers_from_frame, synthetic_dossiers
from tthc.analytics.timeliness import (
    DOSSIER_COLUMNS,
    TIMELINESS_CATEGORIES,
    classify_timeliness,
    invalid_dossier_rows,
)
from tthc.dossiers import classify

pd = pytest.importorskip("pandas")

AS_OF = dt.datetime(2026, 3, 31, 17, tzinfo=VN_TZ)
REC = "2026-03-02T09:00:00+07:00"
DUE = "2026-03-05T09:00:00+07:00"

# status, received_at, due_at, finished_at, supplement_requests, supplement_requested_at, expected
HAND = [
    (9, REC, DUE, "2026-03-04T15:00:00+07:00", 0, None, "early"),
    (10, REC, DUE, "2026-03-05T16:00:00+07:00", 0, None, "on_time"),
    (9, REC, DUE, "2026-03-06T08:30:00+07:00", 0, None, "late"),
    (9, REC, DUE, "2026-03-04T15:00:00+07:00", 2, None, "late"),  # asked twice
    (4, REC, "2026-03-31T09:00:00+07:00", None, 0, None, "within_time"),  # due on the report day
    (4, REC, DUE, None, 0, None, "overdue"),
    (5, REC, DUE, None, 1, "2026-03-04T10:00:00+07:00", "within_time"),  # waiting since before due
    (5, REC, DUE, None, 1, "2026-03-06T10:00:00+07:00", "overdue"),  # asked after the due day
    (1, None, None, None, 0, None, None),  # submitted, not received
    (3, None, None, None, 0, None, None),  # refused at reception
    (7, None, None, None, 0, None, None),  # withdrawn before receipt
    (7, REC, DUE, "2026-03-03T09:00:00+07:00", 0, None, "early"),  # withdrawn after receipt
    (3, REC, DUE, "2026-03-06T09:00:00+07:00", 1, None, "late"),  # refused after receipt
    (4, REC, "2026-03-31T09:00:00+07:00", None, 2, None, "overdue"),  # asked twice
    (
        9,
        REC,
        "2026-03-05T00:00:00+07:00",
        "2026-03-04T23:00:00+07:00",
        0,
        None,
        "on_time",
    ),  # 24:00
    (2, "2026-04-01T09:00:00+07:00", "2026-04-06T09:00:00+07:00", None, 0, None, None),  # later
    (9, REC, DUE, "2026-04-02T09:00:00+07:00", 0, None, "overdue"),  # finished after the report
]
EXPECTED = [row[-1] for row in HAND]


def hand_frame() -> pd.DataFrame:
    rows = [row[:-1] for row in HAND]
    frame = pd.DataFrame(rows, columns=list(DOSSIER_COLUMNS))
    for role in ("received_at", "due_at", "finished_at", "supplement_requested_at"):
        frame[role] = pd.to_datetime(frame[role], utc=True).dt.tz_convert("Asia/Ho_Chi_Minh")
    return frame


def as_list(column: object) -> list[object]:
    """A classification column of any kind as a list of texts and None."""
    if isinstance(column, pd.Series):
        return [None if pd.isna(v) else v for v in column.tolist()]
    if isinstance(column, np.ndarray):
        return column.tolist()
    if hasattr(column, "to_list"):
        return column.to_list()  # polars
    return column.to_pylist()  # type: ignore[attr-defined]


class TestHandCases:
    """Rule: each row is classified as the rule for its case says (the table's comments name the case)."""

    def test_pandas(self) -> None:
        """A pandas frame gives a categorical Series with the table's index."""
        frame = hand_frame()
        frame.index = frame.index + 100
        result = classify_timeliness(frame, as_of=AS_OF)
        assert result.name == "timeliness"
        assert list(result.cat.categories) == list(TIMELINESS_CATEGORIES)
        assert list(result.index) == list(frame.index)
        assert as_list(result) == EXPECTED

    def test_without_supplement_count(self) -> None:
        """Without the count column the more-than-once rule is not applied."""
        frame = hand_frame().drop(columns=["supplement_requests"])
        result = as_list(classify_timeliness(frame, as_of=AS_OF))
        assert result[3] == "early"
        assert result[13] == "within_time"

    def test_instant_granularity(self) -> None:
        """By instant, resolved on the due day after the due instant is late; at 24:00 early."""
        result = as_list(classify_timeliness(hand_frame(), as_of=AS_OF, granularity="instant"))
        assert result[1] == "late"
        assert result[14] == "early"
        assert result[4] == "overdue"  # 17:00 is after 09:00 on the due day

    def test_all_finished_needs_no_as_of(self) -> None:
        """A table of finished (or never received) dossiers needs no reporting instant."""
        frame = hand_frame().iloc[[0, 1, 2, 8, 9]]
        assert as_list(classify_timeliness(frame)) == ["early", "on_time", "late", None, None]

    def test_as_of_required_for_unfinished(self) -> None:
        """Unfinished rows without a reporting instant are an error naming the first one."""
        with pytest.raises(InvalidValueError, match=re.escape("first: row 4")) as info:
            classify_timeliness(hand_frame())
        assert info.value.field == "classify_timeliness(as_of)"


class TestInputs:
    """Every supported input gives the same classes."""

    def test_polars(self) -> None:
        """A polars frame gives a polars Enum Series."""
        pl = pytest.importorskip("polars")
        result = classify_timeliness(pl.from_pandas(hand_frame()), as_of=AS_OF)
        assert isinstance(result, pl.Series)
        assert result.dtype == pl.Enum(list(TIMELINESS_CATEGORIES))
        assert as_list(result) == EXPECTED

    def test_pyarrow_table(self) -> None:
        """A pyarrow Table gives a dictionary array."""
        pa = pytest.importorskip("pyarrow")
        result = classify_timeliness(pa.Table.from_pandas(hand_frame()), as_of=AS_OF)
        assert isinstance(result, pa.DictionaryArray)
        assert as_list(result) == EXPECTED

    def test_mapping_of_numpy_arrays(self) -> None:
        """A mapping of numpy columns (naive UTC instants with tz='UTC') gives an object array."""
        frame = hand_frame()
        table = {
            name: (
                frame[name].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[us]")
                if name.endswith("_at")
                else frame[name].to_numpy()
            )
            for name in frame.columns
        }
        result = classify_timeliness(table, as_of=AS_OF, tz="UTC")
        assert isinstance(result, np.ndarray)
        assert result.tolist() == EXPECTED

    @pytest.mark.parametrize("suffix", [".csv", ".parquet"])
    def test_files(self, tmp_path: object, suffix: str) -> None:
        """CSV and Parquet files are read (only the needed columns) and classified."""
        pytest.importorskip("pyarrow")
        path = tmp_path / f"dossiers{suffix}"  # type: ignore[operator]
        frame = hand_frame().assign(note="not needed")
        if suffix == ".csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path)
        assert as_list(classify_timeliness(path, as_of=AS_OF)) == EXPECTED
        assert as_list(classify_timeliness(str(path), as_of=AS_OF)) == EXPECTED

    def test_text_instants(self) -> None:
        """ISO 8601 with offsets, naive ISO with tz=, and the sync format yyyyMMddHHmmss all read."""
        frame = pd.DataFrame(
            {
                "status": ["9", "9", "9"],
                "received_at": ["2026-03-02T02:00:00Z", "2026-03-02 09:00", "20260302090000"],
                "due_at": [DUE, "2026-03-05 09:00", "20260305090000"],
                "finished_at": ["2026-03-04T15:00+07:00", "2026-03-05 16:00", "20260306083000"],
            }
        )
        result = classify_timeliness(frame, tz="Asia/Ho_Chi_Minh")
        assert as_list(result) == ["early", "on_time", "late"]

    def test_naive_instants_need_tz(self) -> None:
        """Naive instants without tz= are refused, never guessed."""
        frame = hand_frame()
        frame["received_at"] = frame["received_at"].dt.tz_localize(None)
        with pytest.raises(InvalidValueError, match="received_at"):
            classify_timeliness(frame, as_of=AS_OF)

    def test_renamed_columns(self) -> None:
        """columns= maps roles to the table's own names."""
        frame = hand_frame().rename(
            columns={"status": "TrangThaiHoSo", "finished_at": "NgayKetThucXuLy"}
        )
        result = classify_timeliness(
            frame,
            as_of=AS_OF,
            columns={"status": "TrangThaiHoSo", "finished_at": "NgayKetThucXuLy"},
        )
        assert as_list(result) == EXPECTED

    def test_missing_column(self) -> None:
        """A missing required column is one LoadError naming it."""
        with pytest.raises(LoadError, match=re.escape("missing column 'due_at'")):
            classify_timeliness(hand_frame().drop(columns=["due_at"]), as_of=AS_OF)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"granularity": "day"}, "classify_timeliness(granularity)"),
            ({"invalid": "drop"}, "classify_timeliness(invalid)"),
            ({"columns": {"colour": "x"}}, "classify_timeliness(columns)"),
            ({"as_of": dt.datetime(2026, 3, 31)}, "classify_timeliness(as_of)"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object], field: str) -> None:
        """Bad arguments raise InvalidValueError naming the argument and the value."""
        bad = next(iter(kwargs.values()))
        expected = sorted(bad) if isinstance(bad, dict) else bad
        with pytest.raises(InvalidValueError, match=re.escape(repr(expected))) as info:
            classify_timeliness(hand_frame(), **kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize("bad", [42, "dossiers.xlsx"])
    def test_bad_table(self, bad: object) -> None:
        """Something that is not a table or a CSV/Parquet path is refused."""
        with pytest.raises(
            InvalidValueError, match=re.escape(repr(bad) if isinstance(bad, str) else "int")
        ):
            classify_timeliness(bad)


# One valid row, then one bad row per problem (comments say which).
BAD = pd.DataFrame(
    {
        "status": [9, 12, 9, 9, 9, 4, 5, 2, 9],
        "received_at": [REC, REC, "yesterday", REC, REC, REC, REC, None, REC],
        "due_at": [DUE, DUE, DUE, DUE, None, DUE, DUE, DUE, DUE],
        "finished_at": [
            "2026-03-04T15:00:00+07:00",
            "2026-03-04T15:00:00+07:00",
            "2026-03-04T15:00:00+07:00",
            "2026-03-01T15:00:00+07:00",  # before the receipt
            "2026-03-04T15:00:00+07:00",
            "2026-03-04T15:00:00+07:00",  # on an unfinished status
            None,
            None,
            "2026-03-04T15:00:00+07:00",
        ],
        "supplement_requests": [0, 0, 0, 0, 0, 0, 1, 0, -1],
        "supplement_requested_at": [None] * 9,
    }
)


class TestBadRows:
    """Rule: bad rows are never dropped silently: one error lists them by row, or they are marked."""

    def test_raise_lists_every_problem(self) -> None:
        """Every bad row is named, grouped by problem, in one LoadError."""
        with pytest.raises(LoadError) as info:
            classify_timeliness(BAD, as_of=AS_OF)
        assert info.value.problems == [
            "row 1: status: not a dossier status code (1-10)",
            "row 2: received_at: not an instant",
            "row 8: supplement_requests: not a whole number >= 0",
            "row 7: received_at: missing for a status that needs a receipt (2, 4, 5, 6, 8, 9, 10)",
            "row 4: due_at: missing for a received dossier",
            "row 3: finished_at: before received_at",
            "row 5: finished_at: given for an unfinished status (1, 2, 4, 5, 6)",
            "row 6: supplement_requested_at: missing for status 5 (waiting for a supplement)",
        ]

    def test_mark(self) -> None:
        """With invalid='mark' bad rows are 'invalid' and the good ones classified."""
        result = classify_timeliness(BAD, as_of=AS_OF, invalid="mark")
        assert as_list(result) == ["early"] + ["invalid"] * 8
        assert list(result.cat.categories) == [*TIMELINESS_CATEGORIES, "invalid"]

    def test_report(self) -> None:
        """invalid_dossier_rows gives the rows of each problem."""
        report = invalid_dossier_rows(BAD)
        assert sorted(int(r) for rows in report.values() for r in rows) == list(range(1, 9))
        assert report["finished_at: before received_at"].tolist() == [3]
        assert invalid_dossier_rows(hand_frame()) == {}

    def test_many_rows_are_summarised(self) -> None:
        """Long lists of rows show the first twenty and how many more."""
        frame = pd.DataFrame(
            {
                "status": [12] * 25,
                "received_at": [REC] * 25,
                "due_at": [DUE] * 25,
                "finished_at": [None] * 25,
            }
        )
        with pytest.raises(LoadError) as info:
            classify_timeliness(frame)
        [line] = info.value.problems
        assert line.startswith("rows 0, 1, 2,")
        assert "19 and 5 more: status: not a dossier status code" in line

    def test_waiting_without_the_request_column(self) -> None:
        """Status 5 needs the request instant: without its column the rows are reported."""
        frame = hand_frame().drop(columns=["supplement_requested_at"])
        with pytest.raises(
            LoadError, match=re.escape("rows 6, 7: supplement_requested_at: missing column")
        ):
            classify_timeliness(frame, as_of=AS_OF)


class TestEqualsPerDossier:
    """Rule: the columnar answer equals tthc.dossiers.classify for every row."""

    @pytest.mark.parametrize("granularity", ["date", "instant"])
    def test_synthetic_year(self, granularity: str) -> None:
        """On a synthetic year (every status, supplements, late tails) each row equals its dossier."""
        frame = synthetic_dossiers(3_000, seed=11)
        as_of = dt.datetime(2024, 1, 1, tzinfo=VN_TZ)
        result = as_list(classify_timeliness(frame, as_of=as_of, granularity=granularity))
        expected = []
        for d in dossiers_from_frame(frame):
            t = classify(d, as_of, granularity=granularity)  # type: ignore[arg-type]
            expected.append(None if t is None else t.value)
        assert result == expected
        assert {"early", "on_time", "late", "within_time", None} <= set(result)

    def test_kinds_agree(self) -> None:
        """pandas, polars and pyarrow inputs give the same column."""
        pl = pytest.importorskip("polars")
        pa = pytest.importorskip("pyarrow")
        frame = synthetic_dossiers(2_000, seed=12)
        as_of = dt.datetime(2024, 1, 1, tzinfo=VN_TZ)
        expected = as_list(classify_timeliness(frame, as_of=as_of))
        assert as_list(classify_timeliness(pl.from_pandas(frame), as_of=as_of)) == expected
        assert as_list(classify_timeliness(pa.Table.from_pandas(frame), as_of=as_of)) == expected
