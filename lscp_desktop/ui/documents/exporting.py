"""The Export menu's and the end-of-meeting button's actions: save dialog, name check, write, open.

The main window wires these at merge, e.g.
    menu.addAction("Minutes (Word)…", lambda: export_minutes(self, store, meeting_id, "docx"))
Each returns the path chosen, or None if the user cancelled or the export failed (the failure is
shown in a message box; the store is never changed by a failed export). In the main window the
rendering and writing run as a background job (a long meeting's minutes take seconds): the file
opens, and the export is audited, when the job is done. Without a window's job runner (a bare
parent, tests) they run at once with a wait cursor, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from lscp_desktop.documents import files
from lscp_desktop.documents.circulate import file_stem
from lscp_desktop.documents.errors import ExportError
from lscp_desktop.documents.files import PreparedExport, note_export
from lscp_desktop.documents.meeting_record import MeetingRecord
from lscp_desktop.names.fields import Document
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.documents.name_check_dialog import NameCheckDialog, NameChoice
from lscp_desktop.ui.jobs import Job, JobRunner

FILTERS = {
    "docx": "Word document (*.docx)",
    "pdf": "PDF document (*.pdf)",
    "eml": "Email draft (*.eml)",
}


def export_folder(store: Store) -> Path:
    """Where a save dialog starts: the folder of the user's last export, else their Documents
    folder, else their home folder (never the app's working directory)."""
    with store.session() as session:
        last = settings.get(session, settings.EXPORT_FOLDER)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def remember_folder(store: Store, chosen: Path) -> None:
    folder = str(chosen.parent)
    with store.session() as session:
        if settings.get(session, settings.EXPORT_FOLDER) != folder:
            settings.put(session, settings.EXPORT_FOLDER, folder)


def _suggested(store: Store, record: MeetingRecord, what: str, extension: str) -> str:
    return str(export_folder(store) / f"{file_stem(record, what)}.{extension}")


def _choose(parent: QWidget | None, title: str, suggested: str, extension: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, FILTERS[extension])
    if not chosen:
        return None
    path = Path(chosen)
    return (
        path
        if path.suffix.lower() == f".{extension}"
        else path.with_name(f"{path.name}.{extension}")
    )


def check_names(
    parent: QWidget | None, store: Store, content: files.ExportContent
) -> tuple[NameChoice, files.ExportContent]:
    """What to do about names in the document: nothing found, replaced, redact, keep, cancel.

    When the user replaced names in the record, the content is read again so the file is
    written from the record as it now stands.
    """
    if not content.hits:
        return NameChoice.CLEAR, content
    meeting_id = content.record.meeting_id
    dialog = NameCheckDialog(
        store,
        meeting_id,
        list(content.hits),
        content.record.pseudonym,
        parent,
        document=content.document,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return NameChoice.CANCEL, content
    if dialog.replaced:
        content = files.read_content(store, meeting_id, content.document)
    return dialog.choice, content


Prepare = Callable[[Path, files.ExportContent, NameChoice], PreparedExport]


def window_jobs(parent: QWidget | None) -> JobRunner | None:
    """The background job runner of the window `parent` is in, if it has one."""
    if parent is None:
        return None
    jobs = getattr(parent.window(), "jobs", None)
    return jobs if isinstance(jobs, JobRunner) else None


def _run(
    parent: QWidget | None,
    store: Store,
    meeting_id: str,
    *,
    document: Document,
    title: str,
    what: str,
    extension: str,
    prepare: Prepare,
    open_after: bool = True,
) -> Path | None:
    try:
        # One read: the file name, the name check and the writer all use this content.
        content = files.read_content(store, meeting_id, document)
        suggested = _suggested(store, content.record, what, extension)
        target = _choose(parent, title, suggested, extension)
        if target is None:
            return None
        remember_folder(store, target)
        choice, content = check_names(parent, store, content)
        if choice is NameChoice.CANCEL:
            return None
        prepared = prepare(target, content, choice)  # read now, on the store's thread
    except ExportError as error:
        QMessageBox.warning(parent, f"{title} failed", str(error))
        return None

    def written(path: Path) -> None:
        note_export(store, prepared)
        notice = getattr(parent.window(), "export_notice", None) if parent is not None else None
        if notice is not None:
            notice.show_written(path)  # where it went, with "Open folder"
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, f"{title} failed", str(error))

    jobs = window_jobs(parent)
    if jobs is not None:
        jobs.run(Job(f"Writing {target.name}", lambda _progress: prepared.write(), written, failed))
        return target
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        path = prepared.write()
    except ExportError as error:
        failed(error)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    written(path)
    return path


def export_minutes(
    parent: QWidget | None, store: Store, meeting_id: str, fmt: str = "docx"
) -> Path | None:
    """Export menu > Minutes (Word or PDF)."""
    return _run(
        parent,
        store,
        meeting_id,
        title="Export minutes",
        what="Minutes",
        document=Document.MINUTES,
        extension=fmt,
        prepare=lambda target, content, choice: files.prepare_minutes(
            store,
            meeting_id,
            target,
            fmt,
            content=content,
            confirm_names=choice is NameChoice.KEEP,
            redact_names=choice is NameChoice.REDACT,
        ),
    )


def export_decision_record(parent: QWidget | None, store: Store, meeting_id: str) -> Path | None:
    """Export menu > Decision record (PDF); also the end-of-meeting button."""
    return _run(
        parent,
        store,
        meeting_id,
        title="Export decision record",
        what="Decision record",
        document=Document.DECISION_RECORD,
        extension="pdf",
        prepare=lambda target, content, choice: files.prepare_decision_record(
            store,
            meeting_id,
            target,
            content=content,
            confirm_names=choice is NameChoice.KEEP,
            redact_names=choice is NameChoice.REDACT,
        ),
    )


def circulate(
    parent: QWidget | None, store: Store, meeting_id: str, *, to_attendees: bool = False
) -> Path | None:
    """Export menu > Circulate…: an unsent email draft that opens in the user's mail client.

    `to_attendees=True` sends draft minutes to the people who attended for an accuracy check.
    """
    return _run(
        parent,
        store,
        meeting_id,
        title="Circulate minutes",
        what="Accuracy check" if to_attendees else "Circulation",
        document=Document.EMAIL_DRAFT,
        extension="eml",
        prepare=lambda target, content, choice: files.prepare_email_draft(
            store,
            meeting_id,
            target,
            to_attendees=to_attendees,
            content=content,
            confirm_names=choice is NameChoice.KEEP,
            redact_names=choice is NameChoice.REDACT,
        ),
    )


def export_rapid_review_report(
    parent: QWidget | None, store: Store, meeting_id: str
) -> Path | None:
    """Export menu > Rapid Review report (Word), for the Panel."""
    return _run(
        parent,
        store,
        meeting_id,
        title="Export Rapid Review report",
        what="Rapid Review",
        document=Document.RAPID_REVIEW_REPORT,
        extension="docx",
        prepare=lambda target, content, choice: files.prepare_rapid_review_report(
            store,
            meeting_id,
            target,
            content=content,
            confirm_names=choice is NameChoice.KEEP,
            redact_names=choice is NameChoice.REDACT,
        ),
    )
