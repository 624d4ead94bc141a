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

The code lives in private modules by idea (``_obligations_model``, ``_obligations_rules``,
``_obligations_check``); this module is the public path.
"""

from tthc.dossiers._obligations_check import (
    DOSSIER_RULES,
    RuleCheck,
    check_dossier,
    dossier_legal_deadline,
    dossier_legal_due_at,
    dossier_supplements,
)
from tthc.dossiers._obligations_model import Finding, Obligation, ObligationState
from tthc.dossiers._obligations_rules import (
    apology_obligation,
    correction_obligation,
    count_findings,
    cross_level_forward_obligation,
    fee_transfer_obligation,
    online_receipt_obligation,
    paper_forward_obligation,
    supplement_close_obligation,
    supplement_request_obligation,
)

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
