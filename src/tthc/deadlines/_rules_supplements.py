"""Supplements: the legal due date and the one Decision 766 judges against (private).

Public names are re-exported by [`tthc.deadlines.rules`][tthc.deadlines.rules].
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from tthc._validators import check_aware as _check_aware
from tthc.deadlines.compute import compute_deadline
from tthc.deadlines.deadline import Deadline, Pause, Reschedule
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tthc.calendar._core import WorkingCalendar
    from tthc.deadlines.policy import DeadlinePolicy
    from tthc.durations import Duration
from tthc.deadlines._rules_model import RuleSet, SupplementClock
from tthc.deadlines._rules_shipped import ruleset, ruleset_for

# --- supplements: the legal due date and the one Decision 766 judges against -------------------


def _check_supplied(instance: Supplement, attribute: Any, value: Any) -> None:
    if value is None:
        return
    _check_aware(f"Supplement.{attribute.name}", value)
    if value < instance.requested_at:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"an instant on or after requested_at ({instance.requested_at.isoformat()})",
        )


def _aware(instance: object, attribute: Any, value: Any) -> None:
    _check_aware(f"{type(instance).__name__}.{attribute.name}", value)


@attrs.frozen(kw_only=True)
class Supplement:
    """A supplement requested after appraisal (*yêu cầu bổ sung, hoàn thiện hồ sơ*) and its answer.

    Attributes:
        requested_at: When the supplement request was sent to the applicant.
        supplied_at: When the complete dossier came back, or ``None`` while it has not.
    """

    requested_at: dt.datetime = attrs.field(validator=_aware)
    supplied_at: dt.datetime | None = attrs.field(default=None, validator=_check_supplied)


def _supplements(
    field: str, value: Iterable[Supplement], received: dt.datetime
) -> list[Supplement]:
    items = list(value)
    for item in items:
        if not isinstance(item, Supplement):
            raise InvalidValueError(field, item, "Supplement items")
        if item.requested_at < received:
            raise InvalidValueError(
                field, item, f"a request on or after the receipt ({received.isoformat()})"
            )
    return sorted(items, key=lambda s: s.requested_at)


def _pick(ruleset_: RuleSet | str | None, received: dt.datetime) -> RuleSet:
    if ruleset_ is None:
        return ruleset_for(received)
    if isinstance(ruleset_, str):
        return ruleset(ruleset_)
    if isinstance(ruleset_, RuleSet):
        return ruleset_
    raise InvalidValueError("ruleset", ruleset_, "a RuleSet, a set's name, or None")


def legal_deadline(
    received_at: dt.datetime,
    duration: Duration,
    *,
    supplements: Iterable[Supplement] = (),
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    reschedules: Iterable[Reschedule] = (),
) -> Deadline | None:
    """Return the legal due date (*thời hạn giải quyết theo quy định*) under the rule set in force.

    Under a set whose supplement rule restarts the clock (Decree 118/2025 Art. 19(5): "Thời hạn
    giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ"), the processing time is counted
    in full again from the receipt of the complete dossier: the answer is
    [`compute_deadline`][tthc.deadlines.compute_deadline] started at the last supplement's
    ``supplied_at``. Under a set that pauses, it is the paused count
    ([`timeliness_deadline`][tthc.deadlines.rules.timeliness_deadline]).

    Args:
        received_at: The official receipt of the dossier (aware).
        duration: The processing time.
        supplements: The supplements requested after appraisal, in any order.
        ruleset: The set to apply, or its name; by default the set in force on the receipt day
            ([`ruleset_for`][tthc.deadlines.rules.ruleset_for]).
        calendar: The working calendar (default: the Vietnamese one).
        policy: How the time is counted (default: working time).
        reschedules: New appointments (kept in the explanation; the due instant stays).

    Returns:
        The [`Deadline`][tthc.deadlines.Deadline], naming the set (``.ruleset``); its
        ``received_at`` is the instant counting restarted from. ``None`` while a supplement is
        awaited: the clock is stopped and the legal due date is not known yet (Decision 766's
        measure meanwhile takes the request instant as the end of processing).

    Raises:
        InvalidValueError: Bad inputs (naive instants, a supplement before the receipt); no set
            covers the receipt day.
        OutOfCalendarRangeError: The dates are outside the calendar's years.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> from tthc.durations import Duration
        >>> def at(day, hour):
        ...     return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)
        >>> asked = [Supplement(requested_at=at(3, 9), supplied_at=at(5, 9))]
        >>> legal_due_at(at(2, 9), Duration.working_days(5), supplements=asked).isoformat()
        '2026-03-12T09:00:00+07:00'
        >>> timeliness_due_at(at(2, 9), Duration.working_days(5), supplements=asked).isoformat()
        '2026-03-11T09:00:00+07:00'
    """
    received = _check_aware("legal_deadline(received_at)", received_at)
    rules = _pick(ruleset, received)
    items = _supplements("legal_deadline(supplements)", supplements, received)
    if any(s.supplied_at is None for s in items):
        return None  # the clock is stopped: the legal due date is not known yet
    if rules.supplement_clock is SupplementClock.PAUSE or not items:
        return timeliness_deadline(
            received,
            duration,
            supplements=items,
            ruleset=rules,
            calendar=calendar,
            policy=policy,
            reschedules=reschedules,
        )
    return compute_deadline(
        max(s.supplied_at for s in items if s.supplied_at is not None),
        duration,
        calendar=calendar,
        policy=policy,
        reschedules=reschedules,
        ruleset=rules,
    )


def timeliness_deadline(
    received_at: dt.datetime,
    duration: Duration,
    *,
    supplements: Iterable[Supplement] = (),
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    reschedules: Iterable[Reschedule] = (),
) -> Deadline:
    """Return the due date Decision 766 judges timeliness against (*hạn tính chỉ số 2.1*).

    The processing time counted from the receipt, with the time waiting for each completed
    supplement left out (a pause): Decision 766/QĐ-TTg technical formula document, indicator
    2.1. A supplement still awaited is not a pause yet (the measure takes the request instant
    as the end of processing meanwhile). The rule set does not change this count; it is named
    in the explanation.

    Args:
        received_at: The official receipt of the dossier (aware).
        duration: The processing time.
        supplements: The supplements requested after appraisal.
        ruleset: The set to name, or its name; by default the set in force on the receipt day.
        calendar: The working calendar (default: the Vietnamese one).
        policy: How the time is counted (default: working time).
        reschedules: New appointments (the due instant stays; Decision 766 judges against it).

    Returns:
        The [`Deadline`][tthc.deadlines.Deadline], naming the set.

    Raises:
        InvalidValueError: Bad inputs; no set covers the receipt day.
        OutOfCalendarRangeError: The dates are outside the calendar's years.
    """
    received = _check_aware("timeliness_deadline(received_at)", received_at)
    rules = _pick(ruleset, received)
    items = _supplements("timeliness_deadline(supplements)", supplements, received)
    pauses = [
        Pause(start_at=s.requested_at, end_at=s.supplied_at)
        for s in items
        if s.supplied_at is not None
    ]
    return compute_deadline(
        received,
        duration,
        calendar=calendar,
        policy=policy,
        pauses=pauses,
        reschedules=reschedules,
        ruleset=rules,
    )


def legal_due_at(
    received_at: dt.datetime,
    duration: Duration,
    *,
    supplements: Iterable[Supplement] = (),
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> dt.datetime | None:
    """Return the legal due instant: ``legal_deadline(...).due_at``, or ``None`` while awaited.

    See [`legal_deadline`][tthc.deadlines.rules.legal_deadline].
    """
    found = legal_deadline(
        received_at,
        duration,
        supplements=supplements,
        ruleset=ruleset,
        calendar=calendar,
        policy=policy,
    )
    return None if found is None else found.due_at


def timeliness_due_at(
    received_at: dt.datetime,
    duration: Duration,
    *,
    supplements: Iterable[Supplement] = (),
    ruleset: RuleSet | str | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
) -> dt.datetime:
    """Return the instant Decision 766 indicator 2.1 judges against: ``timeliness_deadline(...).due_at``.

    See [`timeliness_deadline`][tthc.deadlines.rules.timeliness_deadline].
    """
    return timeliness_deadline(
        received_at,
        duration,
        supplements=supplements,
        ruleset=ruleset,
        calendar=calendar,
        policy=policy,
    ).due_at
