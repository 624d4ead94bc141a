"""Benchmark: the appointment date (working-time policy), scalar and batch, against peers.

Run:  python benchmarks/bench_deadlines.py            (full: 200,000 scalar, 4,000,000 batch)
      python benchmarks/bench_deadlines.py --quick    (smaller, for a smoke run)

Peers, in one run:
* businesstimedelta (WorkDayRule 08:00-17:00 Mon-Fri + LunchTimeRule 12:00-13:00 + HolidayRule
  with every official day off): the usual Python answer to "N business hours later". It cannot
  express a Saturday made working, so it is wrong around those. It takes hundreds of µs per call,
  so it is timed on a sample and extrapolated (said in the output).
* a plain-Python exact working-time step (ordinals + bisect + divmod over a prebuilt table),
  written here: the floor for a Python-level scalar answer without an explanation object.

"Wrong" means a due instant different from tthc's; tthc's own answers are checked against a
minute-stepping oracle on a sample (and the test suite checks them exhaustively by property).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import sys
import time
import tracemalloc

import numpy as np

import tthc
from tthc.deadlines import compute_deadlines

VN = tthc.VN_TZ
DAY_US = 86_400_000_000
WORK_US = 8 * 3_600_000_000


def receipts(rng: random.Random, n: int) -> list[tuple[dt.datetime, int]]:
    """Random (receipt minute in 2019-01-01..2026-10-31, working days 1..30)."""
    start = dt.datetime(2019, 1, 1, tzinfo=VN)
    span = int((dt.datetime(2026, 10, 31, tzinfo=VN) - start).total_seconds() // 60)
    return [
        (start + dt.timedelta(minutes=rng.randrange(span)), rng.randint(1, 30)) for _ in range(n)
    ]


def oracle(cal: tthc.WorkingCalendar, received: dt.datetime, days: int) -> dt.datetime:
    """Minute-stepping oracle: count office minutes (08-12, 13-17 on working days)."""
    need = days * 480
    t = received.replace(second=0, microsecond=0)
    if t < received:
        t += dt.timedelta(minutes=1)
    while True:
        minute = t.hour * 60 + t.minute
        if cal.is_working_day(t.date()) and (480 <= minute < 720 or 780 <= minute < 1020):
            need -= 1
            if need == 0:
                return t + dt.timedelta(minutes=1)
        t += dt.timedelta(minutes=1)


class PlainStep:
    """An exact working-time step in plain Python (no explanation, fixed 8-hour days)."""

    def __init__(self, cal: tthc.WorkingCalendar) -> None:
        first = dt.date(2013, 1, 1).toordinal()
        last = dt.date(2027, 12, 31).toordinal()
        self.working = [
            o for o in range(first, last + 1) if cal.is_working_day(dt.date.fromordinal(o))
        ]
        self.first = first

    def due(self, received: dt.datetime, days: int) -> dt.datetime:
        o = received.toordinal()
        minute = received.hour * 60 + received.minute
        k = bisect.bisect_left(self.working, o)
        if k < len(self.working) and self.working[k] == o:
            elapsed = min(max(minute - 480, 0), 240) + min(max(minute - 780, 0), 240)
        else:
            elapsed = 0
        position = k * 480 + elapsed + days * 480
        q, r = divmod(position - 1, 480)
        r += 1
        tod = 480 + r if r <= 240 else 780 + r - 240
        return dt.datetime.fromordinal(self.working[q]).replace(tzinfo=VN) + dt.timedelta(
            minutes=tod
        )


def per_call(fn, items, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for args in items:
            fn(*args)
        best = min(best, time.perf_counter() - t)
    return best / len(items)


def main() -> int:  # noqa: PLR0915 - one linear script
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    args = parser.parse_args()
    n_scalar = 20_000 if args.quick else 200_000
    n_batch = 400_000 if args.quick else 4_000_000
    n_peer = 500 if args.quick else 2_000
    rng = random.Random(20261125)
    cal = tthc.vietnam_calendar()
    items = receipts(rng, n_scalar)
    durations = {d: tthc.Duration.working_days(d) for d in range(1, 31)}
    scalar_items = [(r, durations[d]) for r, d in items]

    # tthc scalar
    tthc_s = per_call(lambda r, d: tthc.compute_deadline(r, d, calendar=cal), scalar_items)
    answers = [tthc.compute_deadline(r, d, calendar=cal).due_at for r, d in scalar_items]

    # tthc vs the minute-stepping oracle, on a sample
    sample = rng.sample(range(n_scalar), 300 if args.quick else 1_000)
    tthc_wrong = sum(oracle(cal, items[i][0], items[i][1]) != answers[i] for i in sample)

    # plain-Python exact step
    plain = PlainStep(cal)
    plain_s = per_call(plain.due, items)
    plain_wrong = sum(plain.due(r, d) != a for (r, d), a in zip(items, answers, strict=True))

    rows = [
        (
            "tthc.compute_deadline (scalar)",
            tthc_s,
            1.0,
            f"{tthc_wrong}/{len(sample)} vs oracle",
            "",
        ),
        (
            "plain-Python exact step",
            plain_s,
            plain_s / tthc_s,
            f"{plain_wrong}/{n_scalar}",
            "no explanation, fixed 8 h days",
        ),
    ]

    # businesstimedelta on a sample, extrapolated
    try:
        import businesstimedelta as btd  # noqa: PLC0415 - optional peer

        days_off = {e.day for e in cal.entries if e.kind is tthc.EntryKind.DAY_OFF}
        rule = btd.Rules(
            [
                btd.WorkDayRule(
                    start_time=dt.time(8), end_time=dt.time(17), working_days=[0, 1, 2, 3, 4]
                ),
                btd.LunchTimeRule(
                    start_time=dt.time(12), end_time=dt.time(13), working_days=[0, 1, 2, 3, 4]
                ),
                btd.HolidayRule(days_off),
            ]
        )
        peer_items = [items[i] for i in range(n_peer)]
        deltas = {d: btd.BusinessTimeDelta(rule, hours=8 * d) for d in range(1, 31)}

        def btd_due(r: dt.datetime, d: int) -> dt.datetime:
            naive = r.replace(tzinfo=None)
            out = naive + deltas[d]
            return out.replace(tzinfo=None).replace(tzinfo=VN)

        btd_s = per_call(btd_due, peer_items, repeat=1)
        wrong = saturday = 0
        for i, (r, d) in enumerate(peer_items):
            got = btd_due(r, d)
            if got != answers[i]:
                wrong += 1
                day = r.date()
                while day <= answers[i].date():
                    entry = cal.entry(day)
                    if entry is not None and entry.kind is tthc.EntryKind.EXTRA_WORKING_DAY:
                        saturday += 1
                        break
                    day += dt.timedelta(days=1)
        rows.append(
            (
                "businesstimedelta",
                btd_s,
                btd_s / tthc_s,
                f"{wrong}/{n_peer} ({100 * wrong / n_peer:.1f} %)",
                f"sample of {n_peer}, extrapolated; {saturday} of the wrong span a working Saturday",
            )
        )
    except ImportError:
        rows.append(
            ("businesstimedelta", float("nan"), float("nan"), "-", "skipped: not installed")
        )

    print(
        f"Scalar: {n_scalar:,} random (receipt, 1-30 working days), 2019-2026, working-time policy"
    )
    print(f"{'peer':34} {'per call':>12} {'× tthc':>9}  {'wrong':>18}  notes")
    for name, sec, ratio, wrong_s, note in rows:
        print(f"{name:34} {sec * 1e6:9.2f} µs {ratio:9.1f}  {wrong_s:>18}  {note}")

    # Batch
    nrng = np.random.default_rng(20261125)
    start = np.datetime64("2019-01-01T00:00", "us") - np.timedelta64(7, "h")  # 00:00 +07 in UTC
    minutes = nrng.integers(0, (8 * 365 - 70) * 1440, n_batch)
    received = start + minutes.astype("timedelta64[m]").astype("timedelta64[us]")
    ndays = nrng.integers(1, 31, n_batch)
    compute_deadlines(received[:1000], ndays[:1000], unit=tthc.DurationUnit.WORKING_DAYS, tz="UTC")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        due = compute_deadlines(received, ndays, unit=tthc.DurationUnit.WORKING_DAYS, tz="UTC")
        best = min(best, time.perf_counter() - t)
    tracemalloc.start()
    compute_deadlines(received, ndays, unit=tthc.DurationUnit.WORKING_DAYS, tz="UTC")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    check = nrng.choice(n_batch, 20_000 if not args.quick else 2_000, replace=False)
    mismatch = 0
    for i in check.tolist():
        r = received[i].astype(dt.datetime).replace(tzinfo=dt.UTC).astimezone(VN)
        want = tthc.compute_deadline(r, durations[int(ndays[i])], calendar=cal).due_at
        got = due[i].astype(dt.datetime).replace(tzinfo=dt.UTC)
        mismatch += got != want
    per_row = best / n_batch
    print()
    print(f"Batch: {n_batch:,} rows (numpy datetime64 receipts, integer working days)")
    print(
        f"{'tthc.compute_deadlines':34} {best:8.3f} s  {per_row * 1e9:7.1f} ns/row  peak {peak / 2**20:6.0f} MiB"
    )
    print(f"{'  vs scalar on a sample':34} {mismatch} different of {len(check):,}")
    if len(rows) > 2 and rows[2][1] == rows[2][1]:
        print(
            f"{'  businesstimedelta, extrapolated':34} {rows[2][1] * n_batch:8.0f} s  ({rows[2][1] / per_row:,.0f}× slower)"
        )
    print(
        f"{'  plain-Python step, extrapolated':34} {plain_s * n_batch:8.1f} s  ({plain_s / per_row:,.0f}× slower)"
    )
    print()
    ok_scalar = tthc_s <= 3e-6
    ok_batch = per_row <= 50e-9
    print(
        f"Targets: scalar ≤ 3 µs: {'met' if ok_scalar else 'MISSED'} ({tthc_s * 1e6:.2f} µs); "
        f"batch ≤ 50 ns/row: {'met' if ok_batch else 'MISSED'} ({per_row * 1e9:.1f} ns); "
        f"wrong answers: {tthc_wrong + mismatch}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
