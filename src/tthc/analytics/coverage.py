"""Online public-service coverage (*dịch vụ công trực tuyến*) of a procedure catalogue.

[`catalogue_coverage`][tthc.analytics.coverage.catalogue_coverage] counts a catalogue's procedures
by online service level (full, partial, none) with the eligible-for-full denominator of Decision
766/QĐ-TTg indicator 3.1. It needs no optional extra; the chart of it is
[`plot_coverage`][tthc.analytics.charts.plot_coverage].

References:
    Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
    ``vn_legal.md`` §3.1 and §6.2); Decree 42/2022/NĐ-CP for the levels (see
    [`tthc.procedures.service_levels`][tthc.procedures.service_levels]).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc.errors import InvalidValueError
from tthc.indicators.counts import OnlineCoverage, ProcedureOnline, online_coverage
from tthc.procedures import Procedure
from tthc.procedures.service_levels import derive_level

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["catalogue_coverage"]


def catalogue_coverage(
    procedures: Iterable[Procedure], *, levels: str = "declared"
) -> OnlineCoverage:
    """Online public-service coverage of a procedure catalogue, each procedure at its level.

    Args:
        procedures: The catalogue (load a JSON file with
            [`load_procedures`][tthc.io.load_procedures]).
        levels: ``"declared"`` (default): each procedure's ``online_level`` as published;
            ``"derived"``: the level its steps and result channels support
            ([`derive_level`][tthc.procedures.service_levels.derive_level]).

    Returns:
        The counts by level, with the eligible-for-full denominator of indicator 3.1.

    Raises:
        InvalidValueError: An item is not a Procedure, or ``levels`` is not valid.

    Examples:
        >>> import attrs
        >>> from tthc.procedures import Procedure, ProcedureCase
        >>> from tthc.procedures.service_levels import OnlineServiceLevel
        >>> p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])
        >>> c = catalogue_coverage([
        ...     attrs.evolve(p, online_level=OnlineServiceLevel.FULL, eligible_for_full_online=True),
        ...     attrs.evolve(p, online_level=OnlineServiceLevel.PARTIAL, eligible_for_full_online=True),
        ...     p,
        ... ])
        >>> c.full, c.partial, str(c.full_of_eligible)
        (1, 1, '1/2 (50.00 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
        ``vn_legal.md`` §3.1 and §6.2).
    """
    if levels not in {"declared", "derived"}:
        raise InvalidValueError("catalogue_coverage(levels)", levels, "'declared' or 'derived'")
    records = []
    for p in procedures:
        if not isinstance(p, Procedure):
            raise InvalidValueError("catalogue_coverage(procedures)", p, "Procedure items")
        level = p.online_level if levels == "declared" else derive_level(p)
        records.append(
            ProcedureOnline(
                () if level is None else {level}, eligible_for_full=p.eligible_for_full_online
            )
        )
    return online_coverage(records)
