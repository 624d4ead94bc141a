"""The cattrs converter under hostile input (issue 17).

Rules under test: every bad value becomes a problem of one ``LoadError`` (never a bare
``ValueError``, ``TypeError`` or ``OverflowError``); reading bad records costs about what reading
good ones does (type hints are read once per class, problems beyond ``MAX_PROBLEMS`` are only
counted); JSON data in ``extensions`` is bounded so that what loads can be pickled and written
back.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys
import typing
from typing import TYPE_CHECKING, Any

import pytest

from tthc.errors import MAX_PROBLEMS, InvalidValueError, LoadError
from tthc.io import dump_procedures, load_procedures, make_converter
from tthc.io._converter import MAX_JSON_DEPTH, structure_wire_text
from tthc.procedures import Channel, Component

if TYPE_CHECKING:
    from types import FrameType

GOOD: dict[str, Any] = {
    "code": "1.000000",
    "name": "Thủ tục (ví dụ)",
    "cases": [{"channels": [{"channel": 2, "processing_time": "3 ngày làm việc"}]}],
}
BAD: dict[str, Any] = {**GOOD, "code": "1.1", "name": ""}


def _nested(depth: int) -> Any:
    """JSON data of ``depth`` levels: objects and arrays alternating, ``1`` inside."""
    value: Any = 1
    for level in range(depth):
        value = {"a": value} if level % 2 else [value]
    return value


def _load_problems(records: list[dict[str, Any]]) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_procedures(records)
    return info.value


class TestBadRecordsCost:
    """Bad records are reported without re-reading type hints and with a bounded list."""

    def test_type_hints_read_once_per_class(self) -> None:
        """Loading 300 bad records calls typing.get_type_hints at most once per class."""
        calls: list[object] = []
        code = typing.get_type_hints.__code__

        def profile(frame: FrameType, event: str, _arg: object) -> None:
            if event == "call" and frame.f_code is code:
                calls.append(frame.f_locals.get("obj"))

        # Warm up: the first load may read each class's hints once.
        _load_problems([BAD])
        sys.setprofile(profile)
        try:
            _load_problems([BAD] * 300)
        finally:
            sys.setprofile(None)
        assert calls == []

    def test_empty_records(self) -> None:
        """[{}] * 2,000: MAX_PROBLEMS problems listed, the others counted (3 per record)."""
        err = _load_problems([{}] * 2_000)
        assert err.problems[:3] == [
            "$[0].code: required key missing",
            "$[0].name: required key missing",
            "$[0].cases: required key missing",
        ]
        assert len(err.problems) == MAX_PROBLEMS
        assert err.more_problems == 3 * 2_000 - MAX_PROBLEMS
        assert str(err).endswith(f"… and {3 * 2_000 - MAX_PROBLEMS:,} more problems")

    def test_cause_keeps_only_the_listed_records(self) -> None:
        """The cause holds the errors of the records listed, not of every bad record."""
        err = _load_problems([{}] * 2_000)
        cause = err.__cause__
        assert isinstance(cause, ExceptionGroup)
        assert len(cause.exceptions) == (MAX_PROBLEMS + 2) // 3

    def test_good_records_between_bad_ones(self) -> None:
        """Problems keep their record's index when good records sit between bad ones."""
        err = _load_problems([GOOD, BAD, GOOD, {**GOOD, "name": " "}])
        assert [p.split(":")[0] for p in err.problems] == ["$[1].code", "$[1].name", "$[3].name"]


class TestExtensions:
    """JSON data in Procedure.extensions is bounded on load."""

    def test_deepest_allowed_loads_and_pickles(self) -> None:
        """Data nested MAX_JSON_DEPTH levels (the extensions object included) loads and pickles."""
        [procedure] = load_procedures([{**GOOD, "extensions": {"k": _nested(MAX_JSON_DEPTH - 1)}}])
        assert pickle.loads(pickle.dumps(procedure)) == procedure  # noqa: S301 - our own bytes
        assert load_procedures(dump_procedures([procedure])) == [procedure]

    @pytest.mark.parametrize("depth", [MAX_JSON_DEPTH, 450, 5_000])
    def test_deeper_is_refused(self, depth: int) -> None:
        """Deeper data is one problem at $[0].extensions (at 450 it loaded but did not pickle)."""
        err = _load_problems([{**GOOD, "extensions": {"k": _nested(depth)}}])
        [problem] = err.problems
        assert problem.startswith(
            f"$[0].extensions: expected JSON data nested at most {MAX_JSON_DEPTH} levels deep, "
        )

    def test_structure_containing_itself(self) -> None:
        """A dict that contains itself (given in Python) is refused, not walked forever."""
        loop: dict[str, Any] = {}
        loop["self"] = loop
        [problem] = _load_problems([{**GOOD, "extensions": loop}]).problems
        assert problem.startswith("$[0].extensions: expected JSON data nested at most")

    def test_integer_too_long_to_write(self) -> None:
        """An integer of 4,301 digits in extensions is refused: it could not be written back."""
        [problem] = _load_problems([{**GOOD, "extensions": {"n": [10**4300]}}]).problems
        assert problem == (
            "$[0].extensions: expected whole numbers of at most 4,300 digits, "
            "got <an integer of 4,301 digits>"
        )


class TestHooks:
    """Each hook refuses what it cannot read with an InvalidValueError, never a built-in error."""

    @pytest.mark.parametrize(
        ("value", "target"),
        [
            ("9999-12-31T23:00:00-05:00", dt.datetime),  # year 10000 in Vietnam time
            ("0001-01-01T00:00:00+08:00", dt.datetime),  # year 0 in Vietnam time
            (
                dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
                dt.datetime,
            ),
            (10**400, float),
            ([], Channel),
            ({}, Channel),
            (10**4300, int),
        ],
        ids=[
            "after-9999",
            "before-1",
            "aware-after-9999",
            "float-overflow",
            "list-enum",
            "dict-enum",
            "long-int",
        ],
    )
    def test_refused_as_invalid_value(self, value: object, target: type) -> None:
        """The value is refused with an InvalidValueError."""
        with pytest.raises(InvalidValueError):
            make_converter().structure(value, target)

    def test_component_count_of_4301_digits(self) -> None:
        """A count of 4,301 digits (from Python records) is a problem at its path."""
        record = {**GOOD, "cases": [{"components": [{"name": "Tờ khai", "originals": 10**4300}]}]}
        [problem] = _load_problems([record]).problems
        assert problem.startswith(
            "$[0].cases[0].components[0].originals: expected a whole number of at most 4,300 digits"
        )
        assert Component(name="x", originals=2).originals == 2

    def test_wire_text_of_4301_digits(self) -> None:
        """The national formats' text hook refuses a whole number too long to print."""
        with pytest.raises(InvalidValueError, match="at most 4,300 digits"):
            structure_wire_text(10**4300, str)
        assert structure_wire_text(10**4299, str) == "1" + "0" * 4299

    def test_unknown_key_too_long_to_print(self) -> None:
        """An unknown key that is an integer too long to print is described, not printed."""
        [problem] = _load_problems([{**GOOD, 10**4300: 1}]).problems
        assert (
            problem == "$[0]: unknown keys <an integer of 4,301 digits> (not fields of Procedure)"
        )
