"""Reading the index from its JSON files (private).

See [`tthc.indicators.decision766`][tthc.indicators.decision766] for the index itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from tthc._files import read_json
from tthc.errors import InvalidValueError, LoadError, shown

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

from tthc.indicators.decision766._index import Index766
from tthc.indicators.decision766._model import _DATA_FILES, FORMATS, Indicator, IndicatorGroup

_TOP_KEYS: Final = {
    "format",
    "version",
    "document",
    "signed_on",
    "title",
    "notes",
    "sources",
    "groups",
}
_GROUP_KEYS: Final = {
    "id",
    "name",
    "name_en",
    "max_points",
    "certainty",
    "sources",
    "notes",
    "indicators",
}
_INDICATOR_KEYS: Final = {
    "id",
    "name",
    "name_en",
    "formula",
    "measure",
    "certainty",
    "sources",
    "threshold",
    "threshold_certainty",
    "max_points",
    "max_points_certainty",
    "max_points_sources",
    "notes",
    "scope",
    "not_applicable",
}


def _resolve(
    keys: object, sources: Mapping[str, str], where: str, problems: list[str]
) -> tuple[str, ...]:
    if not isinstance(keys, list):
        problems.append(f"{where}: expected a list of source keys")
        return ()
    out = []
    for key in keys:
        if not isinstance(key, str) or key not in sources:
            problems.append(f"{where}: unknown source {shown(key)}")
        else:
            out.append(sources[key])
    return tuple(out)


def _build(cls: type[Any], options: dict[str, Any], where: str, problems: list[str]) -> Any:
    try:
        return cls(**options)
    except (InvalidValueError, TypeError, ValueError) as exc:
        problems.append(f"{where}: {exc}")
        return None


def _list_at(owner: dict[str, Any], key: str, where: str, problems: list[str]) -> list[Any]:
    """The JSON array under ``key`` (empty when absent); anything else is one problem."""
    value = owner.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(f"{where}.{key}: expected a list, got {shown(value)}")
    return []


def _index_from(data: object, source: str) -> Index766:
    if not isinstance(data, dict):
        raise LoadError(source, ["$: expected a JSON object"])
    problems: list[str] = []
    if not isinstance(data.get("format"), str) or data.get("format") not in FORMATS:
        formats = " or ".join(repr(f) for f in sorted(FORMATS))
        problems.append(f"$.format: expected {formats}, got {shown(data.get('format'))}")
    problems += [f"$.{k}: unknown key" for k in sorted(set(data) - _TOP_KEYS)]
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        problems.append("$.sources: expected an object of key → citation")
        sources = {}
    groups = []
    for gi, g in enumerate(_list_at(data, "groups", "$", problems)):
        where = f"$.groups[{gi}]"
        if not isinstance(g, dict):
            problems.append(f"{where}: expected an object")
            continue
        problems += [f"{where}.{k}: unknown key" for k in sorted(set(g) - _GROUP_KEYS)]
        indicators = []
        for ii, raw in enumerate(_list_at(g, "indicators", where, problems)):
            iwhere = f"{where}.indicators[{ii}]"
            if not isinstance(raw, dict):
                problems.append(f"{iwhere}: expected an object")
                continue
            problems += [f"{iwhere}.{k}: unknown key" for k in sorted(set(raw) - _INDICATOR_KEYS)]
            options = {k: v for k, v in raw.items() if k in _INDICATOR_KEYS}
            options["sources"] = _resolve(raw.get("sources", []), sources, iwhere, problems)
            options["max_points_sources"] = _resolve(
                raw.get("max_points_sources", []), sources, iwhere, problems
            )
            indicator = _build(Indicator, options, iwhere, problems)
            if indicator is not None:
                indicators.append(indicator)
        options = {k: v for k, v in g.items() if k in _GROUP_KEYS}
        options["sources"] = _resolve(g.get("sources", []), sources, where, problems)
        options["indicators"] = indicators
        group = _build(IndicatorGroup, options, where, problems)
        if group is not None:
            groups.append(group)
    try:
        signed_on = dt.date.fromisoformat(str(data.get("signed_on")))
    except ValueError:
        problems.append(
            f"$.signed_on: expected a date (YYYY-MM-DD), got {data.get('signed_on')!r}"
        )
        signed_on = dt.date.min
    index = _build(
        Index766,
        {
            "version": data.get("version"),
            "document": data.get("document"),
            "signed_on": signed_on,
            "title": data.get("title"),
            "groups": groups,
            "sources": dict(sources),
            "notes": data.get("notes", ()),
        },
        "$",
        problems,
    )
    if problems:
        raise LoadError(source, problems)
    return index  # type: ignore[no-any-return]  # _build returned an Index766


def load_index766(path: str | os.PathLike[str] | Traversable) -> Index766:
    """Load the index from a JSON file in the ``tthc.index766/1`` or ``/2`` format.

    Use it for a newer version of the weights (when official per-indicator points are found);
    the shipped data is [`index766`][tthc.indicators.decision766.index766].

    Args:
        path: The file.

    Returns:
        The index.

    Raises:
        LoadError: The file is not valid; every problem is listed at once.
    """
    data = read_json(path)
    return _index_from(data, str(path))


@functools.cache
def index766(version: str = "1") -> Index766:
    """Return the shipped Decision 766 index data: version 1 (the default) or version 2.

    Version 1 is the decision of 2022 (five groups, per-indicator points uncertain); version 2
    is the index as the national portal scores it in 2026 (six groups, confirmed_secondary).

    Args:
        version: "1" or "2".

    Raises:
        InvalidValueError: Another version.

    Examples:
        >>> idx = index766()
        >>> idx.document, idx.signed_on.isoformat(), idx.max_points
        ('766/QĐ-TTg', '2022-06-23', 100)
        >>> {i.max_points_certainty for i in idx.indicators if i.max_points is not None}
        {<Certainty.UNCERTAIN: 'uncertain'>}
    """
    path = _DATA_FILES.get(version)
    if path is None:
        raise InvalidValueError("index766(version)", version, "'1' or '2'")
    return load_index766(resources.files("tthc").joinpath(path))
