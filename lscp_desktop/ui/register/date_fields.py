"""Date inputs shown the UK way (25/11/2026), including dates that may not be known."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QWidget

from lscp_desktop.clock import london_today

DISPLAY_FORMAT = "dd/MM/yyyy"
SEPARATORS = frozenset("/.-")


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DayEdit(QDateEdit):
    """A date field that behaves as people expect of one.

    - Tab and Shift+Tab leave the field (Qt's date edit uses them to move between day, month
      and year, and on an empty field does nothing at all, trapping keyboard users);
    - a whole date typed over a selected one replaces it (Qt put the first digits into the
      selection as a whole and kept only the month and year);
    - Up or Down on an empty ("not yet") field starts from today, not from its minimum (which
      gave 02/02/2000), and typing into an empty field starts from today too.
    """

    _skip_separator = False

    def _empty(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    def _start_from_today(self) -> None:
        today = QDate.currentDate()
        self.setDate(min(max(today, self.minimumDate().addDays(1)), self.maximumDate()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            forward = key == Qt.Key.Key_Tab and not event.modifiers()
            QWidget.focusNextPrevChild(self, forward)
            event.accept()
            return
        text = event.text()
        if text in SEPARATORS and self._skip_separator:
            # Qt already moved on to the next part after a full day or month ("17" then "/").
            self._skip_separator = False
            event.accept()
            return
        self._skip_separator = False
        if text.isdigit():
            line = self.lineEdit()
            if self._empty():
                self._start_from_today()
                self.setSelectedSection(QDateTimeEdit.Section.DaySection)
            elif line.hasSelectedText() and line.selectedText() == line.text():
                # The whole date is selected: typing starts a new one at the day.
                self.setSelectedSection(QDateTimeEdit.Section.DaySection)
            before = self.currentSection()
            super().keyPressEvent(event)
            self._skip_separator = self.currentSection() != before
            return
        super().keyPressEvent(event)

    def stepBy(self, steps: int) -> None:
        if self._empty():
            self._start_from_today()
            return
        super().stepBy(steps)


def date_edit(accessible_name: str, day: dt.date | None = None) -> QDateEdit:
    edit = DayEdit()
    edit.setDisplayFormat(DISPLAY_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    edit.setDate(to_qdate(day or london_today()))
    return edit


class OptionalDate(QWidget):
    """A date that may be unknown: a "known" tick box enabling a date field beside it."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox("Known")
        self.known.setAccessibleName(f"{accessible_name} is known")
        self.edit = date_edit(accessible_name)
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _day: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.known)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.known.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.known.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))
