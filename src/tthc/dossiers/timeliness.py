"""Timeliness (*tiến độ giải quyết hồ sơ*): early, on time, late, within time or overdue.

[`Timeliness`][tthc.dossiers.Timeliness] holds the classes of Decision 766/QĐ-TTg indicator 2.1,
and this module the rule that decides between them from a dossier's instants: the end of
processing (or the reporting instant) against the due instant, by day in Vietnam time or by the
instant, more than one supplement request being late. [`classify`][tthc.dossiers.classify]
applies it to a [`Dossier`][tthc.dossiers.Dossier].

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1 (research notes
    ``vn_legal.md`` §1.9, §2.3).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final, Literal

from tthc.calendar._office import US_PER_DAY
from tthc.deadlines._clock import local_us

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["Granularity", "Timeliness"]


class Timeliness(enum.Enum):
    """Whether a dossier was dealt with on time (*tiến độ giải quyết hồ sơ*), per Decision 766.

    A finished dossier is early, on time or late; one not finished at the reporting instant is
    within time or overdue. The values are the names
    [`timeliness_counts`][tthc.indicators.timeliness_counts] reads.

    Examples:
        >>> Timeliness.ON_TIME.label
        'Đúng hạn'
        >>> [t.name for t in Timeliness if t.counts_as_on_time]
        ['EARLY', 'ON_TIME', 'WITHIN_TIME']

    References:
        Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicator 2.1; the
        early / on time / late classes of the TH-repo and OpenCPS statistics (research notes
        ``vn_legal.md`` §2.3).
    """

    #: *Trước hạn*: finished before the due date.
    EARLY = "early"
    #: *Đúng hạn*: finished on the due date.
    ON_TIME = "on_time"
    #: *Quá hạn*: finished after the due date (or after more than one supplement request).
    LATE = "late"
    #: *Trong hạn*: not finished at the reporting instant, due date not passed.
    WITHIN_TIME = "within_time"
    #: *Quá hạn* (in progress): not finished at the reporting instant, due date passed.
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        """The Vietnamese name, as reports print it."""
        return _TIMELINESS_LABELS[self]

    @property
    def is_finished(self) -> bool:
        """Whether the class is one of finished dossiers (early, on time, late)."""
        return self in {Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE}

    @property
    def counts_as_on_time(self) -> bool:
        """Whether Decision 766 indicator 2.1 counts it in its numerator (early, on time, within)."""
        return self in {Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.WITHIN_TIME}


_TIMELINESS_LABELS: Final = {
    # "before the deadline"
    Timeliness.EARLY: "Trước hạn",
    # "on the deadline"
    Timeliness.ON_TIME: "Đúng hạn",
    # "past the deadline"
    Timeliness.LATE: "Quá hạn",
    # "within the time limit"
    Timeliness.WITHIN_TIME: "Trong hạn",
    # "past the deadline, being processed"
    Timeliness.OVERDUE: "Quá hạn (đang giải quyết)",
}

Granularity = Literal["date", "instant"]
"""How finely the end of processing is compared with the due instant: by day in Vietnam time
(``"date"``, what the national reports do) or by the instant itself (``"instant"``).
"""


def _local_day(instant: dt.datetime) -> int:
    return local_us(instant) // US_PER_DAY


def _due_day(due: dt.datetime) -> int:
    # A due instant at 24:00 (00:00 of the next day) is on the day before, as Deadline.due_on.
    return (local_us(due) - 1) // US_PER_DAY


def _compare(end: dt.datetime, due: dt.datetime, granularity: Granularity) -> int:
    """-1 before the due date (or instant), 0 on it, 1 after it."""
    if granularity == "date":
        a, b = _local_day(end), _due_day(due)
    else:
        a, b = local_us(end), local_us(due)
    return (a > b) - (a < b)


_FINISHED = (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE)


def _judge(
    end: dt.datetime,
    due: dt.datetime,
    *,
    finished: bool,
    supplement_requests: int,
    granularity: Granularity,
) -> Timeliness:
    """The class of a received dossier; the rules are listed on [`classify`][tthc.dossiers.classify].

    Args:
        end: The end of processing; for an unfinished dossier, the instant that stands for it
            (the open supplement request, else the reporting instant).
        due: The due instant, supplement waits left out.
        finished: Whether ``end`` is the end of processing.
        supplement_requests: How many supplements were requested (more than one is late).
        granularity: ``"date"`` or ``"instant"``.
    """
    if supplement_requests > 1:
        return Timeliness.LATE if finished else Timeliness.OVERDUE
    order = _compare(end, due, granularity)
    if finished:
        return _FINISHED[order + 1]
    return Timeliness.OVERDUE if order > 0 else Timeliness.WITHIN_TIME
