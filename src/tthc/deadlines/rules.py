"""The one-stop rules (*quy định về cơ chế một cửa*) as versioned data, chosen by the receipt date.

A one-stop desk works under the decree in force: Decree 61/2018/NĐ-CP (amended by Decree
107/2021/NĐ-CP) until 30/6/2025, and Decree 118/2025/NĐ-CP from 1/7/2025, which repealed both
(Art. 40(1)). Each decree is a [`RuleSet`][tthc.deadlines.rules.RuleSet]: its limits on the desk
and the agency ([`Rule`][tthc.deadlines.rules.Rule]: "8 working hours", "at most once"), each with
its article, its Vietnamese text where it was read, a status and a certainty label, and the forms
of the guiding circular ([`Form`][tthc.deadlines.rules.Form]). The sets ship as package data
(``data/onestop_rules.json``).

[`ruleset_for`][tthc.deadlines.rules.ruleset_for] picks the set in force on a dossier's receipt
date. That a dossier received before 1/7/2025 stays under the old decrees is **the library's
policy** ([`CUTOVER_ON`][tthc.deadlines.rules.CUTOVER_ON]): Decree 118/2025 has no transitional
clause. A caller can pin a set, or supply its own (a sector law that sets another limit:
[`RuleSet.override`][tthc.deadlines.rules.RuleSet.override]).

The supplement requested after appraisal is where the sets matter most for dates. Decree 118/2025
Art. 19(5) counts the processing time again *from the start* once the complete dossier is received:
that is the legal due date, [`legal_deadline`][tthc.deadlines.rules.legal_deadline]. Decision
766/QĐ-TTg indicator 2.1 judges timeliness with the clock *paused* instead:
[`timeliness_deadline`][tthc.deadlines.rules.timeliness_deadline]. Both are computed with
[`compute_deadline`][tthc.deadlines.compute_deadline], and both name the rule set in their
explanation.

Certainty: Decree 118/2025 was read in one public copy of its full text, so its rules are
``confirmed_secondary`` (the copy says it; no second copy was compared). The texts of Decree
61/2018 and Decree 107/2021 were not found: every rule of the 2018 set is ``uncertain``, without a
quotation, and rules that could not be traced at all are left out of that set.

Examples:
    >>> import datetime as dt
    >>> from tthc.deadlines import VN_TZ
    >>> ruleset_for(dt.date(2025, 6, 30)).name, ruleset_for(dt.date(2025, 7, 1)).name
    ('nd61_2018', 'nd118_2025')
    >>> rule = ruleset("nd118_2025").rule("online_receipt_confirm")
    >>> str(rule.limit), rule.citation, rule.certainty.value
    ('8 giờ làm việc', 'Nghị định 118/2025/NĐ-CP, Art. 17(2)(c)', 'confirmed_secondary')

References:
    Decree 118/2025/NĐ-CP Arts. 11, 16-24, 40 (one public full-text copy; confirmed_secondary).
    Decree 61/2018/NĐ-CP and Decree 107/2021/NĐ-CP (texts not found; uncertain). Circular
    03/2025/TT-VPCP Annex I and Circular 01/2018/TT-VPCP (forms; confirmed_secondary).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc._files import read_json
from tthc._validators import check_aware as _check_aware
from tthc.calendar._core import Certainty
from tthc.deadlines.compute import compute_deadline
from tthc.deadlines.deadline import Deadline, Pause, Reschedule
from tthc.deadlines.policy import VN_TZ, DeadlinePolicy
from tthc.durations import Duration
from tthc.errors import DurationParseError, InvalidValueError, LoadError, shown

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable
    from importlib.resources.abc import Traversable

    from tthc.calendar._core import WorkingCalendar

__all__ = [
    "CUTOVER_ON",
    "Form",
    "Rule",
    "RuleSet",
    "RuleStatus",
    "Supplement",
    "SupplementClock",
    "legal_deadline",
    "legal_due_at",
    "load_onestop_rules",
    "onestop_rulesets",
    "ruleset",
    "ruleset_for",
    "timeliness_deadline",
    "timeliness_due_at",
]

FORMAT: Final = "tthc.onestop_rules/1"

CUTOVER_ON: Final = dt.date(2025, 7, 1)
"""The day Decree 118/2025/NĐ-CP took effect (Art. 40(1), confirmed_secondary): dossiers received
from this day on are under the 2025 rules, earlier ones under the 2018 rules.

The day is the decree's; choosing the set **by the receipt date** is the library's policy, since
the decree has no transitional clause for dossiers received before it and Decree 367/2025/NĐ-CP,
which amends it, was not found. Pin a set (``ruleset=``) where a dossier was handled otherwise.
"""


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


# --- the shipped sets ----------------------------------------------------------------------------

_TOP_KEYS: Final = {"format", "notes", "sources", "rulesets"}
_SET_KEYS: Final = {
    "name",
    "title",
    "document",
    "amended_by",
    "signed_on",
    "in_force_from",
    "in_force_until",
    "sources",
    "notes",
    "rules",
    "forms",
}
_RULE_KEYS: Final = {
    "id",
    "title",
    "limit",
    "max_count",
    "clock",
    "cutoff",
    "before_due",
    "counted_from",
    "overridable",
    "article",
    "document",
    "certainty",
    "quote",
    "sources",
    "notes",
}
_FORM_KEYS: Final = {"role", "number", "title", "document", "certainty", "aliases", "sources"}


def _resolve(keys: object, sources: dict[str, str], where: str, problems: list[str]) -> list[str]:
    if not isinstance(keys, list):
        problems.append(f"{where}.sources: expected a list of source keys")
        return []
    out = []
    for key in keys:
        if isinstance(key, str) and key in sources:
            out.append(sources[key])
        else:
            problems.append(f"{where}.sources: unknown source {shown(key)}")
    return out


def _items(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> list[Any]:
    """The list under ``key`` (empty when absent); anything else is a problem."""
    value = raw.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(f"{where}.{key}: expected a list, got {shown(value)}")
    return []


def _build(cls: type[Any], options: dict[str, Any], where: str, problems: list[str]) -> Any:
    try:
        return cls(**options)
    except (InvalidValueError, TypeError, ValueError) as exc:
        problems.append(f"{where}: {exc}")
        return None


def _parse_date(value: object, where: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: expected a date (YYYY-MM-DD), got {shown(value)}")
        return None


def _rule_from(
    raw: dict[str, Any],
    parent: dict[str, Any],
    status: RuleStatus,
    sources: dict[str, str],
    *,
    where: str,
    problems: list[str],
) -> Rule | None:
    problems += [f"{where}.{k}: unknown key" for k in sorted(set(raw) - _RULE_KEYS)]
    options = {k: v for k, v in raw.items() if k in _RULE_KEYS}
    options.setdefault("document", parent.get("document"))
    options["status"] = status
    options["sources"] = _resolve(raw.get("sources", []), sources, where, problems)
    if options.get("limit") is not None:
        try:
            options["limit"] = Duration.parse(str(options["limit"]))
        except DurationParseError as exc:
            problems.append(f"{where}.limit: {exc}")
            return None
    if options.get("cutoff") is not None:
        try:
            options["cutoff"] = dt.time.fromisoformat(str(options["cutoff"]))
        except ValueError:
            problems.append(
                f"{where}.cutoff: expected a time (HH:MM), got {shown(options['cutoff'])}"
            )
            return None
    if options.get("clock") is not None:
        try:
            options["clock"] = SupplementClock(options["clock"])
        except ValueError:
            problems.append(f"{where}.clock: expected 'restart' or 'pause'")
            return None
    return _build(Rule, options, where, problems)  # type: ignore[no-any-return]


def _set_from(
    raw: dict[str, Any], sources: dict[str, str], where: str, problems: list[str]
) -> RuleSet | None:
    problems += [f"{where}.{k}: unknown key" for k in sorted(set(raw) - _SET_KEYS)]
    until = _parse_date(raw.get("in_force_until"), f"{where}.in_force_until", problems)
    status = RuleStatus.IN_FORCE if until is None else RuleStatus.CEASED
    rules = []
    for i, item in enumerate(_items(raw, "rules", where, problems)):
        rwhere = f"{where}.rules[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{rwhere}: expected an object")
            continue
        rule = _rule_from(item, raw, status, sources, where=rwhere, problems=problems)
        if rule is not None:
            rules.append(rule)
    forms = []
    for i, item in enumerate(_items(raw, "forms", where, problems)):
        fwhere = f"{where}.forms[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{fwhere}: expected an object")
            continue
        problems += [f"{fwhere}.{k}: unknown key" for k in sorted(set(item) - _FORM_KEYS)]
        options = {k: v for k, v in item.items() if k in _FORM_KEYS}
        options["sources"] = _resolve(item.get("sources", []), sources, fwhere, problems)
        form = _build(Form, options, fwhere, problems)
        if form is not None:
            forms.append(form)
    options = {k: v for k, v in raw.items() if k in _SET_KEYS}
    options["signed_on"] = _parse_date(raw.get("signed_on"), f"{where}.signed_on", problems)
    options["in_force_from"] = _parse_date(
        raw.get("in_force_from"), f"{where}.in_force_from", problems
    )
    options["in_force_until"] = until
    options["sources"] = _resolve(raw.get("sources", []), sources, where, problems)
    options["rules"] = rules
    options["forms"] = forms
    return _build(RuleSet, options, where, problems)  # type: ignore[no-any-return]


def _rulesets_from(data: object, source: str) -> tuple[RuleSet, ...]:
    if not isinstance(data, dict):
        raise LoadError(source, ["$: expected a JSON object"])
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"$.format: expected {FORMAT!r}, got {shown(data.get('format'))}")
    problems += [f"$.{k}: unknown key" for k in sorted(set(data) - _TOP_KEYS)]
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        problems.append("$.sources: expected an object of key → citation")
        sources = {}
    sets = []
    raw_sets = data.get("rulesets", [])
    if not isinstance(raw_sets, list):
        problems.append("$.rulesets: expected a list")
        raw_sets = []
    for i, raw in enumerate(raw_sets):
        where = f"$.rulesets[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected an object")
            continue
        found = _set_from(raw, sources, where, problems)
        if found is not None:
            sets.append(found)
    names = [s.name for s in sets]
    problems += [
        f"$.rulesets: the name {n!r} is used twice"
        for n in sorted(set(names))
        if names.count(n) > 1
    ]
    if problems:
        raise LoadError(source, problems)
    return tuple(sorted(sets, key=lambda s: s.starts_on))


def load_onestop_rules(path: str | os.PathLike[str] | Traversable) -> tuple[RuleSet, ...]:
    """Load rule sets from a JSON file in the ``tthc.onestop_rules/1`` format, oldest first.

    Use it for a verified or amended version of the rules; the shipped sets are
    [`onestop_rulesets`][tthc.deadlines.rules.onestop_rulesets].

    Raises:
        LoadError: The file is not valid; every problem is listed at once.
    """
    return _rulesets_from(read_json(path), str(path))


@functools.cache
def onestop_rulesets() -> tuple[RuleSet, ...]:
    """Return the shipped rule sets, oldest first: the 2018 set and the 2025 set.

    Examples:
        >>> [(s.name, s.in_force_until) for s in onestop_rulesets()]
        [('nd61_2018', datetime.date(2025, 7, 1)), ('nd118_2025', None)]
    """
    return load_onestop_rules(
        resources.files("tthc.deadlines").joinpath("data/onestop_rules.json")
    )


def ruleset(name: str) -> RuleSet:
    """Return the shipped rule set with this name ("nd118_2025" or "nd61_2018").

    Raises:
        InvalidValueError: No shipped set has that name.
    """
    for found in onestop_rulesets():
        if found.name == name:
            return found
    names = ", ".join(s.name for s in onestop_rulesets())
    raise InvalidValueError("ruleset(name)", name, f"one of {names}")


def _receipt_day(field: str, received: object) -> dt.date:
    if isinstance(received, dt.datetime):
        return _check_aware(field, received).astimezone(VN_TZ).date()
    if isinstance(received, dt.date):
        return received
    raise InvalidValueError(field, received, "an aware datetime or a date")


def ruleset_for(
    received: dt.datetime | dt.date, *, rulesets: Iterable[RuleSet] | None = None
) -> RuleSet:
    """Return the rule set in force on a dossier's receipt day (*quy định áp dụng*).

    The 2018 set for a receipt before [`CUTOVER_ON`][tthc.deadlines.rules.CUTOVER_ON]
    (1/7/2025), the 2025 set from that day on: a policy of the library (see ``CUTOVER_ON``).
    An instant is taken in Vietnam time: 30/6/2025 23:30 (+07:00) is under the 2018 set.

    Args:
        received: The official receipt instant (aware), or its day.
        rulesets: The sets to choose from (default: the shipped ones); pass your own to add a
            sector's rules or a newer version.

    Returns:
        The one set that covers the day.

    Raises:
        InvalidValueError: A naive instant; no set covers the day (before 23/4/2018 for the
            shipped sets), or more than one does.

    Examples:
        >>> import datetime as dt
        >>> from tthc.deadlines import VN_TZ
        >>> ruleset_for(dt.datetime(2025, 6, 30, 23, 30, tzinfo=VN_TZ)).name
        'nd61_2018'
        >>> ruleset_for(dt.datetime(2025, 6, 30, 17, 0, tzinfo=dt.UTC)).name  # 1/7 00:00 in Vietnam
        'nd118_2025'
    """
    day = _receipt_day("ruleset_for(received)", received)
    sets = onestop_rulesets() if rulesets is None else tuple(rulesets)
    for item in sets:
        if not isinstance(item, RuleSet):
            raise InvalidValueError("ruleset_for(rulesets)", item, "RuleSet items")
    found = [s for s in sets if s.covers(day)]
    if len(found) != 1:
        spans = "; ".join(
            f"{s.name} {s.starts_on.isoformat()}–{s.in_force_until or '…'}" for s in sets
        )
        why = "no rule set" if not found else "more than one rule set"
        raise InvalidValueError(
            "ruleset_for(received)",
            day,
            f"a receipt day covered by exactly one rule set ({why} covers it; sets: {spans})",
        )
    return found[0]


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
