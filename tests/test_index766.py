"""Tests of the Decision 766/QĐ-TTg index data and scoring (tthc.indicators.decision766).

Expected values come from the research notes shared/research/vn_legal.md §6 (groups and maxima
CONFIRMED; indicators, formulas and thresholds CONFIRMED (secondary); per-indicator points
UNCERTAIN) or are worked by hand in comments.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest

from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, LoadError
from tthc.indicators import Rate
from tthc.indicators.decision766 import (
    Index766,
    Indicator,
    IndicatorGroup,
    IndicatorKind,
    NotApplicablePolicy,
    ScoreStatus,
    index766,
    load_index766,
)

if TYPE_CHECKING:
    from pathlib import Path


def _shipped() -> dict[str, Any]:
    text = resources.files("tthc").joinpath("data/index766.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class TestData:
    """vn_legal.md §6.1: five groups, 18 + 20 + 22 + 22 + 18 = 100 points (CONFIRMED)."""

    def test_document(self) -> None:
        """Decision 766/QĐ-TTg of 23/06/2022."""
        idx = index766()
        assert idx.document == "766/QĐ-TTg"
        assert idx.signed_on.isoformat() == "2022-06-23"
        assert idx.version == "1"
        assert idx.title.startswith("Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ")

    def test_groups_and_maxima(self) -> None:
        """The groups and their confirmed maxima, in order."""
        idx = index766()
        rows = [(g.id, g.name, g.max_points, g.certainty) for g in idx.groups]
        assert rows == [
            ("1", "Công khai, minh bạch", 18, Certainty.CONFIRMED),
            ("2", "Tiến độ, kết quả giải quyết", 20, Certainty.CONFIRMED),
            ("3", "Cung cấp dịch vụ trực tuyến", 22, Certainty.CONFIRMED),
            ("4", "Số hóa hồ sơ", 22, Certainty.CONFIRMED),
            ("5", "Mức độ hài lòng", 18, Certainty.CONFIRMED),
        ]
        assert idx.max_points == 100

    def test_indicator_ids(self) -> None:
        """The indicators of vn_legal.md §6.2 (the formula document lists no 3.4)."""
        ids = [i.id for i in index766().indicators]
        assert ids == [
            "1.1", "1.2", "1.3", "1.4",
            "2.1", "2.2",
            "3.1", "3.2", "3.3", "3.5", "3.6",
            "4.1", "4.2", "4.3", "4.4", "4.5",
            "5.1", "5.2", "5.3", "5.4",
        ]  # fmt: skip

    def test_thresholds(self) -> None:
        """vn_legal.md §6.2: 80 % for 3.1, 3.5, 4.2, 4.3; 50 % for 3.3; 90 % for 5.4; no other."""
        thresholds = {i.id: i.threshold for i in index766().indicators if i.threshold is not None}
        assert thresholds == {
            "3.1": Decimal(80),
            "3.3": Decimal(50),
            "3.5": Decimal(80),
            "4.2": Decimal(80),
            "4.3": Decimal(80),
            "5.4": Decimal(90),
        }
        assert all(
            i.threshold_certainty is Certainty.CONFIRMED_SECONDARY
            for i in index766().indicators
            if i.threshold is not None
        )

    def test_weights_are_the_researched_ones(self) -> None:
        """vn_legal.md §6.3: baocaotaichinh.vn (1.2 = 4, 5.4 = 6) and th-repo (the rest)."""
        weights = {i.id: i.max_points for i in index766().indicators if i.max_points is not None}
        assert weights == {
            "1.2": 4,
            "1.4": 6,
            "2.1": 20,
            "3.1": 2,
            "3.2": 4,
            "3.3": 6,
            "3.5": 2,
            "3.6": 6,
            "4.1": 6,
            "4.2": 4,
            "4.3": 2,
            "5.4": 6,
        }

    def test_every_weight_is_uncertain_and_sourced(self) -> None:
        """No per-indicator maximum is presented as official: each is UNCERTAIN, with a source."""
        for i in index766().indicators:
            if i.max_points is None:
                assert i.max_points_certainty is None
            else:
                assert i.max_points_certainty is Certainty.UNCERTAIN, i.id
                assert i.max_points_sources, i.id
                assert "UNCERTAIN" in i.max_points_sources[0], i.id

    def test_data_file_says_weights_are_uncertain(self) -> None:
        """The data's notes say, in capitals, that every per-indicator maximum is uncertain."""
        assert any("EVERY PER-INDICATOR MAXIMUM IS UNCERTAIN" in n for n in index766().notes)

    def test_group_weights_within_group_maxima(self) -> None:
        """Known weights never exceed their group's maximum (group 3: 20 of 22; group 4: 12)."""
        sums = {g.id: g.weighted_points for g in index766().groups}
        assert sums == {"1": 10, "2": 20, "3": 20, "4": 12, "5": 6}
        assert all(g.weighted_points <= g.max_points for g in index766().groups)

    def test_titles_and_formulas_sourced(self) -> None:
        """Every indicator has a Vietnamese title, a formula and a secondary source."""
        for i in index766().indicators:
            assert i.certainty is Certainty.CONFIRMED_SECONDARY
            assert i.sources
            assert "Mô tả công thức tính chỉ số 766" in i.sources[0]
            assert i.formula

    def test_average_is_not_a_rate(self) -> None:
        """2.2 is an average processing time, not scored."""
        assert index766().indicator("2.2").measure is IndicatorKind.AVERAGE
        assert not index766().indicator("2.2").is_scored

    def test_lookup_errors(self) -> None:
        """Unknown indicator and group ids are refused with the value."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("3.4"))) as info:
            index766().indicator("3.4")
        assert info.value.field == "Index766.indicator(id)"
        with pytest.raises(InvalidValueError, match=re.escape(repr("6"))) as info:
            index766().group("6")
        assert info.value.field == "Index766.group(id)"
        assert index766().group("5").max_points == 18


class TestPoints:
    """vn_legal.md §6.2: at or above the threshold the maximum, below it rate × max / threshold;
    without a threshold rate × max. Points are rounded half-up to 2 decimals.
    """

    @pytest.mark.parametrize(
        ("indicator", "value", "expected"),
        [
            ("3.1", Rate(60, 100), "1.50"),  # 60 × 2 / 80 = 1.5
            ("3.1", Rate(80, 100), "2.00"),  # at the threshold: the maximum
            ("3.1", Rate(100, 100), "2.00"),
            ("3.1", Rate(79, 100), "1.98"),  # 79 × 2 / 80 = 1.975 → 1.98 half-up
            ("3.1", Rate(0, 100), "0.00"),
            ("3.3", Rate(25, 100), "3.00"),  # 25 × 6 / 50 = 3
            ("5.4", Decimal("85.5"), "5.70"),  # 85.5 × 6 / 90 = 5.7
            ("5.4", Decimal(95), "6.00"),
            ("1.2", Rate(3, 4), "3.00"),  # no threshold: 0.75 × 4 = 3
            ("2.1", Rate(9974, 10000), "19.95"),  # 0.9974 × 20 = 19.948
            ("4.3", Rate(1551, 10000), "0.39"),  # 15.51 × 2 / 80 = 0.38775
        ],
    )
    def test_points(self, indicator: str, value: Rate | Decimal, expected: str) -> None:
        """Points follow the formula, worked by hand in each row's comment."""
        assert index766().indicator(indicator).points(value) == Decimal(expected)

    def test_threshold_compared_exactly(self) -> None:
        """79.999 % is below 80 %: 79.999 × 2 / 80 = 1.999975, shown as 2.00 but reached by '<'."""
        idx = index766()
        points = idx.indicator("3.1").points(Rate(79_999, 100_000))
        assert points == Decimal("2.00")
        line = idx.score({"3.1": Rate(79_999, 100_000)}).groups[2].indicators[0].explain()
        assert "80.00 % < 80 %" in line

    @pytest.mark.parametrize(("indicator", "reason"), [("2.2", "average"), ("1.1", "not known")])
    def test_unscored_indicators_refuse(self, indicator: str, reason: str) -> None:
        """An average, or an indicator without a known maximum, has no points."""
        with pytest.raises(InvalidValueError, match=reason) as info:
            index766().indicator(indicator).points(Rate(1, 2))
        assert info.value.field == f"Indicator({indicator}).points(value)"

    @pytest.mark.parametrize("bad", [0.5, Decimal(101), Decimal("NaN"), "50 %"])
    def test_bad_values(self, bad: object) -> None:
        """Values must be a Rate or a Decimal percentage from 0 to 100."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))):
            index766().indicator("3.1").points(bad)  # type: ignore[arg-type]


class TestScore:
    """Scores add the indicators' points by group; N/A indicators follow an explicit policy."""

    def test_totals(self) -> None:
        """19.95 (2.1) + 0.39 (4.3) = 20.34 out of 20 + 2 = 22 counted."""
        s = index766().score({"2.1": Rate(9974, 10000), "4.3": Rate(1551, 10000)})
        assert s.points == Decimal("20.34")
        assert s.counted_max == 22
        assert s.max_points == 100
        assert [g.points for g in s.groups] == [
            Decimal(x) for x in ("0", "19.95", "0", "0.39", "0")
        ]
        assert s.is_estimate
        assert not s.is_complete

    def test_statuses(self) -> None:
        """Each indicator says whether it was scored, N/A, without weight, not given or an average."""
        s = index766().score({"3.1": Rate(1, 2), "1.4": None, "4.4": Rate(1, 2), "1.1": None})
        status = {i.indicator.id: i.status for g in s.groups for i in g.indicators}
        assert status["3.1"] is ScoreStatus.SCORED
        assert status["1.4"] is ScoreStatus.NOT_APPLICABLE
        assert status["1.1"] is ScoreStatus.NOT_APPLICABLE
        assert status["4.4"] is ScoreStatus.NO_WEIGHT
        assert status["2.2"] is ScoreStatus.NOT_A_RATE
        assert status["5.4"] is ScoreStatus.NOT_GIVEN

    def test_not_applicable_excluded_by_default(self) -> None:
        """By default an N/A indicator earns nothing and its maximum is not counted."""
        s = index766().score({"1.4": None, "1.2": Rate(1, 1)})
        assert (s.points, s.counted_max) == (Decimal("4.00"), Decimal(4))
        assert s.not_applicable is NotApplicablePolicy.EXCLUDE

    def test_not_applicable_as_zero(self) -> None:
        """With ZERO, an N/A indicator counts as 0 out of its maximum (1.4: 6 points)."""
        s = index766().score(
            {"1.4": None, "1.2": Rate(1, 1)}, not_applicable=NotApplicablePolicy.ZERO
        )
        assert (s.points, s.counted_max) == (Decimal("4.00"), Decimal(10))
        assert "counted as 0 of 6 points" in s.explain()

    def test_every_weighted_indicator(self) -> None:
        """All rates at 100 %: every known weight is earned, 68 of 68 counted (10+20+20+12+6)."""
        idx = index766()
        s = idx.score(
            {i.id: Rate(1, 1) for i in idx.indicators if i.measure is IndicatorKind.RATE}
        )
        assert s.points == 68
        assert s.counted_max == 68
        assert not s.is_complete

    def test_explain(self) -> None:
        """The explanation names the caveats and shows each indicator's arithmetic."""
        text = index766().score({"3.1": Rate(60, 100), "1.2": Rate(3, 4)}).explain()
        lines = text.splitlines()
        assert lines[0] == (
            "Decision 766/QĐ-TTg index, data version 1: 4.50 of 6 points counted "
            "(index maximum 100)"
        )
        assert lines[1].startswith("ESTIMATE:")
        assert lines[2].startswith("PARTIAL:")
        assert (
            "  3.1 Procedures offering an online public service: 60.00 % < 80 % → "
            "60.00 % × 2 / 80 % = 1.50 of 2 points (maximum UNCERTAIN)"
        ) in lines
        assert (
            "  1.2 Procedures updated and made public on time in the national procedure "
            "database: 75.00 % × 4 = 3.00 of 4 points (maximum UNCERTAIN)"
        ) in lines

    def test_explain_at_threshold(self) -> None:
        """At or above the threshold the line says so."""
        s = index766().score({"5.4": Decimal("97.5")})
        assert (
            "  5.4 Satisfaction with the reception and handling of procedures: 97.50 % ≥ 90 % "
            "→ 6.00 of 6 points (maximum UNCERTAIN)"
        ) in s.explain().splitlines()

    def test_unknown_id(self) -> None:
        """An id that is not an indicator is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("3.4"))) as info:
            index766().score({"3.4": Rate(1, 2)})
        assert info.value.field == "Index766.score(values)"

    def test_value_for_average(self) -> None:
        """A value for 2.2 (an average) is refused rather than ignored."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(Rate(1, 2)))) as info:
            index766().score({"2.2": Rate(1, 2)})
        assert info.value.field == "Index766.score(values['2.2'])"

    @pytest.mark.parametrize("bad", [0.75, 1, "75 %"])
    def test_bad_value(self, bad: object) -> None:
        """A value must be a Rate, a Decimal percentage or None."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            index766().score({"3.1": bad})  # type: ignore[dict-item]
        assert info.value.field == "Index766.score(values['3.1'])"

    def test_bad_policy_and_mapping(self) -> None:
        """The policy must be a NotApplicablePolicy and values a mapping."""
        with pytest.raises(InvalidValueError, match=re.escape(repr("zero"))):
            index766().score({}, not_applicable="zero")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=re.escape(repr([("3.1", None)]))):
            index766().score([("3.1", None)])  # type: ignore[arg-type]


class TestIndicatorRecord:
    """An indicator's value and its certainty label come together."""

    def test_max_without_certainty(self) -> None:
        """A maximum without a certainty label is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(None))) as info:
            Indicator(
                id="9.9",
                name="x",
                name_en="x",
                formula="x",
                certainty="uncertain",
                max_points=3,
            )
        assert info.value.field == "Indicator.max_points_certainty"

    def test_certainty_without_threshold(self) -> None:
        """A certainty label for a threshold that is not given is refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(Certainty.UNCERTAIN))) as info:
            Indicator(
                id="9.9",
                name="x",
                name_en="x",
                formula="x",
                certainty="uncertain",
                threshold_certainty="uncertain",
            )
        assert info.value.field == "Indicator.threshold_certainty"

    @pytest.mark.parametrize(
        ("options", "field", "bad"),
        [
            ({"threshold": 0}, "Indicator.threshold", Decimal(0)),
            ({"threshold": 120}, "Indicator.threshold", Decimal(120)),
            ({"max_points": -2}, "Indicator.max_points", Decimal(-2)),
            ({"max_points": 1.5}, "Indicator.max_points", 1.5),
            ({"max_points": "many"}, "Indicator.max_points", "many"),
            ({"certainty": Decimal(1)}, "Indicator.certainty", Decimal(1)),
        ],
    )
    def test_invalid_numbers(self, options: dict[str, Any], field: str, bad: object) -> None:
        """Thresholds lie in (0, 100], maxima above 0, and floats are refused."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Indicator(
                **(
                    {
                        "id": "9.9",
                        "name": "x",
                        "name_en": "x",
                        "formula": "x",
                        "certainty": "uncertain",
                    }
                    | options
                )
            )
        assert info.value.field == field


class TestGroupRecord:
    """A group's maximum is a whole number of points and its items are indicators."""

    @pytest.mark.parametrize(
        ("options", "field", "bad"),
        [
            ({"max_points": 0}, "IndicatorGroup.max_points", 0),
            ({"max_points": 18.0}, "IndicatorGroup.max_points", 18.0),
            ({"indicators": ["1.1"]}, "IndicatorGroup.indicators", "1.1"),
        ],
    )
    def test_invalid(self, options: dict[str, Any], field: str, bad: object) -> None:
        """Each invalid field is named with the refused value."""
        base: dict[str, Any] = {
            "id": "9",
            "name": "x",
            "name_en": "x",
            "max_points": 1,
            "certainty": "confirmed",
        }
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            IndicatorGroup(**(base | options))
        assert info.value.field == field

    def test_index_groups(self) -> None:
        """An index's groups must be IndicatorGroup records."""
        idx = index766()
        with pytest.raises(InvalidValueError, match=re.escape(repr("1"))) as info:
            Index766(
                version="x",
                document="d",
                signed_on=idx.signed_on,
                title="t",
                groups=["1"],  # type: ignore[list-item]
            )
        assert info.value.field == "Index766.groups"


class TestLoad:
    """An index file is read whole, and every problem in it is reported at once."""

    def test_copy_loads_equal(self, tmp_path: Path) -> None:
        """A copy of the shipped file loads to the same index."""
        path = tmp_path / "index.json"
        path.write_text(json.dumps(_shipped(), ensure_ascii=False), encoding="utf-8")
        assert load_index766(path) == index766()
        assert load_index766(str(path)) == index766()

    def test_new_version(self, tmp_path: Path) -> None:
        """A new version with other weights scores with them (how official weights would land)."""
        data = copy.deepcopy(_shipped())
        data["version"] = "2"
        indicator = data["groups"][0]["indicators"][0]  # 1.1, no weight in version 1
        indicator |= {"max_points": 6, "max_points_certainty": "confirmed"}
        path = tmp_path / "v2.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        idx = load_index766(path)
        s = idx.score({"1.1": Rate(1, 2)})
        assert (s.version, s.points) == ("2", Decimal("3.00"))  # 0.5 × 6
        assert not s.is_estimate

    def test_all_problems_reported(self, tmp_path: Path) -> None:
        """A wrong format, an unknown key, an unknown source and a bad threshold are all listed."""
        data = copy.deepcopy(_shipped())
        data["format"] = "x/1"
        data["extra"] = 1
        data["groups"][2]["indicators"][0]["sources"] = ["nowhere"]
        data["groups"][2]["indicators"][2]["threshold"] = "500"
        data["groups"][4]["colour"] = "red"
        data["signed_on"] = "23/06/2022"
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_index766(path)
        assert info.value.problems == [
            "$.format: expected 'tthc.index766/1' or 'tthc.index766/2', got 'x/1'",
            "$.extra: unknown key",
            "$.groups[2].indicators[0]: unknown source 'nowhere'",
            (
                "$.groups[2].indicators[2]: Indicator.threshold: expected None or a percentage "
                "above 0 and at most 100, got Decimal('500')"
            ),
            "$.groups[4].colour: unknown key",
            "$.signed_on: expected a date (YYYY-MM-DD), got '23/06/2022'",
        ]

    def test_structure_problems(self, tmp_path: Path) -> None:
        """Bad shapes are reported per place: sources, groups, indicators, duplicate ids."""
        data = copy.deepcopy(_shipped())
        data["groups"][0]["indicators"].append("not an object")
        data["groups"][1]["indicators"].append(copy.deepcopy(data["groups"][1]["indicators"][0]))
        data["groups"][2]["sources"] = "groups"
        data["groups"].append(7)
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_index766(path)
        assert info.value.problems == [
            "$.groups[0].indicators[4]: expected an object",
            "$.groups[2]: expected a list of source keys",
            "$.groups[5]: expected an object",
            "$: Index766.groups: expected indicators with distinct ids, got '2.1'",
        ]

    def test_sources_not_an_object(self, tmp_path: Path) -> None:
        """Sources must be an object of key to citation."""
        data = copy.deepcopy(_shipped())
        data["sources"] = ["a"]
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_index766(path)
        assert info.value.problems[0] == "$.sources: expected an object of key → citation"

    def test_not_json(self, tmp_path: Path) -> None:
        """A file that is not JSON is a LoadError."""
        path = tmp_path / "bad.json"
        path.write_text("{", encoding="utf-8")
        with pytest.raises(LoadError, match="not valid JSON"):
            load_index766(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read is a LoadError naming it, not a bare OSError."""
        path = tmp_path / "absent.json"
        with pytest.raises(LoadError, match="cannot read the file") as info:
            load_index766(path)
        assert info.value.source == str(path)

    def test_not_an_object(self, tmp_path: Path) -> None:
        """A JSON list is not an index."""
        path = tmp_path / "bad.json"
        path.write_text("[1]", encoding="utf-8")
        with pytest.raises(LoadError, match=re.escape("$: expected a JSON object")):
            load_index766(path)
