"""The DVCQG processing history (``QuaTrinhXuLy``) in and out (private; see ``tthc.io.dossiers``).

One entry per action on a dossier: ``MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy, PhongBanXuLy,
NoiDungXuLy, TrangThai, NgayBatDau, NgayKetThucTheoQuyDinh``, every value text. Senders post it
as a bare array (one provincial system, to its progress address), in ``{"service":
"CapNhatTienDoHoSoMC", "data": [...]}`` envelopes (OpenCPS), or inside a ``DongBoHoSoMC`` payload
under ``QuaTrinhXuLy``; the reader takes all three. Instants are ``yyyyMMddHHmmss`` in Vietnam
time; ISO 8601 without an offset (``2026-01-09T10:00:00[.fff]``, as an iGate-style sample writes
them) is read as Vietnam time too, an assumption of the library (UNCERTAIN).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc.deadlines import VN_TZ
from tthc.dossiers import DOSSIER_CODE_PATTERN, DossierStatus, HistoryEntry
from tthc.errors import InvalidValueError, LoadError, TthcError
from tthc.io._converter import DEFAULT_MAX_BYTES, dump_json, read_json
from tthc.io._wire import BAD, Bad, WireFormat, WireReader, envelope

if TYPE_CHECKING:
    import os

__all__ = ["HISTORY_SERVICE", "dump_processing_history", "load_processing_history"]

HISTORY_SERVICE: Final = "CapNhatTienDoHoSoMC"
"""The service name of the envelope that carries progress entries (OpenCPS's sender)."""

HISTORY: Final = WireFormat("the QuaTrinhXuLy processing history")
_COMPACT: Final = re.compile(r"[0-9]{14}")
_ISO_NAIVE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
)


@HISTORY.wire(
    dossier_code="MaHoSo",
    actor="NguoiXuLy",
    title="ChucDanh",
    at="ThoiDiemXuLy",
    department="PhongBanXuLy",
    content="NoiDungXuLy",
    status="TrangThai",
    started_at="NgayBatDau",
    due_at="NgayKetThucTheoQuyDinh",
    dossier_id="IDHoSo",
)
@attrs.frozen(kw_only=True)
class _SyncStep:
    dossier_code: str = ""
    actor: str = ""
    title: str = ""
    at: str = ""
    department: str = ""
    content: str = ""
    status: str = ""
    started_at: str = ""
    due_at: str = ""
    # Known, not kept: a sender's own identifier of the dossier.
    dossier_id: Any = None


_CONVERTER: Final = HISTORY.make_converter(
    written={
        _SyncStep: (
            "dossier_code",
            "actor",
            "title",
            "at",
            "department",
            "content",
            "status",
            "started_at",
            "due_at",
        )
    }
)


def _format(instant: dt.datetime | None) -> str:
    return "" if instant is None else instant.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


class _Reader(WireReader[_SyncStep, HistoryEntry]):
    """Reads progress entries, recording every problem with its path."""

    wire_format = HISTORY
    converter = _CONVERTER
    wire_class = _SyncStep

    def instant(self, path: str, text: str) -> dt.datetime | Bad | None:
        text = text.strip()
        if not text:
            return None
        try:
            if _COMPACT.fullmatch(text):
                return dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN_TZ)
            if _ISO_NAIVE.fullmatch(text):
                return dt.datetime.fromisoformat(text).replace(tzinfo=VN_TZ)
        except ValueError:
            pass
        return self.fail(
            path, f"expected an instant written yyyyMMddHHmmss (Vietnam time), got {text!r}"
        )

    def record(self, path: str, w: _SyncStep) -> HistoryEntry | Bad:
        keys = HISTORY.keys[_SyncStep]
        before = len(self.problems)
        if not DOSSIER_CODE_PATTERN.fullmatch(w.dossier_code.strip()):
            self.fail(
                f"{path}.{keys['dossier_code']}",
                f"expected a dossier code like '000.00.10.H26-240101-00001', got {w.dossier_code!r}",
            )
        times = {
            n: self.instant(f"{path}.{keys[n]}", getattr(w, n))
            for n in ("at", "started_at", "due_at")
        }
        if times["at"] is None:
            self.fail(f"{path}.{keys['at']}", "required key missing or blank")
        status: DossierStatus | None = None
        if w.status.strip():
            try:
                status = DossierStatus(int(w.status.strip()))
            except (ValueError, TthcError):
                self.fail(
                    f"{path}.{keys['status']}",
                    f"expected a dossier status code 1-10, got {w.status!r}",
                )
        if len(self.problems) > before:
            return BAD

        def text(value: str) -> str | None:
            return value.strip() or None

        try:
            return HistoryEntry(
                dossier_code=w.dossier_code.strip(),
                at=times["at"],
                actor=text(w.actor),
                title=text(w.title),
                department=text(w.department),
                content=text(w.content),
                status=status,
                started_at=times["started_at"],
                due_at=times["due_at"],
            )
        except TthcError as exc:
            return self.fail(path, str(exc))


def _entries(data: Any, source: str) -> tuple[list[Any], list[str]]:
    """The entry objects of a document, whatever shape it comes in, with their paths."""
    items: list[Any] = []
    paths: list[str] = []

    def take(value: Any, path: str) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                take(item, f"{path}[{i}]")
        elif (wrapped := envelope(value, "data", ("service", "isUpdating"))) is not None:
            key, inner = wrapped
            service = next((v for k, v in value.items() if k.casefold() == "service"), None)
            if service is not None and service != HISTORY_SERVICE:
                raise LoadError(
                    source, [f"{path}.service: expected {HISTORY_SERVICE!r}, got {service!r}"]
                )
            take(inner, f"{path}.{key}")
        elif isinstance(value, Mapping) and "QuaTrinhXuLy" in value:
            # A DongBoHoSoMC payload: its entries, with the payload's code where they have none.
            code = value.get("MaHoSo", "")
            for i, item in enumerate(value["QuaTrinhXuLy"] or []):
                entry = dict(item) if isinstance(item, Mapping) else item
                if isinstance(entry, dict) and not str(entry.get("MaHoSo") or "").strip():
                    entry["MaHoSo"] = code
                items.append(entry)
                paths.append(f"{path}.QuaTrinhXuLy[{i}]")
        else:
            items.append(value)
            paths.append(path)

    take(data, "$")
    return items, paths


def load_processing_history(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[HistoryEntry]:
    """Load processing-history entries (``QuaTrinhXuLy``) of the DVCQG dossier sync.

    The document may be an array of entries, a ``CapNhatTienDoHoSoMC`` envelope (or an array of
    them), or ``DongBoHoSoMC`` payloads that carry ``QuaTrinhXuLy`` (their entries take the
    payload's ``MaHoSo`` when they have none). Blank keys are absent values (one sender always
    leaves ``PhongBanXuLy``, ``ChucDanh`` and ``NgayBatDau`` blank).

    As the other sync readers, it is liberal by default: keys in any casing (``maHoSo``, as
    camelCase senders write it), unknown keys set aside with a warning; ``strict=True`` reads
    the documented keys only and refuses the others.

    Args:
        source: A path, JSON text, or parsed objects.
        strict: Refuse unknown keys and other casings instead of warning.
        max_bytes: Larger files are refused before being read (100 MB by default).

    Returns:
        The entries, in document order.

    Raises:
        LoadError: The input cannot be read or has problems; ``.problems`` lists every one with
            its path (``$[0].data[2].ThoiDiemXuLy: …``).
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Warns:
        UnknownFieldWarning: Some entries have keys the format does not define (not strict).

    Examples:
        >>> [entry] = load_processing_history('''{"service": "CapNhatTienDoHoSoMC", "data": [{
        ...     "MaHoSo": "000.00.10.H26-260109-0001", "NguoiXuLy": "Trần Thị B",
        ...     "ChucDanh": "", "ThoiDiemXuLy": "20260113150000", "PhongBanXuLy": "",
        ...     "NoiDungXuLy": "Thẩm định", "TrangThai": "4", "NgayBatDau": "",
        ...     "NgayKetThucTheoQuyDinh": "20260112170000"}]}''')
        >>> entry.department is None, entry.is_late
        (True, True)
    """
    data, name = read_json(source, max_bytes=max_bytes)
    items, paths = _entries(data, name)
    reader = _Reader(strict=strict)
    out = reader.read_all(items, paths, name)
    reader.warn(name, stacklevel=2)
    return out


def to_processing_history(entry: HistoryEntry) -> dict[str, Any]:
    """One entry as a ``QuaTrinhXuLy`` object (every key written, blank when absent).

    Raises:
        InvalidValueError: ``entry`` is not a ``HistoryEntry``.
    """
    if not isinstance(entry, HistoryEntry):
        raise InvalidValueError("to_processing_history(entry)", entry, "a HistoryEntry")
    wire = _SyncStep(
        dossier_code=entry.dossier_code,
        actor=entry.actor or "",
        title=entry.title or "",
        at=_format(entry.at),
        department=entry.department or "",
        content=entry.content or "",
        status="" if entry.status is None else str(int(entry.status)),
        started_at=_format(entry.started_at),
        due_at=_format(entry.due_at),
    )
    result: dict[str, Any] = _CONVERTER.unstructure(wire, _SyncStep)
    return result


def dump_processing_history(
    entries: Iterable[HistoryEntry],
    path: str | os.PathLike[str] | None = None,
    *,
    envelope: bool = False,
    indent: int | None = 2,
) -> str:
    """Write processing-history entries as the DVCQG sync writes them (``QuaTrinhXuLy``).

    Args:
        entries: The entries.
        path: If given, the file to write (replaced atomically).
        envelope: Wrap them in one ``{"service": "CapNhatTienDoHoSoMC", "data": [...]}`` object
            instead of a bare array.
        indent: Indentation; ``None`` for the most compact text.

    Returns:
        The JSON text; [`load_processing_history`][tthc.io.dossiers.load_processing_history]
        reads it back to equal entries (instants to the second).

    Raises:
        InvalidValueError: An item is not a ``HistoryEntry``.
        OSError: The file cannot be written.
    """
    data: list[dict[str, Any]] = [to_processing_history(e) for e in entries]
    document: Any = {"service": HISTORY_SERVICE, "data": data} if envelope else data
    return dump_json(document, path, indent=indent)
