"""Deadlines (*thời hạn giải quyết*, *ngày hẹn trả kết quả*): policies and the calculator.

What this room holds: the two deadline policies (working time, Civil Code), the scalar calculator
`compute_deadline` and its explanation (`Deadline`), pauses and reschedules, the batch calculator
`compute_deadlines` (numpy, loaded on first use), and the one-stop rule sets chosen by the receipt
date (`tthc.deadlines.rules`: Decree 61/2018 before 1/7/2025, Decree 118/2025 from then on).

Modules, each importing only those above it: ``policy`` (the policies and ``VN_TZ``), ``_clock``
(instants as integer microseconds, office-time indexes), ``deadline`` (the answer, pauses and
reschedules) and ``compute`` (the calculator).

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar` and the shared helpers
(`tthc._validators`, `tthc._files`).
"""

from tthc.deadlines.compute import compute_deadline
from tthc.deadlines.deadline import Deadline, Pause, Reschedule, SkippedDay
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy, EndOfDay, PolicyKind
from tthc.deadlines.rules import (
    CUTOVER_ON,
    Form,
    Rule,
    RuleSet,
    RuleStatus,
    Supplement,
    SupplementClock,
    legal_deadline,
    legal_due_at,
    load_onestop_rules,
    onestop_rulesets,
    ruleset,
    ruleset_for,
    timeliness_deadline,
    timeliness_due_at,
)

__all__ = [
    "CUTOVER_ON",
    "VN_TZ",
    "Deadline",
    "DeadlinePolicy",
    "EndOfDay",
    "Form",
    "Pause",
    "PolicyKind",
    "Reschedule",
    "Rule",
    "RuleSet",
    "RuleStatus",
    "SkippedDay",
    "Supplement",
    "SupplementClock",
    "compute_deadline",
    "legal_deadline",
    "legal_due_at",
    "load_onestop_rules",
    "onestop_rulesets",
    "ruleset",
    "ruleset_for",
    "timeliness_deadline",
    "timeliness_due_at",
]
