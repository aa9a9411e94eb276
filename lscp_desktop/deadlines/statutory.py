"""The statutory deadlines, computed in one place for every screen, export and report.

Notification in 5 working days of the Local Authority becoming aware (every kind of case), the
safeguarding partners told in the same 5 working days (every kind), the Rapid Review in 15
working days (an SCSI only: looked-after and care-leaver deaths have none) and CSPR publication
6 months after the decision to commission one.

The arithmetic reads plain facts (`DeadlineFacts`), never the ORM: the case register builds them
from its start-up SQL before SQLAlchemy has loaded, `case_facts` builds them from a `Case`. Both
feed the same functions, so the register, `export-data`, `cases` and the annual report agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from lscp_desktop.deadlines.rules import DeadlineRules
from lscp_desktop.deadlines.working_days import add_working_days, working_days_between
from lscp_desktop.models.enums import (
    CaseKind,
    CaseStatus,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    RapidReviewDayZero,
    ReviewRecommendation,
)

if TYPE_CHECKING:
    from lscp_desktop.models import Case, Decision

NOTIFICATION_WORKING_DAYS = 5
PARTNERS_INFORMED_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
CSPR_PUBLICATION_MONTHS = 6

# Cases whose statutory clock has stopped: nothing is due on them.
FINISHED = frozenset({CaseStatus.NOT_NOTIFIED, CaseStatus.CLOSED})
BEFORE_DECISION = frozenset({CaseStatus.REFERRED, CaseStatus.UNDER_CONSIDERATION})
AFTER_NOTIFICATION = frozenset({CaseStatus.NOTIFIED, CaseStatus.RAPID_REVIEW})
# The same as tuples, for the per-case test: a tuple checks identity first, where a set would
# call the enum's Python-level __hash__ (ten thousand cases at every register refresh).
_FINISHED = tuple(FINISHED)
_BEFORE_DECISION = tuple(BEFORE_DECISION)
_AFTER_NOTIFICATION = tuple(AFTER_NOTIFICATION)


class DeadlineKind(enum.StrEnum):
    """A statutory deadline, by the name the register shows."""

    NOTIFICATION = "Notification"
    PARTNERS_INFORMED = "Partners informed"
    RAPID_REVIEW = "Rapid Review"
    CSPR_PUBLICATION = "CSPR publication"


class DeadlineFacts(NamedTuple):
    """What the statutory clock of one case depends on (a tuple: the register builds 10,000)."""

    kind: CaseKind
    status: CaseStatus
    la_aware: dt.date
    decided: bool  # a decision to notify or not has been made (deferrals are not decisions)
    notify_decided: bool  # some decision was to notify
    notified_on: dt.date | None  # when the notification was sent
    partners_informed_on: dt.date | None
    rapid_review_held: bool  # a Rapid Review meeting has concluded
    cspr_commissioned_on: dt.date | None  # the latest decision to commission a CSPR
    cspr_published: bool  # ... and its report has been published


@dataclass(frozen=True)
class CaseDeadlines:
    notification_due: dt.date
    partners_informed_due: dt.date
    rapid_review_due: dt.date | None
    cspr_publication_due: dt.date | None


class NextDeadline(NamedTuple):
    """The deadline the register shows; `due` is None while its start date is missing."""

    kind: DeadlineKind
    due: dt.date | None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=8192)
def _working_days_after(day_zero: dt.date, count: int, holidays: frozenset[dt.date]) -> dt.date:
    # Many cases share a day 0; a register of 10,000 cases computes a few hundred dates.
    return add_working_days(day_zero, count, holidays)


def notification_due(la_aware: dt.date, rules: DeadlineRules) -> dt.date:
    return _working_days_after(la_aware, NOTIFICATION_WORKING_DAYS, rules.extra_holidays)


def partners_informed_due(la_aware: dt.date, rules: DeadlineRules) -> dt.date:
    """The safeguarding partners are told within the same 5 working days, whatever the kind."""
    return _working_days_after(la_aware, PARTNERS_INFORMED_WORKING_DAYS, rules.extra_holidays)


def has_rapid_review(kind: CaseKind) -> bool:
    """Only an SCSI has a Rapid Review (and a CSPR decision); the two death kinds do not."""
    return kind is CaseKind.SCSI


def rapid_review_due_from(facts: DeadlineFacts, rules: DeadlineRules) -> dt.date | None:
    """15 working days from day 0 (the notification, or awareness, by setting).

    None for the death kinds, before a notification, and while day 0 is the notification and
    its date has not been recorded.
    """
    if not has_rapid_review(facts.kind):
        return None
    if not (facts.notify_decided or facts.notified_on is not None):
        return None
    day_zero = (
        facts.notified_on
        if rules.rapid_review_day_zero is RapidReviewDayZero.NOTIFICATION
        else facts.la_aware
    )
    if day_zero is None:
        return None
    return _working_days_after(day_zero, RAPID_REVIEW_WORKING_DAYS, rules.extra_holidays)


def cspr_publication_due(commissioned_on: dt.date | None) -> dt.date | None:
    return None if commissioned_on is None else add_months(commissioned_on, CSPR_PUBLICATION_MONTHS)


def cspr_published_in_time(commissioned_on: dt.date, published_on: dt.date) -> bool:
    """Published within 6 calendar months of the decision to commission."""
    return published_on <= add_months(commissioned_on, CSPR_PUBLICATION_MONTHS)


def working_days_late(due: dt.date, done: dt.date, rules: DeadlineRules) -> int:
    """Working days `done` fell after `due` (0 when on or before it)."""
    if done <= due:
        return 0
    return working_days_between(due, done, rules.extra_holidays)


def deadlines_from(facts: DeadlineFacts, rules: DeadlineRules) -> CaseDeadlines:
    """Every statutory deadline of the case, met or not (export-data's `deadlines`)."""
    return CaseDeadlines(
        notification_due=notification_due(facts.la_aware, rules),
        partners_informed_due=partners_informed_due(facts.la_aware, rules),
        rapid_review_due=rapid_review_due_from(facts, rules),
        cspr_publication_due=cspr_publication_due(facts.cspr_commissioned_on),
    )


def next_deadline(facts: DeadlineFacts, rules: DeadlineRules) -> NextDeadline | None:
    """The one deadline still to meet that the register shows, or None when nothing is due."""
    if facts.status in _FINISHED:
        return None
    if facts.status in _BEFORE_DECISION and not facts.decided and facts.notified_on is None:
        return NextDeadline(DeadlineKind.NOTIFICATION, notification_due(facts.la_aware, rules))
    # Decided to notify, not yet sent: the notification itself is what is due, on its day.
    if facts.notify_decided and facts.notified_on is None and facts.status in _BEFORE_DECISION:
        return NextDeadline(DeadlineKind.NOTIFICATION, notification_due(facts.la_aware, rules))
    notified = (
        facts.notify_decided or facts.notified_on is not None or facts.status in _AFTER_NOTIFICATION
    )
    # The partners are told of a notification within the same 5 working days: shown until met.
    if notified and facts.partners_informed_on is None:
        return NextDeadline(
            DeadlineKind.PARTNERS_INFORMED, partners_informed_due(facts.la_aware, rules)
        )
    if has_rapid_review(facts.kind) and notified and not facts.rapid_review_held:
        # Without a day 0 the kind is still shown: the notification date needs recording.
        return NextDeadline(DeadlineKind.RAPID_REVIEW, rapid_review_due_from(facts, rules))
    if facts.cspr_commissioned_on is not None and not facts.cspr_published:
        return NextDeadline(
            DeadlineKind.CSPR_PUBLICATION, cspr_publication_due(facts.cspr_commissioned_on)
        )
    return None


# The ORM reader: the same facts from a loaded Case.


def latest_notify_decision(case: Case) -> Decision | None:
    """The most recent decision to notify, by decision date then meeting order."""
    latest: tuple[dt.date, int] | None = None
    chosen: Decision | None = None
    for position, meeting in enumerate(case.meetings):
        decision = meeting.decision
        if decision is None or decision.outcome is not DecisionOutcome.NOTIFY:
            continue
        key = (decision.decided_on, position)
        if latest is None or key >= latest:
            latest, chosen = key, decision
    return chosen


def _latest_cspr(case: Case) -> tuple[dt.date | None, bool]:
    """The date of the latest Rapid Review that recommended a CSPR, and whether it is published."""
    latest: tuple[dt.date, int] | None = None
    published = False
    for position, meeting in enumerate(case.meetings):
        outcome = meeting.review_outcome
        # A review outcome belongs only to a Rapid Review meeting (the rules and the importer).
        if outcome is None or outcome.recommendation is not ReviewRecommendation.CSPR:
            continue
        key = (outcome.decided_on or meeting.held_at.date(), position)
        if latest is None or key >= latest:
            latest, published = key, outcome.cspr_published_on is not None
    return (None if latest is None else latest[0]), published


def cspr_commissioned_on(case: Case) -> dt.date | None:
    """The date the case's CSPR was commissioned, if one was."""
    return case_cspr(case)[0]


def case_cspr(case: Case) -> tuple[dt.date | None, bool]:
    """When the case's CSPR was commissioned and whether it is finished.

    The CSPR's own record (commissioned on; published, or not published with a reason) when
    there is one; else the latest Rapid Review that recommended one (older records).
    """
    cspr = case.cspr
    if cspr is not None:
        return cspr.commissioned_on, (
            cspr.published_on is not None or bool((cspr.not_published_reason or "").strip())
        )
    return _latest_cspr(case)


def case_facts(case: Case) -> DeadlineFacts:
    """The facts the deadlines read, from a Case with its meetings loaded."""
    decisions = [meeting.decision for meeting in case.meetings if meeting.decision is not None]
    notify = latest_notify_decision(case)
    commissioned, published = case_cspr(case)
    return DeadlineFacts(
        kind=case.kind,
        status=case.status,
        la_aware=case.la_aware,
        decided=any(decision.outcome is not DecisionOutcome.DEFERRED for decision in decisions),
        notify_decided=notify is not None,
        notified_on=case.notified_on,
        partners_informed_on=case.partners_informed_on,
        rapid_review_held=any(
            meeting.kind is MeetingKind.RAPID_REVIEW
            and meeting.status in (MeetingStatus.CONCLUDED, MeetingStatus.APPROVED)
            for meeting in case.meetings
        ),
        cspr_commissioned_on=commissioned,
        cspr_published=published,
    )


def rapid_review_due(case: Case, rules: DeadlineRules) -> dt.date | None:
    """15 working days from the notification (or awareness, by setting); None if not notified."""
    return rapid_review_due_from(case_facts(case), rules)


def case_deadlines(case: Case, rules: DeadlineRules) -> CaseDeadlines:
    return deadlines_from(case_facts(case), rules)
