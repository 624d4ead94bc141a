"""Tests of the appointment date (tthc.deadlines.compute_deadline), worked out by hand.

Rules under test (DESIGN.md, "Working days and deadlines"; research notes ``vn_legal.md``
§1.1-1.5, §1.9-1.10):

* working time (default; office hours 08:00-12:00 and 13:00-17:00): counting starts at the receipt,
  or at the next opening when the receipt is outside office hours; N working days are N x 8 h of
  office time; the due instant is the earliest one at which that much office time has passed;
* Civil Code Arts. 147-148: the receipt day is not counted; a limit in days ends at the end of its
  last day (24:00, or the office close when configured); a last day that is a day off moves to the
  end of the next working day; months end on the corresponding day (or the month's last day);
* same day ("trong ngày") with the 15:00 cut-off of copy certification (§1.4); clock hours;
  pauses for supplements (§1.9); apology slips with a new appointment (§1.10).

Every expected instant below was counted by hand on the official calendar (data file
``vn_public_sector.json``, checked against its sources in ``tests/calendar``), never by tthc:

* 2025: Tết Mon 27 - Fri 31/1; Sat 26/4 worked (for Fri 2/5); Wed 30/4 - Fri 2/5 off;
  Mon 1 - Tue 2/9 off.
* 2026: Thu 1 and Fri 2/1 off, Sat 10/1 worked (for 2/1); Tết Mon 16 - Fri 20/2; Tue 24/11 off
  (Ngày Văn hóa Việt Nam).
* A plain fortnight: Mon 3 - Fri 21/3/2025 has no day off and no worked Saturday.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

import tthc
from tthc import (
    VN_TZ,
    Deadline,
    DeadlinePolicy,
    Duration,
    EndOfDay,
    OfficeHours,
    Pause,
    PolicyKind,
    Reschedule,
    SkippedDay,
    compute_deadline,
)
from tthc.errors import InvalidValueError, OutOfCalendarRangeError, ProvisionalCalendarWarning

WD = Duration.working_days
WH = Duration.working_hours
CD = Duration.calendar_days
MO = Duration.months
H = Duration.hours

CIVIL = DeadlinePolicy.civil_code()
CIVIL_CLOSE = DeadlinePolicy.civil_code(end_of_day=EndOfDay.OFFICE_CLOSE)
CUTOFF_15 = Duration.same_day(cutoff=dt.time(15))

# A common agency schedule (vn_legal.md §1.3): 07:00-11:30 and 13:30-17:00 (8 h), and on Fridays
# only the morning 07:00-11:30 (4 h 30).
AGENCY = OfficeHours(periods=[("07:00", "11:30"), ("13:30", "17:00")], by_weekday={4: [("07:00", "11:30")]})  # fmt: skip


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0, *, s: int = 0) -> dt.datetime:
    """A Vietnam-time instant."""
    return dt.datetime(y, m, d, h, mi, s, tzinfo=VN_TZ)


def midnight_after(y: int, m: int, d: int) -> dt.datetime:
    """24:00 of the given day, i.e. 00:00 of the next one."""
    return at(y, m, d) + dt.timedelta(days=1)


class TestWorkingTimePlainWeek:
    """Working time: counting from the receipt or the next opening; 1 working day = 8 office hours.

    Week of Mon 10/3/2025 (no day off from 3/3 to 21/3/2025).
    """

    @pytest.mark.parametrize(
        ("received", "days", "due"),
        [
            pytest.param(at(2025, 3, 10, 8), 1, at(2025, 3, 10, 17),
                         id="Mon08:00+1=Mon17:00(8h-of-office-ends-at-close)"),
            pytest.param(at(2025, 3, 10, 7), 1, at(2025, 3, 10, 17),
                         id="Mon07:00(before-opening)+1=Mon17:00"),
            pytest.param(at(2025, 3, 10, 12, 30), 1, at(2025, 3, 11, 12),
                         id="Mon12:30(lunch,starts13:00)+1=4h-Mon+4h-Tue-morning=Tue12:00"),
            pytest.param(at(2025, 3, 10, 12), 1, at(2025, 3, 11, 12),
                         id="Mon12:00(lunch-starts)+1=Tue12:00"),
            pytest.param(at(2025, 3, 10, 13), 1, at(2025, 3, 11, 12),
                         id="Mon13:00+1=Tue12:00(earliest-instant,not-13:00)"),
            pytest.param(at(2025, 3, 10, 11, 59), 1, at(2025, 3, 11, 11, 59),
                         id="Mon11:59+1=1min+4h-Mon,3h59-Tue=Tue11:59"),
            pytest.param(at(2025, 3, 10, 17), 1, at(2025, 3, 11, 17),
                         id="Mon17:00(at-close)+1=Tue17:00"),
            pytest.param(at(2025, 3, 10, 17, 30), 1, at(2025, 3, 11, 17),
                         id="Mon17:30(after-close,starts-Tue08:00)+1=Tue17:00"),
            pytest.param(at(2025, 3, 10, 23, 59), 1, at(2025, 3, 11, 17),
                         id="Mon23:59+1=Tue17:00"),
            pytest.param(at(2025, 3, 11, 0, 0), 1, at(2025, 3, 11, 17),
                         id="Tue00:00+1=Tue17:00"),
            pytest.param(at(2025, 3, 9, 10), 1, at(2025, 3, 10, 17),
                         id="Sun(day-off,starts-Mon08:00)+1=Mon17:00"),
            pytest.param(at(2025, 3, 15, 9), 1, at(2025, 3, 17, 17),
                         id="Sat(ordinary-weekend)+1=Mon17:00"),
            pytest.param(at(2025, 3, 14, 15), 1, at(2025, 3, 17, 15),
                         id="Fri15:00+1=2h-Fri+6h-Mon=Mon15:00"),
            pytest.param(at(2025, 3, 10, 8), 5, at(2025, 3, 14, 17),
                         id="Mon08:00+5=Fri17:00"),
            pytest.param(at(2025, 3, 10, 10), 5, at(2025, 3, 17, 10),
                         id="Mon10:00+5=6h-Mon+32h-Tue..Fri+2h=Mon17/3-10:00"),
            pytest.param(at(2025, 3, 10, 10, 0, s=30), 1, at(2025, 3, 11, 10, 0, s=30),
                         id="Mon10:00:30+1=Tue10:00:30(seconds-kept)"),
        ],
    )  # fmt: skip
    def test_working_days(self, received: dt.datetime, days: int, due: dt.datetime) -> None:
        """N working days are due at the earliest instant with N x 8 h of office time counted."""
        deadline = compute_deadline(received, WD(days))
        assert deadline.due_at == due
        assert deadline.due_on == due.date()

    @pytest.mark.parametrize(
        ("received", "hours", "due"),
        [
            pytest.param(at(2025, 3, 10, 11), 4, at(2025, 3, 10, 16),
                         id="Mon11:00+4wh=1h-morning+3h-afternoon=16:00"),
            pytest.param(at(2025, 3, 10, 16), 2, at(2025, 3, 11, 9),
                         id="Mon16:00+2wh=1h-Mon+1h-Tue=Tue09:00"),
            pytest.param(at(2025, 3, 10, 12, 15), 4, at(2025, 3, 10, 17),
                         id="Mon12:15(lunch)+4wh=13:00..17:00"),
            pytest.param(at(2025, 3, 14, 16, 30), 8, at(2025, 3, 17, 16, 30),
                         id="Fri16:30+8wh=0.5h-Fri+7.5h-Mon=Mon16:30"),
            pytest.param(at(2025, 3, 10, 8), 40, at(2025, 3, 14, 17),
                         id="Mon08:00+40wh=5-working-days=Fri17:00"),
        ],
    )  # fmt: skip
    def test_working_hours(self, received: dt.datetime, hours: int, due: dt.datetime) -> None:
        """Working hours count office time, skipping the lunch break, evenings and weekends."""
        assert compute_deadline(received, WH(hours)).due_at == due

    @pytest.mark.parametrize(
        ("received", "duration", "due"),
        [
            pytest.param(at(2025, 3, 10, 8), WD(Decimal("0.5")), at(2025, 3, 10, 12),
                         id="Mon08:00+0.5wd=4h=Mon12:00(not-13:00)"),
            pytest.param(at(2025, 3, 10, 10), WD(Decimal("0.5")), at(2025, 3, 10, 15),
                         id="Mon10:00+0.5wd=2h-morning+2h=15:00"),
            pytest.param(at(2025, 3, 10, 8), WD(Decimal("1.5")), at(2025, 3, 11, 12),
                         id="Mon08:00+1.5wd=12h=Tue12:00"),
            pytest.param(at(2025, 3, 10, 11, 30), WD(Decimal("0.125")), at(2025, 3, 10, 13, 30),
                         id="Mon11:30+0.125wd=1h=30min-morning+30min-afternoon=13:30"),
            pytest.param(at(2025, 3, 10, 11, 50), WH(Decimal("0.25")), at(2025, 3, 10, 13, 5),
                         id="Mon11:50+0.25wh=15min=10min+5min=13:05"),
            pytest.param(at(2025, 3, 14, 16), WD(Decimal("0.25")), at(2025, 3, 17, 9),
                         id="Fri16:00+0.25wd=2h=1h-Fri+1h-Mon=Mon09:00"),
        ],
    )  # fmt: skip
    def test_fractional(self, received: dt.datetime, duration: Duration, due: dt.datetime) -> None:
        """A fractional Decimal limit is that fraction of 8 office hours (0.5 working day = 4 h)."""
        assert compute_deadline(received, duration).due_at == due

    @pytest.mark.parametrize(
        ("received", "minutes", "due"),
        [
            pytest.param(at(2025, 3, 10, 8, 7), 15, at(2025, 3, 11, 8, 15),
                         id="Mon08:07+1=Tue08:07->08:15"),
            pytest.param(at(2025, 3, 10, 8), 15, at(2025, 3, 10, 17),
                         id="Mon08:00+1=Mon17:00-already-on-the-quarter"),
            pytest.param(at(2025, 3, 10, 9, 10), 30, at(2025, 3, 11, 9, 30),
                         id="Mon09:10+1=Tue09:10->09:30"),
            pytest.param(at(2025, 3, 10, 9, 10), 60, at(2025, 3, 11, 10),
                         id="Mon09:10+1=Tue09:10->10:00"),
            pytest.param(at(2025, 3, 10, 9, 15, s=1), 15, at(2025, 3, 11, 9, 30),
                         id="Mon09:15:01+1=Tue09:15:01->09:30"),
        ],
    )  # fmt: skip
    def test_round_up(self, received: dt.datetime, minutes: int, due: dt.datetime) -> None:
        """``round_up_minutes`` rounds the due time up to a multiple of that many minutes."""
        policy = DeadlinePolicy.working_time(round_up_minutes=minutes)
        assert compute_deadline(received, WD(1), policy=policy).due_at == due

    @pytest.mark.parametrize(
        ("received", "start"),
        [
            pytest.param(at(2025, 3, 10, 9, 30), at(2025, 3, 10, 9, 30), id="in-hours=receipt"),
            pytest.param(at(2025, 3, 10, 7), at(2025, 3, 10, 8), id="before-opening=08:00"),
            pytest.param(at(2025, 3, 10, 12, 30), at(2025, 3, 10, 13), id="lunch=13:00"),
            pytest.param(at(2025, 3, 10, 12), at(2025, 3, 10, 13), id="12:00=13:00"),
            pytest.param(at(2025, 3, 10, 17, 30), at(2025, 3, 11, 8), id="after-close=Tue08:00"),
            pytest.param(at(2025, 3, 10, 17), at(2025, 3, 11, 8), id="at-close=Tue08:00"),
            pytest.param(at(2025, 3, 9, 10), at(2025, 3, 10, 8), id="Sunday=Mon08:00"),
            pytest.param(at(2025, 1, 29, 9), at(2025, 2, 3, 8), id="Tet2025=Mon3/2-08:00"),
        ],
    )  # fmt: skip
    def test_start_at(self, received: dt.datetime, start: dt.datetime) -> None:
        """``start_at`` is the receipt, or the next opening when it falls outside office hours."""
        assert compute_deadline(received, WD(1)).start_at == start


class TestWorkingTimeAroundBreaks:
    """Working time across official days off and worked Saturdays (official schedules 2025-2026)."""

    @pytest.mark.parametrize(
        ("received", "duration", "due"),
        [
            # Tết 2025: Mon 27 - Fri 31/1 off, with the weekends around it.
            pytest.param(at(2025, 1, 24, 10), WD(1), at(2025, 2, 3, 10),
                         id="Tet2025:Fri24/1-10:00+1=6h-Fri+2h-Mon3/2=Mon3/2-10:00"),
            pytest.param(at(2025, 1, 23, 14), WD(2), at(2025, 2, 3, 14),
                         id="Tet2025:Thu23/1-14:00+2=3h+8h-Fri+5h-Mon=Mon3/2-14:00"),
            pytest.param(at(2025, 1, 29, 9), WD(1), at(2025, 2, 3, 17),
                         id="Tet2025:received-Wed29/1(off)+1=Mon3/2-17:00"),
            pytest.param(at(2025, 1, 24, 17, 30), WH(4), at(2025, 2, 3, 12),
                         id="Tet2025:Fri24/1-17:30+4wh=Mon3/2-12:00"),
            # Sat 26/4/2025 worked (for Fri 2/5); Wed 30/4 - Fri 2/5 off.
            pytest.param(at(2025, 4, 25, 16), WD(1), at(2025, 4, 26, 16),
                         id="Fri25/4-16:00+1=1h-Fri+7h-worked-Sat26/4=Sat16:00"),
            pytest.param(at(2025, 4, 25, 17, 30), WD(1), at(2025, 4, 26, 17),
                         id="Fri25/4-17:30+1=worked-Sat26/4-17:00"),
            pytest.param(at(2025, 4, 26, 12, 30), WD(1), at(2025, 4, 28, 12),
                         id="worked-Sat26/4-lunch+1=4h-Sat+4h-Mon28/4=Mon12:00"),
            pytest.param(at(2025, 4, 29, 9), WD(1), at(2025, 5, 5, 9),
                         id="Tue29/4-09:00+1=7h-Tue,30/4..4/5-off,1h-Mon5/5=Mon09:00"),
            pytest.param(at(2025, 4, 29, 9), WD(2), at(2025, 5, 6, 9),
                         id="Tue29/4-09:00+2=7h-Tue+8h-Mon5/5+1h=Tue6/5-09:00"),
            pytest.param(at(2025, 4, 28, 17, 30), WD(1), at(2025, 4, 29, 17),
                         id="Mon28/4-17:30+1=Tue29/4-17:00"),
            # 2026: Thu 1/1 and Fri 2/1 off; Sat 10/1 worked (for 2/1).
            pytest.param(at(2025, 12, 31, 12, 30), WD(1), at(2026, 1, 5, 12),
                         id="Wed31/12/2025-lunch+1=4h-Wed+4h-Mon5/1=Mon12:00"),
            pytest.param(at(2025, 12, 31, 16), WD(2), at(2026, 1, 6, 16),
                         id="Wed31/12/2025-16:00+2=1h+8h-Mon5/1+7h=Tue6/1-16:00"),
            pytest.param(at(2026, 1, 1, 10), WD(1), at(2026, 1, 5, 17),
                         id="Thu1/1/2026(off)+1=Mon5/1-17:00"),
            pytest.param(at(2026, 1, 9, 17, 30), WD(1), at(2026, 1, 10, 17),
                         id="Fri9/1/2026-17:30+1=worked-Sat10/1-17:00"),
            pytest.param(at(2026, 1, 9, 17, 30), WD(2), at(2026, 1, 12, 17),
                         id="Fri9/1/2026-17:30+2=Sat10/1+Mon12/1-17:00"),
            pytest.param(at(2026, 1, 9, 10), WH(10), at(2026, 1, 10, 12),
                         id="Fri9/1/2026-10:00+10wh=6h-Fri+4h-Sat10/1=Sat12:00"),
            # Tết 2026: Mon 16 - Fri 20/2 off.
            pytest.param(at(2026, 2, 13, 8), WD(2), at(2026, 2, 23, 17),
                         id="Tet2026:Fri13/2-08:00+2=Fri+Mon23/2-17:00"),
            pytest.param(at(2026, 2, 12, 15), WD(3), at(2026, 2, 24, 15),
                         id="Tet2026:Thu12/2-15:00+3=2h+8h-Fri+8h-Mon23/2+6h=Tue24/2-15:00"),
            pytest.param(at(2026, 2, 15, 10), WD(1), at(2026, 2, 23, 17),
                         id="Tet2026:Sun15/2+1=Mon23/2-17:00"),
            # Tue 24/11/2026 off (Ngày Văn hóa Việt Nam).
            pytest.param(at(2026, 11, 23, 13), WD(1), at(2026, 11, 25, 12),
                         id="Mon23/11/2026-13:00+1=4h-Mon+4h-Wed25/11=Wed12:00"),
            pytest.param(at(2026, 11, 23, 17), WD(1), at(2026, 11, 25, 17),
                         id="Mon23/11/2026-17:00+1=Wed25/11-17:00"),
        ],
    )  # fmt: skip
    def test_due(self, received: dt.datetime, duration: Duration, due: dt.datetime) -> None:
        """Days off are skipped and worked Saturdays counted like any working day."""
        assert compute_deadline(received, duration).due_at == due


class TestCustomOfficeHours:
    """Office hours per agency: 07:00-11:30 and 13:30-17:00, Fridays 07:00-11:30 only (§1.3, §1.7).

    One working day is the main periods' 8 h; a worked Saturday uses the main periods unless it has
    its own override.
    """

    @pytest.mark.parametrize(
        ("received", "duration", "due"),
        [
            pytest.param(at(2025, 3, 10, 7), WD(1), at(2025, 3, 10, 17),
                         id="Mon07:00+1=4h30+3h30=Mon17:00"),
            pytest.param(at(2025, 3, 10, 12), WD(1), at(2025, 3, 11, 11, 30),
                         id="Mon12:00(lunch-until-13:30)+1=3h30-Mon+4h30-Tue=Tue11:30"),
            pytest.param(at(2025, 3, 10, 6, 30), WH(4), at(2025, 3, 10, 11),
                         id="Mon06:30(before-07:00)+4wh=11:00"),
            pytest.param(at(2025, 3, 10, 11), WH(1), at(2025, 3, 10, 14),
                         id="Mon11:00+1wh=30min+30min-after-13:30=14:00"),
            pytest.param(at(2025, 3, 13, 14), WD(1), at(2025, 3, 17, 7, 30),
                         id="Thu14:00+1=3h-Thu+4h30-Fri-morning+30min-Mon=Mon07:30"),
            pytest.param(at(2025, 3, 13, 13, 30), WD(1), at(2025, 3, 14, 11, 30),
                         id="Thu13:30+1=3h30-Thu+4h30-Fri=Fri-close-11:30"),
            pytest.param(at(2025, 3, 14, 12), WD(1), at(2025, 3, 17, 17),
                         id="Fri12:00(after-Friday-close-11:30)+1=Mon17:00"),
            pytest.param(at(2025, 4, 25, 10), WD(1), at(2025, 4, 26, 15, 30),
                         id="Fri25/4-10:00+1=1h30-Fri+4h30+2h-worked-Sat(main-periods)=Sat15:30"),
        ],
    )  # fmt: skip
    def test_agency_hours(
        self, received: dt.datetime, duration: Duration, due: dt.datetime
    ) -> None:
        """Office time is counted on the agency's own periods, with the Friday override."""
        policy = DeadlinePolicy.working_time(office_hours=AGENCY)
        assert compute_deadline(received, duration, policy=policy).due_at == due

    def test_agency_pause(self) -> None:
        """A pause removes office time on the agency's own periods."""
        policy = DeadlinePolicy.working_time(office_hours=AGENCY)
        pause = Pause(start_at=at(2025, 3, 13, 14), end_at=at(2025, 3, 13, 15))
        # Thu 13:30 + 1 working day = Fri 11:30 (above); 1 h paused -> Mon 17/3 07:00 + 1 h.
        deadline = compute_deadline(at(2025, 3, 13, 13, 30), WD(1), policy=policy, pauses=[pause])
        assert deadline.due_at == at(2025, 3, 17, 8)

    def test_agency_start_at(self) -> None:
        """A receipt in the agency's lunch break (11:30-13:30) counts from 13:30."""
        policy = DeadlinePolicy.working_time(office_hours=AGENCY)
        assert compute_deadline(at(2025, 3, 10, 12), WD(1), policy=policy).start_at == at(
            2025, 3, 10, 13, 30
        )

    def test_saturday_override_on_worked_saturday(self) -> None:
        """A Saturday override (08:00-11:00) applies on the worked Saturday 26/4/2025."""
        hours = OfficeHours(by_weekday={5: [("08:00", "11:00")]})
        policy = DeadlinePolicy.working_time(office_hours=hours)
        # Fri 25/4 16:00: 1 h Friday + 3 h Saturday 08:00-11:00 + 4 h Monday 28/4 morning.
        deadline = compute_deadline(at(2025, 4, 25, 16), WD(1), policy=policy)
        assert deadline.due_at == at(2025, 4, 28, 12)

    def test_same_day_friday_close(self) -> None:
        """Same day on a Friday ends at the Friday close (11:30), or Monday's close after it."""
        policy = DeadlinePolicy.working_time(office_hours=AGENCY)
        same = Duration.same_day()
        assert compute_deadline(at(2025, 3, 14, 11), same, policy=policy).due_at == at(
            2025, 3, 14, 11, 30
        )
        assert compute_deadline(at(2025, 3, 14, 12), same, policy=policy).due_at == at(
            2025, 3, 17, 17
        )

    def test_civil_code_office_close_friday(self) -> None:
        """Civil Code ending at the office close uses the closing of the last day's weekday."""
        policy = DeadlinePolicy.civil_code(office_hours=AGENCY, end_of_day=EndOfDay.OFFICE_CLOSE)
        # Thu 13/3/2025 + 1 working day = Fri 14/3, which closes at 11:30.
        assert compute_deadline(at(2025, 3, 13, 9), WD(1), policy=policy).due_at == at(
            2025, 3, 14, 11, 30
        )


class TestSameDay:
    """Same day ("trong ngày"); received after 15:00, due the next working day (§1.4).

    A receipt on a working day, at or before the cut-off and before the close, is due at that
    day's close; after the cut-off, after closing or on a day off, at the next working day's close.
    """

    @pytest.mark.parametrize(
        ("received", "due"),
        [
            pytest.param(at(2025, 3, 10, 14, 59), at(2025, 3, 10, 17), id="Mon14:59=Mon17:00"),
            pytest.param(at(2025, 3, 10, 15), at(2025, 3, 10, 17),
                         id="Mon15:00(at-cutoff)=Mon17:00"),
            pytest.param(at(2025, 3, 10, 15, 1), at(2025, 3, 11, 17),
                         id="Mon15:01(after-cutoff)=Tue17:00"),
            pytest.param(at(2025, 3, 10, 15, 0, s=30), at(2025, 3, 11, 17),
                         id="Mon15:00:30(after-cutoff)=Tue17:00"),
            pytest.param(at(2025, 3, 10, 7), at(2025, 3, 10, 17), id="Mon07:00=Mon17:00"),
            pytest.param(at(2025, 3, 10, 12, 30), at(2025, 3, 10, 17), id="Mon-lunch=Mon17:00"),
            pytest.param(at(2025, 3, 10, 17, 30), at(2025, 3, 11, 17), id="Mon17:30=Tue17:00"),
            pytest.param(at(2025, 3, 9, 10), at(2025, 3, 10, 17), id="Sun=Mon17:00"),
            pytest.param(at(2025, 3, 14, 15, 30), at(2025, 3, 17, 17),
                         id="Fri15:30=next-working-day-Mon17:00"),
            pytest.param(at(2025, 1, 24, 15, 30), at(2025, 2, 3, 17),
                         id="Tet2025:Fri24/1-15:30=Mon3/2-17:00"),
            pytest.param(at(2025, 1, 28, 9), at(2025, 2, 3, 17),
                         id="Tet2025:Tue28/1(off)=Mon3/2-17:00"),
            pytest.param(at(2025, 4, 25, 16), at(2025, 4, 26, 17),
                         id="Fri25/4/2025-16:00=worked-Sat26/4-17:00"),
            pytest.param(at(2025, 4, 26, 10), at(2025, 4, 26, 17),
                         id="worked-Sat26/4/2025-10:00=Sat17:00"),
            pytest.param(at(2025, 4, 29, 15, 30), at(2025, 5, 5, 17),
                         id="Tue29/4/2025-15:30=Mon5/5-17:00(30/4..4/5-off)"),
            pytest.param(at(2026, 1, 1, 9), at(2026, 1, 5, 17),
                         id="Thu1/1/2026(off)=Mon5/1-17:00"),
            pytest.param(at(2026, 11, 23, 16), at(2026, 11, 25, 17),
                         id="Mon23/11/2026-16:00=Wed25/11-17:00"),
        ],
    )  # fmt: skip
    def test_cutoff_15(self, received: dt.datetime, due: dt.datetime) -> None:
        """With the 15:00 cut-off the result is due at the close of the right working day."""
        deadline = compute_deadline(received, CUTOFF_15)
        assert deadline.due_at == due
        assert deadline.due_on == due.date()

    @pytest.mark.parametrize(
        ("received", "due"),
        [
            pytest.param(at(2025, 3, 10, 15, 30), at(2025, 3, 10, 17), id="Mon15:30=Mon17:00"),
            pytest.param(at(2025, 3, 10, 16, 59), at(2025, 3, 10, 17), id="Mon16:59=Mon17:00"),
            pytest.param(at(2025, 3, 10, 17), at(2025, 3, 11, 17), id="Mon17:00(closed)=Tue17:00"),
            pytest.param(at(2025, 3, 15, 10), at(2025, 3, 17, 17), id="Sat=Mon17:00"),
        ],
    )  # fmt: skip
    def test_no_cutoff(self, received: dt.datetime, due: dt.datetime) -> None:
        """Without a cut-off, any receipt before the close is due the same day."""
        assert compute_deadline(received, Duration.same_day()).due_at == due

    @pytest.mark.parametrize(
        ("received", "due_on"),
        [
            pytest.param(at(2025, 3, 10, 10), dt.date(2025, 3, 10), id="Mon10:00=Mon"),
            pytest.param(at(2025, 3, 10, 15, 30), dt.date(2025, 3, 11), id="Mon15:30=Tue"),
            pytest.param(at(2025, 1, 24, 15, 30), dt.date(2025, 2, 3), id="Tet2025=Mon3/2"),
            pytest.param(at(2026, 1, 9, 16), dt.date(2026, 1, 10), id="Fri9/1/2026=Sat10/1"),
        ],
    )
    def test_civil_code_same_day(self, received: dt.datetime, due_on: dt.date) -> None:
        """Under the Civil Code the same working day is chosen; it ends at 24:00 or the close."""
        assert compute_deadline(received, CUTOFF_15, policy=CIVIL).due_on == due_on
        closing = compute_deadline(received, CUTOFF_15, policy=CIVIL_CLOSE)
        assert closing.due_at == dt.datetime.combine(due_on, dt.time(17), tzinfo=VN_TZ)


class TestCivilCodeWorkingDays:
    """Civil Code Art. 147(2): "the first day is not counted"; Art. 148: a limit in days ends at
    the end of the last day (24:00), a last day that is a day off moving to the next working day.
    """

    @pytest.mark.parametrize(
        ("received", "days", "due_on"),
        [
            pytest.param(at(2025, 3, 10, 10), 5, dt.date(2025, 3, 17),
                         id="Mon10/3+5=Tue..Fri,Mon17/3"),
            pytest.param(at(2025, 3, 10, 0, 0), 1, dt.date(2025, 3, 11),
                         id="Mon00:00+1=Tue(receipt-day-not-counted)"),
            pytest.param(at(2025, 3, 10, 23, 59), 1, dt.date(2025, 3, 11), id="Mon23:59+1=Tue"),
            pytest.param(at(2025, 3, 9, 10), 1, dt.date(2025, 3, 10), id="Sun+1=Mon"),
            pytest.param(at(2025, 3, 14, 10), 1, dt.date(2025, 3, 17), id="Fri+1=Mon"),
            pytest.param(at(2025, 1, 24, 10), 1, dt.date(2025, 2, 3), id="Tet2025:Fri24/1+1=Mon3/2"),
            pytest.param(at(2025, 1, 20, 10), 5, dt.date(2025, 2, 3),
                         id="Tet2025:Mon20/1+5=21,22,23,24/1,3/2"),
            pytest.param(at(2025, 4, 25, 10), 1, dt.date(2025, 4, 26), id="Fri25/4/2025+1=worked-Sat26/4"),
            pytest.param(at(2025, 4, 25, 10), 2, dt.date(2025, 4, 28), id="Fri25/4/2025+2=Mon28/4"),
            pytest.param(at(2025, 4, 25, 10), 3, dt.date(2025, 4, 29), id="Fri25/4/2025+3=Tue29/4"),
            pytest.param(at(2025, 4, 25, 10), 4, dt.date(2025, 5, 5),
                         id="Fri25/4/2025+4=Mon5/5(30/4..2/5-off)"),
            pytest.param(at(2025, 12, 31, 10), 1, dt.date(2026, 1, 5),
                         id="Wed31/12/2025+1=Mon5/1/2026(1,2/1-off)"),
            pytest.param(at(2026, 1, 9, 10), 1, dt.date(2026, 1, 10), id="Fri9/1/2026+1=worked-Sat10/1"),
            pytest.param(at(2026, 2, 13, 10), 1, dt.date(2026, 2, 23), id="Tet2026:Fri13/2+1=Mon23/2"),
            pytest.param(at(2026, 11, 20, 10), 2, dt.date(2026, 11, 25),
                         id="Fri20/11/2026+2=Mon23/11,Wed25/11(24/11-off)"),
        ],
    )  # fmt: skip
    def test_midnight(self, received: dt.datetime, days: int, due_on: dt.date) -> None:
        """N working days end at 24:00 of the N-th working day after the receipt date."""
        deadline = compute_deadline(received, WD(days), policy=CIVIL)
        assert deadline.due_on == due_on
        assert deadline.due_at == midnight_after(due_on.year, due_on.month, due_on.day)
        next_day = received.date() + dt.timedelta(days=1)
        assert deadline.start_at == dt.datetime.combine(next_day, dt.time(), tzinfo=VN_TZ)

    @pytest.mark.parametrize(
        ("received", "days", "due"),
        [
            pytest.param(at(2025, 3, 10, 10), 5, at(2025, 3, 17, 17), id="Mon10/3+5=Mon17/3-17:00"),
            pytest.param(at(2026, 1, 9, 10), 1, at(2026, 1, 10, 17), id="Fri9/1/2026+1=Sat10/1-17:00"),
        ],
    )  # fmt: skip
    def test_office_close(self, received: dt.datetime, days: int, due: dt.datetime) -> None:
        """With ``end_of_day=OFFICE_CLOSE`` the last day ends at its closing time."""
        deadline = compute_deadline(received, WD(days), policy=CIVIL_CLOSE)
        assert deadline.due_at == due
        assert deadline.due_on == due.date()

    def test_working_hours_are_office_time(self) -> None:
        """Working hours are office time under the Civil Code policy too."""
        # Mon 16:00 + 2 working hours: 1 h Monday, 1 h Tuesday morning.
        assert compute_deadline(at(2025, 3, 10, 16), WH(2), policy=CIVIL).due_at == at(
            2025, 3, 11, 9
        )

    def test_policy_defaults(self) -> None:
        """The Civil Code policy ends days at midnight; the default policy is working time."""
        assert CIVIL.kind is PolicyKind.CIVIL_CODE
        assert CIVIL.end_of_day is EndOfDay.MIDNIGHT
        assert DeadlinePolicy().kind is PolicyKind.WORKING_TIME
        assert DeadlinePolicy() == DeadlinePolicy.working_time()


class TestCivilCodeCalendarDays:
    """Art. 148: a limit in calendar days ends at the end of (receipt date + N), moved to the end
    of the next working day when that day is off.
    """

    @pytest.mark.parametrize(
        ("received", "days", "due_on"),
        [
            pytest.param(at(2025, 3, 10, 10), 3, dt.date(2025, 3, 13), id="Mon10/3+3=Thu13/3"),
            pytest.param(at(2025, 3, 10, 10), 5, dt.date(2025, 3, 17),
                         id="Mon10/3+5=Sat15/3->Mon17/3"),
            pytest.param(at(2025, 1, 20, 10), 7, dt.date(2025, 2, 3),
                         id="Tet2025:Mon20/1+7=Mon27/1(off)->Mon3/2"),
            pytest.param(at(2025, 4, 25, 10), 5, dt.date(2025, 5, 5),
                         id="Fri25/4/2025+5=Wed30/4(off)->Mon5/5"),
            pytest.param(at(2025, 4, 21, 10), 5, dt.date(2025, 4, 26),
                         id="Mon21/4/2025+5=worked-Sat26/4(not-moved)"),
            pytest.param(at(2025, 12, 26, 10), 7, dt.date(2026, 1, 5),
                         id="Fri26/12/2025+7=Fri2/1/2026(off)->Mon5/1"),
            pytest.param(at(2026, 1, 3, 10), 7, dt.date(2026, 1, 10),
                         id="Sat3/1/2026+7=worked-Sat10/1(not-moved)"),
            pytest.param(at(2026, 2, 14, 10), 3, dt.date(2026, 2, 23),
                         id="Tet2026:Sat14/2+3=Tue17/2(off)->Mon23/2"),
            pytest.param(at(2026, 11, 23, 10), 1, dt.date(2026, 11, 25),
                         id="Mon23/11/2026+1=Tue24/11(off)->Wed25/11"),
            pytest.param(at(2025, 3, 10, 10), 30, dt.date(2025, 4, 9), id="Mon10/3/2025+30=Wed9/4"),
        ],
    )  # fmt: skip
    def test_calendar_days(self, received: dt.datetime, days: int, due_on: dt.date) -> None:
        """Calendar days count every day; only the last day is moved off a day off."""
        deadline = compute_deadline(received, CD(days), policy=CIVIL)
        assert deadline.due_on == due_on
        assert deadline.due_at == midnight_after(due_on.year, due_on.month, due_on.day)

    def test_calendar_days_under_working_time(self) -> None:
        """Under the working-time policy calendar days count the same days, ending at the close."""
        # Mon 20/1/2025 + 7 = Mon 27/1 (Tết) -> Mon 3/2/2025, 17:00.
        assert compute_deadline(at(2025, 1, 20, 10), CD(7)).due_at == at(2025, 2, 3, 17)

    def test_skip_days_off(self) -> None:
        """``calendar_days_skip_days_off`` leaves official days off (not weekends) out of the count."""
        received = at(2025, 1, 24, 10)
        # Plain: Fri 24/1 + 10 = Mon 3/2/2025 (working).
        assert compute_deadline(received, CD(10), policy=CIVIL).due_on == dt.date(2025, 2, 3)
        # Skipping 27-31/1: 25, 26, 1/2, 2, 3, 4, 5, 6, 7, 8/2 -> Sat 8/2 -> Mon 10/2.
        policy = DeadlinePolicy.civil_code(calendar_days_skip_days_off=True)
        assert compute_deadline(received, CD(10), policy=policy).due_on == dt.date(2025, 2, 10)


class TestCivilCodeMonths:
    """Art. 148(1): a limit in months ends on the corresponding day of the last month, or on that
    month's last day when it has no such day; then moved off a day off.
    """

    @pytest.mark.parametrize(
        ("received", "months", "due_on"),
        [
            pytest.param(at(2025, 1, 31, 10), 1, dt.date(2025, 2, 28),
                         id="31/1/2025+1=28/2(Fri)"),
            pytest.param(at(2024, 1, 31, 10), 1, dt.date(2024, 2, 29),
                         id="31/1/2024+1=29/2(leap,Thu)"),
            pytest.param(at(2025, 8, 2, 10), 1, dt.date(2025, 9, 3),
                         id="2/8/2025+1=Tue2/9(off)->Wed3/9"),
            pytest.param(at(2025, 12, 31, 10), 2, dt.date(2026, 3, 2),
                         id="31/12/2025+2=Sat28/2/2026->Mon2/3"),
            pytest.param(at(2025, 3, 31, 10), 1, dt.date(2025, 5, 5),
                         id="31/3/2025+1=30/4(off)->Mon5/5"),
            pytest.param(at(2026, 1, 17, 10), 1, dt.date(2026, 2, 23),
                         id="17/1/2026+1=Tue17/2(Tet)->Mon23/2"),
            pytest.param(at(2025, 3, 15, 10), 12, dt.date(2026, 3, 16),
                         id="15/3/2025+12=Sun15/3/2026->Mon16/3"),
            pytest.param(at(2025, 2, 28, 10), 1, dt.date(2025, 3, 28),
                         id="28/2/2025+1=28/3(not-month-end)"),
        ],
    )  # fmt: skip
    def test_months(self, received: dt.datetime, months: int, due_on: dt.date) -> None:
        """Months end on the corresponding (or last) day, rolled to a working day."""
        deadline = compute_deadline(received, MO(months), policy=CIVIL)
        assert deadline.due_on == due_on
        assert deadline.due_at == midnight_after(due_on.year, due_on.month, due_on.day)

    def test_months_under_working_time(self) -> None:
        """Under the working-time policy months end at the close of the same day."""
        assert compute_deadline(at(2025, 1, 31, 10), MO(1)).due_at == at(2025, 2, 28, 17)


class TestClockHours:
    """Art. 147(1): a limit in hours (*giờ*) starts at the stated moment; elapsed time."""

    @pytest.mark.parametrize(
        ("received", "hours", "due"),
        [
            pytest.param(at(2025, 3, 14, 16), 24, at(2025, 3, 15, 16), id="Fri16:00+24h=Sat16:00"),
            pytest.param(at(2025, 1, 24, 10), 72, at(2025, 1, 27, 10),
                         id="Fri24/1/2025+72h=Mon27/1(Tet-not-skipped)"),
            pytest.param(at(2025, 3, 10, 23, 30), Decimal("0.5"), at(2025, 3, 11, 0, 0),
                         id="Mon23:30+0.5h=Tue00:00"),
            pytest.param(at(2025, 3, 10, 12, 30), 1, at(2025, 3, 10, 13, 30),
                         id="lunch-not-skipped"),
        ],
    )  # fmt: skip
    def test_hours(self, received: dt.datetime, hours: int | Decimal, due: dt.datetime) -> None:
        """Clock hours are added to the receipt instant, nights and days off included."""
        deadline = compute_deadline(received, H(hours))
        assert deadline.due_at == due
        assert compute_deadline(received, H(hours), policy=CIVIL).due_at == due

    def test_hours_with_pause(self) -> None:
        """A pause inside a clock-hour limit adds its length."""
        pause = Pause(start_at=at(2025, 3, 10, 9), end_at=at(2025, 3, 10, 10, 30))
        # 08:00 + 4 h = 12:00, plus the 1 h 30 pause = 13:30.
        assert compute_deadline(at(2025, 3, 10, 8), H(4), pauses=[pause]).due_at == at(
            2025, 3, 10, 13, 30
        )


class TestPauses:
    """Decision 766 indicator 2.1 (§1.9): the time waiting for a supplement is not counted.

    Working time: office time inside a pause is not counted. Received Mon 10/3/2025 08:00 with
    2 working days, the dossier is due Tue 11/3 17:00 without a pause.
    """

    RECEIVED = at(2025, 3, 10, 8)
    DUE = at(2025, 3, 11, 17)

    @pytest.mark.parametrize(
        ("pauses", "due"),
        [
            pytest.param([], DUE, id="no-pause=Tue17:00"),
            pytest.param([(at(2025, 3, 10, 14), at(2025, 3, 11, 10))], at(2025, 3, 12, 14),
                         id="one:Mon14:00-Tue10:00=3h+2h-office->Wed14:00"),
            pytest.param([(at(2025, 3, 10, 14), at(2025, 3, 10, 16)),
                          (at(2025, 3, 10, 15), at(2025, 3, 11, 10))], at(2025, 3, 12, 14),
                         id="two-overlapping=union-Mon14:00-Tue10:00->Wed14:00"),
            pytest.param([(at(2025, 3, 10, 15), at(2025, 3, 11, 10)),
                          (at(2025, 3, 10, 14), at(2025, 3, 10, 16))], at(2025, 3, 12, 14),
                         id="two-overlapping-unsorted->Wed14:00"),
            pytest.param([(at(2025, 3, 10, 10), at(2025, 3, 10, 11)),
                          (at(2025, 3, 11, 16), at(2025, 3, 12, 9))], at(2025, 3, 12, 11),
                         id="two-disjoint=1h+(1h-Tue+1h-Wed)->Wed11:00"),
            pytest.param([(at(2025, 3, 7, 9), at(2025, 3, 10, 7))], DUE,
                         id="before-receipt=no-effect"),
            pytest.param([(at(2025, 3, 7, 9), at(2025, 3, 10, 10))], at(2025, 3, 12, 10),
                         id="straddling-receipt=only-Mon08-10-counts->Wed10:00"),
            pytest.param([(at(2025, 3, 12, 9), at(2025, 3, 13, 9))], DUE,
                         id="after-due=no-effect"),
            pytest.param([(at(2025, 3, 11, 17), at(2025, 3, 12, 12))], DUE,
                         id="starting-at-due=no-effect"),
            pytest.param([(at(2025, 3, 10, 12, 10), at(2025, 3, 10, 12, 50))], DUE,
                         id="inside-lunch=no-office-time"),
            pytest.param([(at(2025, 3, 10, 9), at(2025, 3, 10, 9))], DUE,
                         id="empty-pause=no-effect"),
        ],
    )  # fmt: skip
    def test_working_time(
        self, pauses: list[tuple[dt.datetime, dt.datetime]], due: dt.datetime
    ) -> None:
        """The due instant moves by the office time inside the pauses (overlaps counted once)."""
        deadline = compute_deadline(
            self.RECEIVED, WD(2), pauses=[Pause(start_at=a, end_at=b) for a, b in pauses]
        )
        assert deadline.due_at == due
        assert len(deadline.pauses) == len(pauses)

    def test_working_time_across_tet(self) -> None:
        """A pause across Tết 2025 moves the due by the office time in it, not the days off."""
        # Thu 23/1/2025 08:00 + 3 working days = Thu, Fri, Mon 3/2 -> Mon 3/2 17:00 without pause.
        # Pause Fri 24/1 12:00 - Mon 3/2 12:00: 4 h Friday afternoon + 4 h Monday morning = 8 h.
        pause = Pause(start_at=at(2025, 1, 24, 12), end_at=at(2025, 2, 3, 12))
        assert compute_deadline(at(2025, 1, 23, 8), WD(3)).due_at == at(2025, 2, 3, 17)
        assert compute_deadline(at(2025, 1, 23, 8), WD(3), pauses=[pause]).due_at == at(
            2025, 2, 4, 17
        )

    def test_pause_over_weekend_only(self) -> None:
        """A pause with no office time in it (Fri 17:00 - Mon 08:00) changes nothing."""
        pause = Pause(start_at=at(2025, 3, 14, 17), end_at=at(2025, 3, 17, 8))
        # Fri 15:00 + 1 working day = 2 h Friday + 6 h Monday -> Mon 15:00.
        assert compute_deadline(at(2025, 3, 14, 15), WD(1), pauses=[pause]).due_at == at(
            2025, 3, 17, 15
        )

    @pytest.mark.parametrize(
        ("duration", "pauses", "due_on"),
        [
            pytest.param(WD(5), [], dt.date(2025, 3, 17), id="wd:no-pause=Mon17/3"),
            pytest.param(WD(5), [(at(2025, 3, 11, 10), at(2025, 3, 13, 15))], dt.date(2025, 3, 19),
                         id="wd:pause-Tue11-Thu13=(11,13]-2-working-days->Wed19/3"),
            pytest.param(WD(5), [(at(2025, 3, 7, 10), at(2025, 3, 10, 9))], dt.date(2025, 3, 17),
                         id="wd:pause-before-receipt=no-effect"),
            pytest.param(WD(5), [(at(2025, 3, 18, 10), at(2025, 3, 20, 9))], dt.date(2025, 3, 17),
                         id="wd:pause-after-due=no-effect"),
            pytest.param(WD(5), [(at(2025, 3, 11, 10), at(2025, 3, 12, 9)),
                                 (at(2025, 3, 11, 15), at(2025, 3, 13, 9))], dt.date(2025, 3, 19),
                         id="wd:overlapping=union-(11,13]->Wed19/3"),
            pytest.param(CD(10), [], dt.date(2025, 3, 20), id="cd:no-pause=Thu20/3"),
            pytest.param(CD(10), [(at(2025, 3, 11, 10), at(2025, 3, 13, 15))], dt.date(2025, 3, 24),
                         id="cd:pause-(11,13]-2-days=Sat22/3->Mon24/3"),
        ],
    )  # fmt: skip
    def test_civil_code(
        self,
        duration: Duration,
        pauses: list[tuple[dt.datetime, dt.datetime]],
        due_on: dt.date,
    ) -> None:
        """Day limits move by the working (or calendar) days in (pause start date, end date]."""
        deadline = compute_deadline(
            at(2025, 3, 10, 10),
            duration,
            policy=CIVIL,
            pauses=[Pause(start_at=a, end_at=b) for a, b in pauses],
        )
        assert deadline.due_on == due_on

    def test_civil_code_across_tet(self) -> None:
        """A pause across Tết 2025 moves a working-day limit by the one working day in it."""
        # Mon 20/1/2025 + 5 = 21, 22, 23, 24/1, 3/2; pause (24/1, 3/2] holds 1 working day (3/2).
        pause = Pause(start_at=at(2025, 1, 24, 9), end_at=at(2025, 2, 3, 9))
        deadline = compute_deadline(at(2025, 1, 20, 10), WD(5), policy=CIVIL, pauses=[pause])
        assert deadline.due_on == dt.date(2025, 2, 4)

    def test_pause_reason_and_explain(self) -> None:
        """Pauses are kept on the answer and listed by explain()."""
        pause = Pause(
            start_at=at(2025, 3, 10, 14), end_at=at(2025, 3, 11, 10), reason="chờ bổ sung"
        )
        deadline = compute_deadline(self.RECEIVED, WD(2), pauses=iter([pause]))
        assert deadline.pauses == (pause,)
        assert "Pause: Mon 10/03/2025 14:00 - Tue 11/03/2025 10:00" in deadline.explain()


class TestPauseOnTheLastDay:
    """A pause that starts on the last day, before that day ends, is inside the counting window.

    Decision 766 indicator 2.1 (§1.9) subtracts the supplement time from the processing time, so
    a supplement requested on the last day of the limit moves the due day by the days paused,
    (pause start date, pause end date], as for a pause starting the day before.
    """

    def test_civil_code_working_days(self) -> None:
        """A pause from the last day (Mon 17/3 09:00) to Wed 19/3 moves the due to Wed 19/3."""
        # Mon 10/3/2025 + 5 working days = Mon 17/3 (ends 24:00). Pause Mon 17/3 09:00 - Wed 19/3
        # 09:00: working days in (17/3, 19/3] = 18, 19 -> Mon 17/3 + 2 working days = Wed 19/3.
        pause = Pause(start_at=at(2025, 3, 17, 9), end_at=at(2025, 3, 19, 9))
        deadline = compute_deadline(at(2025, 3, 10, 10), WD(5), policy=CIVIL, pauses=[pause])
        assert deadline.due_on == dt.date(2025, 3, 19)

    def test_civil_code_day_before(self) -> None:
        """The same pause started the day before (Fri 14/3) moves the due by 3 working days."""
        # (14/3, 19/3] holds Mon 17, Tue 18, Wed 19 -> Mon 17/3 + 3 working days = Thu 20/3.
        pause = Pause(start_at=at(2025, 3, 14, 9), end_at=at(2025, 3, 19, 9))
        deadline = compute_deadline(at(2025, 3, 10, 10), WD(5), policy=CIVIL, pauses=[pause])
        assert deadline.due_on == dt.date(2025, 3, 20)

    def test_same_day(self) -> None:
        """Same day received Mon 08:00, paused Mon 09:00 - Tue 09:00: due Tue 17:00."""
        # Due Mon 10/3 17:00 without the pause; (10/3, 11/3] holds 1 working day -> Tue 11/3.
        pause = Pause(start_at=at(2025, 3, 10, 9), end_at=at(2025, 3, 11, 9))
        deadline = compute_deadline(at(2025, 3, 10, 8), CUTOFF_15, pauses=[pause])
        assert deadline.due_at == at(2025, 3, 11, 17)

    def test_pause_after_the_due_instant_does_not_move_it(self) -> None:
        """A pause requested after the last day's office close (the due instant) moves nothing."""
        # Same day received Mon 10/3 08:00: due Mon 17:00. A pause from Mon 17:30 is after the
        # deadline had passed, so the due stays Mon 17:00.
        pause = Pause(start_at=at(2025, 3, 10, 17, 30), end_at=at(2025, 3, 11, 9))
        deadline = compute_deadline(at(2025, 3, 10, 8), CUTOFF_15, pauses=[pause])
        assert deadline.due_at == at(2025, 3, 10, 17)

    def test_civil_code_pause_at_23h_on_the_last_day_still_counts(self) -> None:
        """Under the Civil Code the last day ends at 24:00: a pause from 23:00 still moves it."""
        # Mon 10/3/2025 + 5 working days = Mon 17/3, ends 24:00; pause Mon 17/3 23:00 - Tue 18/3
        # 09:00: (17/3, 18/3] holds Tue 18 -> due Tue 18/3.
        pause = Pause(start_at=at(2025, 3, 17, 23), end_at=at(2025, 3, 18, 9))
        deadline = compute_deadline(at(2025, 3, 10, 10), WD(5), policy=CIVIL, pauses=[pause])
        assert deadline.due_on == dt.date(2025, 3, 18)


class TestReschedule:
    """Circular 01/2018/TT-VPCP form 04 (§1.10): a new appointment; the original due date stays."""

    def test_due_unchanged_appointment_last(self) -> None:
        """``due_at`` is unchanged; ``appointment_at`` is the last reschedule's new due."""
        received = at(2025, 3, 10, 8)
        first = Reschedule(issued_at=at(2025, 3, 11, 10), new_due_at=at(2025, 3, 14, 17))
        second = Reschedule(
            issued_at=at(2025, 3, 13, 9), new_due_at=at(2025, 3, 18, 17), reason="chờ xác minh"
        )
        deadline = compute_deadline(received, WD(2), reschedules=[first, second])
        assert deadline.due_at == at(2025, 3, 11, 17)
        assert deadline.appointment_at == at(2025, 3, 18, 17)
        assert deadline.reschedules == (first, second)
        assert "New appointment: Tue 18/03/2025 17:00" in deadline.explain()

    def test_no_reschedule(self) -> None:
        """Without a reschedule the appointment is the due instant."""
        deadline = compute_deadline(at(2025, 3, 10, 8), WD(2))
        assert deadline.appointment_at == deadline.due_at == at(2025, 3, 11, 17)
        assert "New appointment" not in deadline.explain()


class TestTimeZones:
    """Instants are aware; other offsets are converted; results are in Vietnam time (UTC+07:00)."""

    @pytest.mark.parametrize(
        "received",
        [
            pytest.param(dt.datetime(2025, 3, 10, 1, tzinfo=dt.UTC), id="UTC-01:00=VN08:00"),
            pytest.param(
                dt.datetime(2025, 3, 9, 20, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
                id="UTC-5-Sun20:00=VN-Mon08:00",
            ),
            pytest.param(
                dt.datetime(2025, 3, 10, 8, tzinfo=dt.timezone(dt.timedelta(hours=7))),
                id="another-+07:00-tzinfo",
            ),
        ],
    )
    def test_converted(self, received: dt.datetime) -> None:
        """An instant in another zone gives the same due as the same instant in Vietnam time."""
        deadline = compute_deadline(received, WD(1))
        assert deadline.due_at == at(2025, 3, 10, 17)
        assert deadline.due_at.utcoffset() == dt.timedelta(hours=7)
        assert deadline.received_at == at(2025, 3, 10, 8)
        assert deadline.received_at.utcoffset() == dt.timedelta(hours=7)

    def test_vietnam_date_decides(self) -> None:
        """A UTC instant on Sunday evening is Monday in Vietnam, a working day."""
        received = dt.datetime(2025, 3, 9, 17, 30, tzinfo=dt.UTC)  # Mon 10/3 00:30 in Vietnam
        assert compute_deadline(received, WD(1)).due_at == at(2025, 3, 10, 17)
        assert compute_deadline(received, WD(1), policy=CIVIL).due_on == dt.date(2025, 3, 11)
        assert compute_deadline(received, CUTOFF_15).due_at == at(2025, 3, 10, 17)

    def test_vn_tz(self) -> None:
        """VN_TZ is UTC+07:00 all year."""
        assert VN_TZ.utcoffset(None) == dt.timedelta(hours=7)
        assert tthc.VN_TZ is VN_TZ


class TestExplain:
    """The answer says why: the start, the skipped days with their names and sources, the due."""

    def test_tet_2025(self) -> None:
        """The days of Tết 2025 are listed with their name and source, and the weekends too."""
        deadline = compute_deadline(at(2025, 1, 24, 10), WD(1))
        expected_days = [
            dt.date(2025, 1, 25), dt.date(2025, 1, 26), dt.date(2025, 1, 27),
            dt.date(2025, 1, 28), dt.date(2025, 1, 29), dt.date(2025, 1, 30),
            dt.date(2025, 1, 31), dt.date(2025, 2, 1), dt.date(2025, 2, 2),
        ]  # fmt: skip
        assert [s.day for s in deadline.skipped_days] == expected_days
        assert all(isinstance(s, SkippedDay) for s in deadline.skipped_days)
        assert "Tết Nguyên Đán" in deadline.skipped_days[2].reason
        assert "Saturday" in deadline.skipped_days[0].reason
        text = deadline.explain()
        assert "Received: Fri 24/01/2025 10:00" in text
        assert "Counting from: Fri 24/01/2025 10:00" in text
        assert "Not counted: Sat 25/01/2025 - weekly rest day" in text
        assert "Not counted: Sun 26/01/2025 - weekly rest day" in text
        for day in range(27, 32):
            assert f" {day}/01/2025 - Tết Nguyên Đán" in text
        assert "6150/TB-BLĐTBXH" in text
        assert "Due: Mon 03/02/2025 10:00" in text
        assert "Provisional" not in text
        assert deadline.is_provisional is False

    def test_swapped_day_2026(self) -> None:
        """The swapped day off 2/1/2026 is named with its source; Sat 10/1 is not skipped."""
        deadline = compute_deadline(at(2025, 12, 31, 16), WD(6))
        # 1 h Wed 31/12, then Mon 5 .. Fri 9/1 (40 h), then 7 h on the worked Sat 10/1 -> 16:00.
        assert deadline.due_at == at(2026, 1, 10, 16)
        text = deadline.explain()
        assert "Not counted: Thu 01/01/2026 - Tết Dương lịch" in text
        assert "Not counted: Fri 02/01/2026 - Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)" in text
        assert "12729/VPCP-KGVX" in text
        assert "10/01/2026" not in [f"{s.day:%d/%m/%Y}" for s in deadline.skipped_days]

    def test_culture_day_2026(self) -> None:
        """24/11/2026 is listed as Ngày Văn hóa Việt Nam."""
        deadline = compute_deadline(at(2026, 11, 23, 13), WD(1))
        assert [s.day for s in deadline.skipped_days] == [dt.date(2026, 11, 24)]
        assert "Ngày Văn hóa Việt Nam" in deadline.explain()

    def test_worked_saturday_not_skipped(self) -> None:
        """The worked Saturday 26/4/2025 is counted; only Sunday 27/4 is skipped."""
        deadline = compute_deadline(at(2025, 4, 25, 17, 30), WD(2))
        # Counting from Sat 26/4 08:00: Saturday, then Monday 28/4 -> Mon 28/4 17:00.
        assert deadline.due_at == at(2025, 4, 28, 17)
        assert deadline.start_at == at(2025, 4, 26, 8)
        assert [s.day for s in deadline.skipped_days] == [dt.date(2025, 4, 27)]

    def test_civil_code_tet_2026(self) -> None:
        """Under the Civil Code the skipped days run from the day after receipt to the due day."""
        deadline = compute_deadline(at(2026, 2, 13, 10), WD(1), policy=CIVIL)
        assert deadline.start_at == at(2026, 2, 14)
        assert [s.day for s in deadline.skipped_days] == [
            dt.date(2026, 2, 14) + dt.timedelta(days=i) for i in range(9)
        ]  # 14 .. 22/2: weekend, Tết 16-20/2, weekend
        text = deadline.explain()
        assert "civil code" in text
        assert (
            "Not counted: Tue 17/02/2026 - Tết Nguyên Đán (Thông báo 9441/TB-BNV (16/10/2025))"
            in text
        )

    def test_repr(self) -> None:
        """The repr shows the duration, the receipt, the due instant and the policy."""
        deadline = compute_deadline(at(2025, 3, 10, 8), WD(1))
        assert repr(deadline) == (
            "<Deadline 1 ngày làm việc received=2025-03-10T08:00:00+07:00 "
            "due=2025-03-10T17:00:00+07:00 policy=working_time>"
        )
        assert isinstance(deadline, Deadline)


class TestZeroLimits:
    """A zero limit is never due before the receipt."""

    @pytest.mark.parametrize(
        ("received", "duration", "policy"),
        [
            pytest.param(at(2025, 3, 10, 17, 30), WD(0), None, id="after-close-0wd"),
            pytest.param(at(2025, 3, 9, 10), WD(0), None, id="Sunday-0wd"),
            pytest.param(at(2025, 3, 10, 12, 30), WH(0), None, id="lunch-0wh"),
            pytest.param(at(2025, 3, 10, 18), CD(0), None, id="after-close-0cd"),
            pytest.param(at(2025, 3, 10, 18), WD(0), CIVIL_CLOSE, id="civil-close-0wd"),
            pytest.param(at(2025, 3, 10, 10), H(0), None, id="0h"),
        ],
    )  # fmt: skip
    def test_not_before_receipt(
        self, received: dt.datetime, duration: Duration, policy: DeadlinePolicy | None
    ) -> None:
        """A limit of zero is due at or after the receipt."""
        assert compute_deadline(received, duration, policy=policy).due_at >= received

    @pytest.mark.parametrize(
        ("received", "expected"),
        [
            # Mon 10/3/2025 16:00, during office hours: within the day -> Mon 17:00.
            pytest.param(at(2025, 3, 10, 16), at(2025, 3, 10, 17), id="Mon16:00->Mon17:00"),
            # After the close: the next working day, Tue 11/3 17:00.
            pytest.param(at(2025, 3, 10, 17, 30), at(2025, 3, 11, 17), id="Mon17:30->Tue17:00"),
            # Sunday 9/3: the next working day, Mon 10/3 17:00.
            pytest.param(at(2025, 3, 9, 10), at(2025, 3, 10, 17), id="Sun->Mon17:00"),
        ],
    )
    def test_zero_working_days_is_within_the_day(
        self, received: dt.datetime, expected: dt.datetime
    ) -> None:
        """'0 ngày làm việc' under working time is the same-day rule, as '0 ngày' is."""
        assert compute_deadline(received, WD(0)).due_at == expected
        assert compute_deadline(received, CD(0)).due_at == expected
        assert compute_deadline(received, Duration.same_day()).due_at == expected


class TestErrors:
    """Bad input is refused with InvalidValueError naming the argument (STYLE.md §7)."""

    def test_naive(self) -> None:
        """A naive receipt is refused rather than guessed."""
        bad = dt.datetime(2025, 3, 10, 8)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            compute_deadline(bad, WD(1))
        assert info.value.field == "compute_deadline(received_at)"
        assert "compute_deadline(received_at)" in str(info.value)

    @pytest.mark.parametrize(
        "bad", [dt.date(2025, 3, 10), "2025-03-10T08:00+07:00", 1741568400, None]
    )
    def test_not_a_datetime(self, bad: object) -> None:
        """A date, a text or a timestamp is not a receipt instant."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            compute_deadline(bad, WD(1))  # type: ignore[arg-type]
        assert info.value.field == "compute_deadline(received_at)"

    @pytest.mark.parametrize("bad", [5, dt.timedelta(days=5), None])
    def test_not_a_duration(self, bad: object) -> None:
        """The processing time must be a Duration or its text (tests/test_real_inputs.py)."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            compute_deadline(at(2025, 3, 10, 8), bad)  # type: ignore[arg-type]
        assert info.value.field == "compute_deadline(duration)"

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({"policy": "civil_code"}, "compute_deadline(policy)", id="policy"),
            pytest.param({"policy": PolicyKind.CIVIL_CODE}, "compute_deadline(policy)",
                         id="policy-kind"),
            pytest.param({"calendar": "vn"}, "compute_deadline(calendar)", id="calendar"),
            pytest.param({"pauses": [(at(2025, 3, 10, 9), at(2025, 3, 10, 10))]},
                         "compute_deadline(pauses)", id="pause-tuple"),
            pytest.param({"reschedules": [Pause(start_at=at(2025, 3, 10, 9),
                                                end_at=at(2025, 3, 10, 10))]},
                         "compute_deadline(reschedules)", id="reschedule-pause"),
        ],
    )  # fmt: skip
    def test_wrong_types(self, kwargs: dict[str, object], field: str) -> None:
        """Policy, calendar, pauses and reschedules of the wrong type are refused."""
        with pytest.raises(InvalidValueError) as info:
            compute_deadline(at(2025, 3, 10, 8), WD(1), **kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    @pytest.mark.parametrize(
        ("duration", "policy"),
        [
            pytest.param(WD(Decimal("0.5")), CIVIL, id="half-working-day-civil"),
            pytest.param(WD(Decimal("2.5")), CIVIL, id="2.5-working-days-civil"),
            pytest.param(CD(Decimal("1.5")), CIVIL, id="1.5-calendar-days-civil"),
            pytest.param(CD(Decimal("1.5")), None, id="1.5-calendar-days-working-time"),
        ],
    )
    def test_fractional_days(self, duration: Duration, policy: DeadlinePolicy | None) -> None:
        """Fractional days cannot be counted in whole days (the Civil Code, calendar days)."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(duration))) as info:
            compute_deadline(at(2025, 3, 10, 8), duration, policy=policy)
        assert info.value.field == "compute_deadline(duration)"

    def test_sub_microsecond_fraction(self) -> None:
        """A fraction of a working day shorter than a microsecond is refused, not rounded."""
        duration = WD(Decimal("1E-12"))
        with pytest.raises(InvalidValueError) as info:
            compute_deadline(at(2025, 3, 10, 8), duration)
        assert info.value.field == "compute_deadline(duration)"

    @pytest.mark.parametrize(
        "received",
        [at(2200, 3, 10, 8), at(2012, 12, 31, 8), at(2101, 1, 3, 9)],
        ids=["2200", "2012", "2101"],
    )
    def test_out_of_range(self, received: dt.datetime) -> None:
        """A receipt outside the calendar's years raises OutOfCalendarRangeError."""
        with pytest.raises(OutOfCalendarRangeError) as info:
            compute_deadline(received, WD(1))
        assert info.value.first_year == 2013
        assert info.value.last_year == 2100

    def test_result_out_of_range(self) -> None:
        """A due day beyond the calendar's last year raises OutOfCalendarRangeError."""
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadline(at(2100, 12, 29, 9), WD(10))

    def test_provisional_2030(self) -> None:
        """A count in 2030 (no official schedule) warns and says it is provisional."""
        with pytest.warns(ProvisionalCalendarWarning, match="2030"):
            deadline = compute_deadline(at(2030, 3, 11, 8), WD(1))
        assert deadline.due_at == at(2030, 3, 11, 17)  # Mon 11/3/2030, no holiday in March
        assert deadline.is_provisional is True
        # No day is skipped between Monday 08:00 and 17:00, so explain() asks the calendar nothing.
        assert (
            "Provisional: a year on the way has no official schedule loaded." in deadline.explain()
        )

    def test_provisional_reached_from_2027(self) -> None:
        """A count from December 2027 into 2028 warns too."""
        with pytest.warns(ProvisionalCalendarWarning, match="2028"):
            deadline = compute_deadline(at(2027, 12, 20, 10), CD(30), policy=CIVIL)
        assert deadline.is_provisional is True

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({"start_at": dt.datetime(2025, 3, 10, 9), "end_at": at(2025, 3, 10, 10)},
                         "Pause.start_at", id="naive-start"),
            pytest.param({"start_at": at(2025, 3, 10, 9), "end_at": dt.datetime(2025, 3, 10, 10)},
                         "Pause.end_at", id="naive-end"),
            pytest.param({"start_at": at(2025, 3, 10, 10), "end_at": at(2025, 3, 10, 9)},
                         "Pause.end_at", id="end-before-start"),
            pytest.param({"start_at": dt.date(2025, 3, 10), "end_at": at(2025, 3, 10, 9)},
                         "Pause.start_at", id="date"),
        ],
    )  # fmt: skip
    def test_bad_pause(self, kwargs: dict[str, object], field: str) -> None:
        """A pause needs two aware instants in order."""
        with pytest.raises(InvalidValueError) as info:
            Pause(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_bad_reschedule(self) -> None:
        """A reschedule needs aware instants."""
        bad = dt.datetime(2025, 3, 14, 17)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Reschedule(issued_at=at(2025, 3, 11, 9), new_due_at=bad)
        assert info.value.field == "Reschedule.new_due_at"

    @pytest.mark.parametrize("bad", [0, 7, 61, 45, True, "15", 15.0])
    def test_bad_round_up(self, bad: object) -> None:
        """Rounding must be to a divisor of 60 minutes."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            DeadlinePolicy(round_up_minutes=bad)  # type: ignore[arg-type]
        assert info.value.field == "DeadlinePolicy.round_up_minutes"

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({"kind": "civil_code"}, "DeadlinePolicy.kind", id="kind-text"),
            pytest.param({"end_of_day": "midnight"}, "DeadlinePolicy.end_of_day", id="eod-text"),
            pytest.param({"office_hours": "08:00-17:00"}, "DeadlinePolicy.office_hours",
                         id="hours-text"),
        ],
    )  # fmt: skip
    def test_bad_policy(self, kwargs: dict[str, object], field: str) -> None:
        """Policy fields are checked when the policy is built."""
        with pytest.raises(InvalidValueError) as info:
            DeadlinePolicy(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field
