"""pandas frames of an evaluated review (private; needs the ``tthc[pandas]`` extra).

This module imports pandas at its top. Nothing imports it until
[`PortfolioResult.to_frame`][tthc.simplification.PortfolioResult.to_frame] or
[`lines_frame`][tthc.simplification.PortfolioResult.lines_frame] is called, and those raise
[`MissingExtraError`][tthc.errors.MissingExtraError] when pandas is missing, so
`tthc.simplification` works without pandas.

Money columns hold exact ``Decimal`` values (``object`` dtype), as the results do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pandas as pd

if TYPE_CHECKING:
    from tthc.simplification.portfolio import PortfolioResult

__all__ = ["LINE_COLUMNS", "RESULT_COLUMNS", "lines_frame", "results_frame"]

RESULT_COLUMNS: Final = (
    "code",
    "name",
    "actions",
    "abolished",
    "has_plan",
    "hours_before",
    "hours_after",
    "per_compliance_before",
    "per_compliance_after",
    "annual_before",
    "annual_after",
    "saving",
    "saving_percent",
)
"""The columns of ``results_frame``, in order."""

LINE_COLUMNS: Final = (
    "code",
    "measure",
    "action",
    "change",
    "item",
    "detail",
    "saving_per_compliance",
    "saving",
)
"""The columns of ``lines_frame``, in order."""


def results_frame(result: PortfolioResult) -> pd.DataFrame:
    """One row per procedure of ``result``, the columns in ``RESULT_COLUMNS``."""
    results = result.results
    return pd.DataFrame(
        {
            "code": [r.code for r in results],
            "name": [r.name for r in results],
            "actions": [",".join(a.value for a in r.actions) for r in results],
            "abolished": [r.abolished for r in results],
            "has_plan": [r.has_plan for r in results],
            "hours_before": [r.before.hours for r in results],
            "hours_after": [r.after.hours for r in results],
            "per_compliance_before": [r.before.per_compliance for r in results],
            "per_compliance_after": [r.after.per_compliance for r in results],
            "annual_before": [r.before.annual_total for r in results],
            "annual_after": [r.after.annual_total for r in results],
            "saving": [r.saving for r in results],
            "saving_percent": [r.savings.percent() for r in results],
        },
        columns=list(RESULT_COLUMNS),
    )


def lines_frame(result: PortfolioResult) -> pd.DataFrame:
    """One row per explained saving of ``result``, the columns in ``LINE_COLUMNS``."""
    lines = result.lines
    return pd.DataFrame(
        {
            "code": [x.code for x in lines],
            "measure": [x.measure for x in lines],
            "action": [x.action.value for x in lines],
            "change": ["" if x.change is None else x.change.kind for x in lines],
            "item": [x.item for x in lines],
            "detail": [x.detail for x in lines],
            "saving_per_compliance": [x.saving_per_compliance for x in lines],
            "saving": [x.saving for x in lines],
        },
        columns=list(LINE_COLUMNS),
    )
