"""Step tables on Dask (*bảng các bước xử lý*): per-step times and where the time goes, at scale.

A province's year of step rows (twenty million) fits one process; the nation's does not. This
module runs [`tthc.analytics.steps`][tthc.analytics.steps] on the partitions of a
`dask.dataframe` ``DataFrame`` of step rows (same columns and roles as
[`step_times`][tthc.analytics.steps.step_times]), on this machine's cores or a cluster:

* [`step_times`][tthc.analytics.steps_dask.step_times]: due instant, office time used and allowed,
  late flag of every row, as a Dask ``DataFrame`` (``step_times`` on each partition: the same
  rows as on the whole table);
* [`where_time_goes`][tthc.analytics.steps_dask.where_time_goes]: the "where the time goes" table
  per unit and step, computed, **equal** to
  [`tthc.analytics.steps.where_time_goes`][tthc.analytics.steps.where_time_goes] on the whole table,
  medians and 90th percentiles included;
* [`time_count_frame`][tthc.analytics.steps_dask.time_count_frame] and
  [`finalize_time_table`][tthc.analytics.steps_dask.finalize_time_table]: the same in two steps,
  lazily, to compute it in one pass with other Dask results;
* [`invalid_step_rows`][tthc.analytics.steps_dask.invalid_step_rows]: the bad rows by problem.

**Exact quantiles from mergeable partials.** Counts add up, medians do not. Each partition keeps,
per group, how many steps used each distinct office time against each distinct budget (a value
count of ``(used µs, allowed µs, late)``); partials are added up ``split_every`` at a time, and the
quantiles are read off the merged counts on the client with the arithmetic of pandas' grouped
``median`` and ``quantile(0.9)`` (linear interpolation). The memory this takes grows with the
number of **distinct values per group**, not with the rows: instants to the minute keep it to a
few thousand pairs per group (a year of synthetic steps: about 27,000 pairs in all for 5 million
rows); instants to the microsecond can make every row distinct.

**Bad rows are counted over the whole table.** Bad rows are never dropped: every partition's
problems are gathered into **one** [`LoadError`][tthc.errors.LoadError], each problem with its
rows, and the rows are counted from 0 over the whole table in partition order, as ``step_times``
counts them on the concatenated pandas table (the same lines, whatever the partitioning).
``step_times`` finds them with a first pass over the three columns it checks (before it returns);
``where_time_goes`` in its single pass. With ``step_times(..., check=False)`` there is no first
pass: a partition with bad rows raises its own ``LoadError`` when computed, its rows counted
within that partition of the result.

The calendar travels once, as in [`tthc.analytics.dask`][tthc.analytics.dask]: one task of the
graph that every partition depends on, its index built once per worker process. Dask is the
optional extra ``tthc[dask]``: this module imports it at its top and raises
`MissingExtraError` without it.

Examples:
    >>> import datetime as dt, dask, dask.dataframe as dd, tthc
    >>> from tthc.analytics import steps, steps_dask
    >>> from tthc.analytics.synthetic import synthetic_steps
    >>> table = synthetic_steps(2_000, seed=7)
    >>> ddf = dd.from_pandas(table, npartitions=4)
    >>> as_of = dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ)
    >>> with dask.config.set(scheduler="synchronous"):    # or a distributed.Client
    ...     where = steps_dask.where_time_goes(ddf, as_of=as_of)
    >>> where.equals(steps.where_time_goes(table, steps.step_times(table, as_of=as_of)))
    True

References:
    Decree 118/2025/NĐ-CP Art. 12(3): the time of each step (SECONDARY, see
    [`tthc.analytics.steps`][tthc.analytics.steps]). Dask:
    https://docs.dask.org/en/stable/dataframe.html.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tthc.errors import MAX_PROBLEMS, InvalidValueError, LoadError, MissingExtraError

try:
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd
    from dask.base import tokenize
except ModuleNotFoundError as exc:  # the tthc[dask] extra
    raise MissingExtraError((exc.name or "dask").split(".")[0], "dask", __name__) from exc

from tthc.analytics import _step_pauses, _time_counts
from tthc.analytics._columns import problem_line
from tthc.analytics.dask import (
    SPLIT_EVERY,
    _check_split_every,
    _compute,
    _delayed,
    _shared_calendar,
    _ship,
)
from tthc.analytics.steps import STEP_COLUMNS
from tthc.analytics.steps import invalid_step_rows as _invalid_rows
from tthc.analytics.steps import step_times as _step_times
from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.deadlines import DeadlinePolicy

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence

    from dask.dataframe import DataFrame
    from dask.delayed import Delayed
    from numpy.typing import NDArray

    from tthc.calendar import OfficeHours

__all__ = [
    "SPLIT_EVERY",
    "finalize_time_table",
    "invalid_step_rows",
    "step_times",
    "time_count_frame",
    "where_time_goes",
]

_SOURCE: Final = "<dask DataFrame>"
_SHOWN_ROWS: Final = 10  # rows shown per problem, as tthc.analytics.steps shows them
_CHECKED: Final = ("started_at", "finished_at", "budget")  # the roles step_times checks

# Problems of a piece of the table: problem -> (its first rows or all of them, how many rows).
_Found = dict[str, tuple["NDArray[np.int64]", int]]


# --- arguments, checked on the client on Dask's empty frame --------------------------------------


class _Plan:
    """The checked arguments of one call: calendar, step_times options, columns read (private)."""

    def __init__(
        self,
        ddf: object,
        function: str,
        *,
        as_of: dt.datetime | None,
        calendar: WorkingCalendar | None,
        policy: DeadlinePolicy | None,
        office_hours: Mapping[str, OfficeHours] | None,
        tz: str | None,
        columns: Mapping[str, str] | None,
        pauses: Any = None,
    ) -> None:
        if not isinstance(ddf, dd.DataFrame):
            raise InvalidValueError(
                f"{function}(ddf)",
                type(ddf).__name__,
                "a dask.dataframe DataFrame (for a pandas or polars table use "
                "tthc.analytics.steps)",
            )
        cal = vietnam_calendar() if calendar is None else calendar
        if not isinstance(cal, WorkingCalendar):
            raise InvalidValueError(f"{function}(calendar)", cal, "a WorkingCalendar")
        if policy is not None and not isinstance(policy, DeadlinePolicy):
            raise InvalidValueError(f"{function}(policy)", policy, "a DeadlinePolicy")
        # This process's instance: its index, built here for the meta, serves later calls.
        self.calendar = _shared_calendar(cal, policy)
        self.options: dict[str, Any] = {
            "as_of": as_of,
            "policy": policy,
            "office_hours": None if office_hours is None else dict(office_hours),
            "tz": tz,
            "columns": None if columns is None else dict(columns),
        }
        frame: Any = ddf
        meta_frame: Any = frame._meta  # noqa: SLF001 - Dask's empty frame of the right dtypes
        try:
            # step_times on the empty frame: checks every argument and column now (the pause
            # table's rows too, read here once), gives the meta.
            self.meta = _step_times(
                meta_frame, calendar=self.calendar, pauses=pauses, **self.options
            )
        except LoadError as exc:
            if exc.source == _step_pauses.SOURCE:
                raise
            raise LoadError(_SOURCE, exc.problems, exc.more_problems) from None
        # The pause table travels once, as the calendar does: one task of the graph.
        self.pauses: Delayed | None = (
            None
            if pauses is None
            else _delayed(pauses, name=f"tthc-pauses-{tokenize(pauses)}", traverse=False)
        )
        roles = {**STEP_COLUMNS, **(columns or {})}
        wanted = {roles[r] for r in _CHECKED}
        self.checked = [c for c in frame.columns if c in wanted]
        if office_hours:
            wanted.add(roles["agency"])
        if pauses is not None:
            wanted.add(roles["dossier_code"])
        self.read = [c for c in frame.columns if c in wanted]
        self.frame = frame

    def partitions(self, wanted: Sequence[str]) -> list[Delayed]:
        """The partitions (``Delayed``), with only the ``wanted`` columns, in the frame's order.

        Selecting them first lets Dask read only those columns from Parquet.
        """
        parts: list[Delayed] = list(
            self.frame[[c for c in self.frame.columns if c in wanted]].to_delayed(
                optimize_graph=True
            )
        )
        return parts


# --- problems, counted over the whole table -----------------------------------------------------


def _found_in(part: Any, calendar: WorkingCalendar, options: dict[str, Any]) -> _Found:
    """The problems of one partition, its rows counted within it (all of them)."""
    found = _invalid_rows(part, tz=options["tz"], columns=options["columns"], calendar=calendar)
    return {m: (rows.astype(np.int64), int(rows.size)) for m, rows in found.items()}


def _add_found(pieces: Sequence[tuple[int, _Found]], limit: int | None) -> tuple[int, _Found]:
    """The problems of consecutive pieces: rows shifted by the rows before, at most ``limit``."""
    total = 0
    out: _Found = {}
    for n, found in pieces:
        for message, (rows, count) in found.items():
            shifted = rows + total
            kept, before = out.get(message, (shifted[:0], 0))
            if kept.size:
                shifted = np.concatenate([kept, shifted])
            out[message] = (shifted if limit is None else shifted[:limit], before + count)
        total += n
    return total, out


def _lines(found: _Found) -> list[str]:
    """One line per problem with its first rows, as tthc.analytics.steps writes them."""
    return [
        problem_line(message, rows, count, _SHOWN_ROWS) for message, (rows, count) in found.items()
    ]


def _raise_found(found: _Found) -> None:
    if found:
        lines = _lines(found)
        raise LoadError(_SOURCE, lines[:MAX_PROBLEMS], max(0, len(lines) - MAX_PROBLEMS))


def _check_partition(
    part: Any, calendar: WorkingCalendar, options: dict[str, Any], limit: int | None
) -> tuple[int, _Found]:
    shared = _shared_calendar(calendar, options["policy"])
    found = _found_in(part, shared, options)
    return len(part), {m: (r if limit is None else r[:limit], n) for m, (r, n) in found.items()}


def _check_all(plan: _Plan, shipped: Delayed, split: int, limit: int | None) -> tuple[int, _Found]:
    """The problems of every partition, added up in a tree and computed."""
    check = _delayed(_check_partition, pure=True)
    level: list[Any] = [
        check(part, shipped, plan.options, limit) for part in plan.partitions(plan.checked)
    ]
    combine = _delayed(_add_found, pure=True)
    while len(level) > split:
        level = [combine(level[i : i + split], limit) for i in range(0, len(level), split)]
    (total,) = _compute(combine(level, limit))
    result: tuple[int, _Found] = total
    return result


def invalid_step_rows(
    ddf: DataFrame,
    *,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    calendar: WorkingCalendar | None = None,
    split_every: int = SPLIT_EVERY,
) -> dict[str, NDArray[np.int64]]:
    """The bad rows of a Dask step table, by problem, counted over the whole table (computed).

    [`tthc.analytics.steps.invalid_step_rows`][tthc.analytics.steps.invalid_step_rows] on every
    partition, reading only the columns it checks; the rows of each partition are shifted by
    the rows of the partitions before it, so the answer is the one the pandas function gives
    for the concatenated table.

    Args:
        ddf: The step rows (a ``dask.dataframe.DataFrame``).
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role to column name.
        calendar: The working calendar (default: the Vietnamese one).
        split_every: How many partial reports one reduction task adds up (at least 2).

    Returns:
        For each problem found, the positions of its rows (from 0, over the whole table in
        partition order); empty when every row is valid.

    Raises:
        LoadError: A required column is missing (before any data is read).
        InvalidValueError: A bad argument.

    Examples:
        >>> import dask, dask.dataframe as dd, pandas as pd
        >>> table = pd.DataFrame({
        ...     "started_at": ["2026-03-02T08:00+07:00", None, "2026-03-02T08:00+07:00"],
        ...     "finished_at": [None, None, "2026-03-01T08:00+07:00"],
        ...     "budget": ["1 ngày làm việc", "1 giờ làm việc", "1 ngày làm việc"]})
        >>> with dask.config.set(scheduler="synchronous"):
        ...     invalid_step_rows(dd.from_pandas(table, npartitions=2))
        {'started_at: missing': array([1]), 'finished_at: before started_at': array([2])}
    """
    plan = _Plan(
        ddf,
        "invalid_step_rows",
        as_of=None,
        calendar=calendar,
        policy=None,
        office_hours=None,
        tz=tz,
        columns=columns,
    )
    split = _check_split_every(split_every)
    _, found = _check_all(plan, _ship(plan.calendar), split, None)
    return {message: rows for message, (rows, _) in found.items()}


# --- step times, partition by partition ----------------------------------------------------------


def _times_partition(
    part: Any,
    calendar: WorkingCalendar,
    options: dict[str, Any],
    pauses: Any = None,
    partition_info: dict[str, Any] | None = None,
) -> Any:
    """step_times of one partition; its errors name the partition (Dask passes its number)."""
    shared = _shared_calendar(calendar, options["policy"])
    number = "?" if partition_info is None else partition_info["number"]
    try:
        return _step_times(part, calendar=shared, pauses=pauses, **options)
    except LoadError as exc:
        raise LoadError(
            _SOURCE, [f"partition {number}: {p}" for p in exc.problems], exc.more_problems
        ) from None
    except InvalidValueError as exc:
        if exc.field != "step_times(as_of)":
            raise
        raise InvalidValueError(
            exc.field, exc.value, f"{exc.expected} in partition {number}"
        ) from None


def step_times(
    ddf: DataFrame,
    *,
    as_of: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    office_hours: Mapping[str, OfficeHours] | None = None,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    pauses: Any = None,
    check: bool = True,
    split_every: int = SPLIT_EVERY,
) -> DataFrame:
    """Due instant, office time used and allowed, and late flag of every row of a Dask step table.

    [`tthc.analytics.steps.step_times`][tthc.analytics.steps.step_times] on each partition
    (``map_partitions``, reading only the columns it needs): the same rows, row for row, as on
    the whole table. The calendar is shipped once (one task of the graph that every partition
    depends on) and its index is built once per worker process; so is the table of waits for
    the applicant (``pauses=``), when given.

    Args:
        ddf: The step rows: a ``dask.dataframe.DataFrame`` with the columns of
            [`STEP_COLUMNS`][tthc.analytics.steps.STEP_COLUMNS].
        as_of: The reporting instant (aware); required when some row is open.
        calendar: The working calendar (default: ``vietnam_calendar()`` of this process,
            shipped to the workers).
        policy: The working-time policy (default: office hours 08:00–12:00, 13:00–17:00).
        office_hours: Office hours of agencies that keep their own, by the ``agency`` column's
            value (shipped to the workers).
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role to column name.
        pauses: The dossiers' waits for the applicant, as for
            [`tthc.analytics.steps.step_times`][tthc.analytics.steps.step_times]: a table of
            ``dossier_code``, ``paused_at``, ``resumed_at`` (read and checked here, then
            shipped once to the workers; every partition takes the pauses of its dossiers).
        check: Find the bad rows first (default): a pass over the three columns ``step_times``
            checks (``started_at``, ``finished_at``, ``budget``), computed **here**, before the
            frame is returned, so that every partition's bad rows are reported at once. With
            ``False`` there is no such pass (the data is read once): a partition with bad rows
            raises its own ``LoadError`` when computed, naming its rows within that partition.
        split_every: How many partial reports of the first pass one task adds up (at least 2).

    Returns:
        A Dask ``DataFrame`` with the index and partitions of ``ddf`` and the columns ``due_at``
        (aware, Vietnam time), ``used`` and ``allowed`` (``timedelta64``) and ``late`` (bool):
        join it to ``ddf`` or assign its columns.

    Raises:
        LoadError: A missing column (before any data is read); bad rows (with ``check``: here,
            every problem with its rows counted from 0 over the whole table; without it, when
            computed, the partition's problems, ``"partition 3: row 5: ..."``).
        InvalidValueError: A bad argument (before any data is read); when computed, ``as_of``
            missing while some row is open (naming the partition).

    Examples:
        >>> import datetime as dt, dask, dask.dataframe as dd, tthc
        >>> from tthc.analytics import steps
        >>> from tthc.analytics.synthetic import synthetic_steps
        >>> table = synthetic_steps(500, seed=2)
        >>> as_of = dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ)
        >>> with dask.config.set(scheduler="synchronous"):
        ...     times = step_times(dd.from_pandas(table, npartitions=3), as_of=as_of)
        ...     times.compute().equals(steps.step_times(table, as_of=as_of))
        True
        >>> times.dtypes.to_dict()
        {'due_at': datetime64[us, Asia/Ho_Chi_Minh], 'used': dtype('<m8[us]'), 'allowed': dtype('<m8[us]'), 'late': dtype('bool')}
    """
    plan = _Plan(
        ddf,
        "step_times",
        as_of=as_of,
        calendar=calendar,
        policy=policy,
        office_hours=office_hours,
        tz=tz,
        columns=columns,
        pauses=pauses,
    )
    split = _check_split_every(split_every)
    shipped = _ship(plan.calendar)
    if check:
        _, found = _check_all(plan, shipped, split, _SHOWN_ROWS)
        _raise_found(found)
    times: DataFrame = plan.frame[plan.read].map_partitions(
        _times_partition, shipped, plan.options, plan.pauses, meta=plan.meta
    )
    return times


# --- where the time goes, from mergeable partials ------------------------------------------------

# A partial: (count frame, rows, problems with their first rows).
_Partial = tuple[pd.DataFrame, int, _Found]
_EMPTY_TIMES: Final = pd.DataFrame(
    {
        "used": np.zeros(0, "timedelta64[us]"),
        "allowed": np.zeros(0, "timedelta64[us]"),
        "late": np.zeros(0, bool),
    }
)


def _counts_partition(
    part: Any,
    calendar: WorkingCalendar,
    options: dict[str, Any],
    keys: list[str],
    pauses: Any = None,
) -> _Partial:
    """The count frame of one partition, or its problems (rows counted within it)."""
    shared = _shared_calendar(calendar, options["policy"])
    try:
        times = _step_times(part, calendar=shared, pauses=pauses, **options)
    except LoadError:
        found = _found_in(part, shared, options)
        if not found:  # not a bad row (a partition without a column the meta has)
            raise
        empty = _time_counts.count_frame(part.iloc[:0], keys, _EMPTY_TIMES)
        return empty, len(part), {m: (r[:_SHOWN_ROWS], n) for m, (r, n) in found.items()}
    return _time_counts.count_frame(part, keys, times), len(part), {}


def _add_partials(partials: Sequence[_Partial]) -> _Partial:
    """The sum of consecutive partials: counts added, problems' rows shifted."""
    n, found = _add_found([(rows, problems) for _, rows, problems in partials], _SHOWN_ROWS)
    return _time_counts.add_count_frames([c for c, _, _ in partials]), n, found


def _final_counts(partials: Sequence[_Partial]) -> pd.DataFrame:
    """The summed count frame; every problem of every partition in one LoadError."""
    counts, _, found = _add_partials(partials)
    _raise_found(found)
    return counts


def _by(by: str | Sequence[str], ddf: Any) -> list[str]:
    wanted = (by,) if isinstance(by, str) else tuple(by)
    if not all(isinstance(k, str) for k in wanted):
        raise InvalidValueError("where_time_goes(by)", by, "column names")
    keys = [k for k in dict.fromkeys(wanted) if k in ddf.columns]
    if not keys:
        raise InvalidValueError("where_time_goes(by)", by, "columns of the step table")
    return keys


def time_count_frame(
    ddf: DataFrame,
    *,
    by: str | Sequence[str] = ("agency", "department", "step"),
    as_of: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    office_hours: Mapping[str, OfficeHours] | None = None,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    pauses: Any = None,
    split_every: int = SPLIT_EVERY,
) -> Delayed:
    """The merged value counts behind "where the time goes", lazily (a ``Delayed``).

    Each partition runs [`tthc.analytics.steps.step_times`][tthc.analytics.steps.step_times]
    and counts, per group of ``by``, the steps that used each distinct office time against each
    distinct budget; the partial counts are added up ``split_every`` at a time. Give the result
    to [`finalize_time_table`][tthc.analytics.steps_dask.finalize_time_table]; compute it with
    other Dask results in one pass with ``dask.compute(a, b)``.

    Args:
        ddf: The step rows (a ``dask.dataframe.DataFrame``).
        by: The grouping columns; those present in ``ddf`` are used, in order.
        as_of: The reporting instant (aware); required when some row is open.
        calendar: The working calendar (default: the Vietnamese one, shipped to the workers).
        policy: The working-time policy.
        office_hours: Office hours of agencies that keep their own.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role to column name.
        pauses: The dossiers' waits for the applicant, as for
            [`tthc.analytics.steps.step_times`][tthc.analytics.steps.step_times]: a table of
            ``dossier_code``, ``paused_at``, ``resumed_at`` (read and checked here, then
            shipped once to the workers; every partition takes the pauses of its dossiers).
        split_every: How many partials one reduction task adds up (at least 2).

    Returns:
        A ``dask.delayed.Delayed`` whose result is a pandas frame: the ``by`` columns,
        ``used`` and ``allowed`` (int64 µs), ``late`` and ``count``, one row per distinct
        (key, used, allowed, late).

    Raises:
        LoadError: A missing column (here); when computed, bad rows: every problem of every
            partition, its rows counted from 0 over the whole table.
        InvalidValueError: A bad argument, or no ``by`` column in ``ddf`` (here); when
            computed, ``as_of`` missing while some row is open.
    """
    plan = _Plan(
        ddf,
        "where_time_goes",
        as_of=as_of,
        calendar=calendar,
        policy=policy,
        office_hours=office_hours,
        tz=tz,
        columns=columns,
        pauses=pauses,
    )
    keys = _by(by, ddf)
    split = _check_split_every(split_every)
    shipped = _ship(plan.calendar)
    count = _delayed(_counts_partition, pure=True)
    level: list[Any] = [
        count(part, shipped, plan.options, keys, plan.pauses)
        for part in plan.partitions([*plan.read, *keys])
    ]
    combine = _delayed(_add_partials, pure=True)
    while len(level) > split:
        level = [combine(level[i : i + split]) for i in range(0, len(level), split)]
    total: Delayed = _delayed(_final_counts, pure=True)(level)
    return total


def finalize_time_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The "where the time goes" table of a count frame from ``time_count_frame``.

    Args:
        counts: The computed result of
            [`time_count_frame`][tthc.analytics.steps_dask.time_count_frame].

    Returns:
        The table of [`tthc.analytics.steps.where_time_goes`][tthc.analytics.steps.where_time_goes]
        for the rows counted: one row per group, the largest share of late steps first.

    Raises:
        InvalidValueError: ``counts`` is not such a frame.
    """
    frame: object = counts
    names = [str(c) for c in frame.columns] if isinstance(frame, pd.DataFrame) else []
    values = list(_time_counts.VALUES)
    if len(names) <= len(values) or names[-len(values) :] != values:  # a key, then the values
        raise InvalidValueError(
            "finalize_time_table(counts)",
            type(frame).__name__,
            "the frame computed from time_count_frame (key columns, used, allowed, late, count)",
        )
    return _time_counts.finalize(counts)


def where_time_goes(
    ddf: DataFrame,
    *,
    by: str | Sequence[str] = ("agency", "department", "step"),
    as_of: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    office_hours: Mapping[str, OfficeHours] | None = None,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    pauses: Any = None,
    split_every: int = SPLIT_EVERY,
) -> pd.DataFrame:
    """Where the time goes in a Dask step table: per unit and step, late steps and time used.

    ``finalize_time_table(time_count_frame(ddf, ...).compute())``: one pass over the data, the
    step times computed in each partition and never gathered. The table **equals**
    [`tthc.analytics.steps.where_time_goes`][tthc.analytics.steps.where_time_goes] of the whole
    table and its ``step_times``, medians and 90th percentiles included (they are exact, from
    merged value counts: see the module's notes on memory).

    Args:
        ddf: The step rows (a ``dask.dataframe.DataFrame``).
        by: The grouping columns; those present in ``ddf`` are used, in order.
        as_of: The reporting instant (aware); required when some row is open.
        calendar: The working calendar (default: the Vietnamese one, shipped to the workers).
        policy: The working-time policy.
        office_hours: Office hours of agencies that keep their own.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role to column name.
        pauses: The dossiers' waits for the applicant, as for
            [`tthc.analytics.steps.step_times`][tthc.analytics.steps.step_times]: a table of
            ``dossier_code``, ``paused_at``, ``resumed_at`` (read and checked here, then
            shipped once to the workers; every partition takes the pauses of its dossiers).
        split_every: How many partials one reduction task adds up (at least 2).

    Returns:
        One row per group, the largest share of late steps first: ``steps``, ``late``,
        ``late_share``, ``median_used_h``, ``p90_used_h``, ``median_ratio``, ``p90_ratio``.

    Raises:
        LoadError: A missing column; bad rows: every problem of every partition in one error,
            its rows counted from 0 over the whole table.
        InvalidValueError: A bad argument, no ``by`` column in ``ddf``, or ``as_of`` missing
            while some row is open.

    Examples:
        >>> import datetime as dt, dask, dask.dataframe as dd, tthc
        >>> from tthc.analytics.synthetic import synthetic_steps
        >>> ddf = dd.from_pandas(synthetic_steps(1_000, seed=7), npartitions=3)
        >>> with dask.config.set(scheduler="synchronous"):
        ...     table = where_time_goes(ddf, as_of=dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ))
        >>> table.index[0], int(table["steps"].sum()) == len(ddf)
        (('000.00.01.Z01', 'Phòng B', 'Thẩm định'), True)
    """
    lazy = time_count_frame(
        ddf,
        by=by,
        as_of=as_of,
        calendar=calendar,
        policy=policy,
        office_hours=office_hours,
        tz=tz,
        columns=columns,
        pauses=pauses,
        split_every=split_every,
    )
    (counts,) = _compute(lazy)
    return finalize_time_table(counts)
