"""The one-stop rule, form and rule set (`Rule`, `Form`, `RuleSet`) (private).

Public names are re-exported by [`tthc.deadlines.rules`][tthc.deadlines.rules].
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import attrs

from tthc import _validators as _v
from tthc.calendar._core import Certainty
from tthc.durations import Duration
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Iterable


class SupplementClock(enum.Enum):
    """What a supplement requested after appraisal does to the processing time (*thời hạn*)."""

    #: *Tính lại từ đầu*: the time counts again in full from the complete dossier's receipt.
    RESTART = "restart"
    #: The clock stops while the applicant supplements and goes on from where it stopped.
    PAUSE = "pause"


class RuleStatus(enum.Enum):
    """The standing of a rule (*hiệu lực*): from a text in force, a repealed one, or a sector law."""

    #: The rule's decree is in force.
    IN_FORCE = "in_force"
    #: The decree has ceased to have effect; the rule still governs the dossiers received before.
    CEASED = "ceased"
    #: A limit set by a specialised (sector) law, supplied by the user in place of the decree's.
    SPECIALISED = "specialised"


def _certainty(value: Certainty | str) -> Certainty:
    return Certainty(value) if isinstance(value, str) else value


def _check_certainty(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Certainty):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a Certainty (confirmed, confirmed_secondary, uncertain)"
        )


def _optional_nfc(value: str | None) -> str | None:
    return None if value is None else _v.nfc(value)


def _optional_text(instance: object, attribute: Any, value: str | None) -> None:
    if value is not None:
        _v.non_blank(instance, attribute, value)


def _check_limit(instance: Rule, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Duration):
        raise InvalidValueError.for_attribute(instance, attribute, value, "a Duration or None")


def _check_count(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or value < 1):
        raise InvalidValueError.for_attribute(instance, attribute, value, "None or a count >= 1")


def _check_cutoff(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not dt.time or value.tzinfo is not None):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a naive datetime.time (Vietnam time)"
        )


def _optional_member(enum_cls: type[enum.Enum]) -> Any:
    check = _v.member_of(enum_cls)

    def optional(instance: object, attribute: Any, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the one-stop mechanism (*quy định*): a limit, its article and how sure we are.

    A rule holds a time limit (``limit``, a [`Duration`][tthc.durations.Duration]), a count
    limit (``max_count``: "at most once"), the effect of a supplement on the clock (``clock``),
    or none of them (a rule that only says where counting starts).

    Attributes:
        id: The rule's id, the same in every set for the same duty ("online_receipt_confirm").
        title: What the rule requires, in English.
        limit: The time allowed, or ``None``.
        max_count: How many times at most, or ``None``.
        clock: For the supplement rule, restart or pause; else ``None``.
        cutoff: A time of day after which the next working day applies (15:00), or ``None``.
        before_due: Whether ``limit`` counts backwards from the due date (the apology letter).
        counted_from: From which instant the limit runs, in English.
        overridable: Whether a specialised law may set another limit ("trừ trường hợp pháp luật
            chuyên ngành có quy định khác").
        article: The article, clause and point ("Art. 19(5)").
        document: The legal document ("Nghị định 118/2025/NĐ-CP").
        status: In force, ceased, or a sector law's.
        certainty: How well the rule is established.
        quote: The Vietnamese text of the rule where it was read, else ``None``.
        sources: Where the rule was read (citations).
        notes: Remarks: readings, doubts.
    """

    id: str = attrs.field(validator=_v.non_blank)
    title: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    limit: Duration | None = attrs.field(default=None, validator=_check_limit)
    max_count: int | None = attrs.field(default=None, validator=_check_count)
    clock: SupplementClock | None = attrs.field(
        default=None, validator=_optional_member(SupplementClock)
    )
    cutoff: dt.time | None = attrs.field(default=None, validator=_check_cutoff)
    before_due: bool = False
    counted_from: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text
    )
    overridable: bool = False
    article: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    document: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    status: RuleStatus = attrs.field(
        default=RuleStatus.IN_FORCE, validator=_v.member_of(RuleStatus)
    )
    certainty: Certainty = attrs.field(converter=_certainty, validator=_check_certainty)
    quote: str | None = attrs.field(
        default=None, converter=_optional_nfc, validator=_optional_text, repr=False
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)

    @property
    def citation(self) -> str:
        """The document and the article, as a reference: ``"Nghị định 118/2025/NĐ-CP, Art. 19(5)"``."""
        return f"{self.document}, {self.article}"


@attrs.frozen(kw_only=True)
class Form:
    """A form (*biểu mẫu*) of the circular that guides a rule set, such as the apology letter.

    Attributes:
        role: What the form is for ("receipt", "supplement_request", "refusal", "apology",
            "stop_notice", "control_slip", "logbook").
        number: Its number in the circular ("04").
        title: Its Vietnamese title, as the circular names it.
        document: The circular ("Thông tư 03/2025/TT-VPCP").
        certainty: How well the number and title are established.
        aliases: Other names for it (the decree's own wording).
        sources: Where it was found.
    """

    role: str = attrs.field(validator=_v.non_blank)
    number: str = attrs.field(validator=_v.non_blank)
    title: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    document: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    certainty: Certainty = attrs.field(converter=_certainty, validator=_check_certainty)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)

    @property
    def citation(self) -> str:
        """The circular and the form number: ``"Thông tư 03/2025/TT-VPCP, mẫu số 04"``."""
        # "form No." in Vietnamese
        return f"{self.document}, mẫu số {self.number}"


def _rules_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


def _forms_tuple(value: Iterable[Form]) -> tuple[Form, ...]:
    return tuple(value)


def _check_rules(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, Rule):
            raise InvalidValueError.for_attribute(instance, attribute, item, "Rule items")
        if item.id in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, item.id, "rules with distinct ids"
            )
        seen.add(item.id)


def _check_forms(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, Form):
            raise InvalidValueError.for_attribute(instance, attribute, item, "Form items")
        if item.role in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, item.role, "forms with distinct roles"
            )
        seen.add(item.role)


def _optional_date(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and type(value) is not dt.date:
        raise InvalidValueError.for_attribute(instance, attribute, value, "None or a date")


def _date(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not dt.date:
        raise InvalidValueError.for_attribute(instance, attribute, value, "a date")


@attrs.frozen(kw_only=True)
class RuleSet:
    """The one-stop rules of one decree (*bộ quy định*), with the days it governs.

    Attributes:
        name: A short id ("nd118_2025", "nd61_2018").
        title: The decree in English words ("Decree 118/2025/NĐ-CP").
        document: The decree's number ("Nghị định 118/2025/NĐ-CP").
        amended_by: The documents that amend it, as far as the set follows them.
        signed_on: The day the decree was signed.
        in_force_from: The first day it governs, or ``None`` when the effective date was not
            verified (the set then covers receipts from ``signed_on``).
        in_force_until: The day it ceased to have effect (not governed any more), or ``None``.
        rules: Its rules, with distinct ids.
        forms: The forms of the circular that guides it, with distinct roles.
        sources: Where the set's dates come from.
        notes: Remarks on the set as a whole.

    Raises:
        InvalidValueError: A bad field; ``in_force_until`` on or before the start.
    """

    name: str = attrs.field(validator=_v.non_blank)
    title: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    document: str = attrs.field(converter=_v.nfc, validator=_v.non_blank)
    amended_by: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)
    signed_on: dt.date = attrs.field(validator=_date)
    in_force_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    in_force_until: dt.date | None = attrs.field(default=None, validator=_optional_date)
    rules: tuple[Rule, ...] = attrs.field(
        default=(), converter=_rules_tuple, validator=_check_rules, repr=False
    )
    forms: tuple[Form, ...] = attrs.field(
        default=(), converter=_forms_tuple, validator=_check_forms, repr=False
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple, repr=False)

    @in_force_until.validator
    def _check_until(self, attribute: Any, value: dt.date | None) -> None:
        _optional_date(self, attribute, value)
        if value is not None and value <= self.starts_on:
            raise InvalidValueError.for_attribute(
                self, attribute, value, f"a day after the start ({self.starts_on.isoformat()})"
            )

    @property
    def starts_on(self) -> dt.date:
        """The first receipt day the set covers: ``in_force_from``, else ``signed_on``."""
        return self.in_force_from if self.in_force_from is not None else self.signed_on

    def covers(self, day: dt.date) -> bool:
        """Whether a dossier received on ``day`` is under this set (start included, end excluded)."""
        return self.starts_on <= day and (self.in_force_until is None or day < self.in_force_until)

    def get(self, rule_id: str) -> Rule | None:
        """Return the rule with this id, or ``None`` when the set has none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with this id.

        Raises:
            InvalidValueError: The set has no such rule (the message lists those it has).
        """
        found = self.get(rule_id)
        if found is None:
            ids = ", ".join(r.id for r in self.rules)
            raise InvalidValueError(f"RuleSet({self.name}).rule(id)", rule_id, f"one of {ids}")
        return found

    def form(self, role: str) -> Form:
        """Return the form with this role ("apology", "stop_notice", …).

        Raises:
            InvalidValueError: The set has no form with that role.
        """
        for form in self.forms:
            if form.role == role:
                return form
        roles = ", ".join(f.role for f in self.forms)
        raise InvalidValueError(f"RuleSet({self.name}).form(role)", role, f"one of {roles}")

    @property
    def supplement_clock(self) -> SupplementClock:
        """What a supplement after appraisal does to the legal clock (restart or pause).

        Read from the rule ``supplement_after_appraisal_clock``; a set without it pauses, as
        Decision 766's measure does.
        """
        rule = self.get("supplement_after_appraisal_clock")
        return rule.clock if rule is not None and rule.clock is not None else SupplementClock.PAUSE

    def with_rules(self, *rules: Rule, name: str | None = None) -> RuleSet:
        """Return a copy with ``rules`` added, each replacing the rule with the same id.

        Args:
            rules: The rules to add or replace.
            name: The new set's name (default: this one's, plus ``+custom``).

        Raises:
            InvalidValueError: An item is not a Rule.
        """
        for rule in rules:
            if not isinstance(rule, Rule):
                raise InvalidValueError("RuleSet.with_rules(rules)", rule, "Rule items")
        replaced = {r.id: r for r in rules}
        kept = [replaced.pop(r.id, r) for r in self.rules]
        return attrs.evolve(
            self,
            name=name if name is not None else f"{self.name}+custom",
            rules=(*kept, *replaced.values()),
        )

    def override(
        self,
        rule_id: str,
        *,
        document: str,
        article: str,
        limit: Duration | None = None,
        max_count: int | None = None,
        clock: SupplementClock | None = None,
        certainty: Certainty = Certainty.CONFIRMED,
        quote: str | None = None,
        name: str | None = None,
    ) -> RuleSet:
        """Return a copy in which a sector law (*pháp luật chuyên ngành*) sets one rule's limit.

        The rule keeps its id and title; its limit (or count, or clock), document, article and
        certainty become the sector law's, and its status
        ``RuleStatus.SPECIALISED``.

        Args:
            rule_id: The rule to replace ("supplement_close").
            document: The sector law's document.
            article: Its article.
            limit: The new time limit (keeps the decree's when ``None``).
            max_count: The new count limit (keeps the decree's when ``None``).
            clock: The new supplement clock (keeps the decree's when ``None``).
            certainty: How sure the caller is of the sector rule (default: confirmed).
            quote: Its text.
            name: The new set's name (default: this one's, plus ``+custom``).

        Raises:
            InvalidValueError: The set has no such rule, or the rule says no other law may
                change it (``overridable`` is false) and only its limit is overridden.

        Examples:
            >>> from tthc.deadlines.rules import ruleset
            >>> from tthc.durations import Duration
            >>> rs = ruleset("nd118_2025").override(
            ...     "supplement_close", limit=Duration.calendar_days(30),
            ...     document="(a sector law)", article="Art. 1")
            >>> r = rs.rule("supplement_close")
            >>> str(r.limit), r.status.value, rs.name
            ('30 ngày', 'specialised', 'nd118_2025+custom')
        """
        base = self.rule(rule_id)
        if not base.overridable and limit is not None:
            raise InvalidValueError(
                f"RuleSet({self.name}).override(limit)",
                limit,
                f"no new limit: {base.citation} does not defer to a specialised law",
            )
        new = attrs.evolve(
            base,
            limit=limit if limit is not None else base.limit,
            max_count=max_count if max_count is not None else base.max_count,
            clock=clock if clock is not None else base.clock,
            document=document,
            article=article,
            status=RuleStatus.SPECIALISED,
            certainty=certainty,
            quote=quote,
            sources=(),
            notes=(f"Replaces {base.citation}.",),
        )
        return self.with_rules(new, name=name)
