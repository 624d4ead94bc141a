"""Benchmark the costs that hostile input used to blow up (issue 17).

Run from the repository root::

    python benchmarks/bench_hostile.py            # the sizes of the issue
    python benchmarks/bench_hostile.py --quick    # a tenth of them, for CI smoke tests

Each line times one reproducer of the issue and, where there is one, the same work on good
input, and prints the ratio. Timings never fail the run; the tests check the bounds by counting.

* ``Duration.parse`` of 1 MB of text (87 s before: now refused by its length);
* ``load_procedures`` of 20,000 bad records against 20,000 good ones (20× before);
* ``load_procedures([{}] * 100_000)`` (more than ten minutes before), with the peak memory;
* ``Dossier.apply_all`` of 2,000 events (2.5 s before).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import resource
import time
from typing import TYPE_CHECKING, Any

from tthc.deadlines import VN_TZ
from tthc.dossiers import (
    Dossier,
    ProcessingStarted,
    Received,
    SupplementRequested,
    SupplementSupplied,
)
from tthc.durations import Duration
from tthc.errors import DurationParseError, LoadError
from tthc.io import load_procedures
from tthc.procedures import Channel

if TYPE_CHECKING:
    from collections.abc import Callable

GOOD: dict[str, Any] = {
    "code": "1.000000",
    "name": "Thủ tục (ví dụ)",
    "cases": [{"channels": [{"channel": 2, "processing_time": "3 ngày làm việc"}]}],
}
BAD: dict[str, Any] = {**GOOD, "code": "1.1", "name": ""}


def _time(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(LoadError, DurationParseError):
        call()
    return time.perf_counter() - start


def _history(pairs: int) -> tuple[Dossier, list[Any]]:
    at = dt.datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
    dossier = Dossier(
        code="000.00.10.H26-260302-00001",
        procedure_code="1.000000",
        channel=Channel.ONLINE,
        submitted_at=at,
        processing_time=Duration.working_days(3),
    )
    events: list[Any] = [Received(at=at), ProcessingStarted(at=at)]
    for i in range(pairs):
        t = at + dt.timedelta(minutes=2 * i + 1)
        events += [SupplementRequested(at=t), SupplementSupplied(at=t + dt.timedelta(minutes=1))]
    return dossier, events


def main() -> None:
    """Run the reproducers and print their times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    scale = 10 if parser.parse_args().quick else 1
    text = "5 ngày làm việc " * (62_500 // scale)
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"Duration.parse, {len(text):,} characters: {_time(lambda: Duration.parse(text)):.4f} s")
    n = 20_000 // scale
    good = _time(lambda: load_procedures([GOOD] * n))
    bad = _time(lambda: load_procedures([BAD] * n))
    print(
        f"load_procedures, {n:,} records: good {good:.2f} s, bad {bad:.2f} s ({bad / good:.1f}×)"
    )
    empty = 100_000 // scale
    seconds = _time(lambda: load_procedures([{}] * empty))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load_procedures([{{}}] * {empty:,}): {seconds:.2f} s, peak {peak:.0f} MiB")
    dossier, events = _history(1_000 // scale)
    print(
        f"Dossier.apply_all, {len(events):,} events: {_time(lambda: dossier.apply_all(events)):.3f} s"
    )
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
