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

The code lives in private modules by idea (``_rules_model``, ``_rules_shipped``,
``_rules_supplements``); this module is the public path.
"""

from tthc.deadlines._rules_model import Form, Rule, RuleSet, RuleStatus, SupplementClock
from tthc.deadlines._rules_shipped import (
    CUTOVER_ON,
    load_onestop_rules,
    onestop_rulesets,
    ruleset,
    ruleset_for,
)
from tthc.deadlines._rules_supplements import (
    Supplement,
    legal_deadline,
    legal_due_at,
    timeliness_deadline,
    timeliness_due_at,
)

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
