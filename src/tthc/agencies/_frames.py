"""Roll-up of columns of unit or agency codes to the units of today (pandas).

This module imports numpy and pandas at its top; `tthc.agencies` loads it only when one of its
names is first read, and raises [`MissingExtraError`][tthc.errors.MissingExtraError] when pandas
is not installed.

The answer for a row depends only on its code and on which unit the code meant on the row's day,
so each distinct (code, unit) is rolled up once with the scalar
[`UnitRegistry.roll_up`][tthc.agencies.units.UnitRegistry.roll_up] and the rows take its answer: the
column result equals the scalar one row by row, at the cost of a sort per call.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, Literal

from tthc.errors import MissingExtraError, TthcError, UnitError, UnitValidityError

try:
    import numpy as np
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError(
        exc.name or "pandas", "pandas", "tthc.agencies.roll_up_column"
    ) from exc

from tthc.agencies.levels import UnitLevel
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy.typing as npt

    from tthc.agencies.hierarchy import AgencyDirectory
    from tthc.agencies.units import AdministrativeUnit, Apportion, UnitRegistry

__all__ = ["roll_up_agency_column", "roll_up_column"]

_VN_OFFSET: Final = pd.Timedelta(hours=7)
_EPOCH: Final = dt.date(1970, 1, 1).toordinal()
_MIN_DAY: Final = int(np.iinfo(np.int64).min)
_MAX_DAY: Final = int(np.iinfo(np.int64).max)

Errors = Literal["raise", "missing"]


def _as_series(values: Any, what: str) -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (pd.Index, np.ndarray, list, tuple)):
        return pd.Series(values)
    raise InvalidValueError(what, values, "a pandas Series, a numpy array or a list")


def _day_numbers(dates: pd.Series) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Days since 1970-01-01 of each date (Vietnam time for aware instants), and a missing mask."""
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        local = dates.dt.tz_convert("UTC").dt.tz_localize(None) + _VN_OFFSET
        values = local.dt.floor("D")
    elif pd.api.types.is_datetime64_dtype(dates.dtype):
        values = dates.dt.floor("D")
    else:
        values = pd.Series(dates.to_numpy(dtype=object), index=dates.index)
        bad = [
            v
            for v in values
            if v is not None
            and v is not pd.NaT
            and not (isinstance(v, float) and np.isnan(v))
            and (type(v) is not dt.date)
        ]
        if bad:
            raise InvalidValueError(
                "roll_up_column(dates)",
                bad[0],
                "dates (datetime.date), datetime64 values, or aware timestamps",
            )
        values = pd.to_datetime(values)
    missing = values.isna().to_numpy()
    days = values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    return days, missing


def _spans(
    versions: tuple[AdministrativeUnit, ...],
) -> list[tuple[int, int, AdministrativeUnit]]:
    out = []
    for unit in versions:
        start = _MIN_DAY if unit.valid_from is None else unit.valid_from.toordinal() - _EPOCH
        end = _MAX_DAY if unit.valid_until is None else unit.valid_until.toordinal() - _EPOCH
        out.append((start, end, unit))
    return out


def _to_date(day: np.int64 | int) -> dt.date:
    return dt.date.fromordinal(int(day) + _EPOCH)


def _roll(
    codes: pd.Series,
    dates: pd.Series,
    *,
    registry: UnitRegistry,
    unit_code_of: Callable[[str], str],
    roll: Callable[[str, dt.date], str],
    as_of: dt.date | None,
    errors: Errors,
    what: str,
) -> pd.Series:
    if errors not in ("raise", "missing"):
        raise InvalidValueError(f"{what}(errors)", errors, "'raise' or 'missing'")
    if len(codes) != len(dates):
        raise InvalidValueError(
            f"{what}(dates)", len(dates), f"as many dates as codes ({len(codes)})"
        )
    index = codes.index
    days, missing_day = _day_numbers(dates.set_axis(index))
    factor, uniques = pd.factorize(codes.astype(object), use_na_sentinel=True)
    out = np.full(len(codes), None, dtype=object)
    usable = (factor >= 0) & ~missing_day

    def fail(exc: TthcError, row: int, code: object) -> None:
        if errors == "raise":
            label = index[row]
            exc.add_note(
                f"row {label.item() if isinstance(label, np.generic) else label!r}: {code!r}"
            )
            raise exc

    if as_of is not None:
        last = as_of.toordinal() - _EPOCH
        late = np.flatnonzero(usable & (days > last))
        if len(late):
            row = int(late[0])
            fail(
                InvalidValueError(
                    "UnitRegistry.roll_up(as_of)",
                    as_of,
                    f"a day on or after {_to_date(days[row]).isoformat()}",
                ),
                row,
                codes.iloc[row],
            )
            usable[late] = False
    order = np.argsort(factor, kind="stable")
    bounds = np.searchsorted(factor[order], np.arange(len(uniques) + 1))
    for k, code in enumerate(uniques):
        group = order[bounds[k] : bounds[k + 1]]
        rows = group[usable[group]]
        if not len(rows):
            continue
        text = str(code)
        try:
            unit_code = unit_code_of(text)
            versions = registry.versions(unit_code)
        except (UnitError, InvalidValueError) as exc:
            fail(exc, int(rows[0]), code)
            continue
        row_days = days[rows]
        placed = np.zeros(len(rows), dtype=bool)
        for start, end, _unit in _spans(versions):
            inside = (row_days >= start) & (row_days <= end)
            if not inside.any():
                continue
            placed |= inside
            first = int(rows[inside][0])
            try:
                out[rows[inside]] = roll(unit_code, _to_date(days[first]))
            except (UnitError, InvalidValueError) as exc:
                fail(exc, first, code)
        if not placed.all():
            bad = int(rows[~placed][0])
            spans = [(v.name, v.valid_from, v.valid_until) for v in versions]
            fail(UnitValidityError(unit_code, _to_date(days[bad]), spans), bad, code)
    return pd.Series(out, index=index, dtype=object, name=codes.name)


def roll_up_column(
    codes: Any,
    dates: Any,
    *,
    registry: UnitRegistry,
    level: UnitLevel | str | None = None,
    as_of: dt.date | None = None,
    apportion: Apportion | None = None,
    errors: Errors = "raise",
) -> pd.Series:
    """Roll a column of unit codes up to the units of today, one row per record.

    Row ``i`` gets ``registry.roll_up(codes[i], dates[i], level=level, as_of=as_of,
    apportion=apportion)``; a missing code or date gives a missing value.

    Args:
        codes: Unit codes (a Series, an array or a list of texts).
        dates: The records' days: ``datetime.date`` objects, ``datetime64`` values (taken as
            local days) or time-zone-aware timestamps (converted to Vietnam time, UTC+7).
        registry: The units.
        level: The level to report at (``"province"``, ``"commune"``; default: each unit's own).
        as_of: Follow successions up to this day (default: the end of the data).
        apportion: The rule for splits (see [`Apportion`][tthc.agencies.units.Apportion]).
        errors: ``"raise"`` (the scalar error, with a note naming the row) or ``"missing"``
            (a missing value for rows that cannot be rolled up).

    Returns:
        The codes of today, as an object Series aligned with ``codes``.

    Raises:
        UnitError: With ``errors="raise"``, the first row that cannot be rolled up.
        InvalidValueError: The inputs are not columns of the same length.

    Examples:
        >>> import datetime as dt
        >>> from tthc.agencies import province_registry, roll_up_column
        >>> roll_up_column(["02", "08", "08"],
        ...                [dt.date(2025, 6, 30), dt.date(2025, 6, 30), dt.date(2025, 7, 1)],
        ...                registry=province_registry()).tolist()
        ['08', '08', '08']
    """
    code_series = _as_series(codes, "roll_up_column(codes)")
    date_series = _as_series(dates, "roll_up_column(dates)")
    wanted = None if level is None else UnitLevel.parse(level)

    def roll(unit_code: str, day: dt.date) -> str:
        return registry.roll_up(unit_code, day, level=wanted, as_of=as_of, apportion=apportion)

    return _roll(
        code_series,
        date_series,
        registry=registry,
        unit_code_of=lambda code: code,
        roll=roll,
        as_of=as_of,
        errors=errors,
        what="roll_up_column",
    )


def roll_up_agency_column(
    codes: Any,
    dates: Any,
    *,
    directory: AgencyDirectory,
    registry: UnitRegistry,
    level: UnitLevel | str = UnitLevel.PROVINCE,
    as_of: dt.date | None = None,
    apportion: Apportion | None = None,
    errors: Errors = "raise",
) -> pd.Series:
    """Roll a column of agency codes up to the units of today (each agency's unit, rolled up).

    Row ``i`` gets ``directory.roll_up(codes[i], dates[i], registry=registry, level=level,
    ...)``. Central agencies have no unit: an error, or a missing value with
    ``errors="missing"``.

    Examples:
        >>> import datetime as dt
        >>> from tthc.agencies import (AgencyDirectory, AgencyEntry, AgencyKind,
        ...                            province_registry, roll_up_agency_column)
        >>> d = AgencyDirectory([AgencyEntry(code="UB.64", name="UBND tỉnh Gia Lai (cũ)",
        ...                                  kind=AgencyKind.PEOPLES_COMMITTEE, unit="64")])
        >>> roll_up_agency_column(["UB.64"], [dt.date(2025, 6, 30)], directory=d,
        ...                       registry=province_registry()).tolist()
        ['52']
    """
    code_series = _as_series(codes, "roll_up_agency_column(codes)")
    date_series = _as_series(dates, "roll_up_agency_column(dates)")
    wanted = UnitLevel.parse(level)

    def roll(unit_code: str, day: dt.date) -> str:
        return registry.roll_up(unit_code, day, level=wanted, as_of=as_of, apportion=apportion)

    return _roll(
        code_series,
        date_series,
        registry=registry,
        unit_code_of=directory.local_unit_of,
        roll=roll,
        as_of=as_of,
        errors=errors,
        what="roll_up_agency_column",
    )
