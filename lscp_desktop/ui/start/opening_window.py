"""The app's frame while the records open: its title, the protective marking and what it is
doing, on screen within a moment of starting, so nobody wonders whether it started.

Shown only when the passphrase is already known (from the environment); the main window takes
its place, at the same size and position, once the store is open and the register is read.
Needs Qt only: nothing here imports SQLAlchemy or the models, which load meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

APP_TITLE = "LSCP Desktop"
OPENING = "Opening the records…"
MARKING = "OFFICIAL-SENSITIVE"


def main_window_size() -> tuple[int, int]:
    """The main window's starting size: up to 1400×900, within the screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1400, 900
    available = screen.availableGeometry()
    return min(1400, available.width()), min(900, available.height())


class OpeningWindow(QMainWindow):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_TITLE} — {path.name}")
        self.message = QLabel(OPENING)
        self.message.setObjectName("pageTitle")
        self.message.setAccessibleName(OPENING)
        detail = QLabel(f"Unlocking {path.name} and reading the case register.")
        detail.setObjectName("hint")
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addStretch(1)
        for label in (self.message, detail):
            # Centred by stretches, not Qt.AlignmentFlag: Qt's enum namespace costs ~30 ms
            # to load on first use, and this window is what must appear at once.
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)
        self.setCentralWidget(centre)
        marking = QLabel(MARKING)
        marking.setAccessibleName(f"Protective marking: {MARKING}")
        self.statusBar().addPermanentWidget(marking)
        self.statusBar().showMessage(OPENING)
        self.resize(*main_window_size())

    def hand_over_to(self, window: QWidget) -> None:
        """Put `window` where this one is, then close this one: the frame becomes the app."""
        window.setGeometry(self.geometry())
        if self.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.close()
