"""Writing the dossier sync: the payload of a dossier and its wire form (private).

The public functions are in ``_sync``.
"""

from __future__ import annotations

from typing import Any

from tthc.dossiers import (
    Dossier,
    Refused,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.errors import InvalidValueError
from tthc.io.dossiers._payload import (
    SYNC,
    _SyncDossier,
    _SyncSupplement,
)
from tthc.io.dossiers._records import SyncPayload, SyncSupplement
from tthc.io.dossiers._sync_wire import _KEYS, _format

# --- the writer ------------------------------------------------------------------------------------


def payload_of(dossier: Dossier) -> SyncPayload:
    """The payload that describes ``dossier`` (see ``SyncPayload.from_dossier``).

    Raises:
        InvalidValueError: ``dossier`` is not a ``Dossier``.
    """
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("SyncPayload.from_dossier(dossier)", dossier, "a Dossier")
    supplements: list[SyncSupplement] = []
    closed_at = None
    refused_at = None
    for event in dossier.events:
        if isinstance(event, SupplementRequested):
            supplements.append(
                SyncSupplement(requested_at=event.at, note=event.note, actor=event.actor)
            )
        elif isinstance(event, SupplementSupplied) and supplements:
            last = supplements[-1]
            supplements[-1] = SyncSupplement(
                requested_at=last.requested_at,
                supplied_at=event.at,
                note=last.note,
                actor=last.actor,
            )
        elif isinstance(event, Refused):
            refused_at = event.at
        elif isinstance(event, Withdrawn) and dossier.received_at is None:
            closed_at = event.at  # withdrawn before receipt: the closing instant
    return SyncPayload(
        code=dossier.code,
        procedure_code=dossier.procedure_code,
        channel=dossier.channel,
        applicant_type=dossier.applicant_type,
        agency=dossier.agency,
        status=dossier.status,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        finished_at=dossier.finished_at or closed_at,
        returned_at=dossier.returned_at,
        refused_at=refused_at,
        supplements=supplements,
    )


def _code(value: Any) -> str:
    return "" if value is None else str(int(value))


def _wire(payload: SyncPayload) -> dict[str, Any]:
    wire = _SyncDossier(
        code=payload.code,
        procedure_code=payload.procedure_code or "",
        receipt_number=payload.receipt_number or "",
        channel=_code(payload.channel),
        applicant_type=_code(payload.applicant_type),
        agency=payload.agency or "",
        submitted_at=_format(payload.submitted_at),
        received_at=_format(payload.received_at),
        due_at=_format(payload.due_at),
        status=_code(payload.status),
        finished_at=_format(payload.finished_at),
        returned_at=_format(payload.returned_at),
        refused_at=_format(payload.refused_at),
        supplements=tuple(
            _SyncSupplement(
                requested_at=_format(s.requested_at),
                supplied_at=_format(s.supplied_at),
                content=s.note or "",
                requested_by=s.actor or "",
            )
            for s in payload.supplements
        ),
    )
    result: dict[str, Any] = SYNC.unstructure(wire, _SyncDossier)
    if payload.receipt_number is None:
        # The one optional key: written only when there is a receipt number.
        del result[_KEYS["receipt_number"]]
    return result
