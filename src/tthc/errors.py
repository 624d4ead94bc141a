"""Every exception and warning that `tthc` raises, and nothing else.

All errors derive from [`TthcError`][tthc.errors.TthcError], so one ``except TthcError`` catches
everything the library raises on purpose. Where a Python built-in already means the same thing,
the error inherits it too (``InvalidValueError`` is a ``ValueError``, ``OutOfCalendarRangeError``
is a ``LookupError``), so code written against the standard library keeps working.

Every error keeps the values it was built from as attributes and survives pickling, notes added
with ``add_note`` included, so it can cross process boundaries in multiprocessing or Dask workers.

Messages stay readable whatever the input: a refused value is quoted with ``repr`` but cut after
[`MAX_SHOWN_CHARS`][tthc.errors.MAX_SHOWN_CHARS] characters (the attribute keeps it whole), and a
[`LoadError`][tthc.errors.LoadError] lists at most
[`MAX_PROBLEMS`][tthc.errors.MAX_PROBLEMS] problems and says how many more there were.

Examples:
    >>> from tthc.errors import InvalidValueError
    >>> err = InvalidValueError("Duration.value", -3, "a whole number >= 0")
    >>> str(err)
    'Duration.value: expected a whole number >= 0, got -3'
    >>> err.field, err.value
    ('Duration.value', -3)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final, Self

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

__all__ = [
    "MAX_PROBLEMS",
    "MAX_PROBLEM_CHARS",
    "MAX_SHOWN_CHARS",
    "CalendarDataError",
    "CalendarError",
    "DurationParseError",
    "InferredValueWarning",
    "InvalidTransitionError",
    "InvalidValueError",
    "LoadError",
    "MissingExtraError",
    "OutOfCalendarRangeError",
    "ProvisionalCalendarWarning",
    "SuccessionError",
    "TthcError",
    "TthcWarning",
    "UnitError",
    "UnitValidityError",
    "UnknownCodeError",
    "UnknownFieldWarning",
    "shown",
]


MAX_SHOWN_CHARS: Final = 1_000
"""A refused value whose ``repr`` is longer than this is cut in messages (the attribute keeps it)."""

MAX_PROBLEMS: Final = 100
"""A [`LoadError`][tthc.errors.LoadError] keeps at most this many problems; it counts the rest."""

MAX_PROBLEM_CHARS: Final = 2_000
"""A problem line longer than this is cut in a [`LoadError`][tthc.errors.LoadError]."""


def shown(value: object) -> str:
    """The ``repr`` of ``value`` for a message: at most about ``MAX_SHOWN_CHARS`` characters.

    Never fails: an integer too long to print (Python refuses more than 4,300 digits) and a
    structure nested too deeply to ``repr`` are described instead.

    Examples:
        >>> shown("5 ngày")
        "'5 ngày'"
        >>> shown("x" * 5_000)[-25:]
        "xxxx…' (5,000 characters)"
        >>> shown(10**5_000)
        '<an integer of 5,001 digits>'
    """
    if isinstance(value, str) and len(value) > MAX_SHOWN_CHARS:
        # The first characters, quoted as repr quotes them, then how long the text was.
        start = repr(value[: MAX_SHOWN_CHARS // 2])
        return f"{start[:-1]}\N{HORIZONTAL ELLIPSIS}{start[-1]} ({len(value):,} characters)"
    if type(value) is int and value.bit_length() > 4 * MAX_SHOWN_CHARS:
        return f"<an integer of {_digits(value):,} digits>"
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an integer inside, too long to print; deep nesting
        return f"<a {type(value).__name__} too large to show>"
    if len(text) > MAX_SHOWN_CHARS:
        return f"{text[:MAX_SHOWN_CHARS]}\N{HORIZONTAL ELLIPSIS} ({len(text):,} characters)"
    return text


def _digits(value: int) -> int:
    """The number of decimal digits of ``value``, without printing it."""
    magnitude = abs(value)
    estimate = int((magnitude.bit_length() - 1) * math.log10(2)) + 1
    # The estimate is exact or one short: compare with a power of ten (no printing involved).
    return estimate + 1 if magnitude >= 10**estimate else estimate


def _shorten(line: str) -> str:
    if len(line) <= MAX_PROBLEM_CHARS:
        return line
    return f"{line[:MAX_PROBLEM_CHARS]}\N{HORIZONTAL ELLIPSIS} ({len(line):,} characters)"


class TthcError(Exception):
    """Base class of every error that `tthc` raises on purpose.

    Subclasses rebuild themselves from their attributes when unpickled; notes added with
    ``add_note`` (and any other attribute set on the instance) travel with them.
    """

    def _reduce_with(self, *args: object) -> tuple[Any, ...]:
        """``__reduce__`` value: rebuilt from ``args``, then the instance's other state."""
        return (type(self), args, dict(self.__dict__) or None)


# InvalidValueError is also a ValueError: callers that validate input with
# ``except ValueError`` (the standard library's convention) keep working.
class InvalidValueError(TthcError, ValueError):
    """A value given to `tthc` is not what the field accepts.

    Attributes:
        field: Where the value was given, as ``Owner.field`` (``"Duration.value"``) or an
            argument name (``"add_working_days(n)"``).
        value: The value that was refused.
        expected: What the field accepts, phrased to follow "expected".
    """

    field: str
    value: object
    expected: str

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(self._message())

    def _message(self) -> str:
        return f"{self.field}: expected {self.expected}, got {shown(self.value)}"

    @classmethod
    def for_attribute(cls, instance: object, attribute: Any, value: object, expected: str) -> Self:
        """Build the error for an attrs validator, naming ``Owner.field``.

        Args:
            instance: The object being validated.
            attribute: The ``attrs.Attribute`` being validated.
            value: The refused value.
            expected: What the field accepts.

        Returns:
            The error, ready to raise.
        """
        return cls(f"{type(instance).__name__}.{attribute.name}", value, expected)

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.field, self.value, self.expected)


class DurationParseError(InvalidValueError):
    """Text could not be read as a processing time (*thời hạn giải quyết*).

    Attributes:
        text: The text that was given, quoted in the message.
    """

    def __init__(self, text: str, expected: str | None = None) -> None:
        super().__init__(
            "Duration.parse(text)",
            text,
            expected
            or "a processing time such as '5 ngày làm việc', '30 ngày', '04 giờ làm việc', "
            "'03 tháng' or 'trong ngày'",
        )

    @property
    def text(self) -> str:
        """The text that could not be parsed."""
        return str(self.value)

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.value, self.expected)


class CalendarError(TthcError):
    """A working-calendar question cannot be answered from the calendar's data."""


# OutOfCalendarRangeError is also a LookupError: the day is a key the calendar has no data for.
class OutOfCalendarRangeError(CalendarError, LookupError):
    """A day lies outside the years a calendar can answer for.

    Attributes:
        day: The day asked about (or the day a computation would have reached).
        first_year: First year the calendar covers.
        last_year: Last year the calendar covers.
        hint: How to get an answer (load a newer year, allow provisional years).
    """

    day: dt.date
    first_year: int
    last_year: int
    hint: str

    def __init__(
        self,
        day: dt.date,
        first_year: int,
        last_year: int,
        hint: str = "build a calendar that covers that year or load its official schedule "
        "(see the how-to 'Add next year's calendar')",
    ) -> None:
        self.day = day
        self.first_year = first_year
        self.last_year = last_year
        self.hint = hint
        super().__init__(
            f"{day.isoformat()} is outside the calendar's data "
            f"({first_year}\N{EN DASH}{last_year}); {hint}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.day, self.first_year, self.last_year, self.hint)


class InvalidTransitionError(TthcError):
    """A dossier cannot move from its current status to the one requested.

    Attributes:
        current: The dossier's current status.
        requested: The status that was requested.
    """

    def __init__(self, current: object, requested: object) -> None:
        self.current = current
        self.requested = requested
        super().__init__(f"a dossier in status {shown(current)} cannot move to {shown(requested)}")

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.current, self.requested)


class LoadError(TthcError):
    """Data could not be loaded; every problem found is listed at once.

    A load can find a very large number of problems (a file of a million bad rows): the error
    keeps the first [`MAX_PROBLEMS`][tthc.errors.MAX_PROBLEMS] and counts the others, and cuts a
    line longer than [`MAX_PROBLEM_CHARS`][tthc.errors.MAX_PROBLEM_CHARS], so that the message
    stays readable and small.

    Args:
        source: Where the data came from.
        problems: The problems, in the order found (any iterable: it is read once).
        more_problems: Problems already left out by the caller, added to the count of the
            others.

    Attributes:
        source: Where the data came from (a path or a description).
        problems: One line per problem, each naming its path in the data (at most
            ``MAX_PROBLEMS``).
        more_problems: How many more problems were found and left out of ``problems``.

    Examples:
        >>> err = LoadError("plans.csv", (f"row {i}: bad" for i in range(2, 1_002)))
        >>> len(err.problems), err.more_problems
        (100, 900)
        >>> str(err).splitlines()[-1]
        '  … and 900 more problems'
    """

    def __init__(self, source: str, problems: Iterable[str], more_problems: int = 0) -> None:
        self.source = source
        self.problems: list[str] = []
        self.more_problems = more_problems
        for problem in problems:
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(_shorten(problem))
            else:
                self.more_problems += 1
        lines = "\n".join(f"  - {p}" for p in self.problems)
        if self.more_problems:
            plural = "s" if self.more_problems != 1 else ""
            lines += f"\n  \N{HORIZONTAL ELLIPSIS} and {self.more_problems:,} more problem{plural}"
        super().__init__(f"could not load {source}:\n{lines}")

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.source, self.problems, self.more_problems)


# A bad calendar file is both a calendar problem and a load problem: either except catches it.
class CalendarDataError(LoadError, CalendarError):
    """A calendar data file (an official schedule) has entries that are not valid.

    All problems are collected and reported at once; no calendar is built from a bad file.

    Attributes:
        source: Where the data came from (a path or a description).
        problems: One line per bad entry, naming the entry and what is wrong.
    """


# MissingExtraError is also an ImportError: code that guards an optional import with
# ``except ImportError`` keeps working.
class MissingExtraError(TthcError, ImportError):
    """A part of `tthc` needs an optional package that is not installed.

    The analysts' paths (columns, reports, charts, Dask, RDF) need optional extras; the message names
    the package and the extra that installs it.

    Attributes:
        package: The missing package, as imported (``"numpy"``).
        extra: The `tthc` extra that installs it (``"numpy"`` for ``pip install 'tthc[numpy]'``).
        feature: What needed it (a module or function name).

    Examples:
        >>> from tthc.errors import MissingExtraError
        >>> print(MissingExtraError("numpy", "numpy", "tthc.compute_deadlines"))
        tthc.compute_deadlines needs numpy, which is not installed: pip install 'tthc[numpy]'
    """

    package: str
    extra: str
    feature: str

    def __init__(self, package: str, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs {package}, which is not installed: pip install 'tthc[{extra}]'",
            name=package,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.package, self.extra, self.feature)


# UnitError is also a LookupError: a code or a day the unit data has no answer for is a missing key.
class UnitError(TthcError, LookupError):
    """A question about administrative units or agencies cannot be answered from the data."""


class UnknownCodeError(UnitError):
    """A code is not in the data: no administrative unit (or agency) has it.

    Attributes:
        code: The code that was looked up.
        kind: What was looked up (``"administrative unit"``, ``"agency"``).
        hint: How to get an answer.
    """

    def __init__(
        self,
        code: object,
        kind: str = "administrative unit",
        hint: str = "check the code, or load the units that use it",
    ) -> None:
        self.code = code
        self.kind = kind
        self.hint = hint
        super().__init__(f"no {kind} has the code {code!r}; {hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.code, self.kind, self.hint)


def _span(valid_from: dt.date | None, valid_until: dt.date | None) -> str:
    start = "the start of the data" if valid_from is None else valid_from.isoformat()
    end = "today" if valid_until is None else valid_until.isoformat()
    return f"from {start} to {end}"


class UnitValidityError(UnitError):
    """A unit code is looked up on a day when no unit with that code existed.

    Attributes:
        code: The code that was looked up.
        day: The day asked about.
        spans: Every unit that has had the code, as ``(name, valid_from, valid_until)``
            (``None`` for an open end).
    """

    def __init__(
        self,
        code: str,
        day: dt.date,
        spans: Iterable[tuple[str, dt.date | None, dt.date | None]],
    ) -> None:
        self.code = code
        self.day = day
        self.spans = tuple(spans)
        valid = "; ".join(f"{name} {_span(start, end)}" for name, start, end in self.spans)
        super().__init__(
            f"{code} did not name a unit on {day.isoformat()}: it was {valid}; "
            "look it up with a day inside its validity"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.code, self.day, self.spans)


class SuccessionError(UnitError):
    """A unit cannot be followed to one successor: it was split, or it ended without one.

    A split (*chia tách*) passes parts of a unit to several new ones; which of them a dossier
    belongs to cannot be told from the unit alone, so `tthc` refuses to guess unless the caller
    gives an apportioning rule. A unit that ended without a successor at its level (a district,
    since 1/7/2025) can only be followed at a higher level.

    Attributes:
        code: The unit's code.
        name: The unit's name.
        ended_on: Its last day.
        successors: The codes of its successors (empty when it has none).
    """

    def __init__(
        self, code: str, name: str, ended_on: dt.date, successors: Iterable[str] = ()
    ) -> None:
        self.code = code
        self.name = name
        self.ended_on = ended_on
        self.successors = tuple(successors)
        if self.successors:
            message = (
                f"{code} ({name}) was split after {ended_on.isoformat()} into "
                f"{', '.join(self.successors)}; tthc does not guess which one a record belongs to: "
                "pass apportion= (a mapping from old to new code, or a rule)"
            )
        else:
            message = (
                f"{code} ({name}) ended on {ended_on.isoformat()} with no successor at its level; "
                "roll it up to a higher level (the province) instead"
            )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return self._reduce_with(self.code, self.name, self.ended_on, self.successors)


class TthcWarning(UserWarning):
    """Base class of every warning that `tthc` emits."""


class ProvisionalCalendarWarning(TthcWarning):
    """An answer used a year for which no official schedule is loaded.

    The days off of such a year come from the statutory rules (Labour Code), and the real
    schedule may differ: the Prime Minister chooses the Tết days and may swap working days.
    """


class _InputWarning(TthcWarning):
    """What a reader noticed in an input it still read: one line per place, like a LoadError."""

    #: What the lines are about, after "<source>: ".
    about = "noticed"

    def __init__(self, source: str, items: Iterable[str]) -> None:
        self.source = source
        self.items = list(items)
        lines = "\n".join(f"  - {item}" for item in self.items)
        super().__init__(f"{source}: {self.about}:\n{lines}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.items))


class UnknownFieldWarning(_InputWarning):
    """An input had keys its format does not define; it was read without them.

    Readers that are liberal by default (the national dossier sync and procedure package)
    warn instead of refusing, and say where the keys were kept, if anywhere; with
    ``strict=True`` the same keys are refused in a [`LoadError`][tthc.errors.LoadError].

    Attributes:
        source: Where the data came from (a path or a description).
        items: One line per object, its path and the keys (``$[0]: 'acceptKey', 'statusId'``).
    """

    about = "keys that are not in the format were not read as fields"


class InferredValueWarning(_InputWarning):
    """A reader filled in a value that the input did not give, by a stated rule.

    Each line names the path of the missing value, what was taken instead and why, so that a
    figure computed from it can be traced back; with ``strict=True`` the reader refuses the
    input instead.

    Attributes:
        source: Where the data came from (a path or a description).
        items: One line per value filled in, with its path.
    """

    about = "values missing from the input were inferred"
