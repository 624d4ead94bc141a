"""What the subcommands share: reading dates, instants and numbers from the command line, and output.

The readers are ``argparse`` types (``Readers(lang)``): they raise ``UsageError`` (an
``argparse.ArgumentTypeError``) with a message in the user's language that names what was expected
or says that a written date does not exist, which argparse turns into a usage error (exit code 2). This module
imports only the ground rooms (errors, durations, calendar, deadlines), so that every command can
use it without loading another command's rooms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import TypeAlias

import attrs

from tthc._files import terminal_text
from tthc.cli._messages import Lang, UsageError, say
from tthc.deadlines import VN_TZ
from tthc.deadlines._explain import format_day, format_instant

__all__ = [
    "Output",
    "Readers",
    "day_and_time",
    "emit",
    "optional_column",
    "terminal_lines",
    "vn_day",
    "warning_text",
    "write_target",
]

Output: TypeAlias = tuple[object, str]
"""What a subcommand returns: (a JSON-able result for ``--json``, the text for people)."""

_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_VN_DATETIME = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?\s*$"
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_ISO_DATETIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _checked_date(text: str, year_: int, month: int, day: int, lang: Lang) -> dt.date:
    """The date, or the message that ``text`` names a day that does not exist (31/02/2026)."""
    try:
        return dt.date(year_, month, day)
    except ValueError:
        raise UsageError(say(lang, "not_a_date", text=text.strip())) from None


@attrs.frozen
class Readers:
    """The ``argparse`` types of the command line, with their messages in ``lang``.

    Each reader raises [`UsageError`][tthc.cli._messages.UsageError] (an
    ``argparse.ArgumentTypeError``) naming what was expected, or that a written date does not
    exist; argparse turns it into a usage error (exit code 2).
    """

    lang: Lang = "vi"

    def date(self, text: str) -> dt.date:
        """A date written ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``."""
        match = _VN_DATE.match(text) or _ISO_DATE.match(text)
        if match is None:
            raise UsageError(say(self.lang, "date_expected", text=text))
        first, second, third = (int(g) for g in match.groups())
        if match.re is _ISO_DATE:
            return _checked_date(text, first, second, third, self.lang)
        return _checked_date(text, third, second, first, self.lang)

    def instant(self, text: str) -> dt.datetime:
        """A time written ``dd/mm/yyyy HH:MM[:SS]`` or ISO; Vietnam time unless it has an offset."""
        match = _VN_DATETIME.match(text)
        if match:
            day, month, year_, hour, minute = (int(g) for g in match.groups()[:5])
            second = int(match.group(6) or 0)
            on = _checked_date(text, year_, month, day, self.lang)
            try:
                return dt.datetime.combine(on, dt.time(hour, minute, second), tzinfo=VN_TZ)
            except ValueError:
                raise UsageError(say(self.lang, "instant_expected", text=text)) from None
        iso = _ISO_DATETIME.match(text)
        if iso:
            year_, month, day = (int(g) for g in iso.groups())
            _checked_date(text, year_, month, day, self.lang)
        try:
            value = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(say(self.lang, "instant_expected", text=text)) from None
        # The command line is for people in Vietnam: a time without offset is Vietnam time (--help).
        return value if value.tzinfo is not None else value.replace(tzinfo=VN_TZ)

    def day_or_instant(self, text: str) -> dt.date | dt.datetime:
        """A date alone (``12/01/2026``) or an instant (see ``instant``)."""
        if _VN_DATE.match(text) or _ISO_DATE.match(text):
            return self.date(text)
        return self.instant(text)

    def as_of(self, text: str) -> dt.datetime:
        """End of the reporting period: a date means the end of that day (24:00 Vietnam time)."""
        value = self.day_or_instant(text)
        if isinstance(value, dt.datetime):
            return value
        if value == dt.date.max:  # its end, 24:00, is after the last date Python can hold
            raise UsageError(say(self.lang, "as_of_too_late", text=text))
        return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(), tzinfo=VN_TZ)

    def year(self, text: str) -> int:
        """A year such as 2026."""
        try:
            value = int(text)
        except ValueError:
            value = 0
        if not 1 <= value <= 9998:  # noqa: PLR2004 - the years a date can hold, with a margin
            raise UsageError(say(self.lang, "year_expected", text=text))
        return value

    def amount(self, text: str) -> Decimal:
        """A plain decimal number such as ``5280000`` or ``0.5``."""
        if not _AMOUNT.fullmatch(text.strip()):
            raise UsageError(say(self.lang, "amount_expected", text=text))
        return Decimal(text.strip())

    def percent(self, text: str) -> Decimal:
        """A percentage from 0 to 100, such as ``1`` or ``0.5``."""
        if not _AMOUNT.fullmatch(text.strip()) or Decimal(text.strip()) > 100:  # noqa: PLR2004
            raise UsageError(say(self.lang, "percent_expected", text=text))
        return Decimal(text.strip())

    def role_column(self, text: str) -> tuple[str, str]:
        """``ROLE=COLUMN``: a column of a table under another name."""
        role, sep, name = text.partition("=")
        if not sep or not role.strip() or not name.strip():
            raise UsageError(say(self.lang, "role_column_expected", text=text))
        return role.strip(), name.strip()


def optional_column(text: str) -> str | None:
    """A column name, or none of it (``""``, ``-``, ``none``)."""
    return None if text.strip().lower() in {"", "-", "none"} else text.strip()


def vn_day(day: dt.date, lang: Lang = "vi") -> str:
    """A day as a receipt writes it: ``Thứ Sáu 09/01/2026`` (``Fri 09/01/2026`` in English)."""
    return format_day(day, lang)


def day_and_time(at: dt.datetime, lang: Lang = "vi", *, end: bool = False) -> str:
    """An instant as a receipt writes it, in Vietnam time: ``Thứ Sáu 09/01/2026 16:30``.

    With ``end=True`` (a due instant, the end of a period), 00:00 is written as the end of the
    day before: ``Thứ Năm 15/01/2026 24:00 (hết ngày)``, the day a clerk copies onto the receipt.
    """
    return format_instant(at, lang, end=end)


def write_target(path: str | os.PathLike[str], lang: Lang) -> Path:
    """Check that the folder of an output file exists; the message names it if it does not."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(say(lang, "no_folder", folder=str(folder)))
    return target


_PROVISIONAL = re.compile(r"^(?P<name>.*): no official schedule is loaded for (?P<years>[\d, ]+);")


def warning_text(note: str, lang: Lang) -> str:
    """A provisional-calendar warning in ``lang`` (the library words it in English)."""
    match = _PROVISIONAL.match(note)
    if lang == "en" or match is None:
        return note
    return (
        f"{match['name']}: chưa có lịch nghỉ chính thức của năm {match['years'].strip()}; "
        "kết quả tính theo quy định của luật và có thể thay đổi khi lịch được công bố"
    )


def terminal_lines(text: str) -> str:
    """``text`` for the terminal: its lines kept, control characters inside them escaped.

    The commands escape names from the data where they print them; this is the last guard, for
    whatever else reaches the terminal (a path, a message quoting a value).
    """
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def emit(data: object, text: str, notes: list[str], *, as_json: bool, lang: Lang = "vi") -> None:
    """Print a subcommand's output: JSON (notes under ``provisional_warnings``) or text.

    In text, each note goes to standard error as ``cảnh báo: ...`` (``warning: ...`` in English).
    """
    try:
        if as_json:
            if isinstance(data, dict):
                data["provisional_warnings"] = notes
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(terminal_lines(text))
            prefix = "warning" if lang == "en" else "cảnh báo"
            for note in notes:
                print(terminal_lines(f"{prefix}: {warning_text(note, lang)}"), file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, as Unix tools do, and keep
        # Python from complaining again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
