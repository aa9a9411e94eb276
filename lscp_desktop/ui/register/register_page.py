"""The case register page: filter and search above the table, the chosen case beside it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.cases.checkouts import checkout_notes
from lscp_desktop.cases.detail import case_detail
from lscp_desktop.cases.register import OPEN_STATUSES, RegisterRow, register_rows
from lscp_desktop.clock import london_today
from lscp_desktop.deadlines.rules import read_deadline_rules
from lscp_desktop.models.enums import CaseStatus
from lscp_desktop.store.database import Store
from lscp_desktop.ui.register.case_detail import CaseDetailPane
from lscp_desktop.ui.register.register_model import CASE_ID_ROLE, HEADERS, Column, RegisterModel
from lscp_desktop.vocabulary import CASE_STATUSES

ALL = "all"
OPEN = "open"
ARCHIVED = "archived"

log = logging.getLogger(__name__)

# How often the register on a server is read again for other officers' changes.
SERVER_REFRESH_MS = 60_000


class RegisterPage(QWidget):
    new_case_requested = Signal()
    edit_requested = Signal(int)
    new_meeting_requested = Signal(int)
    notification_requested = Signal(int)
    delete_requested = Signal(int)
    meeting_activated = Signal(str)

    def __init__(
        self, store: Store, rows: list[RegisterRow] | None = None, parent: QWidget | None = None
    ) -> None:
        """`rows`: the register already read; an empty list while it is still being read (at
        start, beside the window being built: show_rows puts it in)."""
        super().__init__(parent)
        self.store = store
        self.model = RegisterModel(self)

        self.search = QLineEdit()
        self.search.setAccessibleName("Search cases")
        self.search.setPlaceholderText("Search reference, pseudonym or agency (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show cases by status")
        self.status_filter.addItem("Open cases", OPEN)
        self.status_filter.addItem("All cases", ALL)
        for status, label in CASE_STATUSES.items():
            self.status_filter.addItem(label, status.value)
        self.status_filter.addItem("Archived cases", ARCHIVED)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.count = QLabel()
        self.count.setObjectName("hint")
        new_case = QPushButton("&New case…")
        new_case.clicked.connect(self.new_case_requested)

        self.table = QTableView()
        self.table.setAccessibleName("Case register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Rows the height of one line of the current font: nothing measured cell by cell.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        chars = metrics.averageCharWidth()
        # Widths from typical contents in the current font, so they scale with it; a longer
        # text is elided, whole in its tooltip. Together they fit the register's side of a
        # 1366-pixel laptop screen, so "Working days left" is never behind a scrollbar.
        for column, sample, measure in (
            (Column.REFERENCE, "LSCP-2026-0000", metrics),
            (Column.AGENCY, "Health (ICB)", metrics),
            (Column.STATUS, "Not notified", metrics),
            (Column.DEADLINE, "Partners informed: 00/00/0000", bold_metrics),
            (Column.DAYS_LEFT, "overdue by 8 working days", bold_metrics),  # overdue is bold
        ):
            heading = QFontMetrics(header.font()).horizontalAdvance(HEADERS[column] + "  ▾")
            width = max(measure.horizontalAdvance(sample), heading)
            header.resizeSection(column, width + chars * 2)
        # The pseudonyms take what room is left.
        header.setMinimumSectionSize(metrics.horizontalAdvance("Child A") + chars * 2)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.PSEUDONYM, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._edit_row)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.model.set_filter("", self.statuses(), self.archived())
        self.detail = CaseDetailPane()
        self.detail.edit_requested.connect(self.edit_requested)
        self.detail.new_meeting_requested.connect(self.new_meeting_requested)
        self.detail.notification_requested.connect(self.notification_requested)
        self.detail.delete_requested.connect(self.delete_requested)
        self.detail.cspr_requested.connect(self.open_cspr)
        self.detail.meeting_activated.connect(self.meeting_activated)
        self.detail.on_server = store.is_server
        if store.is_server:
            # Other officers change the shared register: read it again now and then (and on
            # View > Refresh), keeping the filter and the chosen case.
            self.server_refresh = QTimer(self)
            self.server_refresh.timeout.connect(self._refresh_if_shown)
            self.server_refresh.start(SERVER_REFRESH_MS)

        title = QLabel("Case register")
        title.setObjectName("pageTitle")
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        show_label = QLabel("Sho&w:")
        show_label.setBuddy(self.status_filter)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(chars * 2)
        bar.addWidget(show_label)
        bar.addWidget(self.status_filter)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(new_case)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.status_filter, self.search)
        self.setTabOrder(self.search, new_case)
        self.setTabOrder(new_case, self.table)
        self.show_rows(rows)

    def show_rows(self, rows: list[RegisterRow] | None = None) -> None:
        """The register from `rows` (or read now), the most urgent case chosen."""
        self.refresh(rows=rows)
        if self.model.rowCount():
            self.select_case(self.model.data(self.model.index(0, 0), CASE_ID_ROLE))

    def statuses(self) -> frozenset[CaseStatus] | None:
        choice = self.status_filter.currentData()
        if choice in (ALL, ARCHIVED):
            return None
        if choice == OPEN:
            return OPEN_STATUSES
        return frozenset({CaseStatus(choice)})

    def archived(self) -> bool | None:
        """Archived cases show under "All cases" and "Archived cases" only."""
        choice = self.status_filter.currentData()
        return None if choice == ALL else choice == ARCHIVED

    def refresh(
        self, select_case: int | None = None, rows: list[RegisterRow] | None = None
    ) -> None:
        """Re-read the register from the store (after any change), keeping or moving the choice.

        Read from the store's connection, not the ORM; `rows` skips the read (already done).
        """
        keep = select_case if select_case is not None else self.current_case_id()
        connection = self.store.connection
        if rows is None:
            rows = register_rows(connection, read_deadline_rules(connection), london_today())
        self.model.notes = checkout_notes(connection)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        # The register comes most urgent first: re-sort only for another column or order.
        if (section, order) != (Column.DEADLINE, Qt.SortOrder.AscendingOrder):
            self.model.sort(section, order)
        self._update_count()
        if keep is not None:
            self.select_case(keep)
        else:
            self.detail.show_case(None)

    def apply_filter(self) -> None:
        keep = self.current_case_id()
        self.model.set_filter(self.search.text(), self.statuses(), self.archived())
        self._update_count()
        if keep is not None:
            self.select_case(keep)
        else:
            self.detail.show_case(None)

    def _update_count(self) -> None:
        shown, total = self.model.total_matching, self.model.total
        noun = "case" if total == 1 else "cases"
        self.count.setText(f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}")

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        case_id = self.model.data(index, CASE_ID_ROLE)
        return int(case_id) if case_id is not None else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of_case(case_id)
        if row is None:
            self.table.clearSelection()
            self.detail.show_case(None)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show_detail(case_id)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self.detail.show_case(None)
        else:
            self._show_detail(case_id)

    def open_cspr(self, case_id: int) -> None:
        """The case's CSPR page; the register is read again after a save (its deadline)."""
        from lscp_desktop.ui.register.cspr_dialog import CsprDialog

        if CsprDialog(self.store, case_id, self).exec():
            self.refresh()

    def _refresh_if_shown(self) -> None:
        if not self.isVisible():
            return
        try:
            self.refresh()
        except Exception:  # the server out of reach: the register on screen stays; next time
            log.warning("The register could not be read again from the server", exc_info=True)

    def _show_detail(self, case_id: int) -> None:
        detail = case_detail(self.store.connection, case_id)
        note = None if detail is None else self.model.notes.get(detail.reference)
        self.detail.show_case(detail, checkout_note=note)

    def _edit_row(self, index: QModelIndex) -> None:
        case_id = self.model.data(index, CASE_ID_ROLE)
        if case_id is not None:
            self.edit_requested.emit(int(case_id))
