"""``tthc schema``: the JSON Schema (draft 2020-12) of one of the library's file formats."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tthc.cli._common import write_target
from tthc.cli._messages import say
from tthc.io._converter import write_text
from tthc.io.dossiers import dossiers_schema
from tthc.io.plans import plans_schema, portfolio_schema
from tthc.io.processes import processes_schema
from tthc.io.schema import procedures_schema

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from tthc.cli._common import Output

__all__ = ["run"]

# The file formats `tthc schema` prints, and the function that makes each schema.
_MAKERS: dict[str, Callable[[], dict[str, Any]]] = {
    "procedures": procedures_schema,
    "dossiers": dossiers_schema,
    "plans": plans_schema,
    "portfolio": portfolio_schema,
    "processes": processes_schema,
}


def run(args: argparse.Namespace) -> Output:
    """Print the schema, or write it to ``args.output``."""
    schema = _MAKERS[args.format]()
    text = json.dumps(schema, ensure_ascii=False, indent=2)
    if args.output is None:
        return schema, text
    write_text(write_target(args.output, args.lang), text + "\n")
    data = {"format": args.format, "output": args.output}
    return data, say(args.lang, "schema_written", format=args.format, path=args.output)
