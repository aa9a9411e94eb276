"""A dated progress note on one action of the action plan, and optionally a new status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.enums import ActionStatus
from lscp_desktop.ui.register.date_fields import DayEdit  # Tab leaves, no year-2000 default
from lscp_desktop.ui.widgets.problem_label import ProblemLabel
from lscp_desktop.vocabulary import ACTION_STATUSES


class ProgressNoteDialog(QDialog):
    """A dated progress note on one action, and optionally a new status."""

    def __init__(self, description: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a progress note")
        self.date_edit = DayEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setAccessibleName("Date of the progress note")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Progress")
        self.text_edit.setTabChangesFocus(True)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status after this note")
        self.status_combo.addItem("Leave the status as it is", None)
        for status, label in ACTION_STATUSES.items():
            self.status_combo.addItem(f"Mark as {label.lower()}", status.value)
        self.error_label = ProblemLabel()
        self.error_label.clear_on_change(self.date_edit, self.text_edit, self.status_combo)
        form = QFormLayout()
        action_label = QLabel(description)
        action_label.setWordWrap(True)
        form.addRow("Action", action_label)
        form.addRow("&Date", self.date_edit)
        form.addRow("&Progress", self.text_edit)
        form.addRow("&Status", self.status_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add note")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def note_date(self) -> dt.date:
        day: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return day

    def new_status(self) -> ActionStatus | None:
        value = self.status_combo.currentData()
        return ActionStatus(value) if value else None
