"""Indicator tables as text and as HTML (private): the cells, the columns shown, the layout.

[`format_indicator_table`][tthc.analytics.tables.format_indicator_table] (the terminal) and
[`Report.to_html`][tthc.analytics.reporting.Report.to_html] show the same rows and cells: counts with
thousands separators, percentages with their decimals, "N/A" where a rate is not applicable;
the columns ``invalid`` and ``unclassified`` only when some group has such rows.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from tthc._files import terminal_text
from tthc._numbers import number
from tthc.analytics._labels import MISSING_KEY, nfc

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CSS", "html_table", "text_table"]

_TEXT_COLUMNS: Final = (
    "received",
    "finished",
    "early",
    "on_time",
    "late",
    "within_time",
    "overdue",
    "on_time_rate",
    "finished_on_time_rate",
    "online_share",
    "invalid",
    "unclassified",
)

CSS: Final = (
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;"
    "color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
    "tr.total td{font-weight:bold}dl{display:grid;grid-template-columns:max-content auto;"
    "gap:.2em 1em}dt{font-weight:bold}dd{margin:0}figure{margin:1em 0}"
    "img{max-width:100%;height:auto}footer{margin-top:2em;color:#777;font-size:.8em}"
)
"""The report page's style sheet (inline: the page has no external file)."""


def _shown_columns(table: pd.DataFrame, total: pd.DataFrame | None) -> list[str]:
    """The columns shown: every count and rate present, invalid/unclassified only when used."""
    frames = [table] if total is None else [table, total]
    shown = []
    for c in _TEXT_COLUMNS:
        holders = [f for f in frames if c in f.columns]
        if not holders:
            continue
        if c in {"invalid", "unclassified"} and not sum(int(f[c].sum()) for f in holders):
            continue
        shown.append(c)
    return shown


def _cell(value: object, language: str) -> str:
    """A count or a rate written the way ``language`` writes numbers (7.081; 98,77 in vi)."""
    if value is None:
        return "N/A"
    if isinstance(value, Decimal):
        return number(value, language)
    if isinstance(value, int) or type(value).__module__ == "numpy":
        return number(int(value), language)  # type: ignore[call-overload]  # numpy integers
    return nfc(value)


def _key(value: object, labels: dict[str, str]) -> str:
    """A group key; the key of rows without a value in the report's language."""
    text = nfc(value)
    return labels["missing_key"] if text == MISSING_KEY else text


def _rows_of(
    table: pd.DataFrame, columns: list[str], max_rows: int | None, labels: dict[str, str]
) -> tuple[list[str], list[list[str]], int]:
    """(key headers, rows of cells, rows left out) for a text or HTML table."""
    names = [str(n) if n is not None else "" for n in table.index.names]
    keys_only = [*table.index] if table.index.nlevels > 1 else [(k,) for k in table.index]
    extra = ["name"] if "name" in table.columns else []
    values = {c: table[c].tolist() for c in [*extra, *columns]}
    rows = []
    for i, key in enumerate(keys_only):
        if max_rows is not None and i >= max_rows:
            break
        language = labels["language"]
        rows.append(
            [_key(k, labels) for k in key]
            + [_cell(values[c][i], language) for c in [*extra, *columns]]
        )
    left = len(keys_only) - len(rows)
    return [*names, *extra], rows, left


def text_table(
    table: pd.DataFrame,
    labels: dict[str, str],
    *,
    total: pd.DataFrame | None,
    max_rows: int | None,
) -> str:
    """The table as aligned plain text: keys left, numbers right, a last "total" line."""
    columns = _shown_columns(table, total)
    heads, rows, left = _rows_of(table, columns, max_rows, labels)
    # Names from the data with their control characters escaped (see terminal_text).
    rows = [[terminal_text(cell) for cell in row] for row in rows]
    nkeys = len(heads)
    header = [terminal_text(labels.get(h, h)) for h in heads] + [labels[c] for c in columns]
    last = []
    if total is not None:
        _, total_rows, _ = _rows_of(total, columns, None, labels)
        cells = total_rows[0][-len(columns) :] if columns else []
        last = [[labels["total"], *([""] * (nkeys - 1)), *cells]]
    widths = [max(len(r[i]) for r in [header, *rows, *last]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [
            cell.ljust(widths[i]) if i < nkeys else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    lines = [line(row) for row in [header, *rows]]
    if left:
        lines.append(labels["more"].format(n=number(left, labels["language"])))
    lines += [line(row) for row in last]
    return "\n".join(lines)


def html_table(
    table: pd.DataFrame,
    labels: dict[str, str],
    max_rows: int | None,
    *,
    total: pd.DataFrame | None = None,
    drop_index: bool = False,
) -> str:
    """The table as an HTML ``<table>``, every text escaped."""
    esc = html.escape
    columns = _shown_columns(table, total)
    heads, rows, left = _rows_of(table, columns, max_rows, labels)
    nkeys = len(heads)
    if drop_index:
        rows = [r[nkeys:] for r in rows]
        heads, nkeys = [], 0
    header = [labels.get(h, h) for h in heads] + [labels[c] for c in columns]
    out = ["<table>", "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        cells = "".join(
            f"<td>{esc(c)}</td>" if i < nkeys else f'<td class="n">{esc(c)}</td>'
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    if left:
        out.append(
            f'<tr><td colspan="{len(header)}">'
            f"{esc(labels['more'].format(n=number(left, labels['language'])))}</td></tr>"
        )
    if total is not None:
        _, total_rows, _ = _rows_of(total, columns, None, labels)
        cells = "".join(f'<td class="n">{esc(c)}</td>' for c in total_rows[0][-len(columns) :])
        out.append(
            f'<tr class="total"><td colspan="{nkeys}">{esc(labels["total"])}</td>{cells}</tr>'
        )
    out.append("</table>")
    return "\n".join(out)
