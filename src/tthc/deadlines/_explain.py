"""The explanation of a deadline in words, in Vietnamese or English (*giải trình thời hạn*).

One renderer for [`Deadline.explain`][tthc.deadlines.Deadline.explain] and the ``tthc deadline``
command: the receipt, the processing time and the policy, when counting started, the days not
counted and why, and the due instant. An instant at 00:00 is written as the end of the day
before (``24:00``, "hết ngày"): a limit that ends at 00:00 on the 16th ends with the 15th, and
the 15th is the day a clerk writes on the receipt (Civil Code 2015 Art. 148(2)).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.deadlines.deadline import Deadline

__all__ = ["LANGUAGES", "explain", "format_day", "format_instant", "off_reason"]

LANGUAGES: Final = ("vi", "en")

_VN_TZ: Final = dt.timezone(dt.timedelta(hours=7), "ICT")

# Weekday names, Monday first, as a receipt writes them ("Thứ Hai" ... "Chủ nhật").
_WEEKDAYS: Final = {
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

_WORDS: Final = {
    "vi": {
        # "end of day"
        "end_of_day": "hết ngày",
        "received": "Tiếp nhận",
        # "Vietnam time"
        "vn_time": "giờ Việt Nam",
        "processing_time": "Thời hạn giải quyết",
        # "rule set"
        "ruleset": "Quy định áp dụng",
        "working_time": "tính theo giờ làm việc",
        "civil_code": "tính theo Bộ luật Dân sự",
        "office_hours": "giờ làm việc",
        "counting_from": "Bắt đầu tính",
        "pause": "Tạm dừng",
        "not_counted": "Không tính",
        # "weekly rest day"
        "weekly_rest": "nghỉ hằng tuần",
        "due": "Hạn",
        "every_day": "Mọi ngày đều được tính (thời hạn theo {unit}), kể cả ngày nghỉ",
        "every_day_but_days_off": (
            "Ngày nghỉ lễ, Tết chính thức không được tính; ngày nghỉ cuối tuần vẫn được tính"
        ),
        "every_hour": "Mọi giờ đều được tính (thời hạn theo giờ)",
        "last_day_off": (
            "Ngày cuối của thời hạn, {day}, là ngày nghỉ: thời hạn kết thúc vào cuối ngày làm "
            "việc tiếp theo (Bộ luật Dân sự 2015, Điều 148)"
        ),
        "moved_over": "Chuyển qua",
        "unit_calendar_days": "ngày lịch",
        "unit_months": "tháng",
        "new_appointment": "Hẹn lại",
        "provisional": "Tạm tính: có năm trên đường tính chưa có lịch nghỉ chính thức.",
    },
    "en": {
        "end_of_day": "end of day",
        "received": "Received",
        "vn_time": "Vietnam time",
        "processing_time": "Processing time",
        "ruleset": "Rule set",
        "working_time": "working time",
        "civil_code": "civil code",
        "office_hours": "office hours",
        "counting_from": "Counting from",
        "pause": "Pause",
        "not_counted": "Not counted",
        "weekly_rest": "weekly rest day",
        "due": "Due",
        "every_day": "Every day counts ({unit}), days off included",
        "every_day_but_days_off": "Official days off do not count; weekends do",
        "every_hour": "Every hour counts (clock hours)",
        "last_day_off": (
            "The last day of the limit, {day}, is a day off: the limit ends at the end of the "
            "next working day (Civil Code 2015 Art. 148)"
        ),
        "moved_over": "Moved over",
        "unit_calendar_days": "calendar days",
        "unit_months": "months",
        "new_appointment": "New appointment",
        "provisional": "Provisional: a year on the way has no official schedule loaded.",
    },
}


def _checked(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidValueError("language", language, "'vi' or 'en'")
    return language


def format_day(day: dt.date, language: str = "en") -> str:
    """A day with its weekday: ``Thứ Năm 15/01/2026`` (vi) or ``Thu 15/01/2026`` (en)."""
    return f"{_WEEKDAYS[_checked(language)][day.weekday()]} {day:%d/%m/%Y}"


def format_instant(at: dt.datetime, language: str = "en", *, end: bool = False) -> str:
    """An instant in Vietnam time with its weekday.

    With ``end=True`` (the end of a limit), 00:00 is written as the end of the day before.

    Examples:
        >>> format_instant(dt.datetime(2026, 1, 16, tzinfo=_VN_TZ), "vi", end=True)
        'Thứ Năm 15/01/2026 24:00 (hết ngày)'
        >>> format_instant(dt.datetime(2026, 1, 16, tzinfo=_VN_TZ), "vi")
        'Thứ Sáu 16/01/2026 00:00'
        >>> format_instant(dt.datetime(2026, 1, 15, 16, 30, 5, tzinfo=_VN_TZ), "en")
        'Thu 15/01/2026 16:30:05'
    """
    language = _checked(language)
    local = at.astimezone(_VN_TZ)
    if end and local.time() == dt.time():
        day = local.date() - dt.timedelta(days=1)
        return f"{format_day(day, language)} 24:00 ({_WORDS[language]['end_of_day']})"
    clock = "%H:%M:%S" if local.second or local.microsecond else "%H:%M"
    return f"{format_day(local.date(), language)} {local:{clock}}"


def off_reason(calendar: WorkingCalendar, day: dt.date, language: str = "en") -> str:
    """Why ``day`` is not a working day: the day off's name and source, or the weekly rest."""
    language = _checked(language)
    entry = calendar.entry(day)
    if entry is not None and not calendar.is_working_day(day):
        return f"{entry.name} ({entry.source})"
    return _WORDS[language]["weekly_rest"]


def _what_counts(deadline: Deadline, language: str) -> list[str]:
    """A line saying that every day counts, for the units in which none is skipped."""
    words = _WORDS[language]
    unit = deadline.duration.unit.value
    if unit == "hours":
        return [words["every_hour"]]
    if unit == "calendar_days" and deadline.policy.calendar_days_skip_days_off:
        return [words["every_day_but_days_off"]]
    if unit in {"calendar_days", "months"}:
        return [words["every_day"].format(unit=words[f"unit_{unit}"])]
    return []


def explain(deadline: Deadline, language: str = "en") -> str:
    """A few lines saying how the due instant was reached, in ``language``.

    Args:
        deadline: The answer of ``compute_deadline``.
        language: ``"en"`` or ``"vi"``.

    Returns:
        The lines, joined with newlines.

    Raises:
        InvalidValueError: ``language`` is neither ``"vi"`` nor ``"en"``.
    """
    words = _WORDS[_checked(language)]
    policy = deadline.policy
    hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in policy.office_hours.periods)
    counted = words["civil_code"] if policy.kind.value == "civil_code" else words["working_time"]
    lines = [
        (
            f"{words['received']}: {format_instant(deadline.received_at, language)} "
            f"({words['vn_time']}, +07:00)"
        ),
        (
            f"{words['processing_time']}: {deadline.duration} ({counted}, "
            f"{words['office_hours']} {hours})"
        ),
        f"{words['counting_from']}: {format_instant(deadline.start_at, language)}",
    ]
    if deadline.ruleset is not None:
        rules = deadline.ruleset
        lines.insert(2, f"{words['ruleset']}: {rules.title} ({rules.name})")
    lines += [
        f"{words['pause']}: {format_instant(p.start_at, language)} - "
        f"{format_instant(p.end_at, language, end=True)}"
        for p in deadline.pauses
    ]
    lines += _what_counts(deadline, language)
    lines += [
        f"{words['not_counted']}: {format_day(s.day, language)} - "
        f"{off_reason(deadline.calendar, s.day, language)}"
        for s in deadline.skipped_days
    ]
    moved = deadline.moved_over
    if moved:
        lines.append(words["last_day_off"].format(day=format_day(moved[0].day, language)))
        lines += [
            f"{words['moved_over']}: {format_day(s.day, language)} - "
            f"{off_reason(deadline.calendar, s.day, language)}"
            for s in moved
        ]
    lines.append(f"{words['due']}: {format_instant(deadline.due_at, language, end=True)}")
    if deadline.reschedules:
        lines.append(
            f"{words['new_appointment']}: "
            f"{format_instant(deadline.appointment_at, language, end=True)}"
        )
    if deadline.is_provisional:
        lines.append(words["provisional"])
    return "\n".join(lines)
