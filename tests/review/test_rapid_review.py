"""The CSPR decision's rules: criteria with evidence, a rationale, the Panel's response."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lscp_desktop.meeting.agenda import RAPID_REVIEW_STEPS
from lscp_desktop.meeting.review_checks import outcome_problems, outcome_warnings
from lscp_desktop.models import Agency, Case, Meeting
from lscp_desktop.models.enums import (
    CsprCriterion,
    DecisionOutcome,
    MeetingKind,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.review.rapid_review import (
    ReviewRuleError,
    assess_criterion,
    open_outcome,
    outcome_for,
    recommend,
    record_cspr_publication,
    record_panel_response,
    record_submission,
    review_deadlines,
)
from lscp_desktop.store.database import Store
from tests.review.seed_period import add_case, add_decision_meeting

HELD = dt.datetime(2025, 12, 10, 14, 0)


def _rapid_review(store: Store) -> str:
    with store.session() as session:
        csws = session.scalars(select(Agency).where(Agency.short_name == "CSWS")).one()
        case = add_case(session, "LSCP-2025-001", csws, dt.date(2025, 11, 24))
        add_decision_meeting(
            case, DecisionOutcome.NOTIFY, dt.date(2025, 11, 26), dt.date(2025, 11, 27)
        )
        case.meetings.append(Meeting(id="rr-1", kind=MeetingKind.RAPID_REVIEW, held_at=HELD))
    return "rr-1"


def test_rapid_review_steps_cover_the_panels_headings_in_order() -> None:
    assert [step.key for step in RAPID_REVIEW_STEPS] == [
        "agency_summaries",
        "immediate_action",
        "good_practice",
        "learning",
        "key_practice_episodes",
        "racism_and_inequalities",
        "cspr_decision",
        "panel_submission",
    ]
    assert all(step.title and len(step.guidance) > 40 for step in RAPID_REVIEW_STEPS)


def test_chair_records_a_cspr_decision_and_the_panels_agreement(store: Store) -> None:
    meeting_id = _rapid_review(store)
    with store.session() as session:
        outcome = open_outcome(session, meeting_id)
        assert [row.criterion for row in outcome.criteria] == list(CsprCriterion)
        assert outcome_problems(outcome) == ["No recommendation is recorded."]
        assess_criterion(
            outcome,
            CsprCriterion.AGENCIES_WORKING_TOGETHER,
            True,
            "Health and police did not share.",
        )
        recommend(
            outcome, ReviewRecommendation.CSPR, "Multi-agency learning is likely.", HELD.date()
        )
        record_submission(outcome, dt.date(2025, 12, 11))
        record_panel_response(outcome, PanelResponse.AGREES, dt.date(2026, 1, 20), "Clear review.")
        record_cspr_publication(outcome, dt.date(2026, 5, 1))
        assert outcome_problems(outcome) == []
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.review_outcome is not None
        assert meeting.review_outcome.criteria_met == [CsprCriterion.AGENCIES_WORKING_TOGETHER]
        assert meeting.review_outcome.panel_response is PanelResponse.AGREES
        deadlines = review_deadlines(session, meeting)
        # 15 working days from the notification on Thu 27 Nov 2025 (Christmas in between).
        assert deadlines.rapid_review_due == dt.date(2025, 12, 18)
        assert deadlines.cspr_publication_due == dt.date(2026, 6, 10)


def test_a_ticked_criterion_needs_its_evidence(store: Store) -> None:
    meeting_id = _rapid_review(store)
    with store.session() as session:
        outcome = open_outcome(session, meeting_id)
        with pytest.raises(ReviewRuleError, match="recurrent themes"):
            assess_criterion(outcome, CsprCriterion.RECURRENT_THEMES, True, "   ")
        assess_criterion(outcome, CsprCriterion.RECURRENT_THEMES, False, "")


def test_a_recommendation_needs_a_rationale_and_a_cspr_needs_a_criterion(store: Store) -> None:
    meeting_id = _rapid_review(store)
    with store.session() as session:
        outcome = open_outcome(session, meeting_id)
        with pytest.raises(ReviewRuleError, match="rationale"):
            recommend(outcome, ReviewRecommendation.NO_CSPR, "  ", HELD.date())
        # Regulation 11's criteria "include" those listed: warned, not refused.
        recommend(outcome, ReviewRecommendation.CSPR, "Learning across agencies.", HELD.date())
        assert "none of the regulation 11 criteria is ticked" in outcome_warnings(outcome)[0]
        assert outcome_problems(outcome) == []
        with pytest.raises(ReviewRuleError, match="before the Rapid Review meeting"):
            recommend(outcome, ReviewRecommendation.NO_CSPR, "Because.", dt.date(2025, 12, 1))
        recommend(outcome, ReviewRecommendation.NO_CSPR, "Learning is known.", HELD.date())
        assert outcome.recommendation is ReviewRecommendation.NO_CSPR


def test_the_panels_response_follows_the_submission(store: Store) -> None:
    meeting_id = _rapid_review(store)
    with store.session() as session:
        outcome = open_outcome(session, meeting_id)
        with pytest.raises(ReviewRuleError, match="recommendation before the submission"):
            record_submission(outcome, HELD.date())
        recommend(outcome, ReviewRecommendation.OTHER_REVIEW, "A joint review.", HELD.date())
        with pytest.raises(ReviewRuleError, match="submission to the Panel before"):
            record_panel_response(outcome, PanelResponse.AGREES, HELD.date())
        record_submission(outcome, dt.date(2025, 12, 12))
        with pytest.raises(ReviewRuleError, match="date of the Panel's response"):
            record_panel_response(outcome, PanelResponse.AGREES, None)
        with pytest.raises(ReviewRuleError, match="before the submission"):
            record_panel_response(outcome, PanelResponse.AGREES, dt.date(2025, 12, 11))
        with pytest.raises(ReviewRuleError, match="what the Panel said"):
            record_panel_response(outcome, PanelResponse.DISAGREES, dt.date(2026, 1, 5))
        record_panel_response(outcome, PanelResponse.AWAITED, dt.date(2026, 1, 5))
        assert outcome.panel_response_on is None
        with pytest.raises(ReviewRuleError, match="Only a commissioned CSPR"):
            record_cspr_publication(outcome, dt.date(2026, 6, 1))


def test_a_decision_meeting_has_no_cspr_decision(store: Store) -> None:
    _rapid_review(store)
    with store.session() as session:
        case = session.scalars(select(Case)).one()
        with pytest.raises(ReviewRuleError, match="Only a Rapid Review"):
            outcome_for(case.meetings[0])
        with pytest.raises(ReviewRuleError, match="No meeting"):
            open_outcome(session, "nope")
