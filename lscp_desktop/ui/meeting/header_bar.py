"""The meeting window's header: title, meeting clock, time on this step, save indicator, buttons.

Only shows what the meeting view tells it; the view owns the timers and the saving.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lscp_desktop.ui.meeting.fields import scaled_font
from lscp_desktop.ui.widgets.elided_label import ElidedLabel


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class HeaderBar(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        # The title gives way ("…") before the clocks and buttons do: the window never grows
        # past a laptop's screen for a long case reference.
        self.title = ElidedLabel(title)
        self.title.setFont(scaled_font(self.title, 1.2, bold=True))
        header.addWidget(self.title, 1)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("meetingClock")
        self.clock_label.setAccessibleName("Meeting clock")
        self.step_clock_label = QLabel()
        self.step_clock_label.setObjectName("stepClock")
        self.step_clock_label.setAccessibleName("Time on this step")
        self.save_label = QLabel("Saved")
        self.save_label.setObjectName("saveIndicator")
        self.save_label.setAccessibleName("Save status")
        self.show_save_state("Saved", False)
        for label in (self.clock_label, self.step_clock_label, self.save_label):
            label.setFont(scaled_font(label, 1.05))
            header.addWidget(label)
            header.addSpacing(10)
        self.projector_button = QPushButton("Projector (F5)")
        self.projector_button.setAccessibleName("Show the projector view")
        self.help_button = QPushButton("Shortcuts (F1)")
        self.help_button.setAccessibleName("Keyboard shortcuts")
        self.close_button = QPushButton("Leave meeting")
        self.close_button.setAccessibleName("Leave the meeting window")
        for button in (self.projector_button, self.help_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            header.addWidget(button)

    def show_clocks(
        self, running: bool, meeting_seconds: float, step_seconds: float, *, started: bool = True
    ) -> None:
        if not started:  # set up, not yet started by the chair: no clock to show
            self.clock_label.setText("Meeting not started")
            self.step_clock_label.setText("")
            return
        words = "Meeting" if running else "Meeting took"
        self.clock_label.setText(f"{words} {clock_text(meeting_seconds)}")
        self.step_clock_label.setText(f"This step {clock_text(step_seconds)}")

    def show_save_state(self, text: str, failed: bool) -> None:
        self.save_label.setText(text)
        colour = "#a4262c" if failed else ("#555" if text != "Saved" else "#2b6e35")
        self.save_label.setStyleSheet(f"color:{colour};" + ("font-weight:bold;" if failed else ""))
