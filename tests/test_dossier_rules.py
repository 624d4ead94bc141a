"""The dossier under its one-stop rule set: legal and Decision 766 due instants, the close for a
missing supplement (Decree 118/2025 Art. 19(5)), the forms of the circular in force, and the
DVCQG sync mapping of the new end state.

Expected instants are counted by hand (office hours 08:00-12:00 and 13:00-17:00; March 2026 and
June 2025 have no day off on a weekday in the weeks used).
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from tthc import VN_TZ, Duration, InvalidTransitionError, LoadError
from tthc.deadlines import SupplementClock, ruleset
from tthc.dossiers import (
    Closed,
    Dossier,
    DossierStatus,
    Received,
    Refused,
    Rescheduled,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    check_dossier,
)
from tthc.io.dossiers import dump_dossiers, load_dossier_sync, load_dossiers, to_dossier_sync
from tthc.procedures import Channel


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant, Vietnam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def dossier(received: dt.datetime = at(2026, 3, 2, 9), **changes: object) -> Dossier:  # noqa: B008
    """A dossier sent by post, received at ``received``, 5 working days."""
    fields: dict[str, object] = {
        "code": f"000.00.10.H26-{received:%y%m%d}-00001",
        "procedure_code": "1.000000",
        "channel": Channel.POSTAL,
        "submitted_at": received,
        "received_at": received,
        "processing_time": Duration.working_days(5),
    }
    fields.update(changes)
    return Dossier(**fields)  # type: ignore[arg-type]


class TestRuleSetOfADossier:
    """The set in force on the receipt day, unless pinned (the library's cut-over policy)."""

    def test_by_receipt_day(self) -> None:
        assert dossier(at(2025, 6, 30, 9)).rules == ruleset("nd61_2018")
        assert dossier(at(2025, 7, 1, 9)).rules == ruleset("nd118_2025")

    def test_submitted_only(self) -> None:
        d = dossier(at(2025, 6, 30, 16), received_at=None)
        assert d.rules == ruleset("nd61_2018")
        assert d.apply(Received(at=at(2025, 7, 1, 8))).rules == ruleset("nd118_2025")

    def test_pinned(self) -> None:
        d = dossier(at(2025, 6, 30, 9), ruleset=ruleset("nd118_2025"))
        assert d.rules == ruleset("nd118_2025")
        assert check_dossier(d).ruleset == ruleset("nd118_2025")

    def test_before_any_set(self) -> None:
        d = dossier(at(2017, 3, 1, 9))
        assert d.rules is None
        assert d.legal_due_at is None
        # Decision 766's due instant does not need a rule set.
        assert d.due_at == at(2017, 3, 8, 9)


class TestTwoDueInstants:
    """Decree 118/2025 Art. 19(5): "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ
    sơ"; Decision 766 indicator 2.1 pauses the clock instead."""

    def test_after_a_supplement(self) -> None:
        d = dossier().apply_all(
            [
                SupplementRequested(at=at(2026, 3, 3, 9)),
                SupplementSupplied(at=at(2026, 3, 5, 9)),
            ]
        )
        # Restart: Thursday 5/3 09:00 + 5 working days; pause: Monday 9/3 09:00 + 2 days.
        assert d.legal_due_at == at(2026, 3, 12, 9)
        assert d.timeliness_due_at == d.due_at == at(2026, 3, 11, 9)
        assert d.legal_deadline is not None
        assert "Rule set: Decree 118/2025/NĐ-CP (nd118_2025)" in d.legal_deadline.explain()

    def test_under_the_2018_set_pinned_to_pause(self) -> None:
        paused = ruleset("nd61_2018").override(
            "supplement_after_appraisal_clock",
            clock=SupplementClock.PAUSE,
            document="Nghị định 61/2018/NĐ-CP",
            article="(as first issued)",
        )
        d = dossier(at(2025, 6, 2, 9), ruleset=paused).apply_all(
            [
                SupplementRequested(at=at(2025, 6, 3, 9)),
                SupplementSupplied(at=at(2025, 6, 5, 9)),
            ]
        )
        assert d.legal_due_at == d.timeliness_due_at == at(2025, 6, 11, 9)

    def test_awaited(self) -> None:
        d = dossier().apply(SupplementRequested(at=at(2026, 3, 3, 9)))
        assert d.legal_due_at is None
        assert d.timeliness_due_at == at(2026, 3, 9, 9)

    def test_stated_due_only(self) -> None:
        d = dossier(processing_time=None, stated_due_at=at(2026, 3, 9, 9))
        assert d.legal_due_at == at(2026, 3, 9, 9)
        assert d.apply(SupplementRequested(at=at(2026, 3, 3, 9))).legal_due_at is None


class TestRecordedBreaches:
    """Events that break a one-stop rule are kept, and reported; a forbidden move is refused."""

    def test_second_supplement_kept_and_reported(self) -> None:
        d = dossier().apply_all(
            [
                SupplementRequested(at=at(2026, 3, 3, 9)),
                SupplementSupplied(at=at(2026, 3, 4, 9)),
                SupplementRequested(at=at(2026, 3, 5, 9)),
            ]
        )
        assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
        assert [f.rule.id for f in check_dossier(d).findings] == ["supplement_once"]

    def test_forbidden_transition_refused(self) -> None:
        d = dossier()
        with pytest.raises(InvalidTransitionError):
            d.apply(Closed(at=at(2026, 3, 20, 9)))  # no open supplement request

    def test_apology_on_the_due_day(self) -> None:
        slip = Rescheduled(at=at(2026, 3, 9, 8), new_due_at=at(2026, 3, 11, 9), reason="x")
        d = dossier().apply(slip)
        [finding] = check_dossier(d).findings
        assert (finding.rule.id, finding.rule.article) == ("apology_notice", "Art. 19(6)")


class TestClosed:
    """Decree 118/2025 Art. 19(5): "Sau 15 ngày kể từ khi thông báo …, nếu tổ chức, cá nhân
    không hoàn thành việc hoàn thiện hồ sơ, … thực hiện đóng hồ sơ"."""

    def closed(self, when: dt.datetime) -> Dossier:
        return dossier().apply_all(
            [SupplementRequested(at=at(2026, 3, 3, 9)), Closed(at=when, note="Quá hạn bổ sung")]
        )

    def test_end_state(self) -> None:
        d = self.closed(at(2026, 3, 19, 9))
        assert d.status is DossierStatus.STOPPED
        assert d.closed_at == d.finished_at == at(2026, 3, 19, 9)
        assert d.status.is_final
        assert check_dossier(d).is_compliant

    def test_closed_too_early(self) -> None:
        # The 15 days after Tuesday 3/3 run to Wednesday 18/3 17:00.
        d = self.closed(at(2026, 3, 10, 9))
        [finding] = check_dossier(d).findings
        assert finding.rule.id == "supplement_close"
        assert "before it was allowed" in finding.message

    def test_stop_notice_form(self) -> None:
        d = self.closed(at(2026, 3, 19, 9))
        form = d.form_for(d.events[-1])
        assert form is not None
        assert (form.number, form.title) == ("05", "Thông báo dừng giải quyết hồ sơ")
        assert form.document == "Thông tư 03/2025/TT-VPCP"

    def test_json_round_trip(self) -> None:
        d = self.closed(at(2026, 3, 19, 9))
        assert json.loads(dump_dossiers([d]))[0]["events"][-1]["kind"] == "closed"
        assert load_dossiers(dump_dossiers([d])) == [d]

    def test_dvcqg_sync(self) -> None:
        # No national code of its own: status 8 "Dừng xử lý", the close as the end of processing.
        d = self.closed(at(2026, 3, 19, 9))
        wire = to_dossier_sync(d)
        assert wire["TrangThaiHoSo"] == "8"
        assert wire["NgayKetThucXuLy"] == "20260319090000"
        back = load_dossier_sync(json.dumps([wire]))[0]
        # Read back, the close is a stop; the check counts it as the close all the same.
        assert isinstance(back.events[-1], Stopped)
        assert back.status is DossierStatus.STOPPED
        assert check_dossier(back).is_compliant


class TestForms:
    """The form of the circular in force: Circular 03/2025 from 1/7/2025, 01/2018 before."""

    def test_apology_letter(self) -> None:
        slip = Rescheduled(at=at(2025, 7, 2, 9), new_due_at=at(2025, 7, 10, 9), reason="x")
        new = dossier(at(2025, 7, 1, 9)).apply(slip)
        old = dossier(at(2025, 6, 30, 9)).apply(slip)
        assert (
            new.form_for(slip).title == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
        )  # type: ignore[union-attr]
        assert old.form_for(slip).title == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"  # type: ignore[union-attr]

    def test_no_stop_notice_before_2025(self) -> None:
        d = dossier(at(2025, 6, 30, 9)).apply(Stopped(at=at(2025, 7, 2, 9)))
        assert d.form_for(d.events[-1]) is None

    def test_refusal_and_no_form(self) -> None:
        d = dossier().apply(Refused(at=at(2026, 3, 3, 9)))
        assert d.form_for(d.events[-1]).number == "03"  # type: ignore[union-attr]
        assert d.form_for(SupplementSupplied(at=at(2026, 3, 3, 9))) is None


class TestFormats:
    def test_ruleset_not_written_and_refused_on_read(self) -> None:
        d = dossier(ruleset=ruleset("nd118_2025"))
        [data] = json.loads(dump_dossiers([d]))
        assert "ruleset" not in data
        data["ruleset"] = "nd118_2025"
        with pytest.raises(LoadError, match="ruleset"):
            load_dossiers([data])

    def test_pin_after_loading(self) -> None:
        [d] = load_dossiers(dump_dossiers([dossier(at(2025, 6, 30, 9))]))
        pinned = attrs.evolve(d, ruleset=ruleset("nd118_2025"))
        assert pinned.rules == ruleset("nd118_2025")
