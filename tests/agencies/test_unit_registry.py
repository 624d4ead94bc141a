"""Administrative units, the registry's checks, and "as of" lookups.

Units built here are EXAMPLES (codes 97-99, names "EXAMPLE"), not real data; the real
provinces are tested in test_provinces.py.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re

import pytest

from tthc.agencies import (
    AdministrativeUnit,
    Source,
    Succession,
    UnitLevel,
    UnitRegistry,
    load_units,
    province_registry,
    same_code,
)
from tthc.calendar import Certainty
from tthc.errors import (
    InvalidValueError,
    LoadError,
    SuccessionError,
    UnitError,
    UnitValidityError,
    UnknownCodeError,
)

S = Certainty.UNCERTAIN
END = dt.date(2025, 6, 30)
START = dt.date(2025, 7, 1)


def unit(code, *, level=UnitLevel.PROVINCE, frm=None, until=None, to=None, parent=None, name=None):
    succession = None
    if until is not None:
        succession = Succession(
            successors=to or (), act="EXAMPLE act", sources=("EX",), certainty=S
        )
    return AdministrativeUnit(
        code=code,
        level=level,
        name=name or f"EXAMPLE {code}",
        valid_from=frm,
        valid_until=until,
        parent=parent,
        sources=("EX",),
        certainty=S,
        succession=succession,
    )


@pytest.fixture(name="split_registry")
def fixture_split_registry():
    # 97 splits into 98 and 97 (the part keeping the code); 99 merges into 98.
    return UnitRegistry(
        [
            unit("97", until=END, to=("98", "97")),
            unit("99", until=END, to=("98",)),
            unit("98", frm=START),
            unit("97", frm=START),
        ]
    )


class TestAdministrativeUnit:
    """A unit validates its code's form by level, its dates and its succession."""

    @pytest.mark.parametrize(
        ("level", "code"),
        [
            (UnitLevel.PROVINCE, "1"),
            (UnitLevel.DISTRICT, "01"),
            (UnitLevel.COMMUNE, "0001"),
            (UnitLevel.PROVINCE, 1),
        ],
        ids=["province-text", "district", "commune", "province-int"],
    )
    def test_code_form(self, level, code):
        parent = None if level is UnitLevel.PROVINCE else "01"
        with pytest.raises(InvalidValueError, match=re.escape(repr(code))) as info:
            unit(code, level=level, parent=parent)
        assert info.value.field == "AdministrativeUnit.code"

    def test_no_central_unit(self):
        with pytest.raises(InvalidValueError, match="central level has no unit"):
            unit("01", level=UnitLevel.CENTRAL)

    def test_parents(self):
        with pytest.raises(InvalidValueError, match="a province has no parent"):
            unit("97", parent="01")
        with pytest.raises(InvalidValueError, match="containing district or province"):
            unit("99991", level=UnitLevel.COMMUNE)
        with pytest.raises(InvalidValueError, match=r"AdministrativeUnit\.parent"):
            unit("99991", level=UnitLevel.COMMUNE, parent=" ")

    def test_dates_and_succession(self):
        with pytest.raises(InvalidValueError, match="on or after valid_from") as info:
            unit("97", frm=START, until=END)
        assert info.value.field == "AdministrativeUnit.valid_until"
        with pytest.raises(InvalidValueError, match="how the unit ended on 2025-06-30"):
            AdministrativeUnit(
                code="97",
                level=UnitLevel.PROVINCE,
                name="EXAMPLE",
                valid_until=END,
                sources=("EX",),
                certainty=S,
            )
        with pytest.raises(InvalidValueError, match="still exists"):
            AdministrativeUnit(
                code="97",
                level=UnitLevel.PROVINCE,
                name="EXAMPLE",
                sources=("EX",),
                certainty=S,
                succession=Succession(successors=(), act="EX", sources=("EX",), certainty=S),
            )
        with pytest.raises(InvalidValueError, match=r"a datetime\.date or None"):
            unit("97", frm=dt.datetime(2025, 7, 1))

    def test_certainty_and_sources(self):
        with pytest.raises(InvalidValueError, match=r"Certainty\.CONFIRMED"):
            AdministrativeUnit(
                code="97",
                level=UnitLevel.PROVINCE,
                name="EXAMPLE",
                sources=("EX",),
                certainty=Certainty.PREDICTED,
            )
        with pytest.raises(InvalidValueError, match="source ids"):
            AdministrativeUnit(
                code="97", level=UnitLevel.PROVINCE, name="EXAMPLE", sources=(), certainty=S
            )

    def test_source_number(self):
        with pytest.raises(InvalidValueError, match="a document number") as info:
            Source(id="EX", title="EXAMPLE", number=202)  # type: ignore[arg-type]
        assert info.value.field == "Source.number"

    def test_succession_codes(self):
        with pytest.raises(InvalidValueError, match="distinct non-blank codes"):
            Succession(successors=("98", "98"), act="EX", sources=("EX",), certainty=S)

    def test_text(self):
        assert (
            str(unit("97", until=END, to=("98",))) == "97 EXAMPLE 97 (province, until 2025-06-30)"
        )
        assert unit("97", frm=START).span == "from 2025-07-01"
        assert unit("97").span == "in force throughout the data"
        assert (
            unit("97", frm=dt.date(2020, 1, 1), until=END, to=("98",)).span
            == "2020-01-01 to 2025-06-30"
        )


class TestRegistryChecks:
    """Every inconsistency is reported at once, each naming its unit."""

    def test_all_problems_at_once(self):
        units = [
            unit("97", until=END, to=("98", "96")),  # 98 starts late, 96 is missing
            unit("98", frm=dt.date(2025, 7, 2)),
            unit("99", frm=dt.date(2020, 1, 1)),
            unit("99", frm=dt.date(2024, 1, 1)),  # overlaps the first 99
            unit("99991", level=UnitLevel.COMMUNE, parent="95"),  # unknown parent
            unit("99992", level=UnitLevel.COMMUNE, parent="97"),  # 97 ends, the commune does not
            unit("999", level=UnitLevel.DISTRICT, parent="99992", frm=dt.date(2025, 7, 3)),
        ]
        with pytest.raises(LoadError) as info:
            UnitRegistry(units, name="EXAMPLE units")
        problems = info.value.problems
        assert info.value.source == "EXAMPLE units"
        assert problems == [
            "99 EXAMPLE 99 (province, from 2020-01-01): overlaps 99 EXAMPLE 99 (province, from 2024-01-01); two units cannot have the same code on the same day",
            "97 EXAMPLE 97 (province, until 2025-06-30): its successor 98 has no unit starting on 2025-07-01, the day after it ended (98 EXAMPLE 98 (province, from 2025-07-02))",
            "97 EXAMPLE 97 (province, until 2025-06-30): its successor 96 has no unit starting on 2025-07-01, the day after it ended (the code is not in the data)",
            "99991 EXAMPLE 99991 (commune, in force throughout the data): its parent 95 is not in the data",
            "99992 EXAMPLE 99992 (commune, in force throughout the data): its parent 97 does not exist during its whole validity (97 EXAMPLE 97 (province, until 2025-06-30))",
            "999 EXAMPLE 999 (district, from 2025-07-03): its parent 99992 EXAMPLE 99992 (commune, in force throughout the data) is not at a higher level than district",
        ]

    def test_levels_of_a_code_and_of_successors(self):
        units = [
            unit("97", until=END, to=("99991",)),
            unit("99991", level=UnitLevel.COMMUNE, parent="98", frm=START),
            unit("98"),
        ]
        with pytest.raises(LoadError, match="is at another level"):
            UnitRegistry(units)

    def test_not_units(self):
        with pytest.raises(LoadError) as info:
            UnitRegistry(
                ["97"],
                sources=["EX", Source(id="EX", title="EXAMPLE"), Source(id="EX", title="EXAMPLE")],
            )  # type: ignore[list-item]
        assert info.value.problems == [
            "sources: expected Source objects, got 'EX'",
            "sources: the id 'EX' is given twice",
            "expected AdministrativeUnit objects, got '97'",
        ]

    def test_a_back_link_in_time_is_refused(self):
        # 97 -> 98 -> 97 would be a cycle; dates make it impossible: 98 must start after 97 ends.
        units = [
            unit("97", frm=dt.date(2025, 1, 1), until=END, to=("98",)),
            unit("98", frm=START, until=dt.date(2025, 12, 31), to=("97",)),
        ]
        with pytest.raises(LoadError, match="its successor 97 has no unit starting on 2026-01-01"):
            UnitRegistry(units)


class TestLookups:
    """The unit a code meant on a day; its successors today; one code at a level."""

    def test_unknown_code(self):
        reg = province_registry()
        with pytest.raises(
            UnknownCodeError, match="no administrative unit has the code '00'"
        ) as info:
            reg.unit("00", START)
        assert info.value.code == "00"
        with pytest.raises(UnknownCodeError):
            reg.versions(1)  # type: ignore[arg-type]
        assert "01" in reg
        assert "00" not in reg

    def test_out_of_validity_names_unit_and_dates(self):
        reg = province_registry()
        with pytest.raises(UnitValidityError) as info:
            reg.unit("27", dt.date(2025, 7, 1))
        err = info.value
        assert (err.code, err.day) == ("27", dt.date(2025, 7, 1))
        assert err.spans == (("Tỉnh Bắc Ninh", None, END),)
        assert "27 did not name a unit on 2025-07-01" in str(err)
        assert "Tỉnh Bắc Ninh from the start of the data to 2025-06-30" in str(err)
        assert isinstance(err, LookupError)

    def test_a_reused_code_has_two_units(self):
        reg = province_registry()
        assert [(u.name, u.valid_until) for u in reg.versions("08")] == [
            ("Tỉnh Tuyên Quang", END),
            ("Tỉnh Tuyên Quang", None),
        ]
        assert reg.unit("08", END) is not reg.unit("08", START)

    def test_day_must_be_a_date(self):
        with pytest.raises(InvalidValueError, match="not a datetime"):
            province_registry().unit("01", dt.datetime(2025, 7, 1, tzinfo=dt.UTC))

    def test_as_of(self):
        reg = province_registry()
        assert reg.roll_up("02", dt.date(2024, 1, 1), as_of=END) == "02"
        assert reg.roll_up("02", dt.date(2024, 1, 1), as_of=START) == "08"
        assert [u.code for u in reg.current("02", dt.date(2024, 1, 1), as_of=END)] == ["02"]
        with pytest.raises(InvalidValueError, match="a day on or after 2025-06-30") as info:
            reg.roll_up("02", END, as_of=dt.date(2025, 1, 1))
        assert info.value.field == "UnitRegistry.roll_up(as_of)"

    def test_levels(self):
        reg = province_registry()
        with pytest.raises(InvalidValueError, match="or a higher local level"):
            reg.roll_up("02", END, level="commune")
        with pytest.raises(InvalidValueError, match="or a higher local level"):
            reg.roll_up("02", END, level=UnitLevel.CENTRAL)
        with pytest.raises(InvalidValueError, match="one of 'central'"):
            reg.roll_up("02", END, level="county")

    def test_units_on(self):
        reg = province_registry()
        assert reg.units_on(END, "district") == ()
        assert len(reg.units_on(END)) == 63

    def test_parent_and_successors_of_a_province(self):
        reg = province_registry()
        assert reg.parent(reg.unit("01", END)) is None
        assert reg.successors(reg.unit("01", END)) == ()
        assert reg.predecessors(reg.unit("01", END)) == ()
        assert repr(reg) == "<UnitRegistry tthc/agencies/data/provinces.json units=86>"
        assert len(reg) == 86


class TestSplits:
    """A split is one-to-many: refused unless the caller gives an apportioning rule."""

    def test_refused(self, split_registry):
        with pytest.raises(SuccessionError) as info:
            split_registry.roll_up("97", END)
        err = info.value
        assert (err.code, err.name, err.ended_on, err.successors) == (
            "97",
            "EXAMPLE 97",
            END,
            ("98", "97"),
        )
        assert str(err) == (
            "97 (EXAMPLE 97) was split after 2025-06-30 into 98, 97; tthc does not guess which "
            "one a record belongs to: pass apportion= (a mapping from old to new code, or a rule)"
        )

    def test_current_lists_every_successor(self, split_registry):
        assert [u.code for u in split_registry.current("97", END)] == ["97", "98"]

    def test_rules(self, split_registry):
        assert split_registry.roll_up("97", END, apportion={"97": "98"}) == "98"
        assert split_registry.roll_up("97", END, apportion=same_code) == "97"
        assert split_registry.roll_up("97", END, apportion=lambda _u, s: s[0].code) == "98"
        with pytest.raises(SuccessionError):
            split_registry.roll_up("97", END, apportion={})
        with pytest.raises(SuccessionError):
            split_registry.roll_up("97", END, apportion=lambda _u, _s: None)
        with pytest.raises(InvalidValueError, match="one of the successors of 97"):
            split_registry.roll_up("97", END, apportion={"97": "99"})
        with pytest.raises(InvalidValueError, match="a mapping from old to new code"):
            split_registry.roll_up("97", END, apportion=42)  # type: ignore[arg-type]

    def test_merge_needs_no_rule(self, split_registry):
        assert split_registry.roll_up("99", END) == "98"
        assert split_registry.predecessors(split_registry.unit("98", START)) == (
            split_registry.unit("97", END),
            split_registry.unit("99", END),
        )


class TestErrorsPickle:
    """Unit errors keep their attributes across pickling."""

    @pytest.mark.parametrize(
        "err",
        [
            UnknownCodeError("00"),
            UnknownCodeError("X", "agency", "add it"),
            UnitValidityError("27", START, [("Tỉnh Bắc Ninh", None, END)]),
            SuccessionError("97", "EXAMPLE", END, ["98", "97"]),
            SuccessionError("024", "EXAMPLE", END),
        ],
        ids=repr,
    )
    def test_round_trip(self, err):
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own data
        assert type(back) is type(err)
        assert str(back) == str(err)
        assert back.__dict__ == err.__dict__
        assert isinstance(back, UnitError)


class TestUnitsFormat:
    """The tthc.units/1 JSON format: every problem listed with its path."""

    def test_problems(self):
        doc = {
            "format": "tthc.units/0",
            "extra": 1,
            "notes": [1],
            "sources": [
                {"id": "EX", "title": "EXAMPLE", "date": "2025-13-01", "number": 5},
                {"id": "EX", "title": "EXAMPLE"},
                {"id": "", "title": "EXAMPLE"},
                "EX",
                {"id": "EX2", "title": "EXAMPLE", "bad": 1},
                {"id": "EX2", "title": "EXAMPLE"},
            ],
            "units": [
                "x",
                {
                    "code": "97",
                    "level": "county",
                    "name": "EXAMPLE",
                    "sources": ["EX", "NOPE"],
                    "certainty": "sure",
                    "zzz": 1,
                },
                {
                    "code": "97",
                    "level": "province",
                    "name": "EXAMPLE",
                    "valid_until": "2025-06-30",
                    "sources": ["EX"],
                    "certainty": "uncertain",
                    "succession": {
                        "to": "98",
                        "act": "NOPE",
                        "sources": [],
                        "certainty": "uncertain",
                        "q": 1,
                    },
                },
                {
                    "code": "9",
                    "level": "province",
                    "name": "EXAMPLE",
                    "sources": ["EX"],
                    "certainty": "uncertain",
                },
                {
                    "code": "96",
                    "level": "province",
                    "name": "EXAMPLE",
                    "valid_from": 2025,
                    "sources": ["EX"],
                    "certainty": "uncertain",
                    "succession": "x",
                },
                {
                    "code": "95",
                    "level": "province",
                    "name": "EXAMPLE",
                    "valid_until": "2025-06-30",
                    "sources": ["EX"],
                    "certainty": "uncertain",
                    "succession": {
                        "to": ["94"],
                        "act": "EX",
                        "sources": ["EX"],
                        "certainty": "uncertain",
                        "note": 5,
                    },
                },
            ],
        }
        with pytest.raises(LoadError) as info:
            load_units(doc)
        assert info.value.problems == [
            "$.extra: unknown key",
            "$.format: expected 'tthc.units/1', got 'tthc.units/0'",
            "$.notes: expected a list of texts",
            "$.sources[0].date: expected an ISO date (YYYY-MM-DD) or null, got '2025-13-01'",
            "$.sources[0].number: expected a text or null, got 5",
            "$.sources[2]: Source.id: expected a non-blank text, got ''",
            "$.sources[3]: expected an object with id and title",
            "$.sources[4].bad: unknown key",
            "$.sources[5].id: 'EX2' is used twice",
            "$.units[0]: expected an object with code, level, name, ...",
            "$.units[1].zzz: unknown key",
            "$.units[1].level: one of 'central', 'province', 'district', 'commune', got 'county'",
            "$.units[1].sources: 'NOPE' not in $.sources",
            "$.units[1].certainty: expected one of ['confirmed', 'confirmed_secondary', 'uncertain'], got 'sure'",
            "$.units[2].succession.q: unknown key",
            "$.units[2].succession.to: expected a list of successor codes, got '98'",
            "$.units[2].succession.act: expected the id of the legal act in $.sources, got 'NOPE'",
            "$.units[2].succession.sources: expected a non-empty list of source ids, got []",
            "$.units[3]: AdministrativeUnit.code: expected a province code of the form '[0-9]{2}', got '9'",
            "$.units[4].valid_from: expected an ISO date (YYYY-MM-DD) or null, got 2025",
            "$.units[4].succession: expected an object with to, act, sources and certainty",
            "$.units[5].succession: Succession.note: expected a text, got 5",
        ]

    def test_not_an_object(self, tmp_path):
        path = tmp_path / "list.json"
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(LoadError, match=r"\$: expected a JSON object, got list"):
            load_units(path)
        path = tmp_path / "units.json"
        path.write_text('{"format": "tthc.units/1", "sources": {}, "units": {}}', encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_units(path)
        assert info.value.problems == [
            "$.sources: expected a list of sources (id, title, ...)",
            "$.units: expected a list of units",
        ]
        with pytest.raises(InvalidValueError, match="a path or a mapping"):
            load_units(42)  # type: ignore[arg-type]

    def test_a_file_round_trip(self, tmp_path):
        path = tmp_path / "units.json"
        path.write_text(
            '{"format": "tthc.units/1", "sources": [{"id": "EX", "title": "EXAMPLE", "date": "2025-01-01"}],'
            ' "units": [{"code": "97", "level": "province", "name": "Tỉnh EXAMPLE", "parent": null,'
            ' "sources": ["EX"], "certainty": "uncertain", "note": "EXAMPLE"}]}',
            encoding="utf-8",
        )
        reg = load_units(path)
        assert reg.name == str(path)
        assert reg.unit("97", START).note == "EXAMPLE"
        assert reg.sources["EX"].date == dt.date(2025, 1, 1)


class TestMoreChecks:
    """The remaining refusals: a bad succession, a level the unit does not have."""

    def test_succession_must_be_a_succession(self):
        with pytest.raises(InvalidValueError, match="a Succession or None"):
            AdministrativeUnit(
                code="97",
                level=UnitLevel.PROVINCE,
                name="EXAMPLE",
                valid_until=END,
                sources=("EX",),
                certainty=S,
                succession="98",  # type: ignore[arg-type]
            )

    def test_no_unit_at_the_level_asked(self):
        # A commune of 2025 belongs to a province directly: it has no district.
        reg = UnitRegistry(
            [unit("98"), unit("99991", level=UnitLevel.COMMUNE, parent="98", frm=START)]
        )
        with pytest.raises(InvalidValueError, match="a level that 99991 EXAMPLE 99991"):
            reg.roll_up("99991", START, level="district")
        assert reg.roll_up("99991", START, level="province") == "98"


def test_load_units_on_a_base():
    """A file of communes builds on the shipped provinces: its parents are found there."""
    doc = {
        "format": "tthc.units/1",
        "sources": [{"id": "EXAMPLE", "title": "EXAMPLE, not real data"}],
        "units": [
            {
                "code": "99991",
                "level": "commune",
                "name": "Xã EXAMPLE",
                "valid_from": "2025-07-01",
                "parent": "08",
                "sources": ["EXAMPLE"],
                "certainty": "uncertain",
            },
        ],
    }
    with pytest.raises(LoadError, match="its parent 08 is not in the data"):
        load_units(doc)
    reg = load_units(doc, base=province_registry())
    assert reg.roll_up("99991", START, level="province") == "08"
    assert len(reg) == 87
    assert "NQ202" in reg.sources
    assert "EXAMPLE" in reg.sources
    with pytest.raises(InvalidValueError, match="a UnitRegistry"):
        load_units(doc, base="provinces")  # type: ignore[arg-type]
