"""Procedures written as CPSV-AP 3.2.0 JSON-LD (private; see ``tthc.io.cpsv``)."""

from __future__ import annotations

import fractions
import re
from typing import TYPE_CHECKING, Any, Final

from tthc.durations import DurationUnit
from tthc.errors import InvalidValueError
from tthc.io.cpsv._vocab import (
    DEFAULT_BASE_IRI,
    SCHEMES,
    TTHC_VOCAB,
    VIETNAM,
    VND,
    concept_iri,
    cpsv_context,
    prefixes,
)
from tthc.io.cpsv._xsd import number_text, xsd_duration
from tthc.procedures import Procedure

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterable

    from tthc.procedures import Agency, Channel, ChannelOption, Component, Sector, Subject

__all__ = ["to_cpsv_jsonld"]

_BASE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*[/:#]")
_LANG: Final = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# URLs that are written as IRIs; any other text (spaces, relative paths) is kept as a literal.
_WEB_IRI: Final = re.compile(
    r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+"
)


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
        iri = concept_iri(member)
        if iri not in self.shared:
            scheme, _, scheme_name = SCHEMES[type(member)]
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
                exact.add(None if time is None else xsd_duration(time))
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
        xsd = xsd_duration(time)
        if xsd is not None:
            node["cv:processingTime"] = _typed(xsd, "xsd:duration")
        node["tthc:processingTimeText"] = self.text(str(time))
        node["tthc:processingTimeUnit"] = self.concept(time.unit)
        if time.unit is not DurationUnit.SAME_DAY:
            # The canonical form of an xsd:decimal (XSD 1.1 §3.3.3.2): "5.0", "0.5".
            value = str(number_text(fractions.Fraction(time.value)))
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
    if base_iri.partition(":")[0] in prefixes():
        # "cv:tthc/procedure/…" would read as a compact IRI through the context's prefix.
        raise InvalidValueError(
            "to_cpsv_jsonld(base_iri)",
            base_iri,
            f"an IRI whose scheme is not a prefix of the context ({', '.join(sorted(prefixes()))})",
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
