"""Deadlines (*thời hạn giải quyết*, *ngày hẹn trả kết quả*): policies and the calculator.

What this room holds: the two deadline policies (working time, Civil Code), the scalar calculator
`compute_deadline` and its explanation (`Deadline`), pauses and reschedules, and the batch calculator
`compute_deadlines` (`tthc.deadlines.batch`: numpy, loaded the first time the name is read, so
``import tthc.deadlines`` does not import numpy), and the one-stop rule sets chosen by the
receipt date (`tthc.deadlines.rules`: Decree 61/2018 before 1/7/2025, Decree 118/2025 from then
on).

Modules, each importing only those above it: ``policy`` (the policies and ``VN_TZ``), ``_clock``
(instants as integer microseconds, office-time indexes), ``deadline`` (the answer, pauses and
reschedules), ``compute`` (the calculator), then ``_instants`` (columns of instants, numpy) and
``batch`` (the batch calculator, numpy); ``rules`` (the one-stop rule sets, the legal and the
Decision 766 due dates) uses the calculator and sits above it.

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar` and the shared helpers
(`tthc._validators`, `tthc._files`, `tthc._lazy`).
"""

from typing import TYPE_CHECKING

from tthc._lazy import attach
from tthc.deadlines.compute import compute_deadline
from tthc.deadlines.deadline import Deadline, Pause, Reschedule, SkippedDay
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy, EndOfDay, PolicyKind

if TYPE_CHECKING:
    from tthc.deadlines.batch import compute_deadlines
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

# The batch calculator needs numpy, and the rule sets read their data file: their modules load
# when one of their names is first read (PEP 562), so `compute_deadline` starts without them.
_RULES = (
    "CUTOVER_ON",
    "Form",
    "Rule",
    "RuleSet",
    "RuleStatus",
    "Supplement",
    "SupplementClock",
    "legal_deadline",
    "legal_due_at",
    "load_onestop_rules",
    "onestop_rulesets",
    "ruleset",
    "ruleset_for",
    "timeliness_deadline",
    "timeliness_due_at",
)
__getattr__, __dir__ = attach(
    __name__,
    {"compute_deadlines": "tthc.deadlines.batch"} | dict.fromkeys(_RULES, "tthc.deadlines.rules"),
    globals(),
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
    "compute_deadlines",
    "legal_deadline",
    "legal_due_at",
    "load_onestop_rules",
    "onestop_rulesets",
    "ruleset",
    "ruleset_for",
    "timeliness_deadline",
    "timeliness_due_at",
]
