"""The obligation and the finding: what a rule asks, by when, and a breach of it (private).

Public names are re-exported by [`tthc.dossiers.obligations`][tthc.dossiers.obligations].
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from tthc._validators import check_aware as _check_aware
from tthc.calendar._core import Certainty
from tthc.deadlines.deadline import Deadline
from tthc.deadlines.policy import VN_TZ
from tthc.deadlines.rules import (
    Rule,
    RuleSet,
)
from tthc.errors import InvalidValueError


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
