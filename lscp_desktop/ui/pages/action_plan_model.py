"""The action plan's table: one `ActionRow` a row, overdue actions standing out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from lscp_desktop.date_text import numeric_date
from lscp_desktop.review.action_plan import ActionRow
from lscp_desktop.vocabulary import ACTION_STATUSES

ActionIdRole = Qt.ItemDataRole.UserRole + 1
OverdueRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "Action",
    "Case",
    "Owner",
    "Agency",
    "Due",
    "Open since",
    "Days overdue",
    "Status",
    "Latest progress",
)
OVERDUE_BACKGROUND = QColor("#FBE3E3")
OVERDUE_TEXT = QColor("#8B0000")
ModelIndex = QModelIndex | QPersistentModelIndex


class ActionPlanModel(QAbstractTableModel):
    """Rows of `ActionRow`; ActionIdRole gives the action's id, OverdueRole whether overdue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []

    def set_rows(self, rows: list[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _text(self, row: ActionRow, column: int) -> str:
        values = (
            ("Immediate: " if row.immediate else "") + row.description,
            f"{row.child_pseudonym} ({row.case_reference})",
            row.owner,
            row.agency,
            numeric_date(row.due),
            numeric_date(row.open_since),
            str(row.days_overdue) if row.overdue else "",
            ACTION_STATUSES[row.status] + (" — overdue" if row.overdue else ""),
            f"{numeric_date(row.last_note_on)}: {row.last_note}" if row.last_note else "",
        )
        return values[column]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.description if index.column() == 0 else self._text(row, index.column())
        if role == ActionIdRole:
            return row.action_id
        if role == OverdueRole:
            return row.overdue
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None
