"""The ``tthc`` command line: one module per subcommand, parsed and dispatched in ``_app``.

What this room holds: the argument parser and dispatch (``_app``), the readers of dates, instants
and numbers and the output shared by the subcommands (``_common``), and one module per subcommand
(``deadline``, ``calendar``, ``report``, ``cost``, ``schema``) with its text and JSON output. It
sits at the top of the house and may import any other room; nothing imports it. A subcommand's
module, and the rooms it needs, are imported only when that subcommand runs.
"""

from tthc.cli._app import main

__all__ = ["main"]
