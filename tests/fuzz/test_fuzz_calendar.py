"""Fuzz target: ``load_schedule``, the loader of official calendar schedules (issue 17).

Rule under test: any document, parsed or as a file, gives schedules or one
``CalendarDataError`` whose problems name the field and the value; never a bare ``ValueError``
(a year key "²⁰²⁷"), ``TypeError`` (a kind ``{}``) or ``KeyError``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pytest
from fuzzing import TOO_DEEP, deep, fuzz, hostile_texts, json_documents, json_values, outcome
from hypothesis import given
from hypothesis import strategies as st

from tthc.calendar import YearSchedule, load_schedule
from tthc.errors import CalendarDataError, InvalidValueError

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = "tthc.calendar/1"


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "date": "2027-01-01",
        "kind": "day_off",
        "name": "Tết Dương lịch",
        "source": "Thông báo (ví dụ)",
    }
    entry.update(changes)
    return entry


def _document(year: object = "2027", **entry: object) -> dict[object, Any]:
    return {
        "format": FORMAT,
        "years": {year: {"sources": ["Thông báo (ví dụ)"], "entries": [_entry(**entry)]}},
    }


def _problems(document: object) -> list[str]:
    with pytest.raises(CalendarDataError) as info:
        load_schedule(document)  # type: ignore[arg-type]
    return info.value.problems


class TestRegressions:
    """Reproducers from the issue: each raised a bare built-in error."""

    def test_superscript_year_key(self) -> None:
        """A year key "²⁰²⁷" (str.isdigit() is true, int() refuses it) is a problem."""
        assert _problems(_document("²⁰²⁷")) == [
            "$.years.²⁰²⁷: expected a four-digit year (ASCII digits) as the key, got '²⁰²⁷'"
        ]

    def test_kind_object(self) -> None:
        """A kind {} (unhashable) is a problem naming the field and the value."""
        [problem] = _problems(_document(kind={}))
        assert problem.startswith("$.years.2027.entries[0].kind: expected one of [")
        assert problem.endswith("got {}")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("kind", []),
            ("kind", 1),
            ("certainty", {}),
            ("certainty", ["confirmed"]),
            ("date", 20270101),
            ("date", ["2027-01-01"]),
            ("date", "２０２７-01-01"),
            ("name", {"vi": "Tết"}),
            ("note", 5),
        ],
        ids=repr,
    )
    def test_wrong_types_in_an_entry(self, field: str, value: object) -> None:
        """A value of the wrong type is a problem at its path, quoting the value."""
        [problem] = _problems(_document(**{field: value}))
        assert problem.startswith(f"$.years.2027.entries[0].{field}: expected ")
        assert problem.endswith(f"got {value!r}")

    @pytest.mark.parametrize("key", [2027, None, ("2027",), "2027\n- fake problem"], ids=repr)
    def test_keys_that_are_not_text(self, key: object) -> None:
        """A year key that is not four ASCII digits is one problem quoting it."""
        [problem] = _problems(_document(key))
        assert problem.endswith(f"got {key!r}")
        assert "\n" not in problem

    def test_unknown_keys_of_mixed_types(self) -> None:
        """Unknown keys of several types (a mapping given in Python) are all reported."""
        document = {**_document(), 1: "x", None: "y"}
        assert _problems(document) == ["$[1]: unknown key", "$[None]: unknown key"]

    def test_wrong_type_format_and_weekmask(self) -> None:
        """format and weekmask of the wrong type are problems quoting them."""
        assert _problems({**_document(), "format": [FORMAT], "weekmask": {"a": 1}}) == [
            f"$.format: expected {FORMAT!r}, got [{FORMAT!r}]",
            "$.weekmask: expected '1111100', got {'a': 1}",
        ]

    def test_deeply_nested_value(self) -> None:
        """A kind nested deeper than repr can go is described, not a RecursionError."""
        [problem] = _problems(_document(kind=deep(TOO_DEEP)))
        assert problem.endswith(" too large to show>")


def _schedule_documents() -> st.SearchStrategy[Any]:
    """Documents close to valid ones, with any JSON value swapped in at some places."""
    anything = json_values(max_leaves=6)
    entry = st.fixed_dictionaries(
        {},
        optional={
            "date": st.sampled_from(["2027-01-01", "2027-01-09", "2026-12-31"]) | anything,
            "kind": st.sampled_from(["day_off", "extra_working_day"]) | anything,
            "name": st.just("Tết") | anything,
            "source": st.just("Thông báo") | anything,
            "certainty": st.sampled_from(["confirmed", "predicted"]) | anything,
            "note": anything,
            "extra": anything,
        },
    )
    block = st.fixed_dictionaries(
        {},
        optional={
            "sources": st.just(["Thông báo"]) | anything,
            "entries": st.lists(entry | anything, max_size=4) | anything,
            "status": st.just("official") | anything,
            "notes": anything,
        },
    )
    years = st.dictionaries(
        st.sampled_from(["2027", "²⁰²⁷", "27", "0000", "9999", "2027 "]) | hostile_texts(8),
        block | anything,
        max_size=3,
    )
    return (
        st.fixed_dictionaries(
            {"format": st.just(FORMAT) | anything},
            optional={"years": years | anything, "weekmask": anything, "calendar": anything},
        )
        | anything
    )


def _check(document: Any) -> None:
    result = outcome(lambda: load_schedule(document))
    if isinstance(result, BaseException):
        if isinstance(document, (Mapping, str)):  # a document, or a file
            assert isinstance(result, CalendarDataError), result
            assert result.problems
        else:  # neither a path nor a mapping: the argument is refused
            assert isinstance(result, InvalidValueError), result
            assert result.field == "load_schedule(source)"
    else:
        assert all(isinstance(s, YearSchedule) for s in result)


class TestFuzz:
    """Any document gives schedules or a CalendarDataError."""

    @fuzz()
    @given(_schedule_documents())
    def test_parsed_documents(self, document: Any) -> None:
        """Parsed documents (mappings), close to valid ones."""
        _check(document)

    @fuzz(scale=1)
    @given(json_documents(_schedule_documents()))
    def test_files(self, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
        """Files: JSON text of such documents, sometimes cut short."""
        path: Path = tmp_path_factory.getbasetemp() / "schedule.json"
        path.write_text(text, encoding="utf-8")
        _check(str(path))


def test_valid_document_still_loads() -> None:
    """The checks refuse nothing valid: a correct document loads."""
    [schedule] = load_schedule(json.loads(json.dumps(_document())))
    assert schedule.year == 2027
    assert [e.name for e in schedule.entries] == ["Tết Dương lịch"]
