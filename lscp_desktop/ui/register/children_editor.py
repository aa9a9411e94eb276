"""The children of one incident, in the case form: a list to choose from, one child's details.

One notification per incident: the Panel's form takes up to four children, further children go
in the outline. The list shows each child by pseudonym; the details beside it edit the chosen
child. What is typed is kept on the entry as it is typed, so switching children loses nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.cases.children import FORM_CHILDREN, ChildEntry
from lscp_desktop.models.enums import LegalStatus
from lscp_desktop.ui.register.date_fields import OptionalDate
from lscp_desktop.ui.register.form_widgets import enum_combo, line, select_data, text_box
from lscp_desktop.vocabulary import LEGAL


def next_pseudonym(taken: list[str]) -> str:
    """The next free "Child X" after those taken (A, B, ... Z, then AA, AB, ...)."""
    used = {name.strip().casefold() for name in taken}
    number = 0
    while True:
        letters, value = "", number
        while True:
            letters = chr(ord("A") + value % 26) + letters
            value = value // 26 - 1
            if value < 0:
                break
        candidate = f"Child {letters}"
        if candidate.casefold() not in used:
            return candidate
        number += 1


class ChildrenEditor(QWidget):
    """Edits a list of ChildEntry; `entries()` returns them as typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ChildEntry] = []
        self._showing = -1

        self.list = QListWidget()
        self.list.setAccessibleName("Children")
        self.list.setMaximumWidth(220)
        self.list.currentRowChanged.connect(self._show)
        self.add_button = QPushButton("&Add child")
        self.add_button.clicked.connect(self.add_child)
        self.remove_button = QPushButton("Remove child")
        self.remove_button.clicked.connect(self.remove_current)
        self.count_note = QLabel()
        self.count_note.setObjectName("hint")
        self.count_note.setWordWrap(True)

        self.pseudonym = line("Child's pseudonym")
        self.pseudonym.setPlaceholderText("e.g. Child A")
        self.name = line("Child's real name, never exported")
        self.name.setPlaceholderText("optional")
        self.date_of_birth = OptionalDate("Date of birth")
        self.age = line("Age, where the date of birth is not known")
        self.sex = line("Sex")
        self.ethnicity = line("Ethnicity")
        self.disability = text_box("Disability or special needs", 2)
        self.legal_status = enum_combo(dict(LEGAL), "Legal status")  # type: ignore[arg-type]
        self.home_authority = line("Home local authority")
        self.health = text_box("Health information", 2)
        warning = QLabel(
            "The real name stays in this encrypted database: it is never exported, printed "
            "in minutes or shown on the projector. Everything else uses the pseudonym."
        )
        warning.setObjectName("realNameWarning")
        warning.setWordWrap(True)

        details = QFormLayout()
        details.addRow("&Pseudonym: *", self.pseudonym)
        details.addRow("Real na&me:", self.name)
        details.addRow("", warning)
        details.addRow("Date of &birth:", self.date_of_birth)
        details.addRow("A&ge (if no date):", self.age)
        details.addRow("Se&x:", self.sex)
        details.addRow("&Ethnicity:", self.ethnicity)
        details.addRow("&Disability:", self.disability)
        details.addRow("&Legal status:", self.legal_status)
        details.addRow("Home local a&uthority:", self.home_authority)
        details.addRow("Health &information:", self.health)
        self.details = QWidget()
        self.details.setLayout(details)

        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addWidget(self.count_note)
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addWidget(self.details, 1)

        for edit in (self.pseudonym, self.name, self.age, self.sex, self.ethnicity):
            edit.textChanged.connect(self._store)
        self.home_authority.textChanged.connect(self._store)
        for box in (self.disability, self.health):
            box.textChanged.connect(self._store)
        self.legal_status.currentIndexChanged.connect(self._store)
        self.date_of_birth.changed.connect(self._store)

    # --- the list ---

    def set_entries(self, entries: list[ChildEntry]) -> None:
        self._entries = [ChildEntry(**vars(entry)) for entry in entries] or [
            ChildEntry(pseudonym="")
        ]
        self._showing = -1
        self.list.clear()
        for entry in self._entries:
            self.list.addItem(self._label(entry))
        self.list.setCurrentRow(0)
        self._update_buttons()

    def entries(self) -> list[ChildEntry]:
        self._store()
        return [ChildEntry(**vars(entry)) for entry in self._entries]

    def add_child(self) -> None:
        self._store()
        entry = ChildEntry(pseudonym=next_pseudonym([e.pseudonym for e in self._entries]))
        self._entries.append(entry)
        self.list.addItem(self._label(entry))
        self.list.setCurrentRow(len(self._entries) - 1)
        self._update_buttons()
        self.pseudonym.setFocus()
        self.pseudonym.selectAll()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0 or len(self._entries) <= 1:
            return  # an incident has at least one child
        self._showing = -1
        del self._entries[row]
        self.list.takeItem(row)
        self.list.setCurrentRow(min(row, len(self._entries) - 1))
        self._update_buttons()
        self.changed.emit()

    def show_child(self, index: int) -> None:
        if 0 <= index < len(self._entries):
            self.list.setCurrentRow(index)

    def _label(self, entry: ChildEntry) -> str:
        return entry.pseudonym.strip() or "(no pseudonym yet)"

    def _update_buttons(self) -> None:
        count = len(self._entries)
        self.remove_button.setEnabled(count > 1)
        if count > FORM_CHILDREN:
            self.count_note.setText(
                f"The Panel's form takes {FORM_CHILDREN} children; give the others in the "
                "outline of the incident."
            )
        else:
            self.count_note.setText("One notification for the incident, however many children.")

    # --- one child's details ---

    def _show(self, row: int) -> None:
        self._showing = -1  # filling the fields must not write back into another entry
        if not 0 <= row < len(self._entries):
            return
        entry = self._entries[row]
        self.pseudonym.setText(entry.pseudonym)
        self.name.setText(entry.name)
        self.date_of_birth.set_value(entry.date_of_birth)
        self.age.setText(entry.age)
        self.sex.setText(entry.sex)
        self.ethnicity.setText(entry.ethnicity)
        self.disability.setPlainText(entry.disability)
        select_data(self.legal_status, entry.legal_status)
        self.home_authority.setText(entry.home_authority)
        self.health.setPlainText(entry.health)
        self._showing = row

    def _store(self) -> None:
        row = self._showing
        if not 0 <= row < len(self._entries):
            return
        entry = self._entries[row]
        entry.pseudonym = self.pseudonym.text()
        entry.name = self.name.text()
        entry.date_of_birth = self.date_of_birth.value()
        entry.age = self.age.text()
        entry.sex = self.sex.text()
        entry.ethnicity = self.ethnicity.text()
        entry.disability = self.disability.toPlainText()
        entry.legal_status = LegalStatus(self.legal_status.currentData())
        entry.home_authority = self.home_authority.text()
        entry.health = self.health.toPlainText()
        item = self.list.item(row)
        if item is not None and item.text() != self._label(entry):
            item.setText(self._label(entry))
        self.changed.emit()
