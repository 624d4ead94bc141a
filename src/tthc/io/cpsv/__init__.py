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

from tthc.io.cpsv._export import to_cpsv_jsonld
from tthc.io.cpsv._import import from_cpsv_jsonld
from tthc.io.cpsv._turtle import to_cpsv_turtle
from tthc.io.cpsv._vocab import (
    CPSV_AP_VERSION,
    DEFAULT_BASE_IRI,
    NOT_EXPORTED,
    TTHC_VOCAB,
    VIETNAM,
    VND,
    cpsv_context,
    shapes_text,
)

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
