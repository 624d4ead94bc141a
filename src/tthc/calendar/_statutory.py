"""Days off that the Labour Code gives in a year with no official schedule (private).

The statutory holidays are fixed by law, but the exact weekdays off are chosen each year by the
Prime Minister: which five days make up Tết, which day next to 2 September is the second National
Day day, and any swap of a bridge weekday for a Saturday. For a year with no published schedule
these rules *predict* the schedule. Over 2015–2027 they reproduce every official day off except the
swaps (checked in ``tests/calendar/test_statutory.py``); in 2014 the Prime Minister made up both
weekend Tết days after the break, where the rule puts the Saturday's before it. A prediction is not
a fact: every entry
they make is marked ``Basis.STATUTORY`` and ``Certainty.PREDICTED`` (``UNCERTAIN`` for the disputed
make-up of Culture Day), and calendars mark the year provisional.

References:
    * Labour Code 2012 (10/2012/QH13), Art. 115: ten paid holidays (Tết 5 days, National Day
      1 day); a holiday on a weekly rest day is made up on the next day. In force 1 May 2013.
    * Labour Code 2019 (45/2019/QH14), Art. 112: eleven paid holidays (National Day 2 days:
      2 September and one adjacent day, chosen by the Prime Minister with the Tết days, 112(3));
      Art. 111(3): a holiday on a weekly rest day is made up on the next working day.
      In force 1 January 2021.
    * National Assembly Resolution 28/2026/QH16, Art. 2 (in force 1 July 2026): 24 November,
      Vietnam Culture Day, is a paid day off (as quoted by secondary sources).
"""

from __future__ import annotations

import datetime as dt

from tthc.calendar._core import Basis, CalendarEntry, Certainty, EntryKind

# The first year the rules below describe: the Labour Code 2012 (Tết = 5 days) took effect on
# 1 May 2013, so Tết 2013 still fell under the older code; 2014 is the first full year.
FIRST_STATUTORY_YEAR = 2014
LAST_STATUTORY_YEAR = 2100

_LC2012 = "Bộ luật Lao động 2012 (10/2012/QH13), Điều 115"
_LC2019 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112"
_MAKE_UP_2012 = "nghỉ bù theo Bộ luật Lao động 2012, Điều 115(3)"
_MAKE_UP_2019 = "nghỉ bù theo Bộ luật Lao động 2019, Điều 111(3)"
_CULTURE_DAY = "Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực 01/07/2026)"

_SATURDAY, _SUNDAY = 5, 6
# Labour Code 2019 (second National Day day) in force from 1 January 2021.
_LC2019_FROM = 2021
# Vietnam Culture Day (Resolution 28/2026/QH16) is a day off from 2026.
_CULTURE_DAY_FROM = 2026


def statutory_entries(year: int) -> list[CalendarEntry]:
    """Predict the public-sector weekdays off of ``year`` from the Labour Code's rules.

    Args:
        year: A year from ``FIRST_STATUTORY_YEAR`` to ``LAST_STATUTORY_YEAR``.

    Returns:
        The predicted days off dated in ``year`` (weekdays only), sorted.
    """
    # The lunar calendar loads with the first provisional year a calendar reaches: the official
    # years, which are most calls, never need it.
    from tthc.calendar._lunar import hung_kings_day, lunar_new_years_eve  # noqa: PLC0415

    if year < _LC2019_FROM:
        law, make_up = _LC2012, _MAKE_UP_2012
    else:
        law, make_up = _LC2019, _MAKE_UP_2019
    off: dict[dt.date, CalendarEntry] = {}

    def take(day: dt.date, name: str, source: str, certainty: Certainty, note: str = "") -> None:
        off[day] = CalendarEntry(
            day=day,
            kind=EntryKind.DAY_OFF,
            name=name,
            source=source,
            basis=Basis.STATUTORY,
            certainty=certainty,
            note=note,
        )

    def free_after(day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while day.weekday() >= _SATURDAY or day in off:
            day += dt.timedelta(days=1)
        return day

    def free_before(day: dt.date) -> dt.date:
        day -= dt.timedelta(days=1)
        while day.weekday() >= _SATURDAY or day in off:
            day -= dt.timedelta(days=1)
        return day

    predicted = Certainty.PREDICTED
    # (day, name, source, certainty) of each holiday; weekend ones are made up afterwards.
    holidays: list[tuple[dt.date, str, str, Certainty]] = [
        # 1 January, New Year (Tết Dương lịch).
        (dt.date(year, 1, 1), "Tết Dương lịch", f"{law}(1)(a)", predicted),
        # 10/3 lunar, Hùng Kings' Commemoration (Giỗ Tổ Hùng Vương).
        (hung_kings_day(year), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", f"{law}(1)(c)", predicted),
        # 30 April, Reunification Day (Ngày Chiến thắng).
        (dt.date(year, 4, 30), "Ngày Chiến thắng (30/4)", f"{law}(1)(d)", predicted),
        # 1 May, International Labour Day (Ngày Quốc tế Lao động).
        (dt.date(year, 5, 1), "Ngày Quốc tế Lao động (1/5)", f"{law}(1)(đ)", predicted),
        # 2 September, National Day (Quốc khánh).
        (dt.date(year, 9, 2), "Quốc khánh (2/9)", f"{law}(1)(e)", predicted),
    ]
    if year >= _LC2019_FROM:
        # The adjacent National Day day (Art. 112(1)(e), chosen under 112(3)): the neighbour that
        # makes the longest break, the choice every year 2021-2026 followed.
        national = dt.date(year, 9, 2)
        step = {0: 1, 1: -1, 2: -1, 3: 1, 4: -1, 5: -1, 6: 1}[national.weekday()]
        holidays.append(
            (
                national + dt.timedelta(days=step),
                "Quốc khánh (ngày liền kề)",
                f"{law}(1)(e) và (3)",
                predicted,
            )
        )
    if year >= _CULTURE_DAY_FROM:
        holidays.append(
            (
                dt.date(year, 11, 24),
                "Ngày Văn hóa Việt Nam (24/11)",
                _CULTURE_DAY,
                # The resolution is quoted by secondary sources only.
                Certainty.CONFIRMED_SECONDARY if year == _CULTURE_DAY_FROM else predicted,
            )
        )

    # Weekday holidays first, so make-up days go around them.
    for day, name, source, certainty in holidays:
        if day.weekday() < _SATURDAY:
            take(day, name, source, certainty)

    # Tết (Art. 112(1)(b) / Art. 115(1)(b)): five days, lunar New Year's Eve and mùng 1-4. The
    # Prime Minister picks the actual weekdays; the rule that reproduces every choice 2015-2027:
    # a Tết day on a Saturday moves to the nearest free weekday before the break, one on a
    # Sunday to the nearest free weekday after it.
    eve = lunar_new_years_eve(year)
    tet_days = [eve + dt.timedelta(days=k) for k in range(5)]
    tet_source = f"{law}(1)(b) và (3)"
    tet_name = "Tết Nguyên Đán"
    for day in tet_days:
        if day.weekday() < _SATURDAY:
            take(day, tet_name, tet_source, predicted)
    for day in tet_days:
        if day.weekday() == _SATURDAY:
            take(
                free_before(tet_days[0]), tet_name, tet_source, predicted, f"thay cho {day:%d/%m}"
            )
    for day in tet_days:
        if day.weekday() == _SUNDAY:
            take(
                free_after(tet_days[-1]), tet_name, tet_source, predicted, f"thay cho {day:%d/%m}"
            )

    # Make-up days (nghỉ bù) for the other holidays that fall on a weekend, in date order.
    for day, name, source, certainty in sorted(holidays):
        if day.weekday() >= _SATURDAY:
            note = f"nghỉ bù cho {day:%d/%m/%Y}"
            sure = certainty
            if name.startswith("Ngày Văn hóa"):
                # Whether Art. 111(3) reaches a day off created outside Art. 112(1) is disputed.
                sure = Certainty.UNCERTAIN
                note += "; việc nghỉ bù cho ngày 24/11 chưa được văn bản nào khẳng định"
            take(free_after(day), f"Nghỉ bù {name}", f"{source}; {make_up}", sure, note)

    return sorted((e for e in off.values() if e.day.year == year), key=lambda e: e.day)
