"""Analytics: columns of millions of dossiers, reports and charts, Dask, synthetic data.

What this room holds: the columnar deadline and timeliness paths (`frames`), the indicator tables,
charts and HTML report (`reports`), the same analyses on Dask (`dask`) and a synthetic generator of
dossier tables (`synthetic`). These modules need the optional extras (numpy, pandas, matplotlib,
dask): each imports what it needs at its top, and this package loads a module only when one of its
names is first read, so `import tthc.analytics` itself costs nothing.

It may import every domain room below it (`tthc.indicators`, `tthc.simplification`,
`tthc.dossiers`, `tthc.procedures`, `tthc.deadlines`, `tthc.calendar`, ...); `tthc.io`, `tthc.sql`
and `tthc.cli` sit above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc._lazy import attach

if TYPE_CHECKING:
    from tthc.analytics.frames import (
        DOSSIER_COLUMNS,
        TIMELINESS_CATEGORIES,
        classify_timeliness,
        compute_deadlines,
        invalid_dossier_rows,
    )
    from tthc.analytics.reports import (
        CHANNEL_COLUMNS,
        COUNT_COLUMNS,
        DERIVED_KEYS,
        MISSING_KEY,
        RATE_COLUMNS,
        InvalidRow,
        InvalidRows,
        Progress,
        Report,
        catalogue_coverage,
        finalize_indicator_table,
        format_indicator_table,
        indicator_table,
        plot_coverage,
        plot_on_time_by_month,
        plot_timeliness_shares,
        report,
        timeliness_count_frame,
    )
    from tthc.analytics.synthetic import (
        DEFAULT_MIX,
        SyntheticProcedure,
        dossiers_from_frame,
        synthetic_dossiers,
    )

_NAMES: dict[str, str] = {
    "compute_deadlines": "tthc.analytics.frames",
    "TIMELINESS_CATEGORIES": "tthc.analytics.frames",
    "classify_timeliness": "tthc.analytics.frames",
    "invalid_dossier_rows": "tthc.analytics.frames",
    "DOSSIER_COLUMNS": "tthc.analytics.frames",
    "CHANNEL_COLUMNS": "tthc.analytics.reports",
    "COUNT_COLUMNS": "tthc.analytics.reports",
    "DERIVED_KEYS": "tthc.analytics.reports",
    "MISSING_KEY": "tthc.analytics.reports",
    "RATE_COLUMNS": "tthc.analytics.reports",
    "InvalidRow": "tthc.analytics.reports",
    "InvalidRows": "tthc.analytics.reports",
    "Progress": "tthc.analytics.reports",
    "Report": "tthc.analytics.reports",
    "catalogue_coverage": "tthc.analytics.reports",
    "finalize_indicator_table": "tthc.analytics.reports",
    "format_indicator_table": "tthc.analytics.reports",
    "indicator_table": "tthc.analytics.reports",
    "plot_coverage": "tthc.analytics.reports",
    "plot_on_time_by_month": "tthc.analytics.reports",
    "plot_timeliness_shares": "tthc.analytics.reports",
    "report": "tthc.analytics.reports",
    "timeliness_count_frame": "tthc.analytics.reports",
    "DEFAULT_MIX": "tthc.analytics.synthetic",
    "SyntheticProcedure": "tthc.analytics.synthetic",
    "dossiers_from_frame": "tthc.analytics.synthetic",
    "synthetic_dossiers": "tthc.analytics.synthetic",
}

__getattr__, __dir__ = attach(__name__, _NAMES, globals())

__all__ = [
    "CHANNEL_COLUMNS",
    "COUNT_COLUMNS",
    "DEFAULT_MIX",
    "DERIVED_KEYS",
    "DOSSIER_COLUMNS",
    "MISSING_KEY",
    "RATE_COLUMNS",
    "TIMELINESS_CATEGORIES",
    "InvalidRow",
    "InvalidRows",
    "Progress",
    "Report",
    "SyntheticProcedure",
    "catalogue_coverage",
    "classify_timeliness",
    "compute_deadlines",
    "dossiers_from_frame",
    "finalize_indicator_table",
    "format_indicator_table",
    "indicator_table",
    "invalid_dossier_rows",
    "plot_coverage",
    "plot_on_time_by_month",
    "plot_timeliness_shares",
    "report",
    "synthetic_dossiers",
    "timeliness_count_frame",
]
