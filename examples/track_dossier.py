"""Track one dossier from receipt to result, then classify a synthetic year of dossiers.

Run: python examples/track_dossier.py
"""

from __future__ import annotations

import datetime as dt

import tthc
from tthc.dossiers import (
    Dossier,
    Rescheduled,
    Resolved,
    Returned,
    SupplementRequested,
    SupplementSupplied,
    classify,
)
from tthc.procedures import Channel


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in March 2026, Vietnam time."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=tthc.VN_TZ)


def main() -> None:
    """Print a dossier's history, its due instant and class, then the classes of a small table."""
    dossier = Dossier(
        code="000.00.10.H26-260302-00001",
        procedure_code="1.000000",
        channel=Channel.IN_PERSON,
        agency="Bộ phận một cửa (ví dụ)",
        submitted_at=at(2, 9),
        received_at=at(2, 9),
        processing_time=tthc.Duration.parse("5 ngày làm việc"),
    )
    print(f"{dossier!r}: due {dossier.due_at:%a %d/%m/%Y %H:%M}")
    dossier = dossier.apply_all(
        [
            SupplementRequested(at=at(3, 10), note="Bổ sung bản sao giấy tờ tùy thân"),
            SupplementSupplied(at=at(5, 14)),
            Rescheduled(at=at(12, 9), new_due_at=at(13, 16), reason="Cần xác minh thêm"),
            Resolved(at=at(13, 11)),
            Returned(at=at(13, 16)),
        ]
    )
    print(dossier.timeline())
    print(f"due (supplement wait left out): {dossier.due_at:%a %d/%m/%Y %H:%M}")
    print(f"new appointment on the apology slip: {dossier.appointment_at:%a %d/%m/%Y %H:%M}")
    print(f"end of processing: {dossier.finished_at:%a %d/%m/%Y %H:%M}")
    timeliness = classify(dossier)
    print(
        f"timeliness: {timeliness.name} ({timeliness.label})" if timeliness else "not classified"
    )

    from tthc.analytics import classify_timeliness  # noqa: PLC0415 - needs numpy and pandas
    from tthc.analytics.synthetic import synthetic_dossiers  # noqa: PLC0415

    frame = synthetic_dossiers(20_000, seed=1, year=2025)
    classes = classify_timeliness(frame, as_of=dt.datetime(2026, 1, 1, tzinfo=tthc.VN_TZ))
    print("a synthetic year of 20,000 dossiers, as at 01/01/2026:")
    for name, count in classes.value_counts(dropna=False).items():
        print(f"    {name if isinstance(name, str) else 'not classified'}: {count:,}")


if __name__ == "__main__":
    main()
