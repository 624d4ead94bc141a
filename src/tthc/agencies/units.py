"""Administrative units (*đơn vị hành chính*), their validity and their succession.

A unit is one version of a code: code 08 named the old Tỉnh Tuyên Quang until 30/6/2025 and
the merged Tỉnh Tuyên Quang from 1/7/2025, two units. Each unit that ended points to the unit(s)
that took over its territory, with the legal act and the certainty of the fact; a
[`UnitRegistry`][tthc.agencies.UnitRegistry] validates a set of units (every problem at once)
and answers "as of" questions:

* the unit a code meant on a day ([`UnitRegistry.unit`][tthc.agencies.units.UnitRegistry.unit]);
* the unit(s) that succeed it today ([`UnitRegistry.current`][tthc.agencies.units.UnitRegistry.current]);
* the one code a record received on a day is reported under today, at a level
  ([`UnitRegistry.roll_up`][tthc.agencies.units.UnitRegistry.roll_up]).

A merge is many-to-one: every predecessor has one successor, and the roll-up follows it. A split
is one-to-many: the roll-up refuses to guess (a
[`SuccessionError`][tthc.errors.SuccessionError]) unless the caller gives an apportioning rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias

import attrs

from tthc import _validators as _v
from tthc.agencies.levels import UnitLevel
from tthc.calendar import Certainty
from tthc.errors import (
    InvalidValueError,
    LoadError,
    SuccessionError,
    UnitValidityError,
    UnknownCodeError,
)

__all__ = [
    "CODE_PATTERNS",
    "AdministrativeUnit",
    "Apportion",
    "Source",
    "Succession",
    "UnitRegistry",
    "same_code",
]

CODE_PATTERNS: Final[Mapping[UnitLevel, re.Pattern[str]]] = MappingProxyType(
    {
        UnitLevel.PROVINCE: re.compile(r"[0-9]{2}"),
        UnitLevel.DISTRICT: re.compile(r"[0-9]{3}"),
        UnitLevel.COMMUNE: re.compile(r"[0-9]{5}"),
    }
)
"""The form of the official unit codes by level: 2, 3 and 5 digits.

The codes are opaque text (``"01"``, not ``1``): leading zeros matter.

References:
    QĐ 124/2004/QĐ-TTg (the code table to 30/6/2025) and QĐ 19/2025/QĐ-TTg (from 1/7/2025), as
    used by Công văn 915/CTK-CSCL (provinces) and 1027/CTK-CSCL Phụ lục I (communes):
    confirmed_secondary (read in transcriptions; the signed tables were not read).
"""

_CERTAINTIES: Final = (Certainty.CONFIRMED, Certainty.CONFIRMED_SECONDARY, Certainty.UNCERTAIN)


def _is_text(instance: object, attribute: Any, value: str) -> None:
    if type(value) is not str:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a text")


def _fact_certainty(instance: object, attribute: Any, value: Certainty) -> None:
    if value not in _CERTAINTIES:
        names = ", ".join(f"Certainty.{c.name}" for c in _CERTAINTIES)
        raise InvalidValueError.for_attribute(instance, attribute, value, f"one of {names}")


def _optional_date(instance: object, attribute: Any, value: dt.date | None) -> None:
    if value is not None and type(value) is not dt.date:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a datetime.date or None"
        )


def _optional_nfc(value: str | None) -> str | None:
    return None if value is None else _v.nfc(value)


def _optional_number(instance: object, attribute: Any, value: str | None) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a document number (text) or None"
        )


def _source_ids(instance: object, attribute: Any, value: tuple[str, ...]) -> None:
    if not value or any(type(s) is not str or not s.strip() for s in value):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "one or more source ids or citations (non-blank texts)"
        )


@attrs.frozen(kw_only=True)
class Source:
    """A document or dataset that facts about units come from (*căn cứ*, *nguồn*).

    Attributes:
        id: Short id the facts cite (``"NQ202"``).
        title: The document's title.
        number: Its number (``"202/2025/QH15"``), if it has one.
        date: Its date, if known.
        locator: Where it was read (a URL, a repository path).
        note: What was read of it, and how far it can be trusted.
    """

    id: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    title: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    number: str | None = attrs.field(default=None, validator=_optional_number)
    date: dt.date | None = attrs.field(default=None, validator=_optional_date)
    locator: str = attrs.field(default="", converter=_v.nfc, validator=_is_text)
    note: str = attrs.field(default="", converter=_v.nfc, validator=_is_text, repr=False)


@attrs.frozen(kw_only=True)
class Succession:
    """How a unit ended (*sắp xếp đơn vị hành chính*): the units that took over its territory.

    One successor is a merge (the whole unit passes into it, with others or alone); several are a
    split (parts go to each); none means the unit was abolished without a successor at its level
    (the districts on 30/6/2025). Each successor is the unit with that code, at the same level,
    that begins the day after the predecessor's last day.

    Attributes:
        successors: The successors' codes, in the order the act lists them.
        act: The legal act that made the change: a source id (``"NQ202"``) or a citation
            (``"1656/NQ-UBTVQH15, Điều 1 khoản 3"``).
        sources: Where the fact was read (source ids or citations).
        certainty: How well the fact is established.
        note: Remarks.
    """

    successors: tuple[str, ...] = attrs.field(converter=_v.str_tuple)
    act: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    sources: tuple[str, ...] = attrs.field(converter=_v.str_tuple, validator=_source_ids)
    certainty: Certainty = attrs.field(validator=_fact_certainty)
    note: str = attrs.field(default="", converter=_v.nfc, validator=_is_text, repr=False)

    @successors.validator
    def _check_successors(self, attribute: Any, value: tuple[str, ...]) -> None:
        if any(type(c) is not str or not c.strip() for c in value) or len(set(value)) < len(value):
            raise InvalidValueError.for_attribute(
                self, attribute, value, "distinct non-blank codes"
            )

    @property
    def is_split(self) -> bool:
        """Whether the unit was split between several successors (*chia tách*)."""
        return len(self.successors) > 1


@attrs.frozen(kw_only=True)
class AdministrativeUnit:
    """An administrative unit (*đơn vị hành chính*): one code with one meaning over a span of days.

    Attributes:
        code: The official code (opaque text: 2 digits for a province, 3 for a district, 5 for
            a commune; see [`CODE_PATTERNS`][tthc.agencies.units.CODE_PATTERNS]).
        level: Province, district or commune (the central level has no unit).
        name: The official name with its kind (``"Tỉnh Hà Giang"``, ``"Phường Ba Đình"``).
        valid_from: Its first day, or ``None`` when it was in force before the earliest change
            the data describes.
        valid_until: Its last day (inclusive), or ``None`` if it still exists.
        parent: The code of the unit that contains it (a commune's district or province, a
            district's province) during its whole validity; ``None`` for a province.
        sources: Where its code, name and dates were read (source ids or citations).
        certainty: How well those facts are established.
        succession: How it ended, when ``valid_until`` is set.
        note: Remarks.

    Examples:
        >>> import datetime as dt
        >>> from tthc.calendar import Certainty
        >>> unit = AdministrativeUnit(
        ...     code="02", level=UnitLevel.PROVINCE, name="Tỉnh Hà Giang",
        ...     valid_until=dt.date(2025, 6, 30), sources=("TLQ",),
        ...     certainty=Certainty.CONFIRMED_SECONDARY,
        ...     succession=Succession(successors=("08",), act="NQ202", sources=("NQ202",),
        ...                           certainty=Certainty.CONFIRMED_SECONDARY))
        >>> unit.is_valid_on(dt.date(2025, 7, 1))
        False
        >>> AdministrativeUnit(code="2", level=UnitLevel.PROVINCE, name="Tỉnh Hà Giang",
        ...     sources=("TLQ",), certainty=Certainty.CONFIRMED_SECONDARY)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: AdministrativeUnit.code: expected a province code of the form '[0-9]{2}', got '2'

    References:
        QĐ 124/2004/QĐ-TTg and QĐ 19/2025/QĐ-TTg (the code tables; confirmed_secondary, not read
        in the signed originals); Resolution 202/2025/QH15 (the provinces from 1/7/2025).
    """

    code: str = attrs.field(converter=_v.nfc)
    level: UnitLevel = attrs.field(validator=_v.member_of(UnitLevel))
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    valid_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: dt.date | None = attrs.field(default=None, validator=_optional_date)
    parent: str | None = attrs.field(default=None, converter=_optional_nfc)
    sources: tuple[str, ...] = attrs.field(converter=_v.str_tuple, validator=_source_ids)
    certainty: Certainty = attrs.field(validator=_fact_certainty)
    succession: Succession | None = attrs.field(default=None)
    note: str = attrs.field(default="", converter=_v.nfc, validator=_is_text, repr=False)

    @level.validator
    def _check_code(self, attribute: Any, value: UnitLevel) -> None:
        # Checked here, after the level: the form of the code depends on it.
        del attribute
        code_field = attrs.fields(AdministrativeUnit).code
        if value is UnitLevel.CENTRAL:
            raise InvalidValueError.for_attribute(
                self,
                code_field,
                self.code,
                "a province, district or commune code (the central level has no unit)",
            )
        pattern = CODE_PATTERNS[value]
        code: object = self.code
        if type(code) is not str or not pattern.fullmatch(code):
            raise InvalidValueError.for_attribute(
                self, code_field, code, f"a {value.value} code of the form {pattern.pattern!r}"
            )

    @parent.validator
    def _check_parent(self, attribute: Any, value: str | None) -> None:
        if value is not None and (type(value) is not str or not value.strip()):
            raise InvalidValueError.for_attribute(
                self, attribute, value, "the code of the containing unit, or None"
            )
        if self.level is UnitLevel.PROVINCE and value is not None:
            raise InvalidValueError.for_attribute(
                self, attribute, value, "None (a province has no parent unit)"
            )
        if self.level in {UnitLevel.DISTRICT, UnitLevel.COMMUNE} and value is None:
            raise InvalidValueError.for_attribute(
                self, attribute, value, "the code of the containing district or province"
            )

    @succession.validator
    def _check_succession(self, attribute: Any, value: Succession | None) -> None:
        # Checked here, after every field is set: dates and succession go together.
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise InvalidValueError.for_attribute(
                self,
                attrs.fields(AdministrativeUnit).valid_until,
                self.valid_until,
                f"a day on or after valid_from ({self.valid_from.isoformat()})",
            )
        if value is not None and not isinstance(value, Succession):
            raise InvalidValueError.for_attribute(self, attribute, value, "a Succession or None")
        if self.valid_until is None and value is not None:
            raise InvalidValueError.for_attribute(
                self, attribute, value, "None for a unit that still exists (no valid_until)"
            )
        if self.valid_until is not None and value is None:
            raise InvalidValueError.for_attribute(
                self,
                attribute,
                value,
                f"how the unit ended on {self.valid_until.isoformat()} (a Succession; "
                "successors=() when it was abolished without one)",
            )

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the unit existed on ``day``.

        Raises:
            InvalidValueError: ``day`` is not a ``datetime.date``.
        """
        day = _v.check_date("AdministrativeUnit.is_valid_on(day)", day)
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @property
    def span(self) -> str:
        """Its validity as text (``"until 2025-06-30"``, ``"from 2025-07-01"``, ``"always"``)."""
        if self.valid_from is None and self.valid_until is None:
            return "in force throughout the data"
        if self.valid_from is None:
            return f"until {self.valid_until}"
        if self.valid_until is None:
            return f"from {self.valid_from}"
        return f"{self.valid_from} to {self.valid_until}"

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.level.value}, {self.span})"


Apportion: TypeAlias = (
    Mapping[str, str] | Callable[[AdministrativeUnit, tuple[AdministrativeUnit, ...]], str | None]
)
"""An apportioning rule for splits: which successor a record of a split unit goes to.

Either a mapping from the split unit's code to the chosen successor's code (codes not in it are
still refused), or a function ``rule(unit, successors)`` that returns the chosen code, or
``None`` to refuse. The rule is the caller's decision (from the record's own address, from a
population share, from a convention such as [`same_code`][tthc.agencies.units.same_code]): the
law that splits a unit says which territory goes where, not which dossier.
"""


def same_code(unit: AdministrativeUnit, successors: tuple[AdministrativeUnit, ...]) -> str | None:
    """Apportioning convention: a split unit's records go to the successor that kept its code.

    A **convention, not the law**: QĐ 124/2004/QĐ-TTg Art. 1 gives a split province's code to the
    part that keeps the old seat; most communes formed on 1/7/2025 reuse a predecessor's code
    (confirmed_secondary). Neither says where a given dossier's applicant lives. When no successor
    has the code, the rule refuses (returns ``None``).

    Examples:
        >>> same_code.__name__
        'same_code'
    """
    for successor in successors:
        if successor.code == unit.code:
            return successor.code
    return None


def _day_key(day: dt.date | None, *, end: bool) -> dt.date:
    if day is None:
        return dt.date.max if end else dt.date.min
    return day


class UnitRegistry:
    """A validated set of administrative units, and "as of" lookups on it (*danh mục*).

    Building one checks everything at once and raises one
    [`LoadError`][tthc.errors.LoadError] listing every problem: codes of the right form for their
    level; no two units with the same code at the same time; each parent exists at a higher level
    during the child's whole validity; each unit that ended has a succession, whose successors
    are units of the same level starting the day after it. Because every successor starts after
    its predecessor ends, time runs forward along every link, so succession has no cycle.

    The package's own data is [`province_registry`][tthc.agencies.province_registry]; add
    communes with [`extended`][tthc.agencies.units.UnitRegistry.extended].

    Args:
        units: The units.
        sources: The sources the units cite, by id (for display; unknown ids are allowed and
            read as citations).
        name: What the units are, for error messages.

    Raises:
        LoadError: The units are inconsistent (``.problems`` names each unit and what is wrong).

    Examples:
        >>> import datetime as dt
        >>> from tthc.agencies import province_registry
        >>> reg = province_registry()
        >>> reg.unit("02", dt.date(2025, 6, 30)).name
        'Tỉnh Hà Giang'
        >>> reg.roll_up("02", dt.date(2025, 6, 30))
        '08'
        >>> len(reg.units_on(dt.date(2025, 6, 30))), len(reg.units_on(dt.date(2025, 7, 1)))
        (63, 34)
    """

    __slots__ = ("_by_code", "_name", "_sources", "_units")

    def __init__(
        self,
        units: Iterable[AdministrativeUnit],
        *,
        sources: Iterable[Source] = (),
        name: str = "<units>",
    ) -> None:
        self._name = name
        self._units: tuple[AdministrativeUnit, ...] = tuple(units)
        self._sources: dict[str, Source] = {}
        problems: list[str] = []
        given: list[object] = list(sources)
        for source in given:
            if not isinstance(source, Source):
                problems.append(f"sources: expected Source objects, got {source!r}")
            elif source.id in self._sources:
                problems.append(f"sources: the id {source.id!r} is given twice")
            else:
                self._sources[source.id] = source
        by_code: dict[str, list[AdministrativeUnit]] = {}
        items: list[object] = list(self._units)
        for unit in items:
            if not isinstance(unit, AdministrativeUnit):
                problems.append(f"expected AdministrativeUnit objects, got {unit!r}")
                continue
            by_code.setdefault(unit.code, []).append(unit)
        self._by_code: dict[str, tuple[AdministrativeUnit, ...]] = {
            code: tuple(
                sorted(versions, key=lambda u: _day_key(u.valid_from, end=False).toordinal())
            )
            for code, versions in by_code.items()
        }
        problems.extend(self._problems())
        if problems:
            raise LoadError(name, problems)

    # --- validation ------------------------------------------------------------------------------

    def _problems(self) -> Iterator[str]:
        for versions in self._by_code.values():
            # The forms of the codes differ by level (CODE_PATTERNS): a code names one level.
            for before, after in itertools.pairwise(versions):
                if _day_key(before.valid_until, end=True) >= _day_key(after.valid_from, end=False):
                    yield (
                        f"{before}: overlaps {after}; two units cannot have the same code on "
                        "the same day"
                    )
        for versions in self._by_code.values():
            for unit in versions:
                yield from self._parent_problems(unit)
                yield from self._succession_problems(unit)

    def _parent_problems(self, unit: AdministrativeUnit) -> Iterator[str]:
        if unit.parent is None:
            return
        candidates = self._by_code.get(unit.parent, ())
        if not candidates:
            yield f"{unit}: its parent {unit.parent} is not in the data"
            return
        parent = self._covering_parent(unit)
        if parent is None:
            spans = "; ".join(str(p) for p in candidates)
            yield (
                f"{unit}: its parent {unit.parent} does not exist during its whole validity "
                f"({spans})"
            )
            return
        if not parent.level.contains(unit.level):
            yield (f"{unit}: its parent {parent} is not at a higher level than {unit.level.value}")

    def _succession_problems(self, unit: AdministrativeUnit) -> Iterator[str]:
        succession = unit.succession
        if succession is None or unit.valid_until is None:
            return
        first_day = unit.valid_until + dt.timedelta(days=1)
        for code in succession.successors:
            successor = self._starting(code, first_day)
            if successor is None:
                versions = "; ".join(str(u) for u in self._by_code.get(code, ()))
                yield (
                    f"{unit}: its successor {code} has no unit starting on "
                    f"{first_day.isoformat()}, the day after it ended"
                    + (f" ({versions})" if versions else " (the code is not in the data)")
                )
            elif successor.level is not unit.level:
                yield (
                    f"{unit}: its successor {successor} is at another level; a succession "
                    "links units of the same level"
                )

    def _covering_parent(self, unit: AdministrativeUnit) -> AdministrativeUnit | None:
        start = _day_key(unit.valid_from, end=False)
        end = _day_key(unit.valid_until, end=True)
        for candidate in self._by_code.get(unit.parent or "", ()):
            if _day_key(candidate.valid_from, end=False) <= start and end <= _day_key(
                candidate.valid_until, end=True
            ):
                return candidate
        return None

    def _starting(self, code: str, day: dt.date) -> AdministrativeUnit | None:
        for version in self._by_code.get(code, ()):
            if version.valid_from == day:
                return version
        return None

    # --- the data ------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """What the units are (the file they came from)."""
        return self._name

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources the units cite, by id."""
        return MappingProxyType(self._sources)

    def __iter__(self) -> Iterator[AdministrativeUnit]:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __repr__(self) -> str:
        return f"<UnitRegistry {self._name} units={len(self._units)}>"

    def versions(self, code: str) -> tuple[AdministrativeUnit, ...]:
        """Every unit that has had ``code``, oldest first.

        Raises:
            UnknownCodeError: No unit has the code.
        """
        versions = self._by_code.get(code) if type(code) is str else None
        if not versions:
            raise UnknownCodeError(code)
        return versions

    def extended(
        self,
        units: Iterable[AdministrativeUnit],
        *,
        sources: Iterable[Source] = (),
        name: str | None = None,
    ) -> UnitRegistry:
        """A new registry with ``units`` (and ``sources``) added to these, validated together.

        Raises:
            LoadError: The units together are inconsistent.
        """
        return UnitRegistry(
            (*self._units, *units),
            sources=(*self._sources.values(), *sources),
            name=name or f"{self._name} + more units",
        )

    def units_on(
        self, day: dt.date, level: UnitLevel | str | None = None
    ) -> tuple[AdministrativeUnit, ...]:
        """The units that existed on ``day`` (at ``level``, when given), by code.

        Raises:
            InvalidValueError: ``day`` is not a date or ``level`` is not a level.
        """
        day = _v.check_date("UnitRegistry.units_on(day)", day)
        wanted = None if level is None else UnitLevel.parse(level)
        found = [
            u
            for versions in self._by_code.values()
            for u in versions
            if u.is_valid_on(day) and (wanted is None or u.level is wanted)
        ]
        return tuple(sorted(found, key=lambda u: (u.level.rank, u.code)))

    # --- lookups -------------------------------------------------------------------------------

    def unit(self, code: str, on: dt.date) -> AdministrativeUnit:
        """The unit ``code`` meant on the day ``on``.

        Raises:
            UnknownCodeError: No unit has ever had the code.
            UnitValidityError: No unit had the code on that day (the error names every unit that
                had it, with its dates).
            InvalidValueError: ``on`` is not a ``datetime.date``.

        Examples:
            >>> import datetime as dt
            >>> from tthc.agencies import province_registry
            >>> reg = province_registry()
            >>> reg.unit("08", dt.date(2025, 6, 30)).valid_until
            datetime.date(2025, 6, 30)
            >>> reg.unit("02", dt.date(2025, 7, 1))
            Traceback (most recent call last):
            ...
            tthc.errors.UnitValidityError: 02 did not name a unit on 2025-07-01: it was Tỉnh Hà Giang from the start of the data to 2025-06-30; look it up with a day inside its validity
        """
        on = _v.check_date("UnitRegistry.unit(on)", on)
        versions = self.versions(code)
        for version in versions:
            if version.is_valid_on(on):
                return version
        raise UnitValidityError(
            code, on, [(v.name, v.valid_from, v.valid_until) for v in versions]
        )

    def parent(self, unit: AdministrativeUnit) -> AdministrativeUnit | None:
        """The unit that contains ``unit`` during its validity, or ``None`` for a province."""
        if unit.parent is None:
            return None
        return self._covering_parent(unit)

    def successors(self, unit: AdministrativeUnit) -> tuple[AdministrativeUnit, ...]:
        """The units that directly succeeded ``unit`` (empty if it still exists or was abolished)."""
        if unit.succession is None or unit.valid_until is None:
            return ()
        first_day = unit.valid_until + dt.timedelta(days=1)
        return tuple(self.unit(code, first_day) for code in unit.succession.successors)

    def predecessors(self, unit: AdministrativeUnit) -> tuple[AdministrativeUnit, ...]:
        """The units that directly became ``unit`` (for a merged province, the old provinces).

        Examples:
            >>> import datetime as dt
            >>> from tthc.agencies import province_registry
            >>> reg = province_registry()
            >>> [u.code for u in reg.predecessors(reg.unit("08", dt.date(2025, 7, 1)))]
            ['02', '08']
        """
        if unit.valid_from is None:
            return ()
        last_day = unit.valid_from - dt.timedelta(days=1)
        found = [
            u
            for versions in self._by_code.values()
            for u in versions
            if u.valid_until == last_day
            and u.succession is not None
            and unit.code in u.succession.successors
        ]
        return tuple(sorted(found, key=lambda u: u.code))

    def current(
        self, code: str, on: dt.date, *, as_of: dt.date | None = None
    ) -> tuple[AdministrativeUnit, ...]:
        """The unit(s) that succeed the unit ``code`` meant on ``on``, as of a day.

        Follows every succession link: a merge gives one unit, a split several (all of them:
        nothing is guessed here). A unit that still exists is its own successor.

        Args:
            code: The unit's code.
            on: The day the code was used (a dossier's receipt date).
            as_of: Follow successions up to this day; by default to the end of the data (today's
                units, unless the data holds later changes).

        Returns:
            The successors, by code; empty when the unit was abolished without a successor.

        Raises:
            UnknownCodeError: No unit has ever had the code.
            UnitValidityError: No unit had the code on ``on``.
            InvalidValueError: ``as_of`` is before ``on``.

        Examples:
            >>> import datetime as dt
            >>> from tthc.agencies import province_registry
            >>> reg = province_registry()
            >>> [(u.code, u.name) for u in reg.current("27", dt.date(2024, 5, 1))]
            [('24', 'Tỉnh Bắc Ninh')]
        """
        unit = self.unit(code, on)
        as_of = self._check_as_of(as_of, on, "current")
        found: dict[tuple[str, dt.date], AdministrativeUnit] = {}
        pending = [unit]
        while pending:
            item = pending.pop()
            if item.valid_until is None or (as_of is not None and as_of <= item.valid_until):
                found[(item.code, _day_key(item.valid_from, end=False))] = item
                continue
            pending.extend(self.successors(item))
        return tuple(sorted(found.values(), key=lambda u: u.code))

    def roll_up(
        self,
        code: str,
        on: dt.date,
        *,
        level: UnitLevel | str | None = None,
        as_of: dt.date | None = None,
        apportion: Apportion | None = None,
    ) -> str:
        """The code a record of unit ``code`` on day ``on`` is reported under today, at ``level``.

        First climbs from the unit to its ancestor at ``level`` as it was on ``on`` (a former
        commune to its former district and province), then follows that ancestor's successions to
        the end of the data (or to ``as_of``). Climbing first means a province-level report never
        meets a commune split.

        Args:
            code: The unit's code (a province, district or commune code).
            on: The day of the record (the dossier's receipt date, in Vietnam time).
            level: The level to report at (default: the unit's own level). A former district
                can be reported at province level, not at its own (districts have no successor).
            as_of: Follow successions up to this day (default: the end of the data).
            apportion: The rule for splits (see [`Apportion`][tthc.agencies.units.Apportion]);
                without one a split raises.

        Returns:
            The code of the unit that succeeds it.

        Raises:
            UnknownCodeError: No unit has ever had the code.
            UnitValidityError: No unit had the code on ``on``.
            SuccessionError: The way to today passes a split with no apportioning rule (or the
                rule refuses), or a unit that ended without a successor at ``level``.
            InvalidValueError: ``level`` is below the unit's own level or the central level, or
                ``as_of`` is before ``on``, or a rule chose a code that is not a successor.

        Examples:
            >>> import datetime as dt
            >>> from tthc.agencies import province_registry
            >>> reg = province_registry()
            >>> reg.roll_up("89", dt.date(2025, 6, 30))   # An Giang took Kiên Giang's code
            '91'
            >>> reg.roll_up("01", dt.date(2025, 6, 30)), reg.roll_up("91", dt.date(2025, 7, 1))
            ('01', '91')
        """
        unit = self.unit(code, on)
        target = unit.level if level is None else UnitLevel.parse(level)
        as_of = self._check_as_of(as_of, on, "roll_up")
        if target is UnitLevel.CENTRAL or target.rank > unit.level.rank:
            raise InvalidValueError(
                "UnitRegistry.roll_up(level)",
                target,
                f"the level of {unit.code} ({unit.level.value}) or a higher local level",
            )
        while unit.level is not target:
            parent = self.parent(unit)
            if parent is None or parent.level.rank < target.rank:
                raise InvalidValueError(
                    "UnitRegistry.roll_up(level)",
                    target,
                    f"a level that {unit} belongs to on {on.isoformat()}",
                )
            unit = parent
        return self._follow(unit, as_of, apportion).code

    def _follow(
        self, unit: AdministrativeUnit, as_of: dt.date | None, apportion: Apportion | None
    ) -> AdministrativeUnit:
        while True:
            end = unit.valid_until
            if end is None or (as_of is not None and as_of <= end):
                return unit
            nexts = self.successors(unit)
            if len(nexts) == 1:
                unit = nexts[0]
                continue
            chosen = self._apportion(unit, nexts, apportion) if nexts else None
            if chosen is None:
                raise SuccessionError(unit.code, unit.name, end, [n.code for n in nexts])
            unit = chosen

    @staticmethod
    def _apportion(
        unit: AdministrativeUnit,
        successors: tuple[AdministrativeUnit, ...],
        apportion: Apportion | None,
    ) -> AdministrativeUnit | None:
        if apportion is None:
            return None
        if isinstance(apportion, Mapping):
            code = apportion.get(unit.code)
        elif callable(apportion):
            code = apportion(unit, successors)
        else:
            raise InvalidValueError(
                "UnitRegistry.roll_up(apportion)",
                apportion,
                "a mapping from old to new code, or a function (unit, successors) -> code",
            )
        if code is None:
            return None
        for successor in successors:
            if successor.code == code:
                return successor
        raise InvalidValueError(
            "UnitRegistry.roll_up(apportion)",
            code,
            f"one of the successors of {unit.code} ({', '.join(s.code for s in successors)})",
        )

    @staticmethod
    def _check_as_of(as_of: dt.date | None, on: dt.date, method: str) -> dt.date | None:
        if as_of is None:
            return None
        as_of = _v.check_date(f"UnitRegistry.{method}(as_of)", as_of)
        if as_of < on:
            raise InvalidValueError(
                f"UnitRegistry.{method}(as_of)", as_of, f"a day on or after {on.isoformat()}"
            )
        return as_of
