"""Fuzz targets: the domain's parsers and calculators (issue 17).

Rule under test: ``OfficeHours.parse``, ``parse_percent``, ``load_figures``, ``load_index766``,
``compute_deadline``, ``compute_deadlines`` and ``add_working_days_many`` give an answer or a
``TthcError`` for any input: no ``OverflowError`` from a limit of 10**11 hours, no
``ValueError`` from a receipt at the end of time or a figure's ``parts`` written as text.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest
from fuzzing import _dumps, fuzz, hostile_texts, mutations, outcome
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.calendar import OfficeHours
from tthc.deadlines import DeadlinePolicy, Pause, compute_deadline, compute_deadlines
from tthc.durations import Duration, DurationUnit
from tthc.errors import LoadError, ProvisionalCalendarWarning, TthcError
from tthc.indicators import load_figures, parse_percent
from tthc.indicators.decision766 import load_index766

if TYPE_CHECKING:
    from pathlib import Path

CAL = tthc.vietnam_calendar()
FIGURES = json.loads(
    resources.files("tthc").joinpath("data/hanoi_2023_figures.json").read_text("utf-8")
)
INDEX766 = {
    version: json.loads(resources.files("tthc").joinpath(name).read_text("utf-8"))
    for version, name in (("1", "data/index766.json"), ("2", "data/index766_v2.json"))
}


def _quietly(call: Any) -> Any:
    """Run ``call`` with the provisional-year warning silenced (years past the official data)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        return outcome(call)


class TestTextParsers:
    """Parsers of short texts."""

    @fuzz()
    @given(
        hostile_texts(60)
        | st.lists(
            st.tuples(
                st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)
            ),
            max_size=4,
        ).map(lambda ps: ",".join(f"{a:02}:{b:02}-{c:02}:{d:02}" for a, b, c, d in ps))
    )
    def test_office_hours(self, text: str) -> None:
        """OfficeHours.parse."""
        result = outcome(lambda: OfficeHours.parse(text))
        assert isinstance(result, (OfficeHours, TthcError)), result

    @fuzz()
    @given(hostile_texts(30) | st.decimals(allow_nan=True, allow_infinity=True))
    def test_parse_percent(self, text: str | Decimal) -> None:
        """parse_percent."""
        result = outcome(lambda: parse_percent(text))
        assert isinstance(result, (Decimal, TthcError)), result


class TestFigures:
    """load_figures on the shipped example file, changed."""

    @fuzz()
    @given(mutations(FIGURES))
    def test_changed_file(self, tmp_path_factory: pytest.TempPathFactory, document: Any) -> None:
        """Any change gives a figure set or one LoadError."""
        path: Path = tmp_path_factory.getbasetemp() / "figures.json"
        path.write_text(_dumps(document), encoding="utf-8", errors="surrogatepass")
        result = outcome(lambda: load_figures(path))
        assert not isinstance(result, TthcError) or isinstance(result, LoadError), result


class TestIndex766:
    """load_index766 on the shipped index files (versions 1 and 2), changed."""

    @fuzz()
    @given(mutations(INDEX766["1"]) | mutations(INDEX766["2"]))
    def test_changed_file(self, tmp_path_factory: pytest.TempPathFactory, document: Any) -> None:
        """Any change gives an index or one LoadError."""
        path: Path = tmp_path_factory.getbasetemp() / "index766.json"
        path.write_text(_dumps(document), encoding="utf-8", errors="surrogatepass")
        result = outcome(lambda: load_index766(path))
        assert not isinstance(result, TthcError) or isinstance(result, LoadError), result


def _instants() -> st.SearchStrategy[dt.datetime]:
    """Aware instants anywhere Python can hold them, in any offset, often near the calendar."""
    zones = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
    near = st.datetimes(dt.datetime(2012, 6, 1), dt.datetime(2101, 6, 1))
    anywhere = st.datetimes() | st.sampled_from(
        [dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59)]
    )
    return st.builds(lambda d, z: d.replace(tzinfo=z), near | anywhere, zones)


def _durations() -> st.SearchStrategy[Duration]:
    """Any valid duration, small or absurdly large."""
    values = st.integers(0, 3) | st.integers(0, 10**40) | st.sampled_from([10**11, 27_000, 10**6])
    fractions = st.decimals(0, 10**6, places=3)
    units = st.sampled_from(
        [
            DurationUnit.WORKING_DAYS,
            DurationUnit.CALENDAR_DAYS,
            DurationUnit.WORKING_HOURS,
            DurationUnit.HOURS,
        ]
    )
    return st.one_of(
        st.builds(lambda v, u: Duration(value=v, unit=u), values | fractions, units),
        st.builds(Duration.months, st.integers(1, 10**7)),
        st.builds(
            Duration.same_day,
            cutoff=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        ),
    )


_POLICIES = st.sampled_from(
    [
        DeadlinePolicy.working_time(),
        DeadlinePolicy.civil_code(),
        DeadlinePolicy.civil_code(calendar_days_skip_days_off=True),
    ]
)


class TestDeadlines:
    """compute_deadline and compute_deadlines: an answer or a TthcError."""

    @fuzz()
    @given(
        _instants(),
        _durations(),
        _POLICIES,
        st.lists(st.tuples(_instants(), _instants()), max_size=2),
    )
    def test_compute_deadline(
        self,
        received: dt.datetime,
        duration: Duration,
        policy: DeadlinePolicy,
        spans: list[tuple[dt.datetime, dt.datetime]],
    ) -> None:
        """Any receipt, limit, policy and pauses."""
        pauses = [
            outcome(lambda a=a, b=b: Pause(start_at=min(a, b), end_at=max(a, b))) for a, b in spans
        ]
        pauses = [p for p in pauses if isinstance(p, Pause)]
        result = _quietly(
            lambda: compute_deadline(
                received, duration, calendar=CAL, policy=policy, pauses=pauses
            )
        )
        if not isinstance(result, TthcError):
            assert result.due_at >= received

    @fuzz(scale=1)
    @given(st.lists(_instants(), min_size=1, max_size=5), _durations(), _POLICIES)
    def test_compute_deadlines(
        self, received: list[dt.datetime], duration: Duration, policy: DeadlinePolicy
    ) -> None:
        """The batch on aware datetimes agrees with the scalar, or fails as a TthcError."""
        pd = pytest.importorskip("pandas")
        column = pd.Series([r.isoformat() for r in received])
        result = _quietly(lambda: compute_deadlines(column, duration, calendar=CAL, policy=policy))
        assert result is not None

    @fuzz(scale=1)
    @given(st.lists(_instants() | hostile_texts(12), max_size=4), st.integers(-(2**70), 2**70))
    def test_add_working_days_many(self, days: list[object], n: int) -> None:
        """Days as aware instants or text, any count."""
        result = _quietly(lambda: CAL.add_working_days_many(days, n))
        assert result is not None
