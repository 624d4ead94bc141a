"""Real inputs from real users in the library (issue 16): read them right or refuse them.

Rules under test, each quoting the input of the issue that showed it:

* a processing time given as text is accepted wherever a ``Duration`` is, and read with
  ``Duration.parse`` (one text for a whole column too);

Expected instants are counted by hand on the 2026 schedule (Saturday 10 January 2026 worked,
Công văn 12729/VPCP-KGVX): a Friday 16:30 receipt plus 5 working days is Thursday 15 January
2026 at 16:30, and a Thursday 5 February 09:00 receipt is Thursday 12 February 09:00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import VN_TZ, compute_deadline
from tthc.durations import Duration
from tthc.errors import DurationParseError, InvalidValueError


def vn(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class TestDurationAsText:
    """A processing time as published ('5 ngày làm việc') is read where a Duration is taken."""

    def test_compute_deadline_reads_the_text(self) -> None:
        answer = compute_deadline(vn(9, 1, 16, 30), "5 ngày làm việc")
        assert answer.due_at == vn(15, 1, 16, 30)
        assert answer.duration == Duration.working_days(5)

    def test_bad_text_says_what_is_expected(self) -> None:
        with pytest.raises(DurationParseError, match=r"'5 ngayy'"):
            compute_deadline(vn(9, 1, 16, 30), "5 ngayy")

    def test_other_types_are_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"a tthc.Duration or its text") as info:
            compute_deadline(vn(9, 1, 16, 30), 5)  # type: ignore[arg-type]
        assert info.value.field == "compute_deadline(duration)"
