"""What the subcommands share: reading dates, instants and numbers from the command line, and output.

The readers are ``argparse`` types: they raise ``argparse.ArgumentTypeError`` with a message that
names what was expected, which argparse turns into a usage error (exit code 2). This module
imports only the ground rooms (errors, durations, calendar, deadlines), so that every command can
use it without loading another command's rooms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from decimal import Decimal
from typing import TypeAlias

from tthc._files import terminal_text
from tthc.deadlines import VN_TZ

__all__ = [
    "WEEKDAYS_VI",
    "Output",
    "amount",
    "as_of",
    "date",
    "emit",
    "instant",
    "optional_column",
    "role_column",
    "terminal_lines",
    "vn_day",
    "year",
]

Output: TypeAlias = tuple[object, str]
"""What a subcommand returns: (a JSON-able result for ``--json``, the text for people)."""

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_VN_DATETIME = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})[ T,]+(\d{1,2})[:hg](\d{2})\s*$")
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")

# The weekday names, Monday first, as a receipt writes them ("Thứ Hai" ... "Chủ nhật").
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def date(text: str) -> dt.date:
    """A date written ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``."""
    match = _VN_DATE.match(text)
    try:
        if match:
            day, month, year_ = (int(g) for g in match.groups())
            return dt.date(year_, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        msg = f"expected a date as dd/mm/yyyy or yyyy-mm-dd, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def instant(text: str) -> dt.datetime:
    """A receipt time written ``dd/mm/yyyy HH:MM`` or ISO; Vietnam time unless it has an offset."""
    match = _VN_DATETIME.match(text)
    try:
        if match:
            day, month, year_, hour, minute = (int(g) for g in match.groups())
            return dt.datetime(year_, month, day, hour, minute, tzinfo=VN_TZ)
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        msg = f"expected a receipt time as 'dd/mm/yyyy HH:MM' or ISO, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    # The command line is for people in Vietnam: a time without offset is Vietnam time (--help).
    return value if value.tzinfo is not None else value.replace(tzinfo=VN_TZ)


def as_of(text: str) -> dt.datetime:
    """End of the reporting period: a date means the end of that day (24:00 Vietnam time)."""
    if _VN_DATE.match(text) or _ISO_DATE.match(text):
        day = date(text)
        if day == dt.date.max:  # its end, 24:00, is after the last date Python can hold
            msg = f"expected a date before 31/12/9999, got {text!r}"
            raise argparse.ArgumentTypeError(msg)
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)
    return instant(text)


def year(text: str) -> int:
    """A year such as 2026."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 9998:  # noqa: PLR2004 - the years a date can hold, with a margin
        msg = f"expected a year such as 2026, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def amount(text: str) -> Decimal:
    """A plain decimal number such as ``5280000`` or ``0.5``."""
    if not _AMOUNT.fullmatch(text.strip()):
        msg = f"expected a plain number such as 5280000 or 0.5 (no separators), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return Decimal(text.strip())


def role_column(text: str) -> tuple[str, str]:
    """``ROLE=COLUMN``: a column of a table under another name."""
    role, sep, name = text.partition("=")
    if not sep or not role.strip() or not name.strip():
        msg = f"expected ROLE=COLUMN such as status=TrangThaiHoSo, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return role.strip(), name.strip()


def optional_column(text: str) -> str | None:
    """A column name, or none of it (``""``, ``-``, ``none``)."""
    return None if text.strip().lower() in {"", "-", "none"} else text.strip()


def vn_day(day: dt.date) -> str:
    """A day as Vietnamese write it on a receipt: ``Thứ Sáu 09/01/2026``."""
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


def terminal_lines(text: str) -> str:
    """``text`` for the terminal: its lines kept, control characters inside them escaped.

    The commands escape names from the data where they print them; this is the last guard, for
    whatever else reaches the terminal (a path, a message quoting a value).
    """
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def emit(data: object, text: str, notes: list[str], *, as_json: bool) -> None:
    """Print a subcommand's output: JSON (notes under ``provisional_warnings``) or text.

    In text, each note goes to standard error as ``warning: ...``.
    """
    try:
        if as_json:
            if isinstance(data, dict):
                data["provisional_warnings"] = notes
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(terminal_lines(text))
            for note in notes:
                print(terminal_lines(f"warning: {note}"), file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
