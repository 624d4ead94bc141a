"""Fuzz target: ``Duration.parse`` (issue 17, bounded cost).

Rule under test: any text gives a ``Duration`` or a ``DurationParseError``; text over
``MAX_TEXT_CHARS`` is refused by its length before it is read, so a loader that reaches the
parser with a megabyte of text spends no time on it (it took 87 s on 1 MB before). Nothing here
is timed: the length bound is what keeps the cost down, and the targets check that it holds.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from fuzzing import fuzz, hostile_texts, outcome
from hypothesis import example, given
from hypothesis import strategies as st

from tthc.durations import MAX_TEXT_CHARS, Duration
from tthc.errors import DurationParseError

# Pieces of real processing-time texts, repeated to build long hostile text.
_WORDS = [
    "trong ngày ", "sau 15h ", "sau 15 giờ 30 phút ", "5 ngày làm việc ", "1", "1/", "0,5 ",
    "(năm) ", "ngày ", "giờ ", "tháng ", "- ", "đến ", "ngay ", "NGÀY ", "\u0301", "\u00a0",
    "15:00 ", "trước ", "kể từ ngày nhận đủ hồ sơ ",
]  # fmt: skip


def _check(text: str) -> None:
    result = outcome(lambda: Duration.parse(text))
    if isinstance(result, Duration):
        assert len(text) <= MAX_TEXT_CHARS
        # What was read is a valid Duration whose canonical text reads back to it.
        assert Duration.parse(str(result)) == result
    else:
        assert isinstance(result, DurationParseError), result
        assert result.text == text
        if len(text) > MAX_TEXT_CHARS:
            assert f"at most {MAX_TEXT_CHARS:,} characters" in str(result)


class TestFuzzParse:
    """Any text: a Duration or a DurationParseError."""

    @fuzz()
    @given(hostile_texts(max_size=200))
    def test_short_text(self, text: str) -> None:
        """Short random and hostile text."""
        _check(text)

    @fuzz()
    @given(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60),
        st.integers(1, 600),
        st.sampled_from(["NFC", "NFD"]),
    )
    @example(["trong ngày ", "sau 15h "], 500, "NFC")  # the old quadratic case, at the limit
    @example(["1"], MAX_TEXT_CHARS - 5, "NFC")
    def test_long_repeated_text(self, words: list[str], times: int, form: str) -> None:
        """Real words repeated up to the limit and past it (up to about 10,000 characters)."""
        _check(unicodedata.normalize(form, "".join(words) * times)[: 10 * MAX_TEXT_CHARS])

    @fuzz()
    @given(
        st.builds(
            lambda piece, length: (piece * (10 * MAX_TEXT_CHARS))[:length],
            st.text(min_size=1, max_size=40),
            st.integers(MAX_TEXT_CHARS + 1, 10 * MAX_TEXT_CHARS),
        )
    )
    def test_over_the_limit_is_refused(self, text: str) -> None:
        """Text over the limit is refused by its length, whatever it says."""
        with pytest.raises(DurationParseError, match="at most 1,000 characters"):
            Duration.parse(text)


class TestRegressions:
    """Reproducers from the issue."""

    def test_one_megabyte(self) -> None:
        """1 MB of text is refused, with the limit and the length in the message."""
        text = "5 ngày làm việc " * 62_500
        with pytest.raises(DurationParseError) as info:
            Duration.parse(text)
        assert info.value.field == "Duration.parse(text)"
        assert info.value.text == text
        assert "at most 1,000 characters (one sentence), not 1,000,000" in str(info.value)
        assert len(str(info.value)) < 1_000

    def test_long_number(self) -> None:
        """A number of 100,000 digits before a unit is refused by length (it took minutes)."""
        with pytest.raises(DurationParseError, match="at most 1,000 characters"):
            Duration.parse("1" * 100_000 + " ngày")

    def test_at_the_limit_is_read(self) -> None:
        """Text of exactly MAX_TEXT_CHARS characters is still read."""
        text = "5 ngày làm việc".ljust(MAX_TEXT_CHARS, " ")
        assert len(text) == MAX_TEXT_CHARS
        assert Duration.parse(text) == Duration.working_days(5)

    def test_many_cutoffs_at_the_limit(self) -> None:
        """Many equal cut-offs within the limit read as one same-day limit with that cut-off."""
        text = ("trong ngày sau 15h " * 60)[:MAX_TEXT_CHARS]
        assert Duration.parse(text) == Duration.same_day(cutoff=dt.time(15))
