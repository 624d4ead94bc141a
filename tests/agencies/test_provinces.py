"""The 63 provinces to 30/6/2025 and the 34 from 1/7/2025 (Resolution 202/2025/QH15).

Rule under test: 52 provinces ended on 30/6/2025 and were consolidated whole into 23 new ones;
11 did not merge; each new province has the code of Công văn 915/CTK-CSCL (the code of the old
province where its seat is, QĐ 124/2004/QĐ-TTg Art. 1).

The table below is transcribed by hand from the 60-NQ/TW annex (sections I and II: membership,
names, seats) and the Công văn 915/CTK-CSCL list (codes), both read in the transcriptions of
github.com/dvhcvn/20250701 `input/docs/` (commit dd94887); the old codes and names from
thanglequoc/vietnamese-provinces-database v2.4.1. Each row's id names the annex item and CV915.
None of it is read from tthc's data file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.agencies import UnitLevel, province_registry
from tthc.calendar import Certainty

LAST_OLD = dt.date(2025, 6, 30)
FIRST_NEW = dt.date(2025, 7, 1)

# (old code, old name, new code, new name, source): one row per old province.
MAPPING = [
    ("01", "Thành phố Hà Nội", "01", "Thành phố Hà Nội", "60-NQ/TW I.1 + CV915"),
    ("46", "Thành phố Huế", "46", "Thành phố Huế", "60-NQ/TW I.2 + CV915"),
    ("12", "Tỉnh Lai Châu", "12", "Tỉnh Lai Châu", "60-NQ/TW I.3 + CV915"),
    ("11", "Tỉnh Điện Biên", "11", "Tỉnh Điện Biên", "60-NQ/TW I.4 + CV915"),
    ("14", "Tỉnh Sơn La", "14", "Tỉnh Sơn La", "60-NQ/TW I.5 + CV915"),
    ("20", "Tỉnh Lạng Sơn", "20", "Tỉnh Lạng Sơn", "60-NQ/TW I.6 + CV915"),
    ("22", "Tỉnh Quảng Ninh", "22", "Tỉnh Quảng Ninh", "60-NQ/TW I.7 + CV915"),
    ("38", "Tỉnh Thanh Hóa", "38", "Tỉnh Thanh Hóa", "60-NQ/TW I.8 + CV915"),
    ("40", "Tỉnh Nghệ An", "40", "Tỉnh Nghệ An", "60-NQ/TW I.9 + CV915"),
    ("42", "Tỉnh Hà Tĩnh", "42", "Tỉnh Hà Tĩnh", "60-NQ/TW I.10 + CV915"),
    ("04", "Tỉnh Cao Bằng", "04", "Tỉnh Cao Bằng", "60-NQ/TW I.11 + CV915"),
    ("08", "Tỉnh Tuyên Quang", "08", "Tỉnh Tuyên Quang", "60-NQ/TW II.1 + CV915"),
    ("02", "Tỉnh Hà Giang", "08", "Tỉnh Tuyên Quang", "60-NQ/TW II.1 + CV915"),
    ("10", "Tỉnh Lào Cai", "15", "Tỉnh Lào Cai", "60-NQ/TW II.2 + CV915"),
    ("15", "Tỉnh Yên Bái", "15", "Tỉnh Lào Cai", "60-NQ/TW II.2 + CV915"),
    ("06", "Tỉnh Bắc Kạn", "19", "Tỉnh Thái Nguyên", "60-NQ/TW II.3 + CV915"),
    ("19", "Tỉnh Thái Nguyên", "19", "Tỉnh Thái Nguyên", "60-NQ/TW II.3 + CV915"),
    ("26", "Tỉnh Vĩnh Phúc", "25", "Tỉnh Phú Thọ", "60-NQ/TW II.4 + CV915"),
    ("25", "Tỉnh Phú Thọ", "25", "Tỉnh Phú Thọ", "60-NQ/TW II.4 + CV915"),
    ("17", "Tỉnh Hoà Bình", "25", "Tỉnh Phú Thọ", "60-NQ/TW II.4 + CV915"),
    ("27", "Tỉnh Bắc Ninh", "24", "Tỉnh Bắc Ninh", "60-NQ/TW II.5 + CV915"),
    ("24", "Tỉnh Bắc Giang", "24", "Tỉnh Bắc Ninh", "60-NQ/TW II.5 + CV915"),
    ("33", "Tỉnh Hưng Yên", "33", "Tỉnh Hưng Yên", "60-NQ/TW II.6 + CV915"),
    ("34", "Tỉnh Thái Bình", "33", "Tỉnh Hưng Yên", "60-NQ/TW II.6 + CV915"),
    ("30", "Tỉnh Hải Dương", "31", "Thành phố Hải Phòng", "60-NQ/TW II.7 + CV915"),
    ("31", "Thành phố Hải Phòng", "31", "Thành phố Hải Phòng", "60-NQ/TW II.7 + CV915"),
    ("35", "Tỉnh Hà Nam", "37", "Tỉnh Ninh Bình", "60-NQ/TW II.8 + CV915"),
    ("37", "Tỉnh Ninh Bình", "37", "Tỉnh Ninh Bình", "60-NQ/TW II.8 + CV915"),
    ("36", "Tỉnh Nam Định", "37", "Tỉnh Ninh Bình", "60-NQ/TW II.8 + CV915"),
    ("44", "Tỉnh Quảng Bình", "44", "Tỉnh Quảng Trị", "60-NQ/TW II.9 + CV915"),
    ("45", "Tỉnh Quảng Trị", "44", "Tỉnh Quảng Trị", "60-NQ/TW II.9 + CV915"),
    ("49", "Tỉnh Quảng Nam", "48", "Thành phố Đà Nẵng", "60-NQ/TW II.10 + CV915"),
    ("48", "Thành phố Đà Nẵng", "48", "Thành phố Đà Nẵng", "60-NQ/TW II.10 + CV915"),
    ("62", "Tỉnh Kon Tum", "51", "Tỉnh Quảng Ngãi", "60-NQ/TW II.11 + CV915"),
    ("51", "Tỉnh Quảng Ngãi", "51", "Tỉnh Quảng Ngãi", "60-NQ/TW II.11 + CV915"),
    ("64", "Tỉnh Gia Lai", "52", "Tỉnh Gia Lai", "60-NQ/TW II.12 + CV915"),
    ("52", "Tỉnh Bình Định", "52", "Tỉnh Gia Lai", "60-NQ/TW II.12 + CV915"),
    ("58", "Tỉnh Ninh Thuận", "56", "Tỉnh Khánh Hòa", "60-NQ/TW II.13 + CV915"),
    ("56", "Tỉnh Khánh Hòa", "56", "Tỉnh Khánh Hòa", "60-NQ/TW II.13 + CV915"),
    ("68", "Tỉnh Lâm Đồng", "68", "Tỉnh Lâm Đồng", "60-NQ/TW II.14 + CV915"),
    ("67", "Tỉnh Đắk Nông", "68", "Tỉnh Lâm Đồng", "60-NQ/TW II.14 + CV915"),
    ("60", "Tỉnh Bình Thuận", "68", "Tỉnh Lâm Đồng", "60-NQ/TW II.14 + CV915"),
    ("66", "Tỉnh Đắk Lắk", "66", "Tỉnh Đắk Lắk", "60-NQ/TW II.15 + CV915"),
    ("54", "Tỉnh Phú Yên", "66", "Tỉnh Đắk Lắk", "60-NQ/TW II.15 + CV915"),
    ("77", "Tỉnh Bà Rịa - Vũng Tàu", "79", "Thành phố Hồ Chí Minh", "60-NQ/TW II.16 + CV915"),
    ("74", "Tỉnh Bình Dương", "79", "Thành phố Hồ Chí Minh", "60-NQ/TW II.16 + CV915"),
    ("79", "Thành phố Hồ Chí Minh", "79", "Thành phố Hồ Chí Minh", "60-NQ/TW II.16 + CV915"),
    ("75", "Tỉnh Đồng Nai", "75", "Tỉnh Đồng Nai", "60-NQ/TW II.17 + CV915"),
    ("70", "Tỉnh Bình Phước", "75", "Tỉnh Đồng Nai", "60-NQ/TW II.17 + CV915"),
    ("72", "Tỉnh Tây Ninh", "80", "Tỉnh Tây Ninh", "60-NQ/TW II.18 + CV915"),
    ("80", "Tỉnh Long An", "80", "Tỉnh Tây Ninh", "60-NQ/TW II.18 + CV915"),
    ("92", "Thành phố Cần Thơ", "92", "Thành phố Cần Thơ", "60-NQ/TW II.19 + CV915"),
    ("94", "Tỉnh Sóc Trăng", "92", "Thành phố Cần Thơ", "60-NQ/TW II.19 + CV915"),
    ("93", "Tỉnh Hậu Giang", "92", "Thành phố Cần Thơ", "60-NQ/TW II.19 + CV915"),
    ("83", "Tỉnh Bến Tre", "86", "Tỉnh Vĩnh Long", "60-NQ/TW II.20 + CV915"),
    ("86", "Tỉnh Vĩnh Long", "86", "Tỉnh Vĩnh Long", "60-NQ/TW II.20 + CV915"),
    ("84", "Tỉnh Trà Vinh", "86", "Tỉnh Vĩnh Long", "60-NQ/TW II.20 + CV915"),
    ("82", "Tỉnh Tiền Giang", "82", "Tỉnh Đồng Tháp", "60-NQ/TW II.21 + CV915"),
    ("87", "Tỉnh Đồng Tháp", "82", "Tỉnh Đồng Tháp", "60-NQ/TW II.21 + CV915"),
    ("95", "Tỉnh Bạc Liêu", "96", "Tỉnh Cà Mau", "60-NQ/TW II.22 + CV915"),
    ("96", "Tỉnh Cà Mau", "96", "Tỉnh Cà Mau", "60-NQ/TW II.22 + CV915"),
    ("89", "Tỉnh An Giang", "91", "Tỉnh An Giang", "60-NQ/TW II.23 + CV915"),
    ("91", "Tỉnh Kiên Giang", "91", "Tỉnh An Giang", "60-NQ/TW II.23 + CV915"),
]
UNCHANGED = {row[0] for row in MAPPING if row[-1].startswith("60-NQ/TW I.")}


@pytest.fixture(name="reg", scope="module")
def fixture_reg():
    return province_registry()


def _ids(rows):
    return [f"{src}: {old} {old_name} -> {new}" for old, old_name, new, _n, src in rows]


class TestTable:
    """Every old province is reported under its new province, and names match the sources."""

    @pytest.mark.parametrize("row", MAPPING, ids=_ids(MAPPING))
    def test_row(self, reg, row):
        old, old_name, new, new_name, _source = row
        unit = reg.unit(old, LAST_OLD)
        assert unit.name == old_name
        assert unit.level is UnitLevel.PROVINCE
        assert reg.roll_up(old, LAST_OLD) == new
        assert [u.code for u in reg.current(old, LAST_OLD)] == [new]
        assert reg.unit(new, FIRST_NEW).name == new_name
        if old in UNCHANGED:
            assert reg.unit(old, FIRST_NEW) is unit
            assert unit.valid_until is None
        else:
            assert unit.valid_until == LAST_OLD
            assert unit.succession is not None
            assert unit.succession.act == "NQ202"
            assert unit.succession.successors == (new,)

    def test_the_table_is_complete(self):
        assert len({row[0] for row in MAPPING}) == 63
        assert len({row[2] for row in MAPPING}) == 34
        assert len(UNCHANGED) == 11


class TestCounts:
    """63 units on 30/6/2025, 34 on 1/7/2025, and each merged unit's predecessors."""

    def test_counts(self, reg):
        assert len(reg.units_on(LAST_OLD, "province")) == 63
        assert len(reg.units_on(FIRST_NEW, UnitLevel.PROVINCE)) == 34
        assert {u.code for u in reg.units_on(FIRST_NEW)} == {row[2] for row in MAPPING}
        assert {u.code for u in reg.units_on(LAST_OLD)} == {row[0] for row in MAPPING}

    @pytest.mark.parametrize("new", sorted({row[2] for row in MAPPING} - UNCHANGED))
    def test_predecessors(self, reg, new):
        expected = sorted(old for old, _o, to, _n, _s in MAPPING if to == new)
        assert [u.code for u in reg.predecessors(reg.unit(new, FIRST_NEW))] == expected

    def test_seven_names_and_codes_differ(self, reg):
        # 60-NQ/TW II: the seat is in the other province for these seven (CV915 codes).
        moved = {
            "15": "10",
            "24": "27",
            "44": "45",
            "52": "64",
            "80": "72",
            "82": "87",
            "91": "89",
        }
        for code, named_after in moved.items():
            new = reg.unit(code, FIRST_NEW)
            assert new.name == reg.unit(named_after, LAST_OLD).name

    def test_every_fact_is_sourced_and_none_is_primary(self, reg):
        for unit in reg:
            assert unit.sources
            assert all(s in reg.sources for s in unit.sources)
            assert unit.certainty is Certainty.CONFIRMED_SECONDARY
            if unit.succession is not None:
                assert unit.succession.act in reg.sources
                assert unit.succession.certainty is Certainty.CONFIRMED_SECONDARY

    def test_sources(self, reg):
        assert reg.sources["NQ202"].number == "202/2025/QH15"
        assert reg.sources["NQ202"].date == dt.date(2025, 6, 12)
        assert reg.sources["CV1027"].number == "1027/CTK-CSCL"
