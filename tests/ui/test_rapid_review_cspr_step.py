"""The CSPR decision step refuses an incomplete decision clearly and loses nothing typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import ReviewRecommendation
from lscp_desktop.review import review_record
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.steps.cspr_decision import PanelSubmissionForm
from tests.review_data import build_notified_case, build_rapid_review, fill_rapid_review
from tests.ui.test_meeting_walkthrough import named, type_into

EVIDENCE = "Early Help closed the case without seeing the child; found before in 2023."


def review_at(qtbot: QtBot, store: Store, step: str) -> tuple[str, MeetingView]:
    demo = build_notified_case(store)
    meeting_id = build_rapid_review(store, demo)
    fill_rapid_review(store, meeting_id, demo)
    with store.session() as session:
        meeting_record.set_current_step(session, meeting_id, step)
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return meeting_id, view


def test_cspr_recommended_without_rationale_is_refused_and_nothing_is_lost(
    qtbot: QtBot, store: Store
) -> None:
    meeting_id, view = review_at(qtbot, store, "cspr_decision")
    assert view.step_title.text() == "CSPR decision"
    named(view, QRadioButton, "Recommendation: Commission a CSPR").click()
    evidence = named(view, QPlainTextEdit, "Evidence for criterion (b)")
    named(view, QCheckBox, "Criterion (b) met").click()
    type_into(qtbot, evidence, EVIDENCE)
    type_into(qtbot, view.minutes.editor, "Partners agreed a review is needed.")

    assert not view.next_step()
    assert view.step_title.text() == "CSPR decision"
    assert view.blockers.isVisible()
    assert "The rationale for the recommendation is missing." in view.blockers.text()
    # Nothing typed was lost: on screen and in the store.
    assert named(view, QPlainTextEdit, "Evidence for criterion (b)").toPlainText() == EVIDENCE
    assert view.minutes.editor.toPlainText() == "Partners agreed a review is needed."
    with store.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        outcome = meeting.review_outcome
        assert outcome is not None and outcome.recommendation is ReviewRecommendation.CSPR
        assert [row.evidence for row in outcome.criteria if row.met][1] == EVIDENCE
        assert meeting_record.minute_item(meeting, "CSPR decision") is not None
        # Nor can the meeting be concluded around it.
        assert "The rationale for the recommendation is missing." in (
            meeting_record.conclusion_blockers(session, meeting)
        )

    type_into(
        qtbot,
        named(view, QPlainTextEdit, "Rationale for the recommendation"),
        "Three criteria are met; the learning is significant.",
    )
    assert view.next_step()
    assert view.step_title.text() == "Submission to the National Panel"


def test_ticked_criterion_without_evidence_stops_the_chair_moving_on(
    qtbot: QtBot, store: Store
) -> None:
    _meeting_id, view = review_at(qtbot, store, "cspr_decision")
    named(view, QCheckBox, "Criterion (d) met").click()
    assert not view.next_step()
    assert "Evidence is missing for the ticked criterion (d)" in view.blockers.text()


def test_panel_disagreeing_needs_its_comments_and_a_response_date(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, view = review_at(qtbot, store, "panel_submission")
    with store.session() as session:
        review_record.set_recommendation(session, meeting_id, ReviewRecommendation.NO_CSPR)
        review_record.set_rationale(session, meeting_id, "The learning is already in hand.")
    view.ctx.rebuild()
    form = view.form
    assert isinstance(form, PanelSubmissionForm)
    named(view, QRadioButton, "The Panel's response: Disagrees").click()
    named(view, QPushButton, "Record the Panel submission and response").click()
    assert form.message.text() == "Record the submission to the Panel before its response."
    form.submitted.setDate(QDate(2026, 3, 20))
    named(view, QPushButton, "Record the Panel submission and response").click()
    assert form.message.text() == "Give the date of the Panel's response."
    form.responded.setDate(QDate(2026, 4, 9))
    named(view, QPushButton, "Record the Panel submission and response").click()
    assert form.message.text() == "Record what the Panel said when it disagrees."
    type_into(qtbot, named(view, QPlainTextEdit, "The Panel's comments"), "A CSPR is needed.")
    named(view, QPushButton, "Record the Panel submission and response").click()
    assert form.message.text() == "Recorded."


def test_approved_review_keeps_its_cspr_decision_read_only(qtbot: QtBot, store: Store) -> None:
    meeting_id, view = review_at(qtbot, store, "cspr_decision")
    named(view, QRadioButton, "Recommendation: No CSPR").click()
    type_into(
        qtbot, named(view, QPlainTextEdit, "Rationale for the recommendation"), "In hand already."
    )
    assert view.flush()
    with store.session() as session:
        meeting_record.conclude(session, meeting_id)
        meeting_record.approve(session, meeting_id)
    view.ctx.rebuild()
    assert not named(view, QCheckBox, "Criterion (a) met").isEnabled()
    assert named(view, QPlainTextEdit, "Rationale for the recommendation").isReadOnly()
    assert not named(view, QRadioButton, "Recommendation: No CSPR").isEnabled()
