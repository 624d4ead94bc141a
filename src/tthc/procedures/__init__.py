"""Procedures (*thủ tục hành chính*): the record, its parts and online service levels.

What this room holds: the procedure record of Decree 63/2010 Art. 8 (cases, channels, components,
fees, steps, results), its enumerations (channel, scope, authority level, type, applicant), the
online service levels (*toàn trình* / *một phần*), and internal processes (*quy trình nội bộ*: the
steps inside the agencies, the unit holding each, its time budget).

It may import: `tthc.errors`, `tthc.durations`, `tthc.calendar`, `tthc.deadlines` and the shared
helpers.
"""

from tthc.procedures.process import (
    HOURS_PER_WORKING_DAY,
    AgencyShare,
    HandlingUnit,
    InternalProcess,
    Phase,
    PlannedStep,
    ProcessStep,
    StepRole,
)
from tthc.procedures.record import (
    CODE_PATTERN,
    DISTRICT_ABOLISHED_ON,
    Agency,
    ApplicantType,
    Attachment,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    ProcedureScope,
    ProcedureType,
    Result,
    Sector,
    Step,
    Subject,
)
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
]
