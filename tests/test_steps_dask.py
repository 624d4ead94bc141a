"""tthc.analytics.steps_dask: step tables on Dask give the single-machine answers exactly.

The reference answers come from tthc.analytics.steps on the whole pandas table (step_times,
where_time_goes, invalid_step_rows, and the LoadError of step_times), so these tests check the
decomposition (partials per partition, merged in a tree, finalized on the client), not the
kernels. The quantiles are also checked against an exact rational oracle written here. Cluster
tests run on a distributed.LocalCluster of two worker processes on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import re
import subprocess
import sys
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.analytics import _time_counts
from tthc.analytics import steps as single
from tthc.analytics.reporting import report
from tthc.analytics.synthetic import synthetic_dossiers, synthetic_steps
from tthc.calendar import OfficeHours
from tthc.errors import InvalidValueError, LoadError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from tthc.analytics import steps_dask  # noqa: E402 - after the importorskip of the optional extra

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

AS_OF = dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ)
BY_OPTIONS = [("agency", "department", "step"), ("agency", "step"), ("department",), ("step",)]
SYNCHRONOUS = {"scheduler": "synchronous"}

# dask's Parquet reader (dask 2026.8) calls DataFrame.reset_index(inplace=True), which pandas
# 3.1 deprecates (a DeprecationWarning), in this process when the local schedulers read Parquet.
DASK_PARQUET_INPLACE = pytest.mark.filterwarnings(
    "ignore:The inplace keyword in DataFrame.reset_index is deprecated:DeprecationWarning"
)

CLUSTER: dict[str, Any] = {
    "n_workers": 2,
    "threads_per_worker": 1,
    "processes": True,
    "memory_limit": "1GiB",
    "host": "127.0.0.1",
    "dashboard_address": ":0",  # any free port: the tests run while another program holds 8787
}


def pieces(table: pd.DataFrame, sizes: list[int]) -> Any:
    """A Dask DataFrame whose partitions are consecutive slices of the given sizes (0 allowed)."""
    bounds = np.cumsum([0, *sizes]).tolist()
    assert bounds[-1] == len(table)
    slices = [table.iloc[a:b] for a, b in itertools.pairwise(bounds)]
    return dd.from_map(lambda part: part, slices, meta=table.iloc[:0], enforce_metadata=False)


@st.composite
def cuts(draw: st.DrawFn, n: int) -> list[int]:
    """Sizes of 1 to 6 consecutive partitions covering ``n`` rows, some maybe empty."""
    k = draw(st.integers(min_value=1, max_value=6))
    points = sorted(draw(st.lists(st.integers(0, n), min_size=k - 1, max_size=k - 1)))
    bounds = [0, *points, n]
    return [b - a for a, b in itertools.pairwise(bounds)]


def expected_table(table: pd.DataFrame, by: Any = ("agency", "department", "step")) -> Any:
    return single.where_time_goes(table, single.step_times(table, as_of=AS_OF), by=by)


# --- rows drawn one by one: missing keys, object columns, open steps ----------------------------

_BUDGETS = [
    "4 giờ làm việc",
    "1 ngày làm việc",
    "0,5 ngày làm việc",
    "2 giờ làm việc",
    "Không tính thời gian",  # Vietnamese for: time not counted (no budget, never late)
]
_START = dt.datetime(2025, 12, 1, 8, tzinfo=tthc.VN_TZ)


@st.composite
def step_rows(draw: st.DrawFn) -> pd.DataFrame:
    """A few dozen step rows on a handful of units, instants to the quarter hour, some open."""
    n = draw(st.integers(min_value=1, max_value=40))
    rows = []
    for _ in range(n):
        start = _START + dt.timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 25)))
        length = draw(st.none() | st.integers(0, 4 * 24 * 6))
        rows.append(
            {
                "agency": draw(st.sampled_from(["A", "B"])),
                "department": draw(st.sampled_from(["P1", "P2", None])),
                "step": draw(st.sampled_from(["x", "y", "z"])),
                "started_at": start,
                "finished_at": None
                if length is None
                else start + dt.timedelta(minutes=15 * length),
                "budget": draw(st.sampled_from(_BUDGETS)),
            }
        )
    frame = pd.DataFrame(rows)
    frame["department"] = frame["department"].astype(object)
    return frame


class TestWhereTimeGoes:
    """The Dask table equals where_time_goes of the whole table, to the bit."""

    @given(data=st.data(), seed=st.integers(0, 2**16), dossiers=st.integers(0, 120))
    def test_synthetic_any_partitioning(
        self, data: st.DataObject, seed: int, dossiers: int
    ) -> None:
        """A synthetic year cut anywhere (empty partitions too) gives the pandas table."""
        table = synthetic_steps(dossiers, seed=seed)
        if data.draw(st.booleans(), label="integer keys"):  # as the compact form has them
            for key in ("agency", "department", "step"):
                table[key] = table[key].cat.codes
        sizes = data.draw(cuts(len(table)), label="sizes")
        by = data.draw(st.sampled_from(BY_OPTIONS), label="by")
        split = data.draw(st.integers(2, 4), label="split_every")
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.where_time_goes(
                pieces(table, sizes), as_of=AS_OF, by=by, split_every=split
            )
        pd.testing.assert_frame_equal(got, expected_table(table, by), check_exact=True)

    @given(table=step_rows(), data=st.data())
    def test_drawn_rows_any_partitioning(self, table: pd.DataFrame, data: st.DataObject) -> None:
        """Missing departments, text keys, open steps, steps not counted: the same table."""
        sizes = data.draw(cuts(len(table)), label="sizes")
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.where_time_goes(pieces(table, sizes), as_of=AS_OF)
        pd.testing.assert_frame_equal(got, expected_table(table), check_exact=True)

    def test_lazy_counts_in_one_pass(self) -> None:
        """Two groupings computed together; finalize_time_table gives each table."""
        table = synthetic_steps(300, seed=8)
        ddf = dd.from_pandas(table, npartitions=4)
        lazy = [steps_dask.time_count_frame(ddf, by=by, as_of=AS_OF) for by in BY_OPTIONS[:2]]
        with dask.config.set(SYNCHRONOUS):
            counts = dask.compute(*lazy)
        for by, frame in zip(BY_OPTIONS[:2], counts, strict=True):
            assert int(frame["count"].sum()) == len(table)
            pd.testing.assert_frame_equal(
                steps_dask.finalize_time_table(frame), expected_table(table, by), check_exact=True
            )

    def test_office_hours_and_renamed_columns(self) -> None:
        """office_hours= and columns= reach every partition."""
        table = synthetic_steps(200, seed=9).rename(columns={"budget": "thoi_gian"})
        hours = {"000.00.01.Z01": OfficeHours.parse("07:00-11:30,13:30-17:00")}
        options: dict[str, Any] = {"office_hours": hours, "columns": {"budget": "thoi_gian"}}
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.where_time_goes(
                dd.from_pandas(table, npartitions=3), as_of=AS_OF, **options
            )
        times = single.step_times(table, as_of=AS_OF, **options)
        pd.testing.assert_frame_equal(got, single.where_time_goes(table, times), check_exact=True)

    def test_by_one_name(self) -> None:
        """A single column name is one key, not its letters."""
        table = synthetic_steps(50, seed=1)
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.where_time_goes(
                dd.from_pandas(table, npartitions=2), as_of=AS_OF, by="step"
            )
        pd.testing.assert_frame_equal(got, expected_table(table, ("step",)), check_exact=True)


class TestQuantileArithmetic:
    """Median and p90 from value counts agree with an exact rational oracle."""

    @staticmethod
    def oracle(values: list[Fraction], q: Fraction) -> Fraction:
        """Linear interpolation between closest ranks, on the sorted values (exact)."""
        ordered = sorted(values)
        where = q * (len(ordered) - 1)
        low = int(where)
        if where == low:
            return ordered[low]
        return ordered[low] + (ordered[low + 1] - ordered[low]) * (where - low)

    @given(
        st.lists(
            st.tuples(st.integers(0, 3), st.none() | st.integers(0, 50), st.integers(1, 5)),
            min_size=1,
            max_size=30,
        )
    )
    def test_against_fractions(self, entries: list[tuple[int, int | None, int]]) -> None:
        """Per group, each value repeated its count, NaN left out: the exact quantiles, rounded."""
        groups = sorted({g for g, _, _ in entries})
        group = np.array([groups.index(g) for g, _, _ in entries], dtype=np.intp)
        values = np.array([np.nan if v is None else v / 8 for _, v, _ in entries])
        counts = np.array([c for _, _, c in entries], dtype=np.int64)
        median, p90 = _time_counts._quantiles(values, counts, group, len(groups))
        for k, g in enumerate(groups):
            expanded = [
                Fraction(v, 8)
                for gg, v, c in entries
                if gg == g and v is not None
                for _ in range(c)
            ]
            if not expanded:
                assert np.isnan(median[k])
                assert np.isnan(p90[k])
                continue
            assert median[k] == pytest.approx(float(self.oracle(expanded, Fraction(1, 2))))
            assert p90[k] == pytest.approx(float(self.oracle(expanded, Fraction(9, 10))))


class TestStepTimes:
    """step_times on Dask: the pandas rows, partition by partition."""

    def test_rows_equal_the_whole_table(self) -> None:
        table = synthetic_steps(400, seed=3)
        ddf = pieces(table, [0, 700, 1, 600, len(table) - 1301])
        with dask.config.set(SYNCHRONOUS):
            times = steps_dask.step_times(ddf, as_of=AS_OF)
            got = times.compute()
        pd.testing.assert_frame_equal(got, single.step_times(table, as_of=AS_OF))
        assert times.npartitions == ddf.npartitions
        assert list(times.columns) == ["due_at", "used", "allowed", "late"]

    def test_without_check(self) -> None:
        table = synthetic_steps(100, seed=3)
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.step_times(
                dd.from_pandas(table, npartitions=3), as_of=AS_OF, check=False
            ).compute()
        pd.testing.assert_frame_equal(got, single.step_times(table, as_of=AS_OF))

    def test_open_rows_need_as_of(self) -> None:
        """Without as_of, an open row fails its partition when computed, naming it."""
        table = synthetic_steps(100, seed=3)
        table.loc[table.index[[150, 170]], "finished_at"] = pd.NaT  # still open
        ddf = pieces(table, [150, len(table) - 150])
        with (
            dask.config.set(SYNCHRONOUS),
            pytest.raises(
                InvalidValueError, match=re.escape("rows are open (first: row 0) in partition 1")
            ),
        ):
            steps_dask.step_times(ddf).compute()


def bad_table() -> pd.DataFrame:
    """A synthetic table with bad rows of several kinds, more than ten of one kind."""
    table = synthetic_steps(200, seed=4)
    table["budget"] = table["budget"].astype(object)
    table.loc[table.index[3::37], "budget"] = "30 ngày"  # not working time
    table.loc[table.index[[5, 600, 900]], "started_at"] = pd.NaT
    finished = table.index[table["finished_at"].notna()][[10, 700]]
    table.loc[finished, "finished_at"] = table.loc[finished, "started_at"] - pd.Timedelta(hours=1)
    return table


class TestBadRows:
    """Every partition's bad rows in one LoadError, rows counted over the whole table."""

    SIZES = (250, 0, 333, 17, 400)

    def ddf(self, table: pd.DataFrame) -> Any:
        return pieces(table, [*self.SIZES, len(table) - sum(self.SIZES)])

    def expected(self, table: pd.DataFrame) -> list[str]:
        with pytest.raises(LoadError) as info:
            single.step_times(table, as_of=AS_OF)
        return info.value.problems

    def test_step_times_raises_before_returning(self) -> None:
        """The first pass finds every problem; the lines are those of the whole table."""
        table = bad_table()
        with dask.config.set(SYNCHRONOUS), pytest.raises(LoadError) as info:
            steps_dask.step_times(self.ddf(table), as_of=AS_OF)
        assert info.value.source == "<dask DataFrame>"
        assert sorted(info.value.problems) == sorted(self.expected(table))
        assert any("and " in p and " more: " in p for p in info.value.problems)

    def test_where_time_goes_raises_once(self) -> None:
        table = bad_table()
        with dask.config.set(SYNCHRONOUS), pytest.raises(LoadError) as info:
            steps_dask.where_time_goes(self.ddf(table), as_of=AS_OF)
        assert sorted(info.value.problems) == sorted(self.expected(table))

    def test_invalid_step_rows_as_data(self) -> None:
        table = bad_table()
        with dask.config.set(SYNCHRONOUS):
            got = steps_dask.invalid_step_rows(self.ddf(table), split_every=2)
        want = single.invalid_step_rows(table)
        assert set(got) == set(want)
        for message, rows in want.items():
            np.testing.assert_array_equal(got[message], rows)

    def test_without_check_a_partition_reports_its_rows(self) -> None:
        """The partition computed first raises, its rows counted within it."""
        table = self.ddf(bad_table())
        times = steps_dask.step_times(table, as_of=AS_OF, check=False)
        with dask.config.set(SYNCHRONOUS), pytest.raises(LoadError) as info:
            times.compute()
        prefix, _, _ = info.value.problems[0].partition(": ")
        number = int(prefix.removeprefix("partition "))
        with pytest.raises(LoadError) as alone:
            single.step_times(table.get_partition(number).compute(), as_of=AS_OF)
        assert info.value.problems == [f"partition {number}: {p}" for p in alone.value.problems]

    def test_error_pickles(self) -> None:
        table = bad_table()
        with dask.config.set(SYNCHRONOUS), pytest.raises(LoadError) as info:
            steps_dask.where_time_goes(self.ddf(table), as_of=AS_OF)
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
        assert copy.problems == info.value.problems


def _never_called(_: object) -> pd.DataFrame:
    raise AssertionError


class TestArguments:
    """Bad arguments and missing columns fail at once, before any data is read."""

    @pytest.fixture(name="unread")
    def fixture_unread(self) -> Any:
        """A Dask frame whose partitions fail if they are ever read."""
        meta = synthetic_steps(1, seed=0).iloc[:0]
        return dd.from_map(_never_called, [1, 2], meta=meta, enforce_metadata=False)

    def test_missing_column(self, unread: Any) -> None:
        for function in (steps_dask.step_times, steps_dask.where_time_goes):
            with pytest.raises(LoadError, match="missing column 'budget'") as info:
                function(unread.drop(columns="budget"), as_of=AS_OF)
            assert info.value.source == "<dask DataFrame>"

    def test_not_a_dask_frame(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            steps_dask.where_time_goes(synthetic_steps(5, seed=0), as_of=AS_OF)
        assert info.value.field == "where_time_goes(ddf)"

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"by": ("nothing",)}, "where_time_goes(by)"),
            ({"by": (1,)}, "where_time_goes(by)"),
            ({"split_every": 1}, "tthc.analytics.dask(split_every)"),
            ({"calendar": "vn"}, "where_time_goes(calendar)"),
            ({"policy": "working"}, "where_time_goes(policy)"),
            ({"as_of": dt.datetime(2026, 1, 1)}, "step_times(as_of)"),
            ({"policy": tthc.DeadlinePolicy.civil_code()}, "step_times(policy)"),
        ],
    )
    def test_bad_argument(self, unread: Any, options: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            steps_dask.where_time_goes(unread, **{"as_of": AS_OF, **options})
        assert info.value.field == field

    def test_finalize_needs_a_count_frame(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            steps_dask.finalize_time_table(pd.DataFrame({"steps": [1]}))
        assert info.value.field == "finalize_time_table(counts)"


class TestReport:
    """report(steps=<Dask frame>) gives the section a pandas step table gives."""

    def test_section_from_dask(self) -> None:
        steps = synthetic_steps(300, seed=5)
        dossiers = synthetic_dossiers(100, seed=5)
        with dask.config.set(SYNCHRONOUS):
            r = report(dossiers, as_of=AS_OF, steps=dd.from_pandas(steps, npartitions=3))
        want = report(dossiers, as_of=AS_OF, steps=steps)
        pd.testing.assert_frame_equal(r.where_time_goes, want.where_time_goes, check_exact=True)
        assert r.to_text() == want.to_text()


# --- on a LocalCluster ---------------------------------------------------------------------------


@pytest.fixture(name="client", scope="module")
def fixture_client() -> Iterator[Any]:
    """Two worker processes with small memory limits, on the loopback interface only."""
    with (
        distributed.LocalCluster(**CLUSTER) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(name="dataset", scope="module")
def fixture_dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """A synthetic year of steps as 7 Parquet files of uneven size (one empty)."""
    table = synthetic_steps(3_000, seed=2024)
    folder = tmp_path_factory.mktemp("steps")
    bounds = [0, 1_000, 1_001, 5_000, 5_000, 9_000, 12_345, len(table)]
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        table.iloc[a:b].to_parquet(folder / f"part-{k:02d}.parquet", index=False)
    return folder, table


@DASK_PARQUET_INPLACE
class TestOnCluster:
    """The same answers from Parquet partitions on a LocalCluster."""

    @pytest.fixture(autouse=True)
    def _on_cluster(self, client: Any) -> Iterator[None]:
        with dask.config.set({"scheduler": client, "optimization.tune.active": False}):
            yield

    def test_where_time_goes(self, dataset: tuple[Path, pd.DataFrame]) -> None:
        folder, table = dataset
        ddf = dd.read_parquet(folder)
        assert ddf.npartitions == 7
        got = steps_dask.where_time_goes(ddf, as_of=AS_OF)
        whole = pd.read_parquet(folder)  # the table as Parquet gives it back
        pd.testing.assert_frame_equal(got, expected_table(whole), check_exact=True)
        pd.testing.assert_frame_equal(got, expected_table(table), check_exact=True)

    def test_step_times(self, dataset: tuple[Path, pd.DataFrame]) -> None:
        folder, table = dataset
        got = steps_dask.step_times(dd.read_parquet(folder), as_of=AS_OF).compute()
        want = single.step_times(table, as_of=AS_OF)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want)

    def test_where_time_goes_with_pauses(self, dataset: tuple[Path, pd.DataFrame]) -> None:
        folder, table = dataset
        waits = _pauses_for(table, seed=9)
        got = steps_dask.where_time_goes(dd.read_parquet(folder), as_of=AS_OF, pauses=waits)
        want = single.where_time_goes(table, single.step_times(table, as_of=AS_OF, pauses=waits))
        pd.testing.assert_frame_equal(got, want, check_exact=True)

    def test_bad_rows_from_every_partition(self) -> None:
        table = bad_table()
        ddf = pieces(table, [300, 300, 300, len(table) - 900])
        with pytest.raises(LoadError) as info:
            steps_dask.where_time_goes(ddf, as_of=AS_OF)
        with pytest.raises(LoadError) as whole:
            single.step_times(table, as_of=AS_OF)
        assert sorted(info.value.problems) == sorted(whole.value.problems)


def test_graph_holds_the_calendar_once(cal: tthc.WorkingCalendar) -> None:
    """One task carries the calendar, whatever the number of partitions."""
    calendar = attrs.evolve(cal, name="tthc-steps-dask-test calendar")
    marker = calendar.name.encode()
    ddf = dd.from_pandas(synthetic_steps(200, seed=1), npartitions=6)

    def holders(collection: Any) -> list[object]:
        graph = dict(collection.__dask_graph__())
        return [key for key, task in graph.items() if marker in cloudpickle.dumps(task)]

    with dask.config.set(SYNCHRONOUS):
        times = steps_dask.step_times(ddf, as_of=AS_OF, calendar=calendar, check=False)
        counts = steps_dask.time_count_frame(ddf, as_of=AS_OF, calendar=calendar)
    for collection in (times, counts):
        found = holders(collection)
        assert len(found) == 1
        key = found[0][0] if isinstance(found[0], tuple) else found[0]
        assert str(key).startswith("tthc-calendar-")


def test_missing_extra_is_named() -> None:
    """Without dask, importing the module raises MissingExtraError naming the extra."""
    code = (
        "import sys; sys.modules['dask'] = None\n"
        "from tthc.errors import MissingExtraError\n"
        "try:\n"
        "    import tthc.analytics.steps_dask\n"
        "except MissingExtraError as exc:\n"
        "    print(exc.package, exc.extra, exc.feature)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["dask", "dask", "tthc.analytics.steps_dask"]


# --- waits for the applicant (pauses=) ---------------------------------------------------------


def _pauses_for(table: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Waits of about a tenth of the dossiers: from a day after their first step, 2-5 days."""
    rng = np.random.default_rng(seed)
    first = table.groupby("dossier_code", sort=True)["started_at"].min()
    chosen = first[rng.random(len(first)) < 0.1]
    paused = chosen + pd.Timedelta(days=1)
    resumed = paused + pd.to_timedelta(rng.integers(2, 6, len(chosen)), unit="D")
    out = pd.DataFrame(
        {"dossier_code": chosen.index, "paused_at": paused.to_numpy(), "resumed_at": resumed}
    )
    out.loc[out.index[::7], "resumed_at"] = pd.NaT  # some still waiting at as_of
    return out.reset_index(drop=True)


@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_step_times_with_pauses_equals_pandas(npartitions: int) -> None:
    table = synthetic_steps(600, seed=11)
    waits = _pauses_for(table, seed=3)
    assert len(waits) > 10
    want = single.step_times(table, as_of=AS_OF, pauses=waits)
    assert want["paused"].dt.total_seconds().gt(0).sum() > 0  # the pauses do change rows
    with dask.config.set(SYNCHRONOUS):
        got = steps_dask.step_times(
            dd.from_pandas(table, npartitions=npartitions), as_of=AS_OF, pauses=waits
        ).compute()
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("npartitions", [2, 5])
def test_where_time_goes_with_pauses_equals_pandas(npartitions: int) -> None:
    table = synthetic_steps(800, seed=12)
    waits = _pauses_for(table, seed=4)
    want = single.where_time_goes(table, single.step_times(table, as_of=AS_OF, pauses=waits))
    without = single.where_time_goes(table, single.step_times(table, as_of=AS_OF))
    assert not want.equals(without)  # the waits move the figures
    with dask.config.set(SYNCHRONOUS):
        got = steps_dask.where_time_goes(
            dd.from_pandas(table, npartitions=npartitions), as_of=AS_OF, pauses=waits
        )
    pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_bad_pause_rows_are_reported_before_any_partition_is_read() -> None:
    table = synthetic_steps(50, seed=13)
    waits = pd.DataFrame(
        {
            "dossier_code": [table["dossier_code"].iloc[0]],
            "paused_at": [pd.Timestamp("2025-03-05 10:00", tz=tthc.VN_TZ)],
            "resumed_at": [pd.Timestamp("2025-03-04 10:00", tz=tthc.VN_TZ)],
        }
    )
    ddf = dd.from_pandas(table, npartitions=2)
    with pytest.raises(LoadError, match="row 0"):
        steps_dask.step_times(ddf, as_of=AS_OF, pauses=waits, check=False)


def test_pauses_need_the_dossier_code_column() -> None:
    table = synthetic_steps(50, seed=14)
    waits = _pauses_for(table, seed=5)
    ddf = dd.from_pandas(table.drop(columns="dossier_code"), npartitions=2)
    with pytest.raises(LoadError, match="dossier_code"):
        steps_dask.where_time_goes(ddf, as_of=AS_OF, pauses=waits)
