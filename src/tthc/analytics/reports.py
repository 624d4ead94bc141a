"""Reports (*báo cáo*) on dossier timeliness: indicator tables, charts and an HTML page.

From a table of dossiers (one row per dossier, the columns of
[`classify_timeliness`][tthc.analytics.frames.classify_timeliness]) and optionally a procedure
catalogue, [`report`][tthc.analytics.reports.report] builds the Decision 766/QĐ-TTg indicator 2.1 figures
per agency, per procedure and per month, a terminal table, charts (matplotlib) and a
self-contained HTML report.

The work is split in two steps so that it can run on partitions (Dask, or files read one at a
time):

1. [`timeliness_count_frame`][tthc.analytics.reports.timeliness_count_frame] classifies every row
   (vectorised) and counts per group: **whole counts only**, so the frames of several
   partitions add up: ``pd.concat(parts).groupby(by).sum()``;
2. [`finalize_indicator_table`][tthc.analytics.reports.finalize_indicator_table] turns (summed) counts
   into rates: exact percentages (`Decimal`, 2 places, half-up, "N/A" as ``None``).

[`indicator_table`][tthc.analytics.reports.indicator_table] does both at once.

Bad rows are never dropped: they are classified ``"invalid"`` (``invalid="mark"``), counted in
the ``invalid`` column, and [`report`][tthc.analytics.reports.report] lists the first of them with their
problems. Rows that are not classified (never received, or received after ``as_of``) are counted
in ``unclassified``. Every row of the table is in exactly one group, so the counts of a table
always add up to its number of rows.

numpy and pandas are needed (``tthc[pandas]``); charts need matplotlib (``tthc[charts]``), which
is imported only when a chart is drawn.

Examples:
    >>> import datetime as dt, pandas as pd, tthc
    >>> from tthc.analytics.reports import indicator_table
    >>> dossiers = pd.DataFrame({
    ...     "agency": ["A", "A", "B", "B"],
    ...     "status": [10, 9, 4, 10],
    ...     "received_at": ["2023-03-01T09:00+07:00"] * 4,
    ...     "due_at": ["2023-03-06T09:00+07:00"] * 4,
    ...     "finished_at": ["2023-03-02T10:00+07:00", "2023-03-06T16:00+07:00", None,
    ...                     "2023-03-09T08:00+07:00"],
    ... })
    >>> as_of = dt.datetime(2023, 4, 1, tzinfo=tthc.VN_TZ)
    >>> table = indicator_table(dossiers, by="agency", as_of=as_of)
    >>> table[["received", "early", "on_time", "late", "overdue", "on_time_rate"]]
            received  early  on_time  late  overdue on_time_rate
    agency
    A              2      1        1     0        0       100.00
    B              2      0        0     1        1         0.00

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1: dossiers
    handled early or on time, or in progress within time, over dossiers received or handled in
    the period; rates shown with 2 decimals, N/A for a zero denominator (research notes
    ``vn_legal.md`` §2.3 and §6.2, CONFIRMED (secondary)).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import html
import io
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc.deadlines import VN_TZ
from tthc.errors import InvalidValueError, LoadError
from tthc.indicators.core import (
    OnlineCoverage,
    ProcedureOnline,
    Rate,
    RoundingMode,
    TimelinessCounts,
    _places,
    _rounding,
    online_coverage,
)
from tthc.procedures import Procedure
from tthc.procedures.service_levels import derive_level

if TYPE_CHECKING:
    # Only for annotations: they are never evaluated (postponed, and Report is not structured
    # by cattrs), so `import tthc.analytics.reports` does not import pandas.
    import pandas as pd  # noqa: TC004
    from matplotlib.figure import Figure

__all__ = [
    "CHANNEL_COLUMNS",
    "COUNT_COLUMNS",
    "DERIVED_KEYS",
    "MISSING_KEY",
    "RATE_COLUMNS",
    "InvalidRow",
    "InvalidRows",
    "Progress",
    "Report",
    "catalogue_coverage",
    "finalize_indicator_table",
    "format_indicator_table",
    "indicator_table",
    "plot_coverage",
    "plot_on_time_by_month",
    "plot_timeliness_shares",
    "report",
    "timeliness_count_frame",
]

COUNT_COLUMNS: Final = (
    "received",
    "finished",
    "early",
    "on_time",
    "late",
    "within_time",
    "overdue",
    "unclassified",
    "invalid",
)
"""The count columns of every count frame, in order.

* ``received``: valid dossiers received by ``as_of``: the dossiers "received or handled in
  the period", denominator of indicator 2.1 (= finished + within_time + overdue);
* ``finished``: those finished by ``as_of`` (= early + on_time + late);
* ``early``, ``on_time``, ``late``, ``within_time``, ``overdue``: the classes of
  [`Timeliness`][tthc.dossiers.Timeliness];
* ``unclassified``: rows not classified (never received, or received after ``as_of``);
* ``invalid``: bad rows (see [`classify_timeliness`][tthc.analytics.frames.classify_timeliness]).

A group's rows are ``received + unclassified + invalid``.
"""

CHANNEL_COLUMNS: Final = ("online", "in_person", "postal", "other_channel")
"""The channel counts, among the ``received`` dossiers, when the table has a channel column.

National channel codes: 2 online, 1 in person, 3 public postal service. Decision 766
indicator 3.3 counts a missing channel as in person; any other code is ``other_channel``.
"""

RATE_COLUMNS: Final = (
    "on_time_rate",
    "finished_on_time_rate",
    "early_share",
    "on_time_share",
    "late_share",
    "overdue_share",
    "online_share",
)
"""The rate columns [`finalize_indicator_table`][tthc.analytics.reports.finalize_indicator_table] adds.

All are **percentages** (0 to 100) as `Decimal` with 2 places rounded half-up, or ``None``
(N/A) when the denominator is 0:

* ``on_time_rate``: indicator 2.1, (early + on_time + within_time) / received;
* ``finished_on_time_rate``: (early + on_time) / finished ("resolved early or on time");
* ``early_share``, ``on_time_share``, ``late_share``: each over finished;
* ``overdue_share``: overdue / (within_time + overdue), the open dossiers past their due date;
* ``online_share``: online / received (indicator 3.3 before the sync factor), only when the
  counts have the channel columns.
"""

DERIVED_KEYS: Final = ("month", "quarter", "year")
"""Group keys computed from the receipt instant in Vietnam time (``"2023-01"``, ``"2023-Q1"``,
``"2023"``) rather than read from a column of the same name."""

MISSING_KEY: Final = "(none)"
"""The key of rows whose group value is missing (no receipt for ``month``, an empty agency).

A text rather than a missing value, so that ``groupby`` never drops those rows (pandas drops
missing keys by default)."""

_CLASSES: Final = (
    "early",
    "on_time",
    "late",
    "within_time",
    "overdue",
    "invalid",
    "unclassified",
)
_SLOT: Final = {name: i for i, name in enumerate(_CLASSES)}
_RECEIVED_SLOTS: Final = 5  # slots 0-4 are the classes of received, valid dossiers
_OFFSET_US: Final = 7 * 3600 * 1_000_000
_US_PER_DAY: Final = 86_400 * 1_000_000
_NAT: Final = -(2**63)
_MAX_DENSE_GROUPS: Final = 1 << 16
_SHOWN_INVALID: Final = 20
_MAX_BARS: Final = 30

Progress = Callable[[str], object]
"""A progress callback: called with one line of text before each long step."""


# --- lazy imports --------------------------------------------------------------------------------


def _np() -> Any:
    try:
        import numpy as np  # noqa: PLC0415 - optional extra
    except ImportError:  # pragma: no cover - exercised only without numpy
        raise InvalidValueError(
            "tthc.analytics.reports",
            "numpy",
            "numpy and pandas installed (pip install 'tthc[pandas]')",
        ) from None
    return np


def _pd() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - optional extra
    except ImportError:  # pragma: no cover - exercised only without pandas
        raise InvalidValueError(
            "tthc.analytics.reports", "pandas", "pandas installed (pip install 'tthc[pandas]')"
        ) from None
    return pd


def _figure_class() -> type[Figure]:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra
    except ImportError:  # pragma: no cover - exercised only without matplotlib
        raise InvalidValueError(
            "tthc.analytics.reports charts",
            "matplotlib",
            "matplotlib installed (pip install 'tthc[charts]')",
        ) from None
    # A Figure built directly (not through pyplot) renders with Agg on savefig: no GUI backend,
    # no global figure registry, nothing to close.
    return Figure


# --- counting ------------------------------------------------------------------------------------


def _check_by(by: str | Sequence[str]) -> tuple[str, ...]:
    keys: tuple[object, ...] = (by,) if isinstance(by, str) else tuple(by)
    if not all(isinstance(k, str) and k for k in keys) or len(set(keys)) != len(keys):
        raise InvalidValueError(
            "timeliness_count_frame(by)", by, "distinct column names (or 'month', 'quarter')"
        )
    return keys  # type: ignore[return-value]  # checked above


def _read_table(path: str | os.PathLike[str], names: list[str], texts: list[str]) -> Any:
    """Read the needed columns of a CSV or Parquet file; key columns of a CSV stay text."""
    from tthc.analytics.frames import _read_path  # noqa: PLC0415

    return _read_path(path, names, texts, caller="timeliness_count_frame(table)")


def _class_slots(np: Any, result: Any) -> Any:
    """The slot in ``_CLASSES`` of every row, from classify_timeliness's answer (any kind)."""
    module = type(result).__module__.split(".")[0]
    if module == "pandas":
        raw = result.cat.codes.to_numpy()
        names = [str(c) for c in result.cat.categories]
    elif module == "pyarrow":
        from tthc.analytics.frames import _pyarrow  # noqa: PLC0415

        raw = _pyarrow("compute").fill_null(result.indices, -1).to_numpy()
        names = [str(c) for c in result.dictionary.to_pylist()]
    elif module == "polars":
        import polars as pl  # noqa: PLC0415 - only for polars input

        names = [str(c) for c in result.dtype.categories.to_list()]
        raw = result.to_physical().cast(pl.Int32).fill_null(-1).to_numpy()
    else:
        pdm = _pd()
        names = list(_CLASSES[:-1])
        raw = pdm.Categorical(result, categories=names).codes
    lookup = np.array([_SLOT[n] for n in names] + [_SLOT["unclassified"]], dtype=np.int8)
    return lookup[np.asarray(raw, dtype=np.intp)]


def _key_codes(np: Any, column: Any, kind: str) -> tuple[Any, list[str]]:
    """(codes, labels) of a key column: int64 codes into labels, -1 where missing."""
    pdm = _pd()
    if kind == "polars":
        column, kind = column.to_arrow(), "arrow"
    if kind == "arrow":
        from tthc.analytics.frames import _pyarrow  # noqa: PLC0415

        pa, pc = _pyarrow(), _pyarrow("compute")
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        encoded = pc.dictionary_encode(column)
        codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64)
        return codes, [str(v) for v in encoded.dictionary.to_pylist()]
    if kind == "pandas" and isinstance(column.dtype, pdm.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64)
        return codes, [str(v) for v in column.cat.categories]
    values = column if kind == "pandas" else np.asarray(column)
    codes, uniques = pdm.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), [str(v) for v in uniques]


def _period_label(key: str, period: int) -> str:
    if key == "year":
        return f"{1970 + period:04d}"
    if key == "quarter":
        return f"{1970 + period // 4:04d}-Q{period % 4 + 1}"
    return f"{1970 + period // 12:04d}-{period % 12 + 1:02d}"


@attrs.define
class _Prepared:
    """A table read once and classified once, ready to be counted by any grouping."""

    np: Any
    kind: str
    table: Any
    source: str
    n: int
    slots: Any  # int8 slot in _CLASSES per row
    channel: Any  # int8 slot in CHANNEL_COLUMNS per row, or None without a channel column
    received_column: str
    tz: str | None
    _periods: Any = None  # months since 1970-01 per row (-1 if no receipt), computed once

    def key(self, name: str) -> tuple[Any, list[str]]:
        from tthc.analytics.frames import _column, _columns_of  # noqa: PLC0415

        np = self.np
        if name in DERIVED_KEYS:
            months = self._months()
            present = months >= 0
            periods = months if name == "month" else months // (3 if name == "quarter" else 12)
            codes = np.full(self.n, -1, dtype=np.int64)
            if not present.any():
                return codes, []
            values = periods[present]
            low = int(values.min())
            relative = values - low
            used = np.bincount(relative) > 0
            remap = np.cumsum(used) - 1
            codes[present] = remap[relative]
            return codes, [_period_label(name, low + int(p)) for p in np.flatnonzero(used)]
        if name not in _columns_of(self.table, self.kind):
            raise LoadError(
                self.source,
                [f"$: missing column {name!r}, asked for as a group key (by=)"],
            )
        return _key_codes(np, _column(self.table, self.kind, name), self.kind)

    def _months(self) -> Any:
        if self._periods is None:
            from tthc.analytics.frames import _column, _instant_column  # noqa: PLC0415

            np = self.np
            column = _column(self.table, self.kind, self.received_column)
            us, _ = _instant_column(np, column, self.kind, self.received_column, self.tz)
            present = us != _NAT
            days = np.where(present, us, 0) + _OFFSET_US
            days //= _US_PER_DAY
            months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
            self._periods = np.where(present, months, -1)
        return self._periods

    def count_frame(self, by: tuple[str, ...]) -> pd.DataFrame:
        np, pdm = self.np, _pd()
        k = len(_CLASSES)
        if not by:
            counts = np.bincount(self.slots, minlength=k).reshape(1, k)
            channels = None
            if self.channel is not None:
                received = self.slots < _RECEIVED_SLOTS
                channels = np.bincount(
                    self.channel[received], minlength=len(CHANNEL_COLUMNS)
                ).reshape(1, -1)
            return _frame(np, pdm, counts, channels, pdm.RangeIndex(1))
        gid, groups, labels = self._groups(by)
        counts = np.bincount(gid * k + self.slots, minlength=len(groups[0]) * k).reshape(-1, k)
        channels = None
        if self.channel is not None:
            received = self.slots < _RECEIVED_SLOTS
            c = len(CHANNEL_COLUMNS)
            channels = np.bincount(
                gid[received] * c + self.channel[received], minlength=len(groups[0]) * c
            ).reshape(-1, c)
        keep = np.flatnonzero(counts.sum(axis=1))
        # Keys as text ("str": pandas' string dtype from pandas 3, object before), empty or not.
        arrays = [
            pdm.Index(np.array([*lab, MISSING_KEY], dtype=object)[g[keep]], dtype="str", name=name)
            for g, lab, name in zip(groups, labels, by, strict=True)
        ]
        index = arrays[0] if len(by) == 1 else pdm.MultiIndex.from_arrays(arrays, names=list(by))
        frame = _frame(np, pdm, counts[keep], None if channels is None else channels[keep], index)
        return frame.sort_index()

    def _groups(self, by: tuple[str, ...]) -> tuple[Any, list[Any], list[list[str]]]:
        """Row group ids, each group's code per key (missing = len(labels)), and the labels."""
        np = self.np
        gid: Any = None
        groups: list[Any] = []
        labels: list[list[str]] = []
        count = 1
        for name in by:
            codes, lab = self.key(name)
            size = len(lab) + 1
            codes = np.where(codes < 0, size - 1, codes)
            labels.append(lab)
            gid = codes if gid is None else gid * size + codes
            if count * size <= _MAX_DENSE_GROUPS:
                groups = [np.repeat(g, size) for g in groups]
                groups.append(np.tile(np.arange(size, dtype=np.int64), count))
                count *= size
            else:  # many groups: keep only those that occur
                present, gid = np.unique(gid, return_inverse=True)
                gid = gid.astype(np.int64, copy=False)
                groups = [g[present // size] for g in groups]
                groups.append(present % size)
                count = len(present)
        return gid, groups, labels


def _frame(np: Any, pdm: Any, counts: Any, channels: Any, index: Any) -> pd.DataFrame:
    c = counts.astype(np.int64, copy=False)
    data: dict[str, Any] = {
        "received": c[:, :_RECEIVED_SLOTS].sum(axis=1),
        "finished": c[:, :3].sum(axis=1),
    }
    for name in COUNT_COLUMNS[2:]:
        data[name] = c[:, _SLOT[name]]
    if channels is not None:
        for j, name in enumerate(CHANNEL_COLUMNS):
            data[name] = channels[:, j].astype(np.int64, copy=False)
    frame: pd.DataFrame = pdm.DataFrame(data, index=index)
    return frame


def _prepare(
    table: Any,
    *,
    keys: Iterable[str],
    as_of: dt.datetime | None,
    granularity: str,
    tz: str | None,
    columns: Mapping[str, str] | None,
    channel: str | None,
    progress: Progress | None = None,
) -> _Prepared:
    from tthc.analytics.frames import (  # noqa: PLC0415 - the columnar edge, loaded on demand
        DOSSIER_COLUMNS,
        _code_column,
        _column,
        _columns_of,
        _frame_kind,
        classify_timeliness,
    )

    np = _np()
    roles = dict(DOSSIER_COLUMNS)
    if columns is not None:
        if not isinstance(columns, Mapping):
            raise InvalidValueError(
                "timeliness_count_frame(columns)", columns, "a mapping of role to column name"
            )
        roles.update(columns)
    key_columns = [k for k in keys if k not in DERIVED_KEYS]
    source = "<table>"
    kind = _frame_kind(table)
    if not kind:
        if not isinstance(table, (str, os.PathLike)):
            raise InvalidValueError(
                "timeliness_count_frame(table)",
                type(table).__name__,
                "a pandas or polars DataFrame, a pyarrow Table, a mapping of numpy columns, or "
                "the path of a .csv or .parquet file",
            )
        source = os.fspath(table)
        if progress is not None:
            progress(f"reading {source}")
        wanted = [*roles.values(), *key_columns, *([] if channel is None else [channel])]
        table = _read_table(table, wanted, key_columns)
        kind = _frame_kind(table)
    present = set(_columns_of(table, kind))
    missing = [c for c in key_columns if c not in present]
    if missing:
        raise LoadError(
            source, [f"$: missing column {c!r}, asked for as a group key" for c in missing]
        )
    n = len(table) if kind != "numpy" else len(next(iter(table.values()), ()))
    if progress is not None:
        progress(f"classifying {n:,} dossiers")
    result = classify_timeliness(
        table, as_of=as_of, granularity=granularity, invalid="mark", tz=tz, columns=columns
    )
    slots = _class_slots(np, result)
    slot_channel = None
    if channel is not None and channel in present:
        values = _code_column(np, _column(table, kind, channel), kind)
        slot_channel = np.full(len(values), 3, dtype=np.int8)
        with np.errstate(invalid="ignore"):
            slot_channel[np.isnan(values) | (values == 1)] = 1
            slot_channel[values == 2] = 0  # noqa: PLR2004 - channel code 2, online
            slot_channel[values == 3] = 2  # noqa: PLR2004 - channel code 3, postal
    return _Prepared(
        np=np,
        kind=kind,
        table=table,
        source=source,
        n=len(slots),
        slots=slots,
        channel=slot_channel,
        received_column=roles["received_at"],
        tz=tz,
    )


def timeliness_count_frame(
    table: Any,
    *,
    by: str | Sequence[str] = ("agency", "month"),
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    channel: str | None = "channel",
) -> pd.DataFrame:
    """Classify every dossier and count them per group: whole counts only, decomposable.

    Each row is classified by [`classify_timeliness`][tthc.analytics.frames.classify_timeliness] with
    ``invalid="mark"`` (vectorised), then counted in its group. The frames of several
    partitions of one table add up to the frame of the whole table::

        pd.concat([timeliness_count_frame(part, by=by, as_of=t) for part in parts])
          .groupby(list(by)).sum()

    Args:
        table: A pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name
            to numpy array, or the path of a ``.csv`` or ``.parquet`` file (only the needed
            columns are read; key columns of a CSV are read as text).
        by: The group keys: column names, and ``"month"``, ``"quarter"`` or ``"year"`` (see
            [`DERIVED_KEYS`][tthc.analytics.reports.DERIVED_KEYS]) computed from the receipt instant in
            Vietnam time. One name may be given as a text; ``()`` gives one row (index 0) for
            the whole table (add partial frames with ``pd.concat(parts).groupby(level=0).sum()``).
        as_of: The reporting instant (aware), as for ``classify_timeliness``.
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name, as for ``classify_timeliness``.
        channel: The column of channel codes; the channel counts are added when the table has
            it. ``None`` leaves them out.

    Returns:
        One row per group that has rows, indexed by the keys (as text, a missing value as
        [`MISSING_KEY`][tthc.analytics.reports.MISSING_KEY]) and sorted, with the ``int64`` columns
        [`COUNT_COLUMNS`][tthc.analytics.reports.COUNT_COLUMNS] (then
        [`CHANNEL_COLUMNS`][tthc.analytics.reports.CHANNEL_COLUMNS] when the table has the channel
        column). The counts of all groups add up to the rows of the table.

    Raises:
        LoadError: A required column or a key column is missing, or the file cannot be read.
        InvalidValueError: ``as_of`` missing while some row is unfinished, naive instants
            without ``tz``, or a bad argument.

    Examples:
        >>> import pandas as pd
        >>> dossiers = pd.DataFrame({
        ...     "agency": ["A", "A", None], "status": [10, 12, 10],
        ...     "received_at": ["2023-01-31T16:00+07:00", "2023-02-01T09:00+07:00",
        ...                     "2023-01-31T18:00+00:00"],
        ...     "due_at": ["2023-02-03T16:00+07:00"] * 3,
        ...     "finished_at": ["2023-02-02T09:00+07:00"] * 3,
        ... })
        >>> timeliness_count_frame(dossiers)[["received", "early", "invalid"]]
                       received  early  invalid
        agency month
        (none) 2023-02         1      1        0
        A      2023-01         1      1        0
               2023-02         0      0        1
    """
    keys = _check_by(by)
    prepared = _prepare(
        table,
        keys=keys,
        as_of=as_of,
        granularity=granularity,
        tz=tz,
        columns=columns,
        channel=channel,
    )
    return prepared.count_frame(keys)


def _check_counts(pd: Any, counts: Any) -> None:
    if not isinstance(counts, pd.DataFrame):
        raise InvalidValueError(
            "finalize_indicator_table(counts)", type(counts).__name__, "a pandas DataFrame"
        )
    missing = [c for c in COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise InvalidValueError(
            "finalize_indicator_table(counts)",
            missing,
            "the count columns of timeliness_count_frame (tthc.analytics.reports.COUNT_COLUMNS)",
        )
    for c in [*COUNT_COLUMNS, *(c for c in CHANNEL_COLUMNS if c in counts.columns)]:
        column = counts[c]
        if column.dtype.kind not in "iu" or (len(column) and int(column.min()) < 0):
            raise InvalidValueError(
                f"finalize_indicator_table(counts[{c!r}])", str(column.dtype), "counts >= 0"
            )


def finalize_indicator_table(
    counts: pd.DataFrame,
    *,
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
) -> pd.DataFrame:
    """Turn count frames (summed across partitions or not) into the indicator table.

    Args:
        counts: A frame with the [`COUNT_COLUMNS`][tthc.analytics.reports.COUNT_COLUMNS] (and optionally
            the [`CHANNEL_COLUMNS`][tthc.analytics.reports.CHANNEL_COLUMNS]), such as
            [`timeliness_count_frame`][tthc.analytics.reports.timeliness_count_frame] gives; its index is
            kept.
        places: Decimals of the percentages (Decision 766 shows 2).
        rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant
            (half-up by default).

    Returns:
        A copy of ``counts`` with the [`RATE_COLUMNS`][tthc.analytics.reports.RATE_COLUMNS] added
        (``online_share`` only with the channel columns): exact percentages as `Decimal`, or
        ``None`` (N/A) where the denominator is 0. Use ``.astype(float)`` to compute with them
        (``None`` becomes NaN).

    Raises:
        InvalidValueError: A count column is missing, not whole numbers >= 0, or the counts
            contradict each other (``received`` is not ``finished + within_time + overdue``,
            or ``finished`` is not ``early + on_time + late``).

    Examples:
        >>> import pandas as pd
        >>> counts = pd.DataFrame({"received": [706, 0], "finished": [706, 0],
        ...     "early": [200, 0], "on_time": [11, 0], "late": [495, 0], "within_time": [0, 0],
        ...     "overdue": [0, 0], "unclassified": [0, 3], "invalid": [0, 1]}, index=["A", "B"])
        >>> finalize_indicator_table(counts)[["on_time_rate", "late_share"]]
          on_time_rate late_share
        A        29.89      70.11
        B         None       None
    """
    pdm = _pd()
    _check_counts(pdm, counts)
    p = _places("finalize_indicator_table(places)", places)
    r = _rounding("finalize_indicator_table(rounding)", rounding)
    get = {c: counts[c].to_numpy().tolist() for c in counts.columns if c in COUNT_COLUMNS}
    bad = [
        i
        for i in range(len(counts))
        if get["received"][i] != get["finished"][i] + get["within_time"][i] + get["overdue"][i]
        or get["finished"][i] != get["early"][i] + get["on_time"][i] + get["late"][i]
    ]
    if bad:
        raise InvalidValueError(
            "finalize_indicator_table(counts)",
            f"rows {bad[:5]}",
            "received = finished + within_time + overdue and finished = early + on_time + late",
        )

    def pct(nums: Iterable[int], dens: Iterable[int]) -> list[Decimal | None]:
        out: list[Decimal | None] = []
        for num, den in zip(nums, dens, strict=True):
            rate = Rate.or_none(num, den)
            out.append(None if rate is None else rate.percent(p, r))
        return out

    early, on_time, late = get["early"], get["on_time"], get["late"]
    within, overdue = get["within_time"], get["overdue"]
    received, finished = get["received"], get["finished"]
    table = counts.copy()
    rates: dict[str, list[Decimal | None]] = {
        "on_time_rate": pct(
            (a + b + c for a, b, c in zip(early, on_time, within, strict=True)), received
        ),
        "finished_on_time_rate": pct(
            (a + b for a, b in zip(early, on_time, strict=True)), finished
        ),
        "early_share": pct(early, finished),
        "on_time_share": pct(on_time, finished),
        "late_share": pct(late, finished),
        "overdue_share": pct(overdue, (a + b for a, b in zip(within, overdue, strict=True))),
    }
    if "online" in counts.columns:
        rates["online_share"] = pct(counts["online"].to_numpy().tolist(), received)
    for name, values in rates.items():
        table[name] = pdm.Series(values, index=counts.index, dtype=object)
    return table


def indicator_table(
    table: Any,
    *,
    by: str | Sequence[str] = ("agency", "month"),
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    channel: str | None = "channel",
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
) -> pd.DataFrame:
    """The indicator table of a dossier table: counts and rates per group.

    ``finalize_indicator_table(timeliness_count_frame(table, ...), places=..., rounding=...)``:
    see [`timeliness_count_frame`][tthc.analytics.reports.timeliness_count_frame] for the arguments and
    [`finalize_indicator_table`][tthc.analytics.reports.finalize_indicator_table] for the columns.

    Raises:
        LoadError: A required column or a key column is missing, or the file cannot be read.
        InvalidValueError: A bad argument, naive instants without ``tz``, or ``as_of`` missing
            while some row is unfinished.
    """
    counts = timeliness_count_frame(
        table, by=by, as_of=as_of, granularity=granularity, tz=tz, columns=columns, channel=channel
    )
    return finalize_indicator_table(counts, places=places, rounding=rounding)


# --- coverage from a catalogue -------------------------------------------------------------------


def catalogue_coverage(
    procedures: Iterable[Procedure], *, levels: str = "declared"
) -> OnlineCoverage:
    """Online public-service coverage of a procedure catalogue, each procedure at its level.

    Args:
        procedures: The catalogue (load a JSON file with
            [`load_procedures`][tthc.io.load_procedures]).
        levels: ``"declared"`` (default): each procedure's ``online_level`` as published;
            ``"derived"``: the level its steps and result channels support
            ([`derive_level`][tthc.procedures.service_levels.derive_level]).

    Returns:
        The counts by level, with the eligible-for-full denominator of indicator 3.1.

    Raises:
        InvalidValueError: An item is not a Procedure, or ``levels`` is not valid.

    Examples:
        >>> from tthc.procedures import Procedure, ProcedureCase
        >>> from tthc.procedures.service_levels import OnlineServiceLevel
        >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])
        >>> c = catalogue_coverage([
        ...     attrs.evolve(p, online_level=OnlineServiceLevel.FULL, eligible_for_full_online=True),
        ...     attrs.evolve(p, online_level=OnlineServiceLevel.PARTIAL, eligible_for_full_online=True),
        ...     p,
        ... ])
        >>> c.full, c.partial, str(c.full_of_eligible)
        (1, 1, '1/2 (50.00 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
        ``vn_legal.md`` §3.1 and §6.2).
    """
    if levels not in {"declared", "derived"}:
        raise InvalidValueError("catalogue_coverage(levels)", levels, "'declared' or 'derived'")
    records = []
    for p in procedures:
        if not isinstance(p, Procedure):
            raise InvalidValueError("catalogue_coverage(procedures)", p, "Procedure items")
        level = p.online_level if levels == "declared" else derive_level(p)
        records.append(
            ProcedureOnline(
                () if level is None else {level}, eligible_for_full=p.eligible_for_full_online
            )
        )
    return online_coverage(records)


# --- labels --------------------------------------------------------------------------------------

# Column and text labels. The "en" table is the English translation of the "vi" one, key by key.
_LABELS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        # "Report on the progress of dossier handling"
        "title": "Báo cáo tiến độ giải quyết hồ sơ",
        "agency": "Đơn vị",
        "procedure": "Thủ tục",
        "month": "Tháng",
        "quarter": "Quý",
        "year": "Năm",
        "name": "Tên thủ tục",
        "received": "Tiếp nhận",
        "finished": "Đã giải quyết",
        "early": "Trước hạn",
        "on_time": "Đúng hạn",
        "late": "Quá hạn",
        "within_time": "Trong hạn",
        "overdue": "Đang quá hạn",
        "unclassified": "Không phân loại",
        "invalid": "Không hợp lệ",
        "on_time_rate": "Tỷ lệ 2.1 (%)",
        "finished_on_time_rate": "GQ đúng hạn (%)",
        "online_share": "Trực tuyến (%)",
        "total": "Tổng",
        "source": "Nguồn",
        "as_of": "Tính đến",
        "rows": "Số dòng",
        # the rule of indicator 2.1 and how its rates are shown
        "rule": "Chỉ số 2.1 = (trước hạn + đúng hạn + trong hạn) / tiếp nhận; "
        "N/A khi mẫu số bằng 0; làm tròn 2 chữ số thập phân (nửa lên).",
        "by_month": "Theo tháng",
        "by_agency": "Theo đơn vị",
        "by_procedure": "Theo thủ tục",
        "overall": "Toàn bộ",
        "invalid_rows": "Dòng không hợp lệ",
        "no_invalid": "Không có dòng không hợp lệ.",
        "row": "Dòng",
        "problems": "Lỗi",
        "coverage": "Dịch vụ công trực tuyến theo mức độ",
        "procedures": "Thủ tục",
        "full": "Toàn trình",
        "partial": "Một phần",
        "none": "Không có DVCTT",
        "eligible": "Đủ điều kiện toàn trình",
        "full_of_eligible": "Toàn trình / đủ điều kiện",
        "not_full": "Chưa toàn trình",
        "online": "Có DVCTT",
        "chart_month": "Tỷ lệ giải quyết đúng hạn theo tháng",
        "chart_shares": "Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn",
        "percent_finished": "% hồ sơ đã giải quyết",
        "percent": "%",
        "no_data": "Không có dữ liệu",
        # the first n rows
        "first_rows": "{n} dòng đầu tiên:",
        # and n more groups
        "more": "… và {n:,} nhóm khác",
        "charts": "Biểu đồ",
        "generated": "Tạo bởi tthc",
    },
    "en": {
        "title": "Dossier timeliness report",
        "agency": "Agency",
        "procedure": "Procedure",
        "month": "Month",
        "quarter": "Quarter",
        "year": "Year",
        "name": "Procedure name",
        "received": "Received",
        "finished": "Finished",
        "early": "Early",
        "on_time": "On time",
        "late": "Late",
        "within_time": "Within time",
        "overdue": "Overdue",
        "unclassified": "Unclassified",
        "invalid": "Invalid",
        "on_time_rate": "Rate 2.1 (%)",
        "finished_on_time_rate": "Finished on time (%)",
        "online_share": "Online (%)",
        "total": "Total",
        "source": "Source",
        "as_of": "As of",
        "rows": "Rows",
        "rule": "Indicator 2.1 = (early + on time + within time) / received; "
        "N/A when the denominator is 0; 2 decimals, rounded half-up.",
        "by_month": "By month",
        "by_agency": "By agency",
        "by_procedure": "By procedure",
        "overall": "Overall",
        "invalid_rows": "Invalid rows",
        "no_invalid": "No invalid rows.",
        "row": "Row",
        "problems": "Problems",
        "coverage": "Online public services by level",
        "procedures": "Procedures",
        "full": "Full",
        "partial": "Partial",
        "none": "No online service",
        "eligible": "Eligible for full",
        "full_of_eligible": "Full / eligible",
        "not_full": "Not full",
        "online": "Online service",
        "chart_month": "On-time rate by month",
        "chart_shares": "Finished dossiers: early, on time, late",
        "percent_finished": "% of finished dossiers",
        "percent": "%",
        "no_data": "No data",
        "first_rows": "the first {n} rows:",
        "more": "… and {n:,} more groups",
        "charts": "Charts",
        "generated": "Made with tthc",
    },
}


def _labels(language: str) -> dict[str, str]:
    if language not in _LABELS:
        raise InvalidValueError("tthc.analytics.reports(language)", language, "'vi' or 'en'")
    return _LABELS[language]


def _nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value))


# --- terminal table ------------------------------------------------------------------------------

_TEXT_COLUMNS: Final = (
    "received",
    "finished",
    "early",
    "on_time",
    "late",
    "within_time",
    "overdue",
    "on_time_rate",
    "finished_on_time_rate",
    "online_share",
    "invalid",
    "unclassified",
)


def _shown_columns(table: pd.DataFrame) -> list[str]:
    shown = []
    for c in _TEXT_COLUMNS:
        if c not in table.columns:
            continue
        if c in {"invalid", "unclassified"} and not int(table[c].sum()):
            continue
        shown.append(c)
    return shown


def _cell(value: object) -> str:
    if value is None:
        return "N/A"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, int) or type(value).__module__ == "numpy":
        return f"{int(value):,}"  # type: ignore[call-overload]  # numpy integers
    return _nfc(value)


def _rows_of(
    table: pd.DataFrame, columns: list[str], max_rows: int | None
) -> tuple[list[str], list[list[str]], int]:
    """(key headers, rows of cells, rows left out) for a text or HTML table."""
    names = [str(n) if n is not None else "" for n in table.index.names]
    keys_only = [*table.index] if table.index.nlevels > 1 else [(k,) for k in table.index]
    extra = ["name"] if "name" in table.columns else []
    values = {c: table[c].tolist() for c in [*extra, *columns]}
    rows = []
    for i, key in enumerate(keys_only):
        if max_rows is not None and i >= max_rows:
            break
        rows.append([_nfc(k) for k in key] + [_cell(values[c][i]) for c in [*extra, *columns]])
    left = len(keys_only) - len(rows)
    return [*names, *extra], rows, left


def format_indicator_table(
    table: pd.DataFrame,
    *,
    language: str = "vi",
    total: pd.DataFrame | None = None,
    max_rows: int | None = None,
) -> str:
    """Show an indicator table as aligned plain text, for a terminal.

    Args:
        table: An indicator table (from [`indicator_table`][tthc.analytics.reports.indicator_table] or
            [`finalize_indicator_table`][tthc.analytics.reports.finalize_indicator_table]).
        language: ``"vi"`` (Vietnamese headers, default) or ``"en"``.
        total: A one-row indicator table (``by=()``) shown as a last "total" line.
        max_rows: Show at most this many groups (a last line says how many are left out).

    Returns:
        The table, one line per group; counts with thousands separators, percentages with
        their decimals, "N/A" where a rate is not applicable. Columns ``invalid`` and
        ``unclassified`` are shown only when some group has such rows.

    Raises:
        InvalidValueError: ``language`` is not ``"vi"`` or ``"en"``.

    Examples:
        >>> import pandas as pd
        >>> counts = pd.DataFrame({"received": [3], "finished": [2], "early": [1],
        ...     "on_time": [1], "late": [0], "within_time": [1], "overdue": [0],
        ...     "unclassified": [0], "invalid": [0]}, index=pd.Index(["A"], name="agency"))
        >>> print(format_indicator_table(finalize_indicator_table(counts), language="en"))
        Agency  Received  Finished  Early  On time  Late  Within time  Overdue  Rate 2.1 (%)  Finished on time (%)
        A              3         2      1        1     0            1        0        100.00                100.00
    """
    labels = _labels(language)
    columns = _shown_columns(table if total is None else _pd().concat([table, total]))
    heads, rows, left = _rows_of(table, columns, max_rows)
    nkeys = len(heads)
    header = [labels.get(h, h) for h in heads] + [labels[c] for c in columns]
    last = []
    if total is not None:
        _, total_rows, _ = _rows_of(total, columns, None)
        cells = total_rows[0][-len(columns) :] if columns else []
        last = [[labels["total"], *([""] * (nkeys - 1)), *cells]]
    widths = [max(len(r[i]) for r in [header, *rows, *last]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [
            cell.ljust(widths[i]) if i < nkeys else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    lines = [line(row) for row in [header, *rows]]
    if left:
        lines.append(labels["more"].format(n=left))
    lines += [line(row) for row in last]
    return "\n".join(lines)


# --- charts --------------------------------------------------------------------------------------

_COLOURS: Final = {
    "early": "#2e7d32",
    "on_time": "#1565c0",
    "late": "#c62828",
    "full": "#2e7d32",
    "partial": "#f9a825",
    "none": "#9e9e9e",
    "not_full": "#c8e6c9",
}


def _single_key(table: pd.DataFrame, what: str) -> list[str]:
    if table.index.nlevels != 1:
        raise InvalidValueError(
            what, list(table.index.names), "an indicator table grouped by one key"
        )
    return [_nfc(k) for k in table.index]


def _floats(values: Iterable[object]) -> list[float]:
    return [float("nan") if v is None else float(v) for v in values]  # type: ignore[arg-type]


def plot_on_time_by_month(
    table: pd.DataFrame, *, language: str = "vi", title: str | None = None
) -> Figure:
    """Line chart of the on-time rate (indicator 2.1) by month (or any single time key).

    Args:
        table: An indicator table grouped by ``"month"`` (or ``"quarter"``, ``"year"``);
            the group of rows without a receipt ([`MISSING_KEY`][tthc.analytics.reports.MISSING_KEY]) is
            left out of the chart.
        language: ``"vi"`` (default) or ``"en"`` for the labels.
        title: The chart's title (default: "Tỷ lệ giải quyết đúng hạn theo tháng").

    Returns:
        A matplotlib ``Figure`` (not registered with pyplot): ``fig.savefig(path)``. Its first
        line is ``on_time_rate`` and its second ``finished_on_time_rate``, as floats; N/A
        values are gaps (NaN).

    Raises:
        InvalidValueError: The table is not grouped by one key, or matplotlib is missing.
    """
    labels = _labels(language)
    keys = _single_key(table, "plot_on_time_by_month(table)")
    keep = [i for i, k in enumerate(keys) if k != MISSING_KEY]
    x = [keys[i] for i in keep]
    on_time = _floats(table["on_time_rate"].iloc[keep])
    finished = _floats(table["finished_on_time_rate"].iloc[keep])
    fig = _figure_class()(figsize=(8, 4), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(x)))
    ax.plot(
        positions, on_time, marker="o", color=_COLOURS["on_time"], label=labels["on_time_rate"]
    )
    ax.plot(
        positions,
        finished,
        marker="s",
        linestyle="--",
        color=_COLOURS["early"],
        label=labels["finished_on_time_rate"],
    )
    ax.set_xticks(positions, x, rotation=45, ha="right")
    ax.set_ylabel(labels["percent"])
    known = [v for v in [*on_time, *finished] if v == v]  # noqa: PLR0124 - NaN test
    low = min(known, default=0.0)
    ax.set_ylim(max(0.0, min(low - 2.0, 95.0)), 100.5)
    ax.grid(visible=True, axis="y", alpha=0.3)
    if x:
        ax.legend(loc="lower left")
    else:
        ax.text(0.5, 0.5, labels["no_data"], ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title or labels["chart_month"])
    return fig


def plot_timeliness_shares(
    table: pd.DataFrame,
    *,
    language: str = "vi",
    title: str | None = None,
    horizontal: bool = True,
    max_bars: int = _MAX_BARS,
) -> Figure:
    """Stacked bars of finished dossiers: early, on time and late, per group (agency, month…).

    Each bar is 100 % of the group's finished dossiers, cut into the exact shares
    ``early / finished``, ``on_time / finished`` and ``late / finished`` (as floats, not the
    rounded percentages). A group with no finished dossier has an empty bar.

    Args:
        table: An indicator table (or a count frame) grouped by one key.
        language: ``"vi"`` (default) or ``"en"``.
        title: The chart's title.
        horizontal: Horizontal bars (default, for agencies) or vertical ones (for months).
        max_bars: Show at most this many groups: those with the most received dossiers,
            in the table's order.

    Returns:
        A matplotlib ``Figure`` whose axes hold three bar containers (early, on time, late).

    Raises:
        InvalidValueError: The table is not grouped by one key, or matplotlib is missing.
    """
    labels = _labels(language)
    keys = _single_key(table, "plot_timeliness_shares(table)")
    rows = list(range(len(keys)))
    if len(rows) > max_bars:
        received = table["received"].tolist()
        rows = sorted(sorted(rows, key=lambda i: -received[i])[:max_bars])
    names = [keys[i] for i in rows]
    finished = [int(table["finished"].iloc[i]) for i in rows]
    shares = {
        c: [
            100.0 * int(table[c].iloc[i]) / f if f else 0.0
            for i, f in zip(rows, finished, strict=True)
        ]
        for c in ("early", "on_time", "late")
    }
    size = 0.32 * len(names) + 1.6
    figsize = (8.0, max(2.6, size)) if horizontal else (max(6.0, 0.45 * len(names) + 2.0), 4.0)
    fig = _figure_class()(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(names)))
    base = [0.0] * len(names)
    for c in ("early", "on_time", "late"):
        if horizontal:
            ax.barh(positions, shares[c], left=base, color=_COLOURS[c], label=labels[c])
        else:
            ax.bar(positions, shares[c], bottom=base, color=_COLOURS[c], label=labels[c])
        base = [b + s for b, s in zip(base, shares[c], strict=True)]
    if horizontal:
        ax.set_yticks(positions, names)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(labels["percent_finished"])
    else:
        ax.set_xticks(positions, names, rotation=45, ha="right")
        ax.set_ylim(0, 100)
        ax.set_ylabel(labels["percent_finished"])
    if not names:
        ax.text(0.5, 0.5, labels["no_data"], ha="center", va="center", transform=ax.transAxes)
    fig.legend(loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    ax.set_title(title or labels["chart_shares"])
    return fig


def plot_coverage(
    coverage: OnlineCoverage, *, language: str = "vi", title: str | None = None
) -> Figure:
    """Stacked bars of a catalogue's online services by level (full, partial, none).

    Two bars: all procedures (full, partial, no online service) and the procedures eligible for
    a full online service (full, not full), each labelled with its counts.

    Args:
        coverage: The counts, from [`catalogue_coverage`][tthc.analytics.reports.catalogue_coverage] or
            [`online_coverage`][tthc.indicators.online_coverage].
        language: ``"vi"`` (default) or ``"en"``.
        title: The chart's title.

    Returns:
        A matplotlib ``Figure`` whose axes hold four bar containers: full (both bars),
        partial and none (the first bar), and not full (the eligible bar: eligible procedures
        without a full online service).

    Raises:
        InvalidValueError: ``coverage`` is not an OnlineCoverage, or matplotlib is missing.
    """
    if not isinstance(coverage, OnlineCoverage):
        raise InvalidValueError("plot_coverage(coverage)", coverage, "an OnlineCoverage")
    labels = _labels(language)
    c = coverage
    none = c.procedures - c.full - c.partial
    # (label, bar positions, widths): the eligible bar is cut into full and not full only,
    # since the counts do not say which eligible procedures are partial.
    segments = [
        ("full", [0, 1], [c.full, c.full_eligible]),
        ("partial", [0], [c.partial]),
        ("none", [0], [none]),
        ("not_full", [1], [c.eligible - c.full_eligible]),
    ]
    fig = _figure_class()(figsize=(8, 2.8), layout="constrained")
    ax = fig.add_subplot()
    names = [
        f"{labels['procedures']} ({c.procedures:,})",
        f"{labels['eligible']} ({c.eligible:,})",
    ]
    base = [0, 0]
    for key, positions, widths in segments:
        bars = ax.barh(
            positions,
            widths,
            left=[base[p] for p in positions],
            color=_COLOURS[key],
            hatch="//" if key == "not_full" else None,
            edgecolor="white",
            label=labels[key],
        )
        ax.bar_label(
            bars,
            labels=[f"{v:,}" if v else "" for v in widths],
            label_type="center",
            color="black" if key == "not_full" else "white",
            fontsize="small",
        )
        for p, w in zip(positions, widths, strict=True):
            base[p] += w
    ax.set_yticks([0, 1], names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1, c.procedures))
    fig.legend(loc="outside lower center", ncols=4, fontsize="small", frameon=False)
    ax.set_title(title or labels["coverage"])
    return fig


def _render(fig: Figure, fmt: str) -> bytes:
    import matplotlib as mpl  # noqa: PLC0415 - optional extra, loaded with the figure

    buffer = io.BytesIO()
    # No date or version in the files, and stable SVG ids: the same data gives the same bytes.
    metadata: dict[str, str | None] = (
        {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    )
    with mpl.rc_context({"svg.hashsalt": "tthc", "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    return buffer.getvalue()


# --- the report ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class InvalidRow:
    """One bad row of a dossier table (*dòng không hợp lệ*) and what is wrong with it.

    Attributes:
        row: Its position in the table, counted from 0 (as ``DataFrame.iloc``; the data line
            of a file, header not counted).
        problems: What is wrong, one text per problem (``"status: not a dossier status
            code (1-10)"``).
    """

    row: int
    problems: tuple[str, ...]


@attrs.frozen(kw_only=True)
class InvalidRows:
    """The bad rows of a dossier table: how many, by problem, and the first ones.

    Attributes:
        count: Bad rows in all (each counted once, whatever its number of problems).
        by_problem: For each problem, its number of rows, most frequent first.
        first: The first bad rows, in table order, with their problems.
    """

    count: int = 0
    by_problem: tuple[tuple[str, int], ...] = ()
    first: tuple[InvalidRow, ...] = ()


def _take(kind: str, table: Any, positions: Any) -> Any:
    if kind == "pandas":
        return table.iloc[positions]
    if kind == "arrow":
        return table.take(positions)
    if kind == "polars":
        return table[positions]
    return {name: values[positions] for name, values in table.items()}


def _invalid_rows(prepared: _Prepared, columns: Mapping[str, str] | None) -> InvalidRows:
    from tthc.analytics.frames import invalid_dossier_rows  # noqa: PLC0415

    np = prepared.np
    bad = np.flatnonzero(prepared.slots == _SLOT["invalid"])
    if not bad.size:
        return InvalidRows()
    # Every check is about one row, so the bad rows alone give the same problems.
    found = invalid_dossier_rows(
        _take(prepared.kind, prepared.table, bad), tz=prepared.tz, columns=columns
    )
    first_rows = bad[:_SHOWN_INVALID]
    problems: dict[int, list[str]] = {int(r): [] for r in first_rows}
    for message, where in found.items():
        for r in bad[where[where < _SHOWN_INVALID]]:
            problems[int(r)].append(message)
    by_problem = sorted(((m, int(w.size)) for m, w in found.items()), key=lambda p: -p[1])
    return InvalidRows(
        count=int(bad.size),
        by_problem=tuple(by_problem),
        first=tuple(InvalidRow(row=r, problems=tuple(p)) for r, p in problems.items()),
    )


def _json_value(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return int(value)  # type: ignore[call-overload]  # numpy integers


def _records(table: pd.DataFrame) -> list[dict[str, object]]:
    names = [str(n) for n in table.index.names]
    keys = [*table.index] if table.index.nlevels > 1 else [(k,) for k in table.index]
    columns = {c: table[c].tolist() for c in table.columns}
    return [
        {
            **{n: str(k) for n, k in zip(names, key, strict=True)},
            **{c: _json_value(v[i]) for c, v in columns.items()},
        }
        for i, key in enumerate(keys)
    ]


_CHART_FILES: Final = (
    "on_time_by_month",
    "timeliness_by_agency",
    "timeliness_by_month",
    "coverage",
)


@attrs.frozen(kw_only=True, eq=False)
class Report:
    """A timeliness report (*báo cáo tiến độ giải quyết hồ sơ*): indicator tables and more.

    Built by [`report`][tthc.analytics.reports.report]. The tables are indicator tables
    ([`finalize_indicator_table`][tthc.analytics.reports.finalize_indicator_table]); the per-procedure
    table has a ``name`` column when a catalogue was given.

    Attributes:
        source: Where the dossiers came from (a path, or ``"<table>"``).
        as_of: The reporting instant.
        rows: Rows in the table, all counted somewhere (received, unclassified or invalid).
        overall: The one-row table of the whole table.
        by_agency: Per agency (``None`` when not asked for).
        by_procedure: Per procedure (``None`` when not asked for).
        by_month: Per month of receipt, in Vietnam time.
        coverage: Online coverage of the catalogue, when one was given.
        invalid: The bad rows.
        language: ``"vi"`` or ``"en"``, for the text, the charts and the HTML.
        title: The report's title.
    """

    source: str
    as_of: dt.datetime | None
    rows: int
    overall: pd.DataFrame = attrs.field(repr=False)
    by_agency: pd.DataFrame | None = attrs.field(repr=False)
    by_procedure: pd.DataFrame | None = attrs.field(repr=False)
    by_month: pd.DataFrame = attrs.field(repr=False)
    coverage: OnlineCoverage | None
    invalid: InvalidRows
    language: str = "vi"
    title: str | None = None

    @property
    def timeliness(self) -> TimelinessCounts:
        """The counts of the whole table, as [`TimelinessCounts`][tthc.indicators.TimelinessCounts]."""
        row = self.overall.iloc[0]
        return TimelinessCounts(
            early=int(row["early"]),
            on_time=int(row["on_time"]),
            late=int(row["late"]),
            within_time=int(row["within_time"]),
            overdue=int(row["overdue"]),
        )

    def _heading(self) -> list[tuple[str, str]]:
        labels = _labels(self.language)
        as_of = "—" if self.as_of is None else f"{self.as_of.astimezone(VN_TZ):%d/%m/%Y %H:%M}"
        return [
            (labels["source"], self.source),
            (labels["as_of"], as_of),
            (labels["rows"], f"{self.rows:,}"),
        ]

    def to_text(self, *, max_rows: int | None = None, tables: Iterable[str] | None = None) -> str:
        """The report as plain text for a terminal: heading, tables, coverage and bad rows.

        Args:
            max_rows: Show at most this many groups per table.
            tables: Which tables to show, among ``"month"``, ``"agency"`` and ``"procedure"``
                (default: all that were built).

        Raises:
            InvalidValueError: An unknown table name.
        """
        labels = _labels(self.language)
        names = {"month", "agency", "procedure"}
        wanted = names if tables is None else set(tables)
        if not wanted <= names:
            raise InvalidValueError(
                "Report.to_text(tables)", tables, "names among 'month', 'agency', 'procedure'"
            )
        lines = [self.title or labels["title"]]
        lines += [f"{k}: {v}" for k, v in self._heading()]
        lines.append(labels["rule"])
        for key, caption, table in self._tables():
            if key not in wanted:
                continue
            lines += [
                "",
                f"{caption}:",
                format_indicator_table(
                    table, language=self.language, total=self.overall, max_rows=max_rows
                ),
            ]
        if self.coverage is not None:
            lines += ["", f"{labels['coverage']}:", *self._coverage_lines()]
        lines += ["", *self._invalid_lines()]
        return "\n".join(lines)

    def _tables(self) -> list[tuple[str, str, pd.DataFrame]]:
        """(key, caption, table) of the tables that were built, month first."""
        labels = _labels(self.language)
        tables = [
            ("month", labels["by_month"], self.by_month),
            ("agency", labels["by_agency"], self.by_agency),
            ("procedure", labels["by_procedure"], self.by_procedure),
        ]
        return [(k, c, t) for k, c, t in tables if t is not None]

    def _coverage_cells(self) -> list[tuple[str, str, str]]:
        labels = _labels(self.language)
        c = self.coverage
        if c is None:
            return []
        none = c.procedures - c.full - c.partial

        def pct(num: int, den: int) -> str:
            rate = Rate.or_none(num, den)
            return "N/A" if rate is None else f"{rate.percent()} %"

        return [
            (labels["procedures"], f"{c.procedures:,}", ""),
            (labels["full"], f"{c.full:,}", pct(c.full, c.procedures)),
            (labels["partial"], f"{c.partial:,}", pct(c.partial, c.procedures)),
            (labels["online"], f"{c.full + c.partial:,}", pct(c.full + c.partial, c.procedures)),
            (labels["none"], f"{none:,}", pct(none, c.procedures)),
            (labels["eligible"], f"{c.eligible:,}", ""),
            (
                labels["full_of_eligible"],
                f"{c.full_eligible:,}/{c.eligible:,}",
                pct(c.full_eligible, c.eligible),
            ),
        ]

    def _coverage_lines(self) -> list[str]:
        cells = self._coverage_cells()
        w0 = max(len(a) for a, _, _ in cells)
        w1 = max(len(b) for _, b, _ in cells)
        return [f"  {a.ljust(w0)}  {b.rjust(w1)}  {c}".rstrip() for a, b, c in cells]

    def _invalid_lines(self) -> list[str]:
        labels = _labels(self.language)
        inv = self.invalid
        if not inv.count:
            return [labels["no_invalid"]]
        lines = [f"{labels['invalid_rows']}: {inv.count:,}"]
        lines += [f"  {n:,} × {m}" for m, n in inv.by_problem]
        lines.append("  " + labels["first_rows"].format(n=len(inv.first)))
        lines += [f"  {labels['row']} {r.row}: {'; '.join(r.problems)}" for r in inv.first]
        return lines

    def figures(self) -> dict[str, Figure]:
        """Draw the charts, by name (matplotlib ``Figure`` objects).

        ``on_time_by_month`` and ``timeliness_by_month`` always; ``timeliness_by_agency`` with a
        table per agency; ``coverage`` with a catalogue.

        Raises:
            InvalidValueError: matplotlib is not installed.
        """
        figs = {"on_time_by_month": plot_on_time_by_month(self.by_month, language=self.language)}
        if self.by_agency is not None:
            figs["timeliness_by_agency"] = plot_timeliness_shares(
                self.by_agency, language=self.language
            )
        months = self.by_month[[k != MISSING_KEY for k in self.by_month.index]]
        figs["timeliness_by_month"] = plot_timeliness_shares(
            months, language=self.language, horizontal=False
        )
        if self.coverage is not None:
            figs["coverage"] = plot_coverage(self.coverage, language=self.language)
        return figs

    def to_html(
        self,
        *,
        charts: bool = True,
        image_format: str = "svg",
        images: Mapping[str, bytes] | None = None,
        max_rows: int | None = None,
    ) -> str:
        """The report as one self-contained HTML page (no script, no external file).

        Charts are embedded as ``data:`` images (SVG by default, or PNG); every text from the
        data is escaped.

        Args:
            charts: Whether to draw and embed the charts (needs matplotlib).
            image_format: ``"svg"`` or ``"png"``.
            images: Charts already rendered in ``image_format``, by name (see
                [`figures`][tthc.analytics.reports.Report.figures]), instead of drawing them again.
            max_rows: Show at most this many groups per table.

        Raises:
            InvalidValueError: A bad ``image_format``, or charts without matplotlib.
        """
        if image_format not in {"svg", "png"}:
            raise InvalidValueError("Report.to_html(image_format)", image_format, "'svg' or 'png'")
        labels = _labels(self.language)
        esc = html.escape
        title = esc(self.title or labels["title"])
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{esc(self.language)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{_CSS}</style></head>",
            "<body>",
            f"<h1>{title}</h1>",
            "<dl>",
            *(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in self._heading()),
            "</dl>",
            f"<p>{esc(labels['rule'])}</p>",
            f"<h2>{esc(labels['overall'])}</h2>",
            _html_table(self.overall, labels, None, drop_index=True),
        ]
        if charts:
            if images is None:
                images = {n: _render(f, image_format) for n, f in self.figures().items()}
            mime = "image/svg+xml" if image_format == "svg" else "image/png"
            parts.append(f"<h2>{esc(labels['charts'])}</h2>")
            captions = {
                "on_time_by_month": labels["chart_month"],
                "timeliness_by_agency": f"{labels['chart_shares']} ({labels['by_agency']})",
                "timeliness_by_month": f"{labels['chart_shares']} ({labels['by_month']})",
                "coverage": labels["coverage"],
            }
            for name in _CHART_FILES:
                if name in images:
                    data = base64.b64encode(images[name]).decode("ascii")
                    parts.append(
                        f'<figure><img alt="{esc(captions[name])}" '
                        f'src="data:{mime};base64,{data}"></figure>'
                    )
        for _, caption, table in self._tables():
            parts += [
                f"<h2>{esc(caption)}</h2>",
                _html_table(table, labels, max_rows, total=self.overall),
            ]
        if self.coverage is not None:
            parts += [f"<h2>{esc(labels['coverage'])}</h2>", "<table>"]
            parts += [
                f'<tr><th>{esc(a)}</th><td class="n">{esc(b)}</td><td class="n">{esc(c)}</td></tr>'
                for a, b, c in self._coverage_cells()
            ]
            parts.append("</table>")
        parts.append(f"<h2>{esc(labels['invalid_rows'])}</h2>")
        inv = self.invalid
        if not inv.count:
            parts.append(f"<p>{esc(labels['no_invalid'])}</p>")
        else:
            parts.append(f"<p>{esc(labels['invalid_rows'])}: {inv.count:,}</p><ul>")
            parts += [f"<li>{n:,} × {esc(m)}</li>" for m, n in inv.by_problem]
            parts.append(
                f"</ul><table><tr><th>{esc(labels['row'])}</th>"
                f"<th>{esc(labels['problems'])}</th></tr>"
            )
            parts += [
                f'<tr><td class="n">{r.row}</td><td>{esc("; ".join(r.problems))}</td></tr>'
                for r in inv.first
            ]
            parts.append("</table>")
        parts += [
            f"<footer>{esc(labels['generated'])}</footer>",
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"

    def save(
        self,
        directory: str | os.PathLike[str],
        *,
        formats: Sequence[str] = ("png", "svg"),
        html: bool = True,
        progress: Progress | None = None,
    ) -> list[Path]:
        """Write the charts (one file per chart and format) and ``report.html`` to a directory.

        Args:
            directory: Where to write; created if needed. Existing files of the same names are
                replaced.
            formats: Chart formats among ``"png"`` and ``"svg"`` (may be empty).
            html: Whether to write ``report.html`` (charts embedded as SVG, else PNG).
            progress: Called with a line of text before each chart and the page.

        Returns:
            The paths written.

        Raises:
            InvalidValueError: A bad format, or matplotlib is not installed.
        """
        fmts = tuple(formats)
        if not set(fmts) <= {"png", "svg"}:
            raise InvalidValueError("Report.save(formats)", formats, "'png' and/or 'svg'")
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        embed = "svg" if "svg" in fmts or not fmts else "png"
        embedded: dict[str, bytes] = {}
        if progress is not None:
            progress("preparing the charts")
        for name, fig in self.figures().items():
            if progress is not None:
                progress(f"drawing {name}")
            # SVG first, always: a layout computed for PNG first would move the SVG slightly,
            # and the same call must give the same bytes.
            for fmt in sorted({*fmts, *([embed] if html else [])}, reverse=True):
                data = _render(fig, fmt)
                if fmt == embed:
                    embedded[name] = data
                if fmt in fmts:
                    path = folder / f"{name}.{fmt}"
                    path.write_bytes(data)
                    written.append(path)
        if html:
            if progress is not None:
                progress("writing report.html")
            path = folder / "report.html"
            path.write_text(self.to_html(image_format=embed, images=embedded), encoding="utf-8")
            written.append(path)
        return written

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-able data: counts as numbers, percentages as texts, N/A as null."""
        c = self.coverage
        return {
            "source": self.source,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "rows": self.rows,
            "overall": _records(self.overall)[0],
            "by_month": _records(self.by_month),
            "by_agency": None if self.by_agency is None else _records(self.by_agency),
            "by_procedure": None if self.by_procedure is None else _records(self.by_procedure),
            "coverage": None
            if c is None
            else {
                "procedures": c.procedures,
                "full": c.full,
                "partial": c.partial,
                "eligible": c.eligible,
                "full_eligible": c.full_eligible,
                "online_percent": None if c.online is None else str(c.online.percent()),
                "full_of_eligible_percent": None
                if c.full_of_eligible is None
                else str(c.full_of_eligible.percent()),
            },
            "invalid": {
                "count": self.invalid.count,
                "by_problem": dict(self.invalid.by_problem),
                "first": [
                    {"row": r.row, "problems": list(r.problems)} for r in self.invalid.first
                ],
            },
        }


_CSS: Final = (
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;"
    "color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
    "tr.total td{font-weight:bold}dl{display:grid;grid-template-columns:max-content auto;"
    "gap:.2em 1em}dt{font-weight:bold}dd{margin:0}figure{margin:1em 0}"
    "img{max-width:100%;height:auto}footer{margin-top:2em;color:#777;font-size:.8em}"
)


def _html_table(
    table: pd.DataFrame,
    labels: dict[str, str],
    max_rows: int | None,
    *,
    total: pd.DataFrame | None = None,
    drop_index: bool = False,
) -> str:
    esc = html.escape
    columns = _shown_columns(table if total is None else _pd().concat([table, total]))
    heads, rows, left = _rows_of(table, columns, max_rows)
    nkeys = len(heads)
    if drop_index:
        rows = [r[nkeys:] for r in rows]
        heads, nkeys = [], 0
    header = [labels.get(h, h) for h in heads] + [labels[c] for c in columns]
    out = ["<table>", "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        cells = "".join(
            f"<td>{esc(c)}</td>" if i < nkeys else f'<td class="n">{esc(c)}</td>'
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    if left:
        out.append(
            f'<tr><td colspan="{len(header)}">{esc(labels["more"].format(n=left))}</td></tr>'
        )
    if total is not None:
        _, total_rows, _ = _rows_of(total, columns, None)
        cells = "".join(f'<td class="n">{esc(c)}</td>' for c in total_rows[0][-len(columns) :])
        out.append(
            f'<tr class="total"><td colspan="{nkeys}">{esc(labels["total"])}</td>{cells}</tr>'
        )
    out.append("</table>")
    return "\n".join(out)


def report(
    table: Any,
    *,
    as_of: dt.datetime | None = None,
    catalogue: Iterable[Procedure] | None = None,
    agency: str | None = "agency",
    procedure: str | None = "procedure_code",
    channel: str | None = "channel",
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    levels: str = "declared",
    language: str = "vi",
    title: str | None = None,
    output_dir: str | os.PathLike[str] | None = None,
    formats: Sequence[str] = ("png", "svg"),
    html: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Build the timeliness report of a dossier table: tables, and files when asked.

    The table is read and classified once, then counted per month of receipt, per agency, per
    procedure and as a whole. With ``output_dir`` the charts and ``report.html`` are written
    there too (see [`Report.save`][tthc.analytics.reports.Report.save]).

    Args:
        table: The dossiers: as for
            [`timeliness_count_frame`][tthc.analytics.reports.timeliness_count_frame] (a data frame, a
            pyarrow table, or a ``.csv``/``.parquet`` path).
        as_of: The reporting instant (aware): the end of the period. Needed when some dossier
            is not finished.
        catalogue: The procedure catalogue (a list of
            [`Procedure`][tthc.procedures.Procedure]): online coverage by level, and procedure
            names in the per-procedure table.
        agency: The agency column (``None``: no table per agency).
        procedure: The procedure code column (``None``: no table per procedure).
        channel: The channel column (its counts are added when the table has it).
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name, as for
            [`classify_timeliness`][tthc.analytics.frames.classify_timeliness].
        levels: ``"declared"`` or ``"derived"`` online levels for the coverage.
        language: ``"vi"`` (default) or ``"en"`` for the text, charts and HTML.
        title: The report's title.
        output_dir: Where to write the charts and the HTML page (nothing is written without it).
        formats: Chart formats to write: ``"png"`` and/or ``"svg"``.
        html: Whether to write ``report.html`` in ``output_dir``.
        progress: Called with one line of text before each long step (reading, classifying,
            counting, drawing, writing).

    Returns:
        The report: its tables, coverage and bad rows, with ``to_text()``, ``to_html()`` and
        ``save()``.

    Raises:
        LoadError: A required or key column is missing, or the file cannot be read.
        InvalidValueError: A bad argument, naive instants without ``tz``, ``as_of`` missing
            while some row is unfinished, or charts asked for without matplotlib.

    Examples:
        >>> import datetime as dt, pandas as pd, tthc
        >>> dossiers = pd.DataFrame({
        ...     "agency": ["A", "A", "B", "B"], "procedure_code": ["1.000001"] * 4,
        ...     "status": [10, 9, 4, 10],
        ...     "received_at": ["2023-03-01T09:00+07:00"] * 4,
        ...     "due_at": ["2023-03-06T09:00+07:00"] * 4,
        ...     "finished_at": ["2023-03-02T10:00+07:00", "2023-03-06T16:00+07:00", None,
        ...                     "2023-03-09T08:00+07:00"],
        ... })
        >>> r = report(dossiers, as_of=dt.datetime(2023, 4, 1, tzinfo=tthc.VN_TZ), language="en")
        >>> r.rows, r.invalid.count, str(r.timeliness.on_time_rate)
        (4, 0, '2/4 (50.00 %)')
        >>> print(r.to_text(tables=["agency"]))
        Dossier timeliness report
        Source: <table>
        As of: 01/04/2023 00:00
        Rows: 4
        Indicator 2.1 = (early + on time + within time) / received; N/A when the denominator is 0; 2 decimals, rounded half-up.
        <BLANKLINE>
        By agency:
        Agency  Received  Finished  Early  On time  Late  Within time  Overdue  Rate 2.1 (%)  Finished on time (%)
        A              2         2      1        1     0            0        0        100.00                100.00
        B              2         1      0        0     1            0        1          0.00                  0.00
        Total          4         3      1        1     1            0        1         50.00                 66.67
        <BLANKLINE>
        No invalid rows.
    """
    _labels(language)
    keys = ["month", *(k for k in (agency, procedure) if k is not None)]
    prepared = _prepare(
        table,
        keys=keys,
        as_of=as_of,
        granularity=granularity,
        tz=tz,
        columns=columns,
        channel=channel,
        progress=progress,
    )
    procedures = None if catalogue is None else list(catalogue)

    def table_by(key: str | None, name: str) -> pd.DataFrame:
        if progress is not None:
            progress(f"counting {'the whole table' if key is None else f'by {key}'}")
        table = finalize_indicator_table(prepared.count_frame(() if key is None else (key,)))
        if key is not None:  # the report's names, whatever the columns are called
            table.index.name = name
        return table

    overall = table_by(None, "")
    by_month = table_by("month", "month")
    by_agency = None if agency is None else table_by(agency, "agency")
    by_procedure = None if procedure is None else table_by(procedure, "procedure")
    if by_procedure is not None and procedures is not None:
        names = {p.code: p.name for p in procedures}
        by_procedure.insert(0, "name", [names.get(str(k), "") for k in by_procedure.index])
    if progress is not None and int(overall["invalid"].iloc[0]):
        progress("listing the invalid rows")
    invalid = _invalid_rows(prepared, columns)
    result = Report(
        source=prepared.source,
        as_of=as_of,
        rows=prepared.n,
        overall=overall,
        by_agency=by_agency,
        by_procedure=by_procedure,
        by_month=by_month,
        coverage=None if procedures is None else catalogue_coverage(procedures, levels=levels),
        invalid=invalid,
        language=language,
        title=title,
    )
    if output_dir is not None:
        result.save(output_dir, formats=formats, html=html, progress=progress)
    return result
