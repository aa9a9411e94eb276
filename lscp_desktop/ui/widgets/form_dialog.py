"""A dialog of many fields that Return cannot submit by accident.

In a plain QDialog, Return in any field presses the default button: finishing a name in a
combo box set up the meeting before its minute-taker was chosen, and finishing a table cell
saved and closed Settings. Here Return presses the button that has the focus, and in a field
does nothing (a field's own Return, like "add this invitee", still works).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QDialog


class FormDialog(QDialog):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QAbstractButton
        ):
            event.accept()
            return
        super().keyPressEvent(event)
