"""The Add/Remove buttons under an editable table of rows (links, agencies, people, ...)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget


def row_buttons(table: QTableWidget, noun: str, add: Callable[[], object]) -> QHBoxLayout:
    """ "Add <noun>" calls `add`; "Remove <noun>" removes the current row."""
    add_button = QPushButton(f"Add {noun}")
    add_button.clicked.connect(add)
    remove_button = QPushButton(f"Remove {noun}")
    remove_button.clicked.connect(lambda: table.removeRow(table.currentRow()))
    row = QHBoxLayout()
    row.addWidget(add_button)
    row.addWidget(remove_button)
    row.addStretch(1)
    return row
