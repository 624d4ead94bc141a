"""The one reader of text instants (``tthc.deadlines._text``), used by every column reader.

Rule under test: without a format, a value is ISO 8601 (with its offset, or naive), the
Vietnamese ``dd/mm/yyyy HH:MM[:SS]`` (day first, naive), ``yyyyMMddHHmmss`` (Vietnam time) or a
date alone (00:00, naive); naive values mean what ``tz`` says; a date that does not exist is
unreadable; a column written month first is refused; with ``format`` every value follows it.
Expected instants are written by hand in UTC (Vietnam time is UTC+7).
"""

from __future__ import annotations

import pytest

pytest.importorskip("pandas")

import numpy as np

from tthc.deadlines._text import read_text_instants
from tthc.errors import InvalidValueError

FIELD = "compute_deadlines(received_at)"


def utc(values: list[object], **kwargs: object) -> tuple[list[str | None], list[bool]]:
    us, bad = read_text_instants(values, field=FIELD, **kwargs)  # type: ignore[arg-type]
    shown = [None if u == -(2**63) else str(np.datetime64(int(u), "us"))[:19] for u in us]
    return shown, bad.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09/01/2026 16:30", "2026-01-09T09:30:00"),
        ("9/1/2026 16:30:45", "2026-01-09T09:30:45"),
        ("09/01/2026 16h30", "2026-01-09T09:30:00"),
        (" 09/01/2026 16:30 ", "2026-01-09T09:30:00"),
        ("09/01/2026", "2026-01-08T17:00:00"),
        ("2026-01-09T16:30", "2026-01-09T09:30:00"),
        ("2026-01-09 16:30:45.5", "2026-01-09T09:30:45"),
        ("2026-01-09", "2026-01-08T17:00:00"),
        ("2026-01-09T16:30+07:00", "2026-01-09T09:30:00"),
        ("2026-01-09T16:30+0700", "2026-01-09T09:30:00"),
        ("2026-01-09T09:30Z", "2026-01-09T09:30:00"),
        ("2026-01-09T08:30-01:00", "2026-01-09T09:30:00"),
        ("20260109163000", "2026-01-09T09:30:00"),
    ],
)
def test_layouts(text: str, expected: str) -> None:
    assert utc([text], tz="Asia/Ho_Chi_Minh") == ([expected], [False])


def test_naive_values_follow_tz() -> None:
    assert utc(["09/01/2026 16:30"], tz="UTC") == (["2026-01-09T16:30:00"], [False])


def test_missing_and_unreadable() -> None:
    shown, bad = utc([None, "", "31/02/2026 09:00", "hôm qua", "2026-13-01"], tz="UTC")
    assert shown == [None] * 5
    assert bad == [False, False, True, True, True]


def test_month_first_column_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"format='%m/%d/%Y %H:%M'") as info:
        utc(["02/01/2026 09:00", "12/31/2025 17:00"], tz="UTC")
    assert info.value.field == f"{FIELD} at rows [1]"


def test_naive_without_tz_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"compute_deadlines\(tz\)"):
        utc(["09/01/2026 16:30"], tz=None)


def test_aware_values_need_no_tz() -> None:
    assert utc(["2026-01-09T16:30+07:00"], tz=None) == (["2026-01-09T09:30:00"], [False])


def test_explicit_format() -> None:
    shown, bad = utc(
        ["01/09/2026 16:30", "09-01-2026"], tz="Asia/Ho_Chi_Minh", format="%m/%d/%Y %H:%M"
    )
    assert shown == ["2026-01-09T09:30:00", None]
    assert bad == [False, True]
    aware = utc(["09.01.2026 16:30 +0700"], tz=None, format="%d.%m.%Y %H:%M %z")
    assert aware == (["2026-01-09T09:30:00"], [False])
