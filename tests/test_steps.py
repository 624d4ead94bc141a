"""Tests of tthc.dossiers.steps: step due instants, time used, clerk's text, lateness, apology.

The three situations of issue 19's "Done means" are hand cases from two published provincial
processes (certainty SECONDARY, S: read in ThuVienPhapLuat page text saved in the public GitHub
repository tnt305/tai_lieu_noi_bo, folder src/etl/dataset/, commit
56eff108e1bc20bfb6b7a8ae794c034c18cf6d94; every row used was checked in that copy; no official
copy was found):

* Quyết định số 2022/QĐ-UBND ngày 27/11/2025 của Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng, Phụ lục 2,
  I, Quy trình số 01, Mã TTHC 1.001806 (file 8bb6ac57ee7b4c5d.md): a 10-working-day procedure over
  desk, department, leadership and return ("Không tính thời gian");
* Quyết định số 3854/QĐ-UBND ngày 26/11/2025 của Chủ tịch Ủy ban nhân dân tỉnh Nghệ An, Phụ lục II,
  mục 1, Mã TTHC 2.002755 (file f7f2733d47a603dc.md): an inter-agency procedure of 96 working
  hours, "Tại UBND cấp xã: 40 giờ làm việc", "Tại Sở Nội vụ: 56 giờ làm việc".

Both are shipped as examples/processes/*.json and loaded here. The agency codes "CB.SYT",
"NA.UBNDXA", "NA.SNV", "NA.VPUBND" are local labels, not official codes. The decisions state no
office hours: the library's default, 08:00-12:00 and 13:00-17:00, is used. Every expected instant
was worked out by hand (days listed in the comments) on the official calendar in
shared/research/vn_calendar.json: March 2026 has no day off on a weekday; from 20/04 to 06/05/2026
the weekdays off are Mon 27/04 (Giỗ Tổ Hùng Vương, moved from Sun 26/04), Thu 30/04 and Fri 01/05,
and no Saturday is worked (the worked Saturdays of 2026 are 10/01 and 22/08).

The other processes below are EXAMPLES invented for the mechanics tests (events, holders, office
hours) from the rules of Decree 118/2025/NĐ-CP; they are not attributed to any real decision.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest

from tthc.calendar import OfficeHours
from tthc.deadlines import VN_TZ, DeadlinePolicy
from tthc.dossiers import (
    StepAssigned,
    StepConsulted,
    StepFinished,
    StepOutcome,
    StepReturned,
    StepStarted,
    StepTrack,
    countdown_text,
    history_of,
    lateness_by_unit,
    merge_tracks,
)
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.io.dossiers import (
    dump_processing_history,
    load_processing_history,
    to_processing_history,
)
from tthc.io.processes import load_processes
from tthc.procedures import (
    HandlingUnit,
    InternalProcess,
    Phase,
    ProcessStep,
    StepRole,
)
from tthc.procedures.process import budget_hours, budget_text


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in March 2026, Vietnam time."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


def hours(h: float) -> dt.timedelta:
    return dt.timedelta(hours=h)


# --- EXAMPLE (invented): one agency, 10 working days, for the mechanics tests below ----------

DESK = HandlingUnit(agency="VD.TTPVHCC", department="Bộ phận Một cửa")
HEAD = HandlingUnit(agency="VD.SXD", department="Lãnh đạo phòng")
OFFICER = HandlingUnit(agency="VD.SXD", department="Phòng chuyên môn")
DIRECTOR = HandlingUnit(agency="VD.SXD", department="Lãnh đạo Sở")
RECORDS = HandlingUnit(agency="VD.SXD", department="Văn thư")


def one(name: str, unit: HandlingUnit, budget: str, role: StepRole) -> Phase:
    return Phase(
        steps=[ProcessStep(name=name, unit=unit, budget=Duration.parse(budget), role=role)]
    )


TEN_DAYS = InternalProcess(
    procedure_code="0.000001",
    name="EXAMPLE: cấp giấy phép (10 ngày làm việc)",
    source="EXAMPLE invented for the tests from Decree 118/2025 Arts. 12(3), 17-22",
    processing_time=Duration.working_days(10),
    receiving_unit=DESK,
    lead_agency="VD.SXD",
    phases=[
        one("Tiếp nhận, chuyển hồ sơ", DESK, "0,5 ngày làm việc", StepRole.RECEIVE),
        one("Phân công xử lý", HEAD, "4 giờ làm việc", StepRole.REVIEW),
        one("Thẩm định, dự thảo kết quả", OFFICER, "6 ngày làm việc", StepRole.APPRAISE),
        one("Xem xét, trình ký", HEAD, "1 ngày làm việc", StepRole.REVIEW),
        one("Phê duyệt, ký", DIRECTOR, "1 ngày làm việc", StepRole.APPROVE),
        one("Vào sổ, đóng dấu", RECORDS, "0,5 ngày làm việc", StepRole.ISSUE),
        one("Trả kết quả", DESK, "0,5 ngày làm việc", StepRole.RETURN),
    ],
)
CODE = "VD.SXD-260302-0001"


def run(track: StepTrack, *steps: tuple[str, HandlingUnit, dt.datetime, dt.datetime]) -> StepTrack:
    """Assign and finish each step in turn."""
    for name, unit, start, end in steps:
        track = track.apply(StepAssigned(step=name, unit=unit, at=start))
        track = track.apply(StepFinished(step=name, unit=unit, at=end))
    return track


# --- Published processes (see the module docstring) ---------------------------------------------

PUBLISHED = Path(__file__).resolve().parents[1] / "examples" / "processes"
[CAOBANG] = load_processes(PUBLISHED / "caobang-2022-qt01.json")
[NGHEAN] = load_processes(PUBLISHED / "nghean-3854-muc1.json")


def on(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in 2026, Vietnam time."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def unit_of(process: InternalProcess, step: str) -> HandlingUnit:
    return process.step(step).unit


CB_DESK = unit_of(CAOBANG, "Bước 1")
CB_HEAD = unit_of(CAOBANG, "Bước 2")
CB_OFFICER = unit_of(CAOBANG, "Bước 3")
CB_CODE = "CB.SYT-260302-0001"


class TestPublishedFiles:
    """The shipped JSON files hold the tables as published (checked by hand against the copy)."""

    def test_cao_bang_quy_trinh_01(self) -> None:
        """Bước 1-7: 0,5 | 0,5 | 07 | 0,5 | 01 | 0,5 ngày làm việc | Không tính thời gian."""
        assert CAOBANG.procedure_code == "1.001806"
        assert [budget_text(s.budget) for s in CAOBANG.steps] == [
            "0,5 ngày làm việc",
            "0,5 ngày làm việc",
            "7 ngày làm việc",
            "0,5 ngày làm việc",
            "1 ngày làm việc",
            "0,5 ngày làm việc",
            "Không tính thời gian",
        ]
        assert [s.role for s in CAOBANG.steps] == [
            StepRole.RECEIVE,
            StepRole.REVIEW,
            StepRole.APPRAISE,
            StepRole.REVIEW,
            StepRole.APPROVE,
            StepRole.ISSUE,
            StepRole.RETURN,
        ]
        assert CAOBANG.source is not None
        assert "2022/QĐ-UBND" in CAOBANG.source
        assert "SECONDARY" in CAOBANG.source

    def test_nghe_an_3854_muc_1(self) -> None:
        """Bước 1-15 in working hours; Bước 10 held by the Văn phòng UBND tỉnh; 15 not counted."""
        assert NGHEAN.procedure_code == "2.002755"
        assert [s.hours for s in NGHEAN.steps] == [
            4, 4, 20, 4, 4, 4,  # Tại UBND cấp xã: 40 giờ
            4, 4, 12, 16, 8, 4, 4, 4, 0,  # Tại Sở Nội vụ: 56 giờ (Bước 15 not counted)
        ]  # fmt: skip
        assert not NGHEAN.steps[-1].is_counted
        assert [s.unit.agency for s in NGHEAN.steps] == [
            *["NA.UBNDXA"] * 6,
            *["NA.SNV"] * 3,
            "NA.VPUBND",
            *["NA.SNV"] * 5,
        ]
        assert NGHEAN.source is not None
        assert "3854/QĐ-UBND" in NGHEAN.source


class TestTenDayProcess:
    """Cao Bằng Quy trình số 01: 10 working days over desk, department, leadership and return."""

    def test_the_budgets_fill_the_processing_time(self) -> None:
        """0,5 + 0,5 + 7 + 0,5 + 1 + 0,5 = 10 working days; the return takes none of them."""
        assert str(CAOBANG.processing_time) == "10 ngày làm việc"
        assert str(CAOBANG.planned_time) == "10 ngày làm việc"
        assert not CAOBANG.is_short
        assert CAOBANG.findings == ()
        assert not CAOBANG.is_inter_agency
        [share] = CAOBANG.agency_shares()
        assert (share.agency, str(share.budget), share.is_lead) == (
            "CB.SYT",
            "10 ngày làm việc",
            True,
        )

    def test_planned_schedule(self) -> None:
        """Received Monday 20/04/2026 08:00, across Giỗ Tổ and 30/4-1/5."""
        planned = CAOBANG.schedule(on(4, 20, 8))
        assert [p.due_at for p in planned] == [
            on(4, 20, 12),  # Bước 1, 4 h: Mon 08:00-12:00
            on(4, 20, 17),  # Bước 2, 4 h: Mon 13:00-17:00
            # Bước 3, 7 days from Mon 17:00: Tue 21, Wed 22, Thu 23, Fri 24 (Sat 25, Sun 26,
            # Mon 27/04 off: Giỗ Tổ), Tue 28, Wed 29 (Thu 30/04, Fri 01/05 off, Sat 2, Sun 3),
            # Mon 04/05.
            on(5, 4, 17),
            on(5, 5, 12),  # Bước 4, 4 h: Tue 05/05 08:00-12:00
            on(5, 6, 12),  # Bước 5, 8 h: Tue 13:00-17:00, Wed 06/05 08:00-12:00
            on(5, 6, 17),  # Bước 6, 4 h: Wed 13:00-17:00
            None,  # Bước 7, "Không tính thời gian": no due instant
        ]
        assert planned[-1].start_at == on(5, 6, 17)
        assert [p.start_at for p in planned][1:] == [p.due_at for p in planned][:-1]
        # 10 working days from Mon 20/04 08:00: 20, 21, 22, 23, 24, 28, 29/04, 04, 05, 06/05.
        track = StepTrack(dossier_code=CB_CODE, received_at=on(4, 20, 8), process=CAOBANG)
        assert track.due_at == on(5, 6, 17)

    def test_every_step_on_its_budget_ends_at_the_dossier_due_instant(self) -> None:
        """Each counted step taking its budget, the result is ready when the dossier is due."""
        track = StepTrack(dossier_code=CB_CODE, received_at=on(4, 20, 8), process=CAOBANG)
        dues = [
            on(4, 20, 12),
            on(4, 20, 17),
            on(5, 4, 17),
            on(5, 5, 12),
            on(5, 6, 12),
            on(5, 6, 17),
        ]
        starts = [on(4, 20, 8), *dues[:-1]]
        counted = [
            (s.name, s.unit, a, b) for s, a, b in zip(CAOBANG.steps, starts, dues, strict=False)
        ]
        # The return: Wed 06/05 17:00 to Thu 07/05 09:00, one office hour, not counted.
        track = run(track, *counted, ("Bước 7", CB_DESK, on(5, 6, 17), on(5, 7, 9)))
        assert [r.due_at for r in track.records] == [*dues, None]
        assert all(r.used() == r.allowed for r in track.records[:-1])
        back = track.records[-1]
        assert (back.allowed, back.used(), back.is_late()) == (None, hours(1), False)
        assert back.state_text() == "xong, không tính thời gian"
        assert track.work_finished_at == on(5, 6, 17)
        assert track.finished_at == on(5, 7, 9)
        assert not track.is_late(on(5, 20, 8))
        assert track.apology_duties(on(5, 20, 8)) == ()


class TestLateStepOnTimeDossier:
    """Cao Bằng Quy trình số 01: the officer finishes a day late, the dossier is on time."""

    @pytest.fixture(name="track")
    def fixture_track(self) -> StepTrack:
        track = StepTrack(dossier_code=CB_CODE, received_at=at(2, 8), process=CAOBANG)
        return run(
            track,
            ("Bước 1", CB_DESK, at(2, 8), at(2, 9)),
            ("Bước 2", CB_HEAD, at(2, 9), at(2, 10)),
            # 7 days = 56 h from Mon 02/03 10:00: Mon 6 h, Tue 3 .. Tue 10 (6 days) 48 h, Wed 11
            # 08:00-10:00 2 h: due Wed 11/03 10:00. Finished Thu 12/03 10:00: 8 h more.
            ("Bước 3", CB_OFFICER, at(2, 10), at(12, 10)),
            ("Bước 4", CB_HEAD, at(12, 10), at(12, 11)),
            ("Bước 5", unit_of(CAOBANG, "Bước 5"), at(12, 11), at(12, 15)),
            ("Bước 6", unit_of(CAOBANG, "Bước 6"), at(12, 15), at(12, 16)),
            # The applicant collects the result on Monday 16/03 09:00: not counted.
            ("Bước 7", CB_DESK, at(12, 16), at(16, 9)),
        )

    def test_the_officer_is_late(self, track: StepTrack) -> None:
        """The appraisal used 64 office hours of 56: late by one working day."""
        officer = track.records[2]
        assert officer.due_at == at(11, 10)
        assert officer.used() == hours(64)
        assert officer.late_by == hours(8)
        assert officer.state_text() == "xong, quá 1 ngày"
        assert [r.is_late() for r in track.records] == [False, False, True] + [False] * 4

    def test_rows(self, track: StepTrack) -> None:
        """The passes as plain rows; the return has no due instant and nothing allowed."""
        rows = track.rows()
        assert len(rows) == 7
        assert rows[2] == {
            "dossier_code": CB_CODE,
            "step": "Bước 3",
            "occurrence": 1,
            "agency": "CB.SYT",
            "department": "Chuyên viên Phòng Bảo trợ xã hội và Trẻ em",
            "started_at": at(2, 10),
            "finished_at": at(12, 10),
            "budget": "7 ngày làm việc",
            "due_at": at(11, 10),
            "used": hours(64),
            "paused": hours(0),
            "allowed": hours(56),
            "late": True,
        }
        # Thu 16:00-17:00, Fri 13/03 all day, Mon 16/03 08:00-09:00: 10 office hours.
        assert {k: rows[6][k] for k in ("budget", "due_at", "used", "allowed", "late")} == {
            "budget": "Không tính thời gian",
            "due_at": None,
            "used": hours(10),
            "allowed": None,
            "late": False,
        }
        assert track.records[6].state_text(at(13, 9)) == "không tính thời gian"

    def test_the_dossier_is_on_time_and_nobody_apologises(self, track: StepTrack) -> None:
        """Result ready Thu 12/03 16:00, before Fri 13/03 17:00; collected later, still on time."""
        # 10 working days from Mon 02/03 08:00: 2, 3, 4, 5, 6, 9, 10, 11, 12, 13/03.
        assert track.due_at == at(13, 17)
        assert track.work_finished_at == at(12, 16)
        assert track.finished_at == at(16, 9)  # after the due instant, but not counted
        assert not track.is_late(at(20, 8))
        assert track.apology_duties(at(20, 8)) == ()

    def test_per_unit_summary_flags_the_department(self, track: StepTrack) -> None:
        """The officer's one step was late; the return, not counted, is left out."""
        rows = {row.unit: row for row in lateness_by_unit([track], at(20, 8))}
        assert rows[CB_OFFICER].late_steps == 1
        assert rows[CB_OFFICER].late_share == 1.0
        assert rows[CB_HEAD].steps == 2
        assert rows[CB_HEAD].late_steps == 0
        assert rows[CB_DESK].steps == 1
        assert all(row.late_dossiers == 0 for row in rows.values())
        assert next(iter(lateness_by_unit([track], at(20, 8)))).unit == CB_OFFICER

    def test_processing_history_has_no_due_instant_for_the_return(self, track: StepTrack) -> None:
        """QuaTrinhXuLy: the return's NgayKetThucTheoQuyDinh is blank, and reads back so."""
        entries = history_of(track)
        assert entries[2].due_at == at(11, 10)
        assert entries[2].is_late
        assert entries[6].due_at is None
        assert entries[6].is_late is None
        assert to_processing_history(entries[6])["NgayKetThucTheoQuyDinh"] == ""
        assert load_processing_history(dump_processing_history(entries)) == entries


NA_XA = "NA.UBNDXA"
NA_SNV = "NA.SNV"
NA_VP = "NA.VPUBND"
NA_OFFICER = unit_of(NGHEAN, "Bước 9")
NA_CODE = "NA.UBNDXA-260302-0007"
# The planned instants (see TestInterAgency.test_planned_deadline_of_each_agency).
NA_PLAN = [
    at(2, 12), at(2, 17), at(5, 12), at(5, 17), at(6, 12), at(6, 17),  # commune, Bước 1-6
    at(9, 12), at(9, 17), at(11, 12), at(13, 12), at(16, 12), at(16, 17), at(17, 12),
    at(17, 17),  # Bước 7-14
]  # fmt: skip


class TestInterAgency:
    """Nghệ An 3854 mục 1: the commune, then the Sở Nội vụ, which is late (Art. 20(2))."""

    @pytest.fixture(name="track")
    def fixture_track(self) -> StepTrack:
        track = StepTrack(dossier_code=NA_CODE, received_at=at(2, 8), process=NGHEAN)
        on_plan = [
            (f"Bước {i + 1}", NGHEAN.steps[i].unit, start, end)
            for i, (start, end) in enumerate(zip([at(2, 8), *NA_PLAN], NA_PLAN[:8], strict=False))
        ]
        return run(
            track,
            *on_plan,  # Bước 1-8 end on their planned instants
            # Due Wed 11/03 12:00; still held on Tue 17/03 17:00; finished Wed 18/03 10:00.
            ("Bước 9", NA_OFFICER, at(9, 17), at(18, 10)),
            ("Bước 10", unit_of(NGHEAN, "Bước 10"), at(18, 10), at(19, 15)),
            ("Bước 11", NA_OFFICER, at(19, 15), at(20, 10)),
            ("Bước 12", unit_of(NGHEAN, "Bước 12"), at(20, 10), at(20, 11)),
            ("Bước 13", unit_of(NGHEAN, "Bước 13"), at(20, 11), at(20, 14)),
            ("Bước 14", unit_of(NGHEAN, "Bước 14"), at(20, 14), at(20, 16)),
            ("Bước 15", unit_of(NGHEAN, "Bước 15"), at(20, 16), at(23, 9)),
        )

    def test_the_process_has_a_lead_and_a_participant(self) -> None:
        """The Sở leads; each agency's share; the decision's subtotals are sums of shares."""
        assert NGHEAN.lead_agency == NA_SNV
        assert NGHEAN.is_inter_agency
        # The commune holds the receiving desk, so only the Văn phòng counts as participating.
        assert NGHEAN.participating_agencies == (NA_VP,)
        shares = {s.agency: (budget_hours(s.budget), s.is_lead) for s in NGHEAN.agency_shares()}
        assert shares == {
            NA_XA: (40, False),  # Bước 1-6: 4 + 4 + 20 + 4 + 4 + 4
            NA_SNV: (40, True),  # Bước 7-9, 11-14: 4 + 4 + 12 + 8 + 4 + 4 + 4
            NA_VP: (16, False),  # Bước 10
        }
        # "Tại UBND cấp xã: 40 giờ", "Tại Sở Nội vụ: 56 giờ" (Bước 10 inside), "96 giờ".
        assert shares[NA_SNV][0] + shares[NA_VP][0] == 56
        assert NGHEAN.planned_hours == 96
        assert str(NGHEAN.planned_time) == "12 ngày làm việc"

    def test_planned_deadline_of_each_agency(self) -> None:
        """Received Mon 02/03 08:00: the commune's part is due Fri 06/03 17:00, the Sở's 17/03."""
        planned = NGHEAN.schedule(at(2, 8))
        # Bước 3, 20 h from Mon 17:00: Tue 03 8 h, Wed 04 8 h, Thu 05 08:00-12:00.
        # Bước 9, 12 h from Mon 09/03 17:00: Tue 10 8 h, Wed 11 08:00-12:00.
        # Bước 10, 16 h from Wed 12:00: Wed 13:00-17:00, Thu 12 8 h, Fri 13 08:00-12:00.
        # Bước 11, 8 h from Fri 12:00: Fri 13:00-17:00, Mon 16 08:00-12:00.
        # Bước 12 Mon 13:00-17:00; Bước 13 Tue 17 08:00-12:00; Bước 14 Tue 13:00-17:00.
        assert [p.due_at for p in planned] == [*NA_PLAN, None]
        # 12 working days from Mon 02/03 08:00: 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17/03.
        assert StepTrack(dossier_code=NA_CODE, received_at=at(2, 8), process=NGHEAN).due_at == (
            at(17, 17)
        )

    def test_the_second_agency_is_late(self, track: StepTrack) -> None:
        """The Sở's officer used 50 office hours of 12; the Sở 67 of its 40."""
        officer = track.records[8]
        assert officer.due_at == at(11, 12)
        # Tue 10, Wed 11, Thu 12, Fri 13, Mon 16, Tue 17: 48 h; Wed 18 08:00-10:00: 2 h.
        assert officer.used() == hours(50)
        assert officer.state_text() == "xong, quá 4 ngày 6 giờ"
        assert [r.is_late() for r in track.records] == [False] * 8 + [True] + [False] * 6
        progress = {p.agency: p for p in track.agency_progress(at(30, 8))}
        # The commune: Bước 1-6 on plan, Mon 02/03 08:00 to Fri 06/03 17:00: 40 h of 40 h.
        assert progress[NA_XA].used == hours(40)
        assert progress[NA_XA].text == "còn 0 giờ"
        # The Sở: Mon 09/03 08:00 to Wed 18/03 10:00 (58 h) and Thu 19/03 15:00 to Fri 20/03
        # 16:00 (2 h + 7 h); the return (Bước 15) is not counted. 67 - 40 = 27 h over.
        assert progress[NA_SNV].used == hours(67)
        assert progress[NA_SNV].is_late
        assert progress[NA_SNV].text == "quá 3 ngày 3 giờ"
        # The Văn phòng: Wed 18/03 10:00-12:00, 13:00-17:00, Thu 08:00-12:00, 13:00-15:00.
        assert progress[NA_VP].used == hours(12)
        assert progress[NA_VP].text == "còn 4 giờ"

    def test_the_second_agency_held_it_when_time_ran_out(self, track: StepTrack) -> None:
        """Due Tue 17/03 17:00: the Sở's officer held it then and owes the apology."""
        assert track.due_at == at(17, 17)
        assert track.work_finished_at == at(20, 16)
        assert track.finished_at == at(23, 9)
        assert track.is_late(at(30, 8))
        assert track.responsible_units() == (NA_OFFICER,)
        [duty] = track.apology_duties(at(30, 8))
        assert duty.unit == NA_OFFICER
        assert duty.unit.agency == NA_SNV
        assert duty.due_at == at(17, 17)
        # Wed 18 8 h, Thu 19 8 h, Fri 20 08:00-12:00 and 13:00-16:00: 23 h (the return after
        # 16:00 is not counted).
        assert duty.late_by == hours(23)
        assert duty.text == "quá 2 ngày 7 giờ"
        # Art. 19(6): the apology was due at the latest one working day before: Mon 16/03 17:00.
        assert duty.notice().due_at == at(16, 17)

    def test_overdue_while_still_open(self, track: StepTrack) -> None:
        """Seen on Wednesday 18/03 09:00, before the Sở's officer finished."""
        assert track.holders_at(at(18, 9)) == (NA_OFFICER,)
        [duty] = track.apology_duties(at(18, 9))
        assert duty.text == "quá 1 giờ"
        # 48 h + Wed 08:00-09:00 = 49 h used of 12: 37 h over.
        assert track.records[8].state_text(at(18, 9)) == "quá 4 ngày 5 giờ"

    def test_one_dossier_counted_once_across_reports(self, track: StepTrack) -> None:
        """The Văn phòng's system reports its step too: the dossier counts once per unit."""
        second_view = StepTrack(
            dossier_code=NA_CODE,
            received_at=at(2, 8),
            process=NGHEAN,
            events=[e for e in track.events if e.unit.agency == NA_VP],
        )
        merged = merge_tracks([second_view, track, track])
        assert len(merged) == 1
        assert merged[0].records == track.records
        rows = {row.unit: row for row in lateness_by_unit([track, second_view, track], at(30, 8))}
        assert rows[NA_OFFICER].steps == 2  # Bước 9 and 11
        assert rows[NA_OFFICER].late_steps == 1
        assert rows[NA_OFFICER].dossiers == 1
        assert rows[NA_OFFICER].late_dossiers == 1
        assert rows[unit_of(NGHEAN, "Bước 10")].steps == 1
        assert rows[unit_of(NGHEAN, "Bước 10")].late_dossiers == 0

    def test_tracks_that_disagree_are_refused(self, track: StepTrack) -> None:
        """Two tracks of one code with different receipts cannot be merged."""
        other = StepTrack(dossier_code=NA_CODE, received_at=at(2, 9), process=NGHEAN)
        with pytest.raises(InvalidValueError, match="same receipt"):
            merge_tracks([track, other])


class TestEvents:
    """Events must fit the process; a bad one is refused naming its index."""

    def test_return_to_an_earlier_step_gives_a_second_pass(self) -> None:
        """The leader returns the draft; the officer's second pass has its whole budget again."""
        track = StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS)
        track = run(
            track,
            ("Tiếp nhận, chuyển hồ sơ", DESK, at(2, 8), at(2, 9)),
            ("Phân công xử lý", HEAD, at(2, 9), at(2, 10)),
            ("Thẩm định, dự thảo kết quả", OFFICER, at(2, 10), at(3, 10)),
        )
        track = track.apply(StepAssigned(step="Xem xét, trình ký", unit=HEAD, at=at(3, 10)))
        track = track.apply(
            StepReturned(
                step="Xem xét, trình ký",
                unit=HEAD,
                at=at(3, 11),
                to_step="Thẩm định, dự thảo kết quả",
            )
        )
        review, again = track.records[-2:]
        assert review.outcome is StepOutcome.RETURNED
        assert review.returned_to == "Thẩm định, dự thảo kết quả"
        assert review.state_text() == "trả lại, đúng hạn"
        assert again.occurrence == 2
        assert again.unit == OFFICER
        assert again.started_at == at(3, 11)
        assert again.due_at == at(11, 11)  # 48 h from Tue 11:00
        assert again.outcome is StepOutcome.OPEN

    def test_started_without_assignment_starts_the_clock(self) -> None:
        """Some systems record no assignment: the start opens the step."""
        track = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 8),
            process=TEN_DAYS,
            events=[
                StepStarted(step="Tiếp nhận, chuyển hồ sơ", unit=DESK, at=at(2, 9)),
                StepStarted(step="Tiếp nhận, chuyển hồ sơ", unit=DESK, at=at(2, 10)),
            ],
        )
        [record] = track.records
        assert record.started_at == at(2, 9)
        assert record.due_at == at(2, 14)

    def test_consultation_opens_the_consulted_step(self) -> None:
        """An opinion asked of another unit is a step of its own, with its own deadline."""
        other = HandlingUnit(agency="VD.SK", department="Phòng Z")
        process = InternalProcess(
            procedure_code="0.000003",
            processing_time=Duration.working_days(5),
            receiving_unit=DESK,
            lead_agency="VD.SXD",
            source="EXAMPLE",
            phases=[
                one("Thẩm định", OFFICER, "2 ngày làm việc", StepRole.APPRAISE),
                Phase(
                    steps=[
                        ProcessStep(
                            name="Lấy ý kiến VD.SK",
                            unit=other,
                            role=StepRole.CONSULT,
                            budget=Duration.working_days(2),
                        ),
                        ProcessStep(
                            name="Kiểm tra thực địa",
                            unit=OFFICER,
                            budget=Duration.working_days(1),
                        ),
                    ]
                ),
            ],
        )
        assert str(process.planned_time) == "4 ngày làm việc"
        assert process.findings
        track = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 8),
            process=process,
            events=[
                StepAssigned(step="Thẩm định", unit=OFFICER, at=at(2, 8)),
                StepConsulted(
                    step="Lấy ý kiến VD.SK", unit=other, at=at(2, 9), requested_by="Thẩm định"
                ),
            ],
        )
        consult = track.records[1]
        assert consult.requested_by == "Thẩm định"
        assert consult.due_at == at(4, 9)
        assert track.holders_at(at(3, 8)) == (OFFICER, other)

    @pytest.mark.parametrize(
        ("events", "index", "expected"),
        [
            ([StepAssigned(step="Không có", unit=DESK, at=at(2, 9))], 0, "a step of the process"),
            (
                [StepAssigned(step="Trả kết quả", unit=DESK, at=at(1, 9))],
                0,
                "an instant on or after 2026-03-02T08:00:00+07:00",
            ),
            ([StepFinished(step="Trả kết quả", unit=DESK, at=at(2, 9))], 0, "an open step"),
            (
                [
                    StepAssigned(step="Trả kết quả", unit=DESK, at=at(2, 9)),
                    StepAssigned(step="Trả kết quả", unit=HEAD, at=at(2, 10)),
                ],
                1,
                "the unit holding the open step",
            ),
            (
                [
                    StepAssigned(step="Phân công xử lý", unit=HEAD, at=at(2, 9)),
                    StepReturned(
                        step="Phân công xử lý", unit=HEAD, at=at(2, 10), to_step="Trả kết quả"
                    ),
                ],
                1,
                "to_step naming a step of an earlier phase",
            ),
            (
                [
                    StepAssigned(step="Trả kết quả", unit=DESK, at=at(2, 10)),
                    StepFinished(step="Trả kết quả", unit=DESK, at=at(2, 9)),
                ],
                1,
                "events in time order",
            ),
        ],
        ids=[
            "unknown-step",
            "before-receipt",
            "finish-unopened",
            "other-unit",
            "return-later",
            "order",
        ],
    )
    def test_bad_events_are_refused(self, events: list, index: int, expected: str) -> None:
        """The error names the event's index and what was expected."""
        with pytest.raises(InvalidValueError, match=re.escape(expected)) as info:
            StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS, events=events)
        assert info.value.field == f"StepTrack.events[{index}]"

    def test_apply_refuses_and_leaves_the_track(self) -> None:
        """A bad event leaves the track as it was."""
        track = StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS)
        with pytest.raises(InvalidValueError):
            track.apply(StepFinished(step="Trả kết quả", unit=DESK, at=at(2, 9)))
        assert track.events == ()

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("dossier_code", "không phải mã"),
            ("received_at", dt.datetime(2026, 3, 2, 8)),
            ("policy", DeadlinePolicy.civil_code()),
            ("policy", DeadlinePolicy(round_up_minutes=15)),
        ],
    )
    def test_bad_fields_are_refused(self, field: str, value: object) -> None:
        """Fields are validated like every tthc record."""
        values = {"dossier_code": CODE, "received_at": at(2, 8), "process": TEN_DAYS, field: value}
        with pytest.raises(InvalidValueError) as info:
            StepTrack(**values)  # type: ignore[arg-type]
        assert info.value.field == f"StepTrack.{field}"

    def test_open_step_needs_a_reporting_instant(self) -> None:
        """Time used by an open step is asked at an instant."""
        track = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 8),
            process=TEN_DAYS,
            events=[StepAssigned(step="Trả kết quả", unit=DESK, at=at(2, 9))],
        )
        with pytest.raises(InvalidValueError, match="reporting instant"):
            track.records[0].used()
        with pytest.raises(InvalidValueError):
            _ = track.records[0].late_by


class TestHolders:
    """Who holds the dossier at an instant, and who answers for it when its time runs out."""

    def test_before_between_and_during_steps(self) -> None:
        """The desk before any step; between two steps, the unit that finished last."""
        track = run(
            StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS),
            ("Tiếp nhận, chuyển hồ sơ", DESK, at(2, 9), at(2, 10)),
        )
        assert track.holders_at(at(2, 8)) == (DESK,)
        assert track.holders_at(at(2, 9, 30)) == (DESK,)
        assert track.holders_at(at(2, 11)) == (DESK,)  # finished, not yet assigned onwards
        track = track.apply(StepAssigned(step="Phân công xử lý", unit=HEAD, at=at(2, 14)))
        assert track.holders_at(at(2, 15)) == (HEAD,)
        with pytest.raises(InvalidValueError):
            track.holders_at(dt.datetime(2026, 3, 2, 15))

    def test_parallel_steps_the_one_over_budget_answers(self) -> None:
        """Two units hold the dossier when it runs out of time; the one over its budget answers."""
        other = HandlingUnit(agency="VD.SK", department="Phòng Z")
        process = InternalProcess(
            procedure_code="0.000003",
            processing_time=Duration.working_days(3),
            receiving_unit=DESK,
            lead_agency="VD.SXD",
            source="EXAMPLE",
            phases=[
                Phase(
                    steps=[
                        ProcessStep(
                            name="Thẩm định", unit=OFFICER, budget=Duration.working_days(3)
                        ),
                        ProcessStep(name="Ý kiến", unit=other, budget=Duration.working_days(1)),
                    ]
                )
            ],
        )
        track = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 8),
            process=process,
            events=[
                StepAssigned(step="Thẩm định", unit=OFFICER, at=at(2, 8)),
                StepConsulted(step="Ý kiến", unit=other, at=at(2, 8), requested_by="Thẩm định"),
            ],
        )
        assert track.due_at == at(4, 17)
        assert track.holders_at(at(4, 17)) == (OFFICER, other)
        assert track.responsible_units() == (other,)
        [duty] = track.apology_duties(at(5, 9))
        assert (duty.unit, duty.text) == (other, "quá 1 giờ")

    def test_finished_after_closing_on_the_due_day_is_not_late(self) -> None:
        """Office time decides: 17:30 on the due day adds no office time; 08:01 next day does."""
        process = InternalProcess(
            procedure_code="0.000003",
            processing_time=Duration.working_days(1),
            receiving_unit=DESK,
            lead_agency="VD.SXD",
            source="EXAMPLE",
            phases=[one("Xử lý", OFFICER, "1 ngày làm việc", StepRole.APPRAISE)],
        )
        base = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 8),
            process=process,
            events=[StepAssigned(step="Xử lý", unit=OFFICER, at=at(2, 8))],
        )
        evening = base.apply(StepFinished(step="Xử lý", unit=OFFICER, at=at(2, 17, 30)))
        assert evening.due_at == at(2, 17)
        assert not evening.is_late(at(9, 8))
        assert not evening.records[0].is_late()
        assert evening.apology_duties(at(9, 8)) == ()
        morning = base.apply(StepFinished(step="Xử lý", unit=OFFICER, at=at(3, 8, 1)))
        assert morning.is_late(at(9, 8))
        assert morning.records[0].state_text() == "xong, quá 1 phút"
        [duty] = morning.apology_duties(at(9, 8))
        assert duty.text == "quá 1 phút"

    def test_instants_in_another_zone_are_kept_in_vietnam_time(self) -> None:
        """An aware instant in UTC is the same instant, stored in Vietnam time."""
        event = StepAssigned(
            step="Trả kết quả", unit=DESK, at=dt.datetime(2026, 3, 2, 1, tzinfo=dt.UTC)
        )
        assert event.at == at(2, 8)
        assert event.at.tzinfo is VN_TZ

    def test_table_marks_second_passes(self) -> None:
        """A step done again is listed with its pass number."""
        track = run(
            StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS),
            ("Tiếp nhận, chuyển hồ sơ", DESK, at(2, 8), at(2, 9)),
            ("Phân công xử lý", HEAD, at(2, 9), at(2, 10)),
        )
        track = track.apply(
            StepAssigned(step="Thẩm định, dự thảo kết quả", unit=OFFICER, at=at(2, 10))
        )
        track = track.apply(
            StepReturned(
                step="Thẩm định, dự thảo kết quả",
                unit=OFFICER,
                at=at(2, 11),
                to_step="Phân công xử lý",
            )
        )
        lines = track.table(at(2, 12)).splitlines()
        assert lines[-1].startswith("Phân công xử lý (lần 2)")
        assert lines[-1].endswith("còn 3 giờ")
        assert "trả lại, đúng hạn" in lines[-2]


class TestOfficeHours:
    """A step counts on its own agency's office hours."""

    def test_agency_with_other_hours(self) -> None:
        """07:00-11:30, 13:30-17:00 (8 h): 4 hours from 07:00 end at 11:00."""
        track = StepTrack(
            dossier_code=CODE,
            received_at=at(2, 7),
            process=TEN_DAYS,
            office_hours={"VD.TTPVHCC": OfficeHours.parse("07:00-11:30,13:30-17:00")},
            events=[StepAssigned(step="Tiếp nhận, chuyển hồ sơ", unit=DESK, at=at(2, 7))],
        )
        assert track.records[0].due_at == at(2, 11)
        assert track.due_at == dt.datetime(2026, 3, 13, 17, tzinfo=VN_TZ)


class TestCountdownText:
    """The clerk's text: 'còn/quá x ngày y giờ', 8 working hours to the day (OpenCPS #1252)."""

    @pytest.mark.parametrize(
        ("remaining", "text"),
        [
            (hours(11), "còn 1 ngày 3 giờ"),
            (hours(-2), "quá 2 giờ"),
            (hours(16), "còn 2 ngày"),
            (dt.timedelta(minutes=90), "còn 1 giờ 30 phút"),
            (dt.timedelta(seconds=-5), "quá 1 phút"),
            (dt.timedelta(seconds=59), "còn 0 giờ"),
            (dt.timedelta(0), "còn 0 giờ"),
        ],
    )
    def test_texts(self, remaining: dt.timedelta, text: str) -> None:
        """Left is rounded down to the minute, overdue up."""
        assert countdown_text(remaining) == text

    def test_another_day_length(self) -> None:
        """With a 7-hour office day, 8 hours are one day and one hour."""
        assert countdown_text(hours(8), day=hours(7)) == "còn 1 ngày 1 giờ"

    @pytest.mark.parametrize("day", [hours(0), dt.timedelta(seconds=90), 8])
    def test_bad_day(self, day: object) -> None:
        """The day must be a positive whole number of minutes."""
        with pytest.raises(InvalidValueError):
            countdown_text(hours(1), day=day)  # type: ignore[arg-type]


def test_records_and_tracks_pickle() -> None:
    """A track survives pickling (multiprocessing, Dask)."""
    track = StepTrack(
        dossier_code=CODE,
        received_at=at(2, 8),
        process=TEN_DAYS,
        events=[StepAssigned(step="Trả kết quả", unit=DESK, at=at(2, 9))],
    )
    again = pickle.loads(pickle.dumps(track))  # noqa: S301 - our own data
    assert again.events == track.events
    assert again.records[0].due_at == track.records[0].due_at
