"""Reading JSON documents from files, with errors in the tthc hierarchy (private)."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from tthc.errors import LoadError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["read_json"]


def read_json(
    source: str | os.PathLike[str] | Traversable, *, error: type[LoadError] = LoadError
) -> Any:
    """Read and parse a UTF-8 JSON file; any failure raises ``error(source, [problem])``.

    Parsing executes nothing: it is the standard library's ``json``.

    Args:
        source: A path, or a package resource (``importlib.resources.files(...)``).
        error: The ``LoadError`` subclass to raise (``CalendarDataError`` for calendars).

    Returns:
        The parsed document.

    Raises:
        LoadError: The file cannot be read, is not UTF-8, or is not JSON.
    """
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else str(source)
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, encoding="utf-8") as fh:  # noqa: PTH123 - str or PathLike
                text = fh.read()
        else:
            text = source.read_text("utf-8")
    except OSError as exc:
        raise error(name, [f"cannot read the file: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise error(name, [f"not UTF-8 text: {exc}"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(name, [f"not valid JSON: {exc}"]) from None
