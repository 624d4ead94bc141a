"""The inline path of `compute_deadline` gives what the checked path gives.

`compute_deadline` answers the common case (whole working days or hours, a working-time policy
without rounding whose office hours are the same every weekday, no pauses, official years already
built) inline, with minute tables instead of the office-time index's methods. Everything else,
and the first call for a policy, goes through the checked path (``compute._compute``). Here both
are asked the same questions, with receipts at any microsecond, on any weekday, and the answers
(due instant, counting start, skipped days, explanation) must be equal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.deadlines import compute

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

VN = tthc.VN_TZ
CAL = tthc.vietnam_calendar()

receipts = st.builds(
    lambda day, us: dt.datetime.combine(day, dt.time(), VN) + dt.timedelta(microseconds=us),
    st.dates(dt.date(2013, 1, 2), dt.date(2027, 10, 31)),
    st.integers(0, 86_400_000_000 - 1)
    | st.integers(0, 1439).map(lambda m: m * 60_000_000)
    | st.sampled_from([8, 12, 13, 17]).map(lambda h: h * 3_600_000_000),
)
durations = st.one_of(
    st.integers(1, 45).map(tthc.Duration.working_days),
    st.integers(1, 200).map(lambda h: tthc.Duration.parse(f"{h} giờ làm việc")),
    st.integers(0, 3).map(tthc.Duration.working_days),
    st.sampled_from(["0,5 ngày làm việc", "10 ngày", "2 tháng", "4 giờ"]).map(tthc.Duration.parse),
)
policies = st.sampled_from(
    [
        None,
        tthc.DeadlinePolicy.working_time(),
        tthc.DeadlinePolicy.working_time(
            office_hours=tthc.OfficeHours.parse("07:00-11:30,13:30-17:00")
        ),
        tthc.DeadlinePolicy.working_time(office_hours=tthc.OfficeHours.parse("07:30-16:30")),
        tthc.DeadlinePolicy.working_time(round_up_minutes=15),
        tthc.DeadlinePolicy.working_time(
            office_hours=tthc.OfficeHours(by_weekday={4: [("07:30", "11:30")]})
        ),
        tthc.DeadlinePolicy.civil_code(),
    ]
)


def answer(deadline: tthc.Deadline) -> tuple[object, ...]:
    return (
        deadline,
        deadline.due_at,
        deadline.start_at,
        deadline.skipped_days,
        deadline.is_provisional,
        deadline.explain(),
    )


def outcome(call: Callable[[], tthc.Deadline]) -> tuple[object, ...]:
    try:
        return answer(call())
    except tthc.errors.TthcError as exc:
        return ("raised", type(exc), str(exc))


@given(received=receipts, duration=durations, policy=policies)
def test_inline_path_equals_checked_path(received, duration, policy):
    checked = outcome(
        lambda: compute._compute(
            received, duration, calendar=CAL, policy=policy, pauses=(), reschedules=()
        )
    )
    # The first call may take the checked path (and make the policy "hot"); the second takes
    # the inline one whenever the case allows it.
    for _ in range(2):
        got = outcome(
            lambda: tthc.compute_deadline(received, duration, calendar=CAL, policy=policy)
        )
        assert got == checked


@given(received=receipts, n=st.integers(1, 30))
def test_default_calendar_and_policy(received, n):
    duration = tthc.Duration.working_days(n)
    checked = compute._compute(
        received, duration, calendar=None, policy=None, pauses=(), reschedules=()
    )
    assert answer(tthc.compute_deadline(received, duration)) == answer(checked)


def test_second_call_takes_the_inline_path(monkeypatch: pytest.MonkeyPatch):
    received = dt.datetime(2026, 1, 9, 16, 30, tzinfo=VN)
    duration = tthc.Duration.working_days(5)
    policy = tthc.DeadlinePolicy.working_time()
    first = tthc.compute_deadline(received, duration, calendar=CAL, policy=policy)
    calls = []
    real = compute._compute

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(compute, "_compute", counting)
    second = tthc.compute_deadline(received, duration, calendar=CAL, policy=policy)
    assert calls == []
    # Saturday 10/1/2026 was worked (Công văn 12729/VPCP-KGVX): 10, 12, 13, 14, 15 January.
    assert second.due_at == first.due_at == dt.datetime(2026, 1, 15, 16, 30, tzinfo=VN)
