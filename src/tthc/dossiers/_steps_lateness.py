"""Lateness across dossiers: one dossier's tracks merged across systems, per-unit totals (private).

Public names are re-exported by [`tthc.dossiers.steps`][tthc.dossiers.steps].
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from tthc import _validators as _v
from tthc.dossiers._steps_track import (
    StepTrack,
)
from tthc.errors import InvalidValueError
from tthc.procedures.process import HandlingUnit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.dossiers._steps_records import (
        StepRecord,
    )


@attrs.frozen(kw_only=True)
class UnitLateness:
    """How one unit kept its step budgets over a set of dossiers (*tình hình xử lý của đơn vị*).

    Attributes:
        unit: The unit.
        steps: Passes through its steps whose time counts (ended, or open at the reporting
            instant).
        late_steps: Those over budget (by their end, or by the reporting instant if open).
        dossiers: Dossiers it held a step of, each counted once.
        late_dossiers: Late dossiers it held when their time ran out, each counted once.
        used: Office time its steps used, in total.
        allowed: Office time its steps were allowed, in total.
    """

    unit: HandlingUnit
    steps: int
    late_steps: int
    dossiers: int
    late_dossiers: int
    used: dt.timedelta
    allowed: dt.timedelta

    @property
    def late_share(self) -> float:
        """The share of its steps that were late (0.0 when it had none)."""
        return self.late_steps / self.steps if self.steps else 0.0


def merge_tracks(tracks: Iterable[StepTrack]) -> list[StepTrack]:
    """One track per dossier code: the tracks of the same dossier merged into one.

    A dossier keeps one code across agencies (Decree 118/2025 Art. 28); when several systems
    report parts of the same dossier (each agency its own steps), their events are merged in time
    order (an event reported twice is kept once) and replayed as one track, so that the dossier
    is counted once and its passes fit together.

    Args:
        tracks: The tracks, in any order.

    Returns:
        One track per dossier code, in the order the codes first appear.

    Raises:
        InvalidValueError: An item is not a StepTrack; tracks of the same code disagree about the
            receipt, the process or the counting; or their merged events do not fit (the error
            names the dossier's events).

    Examples:
        >>> merge_tracks([])
        []
    """
    by_code: dict[str, list[StepTrack]] = {}
    for index, track in enumerate(tracks):
        if not isinstance(track, StepTrack):
            raise InvalidValueError(f"merge_tracks(tracks)[{index}]", track, "a StepTrack")
        by_code.setdefault(track.dossier_code, []).append(track)
    merged = []
    for code, group in by_code.items():
        first = group[0]
        if len(group) == 1:
            merged.append(first)
            continue
        for other in group[1:]:
            if attrs.evolve(other, events=()) != attrs.evolve(first, events=()):
                raise InvalidValueError(
                    "merge_tracks(tracks)",
                    code,
                    "tracks of one dossier code with the same receipt, process, desk, calendar, "
                    "policy and office hours",
                )
        events = list(dict.fromkeys(e for t in group for e in t.events))
        events.sort(key=lambda e: e.at)  # stable: same-instant events keep their report order
        merged.append(attrs.evolve(first, events=events))
    return merged


def lateness_by_unit(tracks: Iterable[StepTrack], as_of: dt.datetime) -> list[UnitLateness]:
    """Late steps and late dossiers per unit, over many dossiers, each dossier counted once.

    The tracks are first merged by dossier code ([`merge_tracks`][tthc.dossiers.steps.merge_tracks]):
    a dossier reported by several systems (each agency its part of an inter-agency dossier) counts
    once per unit and once in every total.

    Args:
        tracks: The dossiers' tracks.
        as_of: The reporting instant; passes that start after it are left out, and so are
            passes through steps whose time is not counted (they have no budget to keep).

    Returns:
        One row per unit, the units with the largest share of late steps first (then by name).

    Raises:
        InvalidValueError: An item is not a StepTrack, or the tracks of one dossier do not fit
            together.

    Examples:
        >>> from tthc.deadlines import VN_TZ
        >>> lateness_by_unit([], dt.datetime(2026, 1, 5, tzinfo=VN_TZ))
        []
    """
    instant = _v.check_aware("lateness_by_unit(as_of)", as_of)
    passes: list[StepRecord] = []
    responsible: dict[str, tuple[HandlingUnit, ...]] = {}
    for track in merge_tracks(tracks):
        passes += [r for r in track.records if r.started_at <= instant and r.is_counted]
        if track.is_late(instant):
            responsible[track.dossier_code] = track.responsible_units(instant)
    rows: dict[HandlingUnit, dict[str, Any]] = {}
    for record in passes:
        row = rows.setdefault(
            record.unit,
            {
                "steps": 0,
                "late": 0,
                "dossiers": set(),
                "used": dt.timedelta(0),
                "allowed": dt.timedelta(0),
            },
        )
        row["steps"] += 1
        row["late"] += record.is_late(instant)
        row["dossiers"].add(record.dossier_code)
        row["used"] += record.used(instant)
        row["allowed"] += record.allowed or dt.timedelta(0)
    out = [
        UnitLateness(
            unit=unit,
            steps=row["steps"],
            late_steps=row["late"],
            dossiers=len(row["dossiers"]),
            late_dossiers=sum(unit in units for units in responsible.values()),
            used=row["used"],
            allowed=row["allowed"],
        )
        for unit, row in rows.items()
    ]
    out.sort(key=lambda u: (-u.late_share, str(u.unit)))
    return out
