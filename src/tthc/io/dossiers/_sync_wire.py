"""What the dossier-sync wire says: its keys, patterns, envelope and instants (private).

Shared by the reader (``_sync_read``), the dossier builder (``_sync_build``) and the writer
(``_sync_write``); the public functions are in ``_sync``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from tthc.deadlines import VN_TZ
from tthc.io.dossiers._payload import (
    PAYLOAD,
    _SyncDossier,
    _SyncSupplement,
)
from tthc.procedures import CODE_PATTERN

if TYPE_CHECKING:
    import datetime as dt


_COMPACT: Final = re.compile(r"[0-9]{14}")
# ISO 8601 as .NET writes a DateTime (seconds, up to 7 decimals), with or without an offset.
_ISO: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2})?"
)
# The code of an online public service: a procedure code, a dot and the agency's identifier
# code (vn_legal.md §4.3, CONFIRMED (secondary)), as one public relay sends it in MaTTHC.
_SERVICE_CODE: Final = re.compile(
    rf"(?P<procedure>{CODE_PATTERN.pattern})\.[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*"
)
# The envelope of the OpenCPS adapter: {"service": "DongBoHoSoMC", "isUpdating": …, "data": […]}.
_ENVELOPE_ITEMS: Final = "data"
_ENVELOPE_OTHERS: Final = ("service", "isUpdating")
_SERVICE: Final = "DongBoHoSoMC"
# The progress update, a separate service whose items (QuaTrinhXuLy) are processing steps with
# these keys (research notes vn_legal.md §2.2), folded.
_PROGRESS: Final = "CapNhatTienDoHoSoMC"
_STEP_KEYS: Final = frozenset({"thoidiemxuly", "trangthai", "nguoixuly", "noidungxuly"})

_KEYS: Final = PAYLOAD.keys[_SyncDossier]
_SUPPLEMENT_KEYS: Final = PAYLOAD.keys[_SyncSupplement]
_INSTANTS: Final = (
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "refused_at",
)


def _format(instant: dt.datetime | None) -> str:
    """Write ``yyyyMMddHHmmss`` in Vietnam time (to the second; the format has no fraction)."""
    return "" if instant is None else instant.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def _text(value: str) -> str | None:
    """Blank text is absent."""
    return value.strip() or None


# The fields of Dossier whose validation errors belong to a payload key.
_FIELD_KEYS: Final = {
    "Dossier.code": "MaHoSo",
    "Dossier.procedure_code": "MaTTHC",
    "Dossier.agency": "DonViXuLy",
    "Dossier.submitted_at": "NgayNopHoSo",
    "Dossier.received_at": "NgayTiepNhan",
    "Dossier.stated_due_at": "NgayHenTra",
}
