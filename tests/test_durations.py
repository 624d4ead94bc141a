"""Tests of processing times (tthc.durations)."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import unicodedata
from decimal import Decimal
from typing import Literal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from strategies import durations
from tthc.durations import Duration, DurationUnit
from tthc.errors import DurationParseError, InvalidValueError, shown

WD = DurationUnit.WORKING_DAYS
CD = DurationUnit.CALENDAR_DAYS
WH = DurationUnit.WORKING_HOURS
H = DurationUnit.HOURS
MO = DurationUnit.MONTHS
SD = DurationUnit.SAME_DAY


def _fold(text: str) -> str:
    """Vietnamese typed without diacritics: written here independently of tthc's own folding."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TestDurationUnit:
    """Decision 766 technical formula document, indicator 2.2: units "Giờ", "Ngày",
    "Ngày làm việc", "Tháng" (field DonViTinh); records also write "giờ làm việc", "trong ngày".
    """

    @pytest.mark.parametrize(
        ("unit", "label"),
        [
            (WD, "ngày làm việc"),
            (CD, "ngày"),
            (WH, "giờ làm việc"),
            (H, "giờ"),
            (MO, "tháng"),
            (SD, "trong ngày"),
        ],
        ids=lambda x: x.name if isinstance(x, DurationUnit) else None,
    )
    def test_label(self, unit: DurationUnit, label: str) -> None:
        """Each unit's label is its Vietnamese text in NFC."""
        assert unit.label == label
        assert unicodedata.is_normalized("NFC", unit.label)

    @pytest.mark.parametrize("unit", list(DurationUnit), ids=lambda u: u.name)
    def test_value_is_lowercase_name(self, unit: DurationUnit) -> None:
        """Enum values are stable strings (``"working_days"``) for serialisation."""
        assert unit.value == unit.name.lower()
        assert DurationUnit(unit.value) is unit

    @pytest.mark.parametrize(
        ("unit", "working"),
        [(WD, True), (WH, True), (SD, True), (CD, False), (H, False), (MO, False)],
        ids=lambda x: x.name if isinstance(x, DurationUnit) else str(x),
    )
    def test_working_or_calendar_time(self, unit: DurationUnit, *, working: bool) -> None:
        """Working units count office time; the others elapsed time; never both."""
        assert unit.is_working_time is working
        assert unit.is_calendar_time is not working


class TestConstruction:
    """Named constructors and the lossless normalisation of values."""

    @pytest.mark.parametrize(
        ("built", "value", "unit"),
        [
            (Duration.working_days(5), 5, WD),
            (Duration.calendar_days(30), 30, CD),
            (Duration.working_hours(4), 4, WH),
            (Duration.hours(4), 4, H),
            (Duration.months(3), 3, MO),
            (Duration.same_day(), 0, SD),
            (Duration.working_days(0), 0, WD),
            (Duration.working_days(Decimal("0.5")), Decimal("0.5"), WD),
        ],
        ids=["working_days", "calendar_days", "working_hours", "hours", "months", "same_day",
             "zero_working_days", "half_working_day"],
    )  # fmt: skip
    def test_named_constructors(
        self, built: Duration, value: int | Decimal, unit: DurationUnit
    ) -> None:
        """Each named constructor sets its unit and no cut-off."""
        assert built == Duration(value=value, unit=unit)
        assert built.cutoff is None

    def test_same_day_cutoff(self) -> None:
        """``same_day(cutoff=...)`` keeps the cut-off time."""
        d = Duration.same_day(cutoff=dt.time(15))
        assert (d.value, d.unit, d.cutoff) == (0, SD, dt.time(15, 0))
        assert d != Duration.same_day()

    @pytest.mark.parametrize(
        "value", [Decimal(5), Decimal("5.000"), Decimal("5E+0"), Decimal("0.5E+1")]
    )
    def test_integral_decimal_becomes_int(self, value: Decimal) -> None:
        """An integral Decimal is stored as an int."""
        d = Duration.working_days(value)
        assert type(d.value) is int
        assert d.value == 5
        assert d == Duration.working_days(5)
        assert hash(d) == hash(Duration.working_days(5))

    def test_negative_zero_decimal_is_zero(self) -> None:
        """``Decimal("-0.0")`` is integral: it becomes the int 0."""
        d = Duration.hours(Decimal("-0.0"))
        assert type(d.value) is int
        assert d.value == 0

    @pytest.mark.parametrize(
        ("value", "digits"),
        [(Decimal("0.50"), "0.5"), (Decimal("1.2500"), "1.25"), (Decimal("5E-1"), "0.5")],
    )
    def test_fraction_trailing_zeros_dropped(self, value: Decimal, digits: str) -> None:
        """Trailing zeros of a fraction are dropped exactly, so that str() is canonical."""
        d = Duration.working_hours(value)
        assert isinstance(d.value, Decimal)
        assert str(d.value) == digits
        assert d.value.as_tuple() == Decimal(digits).as_tuple()

    def test_long_fraction_not_rounded(self) -> None:
        """Normalisation is exact beyond the decimal context's 28 digits."""
        value = Decimal("0." + "1" * 40 + "0")
        assert Duration.calendar_days(value).value == Decimal("0." + "1" * 40)

    def test_int_subclass_becomes_int(self) -> None:
        """Integers of other types (int subclasses, numpy) are stored as plain ints."""

        class MyInt(int):
            pass

        assert type(Duration.working_days(MyInt(3)).value) is int

    def test_numpy_integer(self) -> None:
        """A numpy integer is accepted through ``__index__``; a numpy bool is refused."""
        np = pytest.importorskip("numpy")
        assert Duration.working_days(np.int64(5)) == Duration.working_days(5)
        with pytest.raises(InvalidValueError) as info:
            Duration.working_days(np.bool_(True))
        assert info.value.field == "Duration.value"

    def test_index_that_refuses(self) -> None:
        """An object whose ``__index__`` raises TypeError is refused as a value, not crashed on."""

        class NotAnIndex:
            def __index__(self) -> int:
                raise TypeError

        bad = NotAnIndex()
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Duration.working_days(bad)  # type: ignore[arg-type]
        assert info.value.field == "Duration.value"

    def test_frozen(self) -> None:
        """A Duration cannot be changed; evolve() validates the new value."""
        d = Duration.working_days(5)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            d.value = 6  # type: ignore[misc]
        assert attrs.evolve(d, value=6) == Duration.working_days(6)
        with pytest.raises(InvalidValueError):
            attrs.evolve(d, unit=MO, value=0)

    @pytest.mark.parametrize(
        ("duration", "working"),
        [
            (Duration.working_days(5), True),
            (Duration.working_hours(4), True),
            (Duration.same_day(cutoff=dt.time(15)), True),
            (Duration.calendar_days(30), False),
            (Duration.hours(4), False),
            (Duration.months(3), False),
        ],
        ids=str,
    )
    def test_working_or_calendar_time(self, duration: Duration, *, working: bool) -> None:
        """A Duration counts office time or elapsed time, as its unit does."""
        assert duration.is_working_time is working
        assert duration.is_calendar_time is not working


class TestInvalid:
    """Validators refuse bad values with InvalidValueError naming the field."""

    @pytest.mark.parametrize(
        ("kwargs", "field", "bad"),
        [
            pytest.param({"value": -1, "unit": WD}, "Duration.value", -1, id="negative"),
            pytest.param({"value": 1.5, "unit": WD}, "Duration.value", 1.5, id="float"),
            pytest.param({"value": 5.0, "unit": CD}, "Duration.value", 5.0, id="integral-float"),
            pytest.param({"value": True, "unit": WD}, "Duration.value", True, id="bool"),
            pytest.param({"value": False, "unit": SD}, "Duration.value", False, id="bool-zero"),
            pytest.param({"value": "5", "unit": WD}, "Duration.value", "5", id="str"),
            pytest.param({"value": None, "unit": WD}, "Duration.value", None, id="none"),
            pytest.param(
                {"value": Decimal("-0.5"), "unit": WD},
                "Duration.value",
                Decimal("-0.5"),
                id="negative-decimal",
            ),
            pytest.param(
                {"value": Decimal("NaN"), "unit": WD}, "Duration.value", Decimal("NaN"), id="nan"
            ),
            pytest.param(
                {"value": Decimal("sNaN"), "unit": WD},
                "Duration.value",
                Decimal("sNaN"),
                id="snan",
            ),
            pytest.param(
                {"value": Decimal("Infinity"), "unit": H},
                "Duration.value",
                Decimal("Infinity"),
                id="infinity",
            ),
            pytest.param({"value": 0, "unit": MO}, "Duration.value", 0, id="zero-months"),
            pytest.param(
                {"value": Decimal("1.5"), "unit": MO},
                "Duration.value",
                Decimal("1.5"),
                id="fractional-months",
            ),
            pytest.param({"value": 1, "unit": SD}, "Duration.value", 1, id="same-day-not-zero"),
            pytest.param(
                {"value": Decimal("0.5"), "unit": SD},
                "Duration.value",
                Decimal("0.5"),
                id="same-day-fraction",
            ),
            pytest.param(
                {"value": 5, "unit": "working_days"},
                "Duration.unit",
                "working_days",
                id="unit-as-str",
            ),
            pytest.param(
                {"value": 5, "unit": WD, "cutoff": dt.time(15)},
                "Duration.cutoff",
                dt.time(15),
                id="cutoff-on-working-days",
            ),
            pytest.param(
                {"value": 4, "unit": H, "cutoff": dt.time(15)},
                "Duration.cutoff",
                dt.time(15),
                id="cutoff-on-hours",
            ),
            pytest.param(
                {"value": 0, "unit": SD, "cutoff": dt.time(15, tzinfo=dt.UTC)},
                "Duration.cutoff",
                dt.time(15, tzinfo=dt.UTC),
                id="aware-cutoff",
            ),
            pytest.param(
                {"value": 0, "unit": SD, "cutoff": dt.time(15, 0, 30)},
                "Duration.cutoff",
                dt.time(15, 0, 30),
                id="cutoff-with-seconds",
            ),
            pytest.param(
                {"value": 0, "unit": SD, "cutoff": dt.datetime(2024, 1, 2, 15)},
                "Duration.cutoff",
                dt.datetime(2024, 1, 2, 15),
                id="cutoff-datetime",
            ),
            pytest.param(
                {"value": 0, "unit": SD, "cutoff": "15:00"},
                "Duration.cutoff",
                "15:00",
                id="cutoff-str",
            ),
        ],
    )
    def test_refused(self, kwargs: dict[str, object], field: str, bad: object) -> None:
        """The error names the field and quotes the refused value."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Duration(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field
        assert repr(info.value.value) == repr(bad)
        assert not isinstance(info.value, DurationParseError)

    def test_float_error_says_the_fix(self) -> None:
        """A float is refused with a hint to use Decimal."""
        with pytest.raises(InvalidValueError, match=re.escape("Decimal('0.5')")):
            Duration.working_days(0.5)  # type: ignore[arg-type]

    def test_months_constructor_refuses_zero(self) -> None:
        """``Duration.months(0)`` is refused: a limit in months is at least one month."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(0))) as info:
            Duration.months(0)
        assert info.value.field == "Duration.value"

    def test_error_is_a_value_error(self) -> None:
        """Callers catching ValueError also catch tthc's validation errors."""
        with pytest.raises(ValueError, match=re.escape("Duration.value")):
            Duration.hours(-4)

    def test_error_pickles(self) -> None:
        """A validation error survives a pickle round trip with its attributes."""
        with pytest.raises(InvalidValueError) as info:
            Duration.same_day(cutoff=dt.time(15, 0, 1))
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 -- our own bytes
        assert type(copy) is InvalidValueError
        assert (copy.field, copy.value, copy.expected) == (
            info.value.field,
            info.value.value,
            info.value.expected,
        )
        assert str(copy) == str(info.value)


# Real phrasings of processing times, as published in procedure records, and what they state.
PHRASINGS = [
    pytest.param("5 ngày làm việc", Duration.working_days(5), id="working-days"),
    pytest.param(
        "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        Duration.working_days(5),
        id="working-days-leading-zero-from-valid-dossier",
    ),
    pytest.param(
        "Không quá 10 ngày làm việc", Duration.working_days(10), id="working-days-not-more-than"
    ),
    pytest.param(
        "Trong thời hạn 03 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ",
        Duration.working_days(3),
        id="working-days-within-time-limit",
    ),
    pytest.param("05 (năm) ngày làm việc", Duration.working_days(5), id="working-days-in-words"),
    pytest.param("30 ngày", Duration.calendar_days(30), id="calendar-days"),
    pytest.param(
        "15 ngày kể từ ngày nhận được hồ sơ",
        Duration.calendar_days(15),
        id="calendar-days-from-receipt",
    ),
    pytest.param(
        "30 ngày kể từ ngày 15 tháng 3",
        Duration.calendar_days(30),
        id="calendar-days-date-not-months",
    ),
    pytest.param("04 giờ làm việc", Duration.working_hours(4), id="working-hours"),
    pytest.param("4 giờ", Duration.hours(4), id="hours"),
    pytest.param("24 giờ", Duration.hours(24), id="hours-24"),
    pytest.param("Trả ngay sau 2 giờ", Duration.hours(2), id="hours-after-immediately"),
    pytest.param("03 tháng", Duration.months(3), id="months"),
    pytest.param("trong ngày", Duration.same_day(), id="same-day"),
    pytest.param("Trong ngày làm việc", Duration.same_day(), id="same-working-day"),
    pytest.param("Trong cùng ngày", Duration.same_day(), id="same-day-cung"),
    pytest.param(
        "Giải quyết ngay trong ngày", Duration.same_day(), id="same-day-ngay-means-immediately"
    ),
    pytest.param("Ngay trong ngày tiếp nhận hồ sơ", Duration.same_day(), id="same-day-of-receipt"),
    # Procedure 2.000635, Sở Tư pháp (vn_legal.md §1.4).
    pytest.param(
        "Trong ngày; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        Duration.same_day(cutoff=dt.time(15)),
        id="same-day-cutoff-2.000635",
    ),
    pytest.param(
        "Trong ngày; trường hợp tiếp nhận sau 15h thì trả trong ngày làm việc tiếp theo",
        Duration.same_day(cutoff=dt.time(15)),
        id="same-day-cutoff-15h",
    ),
    pytest.param(
        "Trong ngày, tiếp nhận sau 15 giờ 00 trả kết quả ngày làm việc kế tiếp",
        Duration.same_day(cutoff=dt.time(15)),
        id="same-day-cutoff-15-gio-00",
    ),
    pytest.param(
        "Trong ngày (hồ sơ nhận sau 15:00 trả vào ngày làm việc hôm sau)",
        Duration.same_day(cutoff=dt.time(15)),
        id="same-day-cutoff-15:00",
    ),
    pytest.param(
        "Trong ngày; sau 15h30 thì trả trong ngày làm việc tiếp theo",
        Duration.same_day(cutoff=dt.time(15, 30)),
        id="same-day-cutoff-15h30",
    ),
    pytest.param(
        "Trong ngày; sau 15 giờ 30 phút thì trả trong ngày làm việc tiếp theo",
        Duration.same_day(cutoff=dt.time(15, 30)),
        id="same-day-cutoff-15-gio-30-phut",
    ),
    pytest.param(
        "Trong ngày (nếu tiếp nhận trước 15 giờ); ngày làm việc tiếp theo (nếu tiếp nhận sau 15 giờ)",
        Duration.same_day(cutoff=dt.time(15)),
        id="same-day-cutoff-before-and-after",
    ),
    pytest.param("0,5 ngày làm việc", Duration.working_days(Decimal("0.5")), id="half-day-comma"),
    pytest.param("0.5 ngày làm việc", Duration.working_days(Decimal("0.5")), id="half-day-dot"),
    pytest.param(
        "1/2 ngày làm việc", Duration.working_days(Decimal("0.5")), id="half-day-fraction"
    ),
    pytest.param("1,5 giờ", Duration.hours(Decimal("1.5")), id="fractional-hours"),
    pytest.param("0,125 ngày", Duration.calendar_days(Decimal("0.125")), id="three-decimals"),
    pytest.param("4/2 ngày", Duration.calendar_days(2), id="integral-fraction"),
    pytest.param("0 ngày làm việc", Duration.working_days(0), id="zero"),
    pytest.param("5ngày", Duration.calendar_days(5), id="no-space"),
    pytest.param(
        "05 ngày làm việc; 5 ngày làm việc", Duration.working_days(5), id="same-duration-twice"
    ),
    pytest.param("- 05 ngày làm việc", Duration.working_days(5), id="bullet-dash"),
]


class TestParse:
    """Procedure records state the processing time in Vietnamese text (Decree 63/2010/NĐ-CP
    Art. 8(2)(đ)); Duration.parse reads it exactly, or refuses it.
    """

    @pytest.mark.parametrize(("text", "expected"), PHRASINGS)
    def test_phrasing(self, text: str, expected: Duration) -> None:
        """Each published phrasing gives the duration it states."""
        assert Duration.parse(text) == expected

    @pytest.mark.parametrize(("text", "expected"), PHRASINGS)
    def test_nfd(self, text: str, expected: Duration) -> None:
        """Decomposed (NFD) text, as often pasted, reads the same."""
        nfd = unicodedata.normalize("NFD", text)
        assert Duration.parse(nfd) == expected

    @pytest.mark.parametrize(("text", "expected"), PHRASINGS)
    def test_case(self, text: str, expected: Duration) -> None:
        """Upper, title and lower case read the same."""
        assert Duration.parse(text.upper()) == expected
        assert Duration.parse(text.title()) == expected
        assert Duration.parse(text.lower()) == expected

    @pytest.mark.parametrize(("text", "expected"), PHRASINGS)
    def test_whitespace(self, text: str, expected: Duration) -> None:
        """Runs of spaces, non-breaking spaces, tabs, newlines and zero-width spaces are ignored."""
        assert Duration.parse(text.replace(" ", "\u00a0")) == expected
        assert Duration.parse(text.replace(" ", " \t\n ")) == expected
        assert Duration.parse(f"\u200b  {text}\u202f\n") == expected

    @pytest.mark.parametrize(("text", "expected"), PHRASINGS)
    def test_without_diacritics(self, text: str, expected: Duration) -> None:
        """Text typed without any diacritics ("5 ngay lam viec") reads the same."""
        folded = _fold(text)
        assert folded.isascii()
        assert Duration.parse(folded) == expected

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("1/2", Decimal("0.5")),
            ("1/4", Decimal("0.25")),
            ("2/5", Decimal("0.4")),
            ("3/20", Decimal("0.15")),
            ("0/7", 0),
            ("10/5", 2),
        ],
    )
    def test_fractions(self, text: str, value: int | Decimal) -> None:
        """A fraction with a terminating decimal is read exactly."""
        assert Duration.parse(f"{text} ngày làm việc") == Duration.working_days(value)

    @pytest.mark.parametrize(
        ("duration", "text"),
        [
            (Duration.working_days(5), "5 ngày làm việc"),
            (Duration.calendar_days(30), "30 ngày"),
            (Duration.working_hours(4), "4 giờ làm việc"),
            (Duration.hours(4), "4 giờ"),
            (Duration.months(3), "3 tháng"),
            (Duration.same_day(), "trong ngày"),
            (
                Duration.same_day(cutoff=dt.time(15)),
                "trong ngày; tiếp nhận sau 15:00 thì trả trong ngày làm việc tiếp theo",
            ),
            (
                Duration.same_day(cutoff=dt.time(8, 5)),
                "trong ngày; tiếp nhận sau 08:05 thì trả trong ngày làm việc tiếp theo",
            ),
            (Duration.working_days(Decimal("0.5")), "0,5 ngày làm việc"),
            (Duration.hours(Decimal("1E-7")), "0,0000001 giờ"),
            (Duration.calendar_days(Decimal("1E+3")), "1000 ngày"),
        ],
        ids=repr,
    )
    def test_canonical_str(self, duration: Duration, text: str) -> None:
        """str() gives the canonical Vietnamese text, NFC, which parses back."""
        assert str(duration) == text
        assert unicodedata.is_normalized("NFC", str(duration))
        assert Duration.parse(text) == duration

    @given(durations())
    @example(Duration.calendar_days(10**900))
    @example(Duration.working_days(Decimal("0." + "0" * 40 + "1")))
    def test_round_trip(self, duration: Duration) -> None:
        """Duration.parse(str(d)) == d for every valid d."""
        assert Duration.parse(str(duration)) == duration


# Fragments of real processing-time texts, for building plausible random text.
_FRAGMENTS = [
    "ngày", "ngày làm việc", "giờ", "giờ làm việc", "tháng", "trong ngày", "trong", "ngay",
    "ngay lam viec", "gio", "thang", "sau", "trước", "tiếp nhận", "tiếp theo", "kế tiếp",
    "hôm sau", "không quá", "kể từ", "đến", "hoặc", "phút", "h", ":", ",", ".", "/", ";", "-",
    "(", ")", "(năm)", " ", "\u00a0", "15", "05", "0", "00", "1", "2", "30", "99", "0,5", "1.000",
    "1/2", "1/0", "24", "25", "60", "\u0300", "\u0301", "\u0323", "đ", "Đ", "NGÀY", "cùng", "lam",
    "viec", "làm việc",
]  # fmt: skip


def _parse_or_error(text: str) -> Duration | DurationParseError:
    """Parse ``text``; a DurationParseError is returned (checked), any other error propagates."""
    try:
        return Duration.parse(text)
    except DurationParseError as exc:
        error = exc
    assert error.text == text
    assert shown(text) in str(error)
    return error


class TestParseErrors:
    """Text that is blank, unreadable or ambiguous raises DurationParseError quoting it."""

    @pytest.mark.parametrize("text", ["", "   ", "\u00a0\t\n", "\u200b"], ids=repr)
    def test_blank(self, text: str) -> None:
        """Blank text is refused."""
        with pytest.raises(DurationParseError, match=re.escape(repr(text))) as info:
            Duration.parse(text)
        assert info.value.text == text
        assert info.value.field == "Duration.parse(text)"

    @pytest.mark.parametrize(
        ("text", "why"),
        [
            pytest.param("abc", "such as", id="no-duration"),
            pytest.param("Theo quy định", "such as", id="as-regulated"),
            pytest.param("Trả ngay", "such as", id="immediately"),
            pytest.param("5 tuần", "such as", id="weeks-unsupported"),
            pytest.param(
                "trong ngày làm việc tiếp theo", "such as", id="next-working-day-is-not-same-day"
            ),
            pytest.param("trong ngày 15/3", "such as", id="within-a-date"),
            pytest.param("5 ngày làmviệc", "such as", id="glued-unit"),
            pytest.param(
                "05 ngày làm việc đối với trường hợp A; 10 ngày làm việc đối với trường hợp B",
                "2 different ones ('5 ngày làm việc', '10 ngày làm việc')",
                id="two-cases",
            ),
            pytest.param(
                "Trực tiếp: 05 ngày làm việc; trực tuyến: 03 ngày làm việc",
                "2 different ones",
                id="two-channels",
            ),
            pytest.param(
                "05 ngày làm việc (trong đó 02 ngày tại UBND xã)",
                "2 different ones",
                id="breakdown",
            ),
            pytest.param("Trong ngày hoặc 3 ngày", "2 different ones", id="same-day-or-days"),
            pytest.param("5 ngày, 5 ngày làm việc", "2 different ones", id="days-vs-working"),
            pytest.param("5-7 ngày", "not a range", id="range-dash"),
            pytest.param("từ 5 đến 7 ngày làm việc", "not a range", id="range-den"),
            pytest.param("5 hoặc 7 giờ", "not a range", id="range-or"),
            pytest.param("-5 ngày", ">= 0", id="negative"),
            pytest.param("1.000 ngày", "thousands", id="thousands-separator"),
            pytest.param("1/3 ngày", "exact decimal", id="inexact-fraction"),
            pytest.param("1/0 ngày", "other than 0", id="zero-denominator"),
            pytest.param("0 tháng", "months >= 1", id="zero-months"),
            pytest.param("1,5 tháng", "months >= 1", id="fractional-months"),
            pytest.param("5 ngay làm việc", "'ngày'", id="missing-diacritics-in-accented-text"),
            pytest.param("trong ngay làm việc", "'ngày'", id="missing-diacritics-same-day"),
            pytest.param("trong ngày; sau 25 giờ", "time of day", id="cutoff-hour-25"),
            pytest.param("trong ngày; sau 15:75", "time of day", id="cutoff-minute-75"),
            pytest.param(
                "Trong ngày; sau 15 giờ hoặc sau 16 giờ", "15:00, 16:00", id="two-cutoffs"
            ),
            pytest.param("4 giờ; sau 15 giờ", "2 different ones", id="cutoff-without-same-day"),
        ],
    )
    def test_refused(self, text: str, why: str) -> None:
        """The error quotes the text and says why."""
        with pytest.raises(DurationParseError, match=re.escape(repr(text))) as info:
            Duration.parse(text)
        assert why in str(info.value)
        assert info.value.text == text

    @pytest.mark.parametrize("bad", [None, 5, b"5 ngay", ["5 ngày"]], ids=repr)
    def test_not_str(self, bad: object) -> None:
        """A non-str is an InvalidValueError, not a parse error."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Duration.parse(bad)  # type: ignore[arg-type]
        assert not isinstance(info.value, DurationParseError)
        assert info.value.field == "Duration.parse(text)"

    def test_parse_error_is_an_invalid_value_error(self) -> None:
        """Callers catching InvalidValueError or ValueError also catch parse errors."""
        with pytest.raises(ValueError, match="abc"):
            Duration.parse("abc")

    def test_chained_cause(self) -> None:
        """A value the unit refuses keeps the validation error as the cause."""
        with pytest.raises(DurationParseError) as info:
            Duration.parse("0 tháng")
        assert isinstance(info.value.__cause__, InvalidValueError)

    @pytest.mark.parametrize("text", ["abc", "5-7 ngày", "0 tháng", "5 ngày; 6 ngày"])
    def test_error_pickles(self, text: str) -> None:
        """A parse error survives a pickle round trip with its text and message."""
        with pytest.raises(DurationParseError) as info:
            Duration.parse(text)
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 -- our own bytes
        assert type(copy) is DurationParseError
        assert copy.text == text
        assert str(copy) == str(info.value)

    @given(st.text())
    @example("1" * 5000 + " ngày")
    @example("1/" + "3" * 5000 + " ngày")
    @example("trong ngày\ud800")
    @example("İ5 ngày")
    def test_any_text(self, text: str) -> None:
        """Any text gives a Duration or a DurationParseError, nothing else."""
        assert _parse_or_error(text) is not None

    @given(
        st.lists(
            st.sampled_from(_FRAGMENTS) | st.from_regex(r"[0-9]{1,3}", fullmatch=True),
            max_size=12,
        ),
        st.sampled_from([" ", ""]),
        st.sampled_from(["NFC", "NFD"]),
    )
    def test_vietnamese_like_text(
        self, parts: list[str], sep: str, form: Literal["NFC", "NFD"]
    ) -> None:
        """Text built from processing-time fragments gives a Duration or a DurationParseError."""
        text = unicodedata.normalize(form, sep.join(parts))
        result = _parse_or_error(text)
        if isinstance(result, Duration):
            # Whatever was read is a valid Duration whose canonical text reads back to it.
            assert Duration.parse(str(result)) == result
