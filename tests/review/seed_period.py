"""Test data built with the models: a period that mirrors the seed report's figures.

1 Sep 2019 – 31 Mar 2023: referrals Police 9, CSWS 9, Health 3 (21); 15 notified, 6 not; 16
Rapid Reviews (the 15 plus one retrospective notification); CSPRs commissioned after 4 Rapid
Reviews plus one from the retrospective notification; one joint (other) review; the Panel agreed
every time. Around it: cases just outside the period that must not be counted.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.deadlines.working_days import add_working_days
from lscp_desktop.models import (
    Action,
    Agency,
    Case,
    CaseTheme,
    Child,
    Decision,
    Meeting,
    MinuteItem,
    ReviewCriterion,
    ReviewOutcome,
    Theme,
)
from lscp_desktop.models.enums import (
    ActionStatus,
    CsprCriterion,
    DecisionOutcome,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ReviewRecommendation,
)

PERIOD_START = dt.date(2019, 9, 1)
PERIOD_END = dt.date(2023, 3, 31)
_ids = itertools.count(1)


def agency(session: Session, short_name: str) -> Agency:
    found = session.scalar(select(Agency).where(Agency.short_name == short_name))
    assert found is not None, short_name
    return found


def theme(session: Session, name: str) -> Theme:
    found = session.scalar(select(Theme).where(Theme.name == name))
    assert found is not None, name
    return found


def add_case(
    session: Session,
    reference: str,
    referring: Agency,
    received: dt.date,
    *,
    retrospective: bool = False,
    child_name: str | None = None,
) -> Case:
    case = Case(
        reference=reference,
        child_pseudonym=f"Child {reference[-3:]}",
        children=[
            Child(
                pseudonym=f"Child {reference[-3:]}",
                name=child_name or f"Realname{reference[-3:]} Familyname",
            )
        ],
        referring_agency=referring,
        referral_received=received,
        la_aware=received,
        retrospective=retrospective,
        summary=f"Incident referred by {referring.label}.",
    )
    session.add(case)
    return case


def add_decision_meeting(
    case: Case,
    outcome: DecisionOutcome,
    decided_on: dt.date,
    notified_on: dt.date | None = None,
) -> Meeting:
    meeting = Meeting(
        id=f"eo-{next(_ids)}",
        kind=MeetingKind.EXTRAORDINARY_RAG,
        held_at=dt.datetime.combine(decided_on, dt.time(10, 0)),
        status=MeetingStatus.APPROVED,
    )
    meeting.decision = Decision(
        outcome=outcome,
        decided_on=decided_on,
        rationale="Both limbs considered.",
    )
    if notified_on is not None:
        case.notified_on = notified_on
    case.meetings.append(meeting)
    return meeting


def add_rapid_review(
    case: Case,
    held_on: dt.date,
    recommendation: ReviewRecommendation | None,
    *,
    panel: PanelResponse = PanelResponse.AGREES,
) -> Meeting:
    meeting = Meeting(
        id=f"rr-{next(_ids)}",
        kind=MeetingKind.RAPID_REVIEW,
        held_at=dt.datetime.combine(held_on, dt.time(14, 0)),
        status=MeetingStatus.APPROVED,
    )
    if recommendation is not None:
        meeting.review_outcome = ReviewOutcome(
            recommendation=recommendation,
            rationale="The partnership weighed the criteria.",
            decided_on=held_on,
            submitted_to_panel_on=held_on,
            panel_response=panel,
            panel_response_on=held_on + dt.timedelta(days=30),
            criteria=[
                ReviewCriterion(
                    criterion=CsprCriterion.IMPROVEMENTS_NEEDED,
                    met=recommendation is ReviewRecommendation.CSPR,
                    evidence="Earlier learning not embedded."
                    if recommendation is ReviewRecommendation.CSPR
                    else "",
                )
            ],
        )
    case.meetings.append(meeting)
    return meeting


def load_seed_period(session: Session) -> dict[str, Case]:
    """The seed report's period; returns the cases by reference."""
    police, csws, health = (
        agency(session, "Police"),
        agency(session, "CSWS"),
        agency(session, "Health (ICB)"),
    )
    referrers = [police] * 9 + [csws] * 9 + [health] * 3
    # 21 referral dates spread over the period, the first and last on its boundaries.
    span = (PERIOD_END - PERIOD_START).days
    received = [PERIOD_START + dt.timedelta(days=span * i // 20) for i in range(21)]
    notified = set(range(15))  # the first 15 in the list; 6 not notified
    cspr = {1, 5, 9, 13}  # four of the notified cases
    joint_review = 12
    theme_names = ["Professional curiosity", "Domestic abuse", "Disguised compliance"]
    cases: dict[str, Case] = {}
    for index, (referrer, day) in enumerate(zip(referrers, received, strict=True)):
        case = add_case(session, f"LSCP-P{index:03d}", referrer, day)
        cases[case.reference] = case
        last = index == 20
        # The last referral arrives on the last day and is decided that day; others in 2 WD.
        decided = day if last else add_working_days(day, 2)
        if index == 3:
            # Deferred first, then decided: still one case, counted once.
            add_decision_meeting(case, DecisionOutcome.DEFERRED, add_working_days(day, 1))
        if index in notified:
            sent = add_working_days(decided, 1) if index != 7 else add_working_days(day, 9)
            add_decision_meeting(case, DecisionOutcome.NOTIFY, decided, notified_on=sent)
            recommendation = (
                ReviewRecommendation.CSPR
                if index in cspr
                else ReviewRecommendation.OTHER_REVIEW
                if index == joint_review
                else ReviewRecommendation.NO_CSPR
            )
            first = add_working_days(sent, 5)
            if index == 2:
                # Two Rapid Review meetings for one case: counted once, by the first.
                add_rapid_review(case, first, None)
                add_rapid_review(case, add_working_days(sent, 12), recommendation)
            else:
                add_rapid_review(case, add_working_days(sent, 10), recommendation)
        else:
            add_decision_meeting(case, DecisionOutcome.DO_NOT_NOTIFY, decided)
        # Themes: every case professional curiosity; the first five domestic abuse too.
        case.case_themes.append(_tag(session, theme_names[0]))
        if index < 5:
            case.case_themes.append(_tag(session, theme_names[1]))
    # The retrospective notification: a Rapid Review and a CSPR, apart from the referrals.
    retro = add_case(session, "LSCP-R001", csws, dt.date(2021, 6, 1), retrospective=True)
    add_decision_meeting(retro, DecisionOutcome.NOTIFY, dt.date(2021, 6, 2), dt.date(2021, 6, 2))
    add_rapid_review(retro, dt.date(2021, 6, 21), ReviewRecommendation.CSPR)
    cases[retro.reference] = retro
    # Outside the period on both sides: none of these may be counted.
    before = add_case(session, "LSCP-X001", police, dt.date(2019, 8, 30))
    add_decision_meeting(before, DecisionOutcome.NOTIFY, dt.date(2019, 8, 30), dt.date(2019, 8, 30))
    add_rapid_review(before, dt.date(2019, 8, 31), ReviewRecommendation.CSPR)
    before.case_themes.append(_tag(session, theme_names[2]))
    after = add_case(session, "LSCP-X002", health, dt.date(2023, 4, 1))
    add_decision_meeting(after, DecisionOutcome.NOTIFY, dt.date(2023, 4, 3), dt.date(2023, 4, 3))
    add_rapid_review(after, dt.date(2023, 4, 20), ReviewRecommendation.CSPR)
    after.case_themes.append(_tag(session, theme_names[2]))
    # Actions on the first notified case's decision meeting: open overdue, open, done.
    first_meeting = cases["LSCP-P000"].meetings[0]
    first_meeting.actions.extend(
        [
            Action(description="Share the chronology", due=dt.date(2019, 10, 1)),
            Action(description="Review the strategy", due=dt.date(2099, 1, 1)),
            Action(description="Brief the GP", due=dt.date(2019, 9, 20), status=ActionStatus.DONE),
        ]
    )
    session.flush()
    return cases


def _tag(session: Session, name: str) -> CaseTheme:
    return CaseTheme(theme=theme(session, name))


def add_minutes(meeting: Meeting, item: str, text: str) -> MinuteItem:
    minute = MinuteItem(item=item, text=text)
    meeting.minutes.append(minute)
    return minute
