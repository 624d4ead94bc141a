"""Reading JSON safely and writing files atomically, with errors in the tthc hierarchy (private).

The one place the library reads JSON text: the core loaders (calendars, figures, the Decision
766 data) and ``tthc.io`` all go through here. Parsing executes nothing (the standard ``json``
module); ``NaN``/``Infinity``, non-UTF-8 text and documents nested too deeply are refused; a file
over ``max_bytes`` is refused before it is read.

The one place the library writes files: [`replacing`][tthc._files.replacing] and
[`write_atomic`][tthc._files.write_atomic] write to a temporary file beside the target, flush
it to disk, then rename it over the target, so that a reader never sees half a file and a failed
write (a full disk, an error in the data) leaves the previous file as it was.

Text from the data that goes where it could act goes through one of two guards:
[`csv_cell`][tthc._files.csv_cell] for a cell of a CSV file that people open in a spreadsheet
(formula injection), and [`terminal_text`][tthc._files.terminal_text] for text printed on a
terminal (control characters).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Final, NoReturn

from tthc.errors import LoadError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from importlib.resources.abc import Traversable
    from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "csv_cell",
    "csv_cell_read",
    "parse_json",
    "read_json",
    "read_json_file",
    "replacing",
    "terminal_text",
    "too_big",
    "write_atomic",
]

DEFAULT_MAX_BYTES: Final = 100_000_000
"""Files larger than this many bytes are refused before they are read (100 MB)."""


def _refuse_constant(name: str) -> NoReturn:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)


def parse_json(text: str | bytes, source: str, *, error: type[LoadError] = LoadError) -> Any:
    """Parse JSON text; any failure raises ``error(source, [problem])``.

    Raises:
        LoadError: Not UTF-8, not JSON, ``NaN``/``Infinity``, or nested too deeply.
    """
    try:
        # Decoded here: json.loads would also guess UTF-16 and UTF-32 from bytes.
        document = text.decode("utf-8") if isinstance(text, bytes) else text
        return json.loads(document, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        problem = f"$: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    except RecursionError:
        problem = "$: not readable JSON: nested too deeply"
    except UnicodeDecodeError as exc:
        problem = f"$: not UTF-8 text: {exc.reason} at byte {exc.start}"
    except ValueError as exc:  # NaN/Infinity, integers with too many digits
        problem = f"$: not valid JSON: {exc}"
    raise error(source, [problem])


def too_big(
    source: str,
    size: int,
    max_bytes: int,
    unit: str = "bytes",
    *,
    error: type[LoadError] = LoadError,
) -> LoadError:
    """The error for an input over the size limit (to raise)."""
    return error(
        source,
        [
            (
                f"$: the input has {size:,} {unit} or more, over the limit of {max_bytes:,} "
                "(max_bytes); split it, or pass a larger max_bytes if you trust its source"
            )
        ],
    )


def read_json_file(
    name: str, max_bytes: int = DEFAULT_MAX_BYTES, *, error: type[LoadError] = LoadError
) -> Any:
    """Read and parse the UTF-8 JSON file ``name``, refusing one over ``max_bytes``.

    Raises:
        LoadError: The file cannot be read, is too large, or is not UTF-8 JSON.
    """
    try:
        with open(name, "rb") as fh:  # noqa: PTH123 - accepts any PathLike
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise too_big(name, size, max_bytes, error=error)
            # Read at most one byte past the limit: special files report no size.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error(name, [f"$: cannot read the file: {exc.strerror or exc}"]) from exc
    except ValueError as exc:  # a path with a NUL character
        raise error(name, [f"$: cannot read the file: {exc}"]) from exc
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes, error=error)
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, as some editors write
        data = data[3:]
    return parse_json(data, name, error=error)


def read_json(
    source: str | os.PathLike[str] | Traversable, *, error: type[LoadError] = LoadError
) -> Any:
    """Read and parse a JSON file or package resource; failures raise ``error``.

    Args:
        source: A path, or a package resource (``importlib.resources.files(...)``).
        error: The ``LoadError`` subclass to raise (``CalendarDataError`` for calendars).

    Raises:
        LoadError: The file cannot be read, is too large, or is not UTF-8 JSON.
    """
    if isinstance(source, (str, os.PathLike)):
        return read_json_file(os.fspath(source), error=error)
    return parse_json(source.read_bytes(), str(source), error=error)


# --- writing ---------------------------------------------------------------------------------


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary path beside ``path``; when the block ends, it replaces ``path``.

    The block writes the new content to the temporary path (any writer that takes a path or
    opens it). On a normal exit the file is flushed to disk (``fsync``), given the permissions
    of the file it replaces (or the usual ones, 0666 less the umask, when there was none) and
    renamed over ``path`` in one step; the folder is then flushed too where the system allows.
    If the block, the flush or the rename fails, the temporary file is removed and ``path`` is
    left exactly as it was.

    Raises:
        OSError: The temporary file cannot be created (a missing folder, no permission), or
            flushing or renaming fails (a full disk).
    """
    # pathlib and shutil are imported here, not at the top: every deadline reads a data file
    # through this module, and only writers need them.
    import shutil  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    target = Path(path)
    # A short name: the longest file names allowed (255 bytes) leave no room for a suffix;
    # 8 random bytes from the system (what secrets.token_hex reads).
    temp = target.with_name(f".{target.name[:64]}.{os.urandom(8).hex()}.tmp")
    # Created here, exclusively, so that the name is ours; the writer may reopen it.
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.exists():
            shutil.copymode(target, temp)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk, where the system can open folders."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # Windows cannot open a folder; the rename is done anyway
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically (see [`replacing`][tthc._files.replacing]).

    Text is written as UTF-8 with Unix line ends; bytes as they are.

    Raises:
        OSError: The file cannot be written; ``path`` is then unchanged.
        UnicodeEncodeError: The text cannot be written as UTF-8 (a lone surrogate); ``path``
            is then unchanged.
    """
    with replacing(path) as temp:
        if isinstance(data, bytes):
            temp.write_bytes(data)
        else:
            with temp.open("w", encoding="utf-8", newline="\n") as fh:
                fh.write(data)


# --- text that goes where it could act -------------------------------------------------------

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection"):
# =, +, - and @, and tab or carriage return before them. A leading apostrophe makes it text.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
# Numbers are left as they are: a spreadsheet reads "-5" or "+0,5" as a number, not a formula.
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?")


def csv_cell(text: str) -> str:
    r"""A text cell for a CSV file that people open in a spreadsheet: never a formula.

    A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP recommends against
    CSV injection; a plain number such as ``-5`` is left as it is. Cells already starting with
    apostrophes before such a character get one more, so that
    [`csv_cell_read`][tthc._files.csv_cell_read] gives back exactly the text written.

    Examples:
        >>> csv_cell('=HYPERLINK("http://x")'), csv_cell("-5"), csv_cell("Tết")
        ('\'=HYPERLINK("http://x")', '-5', 'Tết')

    References:
        OWASP, "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection).
    """
    if _FORMULA_START.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell_read(text: str) -> str:
    """The text of a cell written by [`csv_cell`][tthc._files.csv_cell] (one apostrophe off).

    Examples:
        >>> csv_cell_read("'=1+1"), csv_cell_read("'Tết"), csv_cell_read("-5")
        ('=1+1', "'Tết", '-5')
    """
    if text.startswith("'") and _FORMULA_START.match(text[1:]) and not _NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


# Characters a terminal acts on, or that hide or fake lines: C0 and C1 controls (escape
# sequences, carriage return, backspace, new lines), the line and paragraph separators, and the
# format characters (bidirectional overrides, zero-width characters); lone surrogates, which
# cannot be written as UTF-8 at all.
def _shown_as_escape(char: str) -> bool:
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}


def terminal_text(text: str) -> str:
    r"""``text`` safe to print on a terminal as one piece of a line.

    Control and format characters (``\n``, ``\r``, ``ESC``, bidirectional overrides, …)
    are written as Python writes them in a string (``\n``, ``\x1b``, ``\u202e``), so a
    value from the data can neither move the cursor, change colours, nor start a line of its
    own that looks like a row. Everything else, Vietnamese included, is printed as it is.

    Examples:
        >>> print(terminal_text("Sở A\n  tổng  1000\x1b[2J"))
        Sở A\n  tổng  1000\x1b[2J
    """
    if text.isprintable():
        return text
    return "".join(repr(char)[1:-1] if _shown_as_escape(char) else char for char in text)
