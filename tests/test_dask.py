"""tthc.analytics.dask: the columnar kernels on Dask partitions give the single-machine answers exactly.

The data set is a synthetic year written as a partitioned Parquet data set (17 files, one of
them empty), with a few rows that exercise the edges: a missing agency (the ``MISSING_KEY``
group) and bad statuses (counted ``invalid``). The reference answers come from the
single-machine functions of ``tthc.analytics.tables``, ``tthc.analytics.timeliness`` and ``tthc.deadlines`` on the whole pandas table, so
these tests check the decomposition (map, tree reduce, finalize), not the kernels themselves.
Cluster tests run on a ``distributed.LocalCluster`` of two worker processes on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import socket
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd
import pytest

import tthc
from tthc.analytics import tables, timeliness
from tthc.analytics.synthetic import synthetic_dossiers
from tthc.deadlines import batch
from tthc.errors import InvalidValueError, LoadError

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

import tthc.analytics.dask as tdask  # noqa: E402 - after the importorskip of the optional extra

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

AS_OF = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
ROWS = 50_000
FILES = 16

# dask's Parquet reader (dask 2026.8) calls DataFrame.reset_index(inplace=True), which pandas
# 3.1 deprecates (Pandas4Warning, a DeprecationWarning). Raised in this process only when the
# data set is read by the local schedulers; on the cluster it is raised in the workers.
DASK_PARQUET_INPLACE = pytest.mark.filterwarnings(
    "ignore:The inplace keyword in DataFrame.reset_index is deprecated:DeprecationWarning"
)


@pytest.fixture(name="table", scope="module")
def fixture_table() -> pd.DataFrame:
    """A synthetic year with a missing agency on some rows and a few bad statuses."""
    frame = synthetic_dossiers(ROWS, seed=2024, year=2023)
    agency = frame["agency"].astype("str")
    agency.iloc[::997] = None  # -> the "(none)" group
    frame["agency"] = agency
    status = frame["status"].to_numpy().copy()
    status[5::1201] = 12  # not a national status code -> counted "invalid"
    frame["status"] = status
    return frame


@pytest.fixture(name="dataset", scope="module")
def fixture_dataset(table: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The table as a partitioned Parquet data set: 16 files of uneven size and one empty."""
    folder = tmp_path_factory.mktemp("dossiers")
    cuts = np.sort(np.random.default_rng(1).choice(np.arange(1, ROWS), FILES - 1, replace=False))
    bounds = [0, *cuts.tolist(), ROWS]
    for k in range(FILES):
        part = table.iloc[bounds[k] : bounds[k + 1]]
        part.to_parquet(folder / f"part-{k:03d}.parquet", index=False)
    table.iloc[:0].to_parquet(folder / f"part-{FILES:03d}.parquet", index=False)
    return folder


@pytest.fixture(autouse=True)
def _one_partition_per_file() -> Iterator[None]:
    """Keep one partition per Parquet file, so that the kernels meet the empty partition.

    Dask's optimizer otherwise fuses files that are small once projected (fewer, larger
    tasks: 17 files become 9 partitions here); ``test_fused_partitions`` keeps that default.
    """
    with dask.config.set({"optimization.tune.active": False}):
        yield


# dashboard_address=None does not stop the scheduler's HTTP server from binding the default port
# 8787 in the distributed release in use; ":0" asks for any free port, so the tests run while
# another program holds 8787.
CLUSTER: dict[str, Any] = {
    "n_workers": 2,
    "threads_per_worker": 1,
    "processes": True,
    "memory_limit": "1GiB",
    "host": "127.0.0.1",
    "dashboard_address": ":0",
}


def test_cluster_starts_while_port_8787_is_taken():
    """The test cluster starts when another program listens on the dashboard's default port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        try:
            holder.bind(("0.0.0.0", 8787))  # noqa: S104 - the port a dashboard would take
        except OSError:
            pass  # already taken by another program: the condition under test holds anyway
        else:
            holder.listen()
        with distributed.LocalCluster(**{**CLUSTER, "n_workers": 1}) as cluster:
            assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")


@pytest.fixture(name="client", scope="module")
def fixture_client() -> Iterator[Any]:
    """Two worker processes with small memory limits, on the loopback interface only."""
    with (
        distributed.LocalCluster(**CLUSTER) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(name="on_cluster")
def fixture_on_cluster(client: Any) -> Iterator[Any]:
    """Computations in the test run on the LocalCluster."""
    with dask.config.set(scheduler=client):
        yield client


def pieces(table: pd.DataFrame, sizes: list[int]) -> Any:
    """A Dask DataFrame whose partitions are consecutive slices of the given sizes (0 allowed)."""
    bounds = np.cumsum([0, *sizes]).tolist()
    assert bounds[-1] == len(table)
    slices = [table.iloc[a:b] for a, b in itertools.pairwise(bounds)]
    return dd.from_map(lambda part: part, slices, meta=table.iloc[:0], enforce_metadata=False)


def partition_lengths(ddf: Any) -> list[int]:
    return [int(n) for n in ddf.map_partitions(len).compute(scheduler="synchronous")]


class TestIndicatorTable:
    """Counts add up across partitions, so the distributed table is the single-machine one."""

    @pytest.mark.parametrize(
        "by",
        [("agency", "month"), "procedure_code", ("agency", "quarter"), ()],
        ids=["agency-month", "procedure", "agency-quarter", "overall"],
    )
    @pytest.mark.usefixtures("on_cluster")
    def test_cluster_equals_single_machine(
        self, dataset: Path, table: pd.DataFrame, by: Any
    ) -> None:
        """On the LocalCluster, the table from Parquet partitions equals tables.indicator_table."""
        ddf = dd.read_parquet(dataset)
        got = tdask.indicator_table(ddf, by=by, as_of=AS_OF)
        want = tables.indicator_table(table, by=by, as_of=AS_OF)
        pd.testing.assert_frame_equal(got, want)

    @pytest.mark.usefixtures("on_cluster")
    def test_edges_are_counted(self, dataset: Path) -> None:
        """The missing agency and the bad rows are in the table, and every row is counted."""
        got = tdask.indicator_table(dd.read_parquet(dataset), by="agency", as_of=AS_OF)
        assert tables.MISSING_KEY in got.index
        assert got["invalid"].sum() == len(range(5, ROWS, 1201))
        assert (got["received"] + got["unclassified"] + got["invalid"]).sum() == ROWS

    @DASK_PARQUET_INPLACE
    @pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
    def test_local_schedulers(self, dataset: Path, table: pd.DataFrame, scheduler: str) -> None:
        """Without a cluster (one process), the answer is the same."""
        with dask.config.set(scheduler=scheduler):
            got = tdask.indicator_table(dd.read_parquet(dataset), as_of=AS_OF)
        pd.testing.assert_frame_equal(got, tables.indicator_table(table, as_of=AS_OF))

    @DASK_PARQUET_INPLACE
    def test_the_data_set_has_many_partitions(self, dataset: Path) -> None:
        """The Parquet data set reaches the kernel as 17 partitions, one of them empty."""
        lengths = partition_lengths(dd.read_parquet(dataset))
        assert len(lengths) == FILES + 1
        assert 0 in lengths
        assert sum(lengths) == ROWS

    @pytest.mark.parametrize("split_every", [2, 3, 64])
    def test_empty_partitions_and_tree_shapes(self, table: pd.DataFrame, split_every: int) -> None:
        """Empty partitions anywhere and any fan-in of the reduction give the same table."""
        ddf = pieces(table, [0, 7_000, 0, 13_000, 1, 0, 9_999, 20_000, 0])
        assert partition_lengths(ddf).count(0) == 4
        with dask.config.set(scheduler="synchronous"):
            got = tdask.indicator_table(ddf, as_of=AS_OF, split_every=split_every)
        pd.testing.assert_frame_equal(got, tables.indicator_table(table, as_of=AS_OF))

    @pytest.mark.parametrize("by", [("agency", "month"), ()], ids=["agency-month", "overall"])
    def test_only_empty_partitions(self, table: pd.DataFrame, by: Any) -> None:
        """A data set with no rows gives the table of an empty table."""
        empty = table.iloc[:0]
        with dask.config.set(scheduler="synchronous"):
            got = tdask.indicator_table(pieces(empty, [0, 0, 0]), by=by, as_of=AS_OF)
        pd.testing.assert_frame_equal(got, tables.indicator_table(empty, by=by, as_of=AS_OF))

    def test_options_are_passed_on(self, table: pd.DataFrame) -> None:
        """granularity, channel, places and rounding mean what they mean in tthc.analytics.tables."""
        ddf = pieces(table, [25_000, 25_000])
        options: dict[str, Any] = {
            "by": "agency",
            "as_of": AS_OF,
            "granularity": "instant",
            "channel": None,
            "places": 1,
            "rounding": "ROUND_DOWN",
        }
        with dask.config.set(scheduler="synchronous"):
            got = tdask.indicator_table(ddf, **options)
        pd.testing.assert_frame_equal(got, tables.indicator_table(table, **options))
        assert "online" not in got.columns

    def test_renamed_columns(self, table: pd.DataFrame) -> None:
        """columns= maps the roles to other column names, as in tthc.analytics.tables."""
        renamed = table.rename(columns={"status": "TrangThaiHoSo", "due_at": "NgayHenTra"})
        roles = {"status": "TrangThaiHoSo", "due_at": "NgayHenTra"}
        with dask.config.set(scheduler="synchronous"):
            got = tdask.indicator_table(
                pieces(renamed, [30_000, 20_000]), by="agency", as_of=AS_OF, columns=roles
            )
        want = tables.indicator_table(table, by="agency", as_of=AS_OF)
        pd.testing.assert_frame_equal(got, want)

    def test_count_frames_compute_together(self, table: pd.DataFrame) -> None:
        """The lazy count frames of two groupings come out of one dask.compute."""
        ddf = pieces(table, [10_000] * 5)
        lazy = [tdask.timeliness_count_frame(ddf, by=by, as_of=AS_OF) for by in ("year", ())]
        with dask.config.set(scheduler="synchronous"):
            by_year, overall = dask.compute(*lazy)
        pd.testing.assert_frame_equal(
            by_year, tables.timeliness_count_frame(table, by="year", as_of=AS_OF)
        )
        pd.testing.assert_frame_equal(
            overall, tables.timeliness_count_frame(table, by=(), as_of=AS_OF)
        )

    @DASK_PARQUET_INPLACE
    def test_only_the_needed_columns_are_read(
        self, dataset: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The partitions reach the kernel with the role, key and channel columns only."""
        seen: list[tuple[list[str], int]] = []
        count = tdask._count_partition

        def spy(part: pd.DataFrame, *args: Any) -> pd.DataFrame:
            seen.append((list(part.columns), len(part)))
            return count(part, *args)

        monkeypatch.setattr(tdask, "_count_partition", spy)
        lazy = tdask.timeliness_count_frame(dd.read_parquet(dataset), by="agency", as_of=AS_OF)
        lazy.compute(scheduler="synchronous")
        wanted = sorted([*timeliness.DOSSIER_COLUMNS.values(), "agency", "channel"])
        meta, *tasks = seen  # the kernel on Dask's empty frame (all columns), then the tasks
        assert meta[1] == 0
        assert len(tasks) == FILES + 1
        assert all(sorted(columns) == wanted for columns, _ in tasks), tasks
        assert sorted(n for _, n in tasks)[:2] == [0, min(n for _, n in tasks if n)]
        assert sum(n for _, n in tasks) == ROWS

    @pytest.mark.usefixtures("on_cluster")
    def test_fused_partitions(self, dataset: Path, table: pd.DataFrame) -> None:
        """With Dask's default fusion of small Parquet files, the answer is the same."""
        with dask.config.set({"optimization.tune.active": True}):
            ddf = dd.read_parquet(dataset)
            projected = ddf[[*timeliness.DOSSIER_COLUMNS.values(), "agency", "channel"]]
            assert projected.optimize().npartitions < FILES  # the files were fused
            got = tdask.indicator_table(ddf, as_of=AS_OF)
        pd.testing.assert_frame_equal(got, tables.indicator_table(table, as_of=AS_OF))


class TestErrors:
    """Bad arguments are refused before any data is read; errors in partitions are tthc errors."""

    def test_not_a_dask_frame(self, table: pd.DataFrame) -> None:
        """A pandas table is refused with a pointer to the single-machine functions."""
        with pytest.raises(InvalidValueError, match=re.escape("functions of tthc.analytics")):
            tdask.indicator_table(table, as_of=AS_OF)

    def test_missing_key_column(self, table: pd.DataFrame) -> None:
        """A key column the frame lacks is a LoadError at once."""
        with pytest.raises(LoadError, match="'region'"):
            tdask.indicator_table(pieces(table, [ROWS]), by="region", as_of=AS_OF)

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"places": -1}, "places"),
            ({"rounding": "ROUND_SIDEWAYS"}, "rounding"),
            ({"split_every": 1}, "split_every"),
            ({"granularity": "week"}, "granularity"),
        ],
    )
    def test_bad_options(self, table: pd.DataFrame, options: dict[str, Any], field: str) -> None:
        """A bad option is an InvalidValueError naming it, before any computation."""
        ddf = pieces(table, [ROWS])
        with (
            dask.config.set(scheduler=_refuse_to_compute),
            pytest.raises(InvalidValueError) as info,
        ):
            tdask.indicator_table(ddf, as_of=AS_OF, **options)
        assert field in info.value.field

    @pytest.mark.usefixtures("on_cluster")
    def test_error_in_a_worker(self, dataset: Path) -> None:
        """An error raised in a worker process reaches the caller as the tthc error it is."""
        with pytest.raises(InvalidValueError, match="as_of"):
            tdask.indicator_table(dd.read_parquet(dataset))  # unfinished rows need as_of


def _refuse_to_compute(*_args: object, **_kwargs: object) -> None:
    pytest.fail("computed although the arguments were bad")


class TestDeadlinesAndClasses:
    """compute_deadlines and classify_timeliness give the single-machine column, row for row."""

    @pytest.mark.usefixtures("on_cluster")
    def test_deadlines_on_the_cluster(self, dataset: Path, table: pd.DataFrame) -> None:
        """The due instants of every partition equal batch.compute_deadlines on the table."""
        due = tdask.compute_deadlines(dd.read_parquet(dataset), missing="propagate").compute()
        want = batch.compute_deadlines(
            table["received_at"], table["processing_time"], missing="propagate"
        )
        pd.testing.assert_series_equal(due.reset_index(drop=True), want)

    def test_deadlines_of_a_series(self, table: pd.DataFrame) -> None:
        """A Series of receipts takes one Duration, or a Series of durations."""
        ddf = pieces(table, [20_000, 0, 30_000])
        days = tthc.Duration.working_days(5)
        policy = tthc.DeadlinePolicy.civil_code()
        with dask.config.set(scheduler="synchronous"):
            one = tdask.compute_deadlines(
                ddf["received_at"], days, policy=policy, missing="propagate"
            ).compute()
            each = tdask.compute_deadlines(
                ddf["received_at"], ddf["processing_time"], missing="propagate"
            ).compute()
        received = table["received_at"]
        pd.testing.assert_series_equal(
            one, batch.compute_deadlines(received, days, policy=policy, missing="propagate")
        )
        pd.testing.assert_series_equal(
            each,
            batch.compute_deadlines(received, table["processing_time"], missing="propagate"),
        )

    def test_deadlines_assign_as_a_column(self, table: pd.DataFrame) -> None:
        """The due instants are aligned with the frame: ddf.assign(due_at=...) just works."""
        ddf = pieces(table, [25_000, 25_000])
        with dask.config.set(scheduler="synchronous"):
            out = ddf.assign(
                computed_due_at=tdask.compute_deadlines(ddf, missing="propagate")
            ).compute()
        want = batch.compute_deadlines(
            table["received_at"], table["processing_time"], missing="propagate"
        )
        pd.testing.assert_series_equal(out["computed_due_at"], want, check_names=False)

    def test_deadline_errors(self, table: pd.DataFrame) -> None:
        """Bad columns and arguments are refused at once; missing receipts raise when computed."""
        ddf = pieces(table, [ROWS])
        with pytest.raises(LoadError, match="'ThoiHan'"):
            tdask.compute_deadlines(ddf, "ThoiHan")
        with pytest.raises(LoadError, match="'NgayNhan'"):
            tdask.compute_deadlines(ddf, received_at="NgayNhan")
        with pytest.raises(InvalidValueError, match="needs a DataFrame"):
            tdask.compute_deadlines(ddf["received_at"], "processing_time")
        with pytest.raises(InvalidValueError, match=re.escape("compute_deadlines(data)")):
            tdask.compute_deadlines(table)
        with pytest.raises(InvalidValueError, match="missing"):
            tdask.compute_deadlines(ddf, missing="ignore")
        with pytest.raises(InvalidValueError, match="WorkingCalendar"):
            tdask.compute_deadlines(ddf, calendar="vietnam")
        with pytest.raises(InvalidValueError, match="DeadlinePolicy"):
            tdask.compute_deadlines(ddf, policy="civil code")
        lazy = tdask.compute_deadlines(ddf)  # missing="raise": rows never received
        with (
            dask.config.set(scheduler="synchronous"),
            pytest.raises(InvalidValueError, match="NaT"),
        ):
            lazy.compute()

    @pytest.mark.parametrize("invalid", ["mark", "raise"])
    def test_classes(self, table: pd.DataFrame, invalid: str) -> None:
        """The classes of every partition equal timeliness.classify_timeliness on the table."""
        good = table[table["status"] <= 10].reset_index(drop=True)
        source = table if invalid == "mark" else good
        ddf = pieces(source, [10_000, 0, len(source) - 10_000])
        with dask.config.set(scheduler="synchronous"):
            got = tdask.classify_timeliness(ddf, as_of=AS_OF, invalid=invalid).compute()
        want = timeliness.classify_timeliness(source, as_of=AS_OF, invalid=invalid)
        pd.testing.assert_series_equal(got, want)

    def test_bad_rows_raise_when_computed(self, table: pd.DataFrame) -> None:
        """With invalid='raise', a bad row is a LoadError from its partition."""
        classes = tdask.classify_timeliness(pieces(table, [ROWS]), as_of=AS_OF)
        with (
            dask.config.set(scheduler="synchronous"),
            pytest.raises(LoadError, match="status"),
        ):
            classes.compute()


# --- the calendar is shipped once ----------------------------------------------------------------


def _holders(collection: Any, marker: bytes) -> list[object]:
    """The keys of the graph's tasks whose pickled form carries ``marker``.

    Each task is pickled on its own, as a scheduler sends tasks to workers one by one: an
    object embedded in every partition's task shows up once per partition.
    """
    graph = dict(collection.__dask_graph__())
    return [key for key, task in graph.items() if marker in cloudpickle.dumps(task)]


def _count_index_builds() -> int:
    """Count the calendar index builds of this process from now on (run in each worker)."""
    import tthc.calendar._core as core  # noqa: PLC0415

    base = getattr(core, "_uncounted_index", core.Index)

    class CountingIndex(base):
        builds = 0

        def __init__(self, *args: object, **kwargs: object) -> None:
            type(self).builds += 1
            super().__init__(*args, **kwargs)

    core._uncounted_index = base
    core.Index = CountingIndex
    return 0


def _index_builds() -> int:
    import tthc.calendar._core as core  # noqa: PLC0415

    return int(getattr(core.Index, "builds", -1))


def _restore_index() -> int:
    import tthc.calendar._core as core  # noqa: PLC0415

    core.Index = getattr(core, "_uncounted_index", core.Index)
    return 0


@pytest.fixture(name="calendar")
def fixture_calendar(cal: tthc.WorkingCalendar, request: pytest.FixtureRequest) -> Any:
    """The Vietnamese calendar under a name no other test uses (no process has its index)."""
    return attrs.evolve(cal, name=f"tthc-dask-test {request.node.name}")


class TestCalendarShipping:
    """The calendar enters the graph once and its index is built once per worker process."""

    def test_graph_holds_the_calendar_once(self, dataset: Path, calendar: Any) -> None:
        """One task carries the calendar, whatever the number of partitions."""
        ddf = dd.read_parquet(dataset)
        marker = calendar.name.encode()
        due = tdask.compute_deadlines(ddf, calendar=calendar, missing="propagate")
        holders = _holders(due, marker)
        assert len(holders) == 1
        assert str(holders[0][0] if isinstance(holders[0], tuple) else holders[0]).startswith(
            "tthc-calendar-"
        )
        # Control: the calendar passed as a plain argument rides in every partition's task.
        naive = ddf.map_partitions(
            lambda part, **_options: part, calendar=calendar, meta=ddf._meta
        )
        assert len(_holders(naive, marker)) == ddf.npartitions == FILES + 1

    def test_index_built_once_per_worker(
        self, dataset: Path, table: pd.DataFrame, calendar: Any, on_cluster: Any
    ) -> None:
        """Two computations over 17 partitions build the index at most once in each worker."""
        client = on_cluster
        client.run(_count_index_builds)
        try:
            due = tdask.compute_deadlines(
                dd.read_parquet(dataset), calendar=calendar, missing="propagate"
            )
            first = due.compute()
            again = due.compute()
            builds = client.run(_index_builds)
        finally:
            client.run(_restore_index)
        assert len(builds) == 2
        assert all(n <= 1 for n in builds.values()), builds
        assert sum(builds.values()) >= 1, builds
        want = batch.compute_deadlines(
            table["received_at"], table["processing_time"], calendar=calendar, missing="propagate"
        )
        pd.testing.assert_series_equal(first.reset_index(drop=True), want)
        pd.testing.assert_series_equal(again, first)

    def test_threads_share_one_index(
        self, table: pd.DataFrame, calendar: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Threads of one process, and copies of an equal calendar, share one index."""
        import tthc.calendar._core as core  # noqa: PLC0415

        # Both restored after the test.
        monkeypatch.setattr(core, "Index", core.Index)
        monkeypatch.setattr(core, "_uncounted_index", core.Index, raising=False)
        _count_index_builds()
        ddf = pieces(table, [5_000] * 10)
        copy = attrs.evolve(calendar)  # equal definition, another object, no index yet
        with dask.config.set(scheduler="threads", num_workers=4):
            for cal in (calendar, copy):
                tdask.compute_deadlines(ddf, calendar=cal, missing="propagate").compute()
        # One build (the first calendar's, for the meta), none in the tasks, none for the
        # copy: it maps to the instance whose index exists.
        assert _index_builds() == 1
        assert tdask._shared_calendar(copy, None) is calendar

    def test_worker_cache_is_bounded(self, cal: tthc.WorkingCalendar) -> None:
        """A worker keeps a few calendars, the most recently used."""
        many = [attrs.evolve(cal, name=f"tthc-dask-bounded {k}") for k in range(12)]
        for c in many:
            assert tdask._shared_calendar(c, None) is c
        assert len(tdask._CALENDARS) <= tdask._MAX_CALENDARS
        assert many[-1] in tdask._CALENDARS
        assert many[0] not in tdask._CALENDARS


class TestSyntheticDataset:
    """write_synthetic_dataset: provinces' years as Parquet files, reproducibly."""

    def test_files_and_rows(self, tmp_path: Path) -> None:
        """Rows are shared between provinces, files hold at most rows_per_file rows."""
        with dask.config.set(scheduler="synchronous"):
            files = tdask.write_synthetic_dataset(tmp_path, 1_000, provinces=3, rows_per_file=200)
        assert [f.name for f in files] == [
            f"Z0{p}-000{k}.parquet" for p in (1, 2, 3) for k in (0, 1)
        ]  # 334, 333 and 333 rows: two files each
        assert [len(pd.read_parquet(f)) for f in files] == [200, 134, 200, 133, 200, 133]
        table = pd.read_parquet(tmp_path)
        counts = table["province"].value_counts().sort_index().to_dict()
        assert counts == {"Z01": 334, "Z02": 333, "Z03": 333}
        suffixes = table["agency"].astype(str).str[-3:]
        assert (suffixes == table["province"].astype(str)).all()
        assert not list(tmp_path.glob("*.partial"))

    def test_same_arguments_same_files(self, tmp_path: Path) -> None:
        """The same arguments give the same tables; another seed gives others."""
        tables = []
        for name, seed in (("a", 3), ("b", 3), ("c", 4)):
            with dask.config.set(scheduler="threads"):
                tdask.write_synthetic_dataset(tmp_path / name, 500, provinces=2, seed=seed)
            tables.append(pd.read_parquet(tmp_path / name))
        pd.testing.assert_frame_equal(tables[0], tables[1])
        assert not tables[0].equals(tables[2])

    def test_no_rows(self, tmp_path: Path) -> None:
        """Zero rows give one empty file per province."""
        with dask.config.set(scheduler="synchronous"):
            files = tdask.write_synthetic_dataset(tmp_path, 0, provinces=2)
        assert [f.name for f in files] == ["Z01-0000.parquet", "Z02-0000.parquet"]
        assert len(pd.read_parquet(tmp_path)) == 0

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"rows": -1}, "rows"),
            ({"rows": 10.0}, "rows"),
            ({"provinces": 0}, "provinces"),
            ({"provinces": 100}, "provinces"),
            ({"rows_per_file": 0}, "rows_per_file"),
            ({"seed": True}, "seed"),
        ],
    )
    def test_bad_arguments(self, tmp_path: Path, options: dict[str, Any], field: str) -> None:
        """A bad argument is an InvalidValueError naming it, and nothing is written."""
        arguments: dict[str, Any] = {"rows": 100, **options}
        rows = arguments.pop("rows")
        with pytest.raises(InvalidValueError) as info:
            tdask.write_synthetic_dataset(tmp_path, rows, **arguments)
        assert info.value.field == f"write_synthetic_dataset({field})"
        assert not list(tmp_path.iterdir())


def test_core_never_imports_dask() -> None:
    """import tthc and every other analytics module does not import dask."""
    code = (
        "import sys, tthc, tthc.deadlines.batch, tthc.analytics.timeliness, tthc.analytics.tables, "
        "tthc.analytics.charts, tthc.analytics.reporting, tthc.analytics.synthetic, "
        "tthc.analytics.frames, tthc.analytics.reports\n"
        "assert not any(m == 'dask' or m.startswith(('dask.', 'distributed')) "
        "for m in sys.modules), sorted(m for m in sys.modules if 'dask' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter


def test_without_dask_the_module_names_the_extra() -> None:
    """Without dask, importing tthc.analytics.dask raises MissingExtraError naming tthc[dask]."""
    code = (
        "import sys\n"
        "sys.modules['dask'] = None\n"
        "from tthc.errors import MissingExtraError\n"
        "try:\n"
        "    import tthc.analytics.dask\n"
        "except MissingExtraError as exc:\n"
        "    assert (exc.package, exc.extra, exc.feature) == "
        "('dask', 'dask', 'tthc.analytics.dask'), vars(exc)\n"
        "else:\n"
        "    raise AssertionError('imported without dask')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter
