"""Optional extras are a module boundary: each module that needs one says so when it is missing.

Each check runs in a fresh interpreter where the package is blocked (``sys.modules[name] = None``
makes ``import name`` fail as if it were not installed), so the test environment, which has every
extra, can stand for one that lacks it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest


def _run(code: str, *, blocked: tuple[str, ...] = ()) -> object:
    """Run ``code`` with ``blocked`` packages missing; it prints one JSON document."""
    prelude = "import sys\n" + "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


_MISSING = """
    import importlib, json
    from tthc.errors import MissingExtraError
    try:
        importlib.import_module({module!r})
    except MissingExtraError as exc:
        print(json.dumps([exc.package, exc.extra, exc.feature, str(exc)]))
    else:
        print(json.dumps(None))
"""


class TestMissingExtra:
    """Importing a module without its extra raises MissingExtraError naming package and extra."""

    @pytest.mark.parametrize(
        ("module", "blocked", "package", "extra"),
        [
            ("tthc.deadlines.batch", "numpy", "numpy", "numpy"),
            ("tthc.calendar._batch", "numpy", "numpy", "numpy"),
            ("tthc.analytics.timeliness", "numpy", "numpy", "numpy"),
            ("tthc.analytics.tables", "pandas", "pandas", "pandas"),
            ("tthc.analytics.tables", "numpy", "numpy", "pandas"),
            ("tthc.analytics.reporting", "pandas", "pandas", "pandas"),
            ("tthc.analytics.synthetic", "pandas", "pandas", "pandas"),
            ("tthc.analytics.charts", "matplotlib", "matplotlib", "charts"),
            ("tthc.analytics.dask", "dask", "dask", "dask"),
        ],
    )
    def test_module_names_its_extra(
        self, module: str, blocked: str, package: str, extra: str
    ) -> None:
        got = _run(_MISSING.format(module=module), blocked=(blocked,))
        assert got == [
            package,
            extra,
            module,
            f"{module} needs {package}, which is not installed: pip install 'tthc[{extra}]'",
        ]

    def test_lazy_name_raises_it_too(self) -> None:
        """tthc.compute_deadlines without numpy: the lazy name raises the module's error."""
        got = _run(
            """
            import json, tthc
            from tthc.errors import MissingExtraError
            try:
                tthc.compute_deadlines
            except MissingExtraError as exc:
                print(json.dumps([exc.package, exc.extra]))
            """,
            blocked=("numpy",),
        )
        assert got == ["numpy", "numpy"]


class TestWithoutNumpy:
    """The scalar library works without numpy; only the batch paths need it."""

    def test_deadlines_room_loads_without_numpy(self) -> None:
        """import tthc.deadlines (and a deadline) does not import numpy: the batch is lazy."""
        got = _run(
            """
            import datetime as dt, json, sys
            import tthc.deadlines
            from tthc.deadlines import compute_deadline
            from tthc.durations import Duration
            received = dt.datetime(2026, 1, 9, 16, 30, tzinfo=tthc.deadlines.VN_TZ)
            due = compute_deadline(received, Duration.working_days(5)).due_at
            print(json.dumps([due.isoformat(), "compute_deadlines" in dir(tthc.deadlines)]))
            """,
            blocked=("numpy",),
        )
        # Saturday 10/1/2026 was a working day (Công văn 12729/VPCP-KGVX), Sunday 11/1 was not.
        assert got == ["2026-01-15T16:30:00+07:00", True]

    def test_calendar_batch_falls_back_to_python(self) -> None:
        """add_working_days_many without numpy: a list of dates from the scalar path."""
        got = _run(
            """
            import datetime as dt, json
            import tthc
            cal = tthc.vietnam_calendar()
            out = cal.add_working_days_many([dt.date(2025, 12, 31), dt.date(2026, 1, 9)], 1)
            print(json.dumps([d.isoformat() for d in out]))
            """,
            blocked=("numpy",),
        )
        # 1 and 2 January 2026 were days off, then a weekend; Saturday 10 January was worked.
        assert got == ["2026-01-05", "2026-01-10"]


class TestCoverageNeedsNoExtra:
    """The coverage of a catalogue is counted without numpy or pandas."""

    def test_catalogue_coverage_without_numpy(self) -> None:
        got = _run(
            """
            import json
            from tthc.analytics import catalogue_coverage
            from tthc.procedures import Procedure, ProcedureCase
            p = Procedure(code="1.000000", name="Thủ tục (ví dụ)", cases=[ProcedureCase()])
            print(json.dumps(catalogue_coverage([p, p]).procedures))
            """,
            blocked=("numpy", "pandas"),
        )
        assert got == 2


class TestWithoutPandas:
    """The columnar timeliness needs numpy alone for datetime columns; text needs pandas."""

    _TABLE = """
        import datetime as dt, json
        import numpy as np
        from tthc.analytics.timeliness import classify_timeliness
        from tthc.errors import MissingExtraError
        stamps = lambda *v: np.array(v, dtype="datetime64[us]")
        table = {{
            "status": np.array([10, 9]),
            "received_at": {received},
            "due_at": stamps("2026-03-05T02:00", "2026-03-05T02:00"),
            "finished_at": stamps("2026-03-04T08:00", "2026-03-06T08:00"),
        }}
        try:
            classes = classify_timeliness(table, tz="UTC")
        except MissingExtraError as exc:
            print(json.dumps([exc.package, exc.extra]))
        else:
            print(json.dumps(list(classes)))
    """

    def test_datetime_columns_need_numpy_only(self) -> None:
        code = self._TABLE.format(received='stamps("2026-03-02T02:00", "2026-03-02T02:00")')
        assert _run(code, blocked=("pandas",)) == ["early", "late"]

    def test_text_columns_name_the_pandas_extra(self) -> None:
        code = self._TABLE.format(
            received='np.array(["2026-03-02T09:00+07:00"] * 2, dtype=object)'
        )
        assert _run(code, blocked=("pandas",)) == ["pandas", "pandas"]


class TestChartsAreLoadedToDraw:
    """Reports load matplotlib only when a chart is drawn."""

    def test_report_without_matplotlib(self) -> None:
        """The tables and an HTML page without charts need no matplotlib; figures() names it."""
        got = _run(
            """
            import datetime as dt, json, sys
            import pandas as pd
            import tthc.analytics.reports
            from tthc.analytics import report
            from tthc.errors import MissingExtraError
            dossiers = pd.DataFrame({
                "agency": ["A"], "status": [10],
                "received_at": ["2023-03-01T09:00+07:00"], "due_at": ["2023-03-06T09:00+07:00"],
                "finished_at": ["2023-03-02T10:00+07:00"],
            })
            r = report(dossiers, as_of=dt.datetime(2023, 4, 1, tzinfo=dt.UTC), procedure=None)
            page = r.to_html(charts=False)
            try:
                r.figures()
            except MissingExtraError as exc:
                error = [exc.package, exc.extra]
            print(json.dumps([page.startswith("<!DOCTYPE html>"), error]))
            """,
            blocked=("matplotlib",),
        )
        assert got == [True, ["matplotlib", "charts"]]

    def test_tables_do_not_import_matplotlib(self) -> None:
        got = _run(
            """
            import json, sys
            import tthc.analytics.reports, tthc.analytics.reporting, tthc.analytics.tables
            print(json.dumps(sorted(m for m in sys.modules if m.startswith("matplotlib"))))
            """
        )
        assert got == []
