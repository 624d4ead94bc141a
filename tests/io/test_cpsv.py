"""Tests of tthc.io.cpsv: procedures as CPSV-AP 3.2.0 JSON-LD and Turtle, and back."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import sys
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procedure_strategies import procedures

from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError
from tthc.io import load_procedures
from tthc.io.cpsv import (
    CPSV_AP_VERSION,
    DEFAULT_BASE_IRI,
    NOT_EXPORTED,
    TTHC_VOCAB,
    VIETNAM,
    VND,
    cpsv_context,
    from_cpsv_jsonld,
    shapes_text,
    to_cpsv_jsonld,
    to_cpsv_turtle,
)
from tthc.procedures import (
    Agency,
    Attachment,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
)

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "procedures_example.json"
MAPPING_DOC = ROOT / "docs" / "explanation" / "cpsv-ap-mapping.md"

# The namespaces of the vocabularies, as the CPSV-AP 3.2.0 specification lists them
# (research notes vn_legal.md §7.1); written here, not taken from tthc.
CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def example() -> list[Procedure]:
    return load_procedures(EXAMPLE)


def nodes(doc: dict[str, Any], rdf_type: str) -> list[dict[str, Any]]:
    return [n for n in doc["@graph"] if n["@type"] == rdf_type]


def node(doc: dict[str, Any], iri: str) -> dict[str, Any]:
    [found] = [n for n in doc["@graph"] if n["@id"] == iri]
    return found


def small(**kw: Any) -> Procedure:
    """A procedure with one agency, one online channel in 5 working days, and ``kw``."""
    fields: dict[str, Any] = {
        "code": "0.000001",
        "name": "Thủ tục (ví dụ)",
        "implementing_agencies": [Agency(name="Ủy ban nhân dân xã (ví dụ)")],
        "cases": [
            ProcedureCase(
                channels=[
                    ChannelOption(channel=Channel.ONLINE, processing_time=Duration.working_days(5))
                ]
            )
        ],
    }
    fields.update(kw)
    return Procedure(**fields)


def one_channel(time: Duration | None, **kw: Any) -> dict[str, Any]:
    """The cv:Channel node of a procedure whose only channel has ``time``."""
    option = ChannelOption(channel=Channel.POSTAL, processing_time=time, **kw)
    doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=[option])])])
    [channel] = nodes(doc, "cv:Channel")
    return channel


# --- what the export keeps: the procedure with every NOT_EXPORTED field at its default -------------


def _default(cls: type, name: str) -> Any:
    default = attrs.fields_dict(cls)[name].default
    factory = getattr(default, "factory", None)
    return factory() if factory is not None else default


def _reset(obj: Any, names: set[str]) -> Any:
    """``obj`` with the fields ``names`` at their defaults."""
    return attrs.evolve(obj, **{name: _default(type(obj), name) for name in names})


_LOST: dict[str, set[str]] = {}
for _name in NOT_EXPORTED:
    _cls, _, _field = _name.partition(".")
    _LOST.setdefault(_cls, set()).add(_field)


def exported_part(p: Procedure, codes: set[str]) -> Procedure:
    """What ``from_cpsv_jsonld(to_cpsv_jsonld(...))`` gives back for ``p``.

    The fields of ``NOT_EXPORTED`` take their defaults; related procedures outside the export
    are dropped; a description equal to the name reads back as None.
    """
    cases = [
        _reset(
            attrs.evolve(
                case,
                channels=[
                    attrs.evolve(o, fees=[_reset(f, _LOST["Fee"]) for f in o.fees])
                    for o in case.channels
                ],
            ),
            _LOST["ProcedureCase"],
        )
        for case in p.cases
    ]
    kept = attrs.evolve(
        p,
        cases=cases,
        subjects=[_reset(s, _LOST["Subject"]) for s in p.subjects],
        related_procedures=[r for r in p.related_procedures if r in codes],
        description=None if p.description == p.name else p.description,
    )
    return _reset(kept, _LOST["Procedure"])


def test_exported_part_knows_every_class_of_not_exported():
    """The round-trip oracle resets exactly the classes NOT_EXPORTED names."""
    assert set(_LOST) == {"Procedure", "ProcedureCase", "Subject", "Fee"}


# --- JSON-LD -------------------------------------------------------------------------------------


class TestDocument:
    """A JSON-LD document with an inline context of prefixes and a flat @graph."""

    def test_context_is_inline_and_names_the_cpsv_ap_namespaces(self):
        """The context is the shipped prefixes; the namespaces are those of the specification."""
        doc = to_cpsv_jsonld(example())
        assert doc["@context"] == cpsv_context()["@context"]
        assert doc["@context"]["cpsv"] == CPSV
        assert doc["@context"]["cv"] == CV
        assert doc["@context"]["dct"] == DCT
        assert doc["@context"]["xsd"] == XSD
        assert doc["@context"]["tthc"] == TTHC_VOCAB
        assert CPSV_AP_VERSION == "3.2.0"

    def test_every_text_is_tagged_with_the_language(self):
        """Every string value without a datatype carries @language 'vi' (or the one asked)."""
        for lang in ("vi", "vi-VN"):
            doc = to_cpsv_jsonld(example(), lang=lang)
            tagged = 0
            stack: list[Any] = [doc["@graph"]]
            while stack:
                item = stack.pop()
                if isinstance(item, list):
                    stack.extend(item)
                elif isinstance(item, dict):
                    if "@value" in item and "@type" not in item:
                        assert item["@language"] == lang, item
                        tagged += 1
                    stack.extend(v for k, v in item.items() if not k.startswith("@"))
            assert tagged > 30

    def test_the_classes_of_the_issue_are_written(self):
        """PublicService, Channel, Cost, Evidence, Output, Rule, LegalResource, PublicOrganisation."""
        types = {n["@type"] for n in to_cpsv_jsonld(example())["@graph"]}
        assert {
            "cpsv:PublicService",
            "cv:Channel",
            "cv:Cost",
            "cv:Evidence",
            "cv:Output",
            "cv:Requirement",
            "cpsv:Rule",
            "eli:LegalResource",
            "cv:PublicOrganisation",
            "skos:Concept",
        } <= types

    def test_the_same_procedures_give_the_same_document(self):
        """The export is deterministic and strict JSON."""
        first = json.dumps(to_cpsv_jsonld(example()), allow_nan=False, ensure_ascii=False)
        assert first == json.dumps(to_cpsv_jsonld(example()), allow_nan=False, ensure_ascii=False)

    def test_an_empty_catalogue(self):
        """No procedures give an empty graph."""
        assert to_cpsv_jsonld([])["@graph"] == []


class TestIriScheme:
    """IRIs derive from the procedure code under the base IRI (documented in the explanation)."""

    def test_iris_of_the_parts_of_a_procedure(self):
        """Each part's IRI is the service IRI plus its path; its dct:identifier is the path."""
        doc = to_cpsv_jsonld(example(), base_iri="https://data.example.org/tthc/")
        service = "https://data.example.org/tthc/procedure/0.000001"
        ids = {n["@id"] for n in doc["@graph"]}
        for path in (
            "",
            "/case/1",
            "/case/2",
            "/case/2/channel/1",
            "/case/1/channel/3",
            "/case/1/channel/1/cost/1",
            "/case/2/channel/1/cost/2",
            "/case/2/evidence/2",
            "/output/1",
            "/requirement/2",
            "/rule/1",
            "/legal/1",
            "/legal/1/issuer",
            "/agency/1",
            "/sector/1",
            "/audience/2",
        ):
            assert service + path in ids, path
        channel = node(doc, service + "/case/2/channel/1")
        assert channel["dct:identifier"] == "procedure/0.000001/case/2/channel/1"
        assert node(doc, service)["dct:identifier"] == "0.000001"

    def test_default_base_is_the_placeholder_urn(self):
        """Without a base IRI the nodes are under urn:tthc:."""
        doc = to_cpsv_jsonld([small()])
        assert DEFAULT_BASE_IRI == "urn:tthc:"
        assert doc["@graph"][0]["@id"] == "urn:tthc:procedure/0.000001"

    def test_a_second_option_of_the_same_channel_gets_a_suffix(self):
        """Two in-person options of one case are …/channel/1 and …/channel/1-2."""
        options = [
            ChannelOption(channel=Channel.IN_PERSON, processing_time=None, description=text)
            for text in ("Trường hợp thường (ví dụ)", "Trường hợp gấp (ví dụ)")
        ]
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=options)])])
        assert [n["@id"] for n in nodes(doc, "cv:Channel")] == [
            "urn:tthc:procedure/0.000001/case/1/channel/1",
            "urn:tthc:procedure/0.000001/case/1/channel/1-2",
        ]

    @pytest.mark.parametrize(
        "base",
        ["data.example.org/tthc/", "https://data.example.org/tthc", "https://x y/", "", 42],
        ids=["no-scheme", "no-final-slash", "space", "blank", "int"],
    )
    def test_bad_base_iris_are_refused(self, base):
        """The base must be an absolute IRI ending with '/', ':' or '#'."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(base))) as info:
            to_cpsv_jsonld([small()], base_iri=base)
        assert info.value.field == "to_cpsv_jsonld(base_iri)"

    def test_a_base_that_reads_as_a_compact_iri_is_refused(self):
        """'cv:…' would expand through the context's prefix: refused."""
        with pytest.raises(InvalidValueError, match="not a prefix of the context"):
            to_cpsv_jsonld([small()], base_iri="cv:tthc/")

    def test_bad_language_and_spatial_are_refused(self):
        """The language is a tag; the place an absolute IRI."""
        with pytest.raises(InvalidValueError) as info:
            to_cpsv_jsonld([small()], lang="tiếng Việt")
        assert info.value.field == "to_cpsv_jsonld(lang)"
        with pytest.raises(InvalidValueError) as info:
            to_cpsv_jsonld([small()], spatial="Việt Nam")
        assert info.value.field == "to_cpsv_jsonld(spatial)"

    def test_duplicate_codes_are_refused(self):
        """Two procedures with one code would share IRIs."""
        with pytest.raises(InvalidValueError, match="no other procedure") as info:
            to_cpsv_jsonld([small(), small(name="Khác (ví dụ)")])
        assert info.value.field == "to_cpsv_jsonld(procedures)[1].code"

    def test_items_must_be_procedures(self):
        """A dict is not a procedure."""
        with pytest.raises(InvalidValueError, match=re.escape("a tthc.Procedure")) as info:
            to_cpsv_jsonld([small(), {"code": "0.000002"}])
        assert info.value.field == "to_cpsv_jsonld(procedures)[1]"


class TestPublicService:
    """A procedure is a cpsv:PublicService with the mandatory properties of CPSV-AP."""

    def test_identifier_title_description(self):
        """dct:identifier is the code; title and description are Vietnamese text."""
        doc = to_cpsv_jsonld(example())
        service = node(doc, "urn:tthc:procedure/1.001193")
        assert service["dct:identifier"] == "1.001193"
        assert service["dct:title"] == {"@value": "Đăng ký khai sinh", "@language": "vi"}
        assert service["dct:description"]["@value"].startswith("Bản ghi ví dụ")

    def test_a_missing_description_is_the_name(self):
        """CPSV-AP requires a description: the name stands in for a missing one."""
        service = to_cpsv_jsonld([small()])["@graph"][0]
        assert service["dct:description"] == service["dct:title"]

    def test_implementing_agencies_stand_in_for_a_missing_competent_authority(self):
        """No competent agency: the implementing ones are cv:hasCompetentAuthority, flagged."""
        service = to_cpsv_jsonld([small()])["@graph"][0]
        agency = {"@id": "urn:tthc:procedure/0.000001/agency/1"}
        assert service["cv:hasCompetentAuthority"] == [agency]
        assert service["tthc:implementingAgency"] == [agency]
        assert service["tthc:competentAuthorityIsImplementing"] is True

    def test_competent_agencies_are_the_competent_authority(self):
        """Stated competent agencies are the competent authority; no flag."""
        p = small(competent_agencies=[Agency(name="Ủy ban nhân dân tỉnh (ví dụ)", code="X")])
        doc = to_cpsv_jsonld([p])
        service = doc["@graph"][0]
        # The competent authority is numbered first, then the other roles.
        assert service["cv:hasCompetentAuthority"] == [
            {"@id": "urn:tthc:procedure/0.000001/agency/1"}
        ]
        assert service["tthc:implementingAgency"] == [
            {"@id": "urn:tthc:procedure/0.000001/agency/2"}
        ]
        assert "tthc:competentAuthorityIsImplementing" not in service
        organisation = node(doc, "urn:tthc:procedure/0.000001/agency/1")
        assert organisation["@type"] == "cv:PublicOrganisation"
        assert organisation["skos:notation"] == "X"
        assert organisation["dct:spatial"] == {"@id": VIETNAM}
        assert node(doc, VIETNAM) == {"@id": VIETNAM, "@type": "dct:Location"}

    def test_one_agency_in_two_roles_is_one_node(self):
        """The same agency implementing and competent is written once."""
        agency = Agency(name="Sở (ví dụ)")
        doc = to_cpsv_jsonld([small(implementing_agencies=[agency], competent_agencies=[agency])])
        assert len(nodes(doc, "cv:PublicOrganisation")) == 1

    def test_the_spatial_of_agencies_can_be_given(self):
        """Agencies can be placed in a province's IRI instead of the country."""
        place = "https://data.example.org/place/ha-noi"
        doc = to_cpsv_jsonld([small()], spatial=place)
        [organisation] = nodes(doc, "cv:PublicOrganisation")
        assert organisation["dct:spatial"] == {"@id": place}

    def test_related_services_inside_the_export_only(self):
        """cv:relatedService points to services of the same export."""
        a = small(related_procedures=["0.000002", "9.999999"])
        b = small(code="0.000002")
        service = to_cpsv_jsonld([a, b])["@graph"][0]
        assert service["cv:relatedService"] == [{"@id": "urn:tthc:procedure/0.000002"}]


class TestProcessingTime:
    """xsd:duration where the length is exact; the tthc: text and unit for every stated time.

    XML Schema 1.1 Part 2 §3.3.6: duration = P nY nM nD T nH nM nS, seconds may be decimal.
    """

    @pytest.mark.parametrize(
        ("time", "xsd"),
        [
            (Duration.calendar_days(30), "P30D"),
            (Duration.hours(4), "PT4H"),
            (Duration.months(3), "P3M"),
            (Duration.calendar_days(Decimal("0.5")), "PT12H"),
            (Duration.hours(Decimal("0.25")), "PT15M"),
            (Duration.hours(Decimal("0.0001")), "PT0.36S"),
            (Duration.calendar_days(0), "P0D"),
        ],
        ids=str,
    )
    def test_elapsed_time_is_an_xsd_duration(self, time, xsd):
        """Calendar days, hours and months are cv:processingTime."""
        channel = one_channel(time)
        assert channel["cv:processingTime"] == {"@value": xsd, "@type": "xsd:duration"}
        assert channel["tthc:processingTimeText"] == {"@value": str(time), "@language": "vi"}

    @pytest.mark.parametrize(
        ("time", "unit"),
        [
            (Duration.working_days(5), "unit-working-days"),
            (Duration.working_hours(4), "unit-working-hours"),
            (Duration.same_day(cutoff=dt.time(15)), "unit-same-day"),
        ],
        ids=str,
    )
    def test_working_time_has_no_xsd_duration(self, time, unit):
        """Working days are not a length of elapsed time: text and unit only."""
        channel = one_channel(time)
        assert "cv:processingTime" not in channel
        assert channel["tthc:processingTimeText"]["@value"] == str(time)
        assert channel["tthc:processingTimeUnit"] == {"@id": TTHC_VOCAB + unit}

    def test_the_value_is_a_decimal(self):
        """tthc:processingTimeValue is the number, exact."""
        channel = one_channel(Duration.working_days(Decimal("0.5")))
        assert channel["tthc:processingTimeValue"] == {"@value": "0.5", "@type": "xsd:decimal"}

    def test_the_value_of_whole_numbers_is_canonical(self):
        """A whole number is written '5.0', the canonical xsd:decimal (XSD 1.1 §3.3.3.2)."""
        channel = one_channel(Duration.working_days(5))
        assert channel["tthc:processingTimeValue"]["@value"] == "5.0"

    def test_very_long_limits_have_no_xsd_duration(self):
        """Beyond 999,999,999 days (what timedelta holds) only the text and unit are written."""
        assert one_channel(Duration.calendar_days(999_999_999))["cv:processingTime"] == {
            "@value": "P999999999D",
            "@type": "xsd:duration",
        }
        assert "cv:processingTime" not in one_channel(Duration.calendar_days(10**9))
        assert "cv:processingTime" not in one_channel(Duration.months(32_258_065))

    def test_no_time_stated(self):
        """A channel without a countable time has only its description."""
        channel = one_channel(None, description="Theo thỏa thuận (ví dụ)")
        assert not any(k.startswith("tthc:processingTime") for k in channel)
        assert channel["dct:description"]["@value"] == "Theo thỏa thuận (ví dụ)"

    def test_the_service_time_only_when_every_channel_agrees(self):
        """cv:processingTime on the service: the one exact time of every channel, or none."""
        same = [
            ChannelOption(channel=c, processing_time=Duration.calendar_days(10))
            for c in (Channel.IN_PERSON, Channel.POSTAL)
        ]
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=same)])])
        assert doc["@graph"][0]["cv:processingTime"]["@value"] == "P10D"
        assert "cv:processingTime" not in to_cpsv_jsonld([small()])["@graph"][0]
        mixed = [*same, ChannelOption(channel=Channel.ONLINE, processing_time=None)]
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=mixed)])])
        assert "cv:processingTime" not in doc["@graph"][0]


class TestChannelsAndCosts:
    """Channels are concepts of a tthc scheme; fees are cv:Cost in VND through a channel."""

    def test_channel_concepts(self):
        """The three national channel codes are concepts with their Vietnamese labels."""
        doc = to_cpsv_jsonld(example())
        for channel, slug in [
            (Channel.IN_PERSON, "in-person"),
            (Channel.ONLINE, "online"),
            (Channel.POSTAL, "postal"),
        ]:
            concept = node(doc, f"{TTHC_VOCAB}channel-{slug}")
            assert concept["@type"] == "skos:Concept"
            assert concept["skos:notation"] == str(channel.value)
            assert concept["skos:prefLabel"] == {"@value": channel.label, "@language": "vi"}
            assert concept["skos:inScheme"] == {"@id": TTHC_VOCAB + "channels"}
        scheme = node(doc, TTHC_VOCAB + "channels")
        assert scheme["@type"] == "skos:ConceptScheme"

    def test_a_fee_is_a_cost(self):
        """Amount as xsd:double with the exact lexical form, VND, the channel, the kind."""
        fee = Fee(kind=FeeKind.CHARGE, amount=Decimal(1250000), description="Lệ phí (ví dụ)")
        option = ChannelOption(
            channel=Channel.IN_PERSON, processing_time=Duration.working_days(3), fees=[fee]
        )
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=[option])])])
        [cost] = nodes(doc, "cv:Cost")
        assert cost["cv:hasValue"] == {"@value": "1250000", "@type": "xsd:double"}
        assert cost["cv:currency"] == {"@id": VND}
        assert cost["cv:ifAccessedThrough"] == {
            "@id": "urn:tthc:procedure/0.000001/case/1/channel/1"
        }
        assert cost["tthc:feeKind"] == {"@id": TTHC_VOCAB + "fee-kind-charge"}
        assert doc["@graph"][0]["cv:hasCost"] == [{"@id": cost["@id"]}]
        assert node(doc, VND)["@type"] == "skos:Concept"

    def test_a_fee_without_amount_has_no_value_and_no_currency(self):
        """Nothing stated, nothing written."""
        option = ChannelOption(channel=Channel.ONLINE, processing_time=None, fees=[Fee()])
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(channels=[option])])])
        [cost] = nodes(doc, "cv:Cost")
        assert "cv:hasValue" not in cost
        assert "cv:currency" not in cost
        assert all(n["@id"] != VND for n in doc["@graph"])


class TestEvidenceOutputRules:
    """Dossier components are cv:Evidence, results cv:Output, the legal basis Rule + ELI."""

    def test_evidence(self):
        """Title, case, counts of originals and copies, form as a foaf:Document."""
        doc = to_cpsv_jsonld(example())
        evidence = node(doc, "urn:tthc:procedure/0.000001/case/1/evidence/1")
        assert evidence["dct:title"]["@value"] == "Đơn đề nghị (ví dụ)"
        assert evidence["tthc:case"] == {"@id": "urn:tthc:procedure/0.000001/case/1"}
        assert (evidence["tthc:originals"], evidence["tthc:copies"]) == (1, 0)
        assert evidence["skos:notation"] == "VD-GT1"
        assert evidence["foaf:page"] == {"@id": "https://example.invalid/mau-01.docx"}
        form = node(doc, "https://example.invalid/mau-01.docx")
        assert form["@type"] == "foaf:Document"
        assert form["dct:title"]["@value"] == "Mẫu 01 (ví dụ).docx"

    def test_a_url_that_is_not_a_web_iri_is_kept_as_text(self):
        """A relative URL gets a node under its owner with tthc:url."""
        component = Component(
            name="Tờ khai (ví dụ)", form=Attachment(name="Mẫu", url="/files/a b.doc")
        )
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(components=[component])])])
        form = node(doc, "urn:tthc:procedure/0.000001/case/1/evidence/1/form")
        assert form["tthc:url"] == "/files/a b.doc"

    def test_one_url_with_two_names_is_two_documents(self):
        """The second name of a URL gets its own node, so both names read back."""
        url = "https://example.invalid/mau.doc"
        components = [
            Component(name=f"Giấy {i} (ví dụ)", form=Attachment(name=f"Mẫu {i}", url=url))
            for i in (1, 2)
        ]
        doc = to_cpsv_jsonld([small(cases=[ProcedureCase(components=components)])])
        [first, second] = nodes(doc, "cv:Evidence")
        assert first["foaf:page"] == {"@id": url}
        assert second["foaf:page"] == {"@id": second["@id"] + "/form"}
        assert node(doc, second["@id"] + "/form")["tthc:url"] == url

    def test_output(self):
        """A result is a cv:Output with its code and template."""
        doc = to_cpsv_jsonld(example())
        output = node(doc, "urn:tthc:procedure/0.000001/output/1")
        assert output["@type"] == "cv:Output"
        assert output["dct:title"]["@value"] == "Giấy phép (ví dụ)"
        assert output["skos:notation"] == "VD-KQ-2"

    def test_legal_basis(self):
        """A legal document is an eli:LegalResource implemented by a cpsv:Rule."""
        document = LegalDocument(
            number="63/2010/NĐ-CP",
            title="Nghị định về kiểm soát thủ tục hành chính",
            issuer="Chính phủ",
            issued_on=dt.date(2010, 6, 8),
            effective_from=dt.date(2010, 10, 14),
            article="Điều 8, khoản 2",
        )
        doc = to_cpsv_jsonld([small(legal_basis=[document])])
        legal = node(doc, "urn:tthc:procedure/0.000001/legal/1")
        assert legal["@type"] == "eli:LegalResource"
        assert legal["dct:identifier"] == "63/2010/NĐ-CP"
        assert legal["eli:date_document"] == {"@value": "2010-06-08", "@type": "xsd:date"}
        assert legal["eli:first_date_entry_in_force"]["@value"] == "2010-10-14"
        issuer = node(doc, legal["eli:passed_by"]["@id"])
        assert issuer["dct:title"]["@value"] == "Chính phủ"
        rule = node(doc, "urn:tthc:procedure/0.000001/rule/1")
        assert rule["cpsv:implements"] == {"@id": legal["@id"]}
        assert rule["dct:title"]["@value"] == document.title
        assert rule["dct:description"]["@value"] == "63/2010/NĐ-CP, Điều 8, khoản 2"
        service = doc["@graph"][0]
        assert service["cpsv:follows"] == [{"@id": rule["@id"]}]
        assert service["cv:hasLegalResource"] == [{"@id": legal["@id"]}]


# --- round trip ----------------------------------------------------------------------------------


class TestRoundTrip:
    """Export then import gives the procedures back on every field the export keeps."""

    def test_the_example_file(self):
        """The example procedures come back equal on the preserved fields."""
        procedures = example()
        codes = {p.code for p in procedures}
        back = from_cpsv_jsonld(to_cpsv_jsonld(procedures))
        assert back == [exported_part(p, codes) for p in procedures]

    def test_the_lost_fields_are_lost(self):
        """The example exercises NOT_EXPORTED: its procedures do not come back whole."""
        procedures = example()
        assert from_cpsv_jsonld(to_cpsv_jsonld(procedures)) != procedures

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(procedures(), max_size=3, unique_by=lambda p: p.code))
    def test_generated_procedures(self, procedures):
        """Every generated catalogue comes back equal on the preserved fields."""
        codes = {p.code for p in procedures}
        doc = to_cpsv_jsonld(procedures, base_iri="https://data.example.org/tthc/")
        assert from_cpsv_jsonld(doc) == [exported_part(p, codes) for p in procedures]

    def test_through_json_text_and_a_file(self, tmp_path):
        """The document read from JSON text or from a file gives the same procedures."""
        procedures = example()
        text = json.dumps(to_cpsv_jsonld(procedures), ensure_ascii=False)
        path = tmp_path / "catalogue.jsonld"
        path.write_text(text, encoding="utf-8")
        expected = from_cpsv_jsonld(json.loads(text))
        assert from_cpsv_jsonld(text) == expected
        assert from_cpsv_jsonld(path) == expected

    def test_other_prefix_names_and_full_iris(self):
        """Keys are read through the document's own prefixes, or as full IRIs."""
        doc = to_cpsv_jsonld([small()])
        renamed = json.loads(json.dumps(doc).replace('"dct:', '"dcterms:'))
        renamed["@context"]["dcterms"] = renamed["@context"].pop("dct")
        assert from_cpsv_jsonld(renamed) == [small()]
        expanded = copy.deepcopy(doc)
        for item in expanded["@graph"]:
            for key in [k for k in item if k.startswith("dct:")]:
                item[DCT + key[4:]] = item.pop(key)
        assert from_cpsv_jsonld(expanded) == [small()]

    def test_the_language_asked_for_is_read(self):
        """A title given in two languages reads in the language asked for."""
        doc = to_cpsv_jsonld([small()])
        service = doc["@graph"][0]
        service["dct:title"] = [
            {"@value": "Procedure (example)", "@language": "en"},
            service["dct:title"],
        ]
        assert from_cpsv_jsonld(doc)[0].name == "Thủ tục (ví dụ)"
        assert from_cpsv_jsonld(doc, lang="en")[0].name == "Procedure (example)"


class TestImportOfOtherDocuments:
    """Documents that CPSV-AP allows but tthc did not write: what is read, what is refused."""

    def service(self, **properties: Any) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": "https://data.example.org/service/1",
            "@type": "cpsv:PublicService",
            "dct:identifier": "0.000009",
            "dct:title": {"@value": "Dịch vụ (ví dụ)", "@language": "vi"},
        }
        node.update(properties)
        return {"@context": cpsv_context()["@context"], "@graph": [node]}

    @pytest.mark.parametrize(
        ("xsd", "expected"),
        [
            ("P30D", Duration.calendar_days(30)),
            ("PT4H", Duration.hours(4)),
            ("P3M", Duration.months(3)),
            ("P1Y", Duration.months(12)),
            ("P1DT12H", Duration.hours(36)),
            ("PT30M", Duration.hours(Decimal("0.5"))),
            ("PT0.36S", Duration.hours(Decimal("0.0001"))),
        ],
    )
    def test_a_channel_with_an_xsd_duration_only(self, xsd, expected):
        """Without tthc's text, cv:processingTime gives days, months or hours."""
        doc = self.service(**{"cv:hasChannel": {"@id": "urn:x:c"}})
        doc["@graph"].append(
            {
                "@id": "urn:x:c",
                "@type": "cv:Channel",
                "dct:type": {"@id": TTHC_VOCAB + "channel-online"},
                "cv:processingTime": {"@value": xsd, "@type": "xsd:duration"},
            }
        )
        [p] = from_cpsv_jsonld(doc)
        assert p.cases == (
            ProcedureCase(
                channels=[ChannelOption(channel=Channel.ONLINE, processing_time=expected)]
            ),
        )

    @pytest.mark.parametrize(
        ("xsd", "why"),
        [
            ("30 days", "an xsd:duration"),
            ("P1M2D", "months alone"),
            ("PT20M", "exact decimal number of hours"),
        ],
    )
    def test_durations_tthc_cannot_hold_are_refused(self, xsd, why):
        """A duration that is not one exact unit is a problem of the load."""
        doc = self.service(**{"cv:hasChannel": {"@id": "urn:x:c"}})
        doc["@graph"].append(
            {
                "@id": "urn:x:c",
                "@type": "cv:Channel",
                "dct:type": {"@id": TTHC_VOCAB + "channel-online"},
                "cv:processingTime": {"@value": xsd, "@type": "xsd:duration"},
            }
        )
        with pytest.raises(LoadError, match=re.escape(why)):
            from_cpsv_jsonld(doc)

    def test_a_bare_service_is_a_procedure_with_one_general_case(self):
        """Only identifier and title: a procedure with one empty general case."""
        [p] = from_cpsv_jsonld(self.service())
        assert p == Procedure(code="0.000009", name="Dịch vụ (ví dụ)", cases=[ProcedureCase()])

    def test_every_problem_is_reported_at_once(self):
        """Two bad services, two problems; nothing is returned."""
        doc = self.service(**{"dct:title": []})
        second = dict(doc["@graph"][0], **{"@id": "urn:x:2", "dct:identifier": "bad"})
        second["dct:title"] = "Dịch vụ hai"
        doc["@graph"].append(second)
        with pytest.raises(LoadError) as info:
            from_cpsv_jsonld(doc)
        assert info.value.source == "<CPSV-AP JSON-LD>"
        assert len(info.value.problems) == 2
        assert "has no dct:title" in info.value.problems[0]
        assert info.value.problems[1].startswith("<urn:x:2>: Procedure.code: expected")

    @pytest.mark.parametrize(
        ("change", "problem"),
        [
            ({"cv:hasChannel": {"@id": "urn:x:missing"}}, "not in the @graph"),
            ({"cv:hasCost": {"@id": "urn:x:cost"}}, "no cv:ifAccessedThrough"),
            ({"cv:hasLegalResource": {"@id": "urn:x:law"}}, "no dct:identifier"),
            ({"dct:identifier": []}, "no dct:identifier (the procedure code)"),
            (
                {
                    "cv:isClassifiedBy": [
                        {"@id": TTHC_VOCAB + "online-level-full"},
                        {"@id": TTHC_VOCAB + "online-level-partial"},
                    ]
                },
                "2 online service levels",
            ),
        ],
        ids=["missing-node", "cost-without-channel", "law-without-number", "no-code", "levels"],
    )
    def test_problems_name_the_node(self, change, problem):
        """Each problem names the node it is about."""
        doc = self.service(**change)
        doc["@graph"] += [
            {"@id": "urn:x:cost", "@type": "cv:Cost", "dct:identifier": "c"},
            {"@id": "urn:x:law", "@type": "eli:LegalResource"},
        ]
        with pytest.raises(LoadError, match=re.escape(problem)):
            from_cpsv_jsonld(doc)

    def test_values_of_the_wrong_kind(self):
        """A non-VND currency, a bad date, a bad count, a channel of no tthc concept."""
        doc = to_cpsv_jsonld(example())
        by_id = {n["@id"]: n for n in doc["@graph"]}
        base = "urn:tthc:procedure/0.000001"
        by_id[base + "/case/1/channel/1/cost/1"]["cv:currency"] = {"@id": "urn:x:EUR"}
        by_id["urn:tthc:procedure/0.000003/legal/1"]["eli:date_document"]["@value"] = "01/02/2099"
        by_id["urn:tthc:procedure/1.001193/case/1/evidence/1"]["tthc:originals"] = "một"
        by_id["urn:tthc:procedure/0.000002/case/1/channel/1"]["dct:type"] = {"@id": "urn:x:fax"}
        with pytest.raises(LoadError) as info:
            from_cpsv_jsonld(doc)
        # One problem per service: the first one found in it.
        assert len(info.value.problems) == 4
        problems = "\n".join(info.value.problems)
        assert "tthc amounts are in VND" in problems
        assert "expected a date YYYY-MM-DD, got '01/02/2099'" in problems
        assert "expected a whole number >= 0, got 'một'" in problems
        assert "tthc scheme of Channel, got <urn:x:fax>" in problems

    def test_a_flag_that_is_not_a_boolean(self):
        """tthc:mandatory must be true or false."""
        doc = to_cpsv_jsonld(example())
        by_id = {n["@id"]: n for n in doc["@graph"]}
        by_id["urn:tthc:procedure/0.000003/case/1/evidence/1"]["tthc:mandatory"] = "yes"
        with pytest.raises(LoadError, match="expected true or false, got 'yes'"):
            from_cpsv_jsonld(doc)

    @pytest.mark.parametrize(
        ("doc", "problem"),
        [
            ("[1, 2]", "expected a JSON-LD document"),
            ({"@context": "https://example.org/context.jsonld", "@graph": []}, "inline context"),
            ({"@graph": {"@id": "urn:x"}}, "@graph: expected a list"),
            ({"@graph": ["urn:x"]}, "expected nodes"),
        ],
        ids=["array", "remote-context", "graph-object", "graph-of-strings"],
    )
    def test_documents_of_the_wrong_shape(self, doc, problem):
        """What is not a flat JSON-LD document with an inline context is refused."""
        with pytest.raises(LoadError, match=re.escape(problem)):
            from_cpsv_jsonld(doc)

    def test_a_single_node_document(self):
        """A document that is one node (no @graph) is read."""
        doc = self.service()
        single = {"@context": doc["@context"], **doc["@graph"][0]}
        assert len(from_cpsv_jsonld(single)) == 1

    def test_embedded_nodes_and_lists(self):
        """An embedded node, and values in @list, are read like references."""
        doc = self.service(
            **{
                "cv:holdsRequirement": {
                    "@list": [
                        {"@type": "cv:Requirement", "dct:title": "Điều kiện (ví dụ)"},
                    ]
                }
            }
        )
        [p] = from_cpsv_jsonld(doc)
        assert p.requirements == ("Điều kiện (ví dụ)",)


# --- Turtle --------------------------------------------------------------------------------------


class TestTurtle:
    """Turtle through rdflib (the rdf extra): the same graph as the JSON-LD."""

    def test_turtle_is_the_graph_of_the_json_ld(self):
        """Parsed back, the Turtle is isomorphic to the JSON-LD document's graph."""
        rdflib = pytest.importorskip("rdflib", reason="the rdf extra (rdflib) is not installed")
        compare = pytest.importorskip("rdflib.compare")

        procedures = example()
        text = to_cpsv_turtle(procedures)
        assert text.startswith("@prefix cpsv: <http://purl.org/vocab/cpsv#> .")
        assert '"Đăng ký khai sinh"@vi' in text
        turtle = rdflib.Graph().parse(data=text, format="turtle")
        jsonld = _parse_jsonld(rdflib, to_cpsv_jsonld(procedures))
        assert compare.isomorphic(turtle, jsonld)

    def test_amounts_are_not_rounded(self):
        """A fee of 12,345,678 VND is written in full (rdflib alone would write 1.234568e+07)."""
        rdflib = pytest.importorskip("rdflib", reason="the rdf extra (rdflib) is not installed")
        fees = [Fee(amount=Decimal(12345678)), Fee(amount=Decimal("0.1"))]
        option = ChannelOption(channel=Channel.ONLINE, processing_time=None, fees=fees)
        text = to_cpsv_turtle([small(cases=[ProcedureCase(channels=[option])])])
        assert '"12345678.0"^^xsd:double' in text
        assert '"0.1"^^xsd:double' in text
        values = (
            rdflib.Graph()
            .parse(data=text, format="turtle")
            .objects(None, rdflib.URIRef(CV + "hasValue"))
        )
        assert sorted(v.toPython() for v in values) == [0.1, 12345678.0]

    def test_without_rdflib_the_error_names_the_extra(self, monkeypatch):
        """No rdflib: an InvalidValueError that says to install tthc[rdf]."""
        monkeypatch.setitem(sys.modules, "rdflib", None)
        with pytest.raises(InvalidValueError, match=re.escape("pip install 'tthc[rdf]'")) as info:
            to_cpsv_turtle([small()])
        assert info.value.field == "to_cpsv_turtle"


# --- SHACL ---------------------------------------------------------------------------------------


def _parse_jsonld(rdflib: Any, doc: dict[str, Any]) -> Any:
    """The graph of a JSON-LD document, without rdflib's warning about its own internals."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


def _validate(data: Any, shapes: str) -> tuple[bool, str, set[str]]:
    """(conforms, report text, the paths of the results) of ``data`` against ``shapes``."""
    pyshacl = pytest.importorskip(
        "pyshacl", reason="pyshacl (tests group) is not installed: SHACL checks skipped"
    )
    rdflib = pytest.importorskip("rdflib", reason="rdflib is not installed")
    if isinstance(data, dict):
        data = _parse_jsonld(rdflib, data)
    shapes_graph = rdflib.Graph().parse(data=shapes, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes_graph)
    result_path = rdflib.URIRef("http://www.w3.org/ns/shacl#resultPath")
    paths = {str(o) for o in results.objects(None, result_path)}
    return bool(conforms), str(text), paths


class TestShapes:
    """The export conforms to tthc's transcription of the CPSV-AP 3.2.0 shapes, and its own."""

    def test_the_shapes_file_says_what_it_is(self):
        """Its header names it a transcription, the specification, and the licence."""
        header = shapes_text()[:1500]
        assert "tthc's transcription of the CPSV-AP 3.2.0 cardinalities" in " ".join(
            header.replace("#", "").split()
        )
        assert "not the official shapes" in header
        assert "https://semiceu.github.io/CPSV-AP/releases/3.2.0/" in header
        assert "CC BY 4.0" in header

    @pytest.mark.parametrize("extension", [False, True], ids=["cpsv-ap", "tthc-extension"])
    def test_the_example_conforms(self, extension):
        """The example catalogue conforms."""
        conforms, report, _ = _validate(
            to_cpsv_jsonld(example()), shapes_text(extension=extension)
        )
        assert conforms, report

    @settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(procedures(), min_size=1, max_size=2, unique_by=lambda p: p.code))
    def test_generated_procedures_with_an_agency_conform(self, procedures):
        """Any procedure naming an agency gives a conforming export."""
        procedures = [
            attrs.evolve(p, implementing_agencies=[Agency(name="Cơ quan (ví dụ)")])
            for p in procedures
        ]
        doc = to_cpsv_jsonld(procedures, base_iri="https://data.example.org/tthc/")
        for extension in (False, True):
            conforms, report, _ = _validate(doc, shapes_text(extension=extension))
            assert conforms, report

    @pytest.mark.parametrize(
        ("break_it", "path"),
        [
            (lambda g: g[0].pop("dct:title"), "http://purl.org/dc/terms/title"),
            (lambda g: g[0].pop("dct:description"), "http://purl.org/dc/terms/description"),
            (lambda g: g[0].update({"dct:identifier": ["a", "b"]}), DCT + "identifier"),
            (
                lambda g: g[0].update({"dct:title": "Không gắn ngôn ngữ"}),
                "http://purl.org/dc/terms/title",
            ),
            (lambda g: g[0].pop("cv:hasCompetentAuthority"), CV + "hasCompetentAuthority"),
            (lambda g: _of(g, "cv:PublicOrganisation").pop("dct:spatial"), DCT + "spatial"),
            (
                lambda g: _of(g, "cv:Cost").update(
                    {"cv:hasValue": {"@value": "50000", "@type": "xsd:string"}}
                ),
                CV + "hasValue",
            ),
            (
                lambda g: _of(g, "cv:Channel").update(
                    {"cv:processingTime": {"@value": "5 ngày", "@language": "vi"}}
                ),
                CV + "processingTime",
            ),
            (lambda g: _of(g, "cv:Evidence").pop("dct:identifier"), DCT + "identifier"),
            (lambda g: _of(g, "cpsv:Rule").pop("dct:description"), DCT + "description"),
        ],
        ids=[
            "no-title",
            "no-description",
            "two-identifiers",
            "untagged-title",
            "no-authority",
            "no-spatial",
            "value-not-double",
            "time-not-duration",
            "evidence-without-identifier",
            "rule-without-description",
        ],
    )
    def test_a_broken_graph_fails(self, break_it, path):
        """Removing a mandatory property, or mistyping one, fails validation on that path."""
        doc = to_cpsv_jsonld(example())
        break_it(doc["@graph"])
        conforms, report, paths = _validate(doc, shapes_text())
        assert not conforms
        assert paths == {path}, report

    def test_a_broken_extension_fails(self):
        """A paper without its count of originals fails the tthc extension shapes."""
        doc = to_cpsv_jsonld(example())
        _of(doc["@graph"], "cv:Evidence").pop("tthc:originals")
        conforms, report, paths = _validate(doc, shapes_text(extension=True))
        assert not conforms
        assert paths == {TTHC_VOCAB + "originals"}, report

    @pytest.mark.skipif(
        not os.environ.get("TTHC_CPSV_AP_SHAPES"),
        reason="set TTHC_CPSV_AP_SHAPES to a downloaded copy of the official CPSV-AP 3.2.0 "
        "SHACL file to check against it (it is not shipped)",
    )
    def test_the_example_conforms_to_the_official_shapes(self):
        """With the official shapes downloaded, the example conforms to them too."""
        official = Path(os.environ["TTHC_CPSV_AP_SHAPES"]).read_text(encoding="utf-8")
        conforms, report, _ = _validate(to_cpsv_jsonld(example()), official)
        assert conforms, report


def _of(graph: list[dict[str, Any]], rdf_type: str) -> dict[str, Any]:
    return next(n for n in graph if n["@type"] == rdf_type)


# --- documentation -------------------------------------------------------------------------------


def test_the_mapping_page_lists_what_is_lost():
    """Every field of NOT_EXPORTED is named on the mapping page."""
    text = MAPPING_DOC.read_text(encoding="utf-8")
    missing = [name for name in NOT_EXPORTED if f"`{name}`" not in text]
    assert not missing
