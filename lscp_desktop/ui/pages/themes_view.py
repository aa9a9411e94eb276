"""Learning themes: edit the list and see how often each theme recurs across cases."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.review.themes import (
    ThemeError,
    add_theme,
    delete_theme,
    rename_theme,
    theme_counts,
)
from lscp_desktop.store.database import Store
from lscp_desktop.vocabulary import counted

ThemeIdRole = Qt.ItemDataRole.UserRole + 1


def ask_user(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Remove theme", question)
    return answer == QMessageBox.StandardButton.Yes


class ThemesView(QWidget):
    """The theme list with case counts (most used first); add, rename, remove."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        confirm: Callable[[QWidget, str], bool] = ask_user,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._confirm = confirm
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Theme", "Cases"])
        self.table.setAccessibleName("Learning themes and how many cases carry each")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Theme name")
        self.name_edit.setPlaceholderText("Theme name")
        self.name_edit.returnPressed.connect(self.add_clicked)
        self.add_button = QPushButton("&Add")
        self.rename_button = QPushButton("&Rename")
        self.remove_button = QPushButton("Re&move")
        self.add_button.clicked.connect(self.add_clicked)
        self.rename_button.clicked.connect(self.rename_clicked)
        self.remove_button.clicked.connect(self.remove_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.name_edit, 1)
        for button in (self.add_button, self.rename_button, self.remove_button):
            edit_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Which learning themes recur: cases tagged with each theme."))
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_theme_id()
        with self._store.session() as session:
            counts = theme_counts(session)
        self.table.setRowCount(len(counts))
        for row, count in enumerate(counts):
            name = QTableWidgetItem(count.name)
            name.setData(ThemeIdRole, count.theme_id)
            cases = QTableWidgetItem(str(count.cases))
            cases.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, cases)
            if count.theme_id == chosen:
                self.table.selectRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()

    def rows(self) -> list[tuple[str, int]]:
        """What the table shows, top to bottom: (theme, cases)."""
        return [
            (self._cell(row, 0), int(self._cell(row, 1))) for row in range(self.table.rowCount())
        ]

    def select_theme(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self._cell(row, 0) == name:
                self.table.selectRow(row)
                return

    def selected_theme_id(self) -> int | None:
        items = [item for item in self.table.selectedItems() if item.column() == 0]
        return int(items[0].data(ThemeIdRole)) if items else None

    def _selection_changed(self) -> None:
        items = [item for item in self.table.selectedItems() if item.column() == 0]
        if items:
            self.name_edit.setText(items[0].text())

    def _run(self, change: Callable[[], str]) -> None:
        try:
            self.message.setText(change())
        except ThemeError as error:
            self.message.setText(str(error))
            return
        self.refresh()
        self.changed.emit()

    def add_clicked(self) -> None:
        def change() -> str:
            with self._store.session() as session:
                theme = add_theme(session, self.name_edit.text())
                return f"Added “{theme.name}”."

        self._run(change)

    def rename_clicked(self) -> None:
        theme_id = self.selected_theme_id()
        if theme_id is None:
            self.message.setText("Choose the theme to rename.")
            return

        def change() -> str:
            with self._store.session() as session:
                return (
                    f"Renamed to “{rename_theme(session, theme_id, self.name_edit.text()).name}”."
                )

        self._run(change)

    def remove_clicked(self) -> None:
        theme_id = self.selected_theme_id()
        if theme_id is None:
            self.message.setText("Choose the theme to remove.")
            return
        row = self.table.currentRow()
        name, cases = self._cell(row, 0), int(self._cell(row, 1) or 0)
        if cases and not self._confirm(
            self,
            f"“{name}” is tagged on {counted(cases, 'case')}. Remove it from them and delete it?",
        ):
            return

        def change() -> str:
            with self._store.session() as session:
                delete_theme(session, theme_id, untag_cases=cases > 0)
            return f"Removed “{name}”."

        self._run(change)
