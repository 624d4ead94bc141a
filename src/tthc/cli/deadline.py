"""``tthc deadline``: the appointment date (*ngày hẹn trả kết quả*) for a receipt, and why.

Loads only the calendar, the durations and the deadline rooms: this is the command people run
most, by hand, so it starts without the report, cost, SQL or file-format modules.

The first line names the due day as the clerk copies it onto the receipt: a limit that ends at
24:00 is written ``Thứ Năm 15/01/2026 24:00 (hết ngày)``, never as 00:00 of the next day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from tthc.calendar import OfficeHours, vietnam_calendar
from tthc.cli._common import day_and_time
from tthc.cli._messages import UsageError, say
from tthc.deadlines import DeadlinePolicy, compute_deadline
from tthc.deadlines._explain import explain
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output
    from tthc.cli._messages import Lang

__all__ = ["run"]

# Units whose due day does not depend on the time of day of the receipt under the Civil Code
# policy (the receipt day is not counted, Art. 147(2)): a receipt given as a date alone is enough.
_DAY_UNITS = frozenset(
    {DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS, DurationUnit.MONTHS}
)


def _duration(text: str, lang: Lang) -> Duration:
    """The processing time, or a message that says how to write it."""
    try:
        return Duration.parse(text)
    except InvalidValueError:
        raise UsageError(say(lang, "duration_expected", text=text)) from None


def _whole_calendar_days(text: str, duration: Duration, lang: Lang) -> None:
    """Refuse part of a calendar day ("0,5 ngày"), naming what was probably meant."""
    value = Decimal(duration.value)
    if duration.unit is not DurationUnit.CALENDAR_DAYS or value == value.to_integral_value():
        return
    # Written the Vietnamese way, as Duration prints it: "0,5 ngày làm việc", "12 giờ".
    working = str(Duration.working_days(value))
    hours = str(Duration.hours(value * 24))
    raise UsageError(say(lang, "half_calendar_day", text=text, working=working, hours=hours))


def _policy(args: argparse.Namespace, lang: Lang) -> DeadlinePolicy:
    try:
        hours = OfficeHours.parse(args.office_hours)
    except InvalidValueError:
        raise UsageError(say(lang, "office_hours_expected", text=args.office_hours)) from None
    make = (
        DeadlinePolicy.civil_code if args.policy == "civil-code" else DeadlinePolicy.working_time
    )
    try:
        return make(office_hours=hours, round_up_minutes=args.round)
    except InvalidValueError:
        raise UsageError(say(lang, "round_expected", value=args.round)) from None


def _received(args: argparse.Namespace, duration: Duration, lang: Lang) -> dt.datetime:
    """The receipt instant; a date alone only where the time of day cannot matter."""
    value = args.received
    if isinstance(value, dt.datetime):
        return value
    text = value.strftime("%d/%m/%Y")
    if args.policy != "civil-code":
        raise UsageError(say(lang, "receipt_needs_time", text=text))
    if duration.unit not in _DAY_UNITS:
        raise UsageError(say(lang, "receipt_time_needed_for_unit", text=text, duration=duration))
    # Under the Civil Code the receipt day is not counted: any time of it gives the same due day.
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=7)))


def run(args: argparse.Namespace) -> Output:
    """Compute the due instant of ``args.received`` + ``args.duration`` under the chosen policy."""
    lang: Lang = args.lang
    cal = vietnam_calendar()
    duration = _duration(args.duration, lang)
    policy = _policy(args, lang)
    _whole_calendar_days(args.duration, duration, lang)
    received = _received(args, duration, lang)
    answer = compute_deadline(received, duration, calendar=cal, policy=policy)
    data: dict[str, object] = {
        "received_at": answer.received_at.isoformat()
        if isinstance(args.received, dt.datetime)
        else args.received.isoformat(),
        "duration": str(duration),
        "policy": policy.kind.value,
        "due_at": answer.due_at.isoformat(),
        "due_on": answer.due_on.isoformat(),
        "skipped_days": [
            {"date": s.day.isoformat(), "reason": s.reason} for s in answer.skipped_days
        ],
        "provisional": answer.is_provisional,
    }
    text = (
        f"{say(lang, 'appointment')}: {day_and_time(answer.appointment_at, lang, end=True)}\n"
        + explain(answer, lang)
    )
    return data, text
