"""The payload corpus (tests/fixtures/payloads): the shapes real senders use, read and written.

Rules under test: be liberal in what you read (keys in any casing, unknown keys kept aside
with a warning, "" and null as missing, the senders' envelopes opened, a value filled in only
by a stated rule and with a warning), strict on request (the documented shape only, with a
LoadError naming the key), and exact in what you write (read, written, read again gives the
same). The expected values are read off the fixture files by hand; where each shape comes from
is in tests/fixtures/payloads/INDEX.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    Dossier,
    DossierStatus,
    ProcessingStarted,
    Resolved,
    Returned,
    SupplementRequested,
    Timeliness,
)
from tthc.durations import Duration
from tthc.errors import InferredValueWarning, LoadError, UnknownFieldWarning
from tthc.io.dossiers import (
    SyncPayload,
    dump_dossier_sync,
    load_dossier_sync,
    read_dossier_sync,
)
from tthc.io.national import EXTENSION_KEY, dump_national, load_national
from tthc.procedures import ApplicantType, AuthorityLevel, Channel, FeeKind, ProcedureType

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"
OTHER = CORPUS / "other_services"
SYNC_FILES = sorted(p.name for p in CORPUS.glob("sync_*.json"))
PACKAGE_FILES = sorted(p.name for p in CORPUS.glob("csdlqg_*.json"))


def vn(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant of January 2026, Vietnam time (every instant of the corpus is in it)."""
    return dt.datetime(2026, 1, day, hour, minute, tzinfo=VN_TZ)


def caught(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, dict[type, Any]]:
    """``fn(*args, **kwargs)`` and the warnings it gave, by category."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)
    return result, {w.category: w.message for w in seen}


def refused(fn: Any, *args: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(LoadError) as info:
        fn(*args, **kwargs)
    return info.value.problems


# The two inferences every OpenCPS payload needs (it sends neither key).
NO_SUBMISSION = (
    "NgayNopHoSo: not sent; submitted_at taken as NgayTiepNhan (20260109083000): the "
    "submission is at or before the receipt, how long before is not known"
)
NO_CHANNEL = (
    "KenhThucHien: not sent; taken as '1' (IN_PERSON), as Decision 766 indicator 3.3 counts "
    "a dossier without a channel"
)


class TestCorpus:
    """The corpus is what INDEX.md lists, and its values are synthetic."""

    def test_every_file_is_indexed(self) -> None:
        """Every fixture has its row (and its citation) in INDEX.md, and every row its file."""
        index = (CORPUS / "INDEX.md").read_text(encoding="utf-8")
        listed = set(re.findall(r"^\| `([a-z0-9_]+\.json)` \|", index, flags=re.MULTILINE))
        files = {p.name for p in CORPUS.glob("*.json")} | {p.name for p in OTHER.glob("*.json")}
        assert listed == files
        assert len(files) == 15

    @pytest.mark.parametrize("name", [*SYNC_FILES, *PACKAGE_FILES])
    def test_no_real_contact_data(self, name: str) -> None:
        """E-mail addresses and URLs are .invalid; identity and phone numbers are all zeros."""
        text = (CORPUS / name).read_text(encoding="utf-8")
        for address in re.findall(r"[\w.]+@[\w.-]+", text):
            assert address.endswith(".invalid")
        for url in re.findall(r"https?://[^/\"\\]+", text):
            assert url.endswith(".invalid")
        for number in re.findall(r"\"(\d{9,12})\"", text):
            assert set(number) == {"0"}


# --- the dossier sync, as sent ------------------------------------------------------------------

AS_SENT = {
    "sync_opencps_resolved.json": SyncPayload(
        code="000.00.10.H26-260109-0001",
        procedure_code="1.001193",
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="UBND xã Ví Dụ",
        status=DossierStatus.RETURNED,
        received_at=vn(9, 8, 30),
        due_at=vn(14, 17),
        finished_at=vn(13, 15),
        returned_at=vn(14, 9),
    ),
    "sync_opencps_supplement_status5.json": SyncPayload(
        code="000.00.10.H26-260109-0002",
        procedure_code="1.001193",
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="UBND xã Ví Dụ",
        status=DossierStatus.SUPPLEMENT_REQUESTED,
        received_at=vn(9, 8, 30),
        due_at=vn(14, 17),
    ),
    "sync_opencps_null_keys_absent.json": SyncPayload(
        code="000.00.10.H26-260109-0003",
        procedure_code="1.001193",
        applicant_type=ApplicantType.INDIVIDUAL,
        status=DossierStatus.RECEIVED,
        received_at=vn(9, 8, 30),
    ),
    "sync_td_resolved.json": SyncPayload(
        code="000.00.10.H26-260109-00011",
        procedure_code="1.001193",
        channel=Channel.ONLINE,
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="UBND xã Ví Dụ",
        status=DossierStatus.RETURNED,
        submitted_at=vn(9, 8, 30),
        received_at=vn(9, 8, 30),
        due_at=vn(14, 17),
        finished_at=vn(13, 15),
        returned_at=vn(14, 9),
    ),
    "sync_td_supplement_sent_as_9.json": SyncPayload(
        code="000.00.10.H26-260110-00012",
        procedure_code="1.001193",
        channel=Channel.IN_PERSON,
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="UBND xã Ví Dụ",
        status=DossierStatus.RESOLVED,
        submitted_at=vn(10, 8),
        received_at=vn(10, 8),
        due_at=vn(15, 17),
    ),
    "sync_vsd_sobiennhan.json": SyncPayload(
        code="000.00.10.H26-260109-0021",
        procedure_code="1.001193.000.00.00.H26",
        receipt_number=None,  # sent as ""
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="Trường ví dụ",
        status=DossierStatus.RETURNED,
        received_at=vn(9, 8, 30),
    ),
    "sync_vsd_refused_no_date.json": SyncPayload(
        code="000.00.10.H26-260109-0022",
        procedure_code="1.001193",
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="Trường ví dụ",
        status=DossierStatus.REFUSED,
        received_at=vn(9, 8, 30),
    ),
    "sync_variant_camelcase_unknown_keys.json": SyncPayload(
        code="000.00.10.H26-260109-0041",
        procedure_code="1.001193",
        channel=Channel.ONLINE,
        applicant_type=ApplicantType.INDIVIDUAL,
        agency="UBND xã Ví Dụ",
        status=DossierStatus.PROCESSING,
        received_at=vn(9, 8, 30),
        due_at=vn(14, 17),
        extra={"MaHoSoDonVi": "VD-0041", "acceptKey": "vi-du", "statusId": "4"},
    ),
}


class TestReadAsSent:
    """read_dossier_sync reads every sender's payload as it was sent, nothing filled in."""

    def test_every_sync_file_has_its_expectation(self) -> None:
        assert set(AS_SENT) == set(SYNC_FILES)

    @pytest.mark.parametrize("name", SYNC_FILES)
    def test_values(self, name: str) -> None:
        """Every value read is the one in the file; blanks, nulls and absent keys are None."""
        payloads, warned = caught(read_dossier_sync, CORPUS / name)
        assert payloads == [AS_SENT[name]]
        assert set(warned) == ({UnknownFieldWarning} if AS_SENT[name].extra else set())

    def test_unknown_keys_are_kept_and_named(self) -> None:
        """Keys the format does not define are kept in extra, and the warning names them."""
        _, warned = caught(read_dossier_sync, CORPUS / "sync_variant_camelcase_unknown_keys.json")
        assert warned[UnknownFieldWarning].items == [
            "$[0]: 'MaHoSoDonVi', 'acceptKey', 'statusId' (kept in SyncPayload.extra)"
        ]


# --- the dossier sync, as dossiers ---------------------------------------------------------------


class TestDossiers:
    """load_dossier_sync makes dossiers; what a payload lacks is filled in only by a stated rule."""

    def test_opencps_resolved(self) -> None:
        """OpenCPS, enveloped, without NgayNopHoSo or KenhThucHien: a returned dossier, early."""
        [d], warned = caught(load_dossier_sync, CORPUS / "sync_opencps_resolved.json")
        assert d.status is DossierStatus.RETURNED
        assert d.events == (Resolved(at=vn(13, 15)), Returned(at=vn(14, 9)))
        assert (d.received_at, d.stated_due_at, d.finished_at) == (
            vn(9, 8, 30),
            vn(14, 17),
            vn(13, 15),
        )
        assert d.submitted_at == vn(9, 8, 30)  # inferred: see the warning
        assert d.channel is Channel.IN_PERSON  # inferred: see the warning
        assert d.classify() is Timeliness.EARLY
        assert set(warned) == {InferredValueWarning}
        assert warned[InferredValueWarning].items == [
            f"$.data[0].{NO_SUBMISSION}",
            f"$.data[0].{NO_CHANNEL}",
        ]

    def test_opencps_status_5_with_an_empty_list(self) -> None:
        """Status 5 with no request listed: one request taken as made at the receipt."""
        [d], warned = caught(load_dossier_sync, CORPUS / "sync_opencps_supplement_status5.json")
        assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
        assert d.events == (SupplementRequested(at=vn(9, 8, 30)),)
        assert d.waiting_since == vn(9, 8, 30)
        # While the supplement is awaited, the request instant stands for the reporting
        # instant (Decision 766 indicator 2.1): the receipt, before the due date.
        assert d.classify(vn(20, 9)) is Timeliness.WITHIN_TIME
        assert warned[InferredValueWarning].items == [
            f"$[0].{NO_SUBMISSION}",
            f"$[0].{NO_CHANNEL}",
            (
                "$[0].DanhSachHoSoBoSung: empty for TrangThaiHoSo 5 (SUPPLEMENT_REQUESTED); one "
                "request taken as made at NgayTiepNhan (20260109083000), the earliest it can have "
                "been: while it is awaited, timeliness is judged at that instant"
            ),
        ]

    def test_td_resolved_needs_nothing_inferred(self) -> None:
        """TD sends every key a dossier needs: no warning at all."""
        [d] = load_dossier_sync(CORPUS / "sync_td_resolved.json")
        assert (d.code, d.channel, d.submitted_at) == (
            "000.00.10.H26-260109-00011",
            Channel.ONLINE,
            vn(9, 8, 30),
        )
        assert d.events == (Resolved(at=vn(13, 15)), Returned(at=vn(14, 9)))
        assert d.classify() is Timeliness.EARLY

    def test_camel_case_keys(self) -> None:
        """Keys in another casing are the same keys; the unknown ones are named in a warning."""
        [d], warned = caught(
            load_dossier_sync, CORPUS / "sync_variant_camelcase_unknown_keys.json"
        )
        assert (d.code, d.status, d.channel) == (
            "000.00.10.H26-260109-0041",
            DossierStatus.PROCESSING,
            Channel.ONLINE,
        )
        assert d.events == (ProcessingStarted(at=vn(9, 8, 30)),)
        assert warned[UnknownFieldWarning].items == [
            (
                "$[0]: 'MaHoSoDonVi', 'acceptKey', 'statusId' (kept by read_dossier_sync in "
                "SyncPayload.extra, not in the dossier)"
            )
        ]
        assert warned[InferredValueWarning].items == [f"$[0].{NO_SUBMISSION}"]

    @pytest.mark.parametrize(
        ("name", "problems"),
        [
            (
                "sync_opencps_null_keys_absent.json",
                ["$.data[0].NgayHenTra: required for a received dossier (NgayTiepNhan given)"],
            ),
            (
                "sync_td_supplement_sent_as_9.json",
                ["$[0].NgayKetThucXuLy: required for TrangThaiHoSo 9 (RESOLVED)"],
            ),
            (
                "sync_vsd_sobiennhan.json",
                [
                    "$[0].NgayHenTra: required for a received dossier (NgayTiepNhan given)",
                    "$[0].NgayKetThucXuLy: required for TrangThaiHoSo 10 (RETURNED)",
                    "$[0].NgayTra: required for TrangThaiHoSo 10 (RETURNED)",
                ],
            ),
            (
                "sync_vsd_refused_no_date.json",
                [
                    "$[0].NgayHenTra: required for a received dossier (NgayTiepNhan given)",
                    "$[0].NgayTuChoi: required for TrangThaiHoSo 3 (REFUSED)",
                ],
            ),
        ],
    )
    def test_no_dossier_without_the_instants_it_needs(
        self, name: str, problems: list[str]
    ) -> None:
        """A status without its instant, or a receipt without a due instant, is no dossier.

        No rule gives those instants (TD's "9" may even stand for a local 5, 6 or 8), so
        nothing is guessed; read_dossier_sync still reads the payload.
        """
        assert refused(load_dossier_sync, CORPUS / name) == problems


# --- strict ------------------------------------------------------------------------------------

ENVELOPE = (
    "$: an envelope ('isUpdating', 'service', 'data') around the payloads: read with "
    "strict=False to read the payloads in 'data'"
)


class TestStrict:
    """strict=True reads the documented shape only and refuses the rest, naming the key."""

    @pytest.mark.parametrize(
        ("name", "problems"),
        [
            ("sync_opencps_resolved.json", [ENVELOPE]),
            ("sync_opencps_null_keys_absent.json", [ENVELOPE]),
            (
                "sync_opencps_supplement_status5.json",
                [
                    "$[0].NgayNopHoSo: required key missing or blank",
                    (
                        "$[0].DanhSachHoSoBoSung: a request is required for TrangThaiHoSo 5 "
                        "(SUPPLEMENT_REQUESTED) (read with strict=False to take it as made at "
                        "NgayTiepNhan)"
                    ),
                ],
            ),
            (
                "sync_vsd_sobiennhan.json",
                [
                    (
                        "$[0].MaTTHC: expected a procedure code like '1.001193', got "
                        "'1.001193.000.00.00.H26'"
                    ),
                    "$[0].NgayNopHoSo: required key missing or blank",
                    "$[0].NgayHenTra: required for a received dossier (NgayTiepNhan given)",
                    "$[0].NgayKetThucXuLy: required for TrangThaiHoSo 10 (RETURNED)",
                    "$[0].NgayTra: required for TrangThaiHoSo 10 (RETURNED)",
                ],
            ),
            (
                "sync_vsd_refused_no_date.json",
                [
                    "$[0].NgayNopHoSo: required key missing or blank",
                    "$[0].NgayHenTra: required for a received dossier (NgayTiepNhan given)",
                    "$[0].NgayTuChoi: required for TrangThaiHoSo 3 (REFUSED)",
                ],
            ),
            (
                "sync_td_supplement_sent_as_9.json",
                ["$[0].NgayKetThucXuLy: required for TrangThaiHoSo 9 (RESOLVED)"],
            ),
        ],
    )
    def test_load_refuses(self, name: str, problems: list[str]) -> None:
        """What the liberal reader opens or fills in is refused, with every problem at once."""
        assert refused(load_dossier_sync, CORPUS / name, strict=True) == problems

    def test_other_casings_are_unknown_keys(self) -> None:
        """In strict mode a key must be spelled as documented; the message names the spelling."""
        problems = refused(
            read_dossier_sync, CORPUS / "sync_variant_camelcase_unknown_keys.json", strict=True
        )
        assert problems == [
            (
                "$[0]: unknown keys 'maHoSo', 'maTTHC', 'kenhThucHien', 'loaiDoiTuong', "
                "'ngayTiepNhan', 'ngayHenTra', 'trangThaiHoSo', 'donViXuLy', 'MaHoSoDonVi', "
                "'acceptKey', 'statusId' (not keys of the DongBoHoSoMC payload; in another casing "
                "'maHoSo' is 'MaHoSo', 'maTTHC' is 'MaTTHC', 'kenhThucHien' is 'KenhThucHien', "
                "'loaiDoiTuong' is 'LoaiDoiTuong', 'ngayTiepNhan' is 'NgayTiepNhan', 'ngayHenTra' "
                "is 'NgayHenTra', 'trangThaiHoSo' is 'TrangThaiHoSo', 'donViXuLy' is 'DonViXuLy': "
                "read with strict=False)"
            ),
            "$[0].MaHoSo: required key missing or blank",
        ]

    def test_the_documented_shape_is_read(self) -> None:
        """TD sends the documented keys in their documented spelling: strict reads it."""
        [d] = load_dossier_sync(CORPUS / "sync_td_resolved.json", strict=True)
        assert d.status is DossierStatus.RETURNED
        assert read_dossier_sync(CORPUS / "sync_vsd_sobiennhan.json", strict=True) == [
            AS_SENT["sync_vsd_sobiennhan.json"]
        ]

    @pytest.mark.parametrize("name", PACKAGE_FILES)
    def test_packages_answer_refused(self, name: str) -> None:
        """The service's answer around the packages is opened only when not strict."""
        [problem] = refused(load_national, CORPUS / name, strict=True)
        assert problem.startswith("$: the service's answer (")
        assert problem.endswith(
            "around the packages: read with strict=False to read the packages in it"
        )


# --- the round trip -----------------------------------------------------------------------------


def without_extra(payload: SyncPayload) -> SyncPayload:
    return attrs.evolve(payload, extra={})


class TestRoundTrip:
    """Read, write, read: the same records; what is written is the documented shape."""

    @pytest.mark.parametrize("name", SYNC_FILES)
    def test_payloads(self, name: str) -> None:
        """A payload written back reads as the same payload (its extra keys are not written)."""
        payloads, _ = caught(read_dossier_sync, CORPUS / name)
        text = dump_dossier_sync(payloads)
        again = read_dossier_sync(text, strict=True)  # the documented shape, no warning
        assert again == [without_extra(p) for p in payloads]

    @pytest.mark.parametrize(
        "name",
        [
            "sync_opencps_resolved.json",
            "sync_opencps_supplement_status5.json",
            "sync_td_resolved.json",
            "sync_variant_camelcase_unknown_keys.json",
        ],
    )
    def test_dossiers(self, name: str) -> None:
        """A dossier written back reads as the same dossier, in strict mode, with no warning."""
        dossiers, _ = caught(load_dossier_sync, CORPUS / name)
        again = load_dossier_sync(dump_dossier_sync(dossiers), strict=True)
        assert again == dossiers
        assert all(isinstance(d, Dossier) for d in again)

    def test_written_keys(self) -> None:
        """The writer writes the documented keys only, SoBienNhan only with a number."""
        [payload], _ = caught(
            read_dossier_sync, CORPUS / "sync_variant_camelcase_unknown_keys.json"
        )
        [written] = json.loads(dump_dossier_sync([payload]))
        assert list(written) == [
            "MaHoSo",
            "MaTTHC",
            "KenhThucHien",
            "LoaiDoiTuong",
            "DonViXuLy",
            "NgayNopHoSo",
            "NgayTiepNhan",
            "NgayHenTra",
            "TrangThaiHoSo",
            "NgayKetThucXuLy",
            "NgayTra",
            "NgayTuChoi",
            "DanhSachHoSoBoSung",
        ]
        assert written["NgayNopHoSo"] == ""  # not sent: not written as if it were known
        numbered = attrs.evolve(payload, receipt_number="BN-0041")
        [written] = json.loads(dump_dossier_sync([numbered]))
        assert written["SoBienNhan"] == "BN-0041"

    @pytest.mark.parametrize("name", PACKAGE_FILES)
    def test_packages(self, name: str) -> None:
        """A procedure read from a client's answer, written and read again, is the same."""
        procedures = load_national(CORPUS / name)
        assert load_national(dump_national(procedures), strict=True) == procedures


# --- the procedure package -------------------------------------------------------------------------


class TestPackages:
    """load_national reads MATTHC and the answers around the packages as clients receive them."""

    def test_lay_thu_tuc(self) -> None:
        """OpenCPS's LayThuTuc answer: MATTHC, numbers as text, one procedure."""
        [p] = load_national(CORPUS / "csdlqg_opencps_laythutuc.json")
        assert (p.code, p.name) == ("1.001193", "Đăng ký khai sinh")
        assert p.procedure_type is ProcedureType.NOT_DELEGATED
        assert p.authority_levels == (AuthorityLevel.COMMUNE,)
        assert p.processing_time(Channel.IN_PERSON) == Duration.working_days(5)
        assert p.processing_time(Channel.ONLINE) == Duration.working_days(5)
        [fee] = p.fees(Channel.IN_PERSON)
        assert (fee.kind, fee.amount) == (FeeKind.CHARGE, Decimal(0))
        assert p.fees(Channel.ONLINE) == ()
        assert [(s.code, s.name) for s in p.sectors] == [("VD-01", "Hộ tịch (ví dụ)")]
        assert [s.description for s in p.steps] == ["Bước 1 (ví dụ)"]
        [paper] = p.cases[0].components
        assert (paper.name, paper.originals, paper.copies) == ("Tờ khai (ví dụ)", 1, 0)
        assert p.results[0].code == "KQ.VD.000001"
        assert p.legal_basis[0].number == "00/2026/VD"
        assert p.publishing_agency_code == "VD-01"
        assert p.extensions[EXTENSION_KEY] == {
            "id": "vi-du-0001",
            "status": "1",
            "authority_level_codes": ("3",),
        }

    def test_lay_danh_sach(self) -> None:
        """OpenCPS's LayDanhSachTTHC answer: codes and names, each one empty general case."""
        procedures = load_national(CORPUS / "csdlqg_opencps_laydanhsachtthc.json")
        assert [(p.code, p.name) for p in procedures] == [
            ("1.001193", "Đăng ký khai sinh"),
            ("0.000001", "Thủ tục ví dụ"),
        ]
        assert all(len(p.cases) == 1 and p.cases[0].name is None for p in procedures)

    def test_message_wrapped(self) -> None:
        """A proxy's answer as JSON text in "message" is opened; levels come from TENCAP."""
        [p] = load_national(CORPUS / "csdlqg_td_laythutuc_message_wrapped.json")
        assert p.code == "1.001193"
        assert p.authority_levels == (
            AuthorityLevel.PROVINCE,
            AuthorityLevel.DISTRICT,
            AuthorityLevel.COMMUNE,
        )
        assert p.extensions[EXTENSION_KEY]["authority_level_codes"] == ("1", "2", "3")


# --- other services ----------------------------------------------------------------------------


class TestOtherServices:
    """Processing steps (CapNhatTienDoHoSoMC) are not dossiers: the reader says so."""

    @pytest.mark.parametrize(
        ("name", "first"),
        [
            (
                "sync_opencps_progress_steps.json",
                (
                    "$[0].service: expected 'DongBoHoSoMC' (the dossier sync), got "
                    "'CapNhatTienDoHoSoMC': its items are processing steps, which are not read"
                ),
            ),
            (
                "sync_opencps_master_progress_blank.json",
                (
                    "$.service: expected 'DongBoHoSoMC' (the dossier sync), got "
                    "'CapNhatTienDoHoSoMC': its items are processing steps, which are not read"
                ),
            ),
            (
                "sync_td_progress_steps.json",
                (
                    "$[0]: a processing step (QuaTrinhXuLy) of 'CapNhatTienDoHoSoMC', not a dossier "
                    "payload of 'DongBoHoSoMC' (keys 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', "
                    "'TrangThai'): processing steps are not read"
                ),
            ),
            (
                "sync_igate_progress_iso.json",
                (
                    "$[0]: a processing step (QuaTrinhXuLy) of 'CapNhatTienDoHoSoMC', not a dossier "
                    "payload of 'DongBoHoSoMC' (keys 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', "
                    "'TrangThai'): processing steps are not read"
                ),
            ),
        ],
    )
    def test_refused_by_name(self, name: str, first: str) -> None:
        """Every item is refused, the first one as shown; nothing is misread as a dossier."""
        for read in (read_dossier_sync, load_dossier_sync):
            problems = refused(read, OTHER / name)
            assert problems[0] == first
            assert all("processing step" in p for p in problems)
