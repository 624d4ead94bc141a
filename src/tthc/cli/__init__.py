"""The ``tthc`` command line: one module per subcommand, parsed and dispatched here.

What this room holds: the argument parser, the subcommands (``deadline``, ``calendar``,
``report``, ``cost``, ``schema``) and their text and JSON output. It sits at the top of the house
and may import any other room; nothing imports it.
"""

from tthc.cli._app import main

__all__ = ["main"]
