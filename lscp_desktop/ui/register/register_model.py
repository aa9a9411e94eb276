"""The table model behind the case register: all rows in memory, shown a page at a time.

The rows come from lscp_desktop.cases.register in one query; the view asks for more
(canFetchMore/fetchMore) as the user scrolls, so the first paint of ten thousand cases costs
one page of cells, and filtering rebuilds a list of tuples rather than the view.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from lscp_desktop.cases.register import RegisterRow, days_left_words, matching
from lscp_desktop.date_text import numeric_date
from lscp_desktop.models.enums import CaseStatus
from lscp_desktop.vocabulary import CASE_KINDS

PAGE = 200
OVERDUE_COLOUR = QColor("#b00020")
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    REFERENCE = 0
    PSEUDONYM = 1
    AGENCY = 2
    STATUS = 3
    DEADLINE = 4
    DAYS_LEFT = 5


HEADERS = {
    Column.REFERENCE: "Reference",
    Column.PSEUDONYM: "Pseudonym",
    Column.AGENCY: "Referring agency",
    Column.STATUS: "Status",
    Column.DEADLINE: "Next deadline",
    Column.DAYS_LEFT: "Working days left",
}


def _deadline_text(row: RegisterRow) -> str:
    if row.deadline_kind is None:
        return ""
    if row.deadline is None:
        return f"{row.deadline_kind.value}: date notified needed"
    text = f"{row.deadline_kind.value}: {numeric_date(row.deadline)}"
    if row.next_check is not None:  # the CSPR's next progress check (regulation 14)
        text += f"; next check {numeric_date(row.next_check)}"
    return text


def _days_text(row: RegisterRow) -> str:
    return "" if row.days_left is None else days_left_words(row.days_left)


def _sort_key(column: Column) -> Callable[[RegisterRow], Any]:
    if column is Column.REFERENCE:
        return lambda row: row.reference.lower()
    if column is Column.PSEUDONYM:
        return lambda row: row.pseudonym.lower()
    if column is Column.AGENCY:
        return lambda row: row.agency.lower()
    if column is Column.STATUS:
        return lambda row: row.status_label
    return lambda row: row.deadline or dt.date.max  # deadline and days left order alike


class RegisterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[RegisterRow] = []
        self._shown: list[RegisterRow] = []
        self._fetched = 0
        self._text = ""
        self._statuses: Collection[CaseStatus] | None = None
        self._archived: bool | None = None
        # Checked-out cases (cases/checkouts.py): a note by reference.
        self.notes: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in ---

    def set_rows(self, rows: list[RegisterRow]) -> None:
        """Replace every row (after a change in the store), keeping the filter."""
        self._all = rows
        self._refilter()

    def set_filter(
        self,
        text: str,
        statuses: Collection[CaseStatus] | None,
        archived: bool | None = False,
    ) -> None:
        self._text = text
        self._statuses = statuses
        self._archived = archived
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = matching(self._all, self._text, self._statuses, self._archived)
        self._fetched = min(PAGE, len(self._shown))
        self.endResetModel()

    # --- what the view asks ---

    @property
    def total_matching(self) -> int:
        return len(self._shown)

    @property
    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> RegisterRow | None:
        return self._shown[row] if 0 <= row < self._fetched else None

    def row_of_case(self, case_id: int) -> int | None:
        """The row showing a case, fetching pages until it is in view; None if filtered out."""
        for position, row in enumerate(self._shown):
            if row.case_id == case_id:
                while position >= self._fetched:
                    self.fetchMore(QModelIndex())
                return position
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._fetched < len(self._shown)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._shown) - self._fetched)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._fetched, self._fetched + more - 1)
        self._fetched += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._fetched:
            return None
        row = self._shown[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column is Column.REFERENCE:
                return row.reference
            if column is Column.PSEUDONYM:
                return row.pseudonym
            if column is Column.AGENCY:
                return row.agency
            if column is Column.STATUS:
                if row.reference in self.notes:
                    return f"{row.status_label} (checked out)"
                return row.status_label
            if column is Column.DEADLINE:
                return _deadline_text(row)
            return _days_text(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and column >= Column.DEADLINE:
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and row.overdue and column >= Column.DEADLINE:
            return self._bold  # not by colour alone
        if role == Qt.ItemDataRole.ToolTipRole:  # a cell too narrow for its text shows it here
            if column is Column.STATUS and self.notes.get(row.reference):
                return self.notes.get(row.reference)  # who holds the case checked out, since when
            if column >= Column.DEADLINE and row.deadline:
                return f"{_deadline_text(row)} ({_days_text(row)})"
            if column <= Column.PSEUDONYM:  # which notification this is, in the law's words
                return (
                    f"{self.data(index, Qt.ItemDataRole.DisplayRole)}: {CASE_KINDS[row.case_kind]}"
                )
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == SORT_ROLE:
            return _sort_key(column)(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Python's sort is stable: equal keys keep the urgency order the register came in.
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._shown[index.row()].case_id, index.column()) for index in persistent]
        key = _sort_key(Column(column))
        reverse = order is Qt.SortOrder.DescendingOrder
        self._all.sort(key=key, reverse=reverse)
        self._shown.sort(key=key, reverse=reverse)
        # Keep the selection on the same cases wherever they moved to.
        rows = {row.case_id: position for position, row in enumerate(self._shown)}
        moved = [
            self.index(rows[case_id], column) if rows[case_id] < self._fetched else QModelIndex()
            for case_id, column in remembered
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
