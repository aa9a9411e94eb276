"""Asking for the database passphrase, or choosing one for a new database; a damaged
database is offered its newest good backup, and a forgotten passphrase is reset with the
recovery key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.date_text import written_time
from lscp_desktop.store.errors import (
    AuditEntriesMissing,
    DamagedDatabase,
    KeyFileDamaged,
    StoreError,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from lscp_desktop.store.database import Store

MIN_PASSPHRASE = 8


def _agreed(parent: QWidget | None, title: str, question: str) -> bool:
    waiting = QGuiApplication.overrideCursor() is not None
    if waiting:  # a question is not something to wait on
        QGuiApplication.restoreOverrideCursor()
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if waiting:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    return answer == QMessageBox.StandardButton.Yes


def open_offering_backup(path: Path, passphrase: str, parent: QWidget | None = None) -> Store:
    """open_store, except that a database failing its check is not given up on silently:
    the user is offered the newest good backup, restored (the damaged file is kept beside the
    backups) and opened. Raises the DamagedDatabase when there is none or the user says no.

    The full quick_check runs here only after the background check of an earlier start found
    a fault (see ui/start_check.py); otherwise the main window runs it beside the window.
    """
    from lscp_desktop.store.database import open_store
    from lscp_desktop.ui.start.start_check import check_before_opening, clear_failure

    check = check_before_opening(path)
    try:
        store = open_store(path, passphrase, check=check)
        if check:
            clear_failure(path)
        return store
    except KeyFileDamaged as error:
        if error.newest_backup is None or not _agreed(
            parent,
            "The key file is missing or damaged",
            f"{error}\n\nTake the key material from the newest backup, "
            f"{error.newest_backup.name}? It opens with the passphrase of that backup's day; "
            "the faulty key file is kept beside it.",
        ):
            raise
        from lscp_desktop.store import backups

        backups.take_key_material(path, error.newest_backup)
        return open_store(path, passphrase, check=check)
    except DamagedDatabase as error:
        backup = error.newest_backup
        if backup is None:
            raise
        from lscp_desktop.store import backups

        taken = next(
            (
                f"taken {written_time(b.taken_at)} ({b.reason})"
                for b in backups.list_backups(path)
                if b.path == backup
            ),
            f"{backup.name}",
        )
        waiting = QGuiApplication.overrideCursor() is not None
        if waiting:  # a question is not something to wait on
            QGuiApplication.restoreOverrideCursor()
        answer = QMessageBox.question(
            parent,
            "Saved changes are missing"
            if isinstance(error, AuditEntriesMissing)
            else "The database is damaged",
            f"{error}\n\nRestore the newest good backup, {taken}? The damaged database is "
            "kept in the backups folder, and changes made since that backup are not in it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if waiting:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        if answer != QMessageBox.StandardButton.Yes:
            raise
        try:
            backups.restore(path, backup, passphrase)
        except OSError as error:
            raise StoreError(f"The backup could not be restored: {error}") from None
        store = open_store(path, passphrase)
        clear_failure(path)
        return store


class UnlockDialog(QDialog):
    """Opens the store itself, so a wrong passphrase can be retried without starting again.

    After exec(): `store` is the open store when accepted; `failure` is the error that no
    retry can fix (a newer database, a damaged file) when rejected that way; `recovery_key`
    is the new database's recovery key, to be shown once, when one was created.
    """

    def __init__(self, path: Path, *, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.creating = creating
        self.store: Store | None = None
        self.failure: StoreError | None = None
        self.recovery_key: str | None = None
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
        self.forgot_button = buttons.addButton(
            "&Forgot passphrase?", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.forgot_button.setAccessibleName("Forgot passphrase")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self.reset_with_recovery_key)
        self.forgot_button.setVisible(not creating)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # The dialog grows to show a message in full when one appears: never clipped.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.passphrase.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.message.setAccessibleName(text)
        self.adjustSize()

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
            if self.creating:
                from lscp_desktop.store.database import create_store

                self.store, self.recovery_key = create_store(self.path, passphrase)
            else:
                self.store = open_offering_backup(self.path, passphrase, self)
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

    def reset_with_recovery_key(self) -> None:
        from lscp_desktop.ui.safekeeping.reset_passphrase_dialog import ResetPassphraseDialog

        dialog = ResetPassphraseDialog(self.path, self)
        if not dialog.exec():
            return
        self.passphrase.setText(dialog.new_passphrase)
        dialog.new_passphrase = ""
        self.try_open()
