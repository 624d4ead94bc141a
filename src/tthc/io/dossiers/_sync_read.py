"""The payload stage of reading the dossier sync: payloads as they were sent (private).

``_PayloadReader`` reads what a payload says into a
[`SyncPayload`][tthc.io.dossiers.SyncPayload]; ``_payload_objects`` opens the senders'
envelopes. The public functions are in ``_sync``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tthc.deadlines import VN_TZ
from tthc.dossiers import DossierStatus
from tthc.errors import LoadError
from tthc.io._wire import (
    BAD,
    Bad,
    Unknown,
    WireReader,
    envelope,
    envelope_value,
    items_at,
    wire_objects,
)
from tthc.io.dossiers._payload import (
    PAYLOAD,
    SYNC,
    _SyncDossier,
)
from tthc.io.dossiers._records import SyncPayload, SyncSupplement
from tthc.io.dossiers._sync_wire import (
    _COMPACT,
    _ENVELOPE_ITEMS,
    _ENVELOPE_OTHERS,
    _INSTANTS,
    _ISO,
    _KEYS,
    _PROGRESS,
    _SERVICE,
    _STEP_KEYS,
    _SUPPLEMENT_KEYS,
    _text,
)
from tthc.procedures import ApplicantType, Channel

# --- the payload stage ----------------------------------------------------------------------------


class _PayloadReader(WireReader[_SyncDossier, SyncPayload]):
    """Reads wire payloads into ``SyncPayload`` records, recording every problem with its path."""

    wire_format = PAYLOAD
    converter = SYNC
    wire_class = _SyncDossier
    #: Where the unknown keys of a payload end up, for the warning.
    kept_in = "kept in SyncPayload.extra"

    def instant(self, path: str, text: str) -> dt.datetime | Bad | None:
        text = text.strip()
        if not text:
            return None
        if _COMPACT.fullmatch(text):
            try:
                return dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN_TZ)
            except ValueError:
                pass
        elif not self.strict and (found := _ISO.fullmatch(text)):
            try:
                instant = dt.datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                # Without an offset, Vietnam time: the format's own time zone.
                return instant if found["offset"] else instant.replace(tzinfo=VN_TZ)
        expected = "an instant written yyyyMMddHHmmss (Vietnam time)"
        if not self.strict:
            expected += (
                " or ISO 8601 (2026-01-09T08:30:00, Vietnam time unless an offset is given)"
            )
        return self.fail(path, f"expected {expected}, got {text!r}")

    def code(self, path: str, text: str, enum_cls: Any) -> Any:
        text = text.strip()
        if not text:
            return None
        members = {str(m.value): m for m in enum_cls}
        found = members.get(text)
        if found is None:
            choices = ", ".join(f"{v!r} ({m.name})" for v, m in members.items())
            return self.fail(path, f"expected one of {choices}, got {text!r}")
        return found

    def is_step(self, path: str, w: _SyncDossier) -> bool:
        """Whether the object is a processing step of another service (a problem recorded)."""
        step = _STEP_KEYS & {k.casefold() for k in self.extra}
        if len(step) < 2 or w.status.strip():  # noqa: PLR2004 - two keys of a step
            return False
        keys = ", ".join(repr(k) for k in self.extra if k.casefold() in step)
        self.fail(
            path,
            f"a processing step (QuaTrinhXuLy) of {_PROGRESS!r}, not a dossier payload of "
            f"{_SERVICE!r} (keys {keys}): processing steps are not read",
        )
        return True

    def unknown_line(self, found: Unknown) -> str:
        line = super().unknown_line(found)
        return f"{line} ({self.kept_in})" if found.cls is _SyncDossier else f"{line} (not kept)"

    def record(self, path: str, w: _SyncDossier) -> SyncPayload | Bad:
        """The typed payload of one structured wire payload."""
        before = len(self.problems)

        def at(name: str) -> str:
            return f"{path}.{_KEYS[name]}"

        if self.is_step(path, w):
            return BAD
        if not w.code.strip():
            self.fail(at("code"), "required key missing or blank")
        values: dict[str, Any] = {
            "channel": self.code(at("channel"), w.channel, Channel),
            "applicant_type": self.code(at("applicant_type"), w.applicant_type, ApplicantType),
            "status": self.code(at("status"), w.status, DossierStatus),
        }
        values |= {name: self.instant(at(name), getattr(w, name)) for name in _INSTANTS}
        supplements: list[dict[str, Any]] = []
        for i, s in enumerate(w.supplements):
            where = f"{at('supplements')}[{i}]"
            supplements.append(
                {
                    "requested_at": self.instant(
                        f"{where}.{_SUPPLEMENT_KEYS['requested_at']}", s.requested_at
                    ),
                    "supplied_at": self.instant(
                        f"{where}.{_SUPPLEMENT_KEYS['supplied_at']}", s.supplied_at
                    ),
                    "note": _text(s.content),
                    "actor": _text(s.requested_by),
                }
            )
        if len(self.problems) > before:
            return BAD
        return SyncPayload(
            code=w.code.strip(),
            procedure_code=_text(w.procedure_code),
            receipt_number=_text(w.receipt_number),
            agency=_text(w.agency),
            supplements=[SyncSupplement(**s) for s in supplements],
            extra=self.extra,
            **values,
        )


def _payload_objects(data: Any, source: str, *, strict: bool) -> tuple[list[Any], list[str]]:
    """The payloads of a document, with their paths: the envelopes of real senders opened.

    A document is one payload, an array of them, or (not strict) the envelope of the OpenCPS
    adapter ``{"service": "DongBoHoSoMC", "isUpdating": …, "data": [...]}``, or an array of
    envelopes. ``isUpdating`` (insert or update) is not kept.

    Raises:
        LoadError: The document is none of these, or an envelope is of another service.
    """
    documents, paths = wire_objects(data, source, "a dossier payload")
    items: list[Any] = []
    item_paths: list[str] = []
    problems: list[str] = []
    for document, path in zip(documents, paths, strict=True):
        found = envelope(document, _ENVELOPE_ITEMS, _ENVELOPE_OTHERS)
        if found is None:
            items.append(document)
            item_paths.append(path)
            continue
        key, inner = found
        if strict:
            problems.append(
                f"{path}: an envelope ({', '.join(repr(k) for k in document)}) around the "
                f"payloads: read with strict=False to read the payloads in {key!r}"
            )
            continue
        service = envelope_value(document, "service")
        if service is not None and (
            not isinstance(service, str) or service.strip().casefold() != _SERVICE.casefold()
        ):
            problems.append(
                f"{path}.service: expected {_SERVICE!r} (the dossier sync), got {service!r}"
                + (
                    ": its items are processing steps, which are not read"
                    if service == _PROGRESS
                    else ""
                )
            )
            continue
        opened = items_at(inner, f"{path}.{key}")
        if opened is None:
            problems.append(
                f"{path}.{key}: expected a dossier payload (JSON object) or an array of them, "
                f"got {inner!r}"
            )
            continue
        items += opened[0]
        item_paths += opened[1]
    if problems:
        raise LoadError(source, problems)
    return items, item_paths
