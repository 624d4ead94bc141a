"""Agencies (*cơ quan*) named in procedure records, and the levels of government (*cấp*).

[`Agency`][tthc.procedures.Agency] is an agency as a procedure record names it (name and national
code); [`AuthorityLevel`][tthc.procedures.AuthorityLevel] is the level of government that carries
a procedure out, the district level being historical since 1 July 2025
([`DISTRICT_ABOLISHED_ON`][tthc.procedures.DISTRICT_ABOLISHED_ON]).

They are kept apart from the rest of the record because they belong to the administration more
than to one procedure: the layout of DESIGN.md gives them an ``agencies`` room (administrative
units, the hierarchy, succession across 1/7/2025). ``tthc.procedures`` re-exports them wherever
they live.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs

from tthc import _validators as _v

__all__ = ["DISTRICT_ABOLISHED_ON", "Agency", "AuthorityLevel"]

DISTRICT_ABOLISHED_ON: Final = dt.date(2025, 7, 1)
"""The first day of the two-level local government (*chính quyền địa phương hai cấp*): no districts.
"""


class AuthorityLevel(enum.Enum):
    """The level of government that carries a procedure out (*cấp thực hiện*).

    The district level (*cấp huyện*) was abolished on 1 July 2025 (two-level local government);
    it stays for historical records: ``is_historical`` says so and ``exists_on(day)`` answers for
    a given day.

    Examples:
        >>> AuthorityLevel.DISTRICT.is_historical
        True
        >>> import datetime as dt
        >>> AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 6, 30))
        True
        >>> AuthorityLevel.DISTRICT.exists_on(dt.date(2025, 7, 1))
        False

    References:
        CSDLQG package ``CAPTHUCHIEN``; the two-level local government from 01/07/2025
        (CONFIRMED (secondary), research notes ``vn_legal.md`` §4.4). The national codes of the
        levels are not confirmed, so the members carry none.
    """

    #: *Cấp Bộ / trung ương*: a ministry or central agency.
    CENTRAL = "central"
    #: *Cấp tỉnh*: a province or centrally-run city.
    PROVINCE = "province"
    #: *Cấp huyện*: a district (abolished 1 July 2025; historical records only).
    DISTRICT = "district"
    #: *Cấp xã*: a commune, ward or special zone.
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        """The Vietnamese name of the level, as the national database shows it ("Cấp Tỉnh")."""
        return _LEVEL_LABELS[self]

    @property
    def is_historical(self) -> bool:
        """Whether the level no longer exists (the district level, since 1 July 2025)."""
        return self is AuthorityLevel.DISTRICT

    @property
    def abolished_on(self) -> dt.date | None:
        """The first day without this level, or ``None`` if it still exists."""
        return DISTRICT_ABOLISHED_ON if self is AuthorityLevel.DISTRICT else None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the level existed on ``day``.

        Raises:
            InvalidValueError: ``day`` is not a ``datetime.date``.
        """
        day = _v.check_date("AuthorityLevel.exists_on(day)", day)
        end = self.abolished_on
        return end is None or day < end


_LEVEL_LABELS: Final = {
    # "ministry level"
    AuthorityLevel.CENTRAL: "Cấp Bộ",
    # "province level"
    AuthorityLevel.PROVINCE: "Cấp Tỉnh",
    # "district level"
    AuthorityLevel.DISTRICT: "Cấp Huyện",
    # "commune level"
    AuthorityLevel.COMMUNE: "Cấp Xã",
}


@attrs.frozen(kw_only=True)
class Agency:
    """An agency (*cơ quan*, *đơn vị*) named in a procedure: implementing, competent, ….

    Attributes:
        name: The agency's name (``TENDONVI``).
        code: Its code in the national agency list (``MADONVI``), if published.

    Examples:
        >>> Agency(name="Ủy ban nhân dân cấp xã")
        Agency(name='Ủy ban nhân dân cấp xã', code=None)

    References:
        CSDLQG package ``COQUANTHUCHIEN``, ``COQUANCOTHAMQUYEN``, ``COQUANDUOCUYQUYEN``,
        ``COQUANPHOIHOP`` ``{MADONVI, TENDONVI}`` (research notes ``vn_legal.md`` §4.2).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    code: str | None = attrs.field(default=None, converter=_v.nfc, validator=_v.optional_text)
