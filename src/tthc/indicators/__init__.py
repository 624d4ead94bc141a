"""Indicators: rates with explicit rounding, published-figure checks, the Decision 766 index.

What this room holds: `Rate`, the checks of published percentages, the Hà Nội 2023 figures, online
coverage, timeliness and digitisation counts, and the service index of Decision 766/QĐ-TTg as data.

Modules: ``rates`` (``Rate`` and rounding), ``figures`` (published figures and their checks, with
the private band arithmetic of ``_bands``), ``counts`` (coverage, timeliness and digitisation
counts) and ``decision766`` (the index).

It may import: `tthc.calendar`, `tthc.durations`, `tthc.errors` and the shared helpers.
"""

from tthc.indicators.counts import (
    DigitisationCounts,
    OnlineCoverage,
    ProcedureOnline,
    TimelinessCounts,
    digitisation_counts,
    online_coverage,
    timeliness_counts,
)
from tthc.indicators.decision766 import (
    GroupScore,
    Index766,
    Indicator,
    IndicatorGroup,
    IndicatorKind,
    IndicatorScore,
    NotApplicablePolicy,
    Score,
    ScoreStatus,
    index766,
    load_index766,
)
from tthc.indicators.figures import (
    DEFAULT_MODES,
    FigureCheck,
    FigureSet,
    FigureSetCheck,
    ModeOutcome,
    PublishedFigure,
    Verdict,
    check_claim,
    check_figure,
    check_figures,
    hanoi_2023,
    load_figures,
)
from tthc.indicators.rates import Rate, RoundingMode, format_percent, parse_percent

__all__ = [
    "DEFAULT_MODES",
    "DigitisationCounts",
    "FigureCheck",
    "FigureSet",
    "FigureSetCheck",
    "GroupScore",
    "Index766",
    "Indicator",
    "IndicatorGroup",
    "IndicatorKind",
    "IndicatorScore",
    "ModeOutcome",
    "NotApplicablePolicy",
    "OnlineCoverage",
    "ProcedureOnline",
    "PublishedFigure",
    "Rate",
    "RoundingMode",
    "Score",
    "ScoreStatus",
    "TimelinessCounts",
    "Verdict",
    "check_claim",
    "check_figure",
    "check_figures",
    "digitisation_counts",
    "format_percent",
    "hanoi_2023",
    "index766",
    "load_figures",
    "load_index766",
    "online_coverage",
    "parse_percent",
    "timeliness_counts",
]
