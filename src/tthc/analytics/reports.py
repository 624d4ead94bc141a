"""The reports under their first name: a façade over their modules.

``tthc.analytics.reports`` held the indicator tables, the charts and the HTML report; they now
live in [`tthc.analytics.tables`][tthc.analytics.tables] (count frames, indicator tables,
coverage, the terminal table), [`tthc.analytics.charts`][tthc.analytics.charts] (matplotlib) and
[`tthc.analytics.reporting`][tthc.analytics.reporting] (`Report`, `report`). This module re-exports
them, so code written against it keeps working; new code imports from ``tthc.analytics``.

Importing it loads numpy and pandas, not matplotlib: the chart functions load
`tthc.analytics.charts` when first read (PEP 562).
"""

from typing import TYPE_CHECKING

from tthc._lazy import attach
from tthc.analytics.coverage import catalogue_coverage
from tthc.analytics.reporting import InvalidRow, InvalidRows, Report, report
from tthc.analytics.tables import (
    CHANNEL_COLUMNS,
    COUNT_COLUMNS,
    DERIVED_KEYS,
    MISSING_KEY,
    RATE_COLUMNS,
    Progress,
    finalize_indicator_table,
    format_indicator_table,
    indicator_table,
    timeliness_count_frame,
)

if TYPE_CHECKING:
    from tthc.analytics.charts import plot_coverage, plot_on_time_by_month, plot_timeliness_shares

_CHARTS = "tthc.analytics.charts"
__getattr__, __dir__ = attach(
    __name__,
    dict.fromkeys(("plot_coverage", "plot_on_time_by_month", "plot_timeliness_shares"), _CHARTS),
    globals(),
)

__all__ = [
    "CHANNEL_COLUMNS",
    "COUNT_COLUMNS",
    "DERIVED_KEYS",
    "MISSING_KEY",
    "RATE_COLUMNS",
    "InvalidRow",
    "InvalidRows",
    "Progress",
    "Report",
    "catalogue_coverage",
    "finalize_indicator_table",
    "format_indicator_table",
    "indicator_table",
    "plot_coverage",
    "plot_on_time_by_month",
    "plot_timeliness_shares",
    "report",
    "timeliness_count_frame",
]
