"""The compliance-cost model (*chi phí tuân thủ*) of one procedure: tasks, prescribed costs, totals.

Circular 02/2017/TT-VPCP Art. 27(3):

* cost of one compliance = cost of the required tasks + fees, charges and other prescribed
  costs (Art. 27(3)(a));
* annual total = cost of one compliance × prescribed times per year × subjects per year
  (Art. 27(3)(b)).

A [`Task`][tthc.simplification.Task] costs its hours × an hourly wage rate
([`WageRate`][tthc.simplification.WageRate]) plus its out-of-pocket costs (copies,
certification, travel, hired services, other); a
[`PrescribedCost`][tthc.simplification.PrescribedCost] is a fee, charge or other cost set by
law. A [`CostModel`][tthc.simplification.CostModel] holds them for one procedure and computes
its [`ComplianceCost`][tthc.simplification.ComplianceCost]. Money is an exact ``Decimal`` in
đồng; floats are refused.

References:
    Circular 02/2017/TT-VPCP (31/10/2017), Art. 27(3)(a)(b) (CONFIRMED; the kinds of cost of
    clause 4, UNCERTAIN): research notes ``vn_legal.md`` §5.2.
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import Channel, FeeKind, Procedure
from tthc.simplification._checks import (
    check_duration,
    one_of,
    optional_nfc,
    optional_text,
    to_decimal,
    to_tuple,
    tuple_of,
    unique_names,
)
from tthc.simplification._money import (
    EXACT,
    MAX_HOURS,
    MAX_SUBJECTS,
    MAX_TIMES,
    ZERO,
    exact_sum,
    money,
    plain,
    quantity,
    round_ratio,
    round_to,
)
from tthc.simplification.wage import WageRate, _costing_arguments

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.indicators import RoundingMode

__all__ = [
    "ComplianceCost",
    "CostModel",
    "ExpenseKind",
    "PrescribedCost",
    "PrescribedCostKind",
    "Task",
]


class ExpenseKind(enum.Enum):
    """A kind of out-of-pocket cost of a task (*chi phí trực tiếp bằng tiền*).

    The value is the name of the [`Task`][tthc.simplification.Task] attribute (and of the
    spreadsheet column) that holds the amount.

    Examples:
        >>> [k.value for k in ExpenseKind]
        ['copies', 'certification', 'travel', 'hired_services', 'other_expenses']
        >>> ExpenseKind.CERTIFICATION.label
        'Chứng thực'

    References:
        Circular 02/2017/TT-VPCP Art. 27(4) and its annex forms, as applied in practice: copies,
        certification, travel, hired services or consultants (research notes ``vn_legal.md``
        §5.2, UNCERTAIN).
    """

    #: Copying and printing (*sao chụp, in ấn*).
    COPIES = "copies"
    #: Certification of copies or signatures (*chứng thực*).
    CERTIFICATION = "certification"
    #: Travel to and from the agency (*đi lại*).
    TRAVEL = "travel"
    #: Hired services or consultants (*thuê dịch vụ, tư vấn*).
    HIRED_SERVICES = "hired_services"
    #: Any other out-of-pocket cost (*chi phí khác*), such as postage.
    OTHER = "other_expenses"

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return _EXPENSE_LABELS[self]

    @property
    def words(self) -> str:
        """A short English name, as used in explanations ("hired services")."""
        return self.value.replace("_", " ")


_EXPENSE_KINDS: Final = tuple(ExpenseKind)
_EXPENSE_LABELS: Final = {
    # "copying, printing"
    ExpenseKind.COPIES: "Sao chụp, in ấn",
    # "certification"
    ExpenseKind.CERTIFICATION: "Chứng thực",
    # "travel"
    ExpenseKind.TRAVEL: "Đi lại",
    # "hired services, consultants"
    ExpenseKind.HIRED_SERVICES: "Thuê dịch vụ, tư vấn",
    # "other costs"
    ExpenseKind.OTHER: "Chi phí khác",
}


class PrescribedCostKind(enum.Enum):
    """A cost set by law: fee (*phí*), charge (*lệ phí*) or other prescribed cost.

    Examples:
        >>> PrescribedCostKind.CHARGE.label
        'Lệ phí'

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a): "phí, lệ phí và các chi phí khác theo quy định
        (nếu có)"; Law on Fees and Charges 2015 (97/2015/QH13) Art. 3.
    """

    #: *Phí*: a fee for a public service.
    FEE = "fee"
    #: *Lệ phí*: a charge for an administrative service.
    CHARGE = "charge"
    #: *Chi phí khác theo quy định*: another cost the law requires (a mandatory inspection, …).
    OTHER = "other_cost"

    @property
    def label(self) -> str:
        """The Vietnamese name."""
        return _PRESCRIBED_LABELS[self]


_PRESCRIBED_LABELS: Final = {
    # "fee"
    PrescribedCostKind.FEE: "Phí",
    # "charge"
    PrescribedCostKind.CHARGE: "Lệ phí",
    # "other prescribed cost"
    PrescribedCostKind.OTHER: "Chi phí khác theo quy định",
}


@attrs.frozen(kw_only=True)
class Task:
    """A task (*công việc*) a subject must do to get the procedure's result.

    Its cost is ``hours`` × the hourly wage rate plus its out-of-pocket costs.

    Attributes:
        name: The task, as the costing sheet names it (unique within a procedure).
        hours: Time spent on it per compliance, in hours (a ``Decimal`` >= 0; an ``int`` is
            accepted).
        copies: Copying and printing, VND.
        certification: Certification of copies or signatures, VND.
        travel: Travel, VND.
        hired_services: Hired services or consultants, VND.
        other_expenses: Any other out-of-pocket cost (postage, …), VND.
        component: The dossier component (*thành phần hồ sơ*) the task prepares, if any; a
            measure that drops the component removes the task.

    Raises:
        InvalidValueError: A negative, float or out-of-range amount, or a blank name.

    Examples:
        >>> t = Task(name="Nộp hồ sơ", hours=3, travel=50000)
        >>> t.out_of_pocket
        Decimal('50000')
        >>> t.expense(ExpenseKind.TRAVEL), t.expense(ExpenseKind.COPIES)
        (Decimal('50000'), Decimal('0'))

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a) ("chi phí thực hiện các công việc cần thiết");
        the kinds of cost per Art. 27(4) as practised (UNCERTAIN).
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    hours: Decimal = attrs.field(converter=to_decimal, validator=quantity(MAX_HOURS, "hours"))
    copies: Decimal = attrs.field(default=ZERO, converter=to_decimal, validator=money)
    certification: Decimal = attrs.field(default=ZERO, converter=to_decimal, validator=money)
    travel: Decimal = attrs.field(default=ZERO, converter=to_decimal, validator=money)
    hired_services: Decimal = attrs.field(default=ZERO, converter=to_decimal, validator=money)
    other_expenses: Decimal = attrs.field(default=ZERO, converter=to_decimal, validator=money)
    component: str | None = attrs.field(
        default=None, converter=optional_nfc, validator=optional_text
    )

    def expense(self, kind: ExpenseKind) -> Decimal:
        """The out-of-pocket cost of one kind, VND."""
        value: Decimal = getattr(self, kind.value)
        return value

    @property
    def out_of_pocket(self) -> Decimal:
        """All out-of-pocket costs, VND."""
        return exact_sum(
            (
                self.copies,
                self.certification,
                self.travel,
                self.hired_services,
                self.other_expenses,
            )
        )

    def describe(self) -> str:
        """Hours and costs in words: ``"3 h, travel 50,000 VND"``."""
        parts = [f"{plain(self.hours)} h"]
        parts += [
            f"{kind.words} {plain(self.expense(kind))} VND"
            for kind in _EXPENSE_KINDS
            if self.expense(kind)
        ]
        return ", ".join(parts)


@attrs.frozen(kw_only=True)
class PrescribedCost:
    """A fee, charge or other cost set by law (*phí, lệ phí, chi phí khác theo quy định*).

    Attributes:
        kind: Fee, charge or other prescribed cost.
        name: Its name (unique within a procedure), e.g. "Lệ phí cấp giấy phép".
        amount: VND per compliance (a ``Decimal`` >= 0; an ``int`` is accepted).

    Raises:
        InvalidValueError: A negative, float or out-of-range amount, or a blank name.
    """

    kind: PrescribedCostKind = attrs.field(validator=_v.member_of(PrescribedCostKind))
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    amount: Decimal = attrs.field(converter=to_decimal, validator=money)


@attrs.frozen(kw_only=True)
class ComplianceCost:
    """The compliance cost (*chi phí tuân thủ*) of one procedure in one state, in VND.

    Built by [`CostModel.cost`][tthc.simplification.CostModel.cost]. The cost of one compliance
    is rounded once (to whole đồng by default); the annual total is that rounded figure × times
    per year × subjects per year, rounded again when those are fractions.

    Attributes:
        hours: Hours of all tasks per compliance.
        time_cost: ``hours`` × the hourly rate, rounded.
        out_of_pocket: Out-of-pocket costs of all tasks.
        prescribed: Fees, charges and other prescribed costs.
        per_compliance: Cost of one compliance (Art. 27(3)(a)), rounded.
        times_per_year: Prescribed times per year.
        subjects_per_year: Subjects per year.
        annual_total: ``per_compliance`` × times × subjects (Art. 27(3)(b)), rounded.
    """

    hours: Decimal
    time_cost: Decimal
    out_of_pocket: Decimal
    prescribed: Decimal
    per_compliance: Decimal
    times_per_year: Decimal
    subjects_per_year: Decimal
    annual_total: Decimal


_tasks_of: Final = tuple_of(Task, "Task records")
_distinct_tasks: Final = unique_names("tasks")
_costs_of: Final = tuple_of(PrescribedCost, "PrescribedCost records")
_distinct_costs: Final = unique_names("prescribed costs")


def _check_tasks(instance: object, attribute: Any, value: Any) -> None:
    _tasks_of(instance, attribute, value)
    _distinct_tasks(instance, attribute, value)


def _check_costs(instance: object, attribute: Any, value: Any) -> None:
    _costs_of(instance, attribute, value)
    _distinct_costs(instance, attribute, value)


@attrs.frozen(kw_only=True)
class CostModel:
    """The compliance-cost model of one procedure (*thủ tục hành chính*) as it stands.

    Attributes:
        code: The procedure's code (``1.001193`` in the national database; any non-blank text,
            since internal and local procedures may have other codes).
        name: The procedure's name.
        times_per_year: Times one subject must carry it out per year, as prescribed (*số lần
            thực hiện theo quy định trong 01 năm*); a fraction for less than yearly (0.2 = every
            five years).
        subjects_per_year: Subjects that carry it out per year (*số lượng đối tượng tuân thủ*).
        tasks: The required tasks, with their hours and out-of-pocket costs.
        prescribed_costs: Fees, charges and other prescribed costs per compliance.
        processing_time: The time limit (*thời hạn giải quyết*), if known; it does not enter the
            cost (opportunity cost is not counted) but measures may shorten it.

    Raises:
        InvalidValueError: A field of the wrong type or range, or two tasks (two prescribed
            costs) with the same name.

    Examples:
        >>> from tthc.simplification import FigureCertainty
        >>> m = CostModel(code="1.000000", name="Thủ tục (ví dụ)", times_per_year=1,
        ...               subjects_per_year=200, tasks=[Task(name="Chuẩn bị hồ sơ", hours=2)])
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> m.cost(w).annual_total
        Decimal('12000000')

    References:
        Circular 02/2017/TT-VPCP Art. 27(3)(a)(b) (CONFIRMED, research notes ``vn_legal.md``
        §5.2).
    """

    code: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    times_per_year: Decimal = attrs.field(
        converter=to_decimal, validator=quantity(MAX_TIMES, "times per year")
    )
    subjects_per_year: Decimal = attrs.field(
        converter=to_decimal, validator=quantity(MAX_SUBJECTS, "subjects per year")
    )
    tasks: tuple[Task, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_tasks)
    prescribed_costs: tuple[PrescribedCost, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_costs
    )
    processing_time: Duration | None = attrs.field(default=None, validator=check_duration)

    @classmethod
    def from_procedure(
        cls,
        procedure: Procedure,
        *,
        channel: Channel,
        times_per_year: Decimal | int,
        subjects_per_year: Decimal | int,
        tasks: Iterable[Task] = (),
        case: str | None = None,
    ) -> CostModel:
        """Start a cost model from a procedure record: code, name, time limit and fees.

        The fees and charges of the case through ``channel`` become prescribed costs (a fee
        whose record does not say fee or charge is counted as another prescribed cost: the sum
        is the same). Exemptions are not applied: the full amount counts.

        Args:
            procedure: The procedure record.
            channel: The channel whose fees and time limit to take.
            times_per_year: Prescribed times per year.
            subjects_per_year: Subjects per year.
            tasks: The tasks (the record does not list them with hours).
            case: The case's name, for a procedure with several cases.

        Returns:
            The cost model.

        Raises:
            InvalidValueError: No such case or channel, or a fee without an amount.

        Examples:
            >>> from tthc.procedures import ChannelOption, Fee, ProcedureCase
            >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase(
            ...     channels=[ChannelOption(channel=Channel.IN_PERSON,
            ...         processing_time=Duration.working_days(5),
            ...         fees=[Fee(kind=FeeKind.CHARGE, amount=100000, description="Lệ phí")])])])
            >>> m = CostModel.from_procedure(p, channel=Channel.IN_PERSON, times_per_year=1,
            ...                              subjects_per_year=1000)
            >>> m.prescribed_costs
            (PrescribedCost(kind=<PrescribedCostKind.CHARGE: 'charge'>, name='Lệ phí', amount=Decimal('100000')),)
            >>> str(m.processing_time)
            '5 ngày làm việc'
        """
        if not isinstance(procedure, Procedure):
            raise InvalidValueError(
                "CostModel.from_procedure(procedure)", procedure, "a tthc.procedures.Procedure"
            )
        option = procedure.channel_option(channel, case)
        costs: list[PrescribedCost] = []
        names: set[str] = set()
        for index, fee in enumerate(option.fees):
            if fee.amount is None:
                raise InvalidValueError(
                    f"CostModel.from_procedure(procedure): fees[{index}].amount",
                    fee,
                    "a fee with an amount (give prescribed costs yourself when the record has "
                    "none)",
                )
            if fee.kind is FeeKind.FEE:
                kind = PrescribedCostKind.FEE
            elif fee.kind is FeeKind.CHARGE:
                kind = PrescribedCostKind.CHARGE
            else:  # the record does not say: the amount counts all the same
                kind = PrescribedCostKind.OTHER
            name = fee.description or fee.code or kind.label
            base, n = name, 2
            while name in names:
                name, n = f"{base} ({n})", n + 1
            names.add(name)
            costs.append(PrescribedCost(kind=kind, name=name, amount=fee.amount))
        return cls(
            code=procedure.code,
            name=procedure.name,
            times_per_year=times_per_year,
            subjects_per_year=subjects_per_year,
            tasks=tuple(tasks),
            prescribed_costs=tuple(costs),
            processing_time=option.processing_time,
        )

    def task(self, name: str) -> Task:
        """The task called ``name``.

        Raises:
            InvalidValueError: No task has that name.
        """
        for task in self.tasks:
            if task.name == name:
                return task
        raise InvalidValueError(
            "CostModel.task(name)", name, one_of(f"a task of procedure {self.code}", self.tasks)
        )

    def prescribed_cost(self, name: str) -> PrescribedCost:
        """The prescribed cost called ``name``.

        Raises:
            InvalidValueError: No prescribed cost has that name.
        """
        for cost in self.prescribed_costs:
            if cost.name == name:
                return cost
        raise InvalidValueError(
            "CostModel.prescribed_cost(name)",
            name,
            one_of(f"a prescribed cost of procedure {self.code}", self.prescribed_costs),
        )

    def tasks_of_component(self, component: str) -> tuple[Task, ...]:
        """The tasks that prepare the dossier component ``component`` (NFC-compared)."""
        wanted = _v.nfc(component)
        return tuple(t for t in self.tasks if t.component == wanted)

    def cost(
        self,
        wage_rate: WageRate,
        *,
        places: int = 0,
        rounding: RoundingMode | str = decimal.ROUND_HALF_UP,
    ) -> ComplianceCost:
        """The compliance cost of this procedure (Art. 27(3)(a)(b)).

        Args:
            wage_rate: The wage rate that values the hours.
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round (half-up by default).

        Returns:
            The cost per compliance and per year, with its parts.

        Raises:
            InvalidValueError: ``wage_rate``, ``places`` or ``rounding`` is not valid.
        """
        return _cost(self, *_costing_arguments("CostModel.cost", wage_rate, places, rounding))


def _cost(model: CostModel, wage: WageRate, places: int, rounding: str) -> ComplianceCost:
    # Every sum and product in the exact context: an inexact step would raise, not round.
    with decimal.localcontext(EXACT):
        tasks = model.tasks
        hours = sum([t.hours for t in tasks], ZERO)
        out_of_pocket = sum(
            [
                t.copies + t.certification + t.travel + t.hired_services + t.other_expenses
                for t in tasks
            ],
            ZERO,
        )
        prescribed = sum([c.amount for c in model.prescribed_costs], ZERO)
        divisor = Decimal(wage.period.months) * wage.days_per_month * wage.hours_per_day
        time_exact = hours * wage.amount
        # (hours × amount + direct × divisor) / divisor, rounded once.
        per_compliance = round_ratio(
            time_exact + (out_of_pocket + prescribed) * divisor, divisor, places, rounding
        )
        annual = round_to(
            per_compliance * model.times_per_year * model.subjects_per_year, places, rounding
        )
    return ComplianceCost(
        hours=hours,
        time_cost=round_ratio(time_exact, divisor, places, rounding),
        out_of_pocket=out_of_pocket,
        prescribed=prescribed,
        per_compliance=per_compliance,
        times_per_year=model.times_per_year,
        subjects_per_year=model.subjects_per_year,
        annual_total=annual,
    )
