"""A dossier against the rules: its legal due date, its supplements and `check_dossier` (private).

Public names are re-exported by [`tthc.dossiers.obligations`][tthc.dossiers.obligations].
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._validators import check_aware as _check_aware
from tthc.deadlines.rules import (
    RuleSet,
    Supplement,
    legal_deadline,
)
from tthc.dossiers._obligations_model import Finding, Obligation, ObligationState, _text
from tthc.dossiers._obligations_rules import (
    _rules,
    apology_obligation,
    count_findings,
    online_receipt_obligation,
    paper_forward_obligation,
    supplement_close_obligation,
    supplement_request_obligation,
)
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
from tthc.errors import InvalidValueError
from tthc.procedures import Channel

if TYPE_CHECKING:
    from tthc.calendar._office import OfficeHours
    from tthc.deadlines.deadline import Deadline

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
