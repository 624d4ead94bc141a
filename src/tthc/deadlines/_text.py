"""Instants written as text, read one way everywhere (private; pandas).

The batch calculator ([`compute_deadlines`][tthc.deadlines.batch.compute_deadlines]) and the
dossier-table readers of `tthc.analytics` read a column of text instants here, so that a
receipt written ``"09/01/2026 16:30"`` means 9 January wherever it is given. Without an explicit
``format``, a value is read in one of these layouts:

* ISO 8601: ``2026-01-09T16:30``, with seconds and a fraction or not, ``T`` or a space, with an
  offset (``+07:00``, ``+0700``, ``Z``: that instant) or without one (naive);
* the Vietnamese ``dd/mm/yyyy HH:MM`` (seconds allowed, ``d/m`` with one digit too): day first,
  as dates are written in Vietnam, naive;
* ``yyyyMMddHHmmss``, as the national dossier sync writes it, in Vietnam time;
* a date alone (``2026-01-09``, ``09/01/2026``) is 00:00 of that day, naive.

Naive values mean what ``tz`` says (``"UTC"`` or ``"Asia/Ho_Chi_Minh"``); they are never
guessed. A column that writes its dates month first (a "month" above 12 where the day would
be, as in ``01/31/2026``) is refused as a whole rather than read wrongly: pass ``format``. With
``format`` (a ``strftime`` pattern such as ``"%m/%d/%Y %H:%M"``), every value is read with it.

The work is done by pandas' vectorised string and datetime operations and numpy arithmetic on
whole columns: one regular expression picks the fields of every row, and the dates are checked
and turned into microseconds with array arithmetic, without a Python loop over the rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tthc.errors import InvalidValueError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra
    raise MissingExtraError(
        (exc.name or "pandas").split(".")[0], "pandas", "reading instants written as text"
    ) from exc

from tthc.deadlines._instants import NAT, OFFSET_US, US_PER_DAY, Micros, localise

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["LAYOUTS", "read_text_instants"]

LAYOUTS: Final = (
    "ISO 8601 ('2026-01-09T16:30', with an offset such as +07:00 or without one), "
    "'dd/mm/yyyy HH:MM' (seconds allowed, day first) or yyyyMMddHHmmss (Vietnam time)"
)
"""The layouts read without a format, in words (for error messages)."""

_TIME = r"(?:[T ]+(?P<H{n}>\d{{1,2}})[:hg](?P<M{n}>\d{{2}})(?::(?P<S{n}>\d{{2}})(?:[.,](?P<f{n}>\d{{1,6}}))?)?)?"
# ISO 8601: 2026-01-09[T16:30[:05[.123456]]][Z|+07:00|+0700|+07]
_ISO: Final = (
    r"(?P<Y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"
    + _TIME.format(n=1)
    + r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?"
)
# Vietnamese: 9/1/2026 or 09/01/2026[ 16:30[:05]] (also "16h30", "16g30" as people type them)
_VN: Final = (
    r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<Y2>\d{4})"
    r"(?:[ T,]+(?P<H2>\d{1,2})[:hg](?P<M2>\d{2})(?::(?P<S2>\d{2}))?)?"
)
# The national dossier sync: yyyyMMddHHmmss, Vietnam time.
_SYNC: Final = r"(?P<Y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})(?P<H3>\d{2})(?P<M3>\d{2})(?P<S3>\d{2})"
_PATTERN: Final = rf"^\s*(?:{_ISO}|{_VN}|{_SYNC})\s*$"

_US_PER_SECOND: Final = 1_000_000
_MONTH_DAYS: Final = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def read_text_instants(
    values: Any,
    *,
    tz: str | None,
    format: str | None = None,  # noqa: A002 - the name pandas.to_datetime gives it
    field: str,
    tz_field: str | None = None,
) -> tuple[Micros, NDArray[np.bool_]]:
    """Text instants as UTC µs (`NAT` where missing or unreadable), and the unreadable rows.

    Args:
        values: The column: a pandas ``Series``, or anything ``numpy.asarray`` reads (a list
            of ``str``, a numpy array of text or objects). Missing values (``None``, ``NaN``,
            empty text) are `NAT` and not unreadable.
        tz: What values without an offset mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        format: A ``strftime`` pattern that every value follows (``"%d-%m-%Y %H:%M"``); with
            ``%z`` the values carry their offset.
        field: Where the column was given, named in errors (``"compute_deadlines(received_at)"``).
        tz_field: The argument named when naive values come without ``tz`` (default: the
            ``tz`` argument of ``field``'s function).

    Returns:
        ``(utc_us, unreadable)``.

    Raises:
        InvalidValueError: Naive values without ``tz``; a column written month first (read
            without ``format``).
    """
    text = _as_text(values)
    present = (text.notna() & (text != "")).to_numpy(dtype=bool)
    tz_field = _tz_field(field) if tz_field is None else tz_field
    if format is not None:
        return _with_format(text, present, tz=tz, pattern=format, field=field, tz_field=tz_field)
    parts = text.str.extract(_PATTERN)
    vn = parts["Y2"].notna().to_numpy()
    matched = parts["Y1"].notna().to_numpy() | vn | parts["Y3"].notna().to_numpy()
    _refuse_month_first(text, parts, vn, field)
    year = _ints(parts, "Y")
    month = _ints(parts, "m")
    day = _ints(parts, "d")
    hour = _ints(parts, "H")
    minute = _ints(parts, "M")
    second = _ints(parts, "S")
    fraction = _fraction(parts["f1"])
    days, valid = _days_from_civil(year, month, day)
    valid &= matched & (hour < 24) & (minute < 60) & (second < 60)  # noqa: PLR2004
    local = days * US_PER_DAY + ((hour * 60 + minute) * 60 + second) * _US_PER_SECOND + fraction
    offset = _offsets(parts["z"])
    aware = parts["z"].notna().to_numpy() & valid
    sync = parts["Y3"].notna().to_numpy() & valid
    naive = valid & ~aware & ~sync
    out = np.full(len(text), NAT, dtype=np.int64)
    out[aware] = local[aware] - offset[aware]
    out[sync] = local[sync] - OFFSET_US
    if naive.any():
        out[naive] = localise(local[naive], tz, tz_field)
    return out, present & ~valid


def _as_text(values: Any) -> pd.Series[Any]:
    """The column as a pandas string Series, stripped (``<NA>`` where missing)."""
    if isinstance(values, pd.Series):
        series = values.reset_index(drop=True)
    else:
        series = pd.Series(np.asarray(values, dtype=object), dtype=object)
    return series.astype("string").str.strip()


def _tz_field(field: str) -> str:
    """The argument to name when naive values have no ``tz``."""
    head, _, _ = field.partition("(")
    return f"{head}(tz)" if head else "tz"


def _ints(parts: pd.DataFrame, name: str) -> NDArray[np.int64]:
    """The field ``name`` of whichever layout matched, as integers (0 where absent)."""
    columns = [f"{name}{n}" for n in (1, 2, 3) if f"{name}{n}" in parts.columns]
    merged = parts[columns[0]]
    for column in columns[1:]:
        merged = merged.fillna(parts[column])
    numbers = pd.to_numeric(merged, errors="coerce").fillna(0)
    return numbers.to_numpy(dtype=np.int64)


def _fraction(digits: pd.Series[Any]) -> NDArray[np.int64]:
    """A decimal fraction of a second ("5", "123456") as microseconds."""
    padded = digits.fillna("0").str.ljust(6, "0")
    return pd.to_numeric(padded, errors="coerce").fillna(0).to_numpy(dtype=np.int64)


def _offsets(zone: pd.Series[Any]) -> NDArray[np.int64]:
    """An ISO offset ("Z", "+07:00", "+0700", "+07") as microseconds east of UTC."""
    signs: NDArray[np.int64] = np.where(
        zone.str.startswith("-").fillna(value=False).to_numpy(dtype=bool), -1, 1
    ).astype(np.int64)
    digits = zone.str.replace(r"[^0-9]", "", regex=True).fillna("").str.ljust(4, "0")
    hours = pd.to_numeric(digits.str.slice(0, 2), errors="coerce").fillna(0)
    minutes = pd.to_numeric(digits.str.slice(2, 4), errors="coerce").fillna(0)
    total: NDArray[np.int64] = hours.to_numpy(dtype=np.int64) * 60 + minutes.to_numpy(
        dtype=np.int64
    )
    result: NDArray[np.int64] = signs * total * 60 * _US_PER_SECOND
    return result


def _days_from_civil(
    year: NDArray[np.int64], month: NDArray[np.int64], day: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Days since 1970-01-01 of each (year, month, day), and whether the date exists."""
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    good_month = (month >= 1) & (month <= 12)  # noqa: PLR2004
    length = _MONTH_DAYS[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)  # noqa: PLR2004
    valid = good_month & (day >= 1) & (day <= length) & (year >= 1)
    # Days from the civil date, on the proleptic Gregorian calendar (March-based years).
    y = year - (month <= 2)  # noqa: PLR2004
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468, valid


def _refuse_month_first(
    text: pd.Series[Any], parts: pd.DataFrame, vn: NDArray[np.bool_], field: str
) -> None:
    """Refuse a column whose dd/mm/yyyy dates have a "month" above 12: it is written month first."""
    if not vn.any():
        return
    month = pd.to_numeric(parts["m2"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    day = pd.to_numeric(parts["d2"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    swapped = vn & (month > 12) & (day >= 1) & (day <= 12)  # noqa: PLR2004
    if swapped.any():
        rows = np.flatnonzero(swapped)
        raise InvalidValueError(
            f"{field} at rows {rows[:5].tolist()}",
            str(text.iloc[int(rows[0])]),
            "dates written day first (dd/mm/yyyy), as in Vietnam: this column writes a month "
            "after 12 where the month goes, so it is written month first or mixed, and is not "
            "guessed; give its layout, e.g. format='%m/%d/%Y %H:%M'",
        )


def _with_format(
    text: pd.Series[Any],
    present: NDArray[np.bool_],
    *,
    tz: str | None,
    pattern: str,
    field: str,
    tz_field: str,
) -> tuple[Micros, NDArray[np.bool_]]:
    """Every value read with one ``strftime`` pattern (pandas' vectorised parser)."""
    aware = "%z" in pattern or "%Z" in pattern
    try:
        parsed = pd.to_datetime(text, format=pattern, errors="coerce", utc=aware)
    except ValueError as exc:
        raise InvalidValueError(
            f"{field} format", pattern, f"a strftime pattern ({exc})"
        ) from None
    if aware:
        parsed = parsed.dt.tz_localize(None)
    stamps = parsed.to_numpy("datetime64[us]")
    read = ~np.isnat(stamps)
    out = np.full(len(text), NAT, dtype=np.int64)
    us = stamps.view(np.int64)
    if aware:
        out[read] = us[read]
    elif read.any():
        out[read] = localise(us[read], tz, tz_field)
    return out, present & ~read
