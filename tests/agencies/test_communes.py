"""The commune tables: the official list (Công văn 1027/CTK-CSCL Phụ lục I) and old → new pairs.

The fixtures are real rows with their sources (tests/fixtures/agencies/README.md): five communes
of the 2025 list, and the pairs of Resolutions 1656/NQ-UBTVQH15 (Hà Nội, Điều 1 khoản 3-4) and
1684/NQ-UBTVQH15 (Tuyên Quang, Điều 1 khoản 73, 110, 111). Rows made up to test refusals say
EXAMPLE in their names or use codes no source gives.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from tthc.agencies import (
    DISTRICTS_ABOLISHED,
    UnitLevel,
    load_commune_list,
    load_commune_mapping,
    province_registry,
    same_code,
)
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError, SuccessionError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "agencies"
LIST = FIXTURES / "communes_2025_rows.csv"
MAPPING = FIXTURES / "communes_2025_mapping.csv"
LAST_OLD = dt.date(2025, 6, 30)
FIRST_NEW = dt.date(2025, 7, 1)
SECONDARY = Certainty.CONFIRMED_SECONDARY
HEADER = "Stt,Mã số,Tên đơn vị hành chính,Tỉnh (thành phố)\n"
NOT_A_PROVINCE = "expected a province that exists on 2025-07-01 (name or code)"
MAP_HEADER = "old_province,old_district,old_district_name,old_code,old_name,new_code,share,act\n"


@pytest.fixture(name="new_registry", scope="module")
def fixture_new_registry():
    provinces = province_registry()
    communes = load_commune_list(LIST, provinces=provinces, sources="CV1027", certainty=SECONDARY)
    return provinces.extended(communes)


@pytest.fixture(name="registry", scope="module")
def fixture_registry(new_registry):
    old = load_commune_mapping(
        MAPPING, registry=new_registry, sources=("NQ1654_1687", "TLQ"), certainty=SECONDARY
    )
    return new_registry.extended(old)


def _list(text: str):
    return load_commune_list(
        io.StringIO(HEADER + text),
        provinces=province_registry(),
        sources="CV1027",
        certainty=SECONDARY,
    )


class TestCommuneList:
    """Công văn 1027/CTK-CSCL Phụ lục I: Stt | Mã số | Tên đơn vị hành chính | Tỉnh (thành phố)."""

    def test_real_rows(self):
        units = load_commune_list(
            LIST, provinces=province_registry(), sources="CV1027", certainty=SECONDARY
        )
        assert [(u.code, u.name, u.parent) for u in units] == [
            ("00004", "Phường Ba Đình", "01"),
            ("00008", "Phường Ngọc Hà", "01"),
            ("00694", "Phường Hà Giang 1", "08"),
            ("00691", "Phường Hà Giang 2", "08"),
            ("00706", "Xã Phú Linh", "08"),
        ]
        assert all(u.level is UnitLevel.COMMUNE for u in units)
        assert all(u.valid_from == FIRST_NEW and u.valid_until is None for u in units)
        assert all(u.sources == ("CV1027",) and u.certainty is SECONDARY for u in units)

    @pytest.mark.parametrize(
        "province",
        [
            "Tp Hải Phòng",
            "Thành phố Hải Phòng",
            "TP. Hải Phòng",
            "Hải Phòng",
            "31",
            "tp  hải phòng",
        ],
    )
    def test_province_as_the_annex_writes_it(self, province):
        (unit,) = _list(f"1,99991,Xã EXAMPLE,{province}\n")
        assert unit.parent == "31"

    def test_old_style_tone_marks_match(self):
        (unit,) = _list("1,99991,Xã EXAMPLE,Tỉnh Khánh Hoà\n")
        assert unit.parent == "56"

    def test_a_name_broken_over_lines_is_joined(self):
        (unit,) = _list('1,99991,"Phường EXAMPLE -\nQuốc Tử Giám",Thành phố Hà Nội\n')
        assert unit.name == "Phường EXAMPLE - Quốc Tử Giám"

    def test_headings_blank_rows_and_repeated_headers_are_skipped(self):
        units = _list(",,THÀNH PHỐ HÀ NỘI,\n\n" + HEADER + "1,99991,Xã EXAMPLE,Thành phố Hà Nội\n")
        assert [u.code for u in units] == ["99991"]

    def test_every_bad_row_is_named(self):
        text = (
            "1,99991,Xã EXAMPLE,Thành phố Hà Nội\n"
            "x,9999,Thôn EXAMPLE,Tỉnh Không Có\n"
            "3,99991,Xã EXAMPLE 2,Tỉnh Hà Giang\n"
        )
        with pytest.raises(LoadError) as info:
            _list(text)
        assert info.value.problems == [
            "row 3 (Stt x): Stt: expected a row number, got 'x'",
            "row 3 (Stt x): Mã số: expected a 5-digit code, got '9999'",
            (
                "row 3 (Stt x): Tên đơn vị hành chính: expected a name starting with Xã, Phường "
                "or Đặc khu, got 'Thôn EXAMPLE'"
            ),
            f"row 3 (Stt x): Tỉnh (thành phố): {NOT_A_PROVINCE}, got 'Tỉnh Không Có'",
            "row 4 (Stt 3): Mã số: 99991 is also on row 2",
            # Hà Giang ended on 30/6/2025: not a province of the 2025 list.
            f"row 4 (Stt 3): Tỉnh (thành phố): {NOT_A_PROVINCE}, got 'Tỉnh Hà Giang'",
        ]

    def test_missing_and_unknown_columns(self):
        with pytest.raises(LoadError) as info:
            load_commune_list(
                io.StringIO("Stt,Mã,Tên đơn vị hành chính\n"),
                provinces=province_registry(),
                sources="CV1027",
                certainty=SECONDARY,
            )
        assert info.value.problems == [
            "row 1: unknown column 'Mã'",
            "row 1: missing the column 'code'",
            "row 1: missing the column 'province'",
        ]

    def test_the_header_tinh_is_accepted(self):
        units = load_commune_list(
            io.StringIO("STT,Mã số,Tên đơn vị hành chính,Tỉnh\n1,99991,Xã EXAMPLE,01\n"),
            provinces=province_registry(),
            sources="EXAMPLE",
            certainty=Certainty.UNCERTAIN,
        )
        assert units[0].certainty is Certainty.UNCERTAIN

    def test_sources_and_certainty_are_required(self):
        with pytest.raises(InvalidValueError, match="sources"):
            load_commune_list(LIST, provinces=province_registry(), sources="", certainty=SECONDARY)
        with pytest.raises(InvalidValueError, match="certainty"):
            load_commune_list(
                LIST, provinces=province_registry(), sources="CV1027", certainty="confirmed"
            )

    def test_file_problems(self, tmp_path):
        with pytest.raises(LoadError, match="cannot read the file"):
            load_commune_list(
                tmp_path / "absent.csv",
                provinces=province_registry(),
                sources="CV1027",
                certainty=SECONDARY,
            )
        latin = tmp_path / "latin.csv"
        latin.write_bytes("Stt,Mã số\n".encode("cp1258", errors="replace") + b"\xff")
        with pytest.raises(LoadError, match="not UTF-8"):
            load_commune_list(
                latin, provinces=province_registry(), sources="CV1027", certainty=SECONDARY
            )
        with pytest.raises(LoadError, match="over the limit"):
            load_commune_list(
                LIST,
                provinces=province_registry(),
                sources="CV1027",
                certainty=SECONDARY,
                max_bytes=10,
            )
        empty = tmp_path / "empty.csv"
        empty.write_text("", encoding="utf-8")
        with pytest.raises(LoadError, match="the file is empty"):
            load_commune_list(
                empty, provinces=province_registry(), sources="CV1027", certainty=SECONDARY
            )
        with pytest.raises(InvalidValueError, match="a path or a text stream"):
            load_commune_list(
                42,  # type: ignore[arg-type]
                provinces=province_registry(),
                sources="CV1027",
                certainty=SECONDARY,
            )

    def test_stream_problems(self):
        class Binary(io.BytesIO):
            name = "binary.csv"

        with pytest.raises(InvalidValueError, match="a path or a text stream"):
            load_commune_list(
                Binary(b"Stt"), provinces=province_registry(), sources="X", certainty=SECONDARY
            )
        with pytest.raises(LoadError, match="over the limit"):
            load_commune_list(
                io.StringIO(HEADER),
                provinces=province_registry(),
                sources="X",
                certainty=SECONDARY,
                max_bytes=5,
            )
        huge = HEADER + '1,"' + "x" * 200_000 + '",Xã EXAMPLE,01\n'
        with pytest.raises(LoadError, match="not readable as CSV"):
            _list(huge.removeprefix(HEADER))

    def test_a_column_twice_and_short_rows(self):
        with pytest.raises(LoadError, match="the column 'Tỉnh' is given twice"):
            load_commune_list(
                io.StringIO(HEADER.strip() + ",Tỉnh\n"),
                provinces=province_registry(),
                sources="X",
                certainty=SECONDARY,
            )
        with pytest.raises(LoadError, match=r"row 2 .*got ''"):
            _list("1,99991\n")

    def test_a_byte_order_mark_is_allowed(self, tmp_path):
        path = tmp_path / "bom.csv"
        path.write_text(HEADER + "1,99991,Xã EXAMPLE,01\n", encoding="utf-8-sig")
        assert (
            load_commune_list(
                path, provinces=province_registry(), sources="EXAMPLE", certainty=SECONDARY
            )[0].code
            == "99991"
        )


class TestCommuneMapping:
    """Resolutions 1656 and 1684/NQ-UBTVQH15: old communes, whole or in part, into new ones."""

    def test_units_built(self, registry):
        old = registry.unit("00004", LAST_OLD)
        assert (old.name, old.parent, old.valid_until) == ("Phường Trúc Bạch", "001", LAST_OLD)
        assert old.succession.successors == ("00004",)
        assert old.succession.act == "1656/NQ-UBTVQH15, Điều 1 khoản 3"
        district = registry.unit("024", LAST_OLD)
        assert (district.name, district.level, district.parent) == (
            "Thành phố Hà Giang",
            UnitLevel.DISTRICT,
            "02",
        )
        assert district.succession is DISTRICTS_ABOLISHED
        split = registry.unit("00016", LAST_OLD)
        assert split.succession.successors == ("00004", "00008")
        assert split.succession.is_split
        assert split.succession.act == (
            "1656/NQ-UBTVQH15, Điều 1 khoản 3; 1656/NQ-UBTVQH15, Điều 1 khoản 4"
        )
        assert split.sources == ("NQ1654_1687", "TLQ")

    def test_code_reuse_is_two_units(self, registry):
        # 00004 was Phường Trúc Bạch to 30/6/2025 and is Phường Ba Đình from 1/7/2025.
        assert registry.unit("00004", LAST_OLD).name == "Phường Trúc Bạch"
        assert registry.unit("00004", FIRST_NEW).name == "Phường Ba Đình"
        assert [u.code for u in registry.predecessors(registry.unit("00004", FIRST_NEW))] == [
            "00004",
            "00013",
            "00016",
        ]

    def _mapping(self, new_registry, text, **kwargs):
        return load_commune_mapping(
            io.StringIO(MAP_HEADER + text),
            registry=new_registry,
            sources="EXAMPLE",
            certainty=SECONDARY,
            **kwargs,
        )

    def test_every_bad_row_is_named(self, new_registry):
        text = (
            "01,001,Quận EXAMPLE,00004,Phường EXAMPLE,00004,whole,EXAMPLE act\n"
            "1,0001,,0004,,4,maybe,\n"
            "99,,,99991,Xã EXAMPLE,00004,,EXAMPLE act\n"
            "01,,,99992,Xã EXAMPLE,00694,,EXAMPLE act\n"
            "01,,,99993,Xã EXAMPLE,99999,,EXAMPLE act\n"
            "01,001,Quận EXAMPLE,00004,Phường EXAMPLE,00004,whole,EXAMPLE act\n"
            "01,001,Quận KHÁC,99994,Phường EXAMPLE,00004,whole,EXAMPLE act\n"
            "01,001,Quận EXAMPLE,00004,Phường KHÁC,00008,part,EXAMPLE act\n"
        )
        with pytest.raises(LoadError) as info:
            self._mapping(new_registry, text)
        problems = info.value.problems
        assert problems[:6] == [
            "row 3 (0004 -> 4): old_province: expected a province code, got '1'",
            "row 3 (0004 -> 4): old_code: expected a commune code, got '0004'",
            "row 3 (0004 -> 4): new_code: expected a commune code, got '4'",
            "row 3 (0004 -> 4): old_district: expected a district code, got '0001'",
            "row 3 (0004 -> 4): old_district_name: expected the district's name",
            "row 3 (0004 -> 4): old_name: expected a non-blank text",
        ]
        assert problems[6:8] == [
            "row 3 (0004 -> 4): act: expected a non-blank text",
            "row 3 (0004 -> 4): share: expected whole or part, got 'maybe'",
        ]
        assert (
            problems[8]
            == "row 4 (99991 -> 00004): old_province: 99 is not a province on 2025-06-30"
        )
        assert problems[9].startswith("row 5 (99992 -> 00694): new_code: 00694 Phường Hà Giang 1")
        assert problems[9].endswith("is not a commune of 01, the successor of 01 Thành phố Hà Nội")
        assert problems[10].startswith("row 6 (99993 -> 99999): new_code: no administrative unit")
        assert problems[11] == "row 7 (00004 -> 00004): the same pair is also on row 2"
        assert problems[12] == (
            "row 8 (99994 -> 00004): old_district 001: 'Quận KHÁC' in 01 differs from row 2 "
            "('Quận EXAMPLE' in 01)"
        )
        assert problems[13] == (
            "row 9 (00004 -> 00008): old_code 00004: 'Phường KHÁC' in 001 differs from row 2 "
            "('Phường EXAMPLE' in 001)"
        )
        assert len(problems) == 14

    def test_share_must_agree_with_the_number_of_rows(self, new_registry):
        text = (
            "01,,,99991,Xã EXAMPLE,00004,part,EXAMPLE act\n"
            ",,,,,,,\n"
            "01,,,99992,Xã EXAMPLE,00004,whole,EXAMPLE act\n"
            "01,,,99992,Xã EXAMPLE,00008,toàn bộ,EXAMPLE act\n"
        )
        with pytest.raises(LoadError) as info:
            self._mapping(new_registry, text)
        assert info.value.problems == [
            "rows 2 (99991): share: expected whole (one row) on rows 2",
            "rows 4, 5 (99992): share: expected part (it goes to several communes) on rows 4, 5",
        ]

    def test_row_certainty_and_source_columns(self, new_registry):
        text = (
            "old_province,old_code,old_name,new_code,act,source,certainty,note\n"
            "01,99991,Xã EXAMPLE,00004,EXAMPLE act,EXAMPLE source,uncertain,EXAMPLE note\n"
            "01,99992,Xã EXAMPLE,00004,EXAMPLE act,,bad,\n"
        )
        with pytest.raises(LoadError) as info:
            load_commune_mapping(
                io.StringIO(text), registry=new_registry, sources="EXAMPLE", certainty=SECONDARY
            )
        assert info.value.problems == [
            (
                "row 3 (99992 -> 00004): certainty: expected one of ['confirmed', "
                "'confirmed_secondary', 'uncertain'], got 'bad'"
            )
        ]
        (unit,) = load_commune_mapping(
            io.StringIO(text.rsplit("01,99992", 1)[0]),
            registry=new_registry,
            sources="EXAMPLE",
            certainty=SECONDARY,
        )
        assert unit.parent == "01"  # no district column: the old province
        assert unit.certainty is Certainty.UNCERTAIN
        assert unit.sources == ("EXAMPLE source",)
        assert unit.succession.note == "EXAMPLE note"

    def test_a_district_already_loaded_is_not_built_again(self, registry):
        text = "01,001,Quận Ba Đình,99991,Phường EXAMPLE,00004,whole,EXAMPLE act\n"
        units = load_commune_mapping(
            io.StringIO(MAP_HEADER + text), registry=registry, sources="EX", certainty=SECONDARY
        )
        assert [u.code for u in units] == ["99991"]


class TestHandCases:
    """A dossier received by a former district or commune on 30/6/2025, reported today."""

    def test_former_district_under_its_province_of_today(self, registry):
        # Thành phố Hà Giang (024) was a district of Tỉnh Hà Giang (02), merged into Tuyên
        # Quang (08) by NQ 202/2025/QH15.
        assert registry.roll_up("024", LAST_OLD, level="province") == "08"

    def test_former_district_has_no_district_successor(self, registry):
        with pytest.raises(
            SuccessionError,
            match=re.escape("024 (Thành phố Hà Giang) ended on 2025-06-30 with no successor"),
        ):
            registry.roll_up("024", LAST_OLD)
        assert registry.current("024", LAST_OLD) == ()

    def test_former_district_cannot_be_reported_by_commune(self, registry):
        with pytest.raises(InvalidValueError, match="roll_up"):
            registry.roll_up("024", LAST_OLD, level="commune")

    def test_former_commune_under_its_commune_and_province_of_today(self, registry):
        # Phường Minh Khai (00697), in Thành phố Hà Giang: whole into Phường Hà Giang 2 (00691)
        # by 1684/NQ-UBTVQH15 Điều 1 khoản 111.
        assert registry.roll_up("00697", LAST_OLD, level="commune") == "00691"
        assert registry.roll_up("00697", LAST_OLD, level="province") == "08"
        # As of its own day, it is reported under its district, which has no successor today.
        assert (
            registry.roll_up("00697", LAST_OLD, level=UnitLevel.DISTRICT, as_of=LAST_OLD) == "024"
        )
        with pytest.raises(SuccessionError):
            registry.roll_up("00697", LAST_OLD, level=UnitLevel.DISTRICT)

    def test_the_same_dossier_a_day_later_is_an_error(self, registry):
        # Phường Minh Khai did not exist on 1/7/2025.
        with pytest.raises(LookupError, match="00697 did not name a unit on 2025-07-01"):
            registry.roll_up("00697", FIRST_NEW, level="commune")

    def test_a_split_commune_is_refused_at_commune_level(self, registry):
        # Phường Quang Trung (00688): part to Hà Giang 1 (khoản 110), the rest to Hà Giang 2.
        with pytest.raises(SuccessionError) as info:
            registry.roll_up("00688", LAST_OLD, level="commune")
        assert info.value.successors == ("00694", "00691")
        assert "pass apportion=" in str(info.value)
        assert [u.code for u in registry.current("00688", LAST_OLD)] == ["00691", "00694"]

    def test_a_split_commune_at_province_level_needs_no_rule(self, registry):
        assert registry.roll_up("00688", LAST_OLD, level="province") == "08"

    def test_a_split_with_a_rule(self, registry):
        assert registry.roll_up("00688", LAST_OLD, apportion={"00688": "00691"}) == "00691"
        # Ngọc Hà (00016) split between Ba Đình (00004) and Ngọc Hà (00008): no successor kept
        # its code, so the same-code convention refuses too.
        with pytest.raises(SuccessionError):
            registry.roll_up("00016", LAST_OLD, apportion=same_code)
        with pytest.raises(InvalidValueError, match="one of the successors of 00016"):
            registry.roll_up("00016", LAST_OLD, apportion={"00016": "00691"})

    def test_merged_commune_keeps_its_new_commune_code(self, registry):
        for old in ("00703", "00706", "00709"):  # khoản 73: Kim Thạch, Phú Linh, Kim Linh
            assert registry.roll_up(old, LAST_OLD) == "00706"
