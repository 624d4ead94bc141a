"""The part of the column readers that needs pandas (private): text, and files without pyarrow.

`tthc.analytics._columns` reads datetime and numeric columns with numpy alone; a column of text
(instants written as ISO 8601, as ``dd/mm/yyyy HH:MM`` or as the national sync's
``yyyyMMddHHmmss``, read by ``tthc.deadlines._text`` as the batch calculator reads them; codes
written as ``"9"``) is parsed here, with pandas' vectorised parsers. This module is loaded only when such a
column comes, and raises `MissingExtraError` naming the ``tthc[pandas]`` extra when pandas is
missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tthc.errors import LoadError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra
    raise MissingExtraError(
        (exc.name or "pandas").split(".")[0], "pandas", "reading text columns"
    ) from exc

from tthc.deadlines._text import read_text_instants

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from tthc.deadlines._instants import Micros

__all__ = ["parse_instants", "parse_numbers", "read_file", "to_series"]


def to_series(values: Any, kind: str) -> pd.Series[Any]:
    """A column of any kind (``"pandas"``, ``"polars"``, ``"arrow"``, ``"numpy"``) as a Series."""
    if kind == "arrow":
        return pd.Series(values.to_numpy(zero_copy_only=False), dtype=object)
    if kind == "polars":
        return pd.Series(values.to_numpy(), dtype=object)
    if kind == "numpy":
        return pd.Series(values, dtype=object)
    series: pd.Series[Any] = values
    return series


def parse_instants(
    series: pd.Series[Any], name: str, tz: str | None, time_format: str | None = None
) -> tuple[Micros, NDArray[np.bool_]]:
    """Text instants as UTC µs (`NAT` where missing), and the rows that could not be read.

    Read as everywhere in tthc (``tthc.deadlines._text``): ISO 8601 with its offset (or ``Z``)
    or without one (naive: ``tz=`` says what it means), ``dd/mm/yyyy HH:MM[:SS]`` (day first,
    naive), ``yyyyMMddHHmmss`` as the national dossier sync writes it (Vietnam time); or every
    value with ``time_format``.

    Raises:
        InvalidValueError: Naive instants without ``tz``; a column written month first.
    """
    return read_text_instants(
        series,
        tz=tz,
        format=time_format,
        field=f"classify_timeliness(table) column {name!r}",
        tz_field=f"classify_timeliness(tz) for column {name!r}",
    )


def parse_numbers(values: NDArray[Any]) -> NDArray[np.float64]:
    """Numbers written as text (or mixed objects) as float64, NaN where not a number."""
    numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
    return numbers.to_numpy(dtype=np.float64, na_value=np.nan)


def read_file(path: str, names: Sequence[str], texts: Sequence[str], *, csv: bool) -> pd.DataFrame:
    """Read the needed columns of a CSV or Parquet file with pandas (when pyarrow is missing).

    Raises:
        LoadError: The file cannot be read.
    """
    try:
        if not csv:
            return pd.read_parquet(path)
        return pd.read_csv(path, usecols=lambda c: c in names, dtype=dict.fromkeys(texts, str))
    except OSError as exc:
        raise LoadError(path, [f"$: cannot read the file: {exc}"]) from exc
