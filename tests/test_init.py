"""The top-level package: lazy public names (PEP 562), what `import tthc` loads, old module paths."""

from __future__ import annotations

import ast
import importlib
import json
import pathlib
import subprocess
import sys
import textwrap
import warnings

import pytest

import tthc

INIT = pathlib.Path(tthc.__file__)

# The optional extras of pyproject.toml: none of them may load with `import tthc` or a deadline.
EXTRAS = ("numpy", "pandas", "polars", "pyarrow", "matplotlib", "dask", "distributed", "rdflib")

DEPRECATED = {
    "tthc.frames": "tthc.analytics.frames",
    "tthc.reports": "tthc.analytics.reports",
    "tthc.dask": "tthc.analytics.dask",
    "tthc.synthetic": "tthc.analytics.synthetic",
    "tthc.service_levels": "tthc.procedures.service_levels",
    "tthc.index766": "tthc.indicators.decision766",
}


def _type_checking_imports(path: pathlib.Path) -> dict[str, str]:
    """Name -> module of the imports under ``if TYPE_CHECKING:`` in a package's __init__."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                assert imp.module is not None
                for alias in imp.names:
                    found[alias.asname or alias.name] = imp.module
    return found


def _run(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON document."""
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


class TestLazyNames:
    """Every public name is listed once, in `__all__`, in the lazy table and for type checkers."""

    def test_table_matches_all(self):
        assert set(tthc._NAMES) == set(tthc.__all__) - {"__version__"}

    @pytest.mark.parametrize(
        "init",
        [INIT, INIT.parent / "analytics" / "__init__.py"],
        ids=["tthc", "tthc.analytics"],
    )
    def test_table_matches_type_checking_imports(self, init):
        package = importlib.import_module("tthc" if init == INIT else "tthc." + init.parent.name)
        assert _type_checking_imports(init) == package._NAMES

    @pytest.mark.parametrize("name", sorted(set(tthc.__all__) - {"__version__"}))
    def test_name_resolves_to_its_module_object(self, name):
        value = getattr(tthc, name)
        module = importlib.import_module(tthc._NAMES[name])
        assert value is getattr(module, name)

    def test_dir_lists_every_public_name(self):
        assert set(tthc.__all__) <= set(dir(tthc))

    def test_unknown_name_is_an_attribute_error(self):
        with pytest.raises(AttributeError, match="no_such_name"):
            _ = tthc.no_such_name  # type: ignore[attr-defined]

    def test_star_import_gives_every_name(self):
        namespace: dict[str, object] = {}
        exec("from tthc import *", namespace)  # noqa: S102 - the statement under test
        assert set(tthc.__all__) <= set(namespace)


class TestWhatImportLoads:
    """`import tthc` is cheap: submodules load when first used, and no optional extra ever does."""

    def test_import_loads_no_room(self):
        got = _run(
            """
            import json, sys
            import tthc
            print(json.dumps(sorted(m for m in sys.modules if m.startswith("tthc"))))
            """
        )
        assert got == ["tthc", "tthc._lazy"]

    def test_one_deadline_loads_only_what_it_needs(self):
        got = _run(
            """
            import datetime as dt, json, sys
            import tthc
            received = dt.datetime(2026, 1, 9, 16, 30, tzinfo=tthc.VN_TZ)
            due = tthc.compute_deadline(received, tthc.Duration.parse("5 ngày làm việc")).due_at
            index = tthc.vietnam_calendar()._state.index
            print(json.dumps({
                "due": due.isoformat(),
                "rooms": sorted({m.split(".")[1] for m in sys.modules if m.startswith("tthc.")}),
                "extras": sorted(m for m in sys.modules if m.split(".")[0] in EXTRAS),
                "modules": sorted(sys.modules),
                "built": [str(dt.date.fromordinal(o)) for o in (index.first, index.last)],
            }))
            """.replace("EXTRAS", repr(EXTRAS))
        )
        # Saturday 10/1/2026 was a working day (Công văn 12729/VPCP-KGVX), Sunday 11/1 was not.
        assert got["due"] == "2026-01-15T16:30:00+07:00"
        assert got["extras"] == []
        modules = set(got["modules"])  # type: ignore[arg-type]
        # Nothing astronomical for an official year, and no module for reading package data.
        assert "tthc.calendar._lunar" not in modules
        assert "importlib.resources" not in modules
        # The calendar built the one year the deadline reached.
        assert got["built"] == ["2026-01-01", "2026-12-31"]
        rooms = set(got["rooms"])  # type: ignore[arg-type]
        assert rooms <= {
            "_lazy",
            "_files",
            "_validators",
            "errors",
            "durations",
            "calendar",
            "deadlines",
        }

    def test_deadline_command_loads_only_its_rooms(self):
        """`tthc deadline` loads the deadline's rooms and the command line, nothing else."""
        got = _run(
            """
            import contextlib, io, json, sys
            from tthc.cli import main
            with contextlib.redirect_stdout(io.StringIO()) as out:
                code = main(["deadline", "09/01/2026 16:30", "5 ngày làm việc"])
            print(json.dumps({
                "code": code,
                "due": "15/01/2026 16:30" in out.getvalue(),
                "tthc": sorted(m for m in sys.modules if m.startswith("tthc")),
                "modules": sorted(sys.modules),
            }))
            """
        )
        assert got["code"] == 0
        assert got["due"] is True
        assert got["tthc"] == [
            "tthc",
            "tthc._files",
            "tthc._lazy",
            "tthc._validators",
            "tthc.calendar",
            "tthc.calendar._core",
            "tthc.calendar._index",
            "tthc.calendar._office",
            "tthc.calendar._statutory",
            "tthc.calendar.vietnam",
            "tthc.cli",
            "tthc.cli._app",
            "tthc.cli._common",
            "tthc.cli._messages",
            "tthc.cli.deadline",
            "tthc.deadlines",
            "tthc.deadlines._clock",
            "tthc.deadlines._explain",
            "tthc.deadlines.compute",
            "tthc.deadlines.deadline",
            "tthc.deadlines.policy",
            "tthc.durations",
            "tthc.errors",
        ]
        modules = set(got["modules"])  # type: ignore[arg-type]
        assert not {m for m in modules if m.split(".")[0] in EXTRAS}
        # Nor the modules a deadline does not need: package data through importlib (resources,
        # metadata), the stdlib calendar, cattrs, the file writers' shutil and secrets.
        unneeded = {"importlib.resources", "importlib.metadata", "calendar", "cattrs", "zipfile"}
        assert not modules & (unneeded | {"shutil", "secrets", "fractions"})


class TestDeprecatedPaths:
    """The flat module paths of 0.1 keep working, with a DeprecationWarning that names the new one."""

    @pytest.mark.parametrize(("old", "new"), sorted(DEPRECATED.items()))
    def test_old_path_warns_and_forwards(self, old, new):
        sys.modules.pop(old, None)
        with pytest.warns(DeprecationWarning, match=f"{old} is deprecated.*{new}"):
            module = importlib.import_module(old)
        target = importlib.import_module(new)
        for name in target.__all__:
            assert getattr(module, name) is getattr(target, name)
        sys.modules.pop(old, None)

    def test_current_paths_do_not_warn(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for new in DEPRECATED.values():
                importlib.import_module(new)
