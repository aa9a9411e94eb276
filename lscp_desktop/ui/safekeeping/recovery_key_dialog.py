"""Showing a new database's recovery key, once, to be stored by the Business Unit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.clock import london_today
from lscp_desktop.date_text import written_date
from lscp_desktop.files.writing import write_atomically

STORED = "I have stored the recovery key safely"
KEEP_APART = (
    "Keep this apart from the laptop, like the records themselves: whoever holds it can unlock "
    "the database and set a new passphrase. OFFICIAL-SENSITIVE."
)


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
        # Paper in a sealed envelope, or a file for the password manager: where the key is kept.
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print the recovery key")
        self.print_button.clicked.connect(self.print_key)
        self.save_button = QPushButton("Sa&ve to a file…")
        self.save_button.setAccessibleName("Save the recovery key to a file")
        self.save_button.clicked.connect(self.save_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.copy_button)
        key_row.addWidget(self.print_button)
        key_row.addWidget(self.save_button)
        self.path = path

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

    def key_text(self) -> str:
        """What is printed or saved: the key, which database it opens, and how to keep it."""
        return (
            f"LSCP Desktop recovery key\n\n{self.key.text()}\n\n"
            f"Database: {self.path}\nCreated: {written_date(london_today())}\n\n{KEEP_APART}\n"
        )

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        document = QTextDocument()
        document.setPlainText(self.key_text())
        document.print_(printer)
        self.print_button.setText("Printed")

    def save_key(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the recovery key", str(Path.home() / "recovery-key.txt"), "Text (*.txt)"
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.resolve().parent == self.path.resolve().parent:
            QMessageBox.warning(
                self,
                "Not beside the database",
                "The key must be kept apart from the database it unlocks: choose another place "
                "(a USB stick for the safe, or the partnership's password manager).",
            )
            return
        try:
            write_atomically(target, self.key_text().encode("utf-8"))  # owner-only
        except OSError as error:
            QMessageBox.warning(self, "Not saved", f"The key could not be saved there: {error}")
            return
        self.save_button.setText("Saved")

    def accept(self) -> None:
        if self.stored.isChecked():
            super().accept()

    def reject(self) -> None:
        if self.stored.isChecked():  # only once stored: the key is never shown again
            super().reject()


def show_recovery_key(recovery_key: str, path: Path, parent: QWidget | None = None) -> None:
    RecoveryKeyDialog(recovery_key, path, parent).exec()
