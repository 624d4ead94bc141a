"""Charts (*biểu đồ*) of indicator tables and catalogue coverage, drawn with matplotlib.

Three charts, each a matplotlib ``Figure`` built directly (not through pyplot: no GUI backend, no
global figure registry, nothing to close; it renders with Agg on ``savefig``):

* [`plot_on_time_by_month`][tthc.analytics.charts.plot_on_time_by_month]: the on-time rate
  (indicator 2.1) by month;
* [`plot_timeliness_shares`][tthc.analytics.charts.plot_timeliness_shares]: finished dossiers
  cut into early, on time and late, per group;
* [`plot_coverage`][tthc.analytics.charts.plot_coverage]: a catalogue's online services by level.

Names from the data (agencies, procedures, months) and titles are drawn as they are written
(``parse_math=False``, ``usetex=False``): "Sở $x^2$" is text, not matplotlib math, which a name
could also make fail half-way through a report; their control characters are shown escaped
(a new line as a backslash and n), as on the terminal.

This module needs matplotlib (the ``tthc[charts]`` extra) and imports it at its top; it is loaded
only when a chart is drawn (by these functions, or by
[`Report.figures`][tthc.analytics.reporting.Report.figures] and ``Report.save``).
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Final

from tthc._files import terminal_text
from tthc.errors import InvalidValueError, MissingExtraError

try:
    import matplotlib as mpl
    from matplotlib.figure import Figure
except ModuleNotFoundError as exc:  # the tthc[charts] extra
    raise MissingExtraError("matplotlib", "charts", __name__) from exc

from tthc.analytics._labels import MISSING_KEY, nfc
from tthc.analytics._labels import labels as _labels
from tthc.indicators.counts import OnlineCoverage

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

__all__ = [
    "plot_coverage",
    "plot_on_time_by_month",
    "plot_timeliness_shares",
    "plot_where_time_goes",
]

_MAX_BARS: Final = 30
_COLOURS: Final = {
    "early": "#2e7d32",
    "on_time": "#1565c0",
    "late": "#c62828",
    "full": "#2e7d32",
    "partial": "#f9a825",
    "none": "#9e9e9e",
    "not_full": "#c8e6c9",
}


def _single_key(table: pd.DataFrame, what: str) -> list[str]:
    if table.index.nlevels != 1:
        raise InvalidValueError(
            what, list(table.index.names), "an indicator table grouped by one key"
        )
    return [nfc(k) for k in table.index]


def _floats(values: Iterable[object]) -> list[float]:
    return [float("nan") if v is None else float(v) for v in values]  # type: ignore[arg-type]


def plot_on_time_by_month(
    table: pd.DataFrame, *, language: str = "vi", title: str | None = None
) -> Figure:
    """Line chart of the on-time rate (indicator 2.1) by month (or any single time key).

    Args:
        table: An indicator table grouped by ``"month"`` (or ``"quarter"``, ``"year"``);
            the group of rows without a receipt ([`MISSING_KEY`][tthc.analytics.tables.MISSING_KEY]) is
            left out of the chart.
        language: ``"vi"`` (default) or ``"en"`` for the labels.
        title: The chart's title (default: "Tỷ lệ giải quyết đúng hạn theo tháng").

    Returns:
        A matplotlib ``Figure`` (not registered with pyplot): ``fig.savefig(path)``. Its first
        line is ``on_time_rate`` and its second ``finished_on_time_rate``, as floats; N/A
        values are gaps (NaN).

    Raises:
        InvalidValueError: The table is not grouped by one key.
    """
    labels = _labels(language)
    keys = _single_key(table, "plot_on_time_by_month(table)")
    keep = [i for i, k in enumerate(keys) if k != MISSING_KEY]
    x = [terminal_text(keys[i]) for i in keep]
    on_time = _floats(table["on_time_rate"].iloc[keep])
    finished = _floats(table["finished_on_time_rate"].iloc[keep])
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(x)))
    ax.plot(
        positions, on_time, marker="o", color=_COLOURS["on_time"], label=labels["on_time_rate"]
    )
    ax.plot(
        positions,
        finished,
        marker="s",
        linestyle="--",
        color=_COLOURS["early"],
        label=labels["finished_on_time_rate"],
    )
    ax.set_xticks(positions, x, rotation=45, ha="right", parse_math=False, usetex=False)
    ax.set_ylabel(labels["percent"])
    known = [v for v in [*on_time, *finished] if v == v]  # noqa: PLR0124 - NaN test
    low = min(known, default=0.0)
    ax.set_ylim(max(0.0, min(low - 2.0, 95.0)), 100.5)
    ax.grid(visible=True, axis="y", alpha=0.3)
    if x:
        ax.legend(loc="lower left")
    else:
        ax.text(0.5, 0.5, labels["no_data"], ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title or labels["chart_month"], parse_math=False, usetex=False)
    return fig


def plot_timeliness_shares(
    table: pd.DataFrame,
    *,
    language: str = "vi",
    title: str | None = None,
    horizontal: bool = True,
    max_bars: int = _MAX_BARS,
) -> Figure:
    """Stacked bars of finished dossiers: early, on time and late, per group (agency, month…).

    Each bar is 100 % of the group's finished dossiers, cut into the exact shares
    ``early / finished``, ``on_time / finished`` and ``late / finished`` (as floats, not the
    rounded percentages). A group with no finished dossier has an empty bar.

    Args:
        table: An indicator table (or a count frame) grouped by one key.
        language: ``"vi"`` (default) or ``"en"``.
        title: The chart's title.
        horizontal: Horizontal bars (default, for agencies) or vertical ones (for months).
        max_bars: Show at most this many groups: those with the most received dossiers,
            in the table's order.

    Returns:
        A matplotlib ``Figure`` whose axes hold three bar containers (early, on time, late).

    Raises:
        InvalidValueError: The table is not grouped by one key.
    """
    labels = _labels(language)
    keys = _single_key(table, "plot_timeliness_shares(table)")
    rows = list(range(len(keys)))
    if len(rows) > max_bars:
        received = table["received"].tolist()
        rows = sorted(sorted(rows, key=lambda i: -received[i])[:max_bars])
    names = [terminal_text(keys[i]) for i in rows]
    finished = [int(table["finished"].iloc[i]) for i in rows]
    shares = {
        c: [
            100.0 * int(table[c].iloc[i]) / f if f else 0.0
            for i, f in zip(rows, finished, strict=True)
        ]
        for c in ("early", "on_time", "late")
    }
    size = 0.32 * len(names) + 1.6
    figsize = (8.0, max(2.6, size)) if horizontal else (max(6.0, 0.45 * len(names) + 2.0), 4.0)
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(names)))
    base = [0.0] * len(names)
    for c in ("early", "on_time", "late"):
        if horizontal:
            ax.barh(positions, shares[c], left=base, color=_COLOURS[c], label=labels[c])
        else:
            ax.bar(positions, shares[c], bottom=base, color=_COLOURS[c], label=labels[c])
        base = [b + s for b, s in zip(base, shares[c], strict=True)]
    if horizontal:
        ax.set_yticks(positions, names, parse_math=False, usetex=False)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(labels["percent_finished"])
    else:
        ax.set_xticks(positions, names, rotation=45, ha="right", parse_math=False, usetex=False)
        ax.set_ylim(0, 100)
        ax.set_ylabel(labels["percent_finished"])
    if not names:
        ax.text(0.5, 0.5, labels["no_data"], ha="center", va="center", transform=ax.transAxes)
    fig.legend(loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    ax.set_title(title or labels["chart_shares"], parse_math=False, usetex=False)
    return fig


def plot_coverage(
    coverage: OnlineCoverage, *, language: str = "vi", title: str | None = None
) -> Figure:
    """Stacked bars of a catalogue's online services by level (full, partial, none).

    Two bars: all procedures (full, partial, no online service) and the procedures eligible for
    a full online service (full, not full), each labelled with its counts.

    Args:
        coverage: The counts, from [`catalogue_coverage`][tthc.analytics.coverage.catalogue_coverage] or
            [`online_coverage`][tthc.indicators.online_coverage].
        language: ``"vi"`` (default) or ``"en"``.
        title: The chart's title.

    Returns:
        A matplotlib ``Figure`` whose axes hold four bar containers: full (both bars),
        partial and none (the first bar), and not full (the eligible bar: eligible procedures
        without a full online service).

    Raises:
        InvalidValueError: ``coverage`` is not an OnlineCoverage.
    """
    if not isinstance(coverage, OnlineCoverage):
        raise InvalidValueError("plot_coverage(coverage)", coverage, "an OnlineCoverage")
    labels = _labels(language)
    c = coverage
    none = c.procedures - c.full - c.partial
    # (label, bar positions, widths): the eligible bar is cut into full and not full only,
    # since the counts do not say which eligible procedures are partial.
    segments = [
        ("full", [0, 1], [c.full, c.full_eligible]),
        ("partial", [0], [c.partial]),
        ("none", [0], [none]),
        ("not_full", [1], [c.eligible - c.full_eligible]),
    ]
    fig = Figure(figsize=(8, 2.8), layout="constrained")
    ax = fig.add_subplot()
    names = [
        f"{labels['procedures']} ({c.procedures:,})",
        f"{labels['eligible']} ({c.eligible:,})",
    ]
    base = [0, 0]
    for key, positions, widths in segments:
        bars = ax.barh(
            positions,
            widths,
            left=[base[p] for p in positions],
            color=_COLOURS[key],
            hatch="//" if key == "not_full" else None,
            edgecolor="white",
            label=labels[key],
        )
        ax.bar_label(
            bars,
            labels=[f"{v:,}" if v else "" for v in widths],
            label_type="center",
            color="black" if key == "not_full" else "white",
            fontsize="small",
        )
        for p, w in zip(positions, widths, strict=True):
            base[p] += w
    ax.set_yticks([0, 1], names, parse_math=False, usetex=False)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1, c.procedures))
    fig.legend(loc="outside lower center", ncols=4, fontsize="small", frameon=False)
    ax.set_title(title or labels["coverage"], parse_math=False, usetex=False)
    return fig


def plot_where_time_goes(
    table: pd.DataFrame,
    *,
    language: str = "vi",
    title: str | None = None,
    max_bars: int = _MAX_BARS,
) -> Figure:
    """Horizontal bars of the share of late steps per unit and step, with the median time used.

    Args:
        table: A [`where_time_goes`][tthc.analytics.steps.where_time_goes] table (sorted, the
            largest share of late steps first).
        language: ``"vi"`` (default) or ``"en"``.
        title: The chart's title.
        max_bars: Show at most this many groups: the first ones of the table.

    Returns:
        A matplotlib ``Figure`` whose axes hold one bar container (the shares of late steps, %).
    """
    from tthc.analytics.steps import section_labels  # noqa: PLC0415 - a sibling module

    words = section_labels(language)
    shown = table.head(max_bars)
    names = [
        " / ".join(nfc(k) for k in (key if isinstance(key, tuple) else (key,)))
        for key in shown.index
    ]
    shares = [100.0 * float(v) for v in shown["late_share"]]
    fig = Figure(figsize=(8.0, max(2.6, 0.32 * len(names) + 1.6)), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(names)))
    bars = ax.barh(positions, shares, color=_COLOURS["late"])
    for bar, ratio in zip(bars, shown["median_ratio"], strict=True):
        ax.annotate(
            "—" if math.isnan(float(ratio)) else f"{float(ratio):.2f}",  # NaN: not counted
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize="x-small",
        )
    ax.set_yticks(positions, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(words["late_share"])
    if not names:
        ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title or words["title"])
    return fig


def _figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes: the same data gives the same bytes."""
    buffer = io.BytesIO()
    # No date or version in the files, and stable SVG ids: the same data gives the same bytes.
    metadata: dict[str, str | None] = (
        {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    )
    with mpl.rc_context({"svg.hashsalt": "tthc", "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    return buffer.getvalue()
