"""A Rapid Review's rules: its steps, the CSPR decision (regulation 11) and the Panel's response.

Plain Python over the models; the stepper and dialogs call these and show `ReviewRuleError`
messages to the user as they are.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines.statutory import CaseDeadlines, case_deadlines
from lscp_desktop.models import Meeting, ReviewCriterion, ReviewOutcome
from lscp_desktop.models.enums import (
    CsprCriterion,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.settings.stored import deadline_rules
from lscp_desktop.vocabulary import CSPR_CRITERIA


class ReviewRuleError(RuleRefused):
    """A Rapid Review record that breaks a rule; the message is meant for the user."""


def outcome_for(meeting: Meeting) -> ReviewOutcome:
    """The meeting's outcome, created with the four criteria unticked if it has none yet."""
    if meeting.kind is not MeetingKind.RAPID_REVIEW:
        raise ReviewRuleError("Only a Rapid Review meeting has a CSPR decision.")
    if meeting.review_outcome is None:
        meeting.review_outcome = ReviewOutcome(
            criteria=[ReviewCriterion(criterion=criterion) for criterion in CsprCriterion]
        )
    outcome = meeting.review_outcome
    if meeting.status is MeetingStatus.APPROVED:
        return outcome  # what was minuted is locked: follow-ups use the rows as they are
    present = {row.criterion for row in outcome.criteria}
    for criterion in CsprCriterion:
        if criterion not in present:
            outcome.criteria.append(ReviewCriterion(criterion=criterion))
    return outcome


def open_outcome(session: Session, meeting_id: str) -> ReviewOutcome:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ReviewRuleError(f"No meeting with id {meeting_id}.")
    return outcome_for(meeting)


def criterion_row(outcome: ReviewOutcome, criterion: CsprCriterion) -> ReviewCriterion:
    for row in outcome.criteria:
        if row.criterion is criterion:
            return row
    row = ReviewCriterion(criterion=criterion)
    outcome.criteria.append(row)
    return row


def assess_criterion(
    outcome: ReviewOutcome, criterion: CsprCriterion, met: bool, evidence: str
) -> None:
    """Tick (or untick) one regulation 11 criterion; a ticked one needs its evidence."""
    evidence = evidence.strip()
    if met and not evidence:
        raise ReviewRuleError(f"Say what shows the criterion is met: {CSPR_CRITERIA[criterion]}.")
    row = criterion_row(outcome, criterion)
    row.met = met
    row.evidence = evidence


def recommend(
    outcome: ReviewOutcome,
    recommendation: ReviewRecommendation,
    rationale: str,
    decided_on: dt.date,
) -> None:
    """Record the recommendation; the rationale is always required, as minutes must show it."""
    rationale = rationale.strip()
    if not rationale:
        raise ReviewRuleError("Record the rationale for the recommendation.")
    # Regulation 11's criteria "include" those listed: a CSPR may be recommended when none is
    # ticked, the rationale saying why (review_checks.outcome_warnings says so; no refusal).
    meeting = outcome.meeting
    if meeting is not None and decided_on < meeting.held_at.date():
        raise ReviewRuleError(
            f"The decision date {numeric_date(decided_on)} is before the Rapid Review meeting "
            f"({numeric_date(meeting.held_at)})."
        )
    outcome.recommendation = recommendation
    outcome.rationale = rationale
    outcome.decided_on = decided_on


def record_submission(outcome: ReviewOutcome, submitted_on: dt.date) -> None:
    """The date the Rapid Review went to the National Panel."""
    if outcome.recommendation is None or outcome.decided_on is None:
        raise ReviewRuleError("Record the recommendation before the submission to the Panel.")
    if submitted_on < outcome.decided_on:
        raise ReviewRuleError(
            f"The submission date {numeric_date(submitted_on)} is before the decision "
            f"({numeric_date(outcome.decided_on)})."
        )
    outcome.submitted_to_panel_on = submitted_on


def record_panel_response(
    outcome: ReviewOutcome,
    response: PanelResponse,
    responded_on: dt.date | None,
    comments: str = "",
) -> None:
    """The National Panel's response; a response that has come needs its date."""
    comments = comments.strip()
    if response is PanelResponse.AWAITED:
        outcome.panel_response = response
        outcome.panel_response_on = None
        outcome.panel_comments = comments
        return
    if outcome.submitted_to_panel_on is None:
        raise ReviewRuleError("Record the submission to the Panel before its response.")
    if responded_on is None:
        raise ReviewRuleError("Give the date of the Panel's response.")
    if responded_on < outcome.submitted_to_panel_on:
        raise ReviewRuleError(
            f"The Panel's response date {numeric_date(responded_on)} is before the submission "
            f"({numeric_date(outcome.submitted_to_panel_on)})."
        )
    if response is PanelResponse.DISAGREES and not comments:
        raise ReviewRuleError("Record what the Panel said when it disagrees.")
    outcome.panel_response = response
    outcome.panel_response_on = responded_on
    outcome.panel_comments = comments


def record_cspr_publication(outcome: ReviewOutcome, published_on: dt.date) -> None:
    if outcome.recommendation is not ReviewRecommendation.CSPR or outcome.decided_on is None:
        raise ReviewRuleError("Only a commissioned CSPR has a publication date.")
    if published_on < outcome.decided_on:
        raise ReviewRuleError(
            f"The publication date {numeric_date(published_on)} is before the decision to review "
            f"({numeric_date(outcome.decided_on)})."
        )
    outcome.cspr_published_on = published_on


def review_deadlines(session: Session, meeting: Meeting) -> CaseDeadlines:
    """Rapid Review due and CSPR publication due for the meeting's case, by the current rules."""
    return case_deadlines(meeting.case, deadline_rules(session))
