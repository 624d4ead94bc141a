"""Benchmark: per-step due instants and late flags for a year of step rows, in one run.

Run:  python benchmarks/bench_steps.py             (4,000,000 dossiers x 5 steps = 20,000,000 rows)
      python benchmarks/bench_steps.py --quick     (100,000 dossiers, a smoke run)

What is compared, in the same run and interleaved (A, B, A, B, ...; best of each):

* A: tthc.analytics.steps.step_times over the whole step table (synthetic_steps, compact arrays:
  UTC datetime64 columns and a categorical budget): due instant, office time used and allowed,
  late flag for every row;
* B: tthc.deadlines.compute_deadlines over one receipt per dossier (the same dossiers' receipts,
  10 working days): the batch deadline calculator, per receipt;
* C: step_times over the same table with ``pauses=``: 5 % of the dossiers wait two days for the
  applicant, from a day after their first step (no target; its cost against A is printed).

The target of issue 19: step_times takes no more time per row than compute_deadlines per
receipt, and its peak memory (tracemalloc: Python and numpy allocations during the call, the
result included, the input table not) is at most 150 bytes per row.

Also: a per-row Python loop (scalar compute_deadline for the due instant, office positions for
the time used) on a sample of rows, **extrapolated** to the whole table; its answers are checked
against step_times (``wrong``). The load average is printed, as the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import time
import tracemalloc

import numpy as np
import pandas as pd

import tthc
from tthc.analytics.steps import step_times
from tthc.analytics.synthetic import synthetic_steps
from tthc.deadlines import compute_deadline, compute_deadlines
from tthc.dossiers._steps_records import _Clock

AS_OF = dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ)
TARGET_BYTES_PER_ROW = 150
BUDGETS = ("4 giờ làm việc", "5 ngày làm việc", "1 ngày làm việc")


def human(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def loop(table: dict[str, np.ndarray], rows: np.ndarray) -> list[tuple[int, int, bool]]:
    """(due µs UTC, used µs, late) per sampled row, one scalar call at a time."""
    cal = tthc.vietnam_calendar()
    clock = _Clock(cal, tthc.DeadlinePolicy())
    durations = [tthc.Duration.parse(text) for text in BUDGETS]
    as_of = AS_OF
    out = []
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    for r in rows.tolist():
        start = epoch + dt.timedelta(microseconds=int(table["started_at"][r].astype(np.int64)))
        raw = table["finished_at"][r]
        finished = (
            None if np.isnat(raw) else epoch + dt.timedelta(microseconds=int(raw.astype(np.int64)))
        )
        budget = durations[int(table["budget"][r])]
        due = compute_deadline(start, budget, calendar=cal).due_at
        end = finished if finished is not None and finished <= as_of else max(as_of, start)
        used = clock.position(end) - clock.position(start)
        out.append(
            (
                int((due - epoch) / dt.timedelta(microseconds=1)),
                used,
                used > clock.allowed_us(budget),
            )
        )
    return out


def main() -> int:  # noqa: PLR0915 - one report, top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dossiers", type=int, default=4_000_000)
    parser.add_argument("--sample", type=int, default=20_000, help="rows timed for the loop")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of A and B")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--quick", action="store_true", help="100,000 dossiers, 2,000 samples")
    args = parser.parse_args()
    if args.quick:
        args.dossiers, args.sample = 100_000, 2_000
    print(
        f"tthc {tthc.__version__}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}; {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {load()}"
    )
    t0 = time.perf_counter()
    arrays = synthetic_steps(args.dossiers, seed=args.seed, as_frame=False)
    rows = len(arrays["started_at"])
    print(
        f"synthetic_steps({args.dossiers:,}): {rows:,} rows in {human(time.perf_counter() - t0)}"
    )
    table = {
        "started_at": arrays["started_at"],
        "finished_at": arrays["finished_at"],
        "budget": pd.Categorical.from_codes(arrays["budget"], categories=pd.Index(BUDGETS)),
    }
    first = np.flatnonzero(arrays["step"] == 0)
    receipts = arrays["started_at"][first]  # one receipt per dossier (its first step's start)
    ten_days = tthc.Duration.working_days(10)

    def run_a() -> dict[str, np.ndarray]:
        result: dict[str, np.ndarray] = step_times(table, as_of=AS_OF, tz="UTC")
        return result

    def run_b() -> np.ndarray:
        return np.asarray(compute_deadlines(receipts, ten_days, tz="UTC"))

    rng_waits = np.random.default_rng(args.seed + 1)
    waiting = np.flatnonzero(rng_waits.random(len(first)) < 0.05)
    paused_at = receipts[waiting] + np.timedelta64(1, "D")
    waits = {
        "dossier_code": arrays["dossier_code"][first][waiting],
        "paused_at": paused_at,
        "resumed_at": paused_at + np.timedelta64(2, "D"),
    }
    table_c = {**table, "dossier_code": arrays["dossier_code"]}

    def run_c() -> dict[str, np.ndarray]:
        result: dict[str, np.ndarray] = step_times(table_c, as_of=AS_OF, tz="UTC", pauses=waits)
        return result

    # Warm-up: imports, the calendar index, the office index.
    step_times({k: v[:1000] for k, v in table.items()}, as_of=AS_OF, tz="UTC")
    step_times({k: v[:1000] for k, v in table_c.items()}, as_of=AS_OF, tz="UTC", pauses=waits)
    compute_deadlines(receipts[:1000], ten_days, tz="UTC")
    times_a: list[float] = []
    times_b: list[float] = []
    times_c: list[float] = []
    result: dict[str, np.ndarray] = {}
    for k in range(args.rounds):
        print(f"round {k + 1}: {load()}")
        gc.collect()
        t = time.perf_counter()
        result = run_a()
        times_a.append(time.perf_counter() - t)
        del result
        gc.collect()
        t = time.perf_counter()
        run_b()
        times_b.append(time.perf_counter() - t)
        gc.collect()
        t = time.perf_counter()
        paused = run_c()["paused"]
        times_c.append(time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    result = run_a()
    peak_a = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    gc.collect()
    tracemalloc.start()
    run_b()
    peak_b = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    rng = np.random.default_rng(args.seed)
    sample = np.sort(rng.choice(rows, size=min(args.sample, rows), replace=False))
    t = time.perf_counter()
    answers = loop(arrays, sample)
    loop_s = time.perf_counter() - t
    due = result["due_at"].view(np.int64)
    used = result["used"].view(np.int64)
    late = result["late"]
    wrong = sum(
        (d, u, bool(x)) != (int(due[i]), int(used[i]), bool(late[i]))
        for (d, u, x), i in zip(answers, sample.tolist(), strict=True)
    )

    best_a, best_b = min(times_a), min(times_b)
    per_row_a = best_a / rows
    per_receipt_b = best_b / len(receipts)
    per_row_loop = loop_s / len(sample)
    print()
    print(f"late steps: {int(late.sum()):,} of {rows:,} ({100 * late.mean():.1f} %)")
    print(
        f"A step_times:        {human(best_a)} for {rows:,} rows, {per_row_a * 1e9:6.1f} ns/row "
        f"(rounds: {', '.join(human(x) for x in times_a)}); peak {peak_a / 2**20:,.0f} MiB = "
        f"{peak_a / rows:.0f} bytes/row"
    )
    print(
        f"B compute_deadlines: {human(best_b)} for {len(receipts):,} receipts, "
        f"{per_receipt_b * 1e9:6.1f} ns/receipt (rounds: {', '.join(human(x) for x in times_b)}); "
        f"peak {peak_b / 2**20:,.0f} MiB"
    )
    best_c = min(times_c)
    print(
        f"C step_times, pauses: {human(best_c)} for {rows:,} rows, {best_c / rows * 1e9:6.1f} ns/row "
        f"(rounds: {', '.join(human(x) for x in times_c)}), {len(waiting):,} waits, "
        f"{int((paused.view(np.int64) > 0).sum()):,} rows paused: {best_c / best_a:.2f}× A"
    )
    print(
        f"per-row Python loop: {per_row_loop * 1e6:.1f} µs/row on {len(sample):,} rows, "
        f"{human(per_row_loop * rows)} extrapolated to {rows:,} rows = "
        f"{per_row_loop / per_row_a:,.0f}× step_times; wrong {wrong}"
    )
    ok_time = per_row_a <= per_receipt_b
    ok_memory = peak_a / rows <= TARGET_BYTES_PER_ROW
    print(
        f"VERDICT: time per step row / time per receipt = {per_row_a / per_receipt_b:.2f} "
        f"(target <= 1: {'PASS' if ok_time else 'FAIL'}); peak {peak_a / rows:.0f} bytes/row "
        f"(target <= {TARGET_BYTES_PER_ROW}: {'PASS' if ok_memory else 'FAIL'}); loop answers "
        f"different from step_times: {wrong}; {load()}"
    )
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
