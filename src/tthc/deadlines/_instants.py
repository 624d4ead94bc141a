"""Columns of instants as int64 microseconds since 1970-01-01 UTC (private; numpy).

The batch deadline calculator ([`tthc.deadlines.batch`][tthc.deadlines.batch]) and the columnar
timeliness ([`tthc.analytics.timeliness`][tthc.analytics.timeliness]) read instants the same way:

* a datetime column (numpy ``datetime64``, pandas or polars) becomes int64 microseconds,
  in UTC when the column is aware, as it is otherwise;
* naive instants are localised as the caller's ``tz=`` says, never guessed;
* a missing instant is `NAT`, the most negative int64 (numpy's ``NaT``), everywhere.

Local wall-clock microseconds in Vietnam time are UTC plus `OFFSET_US` (Vietnam has kept UTC+7,
without daylight saving, since 1975).
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias

from tthc.errors import InvalidValueError, MissingExtraError

try:
    import numpy as np
except ModuleNotFoundError as exc:  # the tthc[numpy] extra
    raise MissingExtraError("numpy", "numpy", __name__) from exc

from numpy.typing import NDArray

from tthc.calendar._office import US_PER_DAY, US_PER_MINUTE
from tthc.deadlines._clock import _OFFSET_US, EPOCH_ORDINAL

__all__ = [
    "EPOCH_ORDINAL",
    "NAT",
    "OFFSET_US",
    "US_PER_DAY",
    "US_PER_HOUR",
    "US_PER_MINUTE",
    "Micros",
    "Stamps",
    "datetime_values",
    "localise",
]

Micros: TypeAlias = NDArray[np.int64]
"""Instants as int64 microseconds since 1970-01-01 (UTC, or local where a name says so)."""

Stamps: TypeAlias = NDArray[np.datetime64]
"""A ``datetime64[us]`` array."""

OFFSET_US: Final = _OFFSET_US
"""Vietnam time minus UTC, in microseconds (UTC+07:00)."""

US_PER_HOUR: Final = 60 * US_PER_MINUTE

NAT: Final = -(2**63)
"""A missing instant: numpy's ``NaT`` seen as an int64."""

# The names that say "Vietnam time" for naive instants.
_VIETNAM: Final = frozenset({"Asia/Ho_Chi_Minh", "+07:00", "ICT", "Asia/Saigon"})


def localise(naive: Micros, tz: str | None, field: str) -> Micros:
    """Naive instants (µs on the wall clock of ``tz``) as UTC µs; `NAT` stays `NAT`.

    Args:
        naive: The instants, as int64 microseconds read off the wall clock.
        tz: What the wall clock is: ``"UTC"`` or Vietnam time (``"Asia/Ho_Chi_Minh"``,
            ``"+07:00"``). ``None`` is refused: naive instants are never guessed.
        field: The argument named in errors (``"compute_deadlines(tz)"``).

    Raises:
        InvalidValueError: ``tz`` is ``None`` or not one of those.
    """
    if tz is None:
        raise InvalidValueError(
            field,
            None,
            "'UTC' or 'Asia/Ho_Chi_Minh' (or '+07:00') to say what naive instants mean",
        )
    if tz.upper() == "UTC":
        return naive
    if tz in _VIETNAM:
        nat = naive == NAT
        return np.where(nat, naive, naive - OFFSET_US) if nat.any() else naive - OFFSET_US
    raise InvalidValueError(field, tz, "'UTC' or 'Asia/Ho_Chi_Minh' (or '+07:00')")


def datetime_values(column: Any, kind: str) -> tuple[Stamps, bool] | None:
    """The ``datetime64[us]`` values of a datetime column, and whether they are UTC.

    Args:
        column: A column given by the user: a pandas ``Series`` or ``DatetimeIndex``, a polars
            ``Series``, or anything ``numpy.asarray`` reads (``kind`` ``"numpy"``).
        kind: The library it comes from: ``"pandas"``, ``"polars"`` or ``"numpy"``.

    Returns:
        ``(values, is_utc)``: aware columns converted to UTC (``is_utc`` true), naive ones as they
        are; ``None`` when the column does not hold instants (text, numbers, objects).
    """
    if kind == "pandas":
        return _pandas_values(column)
    if kind == "polars":
        return _polars_values(column)
    arr = np.asarray(column)
    if arr.dtype.kind == "M":
        # No copy when the column is already in µs: a read-only view, so that nothing here
        # can write into the caller's array.
        values = arr.astype("datetime64[us]", copy=False).view()
        values.flags.writeable = False
        return values, False
    return None


def _pandas_values(column: Any) -> tuple[Stamps, bool] | None:
    import pandas as pd  # noqa: PLC0415 - the column is a pandas one, so pandas is there

    if isinstance(column, pd.Series):
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            utc = column.dt.tz_convert("UTC").dt.tz_localize(None)
            return utc.to_numpy("datetime64[us]"), True
        if column.dtype.kind == "M":
            return column.to_numpy("datetime64[us]"), False
    elif isinstance(column, pd.DatetimeIndex):
        if column.tz is not None:
            return column.tz_convert("UTC").tz_localize(None).to_numpy("datetime64[us]"), True
        return column.to_numpy("datetime64[us]"), False
    return None


def _polars_values(column: Any) -> tuple[Stamps, bool] | None:
    import polars as pl  # noqa: PLC0415 - the column is a polars one, so polars is there

    if not (isinstance(column, pl.Series) and isinstance(column.dtype, pl.Datetime)):
        return None
    zone = column.dtype.time_zone
    if zone:
        column = column.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return np.asarray(column.to_numpy(), dtype="datetime64[us]"), bool(zone)
