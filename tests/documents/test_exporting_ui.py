from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lscp_desktop.models import Meeting
from lscp_desktop.ui.documents import exporting
from lscp_desktop.ui.documents.name_check_dialog import NameCheckDialog
from tests.documents.conftest import REAL_NAME, ExportCase
from tests.documents.reading import docx_text


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(exporting.QDesktopServices, "openUrl", urls.append)
    return urls


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def test_export_menu_writes_the_minutes_and_opens_them(
    qtbot: QtBot,
    export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    choose(monkeypatch, tmp_path / "minutes")  # no extension typed: .docx is added
    written = exporting.export_minutes(parent, export_case.store, export_case.rag_id, "docx")
    assert written == tmp_path / "minutes.docx"
    assert opened == [QUrl.fromLocalFile(str(written))]


def test_a_failed_export_is_shown_in_a_message_box(
    qtbot: QtBot,
    export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    choose(monkeypatch, tmp_path / "missing-folder" / "record.pdf")
    assert exporting.export_decision_record(None, export_case.store, export_case.rag_id) is None
    assert shown and "the folder does not exist" in shown[0]
    assert opened == []


def test_user_replaces_the_real_name_in_the_check_dialog_then_exports(
    qtbot: QtBot,
    draft_export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.minutes[2].text = f"{REAL_NAME} was seen by the GP."
    choose(monkeypatch, tmp_path / "m.docx")

    def act_in_dialog() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, NameCheckDialog) and w.isVisible()
        )
        assert dialog.list.count() == 1
        assert REAL_NAME in dialog.list.item(0).text()
        assert dialog.replacement.text() == "Child A"
        dialog.replace_every()
        assert dialog.list.count() == 0
        assert dialog.export.isDefault()  # nothing left to check: Enter exports
        dialog.export.click()

    QTimer.singleShot(0, act_in_dialog)
    written = exporting.export_minutes(
        None, draft_export_case.store, draft_export_case.rag_id, "docx"
    )
    assert written is not None
    assert "Child A was seen by the GP." in docx_text(written)


def test_cancelling_the_name_check_writes_nothing(
    qtbot: QtBot,
    draft_export_case: ExportCase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[QUrl],
) -> None:
    with draft_export_case.store.session() as session:
        meeting = session.get(Meeting, draft_export_case.rag_id)
        assert meeting is not None
        meeting.decision.rationale = f"{REAL_NAME} was harmed."  # type: ignore[union-attr]
    choose(monkeypatch, tmp_path / "c.eml")

    def cancel() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, NameCheckDialog) and w.isVisible()
        )
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert exporting.circulate(None, draft_export_case.store, draft_export_case.rag_id) is None
    assert not (tmp_path / "c.eml").exists()
    assert opened == []


def test_a_name_in_approved_minutes_cannot_be_replaced_and_nothing_is_lost(
    qtbot: QtBot, export_case: ExportCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.settings import stored as settings

    with export_case.store.session() as session:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None and meeting.decision is not None
        rationale = meeting.decision.rationale
        word = rationale.split()[0]
        settings.put(session, settings.NAMES_TO_KEEP_OUT, word)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    from lscp_desktop.names.check import find_names

    with export_case.store.session() as session:
        hits = find_names(session, export_case.rag_id)
    dialog = NameCheckDialog(export_case.store, export_case.rag_id, hits, "Child A")
    qtbot.addWidget(dialog)
    assert dialog.list.count() >= 1
    dialog.replace_every()
    assert told and "approved and locked" in told[0]
    with export_case.store.session() as session:
        meeting = session.get(Meeting, export_case.rag_id)
        assert meeting is not None and meeting.decision is not None
        assert meeting.decision.rationale == rationale
