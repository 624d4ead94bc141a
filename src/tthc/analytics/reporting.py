"""The timeliness report (*báo cáo tiến độ giải quyết hồ sơ*): tables, bad rows, text, HTML.

[`report`][tthc.analytics.reporting.report] reads and classifies a table of dossiers once, then
builds the Decision 766/QĐ-TTg indicator 2.1 tables per month of receipt, per agency, per
procedure and as a whole ([`tthc.analytics.tables`][tthc.analytics.tables]), the online coverage
of a procedure catalogue, and the list of bad rows with their problems. The
[`Report`][tthc.analytics.reporting.Report] shows itself as text for a terminal, as one
self-contained HTML page, or as files (charts and ``report.html``).

This module needs numpy and pandas (the ``tthc[pandas]`` extra); charts need matplotlib (the
``tthc[charts]`` extra), and [`tthc.analytics.charts`][tthc.analytics.charts] is loaded only when
a chart is drawn.

Examples:
    >>> import datetime as dt, pandas as pd, tthc
    >>> from tthc.analytics.reporting import report
    >>> dossiers = pd.DataFrame({
    ...     "agency": ["A", "B"], "status": [10, 4],
    ...     "received_at": ["2023-03-01T09:00+07:00"] * 2,
    ...     "due_at": ["2023-03-06T09:00+07:00"] * 2,
    ...     "finished_at": ["2023-03-02T10:00+07:00", None],
    ... })
    >>> as_of = dt.datetime(2023, 4, 1, tzinfo=tthc.VN_TZ)
    >>> r = report(dossiers, as_of=as_of, procedure=None, language="en")
    >>> r.rows, str(r.timeliness.on_time_rate)
    (2, '1/2 (50.00 %)')

References:
    Decision 766/QĐ-TTg (23/06/2022), technical formula document, indicators 2.1 and 3.1
    (research notes ``vn_legal.md`` §2.3, §3.1 and §6.2, CONFIRMED (secondary)).

Why one module of this length: `report` and the `Report` it returns are one idea, read once and shown in three forms (text, HTML, files).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from tthc._files import terminal_text, write_atomic
from tthc._numbers import number, percent
from tthc.errors import InvalidValueError, LoadError, MissingExtraError

try:
    import numpy as np
    import pandas as pd
except ModuleNotFoundError as exc:  # the tthc[pandas] extra (numpy and pandas)
    raise MissingExtraError((exc.name or "pandas").split(".")[0], "pandas", __name__) from exc

from tthc.analytics import _render
from tthc.analytics._columns import take
from tthc.analytics._labels import MISSING_KEY, problem_text
from tthc.analytics._labels import labels as _labels
from tthc.analytics.coverage import catalogue_coverage
from tthc.analytics.steps import (
    format_time_table,
    section_labels,
    step_times,
    time_table_html,
    where_time_goes,
)
from tthc.analytics.tables import (
    _SLOT,
    Progress,
    _prepare,
    _Prepared,
    finalize_indicator_table,
    format_indicator_table,
)
from tthc.analytics.timeliness import invalid_dossier_rows
from tthc.deadlines import VN_TZ
from tthc.indicators.counts import OnlineCoverage, TimelinessCounts
from tthc.indicators.rates import Rate

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from matplotlib.figure import Figure

    from tthc.agencies import RollUp
    from tthc.calendar import OfficeHours
    from tthc.procedures import Procedure

__all__ = ["InvalidRow", "InvalidRows", "Report", "report"]

_SHOWN_INVALID: Final = 20


@attrs.frozen(kw_only=True)
class InvalidRow:
    """One bad row of a dossier table (*dòng không hợp lệ*) and what is wrong with it.

    Attributes:
        row: Its position in the table, counted from 0 (as ``DataFrame.iloc``; the data line
            of a file, header not counted).
        problems: What is wrong, one text per problem (``"status: not a dossier status
            code (1-10)"``).
    """

    row: int
    problems: tuple[str, ...]


@attrs.frozen(kw_only=True)
class InvalidRows:
    """The bad rows of a dossier table: how many, by problem, and the first ones.

    Attributes:
        count: Bad rows in all (each counted once, whatever its number of problems).
        by_problem: For each problem, its number of rows, most frequent first.
        first: The first bad rows, in table order, with their problems.
    """

    count: int = 0
    by_problem: tuple[tuple[str, int], ...] = ()
    first: tuple[InvalidRow, ...] = ()


def _end_instant(at: dt.datetime, labels: dict[str, str]) -> str:
    """The end of a period in Vietnam time; 00:00 is written as 24:00 of the day before."""
    local = at.astimezone(VN_TZ)
    if local.time() == dt.time():
        day = local.date() - dt.timedelta(days=1)
        return f"{day:%d/%m/%Y} 24:00 ({labels['end_of_day']})"
    return f"{local:%d/%m/%Y %H:%M}"


def _invalid_rows(prepared: _Prepared, columns: Mapping[str, str] | None) -> InvalidRows:
    bad = np.flatnonzero(prepared.slots == _SLOT["invalid"])
    if not bad.size:
        return InvalidRows()
    # Every check is about one row, so the bad rows alone give the same problems.
    found = invalid_dossier_rows(
        take(prepared.table, prepared.kind, bad),
        tz=prepared.tz,
        columns=columns,
        time_format=prepared.time_format,
    )
    first_rows = bad[:_SHOWN_INVALID]
    problems: dict[int, list[str]] = {int(r): [] for r in first_rows}
    for message, where in found.items():
        for r in bad[where[where < _SHOWN_INVALID]]:
            problems[int(r)].append(message)
    by_problem = sorted(((m, int(w.size)) for m, w in found.items()), key=lambda p: -p[1])
    return InvalidRows(
        count=int(bad.size),
        by_problem=tuple(by_problem),
        first=tuple(InvalidRow(row=r, problems=tuple(p)) for r, p in problems.items()),
    )


def _json_value(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return int(value)  # type: ignore[call-overload]  # numpy integers


def _records(table: pd.DataFrame) -> list[dict[str, object]]:
    names = [str(n) for n in table.index.names]
    keys = [*table.index] if table.index.nlevels > 1 else [(k,) for k in table.index]
    columns = {c: table[c].tolist() for c in table.columns}
    return [
        {
            **{n: str(k) for n, k in zip(names, key, strict=True)},
            **{c: _json_value(v[i]) for c, v in columns.items()},
        }
        for i, key in enumerate(keys)
    ]


_CHART_FILES: Final = (
    "on_time_by_month",
    "timeliness_by_agency",
    "timeliness_by_month",
    "coverage",
    "where_time_goes",
)


@attrs.frozen(kw_only=True, eq=False)
class Report:
    """A timeliness report (*báo cáo tiến độ giải quyết hồ sơ*): indicator tables and more.

    Built by [`report`][tthc.analytics.reporting.report]. The tables are indicator tables
    ([`finalize_indicator_table`][tthc.analytics.tables.finalize_indicator_table]); the per-procedure
    table has a ``name`` column when a catalogue was given.

    Attributes:
        source: Where the dossiers came from (a path, or ``"<table>"``).
        as_of: The reporting instant.
        rows: Rows in the table, all counted somewhere (received, unclassified or invalid).
        overall: The one-row table of the whole table.
        by_agency: Per agency (``None`` when not asked for).
        by_procedure: Per procedure (``None`` when not asked for).
        by_month: Per month of receipt, in Vietnam time.
        by_province: Per province of today (the 34 after 1/7/2025), when units were given.
        by_commune: Per commune of today, when asked for with units.
        coverage: Online coverage of the catalogue, when one was given.
        invalid: The bad rows.
        language: ``"vi"`` or ``"en"``, for the text, the charts and the HTML.
        title: The report's title.
        where_time_goes: Per unit and step of the step table, when one was given: the share
            of late steps and the time used against the budget
            ([`where_time_goes`][tthc.analytics.steps.where_time_goes]).
    """

    source: str
    as_of: dt.datetime | None
    rows: int
    overall: pd.DataFrame = attrs.field(repr=False)
    by_agency: pd.DataFrame | None = attrs.field(repr=False)
    by_procedure: pd.DataFrame | None = attrs.field(repr=False)
    by_month: pd.DataFrame = attrs.field(repr=False)
    by_province: pd.DataFrame | None = attrs.field(default=None, repr=False)
    by_commune: pd.DataFrame | None = attrs.field(default=None, repr=False)
    coverage: OnlineCoverage | None
    invalid: InvalidRows
    language: str = "vi"
    title: str | None = None
    where_time_goes: pd.DataFrame | None = attrs.field(default=None, repr=False)

    @property
    def timeliness(self) -> TimelinessCounts:
        """The counts of the whole table, as [`TimelinessCounts`][tthc.indicators.TimelinessCounts]."""
        row = self.overall.iloc[0]
        return TimelinessCounts(
            early=int(row["early"]),
            on_time=int(row["on_time"]),
            late=int(row["late"]),
            within_time=int(row["within_time"]),
            overdue=int(row["overdue"]),
        )

    def _heading(self) -> list[tuple[str, str]]:
        labels = _labels(self.language)
        # The end of a period at 00:00 is the end of the day before: "31/12/2023 24:00".
        as_of = "—" if self.as_of is None else _end_instant(self.as_of, labels)
        return [
            (labels["source"], self.source),
            (labels["as_of"], as_of),
            (labels["rows"], number(self.rows, self.language)),
        ]

    def to_text(self, *, max_rows: int | None = None, tables: Iterable[str] | None = None) -> str:
        """The report as plain text for a terminal: heading, tables, coverage and bad rows.

        Args:
            max_rows: Show at most this many groups per table.
            tables: Which tables to show, among ``"month"``, ``"agency"``, ``"procedure"``,
                ``"province"`` and ``"commune"`` (default: all that were built).

        Raises:
            InvalidValueError: An unknown table name.
        """
        labels = _labels(self.language)
        names = {"month", "agency", "procedure", "province", "commune"}
        wanted = names if tables is None else set(tables)
        if not wanted <= names:
            raise InvalidValueError(
                "Report.to_text(tables)",
                tables,
                "names among 'month', 'agency', 'procedure', 'province', 'commune'",
            )
        # Text from the data (the title, the source, column names in problems, names in the
        # tables) is printed with its control characters escaped: no escape sequence reaches
        # the terminal, and no new line in a name fakes a row.
        lines = [terminal_text(self.title or labels["title"])]
        lines += [terminal_text(f"{k}: {v}") for k, v in self._heading()]
        lines.append(labels["rule"])
        for key, caption, table in self._tables():
            if key not in wanted:
                continue
            lines += [
                "",
                f"{caption}:",
                format_indicator_table(
                    table, language=self.language, total=self.overall, max_rows=max_rows
                ),
            ]
        if self.coverage is not None:
            lines += ["", f"{labels['coverage']}:", *map(terminal_text, self._coverage_lines())]
        if self.where_time_goes is not None:
            words = section_labels(self.language)
            lines += [
                "",
                f"{words['title']}:",
                format_time_table(self.where_time_goes, language=self.language, max_rows=max_rows),
                words["note"],
            ]
        lines += ["", *map(terminal_text, self._invalid_lines())]
        return "\n".join(lines)

    def _tables(self) -> list[tuple[str, str, pd.DataFrame]]:
        """(key, caption, table) of the tables that were built, month first."""
        labels = _labels(self.language)
        tables = [
            ("month", labels["by_month"], self.by_month),
            ("agency", labels["by_agency"], self.by_agency),
            ("procedure", labels["by_procedure"], self.by_procedure),
            ("province", labels["by_province"], self.by_province),
            ("commune", labels["by_commune"], self.by_commune),
        ]
        return [(k, c, t) for k, c, t in tables if t is not None]

    def _coverage_cells(self) -> list[tuple[str, str, str]]:
        labels = _labels(self.language)
        c = self.coverage
        if c is None:
            return []
        none = c.procedures - c.full - c.partial

        lang = self.language

        def pct(num: int, den: int) -> str:
            rate = Rate.or_none(num, den)
            return percent(None if rate is None else rate.percent(), lang)

        def n(value: int) -> str:
            return number(value, lang)

        return [
            (labels["procedures"], n(c.procedures), ""),
            (labels["full"], n(c.full), pct(c.full, c.procedures)),
            (labels["partial"], n(c.partial), pct(c.partial, c.procedures)),
            (labels["online"], n(c.full + c.partial), pct(c.full + c.partial, c.procedures)),
            (labels["none"], n(none), pct(none, c.procedures)),
            (labels["eligible"], n(c.eligible), ""),
            (
                labels["full_of_eligible"],
                f"{n(c.full_eligible)}/{n(c.eligible)}",
                pct(c.full_eligible, c.eligible),
            ),
        ]

    def _coverage_lines(self) -> list[str]:
        cells = self._coverage_cells()
        w0 = max(len(a) for a, _, _ in cells)
        w1 = max(len(b) for _, b, _ in cells)
        return [f"  {a.ljust(w0)}  {b.rjust(w1)}  {c}".rstrip() for a, b, c in cells]

    def _invalid_lines(self) -> list[str]:
        labels = _labels(self.language)
        inv = self.invalid
        if not inv.count:
            return [labels["no_invalid"]]
        lang = self.language
        lines = [f"{labels['invalid_rows']}: {number(inv.count, lang)}"]
        lines += [f"  {number(n, lang)} × {problem_text(m, lang)}" for m, n in inv.by_problem]
        lines.append("  " + labels["first_rows"].format(n=len(inv.first)))
        lines += [
            f"  {labels['row']} {r.row}: {'; '.join(problem_text(p, lang) for p in r.problems)}"
            for r in inv.first
        ]
        return lines

    def figures(self) -> dict[str, Figure]:
        """Draw the charts, by name (matplotlib ``Figure`` objects).

        ``on_time_by_month`` and ``timeliness_by_month`` always; ``timeliness_by_agency`` with a
        table per agency; ``coverage`` with a catalogue.

        Raises:
            MissingExtraError: matplotlib is not installed (the ``tthc[charts]`` extra).
        """
        from tthc.analytics import charts  # noqa: PLC0415 - matplotlib, loaded for charts only

        language = self.language
        figs = {"on_time_by_month": charts.plot_on_time_by_month(self.by_month, language=language)}
        if self.by_agency is not None:
            figs["timeliness_by_agency"] = charts.plot_timeliness_shares(
                self.by_agency, language=language
            )
        months = self.by_month[[k != MISSING_KEY for k in self.by_month.index]]
        figs["timeliness_by_month"] = charts.plot_timeliness_shares(
            months, language=language, horizontal=False
        )
        if self.coverage is not None:
            figs["coverage"] = charts.plot_coverage(self.coverage, language=language)
        if self.where_time_goes is not None:
            figs["where_time_goes"] = charts.plot_where_time_goes(
                self.where_time_goes, language=language
            )
        return figs

    def _images(self, image_format: str) -> dict[str, bytes]:
        """Every chart drawn and rendered as ``image_format`` bytes, by name."""
        from tthc.analytics.charts import _figure_bytes  # noqa: PLC0415 - matplotlib

        return {name: _figure_bytes(fig, image_format) for name, fig in self.figures().items()}

    def to_html(
        self,
        *,
        charts: bool = True,
        image_format: str = "svg",
        images: Mapping[str, bytes] | None = None,
        max_rows: int | None = None,
    ) -> str:
        """The report as one self-contained HTML page (no script, no external file).

        Charts are embedded as ``data:`` images (SVG by default, or PNG); every text from the
        data is escaped.

        Args:
            charts: Whether to draw and embed the charts (needs matplotlib).
            image_format: ``"svg"`` or ``"png"``.
            images: Charts already rendered in ``image_format``, by name (see
                [`figures`][tthc.analytics.reporting.Report.figures]), instead of drawing them again.
            max_rows: Show at most this many groups per table.

        Raises:
            InvalidValueError: A bad ``image_format``.
            MissingExtraError: Charts to draw, and matplotlib is not installed.
        """
        if image_format not in {"svg", "png"}:
            raise InvalidValueError("Report.to_html(image_format)", image_format, "'svg' or 'png'")
        labels = _labels(self.language)
        esc = html.escape
        title = esc(self.title or labels["title"])
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{esc(self.language)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{_render.CSS}</style></head>",
            "<body>",
            f"<h1>{title}</h1>",
            "<dl>",
            *(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in self._heading()),
            "</dl>",
            f"<p>{esc(labels['rule'])}</p>",
            f"<h2>{esc(labels['overall'])}</h2>",
            _render.html_table(self.overall, labels, None, drop_index=True),
        ]
        if charts:
            if images is None:
                images = self._images(image_format)
            mime = "image/svg+xml" if image_format == "svg" else "image/png"
            parts.append(f"<h2>{esc(labels['charts'])}</h2>")
            captions = {
                "on_time_by_month": labels["chart_month"],
                "timeliness_by_agency": f"{labels['chart_shares']} ({labels['by_agency']})",
                "timeliness_by_month": f"{labels['chart_shares']} ({labels['by_month']})",
                "coverage": labels["coverage"],
                "where_time_goes": section_labels(self.language)["title"],
            }
            for name in _CHART_FILES:
                if name in images:
                    data = base64.b64encode(images[name]).decode("ascii")
                    parts.append(
                        f'<figure><img alt="{esc(captions[name])}" '
                        f'src="data:{mime};base64,{data}"></figure>'
                    )
        for _, caption, table in self._tables():
            parts += [
                f"<h2>{esc(caption)}</h2>",
                _render.html_table(table, labels, max_rows, total=self.overall),
            ]
        if self.coverage is not None:
            parts += [f"<h2>{esc(labels['coverage'])}</h2>", "<table>"]
            parts += [
                f'<tr><th>{esc(a)}</th><td class="n">{esc(b)}</td><td class="n">{esc(c)}</td></tr>'
                for a, b, c in self._coverage_cells()
            ]
            parts.append("</table>")
        if self.where_time_goes is not None:
            words = section_labels(self.language)
            parts += [
                f"<h2>{esc(words['title'])}</h2>",
                time_table_html(self.where_time_goes, language=self.language, max_rows=max_rows),
                f"<p>{esc(words['note'])}</p>",
            ]
        parts.append(f"<h2>{esc(labels['invalid_rows'])}</h2>")
        inv = self.invalid
        if not inv.count:
            parts.append(f"<p>{esc(labels['no_invalid'])}</p>")
        else:
            lang = self.language
            parts.append(f"<p>{esc(labels['invalid_rows'])}: {number(inv.count, lang)}</p><ul>")
            parts += [
                f"<li>{number(n, lang)} × {esc(problem_text(m, lang))}</li>"
                for m, n in inv.by_problem
            ]
            parts.append(
                f"</ul><table><tr><th>{esc(labels['row'])}</th>"
                f"<th>{esc(labels['problems'])}</th></tr>"
            )
            parts += [
                f'<tr><td class="n">{r.row}</td>'
                f"<td>{esc('; '.join(problem_text(p, lang) for p in r.problems))}</td></tr>"
                for r in inv.first
            ]
            parts.append("</table>")
        parts += [
            f"<footer>{esc(labels['generated'])}</footer>",
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"

    def save(
        self,
        directory: str | os.PathLike[str],
        *,
        formats: Sequence[str] = ("png", "svg"),
        html: bool = True,
        progress: Progress | None = None,
    ) -> list[Path]:
        """Write the charts (one file per chart and format) and ``report.html`` to a directory.

        Args:
            directory: Where to write; created if needed. Existing files of the same names are
                replaced, each atomically (a temporary file, then a rename), after every chart
                is drawn: a failure leaves no half-written file.
            formats: Chart formats among ``"png"`` and ``"svg"`` (may be empty).
            html: Whether to write ``report.html`` (charts embedded as SVG, else PNG).
            progress: Called with a line of text before each chart and the page.

        Returns:
            The paths written.

        Raises:
            InvalidValueError: A bad format.
            MissingExtraError: matplotlib is not installed (the ``tthc[charts]`` extra).
        """
        from tthc.analytics.charts import _figure_bytes  # noqa: PLC0415 - matplotlib

        labels = _labels(self.language)
        fmts = tuple(formats)
        if not set(fmts) <= {"png", "svg"}:
            raise InvalidValueError("Report.save(formats)", formats, "'png' and/or 'svg'")
        folder = Path(directory)
        # Everything is drawn before anything is written, and each file replaces the previous
        # one atomically: a failure leaves the folder as it was, never half a report.
        files: dict[Path, bytes] = {}
        embed = "svg" if "svg" in fmts or not fmts else "png"
        embedded: dict[str, bytes] = {}
        if progress is not None:
            progress(labels["progress_charts"])
        for name, fig in self.figures().items():
            if progress is not None:
                progress(labels["progress_drawing"].format(name=name))
            # SVG first, always: a layout computed for PNG first would move the SVG slightly,
            # and the same call must give the same bytes.
            for fmt in sorted({*fmts, *([embed] if html else [])}, reverse=True):
                data = _figure_bytes(fig, fmt)
                if fmt == embed:
                    embedded[name] = data
                if fmt in fmts:
                    files[folder / f"{name}.{fmt}"] = data
        if html:
            if progress is not None:
                progress(labels["progress_writing"].format(name="report.html"))
            page = self.to_html(image_format=embed, images=embedded)
            files[folder / "report.html"] = page.encode("utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        for path, data in files.items():
            write_atomic(path, data)
        return list(files)

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-able data: counts as numbers, percentages as texts, N/A as null."""
        c = self.coverage
        return {
            "source": self.source,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "rows": self.rows,
            "overall": _records(self.overall)[0],
            "by_month": _records(self.by_month),
            "by_agency": None if self.by_agency is None else _records(self.by_agency),
            "by_procedure": None if self.by_procedure is None else _records(self.by_procedure),
            "by_province": None if self.by_province is None else _records(self.by_province),
            "by_commune": None if self.by_commune is None else _records(self.by_commune),
            "coverage": None
            if c is None
            else {
                "procedures": c.procedures,
                "full": c.full,
                "partial": c.partial,
                "eligible": c.eligible,
                "full_eligible": c.full_eligible,
                "online_percent": None if c.online is None else str(c.online.percent()),
                "full_of_eligible_percent": None
                if c.full_of_eligible is None
                else str(c.full_of_eligible.percent()),
            },
            "where_time_goes": None
            if self.where_time_goes is None
            else _records(self.where_time_goes.reset_index()),
            "invalid": {
                "count": self.invalid.count,
                "by_problem": dict(self.invalid.by_problem),
                "first": [
                    {"row": r.row, "problems": list(r.problems)} for r in self.invalid.first
                ],
            },
        }


def _unit_levels(units: object, levels: Sequence[str]) -> tuple[str, ...]:
    if units is None:
        return ()
    chosen = (levels,) if isinstance(levels, str) else tuple(levels)
    if not chosen or any(level not in {"province", "commune"} for level in chosen):
        raise InvalidValueError(
            "report(unit_levels)", levels, "'province' and/or 'commune' (at least one)"
        )
    return tuple(dict.fromkeys(chosen))


def _step_table(steps: Any) -> pd.DataFrame:
    """A step table as a pandas frame: a frame, a mapping of columns, or a .csv/.parquet path.

    Raises:
        LoadError: The file cannot be read.
    """
    if isinstance(steps, pd.DataFrame):
        return steps
    if isinstance(steps, (str, os.PathLike)):
        name = os.fspath(steps)
        try:
            if name.lower().endswith(".parquet"):
                return pd.read_parquet(name)
            # Text everywhere: instants and budgets are parsed by step_times.
            return pd.read_csv(name, dtype=str, keep_default_na=False, na_values=[""])
        except (OSError, ValueError) as exc:
            raise LoadError(name, [f"$: cannot read the file: {exc}"]) from exc
    return pd.DataFrame(dict(steps))


def report(
    table: Any,
    *,
    as_of: dt.datetime | None = None,
    catalogue: Iterable[Procedure] | None = None,
    agency: str | None = "agency",
    procedure: str | None = "procedure_code",
    channel: str | None = "channel",
    granularity: str = "date",
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    time_format: str | None = None,
    levels: str = "declared",
    language: str = "vi",
    title: str | None = None,
    output_dir: str | os.PathLike[str] | None = None,
    formats: Sequence[str] = ("png", "svg"),
    html: bool = True,
    progress: Progress | None = None,
    units: RollUp | None = None,
    unit_levels: Sequence[str] = ("province",),
    steps: Any = None,
    office_hours: Mapping[str, OfficeHours] | None = None,
) -> Report:
    """Build the timeliness report of a dossier table: tables, and files when asked.

    The table is read and classified once, then counted per month of receipt, per agency, per
    procedure and as a whole. With ``output_dir`` the charts and ``report.html`` are written
    there too (see [`Report.save`][tthc.analytics.reporting.Report.save]).

    Args:
        table: The dossiers: as for
            [`timeliness_count_frame`][tthc.analytics.tables.timeliness_count_frame] (a data frame, a
            pyarrow table, or a ``.csv``/``.parquet`` path).
        as_of: The reporting instant (aware): the end of the period. Needed when some dossier
            is not finished.
        catalogue: The procedure catalogue (a list of
            [`Procedure`][tthc.procedures.Procedure]): online coverage by level, and procedure
            names in the per-procedure table.
        agency: The agency column (``None``: no table per agency).
        procedure: The procedure code column (``None``: no table per procedure).
        channel: The channel column (its counts are added when the table has it).
        granularity: ``"date"`` (default) or ``"instant"``.
        tz: What naive instants mean: ``"UTC"`` or ``"Asia/Ho_Chi_Minh"``.
        columns: Role to column name, as for
            [`classify_timeliness`][tthc.analytics.timeliness.classify_timeliness].
        time_format: The ``strftime`` pattern of instants written as text, as for
            ``classify_timeliness`` (by default ISO 8601, ``dd/mm/yyyy HH:MM`` day first, or
            ``yyyyMMddHHmmss``).
        levels: ``"declared"`` or ``"derived"`` online levels for the coverage.
        language: ``"vi"`` (default) or ``"en"`` for the text, charts and HTML.
        title: The report's title.
        output_dir: Where to write the charts and the HTML page (nothing is written without it).
        formats: Chart formats to write: ``"png"`` and/or ``"svg"``.
        html: Whether to write ``report.html`` in ``output_dir``.
        progress: Called with one line of text before each long step (reading, classifying,
            counting, drawing, writing).
        units: How to report by the units of today (a [`RollUp`][tthc.agencies.RollUp]): adds
            a table per province (and per commune, with ``unit_levels``) of today.
        unit_levels: The tables by unit of today to build with ``units``: ``"province"``
            and/or ``"commune"`` (a commune table needs commune or agency codes).
        steps: A step table (one row per pass of a dossier through a step, as
            [`step_times`][tthc.analytics.steps.step_times] reads it; a pandas frame, a mapping
            of columns, or a ``.csv``/``.parquet`` path): adds the section "where the time
            goes", per unit and step, as of ``as_of``. A ``dask.dataframe`` DataFrame is
            summed up on its partitions by
            [`tthc.analytics.steps_dask.where_time_goes`][tthc.analytics.steps_dask.where_time_goes]
            (the same table).
        office_hours: Office hours of agencies that keep their own, for the step table.

    Returns:
        The report: its tables, coverage and bad rows, with ``to_text()``, ``to_html()`` and
        ``save()``.

    Raises:
        LoadError: A required or key column is missing, or the file cannot be read.
        InvalidValueError: A bad argument, naive instants without ``tz``, ``as_of`` missing
            while some row is unfinished, or charts asked for without matplotlib.

    Examples:
        >>> import datetime as dt, pandas as pd, tthc
        >>> dossiers = pd.DataFrame({
        ...     "agency": ["A", "A", "B", "B"], "procedure_code": ["1.000001"] * 4,
        ...     "status": [10, 9, 4, 10],
        ...     "received_at": ["2023-03-01T09:00+07:00"] * 4,
        ...     "due_at": ["2023-03-06T09:00+07:00"] * 4,
        ...     "finished_at": ["2023-03-02T10:00+07:00", "2023-03-06T16:00+07:00", None,
        ...                     "2023-03-09T08:00+07:00"],
        ... })
        >>> r = report(dossiers, as_of=dt.datetime(2023, 4, 1, tzinfo=tthc.VN_TZ), language="en")
        >>> r.rows, r.invalid.count, str(r.timeliness.on_time_rate)
        (4, 0, '2/4 (50.00 %)')
        >>> print(r.to_text(tables=["agency"]))
        Dossier timeliness report
        Source: <table>
        As of: 31/03/2023 24:00 (end of day)
        Rows: 4
        Indicator 2.1 = (early + on time + within time) / received; N/A when the denominator is 0; 2 decimals, rounded half-up.
        <BLANKLINE>
        By agency:
        Agency  Received  Finished  Early  On time  Late  Within time  Overdue  Rate 2.1 (%)  Finished on time (%)
        A              2         2      1        1     0            0        0        100.00                100.00
        B              2         1      0        0     1            0        1          0.00                  0.00
        Total          4         3      1        1     1            0        1         50.00                 66.67
        <BLANKLINE>
        No invalid rows.
    """
    _labels(language)
    levels_today = _unit_levels(units, unit_levels)
    keys = ["month", *(k for k in (agency, procedure) if k is not None), *levels_today]
    prepared = _prepare(
        table,
        keys=keys,
        as_of=as_of,
        granularity=granularity,
        tz=tz,
        columns=columns,
        channel=channel,
        progress=progress,
        time_format=time_format,
        language=language,
        units=units,
    )
    procedures = None if catalogue is None else list(catalogue)

    def table_by(key: str | None, name: str) -> pd.DataFrame:
        if progress is not None:
            words = _labels(language)
            progress(
                words["progress_counting_all"]
                if key is None
                else words["progress_counting_by"].format(key=words[name].lower())
            )
        table = finalize_indicator_table(prepared.count_frame(() if key is None else (key,)))
        if key is not None:  # the report's names, whatever the columns are called
            table.index.name = name
        return table

    overall = table_by(None, "")
    by_month = table_by("month", "month")
    by_agency = None if agency is None else table_by(agency, "agency")
    by_procedure = None if procedure is None else table_by(procedure, "procedure")
    by_province = table_by("province", "province") if "province" in levels_today else None
    by_commune = table_by("commune", "commune") if "commune" in levels_today else None
    if by_procedure is not None and procedures is not None:
        names = {p.code: p.name for p in procedures}
        by_procedure.insert(0, "name", [names.get(str(k), "") for k in by_procedure.index])
    if progress is not None and int(overall["invalid"].iloc[0]):
        progress(_labels(language)["progress_invalid"])
    invalid = _invalid_rows(prepared, columns)
    time_table = None
    if steps is not None:
        if progress is not None:
            progress(_labels(language)["progress_steps"])
        if type(steps).__module__.startswith("dask."):  # a Dask frame: computed where it lies
            from tthc.analytics import steps_dask  # noqa: PLC0415 - the dask extra, when used

            time_table = steps_dask.where_time_goes(
                steps, as_of=as_of, tz=tz, office_hours=office_hours
            )
        else:
            step_table = _step_table(steps)
            times = step_times(step_table, as_of=as_of, tz=tz, office_hours=office_hours)
            time_table = where_time_goes(step_table, times)
    result = Report(
        source=prepared.source,
        as_of=as_of,
        rows=prepared.n,
        overall=overall,
        by_agency=by_agency,
        by_procedure=by_procedure,
        by_month=by_month,
        by_province=by_province,
        by_commune=by_commune,
        coverage=None if procedures is None else catalogue_coverage(procedures, levels=levels),
        invalid=invalid,
        language=language,
        title=title,
        where_time_goes=time_table,
    )
    if output_dir is not None:
        result.save(output_dir, formats=formats, html=html, progress=progress)
    return result
