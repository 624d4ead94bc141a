"""The dossier stage of reading the dossier sync: a dossier from a payload (private).

``_Builder`` makes a [`Dossier`][tthc.dossiers.Dossier] of a
[`SyncPayload`][tthc.io.dossiers.SyncPayload], filling in by a stated rule what the payload
lacks; ``_DossierReader`` reads payloads into dossiers. The public functions are in ``_sync``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from tthc.errors import TthcError
from tthc.io._wire import (
    BAD,
    Bad,
    Unknown,
    WireReader,
)
from tthc.io.dossiers._payload import (
    PAYLOAD,
    SYNC,
    _SyncDossier,
)
from tthc.io.dossiers._records import SyncPayload, SyncSupplement
from tthc.io.dossiers._sync_read import _PayloadReader
from tthc.io.dossiers._sync_wire import (
    _FIELD_KEYS,
    _INSTANTS,
    _KEYS,
    _SERVICE_CODE,
    _SUPPLEMENT_KEYS,
    _format,
)
from tthc.procedures import CODE_PATTERN, Channel

if TYPE_CHECKING:
    import datetime as dt

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy


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
