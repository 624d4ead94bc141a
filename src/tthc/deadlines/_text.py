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

The work is done on whole columns by pandas' vectorised string matching (which layout each row
is in) and its datetime parser with an explicit layout (which checks that a date exists), without
a Python loop over the rows.
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

from tthc.deadlines._instants import NAT, OFFSET_US, Micros, localise

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["LAYOUTS", "read_text_instants"]

LAYOUTS: Final = (
    "ISO 8601 ('2026-01-09T16:30', with an offset such as +07:00 or without one), "
    "'dd/mm/yyyy HH:MM' (seconds allowed, day first) or yyyyMMddHHmmss (Vietnam time)"
)
"""The layouts read without a format, in words (for error messages)."""

# ISO 8601: 2026-01-09[T16:30[:05[.123456]]][Z|+07:00|+0700|+07]
_ISO: Final = (
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?"
)
# An ISO 8601 value that ends with its offset (after a time: a date alone has none).
_OFFSET: Final = r".*[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)"
# Vietnamese: 9/1/2026 or 09/01/2026[ 16:30[:05]] (also "16h30", "16g30" as people type them).
_VN: Final = r"\d{1,2}/\d{1,2}/\d{4}(?:[ T,]+\d{1,2}[:hg]\d{2}(?::\d{2})?)?"
# The national dossier sync: yyyyMMddHHmmss, Vietnam time.
_SYNC: Final = r"\d{14}"
# The layouts of the Vietnamese form once its separators are made plain ("09/01/2026 16:30").
_VN_FORMATS: Final = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")
_MONTH_FIRST: Final = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")


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
    out = np.full(len(text), NAT, dtype=np.int64)
    iso = _matches(text, _ISO)
    vn = _matches(text, _VN)
    sync = _matches(text, _SYNC)
    if iso.any():
        aware = iso & _matches(text, _OFFSET)
        if aware.any():
            out[aware] = _parsed(text[aware], "ISO8601", utc=True)
        naive = iso & ~aware
        if naive.any():
            out[naive] = _naive(_parsed(text[naive], "ISO8601"), tz, tz_field)
    if vn.any():
        # "16h30", "16g30", "T", "," as people type them, made plain: "09/01/2026 16:30".
        plain = text[vn].str.replace(r"[ T,]+", " ", regex=True)
        plain = plain.str.replace(r"(\d)[hg](\d)", r"\1:\2", regex=True)
        local = _first_of(plain, _VN_FORMATS)
        _refuse_month_first(plain, local, field, np.flatnonzero(vn))
        out[vn] = _naive(local, tz, tz_field)
    if sync.any():
        local = _parsed(text[sync], "%Y%m%d%H%M%S")
        out[sync] = np.where(local == NAT, NAT, local - OFFSET_US)
    return out, present & (out == NAT)


def _matches(text: pd.Series[Any], pattern: str) -> NDArray[np.bool_]:
    """The rows whose whole text matches ``pattern`` (vectorised)."""
    return text.str.fullmatch(pattern).fillna(value=False).to_numpy(dtype=bool)


def _parsed(text: pd.Series[Any], pattern: str, *, utc: bool = False) -> Micros:
    """µs of the values read with ``pattern`` (pandas' parser), `NAT` where they do not fit."""
    stamps = pd.to_datetime(text, format=pattern, errors="coerce", utc=utc)
    if utc:
        stamps = stamps.dt.tz_localize(None)
    us: Micros = stamps.to_numpy("datetime64[us]").view(np.int64).copy()
    return us


def _first_of(text: pd.Series[Any], patterns: tuple[str, ...]) -> Micros:
    """µs of the values read with the first of ``patterns`` that fits each."""
    out = _parsed(text, patterns[0])
    for pattern in patterns[1:]:
        left = out == NAT
        if not left.any():
            break
        out[left] = _parsed(text[left], pattern)
    return out


def _naive(local: Micros, tz: str | None, tz_field: str) -> Micros:
    """Naive µs (`NAT` kept) to UTC as ``tz`` says."""
    read = local != NAT
    out = local.copy()
    if read.any():
        out[read] = localise(local[read], tz, tz_field)
    return out


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


def _refuse_month_first(
    plain: pd.Series[Any], local: Micros, field: str, rows: NDArray[np.intp]
) -> None:
    """Refuse a column of d/m/y dates that only read month first (``01/31/2026``)."""
    unread = local == NAT
    if not unread.any():
        return
    swapped = _first_of(plain[unread], _MONTH_FIRST) != NAT
    if swapped.any():
        where = rows[np.flatnonzero(unread)[swapped]]
        raise InvalidValueError(
            f"{field} at rows {where[:5].tolist()}",
            str(plain.iloc[int(np.flatnonzero(unread)[swapped][0])]),
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
