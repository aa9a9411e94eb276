"""The annual figures from the GUI: choose a period and a format, save the file.

The figures are counted on the GUI thread (a few queries); laying out and writing the file, the
slow part, is a background job, during which the dialog says so and Save waits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.clock import london_today
from lscp_desktop.documents.annual_export import write_figures
from lscp_desktop.review.annual_report import (
    AnnualFigures,
    ReportPeriodError,
    annual_figures,
    check_period,
)
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.exporting import export_folder, remember_folder
from lscp_desktop.ui.jobs import Job, JobRunner
from lscp_desktop.ui.register.date_fields import DayEdit  # Tab leaves, no year-2000 default
from lscp_desktop.vocabulary import counted

FORMATS = (("PDF — tables and charts", "pdf"), ("JSON — the numbers", "json"))


def last_reporting_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last complete April-to-March year, as partnerships report."""
    end_year = today.year if today >= dt.date(today.year, 4, 1) else today.year - 1
    return dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(QDialog):
    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        jobs: JobRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annual figures")
        self._store = store
        self.jobs = jobs if jobs is not None else JobRunner(self)
        start, end = last_reporting_year(today or london_today())
        self.from_edit = self._date_edit(start, "First day of the period")
        self.to_edit = self._date_edit(end, "Last day of the period")
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format")
        for label, value in FORMATS:
            self.format_combo.addItem(label, value)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("File to save")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.clicked.connect(self.browse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Report status")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&From", self.from_edit)
        form.addRow("&To", self.to_edit)
        form.addRow("F&ormat", self.format_combo)
        save_as = QLabel("&Save as:")  # a row of two widgets: the label needs a buddy
        save_as.setBuddy(self.path_edit)
        form.addRow(save_as, path_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Both dates are included. The report states how each figure is counted.")
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._format_changed()

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = DayEdit(_qdate(day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        return edit

    def report_format(self) -> str:
        return str(self.format_combo.currentData())

    def _format_changed(self) -> None:
        start, end = self.period()
        suffix = self.report_format()
        current = self.path_edit.text().strip()
        if not current or Path(current).name.startswith("learning-from-reviews-"):
            folder = Path(current).parent if current else export_folder(self._store)
            self.path_edit.setText(str(folder / f"learning-from-reviews-{start}-to-{end}.{suffix}"))
        elif Path(current).suffix.lower() in (".pdf", ".json"):
            self.path_edit.setText(str(Path(current).with_suffix(f".{suffix}")))

    def period(self) -> tuple[dt.date, dt.date]:
        start: dt.date = self.from_edit.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.to_edit.date().toPython()  # type: ignore[assignment]
        return start, end

    def browse(self) -> None:
        suffix = self.report_format()
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the annual figures", self.path_edit.text(), f"{suffix.upper()} (*.{suffix})"
        )
        if name:
            self.path_edit.setText(name)
            remember_folder(self._store, Path(name))

    def save(self) -> bool:
        """Start writing the report (a background job); problems are shown in the dialog, which
        stays open. True when the writing was started."""
        start, end = self.period()
        try:
            check_period(start, end)
        except ReportPeriodError as error:
            self.message.setText(str(error))
            return False
        text = self.path_edit.text().strip()
        if not text:
            self.message.setText("Choose where to save the report.")
            return False
        path = Path(text)
        if not path.parent.is_dir():
            self.message.setText(f"The folder {path.parent} does not exist.")
            return False
        try:
            with self._store.session() as session:
                figures = annual_figures(session, start, end)
                organisation = settings.get(session, settings.ORGANISATION)
        except OSError as error:
            self.message.setText(f"Could not read the figures: {error.strerror or error}")
            return False
        report_format = self.report_format()

        def write(_progress: object) -> AnnualFigures:
            write_figures(path, figures, report_format, organisation)
            return figures

        self.save_button.setEnabled(False)
        self.message.setText(f"Writing {path.name}…")
        self.jobs.run(Job(f"Writing {path.name}", write, self._saved(path), self._failed(path)))
        return True

    def _saved(self, path: Path) -> Callable[[AnnualFigures], None]:
        def saved(figures: AnnualFigures) -> None:
            self.save_button.setEnabled(True)
            self.message.setText(
                f"Saved {path}: {counted(figures.referrals, 'referral')}, "
                f"{figures.notified} notified, {counted(figures.rapid_reviews, 'Rapid Review')}, "
                f"{counted(figures.cspr_commissioned, 'CSPR')} commissioned."
            )

        return saved

    def _failed(self, path: Path) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            self.save_button.setEnabled(True)
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.message.setText(f"Could not save {path}: {reason}")

        return failed
