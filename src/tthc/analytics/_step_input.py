"""Reading a step table: its columns, its budgets and its bad rows (private).

The input side of [`tthc.analytics.steps`][tthc.analytics.steps]: ``_Reader`` reads the columns of
a table of any supported kind (instants as UTC µs, budgets coded once per distinct cell) and
records every bad row by problem; ``_Clock`` holds the numpy tables of one calendar and office
hours and the length of each budget; ``_check_policy`` refuses policies other than exact
working time.
"""

from __future__ import annotations

import functools
import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra
    raise MissingExtraError(exc.name or "pandas", "pandas", __name__) from exc

from tthc.analytics._columns import (
    column,
    columns_of,
    frame_kind,
    instant_column,
    problem_lines,
    read_path,
)
from tthc.deadlines._clock import office_index
from tthc.deadlines._instants import EPOCH_ORDINAL, NAT, OFFSET_US, US_PER_DAY, US_PER_HOUR, Micros
from tthc.deadlines.batch import _Tables
from tthc.durations import Duration, DurationUnit
from tthc.procedures.process import parse_budget, step_policy

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from numpy.typing import NDArray

    from tthc.calendar._core import WorkingCalendar
    from tthc.deadlines.policy import DeadlinePolicy

_REQUIRED: Final = ("started_at", "finished_at", "budget")
_SHOWN_ROWS: Final = 10
_Mask = Any  # a numpy bool array


@functools.lru_cache(maxsize=4096)
def _read_budget(value: object) -> Duration | str | None:
    """A budget cell as a working-time Duration, None (not counted), or the problem (cached)."""
    if isinstance(value, Duration):
        duration = value
    elif isinstance(value, str):
        try:
            found = parse_budget(value)
        except InvalidValueError:
            return "budget: not a processing time (such as '0,5 ngày làm việc', '4 giờ làm việc')"
        if found is None:
            return None  # "Không tính thời gian": a step whose time is not counted
        duration = found
    else:
        return "budget: missing or not a text"
    if duration.unit not in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS):
        return "budget: not in working days or working hours"
    if duration.value <= 0:
        return "budget: not longer than zero"
    return duration


def _factorize(values: Any, kind: str) -> tuple[NDArray[np.integer[Any]], list[object]]:
    """(codes, uniques) of a column; code -1 for a missing cell."""
    if kind in {"arrow", "polars"}:
        values = values.to_pandas()
    if isinstance(values, pd.Categorical) or (
        isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype)
    ):
        cat = values if isinstance(values, pd.Categorical) else values.cat
        return np.asarray(cat.codes), list(cat.categories)  # int8/int16 codes, not copied
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    return codes, list(uniques)


class _Problems(dict[str, "_Mask"]):
    """Problem -> rows mask; a mask with no row is not kept, the same problem's masks are or-ed."""

    def __setitem__(self, message: str, mask: _Mask) -> None:
        if not mask.any():
            return
        if message in self:
            mask = super().__getitem__(message) | mask
        super().__setitem__(message, mask)


class _Reader:
    """The columns of one step table, read and checked (private)."""

    def __init__(
        self,
        table: Any,
        columns: Mapping[str, str] | None,
        tz: str | None,
        *,
        agency: bool,
        defaults: Mapping[str, str],
    ) -> None:
        roles = dict(defaults)
        if columns is not None:
            unknown = set(columns) - set(defaults)
            if unknown:
                raise InvalidValueError(
                    "step_times(columns)",
                    sorted(unknown),
                    f"roles among {', '.join(map(repr, defaults))}",
                )
            roles.update(columns)
        self.source = "<table>"
        kind = frame_kind(table)
        self.table = table
        if not kind:
            if not isinstance(table, (str, os.PathLike)):
                raise InvalidValueError(
                    "step_times(table)",
                    table,
                    "a pandas or polars DataFrame, a pyarrow Table, a mapping of column name to "
                    "array, or the path of a .csv or .parquet file",
                )
            self.source = os.fspath(table)
            table = read_path(table, list(roles.values()), [roles["budget"]], "step_times(table)")
            kind = frame_kind(table)
            self.table = table
        self.kind = kind
        self.index = table.index if kind == "pandas" else None
        present = set(columns_of(table, kind))
        self.present = present
        needed = [*_REQUIRED, *(["agency"] if agency else [])]
        missing = [roles[r] for r in needed if roles[r] not in present]
        if missing:
            raise LoadError(
                self.source,
                [
                    f"$: missing column {c!r} (see tthc.analytics.steps.STEP_COLUMNS)"
                    for c in missing
                ],
            )
        self.roles = roles
        self.problems: _Problems = _Problems()
        start, self.start_unread = instant_column(
            column(table, kind, roles["started_at"]), kind, "started_at", tz
        )
        finish, self.finish_unread = instant_column(
            column(table, kind, roles["finished_at"]), kind, "finished_at", tz
        )
        self.start: Micros = start
        self.finish: Micros = finish
        self.n = len(start)
        codes, uniques = _factorize(column(table, kind, roles["budget"]), kind)
        self.budget_codes = codes
        self.budgets: list[Duration | None] = []
        self.budget_problems: dict[int, str] = {}
        self.not_counted: list[int] = []  # codes of "Không tính thời gian"
        for code, value in enumerate(uniques):
            found = _read_budget(value)
            if found is None:
                self.not_counted.append(code)
                self.budgets.append(None)
            elif isinstance(found, str):
                self.budget_problems[code] = found.replace("budget", roles["budget"], 1)
                self.budgets.append(None)
            else:
                self.budgets.append(found)
        self.open_rows: _Mask = None
        self.agency_codes: NDArray[np.integer[Any]] | None = None
        self.agencies: list[object] = []
        if roles["agency"] in present:
            self.agency_codes, self.agencies = _factorize(
                column(table, kind, roles["agency"]), kind
            )

    def check(self, clock: _Clock) -> None:
        """Record every problem of the rows: one cheap pass when there is none."""
        low, high = clock.bounds()
        start, finish, codes = self.start, self.finish, self.budget_codes
        self.open_rows = finish == NAT
        quick = (start < low) | (start >= high)  # a missing start (NAT) is below ``low``
        quick |= ~self.open_rows & ((finish < start) | (finish >= high))
        quick |= codes < 0
        for code in self.budget_problems:
            quick |= codes == code
        quick |= self.start_unread | self.finish_unread
        if not quick.any():
            return
        roles, p = self.roles, self.problems
        started, finished = roles["started_at"], roles["finished_at"]
        p[f"{started}: not an instant"] = self.start_unread
        p[f"{started}: missing"] = (start == NAT) & ~self.start_unread
        p[f"{finished}: not an instant"] = self.finish_unread
        p[f"{finished}: before {started}"] = (finish != NAT) & (start != NAT) & (finish < start)
        p[f"{roles['budget']}: missing"] = codes < 0
        for code, message in self.budget_problems.items():
            p[message] = codes == code
        first, last = clock.calendar.first_year, clock.calendar.last_year
        for name, values in ((started, start), (finished, finish)):
            outside = (values != NAT) & ((values < low) | (values >= high))
            p[f"{name}: outside the calendar's years ({first}-{last})"] = outside

    def problem_lines(self) -> list[str]:
        return problem_lines(self.problems, _SHOWN_ROWS)


class _Clock:
    """The numpy tables of one calendar and office hours, and the budgets' lengths (private)."""

    def __init__(self, calendar: WorkingCalendar, policy: DeadlinePolicy) -> None:
        office = office_index(calendar, policy.office_hours)
        self.calendar = calendar
        self.hours = policy.office_hours
        self.tables = _Tables(calendar, office, policy.office_hours)
        self.day = office.day
        index = calendar._index()  # noqa: SLF001 - the calendar's own index, by design
        self.first = index.first
        self.size = index.size

    def bounds(self) -> tuple[int, int]:
        """The first and the last-plus-one UTC µs the calendar covers."""
        low = (self.first - EPOCH_ORDINAL) * US_PER_DAY - OFFSET_US
        return low, low + self.size * US_PER_DAY

    def lengths(
        self, budgets: Sequence[Duration | None], not_counted: Sequence[int] = ()
    ) -> Micros:
        """Office µs of each distinct budget (0 for a bad one).

        A budget not counted gets 1 µs, so that its rows go through the same arithmetic as the
        others (their due instant and time allowed are blanked afterwards).
        """
        out = np.zeros(len(budgets) + 1, dtype=np.int64)  # the last slot: code -1
        out[list(not_counted)] = 1
        for k, budget in enumerate(budgets):
            if budget is None:
                continue
            per = self.day if budget.unit is DurationUnit.WORKING_DAYS else US_PER_HOUR
            exact = Decimal(budget.value) * per
            if exact != exact.to_integral_value():
                raise InvalidValueError(
                    "step_times(budget)", budget, "a budget that is a whole number of microseconds"
                )
            out[k] = int(exact)
        return out

    def day_positions(self, utc: Micros) -> tuple[Micros, Micros]:
        """(day position in the index, local time of day) of UTC µs."""
        local = utc + OFFSET_US
        day = local // US_PER_DAY
        return day + (EPOCH_ORDINAL - self.first), local - day * US_PER_DAY


def _check_policy(policy: DeadlinePolicy | None) -> DeadlinePolicy:
    try:
        return step_policy("", policy, None)
    except InvalidValueError:
        raise InvalidValueError(
            "step_times(policy)",
            policy,
            "the working-time DeadlinePolicy without round_up_minutes (step budgets are office "
            "time, counted exactly)",
        ) from None
