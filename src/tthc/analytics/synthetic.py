"""Synthetic dossier tables (*dữ liệu hồ sơ giả lập*) for tests, examples and benchmarks.

[`synthetic_dossiers`][tthc.analytics.synthetic.synthetic_dossiers] draws a seeded, realistic year of
dossiers (a mix of procedures with different processing times, channels, supplement requests,
a tail of late dossiers, dossiers still open at the end of the year, a few refused or withdrawn)
as a pandas ``DataFrame`` or a dict of numpy arrays, vectorised: four million rows, the size of
Hà Nội's 2023 intake, take a few seconds. [`dossiers_from_frame`][tthc.analytics.synthetic.dossiers_from_frame]
turns rows back into [`Dossier`][tthc.dossiers.Dossier] objects.
[`synthetic_steps`][tthc.analytics.synthetic.synthetic_steps] draws step tables: a year of dossiers
through an invented five-step process, one row per step.

The rows are consistent with the library: each ``due_at`` is what
[`compute_deadline`][tthc.deadlines.compute_deadline] gives for the row's receipt, processing time
and completed supplement waits (a row's dossier has exactly that ``due_at``), so
[`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness] over the table equals
[`classify`][tthc.dossiers.classify] row by row. The procedures, codes and rates are
illustrative, not statistics: no row describes a real dossier.

This module needs numpy and pandas (the ``tthc[pandas]`` extra) and imports them at its top.

Examples:
    >>> from tthc.analytics.synthetic import synthetic_dossiers
    >>> frame = synthetic_dossiers(1_000, seed=7)
    >>> len(frame), frame["status"].between(1, 10).all()
    (1000, np.True_)
    >>> sorted(frame.columns)[:4]
    ['agency', 'applicant_type', 'channel', 'due_at']

Why one module of this length: much of it is data (the default mix of procedures), and the dossier and step generators must draw from the same mix and calendar to stay consistent with each other.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.calendar.vietnam import vietnam_calendar
from tthc.deadlines import VN_TZ, DeadlinePolicy
from tthc.dossiers import (
    Dossier,
    DossierEvent,
    ProcessingStarted,
    Refused,
    Resolved,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, MissingExtraError
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra (numpy and pandas)
    raise MissingExtraError((exc.name or "pandas").split(".")[0], "pandas", __name__) from exc

from tthc.deadlines._instants import EPOCH_ORDINAL, NAT, OFFSET_US, US_PER_DAY, Micros
from tthc.deadlines.batch import compute_deadlines

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from tthc.calendar import WorkingCalendar

__all__ = [
    "DEFAULT_MIX",
    "SyntheticProcedure",
    "dossiers_from_frame",
    "synthetic_dossiers",
    "synthetic_steps",
]

_US: Final = 1_000_000
_ZONE: Final = "Asia/Ho_Chi_Minh"


def _check_share(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a share from 0 to 1")


def _check_weight(instance: object, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a weight > 0")


def _check_code(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or not CODE_PATTERN.fullmatch(value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a procedure code like '1.001193'"
        )


def _check_time(instance: object, attribute: Any, value: Any) -> None:
    ok = isinstance(value, Duration) and (
        value.unit is DurationUnit.SAME_DAY
        or (value.unit is DurationUnit.WORKING_DAYS and type(value.value) is int and value.value)
    )
    if not ok:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a whole number >= 1 of working days, or same day"
        )


@attrs.frozen(kw_only=True)
class SyntheticProcedure:
    """One procedure (*thủ tục*) of the synthetic mix, with how its dossiers behave.

    Attributes:
        code: A procedure code in the national format (the defaults are ``9.0000xx``, which
            belong to no real procedure).
        sector: The field (*lĩnh vực*), for display.
        processing_time: Whole working days (``Duration.working_days(n)``, n >= 1) or same day.
        weight: Its share of the dossiers, relative to the other procedures.
        online: Share of dossiers submitted online.
        postal: Share of dossiers sent by the public postal service.
        supplement: Share of dossiers whose supplement is requested at least once (working-day
            procedures only); about 5 % of those are asked a second time.
        late: Share of dossiers resolved after their due date.
    """

    code: str = attrs.field(validator=_check_code)
    sector: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    processing_time: Duration = attrs.field(validator=_check_time)
    weight: float = attrs.field(validator=_check_weight)
    online: float = attrs.field(default=0.3, validator=_check_share)
    postal: float = attrs.field(default=0.02, validator=_check_share)
    supplement: float = attrs.field(default=0.05, validator=_check_share)
    late: float = attrs.field(default=0.01, validator=_check_share)

    @postal.validator
    def _check_channels(self, attribute: Any, value: float) -> None:
        if self.online + value > 1:
            raise InvalidValueError.for_attribute(
                self, attribute, value, f"a share <= 1 - online ({1 - self.online:g})"
            )


DEFAULT_MIX: Final = (
    # "certification" (of copies from originals)
    SyntheticProcedure(
        code="9.000001",
        sector="Chứng thực",
        processing_time=Duration.same_day(cutoff=dt.time(15)),
        weight=0.30,
        online=0.08,
        postal=0.0,
        supplement=0.0,
        late=0.002,
    ),
    # "civil status"
    SyntheticProcedure(
        code="9.000002",
        sector="Hộ tịch",
        processing_time=Duration.working_days(3),
        weight=0.18,
        online=0.45,
        postal=0.01,
        supplement=0.04,
        late=0.004,
    ),
    # "judicial records"
    SyntheticProcedure(
        code="9.000003",
        sector="Lý lịch tư pháp",
        processing_time=Duration.working_days(10),
        weight=0.08,
        online=0.6,
        postal=0.05,
        supplement=0.03,
        late=0.01,
    ),
    # "business registration"
    SyntheticProcedure(
        code="9.000004",
        sector="Đăng ký kinh doanh",
        processing_time=Duration.working_days(3),
        weight=0.10,
        online=0.9,
        postal=0.0,
        supplement=0.12,
        late=0.003,
    ),
    # "land"
    SyntheticProcedure(
        code="9.000005",
        sector="Đất đai",
        processing_time=Duration.working_days(10),
        weight=0.14,
        online=0.15,
        postal=0.01,
        supplement=0.15,
        late=0.04,
    ),
    # "construction"
    SyntheticProcedure(
        code="9.000006",
        sector="Xây dựng",
        processing_time=Duration.working_days(15),
        weight=0.04,
        online=0.3,
        postal=0.02,
        supplement=0.2,
        late=0.05,
    ),
    # "road transport" (driving licences)
    SyntheticProcedure(
        code="9.000007",
        sector="Đường bộ",
        processing_time=Duration.working_days(5),
        weight=0.10,
        online=0.5,
        postal=0.1,
        supplement=0.02,
        late=0.002,
    ),
    # "labour, social affairs"
    SyntheticProcedure(
        code="9.000008",
        sector="Lao động - Thương binh và Xã hội",
        processing_time=Duration.working_days(7),
        weight=0.06,
        online=0.35,
        postal=0.02,
        supplement=0.08,
        late=0.015,
    ),
)
"""The default mix: eight procedures, by sector, with illustrative processing times and rates
(certification of copies the same day with a 15:00 cut-off, as one-stop desks do; the others
in working days). Not the published figures of any procedure.
"""

# The synthetic agencies: identifier codes in the national shape, belonging to no real agency.
_AGENCIES: Final = tuple(f"000.00.{k:02d}.Z01" for k in range(1, 13))
_APPLICANTS: Final = (
    (ApplicantType.INDIVIDUAL, 0.86),
    (ApplicantType.ENTERPRISE, 0.11),
    (ApplicantType.STATE_AGENCY, 0.01),
    (ApplicantType.ORGANISATION, 0.02),
)
_REFUSED_AT_RECEPTION: Final = 0.003
_WITHDRAWN_BEFORE_RECEIPT: Final = 0.001
_STOPPED: Final = 0.002
_WITHDRAWN: Final = 0.002
_REFUSED_LATER: Final = 0.001
_SECOND_SUPPLEMENT: Final = 0.05
_CHUNK: Final = 1 << 19
_MORNING: Final = 240  # minutes of office time before the lunch break (08:00-12:00)


class _Clock:
    """Office-time arithmetic over numpy columns, through tthc.deadlines.compute_deadlines."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar

    def after_hours(self, start_us: Micros, hours: NDArray[np.int64]) -> Micros:
        """The earliest instant with ``hours`` of office time after ``start_us`` (UTC µs)."""
        if not len(start_us):
            return np.empty(0, dtype=np.int64)
        due = compute_deadlines(
            start_us.view("datetime64[us]"),
            hours.astype(np.int64),
            calendar=self.calendar,
            unit=DurationUnit.WORKING_HOURS,
            tz="UTC",
        )
        return np.asarray(due).view(np.int64)

    def due(self, start_us: Micros, duration: Duration) -> Micros:
        """The due instant of ``duration`` from each receipt (UTC µs)."""
        if not len(start_us):
            return np.empty(0, dtype=np.int64)
        due = compute_deadlines(
            start_us.view("datetime64[us]"), duration, calendar=self.calendar, tz="UTC"
        )
        return np.asarray(due).view(np.int64)

    def due_days(self, start_us: Micros, days: NDArray[np.int64]) -> Micros:
        """The due instant of ``days`` working days from each receipt (UTC µs)."""
        if not len(start_us):
            return np.empty(0, dtype=np.int64)
        due = compute_deadlines(
            start_us.view("datetime64[us]"),
            days.astype(np.int64),
            calendar=self.calendar,
            unit=DurationUnit.WORKING_DAYS,
            tz="UTC",
        )
        return np.asarray(due).view(np.int64)


def _working_ordinals(calendar: WorkingCalendar, year: int) -> NDArray[np.int64]:
    days = calendar.working_days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return np.array([d.toordinal() for d in days], dtype=np.int64)


def synthetic_dossiers(
    n: int,
    *,
    seed: int = 0,
    year: int = 2023,
    mix: Sequence[SyntheticProcedure] = DEFAULT_MIX,
    calendar: WorkingCalendar | None = None,
    codes: bool = False,
    as_frame: bool = True,
) -> Any:
    """Draw ``n`` synthetic dossiers submitted in ``year``, as at the end of that year.

    The table is a snapshot at ``year + 1``-01-01 00:00 Vietnam time (the end of the reporting
    period): dossiers finished by then have their end of processing and a final status (mostly
    resolved or returned; a few stopped, withdrawn or refused), the others are processing or
    waiting for a supplement, and online submissions of the last evenings are not received yet.
    Receipts fall in office hours of working days (online submissions at any hour, received
    within a few office hours); the due instant follows the working-time policy with the default
    office hours (08:00–12:00, 13:00–17:00), with every completed supplement wait counted in.

    Columns (instants are aware, ``Asia/Ho_Chi_Minh``; missing as ``NaT``):

    * ``procedure_code``, ``sector``, ``processing_time`` (its text, e.g. "5 ngày làm việc"),
      ``agency`` (categorical); ``channel``, ``applicant_type``, ``status`` (national codes,
      ``int8``); ``code`` (dossier codes, only with ``codes=True``: building four million texts
      takes a few seconds more);
    * ``submitted_at``, ``received_at``, ``due_at``, ``finished_at`` (the end of processing),
      ``returned_at``;
    * ``supplement_requests`` (``int8``, 0–2), ``supplement_requested_at`` and
      ``supplement_supplied_at`` (the last request and its supplement; ``NaT`` while waiting),
      ``first_supplement_requested_at`` and ``first_supplement_supplied_at`` (the first of two).

    Args:
        n: Number of dossiers (``>= 0``).
        seed: The seed of ``numpy.random.default_rng``: the same seed gives the same table.
        year: The year of submission. The table reaches into ``year + 1`` (late dossiers), so
            both years must be in the calendar; years without an official schedule warn.
        mix: The procedures and how their dossiers behave.
        calendar: The working calendar (default: the Vietnamese public-sector calendar).
        codes: Whether to add the ``code`` column (``<agency>-<yyMMdd>-<5 digits>``).
        as_frame: A pandas ``DataFrame`` (default) or a dict of numpy arrays (instants as
            ``datetime64[us]`` in **UTC**, texts as object arrays).

    Returns:
        The table.

    Raises:
        InvalidValueError: A bad argument.
        OutOfCalendarRangeError: ``year`` or ``year + 1`` is outside the calendar.
    """
    n = _v.check_int("synthetic_dossiers(n)", n)
    seed = _v.check_int("synthetic_dossiers(seed)", seed)
    year = _v.check_int("synthetic_dossiers(year)", year)
    if n < 0:
        raise InvalidValueError("synthetic_dossiers(n)", n, "a number of rows >= 0")
    mix = tuple(mix)
    if not mix or not all(isinstance(p, SyntheticProcedure) for p in mix):
        raise InvalidValueError("synthetic_dossiers(mix)", mix, "SyntheticProcedure items")
    cal = vietnam_calendar() if calendar is None else calendar
    draw = _Draw(cal, year, mix)
    # Drawn in chunks of a fixed size, each from its own stream of the seed: the same seed gives
    # the same table, and the intermediate arrays of a chunk stay small.
    chunks = max(1, -(-n // _CHUNK))
    streams = np.random.SeedSequence(seed).spawn(chunks)
    columns: dict[str, NDArray[Any]] = {}
    for k, stream in enumerate(streams):
        lo, hi = k * _CHUNK, min(n, (k + 1) * _CHUNK)
        part = draw(np.random.default_rng(stream), hi - lo)
        for name, values in part.items():
            if name not in columns:
                columns[name] = np.empty(n, dtype=values.dtype)
            columns[name][lo:hi] = values
    return _finish(columns, mix, codes=codes, as_frame=as_frame)


class _Draw:
    """Draws one chunk of the table (the story of ``synthetic_dossiers``, vectorised)."""

    def __init__(
        self, cal: WorkingCalendar, year: int, mix: tuple[SyntheticProcedure, ...]
    ) -> None:
        self.clock = _Clock(cal)
        self.mix = mix
        self.year = year
        self.ordinals = _working_ordinals(cal, year)
        self.day_hours = DeadlinePolicy().office_hours.day_length // dt.timedelta(hours=1)

    def __call__(self, rng: np.random.Generator, n: int) -> dict[str, NDArray[Any]]:  # noqa: PLR0915 - one story
        clock, mix, year = self.clock, self.mix, self.year
        day_hours = self.day_hours
        as_of = (dt.date(year + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * US_PER_DAY - OFFSET_US

        # --- who, what, how ----------------------------------------------------------------------
        weights = np.array([p.weight for p in mix], dtype=float)
        proc = rng.choice(len(mix), size=n, p=weights / weights.sum()).astype(np.int16)
        online = np.array([p.online for p in mix])[proc]
        postal = np.array([p.postal for p in mix])[proc]
        u = rng.random(n)
        channel = np.where(u < online, 2, np.where(u < online + postal, 3, 1)).astype(np.int8)
        del online, postal, u
        applicant = rng.choice(
            np.array([int(a) for a, _ in _APPLICANTS], dtype=np.int8),
            size=n,
            p=[s for _, s in _APPLICANTS],
        )
        agency = rng.integers(0, len(_AGENCIES), size=n).astype(np.int8)
        same_day_of = np.array([p.processing_time.unit is DurationUnit.SAME_DAY for p in mix])
        days_of = np.array(
            [
                0 if p.processing_time.unit is DurationUnit.SAME_DAY else p.processing_time.value
                for p in mix
            ],
            dtype=np.int64,
        )
        same_day = same_day_of[proc]
        limit_days = days_of[proc]

        # --- submission and receipt ----------------------------------------------------------------
        ordinals = self.ordinals
        day = ordinals[rng.integers(0, len(ordinals), size=n)]
        minute = rng.integers(0, 8 * 60, size=n)
        # The default office hours: the first 240 minutes from 08:00, the rest from 13:00.
        tod_min = np.where(minute < _MORNING, 480 + minute, 780 + (minute - _MORNING))
        desk = (day - EPOCH_ORDINAL) * US_PER_DAY + tod_min * 60 * _US - OFFSET_US
        desk += rng.integers(0, 60, size=n) * _US
        del day, minute, tod_min
        is_online = channel == 2  # noqa: PLR2004 - Channel.ONLINE
        start = (dt.date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * US_PER_DAY - OFFSET_US
        span_s = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days * 86_400
        online_at = start + rng.integers(0, span_s, size=n) * _US
        submitted = np.where(is_online, online_at, desk)
        postal_delay = rng.integers(1, 4 * 86_400, size=n) * _US
        submitted = np.where(channel == 3, desk - postal_delay, submitted)  # noqa: PLR2004 - POSTAL
        del online_at, postal_delay
        received = desk
        rows = np.flatnonzero(is_online)
        delay = rng.choice(np.array([0, 1, 2, 4]), size=rows.size, p=[0.4, 0.3, 0.2, 0.1])
        received[rows] = clock.after_hours(submitted[rows], delay)
        del desk, rows, delay

        # --- processing: office hours worked, supplement waits, late tail ------------------------------
        budget = limit_days * day_hours  # office hours allowed (0 for same-day procedures)
        share = rng.beta(2.0, 3.0, size=n)
        worked = np.maximum(1, np.ceil(share * budget)).astype(np.int64)
        worked = np.where(same_day, rng.choice(np.array([1, 2]), size=n, p=[0.7, 0.3]), worked)
        late = rng.random(n) < np.array([p.late for p in mix])[proc]
        overrun = 1 + rng.geometric(1 / (2 * day_hours), size=n)
        worked = np.where(late, np.maximum(budget, 1) + overrun, worked)
        del share, late, overrun
        room = np.minimum(worked, budget)  # requests come before the finish and the due instant
        asked = (rng.random(n) < np.array([p.supplement for p in mix])[proc]) & (room >= 2)  # noqa: PLR2004
        wait1 = np.where(asked, rng.geometric(0.35, size=n), 0).clip(0, 15) * day_hours
        at1 = np.where(asked, 1 + (rng.random(n) * (room - 1)).astype(np.int64), 0)
        twice = asked & (rng.random(n) < _SECOND_SUPPLEMENT) & (room - at1 >= 2)  # noqa: PLR2004
        wait2 = np.where(twice, rng.geometric(0.35, size=n), 0).clip(0, 15) * day_hours
        at2 = np.where(twice, at1 + 1 + (rng.random(n) * (room - at1 - 1)).astype(np.int64), 0)
        del room
        # Office-time offsets from the receipt: requests and supplements, the finish.
        req1_h, sup1_h = at1, at1 + wait1
        req2_h, sup2_h = at2 + wait1, at2 + wait1 + wait2
        finish_h = worked + wait1 + wait2
        del at1, at2, worked

        def instants(mask: Any, hours: Any) -> Any:
            out = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)  # "never" until computed
            idx = np.flatnonzero(mask)
            out[idx] = clock.after_hours(received[idx], hours[idx])
            return out

        everyone = np.ones(n, dtype=bool)
        req1, sup1 = instants(asked, req1_h), instants(asked, sup1_h)
        req2, sup2 = instants(twice, req2_h), instants(twice, sup2_h)
        finish = instants(everyone, finish_h)
        del req1_h, sup1_h, req2_h, sup2_h, finish_h

        # --- the snapshot at the end of the year -------------------------------------------------------
        nat = NAT
        in_time = received <= as_of
        refused_desk = ~is_online & (rng.random(n) < _REFUSED_AT_RECEPTION)
        withdrawn_early = is_online & (rng.random(n) < _WITHDRAWN_BEFORE_RECEIPT)
        never = refused_desk | withdrawn_early
        got = in_time & ~never
        done = got & (finish <= as_of)
        open_ = got & ~done
        count = (asked & (req1 <= as_of)).astype(np.int8) + (twice & (req2 <= as_of)).astype(
            np.int8
        )
        count = np.where(got, count, 0).astype(np.int8)
        done1 = got & asked & (sup1 <= as_of)
        done2 = got & twice & (sup2 <= as_of)
        extra_days = (
            np.where(done1, wait1, 0) // day_hours + np.where(done2, wait2, 0) // day_hours
        )
        del wait1, wait2

        due = np.full(n, nat, dtype=np.int64)
        for flag in (True, False):
            mask = got & (same_day == flag)
            idx = np.flatnonzero(mask)
            if not idx.size:
                continue
            if flag:
                for k, p in enumerate(mix):
                    if p.processing_time.unit is DurationUnit.SAME_DAY:
                        sel = idx[proc[idx] == k]
                        due[sel] = clock.due(received[sel], p.processing_time)
            else:
                due[idx] = clock.due_days(received[idx], limit_days[idx] + extra_days[idx])

        status = np.full(n, 1, dtype=np.int8)  # submitted, not received by the end of the year
        status[refused_desk] = 3
        status[withdrawn_early & ~refused_desk] = 7
        waiting = open_ & (
            (count == 2) & (sup2 > as_of) | (count == 1) & (sup1 > as_of)  # noqa: PLR2004
        )
        status[open_] = 4
        status[waiting] = 5
        u = rng.random(n)
        ending = np.where(
            u < _STOPPED,
            8,
            np.where(
                u < _STOPPED + _WITHDRAWN,
                7,
                np.where(u < _STOPPED + _WITHDRAWN + _REFUSED_LATER, 3, 9),
            ),
        ).astype(np.int8)
        status[done] = ending[done]
        resolved = done & (ending == 9)  # noqa: PLR2004
        returned = np.full(n, nat, dtype=np.int64)
        idx = np.flatnonzero(resolved)
        returned[idx] = clock.after_hours(
            finish[idx], rng.integers(0, 3 * day_hours, size=idx.size)
        )
        handed = resolved & (returned <= as_of)
        status[handed] = 10
        returned = np.where(handed, returned, nat)
        del u, ending, idx

        last_req = np.where(count == 2, req2, np.where(count == 1, req1, nat))  # noqa: PLR2004
        last_sup = np.where(count == 2, np.where(done2, sup2, nat), np.where(done1, sup1, nat))  # noqa: PLR2004
        first_req = np.where(count == 2, req1, nat)  # noqa: PLR2004
        first_sup = np.where(count == 2, sup1, nat)  # noqa: PLR2004
        columns: dict[str, Any] = {
            "procedure": proc,
            "channel": channel,
            "applicant_type": applicant,
            "agency": agency,
            "submitted_at": submitted,
            "received_at": np.where(got, received, nat),
            "due_at": due,
            "finished_at": np.where(done, finish, nat),
            "returned_at": returned,
            "status": status,
            "supplement_requests": count,
            "supplement_requested_at": last_req,
            "supplement_supplied_at": last_sup,
            "first_supplement_requested_at": first_req,
            "first_supplement_supplied_at": first_sup,
        }
        return columns


_INSTANT_COLUMNS: Final = (
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "supplement_requested_at",
    "supplement_supplied_at",
    "first_supplement_requested_at",
    "first_supplement_supplied_at",
)


def _finish(
    columns: dict[str, NDArray[Any]],
    mix: tuple[SyntheticProcedure, ...],
    *,
    codes: bool,
    as_frame: bool,
) -> Any:
    proc = columns.pop("procedure")
    agency = columns.pop("agency")
    texts = {
        "procedure_code": ([p.code for p in mix], proc),
        "sector": ([p.sector for p in mix], proc),
        "processing_time": ([str(p.processing_time) for p in mix], proc),
        "agency": (list(_AGENCIES), agency),
    }
    code_column = _codes(columns["submitted_at"], agency) if codes else None
    if not as_frame:
        out: dict[str, Any] = {}
        for name, (labels, index) in texts.items():
            out[name] = np.array(labels, dtype=object)[index]
        for name, values in columns.items():
            out[name] = values.view("datetime64[us]") if name in _INSTANT_COLUMNS else values
        if code_column is not None:
            out["code"] = code_column
        return out
    data: dict[str, Any] = {}
    if code_column is not None:
        data["code"] = code_column
    for name, (labels, index) in texts.items():
        unique = list(dict.fromkeys(labels))  # several procedures share a processing time
        recode = np.array([unique.index(label) for label in labels], dtype=np.int16)
        data[name] = pd.Categorical.from_codes(recode[index], categories=pd.Index(unique))
    for name, values in columns.items():
        if name in _INSTANT_COLUMNS:
            stamps = pd.DatetimeIndex(values.view("datetime64[us]"), copy=False)
            data[name] = stamps.tz_localize("UTC").tz_convert(_ZONE).array
        else:
            data[name] = values
    return pd.DataFrame(data, copy=False)


def _codes(submitted: Micros, agency: NDArray[np.int8]) -> NDArray[np.object_]:
    """``<agency>-<yyMMdd>-<5 digits>``: the day of submission, numbered per agency and day."""
    local_day = (submitted + OFFSET_US) // US_PER_DAY
    order = np.lexsort((submitted, local_day, agency))
    key = agency[order].astype(np.int64) * 10**6 + local_day[order]
    # The number within each (agency, day): position minus the start of its run, plus one.
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    run = np.repeat(starts, np.diff(np.r_[starts, key.size]))
    seq = np.empty(key.size, dtype=np.int64)
    seq[order] = np.arange(key.size) - run + 1
    days, day_index = np.unique(local_day, return_inverse=True)
    day_texts = np.array(
        [f"-{dt.date.fromordinal(int(d) + EPOCH_ORDINAL):%y%m%d}-" for d in days], dtype=object
    )
    numbers = np.array([f"{i:05d}" for i in range(100_000)], dtype=object)
    prefix = np.array(_AGENCIES, dtype=object)[agency] + day_texts[day_index]
    codes: NDArray[np.object_] = prefix + numbers[seq % 100_000]
    return codes


# --- rows back to dossiers --------------------------------------------------------------------------


@functools.cache
def _parse_time(text: str) -> Duration:
    return Duration.parse(text)


def _instant(value: Any) -> dt.datetime | None:
    """A pandas Timestamp (or numpy datetime64 in UTC) as an aware datetime, NaT as None."""
    if value is None or pd.isna(value):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    result: dt.datetime = stamp.to_pydatetime().astimezone(VN_TZ)
    return result


def dossiers_from_frame(
    frame: Any, rows: Iterable[int] | None = None, *, calendar: WorkingCalendar | None = None
) -> list[Dossier]:
    """Build the [`Dossier`][tthc.dossiers.Dossier] of each row of a synthetic table.

    The history is rebuilt from the columns: the supplement requests and supplements, then the
    event that ended processing (resolved and returned, stopped, withdrawn, refused). A dossier
    processing without supplements gets a ``ProcessingStarted`` at its receipt; one refused at
    reception or withdrawn before receipt is closed at its submission instant. Without a
    ``code`` column, codes are made from the agency, the day of submission and the row number.

    Args:
        frame: A table from [`synthetic_dossiers`][tthc.analytics.synthetic.synthetic_dossiers] (a pandas
            ``DataFrame``).
        rows: Positions of the rows (default: all; mind the size).
        calendar: The calendar the table was drawn with (default: the Vietnamese calendar).

    Returns:
        The dossiers, in the order of ``rows``.

    Examples:
        >>> from tthc.analytics.synthetic import synthetic_dossiers, dossiers_from_frame
        >>> frame = synthetic_dossiers(200, seed=1)
        >>> [d] = dossiers_from_frame(frame, [0])
        >>> d.due_at == frame["due_at"].iloc[0]
        True
    """
    positions = range(len(frame)) if rows is None else rows
    out = []
    has_code = "code" in frame.columns
    records = frame.iloc[list(positions)]
    for position, (_, row) in zip(positions, records.iterrows(), strict=True):
        submitted = _instant(row["submitted_at"])
        received = _instant(row["received_at"])
        if submitted is None:  # pragma: no cover - every synthetic row has one
            raise InvalidValueError("dossiers_from_frame(frame)", position, "a submitted_at")
        local = submitted.astimezone(VN_TZ)
        code = (
            row["code"]
            if has_code
            else f"{row['agency']}-{local:%y%m%d}-{int(position) % 100_000:05d}"
        )
        events: list[DossierEvent] = []
        status = int(row["status"])
        if received is not None:
            pairs = []
            if int(row["supplement_requests"]) == 2:  # noqa: PLR2004
                pairs.append(
                    (row["first_supplement_requested_at"], row["first_supplement_supplied_at"])
                )
            if int(row["supplement_requests"]) >= 1:
                pairs.append((row["supplement_requested_at"], row["supplement_supplied_at"]))
            for requested, supplied in pairs:
                events.append(SupplementRequested(at=_required(requested)))
                supplied_at = _instant(supplied)
                if supplied_at is not None:
                    events.append(SupplementSupplied(at=supplied_at))
            if not pairs and status != 1:
                events.append(ProcessingStarted(at=received))
            finished = _instant(row["finished_at"])
            if finished is not None:
                events.append(_ENDING[status](at=finished))
                returned = _instant(row["returned_at"])
                if returned is not None:
                    events.append(Returned(at=returned))
        elif status in {3, 7}:  # refused at reception, withdrawn before receipt
            events.append((Refused if status == 3 else Withdrawn)(at=submitted))  # noqa: PLR2004
        out.append(
            Dossier(
                code=code,
                procedure_code=str(row["procedure_code"]),
                channel=Channel(int(row["channel"])),
                applicant_type=ApplicantType(int(row["applicant_type"])),
                agency=str(row["agency"]),
                submitted_at=submitted,
                received_at=received,
                processing_time=_parse_time(str(row["processing_time"])),
                calendar=calendar,
                events=events,
            )
        )
    return out


def _required(value: Any) -> dt.datetime:
    instant = _instant(value)
    if instant is None:  # pragma: no cover - a counted request always has its instant
        raise InvalidValueError("dossiers_from_frame(frame)", value, "an instant")
    return instant


_ENDING: Final[dict[int, type[DossierEvent]]] = {
    3: Refused,
    7: Withdrawn,
    8: Stopped,
    9: Resolved,
    10: Resolved,
}


# --- step tables --------------------------------------------------------------------------------

_STEP_DESK: Final = "Bộ phận Một cửa"
# An EXAMPLE process, invented (no published step table was read): desk, appraisal by one of three
# departments, review, approval, return; 8 working days of budgets for a 10-day procedure.
_STEP_PLAN: Final = (
    # (step, department or None for the appraisal departments, budget)
    ("Tiếp nhận", _STEP_DESK, "4 giờ làm việc"),
    ("Thẩm định", None, "5 ngày làm việc"),
    ("Xem xét", "Lãnh đạo phòng", "1 ngày làm việc"),
    ("Phê duyệt", "Lãnh đạo cơ quan", "1 ngày làm việc"),
    ("Trả kết quả", _STEP_DESK, "4 giờ làm việc"),
)
# Appraisal departments and how slow each tends to be (a factor on the time used).
_STEP_DEPARTMENTS: Final = (("Phòng A", 1.0), ("Phòng B", 1.3), ("Phòng C", 0.8))


def synthetic_steps(
    dossiers: int,
    *,
    year: int = 2025,
    seed: int = 0,
    calendar: WorkingCalendar | None = None,
    as_frame: bool = True,
) -> Any:
    """A seeded year of step rows (*bảng các bước xử lý*): five steps per dossier, vectorised.

    Every dossier goes through an invented EXAMPLE process (desk 4 hours, appraisal 5 working
    days by one of three departments, review 1 day, approval 1 day, return 4 hours), received at
    a random office instant of a working day of ``year``. Each step starts a little after the one
    before it ends and uses a random share of its budget (log-normal, about one step in seven
    over budget, one department slower than the others); steps still running at the end of the
    year have no ``finished_at``, and steps that would start after it are left out. The rows are
    what [`step_times`][tthc.analytics.steps.step_times] reads; nothing describes a real dossier.

    Args:
        dossiers: How many dossiers (five rows each, fewer at the end of the year).
        year: The year of receipt.
        seed: The random seed (the same seed gives the same table).
        calendar: The working calendar (default: the Vietnamese one).
        as_frame: A pandas ``DataFrame`` with text dossier codes (default), or a dict of numpy
            arrays with integer dossier numbers and integer codes for the text columns (the
            compact form for tens of millions of rows).

    Returns:
        The step rows: ``dossier_code``, ``step``, ``agency``, ``department``, ``started_at``,
        ``finished_at`` (missing while open), ``budget``. As a frame, the text columns are
        categorical and the instants aware (Vietnam time); as arrays, instants are UTC
        ``datetime64[us]``.

    Raises:
        InvalidValueError: ``dossiers`` is negative.
        OutOfCalendarRangeError: ``year`` is outside the calendar.

    Examples:
        >>> steps = synthetic_steps(100, seed=1)
        >>> len(steps), steps["step"].cat.categories.tolist()[:2]
        (494, ['Tiếp nhận', 'Thẩm định'])
    """
    n = _v.check_int("synthetic_steps(dossiers)", dossiers)
    if n < 0:
        raise InvalidValueError("synthetic_steps(dossiers)", dossiers, "a whole number >= 0")
    cal = vietnam_calendar() if calendar is None else calendar
    rng = np.random.default_rng(seed)
    ordinals = _working_ordinals(cal, year)
    day = ordinals[rng.integers(0, len(ordinals), n)]
    minute = rng.integers(0, 8 * 60, n)
    minute = minute + np.where(minute >= _MORNING, 13 * 60 - _MORNING, 8 * 60)
    received = (day - EPOCH_ORDINAL) * US_PER_DAY + minute * 60 * _US - OFFSET_US
    department = rng.integers(0, len(_STEP_DEPARTMENTS), n)
    started, finished = _step_instants(cal, rng, received, department)
    end_of_year = (dt.date(year + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * US_PER_DAY - OFFSET_US
    keep = started < end_of_year
    finished = np.where(finished < end_of_year, finished, NAT)
    k = len(_STEP_PLAN)
    numbers = np.repeat(np.arange(n, dtype=np.int64), k)
    step_codes = np.tile(np.arange(k, dtype=np.int8), n)
    # Departments: the appraisal ones first, then those of the other steps, each once.
    others = list(dict.fromkeys(d for _, d, _ in _STEP_PLAN if d is not None))
    departments = [*(name for name, _ in _STEP_DEPARTMENTS), *others]
    fixed = {d: len(_STEP_DEPARTMENTS) + j for j, d in enumerate(others)}
    per_step = np.array([-1 if d is None else fixed[d] for _, d, _ in _STEP_PLAN], dtype=np.int8)
    dept_codes = per_step[step_codes]
    dept_codes = np.where(dept_codes < 0, np.repeat(department, k), dept_codes).astype(np.int8)
    budget_texts = list(dict.fromkeys(b for _, _, b in _STEP_PLAN))
    budget_of_step = np.array([budget_texts.index(b) for _, _, b in _STEP_PLAN], dtype=np.int8)
    data = {
        "dossier_code": numbers[keep],
        "step": step_codes[keep],
        # 0 the service centre (its desk), 1 the agency (every other department)
        "agency": (dept_codes != fixed[_STEP_DESK]).astype(np.int8)[keep],
        "department": dept_codes[keep],
        "started_at": started[keep].view("datetime64[us]"),
        "finished_at": finished[keep].view("datetime64[us]"),
        "budget": budget_of_step[step_codes[keep]],
    }
    if not as_frame:
        return data
    received_days = ((received + OFFSET_US) // US_PER_DAY + EPOCH_ORDINAL)[data["dossier_code"]]
    return pd.DataFrame(
        {
            "dossier_code": _step_dossier_codes(data["dossier_code"], received_days),
            "step": _categories(data["step"], [s for s, _, _ in _STEP_PLAN]),
            # invented codes: a service centre, an agency
            "agency": _categories(data["agency"], ["000.00.00.Z99", "000.00.01.Z01"]),
            "department": _categories(data["department"], departments),
            "started_at": _vn_column(data["started_at"]),
            "finished_at": _vn_column(data["finished_at"]),
            "budget": _categories(data["budget"], budget_texts),
        }
    )


def _step_instants(
    cal: WorkingCalendar,
    rng: np.random.Generator,
    received: Micros,
    department: NDArray[np.int64],
) -> tuple[Micros, Micros]:
    """Start and finish (UTC µs) of each step of each dossier, flattened dossier by dossier."""
    from tthc.analytics._step_input import _Clock as _StepClock  # noqa: PLC0415 - a sibling module

    clock = _StepClock(cal, DeadlinePolicy())
    lengths = clock.lengths([Duration.parse(b) for _, _, b in _STEP_PLAN])
    slowness = np.array([f for _, f in _STEP_DEPARTMENTS])[department]
    n, k = len(received), len(_STEP_PLAN)
    started = np.empty((k, n), dtype=np.int64)
    finished = np.empty((k, n), dtype=np.int64)
    start = received
    minute = 60 * _US
    for s in range(k):
        if s:  # a hand-off of up to an hour of clock time
            start = start + rng.integers(0, 61, n) * minute
        ratio = rng.lognormal(mean=np.log(0.55), sigma=0.6, size=n)
        if _STEP_PLAN[s][1] is None:
            ratio = ratio * slowness
        used = (np.minimum(ratio, 4.0) * lengths[s] // minute).astype(np.int64) * minute
        i, tod = clock.day_positions(start)
        end_day, end_tod = clock.tables.working_time(i, tod, np.maximum(used, minute), None)
        started[s] = start
        finished[s] = start = (end_day - EPOCH_ORDINAL) * US_PER_DAY + end_tod - OFFSET_US
    return started.T.reshape(-1), finished.T.reshape(-1)


def _categories(codes: NDArray[np.int8], names: list[str]) -> Any:
    return pd.Categorical.from_codes(codes, categories=pd.Index(names))


def _vn_column(values: Any) -> Any:
    return pd.Series(values).dt.tz_localize("UTC").dt.tz_convert(_ZONE)


def _step_dossier_codes(numbers: NDArray[np.int64], ordinals: NDArray[np.int64]) -> Any:
    """Dossier codes of the desk: ``000.00.00.Z99-yyMMdd-NNNNNN`` (invented agency code)."""
    days = (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")
    stamp = pd.Series(days).dt.strftime("%y%m%d").to_numpy(dtype=object)
    return (
        "000.00.00.Z99-"
        + stamp
        + "-"
        + pd.Series(numbers % 1_000_000).map("{:06d}".format).to_numpy(dtype=object)
    )
