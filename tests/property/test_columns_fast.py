"""The column shortcuts equal the plain computations they replace.

* the status lookups of ``classify_timeliness`` (a table read at ``status + 1``) equal
  ``np.isin`` for every status the column can hold;
* its polars output, built from the codes, equals the labels picked one by one;
* processing times given as categorical or text columns (pandas, polars) are coded without a
  Python object per row and give what the same texts give as a numpy object array.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc.analytics import timeliness
from tthc.deadlines import compute_deadlines

STATUSES = np.arange(-1, 11, dtype=np.int64)


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (timeliness._IS_END, timeliness._ENDS),
        (timeliness._IS_NEED_RECEIPT, timeliness._NEED_RECEIPT),
        (timeliness._IS_OPEN, timeliness._OPEN_CODES),
    ],
)
def test_status_table_equals_isin(table, codes):
    assert timeliness._member(table, STATUSES).tolist() == np.isin(STATUSES, codes).tolist()


@given(st.lists(st.integers(-1, 5), max_size=50))
def test_polars_output_equals_the_labels(codes):
    categories = [*timeliness.TIMELINESS_CATEGORIES, "invalid"]
    frame = timeliness._DossierTable("polars", len(codes), None, STATUSES, {}, None, {})
    got = timeliness._timeliness_output(frame, np.array(codes, dtype=np.int8), categories)
    assert got.dtype == pl.Enum(categories)
    assert got.name == "timeliness"
    assert got.to_list() == [categories[c] if c >= 0 else None for c in codes]


TEXTS = ["5 ngày làm việc", "10 ngày làm việc", "3 ngày làm việc", "8 giờ làm việc", "2 ngày"]


@given(
    picks=st.lists(st.integers(0, len(TEXTS) - 1), min_size=1, max_size=40),
    minutes=st.data(),
)
def test_text_columns_equal_the_object_array(picks, minutes):
    n = len(picks)
    offsets = minutes.draw(st.lists(st.integers(0, 7 * 365 * 1440), min_size=n, max_size=n))
    start = np.datetime64("2019-01-01T00:00", "us")
    received = start + np.array(offsets, dtype="timedelta64[m]").astype("timedelta64[us]")
    texts = [TEXTS[p] for p in picks]
    want = compute_deadlines(received, np.array(texts, dtype=object), tz="UTC")
    columns = [
        pd.Series(texts),
        pd.Series(texts, dtype="category"),
        pd.Series(texts, dtype=pd.CategoricalDtype([*TEXTS, "không dùng"])),  # an unused category
        pd.Series(texts, dtype="string"),
        pl.Series(texts),
        pl.Series(texts, dtype=pl.Categorical),
        pl.Series(texts, dtype=pl.Enum([*TEXTS, "không dùng"])),
    ]
    for durations in columns:
        assert compute_deadlines(received, durations, tz="UTC").tolist() == want.tolist()


@pytest.mark.parametrize(
    "durations",
    [
        pd.Series(["5 ngày làm việc", None], dtype="category"),
        pd.Series(["5 ngày làm việc", None], dtype="string"),
        pl.Series(["5 ngày làm việc", None], dtype=pl.Categorical),
    ],
    ids=["pandas-category", "pandas-string", "polars-categorical"],
)
def test_missing_processing_time_is_refused(durations):
    received = np.array(["2026-01-09T09:00", "2026-01-09T10:00"], dtype="datetime64[us]")
    with pytest.raises(tthc.errors.InvalidValueError, match="processing-time texts"):
        compute_deadlines(received, durations, tz="Asia/Ho_Chi_Minh")
