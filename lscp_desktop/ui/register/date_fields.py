"""Date inputs shown the UK way (25/11/2026), including dates that may not be known."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from lscp_desktop.clock import london_today

DISPLAY_FORMAT = "dd/MM/yyyy"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(accessible_name: str, day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit()
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
