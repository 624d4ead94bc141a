"""The explanation of a deadline is true for every unit under both policies (issue 16 item 3).

``tthc deadline "12/01/2026 09:00" "15 ngày"`` said "Not counted: 17/01, 18/01, 24/01, 25/01"
for a limit in calendar days, in which those days were counted. The rule under test:

* working days and working hours: the days off between the start and the due day are not
  counted (``skipped_days``);
* same day (*trong ngày*): the days off before the working day the result is due;
* calendar days, months and clock hours: every day counts, none is skipped; with
  ``calendar_days_skip_days_off`` the official days off (not weekends) are not counted;
* a limit in calendar days or months whose last day is a day off ends at the end of the next
  working day (Civil Code 2015 Art. 148): the days it moved over are ``moved_over``.

The expected days are counted by hand on the 2026 schedule (research table of
``tests/calendar/test_vn_official.py``): 1-2 January off, Saturday 10 January worked
(Công văn 12729/VPCP-KGVX), Tết 16-20 February off (Thông báo 9441/TB-BNV).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import VN_TZ, DeadlinePolicy, compute_deadline
from tthc.durations import Duration

POLICIES = {
    "working-time": DeadlinePolicy.working_time(),
    "civil-code": DeadlinePolicy.civil_code(),
}


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def days(*pairs: tuple[int, int], year: int = 2026) -> list[dt.date]:
    return [dt.date(year, m, d) for d, m in pairs]


# (id, receipt, duration, skipped days, moved-over days, due day), the same under both policies.
CASES = [
    pytest.param(
        at(12, 1, 9),
        Duration.parse("15 ngày"),
        [],
        [],
        dt.date(2026, 1, 27),
        id="calendar-days: 13..27/01, weekends counted",
    ),
    pytest.param(
        at(10, 1, 9),
        Duration.parse("15 ngày"),
        [],
        days((25, 1)),
        dt.date(2026, 1, 26),
        id="calendar-days: last day Sun 25/01 moves to Mon 26/01",
    ),
    pytest.param(
        at(12, 1, 9),
        Duration.parse("1 tháng"),
        [],
        [],
        dt.date(2026, 2, 12),
        id="months: 12/01 + 1 month = Thu 12/02",
    ),
    pytest.param(
        at(17, 1, 9),
        Duration.parse("1 tháng"),
        [],
        days((17, 2), (18, 2), (19, 2), (20, 2), (21, 2), (22, 2)),
        dt.date(2026, 2, 23),
        id="months: 17/02 is Tết, moves over Tết and the weekend to Mon 23/02",
    ),
    pytest.param(
        at(3, 1, 22, year=2026),
        Duration.parse("30 giờ"),
        [],
        [],
        dt.date(2026, 1, 5),
        id="clock-hours: Sat 22:00 + 30 h = Mon 04:00, Sunday counted",
    ),
    pytest.param(
        at(31, 12, 15, year=2025),
        Duration.parse("4 giờ làm việc"),
        days((1, 1), (2, 1), (3, 1), (4, 1)),
        [],
        dt.date(2026, 1, 5),
        id="working-hours: 31/12 15-17 h, then Mon 05/01 08-10 h",
    ),
    pytest.param(
        at(16, 1, 16),
        Duration.parse("trong ngày; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo"),
        days((17, 1), (18, 1)),
        [],
        dt.date(2026, 1, 19),
        id="same-day: Fri 16:00 after the 15:00 cut-off, due Mon 19/01",
    ),
]


@pytest.mark.parametrize("policy", list(POLICIES), ids=list(POLICIES))
@pytest.mark.parametrize(("received", "duration", "skipped", "moved", "due_on"), CASES)
def test_every_unit_under_both_policies(
    *,
    policy: str,
    received: dt.datetime,
    duration: Duration,
    skipped: list[dt.date],
    moved: list[dt.date],
    due_on: dt.date,
) -> None:
    """The days listed as not counted, and as moved over, are exactly the hand-counted ones."""
    deadline = compute_deadline(received, duration, policy=POLICIES[policy])
    assert deadline.due_on == due_on
    assert [s.day for s in deadline.skipped_days] == skipped
    assert [s.day for s in deadline.moved_over] == moved
    text = deadline.explain()
    not_counted = [line for line in text.splitlines() if line.startswith("Not counted:")]
    assert len(not_counted) == len(skipped)
    assert len([ln for ln in text.splitlines() if ln.startswith("Moved over:")]) == len(moved)
    if duration.unit.value in {"calendar_days", "months"}:
        assert "Every day counts" in text
    vi = deadline.explain("vi")
    assert len([ln for ln in vi.splitlines() if ln.startswith("Không tính:")]) == len(skipped)


@pytest.mark.parametrize("policy", list(POLICIES), ids=list(POLICIES))
def test_working_days(policy: str) -> None:
    """2 working days from Wed 31/12/2025 16:00: 1-4/01 not counted, due Tue 06/01."""
    deadline = compute_deadline(
        at(31, 12, 16, year=2025), Duration.working_days(2), policy=POLICIES[policy]
    )
    assert deadline.due_on == dt.date(2026, 1, 6)
    assert [s.day for s in deadline.skipped_days] == days((1, 1), (2, 1), (3, 1), (4, 1))
    assert deadline.moved_over == ()


def test_the_issue_example_says_every_day_counted() -> None:
    """The issue's input: '12/01/2026 09:00' + '15 ngày' lists no weekend as not counted."""
    text = compute_deadline(at(12, 1, 9), Duration.parse("15 ngày")).explain()
    assert "Not counted" not in text
    assert "Every day counts (calendar days), days off included" in text


def test_calendar_days_skipping_official_days_off() -> None:
    """10 days from Thu 12/02/2026, official days off left out: Tết 16-20/02 not counted.

    13, 14, 15 (weekend counts), then 21 .. 27 -> due Fri 27/02.
    """
    policy = DeadlinePolicy.civil_code(calendar_days_skip_days_off=True)
    deadline = compute_deadline(at(12, 2, 9), Duration.parse("10 ngày"), policy=policy)
    assert deadline.due_on == dt.date(2026, 2, 27)
    assert [s.day for s in deadline.skipped_days] == days(
        (16, 2), (17, 2), (18, 2), (19, 2), (20, 2)
    )
    assert all("Tết" in s.reason for s in deadline.skipped_days)
    assert "Official days off do not count; weekends do" in deadline.explain()


def test_explain_refuses_an_unknown_language() -> None:
    deadline = compute_deadline(at(12, 1, 9), Duration.parse("15 ngày"))
    with pytest.raises(ValueError, match="'fr'"):
        deadline.explain("fr")
