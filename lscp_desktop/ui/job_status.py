"""The status bar's view of background work: the job's name and a progress bar while it runs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from lscp_desktop.ui.jobs import JobRunner


class JobStatus(QWidget):
    """Hidden when idle; "Backing up…" with a busy or filling bar while a job runs."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Progress of the background work")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        jobs.started.connect(self._started)
        jobs.progressed.connect(self._progressed)
        jobs.finished.connect(self._finished)
        self._jobs = jobs
        self.hide()

    def _started(self, name: str) -> None:
        self.label.setText(f"{name}…")
        self.bar.setRange(0, 0)  # busy until the job says how far it is
        self.show()

    def _progressed(self, name: str, text: str, done: int, total: int) -> None:
        self.label.setText(f"{name}: {text}" if text else f"{name}…")
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _finished(self, _name: str, _ok: bool) -> None:
        if not self._jobs.busy:
            self.hide()
