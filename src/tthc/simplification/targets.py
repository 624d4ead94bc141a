"""Programme targets (*chỉ tiêu cắt giảm*): processing time, business conditions, compliance cost.

Resolution 66/NQ-CP (26/3/2025) sets the Government's programme to cut and simplify the
procedures of business activity in 2025 and 2026, with targets in percent: processing time,
compliance cost and business conditions (*điều kiện kinh doanh*) cut by at least 30 % by the end
of 2025, and processing time and compliance cost by 50 % against 2024 in 2026.
[`RESOLUTION_66`][tthc.simplification.targets.RESOLUTION_66] holds them as data with their
certainty; [`check_targets`][tthc.simplification.targets.check_targets] checks figures against
them, and [`check_plan_targets`][tthc.simplification.targets.check_plan_targets] a simplification
plan (its compliance cost from the Circular 02/2017 costing, its processing time from the plan's
cost model before and after).

Certainty: the resolution's title and date are confirmed (quoted in a ministry decision's
recitals); the **targets are secondary** (one news report of the resolution, and Politburo
Resolution 68-NQ/TW for the 2025 figures); the resolution's text was not read.

Examples:
    >>> from decimal import Decimal
    >>> from tthc.durations import Duration
    >>> [c.met for c in check_targets(
    ...     RESOLUTION_66_2025,
    ...     processing_time=(Duration.working_days(10), Duration.working_days(7)),
    ...     conditions=(12, 8),
    ... )]
    [True, True, None]

References:
    Resolution 66/NQ-CP (26/3/2025), "Chương trình cắt giảm, đơn giản hóa TTHC liên quan đến hoạt
    động sản xuất, kinh doanh năm 2025 và 2026" (title confirmed; targets secondary: research
    notes ``law2026.md`` §D).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from tthc import _validators as _v
from tthc.calendar import Certainty
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.simplification._money import HUNDRED, round_ratio
from tthc.simplification.savings import Savings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.simplification.plans import Plan
    from tthc.simplification.wage import WageRate

__all__ = [
    "RESOLUTION_66",
    "RESOLUTION_66_2025",
    "RESOLUTION_66_2026",
    "ProgrammeTarget",
    "ReductionCheck",
    "TargetKind",
    "check_plan_targets",
    "check_targets",
]


class TargetKind(enum.Enum):
    """What a target cuts (*nội dung cắt giảm*)."""

    #: *Chi phí tuân thủ*: the annual compliance cost (Circular 02/2017/TT-VPCP Art. 27).
    COMPLIANCE_COST = "compliance_cost"
    #: *Thời gian giải quyết*: the processing time.
    PROCESSING_TIME = "processing_time"
    #: *Điều kiện kinh doanh*: the number of business conditions.
    BUSINESS_CONDITIONS = "business_conditions"


@attrs.frozen(kw_only=True)
class ProgrammeTarget:
    """A target of a simplification programme (*chỉ tiêu*): cut something by a percentage.

    Attributes:
        kind: What is cut.
        percent: The cut required, at least, in percent.
        by: The day by which it is due.
        baseline: What the cut is measured against, in words (``None``: the state before).
        document: The document that sets it.
        certainty: How well the target is established.
        source: Where it was read.
        notes: Remarks.
    """

    kind: TargetKind = attrs.field(validator=_v.member_of(TargetKind))
    percent: Decimal = attrs.field()
    by: dt.date
    baseline: str | None = None
    document: str = attrs.field(validator=_v.non_blank)
    certainty: Certainty = attrs.field(validator=_v.member_of(Certainty))
    source: str = attrs.field(validator=_v.non_blank)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    @percent.validator
    def _check_percent(self, attribute: object, value: object) -> None:
        if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= HUNDRED:
            raise InvalidValueError.for_attribute(
                self, attribute, value, "a percentage from 0 to 100 as a Decimal"
            )


_R66: Final = "Nghị quyết 66/NQ-CP (26/3/2025)"
_NEWS: Final = (
    "baodauthau.vn report of Resolution 66/NQ-CP; the 2025 figures also in Politburo Resolution "
    "68-NQ/TW (research notes law2026.md §D); the resolution's text was not read"
)

RESOLUTION_66_2025: Final = (
    ProgrammeTarget(
        kind=TargetKind.PROCESSING_TIME,
        percent=Decimal(30),
        by=dt.date(2025, 12, 31),
        document=_R66,
        certainty=Certainty.CONFIRMED_SECONDARY,
        source=_NEWS,
    ),
    ProgrammeTarget(
        kind=TargetKind.BUSINESS_CONDITIONS,
        percent=Decimal(30),
        by=dt.date(2025, 12, 31),
        document=_R66,
        certainty=Certainty.CONFIRMED_SECONDARY,
        source=_NEWS,
        notes=("One report speaks of 30 % of the *unnecessary* business conditions.",),
    ),
    ProgrammeTarget(
        kind=TargetKind.COMPLIANCE_COST,
        percent=Decimal(30),
        by=dt.date(2025, 12, 31),
        document=_R66,
        certainty=Certainty.CONFIRMED_SECONDARY,
        source=_NEWS,
    ),
)
"""The 2025 targets of Resolution 66/NQ-CP: at least 30 % off processing time, business
conditions and compliance cost by 31/12/2025 (secondary)."""

RESOLUTION_66_2026: Final = (
    ProgrammeTarget(
        kind=TargetKind.PROCESSING_TIME,
        percent=Decimal(50),
        by=dt.date(2026, 12, 31),
        baseline="2024",
        document=_R66,
        certainty=Certainty.CONFIRMED_SECONDARY,
        source=_NEWS,
    ),
    ProgrammeTarget(
        kind=TargetKind.COMPLIANCE_COST,
        percent=Decimal(50),
        by=dt.date(2026, 12, 31),
        baseline="2024",
        document=_R66,
        certainty=Certainty.CONFIRMED_SECONDARY,
        source=_NEWS,
        notes=(
            (
                "The 2026 programme also cuts 100 % of the unnecessary, overlapping or vague "
                "business conditions: a share of conditions judged unnecessary, not of all of "
                "them, so it is not a target this module can check from counts."
            ),
        ),
    ),
)
"""The 2026 targets of Resolution 66/NQ-CP: processing time and compliance cost cut by 50 %
against 2024 (secondary); give the 2024 figures as "before"."""

RESOLUTION_66: Final = RESOLUTION_66_2025 + RESOLUTION_66_2026
"""Every target of Resolution 66/NQ-CP known here, 2025 then 2026."""


@attrs.frozen(kw_only=True)
class ReductionCheck:
    """One target checked against figures before and after (*kết quả so với chỉ tiêu*).

    Attributes:
        target: The target.
        before: The figure before (a cost, a number of conditions, a time in its unit), or
            ``None`` when not given.
        after: The figure after, or ``None``.
        achieved: The cut in percent, rounded to 2 decimals half-up, or ``None`` (not given,
            or nothing to cut).
        met: Whether the cut reaches the target, compared exactly; ``None`` when not given.
    """

    target: ProgrammeTarget
    before: Decimal | None
    after: Decimal | None
    achieved: Decimal | None
    met: bool | None

    def __str__(self) -> str:
        t = self.target
        head = f"{t.kind.value}: cut at least {t.percent} % by {t.by:%d/%m/%Y}"
        if self.met is None:
            return f"{head} -> not checked (no figures)"
        achieved = "N/A" if self.achieved is None else f"{self.achieved} %"
        return f"{head} -> {'met' if self.met else 'NOT met'} ({achieved}; {t.document})"


def _number(field: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InvalidValueError(field, value, "a non-negative int or Decimal")
    number = Decimal(value)
    if not number.is_finite() or number < 0:
        raise InvalidValueError(field, value, "a non-negative int or Decimal")
    return number


def _pair(field: str, value: object) -> tuple[Decimal, Decimal] | None:
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:  # noqa: PLR2004 - before and after
        raise InvalidValueError(field, value, "a (before, after) pair, or None")
    first, second = value
    if isinstance(first, Duration) or isinstance(second, Duration):
        if not (isinstance(first, Duration) and isinstance(second, Duration)) or (
            first.unit is not second.unit
        ):
            raise InvalidValueError(field, value, "two Durations in the same unit")
        return _number(field, first.value), _number(field, second.value)
    return _number(field, first), _number(field, second)


def _check(target: ProgrammeTarget, pair: tuple[Decimal, Decimal] | None) -> ReductionCheck:
    if pair is None:
        return ReductionCheck(target=target, before=None, after=None, achieved=None, met=None)
    before, after = pair
    if before == 0:
        # Nothing to cut: the rate is N/A, and only a target of 0 is met (not vacuously).
        return ReductionCheck(
            target=target, before=before, after=after, achieved=None, met=target.percent == 0
        )
    cut = before - after
    achieved = round_ratio(cut * HUNDRED, before, 2, decimal.ROUND_HALF_UP)
    return ReductionCheck(
        target=target,
        before=before,
        after=after,
        achieved=achieved,
        met=cut * HUNDRED >= target.percent * before,
    )


def check_targets(
    targets: Iterable[ProgrammeTarget],
    *,
    cost: Savings | None = None,
    processing_time: tuple[Duration, Duration] | tuple[int, int] | None = None,
    conditions: tuple[int, int] | None = None,
) -> tuple[ReductionCheck, ...]:
    """Check figures before and after against programme targets, one check per target.

    Args:
        targets: The targets (such as ``RESOLUTION_66_2025``).
        cost: Annual compliance cost before and after ([`Savings`][tthc.simplification.Savings]).
        processing_time: The processing time before and after, as two Durations in the same
            unit (or two numbers in one unit).
        conditions: The number of business conditions before and after.

    Returns:
        One [`ReductionCheck`][tthc.simplification.targets.ReductionCheck] per target, in order;
        a target whose figures were not given is "not checked" (``met`` is ``None``).

    Raises:
        InvalidValueError: A target is not a ``ProgrammeTarget``; figures of the wrong type,
            negative, or Durations in different units.

    Examples:
        >>> from decimal import Decimal
        >>> from tthc.simplification import Savings
        >>> [str(c) for c in check_targets(RESOLUTION_66_2026, cost=Savings(Decimal(100), Decimal(60)))]
        ['processing_time: cut at least 50 % by 31/12/2026 -> not checked (no figures)', 'compliance_cost: cut at least 50 % by 31/12/2026 -> NOT met (40.00 %; Nghị quyết 66/NQ-CP (26/3/2025))']
    """
    if cost is not None and not isinstance(cost, Savings):
        raise InvalidValueError("check_targets(cost)", cost, "a Savings or None")
    figures = {
        TargetKind.COMPLIANCE_COST: None if cost is None else (cost.before, cost.after),
        TargetKind.PROCESSING_TIME: _pair("check_targets(processing_time)", processing_time),
        TargetKind.BUSINESS_CONDITIONS: _pair("check_targets(conditions)", conditions),
    }
    out = []
    for target in targets:
        if not isinstance(target, ProgrammeTarget):
            raise InvalidValueError("check_targets(targets)", target, "ProgrammeTarget items")
        out.append(_check(target, figures[target.kind]))
    return tuple(out)


def check_plan_targets(
    plan: Plan,
    wage_rate: WageRate,
    *,
    targets: Iterable[ProgrammeTarget] = RESOLUTION_66_2025,
    conditions: tuple[int, int] | None = None,
) -> tuple[ReductionCheck, ...]:
    """Check a simplification plan against programme targets (Resolution 66/NQ-CP by default).

    The compliance cost comes from the plan's evaluation with ``wage_rate``; the processing
    time from its cost model before and after the measures (when both state one, in the same
    unit); the business conditions are counted by the caller, since a cost model does not list
    them.

    Args:
        plan: The plan.
        wage_rate: The wage rate that values the hours.
        targets: The targets (default: the 2025 targets of Resolution 66/NQ-CP).
        conditions: The number of business conditions before and after, if known.

    Returns:
        One check per target.

    Raises:
        InvalidValueError: As [`check_targets`][tthc.simplification.targets.check_targets] and
            [`Plan.evaluate`][tthc.simplification.Plan.evaluate].
    """
    before, after = plan.model.processing_time, plan.model_after.processing_time
    times = (
        (before, after)
        if before is not None and after is not None and before.unit is after.unit
        else None
    )
    return check_targets(
        targets,
        cost=plan.evaluate(wage_rate).savings,
        processing_time=times,
        conditions=conditions,
    )
