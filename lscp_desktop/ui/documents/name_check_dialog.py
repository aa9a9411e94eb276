"""Before an export leaves: each place a name to keep out was found, to replace or confirm."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import IntegrityError

from lscp_desktop.documents import name_check
from lscp_desktop.documents.name_check import NameHit
from lscp_desktop.store.approval_lock import is_locked_error
from lscp_desktop.store.database import Store


class NameCheckDialog(QDialog):
    """Lists the hits in context. Replacing writes to the store; Export anyway confirms them.

    Accepted means the export may go ahead: either every hit was replaced or the user
    confirmed the rest are fine (a professional who shares a surname, say).
    """

    def __init__(
        self,
        store: Store,
        meeting_id: str,
        hits: list[NameHit],
        pseudonym: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        self.hits = list(hits)
        self.setWindowTitle("Check for real names before export")
        self.resize(720, 420)
        intro = QLabel(
            "These places contain the child's real name or another name listed to keep out. "
            "Replace them, or confirm each is fine and export anyway."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Names found")
        self.replacement = QLineEdit(pseudonym)
        self.replacement.setAccessibleName("Replace with")
        replace_one = QPushButton("&Replace selected")
        replace_every = QPushButton("Replace &all")
        replace_one.clicked.connect(self.replace_selected)
        replace_every.clicked.connect(self.replace_every)
        row = QHBoxLayout()
        row.addWidget(QLabel("Replace with:"))
        row.addWidget(self.replacement, 1)
        row.addWidget(replace_one)
        row.addWidget(replace_every)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_anyway = self.buttons.addButton(
            "&Export anyway", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_anyway.setAccessibleName("Confirm the names and export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._show_hits()

    def _show_hits(self) -> None:
        self.list.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.field.label}: {hit.context}")
            item.setToolTip(hit.context)
            self.list.addItem(item)
        if self.hits:
            self.list.setCurrentRow(0)
            self.export_anyway.setText("&Export anyway")
        else:
            self.export_anyway.setText("&Export")

    def _refresh(self) -> None:
        with self.store.session() as session:
            self.hits = name_check.find_names(session, self.meeting_id)
        self._show_hits()

    def replace_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.hits):
            self._replace([self.hits[row]])

    def replace_every(self) -> None:
        self._replace(self.hits)

    def _replace(self, hits: list[NameHit]) -> None:
        try:
            with self.store.session() as session:
                name_check.replace_all(session, hits, self.replacement.text())
        except IntegrityError as error:
            if not is_locked_error(error):
                raise
            QMessageBox.information(
                self,
                "Minutes are approved",
                "These minutes are approved and locked, so the text cannot be changed here. "
                "Record the correction as an addendum at the end of the meeting, or confirm "
                "the export if the name may stay.",
            )
        self._refresh()
