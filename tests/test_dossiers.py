"""tthc.dossiers: statuses, the lifecycle as data, dossiers, and the timeliness rules.

The expected due instants are counted by hand in the comments (office hours 08:00-12:00 and
13:00-17:00; March 2026 has no day off on a weekday: Monday 2 March to Friday 6 March and Monday
9 March on are working days), never taken from tthc.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re

import attrs
import pytest

import tthc
from tthc import VN_TZ, Duration, InvalidTransitionError, InvalidValueError
from tthc.dossiers import (
    END_OF_PROCESSING,
    EVENT_TRANSITIONS,
    TRANSITIONS,
    Closed,
    Dossier,
    DossierEvent,
    DossierStatus,
    Paid,
    PaymentRequested,
    ProcessingStarted,
    Received,
    Refused,
    Rescheduled,
    Resolved,
    Returned,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Timeliness,
    Withdrawn,
    classify,
)
from tthc.procedures import ApplicantType, Channel

CODE = "000.00.10.H26-260302-00001"


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    """An instant in 2026, Vietnam time."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def dossier(days: int = 3, **changes: object) -> Dossier:
    """A dossier received on Monday 2 March 2026 at 09:00 (due Thursday 5 March 09:00 for 3 days)."""
    fields: dict[str, object] = {
        "code": CODE,
        "procedure_code": "1.000000",
        "channel": Channel.IN_PERSON,
        "submitted_at": at(2, 9),
        "received_at": at(2, 9),
        "processing_time": Duration.working_days(days),
    }
    fields.update(changes)
    return Dossier(**fields)  # type: ignore[arg-type]


def submitted(**changes: object) -> Dossier:
    """A dossier submitted online on Monday 2 March 2026 at 08:00, not received yet."""
    return dossier(
        **{"received_at": None, "channel": Channel.ONLINE, "submitted_at": at(2, 8), **changes}
    )


# --- statuses --------------------------------------------------------------------------------

# DVCQG TrangThaiHoSo (research notes vn_legal.md §2.1): code, Vietnamese label.
STATUS_TABLE = [
    (1, "SUBMITTED", "Mới đăng ký"),
    (2, "RECEIVED", "Được tiếp nhận"),
    (3, "REFUSED", "Không được tiếp nhận"),
    (4, "PROCESSING", "Đang xử lý"),
    (5, "SUPPLEMENT_REQUESTED", "Yêu cầu bổ sung giấy tờ"),
    (6, "PAYMENT_REQUESTED", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    (7, "WITHDRAWN", "Công dân yêu cầu rút hồ sơ"),
    (8, "STOPPED", "Dừng xử lý"),
    (9, "RESOLVED", "Đã xử lý xong"),
    (10, "RETURNED", "Đã trả kết quả"),
]


class TestDossierStatus:
    """Rule: the national sync codes 1-10 with their labels (DVCQG TrangThaiHoSo, vn_legal.md §2.1)."""

    @pytest.mark.parametrize(
        ("code", "name", "label"), STATUS_TABLE, ids=[r[1] for r in STATUS_TABLE]
    )
    def test_code_name_and_label(self, code: int, name: str, label: str) -> None:
        """Each national code is the member of that name, with the Vietnamese label."""
        status = DossierStatus(code)
        assert status.name == name
        assert status.label == label
        assert int(status) == code

    def test_end_of_processing(self) -> None:
        """Refused, withdrawn, stopped, resolved and returned end processing (vn_legal.md §2.3)."""
        assert {s.value for s in END_OF_PROCESSING} == {3, 7, 8, 9, 10}
        assert [s.ends_processing for s in DossierStatus] == [
            s.value in {3, 7, 8, 9, 10} for s in DossierStatus
        ]

    def test_final_statuses(self) -> None:
        """Only the ends of processing but RESOLVED (which leads to RETURNED) are final."""
        assert {s.value for s in DossierStatus if s.is_final} == {3, 7, 8, 10}

    def test_unknown_code(self) -> None:
        """A code outside 1-10 is not a status."""
        with pytest.raises(ValueError, match="11"):
            DossierStatus(11)


# --- the lifecycle ------------------------------------------------------------------------------

# The allowed transitions, written out from the research notes (§2.1, §1.9, §1.10, §2.3) and
# the decisions documented in tthc.dossiers.EVENT_TRANSITIONS: event -> {from: to}.
EXPECTED = {
    Received: {1: 2},
    ProcessingStarted: {2: 4},
    SupplementRequested: {2: 5, 4: 5},
    SupplementSupplied: {5: 4},
    PaymentRequested: {2: 6, 4: 6},
    Paid: {6: 4},
    Rescheduled: {2: 2, 4: 4, 6: 6},
    Resolved: {2: 9, 4: 9},
    Returned: {9: 10},
    Refused: {1: 3, 2: 3, 4: 3, 5: 3},
    Withdrawn: {1: 7, 2: 7, 4: 7, 5: 7, 6: 7},
    Stopped: {2: 8, 4: 8, 5: 8, 6: 8},
    # Decree 118/2025 Art. 19(5): the desk closes a dossier whose supplement has not come;
    # carried as 8 "Dừng xử lý" (no national code of its own).
    Closed: {5: 8},
}


def in_status(code: int) -> Dossier:
    """A dossier brought to the status of ``code`` by the shortest path of events."""
    paths: dict[int, list[DossierEvent]] = {
        1: [],
        2: [Received(at=at(2, 9))],
        3: [Refused(at=at(2, 9), note="Hồ sơ không đủ điều kiện")],
        4: [Received(at=at(2, 9)), ProcessingStarted(at=at(2, 10))],
        5: [Received(at=at(2, 9)), SupplementRequested(at=at(2, 10))],
        6: [Received(at=at(2, 9)), PaymentRequested(at=at(2, 10))],
        7: [Withdrawn(at=at(2, 9))],
        8: [Received(at=at(2, 9)), Stopped(at=at(2, 10))],
        9: [Received(at=at(2, 9)), Resolved(at=at(2, 10))],
        10: [Received(at=at(2, 9)), Resolved(at=at(2, 10)), Returned(at=at(2, 11))],
    }
    return submitted().apply_all(paths[code])


def event_of(cls: type[DossierEvent], when: dt.datetime) -> DossierEvent:
    if cls is Rescheduled:
        return Rescheduled(
            at=when, new_due_at=when + dt.timedelta(days=7), reason="Cần xác minh thêm"
        )
    return cls(at=when)


class TestTransitions:
    """Rule: the lifecycle is data; an event not allowed in the current status is refused, naming both statuses."""

    def test_table(self) -> None:
        """EVENT_TRANSITIONS is the documented table, event by event."""
        assert {
            cls: {int(a): int(b) for a, b in moves.items()}
            for cls, moves in EVENT_TRANSITIONS.items()
        } == EXPECTED

    def test_status_graph(self) -> None:
        """TRANSITIONS lists, for each status, the statuses an event can lead to (no self-loops)."""
        expected: dict[int, set[int]] = {s: set() for s in range(1, 11)}
        for moves in EXPECTED.values():
            for a, b in moves.items():
                if a != b:
                    expected[a].add(b)
        assert {int(s): {int(t) for t in ts} for s, ts in TRANSITIONS.items()} == expected

    @pytest.mark.parametrize("code", range(1, 11))
    @pytest.mark.parametrize("cls", list(EXPECTED), ids=lambda c: c.__name__)
    def test_every_event_in_every_status(self, code: int, cls: type[DossierEvent]) -> None:
        """An allowed event leads to its status; a refused one raises and changes nothing."""
        before = in_status(code)
        assert before.status == code
        snapshot = attrs.evolve(before)
        event = event_of(cls, at(3, 9))
        target = EXPECTED[cls].get(code)
        if target is None:
            with pytest.raises(InvalidTransitionError) as info:
                before.apply(event)
            assert info.value.current is DossierStatus(code)
            assert isinstance(info.value.requested, DossierStatus)
            assert f"{cls.__name__} is allowed only in status" in info.value.__notes__[0]
            assert before == snapshot
            assert before.events == snapshot.events
        else:
            after = before.apply(event)
            assert after.status == target
            assert after.events == (*before.events, event)
            assert before == snapshot

    def test_message_names_both_statuses(self) -> None:
        """The error names the current and the requested status."""
        with pytest.raises(InvalidTransitionError) as info:
            in_status(10).apply(SupplementRequested(at=at(3, 9)))
        assert str(info.value) == (
            "a dossier in status <DossierStatus.RETURNED: 10> cannot move to "
            "<DossierStatus.SUPPLEMENT_REQUESTED: 5>"
        )
        assert info.value.requested is DossierStatus.SUPPLEMENT_REQUESTED

    def test_error_pickles(self) -> None:
        """The transition error survives pickling with both statuses."""
        with pytest.raises(InvalidTransitionError) as info:
            in_status(3).apply(Received(at=at(3, 9)))
        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own bytes
        assert (copy.current, copy.requested) == (DossierStatus.REFUSED, DossierStatus.RECEIVED)

    def test_received_event_sets_receipt(self) -> None:
        """Applying Received to a submitted dossier sets received_at and computes the due instant."""
        d = submitted().apply(Received(at=at(2, 9)))
        assert d.received_at == at(2, 9)
        assert d.due_at == at(5, 9)  # 3 working days: Mon 09-17 (7 h), Tue, Wed (16 h), Thu 08-09

    def test_apply_all_is_all_or_nothing(self) -> None:
        """apply_all returns nothing when one event is refused, and the dossier is unchanged."""
        d = dossier()
        with pytest.raises(InvalidTransitionError):
            d.apply_all([Resolved(at=at(3, 9)), SupplementRequested(at=at(3, 10))])
        assert d.events == ()


# --- the dossier record ----------------------------------------------------------------------------


class TestDossier:
    """A dossier (hồ sơ): identity, submission and receipt, derived clock values."""

    def test_repr(self) -> None:
        """The short repr names the code, the status and the number of events."""
        d = dossier().apply(ProcessingStarted(at=at(2, 10)))
        assert repr(d) == f"<Dossier {CODE} status=PROCESSING events=1>"

    def test_submitted_and_received_are_different_fields(self) -> None:
        """Submission and official receipt are kept apart; without a receipt the dossier is SUBMITTED."""
        d = submitted()
        assert (d.submitted_at, d.received_at, d.status) == (
            at(2, 8),
            None,
            DossierStatus.SUBMITTED,
        )
        assert d.due_at is None
        assert d.deadline is None
        assert not d.is_received

    def test_received_dossier_starts_received(self) -> None:
        """A dossier built with a receipt starts in status RECEIVED."""
        assert dossier().status is DossierStatus.RECEIVED

    def test_frozen(self) -> None:
        """A dossier cannot be changed in place."""
        d = dossier()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            d.code = "x"  # type: ignore[misc]

    def test_equal_and_hashable(self) -> None:
        """Dossiers with the same fields are equal and hash alike."""
        assert dossier() == dossier()
        assert hash(dossier()) == hash(dossier())

    def test_pickles(self) -> None:
        """A dossier survives pickling (for multiprocessing)."""
        d = dossier().apply(SupplementRequested(at=at(3, 9), note="Thiếu bản sao"))
        assert pickle.loads(pickle.dumps(d)) == d  # noqa: S301 - our own bytes

    def test_fields_are_normalised(self) -> None:
        """Texts are NFC and events a tuple, whatever was given."""
        d = dossier(
            agency="UBND phu\u031bo\u031b\u0300ng", events=[ProcessingStarted(at=at(2, 10))]
        )
        assert d.agency == "UBND phường"
        assert d.events == (ProcessingStarted(at=at(2, 10)),)

    def test_optional_applicant_type(self) -> None:
        """The applicant type (LoaiDoiTuong) is a national code, or None when unknown."""
        assert dossier().applicant_type is None
        assert (
            dossier(applicant_type=ApplicantType.ENTERPRISE).applicant_type.label == "Doanh nghiệp"
        )

    def test_due_at_from_processing_time(self) -> None:
        """Received Mon 2/3 09:00 with 3 working days: due Thu 5/3 09:00."""
        assert dossier().due_at == at(5, 9)

    def test_due_at_with_a_pause(self) -> None:
        """A completed supplement wait moves the due instant by its office time.

        Requested Tue 3/3 09:00, supplied Thu 5/3 09:00: 7 + 8 + 1 = 16 office hours. The due
        instant moves from Thu 5/3 09:00 by 16 office hours: Thu 09-17 (7), Fri (8), Mon 9/3
        08-09 (1): Mon 9/3 09:00.
        """
        d = (
            dossier()
            .apply(SupplementRequested(at=at(3, 9)))
            .apply(SupplementSupplied(at=at(5, 9)))
        )
        assert d.pauses == (tthc.Pause(start_at=at(3, 9), end_at=at(5, 9)),)
        assert d.due_at == at(9, 9)

    def test_open_request_does_not_move_the_due_instant(self) -> None:
        """While a supplement is awaited, the due instant counts only completed waits."""
        d = dossier().apply(SupplementRequested(at=at(3, 9)))
        assert d.pauses == ()
        assert d.waiting_since == at(3, 9)
        assert d.due_at == at(5, 9)
        assert d.supplement_requests == 1

    def test_stated_due_at_wins(self) -> None:
        """A due instant recorded by the agency's system is used as it is."""
        d = dossier(processing_time=None, stated_due_at=at(6, 17))
        assert d.due_at == at(6, 17)
        assert d.deadline is None

    def test_policy_and_calendar(self) -> None:
        """The due instant follows the dossier's policy (Civil Code: 3 days after Mon 2/3 end Thu 5/3 24:00)."""
        d = dossier(policy=tthc.DeadlinePolicy.civil_code(), calendar=tthc.vietnam_calendar())
        assert d.due_at == at(6, 0)

    def test_appointment_after_reschedule(self) -> None:
        """An apology slip gives a new appointment; the original due instant stays."""
        d = dossier().apply(
            Rescheduled(
                at=at(4, 10),
                new_due_at=at(9, 16),
                reason="Cần xác minh thêm với cơ quan liên quan",
            )
        )
        assert d.appointment_at == at(9, 16)
        assert d.original_due_at == d.due_at == at(5, 9)
        assert d.reschedules[0].new_due_at == at(9, 16)
        assert d.status is DossierStatus.RECEIVED

    def test_finished_at_is_the_first_end(self) -> None:
        """Resolved before returned: the end of processing is the resolution (vn_legal.md §2.3)."""
        d = dossier().apply_all([Resolved(at=at(4, 15)), Returned(at=at(6, 8))])
        assert d.finished_at == at(4, 15)
        assert d.returned_at == at(6, 8)
        assert d.is_finished

    def test_never_received_has_no_end_of_processing(self) -> None:
        """A dossier refused at reception was never processed: no finished_at."""
        d = submitted().apply(Refused(at=at(2, 9)))
        assert d.status is DossierStatus.REFUSED
        assert d.finished_at is None

    def test_withdrawal_after_receipt_ends_processing(self) -> None:
        """Withdrawn after receipt: the withdrawal is the end of processing."""
        assert dossier().apply(Withdrawn(at=at(3, 9))).finished_at == at(3, 9)

    def test_as_of(self) -> None:
        """as_of gives the dossier as it was then: later events and a later receipt left out."""
        d = submitted().apply_all([Received(at=at(2, 9)), Resolved(at=at(4, 15))])
        assert d.as_of(at(3, 12)).status is DossierStatus.RECEIVED
        assert d.as_of(at(2, 8, 30)).status is DossierStatus.SUBMITTED
        assert d.as_of(at(2, 8, 30)).received_at is None
        assert d.as_of(at(5, 0)) is d

    def test_timeline(self) -> None:
        """The timeline lists each event with the status it leads to."""
        d = dossier().apply_all(
            [
                SupplementRequested(at=at(3, 9), note="Bổ sung bản sao giấy khai sinh"),
                SupplementSupplied(at=at(5, 9)),
                Rescheduled(at=at(9, 10), new_due_at=at(11, 16), reason="Chờ xác minh"),
                Resolved(at=at(10, 15)),
            ]
        )
        assert d.timeline().splitlines() == [
            "02/03/2026 09:00  submitted             -> SUBMITTED",
            "02/03/2026 09:00  received              -> RECEIVED",
            "03/03/2026 09:00  supplement_requested  -> SUPPLEMENT_REQUESTED: Bổ sung bản sao giấy khai sinh",
            "05/03/2026 09:00  supplement_supplied   -> PROCESSING",
            "09/03/2026 10:00  rescheduled           -> PROCESSING (new appointment 11/03/2026 16:00)",
            "10/03/2026 15:00  resolved              -> RESOLVED",
        ]


class TestDossierErrors:
    """Bad values are refused when the dossier is built, naming the field and the value."""

    @pytest.mark.parametrize(
        ("field", "bad"),
        [
            ("code", "000.00.10.H26-2603-1"),
            ("code", 12345),
            ("procedure_code", "1.1193"),
            ("channel", 2),
            ("applicant_type", 1),
            ("case", "  "),
            ("processing_time", "3 ngày làm việc"),
            ("policy", "working"),
            ("calendar", "vn"),
        ],
    )
    def test_bad_field(self, field: str, bad: object) -> None:
        """Each field refuses a bad value with InvalidValueError naming Dossier.<field>."""
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier(**{field: bad})
        assert info.value.field == f"Dossier.{field}"

    def test_naive_instant(self) -> None:
        """A naive submission instant is refused (its offset would be a guess)."""
        bad = dt.datetime(2026, 3, 2, 9)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier(submitted_at=bad, received_at=None)
        assert info.value.field == "Dossier.submitted_at"

    def test_receipt_before_submission(self) -> None:
        """The official receipt cannot come before the submission."""
        bad = at(2, 7)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier(received_at=bad)
        assert info.value.field == "Dossier.received_at"

    def test_received_without_a_time_limit(self) -> None:
        """A received dossier needs a processing time or a stated due instant."""
        with pytest.raises(InvalidValueError, match=re.escape("got None")) as info:
            dossier(processing_time=None)
        assert info.value.field == "Dossier.processing_time"

    def test_events_out_of_order(self) -> None:
        """Events must be in time order."""
        bad = Resolved(at=at(3, 9))
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier(events=[ProcessingStarted(at=at(4, 9)), bad])
        assert info.value.field == "Dossier.events[1]"

    def test_event_not_allowed_when_built(self) -> None:
        """A history that breaks the lifecycle is refused when the dossier is built."""
        bad = SupplementSupplied(at=at(3, 9))
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier(events=[bad])
        assert info.value.field == "Dossier.events[0]"

    def test_receipt_event_must_match_the_field(self) -> None:
        """A Received event and received_at must agree."""
        bad = at(2, 10)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            submitted(received_at=bad, events=[Received(at=at(2, 9))])
        assert info.value.field == "Dossier.received_at"

    def test_not_an_event(self) -> None:
        """Only events can be applied."""
        bad = "resolved"
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier().apply(bad)  # type: ignore[arg-type]
        assert info.value.field == "Dossier.apply(event)"

    def test_event_before_the_last(self) -> None:
        """An event earlier than the dossier's last event is refused, and nothing changes."""
        d = dossier().apply(ProcessingStarted(at=at(3, 9)))
        bad = Resolved(at=at(3, 8))
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            d.apply(bad)
        assert info.value.field == "Dossier.apply(event)"
        assert len(d.events) == 1

    def test_as_of_before_submission(self) -> None:
        """A dossier has no state before it was submitted."""
        bad = at(1, 9)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            dossier().as_of(bad)
        assert info.value.field == "Dossier.as_of(instant)"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"reason": " "}, "Rescheduled.reason"),
            ({"new_due_at": at(3, 9)}, "Rescheduled.new_due_at"),
        ],
    )
    def test_bad_reschedule(self, changes: dict[str, object], field: str) -> None:
        """An apology slip states a reason and a new appointment after its issue."""
        fields: dict[str, object] = {
            "at": at(4, 9),
            "new_due_at": at(9, 9),
            "reason": "Chờ xác minh",
            **changes,
        }
        bad = changes[field.split(".")[1]]
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Rescheduled(**fields)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_bad_event_fields(self) -> None:
        """An event's instant must be aware and its note non-blank when given."""
        bad = dt.datetime(2026, 3, 2, 9)
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            Resolved(at=bad)
        assert info.value.field == "Resolved.at"
        with pytest.raises(InvalidValueError, match=re.escape(repr(""))) as info:
            Refused(at=at(2, 9), note="")
        assert info.value.field == "Refused.note"


# --- timeliness -------------------------------------------------------------------------------------


class TestEndOfProcessingRule:
    """Rule (Decision 766 indicator 2.1, vn_legal.md §2.3): "end of processing is the time of the first
    terminal status ... if both resolved and returned exist, take resolved"; end date < due date is
    early (trước hạn), equal is on time (đúng hạn), greater is late (quá hạn).
    """

    @pytest.mark.parametrize(
        ("resolved", "expected"),
        [
            (at(4, 15), Timeliness.EARLY),  # Wed, the day before the due day
            (at(5, 8), Timeliness.ON_TIME),  # Thu 08:00, before the due instant 09:00
            (at(5, 16), Timeliness.ON_TIME),  # Thu 16:00: after 09:00, the same day
            (at(6, 8, 30), Timeliness.LATE),  # Fri
        ],
        ids=["early", "on-time-before", "on-time-after", "late"],
    )
    def test_resolved(self, resolved: dt.datetime, expected: Timeliness) -> None:
        """The resolution day is compared with the due day (Thu 5/3)."""
        assert classify(dossier().apply(Resolved(at=resolved))) is expected

    def test_returned_later_does_not_count(self) -> None:
        """A result returned after the due day does not make a dossier resolved on time late."""
        d = dossier().apply_all([Resolved(at=at(5, 16)), Returned(at=at(9, 8))])
        assert classify(d) is Timeliness.ON_TIME

    @pytest.mark.parametrize("cls", [Stopped, Withdrawn, Refused], ids=lambda c: c.__name__)
    def test_other_ends(self, cls: type[DossierEvent]) -> None:
        """Stopped, withdrawn or refused after receipt also end processing."""
        assert classify(dossier().apply(cls(at=at(6, 9)))) is Timeliness.LATE
        assert classify(dossier().apply(cls(at=at(3, 9)))) is Timeliness.EARLY


class TestSupplementTimeRule:
    """Rule (Decision 766 formula document, indicator 2.1, vn_legal.md §1.9): "adjusted end of
    processing = end of processing − supplement time; supplement time = time of 'hoàn thành bổ
    sung' − time of 'yêu cầu bổ sung'".
    """

    def test_wait_moves_the_due_instant(self) -> None:
        """A 16-office-hour wait moves the due instant from Thu 5/3 09:00 to Mon 9/3 09:00."""
        base = dossier().apply_all(
            [SupplementRequested(at=at(3, 9)), SupplementSupplied(at=at(5, 9))]
        )
        assert classify(base.apply(Resolved(at=at(9, 8, 30)))) is Timeliness.ON_TIME
        assert classify(base.apply(Resolved(at=at(6, 10)))) is Timeliness.EARLY
        assert classify(base.apply(Resolved(at=at(10, 9)))) is Timeliness.LATE

    def test_without_the_wait_it_would_be_late(self) -> None:
        """The same resolution without the wait is late."""
        assert classify(dossier().apply(Resolved(at=at(9, 8, 30)))) is Timeliness.LATE


class TestMoreThanOneSupplementRule:
    """Rule (Decision 766 formula document, indicator 2.1, vn_legal.md §1.9, CONFIRMED (secondary)):
    "yêu cầu bổ sung hơn 01 lần thì tính quá hạn" (more than one supplement request counts as late).
    """

    def twice(self) -> Dossier:
        return dossier().apply_all(
            [
                SupplementRequested(at=at(2, 10)),
                SupplementSupplied(at=at(2, 11)),
                SupplementRequested(at=at(2, 14)),
                SupplementSupplied(at=at(2, 15)),
            ]
        )

    def test_finished_early_is_late(self) -> None:
        """Resolved the next day, long before the due date, but asked twice: late."""
        assert classify(self.twice().apply(Resolved(at=at(3, 9)))) is Timeliness.LATE

    def test_unfinished_is_overdue(self) -> None:
        """Unfinished, within the due date, but asked twice: overdue."""
        assert classify(self.twice(), at(3, 12)) is Timeliness.OVERDUE

    def test_once_is_not_late(self) -> None:
        """One request alone changes nothing but the due instant."""
        once = dossier().apply_all(
            [SupplementRequested(at=at(2, 10)), SupplementSupplied(at=at(2, 11))]
        )
        assert classify(once.apply(Resolved(at=at(3, 9)))) is Timeliness.EARLY


class TestRescheduledRule:
    """Rule (vn_legal.md §1.10, DESIGN.md): an apology slip (Phiếu xin lỗi và hẹn lại ngày trả kết
    quả) gives a new appointment; "the original due date stays for timeliness".
    """

    def test_judged_against_the_original_due(self) -> None:
        """Resolved Fri 6/3, after the original due Thu 5/3, before the new appointment Mon 9/3: late."""
        d = dossier().apply_all(
            [
                Rescheduled(at=at(4, 10), new_due_at=at(9, 16), reason="Cần xác minh thêm"),
                Resolved(at=at(6, 10)),
            ]
        )
        assert d.appointment_at == at(9, 16)
        assert classify(d) is Timeliness.LATE


class TestUnfinishedRule:
    """Rule (vn_legal.md §2.3): "a dossier not yet finished uses the end of the reporting period";
    due date ≥ period end is within time (trong hạn), otherwise overdue; "if a dossier is waiting
    for the citizen's supplement, the time of the supplement request counts as the end of processing".
    """

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            (at(3, 12), Timeliness.WITHIN_TIME),
            (at(5, 23, 59), Timeliness.WITHIN_TIME),  # the due day, after the due instant
            (at(6, 0), Timeliness.OVERDUE),
        ],
    )
    def test_at_the_reporting_instant(self, as_of: dt.datetime, expected: Timeliness) -> None:
        """An unfinished dossier due Thu 5/3 is within time to the end of that day."""
        assert classify(dossier(), as_of) is expected

    def test_waiting_uses_the_request(self) -> None:
        """Waiting since Wed 4/3 (before the due day): within time, however late the report."""
        d = dossier().apply(SupplementRequested(at=at(4, 10)))
        assert classify(d, at(31, 17)) is Timeliness.WITHIN_TIME

    def test_waiting_after_the_due_day(self) -> None:
        """A supplement requested after the due day: overdue."""
        d = dossier().apply(SupplementRequested(at=at(6, 10)))
        assert classify(d, at(31, 17)) is Timeliness.OVERDUE

    def test_finished_after_the_report(self) -> None:
        """A dossier finished after the reporting instant is unfinished at it."""
        d = dossier().apply(Resolved(at=at(9, 9)))
        assert classify(d, at(4, 17)) is Timeliness.WITHIN_TIME
        assert classify(d, at(6, 17)) is Timeliness.OVERDUE
        assert classify(d, at(10, 0)) is Timeliness.LATE

    def test_as_of_is_required(self) -> None:
        """Without a reporting instant an unfinished dossier cannot be classified."""
        with pytest.raises(InvalidValueError, match=re.escape("got None")) as info:
            classify(dossier())
        assert info.value.field == "classify(as_of)"


class TestNotClassified:
    """Decision (documented in tthc.dossiers.classify): indicator 2.1 counts dossiers "received or
    handled in the period"; a dossier never received, or received after the reporting instant, is
    not classified (None).
    """

    @pytest.mark.parametrize(
        "events",
        [[], [Refused(at=at(2, 9))], [Withdrawn(at=at(2, 9))]],
        ids=["submitted", "refused-at-reception", "withdrawn-before-receipt"],
    )
    def test_never_received(self, events: list[DossierEvent]) -> None:
        """Submitted only, refused at reception, withdrawn before receipt: not classified."""
        assert classify(submitted().apply_all(events), at(31, 17)) is None

    def test_received_after_the_report(self) -> None:
        """Received after the reporting instant: not classified at it."""
        d = submitted().apply(Received(at=at(3, 9)))
        assert classify(d, at(2, 17)) is None
        assert classify(d, at(3, 10)) is Timeliness.WITHIN_TIME

    def test_submitted_after_the_report(self) -> None:
        """Submitted after the reporting instant: not classified."""
        assert classify(dossier(), at(1, 17)) is None


class TestGranularity:
    """Rule (vn_legal.md §2.3): the national reports compare at date granularity; the instant is an option."""

    def test_instant(self) -> None:
        """Resolved on the due day after the due instant: on time by date, late by instant."""
        d = dossier().apply(Resolved(at=at(5, 16)))
        assert classify(d) is Timeliness.ON_TIME
        assert classify(d, granularity="instant") is Timeliness.LATE
        assert d.classify(granularity="instant") is Timeliness.LATE

    def test_exactly_on_the_instant(self) -> None:
        """Resolved exactly at the due instant is on time by instant too."""
        assert (
            classify(dossier().apply(Resolved(at=at(5, 9))), granularity="instant")
            is Timeliness.ON_TIME
        )

    def test_unfinished_by_instant(self) -> None:
        """After the due instant, on the due day: within time by date, overdue by instant."""
        assert classify(dossier(), at(5, 10)) is Timeliness.WITHIN_TIME
        assert classify(dossier(), at(5, 10), granularity="instant") is Timeliness.OVERDUE

    def test_due_at_midnight_belongs_to_the_day_before(self) -> None:
        """Civil Code, 2 days from Mon 2/3: due Wed 4/3 24:00 (= Thu 5/3 00:00), the due day is Wed."""
        d = dossier(days=2, policy=tthc.DeadlinePolicy.civil_code())
        assert d.due_at == at(5, 0)
        assert classify(d.apply(Resolved(at=at(4, 23)))) is Timeliness.ON_TIME
        assert classify(d.apply(Resolved(at=at(5, 0, 30)))) is Timeliness.LATE
        assert classify(d.apply(Resolved(at=at(4, 23))), granularity="instant") is Timeliness.EARLY

    def test_other_time_zones(self) -> None:
        """Days are Vietnam days whatever the offset of the instants."""
        utc = dt.datetime(2026, 3, 5, 18, tzinfo=dt.UTC)  # Fri 6/3 01:00 in Vietnam
        assert classify(dossier().apply(Resolved(at=utc))) is Timeliness.LATE

    def test_bad_granularity(self) -> None:
        """Only 'date' and 'instant' are granularities."""
        bad = "hour"
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            classify(dossier(), at(3, 9), granularity=bad)  # type: ignore[arg-type]
        assert info.value.field == "classify(granularity)"

    def test_not_a_dossier(self) -> None:
        """classify takes a Dossier."""
        bad = "000.00.10.H26-260302-00001"
        with pytest.raises(InvalidValueError, match=re.escape(repr(bad))) as info:
            classify(bad)  # type: ignore[arg-type]
        assert info.value.field == "classify(dossier)"


class TestTimeliness:
    """The classes of Decision 766 indicator 2.1, with their Vietnamese labels."""

    def test_labels_and_values(self) -> None:
        """Values are the names indicators.timeliness_counts reads; labels are Vietnamese."""
        assert [(t.value, t.label) for t in Timeliness] == [
            ("early", "Trước hạn"),
            ("on_time", "Đúng hạn"),
            ("late", "Quá hạn"),
            ("within_time", "Trong hạn"),
            ("overdue", "Quá hạn (đang giải quyết)"),
        ]

    def test_counts(self) -> None:
        """The classes feed indicators.timeliness_counts directly (early + on time + within over all)."""
        from tthc.indicators import timeliness_counts  # noqa: PLC0415

        counts = timeliness_counts([Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.OVERDUE])
        assert (counts.early, counts.on_time, counts.overdue) == (1, 1, 1)

    def test_flags(self) -> None:
        """Finished classes and the numerator of indicator 2.1."""
        assert [t.is_finished for t in Timeliness] == [True, True, True, False, False]
        assert [t.counts_as_on_time for t in Timeliness] == [True, True, False, True, False]
