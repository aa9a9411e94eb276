"""Where the last export went, in the status bar, with a button that opens its folder.

An export is written where the user chose, often in a hurry at the end of a meeting; this says
where, for as long as the window is open, and opens the folder in the file manager (a local
folder: nothing leaves the machine).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class ExportNotice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setObjectName("lastExport")
        self.open_button = QPushButton("Open folder")
        self.open_button.setAccessibleName("Open the folder of the last export")
        self.open_button.setFlat(True)
        self.open_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        self.hide()

    def show_written(self, path: Path) -> None:
        self.path = path
        self.label.setText(f"Written: {path.name}")
        self.label.setToolTip(str(path))
        self.setToolTip(f"The last export is {path}")
        self.show()

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
