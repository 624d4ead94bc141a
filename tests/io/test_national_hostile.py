"""The national procedure package under hostile input (issue 17).

Rule under test: a number longer than Python will convert (4,301 digits: ``int()`` raises a bare
``ValueError``) is a problem of the ``LoadError``, at its path.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tthc.errors import LoadError
from tthc.io.national import load_national

PACKAGE: dict[str, Any] = {
    "MaTTHC": "0.000001",
    "TENTTHC": "Thủ tục (ví dụ)",
    "THANHPHANHOSO": [{"TRUONGHOP": "", "GIAYTO": [{"TENGIAYTO": "Tờ khai", "SOBANCHINH": "1"}]}],
}


def _with_originals(value: object) -> dict[str, Any]:
    package = json.loads(json.dumps(PACKAGE))
    package["THANHPHANHOSO"][0]["GIAYTO"][0]["SOBANCHINH"] = value
    return package


def test_count_of_4301_digits() -> None:
    """SOBANCHINH of 4,301 digits (as text): one problem at its path."""
    with pytest.raises(LoadError) as info:
        load_national(json.dumps(_with_originals("9" * 4301)))
    [problem] = info.value.problems
    assert problem.startswith(
        "$.THANHPHANHOSO[0].GIAYTO[0].SOBANCHINH: expected a number of papers such as '1', "
        "got '999"
    )
    assert problem.endswith("(4,301 characters)")


def test_integer_of_4301_digits_in_a_parsed_package() -> None:
    """An integer of 4,301 digits where text is expected (a parsed package) is a problem."""
    with pytest.raises(LoadError) as info:
        load_national(_with_originals(10**4300))
    assert info.value.problems == [
        (
            "$.THANHPHANHOSO[0].GIAYTO[0].SOBANCHINH: expected a whole number of at most 4,300 "
            "digits, got <an integer of 4,301 digits>"
        )
    ]


def test_json_number_of_4301_digits() -> None:
    """A JSON number of 4,301 digits is a problem of the JSON text."""
    with pytest.raises(LoadError, match="4300"):
        load_national(json.dumps(PACKAGE).replace('"1"', "9" * 4301))


def test_normal_count_still_loads() -> None:
    """A count such as "2" is read."""
    [procedure] = load_national(_with_originals("2"))
    assert procedure.cases[0].components[0].originals == 2
