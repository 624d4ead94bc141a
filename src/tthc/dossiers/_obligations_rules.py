"""One function per obligation of the one-stop decrees, from explicit instants (private).

Public names are re-exported by [`tthc.dossiers.obligations`][tthc.dossiers.obligations].
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from tthc._validators import check_aware as _check_aware
from tthc.calendar._office import OfficeHours
from tthc.deadlines.compute import _default_calendar, compute_deadline
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy
from tthc.deadlines.rules import (
    Rule,
    RuleSet,
    ruleset_for,
)
from tthc.deadlines.rules import ruleset as _named
from tthc.durations import Duration
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.calendar._core import WorkingCalendar
from tthc.dossiers._obligations_model import Finding, Obligation

# --- one obligation, from explicit instants --------------------------------------------------------


def _rules(value: RuleSet | str | None, start: dt.datetime) -> RuleSet:
    if value is None:
        return ruleset_for(start)
    if isinstance(value, str):
        return _named(value)
    if isinstance(value, RuleSet):
        return value
    raise InvalidValueError("ruleset", value, "a RuleSet, a set's name, or None")


def _policy(office_hours: OfficeHours | None) -> DeadlinePolicy:
    if office_hours is None:
        return DeadlinePolicy.working_time()
    if not isinstance(office_hours, OfficeHours):
        raise InvalidValueError("office_hours", office_hours, "an OfficeHours or None")
    return DeadlinePolicy.working_time(office_hours=office_hours)


def _limit_of(rules: RuleSet, rule_id: str) -> tuple[Rule, Duration]:
    rule = rules.rule(rule_id)
    if rule.limit is None:  # pragma: no cover - the shipped rules with these ids have a limit
        raise InvalidValueError(f"RuleSet({rules.name}).rule({rule_id})", rule, "a time limit")
    return rule, rule.limit


def _counted(
    rule_id: str,
    start: dt.datetime,
    done: dt.datetime | None,
    *,
    ruleset_: RuleSet | str | None,
    calendar: WorkingCalendar | None,
    office_hours: OfficeHours | None,
) -> Obligation:
    start = _check_aware(f"{rule_id}(start)", start)
    if done is not None:
        done = _check_aware(f"{rule_id}(done)", done)
    rules = _rules(ruleset_, start)
    rule, limit = _limit_of(rules, rule_id)
    deadline = compute_deadline(
        start, limit, calendar=calendar, policy=_policy(office_hours), ruleset=rules
    )
    return Obligation(
        rule=rule,
        ruleset=rules,
        starts_at=start,
        due_at=deadline.due_at,
        done_at=done,
        deadline=deadline,
    )


def online_receipt_obligation(
    received_at: dt.datetime,
    *,
    confirmed_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Confirm an online dossier's receipt, or ask for a supplement, within 8 working hours.

    Decree 118/2025 Art. 17(2)(c): "không muộn hơn 08 (tám) giờ làm việc kể từ khi Hệ thống
    thông tin giải quyết thủ tục hành chính tiếp nhận hồ sơ", unless a specialised law sets
    another time ([`RuleSet.override`][tthc.deadlines.rules.RuleSet.override]).

    Args:
        received_at: When the ministry's or province's information system received the dossier.
        confirmed_at: When the official receipt (or the supplement request, or the refusal) was
            notified, or ``None``.
        ruleset: The set (default: in force on ``received_at``).
        calendar: The working calendar (default: the Vietnamese one).
        office_hours: The desk's office hours (default: 08:00-12:00, 13:00-17:00).

    Returns:
        The obligation.

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.
        OutOfCalendarRangeError: Outside the calendar's years.
    """
    return _counted(
        "online_receipt_confirm",
        received_at,
        confirmed_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )


def supplement_request_obligation(
    received_at: dt.datetime,
    *,
    requested_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Return an incomplete dossier with a supplement request within 3 working days of receipt.

    Decree 118/2025 Art. 19(5): "không quá 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ",
    unless a specialised law says otherwise. The library counts 3 working days of office time
    from the receipt instant (working-time policy).

    Args:
        received_at: The dossier's receipt.
        requested_at: When the supplement request was sent, or ``None``.
        ruleset: The set (default: in force on ``received_at``).
        calendar: The working calendar.
        office_hours: The office hours.

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.
    """
    return _counted(
        "supplement_after_appraisal_notice",
        received_at,
        requested_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )


def supplement_close_obligation(
    notified_at: dt.datetime,
    *,
    supplied_at: dt.datetime | None = None,
    closed_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation | None:
    """Close the dossier when the supplement has not come 15 days after the notice.

    Decree 118/2025 Art. 19(5): "Sau 15 ngày kể từ khi thông báo …, nếu tổ chức, cá nhân không
    hoàn thành việc hoàn thiện hồ sơ, … thực hiện đóng hồ sơ". "15 ngày" are calendar days,
    counted as the Civil Code counts days (the notice day not counted; a last day off moves to
    the next working day); the period ends at the close of its last day (``earliest_at``: a
    close before it is premature). The decree sets no time for the close itself; the library
    reads "sau 15 ngày" as the first working day after the period and makes the close due by
    that day's close (``due_at``).

    Args:
        notified_at: When the supplement request was notified.
        supplied_at: When the supplement came, or ``None``.
        closed_at: When the desk closed the dossier, or ``None``.
        ruleset: The set (default: in force on ``notified_at``; pass the dossier's).
        calendar: The working calendar.
        office_hours: The office hours.

    Returns:
        The obligation, or ``None`` when the supplement came by the due instant (nothing to
        close).

    Raises:
        InvalidValueError: A naive instant; the set has no such rule (the 2018 set).
    """
    period = _counted(
        "supplement_close",
        notified_at,
        closed_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )
    if supplied_at is not None:
        supplied = _check_aware("supplement_close_obligation(supplied_at)", supplied_at)
        if supplied <= period.due_at and (closed_at is None or supplied <= closed_at):
            return None
    # The close is due by the end of the first working day after the period.
    end = period.due_at.astimezone(VN_TZ)
    cal = _default_calendar() if calendar is None else calendar
    next_day = dt.datetime.combine(cal.add_working_days(end.date(), 1), dt.time(0), tzinfo=VN_TZ)
    deadline = compute_deadline(
        next_day,
        Duration.same_day(),
        calendar=cal,
        policy=_policy(office_hours),
        ruleset=period.ruleset,
    )
    return attrs.evolve(
        period, earliest_at=period.due_at, due_at=deadline.due_at, deadline=deadline
    )


def _due_day(due: dt.datetime) -> dt.date:
    local = due.astimezone(VN_TZ)
    if local.time() == dt.time(0):  # 24:00 of the day before, as Deadline.due_on
        return local.date() - dt.timedelta(days=1)
    return local.date()


def apology_obligation(
    due_at: dt.datetime,
    *,
    sent_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Send the apology letter with a proposed new date at least 1 day before the due date.

    Decree 118/2025 Art. 19(6): "trong thời hạn chậm nhất 01 ngày trước ngày hết hạn". The
    decree counts one day back from the due day; the library ends the obligation at the close
    of the last working day at least that many days before it, since the agency and the desk
    act in office time. An apology on the due day itself is late.

    Args:
        due_at: The legal due instant the apology precedes
            ([`legal_due_at`][tthc.deadlines.rules.legal_due_at]).
        sent_at: When the apology was sent (the new appointment given), or ``None``.
        ruleset: The set (default: in force on ``due_at``; pass the dossier's).
        calendar: The working calendar.
        office_hours: The office hours.

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> due = dt.datetime(2026, 3, 9, 9, tzinfo=VN_TZ)          # Monday
        >>> apology_obligation(due).due_at.isoformat()               # Friday's close
        '2026-03-06T17:00:00+07:00'
    """
    due = _check_aware("apology_obligation(due_at)", due_at)
    if sent_at is not None:
        sent_at = _check_aware("apology_obligation(sent_at)", sent_at)
    rules = _rules(ruleset, due)
    rule, limit = _limit_of(rules, "apology_notice")
    cal = _default_calendar() if calendar is None else calendar
    day = _due_day(due) - dt.timedelta(days=int(limit.value))
    if not cal.is_working_day(day):
        day = cal.previous_working_day(day)
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=VN_TZ)
    deadline = compute_deadline(
        midnight, Duration.same_day(), calendar=cal, policy=_policy(office_hours), ruleset=rules
    )
    return Obligation(
        rule=rule,
        ruleset=rules,
        starts_at=due,
        due_at=deadline.due_at,
        done_at=sent_at,
        deadline=deadline,
    )


def paper_forward_obligation(
    received_at: dt.datetime,
    *,
    forwarded_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Pass a dossier received in person to the competent body the same working day.

    Decree 118/2025 Art. 18(2): "Chuyển ngay hồ sơ tiếp nhận trực tiếp trong ngày làm việc hoặc
    chuyển vào đầu giờ ngày làm việc tiếp theo đối với trường hợp tiếp nhận sau 15 giờ hàng
    ngày." Received on a working day at or before 15:00: due at that day's close. Received
    after 15:00: due at the opening of the next working day (the library's reading of "đầu
    giờ": the strictest one, the text gives no tolerance). Received on a day off: due at the
    close of the next working day, as if received at its opening.

    Args:
        received_at: The receipt at the desk.
        forwarded_at: When the dossier was passed on, or ``None``.
        ruleset: The set (default: in force on ``received_at``).
        calendar: The working calendar.
        office_hours: The office hours.

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> paper_forward_obligation(dt.datetime(2026, 3, 2, 15, 30, tzinfo=VN_TZ)).due_at.isoformat()
        '2026-03-03T08:00:00+07:00'
    """
    received = _check_aware("paper_forward_obligation(received_at)", received_at)
    if forwarded_at is not None:
        forwarded_at = _check_aware("paper_forward_obligation(forwarded_at)", forwarded_at)
    rules = _rules(ruleset, received)
    rule = rules.rule("paper_forward")
    cal = _default_calendar() if calendar is None else calendar
    policy = _policy(office_hours)
    same_day = compute_deadline(
        received, Duration.same_day(cutoff=rule.cutoff), calendar=cal, policy=policy, ruleset=rules
    )
    deadline = same_day
    local_day = received.astimezone(VN_TZ).date()
    if cal.is_working_day(local_day) and same_day.due_on != local_day:
        # After the cut-off: the opening of the next working day (a zero-length limit is due
        # when counting starts, at the first opening from midnight).
        midnight = dt.datetime.combine(same_day.due_on, dt.time(0), tzinfo=VN_TZ)
        deadline = compute_deadline(
            midnight, Duration.working_hours(0), calendar=cal, policy=policy, ruleset=rules
        )
    return Obligation(
        rule=rule,
        ruleset=rules,
        starts_at=received,
        due_at=deadline.due_at,
        done_at=forwarded_at,
        deadline=deadline,
    )


def cross_level_forward_obligation(
    received_at: dt.datetime,
    *,
    forwarded_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Forward a paper dossier for a body of another administrative level within 1 working day.

    Decree 118/2025 Art. 20(1)(a): "trong không quá 01 ngày làm việc kể từ khi tiếp nhận hồ sơ"
    (the competent body is at a different administrative level; the electronic dossier goes at
    once). No such rule is known in the 2018 set.

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.
    """
    return _counted(
        "cross_level_forward",
        received_at,
        forwarded_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )


def correction_obligation(
    reported_at: dt.datetime,
    *,
    corrected_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Return a corrected result to the desk within 3 working days (a wrong result).

    Decree 118/2025 Art. 23(1): "chậm nhất trong vòng 03 ngày làm việc chuyển lại kết quả cho Bộ
    phận Một cửa". The decree does not say from when; the library counts from the desk's
    transfer of the error to the agency (``reported_at``).

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.
    """
    return _counted(
        "wrong_result_correction",
        reported_at,
        corrected_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )


def fee_transfer_obligation(
    paid_at: dt.datetime,
    *,
    transferred_at: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    office_hours: OfficeHours | None = None,
) -> Obligation:
    """Pay a fee collected online into the state budget within 8 working hours of the payment.

    Decree 118/2025 Art. 24(3): a fallback, "Trường hợp chưa có quy định của pháp luật chuyên
    ngành"; payments through the national interbank system, taxes and social insurance follow
    their own rules. Give a sector's time with
    [`RuleSet.override`][tthc.deadlines.rules.RuleSet.override].

    Raises:
        InvalidValueError: A naive instant; the set has no such rule.
    """
    return _counted(
        "online_fee_to_budget",
        paid_at,
        transferred_at,
        ruleset_=ruleset,
        calendar=calendar,
        office_hours=office_hours,
    )


def count_findings(
    rule_id: str, instants: Iterable[dt.datetime], *, ruleset: RuleSet | str, what: str
) -> tuple[Finding, ...]:
    """Report every act beyond a rule's ``max_count`` (a second supplement request, a second apology).

    Args:
        rule_id: The counting rule ("supplement_once", "reschedule_once").
        instants: When each act happened, in any order.
        ruleset: The set.
        what: The act, for the message ("supplement request").

    Returns:
        One finding per act past the limit, in time order; none when the set has no such rule.

    Raises:
        InvalidValueError: A naive instant; a rule without a count limit.
    """
    if isinstance(ruleset, str):
        ruleset = _named(ruleset)
    if not isinstance(ruleset, RuleSet):
        raise InvalidValueError("count_findings(ruleset)", ruleset, "a RuleSet or a set's name")
    rule = ruleset.get(rule_id)
    if rule is None:
        return ()
    if rule.max_count is None:
        raise InvalidValueError("count_findings(rule_id)", rule_id, "a rule with a count limit")
    ordered = sorted(_check_aware("count_findings(instants)", t) for t in instants)
    return tuple(
        Finding(
            rule=rule,
            at=t,
            message=f"{what} No. {n} (at most {rule.max_count} allowed)",
        )
        for n, t in enumerate(ordered, start=1)
        if n > rule.max_count
    )
