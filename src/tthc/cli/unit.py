"""``tthc unit``: administrative units (*đơn vị hành chính*) and their succession across 1/7/2025.

``tthc unit show CODE`` prints every unit that has had a code (a code can name an old and a new
unit), with its dates, sources and certainty, what it became and what it was formed from;
``--on DATE`` keeps the unit of that day and adds the unit it is reported under today.
``tthc unit succession`` prints the table of successions (63 → 34 provinces by default).
Both read the package's provinces, plus the units of ``--units FILE`` (format ``tthc.units/1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tthc.agencies import (
    AdministrativeUnit,
    UnitLevel,
    UnitRegistry,
    load_units,
    province_registry,
)

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output

__all__ = ["run"]


def _registry(path: str | None) -> UnitRegistry:
    base = province_registry()
    return base if path is None else load_units(path, base=base)


def _act(registry: UnitRegistry, act: str) -> str:
    """A legal act for people: its number when the act is a known source id."""
    source = registry.sources.get(act)
    if source is None:
        return act
    return source.number or source.title


def _unit_data(registry: UnitRegistry, unit: AdministrativeUnit) -> dict[str, Any]:
    succession = unit.succession
    return {
        "code": unit.code,
        "level": unit.level.value,
        "name": unit.name,
        "valid_from": None if unit.valid_from is None else unit.valid_from.isoformat(),
        "valid_until": None if unit.valid_until is None else unit.valid_until.isoformat(),
        "parent": unit.parent,
        "sources": list(unit.sources),
        "certainty": unit.certainty.value,
        "note": unit.note,
        "formed_from": [u.code for u in registry.predecessors(unit)],
        "succession": None
        if succession is None
        else {
            "to": list(succession.successors),
            "act": succession.act,
            "act_number": _act(registry, succession.act),
            "sources": list(succession.sources),
            "certainty": succession.certainty.value,
        },
    }


def _unit_lines(registry: UnitRegistry, unit: AdministrativeUnit) -> list[str]:
    lines = [str(unit)]
    if unit.parent is not None:
        parent = registry.parent(unit)
        lines.append(f"  in: {parent if parent is not None else unit.parent}")
    lines.append(f"  sources: {', '.join(unit.sources)} ({unit.certainty.value})")
    formed = registry.predecessors(unit)
    if formed:
        lines.append("  formed from: " + ", ".join(f"{u.code} {u.name}" for u in formed))
    succession = unit.succession
    if succession is not None:
        act = _act(registry, succession.act)
        if succession.successors:
            after = ", ".join(f"{u.code} {u.name}" for u in registry.successors(unit))
            kind = "split into" if succession.is_split else "succeeded by"
            lines.append(f"  {kind}: {after} ({act}; {succession.certainty.value})")
        else:
            lines.append(f"  ended with no successor ({act}; {succession.certainty.value})")
    if unit.note:
        lines.append(f"  note: {unit.note}")
    return lines


def _show(registry: UnitRegistry, args: argparse.Namespace) -> Output:
    if args.on is None:
        units = registry.versions(args.code)
        data: dict[str, Any] = {
            "code": args.code,
            "units": [_unit_data(registry, u) for u in units],
        }
        lines = [line for u in units for line in _unit_lines(registry, u)]
        return data, "\n".join(lines)
    unit = registry.unit(args.code, args.on)
    today = registry.current(args.code, args.on)
    data = {
        "code": args.code,
        "on": args.on.isoformat(),
        "units": [_unit_data(registry, unit)],
        "today": [u.code for u in today],
    }
    lines = _unit_lines(registry, unit)
    if today:
        lines.append("today: " + ", ".join(f"{u.code} {u.name}" for u in today))
    else:
        lines.append("today: no unit at its level (report it under a higher level)")
    return data, "\n".join(lines)


def _succession(registry: UnitRegistry, args: argparse.Namespace) -> Output:
    level = UnitLevel.parse(args.level)
    ended = sorted(
        (u for u in registry if u.level is level and u.succession is not None),
        key=lambda u: (u.valid_until, u.code),
    )
    rows: list[dict[str, Any]] = []
    table: list[tuple[str, ...]] = [("old", "name", "until", "new", "name", "act")]
    for unit in ended:
        successors = registry.successors(unit)
        succession = unit.succession
        if succession is None:  # pragma: no cover - filtered above
            continue
        act = _act(registry, succession.act)
        rows.append(
            {
                "code": unit.code,
                "name": unit.name,
                "valid_until": None if unit.valid_until is None else unit.valid_until.isoformat(),
                "successors": [{"code": u.code, "name": u.name} for u in successors],
                "act": succession.act,
                "act_number": act,
                "certainty": succession.certainty.value,
            }
        )
        for i, successor in enumerate(successors or (None,)):
            first = i == 0
            table.append(
                (
                    unit.code if first else "",
                    unit.name if first else "",
                    str(unit.valid_until) if first else "",
                    "—" if successor is None else successor.code,
                    "(no successor)" if successor is None else successor.name,
                    act if first else "",
                )
            )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines.append(f"{len(rows)} {level.value} units ended with a recorded succession")
    return {"level": level.value, "successions": rows}, "\n".join(lines)


def run(args: argparse.Namespace) -> Output:
    """``show`` or ``succession``: (JSON-able data, text)."""
    registry = _registry(args.units)
    if args.action == "show":
        return _show(registry, args)
    return _succession(registry, args)
