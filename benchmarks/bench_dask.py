"""Benchmark: the national indicator table on Dask (tthc.analytics.dask) against one pandas process.

Run:  python benchmarks/bench_dask.py             (40,000,000 rows: ten provinces' years)
      python benchmarks/bench_dask.py --quick     (400,000 rows, a smoke run)

Needs ``pip install -e '.[dask]' --group bench`` (dask[dataframe], distributed, pyarrow, psutil
comes with distributed).

1. **Data set.** ``tthc.analytics.dask.write_synthetic_dataset``: ten provinces, 1,000,000 rows per Parquet
   file, drawn and written one file per task on the LocalCluster. It is kept in a cache folder
   (``--cache``, default ``$TTHC_BENCH_CACHE`` or ``~/.cache/tthc-bench``) and reused when a
   previous run wrote the same one (``--fresh`` rewrites it). Its disk use is printed.
2. **Dask.** A ``distributed.LocalCluster`` of ``--workers`` processes (one thread each, on
   127.0.0.1): ``tthc.analytics.dask.indicator_table(dd.read_parquet(folder), as_of=...)`` by agency and
   month, a cold run (workers import tthc) and then the best of ``--repeat``. A read-only pass
   (the same columns, ``len`` per partition) shows what Parquet decoding alone costs. Peak
   memory per worker: the resident size of each worker process sampled every 20 ms with psutil
   during the report, and the process's high-water mark (``ru_maxrss``) at the end.
3. **One process.** In a child process: ``pd.read_parquet(folder, columns=...)`` of the columns
   the report needs, then ``tthc.analytics.tables.indicator_table``; its peak resident size is the
   child's ``ru_maxrss``. Also, in another child, the same decomposition as Dask's without Dask:
   one file at a time (read, ``timeliness_count_frame``), the count frames added up at the end. When the whole table would not fit comfortably in memory (projected
   peak over 60 % of RAM: 8 times the in-memory size of the columns, from a one-file probe) it
   runs on the first files only and the time is extrapolated linearly; the output says so. When it runs on everything, its table is
   compared with Dask's (they must be identical).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Self

import dask
import dask.dataframe as dd
import distributed
import numpy as np
import pandas as pd
import psutil
import pyarrow as pa

import tthc
import tthc.analytics.dask
from tthc.analytics import DOSSIER_COLUMNS

AS_OF = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
BY = ("agency", "month")
COLUMNS = [*DOSSIER_COLUMNS.values(), "agency", "channel"]
BUDGET_S = 15 * 60
FIT_SHARE = 0.6
PEAK_FACTOR = 8  # peak RSS / in-memory size of the columns for the one-process report (~5 seen)


def human(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


# --- the data set --------------------------------------------------------------------------------


def dataset(args: argparse.Namespace) -> tuple[Path, float | None]:
    """The cached data set (written now if needed) and the time it took to write it."""
    name = f"dossiers-{args.rows}-p{args.provinces}-f{args.rows_per_file}-s{args.seed}"
    folder = args.cache / name
    manifest = args.cache / f"{name}.json"  # beside the folder: it holds Parquet files only
    wanted = {
        "rows": args.rows,
        "provinces": args.provinces,
        "rows_per_file": args.rows_per_file,
        "seed": args.seed,
        "tthc": tthc.__version__,
    }
    if not args.fresh and manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return folder, None
    manifest.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    tthc.analytics.dask.write_synthetic_dataset(
        folder,
        args.rows,
        provinces=args.provinces,
        rows_per_file=args.rows_per_file,
        seed=args.seed,
    )
    elapsed = time.perf_counter() - t0
    manifest.write_text(json.dumps(wanted))  # last: a cut-short run leaves no manifest
    return folder, elapsed


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parquet"))


# --- memory of the workers -----------------------------------------------------------------------


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


def _worker_high_water() -> int:
    """The worker process's peak resident size so far (Linux: ru_maxrss is in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


# --- the runs ------------------------------------------------------------------------------------


def dask_report(folder: Path) -> pd.DataFrame:
    return tthc.analytics.dask.indicator_table(dd.read_parquet(folder), by=BY, as_of=AS_OF)


def read_only(folder: Path) -> int:
    """Read and decode the report's columns, nothing else: the Parquet share of a run."""
    lengths = dd.read_parquet(folder, columns=COLUMNS).map_partitions(len)
    return int(lengths.sum().compute())


def single_process(files: list[Path], out: Path, mode: str) -> None:
    """(In the child) one pandas process, ``mode`` "whole" or "loop".

    "whole": read the columns of every file into one table, then indicator_table (the
    single-machine path). "loop": read and count one file at a time, add the count frames up,
    then the rates (the Dask decomposition, sequential, on one core).
    """
    from tthc.analytics import (  # noqa: PLC0415
        finalize_indicator_table,
        indicator_table,
        timeliness_count_frame,
    )

    base_rss = psutil.Process().memory_info().rss
    read = compute = 0.0
    if mode == "whole":
        t0 = time.perf_counter()
        table = pd.read_parquet([str(f) for f in files], columns=COLUMNS)
        read = time.perf_counter() - t0
        rows, data_bytes = len(table), int(table.memory_usage(deep=True).sum())
        t1 = time.perf_counter()
        result = indicator_table(table, by=BY, as_of=AS_OF)
        compute = time.perf_counter() - t1
    else:
        parts, rows, data_bytes = [], 0, 0
        for f in files:
            t0 = time.perf_counter()
            table = pd.read_parquet(f, columns=COLUMNS)
            t1 = time.perf_counter()
            parts.append(timeliness_count_frame(table, by=BY, as_of=AS_OF))
            t2 = time.perf_counter()
            read, compute = read + t1 - t0, compute + t2 - t1
            rows += len(table)
            data_bytes = max(data_bytes, int(table.memory_usage(deep=True).sum()))
        t0 = time.perf_counter()
        result = finalize_indicator_table(pd.concat(parts).groupby(list(BY)).sum())
        compute += time.perf_counter() - t0
    with out.with_suffix(".pickle").open("wb") as fh:
        pickle.dump(result, fh)
    info = {
        "rows": rows,
        "read": read,
        "compute": compute,
        "data_bytes": data_bytes,
        "base_rss": base_rss,
        "peak_rss": _worker_high_water(),
    }
    out.write_text(json.dumps(info))


def run_single(
    files: list[Path], tmp: Path, mode: str = "whole"
) -> tuple[dict[str, Any], pd.DataFrame]:
    out = tmp / f"single-{mode}-{len(files)}.json"
    code = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[1]); import bench_dask as b; "
        "b.single_process([pathlib.Path(p) for p in sys.argv[4:]], pathlib.Path(sys.argv[2]), "
        "sys.argv[3])"
    )
    subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", code, str(Path(__file__).parent), str(out), mode, *map(str, files)],
        check=True,
    )
    info = json.loads(out.read_text())
    with out.with_suffix(".pickle").open("rb") as fh:
        table = pickle.load(fh)  # noqa: S301 - written by our own child process just now
    return info, table


# --- main ----------------------------------------------------------------------------------------


class Run:
    """Timings and peak memory of one way of computing the report."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.cold = 0.0
        self.warm: list[float] = []
        self.peaks: dict[str, int] = {}
        self.high_water: dict[str, int] = {}
        self.table: pd.DataFrame | None = None

    @property
    def best(self) -> float:
        return min(self.warm)

    def measure(self, folder: Path, pids: dict[str, int], repeat: int) -> None:
        t0 = time.perf_counter()
        cold_table = dask_report(folder)
        self.cold = time.perf_counter() - t0
        for _ in range(repeat):
            with Sampler(pids) as sampler:
                t0 = time.perf_counter()
                self.table = dask_report(folder)
                self.warm.append(time.perf_counter() - t0)
            self.peaks = {w: max(self.peaks.get(w, 0), p) for w, p in sampler.peak.items()}
        pd.testing.assert_frame_equal(self.table, cold_table)

    def show(self) -> None:
        print(
            f"{self.label}: cold {human(self.cold)}, warm {', '.join(human(t) for t in self.warm)}"
        )
        for k, name in enumerate(sorted(self.peaks)):
            mark = self.high_water.get(name)
            print(
                f"  {'worker ' + str(k) if self.high_water else 'process'}: peak RSS "
                f"{mib(self.peaks[name])} during the report (sampled)"
                + ("" if mark is None else f", high-water mark {mib(mark)} (ru_maxrss)")
            )


def cluster(args: argparse.Namespace, *, trim: bool) -> Any:
    """A LocalCluster; ``trim=False`` unsets distributed's MALLOC_TRIM_THRESHOLD_ in workers."""
    environ = {} if trim else {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    if not trim:
        # A cluster started earlier with the defaults wrote the variable into this process's
        # environment, which the new workers would inherit.
        os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set(environ):
        return distributed.LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=args.memory_limit,
            host="127.0.0.1",
            dashboard_address=":0",
        )


def main() -> int:  # noqa: PLR0915 - one linear script
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=40_000_000)
    parser.add_argument("--quick", action="store_true", help="400,000 rows, a smoke run")
    parser.add_argument("--provinces", type=int, default=10)
    parser.add_argument("--rows-per-file", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="6GiB", help="per worker")
    parser.add_argument("--repeat", type=int, default=2, help="warm Dask runs (best is kept)")
    default_cache = os.environ.get("TTHC_BENCH_CACHE") or Path.home() / ".cache" / "tthc-bench"
    parser.add_argument("--cache", type=Path, default=Path(default_cache))
    parser.add_argument("--fresh", action="store_true", help="rewrite the cached data set")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.rows_per_file, args.repeat = 400_000, 25_000, 1
    start = time.perf_counter()
    memory = psutil.virtual_memory().total
    print(
        f"tthc {tthc.__version__}, Python {platform.python_version()}, dask {dask.__version__}, "
        f"distributed {distributed.__version__}, pandas {pd.__version__}, numpy "
        f"{np.__version__}, pyarrow {pa.__version__}; {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {mib(memory)} RAM, load average {os.getloadavg()[0]:.2f}"
    )
    runs: list[Run] = []
    with cluster(args, trim=True) as local, distributed.Client(local) as client:
        print(
            f"LocalCluster: {args.workers} worker processes x 1 thread, memory limit "
            f"{args.memory_limit} each, on 127.0.0.1"
        )
        # 1. the data set (written on the cluster)
        folder, written = dataset(args)
        files = files_of(folder)
        disk = sum(f.stat().st_size for f in files)
        how = "reused from the cache" if written is None else f"written in {human(written)}"
        print(
            f"data set: {args.rows:,} rows, {args.provinces} provinces, {len(files)} Parquet "
            f"files in {folder}: {mib(disk)} on disk ({disk / max(args.rows, 1):.1f} bytes "
            f"per row), {how}"
            + ("" if written is None else f" ({args.rows / written:,.0f} rows/s, on the cluster)")
        )
        # 2. Dask on the LocalCluster, distributed's defaults
        pids = client.run(os.getpid)
        t0 = time.perf_counter()
        read_rows = read_only(folder)
        read_s = time.perf_counter() - t0
        if read_rows != args.rows:
            raise SystemExit(f"the data set has {read_rows:,} rows, not {args.rows:,}")
        print(f"read-only pass (decode the report's columns, len per partition): {human(read_s)}")
        run = Run(f"dask, LocalCluster {args.workers}x1 (defaults)")
        run.measure(folder, pids, args.repeat)
        run.high_water = client.run(_worker_high_water)
        runs.append(run)
        run.show()
    # 3. the same without distributed's MALLOC_TRIM_THRESHOLD_=65536 for the workers
    with cluster(args, trim=False) as local, distributed.Client(local) as client:
        run = Run(f"dask, LocalCluster {args.workers}x1 (no malloc trim)")
        run.measure(folder, client.run(os.getpid), args.repeat)
        run.high_water = client.run(_worker_high_water)
        runs.append(run)
        run.show()
    # 4. Dask's threaded scheduler in this process (no cluster)
    with dask.config.set(scheduler="threads", num_workers=args.workers):
        run = Run(f"dask, threads scheduler ({args.workers} threads, one process)")
        run.measure(folder, {"this process": os.getpid()}, args.repeat)
        runs.append(run)
        run.show()
    table = runs[0].table
    for other in runs[1:]:
        pd.testing.assert_frame_equal(other.table, table)

    # 5. one pandas process, in a child (nothing else running: the cores and memory are its own)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # The in-memory size of one file's columns is stable (a probe's peak RSS is not: the
        # allocators keep what they like); the report's peak is about PEAK_FACTOR times it.
        probe, _ = run_single(files[:1], tmp)
        per_file = PEAK_FACTOR * probe["data_bytes"]
        projected = probe["base_rss"] + per_file * len(files)
        if projected <= FIT_SHARE * memory:
            used = files
            note = "all rows"
        else:
            share = max(1, int((FIT_SHARE * memory - probe["base_rss"]) / max(per_file, 1)))
            used = files[: min(share, len(files))]
            note = (
                f"the first {len(used)} files: the whole table would need about "
                f"{mib(projected)}, over {FIT_SHARE:.0%} of RAM; time extrapolated"
            )
        single, single_table = run_single(used, tmp)
        loop, loop_table = run_single(files, tmp, "loop")
    pd.testing.assert_frame_equal(loop_table, table)
    loop_s = loop["read"] + loop["compute"]
    print(
        f"one pandas process, file by file: read {human(loop['read'])} + count "
        f"{human(loop['compute'])}; largest file {mib(loop['data_bytes'])} in memory, peak RSS "
        f"{mib(loop['peak_rss'])}; identical to the Dask tables"
    )
    scale = args.rows / single["rows"]
    single_s = (single["read"] + single["compute"]) * scale
    identical = "not compared (subset)"
    if single["rows"] == args.rows:
        pd.testing.assert_frame_equal(single_table, table)
        identical = "identical to the Dask tables"
    print(
        f"one pandas process ({note}): {single['rows']:,} rows, read {human(single['read'])} "
        f"+ indicator_table {human(single['compute'])}; data {mib(single['data_bytes'])} in "
        f"memory, peak RSS {mib(single['peak_rss'])}; {identical}"
    )

    print()
    lines = [("path", f"time for {args.rows:,} rows", "throughput", "peak memory")]
    for run in runs:
        where = "per worker" if run.high_water else "the process"
        lines.append(
            (
                run.label + " (best warm)",
                human(run.best),
                f"{args.rows / run.best:,.0f} rows/s",
                f"{mib(max(run.peaks.values()))} {where}",
            )
        )
    lines.append(
        (
            "one pandas process" + (" (extrapolated)" if scale != 1 else ""),
            human(single_s),
            f"{args.rows / single_s:,.0f} rows/s",
            f"{mib(single['peak_rss'])}" + (" (for the subset)" if scale != 1 else ""),
        )
    )
    lines.append(
        (
            "one pandas process, file by file",
            human(loop_s),
            f"{args.rows / loop_s:,.0f} rows/s",
            mib(loop["peak_rss"]),
        )
    )
    widths = [max(len(r[i]) for r in lines) for i in range(4)]
    for k, line in enumerate(lines):
        print(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if k == 0:
            print("-" * (sum(widths) + 9))
    print()
    default, untrimmed = runs[0], runs[1]
    print(
        f"speed-up of the LocalCluster over one pandas process: {single_s / default.best:.2f}x "
        f"with distributed's defaults, {single_s / untrimmed.best:.2f}x without malloc trim, on "
        f"{os.cpu_count()} cores. What limits it: the {os.cpu_count()} cores, one per worker "
        f"(the single process uses one core and builds one {mib(single['data_bytes'])} table; "
        f"working file by file on one core takes {human(loop_s)}: small partitions alone "
        f"give {single_s / loop_s:.2f}x, the LocalCluster's second core and scheduling "
        f"{loop_s / default.best:.2f}x more, the threads scheduler, which moves nothing "
        f"between processes, {loop_s / runs[2].best:.2f}x); "
        f"decoding the Parquet columns alone takes {human(read_s)} "
        f"({read_s / default.best:.0%} of the default run); with distributed's default "
        f"MALLOC_TRIM_THRESHOLD_=65536 (workers hand memory back to the system after each "
        f"partition and fault it in again) a run takes {default.best / untrimmed.best:.2f}x "
        f"the time without it; the reduction and the "
        f"rates cost milliseconds ({len(table):,} summed groups). Memory per worker follows "
        f"the file size ({args.rows_per_file:,} rows), not the total."
    )
    total = time.perf_counter() - start
    print(
        f"whole benchmark {human(total)} (budget {human(BUDGET_S)}: "
        f"{'PASS' if total <= BUDGET_S else 'OVER'}); load average {os.getloadavg()[0]:.2f} "
        "(other processes on the machine slow the runs down: compare runs made together)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
