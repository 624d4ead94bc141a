"""Analytics: columns of millions of dossiers, reports and charts, Dask, synthetic data.

What this room holds: the columnar timeliness (`timeliness`), step tables (`steps`: per-step due
instants, time used and late flags, where the time goes), the indicator tables (`tables`), the
online coverage of a catalogue (`coverage`), the charts (`charts`, matplotlib), the timeliness
report with its HTML page (`reporting`), the same analyses on Dask (`dask`, `steps_dask`) and a synthetic
generator of dossier tables (`synthetic`). `compute_deadlines`, the batch deadline calculator,
lives in `tthc.deadlines.batch` and is re-exported here. The first module names, `frames` and
`reports`, are façades over these. The modules need the optional extras (numpy, pandas,
matplotlib, dask): each imports what it needs at its top and raises `MissingExtraError` when it is
missing, and this package loads a module only when one of its names is first read, so
`import tthc.analytics` itself costs nothing.

It may import every domain room below it (`tthc.indicators`, `tthc.simplification`,
`tthc.dossiers`, `tthc.procedures`, `tthc.deadlines`, `tthc.calendar`, ...); `tthc.io`, `tthc.sql`
and `tthc.cli` sit above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc._lazy import attach

if TYPE_CHECKING:
    from tthc.analytics.charts import (
        plot_coverage,
        plot_on_time_by_month,
        plot_timeliness_shares,
    )
    from tthc.analytics.coverage import (
        catalogue_coverage,
    )
    from tthc.analytics.reporting import (
        InvalidRow,
        InvalidRows,
        Report,
        report,
    )
    from tthc.analytics.steps import (
        STEP_COLUMNS,
        invalid_step_rows,
        step_times,
        where_time_goes,
    )
    from tthc.analytics.synthetic import (
        DEFAULT_MIX,
        SyntheticProcedure,
        dossiers_from_frame,
        synthetic_dossiers,
        synthetic_steps,
    )
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
    from tthc.analytics.timeliness import (
        DOSSIER_COLUMNS,
        TIMELINESS_CATEGORIES,
        classify_timeliness,
        invalid_dossier_rows,
    )
    from tthc.deadlines.batch import (
        compute_deadlines,
    )

_NAMES: dict[str, str] = {
    "compute_deadlines": "tthc.deadlines.batch",
    "TIMELINESS_CATEGORIES": "tthc.analytics.timeliness",
    "classify_timeliness": "tthc.analytics.timeliness",
    "invalid_dossier_rows": "tthc.analytics.timeliness",
    "DOSSIER_COLUMNS": "tthc.analytics.timeliness",
    "CHANNEL_COLUMNS": "tthc.analytics.tables",
    "COUNT_COLUMNS": "tthc.analytics.tables",
    "DERIVED_KEYS": "tthc.analytics.tables",
    "MISSING_KEY": "tthc.analytics.tables",
    "RATE_COLUMNS": "tthc.analytics.tables",
    "InvalidRow": "tthc.analytics.reporting",
    "InvalidRows": "tthc.analytics.reporting",
    "Progress": "tthc.analytics.tables",
    "Report": "tthc.analytics.reporting",
    "catalogue_coverage": "tthc.analytics.coverage",
    "finalize_indicator_table": "tthc.analytics.tables",
    "format_indicator_table": "tthc.analytics.tables",
    "indicator_table": "tthc.analytics.tables",
    "plot_coverage": "tthc.analytics.charts",
    "plot_on_time_by_month": "tthc.analytics.charts",
    "plot_timeliness_shares": "tthc.analytics.charts",
    "report": "tthc.analytics.reporting",
    "timeliness_count_frame": "tthc.analytics.tables",
    "STEP_COLUMNS": "tthc.analytics.steps",
    "invalid_step_rows": "tthc.analytics.steps",
    "step_times": "tthc.analytics.steps",
    "where_time_goes": "tthc.analytics.steps",
    "DEFAULT_MIX": "tthc.analytics.synthetic",
    "SyntheticProcedure": "tthc.analytics.synthetic",
    "dossiers_from_frame": "tthc.analytics.synthetic",
    "synthetic_dossiers": "tthc.analytics.synthetic",
    "synthetic_steps": "tthc.analytics.synthetic",
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
    "STEP_COLUMNS",
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
    "invalid_step_rows",
    "plot_coverage",
    "plot_on_time_by_month",
    "plot_timeliness_shares",
    "report",
    "step_times",
    "synthetic_dossiers",
    "synthetic_steps",
    "timeliness_count_frame",
    "where_time_goes",
]
