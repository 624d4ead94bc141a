"""Tests of tthc.io.schema: the JSON Schema generated from the classes, checked against data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procedure_strategies import procedures
from schema_check import errors

from tthc.io import dump_procedures, load_procedures, procedures_schema
from tthc.io.schema import DIALECT, schema_text, shipped_schema
from tthc.procedures import Procedure

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "procedures_example.json"
SCHEMA = procedures_schema()


def example() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


class TestGeneratedSchema:
    """The schema is generated from the attrs classes and shipped with the package."""

    def test_shipped_schema_is_current(self):
        """The shipped file is what the classes give (regenerate it with schema_text())."""
        assert shipped_schema() == SCHEMA, (
            "src/tthc/io/procedures.schema.json is stale: see tthc.io.schema.schema_text"
        )
        shipped = Path(__file__).parents[2] / "src" / "tthc" / "io" / "procedures.schema.json"
        assert shipped.read_text(encoding="utf-8") == schema_text()

    def test_shape(self):
        """A draft 2020-12 array of Procedure records, every record closed to unknown keys."""
        assert SCHEMA["$schema"] == DIALECT
        assert SCHEMA["type"] == "array"
        assert SCHEMA["items"] == {"$ref": "#/$defs/Procedure"}
        for name, definition in SCHEMA["$defs"].items():
            if "properties" in definition:
                assert definition["additionalProperties"] is False, name

    def test_required_fields_are_those_without_default(self):
        """A field is required exactly when it has no default."""
        for cls_name in ("Procedure", "ChannelOption", "Component", "LegalDocument"):
            definition = SCHEMA["$defs"][cls_name]
            assert set(definition["required"]) == {
                name for name, spec in definition["properties"].items() if "default" not in spec
            }

    def test_descriptions_come_from_docstrings(self):
        """Field descriptions are the docstrings' Attributes entries, without markup."""
        code = SCHEMA["$defs"]["Procedure"]["properties"]["code"]
        assert code["description"].startswith("The procedure code (*mã TTHC*)")
        assert "``" not in json.dumps(SCHEMA)
        assert "][tthc." not in json.dumps(SCHEMA)

    def test_subclass_fields_are_included(self):
        """The schema of a subclass has its extra fields."""

        @attrs.frozen(kw_only=True, repr=False)
        class LocalProcedure(Procedure):
            """A procedure with a local reference (*mã nội bộ*)."""

            local_reference: str | None = None

        schema = procedures_schema(LocalProcedure)
        assert "local_reference" in schema["$defs"]["LocalProcedure"]["properties"]
        assert schema["items"] == {"$ref": "#/$defs/LocalProcedure"}

    def test_unknown_types_are_refused(self):
        """A field type the generator does not know raises TypeError."""

        @attrs.frozen(kw_only=True, repr=False)
        class Odd(Procedure):
            blob: bytes = b""

        with pytest.raises(TypeError, match="no JSON Schema for <class 'bytes'>"):
            procedures_schema(Odd)


class TestDataAgainstSchema:
    """Dumped data conforms to the schema; the checker catches what the schema forbids."""

    def test_example_file_conforms(self):
        """The example file conforms to the schema."""
        assert errors(SCHEMA, example()) == []

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (lambda r: r.update(code="1.1193"), "$[0].code: does not match"),
            (lambda r: r.update(colour="red"), "$[0]: unexpected key 'colour'"),
            (lambda r: r.pop("name"), "$[0]: missing 'name'"),
            (lambda r: r.update(cases=[]), "$[0].cases: fewer than 1 items"),
            (
                lambda r: r.update(authority_levels=["hamlet"]),
                "$[0].authority_levels[0]: not one of",
            ),
            (
                lambda r: r["cases"][0]["channels"][0].update(channel="1"),
                "$[0].cases[0].channels[0].channel: not one of",
            ),
            (
                lambda r: r["cases"][0]["components"][0].update(originals=-1),
                "$[0].cases[0].components[0].originals: below 0",
            ),
            (
                lambda r: r.update(valid_from="01/02/2099"),
                "$[0].valid_from: matches none of anyOf",
            ),
        ],
        ids=[
            "code",
            "unknown-key",
            "missing-name",
            "no-case",
            "level",
            "channel-text",
            "negative",
            "date",
        ],
    )
    def test_violations_are_caught(self, change, expected):
        """Each kind of violation is reported by the checker."""
        data = example()
        change(data[0])
        assert any(line.startswith(expected) for line in errors(SCHEMA, data)), errors(
            SCHEMA, data
        )

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(procedures(), max_size=2))
    def test_dumped_procedures_conform(self, procedures_):
        """Whatever dump_procedures writes conforms to the schema."""
        assert errors(SCHEMA, json.loads(dump_procedures(procedures_))) == []

    def test_with_jsonschema_when_installed(self):
        """When jsonschema is installed, it agrees that the example conforms."""
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        jsonschema.Draft202012Validator(SCHEMA).validate(example())

    def test_schema_conformance_is_not_enough_to_load(self):
        """The loader checks more than the schema: a processing time must parse."""
        data = example()
        data[1]["cases"][0]["channels"][0]["processing_time"] = "sớm"
        assert errors(SCHEMA, data) == []
        with pytest.raises(Exception, match="processing_time"):
            load_procedures(data)
