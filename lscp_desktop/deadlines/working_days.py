"""Counting working days in England: Monday to Friday, less England-and-Wales bank holidays."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Iterable

from lscp_desktop.deadlines.bank_holidays import CacheKey, cache_key, read_cache, write_cache

# subdiv="ENG" matters: without it the package drops Easter Monday and the August holiday.
COUNTRY = "GB"
SUBDIVISION = "ENG"


class _Remembered:
    """The years this process knows: from the cache file (read once), else computed.

    The warm-up thread and the GUI thread may both ask, so reading the file, computing and
    writing it happen under one lock. A year already known is a plain dict look-up without the
    lock: deadline arithmetic asks for every day it steps over.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.years: dict[int, frozenset[dt.date]] = {}
        self.file_read = False
        self.key: CacheKey | None = None

    def get(self, year: int) -> frozenset[dt.date]:
        known = self.years.get(year)
        if known is not None:
            return known
        with self.lock:
            return self._find(year)

    def _find(self, year: int) -> frozenset[dt.date]:
        if not self.file_read:
            self.file_read = True
            self.key = cache_key(f"{COUNTRY}/{SUBDIVISION}")
            if self.key is not None:
                self.years.update(read_cache(self.key))
        if year not in self.years:
            self.years[year] = _compute(year)
            if self.key is not None:  # once per newly computed year, with every year known
                write_cache(self.key, self.years)
        return self.years[year]

    def forget(self) -> None:
        with self.lock:
            self.years.clear()
            self.file_read = False
            self.key = None


_remembered = _Remembered()


def _compute(year: int) -> frozenset[dt.date]:
    # Imported here: loading every country's calendar is the cost the cache file saves.
    import holidays

    return frozenset(holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=year).keys())


def _bank_holidays(year: int) -> frozenset[dt.date]:
    return _remembered.get(year)


def forget_remembered_bank_holidays() -> None:
    """Forget every year, as a new process would (for tests); the cache file is left alone."""
    _remembered.forget()


def bank_holidays(year: int) -> frozenset[dt.date]:
    """England's bank holidays in `year`, substitute and one-off days included."""
    return _bank_holidays(year)


def is_working_day(day: dt.date, extra_holidays: Collection[dt.date] = frozenset()) -> bool:
    """Monday to Friday and not a bank holiday, nor one of `extra_holidays` (a set is best:
    the deadline arithmetic asks this of every day it counts)."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in extra_holidays


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
    """How many working days after `start` up to and including `end` (negative if end < start).

    By arithmetic, not day by day: the register asks it of every case, and an old overdue
    deadline is years of days away. Weekdays in the range, less the bank holidays and extra
    holidays that fall on them.
    """
    extra = frozenset(extra_holidays)
    if end < start:
        return -working_days_between(end, start, extra)
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday()
    weekdays = weeks * 5 + sum(1 for step in range(1, rest + 1) if (first + step) % 7 < 5)
    off = {day for day in extra if start < day <= end and day.weekday() < 5}
    for year in range(start.year, end.year + 1):
        off.update(d for d in _bank_holidays(year) if start < d <= end and d.weekday() < 5)
    return weekdays - len(off)
