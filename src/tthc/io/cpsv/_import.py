"""Procedures read back from CPSV-AP JSON-LD (private; see ``tthc.io.cpsv``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from tthc.durations import Duration
from tthc.errors import InvalidValueError, LoadError, shown
from tthc.io._converter import DEFAULT_MAX_BYTES, json_data_problem, read_json
from tthc.io.cpsv._graph import Graph, Problem
from tthc.io.cpsv._vocab import BY_CONCEPT, VND, iri
from tthc.io.cpsv._xsd import from_xsd_duration
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
    import os

__all__ = ["from_cpsv_jsonld"]


def _given(**fields: Any) -> dict[str, Any]:
    """The keyword arguments that are not ``None``: the others keep the record's defaults."""
    return {k: v for k, v in fields.items() if v is not None}


class _Reader:
    """Procedures from a ``Graph``: one ``read`` per ``cpsv:PublicService`` node."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph

    def p(self, compact: str) -> str:
        return iri(compact)

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
            raise Problem(msg)
        name = g.required_text(sid, p("dct:title"), "dct:title (the name)")
        description = g.text(sid, p("dct:description"))
        online = [
            m
            for r in g.refs(sid, p("cv:isClassifiedBy"))
            if isinstance(m := BY_CONCEPT.get(r), OnlineServiceLevel)
        ]
        if len(online) > 1:
            msg = f"<{sid}> has {len(online)} online service levels"
            raise Problem(msg)
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
                if isinstance(m := BY_CONCEPT.get(r), AuthorityLevel)
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
                raise Problem(msg)
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
            raise Problem(msg)
        return case_id

    def option(self, channel_id: str, fees: list[Fee]) -> ChannelOption:
        g, p = self.g, self.p
        channel = g.member(channel_id, p("dct:type"), Channel)
        if channel is None:
            msg = f"<{channel_id}> has no dct:type (in person, online or postal)"
            raise Problem(msg)
        text = g.text(channel_id, p("tthc:processingTimeText"))
        xsd = g.lexical(channel_id, p("cv:processingTime"))
        time = (
            Duration.parse(text)
            if text is not None
            else (None if xsd is None else from_xsd_duration(xsd))
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
                msg = f"<{cost}> cv:hasValue: expected a number, got {shown(value)}"
                raise Problem(msg) from None
        currency = g.ref(cost, p("cv:currency"))
        if currency not in (None, VND):
            msg = f"<{cost}> cv:currency: expected <{VND}> (tthc amounts are in VND), got <{currency}>"
            raise Problem(msg)
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
            msg = f"<{iri}> {prop}: expected a date YYYY-MM-DD, got {shown(text)}"
            raise Problem(msg) from None

    def legal_document(self, legal: str, article: str | None) -> LegalDocument:
        g, p = self.g, self.p
        number = g.lexical(legal, p("dct:identifier"))
        if number is None:
            msg = f"<{legal}> has no dct:identifier (the document's number)"
            raise Problem(msg)
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
    # The graph is read recursively (embedded nodes), and numbers are printed into IRIs.
    too_much = json_data_problem(data)
    if too_much is not None:
        raise LoadError(name, [f"$: expected {too_much[1]}, got {shown(too_much[0])}"])
    try:
        graph = Graph(data, lang)
    except Problem as exc:
        raise LoadError(name, [str(exc)]) from None
    reader = _Reader(graph)
    procedures: list[Procedure] = []
    problems: list[str] = []
    for sid in graph.of_type(iri("cpsv:PublicService")):
        try:
            procedures.append(reader.read(sid))
        except Problem as exc:
            problems.append(str(exc))
        except InvalidValueError as exc:
            problems.append(f"<{sid}>: {exc}")
    if problems:
        raise LoadError(name, problems)
    return procedures
