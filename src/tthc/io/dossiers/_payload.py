"""The DVCQG dossier-sync payload as it is on the wire (private): its classes and converter.

``DongBoHoSoMC`` objects as attrs classes, each attribute registered with its Vietnamese key;
[`make_sync_converter`][tthc.io.dossiers.make_sync_converter] reads them and writes the kept
keys. The dossiers are made from them, and turned into them, in ``_sync`` (with
``_sync_read``, ``_sync_build`` and ``_sync_write``).

The classes keep their leading underscore although those modules import them: their names are in
the messages of a failed load ("expected an object (JSON object) for _SyncDossier").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc.io._wire import WireFormat

if TYPE_CHECKING:
    import cattrs

__all__ = ["PAYLOAD", "SYNC", "make_sync_converter"]

#: The wire classes of the payload and their keys.
PAYLOAD: Final = WireFormat("the DongBoHoSoMC payload")

# Values are text in the payload (the national system's classes are all strings); lists may be
# missing or null. Keys that are known but not kept are typed Any, read and dropped.


@PAYLOAD.wire(
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


@PAYLOAD.wire(
    code="MaHoSo",
    procedure_code="MaTTHC",
    receipt_number="SoBienNhan",
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
    history="QuaTrinhXuLy",
)
@attrs.frozen(kw_only=True)
class _SyncDossier:
    code: str = ""
    procedure_code: str = ""
    receipt_number: str = ""
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
    # The processing history: read by load_processing_history, not by the dossier reader.
    history: Any = None


_DOSSIER_KEPT: Final = (
    "code",
    "procedure_code",
    "receipt_number",
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


def make_sync_converter() -> cattrs.Converter:
    """Return a converter for the sync payload's wire classes, derived from the base one.

    It is [`make_converter`][tthc.io.make_converter] (unknown keys refused: the reader sets
    them aside before, and warns or refuses) with the payload's Vietnamese keys as renames,
    values that are text (or whole numbers, or ``null``), lists that may be ``null``, and only
    the kept keys written. The wire classes are private: use
    [`load_dossier_sync`][tthc.io.dossiers.load_dossier_sync] and
    [`dump_dossier_sync`][tthc.io.dossiers.dump_dossier_sync].

    Returns:
        The converter.
    """
    return PAYLOAD.make_converter(
        written={_SyncSupplement: _SUPPLEMENT_KEPT, _SyncDossier: _DOSSIER_KEPT}
    )


SYNC: Final = make_sync_converter()
