"""The Export menu: what can leave the app for one meeting, each through the name check."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from lscp_desktop import models
from lscp_desktop.models.enums import MeetingKind
from lscp_desktop.store.database import Store


class ExportMenu(QMenu):
    """Exports for the meeting `target()` names: the open one, else the chosen case's latest."""

    def __init__(
        self, store: Store, target: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__("E&xport", parent)
        self.store = store
        self.target = target
        self.word = self._add("Minutes as &Word…", "Ctrl+Shift+W", self.minutes_word)
        self.pdf = self._add("Minutes as &PDF…", "Ctrl+Shift+P", self.minutes_pdf)
        self.record = self._add("&Decision record (PDF)…", "Ctrl+Shift+R", self.decision_record)
        self.addSeparator()
        self.circulate = self._add("&Circulate to the distribution list…", None, self.circulate_all)
        self.accuracy = self._add(
            "Draft to &attendees for an accuracy check…", None, self.circulate_draft
        )
        self.addSeparator()
        self.sheet = self._add("&Learning sheet…", None, self.learning_sheet)
        self.rapid_review = self._add(
            "&Rapid Review for the Panel (Word)…", None, self.rapid_review_report
        )
        self.aboutToShow.connect(self.update_actions)

    def _add(self, text: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        # Made here, parented to the menu, and kept: an action made by addAction(text) is owned
        # by C++ alone, and PySide dropped its wrapper once a meeting screen was deleted.
        action = QAction(text, self)
        self.addAction(action)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        meeting_id = self.target()
        kind = None
        if meeting_id is not None:
            with self.store.session() as session:
                meeting = session.get(models.Meeting, meeting_id)
                kind = None if meeting is None else meeting.kind
        for action in (self.word, self.pdf, self.record, self.circulate, self.accuracy):
            action.setEnabled(kind is not None)
        self.sheet.setEnabled(kind is MeetingKind.RAPID_REVIEW)
        self.rapid_review.setEnabled(kind is MeetingKind.RAPID_REVIEW)

    def _meeting(self) -> str | None:
        meeting_id = self.target()
        if meeting_id is None:
            QMessageBox.information(
                self.parentWidget(), "Export", "Choose a case with a meeting, or open a meeting."
            )
        return meeting_id

    # Each export imports its writers on first use: Word and PDF libraries stay off start-up.
    def minutes_word(self) -> None:
        self._minutes("docx")

    def minutes_pdf(self) -> None:
        self._minutes("pdf")

    def _minutes(self, fmt: str) -> None:
        from lscp_desktop.ui.documents import exporting

        if (meeting_id := self._meeting()) is not None:
            exporting.export_minutes(self.parentWidget(), self.store, meeting_id, fmt)

    def decision_record(self) -> None:
        from lscp_desktop.ui.documents import exporting

        if (meeting_id := self._meeting()) is not None:
            exporting.export_decision_record(self.parentWidget(), self.store, meeting_id)

    def circulate_all(self) -> None:
        from lscp_desktop.ui.documents import exporting

        if (meeting_id := self._meeting()) is not None:
            exporting.circulate(self.parentWidget(), self.store, meeting_id)

    def circulate_draft(self) -> None:
        from lscp_desktop.ui.documents import exporting

        if (meeting_id := self._meeting()) is not None:
            exporting.circulate(self.parentWidget(), self.store, meeting_id, to_attendees=True)

    def learning_sheet(self) -> None:
        from lscp_desktop.ui.documents.learning_sheet_dialog import LearningSheetDialog

        if (meeting_id := self._meeting()) is not None:
            LearningSheetDialog(self.store, meeting_id, self.parentWidget()).exec()

    def rapid_review_report(self) -> None:
        from lscp_desktop.ui.documents.rapid_review_dialog import RapidReviewDialog

        if (meeting_id := self._meeting()) is not None:
            RapidReviewDialog(self.store, meeting_id, self.parentWidget()).exec()
