"""Procedures written as CPSV-AP Turtle through rdflib, the ``rdf`` extra (private; see ``tthc.io.cpsv``).

rdflib is imported when a function here runs, not with the module: without it, the error names
the extra to install.
"""

from __future__ import annotations

import functools
import json
import warnings
from typing import TYPE_CHECKING, Any

from tthc.errors import InvalidValueError
from tthc.io.cpsv._export import to_cpsv_jsonld
from tthc.io.cpsv._vocab import DEFAULT_BASE_IRI, VIETNAM, prefixes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from tthc.procedures import Procedure

__all__ = ["to_cpsv_turtle"]


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
    for prefix, namespace in prefixes().items():
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
