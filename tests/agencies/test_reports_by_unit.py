"""Indicator tables and reports by the units of today (a RollUp), on pandas, files and Dask.

Rule under test: a dossier is counted under the unit that succeeds, today, the unit its row names
on its day of receipt (Vietnam time). The 2025 table below uses all 63 province codes before
1/7/2025 and all 34 after: by province it has 34 rows (Resolution 202/2025/QH15), and nothing is
lost. The expected province of each old code is the hand table of test_provinces.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from test_provinces import MAPPING

from tthc.agencies import (
    AgencyDirectory,
    AgencyEntry,
    AgencyKind,
    RollUp,
    load_commune_list,
    load_commune_mapping,
    province_registry,
)
from tthc.analytics import dask as tdask
from tthc.analytics.reporting import report
from tthc.analytics.tables import indicator_table, timeliness_count_frame
from tthc.calendar import Certainty
from tthc.deadlines import VN_TZ
from tthc.errors import InvalidValueError, LoadError, UnitValidityError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "agencies"
AS_OF = dt.datetime(2026, 1, 1, tzinfo=VN_TZ)
NEW_CODES = sorted({row[2] for row in MAPPING})


def _dossiers(codes_and_times):
    frame = pd.DataFrame(codes_and_times, columns=["province", "received_at"])
    received = pd.to_datetime(frame["received_at"])
    frame["status"] = 10
    frame["due_at"] = (received + pd.Timedelta(days=5)).astype(str)
    frame["finished_at"] = (received + pd.Timedelta(days=1)).astype(str)
    return frame


@pytest.fixture(name="year_2025", scope="module")
def fixture_year_2025():
    """One dossier per old code in March 2025, one per new code in September 2025."""
    rows = [(old, "2025-03-03T09:00+07:00") for old, *_ in MAPPING]
    rows += [(new, "2025-09-03T09:00+07:00") for new in NEW_CODES]
    return _dossiers(rows)


@pytest.fixture(name="units", scope="module")
def fixture_units():
    return RollUp(registry=province_registry(), column="province")


def _expected_counts():
    counts = dict.fromkeys(NEW_CODES, 1)
    for _old, _name, new, _new_name, _source in MAPPING:
        counts[new] += 1
    return counts


class TestByProvince:
    """63 codes in, 34 rows out; totals equal at every level."""

    def test_34_rows(self, year_2025, units):
        table = indicator_table(year_2025, by="province", as_of=AS_OF, units=units, channel=None)
        assert list(table.index) == NEW_CODES
        assert (
            dict(zip(table.index, table["received"].tolist(), strict=True)) == _expected_counts()
        )
        assert int(table["received"].sum()) == len(year_2025) == 97

    def test_without_units_the_column_is_plain(self, year_2025):
        table = indicator_table(year_2025, by="province", as_of=AS_OF, channel=None)
        assert len(table) == 63  # the 63 old codes; the 34 new ones are among them

    def test_with_months_and_totals(self, year_2025, units):
        table = timeliness_count_frame(
            year_2025, by=("province", "month"), as_of=AS_OF, units=units
        )
        by_province = table.groupby(level="province").sum()
        assert by_province["received"].to_dict() == _expected_counts()
        overall = timeliness_count_frame(year_2025, by=(), as_of=AS_OF)
        assert int(overall["received"].iloc[0]) == int(table["received"].sum())

    def test_receipt_day_in_vietnam_time(self, units):
        # 30/6/2025 23:30 in Vietnam (16:30 UTC): the old Bắc Ninh (27) still existed.
        frame = _dossiers(
            [("27", "2025-06-30T16:30:00+00:00"), ("27", "2025-06-30T17:30:00+00:00")]
        )
        with pytest.raises(UnitValidityError, match="27 did not name a unit on 2025-07-01"):
            timeliness_count_frame(frame, by="province", as_of=AS_OF, units=units)
        missing = RollUp(registry=province_registry(), column="province", errors="missing")
        table = timeliness_count_frame(frame, by="province", as_of=AS_OF, units=missing)
        assert table["received"].to_dict() == {"(none)": 1, "24": 1}

    def test_csv_keeps_the_leading_zeros(self, tmp_path, year_2025, units):
        path = tmp_path / "dossiers.csv"
        year_2025.to_csv(path, index=False)
        table = indicator_table(path, by="province", as_of=AS_OF, units=units, channel=None)
        assert list(table.index) == NEW_CODES

    def test_a_missing_unit_column(self, year_2025):
        units = RollUp(registry=province_registry(), column="unit")
        with pytest.raises(LoadError, match="missing column 'unit'"):
            timeliness_count_frame(year_2025, by="province", as_of=AS_OF, units=units)
        with pytest.raises(InvalidValueError, match="RollUp"):
            timeliness_count_frame(year_2025, by="province", as_of=AS_OF, units="province")


class TestByAgency:
    """An agency column rolls up through each agency's unit."""

    def test_agencies(self, units):
        directory = AgencyDirectory(
            [
                AgencyEntry(
                    code="EX.UB27", name="EXAMPLE", kind=AgencyKind.PEOPLES_COMMITTEE, unit="27"
                ),
                AgencyEntry(
                    code="EX.MC27", name="EXAMPLE", kind=AgencyKind.ONE_STOP_DESK, parent="EX.UB27"
                ),
                AgencyEntry(
                    code="EX.UB24", name="EXAMPLE", kind=AgencyKind.PEOPLES_COMMITTEE, unit="24"
                ),
            ]
        )
        frame = _dossiers(
            [("EX.MC27", "2025-06-02T09:00+07:00"), ("EX.UB24", "2025-08-02T09:00+07:00")]
        ).rename(columns={"province": "agency"})
        spec = RollUp(registry=units.registry, column="agency", directory=directory)
        table = indicator_table(
            frame, by=("agency", "province"), as_of=AS_OF, units=spec, channel=None
        )
        assert table["received"].to_dict() == {("EX.MC27", "24"): 1, ("EX.UB24", "24"): 1}


class TestByCommune:
    """Real rows (tests/fixtures/agencies): former communes of Hà Giang under the communes of today."""

    def test_communes(self):
        provinces = province_registry()
        new = provinces.extended(
            load_commune_list(
                FIXTURES / "communes_2025_rows.csv",
                provinces=provinces,
                sources="CV1027",
                certainty=Certainty.CONFIRMED_SECONDARY,
            )
        )
        registry = new.extended(
            load_commune_mapping(
                FIXTURES / "communes_2025_mapping.csv",
                registry=new,
                sources="NQ1654_1687",
                certainty=Certainty.CONFIRMED_SECONDARY,
            )
        )
        frame = _dossiers(
            [
                ("00697", "2025-06-30T10:00+07:00"),  # Minh Khai -> Hà Giang 2
                ("00691", "2025-06-30T10:00+07:00"),  # Trần Phú -> Hà Giang 2
                ("00691", "2025-07-01T10:00+07:00"),  # Hà Giang 2 itself
                ("00688", "2025-06-30T10:00+07:00"),  # Quang Trung, split: by a rule
                ("00004", "2025-06-30T10:00+07:00"),  # Trúc Bạch -> Ba Đình (Hà Nội)
            ]
        ).rename(columns={"province": "commune_code"})
        spec = RollUp(registry=registry, column="commune_code", apportion={"00688": "00694"})
        by_commune = timeliness_count_frame(frame, by="commune", as_of=AS_OF, units=spec)
        assert by_commune["received"].to_dict() == {"00004": 1, "00691": 3, "00694": 1}
        by_province = timeliness_count_frame(frame, by="province", as_of=AS_OF, units=spec)
        assert by_province["received"].to_dict() == {"01": 1, "08": 4}


class TestDask:
    """The Dask path gives the same table, the units shipped to every partition."""

    @pytest.mark.parametrize("scheduler", ["threads", "processes"])
    def test_same_table(self, year_2025, units, scheduler):
        expected = indicator_table(year_2025, by=("province", "month"), as_of=AS_OF, units=units)
        ddf = dd.from_pandas(year_2025, npartitions=7)
        with dask.config.set(scheduler=scheduler):
            table = tdask.indicator_table(ddf, by=("province", "month"), as_of=AS_OF, units=units)
        assert table.equals(expected)
        assert len(table.groupby(level="province").size()) == 34


class TestReport:
    """report(units=...) adds the tables by province (and commune) of today."""

    def test_report(self, year_2025, units):
        r = report(year_2025, as_of=AS_OF, agency=None, procedure=None, units=units, language="en")
        assert list(r.by_province.index) == NEW_CODES
        assert r.by_commune is None
        text = r.to_text(tables=["province"], max_rows=3)
        assert "By province (the units of today):" in text
        assert "… and 31 more groups" in text
        assert len(r.to_dict()["by_province"]) == 34
        assert "By province" in r.to_html(charts=False)

    def test_levels(self, year_2025, units):
        with pytest.raises(InvalidValueError, match="'province' and/or 'commune'"):
            report(year_2025, as_of=AS_OF, units=units, unit_levels=("district",))
        with pytest.raises(InvalidValueError, match=r"Report\.to_text"):
            report(year_2025, as_of=AS_OF, agency=None, procedure=None).to_text(tables=["county"])


def test_report_command_by_province(tmp_path, year_2025, capsys):
    """tthc report FILE --as-of DATE --by province: 34 rows."""
    from tthc.cli._app import main  # noqa: PLC0415

    path = tmp_path / "dossiers.csv"
    year_2025.to_csv(path, index=False)
    code = main(
        [
            "report",
            str(path),
            "--as-of",
            "31/12/2025",
            "--by",
            "province",
            "--quiet",
            "--procedure-column",
            "none",
            "--agency-column",
            "none",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.split("By province (the units of today):", 1)[1].strip().splitlines()
    assert [line.split()[0] for line in lines[1:35]] == NEW_CODES
    assert lines[35].split()[:2] == ["Total", "97"]


def test_report_command_with_more_units(tmp_path, capsys):
    """--units FILE adds units (here an EXAMPLE commune) on top of the shipped provinces."""
    from tthc.cli._app import main  # noqa: PLC0415

    units = tmp_path / "units.json"
    units.write_text(
        '{"format": "tthc.units/1", "sources": [{"id": "EX", "title": "EXAMPLE"}], "units": ['
        '{"code": "99991", "level": "commune", "name": "Xã EXAMPLE", "valid_from": "2025-07-01",'
        ' "parent": "08", "sources": ["EX"], "certainty": "uncertain"}]}',
        encoding="utf-8",
    )
    path = tmp_path / "dossiers.csv"
    _dossiers([("99991", "2025-09-01T09:00+07:00")]).rename(columns={"province": "unit"}).to_csv(
        path, index=False
    )
    code = main(
        [
            "report",
            str(path),
            "--as-of",
            "31/12/2025",
            "--by",
            "province",
            "--by",
            "commune",
            "--units",
            str(units),
            "--unit-column",
            "unit",
            "--quiet",
            "--json",
            "--procedure-column",
            "none",
            "--agency-column",
            "none",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["province"] for r in data["by_province"]] == ["08"]
    assert [r["commune"] for r in data["by_commune"]] == ["99991"]


@pytest.mark.parametrize("kind", ["arrow", "polars", "mapping"])
def test_other_table_kinds(year_2025, units, kind):
    """pyarrow tables, polars frames and mappings of arrays roll up the same."""
    expected = timeliness_count_frame(year_2025, by="province", as_of=AS_OF, units=units)
    if kind == "arrow":
        import pyarrow as pa  # noqa: PLC0415

        table = pa.Table.from_pandas(year_2025, preserve_index=False)
    elif kind == "polars":
        import polars as pl  # noqa: PLC0415

        table = pl.from_pandas(year_2025)
    else:
        table = {name: year_2025[name].to_numpy() for name in year_2025.columns}
    got = timeliness_count_frame(table, by="province", as_of=AS_OF, units=units)
    assert got.equals(expected)
