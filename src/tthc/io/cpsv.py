r"""Procedures as EU public-service linked data (*dữ liệu thủ tục hành chính* in CPSV-AP 3.2.0).

The Core Public Service Vocabulary Application Profile (CPSV-AP) is the EU's open data model of
public services. This module writes a procedure catalogue in it and reads it back where the
vocabulary allows:

* [`to_cpsv_jsonld`][tthc.io.cpsv.to_cpsv_jsonld]: JSON-LD (a dict ready for ``json.dumps``)
  with an inline ``@context`` and a flat ``@graph`` of ``cpsv:PublicService``, ``cv:Channel``,
  ``cv:Cost``, ``cv:Evidence``, ``cv:Output``, ``cv:Requirement``, ``cpsv:Rule``,
  ``eli:LegalResource`` and ``cv:PublicOrganisation`` nodes; Vietnamese text is tagged ``vi``;
* [`to_cpsv_turtle`][tthc.io.cpsv.to_cpsv_turtle]: the same graph as Turtle (needs the ``rdf``
  extra: ``pip install 'tthc[rdf]'``);
* [`from_cpsv_jsonld`][tthc.io.cpsv.from_cpsv_jsonld]: procedures back from such a document,
  with what the export keeps; [`NOT_EXPORTED`][tthc.io.cpsv.NOT_EXPORTED] lists what it leaves
  out;
* [`shapes_text`][tthc.io.cpsv.shapes_text]: tthc's SHACL shapes to validate an export with.

Processing times are ``xsd:duration`` values where the length is exact (``P30D``, ``PT4H``,
``P3M``). Working days, working hours and "within the day" are not lengths of elapsed time, so
they have no ``cv:processingTime``; every stated time has ``tthc:processingTimeText`` (the
canonical Vietnamese text, which reads back exactly) and ``tthc:processingTimeUnit``.

IRIs derive from the procedure code under a base IRI that you choose (``base_iri``); the default
``urn:tthc:`` is a placeholder, not an official identifier. The scheme, the mapping table and what
is lost are in the documentation ("CPSV-AP mapping").

Examples:
    >>> from tthc.durations import Duration
    >>> from tthc.procedures import Agency, Channel, ChannelOption, Procedure, ProcedureCase
    >>> p = Procedure(code="0.000001", name="Thủ tục (ví dụ)",
    ...               implementing_agencies=[Agency(name="Ủy ban nhân dân xã (ví dụ)")],
    ...               cases=[ProcedureCase(channels=[
    ...                   ChannelOption(channel=Channel.ONLINE,
    ...                                 processing_time=Duration.working_days(3)),
    ...                   ChannelOption(channel=Channel.POSTAL,
    ...                                 processing_time=Duration.calendar_days(30))])])
    >>> doc = to_cpsv_jsonld([p], base_iri="https://data.example.org/tthc/")
    >>> service = doc["@graph"][0]
    >>> service["@id"], service["@type"], service["dct:title"]
    ('https://data.example.org/tthc/procedure/0.000001', 'cpsv:PublicService', {'@value': 'Thủ tục (ví dụ)', '@language': 'vi'})
    >>> online, postal = (n for n in doc["@graph"] if n["@type"] == "cv:Channel")
    >>> "cv:processingTime" in online, online["tthc:processingTimeText"]["@value"]
    (False, '3 ngày làm việc')
    >>> postal["cv:processingTime"]
    {'@value': 'P30D', '@type': 'xsd:duration'}
    >>> from_cpsv_jsonld(doc) == [p]
    True

References:
    - CPSV-AP 3.2.0 (SEMIC, 2024-05-06), https://semiceu.github.io/CPSV-AP/releases/3.2.0/:
      classes, properties and cardinalities (research notes ``vn_legal.md`` §7.1–7.2).
    - The mapping from tthc is this project's proposal, not an official one (§7.3).
"""

from __future__ import annotations

import datetime as dt
import fractions
import functools
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal

from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError, LoadError
from tthc.io._converter import DEFAULT_MAX_BYTES, read_json
from tthc.procedures import (
    Agency,
    Attachment,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    Result,
    Sector,
    Subject,
)
from tthc.procedures.service_levels import OnlineServiceLevel

if TYPE_CHECKING:
    import enum
    import os

__all__ = [
    "CPSV_AP_VERSION",
    "DEFAULT_BASE_IRI",
    "NOT_EXPORTED",
    "TTHC_VOCAB",
    "VIETNAM",
    "VND",
    "cpsv_context",
    "from_cpsv_jsonld",
    "shapes_text",
    "to_cpsv_jsonld",
    "to_cpsv_turtle",
]

CPSV_AP_VERSION: Final = "3.2.0"
"""The CPSV-AP release the export follows."""

DEFAULT_BASE_IRI: Final = "urn:tthc:"
"""The default base of the IRIs of exported nodes: a placeholder; pass your own ``base_iri``.

It is not an official identifier of any Vietnamese authority, and ``tthc`` is not a registered
URN namespace: publish under a base IRI that you control (``https://data.example.org/tthc/``).
"""

TTHC_VOCAB: Final = "urn:tthc:vocab#"
"""The namespace of tthc's extension properties and concepts (prefix ``tthc:``)."""

VIETNAM: Final = "http://publications.europa.eu/resource/authority/country/VNM"
"""Viet Nam in the EU Publications Office country table: the default ``dct:spatial`` of agencies."""

VND: Final = "http://publications.europa.eu/resource/authority/currency/VND"
"""The Vietnamese đồng in the EU Publications Office currency table: ``cv:currency`` of costs."""

NOT_EXPORTED: Final[tuple[str, ...]] = (
    "Procedure.scope",
    "Procedure.procedure_type",
    "Procedure.steps",
    "Procedure.result_channels",
    "Procedure.eligible_for_full_online",
    "Procedure.reception_address",
    "Procedure.subjects_text",
    "Procedure.implementing_agencies_text",
    "Procedure.competent_agencies_text",
    "Procedure.publication_decision",
    "Procedure.publishing_agency_code",
    "Procedure.interconnected_procedures",
    "Procedure.valid_from",
    "Procedure.valid_to",
    "Procedure.extensions",
    "ProcedureCase.steps",
    "Subject.applicant_type",
    "Fee.exemptions",
)
"""The fields that [`to_cpsv_jsonld`][tthc.io.cpsv.to_cpsv_jsonld] does not write.

[`from_cpsv_jsonld`][tthc.io.cpsv.from_cpsv_jsonld] gives them their defaults. Two more are kept
only in part: ``Procedure.related_procedures`` (only codes of procedures in the same export) and
``Procedure.description`` (a missing description is written as the name, CPSV-AP requires one, so
a description equal to the name reads back as ``None``).
"""

_BASE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*[/:#]")
_LANG: Final = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# URLs that are written as IRIs; any other text (spaces, relative paths) is kept as a literal.
_WEB_IRI: Final = re.compile(
    r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+"
)

# --- data files ----------------------------------------------------------------------------------


def _data(name: str) -> str:
    return resources.files("tthc.io").joinpath("cpsv", name).read_text("utf-8")


@functools.cache
def _context_text() -> str:
    return _data("tthc-cpsv-ap.context.jsonld")


def cpsv_context() -> dict[str, Any]:
    """Return the JSON-LD context of the export: the namespace prefixes of its vocabularies.

    The export writes compact IRIs (``dct:title``) as keys and explicit ``{"@id": ...}``
    references, so the context only names the prefixes. It is written by tthc, not copied from
    the CPSV-AP release; the namespaces are those of the vocabularies.

    Returns:
        A new dict ``{"@context": {prefix: namespace, ...}}``.

    Examples:
        >>> cpsv_context()["@context"]["cv"]
        'http://data.europa.eu/m8g/'
        >>> cpsv_context()["@context"]["tthc"] == TTHC_VOCAB
        True
    """
    result: dict[str, Any] = json.loads(_context_text())
    return result


@functools.cache
def _prefixes() -> dict[str, str]:
    prefixes: dict[str, str] = cpsv_context()["@context"]
    return prefixes


def shapes_text(*, extension: bool = False) -> str:
    """Return tthc's SHACL shapes for CPSV-AP 3.2.0 exports, as Turtle text.

    These are tthc's transcription of the CPSV-AP 3.2.0 cardinalities from the specification,
    not the official shapes (which are not shipped with tthc): the mandatory properties of the
    classes the export writes, and the datatype or class of each property it writes.

    Args:
        extension: Return the shapes of the ``tthc:`` extension properties instead.

    Returns:
        The Turtle text (``tthc/io/cpsv/tthc-cpsv-ap-shapes.ttl`` or
        ``tthc-extension-shapes.ttl``).

    Examples:
        >>> shapes_text().splitlines()[0]
        "# tthc's transcription of the CPSV-AP 3.2.0 cardinalities from the specification,"
    """
    return _data("tthc-extension-shapes.ttl" if extension else "tthc-cpsv-ap-shapes.ttl")


# --- the tthc concept schemes --------------------------------------------------------------------

_SCHEMES: Final[dict[type[enum.Enum], tuple[str, str, str]]] = {
    # Each class: its scheme, the prefix of its concepts, and the scheme's name in Vietnamese.
    # The channel scheme is named "the ways of carrying out" (a procedure).
    Channel: ("channels", "channel", "Cách thức thực hiện"),
    # "unit of the processing time"
    DurationUnit: ("duration-units", "unit", "Đơn vị tính thời hạn giải quyết"),
    # "fees and charges"
    FeeKind: ("fee-kinds", "fee-kind", "Phí, lệ phí"),
    # "level of online public service"
    OnlineServiceLevel: (
        "online-service-levels",
        "online-level",
        "Mức độ dịch vụ công trực tuyến",
    ),
    # "level that carries it out"
    AuthorityLevel: ("authority-levels", "authority-level", "Cấp thực hiện"),
}


def _concept_iri(member: enum.Enum) -> str:
    _, prefix, _ = _SCHEMES[type(member)]
    return f"{TTHC_VOCAB}{prefix}-{member.name.lower().replace('_', '-')}"


_BY_CONCEPT: Final[dict[str, enum.Enum]] = {
    _concept_iri(member): member for cls in _SCHEMES for member in cls.__members__.values()
}


# --- durations -----------------------------------------------------------------------------------


def _number_text(value: fractions.Fraction) -> str | None:
    """The exact decimal text of ``value`` (no exponent), or None if it does not terminate."""
    numerator, denominator = value.numerator, value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = numerator * 10**places // value.denominator
    # Through Decimal: no limit on the number of digits (int's str() has one).
    return format(Decimal(scaled).scaleb(-places), "f")


def _time_part(hours: fractions.Fraction) -> str:
    for unit, factor in (("H", 1), ("M", 60)):
        amount = hours * factor
        if amount.denominator == 1:
            return f"PT{_number_text(amount)}{unit}"
    seconds = _number_text(hours * 3600)
    if seconds is None:  # pragma: no cover - a Duration value is a terminating decimal
        msg = f"no exact xsd:duration for {hours} hours"
        raise AssertionError(msg)
    return f"PT{seconds}S"


# The longest elapsed time written as an xsd:duration, in days: common RDF tools read durations
# into Python's timedelta (rdflib does), which stops there. Longer limits (2.7 million years;
# only generated test data has them) keep the text, unit and value.
_MAX_XSD_DAYS: Final = 999_999_999
_DAYS_PER: Final = {
    DurationUnit.CALENDAR_DAYS: fractions.Fraction(1),
    DurationUnit.HOURS: fractions.Fraction(1, 24),
    DurationUnit.MONTHS: fractions.Fraction(31),
}


def _xsd_duration(duration: Duration) -> str | None:
    """The ``xsd:duration`` of an elapsed-time limit; ``None`` for working time and same day."""
    value = fractions.Fraction(duration.value)
    days_per = _DAYS_PER.get(duration.unit)
    if days_per is None or value * days_per > _MAX_XSD_DAYS:
        return None
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        if value.denominator == 1:
            return f"P{_number_text(value)}D"
        return _time_part(value * 24)
    if duration.unit is DurationUnit.HOURS:
        return _time_part(value)
    return f"P{_number_text(value)}M"


_XSD_DURATION: Final = re.compile(
    r"P(?!$)(?:(?P<Y>[0-9]+)Y)?(?:(?P<MO>[0-9]+)M)?(?:(?P<D>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<H>[0-9]+)H)?(?:(?P<MI>[0-9]+)M)?(?:(?P<S>[0-9]+(?:\.[0-9]+)?)S)?)?"
)


def _from_xsd_duration(text: str) -> Duration:
    """A ``Duration`` from an ``xsd:duration``: days, months, or else hours; exact or refused."""
    match = _XSD_DURATION.fullmatch(text)
    if match is None:
        raise InvalidValueError("cv:processingTime", text, "an xsd:duration such as 'P30D'")
    parts = {k: fractions.Fraction(Decimal(v)) for k, v in match.groupdict().items() if v}
    months = parts.pop("Y", fractions.Fraction(0)) * 12 + parts.pop("MO", fractions.Fraction(0))
    if months and parts:
        raise InvalidValueError(
            "cv:processingTime", text, "a duration in months alone, or in days and hours"
        )
    if months:
        return Duration.months(int(months))
    if set(parts) <= {"D"}:
        return Duration.calendar_days(int(parts.get("D", 0)))
    zero = fractions.Fraction(0)
    hours = (
        parts.get("D", zero) * 24
        + parts.get("H", zero)
        + parts.get("MI", zero) / 60
        + parts.get("S", zero) / 3600
    )
    exact = _number_text(hours)
    if exact is None:
        raise InvalidValueError(
            "cv:processingTime", text, "a duration that is an exact decimal number of hours"
        )
    return Duration.hours(Decimal(exact))


# --- writing -------------------------------------------------------------------------------------


def _given(**fields: Any) -> dict[str, Any]:
    """The keyword arguments that are not ``None``: the others keep the record's defaults."""
    return {k: v for k, v in fields.items() if v is not None}


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _typed(value: str, datatype: str) -> dict[str, str]:
    return {"@value": value, "@type": datatype}


class _Writer:
    """One export: the nodes written so far, and the shared nodes to add at the end."""

    def __init__(self, base: str, lang: str, spatial: str, services: dict[str, str]) -> None:
        self.base = base
        self.lang = lang
        self.spatial = spatial
        self.services = services  # procedure code -> service IRI
        self.graph: list[dict[str, Any]] = []
        self.shared: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, str | None] = {}  # URL written as a node -> its name

    def text(self, value: str) -> dict[str, str]:
        return {"@value": value, "@language": self.lang}

    def node(self, iri: str, rdf_type: str, **properties: Any) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": iri, "@type": rdf_type}
        node.update({k.replace("__", ":"): v for k, v in properties.items() if v is not None})
        self.graph.append(node)
        return node

    def local_id(self, iri: str) -> str:
        """The ``dct:identifier`` of a node tthc names: its IRI without the base."""
        return iri[len(self.base) :]

    def concept(self, member: enum.Enum) -> dict[str, str]:
        iri = _concept_iri(member)
        if iri not in self.shared:
            scheme, _, scheme_name = _SCHEMES[type(member)]
            scheme_iri = TTHC_VOCAB + scheme
            label = getattr(member, "label", None)
            self.shared[iri] = {
                "@id": iri,
                "@type": "skos:Concept",
                "skos:prefLabel": self.text(label) if isinstance(label, str) else None,
                "skos:notation": str(member.value),
                "skos:inScheme": _ref(scheme_iri),
            }
            self.shared.setdefault(
                scheme_iri,
                {
                    "@id": scheme_iri,
                    "@type": "skos:ConceptScheme",
                    "skos:prefLabel": self.text(scheme_name),
                },
            )
        return _ref(iri)

    def document(self, owner: str, role: str, name: str | None, url: str | None) -> Any:
        """A ``foaf:Document`` for a published file or page; its IRI is the URL when it can be.

        A URL that is not a web IRI, or a URL already written with another name, gets a node
        named after its owner (``<owner>/form``) that holds the URL as ``tthc:url``.
        """
        if name is None and url is None:
            return None
        if url is not None and _WEB_IRI.fullmatch(url):
            known = self.documents.setdefault(url, name)
            if known == name:
                if url not in self.shared:
                    self.shared[url] = {
                        "@id": url,
                        "@type": "foaf:Document",
                        "dct:title": None if name is None else self.text(name),
                    }
                return _ref(url)
        iri = f"{owner}/{role}"
        self.node(
            iri,
            "foaf:Document",
            dct__title=None if name is None else self.text(name),
            tthc__url=url,
        )
        return _ref(iri)

    # --- one procedure ---------------------------------------------------------------------

    def procedure(self, p: Procedure) -> None:
        sid = self.services[p.code]
        service = self.node(
            sid,
            "cpsv:PublicService",
            dct__identifier=p.code,
            dct__title=self.text(p.name),
            # CPSV-AP requires a description: without one, the name stands in.
            dct__description=self.text(p.description if p.description is not None else p.name),
        )
        self.agencies(sid, service, p)
        self.concepts(sid, service, "cv:thematicArea", "sector", p.sectors)
        self.concepts(sid, service, "dct:audience", "audience", p.subjects)
        if p.keywords is not None:
            service["dcat:keyword"] = [self.text(p.keywords)]
        classes = [self.concept(level) for level in p.authority_levels]
        if p.online_level is not None:
            classes.insert(0, self.concept(p.online_level))
        if classes:
            service["cv:isClassifiedBy"] = classes
        self.cases(sid, service, p)
        self.outputs(sid, service, p)
        if p.requirements:
            service["cv:holdsRequirement"] = [
                _ref(
                    self.node(
                        f"{sid}/requirement/{i}",
                        "cv:Requirement",
                        dct__identifier=self.local_id(f"{sid}/requirement/{i}"),
                        dct__title=self.text(text),
                    )["@id"]
                )
                for i, text in enumerate(p.requirements, 1)
            ]
        self.legal_basis(sid, service, p)
        related = [_ref(self.services[c]) for c in p.related_procedures if c in self.services]
        if related:
            service["cv:relatedService"] = related

    def agencies(self, sid: str, service: dict[str, Any], p: Procedure) -> None:
        ids: dict[Agency, str] = {}

        def refs(agencies: tuple[Agency, ...]) -> list[dict[str, str]] | None:
            out = []
            for agency in agencies:
                if agency not in ids:
                    ids[agency] = f"{sid}/agency/{len(ids) + 1}"
                    self.node(
                        ids[agency],
                        "cv:PublicOrganisation",
                        skos__prefLabel=self.text(agency.name),
                        skos__notation=agency.code,
                        dct__spatial=_ref(self.spatial),
                    )
                    self.shared.setdefault(
                        self.spatial, {"@id": self.spatial, "@type": "dct:Location"}
                    )
                out.append(_ref(ids[agency]))
            return out or None

        # CPSV-AP requires a competent authority; a record that names none (national records
        # often do not) has its implementing agencies stand in, and says so.
        competent = p.competent_agencies or p.implementing_agencies
        service["cv:hasCompetentAuthority"] = refs(competent)
        if not p.competent_agencies and p.implementing_agencies:
            service["tthc:competentAuthorityIsImplementing"] = True
        service["tthc:implementingAgency"] = refs(p.implementing_agencies)
        service["tthc:delegatedAgency"] = refs(p.delegated_agencies)
        service["tthc:coordinatingAgency"] = refs(p.coordinating_agencies)
        for key in [k for k, v in service.items() if v is None]:
            del service[key]

    def concepts(
        self,
        sid: str,
        service: dict[str, Any],
        prop: str,
        kind: str,
        items: Iterable[Sector | Subject],
    ) -> None:
        if items:
            service[prop] = [
                _ref(
                    self.node(
                        f"{sid}/{kind}/{i}",
                        "skos:Concept",
                        skos__prefLabel=self.text(item.name),
                        skos__notation=item.code,
                    )["@id"]
                )
                for i, item in enumerate(items, 1)
            ]

    def cases(self, sid: str, service: dict[str, Any], p: Procedure) -> None:
        cases, channels, costs, inputs = [], [], [], []
        exact: set[str | None] = set()
        for i, case in enumerate(p.cases, 1):
            case_id = f"{sid}/case/{i}"
            name = None if case.name is None else self.text(case.name)
            cases.append(
                _ref(self.node(case_id, "tthc:ProcedureCase", tthc__caseName=name)["@id"])
            )
            seen: dict[Channel, int] = {}
            for option in case.channels:
                seen[option.channel] = seen.get(option.channel, 0) + 1
                suffix = "" if seen[option.channel] == 1 else f"-{seen[option.channel]}"
                channel_id = f"{case_id}/channel/{option.channel.value}{suffix}"
                self.channel(channel_id, case_id, option)
                channels.append(_ref(channel_id))
                costs += self.costs(channel_id, option)
                time = option.processing_time
                exact.add(None if time is None else _xsd_duration(time))
            inputs += [self.evidence(case_id, j, c) for j, c in enumerate(case.components, 1)]
        service["tthc:hasCase"] = cases
        # The service's own processing time: only when every channel of every case has the
        # same exact one.
        if len(exact) == 1 and (only := exact.pop()) is not None:
            service["cv:processingTime"] = _typed(only, "xsd:duration")
        service.update(
            (key, refs)
            for key, refs in (
                ("cv:hasChannel", channels),
                ("cv:hasCost", costs),
                ("cpsv:hasInput", inputs),
            )
            if refs
        )

    def channel(self, iri: str, case_id: str, option: ChannelOption) -> None:
        node = self.node(
            iri,
            "cv:Channel",
            dct__identifier=self.local_id(iri),
            dct__type=self.concept(option.channel),
            tthc__case=_ref(case_id),
            dct__description=None if option.description is None else self.text(option.description),
        )
        time = option.processing_time
        if time is None:
            return
        xsd = _xsd_duration(time)
        if xsd is not None:
            node["cv:processingTime"] = _typed(xsd, "xsd:duration")
        node["tthc:processingTimeText"] = self.text(str(time))
        node["tthc:processingTimeUnit"] = self.concept(time.unit)
        if time.unit is not DurationUnit.SAME_DAY:
            # The canonical form of an xsd:decimal (XSD 1.1 §3.3.3.2): "5.0", "0.5".
            value = str(_number_text(fractions.Fraction(time.value)))
            value += "" if "." in value else ".0"
            node["tthc:processingTimeValue"] = _typed(value, "xsd:decimal")

    def costs(self, channel_id: str, option: ChannelOption) -> list[dict[str, str]]:
        refs = []
        for k, fee in enumerate(option.fees, 1):
            iri = f"{channel_id}/cost/{k}"
            node = self.node(
                iri,
                "cv:Cost",
                dct__identifier=self.local_id(iri),
                cv__ifAccessedThrough=_ref(channel_id),
                dct__description=None if fee.description is None else self.text(fee.description),
                skos__notation=fee.code,
            )
            if fee.amount is not None:
                # CPSV-AP types the value xsd:double; the lexical form stays the exact amount.
                node["cv:hasValue"] = _typed(format(fee.amount, "f"), "xsd:double")
                node["cv:currency"] = _ref(VND)
                self.shared.setdefault(
                    VND, {"@id": VND, "@type": "skos:Concept", "skos:notation": "VND"}
                )
            if fee.kind is not None:
                node["tthc:feeKind"] = self.concept(fee.kind)
            if fee.attachment is not None:
                a = fee.attachment
                node["foaf:page"] = self.document(iri, "attachment", a.name, a.url)
            refs.append(_ref(iri))
        return refs

    def evidence(self, case_id: str, j: int, component: Component) -> dict[str, str]:
        iri = f"{case_id}/evidence/{j}"
        form = component.form
        self.node(
            iri,
            "cv:Evidence",
            dct__identifier=self.local_id(iri),
            dct__title=self.text(component.name),
            tthc__case=_ref(case_id),
            skos__notation=component.code,
            tthc__originals=component.originals,
            tthc__copies=component.copies,
            tthc__mandatory=component.mandatory,
            tthc__replaceableByResult=component.replaceable_by_result_code,
            foaf__page=None if form is None else self.document(iri, "form", form.name, form.url),
        )
        return _ref(iri)

    def outputs(self, sid: str, service: dict[str, Any], p: Procedure) -> None:
        refs = []
        for i, result in enumerate(p.results, 1):
            iri = f"{sid}/output/{i}"
            t = result.template
            self.node(
                iri,
                "cv:Output",
                dct__identifier=self.local_id(iri),
                dct__title=self.text(result.name),
                skos__notation=result.code,
                foaf__page=None if t is None else self.document(iri, "template", t.name, t.url),
            )
            refs.append(_ref(iri))
        if refs:
            service["cpsv:produces"] = refs

    def legal_basis(self, sid: str, service: dict[str, Any], p: Procedure) -> None:
        rules, resources_ = [], []
        for i, doc in enumerate(p.legal_basis, 1):
            legal_id, rule_id = f"{sid}/legal/{i}", f"{sid}/rule/{i}"
            issuer = None
            if doc.issuer is not None:
                issuer = self.node(
                    f"{legal_id}/issuer",
                    "foaf:Agent",
                    dct__identifier=self.local_id(f"{legal_id}/issuer"),
                    dct__title=self.text(doc.issuer),
                )["@id"]
            dates = {
                "eli__date_document": doc.issued_on,
                "eli__first_date_entry_in_force": doc.effective_from,
                "eli__date_no_longer_in_force": doc.effective_to,
            }
            self.node(
                legal_id,
                "eli:LegalResource",
                dct__identifier=doc.number,
                dct__title=None if doc.title is None else self.text(doc.title),
                eli__passed_by=None if issuer is None else _ref(issuer),
                foaf__page=self.document(legal_id, "page", None, doc.url),
                **{
                    k: None if v is None else _typed(v.isoformat(), "xsd:date")
                    for k, v in dates.items()
                },
            )
            where = doc.number if doc.article is None else f"{doc.number}, {doc.article}"
            self.node(
                rule_id,
                "cpsv:Rule",
                dct__identifier=self.local_id(rule_id),
                dct__title=self.text(doc.title if doc.title is not None else doc.number),
                dct__description=self.text(where),
                cpsv__implements=_ref(legal_id),
                tthc__article=None if doc.article is None else self.text(doc.article),
            )
            rules.append(_ref(rule_id))
            resources_.append(_ref(legal_id))
        if rules:
            service["cpsv:follows"] = rules
            service["cv:hasLegalResource"] = resources_

    def finish(self) -> list[dict[str, Any]]:
        shared = [
            {k: v for k, v in node.items() if v is not None}
            for _, node in sorted(self.shared.items())
        ]
        return self.graph + shared


def _check_options(base_iri: object, lang: object, spatial: object) -> None:
    if not isinstance(base_iri, str) or not _BASE.fullmatch(base_iri):
        raise InvalidValueError(
            "to_cpsv_jsonld(base_iri)",
            base_iri,
            "an absolute IRI ending with '/', ':' or '#', such as 'https://data.example.org/tthc/'",
        )
    if base_iri.partition(":")[0] in _prefixes():
        # "cv:tthc/procedure/…" would read as a compact IRI through the context's prefix.
        raise InvalidValueError(
            "to_cpsv_jsonld(base_iri)",
            base_iri,
            f"an IRI whose scheme is not a prefix of the context ({', '.join(sorted(_prefixes()))})",
        )
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise InvalidValueError("to_cpsv_jsonld(lang)", lang, "a language tag such as 'vi'")
    if not isinstance(spatial, str) or not _BASE.fullmatch(spatial + "/"):
        raise InvalidValueError(
            "to_cpsv_jsonld(spatial)", spatial, "an absolute IRI of a place (dct:Location)"
        )


def to_cpsv_jsonld(
    procedures: Iterable[Procedure],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    lang: str = "vi",
    spatial: str = VIETNAM,
) -> dict[str, Any]:
    """Export procedures (*thủ tục hành chính*) as CPSV-AP 3.2.0 JSON-LD.

    Each procedure becomes a ``cpsv:PublicService`` whose IRI is ``<base_iri>procedure/<code>``;
    its parts get IRIs under it (``…/case/1/channel/2``, ``…/output/1``). The document has an
    inline ``@context`` (the prefixes of [`cpsv_context`][tthc.io.cpsv.cpsv_context]) and a flat
    ``@graph``: each procedure's nodes in order, then the shared nodes (tthc concepts, the
    currency, the place) sorted by IRI. The same procedures give the same document.

    Args:
        procedures: The procedures; their codes must differ (the IRIs derive from them).
        base_iri: The base of the IRIs of the nodes: an absolute IRI ending with ``/``, ``:`` or
            ``#``. The default ``urn:tthc:`` is a placeholder: publish under one you control.
        lang: The language tag of the text (names, descriptions, labels).
        spatial: The ``dct:spatial`` of every agency (CPSV-AP requires one; the records do not
            say where an agency is): by default Viet Nam in the EU country table.

    Returns:
        The JSON-LD document, ready for ``json.dumps(doc, ensure_ascii=False)``.

    Raises:
        InvalidValueError: An item is not a ``Procedure``, two procedures have the same code,
            or an option is malformed.

    Examples:
        >>> from tthc.procedures import Procedure, ProcedureCase
        >>> doc = to_cpsv_jsonld([Procedure(code="0.000001", name="Ví dụ",
        ...                                 cases=[ProcedureCase()])])
        >>> [node["@id"] for node in doc["@graph"]]
        ['urn:tthc:procedure/0.000001', 'urn:tthc:procedure/0.000001/case/1']
        >>> to_cpsv_jsonld([], base_iri="data.example.org")
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: to_cpsv_jsonld(base_iri): expected an absolute IRI ending with '/', ':' or '#', such as 'https://data.example.org/tthc/', got 'data.example.org'
    """
    _check_options(base_iri, lang, spatial)
    items: list[Procedure] = []
    services: dict[str, str] = {}
    for index, p in enumerate(procedures):
        if not isinstance(p, Procedure):
            raise InvalidValueError(f"to_cpsv_jsonld(procedures)[{index}]", p, "a tthc.Procedure")
        if p.code in services:
            raise InvalidValueError(
                f"to_cpsv_jsonld(procedures)[{index}].code",
                p.code,
                "a code no other procedure of the export has (the IRIs derive from it)",
            )
        services[p.code] = f"{base_iri}procedure/{p.code}"
        items.append(p)
    writer = _Writer(base_iri, lang, spatial, services)
    for p in items:
        writer.procedure(p)
    return {"@context": cpsv_context()["@context"], "@graph": writer.finish()}


@functools.cache
def _exact_double() -> type[Any]:
    """A ``Literal`` class whose Turtle is ``"12345678.0"^^xsd:double``, never rounded.

    rdflib's Turtle writer abbreviates every ``xsd:double`` with ``%e``, which keeps 7
    significant digits: a fee of 12,345,678 VND would be written ``1.234568e+07``
    (rdflib issues #1852 and #2918). Literals of this class take the full, typed form.
    """
    from rdflib import Literal  # noqa: PLC0415 - the optional rdf extra

    class ExactDouble(Literal):
        __slots__ = ()

        def _literal_n3(self, use_plain: bool = False, qname_callback: Any = None) -> str:  # noqa: ARG002, FBT001, FBT002 - rdflib's signature
            return super()._literal_n3(use_plain=False, qname_callback=qname_callback)

    return ExactDouble


def _rdflib_graph(doc: Mapping[str, Any], caller: str) -> Any:
    try:
        import rdflib  # noqa: PLC0415 - the optional rdf extra
    except ImportError:
        raise InvalidValueError(
            caller, "rdflib", "rdflib installed (pip install 'tthc[rdf]')"
        ) from None
    graph = rdflib.Graph()
    with warnings.catch_warnings():
        # rdflib 7.x's JSON-LD parser builds a ConjunctiveGraph internally and warns about its
        # own deprecation; the warning is not about this call.
        warnings.filterwarnings(
            "ignore", "ConjunctiveGraph is deprecated", category=DeprecationWarning
        )
        graph.parse(data=json.dumps(doc, ensure_ascii=False), format="json-ld")
    for prefix, namespace in _prefixes().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    double = rdflib.XSD.double
    for triple in list(graph.triples((None, None, None))):
        value = triple[2]
        if isinstance(value, rdflib.Literal) and value.datatype == double:
            graph.remove(triple)
            graph.add((triple[0], triple[1], _exact_double()(str(value), datatype=double)))
    return graph


def to_cpsv_turtle(
    procedures: Iterable[Procedure],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    lang: str = "vi",
    spatial: str = VIETNAM,
) -> str:
    """Export procedures (*thủ tục hành chính*) as CPSV-AP 3.2.0 Turtle.

    The graph of [`to_cpsv_jsonld`][tthc.io.cpsv.to_cpsv_jsonld], parsed and written by
    ``rdflib`` (the ``rdf`` extra: ``pip install 'tthc[rdf]'``).

    Args:
        procedures: The procedures; their codes must differ.
        base_iri: The base of the IRIs, as for ``to_cpsv_jsonld``.
        lang: The language tag of the text.
        spatial: The ``dct:spatial`` of every agency.

    Returns:
        The Turtle text, with the prefixes of the context.

    Raises:
        InvalidValueError: rdflib is not installed, or an argument is refused by
            ``to_cpsv_jsonld``.

    Examples:
        >>> from tthc.procedures import Procedure, ProcedureCase
        >>> text = to_cpsv_turtle([Procedure(code="0.000001", name="Ví dụ",
        ...                                  cases=[ProcedureCase()])])
        >>> "cpsv:PublicService" in text and '"Ví dụ"@vi' in text
        True
    """
    doc = to_cpsv_jsonld(procedures, base_iri=base_iri, lang=lang, spatial=spatial)
    text: str = _rdflib_graph(doc, "to_cpsv_turtle").serialize(format="turtle")
    return text


# --- reading -------------------------------------------------------------------------------------

_Value = tuple[Literal["id"], str] | tuple[Literal["literal"], Any, str | None, str | None]


class _Problem(Exception):  # noqa: N818 - internal signal, never escapes the module
    """A problem with one node, reported in the ``LoadError``."""


class _Graph:
    """The nodes of a flat JSON-LD document, keys and types expanded to full IRIs."""

    def __init__(self, doc: Mapping[str, Any], lang: str) -> None:
        self.lang = lang
        self.terms = self._context(doc.get("@context", {}))
        self.nodes: dict[str, dict[str, list[_Value]]] = {}
        self.order: list[str] = []
        self.blank = 0
        graph = doc.get("@graph", [doc] if "@id" in doc else [])
        if not isinstance(graph, list):
            msg = "@graph: expected a list of nodes"
            raise _Problem(msg)
        for item in graph:
            if not isinstance(item, Mapping):
                msg = f"@graph: expected nodes (JSON objects), got {item!r}"
                raise _Problem(msg)
            self.add(item)

    def _context(self, context: Any) -> dict[str, str]:
        terms: dict[str, str] = {}
        for part in context if isinstance(context, list) else [context]:
            if not isinstance(part, Mapping):
                msg = f"@context: expected an inline context (a JSON object), got {part!r}"
                raise _Problem(msg)
            for key, value in part.items():
                if isinstance(value, str):
                    terms[key] = value
                elif isinstance(value, Mapping) and isinstance(value.get("@id"), str):
                    terms[key] = value["@id"]
        return terms

    def expand(self, term: str) -> str:
        if term in self.terms:
            return self.terms[term]
        prefix, colon, rest = term.partition(":")
        if colon and prefix in self.terms and not rest.startswith("//"):
            return self.terms[prefix] + rest
        return term

    def add(self, item: Mapping[str, Any]) -> str:
        iri = item.get("@id")
        if not isinstance(iri, str):
            self.blank += 1
            iri = f"_:b{self.blank}"
        iri = self.expand(iri)
        node = self.nodes.get(iri)
        if node is None:
            node = self.nodes[iri] = {}
            self.order.append(iri)
        for key, raw in item.items():
            if key == "@id":
                continue
            prop = "@type" if key == "@type" else self.expand(key)
            values = node.setdefault(prop, [])
            for value in raw if isinstance(raw, list) else [raw]:
                values.extend(self.values(prop, value))
        return iri

    def values(self, prop: str, value: Any) -> list[_Value]:
        if prop == "@type":
            return [("id", self.expand(str(value)))]
        if isinstance(value, Mapping):
            if "@list" in value or "@set" in value:
                inner = value.get("@list", value.get("@set"))
                items = inner if isinstance(inner, list) else [inner]
                return [v for item in items for v in self.values(prop, item)]
            if "@value" in value:
                datatype = value.get("@type")
                return [
                    (
                        "literal",
                        value["@value"],
                        value.get("@language"),
                        None if datatype is None else self.expand(str(datatype)),
                    )
                ]
            if set(value) == {"@id"}:
                return [("id", self.expand(str(value["@id"])))]
            return [("id", self.add(value))]  # an embedded node
        return [("literal", value, None, None)]

    # --- access ----------------------------------------------------------------------------

    def of_type(self, rdf_type: str) -> list[str]:
        return [iri for iri in self.order if ("id", rdf_type) in self.nodes[iri].get("@type", [])]

    def node(self, iri: str) -> dict[str, list[_Value]]:
        found = self.nodes.get(iri)
        if found is None:
            msg = f"<{iri}> is referred to but not in the @graph"
            raise _Problem(msg)
        return found

    def refs(self, iri: str, prop: str) -> list[str]:
        return [v[1] for v in self.node(iri).get(prop, []) if v[0] == "id"]

    def ref(self, iri: str, prop: str) -> str | None:
        refs = self.refs(iri, prop)
        return refs[0] if refs else None

    def literals(self, iri: str, prop: str) -> list[tuple[Any, str | None, str | None]]:
        return [(v[1], v[2], v[3]) for v in self.node(iri).get(prop, []) if v[0] == "literal"]

    def text(self, iri: str, prop: str) -> str | None:
        """The text in the reader's language; else untagged text; else any text."""
        found = self.literals(iri, prop)
        for wanted in (self.lang, None):
            for value, lang, _ in found:
                if lang == wanted and isinstance(value, str):
                    return value
        for value, _, _ in found:
            if isinstance(value, str):
                return value
        return None

    def required_text(self, iri: str, prop: str, short: str) -> str:
        value = self.text(iri, prop)
        if value is None:
            msg = f"<{iri}> has no {short}"
            raise _Problem(msg)
        return value

    def lexical(self, iri: str, prop: str) -> str | None:
        found = self.literals(iri, prop)
        if not found:
            return None
        value = found[0][0]
        return value if isinstance(value, str) else json.dumps(value)

    def flag(self, iri: str, prop: str, default: bool) -> bool:  # noqa: FBT001
        text = self.lexical(iri, prop)
        if text is None:
            return default
        if text not in ("true", "false"):
            msg = f"<{iri}> {prop}: expected true or false, got {text!r}"
            raise _Problem(msg)
        return text == "true"

    def count(self, iri: str, prop: str, default: int) -> int:
        text = self.lexical(iri, prop)
        if text is None:
            return default
        if not text.isdigit():
            msg = f"<{iri}> {prop}: expected a whole number >= 0, got {text!r}"
            raise _Problem(msg)
        return int(text)

    def member(self, iri: str, prop: str, cls: type[enum.Enum]) -> Any:
        ref = self.ref(iri, prop)
        if ref is None:
            return None
        found = _BY_CONCEPT.get(ref)
        if not isinstance(found, cls):
            msg = f"<{iri}> {prop}: expected a concept of the tthc scheme of {cls.__name__}, got <{ref}>"
            raise _Problem(msg)
        return found


_EXPANDED: Final = re.compile(r"(?P<prefix>[a-z]+):(?P<name>[A-Za-z_]+)")


def _iri(compact: str) -> str:
    """The full IRI of a compact IRI of the context (``"dct:title"``)."""
    match = _EXPANDED.fullmatch(compact)
    if match is None or match["prefix"] not in _prefixes():  # pragma: no cover - our constants
        msg = f"not a compact IRI of the context: {compact!r}"
        raise AssertionError(msg)
    return _prefixes()[match["prefix"]] + match["name"]


class _Reader:
    """Procedures from a ``_Graph``: one ``read`` per ``cpsv:PublicService`` node."""

    def __init__(self, graph: _Graph) -> None:
        self.g = graph

    def p(self, compact: str) -> str:
        return _iri(compact)

    def document(self, owner: str, ref: str | None, role: str) -> tuple[str | None, str | None]:
        """(name, url) of a ``foaf:Document`` written by ``_Writer.document``."""
        if ref is None:
            return None, None
        url = self.g.lexical(ref, self.p("tthc:url"))
        if url is None and ref != f"{owner}/{role}":
            url = ref
        return self.g.text(ref, self.p("dct:title")), url

    def attachment(self, owner: str, role: str) -> Attachment | None:
        name, url = self.document(owner, self.g.ref(owner, self.p("foaf:page")), role)
        if name is None:
            return None
        return Attachment(name=name, url=url)

    def read(self, sid: str) -> Procedure:
        g, p = self.g, self.p
        code = g.lexical(sid, p("dct:identifier"))
        if code is None:
            msg = f"<{sid}> has no dct:identifier (the procedure code)"
            raise _Problem(msg)
        name = g.required_text(sid, p("dct:title"), "dct:title (the name)")
        description = g.text(sid, p("dct:description"))
        online = [
            m
            for r in g.refs(sid, p("cv:isClassifiedBy"))
            if isinstance(m := _BY_CONCEPT.get(r), OnlineServiceLevel)
        ]
        if len(online) > 1:
            msg = f"<{sid}> has {len(online)} online service levels"
            raise _Problem(msg)
        keywords = g.text(sid, p("dcat:keyword"))
        return Procedure(
            code=code,
            name=name,
            **_given(
                description=None if description == name else description,
                keywords=keywords,
                online_level=online[0] if online else None,
            ),
            authority_levels=[
                m
                for r in g.refs(sid, p("cv:isClassifiedBy"))
                if isinstance(m := _BY_CONCEPT.get(r), AuthorityLevel)
            ],
            sectors=[
                Sector(name=n, **_given(code=c))
                for n, c in self.labels(sid, "cv:thematicArea", "sector")
            ],
            subjects=[
                Subject(name=n, **_given(code=c))
                for n, c in self.labels(sid, "dct:audience", "audience")
            ],
            cases=self.cases(sid),
            results=[self.result(r) for r in g.refs(sid, p("cpsv:produces"))],
            requirements=[
                g.required_text(r, p("dct:title"), "dct:title")
                for r in g.refs(sid, p("cv:holdsRequirement"))
            ],
            legal_basis=self.legal_basis(sid),
            related_procedures=[
                related
                for r in g.refs(sid, p("cv:relatedService"))
                if r in g.nodes and (related := g.lexical(r, p("dct:identifier"))) is not None
            ],
            **self.agencies(sid),
        )

    def labels(self, sid: str, prop: str, what: str) -> list[tuple[str, str | None]]:
        g, p = self.g, self.p
        return [
            (
                g.required_text(r, p("skos:prefLabel"), f"skos:prefLabel (the {what}'s name)"),
                g.lexical(r, p("skos:notation")),
            )
            for r in g.refs(sid, p(prop))
        ]

    def agencies(self, sid: str) -> dict[str, Any]:
        g, p = self.g, self.p

        def read(prop: str) -> list[Agency]:
            return [
                Agency(
                    name=g.required_text(r, p("skos:prefLabel"), "skos:prefLabel (its name)"),
                    **_given(code=g.lexical(r, p("skos:notation"))),
                )
                for r in g.refs(sid, p(prop))
            ]

        stand_in = g.flag(sid, p("tthc:competentAuthorityIsImplementing"), default=False)
        return {
            "competent_agencies": [] if stand_in else read("cv:hasCompetentAuthority"),
            "implementing_agencies": read("tthc:implementingAgency"),
            "delegated_agencies": read("tthc:delegatedAgency"),
            "coordinating_agencies": read("tthc:coordinatingAgency"),
        }

    def cases(self, sid: str) -> list[ProcedureCase]:
        g, p = self.g, self.p
        names: dict[str | None, str | None] = {}  # case IRI -> name (None: the general case)
        for case_id in g.refs(sid, p("tthc:hasCase")):
            names[case_id] = g.text(case_id, p("tthc:caseName"))
        options: dict[str | None, list[tuple[str, ChannelOption]]] = {c: [] for c in names}
        fees: dict[str, list[Fee]] = {}
        for cost in g.refs(sid, p("cv:hasCost")):
            channel = g.ref(cost, p("cv:ifAccessedThrough"))
            if channel is None:
                msg = f"<{cost}> has no cv:ifAccessedThrough (tthc keeps fees per channel)"
                raise _Problem(msg)
            fees.setdefault(channel, []).append(self.fee(cost))
        for channel_id in g.refs(sid, p("cv:hasChannel")):
            option = self.option(channel_id, fees.get(channel_id, []))
            options.setdefault(self.case_of(channel_id, names), []).append((channel_id, option))
        components: dict[str | None, list[Component]] = {c: [] for c in names}
        for evidence in g.refs(sid, p("cpsv:hasInput")):
            case = self.case_of(evidence, names)
            components.setdefault(case, []).append(self.component(evidence))
        order: list[str | None] = list(names)
        if None not in names and (options.get(None) or components.get(None)):
            order.append(None)  # channels and papers of a document that names no case
        return [
            ProcedureCase(
                channels=[o for _, o in options.get(c, [])],
                components=components.get(c, []),
                **_given(name=names.get(c)),
            )
            for c in order
        ] or [ProcedureCase()]

    def case_of(self, iri: str, names: dict[str | None, str | None]) -> str | None:
        case_id = self.g.ref(iri, self.p("tthc:case"))
        if case_id is not None and case_id not in names:
            msg = f"<{iri}> tthc:case: <{case_id}> is not one of the service's tthc:hasCase"
            raise _Problem(msg)
        return case_id

    def option(self, channel_id: str, fees: list[Fee]) -> ChannelOption:
        g, p = self.g, self.p
        channel = g.member(channel_id, p("dct:type"), Channel)
        if channel is None:
            msg = f"<{channel_id}> has no dct:type (in person, online or postal)"
            raise _Problem(msg)
        text = g.text(channel_id, p("tthc:processingTimeText"))
        xsd = g.lexical(channel_id, p("cv:processingTime"))
        time = (
            Duration.parse(text)
            if text is not None
            else (None if xsd is None else _from_xsd_duration(xsd))
        )
        return ChannelOption(
            channel=channel,
            processing_time=time,
            fees=fees,
            **_given(description=g.text(channel_id, p("dct:description"))),
        )

    def fee(self, cost: str) -> Fee:
        g, p = self.g, self.p
        value = g.lexical(cost, p("cv:hasValue"))
        amount = None
        if value is not None:
            try:
                amount = Decimal(value)
            except InvalidOperation:
                msg = f"<{cost}> cv:hasValue: expected a number, got {value!r}"
                raise _Problem(msg) from None
        currency = g.ref(cost, p("cv:currency"))
        if currency not in (None, VND):
            msg = f"<{cost}> cv:currency: expected <{VND}> (tthc amounts are in VND), got <{currency}>"
            raise _Problem(msg)
        return Fee(
            kind=g.member(cost, p("tthc:feeKind"), FeeKind),
            amount=amount,
            attachment=self.attachment(cost, "attachment"),
            **_given(
                description=g.text(cost, p("dct:description")),
                code=g.lexical(cost, p("skos:notation")),
            ),
        )

    def component(self, evidence: str) -> Component:
        g, p = self.g, self.p
        return Component(
            name=g.required_text(evidence, p("dct:title"), "dct:title (the paper's name)"),
            originals=g.count(evidence, p("tthc:originals"), 1),
            copies=g.count(evidence, p("tthc:copies"), 0),
            form=self.attachment(evidence, "form"),
            mandatory=g.flag(evidence, p("tthc:mandatory"), default=True),
            **_given(
                code=g.lexical(evidence, p("skos:notation")),
                replaceable_by_result_code=g.lexical(evidence, p("tthc:replaceableByResult")),
            ),
        )

    def result(self, output: str) -> Result:
        g, p = self.g, self.p
        return Result(
            name=g.required_text(output, p("dct:title"), "dct:title (the result's name)"),
            template=self.attachment(output, "template"),
            **_given(code=g.lexical(output, p("skos:notation"))),
        )

    def legal_basis(self, sid: str) -> list[LegalDocument]:
        g, p = self.g, self.p
        found: list[tuple[str, str | None]] = []
        for rule in g.refs(sid, p("cpsv:follows")):
            legal = g.ref(rule, p("cpsv:implements"))
            if legal is not None:
                found.append((legal, g.text(rule, p("tthc:article"))))
        covered = {legal for legal, _ in found}
        found += [(r, None) for r in g.refs(sid, p("cv:hasLegalResource")) if r not in covered]
        return [self.legal_document(legal, article) for legal, article in found]

    def date(self, iri: str, prop: str) -> dt.date | None:
        text = self.g.lexical(iri, self.p(prop))
        if text is None:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            msg = f"<{iri}> {prop}: expected a date YYYY-MM-DD, got {text!r}"
            raise _Problem(msg) from None

    def legal_document(self, legal: str, article: str | None) -> LegalDocument:
        g, p = self.g, self.p
        number = g.lexical(legal, p("dct:identifier"))
        if number is None:
            msg = f"<{legal}> has no dct:identifier (the document's number)"
            raise _Problem(msg)
        issuer = g.ref(legal, p("eli:passed_by"))
        _, url = self.document(legal, g.ref(legal, p("foaf:page")), "page")
        return LegalDocument(
            number=number,
            issued_on=self.date(legal, "eli:date_document"),
            effective_from=self.date(legal, "eli:first_date_entry_in_force"),
            effective_to=self.date(legal, "eli:date_no_longer_in_force"),
            url=url,
            **_given(
                title=g.text(legal, p("dct:title")),
                issuer=None if issuer is None else g.text(issuer, p("dct:title")),
                article=article,
            ),
        )


def from_cpsv_jsonld(
    source: Mapping[str, Any] | str | bytes | os.PathLike[str],
    *,
    lang: str = "vi",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Procedure]:
    """Read procedures (*thủ tục hành chính*) back from CPSV-AP JSON-LD.

    Reads documents in the shape [`to_cpsv_jsonld`][tthc.io.cpsv.to_cpsv_jsonld] writes: an
    inline ``@context`` of prefixes (any prefix names) and a ``@graph`` of nodes, with
    references as ``{"@id": ...}``. Each ``cpsv:PublicService`` node, in document order, gives
    one procedure with the fields the export keeps; the fields in
    [`NOT_EXPORTED`][tthc.io.cpsv.NOT_EXPORTED] get their defaults. For other JSON-LD (remote
    contexts, term aliases, value coercion), flatten it with a JSON-LD processor and this
    module's context first.

    Args:
        source: The document (a dict), its JSON text, or a path to it.
        lang: The language of the text to read, when a value is given in several.
        max_bytes: Files (or text) larger than this are refused before they are read.

    Returns:
        The procedures.

    Raises:
        LoadError: The input cannot be read, or some services cannot be made into procedures;
            ``.problems`` names the node of each problem (the first problem of every bad
            service). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.

    Examples:
        >>> from_cpsv_jsonld({"@context": {"dct": "http://purl.org/dc/terms/",
        ...                                "cpsv": "http://purl.org/vocab/cpsv#"},
        ...                   "@graph": [{"@id": "urn:x:1", "@type": "cpsv:PublicService",
        ...                               "dct:identifier": "0.000009"}]})
        Traceback (most recent call last):
        ...
        tthc.errors.LoadError: could not load <CPSV-AP JSON-LD>:
          - <urn:x:1> has no dct:title (the name)
    """
    if isinstance(source, Mapping):
        data: Any = source
        name = "<CPSV-AP JSON-LD>"
    else:
        data, name = read_json(source, max_bytes=max_bytes)
        if name == "<JSON text>":
            name = "<CPSV-AP JSON-LD>"
    if not isinstance(data, Mapping):
        raise LoadError(name, ["$: expected a JSON-LD document (a JSON object)"])
    try:
        graph = _Graph(data, lang)
    except _Problem as exc:
        raise LoadError(name, [str(exc)]) from None
    reader = _Reader(graph)
    procedures: list[Procedure] = []
    problems: list[str] = []
    for sid in graph.of_type(_iri("cpsv:PublicService")):
        try:
            procedures.append(reader.read(sid))
        except _Problem as exc:
            problems.append(str(exc))
        except InvalidValueError as exc:
            problems.append(f"<{sid}>: {exc}")
    if problems:
        raise LoadError(name, problems)
    return procedures
