"""Coverage, timeliness and digitisation counts, and the Decision 766 rates made from them.

The counts take plain inputs (counts, or iterables of small records) so that procedure
catalogues and dossier tables can feed them: online coverage of a catalogue
([`online_coverage`][tthc.indicators.online_coverage], indicator 3.1), dossiers by timeliness
([`timeliness_counts`][tthc.indicators.timeliness_counts], indicator 2.1) and digitisation and
reuse ([`digitisation_counts`][tthc.indicators.digitisation_counts], indicators 4.2 and 4.3).
Every rate is a [`Rate`][tthc.indicators.Rate], or ``None`` when its denominator is zero.

References:
    Decision 766/QĐ-TTg, technical formula document, indicators 2.1, 3.1, 4.2 and 4.3 (research
    notes ``vn_legal.md`` §2.3, §3.1 and §6.2, CONFIRMED (secondary)).
"""

from __future__ import annotations

import enum
import unicodedata
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc.errors import InvalidValueError
from tthc.indicators.rates import Rate

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DigitisationCounts",
    "OnlineCoverage",
    "ProcedureOnline",
    "TimelinessCounts",
    "digitisation_counts",
    "online_coverage",
    "timeliness_counts",
]

# Names accepted for the two online service levels (Decree 42/2022/NĐ-CP), in English and in
# Vietnamese: "toàn trình" (full, end to end) and "một phần" (partial).
_FULL_NAMES: Final = frozenset({"full", "toàn trình", "toan_trinh"})
_PARTIAL_NAMES: Final = frozenset({"partial", "một phần", "mot_phan"})


def _level_name(level: object) -> str | None:
    """Return "full" or "partial" for a level given as text or as an enum member."""
    candidates = [level]
    if isinstance(level, enum.Enum):
        candidates = [level.name, level.value]
    for c in candidates:
        if isinstance(c, str):
            text = unicodedata.normalize("NFC", c).strip().lower()
            if text in _FULL_NAMES:
                return "full"
            if text in _PARTIAL_NAMES:
                return "partial"
    return None


def _levels(value: Iterable[object] | str | enum.Enum) -> frozenset[str]:
    if isinstance(value, (str, enum.Enum)):
        value = (value,)
    out = set()
    for level in value:
        name = _level_name(level)
        out.add(name if name is not None else level)
    return frozenset(out)  # type: ignore[arg-type]  # the validator refuses non-names


def _check_levels(instance: object, attribute: Any, value: frozenset[object]) -> None:
    for level in value:
        if level not in {"full", "partial"}:
            raise InvalidValueError.for_attribute(
                instance,
                attribute,
                level,
                "'full' (toàn trình) or 'partial' (một phần), as text or as an enum member "
                "named FULL or PARTIAL",
            )


@attrs.frozen
class ProcedureOnline:
    """The online public services (*dịch vụ công trực tuyến*) one procedure offers.

    Attributes:
        levels: The levels of its online services: ``"full"`` (*toàn trình*) and/or
            ``"partial"`` (*một phần*); empty when it has none. Enum members named ``FULL`` or
            ``PARTIAL`` are accepted too. A procedure with both is counted at the highest.
        eligible_for_full: Whether the national procedure database flags it as eligible for a
            full online service (*đủ điều kiện cung cấp DVCTT toàn trình*).

    Examples:
        >>> ProcedureOnline({"partial", "full"}, eligible_for_full=True).highest
        'full'
    """

    levels: frozenset[str] = attrs.field(converter=_levels, validator=_check_levels)
    eligible_for_full: bool = attrs.field(default=False, validator=_v.flag)

    @property
    def highest(self) -> str | None:
        """The highest level offered ("full" before "partial"), or ``None``."""
        if "full" in self.levels:
            return "full"
        if "partial" in self.levels:
            return "partial"
        return None


def _check_at_most(instance: object, attribute: Any, value: int, limit: int, what: str) -> None:
    if value > limit:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"at most {what} ({limit})"
        )


@attrs.frozen(kw_only=True)
class OnlineCoverage:
    """Online public-service coverage of a procedure catalogue (*tỷ lệ TTHC cung cấp DVCTT*).

    Each procedure counts once, at the highest level it offers (Decision 766, indicator 3.1:
    a procedure with both a partial and a full service counts as full).

    Attributes:
        procedures: Procedures in the catalogue.
        full: Procedures whose highest online level is full (*toàn trình*).
        partial: Procedures whose highest online level is partial (*một phần*).
        eligible: Procedures flagged eligible for a full online service.
        full_eligible: Eligible procedures that do offer a full online service.

    Examples:
        >>> c = OnlineCoverage(procedures=10, full=3, partial=5, eligible=4, full_eligible=3)
        >>> str(c.online), str(c.full_of_eligible)
        ('8/10 (80.00 %)', '3/4 (75.00 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 3.1 (research notes
        ``vn_legal.md`` §3.1 and §6.2, CONFIRMED (secondary)).
    """

    procedures: int = attrs.field(converter=_v.to_int, validator=_v.count)
    full: int = attrs.field(converter=_v.to_int, validator=_v.count)
    partial: int = attrs.field(converter=_v.to_int, validator=_v.count)
    eligible: int = attrs.field(converter=_v.to_int, validator=_v.count)
    full_eligible: int = attrs.field(converter=_v.to_int, validator=_v.count)

    @partial.validator
    def _partial_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.procedures - self.full, "procedures - full")

    @eligible.validator
    def _eligible_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.procedures, "procedures")

    @full_eligible.validator
    def _full_eligible_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(
            self, attribute, value, min(self.full, self.eligible), "min(full, eligible)"
        )

    @property
    def online(self) -> Rate | None:
        """Procedures with any online service over all procedures (``None`` if there are none)."""
        return Rate.or_none(self.full + self.partial, self.procedures)

    @property
    def full_share(self) -> Rate | None:
        """Procedures with a full online service over all procedures."""
        return Rate.or_none(self.full, self.procedures)

    @property
    def partial_share(self) -> Rate | None:
        """Procedures whose highest level is partial over all procedures."""
        return Rate.or_none(self.partial, self.procedures)

    @property
    def full_of_eligible(self) -> Rate | None:
        """Full online coverage: eligible procedures offered in full over eligible procedures."""
        return Rate.or_none(self.full_eligible, self.eligible)


def online_coverage(procedures: Iterable[ProcedureOnline]) -> OnlineCoverage:
    """Count a catalogue's online services, each procedure at its highest level.

    Args:
        procedures: One record per procedure.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An item is not a ProcedureOnline.

    Examples:
        >>> c = online_coverage([
        ...     ProcedureOnline({"full", "partial"}, eligible_for_full=True),
        ...     ProcedureOnline({"partial"}, eligible_for_full=True),
        ...     ProcedureOnline(()),
        ... ])
        >>> c.full, c.partial, str(c.full_of_eligible)
        (1, 1, '1/2 (50.00 %)')
    """
    total = full = partial = eligible = full_eligible = 0
    for p in procedures:
        if not isinstance(p, ProcedureOnline):
            raise InvalidValueError("online_coverage(procedures)", p, "ProcedureOnline items")
        total += 1
        highest = p.highest
        full += highest == "full"
        partial += highest == "partial"
        eligible += p.eligible_for_full
        full_eligible += p.eligible_for_full and highest == "full"
    return OnlineCoverage(
        procedures=total,
        full=full,
        partial=partial,
        eligible=eligible,
        full_eligible=full_eligible,
    )


@attrs.frozen(kw_only=True)
class TimelinessCounts:
    """Dossiers by timeliness (*hồ sơ trước hạn, đúng hạn, quá hạn*) in a reporting period.

    Finished dossiers are early, on time or late; dossiers not finished at the end of the period
    are within time or overdue.

    Attributes:
        early: Finished before the due date (*trước hạn*).
        on_time: Finished on the due date (*đúng hạn*).
        late: Finished after the due date (*quá hạn*).
        within_time: Not finished, due date not passed at the end of the period (*trong hạn*).
        overdue: Not finished, due date passed (*quá hạn*, in progress).

    Examples:
        >>> t = TimelinessCounts(early=90, on_time=8, late=2, within_time=5, overdue=1)
        >>> str(t.finished_on_time_rate), str(t.on_time_rate)
        ('98/100 (98.00 %)', '103/106 (97.17 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicator 2.1 (research notes
        ``vn_legal.md`` §2.3, CONFIRMED (secondary)).
    """

    early: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)
    on_time: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)
    late: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)
    within_time: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)
    overdue: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)

    @property
    def finished(self) -> int:
        """Dossiers finished in the period."""
        return self.early + self.on_time + self.late

    @property
    def unfinished(self) -> int:
        """Dossiers not finished at the end of the period."""
        return self.within_time + self.overdue

    @property
    def total(self) -> int:
        """All dossiers received or handled in the period."""
        return self.finished + self.unfinished

    @property
    def finished_on_time_rate(self) -> Rate | None:
        """Finished early or on time over finished: "resolved early or on time" figures."""
        return Rate.or_none(self.early + self.on_time, self.finished)

    @property
    def on_time_rate(self) -> Rate | None:
        """Decision 766 indicator 2.1: early, on time or within time, over all dossiers."""
        return Rate.or_none(self.early + self.on_time + self.within_time, self.total)

    def __add__(self, other: object) -> TimelinessCounts:
        if not isinstance(other, TimelinessCounts):
            return NotImplemented
        return TimelinessCounts(
            early=self.early + other.early,
            on_time=self.on_time + other.on_time,
            late=self.late + other.late,
            within_time=self.within_time + other.within_time,
            overdue=self.overdue + other.overdue,
        )


# Names accepted for each timeliness class, as text or as an enum member's name or value.
_TIMELINESS_NAMES: Final[dict[str, str]] = {
    "early": "early",
    # "before the deadline"
    "trước hạn": "early",
    "on_time": "on_time",
    "on time": "on_time",
    # "on the deadline"
    "đúng hạn": "on_time",
    "late": "late",
    "within_time": "within_time",
    "within time": "within_time",
    # "within the time limit" (not finished yet)
    "trong hạn": "within_time",
    "overdue": "overdue",
}


def _timeliness_name(value: object) -> str | None:
    candidates = [value.name, value.value] if isinstance(value, enum.Enum) else [value]
    for c in candidates:
        if isinstance(c, str):
            name = _TIMELINESS_NAMES.get(unicodedata.normalize("NFC", c).strip().lower())
            if name is not None:
                return name
    return None


def timeliness_counts(outcomes: Iterable[object]) -> TimelinessCounts:
    """Count dossiers by timeliness, one outcome per dossier.

    Args:
        outcomes: Each dossier's timeliness: ``"early"``, ``"on_time"``, ``"late"``,
            ``"within_time"`` or ``"overdue"`` (also "trước hạn", "đúng hạn", "trong hạn"), as
            text or as an enum member with one of those names or values (case ignored).
            "quá hạn" is refused because it means both late and overdue.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An outcome is not one of those names.

    Examples:
        >>> t = timeliness_counts(["early", "on_time", "late", "đúng hạn", "within_time"])
        >>> str(t.finished_on_time_rate), str(t.on_time_rate)
        ('3/4 (75.00 %)', '4/5 (80.00 %)')
    """
    counts = dict.fromkeys(("early", "on_time", "late", "within_time", "overdue"), 0)
    for outcome in outcomes:
        name = _timeliness_name(outcome)
        if name is None:
            raise InvalidValueError(
                "timeliness_counts(outcomes)",
                outcome,
                "'early', 'on_time', 'late', 'within_time' or 'overdue'",
            )
        counts[name] += 1
    return TimelinessCounts(**counts)


@attrs.frozen(kw_only=True)
class DigitisationCounts:
    """Dossiers digitised (*số hóa*) and reusing digitised data (*tái sử dụng*) in a period.

    Attributes:
        received: Dossiers received in the period (the denominator of both rates).
        digitised: Dossiers whose components were digitised and whose result was issued
            electronically (Decision 766 indicator 4.2).
        reused: Dossiers with at least one component reusing digitised data (indicator 4.3).

    Examples:
        >>> d = DigitisationCounts(received=200, digitised=150, reused=31)
        >>> str(d.digitisation_rate), str(d.reuse_rate)
        ('150/200 (75.00 %)', '31/200 (15.50 %)')

    References:
        Decision 766/QĐ-TTg, technical formula document, indicators 4.2 and 4.3 (research
        notes ``vn_legal.md`` §6.2, CONFIRMED (secondary)).
    """

    received: int = attrs.field(converter=_v.to_int, validator=_v.count)
    digitised: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)
    reused: int = attrs.field(default=0, converter=_v.to_int, validator=_v.count)

    @digitised.validator
    def _digitised_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.received, "received")

    @reused.validator
    def _reused_fits(self, attribute: Any, value: int) -> None:
        _check_at_most(self, attribute, value, self.received, "received")

    @property
    def digitisation_rate(self) -> Rate | None:
        """Digitised over received (indicator 4.2), ``None`` when nothing was received."""
        return Rate.or_none(self.digitised, self.received)

    @property
    def reuse_rate(self) -> Rate | None:
        """Reusing digitised data over received (indicator 4.3), ``None`` if none received."""
        return Rate.or_none(self.reused, self.received)


def digitisation_counts(dossiers: Iterable[tuple[bool, bool]]) -> DigitisationCounts:
    """Count dossiers from ``(digitised, reused)`` flags, one pair per dossier received.

    Args:
        dossiers: For each dossier received: whether it was digitised (components and
            electronic result) and whether it reused digitised data.

    Returns:
        The counts, with their rates.

    Raises:
        InvalidValueError: An item is not a pair of booleans.

    Examples:
        >>> str(digitisation_counts([(True, False), (True, True), (False, False)]).reuse_rate)
        '1/3 (33.33 %)'
    """
    received = digitised = reused = 0
    for pair in dossiers:
        item: Any = pair
        if (
            not isinstance(item, tuple)
            or len(item) != 2  # noqa: PLR2004 - a pair
            or not all(type(flag) is bool for flag in item)
        ):
            raise InvalidValueError(
                "digitisation_counts(dossiers)", item, "(digitised, reused) pairs of booleans"
            )
        received += 1
        digitised += item[0]
        reused += item[1]
    return DigitisationCounts(received=received, digitised=digitised, reused=reused)
