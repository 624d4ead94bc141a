"""The Decision 766 indicator 2.1 table of ten provinces' dossiers, computed on Dask.

Run: python examples/dask_report.py                   (400,000 rows on a LocalCluster: seconds)
     python examples/dask_report.py --rows 40000000   (ten provinces' years: about 1.6 GB of
                                                       Parquet, a few minutes on 2 cores)
     python examples/dask_report.py --data /shared/dossiers --scheduler tcp://scheduler:8786
                                                      (the same code on a cluster: the folder
                                                       must be readable by every worker)

The data set is a folder of Parquet files written by tthc.analytics.dask.write_synthetic_dataset (one file
per task, memory bounded) unless --data names a folder that already has Parquet files (your own
export, one row per dossier). Needs: pip install 'tthc[dask]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import dask
import dask.dataframe as dd
import distributed
import pandas as pd

import tthc
import tthc.analytics.dask
from tthc.analytics import (
    finalize_indicator_table,
    format_indicator_table,
    indicator_table,
)

# The end of 2023 (24:00 on 31 December, Vietnam time): the reporting instant.
END_OF_2023 = dt.datetime(2024, 1, 1, tzinfo=tthc.VN_TZ)
CHECK_UP_TO = 1_000_000  # rows: compare with one pandas process up to this size


def main() -> None:
    """Write (or find) the data set, compute the tables on the cluster, print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--rows", type=int, default=400_000, help="rows to write (default 400,000)"
    )
    parser.add_argument("--data", type=Path, help="folder of Parquet files (kept; default: temp)")
    parser.add_argument("--scheduler", help="address of a running scheduler, tcp://host:8786")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    args = parser.parse_args()

    with ExitStack() as stack:
        if args.scheduler:  # a cluster that is already running (dask-scheduler, Kubernetes, ...)
            client = stack.enter_context(distributed.Client(args.scheduler))
        else:  # this machine: one worker process per core, on the loopback interface only
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=args.workers,
                    threads_per_worker=1,
                    host="127.0.0.1",
                    dashboard_address=":0",
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        print(f"Dask scheduler {client.scheduler.address}, {len(client.nthreads())} workers")

        folder = args.data or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        if not any(folder.glob("*.parquet")):
            t0 = time.perf_counter()
            files = tthc.analytics.dask.write_synthetic_dataset(
                folder,
                args.rows,
                provinces=10,
                rows_per_file=min(1_000_000, max(10_000, args.rows // 40)),
            )
            print(
                f"wrote {args.rows:,} synthetic dossiers of 10 provinces in {len(files)} Parquet "
                f"files ({time.perf_counter() - t0:.1f} s)"
            )

        # Two groupings, one pass over the data: the lazy count frames are computed together,
        # then the rates are computed here, on the client.
        ddf = dd.read_parquet(folder)
        t0 = time.perf_counter()
        lazy = [
            tthc.analytics.dask.timeliness_count_frame(ddf, by=by, as_of=END_OF_2023)
            for by in ("province", ())
        ]
        by_province, overall = (finalize_indicator_table(c) for c in dask.compute(*lazy))
        elapsed = time.perf_counter() - t0
        rows = int(overall[["received", "unclassified", "invalid"]].sum(axis=1).iloc[0])
        print(f"{rows:,} dossiers counted in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s)")
        print()
        print(format_indicator_table(by_province, language="en", total=overall))

        if rows <= CHECK_UP_TO:
            whole = pd.read_parquet(folder)
            same = by_province.equals(indicator_table(whole, by="province", as_of=END_OF_2023))
            print()
            print(f"same table as one pandas process on the whole data set: {same}")


if __name__ == "__main__":
    main()
