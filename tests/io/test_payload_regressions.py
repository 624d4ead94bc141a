"""Regressions of issue 16, "Payloads of real systems": each quotes the input that was refused.

Before the fix, the DVCQG dossier-sync reader refused every payload of OpenCPS (VietOpenCPS/
opencps-v2) and the CSDLQG package reader refused the procedure code key its clients read. The
tests use only names that existed then (``load_dossier_sync``, ``load_national``,
``TthcWarning``), so that each fails there for the reason it names, not on an import. The
senders' shapes are cited in tests/fixtures/payloads/INDEX.md.
"""

from __future__ import annotations

import datetime as dt
import warnings

from tthc.deadlines import VN_TZ
from tthc.dossiers import DossierStatus, SupplementRequested
from tthc.errors import TthcWarning
from tthc.io import load_national
from tthc.io.dossiers import load_dossier_sync

RECEIVED = dt.datetime(2026, 1, 9, 8, 30, tzinfo=VN_TZ)

# An OpenCPS DongBoHoSoMC payload (OCPS-rc30 l.350-436): no NgayNopHoSo, no KenhThucHien, and
# DanhSachHoSoBoSung always empty. Synthetic values.
OPENCPS = """[{
  "MaHoSo": "000.00.10.H26-260109-0001", "MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh",
  "MaLinhVuc": "VD-01", "TenLinhVuc": "Hộ tịch (ví dụ)", "ChuHoSo": "Nguyễn Văn A",
  "LoaiDoiTuong": "1", "MaDoiTuong": "", "ThongTinKhac": "", "TrichYeuHoSo": "Hồ sơ ví dụ",
  "NgayTiepNhan": "20260109083000", "NgayHenTra": "20260114170000", "TrangThaiHoSo": "%s",
  "NgayTra": "%s", "ThongTinTra": "", "HinhThuc": "0", "NgayKetThucXuLy": "%s",
  "DonViXuLy": "UBND xã Ví Dụ", "DanhSachLePhi": [], "DanhSachTepDinhKemKhac": [],
  "DanhSachHoSoBoSung": []}]"""


def load_warned(text: str) -> tuple[list[object], list[str]]:
    """The dossiers of ``text`` and the names of the warnings given (each a TthcWarning)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        dossiers = load_dossier_sync(text)
    assert all(issubclass(w.category, TthcWarning) for w in seen)
    return dossiers, [f"{w.category.__name__}: {w.message}" for w in seen]


def test_missing_submission_time() -> None:
    """A payload without NgayNopHoSo loads; the submission is taken as the receipt, said aloud."""
    [d], said = load_warned(OPENCPS % ("10", "20260114090000", "20260113150000"))
    assert d.status is DossierStatus.RETURNED
    assert d.submitted_at == d.received_at == RECEIVED
    [warning] = said
    assert warning.startswith("InferredValueWarning: ")
    assert "$[0].NgayNopHoSo: not sent; submitted_at taken as NgayTiepNhan" in warning


def test_receipt_number() -> None:
    """SoBienNhan, the receipt number, is a key of the payload: read without a word, and kept."""
    text = """[{"MaHoSo": "000.00.10.H26-260109-0021", "MaTTHC": "1.001193",
      "SoBienNhan": "BN-0021", "KenhThucHien": "1", "LoaiDoiTuong": "1",
      "NgayNopHoSo": "20260109083000", "NgayTiepNhan": "20260109083000",
      "NgayHenTra": "20260114170000", "TrangThaiHoSo": "2", "DonViXuLy": "Trường ví dụ"}]"""
    [d], said = load_warned(text)
    assert said == []
    assert d.status is DossierStatus.RECEIVED
    from tthc.io import dossiers  # noqa: PLC0415 - a name added by the fix, after the load

    [payload] = dossiers.read_dossier_sync(text)
    assert payload.receipt_number == "BN-0021"
    assert '"SoBienNhan": "BN-0021"' in dossiers.dump_dossier_sync([payload])


def test_status_5_with_an_empty_supplement_list() -> None:
    """Status 5 with DanhSachHoSoBoSung empty loads: waiting for a supplement since the receipt."""
    # With NgayNopHoSo, so that only the empty list is in question.
    text = (OPENCPS % ("5", "", "")).replace(
        '"MaHoSo"', '"NgayNopHoSo": "20260109080000", "MaHoSo"'
    )
    [d], said = load_warned(text)
    assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
    assert d.events == (SupplementRequested(at=RECEIVED),)
    [warning] = said
    assert "$[0].DanhSachHoSoBoSung: empty for TrangThaiHoSo 5" in warning


def test_procedure_code_key_in_upper_case() -> None:
    """The CSDLQG package with MATTHC, as OpenCPS and a provincial client read it, loads."""
    package = """{"ID": "vi-du-0001", "MATTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh",
      "LOAITTHC": "1", "TRANGTHAI": "1",
      "CACHTHUCTHUCHIEN": [{"KENH": "2", "THOIGIAN": [{"THOIGIANGIAIQUYET": "5",
        "DONVITINH": "Ngày làm việc", "MOTA": "", "PHILEPHI": []}]}]}"""
    [p] = load_national(package)
    assert (p.code, p.name) == ("1.001193", "Đăng ký khai sinh")
    # As OpenCPS receives it from LayThuTuc (OCPS-rc30 l.2705-2724).
    [p] = load_national(f'{{"error_code": 0, "result": [{package}]}}')
    assert p.code == "1.001193"
