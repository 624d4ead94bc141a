"""Procedure records in and out (*dữ liệu thủ tục hành chính*): JSON, the national package, schema.

* [`load_procedures`][tthc.io.load_procedures] and
  [`dump_procedures`][tthc.io.dump_procedures]: the library's own JSON format (a JSON array of
  procedures, keys named like the attributes), exact in both directions;
* [`load_national`][tthc.io.national.load_national] and
  [`dump_national`][tthc.io.national.dump_national]: the national procedure package of the
  CSDLQG (``GoiTinThuTucQG``), in [`tthc.io.national`][tthc.io.national];
* [`procedures_schema`][tthc.io.schema.procedures_schema]: the JSON Schema of the library's own
  format, generated from the classes;
* [`load_processes`][tthc.io.processes.load_processes],
  [`dump_processes`][tthc.io.processes.dump_processes] and
  [`processes_schema`][tthc.io.processes.processes_schema]: internal processes (*quy trình nội
  bộ*) in [`tthc.io.processes`][tthc.io.processes];
* [`make_converter`][tthc.io.make_converter] and
  [`configure_converter`][tthc.io.configure_converter]: the cattrs converter behind them, for
  teams that extend the records.

The room sits at the edge of the house: it may import every domain room, and only the
command line imports it. Its other formats are [`tthc.io.dossiers`][tthc.io.dossiers] (dossiers,
and the DVCQG dossier sync), [`tthc.io.cpsv`][tthc.io.cpsv] (CPSV-AP linked data) and
``tthc.io.plans`` (simplification plans); the national formats share one wire machinery (keys,
converter, problem collection) in the private ``_wire`` module.

Loading is safe on untrusted input: the text is parsed by the standard ``json`` module (nothing
is executed, ``NaN`` and ``Infinity`` are refused), files over ``max_bytes`` (100 MB by default)
are refused before they are read, unknown keys are refused (the national formats, which real
senders fill in their own ways, set them aside with a warning unless ``strict=True``), and a
file with problems raises one [`LoadError`][tthc.errors.LoadError] that lists **all** of them
with their paths; nothing half-loaded is returned.

Examples:
    >>> from tthc.io import dump_procedures, load_procedures
    >>> text = '''[{"code": "1.000000", "name": "Thủ tục (ví dụ)",
    ...   "cases": [{"channels": [{"channel": 2, "processing_time": "3 ngày làm việc"}]}]}]'''
    >>> [p] = load_procedures(text)
    >>> p
    <Procedure 1.000000 'Thủ tục (ví dụ)' cases=1>
    >>> load_procedures(dump_procedures([p])) == [p]
    True
    >>> load_procedures('[{"code": "1.1193", "name": "", "cases": [{"channels": [{"channel": 4, '
    ...                 '"processing_time": "sớm"}]}], "colour": "red"}]')
    Traceback (most recent call last):
    ...
    tthc.errors.LoadError: could not load <JSON text>:
      - $[0].code: Procedure.code: expected a procedure code like '1.001193' (one digit, a dot, six digits), got '1.1193'
      - $[0].name: Procedure.name: expected a non-blank text, got ''
      - $[0].cases[0].channels[0].channel: expected one of 1 (IN_PERSON), 2 (ONLINE), 3 (POSTAL) (Channel), got 4
      - $[0].cases[0].channels[0].processing_time: Duration.parse(text): expected a processing time such as '5 ngày làm việc', '30 ngày', '04 giờ làm việc', '03 tháng' or 'trong ngày', got 'sớm'
      - $[0]: unknown keys 'colour' (not fields of Procedure)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, overload

from tthc.errors import InvalidValueError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    configure_converter,
    dump_json,
    make_converter,
    read_json,
    structure_all,
)
from tthc.io.national import dump_national, load_national, make_national_converter
from tthc.io.processes import dump_processes, load_processes, processes_schema
from tthc.io.schema import procedures_schema
from tthc.procedures import Procedure

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping

    import cattrs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "configure_converter",
    "dump_national",
    "dump_procedures",
    "dump_processes",
    "load_national",
    "load_procedures",
    "load_processes",
    "make_converter",
    "make_national_converter",
    "procedures_schema",
    "processes_schema",
]

P = TypeVar("P", bound=Procedure)

# The one converter behind load_procedures and dump_procedures (built once: cattrs caches the
# generated functions on it).
_CONVERTER = make_converter()


@overload
def load_procedures(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Procedure]: ...


@overload
def load_procedures(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    cls: type[P],
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[P]: ...


def load_procedures(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    cls: type[Any] = Procedure,
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Any]:
    """Load procedures (*thủ tục hành chính*) from the library's JSON format.

    The format is a JSON array of procedures whose keys are the attribute names; values use the
    hooks of [`configure_converter`][tthc.io.configure_converter] (amounts as decimal strings,
    dates as ``YYYY-MM-DD``, processing times as text like ``"5 ngày làm việc"``, channels by
    national code). Fields at their default may be left out. The JSON Schema is
    [`procedures_schema`][tthc.io.schema.procedures_schema].

    Args:
        source: A path to a file, JSON text (a ``str`` or ``bytes`` that starts with ``[``
            after blanks), or an iterable of already parsed records (dicts).
        cls: The record class, for a subclass of ``Procedure`` (see the how-to "Extend
            procedures").
        converter: The converter to use (default: one built by
            [`make_converter`][tthc.io.make_converter]); pass your own when your subclass needs
            hooks of its own.
        max_bytes: Files larger than this (text longer than this) are refused before being
            read. Default: 100 MB.

    Returns:
        The procedures, in file order.

    Raises:
        LoadError: The input cannot be read, is too large, is not JSON, or has invalid records;
            ``.problems`` lists every problem with its path (``$[3].cases[0].channels[1]
            .processing_time: …``). Nothing is returned from a bad input.
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    data, name = read_json(source, max_bytes=max_bytes)
    c = _CONVERTER if converter is None else converter
    result: list[Any] = structure_all(c, data, list[cls], name)  # type: ignore[valid-type]
    return result


def dump_procedures(
    procedures: Iterable[Procedure],
    path: str | os.PathLike[str] | None = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = 2,
) -> str:
    r"""Write procedures (*thủ tục hành chính*) in the library's JSON format.

    Each record is written as its own class (a subclass keeps its extra fields). Vietnamese
    text is written as is (UTF-8, not ``\\u`` escapes). Reading the text back with
    [`load_procedures`][tthc.io.load_procedures] gives equal records.

    Args:
        procedures: The procedures.
        path: If given, the file to write (replaced atomically: a reader never sees half a
            file).
        converter: The converter to use (default: one built by ``make_converter``).
        indent: Indentation of the JSON text; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is not a ``Procedure``.
        OSError: The file cannot be written.

    Examples:
        >>> from tthc.procedures import Procedure, ProcedureCase
        >>> print(dump_procedures([Procedure(code="1.000000", name="Thủ tục (ví dụ)",
        ...                                  cases=[ProcedureCase()])], indent=None))
        [{"code": "1.000000", "name": "Thủ tục (ví dụ)", "cases": [{}]}]
    """
    c = _CONVERTER if converter is None else converter
    data = []
    for index, procedure in enumerate(procedures):
        if not isinstance(procedure, Procedure):
            raise InvalidValueError(
                f"dump_procedures(procedures)[{index}]", procedure, "a tthc.Procedure"
            )
        data.append(c.unstructure(procedure, unstructure_as=type(procedure)))
    return dump_json(data, path, indent=indent)
