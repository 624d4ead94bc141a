"""Tests of rates, published-figure checks and coverage counts (tthc.indicators).

Expected values come from the project's sources (the Hà Nội 2023 figures quoted in the project
brief, the arithmetic of shared/research/vn_legal.md §0) or are worked by hand in comments;
none is computed by tthc.
"""

from __future__ import annotations

import decimal
import enum
import fractions
import json
import pickle
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tthc.indicators as ind
from tthc.errors import InvalidValueError, LoadError
from tthc.indicators import (
    DEFAULT_MODES,
    DigitisationCounts,
    OnlineCoverage,
    ProcedureOnline,
    PublishedFigure,
    Rate,
    RoundingMode,
    TimelinessCounts,
    Verdict,
    check_claim,
    check_figure,
    check_figures,
    digitisation_counts,
    format_percent,
    hanoi_2023,
    load_figures,
    online_coverage,
    parse_percent,
    timeliness_counts,
)

if TYPE_CHECKING:
    from pathlib import Path

HALF_UP, HALF_EVEN, HALF_DOWN, DOWN, CEILING = (
    RoundingMode.HALF_UP,
    RoundingMode.HALF_EVEN,
    RoundingMode.HALF_DOWN,
    RoundingMode.DOWN,
    RoundingMode.CEILING,
)


def _naive_percent(n: int, d: int, places: int, rounding: str) -> Decimal:
    """100 n / d rounded with `decimal`, the obvious way, at a precision high enough to be exact.

    With d <= 10**9 the expansion of n / d cannot hold more than 9 nines or 9 zeros in a row
    after a nonzero remainder (a run of k nines means d - r < d / 10**k < 1), so dividing at
    200 digits and truncating (ROUND_DOWN in the context) keeps every tie and every remainder
    the final rounding needs.
    """
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        ctx.rounding = decimal.ROUND_DOWN
        q = Decimal(100 * n) / Decimal(d)
        return q.quantize(Decimal(1).scaleb(-places), rounding=rounding)


class TestRateContract:
    """DESIGN.md, public API: ``tthc.Rate(211, 706).percent()`` is ``Decimal('29.89')``
    (half-up); ``percent(places=1, rounding=decimal.ROUND_DOWN)`` is ``Decimal('29.8')``.
    """

    def test_default_is_half_up_two_places(self) -> None:
        """211/706 = 29.8866… % rounds to 29.89 (vn_legal.md §0 gives 29.887 %)."""
        assert Rate(211, 706).percent() == Decimal("29.89")
        assert str(Rate(211, 706).percent()) == "29.89"

    def test_truncation_reproduces_published(self) -> None:
        """Truncating 29.8866… at one place gives the published 29.8, half-up gives 29.9."""
        assert Rate(211, 706).percent(places=1, rounding=decimal.ROUND_DOWN) == Decimal("29.8")
        assert str(Rate(211, 706).percent(places=1, rounding=decimal.ROUND_DOWN)) == "29.8"
        assert Rate(211, 706).percent(places=1) == Decimal("29.9")

    def test_str(self) -> None:
        """A rate prints as its counts and its half-up percentage."""
        assert str(Rate(211, 706)) == "211/706 (29.89 %)"


class TestRate:
    """A rate is a count over a count: 0 <= n <= d, d > 0, both whole numbers."""

    @pytest.mark.parametrize(
        ("mode", "expected"),
        [
            # 1/8 = 12.5 % exactly: a tie at 0 places.
            (HALF_UP, "13"),
            (HALF_EVEN, "12"),
            (HALF_DOWN, "12"),
            (DOWN, "12"),
            (CEILING, "13"),
            (decimal.ROUND_05UP, "12"),
        ],
    )
    def test_tie_by_mode(self, mode: RoundingMode | str, expected: str) -> None:
        """An exact tie (12.5 %) is rounded as each mode says."""
        assert Rate(1, 8).percent(places=0, rounding=mode) == Decimal(expected)

    def test_half_even_rounds_odd_tie_up(self) -> None:
        """37.5 % (3/8) at 0 places: half-even goes to the even 38."""
        assert Rate(3, 8).percent(0, RoundingMode.HALF_EVEN) == Decimal(38)

    def test_no_precision_trap(self) -> None:
        """(10**30 - 1) / 10**30 is 99.99…9 % (28 nines after the point): truncation keeps 99.99.

        A division at decimal's default 28 digits would round it to 100 first.
        """
        r = Rate(10**30 - 1, 10**30)
        assert r.percent(2, decimal.ROUND_DOWN) == Decimal("99.99")
        assert r.percent(2) == Decimal("100.00")

    def test_bounds(self) -> None:
        """0/d is 0.00 % and d/d is 100.00 %."""
        assert Rate(0, 7).percent() == Decimal("0.00")
        assert Rate(7, 7).percent() == Decimal("100.00")

    def test_places_kept(self) -> None:
        """The result has exactly ``places`` decimals, trailing zeros included."""
        assert str(Rate(1, 2).percent(places=3)) == "50.000"
        assert str(Rate(1, 2).percent(places=0)) == "50"

    def test_as_decimal_and_fraction(self) -> None:
        """211/706 = 0.29886… is 0.2989 to 4 places; the fraction is exact."""
        assert Rate(211, 706).as_decimal() == Decimal("0.2989")
        assert Rate(211, 706).as_decimal(2, RoundingMode.DOWN) == Decimal("0.29")
        assert Rate(2, 4).fraction == fractions.Fraction(1, 2)

    def test_complement(self) -> None:
        """The complement counts the rest: 706 - 211 = 495."""
        assert Rate(211, 706).complement == Rate(495, 706)

    def test_add_pools_counts(self) -> None:
        """Adding two rates adds numerators and denominators (the rate of the union)."""
        assert Rate(1, 4) + Rate(3, 4) == Rate(4, 8)
        assert Rate.pooled([Rate(727, 1191), Rate(165, 1191)]) == Rate(892, 2382)
        assert Rate.pooled([]) is None

    def test_add_other_type(self) -> None:
        """Adding a number to a rate is a TypeError (no implicit meaning)."""
        with pytest.raises(TypeError):
            Rate(1, 2) + 1

    def test_equality_is_on_counts_ordering_on_values(self) -> None:
        """1/2 and 2/4 differ as reports but neither is larger."""
        a, b = Rate(1, 2), Rate(2, 4)
        assert a != b
        assert a <= b
        assert a >= b
        assert not a < b
        assert not a > b
        assert Rate(1, 3) < Rate(1, 2)
        assert Rate(2, 3) > Rate(1, 2)
        assert sorted([Rate(3, 4), Rate(1, 4), Rate(1, 2)]) == [Rate(1, 4), Rate(1, 2), Rate(3, 4)]

    @pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
    def test_compare_other_type(self, op: str) -> None:
        """Comparing a rate with a number is a TypeError, whatever the operator."""
        with pytest.raises(TypeError):
            eval(f"Rate(1, 2) {op} 0.6", {"Rate": Rate})  # noqa: S307 - fixed operators

    def test_hashable(self) -> None:
        """Rates are frozen values usable as keys."""
        assert len({Rate(1, 2), Rate(1, 2), Rate(2, 4)}) == 2

    def test_numpy_integers(self) -> None:
        """numpy integers are accepted and stored as plain ints."""
        r = Rate(np.int64(3), np.int32(4))
        assert r == Rate(3, 4)
        assert type(r.numerator) is int
        assert type(r.denominator) is int

    def test_or_none(self) -> None:
        """A zero denominator gives None (N/A), anything else a rate."""
        assert Rate.or_none(0, 0) is None
        assert Rate.or_none(3, 4) == Rate(3, 4)
        assert Rate.or_none(np.int64(0), np.int64(0)) is None

    def test_format_percent(self) -> None:
        """N/A shows as 'N/A' (or the text given), a rate as its percentage."""
        assert format_percent(Rate(211, 706)) == "29.89 %"
        assert format_percent(Rate(211, 706), 1, RoundingMode.DOWN) == "29.8 %"
        assert format_percent(None) == "N/A"
        assert format_percent(None, not_applicable="0") == "0"


class TestRateErrors:
    """Invalid counts and options raise InvalidValueError naming the field and the value."""

    @pytest.mark.parametrize(
        ("n", "d", "field", "bad"),
        [
            (True, 2, "Rate.numerator", True),
            (1.0, 2, "Rate.numerator", 1.0),
            (-1, 2, "Rate.numerator", -1),
            ("1", 2, "Rate.numerator", "1"),
            (1, 0, "Rate.denominator", 0),
            (0, -3, "Rate.denominator", -3),
            (1, 2.0, "Rate.denominator", 2.0),
            (1, False, "Rate.denominator", False),
            (3, 2, "Rate.denominator", 2),
            (np.bool_(True), 2, "Rate.numerator", np.bool_(True)),
        ],
    )
    def test_invalid_counts(self, n: object, d: object, field: str, bad: object) -> None:
        """Bools, floats, negatives, a zero denominator and n > d are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Rate(n, d)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_zero_denominator_points_to_or_none(self) -> None:
        """The error for d = 0 says how to get N/A instead."""
        with pytest.raises(InvalidValueError, match=re.escape("Rate.or_none()")):
            Rate(0, 0)

    def test_or_none_nonzero_numerator(self) -> None:
        """A numerator above a zero denominator is refused, not turned into N/A."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(5))) as info:
            Rate.or_none(5, 0)
        assert info.value.field == "Rate.numerator"

    @pytest.mark.parametrize("bad", [-1, 1.5, True, 101])
    def test_bad_places(self, bad: object) -> None:
        """Places must be a whole number from 0 to 100."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Rate(1, 3).percent(places=bad)  # type: ignore[arg-type]
        assert info.value.field == "Rate.percent(places)"

    @pytest.mark.parametrize("bad", ["half-up", "ROUND_HALF", 1, None])
    def test_bad_rounding(self, bad: object) -> None:
        """Rounding must be a RoundingMode or a decimal constant."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Rate(1, 3).percent(rounding=bad)  # type: ignore[arg-type]
        assert info.value.field == "Rate.percent(rounding)"

    def test_pooled_refuses_other_items(self) -> None:
        """Pooling something else than rates is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr((1, 2)))):
            Rate.pooled([Rate(1, 2), (1, 2)])  # type: ignore[list-item]

    def test_error_pickles(self) -> None:
        """The error keeps field, value and message through pickling."""
        with pytest.raises(InvalidValueError) as info:
            Rate(3, 2)
        again = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
        assert (again.field, again.value, str(again)) == (
            info.value.field,
            info.value.value,
            str(info.value),
        )


counts = st.integers(1, 10**9).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d)))
modes = st.sampled_from(list(RoundingMode))


class TestRateProperties:
    """Percentages are exact: they agree with `decimal` at high precision, and order is kept."""

    @given(counts, st.integers(0, 4), modes)
    def test_agrees_with_decimal(
        self, nd: tuple[int, int], places: int, mode: RoundingMode
    ) -> None:
        """Every mode gives what `decimal` gives on a naive high-precision division."""
        n, d = nd
        assert Rate(n, d).percent(places, mode) == _naive_percent(n, d, places, mode.value)

    @given(st.integers(1, 10**6), st.data(), st.integers(0, 3), modes)
    def test_monotone_in_numerator(
        self, d: int, data: st.DataObject, places: int, mode: RoundingMode
    ) -> None:
        """A larger numerator never gives a smaller percentage."""
        n1 = data.draw(st.integers(0, d))
        n2 = data.draw(st.integers(n1, d))
        assert Rate(n1, d).percent(places, mode) <= Rate(n2, d).percent(places, mode)

    @given(counts, st.integers(0, 4))
    def test_truncation_below_half_up_below_ceiling(
        self, nd: tuple[int, int], places: int
    ) -> None:
        """Truncation <= half-even, half-up <= ceiling, all within one unit of the last place."""
        r = Rate(*nd)
        down, even, up, ceil = (r.percent(places, m) for m in (DOWN, HALF_EVEN, HALF_UP, CEILING))
        assert down <= even <= up <= ceil
        assert ceil - down <= Decimal(1).scaleb(-places)

    @given(counts, counts)
    def test_order_matches_fractions(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        """``<`` on rates is ``<`` on their exact values."""
        assert (Rate(*a) < Rate(*b)) == (fractions.Fraction(*a) < fractions.Fraction(*b))
        assert (Rate(*a) <= Rate(*b)) == (fractions.Fraction(*a) <= fractions.Fraction(*b))


class TestParsePercent:
    """Published percentages are read with their precision; a comma or a dot separates decimals."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("29.8 %", "29.8"),
            ("29,8%", "29.8"),
            ("74.20 %", "74.20"),
            ("99,74", "99.74"),
            ("100%", "100"),
            ("0 %", "0"),
            ("15.51\u00a0%", "15.51"),
        ],
    )
    def test_parse(self, text: str, expected: str) -> None:
        """The value and its number of decimals are kept."""
        value = parse_percent(text)
        assert str(value) == expected

    @pytest.mark.parametrize(
        "bad", ["abc", "101 %", "29.8.1 %", "", "-3 %", Decimal("NaN"), Decimal("100.5"), 29.8]
    )
    def test_refused(self, bad: object) -> None:
        """Text that is not a percentage from 0 to 100 is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            parse_percent(bad)  # type: ignore[arg-type]
        assert info.value.field == "parse_percent(text)"


class TestCheckClaim:
    """A claim is consistent when some rounding of its counts gives the published figure."""

    def test_issue_example(self) -> None:
        """Issue 7: '29.8 %' for 211/706 is reproduced only by truncation at one place."""
        check = check_claim(211, 706, "29.8 %")
        assert check.verdict is Verdict.CONSISTENT
        assert check.is_consistent
        assert check.matching_modes == (DOWN,)
        # 21100/706 = 29.8866…: half-up 29.9, half-even 29.9, truncation 29.8, ceiling 29.9.
        assert [o.rounded for o in check.outcomes] == [
            Decimal(x) for x in ("29.9", "29.9", "29.8", "29.9")
        ]
        assert check.exact_percent == fractions.Fraction(21100, 706)

    def test_places_option(self) -> None:
        """A figure published as '29.80' is held to two decimals: 29.89 is then no match."""
        check = check_claim(211, 706, Decimal("29.8"), places=2)
        assert check.verdict is Verdict.INCONSISTENT
        assert check.figure.text == "29.80 %"

    def test_modes_option(self) -> None:
        """Only the modes asked for are tried."""
        check = check_claim(211, 706, "29.8 %", modes=[HALF_UP])
        assert check.verdict is Verdict.INCONSISTENT
        assert [o.mode for o in check.outcomes] == [HALF_UP]

    @pytest.mark.parametrize("bad", [[], ["ROUND_DOWN"]])
    def test_bad_modes(self, bad: list[object]) -> None:
        """Modes must be one or more RoundingMode members."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(tuple(bad)))) as info:
            check_claim(211, 706, "29.8 %", modes=bad)  # type: ignore[arg-type]
        assert info.value.field == "modes"

    def test_unknown_numerator(self) -> None:
        """With the numerator unknown, the numerators that give the figure are listed."""
        # 22.6 % of 124, half-up: [22.55, 22.65) × 1.24 = [27.962, 28.086) → 28 only.
        check = check_claim(None, 124, "22.6 %")
        assert check.verdict is Verdict.UNVERIFIABLE
        assert check.outcomes[0].numerators == (28, 28)
        assert check.reference_denominator == 124

    def test_unknown_numerator_impossible(self) -> None:
        """No numerator over 3 gives 50 %: 0/3, 1/3, 2/3, 3/3 are 0, 33.3, 66.7, 100."""
        check = check_claim(None, 3, "50 %")
        assert check.verdict is Verdict.INCONSISTENT
        assert check.problems

    def test_zero_numerator(self) -> None:
        """0 of anything is 0 %: any denominator gives '0.0 %', none gives '0.1 %'."""
        check = check_claim(0, None, "0.0 %")
        assert check.verdict is Verdict.UNVERIFIABLE
        assert check.outcomes[0].denominators == (1, None)
        assert check_claim(0, None, "0.1 %").verdict is Verdict.INCONSISTENT

    def test_nothing_known(self) -> None:
        """With no counts at all, a figure cannot be refuted: 50 % is 1/2."""
        check = check_claim(None, None, "50 %")
        assert check.verdict is Verdict.UNVERIFIABLE
        assert check.reference_denominator is None

    def test_explain(self) -> None:
        """The explanation names the verdict, the counts, every rounding and what matched."""
        text = check_claim(211, 706, "29.8 %").explain()
        assert text.splitlines() == [
            "CONSISTENT claim: 29.8 % published",
            "  counts: 211/706",
            "  211/706 = 29.887 %; to 1 decimal: 29.9 half-up, 29.9 half-even, 29.8 truncation, 29.9 ceiling",
            "  29.8 % is reproduced by truncation; not by half-up, half-even, ceiling",
        ]

    def test_all_modes_match(self) -> None:
        """1/4 = 25 % exactly: every rounding reproduces '25 %'."""
        check = check_claim(1, 4, "25 %")
        assert check.matching_modes == DEFAULT_MODES
        assert "every rounding checked" in check.explain()


class TestCheckProperties:
    """The ranges a check reports are exactly the counts that reproduce the figure."""

    @given(st.integers(1, 10**6), st.integers(0, 10**6), st.integers(0, 2), modes)
    def test_published_counts_are_consistent(
        self, d: int, n: int, places: int, mode: RoundingMode
    ) -> None:
        """A figure made by rounding n/d with a mode is consistent under that mode."""
        assume(n <= d)
        published = Rate(n, d).percent(places, mode)
        check = check_claim(n, d, published, places=places, modes=list(RoundingMode))
        assert check.verdict is Verdict.CONSISTENT
        assert mode in check.matching_modes

    @given(st.integers(1, 10**6), st.integers(0, 10**6), st.integers(0, 2), modes)
    def test_denominator_range_is_tight(
        self, d: int, n: int, places: int, mode: RoundingMode
    ) -> None:
        """The denominator range holds d; its ends give the figure; one step outside does not."""
        assume(1 <= n <= d)
        published = Rate(n, d).percent(places, mode)
        (outcome,) = check_claim(n, None, published, places=places, modes=[mode]).outcomes
        assert outcome.denominators is not None
        low, high = outcome.denominators
        assert low <= d
        assert Rate(n, low).percent(places, mode) == published
        if high is None:
            # No upper end: the figure is what a vanishing share rounds to (0, or the smallest
            # step under ceiling), so a huge denominator gives it too.
            assert Rate(n, 10**15).percent(places, mode) == published
        else:
            assert d <= high
            assert Rate(n, high).percent(places, mode) == published
            assert Rate(n, high + 1).percent(places, mode) != published
        if low - 1 >= n:
            assert Rate(n, low - 1).percent(places, mode) != published

    @given(st.integers(1, 10**6), st.integers(0, 10**6), st.integers(0, 2), modes)
    def test_numerator_range_is_tight(
        self, d: int, n: int, places: int, mode: RoundingMode
    ) -> None:
        """The numerator range holds n; its ends give the figure; one step outside does not."""
        assume(n <= d)
        published = Rate(n, d).percent(places, mode)
        (outcome,) = check_claim(None, d, published, places=places, modes=[mode]).outcomes
        assert outcome.numerators is not None
        low, high = outcome.numerators
        assert low <= n <= high
        assert Rate(low, d).percent(places, mode) == published
        assert Rate(high, d).percent(places, mode) == published
        if low > 0:
            assert Rate(low - 1, d).percent(places, mode) != published
        if high < d:
            assert Rate(high + 1, d).percent(places, mode) != published


class TestPublishedFigure:
    """A published figure keeps its precision and refuses counts that cannot be."""

    def test_places_default_from_value(self) -> None:
        """'74.20' has two decimals, '29.8' one."""
        f = PublishedFigure(key="k", label="l", published=Decimal("74.20"))
        assert f.places == 2
        assert f.text == "74.20 %"

    @pytest.mark.parametrize(
        ("options", "field", "bad"),
        [
            ({"published": Decimal("29.85"), "places": 1}, "PublishedFigure.places", 1),
            ({"published": Decimal(101)}, "PublishedFigure.published", Decimal(101)),
            ({"published": 29.8}, "PublishedFigure.published", 29.8),
            ({"numerator": 5, "denominator": 4}, "PublishedFigure.denominator", 4),
            ({"numerator": -1}, "PublishedFigure.numerator", -1),
            ({"denominator": 0}, "PublishedFigure.denominator", 0),
            ({"denominator": 4, "denominator_min": 3}, "PublishedFigure.denominator_min", 3),
            (
                {"denominator_min": 10, "denominator_max": 9},
                "PublishedFigure.denominator_max",
                9,
            ),
            ({"parts": {"a": -1}}, "PublishedFigure.parts", ("a", -1)),
            ({"key": " "}, "PublishedFigure.key", " "),
            ({"places": 5}, "PublishedFigure.places", 5),
            ({"places": "1"}, "PublishedFigure.places", "1"),
            ({"denominator_min": 0}, "PublishedFigure.denominator_min", 0),
            ({"denominator_max": 2.5}, "PublishedFigure.denominator_max", 2.5),
        ],
    )
    def test_invalid(self, options: dict[str, object], field: str, bad: object) -> None:
        """Each invalid field is named with the refused value."""
        base: dict[str, object] = {"key": "k", "label": "l", "published": Decimal("29.8")}
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            PublishedFigure(**(base | options))  # type: ignore[arg-type]
        assert info.value.field == field

    def test_parts_that_do_not_add_up(self) -> None:
        """Parts that do not add up to the numerator make the figure inconsistent."""
        f = PublishedFigure(
            key="k",
            label="l",
            published=Decimal(50),
            numerator=5,
            denominator=10,
            parts={"a": 2, "b": 2},
        )
        check = check_figure(f)
        assert check.verdict is Verdict.INCONSISTENT
        assert check.problems == ("the parts 2 + 2 add up to 4, not to the numerator 5",)
        assert "does NOT match" in check.explain()

    def test_denominator_max_bounds(self) -> None:
        """A bounded denominator limits the range: 15.51 % of 213,883 needs d ≥ 1,378,557."""
        f = PublishedFigure(
            key="k",
            label="l",
            published=Decimal("15.51"),
            numerator=213_883,
            denominator_max=1_000_000,
        )
        assert check_figure(f).verdict is Verdict.INCONSISTENT
        assert "at most 1,000,000" in check_figure(f).explain()


class TestBoundedCounts:
    """Bounds on a missing denominator limit which counts can reproduce a figure."""

    def test_no_denominator_within_bounds(self) -> None:
        """With d <= 1 only 0 % and 100 % exist, so 50 % is impossible."""
        f = PublishedFigure(key="k", label="l", published=Decimal(50), denominator_max=1)
        check = check_figure(f)
        assert check.verdict is Verdict.INCONSISTENT
        assert check.problems == (
            (
                "no counts within those published give 50 % under any rounding checked "
                "(half-up, half-even, truncation, ceiling)"
            ),
        )

    def test_bounds_text(self) -> None:
        """Both bounds are shown when both are given."""
        f = PublishedFigure(
            key="k", label="l", published=Decimal(50), denominator_min=2, denominator_max=4
        )
        check = check_figure(f)
        assert check.verdict is Verdict.UNVERIFIABLE  # 1/2, 2/4
        assert "(denominator between 2 and 4)" in check.explain()
        assert check.outcomes[0].numerators == (1, 1)  # over the lowest denominator, 2

    def test_positive_numerator_rounding_to_zero(self) -> None:
        """1/d rounds to 0 % half-up for d > 200 (1/200 = 0.5 %); ceiling never gives 0 %."""
        check = check_claim(1, None, "0 %")
        by_mode = {o.mode: o for o in check.outcomes}
        assert by_mode[HALF_UP].denominators == (201, None)
        assert by_mode[HALF_EVEN].denominators == (200, None)  # 0.5 ties to the even 0
        assert by_mode[CEILING].denominators is None
        assert "201 or more (half-up)" in check.explain()


class TestFigureSet:
    """A figure set holds distinct figures."""

    def test_duplicate_keys(self) -> None:
        """Two figures with one key are refused."""
        f = PublishedFigure(key="k", label="l", published=Decimal(1))
        with pytest.raises(InvalidValueError, match=re.escape(repr("k"))) as info:
            ind.FigureSet(title="t", source="s", figures=[f, f])
        assert info.value.field == "FigureSet.figures"

    def test_not_figures(self) -> None:
        """Items must be PublishedFigure records."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("k"))) as info:
            ind.FigureSet(title="t", source="s", figures=["k"])  # type: ignore[list-item]
        assert info.value.field == "FigureSet.figures"


class TestHanoi2023:
    """The Hà Nội 2023 report's figures as quoted in the project brief (the project's source
    article), checked by hand in shared/research/vn_legal.md §0.
    """

    def test_data_set(self) -> None:
        """The five figures and their counts are those of the brief, nothing added."""
        s = hanoi_2023()
        rows = [
            (f.key, str(f.published), f.numerator, f.denominator, f.denominator_min)
            for f in s.figures
        ]
        assert rows == [
            ("online-services", "74.2", 892, 1191, None),
            ("simplification-plans", "29.8", 211, 706, None),
            ("internal-procedures", "22.6", 28, 124, None),
            ("on-time", "99.74", None, None, 4_000_001),
            ("data-reuse", "15.51", 213_883, None, None),
        ]
        assert s.figure("online-services").parts == (
            ("partial (một phần)", 727),
            ("full (toàn trình)", 165),
        )

    def test_source_is_cited_and_unknowns_marked(self) -> None:
        """The source is the project brief's article; title, date, number and address are unknown."""
        s = hanoi_2023()
        assert "project brief" in s.source
        assert "unknown" in s.source
        assert all(f.source.startswith("project brief") for f in s.figures)

    def test_online_services_inconsistent(self) -> None:
        """892/1,191 = 74.895 % (vn_legal.md §0): 74.9 or 74.8, never 74.2."""
        check = check_figure(hanoi_2023().figure("online-services"))
        assert check.verdict is Verdict.INCONSISTENT
        assert check.matching_modes == ()
        assert [o.rounded for o in check.outcomes] == [
            Decimal(x) for x in ("74.9", "74.9", "74.8", "74.9")
        ]
        by_mode = {o.mode: o for o in check.outcomes}
        # Numerators over 1,191: half-up band [74.15, 74.25) × 11.91 = [883.13, 884.32) → 884;
        # ceiling band (74.1, 74.2] × 11.91 = (882.53, 883.72] → 883.
        assert by_mode[HALF_UP].numerators == (884, 884)
        assert by_mode[CEILING].numerators == (883, 883)
        # Denominators for 892: half-up 89,200 / (74.15, 74.25] = [1,201.3, 1,203.0) → 1,202;
        # truncation 89,200 / (74.2, 74.3] = [1,200.5, 1,202.2) → 1,201–1,202;
        # ceiling 89,200 / [74.1, 74.2) → (1,202.2, 1,203.8] → 1,203.
        assert by_mode[HALF_UP].denominators == (1202, 1202)
        assert by_mode[DOWN].denominators == (1201, 1202)
        assert by_mode[CEILING].denominators == (1203, 1203)

    def test_simplification_plans_truncation_only(self) -> None:
        """211/706 = 29.887 %: '29.8 %' is reproduced only by truncation (vn_legal.md §0)."""
        check = check_figure(hanoi_2023().figure("simplification-plans"))
        assert check.verdict is Verdict.CONSISTENT
        assert check.matching_modes == (DOWN,)

    def test_internal_procedures_not_truncation(self) -> None:
        """28/124 = 22.58 % (vn_legal.md §0): 22.6 by half-up, half-even and ceiling, 22.5 truncated."""
        check = check_figure(hanoi_2023().figure("internal-procedures"))
        assert check.verdict is Verdict.CONSISTENT
        assert check.matching_modes == (HALF_UP, HALF_EVEN, CEILING)

    def test_on_time_unverifiable(self) -> None:
        """99.74 % of over 4 million: any denominator above 10,000 admits a numerator."""
        check = check_figure(hanoi_2023().figure("on-time"))
        assert check.verdict is Verdict.UNVERIFIABLE
        assert check.reference_denominator == 4_000_001
        by_mode = {o.mode: o for o in check.outcomes}
        # Half-up band [99.735, 99.745) × 40,000.01 = [3,989,400.997…, 3,989,800.997…).
        assert by_mode[HALF_UP].numerators == (3_989_401, 3_989_800)
        # Truncation band [99.74, 99.75) × 40,000.01 = [3,989,600.997…, 3,990,000.9975).
        assert by_mode[DOWN].numerators == (3_989_601, 3_990_000)
        assert "cannot refute it" in check.explain()

    def test_data_reuse_denominators(self) -> None:
        """213,883 at 15.51 % implies about 1,379,000 dossiers received."""
        check = check_figure(hanoi_2023().figure("data-reuse"))
        assert check.verdict is Verdict.UNVERIFIABLE
        by_mode = {o.mode: o for o in check.outcomes}
        # Half-up: 21,388,300 / 15.515 = 1,378,556.2…, 21,388,300 / 15.505 = 1,379,445.3…
        assert by_mode[HALF_UP].denominators == (1_378_557, 1_379_445)
        # Truncation: 21,388,300 / 15.52 = 1,378,112.2…, 21,388,300 / 15.51 = 1,379,000.6…
        assert by_mode[DOWN].denominators == (1_378_113, 1_379_000)
        # Ceiling: (15.50, 15.51] → [1,379,000.6…, 1,379,890.3…) → 1,379,001–1,379,890.
        assert by_mode[CEILING].denominators == (1_379_001, 1_379_890)

    def test_data_reuse_range_by_brute_force(self) -> None:
        """A plain scan of denominators near 1,379,000 finds the same half-up range."""
        found = [
            d
            for d in range(1_378_000, 1_380_001)
            if _naive_percent(213_883, d, 2, decimal.ROUND_HALF_UP) == Decimal("15.51")
        ]
        assert (found[0], found[-1], len(found)) == (
            1_378_557,
            1_379_445,
            1_379_445 - 1_378_557 + 1,
        )

    def test_report_lists_every_inconsistency(self) -> None:
        """The set check reports 74.2 % and the mixed rounding of 29.8 % and 22.6 %."""
        report = check_figures(hanoi_2023())
        assert [c.figure.key for c in report.inconsistent] == ["online-services"]
        assert [c.figure.key for c in report.unverifiable] == ["on-time", "data-reuse"]
        assert report.common_modes == ()
        assert not report.is_consistent
        assert report.problems == (
            (
                "online-services: 74.2 % is not 892/1,191 = 74.895 % under any rounding checked "
                "(half-up, half-even, truncation, ceiling)"
            ),
            (
                "across figures: no single rounding reproduces every figure: simplification-plans "
                "(29.8 %) is reproduced only by truncation; internal-procedures (22.6 %) is "
                "reproduced only by half-up, half-even, ceiling"
            ),
        )
        assert report == hanoi_2023().check()

    def test_report_explain(self) -> None:
        """The report's text has the summary, each figure and the list of inconsistencies."""
        text = check_figures(hanoi_2023()).explain()
        assert "5 figures: 2 consistent, 1 inconsistent, 2 unverifiable" in text
        assert "INCONSISTENT online-services: 74.2 % published" in text
        assert (
            "  parts: 727 partial (một phần) + 165 full (toàn trình) = 892 (matches the numerator)"
            in text
        )
        assert text.splitlines()[-3] == "Inconsistencies:"

    def test_consistent_set(self) -> None:
        """A set whose figures agree under one rounding has no problem."""
        report = check_figures(
            [
                PublishedFigure(
                    key="a", label="a", published=Decimal("29.9"), numerator=211, denominator=706
                ),
                PublishedFigure(
                    key="b", label="b", published=Decimal("22.6"), numerator=28, denominator=124
                ),
            ]
        )
        assert report.is_consistent
        assert report.common_modes == (HALF_UP, HALF_EVEN, CEILING)
        assert report.explain().endswith("No inconsistency found.")

    def test_no_consistent_figure(self) -> None:
        """With no consistent figure there is no common rounding, and nothing to compare."""
        report = check_figures([hanoi_2023().figure("on-time")])
        assert report.common_modes == ()
        assert report.is_consistent
        assert report.title == "Published figures"

    def test_unknown_key(self) -> None:
        """Asking for a figure that is not in the set names the keys there are."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("nope"))) as info:
            hanoi_2023().figure("nope")
        assert info.value.field == "FigureSet.figure(key)"


class TestLoadFigures:
    """A figure file is read whole, and every problem in it is reported at once."""

    def test_round_trip_of_shipped_file(self, tmp_path: Path) -> None:
        """A copy of the shipped file loads to the same set."""
        from importlib import resources  # noqa: PLC0415 - only here

        text = resources.files("tthc").joinpath("data/hanoi_2023_figures.json").read_text("utf-8")
        path = tmp_path / "figures.json"
        path.write_text(text, encoding="utf-8")
        assert load_figures(path) == hanoi_2023()
        assert load_figures(str(path)) == hanoi_2023()

    def test_all_problems_reported(self, tmp_path: Path) -> None:
        """A wrong format, an unknown key and a bad figure are all listed."""
        path = tmp_path / "bad.json"
        path.write_text(
            json.dumps(
                {
                    "format": "other/1",
                    "title": "t",
                    "source": "s",
                    "colour": "red",
                    "figures": [
                        {"key": "a", "label": "a", "published": "abc"},
                        {
                            "key": "b",
                            "label": "b",
                            "published": "5 %",
                            "numerator": 3,
                            "denominator": 2,
                        },
                        {"key": "c", "label": "c", "published": "5 %", "extra": 1},
                        "not an object",
                    ],
                }
            ),
            encoding="utf-8",
        )
        with pytest.raises(LoadError) as info:
            load_figures(path)
        problems = info.value.problems
        assert problems[0] == "$.format: expected 'tthc.figures/1', got 'other/1'"
        assert problems[1] == "$.colour: unknown key"
        assert problems[2].startswith("$.figures[0]: parse_percent(text)")
        assert problems[3].startswith("$.figures[1]: PublishedFigure.denominator")
        assert problems[4] == "$.figures[2].extra: unknown key"
        assert problems[5] == "$.figures[3]: expected an object"

    def test_not_json(self, tmp_path: Path) -> None:
        """A file that is not JSON is a LoadError, not a JSONDecodeError."""
        path = tmp_path / "bad.json"
        path.write_text("{", encoding="utf-8")
        with pytest.raises(LoadError, match="not valid JSON"):
            load_figures(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read is a LoadError naming it, not a bare OSError."""
        path = tmp_path / "absent.json"
        with pytest.raises(LoadError, match="cannot read the file") as info:
            load_figures(path)
        assert info.value.source == str(path)

    def test_missing_parts(self, tmp_path: Path) -> None:
        """No figure list and no title are both reported."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"format": "tthc.figures/1", "source": "s"}), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_figures(path)
        assert info.value.problems[0] == "$.figures: expected a list of figures"
        assert info.value.problems[1].startswith("$: FigureSet.title: expected a non-blank text")

    def test_not_an_object(self, tmp_path: Path) -> None:
        """A JSON list is not a figure set."""
        path = tmp_path / "bad.json"
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(LoadError, match=re.escape("$: expected a JSON object")):
            load_figures(path)


class Level(enum.Enum):
    """A stand-in for an online-level enum of another module."""

    FULL = "toàn trình"
    PARTIAL = "một phần"


class TestOnlineCoverage:
    """Decision 766 indicator 3.1: a procedure with both a partial and a full online service
    counts at the highest level; full coverage is over the procedures flagged eligible.
    """

    def test_counts(self) -> None:
        """Four procedures: full+partial (eligible), partial (eligible), full, none."""
        c = online_coverage(
            [
                ProcedureOnline({"full", "partial"}, eligible_for_full=True),
                ProcedureOnline({"partial"}, eligible_for_full=True),
                ProcedureOnline([Level.FULL]),
                ProcedureOnline(()),
            ]
        )
        assert (c.procedures, c.full, c.partial, c.eligible, c.full_eligible) == (4, 2, 1, 2, 1)
        assert c.online == Rate(3, 4)
        assert c.full_share == Rate(2, 4)
        assert c.partial_share == Rate(1, 4)
        assert c.full_of_eligible == Rate(1, 2)

    def test_vietnamese_names(self) -> None:
        """'toàn trình' and 'một phần' (also NFD-typed) are the two levels."""
        nfd = "toa\u0300n tri\u0300nh"
        assert ProcedureOnline({nfd}).highest == "full"
        assert ProcedureOnline("một phần").highest == "partial"
        assert ProcedureOnline(Level.PARTIAL).levels == frozenset({"partial"})

    def test_hanoi_counts(self) -> None:
        """727 partial + 165 full of 1,191 (vn_legal.md §0): 892/1,191 online, 165/1,191 full."""
        c = OnlineCoverage(
            procedures=1191, full=165, partial=727, eligible=1191, full_eligible=165
        )
        assert c.online == Rate(892, 1191)
        assert c.online.percent() == Decimal("74.90")  # 74.895… half-up
        assert c.full_of_eligible is not None
        assert c.full_of_eligible.percent() == Decimal("13.85")  # 165/1,191 = 13.853…

    def test_empty_catalogue(self) -> None:
        """No procedure: every rate is N/A (None)."""
        c = online_coverage([])
        assert (c.online, c.full_of_eligible) == (None, None)

    @pytest.mark.parametrize("bad", ["level 4", 4, None])
    def test_bad_level(self, bad: object) -> None:
        """Levels other than full and partial are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            ProcedureOnline([bad])
        assert info.value.field == "ProcedureOnline.levels"

    def test_bad_flag(self) -> None:
        """The eligibility flag is a bool, not a number."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(1))) as info:
            ProcedureOnline((), eligible_for_full=1)  # type: ignore[arg-type]
        assert info.value.field == "ProcedureOnline.eligible_for_full"

    def test_bad_item(self) -> None:
        """Items must be ProcedureOnline records."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("full"))):
            online_coverage(["full"])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        ("options", "field", "bad"),
        [
            ({"procedures": 5, "full": 3, "partial": 3}, "OnlineCoverage.partial", 3),
            ({"procedures": 5, "eligible": 6}, "OnlineCoverage.eligible", 6),
            (
                {"procedures": 5, "full": 1, "eligible": 2, "full_eligible": 2},
                "OnlineCoverage.full_eligible",
                2,
            ),
            ({"procedures": -1}, "OnlineCoverage.procedures", -1),
        ],
    )
    def test_counts_must_fit(self, options: dict[str, int], field: str, bad: int) -> None:
        """Sub-counts cannot exceed the counts they are part of."""
        base = {"procedures": 0, "full": 0, "partial": 0, "eligible": 0, "full_eligible": 0}
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            OnlineCoverage(**(base | options))
        assert info.value.field == field


class Timeliness(enum.Enum):
    """A stand-in for the dossier module's timeliness enum."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


class TestTimeliness:
    """Decision 766 indicator 2.1 (vn_legal.md §2.3): on time = early + on time (+ within time
    for dossiers in progress); "resolved early or on time" = (early + on time) / finished.
    """

    def test_rates(self) -> None:
        """98 of 100 finished on time; with 5 within time and 1 overdue, 103/106 = 97.17 %."""
        t = TimelinessCounts(early=90, on_time=8, late=2, within_time=5, overdue=1)
        assert (t.finished, t.unfinished, t.total) == (100, 6, 106)
        assert t.finished_on_time_rate == Rate(98, 100)
        assert t.on_time_rate == Rate(103, 106)
        assert t.on_time_rate is not None
        assert t.on_time_rate.percent() == Decimal("97.17")  # 103/106 = 0.971698…

    def test_tally(self) -> None:
        """Outcomes are counted from text (English or Vietnamese) or enum members."""
        t = timeliness_counts(
            [Timeliness.EARLY, "on time", "đúng hạn", "late", "trong hạn", "OVERDUE", "trước hạn"]
        )
        assert t == TimelinessCounts(early=2, on_time=2, late=1, within_time=1, overdue=1)

    def test_add(self) -> None:
        """Counts add field by field (pooling two agencies)."""
        a = TimelinessCounts(early=1, on_time=2, late=3, within_time=4, overdue=5)
        assert a + a == TimelinessCounts(early=2, on_time=4, late=6, within_time=8, overdue=10)
        with pytest.raises(TypeError):
            a + 1

    def test_nothing_finished(self) -> None:
        """No dossier: both rates are N/A."""
        t = timeliness_counts([])
        assert (t.finished_on_time_rate, t.on_time_rate) == (None, None)

    @pytest.mark.parametrize("bad", ["quá hạn", "done", 1])
    def test_refused(self, bad: object) -> None:
        """Unknown outcomes, and the ambiguous 'quá hạn', are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            timeliness_counts([bad])
        assert info.value.field == "timeliness_counts(outcomes)"

    def test_negative_count(self) -> None:
        """Counts are whole numbers >= 0."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(-2))) as info:
            TimelinessCounts(late=-2)
        assert info.value.field == "TimelinessCounts.late"


class TestDigitisation:
    """Decision 766 indicators 4.2 (digitised) and 4.3 (reusing digitised data) over dossiers
    received (vn_legal.md §6.2).
    """

    def test_rates(self) -> None:
        """31 reused of 200 is 15.50 %; 150 digitised is 75.00 %."""
        d = DigitisationCounts(received=200, digitised=150, reused=31)
        assert d.digitisation_rate == Rate(150, 200)
        assert d.reuse_rate == Rate(31, 200)

    def test_tally(self) -> None:
        """Pairs of flags are counted per dossier."""
        d = digitisation_counts([(True, False), (True, True), (False, False)])
        assert d == DigitisationCounts(received=3, digitised=2, reused=1)
        assert digitisation_counts([]).reuse_rate is None

    @pytest.mark.parametrize("bad", [(True,), (1, 0), "yes"])
    def test_refused(self, bad: object) -> None:
        """Items must be pairs of booleans."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            digitisation_counts([bad])  # type: ignore[list-item]
        assert info.value.field == "digitisation_counts(dossiers)"

    def test_counts_must_fit(self) -> None:
        """More reused than received is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(5))) as info:
            DigitisationCounts(received=4, reused=5)
        assert info.value.field == "DigitisationCounts.reused"


def test_public_names() -> None:
    """Every name in __all__ exists and has a docstring."""
    for name in ind.__all__:
        obj = getattr(ind, name)
        assert obj is not None
        if callable(obj) and not isinstance(obj, tuple):
            assert obj.__doc__
