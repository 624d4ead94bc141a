"""A small JSON Schema checker for the subset of draft 2020-12 that tthc.io.schema generates.

``jsonschema`` is not a dependency of the tests; this checker covers exactly the keywords the
generator writes (and fails loudly on any other), so that the schema can be tested against real
dumped data without it. When ``jsonschema`` is installed the tests also use it.
"""

from __future__ import annotations

import re
from typing import Any

_KNOWN = {
    "$schema",
    "$ref",
    "$defs",
    "title",
    "description",
    "default",
    "format",
    "type",
    "enum",
    "pattern",
    "minimum",
    "minItems",
    "items",
    "anyOf",
    "properties",
    "required",
    "additionalProperties",
}

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def errors(
    schema: dict[str, Any], instance: Any, root: dict[str, Any] | None = None, path: str = "$"
) -> list[str]:
    """Every way ``instance`` breaks ``schema``, one line each (empty when it conforms)."""
    root = schema if root is None else root
    unknown = set(schema) - _KNOWN
    if unknown:
        msg = f"schema keywords the checker does not know: {sorted(unknown)}"
        raise ValueError(msg)
    found: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        found += errors(root["$defs"][name], instance, root, path)
    if "type" in schema and not _TYPES[schema["type"]](instance):
        return [*found, f"{path}: not of type {schema['type']}"]
    if "enum" in schema and not any(
        instance == e and type(instance) is type(e) for e in schema["enum"]
    ):
        found.append(f"{path}: not one of {schema['enum']}")
    if (
        "pattern" in schema
        and isinstance(instance, str)
        and not re.search(schema["pattern"], instance)
    ):
        found.append(f"{path}: does not match {schema['pattern']!r}")
    if "minimum" in schema and isinstance(instance, (int, float)) and instance < schema["minimum"]:
        found.append(f"{path}: below {schema['minimum']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            found.append(f"{path}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(instance):
                found += errors(schema["items"], item, root, f"{path}[{i}]")
    if "anyOf" in schema and all(
        errors(option, instance, root, path) for option in schema["anyOf"]
    ):
        found.append(f"{path}: matches none of anyOf")
    if isinstance(instance, dict) and "properties" in schema:
        found += [
            f"{path}: missing {key!r}" for key in schema.get("required", []) if key not in instance
        ]
        for key, value in instance.items():
            if key in schema["properties"]:
                found += errors(schema["properties"][key], value, root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected key {key!r}")
    return found
