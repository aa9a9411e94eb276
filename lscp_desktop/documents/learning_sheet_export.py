"""Writing a learning sheet to a file, as Word or PDF by the file's extension.

Here, beside the writers, rather than in review/: the review's rules (what the sheet holds, the
name check) know nothing of document writers, and the writers need only the sheet's content.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from lscp_desktop.documents.learning_sheet_docx import write_learning_sheet_docx
from lscp_desktop.documents.learning_sheet_pdf import write_learning_sheet_pdf
from lscp_desktop.review.learning_sheet import LearningSheetError, content_for_export


def export_learning_sheet(session: Session, meeting_id: str, path: Path) -> None:
    """Write the sheet as Word (.docx) or PDF (.pdf), chosen by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise LearningSheetError(
            f"Save the learning sheet as .docx or .pdf, not {suffix or 'no extension'}."
        )
    content = content_for_export(session, meeting_id)  # refuses a sheet naming the child
    if suffix == ".docx":
        write_learning_sheet_docx(Path(path), content)
    else:
        write_learning_sheet_pdf(Path(path), content)
