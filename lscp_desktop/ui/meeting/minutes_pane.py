"""The live minutes: one text per agenda item, always beside the step being run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from lscp_desktop.meeting import record as meeting_record
from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.meeting.fields import heading, text_box


class MinutesPane(QWidget):
    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._title = ""
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Minutes", 1.1))
        self.item_label = QLabel()
        self.item_label.setWordWrap(True)
        layout.addWidget(self.item_label)
        self.editor: QPlainTextEdit = text_box("Minutes", lines=10, grow=True)
        self.editor.setObjectName("minutesEditor")
        self.editor.setPlaceholderText("Type the minutes of this item here (Ctrl+M jumps here).")
        self.editor.textChanged.connect(self._typed)
        layout.addWidget(self.editor, 1)
        hint = QLabel("Saved as you type: there is no Save button.")
        hint.setEnabled(False)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(hint)

    def show_item(self, title: str, text: str) -> None:
        """Switch to an agenda item; text still waiting to be saved wins over the stored text."""
        self._title = title
        self.item_label.setText(f"Item: {title}")
        self.editor.setAccessibleName(f"Minutes for {title}")
        pending = self._ctx.autosave.pending_value(("minutes", title))
        self._loading = True
        try:
            self.editor.setPlainText(pending if pending is not None else text)
        finally:
            self._loading = False
        self.editor.setReadOnly(self._ctx.locked)

    def _typed(self) -> None:
        if self._loading or not self._title:
            return
        title, meeting_id = self._title, self._ctx.meeting_id

        def apply(session: Session, text: str) -> None:
            meeting_record.set_minutes(session, meeting_id, title, text)

        self._ctx.save(("minutes", title), self.editor.toPlainText(), apply)
