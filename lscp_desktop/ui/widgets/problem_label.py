"""A red line saying what is wrong with what was typed, which goes as soon as the user changes
any of the fields it is about: a warning left red after the field is filled reads as a fault
that is still there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
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
            on_change(field, self.clear)


def on_change(field: QWidget, slot: Callable[[], object]) -> None:
    """Call `slot` whenever the user changes `field` (whatever kind of input it is)."""
    if isinstance(field, QLineEdit):
        field.textEdited.connect(lambda _text: slot())
    elif isinstance(field, QPlainTextEdit | QTextEdit):
        field.textChanged.connect(slot)
    elif isinstance(field, QComboBox):
        field.activated.connect(lambda _index: slot())
    elif isinstance(field, QDateTimeEdit):
        field.dateTimeChanged.connect(lambda _value: slot())
    elif isinstance(field, QAbstractSpinBox):
        field.editingFinished.connect(slot)
    elif isinstance(field, QAbstractButton):
        field.toggled.connect(lambda _on: slot())
    elif isinstance(field, QAbstractItemView) and field.model() is not None:
        field.model().dataChanged.connect(lambda *_args: slot())
        field.model().rowsInserted.connect(lambda *_args: slot())
        field.model().rowsRemoved.connect(lambda *_args: slot())
    else:
        raise TypeError(f"cannot watch a {type(field).__name__} for changes")
