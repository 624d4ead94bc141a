"""tthc.compute_deadlines: the batch path gives compute_deadline's answer for every row."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tthc
from tthc import VN_TZ, Duration, DurationUnit, InvalidValueError, OutOfCalendarRangeError
from tthc.deadlines import compute_deadlines

pd = pytest.importorskip("pandas")

DURATIONS = [
    Duration.working_days(0),
    Duration.working_days(1),
    Duration.working_days(7),
    Duration.working_days(Decimal("0.5")),
    Duration.working_hours(0),
    Duration.working_hours(3),
    Duration.working_hours(Decimal("1.25")),
    Duration.calendar_days(0),
    Duration.calendar_days(15),
    Duration.months(1),
    Duration.months(3),
    Duration.hours(36),
    Duration.same_day(),
    Duration.same_day(cutoff=dt.time(15)),
]
HOURS_7_1130 = tthc.OfficeHours(
    periods=[("07:00", "11:30"), ("13:30", "17:00")], by_weekday={4: [("07:00", "11:30")]}
)
POLICIES = [
    tthc.DeadlinePolicy(),
    tthc.DeadlinePolicy(round_up_minutes=15, office_hours=HOURS_7_1130),
    tthc.DeadlinePolicy(calendar_days_skip_days_off=True),
    tthc.DeadlinePolicy.civil_code(),
    tthc.DeadlinePolicy.civil_code(end_of_day=tthc.EndOfDay.OFFICE_CLOSE),
]
CIVIL_OK = [
    d for d in DURATIONS if not (d.unit.name.endswith("DAYS") and isinstance(d.value, Decimal))
]

receipts = st.datetimes(min_value=dt.datetime(2013, 2, 1), max_value=dt.datetime(2027, 9, 30)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=VN_TZ)
)


def as_utc64(instants: list[dt.datetime]) -> np.ndarray:
    return np.array(
        [i.astimezone(dt.UTC).replace(tzinfo=None) for i in instants], dtype="datetime64[us]"
    )


def to_aware(value: np.datetime64) -> dt.datetime:
    return value.astype(dt.datetime).replace(tzinfo=dt.UTC)


class TestAgreesWithScalar:
    """Every row's due instant equals compute_deadline's (the batch is the scalar, vectorised)."""

    @given(
        rows=st.lists(
            st.tuples(receipts, st.integers(0, len(DURATIONS) - 1)), min_size=1, max_size=40
        ),
        policy_index=st.integers(0, len(POLICIES) - 1),
    )
    def test_mixed_durations_and_policies(
        self, rows: list[tuple[dt.datetime, int]], policy_index: int
    ) -> None:
        """A column of mixed Duration objects gives the scalar answer row by row."""
        policy = POLICIES[policy_index]
        pool = CIVIL_OK if policy.kind is tthc.PolicyKind.CIVIL_CODE else DURATIONS
        received = [r for r, _ in rows]
        durations = [pool[i % len(pool)] for _, i in rows]
        out = compute_deadlines(
            as_utc64(received), np.array(durations, dtype=object), policy=policy, tz="UTC"
        )
        for r, d, got in zip(received, durations, out, strict=True):
            assert to_aware(got) == tthc.compute_deadline(r, d, policy=policy).due_at, (r, d)

    @given(rows=st.lists(st.tuples(receipts, st.integers(0, 40)), min_size=1, max_size=40))
    def test_numbers_with_a_unit(self, rows: list[tuple[dt.datetime, int]]) -> None:
        """Whole numbers with unit= equal the scalar answer for that many working days."""
        received = [r for r, _ in rows]
        days = np.array([n for _, n in rows])
        out = compute_deadlines(as_utc64(received), days, unit=DurationUnit.WORKING_DAYS, tz="UTC")
        for r, n, got in zip(received, days.tolist(), out, strict=True):
            assert to_aware(got) == tthc.compute_deadline(r, Duration.working_days(n)).due_at


class TestInputs:
    """The kinds of columns accepted, and what they return."""

    def test_texts_are_parsed_once_each(self) -> None:
        """A column of published texts works like the parsed Durations."""
        received = [dt.datetime(2026, 1, 9, 16, 30, tzinfo=VN_TZ)] * 3
        texts = np.array(["5 ngày làm việc", "trong ngày", "5 ngày làm việc"], dtype=object)
        out = compute_deadlines(as_utc64(received), texts, tz="UTC")
        # Fri 9/1 16:30 + 5 working days (Sat 10/1 worked) = Thu 15/1 16:30; same day = Fri 17:00.
        assert [to_aware(o).astimezone(VN_TZ) for o in out] == [
            dt.datetime(2026, 1, 15, 16, 30, tzinfo=VN_TZ),
            dt.datetime(2026, 1, 9, 17, 0, tzinfo=VN_TZ),
            dt.datetime(2026, 1, 15, 16, 30, tzinfo=VN_TZ),
        ]

    def test_naive_local_instants_with_tz(self) -> None:
        """Naive instants with tz='Asia/Ho_Chi_Minh' are read as Vietnam wall-clock time."""
        naive = np.array(["2026-01-09T16:30"], dtype="datetime64[us]")
        out = compute_deadlines(naive, Duration.working_days(1), tz="Asia/Ho_Chi_Minh")
        # Fri 16:30 + 1 working day = Sat 10/1 16:30 (+07:00) = 09:30 UTC.
        assert out.tolist() == [dt.datetime(2026, 1, 10, 9, 30)]

    def test_pandas_series_keeps_its_index(self) -> None:
        """A tz-aware pandas Series gives a tz-aware Series in Vietnam time with the same index."""
        series = pd.Series(
            pd.to_datetime(["2026-01-09 16:30", "2025-12-31 09:00"]).tz_localize(
                "Asia/Ho_Chi_Minh"
            ),
            index=["a", "b"],
        )
        out = compute_deadlines(series, Duration.working_days(1))
        assert list(out.index) == ["a", "b"]
        # 31/12/2025 09:00 + 1 working day: 1-2/1/2026 off, Sat 3 and Sun 4 free -> Mon 5/1 09:00.
        assert [t.strftime("%d/%m/%Y %H:%M %z") for t in out] == [
            "10/01/2026 16:30 +0700",
            "05/01/2026 09:00 +0700",
        ]

    def test_polars_series(self) -> None:
        """A tz-aware polars Series gives a polars Series in Vietnam time."""
        pl = pytest.importorskip("polars")
        series = pl.Series([dt.datetime(2026, 1, 9, 16, 30)]).dt.replace_time_zone(
            "Asia/Ho_Chi_Minh"
        )
        out = compute_deadlines(series, Duration.working_days(1))
        assert out.dt.strftime("%d/%m/%Y %H:%M").to_list() == ["10/01/2026 16:30"]

    @pytest.mark.parametrize("tz", [None, "UTC", "Asia/Ho_Chi_Minh"])
    def test_pandas_text_with_an_offset(self, tz: str | None) -> None:
        """pandas text with an offset is read at that offset, whatever tz= says (naive only)."""
        for text in ("2026-01-09T10:30+07:00", "2026-01-09T03:30Z"):
            out = compute_deadlines(pd.Series([text]), Duration.working_hours(1), tz=tz)
            # Both are Fri 9/1 10:30 in Vietnam; one office hour later is 11:30 that morning.
            assert [t.strftime("%d/%m/%Y %H:%M %z") for t in out] == ["09/01/2026 11:30 +0700"]

    def test_pandas_text_with_mixed_offsets_reads_each_offset(self) -> None:
        """Text whose offsets differ from row to row: each row is read with its own offset.

        10:30+07:00 and 03:30Z are the same instant; one working hour later is 11:30 in Vietnam.
        """
        series = pd.Series(["2026-01-09T10:30+07:00", "2026-01-09T03:30Z"])
        out = compute_deadlines(series, Duration.working_hours(1))
        assert [t.strftime("%d/%m %H:%M %z") for t in out] == ["09/01 11:30 +0700"] * 2

    def test_pandas_naive_text_needs_tz(self) -> None:
        """pandas text without an offset is naive: tz= says what it means."""
        series = pd.Series(["2026-01-09T10:30"])
        out = compute_deadlines(series, Duration.working_hours(1), tz="Asia/Ho_Chi_Minh")
        assert [t.strftime("%H:%M %z") for t in out] == ["11:30 +0700"]
        with pytest.raises(InvalidValueError, match=re.escape("compute_deadlines(tz)")):
            compute_deadlines(series, Duration.working_hours(1))

    def test_aware_datetime_objects(self) -> None:
        """An object array of aware datetimes needs no tz=, and gives aware datetimes back."""
        received = np.array([dt.datetime(2026, 1, 9, 16, 30, tzinfo=VN_TZ)], dtype=object)
        out = compute_deadlines(received, Duration.working_days(1))
        assert out.tolist() == [dt.datetime(2026, 1, 10, 16, 30, tzinfo=VN_TZ)]

    def test_empty(self) -> None:
        """No rows give no due instants."""
        out = compute_deadlines(
            np.array([], dtype="datetime64[us]"), Duration.working_days(1), tz="UTC"
        )
        assert out.shape == (0,)


class TestErrors:
    """Bad columns are refused with the rows or the argument named, never guessed."""

    def test_naive_without_tz(self) -> None:
        """Naive instants without tz= are refused: their offset would be a guess."""
        with pytest.raises(InvalidValueError, match=re.escape("compute_deadlines(tz)")) as info:
            compute_deadlines(
                np.array(["2026-01-09T16:30"], dtype="datetime64[us]"), Duration.working_days(1)
            )
        assert info.value.field == "compute_deadlines(tz)"

    def test_unknown_tz(self) -> None:
        """Only UTC and Vietnam time are accepted for naive instants."""
        with pytest.raises(InvalidValueError, match=re.escape("'Europe/Paris'")):
            compute_deadlines(
                np.array(["2026-01-09"], dtype="datetime64[us]"),
                Duration.working_days(1),
                tz="Europe/Paris",
            )

    def test_missing_receipts_are_reported_by_row(self) -> None:
        """NaT rows are named, not dropped."""
        received = np.array(
            ["2026-01-09T08:00", "NaT", "2026-01-09T09:00", "NaT"], dtype="datetime64[us]"
        )
        with pytest.raises(InvalidValueError, match=re.escape("rows [1, 3]")):
            compute_deadlines(received, Duration.working_days(1), tz="UTC")

    def test_bad_text(self) -> None:
        """An unreadable processing-time text raises DurationParseError quoting it."""
        with pytest.raises(tthc.DurationParseError, match="mười ngày"):
            compute_deadlines(
                np.array(["2026-01-09T08:00"], dtype="datetime64[us]"),
                np.array(["mười ngày"], dtype=object),
                tz="UTC",
            )

    def test_missing_receipts_can_propagate(self) -> None:
        """With missing='propagate' a never-received row gets NaT and the others their answer."""
        received = np.array(["2026-01-09T09:30", "NaT"], dtype="datetime64[us]")
        out = compute_deadlines(received, Duration.working_days(1), tz="UTC", missing="propagate")
        # 09:30 UTC = 16:30 +07 on Fri 9/1/2026; + 1 working day = Sat 10/1 16:30 +07 = 09:30 UTC.
        assert out[0] == np.datetime64("2026-01-10T09:30")
        assert np.isnat(out[1])

    def test_all_receipts_missing(self) -> None:
        """A column with no receipt at all gives only NaT (and no warning or range error)."""
        received = np.array(["NaT", "NaT"], dtype="datetime64[us]")
        out = compute_deadlines(
            received, Duration.working_days(1), tz="Asia/Ho_Chi_Minh", missing="propagate"
        )
        assert np.isnat(out).all()

    def test_missing_pandas_rows_are_nat(self) -> None:
        """A pandas column keeps its index and shows NaT for never-received rows."""
        series = pd.Series(
            pd.to_datetime(["2026-01-09 16:30", None]).tz_localize("Asia/Ho_Chi_Minh"),
            index=[7, 8],
        )
        out = compute_deadlines(series, Duration.working_days(1), missing="propagate")
        assert out.index.tolist() == [7, 8]
        assert out.iloc[0].strftime("%d/%m/%Y %H:%M") == "10/01/2026 16:30"
        assert pd.isna(out.iloc[1])

    def test_bad_missing_option(self) -> None:
        """Only 'raise' and 'propagate' are accepted for missing=."""
        with pytest.raises(InvalidValueError, match=re.escape("'drop'")) as info:
            compute_deadlines(
                np.array(["2026-01-09"], dtype="datetime64[us]"),
                Duration.working_days(1),
                tz="UTC",
                missing="drop",
            )
        assert info.value.field == "compute_deadlines(missing)"

    def test_negative_numbers(self) -> None:
        """Negative counts are refused."""
        with pytest.raises(InvalidValueError, match=re.escape("-2")):
            compute_deadlines(
                np.array(["2026-01-09T08:00"], dtype="datetime64[us]"),
                np.array([-2]),
                unit=DurationUnit.WORKING_DAYS,
                tz="UTC",
            )

    def test_fractional_days_under_civil_code(self) -> None:
        """Fractional days cannot be counted in whole days."""
        with pytest.raises(InvalidValueError, match="whole days"):
            compute_deadlines(
                np.array(["2026-01-09T08:00"], dtype="datetime64[us]"),
                Duration.working_days(Decimal("0.5")),
                policy=tthc.DeadlinePolicy.civil_code(),
                tz="UTC",
            )

    def test_out_of_range(self) -> None:
        """A receipt outside the calendar's years raises OutOfCalendarRangeError."""
        with pytest.raises(OutOfCalendarRangeError):
            compute_deadlines(
                np.array(["2101-06-01T08:00"], dtype="datetime64[us]"),
                Duration.working_days(1),
                tz="UTC",
            )

    def test_provisional_rows_warn(self) -> None:
        """Rows reaching a year without an official schedule warn once for the batch."""
        with pytest.warns(tthc.ProvisionalCalendarWarning, match="2030"):
            compute_deadlines(
                np.array(["2030-06-03T08:00"], dtype="datetime64[us]"),
                Duration.working_days(1),
                tz="UTC",
            )
