"""Agencies and places: administrative units, their succession across 1/7/2025, agencies.

What this room holds: the levels of government (`levels`); administrative units with their codes,
validity dates and successions, and the "as of" lookups and roll-ups on them (`units`); the
package's province data (63 → 34) and its JSON format (`load`); the loaders of the commune
tables (`communes`); what a report needs to group by the units of today (`rollup`); agencies in a
hierarchy (`hierarchy`); and the roll-up of whole pandas columns (`_frames`, loaded only when
``roll_up_column`` or ``roll_up_agency_column`` is first read: it needs pandas).

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar`, `tthc.deadlines` and the shared
helpers. `tthc.procedures`, `tthc.dossiers` and the rooms above may import it.

Examples:
    >>> import datetime as dt
    >>> from tthc.agencies import province_registry
    >>> reg = province_registry()
    >>> reg.roll_up("45", dt.date(2025, 6, 30))   # Quảng Trị took Quảng Bình's code
    '44'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc._lazy import attach
from tthc.agencies.communes import (
    COMMUNE_LIST_COLUMNS,
    COMMUNE_MAPPING_COLUMNS,
    DISTRICTS_ABOLISHED,
    load_commune_list,
    load_commune_mapping,
)
from tthc.agencies.hierarchy import (
    EGOV_CODE_CERTAINTY,
    EGOV_CODE_PATTERN,
    AgencyDirectory,
    AgencyEntry,
    AgencyKind,
    EgovCode,
    NamedCode,
)
from tthc.agencies.levels import (
    LAST_DAY_OF_DISTRICTS,
    NATIONAL_LEVEL_CODES,
    NATIONAL_LEVEL_CODES_CERTAINTY,
    REORGANISED_ON,
    UnitLevel,
)
from tthc.agencies.load import FORMAT, load_units, province_registry
from tthc.agencies.rollup import LEVEL_KEYS, RollUp
from tthc.agencies.units import (
    CODE_PATTERNS,
    AdministrativeUnit,
    Apportion,
    Source,
    Succession,
    UnitRegistry,
    same_code,
)

if TYPE_CHECKING:
    from tthc.agencies._frames import roll_up_agency_column, roll_up_column

_NAMES: dict[str, str] = {
    "roll_up_agency_column": "tthc.agencies._frames",
    "roll_up_column": "tthc.agencies._frames",
}

__getattr__, __dir__ = attach(__name__, _NAMES, globals())

__all__ = [
    "CODE_PATTERNS",
    "COMMUNE_LIST_COLUMNS",
    "COMMUNE_MAPPING_COLUMNS",
    "DISTRICTS_ABOLISHED",
    "EGOV_CODE_CERTAINTY",
    "EGOV_CODE_PATTERN",
    "FORMAT",
    "LAST_DAY_OF_DISTRICTS",
    "LEVEL_KEYS",
    "NATIONAL_LEVEL_CODES",
    "NATIONAL_LEVEL_CODES_CERTAINTY",
    "REORGANISED_ON",
    "AdministrativeUnit",
    "AgencyDirectory",
    "AgencyEntry",
    "AgencyKind",
    "Apportion",
    "EgovCode",
    "NamedCode",
    "RollUp",
    "Source",
    "Succession",
    "UnitLevel",
    "UnitRegistry",
    "load_commune_list",
    "load_commune_mapping",
    "load_units",
    "province_registry",
    "roll_up_agency_column",
    "roll_up_column",
    "same_code",
]
