"""Fuzz targets: the file formats of ``tthc.io`` (issue 17).

Rule under test: whatever the input (a valid document changed in a few places, as parsed data
or as JSON text, sometimes cut short), a loader returns records or raises a ``TthcError``: a
``LoadError`` listing problems for a bad document, an ``InvalidValueError`` for an argument of
the wrong type. Never a bare ``ValueError``, ``TypeError``, ``KeyError``, ``OverflowError`` or
``RecursionError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fuzzing import _dumps, fuzz, hostile_texts, json_documents, mutations, outcome
from hypothesis import given
from hypothesis import strategies as st

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    Dossier,
    ProcessingStarted,
    Received,
    Rescheduled,
    Resolved,
    Returned,
    SupplementRequested,
    SupplementSupplied,
)
from tthc.durations import Duration
from tthc.errors import LoadError, TthcError
from tthc.io import load_procedures
from tthc.io.cpsv import from_cpsv_jsonld, to_cpsv_jsonld
from tthc.io.dossiers import (
    dump_dossiers,
    from_dossier_sync,
    load_dossier_sync,
    load_dossiers,
    to_dossier_sync,
)
from tthc.io.national import from_national, load_national
from tthc.io.plans import load_plans, load_plans_csv, load_portfolio
from tthc.procedures import ApplicantType, Channel

if TYPE_CHECKING:
    from collections.abc import Callable

# Hypothesis warns when it prints a large failing document; the failure is what matters.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=VN_TZ)


DOSSIER = Dossier(
    code="000.00.10.H26-260302-00001",
    procedure_code="1.000000",
    case="Trường hợp cấp lại",
    channel=Channel.ONLINE,
    applicant_type=ApplicantType.ENTERPRISE,
    agency="Sở Tư pháp (ví dụ)",
    submitted_at=_at(2, 8),
    received_at=_at(2, 9),
    processing_time=Duration.working_days(3),
    events=[
        Received(at=_at(2, 9), actor="Bộ phận một cửa"),
        ProcessingStarted(at=_at(2, 10)),
        SupplementRequested(at=_at(3, 9), note="Bổ sung bản sao"),
        SupplementSupplied(at=_at(5, 9)),
        Rescheduled(at=_at(6, 9), new_due_at=_at(11, 9), reason="Chờ xác minh"),
        Resolved(at=_at(10, 9)),
        Returned(at=_at(10, 10)),
    ],
)
PROCEDURES = json.loads((FIXTURES / "procedures_example.json").read_text("utf-8"))
SEEDS: dict[str, Any] = {
    "national": json.loads((FIXTURES / "csdlqg_packages.json").read_text("utf-8")),
    "dossiers": json.loads(dump_dossiers([DOSSIER])),
    "sync": [to_dossier_sync(DOSSIER)],
    "portfolio": json.loads((FIXTURES / "plans" / "worked_example.json").read_text("utf-8")),
    "cpsv": to_cpsv_jsonld(load_procedures(PROCEDURES)),
}
SEEDS["plans"] = SEEDS["portfolio"]["plans"]
SHEET = list(
    csv.reader(io.StringIO((FIXTURES / "plans" / "worked_example.csv").read_text("utf-8")))
)

# Each format: the loader of parsed data, and the loader of JSON text.
PARSED: dict[str, Callable[[Any], object]] = {
    "national": load_national,
    "dossiers": load_dossiers,
    "sync": load_dossier_sync,
    "plans": load_plans,
    "portfolio": lambda doc: load_portfolio(_dumps(doc)),
    "cpsv": from_cpsv_jsonld,
}
ONE: dict[str, Callable[[Any], object]] = {
    "national": from_national,
    "sync": from_dossier_sync,
}


def _check(load: Callable[[Any], object], document: Any) -> None:
    result = outcome(lambda: load(document))
    if isinstance(result, TthcError):
        assert not isinstance(result, LoadError) or result.problems


def _text(document: Any) -> Any:
    """JSON text of a document, as the loaders read it (text starting with [ or {)."""
    return json_documents(st.just(document)).map(lambda t: t if t[:1] in "[{" else "[" + t)


class TestParsed:
    """Valid documents changed in a few places, given as parsed data."""

    @fuzz()
    @given(mutations(SEEDS["national"]))
    def test_national(self, document: Any) -> None:
        """load_national."""
        _check(PARSED["national"], document)

    @fuzz()
    @given(mutations(SEEDS["national"][0]))
    def test_from_national(self, document: Any) -> None:
        """from_national (one package)."""
        _check(ONE["national"], document)

    @fuzz()
    @given(mutations(SEEDS["dossiers"]))
    def test_dossiers(self, document: Any) -> None:
        """load_dossiers."""
        _check(PARSED["dossiers"], document)

    @fuzz()
    @given(mutations(SEEDS["sync"]))
    def test_dossier_sync(self, document: Any) -> None:
        """load_dossier_sync."""
        _check(PARSED["sync"], document)

    @fuzz()
    @given(mutations(SEEDS["sync"][0]))
    def test_from_dossier_sync(self, document: Any) -> None:
        """from_dossier_sync (one payload)."""
        _check(ONE["sync"], document)

    @fuzz()
    @given(mutations(SEEDS["plans"]))
    def test_plans(self, document: Any) -> None:
        """load_plans."""
        _check(PARSED["plans"], document)

    @fuzz()
    @given(mutations(SEEDS["portfolio"]))
    def test_portfolio(self, document: Any) -> None:
        """load_portfolio."""
        _check(PARSED["portfolio"], document)

    @fuzz()
    @given(mutations(SEEDS["cpsv"]))
    def test_cpsv(self, document: Any) -> None:
        """from_cpsv_jsonld."""
        _check(PARSED["cpsv"], document)


class TestText:
    """The same documents as JSON text, sometimes cut short or broken."""

    @fuzz(scale=1)
    @given(
        st.sampled_from(sorted(PARSED)).flatmap(lambda f: st.tuples(st.just(f), _text(SEEDS[f])))
    )
    def test_text(self, case: tuple[str, str]) -> None:
        """Every format's loader on JSON text."""
        fmt, text = case
        load = PARSED[fmt] if fmt != "portfolio" else load_portfolio
        _check(load, text)

    @fuzz(scale=1)
    @given(
        st.sampled_from(sorted(PARSED)).flatmap(
            lambda f: st.tuples(st.just(f), mutations(SEEDS[f]).flatmap(_text))
        )
    )
    def test_changed_text(self, case: tuple[str, str]) -> None:
        """Changed documents as JSON text."""
        fmt, text = case
        load = PARSED[fmt] if fmt != "portfolio" else load_portfolio
        _check(load, text)


def _sheets() -> st.SearchStrategy[str]:
    """The worked-example sheet with cells changed, rows cut or lengthened."""

    @st.composite
    def sheet(draw: st.DrawFn) -> str:
        rows = [list(row) for row in SHEET]
        for _ in range(draw(st.integers(1, 4))):
            r = draw(st.integers(0, len(rows) - 1))
            how = draw(st.sampled_from(["cell", "cut", "longer", "drop"]))
            if how == "cell" and rows[r]:
                c = draw(st.integers(0, len(rows[r]) - 1))
                rows[r][c] = draw(
                    hostile_texts(20) | st.sampled_from(["-1", "0", "1e9", "9" * 30])
                )
            elif how == "cut":
                rows[r] = rows[r][: draw(st.integers(0, len(rows[r])))]
            elif how == "longer":
                rows[r] = [*rows[r], draw(hostile_texts(5))]
            elif len(rows) > 1:
                del rows[r]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()

    return sheet()


class TestPlansCsv:
    """load_plans_csv on changed sheets."""

    @fuzz()
    @given(_sheets())
    def test_sheets(self, text: str) -> None:
        """The worked example with cells changed and rows cut, lengthened or dropped."""
        _check(load_plans_csv, text)
