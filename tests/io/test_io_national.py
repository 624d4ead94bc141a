"""Tests of tthc.io.national: the CSDLQG procedure package (GoiTinThuTucQG) in and out."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procedure_strategies import json_values, procedures

from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError, UnknownFieldWarning
from tthc.io import dump_national, load_national
from tthc.io.national import EXTENSION_KEY, from_national, make_national_converter, to_national
from tthc.procedures import AuthorityLevel, Channel, FeeKind, Procedure, ProcedureType
from tthc.procedures.service_levels import OnlineServiceLevel, derive_level

FIXTURE = Path(__file__).parent.parent / "fixtures" / "csdlqg_packages.json"


def fixture() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def package(**kw: Any) -> dict[str, Any]:
    """A small package with the keys the tests change."""
    base: dict[str, Any] = {
        "MaTTHC": "0.000001",
        "TENTTHC": "Thủ tục (ví dụ)",
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": "1",
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": "5",
                        "DONVITINH": "Ngày làm việc",
                        "MOTA": "",
                        "PHILEPHI": [],
                    }
                ],
            }
        ],
    }
    base.update(kw)
    return base


def time_of(value: str, unit: str) -> Duration | None:
    time = {"THOIGIANGIAIQUYET": value, "DONVITINH": unit, "MOTA": "", "PHILEPHI": []}
    p = from_national(package(CACHTHUCTHUCHIEN=[{"KENH": "1", "THOIGIAN": [time]}]))
    return p.cases[0].channels[0].processing_time


def fee_of(**fee: str) -> Any:
    entry = {"MAPHILEPHI": "", "MOTA": "", "SOTIEN": "", "DONVI": "", "TENTEP": "", "URL": ""}
    entry.update(fee)
    time = {"THOIGIANGIAIQUYET": "5", "DONVITINH": "Ngày", "MOTA": "", "PHILEPHI": [entry]}
    p = from_national(package(CACHTHUCTHUCHIEN=[{"KENH": "2", "THOIGIAN": [time]}]))
    return p.cases[0].channels[0].fees[0]


def problems(source: Any) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_national(source)
    return info.value.problems


class TestFixture:
    """The example packages, built from the field list of the research notes (§4.2)."""

    def test_round_trip_is_exact(self):
        """Reading the packages and writing them back gives the same JSON."""
        procedures_ = load_national(FIXTURE)
        assert json.loads(dump_national(procedures_)) == fixture()

    def test_records_round_trip_through_the_package(self):
        """Writing a record read from a package and reading it again gives an equal record."""
        for p in load_national(FIXTURE):
            assert from_national(to_national(p)) == p

    def test_birth_registration(self):
        """The record with a real code keeps its real name; its other content is example data."""
        p = load_national(FIXTURE)[0]
        assert (p.code, p.name) == ("1.001193", "Đăng ký khai sinh")
        assert p.authority_levels == (AuthorityLevel.COMMUNE,)
        assert p.cases[0].option(Channel.ONLINE).processing_time is None  # "Khác"
        assert "ví dụ" in (p.description or "")

    def test_cases_channels_and_fees(self):
        """Cases come from TRUONGHOP; each THOIGIAN goes to the case its MOTA names."""
        p = load_national(FIXTURE)[1]
        assert [c.name for c in p.cases] == ["Trường hợp A (ví dụ)", "Trường hợp B (ví dụ)"]
        assert p.processing_time(
            Channel.IN_PERSON, "Trường hợp A (ví dụ)"
        ) == Duration.working_days(10)
        assert p.processing_time(Channel.ONLINE, "Trường hợp B (ví dụ)") == Duration.working_days(
            Decimal("0.5")
        )
        assert p.processing_time(Channel.POSTAL, "Trường hợp A (ví dụ)") == Duration.calendar_days(
            20
        )
        b_in_person = p.channel_option(Channel.IN_PERSON, "Trường hợp B (ví dụ)")
        assert b_in_person.description == "kể từ ngày nhận đủ hồ sơ hợp lệ"
        assert [(f.kind, f.amount, f.description) for f in b_in_person.fees] == [
            (FeeKind.FEE, Decimal(1250000), "Phí thẩm định (ví dụ)"),
            (FeeKind.CHARGE, Decimal(100000), None),
        ]
        assert b_in_person.fees[0].attachment is not None

    def test_steps_components_and_levels(self):
        """General steps are the procedure's; a case's own steps stay with it."""
        p = load_national(FIXTURE)[1]
        assert len(p.steps) == 2
        assert [s.description for s in p.case("Trường hợp B (ví dụ)").steps] == [
            "Bước riêng của trường hợp B (ví dụ): kiểm tra thực địa."
        ]
        assert p.authority_levels == (AuthorityLevel.PROVINCE, AuthorityLevel.DISTRICT)
        assert p.is_historical
        assert p.procedure_type is ProcedureType.DELEGATED_DETAIL
        assert p.requirements == ("- Yêu cầu thứ nhất (ví dụ).", "- Yêu cầu thứ hai (ví dụ).")
        assert p.legal_basis[0].issued_on == dt.date(2099, 2, 1)
        assert p.legal_basis[0].effective_from == dt.date(2099, 3, 15)
        papers = p.case("Trường hợp A (ví dụ)").components
        assert (papers[1].originals, papers[1].copies, papers[1].replaceable_by_result_code) == (
            0,
            2,
            "VD-KQ-1",
        )
        assert [f.name for f in p.forms] == ["Mẫu 01 (ví dụ).docx"]

    def test_fields_without_meaning_are_kept_in_extensions(self):
        """ID, TRANGTHAI, IDQUYETDINHCONGBO and the CAPTHUCHIEN codes are kept for writing back."""
        p = load_national(FIXTURE)[1]
        assert p.extensions[EXTENSION_KEY] == {
            "id": "vi-du-0002",
            "status": "vi-du",
            "publication_decision_id": "vi-du-qd-0001",
            "authority_level_codes": ("vd-2", "vd-3"),
        }

    def test_same_day_and_working_hours(self):
        """Same-day limits with a cut-off and working hours read and write back."""
        p = load_national(FIXTURE)[2]
        assert p.processing_time(Channel.IN_PERSON) == Duration.same_day(cutoff=dt.time(15))
        assert p.processing_time(Channel.ONLINE) == Duration.working_hours(4)
        assert p.fees(Channel.IN_PERSON)[0].kind is FeeKind.FEE

    def test_level_from_national_data_is_never_full(self):
        """Packages do not say how steps are done, so the derived level is at most partial."""
        for p in load_national(FIXTURE):
            assert derive_level(p) in (None, OnlineServiceLevel.PARTIAL)


class TestReading:
    """How package values are read: times, amounts, dates, levels, text-or-number values."""

    @pytest.mark.parametrize(
        ("value", "unit", "expected"),
        [
            ("5", "Ngày làm việc", Duration.working_days(5)),
            ("30", "Ngày", Duration.calendar_days(30)),
            ("4", "Giờ", Duration.hours(4)),
            ("4", "Giờ làm việc", Duration.working_hours(4)),
            ("3", "Tháng", Duration.months(3)),
            ("0,5", "Ngày làm việc", Duration.working_days(Decimal("0.5"))),
            ("", "Khác", None),
            ("10", "Khác (xem mô tả)", None),
            ("", "", None),
        ],
    )
    def test_processing_times(self, value, unit, expected):
        """THOIGIANGIAIQUYET and DONVITINH are read together; 'Khác' means no countable time."""
        assert time_of(value, unit) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("8.000", Decimal(8000)),
            ("1.250.000", Decimal(1250000)),
            ("8000", Decimal(8000)),
            ("1.234,5", Decimal("1234.5")),
            ("8000.50", Decimal("8000.50")),
            (" 50 000 ", Decimal(50000)),
            ("", None),
        ],
    )
    def test_amounts(self, text, expected):
        """SOTIEN is read as Vietnamese writes amounts."""
        assert fee_of(SOTIEN=text, DONVI="Đồng").amount == expected

    @pytest.mark.parametrize(
        ("description", "kind", "kept"),
        [
            ("Lệ phí đăng ký (ví dụ)", FeeKind.CHARGE, "Lệ phí đăng ký (ví dụ)"),
            ("Phí thẩm định (ví dụ)", FeeKind.FEE, "Phí thẩm định (ví dụ)"),
            ("Lệ phí", FeeKind.CHARGE, None),
            ("phí", FeeKind.FEE, None),
            ("Miễn (ví dụ)", None, "Miễn (ví dụ)"),
        ],
    )
    def test_fee_kinds(self, description, kind, kept):
        """'Lệ phí' means a charge, 'Phí' a fee; a text that only names the kind is not kept."""
        fee = fee_of(MOTA=description)
        assert (fee.kind, fee.description) == (kind, kept)

    @pytest.mark.parametrize(
        "text",
        [
            "01/02/2099",
            "1/2/2099",
            "2099-02-01",
            "2099-02-01T00:00:00",
            "20990201",
            "20990201000000",
        ],
    )
    def test_dates(self, text):
        """Legal document dates are read in the spellings found in the wild."""
        law = {"SOVANBAN": "01/2099/NĐ-VD (ví dụ)", "NGAYBANHANH": text}
        p = from_national(package(CANCUPHAPLY=[law]))
        assert p.legal_basis[0].issued_on == dt.date(2099, 2, 1)

    @pytest.mark.parametrize(
        ("name", "level"),
        [
            ("Cấp Bộ", AuthorityLevel.CENTRAL),
            ("Cấp Tỉnh", AuthorityLevel.PROVINCE),
            ("cấp tỉnh", AuthorityLevel.PROVINCE),
            ("Cấp Huyện", AuthorityLevel.DISTRICT),
            ("Cấp Xã", AuthorityLevel.COMMUNE),
        ],
    )
    def test_authority_levels(self, name, level):
        """The authority level is read from TENCAP."""
        p = from_national(package(CAPTHUCHIEN=[{"CAPTHUCHIEN": "", "TENCAP": name}]))
        assert p.authority_levels == (level,)

    def test_numbers_and_nulls_for_text(self):
        """Values written as numbers or null, and null lists, are accepted."""
        p = from_national(
            package(
                MOTA=None,
                LOAITTHC=1,
                TTHCLIENQUAN=None,
                CACHTHUCTHUCHIEN=[
                    {
                        "KENH": 2,
                        "THOIGIAN": [
                            {
                                "THOIGIANGIAIQUYET": 5,
                                "DONVITINH": "Ngày",
                                "MOTA": None,
                                "PHILEPHI": None,
                            }
                        ],
                    }
                ],
                THANHPHANHOSO=[
                    {"TRUONGHOP": None, "GIAYTO": [{"TENGIAYTO": "Đơn", "SOBANCHINH": 2}]}
                ],
            )
        )
        assert p.procedure_type is ProcedureType.NOT_DELEGATED
        assert p.processing_time(Channel.ONLINE) == Duration.calendar_days(5)
        assert p.cases[0].components[0].originals == 2

    def test_missing_keys_read_as_blank(self):
        """A package with only a code and a name is one general case with nothing in it."""
        p = from_national({"MaTTHC": "0.000001", "TENTTHC": "Thủ tục (ví dụ)"})
        assert len(p.cases) == 1
        assert p.cases[0].name is None
        assert p.extensions == {}

    def test_one_object_or_an_array(self):
        """The document may be one package or an array of them."""
        assert len(load_national(json.dumps(package()))) == 1
        assert len(load_national(json.dumps([package(), package(MaTTHC="0.000002")]))) == 2


class TestProblems:
    """Every problem of every package is reported with its path in the package's own keys."""

    def test_all_problems_with_wire_paths(self):
        """Wire types, values and record rules are all reported, each at its key, nothing hidden."""
        bad_fee = {"MOTA": "Lệ phí", "SOTIEN": "tám nghìn", "DONVI": "USD"}
        packages = [
            package(),
            package(
                MaTTHC="1.1193",
                TENTTHC={"x": 1},
                LOAITTHC="9",
                CAPTHUCHIEN=[{"CAPTHUCHIEN": "", "TENCAP": "Cấp Thôn"}],
                LINHVUCTHUCHIEN=[{"MALINHVUC": "VD", "TENLINHVUC": ""}],
            ),
            package(
                MaTTHC="1.1193",
                CACHTHUCTHUCHIEN=[
                    {
                        "KENH": "4",
                        "THOIGIAN": [
                            {
                                "THOIGIANGIAIQUYET": "5-7",
                                "DONVITINH": "Ngày",
                                "MOTA": "",
                                "PHILEPHI": [bad_fee],
                            }
                        ],
                    }
                ],
                THANHPHANHOSO=[
                    {"TRUONGHOP": "", "GIAYTO": [{"TENGIAYTO": "Đơn", "SOBANSAO": "hai"}]}
                ],
                CANCUPHAPLY=[{"SOVANBAN": "01/2099", "NGAYBANHANH": "31/02/2099"}],
                COLOUR="red",
            ),
        ]
        with pytest.raises(LoadError) as info:
            load_national(packages, strict=True)
        # A package whose values have the wrong JSON type is not read further; unknown keys
        # are reported with the package's other problems.
        assert info.value.problems[:3] == [
            "$[1].TENTTHC: expected a text (JSON string), a whole number or null, got {'x': 1}",
            "$[2]: unknown keys 'COLOUR' (not keys of the CSDLQG procedure package)",
            "$[2].THANHPHANHOSO[0].GIAYTO[0].SOBANSAO: expected a number of papers such as '1', got 'hai'",
        ]
        del packages[2]["COLOUR"]
        packages[1]["TENTTHC"] = ""
        assert problems(packages) == [
            "$[1].LOAITTHC: expected a procedure type '1', '2' or '3', got '9'",
            "$[1].CAPTHUCHIEN[0].TENCAP: expected an authority level name such as 'Cấp Tỉnh' or 'Cấp Xã', got 'Cấp Thôn'",
            "$[1].LINHVUCTHUCHIEN[0].TENLINHVUC: Sector.name: expected a non-blank text, got ''",
            "$[1].MaTTHC: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'",
            "$[1].TENTTHC: Procedure.name: expected a non-blank text, got ''",
            "$[2].THANHPHANHOSO[0].GIAYTO[0].SOBANSAO: expected a number of papers such as '1', got 'hai'",
            "$[2].CACHTHUCTHUCHIEN[0].KENH: expected a channel code '1' (in person), '2' (online) or '3' (post), got '4'",
            "$[2].CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN: expected an amount in đồng such as '8.000' or '8000' ('.' between thousands, ',' before decimals), got 'tám nghìn'",
            "$[2].CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].DONVI: expected the unit 'Đồng' (VND) or blank, got 'USD'",
            "$[2].CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET: Duration.parse(text): expected a single processing time, not a range (ending '7 ngày'), got '5-7 Ngày'",
            "$[2].CANCUPHAPLY[0].NGAYBANHANH: expected a date written dd/mm/yyyy, yyyy-mm-dd or yyyymmdd, got '31/02/2099'",
            "$[2].MaTTHC: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'",
        ]

    def test_record_rules_at_their_keys(self):
        """A value the record refuses is reported at the key it came from."""
        assert problems([package(MaTTHC="1.1193")]) == [
            "$[0].MaTTHC: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'"
        ]
        assert problems(package(TENTTHC=" ")) == [
            "$.TENTTHC: Procedure.name: expected a non-blank text, got ' '"
        ]

    def test_not_a_package(self, tmp_path):
        """A document that is neither a package nor an array of them is refused."""
        assert problems("[1]") == ["$[0]: expected an object (JSON object) for _Package, got 1"]
        path = tmp_path / "text.json"
        path.write_text('"text"', encoding="utf-8")
        assert problems(path) == [
            "$: expected a procedure package (JSON object) or an array of them, got 'text'"
        ]

    def test_to_national_refuses_other_objects(self):
        """Only Procedure records are written."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("x"))) as info:
            to_national("x")  # type: ignore[arg-type]
        assert info.value.field == "to_national(procedure)"


class TestWriting:
    """dump_national writes every key, canonical numbers and dates, to text or a file."""

    def test_writes_every_key(self):
        """A minimal record is written with all the package's keys, blank where unknown."""
        p = from_national({"MaTTHC": "0.000001", "TENTTHC": "Thủ tục (ví dụ)"})
        written = to_national(p)
        assert set(written) == set(fixture()[0])
        assert written["THANHPHANHOSO"] == []
        assert written["CACHTHUCTHUCHIEN"] == []

    def test_file(self, tmp_path):
        """With a path, the JSON array is written to the file."""
        path = tmp_path / "packages.json"
        text = dump_national(load_national(FIXTURE), path)
        assert path.read_text(encoding="utf-8") == text + "\n"
        assert load_national(path) == load_national(FIXTURE)

    def test_converter_is_separate(self):
        """The national converter is its own instance, derived from the base one."""
        assert make_national_converter() is not make_national_converter()


class TestProperties:
    """Writing and reading a package is stable, and malformed packages raise LoadError only."""

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(procedures())
    def test_one_pass_reaches_a_fixed_point(self, procedure):
        """What the package cannot carry is lost once; after one pass, records round trip exactly."""
        once = from_national(to_national(procedure))
        assert from_national(to_national(once)) == once
        assert once.code == procedure.code
        assert [c.name for c in once.cases if c.name is not None] == [
            c.name for c in procedure.cases if c.name is not None
        ]

    @given(
        st.lists(st.dictionaries(st.sampled_from(sorted(fixture()[1])), json_values), max_size=2)
    )
    def test_any_values_under_real_keys(self, packages):
        """Packages with real keys and arbitrary values are read or refused with LoadError."""
        try:
            result = _load_liberally(packages)
        except LoadError:
            return
        assert all(isinstance(p, Procedure) for p in result)

    @given(st.data())
    def test_mutated_fixture(self, data):
        """Fixture packages with one value replaced are read or refused with LoadError."""
        packages = copy.deepcopy(fixture())
        target = data.draw(st.sampled_from(packages))
        key = data.draw(st.sampled_from(sorted(target)))
        target[key] = data.draw(json_values)
        try:
            result = _load_liberally(packages)
        except LoadError:
            return
        assert all(isinstance(p, Procedure) for p in result)


def _load_liberally(packages: Any) -> list[Procedure]:
    """load_national in its default (liberal) mode, where keys it cannot read only warn."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownFieldWarning)
        return load_national(packages)


class TestRealClients:
    """What clients of the national service receive is read (tests/fixtures/payloads/INDEX.md)."""

    @pytest.mark.parametrize("key", ["MaTTHC", "MATTHC", "maTTHC", "matthc"])
    def test_code_key_in_any_casing(self, key: str) -> None:
        """The procedure code is read under its key in any casing; MATTHC even when strict."""
        base = package()
        base[key] = base.pop("MaTTHC")
        assert from_national(base).code == "0.000001"
        if key in ("MaTTHC", "MATTHC"):
            assert from_national(base, strict=True).code == "0.000001"
        else:
            with pytest.raises(
                LoadError, match=re.escape(f"in another casing {key!r} is 'MaTTHC'")
            ):
                from_national(base, strict=True)

    def test_documented_spellings_of_url(self) -> None:
        """A component's form URL is read as URL or Url (both spellings are read by clients)."""
        paper = {"TENGIAYTO": "Đơn", "TENMAUDON": "Mẫu (ví dụ)", "Url": "https://vi-du.invalid/m"}
        p = from_national(package(THANHPHANHOSO=[{"GIAYTO": [paper]}]), strict=True)
        form = p.cases[0].components[0].form
        assert form is not None
        assert form.url == "https://vi-du.invalid/m"

    def test_unknown_keys_warn(self) -> None:
        """Keys the package does not define are left out with a warning naming them."""
        extra = package(COLOUR="red")
        extra["CACHTHUCTHUCHIEN"][0]["GHICHU"] = ""
        with pytest.warns(UnknownFieldWarning) as record:
            [p] = load_national([extra])
        assert p == from_national(package())
        assert record[0].message.items == [  # type: ignore[union-attr]
            "$[0]: 'COLOUR' (not kept)",
            "$[0].CACHTHUCTHUCHIEN[0]: 'GHICHU' (not kept)",
        ]

    def test_service_errors(self) -> None:
        """An answer with a non-zero error_code is refused with its message."""
        assert problems('{"error_code": 1, "message": "Không tìm thấy (ví dụ)"}') == [
            "$.error_code: the service answered with an error (1: 'Không tìm thấy (ví dụ)'), not with procedure packages"
        ]
        assert problems('{"error_code": "2", "result": []}') == [
            "$.error_code: the service answered with an error ('2': None), not with procedure packages"
        ]

    def test_answers_that_are_not_packages(self) -> None:
        """A result or a message that holds no packages is refused where it is."""
        assert problems('{"error_code": 0, "result": "x"}') == [
            "$.result: expected a procedure package (JSON object) or an array of them, got 'x'"
        ]
        assert problems('{"message": "{\\"result\\": ["}') == [
            "$.message: not valid JSON: Expecting value (line 1, column 13)"
        ]
        nested = json.dumps({"message": json.dumps({"message": "[]"})})
        assert problems(nested) == [
            "$.message.message: expected a procedure package (JSON object) or an array of them, got '[]'"
        ]

    def test_answers_paths(self) -> None:
        """Problems inside an answer have the answer's path."""
        answer = {"error_code": 0, "result": [package(), package(MaTTHC="1.1193")]}
        assert problems([answer]) == [
            "$[0].result[1].MaTTHC: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'"
        ]
        wrapped = {"message": json.dumps({"result": [package(MaTTHC="1.1193")]})}
        assert problems(json.dumps(wrapped))[-1].startswith("$.message.result[0].MaTTHC: ")
