"""Tests of extending procedures: the extensions mapping, subclasses, hooks, procedure kinds."""

from __future__ import annotations

import json
import re
import uuid

import attrs
import pytest
from cattrs.strategies import configure_tagged_union, include_subclasses

from tthc import _validators as _v
from tthc.errors import InvalidValueError, LoadError
from tthc.io import dump_procedures, load_procedures, make_converter
from tthc.procedures import Procedure, ProcedureCase

BASE = {"code": "0.000001", "name": "Thủ tục (ví dụ)", "cases": [ProcedureCase()]}


def _parcel_kinds(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a tuple of texts")


@attrs.frozen(kw_only=True, repr=False)
class LandProcedure(Procedure):
    """A land procedure (*thủ tục đất đai*) with the land kinds it applies to (a team's subclass)."""

    parcel_kinds: tuple[str, ...] = attrs.field(
        default=(), converter=_v.str_tuple, validator=_parcel_kinds
    )


@attrs.frozen(kw_only=True, repr=False)
class RegistryProcedure(Procedure):
    """A procedure with an id in a team's registry, a type the base converter does not know."""

    registry_id: uuid.UUID


class TestExtensionsMapping:
    """Procedure.extensions keeps a team's JSON data, read-only, through load and dump."""

    def test_round_trip(self):
        """Extension data is written as plain JSON and read back equal."""
        p = Procedure(**BASE, extensions={"province.hn": {"internal_code": "HN-7", "tags": ["a"]}})
        text = dump_procedures([p])
        assert json.loads(text)[0]["extensions"] == {
            "province.hn": {"internal_code": "HN-7", "tags": ["a"]}
        }
        assert load_procedures(text) == [p]

    def test_not_an_object(self):
        """Extensions must be a JSON object."""
        record = {"code": "0.000001", "name": "x", "cases": [{}], "extensions": [1]}
        with pytest.raises(LoadError) as info:
            load_procedures([record])
        assert info.value.problems == [
            "$[0].extensions: expected an object with text keys (JSON object), got [1]"
        ]


class TestSubclass:
    """A subclass with its own fields loads and dumps with the default converter."""

    def test_round_trip(self):
        """cls= loads the subclass; dump writes each record as its own class."""
        p = LandProcedure(**BASE, parcel_kinds=["đất ở", "đất nông nghiệp"])
        text = dump_procedures([p])
        assert json.loads(text)[0]["parcel_kinds"] == ["đất ở", "đất nông nghiệp"]
        [again] = load_procedures(text, cls=LandProcedure)
        assert type(again) is LandProcedure
        assert again == p

    def test_subclass_fields_are_validated(self):
        """The subclass's validators run on load and their errors have paths."""
        record = {"code": "0.000001", "name": "x", "cases": [{}], "parcel_kinds": ["  "]}
        with pytest.raises(LoadError) as info:
            load_procedures([record], cls=LandProcedure)
        assert info.value.problems == [
            "$[0].parcel_kinds: LandProcedure.parcel_kinds: expected a tuple of texts, got ('  ',)"
        ]

    def test_base_class_refuses_subclass_keys(self):
        """Loading a subclass's file as plain procedures refuses its extra keys."""
        text = dump_procedures([LandProcedure(**BASE, parcel_kinds=["đất ở"])])
        with pytest.raises(LoadError, match=re.escape("unknown keys 'parcel_kinds'")):
            load_procedures(text)

    def test_evolve_and_lookups_work(self):
        """A subclass is a Procedure: evolve keeps its class and lookups work."""
        p = attrs.evolve(LandProcedure(**BASE), parcel_kinds=("đất ở",))
        assert isinstance(p, LandProcedure)
        assert p.case() is p.cases[0]
        assert repr(p) == "<LandProcedure 0.000001 'Thủ tục (ví dụ)' cases=1>"


class TestConverterHook:
    """A subclass with a type the converter does not know needs a hook on a derived converter."""

    @staticmethod
    def converter():
        c = make_converter()
        c.register_structure_hook(uuid.UUID, lambda value, _: uuid.UUID(value))
        c.register_unstructure_hook(uuid.UUID, str)
        return c

    def test_round_trip_with_the_hook(self):
        """With the hook the new type round trips as text."""
        c = self.converter()
        p = RegistryProcedure(**BASE, registry_id=uuid.UUID(int=7))
        text = dump_procedures([p], converter=c)
        assert json.loads(text)[0]["registry_id"] == "00000000-0000-0000-0000-000000000007"
        assert load_procedures(text, cls=RegistryProcedure, converter=c) == [p]

    def test_bad_value_is_a_load_problem(self):
        """A value the hook refuses is a problem with its path."""
        record = {"code": "0.000001", "name": "x", "cases": [{}], "registry_id": "nope"}
        with pytest.raises(LoadError) as info:
            load_procedures([record], cls=RegistryProcedure, converter=self.converter())
        [line] = info.value.problems
        assert line.startswith("$[0].registry_id:")


class TestProcedureKinds:
    """Several procedure kinds in one file: cattrs' include_subclasses with a tagged union."""

    @staticmethod
    def converter():
        c = make_converter()
        include_subclasses(
            Procedure, c, subclasses=(LandProcedure,), union_strategy=configure_tagged_union
        )
        return c

    def test_mixed_kinds_round_trip(self):
        """Each record is written with its kind ("_type") and read back as that class."""
        c = self.converter()
        items = [Procedure(**BASE), LandProcedure(**BASE, parcel_kinds=("đất ở",))]
        text = dump_procedures(items, converter=c)
        assert [r["_type"] for r in json.loads(text)] == ["Procedure", "LandProcedure"]
        again = load_procedures(text, converter=c)
        assert [type(p) for p in again] == [Procedure, LandProcedure]
        assert again == items

    def test_problems_keep_their_paths(self):
        """Validation problems of a tagged record still have their paths."""
        record = {"code": "x", "name": "x", "cases": [{}], "_type": "LandProcedure"}
        with pytest.raises(LoadError) as info:
            load_procedures([record], converter=self.converter())
        assert info.value.problems == [
            "$[0].code: LandProcedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got 'x'"
        ]
