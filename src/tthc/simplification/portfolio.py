"""A review (*rà soát*) of many procedures: a portfolio of plans, its totals and its tables.

A province or a ministry reviews its procedures and approves plans for some of them. A
[`Portfolio`][tthc.simplification.Portfolio] evaluates every plan with one wage rate; its
[`PortfolioResult`][tthc.simplification.PortfolioResult] gives the totals before and after,
the savings and their rate, a target check, the share of reviewed procedures with a plan, every
saving explained, a printable table and (with pandas) data frames.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc._files import terminal_text
from tthc.errors import InvalidValueError, MissingExtraError
from tthc.indicators import Rate
from tthc.simplification._checks import instance_of, to_tuple, tuple_of
from tthc.simplification._money import (
    ZERO,
    check_places,
    check_rounding,
    exact_difference,
    exact_sum,
    format_vnd,
)
from tthc.simplification.plans import Plan, PlanResult, SavingLine, _evaluate
from tthc.simplification.savings import Savings
from tthc.simplification.wage import WageRate

if TYPE_CHECKING:
    import pandas as pd

    from tthc.indicators import RoundingMode

__all__ = ["Portfolio", "PortfolioResult"]


_plans_of: Final = tuple_of(Plan, "Plan records")


def _check_plans(instance: object, attribute: Any, value: Any) -> None:
    _plans_of(instance, attribute, value)
    seen: set[str] = set()
    for plan in value:
        if plan.code in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, plan.code, "plans of distinct procedures (a code once)"
            )
        seen.add(plan.code)


def _check_reviewed(instance: Portfolio, attribute: Any, value: Any) -> None:
    # Last field: the count of reviewed procedures covers the plans.
    if value is None:
        return
    if type(value) is not int or value < len(instance.plans):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"None or a whole number >= the number of plans ({len(instance.plans)})",
        )


@attrs.frozen(kw_only=True)
class Portfolio:
    """A review (*rà soát*) of many procedures: their plans, evaluated with one wage rate.

    Attributes:
        name: What the review is, e.g. "Hà Nội 2025 restructuring".
        wage_rate: The wage rate for every procedure.
        plans: One plan per reviewed procedure with a cost model (a plan without measures is a
            procedure reviewed without a plan).
        reviewed: Procedures reviewed in all, when more were reviewed than have a cost model
            here (default: the number of plans); the denominator of the share with a plan.

    Raises:
        InvalidValueError: A field of the wrong type, two plans for the same code, or
            ``reviewed`` below the number of plans.

    Examples:
        >>> from tthc.simplification import Action, CostModel, FigureCertainty, Measure, Task
        >>> w = WageRate(amount=Decimal("5280000"), year=2024, source="example",
        ...              certainty=FigureCertainty.EXAMPLE)
        >>> m = CostModel(code="1.000000", name="Ví dụ", times_per_year=1,
        ...               subjects_per_year=100, tasks=[Task(name="A", hours=2)])
        >>> p = Portfolio(name="Ví dụ", wage_rate=w, reviewed=4, plans=[
        ...     Plan(model=m, measures=[Measure.remove_tasks(Action.AMEND, "A")])])
        >>> r = p.evaluate()
        >>> r.before, r.after, r.savings.percent(), str(r.share_with_plan)
        (Decimal('6000000'), Decimal('0'), Decimal('100.00'), '1/4 (25.00 %)')
    """

    name: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    wage_rate: WageRate = attrs.field(validator=instance_of(WageRate, "a WageRate"))
    plans: tuple[Plan, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_plans)
    reviewed: int | None = attrs.field(default=None, validator=_check_reviewed)

    def __repr__(self) -> str:
        return f"<Portfolio {self.name!r} plans={len(self.plans)} reviewed={self.reviewed_count}>"

    @property
    def reviewed_count(self) -> int:
        """Procedures reviewed: ``reviewed``, or the number of plans."""
        return len(self.plans) if self.reviewed is None else self.reviewed

    @property
    def share_with_plan(self) -> Rate | None:
        """Reviewed procedures with a plan over procedures reviewed (``None`` if none).

        Examples:
            >>> from tthc.simplification import FigureCertainty
            >>> w = WageRate(amount=1, year=2024, source="x", certainty=FigureCertainty.EXAMPLE)
            >>> Portfolio(name="x", wage_rate=w, reviewed=706).share_with_plan
            Rate(numerator=0, denominator=706)
        """
        return Rate.or_none(sum(1 for p in self.plans if p.has_plan), self.reviewed_count)

    def evaluate(
        self, *, places: int = 0, rounding: RoundingMode | str = decimal.ROUND_HALF_UP
    ) -> PortfolioResult:
        """Evaluate every plan; totals are the sums of the procedures' rounded figures.

        Args:
            places: Decimals of đồng to keep (0: whole đồng).
            rounding: How to round money (half-up by default).

        Returns:
            The result.

        Raises:
            InvalidValueError: ``places`` or ``rounding`` is not valid.
        """
        p = check_places("Portfolio.evaluate(places)", places)
        r = check_rounding("Portfolio.evaluate(rounding)", rounding)
        results = tuple(_evaluate(plan, self.wage_rate, p, r) for plan in self.plans)
        return PortfolioResult(
            name=self.name,
            wage_rate=self.wage_rate,
            results=results,
            reviewed=self.reviewed_count,
            before=exact_sum(x.before.annual_total for x in results),
            after=exact_sum(x.after.annual_total for x in results),
        )


_NAME_WIDTH: Final = 36


def _short(text: str, width: int = _NAME_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _render(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    filled = [r for r in rows if r]
    widths = [max([len(h)] + [len(r[i]) for r in filled]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) if r else "  ".join("-" * w for w in widths) for r in rows]
    return out


@attrs.frozen(kw_only=True)
class PortfolioResult:
    """The evaluated review: per-procedure results, totals, savings and the share with a plan.

    Totals add up the procedures' rounded annual totals, as the columns of a review table add
    up, so the totals of two portfolios are the sums of their totals.

    Attributes:
        name: The review's name.
        wage_rate: The wage rate used.
        results: One result per plan, in order.
        reviewed: Procedures reviewed in all.
        before: Annual cost before, VND.
        after: Annual cost after, VND.
    """

    name: str
    wage_rate: WageRate = attrs.field(repr=False)
    results: tuple[PlanResult, ...] = attrs.field(repr=False)
    reviewed: int
    before: Decimal
    after: Decimal

    @property
    def saving(self) -> Decimal:
        """Annual saving, VND."""
        return exact_difference(self.before, self.after)

    @property
    def savings(self) -> Savings:
        """The totals before and after, with the rate and the target check."""
        return Savings(self.before, self.after)

    @property
    def share_with_plan(self) -> Rate | None:
        """Reviewed procedures with a plan over procedures reviewed (``None`` if none)."""
        return Rate.or_none(sum(1 for r in self.results if r.has_plan), self.reviewed)

    @property
    def lines(self) -> tuple[SavingLine, ...]:
        """Every explained saving, procedure by procedure."""
        return tuple(line for result in self.results for line in result.lines)

    def explain(self) -> str:
        """Every saving in words, one line each, then the totals.

        Returns:
            The text.
        """
        # Names from the data are printed with their control characters escaped (one line each).
        out = [terminal_text(str(line)) for line in self.lines]
        percent = self.savings.percent()
        out.append(
            f"total: {format_vnd(self.before)} -> {format_vnd(self.after)} VND per year, "
            f"saving {format_vnd(self.saving)} VND ({'N/A' if percent is None else percent} %)"
        )
        return "\n".join(out)

    def to_table(self, *, unit: str = "VND", target: Decimal | int | None = None) -> str:
        """A printable table: one row per procedure, totals, share with a plan, target.

        Args:
            unit: ``"VND"``, ``"million VND"`` or ``"billion VND"`` for the annual figures.
            target: A target in percent to check ("cut at least 20 %"), if any.

        Returns:
            The table as text.

        Raises:
            InvalidValueError: ``unit`` or ``target`` is not valid.
        """
        format_vnd(ZERO, unit)  # checks the unit
        headers = [
            "code",
            "procedure",
            "actions",
            "per compliance: before",
            "after",
            f"per year ({unit}): before",
            "after",
            "saving",
            "saving %",
        ]
        rows: list[list[str]] = []
        for r in self.results:
            pct = r.savings.percent()
            rows.append(
                [
                    terminal_text(r.code),
                    _short(terminal_text(r.name)),
                    _short(", ".join(a.value for a in r.actions) or "-", 40),
                    format_vnd(r.before.per_compliance),
                    format_vnd(r.after.per_compliance),
                    format_vnd(r.before.annual_total, unit),
                    format_vnd(r.after.annual_total, unit),
                    format_vnd(r.saving, unit),
                    "N/A" if pct is None else str(pct),
                ]
            )
        total_pct = self.savings.percent()
        rows.append([])
        rows.append(
            [
                "total",
                f"{len(self.results)} procedure{'' if len(self.results) == 1 else 's'}",
                "",
                "",
                "",
                format_vnd(self.before, unit),
                format_vnd(self.after, unit),
                format_vnd(self.saving, unit),
                "N/A" if total_pct is None else str(total_pct),
            ]
        )
        out = [
            terminal_text(f"Compliance cost (chi phí tuân thủ): {self.name}"),
            terminal_text(f"wage rate: {self.wage_rate.explain()}"),
            "",
            *_render(headers, rows, right={3, 4, 5, 6, 7, 8}),
            "",
        ]
        share = self.share_with_plan
        out.append(
            "procedures with a plan: "
            + ("N/A (none reviewed)" if share is None else f"{share} of those reviewed")
        )
        if target is not None:
            out.append(str(self.savings.check_target(target)))
        return "\n".join(out)

    def to_frame(self) -> pd.DataFrame:
        """One row per procedure as a pandas ``DataFrame`` (needs pandas).

        Money columns hold exact ``Decimal`` values (``object`` dtype); use
        ``.astype(float)`` for plotting. Columns: ``code``, ``name``, ``actions`` (comma
        separated), ``abolished``, ``has_plan``, ``hours_before``, ``hours_after``,
        ``per_compliance_before``, ``per_compliance_after``, ``annual_before``,
        ``annual_after``, ``saving``, ``saving_percent``.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'tthc[pandas]'``).
        """
        try:
            from tthc.simplification._frames import results_frame  # noqa: PLC0415 - needs pandas
        except ModuleNotFoundError as exc:
            raise _pandas_missing(exc, "PortfolioResult.to_frame") from None
        return results_frame(self)

    def lines_frame(self) -> pd.DataFrame:
        """One row per explained saving as a pandas ``DataFrame`` (needs pandas).

        Columns: ``code``, ``measure`` (from 1), ``action``, ``change`` (its kind, such as
        ``remove_task``; empty for a measure without changes), ``item``, ``detail``,
        ``saving_per_compliance``, ``saving`` (annual; ``Decimal``).

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'tthc[pandas]'``).
        """
        try:
            from tthc.simplification._frames import lines_frame  # noqa: PLC0415 - needs pandas
        except ModuleNotFoundError as exc:
            raise _pandas_missing(exc, "PortfolioResult.lines_frame") from None
        return lines_frame(self)


def _pandas_missing(error: ModuleNotFoundError, feature: str) -> ImportError:
    """The error to raise when the frames module cannot be imported.

    ``MissingExtraError`` when pandas itself is missing; otherwise (a dependency of pandas is
    missing) the original error, which names it.
    """
    if error.name == "pandas":
        return MissingExtraError("pandas", "pandas", feature)
    return error
