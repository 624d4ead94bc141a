"""``tthc cost``: the compliance cost (*chi phí tuân thủ*) a simplification review saves.

A review saved as JSON (``tthc.io.plans.dump_portfolio``) or a CSV sheet of plans, evaluated
under Circular 02/2017/TT-VPCP Art. 27 by [`tthc.simplification`][tthc.simplification].
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tthc.errors import InvalidValueError
from tthc.io.plans import load_plans_csv, load_portfolio
from tthc.simplification import FigureCertainty, Portfolio, WagePeriod, WageRate

if TYPE_CHECKING:
    import argparse

    from tthc.cli._common import Output

__all__ = ["run"]


def _wage(args: argparse.Namespace, base: WageRate | None) -> WageRate:
    """The wage rate from --wage and its options, else ``base``; then --days/--hours-per-..."""
    conventions: dict[str, Any] = {}
    if args.days_per_month is not None:
        conventions["days_per_month"] = args.days_per_month
    if args.hours_per_day is not None:
        conventions["hours_per_day"] = args.hours_per_day
    if args.wage is None:
        if base is None:
            raise InvalidValueError(
                "tthc cost --wage",
                None,
                "the income figure for a sheet: --wage, --wage-year, --wage-source and "
                "--wage-certainty",
            )
        return attrs.evolve(base, **conventions)
    missing = [
        flag
        for flag, value in (
            ("--wage-year", args.wage_year),
            ("--wage-source", args.wage_source),
            ("--wage-certainty", args.wage_certainty),
        )
        if value is None
    ]
    if missing:
        raise InvalidValueError(
            "tthc cost --wage",
            str(args.wage),
            f"{', '.join(missing)} as well (an income figure says its year, source and certainty)",
        )
    return WageRate(
        amount=args.wage,
        period=WagePeriod(args.wage_per),
        year=args.wage_year,
        source=args.wage_source,
        certainty=FigureCertainty(args.wage_certainty),
        **conventions,
    )


def run(args: argparse.Namespace) -> Output:
    """Evaluate a review or a sheet of plans: (JSON-able result, human text)."""
    if args.csv or str(args.plans).lower().endswith(".csv"):
        review = Portfolio(
            name=args.name or Path(args.plans).stem,
            wage_rate=_wage(args, None),
            plans=load_plans_csv(args.plans),
            reviewed=args.reviewed,
        )
    else:
        review = load_portfolio(args.plans)
        review = attrs.evolve(
            review,
            name=args.name or review.name,
            wage_rate=_wage(args, review.wage_rate),
            reviewed=review.reviewed if args.reviewed is None else args.reviewed,
        )
    result = review.evaluate()
    percent = result.savings.percent()
    share = result.share_with_plan
    w = result.wage_rate
    data: dict[str, object] = {
        "name": result.name,
        "wage_rate": {
            "amount": str(w.amount),
            "period": w.period.value,
            "year": w.year,
            "source": w.source,
            "certainty": w.certainty.value,
            "days_per_month": str(w.days_per_month),
            "hours_per_day": str(w.hours_per_day),
            "per_hour": str(w.per_hour()),
        },
        "reviewed": result.reviewed,
        "with_plan": 0 if share is None else share.numerator,
        "share_with_plan_percent": None if share is None else str(share.percent()),
        "before": str(result.before),
        "after": str(result.after),
        "saving": str(result.saving),
        "saving_percent": None if percent is None else str(percent),
        "procedures": [
            {
                "code": r.code,
                "name": r.name,
                "actions": [a.value for a in r.actions],
                "abolished": r.abolished,
                "per_compliance_before": str(r.before.per_compliance),
                "per_compliance_after": str(r.after.per_compliance),
                "before": str(r.before.annual_total),
                "after": str(r.after.annual_total),
                "saving": str(r.saving),
                "saving_percent": None
                if r.savings.percent() is None
                else str(r.savings.percent()),
            }
            for r in result.results
        ],
        "savings": [
            {
                "code": line.code,
                "measure": line.measure,
                "action": line.action.value,
                "change": None if line.change is None else line.change.kind,
                "item": line.item,
                "detail": line.detail,
                "saving_per_compliance": str(line.saving_per_compliance),
                "saving": str(line.saving),
            }
            for line in result.lines
        ],
    }
    if args.target is not None:
        check = result.savings.check_target(args.target)
        data["target"] = {
            "percent": str(check.target),
            "met": check.met,
            "shortfall": str(check.shortfall),
        }
    text = result.to_table(unit=args.unit, target=args.target)
    if args.explain:
        text += "\n\n" + result.explain()
    return data, text
