"""Deprecated: ``tthc.index766`` moved to [`tthc.indicators.decision766`][tthc.indicators.decision766] in 0.2.

Importing this module warns `DeprecationWarning`; its names are those of the new module. The old
path will be removed in a later release (see the changelog).
"""

from tthc._deprecated import forward

__getattr__, __dir__ = forward(__name__, "tthc.indicators.decision766")
