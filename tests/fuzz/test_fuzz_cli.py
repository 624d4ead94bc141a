"""Fuzz target: the ``tthc`` command (issue 17).

Rule under test: any arguments give exit code 0, 2 (bad input, one message on standard error)
or 3 (outside the calendar): never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import warnings

from fuzzing import fuzz, hostile_texts
from hypothesis import given
from hypothesis import strategies as st

from tthc.cli import main

_DATES = st.sampled_from(
    ["31/12/2025", "2026-01-09", "31/12/9999", "9999-12-31", "01/01/0001", "29/02/2023", "0/0/0"]
) | hostile_texts(12)
_INSTANTS = (
    st.sampled_from(
        [
            "09/01/2026 16:30",
            "2026-01-09T16:30",
            "9999-12-31T23:59-05:00",
            "0001-01-01T00:00+08:00",
        ]
    )
    | _DATES
)
_NUMBERS = st.sampled_from(["0", "1", "-1", "10000000000", "9" * 30, "1e9"]) | hostile_texts(6)


def _argv() -> st.SearchStrategy[list[str]]:
    text = hostile_texts(20)
    return st.one_of(
        st.tuples(st.just("deadline"), _INSTANTS, text | st.just("5 ngày làm việc")).map(list),
        st.tuples(
            st.just("deadline"),
            _INSTANTS,
            st.sampled_from(["5 ngày làm việc", "10000000000 giờ", "1000000 tháng", "trong ngày"]),
            st.sampled_from(["--policy=civil-code", "--policy=working-time"]),
            st.sampled_from(["--office-hours=08:00-12:00", "--office-hours=99:99-00:00"])
            | text.map(lambda t: f"--office-hours={t}"),
            _NUMBERS.map(lambda n: f"--round={n}"),
        ).map(list),
        st.tuples(st.just("calendar"), st.just("add"), _DATES, _NUMBERS).map(list),
        st.tuples(st.just("calendar"), st.just("between"), _DATES, _DATES).map(list),
        st.tuples(st.just("calendar"), st.sampled_from(["year", "view"]), _NUMBERS).map(list),
        st.tuples(
            st.just("calendar"),
            st.just("export"),
            st.sampled_from(["--format=csv", "--format=sqlite", "--format=postgresql"]),
            _NUMBERS.map(lambda n: f"--from={n}"),
            _NUMBERS.map(lambda n: f"--to={n}"),
            (text | st.just("tthc")).map(lambda p: f"--prefix={p}"),
        ).map(list),
        st.lists(text, max_size=4).map(lambda rest: ["calendar", *rest]),
        st.lists(text, max_size=3),
    )


@fuzz(scale=1)
@given(_argv())
def test_any_arguments(argv: list[str]) -> None:
    """Exit 0, 2 or 3; a message rather than a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        code = main(argv)
    assert code in {0, 2, 3}, (code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert "\x1b" not in out.getvalue()
