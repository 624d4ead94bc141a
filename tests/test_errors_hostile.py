"""Errors under hostile input: notes survive pickling, messages stay bounded.

Rules under test (issue 17): an error keeps the notes added with ``add_note`` across pickling
(multiprocessing and Dask workers pickle errors); a message quoting a huge or unprintable value
stays short; a load with a very large number of problems keeps the first ones and says how many
more there were.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys

import pytest

from tthc import errors
from tthc.errors import (
    MAX_PROBLEM_CHARS,
    MAX_PROBLEMS,
    MAX_SHOWN_CHARS,
    CalendarDataError,
    CalendarError,
    DurationParseError,
    InvalidTransitionError,
    InvalidValueError,
    LoadError,
    MissingExtraError,
    OutOfCalendarRangeError,
    SuccessionError,
    TthcError,
    UnitError,
    UnitValidityError,
    UnknownCodeError,
)

# One example of every exception class of tthc.errors.
EXAMPLES: dict[type[TthcError], TthcError] = {
    TthcError: TthcError("something failed"),
    InvalidValueError: InvalidValueError("Duration.value", -3, "a whole number >= 0"),
    DurationParseError: DurationParseError("năm ngày"),
    CalendarError: CalendarError("no answer"),
    OutOfCalendarRangeError: OutOfCalendarRangeError(dt.date(2031, 1, 5), 2019, 2026),
    InvalidTransitionError: InvalidTransitionError(9, 4),
    LoadError: LoadError("plans.csv", ["row 2: bad"]),
    CalendarDataError: CalendarDataError("lich.json", ["$.years: bad"]),
    MissingExtraError: MissingExtraError("numpy", "numpy", "tthc.compute_deadlines"),
    UnitError: UnitError("no such unit"),
    UnknownCodeError: UnknownCodeError("99"),
    UnitValidityError: UnitValidityError("01", dt.date(2026, 1, 1), [("Hà Nội", None, None)]),
    SuccessionError: SuccessionError("02", "Hà Giang", dt.date(2025, 6, 30), ["08"]),
}


def test_every_error_class_has_an_example() -> None:
    """The examples cover every exception class the module exports."""
    classes = {
        value
        for name in errors.__all__
        if isinstance(value := getattr(errors, name), type) and issubclass(value, TthcError)
    }
    assert classes == set(EXAMPLES)


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_notes_survive_pickling(cls: type[TthcError], protocol: int) -> None:
    """Notes added to an error come back after a pickle round trip, with its message."""
    err = pickle.loads(pickle.dumps(EXAMPLES[cls]))  # noqa: S301 - our own bytes
    err.add_note("while loading row 7")
    err.add_note("in worker 3")
    back = pickle.loads(pickle.dumps(err, protocol=protocol))  # noqa: S301 - our own bytes
    assert type(back) is cls
    assert back.__notes__ == ["while loading row 7", "in worker 3"]
    assert str(back) == str(err)
    assert back.args == err.args


def test_error_without_notes_pickles_without_them() -> None:
    """An error without notes has none after pickling either."""
    back = pickle.loads(pickle.dumps(InvalidValueError("f(x)", 1, "2")))  # noqa: S301
    assert not hasattr(back, "__notes__")


class TestShownValues:
    """A refused value is quoted in full when short, cut when long, described when unprintable."""

    def test_long_text_is_cut_and_counted(self) -> None:
        """A 1 MB text in an InvalidValueError gives a short message; the attribute keeps it."""
        text = "5 " * 500_000
        err = InvalidValueError("Duration.parse(text)", text, "a short text")
        assert err.value == text
        assert len(str(err)) < 3 * MAX_SHOWN_CHARS
        assert str(err).endswith("(1,000,000 characters)")
        assert str(err).startswith("Duration.parse(text): expected a short text, got '5 5 5 ")

    def test_integer_too_long_to_print(self) -> None:
        """An integer over Python's 4,300-digit print limit is described by its digits."""
        value = 10**4_300  # 4,301 digits: repr() raises ValueError
        with pytest.raises(ValueError, match="4300"):
            repr(value)
        err = InvalidValueError("count", value, "a small number")
        assert str(err) == "count: expected a small number, got <an integer of 4,301 digits>"

    @pytest.mark.parametrize(
        ("value", "digits"),
        [(10**3000 - 1, 3000), (-(10**3000), 3001)],
        ids=["nines-below-a-power", "minus-a-power"],
    )
    def test_integer_digits_are_exact(self, value: int, digits: int) -> None:
        """The digit count is exact on both sides of a power of ten (oracle: the literal)."""
        assert f"<an integer of {digits:,} digits>" in str(InvalidValueError("n", value, "x"))

    def test_container_holding_an_unprintable_integer(self) -> None:
        """A list holding an unprintable integer is described by its type."""
        err = InvalidValueError("f(x)", [10**5_000], "a list of small numbers")
        assert str(err).endswith("got <a list too large to show>")

    def test_deeply_nested_value(self) -> None:
        """A structure too deep for repr is described by its type, not a RecursionError."""
        deep: list[object] = []
        for _ in range(sys.getrecursionlimit() * 2):
            deep = [deep]
        err = InvalidValueError("extensions", deep, "data nested at most 64 deep")
        assert str(err).endswith("got <a list too large to show>")

    def test_short_values_are_unchanged(self) -> None:
        """A value with a short repr is quoted exactly as repr writes it."""
        value = "x" * (MAX_SHOWN_CHARS - 2)
        assert str(InvalidValueError("f", value, "y")) == f"f: expected y, got {value!r}"


class TestProblemCap:
    """A load keeps MAX_PROBLEMS problems and counts the others."""

    def test_cap_and_count(self) -> None:
        """100,000 problems: the first MAX_PROBLEMS are kept, the message counts the rest."""
        err = LoadError("dossiers.csv", (f"row {i}: bad" for i in range(100_000)))
        assert err.problems == [f"row {i}: bad" for i in range(MAX_PROBLEMS)]
        assert err.more_problems == 100_000 - MAX_PROBLEMS
        assert str(err).endswith(f"\n  … and {100_000 - MAX_PROBLEMS:,} more problems")
        assert len(str(err)) < 100 * MAX_PROBLEMS

    def test_one_more_problem_is_singular(self) -> None:
        """One problem over the cap reads 'problem', not 'problems'."""
        err = LoadError("x", ["bad"] * (MAX_PROBLEMS + 1))
        assert str(err).endswith("\n  … and 1 more problem")

    def test_at_the_cap_nothing_is_counted(self) -> None:
        """Exactly MAX_PROBLEMS problems are all kept, with no count line."""
        err = LoadError("x", ["bad"] * MAX_PROBLEMS)
        assert err.more_problems == 0
        assert "more problem" not in str(err)

    def test_long_line_is_cut(self) -> None:
        """A 2 MB problem line is cut, with its length said."""
        err = LoadError("x", ["$.header: unknown column " + "c" * 2_000_000])
        assert len(err.problems[0]) < MAX_PROBLEM_CHARS + 40
        assert err.problems[0].endswith("(2,000,025 characters)")

    def test_pickle_keeps_the_count(self) -> None:
        """The count of left-out problems survives pickling."""
        err = CalendarDataError("x", ["bad"] * (MAX_PROBLEMS + 5))
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert (back.problems, back.more_problems, str(back)) == (
            err.problems,
            5,
            str(err),
        )
