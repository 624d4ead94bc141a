"""Benchmark: evaluate a review of 10,000 procedures' simplification plans.

Run:  python benchmarks/bench_simplification.py            (10,000 procedures, best of 3)
      python benchmarks/bench_simplification.py --quick    (1,000 procedures, a smoke run)

A seeded random portfolio: each procedure has 3-8 tasks (hours with 2 decimals, out-of-pocket
costs in whole đồng), 0-2 fees, a prescribed frequency (0.2 to 12 a year) and 10-100,000
subjects a year; its plan has 1-3 measures (remove a task, lower a task's hours and travel,
lower a fee, halve the subjects) or abolishes it (1 in 10).

Timed, each best of --repeat runs with the garbage collector off:
* build: constructing every Plan (each checks that its changes apply to its cost model) and
  the Portfolio;
* evaluate: ``portfolio.evaluate()`` - cost before and after, one explained saving per change,
  exact Decimal arithmetic, rounding to whole đồng;
* baseline: the same before and after totals as a plain-Python loop over integers (hours in
  hundredths, frequency in tenths), written here, with the "after" numbers known in advance:
  the floor for a Python-level sum of the same numbers, without checks or explanations.

The ratio is evaluate / baseline. The script exits with status 1 if the totals differ.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from decimal import Decimal

from tthc.simplification import (
    Abolish,
    Action,
    ChangeTask,
    ChangeVolume,
    CostModel,
    FigureCertainty,
    Measure,
    Plan,
    Portfolio,
    PrescribedCost,
    PrescribedCostKind,
    RemoveTask,
    Task,
    WageRate,
)

# An example wage (not an official figure): 5,280,000 VND a month, 22 days, 8 hours.
WAGE_AMOUNT = 5_280_000
HOURS_PER_MONTH = 22 * 8
WAGE = WageRate(
    amount=Decimal(WAGE_AMOUNT),
    year=2024,
    source="example value for the benchmark, not an official figure",
    certainty=FigureCertainty.EXAMPLE,
)

# One procedure as plain integers: (task hours in hundredths, task out-of-pocket đồng) lists,
# fee đồng list, times per year in tenths, subjects per year.
Numbers = tuple[list[int], list[int], list[int], int, int]


def generate(rng: random.Random, n: int) -> tuple[list[Plan], list[tuple[Numbers, Numbers]]]:
    """Plans, and the same procedures before and after as plain integers."""
    plans = []
    numbers = []
    for index in range(n):
        code = f"{1 + index // 1_000_000}.{index % 1_000_000:06d}"
        n_tasks = rng.randint(3, 8)
        hours = [rng.randint(25, 800) for _ in range(n_tasks)]
        travel = [rng.choice([0, 0, 20_000, 50_000, 100_000]) for _ in range(n_tasks)]
        copies = [rng.choice([0, 2_000, 10_000]) for _ in range(n_tasks)]
        fees = [rng.choice([10_000, 50_000, 100_000, 500_000]) for _ in range(rng.randint(0, 2))]
        times = rng.choice([10, 10, 10, 20, 2, 120])
        subjects = rng.randint(10, 100_000)
        model = CostModel(
            code=code,
            name=f"Thủ tục {code}",
            times_per_year=Decimal(times).scaleb(-1),
            subjects_per_year=Decimal(subjects),
            tasks=[
                Task(
                    name=f"Công việc {i}",
                    hours=Decimal(hours[i]).scaleb(-2),
                    travel=Decimal(travel[i]),
                    copies=Decimal(copies[i]),
                )
                for i in range(n_tasks)
            ],
            prescribed_costs=[
                PrescribedCost(kind=PrescribedCostKind.CHARGE, name=f"Lệ phí {i}", amount=fee)
                for i, fee in enumerate(fees)
            ],
        )
        before: Numbers = (
            list(hours),
            [t + c for t, c in zip(travel, copies, strict=True)],
            list(fees),
            times,
            subjects,
        )
        a_hours, a_direct, a_fees, a_subjects = list(hours), list(before[1]), list(fees), subjects
        measures: list[Measure] = []
        if rng.random() < 0.1:
            measures.append(Measure(action=Action.ABOLISH, changes=[Abolish()]))
            a_hours, a_direct, a_fees = [], [], []
        else:
            removed = rng.randrange(n_tasks)
            measures.append(
                Measure(
                    action=Action.REDUCE_COMPONENTS, changes=[RemoveTask(f"Công việc {removed}")]
                )
            )
            a_hours[removed] = a_direct[removed] = 0
            if rng.random() < 0.5:
                changed = (removed + 1) % n_tasks
                new_hours = hours[changed] // 2
                measures.append(
                    Measure(
                        action=Action.DECENTRALISE,
                        changes=[
                            ChangeTask(
                                task=f"Công việc {changed}",
                                hours=Decimal(new_hours).scaleb(-2),
                                travel=Decimal(0),
                            )
                        ],
                    )
                )
                a_hours[changed] = new_hours
                a_direct[changed] = copies[changed]
            if fees and rng.random() < 0.5:
                measures.append(Measure.lower_fee("Lệ phí 0", fees[0] // 2))
                a_fees[0] = fees[0] // 2
            if rng.random() < 0.2:
                a_subjects = subjects // 2
                measures.append(
                    Measure(
                        action=Action.REUSE_DATA,
                        changes=[ChangeVolume(subjects_per_year=Decimal(a_subjects))],
                    )
                )
        plans.append(Plan(model=model, measures=measures))
        numbers.append((before, (a_hours, a_direct, a_fees, times, a_subjects)))
    return plans, numbers


def annual(numbers: Numbers) -> int:
    """Art. 27(3) over integers, rounded half-up to whole đồng like tthc."""
    hours, direct, fees, times, subjects = numbers
    num = sum(hours) * WAGE_AMOUNT + (sum(direct) + sum(fees)) * 100 * HOURS_PER_MONTH
    den = 100 * HOURS_PER_MONTH
    per_compliance = (2 * num + den) // (2 * den)
    return (2 * per_compliance * times * subjects + 10) // 20


def baseline(numbers: list[tuple[Numbers, Numbers]]) -> tuple[int, int]:
    before = after = 0
    for b, a in numbers:
        before += annual(b)
        after += annual(a)
    return before, after


def best(fn, repeat: int) -> tuple[float, object]:
    times = []
    result = None
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times), result


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="procedures (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of (default 3)")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--quick", action="store_true", help="1,000 procedures, best of 1")
    args = parser.parse_args(argv)
    n, repeat = (1_000, 1) if args.quick else (args.n, args.repeat)

    rng = random.Random(args.seed)
    plans, numbers = generate(rng, n)
    changes = sum(len(m.changes) for p in plans for m in p.measures)
    tasks = sum(len(p.model.tasks) for p in plans)

    def build() -> Portfolio:
        return Portfolio(
            name="benchmark",
            wage_rate=WAGE,
            plans=[Plan(model=p.model, measures=p.measures) for p in plans],
        )

    build_s, _ = best(build, repeat)
    portfolio = build()
    eval_s, result = best(portfolio.evaluate, repeat)
    base_s, totals = best(lambda: baseline(numbers), repeat)
    before, after = totals  # type: ignore[misc]
    agree = (result.before, result.after) == (before, after)  # type: ignore[attr-defined]

    print(
        f"Python {sys.version.split()[0]}; seed {args.seed}; best of {repeat}; "
        "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    )
    print(f"portfolio: {n:,} procedures, {tasks:,} tasks, {changes:,} changes")
    print(f"{'step':<34} {'time':>12} {'per procedure':>14}")
    for label, seconds in (
        ("build (plans checked)", build_s),
        ("evaluate (costs + explanations)", eval_s),
        ("baseline (plain-Python int sums)", base_s),
    ):
        print(f"{label:<34} {fmt(seconds):>12} {seconds / n * 1e6:>11.1f} µs")
    print(f"ratio evaluate / baseline: {eval_s / base_s:,.1f}×")
    print(
        f"totals: before {result.before:,} VND, after {result.after:,} VND, "  # type: ignore[attr-defined]
        f"saving {result.savings.percent()} %; baseline agrees: {'yes' if agree else 'NO'}"  # type: ignore[attr-defined]
    )
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
