"""tthc.dossiers.obligations: the desk's and the agency's limits, and the breaches found.

Expected instants are counted by hand in the comments, with office hours 08:00-12:00 and
13:00-17:00. Calendar facts used: Saturday 10 January 2026 was a working day (swapped with Friday
2 January, Công văn 12729/VPCP-KGVX); 17-18 January 2026 was an ordinary weekend; March 2026 has no
day off on a weekday; June and July 2025 have none in the weeks used.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tthc import VN_TZ, Certainty, Duration, InvalidValueError
from tthc.deadlines import ruleset
from tthc.dossiers import (
    Dossier,
    ProcessingStarted,
    Received,
    Refused,
    Rescheduled,
    Resolved,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.dossiers.obligations import (
    Obligation,
    ObligationState,
    apology_obligation,
    check_dossier,
    correction_obligation,
    count_findings,
    cross_level_forward_obligation,
    dossier_legal_due_at,
    dossier_supplements,
    fee_transfer_obligation,
    online_receipt_obligation,
    paper_forward_obligation,
    supplement_close_obligation,
    supplement_request_obligation,
)
from tthc.procedures import Channel

MET, MISSED, PENDING = ObligationState.MET, ObligationState.MISSED, ObligationState.PENDING


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant, Vietnam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def dossier(
    received: dt.datetime = at(2026, 3, 2, 9),  # noqa: B008 - an immutable default
    *,
    channel: Channel = Channel.POSTAL,
    days: int = 5,
    events: tuple[object, ...] = (),
) -> Dossier:
    """A dossier received at ``received`` (Monday 2/3/2026 09:00: 5 working days end 9/3 09:00).

    Sent by post by default, so that the in-person forwarding rule does not apply.
    """
    code = f"000.00.10.H26-{received:%y%m%d}-00001"
    d = Dossier(
        code=code,
        procedure_code="1.000000",
        channel=channel,
        submitted_at=received,
        received_at=received,
        processing_time=Duration.working_days(days),
    )
    return d.apply_all(events)  # type: ignore[arg-type]


def rule_ids(findings: object) -> list[str]:
    return [f.rule.id for f in findings]  # type: ignore[attr-defined]


class TestOnlineReceipt:
    """Decree 118/2025 Art. 17(2)(c): "thông báo về việc tiếp nhận chính thức hoặc yêu cầu chỉnh
    sửa, bổ sung hồ sơ … không muộn hơn 08 (tám) giờ làm việc kể từ khi Hệ thống thông tin giải
    quyết thủ tục hành chính tiếp nhận hồ sơ"."""

    def test_over_a_weekend(self) -> None:
        # Friday 16/1/2026 15:00: 2 hours on Friday, none on Saturday 17 or Sunday 18, 4 hours
        # on Monday morning, 2 more from 13:00: due Monday 19/1 15:00.
        ob = online_receipt_obligation(at(2026, 1, 16, 15), confirmed_at=at(2026, 1, 19, 16))
        assert ob.due_at == at(2026, 1, 19, 15)
        assert ob.state() is MISSED
        assert ob.citation == "Nghị định 118/2025/NĐ-CP, Art. 17(2)(c)"
        on_time = online_receipt_obligation(at(2026, 1, 16, 15), confirmed_at=at(2026, 1, 19, 15))
        assert on_time.state() is MET

    def test_over_a_working_saturday(self) -> None:
        # Friday 9/1/2026 14:00: 3 hours on Friday; Saturday 10/1 is worked: 4 hours in the
        # morning and 1 from 13:00: due Saturday 10/1 14:00, not on Monday.
        ob = online_receipt_obligation(at(2026, 1, 9, 14))
        assert ob.due_at == at(2026, 1, 10, 14)
        assert ob.state(at(2026, 1, 10, 14)) is PENDING
        assert ob.state(at(2026, 1, 12, 8, 30)) is MISSED
        late = online_receipt_obligation(at(2026, 1, 9, 14), confirmed_at=at(2026, 1, 12, 8, 30))
        assert late.state() is MISSED
        # Judged before the late confirmation, it was still pending.
        assert late.state(at(2026, 1, 10, 9)) is PENDING

    def test_dossier_confirmed_late(self) -> None:
        d = Dossier(
            code="000.00.10.H26-260109-00001",
            procedure_code="1.000000",
            channel=Channel.ONLINE,
            submitted_at=at(2026, 1, 9, 14),
            processing_time=Duration.working_days(5),
        ).apply(Received(at=at(2026, 1, 12, 8, 30)))
        check = check_dossier(d)
        assert rule_ids(check.findings) == ["online_receipt_confirm"]
        assert check.findings[0].at == at(2026, 1, 12, 8, 30)
        assert "Art. 17(2)(c)" in str(check.findings[0])

    def test_dossier_refused_in_time(self) -> None:
        d = Dossier(
            code="000.00.10.H26-260109-00001",
            procedure_code="1.000000",
            channel=Channel.ONLINE,
            submitted_at=at(2026, 1, 9, 14),
            processing_time=Duration.working_days(5),
        ).apply(Refused(at=at(2026, 1, 10, 9)))
        check = check_dossier(d)
        assert [o.state() for o in check.obligations] == [MET]
        assert check.is_compliant


class TestPaperForward:
    """Decree 118/2025 Art. 18(2): "Chuyển ngay hồ sơ tiếp nhận trực tiếp trong ngày làm việc
    hoặc chuyển vào đầu giờ ngày làm việc tiếp theo đối với trường hợp tiếp nhận sau 15 giờ
    hàng ngày."."""

    @pytest.mark.parametrize(
        ("received", "due"),
        [
            pytest.param(at(2026, 3, 2, 9), at(2026, 3, 2, 17), id="morning: same day's close"),
            pytest.param(at(2026, 3, 2, 15), at(2026, 3, 2, 17), id="15:00 is not after 15:00"),
            pytest.param(at(2026, 3, 2, 15, 1), at(2026, 3, 3, 8), id="after 15:00: next opening"),
            pytest.param(at(2026, 3, 6, 16), at(2026, 3, 9, 8), id="Friday 16:00: Monday 08:00"),
            pytest.param(at(2026, 3, 7, 10), at(2026, 3, 9, 17), id="Saturday: Monday's close"),
        ],
    )
    def test_due(self, received: dt.datetime, due: dt.datetime) -> None:
        assert paper_forward_obligation(received).due_at == due

    def test_dossier(self) -> None:
        late = dossier(
            at(2026, 3, 2, 15, 30),
            channel=Channel.IN_PERSON,
            events=(ProcessingStarted(at=at(2026, 3, 3, 9)),),
        )
        assert rule_ids(check_dossier(late).findings) == ["paper_forward"]
        ok = dossier(
            at(2026, 3, 2, 15, 30),
            channel=Channel.IN_PERSON,
            events=(ProcessingStarted(at=at(2026, 3, 3, 8)),),
        )
        assert check_dossier(ok).is_compliant


class TestSupplementRequests:
    """Decree 118/2025 Art. 19(5): "Thời gian thông báo trả lại hồ sơ không quá 03 ngày làm việc
    kể từ ngày tiếp nhận hồ sơ"; Art. 11(2)(c): "chỉ được yêu cầu sửa đổi, bổ sung một lần"."""

    def test_within_3_working_days(self) -> None:
        # Received Thursday 5/3/2026 10:00: 3 working days end Tuesday 10/3 10:00.
        ob = supplement_request_obligation(at(2026, 3, 5, 10), requested_at=at(2026, 3, 10, 11))
        assert ob.due_at == at(2026, 3, 10, 10)
        assert ob.state() is MISSED

    def test_second_request_is_a_breach(self) -> None:
        d = dossier(
            events=(
                SupplementRequested(at=at(2026, 3, 3, 9)),
                SupplementSupplied(at=at(2026, 3, 4, 9)),
                SupplementRequested(at=at(2026, 3, 5, 9)),
            )
        )
        check = check_dossier(d)
        assert rule_ids(check.findings) == ["supplement_once"]
        finding = check.findings[0]
        assert finding.at == at(2026, 3, 5, 9)
        assert finding.citation == "Nghị định 118/2025/NĐ-CP, Art. 11(2)(c)"
        # The event was recorded, not refused.
        assert d.supplement_requests == 2

    def test_count_findings(self) -> None:
        found = count_findings(
            "reschedule_once",
            [at(2026, 3, 5, 9), at(2026, 3, 4, 9), at(2026, 3, 6, 9)],
            ruleset="nd118_2025",
            what="new appointment",
        )
        assert [f.at for f in found] == [at(2026, 3, 5, 9), at(2026, 3, 6, 9)]
        assert found[0].message == "new appointment No. 2 (at most 1 allowed)"
        assert count_findings("reschedule_once", [], ruleset="nd61_2018", what="x") == ()
        with pytest.raises(InvalidValueError, match="count limit"):
            count_findings("paper_forward", [], ruleset="nd118_2025", what="x")


class TestSupplementClose:
    """Decree 118/2025 Art. 19(5): "Sau 15 ngày kể từ khi thông báo …, nếu tổ chức, cá nhân
    không hoàn thành việc hoàn thiện hồ sơ, … thực hiện đóng hồ sơ"."""

    def test_fifteen_calendar_days(self) -> None:
        # Notice Monday 2/3/2026 10:00; the notice day is not counted: day 15 is Tuesday 17/3,
        # the period ends at its close; the close falls due on the next working day, 18/3.
        ob = supplement_close_obligation(at(2026, 3, 2, 10))
        assert ob is not None
        assert ob.earliest_at == at(2026, 3, 17, 17)
        assert ob.due_at == at(2026, 3, 18, 17)
        assert ob.state(at(2026, 3, 18, 9)) is PENDING
        assert ob.state(at(2026, 3, 19, 9)) is MISSED
        # Day 15 on a Sunday moves to Monday: notice Saturday 28/2 → Sunday 15/3 → 16/3.
        later = supplement_close_obligation(at(2026, 2, 28, 10))
        assert later is not None
        assert later.earliest_at == at(2026, 3, 16, 17)
        assert later.due_at == at(2026, 3, 17, 17)

    def test_closed_too_early(self) -> None:
        ob = supplement_close_obligation(at(2026, 3, 2, 10), closed_at=at(2026, 3, 10, 9))
        assert ob is not None
        assert ob.is_premature
        assert ob.state() is MISSED

    def test_supplied_in_time(self) -> None:
        assert (
            supplement_close_obligation(at(2026, 3, 2, 10), supplied_at=at(2026, 3, 10, 9)) is None
        )

    def test_not_in_the_2018_set(self) -> None:
        with pytest.raises(InvalidValueError, match="supplement_close"):
            supplement_close_obligation(at(2026, 3, 2, 10), ruleset="nd61_2018")

    def test_dossier_closed_by_a_refusal(self) -> None:
        d = dossier(
            events=(
                SupplementRequested(at=at(2026, 3, 3, 9)),
                Refused(at=at(2026, 3, 19, 9), note="supplement not received"),
            )
        )
        check = check_dossier(d)
        close = [o for o in check.obligations if o.rule.id == "supplement_close"]
        assert [o.state() for o in close] == [MET]

    def test_dossier_left_open(self) -> None:
        d = dossier(events=(SupplementRequested(at=at(2026, 3, 3, 9)),))
        # Day 15 after Tuesday 3/3 is Wednesday 18/3; the close is due Thursday 19/3 17:00.
        check = check_dossier(d, as_of=at(2026, 3, 20, 9))
        assert rule_ids(check.findings) == ["supplement_close"]
        assert check.findings[0].at == at(2026, 3, 19, 17)

    def test_withdrawn(self) -> None:
        d = dossier(
            events=(SupplementRequested(at=at(2026, 3, 3, 9)), Withdrawn(at=at(2026, 3, 4, 9)))
        )
        assert not [o for o in check_dossier(d).obligations if o.rule.id == "supplement_close"]


class TestApology:
    """Decree 118/2025 Art. 19(6): "trong thời hạn chậm nhất 01 ngày trước ngày hết hạn, … gửi
    văn bản xin lỗi …"; "Việc hẹn lại ngày trả kết quả được thực hiện không quá một lần."."""

    def test_due_the_working_day_before(self) -> None:
        # Due Monday 9/3/2026 09:00: the letter is due by Friday 6/3 17:00.
        ob = apology_obligation(at(2026, 3, 9, 9), sent_at=at(2026, 3, 6, 16))
        assert ob.due_at == at(2026, 3, 6, 17)
        assert ob.state() is MET

    def test_on_the_due_day_is_a_breach(self) -> None:
        # 5 working days from Monday 2/3 09:00: due Monday 9/3 09:00; apology that morning.
        slip = Rescheduled(at=at(2026, 3, 9, 8, 30), new_due_at=at(2026, 3, 11, 9), reason="x")
        check = check_dossier(dossier(events=(slip,)))
        assert rule_ids(check.findings) == ["apology_notice"]
        assert check.findings[0].citation == "Nghị định 118/2025/NĐ-CP, Art. 19(6)"
        assert check.findings[0].at == at(2026, 3, 9, 8, 30)

    def test_second_apology_is_a_breach(self) -> None:
        first = Rescheduled(at=at(2026, 3, 5, 9), new_due_at=at(2026, 3, 11, 9), reason="x")
        second = Rescheduled(at=at(2026, 3, 10, 9), new_due_at=at(2026, 3, 13, 9), reason="y")
        check = check_dossier(dossier(events=(first, second)))
        assert rule_ids(check.findings) == ["reschedule_once"]
        assert check.findings[0].at == at(2026, 3, 10, 9)
        assert check.findings[0].citation == "Nghị định 118/2025/NĐ-CP, Art. 19(6)"

    def test_late_without_apology(self) -> None:
        check = check_dossier(dossier(events=(Resolved(at=at(2026, 3, 10, 9)),)))
        assert rule_ids(check.findings) == ["apology_notice"]
        assert check.findings[0].at == at(2026, 3, 6, 17)

    def test_on_time_needs_none(self) -> None:
        check = check_dossier(dossier(events=(Resolved(at=at(2026, 3, 9, 9)),)))
        assert check.is_compliant
        assert check.obligations == ()

    def test_judged_against_the_legal_due_date(self) -> None:
        # With a supplement (asked 3/3 09:00, supplied 5/3 09:00) the legal due date restarts:
        # Thursday 12/3 09:00, so the apology is due Wednesday 11/3 17:00; Decision 766 judges
        # against Wednesday 11/3 09:00.
        d = dossier(
            events=(
                SupplementRequested(at=at(2026, 3, 3, 9)),
                SupplementSupplied(at=at(2026, 3, 5, 9)),
                Rescheduled(at=at(2026, 3, 11, 16), new_due_at=at(2026, 3, 16, 9), reason="x"),
            )
        )
        check = check_dossier(d)
        assert check.legal_due_at == at(2026, 3, 12, 9)
        assert check.timeliness_due_at == at(2026, 3, 11, 9)
        apology = next(o for o in check.obligations if o.rule.id == "apology_notice")
        assert apology.due_at == at(2026, 3, 11, 17)
        assert apology.state() is MET


class TestCutover:
    """A dossier received on 30/6/2025 is under the 2018 set; one received on 1/7/2025 under 118.

    The choice by receipt date is the library's policy (Decree 118/2025 Art. 40(1) has no
    transitional clause).
    """

    def events(self) -> tuple[object, ...]:
        # Two new appointments before the due date.
        return (
            Rescheduled(at=at(2025, 7, 2, 9), new_due_at=at(2025, 7, 10, 9), reason="x"),
            Rescheduled(at=at(2025, 7, 3, 9), new_due_at=at(2025, 7, 11, 9), reason="y"),
        )

    def test_30_june(self) -> None:
        check = check_dossier(dossier(at(2025, 6, 30, 9), events=self.events()))
        assert check.ruleset.name == "nd61_2018"
        # No "at most one new appointment" rule was traced in the 2018 texts: not checked.
        assert "reschedule_once" in check.not_checked
        assert "supplement_close" in check.not_checked
        assert check.is_compliant
        assert {o.certainty for o in check.obligations} == {Certainty.UNCERTAIN}

    def test_1_july(self) -> None:
        check = check_dossier(dossier(at(2025, 7, 1, 9), events=self.events()))
        assert check.ruleset.name == "nd118_2025"
        assert check.not_checked == ()
        assert rule_ids(check.findings) == ["reschedule_once"]

    def test_pinned(self) -> None:
        check = check_dossier(
            dossier(at(2025, 6, 30, 9), events=self.events()), ruleset="nd118_2025"
        )
        assert rule_ids(check.findings) == ["reschedule_once"]


class TestOtherObligations:
    """Arts. 20(1)(a), 23(1) and 24(3) of Decree 118/2025."""

    def test_cross_level_forward(self) -> None:
        # "trong không quá 01 ngày làm việc kể từ khi tiếp nhận hồ sơ": Friday 6/3 10:00 →
        # Monday 9/3 10:00.
        ob = cross_level_forward_obligation(at(2026, 3, 6, 10))
        assert ob.due_at == at(2026, 3, 9, 10)
        assert ob.citation == "Nghị định 118/2025/NĐ-CP, Art. 20(1)(a)"

    def test_correction(self) -> None:
        # "chậm nhất trong vòng 03 ngày làm việc": Wednesday 4/3 14:00 → Monday 9/3 14:00.
        assert correction_obligation(at(2026, 3, 4, 14)).due_at == at(2026, 3, 9, 14)

    def test_fee_transfer(self) -> None:
        # "trong 08 (tám) giờ làm việc tính từ thời điểm thanh toán": Friday 6/3 16:00 → 1 hour
        # on Friday, 4 on Monday morning, 3 from 13:00: Monday 9/3 16:00.
        assert fee_transfer_obligation(at(2026, 3, 6, 16)).due_at == at(2026, 3, 9, 16)

    def test_sector_law_limit(self) -> None:
        # A specialised law's own time comes first (Art. 24(3)); here 2 working days.
        rs = ruleset("nd118_2025").override(
            "online_fee_to_budget",
            limit=Duration.working_days(2),
            document="(sector law)",
            article="Art. 1",
        )
        ob = fee_transfer_obligation(at(2026, 3, 6, 16), ruleset=rs)
        assert ob.due_at == at(2026, 3, 10, 16)
        assert ob.citation == "(sector law), Art. 1"


class TestMisc:
    def test_naive_refused(self) -> None:
        naive = dt.datetime(2026, 3, 2, 9)
        with pytest.raises(InvalidValueError, match=re.escape(repr(naive))):
            online_receipt_obligation(naive)

    def test_obligation_validates(self) -> None:
        with pytest.raises(InvalidValueError) as info:
            Obligation(
                rule="x",  # type: ignore[arg-type]
                ruleset=ruleset("nd118_2025"),
                starts_at=at(2026, 3, 2, 9),
                due_at=at(2026, 3, 2, 9),
            )
        assert info.value.field == "Obligation.rule"

    def test_not_a_dossier(self) -> None:
        with pytest.raises(InvalidValueError, match="a Dossier"):
            check_dossier("x")  # type: ignore[arg-type]

    def test_supplements_and_legal_due(self) -> None:
        d = dossier(
            events=(
                SupplementRequested(at=at(2026, 3, 3, 9)),
                SupplementSupplied(at=at(2026, 3, 5, 9)),
                SupplementRequested(at=at(2026, 3, 6, 9)),
            )
        )
        assert [(s.requested_at, s.supplied_at) for s in dossier_supplements(d)] == [
            (at(2026, 3, 3, 9), at(2026, 3, 5, 9)),
            (at(2026, 3, 6, 9), None),
        ]
        # Awaiting the second supplement: the legal clock has not restarted.
        assert dossier_legal_due_at(d) is None

    def test_explain(self) -> None:
        slip = Rescheduled(at=at(2026, 3, 9, 8, 30), new_due_at=at(2026, 3, 11, 9), reason="x")
        text = check_dossier(dossier(events=(slip,))).explain()
        assert text.splitlines()[0] == (
            "Dossier 000.00.10.H26-260302-00001 under Decree 118/2025/NĐ-CP (nd118_2025)"
        )
        assert "Legal due: 09/03/2026 09:00" in text
        assert "apology_notice: due 06/03/2026 17:00, done 09/03/2026 08:30: missed" in text
