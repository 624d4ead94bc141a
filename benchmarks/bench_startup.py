"""Benchmark: start-up of ``import tthc`` and of ``tthc deadline``, against ``import attrs, cattrs``.

Run from the repository root::

    python benchmarks/bench_startup.py            # 30 runs of each command
    python benchmarks/bench_startup.py --runs 10  # fewer

Each command is a new Python process, started with :mod:`subprocess`; the commands run in turn
(A B C A B C ...), so a burst of load hits them alike. For every run the wall time is read around
the child, and its CPU time (user + system) from ``resource.getrusage(RUSAGE_CHILDREN)``. The
figures are medians over the runs; a ratio is the median of the per-round ratios (A's run over
the yardstick's run in the same round).

The yardstick is ``python -c "import attrs, cattrs"``: the dependencies tthc cannot avoid.
Targets (issue #21): ``import tthc`` <= 1.5x the yardstick, ``tthc deadline "09/01/2026 16:30"
"5 ngày làm việc"`` <= 2x. On a loaded machine the wall times stretch with the waiting for a core;
the CPU times do not, so the verdict is read on both and says which.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEADLINE_ARGS = ["deadline", "09/01/2026 16:30", "5 ngày làm việc"]
TARGETS = {"import tthc": 1.5, "tthc deadline": 2.0}


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def commands() -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("tthc")
    deadline = (
        [str(script), *DEADLINE_ARGS]
        if script.is_file()
        else [
            sys.executable,
            "-c",
            f"import sys; from tthc.cli import main; sys.exit(main({DEADLINE_ARGS!r}))",
        ]
    )
    return {
        "import attrs, cattrs": [sys.executable, "-c", "import attrs, cattrs"],
        "import tthc": [sys.executable, "-c", "import tthc"],
        "tthc deadline": deadline,
    }


def run_once(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 - our own commands
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (default 30)")
    args = parser.parse_args()
    cmds = commands()
    print(
        f"tthc start-up benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {load()}"
    )
    for name, argv in cmds.items():
        print(f"  {name}: {' '.join(argv[1:] if argv[0] == sys.executable else argv)}")
    for argv in cmds.values():  # warm-up: bytecode caches, file cache
        run_once(argv)
    wall: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(args.runs):
        for name, argv in cmds.items():
            w, c = run_once(argv)
            wall[name].append(w)
            cpu[name].append(c)
    base = "import attrs, cattrs"
    print(f"\n{args.runs} runs of each, interleaved; medians")
    print(f"{'command':22} {'wall ms':>9} {'cpu ms':>9} {'wall ×':>8} {'cpu ×':>8}  target")
    verdicts = []
    for name in cmds:
        wall_ratio = statistics.median(a / b for a, b in zip(wall[name], wall[base], strict=True))
        cpu_ratio = statistics.median(
            a / b for a, b in zip(cpu[name], cpu[base], strict=True) if b > 0
        )
        target = TARGETS.get(name)
        note = "yardstick" if target is None else f"<= {target}×"
        print(
            f"{name:22} {statistics.median(wall[name]) * 1e3:9.1f} "
            f"{statistics.median(cpu[name]) * 1e3:9.1f} {wall_ratio:7.2f}× {cpu_ratio:7.2f}×  {note}"
        )
        if target is not None:
            verdicts.append(
                f"{name} {wall_ratio:.2f}× wall / {cpu_ratio:.2f}× cpu (<= {target}×: "
                f"{'met' if max(wall_ratio, cpu_ratio) <= target else 'wall or cpu MISSED'})"
            )
    print("\nVERDICT: " + "; ".join(verdicts))
    print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
