"""Indicator tables (*bảng chỉ số*) of dossier timeliness: counts per group, then rates.

From a table of dossiers (one row per dossier, the columns of
[`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness]) this module builds the
Decision 766/QĐ-TTg indicator 2.1 figures per group (agency, procedure, month, ...), in two steps
so that the work can run on partitions (Dask, or files read one at a time):

1. [`timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] classifies every row
   (vectorised) and counts per group: **whole counts only**, so the frames of several
   partitions add up: ``pd.concat(parts).groupby(by).sum()``;
2. [`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table] turns (summed)
   counts into rates: exact percentages (`Decimal`, 2 places, half-up, "N/A" as ``None``).

[`indicator_table`][tthc.analytics.tables.indicator_table] does both at once, and
[`format_indicator_table`][tthc.analytics.tables.format_indicator_table] shows the result in a
terminal.

Bad rows are never dropped: they are classified ``"invalid"`` (``invalid="mark"``) and counted in
the ``invalid`` column. Rows that are not classified (never received, or received after
``as_of``) are counted in ``unclassified``. Every row of the table is in exactly one group, so the
counts of a table always add up to its number of rows.

This module needs numpy and pandas (the ``tthc[pandas]`` extra) and imports them at its top.

Examples:
    >>> import datetime as dt, pandas as pd, tthc
    >>> from tthc.analytics.tables import indicator_table
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

Why one module of this length: the count frames, their finalisation into rates and the roll-up by the units of today share one layout of count slots; splitting them would spread that layout over several files.
"""

from __future__ import annotations

import decimal
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._numbers import number
from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra (numpy and pandas)
    raise MissingExtraError((exc.name or "pandas").split(".")[0], "pandas", __name__) from exc

from numpy.typing import NDArray

from tthc.agencies.rollup import LEVEL_KEYS, RollUp
from tthc.analytics import _render
from tthc.analytics._columns import (
    arrow,
    check_unique,
    column,
    columns_of,
    frame_kind,
    instant_column,
    read_path,
    row_count,
)
from tthc.analytics._labels import MISSING_KEY as _MISSING_KEY
from tthc.analytics._labels import labels as _labels
from tthc.analytics.timeliness import (
    _check_table,
    _dossier_roles,
    classify_timeliness,
    instant_columns,
)
from tthc.deadlines._instants import NAT, OFFSET_US, US_PER_DAY
from tthc.indicators.rates import Rate, RoundingMode, _places, _rounding

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "CHANNEL_COLUMNS",
    "COUNT_COLUMNS",
    "DERIVED_KEYS",
    "MISSING_KEY",
    "RATE_COLUMNS",
    "Progress",
    "finalize_indicator_table",
    "format_indicator_table",
    "indicator_table",
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
* ``invalid``: bad rows (see
  [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness]).

A group's rows are ``received + unclassified + invalid``.
"""

CHANNEL_COLUMNS: Final = ("online", "in_person", "postal", "other_channel")
"""The channel counts, among the ``received`` dossiers, when the table has a channel column.

National channel codes: 2 online, 1 in person, 3 public postal service; the channel as people
write it is read too ("Trực tuyến", "online", "DVC", "Trực tiếp", "Bưu chính", with or without
diacritics). Decision 766 indicator 3.3 counts a missing channel as in person; any other code is
``other_channel``; any other text is not guessed: the row is counted as ``invalid``.
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
"""The rate columns [`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table]
adds.

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

MISSING_KEY: Final = _MISSING_KEY
"""The key of rows whose group value is missing (no receipt for ``month``, an empty agency).

A text rather than a missing value, so that ``groupby`` never drops those rows (pandas drops
missing keys by default)."""

Progress = Callable[[str], object]
"""A progress callback: called with one line of text before each long step."""

# Each row's slot: the five classes of received, valid dossiers (slots 0-4), then the others.
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
_RECEIVED_SLOTS: Final = 5
_MAX_DENSE_GROUPS: Final = 1 << 16
_CHANNEL_ONLINE: Final = 2
_CHANNEL_POSTAL: Final = 3

_Codes = NDArray[np.int64]


# --- reading and classifying once ----------------------------------------------------------------


def _check_by(by: str | Sequence[str]) -> tuple[str, ...]:
    keys: tuple[object, ...] = (by,) if isinstance(by, str) else tuple(by)
    if not all(isinstance(k, str) and k for k in keys) or len(set(keys)) != len(keys):
        raise InvalidValueError(
            "timeliness_count_frame(by)", by, "distinct column names (or 'month', 'quarter')"
        )
    return keys  # type: ignore[return-value]  # checked above


def _check_units(units: object) -> RollUp | None:
    if units is not None and not isinstance(units, RollUp):
        raise InvalidValueError(
            "timeliness_count_frame(units)", units, "a tthc.agencies.RollUp or None"
        )
    return units


def _key_columns(keys: Iterable[str], units: RollUp | None) -> list[str]:
    """The columns the keys read: a column per plain key, the unit column for rolled-up keys."""
    columns: list[str] = []
    for key in keys:
        if key in DERIVED_KEYS:
            continue
        columns.append(units.column if units is not None and key in LEVEL_KEYS else key)
    return list(dict.fromkeys(columns))


def _needed_columns(
    roles: Mapping[str, str],
    keys: Iterable[str],
    channel: str | None,
    units: RollUp | None = None,
) -> list[str]:
    """The columns counting reads: the roles' columns, the key columns and the channel column."""
    keyed = _key_columns(keys, units)
    return list(dict.fromkeys([*roles.values(), *keyed, *([] if channel is None else [channel])]))


def _fold(text: str) -> str:
    """Text without its diacritics ("trực tuyến" -> "truc tuyen"; "đ" -> "d")."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare if not unicodedata.combining(c))


# The channel as people write it, by slot in CHANNEL_COLUMNS (0 online, 1 in person, 2 postal),
# compared in lower case with single spaces, with or without diacritics.
_CHANNEL_SPELLINGS: Final = {
    # "online", "public online service(s)", "DVC" (dịch vụ công), "DVCTT"
    0: ("trực tuyến", "online", "dịch vụ công trực tuyến", "dịch vụ công", "dvc", "dvctt"),
    # "in person", "at the counter"
    1: ("trực tiếp", "tại quầy", "in person", "in_person"),
    # "postal", "public postal service", "post office", "BCCI" (bưu chính công ích)
    2: ("bưu chính", "bưu chính công ích", "bưu điện", "bcci", "postal", "post"),
}
_CHANNEL_BY_TEXT: Final = {
    form: slot
    for slot, words in _CHANNEL_SPELLINGS.items()
    for word in words
    for form in (word, _fold(word))
}
_CHANNEL_CODE_SLOTS: Final = {1: 1, _CHANNEL_ONLINE: 0, _CHANNEL_POSTAL: 2}
_OTHER_CHANNEL: Final = 3
_UNREADABLE: Final = -1


def _channel_slot(value: object) -> int:
    """The slot of one channel value; a missing one is in person, `_UNREADABLE` if not read."""
    code: int | None = None
    slot = _UNREADABLE
    if value is None or value is pd.NA or value is pd.NaT:
        slot = 1
    elif isinstance(value, (float, np.floating)):
        if np.isnan(value):
            slot = 1
        elif float(value).is_integer():
            code = int(value)
    elif isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        code = int(value)
    elif isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).casefold().split())
        if not text:
            slot = 1
        elif text.isascii() and text.isdigit() and len(text) <= 3:  # noqa: PLR2004 - a code
            code = int(text)
        else:
            slot = _CHANNEL_BY_TEXT.get(text, _CHANNEL_BY_TEXT.get(_fold(text), _UNREADABLE))
    if code is not None:
        slot = _CHANNEL_CODE_SLOTS.get(code, _OTHER_CHANNEL)
    return slot


def _channel_slots(values: Any, kind: str) -> tuple[NDArray[np.int8], NDArray[np.bool_]]:
    """Each row's slot in `CHANNEL_COLUMNS`, and the rows whose channel could not be read.

    National codes (1 in person, 2 online, 3 postal; any other code is ``other_channel``), or
    the channel as people write it ("Trực tuyến", "online", "DVC", "Trực tiếp", "Bưu chính",
    with or without diacritics); a missing channel is in person.
    """
    if kind == "arrow":
        raw = values.to_numpy(zero_copy_only=False)
    elif kind == "polars":
        raw = values.to_numpy()
    elif kind == "pandas":
        raw = values.to_numpy(dtype=object)
    else:
        raw = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(np.asarray(raw, dtype=object), use_na_sentinel=False)
    lookup = np.array([_channel_slot(u) for u in uniques] or [1], dtype=np.int8)
    found = lookup[codes]
    unreadable = found == _UNREADABLE
    return np.where(unreadable, np.int8(_OTHER_CHANNEL), found).astype(np.int8), unreadable


def _class_slots(result: Any) -> NDArray[np.int8]:
    """The slot in `_CLASSES` of every row, from classify_timeliness's answer (any kind)."""
    module = type(result).__module__.split(".")[0]
    raw: NDArray[Any]
    if module == "pandas":
        raw = result.cat.codes.to_numpy()
        names = [str(c) for c in result.cat.categories]
    elif module == "pyarrow":
        raw = arrow("compute").fill_null(result.indices, -1).to_numpy()
        names = [str(c) for c in result.dictionary.to_pylist()]
    elif module == "polars":
        import polars as pl  # noqa: PLC0415 - the answer is a polars one

        names = [str(c) for c in result.dtype.categories.to_list()]
        raw = result.to_physical().cast(pl.Int32).fill_null(-1).to_numpy()
    else:
        names = list(_CLASSES[:-1])
        raw = pd.Categorical(result, categories=names).codes
    lookup = np.array([_SLOT[n] for n in names] + [_SLOT["unclassified"]], dtype=np.int8)
    return lookup[np.asarray(raw, dtype=np.intp)]


def _key_codes(values: Any, kind: str) -> tuple[_Codes, list[str]]:
    """(codes, labels) of a key column: int64 codes into labels, -1 where missing."""
    if kind == "polars":
        values, kind = values.to_arrow(), "arrow"
    if kind == "arrow":
        pa, pc = arrow(), arrow("compute")
        if pa.types.is_dictionary(values.type):
            values = values.cast(values.type.value_type)
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        encoded = pc.dictionary_encode(values)
        codes: _Codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64)
        return codes, [str(v) for v in encoded.dictionary.to_pylist()]
    if kind == "pandas" and isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), [
            str(v) for v in values.cat.categories
        ]
    raw, uniques = pd.factorize(values if kind == "pandas" else np.asarray(values))
    return np.asarray(raw, dtype=np.int64), [str(v) for v in uniques]


def _texts(values: Any, kind: str) -> pd.Series[Any]:
    """A key column as a pandas Series of texts (missing values stay missing)."""
    if kind == "polars":
        values, kind = values.to_arrow(), "arrow"
    if kind == "arrow":
        return pd.Series(values.to_pylist(), dtype=object)
    series = values if kind == "pandas" else pd.Series(np.asarray(values, dtype=object))
    return series.astype(object).where(series.notna(), None)


def _period_label(key: str, period: int) -> str:
    if key == "year":
        return f"{1970 + period:04d}"
    if key == "quarter":
        return f"{1970 + period // 4:04d}-Q{period % 4 + 1}"
    return f"{1970 + period // 12:04d}-{period % 12 + 1:02d}"


@attrs.define
class _Prepared:
    """A table read once and classified once, ready to be counted by any grouping."""

    kind: str
    table: Any
    source: str
    n: int
    slots: NDArray[np.int8]  # slot in _CLASSES per row
    channel: NDArray[np.int8] | None  # slot in CHANNEL_COLUMNS per row, None without the column
    received_column: str
    tz: str | None
    time_format: str | None = None
    units: RollUp | None = None
    _months: _Codes | None = None  # months since 1970-01 per row (-1 if no receipt), once
    _days: _Codes | None = None  # days since 1970-01-01 per row (-1 if no receipt), once

    def key(self, name: str) -> tuple[_Codes, list[str]]:
        """(codes, labels) of a group key: a derived period, a unit of today, or a column."""
        if self.units is not None and name in LEVEL_KEYS:
            return self._units_of_today(name)
        if name in DERIVED_KEYS:
            months = self.months()
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
        if name not in columns_of(self.table, self.kind):
            raise LoadError(
                self.source,
                [f"$: missing column {name!r}, asked for as a group key (by=)"],
            )
        return _key_codes(column(self.table, self.kind, name), self.kind)

    def days(self) -> _Codes:
        """The day of receipt of each row (days since 1970-01-01, Vietnam time; -1 if none)."""
        if self._days is None:
            values = column(self.table, self.kind, self.received_column)
            us, _ = instant_column(
                values, self.kind, self.received_column, self.tz, self.time_format
            )
            present = us != NAT
            days = np.where(present, us, 0) + OFFSET_US
            days //= US_PER_DAY
            self._days = np.where(present, days, -1)
        return self._days

    def months(self) -> _Codes:
        """The month of receipt of each row (months since 1970-01, Vietnam time; -1 if none)."""
        if self._months is None:
            days = self.days()
            present = days >= 0
            months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
            self._months = np.where(present, months, -1)
        return self._months

    def _units_of_today(self, name: str) -> tuple[_Codes, list[str]]:
        """The unit of today of each row at the key's level (rolled up from the unit column)."""
        units = self.units
        if units is None:  # pragma: no cover - key() checks it
            raise InvalidValueError("timeliness_count_frame(units)", units, "a RollUp")
        values = column(self.table, self.kind, units.column)
        codes = _texts(values, self.kind)
        days = self.days()
        dates = np.where(days >= 0, days, np.iinfo(np.int64).min).astype("datetime64[D]")
        today = units.codes(codes, dates, LEVEL_KEYS[name])
        return _key_codes(today, "pandas")

    def count_frame(self, by: tuple[str, ...]) -> pd.DataFrame:
        """The count frame of the table grouped by ``by`` (see `timeliness_count_frame`)."""
        k = len(_CLASSES)
        if not by:
            counts = np.bincount(self.slots, minlength=k).reshape(1, k)
            channels = None
            if self.channel is not None:
                received = self.slots < _RECEIVED_SLOTS
                channels = np.bincount(
                    self.channel[received], minlength=len(CHANNEL_COLUMNS)
                ).reshape(1, -1)
            return _frame(counts, channels, pd.RangeIndex(1))
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
            pd.Index(np.array([*lab, MISSING_KEY], dtype=object)[g[keep]], dtype="str", name=name)
            for g, lab, name in zip(groups, labels, by, strict=True)
        ]
        index = arrays[0] if len(by) == 1 else pd.MultiIndex.from_arrays(arrays, names=list(by))
        frame = _frame(counts[keep], None if channels is None else channels[keep], index)
        return frame.sort_index()

    def _groups(self, by: tuple[str, ...]) -> tuple[_Codes, list[_Codes], list[list[str]]]:
        """Row group ids, each group's code per key (missing = len(labels)), and the labels."""
        gid: _Codes | None = None
        groups: list[_Codes] = []
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
                present, inverse = np.unique(gid, return_inverse=True)
                gid = inverse.astype(np.int64, copy=False)
                groups = [g[present // size] for g in groups]
                groups.append(present % size)
                count = len(present)
        if gid is None:  # pragma: no cover - count_frame handles by=() itself
            raise InvalidValueError("timeliness_count_frame(by)", by, "at least one key")
        return gid, groups, labels


def _frame(
    counts: NDArray[np.int64], channels: NDArray[np.int64] | None, index: pd.Index[Any]
) -> pd.DataFrame:
    c = counts.astype(np.int64, copy=False)
    data: dict[str, NDArray[np.int64]] = {
        "received": c[:, :_RECEIVED_SLOTS].sum(axis=1),
        "finished": c[:, :3].sum(axis=1),
    }
    for name in COUNT_COLUMNS[2:]:
        data[name] = c[:, _SLOT[name]]
    if channels is not None:
        for j, name in enumerate(CHANNEL_COLUMNS):
            data[name] = channels[:, j].astype(np.int64, copy=False)
    return pd.DataFrame(data, index=index)


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
    time_format: str | None = None,
    language: str = "en",
    units: RollUp | None = None,
) -> _Prepared:
    """Read the needed columns once and classify every row once."""
    keys = list(keys)
    roles = _dossier_roles(columns, "timeliness_count_frame(columns)")
    _check_table(table, "timeliness_count_frame(table)")
    units = _check_units(units)
    key_columns = _key_columns(keys, units)
    source = "<table>"
    kind = frame_kind(table)
    if not kind:
        source = os.fspath(table)
        if progress is not None:
            progress(_labels(language)["progress_reading"].format(path=source))
        wanted = _needed_columns(roles, keys, channel, units)
        # Keys, instants and the channel are read as text, always: a column of yyyyMMddHHmmss
        # instants with one blank cell would otherwise become floats ("20230302100000.0").
        texts = [*key_columns, *instant_columns(roles), *([] if channel is None else [channel])]
        table = read_path(table, wanted, texts, caller="timeliness_count_frame(table)")
        kind = frame_kind(table)
    names = columns_of(table, kind)
    check_unique(names, _needed_columns(roles, keys, channel, units), source)
    present = set(names)
    missing = [c for c in key_columns if c not in present]
    if missing:
        raise LoadError(
            source, [f"$: missing column {c!r}, asked for as a group key" for c in missing]
        )
    if progress is not None:
        rows = number(row_count(table, kind), language)
        progress(_labels(language)["progress_classifying"].format(rows=rows))
    result = classify_timeliness(
        table,
        as_of=as_of,
        granularity=granularity,
        invalid="mark",
        tz=tz,
        columns=columns,
        time_format=time_format,
    )
    slots = _class_slots(result)
    slot_channel = None
    if channel is not None and channel in present:
        slot_channel, unreadable = _channel_slots(column(table, kind, channel), kind)
        # A channel that is neither a code nor a known spelling is not guessed: the row is
        # invalid (only a missing channel counts as in person, as indicator 3.3 says).
        slots = np.where(unreadable, np.int8(_SLOT["invalid"]), slots)
    return _Prepared(
        kind=kind,
        table=table,
        source=source,
        n=len(slots),
        slots=slots,
        channel=slot_channel,
        received_column=roles["received_at"],
        tz=tz,
        time_format=time_format,
        units=units,
    )


# --- counts --------------------------------------------------------------------------------------


def timeliness_count_frame(
    table: Any,
    *,
    by: str | Sequence[str] = ("agency", "month"),
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    channel: str | None = "channel",
    units: RollUp | None = None,
) -> pd.DataFrame:
    """Classify every dossier and count them per group: whole counts only, decomposable.

    Each row is classified by
    [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness] with
    ``invalid="mark"`` (vectorised), then counted in its group. The frames of several
    partitions of one table add up to the frame of the whole table::

        pd.concat([timeliness_count_frame(part, by=by, as_of=t) for part in parts])
          .groupby(list(by)).sum()

    Args:
        table: A pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name
            to numpy array, or the path of a ``.csv`` or ``.parquet`` file (only the needed
            columns are read; key columns of a CSV are read as text).
        by: The group keys: column names, and ``"month"``, ``"quarter"`` or ``"year"`` (see
            [`DERIVED_KEYS`][tthc.analytics.tables.DERIVED_KEYS]) computed from the receipt
            instant in Vietnam time. One name may be given as a text; ``()`` gives one row
            (index 0) for the whole table (add partial frames with
            ``pd.concat(parts).groupby(level=0).sum()``).
        as_of: The reporting instant (aware), as for ``classify_timeliness``.
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name, as for ``classify_timeliness``.
        channel: The column of channel codes; the channel counts are added when the table has
            it. ``None`` leaves them out.
        units: How to report by the units of today (a [`RollUp`][tthc.agencies.RollUp]): with
            it, the keys ``"province"`` and ``"commune"`` are the units that succeed each row's
            unit (or agency) column on its day of receipt, in Vietnam time. A report of 2025
            whose rows use the 63 old province codes and the 34 new ones has 34 rows by
            ``"province"``. Without it they are plain columns.

    Returns:
        One row per group that has rows, indexed by the keys (as text, a missing value as
        [`MISSING_KEY`][tthc.analytics.tables.MISSING_KEY]) and sorted, with the ``int64``
        columns [`COUNT_COLUMNS`][tthc.analytics.tables.COUNT_COLUMNS] (then
        [`CHANNEL_COLUMNS`][tthc.analytics.tables.CHANNEL_COLUMNS] when the table has the
        channel column). The counts of all groups add up to the rows of the table.

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
        units=units,
    )
    return prepared.count_frame(keys)


def _add_count_frames(
    parts: Sequence[pd.DataFrame], keys: tuple[str, ...], *, final: bool
) -> pd.DataFrame:
    """Add up count frames: ``pd.concat(parts).groupby(keys).sum()``.

    The parts have their keys as columns (as ``count_frame(...).reset_index()`` gives them, the
    shape Dask partitions need). Intermediate sums (``final=False``) keep that shape, so they
    can be added up again; the final one has the index and order of `timeliness_count_frame`.
    """
    # Empty frames are left out: they add nothing, and concatenating them is deprecated.
    frames = [p for p in parts if len(p)] or list(parts[:1])
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=bool(keys))
    if not keys:
        summed = frame.groupby(level=0).sum()
        if final:
            summed.index = pd.RangeIndex(len(summed))
        return summed
    summed = frame.groupby(list(keys), sort=final).sum()
    return summed if final else summed.reset_index()


# --- rates ---------------------------------------------------------------------------------------


def _check_counts(counts: object) -> pd.DataFrame:
    if not isinstance(counts, pd.DataFrame):
        raise InvalidValueError(
            "finalize_indicator_table(counts)", type(counts).__name__, "a pandas DataFrame"
        )
    missing = [c for c in COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise InvalidValueError(
            "finalize_indicator_table(counts)",
            missing,
            "the count columns of timeliness_count_frame (tthc.analytics.tables.COUNT_COLUMNS)",
        )
    for c in [*COUNT_COLUMNS, *(c for c in CHANNEL_COLUMNS if c in counts.columns)]:
        values = counts[c]
        if values.dtype.kind not in "iu" or (len(values) and int(values.min()) < 0):
            raise InvalidValueError(
                f"finalize_indicator_table(counts[{c!r}])", str(values.dtype), "counts >= 0"
            )
    return counts


def finalize_indicator_table(
    counts: pd.DataFrame,
    *,
    places: int = 2,
    rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
) -> pd.DataFrame:
    """Turn count frames (summed across partitions or not) into the indicator table.

    Args:
        counts: A frame with the [`COUNT_COLUMNS`][tthc.analytics.tables.COUNT_COLUMNS] (and
            optionally the [`CHANNEL_COLUMNS`][tthc.analytics.tables.CHANNEL_COLUMNS]), such as
            [`timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] gives; its
            index is kept.
        places: Decimals of the percentages (Decision 766 shows 2).
        rounding: A [`RoundingMode`][tthc.indicators.RoundingMode] or a `decimal` constant
            (half-up by default).

    Returns:
        A copy of ``counts`` with the [`RATE_COLUMNS`][tthc.analytics.tables.RATE_COLUMNS] added
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
    counts = _check_counts(counts)
    p = _places("finalize_indicator_table(places)", places)
    r = _rounding("finalize_indicator_table(rounding)", rounding)
    get: dict[str, list[int]] = {
        c: counts[c].to_numpy().tolist() for c in counts.columns if c in COUNT_COLUMNS
    }
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
        table[name] = pd.Series(values, index=counts.index, dtype=object)
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
    units: RollUp | None = None,
) -> pd.DataFrame:
    """The indicator table of a dossier table: counts and rates per group.

    ``finalize_indicator_table(timeliness_count_frame(table, ...), places=..., rounding=...)``:
    see [`timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] for the
    arguments and [`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table]
    for the columns.

    Examples:
        >>> import datetime as dt, pandas as pd, tthc
        >>> from tthc.agencies import RollUp, province_registry
        >>> dossiers = pd.DataFrame({
        ...     "province": ["27", "24", "24"], "status": [10, 10, 10],
        ...     "received_at": ["2025-06-30T16:00+07:00", "2025-06-30T16:00+07:00",
        ...                     "2025-07-01T09:00+07:00"],
        ...     "due_at": ["2025-07-03T16:00+07:00"] * 3,
        ...     "finished_at": ["2025-07-02T09:00+07:00"] * 3,
        ... })
        >>> units = RollUp(registry=province_registry(), column="province")
        >>> indicator_table(dossiers, by="province", units=units)[["received", "early"]]
                  received  early
        province
        24               3      3

    Raises:
        LoadError: A required column or a key column is missing, or the file cannot be read.
        InvalidValueError: A bad argument, naive instants without ``tz``, or ``as_of`` missing
            while some row is unfinished.
    """
    counts = timeliness_count_frame(
        table,
        by=by,
        as_of=as_of,
        granularity=granularity,
        tz=tz,
        columns=columns,
        channel=channel,
        units=units,
    )
    return finalize_indicator_table(counts, places=places, rounding=rounding)


def format_indicator_table(
    table: pd.DataFrame,
    *,
    language: str = "vi",
    total: pd.DataFrame | None = None,
    max_rows: int | None = None,
) -> str:
    """Show an indicator table as aligned plain text, for a terminal.

    Args:
        table: An indicator table (from
            [`indicator_table`][tthc.analytics.tables.indicator_table] or
            [`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table]).
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
    return _render.text_table(table, _labels(language), total=total, max_rows=max_rows)
