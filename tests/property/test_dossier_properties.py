"""Properties of dossiers, their timeliness and their formats, on generated histories.

Rules under test (STYLE.md §7; Decision 766/QĐ-TTg indicator 2.1, vn_legal.md §1.9, §2.3):

* applying an event never changes the dossier it is applied to, whether it is accepted or not;
* a supplement wait never makes a dossier later (its due instant never moves earlier, and its
  class is never worse), as long as it is the only supplement request;
* the columnar path gives every row the class tthc.dossiers.classify gives its dossier;
* the national sync payload and the library's JSON read back what they wrote.

Histories are random walks over tthc.dossiers.EVENT_TRANSITIONS from a submission or a receipt
between 2014 and 2026, events minutes to days apart (whole minutes, so the sync format's seconds
lose nothing), with every kind of processing time and both policies; no year without an official
schedule is reached.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import tthc
from tthc import VN_TZ, Duration, InvalidTransitionError, InvalidValueError
from tthc.analytics.timeliness import classify_timeliness
from tthc.dossiers import (
    EVENT_TRANSITIONS,
    Dossier,
    DossierEvent,
    Received,
    Rescheduled,
    Resolved,
    SupplementRequested,
    SupplementSupplied,
    Timeliness,
    classify,
)
from tthc.io.dossiers import dump_dossier_sync, dump_dossiers, load_dossier_sync, load_dossiers
from tthc.procedures import ApplicantType, Channel

pd = pytest.importorskip("pandas")

EVENTS = list(EVENT_TRANSITIONS)
RANK = {
    Timeliness.EARLY: 0,
    Timeliness.ON_TIME: 1,
    Timeliness.LATE: 2,
    Timeliness.WITHIN_TIME: 0,
    Timeliness.OVERDUE: 1,
}

instants = st.datetimes(
    min_value=dt.datetime(2014, 1, 1), max_value=dt.datetime(2026, 10, 31)
).map(lambda d: d.replace(second=0, microsecond=0, tzinfo=VN_TZ))
gaps = st.one_of(
    st.integers(1, 120).map(lambda m: dt.timedelta(minutes=m)),
    st.integers(1, 72).map(lambda h: dt.timedelta(hours=h)),
    st.integers(1, 10).map(lambda d: dt.timedelta(days=d)),
)
working_times = st.one_of(
    st.integers(1, 30).map(Duration.working_days),
    st.integers(1, 40).map(Duration.working_hours),
    st.just(Duration.same_day(cutoff=dt.time(15))),
)
civil_times = st.one_of(
    st.integers(1, 30).map(Duration.working_days),
    st.integers(1, 45).map(Duration.calendar_days),
    st.integers(1, 2).map(Duration.months),
)
POLICIES = {"working_time": tthc.DeadlinePolicy(), "civil_code": tthc.DeadlinePolicy.civil_code()}


def make_event(cls: type[DossierEvent], when: dt.datetime, draw: st.DrawFn) -> DossierEvent:
    if cls is Rescheduled:
        later = when + dt.timedelta(days=draw(st.integers(0, 20)))
        return Rescheduled(at=when, new_due_at=later, reason="Cần xác minh thêm")
    note_ = draw(st.none() | st.sampled_from(["Bổ sung bản sao", "Theo yêu cầu"]))
    return cls(at=when, note=note_)


@st.composite
def dossiers(draw: st.DrawFn, *, max_events: int = 8) -> Dossier:
    """A dossier with a random valid history."""
    policy_name = draw(st.sampled_from(sorted(POLICIES)))
    duration = draw(working_times if policy_name == "working_time" else civil_times)
    start = draw(instants)
    received_first = draw(st.booleans())
    d = Dossier(
        code="000.00.10.H26-260302-00001",
        procedure_code="1.000000",
        channel=draw(st.sampled_from(list(Channel))),
        applicant_type=draw(st.none() | st.sampled_from(list(ApplicantType))),
        submitted_at=start,
        received_at=start + dt.timedelta(minutes=30) if received_first else None,
        processing_time=duration,
        policy=POLICIES[policy_name],
    )
    when = d.last_event_at
    for _ in range(draw(st.integers(0, max_events))):
        allowed = [cls for cls in EVENTS if d.status in EVENT_TRANSITIONS[cls]]
        if not allowed:
            break
        when += draw(gaps)
        d = d.apply(make_event(draw(st.sampled_from(allowed)), when, draw))
    return d


def row_of(d: Dossier) -> dict[str, object]:
    """The table row of a dossier, as a one-stop system would export it."""
    return {
        "status": int(d.status),
        "received_at": d.received_at,
        "due_at": d.due_at,
        "finished_at": d.finished_at,
        "supplement_requests": d.supplement_requests,
        "supplement_requested_at": d.waiting_since,
    }


def table_of(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=[
            "status",
            "received_at",
            "due_at",
            "finished_at",
            "supplement_requests",
            "supplement_requested_at",
        ],
    )
    for name in ("received_at", "due_at", "finished_at", "supplement_requested_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True)
    return frame


@given(dossiers(), st.sampled_from(EVENTS), gaps, st.data())
def test_applying_never_mutates(
    d: Dossier, cls: type[DossierEvent], gap: dt.timedelta, data: st.DataObject
) -> None:
    """Applying any event leaves the dossier as it was, accepted or refused."""
    copy = attrs.evolve(d)
    status, events, due = d.status, d.events, d.due_at
    event = make_event(cls, d.last_event_at + gap, data.draw)
    if status in EVENT_TRANSITIONS[cls]:
        after = d.apply(event)
        assert after.events[:-1] == events
        assert after is not d
    else:
        with pytest.raises(InvalidTransitionError) as info:
            d.apply(event)
        assert info.value.current is status
    assert d == copy
    assert (d.status, d.events, d.due_at) == (status, events, due)


@given(dossiers(max_events=0), st.data())
def test_a_pause_never_makes_a_dossier_later(base: Dossier, data: st.DataObject) -> None:
    """One supplement wait inside the processing never moves the due instant earlier nor worsens the class."""
    received = base.received_at or base.submitted_at
    if base.received_at is None:
        base = base.apply(Received(at=received))
    a = received + data.draw(gaps)
    b = a + data.draw(gaps)
    end = b + data.draw(gaps)
    finished = data.draw(st.booleans())
    plain = base.apply(Resolved(at=end)) if finished else base
    paused = base.apply(SupplementRequested(at=a)).apply(SupplementSupplied(at=b))
    if finished:
        paused = paused.apply(Resolved(at=end))
    note(f"due {plain.due_at} -> {paused.due_at}")
    assert paused.due_at >= plain.due_at
    as_of = end + data.draw(gaps)
    for granularity in ("date", "instant"):
        before = classify(plain, as_of, granularity=granularity)
        after = classify(paused, as_of, granularity=granularity)
        assert before is not None
        assert after is not None
        assert RANK[after] <= RANK[before]


@given(
    st.lists(dossiers(), min_size=1, max_size=8),
    instants,
    gaps,
    st.sampled_from(["date", "instant"]),
)
def test_columnar_equals_per_dossier(
    items: list[Dossier], base: dt.datetime, gap: dt.timedelta, granularity: str
) -> None:
    """classify_timeliness on the rows of the dossiers as of the report equals classify on each."""
    as_of = (
        max(d.submitted_at for d in items) + gap
        if base.year % 2
        else min(d.last_event_at for d in items) + gap
    )
    rows = []
    expected = []
    for d in items:
        t = classify(d, as_of, granularity=granularity)  # type: ignore[arg-type]
        expected.append(None if t is None else t.value)
        try:
            rows.append(row_of(d.as_of(as_of)))
        except InvalidValueError:  # not submitted yet at the report: a row with no receipt
            rows.append({"status": 1, "supplement_requests": 0})
    result = classify_timeliness(table_of(rows), as_of=as_of, granularity=granularity)
    assert [None if pd.isna(v) else v for v in result.tolist()] == expected


@given(dossiers())
def test_sync_round_trip(d: Dossier) -> None:
    """The sync payload of a dossier reads back to the same status, instants, waits and class."""
    text = dump_dossier_sync([d])
    [back] = load_dossier_sync(text)
    assert back.status is d.status
    assert (back.submitted_at, back.received_at, back.finished_at) == (
        d.submitted_at,
        d.received_at,
        d.finished_at,
    )
    due = d.due_at
    assert back.due_at == (None if due is None else due.replace(microsecond=0))
    assert back.pauses == tuple(attrs.evolve(p, reason=p.reason) for p in d.pauses)
    assert back.supplement_requests == d.supplement_requests
    as_of = d.last_event_at + dt.timedelta(days=1)
    if due is not None and due.microsecond == 0:
        assert classify(back, as_of) is classify(d, as_of)
    assert dump_dossier_sync([back]) == text


@given(dossiers())
def test_json_round_trip(d: Dossier) -> None:
    """The library's JSON reads back an equal dossier."""
    assert load_dossiers(dump_dossiers([d]), policy=d.policy) == [d]
