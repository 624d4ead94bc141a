"""The columnar paths under their first name: a façade over their modules.

``tthc.analytics.frames`` held the batch deadline calculator and the columnar timeliness; they
now live in [`tthc.deadlines.batch`][tthc.deadlines.batch] (`compute_deadlines`) and
[`tthc.analytics.timeliness`][tthc.analytics.timeliness] (`classify_timeliness`,
`invalid_dossier_rows`, `DOSSIER_COLUMNS`, `TIMELINESS_CATEGORIES`). This module re-exports
them, so code written against it keeps working; new code imports from ``tthc.analytics`` or
``tthc.deadlines``.
"""

from tthc.analytics.timeliness import (
    DOSSIER_COLUMNS,
    TIMELINESS_CATEGORIES,
    classify_timeliness,
    invalid_dossier_rows,
)
from tthc.deadlines.batch import compute_deadlines

__all__ = [
    "DOSSIER_COLUMNS",
    "TIMELINESS_CATEGORIES",
    "classify_timeliness",
    "compute_deadlines",
    "invalid_dossier_rows",
]
