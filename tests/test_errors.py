"""The error hierarchy (STYLE.md §4): messages, inheritance and pickling.

Rule under test: every error builds its message once from its attributes
(``"{Owner}.{field}: expected {expected}, got {value!r}"`` for invalid values), inherits the
built-in exception that users already catch, and survives pickling with its type, attributes and
message.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re

import attrs
import pytest

import tthc
from tthc.calendar import CalendarEntry
from tthc.errors import (
    CalendarDataError,
    CalendarError,
    DurationParseError,
    InferredValueWarning,
    InvalidTransitionError,
    InvalidValueError,
    LoadError,
    OutOfCalendarRangeError,
    ProvisionalCalendarWarning,
    TthcError,
    TthcWarning,
    UnknownFieldWarning,
)


class TestMessages:
    """Each error's message names what went wrong, from its attributes."""

    def test_tthc_error(self) -> None:
        """The base error keeps the message it is given."""
        assert str(TthcError("something failed")) == "something failed"

    def test_invalid_value(self) -> None:
        """InvalidValueError reads 'field: expected ..., got repr(value)'."""
        err = InvalidValueError("Duration.value", -3, "a whole number >= 0")
        assert str(err) == "Duration.value: expected a whole number >= 0, got -3"
        assert (err.field, err.value, err.expected) == (
            "Duration.value",
            -3,
            "a whole number >= 0",
        )

    def test_invalid_value_quotes_text_with_repr(self) -> None:
        """A text value is quoted with repr, so blanks and types show."""
        err = InvalidValueError("f(x)", " ", "a non-blank text")
        assert str(err) == "f(x): expected a non-blank text, got ' '"

    def test_for_attribute_names_owner_and_field(self) -> None:
        """for_attribute builds the field name as Owner.attribute."""
        instance = object.__new__(CalendarEntry)
        attribute = attrs.fields(CalendarEntry).name
        err = InvalidValueError.for_attribute(instance, attribute, "", "a non-blank text")
        assert type(err) is InvalidValueError
        assert err.field == "CalendarEntry.name"
        assert str(err) == "CalendarEntry.name: expected a non-blank text, got ''"

    def test_duration_parse_error(self) -> None:
        """DurationParseError names Duration.parse(text), quotes the text and gives examples."""
        err = DurationParseError("năm ngày")
        assert err.field == "Duration.parse(text)"
        assert err.text == "năm ngày"
        assert err.value == "năm ngày"
        assert str(err).startswith("Duration.parse(text): expected a processing time such as ")
        assert "'5 ngày làm việc'" in str(err)
        assert str(err).endswith(", got 'năm ngày'")

    def test_duration_parse_error_custom_expected(self) -> None:
        """DurationParseError accepts a specific expectation."""
        err = DurationParseError("5 tuần", "a unit among ngày, giờ, tháng")
        assert (
            str(err)
            == "Duration.parse(text): expected a unit among ngày, giờ, tháng, got '5 tuần'"
        )

    def test_out_of_calendar_range(self) -> None:
        """OutOfCalendarRangeError names the day, the years and how to get an answer."""
        err = OutOfCalendarRangeError(dt.date(2031, 1, 5), 2019, 2026)
        assert (err.day, err.first_year, err.last_year) == (dt.date(2031, 1, 5), 2019, 2026)
        assert str(err) == (
            "2031-01-05 is outside the calendar's data (2019\N{EN DASH}2026); build a calendar "
            "that covers that year or load its official schedule (see the how-to 'Add next "
            "year's calendar')"
        )

    def test_out_of_calendar_range_custom_hint(self) -> None:
        """A custom hint replaces the default fix in the message."""
        err = OutOfCalendarRangeError(
            dt.date(2031, 1, 5), 2019, 2026, "pass allow_provisional=True"
        )
        assert err.hint == "pass allow_provisional=True"
        assert str(err) == (
            "2031-01-05 is outside the calendar's data (2019\N{EN DASH}2026); "
            "pass allow_provisional=True"
        )

    def test_invalid_transition(self) -> None:
        """InvalidTransitionError names both statuses with repr."""
        err = InvalidTransitionError("RESOLVED", "PROCESSING")
        assert (err.current, err.requested) == ("RESOLVED", "PROCESSING")
        assert str(err) == "a dossier in status 'RESOLVED' cannot move to 'PROCESSING'"

    @pytest.mark.parametrize("cls", [LoadError, CalendarDataError])
    def test_load_error_lists_every_problem(self, cls: type[LoadError]) -> None:
        """LoadError and CalendarDataError name the source and list each problem on a line."""
        err = cls("lich.json", iter(["$.a: bad", "$.b: worse"]))
        assert err.source == "lich.json"
        assert err.problems == ["$.a: bad", "$.b: worse"]
        assert str(err) == "could not load lich.json:\n  - $.a: bad\n  - $.b: worse"


class TestHierarchy:
    """Errors inherit what users already catch."""

    @pytest.mark.parametrize(
        ("cls", "bases"),
        [
            pytest.param(InvalidValueError, (TthcError, ValueError), id="invalid-value"),
            pytest.param(
                DurationParseError, (InvalidValueError, TthcError, ValueError), id="parse"
            ),
            pytest.param(CalendarError, (TthcError,), id="calendar"),
            pytest.param(
                OutOfCalendarRangeError, (CalendarError, LookupError, TthcError), id="range"
            ),
            pytest.param(LoadError, (TthcError,), id="load"),
            pytest.param(CalendarDataError, (LoadError, CalendarError, TthcError), id="data"),
            pytest.param(InvalidTransitionError, (TthcError,), id="transition"),
            pytest.param(TthcError, (Exception,), id="base"),
        ],
    )
    def test_subclass_of(self, cls: type, bases: tuple[type, ...]) -> None:
        """Each error class is a subclass of the documented bases."""
        for base in bases:
            assert issubclass(cls, base), base

    def test_not_subclass_of(self) -> None:
        """Unrelated branches stay apart."""
        assert not issubclass(OutOfCalendarRangeError, ValueError)
        assert not issubclass(LoadError, CalendarError)
        assert not issubclass(InvalidValueError, CalendarError)

    def test_warnings(self) -> None:
        """ProvisionalCalendarWarning is a TthcWarning and a UserWarning, not an error."""
        assert issubclass(ProvisionalCalendarWarning, TthcWarning)
        assert issubclass(TthcWarning, UserWarning)
        assert not issubclass(ProvisionalCalendarWarning, TthcError)
        for cls in (UnknownFieldWarning, InferredValueWarning):
            assert issubclass(cls, TthcWarning)
            assert not issubclass(cls, TthcError)


ERRORS = [
    pytest.param(TthcError("something failed"), {}, id="TthcError"),
    pytest.param(
        InvalidValueError("Duration.value", -3, "a whole number >= 0"),
        {"field": "Duration.value", "value": -3, "expected": "a whole number >= 0"},
        id="InvalidValueError",
    ),
    pytest.param(
        DurationParseError("năm ngày"),
        {"field": "Duration.parse(text)", "value": "năm ngày", "text": "năm ngày"},
        id="DurationParseError",
    ),
    pytest.param(
        DurationParseError("5 tuần", "a known unit"),
        {"value": "5 tuần", "expected": "a known unit"},
        id="DurationParseError-expected",
    ),
    pytest.param(
        OutOfCalendarRangeError(dt.date(2031, 1, 5), 2019, 2026),
        {"day": dt.date(2031, 1, 5), "first_year": 2019, "last_year": 2026},
        id="OutOfCalendarRangeError",
    ),
    pytest.param(
        OutOfCalendarRangeError(dt.date(2031, 1, 5), 2019, 2026, "pass allow_provisional=True"),
        {"hint": "pass allow_provisional=True"},
        id="OutOfCalendarRangeError-hint",
    ),
    pytest.param(
        CalendarDataError("lich.json", ["$.a: bad", "$.b: worse"]),
        {"source": "lich.json", "problems": ["$.a: bad", "$.b: worse"]},
        id="CalendarDataError",
    ),
    pytest.param(
        LoadError("<mapping>", ["$[0]: bad"]),
        {"source": "<mapping>", "problems": ["$[0]: bad"]},
        id="LoadError",
    ),
    pytest.param(
        InvalidTransitionError(9, 4),
        {"current": 9, "requested": 4},
        id="InvalidTransitionError",
    ),
]


@pytest.mark.parametrize(("err", "attributes"), ERRORS)
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(err: TthcError, attributes: dict[str, object], protocol: int) -> None:
    """Pickling keeps the error's type, its attributes and its message."""
    back = pickle.loads(pickle.dumps(err, protocol=protocol))  # noqa: S301 - our own bytes
    assert type(back) is type(err)
    assert str(back) == str(err)
    assert back.args == err.args
    for name, value in attributes.items():
        assert getattr(back, name) == value, name
        assert getattr(err, name) == value, name


@pytest.mark.parametrize("cls", [UnknownFieldWarning, InferredValueWarning])
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_input_warnings(cls: type[UnknownFieldWarning], protocol: int) -> None:
    """The input warnings list one line per place, like a LoadError, and survive pickling."""
    warning = cls("payloads.json", ["$[0]: 'acceptKey'", "$[2]: 'statusId'"])
    assert str(warning).startswith("payloads.json: ")
    assert str(warning).endswith(":\n  - $[0]: 'acceptKey'\n  - $[2]: 'statusId'")
    back = pickle.loads(pickle.dumps(warning, protocol=protocol))  # noqa: S301 - our own bytes
    assert type(back) is cls
    assert (back.source, back.items, str(back)) == (warning.source, warning.items, str(warning))


@pytest.mark.parametrize(
    ("make", "code", "field"),
    [
        (tthc.DossierStatus, 11, "DossierStatus(code)"),
        (tthc.Channel, 4, "Channel(code)"),
        (tthc.ApplicantType, 0, "ApplicantType(code)"),
        (tthc.ProcedureType, 9, "ProcedureType(code)"),
        (tthc.LegacyLevel, 5, "LegacyLevel(code)"),
    ],
)
def test_unknown_national_code(make: object, code: int, field: str) -> None:
    """A national code the list does not have raises InvalidValueError naming the enum and code."""
    with pytest.raises(tthc.InvalidValueError, match=re.escape(repr(code))) as info:
        make(code)  # type: ignore[operator]
    assert info.value.field == field
    assert isinstance(info.value, ValueError)
