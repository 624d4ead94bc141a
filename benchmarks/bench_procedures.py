"""Benchmark loading and dumping procedures against the standard library's json alone.

Run from the repository root::

    python benchmarks/bench_procedures.py            # 10,000 procedures
    python benchmarks/bench_procedures.py --quick    # 1,000 procedures, for CI smoke tests

The floor of loading is ``json.loads`` of the same text: whatever tthc adds on top (strict type
checks, Duration parsing, validation of every record) is the ratio printed. The floor of dumping is
``json.dumps`` of already unstructured dicts with the same options (indented by default, which
makes ``json`` use its pure-Python encoder; compact text is timed too). The national package format
(CSDLQG) is timed the same way. Every timing is the best of a few repeats with the garbage
collector off; timings never fail the run, but a round trip that is not exact does (exit 1).

The procedures are synthetic and seeded: 1-3 cases, 1-3 channels per case with fees, 2-5 dossier
components, 2-6 steps, agencies, sectors and legal documents, with Vietnamese text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import sys
import time
from decimal import Decimal
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from tthc.durations import Duration
from tthc.io import dump_national, dump_procedures, load_national, load_procedures, make_converter
from tthc.procedures import (
    Agency,
    AuthorityLevel,
    Channel,
    ChannelOption,
    Component,
    Fee,
    FeeKind,
    LegalDocument,
    Procedure,
    ProcedureCase,
    ProcedureType,
    Result,
    Sector,
    Step,
    Subject,
)

if TYPE_CHECKING:
    from collections.abc import Callable

SEED = 20261125
WORDS = [
    "đăng",
    "ký",
    "khai",
    "sinh",
    "hộ",
    "tịch",
    "cấp",
    "giấy",
    "phép",
    "xây",
    "dựng",
    "đất",
    "đai",
    "chứng",
    "thực",
    "bản",
    "sao",
    "doanh",
    "nghiệp",
    "thay",
    "đổi",
    "nội",
    "dung",
    "hồ",
    "sơ",
    "tờ",
    "khai",
    "đơn",
    "đề",
    "nghị",
    "ủy",
    "ban",
    "nhân",
    "dân",
    "sở",
    "tư",
    "pháp",
    "trung",
    "tâm",
    "phục",
    "vụ",
    "hành",
    "chính",
    "công",
    "kết",
    "quả",
    "thẩm",
    "định",
    "bổ",
    "sung",
    "văn",
    "bản",
    "quyết",
    "định",
    "thông",
    "báo",
]


def words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def durations(rng: random.Random) -> Duration:
    kind = rng.random()
    if kind < 0.6:
        return Duration.working_days(rng.randint(1, 30))
    if kind < 0.8:
        return Duration.calendar_days(rng.randint(5, 60))
    if kind < 0.9:
        return Duration.working_hours(rng.choice([4, 8, 12]))
    return Duration.same_day(cutoff=dt.time(15) if rng.random() < 0.5 else None)


def procedure(rng: random.Random, index: int) -> Procedure:
    n_cases = rng.choice([1, 1, 1, 2, 3])
    cases = []
    for c in range(n_cases):
        channels = rng.sample(list(Channel), rng.randint(1, 3))
        cases.append(
            ProcedureCase(
                name=None if n_cases == 1 else f"Trường hợp {c + 1}: {words(rng, 3, 8)}",
                components=[
                    Component(
                        name=words(rng, 4, 12),
                        code=f"GT-{index}-{c}-{k}" if rng.random() < 0.5 else None,
                        originals=rng.randint(0, 2),
                        copies=rng.randint(0, 2),
                    )
                    for k in range(rng.randint(2, 5))
                ],
                channels=[
                    ChannelOption(
                        channel=ch,
                        processing_time=durations(rng),
                        fees=[
                            Fee(
                                kind=rng.choice(list(FeeKind)),
                                amount=Decimal(rng.randrange(0, 2_000_000, 1000)),
                                description=words(rng, 2, 6),
                            )
                            for _ in range(rng.randint(0, 2))
                        ],
                        description=words(rng, 3, 10) if rng.random() < 0.5 else None,
                    )
                    for ch in channels
                ],
            )
        )
    return Procedure(
        code=f"{rng.randint(1, 3)}.{index:06d}",
        name=words(rng, 4, 12),
        procedure_type=rng.choice(list(ProcedureType)),
        authority_levels=rng.sample(list(AuthorityLevel), rng.randint(1, 2)),
        sectors=[Sector(name=words(rng, 1, 3), code=f"LV{rng.randint(1, 99):02d}")],
        implementing_agencies=[Agency(name=words(rng, 3, 6)) for _ in range(rng.randint(1, 2))],
        competent_agencies=[Agency(name=words(rng, 3, 6))],
        subjects=[Subject(name=words(rng, 1, 3))],
        steps=[Step(description=words(rng, 8, 25)) for _ in range(rng.randint(2, 6))],
        requirements=[words(rng, 5, 15)] if rng.random() < 0.5 else [],
        cases=cases,
        results=[Result(name=words(rng, 2, 6))],
        legal_basis=[
            LegalDocument(
                number=f"{rng.randint(1, 200)}/20{rng.randint(10, 25)}/NĐ-CP",
                title=words(rng, 5, 12),
                issued_on=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000)),
            )
            for _ in range(rng.randint(1, 3))
        ],
        description=words(rng, 10, 30),
    )


def best_of(repeats: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result = None
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()
    return best, result


def row(label: str, seconds: float, floor: float, n: int) -> str:
    return (
        f"  {label:<44} {seconds * 1000:9.1f} ms  {seconds / n * 1e6:8.1f} µs/procedure  "
        f"{seconds / floor:6.1f}× the floor"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of procedures")
    parser.add_argument("--quick", action="store_true", help="1,000 procedures, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    n = 1_000 if args.quick else args.n
    repeats = 1 if args.quick else args.repeats

    rng = random.Random(SEED)
    procedures = [procedure(rng, i) for i in range(n)]
    converter = make_converter()
    plain = [converter.unstructure(p) for p in procedures]
    text = dump_procedures(procedures)
    national_text = dump_national(procedures)

    print(
        f"tthc procedures benchmark: {n:,} procedures, {len(text.encode()) / 1e6:.1f} MB of JSON "
        f"({len(national_text.encode()) / 1e6:.1f} MB as national packages); best of {repeats}"
    )
    print(
        f"Python {platform.python_version()}, attrs {version('attrs')}, cattrs {version('cattrs')}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    )

    t_parse, _ = best_of(repeats, lambda: json.loads(text))
    t_load, loaded = best_of(repeats, lambda: load_procedures(text))
    t_encode, _ = best_of(repeats, lambda: json.dumps(plain, ensure_ascii=False, indent=2))
    t_dump, dumped = best_of(repeats, lambda: dump_procedures(procedures))
    t_encode_compact, _ = best_of(repeats, lambda: json.dumps(plain, ensure_ascii=False))
    t_dump_compact, _ = best_of(repeats, lambda: dump_procedures(procedures, indent=None))
    t_nparse, _ = best_of(repeats, lambda: json.loads(national_text))
    t_nload, nloaded = best_of(repeats, lambda: load_national(national_text))
    t_ndump, _ = best_of(repeats, lambda: dump_national(procedures))

    print("load (library JSON)")
    print(row("json.loads (the floor)", t_parse, t_parse, n))
    print(row("tthc.io.load_procedures", t_load, t_parse, n))
    print("dump (library JSON)")
    print(row("json.dumps of unstructured dicts (the floor)", t_encode, t_encode, n))
    print(row("tthc.io.dump_procedures", t_dump, t_encode, n))
    print(row("json.dumps, compact (the floor)", t_encode_compact, t_encode_compact, n))
    print(row("tthc.io.dump_procedures(indent=None)", t_dump_compact, t_encode_compact, n))
    print("national package (CSDLQG)")
    print(row("json.loads (the floor)", t_nparse, t_nparse, n))
    print(row("tthc.io.load_national", t_nload, t_nparse, n))
    print(row("tthc.io.dump_national (vs json.dumps floor)", t_ndump, t_encode, n))

    exact = loaded == procedures and dumped == text
    national_stable = dump_national(nloaded) == national_text
    print(f"round trip exact: {exact}; national package stable: {national_stable}")
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0 if exact and national_stable else 1


if __name__ == "__main__":
    sys.exit(main())
