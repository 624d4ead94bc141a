"""Benchmark: the appointment date (working-time policy), scalar and batch, against plain steps.

Run from the repository root::

    python benchmarks/bench_deadlines.py            # full: 200,000 scalar, 4,000,000 batch rows
    python benchmarks/bench_deadlines.py --quick    # smaller, for a smoke run
    python benchmarks/bench_deadlines.py --memory   # also the batch's memory at 16,000,000 rows

What is compared, in one run, on the same inputs (receipts at whole minutes in 2019-01-01 ..
2026-10-31, 1-30 working days, office hours 08:00-12:00 and 13:00-17:00):

* ``tthc.compute_deadline`` (scalar, with its ``Deadline`` answer, whose explanation is lazy);
* the **plain step**: an exact working-time step in plain Python written here with ordinals and
  a rank table (prefix counts of working days), the arithmetic done per call, the answer a
  ``datetime``; no explanation object, no checks, fixed 8-hour days. It is the floor the issue
  measures the scalar path against (target: tthc <= 1.3x the plain step);
* the **tabled step**: the plain step with everything it can precompute (office time elapsed per
  minute, the due time of day per office minute, the working days as date objects): the floor
  below any per-call arithmetic, shown for reference;
* businesstimedelta (Mon-Fri 08-17 with a lunch rule and the official days off), on a sample:
  it cannot express a working Saturday;
* ``tthc.deadlines.compute_deadlines`` over 4,000,000 rows (target: <= 50 ns a row; with
  ``--memory``, <= 1 GiB of extra memory at 16,000,000 rows, measured by tracemalloc).

Every scalar peer is timed the same way: the repeats are interleaved (tthc, plain, tabled, peer,
tthc, plain, ...), the garbage collector is off, and each figure is the best of the repeats. The
load average is printed at the start and the end.

Wrong answers are counted against a minute-stepping oracle built from the independent research
data (``../shared/research/vn_calendar.json``, years 2019-2026), never from tthc's own calendar.
Without that file the oracle is absent: the output says so and no wrong answer is counted (the
plain steps are then built from tthc's calendar, and compared with tthc's answers only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import os
import random
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

import numpy as np

import tthc
from tthc.deadlines import compute_deadlines
from tthc.errors import ProvisionalCalendarWarning

VN = tthc.VN_TZ
FIRST = dt.datetime(2019, 1, 1, tzinfo=VN)
LAST = dt.datetime(2026, 10, 31, tzinfo=VN)
DEFAULT_ORACLE = Path(__file__).resolve().parents[2] / "shared" / "research" / "vn_calendar.json"
SEED = 20261125
TARGET_RATIO = 1.3
TARGET_BATCH_NS = 50.0
TARGET_MEMORY = 2**30


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# --- the working days, from the research data (or tthc's calendar, said) --------------------------


def research_days(path: Path) -> tuple[frozenset[dt.date], frozenset[dt.date], range] | None:
    """Days off and working weekend days of the research file, and the years it covers."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    years = sorted(int(y) for y in data if y.isdigit())
    off = {dt.date.fromisoformat(d) for y in years for d in data[str(y)]["days_off"]}
    on = {dt.date.fromisoformat(d) for y in years for d in data[str(y)]["working_saturdays"]}
    return frozenset(off), frozenset(on), range(years[0], years[-1] + 1)


class WorkingDays:
    """Which days are working days, from one source, over a range of years."""

    def __init__(self, is_working: Any, years: range, source: str) -> None:
        self.is_working = is_working
        self.years = years
        self.source = source
        self.first = dt.date(years[0], 1, 1).toordinal()
        self.last = dt.date(years[-1], 12, 31).toordinal()
        self.mask = [
            1 if is_working(dt.date.fromordinal(o)) else 0
            for o in range(self.first, self.last + 1)
        ]


def oracle(days: WorkingDays, received: dt.datetime, n: int) -> dt.datetime | None:
    """Minute-stepping oracle: count n * 480 office minutes (08-12, 13-17 on working days)."""
    need = n * 480
    t = received.replace(second=0, microsecond=0)
    if t < received:
        t += dt.timedelta(minutes=1)
    while True:
        o = t.toordinal()
        if not days.first <= o <= days.last:
            return None
        minute = t.hour * 60 + t.minute
        if days.mask[o - days.first] and (480 <= minute < 720 or 780 <= minute < 1020):
            need -= 1
            if need == 0:
                return t + dt.timedelta(minutes=1)
        t += dt.timedelta(minutes=1)


# --- the plain steps ------------------------------------------------------------------------------


class PlainStep:
    """Ordinals and a rank table; the office arithmetic per call (receipts on whole minutes)."""

    def __init__(self, days: WorkingDays) -> None:
        self.first = days.first
        self.mask = days.mask
        rank, count = [], 0
        for m in days.mask:
            count += m
            rank.append(count)
        self.rank = rank
        self.dates = [
            dt.date.fromordinal(o)
            for o, m in zip(range(days.first, days.last + 1), days.mask, strict=True)
            if m
        ]

    def due(self, received: dt.datetime, n: int) -> dt.datetime:
        i = received.toordinal() - self.first
        m = self.mask[i]
        if m:
            minute = received.hour * 60 + received.minute
            if minute <= 480:
                elapsed = 0
            elif minute < 720:
                elapsed = minute - 480
            elif minute <= 780:
                elapsed = 240
            elif minute < 1020:
                elapsed = minute - 540
            else:
                elapsed = 480
        else:
            elapsed = 0
        q, r = divmod((self.rank[i] - m + n) * 480 + elapsed - 1, 480)
        tod = 481 + r if r < 240 else 541 + r
        day = self.dates[q]
        return dt.datetime(day.year, day.month, day.day, tod // 60, tod % 60, tzinfo=VN)


class TabledStep(PlainStep):
    """The plain step with its per-call arithmetic replaced by tables."""

    def __init__(self, days: WorkingDays) -> None:
        super().__init__(days)
        self.elapsed = [
            0
            if m <= 480
            else m - 480
            if m < 720
            else 240
            if m <= 780
            else m - 540
            if m < 1020
            else 480
            for m in range(1440)
        ]
        self.times = [dt.time(0)] + [
            dt.time(*divmod(480 + r if r <= 240 else 540 + r, 60)) for r in range(1, 481)
        ]

    def due(self, received: dt.datetime, n: int) -> dt.datetime:
        i = received.toordinal() - self.first
        m = self.mask[i]
        elapsed = self.elapsed[received.hour * 60 + received.minute] if m else 0
        q, r = divmod((self.rank[i] - m + n) * 480 + elapsed - 1, 480)
        return dt.datetime.combine(self.dates[q], self.times[r + 1], VN)


def businesstimedelta_peer(days: WorkingDays) -> Any:
    import businesstimedelta as btd  # noqa: PLC0415 - optional peer

    off = {
        dt.date.fromordinal(o)
        for o, m in zip(range(days.first, days.last + 1), days.mask, strict=True)
        if not m and dt.date.fromordinal(o).weekday() < 5
    }
    rules = btd.Rules(
        [
            btd.WorkDayRule(
                start_time=dt.time(8), end_time=dt.time(17), working_days=[0, 1, 2, 3, 4]
            ),
            btd.LunchTimeRule(
                start_time=dt.time(12), end_time=dt.time(13), working_days=[0, 1, 2, 3, 4]
            ),
            # A day off after the data (never reached): its HolidayRule fails when no holiday
            # lies within five years of the instant.
            btd.HolidayRule(off | {dt.date(2029, 12, 31)}),
        ]
    )
    deltas = {n: btd.BusinessTimeDelta(rules, hours=8 * n) for n in range(1, 31)}

    def due(received: dt.datetime, n: int) -> dt.datetime:
        return (received.replace(tzinfo=None) + deltas[n]).replace(tzinfo=VN)

    return due


# --- timing ---------------------------------------------------------------------------------------


def interleaved(loops: dict[str, tuple[Any, int]], repeats: int) -> dict[str, float]:
    """Best seconds per call of each peer's loop; the repeats alternate between the peers."""
    best = dict.fromkeys(loops, float("inf"))
    gc.disable()
    try:
        for _ in range(repeats):
            for name, (loop, count) in loops.items():
                t0 = time.perf_counter()
                loop()
                best[name] = min(best[name], (time.perf_counter() - t0) / count)
    finally:
        gc.enable()
    return best


def main() -> int:  # noqa: PLR0915 - one linear script
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--memory", action="store_true", help="also the batch at 16,000,000 rows")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--oracle",
        type=Path,
        default=Path(os.environ.get("TTHC_RESEARCH_JSON", DEFAULT_ORACLE)),
        help="research calendar JSON (default: ../shared/research/vn_calendar.json)",
    )
    args = parser.parse_args()
    n_scalar = 20_000 if args.quick else 200_000
    n_batch = 400_000 if args.quick else 4_000_000
    n_peer = 300 if args.quick else 1_000
    n_oracle = 300 if args.quick else 1_000
    repeats = 5
    warnings.simplefilter("error", ProvisionalCalendarWarning)  # the inputs stay in official years
    started = time.perf_counter()
    print("tthc deadline benchmark" + (" (--quick)" if args.quick else ""))
    print(
        f"Python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs, {load()}"
    )

    cal = tthc.vietnam_calendar()
    found = research_days(args.oracle)
    if found is None:
        days = WorkingDays(cal.is_working_day, range(2013, 2028), "tthc's own calendar")
        print(
            f"oracle: ABSENT ({args.oracle} not found). Wrong answers are NOT counted: tthc's own "
            "calendar is no oracle for itself. The plain steps use tthc's calendar."
        )
    else:
        off, on, years = found
        days = WorkingDays(
            lambda d: d in on or (d.weekday() < 5 and d not in off),
            years,
            args.oracle.name,
        )
        print(
            f"oracle: minute-stepping over the research data {args.oracle.name} "
            f"({years[0]}-{years[-1]}); the plain steps use the same data"
        )

    rng = random.Random(args.seed)
    span = int((LAST - FIRST).total_seconds() // 60)
    items = [
        (FIRST + dt.timedelta(minutes=rng.randrange(span)), rng.randint(1, 30))
        for _ in range(n_scalar)
    ]
    durations = {n: tthc.Duration.working_days(n) for n in range(1, 31)}
    tthc_items = [(r, durations[n]) for r, n in items]
    plain, tabled = PlainStep(days), TabledStep(days)

    # Each peer's loop calls it the way a user would, directly (no wrapper around any of them).
    compute = tthc.compute_deadline

    def tthc_loop() -> None:
        for r, d in tthc_items:
            compute(r, d, calendar=cal)

    def plain_loop() -> None:
        due = plain.due
        for r, n in items:
            due(r, n)

    def tabled_loop() -> None:
        due = tabled.due
        for r, n in items:
            due(r, n)

    peers: dict[str, tuple[Any, list[tuple[Any, ...]]]] = {
        "tthc.compute_deadline": (functools.partial(compute, calendar=cal), tthc_items),
        "plain step (rank table)": (plain.due, items),
        "tabled step": (tabled.due, items),
    }
    loops: dict[str, tuple[Any, int]] = {
        "tthc.compute_deadline": (tthc_loop, n_scalar),
        "plain step (rank table)": (plain_loop, n_scalar),
        "tabled step": (tabled_loop, n_scalar),
    }
    try:
        btd_due = businesstimedelta_peer(days)
    except ImportError:
        print("businesstimedelta: skipped (not installed)")
    else:
        btd_items = items[:n_peer]

        def btd_loop() -> None:
            for r, n in btd_items:
                btd_due(r, n)

        peers["businesstimedelta"] = (btd_due, btd_items)
        loops["businesstimedelta"] = (btd_loop, n_peer)
    for fn, some in peers.values():  # warm-up: builds tthc's index and tables
        for args_ in some[:1000]:
            fn(*args_)
    best = interleaved(loops, repeats)

    tthc_call = peers["tthc.compute_deadline"][0]
    answers = [tthc_call(r, d).due_at for r, d in tthc_items]
    sample = range(n_oracle)  # the inputs are random: the first ones are a random sample
    expected = {i: oracle(days, *items[i]) for i in sample} if found is not None else {}
    print(
        f"\nScalar: {n_scalar:,} receipts (whole minutes, {FIRST:%Y-%m-%d}..{LAST:%Y-%m-%d}), "
        f"1-30 working days; best of {repeats}, interleaved"
    )
    print(
        f"{'peer':26} {'per call':>10} {'× tthc':>8} {'wrong (oracle sample)':>24} {'≠ tthc':>14}  notes"
    )
    tthc_s = best["tthc.compute_deadline"]
    for name, (fn, sample_items) in peers.items():
        got = answers if name.startswith("tthc") else [fn(*a) for a in sample_items]
        differ = sum(a != b for a, b in zip(got, answers, strict=False))
        if expected:
            checked = [i for i in sample if i < len(got) and expected[i] is not None]
            wrong = f"{sum(got[i] != expected[i] for i in checked):,} / {len(checked):,}"
        else:
            wrong = "not counted"
        note = {
            "tthc.compute_deadline": "the Deadline answer (explanation lazy)",
            "plain step (rank table)": "the floor of the target; no checks, no answer object",
            "tabled step": "reference: per-minute tables, no arithmetic",
            "businesstimedelta": f"first {len(sample_items):,} inputs; no working Saturdays",
        }[name]
        print(
            f"{name:26} {best[name] * 1e9:8.0f} ns {best[name] / tthc_s:7.2f}× {wrong:>24} "
            f"{differ:>8,} / {len(got):,}  {note}"
        )

    # --- batch ---
    nrng = np.random.default_rng(args.seed)
    start = np.datetime64("2019-01-01T00:00", "us") - np.timedelta64(7, "h")  # 00:00 +07 in UTC
    minutes = nrng.integers(0, (8 * 365 - 70) * 1440, n_batch)
    received = start + minutes.astype("timedelta64[m]").astype("timedelta64[us]")
    ndays = nrng.integers(1, 31, n_batch)
    unit = tthc.DurationUnit.WORKING_DAYS
    compute_deadlines(received[:1000], ndays[:1000], unit=unit, tz="UTC")
    batch_s = float("inf")
    gc.disable()
    for _ in range(repeats):
        t = time.perf_counter()
        due = compute_deadlines(received, ndays, unit=unit, tz="UTC")
        batch_s = min(batch_s, time.perf_counter() - t)
    gc.enable()
    tracemalloc.start()
    compute_deadlines(received, ndays, unit=unit, tz="UTC")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    check = nrng.choice(n_batch, 2_000 if args.quick else 20_000, replace=False)
    mismatch = 0
    for i in check.tolist():
        r = received[i].astype(dt.datetime).replace(tzinfo=dt.UTC).astimezone(VN)
        want = tthc.compute_deadline(r, durations[int(ndays[i])], calendar=cal).due_at
        mismatch += due[i].astype(dt.datetime).replace(tzinfo=dt.UTC) != want
    per_row = batch_s / n_batch
    print(
        f"\nBatch: {n_batch:,} rows (datetime64[us] UTC receipts, integer working days), best of {repeats}"
    )
    print(
        f"{'compute_deadlines':26} {batch_s:8.3f} s {per_row * 1e9:7.1f} ns/row; traced peak "
        f"{peak / 2**20:,.0f} MiB (inputs {(received.nbytes + ndays.nbytes) / 2**20:,.0f} MiB, "
        f"result {due.nbytes / 2**20:,.0f} MiB); {mismatch} different from the scalar of "
        f"{len(check):,} sampled rows"
    )
    print(
        f"{'plain step, extrapolated':26} {best['plain step (rank table)'] * n_batch:8.1f} s "
        f"({best['plain step (rank table)'] / per_row:,.0f}× the batch)"
    )
    memory_line = "batch memory at 16 M rows: not measured (--memory)"
    ok_memory = True
    if args.memory:
        big = 16_000_000
        minutes = nrng.integers(0, (8 * 365 - 70) * 1440, big)
        received = start + minutes.astype("timedelta64[m]").astype("timedelta64[us]")
        ndays = nrng.integers(1, 31, big)
        del minutes, due
        tracemalloc.start()
        out = compute_deadlines(received, ndays, unit=unit, tz="UTC")
        peak16 = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        extra = peak16 - out.nbytes
        ok_memory = extra <= TARGET_MEMORY
        memory_line = (
            f"batch memory at 16 M rows: traced peak {peak16 / 2**20:,.0f} MiB, of which the "
            f"result {out.nbytes / 2**20:,.0f} MiB; extra {extra / 2**20:,.0f} MiB "
            f"(<= 1 GiB: {'met' if ok_memory else 'MISSED'})"
        )
    ratio = tthc_s / best["plain step (rank table)"]
    print()
    print(memory_line)
    print(
        f"VERDICT: scalar {tthc_s * 1e9:.0f} ns = {ratio:.2f}× the plain step (<= {TARGET_RATIO}×: "
        f"{'met' if ratio <= TARGET_RATIO else 'MISSED'}); "
        f"{tthc_s / best['tabled step']:.2f}× the tabled step; batch {per_row * 1e9:.1f} ns/row "
        f"(<= {TARGET_BATCH_NS:.0f}: {'met' if per_row * 1e9 <= TARGET_BATCH_NS else 'MISSED'}); "
        f"batch vs scalar differences {mismatch}"
    )
    print(f"total {time.perf_counter() - started:.0f} s, {load()}")
    tthc_wrong = (
        sum(answers[i] != expected[i] for i in sample if expected.get(i) is not None)
        if expected
        else 0
    )
    return 1 if tthc_wrong or mismatch else 0


if __name__ == "__main__":
    sys.exit(main())
