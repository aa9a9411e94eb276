"""The shared screen: the current step and its substance (the opinions while partners are
heard, then the criteria, the decision and the deadlines), and the clock, in large type.

It is given the pseudonyms and text already made safe, nothing else about the children, so a
real name cannot reach a projector. It never takes the keyboard from the chair's window, and
on a single (mirrored) screen it opens beside the chair's window rather than over it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lscp_desktop.meeting.contributions import OpinionRow
from lscp_desktop.ui.meeting.fields import scaled_font
from lscp_desktop.ui.meeting.opinion_matrix import OpinionMatrix

SCALE = 2.0


class ProjectorView(QWidget):
    def __init__(self, pseudonym: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        # Ctrl+PgDown and typing stay with the chair's window: the projector is looked at only.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(f"{pseudonym} — shared screen")
        self.setObjectName("projectorView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        top = QHBoxLayout()
        self.child = QLabel(pseudonym)
        self.child.setFont(scaled_font(self.child, SCALE * 0.8, bold=True))
        top.addWidget(self.child)
        top.addStretch(1)
        self.clock = QLabel()
        self.clock.setObjectName("projectorClock")
        self.clock.setFont(scaled_font(self.clock, SCALE * 0.8))
        top.addWidget(self.clock)
        layout.addLayout(top)
        self.progress = QLabel()
        self.progress.setFont(scaled_font(self.progress, SCALE * 0.7))
        layout.addWidget(self.progress)
        self.step = QLabel()
        self.step.setObjectName("projectorStep")
        self.step.setWordWrap(True)
        self.step.setFont(scaled_font(self.step, SCALE * 1.3, bold=True))
        layout.addWidget(self.step)
        layout.addSpacing(24)
        self.matrix = OpinionMatrix(scale=SCALE)
        layout.addWidget(self.matrix)
        self.substance = QLabel()
        self.substance.setObjectName("projectorSubstance")
        self.substance.setWordWrap(True)
        self.substance.setFont(scaled_font(self.substance, SCALE * 0.75))
        layout.addWidget(self.substance)
        layout.addStretch(1)
        marking = QLabel("OFFICIAL-SENSITIVE")
        marking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        marking.setFont(scaled_font(marking, 1.2, bold=True))
        layout.addWidget(marking)
        self.resize(1024, 700)

    def show_state(
        self,
        step_title: str,
        index: int,
        total: int,
        *,
        meeting_clock: str,
        step_clock: str,
        rows: Sequence[OpinionRow],
        substance: str = "",
    ) -> None:
        """`substance`: the step's own content in a few lines; the opinions show as the matrix
        on the steps where partners are heard (no substance given)."""
        self.step.setText(step_title)
        self.progress.setText(f"Step {index + 1} of {total} · this step {step_clock}")
        self.clock.setText(meeting_clock)
        self.matrix.show_rows(rows)
        self.matrix.setVisible(bool(rows) and not substance)
        self.substance.setText(substance)
        self.substance.setVisible(bool(substance))

    def place_beside(self, chair_window: QWidget) -> None:
        """Full screen on another screen when there is one; on a single (mirrored) screen, a
        window in the part of the screen the chair's window leaves, never over it."""
        chair_screen = chair_window.screen()
        others = [s for s in QGuiApplication.screens() if s is not chair_screen]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
            return
        area = chair_screen.availableGeometry() if chair_screen is not None else None
        if area is not None:
            self.resize(area.width() // 2, area.height() // 2)
            self.move(area.right() - self.width(), area.bottom() - self.height())
        self.show()
        # The chair's window stays in front, and keeps the keyboard.
        chair_window.raise_()
        chair_window.activateWindow()
