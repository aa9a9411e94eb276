"""Driving modal dialogs from a test: the handler runs once the dialog is showing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def when_dialog_opens(
    handler: Callable[[QWidget], None], *, tries: int = 200
) -> list[BaseException]:
    """Run `handler` on the next modal dialog; it is closed afterwards even if handler fails.

    Returns a list that receives any exception the handler raised, for the test to re-raise
    (an exception inside a Qt callback would otherwise leave exec() waiting for ever).
    """
    errors: list[BaseException] = []

    def attempt(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(10, lambda: attempt(left - 1))
            return
        try:
            handler(dialog)
        except BaseException as error:  # handed back to the test
            errors.append(error)
        finally:
            if dialog.isVisible() and isinstance(dialog, QDialog):
                dialog.done(QDialog.DialogCode.Rejected)  # no "discard changes?" question

    QTimer.singleShot(0, lambda: attempt(tries))
    return errors
