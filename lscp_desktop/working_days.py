"""Counting working days in England: Monday to Friday, less England-and-Wales bank holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    # subdiv="ENG" matters: without it the package drops Easter Monday and the August holiday.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holidays(year: int) -> frozenset[dt.date]:
    """England's bank holidays in `year`, substitute and one-off days included."""
    return _bank_holidays(year)


def is_working_day(day: dt.date, extra_holidays: Iterable[dt.date] = ()) -> bool:
    return (
        day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in set(extra_holidays)
    )


def add_working_days(
    day_zero: dt.date, count: int, extra_holidays: Iterable[dt.date] = ()
) -> dt.date:
    """The `count`th working day after `day_zero` (day 0 itself is never counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    extra = frozenset(extra_holidays)
    day = day_zero
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, extra):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date, end: dt.date, extra_holidays: Iterable[dt.date] = ()
) -> int:
    """How many working days after `start` up to and including `end` (negative if end < start)."""
    extra = frozenset(extra_holidays)
    if end < start:
        return -working_days_between(end, start, extra)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), extra)
    )
