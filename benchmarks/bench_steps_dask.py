"""Benchmark: where the time goes in 200,000,000 step rows on a Dask LocalCluster, per core.

Run:  python benchmarks/bench_steps_dask.py           (40,000,000 dossiers x 5 steps, ~198 M rows)
      python benchmarks/bench_steps_dask.py --quick   (2,000,000 dossiers, a smoke run)

Needs ``pip install -e '.[dask]'`` (dask[dataframe], distributed; psutil comes with distributed).

The work of one partition is the same for every peer: ``synthetic_steps(dossiers, seed=...,
as_frame=False)`` (1,000,000 dossiers, about 4.9 M step rows: integer codes for agency,
department and step, UTC instants, a categorical budget), then ``step_times``, then the partial
value counts of ``tthc.analytics.steps_dask`` (per agency, department and step, the steps per
distinct office time used and budget). The partials are added up and the table finalized at the
end. On the clusters the data is drawn **inside the workers** from seeds: no step row passes
through the client.

* A, one process (this one, one core): the partitions one after the other.
* A2, ``--workers`` plain processes (``concurrent.futures``, no Dask), the partitions shared
  between them: what this machine's cores give for this work with no scheduler at all.
* B, a ``distributed.LocalCluster`` of ``--workers`` processes x 1 thread with distributed's
  defaults: ``steps_dask.where_time_goes(dd.from_map(partition, seeds))``.
* B', the same cluster with its workers started without ``MALLOC_TRIM_THRESHOLD_`` (distributed
  sets it to 65536 by default, which turns off glibc's adaptive mmap threshold: every large
  numpy temporary is then mapped and faulted in afresh).

A, A2, B and B' alternate over the same ``--k`` partitions (``--rounds`` each; the load average
printed each round), and their tables must be identical. Throughput per core is rows/s for A and
rows/s / workers for the others; the target of issue 19 is cluster per core >= A per core (best
round of each; medians printed too). A2 / A is the ceiling the machine allows. Then C: every
partition (the full table) on each cluster, timed once, with the peak resident size of each
worker (psutil, sampled every 20 ms).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import multiprocessing
import os
import platform
import resource
import statistics
import threading
import time
from typing import Any, Self

import dask
import dask.dataframe as dd
import distributed
import numpy as np
import pandas as pd
import psutil

import tthc
from tthc.analytics import _time_counts, steps_dask
from tthc.analytics.steps import step_times
from tthc.analytics.synthetic import synthetic_steps

AS_OF = dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ)
BUDGETS = pd.Index(["4 giờ làm việc", "5 ngày làm việc", "1 ngày làm việc"])
KEYS = ["agency", "department", "step"]
OPTIONS: dict[str, Any] = {
    "as_of": AS_OF,
    "policy": None,
    "office_hours": None,
    "tz": "UTC",
    "columns": None,
}
META = pd.DataFrame(
    {
        "step": np.zeros(0, np.int8),
        "agency": np.zeros(0, np.int8),
        "department": np.zeros(0, np.int8),
        "started_at": np.zeros(0, "datetime64[us]"),
        "finished_at": np.zeros(0, "datetime64[us]"),
        "budget": pd.Categorical.from_codes(np.zeros(0, np.int8), categories=BUDGETS),
    }
)


def partition(job: tuple[int, int]) -> pd.DataFrame:
    """The step rows of ``dossiers`` synthetic dossiers drawn from ``seed`` (compact columns)."""
    seed, dossiers = job
    a = synthetic_steps(dossiers, seed=seed, as_frame=False)
    return pd.DataFrame(
        {
            "step": a["step"],
            "agency": a["agency"],
            "department": a["department"],
            "started_at": a["started_at"],
            "finished_at": a["finished_at"],
            "budget": pd.Categorical.from_codes(a["budget"], categories=BUDGETS),
        }
    )


def human(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


class Sampler:
    """Samples the resident size of some processes in a thread; keeps each one's peak."""

    def __init__(self, pids: dict[str, int], every: float = 0.02) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.every = every
        self.peak = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, process in self.processes.items():
                try:
                    rss = process.memory_info().rss
                except psutil.Error:
                    continue
                self.peak[name] = max(self.peak[name], rss)
            self._stop.wait(self.every)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --- the two sides -------------------------------------------------------------------------------


Stages = dict[str, float]
STAGES = ("draw", "step_times", "counts", "merge")


def partial(job: tuple[int, int], stages: Stages) -> Any:
    """Draw one partition, its step times and its partial counts (as steps_dask does)."""
    t0 = time.perf_counter()
    part = partition(job)
    t1 = time.perf_counter()
    times = step_times(part, calendar=tthc.vietnam_calendar(), **OPTIONS)
    t2 = time.perf_counter()
    counts = _time_counts.count_frame(part, KEYS, times)
    stages["draw"] += t1 - t0
    stages["step_times"] += t2 - t1
    stages["counts"] += time.perf_counter() - t2
    return counts, len(part), {}


def finish(partials: list[Any], stages: Stages) -> tuple[pd.DataFrame, int]:
    """Add the partials up and finalize the table; the table and the rows."""
    t0 = time.perf_counter()
    table = _time_counts.finalize(steps_dask._final_counts(partials))  # noqa: SLF001
    stages["merge"] += time.perf_counter() - t0
    return table, sum(n for _, n, _ in partials)


def single_process(jobs: list[tuple[int, int]], stages: Stages) -> tuple[pd.DataFrame, int]:
    """A: every partition in this process, one after the other."""
    return finish([partial(job, stages) for job in jobs], stages)


def _pool_chunk(jobs: list[tuple[int, int]]) -> list[Any]:
    """In a pool process: the partials of some partitions."""
    return [partial(job, dict.fromkeys(STAGES, 0.0)) for job in jobs]


def plain_processes(
    jobs: list[tuple[int, int]], pool: concurrent.futures.Executor, workers: int
) -> tuple[pd.DataFrame, int]:
    """A2: the partitions shared round-robin between ``workers`` plain processes."""
    chunks = [jobs[w::workers] for w in range(workers)]
    done = list(pool.map(_pool_chunk, chunks))
    partials = [done[j % workers][j // workers] for j in range(len(jobs))]  # table order
    return finish(partials, dict.fromkeys(STAGES, 0.0))


def on_cluster(jobs: list[tuple[int, int]], client: Any) -> tuple[pd.DataFrame, int]:
    """B: the same partitions drawn and counted in the workers; the table and the rows."""
    ddf = dd.from_map(partition, jobs, meta=META, enforce_metadata=False)
    with dask.config.set(scheduler=client):
        table = steps_dask.where_time_goes(ddf, as_of=AS_OF, tz="UTC")
    return table, int(table["steps"].sum())


def make_cluster(args: argparse.Namespace, *, trim: bool) -> Any:
    """A LocalCluster; ``trim=False`` starts its workers without MALLOC_TRIM_THRESHOLD_."""
    environ = {} if trim else {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    with dask.config.set(environ):
        return distributed.LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=args.memory_limit,
            host="127.0.0.1",
            dashboard_address=":0",
        )


def trim_of(client: Any) -> str:
    values = set(client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values())
    return ", ".join("unset" if v is None else v for v in sorted(values, key=str))


def main() -> int:  # noqa: PLR0915 - one report, top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dossiers", type=int, default=40_000_000, help="the full table (C)")
    parser.add_argument("--per-partition", type=int, default=1_000_000, help="dossiers")
    parser.add_argument("--k", type=int, default=4, help="partitions per interleaved pass")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="5GiB", help="per worker")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-full", action="store_true", help="no run C")
    parser.add_argument("--quick", action="store_true", help="2,000,000 dossiers, 100,000 each")
    args = parser.parse_args()
    if args.quick:
        args.dossiers, args.per_partition, args.k, args.rounds = 2_000_000, 100_000, 4, 2
    n_parts = -(-args.dossiers // args.per_partition)
    jobs = [
        (args.seed * 10_000 + j, min(args.per_partition, args.dossiers - j * args.per_partition))
        for j in range(n_parts)
    ]
    sample = jobs[: args.k]
    print(
        f"tthc {tthc.__version__}, Python {platform.python_version()}, dask {dask.__version__}, "
        f"distributed {distributed.__version__}, pandas {pd.__version__}, numpy "
        f"{np.__version__}; {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{mib(psutil.virtual_memory().total)} RAM, {load()}"
    )
    if os.environ.get("MALLOC_TRIM_THRESHOLD_") is not None:
        print(
            "note: this process was started with MALLOC_TRIM_THRESHOLD_="
            f"{os.environ['MALLOC_TRIM_THRESHOLD_']} (A runs with it)"
        )
    # Starting a cluster with distributed's defaults writes MALLOC_TRIM_THRESHOLD_ into this
    # process's environment, which processes started later inherit: the pool and the untrimmed
    # cluster start first, from an environment without it.
    os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    start = time.perf_counter()
    labels = {
        "single": "A  one process",
        "plain": f"A2 {args.workers} plain processes",
        "default": "B  LocalCluster, defaults",
        "untrimmed": "B' LocalCluster, no malloc trim",
    }
    spawn = multiprocessing.get_context("spawn")
    warm = [(args.seed, 2_000)] * (2 * args.workers)
    with concurrent.futures.ProcessPoolExecutor(args.workers, mp_context=spawn) as pool:
        plain_processes(warm, pool, args.workers)  # starts the processes, imports, index
        with (
            make_cluster(args, trim=False) as untrimmed,
            make_cluster(args, trim=True) as default,
            distributed.Client(untrimmed, set_as_default=False) as client_u,
            distributed.Client(default, set_as_default=False) as client_d,
        ):
            clients = {"default": client_d, "untrimmed": client_u}
            print(
                f"pool of {args.workers} processes; two LocalClusters of {args.workers} worker "
                f"processes x 1 thread, memory limit {args.memory_limit} per worker, on "
                "127.0.0.1; schedulers and client in this process. MALLOC_TRIM_THRESHOLD_ in the "
                f"workers: B {trim_of(client_d)}, B' {trim_of(client_u)}"
            )
            # Warm-up, not timed: imports and the calendar index in the workers and here.
            for client in clients.values():
                on_cluster(warm, client)
            single_process(warm[:1], dict.fromkeys(STAGES, 0.0))
            print(
                f"A, A2, B, B': the same {len(sample)} partitions of {args.per_partition:,} "
                f"dossiers, {args.rounds} interleaved rounds"
            )
            times: dict[str, list[float]] = {k: [] for k in labels}
            rows = 0
            stages = dict.fromkeys(STAGES, 0.0)
            same = True
            for r in range(args.rounds):
                print(f"round {r + 1}: {load()}")
                t = time.perf_counter()
                table_a, rows = single_process(sample, stages)
                times["single"].append(time.perf_counter() - t)
                t = time.perf_counter()
                table_p, rows_p = plain_processes(sample, pool, args.workers)
                times["plain"].append(time.perf_counter() - t)
                same = same and table_a.equals(table_p) and rows == rows_p
                for name, client in clients.items():
                    t = time.perf_counter()
                    table_b, rows_b = on_cluster(sample, client)
                    times[name].append(time.perf_counter() - t)
                    same = same and table_a.equals(table_b) and rows == rows_b
                print(
                    "  "
                    + ", ".join(f"{labels[k].split()[0]} {human(v[-1])}" for k, v in times.items())
                    + f" ({rows:,} rows each); {load()}"
                )
            best = {k: rows / min(v) for k, v in times.items()}
            median = {k: rows / statistics.median(v) for k, v in times.items()}
            for name in ("plain", *clients):
                best[name] /= args.workers
                median[name] /= args.workers
            spent = sum(stages.values())
            print()
            print(
                "A, where one process's time goes (all rounds): "
                + ", ".join(f"{k} {100 * v / spent:.0f} %" for k, v in stages.items())
            )
            for name, label in labels.items():
                print(
                    f"{label:<33} {best[name] / 1e6:5.2f} M rows/s per core (best of "
                    f"{args.rounds}; median {median[name] / 1e6:.2f})"
                    + (
                        ""
                        if name == "single"
                        else f", {best[name] * args.workers / 1e6:.2f} M rows/s in all; per "
                        f"core / A = {best[name] / best['single']:.2f} (medians "
                        f"{median[name] / median['single']:.2f})"
                    )
                )
            for name in clients:
                print(
                    f"{labels[name]} per core / A2 per core (the scheduler's own cost): "
                    f"{best[name] / best['plain']:.2f} (medians "
                    f"{median[name] / median['plain']:.2f})"
                )
            print(f"tables of A, A2, B and B' identical in every round: {'yes' if same else 'NO'}")
            full: dict[str, float] = {}
            if not args.skip_full:
                for name in ("untrimmed", "default"):
                    client = clients[name]
                    pids = client.run(os.getpid)
                    print(
                        f"\nC: the full table, {len(jobs)} partitions on {labels[name]}; {load()}"
                    )
                    with Sampler(pids) as sampler:
                        t = time.perf_counter()
                        table_c, rows_c = on_cluster(jobs, client)
                        elapsed = time.perf_counter() - t
                    full[name] = rows_c / elapsed / args.workers
                    peaks = ", ".join(mib(p) for p in sampler.peak.values())
                    print(
                        f"   {rows_c:,} rows ({args.dossiers:,} dossiers) in {human(elapsed)}: "
                        f"{full[name] / 1e6:.2f} M rows/s per core, {rows_c / elapsed / 1e6:.2f} "
                        f"M rows/s in all = {full[name] / best['single']:.2f} x A per core; peak "
                        f"resident size per worker {peaks}; {len(table_c)} groups, late share "
                        f"{table_c['late'].sum() / rows_c:.3f}; {load()}"
                    )
                client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
                print(f"   this process (client, schedulers, A) peak {mib(client_peak)}")
    verdicts = [f"machine ceiling A2 {best['plain'] / best['single']:.2f}"]
    for name, label in (("default", "B defaults"), ("untrimmed", "B' no malloc trim")):
        ratio = best[name] / best["single"]
        verdicts.append(
            f"{label} {ratio:.2f} (medians {median[name] / median['single']:.2f}"
            + (f", full table {full[name] / best['single']:.2f}" if name in full else "")
            + f"): {'PASS' if ratio >= 1 else 'FAIL'}"
        )
    print(
        "\nVERDICT: throughput per core / single-process throughput per core (target >= 1 for "
        f"the cluster): {'; '.join(verdicts)}; tables identical: {'yes' if same else 'NO'}; "
        f"total {human(time.perf_counter() - start)}; {load()}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
