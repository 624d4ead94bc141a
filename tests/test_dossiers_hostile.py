"""Dossiers with long histories (issue 17, bounded cost).

Rule under test: ``Dossier.apply_all`` checks each event once and builds the dossier once, so
its work grows with the number of events (2,000 events took 2.5 s: each one rebuilt and checked
the whole history). Counted, not timed: the transition table is consulted a few times per event.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import pytest

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    Dossier,
    DossierStatus,
    ProcessingStarted,
    Received,
    SupplementRequested,
    SupplementSupplied,
)
from tthc.dossiers import dossier as dossier_module
from tthc.durations import Duration
from tthc.errors import InvalidTransitionError, InvalidValueError
from tthc.procedures import Channel

if TYPE_CHECKING:
    from types import FrameType

START = dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)


def _dossier() -> Dossier:
    return Dossier(
        code="000.00.10.H26-260302-00001",
        procedure_code="1.000000",
        channel=Channel.ONLINE,
        submitted_at=START,
        processing_time=Duration.working_days(3),
    )


def _history(pairs: int) -> list[object]:
    """Receipt, start, then ``pairs`` supplement requests and supplies, a minute apart."""
    events: list[object] = [Received(at=START), ProcessingStarted(at=START)]
    for i in range(pairs):
        at = START + dt.timedelta(minutes=2 * i + 1)
        events += [SupplementRequested(at=at), SupplementSupplied(at=at + dt.timedelta(minutes=1))]
    return events


def _count_lookups(call: object) -> int:
    """How many times the transition table is consulted while ``call()`` runs."""
    code = dossier_module._moves_of.__code__
    count = 0

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal count
        if event == "call" and frame.f_code is code:
            count += 1

    sys.setprofile(profile)
    try:
        call()  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return count


def test_work_grows_with_the_events() -> None:
    """2,002 events: at most three lookups per event (it was about n²/2, two million)."""
    events = _history(1_000)
    lookups = _count_lookups(lambda: _dossier().apply_all(events))  # type: ignore[arg-type]
    assert lookups <= 3 * len(events)


def test_same_result_as_one_by_one() -> None:
    """apply_all gives the dossier that applying the events one by one gives."""
    events = _history(20)
    one_by_one = _dossier()
    for event in events:
        one_by_one = one_by_one.apply(event)  # type: ignore[arg-type]
    together = _dossier().apply_all(events)  # type: ignore[arg-type]
    assert together == one_by_one
    assert together.received_at == START
    assert together.status is DossierStatus.PROCESSING


def test_refused_event_keeps_nothing() -> None:
    """A refused event in the middle: the error of apply, and the dossier is unchanged."""
    dossier = _dossier()
    with pytest.raises(InvalidTransitionError):
        dossier.apply_all([Received(at=START), SupplementSupplied(at=START)])
    assert dossier.events == ()
    with pytest.raises(InvalidValueError, match="at or after the dossier's last event"):
        dossier.apply_all([Received(at=START), ProcessingStarted(at=START - dt.timedelta(1))])
    with pytest.raises(InvalidValueError, match="a dossier event"):
        dossier.apply_all([Received(at=START), "Resolved"])  # type: ignore[list-item]


def test_no_events() -> None:
    """No events: the same dossier."""
    dossier = _dossier()
    assert dossier.apply_all([]) is dossier
