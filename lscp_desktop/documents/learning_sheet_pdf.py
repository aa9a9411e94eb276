"""A learning sheet as a PDF, laid out like the Word version."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from lscp_desktop.date_text import written_date
from lscp_desktop.documents.learning_sheet_docx import sections
from lscp_desktop.documents.report_pdf import para, styles, write_pdf
from lscp_desktop.review.learning_sheet import LearningSheetContent


def write_learning_sheet_pdf(path: Path, content: LearningSheetContent) -> None:
    sheet = styles()
    story: list[Flowable] = [
        para(content.title, sheet["title"]),
        para(
            f"{content.organisation + ' · ' if content.organisation else ''}"
            f"Rapid Review of {written_date(content.review_date)} · {content.child_pseudonym} "
            f"({content.case_reference}) · Outcome: {content.recommendation}",
            sheet["small"],
        ),
    ]
    for heading, text in sections(content):
        story.append(para(heading, sheet["h2"]))
        blocks = [block.strip() for block in (text or "Not recorded.").split("\n") if block.strip()]
        story += [para(block, sheet["body"]) for block in blocks]
    story += [
        Spacer(1, 4 * mm),
        para(
            "This sheet names the child by pseudonym only. Share it within the partnership for "
            "learning and training; do not forward it outside.",
            sheet["small"],
        ),
    ]
    write_pdf(path, content.title, story)
