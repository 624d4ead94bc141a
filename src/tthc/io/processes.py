"""Internal processes (*quy trình nội bộ*) in and out: the library's JSON format and its schema.

* [`load_processes`][tthc.io.processes.load_processes] and
  [`dump_processes`][tthc.io.processes.dump_processes]: a JSON array of
  [`InternalProcess`][tthc.procedures.InternalProcess] records, keys named like the attributes,
  exact in both directions;
* [`processes_schema`][tthc.io.processes.processes_schema]: its JSON Schema (draft 2020-12), as
  ``tthc schema processes`` prints it.

Values use the hooks of [`configure_converter`][tthc.io.configure_converter]: budgets and the
processing time as text (``"0,5 ngày làm việc"``, ``"4 giờ làm việc"``), roles by their English
value (``"appraise"``); a step whose time is not counted is written ``"Không tính thời gian"``
(read also from ``"Giờ hành chính"`` or ``null``: ``budget=None``). A file with problems raises one [`LoadError`][tthc.errors.LoadError] that
lists them all, the budgets that exceed the processing time among them.

Examples:
    >>> text = '''[{"procedure_code": "0.000001", "processing_time": "2 ngày làm việc",
    ...   "receiving_unit": {"agency": "VD.SO", "department": "Bộ phận Một cửa"},
    ...   "lead_agency": "VD.SO", "source": "EXAMPLE: invented",
    ...   "phases": [{"steps": [{"name": "Thẩm định", "unit": {"agency": "VD.SO"},
    ...                          "role": "appraise", "budget": "1,5 ngày làm việc"}]},
    ...              {"steps": [{"name": "Trả kết quả", "unit": {"agency": "VD.SO"},
    ...                          "role": "return", "budget": "4 giờ làm việc"}]}]}]'''
    >>> [p] = load_processes(text)
    >>> str(p.planned_time)
    '2 ngày làm việc'
    >>> load_processes(dump_processes([p])) == [p]
    True
    >>> load_processes(text.replace("4 giờ", "5 giờ").replace('"appraise"', '"think"'))
    Traceback (most recent call last):
    ...
    tthc.errors.LoadError: could not load <JSON text>:
      - $[0].phases[0].steps[0].role: expected one of 'receive' (RECEIVE), 'transfer' (TRANSFER), 'appraise' (APPRAISE), 'consult' (CONSULT), 'review' (REVIEW), 'approve' (APPROVE), 'issue' (ISSUE), 'return' (RETURN), 'other' (OTHER) (StepRole), got 'think'
    >>> load_processes(text.replace("4 giờ", "5 giờ"))
    Traceback (most recent call last):
    ...
    tthc.errors.LoadError: could not load <JSON text>:
      - $[0].phases: InternalProcess.phases: expected step budgets that add up to at most the processing time, 2 ngày làm việc, got "'Thẩm định' 1,5 ngày làm việc + 'Trả kết quả' 5 giờ làm việc = 17 giờ làm việc"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tthc.errors import InvalidValueError
from tthc.io._converter import (
    DEFAULT_MAX_BYTES,
    dump_json,
    make_converter,
    read_json,
    structure_all,
)
from tthc.procedures import InternalProcess

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping

    import cattrs

__all__ = ["dump_processes", "load_processes", "processes_schema"]

# The one converter behind load_processes and dump_processes.
_CONVERTER = make_converter()


def load_processes(
    source: str | bytes | os.PathLike[str] | Iterable[Mapping[str, Any]],
    *,
    converter: cattrs.Converter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[InternalProcess]:
    """Load internal processes (*quy trình nội bộ*) from the library's JSON format.

    Args:
        source: A path, JSON text (starting with ``[``), or already parsed records (dicts).
        converter: The converter (default: one built by
            [`make_converter`][tthc.io.make_converter]).
        max_bytes: Larger inputs are refused before being read (default 100 MB).

    Returns:
        The processes, in file order.

    Raises:
        LoadError: The input cannot be read or has invalid values; ``.problems`` lists every
            problem with its path (``$[0].phases[1].steps[0].budget: …``), budgets that exceed
            the processing time included (``$[0].phases: …``, naming the steps).
        InvalidValueError: ``source`` or ``max_bytes`` is of the wrong type.
    """
    data, name = read_json(source, max_bytes=max_bytes)
    c = _CONVERTER if converter is None else converter
    result: list[InternalProcess] = structure_all(c, data, list[InternalProcess], name)
    return result


def dump_processes(
    processes: Iterable[InternalProcess],
    path: str | os.PathLike[str] | None = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = 2,
) -> str:
    """Write internal processes as a JSON array; [`load_processes`][tthc.io.processes.load_processes] reads them back equal.

    Args:
        processes: The processes.
        path: If given, the file to write (replaced atomically).
        converter: The converter (default: ``make_converter()``).
        indent: Indentation; ``None`` for the most compact text.

    Returns:
        The JSON text (also written to ``path`` when given).

    Raises:
        InvalidValueError: An item is not an ``InternalProcess``.
        OSError: The file cannot be written.
    """
    c = _CONVERTER if converter is None else converter
    data = []
    for index, process in enumerate(processes):
        if not isinstance(process, InternalProcess):
            raise InvalidValueError(
                f"dump_processes(processes)[{index}]", process, "an InternalProcess"
            )
        data.append(c.unstructure(process, unstructure_as=type(process)))
    return dump_json(data, path, indent=indent)


def processes_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a file of internal processes (*quy trình nội bộ*).

    The schema checks shapes and formats; the loader also checks that the step budgets fit the
    processing time, that step names differ and that the lead agency holds a step.

    Examples:
        >>> schema = processes_schema()
        >>> schema["items"]["$ref"], schema["$defs"]["ProcessStep"]["required"]
        ('#/$defs/InternalProcess', ['name', 'unit', 'budget'])
    """
    from tthc.io.schema import schema_for  # noqa: PLC0415 - the generator imports io modules

    schema = schema_for(
        InternalProcess,
        title="tthc internal processes",
        description="Internal processes (quy trình nội bộ) in the JSON format of "
        "tthc.io.processes.load_processes / dump_processes.",
    )
    # A step's budget also takes the texts of a step whose time is not counted.
    budget = schema["$defs"]["ProcessStep"]["properties"]["budget"]
    budget["anyOf"][0]["description"] = (
        "A step's time as text, read by tthc.procedures.parse_budget: '0,5 ngày làm việc', "
        "'04 giờ làm việc', or 'Không tính thời gian' / 'Giờ hành chính' (also null) for a "
        "step whose time is not counted."
    )
    return schema
