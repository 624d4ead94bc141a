"""tthc.deadlines.rules: the one-stop rule sets by receipt date, and the legal due date.

Expected instants are counted by hand in the comments (office hours 08:00-12:00 and 13:00-17:00).
March 2026 and June 2025 have no day off on a weekday in the weeks used: Monday 2 March 2026 to
Friday 13 March 2026, and Monday 2 June 2025 to Friday 13 June 2025, are all working days.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re

import attrs
import pytest

from tthc import VN_TZ, Certainty, DeadlinePolicy, Duration, InvalidValueError, LoadError
from tthc.deadlines import (
    CUTOVER_ON,
    Reschedule,
    Rule,
    RuleStatus,
    Supplement,
    SupplementClock,
    compute_deadline,
    legal_deadline,
    legal_due_at,
    load_onestop_rules,
    onestop_rulesets,
    ruleset,
    ruleset_for,
    timeliness_deadline,
    timeliness_due_at,
)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant, Vietnam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class TestShippedSets:
    """The shipped sets: Decree 61/2018 (+107/2021) until 30/6/2025, Decree 118/2025 from 1/7/2025.

    Decree 118/2025 Art. 40(1): "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm
    2025. Nghị định số 61/2018/NĐ-CP … Nghị định số 107/2021/NĐ-CP … hết hiệu lực kể từ ngày
    Nghị định này có hiệu lực thi hành."
    """

    def test_two_sets_oldest_first(self) -> None:
        sets = onestop_rulesets()
        assert [s.name for s in sets] == ["nd61_2018", "nd118_2025"]
        assert sets[0].in_force_until == dt.date(2025, 7, 1) == sets[1].in_force_from
        assert sets[1].in_force_until is None
        assert dt.date(2025, 7, 1) == CUTOVER_ON

    def test_2025_rules_cite_their_articles(self) -> None:
        rs = ruleset("nd118_2025")
        expected = {
            "online_receipt_confirm": ("Art. 17(2)(c)", "8 giờ làm việc"),
            "paper_forward": ("Art. 18(2)", "0 ngày làm việc"),
            "supplement_after_appraisal_notice": ("Art. 19(5)", "3 ngày làm việc"),
            "supplement_close": ("Art. 19(5)", "15 ngày"),
            "apology_notice": ("Art. 19(6)", "1 ngày"),
            "cross_level_forward": ("Art. 20(1)(a)", "1 ngày làm việc"),
            "wrong_result_correction": ("Art. 23(1)", "3 ngày làm việc"),
            "online_fee_to_budget": ("Art. 24(3)", "8 giờ làm việc"),
        }
        for rule_id, (article, limit) in expected.items():
            rule = rs.rule(rule_id)
            assert (rule.article, str(rule.limit)) == (article, limit), rule_id
            assert rule.document == "Nghị định 118/2025/NĐ-CP"
            assert rule.status is RuleStatus.IN_FORCE
            # One copy of the text was read: "the law says" is secondary.
            assert rule.certainty is Certainty.CONFIRMED_SECONDARY
            assert rule.quote
        assert rs.rule("supplement_once").max_count == 1
        assert rs.rule("reschedule_once").max_count == 1
        assert rs.rule("paper_forward").cutoff == dt.time(15)
        assert rs.supplement_clock is SupplementClock.RESTART

    def test_2025_quotes_carry_the_numbers(self) -> None:
        # The limits are those written in the quoted text, not a paraphrase.
        rs = ruleset("nd118_2025")
        assert "08 (tám) giờ làm việc" in (rs.rule("online_receipt_confirm").quote or "")
        assert "03 ngày làm việc" in (rs.rule("supplement_after_appraisal_notice").quote or "")
        assert "tính lại từ đầu" in (rs.rule("supplement_after_appraisal_clock").quote or "")
        assert "Sau 15 ngày" in (rs.rule("supplement_close").quote or "")
        assert "chậm nhất 01 ngày trước ngày hết hạn" in (rs.rule("apology_notice").quote or "")
        assert "không quá một lần" in (rs.rule("reschedule_once").quote or "")
        assert "sau 15 giờ" in (rs.rule("paper_forward").quote or "")

    def test_2018_rules_are_uncertain_and_unquoted(self) -> None:
        rs = ruleset("nd61_2018")
        assert rs.rules
        for rule in rs.rules:
            assert rule.certainty is Certainty.UNCERTAIN, rule.id
            assert rule.quote is None, rule.id
            assert rule.status is RuleStatus.CEASED, rule.id
        # Rules not traced in the old texts are left out rather than guessed.
        for missing in (
            "supplement_close",
            "cross_level_forward",
            "wrong_result_correction",
            "online_fee_to_budget",
            "reschedule_once",
        ):
            assert rs.get(missing) is None

    def test_forms_of_each_circular(self) -> None:
        new = ruleset("nd118_2025")
        assert (
            new.form("apology").title == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
        )
        assert new.form("apology").citation == "Thông tư 03/2025/TT-VPCP, mẫu số 04"
        assert new.form("stop_notice").title == "Thông báo dừng giải quyết hồ sơ"
        assert new.form("stop_notice").number == "05"
        old = ruleset("nd61_2018")
        assert old.form("apology").title == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
        with pytest.raises(InvalidValueError, match="stop_notice"):
            old.form("stop_notice")

    def test_unknown_names(self) -> None:
        with pytest.raises(InvalidValueError, match=re.escape("'nd999'")) as info:
            ruleset("nd999")
        assert info.value.field == "ruleset(name)"
        with pytest.raises(InvalidValueError, match="online_receipt_confirm"):
            ruleset("nd118_2025").rule("no_such_rule")

    def test_pickle(self) -> None:
        rs = ruleset("nd118_2025")
        assert pickle.loads(pickle.dumps(rs)) == rs  # noqa: S301 - our own object


class TestRulesetFor:
    """The set in force is chosen by the receipt day, in Vietnam time (the library's policy)."""

    @pytest.mark.parametrize(
        ("received", "name"),
        [
            pytest.param(dt.date(2025, 6, 30), "nd61_2018", id="30/6/2025"),
            pytest.param(dt.date(2025, 7, 1), "nd118_2025", id="1/7/2025"),
            pytest.param(at(2025, 6, 30, 23, 59), "nd61_2018", id="30/6/2025 23:59"),
            pytest.param(at(2025, 7, 1, 0, 0), "nd118_2025", id="1/7/2025 00:00"),
            # 17:00 UTC on 30/6 is 00:00 on 1/7 in Vietnam.
            pytest.param(dt.datetime(2025, 6, 30, 17, tzinfo=dt.UTC), "nd118_2025", id="utc"),
            pytest.param(dt.date(2018, 4, 23), "nd61_2018", id="signed 23/4/2018"),
            pytest.param(dt.date(2026, 12, 2), "nd118_2025", id="2026"),
        ],
    )
    def test_by_receipt_day(self, received: dt.date, name: str) -> None:
        assert ruleset_for(received).name == name

    def test_before_the_2018_decree(self) -> None:
        with pytest.raises(InvalidValueError, match="no rule set covers it") as info:
            ruleset_for(dt.date(2018, 4, 22))
        assert info.value.field == "ruleset_for(received)"

    def test_naive_instant_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="aware"):
            ruleset_for(dt.datetime(2025, 7, 1, 9))

    def test_own_sets(self) -> None:
        sector = attrs.evolve(
            ruleset("nd118_2025"), name="sector", in_force_from=dt.date(2026, 1, 1)
        )
        base = attrs.evolve(ruleset("nd118_2025"), in_force_until=dt.date(2026, 1, 1))
        assert ruleset_for(dt.date(2026, 3, 2), rulesets=[base, sector]).name == "sector"
        assert ruleset_for(dt.date(2025, 12, 31), rulesets=[base, sector]).name == "nd118_2025"
        with pytest.raises(InvalidValueError, match="more than one rule set"):
            ruleset_for(dt.date(2026, 3, 2), rulesets=[ruleset("nd118_2025"), sector])


class TestOverride:
    """A specialised law may set another limit where the decree defers to it."""

    def test_sector_law_replaces_a_limit(self) -> None:
        rs = ruleset("nd118_2025").override(
            "supplement_after_appraisal_notice",
            limit=Duration.working_days(5),
            document="(sector law)",
            article="Art. 9",
            name="sector",
        )
        rule = rs.rule("supplement_after_appraisal_notice")
        assert rule.limit == Duration.working_days(5)
        assert rule.citation == "(sector law), Art. 9"
        assert rule.status is RuleStatus.SPECIALISED
        assert rs.name == "sector"
        # The rest of the set is unchanged.
        assert rs.rule("reschedule_once") == ruleset("nd118_2025").rule("reschedule_once")

    def test_a_rule_that_does_not_defer(self) -> None:
        # Art. 20(1)(a) sets 1 working day with no "unless a specialised law" clause.
        with pytest.raises(InvalidValueError, match="does not defer"):
            ruleset("nd118_2025").override(
                "cross_level_forward",
                limit=Duration.working_days(2),
                document="x",
                article="y",
            )

    def test_with_rules_adds(self) -> None:
        extra = Rule(
            id="extra",
            title="An extra rule",
            limit=Duration.working_days(2),
            article="Art. 1",
            document="x",
            certainty="uncertain",
        )
        rs = ruleset("nd118_2025").with_rules(extra)
        assert rs.rule("extra") is extra
        assert rs.name == "nd118_2025+custom"
        with pytest.raises(InvalidValueError, match="Rule items"):
            ruleset("nd118_2025").with_rules("extra")  # type: ignore[arg-type]

    def test_duplicate_ids_refused(self) -> None:
        rule = ruleset("nd118_2025").rule("supplement_once")
        with pytest.raises(InvalidValueError, match="distinct ids"):
            attrs.evolve(ruleset("nd118_2025"), rules=(rule, rule))


class TestSupplementAfterAppraisal:
    """Decree 118/2025 Art. 19(5): "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ."

    The legal due date restarts on the complete dossier; Decision 766 indicator 2.1 pauses the
    clock while the applicant supplements.
    """

    def test_under_the_2025_set(self) -> None:
        # Received Monday 2/3/2026 09:00, 5 working days: due Monday 9/3 09:00 without a
        # supplement. Asked Tuesday 3/3 09:00, supplied Thursday 5/3 09:00.
        asked = [Supplement(requested_at=at(2026, 3, 3, 9), supplied_at=at(2026, 3, 5, 9))]
        five = Duration.working_days(5)
        # Restart: 5 working days from Thursday 5/3 09:00 = Thursday 12/3 09:00.
        assert legal_due_at(at(2026, 3, 2, 9), five, supplements=asked) == at(2026, 3, 12, 9)
        # Pause: 9/3 09:00 moved by the 2 working days waited = Wednesday 11/3 09:00.
        assert timeliness_due_at(at(2026, 3, 2, 9), five, supplements=asked) == at(2026, 3, 11, 9)

    def test_under_the_2018_set(self) -> None:
        # The 2018 set encodes the restart believed to come from Decree 107/2021 (uncertain).
        # Received Monday 2/6/2025 09:00, 5 working days; asked 3/6 09:00, supplied 5/6 09:00.
        asked = [Supplement(requested_at=at(2025, 6, 3, 9), supplied_at=at(2025, 6, 5, 9))]
        five = Duration.working_days(5)
        legal = legal_deadline(at(2025, 6, 2, 9), five, supplements=asked)
        assert legal is not None
        assert legal.ruleset is not None
        assert legal.ruleset.name == "nd61_2018"
        assert legal.ruleset.rule("supplement_after_appraisal_clock").certainty is (
            Certainty.UNCERTAIN
        )
        # Restart from Thursday 5/6/2025 09:00: Thursday 12/6 09:00.
        assert legal.due_at == at(2025, 6, 12, 9)
        # The 2018 wording recalled as "time already spent counts": override with a pause.
        paused = ruleset("nd61_2018").override(
            "supplement_after_appraisal_clock",
            clock=SupplementClock.PAUSE,
            document="Nghị định 61/2018/NĐ-CP",
            article="(as first issued)",
            certainty=Certainty.UNCERTAIN,
        )
        # Pause: Monday 9/6 09:00 + 2 working days = Wednesday 11/6 09:00.
        assert legal_due_at(at(2025, 6, 2, 9), five, supplements=asked, ruleset=paused) == at(
            2025, 6, 11, 9
        )

    def test_awaited_supplement(self) -> None:
        asked = [Supplement(requested_at=at(2026, 3, 3, 9))]
        assert (
            legal_deadline(at(2026, 3, 2, 9), Duration.working_days(5), supplements=asked) is None
        )
        # Decision 766 meanwhile keeps the original due instant (Monday 9/3 09:00).
        assert timeliness_due_at(
            at(2026, 3, 2, 9), Duration.working_days(5), supplements=asked
        ) == at(2026, 3, 9, 9)

    def test_two_supplements_restart_from_the_last(self) -> None:
        asked = [
            Supplement(requested_at=at(2026, 3, 6, 9), supplied_at=at(2026, 3, 6, 11)),
            Supplement(requested_at=at(2026, 3, 3, 9), supplied_at=at(2026, 3, 5, 9)),
        ]
        # From Friday 6/3 11:00, 5 working days: Friday 13/3 11:00.
        assert legal_due_at(at(2026, 3, 2, 9), Duration.working_days(5), supplements=asked) == at(
            2026, 3, 13, 11
        )

    def test_no_supplement_both_agree(self) -> None:
        five = Duration.working_days(5)
        assert (
            legal_due_at(at(2026, 3, 2, 9), five)
            == timeliness_due_at(at(2026, 3, 2, 9), five)
            == at(2026, 3, 9, 9)
        )

    def test_supplement_before_receipt_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="on or after the receipt"):
            legal_deadline(
                at(2026, 3, 2, 9),
                Duration.working_days(5),
                supplements=[Supplement(requested_at=at(2026, 3, 2, 8))],
            )

    def test_supplied_before_requested_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="supplied_at") as info:
            Supplement(requested_at=at(2026, 3, 3, 9), supplied_at=at(2026, 3, 3, 8))
        assert info.value.field == "Supplement.supplied_at"


class TestExplanationNamesTheSet:
    """The Deadline names the rule set it was counted under."""

    def test_explain(self) -> None:
        d = timeliness_deadline(at(2026, 3, 2, 9), Duration.working_days(1))
        assert d.ruleset == ruleset("nd118_2025")
        assert "Rule set: Decree 118/2025/NĐ-CP (nd118_2025)" in d.explain().splitlines()

    def test_compute_deadline_without_a_set(self) -> None:
        d = compute_deadline(at(2026, 3, 2, 9), Duration.working_days(1))
        assert d.ruleset is None
        assert "Rule set" not in d.explain()

    def test_compute_deadline_refuses_a_bad_set(self) -> None:
        with pytest.raises(InvalidValueError, match="RuleSet") as info:
            compute_deadline(
                at(2026, 3, 2, 9),
                Duration.working_days(1),
                ruleset="nd118_2025",  # type: ignore[arg-type]
            )
        assert info.value.field == "compute_deadline(ruleset)"

    def test_pin_by_name_and_reschedules_kept(self) -> None:
        slip = Reschedule(issued_at=at(2026, 3, 2, 10), new_due_at=at(2026, 3, 4, 9))
        d = legal_deadline(
            at(2026, 3, 2, 9),
            Duration.working_days(1),
            ruleset="nd61_2018",
            policy=DeadlinePolicy.civil_code(),
            reschedules=[slip],
        )
        assert d is not None
        assert d.ruleset is not None
        assert d.ruleset.name == "nd61_2018"
        assert d.appointment_at == at(2026, 3, 4, 9)


class TestLoad:
    """A rule file's problems are all reported at once."""

    def test_all_problems(self, tmp_path: object) -> None:
        import pathlib  # noqa: PLC0415

        assert isinstance(tmp_path, pathlib.Path)
        data = {
            "format": "x",
            "colour": 1,
            "sources": {"s": "a source"},
            "rulesets": [
                {
                    "name": "a",
                    "title": "A",
                    "document": "D",
                    "signed_on": "2020-01-01",
                    "rules": [
                        {
                            "id": "r",
                            "title": "R",
                            "limit": "ten days",
                            "article": "Art. 1",
                            "certainty": "confirmed",
                        },
                        {
                            "id": "q",
                            "title": "Q",
                            "article": "Art. 2",
                            "certainty": "sure",
                            "sources": ["nowhere"],
                        },
                    ],
                },
                {"name": "a", "title": "A", "document": "D", "signed_on": "1/1/2020"},
            ],
        }
        path = tmp_path / "rules.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_onestop_rules(path)
        problems = info.value.problems
        assert problems[0] == "$.format: expected 'tthc.onestop_rules/1', got 'x'"
        assert "$.colour: unknown key" in problems
        assert any(p.startswith("$.rulesets[0].rules[0].limit:") for p in problems)
        assert "$.rulesets[0].rules[1].sources: unknown source 'nowhere'" in problems
        assert any(p.startswith("$.rulesets[0].rules[1]: ") and "'sure'" in p for p in problems)
        assert any(p.startswith("$.rulesets[1].signed_on:") for p in problems)
