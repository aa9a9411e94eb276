"""The agenda of a Rapid Review meeting, for the same stepper as the Extra-Ordinary RAG.

The review's own steps (summaries, good practice, learning, ... the CSPR decision) come from
`rapid_review.RAPID_REVIEW_STEPS`, so their titles are the minute headings the learning sheet
drafts from. Generic steps (attendance, actions, close) reuse the decision meeting's forms.
"""

from __future__ import annotations

from collections.abc import Sequence

from lscp_desktop.meeting.meeting_steps import Contributor, Step
from lscp_desktop.review.rapid_review import RAPID_REVIEW_STEPS

# Which form runs each review step; the review-only forms live in ui/meeting/steps/review.py.
REVIEW_FORMS: dict[str, str] = {
    "agency_summaries": "agency_summaries",
    "immediate_action": "actions",
    "good_practice": "review_topic",
    "learning": "review_topic",
    "key_practice_episodes": "review_topic",
    "racism_and_inequalities": "review_topic",
    "cspr_decision": "cspr_decision",
    "panel_submission": "panel_submission",
}

CSPR_DECISION_FORM = "cspr_decision"


def rapid_review_plan(people: Sequence[Contributor]) -> list[Step]:
    """Attendance, the review's eight steps in order, then close; `people` feed the summaries."""
    del people  # every contributor writes a summary inside the one summaries step
    opening = [
        Step(
            "welcome",
            "Welcome and attendance",
            "attendance",
            "Welcome everyone, take introductions and record who is present, apologies "
            "and deputies.",
        ),
        Step(
            "review_purpose",
            "Confidentiality and purpose of the Rapid Review",
            "review_purpose",
            "Read the confidentiality statement, ask for declarations of interest and set out "
            "what a Rapid Review must do.",
        ),
    ]
    review = [
        Step(step.key, step.title, REVIEW_FORMS[step.key], step.guidance)
        for step in RAPID_REVIEW_STEPS
    ]
    closing = [
        Step(
            "close",
            "Close",
            "close",
            "Thank everyone; conclude the meeting, read the draft minutes through and approve.",
        )
    ]
    return opening + review + closing
