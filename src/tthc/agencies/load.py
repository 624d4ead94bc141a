"""Unit data: the package's provinces and the ``tthc.units/1`` JSON format.

* [`province_registry`][tthc.agencies.province_registry]: the 63 provinces to 30/6/2025 and the
  34 from 1/7/2025, shipped with the package, each fact with its source and certainty.
* [`load_units`][tthc.agencies.load_units]: the same JSON format for your own units.

A bad file is reported all at once, each problem with its path in the document.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

from tthc._files import read_json
from tthc.agencies.levels import UnitLevel
from tthc.agencies.units import AdministrativeUnit, Source, Succession, UnitRegistry
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError, shown

__all__ = ["FORMAT", "load_units", "province_registry"]

FORMAT: Final = "tthc.units/1"
"""The format name of a units file (``"format": "tthc.units/1"``)."""

_SOURCE_KEYS: Final = {"id", "title", "number", "date", "locator", "note"}
_UNIT_KEYS: Final = {
    "code",
    "level",
    "name",
    "valid_from",
    "valid_until",
    "parent",
    "sources",
    "certainty",
    "succession",
    "note",
}
_SUCCESSION_KEYS: Final = {"to", "act", "sources", "certainty", "note"}
_TOP_KEYS: Final = {"format", "title", "notes", "sources", "units"}
_CERTAINTIES: Final = {
    c.value: c for c in (Certainty.CONFIRMED, Certainty.CONFIRMED_SECONDARY, Certainty.UNCERTAIN)
}


# --- tthc.units/1 ------------------------------------------------------------------------------


def _iso_day(value: object, path: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == len("2025-07-01"):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{path}: expected an ISO date (YYYY-MM-DD) or null, got {shown(value)}")
    return None


def _texts(value: object, path: str, problems: list[str], known: Mapping[str, Source]) -> bool:
    if not (isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)):
        problems.append(f"{path}: expected a non-empty list of source ids, got {shown(value)}")
        return False
    unknown = [v for v in value if v not in known]
    if unknown:
        problems.append(f"{path}: {', '.join(map(repr, unknown))} not in $.sources")
        return False
    return True


def _certainty(value: object, path: str, problems: list[str]) -> Certainty | None:
    certainty = _CERTAINTIES.get(value) if isinstance(value, str) else None
    if certainty is None:
        problems.append(f"{path}: expected one of {sorted(_CERTAINTIES)}, got {shown(value)}")
    return certainty


def _parse_sources(raw: object, problems: list[str]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    if not isinstance(raw, list):
        problems.append("$.sources: expected a list of sources (id, title, ...)")
        return sources
    for i, item in enumerate(raw):
        path = f"$.sources[{i}]"
        if not isinstance(item, Mapping):
            problems.append(f"{path}: expected an object with id and title")
            continue
        problems.extend(f"{path}.{k}: unknown key" for k in sorted(set(item) - _SOURCE_KEYS))
        bad = len(problems)
        day = _iso_day(item.get("date"), f"{path}.date", problems)
        number = item.get("number")
        if number is not None and not isinstance(number, str):
            problems.append(f"{path}.number: expected a text or null, got {shown(number)}")
        if len(problems) > bad:
            continue
        try:
            source = Source(
                id=item.get("id"),  # type: ignore[arg-type]  # validated by Source
                title=item.get("title"),  # type: ignore[arg-type]
                number=number,
                date=day,
                locator=item.get("locator", ""),
                note=item.get("note", ""),
            )
        except InvalidValueError as exc:
            problems.append(f"{path}: {exc}")
            continue
        if source.id in sources:
            problems.append(f"{path}.id: {shown(source.id)} is used twice")
        sources[source.id] = source
    return sources


def _parse_succession(
    raw: object, path: str, problems: list[str], known: Mapping[str, Source]
) -> Succession | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: expected an object with to, act, sources and certainty")
        return None
    problems.extend(f"{path}.{k}: unknown key" for k in sorted(set(raw) - _SUCCESSION_KEYS))
    bad = len(problems)
    to = raw.get("to")
    if not (isinstance(to, list) and all(isinstance(c, str) for c in to)):
        problems.append(f"{path}.to: expected a list of successor codes, got {shown(to)}")
    act = raw.get("act")
    if not (isinstance(act, str) and act in known):
        problems.append(
            f"{path}.act: expected the id of the legal act in $.sources, got {shown(act)}"
        )
    _texts(raw.get("sources"), f"{path}.sources", problems, known)
    certainty = _certainty(raw.get("certainty"), f"{path}.certainty", problems)
    if len(problems) > bad or certainty is None:
        return None
    try:
        return Succession(
            successors=to,  # type: ignore[arg-type]  # checked above
            act=act,  # type: ignore[arg-type]
            sources=raw["sources"],
            certainty=certainty,
            note=raw.get("note", ""),
        )
    except InvalidValueError as exc:
        problems.append(f"{path}: {exc}")
        return None


def _parse_unit(
    raw: object, path: str, problems: list[str], known: Mapping[str, Source]
) -> AdministrativeUnit | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: expected an object with code, level, name, ...")
        return None
    problems.extend(f"{path}.{k}: unknown key" for k in sorted(set(raw) - _UNIT_KEYS))
    bad = len(problems)
    level: UnitLevel | None = None
    try:
        level = UnitLevel.parse(raw.get("level"))  # type: ignore[arg-type]
    except InvalidValueError as exc:
        problems.append(f"{path}.level: {exc.expected}, got {shown(exc.value)}")
    valid_from = _iso_day(raw.get("valid_from"), f"{path}.valid_from", problems)
    valid_until = _iso_day(raw.get("valid_until"), f"{path}.valid_until", problems)
    _texts(raw.get("sources"), f"{path}.sources", problems, known)
    certainty = _certainty(raw.get("certainty"), f"{path}.certainty", problems)
    succession = _parse_succession(raw.get("succession"), f"{path}.succession", problems, known)
    if len(problems) > bad or level is None or certainty is None:
        return None
    try:
        return AdministrativeUnit(
            code=raw.get("code"),  # type: ignore[arg-type]  # validated by the class
            level=level,
            name=raw.get("name"),  # type: ignore[arg-type]
            valid_from=valid_from,
            valid_until=valid_until,
            parent=raw.get("parent"),
            sources=raw["sources"],
            certainty=certainty,
            succession=succession,
            note=raw.get("note", ""),
        )
    except InvalidValueError as exc:
        problems.append(f"{path}: {exc}")
        return None


def _registry_from(data: object, source: str, base: UnitRegistry | None = None) -> UnitRegistry:
    if not isinstance(data, Mapping):
        raise LoadError(source, [f"$: expected a JSON object, got {type(data).__name__}"])
    problems: list[str] = [f"$.{k}: unknown key" for k in sorted(set(data) - _TOP_KEYS)]
    if data.get("format") != FORMAT:
        problems.append(f"$.format: expected {FORMAT!r}, got {shown(data.get('format'))}")
    notes = data.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
        problems.append("$.notes: expected a list of texts")
    sources = _parse_sources(data.get("sources"), problems)
    raw_units = data.get("units")
    units: list[AdministrativeUnit] = []
    if not isinstance(raw_units, list):
        problems.append("$.units: expected a list of units")
    else:
        for i, raw in enumerate(raw_units):
            unit = _parse_unit(raw, f"$.units[{i}]", problems, sources)
            if unit is not None:
                units.append(unit)
    if problems:
        raise LoadError(source, problems)
    if base is not None:
        return base.extended(units, sources=sources.values(), name=source)
    return UnitRegistry(units, sources=sources.values(), name=source)


def load_units(
    source: str | os.PathLike[str] | Mapping[str, Any], *, base: UnitRegistry | None = None
) -> UnitRegistry:
    """Load administrative units from a ``tthc.units/1`` JSON file (or a parsed mapping).

    The format is the one of the package's ``agencies/data/provinces.json``: ``sources`` (each
    with an ``id``), and ``units``, each with ``code``, ``level``, ``name``, ``valid_from``,
    ``valid_until`` (ISO dates or ``null``), ``parent``, ``sources`` (ids), ``certainty``
    (``confirmed``, ``confirmed_secondary`` or ``uncertain``), a ``succession`` when it ended
    (``to``: successor codes, ``act``: the id of the legal act, ``sources``, ``certainty``), and
    a ``note``.

    Args:
        source: A path to a JSON file, or the parsed document.
        base: Units the file builds on (for instance
            [`province_registry`][tthc.agencies.province_registry]`()` for a file of communes
            whose parents are provinces): the result holds both, validated together. The file's
            source ids must not repeat the base's.

    Returns:
        The validated registry.

    Raises:
        LoadError: The file cannot be read, or has problems (every one listed, with its path).

    Examples:
        >>> doc = {"format": "tthc.units/1",
        ...        "sources": [{"id": "EX", "title": "EXAMPLE, not real data"}],
        ...        "units": [{"code": "98", "level": "province", "name": "Tỉnh Ví Dụ",
        ...                   "valid_until": "2025-06-30", "sources": ["EX"],
        ...                   "certainty": "uncertain",
        ...                   "succession": {"to": ["99"], "act": "EX", "sources": ["EX"],
        ...                                  "certainty": "uncertain"}}]}
        >>> load_units(doc)
        Traceback (most recent call last):
        ...
        tthc.errors.LoadError: could not load <mapping>:
          - 98 Tỉnh Ví Dụ (province, until 2025-06-30): its successor 99 has no unit starting on 2025-07-01, the day after it ended (the code is not in the data)
    """
    if base is not None and not isinstance(base, UnitRegistry):
        raise InvalidValueError("load_units(base)", base, "a UnitRegistry or None")
    if isinstance(source, Mapping):
        return _registry_from(source, "<mapping>", base)
    if not isinstance(source, (str, os.PathLike)):
        raise InvalidValueError("load_units(source)", source, "a path or a mapping")
    name = os.fspath(source)
    return _registry_from(read_json(name), name, base)


@functools.cache
def province_registry() -> UnitRegistry:
    """The provinces shipped with `tthc`: 63 to 30/6/2025, 34 from 1/7/2025.

    52 of the 63 provinces ended on 30/6/2025 and passed whole into 23 merged ones (Resolution
    202/2025/QH15); 11 continue unchanged. Each merged province took the code of the province
    where its seat is, not always of the one whose name it kept (Tỉnh An Giang is 91, Kiên
    Giang's code). Every fact carries its sources and certainty (``confirmed_secondary``: read
    in transcriptions and derived datasets that agree; no signed original was opened).

    Examples:
        >>> import datetime as dt
        >>> reg = province_registry()
        >>> reg.unit("91", dt.date(2025, 7, 1)).name
        'Tỉnh An Giang'
        >>> reg.sources["NQ202"].number
        '202/2025/QH15'

    References:
        Resolution 202/2025/QH15 (12/6/2025); 60-NQ/TW annex (the seats, "dự kiến"); Công văn
        915/CTK-CSCL (the 34 codes); QĐ 124/2004/QĐ-TTg Art. 1 (the seat rule for codes).
    """
    resource = resources.files("tthc.agencies").joinpath("data/provinces.json")
    return _registry_from(read_json(resource), "tthc/agencies/data/provinces.json")
