"""The Add/Remove buttons under an editable table of rows (links, agencies, people, ...)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget


def row_buttons(table: QTableWidget, noun: str, add: Callable[[], object]) -> QHBoxLayout:
    """ "Add <noun>" calls `add` with no argument; "Remove <noun>" removes the current row."""
    add_button = QPushButton(f"Add {noun}")
    # Not connected directly: clicked(bool) would hand `add` its `checked` flag as the row to
    # add (a row's `add_process(process=False)` crashed, `add_link(False)` lost the focus).
    add_button.clicked.connect(lambda: add())  # noqa: PLW0108 (see above)
    remove_button = QPushButton(f"Remove {noun}")
    remove_button.clicked.connect(lambda: table.removeRow(table.currentRow()))
    row = QHBoxLayout()
    row.addWidget(add_button)
    row.addWidget(remove_button)
    row.addStretch(1)
    return row
