"""Choosing a backup to restore, newest first, and proving who you are with the passphrase."""

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
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.date_text import written_time
from lscp_desktop.store.backups import Backup
from lscp_desktop.store.database import verify_passphrase

REASONS = {
    "periodic": "automatic, while working",
    "quit": "when the app closed",
    "concluded": "when a meeting was concluded",
    "manual": "backed up by hand",
    "before-restore": "the database replaced by a restore",
}


def describe(backup: Backup) -> str:
    reason = REASONS.get(backup.reason, backup.reason.replace("-", " "))
    size = f"{backup.size / 1_048_576:.1f} MB" if backup.path.exists() else "missing"
    return f"{written_time(backup.taken_at)} — {reason} ({size})"


class RestoreBackupDialog(QDialog):
    """After exec(): `chosen` is the backup and `passphrase` the checked passphrase."""

    def __init__(self, db_path: Path, found: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.chosen: Backup | None = None
        self.setWindowTitle("Restore from a backup")
        intro = QLabel(
            "Choose the backup to go back to. The current database is not deleted: it is kept "
            "in the backups folder (named …-before-restore.db), so a restore can be undone by "
            "restoring that copy. LSCP Desktop closes after the restore; start it again."
            if found
            else "There are no backups of this database yet."
        )
        intro.setWordWrap(True)
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups, newest first")
        for backup in found:
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.backups.addItem(item)
        if found:
            self.backups.setCurrentRow(0)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.message = QLabel()
        self.message.setObjectName("problems")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore…")
        self.restore_button.setEnabled(bool(found))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.backups.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def try_accept(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            self.show_message("Choose a backup.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            right = verify_passphrase(self.db_path, self.passphrase.text())
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not right:
            self.show_message("That passphrase is not right.")
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
