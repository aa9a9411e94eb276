"""The close step's preview is the exported document: what the Word minutes print, it shows;
after the name check replaces names, it and the minutes pane show the record as it now is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from lscp_desktop.documents.files import read_content
from lscp_desktop.documents.minutes_content import Paragraph, Section, build_minutes
from lscp_desktop.models import Meeting, MinuteItem
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.names.fields import Document
from lscp_desktop.settings import stored as settings
from lscp_desktop.ui.documents.name_check_dialog import NameCheckDialog
from lscp_desktop.ui.meeting.meeting_view import MeetingView
from lscp_desktop.ui.meeting.steps.closing import CloseForm
from tests.documents.conftest import REAL_NAME, ExportCase


def _close_form(qtbot: QtBot, case: ExportCase, meeting_id: str) -> tuple[MeetingView, CloseForm]:
    view = MeetingView(case.store, meeting_id)
    qtbot.addWidget(view)
    view.go_to(len(view.steps) - 1)
    return view, next(iter(view.findChildren(CloseForm)))


def _texts(sections: tuple[Section, ...] | list[Section | Paragraph]) -> list[str]:
    found: list[str] = []
    for block in sections:
        if isinstance(block, Section):
            found.append(block.heading)
            found.extend(_texts(block.blocks))
        elif isinstance(block, Paragraph):
            found.append(block.text)
    return found


def test_the_rapid_review_preview_shows_the_agency_summaries_the_export_prints(
    qtbot: QtBot, draft_export_case: ExportCase
) -> None:
    case = draft_export_case
    with case.store.session() as session:
        review = session.get_one(Meeting, case.review_id)
        review.contributions[0].information = "Health visitor saw the family on 2 March 2026."
    _view, form = _close_form(qtbot, case, case.review_id)
    shown = form.draft.toPlainText()
    assert "Agency summaries and chronology" in shown
    assert "Health visitor saw the family on 2 March 2026." in shown
    assert "Health supports a CSPR." in shown
    # Every paragraph of the exported document is in the preview (tables aside), but the
    # export's own audit seal line, written when the file is.
    record = read_content(case.store, case.review_id, Document.MINUTES).record
    exported = build_minutes(record, generated_at=record.held_at)
    for text in _texts(exported.sections):
        for line in text.splitlines():
            assert line.startswith("Audit seal:") or line.strip() in shown


def test_the_preview_is_titled_by_what_the_minutes_are(
    qtbot: QtBot, draft_export_case: ExportCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = draft_export_case
    with case.store.session() as session:
        settings.put(session, settings.USER_NAME, "Dr Miriam Achterberg")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, form = _close_form(qtbot, case, case.rag_id)
    assert form.draft_heading.text().startswith("Draft minutes")
    assert "DRAFT minutes, not yet approved" in form.draft.toPlainText()
    form.approve_button.click()
    with case.store.session() as session:
        assert session.get_one(Meeting, case.rag_id).status is MeetingStatus.APPROVED
    form = next(f for f in view.findChildren(CloseForm) if f.isVisibleTo(view))
    assert "Draft" not in form.draft_heading.text()
    assert form.draft_heading.text() == "The approved minutes, as they are exported"
    assert "Approved minutes" in form.draft.toPlainText()


def test_replace_all_shows_the_record_as_it_now_is_even_when_approval_is_cancelled(
    qtbot: QtBot, draft_export_case: ExportCase
) -> None:
    case = draft_export_case
    view, form = _close_form(qtbot, case, case.rag_id)
    title = view.step.title
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        meeting.minutes.append(MinuteItem(item=title, text=f"{REAL_NAME} was thanked."))
    view.go_to(0)
    view.go_to(len(view.steps) - 1)  # the close step again, its minutes read as stored
    form = next(f for f in view.findChildren(CloseForm) if f.isVisibleTo(view))
    assert REAL_NAME in view.minutes.editor.toPlainText()

    def replace_then_cancel() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, NameCheckDialog) and w.isVisible()
        )
        dialog.replacement.setText("the child")
        dialog.replace_every_button.click()
        dialog.reject()

    QTimer.singleShot(0, replace_then_cancel)
    form.approve_button.click()
    assert view.minutes.editor.toPlainText() == "the child was thanked."
    assert "the child was thanked." in form.draft.toPlainText()
    # Typing on does not write the name back.
    view.minutes.editor.appendPlainText("Meeting closed at 11:40.")
    assert view.flush()
    with case.store.session() as session:
        item = next(m for m in session.get_one(Meeting, case.rag_id).minutes if m.item == title)
        assert item.text == "the child was thanked.\nMeeting closed at 11:40."
        assert session.get_one(Meeting, case.rag_id).status is MeetingStatus.CONCLUDED
