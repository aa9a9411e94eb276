"""What a Rapid Review meeting still lacks before its CSPR step can be left or the meeting
concluded: the regulation 11 decision, complete (criteria with evidence, recommendation,
rationale, date). Meeting rules, so the stepper and the conclusion check find them here.
"""

from __future__ import annotations

from lscp_desktop.models import Meeting, ReviewOutcome
from lscp_desktop.models.enums import ReviewRecommendation
from lscp_desktop.vocabulary import CSPR_CRITERIA


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
    return problems


def outcome_warnings(outcome: ReviewOutcome) -> list[str]:
    """What the chair should look at again, without being stopped (regulation 11's criteria
    "include" those listed: a CSPR may be recommended when none of them is ticked)."""
    if outcome.recommendation is ReviewRecommendation.CSPR and not outcome.criteria_met:
        return [
            "A CSPR is recommended but none of the regulation 11 criteria is ticked: the "
            "criteria include these but are not limited to them, so say in the rationale why "
            "a review is recommended."
        ]
    return []


def step_problems(meeting: Meeting) -> list[str]:
    """Why the chair cannot leave the CSPR step: only what was started and left incomplete."""
    outcome = meeting.review_outcome
    if outcome is None:
        return []
    started = outcome.recommendation is not None or outcome.rationale.strip()
    problems = outcome_problems(outcome)
    if not started:  # criteria ticked so far: only their evidence matters yet
        problems = [p for p in problems if p.startswith("Evidence is missing")]
    return problems


def conclusion_problems(meeting: Meeting) -> list[str]:
    """What stops a Rapid Review being concluded: an incomplete or missing CSPR decision."""
    if meeting.review_outcome is None:
        return ["Record the CSPR decision: the recommendation and its rationale."]
    return outcome_problems(meeting.review_outcome)
