"""Tests of the DVCQG processing history (QuaTrinhXuLy) in tthc.io.dossiers.

The fixtures in tests/fixtures/history are synthetic (invented names and codes) in the shapes of
real senders, as documented in the research notes (payloads/SHAPES.md): a provincial system's
bare array (TD), OpenCPS's CapNhatTienDoHoSoMC envelopes, an iGate-style sample with ISO dates
and a numeric TrangThai.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    DossierStatus,
    HistoryEntry,
    StepAssigned,
    StepFinished,
    StepTrack,
    history_of,
)
from tthc.durations import Duration
from tthc.errors import LoadError, UnknownFieldWarning
from tthc.io.dossiers import (
    dump_processing_history,
    load_dossier_sync,
    load_processing_history,
    to_processing_history,
)
from tthc.procedures import HandlingUnit, InternalProcess, Phase, ProcessStep

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "history"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, minute, tzinfo=VN_TZ)


class TestSenders:
    """Each sender's shape is read."""

    def test_bare_array(self) -> None:
        """A provincial system: four entries, department, title and start left blank."""
        entries = load_processing_history(FIXTURES / "sync_td_progress_steps.json")
        assert [e.content for e in entries] == [
            "Tiếp nhận hồ sơ",
            "Chuyển xử lý",
            "Duyệt kết quả",
            "Kết thúc xử lý hồ sơ",
        ]
        assert [e.status for e in entries] == [
            DossierStatus.RECEIVED,
            DossierStatus.PROCESSING,
            DossierStatus.PROCESSING,
            DossierStatus.RESOLVED,
        ]
        assert all(e.department is None and e.started_at is None for e in entries)
        assert entries[1].due_at == at(12, 17)
        assert entries[1].at == at(9, 10)
        assert entries[1].is_late is False
        assert entries[2].is_late is False  # 15:00 before 17:00 on the 13th
        assert entries[0].is_late is None

    def test_envelopes(self) -> None:
        """OpenCPS: one CapNhatTienDoHoSoMC envelope per status change, in an array."""
        entries = load_processing_history(FIXTURES / "sync_opencps_progress_steps.json")
        assert len(entries) == 4
        assert entries[1].department == "Công chức tư pháp - hộ tịch"
        assert entries[3].status is DossierStatus.RETURNED
        blank = load_processing_history(FIXTURES / "sync_opencps_master_progress_blank.json")
        assert blank[0].status is DossierStatus.SUPPLEMENT_REQUESTED
        assert blank[0].due_at is None

    def test_iso_dates_and_numeric_status(self) -> None:
        """iGate-style items: ISO instants without an offset (read as Vietnam time), TrangThai 4."""
        entries = load_processing_history(FIXTURES / "sync_igate_progress_iso.json")
        assert entries[0].started_at == at(9, 8, 30)
        assert entries[1].at == at(13, 15)
        assert entries[1].status is DossierStatus.RESOLVED

    def test_inside_a_dossier_payload(self) -> None:
        """QuaTrinhXuLy inside DongBoHoSoMC: the dossier reader accepts it, the history reader reads it."""
        payload = {
            "MaHoSo": "000.00.10.H26-260109-0001",
            "MaTTHC": "1.000000",
            "KenhThucHien": "2",
            "NgayNopHoSo": "20260109080000",
            "NgayTiepNhan": "20260109083000",
            "NgayHenTra": "20260114170000",
            "TrangThaiHoSo": "4",
            "QuaTrinhXuLy": [
                {
                    "NguoiXuLy": "Trần Thị B",
                    "ThoiDiemXuLy": "20260109100000",
                    "NoiDungXuLy": "Chuyển xử lý",
                }
            ],
        }
        [dossier] = load_dossier_sync([payload])
        assert dossier.code == "000.00.10.H26-260109-0001"
        [entry] = load_processing_history([payload])
        assert entry.dossier_code == "000.00.10.H26-260109-0001"
        assert entry.actor == "Trần Thị B"


class TestProblems:
    """Every problem is reported with its path."""

    def test_all_at_once(self) -> None:
        text = json.dumps(
            {
                "service": "CapNhatTienDoHoSoMC",
                "data": [
                    {"MaHoSo": "x", "ThoiDiemXuLy": "09/01/2026 10:00"},
                    {"MaHoSo": "000.00.10.H26-260109-0001", "ThoiDiemXuLy": "", "TrangThai": "12"},
                    {
                        "MaHoSo": "000.00.10.H26-260109-0001",
                        "ThoiDiemXuLy": "20260109100000",
                        "Mau": "đỏ",
                    },
                ],
            }
        )
        with pytest.raises(LoadError) as info:
            load_processing_history(text)
        assert info.value.problems == [
            "$.data[0].MaHoSo: expected a dossier code like '000.00.10.H26-240101-00001', got 'x'",
            (
                "$.data[0].ThoiDiemXuLy: expected an instant written yyyyMMddHHmmss (Vietnam time), "
                "got '09/01/2026 10:00'"
            ),
            "$.data[1].ThoiDiemXuLy: required key missing or blank",
            "$.data[1].TrangThai: expected a dossier status code 1-10, got '12'",
        ]

    def test_unknown_keys_warn_or_are_refused(self) -> None:
        """Liberal by default (a warning, other casings read); strict refuses."""
        entry = {
            "maHoSo": "000.00.10.H26-260109-0001",
            "ThoiDiemXuLy": "20260109100000",
            "Mau": "đỏ",
        }
        with pytest.warns(UnknownFieldWarning):
            [read] = load_processing_history([entry])
        assert read.dossier_code == "000.00.10.H26-260109-0001"
        with pytest.raises(LoadError) as info:
            load_processing_history([entry], strict=True)
        assert any("unknown keys" in p and "'Mau'" in p for p in info.value.problems)

    def test_other_service(self) -> None:
        with pytest.raises(LoadError, match="expected 'CapNhatTienDoHoSoMC'"):
            load_processing_history('{"service": "DongBoHoSoMC", "data": []}')


class TestOut:
    """Writing: every key, blank when absent; read back equal."""

    def test_round_trip(self) -> None:
        entries = load_processing_history(FIXTURES / "sync_td_progress_steps.json")
        assert load_processing_history(dump_processing_history(entries)) == entries
        assert load_processing_history(dump_processing_history(entries, envelope=True)) == entries

    def test_keys(self) -> None:
        entry = HistoryEntry(dossier_code="000.00.10.H26-260109-0001", at=at(9, 10))
        assert to_processing_history(entry) == {
            "MaHoSo": "000.00.10.H26-260109-0001",
            "NguoiXuLy": "",
            "ChucDanh": "",
            "ThoiDiemXuLy": "20260109100000",
            "PhongBanXuLy": "",
            "NoiDungXuLy": "",
            "TrangThai": "",
            "NgayBatDau": "",
            "NgayKetThucTheoQuyDinh": "",
        }

    def test_from_a_track(self) -> None:
        """A track's passes as entries: department, start, due; the open pass left out."""
        unit = HandlingUnit(agency="VD.SO", department="Phòng A")
        process = InternalProcess(
            procedure_code="0.000001",
            processing_time=Duration.working_days(3),
            receiving_unit=unit,
            lead_agency="VD.SO",
            source="EXAMPLE",
            phases=[
                Phase(
                    steps=[
                        ProcessStep(name="Thẩm định", unit=unit, budget=Duration.working_days(1))
                    ]
                ),
                Phase(steps=[ProcessStep(name="Ký", unit=unit, budget=Duration.working_days(1))]),
            ],
        )
        track = StepTrack(
            dossier_code="000.00.10.H26-260112-0001",
            received_at=at(12, 8),
            process=process,
            events=[
                StepAssigned(step="Thẩm định", unit=unit, at=at(12, 8)),
                StepFinished(step="Thẩm định", unit=unit, at=at(13, 9)),
                StepAssigned(step="Ký", unit=unit, at=at(13, 9)),
            ],
        )
        [entry] = history_of(track)
        assert entry.department == "VD.SO/Phòng A"
        assert (entry.started_at, entry.due_at, entry.at) == (at(12, 8), at(12, 17), at(13, 9))
        assert entry.is_late
        written = json.loads(dump_processing_history(history_of(track)))
        assert written[0]["NgayKetThucTheoQuyDinh"] == "20260112170000"
        assert load_processing_history(json.dumps(written)) == [entry]
