"""Office hours and the office-time index (*giờ làm việc*)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs

from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from tthc.calendar._index import Index

__all__ = ["OfficeHours"]

US_PER_MINUTE = 60_000_000
US_PER_DAY = 1440 * US_PER_MINUTE
_DAYS_IN_WEEK = 7

Period = tuple[dt.time, dt.time]


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(value: object) -> object:
    # Text is read as HH:MM; unreadable text is kept as it is for the validator to report.
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return value
    return value


def _periods(value: Iterable[Any]) -> tuple[Period, ...]:
    """Converter: accept ``("08:00", "12:00")`` pairs or ``time`` pairs."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # the validator reports it
    out: list[Any] = []
    for item in value:
        if isinstance(item, (tuple, list)) and len(item) == 2:  # noqa: PLR2004 - a pair
            out.append(tuple(_time(x) for x in item))
        else:
            out.append(item)
    return tuple(out)


def _check_periods(where: str, periods: object) -> None:
    if not isinstance(periods, tuple) or not periods:
        raise InvalidValueError(where, periods, "at least one (opening, closing) pair of times")
    previous_end = -1
    for pair in periods:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2  # noqa: PLR2004 - a pair
            and all(type(t) is dt.time for t in pair)
        ):
            raise InvalidValueError(where, pair, "an (opening, closing) pair of datetime.time")
        start, end = pair
        if any(t.tzinfo is not None or t.second or t.microsecond for t in pair):
            raise InvalidValueError(where, pair, "naive times on a whole minute (e.g. 08:00)")
        if _minutes(end) <= _minutes(start):
            raise InvalidValueError(where, pair, "a closing time after the opening time")
        if _minutes(start) < previous_end:
            raise InvalidValueError(where, pair, "periods in order of the day that do not overlap")
        previous_end = _minutes(end)


def _weekday_map(
    value: Mapping[int, Iterable[Any]] | Iterable[tuple[int, Iterable[Any]]],
) -> tuple[tuple[int, tuple[Period, ...]], ...]:
    """Converter: a mapping or pairs of weekday -> periods, sorted by weekday."""
    items: Iterable[tuple[int, Iterable[Any]]] = (
        value.items() if isinstance(value, Mapping) else value
    )
    try:
        return tuple(sorted((k, _periods(v)) for k, v in items))
    except TypeError:
        raise InvalidValueError(
            "OfficeHours.by_weekday", value, "a mapping of weekday (0-6) to periods"
        ) from None


@attrs.frozen(kw_only=True, cache_hash=True)
class OfficeHours:
    """The opening periods of an agency's working day (*giờ làm việc*).

    ``periods`` apply to every working day, Saturdays made working (*làm bù*) included;
    ``by_weekday`` overrides them for given weekdays (0 = Monday … 6 = Sunday), for an agency that
    closes early on Fridays, say. A limit of N working days is N times the length of ``periods``
    (8 hours by default), as the one-stop systems count.

    No legal text fixes one national schedule: 08:00–12:00 and 13:00–17:00 is the default here,
    and agencies configure their own (07:00–11:30 and 13:30–17:00 is common).

    Attributes:
        periods: ``(opening, closing)`` pairs of naive times on a whole minute, in order,
            not overlapping.
        by_weekday: Weekday overrides, as ``((weekday, periods), ...)`` (a mapping is accepted).

    Raises:
        InvalidValueError: A period is empty, reversed, overlapping, out of order, or not on a
            whole minute; a weekday is not 0–6.

    Examples:
        >>> OfficeHours().day_length
        datetime.timedelta(seconds=28800)
        >>> OfficeHours.parse("07:00-11:30,13:30-17:00").periods[1]
        (datetime.time(13, 30), datetime.time(17, 0))
        >>> OfficeHours(periods=[("08:00", "12:00"), ("11:00", "17:00")])
        Traceback (most recent call last):
        ...
        tthc.errors.InvalidValueError: OfficeHours.periods: expected periods in order of the day that do not overlap, got (datetime.time(11, 0), datetime.time(17, 0))

    References:
        Research notes ``vn_legal.md`` §1.7: office hours are set per agency or locality
        (production systems: 07:00–11:30/13:30–17:00; OpenCPS per-weekday work-time strings).
    """

    periods: tuple[Period, ...] = attrs.field(
        default=((dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))), converter=_periods
    )
    by_weekday: tuple[tuple[int, tuple[Period, ...]], ...] = attrs.field(
        default=(), converter=_weekday_map
    )

    @periods.validator
    def _check_main(self, _attribute: Any, value: tuple[Period, ...]) -> None:
        _check_periods("OfficeHours.periods", value)

    @by_weekday.validator
    def _check_weekdays(self, _attribute: Any, value: tuple[tuple[int, Any], ...]) -> None:
        for weekday, periods in value:
            if type(weekday) is not int or not 0 <= weekday < _DAYS_IN_WEEK:
                raise InvalidValueError(
                    "OfficeHours.by_weekday", weekday, "a weekday from 0 (Monday) to 6 (Sunday)"
                )
            _check_periods(f"OfficeHours.by_weekday[{weekday}]", periods)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read periods written as ``"07:30-11:30,13:30-17:00"`` (the OpenCPS work-time form).

        Raises:
            InvalidValueError: The text is not a comma-separated list of ``HH:MM-HH:MM``.
        """
        if not isinstance(text, str):
            raise InvalidValueError(
                "OfficeHours.parse(text)", text, "a text like '08:00-12:00,13:00-17:00'"
            )
        pairs = []
        for part in text.split(","):
            match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*", part)
            if not match:
                raise InvalidValueError(
                    "OfficeHours.parse(text)", text, "a text like '08:00-12:00,13:00-17:00'"
                )
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            try:
                pairs.append((dt.time(h1, m1), dt.time(h2, m2)))
            except ValueError:
                raise InvalidValueError(
                    "OfficeHours.parse(text)", text, "valid times of day (00:00-23:59)"
                ) from None
        return cls(periods=tuple(pairs))

    def periods_on(self, weekday: int) -> tuple[Period, ...]:
        """Return the opening periods of a working day that falls on ``weekday`` (0 = Monday)."""
        for day, periods in self.by_weekday:
            if day == weekday:
                return periods
        return self.periods

    @property
    def day_length(self) -> dt.timedelta:
        """Office time of one working day: what "1 working day" (*1 ngày làm việc*) means."""
        return dt.timedelta(minutes=sum(_minutes(b) - _minutes(a) for a, b in self.periods))

    def closing(self, weekday: int) -> dt.time:
        """Return the closing time of a working day that falls on ``weekday``."""
        return self.periods_on(weekday)[-1][1]


def _period_us(periods: tuple[Period, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((_minutes(a) * US_PER_MINUTE, _minutes(b) * US_PER_MINUTE) for a, b in periods)


class OfficeIndex:
    """Office time counted in microseconds, as a cumulative count per working day (private).

    ``position(i, tod)`` is the office time elapsed from the index's first working day up to
    that local instant; ``earliest(T)`` is the earliest local instant at which ``T`` has elapsed;
    ``start(T)`` the instant at which counting from ``T`` begins (the next opening when ``T``
    falls on a closing time). Positions are relative to the calendar index the office index was
    built on: use them only with that index.

    When every weekday has the same periods (``uniform``, the usual case) nothing is built per
    day: the office time before working day ``k`` is ``k * day``. Otherwise the periods and the
    cumulative counts are built per working day of the index.
    """

    __slots__ = (
        "_cum",
        "_periods",
        "day",
        "elapsed_at",
        "index",
        "open_at",
        "same",
        "times",
        "uniform",
        "weekly",
    )

    def __init__(self, index: Index, hours: OfficeHours) -> None:
        self.index = index
        self.day = int(hours.day_length.total_seconds()) * 1_000_000
        self.weekly = [_period_us(hours.periods_on(w)) for w in range(_DAYS_IN_WEEK)]
        self.uniform = all(p == self.weekly[0] for p in self.weekly)
        # The periods of every working day when they are all the same.
        self.same = self.weekly[0]
        self._periods: list[tuple[tuple[int, int], ...]] | None = None
        # For the deadline calculator's inline path (uniform hours; see minute_tables):
        # the office time elapsed at each minute of a working day, whether that minute is open,
        # and the time of day at which an office-time offset into the day is reached.
        self.elapsed_at: list[int] = []
        self.open_at = b""
        self.times: dict[int, dt.timedelta] = {}
        self._cum: list[int] | None = None
        if not self.uniform:
            self._periods, self._cum = self._build()

    def _build(self) -> tuple[list[tuple[tuple[int, int], ...]], list[int]]:
        weekly = self.weekly
        periods = [weekly[(o - 1) % _DAYS_IN_WEEK] for o in self.index.working]
        cum = [0]
        for day in periods:
            cum.append(cum[-1] + sum(b - a for a, b in day))
        return periods, cum

    @property
    def periods(self) -> list[tuple[tuple[int, int], ...]]:
        """The periods of each working day, by its position ``k`` among the working days."""
        found = self._periods
        if found is None:
            found, self._cum = self._build()
            self._periods = found
        return found

    @property
    def cum(self) -> list[int]:
        """Office time before each working day (one more item: the total)."""
        found = self._cum
        if found is None:
            self._periods, found = self._build()
            self._cum = found
        return found

    def position(self, i: int, tod: int) -> int:
        """Office time before local day position ``i`` (in the day index) at time-of-day ``tod``."""
        index = self.index
        if self.uniform:
            if index.mask[i]:
                k = index.rank[i] - 1
                elapsed = 0
                for a, b in self.same:
                    if tod <= a:
                        break
                    elapsed += min(b, tod) - a
                return k * self.day + elapsed
            return index.rank[i] * self.day
        if index.mask[i]:
            k = index.rank[i] - 1
            elapsed = 0
            for a, b in self.periods[k]:
                if tod <= a:
                    break
                elapsed += min(b, tod) - a
            return self.cum[k] + elapsed
        return self.cum[index.rank[i]]

    def _locate(self, t: int, *, earliest: bool) -> tuple[int, int]:
        if self.uniform:
            # Every working day has the same periods: cum[k] == k * day, no search needed.
            k = (t - 1) // self.day if earliest and t > 0 else t // self.day
            if not 0 <= k < len(self.index.working):
                raise IndexError(k)
            rest = t - k * self.day
            periods = self.same
        else:
            cum = self.cum
            if earliest:
                k = bisect.bisect_left(cum, t) - 1 if t > 0 else 0
            else:
                k = bisect.bisect_right(cum, t) - 1
            if not 0 <= k < len(self.periods):
                raise IndexError(k)
            rest = t - cum[k]
            periods = self.periods[k]
        for a, b in periods:
            length = b - a
            if rest < length or (earliest and rest == length):
                return self.index.working[k], a + rest
            rest -= length
        # Only reached for t == cum[k+1] with earliest=False, excluded above.
        raise AssertionError  # pragma: no cover

    def earliest(self, t: int) -> tuple[int, int]:
        """(ordinal, time-of-day) of the earliest instant at which office time ``t`` has passed."""
        return self._locate(t, earliest=True)

    def start(self, t: int) -> tuple[int, int]:
        """(ordinal, time-of-day) at which counting from office time ``t`` begins."""
        return self._locate(t, earliest=False)

    def minute_tables(self) -> None:
        """Fill ``elapsed_at`` and ``open_at`` (1,440 minutes of a uniform working day)."""
        if self.elapsed_at:
            return
        elapsed: list[int] = []
        is_open = bytearray(1440)
        for minute in range(1440):
            tod = minute * US_PER_MINUTE
            done = 0
            for a, b in self.same:
                if tod <= a:
                    break
                done += min(b, tod) - a
            elapsed.append(done)
            is_open[minute] = any(a <= tod < b for a, b in self.same)
        self.open_at = bytes(is_open)
        self.elapsed_at = elapsed

    def time_at(self, offset: int) -> dt.timedelta:
        """The time of day at which ``offset`` (0 < offset <= day) of a uniform day is reached.

        As a ``timedelta`` from midnight; kept in ``times`` when on a whole minute (at most one
        per minute of office time).
        """
        tod = offset
        for a, b in self.same:
            if tod <= b - a:
                tod += a
                break
            tod -= b - a
        found = dt.timedelta(microseconds=tod)
        if not offset % US_PER_MINUTE:
            self.times[offset] = found
        return found

    def closing_us(self, k: int) -> int:
        """Closing time-of-day of the working day at position ``k``."""
        if self.uniform:
            return self.same[-1][1]
        return self.periods[k][-1][1]
