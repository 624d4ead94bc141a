r"""Dossiers in and out (*dữ liệu hồ sơ*): the library's JSON, and the national dossier sync.

Two formats:

* **the library's own JSON** ([`load_dossiers`][tthc.io.dossiers.load_dossiers],
  [`dump_dossiers`][tthc.io.dossiers.dump_dossiers]): a JSON array of dossiers whose keys are
  the attribute names, events as a tagged union (``{"kind": "supplement_requested", "at":
  "2026-03-03T10:00:00+07:00"}``), exact in both directions except for ``calendar`` and
  ``policy``, which are not written (give them to ``load_dossiers``);
* **the DVCQG dossier sync** ([`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync],
  [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync]): the payload of the national
  public service portal's ``DongBoHoSoMC`` service, Vietnamese keys and all values as text.
  The Vietnamese wire keys exist only in this module.

How the sync payload maps onto a [`Dossier`][tthc.dossiers.Dossier]:

* ``MaHoSo`` code, ``MaTTHC`` procedure code, ``KenhThucHien`` channel (``"1"``, ``"2"``,
  ``"3"``; blank or missing is in person, as Decision 766 indicator 3.3 counts it),
  ``LoaiDoiTuong`` applicant type (blank: unknown), ``DonViXuLy`` agency;
* instants (``NgayNopHoSo``, ``NgayTiepNhan``, ``NgayHenTra``, ``NgayKetThucXuLy``, ``NgayTra``,
  ``NgayTuChoi`` and the supplement dates) are ``yyyyMMddHHmmss`` in Vietnam time, written to
  the second; blank is absent;
* ``NgayHenTra`` is the due instant the agency's system recorded: it becomes
  ``stated_due_at`` (the payload has no processing time), and is written from ``due_at``;
* ``DanhSachHoSoBoSung`` gives the supplement requests: ``NgayBoSung`` (request),
  ``NgayTiepNhanBoSung`` (supplement received; blank while waiting), ``NoiDungBoSung`` (note),
  ``NguoiYeuCauBoSung`` (actor);
* ``TrangThaiHoSo`` gives the rest of the history: 3 refused at ``NgayTuChoi``; 7, 8 and 9
  withdrawn, stopped or resolved at ``NgayKetThucXuLy``; 10 resolved at ``NgayKetThucXuLy``
  and returned at ``NgayTra``; 4 without a supplement starts processing at the receipt; 6 asks
  for payment at the last known instant (the payload has neither time).

The other keys of the payload (the owner's name, identity numbers, e-mail and phone, the
attached files, fees, results, flags) are accepted and **not kept**: personal data has no place
in the records, and those keys are not written back. Unknown keys are refused. Payment,
apology slips (``Rescheduled``) and the case are not in the payload and are not written.

Loading is all or nothing: every problem of every payload is listed in one
[`LoadError`][tthc.errors.LoadError] with its path (``$[2].NgayTiepNhan: …``), and nothing is
returned from a bad input.

Examples:
    >>> import json
    >>> payload = {"MaHoSo": "000.00.10.H26-260302-00001", "MaTTHC": "1.000000",
    ...            "KenhThucHien": "2", "LoaiDoiTuong": "1", "DonViXuLy": "UBND phường (ví dụ)",
    ...            "NgayNopHoSo": "20260302080000", "NgayTiepNhan": "20260302090000",
    ...            "NgayHenTra": "20260305090000", "TrangThaiHoSo": "10",
    ...            "NgayKetThucXuLy": "20260304150000", "NgayTra": "20260305080000"}
    >>> [d] = load_dossier_sync([payload])
    >>> d, d.finished_at.isoformat(), d.classify()
    (<Dossier 000.00.10.H26-260302-00001 status=RETURNED events=2>, '2026-03-04T15:00:00+07:00', <Timeliness.EARLY: 'early'>)
    >>> to_dossier_sync(d)["NgayKetThucXuLy"]
    '20260304150000'

References:
    DVCQG ``DongBoHoSoMC`` fields, date format ``yyyyMMddHHmmss``, ``KenhThucHien`` and
    ``LoaiDoiTuong`` codes (CONFIRMED, research notes ``vn_legal.md`` §2.2); statuses §2.1;
    end of processing §2.3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Union

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    DOSSIER_CODE_PATTERN,
    Dossier,
    DossierEvent,
    DossierStatus,
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
from tthc.errors import InvalidValueError, LoadError, TthcError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    WIRE,
    dump_json,
    is_homogeneous_sequence,
    make_converter,
    nullable_sequence_hook,
    object_hook,
    problems_of,
    read_json,
    structure_all,
    structure_wire_text,
)
from tthc.procedures import CODE_PATTERN, ApplicantType, Channel

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    import cattrs

    from tthc.calendar import WorkingCalendar
    from tthc.deadlines import DeadlinePolicy

__all__ = [
    "EVENT_TYPES",
    "configure_dossier_hooks",
    "dossiers_schema",
    "dump_dossier_sync",
    "dump_dossiers",
    "from_dossier_sync",
    "load_dossier_sync",
    "load_dossiers",
    "make_dossier_converter",
    "make_sync_converter",
    "to_dossier_sync",
]

EVENT_TYPES: Final = (
    Received,
    ProcessingStarted,
    SupplementRequested,
    SupplementSupplied,
    PaymentRequested,
    Paid,
    Rescheduled,
    Resolved,
    Returned,
    Refused,
    Withdrawn,
    Stopped,
)
"""Every concrete event, in the order of the lifecycle: the members of the tagged union."""
_EVENT_UNION: Any = Union[EVENT_TYPES]  # noqa: UP007 - a union built from a tuple at run time
_TAG: Final = "kind"
_BY_KIND: Final = {cls.kind: cls for cls in EVENT_TYPES}
_KIND_OF: Final[dict[type, str]] = {cls: cls.kind for cls in EVENT_TYPES}

# --- the library's JSON --------------------------------------------------------------------------


def configure_dossier_hooks(converter: cattrs.Converter) -> None:
    """Register on ``converter`` the hooks for dossiers and their events.

    Registered, on top of [`configure_converter`][tthc.io.configure_converter]'s hooks (which
    ``converter`` must already have):

    * **events** (``DossierEvent`` and each concrete event) as a tagged union
      (``cattrs.strategies.configure_tagged_union``), the tag under ``"kind"``
      (``"received"``, ``"supplement_requested"``, … : each class's ``kind``); an unknown or
      missing tag is one clear problem;
    * **``Dossier``**: the attributes but ``calendar`` and ``policy``, which are not written and
      are refused on reading (they are not data: give them to
      [`load_dossiers`][tthc.io.dossiers.load_dossiers]).

    Args:
        converter: The converter to configure.

    Examples:
        >>> import datetime as dt
        >>> from tthc.io import make_converter
        >>> c = make_converter()
        >>> configure_dossier_hooks(c)
        >>> c.unstructure(Resolved(at=dt.datetime(2026, 3, 4, 15, tzinfo=VN_TZ)), DossierEvent)
        {'at': '2026-03-04T15:00:00+07:00', 'kind': 'resolved'}
    """
    configure_tagged_union(
        _EVENT_UNION, converter, tag_generator=lambda cl: _KIND_OF[cl], tag_name=_TAG
    )
    kinds = ", ".join(repr(k) for k in _BY_KIND)

    def structure_event(value: object, _: object) -> DossierEvent:
        if not isinstance(value, Mapping):
            raise InvalidValueError(WIRE, value, "an object (JSON object) for an event")
        tag = value.get(_TAG)
        if tag not in _BY_KIND:
            raise InvalidValueError(WIRE, tag, f"an event kind under {_TAG!r}: one of {kinds}")
        event: DossierEvent = converter.structure(value, _EVENT_UNION)
        return event

    def unstructure_event(event: DossierEvent) -> Any:
        return converter.unstructure(event, _EVENT_UNION)

    converter.register_structure_hook(DossierEvent, structure_event)
    for cls in (DossierEvent, *EVENT_TYPES):
        converter.register_unstructure_hook(cls, unstructure_event)

    default = converter.get_structure_hook(Dossier)

    def structure_dossier(value: object, t: object) -> Dossier:
        refused = (
            [k for k in ("calendar", "policy") if k in value] if isinstance(value, Mapping) else []
        )
        if not refused or not isinstance(value, Mapping):
            dossier: Dossier = default(value, t)
            return dossier
        # Report them with the record's other problems, if any.
        errors: list[Exception] = [
            InvalidValueError(
                WIRE, refused, "no 'calendar' or 'policy' in the data (pass them to load_dossiers)"
            )
        ]
        try:
            default({k: v for k, v in value.items() if k not in refused}, t)
        except ClassValidationError as exc:
            errors += exc.exceptions
        raise ClassValidationError("While structuring Dossier", errors, Dossier)

    converter.register_structure_hook(Dossier, structure_dossier)
    converter.register_unstructure_hook(
        Dossier,
        make_dict_unstructure_fn(
            Dossier,
            converter,
            _cattrs_omit_if_default=True,
            calendar=override(omit=True),
            policy=override(omit=True),
        ),
    )


def make_dossier_converter() -> cattrs.Converter:
    """Return [`make_converter`][tthc.io.make_converter] with the dossier hooks registered."""
    c = make_converter()
    configure_dossier_hooks(c)
    return c


_CONVERTER: Final = make_dossier_converter()


def _with_clock(
    dossiers: list[Dossier], calendar: WorkingCalendar | None, policy: DeadlinePolicy | None
) -> list[Dossier]:
    changes: dict[str, Any] = {}
    if calendar is not None:
        changes["calendar"] = calendar
    if policy is not None:
        changes["policy"] = policy
    return [attrs.evolve(d, **changes) for d in dossiers] if changes else dossiers


def load_dossiers(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Dossier]:
    """Load dossiers (*hồ sơ*) from the library's JSON format.

    Args:
        source: A path, JSON text (starting with ``[``), or parsed records (dicts).
        calendar: The working calendar of every dossier (default: the Vietnamese calendar).
        policy: The deadline policy of every dossier (default: working time).
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        The dossiers, in order.

    Raises:
        LoadError: The input cannot be read, or has problems; ``.problems`` lists every one
            with its path (``$[0].events[2].at: …``). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Examples:
        >>> text = '''[{"code": "000.00.10.H26-260302-00001", "procedure_code": "1.000000",
        ...   "channel": 1, "submitted_at": "2026-03-02T09:00:00+07:00",
        ...   "received_at": "2026-03-02T09:00:00+07:00", "processing_time": "3 ngày làm việc",
        ...   "events": [{"kind": "resolved", "at": "2026-03-04T15:00:00+07:00"}]}]'''
        >>> [d] = load_dossiers(text)
        >>> d, load_dossiers(dump_dossiers([d])) == [d]
        (<Dossier 000.00.10.H26-260302-00001 status=RESOLVED events=1>, True)
    """
    data, name = read_json(source, max_bytes=max_bytes)
    dossiers: list[Dossier] = structure_all(_CONVERTER, data, list[Dossier], name)
    return _with_clock(dossiers, calendar, policy)


def dump_dossiers(
    dossiers: Iterable[Dossier],
    path: str | os.PathLike[str] | None = None,
    *,
    indent: int | None = 2,
) -> str:
    """Write dossiers (*hồ sơ*) in the library's JSON format (``calendar``/``policy`` left out).

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
    data = []
    for index, dossier in enumerate(dossiers):
        if not isinstance(dossier, Dossier):
            raise InvalidValueError(f"dump_dossiers(dossiers)[{index}]", dossier, "a Dossier")
        data.append(_CONVERTER.unstructure(dossier, Dossier))
    return dump_json(data, path, indent=indent)


# --- the DVCQG dossier sync (DongBoHoSoMC) -------------------------------------------------------

#: For each wire class, its attributes and their keys in the payload.
_KEYS: dict[type, dict[str, str]] = {}


def _wire(**keys: str) -> Callable[[type], type]:
    def register(cls: type) -> type:
        _KEYS[cls] = keys
        return cls

    return register


# Values are text in the payload (the national system's classes are all strings); lists may be
# missing or null. Keys that are known but not kept are typed Any, read and dropped.


@_wire(
    requested_at="NgayBoSung",
    supplied_at="NgayTiepNhanBoSung",
    content="NoiDungBoSung",
    requested_by="NguoiYeuCauBoSung",
    supplement_id="HoSoBoSungId",
    received_by="NguoiTiepNhanBoSung",
    receipt_info="ThongTinTiepNhan",
    state="TrangThaiBoSung",
    documents="DanhSachGiayToBoSung",
    fees="DanhSachLePhiBoSung",
    due_before="NgayHenTraTruoc",
    due_after="NgayHenTraMoi",
)
@attrs.frozen(kw_only=True)
class _SyncSupplement:
    requested_at: str = ""
    supplied_at: str = ""
    content: str = ""
    requested_by: str = ""
    # Known, not kept.
    supplement_id: Any = None
    received_by: Any = None
    receipt_info: Any = None
    state: Any = None
    documents: Any = None
    fees: Any = None
    due_before: Any = None
    due_after: Any = None


_SUPPLEMENT_KEPT: Final = ("requested_at", "supplied_at", "content", "requested_by")


@_wire(
    code="MaHoSo",
    procedure_code="MaTTHC",
    channel="KenhThucHien",
    applicant_type="LoaiDoiTuong",
    agency="DonViXuLy",
    submitted_at="NgayNopHoSo",
    received_at="NgayTiepNhan",
    due_at="NgayHenTra",
    status="TrangThaiHoSo",
    finished_at="NgayKetThucXuLy",
    returned_at="NgayTra",
    refused_at="NgayTuChoi",
    supplements="DanhSachHoSoBoSung",
    procedure_name="TenTTHC",
    sector_code="MaLinhVuc",
    sector_name="TenLinhVuc",
    owner="ChuHoSo",
    owner_document="SoGiayToChuHoSo",
    subject_code="MaDoiTuong",
    other_info="ThongTinKhac",
    email="Email",
    fax="Fax",
    phone="SoDienThoai",
    summary="TrichYeuHoSo",
    return_info="ThongTinTra",
    delivery="HinhThuc",
    note="GhiChu",
    submitted_to="NoiNopHoSo",
    digitised="HoSoCoThanhPhanSoHoa",
    vneid="TaiKhoanDuocXacThucVoiVNeID",
    paid_online="DuocThanhToanTrucTuyen",
    files="TaiLieuNop",
    fee_list="DanhSachLePhi",
    other_files="DanhSachTepDinhKemKhac",
    results="DanhSachGiayToKetQua",
    identities="DinhDanhCHS",
    databases="DSKetNoiCSDL",
)
@attrs.frozen(kw_only=True)
class _SyncDossier:
    code: str = ""
    procedure_code: str = ""
    channel: str = ""
    applicant_type: str = ""
    agency: str = ""
    submitted_at: str = ""
    received_at: str = ""
    due_at: str = ""
    status: str = ""
    finished_at: str = ""
    returned_at: str = ""
    refused_at: str = ""
    supplements: tuple[_SyncSupplement, ...] = ()
    # Known, not kept (personal data, files, fees, flags).
    procedure_name: Any = None
    sector_code: Any = None
    sector_name: Any = None
    owner: Any = None
    owner_document: Any = None
    subject_code: Any = None
    other_info: Any = None
    email: Any = None
    fax: Any = None
    phone: Any = None
    summary: Any = None
    return_info: Any = None
    delivery: Any = None
    note: Any = None
    submitted_to: Any = None
    digitised: Any = None
    vneid: Any = None
    paid_online: Any = None
    files: Any = None
    fee_list: Any = None
    other_files: Any = None
    results: Any = None
    identities: Any = None
    databases: Any = None


_DOSSIER_KEPT: Final = (
    "code",
    "procedure_code",
    "channel",
    "applicant_type",
    "agency",
    "submitted_at",
    "received_at",
    "due_at",
    "status",
    "finished_at",
    "returned_at",
    "refused_at",
    "supplements",
)


def _key_of(cls: type, attribute: str) -> str:
    return _KEYS.get(cls, {}).get(attribute, attribute)


def make_sync_converter() -> cattrs.Converter:
    """Return a converter for the sync payload's wire classes, derived from the base one.

    It is [`make_converter`][tthc.io.make_converter] (strict, unknown keys refused) with the
    payload's Vietnamese keys as renames, values that are text (or whole numbers, or ``null``),
    lists that may be ``null``, and only the kept keys written. The wire classes are private:
    use [`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync] and
    [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync].

    Returns:
        The converter.
    """
    c = make_converter()
    c.register_structure_hook(str, structure_wire_text)
    c.register_structure_hook_factory(is_homogeneous_sequence, nullable_sequence_hook)
    kept = {_SyncSupplement: _SUPPLEMENT_KEPT, _SyncDossier: _DOSSIER_KEPT}
    for cls, keys in _KEYS.items():  # leaves first
        renames: dict[str, Any] = {name: override(rename=key) for name, key in keys.items()}
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, c, **renames)
        c.register_structure_hook(cls, object_hook(structure, cls))
        written: dict[str, Any] = {
            name: override(rename=key) if name in kept[cls] else override(omit=True)
            for name, key in keys.items()
        }
        c.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=False, **written)
        )
    return c


_SYNC: Final = make_sync_converter()
_COMPACT: Final = re.compile(r"[0-9]{14}")


def _format(instant: dt.datetime | None) -> str:
    """Write ``yyyyMMddHHmmss`` in Vietnam time (to the second; the format has no fraction)."""
    return "" if instant is None else instant.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


class _Bad:
    """Marks a value that could not be read (its problem is already recorded)."""


_BAD: Final = _Bad()

# The fields of Dossier whose validation errors belong to a payload key.
_FIELD_KEYS: Final = {
    "Dossier.code": "MaHoSo",
    "Dossier.procedure_code": "MaTTHC",
    "Dossier.agency": "DonViXuLy",
    "Dossier.submitted_at": "NgayNopHoSo",
    "Dossier.received_at": "NgayTiepNhan",
    "Dossier.stated_due_at": "NgayHenTra",
}


class _Reader:
    """Reads wire payloads into dossiers, recording every problem with its path."""

    def __init__(self, calendar: WorkingCalendar | None, policy: DeadlinePolicy | None) -> None:
        self.problems: list[str] = []
        self.calendar = calendar
        self.policy = policy

    def fail(self, path: str, message: str) -> _Bad:
        self.problems.append(f"{path}: {message}")
        return _BAD

    def instant(self, path: str, text: str) -> dt.datetime | _Bad | None:
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

    def dossier(self, path: str, w: _SyncDossier) -> Dossier | _Bad:
        before = len(self.problems)
        keys = _KEYS[_SyncDossier]

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
        status = self.code(at("status"), w.status, DossierStatus, _BAD)
        if status is _BAD and not w.status.strip():
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
            return _BAD
        events = self.events(path, status, times, supplements)
        if isinstance(events, _Bad):
            return _BAD
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
    ) -> list[DossierEvent] | _Bad:
        keys = _KEYS[_SyncDossier]
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
            return _BAD
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


_KNOWN: Final = frozenset(_KEYS[_SyncDossier].values())
_KNOWN_SUPPLEMENT: Final = frozenset(_KEYS[_SyncSupplement].values())


def _unknown(reader: _Reader, path: str, value: Mapping[str, Any], known: frozenset[str]) -> bool:
    unknown = [k for k in value if k not in known]
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        reader.fail(path, f"unknown keys {names} (not keys of the DongBoHoSoMC payload)")
    return bool(unknown)


def _known_keys(reader: _Reader, path: str, raw: Any) -> Any:
    """The payload without its unknown keys (each recorded), so the rest is checked too."""
    if not isinstance(raw, Mapping):
        return raw
    kept = {k: v for k, v in raw.items() if k in _KNOWN}
    unknown = _unknown(reader, path, raw, _KNOWN)
    key = _KEYS[_SyncDossier]["supplements"]
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


def _read_payloads(
    payloads: list[Any],
    paths: list[str],
    source: str,
    calendar: WorkingCalendar | None,
    policy: DeadlinePolicy | None,
) -> list[Dossier]:
    reader = _Reader(calendar, policy)
    out: list[Dossier] = []
    for raw, path in zip(payloads, paths, strict=True):
        raw = _known_keys(reader, path, raw)  # noqa: PLW2901 - the payload, unknown keys out
        try:
            wire = _SYNC.structure(raw, _SyncDossier)
        except (ClassValidationError, IterableValidationError, TthcError) as exc:
            reader.problems += problems_of(exc, path, _key_of)
            continue
        dossier = reader.dossier(path, wire)
        if not isinstance(dossier, _Bad):
            out.append(dossier)
    if reader.problems:
        raise LoadError(source, reader.problems)
    return out


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
    if isinstance(data, Mapping):
        return _read_payloads([data], ["$"], name, calendar, policy)
    if not isinstance(data, list):
        raise LoadError(
            name,
            [f"$: expected a dossier payload (JSON object) or an array of them, got {data!r}"],
        )
    return _read_payloads(data, [f"$[{i}]" for i in range(len(data))], name, calendar, policy)


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
    [dossier] = _read_payloads([payload], ["$"], "<payload>", calendar, policy)
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
    result: dict[str, Any] = _SYNC.unstructure(wire, _SyncDossier)
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


def dossiers_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of dossiers (*hồ sơ*).

    The format is the one of [`dump_dossiers`][tthc.io.dossiers.dump_dossiers]: an array of
    dossiers whose events are told apart by their ``"kind"``. The calendar and policy are not
    written (they are given when loading), so the schema leaves them out.

    Examples:
        >>> dossiers_schema()["items"]["$ref"]
        '#/$defs/Dossier'
    """
    from tthc.io.schema import schema_for  # noqa: PLC0415 - the generator imports io modules

    return schema_for(
        Dossier,
        title="tthc dossiers",
        description="Dossiers (hồ sơ) in the JSON format of tthc.io.dossiers.load_dossiers / "
        "dump_dossiers.",
        tags={cls: ("kind", cls.kind) for cls in EVENT_TYPES},
        unions={DossierEvent: EVENT_TYPES},
        omit={(Dossier, "calendar"), (Dossier, "policy")},
    )
