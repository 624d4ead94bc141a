"""Tests of pauses in step tracking: the dossier waits for the applicant, no step's clock runs.

Hand cases are worked out by hand in the comments: March 2026 has no weekday day off (Mon 2/3,
Mon 9/3, Mon 16/3 are Mondays), office hours 08:00-12:00, 13:00-17:00 (8 hours to the working
day). Property tests compare with the same track without pauses and with a naive oracle that
steps minute by minute. The processes are EXAMPLES made up for the tests.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.calendar import vietnam_calendar
from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    StepAssigned,
    StepFinished,
    StepsPaused,
    StepsResumed,
    StepTrack,
    lateness_by_unit,
)
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep

CAL = vietnam_calendar()
DESK = HandlingUnit(agency="VD.SO", department="Bộ phận Một cửa")
DEPT = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
CODE = "VD.SO-260302-0001"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant of March 2026, Vietnam time."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


def hours(h: float) -> dt.timedelta:
    return dt.timedelta(hours=h)


def process(budget: Duration, total: Duration | None = None) -> InternalProcess:
    """An EXAMPLE process: appraisal (``budget``), then the result handed back (1 day)."""
    return InternalProcess(
        procedure_code="0.000001",
        receiving_unit=DESK,
        lead_agency="VD.SO",
        processing_time=total or Duration.working_days(5),
        source="EXAMPLE: made up for the tests",
        phases=[
            Phase(steps=[ProcessStep(name="Thẩm định", unit=DEPT, budget=budget)]),
            Phase(
                steps=[ProcessStep(name="Trả kết quả", unit=DESK, budget=Duration.working_days(1))]
            ),
        ],
    )


def track_of(budget: Duration, *events: object, received: dt.datetime | None = None) -> StepTrack:
    return StepTrack(
        dossier_code=CODE,
        received_at=received or at(2, 8),
        process=process(budget),
        events=events,
    )


class TestSupplementSavesTheAppraisal:
    """Appraisal of 3 working days from Mon 02/03 08:00; a supplement wait Tue 03/03 08:00 to
    Fri 06/03 08:00 (Tue, Wed, Thu: 3 working days, 24 office hours); done Mon 09/03 10:00."""

    EVENTS = (
        StepAssigned(step="Thẩm định", unit=DEPT, at=at(2, 8)),
        StepsPaused(at=at(3, 8), reason="chờ bổ sung"),
        StepsResumed(at=at(6, 8)),
        StepFinished(step="Thẩm định", unit=DEPT, at=at(9, 10)),
    )

    def test_on_time_with_the_pause(self) -> None:
        track = track_of(Duration.working_days(3), *self.EVENTS)
        record = track.records[0]
        # Office time Mon 02/03 08:00 -> Mon 09/03 10:00: 5 days + 2 hours = 42 hours;
        # less the 24 paused: 18 hours of the 24 allowed.
        assert record.paused() == hours(24)
        assert record.used() == hours(18)
        assert not record.is_late()
        assert record.state_text() == "xong, đúng hạn"
        # Counted: Mon 02/03 (8 h), then nothing until Fri 06/03 (8 h), Mon 09/03 (8 h).
        assert record.due_at == at(9, 17)

    def test_late_without_it(self) -> None:
        events = [e for e in self.EVENTS if not isinstance(e, (StepsPaused, StepsResumed))]
        record = track_of(Duration.working_days(3), *events).records[0]
        assert record.used() == hours(42)
        assert record.due_at == at(4, 17)
        assert record.late_by == hours(18)

    def test_the_dossier_due_moves_by_the_paused_time(self) -> None:
        track = track_of(Duration.working_days(3), *self.EVENTS)
        # 5 working days from Mon 02/03 08:00 is Fri 06/03 17:00; 3 days paused: 8 working
        # days, 2, 3, 4, 5, 6, 9, 10, 11/03 -> Wed 11/03 17:00.
        assert track.due_at == at(11, 17)
        assert [(p.start_at, p.end_at, p.reason) for p in track.pauses] == [
            (at(3, 8), at(6, 8), "chờ bổ sung")
        ]
        assert track.paused_since is None

    def test_rows_and_units(self) -> None:
        track = track_of(Duration.working_days(3), *self.EVENTS)
        row = track.rows(at(9, 12))[0]
        assert {k: row[k] for k in ("due_at", "used", "paused", "allowed", "late")} == {
            "due_at": at(9, 17),
            "used": hours(18),
            "paused": hours(24),
            "allowed": hours(24),
            "late": False,
        }
        (dept,) = lateness_by_unit([track], at(9, 12))
        assert (dept.steps, dept.late_steps, dept.used) == (1, 0, hours(18))
        (share,) = track.agency_progress(at(9, 10))
        assert share.used == hours(18)


class TestPauseAfterOverdue:
    """Appraisal of 1 working day from Mon 02/03 08:00, due Mon 02/03 17:00; a wait from Wed
    04/03 10:00 to Thu 05/03 10:00 (8 office hours), when it is already overdue."""

    EVENTS = (
        StepAssigned(step="Thẩm định", unit=DEPT, at=at(2, 8)),
        StepsPaused(at=at(4, 10), reason="chờ nộp phí"),
        StepsResumed(at=at(5, 10)),
        StepFinished(step="Thẩm định", unit=DEPT, at=at(6, 12)),
    )

    def test_due_does_not_move_and_the_wait_is_not_counted(self) -> None:
        record = track_of(Duration.working_days(1), *self.EVENTS).records[0]
        assert record.due_at == at(2, 17)
        # Mon, Tue, Wed, Thu 8 h each, Fri 08:00-12:00 4 h: 36 hours, less 8 paused.
        assert record.used() == hours(28)
        assert record.late_by == hours(20)

    def test_state_while_paused(self) -> None:
        record = track_of(Duration.working_days(1), *self.EVENTS).records[0]
        # At Wed 04/03 15:00: Mon 8 h + Tue 8 h + Wed 08:00-10:00 2 h = 18 h, 10 h over.
        assert record.state_text(at(4, 15)) == "tạm dừng (chờ nộp phí), quá 1 ngày 2 giờ"
        assert record.state_text(at(5, 11)) == "quá 1 ngày 3 giờ"


class TestWeekendAndPartialDays:
    """Appraisal of 2 working days (16 h) from Thu 05/03 13:00; a wait from Fri 06/03 15:00 to
    Mon 09/03 10:00: Fri 15:00-17:00 and Mon 08:00-10:00, 4 office hours (the weekend has none)."""

    EVENTS = (
        StepAssigned(step="Thẩm định", unit=DEPT, at=at(5, 13)),
        StepsPaused(at=at(6, 15)),
        StepsResumed(at=at(9, 10)),
        StepFinished(step="Thẩm định", unit=DEPT, at=at(9, 16)),
    )

    def test_due_moves_by_four_hours(self) -> None:
        record = track_of(Duration.working_days(2), *self.EVENTS, received=at(5, 13)).records[0]
        # Without the wait: Thu 4 h + Fri 8 h + Mon 08:00-12:00 4 h -> Mon 09/03 12:00.
        # With it: Thu 4 h + Fri 08:00-15:00 6 h + Mon 10:00-12:00 2 h, 13:00-17:00 4 h.
        assert record.due_at == at(9, 17)
        assert record.paused() == hours(4)
        # Thu 4 + Fri 6 + Mon 2 + Mon 13:00-16:00 3 = 15 hours.
        assert record.used() == hours(15)
        assert not record.is_late()

    def test_late_without_it(self) -> None:
        events = [e for e in self.EVENTS if not isinstance(e, (StepsPaused, StepsResumed))]
        record = track_of(Duration.working_days(2), *events, received=at(5, 13)).records[0]
        assert record.due_at == at(9, 12)
        assert record.used() == hours(19)
        assert record.is_late()


class TestStillPaused:
    """Appraisal of 1 working day from Mon 02/03 08:00, paused at Mon 02/03 12:00, not resumed."""

    EVENTS = (
        StepAssigned(step="Thẩm định", unit=DEPT, at=at(2, 8)),
        StepsPaused(at=at(2, 12)),
    )

    def test_seen_at_tuesday_ten(self) -> None:
        track = track_of(Duration.working_days(1), *self.EVENTS)
        record = track.records[0]
        as_of = at(3, 10)
        # Used Mon 08:00-12:00; paused Mon 13:00-17:00 and Tue 08:00-10:00.
        assert record.used(as_of) == hours(4)
        assert record.paused(as_of) == hours(6)
        assert record.state_text(as_of) == "tạm dừng (chờ bổ sung), còn 4 giờ"
        # If it resumed at Tue 10:00: 4 h left, Tue 10:00-12:00 and 13:00-15:00.
        assert record.due(as_of) == at(3, 15)
        # The wait still open is not in due_at (its length is not known), as for a Dossier.
        assert record.due_at == at(2, 17)
        assert track.rows(as_of)[0]["due_at"] == at(3, 15)
        assert not record.is_late(as_of)
        assert track.paused_since == self.EVENTS[1]
        assert track.pauses == ()
        # The dossier: 5 days from Mon 08:00 (Fri 06/03 17:00) plus 6 paused hours: Mon
        # 09/03 08:00-12:00 and 13:00-15:00.
        assert track.due_at == at(6, 17)
        assert track.due(as_of) == at(9, 15)
        assert not track.is_late(at(9, 12))


class TestApologyFollowsThePause:
    def test_who_apologises(self) -> None:
        """Appraisal of 4 days of the dossier's 5; a 1-day wait; the appraisal still open."""
        track = track_of(
            Duration.working_days(4),
            StepAssigned(step="Thẩm định", unit=DEPT, at=at(2, 8)),
            StepsPaused(at=at(3, 8)),
            StepsResumed(at=at(4, 8)),
        )
        # The dossier's 5 days counted on Mon 2, Wed 4, Thu 5, Fri 6, Mon 9/03: 17:00.
        assert track.due_at == at(9, 17)
        assert track.apology_duties(at(9, 17)) == ()
        (duty,) = track.apology_duties(at(10, 10))
        assert duty.unit == DEPT
        assert duty.due_at == at(9, 17)
        assert duty.late_by == hours(2)
        # A wait after the due instant does not add to the delay: at Wed 11/03 12:00, Tue 10/03
        # 8 h and Wed 08:00-12:00 4 h since the due instant, 8 of them paused.
        later = track.apply(StepsPaused(at=at(10, 10))).apply(StepsResumed(at=at(11, 10)))
        (duty,) = later.apology_duties(at(11, 12))
        assert duty.late_by == hours(4)


class TestRefused:
    BASE = track_of(
        Duration.working_days(1), StepAssigned(step="Thẩm định", unit=DEPT, at=at(2, 8))
    )

    @pytest.mark.parametrize(
        ("events", "index", "expected"),
        [
            ([StepsResumed(at=at(2, 9))], 1, "not paused"),
            ([StepsPaused(at=at(2, 9)), StepsPaused(at=at(2, 10))], 2, "is paused"),
            ([StepsPaused(at=at(2, 7))], 1, "time order"),
            ([StepsPaused(at=at(2, 9)), StepsResumed(at=at(2, 8, 30))], 2, "time order"),
        ],
    )
    def test_bad_events(self, events: list[object], index: int, expected: str) -> None:
        track = self.BASE
        for event in events[:-1]:
            track = track.apply(event)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=expected) as info:
            track.apply(events[-1])  # type: ignore[arg-type]
        assert info.value.field == f"StepTrack.events[{index}]"
        assert len(self.BASE.events) == 1

    def test_bad_fields(self) -> None:
        with pytest.raises(InvalidValueError, match="non-blank"):
            StepsPaused(at=at(2, 9), reason=" ")
        with pytest.raises(InvalidValueError):
            StepsPaused(at=dt.datetime(2026, 3, 2, 9))  # naive


# --- properties -----------------------------------------------------------------------------


def office_minute(t: dt.datetime) -> bool:
    """Whether the minute starting at ``t`` is office time (default hours, naive count)."""
    minutes = t.hour * 60 + t.minute
    return CAL.is_working_day(t.date()) and (
        8 * 60 <= minutes < 12 * 60 or 13 * 60 <= minutes < 17 * 60
    )


def oracle_office(a: dt.datetime, b: dt.datetime) -> int:
    """Office minutes in [a, b), minute by minute."""
    count, t = 0, a
    while t < b:
        count += office_minute(t)
        t += dt.timedelta(minutes=1)
    return count


def oracle_due(
    start: dt.datetime, budget: int, spans: list[tuple[dt.datetime, dt.datetime]]
) -> dt.datetime:
    """The end of the minute at which the counted office minutes reach ``budget``."""
    count, t = 0, start
    while True:
        if office_minute(t) and not any(a <= t < b for a, b in spans):
            count += 1
            if count == budget:
                return t + dt.timedelta(minutes=1)
        t += dt.timedelta(minutes=1)


minutes_ = st.integers(min_value=0, max_value=3 * 24 * 60)


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[dt.datetime, int, list[tuple[dt.datetime, dt.datetime]], dt.datetime]:
    """A start, a budget in minutes, non-overlapping pauses after the start, a finish."""
    day = draw(st.dates(min_value=dt.date(2025, 1, 2), max_value=dt.date(2026, 12, 20)))
    start = dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ) + dt.timedelta(
        minutes=draw(st.integers(0, 1439))
    )
    budget = draw(st.integers(min_value=1, max_value=16)) * 30
    spans = []
    t = start + dt.timedelta(minutes=draw(st.integers(-120, 600)))
    for _ in range(draw(st.integers(0, 2))):
        a = t
        b = a + dt.timedelta(minutes=draw(minutes_))
        spans.append((a, b))
        t = b + dt.timedelta(minutes=draw(st.integers(0, 24 * 60)))
    finish = start + dt.timedelta(minutes=draw(st.integers(0, 6 * 24 * 60)))
    return start, budget, spans, finish


def build(
    start: dt.datetime,
    budget: int,
    spans: list[tuple[dt.datetime, dt.datetime]],
    finish: dt.datetime,
) -> StepTrack:
    """One appraisal pass from ``start`` to ``finish`` with the pauses (those after the receipt)."""
    events: list[tuple[dt.datetime, int, object]] = [
        (start, 0, StepAssigned(step="Thẩm định", unit=DEPT, at=start)),
        (finish, 2, StepFinished(step="Thẩm định", unit=DEPT, at=finish)),
    ]
    for a, b in spans:
        a = max(a, start)  # noqa: PLW2901 - none before the receipt
        events += [(a, 1, StepsPaused(at=a)), (max(a, b), 1, StepsResumed(at=max(a, b)))]
    events.sort(key=lambda e: (e[0], e[1]))
    return StepTrack(
        dossier_code=CODE,
        received_at=start,
        process=process(Duration.working_hours(Decimal(budget) / 60)),
        events=[e for _, _, e in events],
    )


@given(cases())
def test_against_the_oracle(case: tuple) -> None:  # type: ignore[type-arg]
    start, budget, spans, finish = case
    clipped = [(max(a, start), max(a, b, start)) for a, b in spans]
    record = build(start, budget, spans, finish).records[0]
    paused = sum(
        oracle_office(max(a, start), min(b, finish))
        for a, b in clipped
        if min(b, finish) > max(a, start)
    )
    assert record.paused() == dt.timedelta(minutes=paused)
    assert record.used() == dt.timedelta(minutes=oracle_office(start, finish) - paused)
    assert record.due_at == oracle_due(start, budget, clipped)


@given(cases())
def test_used_less_the_paused_time(case: tuple) -> None:  # type: ignore[type-arg]
    start, budget, spans, finish = case
    with_pauses = build(start, budget, spans, finish).records[0]
    without = build(start, budget, [], finish).records[0]
    assert with_pauses.used() == without.used() - with_pauses.paused()
    assert without.paused() == dt.timedelta(0)
    assert with_pauses.due_at >= without.due_at


@given(cases(), st.integers(min_value=0, max_value=3 * 24 * 60))
def test_due_is_monotone_in_the_pause(case: tuple, more: int) -> None:  # type: ignore[type-arg]
    start, budget, spans, finish = case
    if not spans:
        spans = [(start, start)]
    a, b = spans[-1]
    longer = [*spans[:-1], (a, b + dt.timedelta(minutes=more))]
    assert (
        build(start, budget, longer, finish).records[0].due_at
        >= build(start, budget, spans, finish).records[0].due_at
    )


@given(cases())
def test_a_weekend_pause_changes_nothing(case: tuple) -> None:  # type: ignore[type-arg]
    """Without office time inside the pauses the results are those of the track without them."""
    start, budget, _, finish = case
    saturday = start + dt.timedelta(days=(5 - start.weekday()) % 7)
    night = saturday.replace(hour=0, minute=0)
    spans = [(max(night, start), night + dt.timedelta(hours=47))]
    if oracle_office(*spans[0]) != 0:
        return  # a Saturday worked in lieu
    plain = build(start, budget, [], finish).rows()
    paused = build(start, budget, spans, finish).rows()
    assert [r["paused"] for r in paused] == [r["paused"] for r in plain] == [dt.timedelta(0)]
    assert paused == plain
