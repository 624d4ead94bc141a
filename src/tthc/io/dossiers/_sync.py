"""Dossiers in and out of the DVCQG dossier sync, ``DongBoHoSoMC`` (private; see ``tthc.io.dossiers``).

Reading has two stages. The payload stage (``_PayloadReader``) reads what a payload says into a
[`SyncPayload`][tthc.io.dossiers.SyncPayload]: keys in any casing, unknown keys set aside,
blank values as ``None``, instants and codes checked. The dossier stage (``_Builder``) makes a
[`Dossier`][tthc.dossiers.Dossier] of it: the history that the status and the instants give,
and, where the payload lacks something a dossier needs, the value a stated rule gives (recorded
for an ``InferredValueWarning``), or a problem when ``strict``.

The payload stage is in ``_sync_read``, the dossier stage in ``_sync_build``, the writer in
``_sync_write`` and what they share about the wire in ``_sync_wire``; this module holds the
public functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tthc.dossiers import Dossier
from tthc.errors import InvalidValueError, LoadError
from tthc.io._converter import DEFAULT_MAX_BYTES, dump_json, read_json
from tthc.io._wire import Bad
from tthc.io.dossiers._payload import make_sync_converter
from tthc.io.dossiers._records import SyncPayload
from tthc.io.dossiers._sync_build import _DossierReader
from tthc.io.dossiers._sync_read import _payload_objects, _PayloadReader
from tthc.io.dossiers._sync_write import _wire, payload_of

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
