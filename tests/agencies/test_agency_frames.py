"""The column roll-up: whole pandas columns to the units of today, equal to the scalar one."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from tthc.agencies import (
    AdministrativeUnit,
    AgencyDirectory,
    AgencyEntry,
    AgencyKind,
    RollUp,
    Succession,
    UnitLevel,
    UnitRegistry,
    province_registry,
    roll_up_agency_column,
    roll_up_column,
)
from tthc.calendar import Certainty
from tthc.errors import InvalidValueError, SuccessionError, UnitValidityError, UnknownCodeError

END = dt.date(2025, 6, 30)
START = dt.date(2025, 7, 1)


@pytest.fixture(name="reg", scope="module")
def fixture_reg():
    return province_registry()


class TestRollUpColumn:
    """Row i is registry.roll_up(codes[i], dates[i]); missing in, missing out."""

    def test_equals_the_scalar_roll_up(self, reg):
        codes = ["02", "08", "08", "89", "91", "01", "27", "24"]
        days = [END, END, START, END, START, dt.date(2010, 1, 1), END, START]
        out = roll_up_column(
            pd.Series(codes, index=list("abcdefgh"), name="unit"), days, registry=reg
        )
        assert out.tolist() == [reg.roll_up(c, d) for c, d in zip(codes, days, strict=True)]
        assert list(out.index) == list("abcdefgh")
        assert out.name == "unit"

    def test_missing_values(self, reg):
        out = roll_up_column(["02", None, "02", np.nan], [END, END, None, END], registry=reg)
        assert out.tolist() == ["08", None, None, None]

    def test_datetime_columns(self, reg):
        # 30/6/2025 23:30 in Vietnam is 16:30 UTC: still the old province's last day.
        aware = pd.Series(pd.to_datetime(["2025-06-30T16:30:00Z", "2025-06-30T17:30:00Z"]))
        assert roll_up_column(["27", "24"], aware, registry=reg).tolist() == ["24", "24"]
        with pytest.raises(UnitValidityError, match="27 did not name a unit on 2025-07-01"):
            roll_up_column(["27", "27"], aware, registry=reg)
        naive = pd.Series(pd.to_datetime(["2025-06-30 23:30", "2025-07-01 00:10"]))
        assert roll_up_column(["89", "91"], naive, registry=reg).tolist() == ["91", "91"]
        numpy_days = np.array(["2025-06-30", "2025-07-01"], dtype="datetime64[D]")
        assert roll_up_column(np.array(["89", "91"]), numpy_days, registry=reg).tolist() == [
            "91",
            "91",
        ]

    def test_errors_name_the_row(self, reg):
        with pytest.raises(UnitValidityError) as info:
            roll_up_column(pd.Series(["01", "27"], index=[10, 11]), [END, START], registry=reg)
        assert info.value.__notes__ == ["row 11: '27'"]
        with pytest.raises(UnknownCodeError) as info:
            roll_up_column(["00"], [END], registry=reg)
        assert info.value.__notes__ == ["row 0: '00'"]

    def test_a_refused_split_in_a_column(self):
        split = UnitRegistry(
            [
                AdministrativeUnit(
                    code="97",
                    level=UnitLevel.PROVINCE,
                    name="EXAMPLE",
                    valid_until=END,
                    sources=("EX",),
                    certainty=Certainty.UNCERTAIN,
                    succession=Succession(
                        successors=("98", "99"),
                        act="EX",
                        sources=("EX",),
                        certainty=Certainty.UNCERTAIN,
                    ),
                ),
                *(
                    AdministrativeUnit(
                        code=c,
                        level=UnitLevel.PROVINCE,
                        name="EXAMPLE",
                        valid_from=START,
                        sources=("EX",),
                        certainty=Certainty.UNCERTAIN,
                    )
                    for c in ("98", "99")
                ),
            ]
        )
        with pytest.raises(SuccessionError) as info:
            roll_up_column(["98", "97"], [START, END], registry=split)
        assert info.value.__notes__ == ["row 1: '97'"]
        out = roll_up_column(["98", "97"], [START, END], registry=split, errors="missing")
        assert out.tolist() == ["98", None]
        out = roll_up_column(["97"], [END], registry=split, apportion={"97": "99"})
        assert out.tolist() == ["99"]

    def test_errors_missing(self, reg):
        out = roll_up_column(["01", "27", "00"], [END, START, END], registry=reg, errors="missing")
        assert out.tolist() == ["01", None, None]

    def test_as_of(self, reg):
        assert roll_up_column(["27"], [END], registry=reg, as_of=END).tolist() == ["27"]
        with pytest.raises(InvalidValueError, match="a day on or after 2025-07-01") as info:
            roll_up_column(["01", "24"], [END, START], registry=reg, as_of=END)
        assert info.value.__notes__ == ["row 1: '24'"]
        out = roll_up_column(["01", "24"], [END, START], registry=reg, as_of=END, errors="missing")
        assert out.tolist() == ["01", None]

    def test_bad_arguments(self, reg):
        with pytest.raises(InvalidValueError, match="'raise' or 'missing'"):
            roll_up_column(["01"], [END], registry=reg, errors="ignore")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="as many dates as codes"):
            roll_up_column(["01"], [END, END], registry=reg)
        with pytest.raises(InvalidValueError, match="a pandas Series"):
            roll_up_column("01", [END], registry=reg)
        with pytest.raises(InvalidValueError, match=r"dates \(datetime.date\)"):
            roll_up_column(["01"], ["2025-06-30"], registry=reg)

    def test_level_by_text(self, reg):
        assert roll_up_column(["45"], [END], registry=reg, level="province").tolist() == ["44"]


class TestRollUpAgencyColumn:
    """Each agency's unit, rolled up; central agencies have none."""

    def test_agencies(self, reg):
        directory = AgencyDirectory(
            [
                AgencyEntry(code="BTP", name="EXAMPLE Bộ", kind=AgencyKind.MINISTRY),
                AgencyEntry(
                    code="UB.64", name="EXAMPLE UBND", kind=AgencyKind.PEOPLES_COMMITTEE, unit="64"
                ),
                AgencyEntry(
                    code="MC.64",
                    name="EXAMPLE Một cửa",
                    kind=AgencyKind.ONE_STOP_DESK,
                    parent="UB.64",
                ),
            ]
        )
        codes = ["MC.64", "UB.64", "BTP", "NOPE"]
        days = [END] * 4
        out = roll_up_agency_column(
            codes, days, directory=directory, registry=reg, errors="missing"
        )
        assert out.tolist() == ["52", "52", None, None]
        assert out.tolist()[:2] == [directory.roll_up(c, END, registry=reg) for c in codes[:2]]
        with pytest.raises(InvalidValueError, match="central"):
            roll_up_agency_column(["BTP"], [END], directory=directory, registry=reg)


def test_import_tthc_agencies_does_not_load_pandas():
    """The column roll-up is loaded only when used: `import tthc.agencies` stays light."""
    code = "import sys, tthc.agencies; print('pandas' in sys.modules, 'numpy' in sys.modules)"
    result = subprocess.run(  # noqa: S603 - this Python, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_missing_pandas_is_a_missing_extra_error():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import tthc.agencies\n"
        "try:\n    tthc.agencies.roll_up_column\n"
        "except Exception as e:\n    print(type(e).__name__, e.package, e.extra)\n"
    )
    result = subprocess.run(  # noqa: S603 - this Python, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["MissingExtraError", "pandas", "pandas"]


class TestRollUpSpec:
    """A RollUp bundles the units, the column and the rules a report needs."""

    def test_units_and_agencies(self, reg):
        spec = RollUp(registry=reg, column="province")
        assert spec.codes(["45"], [END], "province").tolist() == ["44"]
        directory = AgencyDirectory(
            [AgencyEntry(code="UB", name="EXAMPLE", kind=AgencyKind.PEOPLES_COMMITTEE, unit="45")]
        )
        spec = RollUp(registry=reg, column="agency", directory=directory, as_of=END)
        assert spec.codes(["UB"], [END], UnitLevel.PROVINCE).tolist() == ["45"]
        assert RollUp(registry=reg, errors="missing").codes(
            ["45"], [START], "province"
        ).tolist() == [None]

    def test_checks(self, reg):
        for kwargs, field in [
            ({"registry": "x"}, "RollUp.registry"),
            ({"registry": reg, "column": ""}, "RollUp.column"),
            ({"registry": reg, "directory": "x"}, "RollUp.directory"),
            ({"registry": reg, "as_of": "2025-06-30"}, "RollUp.as_of"),
            ({"registry": reg, "errors": "ignore"}, "RollUp.errors"),
        ]:
            with pytest.raises(InvalidValueError) as info:
                RollUp(**kwargs)
            assert info.value.field == field

    def test_pickles(self, reg):
        spec = RollUp(registry=reg, column="province", apportion={"97": "98"})
        back = pickle.loads(pickle.dumps(spec))  # noqa: S301 - our own data
        assert back.codes(["02"], [END], "province").tolist() == ["08"]
