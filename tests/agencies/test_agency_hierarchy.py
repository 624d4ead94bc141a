"""Agencies in a hierarchy, levels of government and the national codes.

Agencies here are EXAMPLES (codes like "EX.27"); only their unit codes are real (the shipped
provinces).
"""

from __future__ import annotations

import datetime as dt

import pytest

import tthc
from tthc.agencies import (
    NATIONAL_LEVEL_CODES,
    NATIONAL_LEVEL_CODES_CERTAINTY,
    AgencyDirectory,
    AgencyEntry,
    AgencyKind,
    EgovCode,
    UnitLevel,
    province_registry,
)
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError, UnitValidityError, UnknownCodeError

END = dt.date(2025, 6, 30)
NO_UNIT = (
    "no unit: neither it nor an agency above it names the administrative unit it serves "
    "(only ministries and their parts are central)"
)
START = dt.date(2025, 7, 1)


def entry(code, kind, **kwargs):
    return AgencyEntry(code=code, name=f"EXAMPLE {code}", kind=kind, **kwargs)


@pytest.fixture(name="directory")
def fixture_directory():
    return AgencyDirectory(
        [
            entry("BTP", AgencyKind.MINISTRY),
            entry("BTP.CUC", AgencyKind.DEPARTMENT, parent="BTP"),
            entry("UB.27", AgencyKind.PEOPLES_COMMITTEE, unit="27"),
            entry("STP.27", AgencyKind.DEPARTMENT, parent="UB.27", line_ministry="BTP"),
            entry("TT.27", AgencyKind.SERVICE_CENTRE, parent="UB.27"),
            entry("MC.27", AgencyKind.ONE_STOP_DESK, parent="TT.27"),
            entry("UB.24", AgencyKind.PEOPLES_COMMITTEE, unit="24"),
        ]
    )


class TestDirectory:
    """A department rolls up to its agency, its province (then and today) and its ministry."""

    def test_roll_ups(self, directory):
        assert [e.code for e in directory.ancestors("MC.27")] == ["TT.27", "UB.27"]
        assert directory.agency_of("MC.27").code == "UB.27"
        assert directory.agency_of("UB.27").code == "UB.27"
        assert directory.agency_of("BTP.CUC").code == "BTP"
        assert directory.ministry_of("STP.27").code == "BTP"
        assert directory.ministry_of("BTP.CUC").code == "BTP"
        assert directory.ministry_of("MC.27") is None
        assert directory.unit_of("MC.27") == "27"
        assert directory.unit_of("BTP.CUC") is None

    def test_province_then_and_today(self, directory):
        reg = province_registry()
        # Bắc Ninh (27) and Bắc Giang (24) formed Bắc Ninh with code 24 (NQ 202/2025/QH15).
        assert directory.roll_up("MC.27", END, registry=reg) == "24"
        assert directory.roll_up("MC.27", END, registry=reg, as_of=END) == "27"
        assert directory.roll_up("UB.24", START, registry=reg) == "24"
        assert directory.level_of("MC.27", reg, END) is UnitLevel.PROVINCE
        assert directory.level_of("BTP.CUC", reg, END) is UnitLevel.CENTRAL
        with pytest.raises(UnitValidityError):
            directory.roll_up("MC.27", START, registry=reg)
        with pytest.raises(InvalidValueError, match="central") as info:
            directory.roll_up("BTP.CUC", END, registry=reg)
        assert info.value.field == "AgencyDirectory.roll_up(code)"

    def test_lookup(self, directory):
        assert "UB.27" in directory
        assert len(directory) == 7
        assert directory["UB.27"].unit == "27"
        assert set(directory.entries) == {e.code for e in directory}
        assert repr(directory) == "<AgencyDirectory <agencies> agencies=7>"
        with pytest.raises(UnknownCodeError, match="no agency has the code 'NOPE'"):
            directory["NOPE"]
        with pytest.raises(UnknownCodeError):
            directory.ancestors("NOPE")

    def test_all_problems_at_once(self):
        with pytest.raises(LoadError) as info:
            AgencyDirectory(
                [
                    entry("A", AgencyKind.DEPARTMENT, parent="B"),
                    entry("B", AgencyKind.DEPARTMENT, parent="A"),
                    entry("C", AgencyKind.DEPARTMENT, parent="Z", line_ministry="Y"),
                    entry("D", AgencyKind.ONE_STOP_DESK, line_ministry="E"),
                    entry("E", AgencyKind.SERVICE_CENTRE, unit="01"),
                    entry("E", AgencyKind.SERVICE_CENTRE, unit="01"),
                    "F",
                ],
                name="EXAMPLE agencies",
            )
        assert info.value.problems == [
            "E: given twice ('EXAMPLE E')",
            "expected AgencyEntry objects, got 'F'",
            "A (EXAMPLE A): its parents form a cycle (A -> B -> A)",
            "B (EXAMPLE B): its parents form a cycle (B -> A -> B)",
            "C (EXAMPLE C): its parent Z is not in the directory",
            "C (EXAMPLE C): its line ministry Y is not in the directory",
            f"C (EXAMPLE C): {NO_UNIT}",
            "D (EXAMPLE D): its line ministry E is a service_centre, not a ministry",
            f"D (EXAMPLE D): {NO_UNIT}",
        ]

    def test_entry_checks(self):
        with pytest.raises(InvalidValueError, match="a ministry is central") as info:
            entry("M", AgencyKind.MINISTRY, unit="01")
        assert info.value.field == "AgencyEntry.unit"
        with pytest.raises(InvalidValueError, match="the unit the people's committee governs"):
            entry("U", AgencyKind.PEOPLES_COMMITTEE)
        with pytest.raises(InvalidValueError, match="another agency's code"):
            entry("U", AgencyKind.DEPARTMENT, parent="U")
        with pytest.raises(InvalidValueError, match="without spaces"):
            entry("U 1", AgencyKind.DEPARTMENT)
        with pytest.raises(InvalidValueError, match="a text"):
            AgencyEntry(code="U", name="EXAMPLE", kind=AgencyKind.DEPARTMENT, note=5)

    def test_procedure_agencies_fit(self):
        """A procedure record's Agency (name and code) is held by its code."""
        agency = tthc.Agency(name="EXAMPLE Sở Tư pháp", code="000.00.10.H99")
        e = AgencyEntry.from_agency(
            agency, kind=AgencyKind.DEPARTMENT, parent="UB", line_ministry="BTP"
        )
        d = AgencyDirectory(
            [
                e,
                entry("UB", AgencyKind.PEOPLES_COMMITTEE, unit="04"),
                entry("BTP", AgencyKind.MINISTRY),
            ]
        )
        assert d[agency.code].name == agency.name
        assert d.unit_of(agency.code) == "04"
        with pytest.raises(InvalidValueError, match="an agency with a code"):
            AgencyEntry.from_agency(tthc.Agency(name="EXAMPLE"), kind=AgencyKind.DEPARTMENT)

    def test_kinds(self):
        assert AgencyKind.MINISTRY.is_agency
        assert not AgencyKind.ONE_STOP_DESK.is_agency
        assert AgencyKind.ONE_STOP_DESK.label == "Bộ phận Một cửa"


class TestLevels:
    """Levels of government; the district level ended on 30/6/2025."""

    def test_ranks_and_labels(self):
        assert [level.rank for level in UnitLevel] == [0, 1, 2, 3]
        assert UnitLevel.DISTRICT.label == "Cấp Huyện"
        assert UnitLevel.DISTRICT.exists_on(END)
        assert not UnitLevel.DISTRICT.exists_on(START)
        assert UnitLevel.COMMUNE.exists_on(START)
        assert UnitLevel.COMMUNE.ended_on is None
        assert not UnitLevel.COMMUNE.contains(UnitLevel.PROVINCE)

    def test_same_values_as_authority_level(self):
        for level in tthc.AuthorityLevel:
            assert UnitLevel(level.value).label == level.label

    def test_parse(self):
        assert UnitLevel.parse(UnitLevel.PROVINCE) is UnitLevel.PROVINCE
        with pytest.raises(InvalidValueError, match="'province'"):
            UnitLevel.parse("Province")

    def test_national_codes_are_uncertain(self):
        assert NATIONAL_LEVEL_CODES_CERTAINTY is Certainty.UNCERTAIN
        assert [NATIONAL_LEVEL_CODES[c] for c in "0123"] == list(UnitLevel)
        assert UnitLevel.from_national_code(2) is UnitLevel.DISTRICT
        assert UnitLevel.from_national_code(" 3 ") is UnitLevel.COMMUNE
        for bad in ("4", "", True, "01"):
            with pytest.raises(InvalidValueError, match="national authority-level code"):
                UnitLevel.from_national_code(bad)


class TestEgovCode:
    """QCVN 102:2016 identifiers, read right to left."""

    @pytest.mark.parametrize(
        ("text", "depth", "parent"),
        [
            ("000.00.00.H49", 1, None),  # Quảng Ninh's provincial people's committee (QĐ 3739)
            ("000.00.10.H26", 2, "000.00.00.H26"),
            ("000.A0.01.H26", 3, "000.00.01.H26"),
            ("001.02.03.G14", 4, "000.02.03.G14"),
        ],
    )
    def test_parse(self, text, depth, parent):
        code = EgovCode.parse(text)
        assert (code.depth, code.parent_code, str(code)) == (depth, parent, text)

    @pytest.mark.parametrize("text", ["H55.242", "000.00.10.h26", "00.00.10.H26", 26])
    def test_refused(self, text):
        with pytest.raises(InvalidValueError, match="QCVN 102"):
            EgovCode.parse(text)


def test_agency_of_without_an_agency_above():
    """A desk with no people's committee or ministry above it belongs to the top of its chain."""
    d = AgencyDirectory(
        [
            entry("TT", AgencyKind.SERVICE_CENTRE, unit="01"),
            entry("MC", AgencyKind.ONE_STOP_DESK, parent="TT"),
        ]
    )
    assert d.agency_of("MC").code == "TT"
