"""Counting working days by arithmetic gives what counting them one by one gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lscp_desktop.deadlines.working_days import is_working_day, working_days_between

DATES = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


def one_by_one(start: dt.date, end: dt.date, extra: frozenset[dt.date]) -> int:
    if end < start:
        return -one_by_one(end, start, extra)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), extra)
    )


@settings(max_examples=300, deadline=None)
@given(start=DATES, end=DATES, extra=st.frozensets(DATES, max_size=4))
def test_the_count_is_the_day_by_day_count(
    start: dt.date, end: dt.date, extra: frozenset[dt.date]
) -> None:
    assert working_days_between(start, end, extra) == one_by_one(start, end, extra)


def test_known_counts_over_christmas_and_easter() -> None:
    # Wed 23 Dec 2026 to Mon 4 Jan 2027: Christmas Day Fri, Boxing Day substitute Mon 28,
    # New Year's Day Fri 1 Jan: 24, 29, 30, 31 Dec and 4 Jan are working days.
    assert working_days_between(dt.date(2026, 12, 23), dt.date(2027, 1, 4)) == 5
    assert working_days_between(dt.date(2027, 1, 4), dt.date(2026, 12, 23)) == -5
    # Thu 2 Apr 2026 to Tue 7 Apr: Good Friday and Easter Monday off; only Tue 7 counts.
    assert working_days_between(dt.date(2026, 4, 2), dt.date(2026, 4, 7)) == 1
