"""The names of ``tthc.indicators`` before the room was split (private; kept for old imports).

Rates are in ``tthc.indicators.rates``, published figures in ``tthc.indicators.figures`` and the
coverage, timeliness and digitisation counts in ``tthc.indicators.counts``; import them from
[`tthc.indicators`][tthc.indicators]. This module re-exports them, with the private rounding
helpers, for modules that still import from here (``tthc.indicators.decision766``,
``tthc.analytics.reports``) until they read the new modules.
"""

from __future__ import annotations

from tthc.indicators.counts import (
    DigitisationCounts,
    OnlineCoverage,
    ProcedureOnline,
    TimelinessCounts,
    digitisation_counts,
    online_coverage,
    timeliness_counts,
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
from tthc.indicators.rates import (
    Rate,
    RoundingMode,
    _places,
    _round_ratio,
    _rounding,
    format_percent,
    parse_percent,
)

__all__ = [
    "DEFAULT_MODES",
    "DigitisationCounts",
    "FigureCheck",
    "FigureSet",
    "FigureSetCheck",
    "ModeOutcome",
    "OnlineCoverage",
    "ProcedureOnline",
    "PublishedFigure",
    "Rate",
    "RoundingMode",
    "TimelinessCounts",
    "Verdict",
    "_places",
    "_round_ratio",
    "_rounding",
    "check_claim",
    "check_figure",
    "check_figures",
    "digitisation_counts",
    "format_percent",
    "hanoi_2023",
    "load_figures",
    "online_coverage",
    "parse_percent",
    "timeliness_counts",
]
