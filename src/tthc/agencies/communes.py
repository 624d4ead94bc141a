"""The commune tables: the official list of communes and the old → new mapping, from CSV.

* [`load_commune_list`][tthc.agencies.load_commune_list]: the official list of communes from
  1/7/2025 (Công văn 1027/CTK-CSCL, Phụ lục I), saved as CSV.
* [`load_commune_mapping`][tthc.agencies.load_commune_mapping]: which old commune went into which
  new one (the 2025 resolutions of the National Assembly Standing Committee), as a CSV table.

The package ships no commune codes: the official list is a PDF annex, and no copy was read that
`tthc` could cite row by row. Both loaders report every problem of a file at once, each naming
its row (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from tthc._files import DEFAULT_MAX_BYTES, too_big
from tthc.agencies.levels import LAST_DAY_OF_DISTRICTS, REORGANISED_ON, UnitLevel
from tthc.agencies.units import CODE_PATTERNS, AdministrativeUnit, Succession, UnitRegistry
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "COMMUNE_LIST_COLUMNS",
    "COMMUNE_MAPPING_COLUMNS",
    "DISTRICTS_ABOLISHED",
    "load_commune_list",
    "load_commune_mapping",
]

DISTRICTS_ABOLISHED: Final = Succession(
    successors=(),
    act="Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    sources=("NQ1654_1687",),
    certainty=Certainty.CONFIRMED_SECONDARY,
    note=(
        "The district level ended on 30/6/2025 (two-level local government from 1/7/2025). "
        "The law is read only as cited in the preambles of the 2025 commune resolutions "
        "(1654-1687/NQ-UBTVQH15, transcriptions); its text was not read."
    ),
)
"""How every district ended on 30/6/2025: abolished, with no successor at district level."""

_CERTAINTIES: Final = {
    c.value: c for c in (Certainty.CONFIRMED, Certainty.CONFIRMED_SECONDARY, Certainty.UNCERTAIN)
}

COMMUNE_LIST_COLUMNS: Final = ("Stt", "Mã số", "Tên đơn vị hành chính", "Tỉnh (thành phố)")
"""The columns of the official commune list (Công văn 1027/CTK-CSCL, Phụ lục I), in order.

``Stt`` is the row number, ``Mã số`` the 5-digit code, ``Tên đơn vị hành chính`` the name with
its kind (``Xã``, ``Phường``, ``Đặc khu``), ``Tỉnh (thành phố)`` the province as the annex writes
it (``Tỉnh Cao Bằng``, ``Tp Hải Phòng``, ``Thành phố Hà Nội``) or its code. The header
``Tỉnh`` is accepted for the last one.
"""

COMMUNE_MAPPING_COLUMNS: Final = (
    "old_province",
    "old_district",
    "old_district_name",
    "old_code",
    "old_name",
    "new_code",
    "share",
    "act",
    "source",
    "certainty",
    "note",
)
"""The columns of an old → new commune table, one row per (old commune, new commune) pair.

Required: ``old_province`` (the old province code), ``old_code`` and ``old_name`` (the old
commune), ``new_code`` (the new commune), ``act`` (the resolution and its article, e.g.
``1656/NQ-UBTVQH15, Điều 1 khoản 3``). Optional: ``old_district`` and ``old_district_name`` (the
old district, created as a unit that ended on the last day), ``share`` (``whole``/``toàn bộ`` or
``part``/``một phần``), ``source`` (where the row was read), ``certainty``, ``note``.
"""

_KINDS: Final = ("xã ", "phường ", "đặc khu ")  # commune, ward, special zone
_PROVINCE_PREFIXES: Final = ("thành phố ", "tp. ", "tp ", "tỉnh ")  # city, city, city, province
_SHARES: Final = {"whole": False, "toàn bộ": False, "part": True, "một phần": True}


def _clean(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _key(value: str) -> str:
    text = _clean(value).casefold()
    # Old-style tone marks sit on the second vowel of "oa", "oe", "uy" ("hoà"); fold them onto
    # the first ("hòa"), so that either spelling of a name matches.
    return _OLD_TONES.sub(lambda m: _NEW_TONES[m.group(0)], text)


_TONE_MARKS: Final = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def _tone_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONE_MARKS:
            old = unicodedata.normalize("NFC", first + second + mark)
            new = unicodedata.normalize("NFC", first + mark + second)
            pairs[old] = new
    return pairs


_NEW_TONES: Final = _tone_pairs()
_OLD_TONES: Final = re.compile("|".join(map(re.escape, _NEW_TONES)))


def _read_rows(
    source: str | os.PathLike[str] | IO[str], what: str, max_bytes: int
) -> tuple[str, list[list[str]]]:
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            with open(name, "rb") as fh:  # noqa: PTH123 - any PathLike
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise LoadError(name, [f"cannot read the file: {exc.strerror or exc}"]) from exc
        if len(data) > max_bytes:
            raise too_big(name, len(data), max_bytes)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError(name, [f"not UTF-8 text: {exc.reason} at byte {exc.start}"]) from None
    elif hasattr(source, "read"):
        name = getattr(source, "name", f"<{what}>")
        text = source.read(max_bytes + 1)
        if not isinstance(text, str):
            raise InvalidValueError(f"{what}(source)", source, "a path or a text stream")
        if len(text) > max_bytes:
            raise too_big(name, len(text), max_bytes, "characters")
        text = text.removeprefix("\ufeff")
    else:
        raise InvalidValueError(f"{what}(source)", source, "a path or a text stream")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise LoadError(name, [f"not readable as CSV: {exc}"]) from None
    return name, rows


def _header(
    name: str, rows: list[list[str]], aliases: Mapping[str, str], required: tuple[str, ...]
) -> dict[str, int]:
    if not rows:
        raise LoadError(name, ["row 1: expected a header row, the file is empty"])
    columns: dict[str, int] = {}
    problems: list[str] = []
    for i, cell in enumerate(rows[0]):
        column = aliases.get(_key(cell))
        if column is None:
            problems.append(f"row 1: unknown column {cell!r}")
        elif column in columns:
            problems.append(f"row 1: the column {cell!r} is given twice")
        else:
            columns[column] = i
    problems.extend(
        f"row 1: missing the column {column!r}" for column in required if column not in columns
    )
    if problems:
        raise LoadError(name, problems)
    return columns


def _province_lookup(provinces: UnitRegistry, day: dt.date) -> dict[str, AdministrativeUnit]:
    lookup: dict[str, AdministrativeUnit] = {}
    for unit in provinces.units_on(day, UnitLevel.PROVINCE):
        lookup[unit.code] = unit
        key = _key(unit.name)
        lookup[key] = unit
        for prefix in _PROVINCE_PREFIXES:
            if key.startswith(prefix):
                lookup[key.removeprefix(prefix)] = unit
    return lookup


def _find_province(
    text: str, lookup: Mapping[str, AdministrativeUnit]
) -> AdministrativeUnit | None:
    key = _key(text)
    if key in lookup:
        return lookup[key]
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix) and key.removeprefix(prefix) in lookup:
            return lookup[key.removeprefix(prefix)]
    return None


def _cells(row: list[str], columns: Mapping[str, int]) -> dict[str, str]:
    return {c: _clean(row[i]) if i < len(row) else "" for c, i in columns.items()}


def _check_sources(what: str, sources: Any, certainty: Any) -> tuple[tuple[str, ...], Certainty]:
    texts = (sources,) if isinstance(sources, str) else tuple(sources)
    if not texts or any(not isinstance(s, str) or not s.strip() for s in texts):
        raise InvalidValueError(f"{what}(sources)", sources, "one or more source ids or citations")
    if certainty not in _CERTAINTIES.values():
        raise InvalidValueError(
            f"{what}(certainty)",
            certainty,
            "Certainty.CONFIRMED, Certainty.CONFIRMED_SECONDARY or Certainty.UNCERTAIN",
        )
    return texts, certainty


_LIST_ALIASES: Final = {
    "stt": "stt",
    "mã số": "code",
    "tên đơn vị hành chính": "name",
    "tỉnh (thành phố)": "province",
    "tỉnh": "province",
}


def load_commune_list(
    source: str | os.PathLike[str] | IO[str],
    *,
    provinces: UnitRegistry,
    sources: str | tuple[str, ...],
    certainty: Certainty,
    valid_from: dt.date = REORGANISED_ON,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[AdministrativeUnit, ...]:
    """Read the official list of communes (*danh mục đơn vị hành chính cấp xã*) from CSV.

    The layout is the one of Công văn 1027/CTK-CSCL (25/6/2025), Phụ lục I, saved as CSV (see
    [`COMMUNE_LIST_COLUMNS`][tthc.agencies.communes.COMMUNE_LIST_COLUMNS]). Heading rows (a province
    name alone, as the annex groups its rows) and repeated header rows are skipped; whitespace in
    cells is collapsed (names broken over lines by a PDF conversion). Each commune's parent is
    its province, found by name (with or without ``Tỉnh``/``Thành phố``/``Tp``) or by code among
    the provinces of ``provinces`` on ``valid_from``.

    Args:
        source: A path to the CSV file (UTF-8), or an open text stream.
        provinces: The provinces the communes belong to (e.g.
            [`province_registry`][tthc.agencies.province_registry]`()`).
        sources: Where the list was read (``"CV1027"``, or a citation); give it: `tthc`
            cannot know.
        certainty: How well the list is established (``Certainty.CONFIRMED`` only if read in
            the signed original).
        valid_from: The communes' first day (1/7/2025 for the 2025 list).
        max_bytes: Larger files are refused.

    Returns:
        One commune unit per row, in the file's order, still valid (no ``valid_until``).

    Raises:
        LoadError: The file cannot be read, a column is missing, or rows are invalid: every bad
            row is listed with its row number (the header is row 1) and what is wrong.
        InvalidValueError: ``sources`` or ``certainty`` are not given properly.

    Examples:
        >>> import io
        >>> from tthc.agencies import province_registry
        >>> from tthc.calendar import Certainty
        >>> text = '''Stt,Mã số,Tên đơn vị hành chính,Tỉnh (thành phố)
        ... ,,THÀNH PHỐ HÀ NỘI,
        ... 3,00004,Phường Ba Đình,Thành phố Hà Nội
        ... 4,0008,Phường Ngọc Hà,Thành phố Hà Nội
        ... '''
        >>> load_commune_list(io.StringIO(text), provinces=province_registry(),
        ...                   sources="CV1027", certainty=Certainty.CONFIRMED_SECONDARY)
        Traceback (most recent call last):
        ...
        tthc.errors.LoadError: could not load <commune list>:
          - row 4 (Stt 4): Mã số: expected a 5-digit code, got '0008'

    References:
        Công văn 1027/CTK-CSCL (25/6/2025) of the Statistics Office, Phụ lục I "Danh mục và mã
        số các đơn vị hành chính cấp xã" (3,321 rows: 2,621 xã, 687 phường, 13 đặc khu, counted
        in a transcription: confirmed_secondary); QĐ 19/2025/QĐ-TTg (the code table in force from
        1/7/2025; not read).
    """
    texts, certainty = _check_sources("load_commune_list", sources, certainty)
    name, rows = _read_rows(source, "commune list", max_bytes)
    columns = _header(name, rows, _LIST_ALIASES, ("stt", "code", "name", "province"))
    lookup = _province_lookup(provinces, valid_from)
    header_keys = {_key(c) for c in rows[0]}
    problems: list[str] = []
    units: list[AdministrativeUnit] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = _cells(row, columns)
        if not any(cells.values()) or {_key(v) for v in cells.values()} <= header_keys:
            continue  # a blank row, or the header repeated on a new page
        if not cells["stt"] and not cells["code"] and not cells["province"]:
            continue  # a heading row: the province's name alone
        where = f"row {number} (Stt {cells['stt'] or '?'})"
        bad = len(problems)
        if not cells["stt"].isdigit():
            problems.append(f"{where}: Stt: expected a row number, got {cells['stt']!r}")
        code = cells["code"]
        if not CODE_PATTERNS[UnitLevel.COMMUNE].fullmatch(code):
            problems.append(f"{where}: Mã số: expected a 5-digit code, got {code!r}")
        elif code in seen:
            problems.append(f"{where}: Mã số: {code} is also on row {seen[code]}")
        else:
            seen[code] = number
        unit_name = cells["name"]
        if not unit_name.casefold().startswith(_KINDS):
            problems.append(
                f"{where}: Tên đơn vị hành chính: expected a name starting with Xã, Phường or "
                f"Đặc khu, got {unit_name!r}"
            )
        province = _find_province(cells["province"], lookup)
        if province is None:
            problems.append(
                f"{where}: Tỉnh (thành phố): expected a province that exists on "
                f"{valid_from.isoformat()} (name or code), got {cells['province']!r}"
            )
        if len(problems) > bad or province is None:
            continue
        try:
            units.append(
                AdministrativeUnit(
                    code=code,
                    level=UnitLevel.COMMUNE,
                    name=unit_name,
                    valid_from=valid_from,
                    parent=province.code,
                    sources=texts,
                    certainty=certainty,
                    note=f"Stt {cells['stt']}",
                )
            )
        except InvalidValueError as exc:  # pragma: no cover - every field is checked above
            problems.append(f"{where}: {exc}")
    if problems:
        raise LoadError(name, problems)
    return tuple(units)


_MAPPING_ALIASES: Final = {c: c for c in COMMUNE_MAPPING_COLUMNS}
_REQUIRED_MAPPING: Final = ("old_province", "old_code", "old_name", "new_code", "act")
_ORDER: Final = (Certainty.UNCERTAIN, Certainty.CONFIRMED_SECONDARY, Certainty.CONFIRMED)


@attrs.define
class _OldCommune:
    """The rows of one old commune, gathered before its unit is built (a builder)."""

    name: str
    parent: str
    rows: list[int] = attrs.Factory(list)
    to: list[str] = attrs.Factory(list)
    acts: list[str] = attrs.Factory(list)
    sources: list[str] = attrs.Factory(list)
    certainties: list[Certainty] = attrs.Factory(list)
    shares: list[bool | None] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)


@attrs.define
class _MappingReader:
    """Checks the rows of a mapping table one by one and gathers the old units (a builder)."""

    registry: UnitRegistry
    last_day: dt.date
    certainty: Certainty
    problems: list[str] = attrs.Factory(list)
    communes: dict[str, _OldCommune] = attrs.Factory(dict)
    districts: dict[str, tuple[str, str, int]] = attrs.Factory(dict)
    pairs: dict[tuple[str, str], int] = attrs.Factory(dict)
    old_provinces: dict[str, AdministrativeUnit] = attrs.Factory(dict)

    def __attrs_post_init__(self) -> None:
        self.old_provinces = _province_lookup(self.registry, self.last_day)

    def _formats(self, where: str, cells: Mapping[str, str]) -> Certainty | None:
        bad = len(self.problems)
        for column, level in (
            ("old_province", UnitLevel.PROVINCE),
            ("old_code", UnitLevel.COMMUNE),
            ("new_code", UnitLevel.COMMUNE),
        ):
            if not CODE_PATTERNS[level].fullmatch(cells[column]):
                self.problems.append(
                    f"{where}: {column}: expected a {level.value} code, got {cells[column]!r}"
                )
        district = cells.get("old_district", "")
        if district and not CODE_PATTERNS[UnitLevel.DISTRICT].fullmatch(district):
            self.problems.append(
                f"{where}: old_district: expected a district code, got {district!r}"
            )
        if district and not cells.get("old_district_name"):
            self.problems.append(f"{where}: old_district_name: expected the district's name")
        self.problems.extend(
            f"{where}: {column}: expected a non-blank text"
            for column in ("old_name", "act")
            if not cells[column]
        )
        share = cells.get("share", "")
        if share and share.casefold() not in _SHARES:
            self.problems.append(f"{where}: share: expected whole or part, got {share!r}")
        certainty = self.certainty
        if cells.get("certainty"):
            found = _CERTAINTIES.get(cells["certainty"])
            if found is None:
                self.problems.append(
                    f"{where}: certainty: expected one of {sorted(_CERTAINTIES)}, "
                    f"got {cells['certainty']!r}"
                )
            else:
                certainty = found
        return certainty if len(self.problems) == bad else None

    def _place(self, where: str, cells: Mapping[str, str]) -> AdministrativeUnit | None:
        """The old province of the row, if the row's new commune lies in its successor."""
        old_province = self.old_provinces.get(cells["old_province"])
        if old_province is None:
            self.problems.append(
                f"{where}: old_province: {cells['old_province']} is not a province on "
                f"{self.last_day.isoformat()}"
            )
            return None
        try:
            new = self.registry.unit(cells["new_code"], self.last_day + dt.timedelta(days=1))
            wanted = self.registry.roll_up(old_province.code, self.last_day)
        except LookupError as exc:
            self.problems.append(f"{where}: new_code: {exc}")
            return None
        if new.level is not UnitLevel.COMMUNE or new.parent != wanted:
            self.problems.append(
                f"{where}: new_code: {new} is not a commune of {wanted}, the successor of "
                f"{old_province.code} {old_province.name}"
            )
            return None
        return old_province

    def _district(self, where: str, number: int, cells: Mapping[str, str], province: str) -> bool:
        district = cells.get("old_district", "")
        if not district:
            return True
        entry = self.districts.setdefault(district, (cells["old_district_name"], province, number))
        if entry[:2] != (cells["old_district_name"], province):
            self.problems.append(
                f"{where}: old_district {district}: {cells['old_district_name']!r} in "
                f"{province} differs from row {entry[2]} ({entry[0]!r} in {entry[1]})"
            )
            return False
        return True

    def read(self, number: int, cells: Mapping[str, str]) -> None:
        """Check one row and add it to its old commune."""
        where = f"row {number} ({cells['old_code'] or '?'} -> {cells['new_code'] or '?'})"
        certainty = self._formats(where, cells)
        if certainty is None:
            return
        old_province = self._place(where, cells)
        if old_province is None:
            return
        pair = (cells["old_code"], cells["new_code"])
        if pair in self.pairs:
            self.problems.append(f"{where}: the same pair is also on row {self.pairs[pair]}")
            return
        self.pairs[pair] = number
        if not self._district(where, number, cells, old_province.code):
            return
        parent = cells.get("old_district", "") or old_province.code
        commune = self.communes.setdefault(
            cells["old_code"], _OldCommune(name=cells["old_name"], parent=parent)
        )
        if (commune.name, commune.parent) != (cells["old_name"], parent):
            self.problems.append(
                f"{where}: old_code {cells['old_code']}: {cells['old_name']!r} in {parent} "
                f"differs from row {commune.rows[0]} ({commune.name!r} in {commune.parent})"
            )
            return
        share = cells.get("share", "")
        commune.rows.append(number)
        commune.to.append(cells["new_code"])
        commune.acts.append(cells["act"])
        commune.sources.append(cells.get("source", ""))
        commune.certainties.append(certainty)
        commune.shares.append(_SHARES[share.casefold()] if share else None)
        if cells.get("note"):
            commune.notes.append(cells["note"])

    def check_shares(self) -> None:
        """One row means whole, several mean parts: a ``share`` that says otherwise is wrong."""
        for code, commune in self.communes.items():
            split = len(commune.to) > 1
            wrong = [
                row
                for row, part in zip(commune.rows, commune.shares, strict=True)
                if part is not None and part is not split
            ]
            if wrong:
                expected = "part (it goes to several communes)" if split else "whole (one row)"
                self.problems.append(
                    f"rows {', '.join(map(str, commune.rows))} ({code}): share: expected "
                    f"{expected} on rows {', '.join(map(str, wrong))}"
                )

    def units(self, sources: tuple[str, ...]) -> tuple[AdministrativeUnit, ...]:
        """The old districts (those not in the registry yet) and communes."""
        built = [
            AdministrativeUnit(
                code=code,
                level=UnitLevel.DISTRICT,
                name=name,
                valid_until=self.last_day,
                parent=province,
                sources=sources,
                certainty=self.certainty,
                succession=DISTRICTS_ABOLISHED,
                note=f"from the commune table, row {row}",
            )
            for code, (name, province, row) in self.districts.items()
            if not _exists(self.registry, code, self.last_day)
        ]
        for code, commune in self.communes.items():
            weakest = min(commune.certainties, key=_ORDER.index)
            cited = tuple(dict.fromkeys(s for s in commune.sources if s)) or sources
            built.append(
                AdministrativeUnit(
                    code=code,
                    level=UnitLevel.COMMUNE,
                    name=commune.name,
                    valid_until=self.last_day,
                    parent=commune.parent,
                    sources=cited,
                    certainty=weakest,
                    succession=Succession(
                        successors=tuple(commune.to),
                        act="; ".join(dict.fromkeys(commune.acts)),
                        sources=cited,
                        certainty=weakest,
                        note=" ".join(commune.notes),
                    ),
                    note="rows " + ", ".join(map(str, commune.rows)),
                )
            )
        return tuple(built)


def _exists(registry: UnitRegistry, code: str, day: dt.date) -> bool:
    try:
        registry.unit(code, day)
    except LookupError:
        return False
    return True


def _mapping_rows(
    rows: list[list[str]], columns: Mapping[str, int]
) -> Iterator[tuple[int, dict[str, str]]]:
    for number, row in enumerate(rows[1:], start=2):
        cells = _cells(row, columns)
        if any(cells.values()):
            yield number, cells


def load_commune_mapping(
    source: str | os.PathLike[str] | IO[str],
    *,
    registry: UnitRegistry,
    sources: str | tuple[str, ...],
    certainty: Certainty,
    last_day: dt.date = LAST_DAY_OF_DISTRICTS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[AdministrativeUnit, ...]:
    """Read which old commune went into which new one, and build the old units with succession.

    One row per (old commune, new commune) pair (see
    [`COMMUNE_MAPPING_COLUMNS`][tthc.agencies.communes.COMMUNE_MAPPING_COLUMNS]). An old commune on
    one row passed whole into its new commune (a merge); on several rows it was split, and each
    row must then say ``share`` = ``part`` if the column is there. The old communes end on
    ``last_day``; their successions cite the rows' acts. Old districts named in the table are
    built too, ending on ``last_day`` with no successor
    ([`DISTRICTS_ABOLISHED`][tthc.agencies.communes.DISTRICTS_ABOLISHED]).

    Every row is checked against ``registry``: the old province must exist on ``last_day``, the
    new commune the day after, and the new commune must lie in the old province's successor (a
    commune of the former Hà Giang goes to a commune of Tuyên Quang).

    Args:
        source: A path to the CSV file (UTF-8), or an open text stream.
        registry: Provinces and the new communes (from
            [`load_commune_list`][tthc.agencies.load_commune_list]).
        sources: Where the table was read, for rows without a ``source``.
        certainty: Its certainty, for rows without a ``certainty``.
        last_day: The old units' last day (30/6/2025 for the 2025 reorganisation).
        max_bytes: Larger files are refused.

    Returns:
        The old districts and communes, ready for
        [`UnitRegistry.extended`][tthc.agencies.units.UnitRegistry.extended].

    Raises:
        LoadError: The file cannot be read, a column is missing, or rows are invalid (each
            named by its row number).
        InvalidValueError: ``sources`` or ``certainty`` are not given properly.

    References:
        Resolutions 1654/NQ-UBTVQH15 to 1687/NQ-UBTVQH15 (16/6/2025), one per province, Điều 1:
        which old xã, phường and thị trấn (whole or in part) form each new commune.
    """
    texts, default_certainty = _check_sources("load_commune_mapping", sources, certainty)
    name, rows = _read_rows(source, "commune mapping", max_bytes)
    columns = _header(name, rows, _MAPPING_ALIASES, _REQUIRED_MAPPING)
    reader = _MappingReader(registry=registry, last_day=last_day, certainty=default_certainty)
    for number, cells in _mapping_rows(rows, columns):
        reader.read(number, cells)
    reader.check_shares()
    if reader.problems:
        raise LoadError(name, reader.problems)
    return reader.units(texts)
