"""Tests of tthc.analytics.steps: the columnar step table equals the per-dossier StepTrack.

The per-dossier path (tthc.dossiers.steps, itself checked against hand cases and a
minute-by-minute oracle) is the reference: for generated dossiers, every row of the columnar
result is the pass of the track it came from. The processes are EXAMPLES generated here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.analytics import _step_pauses
from tthc.analytics.reporting import report
from tthc.analytics.steps import (
    format_time_table,
    invalid_step_rows,
    step_times,
    where_time_goes,
)
from tthc.analytics.synthetic import synthetic_dossiers, synthetic_steps
from tthc.calendar import OfficeHours
from tthc.cli._app import main
from tthc.deadlines import VN_TZ, DeadlinePolicy
from tthc.dossiers import StepAssigned, StepFinished, StepsPaused, StepsResumed, StepTrack
from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError
from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep

UNITS = [
    HandlingUnit(agency="VD.TT", department="Bộ phận Một cửa"),
    HandlingUnit(agency="VD.SO", department="Phòng A"),
    HandlingUnit(agency="VD.SK"),
]
HOURS = {"VD.SK": OfficeHours.parse("07:00-11:30,13:30-17:00")}


@st.composite
def budgets(draw: st.DrawFn) -> Duration | None:
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        return None  # a step whose time is not counted ("Không tính thời gian")
    q = draw(st.integers(min_value=1, max_value=96))  # quarter hours
    if q % 8 == 0 and draw(st.booleans()):
        return Duration.working_days(Decimal(q) / 32)
    return Duration.working_hours(Decimal(q) / 4)


@st.composite
def tracks(draw: st.DrawFn) -> tuple[StepTrack, dt.datetime]:
    """A dossier through a sequential EXAMPLE process, steps taking random times, maybe open."""
    n = draw(st.integers(min_value=1, max_value=5))
    steps = [
        ProcessStep(name=f"B{i}", unit=draw(st.sampled_from(UNITS)), budget=draw(budgets()))
        for i in range(n)
    ]
    process = InternalProcess(
        procedure_code="0.000001",
        processing_time=Duration.working_hours(max(Decimal(1), sum(s.hours for s in steps))),
        receiving_unit=UNITS[0],
        lead_agency=steps[0].unit.agency,
        phases=[Phase(steps=[s]) for s in steps],
    )
    day = draw(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)))
    received = dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ) + dt.timedelta(
        minutes=draw(st.integers(0, 1439))
    )
    track = StepTrack(
        dossier_code="VD.SO-260101-0001",
        received_at=received,
        process=process,
        office_hours=HOURS,
    )
    at = received
    done = draw(st.integers(min_value=0, max_value=n))
    for i, step in enumerate(steps):
        if i > done:
            break
        at += dt.timedelta(minutes=draw(st.integers(0, 600)))
        track = track.apply(StepAssigned(step=step.name, unit=step.unit, at=at))
        if i < done:
            at += dt.timedelta(minutes=draw(st.integers(0, 6 * 24 * 60)))
            track = track.apply(StepFinished(step=step.name, unit=step.unit, at=at))
    as_of = at + dt.timedelta(minutes=draw(st.integers(-600, 5 * 24 * 60)))
    return track, as_of


def table_of(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for name in ("started_at", "finished_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True).dt.tz_convert("Asia/Ho_Chi_Minh")
    return frame


@given(st.lists(tracks(), min_size=1, max_size=6))
def test_columnar_equals_per_dossier(items: list[tuple[StepTrack, dt.datetime]]) -> None:
    """Each row's due instant, office time used and allowed and late flag are the track's."""
    as_of = max(a for _, a in items)
    rows = [row for track, _ in items for row in track.rows(as_of)]
    if not rows:
        return
    table = table_of(rows)
    out = step_times(table, as_of=as_of, office_hours=HOURS)

    def blank(values: pd.Series) -> list[object]:
        """NaT (a step whose time is not counted) as None, comparable."""
        return [None if pd.isna(v) else v for v in values]

    assert blank(out["due_at"]) == [r["due_at"] for r in rows]
    assert list(out["used"]) == [pd.Timedelta(r["used"]) for r in rows]
    assert blank(out["allowed"]) == [r["allowed"] for r in rows]
    assert list(out["late"]) == [r["late"] for r in rows]
    counted = [r["budget"] != "Không tính thời gian" for r in rows]
    assert [r["due_at"] is not None for r in rows] == counted


@st.composite
def paused_tracks(draw: st.DrawFn, number: int) -> tuple[StepTrack, dt.datetime]:
    """A dossier of ``tracks()`` with its own code and waits for the applicant (the last may
    still be open)."""
    track, as_of = draw(tracks())
    waits: list[StepsPaused | StepsResumed] = []
    t = track.received_at + dt.timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
    for k in range(draw(st.integers(0, 3))):
        waits.append(StepsPaused(at=t))
        if k == 2 and draw(st.booleans()):
            break
        t += dt.timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        waits.append(StepsResumed(at=t))
        t += dt.timedelta(minutes=draw(st.integers(0, 2 * 24 * 60)))
    events = sorted([*track.events, *waits], key=lambda e: e.at)  # stable
    code = f"VD.SO-260101-{number:04d}"
    return attrs.evolve(track, dossier_code=code, events=events), as_of


@given(st.data())
def test_columnar_equals_per_dossier_with_pauses(data: st.DataObject) -> None:
    """With pauses: each row's due instant, used, paused, allowed and late flag are the track's."""
    count = data.draw(st.integers(min_value=1, max_value=5))
    items = [data.draw(paused_tracks(k)) for k in range(count)]
    as_of = max(a for _, a in items)
    rows = [row for track, _ in items for row in track.rows(as_of)]
    if not rows:
        return
    table = table_of([{k: v for k, v in r.items() if k != "paused"} for r in rows])
    waits = pd.DataFrame(
        [
            {"dossier_code": track.dossier_code, "paused_at": p.start_at, "resumed_at": p.end_at}
            for track, _ in items
            for p in track.pauses
        ]
        + [
            {"dossier_code": track.dossier_code, "paused_at": open_.at, "resumed_at": None}
            for track, _ in items
            if (open_ := track.paused_since) is not None
        ]
        + [{"dossier_code": "VD.XX-260101-0001", "paused_at": as_of, "resumed_at": None}],
        columns=["dossier_code", "paused_at", "resumed_at"],
    )
    for name in ("paused_at", "resumed_at"):
        waits[name] = pd.to_datetime(waits[name], utc=True)
    out = step_times(table, as_of=as_of, office_hours=HOURS, pauses=waits)
    due = [None if pd.isna(v) else v for v in out["due_at"]]
    assert due == [r["due_at"] for r in rows]
    assert list(out["used"]) == [pd.Timedelta(r["used"]) for r in rows]
    assert list(out["paused"]) == [pd.Timedelta(r["paused"]) for r in rows]
    assert list(out["late"]) == [r["late"] for r in rows]


class TestPauses:
    """The hand case of tests/test_step_pauses.py as a table: a supplement wait Tue 03/03 08:00
    to Fri 06/03 08:00 (24 office hours) saves a 3-day appraisal done Mon 09/03 10:00."""

    STEPS = pd.DataFrame(
        {
            "dossier_code": ["VD.SO-260302-0001", "VD.SO-260302-0002"],
            "started_at": ["2026-03-02T08:00+07:00"] * 2,
            "finished_at": ["2026-03-09T10:00+07:00"] * 2,
            "budget": ["3 ngày làm việc"] * 2,
        }
    )

    def test_on_time_with_the_pause(self) -> None:
        waits = pd.DataFrame(
            {
                "dossier_code": ["VD.SO-260302-0001"],
                "paused_at": ["2026-03-03T08:00+07:00"],
                "resumed_at": ["2026-03-06T08:00+07:00"],
            }
        )
        out = step_times(self.STEPS, pauses=waits)
        assert out["late"].tolist() == [False, True]
        assert out["used"].tolist() == [pd.Timedelta(hours=18), pd.Timedelta(hours=42)]
        assert out["paused"].tolist() == [pd.Timedelta(hours=24), pd.Timedelta(0)]
        assert [t.isoformat() for t in out["due_at"]] == [
            "2026-03-09T17:00:00+07:00",
            "2026-03-04T17:00:00+07:00",
        ]

    def test_without_pauses_no_column(self) -> None:
        assert "paused" not in step_times(self.STEPS).columns

    @pytest.mark.parametrize("lookup", ["arrow", "pandas"])
    @pytest.mark.parametrize("codes", ["text", "object", "categorical", "numbers"])
    def test_dossier_codes_of_any_kind_find_their_pauses(
        self, monkeypatch: pytest.MonkeyPatch, lookup: str, codes: str
    ) -> None:
        """Codes as Arrow text, Python objects, categories or numbers; with or without pyarrow."""
        if lookup == "pandas":

            def no_arrow(*_args: object) -> None:
                raise ImportError

            monkeypatch.setattr(_step_pauses, "arrow", no_arrow)
        steps = self.STEPS.copy()
        ids = ["VD.SO-260302-0001", "VD.SO-260302-0002"]
        paused_code: object = ids[0]
        if codes == "object":
            steps["dossier_code"] = pd.Series(ids, dtype=object)
        elif codes == "categorical":
            steps["dossier_code"] = pd.Categorical(ids)
        elif codes == "numbers":
            steps["dossier_code"] = [1, 2]
            paused_code = 1
        waits = pd.DataFrame(
            {
                "dossier_code": [paused_code],
                "paused_at": ["2026-03-03T08:00+07:00"],
                "resumed_at": ["2026-03-06T08:00+07:00"],
            }
        )
        out = step_times(steps, pauses=waits)
        assert out["paused"].tolist() == [pd.Timedelta(hours=24), pd.Timedelta(0)]
        assert out["late"].tolist() == [False, True]

    def test_bad_rows_in_one_error(self) -> None:
        waits = pd.DataFrame(
            {
                "dossier_code": ["VD.SO-260302-0001", None, "VD.SO-260302-0001", "A", "A"],
                "paused_at": [
                    "2026-03-03T08:00+07:00",
                    "2026-03-03T08:00+07:00",
                    "2026-03-04T08:00+07:00",
                    "later",
                    "2026-03-05T08:00+07:00",
                ],
                "resumed_at": [
                    None,
                    None,
                    "2026-03-05T08:00+07:00",
                    None,
                    "2026-03-04T08:00+07:00",
                ],
            }
        )
        with pytest.raises(LoadError) as info:
            step_times(self.STEPS, as_of=dt.datetime(2026, 3, 9, tzinfo=VN_TZ), pauses=waits)
        text = str(info.value)
        assert "row 1: dossier_code: missing" in text
        assert "row 3: paused_at: not an instant" in text
        assert "row 4: resumed_at: before paused_at" in text
        assert "row 2: overlaps an earlier pause of the same dossier" in text

    def test_arrays_and_other_tables(self) -> None:
        """A mapping of numpy arrays gives a dict with ``paused``; pause tables of every kind."""
        arrays = {
            "dossier_code": np.array(["VD.SO-260302-0001", "VD.SO-260302-0002"], dtype=object),
            "started_at": np.array(["2026-03-02T01:00", "2026-03-02T01:00"], "datetime64[us]"),
            "finished_at": np.array(["2026-03-09T03:00", "2026-03-09T03:00"], "datetime64[us]"),
            "budget": np.array(["3 ngày làm việc"] * 2, dtype=object),
        }
        waits = {
            "dossier_code": np.array(["VD.SO-260302-0001"], dtype=object),
            "paused_at": np.array(["2026-03-03T01:00"], "datetime64[us]"),
            "resumed_at": np.array(["2026-03-06T01:00"], "datetime64[us]"),
        }
        out = step_times(arrays, tz="UTC", pauses=waits)
        assert out["paused"].tolist() == [dt.timedelta(hours=24), dt.timedelta(0)]
        assert out["late"].tolist() == [False, True]
        pa = pytest.importorskip("pyarrow")
        pl = pytest.importorskip("polars")
        frame = pd.DataFrame(waits)
        for table in (pa.table(frame), pl.from_pandas(frame)):
            again = step_times(arrays, tz="UTC", pauses=table)
            assert again["paused"].tolist() == out["paused"].tolist()

    def test_empty_pause_table(self) -> None:
        waits = pd.DataFrame(
            {
                "dossier_code": pd.Series([], dtype=object),
                "paused_at": pd.Series([], dtype="datetime64[us, UTC]"),
                "resumed_at": pd.Series([], dtype="datetime64[us, UTC]"),
            }
        )
        out = step_times(self.STEPS, pauses=waits)
        plain = step_times(self.STEPS)
        assert out.drop(columns="paused").equals(plain)
        assert out["paused"].tolist() == [pd.Timedelta(0)] * 2

    def test_open_pause_without_as_of(self) -> None:
        """Still paused and no reporting instant: the wait is not used and moves no due."""
        waits = pd.DataFrame(
            {
                "dossier_code": ["VD.SO-260302-0001"],
                "paused_at": ["2026-03-06T08:00+07:00"],
                "resumed_at": [None],
            }
        )
        out = step_times(self.STEPS, pauses=waits)
        # Fri 06/03 and Mon 09/03 08:00-10:00 paused: 10 of the 42 office hours.
        assert out["paused"].tolist() == [pd.Timedelta(hours=10), pd.Timedelta(0)]
        assert out["used"].tolist() == [pd.Timedelta(hours=32), pd.Timedelta(hours=42)]
        assert out["due_at"].tolist() == step_times(self.STEPS)["due_at"].tolist()

    def test_codes_needed(self) -> None:
        waits = pd.DataFrame({"dossier_code": [], "paused_at": [], "resumed_at": []}, dtype=object)
        with pytest.raises(LoadError, match="dossier_code"):
            step_times(self.STEPS.drop(columns="dossier_code"), pauses=waits)


class TestInputs:
    """Tables of every kind give the same answer."""

    TABLE = pd.DataFrame(
        {
            "dossier_code": ["VD.SO-260302-0001"] * 3,
            "step": ["A", "B", "C"],
            "agency": ["VD.SO", "VD.SO", "VD.SK"],
            "started_at": [
                "2026-03-02T08:00+07:00",
                "2026-03-03T08:00+07:00",
                "2026-03-04T07:00+07:00",
            ],
            "finished_at": ["2026-03-03T08:00+07:00", None, "2026-03-04T11:00+07:00"],
            "budget": ["1 ngày làm việc", "0,5 ngày làm việc", "4 giờ làm việc"],
        }
    )
    AS_OF = dt.datetime(2026, 3, 3, 15, tzinfo=VN_TZ)

    def test_pandas_text(self) -> None:
        """Text instants with offsets, text budgets; an agency with its own hours."""
        out = step_times(self.TABLE, as_of=self.AS_OF, office_hours=HOURS)
        assert out["due_at"].dt.strftime("%d/%m %H:%M").tolist() == [
            "02/03 17:00",
            "03/03 12:00",
            "04/03 11:00",
        ]
        # A finished at Tue 08:00 = Mon 17:00 in office time: on time; B open, 6 h used of 4.
        assert out["used"].dt.total_seconds().div(3600).tolist() == [8.0, 6.0, 0.0]
        assert out["late"].tolist() == [False, True, False]

    def test_mapping_of_numpy_arrays(self) -> None:
        """A mapping of numpy arrays (naive UTC instants with tz=) gives numpy arrays back."""
        started = np.array(["2026-03-02T01:00", "2026-03-03T01:00"], dtype="datetime64[us]")
        finished = np.array(["2026-03-03T01:00", "NaT"], dtype="datetime64[us]")
        budget = pd.Categorical(["1 ngày làm việc", "0,5 ngày làm việc"])
        out = step_times(
            {"started_at": started, "finished_at": finished, "budget": budget},
            as_of=self.AS_OF,
            tz="UTC",
        )
        assert out["due_at"].tolist() == [dt.datetime(2026, 3, 2, 10), dt.datetime(2026, 3, 3, 5)]
        assert out["late"].tolist() == [False, True]

    def test_durations_as_objects(self) -> None:
        table = self.TABLE.assign(budget=[Duration.parse(b) for b in self.TABLE["budget"]])
        assert step_times(table, as_of=self.AS_OF)["late"].tolist() == [False, True, False]


class TestBadRows:
    """Bad rows are reported by row, all at once."""

    def test_every_problem_with_its_rows(self) -> None:
        table = pd.DataFrame(
            {
                "started_at": [
                    "2026-03-02T08:00+07:00",
                    None,
                    "soon",
                    "2026-03-02T08:00+07:00",
                    "2200-01-01T08:00+07:00",
                ],
                "finished_at": ["2026-03-01T08:00+07:00", None, None, None, None],
                "budget": ["1 ngày làm việc", "30 ngày", "x", None, "1 giờ làm việc"],
            }
        )
        with pytest.raises(LoadError) as info:
            step_times(table, as_of=dt.datetime(2026, 3, 5, tzinfo=VN_TZ))
        assert info.value.problems == [
            "row 2: started_at: not an instant",
            "row 1: started_at: missing",
            "row 0: finished_at: before started_at",
            "row 3: budget: missing",
            "row 1: budget: not in working days or working hours",
            "row 2: budget: not a processing time (such as '0,5 ngày làm việc', '4 giờ làm việc')",
            "row 4: started_at: outside the calendar's years (2013-2100)",
        ]
        assert set(invalid_step_rows(table)) == {
            "started_at: not an instant",
            "started_at: missing",
            "finished_at: before started_at",
            "budget: missing",
            "budget: not in working days or working hours",
            "budget: not a processing time (such as '0,5 ngày làm việc', '4 giờ làm việc')",
            "started_at: outside the calendar's years (2013-2100)",
        }

    def test_missing_column(self) -> None:
        with pytest.raises(LoadError, match="missing column 'budget'"):
            step_times(pd.DataFrame({"started_at": [], "finished_at": []}))

    def test_agency_needed_for_office_hours(self) -> None:
        with pytest.raises(LoadError, match="missing column 'agency'"):
            step_times(
                TestInputs.TABLE.drop(columns="agency"), as_of=TestInputs.AS_OF, office_hours=HOURS
            )

    def test_open_rows_need_as_of(self) -> None:
        with pytest.raises(InvalidValueError, match="1 rows are open"):
            step_times(TestInputs.TABLE)

    def test_civil_code_is_refused(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            step_times(
                TestInputs.TABLE, as_of=TestInputs.AS_OF, policy=DeadlinePolicy.civil_code()
            )
        assert info.value.field == "step_times(policy)"


class TestWhereTimeGoes:
    """The summary per unit and step."""

    def test_summary(self) -> None:
        table = TestInputs.TABLE
        out = where_time_goes(table, step_times(table, as_of=TestInputs.AS_OF, office_hours=HOURS))
        assert list(out.index) == [("VD.SO", "B"), ("VD.SK", "C"), ("VD.SO", "A")]
        assert out["late_share"].tolist() == [1.0, 0.0, 0.0]
        assert out.loc[("VD.SO", "B"), "median_ratio"] == 1.5

    def test_lengths_must_match(self) -> None:
        with pytest.raises(InvalidValueError):
            where_time_goes(TestInputs.TABLE, TestInputs.TABLE.iloc[:1])

    def test_steps_not_counted_have_no_ratio(self) -> None:
        """A return step "Không tính thời gian" has hours used but no budget to compare with."""
        steps = pd.DataFrame(
            {"agency": ["A", "A", "A"], "step": ["Thẩm định", "Trả kết quả", "Trả kết quả"]}
        )
        times = pd.DataFrame(
            {
                "used": pd.to_timedelta([4, 2, 6], unit="h"),
                "allowed": pd.to_timedelta([8, None, None], unit="h"),
                "late": [False, False, False],
            }
        )
        out = where_time_goes(steps, times)
        returned = out.loc[("A", "Trả kết quả")]
        assert returned["median_used_h"] == 4.0  # (2 + 6) / 2
        assert np.isnan(returned["median_ratio"])
        assert np.isnan(returned["p90_ratio"])
        assert out.loc[("A", "Thẩm định"), "median_ratio"] == 0.5
        text = format_time_table(out, language="en")
        assert "Trả kết quả" in text
        assert "nan" not in text
        assert "—" in text


class TestSyntheticSteps:
    """synthetic_steps: a seeded year of step rows that step_times reads."""

    def test_seeded_and_consistent(self) -> None:
        a = synthetic_steps(300, seed=3)
        b = synthetic_steps(300, seed=3)
        pd.testing.assert_frame_equal(a, b)
        assert a.groupby("dossier_code", observed=True).size().max() == 5
        finished = a["finished_at"].notna()
        assert (a.loc[finished, "finished_at"] >= a.loc[finished, "started_at"]).all()
        assert (a["started_at"] < pd.Timestamp("2026-01-01", tz="Asia/Ho_Chi_Minh")).all()
        out = step_times(a, as_of=dt.datetime(2026, 1, 1, tzinfo=VN_TZ))
        assert 0.05 < out["late"].mean() < 0.3
        slowest = where_time_goes(a, out).index[0]
        assert slowest[1:] == ("Phòng B", "Thẩm định")

    def test_arrays_give_the_same_times(self) -> None:
        """The compact form (integer codes) gives the same answer as the frame."""
        frame = synthetic_steps(200, seed=4)
        arrays = synthetic_steps(200, seed=4, as_frame=False)
        budget = pd.Categorical.from_codes(
            arrays["budget"], categories=frame["budget"].cat.categories
        )
        as_of = dt.datetime(2026, 1, 1, tzinfo=VN_TZ)
        out = step_times({**arrays, "budget": budget}, as_of=as_of, tz="UTC")
        expected = step_times(frame, as_of=as_of)
        assert (out["late"] == expected["late"].to_numpy()).all()
        assert (out["used"] == expected["used"].to_numpy()).all()

    def test_negative_count(self) -> None:
        with pytest.raises(InvalidValueError):
            synthetic_steps(-1)


class TestReportSection:
    """The report's section "where the time goes", in text, HTML, JSON and a chart."""

    def test_section(self) -> None:
        as_of = dt.datetime(2026, 1, 1, tzinfo=VN_TZ)
        steps = synthetic_steps(300, seed=5)
        r = report(synthetic_dossiers(300, seed=5), as_of=as_of, steps=steps, language="en")
        expected = where_time_goes(steps, step_times(steps, as_of=as_of))
        pd.testing.assert_frame_equal(r.where_time_goes, expected)
        text = r.to_text(max_rows=3)
        assert "Where the time goes: by unit and step:" in text
        assert "Phòng B" in text
        page = r.to_html(charts=False)
        assert "<h2>Where the time goes: by unit and step</h2>" in page
        data = r.to_dict()
        assert data["where_time_goes"][0]["step"] == expected.index[0][2]
        figure = r.figures()["where_time_goes"]
        assert len(figure.axes[0].patches) == len(expected)

    def test_without_steps_nothing_changes(self) -> None:
        r = report(synthetic_dossiers(50, seed=5), as_of=dt.datetime(2026, 1, 1, tzinfo=VN_TZ))
        assert r.where_time_goes is None
        assert r.to_dict()["where_time_goes"] is None
        assert "where_time_goes" not in r.figures()


class TestReportCommand:
    """tthc report --steps FILE adds the section."""

    def test_csv_step_table(self, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
        dossiers = tmp_path / "dossiers.csv"
        synthetic_dossiers(100, seed=2).to_csv(dossiers, index=False)
        steps = tmp_path / "steps.csv"
        synthetic_steps(100, seed=2).to_csv(steps, index=False)
        code = main(
            [
                "report",
                str(dossiers),
                "--as-of",
                "31/12/2025",
                "--steps",
                str(steps),
                "--lang",
                "en",
                "--quiet",
            ]
        )
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "Where the time goes: by unit and step:" in out
        assert "Thẩm định" in out
