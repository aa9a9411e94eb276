"""The Help menu's screens: keyboard shortcuts, and About with the version."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import version
from lscp_desktop.ui.widgets.sizing import fit_to_screen

# Shortcuts that belong to widgets rather than menu actions, so they are listed by hand.
WIDGET_SHORTCUTS: list[tuple[str, str]] = [
    ("Enter (in the register)", "Edit the chosen case"),
    ("Enter (on a meeting)", "Open the meeting"),
    ("Alt + underlined letter", "Go to that field or button"),
    ("Tab / Shift+Tab", "Next / previous field"),
    ("Ctrl+S (in the case form)", "Save the case"),
    ("Escape", "Close a dialog without saving"),
]


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu action with a shortcut, then the widgets' own."""
    rows = []
    for action in actions:
        keys = action.shortcut().toString()
        if keys:
            rows.append((keys, action.text().replace("&", "").rstrip("…").strip()))
    return rows + WIDGET_SHORTCUTS


class ShortcutsDialog(QDialog):
    def __init__(
        self,
        actions: list[QAction],
        parent: QWidget | None = None,
        *,
        more: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(actions) + [
            (keys, f"In a meeting: {does}") for keys, does in more or []
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        for row, (keys, does) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(does))
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Every task can be done from the keyboard:"))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        fit_to_screen(self, 80, len(rows) * 3 // 2 + 11)  # rows are about 1.5 lines high


# How a meeting runs, in the order the app takes it: on the first start and under Help.
GUIDE = (
    "<p><b>How a meeting runs</b></p><ol>"
    "<li><b>New case</b> (Ctrl+N): the reference, the kind of notification, the day the Local "
    "Authority became aware (day 0) and each child by pseudonym.</li>"
    "<li><b>New meeting</b> on the case: the date, chair, minute-taker and invitees.</li>"
    "<li>Open it and <b>start</b> it; take each <b>step</b> in turn (Ctrl+PgDown). The minutes "
    "on the right are saved as you type.</li>"
    "<li><b>Conclude</b>: the minutes become a draft to read through and correct.</li>"
    "<li><b>Approve</b>: the minutes are locked; corrections become dated addenda.</li>"
    "<li><b>Export</b>: minutes (Word or PDF), the decision record, an email draft.</li>"
    "</ol><p>Every statutory deadline shows in the register, in working days.</p>"
)


def show_guide(parent: QWidget) -> None:
    QMessageBox.information(parent, "Getting started", GUIDE)


def about_text() -> str:
    return (
        f"<h3>LSCP Desktop {version()}</h3>"
        "<p>Extra-Ordinary RAG meetings, serious child safeguarding incident notification "
        "decisions and Rapid Reviews, for Local Safeguarding Children Partnerships.</p>"
        "<p>The records are OFFICIAL-SENSITIVE. They are kept encrypted on this computer; "
        "the app has no network connection, and everything it exports names the child by "
        "pseudonym only.</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About LSCP Desktop", about_text())
