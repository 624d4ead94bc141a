"""Decision 766 as the national portal scores it in 2026 (index data version 2, secondary).

The figures come from the portal's scoring sheet as published in ChippedTopaz/qd766
(docs/metrics.m0.json) and the formulas fitted there to the portal's answers (research notes
law2026.md §C): six groups 18 / 20 / 12 / 22 / 18 / 10; transparency max × rate; progress
20 × on time ÷ received; reuse of digitised data full from 80 %; dossier satisfaction full from
90 %, 0 with no dossiers; the feedback indicators 6 points each with no feedback; online payment
6·A + min(2, 2.5·B) + 2.5·C.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tthc import Certainty, InvalidValueError
from tthc.indicators import Rate
from tthc.indicators.decision766 import NotApplicablePolicy, ScoreStatus, index766

V2 = index766("2")


class TestData:
    def test_six_groups(self) -> None:
        assert [(g.name_en, g.max_points) for g in V2.groups] == [
            ("Transparency", 18),
            ("Progress", 20),
            ("Online service", 12),
            ("Digitisation", 22),
            ("Satisfaction", 18),
            ("Online payment", 10),
        ]
        assert V2.max_points == 100
        assert V2.version == "2"

    def test_metric_maxima_add_up(self) -> None:
        # Each group's metric maxima equal its maximum, except the online-service row whose
        # formula is not reproduced (not scored) and the payment terms (6 + 2 + 2.5, capped).
        sums = {g.id: g.weighted_points for g in V2.groups}
        assert sums == {
            "1": Decimal(18),
            "2": Decimal(20),
            "3": Decimal(0),
            "4": Decimal(22),
            "5": Decimal(18),
            "6": Decimal("10.5"),
        }

    def test_everything_secondary(self) -> None:
        assert {g.certainty for g in V2.groups} == {Certainty.CONFIRMED_SECONDARY}
        assert {i.max_points_certainty for i in V2.indicators if i.max_points is not None} == {
            Certainty.CONFIRMED_SECONDARY
        }

    def test_province_only_rows(self) -> None:
        only = sorted(i.id for i in V2.indicators if i.scope == frozenset({"province"}))
        assert only == ["3.1", "3.4", "3.5", "4.5.1", "4.5.2"]

    def test_version_1_unchanged(self) -> None:
        assert [g.max_points for g in index766().groups] == [18, 20, 22, 22, 18]

    def test_unknown_version(self) -> None:
        with pytest.raises(InvalidValueError, match="'3'"):
            index766("3")


class TestScoring:
    def test_transparency_max_times_rate(self) -> None:
        # 1.1: 6 × 75 % = 4.50.
        assert V2.indicator("1.1").points(Rate(3, 4)) == Decimal("4.50")

    def test_reuse_full_from_80_percent(self) -> None:
        # min(2, 2 × 40 % / 80 %) = 1.00; 85 % → 2.00.
        assert V2.indicator("4.3").points(Decimal(40)) == Decimal("1.00")
        assert V2.indicator("4.3").points(Decimal(85)) == Decimal("2.00")

    def test_online_payment_capped_at_10(self) -> None:
        # A = B = C = 1: 6 + 2 + 2.5 = 10.5, the group gives at most 10.
        s = V2.score({"6.1": Rate(1, 1), "6.2": Rate(1, 1), "6.3": Rate(1, 1)})
        assert s.points == Decimal("10.00")
        # A = 1/2, B = 1/4 (2.5 × 0.25 = 0.625), C = 1/2 (1.25): 3 + 0.63 + 1.25 = 4.88.
        s = V2.score({"6.1": Rate(1, 2), "6.2": Rate(1, 4), "6.3": Rate(1, 2)})
        assert s.points == Decimal("4.88")

    def test_no_feedback_full_points(self) -> None:
        s = V2.score({"5.2": None, "5.3": None}, not_applicable=NotApplicablePolicy.FULL)
        assert s.points == Decimal("12.00")

    def test_observed(self) -> None:
        # The portal: no feedback → 6 each; no dossiers → 5.4 scores 0; payment N/A → 0.
        s = V2.score(
            {"5.2": None, "5.3": None, "5.4": None, "6.1": None},
            not_applicable=NotApplicablePolicy.OBSERVED,
        )
        assert s.points == Decimal("12.00")
        assert s.counted_max == Decimal(24)

    def test_redistribute(self) -> None:
        # 5.2 at 50 % (3 of 6), 5.4 at 90 % (6 of 6), 5.3 N/A: its 6 points are shared in
        # proportion to the maxima 6 and 6, a factor 18/12: 4.50 + 9.00 = 13.50 of 18.
        s = V2.score(
            {"5.2": Rate(1, 2), "5.3": None, "5.4": Decimal(90)},
            not_applicable=NotApplicablePolicy.REDISTRIBUTE,
        )
        group = s.groups[4]
        assert (group.points, group.counted_max) == (Decimal("13.50"), Decimal(18))

    def test_redistribute_alone_in_group_is_excluded(self) -> None:
        s = V2.score({"5.3": None}, not_applicable=NotApplicablePolicy.REDISTRIBUTE)
        assert (s.points, s.counted_max) == (Decimal("0.00"), Decimal(0))

    def test_commune_scope(self) -> None:
        s = V2.score({"4.1": Rate(1, 2), "4.5.1": Rate(1, 2)}, scope="commune")
        # 4.1: 6 × 50 % = 3.00; 4.5.1 applies to provinces only.
        assert (s.points, s.counted_max) == (Decimal("3.00"), Decimal(6))
        statuses = {i.indicator.id: i.status for g in s.groups for i in g.indicators}
        assert statuses["4.5.1"] is ScoreStatus.OUT_OF_SCOPE
        s = V2.score({"4.1": Rate(1, 2), "4.5.1": Rate(1, 2)}, scope="province")
        assert (s.points, s.counted_max) == (Decimal("4.00"), Decimal(8))

    def test_bad_scope(self) -> None:
        with pytest.raises(InvalidValueError, match="'district'") as info:
            V2.score({}, scope="district")
        assert info.value.field == "Index766.score(scope)"

    def test_explain(self) -> None:
        text = V2.score({"5.3": None}, not_applicable=NotApplicablePolicy.FULL).explain()
        assert "data version 2" in text.splitlines()[0]
        assert "N/A (zero denominator): counted as full, 6.00 of 6 points" in text
