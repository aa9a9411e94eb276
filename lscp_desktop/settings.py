"""The settings kept in the database: who the user is, and the rules that change deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.models import ExtraHoliday, Setting
from lscp_desktop.models.enums import RapidReviewDayZero

USER_NAME = "user_name"
ORGANISATION = "organisation"
DEFAULT_CHAIR = "default_chair"
DEFAULT_MINUTE_TAKER = "default_minute_taker"
RAPID_REVIEW_DAY_ZERO = "rapid_review_day_zero"
RETENTION_YEARS = "retention_years"
IDLE_LOCK_MINUTES = "idle_lock_minutes"
NAMES_TO_KEEP_OUT = "names_to_keep_out"  # newline-separated, checked before any export

DEFAULTS: dict[str, str] = {
    USER_NAME: "",
    ORGANISATION: "Leeds Safeguarding Children Partnership",
    DEFAULT_CHAIR: "",
    DEFAULT_MINUTE_TAKER: "",
    RAPID_REVIEW_DAY_ZERO: RapidReviewDayZero.NOTIFICATION.value,
    RETENTION_YEARS: "35",
    IDLE_LOCK_MINUTES: "10",
    NAMES_TO_KEEP_OUT: "",
}


def get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return DEFAULTS.get(key, "") if row is None else row.value


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def extra_holidays(session: Session) -> list[dt.date]:
    return list(session.scalars(select(ExtraHoliday.day).order_by(ExtraHoliday.day)))


@dataclass(frozen=True)
class DeadlineRules:
    """What deadline arithmetic needs, read once so a screen of cases costs one query."""

    rapid_review_day_zero: RapidReviewDayZero = RapidReviewDayZero.NOTIFICATION
    extra_holidays: frozenset[dt.date] = field(default_factory=frozenset)


def deadline_rules(session: Session) -> DeadlineRules:
    return DeadlineRules(
        rapid_review_day_zero=RapidReviewDayZero(get(session, RAPID_REVIEW_DAY_ZERO)),
        extra_holidays=frozenset(extra_holidays(session)),
    )
