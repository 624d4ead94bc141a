"""Dossiers in and out of the DVCQG dossier sync, ``DongBoHoSoMC`` (private; see ``tthc.io.dossiers``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

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
from tthc.errors import InvalidValueError, TthcError
from tthc.io._converter import DEFAULT_MAX_BYTES, dump_json, read_json
from tthc.io._wire import BAD, Bad, WireReader, wire_objects
from tthc.io.dossiers._payload import (
    PAYLOAD,
    SYNC,
    _SyncDossier,
    _SyncSupplement,
    make_sync_converter,
)
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy

__all__ = [
    "dump_dossier_sync",
    "from_dossier_sync",
    "load_dossier_sync",
    "make_sync_converter",
    "to_dossier_sync",
]

_COMPACT: Final = re.compile(r"[0-9]{14}")


def _format(instant: dt.datetime | None) -> str:
    """Write ``yyyyMMddHHmmss`` in Vietnam time (to the second; the format has no fraction)."""
    return "" if instant is None else instant.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


# The fields of Dossier whose validation errors belong to a payload key.
_FIELD_KEYS: Final = {
    "Dossier.code": "MaHoSo",
    "Dossier.procedure_code": "MaTTHC",
    "Dossier.agency": "DonViXuLy",
    "Dossier.submitted_at": "NgayNopHoSo",
    "Dossier.received_at": "NgayTiepNhan",
    "Dossier.stated_due_at": "NgayHenTra",
}


class _Reader(WireReader[_SyncDossier, Dossier]):
    """Reads wire payloads into dossiers, recording every problem with its path."""

    wire_format = PAYLOAD
    converter = SYNC
    wire_class = _SyncDossier

    def __init__(self, calendar: WorkingCalendar | None, policy: DeadlinePolicy | None) -> None:
        super().__init__()
        self.calendar = calendar
        self.policy = policy

    def prepare(self, path: str, raw: Any) -> Any:
        """The payload without its unknown keys (each recorded), so the rest is checked too."""
        return _known_keys(self, path, raw)

    def instant(self, path: str, text: str) -> dt.datetime | Bad | None:
        text = text.strip()
        if not text:
            return None
        if _COMPACT.fullmatch(text):
            try:
                return dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN_TZ)
            except ValueError:
                pass
        return self.fail(
            path, f"expected an instant written yyyyMMddHHmmss (Vietnam time), got {text!r}"
        )

    def code(self, path: str, text: str, enum_cls: Any, default: Any) -> Any:
        text = text.strip()
        if not text:
            return default
        members = {str(m.value): m for m in enum_cls}
        found = members.get(text)
        if found is None:
            choices = ", ".join(f"{v!r} ({m.name})" for v, m in members.items())
            return self.fail(path, f"expected one of {choices}, got {text!r}")
        return found

    def record(self, path: str, w: _SyncDossier) -> Dossier | Bad:
        """The dossier of one payload."""
        before = len(self.problems)
        keys = PAYLOAD.keys[_SyncDossier]

        def at(name: str) -> str:
            return f"{path}.{keys[name]}"

        if not DOSSIER_CODE_PATTERN.fullmatch(w.code):
            self.fail(
                at("code"),
                f"expected a dossier code like '000.00.10.H26-240101-00001', got {w.code!r}",
            )
        if not CODE_PATTERN.fullmatch(w.procedure_code):
            self.fail(
                at("procedure_code"),
                f"expected a procedure code like '1.001193', got {w.procedure_code!r}",
            )
        # Decision 766 indicator 3.3 counts a blank channel as in person.
        channel = self.code(at("channel"), w.channel, Channel, Channel.IN_PERSON)
        applicant = self.code(at("applicant_type"), w.applicant_type, ApplicantType, None)
        status = self.code(at("status"), w.status, DossierStatus, BAD)
        if status is BAD and not w.status.strip():
            self.fail(at("status"), "required key missing or blank")
        times = {
            name: self.instant(at(name), getattr(w, name))
            for name in (
                "submitted_at",
                "received_at",
                "due_at",
                "finished_at",
                "returned_at",
                "refused_at",
            )
        }
        supplements = []
        for i, s in enumerate(w.supplements):
            where = f"{at('supplements')}[{i}]"
            requested = self.instant(f"{where}.NgayBoSung", s.requested_at)
            supplied = self.instant(f"{where}.NgayTiepNhanBoSung", s.supplied_at)
            if requested is None:
                self.fail(f"{where}.NgayBoSung", "required for a supplement request")
            supplements.append(
                (requested, supplied, s.content.strip() or None, s.requested_by.strip() or None)
            )
        if times["submitted_at"] is None:
            self.fail(at("submitted_at"), "required key missing or blank")
        if len(self.problems) > before or not isinstance(status, DossierStatus):
            return BAD
        events = self.events(path, status, times, supplements)
        if isinstance(events, Bad):
            return BAD
        fields: dict[str, Any] = {
            "code": w.code,
            "procedure_code": w.procedure_code,
            "channel": channel,
            "applicant_type": applicant,
            "agency": w.agency.strip() or None,
            "submitted_at": times["submitted_at"],
            "received_at": times["received_at"],
            "stated_due_at": times["due_at"],
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
        self, path: str, status: DossierStatus, times: dict[str, Any], supplements: list[Any]
    ) -> list[DossierEvent] | Bad:
        keys = PAYLOAD.keys[_SyncDossier]
        received, finished = times["received_at"], times["finished_at"]
        returned, refused = times["returned_at"], times["refused_at"]
        events: list[DossierEvent] = []
        before = len(self.problems)
        if supplements and received is None:
            self.fail(
                f"{path}.{keys['supplements']}",
                "supplement requests on a dossier not received (NgayTiepNhan blank)",
            )
        for requested, supplied, note, actor in supplements:
            events.append(SupplementRequested(at=requested, note=note, actor=actor))
            if supplied is not None:
                events.append(SupplementSupplied(at=supplied))
        S = DossierStatus  # noqa: N806 - a short alias for the table below
        if received is not None and status is S.SUBMITTED:
            self.fail(
                f"{path}.{keys['received_at']}",
                f"given for TrangThaiHoSo {int(status)} ({status.name}), which does not have it",
            )
        elif received is not None and times["due_at"] is None:
            self.fail(
                f"{path}.{keys['due_at']}", "required for a received dossier (NgayTiepNhan given)"
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
                    f"{path}.{keys[name]}",
                    f"required for TrangThaiHoSo {int(status)} ({status.name})",
                )
            if value is not None and status not in allows[name]:
                self.fail(
                    f"{path}.{keys[name]}",
                    f"given for TrangThaiHoSo {int(status)} ({status.name}), which does not have it",
                )
        if (
            status is S.REFUSED
            and finished is not None
            and refused is not None
            and finished != refused
        ):
            self.fail(
                f"{path}.{keys['finished_at']}", "differs from NgayTuChoi for a refused dossier"
            )
        if len(self.problems) > before:
            return BAD
        last = events[-1].at if events else (received or times["submitted_at"])
        if status is S.PROCESSING and not supplements and received is not None:
            events.append(ProcessingStarted(at=received))
        elif status is S.PAYMENT_REQUESTED:
            events.append(PaymentRequested(at=last))
        elif status is S.REFUSED:
            events.append(Refused(at=refused))
        elif status is S.WITHDRAWN:
            events.append(Withdrawn(at=finished))
        elif status is S.STOPPED:
            events.append(Stopped(at=finished))
        elif status in {S.RESOLVED, S.RETURNED}:
            events.append(Resolved(at=finished))
            if status is S.RETURNED:
                events.append(Returned(at=returned))
        return events


_KNOWN: Final = frozenset(PAYLOAD.keys[_SyncDossier].values())
_KNOWN_SUPPLEMENT: Final = frozenset(PAYLOAD.keys[_SyncSupplement].values())


def _unknown(reader: _Reader, path: str, value: Mapping[str, Any], known: frozenset[str]) -> bool:
    unknown = [k for k in value if k not in known]
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        reader.fail(path, f"unknown keys {names} (not keys of the DongBoHoSoMC payload)")
    return bool(unknown)


def _known_keys(reader: _Reader, path: str, raw: Any) -> Any:
    if not isinstance(raw, Mapping):
        return raw
    kept = {k: v for k, v in raw.items() if k in _KNOWN}
    unknown = _unknown(reader, path, raw, _KNOWN)
    key = PAYLOAD.keys[_SyncDossier]["supplements"]
    items = kept.get(key)
    if isinstance(items, list):
        cleaned = []
        for i, item in enumerate(items):
            if isinstance(item, Mapping) and _unknown(
                reader, f"{path}.{key}[{i}]", item, _KNOWN_SUPPLEMENT
            ):
                unknown = True
                item = {k: v for k, v in item.items() if k in _KNOWN_SUPPLEMENT}  # noqa: PLW2901
            cleaned.append(item)
        kept[key] = cleaned
    return kept if unknown else raw


def load_dossier_sync(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Dossier]:
    """Load DVCQG dossier-sync payloads (``DongBoHoSoMC``) as dossiers.

    Args:
        source: A path to a JSON file, JSON text, or parsed payloads (dicts). The JSON is one
            payload (an object) or an array of them.
        calendar: The working calendar of every dossier (default: the Vietnamese calendar).
        policy: The deadline policy of every dossier (default: working time).
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        One [`Dossier`][tthc.dossiers.Dossier] per payload, in order, with ``stated_due_at``
        from ``NgayHenTra``.

    Raises:
        LoadError: The input cannot be read, or has problems; ``.problems`` lists every one
            with its path (``$[3].NgayTiepNhan: …``). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    data, name = read_json(source, max_bytes=max_bytes)
    payloads, paths = wire_objects(data, name, "a dossier payload")
    return _Reader(calendar, policy).read_all(payloads, paths, name)


def from_dossier_sync(
    payload: Mapping[str, Any],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> Dossier:
    """Read one parsed sync payload (a dict) as a dossier.

    Raises:
        LoadError: The payload has problems; ``.problems`` lists them with their paths.
    """
    [dossier] = _Reader(calendar, policy).read_all([payload], ["$"], "<payload>")
    return dossier


def to_dossier_sync(dossier: Dossier) -> dict[str, Any]:
    """Write one dossier as a DVCQG sync payload (a dict ready for ``json.dumps``).

    Every kept key is written (blank when absent); instants to the second, in Vietnam time.

    Raises:
        InvalidValueError: ``dossier`` is not a ``Dossier``.
        OutOfCalendarRangeError: Its due instant cannot be computed in the calendar's years.
    """
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("to_dossier_sync(dossier)", dossier, "a Dossier")
    supplements: list[_SyncSupplement] = []
    closed_at = None
    refused_at = None
    for event in dossier.events:
        if isinstance(event, SupplementRequested):
            supplements.append(
                _SyncSupplement(
                    requested_at=_format(event.at),
                    content=event.note or "",
                    requested_by=event.actor or "",
                )
            )
        elif isinstance(event, SupplementSupplied) and supplements:
            supplements[-1] = attrs.evolve(supplements[-1], supplied_at=_format(event.at))
        elif isinstance(event, Refused):
            refused_at = event.at
        elif isinstance(event, Withdrawn) and dossier.received_at is None:
            closed_at = event.at  # withdrawn before receipt: the closing instant
    finished = dossier.finished_at or closed_at
    wire = _SyncDossier(
        code=dossier.code,
        procedure_code=dossier.procedure_code,
        channel=str(int(dossier.channel)),
        applicant_type="" if dossier.applicant_type is None else str(int(dossier.applicant_type)),
        agency=dossier.agency or "",
        submitted_at=_format(dossier.submitted_at),
        received_at=_format(dossier.received_at),
        due_at=_format(dossier.due_at),
        status=str(int(dossier.status)),
        finished_at=_format(finished),
        returned_at=_format(dossier.returned_at),
        refused_at=_format(refused_at),
        supplements=tuple(supplements),
    )
    result: dict[str, Any] = SYNC.unstructure(wire, _SyncDossier)
    return result


def dump_dossier_sync(
    dossiers: Iterable[Dossier],
    path: str | os.PathLike[str] | None = None,
    *,
    indent: int | None = 2,
) -> str:
    """Write dossiers as a JSON array of DVCQG sync payloads (``DongBoHoSoMC``).

    Args:
        dossiers: The dossiers.
        path: If given, the file to write (replaced atomically).
        indent: Indentation of the JSON text; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is not a ``Dossier``.
        OSError: The file cannot be written.
    """
    return dump_json([to_dossier_sync(d) for d in dossiers], path, indent=indent)
