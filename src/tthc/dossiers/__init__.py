"""Dossiers (*hồ sơ*): statuses, events, the dossier and its timeliness.

What this room holds: the national status codes, the events that move a dossier between them, the
immutable `Dossier`, the on-time classification of Decision 766 indicator 2.1 for one dossier, and
the desk's and the agency's obligations under the one-stop rules with the breaches found
(`tthc.dossiers.obligations`).

Modules, each importing only those above it: ``events`` (the events), ``statuses`` (the national
codes and the lifecycle table), ``timeliness`` (the classes of indicator 2.1 and the rule between
them) and ``dossier`` (``Dossier`` and ``classify``, which applies the rule to a dossier).

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
from tthc.dossiers.timeliness import Granularity, Timeliness

__all__ = [
    "DOSSIER_CODE_PATTERN",
    "END_OF_PROCESSING",
    "EVENT_TRANSITIONS",
    "FORM_ROLES",
    "TRANSITIONS",
    "Closed",
    "Dossier",
    "DossierEvent",
    "DossierStatus",
    "Finding",
    "Granularity",
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
    "Stopped",
    "SupplementRequested",
    "SupplementSupplied",
    "Timeliness",
    "Withdrawn",
    "check_dossier",
    "classify",
    "dossier_legal_due_at",
]
