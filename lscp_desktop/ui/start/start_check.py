"""The database's quick_check at start, run beside the window rather than before it.

On years of records quick_check reads (and decrypts) the whole file: seconds the chair would
otherwise wait for the first window. A failure is never silent: the user is told at once and
offered the newest good backup.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.store.database import DamagedDatabase, Store


def failure_marker(db_path: Path) -> Path:
    """Left beside the database when the background check failed: the next start checks
    before opening, which offers the newest good backup."""
    return db_path.with_name(f"{db_path.name}.check-failed")


def check_before_opening(db_path: Path) -> bool:
    return failure_marker(db_path).exists()


def clear_failure(db_path: Path) -> None:
    with contextlib.suppress(OSError):
        failure_marker(db_path).unlink()


class StartCheck(QObject):
    """Runs the check in a thread; `failed` carries the message, on the GUI thread."""

    failed = Signal(str)
    passed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.worker: threading.Thread | None = None

    def start(self) -> None:
        self.worker = threading.Thread(target=self._run, name="start-check", daemon=True)
        self.worker.start()

    def _run(self) -> None:
        try:
            from lscp_desktop.store.database import quick_check_aside

            quick_check_aside(self.store.path, self.store.key)
        except DamagedDatabase as error:
            with contextlib.suppress(OSError):
                failure_marker(self.store.path).touch()
            self.failed.emit(str(error))
            return
        clear_failure(self.store.path)
        self.passed.emit()


def warn_damaged(parent: QWidget, message: str) -> None:
    QMessageBox.critical(
        parent,
        "The database failed its check",
        f"{message}\n\nWhat is on screen is still being saved. Close the app and open it "
        "again: it will check the database first and offer the newest good backup.",
    )
