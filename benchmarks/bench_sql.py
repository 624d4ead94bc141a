"""Throughput of the calendar in a database (tthc.sql): SQLite queries and PostgreSQL functions.

    python benchmarks/bench_sql.py            # 100,000 dossiers
    python benchmarks/bench_sql.py --quick    # 5,000 (a smoke test)

PostgreSQL is timed when TTHC_PG_DSN is set (see .ci/postgres) and psycopg is installed. Every
answer is also compared with compute_deadline; the script exits with status 1 on a single
difference. Timings never make it fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import sys
import time
import uuid

import tthc
import tthc.sql

FIRST, LAST = 2013, 2027


def _cases(n: int, seed: int) -> list[tuple[int, dt.datetime, int]]:
    rng = random.Random(seed)
    start = dt.datetime(2014, 1, 1, tzinfo=tthc.VN_TZ)
    span = (dt.datetime(2027, 6, 1, tzinfo=tthc.VN_TZ) - start).total_seconds()
    return [
        (
            i,
            start + dt.timedelta(seconds=int(rng.random() * span)),
            rng.choice([1, 2, 3, 5, 7, 10, 15, 20, 30]),
        )
        for i in range(n)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=766)
    args = parser.parse_args()
    n = 5_000 if args.quick else 100_000
    cal = tthc.vietnam_calendar(first_year=FIRST, last_year=LAST)
    table = tthc.sql.calendar_table(cal)
    cases = _cases(n, args.seed)

    t = time.perf_counter()
    expected = {
        i: tthc.compute_deadline(at, tthc.Duration.working_days(d), calendar=cal).due_at
        for i, at, d in cases
    }
    python_s = time.perf_counter() - t
    print(
        f"{n:,} dossiers, working days, {FIRST}-{LAST}; "
        "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    )
    print(f"  python compute_deadline      {python_s:7.2f} s  ({n / python_s:,.0f}/s)")
    wrong = 0

    db = sqlite3.connect(":memory:")
    db.executescript(table.sql_script("sqlite"))
    db.execute(
        "CREATE TABLE dossier (id INTEGER PRIMARY KEY, received_at TEXT, working_days INTEGER)"
    )
    db.executemany(
        "INSERT INTO dossier VALUES (?, ?, ?)", [(i, at.isoformat(), d) for i, at, d in cases]
    )
    query = tthc.sql.sqlite_query(
        "due_at", requests="SELECT id, received_at, working_days, 0 AS working_hours FROM dossier"
    )
    t = time.perf_counter()
    rows = db.execute(query).fetchall()
    sqlite_s = time.perf_counter() - t
    wrong += sum(dt.datetime.fromisoformat(r[-1]) != expected[r[0]] for r in rows)
    print(f"  sqlite due_at query          {sqlite_s:7.2f} s  ({n / sqlite_s:,.0f}/s)")

    dsn = os.environ.get("TTHC_PG_DSN")
    if not dsn:
        print("  postgresql                   skipped (TTHC_PG_DSN is not set)")
    else:
        import psycopg  # noqa: PLC0415 - only when a server is there

        schema = f"tthc_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
            try:
                conn.execute(f"SET search_path = {schema}")
                conn.execute(table.sql_script("postgresql"))
                conn.execute(
                    "CREATE TABLE dossier (id integer PRIMARY KEY, received_at timestamptz, "
                    "working_days integer)"
                )
                with conn.cursor().copy("COPY dossier FROM STDIN") as copy:
                    for case in cases:
                        copy.write_row(case)
                t = time.perf_counter()
                got = conn.execute(
                    "SELECT id, tthc_due_at(received_at, working_days) FROM dossier"
                ).fetchall()
                pg_s = time.perf_counter() - t
            finally:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        wrong += sum(due != expected[i] for i, due in got)
        print(f"  postgresql tthc_due_at()     {pg_s:7.2f} s  ({n / pg_s:,.0f}/s)")
    # The reference is tthc's Python calculator (the SQL is a second implementation of it): a
    # difference is a disagreement between the two, not a check of the calendar's data.
    print(f"answers different from the Python calculator: {wrong}")
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
