"""Procedures (*thủ tục hành chính*): the record, its parts and online service levels.

What this room holds: the procedure record of Decree 63/2010 Art. 8 (cases, channels, components,
fees, steps, results), its enumerations (channel, scope, authority level, type, applicant), and the
online service levels (*toàn trình* / *một phần*).

Modules, each importing only those above it: ``enums`` (the record's enumerations and the online
service level), ``agency`` (agencies and authority levels), ``_extensions`` (frozen JSON data),
``parts`` (the parts of a record), ``record`` (``ProcedureCase``, ``Procedure``) and
``service_levels`` (old levels, deriving a procedure's level).

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar`, `tthc.deadlines` and the shared
helpers.
"""

from tthc.procedures.agency import DISTRICT_ABOLISHED_ON, Agency, AuthorityLevel
from tthc.procedures.enums import (
    ApplicantType,
    Channel,
    FeeKind,
    ProcedureScope,
    ProcedureType,
)
from tthc.procedures.parts import (
    Attachment,
    ChannelOption,
    Component,
    Fee,
    LegalDocument,
    Result,
    Sector,
    Step,
    Subject,
)
from tthc.procedures.record import CODE_PATTERN, Procedure, ProcedureCase
from tthc.procedures.service_levels import (
    LegacyLevel,
    OnlineServiceLevel,
    derive_level,
    from_legacy,
    highest,
)

__all__ = [
    "CODE_PATTERN",
    "DISTRICT_ABOLISHED_ON",
    "Agency",
    "ApplicantType",
    "Attachment",
    "AuthorityLevel",
    "Channel",
    "ChannelOption",
    "Component",
    "Fee",
    "FeeKind",
    "LegacyLevel",
    "LegalDocument",
    "OnlineServiceLevel",
    "Procedure",
    "ProcedureCase",
    "ProcedureScope",
    "ProcedureType",
    "Result",
    "Sector",
    "Step",
    "Subject",
    "derive_level",
    "from_legacy",
    "highest",
]
