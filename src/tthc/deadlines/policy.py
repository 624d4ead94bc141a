"""Deadline policies (*cách tính thời hạn*): how a processing time is counted into a due instant.

Two policies, both in real use:

* **working time** (the default; what one-stop systems do): office time is counted from the
  receipt (or from the next opening when the receipt falls outside office hours); N working days
  are N times the office time of a working day; the dossier is due at the earliest instant at
  which that much office time has passed. Received Monday 08:00 with 1 working day: due Monday
  17:00.
* **Civil Code** (Arts. 147–148): the day of receipt is not counted; a limit in days ends at the
  end of its last day; a last day that is a day off moves to the end of the next working day;
  months end on the corresponding day of the last month (or its last day).

Instants are timezone-aware. Vietnam time is UTC+07:00 all year ([`VN_TZ`][tthc.deadlines.VN_TZ]).
The calculator that applies a policy is [`compute_deadline`][tthc.deadlines.compute_deadline].
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Self

import attrs

from tthc import _validators as _v
from tthc.calendar._office import OfficeHours
from tthc.errors import InvalidValueError

__all__ = ["VN_TZ", "DeadlinePolicy", "EndOfDay", "PolicyKind"]

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Vietnam's time zone (*giờ Việt Nam*): UTC+07:00 all year, no daylight saving time since 1975."""


class PolicyKind(enum.Enum):
    """How working-day limits are counted."""

    WORKING_TIME = "working_time"
    """Office time from the receipt instant (one-stop practice)."""

    CIVIL_CODE = "civil_code"
    """Whole days, receipt day not counted, ending at the end of the last day (Arts. 147–148)."""


class EndOfDay(enum.Enum):
    """When "the end of a day" is."""

    OFFICE_CLOSE = "office_close"
    """The closing time of the day's last office period (17:00 by default)."""

    MIDNIGHT = "midnight"
    """24:00, i.e. 00:00 of the next day (Civil Code Art. 148(2))."""


def _check_round(instance: object, attribute: Any, value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 60 or 60 % value):  # noqa: PLR2004
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a divisor of 60 minutes (5, 10, 15, 30, …)"
        )


@attrs.frozen(kw_only=True, cache_hash=True)
class DeadlinePolicy:
    """How a processing time is counted into a due instant (*cách tính thời hạn*).

    Build one with [`working_time`][tthc.deadlines.DeadlinePolicy.working_time] (the default) or
    [`civil_code`][tthc.deadlines.DeadlinePolicy.civil_code].

    Attributes:
        kind: Working time or Civil Code.
        office_hours: The agency's office hours (also "the end of the day" for ``OFFICE_CLOSE``).
        end_of_day: When a limit counted in days ends on its last day.
        round_up_minutes: Round the due time up to a multiple of this many minutes (OpenCPS rounds
            to the quarter hour: 15); ``None`` keeps it exact.
        calendar_days_skip_days_off: Whether limits in calendar days (*ngày*) leave official days
            off (holidays, not weekends) out of the count, as some one-stop systems can be set to.

    Examples:
        >>> DeadlinePolicy.working_time(office_hours=OfficeHours.parse("07:00-11:30,13:30-17:00"))
        DeadlinePolicy(kind=<PolicyKind.WORKING_TIME: 'working_time'>, ...)
        >>> DeadlinePolicy.civil_code().end_of_day
        <EndOfDay.MIDNIGHT: 'midnight'>

    References:
        Civil Code 2015 (91/2015/QH13), Arts. 147–148. Production practice (same clock time N
        working days later; 8 office hours per working day; quarter-hour rounding): research notes
        ``vn_legal.md`` §1.2–1.3.
    """

    kind: PolicyKind = attrs.field(
        default=PolicyKind.WORKING_TIME, validator=_v.member_of(PolicyKind)
    )
    office_hours: OfficeHours = attrs.field(factory=OfficeHours)
    end_of_day: EndOfDay = attrs.field(
        default=EndOfDay.OFFICE_CLOSE, validator=_v.member_of(EndOfDay)
    )
    round_up_minutes: int | None = attrs.field(default=None, validator=_check_round)
    calendar_days_skip_days_off: bool = False

    @office_hours.validator
    def _check_hours(self, attribute: Any, value: OfficeHours) -> None:
        if not isinstance(value, OfficeHours):
            raise InvalidValueError.for_attribute(self, attribute, value, "an OfficeHours")

    @classmethod
    def working_time(cls, **options: Any) -> Self:
        """Return the working-time policy (the default), with ``options`` as attributes."""
        return cls(kind=PolicyKind.WORKING_TIME, **options)

    @classmethod
    def civil_code(cls, **options: Any) -> Self:
        """Return the Civil Code policy; the end of a day defaults to midnight (Art. 148)."""
        options.setdefault("end_of_day", EndOfDay.MIDNIGHT)
        return cls(kind=PolicyKind.CIVIL_CODE, **options)
