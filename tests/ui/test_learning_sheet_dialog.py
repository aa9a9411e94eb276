"""The Business Unit edits a Rapid Review's learning sheet and exports it, through the dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from lscp_desktop.review import learning_sheet
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.learning_sheet_dialog import LearningSheetDialog
from tests.review_data import build_notified_case, build_rapid_review, fill_rapid_review
from tests.ui.test_meeting_walkthrough import named


@pytest.fixture
def review(store: Store) -> tuple[Store, str]:
    """A filled-in Rapid Review of Child A (real name Jordan Realname), and its store."""
    demo = build_notified_case(store)
    meeting_id = build_rapid_review(store, demo)
    fill_rapid_review(store, meeting_id, demo)
    return store, meeting_id


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the app asked the desktop to open (nothing is really opened in a test)."""
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(QUrl(url).toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    def answer(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return ("" if path is None else str(path), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_business_unit_edits_the_drafted_sheet_and_exports_it_to_word(
    qtbot: QtBot,
    review: tuple[Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    store, meeting_id = review
    dialog = LearningSheetDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    # Drafted from the record: the referral summary and the good practice minuted.
    assert dialog.title.text() == "Learning from a Rapid Review: Child A"
    assert "head injury" in named(dialog, QPlainTextEdit, "What happened").toPlainText()
    assert (
        "Discussed: good practice." in named(dialog, QPlainTextEdit, "Good practice").toPlainText()
    )

    named(dialog, QLineEdit, "Title").setText("Child A: seeing the child")
    named(dialog, QPlainTextEdit, "What partners should do differently").setPlainText(
        "See the child before closing a case."
    )
    save_as(monkeypatch, tmp_path / "sheet")  # no extension typed: .docx is added
    dialog.word_button.click()

    target = tmp_path / "sheet.docx"
    assert opened == [str(target)]
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Child A: seeing the child" in text
    assert "See the child before closing a case." in text
    assert "Jordan" not in text and "Realname" not in text
    with store.session() as session:  # the edits were kept, too
        assert learning_sheet.open_learning_sheet(session, meeting_id).title == (
            "Child A: seeing the child"
        )


def test_sheet_naming_the_child_is_refused_with_a_message_and_the_edits_are_kept(
    qtbot: QtBot,
    review: tuple[Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    store, meeting_id = review
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    dialog = LearningSheetDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    named(dialog, QPlainTextEdit, "Learning").setPlainText("Jordan was not seen alone.")
    save_as(monkeypatch, tmp_path / "sheet.pdf")
    dialog.pdf_button.click()

    assert len(warnings) == 1 and "real name" in warnings[0] and "Learning" in warnings[0]
    assert not (tmp_path / "sheet.pdf").exists() and opened == []
    assert named(dialog, QPlainTextEdit, "Learning").toPlainText() == "Jordan was not seen alone."

    named(dialog, QPlainTextEdit, "Learning").setPlainText("Child A was not seen alone.")
    dialog.pdf_button.click()
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert opened == [str(tmp_path / "sheet.pdf")]


def test_cancelled_save_dialog_writes_nothing_and_redraft_restores_the_record(
    qtbot: QtBot, review: tuple[Store, str], monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    store, meeting_id = review
    dialog = LearningSheetDialog(store, meeting_id)
    qtbot.addWidget(dialog)
    save_as(monkeypatch, None)
    assert dialog.export(".docx") is None and opened == []

    named(dialog, QPlainTextEdit, "Good practice").setPlainText("Scribbles")
    dialog.accept()
    with store.session() as session:
        assert learning_sheet.open_learning_sheet(session, meeting_id).good_practice == "Scribbles"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = LearningSheetDialog(store, meeting_id)
    qtbot.addWidget(again)
    assert named(again, QPlainTextEdit, "Good practice").toPlainText() == "Scribbles"
    again.redraft_button.click()
    assert named(again, QPlainTextEdit, "Good practice").toPlainText() == (
        "Discussed: good practice."
    )
