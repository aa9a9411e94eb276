"""A red line saying what is wrong with what was typed, which goes as soon as the user changes
any of the fields it is about: a warning left red after the field is filled reads as a fault
that is still there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

PROBLEM_STYLE = "color:#a4262c;"


class ProblemLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PROBLEM_STYLE)
        self.setWordWrap(True)

    def clear_on_change(self, *fields: QWidget) -> None:
        """Clear the message when any of `fields` is changed by the user."""
        for field in fields:
            if isinstance(field, QLineEdit):
                field.textEdited.connect(self.clear)
            elif isinstance(field, QPlainTextEdit | QTextEdit):
                field.textChanged.connect(self.clear)
            elif isinstance(field, QComboBox):
                field.activated.connect(self.clear)
            elif isinstance(field, QDateTimeEdit):
                field.dateTimeChanged.connect(self.clear)
            elif isinstance(field, QAbstractSpinBox):
                field.editingFinished.connect(self.clear)
            elif isinstance(field, QAbstractButton):
                field.toggled.connect(self.clear)
            else:
                raise TypeError(f"ProblemLabel cannot watch a {type(field).__name__}")
