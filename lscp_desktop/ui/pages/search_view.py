"""Search as you type over cases, minutes, contributions and decisions, grouped by case.

Activating a result emits `resultActivated(case_id, meeting_id)`; meeting_id is "" when the
match is on the case itself. The main window opens the case (and meeting) in response.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from lscp_desktop.cases.search import search
from lscp_desktop.store.database import Store

CaseIdRole = Qt.ItemDataRole.UserRole + 1
MeetingIdRole = Qt.ItemDataRole.UserRole + 2
DEBOUNCE_MS = 150  # one query per pause in typing, not per key


class SearchView(QWidget):
    resultActivated = Signal(int, str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText("Search cases, minutes, contributions and decisions")
        self.query_edit.setAccessibleName("Search")
        self.query_edit.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(True)
        self.results.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self._activate_first)
        self.results.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.query_edit)

    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text()
        self.results.clear()
        if not query.strip():
            self.status.setText("")
            return
        if len(query.strip()) < 2:
            # One letter matches nearly everything and is the slowest query the index has.
            self.status.setText("Type at least two letters to search.")
            return
        with self._store.session() as session:
            found = search(session, query)
        for result in found:
            case_item = QTreeWidgetItem([f"{result.child_pseudonym} — {result.reference}"])
            case_item.setData(0, CaseIdRole, result.case_id)
            case_item.setData(0, MeetingIdRole, result.meeting_id or "")
            for hit in result.hits[:5]:
                hit_item = QTreeWidgetItem([f"{hit.label}: {hit.snippet}"])
                hit_item.setToolTip(0, hit.snippet)
                hit_item.setData(0, CaseIdRole, result.case_id)
                hit_item.setData(0, MeetingIdRole, hit.meeting_id or "")
                case_item.addChild(hit_item)
            self.results.addTopLevelItem(case_item)
            case_item.setExpanded(True)
        count = len(found)
        self.status.setText(
            "No case matches." if not count else f"{count} case{'s' if count != 1 else ''} found."
        )

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.resultActivated.emit(int(item.data(0, CaseIdRole)), str(item.data(0, MeetingIdRole)))

    def _activate_first(self) -> None:
        self.run_search()
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)
            self._activated(first)
