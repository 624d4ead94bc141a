"""SQL quoting shared by the load script, the functions and the queries (private).

Identifiers come only from a prefix checked against a plain-identifier pattern, and every value
is written by ``_literal``/``_text``, which double single quotes. For PostgreSQL a text with a
backslash is written as an escape string (``E'...'``, backslashes doubled): a plain literal means
the same thing only while the server's ``standard_conforming_strings`` is on, and with it off a
backslash before a quote would end the literal early. An ``E''`` string reads the same under
either setting.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from tthc.errors import InvalidValueError

DIALECTS: Final = ("postgresql", "sqlite")
_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,39}")


def _check_dialect(dialect: object) -> str:
    if dialect not in DIALECTS:
        raise InvalidValueError("dialect", dialect, "'postgresql' or 'sqlite'")
    return str(dialect)


def _check_prefix(prefix: object) -> str:
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise InvalidValueError(
            "prefix",
            prefix,
            "a plain lower-case SQL identifier of at most 40 characters (e.g. 'tthc')",
        )
    return prefix


# --- literals ----------------------------------------------------------------------------------


def _text(value: str | None, dialect: str) -> str:
    if value is None:
        return "NULL"
    quoted = "'" + value.replace("'", "''") + "'"
    if dialect == "postgresql" and "\\" in value:
        # E'' strings read backslash escapes whatever standard_conforming_strings is.
        return "E" + quoted.replace("\\", "\\\\")
    return quoted


def _literal(value: object, dialect: str) -> str:
    if isinstance(value, bool):
        # SQLite has no boolean type: 1 and 0, as its own TRUE and FALSE keywords mean.
        text = ("TRUE" if value else "FALSE") if dialect == "postgresql" else str(int(value))
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, dt.time):
        text = f"'{value:%H:%M}'"
    elif isinstance(value, dt.date):
        text = f"'{value.isoformat()}'"
    else:
        text = _text(None if value is None else str(value), dialect)
    return text


def _insert(dialect: str) -> str:
    # SQLite: a failed constraint rolls the whole transaction back (see the module docstring).
    return "INSERT INTO" if dialect == "postgresql" else "INSERT OR ROLLBACK INTO"


def _day(value: dt.date, dialect: str) -> str:
    return f"DATE '{value.isoformat()}'" if dialect == "postgresql" else f"'{value.isoformat()}'"
