"""Before an export leaves, or minutes are approved: each place a name to keep out was found.

The safe choices are the easy ones. Enter never sends a name out: the default button is
Cancel while names remain (Export once none do), and the button that keeps the names takes a
deliberate click (it is never the default, and Enter on it does nothing). Keeping names is
written to the audit log by whoever acts on the choice.
"""

from __future__ import annotations

from enum import Enum

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

from lscp_desktop.models import Meeting
from lscp_desktop.models.enums import MeetingStatus
from lscp_desktop.names import check as name_check
from lscp_desktop.names.check import NameHit
from lscp_desktop.names.fields import Document
from lscp_desktop.store.approval_lock import is_locked_error
from lscp_desktop.store.database import Store


class NameChoice(Enum):
    CANCEL = "cancel"
    CLEAR = "clear"  # nothing left to check: every hit was replaced in the record
    REDACT = "redact"  # the pseudonym goes in place of each name, in the exported copy only
    KEEP = "keep"  # the user confirmed each hit is not the child; the text goes as minuted


class NameCheckDialog(QDialog):
    """Lists the hits in context, to replace in the record, redact in this copy, or keep.

    `approving=True` is the check before the minutes lock: there is no copy to redact, and
    keeping a hit means confirming it is not the child.
    """

    def __init__(
        self,
        store: Store,
        meeting_id: str,
        hits: list[NameHit],
        pseudonym: str,
        parent: QWidget | None = None,
        *,
        document: Document = Document.MINUTES,
        approving: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        self.document = document
        self.approving = approving
        self.hits = list(hits)
        self.choice = NameChoice.CANCEL
        self.replaced = False
        with store.session() as session:
            meeting = session.get(Meeting, meeting_id)
            self.locked = meeting is not None and meeting.status is MeetingStatus.APPROVED
        self.setWindowTitle(
            "Check for real names before approval"
            if approving
            else "Check for real names before export"
        )
        self.resize(760, 440)
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Names found")
        self.replacement = QLineEdit(pseudonym)
        self.replacement.setAccessibleName("Replace with")
        self.replace_one = QPushButton("&Replace selected")
        self.replace_every_button = QPushButton("Replace &all")
        self.replace_one.clicked.connect(self.replace_selected)
        self.replace_every_button.clicked.connect(self.replace_every)
        row = QHBoxLayout()
        row.addWidget(QLabel("Replace in the record with:"))
        row.addWidget(self.replacement, 1)
        row.addWidget(self.replace_one)
        row.addWidget(self.replace_every_button)
        for widget in (self.replacement, self.replace_one, self.replace_every_button):
            widget.setEnabled(not self.locked)

        self.buttons = QDialogButtonBox()
        self.redact = QPushButton("Re&dact in this copy")
        self.redact.setAccessibleName("Put the pseudonym in place of each name in this copy")
        self.redact.clicked.connect(lambda: self._choose(NameChoice.REDACT))
        self.export_anyway = QPushButton(
            "Confirm: &none is the child" if approving else "Export &with the names"
        )
        self.export_anyway.setAccessibleName(
            "Confirm each name is not the child" if approving else "Export with the names in it"
        )
        self.export_anyway.clicked.connect(lambda: self._choose(NameChoice.KEEP))
        self.export = QPushButton("&Approve" if approving else "&Export")
        self.export.clicked.connect(lambda: self._choose(NameChoice.CLEAR))
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        for button in (self.redact, self.export_anyway, self.export):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.redact.setVisible(not approving)
        # Enter must never keep a name: this button is never the default, even with focus.
        for button in (
            self.export_anyway,
            self.redact,
            self.replace_one,
            self.replace_every_button,
        ):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._show_hits()

    def _intro(self) -> str:
        found = "These places contain the child's real name or another name listed to keep out."
        if self.approving:
            return (
                f"{found} Resolve each before the minutes lock: replace it with the pseudonym, "
                "or confirm it is not the child (a professional who shares a surname, say); "
                "the confirmation is recorded."
            )
        if self.locked:
            return (
                f"{found} The minutes are approved and locked, so the record stays as minuted: "
                "redact the names in this copy, or export with them (recorded in the audit log)."
            )
        return (
            f"{found} Replace them in the record, redact them in this copy only, or export with "
            "them after checking each (recorded in the audit log)."
        )

    def _show_hits(self) -> None:
        self.list.clear()
        for hit in self.hits:
            item = QListWidgetItem(f"{hit.field.label}: {hit.context}")
            item.setToolTip(hit.context)
            self.list.addItem(item)
        remaining = bool(self.hits)
        if remaining:
            self.list.setCurrentRow(0)
        for button in (self.redact, self.export_anyway):
            button.setEnabled(remaining)
        self.export.setVisible(not remaining)
        self.export.setEnabled(not remaining)
        safe = self.cancel if remaining else self.export
        self.export.setDefault(not remaining)
        self.export.setAutoDefault(not remaining)
        self.cancel.setAutoDefault(remaining)
        self.cancel.setDefault(remaining)
        safe.setFocus()

    def _choose(self, choice: NameChoice) -> None:
        if choice is NameChoice.CLEAR and self.hits:
            return
        self.choice = choice
        self.accept()

    def _refresh(self) -> None:
        with self.store.session() as session:
            self.hits = name_check.find_names(session, self.meeting_id, self.document)
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
                if name_check.replace_all(session, hits, self.replacement.text()):
                    self.replaced = True
        except IntegrityError as error:
            if not is_locked_error(error):
                raise
            QMessageBox.information(
                self,
                "Minutes are approved",
                "These minutes are approved and locked, so the text cannot be changed here. "
                "Redact the names in this copy, or record the correction as an addendum.",
            )
        self._refresh()
