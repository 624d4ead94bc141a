"""Columnar paths: due instants for millions of dossiers at once (numpy, pandas, polars).

[`compute_deadlines`][tthc.analytics.frames.compute_deadlines] is
[`compute_deadline`][tthc.deadlines.compute_deadline] over whole columns, vectorised with numpy
(no Python loop over rows): each row costs a few array passes over the calendar's precomputed
index. It gives exactly the scalar function's ``due_at`` for every row (tested).

numpy is required here (the ``tthc[numpy]`` extra); pandas and polars inputs are accepted when
those packages are installed. Nothing here is imported by ``import tthc``'s core modules.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import attrs

from tthc.calendar._office import US_PER_DAY, US_PER_MINUTE, OfficeHours, OfficeIndex, _period_us
from tthc.deadlines.compute import (
    DeadlinePolicy,
    EndOfDay,
    PolicyKind,
    _default_calendar,
    _office_index,
)
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, OutOfCalendarRangeError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tthc.calendar._core import WorkingCalendar

__all__ = ["compute_deadlines"]

_OFFSET_US = 7 * 3600 * 1_000_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_US_PER_HOUR = 3_600_000_000
_UNIT_CODES = {unit: code for code, unit in enumerate(DurationUnit)}


def _np() -> Any:
    try:
        import numpy as np  # noqa: PLC0415 - optional extra
    except ImportError:  # pragma: no cover - exercised only without numpy
        raise InvalidValueError(
            "compute_deadlines", "numpy", "numpy installed (pip install 'tthc[numpy]')"
        ) from None
    return np


def _received_us(np: Any, received_at: Any, tz: str | None) -> tuple[Any, str]:
    """Return (UTC microseconds as int64, kind of input) for any supported column."""
    module = type(received_at).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd  # noqa: PLC0415 - only when given pandas data

        values = received_at
        utc: Any
        if isinstance(values, pd.Series) and isinstance(values.dtype, pd.DatetimeTZDtype):
            utc = values.dt.tz_convert("UTC").dt.tz_localize(None)
        elif isinstance(values, pd.DatetimeIndex) and values.tz is not None:
            utc = values.tz_convert("UTC").tz_localize(None)
        else:
            naive = np.asarray(pd.to_datetime(values), dtype="datetime64[us]")
            return _localise(np, naive, tz), "pandas"
        return _checked(np, np.asarray(utc, dtype="datetime64[us]")), "pandas"
    if module == "polars":
        dtype = received_at.dtype
        zone = getattr(dtype, "time_zone", None)
        arr = (
            received_at.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            if zone
            else received_at
        )
        arr = np.asarray(arr.to_numpy(), dtype="datetime64[us]")
        return (_checked(np, arr) if zone else _localise(np, arr, tz)), "polars"
    try:
        arr = np.asarray(received_at)
    except (TypeError, ValueError):  # pragma: no cover - numpy accepts nearly anything
        arr = None
    if arr is None or arr.dtype.kind not in "MO":
        raise InvalidValueError(
            "compute_deadlines(received_at)",
            type(received_at).__name__,
            "a datetime64 array, a pandas or polars datetime column, or aware datetimes",
        )
    if arr.dtype.kind == "O":  # aware datetime objects: convert each once (C-level in pandas)
        try:
            import pandas as pd  # noqa: PLC0415

            idx = pd.DatetimeIndex(pd.to_datetime(arr, utc=False))
        except (ImportError, TypeError, ValueError):
            raise InvalidValueError(
                "compute_deadlines(received_at)",
                "object array",
                "aware datetimes with one offset (or use datetime64 with tz=)",
            ) from None
        if idx.tz is None:
            raise InvalidValueError(
                "compute_deadlines(received_at)", "naive datetimes", "aware datetimes, or pass tz="
            )
        return _checked(
            np, np.asarray(idx.tz_convert("UTC").tz_localize(None), dtype="datetime64[us]")
        ), "numpy"
    return _localise(np, arr.astype("datetime64[us]"), tz), "numpy"


def _localise(np: Any, arr: Any, tz: str | None) -> Any:
    """Naive instants: the caller must say what they mean (never guessed)."""
    if tz is None:
        raise InvalidValueError(
            "compute_deadlines(tz)",
            None,
            "'UTC' or 'Asia/Ho_Chi_Minh' (or '+07:00') to say what naive instants mean",
        )
    us = _checked(np, arr)
    if tz.upper() == "UTC":
        return us
    if tz in {"Asia/Ho_Chi_Minh", "+07:00", "ICT", "Asia/Saigon"}:
        nat = us == np.iinfo(np.int64).min
        return np.where(nat, us, us - _OFFSET_US) if nat.any() else us - _OFFSET_US
    raise InvalidValueError(
        "compute_deadlines(tz)", tz, "'UTC' or 'Asia/Ho_Chi_Minh' (or '+07:00')"
    )


def _checked(np: Any, arr: Any) -> Any:
    """The instants as int64 microseconds (NaT stays the most negative int64)."""
    return arr.view(np.int64)


def _durations(np: Any, durations: Any, n: int, unit: DurationUnit | None) -> list[_Group]:
    """Split the rows into groups of one unit, with per-row values (arrays or broadcasts)."""
    if isinstance(durations, Duration):
        return [_group_of(np, durations.unit, [durations], None, None, n)]
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
        return [_Group(unit, None, values.astype(np.int64, copy=False), None, None)]
    uniques, codes = _factorize(np, durations, n)
    unit_of = np.array([_UNIT_CODES[d.unit] for d in uniques], dtype=np.int64)
    present = sorted({_UNIT_CODES[d.unit] for d in uniques})
    units = list(DurationUnit)
    if len(present) == 1:
        return [_group_of(np, units[present[0]], uniques, codes, None, n)]
    row_unit = unit_of[codes]
    return [
        _group_of(np, units[code], uniques, codes, np.flatnonzero(row_unit == code), n)
        for code in present
    ]


@attrs.frozen
class _Group:
    unit: DurationUnit
    rows: Any  # None = every row
    whole: Any  # whole units per row, -1 where fractional
    micro: Any  # µs per row for hour units; 10**6 x value for fractional working days
    cutoff: Any  # same-day cut-off per row in µs (a full day when none)


def _group_of(  # noqa: PLR0917 - private helper, called in two places
    np: Any, unit: DurationUnit, uniques: list[Duration], codes: Any, rows: Any, n: int
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
    """Value in µs for hour units, in 1/1000 of a working day for fractional working days."""
    from decimal import Decimal  # noqa: PLC0415

    if d.unit in {DurationUnit.HOURS, DurationUnit.WORKING_HOURS}:
        exact = Decimal(d.value) * _US_PER_HOUR
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


def _factorize(np: Any, durations: Any, n: int) -> tuple[list[Duration], Any]:
    try:
        import pandas as pd  # noqa: PLC0415 - C-level hashing of the column when available

        codes, uniques_raw = pd.factorize(
            np.asarray(durations, dtype=object), use_na_sentinel=False
        )
        uniques_list = list(uniques_raw)
    except ImportError:  # pragma: no cover - numpy fallback
        arr = np.asarray(durations)
        if arr.dtype.kind == "O":
            arr = arr.astype(str) if all(isinstance(x, str) for x in arr[:1]) else arr
        uniques_arr, codes = np.unique(arr, return_inverse=True)
        uniques_list = list(uniques_arr)
    if len(codes) != n:
        raise InvalidValueError(
            "compute_deadlines(durations)", len(codes), f"one duration per receipt ({n})"
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
    return parsed, np.asarray(codes, dtype=np.intp)


def compute_deadlines(  # noqa: PLR0915 - one pass over the unit groups, kept together
    received_at: Any,
    durations: Duration | Any,
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    unit: DurationUnit | None = None,
    tz: str | None = None,
    missing: str = "raise",
) -> Any:
    """Compute the due instant of every row, vectorised (the batch ``compute_deadline``).

    Args:
        received_at: Receipt instants: a pandas ``Series``/``DatetimeIndex`` or polars
            ``Series`` (tz-aware, or naive with ``tz=``), a numpy ``datetime64`` array (naive:
            give ``tz=``), or an array of aware ``datetime`` objects.
        durations: One [`Duration`][tthc.durations.Duration] for every row; or a column of
            ``Duration`` objects or processing-time texts (``"5 ngày làm việc"``), factorised so
            each distinct value is parsed once; or whole numbers with ``unit=``.
        calendar: The working calendar (default: ``vietnam_calendar()``).
        policy: The policy (default: working time).
        unit: The unit of ``durations`` when they are plain numbers.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``. Never guessed.
        missing: What a missing receipt (NaT: a dossier never received) gives: ``"raise"``
            (the default: an error naming the first rows) or ``"propagate"`` (NaT for those rows).

    Returns:
        For pandas input, a tz-aware ``Series`` (``Asia/Ho_Chi_Minh``, same index); for polars, a
        polars ``Series``; otherwise a ``datetime64[us]`` numpy array of **UTC** instants.

    Raises:
        InvalidValueError: Missing receipts (rows named) unless ``missing="propagate"``, naive
            instants without ``tz``, bad durations, or a fractional limit the policy cannot count.
        OutOfCalendarRangeError: A receipt or a due day is outside the calendar's years.

    Warns:
        ProvisionalCalendarWarning: Some rows reach a year with no official schedule.

    Pauses are per-dossier lists and are not taken here; use
    [`compute_deadline`][tthc.deadlines.compute_deadline] for dossiers with pauses.

    Examples:
        >>> import numpy as np, tthc
        >>> from tthc.analytics.frames import compute_deadlines
        >>> received = np.array(["2026-01-09T16:30", "2025-12-31T09:00"], dtype="datetime64[us]")
        >>> due = compute_deadlines(received, tthc.Duration.working_days(1), tz="Asia/Ho_Chi_Minh")
        >>> due + np.timedelta64(7, "h")        # back to Vietnam wall-clock time for display
        array(['2026-01-10T16:30:00.000000', '2026-01-05T09:00:00.000000'],
              dtype='datetime64[us]')
    """
    np = _np()
    cal = _default_calendar() if calendar is None else calendar
    pol = DeadlinePolicy() if policy is None else policy
    if not isinstance(pol, DeadlinePolicy):
        raise InvalidValueError("compute_deadlines(policy)", pol, "a DeadlinePolicy")
    if missing not in {"raise", "propagate"}:
        raise InvalidValueError("compute_deadlines(missing)", missing, "'raise' or 'propagate'")
    utc, kind = _received_us(np, received_at, tz)
    n = utc.shape[0]
    nat = utc == np.iinfo(np.int64).min
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
            stand_in = (cal.first_day.toordinal() - _EPOCH_ORDINAL) * US_PER_DAY
        utc = np.where(nat, stand_in, utc)
    groups = _durations(np, durations, n, unit)
    local = utc + _OFFSET_US
    day = local // US_PER_DAY
    tod = local - day * US_PER_DAY
    index = cal._index()  # noqa: SLF001
    i = day + (_EPOCH_ORDINAL - index.first)
    if n and (int(i.min()) < 0 or int(i.max()) >= index.size):
        bad = int(i.min()) if int(i.min()) < 0 else int(i.max())
        raise cal._out_of_range(bad + index.first)  # noqa: SLF001
    office = _office_index(cal, pol.office_hours)
    tables = _Tables(np, cal, office, pol.office_hours)
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
                    length = micro if micro is not None else whole * _US_PER_HOUR
                else:
                    length = _working_day_lengths(office, whole, micro)
                out_day, out_tod = tables.working_time(
                    day_i, day_tod, length, pol.round_up_minutes
                )
                out_local = (out_day - _EPOCH_ORDINAL) * US_PER_DAY + out_tod
                if unit_ is DurationUnit.WORKING_DAYS and (zero := whole == 0).any():
                    # Zero working days means "within the day", as compute_deadline does.
                    same = tables.same_day(index.first + day_i, day_tod, None)
                    out_local = np.where(zero, tables.end_of_day(pol, same), out_local)
                    out_day = np.where(zero, same, out_day)
                due_local[sel] = out_local
                due_day[sel] = out_day
            elif unit_ is DurationUnit.HOURS:
                length = micro if micro is not None else whole * _US_PER_HOUR
                due_local[sel] = local[sel] + length
                due_day[sel] = due_local[sel] // US_PER_DAY + _EPOCH_ORDINAL
            else:
                values = whole
                if unit_ is not DurationUnit.SAME_DAY and (values < 0).any():
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
                    values=values,
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
    due_utc = (due_local - _OFFSET_US).view("datetime64[us]")
    if absent:
        due_utc[nat] = np.datetime64("NaT")
    if kind == "pandas":
        import pandas as pd  # noqa: PLC0415

        index_ = getattr(received_at, "index", None)
        series = (
            pd.Series(due_utc, index=index_)
            .dt.tz_localize("UTC")
            .dt.tz_convert("Asia/Ho_Chi_Minh")
        )
        return series.rename("due_at")
    if kind == "polars":
        import polars as pl  # noqa: PLC0415

        return (
            pl.Series("due_at", due_utc)
            .dt.replace_time_zone("UTC")
            .dt.convert_time_zone("Asia/Ho_Chi_Minh")
        )
    return due_utc


def _working_day_lengths(office: OfficeIndex, whole: Any, micro: Any) -> Any:
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
    """numpy copies of the calendar and office-time indexes for one call."""

    def __init__(
        self, np: Any, cal: WorkingCalendar, office: OfficeIndex, hours: OfficeHours
    ) -> None:
        index = cal._index()  # noqa: SLF001
        self.np = np
        self.first = index.first
        self.mask = np.frombuffer(index.mask, dtype=np.uint8).astype(np.int64)
        self.rank = np.asarray(index.rank, dtype=np.int64)
        self.working = np.asarray(index.working, dtype=np.int64)
        self.cum = np.asarray(office.cum, dtype=np.int64)
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
        self.starts, self.ends, self.width = starts, ends, width

    def weekday(self, ordinal: Any) -> Any:
        return (ordinal - 1) % 7

    def working_time(self, i: Any, tod: Any, length: Any, round_up: int | None) -> tuple[Any, Any]:
        if self.uniform:
            return self._working_time_uniform(i, tod, length, round_up)
        return self._working_time_general(i, tod, length, round_up)

    def _working_time_uniform(
        self, i: Any, tod: Any, length: Any, round_up: int | None
    ) -> tuple[Any, Any]:
        """Every working day has the same periods: closed forms, no per-row weekday lookups."""
        np = self.np
        day = self.day
        periods = [(int(a), int(b)) for a, b in zip(self.starts[0], self.ends[0], strict=True)]
        elapsed = np.zeros_like(tod)
        for a, b in periods:
            if b > a:
                elapsed += np.clip(tod - a, 0, b - a)
        mask = self.mask[i]
        # Office time before the instant: rank*day on a day off (the next opening), else
        # (rank-1)*day + elapsed; as one expression: rank*day + mask*(elapsed - day).
        target = self.rank[i] * day
        target += mask * (elapsed - day)
        target += length
        # Earliest instant for a positive length; the counting start for a zero length.
        zero = (length == 0).astype(np.int64)
        k = (target - 1 + zero) // day
        rest = target - k * day
        if int(k.max(initial=0)) >= len(self.working) or int(k.min(initial=0)) < 0:
            raise IndexError
        due_ordinal = self.working[k]
        due_tod = rest + periods[0][0]
        office_before = 0  # office time in the periods before the next one
        for (a0, b0), (a1, _) in itertools.pairwise(periods):
            office_before += b0 - a0
            # Past the end of a period (at it, for zero lengths): add the gap to the next one.
            due_tod += (rest > office_before - zero) * (a1 - b0)
        if round_up:
            step = round_up * US_PER_MINUTE
            due_tod = -(-due_tod // step) * step
        return due_ordinal, due_tod

    def _working_time_general(
        self, i: Any, tod: Any, length: Any, round_up: int | None
    ) -> tuple[Any, Any]:
        np = self.np
        mask = self.mask[i]
        rank = self.rank[i]
        ordinal = i + self.first
        w = self.weekday(ordinal)
        elapsed = np.zeros_like(tod)
        for j in range(self.width):
            a = self.starts[w, j]
            b = self.ends[w, j]
            elapsed += np.clip(tod - a, 0, b - a)
        k_here = rank - 1
        # Zero-length limits are due when counting starts: locate them "from the right".
        zero = length == 0
        if self.uniform:
            position = np.where(mask == 1, k_here * self.day + elapsed, rank * self.day)
            target = position + length
            k = np.where(zero, target // self.day, np.maximum(target - 1, 0) // self.day)
            rest = target - k * self.day
        else:
            position = np.where(
                mask == 1, self.cum[np.maximum(k_here, 0)] + elapsed, self.cum[rank]
            )
            target = position + length
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
        if round_up:
            step = round_up * US_PER_MINUTE
            due_tod = -(-due_tod // step) * step
        return due_ordinal, due_tod

    def roll_forward(self, ordinal: Any) -> Any:
        i = ordinal - self.first
        if int(i.max(initial=0)) >= len(self.mask) or int(i.min(initial=0)) < 0:
            raise IndexError
        before = self.rank[i] - self.mask[i]
        if int(before.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[before]

    def add_working(self, ordinal: Any, n: Any) -> Any:
        i = ordinal - self.first
        k = self.np.where(n > 0, self.rank[i] + n - 1, self.rank[i] - self.mask[i] + n)
        if int(k.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[k]

    def day_count(
        self,
        *,
        unit: DurationUnit,
        pol: DeadlinePolicy,
        ordinal: Any,
        tod: Any,
        values: Any,
        cutoff: Any,
    ) -> Any:
        if unit is DurationUnit.SAME_DAY:
            return self.same_day(ordinal, tod, cutoff)
        result = self._days(unit, pol, ordinal, values)
        zero = values == 0
        if zero.any():
            # A limit of zero days means "within the day" (as compute_deadline does).
            result = self.np.where(zero, self.same_day(ordinal, tod, None), result)
        return result

    def same_day(self, ordinal: Any, tod: Any, cutoff: Any) -> Any:
        """The due day of a same-day limit: the receipt day, or the next working day."""
        np = self.np
        i = ordinal - self.first
        working = self.mask[i] == 1
        k = self.rank[i] - self.mask[i]
        closing = self.ends[self.weekday(ordinal), -1]
        cut = cutoff if cutoff is not None else np.full(ordinal.shape, US_PER_DAY)
        late = working & ((tod > cut) | (tod >= closing))
        k = k + late
        if int(k.max(initial=0)) >= len(self.working):
            raise IndexError
        return self.working[k]

    def _days(self, unit: DurationUnit, pol: DeadlinePolicy, ordinal: Any, values: Any) -> Any:
        np = self.np
        if unit is DurationUnit.WORKING_DAYS:
            return self.add_working(ordinal, values)
        if unit is DurationUnit.MONTHS:
            days = (ordinal - _EPOCH_ORDINAL).astype("datetime64[D]")
            month = days.astype("datetime64[M]")
            dom = (days - month.astype("datetime64[D]")).astype(np.int64)
            target = month + values.astype("timedelta64[M]")
            length = (
                (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
            ).astype(np.int64)
            last = target.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length - 1)
            return self.roll_forward(last + _EPOCH_ORDINAL)
        # CALENDAR_DAYS
        if pol.calendar_days_skip_days_off:
            last = self.skip_days_off(ordinal, values)
        else:
            last = ordinal + values
        return self.roll_forward(last)

    def skip_days_off(self, ordinal: Any, values: Any) -> Any:
        # Days that count: everything but weekdays that the calendar takes off.
        np = self.np
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

    def end_of_day(self, pol: DeadlinePolicy, ordinal: Any) -> Any:
        if pol.end_of_day is EndOfDay.MIDNIGHT:
            return (ordinal + 1 - _EPOCH_ORDINAL) * US_PER_DAY
        closing = self.ends[self.weekday(ordinal), -1]
        return (ordinal - _EPOCH_ORDINAL) * US_PER_DAY + closing


# --- timeliness over a table of dossiers ---------------------------------------------------------
#
# classify_timeliness is tthc.dossiers.classify over whole columns: a table with one row per
# dossier (status code, receipt, due and finish instants, optionally the number of supplement
# requests and the instant of the last one) gives a column of timeliness classes, vectorised with
# numpy (no Python loop over rows), equal to the per-dossier answer for every row (tested).

__all__ += ["TIMELINESS_CATEGORIES", "classify_timeliness", "invalid_dossier_rows"]

TIMELINESS_CATEGORIES = ("early", "on_time", "late", "within_time", "overdue")
"""The classes of [`classify_timeliness`][tthc.analytics.frames.classify_timeliness]'s column, in order:
the values of [`Timeliness`][tthc.dossiers.Timeliness]. Rows that are not classified are
missing (null); with ``invalid="mark"``, bad rows are ``"invalid"`` (a sixth category).
"""

DOSSIER_COLUMNS = {
    "status": "status",
    "received_at": "received_at",
    "due_at": "due_at",
    "finished_at": "finished_at",
    "supplement_requests": "supplement_requests",
    "supplement_requested_at": "supplement_requested_at",
}
"""The default column of each role (``columns=`` maps a role to another column name)."""
__all__ += ["DOSSIER_COLUMNS"]

_REQUIRED_ROLES = ("status", "received_at", "due_at", "finished_at")
_INSTANT_ROLES = ("received_at", "due_at", "finished_at", "supplement_requested_at")
_NAT = -(2**63)
# Status codes (tthc.dossiers.DossierStatus): those that end processing, those that need a
# receipt, and those of unfinished dossiers.
_ENDS = (3, 7, 8, 9, 10)
_NEED_RECEIPT = (2, 4, 5, 6, 8, 9, 10)
_OPEN_CODES = (1, 2, 4, 5, 6)
_SHOWN_ROWS = 20
# An instant written as the national dossier sync writes it: yyyyMMddHHmmss, Vietnam time.
_SYNC_INSTANT = r"^\d{14}$"
# ISO 8601 text that ends with its offset (or Z).
_HAS_OFFSET = r"(?:Z|[+-]\d\d:?\d\d)$"


@attrs.frozen
class _DossierTable:
    """A table of dossiers as numpy arrays (instants: UTC µs, _NAT when missing)."""

    kind: str  # "pandas", "polars", "arrow" or "numpy"
    n: int
    index: Any  # the pandas index, for the output
    status: Any  # int64, -1 when not a code 1-10
    instants: dict[str, Any]  # role -> int64 UTC µs (_NAT = missing)
    count: Any  # supplement requests (int64) or None
    problems: dict[str, Any]  # problem -> bool mask of rows


def _frame_kind(table: Any) -> str:
    module = type(table).__module__.split(".")[0]
    if module in {"pandas", "polars"} and hasattr(table, "columns"):
        return module
    if module == "pyarrow" and hasattr(table, "column_names"):
        return "arrow"
    from collections.abc import Mapping  # noqa: PLC0415 - this section keeps its imports local

    if isinstance(table, Mapping):
        return "numpy"
    return ""


def _pyarrow(submodule: str = "") -> Any:
    """Import pyarrow (or one of its modules) on demand; it ships no type information."""
    import importlib  # noqa: PLC0415

    return importlib.import_module(f"pyarrow.{submodule}" if submodule else "pyarrow")


def _read_path(
    path: Any,
    names: list[str],
    texts: Sequence[str] = (),
    caller: str = "classify_timeliness(table)",
) -> Any:
    """Read the needed columns of a CSV or Parquet file (with pyarrow, else pandas).

    ``texts`` are columns of a CSV kept as text: codes such as "1.001190" or "000.00.01.H26"
    must not become numbers.
    """
    import os  # noqa: PLC0415

    from tthc.errors import LoadError  # noqa: PLC0415

    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()  # noqa: PTH122 - str or PathLike
    if suffix not in {".csv", ".parquet", ".pq"}:
        raise InvalidValueError(caller, name, "a .csv or .parquet file, or a data frame")
    try:
        pa = _pyarrow()
    except ImportError:  # pragma: no cover - exercised only without pyarrow
        import pandas as pd  # noqa: PLC0415

        try:
            if suffix != ".csv":
                return pd.read_parquet(name)
            return pd.read_csv(name, usecols=lambda c: c in names, dtype=dict.fromkeys(texts, str))
        except OSError as exc:
            raise LoadError(name, [f"$: cannot read the file: {exc}"]) from exc
    try:
        if suffix == ".csv":
            pacsv = _pyarrow("csv")
            with pacsv.open_csv(name) as reader:  # reads the first block only
                header = reader.schema.names
            return pacsv.read_csv(
                name,
                convert_options=pacsv.ConvertOptions(
                    include_columns=[c for c in header if c in names],
                    timestamp_parsers=[pacsv.ISO8601],
                    column_types={c: pa.string() for c in texts if c in header},
                ),
            )
        pq = _pyarrow("parquet")
        present = pq.read_schema(name).names
        return pq.read_table(name, columns=[c for c in present if c in names])
    except (OSError, pa.ArrowInvalid) as exc:
        raise LoadError(name, [f"$: cannot read the file: {exc}"]) from exc


def _columns_of(table: Any, kind: str) -> list[str]:
    if kind == "arrow":
        return list(table.column_names)
    return [str(c) for c in table.columns] if kind != "numpy" else [str(c) for c in table]


def _column(table: Any, kind: str, name: str) -> Any:
    if kind == "arrow":
        return table.column(name)
    return table[name]


def _to_pandas_series(column: Any, kind: str) -> Any:
    import pandas as pd  # noqa: PLC0415 - text columns are parsed with pandas

    if kind == "arrow":
        return pd.Series(column.to_numpy(zero_copy_only=False), dtype=object)
    if kind == "polars":
        return pd.Series(column.to_numpy(), dtype=object)
    if kind == "numpy":
        return pd.Series(column, dtype=object)
    return column


def _parse_text_instants(np: Any, series: Any, name: str, tz: str | None) -> tuple[Any, Any]:
    """Text instants: ISO 8601 with or without offset, or yyyyMMddHHmmss (Vietnam time)."""
    import pandas as pd  # noqa: PLC0415

    text = series.astype("string").str.strip()
    present = text.notna() & (text != "")
    compact = present & text.str.match(_SYNC_INSTANT).fillna(value=False).astype(bool)
    offset = present & ~compact & text.str.contains(_HAS_OFFSET).fillna(value=False).astype(bool)
    naive = present & ~compact & ~offset
    out = np.full(len(series), _NAT, dtype=np.int64)
    if compact.any():
        parsed = pd.to_datetime(text[compact], format="%Y%m%d%H%M%S", errors="coerce")
        us = np.asarray(parsed, dtype="datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(compact.to_numpy())
        out[rows[good]] = us[good].view(np.int64) - _OFFSET_US
    if offset.any():
        parsed = pd.to_datetime(text[offset], format="ISO8601", errors="coerce", utc=True)
        us = np.asarray(parsed.dt.tz_localize(None), dtype="datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(offset.to_numpy())
        out[rows[good]] = us[good].view(np.int64)
    if naive.any():
        parsed = pd.to_datetime(text[naive], format="ISO8601", errors="coerce")
        us = np.asarray(parsed, dtype="datetime64[us]")
        good = ~np.isnat(us)
        rows = np.flatnonzero(naive.to_numpy())
        if good.any():
            out[rows[good]] = _localise_instants(np, us[good], name, tz)
    unparseable = present.to_numpy() & (out == _NAT)
    return out, unparseable


def _localise_instants(np: Any, naive: Any, name: str, tz: str | None) -> Any:
    """Naive instants (no NaT) to UTC µs, as compute_deadlines' tz= says (never guessed)."""
    try:
        return _localise(np, naive, tz)
    except InvalidValueError as exc:
        raise InvalidValueError(
            f"classify_timeliness(tz) for column {name!r}", exc.value, exc.expected
        ) from None


def _datetime_values(np: Any, column: Any, kind: str) -> tuple[Any, bool] | None:
    """datetime64[us] values of a datetime column and whether they are UTC, else ``None``."""
    if kind == "pandas":
        import pandas as pd  # noqa: PLC0415

        if isinstance(column.dtype, pd.DatetimeTZDtype):
            utc = column.dt.tz_convert("UTC").dt.tz_localize(None)
            return utc.to_numpy("datetime64[us]"), True
        if column.dtype.kind == "M":
            return column.to_numpy("datetime64[us]"), False
    elif kind == "polars":
        if column.dtype.base_type().__name__ == "Datetime":
            zone = getattr(column.dtype, "time_zone", None)
            if zone:
                column = column.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            return np.asarray(column.to_numpy(), dtype="datetime64[us]"), bool(zone)
    elif kind == "arrow":
        pa = _pyarrow()

        if pa.types.is_timestamp(column.type):  # aware Arrow timestamps are stored in UTC
            return np.asarray(column.to_numpy(), dtype="datetime64[us]"), bool(column.type.tz)
    else:
        arr = np.asarray(column)
        if arr.dtype.kind == "M":
            return arr.astype("datetime64[us]"), False
    return None


def _instant_column(np: Any, column: Any, kind: str, name: str, tz: str | None) -> tuple[Any, Any]:
    """(UTC µs int64 with _NAT for missing, mask of unparseable values) of one column."""
    found = _datetime_values(np, column, kind)
    if found is None:
        series = _to_pandas_series(column, kind)
        found = _datetime_values(np, series, "pandas")
        if found is None:
            return _parse_text_instants(np, series, name, tz)
    arr, is_utc = found
    nat = np.isnat(arr)
    us = arr.view(np.int64)
    if not is_utc:
        filled = np.where(nat, 0, us).view("datetime64[us]")
        us = _localise_instants(np, filled, name, tz)
        us[nat] = _NAT
    return us, np.zeros(len(us), dtype=bool)


def _code_column(np: Any, column: Any, kind: str) -> Any:
    """A numeric column (status codes, counts) as float64, NaN where missing or not a number."""
    if kind == "arrow":
        values = column.to_numpy(zero_copy_only=False)
    elif kind == "polars":
        values = column.to_numpy()
    elif kind == "pandas":
        values = (
            column.to_numpy(dtype=float, na_value=np.nan)
            if column.dtype.kind in "iufb"
            else column.to_numpy()
        )
    else:
        values = np.asarray(column)
    if values.dtype.kind in "iub":
        return values.astype(np.float64)
    if values.dtype.kind == "f":
        return values.astype(np.float64, copy=False)
    import pandas as pd  # noqa: PLC0415 - text codes ("9") are read with pandas

    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def _read_dossier_table(
    np: Any, table: Any, columns: Any, tz: str | None
) -> tuple[_DossierTable, str]:
    from tthc.errors import LoadError  # noqa: PLC0415

    roles = dict(DOSSIER_COLUMNS)
    if columns is not None:
        unknown = set(columns) - set(roles)
        if unknown:
            raise InvalidValueError(
                "classify_timeliness(columns)", sorted(unknown), f"roles among {sorted(roles)}"
            )
        roles.update(columns)
    source = "<table>"
    kind = _frame_kind(table)
    if not kind:
        import os  # noqa: PLC0415

        if not isinstance(table, (str, os.PathLike)):
            raise InvalidValueError(
                "classify_timeliness(table)",
                type(table).__name__,
                "a pandas or polars DataFrame, a pyarrow Table, a mapping of numpy columns, or "
                "the path of a .csv or .parquet file",
            )
        source = os.fspath(table)
        table = _read_path(table, list(roles.values()))
        kind = _frame_kind(table)
    present = set(_columns_of(table, kind))
    missing = [roles[r] for r in _REQUIRED_ROLES if roles[r] not in present]
    if missing:
        raise LoadError(
            source,
            [
                f"$: missing column {c!r} (see tthc.analytics.frames.DOSSIER_COLUMNS)"
                for c in missing
            ],
        )
    problems: dict[str, Any] = {}
    status_raw = _code_column(np, _column(table, kind, roles["status"]), kind)
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
    instants: dict[str, Any] = {}
    for role in _INSTANT_ROLES:
        name = roles[role]
        if name not in present:
            continue
        values, unparseable = _instant_column(np, _column(table, kind, name), kind, name, tz)
        instants[role] = values
        problems[f"{name}: not an instant"] = unparseable
    count = None
    if roles["supplement_requests"] in present:
        raw = _code_column(np, _column(table, kind, roles["supplement_requests"]), kind)
        with np.errstate(invalid="ignore"):
            count_ok = np.isfinite(raw) & (raw == np.round(raw)) & (raw >= 0)
        problems[f"{roles['supplement_requests']}: not a whole number >= 0"] = ~count_ok
        count = np.where(count_ok, raw, 0).astype(np.int64)
    _consistency(np, roles, status, instants, problems)
    index = table.index if kind == "pandas" else None
    return _DossierTable(kind, n, index, status, instants, count, problems), source


def _consistency(
    np: Any, roles: dict[str, str], status: Any, instants: dict[str, Any], problems: dict[str, Any]
) -> None:
    """The rules between columns (each row checked only where its values could be read)."""
    rec, due, fin = instants["received_at"], instants["due_at"], instants["finished_at"]
    r, d, f = roles["received_at"], roles["due_at"], roles["finished_at"]
    has_rec, has_due, has_fin = rec != _NAT, due != _NAT, fin != _NAT
    unreadable_rec = problems[f"{r}: not an instant"]
    problems[f"{r}: given for status 1 (submitted, not received)"] = (status == 1) & has_rec
    problems[f"{r}: missing for a status that needs a receipt (2, 4, 5, 6, 8, 9, 10)"] = (
        np.isin(status, _NEED_RECEIPT) & ~has_rec & ~unreadable_rec
    )
    received = has_rec & (status > 0)
    problems[f"{d}: missing for a received dossier"] = (
        received & ~has_due & ~problems[f"{d}: not an instant"]
    )
    problems[f"{d}: before {r}"] = received & has_due & (due < rec)
    ends = np.isin(status, _ENDS)
    problems[f"{f}: missing for a status that ends processing (3, 7, 8, 9, 10)"] = (
        received & ends & ~has_fin & ~problems[f"{f}: not an instant"]
    )
    problems[f"{f}: before {r}"] = received & ends & has_fin & (fin < rec)
    problems[f"{f}: given for an unfinished status (1, 2, 4, 5, 6)"] = (
        np.isin(status, _OPEN_CODES) & has_fin
    )
    waiting = received & (status == 5)  # noqa: PLR2004 - SUPPLEMENT_REQUESTED
    q = roles["supplement_requested_at"]
    if "supplement_requested_at" in instants:
        req = instants["supplement_requested_at"]
        problems[f"{q}: missing for status 5 (waiting for a supplement)"] = (
            waiting & (req == _NAT) & ~problems[f"{q}: not an instant"]
        )
        problems[f"{q}: before {r} for status 5"] = waiting & (req != _NAT) & (req < rec)
    else:
        problems[f"{q}: missing column, needed for status 5 (waiting for a supplement)"] = waiting


def _problem_lines(np: Any, problems: dict[str, Any]) -> list[str]:
    lines = []
    for message, mask in problems.items():
        rows = np.flatnonzero(mask)
        if not rows.size:
            continue
        shown = ", ".join(str(int(i)) for i in rows[:_SHOWN_ROWS])
        more = f" and {rows.size - _SHOWN_ROWS:,} more" if rows.size > _SHOWN_ROWS else ""
        label = "row" if rows.size == 1 else "rows"
        lines.append(f"{label} {shown}{more}: {message}")
    return lines


def invalid_dossier_rows(
    table: Any, *, tz: str | None = None, columns: Any = None
) -> dict[str, Any]:
    """The bad rows of a table of dossiers, by problem: the report behind ``invalid="mark"``.

    Args:
        table: As for [`classify_timeliness`][tthc.analytics.frames.classify_timeliness].
        tz: As for ``classify_timeliness``.
        columns: As for ``classify_timeliness``.

    Returns:
        For each problem found, the positions of its rows (a numpy ``int64`` array, counted
        from 0 as ``DataFrame.iloc`` counts); an empty dict when every row is valid.

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
    np = _np()
    frame, _ = _read_dossier_table(np, table, columns, tz)
    return {m: np.flatnonzero(mask) for m, mask in frame.problems.items() if mask.any()}


def classify_timeliness(
    table: Any,
    *,
    as_of: dt.datetime | None = None,
    granularity: str = "date",
    invalid: str = "raise",
    tz: str | None = None,
    columns: Any = None,
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
    writes it (Vietnam time).

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
    class ``"invalid"`` and [`invalid_dossier_rows`][tthc.analytics.frames.invalid_dossier_rows] gives the
    report.

    Args:
        table: A pandas or polars ``DataFrame``, a pyarrow ``Table``, a mapping of column name to
            numpy array, or the path of a ``.csv`` or ``.parquet`` file (only the needed columns
            are read, with pyarrow when it is installed).
        as_of: The reporting instant (aware). Required when some row is not finished.
        granularity: ``"date"`` (default: days in Vietnam time, a due instant at 24:00 belongs
            to the day before) or ``"instant"``.
        invalid: ``"raise"`` (default) or ``"mark"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: A mapping of role (a key of [`DOSSIER_COLUMNS`][tthc.analytics.frames.DOSSIER_COLUMNS])
            to column name.

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
    from tthc.errors import LoadError  # noqa: PLC0415

    np = _np()
    if granularity not in {"date", "instant"}:
        raise InvalidValueError(
            "classify_timeliness(granularity)", granularity, "'date' or 'instant'"
        )
    if invalid not in {"raise", "mark"}:
        raise InvalidValueError("classify_timeliness(invalid)", invalid, "'raise' or 'mark'")
    as_of_us: int | None = None
    if as_of is not None:
        from tthc.deadlines.compute import _check_aware  # noqa: PLC0415

        instant = _check_aware("classify_timeliness(as_of)", as_of)
        delta = instant - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        as_of_us = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    frame, source = _read_dossier_table(np, table, columns, tz)
    bad = np.zeros(frame.n, dtype=bool)
    for mask in frame.problems.values():
        bad |= mask
    if invalid == "raise" and bad.any():
        raise LoadError(source, _problem_lines(np, frame.problems))
    codes = _timeliness_codes(np, frame, bad, as_of_us, granularity)
    categories = list(TIMELINESS_CATEGORIES)
    if invalid == "mark":
        codes[bad] = len(categories)
        categories.append("invalid")
    return _timeliness_output(np, frame, codes, categories)


def _timeliness_codes(
    np: Any, frame: _DossierTable, bad: Any, as_of_us: int | None, granularity: str
) -> Any:
    """Codes into TIMELINESS_CATEGORIES, -1 for rows not classified (bad rows included)."""
    status = frame.status
    rec = frame.instants["received_at"]
    due = frame.instants["due_at"]
    fin = frame.instants["finished_at"]
    received = (rec != _NAT) & ~bad
    if as_of_us is not None:
        received &= rec <= as_of_us
    finished = received & np.isin(status, _ENDS)
    if as_of_us is not None:
        finished &= fin <= as_of_us
    unfinished = received & ~finished
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
            waiting = unfinished & (status == 5) & (req != _NAT) & (req <= as_of_us)  # noqa: PLR2004
            end = np.where(waiting, req, end)
    if granularity == "date":
        a = (end + _OFFSET_US) // US_PER_DAY
        b = (due + (_OFFSET_US - 1)) // US_PER_DAY  # a due instant at 24:00 is the day before
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


def _timeliness_output(np: Any, frame: _DossierTable, codes: Any, categories: list[str]) -> Any:
    if frame.kind == "pandas":
        import pandas as pd  # noqa: PLC0415

        values = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
        return pd.Series(values, index=frame.index, name="timeliness")
    if frame.kind == "arrow":
        pa = _pyarrow()

        indices = pa.array(codes, type=pa.int8(), mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(categories))
    names = np.array([*categories, None], dtype=object)
    values = names[codes.astype(np.intp)]  # -1 picks the trailing None
    if frame.kind == "polars":
        import polars as pl  # noqa: PLC0415

        return pl.Series("timeliness", values, dtype=pl.Enum(categories))
    return values
