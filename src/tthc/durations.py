"""The processing time of a procedure (*thời hạn giải quyết*): a value and its unit.

A [`Duration`][tthc.durations.Duration] is what a procedure record states ("05 ngày làm việc",
"30 ngày", "04 giờ làm việc", "trong ngày"), read exactly: no deadline arithmetic happens here
(that is `tthc.deadlines`). [`Duration.parse`][tthc.durations.Duration.parse] reads the Vietnamese
text found in published records, and ``str()`` gives a canonical text that reads back to the same
value.

Examples:
    >>> from tthc.durations import Duration
    >>> d = Duration.parse("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
    >>> str(d)
    '5 ngày làm việc'
    >>> d == Duration.working_days(5)
    True
    >>> d.is_working_time
    True
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Self, cast

import attrs

from tthc.errors import DurationParseError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from fractions import Fraction

__all__ = ["MAX_TEXT_CHARS", "Duration", "DurationUnit"]

MAX_TEXT_CHARS: Final = 1_000
"""The longest text [`Duration.parse`][tthc.durations.Duration.parse] reads, in characters.

A processing time is one sentence ("Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp
lệ"); published ones are well under 100 characters. Longer text is refused before it is read, so
that a loader fed a huge value spends no time on it.
"""


class DurationUnit(enum.Enum):
    """Unit of a processing time (*đơn vị tính thời hạn giải quyết*).

    The national database of procedures records the units "Ngày làm việc", "Ngày", "Giờ" and
    "Tháng"; published records also use "giờ làm việc" and "trong ngày". Whether an hour counts
    office time or elapsed time is explicit here (``WORKING_HOURS`` versus ``HOURS``).

    Examples:
        >>> DurationUnit.WORKING_DAYS.label
        'ngày làm việc'
        >>> DurationUnit("calendar_days") is DurationUnit.CALENDAR_DAYS
        True

    References:
        Decision 766/QĐ-TTg, technical formula document ("Mô tả công thức tính chỉ số 766"),
        indicator 2.2: field ``DonViTinh`` with the units Giờ, Ngày, Ngày làm việc, Tháng
        (research notes ``vn_legal.md`` §1.2, CONFIRMED).
    """

    WORKING_DAYS = "working_days"
    """*Ngày làm việc*: days on which the agency works (weekends and days off skipped)."""

    CALENDAR_DAYS = "calendar_days"
    """*Ngày*: calendar days."""

    WORKING_HOURS = "working_hours"
    """*Giờ làm việc*: hours of office time."""

    HOURS = "hours"
    """*Giờ*: elapsed clock hours."""

    MONTHS = "months"
    """*Tháng*: calendar months."""

    SAME_DAY = "same_day"
    """*Trong ngày*: on the working day of receipt."""

    @property
    def label(self) -> str:
        """The Vietnamese text of the unit, as written after a number (or alone for SAME_DAY)."""
        return _LABELS[self]

    @property
    def is_working_time(self) -> bool:
        """Whether the unit counts only the agency's office time (working days and hours)."""
        return self in _WORKING_TIME_UNITS

    @property
    def is_calendar_time(self) -> bool:
        """Whether the unit counts elapsed time, days off included (days, hours, months)."""
        return not self.is_working_time


_LABELS: Final[dict[DurationUnit, str]] = {
    # "working days"
    DurationUnit.WORKING_DAYS: "ngày làm việc",
    # "days" (calendar days)
    DurationUnit.CALENDAR_DAYS: "ngày",
    # "working hours"
    DurationUnit.WORKING_HOURS: "giờ làm việc",
    # "hours" (clock hours)
    DurationUnit.HOURS: "giờ",
    # "months"
    DurationUnit.MONTHS: "tháng",
    # "within the day"
    DurationUnit.SAME_DAY: "trong ngày",
}

_WORKING_TIME_UNITS: Final = frozenset(
    {DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS, DurationUnit.SAME_DAY}
)


# --- attrs converter and validators ---------------------------------------------------------


def _normalise_value(value: int | Decimal) -> int | Decimal:
    """Normalise a value without loss: integral Decimal -> int, trailing zeros dropped.

    Anything else (floats, bools, text) is returned unchanged for the validator to refuse.
    """
    if isinstance(value, Decimal):
        return _normalise_decimal(value)
    if type(value) is int or isinstance(value, bool):
        return value
    # int subclasses and numpy integers become plain ints (lossless, through __index__).
    index = getattr(type(value), "__index__", None)
    if index is not None:
        try:
            return int(index(value))
        except TypeError:  # numpy.bool_ has __index__ but refuses it
            pass
    return value


def _normalise_decimal(value: Decimal) -> int | Decimal:
    if not value.is_finite():
        return value
    if value == value.to_integral_value():
        return int(value)
    # Drop trailing zeros exactly (Decimal.normalize() would round to the context precision),
    # so that Decimal("0.50") prints as "0,5". The value is not integral, so the loop stops
    # before the exponent reaches zero.
    sign, digits, exponent = value.as_tuple()
    exponent = cast("int", exponent)  # finite, so not 'n', 'N' or 'F'
    while digits[-1] == 0:
        digits = digits[:-1]
        exponent += 1
    return Decimal((sign, digits, exponent))


def _check_value(instance: Duration, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a whole number >= 0 or a decimal.Decimal, not a bool"
        )
    if isinstance(value, float):
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            "a whole number >= 0 or an exact decimal.Decimal (a float is inexact: "
            "write Decimal('0.5'))",
        )
    if isinstance(value, int):
        if value < 0:
            raise InvalidValueError.for_attribute(instance, attribute, value, "a number >= 0")
        return
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, "a finite decimal.Decimal >= 0"
            )
        return
    raise InvalidValueError.for_attribute(
        instance, attribute, value, "a whole number >= 0 (int) or a decimal.Decimal"
    )


def _check_unit(instance: Duration, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, DurationUnit):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a DurationUnit")


def _check_cutoff(instance: Duration, attribute: attrs.Attribute[Any], value: object) -> None:
    # Last field: the checks across value, unit and cutoff live here (validators run after every
    # field is set, so value and unit are already valid on their own).
    if value is not None:
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, "None or a naive datetime.time (no tzinfo)"
            )
        if value.second or value.microsecond:
            raise InvalidValueError.for_attribute(
                instance, attribute, value, "a time on a whole minute, such as time(15, 0)"
            )
        if instance.unit is not DurationUnit.SAME_DAY:
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                value,
                f"None for unit {instance.unit.name} (a cut-off applies only to SAME_DAY)",
            )
    unit, amount = instance.unit, instance.value
    value_field = attrs.fields(type(instance)).value
    if unit is DurationUnit.MONTHS and not (isinstance(amount, int) and amount >= 1):
        raise InvalidValueError.for_attribute(
            instance, value_field, amount, "a whole number of months >= 1 for unit MONTHS"
        )
    if unit is DurationUnit.SAME_DAY and amount != 0:
        raise InvalidValueError.for_attribute(
            instance, value_field, amount, "0 for unit SAME_DAY (use Duration.same_day())"
        )


# --- the value --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Duration:
    """A processing time (*thời hạn giải quyết*): how long an agency has to settle a dossier.

    A value and a unit, read exactly as the procedure record states them. Working units count
    the agency's office time; calendar units count elapsed time. ``SAME_DAY`` ("trong ngày")
    means the result is due on the working day of receipt; its optional ``cutoff`` says that a
    dossier received after that time of day is handled on the next working day.

    Build one with a named constructor or [`parse`][tthc.durations.Duration.parse]; ``str()``
    gives the canonical Vietnamese text, which ``parse`` reads back to an equal value.

    Attributes:
        value: How many units: an ``int >= 0``, or an exact ``decimal.Decimal`` for fractional
            working days, days, working hours or hours ("0,5 ngày làm việc"). An integral
            ``Decimal`` is stored as an ``int`` and trailing zeros are dropped
            (``Decimal("0.50")`` becomes ``Decimal("0.5")``); floats are refused because they
            are inexact. ``MONTHS`` needs a whole number ``>= 1``; ``SAME_DAY`` has value ``0``.
        unit: The [`DurationUnit`][tthc.durations.DurationUnit].
        cutoff: For ``SAME_DAY`` only: the time of day (naive, on a whole minute) after which a
            receipt is handled on the next working day, such as 15:00 for copy certification.
            ``None`` for every other unit.

    Raises:
        InvalidValueError: A value, unit or cutoff breaks the rules above; ``.field`` names it
            (``"Duration.value"``, ``"Duration.unit"`` or ``"Duration.cutoff"``).

    Examples:
        >>> from datetime import time
        >>> from decimal import Decimal
        >>> Duration.working_days(5)
        Duration(value=5, unit=<DurationUnit.WORKING_DAYS: 'working_days'>, cutoff=None)
        >>> str(Duration(value=Decimal("0.50"), unit=DurationUnit.WORKING_DAYS))
        '0,5 ngày làm việc'
        >>> str(Duration.same_day(cutoff=time(15)))
        'trong ngày; tiếp nhận sau 15:00 thì trả trong ngày làm việc tiếp theo'
        >>> Duration.months(0)
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: Duration.value: expected a whole number of months >= 1 for unit MONTHS, got 0

    References:
        - Decree 63/2010/NĐ-CP, Art. 8(2)(đ): the processing time limit (*thời hạn giải
          quyết*) is a component of every administrative procedure (as amended; CONFIRMED,
          research notes ``vn_legal.md`` §4.1).
        - Decision 766/QĐ-TTg, technical formula document, indicator 2.2: units "Ngày làm
          việc", "Ngày", "Giờ", "Tháng" of the national database (CONFIRMED, §1.2). Production
          one-stop systems count 1 working day as 8 working hours (§1.2).
        - Decree 23/2015/NĐ-CP, Art. 21: copy certification is settled on the day of receipt,
          or the next working day when received after 15:00. The rule is CONFIRMED by several
          secondary sources; its attribution to Art. 21 rests on one source and is unverified
          against the decree's text (§1.4). Published wording, procedure 2.000635: "trong
          ngày; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo".
    """

    value: int | Decimal = attrs.field(converter=_normalise_value, validator=_check_value)
    unit: DurationUnit = attrs.field(validator=_check_unit)
    cutoff: dt.time | None = attrs.field(default=None, validator=_check_cutoff)

    # --- named constructors -----------------------------------------------------------------

    @classmethod
    def working_days(cls, value: int | Decimal) -> Self:
        """A limit in working days (*ngày làm việc*).

        Args:
            value: Number of working days, ``>= 0``; a ``Decimal`` for a fraction.

        Returns:
            The duration.

        Raises:
            InvalidValueError: ``value`` is negative, a float, a bool or not a number.

        Examples:
            >>> str(Duration.working_days(5))
            '5 ngày làm việc'
        """
        return cls(value=value, unit=DurationUnit.WORKING_DAYS)

    @classmethod
    def calendar_days(cls, value: int | Decimal) -> Self:
        """A limit in calendar days (*ngày*).

        Args:
            value: Number of days, ``>= 0``; a ``Decimal`` for a fraction.

        Returns:
            The duration.

        Raises:
            InvalidValueError: ``value`` is negative, a float, a bool or not a number.

        Examples:
            >>> str(Duration.calendar_days(30))
            '30 ngày'
        """
        return cls(value=value, unit=DurationUnit.CALENDAR_DAYS)

    @classmethod
    def working_hours(cls, value: int | Decimal) -> Self:
        """A limit in hours of office time (*giờ làm việc*).

        Args:
            value: Number of working hours, ``>= 0``; a ``Decimal`` for a fraction.

        Returns:
            The duration.

        Raises:
            InvalidValueError: ``value`` is negative, a float, a bool or not a number.

        Examples:
            >>> str(Duration.working_hours(4))
            '4 giờ làm việc'
        """
        return cls(value=value, unit=DurationUnit.WORKING_HOURS)

    @classmethod
    def hours(cls, value: int | Decimal) -> Self:
        """A limit in elapsed clock hours (*giờ*).

        Args:
            value: Number of hours, ``>= 0``; a ``Decimal`` for a fraction.

        Returns:
            The duration.

        Raises:
            InvalidValueError: ``value`` is negative, a float, a bool or not a number.

        Examples:
            >>> str(Duration.hours(24))
            '24 giờ'
        """
        return cls(value=value, unit=DurationUnit.HOURS)

    @classmethod
    def months(cls, value: int) -> Self:
        """A limit in calendar months (*tháng*).

        Args:
            value: Number of months, a whole number ``>= 1``.

        Returns:
            The duration.

        Raises:
            InvalidValueError: ``value`` is not a whole number ``>= 1``.

        Examples:
            >>> str(Duration.months(3))
            '3 tháng'
        """
        return cls(value=value, unit=DurationUnit.MONTHS)

    @classmethod
    def same_day(cls, *, cutoff: dt.time | None = None) -> Self:
        """A result due on the working day of receipt (*trong ngày*).

        Args:
            cutoff: Time of day after which a receipt is handled on the next working day
                (15:00 for copy certification); naive and on a whole minute. ``None`` if the
                record states no cut-off.

        Returns:
            The duration, with value ``0``.

        Raises:
            InvalidValueError: ``cutoff`` is not a naive ``datetime.time`` on a whole minute.

        Examples:
            >>> from datetime import time
            >>> Duration.same_day(cutoff=time(15)).cutoff
            datetime.time(15, 0)
        """
        return cls(value=0, unit=DurationUnit.SAME_DAY, cutoff=cutoff)

    # --- derived values -----------------------------------------------------------------------

    @property
    def is_working_time(self) -> bool:
        """Whether the limit counts only office time: working days, working hours, same day.

        Examples:
            >>> Duration.working_hours(4).is_working_time
            True
            >>> Duration.calendar_days(30).is_working_time
            False
        """
        return self.unit.is_working_time

    @property
    def is_calendar_time(self) -> bool:
        """Whether the limit counts elapsed time, days off included: days, hours, months.

        The deadline rules may still move an end that falls on a day off (Civil Code Art. 148).

        Examples:
            >>> Duration.months(3).is_calendar_time
            True
        """
        return self.unit.is_calendar_time

    # --- text ---------------------------------------------------------------------------------

    def __str__(self) -> str:
        if self.unit is DurationUnit.SAME_DAY:
            if self.cutoff is None:
                return _LABELS[DurationUnit.SAME_DAY]
            # Matches the published wording: within the day; a receipt after the cut-off is
            # returned within the next working day.
            return (
                f"trong ngày; tiếp nhận sau {self.cutoff:%H:%M} "
                "thì trả trong ngày làm việc tiếp theo"
            )
        # Vietnamese writes the decimal mark as a comma: "0,5 ngày làm việc". Formatting through
        # Decimal avoids both exponents ("1E-7") and int's limit on printing very long numbers.
        return f"{_format_number(self.value)} {self.unit.label}"

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a processing time written in Vietnamese, as published in procedure records.

        The text is normalised first: Unicode NFC (pasted text is often NFD), lower case, every
        run of whitespace (non-breaking spaces included) as one space, zero-width characters
        removed. Then it must state exactly one processing time; other words ("Không quá",
        "kể từ ngày nhận đủ hồ sơ hợp lệ") are ignored. What is read:

        - a number then a unit: "05 ngày làm việc", "30 ngày", "04 giờ làm việc", "4 giờ",
          "03 tháng"; also "05 (năm) ngày làm việc" and "5ngày";
        - numbers: whole numbers (leading zeros allowed), a decimal fraction with ``,`` or
          ``.`` ("0,5", "0.5"), or a fraction with a terminating decimal ("1/2"). ``,`` is
          always the decimal mark, as in Vietnamese ("1,000" is 1). A ``.`` followed by
          exactly three digits ("1.000") is refused: Vietnamese writes thousands that way;
        - "trong ngày", "trong cùng ngày", "trong ngày làm việc": same day. Not when followed
          by "tiếp theo", "kế tiếp", "hôm sau" (that is the *next* working day) or a number (a
          date);
        - with a same-day limit, a cut-off written "sau 15 giờ", "sau 15h", "sau 15 giờ 00",
          "sau 15h30", "sau 15:00" (or with "trước" instead of "sau": "nhận trước 15 giờ thì
          trả trong ngày" states the same cut-off);
        - text typed without diacritics ("5 ngay lam viec", "trong ngay"), when the whole text
          has none. In text with diacritics every keyword must carry its own: there "ngay"
          means "immediately", so "5 ngay" is refused rather than read as days.

        Text longer than [`MAX_TEXT_CHARS`][tthc.durations.MAX_TEXT_CHARS] (1,000 characters)
        is refused before it is read; within that limit the time taken grows in proportion to
        the length of the text.

        Args:
            text: The text, such as "Không quá 10 ngày làm việc".

        Returns:
            The duration stated.

        Raises:
            InvalidValueError: ``text`` is not a ``str``.
            DurationParseError: The text is blank, longer than ``MAX_TEXT_CHARS``, states no
                processing time that can be read, states several different ones (per case or
                per channel), a range ("5-7 ngày"), or a value the unit does not allow ("0
                tháng"). The message quotes the text and says why.

        Examples:
            >>> Duration.parse("Không quá 10 ngày làm việc") == Duration.working_days(10)
            True
            >>> Duration.parse("0,5 ngày làm việc").value
            Decimal('0.5')
            >>> str(Duration.parse("Trong ngày; tiếp nhận sau 15h thì trả trong ngày làm việc tiếp theo"))
            'trong ngày; tiếp nhận sau 15:00 thì trả trong ngày làm việc tiếp theo'
            >>> Duration.parse("5 ngay lam viec") == Duration.working_days(5)
            True
            >>> Duration.parse("05 ngày làm việc đối với trường hợp A; 10 ngày làm việc đối với trường hợp B")
            Traceback (most recent call last):
            ...
            tthc.errors.DurationParseError: Duration.parse(text): expected a single processing time, but the text states 2 different ones ('5 ngày làm việc', '10 ngày làm việc'), got '05 ngày làm việc đối với trường hợp A; 10 ngày làm việc đối với trường hợp B'
        """
        if not isinstance(text, str):
            raise InvalidValueError("Duration.parse(text)", text, "a str")
        if len(text) > MAX_TEXT_CHARS:
            raise DurationParseError(
                text,
                f"a processing time of at most {MAX_TEXT_CHARS:,} characters (one sentence), "
                f"not {len(text):,}",
            )
        value, unit, cutoff = _Reader(text).read()
        try:
            return cls(value=value, unit=unit, cutoff=cutoff)
        except InvalidValueError as exc:
            # "0 tháng": read, but not a value the unit allows.
            raise DurationParseError(text, f"a valid processing time ({exc})") from exc


# --- parsing ----------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    """Map each Latin letter with diacritics to its ASCII base letter, one char to one char."""
    table: dict[int, str] = {
        # "đ"/"Đ" (d with stroke) has no decomposition; it is typed "d".
        ord("đ"): "d",
        ord("Đ"): "D",
    }
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(code))
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and base.isalpha() and all(map(unicodedata.combining, marks)):
            table[code] = base
    return table


_FOLD: Final = _build_fold_table()


def _fold(text: str) -> str:
    """Remove Vietnamese diacritics, keeping one character per character (spans stay aligned)."""
    return text.translate(_FOLD)


# Keywords whose diacritics are checked in text that has diacritics, keyed by their folded form.
_KEYWORDS: Final = {
    _fold(word): word
    for word in (
        # "day", "work", "job" (in "ngày làm việc": working day)
        "ngày",
        "làm",
        "việc",
        # "hour", "month", "minute"
        "giờ",
        "tháng",
        "phút",
        # "within", "same" (in "trong cùng ngày": within the same day)
        "trong",
        "cùng",
        # "after", "before" (a time of day: "sau 15 giờ")
        "sau",
        "trước",
    )
}

_ZERO_WIDTH: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# A number: whole, decimal with "," or ".", or a fraction "1/2". Not glued to a word or number.
_NUMBER: Final = r"(?<![\w.,/])(?P<number>[0-9]+(?:[.,][0-9]+|/[0-9]+)?)"
# An optional number in words in parentheses after the figures: "05 (năm) ngày".
_SPELLED: Final = r"(?: ?\([^()0-9;]{1,40}\))?"


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written with diacritics, to run on folded text."""
    return re.compile(_fold(pattern))


# A number and a unit: "05 ngày làm việc" (working days), "30 ngày" (days), "04 giờ làm việc"
# (working hours), "4 giờ" (hours), "03 tháng" (months). Longer units are tried first.
# A number right after "ngày " is a day of the month ("ngày 15 tháng 3"), not a quantity.
_QUANTITY: Final = _compile(
    r"(?<!ngày )"
    + _NUMBER
    + _SPELLED
    + r" ?(?P<unit>ngày làm việc|ngày(?! ?làm)|giờ làm việc|giờ(?! ?làm)|tháng)(?!\w)"
)
# "within the (same) day (of work)"; not "within the next working day" ("tiếp theo", "kế tiếp",
# "hôm sau") and not "within the day 15/3" (a date).
_SAME_DAY: Final = _compile(
    r"(?<!\w)trong (?:cùng )?ngày(?: làm việc)?(?!\w)"
    r"(?! (?:làm việc )?(?:tiếp theo|kế tiếp|hôm sau)(?!\w))(?! ?[0-9])"
)
# A time of day after "after"/"before": "sau 15 giờ", "sau 15 giờ 00", "sau 15 giờ 30 phút",
# "sau 15h", "sau 15h30", "sau 15:00".
_CLOCK: Final = _compile(
    r"(?<!\w)(?:sau|trước) (?P<hour>[0-9]{1,2})"
    r"(?::(?P<minute>[0-9]{2})| ?(?:giờ|h)(?: ?(?P<minute2>[0-9]{2})(?: ?phút)?)?)(?![\w:])"
    # "after 4 working hours" is a duration, not a time of day.
    r"(?! ?làm việc)"
)
# Just before a quantity: a number then a dash, tilde, "đến"/"tới" (to) or "hoặc" (or): a range.
_RANGE_BEFORE: Final = _compile(r"[0-9]\)? ?(?:-|–|—|~|đến|tới|hoặc) ?$")
_MINUS_SIGNS: Final = frozenset("-−–—")

_UNIT_BY_FOLDED_LABEL: Final = {_fold(label): unit for unit, label in _LABELS.items()}


class _Reader:
    """One parse of one text: its normalised forms, and errors that quote the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        cleaned = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
        lowered = unicodedata.normalize("NFC", cleaned.lower())
        self.lowered = " ".join(lowered.split())
        # Same length as ``lowered`` (one character per character), so spans line up.
        self.folded = _fold(self.lowered)
        self.has_diacritics = self.folded != self.lowered

    def fail(self, why: str | None = None) -> DurationParseError:
        return DurationParseError(self.text, why)

    def read(self) -> tuple[int | Decimal, DurationUnit, dt.time | None]:
        """The one (value, unit, cutoff) the text states."""
        if not self.lowered:
            raise self.fail()
        found: dict[tuple[int | Decimal, DurationUnit], None] = {}
        cutoff = None
        if any(True for _ in self._matches(_SAME_DAY)):
            found[0, DurationUnit.SAME_DAY] = None
            cutoff = self._cutoff()
        for match in self._matches(_QUANTITY):
            self._check_not_range(match)
            unit = _UNIT_BY_FOLDED_LABEL[match["unit"]]
            found[self._number(match["number"]), unit] = None
        if not found:
            raise self.fail()
        if len(found) > 1:
            stated = ", ".join(repr(_quote(value, unit)) for value, unit in found)
            raise self.fail(
                f"a single processing time, but the text states {len(found)} different ones "
                f"({stated})"
            )
        [(value, unit)] = found
        return value, unit, cutoff

    def _original(self, match: re.Match[str]) -> str:
        """The matched words as written (lower case), with their diacritics."""
        return self.lowered[match.start() : match.end()]

    def _matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` in the folded text; keywords must keep their diacritics."""
        for match in pattern.finditer(self.folded):
            if self.has_diacritics:
                for word in self._original(match).split(" "):
                    expected = _KEYWORDS.get(_fold(word))
                    if expected is not None and word != expected:
                        raise self.fail(
                            f"every keyword with its diacritics in text that has them: {word!r} "
                            f"should read {expected!r} (there 'ngay' means 'immediately')"
                        )
            yield match

    def _cutoff(self) -> dt.time | None:
        """Read the cut-off time of a same-day limit, and blank it out of the folded text."""
        times: set[dt.time] = set()
        # The folded text with every clock blanked out, built in one pass (linear time).
        pieces: list[str] = []
        done = 0
        for match in list(self._matches(_CLOCK)):
            hour = int(match["hour"])
            minute = int(match["minute"] or match["minute2"] or 0)
            if hour > 23 or minute > 59:  # noqa: PLR2004 -- the limits of a time of day
                raise self.fail(f"a cut-off time of day, not {self._original(match)!r}")
            times.add(dt.time(hour, minute))
            # Blank the clock out so that "15 giờ" is not read as a duration of 15 hours.
            start, end = match.span()
            pieces += (self.folded[done:start], "#" * (end - start))
            done = end
        self.folded = "".join([*pieces, self.folded[done:]])
        if len(times) > 1:
            stated = ", ".join(sorted(f"{t:%H:%M}" for t in times))
            raise self.fail(f"a single cut-off time, but the text states several ({stated})")
        return times.pop() if times else None

    def _check_not_range(self, match: re.Match[str]) -> None:
        before = self.folded[max(0, match.start() - 12) : match.start()]
        if _RANGE_BEFORE.search(before):
            raise self.fail(
                f"a single processing time, not a range (ending {self._original(match)!r})"
            )
        if before[-1:] in _MINUS_SIGNS:
            raise self.fail(f"a processing time >= 0, not {before[-1] + self._original(match)!r}")

    def _number(self, text: str) -> int | Decimal:
        """The exact value of a number as written: "05", "0,5", "0.5", "1/2"."""
        # int(Decimal(...)) rather than int(...): no limit on the number of digits.
        if "/" in text:
            numerator, denominator = (int(Decimal(part)) for part in text.split("/"))
            if denominator == 0:
                raise self.fail(f"a fraction with a denominator other than 0, not {text!r}")
            import fractions  # noqa: PLC0415 - only for a fraction in the text ("1/2 ngày")

            exact = _exact_decimal(fractions.Fraction(numerator, denominator))
            if exact is None:
                raise self.fail(f"a fraction with an exact decimal value, not {text!r}")
            return _normalise_value(exact)
        integer, separator, decimals = text.replace(",", ".").partition(".")
        if "." in text and len(decimals) == 3 and int(Decimal(integer)) != 0:  # noqa: PLR2004
            # Vietnamese writes thousands with "." ("1.000" is one thousand): refuse to guess.
            raise self.fail(
                f"a number without thousands separators: {text!r} may mean {integer}{decimals} "
                f"or {integer},{decimals} (write the decimal mark as ',')"
            )
        return _normalise_value(Decimal(integer + separator + decimals))


def _exact_decimal(fraction: Fraction) -> Decimal | None:
    """The exact Decimal of ``fraction``, or None if its decimal expansion does not end."""
    denominator, twos, fives = fraction.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    scaled = fraction.numerator * (10**places // fraction.denominator)
    # Build sign, digits and exponent directly: Decimal arithmetic would round to the context.
    digits = tuple(int(digit) for digit in format(Decimal(scaled), "f"))
    return Decimal((0, digits, -places))


def _format_number(value: int | Decimal) -> str:
    """Vietnamese writing of a number: decimal comma, no exponent, no limit on digits."""
    return format(Decimal(value), "f").replace(".", ",")


def _quote(value: int | Decimal, unit: DurationUnit) -> str:
    """The canonical text of a (value, unit) pair found in a text, for error messages."""
    if unit is DurationUnit.SAME_DAY:
        return unit.label
    return f"{_format_number(value)} {unit.label}"
