"""The batch deadline calculator: due instants for millions of dossiers at once (numpy).

[`compute_deadlines`][tthc.deadlines.batch.compute_deadlines] is
[`compute_deadline`][tthc.deadlines.compute_deadline] over whole columns, vectorised with numpy
(no Python loop over rows): each row costs a few array passes over the calendar's precomputed
index. It gives exactly the scalar function's ``due_at`` for every row (tested).

This module needs numpy (the ``tthc[numpy]`` extra) and imports it at its top; pandas and polars
columns are accepted when those packages are installed. ``import tthc.deadlines`` does not load
it: the package attaches ``compute_deadlines`` lazily.

Why one module of this length: the general batch path and the fused pass for the usual batch share their office-time tables and must be read side by side (the tests prove them equal to each other and to the scalar calculator).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc.errors import InvalidValueError, MissingExtraError, OutOfCalendarRangeError

try:
    import numpy as np
except ModuleNotFoundError as exc:  # the tthc[numpy] extra
    raise MissingExtraError("numpy", "numpy", __name__) from exc

from numpy.typing import NDArray

from tthc.calendar._office import OfficeHours, OfficeIndex, _period_us
from tthc.deadlines._clock import office_index
from tthc.deadlines._instants import (
    EPOCH_ORDINAL,
    NAT,
    OFFSET_US,
    US_PER_DAY,
    US_PER_HOUR,
    US_PER_MINUTE,
    Micros,
    Stamps,
    datetime_values,
    localise,
)
from tthc.deadlines.compute import _default_calendar, check_reach
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy, EndOfDay, PolicyKind
from tthc.durations import Duration, DurationUnit

if TYPE_CHECKING:
    from tthc.calendar._core import WorkingCalendar

__all__ = ["compute_deadlines"]

_UNIT_CODES: Final = {unit: code for code, unit in enumerate(DurationUnit)}
_UNITS: Final = tuple(DurationUnit)
_FIELD: Final = "compute_deadlines(received_at)"


# --- reading the receipts ------------------------------------------------------------------------


def _kind(column: object) -> str:
    """The kind of column: ``"pandas"``, ``"polars"``, ``"list"`` (a list or tuple) or ``"numpy"``."""
    if isinstance(column, (list, tuple)):
        return "list"
    module = type(column).__module__.split(".")[0]
    return module if module in {"pandas", "polars"} else "numpy"


def _received_us(received_at: Any, tz: str | None, fmt: str | None) -> tuple[Micros, str]:
    """The receipts as UTC µs (`NAT` where missing), and the kind of column they came in."""
    kind = _kind(received_at)
    found = None if fmt is not None else datetime_values(received_at, _library(kind))
    if found is None:
        text = _text_of(received_at, kind)
        if text is not None or fmt is not None:
            return _read_text(received_at if text is None else text, tz, fmt), kind
        found = _objects(received_at, kind)
    values, is_utc = found
    us: Micros = values.view(np.int64)
    return (us if is_utc else localise(us, tz, "compute_deadlines(tz)")), kind


def _library(kind: str) -> str:
    return "numpy" if kind == "list" else kind


def _text_of(received_at: Any, kind: str) -> Any | None:
    """The receipts when they are text (a string column, or objects that are all text)."""
    if kind == "polars":
        import polars as pl  # noqa: PLC0415 - the column is a polars one

        return received_at.to_numpy() if received_at.dtype == pl.String else None
    if kind == "pandas":
        values = received_at
    else:
        values = np.asarray(received_at, dtype=object if kind == "list" else None)
        if values.dtype.kind in "US":
            return values
        if values.dtype.kind != "O":
            return None
    try:
        import pandas as pd  # noqa: PLC0415 - its C-level type inference over the column
    except ModuleNotFoundError:  # pragma: no cover - exercised only without pandas
        first = next((v for v in np.asarray(values, dtype=object).ravel() if v is not None), None)
        return values if isinstance(first, str) else None
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    return values if inferred in {"string", "empty"} else None


def _read_text(values: Any, tz: str | None, fmt: str | None) -> Micros:
    """Text receipts, read as everywhere in tthc (dd/mm/yyyy day first, ISO with its offset)."""
    try:
        from tthc.deadlines._text import LAYOUTS, read_text_instants  # noqa: PLC0415 - pandas
    except MissingExtraError as exc:
        raise MissingExtraError("pandas", "pandas", "compute_deadlines of text receipts") from exc
    us, unreadable = read_text_instants(values, tz=tz, format=fmt, field=_FIELD)
    if unreadable.any():
        rows = np.flatnonzero(unreadable)
        shown = np.asarray(values, dtype=object)[rows[0]]
        raise InvalidValueError(
            f"{_FIELD} at rows {rows[:5].tolist()}",
            shown,
            f"an instant written as {LAYOUTS}" if fmt is None else f"an instant like {fmt!r}",
        )
    return us


def _objects(received_at: Any, kind: str) -> tuple[Stamps, bool]:
    """Receipts that are neither a datetime column nor text: ``datetime`` objects."""
    if kind == "polars":
        raise InvalidValueError(
            _FIELD, str(received_at.dtype), "instants (a datetime column, or text)"
        )
    if kind == "pandas":
        arr = received_at.to_numpy(dtype=object)
    else:
        try:
            arr = np.asarray(received_at, dtype=object if kind == "list" else None)
        except (TypeError, ValueError):  # pragma: no cover - numpy accepts nearly anything
            arr = None
    if arr is None or arr.dtype.kind != "O":
        raise InvalidValueError(
            _FIELD,
            type(received_at).__name__,
            "a datetime64 array, a pandas or polars datetime column, aware datetimes or text",
        )
    return _aware_objects(arr)


def _aware_objects(arr: NDArray[np.object_]) -> tuple[Stamps, bool]:
    """``datetime`` objects, converted once each (at C level, by pandas); naive ones as they are."""
    try:
        import pandas as pd  # noqa: PLC0415 - pandas converts datetime objects at C level
    except ModuleNotFoundError as exc:  # pragma: no cover - exercised only without pandas
        raise MissingExtraError(
            "pandas", "pandas", "compute_deadlines of datetime objects"
        ) from exc
    try:
        idx = pd.DatetimeIndex(arr)
    except (TypeError, ValueError):
        idx = None
    if idx is None:
        # Several zones (Vietnam time and UTC, say): each instant with its own offset, once
        # every one of them is known to have an offset (a naive one would be a guess).
        if not all(getattr(x, "tzinfo", None) is not None for x in arr if x is not None):
            raise InvalidValueError(
                _FIELD, "naive and aware datetimes", "aware datetimes, or pass tz="
            )
        try:
            idx = pd.DatetimeIndex(pd.to_datetime(pd.Series(arr, dtype=object), utc=True))
        except (TypeError, ValueError):
            raise InvalidValueError(
                _FIELD, "object array", "aware datetimes (or use datetime64 with tz=)"
            ) from None
    if idx.tz is None:  # naive datetimes: tz= says what they mean (never guessed)
        return idx.to_numpy("datetime64[us]"), False
    return idx.tz_convert("UTC").tz_localize(None).to_numpy("datetime64[us]"), True


# --- durations, in groups of one unit ------------------------------------------------------------


@attrs.frozen
class _Group:
    """The rows of one duration unit, with their values as arrays (broadcast when shared)."""

    unit: DurationUnit
    rows: NDArray[np.intp] | None  # None = every row
    whole: NDArray[np.int64]  # whole units per row, -1 where fractional
    micro: NDArray[np.int64] | None  # µs for hour units; 10**6 x value for fractional days
    cutoff: NDArray[np.int64] | None  # same-day cut-off in µs (a full day when none)


def _durations(
    durations: Any, n: int, unit: DurationUnit | None, cal: WorkingCalendar
) -> list[_Group]:
    """Split the rows into groups of one unit, with per-row values (arrays or broadcasts).

    A limit longer than the calendar is refused first, as ``compute_deadline`` does (10**11
    hours would not even fit the int64 arrays).
    """
    if isinstance(durations, str):  # one text for every row: "5 ngày làm việc"
        durations = Duration.parse(durations)
    if isinstance(durations, Duration):
        check_reach(cal, durations)
        return [_group_of(durations.unit, [durations], None, None, n)]
    if unit is not None:
        values = np.asarray(durations)
        if values.dtype.kind not in "iu" or values.shape != (n,):
            raise InvalidValueError(
                "compute_deadlines(durations)",
                str(values.dtype),
                f"{n} whole numbers of {unit.label}",
            )
        if n and int(values.min()) < 0:
            raise InvalidValueError(
                "compute_deadlines(durations)", int(values.min()), "values >= 0"
            )
        if unit is DurationUnit.MONTHS and n and int(values.min()) < 1:
            raise InvalidValueError("compute_deadlines(durations)", 0, "months >= 1")
        if n and unit is not DurationUnit.SAME_DAY:
            check_reach(cal, Duration(value=int(values.max()), unit=unit))
        return [_Group(unit, None, values.astype(np.int64, copy=False), None, None)]
    uniques, codes = _factorize(durations, n)
    for duration in uniques:
        check_reach(cal, duration)
    present = sorted({_UNIT_CODES[d.unit] for d in uniques})
    if len(present) == 1:
        return [_group_of(_UNITS[present[0]], uniques, codes, None, n)]
    unit_of = np.array([_UNIT_CODES[d.unit] for d in uniques], dtype=np.int64)
    row_unit = unit_of[codes]
    return [
        _group_of(_UNITS[code], uniques, codes, np.flatnonzero(row_unit == code), n)
        for code in present
    ]


def _group_of(
    unit: DurationUnit,
    uniques: list[Duration],
    codes: NDArray[np.intp] | None,
    rows: NDArray[np.intp] | None,
    n: int,
) -> _Group:
    whole_u = np.array([d.value if type(d.value) is int else -1 for d in uniques], dtype=np.int64)
    micro_u = np.array([_hours_us(d) for d in uniques], dtype=np.int64)
    cut_u = np.array(
        [
            (d.cutoff.hour * 60 + d.cutoff.minute) * US_PER_MINUTE if d.cutoff else US_PER_DAY
            for d in uniques
        ],
        dtype=np.int64,
    )
    if codes is None:  # one Duration for every row: broadcast, no per-row arrays
        pick = [np.broadcast_to(arr[0], (n,)) for arr in (whole_u, micro_u, cut_u)]
    else:
        taken = codes if rows is None else codes[rows]
        pick = [arr[taken] for arr in (whole_u, micro_u, cut_u)]
    return _Group(unit, rows, pick[0], pick[1], pick[2])


def _hours_us(d: Duration) -> int:
    """Value in µs for hour units; 10**6 x the value for fractional working days."""
    if d.unit in {DurationUnit.HOURS, DurationUnit.WORKING_HOURS}:
        exact = Decimal(d.value) * US_PER_HOUR
        if exact != exact.to_integral_value():
            raise InvalidValueError(
                "compute_deadlines(durations)", d, "a whole number of microseconds"
            )
        return int(exact)
    if d.unit is DurationUnit.WORKING_DAYS and type(d.value) is not int:
        # Fractional working days: scaled by 10**6 here, times the office day length later.
        exact = Decimal(d.value) * 1_000_000
        if exact != exact.to_integral_value():
            raise InvalidValueError("compute_deadlines(durations)", d, "at most six decimals")
        return int(exact)
    return 0


def _coded(durations: Any) -> tuple[NDArray[np.intp], list[object]] | None:
    """(codes, categories) of a categorical or text column, without a Python object per row.

    pandas categoricals give their codes; polars Enum, Categorical and String columns are coded
    through an Enum of their distinct values; pandas text columns (object or string dtype) are
    factorised by pandas. Missing values get the code -1. None for anything else.
    """
    kind = _kind(durations)
    if kind == "pandas":
        import pandas as pd  # noqa: PLC0415 - the column is a pandas one

        if isinstance(durations.dtype, pd.CategoricalDtype):
            return (
                np.asarray(durations.cat.codes, dtype=np.intp),
                list(durations.cat.categories),
            )
        if durations.dtype == object or pd.api.types.is_string_dtype(durations.dtype):
            codes, uniques = pd.factorize(durations, use_na_sentinel=True)
            return np.asarray(codes, dtype=np.intp), list(uniques)
        return None
    if kind == "polars":
        import polars as pl  # noqa: PLC0415 - the column is a polars one

        dtype = durations.dtype
        if isinstance(dtype, pl.Enum):
            categories = list(dtype.categories)
        elif dtype in (pl.Categorical, pl.String):
            categories = (
                durations.drop_nulls().unique(maintain_order=True).cast(pl.String).to_list()
            )
            durations = durations.cast(pl.String).cast(pl.Enum(categories))
        else:
            return None
        physical = durations.to_physical().fill_null(-1).cast(pl.Int64).to_numpy()
        return np.asarray(physical, dtype=np.intp), categories
    return None


def _factorize(durations: Any, n: int) -> tuple[list[Duration], NDArray[np.intp]]:
    """The distinct durations (parsed once each) and each row's code into them."""
    coded = _coded(durations)
    if coded is not None:
        return _parse_coded(*coded, n)
    uniques_list: list[object]
    try:
        import pandas as pd  # noqa: PLC0415 - C-level hashing of the column when available
    except ImportError:  # pragma: no cover - numpy fallback
        arr = np.asarray(durations)
        if arr.dtype.kind == "O" and all(isinstance(x, str) for x in arr[:1]):
            arr = arr.astype(str)
        uniques_arr, raw_codes = np.unique(arr, return_inverse=True)
        uniques_list = list(uniques_arr)
    else:
        raw_codes, uniques_raw = pd.factorize(
            np.asarray(durations, dtype=object), use_na_sentinel=False
        )
        uniques_list = list(uniques_raw)
    if len(raw_codes) != n:
        raise InvalidValueError(
            "compute_deadlines(durations)", len(raw_codes), f"one duration per receipt ({n})"
        )
    parsed: list[Duration] = []
    for u in uniques_list:
        if isinstance(u, Duration):
            parsed.append(u)
        elif isinstance(u, str):
            parsed.append(Duration.parse(u))
        else:
            raise InvalidValueError(
                "compute_deadlines(durations)", u, "Duration objects or processing-time texts"
            )
    return parsed, np.asarray(raw_codes, dtype=np.intp)


def _parse_coded(
    codes: NDArray[np.intp], categories: list[object], n: int
) -> tuple[list[Duration], NDArray[np.intp]]:
    """Parse the categories the rows use (each once); renumber the codes onto them."""
    if len(codes) != n:
        raise InvalidValueError(
            "compute_deadlines(durations)", len(codes), f"one duration per receipt ({n})"
        )
    if n and int(codes.min()) < 0:
        raise InvalidValueError(
            "compute_deadlines(durations)", None, "Duration objects or processing-time texts"
        )
    used = np.flatnonzero(np.bincount(codes, minlength=len(categories)))
    parsed: list[Duration] = []
    for u in (categories[int(c)] for c in used):
        if isinstance(u, Duration):
            parsed.append(u)
        elif isinstance(u, str):
            parsed.append(Duration.parse(u))
        else:
            raise InvalidValueError(
                "compute_deadlines(durations)", u, "Duration objects or processing-time texts"
            )
    if len(used) == len(categories):
        return parsed, codes
    renumber = np.zeros(len(categories), dtype=np.intp)
    renumber[used] = np.arange(len(used))
    return parsed, renumber[codes]


# --- the calculator ------------------------------------------------------------------------------


def compute_deadlines(  # noqa: PLR0915 - one pass over the unit groups, kept together
    received_at: Any,
    durations: Duration | Any,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    unit: DurationUnit | None = None,
    tz: str | None = None,
    format: str | None = None,  # noqa: A002 - the name pandas.to_datetime gives it
    missing: str = "raise",
) -> Any:
    """Compute the due instant of every row, vectorised (the batch ``compute_deadline``).

    Args:
        received_at: Receipt instants: a pandas ``Series``/``DatetimeIndex`` or polars
            ``Series`` (tz-aware, or naive with ``tz=``), a numpy ``datetime64`` array (naive:
            give ``tz=``), a list or array of aware ``datetime`` objects, or text. Text is read
            as everywhere in tthc: ISO 8601 with its offset (``"2026-01-09T16:30+07:00"``) or
            without one, the Vietnamese ``"09/01/2026 16:30"`` (day first, seconds allowed), or
            ``yyyyMMddHHmmss`` (the national sync, Vietnam time); a column written month first
            (``"01/31/2026 09:00"``) is refused rather than guessed: pass ``format``.
        durations: One [`Duration`][tthc.durations.Duration] or one processing-time text
            (``"5 ngày làm việc"``) for every row; or a column of ``Duration`` objects or
            texts, factorised so each distinct value is parsed once; or whole numbers with
            ``unit=``.
        calendar: The working calendar (default: ``vietnam_calendar()``).
        policy: The policy (default: working time).
        unit: The unit of ``durations`` when they are plain numbers.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``. Never guessed.
        format: A ``strftime`` pattern that every text receipt follows
            (``"%m/%d/%Y %H:%M"``); with ``%z`` the texts carry their offsets.
        missing: What a missing receipt (NaT: a dossier never received) gives: ``"raise"``
            (the default: an error naming the first rows) or ``"propagate"`` (NaT for those rows).

    Returns:
        The due instants in the kind of column the receipts came in: for pandas, a tz-aware
        ``Series`` (``Asia/Ho_Chi_Minh``, same index); for polars, a tz-aware polars
        ``Series``; for a list, a list of aware ``datetime`` objects in Vietnam time
        (``VN_TZ``; ``None`` where a receipt is missing); for a numpy array of objects or
        text, the same as an object array; for a numpy ``datetime64`` array (which has no
        time zone), a ``datetime64[us]`` array of **UTC** instants.

    Raises:
        InvalidValueError: Missing receipts (rows named) unless ``missing="propagate"``, naive
            instants without ``tz``, text that is not an instant (rows named), a column
            written month first without ``format``, bad durations, or a fractional limit the
            policy cannot count.
        MissingExtraError: The receipts are text and pandas is not installed.
        OutOfCalendarRangeError: A receipt or a due day is outside the calendar's years.

    Warns:
        ProvisionalCalendarWarning: Some rows reach a year with no official schedule.

    Pauses are per-dossier lists and are not taken here; use
    [`compute_deadline`][tthc.deadlines.compute_deadline] for dossiers with pauses.

    Examples:
        >>> import numpy as np, tthc
        >>> from tthc.deadlines import compute_deadlines
        >>> received = np.array(["2026-01-09T16:30", "2025-12-31T09:00"], dtype="datetime64[us]")
        >>> due = compute_deadlines(received, tthc.Duration.working_days(1), tz="Asia/Ho_Chi_Minh")
        >>> due + np.timedelta64(7, "h")        # back to Vietnam wall-clock time for display
        array(['2026-01-10T16:30:00.000000', '2026-01-05T09:00:00.000000'],
              dtype='datetime64[us]')
    """
    cal = _default_calendar() if calendar is None else calendar
    pol = DeadlinePolicy() if policy is None else policy
    if not isinstance(pol, DeadlinePolicy):
        raise InvalidValueError("compute_deadlines(policy)", pol, "a DeadlinePolicy")
    if missing not in {"raise", "propagate"}:
        raise InvalidValueError("compute_deadlines(missing)", missing, "'raise' or 'propagate'")
    utc, kind = _received_us(received_at, tz, format)
    n = utc.shape[0]
    nat = utc == NAT
    absent = bool(n) and bool(nat.any())
    if absent:
        if missing == "raise":
            rows = np.flatnonzero(nat)[:5].tolist()
            raise InvalidValueError(
                f"compute_deadlines(received_at) at rows {rows}",
                "NaT",
                "an instant (missing values are not allowed; pass missing='propagate' to get "
                "NaT for them)",
            )
        # Compute on a present receipt in their place, then blank those rows.
        present = np.flatnonzero(~nat)
        if present.size:
            stand_in = int(utc[present[0]])
        else:  # no receipt at all: any day the calendar covers will do
            stand_in = (cal.first_day.toordinal() - EPOCH_ORDINAL) * US_PER_DAY
        utc = np.where(nat, stand_in, utc)
    groups = _durations(durations, n, unit, cal)
    fast = _uniform_lengths(groups, pol, cal) if n and not absent else None
    if fast is not None:
        return _output(_uniform_working_time(cal, pol, utc, *fast), received_at, kind)
    local = utc + OFFSET_US
    day = local // US_PER_DAY
    tod = local - day * US_PER_DAY
    index = cal._index()  # noqa: SLF001
    i = day + (EPOCH_ORDINAL - index.first)
    if n and (int(i.min()) < 0 or int(i.max()) >= index.size):
        bad = int(i.min()) if int(i.min()) < 0 else int(i.max())
        raise cal._out_of_range(bad + index.first)  # noqa: SLF001
    office = office_index(cal, pol.office_hours)
    tables = _Tables(cal, office, pol.office_hours)
    due_local = np.empty(n, dtype=np.int64)
    due_day = np.empty(n, dtype=np.int64)  # ordinal of the due day (for range/provisional)
    try:
        for group in groups:
            unit_ = group.unit
            sel = slice(None) if group.rows is None else group.rows
            whole, micro, cutoff = group.whole, group.micro, group.cutoff
            day_i, day_tod = i[sel], tod[sel]
            if unit_ is DurationUnit.WORKING_HOURS or (
                unit_ is DurationUnit.WORKING_DAYS and pol.kind is PolicyKind.WORKING_TIME
            ):
                if unit_ is DurationUnit.WORKING_HOURS:
                    length = micro if micro is not None else whole * US_PER_HOUR
                else:
                    length = _working_day_lengths(office, whole, micro)
                out_day, out_tod = tables.working_time(
                    day_i, day_tod, length, pol.round_up_minutes
                )
                out_local = (out_day - EPOCH_ORDINAL) * US_PER_DAY + out_tod
                if unit_ is DurationUnit.WORKING_DAYS and (zero := whole == 0).any():
                    # Zero working days means "within the day", as compute_deadline does.
                    same = tables.same_day(index.first + day_i, day_tod, None)
                    out_local = np.where(zero, tables.end_of_day(pol, same), out_local)
                    out_day = np.where(zero, same, out_day)
                due_local[sel] = out_local
                due_day[sel] = out_day
            elif unit_ is DurationUnit.HOURS:
                length = micro if micro is not None else whole * US_PER_HOUR
                due_local[sel] = local[sel] + length
                due_day[sel] = due_local[sel] // US_PER_DAY + EPOCH_ORDINAL
            else:
                if unit_ is not DurationUnit.SAME_DAY and (whole < 0).any():
                    raise InvalidValueError(
                        "compute_deadlines(durations)",
                        "fractional days",
                        "whole days under this policy (fractional days need the working-time "
                        "policy, or give the limit in hours)",
                    )
                last = tables.day_count(
                    unit=unit_,
                    pol=pol,
                    ordinal=index.first + day_i,
                    tod=day_tod,
                    values=whole,
                    cutoff=cutoff,
                )
                due_day[sel] = last
                due_local[sel] = tables.end_of_day(pol, last)
    except IndexError:
        raise OutOfCalendarRangeError(
            cal.last_day + dt.timedelta(days=1), cal.first_year, cal.last_year
        ) from None
    if n:
        lo = min(int(i.min()) + index.first, int(due_day.min()))
        hi = max(int(i.max()) + index.first, int(due_day.max()))
        cal._touch(lo, hi)  # noqa: SLF001
    due_utc: Stamps = (due_local - OFFSET_US).view("datetime64[us]")
    if absent:
        due_utc[nat] = np.datetime64("NaT")
    return _output(due_utc, received_at, kind)


def _uniform_lengths(  # noqa: PLR0911 - each return refuses one case
    groups: list[_Group], pol: DeadlinePolicy, cal: WorkingCalendar
) -> tuple[NDArray[np.int64], NDArray[np.int64] | None] | None:
    """(office time, whole working days or None) of every row when the fused path applies.

    It applies to one group of whole working days (working-time policy) or working hours,
    all positive, with office hours the same every weekday and no rounding: the usual batch.
    """
    if len(groups) != 1 or pol.round_up_minutes is not None:
        return None
    group = groups[0]
    if group.rows is not None:
        return None
    office = office_index(cal, pol.office_hours)
    if not office.uniform:
        return None
    if group.unit is DurationUnit.WORKING_DAYS and pol.kind is PolicyKind.WORKING_TIME:
        if int(group.whole.min()) <= 0:  # zero days (same-day rule) or fractional days
            return None
        return group.whole, group.whole
    if group.unit is DurationUnit.WORKING_HOURS:
        length = group.micro if group.micro is not None else group.whole * US_PER_HOUR
        return (length, None) if int(length.min()) > 0 else None
    return None


def _uniform_working_time(
    cal: WorkingCalendar,
    pol: DeadlinePolicy,
    utc: Micros,
    length: NDArray[np.int64],
    whole: NDArray[np.int64] | None,
) -> Stamps:
    """Due instants (UTC) of positive office-time lengths, uniform office hours, no rounding.

    The steps of ``_Tables._working_time_uniform``, fused: a handful of int64 buffers written in
    place, the working days before each receipt from one table, the due instant from another
    (working day + first opening, in UTC µs), and the range checks on reductions. ``whole`` is
    the count of working days when the lengths are whole days (no division then), else None.
    """
    index = cal._index()  # noqa: SLF001
    office = office_index(cal, pol.office_hours)
    day = office.day
    periods = office.same
    rank = np.asarray(index.rank, dtype=np.int64)
    mask = np.frombuffer(index.mask, dtype=np.uint8)
    before_k = rank - mask  # working days before each day
    working = np.asarray(index.working, dtype=np.int64)
    opening_utc = (working - EPOCH_ORDINAL) * US_PER_DAY + (periods[0][0] - OFFSET_US)
    # Local day and time of day: tod in `buf`, the day position in `pos`.
    buf = utc + OFFSET_US
    pos = np.empty_like(buf)
    np.divmod(buf, US_PER_DAY, out=(pos, buf))
    pos -= index.first - EPOCH_ORDINAL
    lo, hi = int(pos.min()), int(pos.max())
    if lo < 0 or hi >= index.size:
        raise cal._out_of_range((lo if lo < 0 else hi) + index.first)  # noqa: SLF001
    # Office time elapsed in the receipt's day (0 on a day off): the periods, clipped.
    elapsed = np.subtract(buf, periods[0][0])
    np.clip(elapsed, 0, periods[0][1] - periods[0][0], out=elapsed)
    for j, (a, b) in enumerate(periods[1:], start=2):
        part = buf if j == len(periods) else np.empty_like(buf)
        np.subtract(buf, a, out=part)
        np.clip(part, 0, b - a, out=part)
        elapsed += part
    # The positions are checked above: the gathers skip numpy's per-element bounds check.
    elapsed *= np.take(mask, pos, mode="clip")
    # Earliest instant with `length` more office time: working day k, rest into it (0 < rest <=
    # day), k counted from the working days before the receipt's day.
    np.take(before_k, pos, out=pos)
    if whole is not None:
        # Whole days: no division. With x the office time already gone in the receipt's day,
        # k = before + whole, rest = x; or, when x = 0, the previous day's closing.
        pos += whole
        np.equal(elapsed, 0, out=buf, casting="unsafe")
        pos -= buf
        buf *= day
        elapsed += buf
    else:
        np.multiply(pos, day, out=buf)
        elapsed += buf
        elapsed += length
        elapsed -= 1
        np.divmod(elapsed, day, out=(pos, elapsed))
        elapsed += 1
    k_lo, k_hi = int(pos.min()), int(pos.max())
    if k_hi >= len(working):
        raise OutOfCalendarRangeError(
            cal.last_day + dt.timedelta(days=1), cal.first_year, cal.last_year
        )
    out = np.take(opening_utc, pos, mode="clip")  # 0 <= k, and k_hi checked above
    out += elapsed
    done = 0
    for (a0, b0), (a1, _) in itertools.pairwise(periods):
        done += b0 - a0
        # Past the end of a period: the gap to the next opening.
        np.greater(elapsed, done, out=buf, casting="unsafe")
        buf *= a1 - b0
        out += buf
    cal._touch(  # noqa: SLF001
        min(lo + index.first, int(working[k_lo])), max(hi + index.first, int(working[k_hi]))
    )
    return out.view("datetime64[us]")


def _output(due_utc: Stamps, received_at: Any, kind: str) -> Any:
    """The due instants in the kind of column the receipts came in."""
    if kind == "pandas":
        import pandas as pd  # noqa: PLC0415 - the receipts were a pandas column

        series = pd.Series(due_utc, index=getattr(received_at, "index", None))
        return series.dt.tz_localize("UTC").dt.tz_convert("Asia/Ho_Chi_Minh").rename("due_at")
    if kind == "polars":
        import polars as pl  # noqa: PLC0415 - the receipts were a polars column

        return (
            pl.Series("due_at", due_utc)
            .dt.replace_time_zone("UTC")
            .dt.convert_time_zone("Asia/Ho_Chi_Minh")
        )
    if kind == "list" or (isinstance(received_at, np.ndarray) and received_at.dtype.kind in "OUS"):
        # Python objects in, Python objects out: aware datetimes in Vietnam time, which keep
        # their zone (a naive datetime64 in UTC would read 09:30 for a 16:30 due time).
        local = (due_utc + np.timedelta64(OFFSET_US, "us")).astype(object)
        aware = [None if t is None else t.replace(tzinfo=VN_TZ) for t in local]
        return aware if kind == "list" else np.array(aware, dtype=object)
    return due_utc


def _working_day_lengths(
    office: OfficeIndex, whole: NDArray[np.int64], micro: NDArray[np.int64] | None
) -> NDArray[np.int64]:
    """Office time of each row's working days, in µs (fractional days through ``micro``)."""
    if micro is None:
        return whole * office.day
    frac = whole < 0
    if not frac.any():
        return whole * office.day
    out = whole * office.day
    scaled = micro[frac] * office.day
    if (scaled % 1_000_000).any():
        raise InvalidValueError(
            "compute_deadlines(durations)",
            "fractional working days",
            "a whole number of microseconds",
        )
    out[frac] = scaled // 1_000_000
    return out


class _Tables:
    """numpy copies of the calendar and office-time indexes for one call.

    Day positions ``i`` count from the index's first day; ordinals are proleptic (``date``
    ordinals); times of day are µs since local midnight. A lookup past the index's end raises
    ``IndexError`` (turned into `OutOfCalendarRangeError` by the caller).
    """

    def __init__(self, cal: WorkingCalendar, office: OfficeIndex, hours: OfficeHours) -> None:
        index = cal._index()  # noqa: SLF001
        self.first = index.first
        self.mask: NDArray[np.int64] = np.frombuffer(index.mask, dtype=np.uint8).astype(np.int64)
        self.rank: NDArray[np.int64] = np.asarray(index.rank, dtype=np.int64)
        self.working: NDArray[np.int64] = np.asarray(index.working, dtype=np.int64)
        self.cum: NDArray[np.int64] = np.asarray(office.cum, dtype=np.int64)
        self.uniform = office.uniform
        self.day = office.day
        # Each weekday's periods as rows of (start, end) µs, padded with empty periods at closing.
        weekly = [_period_us(hours.periods_on(w)) for w in range(7)]
        width = max(len(p) for p in weekly)
        starts = np.zeros((7, width), dtype=np.int64)
        ends = np.zeros((7, width), dtype=np.int64)
        for w, periods in enumerate(weekly):
            for j in range(width):
                a, b = periods[j] if j < len(periods) else (periods[-1][1], periods[-1][1])
                starts[w, j], ends[w, j] = a, b
        self.starts: NDArray[np.int64] = starts
        self.ends: NDArray[np.int64] = ends
        self.width = width

    @staticmethod
    def weekday(ordinal: NDArray[np.int64]) -> NDArray[np.int64]:
        """Monday 0 ... Sunday 6 (0001-01-01, ordinal 1, was a Monday)."""
        return (ordinal - 1) % 7

    def working_time(
        self,
        i: NDArray[np.int64],
        tod: NDArray[np.int64],
        length: NDArray[np.int64],
        round_up: int | None,
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(ordinal, time of day) at which ``length`` µs of office time have passed."""
        return self.locate(self.position(i, tod) + length, length == 0, round_up)

    def position(self, i: NDArray[np.int64], tod: NDArray[np.int64]) -> NDArray[np.int64]:
        """Office time (µs) from the index's first working day up to each instant.

        As ``OfficeIndex.position``: on a day off, all the office time before the next opening.
        """
        mask = self.mask[i]
        elapsed = np.zeros_like(tod)
        if self.uniform:
            for a, b in zip(self.starts[0].tolist(), self.ends[0].tolist(), strict=True):
                if b > a:
                    elapsed += np.clip(tod - a, 0, b - a)
            # rank*day on a day off, else (rank-1)*day + elapsed: as one expression.
            position: NDArray[np.int64] = self.rank[i] * self.day
            position += mask * (elapsed - self.day)
            return position
        rank = self.rank[i]
        w = self.weekday(i + self.first)
        for j in range(self.width):
            a = self.starts[w, j]
            elapsed += np.clip(tod - a, 0, self.ends[w, j] - a)
        return np.where(mask == 1, self.cum[np.maximum(rank - 1, 0)] + elapsed, self.cum[rank])

    def locate(
        self, target: NDArray[np.int64], zero: NDArray[np.bool_], round_up: int | None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(ordinal, time of day) at which office time ``target`` has passed.

        The earliest such instant; where ``zero`` (a zero-length limit), the instant at which
        counting from ``target`` starts (the next opening, not the previous closing).
        """
        if self.uniform:
            due_ordinal, due_tod = self._locate_uniform(target, zero)
        else:
            due_ordinal, due_tod = self._locate_general(target, zero)
        if round_up:
            step = round_up * US_PER_MINUTE
            due_tod = -(-due_tod // step) * step
        return due_ordinal, due_tod

    def _locate_uniform(
        self, target: NDArray[np.int64], zero: NDArray[np.bool_]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Every working day has the same periods: closed forms, no per-row weekday lookups."""
        day = self.day
        periods = [(int(a), int(b)) for a, b in zip(self.starts[0], self.ends[0], strict=True)]
        shift = zero.astype(np.int64)
        k = (target - 1 + shift) // day
        rest = target - k * day
        if int(k.max(initial=0)) >= len(self.working) or int(k.min(initial=0)) < 0:
            raise IndexError
        due_ordinal = self.working[k]
        due_tod = rest + periods[0][0]
        office_before = 0  # office time in the periods before the next one
        for (a0, b0), (a1, _) in itertools.pairwise(periods):
            office_before += b0 - a0
            # Past the end of a period (at it, for zero lengths): add the gap to the next one.
            due_tod += (rest > office_before - shift) * (a1 - b0)
        return due_ordinal, due_tod

    def _locate_general(
        self, target: NDArray[np.int64], zero: NDArray[np.bool_]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Office hours that differ by weekday: the cumulative office time, searched."""
        side_left = np.searchsorted(self.cum, target, side="left")
        side_right = np.searchsorted(self.cum, target, side="right")
        k = np.maximum(np.where(zero, side_right, side_left) - 1, 0)
        rest = target - self.cum[np.minimum(k, len(self.cum) - 1)]
        if int(k.max(initial=0)) >= len(self.working):
            raise IndexError
        due_ordinal = self.working[k]
        wd = self.weekday(due_ordinal)
        due_tod = np.empty_like(rest)
        done = np.zeros(rest.shape, dtype=bool)
        for j in range(self.width):
            a = self.starts[wd, j]
            span = self.ends[wd, j] - a
            hit = ~done & np.where(zero, rest < span, rest <= span) & (span > 0)
            due_tod[hit] = a[hit] + rest[hit]
            done |= hit
            rest = np.where(done, rest, rest - span)
        return due_ordinal, due_tod

    def roll_forward(self, ordinal: NDArray[np.int64]) -> NDArray[np.int64]:
        """The day itself when it is a working day, else the next working day."""
        i = ordinal - self.first
        if int(i.max(initial=0)) >= len(self.mask) or int(i.min(initial=0)) < 0:
            raise IndexError
        before: NDArray[np.int64] = self.rank[i] - self.mask[i]
        if int(before.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[before]

    def add_working(self, ordinal: NDArray[np.int64], n: NDArray[np.int64]) -> NDArray[np.int64]:
        """`add_working_days` element-wise, on ordinals."""
        i = ordinal - self.first
        k = np.where(n > 0, self.rank[i] + n - 1, self.rank[i] - self.mask[i] + n)
        if int(k.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[k]

    def day_count(
        self,
        *,
        unit: DurationUnit,
        pol: DeadlinePolicy,
        ordinal: NDArray[np.int64],
        tod: NDArray[np.int64],
        values: NDArray[np.int64],
        cutoff: NDArray[np.int64] | None,
    ) -> NDArray[np.int64]:
        """The last day (ordinal) of a limit counted in days, months or the same day."""
        if unit is DurationUnit.SAME_DAY:
            return self.same_day(ordinal, tod, cutoff)
        result = self._days(unit, pol, ordinal, values)
        zero = values == 0
        if zero.any():
            # A limit of zero days means "within the day" (as compute_deadline does).
            result = np.where(zero, self.same_day(ordinal, tod, None), result)
        return result

    def same_day(
        self,
        ordinal: NDArray[np.int64],
        tod: NDArray[np.int64],
        cutoff: NDArray[np.int64] | None,
    ) -> NDArray[np.int64]:
        """The due day of a same-day limit: the receipt day, or the next working day."""
        i = ordinal - self.first
        working = self.mask[i] == 1
        k: NDArray[np.int64] = self.rank[i] - self.mask[i]
        closing = self.ends[self.weekday(ordinal), -1]
        cut = cutoff if cutoff is not None else np.full(ordinal.shape, US_PER_DAY)
        late = working & ((tod > cut) | (tod >= closing))
        k = k + late
        if int(k.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[k]

    def _days(
        self,
        unit: DurationUnit,
        pol: DeadlinePolicy,
        ordinal: NDArray[np.int64],
        values: NDArray[np.int64],
    ) -> NDArray[np.int64]:
        if unit is DurationUnit.WORKING_DAYS:
            return self.add_working(ordinal, values)
        if unit is DurationUnit.MONTHS:
            days = (ordinal - EPOCH_ORDINAL).astype("datetime64[D]")
            month = days.astype("datetime64[M]")
            dom = (days - month.astype("datetime64[D]")).astype(np.int64)
            target = month + values.astype("timedelta64[M]")
            length = (
                (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
            ).astype(np.int64)
            last = target.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length - 1)
            return self.roll_forward(last + EPOCH_ORDINAL)
        # CALENDAR_DAYS
        if pol.calendar_days_skip_days_off:
            return self.roll_forward(self.skip_days_off(ordinal, values))
        return self.roll_forward(ordinal + values)

    def skip_days_off(
        self, ordinal: NDArray[np.int64], values: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """Count ``values`` days after ``ordinal``, leaving out weekdays the calendar takes off."""
        first = self.first
        weekday_work = ((np.arange(len(self.mask)) + first - 1) % 7) < 5  # noqa: PLR2004
        counts = ~((self.mask == 0) & weekday_work)
        prefix = np.cumsum(counts)
        positions = np.flatnonzero(counts)
        i = ordinal - first
        k = prefix[i] + values - 1
        if int(k.max(initial=0)) >= len(positions):
            raise IndexError
        return positions[k] + first

    def end_of_day(self, pol: DeadlinePolicy, ordinal: NDArray[np.int64]) -> NDArray[np.int64]:
        """The end of each day (local µs): midnight or the office's closing, per the policy."""
        if pol.end_of_day is EndOfDay.MIDNIGHT:
            return (ordinal + 1 - EPOCH_ORDINAL) * US_PER_DAY
        closing: NDArray[np.int64] = self.ends[self.weekday(ordinal), -1]
        return (ordinal - EPOCH_ORDINAL) * US_PER_DAY + closing
