"""Showing a new database's recovery key, once, to be stored by the Business Unit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

STORED = "I have stored the recovery key safely"


class RecoveryKeyDialog(QDialog):
    """The key in a read-only, selectable field; OK only once the user says it is stored.

    The key is never shown again, so the dialog cannot be dismissed before the box is ticked
    (Escape and the window's close button do nothing until then).
    """

    def __init__(self, recovery_key: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The recovery key — store it safely")
        intro = QLabel(
            "This is the database's <b>recovery key</b>. It is shown only now.<br><br>"
            "The Business Unit must store it safely, apart from this laptop (for example in "
            "the partnership's password manager or a sealed envelope in a locked cabinet). "
            "Whoever holds it can unlock the database and set a new passphrase, so treat it "
            "like the records themselves. Without the passphrase or this key nobody can open "
            "the records."
        )
        intro.setWordWrap(True)
        where = QLabel(f"Database: {path}")
        where.setObjectName("hint")
        where.setWordWrap(True)

        self.key = QLineEdit(recovery_key)
        self.key.setReadOnly(True)
        self.key.setAccessibleName("Recovery key")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(recovery_key) + 24)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setAccessibleName("Copy the recovery key")
        self.copy_button.clicked.connect(self.copy)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.copy_button)

        self.stored = QCheckBox(STORED)
        self.stored.setAccessibleName(STORED)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.stored.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(key_row)
        layout.addWidget(self.stored)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.key.setFocus()
        self.key.selectAll()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key.text())
        self.copy_button.setText("Copied")

    def accept(self) -> None:
        if self.stored.isChecked():
            super().accept()

    def reject(self) -> None:
        if self.stored.isChecked():  # only once stored: the key is never shown again
            super().reject()


def show_recovery_key(recovery_key: str, path: Path, parent: QWidget | None = None) -> None:
    RecoveryKeyDialog(recovery_key, path, parent).exec()
