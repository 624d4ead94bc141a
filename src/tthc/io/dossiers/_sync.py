"""Dossiers in and out of the DVCQG dossier sync, ``DongBoHoSoMC`` (private; see ``tthc.io.dossiers``).

Reading has two stages. The payload stage (``_PayloadReader``) reads what a payload says into a
[`SyncPayload`][tthc.io.dossiers.SyncPayload]: keys in any casing, unknown keys set aside,
blank values as ``None``, instants and codes checked. The dossier stage (``_Builder``) makes a
[`Dossier`][tthc.dossiers.Dossier] of it: the history that the status and the instants give,
and, where the payload lacks something a dossier needs, the value a stated rule gives (recorded
for an ``InferredValueWarning``), or a problem when ``strict``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    DOSSIER_CODE_PATTERN,
    Dossier,
    DossierEvent,
    DossierStatus,
    PaymentRequested,
    ProcessingStarted,
    Refused,
    Resolved,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.errors import InvalidValueError, LoadError, TthcError
from tthc.io._converter import DEFAULT_MAX_BYTES, dump_json, read_json
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
    _SyncSupplement,
    make_sync_converter,
)
from tthc.io.dossiers._records import SyncPayload, SyncSupplement
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy

__all__ = [
    "dossier_of",
    "dump_dossier_sync",
    "from_dossier_sync",
    "load_dossier_sync",
    "make_sync_converter",
    "payload_of",
    "read_dossier_sync",
    "to_dossier_sync",
]

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


# --- the dossier stage ----------------------------------------------------------------------------


class _Builder:
    """Makes dossiers of typed payloads, recording problems and the values it fills in."""

    def __init__(
        self,
        problems: list[str],
        inferred: list[str],
        *,
        strict: bool,
        calendar: WorkingCalendar | None,
        policy: DeadlinePolicy | None,
    ) -> None:
        self.problems = problems
        self.inferred = inferred
        self.strict = strict
        self.calendar = calendar
        self.policy = policy

    def fail(self, path: str, message: str) -> Bad:
        self.problems.append(f"{path}: {message}")
        return BAD

    def infer(self, path: str, message: str) -> None:
        self.inferred.append(f"{path}: {message}")

    def identity(self, path: str, code: str, procedure_code: str) -> str | Bad:
        """Check the dossier code; return the procedure code the dossier gets."""
        code, procedure_code = code.strip(), procedure_code.strip()
        if code and not DOSSIER_CODE_PATTERN.fullmatch(code):
            self.fail(
                f"{path}.{_KEYS['code']}",
                f"expected a dossier code like '000.00.10.H26-240101-00001', got {code!r}",
            )
        where = f"{path}.{_KEYS['procedure_code']}"
        if not procedure_code:
            return self.fail(where, "required key missing or blank")
        if CODE_PATTERN.fullmatch(procedure_code):
            return procedure_code
        service = _SERVICE_CODE.fullmatch(procedure_code)
        if service is not None and not self.strict:
            self.infer(
                where,
                f"{procedure_code!r} is the code of an online service (the procedure code, "
                f"then the agency's); the dossier's procedure code is {service['procedure']!r}",
            )
            return service["procedure"]
        return self.fail(
            where, f"expected a procedure code like '1.001193', got {procedure_code!r}"
        )

    def dossier(
        self,
        path: str,
        p: SyncPayload,
        procedure_code: str | Bad | None = None,
        since: int | None = None,
    ) -> Dossier | Bad:
        """The dossier of one payload.

        ``procedure_code`` was given by ``identity`` already, and the payload's problems are
        those recorded from ``since``, when the caller checked the identity first.
        """
        before = len(self.problems) if since is None else since
        if procedure_code is None:
            procedure_code = self.identity(path, p.code, p.procedure_code or "")

        def at(name: str) -> str:
            return f"{path}.{_KEYS[name]}"

        status, received = p.status, p.received_at
        if status is None:
            self.fail(at("status"), "required key missing or blank")
        submitted = p.submitted_at
        if submitted is None:
            if self.strict:
                self.fail(at("submitted_at"), "required key missing or blank")
            elif received is None:
                self.fail(
                    at("submitted_at"),
                    "required when NgayTiepNhan is blank too (a dossier needs the instant it "
                    "was submitted or received)",
                )
            else:
                self.infer(
                    at("submitted_at"),
                    f"not sent; submitted_at taken as NgayTiepNhan ({_format(received)}): "
                    "the submission is at or before the receipt, how long before is not known",
                )
                submitted = received
        channel = p.channel
        if channel is None:
            # Decision 766 indicator 3.3 counts a dossier without a channel as in person.
            self.infer(
                at("channel"),
                "not sent; taken as '1' (IN_PERSON), as Decision 766 indicator 3.3 counts a "
                "dossier without a channel",
            )
            channel = Channel.IN_PERSON
        supplements = list(p.supplements)
        for i, s in enumerate(supplements):
            if s.requested_at is None:
                self.fail(
                    f"{at('supplements')}[{i}].{_SUPPLEMENT_KEYS['requested_at']}",
                    "required for a supplement request",
                )
        if status is DossierStatus.SUPPLEMENT_REQUESTED and not supplements:
            code = f"TrangThaiHoSo {int(status)} ({status.name})"
            if self.strict:
                self.fail(
                    at("supplements"),
                    f"a request is required for {code} (read with strict=False to take it as "
                    "made at NgayTiepNhan)",
                )
            elif received is None:
                self.fail(at("received_at"), f"required for {code}")
            else:
                self.infer(
                    at("supplements"),
                    f"empty for {code}; one request taken as made at NgayTiepNhan "
                    f"({_format(received)}), the earliest it can have been: while it is awaited, "
                    "timeliness is judged at that instant",
                )
                supplements = [SyncSupplement(requested_at=received)]
        if status is None:
            return BAD
        # The history is checked even when something above is missing: every problem at once.
        events = self.events(path, p, status, submitted, supplements)
        if (
            isinstance(events, Bad)
            or isinstance(procedure_code, Bad)
            or submitted is None
            or len(self.problems) > before
        ):
            return BAD
        fields: dict[str, Any] = {
            "code": p.code,
            "procedure_code": procedure_code,
            "channel": channel,
            "applicant_type": p.applicant_type,
            "agency": p.agency,
            "submitted_at": submitted,
            "received_at": received,
            "stated_due_at": p.due_at,
            "calendar": self.calendar,
            "events": events,
        }
        if self.policy is not None:
            fields["policy"] = self.policy
        try:
            dossier = Dossier(**fields)
        except TthcError as exc:
            key = _FIELD_KEYS.get(getattr(exc, "field", ""))
            return self.fail(f"{path}.{key}" if key else path, str(exc))
        if dossier.status is not status:
            return self.fail(
                at("status"),
                f"TrangThaiHoSo {int(status)} ({status.name}) does not match the rest of the "
                f"payload, which leads to {int(dossier.status)} ({dossier.status.name})",
            )
        return dossier

    def events(
        self,
        path: str,
        p: SyncPayload,
        status: DossierStatus,
        submitted: dt.datetime | None,
        supplements: list[SyncSupplement],
    ) -> list[DossierEvent] | Bad:
        received, finished = p.received_at, p.finished_at
        returned, refused = p.returned_at, p.refused_at
        times = {name: getattr(p, name) for name in _INSTANTS}
        events: list[DossierEvent] = []
        before = len(self.problems)
        if supplements and received is None:
            self.fail(
                f"{path}.{_KEYS['supplements']}",
                "supplement requests on a dossier not received (NgayTiepNhan blank)",
            )
        for s in supplements:
            if s.requested_at is None:  # refused by the caller
                continue
            # Typed Any: the events' text converter is typed for text only, and None is allowed.
            texts: dict[str, Any] = {"note": s.note, "actor": s.actor}
            events.append(SupplementRequested(at=s.requested_at, **texts))
            if s.supplied_at is not None:
                events.append(SupplementSupplied(at=s.supplied_at))
        S = DossierStatus  # noqa: N806 - a short alias for the table below
        if received is not None and status is S.SUBMITTED:
            self.fail(
                f"{path}.{_KEYS['received_at']}",
                f"given for TrangThaiHoSo {int(status)} ({status.name}), which does not have it",
            )
        elif received is not None and p.due_at is None:
            self.fail(
                f"{path}.{_KEYS['due_at']}", "required for a received dossier (NgayTiepNhan given)"
            )
        needs = {
            "finished_at": {S.WITHDRAWN, S.STOPPED, S.RESOLVED, S.RETURNED}
            - ({S.WITHDRAWN} if received is None else set()),
            "returned_at": {S.RETURNED},
            "refused_at": {S.REFUSED},
        }
        allows = dict(needs)
        allows["finished_at"] = (
            needs["finished_at"] | {S.WITHDRAWN} | ({S.REFUSED} if received is not None else set())
        )
        for name, statuses in needs.items():
            value = times[name]
            if value is None and status in statuses:
                self.fail(
                    f"{path}.{_KEYS[name]}",
                    f"required for TrangThaiHoSo {int(status)} ({status.name})",
                )
            if value is not None and status not in allows[name]:
                self.fail(
                    f"{path}.{_KEYS[name]}",
                    f"given for TrangThaiHoSo {int(status)} ({status.name}), which does not have it",
                )
        if (
            status is S.REFUSED
            and finished is not None
            and refused is not None
            and finished != refused
        ):
            self.fail(
                f"{path}.{_KEYS['finished_at']}", "differs from NgayTuChoi for a refused dossier"
            )
        if len(self.problems) > before:
            return BAD
        last = events[-1].at if events else (received or submitted)
        if status is S.PROCESSING and not supplements and received is not None:
            events.append(ProcessingStarted(at=received))
        elif status is S.PAYMENT_REQUESTED and last is not None:
            events.append(PaymentRequested(at=last))
        elif status is S.REFUSED and refused is not None:
            events.append(Refused(at=refused))
        elif status is S.WITHDRAWN and finished is not None:
            events.append(Withdrawn(at=finished))
        elif status is S.STOPPED and finished is not None:
            events.append(Stopped(at=finished))
        elif status in {S.RESOLVED, S.RETURNED} and finished is not None:
            events.append(Resolved(at=finished))
            if status is S.RETURNED and returned is not None:
                events.append(Returned(at=returned))
        return events


class _DossierReader(WireReader[_SyncDossier, Dossier]):
    """Reads wire payloads into dossiers: the payload stage, then the dossier stage."""

    wire_format = PAYLOAD
    converter = SYNC
    wire_class = _SyncDossier

    def __init__(
        self,
        *,
        strict: bool,
        calendar: WorkingCalendar | None,
        policy: DeadlinePolicy | None,
    ) -> None:
        super().__init__(strict=strict)
        self.payloads = _PayloadReader(strict=strict)
        self.payloads.kept_in = (
            "kept by read_dossier_sync in SyncPayload.extra, not in the dossier"
        )
        # One list of problems and of inferences for both stages, in document order.
        self.payloads.problems = self.problems
        self.payloads.inferred = self.inferred
        self.builder = _Builder(
            self.problems, self.inferred, strict=strict, calendar=calendar, policy=policy
        )

    def prepare(self, path: str, raw: Any) -> Any:
        value = self.payloads.prepare(path, raw)
        self.unknown = self.payloads.unknown
        return value

    def unknown_line(self, found: Unknown) -> str:
        return self.payloads.unknown_line(found)

    def record(self, path: str, w: _SyncDossier) -> Dossier | Bad:
        """The dossier of one payload."""
        before = len(self.problems)
        if self.payloads.is_step(path, w):
            return BAD
        procedure_code = self.builder.identity(path, w.code, w.procedure_code)
        payload = self.payloads.record(path, w)
        if isinstance(payload, Bad):
            if self.strict and not w.submitted_at.strip():  # otherwise the builder says it
                self.fail(f"{path}.{_KEYS['submitted_at']}", "required key missing or blank")
            return BAD
        return self.builder.dossier(path, payload, procedure_code, since=before)


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


# --- public functions -------------------------------------------------------------------------------


def read_dossier_sync(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[SyncPayload]:
    """Read DVCQG dossier-sync payloads (``DongBoHoSoMC``) as they were sent, without dossiers.

    Each payload becomes a [`SyncPayload`][tthc.io.dossiers.SyncPayload]: what it says, typed,
    with nothing filled in, the receipt number (``SoBienNhan``) and the keys the format does
    not define (in ``extra``) kept. A payload that says too little for a dossier (a status
    without its instant, say) is still read here;
    [`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync] makes dossiers.

    Args:
        source: A path to a JSON file, JSON text, or parsed payloads (dicts). The JSON is one
            payload (an object), an array of them, or (unless ``strict``) an adapter's
            envelope ``{"service": "DongBoHoSoMC", "isUpdating": …, "data": [...]}``.
        strict: Read the documented shape only: keys spelled as documented (not in any
            casing), no unknown keys, instants ``yyyyMMddHHmmss`` only, no envelope.
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        One ``SyncPayload`` per payload, in order.

    Raises:
        LoadError: The input cannot be read, or has problems (a value of the wrong type, an
            instant or code that cannot be read, a blank ``MaHoSo``; unknown keys when
            ``strict``); ``.problems`` lists every one with its path.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Warns:
        UnknownFieldWarning: Some payloads have keys the format does not define (not strict).

    Examples:
        >>> [p] = read_dossier_sync([{"MaHoSo": "000.00.10.H26-260109-0021",
        ...     "MaTTHC": "1.001193", "SoBienNhan": "BN-0021", "NgayTiepNhan": "20260109083000",
        ...     "TrangThaiHoSo": "5", "DanhSachHoSoBoSung": []}])
        >>> p.receipt_number, p.status, p.submitted_at, p.supplements
        ('BN-0021', <DossierStatus.SUPPLEMENT_REQUESTED: 5>, None, ())
    """
    data, name = read_json(source, max_bytes=max_bytes)
    payloads, paths = _payload_objects(data, name, strict=strict)
    reader = _PayloadReader(strict=strict)
    out = reader.read_all(payloads, paths, name)
    reader.warn(name, stacklevel=2)
    return out


def load_dossier_sync(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Dossier]:
    """Load DVCQG dossier-sync payloads (``DongBoHoSoMC``) as dossiers.

    The payloads are read as [`read_dossier_sync`][tthc.io.dossiers.read_dossier_sync] reads
    them; each is made a [`Dossier`][tthc.dossiers.Dossier]. Where a payload lacks what a
    dossier needs and a stated rule gives it, the value is filled in and the load warns
    ([`InferredValueWarning`][tthc.errors.InferredValueWarning], one line per value):

    * ``NgayNopHoSo`` missing (OpenCPS never sends it): the submission is taken to be the
      receipt, ``NgayTiepNhan``, the latest it can have been;
    * ``TrangThaiHoSo`` 5 with ``DanhSachHoSoBoSung`` empty (OpenCPS always sends it empty):
      one supplement request made at the receipt, the earliest it can have been;
    * ``MaTTHC`` the code of an online service (``1.001193.000.00.00.H26``): the procedure code
      it starts with;
    * ``KenhThucHien`` missing: in person, as Decision 766 indicator 3.3 counts it.

    Args:
        source: As for ``read_dossier_sync``.
        calendar: The working calendar of every dossier (default: the Vietnamese calendar).
        policy: The deadline policy of every dossier (default: working time).
        strict: Read the documented shape only (as ``read_dossier_sync``), and refuse a
            payload that lacks ``NgayNopHoSo``, a status 5 without its request and a service
            code for ``MaTTHC`` instead of filling them in.
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        One [`Dossier`][tthc.dossiers.Dossier] per payload, in order, with ``stated_due_at``
        from ``NgayHenTra``.

    Raises:
        LoadError: The input cannot be read, or has problems; ``.problems`` lists every one
            with its path (``$[3].NgayTiepNhan: …``). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Warns:
        UnknownFieldWarning: Some payloads have keys the format does not define (not strict).
        InferredValueWarning: Some values were filled in, as above.
    """
    data, name = read_json(source, max_bytes=max_bytes)
    payloads, paths = _payload_objects(data, name, strict=strict)
    reader = _DossierReader(strict=strict, calendar=calendar, policy=policy)
    out = reader.read_all(payloads, paths, name)
    reader.warn(name, stacklevel=2)
    return out


def from_dossier_sync(
    payload: Mapping[str, Any],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    strict: bool = False,
) -> Dossier:
    """Read one parsed sync payload (a dict) as a dossier, as ``load_dossier_sync`` does.

    Raises:
        LoadError: The payload has problems; ``.problems`` lists them with their paths.

    Warns:
        UnknownFieldWarning: The payload has keys the format does not define (not strict).
        InferredValueWarning: Some values were filled in (see ``load_dossier_sync``).
    """
    reader = _DossierReader(strict=strict, calendar=calendar, policy=policy)
    [dossier] = reader.read_all([payload], ["$"], "<payload>")
    reader.warn("<payload>", stacklevel=2)
    return dossier


def dossier_of(
    payload: SyncPayload,
    *,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
    strict: bool,
) -> Dossier:
    """The dossier of a typed payload (see ``SyncPayload.to_dossier``).

    Raises:
        LoadError: No dossier can be made of it.
    """
    if not isinstance(payload, SyncPayload):
        raise InvalidValueError("SyncPayload.to_dossier(self)", payload, "a SyncPayload")
    reader = _DossierReader(strict=strict, calendar=calendar, policy=policy)
    dossier = reader.builder.dossier("$", payload)
    if isinstance(dossier, Bad):
        raise LoadError(f"<SyncPayload {payload.code}>", reader.problems)
    reader.warn(f"<SyncPayload {payload.code}>", stacklevel=3)
    return dossier


def to_dossier_sync(dossier: Dossier | SyncPayload) -> dict[str, Any]:
    """Write one dossier, or one payload, as a DVCQG sync payload (a dict ready for ``json.dumps``).

    Every key of the documented payload that the records keep is written (blank when absent),
    and ``SoBienNhan`` when there is a receipt number; instants to the second, in Vietnam time.
    A payload's ``extra`` keys are not written.

    Raises:
        InvalidValueError: ``dossier`` is neither a ``Dossier`` nor a ``SyncPayload``.
        OutOfCalendarRangeError: A dossier's due instant cannot be computed in the calendar's
            years.
    """
    if isinstance(dossier, SyncPayload):
        return _wire(dossier)
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("to_dossier_sync(dossier)", dossier, "a Dossier or a SyncPayload")
    return _wire(payload_of(dossier))


def dump_dossier_sync(
    dossiers: Iterable[Dossier | SyncPayload],
    path: str | os.PathLike[str] | None = None,
    *,
    indent: int | None = 2,
) -> str:
    """Write dossiers, or payloads, as a JSON array of DVCQG sync payloads (``DongBoHoSoMC``).

    Args:
        dossiers: The dossiers, or payloads read by ``read_dossier_sync`` (written back as
            they were read, without their ``extra`` keys), or both.
        path: If given, the file to write (replaced atomically).
        indent: Indentation of the JSON text; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is neither a ``Dossier`` nor a ``SyncPayload``.
        OSError: The file cannot be written.
    """
    return dump_json([to_dossier_sync(d) for d in dossiers], path, indent=indent)
