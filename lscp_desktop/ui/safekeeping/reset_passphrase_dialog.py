"""A forgotten passphrase: set a new one with the recovery key shown at set-up."""

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

from lscp_desktop.store import recovery
from lscp_desktop.store.database import KeyFileDamaged, StoreError, WrongRecoveryKey


class ResetPassphraseDialog(QDialog):
    """After exec(): `new_passphrase` is the passphrase now set, when accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.new_passphrase = ""
        self.setWindowTitle("Set a new passphrase with the recovery key")
        intro = QLabel(
            "Enter the recovery key the Business Unit stored when the database was set up, "
            f"then choose a new passphrase of at least {recovery.MIN_PASSPHRASE_LENGTH} "
            "characters. The old passphrase stops working; the records are not changed."
        )
        intro.setWordWrap(True)
        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName("Recovery key")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("New passphrase")
        self.confirmation = QLineEdit()
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation.setAccessibleName("New passphrase again")
        self.message = QLabel()
        self.message.setObjectName("problems")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow("&Recovery key:", self.recovery_key)
        form.addRow("&New passphrase:", self.passphrase)
        form.addRow("Type it &again:", self.confirmation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Set the passphrase")
        buttons.accepted.connect(self.try_reset)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.recovery_key.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def try_reset(self) -> None:
        new = self.passphrase.text()
        if not self.recovery_key.text().strip():
            self.show_message("Enter the recovery key.")
            self.recovery_key.setFocus()
            return
        if self.confirmation.text() != new:
            self.show_message("The two passphrases differ. Type them again.")
            self.confirmation.clear()
            self.confirmation.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            recovery.reset_passphrase(self.path, self.recovery_key.text(), new)
        except WrongRecoveryKey:
            self.show_message("That recovery key does not fit this database. Check it and retry.")
            self.recovery_key.setFocus()
            return
        except KeyFileDamaged as error:
            self.show_message(str(error))
            return
        except StoreError as error:  # too short
            self.show_message(str(error))
            self.passphrase.setFocus()
            return
        except OSError as error:  # the key file could not be written: nothing changed
            self.show_message(f"The new passphrase could not be saved: {error}")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.new_passphrase = new
        self.accept()
