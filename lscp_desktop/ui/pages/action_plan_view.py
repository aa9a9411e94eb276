"""The action plan screen: every action across all cases, filtered, overdue ones standing out.

Hosted by the main window: `ActionPlanView(store)`; call `refresh()` when shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.enums import ActionStatus
from lscp_desktop.review.action_plan import (
    ActionFilter,
    ActionPlanError,
    ActionRow,
    action_rows,
    add_progress_note,
    agencies_with_actions,
    cases_with_actions,
    count_by_status,
    set_status,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.action_change_dialog import ActionChangeDialog
from lscp_desktop.ui.documents.exporting import export_folder, remember_folder
from lscp_desktop.ui.pages.action_plan_model import ActionPlanModel
from lscp_desktop.ui.pages.progress_note_dialog import ProgressNoteDialog


class ActionPlanView(QWidget):
    """Filters on top, the table, and what can be done to the selected action."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self.note_dialog: ProgressNoteDialog | None = None
        self.model = ActionPlanModel(self)
        self.agency_filter = self._combo("Filter by agency")
        self.case_filter = self._combo("Filter by case")
        self.status_filter = self._combo("Filter by status")
        for label, value in (
            ("Open", "open"),
            ("Overdue", "overdue"),
            ("Done", "done"),
            ("Cancelled", "cancelled"),
            ("All statuses", None),
        ):
            self.status_filter.addItem(label, value)
        self.summary = QLabel()
        self.summary.setAccessibleName("Action plan summary")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 280)
        self.table.doubleClicked.connect(lambda _index: self.open_note_dialog())
        self.note_button = QPushButton("Add progress &note…")
        self.change_button = QPushButton("C&hange owner, agency or due date…")
        self.change_dialog: ActionChangeDialog | None = None
        self.change_button.clicked.connect(self.open_change_dialog)
        self.done_button = QPushButton("Mark &done")
        self.pdf_button = QPushButton("Outstanding actions as &PDF…")
        self.note_button.clicked.connect(self.open_note_dialog)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.message = QLabel()
        self.message.setWordWrap(True)
        filters = QHBoxLayout()
        for label, combo in (
            ("&Agency", self.agency_filter),
            ("&Case", self.case_filter),
            ("S&tatus", self.status_filter),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for combo in (self.agency_filter, self.case_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.reload_rows)
        self.refresh()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        return combo

    def refresh(self) -> None:
        """Re-read the filter choices and the rows from the store."""
        with self._store.session() as session:
            agencies = [(agency.label, agency.id) for agency in agencies_with_actions(session)]
            cases = [
                (f"{case.child_pseudonym} ({case.reference})", case.id)
                for case in cases_with_actions(session)
            ]
        for combo, everything, choices in (
            (self.agency_filter, "All agencies", agencies),
            (self.case_filter, "All cases", cases),
        ):
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(kept)))
            combo.blockSignals(False)
        self.reload_rows()

    def current_filter(self) -> ActionFilter:
        status = self.status_filter.currentData()
        return ActionFilter(
            agency_id=self.agency_filter.currentData(),
            case_id=self.case_filter.currentData(),
            statuses=frozenset({ActionStatus.OPEN if status == "overdue" else ActionStatus(status)})
            if status
            else frozenset(),
            overdue_only=status == "overdue",
        )

    def reload_rows(self) -> None:
        with self._store.session() as session:
            rows = action_rows(session, self._today(), self.current_filter())
            everything = count_by_status(action_rows(session, self._today()))
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.summary.setText(
            f"{everything['open']} open, {everything['overdue']} overdue, "
            f"{everything['done']} done across all cases. Showing {len(rows)}."
        )

    def selected_row(self) -> ActionRow | None:
        selected = self.table.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def open_note_dialog(self) -> ProgressNoteDialog | None:
        """Open (not exec) the note dialog for the selected action; saving happens on OK."""
        row = self.selected_row()
        if row is None:
            self.message.setText("Choose an action first.")
            return None
        dialog = ProgressNoteDialog(row.description, self._today(), self)
        dialog.buttons.accepted.disconnect()  # OK saves first and closes only if it worked
        dialog.buttons.accepted.connect(lambda: self._save_note(dialog, row.action_id))
        self.note_dialog = dialog
        dialog.open()
        return dialog

    def _save_note(self, dialog: ProgressNoteDialog, action_id: int) -> None:
        try:
            with self._store.session() as session:
                add_progress_note(
                    session,
                    action_id,
                    dialog.note_date(),
                    dialog.text_edit.toPlainText(),
                    settings.get(session, settings.USER_NAME),
                )
                status = dialog.new_status()
                if status is not None:
                    set_status(session, action_id, status)
        except ActionPlanError as error:
            dialog.error_label.setText(str(error))
            return
        dialog.accept()
        self.message.setText("Progress note added.")
        self.refresh()
        self.changed.emit()

    def open_change_dialog(self) -> ActionChangeDialog | None:
        """Open (not exec) the dialog changing the selected action's owner, agency or due date."""
        row = self.selected_row()
        if row is None:
            self.message.setText("Choose an action first.")
            return None
        dialog = ActionChangeDialog(self._store, row.action_id, self._today(), self)
        dialog.accepted.connect(lambda: self._changed_action(dialog))
        self.change_dialog = dialog
        dialog.open()
        return dialog

    def _changed_action(self, dialog: ActionChangeDialog) -> None:
        self.message.setText(dialog.note or "Nothing changed.")
        self.refresh()
        self.changed.emit()

    def mark_selected_done(self) -> None:
        row = self.selected_row()
        if row is None:
            self.message.setText("Choose an action first.")
            return
        with self._store.session() as session:
            set_status(session, row.action_id, ActionStatus.DONE)
        self.message.setText(f"Marked done: {row.description}")
        self.refresh()
        self.changed.emit()

    def choose_pdf(self) -> None:
        suggested = export_folder(self._store) / "outstanding-actions.pdf"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save outstanding actions", str(suggested), "PDF (*.pdf)"
        )
        if name:
            remember_folder(self._store, Path(name))
            self.export_pdf(Path(name))

    def export_pdf(self, path: Path) -> None:
        from lscp_desktop.documents.action_plan_pdf import write_action_plan_pdf
        from lscp_desktop.review.action_plan import outstanding

        with self._store.session() as session:
            rows = outstanding(session, self._today())
            organisation = settings.get(session, settings.ORGANISATION)
        try:
            write_action_plan_pdf(path, rows, self._today(), organisation)
        except OSError as error:
            self.message.setText(f"Could not save {path}: {error.strerror or error}")
            return
        self.message.setText(f"Saved {path}")
