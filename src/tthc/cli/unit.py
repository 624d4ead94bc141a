"""``tthc unit``: administrative units (*đơn vị hành chính*) and their succession across 1/7/2025.

``tthc unit show CODE`` prints every unit that has had a code (a code can name an old and a new
unit), with its dates, sources and certainty, what it became and what it was formed from;
``--on DATE`` keeps the unit of that day and adds the unit it is reported under today.
``tthc unit succession`` prints the table of successions (63 → 34 provinces by default).
Both read the package's provinces, plus the units of ``--units FILE`` (format ``tthc.units/1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tthc.agencies import (
    AdministrativeUnit,
    UnitLevel,
    UnitRegistry,
    load_units,
    province_registry,
)

if TYPE_CHECKING:
    import argparse
    import datetime as dt

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


# The command's words, in Vietnamese and English (one language per output).
_WORDS: Final[dict[str, dict[str, str]]] = {
    "vi": {
        # "in force throughout the data", "until", "from", "to"
        "always": "còn hiệu lực trong suốt dữ liệu",
        "until": "đến {day}",
        "from": "từ {day}",
        "span": "{start} đến {end}",
        "in": "thuộc",
        "sources": "nguồn",
        "formed_from": "hình thành từ",
        "split_into": "chia thành",
        "succeeded_by": "được kế thừa bởi",
        "no_successor": "chấm dứt, không có đơn vị kế thừa",
        "note": "ghi chú",
        "today": "hiện nay",
        "today_none": "hiện nay: không có đơn vị cùng cấp (báo cáo theo cấp trên)",
        "headers": "mã cũ|tên|đến ngày|mã mới|tên|văn bản",
        "none": "(không có đơn vị kế thừa)",
        "count": "{n} đơn vị {level} đã chấm dứt, có ghi nhận kế thừa",
        "province": "cấp tỉnh",
        "district": "cấp huyện",
        "commune": "cấp xã",
        "central": "trung ương",
    },
    "en": {
        "always": "in force throughout the data",
        "until": "until {day}",
        "from": "from {day}",
        "span": "{start} to {end}",
        "in": "in",
        "sources": "sources",
        "formed_from": "formed from",
        "split_into": "split into",
        "succeeded_by": "succeeded by",
        "no_successor": "ended with no successor",
        "note": "note",
        "today": "today",
        "today_none": "today: no unit at its level (report it under a higher level)",
        "headers": "old|name|until|new|name|act",
        "none": "(no successor)",
        "count": "{n} {level} units ended with a recorded succession",
        "province": "province",
        "district": "district",
        "commune": "commune",
        "central": "central",
    },
}


def _day(day: dt.date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _title(unit: AdministrativeUnit, lang: str) -> str:
    """``01 Thành phố Hà Nội (cấp tỉnh, còn hiệu lực trong suốt dữ liệu)``."""
    words = _WORDS[lang]
    if unit.valid_from is None and unit.valid_until is None:
        span = words["always"]
    elif unit.valid_from is None:
        span = words["until"].format(day=_day(unit.valid_until))
    elif unit.valid_until is None:
        span = words["from"].format(day=_day(unit.valid_from))
    else:
        span = words["span"].format(start=_day(unit.valid_from), end=_day(unit.valid_until))
    return f"{unit.code} {unit.name} ({words[unit.level.value]}, {span})"


def _unit_lines(registry: UnitRegistry, unit: AdministrativeUnit, lang: str) -> list[str]:
    words = _WORDS[lang]
    lines = [_title(unit, lang)]
    if unit.parent is not None:
        parent = registry.parent(unit)
        lines.append(f"  {words['in']}: {unit.parent if parent is None else _title(parent, lang)}")
    lines.append(f"  {words['sources']}: {', '.join(unit.sources)} ({unit.certainty.value})")
    formed = registry.predecessors(unit)
    if formed:
        lines.append(
            f"  {words['formed_from']}: " + ", ".join(f"{u.code} {u.name}" for u in formed)
        )
    succession = unit.succession
    if succession is not None:
        act = _act(registry, succession.act)
        if succession.successors:
            after = ", ".join(f"{u.code} {u.name}" for u in registry.successors(unit))
            kind = words["split_into" if succession.is_split else "succeeded_by"]
            lines.append(f"  {kind}: {after} ({act}; {succession.certainty.value})")
        else:
            lines.append(f"  {words['no_successor']} ({act}; {succession.certainty.value})")
    if unit.note:
        lines.append(f"  {words['note']}: {unit.note}")
    return lines


def _show(registry: UnitRegistry, args: argparse.Namespace) -> Output:
    if args.on is None:
        units = registry.versions(args.code)
        data: dict[str, Any] = {
            "code": args.code,
            "units": [_unit_data(registry, u) for u in units],
        }
        lines = [line for u in units for line in _unit_lines(registry, u, args.lang)]
        return data, "\n".join(lines)
    unit = registry.unit(args.code, args.on)
    today = registry.current(args.code, args.on)
    data = {
        "code": args.code,
        "on": args.on.isoformat(),
        "units": [_unit_data(registry, unit)],
        "today": [u.code for u in today],
    }
    words = _WORDS[args.lang]
    lines = _unit_lines(registry, unit, args.lang)
    if today:
        lines.append(f"{words['today']}: " + ", ".join(f"{u.code} {u.name}" for u in today))
    else:
        lines.append(words["today_none"])
    return data, "\n".join(lines)


def _succession(registry: UnitRegistry, args: argparse.Namespace) -> Output:
    level = UnitLevel.parse(args.level)
    ended = sorted(
        (u for u in registry if u.level is level and u.succession is not None),
        key=lambda u: (u.valid_until, u.code),
    )
    rows: list[dict[str, Any]] = []
    words = _WORDS[args.lang]
    table: list[tuple[str, ...]] = [tuple(words["headers"].split("|"))]
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
                    _day(unit.valid_until) if first else "",
                    "—" if successor is None else successor.code,
                    words["none"] if successor is None else successor.name,
                    act if first else "",
                )
            )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines.append(words["count"].format(n=len(rows), level=words[level.value]))
    return {"level": level.value, "successions": rows}, "\n".join(lines)


def run(args: argparse.Namespace) -> Output:
    """``show`` or ``succession``: (JSON-able data, text)."""
    registry = _registry(args.units)
    if args.action == "show":
        return _show(registry, args)
    return _succession(registry, args)
