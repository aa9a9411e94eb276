"""Notification details: the whole notification record in the order the Panel's online form
asks for it, each field with its own Copy button, for the officer sending the notification.

OFFICIAL-SENSITIVE. The children's real names are here on purpose (the form asks for them),
hidden behind one more click ("Show real names", recorded in the audit log); nothing in this
dialog is exported or printed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.cases.notification_form import FormField, notification_form
from lscp_desktop.models import Case
from lscp_desktop.store import audit
from lscp_desktop.store.database import Store
from lscp_desktop.ui.widgets.sizing import fit_to_screen

HIDDEN = "•••••• (hidden: Show real names)"


class NotificationDetailsDialog(QDialog):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_id = case_id
        with store.session() as session:
            case = session.get_one(Case, case_id)
            self.reference = case.reference
            self.fields = notification_form(session, case)
        self.setWindowTitle(f"Notification details: {self.reference}")
        self.revealed = False

        banner = QLabel("OFFICIAL-SENSITIVE")
        banner.setObjectName("classification")
        banner.setStyleSheet("font-weight: bold; color: #a4262c;")
        guide = QLabel(
            "Copy each field into the Panel's online notification form, in this order. Real "
            "names are hidden until you choose Show real names; they are never exported."
        )
        guide.setWordWrap(True)

        self.values: list[tuple[FormField, QLabel, QPushButton]] = []
        body = QWidget()
        body_layout = QVBoxLayout(body)
        section_box: QGroupBox | None = None
        grid = QGridLayout()
        row = 0
        for field in self.fields:
            if section_box is None or section_box.title() != field.section:
                section_box = QGroupBox(field.section)
                grid = QGridLayout(section_box)
                grid.setColumnStretch(1, 1)
                body_layout.addWidget(section_box)
                row = 0
            label = QLabel(f"{field.label}:")
            value = QLabel(HIDDEN if field.real_name else field.value)
            value.setTextFormat(Qt.TextFormat.PlainText)  # what was typed, never markup
            value.setWordWrap(True)
            value.setAccessibleName(f"{field.section}: {field.label}")
            copy = QPushButton("Copy")
            copy.setAccessibleName(f"Copy {field.section}: {field.label}")
            copy.setEnabled(not field.real_name)
            copy.setAutoDefault(False)  # Enter never copies: it closes the dialog
            copy.clicked.connect(lambda _checked=False, f=field: self.copy(f))
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(copy, row, 2)
            self.values.append((field, value, copy))
            row += 1
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.reveal_button = buttons.addButton(
            "Show &real names", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.setEnabled(any(field.real_name for field in self.fields))
        self.reveal_button.clicked.connect(self.reveal)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)  # Enter closes; it never reveals a name
        close.setFocus()

        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addWidget(guide)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 130, 40)

    def reveal(self) -> None:
        """Show the real names (audited), and let them be copied."""
        if self.revealed:
            return
        with self.store.session() as session:
            audit.record_event(
                session,
                "case",
                str(self.case_id),
                "real names shown",
                f"notification details of {self.reference}",
            )
        self.revealed = True
        for field, value, copy in self.values:
            if field.real_name:
                value.setText(field.value)
                copy.setEnabled(True)
        self.reveal_button.setEnabled(False)

    def copy(self, field: FormField) -> None:
        if field.real_name and not self.revealed:
            return
        QGuiApplication.clipboard().setText(field.value)
