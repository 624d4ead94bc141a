"""tthc.io.dossiers: the DVCQG dossier sync (DongBoHoSoMC) and the library's dossier JSON.

Rules under test (research notes vn_legal.md §2.1-2.3): the sync payload's keys and codes
(KenhThucHien 1/2/3, LoaiDoiTuong 1-4, TrangThaiHoSo 1-10), instants as yyyyMMddHHmmss in
Vietnam time, the end of processing in NgayKetThucXuLy; loading reports every problem at once
and returns nothing from a bad input; events are a tagged union in the library's JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import VN_TZ, Duration, InvalidValueError, LoadError
from tthc.dossiers import (
    Dossier,
    DossierStatus,
    Paid,
    PaymentRequested,
    ProcessingStarted,
    Received,
    Rescheduled,
    Resolved,
    Returned,
    SupplementRequested,
    SupplementSupplied,
    Timeliness,
)
from tthc.errors import InferredValueWarning, UnknownFieldWarning
from tthc.io import make_converter
from tthc.io.dossiers import (
    EVENT_TYPES,
    SyncPayload,
    configure_dossier_hooks,
    dump_dossier_sync,
    dump_dossiers,
    from_dossier_sync,
    load_dossier_sync,
    load_dossiers,
    read_dossier_sync,
    to_dossier_sync,
)
from tthc.procedures import ApplicantType, Channel

BASE = {
    "MaHoSo": "000.00.10.H26-260302-00001",
    "MaTTHC": "1.000000",
    "KenhThucHien": "2",
    "LoaiDoiTuong": "1",
    "DonViXuLy": "UBND phường (ví dụ)",
    "NgayNopHoSo": "20260302080000",
    "NgayTiepNhan": "20260302090000",
    "NgayHenTra": "20260305090000",
    "TrangThaiHoSo": "9",
    "NgayKetThucXuLy": "20260304150000",
    "NgayTra": "",
    "NgayTuChoi": "",
    "DanhSachHoSoBoSung": [],
}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


def payload(**changes: object) -> dict[str, object]:
    return {**BASE, **changes}


class TestLoadSync:
    """Rule: the payload's keys and codes map onto the dossier (vn_legal.md §2.2)."""

    def test_fields(self) -> None:
        """Identity, codes, instants in Vietnam time, the recorded due instant."""
        [d] = load_dossier_sync([payload()])
        assert (d.code, d.procedure_code, d.agency) == (
            BASE["MaHoSo"],
            "1.000000",
            "UBND phường (ví dụ)",
        )
        assert (d.channel, d.applicant_type) == (Channel.ONLINE, ApplicantType.INDIVIDUAL)
        assert (d.submitted_at, d.received_at, d.due_at) == (at(2, 8), at(2, 9), at(5, 9))
        assert d.stated_due_at == at(5, 9)
        assert d.processing_time is None
        assert d.status is DossierStatus.RESOLVED
        assert d.finished_at == at(4, 15)
        assert d.classify() is Timeliness.EARLY

    @pytest.mark.parametrize(
        ("changes", "status", "kinds"),
        [
            (
                {
                    "TrangThaiHoSo": "1",
                    "NgayTiepNhan": "",
                    "NgayHenTra": "",
                    "NgayKetThucXuLy": "",
                },
                1,
                [],
            ),
            ({"TrangThaiHoSo": "2", "NgayKetThucXuLy": ""}, 2, []),
            (
                {
                    "TrangThaiHoSo": "3",
                    "NgayTiepNhan": "",
                    "NgayHenTra": "",
                    "NgayKetThucXuLy": "",
                    "NgayTuChoi": "20260302083000",
                },
                3,
                ["refused"],
            ),
            ({"TrangThaiHoSo": "3", "NgayTuChoi": "20260304150000"}, 3, ["refused"]),
            ({"TrangThaiHoSo": "4", "NgayKetThucXuLy": ""}, 4, ["processing_started"]),
            ({"TrangThaiHoSo": "6", "NgayKetThucXuLy": ""}, 6, ["payment_requested"]),
            ({"TrangThaiHoSo": "7"}, 7, ["withdrawn"]),
            (
                {
                    "TrangThaiHoSo": "7",
                    "NgayTiepNhan": "",
                    "NgayHenTra": "",
                    "NgayKetThucXuLy": "20260302083000",
                },
                7,
                ["withdrawn"],
            ),
            ({"TrangThaiHoSo": "8"}, 8, ["stopped"]),
            ({"TrangThaiHoSo": "9"}, 9, ["resolved"]),
            ({"TrangThaiHoSo": "10", "NgayTra": "20260305080000"}, 10, ["resolved", "returned"]),
        ],
    )
    def test_status_gives_the_history(
        self, changes: dict[str, str], status: int, kinds: list[str]
    ) -> None:
        """TrangThaiHoSo and its instants give the events after the receipt."""
        [d] = load_dossier_sync([payload(**changes)])
        assert d.status == status
        assert [e.kind for e in d.events] == kinds

    def test_supplements(self) -> None:
        """DanhSachHoSoBoSung gives the requests and supplements; an open one is status 5."""
        supplements = [
            {
                "NgayBoSung": "20260303090000",
                "NgayTiepNhanBoSung": "20260305090000",
                "NoiDungBoSung": "Bổ sung bản sao",
                "NguoiYeuCauBoSung": "Cán bộ A",
            },
            {
                "NgayBoSung": "20260309100000",
                "NgayTiepNhanBoSung": "",
                "NoiDungBoSung": "",
                "NguoiYeuCauBoSung": "",
            },
        ]
        [d] = load_dossier_sync(
            [payload(TrangThaiHoSo="5", NgayKetThucXuLy="", DanhSachHoSoBoSung=supplements)]
        )
        assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
        assert d.events[0] == SupplementRequested(
            at=at(3, 9), note="Bổ sung bản sao", actor="Cán bộ A"
        )
        assert d.events[1] == SupplementSupplied(at=at(5, 9))
        assert d.waiting_since == at(9, 10)
        assert d.supplement_requests == 2
        assert d.classify(at(31, 17)) is Timeliness.OVERDUE

    def test_blank_channel_is_in_person(self) -> None:
        """A blank channel counts as in person (Decision 766 indicator 3.3), with a warning."""
        with pytest.warns(InferredValueWarning, match=re.escape("$[0].KenhThucHien: not sent")):
            [d] = load_dossier_sync([payload(KenhThucHien=None, LoaiDoiTuong="")])
        assert d.channel is Channel.IN_PERSON
        assert d.applicant_type is None

    def test_numbers_for_codes(self) -> None:
        """Codes written as JSON numbers are read like their text."""
        [d] = load_dossier_sync([payload(KenhThucHien=3, TrangThaiHoSo=9, LoaiDoiTuong=2)])
        assert (d.channel, d.applicant_type) == (Channel.POSTAL, ApplicantType.ENTERPRISE)

    def test_personal_data_is_not_kept(self) -> None:
        """Known keys such as the owner's name and phone are accepted, not kept, not written back."""
        extra = {
            "ChuHoSo": "Nguyễn Văn A",
            "SoDienThoai": "0900000000",
            "TaiLieuNop": [{"TenTepDinhKem": "a.pdf"}],
            "DinhDanhCHS": None,
        }
        [d] = load_dossier_sync([payload(**extra)])
        written = to_dossier_sync(d)
        assert not set(extra) & set(written)
        assert "Nguyễn" not in repr(d)

    def test_one_object_or_an_array(self, tmp_path: object) -> None:
        """A JSON object is one payload; an array several; anything else is refused."""
        assert len(load_dossier_sync(json.dumps(payload()))) == 1
        assert len(load_dossier_sync(json.dumps([payload(), payload()]))) == 2
        path = tmp_path / "three.json"  # type: ignore[operator]
        path.write_text("3", encoding="utf-8")
        with pytest.raises(LoadError, match=re.escape("$: expected a dossier payload")):
            load_dossier_sync(path)

    def test_from_dossier_sync(self) -> None:
        """One parsed payload gives one dossier, with the calendar and policy given."""
        d = from_dossier_sync(payload(), policy=tthc.DeadlinePolicy.civil_code())
        assert d.policy == tthc.DeadlinePolicy.civil_code()


class TestSyncProblems:
    """Rule: every problem of every payload is reported at once, with its path; nothing is returned."""

    def test_all_at_once(self) -> None:
        """Bad codes, instants, keys and histories of several payloads, in one LoadError."""
        bad = [
            payload(),
            payload(MaHoSo="x", KenhThucHien="7", NgayTiepNhan="2026-03-02", Colour="red"),
            payload(TrangThaiHoSo="10"),
            payload(TrangThaiHoSo="2"),
            payload(NgayKetThucXuLy="20260301090000"),
            payload(DanhSachHoSoBoSung=[{"NgayBoSung": "", "Foo": 1}]),
            payload(
                TrangThaiHoSo="2",
                NgayKetThucXuLy="",
                DanhSachHoSoBoSung=[
                    {"NgayBoSung": "20260303090000", "NgayTiepNhanBoSung": "20260304090000"}
                ],
            ),
            payload(TrangThaiHoSo="11", MaTTHC="1.1193", NgayNopHoSo=""),
            payload(NgayTuChoi="20260304150000"),
            payload(
                TrangThaiHoSo="1",
                NgayTiepNhan="",
                NgayHenTra="",
                NgayKetThucXuLy="",
                DanhSachHoSoBoSung=[{"NgayBoSung": "20260303090000"}],
            ),
            payload(TrangThaiHoSo="1", NgayHenTra="", NgayKetThucXuLy=""),
            payload(NgayHenTra=""),
            "not an object",
        ]
        with pytest.raises(LoadError) as info:
            load_dossier_sync(bad, strict=True)
        assert info.value.source == "<records>"
        assert info.value.problems == [
            "$[1]: unknown keys 'Colour' (not keys of the DongBoHoSoMC payload)",
            "$[1].MaHoSo: expected a dossier code like '000.00.10.H26-240101-00001', got 'x'",
            "$[1].KenhThucHien: expected one of '1' (IN_PERSON), '2' (ONLINE), '3' (POSTAL), got '7'",
            "$[1].NgayTiepNhan: expected an instant written yyyyMMddHHmmss (Vietnam time), got '2026-03-02'",
            "$[2].NgayTra: required for TrangThaiHoSo 10 (RETURNED)",
            "$[3].NgayKetThucXuLy: given for TrangThaiHoSo 2 (RECEIVED), which does not have it",
            "$[4]: Dossier.events[0]: expected an event at or after 2026-03-02T09:00:00+07:00 (events in time order), got Resolved(at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200), 'ICT')), note=None, actor=None)",
            "$[5].DanhSachHoSoBoSung[0]: unknown keys 'Foo' (not keys of the DongBoHoSoMC payload)",
            "$[5].DanhSachHoSoBoSung[0].NgayBoSung: required for a supplement request",
            "$[6].TrangThaiHoSo: TrangThaiHoSo 2 (RECEIVED) does not match the rest of the payload, which leads to 4 (PROCESSING)",
            "$[7].MaTTHC: expected a procedure code like '1.001193', got '1.1193'",
            "$[7].TrangThaiHoSo: expected one of '1' (SUBMITTED), '2' (RECEIVED), '3' (REFUSED), '4' (PROCESSING), '5' (SUPPLEMENT_REQUESTED), '6' (PAYMENT_REQUESTED), '7' (WITHDRAWN), '8' (STOPPED), '9' (RESOLVED), '10' (RETURNED), got '11'",
            "$[7].NgayNopHoSo: required key missing or blank",
            "$[8].NgayTuChoi: given for TrangThaiHoSo 9 (RESOLVED), which does not have it",
            "$[9].DanhSachHoSoBoSung: supplement requests on a dossier not received (NgayTiepNhan blank)",
            "$[10].NgayTiepNhan: given for TrangThaiHoSo 1 (SUBMITTED), which does not have it",
            "$[11].NgayHenTra: required for a received dossier (NgayTiepNhan given)",
            "$[12]: expected an object (JSON object) for _SyncDossier, got 'not an object'",
        ]

    def test_wrong_value_type(self) -> None:
        """A value that is neither text, a whole number nor null is refused where it is."""
        with pytest.raises(LoadError) as info:
            load_dossier_sync([payload(NgayTiepNhan=20260302.5)])
        assert info.value.problems == [
            "$[0].NgayTiepNhan: expected a text (JSON string), a whole number or null, got 20260302.5"
        ]

    def test_not_json(self) -> None:
        """Text that is not JSON is one problem."""
        with pytest.raises(LoadError, match="not valid JSON"):
            load_dossier_sync("[{")


class TestDumpSync:
    """Rule: dossiers are written with every kept key, instants yyyyMMddHHmmss in Vietnam time."""

    def test_payload_round_trip(self, tmp_path: object) -> None:
        """A payload read and written back is the same payload (through a file, atomically)."""
        payloads = [
            payload(),
            payload(
                TrangThaiHoSo="10", NgayTra="20260305080000", KenhThucHien="1", LoaiDoiTuong="4"
            ),
            payload(
                TrangThaiHoSo="5",
                NgayKetThucXuLy="",
                DanhSachHoSoBoSung=[
                    {
                        "NgayBoSung": "20260303090000",
                        "NgayTiepNhanBoSung": "",
                        "NoiDungBoSung": "Thiếu tờ khai",
                        "NguoiYeuCauBoSung": "",
                    }
                ],
            ),
            payload(
                TrangThaiHoSo="3",
                NgayTiepNhan="",
                NgayHenTra="",
                NgayKetThucXuLy="",
                NgayTuChoi="20260302083000",
            ),
        ]
        path = tmp_path / "sync.json"  # type: ignore[operator]
        text = dump_dossier_sync(load_dossier_sync(payloads), path)
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text) == payloads

    def test_from_a_built_dossier(self) -> None:
        """A dossier built in Python is written with its computed due instant, to the second."""
        d = Dossier(
            code=BASE["MaHoSo"],
            procedure_code="1.000000",
            channel=Channel.IN_PERSON,
            submitted_at=dt.datetime(2026, 3, 2, 2, 0, 30, 999_999, tzinfo=dt.UTC),
            received_at=dt.datetime(2026, 3, 2, 2, 0, 30, 999_999, tzinfo=dt.UTC),
            processing_time=Duration.working_days(3),
            events=[
                PaymentRequested(at=at(3, 9)),
                Paid(at=at(3, 10)),
                Rescheduled(at=at(4, 9), new_due_at=at(9, 9), reason="Chờ xác minh"),
                Resolved(at=at(6, 9)),
                Returned(at=at(6, 10)),
            ],
        )
        written = to_dossier_sync(d)
        assert written["NgayTiepNhan"] == "20260302090030"
        assert written["NgayHenTra"] == "20260305090030"
        assert (written["TrangThaiHoSo"], written["NgayKetThucXuLy"], written["NgayTra"]) == (
            "10",
            "20260306090000",
            "20260306100000",
        )
        assert written["KenhThucHien"] == "1"
        assert written["LoaiDoiTuong"] == ""
        [back] = load_dossier_sync([written])
        assert back.classify() is d.classify() is Timeliness.LATE

    def test_not_a_dossier(self) -> None:
        """Only dossiers are written."""
        bad = {"MaHoSo": "x"}
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            to_dossier_sync(bad)  # type: ignore[arg-type]
        assert info.value.field == "to_dossier_sync(dossier)"


class TestLibraryJson:
    """Rule: the library's JSON is exact both ways; events are a tagged union under 'kind'."""

    def full(self) -> Dossier:
        return Dossier(
            code=BASE["MaHoSo"],
            procedure_code="1.000000",
            case="Trường hợp cấp lại",
            channel=Channel.ONLINE,
            applicant_type=ApplicantType.ENTERPRISE,
            agency="Sở Tư pháp (ví dụ)",
            submitted_at=at(2, 8),
            received_at=at(2, 9),
            processing_time=Duration.working_days(3),
            events=[
                Received(at=at(2, 9), actor="Bộ phận một cửa"),
                ProcessingStarted(at=at(2, 10)),
                SupplementRequested(at=at(3, 9), note="Bổ sung bản sao"),
                SupplementSupplied(at=at(5, 9)),
                PaymentRequested(at=at(5, 10)),
                Paid(at=at(5, 11)),
                Rescheduled(at=at(6, 9), new_due_at=at(11, 9), reason="Chờ xác minh"),
                Resolved(at=at(10, 9)),
                Returned(at=at(10, 10)),
            ],
        )

    def test_round_trip(self, tmp_path: object) -> None:
        """Every kind of event survives a dump and a load (through a file)."""
        d = self.full()
        assert {type(e) for e in d.events} | {
            tthc.dossiers.Refused,
            tthc.dossiers.Withdrawn,
            tthc.dossiers.Stopped,
            tthc.dossiers.Closed,
        } == set(EVENT_TYPES)
        path = tmp_path / "dossiers.json"  # type: ignore[operator]
        dump_dossiers([d], path)
        assert load_dossiers(path) == [d]

    def test_format(self) -> None:
        """Events carry their kind; defaults are left out; instants in Vietnam time."""
        [data] = json.loads(dump_dossiers([self.full()], indent=None))
        assert data["events"][6] == {
            "kind": "rescheduled",
            "at": "2026-03-06T09:00:00+07:00",
            "new_due_at": "2026-03-11T09:00:00+07:00",
            "reason": "Chờ xác minh",
        }
        assert not {"calendar", "policy", "stated_due_at"} & set(data)
        assert data["processing_time"] == "3 ngày làm việc"

    def test_calendar_and_policy_are_given_on_load(self) -> None:
        """The calendar and policy come from load_dossiers' arguments."""
        cal = tthc.vietnam_calendar()
        [d] = load_dossiers(
            dump_dossiers([self.full()]), calendar=cal, policy=tthc.DeadlinePolicy.civil_code()
        )
        assert d.calendar is cal
        assert d.policy == tthc.DeadlinePolicy.civil_code()

    def test_problems(self) -> None:
        """Bad values, unknown kinds and refused keys are listed together with their paths."""
        text = json.dumps(
            [
                {
                    "code": "bad",
                    "procedure_code": "1.000000",
                    "channel": 5,
                    "submitted_at": "2026-03-02T09:00:00",
                    "events": [
                        {"kind": "teleported", "at": "x"},
                        {"kind": "resolved", "at": "2026-03-02T09:00:00+07:00", "colour": 1},
                    ],
                    "policy": {},
                }
            ]
        )
        with pytest.raises(LoadError) as info:
            load_dossiers(text)
        problems = info.value.problems
        assert problems[0].startswith("$[0].code: Dossier.code: expected a dossier code")
        assert (
            "$[0].channel: expected one of 1 (IN_PERSON), 2 (ONLINE), 3 (POSTAL) (Channel), got 5"
            in problems
        )
        assert any(
            p.startswith("$[0].submitted_at: expected an instant with its offset")
            for p in problems
        )
        assert any(
            p.startswith("$[0].events[0]: expected an event kind under 'kind'") for p in problems
        )
        assert "$[0].events[1]: unknown keys 'colour' (not fields of Resolved)" in problems
        assert (
            problems[-1]
            == "$[0]: expected no 'calendar' or 'policy' in the data (pass them to load_dossiers), got ['policy']"
        )

    def test_history_problem(self) -> None:
        """A history that breaks the lifecycle is one problem with its event."""
        text = json.dumps(
            [
                {
                    "code": BASE["MaHoSo"],
                    "procedure_code": "1.000000",
                    "channel": 1,
                    "submitted_at": "2026-03-02T09:00:00+07:00",
                    "events": [{"kind": "returned", "at": "2026-03-02T10:00:00+07:00"}],
                }
            ]
        )
        with pytest.raises(
            LoadError,
            match=re.escape("Dossier.events[0]: expected an event allowed in status SUBMITTED"),
        ):
            load_dossiers(text)

    def test_configure_a_converter(self) -> None:
        """configure_dossier_hooks makes any tthc converter read and write dossiers."""
        c = make_converter()
        configure_dossier_hooks(c)
        d = self.full()
        assert c.structure(c.unstructure(d, Dossier), Dossier) == d

    def test_dump_refuses_other_objects(self) -> None:
        """Only dossiers are written."""
        bad = "dossier"
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dump_dossiers([bad])  # type: ignore[list-item]
        assert info.value.field == "dump_dossiers(dossiers)[0]"


def warned(fn: object, *args: object, **kwargs: object) -> tuple[object, dict[type, object]]:
    """``fn(*args, **kwargs)`` and the warnings it gave, by category."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)  # type: ignore[operator]
    return result, {w.category: w.message for w in seen}


class TestLiberal:
    """Rule: read what real senders send; fill in only by a stated rule, and say so."""

    def test_keys_in_any_casing(self) -> None:
        """A key is the same key in any casing (senders differ: MaTTHC, maTTHC, MATTHC)."""
        loud = {k.upper(): v for k, v in payload().items()}
        assert load_dossier_sync([loud]) == load_dossier_sync([payload()])

    @given(st.data())
    def test_any_casing_of_every_key(self, data: st.DataObject) -> None:
        """Whatever the casing of each key, the payload reads the same."""
        sent = payload(
            DanhSachHoSoBoSung=[
                {"NgayBoSung": "20260303090000", "NgayTiepNhanBoSung": "20260303100000"}
            ]
        )

        def recase(key: str) -> str:
            flips = data.draw(st.lists(st.booleans(), min_size=len(key), max_size=len(key)))
            return "".join(c.swapcase() if f else c for c, f in zip(key, flips, strict=True))

        recased = {recase(k): v for k, v in sent.items()}
        recased[next(k for k in recased if k.casefold() == "danhsachhosobosung")] = [
            {recase(k): v for k, v in item.items()}
            for item in sent["DanhSachHoSoBoSung"]  # type: ignore[attr-defined]
        ]
        assert read_dossier_sync([recased]) == read_dossier_sync([sent])

    def test_one_key_twice(self) -> None:
        """A key sent twice in two casings is read once if equal, and is a problem if not."""
        [d] = load_dossier_sync([payload(MATTHC="1.000000")])
        assert d.procedure_code == "1.000000"
        with pytest.raises(LoadError) as info:
            load_dossier_sync([payload(MATTHC="1.000001")])
        assert info.value.problems == [
            "$[0]: 'MaTTHC' and 'MATTHC' are the same key ('MaTTHC', in two casings) with different values"
        ]

    def test_unknown_keys_are_set_aside(self) -> None:
        """Unknown keys do not stop a load: a warning names them, by object, with where they went."""
        sent = payload(
            Colour="red",
            TrangThaiHoSo="5",
            NgayKetThucXuLy="",
            DanhSachHoSoBoSung=[{"NgayBoSung": "20260303090000", "Foo": 1}],
        )
        [d], caught = warned(load_dossier_sync, [sent])
        assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
        assert caught[UnknownFieldWarning].items == [
            "$[0]: 'Colour' (kept by read_dossier_sync in SyncPayload.extra, not in the dossier)",
            "$[0].DanhSachHoSoBoSung[0]: 'Foo' (not kept)",
        ]
        [p], caught = warned(read_dossier_sync, [sent])
        assert p.extra == {"Colour": "red"}
        assert caught[UnknownFieldWarning].source == "<records>"

    @pytest.mark.parametrize("blank", ["", None, "  "])
    def test_blank_and_null_are_missing(self, blank: object) -> None:
        """ "" and null mean the same: the value is not there."""
        [p] = read_dossier_sync([payload(NgayTra=blank, LoaiDoiTuong=blank, DonViXuLy=blank)])
        assert (p.returned_at, p.applicant_type, p.agency) == (None, None, None)

    def test_codes_as_numbers(self) -> None:
        """Status, channel and applicant codes may be JSON numbers."""
        [p] = read_dossier_sync([payload(TrangThaiHoSo=9, KenhThucHien=2, LoaiDoiTuong=1)])
        assert (p.status, p.channel, p.applicant_type) == (
            DossierStatus.RESOLVED,
            Channel.ONLINE,
            ApplicantType.INDIVIDUAL,
        )

    @pytest.mark.parametrize(
        ("text", "instant"),
        [
            ("2026-03-04T15:00:00", at(4, 15)),
            ("2026-03-04T15:00:00.000", at(4, 15)),
            ("2026-03-04T15:00:00.1234567", at(4, 15).replace(microsecond=123456)),
            ("2026-03-04T08:00:00Z", at(4, 15)),
            ("2026-03-04T15:00:00+07:00", at(4, 15)),
        ],
    )
    def test_iso_instants(self, text: str, instant: dt.datetime) -> None:
        """ISO 8601, as .NET writes a DateTime, is read (Vietnam time without an offset)."""
        [p] = read_dossier_sync([payload(NgayKetThucXuLy=text)])
        assert p.finished_at == instant
        with pytest.raises(LoadError) as info:
            read_dossier_sync([payload(NgayKetThucXuLy=text)], strict=True)
        assert info.value.problems == [
            f"$[0].NgayKetThucXuLy: expected an instant written yyyyMMddHHmmss (Vietnam time), got {text!r}"
        ]

    def test_not_an_instant(self) -> None:
        """A day-first or impossible instant is refused, with the formats that are read."""
        with pytest.raises(LoadError) as info:
            read_dossier_sync([payload(NgayKetThucXuLy="04/03/2026 15:00:00")])
        assert info.value.problems == [
            "$[0].NgayKetThucXuLy: expected an instant written yyyyMMddHHmmss (Vietnam time) or ISO 8601 (2026-01-09T08:30:00, Vietnam time unless an offset is given), got '04/03/2026 15:00:00'"
        ]

    def test_receipt_number(self) -> None:
        """SoBienNhan is kept by the payload, written back when there is one, not when blank."""
        [p] = read_dossier_sync([payload(SoBienNhan=" BN-0001 ")])
        assert p.receipt_number == "BN-0001"
        assert to_dossier_sync(p)["SoBienNhan"] == "BN-0001"
        [p] = read_dossier_sync([payload(SoBienNhan="")])
        assert p.receipt_number is None
        assert "SoBienNhan" not in to_dossier_sync(p)
        [d] = load_dossier_sync([payload(SoBienNhan="BN-0001")])
        assert "SoBienNhan" not in to_dossier_sync(d)  # a dossier has no receipt number

    def test_submission_missing(self) -> None:
        """Without NgayNopHoSo the submission is taken as the receipt, with a warning."""
        [d], caught = warned(load_dossier_sync, [payload(NgayNopHoSo="")])
        assert d.submitted_at == d.received_at == at(2, 9)
        assert caught[InferredValueWarning].items == [
            "$[0].NgayNopHoSo: not sent; submitted_at taken as NgayTiepNhan (20260302090000): the submission is at or before the receipt, how long before is not known"
        ]

    def test_submission_and_receipt_missing(self) -> None:
        """A dossier with neither instant is refused: no rule gives one."""
        sent = payload(
            TrangThaiHoSo="1", NgayNopHoSo="", NgayTiepNhan="", NgayHenTra="", NgayKetThucXuLy=""
        )
        with pytest.raises(LoadError) as info:
            load_dossier_sync([sent])
        assert info.value.problems == [
            "$[0].NgayNopHoSo: required when NgayTiepNhan is blank too (a dossier needs the instant it was submitted or received)"
        ]

    def test_status_5_without_a_receipt(self) -> None:
        """Status 5 with no request listed and no receipt is refused: it needs the receipt."""
        sent = payload(TrangThaiHoSo="5", NgayTiepNhan="", NgayHenTra="", NgayKetThucXuLy="")
        with pytest.raises(LoadError) as info:
            load_dossier_sync([sent])
        assert info.value.problems == [
            "$[0].NgayTiepNhan: required for TrangThaiHoSo 5 (SUPPLEMENT_REQUESTED)"
        ]

    def test_service_code(self) -> None:
        """An online service's code in MaTTHC gives the procedure code it starts with."""
        sent = payload(MaTTHC="1.001193.000.00.00.H26")
        [d], caught = warned(load_dossier_sync, [sent])
        assert d.procedure_code == "1.001193"
        assert caught[InferredValueWarning].items == [
            "$[0].MaTTHC: '1.001193.000.00.00.H26' is the code of an online service (the procedure code, then the agency's); the dossier's procedure code is '1.001193'"
        ]
        with pytest.raises(LoadError, match=re.escape("$[0].MaTTHC: expected a procedure code")):
            load_dossier_sync([sent], strict=True)
        with pytest.raises(LoadError, match=re.escape("got '1.001193.x-y'")):
            load_dossier_sync([payload(MaTTHC="1.001193.x-y")])

    def test_missing_procedure_code(self) -> None:
        """A payload without MaTTHC is read; a dossier needs it."""
        [p] = read_dossier_sync([payload(MaTTHC=None)])
        assert p.procedure_code is None
        with pytest.raises(LoadError) as info:
            load_dossier_sync([payload(MaTTHC=None, TrangThaiHoSo="")])
        assert info.value.problems == [
            "$[0].MaTTHC: required key missing or blank",
            "$[0].TrangThaiHoSo: required key missing or blank",
        ]

    def test_blank_dossier_code(self) -> None:
        """A payload without MaHoSo is no payload: the code is its identity."""
        with pytest.raises(LoadError) as info:
            read_dossier_sync([payload(MaHoSo="")])
        assert info.value.problems == ["$[0].MaHoSo: required key missing or blank"]


class TestEnvelopes:
    """Rule: the envelope of the OpenCPS adapter is opened when not strict."""

    def envelope(self, **changes: object) -> dict[str, object]:
        return {"service": "DongBoHoSoMC", "isUpdating": "True", "data": [payload()], **changes}

    def test_opened(self) -> None:
        """One envelope, an array of them, or one payload in "data": the payloads, with paths."""
        assert load_dossier_sync([self.envelope()]) == load_dossier_sync([payload()])
        assert len(load_dossier_sync(json.dumps(self.envelope(data=payload())))) == 1
        with pytest.raises(LoadError) as info:
            load_dossier_sync([self.envelope(data=[payload(NgayTra="x")])])
        assert info.value.problems[0].startswith("$[0].data[0].NgayTra: expected an instant")

    def test_other_service(self) -> None:
        """An envelope of another service is refused by name."""
        with pytest.raises(LoadError) as info:
            load_dossier_sync(json.dumps(self.envelope(service="TraCuuHoSo")))
        assert info.value.problems == [
            "$.service: expected 'DongBoHoSoMC' (the dossier sync), got 'TraCuuHoSo'"
        ]

    def test_not_payloads(self) -> None:
        """An envelope whose data is not payloads is refused."""
        with pytest.raises(LoadError) as info:
            load_dossier_sync(json.dumps(self.envelope(data="x")))
        assert info.value.problems == [
            "$.data: expected a dossier payload (JSON object) or an array of them, got 'x'"
        ]

    def test_strict(self) -> None:
        """In strict mode the envelope is refused, with the way to read it."""
        with pytest.raises(LoadError) as info:
            read_dossier_sync(json.dumps(self.envelope()), strict=True)
        assert info.value.problems == [
            "$: an envelope ('service', 'isUpdating', 'data') around the payloads: read with strict=False to read the payloads in 'data'"
        ]


class TestSyncPayload:
    """Rule: a SyncPayload is what was sent; to_dossier and from_dossier are the two stages."""

    def test_to_dossier(self) -> None:
        """A payload makes the dossier load_dossier_sync makes, warning what it fills in."""
        [p] = read_dossier_sync([payload(NgayNopHoSo="")])
        d, caught = warned(p.to_dossier, policy=tthc.DeadlinePolicy.civil_code())
        assert d.submitted_at == at(2, 9)
        assert d.policy == tthc.DeadlinePolicy.civil_code()
        assert caught[InferredValueWarning].source == "<SyncPayload 000.00.10.H26-260302-00001>"
        with pytest.raises(LoadError) as info:
            p.to_dossier(strict=True)
        assert info.value.problems == ["$.NgayNopHoSo: required key missing or blank"]

    def test_from_dossier(self) -> None:
        """A dossier's payload reads back as the same dossier."""
        [d] = load_dossier_sync([payload(TrangThaiHoSo="10", NgayTra="20260305080000")])
        p = SyncPayload.from_dossier(d)
        assert (p.status, p.finished_at, p.returned_at, p.due_at) == (
            DossierStatus.RETURNED,
            at(4, 15),
            at(5, 8),
            at(5, 9),
        )
        assert p.to_dossier() == d

    def test_refuses_other_objects(self) -> None:
        """Only dossiers have a payload; only payloads make dossiers."""
        with pytest.raises(InvalidValueError) as info:
            SyncPayload.from_dossier("x")  # type: ignore[arg-type]
        assert info.value.field == "SyncPayload.from_dossier(dossier)"
        with pytest.raises(InvalidValueError) as info:
            SyncPayload.to_dossier("x")  # type: ignore[arg-type]
        assert info.value.field == "SyncPayload.to_dossier(self)"

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("code", " "),
            ("receipt_number", ""),
            ("status", 5),
            ("received_at", dt.datetime(2026, 3, 2, 9)),
            ("supplements", [1]),
            ("extra", {1: "x"}),
        ],
    )
    def test_fields_are_checked(self, field: str, value: object) -> None:
        """A payload built in Python is checked like a record: the error names the field."""
        values: dict[str, object] = {"code": BASE["MaHoSo"], field: value}
        with pytest.raises(InvalidValueError) as info:
            SyncPayload(**values)  # type: ignore[arg-type]
        assert info.value.field == f"SyncPayload.{field}"

    def test_hashable(self) -> None:
        """Payloads are values: equal payloads hash alike, whatever their extra keys hold."""
        [p] = read_dossier_sync([payload()])
        with_extra = attrs.evolve(p, extra={"x": [1]})
        assert hash(p) == hash(with_extra)
        assert p != with_extra
