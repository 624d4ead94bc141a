"""The part of the column readers that needs pandas (private): text, and files without pyarrow.

`tthc.analytics._columns` reads datetime and numeric columns with numpy alone; a column of text
(instants written as ISO 8601 or as the national sync's ``yyyyMMddHHmmss``, codes written as
``"9"``) is parsed here, with pandas' vectorised parsers. This module is loaded only when such a
column comes, and raises `MissingExtraError` naming the ``tthc[pandas]`` extra when pandas is
missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tthc.errors import LoadError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra
    raise MissingExtraError(
        (exc.name or "pandas").split(".")[0], "pandas", "reading text columns"
    ) from exc

from tthc.analytics._columns import localise_column
from tthc.deadlines._instants import NAT, OFFSET_US, Micros

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

__all__ = ["parse_instants", "parse_numbers", "read_file", "to_series"]

# An instant written as the national dossier sync writes it: yyyyMMddHHmmss, Vietnam time.
_SYNC_INSTANT: Final = r"^\d{14}$"
# ISO 8601 text that ends with its offset (or Z).
_HAS_OFFSET: Final = r"(?:Z|[+-]\d\d:?\d\d)$"


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
    series: pd.Series[Any], name: str, tz: str | None
) -> tuple[Micros, NDArray[np.bool_]]:
    """Text instants as UTC µs (`NAT` where missing), and the rows that could not be read.

    ISO 8601 with an offset (or ``Z``); ISO 8601 without one (naive: ``tz=`` says what it
    means); ``yyyyMMddHHmmss`` as the national dossier sync writes it (Vietnam time).

    Raises:
        InvalidValueError: Naive instants without ``tz``.
    """
    text = series.astype("string").str.strip()
    present = text.notna() & (text != "")
    compact = present & text.str.match(_SYNC_INSTANT).fillna(value=False).astype(bool)
    offset = present & ~compact & text.str.contains(_HAS_OFFSET).fillna(value=False).astype(bool)
    naive = present & ~compact & ~offset
    out = np.full(len(series), NAT, dtype=np.int64)
    if compact.any():
        parsed = pd.to_datetime(text[compact], format="%Y%m%d%H%M%S", errors="coerce")
        us = parsed.to_numpy("datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(compact.to_numpy())
        out[rows[good]] = us[good].view(np.int64) - OFFSET_US
    if offset.any():
        aware = pd.to_datetime(text[offset], format="ISO8601", errors="coerce", utc=True)
        us = aware.dt.tz_localize(None).to_numpy("datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(offset.to_numpy())
        out[rows[good]] = us[good].view(np.int64)
    if naive.any():
        parsed = pd.to_datetime(text[naive], format="ISO8601", errors="coerce")
        us = parsed.to_numpy("datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(naive.to_numpy())
        if good.any():
            out[rows[good]] = localise_column(us[good].view(np.int64), name, tz)
    unparseable = present.to_numpy(dtype=bool) & (out == NAT)
    return out, unparseable


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
