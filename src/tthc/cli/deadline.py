"""``tthc deadline``: the appointment date (*ngày hẹn trả kết quả*) for a receipt, and why.

Loads only the calendar, the durations and the deadline rooms: this is the command people run
most, by hand, so it starts without the report, cost, SQL or file-format modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc.calendar import OfficeHours, vietnam_calendar
from tthc.cli._common import WEEKDAYS_VI
from tthc.deadlines import DeadlinePolicy, compute_deadline
from tthc.durations import Duration

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output

__all__ = ["run"]


def run(args: argparse.Namespace) -> Output:
    """Compute the due instant of ``args.received`` + ``args.duration`` under the chosen policy."""
    cal = vietnam_calendar()
    duration = Duration.parse(args.duration)
    hours = OfficeHours.parse(args.office_hours)
    make = (
        DeadlinePolicy.civil_code if args.policy == "civil-code" else DeadlinePolicy.working_time
    )
    policy = make(office_hours=hours, round_up_minutes=args.round)
    answer = compute_deadline(args.received, duration, calendar=cal, policy=policy)
    data: dict[str, object] = {
        "received_at": answer.received_at.isoformat(),
        "duration": str(duration),
        "policy": policy.kind.value,
        "due_at": answer.due_at.isoformat(),
        "due_on": answer.due_on.isoformat(),
        "skipped_days": [
            {"date": s.day.isoformat(), "reason": s.reason} for s in answer.skipped_days
        ],
        "provisional": answer.is_provisional,
    }
    due = answer.due_at
    text = (
        f"Ngày hẹn trả kết quả: {WEEKDAYS_VI[due.weekday()]} {due:%d/%m/%Y %H:%M}\n"
        + answer.explain()
    )
    return data, text
