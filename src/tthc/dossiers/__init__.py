"""Dossiers (*hồ sơ*): statuses, events, the dossier and its timeliness.

What this room holds: the national status codes, the events that move a dossier between them, the
immutable `Dossier`, the on-time classification of Decision 766 indicator 2.1 for one dossier,
the desk's and the agency's obligations under the one-stop rules with the breaches found
(`tthc.dossiers.obligations`), and step tracking along an internal process (`StepTrack`: per-step
due instants, who is late).

Modules, each importing only those above it: ``events`` (the events), ``statuses`` (the national
codes and the lifecycle table), ``timeliness`` (the classes of indicator 2.1 and the rule between
them), ``dossier`` (``Dossier`` and ``classify``, which applies the rule to a dossier) and
``steps`` (a dossier followed step by step through its internal process).

It may import: everything below it (`tthc.procedures`, `tthc.deadlines`, `tthc.calendar`,
`tthc.durations`, `tthc.errors`, the shared helpers).
"""

from tthc.dossiers.dossier import DOSSIER_CODE_PATTERN, FORM_ROLES, Dossier, classify
from tthc.dossiers.events import (
    Closed,
    DossierEvent,
    Paid,
    PaymentRequested,
    ProcessingStarted,
    Received,
    Refused,
    Rescheduled,
    Resolved,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.dossiers.obligations import (
    Finding,
    Obligation,
    ObligationState,
    RuleCheck,
    check_dossier,
    dossier_legal_due_at,
)
from tthc.dossiers.statuses import END_OF_PROCESSING, EVENT_TRANSITIONS, TRANSITIONS, DossierStatus
from tthc.dossiers.steps import (
    AgencyProgress,
    ApologyDuty,
    HistoryEntry,
    StepAssigned,
    StepConsulted,
    StepEvent,
    StepFinished,
    StepOutcome,
    StepRecord,
    StepReturned,
    StepsPaused,
    StepsResumed,
    StepStarted,
    StepTrack,
    UnitLateness,
    countdown_text,
    history_of,
    lateness_by_unit,
    merge_tracks,
)
from tthc.dossiers.timeliness import Granularity, Timeliness

__all__ = [
    "DOSSIER_CODE_PATTERN",
    "END_OF_PROCESSING",
    "EVENT_TRANSITIONS",
    "FORM_ROLES",
    "TRANSITIONS",
    "AgencyProgress",
    "ApologyDuty",
    "Closed",
    "Dossier",
    "DossierEvent",
    "DossierStatus",
    "Finding",
    "Granularity",
    "HistoryEntry",
    "Obligation",
    "ObligationState",
    "Paid",
    "PaymentRequested",
    "ProcessingStarted",
    "Received",
    "Refused",
    "Rescheduled",
    "Resolved",
    "Returned",
    "RuleCheck",
    "StepAssigned",
    "StepConsulted",
    "StepEvent",
    "StepFinished",
    "StepOutcome",
    "StepRecord",
    "StepReturned",
    "StepStarted",
    "StepTrack",
    "StepsPaused",
    "StepsResumed",
    "Stopped",
    "SupplementRequested",
    "SupplementSupplied",
    "Timeliness",
    "UnitLateness",
    "Withdrawn",
    "check_dossier",
    "classify",
    "countdown_text",
    "dossier_legal_due_at",
    "history_of",
    "lateness_by_unit",
    "merge_tracks",
]
