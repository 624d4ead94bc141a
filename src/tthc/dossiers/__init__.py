"""Dossiers (*hồ sơ*): statuses, events, the dossier and its timeliness.

What this room holds: the national status codes, the events that move a dossier between them, the
immutable `Dossier`, and the on-time classification of Decision 766 indicator 2.1 for one dossier.

It may import: everything below it (`tthc.procedures`, `tthc.deadlines`, `tthc.calendar`,
`tthc.durations`, `tthc.errors`, the shared helpers).
"""

from tthc.dossiers.dossier import (
    DOSSIER_CODE_PATTERN,
    END_OF_PROCESSING,
    EVENT_TRANSITIONS,
    TRANSITIONS,
    Dossier,
    DossierEvent,
    DossierStatus,
    Granularity,
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
    Timeliness,
    Withdrawn,
    classify,
)

__all__ = [
    "DOSSIER_CODE_PATTERN",
    "END_OF_PROCESSING",
    "EVENT_TRANSITIONS",
    "TRANSITIONS",
    "Dossier",
    "DossierEvent",
    "DossierStatus",
    "Granularity",
    "Paid",
    "PaymentRequested",
    "ProcessingStarted",
    "Received",
    "Refused",
    "Rescheduled",
    "Resolved",
    "Returned",
    "Stopped",
    "SupplementRequested",
    "SupplementSupplied",
    "Timeliness",
    "Withdrawn",
    "classify",
]
