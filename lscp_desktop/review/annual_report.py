"""The annual "learning from reviews" figures for a period, from the recorded data.

The counting rules are part of the result (`COUNTING_RULES`) so the PDF and JSON say how each
number was reached. The JSON key names `referrals`, `referrals_by_agency`, `notified`,
`not_notified`, `rapid_reviews`, `cspr_commissioned` and `themes` are a contract, and so are
issue 15's `rapid_reviews_sent_within_15_working_days`, `rapid_reviews_sent_late`,
`rapid_reviews_late_by_working_days`, `panel_responses`, `cspr_published` and
`cspr_published_within_6_months`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lscp_desktop.clock import london_today
from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.statutory import (
    NOTIFICATION_WORKING_DAYS,
    RAPID_REVIEW_WORKING_DAYS,
    case_cspr,
    cspr_published_in_time,
    has_rapid_review,
    rapid_review_due,
    working_days_late,
)
from lscp_desktop.deadlines.working_days import working_days_between
from lscp_desktop.models import Case, Decision, Meeting, ReviewOutcome
from lscp_desktop.models.enums import (
    CaseKind,
    DecisionOutcome,
    JointReviewKind,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    PartnerRole,
    ReviewRecommendation,
)
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.review.action_plan import days_overdue
from lscp_desktop.review.themes import theme_counts
from lscp_desktop.settings.stored import deadline_rules

# The statutory safeguarding partners, as the report groups referrals (None: another agency).
PARTNER_GROUPS: dict[PartnerRole | None, str] = {
    PartnerRole.LOCAL_AUTHORITY: "Local Authority",
    PartnerRole.POLICE: "Police",
    PartnerRole.HEALTH: "Health",
    None: "Other agencies",
}

COUNTING_RULES = (
    "The period runs from the first date to the last date, both included.",
    "Referrals are counted by the date the referral was received, by referring agency, and by "
    "safeguarding partner: every health organisation counts under Health (each is listed "
    "under it); agencies that are not a safeguarding partner are counted as other agencies.",
    "Notified and not notified are counted by the date of the Local Authority's decision, each "
    "case once, by its latest decision to notify or not (a deferred decision is not counted).",
    "A case is an incident: 'notified' counts serious child safeguarding incidents, however "
    "many children each involved (the children are counted beside them). Deaths of looked-after "
    "children and of care leavers notified are counted apart, and have no Rapid Review.",
    "Retrospective notifications are counted on their own and are not among the referrals, "
    "notified or not notified figures.",
    "Rapid Reviews are counted by the date of the case's first Rapid Review meeting, each case "
    "once, retrospective notifications included. Only meetings held are counted: one set up "
    "but not started is not.",
    "CSPRs commissioned are counted by the date of the Rapid Review meeting that recommended "
    "the CSPR, each case once; a CSPR following a retrospective notification is shown apart.",
    f"A notification meets the limit when it was sent (or, if no sending date is recorded, "
    f"decided) within {NOTIFICATION_WORKING_DAYS} working days of the Local Authority becoming "
    f"aware. Working days leave out weekends and bank holidays in England.",
    f"A Rapid Review is within time when it was first sent to the Panel within "
    f"{RAPID_REVIEW_WORKING_DAYS} working days of the case's notification (or of awareness if "
    "the settings say so); a resubmission after the Panel asked for more information does not "
    "change it. A late one is listed by how many working days late; one not yet sent is counted "
    "as timing unknown.",
    "Panel responses are those to the Rapid Reviews counted in the period, by the latest "
    "response recorded.",
    "CSPRs published are counted by the publication date; one is within time when published "
    "within 6 calendar months of the decision to commission it.",
    "Joint reviews (a Safeguarding Adults Review, a domestic abuse related death review or "
    "another review run with a partner board) are counted by the date they started.",
    "Themes count each case referred in the period once per theme.",
    "Actions are those agreed at meetings held in the period, with their status today; an "
    "open action past its due date is overdue (and is also counted as open).",
)


@dataclass(frozen=True)
class NotificationTiming:
    reference: str
    child_pseudonym: str
    la_aware: dt.date
    decided_on: dt.date
    notified_on: dt.date | None
    working_days: int
    met_limit: bool


@dataclass
class AnnualFigures:
    start: dt.date
    end: dt.date
    generated_on: dt.date
    referrals: int = 0
    referrals_by_agency: dict[str, int] = field(default_factory=dict)
    referrals_by_agency_short: dict[str, int] = field(default_factory=dict)
    # By safeguarding partner: the health organisations counted together as Health, each
    # listed under it in health_referrals_by_organisation.
    referrals_by_partner: dict[str, int] = field(default_factory=dict)
    health_referrals_by_organisation: dict[str, int] = field(default_factory=dict)
    retrospective_notifications: int = 0
    notified: int = 0  # serious child safeguarding incidents only
    children_in_notified_incidents: int = 0
    looked_after_deaths_notified: int = 0
    care_leaver_deaths_notified: int = 0
    not_notified: int = 0
    median_working_days_to_decision: float | None = None
    notifications_within_limit: int = 0
    notifications_late: int = 0
    notification_timings: list[NotificationTiming] = field(default_factory=list)
    rapid_reviews: int = 0
    rapid_reviews_within_15_working_days: int = 0
    rapid_reviews_late: int = 0
    rapid_reviews_timing_unknown: int = 0
    cspr_commissioned: int = 0
    cspr_commissioned_retrospective: int = 0
    other_reviews: int = 0
    no_cspr: int = 0
    panel_response: dict[str, int] = field(default_factory=dict)
    # Issue 15's contract keys: timeliness to the first submission, responses by kind, and
    # publication.
    rapid_reviews_sent_within_15_working_days: int = 0
    rapid_reviews_sent_late: int = 0
    rapid_reviews_late_by_working_days: list[int] = field(default_factory=list)
    panel_responses: dict[str, int] = field(default_factory=dict)
    cspr_published: int = 0
    cspr_published_within_6_months: int = 0
    joint_reviews: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    counting_rules: list[str] = field(default_factory=lambda: list(COUNTING_RULES))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start", "end", "generated_on"):
            data[key] = getattr(self, key).isoformat()
        data["from"] = data.pop("start")
        data["to"] = data.pop("end")
        data["notification_timings"] = [
            {
                **asdict(timing),
                "la_aware": timing.la_aware.isoformat(),
                "decided_on": timing.decided_on.isoformat(),
                "notified_on": timing.notified_on.isoformat() if timing.notified_on else None,
            }
            for timing in self.notification_timings
        ]
        return data


class ReportPeriodError(RuleRefused):
    """The period asked for makes no sense; the message is meant for the user."""


def check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ReportPeriodError(
            f"The period starts ({numeric_date(start)}) after it ends ({numeric_date(end)})."
        )


def _within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def final_decision(case: Case) -> Decision | None:
    """The case's latest decision to notify or not; deferrals are not decisions."""
    decisions = [
        meeting.decision
        for meeting in case.meetings
        if meeting.decision is not None and meeting.decision.outcome is not DecisionOutcome.DEFERRED
    ]
    return max(decisions, key=lambda decision: decision.decided_on, default=None)


def _rapid_review_meetings(case: Case) -> list[Meeting]:
    meetings = [
        meeting
        for meeting in case.meetings
        if meeting.kind is MeetingKind.RAPID_REVIEW
        # Held meetings only: one merely set up (whatever its date) has not happened.
        and meeting.status is not MeetingStatus.PLANNED
    ]
    return sorted(meetings, key=lambda meeting: meeting.held_at)


def _outcome(meetings: list[Meeting]) -> ReviewOutcome | None:
    """The latest recommendation among the case's Rapid Review meetings."""
    outcomes = [
        meeting.review_outcome
        for meeting in meetings
        if meeting.review_outcome is not None and meeting.review_outcome.recommendation
    ]
    return outcomes[-1] if outcomes else None


def _first_submission(meetings: list[Meeting]) -> dt.date | None:
    """The first date a Rapid Review of the case was sent to the Panel (not a resubmission)."""
    sent = [
        meeting.review_outcome.submitted_to_panel_on
        for meeting in meetings
        if meeting.review_outcome is not None
        and meeting.review_outcome.submitted_to_panel_on is not None
    ]
    return min(sent, default=None)


def _published_on(case: Case) -> dt.date | None:
    """The case's CSPR publication: on its own record, else on an older review outcome."""
    if case.cspr is not None:
        return case.cspr.published_on
    published = [
        meeting.review_outcome.cspr_published_on
        for meeting in case.meetings
        if meeting.review_outcome is not None
        and meeting.review_outcome.cspr_published_on is not None
    ]
    return max(published, default=None)


def annual_figures(
    session: Session, start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> AnnualFigures:
    check_period(start, end)
    today = today or london_today()
    rules = deadline_rules(session)
    figures = AnnualFigures(start=start, end=end, generated_on=today)
    cases = session.scalars(
        select(Case).options(
            selectinload(Case.children),
            selectinload(Case.meetings).selectinload(Meeting.decision),
            selectinload(Case.meetings).selectinload(Meeting.review_outcome),
            selectinload(Case.meetings).selectinload(Meeting.actions),
            selectinload(Case.cspr),
            selectinload(Case.joint_reviews),
        )
    ).unique()
    by_agency: Counter[str] = Counter()
    by_agency_short: Counter[str] = Counter()
    by_partner: Counter[str] = Counter({label: 0 for label in PARTNER_GROUPS.values()})
    by_health_organisation: Counter[str] = Counter()
    panel: Counter[str] = Counter({response.value: 0 for response in PanelResponse})
    joint: Counter[str] = Counter({kind.value: 0 for kind in JointReviewKind})
    actions: Counter[str] = Counter({"open": 0, "overdue": 0, "done": 0, "cancelled": 0})
    days_to_decision: list[int] = []
    for case in cases:
        if _within(case.referral_received, start, end):
            if case.retrospective:
                figures.retrospective_notifications += 1
            else:
                by_agency[case.referring_agency.name] += 1
                by_agency_short[case.referring_agency.label] += 1
                role = case.referring_agency.partner_role
                by_partner[PARTNER_GROUPS[role]] += 1
                if role is PartnerRole.HEALTH:
                    by_health_organisation[case.referring_agency.name] += 1
        decision = final_decision(case)
        if (
            decision is not None
            and not case.retrospective
            and _within(decision.decided_on, start, end)
        ):
            days = working_days_between(case.la_aware, decision.decided_on, rules.extra_holidays)
            days_to_decision.append(days)
            if decision.outcome is DecisionOutcome.NOTIFY:
                if case.kind is CaseKind.LOOKED_AFTER_DEATH:
                    figures.looked_after_deaths_notified += 1
                elif case.kind is CaseKind.CARE_LEAVER_DEATH:
                    figures.care_leaver_deaths_notified += 1
                else:
                    figures.notified += 1
                    figures.children_in_notified_incidents += len(case.children)
                # Sent on the case's notification date (it may precede the meeting), else
                # counted from the decision.
                sent = case.notified_on or decision.decided_on
                sent_days = working_days_between(case.la_aware, sent, rules.extra_holidays)
                met = sent_days <= NOTIFICATION_WORKING_DAYS
                figures.notifications_within_limit += met
                figures.notifications_late += not met
                figures.notification_timings.append(
                    NotificationTiming(
                        case.reference,
                        case.child_pseudonym,
                        case.la_aware,
                        decision.decided_on,
                        case.notified_on,
                        sent_days,
                        met,
                    )
                )
            else:
                figures.not_notified += 1
        # Only an SCSI has a Rapid Review: a death of the other kinds is never counted as one.
        reviews = _rapid_review_meetings(case) if has_rapid_review(case.kind) else []
        if reviews and _within(reviews[0].held_at.date(), start, end):
            figures.rapid_reviews += 1
            outcome = _outcome(reviews)
            due = rapid_review_due(case, rules)  # the one rule every screen uses
            first_sent = _first_submission(reviews)
            if first_sent is None or due is None:
                figures.rapid_reviews_timing_unknown += 1
            else:
                late_by = working_days_late(due, first_sent, rules)
                if late_by:
                    figures.rapid_reviews_sent_late += 1
                    figures.rapid_reviews_late_by_working_days.append(late_by)
                else:
                    figures.rapid_reviews_sent_within_15_working_days += 1
            if outcome is not None:
                panel[outcome.panel_response.value] += 1
                if outcome.recommendation is ReviewRecommendation.OTHER_REVIEW:
                    figures.other_reviews += 1
                elif outcome.recommendation is ReviewRecommendation.NO_CSPR:
                    figures.no_cspr += 1
        commissioning = [
            meeting
            for meeting in reviews
            if meeting.review_outcome is not None
            and meeting.review_outcome.recommendation is ReviewRecommendation.CSPR
        ]
        if commissioning and _within(commissioning[0].held_at.date(), start, end):
            if case.retrospective:
                figures.cspr_commissioned_retrospective += 1
            else:
                figures.cspr_commissioned += 1
        commissioned_on, _ = case_cspr(case)
        published_on = _published_on(case)
        if commissioned_on is not None and _within(published_on, start, end):
            assert published_on is not None
            figures.cspr_published += 1
            figures.cspr_published_within_6_months += cspr_published_in_time(
                commissioned_on, published_on
            )
        for review in case.joint_reviews:
            if _within(review.started_on, start, end):
                joint[review.kind.value] += 1
        for meeting in case.meetings:
            if not _within(meeting.held_at.date(), start, end):
                continue
            for action in meeting.actions:
                actions[action.status.value] += 1
                actions["overdue"] += days_overdue(action.status, action.due, today) > 0
    figures.referrals = sum(by_agency.values())
    figures.referrals_by_agency = dict(sorted(by_agency.items(), key=lambda kv: (-kv[1], kv[0])))
    figures.referrals_by_partner = dict(by_partner)
    figures.health_referrals_by_organisation = dict(
        sorted(by_health_organisation.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    figures.referrals_by_agency_short = dict(
        sorted(by_agency_short.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    figures.median_working_days_to_decision = (
        float(statistics.median(days_to_decision)) if days_to_decision else None
    )
    figures.panel_response = dict(panel)
    figures.panel_responses = dict(panel)
    figures.joint_reviews = dict(joint)
    # The older keys now say the same as the contract's: one measure of timeliness.
    figures.rapid_reviews_within_15_working_days = figures.rapid_reviews_sent_within_15_working_days
    figures.rapid_reviews_late = figures.rapid_reviews_sent_late
    figures.actions = dict(actions)
    figures.themes = {
        count.name: count.cases for count in theme_counts(session, start, end, include_unused=False)
    }
    return figures
