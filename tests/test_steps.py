"""Tests of tthc.dossiers.steps: step due instants, time used, clerk's text, lateness, apology.

No published provincial step table could be read in full (the decisions found, e.g. Ninh Bình
556/QĐ-UBND of 27/6/2024 and Quảng Bình 2851/QĐ-UBND of 23/7/2019, hold their tables in annexes
that could not be retrieved). The processes below are therefore EXAMPLES, invented for these tests
from the rules of Decree 118/2025/NĐ-CP (steps with a time each, Art. 12(3); receipt, appraisal,
approval and return, Arts. 17-22; inter-agency routing with each agency's deadline, Art. 20(2)).
They are not attributed to any real decision. Every expected instant was worked out by hand on
the default office hours (08:00-12:00, 13:00-17:00); March 2026 has no day off on a weekday.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re

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
    lateness_by_unit,
    merge_tracks,
)
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import (
    HandlingUnit,
    InternalProcess,
    Phase,
    ProcessStep,
    StepRole,
)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in March 2026, Vietnam time."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


def hours(h: float) -> dt.timedelta:
    return dt.timedelta(hours=h)


# --- EXAMPLE 1: one agency, 10 working days over desk, department, leadership and return -------

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


class TestTenDayProcess:
    """A 10-working-day procedure split over desk, department, leadership and return."""

    def test_the_budgets_fill_the_processing_time(self) -> None:
        """0,5 + 0,5 + 6 + 1 + 1 + 0,5 + 0,5 = 10 working days: nothing short, nothing over."""
        assert str(TEN_DAYS.planned_time) == "10 ngày làm việc"
        assert not TEN_DAYS.is_short
        assert TEN_DAYS.findings == ()
        assert not TEN_DAYS.is_inter_agency
        assert TEN_DAYS.receiving_unit.agency != TEN_DAYS.lead_agency

    def test_planned_schedule(self) -> None:
        """Received Monday 02/03 08:00: each step due when the ones before used their budgets."""
        planned = TEN_DAYS.schedule(at(2, 8))
        assert [p.due_at for p in planned] == [
            at(2, 12),  # 4 h
            at(2, 17),  # 4 h
            at(10, 17),  # 6 days: Tue 3 .. Tue 10
            at(11, 17),
            at(12, 17),
            at(13, 12),
            at(13, 17),  # = 10 working days from Monday 08:00
        ]
        assert [p.start_at for p in planned][1:] == [p.due_at for p in planned][:-1]

    def test_every_step_on_its_budget_ends_at_the_dossier_due_instant(self) -> None:
        """Each step taking exactly its budget, the last one ends when the dossier is due."""
        track = StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS)
        dues = [at(2, 12), at(2, 17), at(10, 17), at(11, 17), at(12, 17), at(13, 12), at(13, 17)]
        starts = [at(2, 8), *dues[:-1]]
        track = run(
            track,
            *(
                (step.name, step.unit, start, end)
                for step, start, end in zip(TEN_DAYS.steps, starts, dues, strict=True)
            ),
        )
        assert [r.due_at for r in track.records] == dues
        assert all(r.used() == r.allowed for r in track.records)
        assert not any(r.is_late() for r in track.records)
        assert track.due_at == at(13, 17)
        assert track.finished_at == at(13, 17)
        assert not track.is_late(at(20, 8))
        assert track.apology_duties(at(20, 8)) == ()

    def test_state_at_a_reporting_instant(self) -> None:
        """Wednesday 04/03 10:00, the officer has used 10 of 48 office hours (from Mon 17:00)."""
        track = StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS)
        track = run(
            track,
            ("Tiếp nhận, chuyển hồ sơ", DESK, at(2, 8), at(2, 9)),
            ("Phân công xử lý", HEAD, at(2, 9), at(2, 12)),
        )
        # The dossier waits between 12:00 and 17:00 (carried to the department).
        track = track.apply(
            StepAssigned(step="Thẩm định, dự thảo kết quả", unit=OFFICER, at=at(2, 17))
        )
        officer = track.records[-1]
        assert officer.due_at == at(10, 17)
        # Tue 8 h + Wed 08:00-10:00 = 10 h used; 48 - 10 = 38 h = 4 days 6 hours left.
        assert officer.used(at(4, 10)) == hours(10)
        assert officer.state_text(at(4, 10)) == "còn 4 ngày 6 giờ"
        assert [r.state_text(at(4, 10)) for r in track.records[:2]] == ["xong, đúng hạn"] * 2
        assert track.holders_at(at(4, 10)) == (OFFICER,)


class TestLateStepOnTimeDossier:
    """A step finished late by one unit while the dossier is still on time."""

    @pytest.fixture(name="track")
    def fixture_track(self) -> StepTrack:
        track = StepTrack(dossier_code=CODE, received_at=at(2, 8), process=TEN_DAYS)
        return run(
            track,
            ("Tiếp nhận, chuyển hồ sơ", DESK, at(2, 8), at(2, 9)),
            ("Phân công xử lý", HEAD, at(2, 9), at(2, 10)),
            # 6 days from Mon 10:00 = Tue 10/03 10:00; finished Wed 11/03 10:00: 8 h late.
            ("Thẩm định, dự thảo kết quả", OFFICER, at(2, 10), at(11, 10)),
            ("Xem xét, trình ký", HEAD, at(11, 10), at(11, 15)),
            ("Phê duyệt, ký", DIRECTOR, at(11, 15), at(12, 9)),
            ("Vào sổ, đóng dấu", RECORDS, at(12, 9), at(12, 10)),
            ("Trả kết quả", DESK, at(12, 10), at(12, 11)),
        )

    def test_the_officer_is_late(self, track: StepTrack) -> None:
        """The appraisal used 56 office hours of 48: late by one working day."""
        officer = track.records[2]
        assert officer.due_at == at(10, 10)
        assert officer.used() == hours(56)
        assert officer.late_by == hours(8)
        assert officer.state_text() == "xong, quá 1 ngày"
        assert [r.is_late() for r in track.records] == [
            False,
            False,
            True,
            False,
            False,
            False,
            False,
        ]

    def test_rows(self, track: StepTrack) -> None:
        """The passes as plain rows, one per pass."""
        rows = track.rows()
        assert len(rows) == 7
        assert rows[2] == {
            "dossier_code": CODE,
            "step": "Thẩm định, dự thảo kết quả",
            "occurrence": 1,
            "agency": "VD.SXD",
            "department": "Phòng chuyên môn",
            "started_at": at(2, 10),
            "finished_at": at(11, 10),
            "budget": "6 ngày làm việc",
            "due_at": at(10, 10),
            "used": hours(56),
            "allowed": hours(48),
            "late": True,
        }
        assert len(track.rows(at(2, 8, 30))) == 1

    def test_the_dossier_is_on_time_and_nobody_apologises(self, track: StepTrack) -> None:
        """Finished Thursday 12/03 11:00, before Friday 13/03 17:00: no apology is due."""
        assert track.finished_at == at(12, 11)
        assert not track.is_late(at(20, 8))
        assert track.apology_duties(at(20, 8)) == ()

    def test_per_unit_summary_flags_the_department(self, track: StepTrack) -> None:
        """The department's one step was late; no unit held a late dossier."""
        rows = {str(row.unit): row for row in lateness_by_unit([track], at(20, 8))}
        assert rows[str(OFFICER)].late_steps == 1
        assert rows[str(OFFICER)].late_share == 1.0
        assert rows[str(HEAD)].steps == 2
        assert rows[str(HEAD)].late_steps == 0
        assert all(row.late_dossiers == 0 for row in rows.values())
        assert next(iter(lateness_by_unit([track], at(20, 8)))).unit == OFFICER


# --- EXAMPLE 2: inter-agency, the second agency late ------------------------------------------

CENTRE = HandlingUnit(agency="VD.TT", department="Bộ phận Một cửa")
LEAD_DEPT = HandlingUnit(agency="VD.SA", department="Phòng X")
LEAD_HEAD = HandlingUnit(agency="VD.SA", department="Lãnh đạo")
SECOND = HandlingUnit(agency="VD.SB", department="Phòng Y")

INTER = InternalProcess(
    procedure_code="0.000002",
    name="EXAMPLE: thủ tục liên thông (10 ngày làm việc)",
    source="EXAMPLE invented for the tests from Decree 118/2025 Art. 20(2)",
    processing_time=Duration.working_days(10),
    receiving_unit=CENTRE,
    lead_agency="VD.SA",
    phases=[
        one("Tiếp nhận, chuyển hồ sơ", CENTRE, "0,5 ngày làm việc", StepRole.RECEIVE),
        one("Thẩm định, chuyển liên thông", LEAD_DEPT, "4 ngày làm việc", StepRole.APPRAISE),
        one("Giải quyết phần liên thông", SECOND, "4 ngày làm việc", StepRole.APPRAISE),
        one("Phê duyệt kết quả", LEAD_HEAD, "1 ngày làm việc", StepRole.APPROVE),
        one("Trả kết quả", CENTRE, "0,5 ngày làm việc", StepRole.RETURN),
    ],
)
INTER_CODE = "VD.TT-260302-0007"


class TestInterAgency:
    """An inter-agency procedure where the second agency is late (Decree 118/2025 Art. 20(2))."""

    @pytest.fixture(name="track")
    def fixture_track(self) -> StepTrack:
        track = StepTrack(dossier_code=INTER_CODE, received_at=at(2, 8), process=INTER)
        return run(
            track,
            ("Tiếp nhận, chuyển hồ sơ", CENTRE, at(2, 8), at(2, 12)),
            ("Thẩm định, chuyển liên thông", LEAD_DEPT, at(2, 12), at(5, 17)),
            # 4 days from Thu 17:00 (= Fri 08:00) is Wed 11/03 17:00; done Mon 16/03 10:00.
            ("Giải quyết phần liên thông", SECOND, at(5, 17), at(16, 10)),
            ("Phê duyệt kết quả", LEAD_HEAD, at(16, 10), at(16, 15)),
            ("Trả kết quả", CENTRE, at(16, 15), at(16, 16)),
        )

    def test_the_process_has_a_lead_and_a_participant(self) -> None:
        """The lead agency, a participant with its own share, a desk of a third agency."""
        assert INTER.is_inter_agency
        assert INTER.participating_agencies == ("VD.SB",)
        shares = {s.agency: (str(s.budget), s.is_lead) for s in INTER.agency_shares()}
        assert shares == {
            "VD.TT": ("1 ngày làm việc", False),
            "VD.SA": ("5 ngày làm việc", True),
            "VD.SB": ("4 ngày làm việc", False),
        }

    def test_planned_deadline_of_each_agency(self) -> None:
        """The routing slip's deadlines: the second agency's part is due Thursday 12/03 12:00."""
        dues = [p.due_at for p in INTER.schedule(at(2, 8))]
        assert dues == [at(2, 12), at(6, 12), at(12, 12), at(13, 12), at(13, 17)]

    def test_the_second_agency_is_late(self, track: StepTrack) -> None:
        """The second agency used 50 office hours of 32: "quá 2 ngày 2 giờ"."""
        second = track.records[2]
        assert second.due_at == at(11, 17)
        assert second.used() == hours(50)
        assert second.state_text() == "xong, quá 2 ngày 2 giờ"
        assert [r.is_late() for r in track.records] == [False, False, True, False, False]
        progress = {p.agency: p for p in track.agency_progress(at(20, 8))}
        assert progress["VD.SB"].is_late
        assert progress["VD.SB"].text == "quá 2 ngày 2 giờ"
        # The lead: 28 h appraising + 5 h... approving 4 h (10-12, 13-15) = 32 of 40 h.
        assert progress["VD.SA"].used == hours(32)
        assert progress["VD.SA"].text == "còn 1 ngày"
        assert not progress["VD.SA"].is_late

    def test_the_second_agency_held_it_when_time_ran_out(self, track: StepTrack) -> None:
        """Due Friday 13/03 17:00; the second agency held it then and owes the apology."""
        assert track.due_at == at(13, 17)
        assert track.finished_at == at(16, 16)
        assert track.is_late(at(20, 8))
        assert track.responsible_units() == (SECOND,)
        [duty] = track.apology_duties(at(20, 8))
        assert duty.unit == SECOND
        assert duty.due_at == at(13, 17)
        assert duty.late_by == hours(7)  # Mon 16/03 08:00-12:00 and 13:00-16:00
        assert duty.text == "quá 7 giờ"
        # Art. 19(6): the apology was due at the latest one day before, Thursday 12/03's close.
        assert duty.notice().due_at == at(12, 17)

    def test_overdue_while_still_open(self, track: StepTrack) -> None:
        """Seen on Monday 16/03 09:00, before the second agency finished."""
        assert track.holders_at(at(16, 9)) == (SECOND,)
        [duty] = track.apology_duties(at(16, 9))
        assert duty.text == "quá 1 giờ"
        assert track.records[2].state_text(at(16, 9)) == "quá 2 ngày 1 giờ"

    def test_one_dossier_counted_once_across_reports(self, track: StepTrack) -> None:
        """The same dossier reported by two systems counts once per unit (one dossier code)."""
        second_view = StepTrack(
            dossier_code=INTER_CODE,
            received_at=at(2, 8),
            process=INTER,
            events=[e for e in track.events if e.unit == SECOND],
        )
        merged = merge_tracks([second_view, track, track])
        assert len(merged) == 1
        assert merged[0].records == track.records
        rows = {row.unit: row for row in lateness_by_unit([track, second_view, track], at(20, 8))}
        assert rows[SECOND].steps == 1
        assert rows[SECOND].dossiers == 1
        assert rows[SECOND].late_dossiers == 1
        assert rows[CENTRE].steps == 2
        assert rows[CENTRE].dossiers == 1

    def test_tracks_that_disagree_are_refused(self, track: StepTrack) -> None:
        """Two tracks of one code with different receipts cannot be merged."""
        other = StepTrack(dossier_code=INTER_CODE, received_at=at(2, 9), process=INTER)
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
