"""The vocabularies of the CPSV-AP export (private; see ``tthc.io.cpsv``).

Its constants, the JSON-LD context and SHACL shapes shipped next to this module (read with
``importlib.resources``), and tthc's concept schemes (channels, units, fee kinds, levels).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from tthc.durations import DurationUnit
from tthc.errors import shown
from tthc.procedures import AuthorityLevel, Channel, FeeKind
from tthc.procedures.service_levels import OnlineServiceLevel

if TYPE_CHECKING:
    import enum

__all__ = [
    "BY_CONCEPT",
    "CPSV_AP_VERSION",
    "DEFAULT_BASE_IRI",
    "NOT_EXPORTED",
    "SCHEMES",
    "TTHC_VOCAB",
    "VIETNAM",
    "VND",
    "concept_iri",
    "cpsv_context",
    "iri",
    "prefixes",
    "shapes_text",
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

# --- data files ----------------------------------------------------------------------------------


def _data(name: str) -> str:
    return resources.files("tthc.io.cpsv").joinpath(name).read_text("utf-8")


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
def prefixes() -> dict[str, str]:
    """The context's prefixes and their namespaces (read once)."""
    found: dict[str, str] = cpsv_context()["@context"]
    return found


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

SCHEMES: Final[dict[type[enum.Enum], tuple[str, str, str]]] = {
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


def concept_iri(member: enum.Enum) -> str:
    """The IRI of a member's concept in its tthc scheme (``urn:tthc:vocab#channel-online``)."""
    _, prefix, _ = SCHEMES[type(member)]
    return f"{TTHC_VOCAB}{prefix}-{member.name.lower().replace('_', '-')}"


BY_CONCEPT: Final[dict[str, enum.Enum]] = {
    concept_iri(member): member for cls in SCHEMES for member in cls.__members__.values()
}

_EXPANDED: Final = re.compile(r"(?P<prefix>[a-z]+):(?P<name>[A-Za-z_]+)")


def iri(compact: str) -> str:
    """The full IRI of a compact IRI of the context (``"dct:title"``)."""
    match = _EXPANDED.fullmatch(compact)
    if match is None or match["prefix"] not in prefixes():  # pragma: no cover - our constants
        msg = f"not a compact IRI of the context: {shown(compact)}"
        raise AssertionError(msg)
    return prefixes()[match["prefix"]] + match["name"]
