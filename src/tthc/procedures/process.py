"""Internal processes (*quy trình nội bộ*): the steps a procedure goes through inside the agencies.

Decree 118/2025/NĐ-CP asks the competent agency and the one-stop desk to build, for each procedure,
a process with the steps and **the time of each step** (Art. 12(3)), and ministries and provincial
chairs to issue an internal and an electronic process for every procedure (Arts. 36(5),
38(1)(d)). Provinces publish them as tables: a step, the unit that holds it, a time budget (0.25 to
12 working days per step), sometimes steps that run side by side.

An [`InternalProcess`][tthc.procedures.process.InternalProcess] holds one such table for one
procedure (and case): ordered [`Phase`][tthc.procedures.process.Phase]s, each one step or several
steps that run in parallel; each [`ProcessStep`][tthc.procedures.process.ProcessStep] has the
[`HandlingUnit`][tthc.procedures.process.HandlingUnit] that holds it (agency and department), a
role and a budget in working time ("0,5 ngày làm việc", "4 giờ làm việc"). Budgets that add up to
more than the procedure's processing time are refused, naming the steps; budgets that fall short
are allowed and reported ([`InternalProcess.findings`][tthc.procedures.process.InternalProcess.findings]).

Inter-agency processes (*liên thông*) name a lead agency (*cơ quan chủ trì*); every other agency
that holds a step takes part, each with its own share of the time (Art. 20(2)). The receiving desk
may belong to an agency other than the competent one: dossiers are received regardless of
administrative boundary within a province (Arts. 14(2), 20).

Budgets are compared as the one-stop systems count them: a working day is 8 working hours, so
"0,5 ngày làm việc" is "4 giờ làm việc" (research notes ``process/NOTES.md`` §2, CONFIRMED from
two systems' source code).

Examples:
    >>> import datetime as dt
    >>> from tthc.durations import Duration
    >>> from tthc.deadlines import VN_TZ
    >>> desk = HandlingUnit(agency="VD.SO", department="Bộ phận Một cửa")
    >>> dept = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
    >>> p = InternalProcess(
    ...     procedure_code="0.000001", processing_time=Duration.working_days(3),
    ...     receiving_unit=desk, lead_agency="VD.SO",
    ...     source="EXAMPLE: invented for this docstring",
    ...     phases=[
    ...         Phase(steps=[ProcessStep(name="Tiếp nhận", unit=desk, role=StepRole.RECEIVE,
    ...                                  budget=Duration.parse("4 giờ làm việc"))]),
    ...         Phase(steps=[ProcessStep(name="Thẩm định", unit=dept, role=StepRole.APPRAISE,
    ...                                  budget=Duration.parse("2 ngày làm việc"))]),
    ...         Phase(steps=[ProcessStep(name="Trả kết quả", unit=desk, role=StepRole.RETURN,
    ...                                  budget=Duration.parse("0,5 ngày làm việc"))]),
    ...     ])
    >>> str(p.planned_time), p.is_short
    ('3 ngày làm việc', False)
    >>> [s.due_at.strftime("%a %d/%m %H:%M") for s in p.schedule(
    ...     dt.datetime(2026, 3, 2, 8, tzinfo=VN_TZ))]
    ['Mon 02/03 12:00', 'Wed 04/03 12:00', 'Wed 04/03 17:00']

References:
    - Decree 118/2025/NĐ-CP, Art. 12(3) (steps and the time of each step), Art. 20(2) (each
      agency's task and deadline on the inter-agency routing slip), Arts. 14(2), 20 (receipt
      regardless of administrative boundary), Arts. 36(5), 38(1)(d) (an internal and an
      electronic process for each procedure). Read in one full-text copy (CONFIRMED for the
      copy, SECONDARY for the law; research notes ``law2026.md`` §A).
    - One-stop systems count 1 working day as 8 working hours and a fraction of a day in office
      hours (CONFIRMED from source code; research notes ``process/NOTES.md`` §2).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.calendar import OfficeHours
from tthc.deadlines import DeadlinePolicy, PolicyKind, compute_deadline
from tthc.durations import Duration, DurationUnit
from tthc.errors import InvalidValueError
from tthc.procedures._budgets import (
    HOURS_PER_WORKING_DAY,
    NOT_COUNTED,
    _check_budget,
    budget_hours,
    budget_text,
    hours_duration,
    parse_budget,
)
from tthc.procedures.record import CODE_PATTERN

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = [
    "HOURS_PER_WORKING_DAY",
    "NOT_COUNTED",
    "AgencyShare",
    "HandlingUnit",
    "InternalProcess",
    "Phase",
    "PlannedStep",
    "ProcessStep",
    "StepRole",
    "budget_hours",
    "budget_text",
    "hours_duration",
    "parse_budget",
    "step_policy",
]


class StepRole(enum.Enum):
    """What a step of an internal process does (*nội dung công việc* of a step).

    Examples:
        >>> StepRole.APPRAISE.label
        'Thẩm định, xử lý hồ sơ'
        >>> StepRole("consult") is StepRole.CONSULT
        True

    References:
        Decree 118/2025/NĐ-CP Arts. 17–19 and 22: receipt, transfer, appraisal, consultation,
        approval, return of the result (SECONDARY; research notes ``law2026.md`` §A).
    """

    RECEIVE = "receive"
    """*Tiếp nhận hồ sơ*: the one-stop desk receives and passes the dossier on (Art. 17)."""

    TRANSFER = "transfer"
    """*Chuyển hồ sơ*: the dossier is carried to the competent agency (Arts. 18, 20(1))."""

    APPRAISE = "appraise"
    """*Thẩm định, xử lý*: an official examines the dossier and drafts the result (Art. 19)."""

    CONSULT = "consult"
    """*Lấy ý kiến*: another body is asked for its opinion, with a deadline (Art. 19(4))."""

    REVIEW = "review"
    """*Xem xét*: a head of department checks the draft."""

    APPROVE = "approve"
    """*Phê duyệt, ký*: the head of the agency decides and signs."""

    ISSUE = "issue"
    """*Vào sổ, đóng dấu, phát hành*: the records office issues the result."""

    RETURN = "return"
    """*Trả kết quả*: the one-stop desk hands the result to the applicant (Art. 22)."""

    OTHER = "other"
    """Any other task."""

    @property
    def label(self) -> str:
        """The Vietnamese name of the role."""
        return _ROLE_LABELS[self]


_ROLE_LABELS: Final = {
    # "receive the dossier"
    StepRole.RECEIVE: "Tiếp nhận hồ sơ",
    # "transfer the dossier"
    StepRole.TRANSFER: "Chuyển hồ sơ",
    # "appraise and handle the dossier"
    StepRole.APPRAISE: "Thẩm định, xử lý hồ sơ",
    # "ask for opinions"
    StepRole.CONSULT: "Lấy ý kiến",
    # "review"
    StepRole.REVIEW: "Xem xét",
    # "approve and sign"
    StepRole.APPROVE: "Phê duyệt, ký",
    # "register, stamp and issue"
    StepRole.ISSUE: "Vào sổ, đóng dấu, phát hành",
    # Vietnamese for "return the result".
    StepRole.RETURN: "Trả kết quả",
    # "other"
    StepRole.OTHER: "Khác",
}


def _optional_text(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a non-blank text"
        )


def _optional_nfc(value: str | None) -> str | None:
    """Converter: NFC text, ``None`` kept (other values kept for the validator to refuse)."""
    return None if value is None else _v.nfc(value)


@attrs.frozen(kw_only=True, order=True)
class HandlingUnit:
    """A unit that holds a step (*đơn vị xử lý*): an agency and, within it, a department.

    Attributes:
        agency: The agency's code (*mã định danh*, as in the dossier code) or another short,
            stable name; compared exactly after NFC normalisation.
        department: The department or desk inside the agency (*phòng, bộ phận*), or ``None``
            for the agency as a whole.

    Raises:
        InvalidValueError: A blank agency or department.

    Examples:
        >>> str(HandlingUnit(agency="VD.SO", department="Phòng chuyên môn"))
        'VD.SO/Phòng chuyên môn'
        >>> str(HandlingUnit(agency="VD.SO"))
        'VD.SO'
    """

    agency: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    department: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )

    def __str__(self) -> str:
        return self.agency if self.department is None else f"{self.agency}/{self.department}"


def _check_unit(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, HandlingUnit):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a HandlingUnit")


@attrs.frozen(kw_only=True)
class ProcessStep:
    """One step (*bước*) of an internal process: who holds it, what it does, how long it may take.

    Attributes:
        name: The step's name, unique within its process; events of a dossier refer to the step
            by this name ("Thẩm định hồ sơ").
        unit: The [`HandlingUnit`][tthc.procedures.process.HandlingUnit] that holds it.
        role: What the step does ([`StepRole`][tthc.procedures.process.StepRole]).
        budget: The time the unit has for it (*thời gian thực hiện*), in working days or working
            hours, fractions allowed ("0,5 ngày làm việc", "4 giờ làm việc"); longer than zero.
            ``None`` for a step whose time is not counted (*không tính thời gian*, as published
            tables write the return of the result): it takes no share of the processing time,
            has no due instant and is never late, though the time it takes is still measured.
            Files and tables write it "Không tính thời gian" ([`NOT_COUNTED`][tthc.procedures.process.NOT_COUNTED]).
        description: The published text of the step, if any.

    Raises:
        InvalidValueError: A blank name, a budget in another unit (calendar days, months, same
            day), a zero budget (write ``None`` for a step that is not counted), or a field of
            the wrong type.

    Examples:
        >>> s = ProcessStep(name="Xem xét", unit=HandlingUnit(agency="VD.SO"),
        ...                 role=StepRole.REVIEW, budget=Duration.parse("0,5 ngày làm việc"))
        >>> s.hours
        Decimal('4.0')
        >>> ProcessStep(name="Xem xét", unit=HandlingUnit(agency="VD.SO"),
        ...             budget=Duration.calendar_days(2))
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: ProcessStep.budget: expected a Duration in working days or working hours, such as Duration.parse('0,5 ngày làm việc') or Duration.parse('4 giờ làm việc'), or None for a step whose time is not counted, got Duration(value=2, unit=<DurationUnit.CALENDAR_DAYS: 'calendar_days'>, cutoff=None)
        >>> ProcessStep(name="Trả kết quả", unit=HandlingUnit(agency="VD.SO"),
        ...             role=StepRole.RETURN, budget=parse_budget("Không tính thời gian")).hours
        Decimal('0')

    References:
        Decree 118/2025/NĐ-CP Art. 12(3): the process states the time of each step (SECONDARY).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    unit: HandlingUnit = attrs.field(validator=_check_unit)
    role: StepRole = attrs.field(default=StepRole.OTHER, validator=_v.member_of(StepRole))
    budget: Duration | None = attrs.field(validator=_check_budget)
    description: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )

    @property
    def is_counted(self) -> bool:
        """Whether the step's time counts (it has a budget; not *không tính thời gian*)."""
        return self.budget is not None

    @property
    def hours(self) -> Decimal:
        """The budget in working hours, 8 to the working day (0 for a step not counted)."""
        return Decimal(0) if self.budget is None else budget_hours(self.budget)


def _to_tuple(value: Iterable[Any]) -> Any:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return value  # the validator refuses it
    return tuple(value)


def _check_steps(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a list of at least one ProcessStep"
        )
    for item in value:
        if not isinstance(item, ProcessStep):
            raise InvalidValueError.for_attribute(instance, attribute, item, "ProcessStep items")


@attrs.frozen(kw_only=True)
class Phase:
    """A phase (*giai đoạn*) of an internal process: one step, or steps run in parallel.

    The phase ends when all its steps have ended; its length is the longest budget among them
    (steps whose time is not counted take none). Steps that follow one another are separate
    phases.

    Attributes:
        steps: The step, or the steps that run at the same time (two departments consulted at
            once, say).
        name: The phase's name in the published table, if any ("Giai đoạn 2: Sở Tài chính").

    Raises:
        InvalidValueError: No steps, or an item that is not a ``ProcessStep``.

    Examples:
        >>> unit = HandlingUnit(agency="VD.SO")
        >>> ph = Phase(steps=[
        ...     ProcessStep(name="Ý kiến A", unit=unit, budget=Duration.working_days(2)),
        ...     ProcessStep(name="Ý kiến B", unit=unit, budget=Duration.working_hours(12))])
        >>> ph.is_parallel, str(ph.length)
        (True, '2 ngày làm việc')
    """

    steps: tuple[ProcessStep, ...] = attrs.field(converter=_to_tuple, validator=_check_steps)
    name: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)

    @property
    def is_parallel(self) -> bool:
        """Whether several steps run at the same time in this phase."""
        return len(self.steps) > 1

    @property
    def hours(self) -> Decimal:
        """The phase's length in working hours: its longest step budget."""
        return max(step.hours for step in self.steps)

    @property
    def length(self) -> Duration:
        """The phase's length: its longest step budget."""
        return hours_duration(self.hours)


@attrs.frozen(kw_only=True)
class AgencyShare:
    """One agency's share of an internal process (*thời hạn giải quyết của từng cơ quan*).

    Attributes:
        agency: The agency.
        budget: Its time: the sum over the phases of its longest step in each.
        is_lead: Whether it leads the process (*cơ quan chủ trì*).
        steps: The names of its steps, in order.

    References:
        Decree 118/2025/NĐ-CP Art. 20(2): the routing slip states each agency's task and
        deadline; online, the lead agency and each agency's deadline (SECONDARY).
    """

    agency: str
    budget: Duration
    is_lead: bool
    steps: tuple[str, ...]


@attrs.frozen(kw_only=True)
class PlannedStep:
    """A step's place in the planned schedule of one dossier: when it starts and is due.

    Attributes:
        step: The step.
        phase: The index of its phase (0 for the first).
        start_at: When it starts if every step before it uses its whole budget.
        due_at: When it is due from that start (its budget, on the unit's office hours);
            ``None`` for a step whose time is not counted.
    """

    step: ProcessStep
    phase: int
    start_at: dt.datetime
    due_at: dt.datetime | None


def _check_procedure_code(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or CODE_PATTERN.fullmatch(value) is None:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a procedure code like '1.001193'"
        )


def _check_processing_time(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Duration) or value.unit not in (
        DurationUnit.WORKING_DAYS,
        DurationUnit.WORKING_HOURS,
    ):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "the procedure's processing time in working days or working hours (step budgets "
            "are working time; a limit in calendar days, months or 'trong ngày' cannot be "
            "split into them exactly)",
        )


def _check_phases(instance: InternalProcess, attribute: Any, value: Any) -> None:
    # The last field: the checks across fields live here.
    if not isinstance(value, tuple) or not value:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a list of at least one Phase"
        )
    for item in value:
        if not isinstance(item, Phase):
            raise InvalidValueError.for_attribute(instance, attribute, item, "Phase items")
    names = [step.name for phase in value for step in phase.steps]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            repeated,
            "steps with distinct names (dossier events refer to a step by its name)",
        )
    agencies = {step.unit.agency for phase in value for step in phase.steps}
    if instance.lead_agency not in agencies:
        raise InvalidValueError(
            f"{type(instance).__name__}.lead_agency",
            instance.lead_agency,
            f"the agency of one of the steps ({', '.join(sorted(agencies))})",
        )
    total = sum((phase.hours for phase in value), Decimal(0))
    limit = budget_hours(instance.processing_time)
    if total > limit:
        parts = []
        for phase in value:
            texts = [f"{step.name!r} {step.budget}" for step in phase.steps if step.is_counted]
            if texts:
                parts.append(texts[0] if len(texts) == 1 else "max(" + ", ".join(texts) + ")")
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            " + ".join(parts) + f" = {hours_duration(total)}",
            f"step budgets that add up to at most the processing time, {instance.processing_time}",
        )


def step_policy(
    agency: str,
    policy: DeadlinePolicy | None,
    office_hours: Mapping[str, OfficeHours] | None,
) -> DeadlinePolicy:
    """The deadline policy for a step held by ``agency``: its own office hours, if given.

    Args:
        agency: The agency holding the step.
        policy: The base policy (default: working time); must be the working-time policy with
            no rounding, since step budgets are office time counted exactly.
        office_hours: Office hours by agency code; agencies not listed use the policy's.

    Returns:
        The policy to count the step's budget with.

    Raises:
        InvalidValueError: A Civil Code policy, a policy that rounds the due time, or office
            hours of the wrong type.
    """
    base = DeadlinePolicy() if policy is None else policy
    if not isinstance(base, DeadlinePolicy):
        raise InvalidValueError("policy", base, "a DeadlinePolicy")
    if base.kind is not PolicyKind.WORKING_TIME or base.round_up_minutes is not None:
        raise InvalidValueError(
            "policy",
            base,
            "the working-time policy without round_up_minutes (step budgets are office time, "
            "counted exactly)",
        )
    if office_hours:
        hours = office_hours.get(agency)
        if hours is not None:
            if not isinstance(hours, OfficeHours):
                raise InvalidValueError(f"office_hours[{agency!r}]", hours, "an OfficeHours")
            return attrs.evolve(base, office_hours=hours)
    return base


@attrs.frozen(kw_only=True)
class InternalProcess:
    """An internal process (*quy trình nội bộ*) for one procedure: its phases, steps and budgets.

    Attributes:
        procedure_code: The procedure's code (*mã TTHC*), such as ``1.001193``.
        case: The procedure's case (*trường hợp*) the process is for, or ``None`` for the
            procedure as a whole.
        name: The title of the process as published, if any.
        processing_time: The procedure's processing time (*thời hạn giải quyết*) for this case,
            in working days or working hours: what the step budgets are checked against.
        receiving_unit: The one-stop desk that receives dossiers (*Bộ phận Một cửa*); it may
            belong to an agency other than the competent one.
        lead_agency: The agency that leads the process (*cơ quan chủ trì*); it must hold a step.
            Every other agency holding a step, the desk's aside, takes part in an inter-agency
            process.
        source: Where the process is published (decision number and date), or a label saying it
            is an example; free text, never invented as a real decision.
        phases: The phases in order (at least one); each holds one step or steps run in
            parallel. Step names are distinct.

    Raises:
        InvalidValueError: A field breaks the rules above; in particular ``.field`` is
            ``"InternalProcess.phases"`` when the step budgets add up to more than the
            processing time, and the message names the steps and their budgets.

    Examples:
        >>> desk = HandlingUnit(agency="VD.TT", department="Bộ phận Một cửa")
        >>> dept = HandlingUnit(agency="VD.SO", department="Phòng chuyên môn")
        >>> InternalProcess(procedure_code="0.000001", processing_time=Duration.working_days(1),
        ...     receiving_unit=desk, lead_agency="VD.SO", phases=[
        ...         Phase(steps=[ProcessStep(name="Tiếp nhận", unit=desk,
        ...                                  budget=Duration.working_hours(2))]),
        ...         Phase(steps=[ProcessStep(name="Xử lý", unit=dept,
        ...                                  budget=Duration.parse("0,8 ngày làm việc"))])])
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: InternalProcess.phases: expected step budgets that add up to at most the processing time, 1 ngày làm việc, got "'Tiếp nhận' 2 giờ làm việc + 'Xử lý' 0,8 ngày làm việc = 8,4 giờ làm việc"

    References:
        - Decree 118/2025/NĐ-CP Art. 12(3): the competent agency builds with the one-stop desk a
          process with its steps and the time of each, within the processing time; Arts.
          36(5), 38(1)(d): an internal and an electronic process for each procedure (SECONDARY).
        - Art. 20(2): inter-agency processing with a lead agency and each agency's deadline;
          Arts. 14(2), 20(1): receipt regardless of administrative boundary (SECONDARY).
    """

    procedure_code: str = attrs.field(validator=_check_procedure_code)
    case: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)
    name: str | None = attrs.field(default=None, converter=_optional_nfc, validator=_optional_text)
    processing_time: Duration = attrs.field(validator=_check_processing_time)
    receiving_unit: HandlingUnit = attrs.field(validator=_check_unit)
    lead_agency: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    source: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    phases: tuple[Phase, ...] = attrs.field(converter=_to_tuple, validator=_check_phases)

    # --- lookups -----------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[ProcessStep, ...]:
        """Every step, phase by phase, in order."""
        return tuple(step for phase in self.phases for step in phase.steps)

    def step(self, name: str) -> ProcessStep:
        """The step called ``name``.

        Raises:
            InvalidValueError: No step has that name.
        """
        wanted = _v.nfc(name)
        for step in self.steps:
            if step.name == wanted:
                return step
        names = ", ".join(repr(s.name) for s in self.steps)
        raise InvalidValueError("InternalProcess.step(name)", name, f"one of {names}")

    def phase_of(self, name: str) -> int:
        """The index of the phase that holds the step called ``name``.

        Raises:
            InvalidValueError: No step has that name.
        """
        step = self.step(name)
        for index, phase in enumerate(self.phases):
            if step in phase.steps:
                return index
        raise AssertionError  # pragma: no cover - step() found it in a phase

    @property
    def agencies(self) -> tuple[str, ...]:
        """The agencies that hold a step, in order of their first step."""
        return tuple(dict.fromkeys(step.unit.agency for step in self.steps))

    @property
    def participating_agencies(self) -> tuple[str, ...]:
        """The agencies other than the lead (and the desk's) that hold a step (*cơ quan phối hợp*)."""
        own = {self.lead_agency, self.receiving_unit.agency}
        return tuple(agency for agency in self.agencies if agency not in own)

    @property
    def is_inter_agency(self) -> bool:
        """Whether agencies other than the lead hold steps (*liên thông*), the desk's aside."""
        return bool(self.participating_agencies)

    # --- time ----------------------------------------------------------------------------------

    @property
    def planned_hours(self) -> Decimal:
        """The sum over the phases of their lengths, in working hours (8 to the day)."""
        return sum((phase.hours for phase in self.phases), Decimal(0))

    @property
    def planned_time(self) -> Duration:
        """The time the process takes when every step uses its whole budget."""
        return hours_duration(self.planned_hours)

    @property
    def slack(self) -> Duration:
        """The processing time the step budgets leave unused (zero when they use all of it)."""
        return hours_duration(budget_hours(self.processing_time) - self.planned_hours)

    @property
    def is_short(self) -> bool:
        """Whether the step budgets add up to less than the processing time."""
        return self.planned_hours < budget_hours(self.processing_time)

    @property
    def findings(self) -> tuple[str, ...]:
        """What a reviewer should know about the process, one sentence each (empty: nothing).

        Examples:
            >>> unit = HandlingUnit(agency="VD.SO")
            >>> p = InternalProcess(procedure_code="0.000001", receiving_unit=unit,
            ...     lead_agency="VD.SO", processing_time=Duration.working_days(5),
            ...     phases=[Phase(steps=[ProcessStep(name="Xử lý", unit=unit,
            ...                                      budget=Duration.working_days(4))])])
            >>> p.findings
            ('the step budgets add up to 4 ngày làm việc, 1 ngày làm việc less than the processing time 5 ngày làm việc',)
        """
        found = []
        if self.is_short:
            found.append(
                f"the step budgets add up to {self.planned_time}, {self.slack} less than the "
                f"processing time {self.processing_time}"
            )
        return tuple(found)

    def agency_shares(self) -> tuple[AgencyShare, ...]:
        """Each agency's share of the time, in order of its first step (Art. 20(2)).

        An agency's share is the sum over the phases of its longest step in each phase: the
        time it has when every step uses its whole budget.

        Examples:
            >>> a, b = HandlingUnit(agency="VD.A"), HandlingUnit(agency="VD.B")
            >>> p = InternalProcess(procedure_code="0.000001", receiving_unit=a,
            ...     lead_agency="VD.A", processing_time=Duration.working_days(5),
            ...     phases=[Phase(steps=[ProcessStep(name="A xử lý", unit=a,
            ...                                      budget=Duration.working_days(2))]),
            ...             Phase(steps=[ProcessStep(name="B xử lý", unit=b,
            ...                                      budget=Duration.working_days(3))])])
            >>> [(s.agency, str(s.budget), s.is_lead) for s in p.agency_shares()]
            [('VD.A', '2 ngày làm việc', True), ('VD.B', '3 ngày làm việc', False)]
        """
        shares = []
        for agency in self.agencies:
            hours = Decimal(0)
            names: list[str] = []
            for phase in self.phases:
                own = [step for step in phase.steps if step.unit.agency == agency]
                if own:
                    hours += max(step.hours for step in own)
                    names += [step.name for step in own]
            shares.append(
                AgencyShare(
                    agency=agency,
                    budget=hours_duration(hours),
                    is_lead=agency == self.lead_agency,
                    steps=tuple(names),
                )
            )
        return tuple(shares)

    def schedule(
        self,
        received_at: dt.datetime,
        *,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        office_hours: Mapping[str, OfficeHours] | None = None,
    ) -> tuple[PlannedStep, ...]:
        """The planned start and due instant of every step for a dossier received at ``received_at``.

        Each phase starts when the one before it is due (its latest step); each step is due when
        its budget of office time has passed since its phase started, on the office hours of its
        agency ([`compute_deadline`][tthc.deadlines.compute_deadline], working-time policy). A
        step whose time is not counted starts with its phase and has no due instant; a phase of
        such steps only takes no time.
        Along the process the due instants never go back, and with one set of office hours the
        last one is ``compute_deadline(received_at, planned_time)``.

        Args:
            received_at: The official receipt instant (timezone-aware).
            calendar: The working calendar (default: the Vietnamese one).
            policy: The working-time policy (default office hours 08:00–12:00, 13:00–17:00).
            office_hours: Office hours of agencies that keep their own, by agency code.

        Returns:
            One planned step per step, phase by phase.

        Raises:
            InvalidValueError: A naive instant, or a policy other than exact working time.
            OutOfCalendarRangeError: The dates are outside the calendar's years.
        """
        planned = []
        start = received_at
        for index, phase in enumerate(self.phases):
            dues = []
            for step in phase.steps:
                due = None
                if step.budget is not None:
                    pol = step_policy(step.unit.agency, policy, office_hours)
                    budget = step.budget
                    due = compute_deadline(start, budget, calendar=calendar, policy=pol).due_at
                    dues.append(due)
                planned.append(PlannedStep(step=step, phase=index, start_at=start, due_at=due))
            start = max(dues, default=start)
        return tuple(planned)
