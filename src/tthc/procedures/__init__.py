"""Procedures (*thủ tục hành chính*): the record, its parts and online service levels.

What this room holds: the procedure record of Decree 63/2010 Art. 8 (cases, channels, components,
fees, steps, results), its enumerations (channel, scope, authority level, type, applicant), the
online service levels (*toàn trình* / *một phần*), and internal processes (*quy trình nội bộ*: the
steps inside the agencies, the unit holding each, its time budget).

Modules, each importing only those above it: ``enums`` (the record's enumerations and the online
service level), ``agency`` (agencies and authority levels), ``_extensions`` (frozen JSON data),
``parts`` (the parts of a record), ``record`` (``ProcedureCase``, ``Procedure``),
``service_levels`` (old levels, deriving a procedure's level) and ``process`` (internal processes:
phases, steps, the units holding them, their budgets).

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
from tthc.procedures.process import (
    HOURS_PER_WORKING_DAY,
    NOT_COUNTED,
    AgencyShare,
    HandlingUnit,
    InternalProcess,
    Phase,
    PlannedStep,
    ProcessStep,
    StepRole,
    parse_budget,
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
    "HOURS_PER_WORKING_DAY",
    "NOT_COUNTED",
    "Agency",
    "AgencyShare",
    "ApplicantType",
    "Attachment",
    "AuthorityLevel",
    "Channel",
    "ChannelOption",
    "Component",
    "Fee",
    "FeeKind",
    "HandlingUnit",
    "InternalProcess",
    "LegacyLevel",
    "LegalDocument",
    "OnlineServiceLevel",
    "Phase",
    "PlannedStep",
    "Procedure",
    "ProcedureCase",
    "ProcedureScope",
    "ProcedureType",
    "ProcessStep",
    "Result",
    "Sector",
    "Step",
    "StepRole",
    "Subject",
    "derive_level",
    "from_legacy",
    "highest",
    "parse_budget",
]
