"""Agencies (*cơ quan, đơn vị*) in a hierarchy: ministries, people's committees, departments, desks.

An [`AgencyDirectory`][tthc.agencies.AgencyDirectory] holds agencies by their code, each with its
parent agency (a department inside its people's committee, a one-stop desk inside its centre),
the administrative unit it serves and, for a provincial department, the ministry that guides it
in its sector. So a department rolls up to its agency, its province (of the day, or of today) and
its ministry.

The procedure records' [`Agency`][tthc.procedures.Agency] (a name and a code) fits in directly:
[`AgencyEntry.from_agency`][tthc.agencies.hierarchy.AgencyEntry.from_agency] places one in the hierarchy.
"""

from __future__ import annotations

import enum
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol

import attrs

from tthc import _validators as _v
from tthc.agencies.levels import UnitLevel
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError, UnknownCodeError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Mapping

    from tthc.agencies.units import Apportion, UnitRegistry

__all__ = [
    "EGOV_CODE_CERTAINTY",
    "EGOV_CODE_PATTERN",
    "AgencyDirectory",
    "AgencyEntry",
    "AgencyKind",
    "EgovCode",
    "NamedCode",
]


class AgencyKind(enum.Enum):
    """What an agency is (*loại cơ quan*), for its place in the hierarchy.

    Examples:
        >>> AgencyKind.SERVICE_CENTRE.label
        'Trung tâm Phục vụ hành chính công'
    """

    #: *Bộ, cơ quan ngang bộ*: a ministry or ministry-level agency (central, no unit).
    MINISTRY = "ministry"
    #: *Ủy ban nhân dân*: the people's committee of a province, district (to 30/6/2025) or commune.
    PEOPLES_COMMITTEE = "peoples_committee"
    #: *Sở, phòng, cục, vụ*: a department inside an agency.
    DEPARTMENT = "department"
    #: *Bộ phận Một cửa*: a one-stop desk, where dossiers are received and results returned.
    ONE_STOP_DESK = "one_stop_desk"
    #: *Trung tâm Phục vụ hành chính công*: a public administration service centre.
    SERVICE_CENTRE = "service_centre"

    @property
    def label(self) -> str:
        """The Vietnamese name of the kind."""
        return _KIND_LABELS[self]

    @property
    def is_agency(self) -> bool:
        """Whether it is an agency in its own right (a ministry or a people's committee)."""
        return self in {AgencyKind.MINISTRY, AgencyKind.PEOPLES_COMMITTEE}


_KIND_LABELS: Final = {
    # "ministry"
    AgencyKind.MINISTRY: "Bộ",
    # "people's committee"
    AgencyKind.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    # "department"
    AgencyKind.DEPARTMENT: "Sở, phòng, ban",
    # "one-stop desk"
    AgencyKind.ONE_STOP_DESK: "Bộ phận Một cửa",
    # "public administration service centre"
    AgencyKind.SERVICE_CENTRE: "Trung tâm Phục vụ hành chính công",
}


class NamedCode(Protocol):
    """Anything with a name and an optional code, such as [`Agency`][tthc.procedures.Agency]."""

    @property
    def name(self) -> str:
        """The agency's name."""
        ...

    @property
    def code(self) -> str | None:
        """Its code, if it has one."""
        ...


def _code_text(instance: object, attribute: Any, value: str) -> None:
    if type(value) is not str or not value.strip() or any(c.isspace() for c in value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a code: non-blank text without spaces"
        )


def _optional_code(instance: object, attribute: Any, value: str | None) -> None:
    if value is not None:
        _code_text(instance, attribute, value)


def _nfc_optional(value: str | None) -> str | None:
    return None if value is None else _v.nfc(value)


@attrs.frozen(kw_only=True)
class AgencyEntry:
    """An agency (*cơ quan*) or one of its parts, placed in the hierarchy.

    Attributes:
        code: Its code (opaque text: the national agency list's ``MADONVI``, an e-government
            identifier such as ``000.00.10.H26``, or your own).
        name: Its name.
        kind: What it is.
        parent: The code of the agency it is part of (a department's people's committee), or
            ``None`` at the top.
        unit: The code of the administrative unit it serves (province, district or commune), or
            ``None`` to use its parent's; central agencies have none.
        line_ministry: For a department of a local agency, the code of the ministry that guides
            it in its sector (*hướng dẫn chuyên môn, nghiệp vụ*), if given.
        note: Remarks.

    Examples:
        >>> AgencyEntry(code="H26.1", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT,
        ...             parent="H26").unit is None
        True
    """

    code: str = attrs.field(converter=_v.nfc, validator=_code_text)
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    kind: AgencyKind = attrs.field(validator=_v.member_of(AgencyKind))
    parent: str | None = attrs.field(
        default=None, converter=_nfc_optional, validator=_optional_code
    )
    unit: str | None = attrs.field(default=None, converter=_nfc_optional, validator=_optional_code)
    line_ministry: str | None = attrs.field(
        default=None, converter=_nfc_optional, validator=_optional_code
    )
    note: str = attrs.field(default="", converter=_v.nfc)

    @note.validator
    def _check(self, attribute: Any, value: str) -> None:
        if type(value) is not str:
            raise InvalidValueError.for_attribute(self, attribute, value, "a text")
        if self.kind is AgencyKind.MINISTRY and self.unit is not None:
            raise InvalidValueError.for_attribute(
                self,
                attrs.fields(AgencyEntry).unit,
                self.unit,
                "None (a ministry is central and serves no administrative unit)",
            )
        if self.kind is AgencyKind.PEOPLES_COMMITTEE and self.unit is None:
            raise InvalidValueError.for_attribute(
                self,
                attrs.fields(AgencyEntry).unit,
                self.unit,
                "the code of the unit the people's committee governs",
            )
        if self.parent == self.code:
            raise InvalidValueError.for_attribute(
                self, attrs.fields(AgencyEntry).parent, self.parent, "another agency's code"
            )

    @classmethod
    def from_agency(
        cls,
        agency: NamedCode,
        *,
        kind: AgencyKind,
        parent: str | None = None,
        unit: str | None = None,
        line_ministry: str | None = None,
    ) -> AgencyEntry:
        """Place an agency of a procedure record (name and code) in the hierarchy.

        Raises:
            InvalidValueError: The agency has no code (the directory is keyed by code).

        Examples:
            >>> import tthc
            >>> entry = AgencyEntry.from_agency(
            ...     tthc.Agency(name="UBND tỉnh Cao Bằng", code="EX.04"),
            ...     kind=AgencyKind.PEOPLES_COMMITTEE, unit="04")
            >>> entry.code, entry.unit
            ('EX.04', '04')
        """
        code = getattr(agency, "code", None)
        if code is None:
            raise InvalidValueError(
                "AgencyEntry.from_agency(agency)", agency, "an agency with a code"
            )
        return cls(
            code=code,
            name=agency.name,
            kind=kind,
            parent=parent,
            unit=unit,
            line_ministry=line_ministry,
        )


class AgencyDirectory:
    """Agencies by code, with their hierarchy (*hệ thống cơ quan*), validated on construction.

    Checks, all reported at once in one [`LoadError`][tthc.errors.LoadError]: codes are unique;
    every parent and line ministry is in the directory; line ministries are ministries; the
    parent chain has no cycle; every local agency has a unit, its own or an ancestor's.

    Args:
        entries: The agencies.
        name: What they are, for error messages.

    Raises:
        LoadError: The entries are inconsistent.

    Examples:
        >>> import datetime as dt
        >>> from tthc.agencies import province_registry
        >>> d = AgencyDirectory([
        ...     AgencyEntry(code="BTP", name="Bộ Tư pháp", kind=AgencyKind.MINISTRY),
        ...     AgencyEntry(code="UB.27", name="UBND tỉnh Bắc Ninh (cũ)",
        ...                 kind=AgencyKind.PEOPLES_COMMITTEE, unit="27"),
        ...     AgencyEntry(code="STP.27", name="Sở Tư pháp tỉnh Bắc Ninh (cũ)",
        ...                 kind=AgencyKind.DEPARTMENT, parent="UB.27", line_ministry="BTP"),
        ... ])
        >>> d.agency_of("STP.27").code, d.ministry_of("STP.27").code, d.unit_of("STP.27")
        ('UB.27', 'BTP', '27')
        >>> d.roll_up("STP.27", dt.date(2025, 6, 30), registry=province_registry())
        '24'
    """

    __slots__ = ("_entries", "_name")

    def __init__(self, entries: Iterable[AgencyEntry], *, name: str = "<agencies>") -> None:
        self._name = name
        problems: list[str] = []
        by_code: dict[str, AgencyEntry] = {}
        given: list[object] = list(entries)
        for entry in given:
            if not isinstance(entry, AgencyEntry):
                problems.append(f"expected AgencyEntry objects, got {entry!r}")
            elif entry.code in by_code:
                problems.append(f"{entry.code}: given twice ({by_code[entry.code].name!r})")
            else:
                by_code[entry.code] = entry
        self._entries: dict[str, AgencyEntry] = by_code
        problems.extend(self._problems())
        if problems:
            raise LoadError(name, problems)

    def _problems(self) -> Iterator[str]:
        for entry in self._entries.values():
            where = f"{entry.code} ({entry.name})"
            if entry.parent is not None and entry.parent not in self._entries:
                yield f"{where}: its parent {entry.parent} is not in the directory"
            if entry.line_ministry is not None:
                ministry = self._entries.get(entry.line_ministry)
                if ministry is None:
                    yield f"{where}: its line ministry {entry.line_ministry} is not in the directory"
                elif ministry.kind is not AgencyKind.MINISTRY:
                    yield (
                        f"{where}: its line ministry {ministry.code} is a "
                        f"{ministry.kind.value}, not a ministry"
                    )
            chain = [entry]
            cyclic = False
            while chain[-1].parent is not None and chain[-1].parent in self._entries:
                parent = self._entries[chain[-1].parent]
                if parent in chain:
                    codes = [e.code for e in chain[chain.index(parent) :]]
                    yield f"{where}: its parents form a cycle ({' -> '.join([*codes, parent.code])})"
                    cyclic = True
                    break
                chain.append(parent)
            if cyclic:
                continue
            central = any(e.kind is AgencyKind.MINISTRY for e in chain)
            if not central and all(e.unit is None for e in chain):
                yield (
                    f"{where}: no unit: neither it nor an agency above it names the "
                    "administrative unit it serves (only ministries and their parts are central)"
                )

    def _own_unit(self, entry: AgencyEntry) -> str | None:
        seen: set[str] = set()
        current: AgencyEntry | None = entry
        while current is not None and current.code not in seen:
            if current.unit is not None:
                return current.unit
            seen.add(current.code)
            current = self._entries.get(current.parent) if current.parent else None
        return None

    def __iter__(self) -> Iterator[AgencyEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __getitem__(self, code: str) -> AgencyEntry:
        entry = self._entries.get(code) if type(code) is str else None
        if entry is None:
            raise UnknownCodeError(code, "agency", "add it to the directory")
        return entry

    def __repr__(self) -> str:
        return f"<AgencyDirectory {self._name} agencies={len(self._entries)}>"

    @property
    def entries(self) -> Mapping[str, AgencyEntry]:
        """The agencies by code."""
        return MappingProxyType(self._entries)

    def ancestors(self, code: str) -> tuple[AgencyEntry, ...]:
        """The agency's parents, nearest first (a desk's centre, then its people's committee).

        Raises:
            UnknownCodeError: No agency has the code.
        """
        found: list[AgencyEntry] = []
        current = self[code]
        while current.parent is not None:
            current = self._entries[current.parent]
            found.append(current)
        return tuple(found)

    def agency_of(self, code: str) -> AgencyEntry:
        """The agency in its own right that ``code`` belongs to (*cơ quan chủ quản*).

        Itself when it is a ministry or a people's committee, else the nearest one above it, else
        the entry at the top of its chain.

        Raises:
            UnknownCodeError: No agency has the code.
        """
        entry = self[code]
        if entry.kind.is_agency:
            return entry
        for ancestor in self.ancestors(code):
            if ancestor.kind.is_agency:
                return ancestor
        return (entry, *self.ancestors(code))[-1]

    def ministry_of(self, code: str) -> AgencyEntry | None:
        """The ministry (*Bộ*) that ``code`` answers to, or ``None``.

        Itself or a ministry above it; else the nearest line ministry on its way up.

        Raises:
            UnknownCodeError: No agency has the code.
        """
        chain = (self[code], *self.ancestors(code))
        for entry in chain:
            if entry.kind is AgencyKind.MINISTRY:
                return entry
        for entry in chain:
            if entry.line_ministry is not None:
                return self._entries[entry.line_ministry]
        return None

    def unit_of(self, code: str) -> str | None:
        """The code of the administrative unit ``code`` serves, or ``None`` for a central agency.

        Its own unit, or its nearest ancestor's.

        Raises:
            UnknownCodeError: No agency has the code.
        """
        return self._own_unit(self[code])

    def level_of(self, code: str, registry: UnitRegistry, on: dt.date) -> UnitLevel:
        """The level of government of ``code`` on a day: its unit's level, or central.

        Raises:
            UnknownCodeError: No agency has the code, or its unit is not in ``registry``.
            UnitValidityError: Its unit did not exist on ``on``.
        """
        unit = self.unit_of(code)
        if unit is None:
            return UnitLevel.CENTRAL
        return registry.unit(unit, on).level

    def roll_up(
        self,
        code: str,
        on: dt.date,
        *,
        registry: UnitRegistry,
        level: UnitLevel | str = UnitLevel.PROVINCE,
        as_of: dt.date | None = None,
        apportion: Apportion | None = None,
    ) -> str:
        """The code of the unit of today that a record of agency ``code`` on day ``on`` goes to.

        The agency's unit (its own or an ancestor's) is rolled up with
        [`UnitRegistry.roll_up`][tthc.agencies.units.UnitRegistry.roll_up].

        Raises:
            UnknownCodeError: No agency has the code, or its unit is not in ``registry``.
            InvalidValueError: The agency is central (no unit to roll up), or ``level`` is below
                its unit's level.
            UnitValidityError: Its unit did not exist on ``on``.
            SuccessionError: A split without an apportioning rule on the way.
        """
        unit = self.local_unit_of(code)
        return registry.roll_up(unit, on, level=level, as_of=as_of, apportion=apportion)

    def local_unit_of(self, code: str) -> str:
        """Like [`unit_of`][tthc.agencies.hierarchy.AgencyDirectory.unit_of], for a local agency only.

        Raises:
            UnknownCodeError: No agency has the code.
            InvalidValueError: The agency is central (it serves no administrative unit).
        """
        unit = self.unit_of(code)
        if unit is None:
            raise InvalidValueError(
                "AgencyDirectory.roll_up(code)",
                code,
                "a local agency (this one is central: group it by ministry_of instead)",
            )
        return unit


EGOV_CODE_PATTERN: Final = re.compile(
    r"(?P<level4>[0-9A-Z]{3})\.(?P<level3>[0-9A-Z]{2})\.(?P<level2>[0-9A-Z]{2})\."
    r"(?P<level1>[A-Z][0-9]{2})"
)
"""The form of an e-government agency identifier (*mã định danh*), ``000.00.10.H26``.

References:
    QCVN 102:2016/BTTTT (issued with Circular 10/2016/TT-BTTTT), read only as quoted in Quảng
    Ninh's QĐ 3739/QĐ-UBND (03/11/2016); later QĐ 20/2020/QĐ-TTg, whose structure articles were
    not read. Segments with letters (``000.A0.01.H26``) are seen in dossier codes.
"""

EGOV_CODE_CERTAINTY: Final = Certainty.CONFIRMED_SECONDARY
"""How well the structure of [`EGOV_CODE_PATTERN`][tthc.agencies.EGOV_CODE_PATTERN] is known."""


@attrs.frozen(kw_only=True)
class EgovCode:
    """An e-government agency identifier (*mã định danh điện tử*) read into its levels.

    Read right to left: the level-1 body (a letter and two digits: a province's people's
    committee or a ministry, ``H26``), then levels 2, 3 and 4 inside it; zeros mean the level is
    not used (``000.00.00.H49`` is Quảng Ninh's provincial people's committee). Which body has
    which level-1 code is set by each body's own decision: `tthc` does not derive it from names
    or unit codes (for instance ``H49`` is Quảng Ninh, unit code 22).

    Attributes:
        level1: The level-1 body (``"H26"``).
        level2: The level-2 unit inside it (``"10"``), ``"00"`` when unused.
        level3: The level-3 unit (``"00"`` when unused).
        level4: The level-4 unit (``"000"`` when unused).

    Examples:
        >>> code = EgovCode.parse("000.00.10.H26")
        >>> code.level1, code.level2, code.depth
        ('H26', '10', 2)
        >>> code.parent_code
        '000.00.00.H26'

    References:
        QCVN 102:2016/BTTTT (confirmed_secondary: read as quoted in QĐ 3739/QĐ-UBND of Quảng
        Ninh, 2016).
    """

    level1: str
    level2: str
    level3: str
    level4: str

    @classmethod
    def parse(cls, text: str) -> EgovCode:
        """Read an identifier such as ``000.00.10.H26``.

        Raises:
            InvalidValueError: ``text`` is not of that form.
        """
        value: object = text
        match = EGOV_CODE_PATTERN.fullmatch(value) if type(value) is str else None
        if match is None:
            raise InvalidValueError(
                "EgovCode.parse(text)",
                text,
                "an e-government identifier such as '000.00.10.H26' (QCVN 102:2016)",
            )
        return cls(**match.groupdict())

    @property
    def depth(self) -> int:
        """The deepest level used: 1 for the body itself, up to 4."""
        if self.level4.strip("0"):
            return 4
        if self.level3.strip("0"):
            return 3
        if self.level2.strip("0"):
            return 2
        return 1

    @property
    def parent_code(self) -> str | None:
        """The identifier one level up, or ``None`` for a level-1 body."""
        parts = [self.level4, self.level3, self.level2]
        depth = self.depth
        if depth == 1:
            return None
        # Zero the deepest used segment.
        index = 4 - depth
        parts[index] = "0" * len(parts[index])
        return ".".join([*parts, self.level1])

    def __str__(self) -> str:
        return f"{self.level4}.{self.level3}.{self.level2}.{self.level1}"
