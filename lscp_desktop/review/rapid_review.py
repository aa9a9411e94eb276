"""A Rapid Review's rules: its steps, the CSPR decision (regulation 11) and the Panel's response.

Plain Python over the models; the stepper and dialogs call these and show `ReviewRuleError`
messages to the user as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_date
from lscp_desktop.deadlines import CaseDeadlines, case_deadlines
from lscp_desktop.labels import CSPR_CRITERIA
from lscp_desktop.models import Meeting, ReviewCriterion, ReviewOutcome
from lscp_desktop.models.enums import (
    CsprCriterion,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.refusals import RuleRefused
from lscp_desktop.settings import deadline_rules


class ReviewRuleError(RuleRefused):
    """A Rapid Review record that breaks a rule; the message is meant for the user."""


@dataclass(frozen=True)
class RapidReviewStep:
    """One step of a Rapid Review meeting: a stable key, the heading, and what to cover."""

    key: str
    title: str
    guidance: str


RAPID_REVIEW_STEPS: tuple[RapidReviewStep, ...] = (
    RapidReviewStep(
        "agency_summaries",
        "Agency summaries and chronology",
        "Each agency summarises its involvement with the child and family. Gather the facts "
        "as far as they can readily be established, and agree a combined chronology.",
    ),
    RapidReviewStep(
        "immediate_action",
        "Immediate safeguarding action",
        "Is immediate action needed to keep this child, siblings or other children safe? "
        "Record each action with its owner and due date.",
    ),
    RapidReviewStep(
        "good_practice",
        "Good practice",
        "What went well: practice that helped the child, and that partners should keep doing.",
    ),
    RapidReviewStep(
        "learning",
        "Learning and areas for improvement",
        "What could have been done differently, by whom, and what would improve practice, "
        "including improvements identified before.",
    ),
    RapidReviewStep(
        "key_practice_episodes",
        "Key practice episodes",
        "The moments when practice could have changed the outcome: what happened, what was "
        "known, and what was decided.",
    ),
    RapidReviewStep(
        "racism_and_inequalities",
        "Impact of racism and other inequalities",
        "How race, culture, disability, poverty or other inequalities affected the child's "
        "experience and the services' response.",
    ),
    RapidReviewStep(
        "cspr_decision",
        "CSPR decision",
        "Consider each regulation 11 criterion with its evidence, then recommend: commission a "
        "local Child Safeguarding Practice Review, no CSPR, or another learning review. "
        "Meeting a criterion does not make a review automatic; record the rationale.",
    ),
    RapidReviewStep(
        "panel_submission",
        "Submission to the National Panel",
        "Record when the Rapid Review was sent to the National Panel, and the Panel's response "
        "when it comes: agrees, disagrees, or awaited.",
    ),
)


def step(key: str) -> RapidReviewStep:
    for candidate in RAPID_REVIEW_STEPS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


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
    if recommendation is ReviewRecommendation.CSPR and not outcome.criteria_met:
        raise ReviewRuleError(
            "A CSPR is recommended but no regulation 11 criterion is ticked: tick the criteria "
            "that apply, with their evidence."
        )
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


def outcome_problems(outcome: ReviewOutcome) -> list[str]:
    """What is still missing before the Rapid Review can be concluded (empty when complete)."""
    problems = [
        f"Evidence is missing for the ticked criterion {CSPR_CRITERIA[row.criterion]}."
        for row in outcome.criteria
        if row.met and not row.evidence.strip()
    ]
    if outcome.recommendation is None:
        problems.append("No recommendation is recorded.")
    elif not outcome.rationale.strip():
        problems.append("The rationale for the recommendation is missing.")
    if outcome.recommendation is not None and outcome.decided_on is None:
        problems.append("The decision date is missing.")
    if outcome.recommendation is ReviewRecommendation.CSPR and not outcome.criteria_met:
        problems.append("A CSPR is recommended but no regulation 11 criterion is ticked.")
    return problems


def review_deadlines(session: Session, meeting: Meeting) -> CaseDeadlines:
    """Rapid Review due and CSPR publication due for the meeting's case, by the current rules."""
    return case_deadlines(meeting.case, deadline_rules(session))
