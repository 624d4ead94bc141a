"""Reading the columns of a dossier table, whatever holds it (private; numpy).

A table may be a pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name to
numpy array, or a CSV or Parquet file (read with pyarrow when it is installed). Every reader of
dossier tables (`tthc.analytics.timeliness`, `tthc.analytics.tables`) goes through here:

* `frame_kind` tells which of those a table is; `column`, `columns_of` and `take` read it;
* `instant_column` gives a column of instants as UTC microseconds (`NAT` where missing) and the
  rows that could not be read; `code_column` gives national codes and counts as float64 (NaN
  where missing or not a number);
* `read_path` reads the needed columns of a file.

Text columns (instants written as text, codes written as text) are parsed with pandas, in
`tthc.analytics._pandas`, loaded only when such a column comes; datetime and numeric columns need
numpy only.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import numpy as np
except ModuleNotFoundError as exc:  # the tthc[numpy] extra
    raise MissingExtraError("numpy", "numpy", __name__) from exc

from tthc.deadlines._instants import Micros, Stamps, datetime_values, localise

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "arrow",
    "check_unique",
    "code_column",
    "column",
    "columns_of",
    "frame_kind",
    "instant_column",
    "problem_line",
    "problem_lines",
    "read_path",
    "row_count",
    "take",
]


def arrow(submodule: str = "") -> Any:
    """Import pyarrow (or one of its modules): it ships no type information, hence ``Any``.

    Raises:
        ImportError: pyarrow is not installed (callers fall back to pandas, or only call this
            for pyarrow input, which means it is there).
    """
    return importlib.import_module(f"pyarrow.{submodule}" if submodule else "pyarrow")


def frame_kind(table: object) -> str:
    """``"pandas"``, ``"polars"``, ``"arrow"`` (a pyarrow table), ``"numpy"`` (a mapping) or ``""``."""
    module = type(table).__module__.split(".")[0]
    if module in {"pandas", "polars"} and hasattr(table, "columns"):
        return module
    if module == "pyarrow" and hasattr(table, "column_names"):
        return "arrow"
    if isinstance(table, Mapping):
        return "numpy"
    return ""


def columns_of(table: Any, kind: str) -> list[str]:
    """The column names of a table."""
    if kind == "arrow":
        return list(table.column_names)
    return [str(c) for c in table.columns] if kind != "numpy" else [str(c) for c in table]


def check_unique(names: Sequence[str], wanted: Iterable[str], source: str) -> None:
    """Refuse a table in which a column it needs appears more than once.

    Raises:
        LoadError: One problem per repeated column (which of the copies is meant is not known).
    """
    counts = Counter(names)
    repeated = [c for c in dict.fromkeys(wanted) if counts[c] > 1]
    if repeated:
        raise LoadError(
            source,
            [
                f"$: column {c!r} appears {counts[c]} times (which one is meant is not known)"
                for c in repeated
            ],
        )


def column(table: Any, kind: str, name: str) -> Any:
    """One column of a table, as its library holds it."""
    if kind == "arrow":
        return table.column(name)
    return table[name]


def row_count(table: Any, kind: str) -> int:
    """The number of rows (of the first column, for a mapping of arrays)."""
    if kind == "numpy":
        return len(next(iter(table.values()), ()))
    return len(table)


def take(table: Any, kind: str, positions: NDArray[np.intp]) -> Any:
    """The rows at ``positions``, as a table of the same kind."""
    if kind == "pandas":
        return table.iloc[positions]
    if kind == "arrow":
        return table.take(positions)
    if kind == "polars":
        return table[positions]
    return {name: values[positions] for name, values in table.items()}


def read_path(
    path: str | os.PathLike[str],
    names: Sequence[str],
    texts: Sequence[str] = (),
    caller: str = "classify_timeliness(table)",
) -> Any:
    """Read the needed columns of a CSV or Parquet file (with pyarrow, else pandas).

    Args:
        path: The file.
        names: The columns wanted (those the file lacks are left out: the caller reports them).
        texts: Columns of a CSV kept as text: codes such as "1.001190" or "000.00.01.H26" must
            not become numbers.
        caller: The argument named in errors.

    Returns:
        A pyarrow ``Table``, or a pandas ``DataFrame`` without pyarrow.

    Raises:
        InvalidValueError: Not a ``.csv`` or ``.parquet`` file.
        LoadError: The file cannot be read.
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()  # noqa: PTH122 - str or PathLike
    if suffix not in {".csv", ".parquet", ".pq"}:
        raise InvalidValueError(caller, name, "a .csv or .parquet file, or a data frame")
    try:
        pa = arrow()
    except ImportError:  # pragma: no cover - exercised only without pyarrow
        from tthc.analytics import _pandas  # noqa: PLC0415 - pandas reads files without pyarrow

        return _pandas.read_file(name, names, texts, csv=suffix == ".csv")
    try:
        if suffix == ".csv":
            pacsv = arrow("csv")
            with pacsv.open_csv(name) as reader:  # reads the first block only
                header = reader.schema.names
            check_unique(header, names, name)
            return pacsv.read_csv(
                name,
                convert_options=pacsv.ConvertOptions(
                    include_columns=[c for c in header if c in names],
                    timestamp_parsers=[pacsv.ISO8601],
                    column_types={c: pa.string() for c in texts if c in header},
                ),
            )
        pq = arrow("parquet")
        present = pq.read_schema(name).names
        return pq.read_table(name, columns=[c for c in present if c in names])
    except (OSError, pa.ArrowInvalid) as exc:
        raise LoadError(name, [f"$: cannot read the file: {exc}"]) from exc


def instant_column(
    values: Any, kind: str, name: str, tz: str | None, time_format: str | None = None
) -> tuple[Micros, NDArray[np.bool_]]:
    """A column of instants as UTC µs (`NAT` where missing), and the rows that are not instants.

    Args:
        values: The column (of a table of ``kind``).
        kind: As `frame_kind` gives.
        name: The column's name, for errors.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        time_format: A ``strftime`` pattern that text instants follow (default: the layouts of
            ``tthc.deadlines._text``: ISO 8601, ``dd/mm/yyyy HH:MM``, ``yyyyMMddHHmmss``).

    Raises:
        InvalidValueError: Naive instants without ``tz``.
        MissingExtraError: The column is text and pandas is not installed.
    """
    found = _arrow_values(values) if kind == "arrow" else datetime_values(values, kind)
    if found is None:
        from tthc.analytics import _pandas  # noqa: PLC0415 - text is parsed with pandas

        series = _pandas.to_series(values, kind)
        return _pandas.parse_instants(series, name, tz, time_format)
    arr, is_utc = found
    us: Micros = arr.view(np.int64)
    if not is_utc:
        us = localise_column(us, name, tz)  # NAT stays NAT; the same array for UTC
    if us.flags.writeable and np.may_share_memory(us, arr):
        # Not copied: may be the caller's array, which nothing here writes into.
        us = us.view()
        us.flags.writeable = False
    return us, np.zeros(len(us), dtype=bool)


def _arrow_values(values: Any) -> tuple[Stamps, bool] | None:
    if arrow().types.is_timestamp(values.type):  # aware Arrow timestamps are stored in UTC
        return np.asarray(values.to_numpy(), dtype="datetime64[us]"), bool(values.type.tz)
    return None


def localise_column(naive: Micros, name: str, tz: str | None) -> Micros:
    """Naive instants of column ``name`` (no `NAT`) to UTC µs, as ``tz=`` says."""
    return localise(naive, tz, f"classify_timeliness(tz) for column {name!r}")


def code_column(values: Any, kind: str) -> NDArray[np.float64]:
    """A numeric column (status codes, counts) as float64, NaN where missing or not a number.

    Raises:
        MissingExtraError: The column is text and pandas is not installed.
    """
    raw: NDArray[Any]
    if kind == "arrow":
        raw = values.to_numpy(zero_copy_only=False)
    elif kind == "polars":
        raw = values.to_numpy()
    elif kind == "pandas":
        raw = (
            values.to_numpy(dtype=float, na_value=np.nan)
            if values.dtype.kind in "iufb"
            else values.to_numpy()
        )
    else:
        raw = np.asarray(values)
    if raw.dtype.kind in "iub":
        return raw.astype(np.float64)
    if raw.dtype.kind == "f":
        return raw.astype(np.float64, copy=False)
    from tthc.analytics import _pandas  # noqa: PLC0415 - text codes ("9") are read with pandas

    return _pandas.parse_numbers(raw)


def problem_line(message: str, rows: Any, count: int, shown: int) -> str:
    """One line of a bad-rows report: ``rows 3, 5, 9 and 12 more: message``.

    Args:
        message: The problem.
        rows: Its first rows (positions), at least ``min(count, shown)`` of them.
        count: How many rows have it in all.
        shown: How many rows to name.
    """
    names = ", ".join(str(int(i)) for i in list(rows)[:shown])
    more = f" and {count - shown:,} more" if count > shown else ""
    return f"{'row' if count == 1 else 'rows'} {names}{more}: {message}"


def problem_lines(problems: Mapping[str, Any], shown: int) -> list[str]:
    """The lines of a bad-rows report from problem -> row mask (problems with no row left out)."""
    lines = []
    for message, mask in problems.items():
        rows = np.flatnonzero(mask)
        if rows.size:
            lines.append(problem_line(message, rows[:shown], int(rows.size), shown))
    return lines
