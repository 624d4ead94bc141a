"""The published JSON Schemas accept what tthc writes and refuse what it would refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tthc
from tthc.analytics.synthetic import dossiers_from_frame, synthetic_dossiers
from tthc.cli import main
from tthc.io.dossiers import dossiers_schema, dump_dossiers
from tthc.io.plans import dump_plans, load_portfolio, plans_schema, portfolio_schema
from tthc.io.schema import procedures_schema

jsonschema = pytest.importorskip("jsonschema")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def validator(schema: dict[str, object]) -> object:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(schema: dict[str, object], document: object) -> list[str]:
    return [e.message for e in validator(schema).iter_errors(document)]  # type: ignore[attr-defined]


@pytest.fixture(name="dossier_document", scope="module")
def fixture_dossier_document() -> list[dict[str, object]]:
    """Dumped synthetic dossiers: every event kind the generator makes."""
    dossiers = dossiers_from_frame(synthetic_dossiers(400, seed=7))
    document: list[dict[str, object]] = json.loads(dump_dossiers(dossiers))
    return document


class TestDossiers:
    """dossiers_schema: the format of tthc.io.dossiers.dump_dossiers."""

    def test_the_schema_is_valid_draft_2020_12(self) -> None:
        """The schema itself is a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(dossiers_schema())

    def test_dumped_dossiers_conform(self, dossier_document: list[dict[str, object]]) -> None:
        """Dossiers written by dump_dossiers conform, events included."""
        kinds = {e["kind"] for d in dossier_document for e in d["events"]}  # type: ignore[attr-defined]
        assert {"processing_started", "resolved", "supplement_requested"} <= kinds
        assert errors(dossiers_schema(), dossier_document) == []

    def test_unknown_event_kind_is_refused(
        self, dossier_document: list[dict[str, object]]
    ) -> None:
        """An event whose kind is not one of the library's is refused."""
        bad = json.loads(json.dumps(dossier_document[:1]))
        bad[0]["events"][0]["kind"] = "teleported"
        assert errors(dossiers_schema(), bad)

    def test_unknown_key_is_refused(self, dossier_document: list[dict[str, object]]) -> None:
        """A key the format does not have is refused, as load_dossiers refuses it."""
        bad = json.loads(json.dumps(dossier_document[:1]))
        bad[0]["colour"] = "blue"
        assert errors(dossiers_schema(), bad)


class TestPlans:
    """plans_schema and portfolio_schema: the formats of tthc.io.plans."""

    def test_the_worked_example_review_conforms(self) -> None:
        """The shipped worked-example review conforms to the portfolio schema."""
        document = json.loads((FIXTURES / "plans" / "worked_example.json").read_text("utf-8"))
        assert errors(portfolio_schema(), document) == []

    def test_dumped_plans_conform(self) -> None:
        """Plans written by dump_plans conform to the plans schema."""
        portfolio = load_portfolio(FIXTURES / "plans" / "worked_example.json")
        document = json.loads(dump_plans(portfolio.plans))
        assert errors(plans_schema(), document) == []

    def test_unknown_change_is_refused(self) -> None:
        """A change whose tag is not a known kind is refused."""
        document = json.loads((FIXTURES / "plans" / "worked_example.json").read_text("utf-8"))
        change = next(
            c for p in document["plans"] for m in p.get("measures", []) for c in m["changes"]
        )
        change["change"] = "magic"
        assert errors(portfolio_schema(), document)


class TestCli:
    """tthc schema prints the schemas."""

    @pytest.mark.parametrize(
        ("name", "make"),
        [
            ("procedures", procedures_schema),
            ("dossiers", dossiers_schema),
            ("plans", plans_schema),
            ("portfolio", portfolio_schema),
        ],
    )
    def test_prints_each_format(
        self, capsys: pytest.CaptureFixture[str], name: str, make: object
    ) -> None:
        """tthc schema FORMAT prints exactly the generated schema."""
        assert main(["schema", name]) == 0
        assert json.loads(capsys.readouterr().out) == make()  # type: ignore[operator]

    def test_writes_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o writes the schema to a file."""
        target = tmp_path / "d.schema.json"
        assert main(["schema", "dossiers", "-o", str(target)]) == 0
        assert json.loads(target.read_text("utf-8")) == dossiers_schema()
        assert str(target) in capsys.readouterr().out

    def test_the_version_is_exported(self) -> None:
        """The package exposes a version (used in reports)."""
        assert tthc.__version__
