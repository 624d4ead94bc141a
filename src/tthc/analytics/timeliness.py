"""Timeliness over a table of dossiers (*tiến độ giải quyết hồ sơ*), vectorised (numpy).

[`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness] is
[`tthc.dossiers.classify`][tthc.dossiers.classify] over whole columns: a table with one row per
dossier (status code, receipt, due and finish instants, optionally the number of supplement
requests and the instant of the last one) gives a column of timeliness classes, computed with numpy
(no Python loop over rows), equal to the per-dossier answer for every row (tested).
[`invalid_dossier_rows`][tthc.analytics.timeliness.invalid_dossier_rows] reports the bad rows by
problem: they are never dropped silently.

This module needs numpy (the ``tthc[numpy]`` extra) and imports it at its top; pandas, polars and
pyarrow tables are accepted when those packages are installed, and text columns are parsed with
pandas.

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1 (research notes
    ``vn_legal.md`` §2.3, CONFIRMED (secondary)); the rules per dossier are those of
    [`tthc.dossiers.classify`][tthc.dossiers.classify].
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._validators import check_aware
from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import numpy as np
except ModuleNotFoundError as exc:  # the tthc[numpy] extra
    raise MissingExtraError("numpy", "numpy", __name__) from exc

from numpy.typing import NDArray

from tthc.analytics._columns import (
    arrow,
    check_unique,
    code_column,
    column,
    columns_of,
    frame_kind,
    instant_column,
    problem_lines,
    read_path,
)
from tthc.deadlines._clock import local_us
from tthc.deadlines._instants import NAT, OFFSET_US, US_PER_DAY, Micros

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "DOSSIER_COLUMNS",
    "TIMELINESS_CATEGORIES",
    "classify_timeliness",
    "invalid_dossier_rows",
]

TIMELINESS_CATEGORIES: Final = ("early", "on_time", "late", "within_time", "overdue")
"""The classes of [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness]'s column, in
order: the values of [`Timeliness`][tthc.dossiers.Timeliness]. Rows that are not classified are
missing (null); with ``invalid="mark"``, bad rows are ``"invalid"`` (a sixth category).
"""

DOSSIER_COLUMNS: Final = {
    "status": "status",
    "received_at": "received_at",
    "due_at": "due_at",
    "finished_at": "finished_at",
    "supplement_requests": "supplement_requests",
    "supplement_requested_at": "supplement_requested_at",
}
"""The default column of each role (``columns=`` maps a role to another column name)."""

_REQUIRED_ROLES: Final = ("status", "received_at", "due_at", "finished_at")
_INSTANT_ROLES: Final = ("received_at", "due_at", "finished_at", "supplement_requested_at")
# Status codes (tthc.dossiers.DossierStatus): those that end processing, those that need a
# receipt, and those of unfinished dossiers.
_ENDS: Final = (3, 7, 8, 9, 10)
_NEED_RECEIPT: Final = (2, 4, 5, 6, 8, 9, 10)
_OPEN_CODES: Final = (1, 2, 4, 5, 6)


def _status_table(codes: tuple[int, ...]) -> NDArray[np.bool_]:
    """Membership of the status codes -1 (unreadable) to 10, as a table read at ``status + 1``."""
    table = np.zeros(12, dtype=bool)
    table[[c + 1 for c in codes]] = True
    return table


# One gather per question instead of an np.isin over the whole column.
_IS_END: Final = _status_table(_ENDS)
_IS_NEED_RECEIPT: Final = _status_table(_NEED_RECEIPT)
_IS_OPEN: Final = _status_table(_OPEN_CODES)


def _member(table: NDArray[np.bool_], status: NDArray[np.int64]) -> NDArray[np.bool_]:
    """``np.isin(status, codes)`` for a status column of -1 and 1-10, by table lookup."""
    return np.take(table, status + 1)


_SUPPLEMENT_REQUESTED: Final = 5
_SHOWN_ROWS: Final = 20
_TABLE_KINDS: Final = (
    "a pandas or polars DataFrame, a pyarrow Table, a mapping of numpy columns, or the path of a "
    ".csv or .parquet file"
)

_Mask = NDArray[np.bool_]


def instant_columns(roles: Mapping[str, str]) -> list[str]:
    """The instant columns of a dossier table, which a CSV reader must keep as text.

    Left to guess, a CSV reader takes a column of ``yyyyMMddHHmmss`` instants for numbers, and
    one blank cell makes them floats ("20230302100000.0"): valid rows would read as invalid.
    """
    return [roles[role] for role in _INSTANT_ROLES]


def _dossier_roles(columns: Mapping[str, str] | None, field: str) -> dict[str, str]:
    """The column of each role: `DOSSIER_COLUMNS` with ``columns`` applied.

    Args:
        columns: Role to column name (``None``: the defaults).
        field: The argument named in errors (``"classify_timeliness(columns)"``).

    Raises:
        InvalidValueError: ``columns`` is not a mapping, or names an unknown role.
    """
    roles = dict(DOSSIER_COLUMNS)
    if columns is None:
        return roles
    if not isinstance(columns, Mapping):
        raise InvalidValueError(field, columns, "a mapping of role to column name")
    unknown = set(columns) - set(roles)
    if unknown:
        raise InvalidValueError(field, sorted(unknown), f"roles among {sorted(roles)}")
    roles.update(columns)
    return roles


def _check_table(table: object, field: str) -> None:
    """Refuse what is neither a table nor a path, naming the kinds accepted.

    Raises:
        InvalidValueError: ``table`` is neither.
    """
    if not frame_kind(table) and not isinstance(table, (str, os.PathLike)):
        raise InvalidValueError(field, type(table).__name__, _TABLE_KINDS)


@attrs.frozen
class _DossierTable:
    """A table of dossiers as numpy arrays (instants: UTC µs, `NAT` when missing)."""

    kind: str  # "pandas", "polars", "arrow" or "numpy"
    n: int
    index: Any  # the pandas index, for the output
    status: NDArray[np.int64]  # -1 when not a code 1-10
    instants: dict[str, Micros]  # role -> UTC µs
    count: NDArray[np.int64] | None  # supplement requests
    problems: dict[str, _Mask]  # problem -> rows that have it


def _read_dossier_table(
    table: Any, columns: Mapping[str, str] | None, tz: str | None, time_format: str | None = None
) -> tuple[_DossierTable, str]:
    """Read and check the role columns; the source's name for errors."""
    roles = _dossier_roles(columns, "classify_timeliness(columns)")
    _check_table(table, "classify_timeliness(table)")
    source = "<table>"
    kind = frame_kind(table)
    if not kind:
        source = os.fspath(table)
        # Instants are read as text, always (see instant_columns).
        table = read_path(table, list(roles.values()), instant_columns(roles))
        kind = frame_kind(table)
    names = columns_of(table, kind)
    check_unique(names, roles.values(), source)
    present = set(names)
    missing = [roles[r] for r in _REQUIRED_ROLES if roles[r] not in present]
    if missing:
        raise LoadError(
            source,
            [
                f"$: missing column {c!r} (see tthc.analytics.timeliness.DOSSIER_COLUMNS)"
                for c in missing
            ],
        )
    problems: dict[str, _Mask] = {}
    status_raw = code_column(column(table, kind, roles["status"]), kind)
    n = len(status_raw)
    with np.errstate(invalid="ignore"):
        status_ok = (
            np.isfinite(status_raw)
            & (status_raw == np.round(status_raw))
            & (status_raw >= 1)
            & (status_raw <= 10)  # noqa: PLR2004 - the national codes 1-10
        )
    problems[f"{roles['status']}: not a dossier status code (1-10)"] = ~status_ok
    status = np.where(status_ok, status_raw, -1).astype(np.int64)
    instants: dict[str, Micros] = {}
    for role in _INSTANT_ROLES:
        name = roles[role]
        if name not in present:
            continue
        values, unparseable = instant_column(
            column(table, kind, name), kind, name, tz, time_format
        )
        instants[role] = values
        problems[f"{name}: not an instant"] = unparseable
    count = None
    if roles["supplement_requests"] in present:
        raw = code_column(column(table, kind, roles["supplement_requests"]), kind)
        with np.errstate(invalid="ignore"):
            count_ok = np.isfinite(raw) & (raw == np.round(raw)) & (raw >= 0)
        problems[f"{roles['supplement_requests']}: not a whole number >= 0"] = ~count_ok
        count = np.where(count_ok, raw, 0).astype(np.int64)
    _consistency(roles, status, instants, problems)
    index = table.index if kind == "pandas" else None
    return _DossierTable(kind, n, index, status, instants, count, problems), source


def _consistency(
    roles: dict[str, str],
    status: NDArray[np.int64],
    instants: dict[str, Micros],
    problems: dict[str, _Mask],
) -> None:
    """The rules between columns (each row checked only where its values could be read)."""
    rec, due, fin = instants["received_at"], instants["due_at"], instants["finished_at"]
    r, d, f = roles["received_at"], roles["due_at"], roles["finished_at"]
    has_rec, has_due, has_fin = rec != NAT, due != NAT, fin != NAT
    unreadable_rec = problems[f"{r}: not an instant"]
    problems[f"{r}: given for status 1 (submitted, not received)"] = (status == 1) & has_rec
    problems[f"{r}: missing for a status that needs a receipt (2, 4, 5, 6, 8, 9, 10)"] = (
        _member(_IS_NEED_RECEIPT, status) & ~has_rec & ~unreadable_rec
    )
    received = has_rec & (status > 0)
    problems[f"{d}: missing for a received dossier"] = (
        received & ~has_due & ~problems[f"{d}: not an instant"]
    )
    problems[f"{d}: before {r}"] = received & has_due & (due < rec)
    ends = _member(_IS_END, status)
    problems[f"{f}: missing for a status that ends processing (3, 7, 8, 9, 10)"] = (
        received & ends & ~has_fin & ~problems[f"{f}: not an instant"]
    )
    problems[f"{f}: before {r}"] = received & ends & has_fin & (fin < rec)
    problems[f"{f}: given for an unfinished status (1, 2, 4, 5, 6)"] = (
        _member(_IS_OPEN, status) & has_fin
    )
    waiting = received & (status == _SUPPLEMENT_REQUESTED)
    q = roles["supplement_requested_at"]
    if "supplement_requested_at" in instants:
        req = instants["supplement_requested_at"]
        problems[f"{q}: missing for status 5 (waiting for a supplement)"] = (
            waiting & (req == NAT) & ~problems[f"{q}: not an instant"]
        )
        problems[f"{q}: before {r} for status 5"] = waiting & (req != NAT) & (req < rec)
    else:
        problems[f"{q}: missing column, needed for status 5 (waiting for a supplement)"] = waiting


def invalid_dossier_rows(
    table: Any,
    *,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    time_format: str | None = None,
) -> dict[str, NDArray[np.intp]]:
    """The bad rows of a table of dossiers, by problem: the report behind ``invalid="mark"``.

    Args:
        table: As for [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness].
        tz: As for ``classify_timeliness``.
        columns: As for ``classify_timeliness``.
        time_format: As for ``classify_timeliness``.

    Returns:
        For each problem found, the positions of its rows (a numpy integer array, counted from 0
        as ``DataFrame.iloc`` counts); an empty dict when every row is valid.

    Raises:
        LoadError: A required column is missing or the file cannot be read.
        InvalidValueError: Naive instants without ``tz``, or a bad argument.

    Examples:
        >>> import pandas as pd
        >>> table = pd.DataFrame({"status": [9, 12], "received_at": ["2026-03-02T09:00+07:00"] * 2,
        ...                       "due_at": ["2026-03-05T09:00+07:00"] * 2,
        ...                       "finished_at": ["2026-03-01T09:00+07:00", None]})
        >>> invalid_dossier_rows(table)
        {'status: not a dossier status code (1-10)': array([1]), 'finished_at: before received_at': array([0])}
    """
    frame, _ = _read_dossier_table(table, columns, tz, time_format)
    return {m: np.flatnonzero(mask) for m, mask in frame.problems.items() if mask.any()}


def classify_timeliness(
    table: Any,
    *,
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    invalid: str = "raise",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    time_format: str | None = None,
) -> Any:
    """Classify every dossier of a table as early, on time, late, within time or overdue.

    The per-dossier rules of [`tthc.dossiers.classify`][tthc.dossiers.classify] (Decision
    766/QĐ-TTg, indicator 2.1), vectorised: the answer is the same for every row (tested on
    generated dossiers). One row per dossier, with these columns (rename with ``columns=``):

    * ``status``: the national status code 1–10 (``TrangThaiHoSo``);
    * ``received_at``: the official receipt (empty for a dossier never received);
    * ``due_at``: the due instant timeliness is judged against, **with supplement waiting
      already counted in** (as ``Dossier.due_at``; the one-stop systems' ``NgayHenTra``), not
      moved by apology slips;
    * ``finished_at``: the end of processing (first of refused, withdrawn, stopped, resolved;
      empty while unfinished);
    * ``supplement_requests`` (optional): how many times a supplement was requested; more than
      one is late (overdue while unfinished). Without the column the rule is not applied;
    * ``supplement_requested_at`` (needed when some row has status 5): the instant of the open
      supplement request, which stands for the end of processing while the dossier waits.

    Instants may be datetime columns (aware, or naive with ``tz=``), or text: ISO 8601 with an
    offset, naive ISO 8601 (with ``tz=``), or ``yyyyMMddHHmmss`` as the national dossier sync
    writes it (Vietnam time). Text columns need pandas (``tthc[pandas]``).

    The table is read as a snapshot: with ``as_of``, a row received after it is not
    classified, and a row finished after it is unfinished at ``as_of`` (its supplement count and
    request instant are taken as they are: build the table as of the reporting instant to be
    exact).

    **Bad rows are never dropped silently.** A row is bad when its status is not a code 1–10,
    an instant cannot be read, or the columns contradict each other (a receipt missing for a
    status that needs one, a due instant missing or before the receipt, an end of processing
    missing for a status that ends processing, before the receipt, or present on an unfinished
    status, a supplement count that is not a whole number >= 0, a waiting row without its
    request instant). By default they raise one [`LoadError`][tthc.errors.LoadError] listing
    every problem with its row positions (counted from 0); with ``invalid="mark"`` they get the
    class ``"invalid"`` and
    [`invalid_dossier_rows`][tthc.analytics.timeliness.invalid_dossier_rows] gives the report.

    Args:
        table: A pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name to
            numpy array, or the path of a ``.csv`` or ``.parquet`` file (only the needed columns
            are read, with pyarrow when it is installed).
        as_of: The reporting instant (aware). Required when some row is not finished.
        granularity: ``"date"`` (default: days in Vietnam time, a due instant at 24:00 belongs
            to the day before) or ``"instant"``.
        invalid: ``"raise"`` (default) or ``"mark"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role (a key of
            [`DOSSIER_COLUMNS`][tthc.analytics.timeliness.DOSSIER_COLUMNS]) to column name.
        time_format: A ``strftime`` pattern that instants written as text follow, such as
            ``"%d-%m-%Y %H:%M"``; by default text is read as ISO 8601 (with its offset or
            without one), ``dd/mm/yyyy HH:MM[:SS]`` (day first) or ``yyyyMMddHHmmss`` (Vietnam
            time), and a column written month first is refused.

    Returns:
        One class per row, as category names (``"early"``, ``"on_time"``, ``"late"``,
        ``"within_time"``, ``"overdue"``; ``"invalid"`` with ``invalid="mark"``) and missing for a
        row not classified (never received, or received after ``as_of``): a categorical pandas
        ``Series`` named ``timeliness`` with the table's index; a polars ``Enum`` ``Series``; a
        pyarrow ``DictionaryArray`` for a pyarrow table or a file; a numpy object array of texts
        and ``None`` for a mapping.

    Raises:
        LoadError: Bad rows (``invalid="raise"``), a missing column, or an unreadable file.
        InvalidValueError: ``as_of`` missing while some row is unfinished, naive instants without
            ``tz``, or a bad argument.
        MissingExtraError: A column of text instants or codes, and pandas is not installed.

    Examples:
        >>> import datetime as dt, pandas as pd, tthc
        >>> table = pd.DataFrame({
        ...     "status": [10, 9, 4, 3],
        ...     "received_at": pd.to_datetime(["2026-03-02 09:00"] * 3 + [None]),
        ...     "due_at": pd.to_datetime(["2026-03-05 09:00"] * 3 + [None]),
        ...     "finished_at": pd.to_datetime(["2026-03-04 15:00", "2026-03-05 16:00", None, None]),
        ... })
        >>> as_of = dt.datetime(2026, 3, 31, 24 - 1, 59, tzinfo=tthc.VN_TZ)
        >>> classify_timeliness(table, as_of=as_of, tz="Asia/Ho_Chi_Minh").tolist()
        ['early', 'on_time', 'overdue', nan]
    """
    if granularity not in {"date", "instant"}:
        raise InvalidValueError(
            "classify_timeliness(granularity)", granularity, "'date' or 'instant'"
        )
    if invalid not in {"raise", "mark"}:
        raise InvalidValueError("classify_timeliness(invalid)", invalid, "'raise' or 'mark'")
    as_of_us: int | None = None
    if as_of is not None:
        instant = check_aware("classify_timeliness(as_of)", as_of)
        as_of_us = local_us(instant) - OFFSET_US  # UTC, as the columns are
    frame, source = _read_dossier_table(table, columns, tz, time_format)
    bad = np.zeros(frame.n, dtype=bool)
    for mask in frame.problems.values():
        bad |= mask
    if invalid == "raise" and bad.any():
        raise LoadError(source, problem_lines(frame.problems, _SHOWN_ROWS))
    codes = _timeliness_codes(frame, bad, as_of_us, granularity)
    categories = list(TIMELINESS_CATEGORIES)
    if invalid == "mark":
        codes[bad] = len(categories)
        categories.append("invalid")
    return _timeliness_output(frame, codes, categories)


def _timeliness_codes(
    frame: _DossierTable, bad: _Mask, as_of_us: int | None, granularity: str
) -> NDArray[np.int8]:
    """Codes into TIMELINESS_CATEGORIES, -1 for rows not classified (bad rows included)."""
    status = frame.status
    rec = frame.instants["received_at"]
    due = frame.instants["due_at"]
    fin = frame.instants["finished_at"]
    received = (rec != NAT) & ~bad
    if as_of_us is not None:
        received &= rec <= as_of_us
    finished = received & _member(_IS_END, status)
    if as_of_us is not None:
        finished &= fin <= as_of_us
    unfinished = received & ~finished
    end: Micros
    if as_of_us is None:
        if unfinished.any():
            rows = np.flatnonzero(unfinished)
            raise InvalidValueError(
                "classify_timeliness(as_of)",
                None,
                f"a reporting instant (aware datetime): {rows.size:,} rows are not finished "
                f"(first: row {int(rows[0])})",
            )
        end = fin
    else:
        end = np.where(finished, fin, np.int64(as_of_us))
        req = frame.instants.get("supplement_requested_at")
        if req is not None:
            waiting = (
                unfinished & (status == _SUPPLEMENT_REQUESTED) & (req != NAT) & (req <= as_of_us)
            )
            end = np.where(waiting, req, end)
    if granularity == "date":
        a = (end + OFFSET_US) // US_PER_DAY
        b = (due + (OFFSET_US - 1)) // US_PER_DAY  # a due instant at 24:00 is the day before
    else:
        a, b = end, due
    after = a > b
    codes = np.full(frame.n, -1, dtype=np.int8)
    # Finished: 0 early, 1 on time, 2 late; unfinished: 3 within time, 4 overdue.
    finished_codes = (a >= b).astype(np.int8) + after.astype(np.int8)
    unfinished_codes = np.where(after, np.int8(4), np.int8(3))
    if frame.count is not None:
        too_many = frame.count > 1
        finished_codes = np.where(too_many, np.int8(2), finished_codes)
        unfinished_codes = np.where(too_many, np.int8(4), unfinished_codes)
    codes = np.where(finished, finished_codes, codes)
    return np.where(unfinished, unfinished_codes, codes).astype(np.int8)


def _timeliness_output(
    frame: _DossierTable, codes: NDArray[np.int8], categories: list[str]
) -> Any:
    """The classes as the table's library holds a categorical column."""
    if frame.kind == "pandas":
        import pandas as pd  # noqa: PLC0415 - the table was a pandas one

        values = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
        return pd.Series(values, index=frame.index, name="timeliness")
    if frame.kind == "arrow":
        pa = arrow()
        indices = pa.array(codes, type=pa.int8(), mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(categories))
    if frame.kind == "polars":
        import polars as pl  # noqa: PLC0415 - the table was a polars one

        # From the codes: the categories gathered at them, null where not classified (no
        # Python object per row).
        indices = pl.Series(codes, dtype=pl.Int8)
        indices = indices.set(indices < 0, None).cast(pl.UInt32)
        labels = pl.Series("timeliness", categories, dtype=pl.Enum(categories))
        return labels.gather(indices)
    names = np.array([*categories, None], dtype=object)
    return names[codes.astype(np.intp)]  # -1 picks the trailing None
