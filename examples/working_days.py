"""Working days on the official calendar: a receipt, a limit, the day the result is due.

Run: python examples/working_days.py
"""

from __future__ import annotations

import datetime as dt

import tthc


def main() -> None:
    """Print a few working-day answers around the 2026 breaks, with the reasons for days off."""
    cal = tthc.vietnam_calendar()
    for received, limit in [
        (dt.date(2025, 12, 31), 3),
        (dt.date(2026, 1, 9), 1),
        (dt.date(2026, 2, 13), 5),
        (dt.date(2026, 8, 28), 2),
    ]:
        due = cal.add_working_days(received, limit)
        print(f"received {received:%d/%m/%Y}, {limit} working days -> due {due:%d/%m/%Y}")
        day = received + dt.timedelta(days=1)
        while day < due:
            reason = cal.off_reason(day)
            if reason and not reason.startswith("weekly"):
                print(f"    {day:%d/%m/%Y} skipped: {reason}")
            day += dt.timedelta(days=1)


if __name__ == "__main__":
    main()
