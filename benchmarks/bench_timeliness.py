"""Benchmark: timeliness (Decision 766 indicator 2.1) for a year of dossiers, in one run.

Run:  python benchmarks/bench_timeliness.py            (4,000,000 synthetic rows)
      python benchmarks/bench_timeliness.py --quick    (200,000 rows, a smoke run)

What is compared, on the same synthetic table (tthc.analytics.synthetic.synthetic_dossiers, seed 2023,
the size of Hà Nội's 2023 intake), all classified as at 2024-01-01 00:00 Vietnam time:

* tthc.analytics.timeliness.classify_timeliness on the whole table (vectorised; best of 3);
* a per-row Python loop (``itertuples`` and the same rules written as plain Python on pandas
  Timestamps): the way the job is usually written. It is timed on a sample of rows and
  **extrapolated** to the full table (said in the output);
* pandas ``DataFrame.apply(axis=1)`` with the same function: timed on a sample, **extrapolated**.

Every method is timed best of 3, the rounds interleaved (tthc, loop, apply, tthc, ...). The
sample answers are compared with tthc's column (``≠ tthc`` counts the differences; there is no
independent oracle here, the loop is a second implementation of the same rule).
Peak memory: the ``tracemalloc`` peak during one classify_timeliness call (Python and numpy
allocations), and the process's peak resident size (``resource.getrusage``), which also holds
the table and its generation. Targets (issue 6): at most 2 s and 1 GB for 4,000,000 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import resource
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

import tthc
from tthc.analytics import classify_timeliness
from tthc.analytics.synthetic import synthetic_dossiers

AS_OF = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
ENDS = {3, 7, 8, 9, 10}
ONE_US = pd.Timedelta(microseconds=1)
ZONE = "Asia/Ho_Chi_Minh"
TARGET_S = 2.0
TARGET_BYTES = 1 << 30


def classify_row(status, received, due, finished, count, requested, as_of):  # noqa: PLR0917
    """The indicator 2.1 rules for one row, in plain Python (the loop's and apply's body)."""
    if pd.isna(received) or received > as_of:
        return None
    done = status in ENDS and not pd.isna(finished) and finished <= as_of
    if count > 1:
        return "late" if done else "overdue"
    if done:
        end = finished
    elif status == 5 and not pd.isna(requested) and requested <= as_of:
        end = requested
    else:
        end = as_of
    end_day = end.tz_convert(ZONE).date()
    due_day = (due - ONE_US).tz_convert(ZONE).date()  # a due instant at 24:00 is the day before
    if done:
        return "early" if end_day < due_day else "on_time" if end_day == due_day else "late"
    return "overdue" if end_day > due_day else "within_time"


def loop(frame: pd.DataFrame, as_of: pd.Timestamp) -> list[object]:
    columns = [
        "status",
        "received_at",
        "due_at",
        "finished_at",
        "supplement_requests",
        "supplement_requested_at",
    ]
    return [classify_row(*row, as_of) for row in frame[columns].itertuples(index=False, name=None)]


def with_apply(frame: pd.DataFrame, as_of: pd.Timestamp) -> list[object]:
    def one(row: pd.Series) -> object:
        return classify_row(
            row["status"],
            row["received_at"],
            row["due_at"],
            row["finished_at"],
            row["supplement_requests"],
            row["supplement_requested_at"],
            as_of,
        )

    return [None if pd.isna(v) else v for v in frame.apply(one, axis=1).tolist()]


def rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def human(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> int:  # noqa: PLR0915 - one report, top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=4_000_000)
    parser.add_argument(
        "--sample", type=int, default=20_000, help="rows timed for the Python peers"
    )
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--quick", action="store_true", help="200,000 rows and a 5,000-row sample")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.sample = 200_000, 5_000
    print(
        f"tthc {tthc.__version__}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}; {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )

    t0 = time.perf_counter()
    frame = synthetic_dossiers(args.rows, seed=args.seed)
    generated = time.perf_counter() - t0
    print(
        f"synthetic_dossiers({args.rows:,}, seed={args.seed}): {human(generated)}, "
        f"{frame.memory_usage(deep=True).sum() / 2**20:,.0f} MiB"
    )

    classify_timeliness(frame.iloc[:1000], as_of=AS_OF)  # warm-up (imports, calendar index)
    rng = np.random.default_rng(args.seed)
    sample_rows = np.sort(rng.choice(args.rows, size=min(args.sample, args.rows), replace=False))
    sample = frame.iloc[sample_rows]
    as_of = pd.Timestamp(AS_OF)
    # Every method timed the same way: best of 3, the rounds interleaved (tthc, loop, apply,
    # tthc, ...), so a burst of load hits them alike; the peers on the sample.
    peer_fns = (("per-row Python loop", loop), ("pandas apply(axis=1)", with_apply))
    times: list[float] = []
    peer_times: dict[str, list[float]] = {name: [] for name, _ in peer_fns}
    peer_answers: dict[str, list[object]] = {}
    result = None
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        result = classify_timeliness(frame, as_of=AS_OF)
        times.append(time.perf_counter() - t0)
        for name, fn in peer_fns:
            gc.collect()
            t0 = time.perf_counter()
            peer_answers[name] = fn(sample, as_of)
            peer_times[name].append(time.perf_counter() - t0)
    best = min(times)
    gc.collect()
    tracemalloc.start()
    classify_timeliness(frame, as_of=AS_OF)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if result is None:  # pragma: no cover - the loop ran three times
        return 2
    expected = result.astype(object).where(result.notna(), None).tolist()
    peers = []
    for name, fn in peer_fns:
        gc.collect()
        tracemalloc.start()
        fn(sample, as_of)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        elapsed = min(peer_times[name])
        answers = peer_answers[name]
        wrong = sum(a != expected[i] for a, i in zip(answers, sample_rows, strict=True))
        peers.append((name, elapsed, elapsed * args.rows / len(sample_rows), peak, wrong))

    counts = result.value_counts(dropna=False)
    print(
        "classes:",
        ", ".join(
            f"{k if isinstance(k, str) else 'not classified'} {v:,}" for k, v in counts.items()
        ),
    )
    print()
    table = [
        (
            "method",
            f"time for {args.rows:,} rows",
            "ratio vs tthc",
            "peak traced memory",
            "≠ tthc",
            "notes",
        ),
        (
            "tthc classify_timeliness",
            human(best),
            "1.0×",
            f"{traced_peak / 2**20:,.0f} MiB",
            "0",
            f"vectorised, best of 3 ({', '.join(human(t) for t in times)})",
        ),
    ]
    for name, elapsed, extrapolated, peak, wrong in peers:
        table.append(
            (
                name,
                f"{human(extrapolated)} (extrapolated)",
                f"{extrapolated / best:,.0f}×",
                f"{peak / 2**20:,.1f} MiB (sample)",
                f"{wrong:,}",
                (
                    f"timed on {len(sample_rows):,} rows, best of 3 interleaved: "
                    f"{human(elapsed)}, {elapsed / len(sample_rows) * 1e6:.1f} µs/row"
                ),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    for k, row in enumerate(table):
        print(" | ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[5]]))
        if k == 0:
            print("-" * (sum(widths) + 3 * 5 + len(row[5])))
    rss = rss_bytes()
    print()
    print(
        f"process peak resident size: {rss / 2**20:,.0f} MiB (the table, its generation and the "
        f"classification together)"
    )
    ok_time = best <= TARGET_S * args.rows / 4_000_000
    ok_memory = traced_peak <= TARGET_BYTES and rss <= TARGET_BYTES
    wrong_total = sum(p[4] for p in peers)
    print(
        f"VERDICT: {human(best)} for {args.rows:,} rows (target <= {TARGET_S * args.rows / 4_000_000:.2f} s: "
        f"{'PASS' if ok_time else 'FAIL'}); peak traced {traced_peak / 2**20:,.0f} MiB, process "
        f"{rss / 2**20:,.0f} MiB (target <= 1 GiB: {'PASS' if ok_memory else 'FAIL'}); "
        f"peers disagreeing with tthc: {wrong_total}"
    )
    return 0 if wrong_total == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
