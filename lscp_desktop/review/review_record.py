"""A Rapid Review's CSPR decision as the meeting writes it: one field at a time, as typed.

`rapid_review.recommend` checks a whole decision at once; in the meeting the chair ticks a
criterion before its evidence is typed and chooses a recommendation before its rationale, so
here each field is kept as it comes and `rapid_review.outcome_problems` says what is missing
when the chair moves on or concludes. The Panel's submission and response are follow-ups:
they may be recorded after the minutes are approved.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from lscp_desktop.date_text import numeric_date
from lscp_desktop.meeting.lock import editable_meeting, get_meeting
from lscp_desktop.models import ReviewOutcome
from lscp_desktop.models.enums import CsprCriterion, PanelResponse, ReviewRecommendation
from lscp_desktop.review import rapid_review
from lscp_desktop.review.rapid_review import ReviewRuleError


def _outcome(session: Session, meeting_id: str) -> ReviewOutcome:
    return rapid_review.outcome_for(editable_meeting(session, meeting_id))


def set_criterion(
    session: Session,
    meeting_id: str,
    criterion: CsprCriterion,
    *,
    met: bool | None = None,
    evidence: str | None = None,
) -> None:
    row = rapid_review.criterion_row(_outcome(session, meeting_id), criterion)
    if met is not None:
        row.met = met
    if evidence is not None:
        row.evidence = evidence


def set_recommendation(
    session: Session, meeting_id: str, recommendation: ReviewRecommendation | None
) -> None:
    """The recommendation; its date defaults to the meeting's, as it is made there."""
    outcome = _outcome(session, meeting_id)
    outcome.recommendation = (
        None if recommendation is None else ReviewRecommendation(recommendation)
    )
    if recommendation is not None and outcome.decided_on is None:
        outcome.decided_on = outcome.meeting.held_at.date()


def set_rationale(session: Session, meeting_id: str, rationale: str) -> None:
    _outcome(session, meeting_id).rationale = rationale


def set_decided_on(session: Session, meeting_id: str, decided_on: dt.date) -> None:
    outcome = _outcome(session, meeting_id)
    held_on = outcome.meeting.held_at.date()
    if decided_on < held_on:
        raise ReviewRuleError(
            f"The decision date {numeric_date(decided_on)} is before the Rapid Review meeting "
            f"({numeric_date(held_on)})."
        )
    outcome.decided_on = decided_on


def record_panel(
    session: Session,
    meeting_id: str,
    *,
    submitted_on: dt.date | None,
    response: PanelResponse,
    responded_on: dt.date | None,
    comments: str = "",
) -> ReviewOutcome:
    """The submission to the Panel and its response, checked as a whole.

    Not minuted, so allowed after approval; refused with a `ReviewRuleError` the user reads.
    """
    outcome = rapid_review.outcome_for(get_meeting(session, meeting_id))
    if submitted_on is None:
        if response is not PanelResponse.AWAITED:
            raise ReviewRuleError("Record the submission to the Panel before its response.")
        outcome.submitted_to_panel_on = None
    else:
        rapid_review.record_submission(outcome, submitted_on)
    rapid_review.record_panel_response(outcome, response, responded_on, comments)
    return outcome
