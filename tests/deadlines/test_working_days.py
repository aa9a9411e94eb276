"""Deadlines in working days, checked against an independent count from GOV.UK's own list."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lscp_desktop.deadlines.working_days import add_working_days, working_days_between

# England and Wales bank holidays as published on GOV.UK, typed in by hand so the check does
# not share its data with the `holidays` package.
GOV_UK = {
    dt.date.fromisoformat(day)
    for day in """
    2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26
    2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28
    2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28
    2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19
    2022-12-26 2022-12-27 2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29
    2023-08-28 2023-12-25 2023-12-26 2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27
    2024-08-26 2024-12-25 2024-12-26 2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26
    2025-08-25 2025-12-25 2025-12-26 2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25
    2026-08-31 2026-12-25 2026-12-28 2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31
    2027-08-30 2027-12-27 2027-12-28
    """.split()
}


def independent_deadline(day_zero: dt.date, count: int, extra: set[dt.date]) -> dt.date:
    """List the next 60 calendar days, keep the working ones, take the count-th."""
    following = (day_zero + dt.timedelta(days=offset) for offset in range(1, 60))
    working = [d for d in following if d.weekday() < 5 and d not in GOV_UK | extra]
    return day_zero if count == 0 else working[count - 1]


def test_worked_example_from_the_domain_brief() -> None:
    aware = dt.date(2025, 12, 22)
    assert add_working_days(aware, 5) == dt.date(2025, 12, 31)
    assert add_working_days(aware, 15) == dt.date(2026, 1, 15)


def test_one_off_and_substitute_days_are_skipped() -> None:
    # The Queen's funeral (19 Sep 2022) and the Coronation (8 May 2023) were one-off holidays.
    assert add_working_days(dt.date(2022, 9, 16), 1) == dt.date(2022, 9, 20)
    assert add_working_days(dt.date(2023, 5, 5), 1) == dt.date(2023, 5, 9)
    # Christmas 2022 fell on a Sunday: 26 and 27 December were both holidays.
    assert add_working_days(dt.date(2022, 12, 23), 1) == dt.date(2022, 12, 28)


def test_a_newly_announced_holiday_added_by_the_user_is_skipped() -> None:
    extra = {dt.date(2026, 6, 10)}
    assert add_working_days(dt.date(2026, 6, 9), 1) == dt.date(2026, 6, 10)
    assert add_working_days(dt.date(2026, 6, 9), 1, extra) == dt.date(2026, 6, 11)


@settings(max_examples=400, deadline=None)
@given(
    day_zero=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 11, 30)),
    count=st.sampled_from([0, 1, 5, 15]),
    extra=st.sets(
        st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)), max_size=3
    ),
)
def test_deadlines_match_an_independent_count(
    day_zero: dt.date, count: int, extra: set[dt.date]
) -> None:
    assert add_working_days(day_zero, count, extra) == independent_deadline(day_zero, count, extra)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 6, 30)),
    count=st.integers(min_value=0, max_value=30),
)
def test_counting_back_gives_the_same_number_of_working_days(start: dt.date, count: int) -> None:
    assert working_days_between(start, add_working_days(start, count)) == count
