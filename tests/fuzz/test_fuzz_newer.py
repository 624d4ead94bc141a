"""Fuzz targets: the loaders of the agencies, the one-stop rules and the raw sync payloads.

Rule under test (issue 17): a loader returns its records or raises a ``TthcError`` for any
input: the shipped data files changed in a few places, CSV rows with hostile cells, any text to
the code and level parsers.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fuzzing import _dumps, fuzz, hostile_texts, mutations, outcome
from hypothesis import given
from hypothesis import strategies as st

from tthc.agencies import (
    EgovCode,
    UnitLevel,
    load_commune_list,
    load_commune_mapping,
    load_units,
    province_registry,
)
from tthc.calendar import Certainty
from tthc.deadlines.rules import load_onestop_rules
from tthc.errors import LoadError, TthcError
from tthc.io.cpsv._xsd import from_xsd_duration
from tthc.io.dossiers import read_dossier_sync

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UNITS = json.loads(
    resources.files("tthc.agencies").joinpath("data/provinces.json").read_text("utf-8")
)
RULES = json.loads(
    resources.files("tthc.deadlines").joinpath("data/onestop_rules.json").read_text("utf-8")
)
SYNC = (
    json.loads((FIXTURES / "payloads" / "sync_td_resolved.json").read_text("utf-8"))
    if (FIXTURES / "payloads" / "sync_td_resolved.json").exists()
    else None
)
LIST = list(
    csv.reader(io.StringIO((FIXTURES / "agencies" / "communes_2025_rows.csv").read_text("utf-8")))
)
MAPPING = list(
    csv.reader(
        io.StringIO((FIXTURES / "agencies" / "communes_2025_mapping.csv").read_text("utf-8"))
    )
)
PROVINCES = province_registry()


def _file(tmp_path_factory: pytest.TempPathFactory, name: str, text: str) -> Path:
    path: Path = tmp_path_factory.getbasetemp() / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _is_load_error_or_result(result: object) -> None:
    assert not isinstance(result, TthcError) or isinstance(result, (LoadError, TthcError)), result


@st.composite
def _sheets(draw: st.DrawFn, rows: list[list[str]]) -> str:
    """The CSV with cells changed and rows cut, lengthened or dropped."""
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(["cell", "cut", "longer", "drop"]))
        if how == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(hostile_texts(16))
        elif how == "cut":
            rows[r] = rows[r][: draw(st.integers(0, len(rows[r])))]
        elif how == "longer":
            rows[r].append(draw(hostile_texts(6)))
        elif len(rows) > 1:
            del rows[r]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


class TestFiles:
    """The shipped JSON data, changed in a few places."""

    @fuzz(scale=1)
    @given(mutations(UNITS))
    def test_units(self, document: Any) -> None:
        """load_units on a changed provinces file (as a parsed mapping)."""
        result = outcome(lambda: load_units(document) if isinstance(document, dict) else None)
        _is_load_error_or_result(result)

    @fuzz(scale=1)
    @given(mutations(RULES))
    def test_onestop_rules(self, tmp_path_factory: pytest.TempPathFactory, document: Any) -> None:
        """load_onestop_rules on a changed rules file."""
        path = _file(tmp_path_factory, "rules.json", _dumps(document))
        _is_load_error_or_result(outcome(lambda: load_onestop_rules(path)))

    @fuzz(scale=1)
    @given(st.data())
    def test_read_dossier_sync(self, data: st.DataObject) -> None:
        """read_dossier_sync, liberal and strict, on changed payloads."""
        seed = SYNC if SYNC is not None else {"MaHoSo": "x"}
        document = data.draw(mutations(seed))
        strict = data.draw(st.booleans())
        source = document if isinstance(document, list) else [document]
        _is_load_error_or_result(outcome(lambda: read_dossier_sync(source, strict=strict)))


class TestCsv:
    """The commune list and mapping, with hostile cells."""

    @fuzz(scale=1)
    @given(_sheets(LIST))
    def test_commune_list(self, text: str) -> None:
        """load_commune_list."""
        result = outcome(
            lambda: load_commune_list(
                io.StringIO(text),
                provinces=PROVINCES,
                sources="CV1027",
                certainty=Certainty.CONFIRMED_SECONDARY,
            )
        )
        _is_load_error_or_result(result)

    @fuzz(scale=1)
    @given(_sheets(MAPPING))
    def test_commune_mapping(self, text: str) -> None:
        """load_commune_mapping (against the provinces only: most codes are unknown)."""
        result = outcome(
            lambda: load_commune_mapping(
                io.StringIO(text),
                registry=PROVINCES,
                sources="NQ1654_1687",
                certainty=Certainty.CONFIRMED_SECONDARY,
            )
        )
        _is_load_error_or_result(result)


class TestTexts:
    """Parsers of one text."""

    @fuzz()
    @given(hostile_texts(30) | st.sampled_from(["000.00.10.H26", "001.00.00.G01"]))
    def test_egov_code(self, text: str) -> None:
        """EgovCode.parse."""
        _is_load_error_or_result(outcome(lambda: EgovCode.parse(text)))

    @fuzz()
    @given(hostile_texts(20) | st.sampled_from([level.value for level in UnitLevel]))
    def test_unit_level(self, text: str) -> None:
        """UnitLevel.parse."""
        _is_load_error_or_result(outcome(lambda: UnitLevel.parse(text)))

    @fuzz()
    @given(
        hostile_texts(30)
        | st.from_regex(
            r"P[0-9]{1,30}(D|M|Y)|PT[0-9]{1,30}(H|M|S)|P[0-9]*DT[0-9.]*H", fullmatch=True
        )
    )
    def test_xsd_duration(self, text: str) -> None:
        """from_xsd_duration (CPSV-AP processing times)."""
        _is_load_error_or_result(outcome(lambda: from_xsd_duration(text)))
