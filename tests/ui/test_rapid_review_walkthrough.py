"""A whole Rapid Review, run by the chair through the widgets, then its minutes exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from lscp_desktop.documents import files
from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import (
    CsprCriterion,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ReviewRecommendation,
)
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.setup_dialog import MeetingSetupDialog
from lscp_desktop.ui.meeting.steps.cspr_decision import PanelSubmissionForm
from tests.review_data import build_notified_case
from tests.ui.test_meeting_walkthrough import choose, named, next_step, type_into

EVIDENCE_A = "Early Help closed the case without seeing the child; found before in 2023."
EVIDENCE_C = "Police call-outs were never shared with Health or Early Help."
RATIONALE = "Two criteria are met and the learning about information sharing is significant."


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def open_view(qtbot: QtBot, store: Store, meeting_id: str) -> MeetingView:
    view = MeetingView(store, meeting_id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitActive(view):  # keyboard shortcuts go to the active window
        view.activateWindow()
    return view


def minute(qtbot: QtBot, view: MeetingView, title: str, text: str) -> None:
    assert view.step_title.text() == title
    type_into(qtbot, view.minutes.editor, text)
    next_step(qtbot, view)


@pytest.mark.slow
def test_chair_runs_a_rapid_review_recommends_a_cspr_and_exports_the_minutes(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo = build_notified_case(store)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    # The case was notified, so the set-up dialog offers its Rapid Review first.
    dialog = MeetingSetupDialog(store, demo.case_id)
    qtbot.addWidget(dialog)
    assert MeetingKind(dialog.kind.currentData()) is MeetingKind.RAPID_REVIEW
    dialog.date.setDate(QDate(2026, 3, 18))
    type_into(qtbot, dialog.location, "Microsoft Teams")
    dialog.accept()
    assert dialog.meeting_id is not None
    view = open_view(qtbot, store, dialog.meeting_id)
    assert view.header.title.text().startswith("Rapid Review — Child A")
    named(view, QPushButton, "Start the meeting").click()  # opening it does not start it
    assert not view.matrix.isVisible()  # no opinions on notifying at a Rapid Review

    assert view.step_title.text() == "Welcome and attendance"
    for name in ("Priya Shah", "Tom Hughes", "Dr Ruth Adeyemi"):
        choose(named(view, QComboBox, f"Attendance of {name}"), "Present")
    assert not view.quorum_banner.isVisible()
    minute(qtbot, view, "Welcome and attendance", "Introductions.")
    minute(qtbot, view, "Confidentiality and purpose of the Rapid Review", "None declared.")

    assert view.step_title.text() == "Agency summaries and chronology"
    type_into(
        qtbot,
        named(view, QPlainTextEdit, "Summary and chronology from CSWS"),
        "Early Help May 2025 to Jan 2026.",
    )
    type_into(
        qtbot,
        named(view, QPlainTextEdit, "Summary and chronology from Police"),
        "Two domestic incidents in 2025.",
    )
    minute(qtbot, view, "Agency summaries and chronology", "A combined chronology was agreed.")

    assert view.step_title.text() == "Immediate safeguarding action"
    type_into(qtbot, named(view, QLineEdit, "Action description"), "Strategy meeting for sibling")
    choose(named(view, QComboBox, "Action owner"), "Priya Shah")
    named(view, QDateEdit, "Action due date").setDate(QDate(2026, 3, 20))
    named(view, QCheckBox, "Immediate safeguarding action").setChecked(True)
    named(view, QPushButton, "Add action").click()
    minute(qtbot, view, "Immediate safeguarding action", "The sibling is safe with family.")
    minute(qtbot, view, "Good practice", "The health visitor persisted in seeking access.")
    minute(qtbot, view, "Learning and areas for improvement", "Closure without seeing a child.")
    minute(qtbot, view, "Key practice episodes", "Episode 1: Early Help closure, Jan 2026.")
    minute(qtbot, view, "Impact of racism and other inequalities", "Interpreters not used.")

    # The CSPR decision: two criteria ticked with their evidence, then the recommendation.
    assert view.step_title.text() == "CSPR decision"
    named(view, QCheckBox, "Criterion (a) met").click()
    type_into(qtbot, named(view, QPlainTextEdit, "Evidence for criterion (a)"), EVIDENCE_A)
    named(view, QCheckBox, "Criterion (c) met").click()
    type_into(qtbot, named(view, QPlainTextEdit, "Evidence for criterion (c)"), EVIDENCE_C)
    named(view, QRadioButton, "Recommendation: Commission a CSPR").click()
    type_into(qtbot, named(view, QPlainTextEdit, "Rationale for the recommendation"), RATIONALE)
    minute(qtbot, view, "CSPR decision", "All partners agreed a CSPR is needed.")

    # Deadlines are shown: 15 working days from the notification, and 6 months for the CSPR.
    assert view.step_title.text() == "Submission to the National Panel"
    assert named(view, QLabel, "Rapid Review due").text() == "Wed 25 Mar 2026"
    assert named(view, QLabel, "CSPR publication due").text() == "Fri 18 Sep 2026"
    next_step(qtbot, view)

    assert view.step_title.text() == "Close"
    named(view, QPushButton, "Conclude the meeting").click()
    named(view, QPushButton, "Approve the minutes").click()
    with store.session() as session:
        assert session.get_one(Meeting, dialog.meeting_id).status is MeetingStatus.APPROVED

    # Weeks later the Panel replies: recorded on the same step, though the minutes are locked.
    view.go_to(view.step_list.count() - 2)
    assert view.step_title.text() == "Submission to the National Panel"
    form = view.form
    assert isinstance(form, PanelSubmissionForm)
    named(view, QDateEdit, "Date the Rapid Review was sent to the Panel").setDate(
        QDate(2026, 3, 20)
    )
    named(view, QRadioButton, "The Panel's response: Agrees").click()
    named(view, QDateEdit, "Date of the Panel's response").setDate(QDate(2026, 4, 15))
    type_into(qtbot, named(view, QPlainTextEdit, "The Panel's comments"), "A CSPR is right.")
    named(view, QPushButton, "Record the Panel submission and response").click()
    assert form.message.text() == "Recorded."

    with store.session() as session:
        outcome = session.get_one(Meeting, dialog.meeting_id).review_outcome
        assert outcome is not None
        assert outcome.recommendation is ReviewRecommendation.CSPR
        assert outcome.rationale == RATIONALE
        assert outcome.criteria_met == [
            CsprCriterion.IMPROVEMENTS_NEEDED,
            CsprCriterion.AGENCIES_WORKING_TOGETHER,
        ]
        assert outcome.decided_on == dt.date(2026, 3, 18)
        assert outcome.submitted_to_panel_on == dt.date(2026, 3, 20)
        assert outcome.panel_response is PanelResponse.AGREES
        assert outcome.panel_response_on == dt.date(2026, 4, 15)

    target = files.export_minutes(store, dialog.meeting_id, tmp_path / "rapid-review.docx")
    text = docx_text(target)
    assert "Child Safeguarding Practice Review" in text
    assert EVIDENCE_A in text and EVIDENCE_C in text
    assert RATIONALE in text
    assert "Child A" in text
    assert "Realname" not in text and "Jordan" not in text
    view.leave()
