"""Asking for the database passphrase, or choosing one for a new database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.database import Store, StoreError, WrongPassphrase, open_store

MIN_PASSPHRASE = 8


class UnlockDialog(QDialog):
    """Opens the store itself, so a wrong passphrase can be retried without starting again.

    After exec(): `store` is the open store when accepted; `failure` is the error that no
    retry can fix (a newer database, a damaged file) when rejected that way.
    """

    def __init__(self, path: Path, *, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.creating = creating
        self.store: Store | None = None
        self.failure: StoreError | None = None
        self.setWindowTitle("Create the database" if creating else "Unlock the database")

        intro = QLabel(
            "This is a new database. Choose a passphrase of at least "
            f"{MIN_PASSPHRASE} characters. Without it nobody, including you, can open the "
            "records: keep it safe."
            if creating
            else "The records are encrypted. Enter the passphrase to open them."
        )
        intro.setWordWrap(True)
        where = QLabel(f"Database: {path}")
        where.setObjectName("hint")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.confirmation = QLineEdit()
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation.setAccessibleName("Passphrase again")
        self.message = QLabel()
        self.message.setObjectName("problems")
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        if creating:
            form.addRow("Type it &again:", self.confirmation)
        else:
            self.confirmation.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create" if creating else "Unlock")
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.passphrase.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.message.setAccessibleName(text)

    def try_open(self) -> None:
        passphrase = self.passphrase.text()
        if self.creating:
            if len(passphrase) < MIN_PASSPHRASE:
                self.show_message(f"The passphrase must be at least {MIN_PASSPHRASE} characters.")
                self.passphrase.setFocus()
                return
            if self.confirmation.text() != passphrase:
                self.show_message("The two passphrases differ. Type them again.")
                self.confirmation.clear()
                self.confirmation.setFocus()
                return
        elif not passphrase:
            self.show_message("Enter the passphrase.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = open_store(self.path, passphrase)
        except WrongPassphrase:
            self.show_message(
                "That passphrase does not open this database. Check Caps Lock and try again."
            )
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        except StoreError as error:
            self.failure = error
            self.reject()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()
