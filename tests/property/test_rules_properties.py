"""Properties of the one-stop rule sets and the obligations.

* The rule set in force is a function of the receipt day in Vietnam time: the 2018 set before
  1/7/2025, the 2025 set from then on (oracle: a date comparison written here), whatever the
  instant's time zone or time of day.
* A restart never gives an earlier legal due date than a pause (Decree 118/2025 Art. 19(5)
  against Decision 766 indicator 2.1), under both deadline policies.
* Every obligation's due instant is on the working calendar: a working day, within office hours
  or at their end. The oracle reads the raw calendar data (``vn_public_sector.json``) with
  ``json``: the week mask, the days off and the worked weekend days.

Receipts stay between 2019-01-01 and 2027-06-30 (official schedules, no provisional year).
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from hypothesis import given, note
from hypothesis import strategies as st

from tthc import VN_TZ, DeadlinePolicy, Duration
from tthc.deadlines import Supplement, legal_due_at, ruleset, ruleset_for, timeliness_due_at
from tthc.dossiers.obligations import (
    apology_obligation,
    correction_obligation,
    cross_level_forward_obligation,
    fee_transfer_obligation,
    online_receipt_obligation,
    paper_forward_obligation,
    supplement_close_obligation,
    supplement_request_obligation,
)

FIRST = dt.datetime(2019, 1, 1, tzinfo=VN_TZ)
LAST = dt.datetime(2027, 6, 30, tzinfo=VN_TZ)
OPEN, LUNCH, AFTER_LUNCH, CLOSE = dt.time(8), dt.time(12), dt.time(13), dt.time(17)


def _raw_calendar() -> tuple[str, frozenset[dt.date], frozenset[dt.date]]:
    data = json.loads(
        resources.files("tthc.calendar").joinpath("data/vn_public_sector.json").read_text("utf-8")
    )
    off: set[dt.date] = set()
    worked: set[dt.date] = set()
    for year in data["years"].values():
        for entry in year["entries"]:
            day = dt.date.fromisoformat(entry["date"])
            {"day_off": off, "extra_working_day": worked}[entry["kind"]].add(day)
    return data["weekmask"], frozenset(off), frozenset(worked)


WEEKMASK, DAYS_OFF, WORKED = _raw_calendar()


def is_working(day: dt.date) -> bool:
    """The oracle: not a day off, and a weekday of the week mask or a worked weekend day."""
    if day in DAYS_OFF:
        return False
    return day in WORKED or WEEKMASK[day.weekday()] == "1"


def in_office(instant: dt.datetime) -> bool:
    """Within 08:00-12:00 or 13:00-17:00 (both ends included), Vietnam time."""
    t = instant.astimezone(VN_TZ).time()
    return OPEN <= t <= LUNCH or AFTER_LUNCH <= t <= CLOSE


instants = st.datetimes(
    min_value=FIRST.replace(tzinfo=None),
    max_value=LAST.replace(tzinfo=None),
    timezones=st.just(VN_TZ),
)
zones = st.sampled_from([VN_TZ, dt.UTC, dt.timezone(dt.timedelta(hours=-5))])


@given(instants, zones)
def test_ruleset_is_a_function_of_the_receipt_day(received: dt.datetime, zone: dt.tzinfo) -> None:
    """The set depends on the Vietnamese receipt day only, switching on 1/7/2025."""
    local_day = received.date()
    expected = "nd61_2018" if local_day < dt.date(2025, 7, 1) else "nd118_2025"
    assert ruleset_for(received.astimezone(zone)).name == expected
    assert ruleset_for(local_day).name == expected
    # Another instant of the same Vietnamese day gives the same set.
    midnight = dt.datetime.combine(local_day, dt.time(0), tzinfo=VN_TZ)
    assert ruleset_for(midnight) == ruleset_for(received)


@st.composite
def supplements(draw: st.DrawFn, received: dt.datetime) -> list[Supplement]:
    """Completed supplements, one after another, after the receipt (within 60 days)."""
    out = []
    start = received
    for _ in range(draw(st.integers(1, 3))):
        ask = start + dt.timedelta(minutes=draw(st.integers(0, 20 * 24 * 60)))
        back = ask + dt.timedelta(minutes=draw(st.integers(0, 20 * 24 * 60)))
        out.append(Supplement(requested_at=ask, supplied_at=back))
        start = back
    return out


limits = st.one_of(
    st.integers(1, 30).map(Duration.working_days),
    st.integers(1, 40).map(Duration.working_hours),
    st.integers(1, 30).map(Duration.calendar_days),
)
policies = st.sampled_from([DeadlinePolicy.working_time(), DeadlinePolicy.civil_code()])


@given(st.data(), instants, limits, policies)
def test_restart_never_earlier_than_pause(
    data: st.DataObject, received: dt.datetime, limit: Duration, policy: DeadlinePolicy
) -> None:
    """The legal due date (restart, the 2025 set) is never before the paused one."""
    asked = data.draw(supplements(received))
    rules = ruleset("nd118_2025")
    legal = legal_due_at(received, limit, supplements=asked, ruleset=rules, policy=policy)
    paused = timeliness_due_at(received, limit, supplements=asked, ruleset=rules, policy=policy)
    note(f"legal={legal} paused={paused}")
    assert legal is not None
    assert legal >= paused


def _check(due: dt.datetime) -> None:
    local = due.astimezone(VN_TZ)
    note(f"due={local.isoformat()}")
    assert is_working(local.date())
    assert in_office(local)


rules_2025 = ruleset("nd118_2025")


@given(instants)
def test_every_obligation_due_on_the_working_calendar(start: dt.datetime) -> None:
    """Each obligation of the 2025 set falls due on a working day, in or at the end of office hours."""
    for make in (
        online_receipt_obligation,
        supplement_request_obligation,
        paper_forward_obligation,
        cross_level_forward_obligation,
        correction_obligation,
        fee_transfer_obligation,
        apology_obligation,
    ):
        _check(make(start, ruleset=rules_2025).due_at)
    close = supplement_close_obligation(start, ruleset=rules_2025)
    assert close is not None
    _check(close.due_at)
    assert close.earliest_at is not None
    _check(close.earliest_at)


@given(instants.filter(lambda t: t < dt.datetime(2025, 7, 1, tzinfo=VN_TZ)))
def test_2018_obligations_due_on_the_working_calendar(start: dt.datetime) -> None:
    """The same holds for the obligations the 2018 set has."""
    rules = ruleset("nd61_2018")
    for make in (
        online_receipt_obligation,
        supplement_request_obligation,
        paper_forward_obligation,
        apology_obligation,
    ):
        _check(make(start, ruleset=rules).due_at)
