"""The settings that move deadlines, read straight from the store's connection.

Plain SQL on the DB-API connection, so the case register can compute every deadline before
SQLAlchemy has loaded (the app's first screen); the ORM's callers use settings.deadline_rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.enums import RapidReviewDayZero
from lscp_desktop.store.raw_sql import as_date

RAPID_REVIEW_DAY_ZERO = "rapid_review_day_zero"  # the key of the setting, in `settings`


@dataclass(frozen=True)
class DeadlineRules:
    """What deadline arithmetic needs, read once so a screen of cases costs one query."""

    rapid_review_day_zero: RapidReviewDayZero = RapidReviewDayZero.NOTIFICATION
    extra_holidays: frozenset[dt.date] = field(default_factory=frozenset)


def read_deadline_rules(connection: Any) -> DeadlineRules:
    """The rules as stored (defaults where nothing is set), from a DB-API connection."""
    row = connection.execute(
        "SELECT value FROM settings WHERE key = ?", (RAPID_REVIEW_DAY_ZERO,)
    ).fetchone()
    days = connection.execute("SELECT day FROM extra_holidays").fetchall()
    return DeadlineRules(
        rapid_review_day_zero=(
            RapidReviewDayZero.NOTIFICATION if row is None else RapidReviewDayZero(row[0])
        ),
        extra_holidays=frozenset(as_date(day) for (day,) in days),
    )
