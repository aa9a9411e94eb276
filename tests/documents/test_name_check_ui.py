"""The name-check dialog: Enter never sends a name out; redacting or keeping is deliberate."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lscp_desktop.models import Meeting
from lscp_desktop.models.audit import AuditEntry
from lscp_desktop.names.check import find_names
from lscp_desktop.ui.documents import exporting
from lscp_desktop.ui.documents.name_check_dialog import NameCheckDialog, NameChoice
from tests.documents.conftest import REAL_NAME, ExportCase
from tests.documents.reading import docx_text


def plant(case: ExportCase) -> None:
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        meeting.minutes[2].text = f"{REAL_NAME} was seen by the GP."


def open_dialog() -> NameCheckDialog:
    """The name check the code under test has open (not one left over from another test)."""
    return next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, NameCheckDialog) and w.isVisible()
    )


def dialog_for(qtbot: QtBot, case: ExportCase) -> NameCheckDialog:
    with case.store.session() as session:
        hits = find_names(session, case.rag_id)
    dialog = NameCheckDialog(case.store, case.rag_id, hits, "Child A")
    qtbot.addWidget(dialog)
    return dialog


def test_enter_in_the_name_check_does_not_export(
    qtbot: QtBot, draft_export_case: ExportCase
) -> None:
    plant(draft_export_case)
    dialog = dialog_for(qtbot, draft_export_case)
    dialog.show()
    assert dialog.cancel.isDefault()
    assert not dialog.export_anyway.isDefault()
    assert not dialog.export_anyway.autoDefault()
    dialog.export_anyway.setFocus()  # even with the risky button focused
    qtbot.keyClick(dialog.export_anyway, Qt.Key.Key_Return)
    assert dialog.choice is NameChoice.CANCEL
    assert dialog.result() == dialog.DialogCode.Rejected


def test_approved_minutes_can_only_be_redacted_or_kept_not_replaced(
    qtbot: QtBot, export_case: ExportCase
) -> None:
    from lscp_desktop.settings import stored as settings

    with export_case.store.session() as session:
        settings.put(session, settings.NAMES_TO_KEEP_OUT, "Civic Hall")
    dialog = dialog_for(qtbot, export_case)
    assert dialog.locked
    assert not dialog.replace_every_button.isEnabled()
    assert dialog.redact.isEnabled()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(exporting.QDesktopServices, "openUrl", urls.append)
    return urls


def _events(case: ExportCase, action: str) -> list[str]:
    with case.store.session() as session:
        return list(session.scalars(select(AuditEntry.detail).where(AuditEntry.action == action)))


def test_user_redacts_in_this_copy_and_the_record_stays_as_minuted(
    qtbot: QtBot,
    draft_export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    plant(draft_export_case)
    target = tmp_path / "m.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def redact() -> None:
        dialog = open_dialog()
        dialog.redact.click()

    QTimer.singleShot(0, redact)
    written = exporting.export_minutes(None, draft_export_case.store, draft_export_case.rag_id)
    assert written == target
    text = docx_text(target)
    assert "Child A was seen by the GP." in text
    assert REAL_NAME not in text
    with draft_export_case.store.session() as session:
        meeting = session.get_one(Meeting, draft_export_case.rag_id)
        assert meeting.minutes[2].text == f"{REAL_NAME} was seen by the GP."
    assert len(_events(draft_export_case, "names redacted")) == 1


def test_exporting_with_the_names_takes_a_click_and_is_audited(
    qtbot: QtBot,
    draft_export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    plant(draft_export_case)
    target = tmp_path / "m.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def keep() -> None:
        dialog = open_dialog()
        dialog.export_anyway.click()

    QTimer.singleShot(0, keep)
    assert exporting.export_minutes(None, draft_export_case.store, draft_export_case.rag_id)
    assert REAL_NAME in docx_text(target)
    [detail] = _events(draft_export_case, "names exported")
    assert "Minutes: Multi-agency discussion" in detail
    assert REAL_NAME not in detail  # the audit log says where, not the name


def test_approving_runs_the_name_check_and_records_the_confirmation(
    qtbot: QtBot, draft_export_case: ExportCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from lscp_desktop.models.enums import MeetingStatus
    from lscp_desktop.settings import stored as settings
    from lscp_desktop.ui.meeting.meeting_view import MeetingView
    from lscp_desktop.ui.meeting.steps.closing import CloseForm

    plant(draft_export_case)
    with draft_export_case.store.session() as session:
        settings.put(session, settings.USER_NAME, "Dr Miriam Achterberg")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view = MeetingView(draft_export_case.store, draft_export_case.rag_id)
    qtbot.addWidget(view)
    view.go_to(len(view.steps) - 1)
    form = next(iter(view.findChildren(CloseForm)))
    seen: list[str] = []

    def cancel_then_confirm(cancel: bool) -> None:
        dialog = open_dialog()
        seen.append(dialog.list.item(0).text())
        assert dialog.cancel.isDefault()
        if cancel:
            dialog.reject()
        else:
            dialog.export_anyway.click()  # "Confirm: none is the child"

    QTimer.singleShot(0, lambda: cancel_then_confirm(True))
    form.approve_button.click()
    with draft_export_case.store.session() as session:
        assert session.get_one(Meeting, draft_export_case.rag_id).status is MeetingStatus.CONCLUDED
    QTimer.singleShot(0, lambda: cancel_then_confirm(False))
    form.approve_button.click()
    assert len(seen) == 2 and REAL_NAME in seen[0]
    with draft_export_case.store.session() as session:
        assert session.get_one(Meeting, draft_export_case.rag_id).status is MeetingStatus.APPROVED
    [detail] = _events(draft_export_case, "names confirmed")
    assert "Minutes: Multi-agency discussion" in detail and REAL_NAME not in detail


def test_the_draft_preview_and_the_projector_show_the_pseudonym_not_the_name(
    qtbot: QtBot, draft_export_case: ExportCase
) -> None:
    from lscp_desktop.ui.meeting.draft_minutes import draft_minutes_html
    from lscp_desktop.ui.meeting.meeting_view import MeetingView
    from lscp_desktop.ui.meeting.projector_view import ProjectorView

    case = draft_export_case
    with case.store.session() as session:
        meeting = session.get_one(Meeting, case.rag_id)
        meeting.minutes[2].text = f"{REAL_NAME} was seen by the GP."
    with case.store.session() as session:
        html = draft_minutes_html(session, session.get_one(Meeting, case.rag_id))
    assert "Child A was seen by the GP." in html
    assert "Jaydon" not in html and "Whitlock" not in html

    view = MeetingView(case.store, case.rag_id)
    qtbot.addWidget(view)
    view.steps[view.index] = dataclasses.replace(view.step, title=f"{REAL_NAME}: discussion")
    view.toggle_projector()
    projector = view.projector
    assert isinstance(projector, ProjectorView)
    qtbot.addWidget(projector)
    assert projector.step.text() == "Child A: discussion"
