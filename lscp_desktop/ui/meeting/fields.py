"""Input widgets the way the meeting needs them: named for screen readers, tab-friendly, saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from sqlalchemy.orm import Session

from lscp_desktop.ui.meeting.context import MeetingContext
from lscp_desktop.ui.register.date_fields import DayEdit

DATE_FORMAT = "dd/MM/yyyy"


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    """The widget's font scaled, so headings follow the system font size."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def heading(text: str, factor: float = 1.25) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, factor, bold=True))
    label.setWordWrap(True)
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def text_box(
    name: str, text: str = "", *, lines: int = 4, placeholder: str = "", grow: bool = False
) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setObjectName(name)
    edit.setPlainText(text)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    height = edit.fontMetrics().lineSpacing() * lines + 12
    edit.setMinimumHeight(height)
    if not grow:  # a form's boxes keep their size, so a step fits the screen without scrolling
        edit.setMaximumHeight(height)
    return edit


def bind_text(
    ctx: MeetingContext,
    edit: QPlainTextEdit,
    key: Hashable,
    apply: Callable[[Session, str], None],
) -> None:
    """Every keystroke queued for autosave; leaving the field commits at once."""
    edit.textChanged.connect(lambda: ctx.save(key, edit.toPlainText(), apply))
    if ctx.locked:
        edit.setReadOnly(True)


def radio_row(
    name: str, choices: list[tuple[str, Any]], current: Any
) -> tuple[QWidget, QButtonGroup]:
    """A row of radio buttons (arrow keys move between them) with the choice as data."""
    box = QWidget()
    box.setAccessibleName(name)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(box)
    for index, (label, value) in enumerate(choices):
        button = QRadioButton(label)
        button.setAccessibleName(f"{name}: {label.replace('&', '')}")
        button.setProperty("choice", value)
        button.setChecked(value == current)
        group.addButton(button, index)
        layout.addWidget(button)
    layout.addStretch(1)
    return box, group


def checked_choice(group: QButtonGroup) -> Any:
    button = group.checkedButton()
    return None if button is None else button.property("choice")


def people_combo(name: str, people: list[tuple[int, str]], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("— not recorded —", None)
    for person_id, label in people:
        combo.addItem(label, person_id)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


def date_edit(name: str, value: dt.date | None, *, optional: bool = True) -> QDateEdit:
    """A date in the UK form; an optional date shows 'not yet' at its minimum."""
    edit = DayEdit()  # Tab leaves it, typing over works, no year-2000 default
    edit.setAccessibleName(name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    if optional:
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText("not yet")
    edit.setDate(QDate(value) if value is not None else edit.minimumDate())
    return edit


def date_value(edit: QDateEdit) -> dt.date | None:
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        return None
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value
