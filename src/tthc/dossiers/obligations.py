"""The desk's and the agency's obligations (*nghĩa vụ, thời hạn*) on a dossier, and breaches found.

The one-stop decrees put limits on the people handling a dossier, besides the processing time:
confirm an online receipt within 8 working hours, return an incomplete dossier within 3 working
days, send the apology letter at least a day before the due date, forward a paper dossier the same
day… Each is an [`Obligation`][tthc.dossiers.obligations.Obligation]: the rule and its article, the
instant from which it runs, the due instant on the working calendar (computed with
[`compute_deadline`][tthc.deadlines.compute_deadline] under the working-time policy), when it was
done, and a state at any instant (pending, met, missed).

A breach is a [`Finding`][tthc.dossiers.obligations.Finding]: a missed obligation, or a rule that
allows something at most once done twice (a second supplement request, a second new appointment).
Real systems record such events; the dossier keeps them, and the check reports them with the rule
and its article rather than refusing or hiding them.

Two ways in: one function per obligation over explicit instants
([`online_receipt_obligation`][tthc.dossiers.obligations.online_receipt_obligation], …), and
[`check_dossier`][tthc.dossiers.obligations.check_dossier], which reads a
[`Dossier`][tthc.dossiers.Dossier]'s receipt, channel and events under the rule set in force on its
receipt day ([`ruleset_for`][tthc.deadlines.rules.ruleset_for]).

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> # Submitted online on Friday 9/1/2026 at 14:00; Saturday 10/1/2026 was a working day.
    >>> ob = online_receipt_obligation(dt.datetime(2026, 1, 9, 14, tzinfo=VN_TZ))
    >>> ob.due_at.isoformat(), ob.citation
    ('2026-01-10T14:00:00+07:00', 'Nghị định 118/2025/NĐ-CP, Art. 17(2)(c)')
    >>> ob.state(dt.datetime(2026, 1, 12, 9, tzinfo=VN_TZ))
    <ObligationState.MISSED: 'missed'>

References:
    Decree 118/2025/NĐ-CP Arts. 11(2)(c), 17(2), 18(2), 19(5)-(6), 20(1), 23(1), 24(3)
    (confirmed_secondary: one full-text copy); Decree 61/2018/NĐ-CP as amended by Decree
    107/2021/NĐ-CP for dossiers received before 1/7/2025 (uncertain: texts not found).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._validators import check_aware as _check_aware
from tthc.calendar._core import Certainty, WorkingCalendar
from tthc.calendar._office import OfficeHours
from tthc.deadlines.compute import _default_calendar, compute_deadline
from tthc.deadlines.deadline import Deadline
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy
from tthc.deadlines.rules import (
    Rule,
    RuleSet,
    Supplement,
    legal_deadline,
    ruleset_for,
)
from tthc.deadlines.rules import ruleset as _named
from tthc.dossiers.dossier import Dossier
from tthc.dossiers.events import (
    Closed,
    DossierEvent,
    ProcessingStarted,
    Refused,
    Rescheduled,
    Stopped,
    SupplementRequested,
    SupplementSupplied,
    Withdrawn,
)
from tthc.durations import Duration
from tthc.errors import InvalidValueError
from tthc.procedures import Channel

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DOSSIER_RULES",
    "Finding",
    "Obligation",
    "ObligationState",
    "RuleCheck",
    "apology_obligation",
    "check_dossier",
    "correction_obligation",
    "count_findings",
    "cross_level_forward_obligation",
    "dossier_legal_deadline",
    "dossier_legal_due_at",
    "dossier_supplements",
    "fee_transfer_obligation",
    "online_receipt_obligation",
    "paper_forward_obligation",
    "supplement_close_obligation",
    "supplement_request_obligation",
]


class ObligationState(enum.Enum):
    """Where an obligation stands at an instant (*tình trạng thực hiện*)."""

    #: Not done yet, and the due instant has not passed.
    PENDING = "pending"
    #: Done on or before the due instant.
    MET = "met"
    #: Done after the due instant, or not done when it passed.
    MISSED = "missed"


def _aware(instance: object, attribute: Any, value: Any) -> None:
    _check_aware(f"{type(instance).__name__}.{attribute.name}", value)


def _optional_aware(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _aware(instance, attribute, value)


def _check_rule(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Rule):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a tthc.deadlines.Rule")


def _check_ruleset(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, RuleSet):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a RuleSet")


@attrs.frozen(kw_only=True)
class Obligation:
    """A duty with a due instant (*nghĩa vụ có thời hạn*): what, by when, done when, under which rule.

    Attributes:
        rule: The rule that sets the limit (its article, certainty and text).
        ruleset: The rule set it was taken from.
        starts_at: The instant from which the limit runs (the receipt, the notice, the payment),
            or the due date it counts back from (the apology letter).
        due_at: The due instant, on the working calendar.
        done_at: When the duty was done, or ``None``.
        deadline: How ``due_at`` was computed, when it came from
            [`compute_deadline`][tthc.deadlines.compute_deadline].
        earliest_at: The first instant the duty may be done, for a duty that must wait (the
            close after 15 days); ``None`` for the others.
    """

    rule: Rule = attrs.field(validator=_check_rule)
    ruleset: RuleSet = attrs.field(validator=_check_ruleset, repr=False)
    starts_at: dt.datetime = attrs.field(validator=_aware)
    due_at: dt.datetime = attrs.field(validator=_aware)
    done_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    deadline: Deadline | None = attrs.field(default=None, repr=False, eq=False)
    earliest_at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)

    @property
    def citation(self) -> str:
        """The rule's document and article."""
        return self.rule.citation

    @property
    def is_premature(self) -> bool:
        """Whether it was done before ``earliest_at`` (a dossier closed before its 15 days)."""
        return (
            self.done_at is not None
            and self.earliest_at is not None
            and self.done_at < self.earliest_at
        )

    @property
    def certainty(self) -> Certainty:
        """How well the rule is established (the 2018 set: uncertain)."""
        return self.rule.certainty

    def state(self, at: dt.datetime | None = None) -> ObligationState:
        """Return the state at ``at`` (default: as recorded, with no later instant known).

        Met when done on or before the due instant; missed when done after it, done before
        ``earliest_at``, or not done at an ``at`` later than it; pending otherwise. Done after
        ``at`` counts as not done.

        Raises:
            InvalidValueError: ``at`` is naive.
        """
        if at is not None:
            at = _check_aware("Obligation.state(at)", at)
        done = self.done_at
        if done is not None and (at is None or done <= at):
            if done <= self.due_at and not self.is_premature:
                return ObligationState.MET
            return ObligationState.MISSED
        if at is not None and at > self.due_at:
            return ObligationState.MISSED
        return ObligationState.PENDING

    def explain(self, at: dt.datetime | None = None) -> str:
        """Return one line: the rule, the due instant, when done, the state and the citation."""
        done = "not done" if self.done_at is None else f"done {_text(self.done_at)}"
        label = "" if self.certainty is Certainty.CONFIRMED else f", {self.certainty.value}"
        return (
            f"{self.rule.id}: due {_text(self.due_at)}, {done}: {self.state(at).value} "
            f"({self.citation}{label})"
        )


def _text(instant: dt.datetime) -> str:
    return f"{instant.astimezone(VN_TZ):%d/%m/%Y %H:%M}"


@attrs.frozen(kw_only=True)
class Finding:
    """A breach of a one-stop rule (*vi phạm quy định*), with the rule and its article.

    Attributes:
        rule: The rule broken.
        at: When the breach happened (the late or repeated act, or the due instant passed).
        message: What happened, in English.
        obligation: The missed obligation, for a breach of a time limit.
    """

    rule: Rule = attrs.field(validator=_check_rule)
    at: dt.datetime = attrs.field(validator=_aware)
    message: str
    obligation: Obligation | None = attrs.field(default=None, repr=False)

    @property
    def citation(self) -> str:
        """The rule's document and article."""
        return self.rule.citation

    def __str__(self) -> str:
        label = (
            "" if self.rule.certainty is Certainty.CONFIRMED else f", {self.rule.certainty.value}"
        )
        return f"{_text(self.at)} {self.message} ({self.citation}{label})"


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


# --- a dossier ------------------------------------------------------------------------------------

DOSSIER_RULES: Final = (
    "online_receipt_confirm",
    "paper_forward",
    "supplement_after_appraisal_notice",
    "supplement_once",
    "supplement_close",
    "apology_notice",
    "reschedule_once",
)
"""The rules [`check_dossier`][tthc.dossiers.obligations.check_dossier] checks from a dossier's
record. The others (cross-level forwarding, corrections, fee transfers) need facts a dossier
does not carry: use their functions."""


def dossier_supplements(dossier: Dossier) -> tuple[Supplement, ...]:
    """Return the dossier's supplement requests with their answers, in order.

    Every [`SupplementRequested`][tthc.dossiers.SupplementRequested] of a received dossier is
    read as a request after appraisal (Decree 118/2025 Art. 19(5)): a request made before the
    receipt is not an event of the dossier.
    """
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("dossier_supplements(dossier)", dossier, "a Dossier")
    return dossier.supplements


def _dossier_rules(dossier: Dossier, value: RuleSet | str | None) -> RuleSet:
    if not isinstance(dossier, Dossier):
        raise InvalidValueError("dossier", dossier, "a Dossier")
    if value is None and dossier.rules is not None:
        return dossier.rules  # pinned, or in force on the receipt day
    received = dossier.received_at if dossier.received_at is not None else dossier.submitted_at
    return _rules(value, received)


def dossier_legal_deadline(
    dossier: Dossier, *, ruleset: RuleSet | str | None = None
) -> Deadline | None:
    """Return the dossier's legal [`Deadline`][tthc.deadlines.Deadline] under its rule set.

    [`legal_deadline`][tthc.deadlines.rules.legal_deadline] with the dossier's receipt,
    processing time, supplements, calendar and policy. ``None`` when the dossier is not
    received, has no processing time, or awaits a supplement under a restarting set.

    Raises:
        InvalidValueError: Not a dossier; no set covers its receipt day.
    """
    rules = _dossier_rules(dossier, ruleset)
    if dossier.received_at is None or dossier.processing_time is None:
        return None
    return legal_deadline(
        dossier.received_at,
        dossier.processing_time,
        supplements=dossier_supplements(dossier),
        ruleset=rules,
        calendar=dossier.calendar,
        policy=dossier.policy,
        reschedules=dossier.reschedules,
    )


def dossier_legal_due_at(
    dossier: Dossier, *, ruleset: RuleSet | str | None = None
) -> dt.datetime | None:
    """Return the dossier's legal due instant (the restart under Decree 118/2025), or ``None``.

    Beside it, [`Dossier.due_at`][tthc.dossiers.Dossier.due_at] is the instant Decision 766
    indicator 2.1 judges against (the clock paused while waiting). A dossier with only a
    ``stated_due_at`` has that as its legal due instant while no supplement was requested.

    Raises:
        InvalidValueError: Not a dossier; no set covers its receipt day.
    """
    rules = _dossier_rules(dossier, ruleset)
    if dossier.received_at is None:
        return None
    if dossier.processing_time is None:
        return None if dossier.supplement_requests else dossier.stated_due_at
    found = dossier_legal_deadline(dossier, ruleset=rules)
    return None if found is None else found.due_at


@attrs.frozen(kw_only=True)
class RuleCheck:
    """A dossier checked against its one-stop rules (*kiểm tra việc tuân thủ quy định*).

    Attributes:
        code: The dossier's code.
        ruleset: The rule set applied.
        as_of: The instant the states are judged at (the dossier's last event by default).
        obligations: The obligations the dossier's record gives rise to.
        findings: The breaches found, in time order.
        not_checked: The rules of [`DOSSIER_RULES`][tthc.dossiers.obligations.DOSSIER_RULES]
            the set does not have (the 2018 set lacks several).
        legal_due_at: The legal due instant, or ``None``.
        timeliness_due_at: The instant Decision 766 indicator 2.1 judges against, or ``None``.
    """

    code: str
    ruleset: RuleSet = attrs.field(repr=False)
    as_of: dt.datetime | None
    obligations: tuple[Obligation, ...]
    findings: tuple[Finding, ...]
    not_checked: tuple[str, ...]
    legal_due_at: dt.datetime | None
    timeliness_due_at: dt.datetime | None

    @property
    def is_compliant(self) -> bool:
        """Whether no breach was found (the rules not checked aside)."""
        return not self.findings

    def explain(self) -> str:
        """Return the check as lines: the set, the due instants, the obligations, the findings."""

        def when(value: dt.datetime | None) -> str:
            return "-" if value is None else _text(value)

        lines = [
            f"Dossier {self.code} under {self.ruleset.title} ({self.ruleset.name})",
            (
                f"Legal due: {when(self.legal_due_at)}; judged by Decision 766 against: "
                f"{when(self.timeliness_due_at)}"
            ),
        ]
        lines += [f"  {o.explain(self.as_of)}" for o in self.obligations]
        lines += [f"Breach: {f}" for f in self.findings]
        if self.not_checked:
            lines.append(f"Not in this rule set: {', '.join(self.not_checked)}")
        return "\n".join(lines)


def _first(dossier: Dossier, kinds: tuple[type[DossierEvent], ...]) -> dt.datetime | None:
    for event in dossier.events:
        if isinstance(event, kinds):
            at: dt.datetime = event.at
            return at
    return None


def _is_late(dossier: Dossier, legal_due: dt.datetime, as_of: dt.datetime | None) -> bool:
    end = dossier.finished_at
    if end is not None:
        return end > legal_due
    return as_of is not None and as_of > legal_due


def check_dossier(
    dossier: Dossier,
    *,
    as_of: dt.datetime | None = None,
    ruleset: RuleSet | str | None = None,
    office_hours: OfficeHours | None = None,
) -> RuleCheck:
    """Check a dossier's record against the one-stop rules in force on its receipt day.

    What is read, and how (each under the set's rule, when the set has it):

    * online dossiers: the receipt confirmed within 8 working hours of the submission (taken
      for the system's receipt), by the official receipt or a refusal (Art. 17(2));
    * dossiers received in person: passed to the processing unit
      ([`ProcessingStarted`][tthc.dossiers.ProcessingStarted]) the same day, or at the next
      working day's opening when received after 15:00 (Art. 18(2));
    * the first supplement request within 3 working days of the receipt; any further request
      is a breach (Arts. 19(5), 11(2)(c));
    * a supplement not answered 15 days after the request: the dossier closed
      ([`Closed`][tthc.dossiers.Closed], Art. 19(5); a refusal or a stop after the request,
      as read back from the national sync, stands for the close too), not before the 15 days;
    * the apology with a new appointment at the latest 1 day before the legal due date, when
      one was given or the dossier ran late; a second new appointment is a breach
      (Art. 19(6)).

    The dossier is never changed, and nothing is refused: a recorded event that broke a rule
    is reported as a [`Finding`][tthc.dossiers.obligations.Finding].

    Args:
        dossier: The dossier.
        as_of: The instant to judge pending obligations at (default: the dossier's last
            event, as recorded: what was due before it and not done is missed).
        ruleset: The set (default: the dossier's: pinned, or in force on the receipt day).
        office_hours: The desk's office hours (default: the dossier policy's).

    Returns:
        The [`RuleCheck`][tthc.dossiers.obligations.RuleCheck].

    Raises:
        InvalidValueError: Not a dossier; a naive ``as_of``; no set covers the receipt day.
        OutOfCalendarRangeError: The dates are outside the calendar's years.
    """
    rules = _dossier_rules(dossier, ruleset)
    if as_of is not None:
        as_of = _check_aware("check_dossier(as_of)", as_of)
    horizon = as_of if as_of is not None else dossier.last_event_at
    hours = dossier.policy.office_hours if office_hours is None else office_hours
    cal = dossier.calendar
    common: dict[str, Any] = {"ruleset": rules, "calendar": cal, "office_hours": hours}
    obligations: list[Obligation] = []
    findings: list[Finding] = []
    received = dossier.received_at

    def has(rule_id: str) -> bool:
        return rules.get(rule_id) is not None

    if dossier.channel is Channel.ONLINE and has("online_receipt_confirm"):
        confirmed = received if received is not None else _first(dossier, (Refused,))
        obligations.append(
            online_receipt_obligation(dossier.submitted_at, confirmed_at=confirmed, **common)
        )
    if received is not None and dossier.channel is Channel.IN_PERSON and has("paper_forward"):
        obligations.append(
            paper_forward_obligation(
                received, forwarded_at=_first(dossier, (ProcessingStarted,)), **common
            )
        )
    requests = [e.at for e in dossier.events if isinstance(e, SupplementRequested)]
    if received is not None and requests and has("supplement_after_appraisal_notice"):
        obligations.append(
            supplement_request_obligation(received, requested_at=requests[0], **common)
        )
    findings += count_findings(
        "supplement_once", requests, ruleset=rules, what="supplement request"
    )
    if has("supplement_close"):
        for item in dossier_supplements(dossier):
            closed = _closed_after(dossier, item.requested_at)
            if closed is _WITHDRAWN:
                continue
            ob = supplement_close_obligation(
                item.requested_at,
                supplied_at=item.supplied_at,
                closed_at=closed if isinstance(closed, dt.datetime) else None,
                **common,
            )
            if ob is not None:
                obligations.append(ob)
    apologies = [e.at for e in dossier.events if isinstance(e, Rescheduled)]
    legal = dossier_legal_due_at(dossier, ruleset=rules)
    if (
        legal is not None
        and has("apology_notice")
        and (apologies or _is_late(dossier, legal, horizon))
    ):
        obligations.append(
            apology_obligation(legal, sent_at=apologies[0] if apologies else None, **common)
        )
    findings += count_findings("reschedule_once", apologies, ruleset=rules, what="new appointment")
    for ob in obligations:
        if ob.state(horizon) is ObligationState.MISSED:
            when = ob.done_at if ob.done_at is not None else ob.due_at
            if ob.is_premature:
                late = f"done before it was allowed ({_text(ob.earliest_at)})"  # type: ignore[arg-type]
            elif ob.done_at is not None:
                late = "done late"
            else:
                late = "not done by the due instant"
            findings.append(
                Finding(
                    rule=ob.rule,
                    at=when,
                    message=f"{ob.rule.id}: {late} ({_text(ob.due_at)})",
                    obligation=ob,
                )
            )
    return RuleCheck(
        code=dossier.code,
        ruleset=rules,
        as_of=horizon,
        obligations=tuple(obligations),
        findings=tuple(sorted(findings, key=lambda f: f.at)),
        not_checked=tuple(r for r in DOSSIER_RULES if not has(r)),
        legal_due_at=legal,
        timeliness_due_at=dossier.due_at,
    )


_WITHDRAWN: Final = object()


def _closed_after(dossier: Dossier, requested_at: dt.datetime) -> object:
    """The close of a dossier after a supplement request: the instant, ``_WITHDRAWN``, or ``None``."""
    for event in dossier.events:
        if event.at < requested_at:
            continue
        if isinstance(event, SupplementSupplied):
            return None
        if isinstance(event, Withdrawn):
            return _WITHDRAWN
        if isinstance(event, (Closed, Refused, Stopped)):
            return event.at
    return None
