"""A Rapid Review's learning sheet: drafted from its record, edited, exported to Word or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.review import learning_sheet
from lscp_desktop.review.learning_sheet import FIELD_LABELS, LearningSheetError
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.exporting import export_folder, remember_folder
from lscp_desktop.ui.meeting.fields import note, text_box

FORMATS = {
    ".docx": ("Export the learning sheet as Word", "Word document (*.docx)"),
    ".pdf": ("Export the learning sheet as PDF", "PDF document (*.pdf)"),
}


class LearningSheetDialog(QDialog):
    """Everything on the sheet is editable; Save (or an export) keeps the edits."""

    def __init__(self, store: Store, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        with store.session() as session:
            sheet = learning_sheet.open_learning_sheet(session, meeting_id)
            texts = {field: getattr(sheet, field) or "" for field in learning_sheet.FIELDS}
            case = sheet.meeting.case
            self._stem = f"Learning sheet {case.reference} {case.child_pseudonym}"
            self.setWindowTitle(f"Learning sheet — {case.child_pseudonym} ({case.reference})")
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Drafted from the Rapid Review's minutes and actions, with the child named by "
                "pseudonym. Edit it for partners' training leads, then export it."
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.title = QLineEdit(texts["title"])
        self.title.setAccessibleName(FIELD_LABELS["title"])
        form.addRow(f"&{FIELD_LABELS['title']}:", self.title)
        self.boxes: dict[str, QPlainTextEdit] = {}
        for field in learning_sheet.FIELDS[1:]:
            box = text_box(FIELD_LABELS[field], texts[field], lines=5)
            self.boxes[field] = box
            form.addRow(f"{FIELD_LABELS[field]}:", box)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("learningSheetMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.redraft_button = QPushButton("&Redraft from the record…")
        self.redraft_button.setAccessibleName("Redraft from the record")
        self.redraft_button.clicked.connect(self.redraft)
        self.word_button = QPushButton("Export &Word…")
        self.word_button.setAccessibleName("Export as Word")
        self.word_button.clicked.connect(lambda: self.export(".docx"))
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.setAccessibleName("Export as PDF")
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        for button in (self.redraft_button, self.word_button, self.pdf_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 700)

    def texts(self) -> dict[str, str]:
        values = {field: box.toPlainText() for field, box in self.boxes.items()}
        values["title"] = self.title.text()
        return values

    def save(self) -> None:
        with self.store.session() as session:
            learning_sheet.save_learning_sheet(session, self.meeting_id, self.texts())

    def accept(self) -> None:
        self.save()
        super().accept()

    def redraft(self) -> None:
        answer = QMessageBox.question(
            self,
            "Redraft the learning sheet",
            "Replace the text on the sheet with a fresh draft from the Rapid Review's record? "
            "Your edits to the sheet will be lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.store.session() as session:
            sheet = learning_sheet.redraft(session, self.meeting_id)
            texts = {field: getattr(sheet, field) or "" for field in learning_sheet.FIELDS}
        self.title.setText(texts["title"])
        for field, box in self.boxes.items():
            box.setPlainText(texts[field])
        self.message.setText("Redrafted from the record.")

    def export(self, suffix: str) -> Path | None:
        """Save the edits, ask where to write the file, write it and open it."""
        caption, filter_ = FORMATS[suffix]
        folder = export_folder(self.store)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, caption, str(folder / (self._stem + suffix)), filter_
        )
        if not chosen:
            return None
        path = Path(chosen)
        remember_folder(self.store, path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        # The Word and PDF writers load when a sheet is first exported, not with the window.
        from lscp_desktop.documents.learning_sheet_export import export_learning_sheet

        try:
            self.save()
            with self.store.session() as session:
                export_learning_sheet(session, self.meeting_id, path)
        except (LearningSheetError, OSError) as error:
            QMessageBox.warning(self, "The learning sheet was not exported", str(error))
            return None
        self.message.setText(f"Exported to {path}.")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
