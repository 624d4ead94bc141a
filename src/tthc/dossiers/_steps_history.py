"""The processing history as the national sync reports it (`HistoryEntry`, private).

Public names are re-exported by [`tthc.dossiers.steps`][tthc.dossiers.steps].
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tthc.dossiers._steps_events import (
    _aware,
    _optional_nfc,
    _optional_text,
    _to_vn,
)
from tthc.dossiers._steps_records import (
    StepOutcome,
)
from tthc.dossiers._steps_track import (
    StepTrack,
    _check_code,
)
from tthc.dossiers.statuses import DossierStatus
from tthc.errors import InvalidValueError


def _optional_aware(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _aware(instance, attribute, value)


def _optional_status(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, DossierStatus):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a DossierStatus"
        )


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One entry of a dossier's processing history (*quá trình xử lý*), as systems report it.

    The national dossier sync carries the history step by step: who acted, when, in which
    department, what was done, the status after it, and the step's due time. It names no step
    of an internal process (its content is free text), so it is kept as reported; a
    [`StepTrack`][tthc.dossiers.steps.StepTrack] writes its passes as entries with
    [`history_of`][tthc.dossiers.steps.history_of].

    Attributes:
        dossier_code: The dossier's code.
        at: When the action happened (*thời điểm xử lý*): for a step, when it ended.
        actor: Who acted (*người xử lý*), if reported.
        title: Their title (*chức danh*), if reported.
        department: The department (*phòng ban xử lý*), if reported.
        content: What was done (*nội dung xử lý*), if reported.
        status: The dossier's status after the action, if reported.
        started_at: When the step started (*ngày bắt đầu*), if reported.
        due_at: When the step was due (*ngày kết thúc theo quy định*), if reported.

    Raises:
        InvalidValueError: A bad dossier code, a naive instant, a blank text.

    References:
        DVCQG processing history ``QuaTrinhXuLy``: ``MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy,
        PhongBanXuLy, NoiDungXuLy, TrangThai, NgayBatDau, NgayKetThucTheoQuyDinh`` (CONFIRMED
        from one client's code; research notes ``process/NOTES.md`` §2a, ``payloads/SHAPES.md``).
    """

    dossier_code: str = attrs.field(validator=_check_code)
    at: dt.datetime = attrs.field(converter=_to_vn, validator=_aware)
    actor: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    title: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    department: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    content: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    status: DossierStatus | None = attrs.field(default=None, validator=_optional_status)
    started_at: dt.datetime | None = attrs.field(
        default=None, converter=_to_vn, validator=_optional_aware
    )
    due_at: dt.datetime | None = attrs.field(
        default=None, converter=_to_vn, validator=_optional_aware
    )

    @property
    def is_late(self) -> bool | None:
        """Whether the action came after the step's reported due time (``None`` without one).

        The history states instants, not budgets or office hours, so this compares instants
        (as the one-stop system reviewed tags its steps "Quá hạn xử lý" / "Đúng hạn").
        """
        return None if self.due_at is None else self.at > self.due_at


def history_of(track: StepTrack) -> list[HistoryEntry]:
    """The passes of a track as processing-history entries (one per pass, in order).

    Each entry is the end of a pass (``at`` its finish; an open pass is left out), in the
    department of its unit (``"agency/department"``), its step's name as the content, the pass's
    start and due instant, and the status 4 (processing).

    Args:
        track: The dossier's track.

    Returns:
        The entries, in the order the passes started.

    Raises:
        InvalidValueError: ``track`` is not a ``StepTrack``.
    """
    if not isinstance(track, StepTrack):
        raise InvalidValueError("history_of(track)", track, "a StepTrack")
    return [
        HistoryEntry(
            dossier_code=r.dossier_code,
            at=r.finished_at,
            department=str(r.unit),
            content=r.step if r.outcome is StepOutcome.FINISHED else f"{r.step} (trả lại)",
            status=DossierStatus.PROCESSING,
            started_at=r.started_at,
            due_at=r.due_at,
        )
        for r in track.records
        if r.finished_at is not None
    ]


# --- across dossiers -----------------------------------------------------------------------------
