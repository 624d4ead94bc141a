"""Deadlines (*thời hạn giải quyết*, *ngày hẹn trả kết quả*): policies and the calculator.

What this room holds: the two deadline policies (working time, Civil Code), the scalar calculator
`compute_deadline` and its explanation (`Deadline`), pauses and reschedules, and the batch calculator
`compute_deadlines` (numpy, loaded on first use).

Modules, each importing only those above it: ``policy`` (the policies and ``VN_TZ``), ``_clock``
(instants as integer microseconds, office-time indexes), ``deadline`` (the answer, pauses and
reschedules) and ``compute`` (the calculator).

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar` and the shared helpers
(`tthc._validators`, `tthc._files`).
"""

from tthc.deadlines.compute import compute_deadline
from tthc.deadlines.deadline import Deadline, Pause, Reschedule, SkippedDay
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy, EndOfDay, PolicyKind

__all__ = [
    "VN_TZ",
    "Deadline",
    "DeadlinePolicy",
    "EndOfDay",
    "Pause",
    "PolicyKind",
    "Reschedule",
    "SkippedDay",
    "compute_deadline",
]
