"""The statutory clock: notification in 5 working days, Rapid Review in 15, CSPR in 6 months."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lscp_desktop.deadlines.rules import DeadlineRules
from lscp_desktop.deadlines.working_days import add_working_days
from lscp_desktop.models.enums import (
    DecisionOutcome,
    MeetingKind,
    RapidReviewDayZero,
    ReviewRecommendation,
)

if TYPE_CHECKING:
    from lscp_desktop.models import Case, Decision

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
CSPR_PUBLICATION_MONTHS = 6


@dataclass(frozen=True)
class CaseDeadlines:
    notification_due: dt.date
    rapid_review_due: dt.date | None
    cspr_publication_due: dt.date | None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def notification_due(la_aware: dt.date, rules: DeadlineRules) -> dt.date:
    return add_working_days(la_aware, NOTIFICATION_WORKING_DAYS, rules.extra_holidays)


def latest_notify_decision(case: Case) -> Decision | None:
    """The most recent decision to notify, by decision date then meeting order."""
    decisions = [
        meeting.decision
        for meeting in case.meetings
        if meeting.decision is not None and meeting.decision.outcome is DecisionOutcome.NOTIFY
    ]
    return max(decisions, key=lambda d: d.decided_on, default=None) if decisions else None


def rapid_review_due(case: Case, rules: DeadlineRules) -> dt.date | None:
    """15 working days from the notification (or awareness, by setting); None if not notified."""
    decision = latest_notify_decision(case)
    if decision is None or decision.notified_on is None:
        return None
    day_zero = (
        decision.notified_on
        if rules.rapid_review_day_zero is RapidReviewDayZero.NOTIFICATION
        else case.la_aware
    )
    return add_working_days(day_zero, RAPID_REVIEW_WORKING_DAYS, rules.extra_holidays)


def cspr_commissioned_on(case: Case) -> dt.date | None:
    """The date of the latest Rapid Review that recommended a CSPR, if any."""
    dates = [
        meeting.review_outcome.decided_on or meeting.held_at.date()
        for meeting in case.meetings
        if meeting.kind is MeetingKind.RAPID_REVIEW
        and meeting.review_outcome is not None
        and meeting.review_outcome.recommendation is ReviewRecommendation.CSPR
    ]
    return max(dates, default=None)


def case_deadlines(case: Case, rules: DeadlineRules) -> CaseDeadlines:
    commissioned = cspr_commissioned_on(case)
    return CaseDeadlines(
        notification_due=notification_due(case.la_aware, rules),
        rapid_review_due=rapid_review_due(case, rules),
        cspr_publication_due=(
            None if commissioned is None else add_months(commissioned, CSPR_PUBLICATION_MONTHS)
        ),
    )
