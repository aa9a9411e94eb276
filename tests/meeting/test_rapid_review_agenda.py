"""The Rapid Review's agenda, and what stops its chair moving on or concluding."""

from __future__ import annotations

from lscp_desktop.meeting import agenda as meeting_steps
from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingKind, ReviewRecommendation
from lscp_desktop.review import review_record
from lscp_desktop.store.database import Store
from tests.review_data import build_notified_case, build_rapid_review, fill_rapid_review


def test_rapid_review_agenda_runs_from_attendance_through_the_cspr_decision_to_close() -> None:
    assert meeting_steps.kinds() == [MeetingKind.EXTRAORDINARY_RAG, MeetingKind.RAPID_REVIEW]
    steps = meeting_steps.steps_for(MeetingKind.RAPID_REVIEW, [])
    assert [s.key for s in steps] == [
        "welcome",
        "review_purpose",
        "agency_summaries",
        "immediate_action",
        "good_practice",
        "learning",
        "key_practice_episodes",
        "racism_and_inequalities",
        "cspr_decision",
        "panel_submission",
        "close",
    ]
    assert {s.key: s.form for s in steps}["immediate_action"] == "actions"


def test_rapid_review_cannot_conclude_until_the_cspr_decision_has_its_rationale(
    store: Store,
) -> None:
    demo = build_notified_case(store)
    meeting_id = build_rapid_review(store, demo)
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_record.conclusion_blockers(session, meeting) == [
            "Record the CSPR decision: the recommendation and its rationale."
        ]
    fill_rapid_review(store, meeting_id, demo)
    with store.session() as session:
        review_record.set_recommendation(session, meeting_id, ReviewRecommendation.CSPR)
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting_record.conclusion_blockers(session, meeting) == [
            "The rationale for the recommendation is missing."
        ]
        review_record.set_rationale(session, meeting_id, "Two criteria are met.")
        assert meeting_record.conclusion_blockers(session, meeting) == []
        assert meeting.review_outcome is not None
        assert meeting.review_outcome.decided_on == meeting.held_at.date()
