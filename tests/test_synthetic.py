"""tthc.analytics.synthetic: seeded synthetic dossier tables, consistent with the library.

Rules under test: the same seed gives the same table; every row is a valid dossier snapshot at
the end of the year (invalid_dossier_rows finds nothing); each row's due instant is the one
compute_deadline gives for its receipt, processing time and completed supplement waits (checked
through the row's Dossier); the mix, channels, supplements and late tail are there.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from tthc import VN_TZ, Duration, InvalidValueError
from tthc.analytics.synthetic import (
    DEFAULT_MIX,
    SyntheticProcedure,
    dossiers_from_frame,
    synthetic_dossiers,
)
from tthc.analytics.timeliness import classify_timeliness, invalid_dossier_rows
from tthc.dossiers import DOSSIER_CODE_PATTERN, DossierStatus

pd = pytest.importorskip("pandas")

END_2023 = dt.datetime(2024, 1, 1, tzinfo=VN_TZ)


@pytest.fixture(name="year", scope="module")
def fixture_year() -> pd.DataFrame:
    """A synthetic 2023 of 20,000 dossiers."""
    return synthetic_dossiers(20_000, seed=2023)


class TestShape:
    """The table has the documented columns, types and snapshot."""

    def test_columns_and_types(self, year: pd.DataFrame) -> None:
        """Codes are int8, instants aware in Vietnam time, texts categorical."""
        assert len(year) == 20_000
        for name in ("channel", "applicant_type", "status", "supplement_requests"):
            assert year[name].dtype == np.int8, name
        for name in ("submitted_at", "received_at", "due_at", "finished_at", "returned_at"):
            assert str(year[name].dt.tz) == "Asia/Ho_Chi_Minh", name
        for name in ("procedure_code", "sector", "processing_time", "agency"):
            assert isinstance(year[name].dtype, pd.CategoricalDtype), name

    def test_deterministic(self) -> None:
        """The same seed gives the same table; another seed another one."""
        a, b = synthetic_dossiers(2_000, seed=5), synthetic_dossiers(2_000, seed=5)
        pd.testing.assert_frame_equal(a, b)
        assert not synthetic_dossiers(2_000, seed=6).equals(a)

    def test_empty(self) -> None:
        """Zero rows is an empty table with the same columns."""
        empty = synthetic_dossiers(0)
        assert len(empty) == 0
        assert list(empty.columns) == list(synthetic_dossiers(10).columns)

    def test_numpy_dict(self) -> None:
        """as_frame=False gives numpy arrays, instants in UTC."""
        table = synthetic_dossiers(500, seed=3, as_frame=False)
        frame = synthetic_dossiers(500, seed=3)
        assert table["due_at"].dtype == np.dtype("datetime64[us]")
        expected = (
            frame["due_at"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[us]")
        )
        np.testing.assert_array_equal(table["due_at"], expected)
        assert table["procedure_code"][0] == frame["procedure_code"].iloc[0]

    def test_codes(self) -> None:
        """Dossier codes have the national shape and are unique, numbered per agency and day."""
        frame = synthetic_dossiers(5_000, seed=4, codes=True)
        assert frame["code"].is_unique
        assert all(DOSSIER_CODE_PATTERN.fullmatch(c) for c in frame["code"])
        first = frame.sort_values("submitted_at").groupby(
            ["agency", frame["code"].str[14:20]], observed=True
        )
        assert set(first["code"].first().str[-5:]) == {"00001"}

    def test_snapshot_at_the_end_of_the_year(self, year: pd.DataFrame) -> None:
        """Receipts fall in 2023, finishes by the end of it; open dossiers have no finish."""
        received = year["received_at"].dropna()
        assert received.min() >= pd.Timestamp("2023-01-01", tz="Asia/Ho_Chi_Minh")
        assert received.max() < pd.Timestamp("2024-01-01", tz="Asia/Ho_Chi_Minh")
        assert year["finished_at"].max() < pd.Timestamp("2024-01-01", tz="Asia/Ho_Chi_Minh")
        open_ = year["status"].isin([2, 4, 5, 6])
        assert year.loc[open_, "finished_at"].isna().all()
        assert year.loc[~open_ & year["received_at"].notna(), "finished_at"].notna().all()

    def test_valid_rows(self, year: pd.DataFrame) -> None:
        """Every row is a valid dossier for the columnar path."""
        assert invalid_dossier_rows(year) == {}


class TestRealism:
    """The table looks like a year of one-stop dossiers."""

    def test_statuses(self, year: pd.DataFrame) -> None:
        """Mostly returned, a few open, refused, withdrawn, stopped, waiting or not received."""
        counts = year["status"].value_counts(normalize=True)
        assert counts[DossierStatus.RETURNED] > 0.9
        assert set(counts.index) >= {1, 3, 4, 5, 7, 8, 9, 10}

    def test_channels_and_mix(self, year: pd.DataFrame) -> None:
        """All three channels, and the procedures in about their weights."""
        assert set(year["channel"]) == {1, 2, 3}
        shares = year["procedure_code"].value_counts(normalize=True)
        assert abs(shares["9.000001"] - 0.30) < 0.02
        assert (
            year.groupby("procedure_code", observed=True)["processing_time"].nunique().max() == 1
        )

    def test_supplements_and_late_tail(self, year: pd.DataFrame) -> None:
        """Some supplement requests (a few twice), a late tail of about one or two percent."""
        requests = year["supplement_requests"].value_counts(normalize=True)
        assert 0.02 < requests[1] < 0.1
        assert 0 < requests[2] < 0.01
        classes = classify_timeliness(year, as_of=END_2023).value_counts(normalize=True)
        assert 0.003 < classes["late"] < 0.03
        assert classes["early"] + classes["on_time"] > 0.95

    def test_certification_same_day(self, year: pd.DataFrame) -> None:
        """Same-day procedures are due on the receipt day, or the next working day after 15:00."""
        same = year[year["procedure_code"] == "9.000001"]
        assert len(same) > 0
        local = same["received_at"].dropna()
        due = same.loc[local.index, "due_at"]
        before = (local.dt.hour * 3600 + local.dt.minute * 60 + local.dt.second) <= 15 * 3600
        assert (due[before].dt.date == local[before].dt.date).all()
        assert (due[~before].dt.date > local[~before].dt.date).all()


class TestConsistency:
    """Rule: rows are what the library computes for their dossiers."""

    def test_due_at_is_compute_deadline(self, year: pd.DataFrame) -> None:
        """Each row's due_at is its Dossier's due_at (compute_deadline with the supplement waits)."""
        rows = list(range(0, 20_000, 37)) + list(
            np.flatnonzero(year["supplement_requests"].to_numpy() > 0)[:300]
        )
        for position, d in zip(rows, dossiers_from_frame(year, rows), strict=True):
            due = year["due_at"].iloc[position]
            assert d.due_at == (None if pd.isna(due) else due), position
            assert d.status == year["status"].iloc[position]
            assert d.supplement_requests == year["supplement_requests"].iloc[position]

    def test_dossier_codes_from_rows(self) -> None:
        """dossiers_from_frame uses the code column, or builds codes of the national shape."""
        frame = synthetic_dossiers(50, seed=9, codes=True)
        assert [d.code for d in dossiers_from_frame(frame)] == frame["code"].tolist()
        assert all(
            DOSSIER_CODE_PATTERN.fullmatch(d.code)
            for d in dossiers_from_frame(frame.drop(columns="code"))
        )


class TestArguments:
    """Bad arguments are refused naming the argument and the value."""

    @pytest.mark.parametrize(
        ("kwargs", "field", "bad"),
        [
            ({"n": -1}, "synthetic_dossiers(n)", -1),
            ({"n": 2.5}, "synthetic_dossiers(n)", 2.5),
            ({"n": 10, "seed": "x"}, "synthetic_dossiers(seed)", "x"),
            ({"n": 10, "mix": ()}, "synthetic_dossiers(mix)", ()),
        ],
    )
    def test_bad(self, kwargs: dict[str, object], field: str, bad: object) -> None:
        """Each bad argument raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            synthetic_dossiers(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"code": "1.1193"}, "SyntheticProcedure.code"),
            (
                {"processing_time": Duration.calendar_days(30)},
                "SyntheticProcedure.processing_time",
            ),
            ({"processing_time": Duration.working_days(0)}, "SyntheticProcedure.processing_time"),
            ({"weight": 0}, "SyntheticProcedure.weight"),
            ({"online": 1.5}, "SyntheticProcedure.online"),
            ({"online": 0.9, "postal": 0.2}, "SyntheticProcedure.postal"),
        ],
    )
    def test_bad_procedure(self, changes: dict[str, object], field: str) -> None:
        """A synthetic procedure checks its fields."""
        fields: dict[str, object] = {
            "code": "9.000009",
            "sector": "Thử",
            "processing_time": Duration.working_days(5),
            "weight": 1,
            **changes,
        }
        bad = changes[field.split(".")[1]]
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            SyntheticProcedure(**fields)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_own_mix(self) -> None:
        """A custom mix of one procedure gives only its dossiers."""
        mix = [
            SyntheticProcedure(
                code="9.000009", sector="Thử", processing_time=Duration.working_days(2), weight=1
            )
        ]
        frame = synthetic_dossiers(300, seed=1, mix=mix, year=2025)
        assert set(frame["procedure_code"]) == {"9.000009"}
        assert frame["received_at"].dropna().dt.year.eq(2025).all()

    def test_default_mix(self) -> None:
        """The default mix has same-day and working-day procedures."""
        assert {str(p.processing_time) for p in DEFAULT_MIX} >= {
            "trong ngày; tiếp nhận sau 15:00 thì trả trong ngày làm việc tiếp theo",
            "3 ngày làm việc",
        }
