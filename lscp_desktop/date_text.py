"""Dates and times as people read them: the one formatter for screens, documents and reports.

Three forms, named for where they are used:
- `written_date`: "4 Mar 2026", in running text (minutes, decision records, reports);
- `weekday_date`: "Wed 4 Mar 2026", on screens where the weekday helps check working days;
- `numeric_date`: "04/03/2026", in table columns, where dates line up and sort by eye.
No leading zero on the day in the first two, as people write dates in England.
"""

from __future__ import annotations

import datetime as dt

MISSING_ON_SCREEN = "—"


def written_date(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def written_time(moment: dt.datetime | None) -> str:
    """'4 Mar 2026 at 14:00'."""
    return "" if moment is None else f"{written_date(moment.date())} at {moment:%H:%M}"


def weekday_date(day: dt.date | None) -> str:
    return MISSING_ON_SCREEN if day is None else f"{day:%a} {written_date(day)}"


def numeric_date(day: dt.date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def numeric_time(moment: dt.datetime | None) -> str:
    """'04/03/2026 14:00'."""
    return "" if moment is None else f"{numeric_date(moment.date())} {moment:%H:%M}"
