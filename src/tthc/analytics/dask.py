"""Dossier analytics on Dask (*phân tích hồ sơ*) for tables that outgrow one machine.

A province's year of dossiers (about 4 million rows) fits a laptop; the nation's, all provinces
and ministries over several years, does not. This module runs the columnar kernels of
[`tthc.analytics.tables`][tthc.analytics.tables], [`tthc.analytics.timeliness`][tthc.analytics.timeliness]
and [`tthc.deadlines.batch`][tthc.deadlines.batch] **unchanged** on the partitions of a
`dask.dataframe` ``DataFrame`` (for instance ``dask.dataframe.read_parquet`` of a
partitioned dataset), on a laptop's cores or on a cluster:

* [`indicator_table`][tthc.analytics.dask.indicator_table]: the Decision 766/QĐ-TTg indicator 2.1 table.
  Every partition is classified and counted by
  [`tthc.analytics.tables.timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] (whole counts
  only), the small count frames are added up in a tree (``split_every`` at a time), and
  [`tthc.analytics.tables.finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table] computes the
  rates on the client. Counts add up exactly, so the table **equals** the single-machine
  [`tthc.analytics.tables.indicator_table`][tthc.analytics.tables.indicator_table] of the whole table;
* [`timeliness_count_frame`][tthc.analytics.dask.timeliness_count_frame]: the same summed counts, lazily,
  to compute several reports in one pass over the data;
* [`compute_deadlines`][tthc.analytics.dask.compute_deadlines] and
  [`classify_timeliness`][tthc.analytics.dask.classify_timeliness]: the due instants and timeliness
  classes as Dask ``Series``, partition by partition;
* [`write_synthetic_dataset`][tthc.analytics.dask.write_synthetic_dataset]: a partitioned Parquet data set
  of synthetic dossiers (several provinces' years), for examples and benchmarks.

**The calendar travels once.** A [`WorkingCalendar`][tthc.calendar.WorkingCalendar] pickles as
its definition (its precomputed index is rebuilt on first use). Here it enters the task graph
once, as one ``dask.delayed`` value that every partition's task depends on: a distributed worker
receives it once and keeps it while the tasks run, whatever the number of partitions. On the
worker, a per-process table of calendars (keyed by definition, built under a lock) hands every
task the same instance, so the index is built **once per worker process**, even across several
computations and with several threads per worker.

Dask is an optional extra (``pip install 'tthc[dask]'``: ``dask[dataframe]`` and
``distributed``): this module imports it at its top and raises `MissingExtraError` without it;
nothing in the rest of `tthc` imports this module. Errors raised inside a partition are `tthc` errors
(they survive pickling); row positions in their messages are counted within the partition.

Examples:
    >>> import datetime as dt
    >>> import dask.dataframe as dd
    >>> import tthc, tthc.analytics.dask, tthc.analytics.tables
    >>> from tthc.analytics.synthetic import synthetic_dossiers
    >>> dossiers = synthetic_dossiers(20_000, seed=7, year=2023)
    >>> ddf = dd.from_pandas(dossiers, npartitions=8)
    >>> as_of = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
    >>> table = tthc.analytics.dask.indicator_table(ddf, by="agency", as_of=as_of)
    >>> table[["received", "late", "on_time_rate"]].head(3)
                   received  late on_time_rate
    agency
    000.00.01.Z01      1571    12        99.24
    000.00.02.Z01      1620    15        99.01
    000.00.03.Z01      1723    23        98.67
    >>> table.equals(tthc.analytics.tables.indicator_table(dossiers, by="agency", as_of=as_of))
    True

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1 (see
    [`tthc.analytics.tables`][tthc.analytics.tables]). Dask: https://docs.dask.org/en/stable/dataframe.html.
"""

from __future__ import annotations

import decimal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import dask.dataframe as dd
    import pandas as pd
    from dask.base import compute, tokenize
    from dask.delayed import Delayed, delayed
except ModuleNotFoundError as exc:  # the tthc[dask] extra
    raise MissingExtraError((exc.name or "dask").split(".")[0], "dask", __name__) from exc

from tthc import _validators as _v
from tthc.analytics.synthetic import synthetic_dossiers
from tthc.analytics.tables import (
    _add_count_frames,
    _check_by,
    _needed_columns,
    finalize_indicator_table,
)
from tthc.analytics.tables import timeliness_count_frame as _count_frame
from tthc.analytics.timeliness import _dossier_roles
from tthc.analytics.timeliness import classify_timeliness as _classify
from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.deadlines import DeadlinePolicy
from tthc.deadlines._clock import office_index
from tthc.deadlines.batch import compute_deadlines as _deadlines

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Callable, Mapping, Sequence

    from dask.dataframe import DataFrame, Series

    from tthc.agencies.rollup import RollUp
    from tthc.durations import Duration, DurationUnit
    from tthc.indicators import RoundingMode

__all__ = [
    "SPLIT_EVERY",
    "classify_timeliness",
    "compute_deadlines",
    "indicator_table",
    "timeliness_count_frame",
    "write_synthetic_dataset",
]

# dask's scheduling functions carry no annotations: the signatures this module relies on.
_delayed: Callable[..., Any] = delayed
_compute: Callable[..., tuple[Any, ...]] = compute
_map_partitions: Callable[..., Series] = dd.map_partitions

SPLIT_EVERY: Final = 8
"""How many count frames one reduction task adds up (the fan-in of the tree)."""

_MAX_CALENDARS: Final = 8  # calendars a worker process keeps, most recently used first


# --- checks -------------------------------------------------------------------------------------


def _check_frame(ddf: object, field: str) -> None:
    if not isinstance(ddf, dd.DataFrame):
        raise InvalidValueError(
            field,
            type(ddf).__name__,
            "a dask.dataframe DataFrame (for a pandas or polars table use the functions of "
            "tthc.analytics: indicator_table, classify_timeliness, compute_deadlines)",
        )


def _check_split_every(split_every: object) -> int:
    if type(split_every) is not int or split_every < 2:  # noqa: PLR2004 - a tree needs fan-in 2
        raise InvalidValueError(
            "tthc.analytics.dask(split_every)", split_every, "a whole number of count frames >= 2"
        )
    return split_every


def _needed(
    ddf: Any,
    roles: Mapping[str, str],
    keys: Sequence[str],
    channel: str | None,
    units: RollUp | None = None,
) -> list[str]:
    """The columns the kernels read (role columns, keys, channel), in the frame's order.

    Selecting them before ``map_partitions`` lets Dask read only those columns from Parquet.
    """
    wanted = set(_needed_columns(roles, keys, channel, units))
    return [c for c in ddf.columns if c in wanted]


# --- counts and the indicator table --------------------------------------------------------------


def _count_partition(part: Any, keys: tuple[str, ...], options: dict[str, Any]) -> pd.DataFrame:
    """The count frame of one partition, its keys as columns (Dask frames have no MultiIndex)."""
    counts = _count_frame(part, by=keys, **options)
    return counts.reset_index() if keys else counts


def timeliness_count_frame(
    ddf: DataFrame,
    *,
    by: str | Sequence[str] = ("agency", "month"),
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    channel: str | None = "channel",
    split_every: int = SPLIT_EVERY,
    units: RollUp | None = None,
) -> Delayed:
    """The summed count frame of a Dask DataFrame of dossiers, lazily (a ``Delayed``).

    Each partition is counted by
    [`tthc.analytics.tables.timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] in a
    ``map_partitions`` task (reading only the columns it needs), then the partial frames are
    added up ``split_every`` at a time. Computing the answer gives exactly the count frame of the
    whole table, index and order included. Compute several of them in one pass with
    ``dask.compute(a, b)``.

    Args:
        ddf: The dossiers: a ``dask.dataframe.DataFrame``, one row per dossier, with the columns
            of [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness].
        by: The group keys, as for ``tthc.analytics.tables.timeliness_count_frame``.
        as_of: The reporting instant (aware).
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name.
        channel: The column of channel codes (``None`` leaves the channel counts out).
        split_every: How many count frames one reduction task adds up (at least 2).
        units: How to report by the units of today (``"province"``, ``"commune"`` keys), as
            for ``tthc.analytics.tables.timeliness_count_frame``. Every partition rolls its own
            rows up, so the units (a [`RollUp`][tthc.agencies.RollUp], with a mapping and not a
            function as its apportioning rule) are shipped to the workers.

    Returns:
        A ``dask.delayed.Delayed`` whose result is the pandas count frame.

    Raises:
        LoadError: A required column or a key column is missing (raised here, before any
            data is read).
        InvalidValueError: A bad argument; when computed, ``as_of`` missing while some row is
            unfinished, or naive instants without ``tz``.

    Examples:
        >>> import datetime as dt, dask, dask.dataframe as dd, tthc, tthc.analytics.dask
        >>> from tthc.analytics.synthetic import synthetic_dossiers
        >>> ddf = dd.from_pandas(synthetic_dossiers(5_000, seed=3), npartitions=4)
        >>> as_of = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
        >>> by_year = tthc.analytics.dask.timeliness_count_frame(ddf, by="year", as_of=as_of)
        >>> overall = tthc.analytics.dask.timeliness_count_frame(ddf, by=(), as_of=as_of)
        >>> a, b = dask.compute(by_year, overall)
        >>> a[["received", "unclassified"]]
               received  unclassified
        year
        (none)        0            29
        2023       4971             0
        >>> int(b["received"].iloc[0]) == int(a["received"].sum())
        True
    """
    total, _ = _lazy_counts(
        ddf,
        by,
        {"as_of": as_of, "granularity": granularity, "tz": tz, "columns": columns, "units": units},
        channel,
        split_every,
    )
    return total


def _lazy_counts(
    ddf: Any, by: str | Sequence[str], options: dict[str, Any], channel: str | None, split: int
) -> tuple[Delayed, pd.DataFrame]:
    """The summed count frame (lazy), and an empty frame of its final shape."""
    _check_frame(ddf, "timeliness_count_frame(ddf)")
    keys = _check_by(by)
    split = _check_split_every(split)
    options = {**options, "channel": channel}
    meta_frame: Any = ddf._meta  # noqa: SLF001 - Dask's empty frame of the right dtypes
    # The kernel on the empty frame: checks every argument and column now, and gives the meta.
    meta = _count_partition(meta_frame, keys, options).iloc[:0]
    roles = _dossier_roles(options["columns"], "timeliness_count_frame(columns)")
    counted = ddf[_needed(ddf, roles, keys, channel, options.get("units"))].map_partitions(
        _count_partition, keys, options, meta=meta
    )
    combine = _delayed(_add_count_frames, pure=True)
    level: list[Any] = list(counted.to_delayed(optimize_graph=True))
    while len(level) > split:
        level = [
            combine(level[i : i + split], keys, final=False) for i in range(0, len(level), split)
        ]
    total: Delayed = combine(level, keys, final=True)
    return total, _add_count_frames([meta], keys, final=True)


def indicator_table(
    ddf: DataFrame,
    *,
    by: str | Sequence[str] = ("agency", "month"),
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    channel: str | None = "channel",
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    split_every: int = SPLIT_EVERY,
    units: RollUp | None = None,
) -> pd.DataFrame:
    """The indicator table of a Dask DataFrame of dossiers, computed (a pandas ``DataFrame``).

    ``finalize_indicator_table(timeliness_count_frame(ddf, ...).compute(), ...)``: the counts
    are computed by the current Dask scheduler (the ``distributed.Client`` in use, if any), the
    rates on the client. The answer equals
    [`tthc.analytics.tables.indicator_table`][tthc.analytics.tables.indicator_table] of the whole table.

    Args:
        ddf: The dossiers (a ``dask.dataframe.DataFrame``).
        by: The group keys, as for ``tthc.analytics.tables.timeliness_count_frame``.
        as_of: The reporting instant (aware).
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name.
        channel: The column of channel codes (``None`` leaves the channel counts out).
        places: Decimals of the percentages (Decision 766 shows 2).
        rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant.
        split_every: How many count frames one reduction task adds up (at least 2).
        units: How to report by the units of today (``by="province"``: the 34 provinces of
            today for rows with the 63 codes of before 1/7/2025), as for
            ``tthc.analytics.tables.timeliness_count_frame``.

    Returns:
        The counts and rates per group, as
        [`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table] gives them.

    Raises:
        LoadError: A required column or a key column is missing (before any data is read).
        InvalidValueError: A bad argument (before any data is read); ``as_of`` missing while
            some row is unfinished, or naive instants without ``tz``.

    Examples:
        >>> import datetime as dt, dask.dataframe as dd, tthc, tthc.analytics.dask
        >>> from tthc.analytics.synthetic import synthetic_dossiers
        >>> ddf = dd.from_pandas(synthetic_dossiers(5_000, seed=3), npartitions=4)
        >>> as_of = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
        >>> tthc.analytics.dask.indicator_table(ddf, by="quarter", as_of=as_of)["on_time_rate"].tolist()
        [None, Decimal('98.98'), Decimal('98.84'), Decimal('98.64'), Decimal('98.97')]
    """
    total, empty = _lazy_counts(
        ddf,
        by,
        {"as_of": as_of, "granularity": granularity, "tz": tz, "columns": columns, "units": units},
        channel,
        split_every,
    )
    # places and rounding are checked on the empty table, before the (long) computation.
    finalize_indicator_table(empty, places=places, rounding=rounding)
    (counts,) = _compute(total)
    return finalize_indicator_table(counts, places=places, rounding=rounding)


# --- the calendar, once per worker process -------------------------------------------------------

_LOCK = threading.Lock()
_CALENDARS: dict[WorkingCalendar, WorkingCalendar] = {}


def _shared_calendar(calendar: WorkingCalendar, policy: DeadlinePolicy | None) -> WorkingCalendar:
    """This process's instance of ``calendar`` (equal definition), its indexes built once.

    A worker may unpickle the same calendar more than once (several computations, a task
    retried, data moved between workers): every copy maps to the first one seen, whose day
    index and office-time index (for the policy's office hours) are built here, under a lock,
    so threads of one worker never build them twice.
    """
    hours = (DeadlinePolicy() if policy is None else policy).office_hours
    with _LOCK:
        shared = _CALENDARS.pop(calendar, None)
        if shared is None:
            shared = calendar
            if len(_CALENDARS) >= _MAX_CALENDARS:
                del _CALENDARS[next(iter(_CALENDARS))]  # the least recently used
        _CALENDARS[shared] = shared
        shared._index()  # noqa: SLF001 - build the day index now, once
        office_index(shared, hours)
    return shared


def _ship(calendar: WorkingCalendar) -> Delayed:
    """The calendar as one task of the graph (a ``Delayed``), named after its definition."""
    shipped: Delayed = _delayed(
        calendar, name=f"tthc-calendar-{tokenize(calendar)}", traverse=False
    )
    return shipped


def _deadlines_partition(
    received: Any, durations: Any, calendar: WorkingCalendar, options: dict[str, Any]
) -> Any:
    shared = _shared_calendar(calendar, options["policy"])
    return _deadlines(received, durations, calendar=shared, **options)


def compute_deadlines(
    data: DataFrame | Series,
    durations: str | Duration | Series = "processing_time",
    *,
    received_at: str = "received_at",
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    unit: DurationUnit | None = None,
    tz: str | None = None,
    missing: str = "raise",
) -> Series:
    """The due instant of every row of a Dask DataFrame (a Dask ``Series``), partition by partition.

    [`tthc.deadlines.batch.compute_deadlines`][tthc.deadlines.batch.compute_deadlines] on each partition: the same
    answer, row for row, as on the whole table. The calendar is shipped once (one task of the
    graph that every partition depends on) and its index is built once per worker process.

    Args:
        data: A ``dask.dataframe.DataFrame`` of dossiers, or a Dask ``Series`` of receipt
            instants.
        durations: With a DataFrame, the name of the column of durations (``Duration`` objects
            or processing-time texts such as ``"5 ngày làm việc"``, or whole numbers with
            ``unit=``; default ``"processing_time"``); or one
            [`Duration`][tthc.durations.Duration] for every row; with a Series, one
            ``Duration`` or a Dask ``Series`` partitioned like ``data``.
        received_at: With a DataFrame, the column of receipt instants.
        calendar: The working calendar (default: ``vietnam_calendar()`` of this process,
            shipped to the workers).
        policy: The policy (default: working time).
        unit: The unit of ``durations`` when they are plain numbers.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        missing: ``"raise"`` (default) or ``"propagate"`` (``NaT`` for rows never received,
            as national data has them).

    Returns:
        A Dask ``Series`` named ``due_at`` of tz-aware instants (``Asia/Ho_Chi_Minh``), with the
        index of ``data``: assign it as a column with ``ddf.assign(due_at=...)``.

    Raises:
        InvalidValueError: A bad argument or column name (checked here on Dask's empty frame);
            when computed, as ``tthc.deadlines.batch.compute_deadlines`` (row positions are counted
            within the partition).
        OutOfCalendarRangeError: When computed, a receipt or a due day outside the calendar.

    Examples:
        >>> import dask.dataframe as dd, tthc, tthc.analytics.dask
        >>> from tthc.analytics.synthetic import synthetic_dossiers
        >>> dossiers = synthetic_dossiers(2_000, seed=5)
        >>> ddf = dd.from_pandas(dossiers, npartitions=4)
        >>> due = tthc.analytics.dask.compute_deadlines(ddf, "processing_time", missing="propagate")
        >>> due.dtype
        datetime64[us, Asia/Ho_Chi_Minh]
        >>> whole = tthc.compute_deadlines(
        ...     dossiers["received_at"], dossiers["processing_time"], missing="propagate")
        >>> due.compute().equals(whole)
        True
    """
    cal = vietnam_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkingCalendar):
        raise InvalidValueError("compute_deadlines(calendar)", cal, "a WorkingCalendar")
    if policy is not None and not isinstance(policy, DeadlinePolicy):
        raise InvalidValueError("compute_deadlines(policy)", policy, "a DeadlinePolicy")
    # This process's instance: its index, built here once for the meta, serves later calls.
    cal = _shared_calendar(cal, policy)
    lengths: Any = durations  # a Duration, or a Dask Series (a column name is looked up)
    if isinstance(data, dd.DataFrame):
        names = list(data.columns)
        if received_at not in names:
            raise LoadError(
                "<dask DataFrame>", [f"$: missing column {received_at!r} (received_at=)"]
            )
        receipts = data[received_at]
        if isinstance(durations, str):
            if durations not in names:
                raise LoadError(
                    "<dask DataFrame>", [f"$: missing column {durations!r} (durations=)"]
                )
            lengths = data[durations]
    elif isinstance(data, dd.Series):
        receipts = data
        if isinstance(durations, str):
            raise InvalidValueError(
                "compute_deadlines(durations)",
                durations,
                "a Duration or a Dask Series when data is a Series (a column name needs a "
                "DataFrame)",
            )
    else:
        raise InvalidValueError(
            "compute_deadlines(data)",
            type(data).__name__,
            "a dask.dataframe DataFrame or Series (for pandas or polars use "
            "tthc.deadlines.batch.compute_deadlines)",
        )
    options: dict[str, Any] = {"policy": policy, "unit": unit, "tz": tz, "missing": missing}
    # The kernel on Dask's empty columns: checks the arguments now and gives the meta.
    meta = _deadlines(
        receipts._meta,  # noqa: SLF001 - Dask's empty column of the right dtype
        lengths._meta if isinstance(lengths, dd.Series) else lengths,  # noqa: SLF001
        calendar=cal,
        **options,
    )
    due: Series = _map_partitions(
        _deadlines_partition, receipts, lengths, _ship(cal), options, meta=meta
    )
    return due


def classify_timeliness(
    ddf: DataFrame,
    *,
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    invalid: str = "raise",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Series:
    """The timeliness class of every dossier of a Dask DataFrame (a categorical Dask ``Series``).

    [`tthc.analytics.timeliness.classify_timeliness`][tthc.analytics.timeliness.classify_timeliness] on each partition (no
    calendar needed: ``due_at`` is a column). The categories are the same in every partition:
    ``TIMELINESS_CATEGORIES``, plus ``"invalid"`` with ``invalid="mark"``.

    Args:
        ddf: The dossiers (a ``dask.dataframe.DataFrame``).
        as_of: The reporting instant (aware).
        granularity: ``"date"`` (default) or ``"instant"``.
        invalid: ``"raise"`` (default: bad rows raise when computed) or ``"mark"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name.

    Returns:
        A Dask ``Series`` named ``timeliness`` with the index of ``ddf``.

    Raises:
        LoadError: A required column is missing (here); bad rows with ``invalid="raise"``
            (when computed; row positions are counted within the partition).
        InvalidValueError: A bad argument.

    Examples:
        >>> import datetime as dt, dask.dataframe as dd, tthc, tthc.analytics.dask
        >>> from tthc.analytics.synthetic import synthetic_dossiers
        >>> ddf = dd.from_pandas(synthetic_dossiers(2_000, seed=5), npartitions=4)
        >>> as_of = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
        >>> classes = tthc.analytics.dask.classify_timeliness(ddf, as_of=as_of)
        >>> classes.value_counts().compute().sort_index().to_dict()
        {'early': 1393, 'on_time': 567, 'late': 14, 'within_time': 16, 'overdue': 0}
    """
    _check_frame(ddf, "classify_timeliness(ddf)")
    options: dict[str, Any] = {
        "as_of": as_of,
        "granularity": granularity,
        "invalid": invalid,
        "tz": tz,
        "columns": columns,
    }
    meta = _classify(ddf._meta, **options)  # noqa: SLF001 - checks the arguments, gives the meta
    roles = _dossier_roles(columns, "classify_timeliness(columns)")
    classes: Series = ddf[_needed(ddf, roles, (), None)].map_partitions(
        _classify, **options, meta=meta
    )
    return classes


# --- a national-scale synthetic data set ---------------------------------------------------------


def _write_part(path: str, rows: int, seed: int, year: int, province: str) -> str:
    """Draw one file's dossiers (one province) and write them; the file appears whole or not."""
    frame = synthetic_dossiers(rows, seed=seed, year=year)
    # The synthetic agencies end in "Z01"; each province gets its own suffix ("Z02", ...).
    frame["agency"] = frame["agency"].cat.rename_categories(lambda code: code[:-3] + province)
    frame.insert(0, "province", pd.Categorical([province] * rows, categories=[province]))
    partial = Path(f"{path}.partial")
    frame.to_parquet(partial, index=False)
    partial.replace(path)
    return path


def write_synthetic_dataset(
    folder: str | os.PathLike[str],
    rows: int,
    *,
    provinces: int = 10,
    year: int = 2023,
    rows_per_file: int = 1_000_000,
    seed: int = 0,
) -> list[Path]:
    """Write a partitioned Parquet data set of synthetic dossiers: several provinces' year.

    The rows are shared between ``provinces`` (``Z01``, ``Z02``, ...), each a year drawn by
    [`synthetic_dossiers`][tthc.analytics.synthetic.synthetic_dossiers] with its own seeds and its own
    agency codes (``000.00.01.Z03``), plus a ``province`` column. Each province's rows go to
    files of at most ``rows_per_file`` rows (``Z03-0001.parquet``), drawn and written one file
    per task with the current Dask scheduler (the cluster when a ``distributed.Client`` is in
    use), so memory stays bounded by a few files whatever the total. The same arguments give
    the same files.

    Args:
        folder: The folder to write into (created if needed). Existing files of the same names
            are replaced.
        rows: Total number of dossiers (``>= 0``); 40,000,000 is ten provinces' years.
        provinces: Number of provinces (1 to 99).
        year: The year of submission (the table reaches into ``year + 1``).
        rows_per_file: Rows per file at most (``>= 1``).
        seed: The base seed.

    Returns:
        The files written, in name order (read them with ``dask.dataframe.read_parquet(folder)``).

    Raises:
        InvalidValueError: A bad argument.

    Examples:
        >>> import tempfile, pandas as pd, tthc.analytics.dask
        >>> folder = tempfile.TemporaryDirectory()
        >>> files = tthc.analytics.dask.write_synthetic_dataset(folder.name, 30_000, provinces=3,
        ...                                           rows_per_file=4_000)
        >>> [f.name for f in files][:4], len(files)
        (['Z01-0000.parquet', 'Z01-0001.parquet', 'Z01-0002.parquet', 'Z02-0000.parquet'], 9)
        >>> table = pd.read_parquet(folder.name, columns=["province", "agency"])
        >>> table["province"].value_counts().sort_index().to_dict()
        {'Z01': 10000, 'Z02': 10000, 'Z03': 10000}
        >>> sorted(table["agency"].unique())[:2]
        ['000.00.01.Z01', '000.00.01.Z02']
        >>> folder.cleanup()
    """
    rows = _v.check_int("write_synthetic_dataset(rows)", rows)
    provinces = _v.check_int("write_synthetic_dataset(provinces)", provinces)
    rows_per_file = _v.check_int("write_synthetic_dataset(rows_per_file)", rows_per_file)
    seed = _v.check_int("write_synthetic_dataset(seed)", seed)
    if rows < 0:
        raise InvalidValueError("write_synthetic_dataset(rows)", rows, "a number of rows >= 0")
    if not 1 <= provinces <= 99:  # noqa: PLR2004 - two-digit province suffixes
        raise InvalidValueError("write_synthetic_dataset(provinces)", provinces, "1 to 99")
    if rows_per_file < 1:
        raise InvalidValueError("write_synthetic_dataset(rows_per_file)", rows_per_file, ">= 1")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    write = _delayed(_write_part, pure=True)
    tasks = []
    for k in range(provinces):
        province = f"Z{k + 1:02d}"
        left = rows // provinces + (1 if k < rows % provinces else 0)
        for j in range(max(1, -(-left // rows_per_file))):
            n = min(rows_per_file, left - j * rows_per_file)
            # One seed per file, distinct across provinces and files.
            file_seed = (seed * 100 + k) * 100_000 + j
            path = str(target / f"{province}-{j:04d}.parquet")
            tasks.append(write(path, n, file_seed, year, province))
    return [Path(p) for p in sorted(_compute(*tasks))]
