"""The shipped rule sets: loading the package data and picking the set by receipt date (private).

Public names are re-exported by [`tthc.deadlines.rules`][tthc.deadlines.rules].
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from tthc._files import read_json
from tthc._validators import check_aware as _check_aware
from tthc.deadlines.policy import VN_TZ
from tthc.durations import Duration
from tthc.errors import DurationParseError, InvalidValueError, LoadError, shown

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable
    from importlib.resources.abc import Traversable

from tthc.deadlines._rules_model import Form, Rule, RuleSet, RuleStatus, SupplementClock

FORMAT: Final = "tthc.onestop_rules/1"

CUTOVER_ON: Final = dt.date(2025, 7, 1)
"""The day Decree 118/2025/NĐ-CP took effect (Art. 40(1), confirmed_secondary): dossiers received
from this day on are under the 2025 rules, earlier ones under the 2018 rules.

The day is the decree's; choosing the set **by the receipt date** is the library's policy, since
the decree has no transitional clause for dossiers received before it and Decree 367/2025/NĐ-CP,
which amends it, was not found. Pin a set (``ruleset=``) where a dossier was handled otherwise.
"""


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
