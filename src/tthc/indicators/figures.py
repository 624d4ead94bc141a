"""Published figures (*số liệu công bố*) checked against their counts, under each rounding.

The reports that administrative-reform bodies publish round their figures in different ways, so
[`check_claim`][tthc.indicators.check_claim], [`check_figure`][tthc.indicators.check_figure] and
[`check_figures`][tthc.indicators.check_figures] say which rounding (if any) reproduces a
published figure, and what counts it would take when a count is missing or approximate.
[`load_figures`][tthc.indicators.load_figures] reads a set of figures from JSON;
[`hanoi_2023`][tthc.indicators.hanoi_2023] ships the figures of a Hà Nội 2023 report as an
example data set.

The module is a little over 800 lines: the check of one figure and the check of a report's set
share their explanation helpers and are read together, so they stay in one file; the band
arithmetic under them is in ``tthc.indicators._bands``.

Examples:
    >>> check = check_claim(211, 706, "29,8 %")
    >>> check.verdict.value, [m.label for m in check.matching_modes]
    ('consistent', ['truncation'])
"""

from __future__ import annotations

import enum
import fractions
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc import _validators as _v
from tthc._files import read_json
from tthc.errors import InvalidValueError, LoadError, shown
from tthc.indicators import _bands
from tthc.indicators.rates import RoundingMode, _round_ratio, parse_percent

if TYPE_CHECKING:
    import os
    from importlib.resources.abc import Traversable

__all__ = [
    "DEFAULT_MODES",
    "FigureCheck",
    "FigureSet",
    "FigureSetCheck",
    "ModeOutcome",
    "PublishedFigure",
    "Verdict",
    "check_claim",
    "check_figure",
    "check_figures",
    "hanoi_2023",
    "load_figures",
]

#: Most decimal places a published figure may carry (the checks scan denominators up to
#: 10 ** (places + 2), so this bounds their cost).
MAX_PUBLISHED_PLACES: Final = 4
_HUNDRED: Final = 100

#: The roundings a published figure is checked against by default: half-up, half-even,
#: truncation and ceiling.
DEFAULT_MODES: Final[tuple[RoundingMode, ...]] = (
    RoundingMode.HALF_UP,
    RoundingMode.HALF_EVEN,
    RoundingMode.DOWN,
    RoundingMode.CEILING,
)


def _grouped(n: int) -> str:
    return f"{n:,}"


def _decimals_of(value: object) -> int:
    if not isinstance(value, Decimal):  # the validator of ``published`` reports it
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _check_published(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= _HUNDRED:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "a decimal.Decimal percentage from 0 to 100"
        )


def _check_figure_places(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if type(value) is not int or not 0 <= value <= MAX_PUBLISHED_PLACES:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"a whole number of decimals from 0 to {MAX_PUBLISHED_PLACES}",
        )
    if _decimals_of(instance.published) > value:
        raise InvalidValueError.for_attribute(
            instance,
            attribute,
            value,
            f"at least the {_decimals_of(instance.published)} decimals of {instance.published}",
        )


def _check_optional_count(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a whole number >= 0"
        )


def _check_figure_denominator(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not int or value <= 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None (not published) or a whole number > 0"
        )
    if instance.numerator is not None and instance.numerator > value:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"a whole number >= the numerator {instance.numerator}"
        )


def _check_bound(instance: PublishedFigure, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not int or value <= 0:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None or a whole number > 0"
        )
    if instance.denominator is not None:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, "None when the denominator is published exactly"
        )
    low = instance.denominator_min
    if attribute.name == "denominator_max" and low is not None and value < low:
        raise InvalidValueError.for_attribute(
            instance, attribute, value, f"a whole number >= denominator_min {low}"
        )


def _parts_tuple(
    value: Iterable[tuple[str, int]] | Mapping[str, int],
) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((_v.nfc(k), _v.to_int(n)) for k, n in items)


def _check_parts(instance: object, attribute: Any, value: tuple[tuple[str, int], ...]) -> None:
    for label, count in value:
        if type(label) is not str or not label.strip() or type(count) is not int or count < 0:
            raise InvalidValueError.for_attribute(
                instance, attribute, (label, count), "(label, count) pairs with counts >= 0"
            )


@attrs.frozen(kw_only=True)
class PublishedFigure:
    """A percentage as a report published it (*số liệu công bố*), with the counts it gives.

    A count the report does not give is ``None``. A denominator known only roughly ("over
    4 million dossiers") is ``None`` with ``denominator_min`` and/or ``denominator_max``.

    Attributes:
        key: A short identifier, unique in its [`FigureSet`][tthc.indicators.FigureSet].
        label: What the figure measures, in words.
        published: The percentage as published (``Decimal('29.8')`` for "29,8 %").
        places: Decimals the figure was published with; by default those of ``published``.
        numerator: The count published for the numerator, if any.
        denominator: The count published for the denominator, if any.
        denominator_min: Lowest possible denominator when it is not published exactly.
        denominator_max: Highest possible denominator when it is not published exactly.
        parts: Published parts that add up to the numerator, as ``(label, count)`` pairs.
        source: Where the figure was published.
        notes: Remarks (what is uncertain, what the figure may refer to).

    Examples:
        >>> PublishedFigure(key="plans", label="Procedures with a plan", published=Decimal("29.8"),
        ...                 numerator=211, denominator=706).places
        1
    """

    key: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    label: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    published: Decimal = attrs.field(validator=_check_published)
    places: int = attrs.field(
        default=attrs.Factory(lambda self: _decimals_of(self.published), takes_self=True),
        validator=_check_figure_places,
    )
    numerator: int | None = attrs.field(default=None, validator=_check_optional_count)
    denominator: int | None = attrs.field(default=None, validator=_check_figure_denominator)
    denominator_min: int | None = attrs.field(default=None, validator=_check_bound)
    denominator_max: int | None = attrs.field(default=None, validator=_check_bound)
    parts: tuple[tuple[str, int], ...] = attrs.field(
        default=(), converter=_parts_tuple, validator=_check_parts
    )
    source: str = attrs.field(default="", converter=_v.nfc)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    @property
    def value(self) -> Decimal:
        """The published percentage with exactly ``places`` decimals."""
        return self.published.quantize(Decimal(1).scaleb(-self.places))

    @property
    def text(self) -> str:
        """The figure as text, such as ``'29.8 %'``."""
        return f"{self.value} %"


class Verdict(enum.Enum):
    """Whether a published figure agrees with its counts."""

    #: Both counts are published and some rounding of them gives the figure.
    CONSISTENT = "consistent"
    #: No rounding of the published counts gives the figure (or its parts do not add up).
    INCONSISTENT = "inconsistent"
    #: A count is missing or approximate: the figure cannot be confirmed, but some counts within
    #: what was published give it (they are listed in the check).
    UNVERIFIABLE = "unverifiable"


@attrs.frozen(kw_only=True)
class ModeOutcome:
    """What one rounding mode says about a published figure.

    Attributes:
        mode: The rounding mode.
        matches: Whether this rounding can give the published figure from the published counts
            (for a missing count: from some count within its published bounds).
        rounded: The published counts' percentage under this rounding, when both are known.
        numerators: The numerators that give the figure over the reference denominator
            (``FigureCheck.reference_denominator``), as an inclusive ``(low, high)``; ``None``
            when none does or there is no reference denominator.
        denominators: The denominators (within the published bounds) that give the figure with
            the published numerator, as ``(low, high)``, ``high`` being ``None`` when there is
            no upper limit; ``None`` when none does or the numerator is not published.
    """

    mode: RoundingMode
    matches: bool
    rounded: Decimal | None = None
    numerators: tuple[int, int] | None = None
    denominators: tuple[int, int | None] | None = None


def _interval_text(interval: _bands.Interval) -> str:
    low, high = interval
    if high is None:
        return f"{_grouped(low)} or more"
    if low == high:
        return _grouped(low)
    return f"{_grouped(low)}\N{EN DASH}{_grouped(high)}"


def _by_interval(
    outcomes: Iterable[tuple[RoundingMode, _bands.Interval | None]], total: int
) -> str:
    groups: dict[str, list[str]] = {}
    for mode, interval in outcomes:
        if interval is not None:
            groups.setdefault(_interval_text(interval), []).append(mode.label)
    if len(groups) == 1 and len(next(iter(groups.values()))) == total:
        return f"{next(iter(groups))} (every rounding checked)"
    return "; ".join(f"{text} ({', '.join(modes)})" for text, modes in groups.items())


@attrs.frozen(kw_only=True)
class FigureCheck:
    """The result of checking one [`PublishedFigure`][tthc.indicators.PublishedFigure].

    Attributes:
        figure: The figure checked.
        verdict: Consistent, inconsistent or unverifiable.
        outcomes: One outcome per rounding mode checked, in the order given.
        reference_denominator: The denominator that ``numerators`` refer to: the published
            one, else the lowest possible one (``denominator_min``), else ``None``.
        problems: Each inconsistency found, in words (empty unless the verdict is
            ``INCONSISTENT``).
    """

    figure: PublishedFigure
    verdict: Verdict
    outcomes: tuple[ModeOutcome, ...]
    reference_denominator: int | None
    problems: tuple[str, ...] = ()

    @property
    def is_consistent(self) -> bool:
        """Whether the verdict is ``CONSISTENT`` (published counts reproduce the figure)."""
        return self.verdict is Verdict.CONSISTENT

    @property
    def matching_modes(self) -> tuple[RoundingMode, ...]:
        """The roundings that give the published figure (from some counts, if one is missing)."""
        return tuple(o.mode for o in self.outcomes if o.matches)

    @property
    def exact_percent(self) -> fractions.Fraction | None:
        """The exact percentage of the published counts, when both are published."""
        f = self.figure
        if f.numerator is None or f.denominator is None:
            return None
        return fractions.Fraction(_HUNDRED * f.numerator, f.denominator)

    def explain(self) -> str:
        """Return a few lines saying what was checked and what was found.

        Examples:
            >>> print(check_claim(211, 706, "29.8 %").explain())
            CONSISTENT claim: 29.8 % published
              counts: 211/706
              211/706 = 29.887 %; to 1 decimal: 29.9 half-up, 29.9 half-even, 29.8 truncation, 29.9 ceiling
              29.8 % is reproduced by truncation; not by half-up, half-even, ceiling
        """
        f = self.figure
        head = f"{self.verdict.name} {f.key}: {f.text} published"
        lines = [head if f.label == f.key else f"{head} \N{EM DASH} {f.label}"]
        lines += self._counts_lines()
        lines += self._rounding_lines()
        if self.verdict is not Verdict.CONSISTENT or self.exact_percent is None:
            lines += self._range_lines()
        lines += [f"  problem: {p}" for p in self.problems]
        lines += [f"  note: {n}" for n in f.notes]
        return "\n".join(lines)

    def _counts_lines(self) -> list[str]:
        f = self.figure
        num = "?" if f.numerator is None else _grouped(f.numerator)
        den = "?" if f.denominator is None else _grouped(f.denominator)
        counts = f"  counts: {num}/{den}"
        if f.denominator is None and (f.denominator_min or f.denominator_max):
            counts += f" (denominator {_bounds_text(f.denominator_min, f.denominator_max)})"
        lines = [counts]
        if f.parts:
            total_parts = sum(n for _, n in f.parts)
            sums = " + ".join(f"{_grouped(n)} {label}" for label, n in f.parts)
            ok = "matches" if total_parts == f.numerator else "does NOT match"
            lines.append(f"  parts: {sums} = {_grouped(total_parts)} ({ok} the numerator)")
        return lines

    def _rounding_lines(self) -> list[str]:
        f = self.figure
        modes = [o.mode for o in self.outcomes]
        exact = self.exact_percent
        if exact is None:
            lines = []
            if f.numerator is None:
                lines.append("  the numerator is not published")
            if f.denominator is None:
                lines.append("  the denominator is not published exactly")
            floor = 10 ** (f.places + 2)
            if f.numerator is None and f.denominator is None and (f.denominator_min or 1) > floor:
                lines.append(
                    f"  every denominator above {_grouped(floor)} admits a numerator that "
                    f"gives {f.text}, so these counts cannot refute it"
                )
            return lines
        shown = _round_ratio(exact.numerator, exact.denominator, f.places + 2, "ROUND_HALF_UP")
        rounded = ", ".join(f"{o.rounded} {o.mode.label}" for o in self.outcomes)
        decimals = "decimal" if f.places == 1 else "decimals"
        counts = f"{_grouped(f.numerator or 0)}/{_grouped(f.denominator or 0)}"
        lines = [f"  {counts} = {shown} %; to {f.places} {decimals}: {rounded}"]
        matching = self.matching_modes
        if not matching:
            lines.append(f"  no rounding checked gives {f.text}")
        elif len(matching) == len(modes):
            lines.append(f"  {f.text} is reproduced by every rounding checked")
        else:
            names = ", ".join(m.label for m in matching)
            others = ", ".join(m.label for m in modes if m not in matching)
            lines.append(f"  {f.text} is reproduced by {names}; not by {others}")
        return lines

    def _range_lines(self) -> list[str]:
        f = self.figure
        total = len(self.outcomes)
        lines = []
        ref = self.reference_denominator
        nums = [(o.mode, o.numerators) for o in self.outcomes]
        if ref is not None and any(i is not None for _, i in nums):
            text = _by_interval(((m, (i[0], i[1])) for m, i in nums if i), total)
            word = "over" if f.denominator is not None else "over the lowest denominator"
            lines.append(f"  numerators giving {f.text} {word} {_grouped(ref)}: {text}")
        dens = [(o.mode, o.denominators) for o in self.outcomes]
        if f.numerator is not None and any(i is not None for _, i in dens):
            text = _by_interval(dens, total)
            lines.append(f"  denominators giving {f.text} with {_grouped(f.numerator)}: {text}")
        return lines


def _bounds_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"between {_grouped(low)} and {_grouped(high)}"
    if low is not None:
        return f"{_grouped(low)} or more"
    return f"at most {_grouped(high or 0)}"


def _check_modes(modes: Iterable[RoundingMode]) -> tuple[RoundingMode, ...]:
    out = tuple(modes)
    if not out or not all(isinstance(m, RoundingMode) for m in out):
        raise InvalidValueError("modes", out, "one or more RoundingMode members")
    return out


def check_figure(
    figure: PublishedFigure, modes: Iterable[RoundingMode] = DEFAULT_MODES
) -> FigureCheck:
    """Check one published figure against its counts under each rounding mode.

    * Both counts published: the figure is consistent when some rounding of them gives it.
      The check also lists, for an inconsistent figure, the numerators over the published
      denominator and the denominators for the published numerator that would give it.
    * A count missing or approximate: the figure is unverifiable when some count within the
      published bounds gives it (the check lists which), inconsistent when none does.
    * Parts that do not add up to the numerator make the figure inconsistent too.

    Args:
        figure: The figure to check.
        modes: The roundings to try (default: half-up, half-even, truncation, ceiling).

    Returns:
        The check, which explains itself with ``explain()``.

    Raises:
        InvalidValueError: ``modes`` is empty or holds something else than a RoundingMode.

    Examples:
        >>> f = PublishedFigure(key="x", label="x", published=Decimal("74.2"),
        ...                     numerator=892, denominator=1191)
        >>> check_figure(f).verdict
        <Verdict.INCONSISTENT: 'inconsistent'>
    """
    modes = _check_modes(modes)
    f = figure
    num, den = f.numerator, f.denominator
    d_low = f.denominator_min or 1
    d_high = f.denominator_max
    reference = den if den is not None else f.denominator_min
    outcomes = []
    for mode in modes:
        band = _bands.band(f.value, f.places, mode)
        numerators = _bands.numerators(band, reference) if reference is not None else None
        if num is not None and den is not None:
            rounded = _round_ratio(_HUNDRED * num, den, f.places, mode.value)
            denominators = _bands.denominators(band, num, 1, None)
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=rounded == f.value,
                    rounded=rounded,
                    numerators=numerators,
                    denominators=denominators,
                )
            )
        elif num is not None:
            denominators = _bands.denominators(band, num, d_low, d_high)
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=denominators is not None,
                    numerators=numerators,
                    denominators=denominators,
                )
            )
        elif den is not None:
            outcomes.append(
                ModeOutcome(mode=mode, matches=numerators is not None, numerators=numerators)
            )
        else:
            outcomes.append(
                ModeOutcome(
                    mode=mode,
                    matches=_bands.some_denominator(band, d_low, d_high, f.places),
                    numerators=numerators,
                )
            )
    problems = []
    if f.parts and num is not None and sum(n for _, n in f.parts) != num:
        parts = " + ".join(_grouped(n) for _, n in f.parts)
        problems.append(
            f"the parts {parts} add up to {_grouped(sum(n for _, n in f.parts))}, "
            f"not to the numerator {_grouped(num)}"
        )
    matched = [o.mode.label for o in outcomes if o.matches]
    if not matched:
        tried = ", ".join(m.label for m in modes)
        if num is not None and den is not None:
            exact = _round_ratio(_HUNDRED * num, den, f.places + 2, "ROUND_HALF_UP")
            problems.append(
                f"{f.text} is not {_grouped(num)}/{_grouped(den)} = {exact} % under any "
                f"rounding checked ({tried})"
            )
        else:
            problems.append(
                f"no counts within those published give {f.text} under any rounding "
                f"checked ({tried})"
            )
    if problems:
        verdict = Verdict.INCONSISTENT
    elif num is not None and den is not None:
        verdict = Verdict.CONSISTENT
    else:
        verdict = Verdict.UNVERIFIABLE
    return FigureCheck(
        figure=f,
        verdict=verdict,
        outcomes=tuple(outcomes),
        reference_denominator=reference,
        problems=tuple(problems),
    )


def check_claim(
    numerator: int | None,
    denominator: int | None,
    published: str | Decimal,
    *,
    places: int | None = None,
    modes: Iterable[RoundingMode] = DEFAULT_MODES,
) -> FigureCheck:
    """Check a claim "numerator / denominator = published %": is it consistent, and how rounded?

    Args:
        numerator: The published numerator, or ``None`` if not published.
        denominator: The published denominator, or ``None`` if not published.
        published: The percentage as printed (``"29,8 %"``) or as a `Decimal`.
        places: Decimals it was published with; by default those written in ``published``
            (``"74.20 %"`` has two).
        modes: The roundings to try (default: half-up, half-even, truncation, ceiling).

    Returns:
        The check; ``verdict``, ``matching_modes`` and ``explain()`` say what was found.

    Raises:
        InvalidValueError: A count or the percentage is not valid.

    Examples:
        >>> check_claim(211, 706, "29.8 %").matching_modes
        (<RoundingMode.DOWN: 'ROUND_DOWN'>,)
        >>> check_claim(892, 1191, "74.2 %").verdict.value
        'inconsistent'
        >>> check_claim(28, 124, "22.6 %").matching_modes
        (<RoundingMode.HALF_UP: 'ROUND_HALF_UP'>, <RoundingMode.HALF_EVEN: 'ROUND_HALF_EVEN'>, <RoundingMode.CEILING: 'ROUND_CEILING'>)
    """
    value = parse_percent(published)
    options: dict[str, Any] = {}
    if places is not None:
        options["places"] = places
    figure = PublishedFigure(
        key="claim",
        label="claim",
        published=value,
        numerator=numerator,
        denominator=denominator,
        **options,
    )
    return check_figure(figure, modes)


# --- figure sets -------------------------------------------------------------------------------


def _figures_tuple(value: Iterable[PublishedFigure]) -> tuple[PublishedFigure, ...]:
    return tuple(value)


def _check_figures(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, PublishedFigure):
            raise InvalidValueError.for_attribute(
                instance, attribute, item, "PublishedFigure items"
            )
        if item.key in seen:
            raise InvalidValueError.for_attribute(
                instance, attribute, item.key, "figures with distinct keys"
            )
        seen.add(item.key)


@attrs.frozen(kw_only=True)
class FigureSet:
    """The figures one report published (*số liệu báo cáo*), with the report's citation.

    Attributes:
        title: What the set is (the report, as far as it is known).
        source: The citation: where the figures were read. Unknown parts are said to be
            unknown, never guessed.
        figures: The figures.
        notes: Remarks on the set as a whole.
    """

    title: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    source: str = attrs.field(validator=_v.non_blank, converter=_v.nfc)
    figures: tuple[PublishedFigure, ...] = attrs.field(
        converter=_figures_tuple, validator=_check_figures
    )
    notes: tuple[str, ...] = attrs.field(default=(), converter=_v.str_tuple)

    def figure(self, key: str) -> PublishedFigure:
        """Return the figure with this key.

        Raises:
            InvalidValueError: No figure has that key.
        """
        for f in self.figures:
            if f.key == key:
                return f
        keys = ", ".join(repr(f.key) for f in self.figures)
        raise InvalidValueError("FigureSet.figure(key)", key, f"one of {keys}")

    def check(self, modes: Iterable[RoundingMode] = DEFAULT_MODES) -> FigureSetCheck:
        """Check every figure: see [`check_figures`][tthc.indicators.check_figures]."""
        return check_figures(self, modes)


@attrs.frozen(kw_only=True)
class FigureSetCheck:
    """Every figure of a set checked, and the inconsistencies found.

    Attributes:
        title: The set's title.
        source: The set's citation.
        checks: One check per figure, in the set's order.
    """

    title: str
    source: str
    checks: tuple[FigureCheck, ...]

    @property
    def inconsistent(self) -> tuple[FigureCheck, ...]:
        """The checks whose verdict is ``INCONSISTENT``."""
        return tuple(c for c in self.checks if c.verdict is Verdict.INCONSISTENT)

    @property
    def unverifiable(self) -> tuple[FigureCheck, ...]:
        """The checks whose verdict is ``UNVERIFIABLE``."""
        return tuple(c for c in self.checks if c.verdict is Verdict.UNVERIFIABLE)

    @property
    def common_modes(self) -> tuple[RoundingMode, ...]:
        """The roundings that reproduce every consistent figure (with both counts published).

        Empty when the consistent figures need different roundings: the report then did not
        round all its figures the same way (or one of them is a typo).
        """
        consistent = [c for c in self.checks if c.verdict is Verdict.CONSISTENT]
        if not consistent:
            return ()
        first = consistent[0].matching_modes
        return tuple(m for m in first if all(m in c.matching_modes for c in consistent))

    @property
    def problems(self) -> tuple[str, ...]:
        """Every inconsistency found, one line each, figure by figure then across figures."""
        out = [f"{c.figure.key}: {p}" for c in self.checks for p in c.problems]
        consistent = [c for c in self.checks if c.verdict is Verdict.CONSISTENT]
        if len(consistent) > 1 and not self.common_modes:
            needs = "; ".join(
                f"{c.figure.key} ({c.figure.text}) is reproduced only by "
                f"{', '.join(m.label for m in c.matching_modes)}"
                for c in consistent
            )
            out.append(f"across figures: no single rounding reproduces every figure: {needs}")
        return tuple(out)

    @property
    def is_consistent(self) -> bool:
        """Whether no inconsistency was found (unverifiable figures do not count as one)."""
        return not self.problems

    def explain(self) -> str:
        """Return the full report: a summary, every figure's check, then every problem."""
        counts = {v: sum(c.verdict is v for c in self.checks) for v in Verdict}
        lines = [
            self.title,
            f"Source: {self.source}",
            (
                f"{len(self.checks)} figures: {counts[Verdict.CONSISTENT]} consistent, "
                f"{counts[Verdict.INCONSISTENT]} inconsistent, "
                f"{counts[Verdict.UNVERIFIABLE]} unverifiable"
            ),
            "",
        ]
        for check in self.checks:
            lines += [check.explain(), ""]
        if self.problems:
            lines.append("Inconsistencies:")
            lines += [f"- {p}" for p in self.problems]
        else:
            lines.append("No inconsistency found.")
        return "\n".join(lines)


def check_figures(
    figures: FigureSet | Iterable[PublishedFigure],
    modes: Iterable[RoundingMode] = DEFAULT_MODES,
) -> FigureSetCheck:
    """Check every figure of a data set and report every inconsistency.

    Each figure is checked with [`check_figure`][tthc.indicators.check_figure]. Across figures,
    the check also says when no single rounding reproduces every consistent figure.

    Args:
        figures: A [`FigureSet`][tthc.indicators.FigureSet] or any iterable of figures.
        modes: The roundings to try.

    Returns:
        The checks, with ``problems`` listing every inconsistency.

    Examples:
        >>> report = check_figures(hanoi_2023())
        >>> [c.figure.key for c in report.inconsistent]
        ['online-services']
        >>> report.common_modes
        ()
    """
    if isinstance(figures, FigureSet):
        title, source, items = figures.title, figures.source, figures.figures
    else:
        title, source, items = "Published figures", "not given", tuple(figures)
    modes = _check_modes(modes)
    return FigureSetCheck(
        title=title, source=source, checks=tuple(check_figure(f, modes) for f in items)
    )


_SET_KEYS: Final = {"format", "title", "source", "notes", "figures"}
_FIGURE_KEYS: Final = {
    "key",
    "label",
    "published",
    "numerator",
    "denominator",
    "denominator_min",
    "denominator_max",
    "parts",
    "source",
    "notes",
}
FIGURES_FORMAT: Final = "tthc.figures/1"


def _is_count(value: object) -> bool:
    return value is None or (type(value) is int and value >= 0)


def _shape_problems(item: dict[str, Any], where: str) -> list[str]:
    """The values of a figure that are not of their JSON type (before any is converted)."""
    found = []
    parts = item.get("parts")
    if parts is not None and not (
        isinstance(parts, dict)
        and all(type(k) is str and type(n) is int and n >= 0 for k, n in parts.items())
    ):
        found.append(
            f"{where}.parts: expected an object of label -> count (a whole number >= 0), "
            f"got {shown(parts)}"
        )
    found += [
        f"{where}.{key}: expected a whole number >= 0 or null, got {shown(item.get(key))}"
        for key in ("numerator", "denominator", "denominator_min", "denominator_max")
        if not _is_count(item.get(key))
    ]
    found += [
        f"{where}.{key}: expected a text, got {shown(item[key])}"
        for key in ("key", "label", "published", "source")
        if key in item and type(item[key]) is not str
    ]
    notes = item.get("notes")
    if notes is not None and not (isinstance(notes, list) and all(type(n) is str for n in notes)):
        found.append(f"{where}.notes: expected a list of texts, got {shown(notes)}")
    return found


def _figure_set_from(data: object, source: str) -> FigureSet:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise LoadError(source, ["$: expected a JSON object"])
    if data.get("format") != FIGURES_FORMAT:
        problems.append(f"$.format: expected {FIGURES_FORMAT!r}, got {shown(data.get('format'))}")
    problems += [f"$.{k}: unknown key" for k in sorted(set(data) - _SET_KEYS)]
    figures = []
    raw = data.get("figures")
    if not isinstance(raw, list):
        problems.append("$.figures: expected a list of figures")
        raw = []
    for i, item in enumerate(raw):
        where = f"$.figures[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object")
            continue
        unknown = sorted(set(item) - _FIGURE_KEYS)
        problems += [f"{where}.{k}: unknown key" for k in unknown]
        shape = _shape_problems(item, where)
        if shape:
            problems += shape
            continue
        try:
            options = {k: v for k, v in item.items() if k in _FIGURE_KEYS}
            options["published"] = parse_percent(item.get("published", ""))
            options["parts"] = options.get("parts") or {}
            options["notes"] = options.get("notes") or ()
            figures.append(PublishedFigure(**options))
        except (InvalidValueError, TypeError) as exc:
            problems.append(f"{where}: {exc}")
    texts = {}
    for key in ("title", "source"):
        texts[key] = data.get(key, "")
        if type(texts[key]) is not str:
            problems.append(f"$.{key}: expected a text, got {shown(texts[key])}")
            texts[key] = "?"
    notes = data.get("notes") or ()
    if not (isinstance(notes, (list, tuple)) and all(type(n) is str for n in notes)):
        problems.append(f"$.notes: expected a list of texts, got {shown(notes)}")
        notes = ()
    try:
        result = FigureSet(
            title=texts["title"], source=texts["source"], figures=figures, notes=notes
        )
    except InvalidValueError as exc:
        problems.append(f"$: {exc}")
    if problems:
        raise LoadError(source, problems)
    return result


def load_figures(path: str | os.PathLike[str] | Traversable) -> FigureSet:
    """Load a set of published figures from a JSON file (format ``tthc.figures/1``).

    The file holds ``title``, ``source``, optional ``notes`` and ``figures``: a list of objects
    with the fields of [`PublishedFigure`][tthc.indicators.PublishedFigure], ``published``
    written as printed (``"29,8 %"``) and ``parts`` as an object of label → count. The shipped
    ``data/hanoi_2023_figures.json`` is an example.

    Args:
        path: The file.

    Returns:
        The figure set.

    Raises:
        LoadError: The file is not valid; every problem is listed at once.
    """
    data = read_json(path)
    return _figure_set_from(data, str(path))


@functools.cache
def hanoi_2023() -> FigureSet:
    """The figures of the Hà Nội 2023 administrative-reform report, as an example data set.

    The figures are those quoted in the project brief from its source article (a Hà Nội 2023
    report on administrative reform); the arithmetic is in the research notes ``vn_legal.md``
    §0. The report's title, date, issuing document and address are not known to the project:
    the data file says so rather than guess them.

    Returns:
        The five published figures, with their counts.

    Examples:
        >>> s = hanoi_2023()
        >>> [f.text for f in s.figures]
        ['74.2 %', '29.8 %', '22.6 %', '99.74 %', '15.51 %']
        >>> s.figure("simplification-plans").numerator
        211
    """
    path = resources.files("tthc").joinpath("data/hanoi_2023_figures.json")
    return load_figures(path)
