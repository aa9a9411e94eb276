"""The shared screen: the current step, the opinion matrix and the clock, in large type.

It is given the child's pseudonym and nothing else about the child, so the real name cannot
reach a projector.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lscp_desktop.meeting.contributions import OpinionRow
from lscp_desktop.ui.meeting.fields import scaled_font
from lscp_desktop.ui.meeting.opinion_matrix import OpinionMatrix

SCALE = 2.0


class ProjectorView(QWidget):
    def __init__(self, pseudonym: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
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
    ) -> None:
        self.step.setText(step_title)
        self.progress.setText(f"Step {index + 1} of {total} · this step {step_clock}")
        self.clock.setText(meeting_clock)
        self.matrix.show_rows(rows)
