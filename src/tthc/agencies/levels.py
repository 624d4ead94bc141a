"""Levels of government (*cấp*): central, province, district (until 30/6/2025), commune.

The levels of the administrative units and of the agencies that serve them, the day the district
level ended, and the national authority-level codes of the procedure database as far as they are
known.
"""

from __future__ import annotations

import datetime as dt
import enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from tthc import _validators as _v
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "LAST_DAY_OF_DISTRICTS",
    "NATIONAL_LEVEL_CODES",
    "NATIONAL_LEVEL_CODES_CERTAINTY",
    "REORGANISED_ON",
    "UnitLevel",
]

REORGANISED_ON: Final = dt.date(2025, 7, 1)
"""The first day of the two-level local government and of the 34 provinces (1 July 2025).

References:
    Resolution 202/2025/QH15 (12/6/2025): the new provinces operate from 1/7/2025
    (confirmed_secondary: press summaries of the resolution). Districts end the day before
    (Law on the Organisation of Local Government 72/2025/QH15, read only as cited by the 2025
    commune resolutions: confirmed_secondary).
"""

LAST_DAY_OF_DISTRICTS: Final = dt.date(2025, 6, 30)
"""The last day of the district level (*cấp huyện*) and of the 63 provinces (30 June 2025)."""


class UnitLevel(enum.Enum):
    """A level of government (*cấp hành chính*): the level of a unit or of an agency.

    Administrative units (*đơn vị hành chính*) are provinces, districts or communes; the central
    level has no administrative unit and is the level of ministries (*Bộ*). The values are the
    same texts as [`AuthorityLevel`][tthc.procedures.AuthorityLevel]'s, so
    ``UnitLevel(level.value)`` converts one into the other.

    Examples:
        >>> UnitLevel.PROVINCE.label, UnitLevel.COMMUNE.rank
        ('Cấp Tỉnh', 3)
        >>> UnitLevel.DISTRICT.exists_on(dt.date(2025, 7, 1))
        False
        >>> UnitLevel.PROVINCE.contains(UnitLevel.COMMUNE)
        True

    References:
        Law on the Organisation of Local Government 72/2025/QH15 (two-level local government
        from 1/7/2025; confirmed_secondary, cited by the 2025 commune resolutions).
    """

    #: *Cấp trung ương*: the ministries and central agencies (no administrative unit).
    CENTRAL = "central"
    #: *Cấp tỉnh*: a province or centrally-run city (*tỉnh, thành phố trực thuộc trung ương*).
    PROVINCE = "province"
    #: *Cấp huyện*: a district, town or provincial city; ended on 30/6/2025.
    DISTRICT = "district"
    #: *Cấp xã*: a commune, ward or special zone (*xã, phường, đặc khu*).
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        """The Vietnamese name of the level, as procedure records show it ("Cấp Tỉnh")."""
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """The depth of the level: 0 central, 1 province, 2 district, 3 commune."""
        return _RANKS[self]

    @property
    def ended_on(self) -> dt.date | None:
        """The last day of the level, or ``None`` if it still exists (the district: 30/6/2025)."""
        return LAST_DAY_OF_DISTRICTS if self is UnitLevel.DISTRICT else None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the level existed on ``day``.

        Raises:
            InvalidValueError: ``day`` is not a ``datetime.date``.
        """
        day = _v.check_date("UnitLevel.exists_on(day)", day)
        end = self.ended_on
        return end is None or day <= end

    def contains(self, other: UnitLevel) -> bool:
        """Whether a unit of this level can contain one of ``other`` (a strictly lower level)."""
        return self.rank < other.rank

    @classmethod
    def parse(cls, value: UnitLevel | str) -> UnitLevel:
        """Return the level named by ``value`` (a member, or its value such as ``"province"``).

        Raises:
            InvalidValueError: ``value`` names no level.

        Examples:
            >>> UnitLevel.parse("commune")
            <UnitLevel.COMMUNE: 'commune'>
        """
        if isinstance(value, UnitLevel):
            return value
        for member in cls:
            if value == member.value:
                return member
        raise InvalidValueError(
            "UnitLevel", value, "one of " + ", ".join(repr(m.value) for m in cls)
        )

    @classmethod
    def from_national_code(cls, code: str | int) -> UnitLevel:
        """The level of a national authority-level code (``CAPTHUCHIEN``): 0, 1, 2 or 3.

        The mapping is **uncertain**: it was read in one public one-stop system's client of the
        national procedure database, not in the national catalogue (``LayDanhMucCapThucHien``),
        whose values were not found. See
        [`NATIONAL_LEVEL_CODES`][tthc.agencies.levels.NATIONAL_LEVEL_CODES].

        Raises:
            InvalidValueError: ``code`` is not one of the four codes.

        Examples:
            >>> UnitLevel.from_national_code("1")
            <UnitLevel.PROVINCE: 'province'>
        """
        level = NATIONAL_LEVEL_CODES.get(str(code).strip())
        if level is None or isinstance(code, bool):
            raise InvalidValueError(
                "UnitLevel.from_national_code(code)",
                code,
                "a national authority-level code: '0', '1', '2' or '3'",
            )
        return level


_LABELS: Final = {
    # "central level"
    UnitLevel.CENTRAL: "Cấp Bộ",
    # "province level"
    UnitLevel.PROVINCE: "Cấp Tỉnh",
    # "district level"
    UnitLevel.DISTRICT: "Cấp Huyện",
    # "commune level"
    UnitLevel.COMMUNE: "Cấp Xã",
}
_RANKS: Final = {
    UnitLevel.CENTRAL: 0,
    UnitLevel.PROVINCE: 1,
    UnitLevel.DISTRICT: 2,
    UnitLevel.COMMUNE: 3,
}

NATIONAL_LEVEL_CODES: Final[Mapping[str, UnitLevel]] = MappingProxyType(
    {
        "0": UnitLevel.CENTRAL,
        "1": UnitLevel.PROVINCE,
        "2": UnitLevel.DISTRICT,
        "3": UnitLevel.COMMUNE,
    }
)
"""The national authority-level codes (``CAPTHUCHIEN``) and their levels: **uncertain**.

References:
    One public integration with the national procedure database reads ``CAPTHUCHIEN`` 0 as the
    ministry level, 1 province, 2 district, 3 commune (github.com/HuanVu201/
    DichVuCong_KhoaLuan_PASETO, ``DichVuCongApi/src/Core/Application/Catalog/ThuTucApp/
    Service.cs``, commit 7d1730c, read). The team's research notes (``law2026.md`` §B) call it
    secondary; it is one client's code, and the national catalogue (``LayDanhMucCapThucHien``)
    was not read, so `tthc` labels it uncertain. `tthc.io` keeps the codes of a package as they
    are and reads the level from its name (``TENCAP``).
"""

NATIONAL_LEVEL_CODES_CERTAINTY: Final = Certainty.UNCERTAIN
"""How well [`NATIONAL_LEVEL_CODES`][tthc.agencies.levels.NATIONAL_LEVEL_CODES] is established."""
