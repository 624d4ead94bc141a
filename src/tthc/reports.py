"""Deprecated: ``tthc.reports`` moved to [`tthc.analytics.reports`][tthc.analytics.reports] in 0.2.

Importing this module warns `DeprecationWarning`; its names are those of the new module. The old
path will be removed in a later release (see the changelog).
"""

from tthc._deprecated import forward

__getattr__, __dir__ = forward(__name__, "tthc.analytics.reports")
