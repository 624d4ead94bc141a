"""The nodes of a flat JSON-LD document, keys and types expanded to full IRIs (private).

What ``tthc.io.cpsv``'s reader walks: enough of JSON-LD for the documents the export writes (an
inline context of prefixes, a ``@graph`` of nodes, references as ``{"@id": ...}``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from tthc.errors import shown
from tthc.io.cpsv._vocab import BY_CONCEPT

if TYPE_CHECKING:
    import enum

__all__ = ["Graph", "Problem", "Value"]

Value = tuple[Literal["id"], str] | tuple[Literal["literal"], Any, str | None, str | None]


class Problem(Exception):  # noqa: N818 - internal signal: from_cpsv_jsonld makes it a LoadError
    """A problem with one node, reported in the ``LoadError``."""


class Graph:
    """The nodes of a flat JSON-LD document, keys and types expanded to full IRIs."""

    def __init__(self, doc: Mapping[str, Any], lang: str) -> None:
        self.lang = lang
        self.terms = self._context(doc.get("@context", {}))
        self.nodes: dict[str, dict[str, list[Value]]] = {}
        self.order: list[str] = []
        self.blank = 0
        graph = doc.get("@graph", [doc] if "@id" in doc else [])
        if not isinstance(graph, list):
            msg = "@graph: expected a list of nodes"
            raise Problem(msg)
        for item in graph:
            if not isinstance(item, Mapping):
                msg = f"@graph: expected nodes (JSON objects), got {shown(item)}"
                raise Problem(msg)
            self.add(item)

    def _context(self, context: Any) -> dict[str, str]:
        terms: dict[str, str] = {}
        for part in context if isinstance(context, list) else [context]:
            if not isinstance(part, Mapping):
                msg = f"@context: expected an inline context (a JSON object), got {shown(part)}"
                raise Problem(msg)
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

    def values(self, prop: str, value: Any) -> list[Value]:
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

    def node(self, iri: str) -> dict[str, list[Value]]:
        found = self.nodes.get(iri)
        if found is None:
            msg = f"<{iri}> is referred to but not in the @graph"
            raise Problem(msg)
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
            raise Problem(msg)
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
            msg = f"<{iri}> {prop}: expected true or false, got {shown(text)}"
            raise Problem(msg)
        return text == "true"

    def count(self, iri: str, prop: str, default: int) -> int:
        text = self.lexical(iri, prop)
        if text is None:
            return default
        if not text.isdigit():
            msg = f"<{iri}> {prop}: expected a whole number >= 0, got {shown(text)}"
            raise Problem(msg)
        return int(text)

    def member(self, iri: str, prop: str, cls: type[enum.Enum]) -> Any:
        ref = self.ref(iri, prop)
        if ref is None:
            return None
        found = BY_CONCEPT.get(ref)
        if not isinstance(found, cls):
            msg = f"<{iri}> {prop}: expected a concept of the tthc scheme of {cls.__name__}, got <{ref}>"
            raise Problem(msg)
        return found
